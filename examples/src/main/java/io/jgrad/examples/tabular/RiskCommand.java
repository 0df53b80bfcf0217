package io.jgrad.examples.tabular;

import io.jgrad.core.DType;
import io.jgrad.core.Tensor;
import io.jgrad.data.DataLoader;
import io.jgrad.data.TensorDataset;
import io.jgrad.data.readers.CsvReader;
import io.jgrad.data.readers.TabularData;
import io.jgrad.examples.cli.ExampleCommand;
import io.jgrad.examples.training.Classifier;
import io.jgrad.examples.training.EpochStats;
import io.jgrad.examples.training.TrainingLoop;
import io.jgrad.nn.F;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Reduction;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.Adam;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Binary risk classification on a table: an MLP trained with BCEWithLogits, the rare positive
 * class up-weighted by {@code pos_weight} = negatives / positives, against logistic regression
 * trained by the same engine and loop; both are compared by ROC AUC on held-out rows.
 */
@Command(name = "risk", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict a binary outcome from tabular data with an MLP, against logistic regression (ROC AUC).",
                "Data: --csv FILE --target COLUMN (numeric feature columns, a two-valued target), else synthetic credit-default data."})
public final class RiskCommand extends ExampleCommand {
    @Option(names = "--csv", paramLabel = "FILE", description = "A CSV file with a header; every column but the target is a numeric feature.")
    Path csv;

    @Option(names = "--target", paramLabel = "COLUMN", description = "The two-valued column to predict (required with --csv; the second value in sorted order is the positive class).")
    String target;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "20000", description = "Rows of the synthetic data set (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2", description = "Fraction of rows held out for testing (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "64", description = "Units of the MLP's first hidden layer; the second has half (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "20", description = "Training epochs of each model (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "256", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "3e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Override
    protected void execute() throws Exception {
        atLeast("--rows", rows, 20);
        atLeast("--hidden", hidden, 2);
        atLeast("--epochs", epochs, 1);
        atLeast("--batch-size", batchSize, 1);
        positive("--lr", lr);
        require(testFraction > 0 && testFraction < 1, "--test-fraction must be between 0 and 1, got " + testFraction);
        require(csv == null || target != null, "--csv needs --target COLUMN");
        require(csv != null || target == null || target.equals("default"), "--target names a column of --csv; the synthetic data's target is 'default'");

        TabularData data = csv != null ? CsvReader.target(target).categoricalTarget().read(csv) : SyntheticCredit.generate(rows, run.generator(0));
        if (data.classes().size() != 2)
            throw new IllegalArgumentException(data.source() + ": target column '" + data.targetName() + "' has " + data.classes().size()
                    + " distinct values " + preview(data.classes()) + "; risk needs exactly two");
        out().printf("data: %s: %,d rows, %d features (%s); target '%s', positive class '%s'%n", data.source(), data.size(),
                data.featureNames().size(), String.join(", ", data.featureNames()), data.targetName(), data.classes().get(1));

        Tensor order = Tensor.randperm(run.generator(1), data.size());
        int testRows = (int) Math.round(data.size() * testFraction);
        Tensor trainIdx = order.narrow(0, testRows, data.size() - testRows), testIdx = order.narrow(0, 0, testRows);
        Standardizer scale = Standardizer.fit(data.features().indexSelect(0, trainIdx));
        Tensor trainX = scale.apply(data.features().indexSelect(0, trainIdx)), testX = scale.apply(data.features().indexSelect(0, testIdx));
        Tensor trainY = data.target().indexSelect(0, trainIdx), testY = data.target().indexSelect(0, testIdx);
        long positives = trainY.sum().itemLong(), negatives = trainY.size(0) - positives;
        if (positives == 0 || negatives == 0 || testY.sum().itemLong() == 0 || testY.sum().itemLong() == testRows)
            throw new IllegalArgumentException(data.source() + ": both classes must occur in the training and the test rows; use more rows or another --test-fraction");
        Tensor posWeight = Tensor.of(new float[] {(float) negatives / positives}, 1);
        out().printf("split: %,d training rows (%.1f%% positive), %,d test rows; features standardised with training means and deviations%n",
                trainY.size(0), 100.0 * positives / trainY.size(0), testRows);
        out().printf("class imbalance: BCEWithLogits with pos_weight = negatives / positives = %.2f%n", posWeight.item());

        int f = data.featureNames().size();
        Sequential mlp = new Sequential(new Linear(f, hidden), new ReLU(), new Linear(hidden, hidden / 2), new ReLU(), new Linear(hidden / 2, 1));
        Sequential logistic = new Sequential(new Linear(f, 1));
        TensorDataset train = new TensorDataset(trainX, trainY.to(DType.FLOAT32).unsqueeze(1));
        out().printf("%nMLP %d-%d-%d-1 (ReLU), Adam lr %s, batch %d%n", f, hidden, hidden / 2, lr, batchSize);
        double mlpAuc = fit("MLP", mlp, train, posWeight, testX, testY);
        out().printf("%nlogistic regression %d-1, same loss, optimiser and loop%n", f);
        double logisticAuc = fit("logistic", logistic, train, posWeight, testX, testY);

        out().printf("%ntest ROC AUC (%,d rows):%n", testRows);
        out().printf("  logistic regression: %.4f%n", logisticAuc);
        out().printf("  MLP:                 %.4f%n", mlpAuc);
    }

    /** Trains {@code model} and returns its test AUC after the last epoch. */
    private double fit(String name, Module model, TensorDataset train, Tensor posWeight, Tensor testX, Tensor testY) {
        Adam optimizer = new Adam(model.parameters(), lr);
        DataLoader<List<Tensor>> loader = DataLoader.builder(train).batchSize(batchSize).shuffle(run.generator(2)).build();
        TrainingLoop.Objective<List<Tensor>> objective = batch -> TrainingLoop.Outcome.lossOnly(
                F.binaryCrossEntropyWithLogits(model.forward(batch.get(0)), batch.get(1), null, posWeight, Reduction.MEAN), batch.get(0).size(0));
        int every = Math.max(1, epochs / 5);
        double auc = Double.NaN;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            model.train();
            EpochStats stats = TrainingLoop.epoch(name + " " + epoch + "/" + epochs, loader, optimizer, objective, run.progress());
            auc = RocAuc.of(Classifier.logits(model, testX, 4096).toFloatArray(), testY.toLongArray());
            if (epoch % every == 0 || epoch == epochs || epoch == 1)
                out().printf("  %s epoch %d/%d: loss %.4f | test ROC AUC %.4f | %.2f s%n", name, epoch, epochs, stats.loss(), auc, stats.seconds());
            out().flush();
        }
        return auc;
    }

    private static String preview(List<String> classes) {
        return classes.size() <= 5 ? classes.toString() : classes.subList(0, 5) + "...";
    }

    /** Per-column standardisation with statistics of the training rows (constant columns are only centred). */
    private record Standardizer(Tensor mean, Tensor std) {
        static Standardizer fit(Tensor x) {
            Tensor mean = x.mean(0, false);
            Tensor std = x.sub(mean).square().mean(0, false).sqrt();
            return new Standardizer(mean, std.add(std.eq(0).to(DType.FLOAT32)));
        }

        Tensor apply(Tensor x) {
            return x.sub(mean).div(std);
        }
    }
}
