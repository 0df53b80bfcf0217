package io.jgrad.core.ops;

/**
 * Every primitive op jgrad computes. The names follow PyTorch's. Core records each call of a
 * primitive on tracked tensors (see {@link io.jgrad.core.spi.GradTracker}), and autograd keeps one
 * backward rule per constant. Elementwise constants also select the generated SIMD kernels.
 *
 * <p>Ops users see that are compositions (e.g. {@code std} is the square root of {@code var},
 * losses combine several primitives) have no constant of their own.
 */
public enum Op {
    // unary elementwise (generated kernels; parameters in the call's attrs)
    NEG, ABS, SQUARE, RELU, CLAMP, SIGN, EXP, LOG, SQRT, RSQRT, RECIPROCAL, SIN, COS, TAN, ATAN, TANH,
    SIGMOID, LOG1P, EXPM1, ERF, FLOOR, CEIL, ROUND, TRUNC, POW_SCALAR, SILU, MISH, LOGSIGMOID, SOFTSIGN,
    HARDSWISH, HARDSIGMOID, SELU, ELU, LEAKY_RELU, SOFTPLUS, GELU, GELU_TANH,
    // binary elementwise
    ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM, ATAN2,
    // comparisons (bool result, not differentiable)
    EQ, NE, LT, LE, GT, GE,
    // logical (bool)
    LOGICAL_NOT, LOGICAL_AND, LOGICAL_OR, LOGICAL_XOR,
    // ternary / scalar-parameterised
    WHERE, MASKED_FILL,
    // dtype and memory
    TO_DTYPE, CLONE, CONTIGUOUS,
    // views (share storage)
    VIEW, PERMUTE, SLICE, SELECT, EXPAND, AS_STRIDED,
    // shape ops that copy
    CAT, FLIP, PAD, SLICE_SCATTER,
    // reductions
    SUM, MEAN, PROD, AMAX, AMIN, MAX_DIM, MIN_DIM, ARGMAX, ARGMIN, VAR, LOGSUMEXP, NORM, CUMSUM, CUMPROD,
    SOFTMAX, LOG_SOFTMAX, ALL, ANY,
    // indexing
    INDEX_SELECT, GATHER, SCATTER_ADD, INDEX_ADD, EMBEDDING,
    // linear algebra
    MATMUL, BMM, LINEAR,
    // convolution, pooling, resampling, normalisation
    CONV, CONV_TRANSPOSE, MAX_POOL, AVG_POOL, ADAPTIVE_AVG_POOL, INTERPOLATE, BATCH_NORM, LAYER_NORM,
    GROUP_NORM,
    // adjoints that are primitives so that gradients of gradients exist: the gradient of a
    // convolution with respect to its weight, and max pooling's scatter back to the arg-max
    CONV_WEIGHT_GRAD, MAX_POOL_BACKWARD,
    // randomness
    DROPOUT;

    // Computed once: error checks on every op's hot path pass the name along.
    private final String pyName = name().toLowerCase(java.util.Locale.ROOT);

    /** PyTorch's spelling of the op, e.g. {@code "log_softmax"}. */
    public String pyName() {
        return pyName;
    }
}
