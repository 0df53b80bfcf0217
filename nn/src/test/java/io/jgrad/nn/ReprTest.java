package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** toString() prints the module tree exactly as PyTorch 1.13's print(model) (reference/repr.json). */
class ReprTest {
    private static final JsonNode EXPECTED = Reference.load("repr");

    private static void check(String name, Module m) {
        assertThat(m.toString()).isEqualTo(EXPECTED.get(name).asText());
    }

    @Test
    void mlp() {
        check("mlp", new Sequential(new Linear(784, 128), new ReLU(), new Linear(128, 10, false)));
    }

    @Test
    void cnn() {
        check("cnn", new Sequential(new Conv2d(3, 16, new int[] {3}, ConvOptions.defaults().padding(1)), new BatchNorm2d(16), new ReLU(),
                new MaxPool2d(2), new Dropout(0.25),
                new Conv2d(16, 32, new int[] {3, 5}, ConvOptions.defaults().stride(2).groups(4).bias(false).dilation(1, 2)),
                new AdaptiveAvgPool2d(1, 1), new Flatten(), new Linear(32, 10)));
    }

    @Test
    void convolutions() {
        check("conv1d_same", new Conv1d(4, 8, new int[] {5}, ConvOptions.defaults().padding("same").paddingMode("reflect")));
        check("conv_transpose", new ConvTranspose2d(8, 4, new int[] {4}, ConvOptions.defaults().stride(2).padding(1).outputPadding(1)));
    }

    @Test
    void norms() {
        check("norms", new Sequential(new LayerNorm(16), new GroupNorm(2, 6, 1e-3, true), new BatchNorm1d(4, 1e-5, null, false, true),
                new LayerNorm(new int[] {4, 5}, 1e-5, false)));
    }

    @Test
    void recurrent() {
        check("recurrent", new Sequential(new Embedding(10, 6, 0),
                new LSTM(6, 8, RNNBase.Options.defaults().numLayers(2).batchFirst(true).dropout(0.5).bidirectional(true)),
                new GRU(6, 8), new RNN(6, 8, RNN.Nonlinearity.TANH, RNNBase.Options.defaults().bias(false))));
    }

    @Test
    void activations() {
        check("activations", new Sequential(new GELU("tanh"), new SiLU(), new Tanh(), new Sigmoid(), new LeakyReLU(0.2), new Softmax(-1),
                new LogSoftmax(1), new Identity()));
    }

    @Test
    void pools() {
        check("pools", new Sequential(new MaxPool1d(new int[] {3}, new int[] {2}, new int[] {1}), new AvgPool1d(2), new AvgPool2d(new int[] {2, 3}, null, new int[] {0}),
                new MaxPool2d(new int[] {2}, null, new int[] {0}, new int[] {1}, true), new Upsample(2), new Unflatten(1, 2, 5), new Flatten(0, 2)));
    }

    @Test
    void attention() {
        // PyTorch's out_proj is a Linear subclass named NonDynamicallyQuantizableLinear (a quantization detail); jgrad's is a Linear.
        String expected = EXPECTED.get("attention").asText().replace("NonDynamicallyQuantizableLinear", "Linear");
        assertThat(new TransformerEncoderLayer(8, 2, TransformerEncoderLayer.Options.defaults().dimFeedforward(16)).toString()).isEqualTo(expected);
    }

    @Test
    void nestedContainers() {
        Map<String, Module> dict = new LinkedHashMap<>();
        dict.put("a", new Tanh());
        check("nested", new Sequential(new Sequential(new Linear(2, 3)), new ModuleList<>(new ReLU(), new Linear(3, 3)), new ModuleDict<>(dict),
                new Bilinear(3, 3, 2)));
    }
}
