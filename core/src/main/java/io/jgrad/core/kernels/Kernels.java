package io.jgrad.core.kernels;

import io.jgrad.core.DType;
import io.jgrad.core.ops.Op;

/**
 * Chooses between the SIMD kernels (Vector API) and their scalar reference twins, once, when the
 * class loads — the choice is a static final, so the JIT folds it away.
 *
 * <p>SIMD is used unless {@code -Djgrad.kernels=scalar} is given or the {@code jdk.incubator.vector}
 * module is missing (then a warning says to add {@code --add-modules jdk.incubator.vector}).
 */
public final class Kernels {
    private Kernels() {}

    /** True if the SIMD kernels are in use. */
    public static final boolean SIMD = chooseSimd();

    private static boolean chooseSimd() {
        String forced = System.getProperty("jgrad.kernels", "");
        if (forced.equalsIgnoreCase("scalar")) return false;
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (!present) {
            System.getLogger("io.jgrad").log(System.Logger.Level.WARNING,
                    "jgrad: jdk.incubator.vector is not available, using the scalar kernels (much slower); "
                            + "run java with --add-modules jdk.incubator.vector");
        }
        return present;
    }

    /** The kernels of a dtype. */
    public static DTypeKernels of(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> FloatKernels.INSTANCE;
            case FLOAT64 -> DoubleKernels.INSTANCE;
            case INT64 -> LongKernels.INSTANCE;
            case BOOL -> BoolKernels.INSTANCE;
        };
    }

    /** A short name of the kernels in use, for logs and benchmark reports. */
    public static String describe() {
        return SIMD ? "vector(" + jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit)" : "scalar";
    }

    static UnsupportedOperationException unsupported(Op op, String type) {
        return new UnsupportedOperationException(op.pyName() + ": not implemented for dtype " + type);
    }
}
