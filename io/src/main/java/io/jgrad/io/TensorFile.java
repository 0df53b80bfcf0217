package io.jgrad.io;

import io.jgrad.core.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The contents of a checkpoint file: named tensors in file order, string metadata, and the
 * element type each tensor had in the file.
 *
 * <p>{@code fileDTypes} makes a load-modify-save cycle keep the file's types: a BF16 weight
 * loads as float32 and saves back as BF16. Tensors missing from it save as
 * {@link FileDType#defaultFor} their dtype. {@code metadata} is safetensors'
 * {@code __metadata__} (PyTorch files have none).
 *
 * <pre>{@code
 * TensorFile file = SafeTensors.read(path);
 * Map<String, Tensor> tuned = fineTune(file.tensors());
 * SafeTensors.save(path, file.withTensors(tuned));   // same dtypes and metadata as before
 * }</pre>
 *
 * @param tensors    tensors by name, in file order (unmodifiable)
 * @param metadata   string metadata (unmodifiable)
 * @param fileDTypes the stored element type per tensor name (unmodifiable; a subset of the names)
 */
public record TensorFile(Map<String, Tensor> tensors, Map<String, String> metadata, Map<String, FileDType> fileDTypes) {

    /** Copies the maps (keeping their order) and checks that every file dtype names a tensor. */
    public TensorFile {
        tensors = frozenCopy(tensors, "tensors");
        metadata = frozenCopy(metadata, "metadata");
        fileDTypes = frozenCopy(fileDTypes, "fileDTypes");
        for (String name : fileDTypes.keySet()) {
            if (!tensors.containsKey(name)) {
                throw new IllegalArgumentException("TensorFile: fileDTypes names '" + name + "', which is not a tensor");
            }
        }
    }

    /** Tensors only: no metadata, every tensor saved as the default type for its dtype. */
    public static TensorFile of(Map<String, Tensor> tensors) {
        return new TensorFile(tensors, Map.of(), Map.of());
    }

    /** Tensors with metadata, every tensor saved as the default type for its dtype. */
    public static TensorFile of(Map<String, Tensor> tensors, Map<String, String> metadata) {
        return new TensorFile(tensors, metadata, Map.of());
    }

    /** The same metadata and file dtypes (for the names still present) with other tensors. */
    public TensorFile withTensors(Map<String, Tensor> newTensors) {
        Map<String, FileDType> kept = new LinkedHashMap<>(fileDTypes);
        kept.keySet().retainAll(newTensors.keySet());
        return new TensorFile(newTensors, metadata, kept);
    }

    /** The type tensor {@code name} is saved as: its recorded file dtype, else the default. */
    public FileDType fileDType(String name) {
        Tensor t = tensors.get(name);
        if (t == null) throw new IllegalArgumentException("TensorFile: no tensor named '" + name + "'");
        return fileDTypes.getOrDefault(name, FileDType.defaultFor(t.dtype()));
    }

    private static <V> Map<String, V> frozenCopy(Map<String, V> map, String what) {
        Objects.requireNonNull(map, what);
        Map<String, V> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (k == null || v == null) throw new IllegalArgumentException("TensorFile: null key or value in " + what);
            copy.put(k, v);
        });
        return Collections.unmodifiableMap(copy);
    }
}
