package io.jgrad.examples.fashion;

import io.jgrad.core.Tensor;
import io.jgrad.data.DataLoader;
import io.jgrad.data.readers.FashionMnist;
import io.jgrad.examples.cli.ExampleCommand;
import io.jgrad.examples.training.Classifier;
import io.jgrad.examples.training.EpochStats;
import io.jgrad.examples.training.TrainingLoop;
import io.jgrad.nn.IncompatibleKeys;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.Adam;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Transfer learning with few labels: a fashion-cnn pretrained on classes 0-4 (or loaded from
 * {@code --weights}) gets a new head for classes 5-9 and a frozen convolutional backbone, and is
 * fine-tuned on a handful of labelled images per class; the same network trained from scratch
 * on the same images is the baseline. The frozen weights are checked to be unchanged.
 */
@Command(name = "finetune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fine-tune a pretrained fashion-cnn on new classes from few labelled images, against training from scratch.",
                "Pretrains on classes 0-4 (T-shirt/top .. Coat) unless --weights is given, then learns classes 5-9 (Sandal .. Ankle boot)",
                "with the convolutional layers frozen."})
public final class FinetuneCommand extends ExampleCommand {
    /** Classes [0, SPLIT) are the pretraining task, [SPLIT, 10) the new one. */
    static final int SPLIT = 5;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder with the Fashion-MNIST IDX files, or 'bundled' (default: as for train).")
    Path data;

    @Option(names = "--weights", paramLabel = "FILE", description = "Pretrained fashion-cnn weights (.pt or .safetensors; the head is replaced) instead of pretraining.")
    Path weights;

    @Option(names = "--pretrain-epochs", paramLabel = "N", defaultValue = "1", description = "Epochs of pretraining on classes 0-4 (default: ${DEFAULT-VALUE}).")
    int pretrainEpochs;

    @Option(names = "--shots", paramLabel = "K", defaultValue = "20", description = "Labelled training images per new class (default: ${DEFAULT-VALUE}).")
    int shots;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "30", description = "Epochs over the few labelled images, for both fine-tuning and from scratch (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "20", description = "Mini-batch size of fine-tuning (default: ${DEFAULT-VALUE}; pretraining uses 64).")
    int batchSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N training and N test images.")
    Integer limit;

    @Override
    protected void execute() throws Exception {
        atLeast("--pretrain-epochs", pretrainEpochs, 1);
        atLeast("--shots", shots, 1);
        atLeast("--epochs", epochs, 1);
        atLeast("--batch-size", batchSize, 1);
        positive("--lr", lr);
        if (limit != null) atLeast("--limit", limit, 1);

        FashionData fashion = FashionData.load(data).limit(limit, limit);
        out().println(fashion.describe());
        int newClasses = FashionMnist.CLASSES.size() - SPLIT;
        Sequential pretrained = weights != null ? loadBackbone() : pretrain(fashion);

        FashionMnist.Split few = FashionData.fewShot(FashionData.classes(fashion.train(), SPLIT, 10), newClasses, shots, run.generator(1));
        FashionMnist.Split test = FashionData.classes(fashion.test(), SPLIT, 10);
        out().printf("%nnew task: classes %d-9 (%s) from %d labelled images per class (%d in all); %,d test images%n",
                SPLIT, String.join(", ", FashionMnist.CLASSES.subList(SPLIT, 10)), shots, few.size(), test.size());

        pretrained.add(Integer.toString(FashionCnn.HEAD), new Linear(FashionCnn.HEAD_INPUTS, newClasses));
        for (int i : FashionCnn.CONVOLUTIONS) pretrained.get(i).requiresGrad_(false);
        Map<String, Tensor> before = snapshot(pretrained);
        out().printf("fine-tuning: new head %d = Linear(%d, %d); frozen: %s; trainable: %s%n", FashionCnn.HEAD, FashionCnn.HEAD_INPUTS, newClasses,
                names(pretrained, false), names(pretrained, true));
        double finetuned = fit("fine-tuned", pretrained, few, test);

        Sequential scratch = FashionCnn.create(newClasses);
        out().printf("from scratch: the same network, randomly initialised, all layers trainable%n");
        double fromScratch = fit("from scratch", scratch, few, test);

        out().printf("%ntest accuracy on classes %d-9 (%,d images):%n", SPLIT, test.size());
        out().printf("  fine-tuned, frozen pretrained backbone: %.4f%n", finetuned);
        out().printf("  trained from scratch on the same %d images: %.4f%n", few.size(), fromScratch);
        reportChanges(pretrained, before);
    }

