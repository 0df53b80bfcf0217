package io.jgrad.nn;

import io.jgrad.autograd.Autograd;
import io.jgrad.core.DType;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The base of every layer and model, as {@code torch.nn.Module}: a tree of named submodules, each
 * owning named parameters (trainable tensors) and buffers (state such as BatchNorm's running
 * statistics). Names are PyTorch's dotted paths ({@code "features.0.weight"}), so state dicts
 * line up with PyTorch checkpoints.
 *
 * <p>A subclass registers everything in its constructor, in the order PyTorch's {@code __init__}
 * would assign it; that order is the order of {@link #parameters()} and {@link #stateDict()}:
 *
 * <pre>{@code
 * class Net extends Module {
 *     final Linear fc1 = registerModule("fc1", new Linear(784, 128));
 *     final Linear fc2 = registerModule("fc2", new Linear(128, 10));
 *
 *     Net() { registerParameter("scale", Tensor.ones(10)); }
 *
 *     @Override public Tensor forward(Tensor x) {
 *         return fc2.forward(fc1.forward(x).relu()).mul(parameter("scale"));
 *     }
 * }
 * }</pre>
 *
 * <p>Parameters and buffers are looked up by name ({@link #parameter}, {@link #buffer}) rather than
 * cached in fields, because {@link #to(DType)} replaces them with converted tensors.
 * {@link #loadStateDict} copies in place instead, so tensors handed to an optimizer stay valid.
 */
public abstract class Module {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Set<String> nonPersistentBuffers = new HashSet<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    // ------------------------------------------------------------------ forward

    /**
     * Runs the module on one tensor. Layers with one input override this; modules with several
     * inputs or outputs (losses, attention, recurrent layers' states) add their own
     * {@code forward} overloads and document what this single-input form means for them.
     */
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException(typeName() + " does not take a single tensor: call one of its other forward methods");
    }

    // ------------------------------------------------------------------ registration

    /**
     * Registers (or replaces) a parameter and marks it as requiring grad. {@code null} records an
     * absent optional parameter (e.g. {@code bias=False}): the name is reserved but the parameter
     * is skipped by {@link #parameters()} and {@link #stateDict()}, as in PyTorch.
     */
    public final void registerParameter(String name, Tensor value) {
        checkName("parameter", name, parameters);
        if (value != null) {
            if (!value.isFloatingPoint())
                throw new IllegalArgumentException(typeName() + ": parameter '" + name + "' must be floating point, got " + value.dtype());
            if (!value.isLeaf())
                throw new IllegalArgumentException(typeName() + ": parameter '" + name + "' must be a leaf tensor (no autograd history); pass t.detach()");
            value.requiresGrad_(true);
        }
        parameters.put(name, value);
    }

    /** Registers (or replaces) a persistent buffer: saved in the state dict, never trained. */
    public final void registerBuffer(String name, Tensor value) {
        registerBuffer(name, value, true);
    }

    /** Registers a buffer; a non-persistent one is left out of {@link #stateDict()}. */
    public final void registerBuffer(String name, Tensor value, boolean persistent) {
        checkName("buffer", name, buffers);
        buffers.put(name, value);
        if (persistent) nonPersistentBuffers.remove(name);
        else nonPersistentBuffers.add(name);
    }

    /** Registers (or replaces) a submodule and returns it, so it can initialise a field. */
    public final <M extends Module> M registerModule(String name, M module) {
        checkName("module", name, children);
        if (module == this) throw new IllegalArgumentException(typeName() + ": a module cannot be its own child ('" + name + "')");
        children.put(name, module);
        return module;
    }

    private void checkName(String kind, String name, Map<String, ?> own) {
        if (name == null || name.isEmpty() || name.contains("."))
            throw new IllegalArgumentException(typeName() + ": " + kind + " name must be non-empty and contain no '.', got '" + name + "'");
        boolean taken = (own != parameters && parameters.containsKey(name)) || (own != buffers && buffers.containsKey(name))
                || (own != children && children.containsKey(name));
        if (taken) throw new IllegalArgumentException(typeName() + ": cannot register " + kind + " '" + name + "': the name is already used by another kind of member");
    }

    /** This module's own parameter {@code name} (null for an absent optional one). */
    public final Tensor parameter(String name) {
        return member("parameter", name, parameters);
    }

    /** This module's own buffer {@code name} (null for an absent optional one). */
    public final Tensor buffer(String name) {
        return member("buffer", name, buffers);
    }

    /** This module's direct child {@code name}. */
    public final Module child(String name) {
        return member("child module", name, children);
    }

    private <T> T member(String kind, String name, Map<String, T> map) {
        if (!map.containsKey(name))
            throw new IllegalArgumentException(typeName() + " has no " + kind + " '" + name + "' (it has: " + String.join(", ", map.keySet()) + ")");
        return map.get(name);
    }

    // ------------------------------------------------------------------ traversal

    /** All trainable tensors of the subtree, each once, in registration (pre-)order. */
    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Parameters of the subtree by dotted name, each tensor once (tied weights keep their first name). */
    public final LinkedHashMap<String, Tensor> namedParameters() {
        return namedParameters(true);
    }

    /** Parameters by name; {@code recurse=false} lists only this module's own. */
    public final LinkedHashMap<String, Tensor> namedParameters(boolean recurse) {
        return collect(recurse, m -> m.parameters);
    }

    /** All buffers of the subtree, each once. */
    public final List<Tensor> buffers() {
        return new ArrayList<>(namedBuffers().values());
    }

    /** Buffers of the subtree by dotted name (persistent or not), each tensor once. */
    public final LinkedHashMap<String, Tensor> namedBuffers() {
        return collect(true, m -> m.buffers);
    }

    private LinkedHashMap<String, Tensor> collect(boolean recurse, Function<Module, Map<String, Tensor>> members) {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<String, Module> mods = recurse ? namedModules() : Map.of("", this);
        for (Map.Entry<String, Module> m : mods.entrySet()) {
            String prefix = m.getKey().isEmpty() ? "" : m.getKey() + ".";
            for (Map.Entry<String, Tensor> e : members.apply(m.getValue()).entrySet()) {
                if (e.getValue() == null || !seen.add(e.getValue())) continue;
                out.put(prefix + e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** The direct submodules, in registration order. */
    public final List<Module> children() {
        return new ArrayList<>(namedChildren().values());
    }

    /** The direct submodules by name (absent optional children are skipped). */
    public final LinkedHashMap<String, Module> namedChildren() {
        LinkedHashMap<String, Module> out = new LinkedHashMap<>();
        children.forEach((k, v) -> {
            if (v != null) out.put(k, v);
        });
        return out;
    }

    /** This module and every descendant, each once, in pre-order. */
    public final List<Module> modules() {
        return new ArrayList<>(namedModules().values());
    }

    /** This module (name {@code ""}) and every descendant by dotted name, each once, in pre-order. */
    public final LinkedHashMap<String, Module> namedModules() {
        LinkedHashMap<String, Module> out = new LinkedHashMap<>();
        addModules("", this, out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private static void addModules(String name, Module m, Map<String, Module> out, Set<Module> seen) {
        if (!seen.add(m)) return;
        out.put(name, m);
        for (Map.Entry<String, Module> c : m.namedChildren().entrySet())
            addModules(name.isEmpty() ? c.getKey() : name + "." + c.getKey(), c.getValue(), out, seen);
    }

    /** Calls {@code fn} on every submodule (children first, recursively) and then on this one. */
    public final Module apply(Consumer<Module> fn) {
        for (Module c : children()) c.apply(fn);
        fn.accept(this);
        return this;
    }

    // ------------------------------------------------------------------ modes and gradients

    /** Training mode for the whole subtree (BatchNorm uses batch statistics, Dropout drops). */
    public Module train() {
        return train(true);
    }

    /** Sets training ({@code true}) or evaluation mode for the whole subtree. */
    public Module train(boolean mode) {
        training = mode;
        for (Module c : children()) c.train(mode);
        return this;
    }

    /** Evaluation mode for the whole subtree; same as {@code train(false)}. */
    public Module eval() {
        return train(false);
    }

    /** True in training mode (the default for a new module). */
    public final boolean isTraining() {
        return training;
    }

    /**
     * Zeroes every parameter's gradient in place, keeping the tensors — PyTorch 1.13's default
     * {@code zero_grad(set_to_none=False)}.
     */
    public final void zeroGrad() {
        zeroGrad(false);
    }

    /** Zeroes the gradients, or with {@code setToNone} drops them (saves memory; grad() is then null). */
    public final void zeroGrad(boolean setToNone) {
        for (Tensor p : parameters()) {
            Tensor g = p.grad();
            if (g == null) continue;
            if (setToNone) p.setGrad(null);
            else if (g.requiresGrad()) p.setGrad(Tensor.zerosLike(g)); // a create_graph gradient: detach by replacing
            else g.zero_();
        }
    }

    /** Turns gradient tracking on or off for every parameter of the subtree (freezing); returns this. */
    public final Module requiresGrad_(boolean requiresGrad) {
        for (Tensor p : parameters()) p.requiresGrad_(requiresGrad);
        return this;
    }

    /**
     * Converts every floating parameter and buffer of the subtree to {@code dtype}
     * ({@code model.double()}, {@code model.float()}); integer buffers are kept. Parameters are
     * replaced by new tensors, so create optimizers after converting.
     */
    public final Module to(DType dtype) {
        if (!dtype.isFloating()) throw new IllegalArgumentException(typeName() + ".to: modules can only be converted to a floating dtype, got " + dtype);
        for (Module m : modules()) {
            m.parameters.replaceAll((k, p) -> {
                if (p == null || p.dtype() == dtype) return p;
                Tensor q = p.detach().to(dtype).requiresGrad_(p.requiresGrad());
                if (p.grad() != null) q.setGrad(p.grad().to(dtype));
                return q;
            });
            m.buffers.replaceAll((k, b) -> b == null || !b.isFloatingPoint() ? b : b.to(dtype));
        }
        return this;
    }

    // ------------------------------------------------------------------ state dict

    /**
     * Parameters and persistent buffers by dotted name, in PyTorch's order: each module's own
     * parameters, then its own buffers, then its children's entries. The tensors share storage
     * with the module (detached), so they reflect later updates, as in PyTorch.
     */
    public final LinkedHashMap<String, Tensor> stateDict() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        addState("", out);
        return out;
    }

    private void addState(String prefix, Map<String, Tensor> out) {
        parameters.forEach((k, v) -> {
            if (v != null) out.put(prefix + k, v.detach());
        });
        buffers.forEach((k, v) -> {
            if (v != null && !nonPersistentBuffers.contains(k)) out.put(prefix + k, v.detach());
        });
        namedChildren().forEach((k, c) -> c.addState(prefix + k + ".", out));
    }

    /**
     * Copies {@code state} into this module's parameters and persistent buffers (in place,
     * converting dtype as PyTorch does) and reports what did not line up. With {@code strict},
     * any missing key, unexpected key or shape mismatch is an error and nothing is loaded; without
     * it, the matching entries are loaded and the rest is reported in the result. (PyTorch raises
     * on a shape mismatch even when not strict; here it is reported instead.)
     */
    public final IncompatibleKeys loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Tensor> own = stateDict();
        List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>(), mismatched = new ArrayList<>();
        for (String k : own.keySet()) if (!state.containsKey(k)) missing.add(k);
        for (String k : state.keySet()) if (!own.containsKey(k)) unexpected.add(k);
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src != null && !Shape.same(src.shape(), e.getValue().shape()))
                mismatched.add(e.getKey() + ": checkpoint shape " + Shape.str(src.shape()) + ", model shape " + Shape.str(e.getValue().shape()));
        }
        IncompatibleKeys result = new IncompatibleKeys(List.copyOf(missing), List.copyOf(unexpected), List.copyOf(mismatched));
        if (strict && !result.isEmpty()) throw new IllegalArgumentException("Error(s) in loading state_dict for " + typeName() + ": " + result.describe());
        try (Autograd.Scope ignored = Autograd.noGrad()) {
            for (Map.Entry<String, Tensor> e : own.entrySet()) {
                Tensor src = state.get(e.getKey());
                if (src != null && Shape.same(src.shape(), e.getValue().shape())) e.getValue().copy_(src);
            }
        }
        return result;
    }

    /** {@code loadStateDict(state, true)}. */
    public final IncompatibleKeys loadStateDict(Map<String, Tensor> state) {
        return loadStateDict(state, true);
    }

    // ------------------------------------------------------------------ printing

    /**
     * Saves {@link #stateDict()} to a file, atomically: safetensors by default, a PyTorch
     * {@code torch.save} file when the name ends in {@code .pt}, {@code .pth} or {@code .bin}.
     * Needs the io module on the class path.
     */
    public final void save(java.nio.file.Path path) throws java.io.IOException {
        StateDicts.store().save(stateDict(), path);
    }

    /**
     * Loads a state dict file (safetensors or PyTorch) into this module. With {@code strict},
     * any missing, unexpected or mis-shaped key is an error; otherwise they are reported.
     */
    public final IncompatibleKeys load(java.nio.file.Path path, boolean strict) throws java.io.IOException {
        return loadStateDict(StateDicts.store().load(path), strict);
    }

    /**
     * Like {@link #load(java.nio.file.Path, boolean)}, renaming the file's keys first
     * ({@code keyMap} returning null drops a key), e.g. {@code k -> k.startsWith("backbone.") ?
     * k.substring(9) : null}.
     */
    public final IncompatibleKeys load(java.nio.file.Path path, boolean strict, java.util.function.UnaryOperator<String> keyMap) throws java.io.IOException {
        return loadStateDict(StateDicts.mapKeys(StateDicts.store().load(path), keyMap), strict);
    }

    /** The name printed by {@link #toString()}: the class's simple name, as PyTorch's {@code _get_name()}. */
    public String typeName() {
        String n = getClass().getSimpleName();
        return n.isEmpty() ? getClass().getSuperclass().getSimpleName() : n;
    }

    /** The constructor arguments shown inside the parentheses (PyTorch's {@code extra_repr}); empty by default. */
    protected String extraRepr() {
        return "";
    }

    /** The module tree in PyTorch's {@code print(model)} format. */
    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        String extra = extraRepr();
        List<String> extraLines = extra.isEmpty() ? List.of() : List.of(extra.split("\n"));
        lines.addAll(extraLines);
        Map<String, Module> kids = namedChildren();
        kids.forEach((k, c) -> lines.add("(" + k + "): " + c.toString().replace("\n", "\n  ")));
        StringBuilder s = new StringBuilder(typeName()).append('(');
        if (extraLines.size() == 1 && kids.isEmpty()) s.append(extraLines.get(0));
        else if (!lines.isEmpty()) s.append("\n  ").append(String.join("\n  ", lines)).append('\n');
        return s.append(')').toString();
    }
}
