package io.jgrad.examples.tabular;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import io.jgrad.data.readers.TabularData;
import java.util.List;

/**
 * A synthetic credit-default table (not real data): ten borrower features and whether the loan
 * defaulted, about one default in ten. The default risk depends on the features non-linearly —
 * a sharp jump at high credit utilisation, saturating effects of late payments, a ramp in the
 * debt-to-income ratio above 0.45, a U-shape in age, and an interaction (short employment and
 * a large loan) — so a model that can bend beats a linear one.
 */
public final class SyntheticCredit {
    /** The feature columns, in order. */
    public static final List<String> FEATURES = List.of("age", "income_k", "debt_to_income", "credit_utilization", "late_payments_12m",
            "credit_lines", "years_employed", "loan_amount_k", "has_mortgage", "previous_default");

    private SyntheticCredit() {}

    /** {@code rows} borrowers drawn with {@code gen}; target column "default", classes "0" and "1". */
    public static TabularData generate(int rows, Generator gen) {
        int f = FEATURES.size();
        float[] x = new float[rows * f];
        long[] y = new long[rows];
        for (int r = 0; r < rows; r++) {
            double age = 21 + 54 * gen.nextDouble();
            double income = Math.exp(Math.log(45) + 0.5 * gen.nextGaussian());
            double dti = clamp(0.35 + 0.15 * gen.nextGaussian(), 0, 1.2);
            double utilization = Math.pow(gen.nextDouble(), 0.7);
            int late = Math.min(10, poisson(0.4, gen));
            int lines = 1 + poisson(4, gen);
            double employed = Math.min(age - 18, -6 * Math.log(1 - gen.nextDouble()));
            double loan = income * (0.1 + 0.9 * gen.nextDouble());
            int mortgage = gen.nextDouble() < 0.4 ? 1 : 0;
            int previous = gen.nextDouble() < 0.05 ? 1 : 0;

            double logit = -4.1
                    + 2.2 / (1 + Math.exp(-15 * (utilization - 0.8)))
                    + 2.0 * Math.tanh(late / 2.0)
                    + 6.0 * Math.max(0, dti - 0.45)
                    + 0.0015 * (age - 45) * (age - 45)
                    + (employed < 1 && loan > 0.6 * income ? 1.5 : 0)
                    + 1.0 * previous
                    - 0.4 * mortgage;
            y[r] = gen.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
            double[] row = {age, income, dti, utilization, late, lines, employed, loan, mortgage, previous};
            for (int c = 0; c < f; c++) x[r * f + c] = (float) row[c];
        }
        return new TabularData("synthetic credit-default data (" + rows + " borrowers)", Tensor.of(x, rows, f), FEATURES, Tensor.of(y, rows), "default",
                List.of("0", "1"));
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** A Poisson draw by Knuth's multiplication method (fine for small means). */
    private static int poisson(double mean, Generator gen) {
        double limit = Math.exp(-mean), p = 1;
        int k = -1;
        do {
            k++;
            p *= gen.nextDouble();
        } while (p > limit);
        return k;
    }
}
