package io.jgrad.nn;

import io.jgrad.core.Tensor;
import java.util.Iterator;
import java.util.Map;

/**
 * Modules applied one after another ({@code torch.nn.Sequential}): the output of each is the input
 * of the next. Children are named {@code "0"}, {@code "1"}, ... unless given names.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Linear(784, 128), new ReLU(), new Linear(128, 10));
 * model.namedParameters().keySet();   // [0.weight, 0.bias, 2.weight, 2.bias]
 * }</pre>
 */
public final class Sequential extends Module implements Iterable<Module> {
    /** The modules in order, named by position. */
    public Sequential(Module... modules) {
        for (Module m : modules) add(m);
    }

    /** The modules in the map's iteration order, under its keys (PyTorch's OrderedDict form). */
    public Sequential(Map<String, ? extends Module> modules) {
        modules.forEach(this::add);
    }

    /** Appends a module named by its position; returns this. */
    public Sequential add(Module module) {
        return add(String.valueOf(size()), module);
    }

    /** Appends a module under {@code name}; returns this. */
    public Sequential add(String name, Module module) {
        if (module == null) throw new IllegalArgumentException("Sequential: cannot add a null module");
        registerModule(name, module);
        return this;
    }

    /** The module at {@code index} (negative counts from the end). */
    public Module get(int index) {
        int n = size();
        if (index < -n || index >= n) throw new IllegalArgumentException("Sequential: index " + index + " out of range for " + n + " modules");
        return children().get(index < 0 ? index + n : index);
    }

    /** Replaces the module at {@code index}, keeping its name ({@code model[i] = m} in PyTorch), e.g. to swap a head. */
    public Sequential set(int index, Module module) {
        if (module == null) throw new IllegalArgumentException("Sequential: cannot set a null module");
        get(index);
        int n = size();
        String name = new java.util.ArrayList<>(namedChildren().keySet()).get(index < 0 ? index + n : index);
        registerModule(name, module);
        return this;
    }

    /** The number of modules. */
    public int size() {
        return namedChildren().size();
    }

    @Override
    public Iterator<Module> iterator() {
        return children().iterator();
    }

    /** Feeds {@code input} through every module in order. */
    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module m : this) x = m.forward(x);
        return x;
    }
}
