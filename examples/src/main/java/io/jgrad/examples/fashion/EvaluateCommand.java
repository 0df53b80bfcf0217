package io.jgrad.examples.fashion;

import io.jgrad.core.Tensor;
import io.jgrad.data.readers.FashionMnist;
import io.jgrad.examples.cli.ExampleCommand;
import io.jgrad.examples.training.Classifier;
import io.jgrad.examples.training.ConfusionMatrix;
import io.jgrad.examples.training.OutputFiles;
import io.jgrad.nn.Sequential;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures a trained model's test accuracy: weights from a PyTorch or safetensors state_dict (or
 * a training checkpoint), test images from the same places {@code train} looks.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a trained fashion-cnn on the Fashion-MNIST test images.",
                "--weights takes a PyTorch torch.save(model.state_dict()) file, a safetensors file or a training checkpoint."})
public final class EvaluateCommand extends ExampleCommand {
    @Option(names = "--model", paramLabel = "NAME", defaultValue = FashionCnn.NAME, description = "Model architecture (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--weights", paramLabel = "FILE", required = true, description = "The model's weights (.pt or .safetensors).")
    Path weights;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder with the Fashion-MNIST IDX files, or 'bundled' (default: as for train).")
    Path data;

    @Option(names = "--limit", paramLabel = "N", description = "Evaluate only the first N test images.")
    Integer limit;

    @Option(names = "--predictions", paramLabel = "CSV", description = "Also write index,label,prediction,margin per test image (margin = top-1 minus top-2 logit).")
    Path predictions;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + Classifier.EVAL_BATCH, description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    protected void execute() throws Exception {
        require(FashionCnn.MODELS.contains(model), "unknown --model '" + model + "'; known models: " + String.join(", ", FashionCnn.MODELS));
        atLeast("--batch-size", batchSize, 1);
        if (limit != null) atLeast("--limit", limit, 1);

        Sequential net = FashionCnn.create(model, FashionMnist.CLASSES.size());
        net.loadStateDict(Weights.load(weights));
        FashionData fashion = FashionData.load(data).limit(null, limit);
        FashionMnist.Split test = fashion.test();
        out().printf("data: %s: %,d test images%n", fashion.source(), test.size());
        out().printf("weights: %s%n", weights);

        Tensor logits = Classifier.logits(net, test.images(), batchSize);
        long[] labels = test.labels().toLongArray();
        long[] predicted = logits.argmax(1, false).toLongArray();
        ConfusionMatrix confusion = ConfusionMatrix.of(labels, predicted, FashionMnist.CLASSES);
        out().print(confusion);
        out().printf("test accuracy: %.4f%n", confusion.accuracy());
        if (predictions != null) {
            OutputFiles.write(predictions, predictionsCsv(logits, labels, predicted));
            out().printf("wrote %s%n", predictions);
        }
    }

    private static String predictionsCsv(Tensor logits, long[] labels, long[] predicted) {
        int classes = logits.size(1);
        float[] values = logits.toFloatArray();
        StringBuilder csv = new StringBuilder("index,label,prediction,margin\n");
        for (int i = 0; i < labels.length; i++) {
            float first = Float.NEGATIVE_INFINITY, second = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                float v = values[i * classes + c];
                if (v > first) {
                    second = first;
                    first = v;
                } else if (v > second) second = v;
            }
            csv.append(i).append(',').append(labels[i]).append(',').append(predicted[i]).append(',').append(String.format("%.6g", first - second)).append('\n');
        }
        return csv.toString();
    }
}
