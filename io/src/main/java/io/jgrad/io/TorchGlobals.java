package io.jgrad.io;

import io.jgrad.core.Layout;
import io.jgrad.core.Tensor;
import io.jgrad.core.storage.Storage;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The only things a {@code torch.save} state_dict pickle may refer to, and how each becomes
 * Java data. Allowed globals: {@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2},
 * {@code torch._utils._rebuild_parameter} and the typed storages {@code torch.FloatStorage},
 * {@code torch.HalfStorage}, ... (see {@link FileDType}). Any other global is refused by name
 * before anything else happens; nothing is ever executed.
 *
 * <p>Storages come from the archive's {@code data/<key>} entries, decoded once per key, so
 * tensors that shared a storage in PyTorch share one jgrad {@link Storage}. Every tensor's
 * offset, shape and strides are checked against its storage's size.
 */
final class TorchGlobals implements Unpickler.Environment {
    private enum Callable { ORDERED_DICT, REBUILD_TENSOR_V2, REBUILD_PARAMETER }

    private record LoadedStorage(String key, FileDType type, long numel, Storage storage) {}

    private final Path file;
    private final String pickleEntry;
    private final String dataPrefix;
    private final ZipArchive zip;
    private final Map<String, LoadedStorage> storages = new HashMap<>();
    private final Map<Tensor, FileDType> tensorTypes = new IdentityHashMap<>();

    TorchGlobals(Path file, ZipArchive zip, String top) {
        this.file = file;
        this.zip = zip;
        this.pickleEntry = top + "/data.pkl";
        this.dataPrefix = top + "/data/";
    }

    /** The file type of the storage a loaded tensor came from. */
    FileDType typeOf(Tensor tensor) {
        return tensorTypes.get(tensor);
    }

    @Override
    public Object global(String module, String name) throws CheckpointFormatException {
        switch (module + "." + name) {
            case "collections.OrderedDict": return Callable.ORDERED_DICT;
            case "torch._utils._rebuild_tensor_v2": return Callable.REBUILD_TENSOR_V2;
            case "torch._utils._rebuild_parameter": return Callable.REBUILD_PARAMETER;
            default:
                FileDType storage = module.equals("torch") ? FileDType.fromTorchStorage(name) : null;
                if (storage != null) return storage;
                throw error("global " + module + "." + name + " is forbidden: a state_dict needs only collections.OrderedDict,"
                        + " torch._utils._rebuild_tensor_v2, torch._utils._rebuild_parameter and torch.*Storage"
                        + " (jgrad never executes code from a checkpoint)");
        }
    }

    @Override
    public Object reduce(Object callable, List<Object> args) throws CheckpointFormatException {
        if (callable instanceof FileDType storage) throw error("calling torch." + storage.torchStorageName() + " is forbidden");
        if (!(callable instanceof Callable c)) throw error("calling " + Unpickler.describe(callable) + " is forbidden");
        return switch (c) {
            case ORDERED_DICT -> {
                if (!args.isEmpty()) throw error("OrderedDict called with arguments");
                yield new LinkedHashMap<>();
            }
            case REBUILD_TENSOR_V2 -> rebuildTensor(args);
            case REBUILD_PARAMETER -> {
                if (args.size() != 3 || !(args.get(0) instanceof Tensor data)) throw error("_rebuild_parameter needs (tensor, requires_grad, hooks)");
                yield data;
            }
        };
    }

    @Override
    public void build(Object target, Object state) throws CheckpointFormatException {
        // torch.save(model.state_dict()) sets the OrderedDict's _metadata (module versions) this way;
        // jgrad does not need it.
        if (target instanceof LinkedHashMap<?, ?> && state instanceof Map<?, ?> attributes
                && attributes.keySet().stream().allMatch(k -> k instanceof String)) {
            return;
        }
        throw error("BUILD on " + Unpickler.describe(target) + " is forbidden");
    }

