package io.jgrad.examples.fashion;

import io.jgrad.nn.Conv2d;
import io.jgrad.nn.ConvOptions;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.Linear;
import io.jgrad.nn.MaxPool2d;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import java.util.List;

/**
 * The {@code fashion-cnn} model, layer for layer the PyTorch network
 *
 * <pre>
 * nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
 *               nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
 *               nn.Flatten(), nn.Linear(3136, 128), nn.ReLU(), nn.Linear(128, 10))
 * </pre>
 *
 * so its state_dict keys ({@code 0.*}, {@code 3.*}, {@code 7.*}, {@code 9.*}) and shapes match
 * PyTorch's and weights move both ways. Input: float32 {@code (N, 1, 28, 28)} = pixel / 255.
 */
public final class FashionCnn {
    /** The model's name on the command line. */
    public static final String NAME = "fashion-cnn";
    /** The models {@code --model} accepts. */
    public static final List<String> MODELS = List.of(NAME);
    /** Index of the classifier head in the Sequential; {@link #HEAD_INPUTS} features go in. */
    public static final int HEAD = 9, HEAD_INPUTS = 128;
    /** Indices of the convolutions: the feature extractor that fine-tuning freezes. */
    public static final List<Integer> CONVOLUTIONS = List.of(0, 3);

    private FashionCnn() {}

    /** A freshly initialised network (PyTorch's default init, drawn from the default generator). */
    public static Sequential create(int classes) {
        return new Sequential(
                new Conv2d(1, 32, new int[] {3}, ConvOptions.defaults().padding(1)), new ReLU(), new MaxPool2d(2),
                new Conv2d(32, 64, new int[] {3}, ConvOptions.defaults().padding(1)), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(64 * 7 * 7, HEAD_INPUTS), new ReLU(), new Linear(HEAD_INPUTS, classes));
    }

    /** The model named {@code name} with {@code classes} outputs; names other than {@link #MODELS} are an error. */
    public static Sequential create(String name, int classes) {
        if (!MODELS.contains(name)) throw new IllegalArgumentException("unknown model '" + name + "'; known models: " + String.join(", ", MODELS));
        return create(classes);
    }
}
