package io.jgrad.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the test classes that share one {@code local[2]} Spark context, started before their first test and stopped after the last. */
abstract class LocalSparkTest {
    static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        sc = SparkContexts.local(2, 1);
    }

    @AfterAll
    static void stopSpark() {
        sc.stop();
    }
}