    @Override
    public Object persistentLoad(Object pid) throws CheckpointFormatException {
        if (!(pid instanceof List<?> id) || id.size() != 5 || !"storage".equals(id.get(0))
                || !(id.get(1) instanceof FileDType type) || !(id.get(2) instanceof String key)
                || !(id.get(3) instanceof String) || !(id.get(4) instanceof Long numel)) {
            throw error("persistent id " + Unpickler.describe(pid) + " is not ('storage', torch.*Storage, key, location, numel)");
        }
        LoadedStorage known = storages.get(key);
        if (known != null) {
            if (known.type() != type || known.numel() != numel) {
                throw new CheckpointFormatException(file, dataPrefix + key, "referenced as both " + known.type() + " x "
                        + known.numel() + " and " + type + " x " + numel);
            }
            return known;
        }
        LoadedStorage loaded = loadStorage(key, type, numel);
        storages.put(key, loaded);
        return loaded;
    }

    private LoadedStorage loadStorage(String key, FileDType type, long numel) throws CheckpointFormatException {
        String entry = dataPrefix + key;
        ZipArchive.Entry found = zip.find(entry);
        if (found == null) throw new CheckpointFormatException(file, entry, "missing: data.pkl refers to storage '" + key + "'");
        if (numel < 0 || numel > Integer.MAX_VALUE || numel * type.byteSize() != found.size()) {
            throw new CheckpointFormatException(file, entry, "holds " + found.size() + " bytes but the pickle declares "
                    + numel + " x " + type + " (" + type.byteSize() + " bytes each)");
        }
        MemorySegment bytes = zip.read(entry);
        try {
            return new LoadedStorage(key, type, numel, type.decode(bytes));
        } catch (IllegalArgumentException invalid) {
            throw new CheckpointFormatException(file, entry, invalid.getMessage());
        }
    }

    /** {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])}. */
    private Tensor rebuildTensor(List<Object> args) throws CheckpointFormatException {
        if (args.size() < 6 || args.size() > 7 || !(args.get(0) instanceof LoadedStorage storage)
                || !(args.get(4) instanceof Boolean) || !(args.get(5) instanceof Map)) {
            throw error("_rebuild_tensor_v2 needs (storage, offset, size, stride, requires_grad, hooks[, metadata])");
        }
        int offset = natural(args.get(1), "storage offset");
        int[] shape = naturals(args.get(2), "size");
        int[] strides = naturals(args.get(3), "stride");
        if (shape.length != strides.length) throw error("tensor has " + shape.length + " sizes but " + strides.length + " strides");
        long numel = 1, lastIndex = offset;
        for (int d = 0; d < shape.length; d++) {
            numel = Math.min(numel * shape[d], Integer.MAX_VALUE + 1L);
            if (shape[d] > 0) lastIndex += (long) (shape[d] - 1) * strides[d]; // < 2^62 per dim, checked below
            if (lastIndex > Integer.MAX_VALUE) lastIndex = Integer.MAX_VALUE + 1L;
        }
        if (numel > Integer.MAX_VALUE) throw error("tensor has more than " + Integer.MAX_VALUE + " elements, too many for jgrad");
        Tensor tensor;
        if (numel == 0) {
            tensor = Tensor.empty(storage.type().dtype(), shape);
        } else if (lastIndex >= storage.numel()) {
            throw new CheckpointFormatException(file, dataPrefix + storage.key(), "a tensor with offset " + offset + ", size "
                    + ErrorText.shape(shape) + " and stride " + ErrorText.shape(strides) + " reaches element " + lastIndex
                    + " of a storage of " + storage.numel());
        } else {
            tensor = Tensor.of(storage.storage(), new Layout(shape, strides, offset));
        }
        tensorTypes.put(tensor, storage.type());
        return tensor;
    }

    private int natural(Object value, String what) throws CheckpointFormatException {
        if (!(value instanceof Long v) || v < 0 || v > Integer.MAX_VALUE) {
            throw error(what + " " + Unpickler.describe(value) + " is not an int in [0, " + Integer.MAX_VALUE + "]");
        }
        return (int) (long) v;
    }

    private int[] naturals(Object value, String what) throws CheckpointFormatException {
        if (!(value instanceof List<?> items) || value instanceof ArrayList) throw error(what + " " + Unpickler.describe(value) + " is not a tuple");
        int[] out = new int[items.size()];
        for (int i = 0; i < out.length; i++) out[i] = natural(items.get(i), what);
        return out;
    }

    private CheckpointFormatException error(String problem) {
        return new CheckpointFormatException(file, pickleEntry, problem);
    }
}
