package io.jgrad.core.kernels;

/**
 * One spatial axis of a sliding window (convolution, pooling): output position {@code o} with
 * kernel tap {@code k} reads input position {@code o * stride - pad + k * dilation}. Positions
 * outside {@code [0, in)} are padding: zeros for convolution, skipped by pooling. {@code pad} is the
 * padding before the input; the padding after it is implied by {@code out}.
 */
public record Window(int in, int out, int kernel, int stride, int pad, int dilation) {
    /** A size-1 axis that changes nothing: 1-d ops run as 2-d ops with this as their height. */
    public static final Window NONE = new Window(1, 1, 1, 1, 0, 1);

    /** Input position of output 0 at tap k. */
    public int origin(int k) {
        return k * dilation - pad;
    }

    /** The first output whose tap k reads a real input position (not left padding). */
    public int firstInside(int k) {
        int o = origin(k);
        return o >= 0 ? 0 : Math.min(out, Math.ceilDiv(-o, stride));
    }

    /** One past the last output whose tap k reads a real input position (not right padding). */
    public int endInside(int k) {
        int o = origin(k);
        if (o >= in) return firstInside(k);
        return Math.max(firstInside(k), Math.min(out, Math.floorDiv(in - 1 - o, stride) + 1));
    }

    /** True if every output reads exactly the input at its own position (a 1x1, stride-1, unpadded window). */
    public boolean isIdentity() {
        return kernel == 1 && stride == 1 && pad == 0 && in == out;
    }

    /**
     * PyTorch's output size (pooling and convolution): floor, or ceil in ceil mode, of
     * (in + padBefore + padAfter - dilation (kernel - 1) - 1) / stride, plus 1. In ceil mode the last
     * window must start inside the input or the left padding. May be 0 or negative (the caller reports it).
     */
    public static int outputSize(int in, int kernel, int stride, int padBefore, int padAfter, int dilation, boolean ceilMode) {
        int span = in + padBefore + padAfter - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0);
        int out = Math.floorDiv(span, stride) + 1;
        if (ceilMode && (out - 1) * stride >= in + padBefore) out--;
        return out;
    }
}
