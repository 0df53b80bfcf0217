package io.jgrad.core;

/**
 * Element types of a {@link Tensor}, with PyTorch's names and type-promotion rules.
 *
 * <p>Promotion follows PyTorch's categories: bool &lt; integral &lt; floating. Mixing categories
 * takes the higher category (int64 + float32 = float32); within a category the wider type wins
 * (float32 + float64 = float64).
 */
public enum DType {
    /** 32-bit IEEE float, the default dtype (PyTorch {@code torch.float32}). */
    FLOAT32("float32", 4),
    /** 64-bit IEEE float ({@code torch.float64}). */
    FLOAT64("float64", 8),
    /** 64-bit signed integer ({@code torch.int64}), used for indices and class labels. */
    INT64("int64", 8),
    /** Boolean ({@code torch.bool}), produced by comparisons and used as masks. */
    BOOL("bool", 1);

    private final String pyName;
    private final int byteSize;

    DType(String pyName, int byteSize) {
        this.pyName = pyName;
        this.byteSize = byteSize;
    }

    /** PyTorch's name of this dtype, e.g. {@code "float32"}. */
    public String pyName() {
        return pyName;
    }

    /** Bytes per element in the binary formats (safetensors, PyTorch files). */
    public int byteSize() {
        return byteSize;
    }

    /** True for FLOAT32 and FLOAT64. */
    public boolean isFloating() {
        return this == FLOAT32 || this == FLOAT64;
    }

    private int category() {
        return switch (this) {
            case BOOL -> 0;
            case INT64 -> 1;
            case FLOAT32, FLOAT64 -> 2;
        };
    }

    /** The dtype PyTorch computes in when this dtype meets {@code other} in a binary op. */
    public DType promote(DType other) {
        if (this == other) return this;
        int a = category(), b = other.category();
        if (a != b) return a > b ? this : other;
        return (this == FLOAT64 || other == FLOAT64) ? FLOAT64 : this;
    }

    /** The dtype of the result when a Java number meets a tensor of this dtype (PyTorch's wrapped-number rule). */
    public DType promoteWithScalar(double value) {
        if (isFloating()) return this;
        boolean integral = value == Math.rint(value) && !Double.isInfinite(value);
        if (this == INT64) return integral ? INT64 : FLOAT32;
        return integral ? INT64 : FLOAT32;
    }

    /** Parses PyTorch's dtype name ({@code "float32"}, {@code "float"}, {@code "long"}, ...). */
    public static DType fromPyName(String name) {
        return switch (name) {
            case "float32", "float" -> FLOAT32;
            case "float64", "double" -> FLOAT64;
            case "int64", "long" -> INT64;
            case "bool" -> BOOL;
            default -> throw new IllegalArgumentException("unknown dtype '" + name + "'");
        };
    }

    @Override
    public String toString() {
        return pyName;
    }
}
