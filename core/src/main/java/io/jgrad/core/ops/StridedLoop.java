package io.jgrad.core.ops;

import io.jgrad.core.Layout;
import io.jgrad.core.Parallel;

/**
 * Walks several operands of one shape (already broadcast: stride 0 on stretched dims) and hands
 * their innermost runs to a kernel. Dims that are contiguous for every operand are merged first,
 * so a fully contiguous op is a single kernel call over all elements, and a broadcast bias add is
 * one call per row. Large loops are split across {@link Parallel} threads.
 */
public final class StridedLoop {
    /** Receives one run: element offsets of every operand, their strides along the run, its length. */
    @FunctionalInterface
    public interface Body {
        void run(int[] offsets, int[] strides, int n);
    }

    /** Elements below which an op runs on one thread. */
    public static final int GRAIN = 1 << 15;

    /** Chunk alignment for split runs: a multiple of every vector length. */
    private static final int BLOCK = 64;

    private final int nops;
    private final int[] shape;      // coalesced; the last dim is the inner run
    private final int[][] strides;  // [operand][dim]
    private final int[] base;       // start offset per operand
    private final int[] inner;      // stride of the inner dim per operand
    private final int outer;        // number of inner runs
    private final int innerSize;

    private StridedLoop(int[] shape, Layout[] ops) {
        nops = ops.length;
        int rank = shape.length;
        int[] sh = new int[rank];
        int[][] st = new int[nops][rank];
        int r = 0;
        for (int d = 0; d < rank; d++) {
            if (shape[d] == 1) continue;
            sh[r] = shape[d];
            for (int k = 0; k < nops; k++) st[k][r] = ops[k].stride(d);
            r++;
        }
        // Merge dim i into dim i+1 where every operand steps over dim i+1 exactly once per step of dim i.
        int w = 0;
        for (int d = 0; d < r; d++) {
            if (w > 0) {
                boolean merge = true;
                for (int k = 0; k < nops && merge; k++) merge = st[k][w - 1] == st[k][d] * sh[d];
                if (merge) {
                    sh[w - 1] *= sh[d];
                    for (int k = 0; k < nops; k++) st[k][w - 1] = st[k][d];
                    continue;
                }
            }
            sh[w] = sh[d];
            for (int k = 0; k < nops; k++) st[k][w] = st[k][d];
            w++;
        }
        if (w == 0) {
            this.shape = new int[] {1};
            this.strides = new int[nops][1];
        } else {
            this.shape = java.util.Arrays.copyOf(sh, w);
            this.strides = new int[nops][];
            for (int k = 0; k < nops; k++) this.strides[k] = java.util.Arrays.copyOf(st[k], w);
        }
        base = new int[nops];
        inner = new int[nops];
        for (int k = 0; k < nops; k++) {
            base[k] = ops[k].offset();
            inner[k] = this.strides[k][this.shape.length - 1];
        }
        innerSize = this.shape[this.shape.length - 1];
        int o = 1;
        for (int d = 0; d < this.shape.length - 1; d++) o *= this.shape[d];
        outer = o;
    }

    /** A loop over {@code shape}; every layout must already have exactly that shape. */
    public static StridedLoop of(int[] shape, Layout... operands) {
        return new StridedLoop(shape, operands);
    }

    /** Total number of elements. */
    public long numel() {
        return (long) outer * innerSize;
    }

    /** Runs the body over all elements, in parallel when the loop is large. */
    public void run(Body body) {
        if (numel() == 0) return;
        if (outer == 1) {
            runFlat(innerSize, (start, end) -> {
                int[] off = new int[nops];
                for (int k = 0; k < nops; k++) off[k] = base[k] + start * inner[k];
                body.run(off, inner, end - start);
            });
        } else {
            int grain = Math.max(1, GRAIN / Math.max(innerSize, 1));
            Parallel.forRange(outer, grain, (start, end) -> runRows(start, end, body));
        }
    }

    /**
     * Runs {@code body} over {@code [0, n)}: inline when small, else split across threads in
     * whole blocks, so SIMD tails fall at the same places whatever the thread count and results
     * do not depend on it. For ops whose operands are all one flat run (contiguous, or a single
     * broadcast element), which then need no StridedLoop at all.
     */
    public static void runFlat(int n, Parallel.RangeBody body) {
        if (n < 2 * GRAIN) {
            if (n > 0) body.run(0, n);
            return;
        }
        int blocks = (n + BLOCK - 1) / BLOCK;
        Parallel.forRange(blocks, GRAIN / BLOCK, (b0, b1) -> body.run(b0 * BLOCK, Math.min(n, b1 * BLOCK)));
    }

    /** Runs the body serially (for kernels that must see the runs in order). */
    public void runSerial(Body body) {
        if (numel() == 0) return;
        runRows(0, outer, body);
    }

    private void runRows(int start, int end, Body body) {
        int od = shape.length - 1;  // number of outer dims
        int[] idx = new int[Math.max(od, 1)];
        int[] off = new int[nops];
        // Decompose the first row index into outer coordinates.
        int rem = start;
        for (int d = od - 1; d >= 0; d--) {
            idx[d] = rem % shape[d];
            rem /= shape[d];
        }
        for (int k = 0; k < nops; k++) {
            int o = base[k];
            for (int d = 0; d < od; d++) o += idx[d] * strides[k][d];
            off[k] = o;
        }
        for (int row = start; row < end; row++) {
            body.run(off, inner, innerSize);
            // Advance the odometer.
            for (int d = od - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) {
                    for (int k = 0; k < nops; k++) off[k] += strides[k][d];
                    break;
                }
                idx[d] = 0;
                for (int k = 0; k < nops; k++) off[k] -= (shape[d] - 1) * strides[k][d];
            }
        }
    }
}
