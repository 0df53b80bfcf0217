package io.jgrad.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.jgrad.conformance.ConformanceTest.Result;
import io.jgrad.conformance.ConformanceTest.Status;
import io.jgrad.core.DType;
import io.jgrad.core.Tensor;
import io.jgrad.nn.AdaptiveAvgPool2d;
import io.jgrad.nn.AvgPool2d;
import io.jgrad.nn.BCEWithLogitsLoss;
import io.jgrad.nn.BatchNorm1d;
import io.jgrad.nn.BatchNorm2d;
import io.jgrad.nn.Conv1d;
import io.jgrad.nn.Conv2d;
import io.jgrad.nn.ConvOptions;
import io.jgrad.nn.CrossEntropyLoss;
import io.jgrad.nn.Dropout;
import io.jgrad.nn.Embedding;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.GELU;
import io.jgrad.nn.GRU;
import io.jgrad.nn.Identity;
import io.jgrad.nn.LSTM;
import io.jgrad.nn.LayerNorm;
import io.jgrad.nn.LeakyReLU;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Loss;
import io.jgrad.nn.MSELoss;
import io.jgrad.nn.MaxPool2d;
import io.jgrad.nn.Module;
import io.jgrad.nn.RNN;
import io.jgrad.nn.RNNBase;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.SiLU;
import io.jgrad.nn.Sigmoid;
import io.jgrad.nn.Tanh;
import io.jgrad.optim.Optimizer;
import io.jgrad.optim.Optimizers;
import io.jgrad.nn.Reduction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * models/mlp.json, cnn.json, rnn.json: a Sequential network built from the case's layer list,
 * loaded through {@code loadStateDict}, trained step by step (FORMAT.md section 4). Step 0's loss
 * is the {@code forward} check and its gradients the {@code backward} check; the optimizer steps
 * and the final state dict are the {@code steps} check.
 */
final class NetworkCases {
    private NetworkCases() {}

    /** The case's optimizer ({@code {"type": "Adam", "kwargs": {...}}}, FORMAT.md section 6) over params in model.parameters() order. */
    static Optimizer optimizer(JsonNode spec, List<Tensor> params) {
        return Optimizers.fromSpec(spec.get("type").asText(), OptimCases.kwargs(spec.get("kwargs")), params);
    }

