package io.jgrad.io;

import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes PyTorch's {@code torch.save} files (the zip format of PyTorch 1.6 and later)
 * holding a state_dict, so models move between PyTorch and jgrad in both directions.
 *
 * <p>A file is a zip of {@code <top>/data.pkl} (a pickle of the dict), {@code <top>/data/<key>}
 * (one raw little-endian storage per key) and {@code <top>/version}. The pickle is read by a
 * restricted unpickler that knows only what a state_dict contains and refuses every other global
 * by name: loading a checkpoint never runs code from it (unlike {@code torch.load} without
 * {@code weights_only=True}). Tensors keep PyTorch's offsets, strides and shared storages
 * (they load as views of one jgrad storage). Every problem is a {@link CheckpointFormatException}.
 *
 * <pre>{@code
 * Map<String, Tensor> state = TorchCheckpoint.load(Path.of("model.pt"));   // torch.save(model.state_dict(), ...)
 * TorchCheckpoint.save(Path.of("tuned.pt"), state);                        // model.load_state_dict(torch.load(...))
 * }</pre>
 */
public final class TorchCheckpoint {
    /** The folder every entry of a saved file sits in (readers take whatever folder the first entry names). */
    private static final String TOP = "archive";
    /** torch.save's file format version; 1.6 through 2.x write 3. */
    private static final String VERSION = "3";

    private TorchCheckpoint() {}

    /**
     * The state_dict in a {@code torch.save} file: tensors by name, in file order.
     *
     * @throws CheckpointFormatException if the file is not a valid zip-format checkpoint, refers to
     *                                   anything but state_dict contents, or holds a non-tensor value
     *                                   (use {@link #readObject} for general checkpoints)
     */
    public static Map<String, Tensor> load(Path file) throws IOException {
        return read(file).tensors();
    }

    /** The state_dict plus each tensor's stored element type, so {@link #save(Path, TensorFile)} can restore it. */
    public static TensorFile read(Path file) throws IOException {
        try (ZipArchive zip = ZipArchive.open(file)) {
            String top = topFolder(file, zip);
            TorchGlobals globals = new TorchGlobals(file, zip, top);
            Object root = unpickle(file, zip, top, globals);
            if (!(root instanceof Map<?, ?> dict)) {
                throw new CheckpointFormatException(file, top + "/data.pkl", "holds " + Unpickler.describe(root)
                        + ", not a state_dict; TorchCheckpoint.readObject reads general checkpoints");
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            Map<String, FileDType> types = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : dict.entrySet()) {
                if (!(e.getKey() instanceof String name) || !(e.getValue() instanceof Tensor tensor)) {
                    throw new CheckpointFormatException(file, top + "/data.pkl", "key " + Unpickler.describe(e.getKey())
                            + " maps to " + Unpickler.describe(e.getValue()) + ", not a tensor; a state_dict maps names to"
                            + " tensors (TorchCheckpoint.readObject reads general checkpoints)");
                }
                tensors.put(name, tensor);
                types.put(name, globals.typeOf(tensor));
            }
            return new TensorFile(tensors, Map.of(), types);
        }
    }

    /**
     * Any checkpoint made of state_dict building blocks, e.g. {@code {"model": state_dict,
     * "epoch": 3}}: dicts become {@code Map}s, lists and tuples {@code List}s, ints {@code Long},
     * floats {@code Double}, str {@code String}, bool {@code Boolean}, None null, tensors
     * {@link Tensor}. The same restrictions as {@link #load} apply.
     */
    public static Object readObject(Path file) throws IOException {
        try (ZipArchive zip = ZipArchive.open(file)) {
            String top = topFolder(file, zip);
            return unpickle(file, zip, top, new TorchGlobals(file, zip, top));
        }
    }

    /** Saves a state_dict that {@code torch.load} reads as an OrderedDict; each tensor as the default type for its dtype. */
    public static void save(Path file, Map<String, Tensor> tensors) throws IOException {
        save(file, TensorFile.of(tensors));
    }

    /**
     * Saves a state_dict with each tensor stored as {@link TensorFile#fileDType} (e.g. F16 as
     * {@code torch.float16}). Each tensor gets its own contiguous storage (views are written as
     * their elements). The file is replaced atomically.
     *
     * @throws IllegalArgumentException if {@code contents} has metadata (PyTorch files have no place
     *                                  for it: use {@link SafeTensors}) or a tensor does not fit its type
     */
    public static void save(Path file, TensorFile contents) throws IOException {
        if (!contents.metadata().isEmpty()) {
            throw new IllegalArgumentException("TorchCheckpoint.save: PyTorch state_dict files have no string metadata;"
                    + " save with SafeTensors to keep it");
        }
        byte[] pickle = stateDictPickle(contents);
        AtomicFiles.write(file, channel -> {
            ZipWriter zip = new ZipWriter(channel);
            zip.add(TOP + "/data.pkl", pickle);
            int key = 0;
            for (Map.Entry<String, Tensor> e : contents.tensors().entrySet()) {
                FileDType type = contents.fileDType(e.getKey());
                zip.add(TOP + "/data/" + key++, type.byteCount(e.getValue()), out -> type.write(e.getValue(), out));
            }
            zip.add(TOP + "/version", (VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
            zip.finish();
        });
    }

    /** {@code OrderedDict([(name, _rebuild_tensor_v2(storage_i, 0, shape, contiguous strides, False, OrderedDict())), ...])}. */
    private static byte[] stateDictPickle(TensorFile contents) {
        PickleWriter p = new PickleWriter().orderedDict().mark();
        int key = 0;
        for (Map.Entry<String, Tensor> e : contents.tensors().entrySet()) {
            Tensor t = e.getValue();
            FileDType type = contents.fileDType(e.getKey());
            type.requireStorable(e.getKey(), t);
            p.string(e.getKey()).tensor(type, Integer.toString(key++), t.numel(), 0, t.shape(), Shape.contiguousStrides(t.shape()));
        }
        return p.setItems().stop();
    }

    /** PyTorch names the folder after the file it saved to; take it from the first entry, as torch.load does. */
    private static String topFolder(Path file, ZipArchive zip) throws CheckpointFormatException {
        String first = zip.names().isEmpty() ? "" : zip.names().getFirst();
        int slash = first.indexOf('/');
        if (slash <= 0) throw new CheckpointFormatException(file, "not a torch.save archive: entries must sit in one top folder");
        return first.substring(0, slash);
    }

    private static Object unpickle(Path file, ZipArchive zip, String top, TorchGlobals globals) throws CheckpointFormatException {
        String version = text(zip.read(top + "/version"));
        if (!version.equals("1") && !version.equals("2") && !version.equals(VERSION)) {
            throw new CheckpointFormatException(file, top + "/version", "format version '" + ErrorText.abbreviate(version)
                    + "' is not supported (torch.save writes 3)");
        }
        if (zip.find(top + "/byteorder") != null && !text(zip.read(top + "/byteorder")).equals("little")) {
            throw new CheckpointFormatException(file, top + "/byteorder", "only little-endian checkpoints are supported");
        }
        return new Unpickler(file, top + "/data.pkl", zip.read(top + "/data.pkl"), globals).load();
    }

    private static String text(MemorySegment bytes) {
        byte[] b = bytes.asSlice(0, Math.min(bytes.byteSize(), 64)).toArray(ValueLayout.JAVA_BYTE);
        return new String(b, StandardCharsets.ISO_8859_1).strip();
    }
}
