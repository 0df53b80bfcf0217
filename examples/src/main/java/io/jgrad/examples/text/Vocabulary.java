package io.jgrad.examples.text;

import java.util.Arrays;

/** The distinct characters (Unicode code points) of a text, sorted, each mapped to its index. */
public final class Vocabulary {
    private final int[] codePoints;

    private Vocabulary(int[] codePoints) {
        this.codePoints = codePoints;
    }

    /** The vocabulary of {@code text}. */
    public static Vocabulary of(String text) {
        return new Vocabulary(text.codePoints().distinct().sorted().toArray());
    }

    /** The number of distinct characters. */
    public int size() {
        return codePoints.length;
    }

    /** The index of every character of {@code text}; a character outside the vocabulary is an error naming it. */
    public long[] encode(String text) {
        return text.codePoints().mapToLong(cp -> {
            int i = Arrays.binarySearch(codePoints, cp);
            if (i < 0) throw new IllegalArgumentException("character '" + Character.toString(cp) + "' (U+" + String.format("%04X", cp)
                    + ") does not occur in the training text");
            return i;
        }).toArray();
    }

    /** The character with index {@code index}. */
    public String decode(int index) {
        return Character.toString(codePoints[index]);
    }
}
