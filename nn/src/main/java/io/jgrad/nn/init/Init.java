package io.jgrad.nn.init;

import io.jgrad.autograd.Autograd;
import io.jgrad.core.Generator;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.core.kernels.SpecialFunctions;

/**
 * In-place initialisers with {@code torch.nn.init}'s formulas and error messages. Every random
 * one draws from the {@link Generator} it is given, or from {@link Generator#defaultGenerator()}
 * (seed it with {@code Tensor.manualSeed}). They run without recording autograd history, so they
 * work on parameters that require grad. Each returns the tensor it filled.
 *
 * <pre>{@code
 * Init.kaimingNormal_(conv.weight(), 0, FanMode.FAN_OUT, Nonlinearity.RELU, new Generator(0));
 * Init.zeros_(conv.bias());
 * }</pre>
 */
public final class Init {
    private Init() {}

    private static Generator defaultGen() {
        return Generator.defaultGenerator();
    }

    // ------------------------------------------------------------------ gains and fans

    /** {@code calculate_gain(nonlinearity)} with the default parameter (negative slope 0.01 for leaky ReLU). */
    public static double calculateGain(Nonlinearity nonlinearity) {
        return calculateGain(nonlinearity, null);
    }

    /**
     * The recommended gain for a nonlinearity ({@code torch.nn.init.calculate_gain}): 1 for linear,
     * convolutions and sigmoid, 5/3 for tanh, sqrt(2) for ReLU, sqrt(2 / (1 + slope^2)) for leaky
     * ReLU ({@code param} is the slope, default 0.01) and 3/4 for SELU.
     */
    public static double calculateGain(Nonlinearity nonlinearity, Double param) {
        return switch (nonlinearity) {
            case LINEAR, CONV1D, CONV2D, CONV3D, CONV_TRANSPOSE1D, CONV_TRANSPOSE2D, CONV_TRANSPOSE3D, SIGMOID -> 1;
            case TANH -> 5.0 / 3;
            case RELU -> Math.sqrt(2.0);
            case LEAKY_RELU -> {
                double slope = param == null ? 0.01 : param;
                yield Math.sqrt(2.0 / (1 + slope * slope));
            }
            case SELU -> 3.0 / 4;
        };
    }

    /**
     * PyTorch's {@code _calculate_fan_in_and_fan_out}: for a weight of shape (out, in, *kernel),
     * fan_in = in * prod(kernel) and fan_out = out * prod(kernel).
     */
    public static Fans fans(Tensor tensor) {
        if (tensor.dim() < 2)
            throw new IllegalArgumentException("init: fan in and fan out can not be computed for tensor with fewer than 2 dimensions, got shape "
                    + Shape.str(tensor.shape()));
        int receptive = 1;
        for (int d = 2; d < tensor.dim(); d++) receptive *= tensor.size(d);
        return new Fans(tensor.size(1) * receptive, tensor.size(0) * receptive);
    }

    private static int fan(Tensor tensor, FanMode mode) {
        Fans f = fans(tensor);
        return mode == FanMode.FAN_IN ? f.fanIn() : f.fanOut();
    }

    // ------------------------------------------------------------------ constant fills

    /** Fills with {@code value}. */
    public static Tensor constant_(Tensor tensor, double value) {
        try (Autograd.Scope ignored = Autograd.noGrad()) {
            return tensor.fill_(value);
        }
    }

    /** Fills with zeros. */
    public static Tensor zeros_(Tensor tensor) {
        return constant_(tensor, 0);
    }

    /** Fills with ones. */
    public static Tensor ones_(Tensor tensor) {
        return constant_(tensor, 1);
    }

    // ------------------------------------------------------------------ plain distributions

    /** Fills with U(a, b) from the default generator. */
    public static Tensor uniform_(Tensor tensor, double a, double b) {
        return uniform_(tensor, a, b, defaultGen());
    }

    /** Fills with U(a, b). */
    public static Tensor uniform_(Tensor tensor, double a, double b, Generator gen) {
        requireFloating("uniform_", tensor);
        try (Autograd.Scope ignored = Autograd.noGrad()) {
            return tensor.uniform_(gen, a, b);
        }
    }

    /** Fills with N(mean, std^2) from the default generator. */
    public static Tensor normal_(Tensor tensor, double mean, double std) {
        return normal_(tensor, mean, std, defaultGen());
    }

