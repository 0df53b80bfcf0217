package io.jgrad.spark;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * Turns a DataFrame into {@link Sample}s: a features column holding an array of numbers (or one
 * number) and a label column holding a number (a class index or a value) or an array of numbers.
 * Column types are checked on the driver before any job runs; nulls are reported with the row.
 */
public final class RowSamples {
    private RowSamples() {}

    /** The samples of {@code rows}, in the DataFrame's order and partitioning. */
    public static JavaRDD<Sample> from(Dataset<Row> rows, String featuresColumn, String labelColumn) {
        checkColumn(rows, featuresColumn, "features");
        checkColumn(rows, labelColumn, "label");
        return rows.select(featuresColumn, labelColumn).javaRDD().map(row -> {
            if (row.isNullAt(0) || row.isNullAt(1))
                throw new IllegalArgumentException("SparkTrainer: a row has a null in column '" + (row.isNullAt(0) ? featuresColumn : labelColumn) + "': " + row);
            return new Sample(floats(row.get(0), featuresColumn), floats(row.get(1), labelColumn));
        });
    }

    private static void checkColumn(Dataset<Row> rows, String column, String role) {
        StructField field = null;
        for (StructField f : rows.schema().fields()) {
            if (f.name().equals(column)) field = f;
        }
        if (field == null)
            throw new IllegalArgumentException("SparkTrainer: no " + role + " column '" + column + "' (columns: " + String.join(", ", rows.columns()) + ")");
        DataType type = field.dataType();
        boolean numeric = type instanceof NumericType || (type instanceof ArrayType a && a.elementType() instanceof NumericType);
        if (!numeric)
            throw new IllegalArgumentException("SparkTrainer: " + role + " column '" + column + "' is " + type.simpleString()
                    + "; it must hold a number or an array of numbers");
    }

    private static float[] floats(Object value, String column) {
        if (value instanceof Number n) return new float[] {n.floatValue()};
        if (value instanceof scala.collection.Seq<?> seq) return floats(scala.jdk.javaapi.CollectionConverters.asJava(seq), column);
        if (value instanceof List<?> list) {
            float[] out = new float[list.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(list.get(i) instanceof Number n))
                    throw new IllegalArgumentException("SparkTrainer: column '" + column + "' has a null or non-numeric element at " + i);
                out[i] = n.floatValue();
            }
            return out;
        }
        throw new IllegalArgumentException("SparkTrainer: column '" + column + "' holds " + value.getClass().getName() + ", not numbers");
    }
}