    /** Pretrains a 5-class fashion-cnn on classes 0-4. */
    private Sequential pretrain(FashionData fashion) {
        FashionMnist.Split train = FashionData.classes(fashion.train(), 0, SPLIT), test = FashionData.classes(fashion.test(), 0, SPLIT);
        out().printf("pretraining fashion-cnn on classes 0-%d (%s): %,d images, %d epoch(s)%n", SPLIT - 1,
                String.join(", ", FashionMnist.CLASSES.subList(0, SPLIT)), train.size(), pretrainEpochs);
        Sequential net = FashionCnn.create(SPLIT);
        Adam optimizer = new Adam(net.parameters(), lr);
        DataLoader<List<Tensor>> loader = DataLoader.builder(train.dataset()).batchSize(64).shuffle(run.generator(0)).build();
        for (int epoch = 1; epoch <= pretrainEpochs; epoch++) {
            EpochStats stats = TrainingLoop.epoch("pretrain " + epoch + "/" + pretrainEpochs, loader, optimizer, Classifier.crossEntropy(net), run.progress());
            out().printf("pretrain epoch %d/%d: train loss %.4f, train accuracy %.4f, test accuracy (classes 0-%d) %.4f, %.1f s%n", epoch, pretrainEpochs,
                    stats.loss(), stats.accuracy(), SPLIT - 1, Classifier.accuracy(net, test.images(), test.labels()), stats.seconds());
            out().flush();
        }
        return net;
    }

    /** A fashion-cnn with every layer but the head loaded from {@code --weights}. */
    private Sequential loadBackbone() throws java.io.IOException {
        Map<String, Tensor> state = new LinkedHashMap<>(Weights.load(weights));
        String head = FashionCnn.HEAD + ".";
        state.keySet().removeIf(k -> k.startsWith(head));
        Sequential net = FashionCnn.create(SPLIT);
        IncompatibleKeys result = net.loadStateDict(state, false);
        if (!result.unexpectedKeys().isEmpty() || !result.shapeMismatches().isEmpty() || result.missingKeys().stream().anyMatch(k -> !k.startsWith(head)))
            throw new IllegalArgumentException(weights + ": not fashion-cnn weights: " + result.describe());
        out().printf("pretrained backbone: %s (its head is replaced)%n", weights);
        return net;
    }

    /** Trains {@code net}'s trainable parameters on {@code few} and returns its accuracy on {@code test}. */
    private double fit(String name, Sequential net, FashionMnist.Split few, FashionMnist.Split test) {
        List<Tensor> trainable = net.parameters().stream().filter(Tensor::requiresGrad).toList();
        Adam optimizer = new Adam(trainable, lr);
        DataLoader<List<Tensor>> loader = DataLoader.builder(few.dataset()).batchSize(batchSize).shuffle(run.generator(2)).build();
        int every = Math.max(1, epochs / 5);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            EpochStats stats = TrainingLoop.epoch(name, loader, optimizer, Classifier.crossEntropy(net), false);
            if (epoch % every == 0 || epoch == epochs)
                out().printf("  %s epoch %d/%d: train loss %.4f, train accuracy %.4f%n", name, epoch, epochs, stats.loss(), stats.accuracy());
        }
        out().flush();
        return Classifier.accuracy(net, test.images(), test.labels());
    }

    private static Map<String, Tensor> snapshot(Module net) {
        Map<String, Tensor> copy = new LinkedHashMap<>();
        net.namedParameters().forEach((k, v) -> copy.put(k, v.detach().clone()));
        return copy;
    }

    /** Prints, per parameter, whether it was frozen and how far it moved; fails if a frozen one moved. */
    private void reportChanges(Module net, Map<String, Tensor> before) {
        out().printf("%nparameter changes during fine-tuning (max |after - before|):%n");
        List<String> moved = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : net.namedParameters().entrySet()) {
            Tensor old = before.get(e.getKey());
            double change = e.getValue().detach().sub(old).abs().max().item();
            boolean frozen = !e.getValue().requiresGrad();
            out().printf("  %-9s %-9s %,8d values  %s%n", e.getKey(), frozen ? "frozen" : "trained", old.numel(), change == 0 ? "unchanged" : String.format("%.6f", change));
            if (frozen && change != 0) moved.add(e.getKey());
        }
        if (!moved.isEmpty()) throw new IllegalStateException("frozen parameters changed during fine-tuning: " + moved);
        out().println("frozen weights are bit-for-bit unchanged");
    }

    private static String names(Sequential net, boolean trainable) {
        List<String> out = new ArrayList<>();
        net.namedChildren().forEach((name, layer) -> {
            List<Tensor> params = layer.parameters();
            if (!params.isEmpty() && params.get(0).requiresGrad() == trainable) out.add(name + " (" + layer.typeName() + ")");
        });
        return String.join(", ", out);
    }
}
