package io.jgrad.examples.training;

import io.jgrad.io.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-epoch record of a training run (train and test loss and accuracy, time) and the
 * within-epoch training loss curve. It is saved as JSON next to checkpoints ({@link RunRecord}),
 * so a resumed run draws its charts over all epochs, and it draws the loss and accuracy charts.
 */
public final class TrainingHistory {
    /**
     * One epoch's numbers; NaN where a value does not apply.
     *
     * @param epoch 1-based
     */
    public record Epoch(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy, double seconds,
            double samplesPerSecond) {}

    private final List<Epoch> epochs = new ArrayList<>();
    private final List<double[]> curve = new ArrayList<>();

    /** Records epoch {@code epoch} (1-based) from its training stats and test results. */
    public Epoch add(int epoch, EpochStats train, double testLoss, double testAccuracy) {
        Epoch e = new Epoch(epoch, train.loss(), train.accuracy(), testLoss, testAccuracy, train.seconds(), train.throughput());
        epochs.add(e);
        for (double[] p : train.lossCurve()) curve.add(new double[] {epoch - 1 + p[0], p[1]});
        return e;
    }

    /** The history of the first {@code count} epochs (a checkpoint may be older than the history saved after it). */
    public TrainingHistory firstEpochs(int count) {
        TrainingHistory h = new TrainingHistory();
        for (Epoch e : epochs) if (e.epoch() <= count) h.epochs.add(e);
        for (double[] p : curve) if (p[0] <= count) h.curve.add(p);
        return h;
    }

    /** The epochs recorded so far, in order. */
    public List<Epoch> epochs() {
        return List.copyOf(epochs);
    }

    /** The JSON form stored in checkpoints. */
    public String toJson() {
        List<Object> rows = new ArrayList<>();
        for (Epoch e : epochs) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", e.epoch());
            row.put("train_loss", finiteOrNull(e.trainLoss()));
            row.put("train_accuracy", finiteOrNull(e.trainAccuracy()));
            row.put("test_loss", finiteOrNull(e.testLoss()));
            row.put("test_accuracy", finiteOrNull(e.testAccuracy()));
            row.put("seconds", finiteOrNull(e.seconds()));
            row.put("samples_per_second", finiteOrNull(e.samplesPerSecond()));
            rows.add(row);
        }
        List<Object> points = new ArrayList<>();
        for (double[] p : curve) points.add(List.of(p[0], p[1]));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("epochs", rows);
        root.put("loss_curve", points);
        return Json.write(root);
    }

    /** Reads what {@link #toJson()} wrote; {@code source} names it in errors. */
    public static TrainingHistory fromJson(String json, String source) {
        TrainingHistory h = new TrainingHistory();
        try {
            Map<?, ?> root = (Map<?, ?>) Json.parse(json);
            for (Object o : (List<?>) root.get("epochs")) {
                Map<?, ?> row = (Map<?, ?>) o;
                h.epochs.add(new Epoch(((Number) row.get("epoch")).intValue(), number(row.get("train_loss")), number(row.get("train_accuracy")),
                        number(row.get("test_loss")), number(row.get("test_accuracy")), number(row.get("seconds")),
                        number(row.get("samples_per_second"))));
            }
            for (Object o : (List<?>) root.get("loss_curve")) {
                List<?> p = (List<?>) o;
                h.curve.add(new double[] {number(p.get(0)), number(p.get(1))});
            }
        } catch (ClassCastException | NullPointerException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(source + ": the training history is not in the expected form (" + e.getMessage() + ")");
        }
        return h;
    }

    /**
     * Draws {@code loss.png} (the training curve, per-epoch train and held-out loss) and, when
     * there are accuracies, {@code accuracy.png} (train and held-out accuracy per epoch) into
     * {@code dir}; {@code heldOut} names the held-out data in the legends ("test", "validation").
     */
    public List<Path> writeCharts(Path dir, String title, String heldOut) throws IOException {
        List<Path> written = new ArrayList<>();
        Path loss = dir.resolve("loss.png");
        Charts.line(loss, title + ": loss", "epoch", "loss", List.of(
                Charts.Series.of("train, mean over each 1/" + TrainingLoop.CURVE_POINTS + " epoch", curve, false),
                perEpoch("train, epoch mean", Epoch::trainLoss),
                perEpoch(heldOut, Epoch::testLoss)));
        written.add(loss);
        Charts.Series trainAcc = perEpoch("train, epoch mean", Epoch::trainAccuracy), testAcc = perEpoch(heldOut, Epoch::testAccuracy);
        if (trainAcc.x().length + testAcc.x().length > 0) {
            Path accuracy = dir.resolve("accuracy.png");
            Charts.line(accuracy, title + ": accuracy", "epoch", "accuracy", List.of(trainAcc, testAcc));
            written.add(accuracy);
        }
        return written;
    }

    private Charts.Series perEpoch(String name, java.util.function.ToDoubleFunction<Epoch> value) {
        List<double[]> points = new ArrayList<>();
        for (Epoch e : epochs) {
            double v = value.applyAsDouble(e);
            if (Double.isFinite(v)) points.add(new double[] {e.epoch(), v});
        }
        return Charts.Series.of(name, points, true);
    }

    private static Object finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static double number(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }
}