    /** Fills with N(mean, std^2). */
    public static Tensor normal_(Tensor tensor, double mean, double std, Generator gen) {
        requireFloating("normal_", tensor);
        try (Autograd.Scope ignored = Autograd.noGrad()) {
            return tensor.normal_(gen, mean, std);
        }
    }

    /** {@code truncNormal_(tensor, 0, 1, -2, 2)} from the default generator (PyTorch's defaults). */
    public static Tensor truncNormal_(Tensor tensor) {
        return truncNormal_(tensor, 0, 1, -2, 2, defaultGen());
    }

    /** Normal(mean, std^2) truncated to [a, b], from the default generator. */
    public static Tensor truncNormal_(Tensor tensor, double mean, double std, double a, double b) {
        return truncNormal_(tensor, mean, std, a, b, defaultGen());
    }

    /**
     * Fills with N(mean, std^2) truncated to [a, b] ({@code trunc_normal_}), by inverse-CDF
     * sampling as PyTorch does, so even a window far out in the tail costs one draw per element.
     */
    public static Tensor truncNormal_(Tensor tensor, double mean, double std, double a, double b, Generator gen) {
        requireFloating("trunc_normal_", tensor);
        if (!(a < b)) throw new IllegalArgumentException("trunc_normal_: the bounds must satisfy a < b, got a=" + a + ", b=" + b);
        if (!(std > 0)) throw new IllegalArgumentException("trunc_normal_: std must be positive, got " + std);
        double lo = normalCdf((a - mean) / std), hi = normalCdf((b - mean) / std);
        double[] v = new double[tensor.numel()];
        for (int i = 0; i < v.length; i++) {
            double x = mean + std * inverseNormalCdf(lo + (hi - lo) * gen.nextDouble());
            v[i] = Math.min(b, Math.max(a, x)); // clamp, as PyTorch, against rounding at the ends
        }
        return fill(tensor, v);
    }

    // ------------------------------------------------------------------ scaled initialisers

    /** {@code xavierUniform_(tensor, 1)} from the default generator. */
    public static Tensor xavierUniform_(Tensor tensor) {
        return xavierUniform_(tensor, 1, defaultGen());
    }

    /** Glorot uniform: U(-a, a) with a = gain * sqrt(6 / (fan_in + fan_out)). */
    public static Tensor xavierUniform_(Tensor tensor, double gain, Generator gen) {
        double bound = Math.sqrt(3.0) * xavierStd(tensor, gain);
        return uniform_(tensor, -bound, bound, gen);
    }

    /** {@code xavierNormal_(tensor, 1)} from the default generator. */
    public static Tensor xavierNormal_(Tensor tensor) {
        return xavierNormal_(tensor, 1, defaultGen());
    }

    /** Glorot normal: N(0, std^2) with std = gain * sqrt(2 / (fan_in + fan_out)). */
    public static Tensor xavierNormal_(Tensor tensor, double gain, Generator gen) {
        return normal_(tensor, 0, xavierStd(tensor, gain), gen);
    }

    private static double xavierStd(Tensor tensor, double gain) {
        Fans f = fans(tensor);
        return gain * Math.sqrt(2.0 / (f.fanIn() + f.fanOut()));
    }

    /** {@code kaimingUniform_} with PyTorch's defaults: a = 0, fan_in, leaky_relu (i.e. the ReLU gain sqrt(2)). */
    public static Tensor kaimingUniform_(Tensor tensor) {
        return kaimingUniform_(tensor, 0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, defaultGen());
    }

    /**
     * He uniform: U(-bound, bound) with bound = gain * sqrt(3 / fan), gain =
     * {@code calculateGain(nonlinearity, a)}. Layers use {@code a = sqrt(5)}, which gives
     * bound = 1 / sqrt(fan_in).
     */
    public static Tensor kaimingUniform_(Tensor tensor, double a, FanMode mode, Nonlinearity nonlinearity, Generator gen) {
        if (tensor.numel() == 0) return tensor; // PyTorch warns and leaves an empty tensor alone
        double bound = Math.sqrt(3.0) * kaimingStd(tensor, a, mode, nonlinearity);
        return uniform_(tensor, -bound, bound, gen);
    }

    /** {@code kaimingNormal_} with PyTorch's defaults: a = 0, fan_in, leaky_relu. */
    public static Tensor kaimingNormal_(Tensor tensor) {
        return kaimingNormal_(tensor, 0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, defaultGen());
    }

