package io.jgrad.data.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.core.DType;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    private static TabularData read(CsvReader reader, String csv) throws IOException {
        return reader.read(new StringReader(csv), "t.csv");
    }

    @Test
    void numericTargetAndAllOtherColumnsAsFeatures() throws IOException {
        TabularData t = read(CsvReader.target("y"), "a,y,b\n1,10,2\n3.5,20,-4e-1\n");
        assertThat(t.featureNames()).containsExactly("a", "b");
        assertThat(t.features().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(t.features().shape()).containsExactly(2, 2);
        assertThat(t.features().toFloatArray()).containsExactly(1f, 2f, 3.5f, -0.4f);
        assertThat(t.target().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(t.target().toFloatArray()).containsExactly(10f, 20f);
        assertThat(t.classes()).isEmpty();
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.dataset().get(1).get(0).toFloatArray()).containsExactly(3.5f, -0.4f);
    }

    @Test
    void categoricalTargetSortsClassNames() throws IOException {
        TabularData t = read(CsvReader.target("species").categoricalTarget(), "x,species\n1,versicolor\n2,setosa\n3,versicolor\n4,virginica\n");
        assertThat(t.classes()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(t.target().dtype()).isEqualTo(DType.INT64);
        assertThat(t.target().toLongArray()).containsExactly(1, 0, 1, 2);
    }

    @Test
    void numericClassNamesSortByValue() throws IOException {
        TabularData t = read(CsvReader.target("c").categoricalTarget(), "x,c\n0,10\n0,2\n0,1\n");
        assertThat(t.classes()).containsExactly("1", "2", "10");
        assertThat(t.target().toLongArray()).containsExactly(2, 1, 0);
    }

    @Test
    void chosenFeatureColumnsInTheirOrder() throws IOException {
        TabularData t = read(CsvReader.target("y").features("c", "a"), "id,a,c,y\nrow-1,1,2,0\nrow-2,3,4,1\n");
        assertThat(t.featureNames()).containsExactly("c", "a");
        assertThat(t.features().toFloatArray()).containsExactly(2f, 1f, 4f, 3f);
    }

    @Test
    void quotesSpacesBlankLinesBomAndDelimiter() throws IOException {
        String csv = "\uFEFF\"first, col\" ; y ; label\n\n  1.5 ; \"2\" ; \"say \"\"hi\"\"\"\n\n2;3;plain\n";
        TabularData t = read(CsvReader.target("label").categoricalTarget().delimiter(';'), csv);
        assertThat(t.featureNames()).containsExactly("first, col", "y");
        assertThat(t.features().toFloatArray()).containsExactly(1.5f, 2f, 2f, 3f);
        assertThat(t.classes()).containsExactly("plain", "say \"hi\"");
    }

    @Test
    void readsFiles(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("d.csv"), "a,y\n1,2\n");
        assertThat(CsvReader.target("y").read(f).source()).isEqualTo(f.toString());
    }

    @Test
    void missingTargetColumn() {
        assertThatThrownBy(() -> read(CsvReader.target("price"), "a,b\n1,2\n")).isInstanceOf(MalformedDataException.class)
                .hasMessage("t.csv: no column named 'price'; the columns are [a, b]");
    }

    @Test
    void missingFeatureColumn() {
        assertThatThrownBy(() -> read(CsvReader.target("b").features("a", "zz"), "a,b\n1,2\n"))
                .hasMessage("t.csv: no column named 'zz'; the columns are [a, b]");
    }

    @Test
    void targetCannotAlsoBeAFeature() {
        assertThatThrownBy(() -> read(CsvReader.target("b").features("b"), "a,b\n1,2\n"))
                .hasMessageContaining("'b' cannot be both the target and a feature");
    }

    @Test
    void nonNumericCellNamesLineAndColumn() {
        assertThatThrownBy(() -> read(CsvReader.target("y"), "age,y\n30,1\nabc,0\n")).isInstanceOf(MalformedDataException.class)
                .hasMessage("t.csv: line 3, column 'age': 'abc' is not a number");
        assertThatThrownBy(() -> read(CsvReader.target("y"), "age,y\n30,yes\n"))
                .hasMessage("t.csv: line 2, column 'y': 'yes' is not a number");
    }

    @Test
    void emptyCell() {
        assertThatThrownBy(() -> read(CsvReader.target("y"), "a,y\n,1\n")).hasMessage("t.csv: line 2, column 'a': empty cell, expected a number");
    }

    @Test
    void raggedRows() {
        assertThatThrownBy(() -> read(CsvReader.target("y"), "a,b,y\n1,2,3\n4,5\n")).isInstanceOf(MalformedDataException.class)
                .hasMessage("t.csv: line 3 has 2 cells, but the header has 3 columns");
        assertThatThrownBy(() -> read(CsvReader.target("y"), "a,b,y\n1,2,3,4\n")).hasMessage("t.csv: line 2 has 4 cells, but the header has 3 columns");
    }

    @Test
    void badHeaders() {
        assertThatThrownBy(() -> read(CsvReader.target("y"), "a,y,a\n")).hasMessage("t.csv: header (line 1): column name 'a' appears twice");
        assertThatThrownBy(() -> read(CsvReader.target("y"), ",a,y\n0,1,2\n")).hasMessageContaining("column 1 has no name");
        assertThatThrownBy(() -> read(CsvReader.target("y"), "\n  \n")).hasMessage("t.csv: empty file: no header line");
    }

    @Test
    void unterminatedQuote() {
        assertThatThrownBy(() -> read(CsvReader.target("y"), "a,y\n\"1,2\n")).hasMessageContaining("line 2: a quote opened in cell 1 is never closed");
        assertThatThrownBy(() -> read(CsvReader.target("y"), "a,y\n\"1\"x,2\n")).hasMessageContaining("line 2: text after a closing quote in cell 1");
    }

    @Test
    void headerOnlyGivesAnEmptyTable() throws IOException {
        TabularData t = read(CsvReader.target("y"), "a,b,y\n");
        assertThat(t.features().shape()).containsExactly(0, 2);
        assertThat(t.target().shape()).containsExactly(0);
    }
}
