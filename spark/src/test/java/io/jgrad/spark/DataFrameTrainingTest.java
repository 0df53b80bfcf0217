package io.jgrad.spark;

import static io.jgrad.spark.TestTasks.CROSS_ENTROPY;
import static io.jgrad.spark.TestTasks.SPIRAL_FORMAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.nn.Module;
import io.jgrad.optim.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Training from a DataFrame with a features array column and a label column (local[2]). */
class DataFrameTrainingTest {
    private static SparkSession spark;
    private static final List<Sample> DATA = TestTasks.spirals(20, 3);
    private static final StructType SCHEMA = new StructType()
            .add("features", DataTypes.createArrayType(DataTypes.DoubleType))
            .add("label", DataTypes.IntegerType)
            .add("name", DataTypes.StringType);

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().sparkContext(SparkContexts.local(2, 1).sc()).getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void trainsLikeTheSameSamplesAsAnRdd() {
        Dataset<Row> df = spark.createDataFrame(rows(DATA), SCHEMA).coalesce(1);
        Module fromRows = trainer().fit(df, "features", "label");
        Module fromSamples = trainer().fit(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(DATA, 1));
        TestTasks.assertIdenticalParameters(fromRows, fromSamples);
    }

    @Test
    void columnsAreCheckedBeforeAnyJobRuns() {
        Dataset<Row> df = spark.createDataFrame(rows(DATA.subList(0, 3)), SCHEMA);
        assertThatThrownBy(() -> trainer().fit(df, "pixels", "label"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SparkTrainer: no features column 'pixels' (columns: features, label, name)");
        assertThatThrownBy(() -> trainer().fit(df, "features", "name"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SparkTrainer: label column 'name' is string; it must hold a number or an array of numbers");
    }

    @Test
    void aNullIsReportedWithItsRow() {
        List<Row> rows = rows(DATA.subList(0, 3));
        rows.set(1, RowFactory.create(null, 1, "b"));
        assertThatThrownBy(() -> trainer().fit(spark.createDataFrame(rows, SCHEMA), "features", "label"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SparkTrainer: a row has a null in column 'features': [null,1]");
    }

    private static List<Row> rows(List<Sample> samples) {
        List<Row> rows = new ArrayList<>();
        for (Sample s : samples) {
            List<Double> x = new ArrayList<>();
            for (float f : s.features()) x.add((double) f);
            rows.add(RowFactory.create(x.toArray(), (int) s.target()[0], "s" + rows.size()));
        }
        return rows;
    }

    private static SparkTrainer trainer() {
        return SparkTrainer.builder(TestTasks.mlp(8, 2), CROSS_ENTROPY, p -> new SGD(p, Map.of("lr", 0.1)), SPIRAL_FORMAT).batchSize(16).seed(4).build();
    }
}
