package io.jgrad.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.jgrad.core.DType;
import io.jgrad.core.Tensor;
import java.util.Arrays;

/** FORMAT.md's comparison: shapes and dtypes equal, floats within atol + rtol*|expected|, others exact. */
final class Compare {
    private Compare() {}

    /** Null if {@code actual} matches {@code expected}, else a message naming the first mismatch. */
    static String check(String what, Tensor actual, JsonNode expected, double rtol, double atol) {
        if (actual == null) return what + ": no result";
        int[] shape = Golden.ints(expected.get("shape"));
        if (!Arrays.equals(shape, actual.shape()))
            return what + ": shape " + Arrays.toString(actual.shape()) + ", expected " + Arrays.toString(shape);
        DType dt = DType.fromPyName(expected.get("dtype").asText());
        if (dt != actual.dtype()) return what + ": dtype " + actual.dtype() + ", expected " + dt;
        JsonNode data = expected.get("data");
        if (dt == DType.BOOL || dt == DType.INT64) {
            long[] a = actual.toLongArray();
            for (int i = 0; i < a.length; i++) {
                long e = dt == DType.BOOL ? (data.get(i).asBoolean() ? 1 : 0) : data.get(i).asLong();
                if (a[i] != e) return what + ": element " + i + " is " + a[i] + ", expected " + e;
            }
            return null;
        }
        double[] a = actual.toDoubleArray();
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < a.length; i++) {
            double e = Golden.number(data.get(i));
            if (Double.isNaN(e)) {
                if (!Double.isNaN(a[i])) return what + ": element " + i + " is " + a[i] + ", expected nan";
                continue;
            }
            if (Double.isInfinite(e)) {
                if (a[i] != e) return what + ": element " + i + " is " + a[i] + ", expected " + e;
                continue;
            }
            double err = Math.abs(a[i] - e), allowed = atol + rtol * Math.abs(e);
            if (!(err <= allowed)) {
                double excess = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err / allowed;
                if (excess > worst) {
                    worst = excess;
                    worstAt = i;
                }
            }
        }
        if (worstAt >= 0)
            return what + ": element " + worstAt + " is " + a[worstAt] + ", expected " + Golden.number(data.get(worstAt))
                    + " (error " + Math.abs(a[worstAt] - Golden.number(data.get(worstAt))) + " > " + (atol + rtol * Math.abs(Golden.number(data.get(worstAt)))) + ")";
        return null;
    }
}
