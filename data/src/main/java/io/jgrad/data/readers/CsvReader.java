package io.jgrad.data.readers;

import io.jgrad.core.Layout;
import io.jgrad.core.Tensor;
import io.jgrad.core.storage.Storage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a CSV file with a header line into {@link TabularData}: the chosen numeric columns
 * become float32 features, one named column becomes the target.
 *
 * <pre>{@code
 * TabularData wine = CsvReader.target("quality").read(Path.of("wine.csv"));          // numeric target
 * TabularData iris = CsvReader.target("species").categoricalTarget().read(path);     // class indices
 * }</pre>
 *
 * <p>Cells are separated by a delimiter (comma by default) and may be quoted with {@code "}
 * ({@code ""} inside quotes is a quote); surrounding spaces are ignored; blank lines are skipped.
 * A missing column, a cell that is not a number (naming its line and column), a row with the
 * wrong number of cells, or a duplicate or empty header name gives a
 * {@link MalformedDataException}. Quoted cells may not span lines.
 *
 * <p>Instances are immutable; each setting returns a new reader.
 */
public final class CsvReader {
    private final String targetColumn;
    private final boolean categorical;
    private final List<String> featureColumns;
    private final char delimiter;

    private CsvReader(String targetColumn, boolean categorical, List<String> featureColumns, char delimiter) {
        this.targetColumn = targetColumn;
        this.categorical = categorical;
        this.featureColumns = featureColumns;
        this.delimiter = delimiter;
    }

    /** A reader whose target is the column {@code column}; every other column is a feature unless {@link #features} says otherwise. */
    public static CsvReader target(String column) {
        return new CsvReader(column, false, null, ',');
    }

    /**
     * The target holds class names (any text); they become int64 indices into
     * {@link TabularData#classes()}, which lists them sorted (numerically when all are numbers).
     */
    public CsvReader categoricalTarget() {
        return new CsvReader(targetColumn, true, featureColumns, delimiter);
    }

    /** Uses only {@code columns}, in this order, as features (other columns are ignored). */
    public CsvReader features(String... columns) {
        return new CsvReader(targetColumn, categorical, List.of(columns), delimiter);
    }

    /** Splits cells at {@code delimiter} instead of a comma. */
    public CsvReader delimiter(char delimiter) {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r')
            throw new IllegalArgumentException("CsvReader: " + (int) delimiter + " cannot be a delimiter");
        return new CsvReader(targetColumn, categorical, featureColumns, delimiter);
    }

    /** Reads {@code file} (UTF-8). */
    public TabularData read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        }
    }

    /** Reads the class-path resource {@code name} (UTF-8, may be gzipped). */
    public TabularData readResource(String name) throws IOException {
        try (Reader in = new InputStreamReader(Sources.openResource(name), StandardCharsets.UTF_8)) {
            return read(in, name);
        }
    }

    /** Reads CSV text from {@code reader} to its end, without closing it; {@code source} names it in errors. */
    public TabularData read(Reader reader, String source) throws IOException {
        LineReader in = new LineReader(reader instanceof BufferedReader b ? b : new BufferedReader(reader));
        String headerLine = in.next();
        if (headerLine == null) throw new MalformedDataException(source, "empty file: no header line");
        if (headerLine.startsWith("\uFEFF")) headerLine = headerLine.substring(1);
        List<String> header = split(headerLine, source, in.lineNo);
        Map<String, Integer> columns = columnIndex(header, source, in.lineNo);
        int target = column(columns, targetColumn, source, header);
        List<String> featureNames = featureColumns != null ? featureColumns
                : header.stream().filter(name -> !name.equals(targetColumn)).toList();
        int[] featureIndex = new int[featureNames.size()];
        for (int j = 0; j < featureIndex.length; j++) {
            featureIndex[j] = column(columns, featureNames.get(j), source, header);
            if (featureIndex[j] == target)
                throw new MalformedDataException(source, "column '" + targetColumn + "' cannot be both the target and a feature");
        }

        int f = featureIndex.length;
        float[] features = new float[64 * Math.max(f, 1)];
        float[] numbers = new float[64];
        List<String> labels = new ArrayList<>();
        int rows = 0;
        for (String line = in.next(); line != null; line = in.next(), rows++) {
            List<String> cells = split(line, source, in.lineNo);
            if (cells.size() != header.size())
                throw new MalformedDataException(source, "line " + in.lineNo + " has " + cells.size() + " cells, but the header has " + header.size() + " columns");
            if ((rows + 1) * f > features.length) features = Arrays.copyOf(features, 2 * features.length);
            for (int j = 0; j < f; j++) features[rows * f + j] = number(cells.get(featureIndex[j]), source, in.lineNo, featureNames.get(j));
            if (categorical) {
                labels.add(cells.get(target));
            } else {
                if (rows == numbers.length) numbers = Arrays.copyOf(numbers, 2 * rows);
                numbers[rows] = number(cells.get(target), source, in.lineNo, targetColumn);
            }
        }
        Tensor x = Tensor.of(Storage.of(Arrays.copyOf(features, rows * f)), Layout.contiguous(rows, f));
        List<String> classes = categorical ? classes(labels) : List.of();
        Tensor y = categorical ? classIndices(labels, classes) : Tensor.of(Storage.of(Arrays.copyOf(numbers, rows)), Layout.contiguous(rows));
        return new TabularData(source, x, List.copyOf(featureNames), y, targetColumn, classes);
    }

    /** The non-blank lines of a reader, with the 1-based line number of the last one returned. */
    private static final class LineReader {
        private final BufferedReader in;
        int lineNo;

        LineReader(BufferedReader in) {
            this.in = in;
        }

        String next() throws IOException {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (!line.isBlank()) return line;
            }
            return null;
        }
    }

    private static Map<String, Integer> columnIndex(List<String> header, String source, int lineNo) {
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            if (name.isEmpty())
                throw new MalformedDataException(source, "header (line " + lineNo + "): column " + (c + 1) + " has no name (an unnamed index column? drop it or name it)");
            if (index.put(name, c) != null)
                throw new MalformedDataException(source, "header (line " + lineNo + "): column name '" + name + "' appears twice");
        }
        return index;
    }

    private static int column(Map<String, Integer> columns, String name, String source, List<String> header) {
        Integer c = columns.get(name);
        if (c == null) throw new MalformedDataException(source, "no column named '" + name + "'; the columns are " + header);
        return c;
    }

    private static float number(String cell, String source, int lineNo, String column) {
        if (cell.isEmpty()) throw new MalformedDataException(source, "line " + lineNo + ", column '" + column + "': empty cell, expected a number");
        try {
            return Float.parseFloat(cell);
        } catch (NumberFormatException e) {
            throw new MalformedDataException(source, "line " + lineNo + ", column '" + column + "': '" + cell + "' is not a number");
        }
    }

    /** The distinct labels, sorted: by value when every label is a number, else as text. */
    private static List<String> classes(List<String> labels) {
        TreeSet<String> distinct = new TreeSet<>(labels);
        Comparator<String> order = Comparator.naturalOrder();
        if (distinct.stream().allMatch(CsvReader::isNumber)) order = Comparator.comparingDouble(Double::parseDouble);
        return distinct.stream().sorted(order).toList();
    }

    private static Tensor classIndices(List<String> labels, List<String> classes) {
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) index.put(classes.get(c), c);
        long[] y = new long[labels.size()];
        for (int i = 0; i < y.length; i++) y[i] = index.get(labels.get(i));
        return Tensor.of(Storage.of(y), Layout.contiguous(y.length));
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The cells of one line, trimmed, with quotes removed. */
    private List<String> split(String line, String source, int lineNo) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false, wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c != '"') cell.append(c);
                else if (i + 1 < line.length() && line.charAt(i + 1) == '"') cell.append(line.charAt(++i));
                else quoted = false;
            } else if (c == '"' && cell.toString().isBlank()) {
                quoted = wasQuoted = true;
                cell.setLength(0);
            } else if (c == delimiter) {
                cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
                cell.setLength(0);
                wasQuoted = false;
            } else if (!wasQuoted || !Character.isWhitespace(c)) {
                if (wasQuoted) throw new MalformedDataException(source, "line " + lineNo + ": text after a closing quote in cell " + (cells.size() + 1));
                cell.append(c);
            }
        }
        if (quoted) throw new MalformedDataException(source, "line " + lineNo + ": a quote opened in cell " + (cells.size() + 1) + " is never closed (quoted cells cannot span lines)");
        cells.add(wasQuoted ? cell.toString() : cell.toString().strip());
        return cells;
    }
}
