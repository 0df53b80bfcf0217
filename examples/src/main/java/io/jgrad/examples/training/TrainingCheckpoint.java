package io.jgrad.examples.training;

import io.jgrad.core.DType;
import io.jgrad.core.Tensor;
import io.jgrad.io.Json;
import io.jgrad.io.SafeTensors;
import io.jgrad.io.TensorFile;
import io.jgrad.optim.OptimizerStateDict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to continue training exactly where it stopped, in one safetensors file
 * (written atomically, so a crash mid-save keeps the previous checkpoint):
 *
 * <ul>
 *   <li>tensors {@code model.<state_dict key>}: the model's weights under PyTorch's names;
 *   <li>tensors {@code optimizer.<index>.<buffer>} and metadata {@code optimizer.param_groups}
 *       (JSON): the optimizer's state dict;
 *   <li>tensors {@code rng.<name>}: the states of the random generators (int64), so shuffling
 *       continues with the same stream;
 *   <li>metadata {@code format}, {@code epoch} (epochs completed), and command-specific
 *       {@code info} entries (configuration, history).
 * </ul>
 *
 * @param model      the model's state dict
 * @param optimizer  the optimizer's state dict
 * @param epoch      epochs completed
 * @param generators generator states by name
 * @param info       free-form string entries saved as metadata
 */
public record TrainingCheckpoint(Map<String, Tensor> model, OptimizerStateDict optimizer, int epoch, Map<String, long[]> generators,
        Map<String, String> info) {
    /** The metadata value of {@code format} that marks a training checkpoint. */
    public static final String FORMAT = "jgrad-training-checkpoint";
    static final String MODEL = "model.", OPTIMIZER = "optimizer.", RNG = "rng.";
    private static final List<String> RESERVED = List.of("format", "epoch", "optimizer.param_groups");

    public TrainingCheckpoint {
        for (String key : info.keySet())
            if (RESERVED.contains(key)) throw new IllegalArgumentException("TrainingCheckpoint: info key '" + key + "' is reserved");
    }

    /** Writes the checkpoint to {@code file}, replacing it atomically. */
    public void save(Path file) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.forEach((k, v) -> tensors.put(MODEL + k, v));
        optimizer.state().forEach((k, v) -> tensors.put(OPTIMIZER + k, v));
        generators.forEach((k, v) -> tensors.put(RNG + k, Tensor.of(v, v.length)));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", FORMAT);
        metadata.put("epoch", Integer.toString(epoch));
        metadata.put("optimizer.param_groups", Json.write(optimizer.paramGroups()));
        metadata.putAll(info);
        SafeTensors.save(file, tensors, metadata);
    }

    /** True if {@code file}'s contents were written by {@link #save}. */
    public static boolean isCheckpoint(TensorFile file) {
        return FORMAT.equals(file.metadata().get("format"));
    }

    /** Reads a checkpoint written by {@link #save}; any other safetensors file is an error naming the file. */
    public static TrainingCheckpoint load(Path file) throws IOException {
        TensorFile contents = SafeTensors.read(file);
        if (!isCheckpoint(contents))
            throw new IllegalArgumentException(file + ": not a jgrad training checkpoint (its metadata has no format=" + FORMAT + ")");
        return from(file, contents);
    }

    /** The model weights of a checkpoint's contents, under their state_dict names. */
    public static Map<String, Tensor> modelState(TensorFile contents) {
        Map<String, Tensor> model = new LinkedHashMap<>();
        contents.tensors().forEach((k, v) -> {
            if (k.startsWith(MODEL)) model.put(k.substring(MODEL.length()), v);
        });
        return model;
    }

    private static TrainingCheckpoint from(Path file, TensorFile contents) {
        Map<String, Tensor> optimizerState = new LinkedHashMap<>();
        Map<String, long[]> generators = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : contents.tensors().entrySet()) {
            String k = e.getKey();
            if (k.startsWith(OPTIMIZER)) optimizerState.put(k.substring(OPTIMIZER.length()), e.getValue());
            else if (k.startsWith(RNG)) {
                if (e.getValue().dtype() != DType.INT64 || e.getValue().dim() != 1)
                    throw new IllegalArgumentException(file + ": generator state '" + k + "' must be a 1-d int64 tensor");
                generators.put(k.substring(RNG.length()), e.getValue().toLongArray());
            } else if (!k.startsWith(MODEL)) throw new IllegalArgumentException(file + ": unexpected tensor '" + k + "' in a training checkpoint");
        }
        Map<String, String> metadata = contents.metadata();
        int epoch;
        try {
            epoch = Integer.parseInt(metadata.getOrDefault("epoch", ""));
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(file + ": metadata 'epoch' is not a number: '" + metadata.get("epoch") + "'");
        }
        OptimizerStateDict optimizer = new OptimizerStateDict(optimizerState, paramGroups(file, metadata.get("optimizer.param_groups")));
        Map<String, String> info = new LinkedHashMap<>(metadata);
        RESERVED.forEach(info::remove);
        return new TrainingCheckpoint(modelState(contents), optimizer, epoch, generators, info);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> paramGroups(Path file, String json) {
        Object parsed = json == null ? null : Json.parse(json);
        if (!(parsed instanceof List<?> list) || !list.stream().allMatch(g -> g instanceof Map))
            throw new IllegalArgumentException(file + ": metadata 'optimizer.param_groups' must be a JSON list of objects");
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Object g : list) groups.add((Map<String, Object>) g);
        return groups;
    }
}
