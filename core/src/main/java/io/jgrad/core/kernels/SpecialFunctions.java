package io.jgrad.core.kernels;

/** Special functions the JDK lacks, accurate to a few ulps in double. */
public final class SpecialFunctions {
    private SpecialFunctions() {}

    private static final double TWO_OVER_SQRT_PI = 1.1283791670955125738961589031215452;
    private static final double ONE_OVER_SQRT_PI = 0.5641895835477562869480794515607726;

    /** The error function erf(x) = 2/sqrt(pi) * integral from 0 to x of exp(-t^2) dt. */
    public static double erf(double x) {
        if (Double.isNaN(x)) return x;
        double ax = Math.abs(x);
        double r;
        if (ax < 2.5) {
            // erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n 2^n x^(2n+1) / (1*3*...*(2n+1)); all terms positive.
            double x2 = ax * ax, term = ax, sum = ax;
            for (int n = 1; n < 200; n++) {
                term *= 2 * x2 / (2 * n + 1);
                sum += term;
                if (term < sum * 1e-17) break;
            }
            r = TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
        } else if (ax < 6.5) {
            r = 1 - erfcLarge(ax);
        } else {
            r = 1;
        }
        return x < 0 ? -r : r;
    }

    /** The complementary error function erfc(x) = 1 - erf(x), accurate for large x too. */
    public static double erfc(double x) {
        if (Double.isNaN(x)) return x;
        if (x < 2.5) return 1 - erf(x);
        if (x > 27.3) return 0;
        return erfcLarge(x);
    }

    /** erfc for x >= 2.5 by its continued fraction, evaluated backwards. */
    private static double erfcLarge(double x) {
        double t = x;
        for (int n = 60; n >= 1; n--) t = x + (n * 0.5) / t;
        return Math.exp(-x * x) * ONE_OVER_SQRT_PI / t;
    }

}
