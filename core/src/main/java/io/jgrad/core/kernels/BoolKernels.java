package io.jgrad.core.kernels;

import io.jgrad.core.ops.Op;

/** Kernels for bool tensors: logical ops, equality, copies and selection. */
final class BoolKernels implements DTypeKernels {
    static final BoolKernels INSTANCE = new BoolKernels();

    @Override
    public void unary(Op op, Object x, int xo, int xs, Object y, int yo, int ys, int n, double p1, double p2) {
        boolean[] a = (boolean[]) x, out = (boolean[]) y;
        if (op != Op.LOGICAL_NOT) throw Kernels.unsupported(op, "bool");
        for (int i = 0; i < n; i++) out[yo + i * ys] = !a[xo + i * xs];
    }

    @Override
    public void binary(Op op, Object a, int ao, int as, Object b, int bo, int bs, Object y, int yo, int ys, int n) {
        boolean[] p = (boolean[]) a, q = (boolean[]) b, out = (boolean[]) y;
        switch (op) {
            case LOGICAL_AND -> { for (int i = 0; i < n; i++) out[yo + i * ys] = p[ao + i * as] & q[bo + i * bs]; }
            case LOGICAL_OR -> { for (int i = 0; i < n; i++) out[yo + i * ys] = p[ao + i * as] | q[bo + i * bs]; }
            case LOGICAL_XOR -> { for (int i = 0; i < n; i++) out[yo + i * ys] = p[ao + i * as] ^ q[bo + i * bs]; }
            default -> throw Kernels.unsupported(op, "bool");
        }
    }

    @Override
    public void compare(Op op, Object a, int ao, int as, Object b, int bo, int bs, boolean[] y, int yo, int ys, int n) {
        boolean[] p = (boolean[]) a, q = (boolean[]) b;
        boolean negate = switch (op) {
            case EQ -> false;
            case NE -> true;
            default -> throw Kernels.unsupported(op, "bool");
        };
        for (int i = 0; i < n; i++) y[yo + i * ys] = (p[ao + i * as] == q[bo + i * bs]) != negate;
    }

    @Override
    public void where(boolean[] c, int co, int cs, Object a, int ao, int as, Object b, int bo, int bs, Object y, int yo, int ys, int n) {
        boolean[] p = (boolean[]) a, q = (boolean[]) b, out = (boolean[]) y;
        for (int i = 0; i < n; i++) out[yo + i * ys] = c[co + i * cs] ? p[ao + i * as] : q[bo + i * bs];
    }

    @Override
    public void copy(Object x, int xo, int xs, Object y, int yo, int ys, int n) {
        boolean[] a = (boolean[]) x, out = (boolean[]) y;
        if (xs == 1 && ys == 1) System.arraycopy(a, xo, out, yo, n);
        else for (int i = 0; i < n; i++) out[yo + i * ys] = a[xo + i * xs];
    }

    @Override
    public void fill(double value, Object y, int yo, int ys, int n) {
        boolean[] out = (boolean[]) y;
        for (int i = 0; i < n; i++) out[yo + i * ys] = value != 0;
    }

    @Override
    public void reduce(Op op, Object x, int xo, int xs, int n, Object y, int yo) {
        boolean[] a = (boolean[]) x, out = (boolean[]) y;
        boolean all = op == Op.ALL || op == Op.AMIN || op == Op.PROD;
        if (!all && op != Op.ANY && op != Op.AMAX) throw Kernels.unsupported(op, "bool");
        boolean r = all;
        for (int i = 0; i < n; i++) {
            boolean v = a[xo + i * xs];
            if (all ? !v : v) {
                r = !all;
                break;
            }
        }
        out[yo] = r;
    }
}
