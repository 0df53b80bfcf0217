package io.jgrad.io;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import io.jgrad.nn.Module;
import io.jgrad.optim.Optimizer;
import io.jgrad.optim.OptimizerStateDict;
import io.jgrad.optim.lr.LRScheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to resume training exactly, in one safetensors file written atomically: the
 * model's state dict (keys {@code model.*}), the optimizer's state tensors ({@code optim.*}), and
 * as JSON metadata the optimizer's parameter groups, the scheduler's state, epoch, step and the
 * generator's state. A crash or kill during {@link #save} leaves the previous checkpoint intact.
 *
 * <pre>{@code
 * TrainingCheckpoint.save(path, model, optimizer, scheduler, epoch, step, gen);
 * ...
 * TrainingCheckpoint ckpt = TrainingCheckpoint.load(path);
 * ckpt.restore(model, optimizer, scheduler, gen);     // then continue from ckpt.epoch()/step()
 * }</pre>
 *
 * @param tensors   model tensors under {@code model.}, optimizer state under {@code optim.}
 * @param metadata  the file's string metadata (JSON values)
 */
public record TrainingCheckpoint(Map<String, Tensor> tensors, Map<String, String> metadata) {
    static final String FORMAT = "jgrad-training-checkpoint/1";

    /** Writes a checkpoint; scheduler and generator may be null. */
    public static void save(Path path, Module model, Optimizer optimizer, LRScheduler scheduler, long epoch, long step, Generator gen)
            throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> tensors.put("model." + k, v));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("epoch", Long.toString(epoch));
        meta.put("step", Long.toString(step));
        if (optimizer != null) {
            OptimizerStateDict sd = optimizer.stateDict();
            sd.state().forEach((k, v) -> tensors.put("optim." + k, v));
            meta.put("optim.param_groups", Json.write(encode(sd.paramGroups())));
        }
        if (scheduler != null) meta.put("scheduler", Json.write(encode(scheduler.stateDict())));
        if (gen != null) meta.put("rng", Json.write(encode(toList(gen.getState()))));
        SafeTensors.save(path, tensors, meta);
    }

    /** Reads and validates a checkpoint written by {@link #save}. */
    public static TrainingCheckpoint load(Path path) throws IOException {
        TensorFile f = SafeTensors.read(path);
        if (!FORMAT.equals(f.metadata().get("format")))
            throw new CheckpointFormatException(path, "not a jgrad training checkpoint (metadata format is " + f.metadata().get("format") + ")");
        return new TrainingCheckpoint(f.tensors(), f.metadata());
    }

    public long epoch() {
        return Long.parseLong(metadata.get("epoch"));
    }

    public long step() {
        return Long.parseLong(metadata.get("step"));
    }

    /** The model's state dict (keys without the {@code model.} prefix). */
    public Map<String, Tensor> modelState() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> {
            if (k.startsWith("model.")) out.put(k.substring(6), v);
        });
        return out;
    }

    /** Restores model (strictly), optimizer, scheduler and generator; any of the last three may be null. */
    @SuppressWarnings("unchecked")
    public void restore(Module model, Optimizer optimizer, LRScheduler scheduler, Generator gen) {
        model.loadStateDict(modelState(), true);
        if (optimizer != null) {
            String groups = metadata.get("optim.param_groups");
            if (groups == null) throw new IllegalArgumentException("TrainingCheckpoint.restore: the checkpoint holds no optimizer state");
            Map<String, Tensor> state = new LinkedHashMap<>();
            tensors.forEach((k, v) -> {
                if (k.startsWith("optim.")) state.put(k.substring(6), v);
            });
            optimizer.loadStateDict(new OptimizerStateDict(state, (List<Map<String, Object>>) decode(Json.parse(groups))));
        }
        if (scheduler != null) {
            String s = metadata.get("scheduler");
            if (s == null) throw new IllegalArgumentException("TrainingCheckpoint.restore: the checkpoint holds no scheduler state");
            scheduler.loadStateDict((Map<String, Object>) decode(Json.parse(s)));
        }
        if (gen != null) {
            String r = metadata.get("rng");
            if (r == null) throw new IllegalArgumentException("TrainingCheckpoint.restore: the checkpoint holds no generator state");
            List<Object> l = (List<Object>) decode(Json.parse(r));
            long[] state = new long[l.size()];
            for (int i = 0; i < state.length; i++) state[i] = ((Number) l.get(i)).longValue();
            gen.setState(state);
        }
    }

    private static List<Long> toList(long[] a) {
        List<Long> out = new ArrayList<>();
        for (long v : a) out.add(v);
        return out;
    }

    /** JSON has no NaN or infinities (ReduceLROnPlateau's initial best is one): tag them. */
    private static Object encode(Object v) {
        return switch (v) {
            case Double d when !Double.isFinite(d) -> Map.of("$double", d.toString());
            case Float f when !Float.isFinite(f) -> Map.of("$double", Double.toString(f));
            case Map<?, ?> m -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                m.forEach((k, x) -> out.put(k, encode(x)));
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>();
                for (Object x : l) out.add(encode(x));
                yield out;
            }
            case double[] a -> {
                List<Object> out = new ArrayList<>();
                for (double x : a) out.add(encode(x));
                yield out;
            }
            case null, default -> v;
        };
    }

    private static Object decode(Object v) {
        return switch (v) {
            case Map<?, ?> m when m.size() == 1 && m.get("$double") instanceof String s -> Double.parseDouble(s);
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, x) -> out.put((String) k, decode(x)));
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>();
                for (Object x : l) out.add(decode(x));
                yield out;
            }
            case null, default -> v;
        };
    }
}
