package io.jgrad.examples.fashion;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import io.jgrad.data.DataLoader;
import io.jgrad.data.readers.FashionMnist;
import io.jgrad.examples.cli.ExampleCommand;
import io.jgrad.examples.training.Classifier;
import io.jgrad.examples.training.ConfusionMatrix;
import io.jgrad.examples.training.EpochStats;
import io.jgrad.examples.training.RunRecord;
import io.jgrad.examples.training.TrainingHistory;
import io.jgrad.examples.training.TrainingLoop;
import io.jgrad.io.TrainingCheckpoint;
import io.jgrad.nn.F;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.Adam;
import io.jgrad.optim.Optimizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains {@code fashion-cnn} on Fashion-MNIST with Adam: a progress bar per epoch, test accuracy
 * and a confusion matrix after each epoch, loss and accuracy charts, and a checkpoint that
 * {@code --resume} continues from with exactly the losses an uninterrupted run produces.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train an image classifier (fashion-cnn) on Fashion-MNIST.",
                "Data: --data DIR, else " + "/usr/share/datasets/fashion-mnist, else the bundled subset (6,000 train / 1,000 test images).",
                "Writes to --out: checkpoint.safetensors (model + optimizer + epoch + RNG) and run.json (settings, history) for --resume, "
                        + "model.safetensors (the state_dict, loadable by PyTorch and 'evaluate'), loss.png, accuracy.png."})
public final class TrainCommand extends ExampleCommand {
    /** Epochs of the default run: about four minutes on 2 cores with the full data set. */
    static final int DEFAULT_EPOCHS = 18;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder with the Fashion-MNIST IDX files (plain or .gz), or 'bundled' for the bundled subset.")
    Path data;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = FashionCnn.NAME, description = "Model to train (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "" + DEFAULT_EPOCHS, description = "Total epochs to train, counting those of a resumed checkpoint (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N training images and the first N test images.")
    Integer limit;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/train", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--resume", description = "Continue from the checkpoint in --out (same data and settings).")
    boolean resume;

    @Override
    protected void execute() throws Exception {
        atLeast("--epochs", epochs, 1);
        atLeast("--batch-size", batchSize, 1);
        positive("--lr", lr);
        if (limit != null) atLeast("--limit", limit, 1);
        require(FashionCnn.MODELS.contains(model), "unknown --model '" + model + "'; known models: " + String.join(", ", FashionCnn.MODELS));

        FashionData fashion = FashionData.load(data).limit(limit, limit);
        out().println(fashion.describe());
        Sequential net = FashionCnn.create(model, FashionMnist.CLASSES.size());
        Optimizer optimizer = new Adam(net.parameters(), lr);
        Generator shuffle = run.generator(0);
        TrainingHistory history = new TrainingHistory();
        Map<String, Object> config = config(fashion);
        Path checkpointFile = out.resolve("checkpoint.safetensors"), runFile = out.resolve("run.json");
        int done = 0;
        if (resume) {
            TrainingCheckpoint ckpt = TrainingCheckpoint.load(checkpointFile);
            RunRecord record = RunRecord.load(runFile);
            record.requireSameConfig(config, checkpointFile.toString());
            ckpt.restore(net, optimizer, null, shuffle);
            done = Math.toIntExact(ckpt.epoch());
            history = record.history().firstEpochs(done);
            out().printf("resumed from %s after epoch %d%n", checkpointFile, done);
            if (done >= epochs) {
                out().printf("nothing to do: the checkpoint has %d epochs, --epochs is %d%n", done, epochs);
                return;
            }
        } else {
            out().printf("model %s: %,d parameters; Adam lr %s, batch %d, %d epochs%n", model, parameterCount(net), lr, batchSize, epochs);
        }

        Files.createDirectories(out);
        DataLoader<List<Tensor>> loader = DataLoader.builder(fashion.train().dataset()).batchSize(batchSize).shuffle(shuffle).build();
        TrainingLoop.Objective<List<Tensor>> objective = Classifier.crossEntropy(net);
        for (int epoch = done + 1; epoch <= epochs; epoch++) {
            net.train();
            EpochStats stats = TrainingLoop.epoch("epoch " + epoch + "/" + epochs, loader, optimizer, objective, run.progress());
            test(net, fashion.test(), epoch, stats, history);
            // run.json first: if the checkpoint write then fails, resuming trims the history back to the checkpoint's epoch
            new RunRecord(config, history).save(runFile);
            TrainingCheckpoint.save(checkpointFile, net, optimizer, null, epoch, (long) epoch * loader.numBatches(), shuffle);
            net.save(out.resolve("model.safetensors"));
        }
        List<Path> charts = history.writeCharts(out, model + " on " + fashion.source(), "test");
        out().printf("wrote %s, %s, %s%n", checkpointFile, out.resolve("model.safetensors"), String.join(", ", charts.stream().map(Path::toString).toList()));
    }

    /** Tests after an epoch: records it in {@code history}, prints the epoch line and the confusion matrix. */
    private void test(Sequential net, FashionMnist.Split test, int epoch, EpochStats stats, TrainingHistory history) {
        Tensor logits = Classifier.logits(net, test.images(), Classifier.EVAL_BATCH);
        double testLoss = F.crossEntropy(logits, test.labels()).item();
        ConfusionMatrix confusion = ConfusionMatrix.of(test.labels().toLongArray(), logits.argmax(1, false).toLongArray(), FashionMnist.CLASSES);
        TrainingHistory.Epoch e = history.add(epoch, stats, testLoss, confusion.accuracy());
        out().printf("epoch %d/%d: train loss %.4f, train accuracy %.4f | test loss %.4f, test accuracy %.4f | %.1f s, %,.0f samples/s%n",
                epoch, epochs, e.trainLoss(), e.trainAccuracy(), e.testLoss(), e.testAccuracy(), e.seconds(), e.samplesPerSecond());
        out().print(confusion);
        out().flush();
    }

    /** What must not change between a run and its resumption. */
    private Map<String, Object> config(FashionData fashion) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("model", model);
        c.put("data", fashion.source());
        c.put("train_images", fashion.train().size());
        c.put("test_images", fashion.test().size());
        c.put("batch_size", batchSize);
        c.put("lr", lr);
        return c;
    }

    static long parameterCount(Sequential net) {
        long n = 0;
        for (Tensor p : net.parameters()) n += p.numel();
        return n;
    }
}
