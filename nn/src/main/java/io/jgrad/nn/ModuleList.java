package io.jgrad.nn;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A list of submodules that are registered (their parameters belong to the owner) but not called
 * in any fixed order ({@code torch.nn.ModuleList}); the owner's {@code forward} decides. Elements
 * are named {@code "0"}, {@code "1"}, ...
 *
 * @param <M> the element type, so {@code for (Linear l : layers)} needs no cast
 */
public final class ModuleList<M extends Module> extends Module implements Iterable<M> {
    private final List<M> items = new ArrayList<>();

    /** A list holding {@code modules}. */
    @SafeVarargs
    public ModuleList(M... modules) {
        for (M m : modules) add(m);
    }

    /** A list holding {@code modules}, in order. */
    public ModuleList(Iterable<? extends M> modules) {
        for (M m : modules) add(m);
    }

    /** Appends a module; returns this. */
    public ModuleList<M> add(M module) {
        if (module == null) throw new IllegalArgumentException("ModuleList: cannot add a null module");
        registerModule(String.valueOf(items.size()), module);
        items.add(module);
        return this;
    }

    /** The module at {@code index} (negative counts from the end). */
    public M get(int index) {
        int n = items.size();
        if (index < -n || index >= n) throw new IllegalArgumentException("ModuleList: index " + index + " out of range for " + n + " modules");
        return items.get(index < 0 ? index + n : index);
    }

    /** The number of modules. */
    public int size() {
        return items.size();
    }

    @Override
    public Iterator<M> iterator() {
        return List.copyOf(items).iterator();
    }
}
