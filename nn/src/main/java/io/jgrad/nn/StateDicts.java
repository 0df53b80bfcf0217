package io.jgrad.nn;

import io.jgrad.core.Tensor;
import io.jgrad.nn.spi.StateDictStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;

/**
 * Key remapping for state dicts, as needed when weights move between models (fine-tuning a
 * backbone saved inside a larger model, a checkpoint saved from {@code model.module}, renamed
 * heads), and the file store behind {@link Module#save}/{@link Module#load}.
 */
public final class StateDicts {
    private StateDicts() {}

    /** Keys that start with {@code prefix} lose it; other keys are dropped. */
    public static LinkedHashMap<String, Tensor> stripPrefix(Map<String, Tensor> state, String prefix) {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        state.forEach((k, v) -> {
            if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v);
        });
        return out;
    }

    /** Every key gets {@code prefix} in front. */
    public static LinkedHashMap<String, Tensor> addPrefix(Map<String, Tensor> state, String prefix) {
        return mapKeys(state, k -> prefix + k);
    }

    /** Renames keys; a function returning null drops the entry. Two keys mapping to one is an error. */
    public static LinkedHashMap<String, Tensor> mapKeys(Map<String, Tensor> state, UnaryOperator<String> keyMap) {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        state.forEach((k, v) -> {
            String n = keyMap.apply(k);
            if (n == null) return;
            if (out.put(n, v) != null) throw new IllegalArgumentException("mapKeys: two keys map to '" + n + "' (one of them is '" + k + "')");
        });
        return out;
    }

    /** The store found on the class path (the io module's), or a clear error. */
    static StateDictStore store() {
        return Holder.STORE;
    }

    private static final class Holder {
        static final StateDictStore STORE = ServiceLoader.load(StateDictStore.class).findFirst().orElseThrow(() ->
                new IllegalStateException("Module.save/load: needs the io module (io.jgrad:jgrad-io) on the class path"));
    }
}