    /** He normal: N(0, std^2) with std = gain / sqrt(fan). */
    public static Tensor kaimingNormal_(Tensor tensor, double a, FanMode mode, Nonlinearity nonlinearity, Generator gen) {
        if (tensor.numel() == 0) return tensor;
        return normal_(tensor, 0, kaimingStd(tensor, a, mode, nonlinearity), gen);
    }

    private static double kaimingStd(Tensor tensor, double a, FanMode mode, Nonlinearity nonlinearity) {
        return calculateGain(nonlinearity, a) / Math.sqrt(fan(tensor, mode));
    }

    /** {@code orthogonal_(tensor, 1)} from the default generator. */
    public static Tensor orthogonal_(Tensor tensor) {
        return orthogonal_(tensor, 1, defaultGen());
    }

    /**
     * A (semi-)orthogonal matrix times {@code gain}, as PyTorch: the tensor is viewed as
     * (size(0), numel / size(0)), a Gaussian matrix of that shape (transposed when wide) is
     * QR-decomposed in float64, and Q with the signs of R's diagonal folded in is copied back.
     * Gram-Schmidt gives R a positive diagonal, so that sign correction is built in.
     */
    public static Tensor orthogonal_(Tensor tensor, double gain, Generator gen) {
        if (tensor.dim() < 2)
            throw new IllegalArgumentException("orthogonal_: only tensors with 2 or more dimensions are supported, got shape " + Shape.str(tensor.shape()));
        if (tensor.numel() == 0) return tensor;
        int rows = tensor.size(0), cols = tensor.numel() / rows;
        boolean wide = rows < cols;
        int m = wide ? cols : rows, n = wide ? rows : cols; // the tall m x n matrix to factor
        double[][] columns = new double[n][m];
        double[] draws = new double[rows * cols];
        for (int i = 0; i < draws.length; i++) draws[i] = gen.nextGaussian();
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) {
                double x = draws[i * cols + j];
                if (wide) columns[i][j] = x; // column i of the transposed matrix is row i
                else columns[j][i] = x;
            }
        orthonormalize(columns);
        double[] out = new double[rows * cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) out[i * cols + j] = gain * (wide ? columns[i][j] : columns[j][i]);
        return fill(tensor, out);
    }

    /** Modified Gram-Schmidt, run twice per column for float64-level orthogonality ("twice is enough"). */
    private static void orthonormalize(double[][] cols) {
        for (int j = 0; j < cols.length; j++) {
            double[] v = cols[j];
            for (int pass = 0; pass < 2; pass++)
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < v.length; i++) dot += cols[k][i] * v[i];
                    for (int i = 0; i < v.length; i++) v[i] -= dot * cols[k][i];
                }
            double norm = 0;
            for (double x : v) norm += x * x;
            norm = Math.sqrt(norm);
            for (int i = 0; i < v.length; i++) v[i] /= norm;
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void requireFloating(String op, Tensor tensor) {
        if (!tensor.isFloatingPoint()) throw new IllegalArgumentException(op + ": expected a floating point tensor, got " + tensor.dtype());
    }

    /** Copies row-major values into the tensor (any dtype/strides), outside autograd. */
    private static Tensor fill(Tensor tensor, double[] values) {
        try (Autograd.Scope ignored = Autograd.noGrad()) {
            return tensor.copy_(Tensor.of(values, tensor.shape()).to(tensor.dtype()));
        }
    }

    private static double normalCdf(double x) {
        return 0.5 * SpecialFunctions.erfc(-x / Math.sqrt(2));
    }

    /**
     * The standard normal quantile: Acklam's rational approximation (relative error 1e-9) and one
     * Halley step on the exact CDF, which brings it to double precision.
     */
    static double inverseNormalCdf(double p) {
        if (p <= 0) return Double.NEGATIVE_INFINITY;
        if (p >= 1) return Double.POSITIVE_INFINITY;
        double x;
        if (p < 0.02425) {
            double q = Math.sqrt(-2 * Math.log(p));
            x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        } else if (p > 1 - 0.02425) {
            double q = Math.sqrt(-2 * Math.log1p(-p));
            x = -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        } else {
            double q = p - 0.5, r = q * q;
            x = (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
                    / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
        }
        double e = normalCdf(x) - p;
        double u = e * Math.sqrt(2 * Math.PI) * Math.exp(x * x / 2);
        return x - u / (1 + x * u / 2);
    }

    private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00};
    private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01};
    private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732361256409e+00,
            4.374664141464968e+00, 2.938163982698783e+00};
    private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};

}
