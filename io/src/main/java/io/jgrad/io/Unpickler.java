package io.jgrad.io;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A restricted pickle reader: it interprets the opcodes a state_dict needs and executes nothing.
 *
 * <p>Python objects become plain Java values: int = {@link Long}, float = {@link Double}, bool
 * = {@link Boolean}, str = {@link String}, None = null, list = mutable {@link List}, tuple =
 * unmodifiable {@link List}, dict = {@link LinkedHashMap}. Globals, calls ({@code REDUCE}),
 * {@code BUILD} and persistent ids are delegated to an {@link Environment}, which allows a
 * fixed set and refuses the rest. Opcodes outside protocols 0-2 (plus the few protocol 4 adds
 * for framing, short strings and memoizing) are refused.
 *
 * <p>Untrusted input cannot make it loop (each opcode consumes input), allocate beyond the
 * input's size (lengths are checked against the remaining bytes first) or recurse (dict keys
 * must be atoms, so nothing is ever hashed or compared deeply).
 */
final class Unpickler {
    /** What the pickle may refer to beyond plain data. Every method refuses what it does not know. */
    interface Environment {
        /** The object for {@code GLOBAL module name}. */
        Object global(String module, String name) throws CheckpointFormatException;

        /** The result of calling {@code callable(*args)} ({@code REDUCE}). */
        Object reduce(Object callable, List<Object> args) throws CheckpointFormatException;

        /** Applies {@code BUILD}'s state to {@code target} (e.g. {@code __setstate__}). */
        void build(Object target, Object state) throws CheckpointFormatException;

        /** The object a persistent id refers to ({@code BINPERSID}). */
        Object persistentLoad(Object pid) throws CheckpointFormatException;
    }

    private static final int HIGHEST_PROTOCOL = 5;

    private final Path file;
    private final String entry;
    private final MemorySegment data;
    private final Environment env;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private long pos;
    private long opcodeAt;

    Unpickler(Path file, String entry, MemorySegment data, Environment env) {
        this.file = file;
        this.entry = entry;
        this.data = data;
        this.env = env;
    }

    /** Runs the pickle to its STOP opcode and returns the object it built. */
    Object load() throws CheckpointFormatException {
        while (true) {
            opcodeAt = pos;
            int op = u8();
            switch (op) {
                case 0x80 -> { // PROTO
                    int protocol = u8();
                    if (protocol > HIGHEST_PROTOCOL) throw error("pickle protocol " + protocol + " is not supported");
                }
                case 0x95 -> bytes(8) /* FRAME: a length hint, nothing to do */;
                case '.' -> { // STOP
                    Object result = pop();
                    if (!stack.isEmpty() || !marks.isEmpty()) throw error("STOP leaves " + stack.size() + " objects and " + marks.size() + " marks behind");
                    return result;
                }
                case '(' -> marks.add(stack.size()); // MARK
                case '0' -> pop(); // POP
                case '1' -> popMark(); // POP_MARK
                case '2' -> push(peek()); // DUP
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'K' -> push((long) u8()); // BININT1
                case 'M' -> push((long) (u8() | u8() << 8)); // BININT2
                case 'J' -> push((long) (int) littleEndian(4)); // BININT
                case 0x8a -> push(long1()); // LONG1
                case 'G' -> push(Double.longBitsToDouble(bigEndianLong())); // BINFLOAT
                case 'X' -> push(utf8(littleEndian(4))); // BINUNICODE
                case 0x8c -> push(utf8(u8())); // SHORT_BINUNICODE
                case 0x8d -> push(utf8(littleEndian(8))); // BINUNICODE8
                case ']' -> push(new ArrayList<>()); // EMPTY_LIST
                case 'l' -> push(new ArrayList<>(popMark())); // LIST
                case 'a' -> { // APPEND
                    Object item = pop();
                    topList().add(item);
                }
                case 'e' -> { // APPENDS
                    List<Object> items = popMark();
                    topList().addAll(items);
                }
                case ')' -> push(List.of()); // EMPTY_TUPLE
                case 't' -> push(tuple(popMark())); // TUPLE
                case 0x85 -> push(tuple(popN(1)));
                case 0x86 -> push(tuple(popN(2)));
                case 0x87 -> push(tuple(popN(3)));
                case '}' -> push(new LinkedHashMap<>()); // EMPTY_DICT
                case 'd' -> { // DICT
                    Map<Object, Object> dict = new LinkedHashMap<>();
                    putAll(dict, popMark());
                    push(dict);
                }
                case 's' -> { // SETITEM
                    List<Object> keyValue = popN(2);
                    putAll(topDict(), keyValue);
                }
                case 'u' -> { // SETITEMS
                    List<Object> items = popMark();
                    putAll(topDict(), items);
                }
                case 'c' -> push(env.global(line(), line())); // GLOBAL
                case 0x93 -> { // STACK_GLOBAL
                    List<Object> names = popN(2);
                    if (!(names.get(0) instanceof String module) || !(names.get(1) instanceof String name)) {
                        throw error("STACK_GLOBAL needs two strings");
                    }
                    push(env.global(module, name));
                }
                case 'R' -> { // REDUCE
                    Object args = pop();
                    Object callable = pop();
                    if (!(args instanceof List<?> list) || args instanceof ArrayList) throw error("REDUCE arguments are " + describe(args) + ", not a tuple");
                    push(env.reduce(callable, Collections.unmodifiableList(list)));
                }
                case 'b' -> { // BUILD
                    Object state = pop();
                    env.build(peek(), state);
                }
                case 'Q' -> push(env.persistentLoad(pop())); // BINPERSID
                case 'q' -> memo.put((long) u8(), peek()); // BINPUT
                case 'r' -> memo.put(littleEndian(4), peek()); // LONG_BINPUT
                case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
                case 'h' -> push(memoGet(u8())); // BINGET
                case 'j' -> push(memoGet(littleEndian(4))); // LONG_BINGET
                default -> throw error(String.format("opcode 0x%02x is not allowed: a state_dict never needs it", op));
            }
        }
    }