    static Result run(Golden.Case c, String file) {
        JsonNode j = c.json();
        double rtol = j.get("rtol").asDouble(), atol = j.get("atol").asDouble();
        Sequential model;
        Loss loss;
        try {
            model = network(j.get("layers"));
            loss = loss(j.get("loss"));
            model.to(DType.fromPyName(j.get("dtype").asText()));
            model.loadStateDict(tensors(j.get("params")), true);
            model.train(j.get("mode").asText().equals("train"));
            List<String> expectedNames = new ArrayList<>();
            j.get("param_names").forEach(n -> expectedNames.add(n.asText()));
            List<String> names = new ArrayList<>(model.namedParameters().keySet());
            if (!names.equals(expectedNames))
                return new Result(c.id(), file, Status.failed, Status.none, Status.none, "parameter names " + names + ", expected " + expectedNames);
        } catch (UnsupportedOperationException e) {
            return ModelCases.unsupported(c, file, e.getMessage());
        } catch (RuntimeException e) {
            return new Result(c.id(), file, Status.failed, Status.none, Status.none, "building the model threw " + e);
        }
        Tensor input = Golden.tensor(j.get("input")), target = Golden.tensor(j.get("target"));
        boolean flatten = j.get("loss").path("flatten_sequence").asBoolean(false);
        JsonNode losses = j.get("expected_losses");
        int steps = j.get("steps").asInt();

        // Step 0 forward and backward: checked before (and without) any optimizer.
        Tensor l;
        try {
            l = lossOf(model, loss, input, target, flatten);
        } catch (UnsupportedOperationException e) {
            return ModelCases.unsupported(c, file, e.getMessage());
        } catch (RuntimeException e) {
            return new Result(c.id(), file, Status.failed, Status.none, Status.none, "forward threw " + e);
        }
        String msg = Compare.check("loss[0]", l, scalar(losses.get(0), l.dtype()), rtol, atol);
        if (msg != null) return new Result(c.id(), file, Status.failed, Status.none, Status.none, msg);
        try {
            l.backward();
        } catch (UnsupportedOperationException e) {
            return new Result(c.id(), file, Status.passed, Status.unsupported, Status.unsupported, e.getMessage());
        } catch (RuntimeException e) {
            return new Result(c.id(), file, Status.passed, Status.failed, Status.none, "backward threw " + e);
        }
        Map<String, Tensor> params = model.namedParameters();
        for (Map.Entry<String, JsonNode> e : entries(j.get("expected_grads_step0"))) {
            Tensor p = params.get(e.getKey());
            if (p == null) return new Result(c.id(), file, Status.passed, Status.failed, Status.none, "no parameter " + e.getKey());
            Tensor g = p.grad() == null ? Tensor.zerosLike(p) : p.grad();
            msg = Compare.check("grad[" + e.getKey() + "]", g, e.getValue(), rtol, atol);
            if (msg != null) return new Result(c.id(), file, Status.passed, Status.failed, Status.none, msg);
        }

        try {
            Optimizer opt = optimizer(j.get("optimizer"), model.parameters());
            opt.step();
            for (int s = 1; s < steps; s++) {
                opt.zeroGrad();
                l = lossOf(model, loss, input, target, flatten);
                msg = Compare.check("loss[" + s + "]", l, scalar(losses.get(s), l.dtype()), rtol, atol);
                if (msg != null) return new Result(c.id(), file, Status.passed, Status.passed, Status.failed, msg);
                l.backward();
                opt.step();
            }
            Map<String, Tensor> state = model.stateDict();
            for (Map.Entry<String, JsonNode> e : entries(j.get("expected_params_after"))) {
                msg = Compare.check("state[" + e.getKey() + "]", state.get(e.getKey()), e.getValue(), rtol, atol);
                if (msg != null) return new Result(c.id(), file, Status.passed, Status.passed, Status.failed, msg);
            }
        } catch (UnsupportedOperationException e) {
            return new Result(c.id(), file, Status.passed, Status.passed, Status.unsupported, e.getMessage());
        } catch (RuntimeException e) {
            return new Result(c.id(), file, Status.passed, Status.passed, Status.failed, "training threw " + e);
        }
        return new Result(c.id(), file, Status.passed, Status.passed, Status.passed, null);
    }

    private static Tensor lossOf(Module model, Loss loss, Tensor input, Tensor target, boolean flattenSequence) {
        Tensor out = model.forward(input);
        if (flattenSequence) {
            out = out.reshape(-1, out.size(-1));
            target = target.reshape(-1);
        }
        return loss.forward(out, target);
    }

    // ------------------------------------------------------------------ the model from FORMAT.md's layer table

    static Sequential network(JsonNode layers) {
        Sequential model = new Sequential();
        for (JsonNode l : layers) model.add(layer(l));
        return model;
    }

