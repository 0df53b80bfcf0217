package io.jgrad.data;

/** Index checks and index maps shared by the datasets, with errors that name the caller. */
final class Indices {
    private Indices() {}

    /** {@code index} itself, after checking that it lies in {@code [0, size)}. */
    static int check(String op, int index, int size) {
        if (index < 0 || index >= size)
            throw new IllegalArgumentException(op + ": index " + index + " out of range for a dataset of " + size + " samples");
        return index;
    }

    /**
     * The parent indices of {@code picks}, where {@code rows} maps this dataset's indices to the
     * parent's ({@code null} = identity over {@code size} rows).
     */
    static int[] map(String op, int[] rows, int[] picks, int size) {
        int[] mapped = new int[picks.length];
        for (int i = 0; i < picks.length; i++) {
            int p = check(op, picks[i], size);
            mapped[i] = rows == null ? p : rows[p];
        }
        return mapped;
    }
}
