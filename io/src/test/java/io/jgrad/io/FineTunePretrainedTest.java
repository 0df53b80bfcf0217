package io.jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import io.jgrad.nn.Conv2d;
import io.jgrad.nn.ConvOptions;
import io.jgrad.nn.F;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.Linear;
import io.jgrad.nn.MaxPool2d;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.Optimizer;
import io.jgrad.optim.Optimizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The model PyTorch trained (shared/pretrained, copied into test resources): jgrad loads its
 * {@code torch.save} file, reproduces PyTorch's recorded logits, and fine-tunes a new head on a
 * frozen backbone.
 */
class FineTunePretrainedTest {
    static Sequential fashionCnn() {
        ConvOptions pad1 = ConvOptions.defaults().padding(1);
        return new Sequential(new Conv2d(1, 32, new int[] {3, 3}, pad1), new ReLU(), new MaxPool2d(2),
                new Conv2d(32, 64, new int[] {3, 3}, pad1), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(3136, 128), new ReLU(), new Linear(128, 10));
    }

    static Path resource(String name) throws Exception {
        return Path.of(FineTunePretrainedTest.class.getResource("/pretrained/" + name).toURI());
    }

    /** The first 16 test images of Fashion-MNIST as pixel / 255, and PyTorch's logits for them. */
    static Tensor images() throws Exception {
        byte[] raw = Files.readAllBytes(resource("first16-test-images.u8"));
        float[] px = new float[raw.length];
        for (int i = 0; i < raw.length; i++) px[i] = (raw[i] & 0xff) / 255f;
        return Tensor.of(px, 16, 1, 28, 28);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> expected() throws Exception {
        return (Map<String, Object>) Json.parse(Files.readString(resource("expected.json")));
    }

    @Test
    void pytorchWeightsReproducePytorchOutputs() throws Exception {
        Map<String, Object> exp = expected();
        List<List<Number>> logits = (List<List<Number>>) exp.get("first16_logits");
        List<Number> labels = (List<Number>) exp.get("first16_labels");
        for (String file : new String[] {"fashion-cnn.pt", "fashion-cnn.safetensors"}) {
            Sequential model = fashionCnn();
            assertThat(model.load(resource(file), true).isEmpty()).isTrue();
            model.eval();
            Tensor out = model.forward(images());
            for (int i = 0; i < 16; i++)
                for (int j = 0; j < 10; j++)
                    assertThat(out.get(i, j)).as(file + " logit [" + i + ", " + j + "]").isCloseTo(logits.get(i).get(j).doubleValue(), within(1e-4));
            long[] pred = out.argmax(1, false).toLongArray();
            for (int i = 0; i < 16; i++) assertThat(pred[i]).isEqualTo(argmax(logits.get(i)));
            assertThat(labels).hasSize(16);
        }
    }

    @Test
    void fineTuningANewHeadLeavesTheFrozenBackboneUnchanged() throws Exception {
        Sequential model = fashionCnn();
        model.load(resource("fashion-cnn.pt"), true);
        model.requiresGrad_(false);                                     // freeze everything ...
        Linear head = new Linear(128, 2);
        head.resetParameters(new Generator(0));
        model.set(9, head);                                             // ... then a new, trainable head
        Map<String, Tensor> frozenBefore = new java.util.LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> {
            if (!k.startsWith("9.")) frozenBefore.put(k, v.clone());
        });
        List<Tensor> trainable = model.parameters().stream().filter(Tensor::requiresGrad).toList();
        assertThat(trainable).hasSize(2);
        Optimizer opt = Optimizers.fromSpec("Adam", Map.of("lr", 0.01), trainable);

        // A new task on the same images: is the item a garment worn above the waist (T-shirt,
        // pullover, coat, shirt: classes 0, 2, 4, 6)?
        long[] labels = ((List<Number>) expected().get("first16_labels")).stream()
                .mapToLong(n -> n.longValue() == 0 || n.longValue() == 2 || n.longValue() == 4 || n.longValue() == 6 ? 1 : 0).toArray();
        Tensor x = images(), y = Tensor.of(labels);
        List<Double> losses = new ArrayList<>();
        for (int step = 0; step < 20; step++) {
            opt.zeroGrad();
            Tensor loss = F.crossEntropy(model.forward(x), y);
            loss.backward();
            opt.step();
            losses.add(loss.item());
        }
        assertThat(losses.get(19)).as("loss after 20 steps vs first").isLessThan(losses.get(0) * 0.5);
        model.stateDict().forEach((k, v) -> {
            if (!k.startsWith("9.")) assertThat(v.toFloatArray()).as("frozen " + k).containsExactly(frozenBefore.get(k).toFloatArray());
        });
        assertThat(model.child("0").parameter("weight").grad()).as("a frozen parameter gets no gradient").isNull();
    }

    private static long argmax(List<Number> row) {
        int best = 0;
        for (int j = 1; j < row.size(); j++) if (row.get(j).doubleValue() > row.get(best).doubleValue()) best = j;
        return best;
    }
}