    // ------------------------------------------------------------------ stack

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop() throws CheckpointFormatException {
        int floor = marks.isEmpty() ? 0 : marks.getLast();
        if (stack.size() <= floor) throw error("stack underflow");
        return stack.removeLast();
    }

    private Object peek() throws CheckpointFormatException {
        Object top = pop();
        push(top);
        return top;
    }

    private List<Object> popN(int n) throws CheckpointFormatException {
        int floor = marks.isEmpty() ? 0 : marks.getLast();
        if (stack.size() - floor < n) throw error("stack underflow");
        return take(stack.size() - n);
    }

    private List<Object> popMark() throws CheckpointFormatException {
        if (marks.isEmpty()) throw error("no MARK to pop to");
        return take(marks.removeLast());
    }

    private List<Object> take(int from) {
        List<Object> top = stack.subList(from, stack.size());
        List<Object> items = new ArrayList<>(top);
        top.clear();
        return items;
    }

    private static List<Object> tuple(List<Object> items) {
        return Collections.unmodifiableList(items);
    }

    private Object memoGet(long key) throws CheckpointFormatException {
        if (!memo.containsKey(key)) throw error("memo key " + key + " was never stored");
        return memo.get(key);
    }

    private List<Object> topList() throws CheckpointFormatException {
        if (!(peek() instanceof ArrayList<?>)) throw error("APPEND to " + describe(peek()) + ", not a list");
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) peek();
        return list;
    }

    private Map<Object, Object> topDict() throws CheckpointFormatException {
        if (!(peek() instanceof LinkedHashMap<?, ?>)) throw error("SETITEM on " + describe(peek()) + ", not a dict");
        @SuppressWarnings("unchecked")
        Map<Object, Object> dict = (Map<Object, Object>) peek();
        return dict;
    }

    private void putAll(Map<Object, Object> dict, List<Object> items) throws CheckpointFormatException {
        if (items.size() % 2 != 0) throw error("odd number of items for a dict");
        for (int i = 0; i < items.size(); i += 2) {
            Object key = items.get(i);
            // Only atoms as keys: hashing a crafted, deeply shared tuple could take forever.
            if (key != null && !(key instanceof String || key instanceof Long || key instanceof Boolean || key instanceof Double)) {
                throw error("dict key " + describe(key) + " is not supported (keys must be str, int, float, bool or None)");
            }
            dict.put(key, items.get(i + 1));
        }
    }

    // ------------------------------------------------------------------ input

    private int u8() throws CheckpointFormatException {
        need(1);
        return Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, pos++));
    }

    private MemorySegment bytes(long n) throws CheckpointFormatException {
        need(n);
        MemorySegment slice = data.asSlice(pos, n);
        pos += n;
        return slice;
    }

    private long littleEndian(int n) throws CheckpointFormatException {
        MemorySegment b = bytes(n);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) v = v << 8 | Byte.toUnsignedLong(b.get(ValueLayout.JAVA_BYTE, i));
        return v;
    }

    private long bigEndianLong() throws CheckpointFormatException {
        return bytes(8).get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 0);
    }

    /** LONG1: a little-endian two's-complement integer of up to 8 bytes (bigger ones never occur in a state_dict). */
    private Long long1() throws CheckpointFormatException {
        int n = u8();
        if (n > 8) throw error("integer of " + n + " bytes is too large");
        if (n == 0) return 0L;
        long v = littleEndian(n);
        int unused = 64 - 8 * n;
        return v << unused >> unused; // sign-extend
    }

    private String utf8(long length) throws CheckpointFormatException {
        if (length < 0) throw error("negative string length");
        MemorySegment b = bytes(length);
        if (length > Integer.MAX_VALUE) throw error("string of " + length + " bytes is too long");
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(b.asByteBuffer()).toString();
        } catch (CharacterCodingException e) {
            throw error("string is not valid UTF-8");
        }
    }

    /** A newline-terminated text argument (GLOBAL's module and name). */
    private String line() throws CheckpointFormatException {
        long limit = Math.min(data.byteSize(), pos + 256);
        long end = pos;
        while (end < limit && data.get(ValueLayout.JAVA_BYTE, end) != '\n') end++;
        if (end == limit) throw error(end == data.byteSize() ? "truncated GLOBAL" : "GLOBAL name is longer than 256 bytes");
        String text = utf8(end - pos);
        pos++; // the newline
        return text;
    }

    private void need(long n) throws CheckpointFormatException {
        if (n > data.byteSize() - pos) throw error("truncated: needs " + n + " more bytes");
    }

    private CheckpointFormatException error(String problem) {
        return new CheckpointFormatException(file, entry, "byte " + opcodeAt + ": " + problem);
    }

    /** A short description for error messages; never prints a (possibly huge or cyclic) container. */
    static String describe(Object value) {
        return switch (value) {
            case null -> "None";
            case String s -> "str '" + ErrorText.abbreviate(s) + "'";
            case Long l -> "int " + l;
            case Double d -> "float " + d;
            case Boolean b -> "bool " + b;
            case ArrayList<?> l -> "a list";
            case List<?> l -> "a tuple of " + l.size();
            case Map<?, ?> m -> "a dict";
            default -> value.getClass().getSimpleName();
        };
    }
}
