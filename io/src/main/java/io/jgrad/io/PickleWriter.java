package io.jgrad.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Emits pickle protocol 2 opcodes, the protocol {@code torch.save} uses by default. Only what a
 * state_dict needs: ints, strings, bools, tuples, globals (memoized, so each is spelled out
 * once), REDUCE, persistent ids and dict items. Calls chain:
 * {@code p.mark().string("a").integer(1).tuple()}.
 */
final class PickleWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<String, Integer> memoizedGlobals = new HashMap<>();

    PickleWriter() {
        out.write(0x80); // PROTO
        out.write(2);
    }

    PickleWriter mark() {
        return op('(');
    }

    PickleWriter emptyTuple() {
        return op(')');
    }

    /** Collects everything since the last mark into a tuple. */
    PickleWriter tuple() {
        return op('t');
    }

    /** A tuple of ints, using the short forms for up to three items. */
    PickleWriter intTuple(int[] values) {
        if (values.length == 0) return emptyTuple();
        if (values.length > 3) mark();
        for (int v : values) integer(v);
        return switch (values.length) {
            case 1 -> op(0x85);
            case 2 -> op(0x86);
            case 3 -> op(0x87);
            default -> tuple();
        };
    }

    PickleWriter integer(int v) {
        if (v >= 0 && v < 0x100) return op('K').bytes(v, 1);
        if (v >= 0 && v < 0x10000) return op('M').bytes(v, 2);
        return op('J').bytes(v, 4);
    }

    PickleWriter bool(boolean b) {
        return op(b ? 0x88 : 0x89);
    }

    PickleWriter string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        op('X').bytes(utf8.length, 4);
        out.writeBytes(utf8);
        return this;
    }

    /** {@code module.name}, written once and fetched from the memo afterwards. */
    PickleWriter global(String module, String name) {
        Integer slot = memoizedGlobals.get(module + "\n" + name);
        if (slot != null) return op('j').bytes(slot, 4); // LONG_BINGET
        op('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
        slot = memoizedGlobals.size();
        memoizedGlobals.put(module + "\n" + name, slot);
        return op('r').bytes(slot, 4); // LONG_BINPUT
    }

    /** Calls the callable below the argument tuple on top of the stack. */
    PickleWriter reduce() {
        return op('R');
    }

    /** Replaces the tuple on top of the stack by the object it identifies outside the pickle. */
    PickleWriter persistentId() {
        return op('Q');
    }

    /** Adds the key/value pairs since the last mark to the dict below it. */
    PickleWriter setItems() {
        return op('u');
    }

    /** An empty {@code collections.OrderedDict()}. */
    PickleWriter orderedDict() {
        return global("collections", "OrderedDict").emptyTuple().reduce();
    }

    /**
     * A tensor as {@code torch.save} pickles it:
     * {@code _rebuild_tensor_v2(storage, offset, shape, strides, False, OrderedDict())}, where the
     * storage is the persistent id {@code ('storage', torch.<type>Storage, key, 'cpu', numel)}
     * naming the archive entry {@code data/<key>}.
     */
    PickleWriter tensor(FileDType type, String key, int numel, int offset, int[] shape, int[] strides) {
        global("torch._utils", "_rebuild_tensor_v2").mark();
        mark().string("storage").global("torch", type.torchStorageName()).string(key).string("cpu");
        integer(numel).tuple().persistentId();
        integer(offset).intTuple(shape).intTuple(strides).bool(false).orderedDict();
        return tuple().reduce();
    }

    /** Ends the pickle and returns its bytes. */
    byte[] stop() {
        op('.');
        return out.toByteArray();
    }

    private PickleWriter op(int opcode) {
        out.write(opcode);
        return this;
    }

    private PickleWriter bytes(int v, int n) {
        for (int i = 0; i < n; i++) out.write(v >>> (8 * i));
        return this;
    }
}
