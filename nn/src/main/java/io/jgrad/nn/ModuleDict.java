package io.jgrad.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Submodules registered under names, in insertion order ({@code torch.nn.ModuleDict}). Like
 * {@link ModuleList} it has no forward of its own.
 *
 * @param <M> the value type
 */
public final class ModuleDict<M extends Module> extends Module {
    private final Map<String, M> items = new LinkedHashMap<>();

    /** An empty dict. */
    public ModuleDict() {}

    /** A dict holding {@code modules} in the map's iteration order. */
    public ModuleDict(Map<String, ? extends M> modules) {
        modules.forEach(this::put);
    }

    /** Adds or replaces the module under {@code name}; returns this. */
    public ModuleDict<M> put(String name, M module) {
        if (module == null) throw new IllegalArgumentException("ModuleDict: cannot put a null module under '" + name + "'");
        registerModule(name, module);
        items.put(name, module);
        return this;
    }

    /** The module under {@code name}. */
    public M get(String name) {
        M m = items.get(name);
        if (m == null) throw new IllegalArgumentException("ModuleDict has no key '" + name + "' (keys: " + String.join(", ", items.keySet()) + ")");
        return m;
    }

    /** True if {@code name} is a key. */
    public boolean containsKey(String name) {
        return items.containsKey(name);
    }

    /** The keys, in insertion order. */
    public Set<String> keySet() {
        return java.util.Collections.unmodifiableSet(items.keySet());
    }

    /** The number of entries. */
    public int size() {
        return items.size();
    }
}