    private static Module layer(JsonNode l) {
        String type = l.get("type").asText();
        return switch (type) {
            case "linear" -> new Linear(l.get("in").asInt(), l.get("out").asInt(), l.get("bias").asBoolean());
            case "conv1d" -> new Conv1d(l.get("in").asInt(), l.get("out").asInt(), ints(l.get("kernel")), conv(l));
            case "conv2d" -> new Conv2d(l.get("in").asInt(), l.get("out").asInt(), ints(l.get("kernel")), conv(l));
            case "relu" -> new ReLU();
            case "tanh" -> new Tanh();
            case "sigmoid" -> new Sigmoid();
            case "silu" -> new SiLU();
            case "gelu" -> new GELU(l.get("approximate").asText());
            case "leaky_relu" -> new LeakyReLU(l.get("negative_slope").asDouble());
            case "max_pool2d" -> new MaxPool2d(ints(l.get("kernel")), l.get("stride").isNull() ? null : ints(l.get("stride")), ints(l.get("padding")));
            case "avg_pool2d" -> new AvgPool2d(ints(l.get("kernel")), l.get("stride").isNull() ? null : ints(l.get("stride")), ints(l.get("padding")));
            case "adaptive_avg_pool2d" -> new AdaptiveAvgPool2d(ints(l.get("output_size")));
            case "flatten" -> new Flatten(l.get("start_dim").asInt(), l.get("end_dim").asInt());
            case "batch_norm1d" -> new BatchNorm1d(l.get("num_features").asInt(), l.get("eps").asDouble(), l.get("momentum").asDouble(),
                    l.get("affine").asBoolean(), true);
            case "batch_norm2d" -> new BatchNorm2d(l.get("num_features").asInt(), l.get("eps").asDouble(), l.get("momentum").asDouble(),
                    l.get("affine").asBoolean(), true);
            case "layer_norm" -> new LayerNorm(ints(l.get("normalized_shape")), l.get("eps").asDouble(), l.get("elementwise_affine").asBoolean());
            case "dropout" -> new Dropout(l.get("p").asDouble());
            case "embedding" -> new Embedding(l.get("num_embeddings").asInt(), l.get("embedding_dim").asInt(),
                    l.get("padding_idx").isNull() ? null : l.get("padding_idx").asInt());
            case "rnn" -> new RNN(l.get("input_size").asInt(), l.get("hidden_size").asInt(),
                    RNN.Nonlinearity.valueOf(l.get("nonlinearity").asText().toUpperCase()), recurrent(l));
            case "lstm" -> new LSTM(l.get("input_size").asInt(), l.get("hidden_size").asInt(), recurrent(l));
            case "gru" -> new GRU(l.get("input_size").asInt(), l.get("hidden_size").asInt(), recurrent(l));
            // jgrad's recurrent layers return the output sequence from forward(Tensor); the state is not needed here.
            case "seq_output" -> new Identity();
            case "last_step" -> new LastStep();
            default -> throw new UnsupportedOperationException("layer type '" + type + "' is not supported");
        };
    }

    /** output[:, -1, :] of a batch-first recurrent layer's output sequence. */
    private static final class LastStep extends Module {
        @Override
        public Tensor forward(Tensor output) {
            return output.select(1, output.size(1) - 1);
        }
    }

    private static ConvOptions conv(JsonNode l) {
        return ConvOptions.defaults().stride(ints(l.get("stride"))).padding(ints(l.get("padding"))).dilation(ints(l.get("dilation")))
                .groups(l.get("groups").asInt()).bias(l.get("bias").asBoolean());
    }

    private static RNNBase.Options recurrent(JsonNode l) {
        return RNNBase.Options.defaults().numLayers(l.get("num_layers").asInt()).bias(l.path("bias").asBoolean(true))
                .batchFirst(l.path("batch_first").asBoolean(true)).bidirectional(l.get("bidirectional").asBoolean());
    }

    private static Loss loss(JsonNode spec) {
        String type = spec.get("type").asText();
        JsonNode kw = spec.get("kwargs");
        Reduction reduction = Reduction.valueOf(kw.path("reduction").asText("mean").toUpperCase());
        return switch (type) {
            case "cross_entropy" -> new CrossEntropyLoss(null, kw.path("ignore_index").asInt(-100), reduction, kw.path("label_smoothing").asDouble(0));
            case "mse_loss" -> new MSELoss(reduction);
            case "binary_cross_entropy_with_logits" -> new BCEWithLogitsLoss(null, reduction, null);
            default -> throw new UnsupportedOperationException("loss type '" + type + "' is not supported");
        };
    }

    // ------------------------------------------------------------------ JSON helpers

    /** An int or a list of ints. */
    private static int[] ints(JsonNode v) {
        return v.isArray() ? Golden.ints(v) : new int[] {v.asInt()};
    }

    private static Map<String, Tensor> tensors(JsonNode obj) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : entries(obj)) out.put(e.getKey(), Golden.tensor(e.getValue()));
        return out;
    }

    private static List<Map.Entry<String, JsonNode>> entries(JsonNode obj) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        obj.fields().forEachRemaining(out::add);
        return out;
    }

    /** A plain JSON number as the Tensor node Compare expects. */
    private static JsonNode scalar(JsonNode value, DType dtype) {
        var node = Golden.JSON.createObjectNode();
        node.putArray("shape");
        node.put("dtype", dtype.name().toLowerCase());
        node.putArray("data").add(value);
        return node;
    }
}
