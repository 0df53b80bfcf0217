package io.jgrad.core;

import java.util.Locale;

/**
 * Prints tensors the way PyTorch does: {@code tensor([[ 0.1000, -2.0000]])}, four decimals, or
 * scientific notation when magnitudes span more than three decades, integral floats as {@code 1.},
 * tensors of more than 1000 elements summarised with {@code ...}, and the dtype and autograd
 * suffixes ({@code dtype=torch.float64}, {@code requires_grad=True}, {@code grad_fn=<...>}).
 */
final class TensorFormatter {
    private TensorFormatter() {}

    private static final int THRESHOLD = 1000, EDGE = 3, LINE_WIDTH = 80;

    static String format(Tensor t) {
        Tensor c = t.detach().contiguous();
        double[] v = c.numel() == 0 ? new double[0] : c.toDoubleArray();
        int[] shape = t.shape();
        boolean summarize = t.numel() > THRESHOLD;
        Fmt fmt = new Fmt(t.dtype(), summarize ? shown(v, shape) : v);
        StringBuilder sb = new StringBuilder("tensor(");
        if (t.numel() == 0) {
            sb.append("[]");
        } else if (shape.length == 0) {
            sb.append(fmt.str(v[0]).strip());
        } else {
            sb.append(block(v, shape, 0, 0, fmt, 7, summarize));
        }
        if (t.numel() == 0 && !(shape.length == 1 && shape[0] == 0)) {
            sb.append(", size=(");
            for (int i = 0; i < shape.length; i++) sb.append(i > 0 ? ", " : "").append(shape[i]);
            sb.append(shape.length == 1 ? ",)" : ")");
        }
        if (t.dtype() == DType.FLOAT64) sb.append(", dtype=torch.float64");
        if (t.numel() == 0 && t.dtype() == DType.INT64) sb.append(", dtype=torch.int64");
        if (t.numel() == 0 && t.dtype() == DType.BOOL) sb.append(", dtype=torch.bool");
        String gradFn = t.gradFn();
        if (gradFn != null) sb.append(", grad_fn=<").append(gradFn).append(">");
        else if (t.requiresGrad()) sb.append(", requires_grad=True");
        return sb.append(")").toString();
    }

    /** PyTorch's _tensor_str_with_formatter: nested rows, summarised with "..." past 1000 elements. */
    private static String block(double[] v, int[] shape, int dim, int offset, Fmt fmt, int indent, boolean summarize) {
        int n = shape[dim];
        int stride = 1;
        for (int d = dim + 1; d < shape.length; d++) stride *= shape[d];
        boolean cut = summarize && n > 2 * EDGE;
        java.util.List<String> items = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (cut && i == EDGE) {
                items.add(dim == shape.length - 1 ? " ..." : "...");
                i = n - EDGE - 1;
                continue;
            }
            items.add(dim == shape.length - 1 ? fmt.str(v[offset + i]) : block(v, shape, dim + 1, offset + i * stride, fmt, indent + 1, summarize));
        }
        if (dim < shape.length - 1)
            return "[" + String.join("," + "\n".repeat(shape.length - dim - 1) + " ".repeat(indent + 1), items) + "]";
        // A vector: as many elements per line as fit in 80 columns.
        int perLine = Math.max(1, (LINE_WIDTH - indent) / (fmt.width + 2));
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i += perLine) lines.add(String.join(", ", items.subList(i, Math.min(items.size(), i + perLine))));
        return "[" + String.join(",\n" + " ".repeat(indent + 1), lines) + "]";
    }

    /** The values a summarised print shows: the first and last EDGE entries along every dim. */
    private static double[] shown(double[] v, int[] shape) {
        java.util.List<Double> out = new java.util.ArrayList<>();
        collect(v, shape, 0, 0, out);
        double[] r = new double[out.size()];
        for (int i = 0; i < r.length; i++) r[i] = out.get(i);
        return r;
    }

    private static void collect(double[] v, int[] shape, int dim, int offset, java.util.List<Double> out) {
        int n = shape[dim], stride = 1;
        for (int d = dim + 1; d < shape.length; d++) stride *= shape[d];
        for (int i = 0; i < n; i++) {
            if (n > 2 * EDGE && i == EDGE) i = n - EDGE;
            if (dim == shape.length - 1) out.add(v[offset + i]);
            else collect(v, shape, dim + 1, offset + i * stride, out);
        }
    }

    /** Chooses one number format for the whole tensor, from the values that will be shown. */
    private static final class Fmt {
        final DType dtype;
        final boolean intMode, sci;
        final int width;

        Fmt(DType dtype, double[] v) {
            this.dtype = dtype;
            boolean allInt = true;
            double maxAbs = 0, minAbs = Double.POSITIVE_INFINITY;
            boolean anyFinite = false;
            for (double x : v) {
                if (!Double.isFinite(x)) continue;
                anyFinite = true;
                if (x != Math.rint(x)) allInt = false;
                double a = Math.abs(x);
                if (a != 0) {
                    maxAbs = Math.max(maxAbs, a);
                    minAbs = Math.min(minAbs, a);
                }
            }
            intMode = dtype.isFloating() && allInt;
            boolean s = false;
            if (dtype.isFloating() && anyFinite && maxAbs > 0) {
                s = maxAbs / minAbs > 1000 || maxAbs > 1e8 || (!intMode && minAbs < 1e-4);
            }
            sci = s;
            int w = 0;
            for (double x : v) w = Math.max(w, raw(x).length());
            width = w;
        }

        String raw(double x) {
            if (dtype == DType.BOOL) return x != 0 ? "True" : "False";
            if (dtype == DType.INT64) return Long.toString((long) x);
            if (Double.isNaN(x)) return "nan";
            if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
            if (sci) return String.format(Locale.ROOT, "%.4e", x).replace("e+0", "e+0");
            if (intMode) return String.format(Locale.ROOT, "%.0f.", x);
            return String.format(Locale.ROOT, "%.4f", x);
        }

        String str(double x) {
            String r = raw(x);
            return " ".repeat(Math.max(0, width - r.length())) + r;
        }
    }
}
