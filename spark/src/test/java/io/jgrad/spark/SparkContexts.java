package io.jgrad.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** Spark contexts for the tests: loopback only, no UI, small. */
final class SparkContexts {
    private SparkContexts() {}

    /** {@code local[threads, maxFailures]}: tasks run in this JVM; a failed task is tried up to {@code maxFailures} times. */
    static JavaSparkContext local(int threads, int maxFailures) {
        return new JavaSparkContext(conf("local[" + threads + "," + maxFailures + "]"));
    }

    /**
     * {@code local-cluster[2,1,1024]}: a master, two workers and two executor JVMs of one core
     * each on this machine. Spark's test mode lets executors take this JVM's class path; it needs
     * a "Spark home" with a {@code jars/} directory, which may be empty.
     */
    static JavaSparkContext localCluster(int maxFailures) {
        Path home = Path.of("target", "spark-test-home").toAbsolutePath();
        try {
            Files.createDirectories(home.resolve("jars"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("spark.testing", "true");
        System.setProperty("spark.test.home", home.toString());
        JavaSparkContext sc = new JavaSparkContext(conf("local-cluster[2,1,1024]")
                .set("spark.executorEnv.SPARK_SCALA_VERSION", "2.13")
                .set("spark.executor.memory", "512m")
                .set("spark.task.maxFailures", Integer.toString(maxFailures)));
        awaitExecutors(sc, 2);
        return sc;
    }

    /** Waits until {@code n} executors have registered: the context starts without them, and a job started early runs on fewer JVMs. */
    private static void awaitExecutors(JavaSparkContext sc, int n) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (sc.statusTracker().getExecutorInfos().length < n + 1) { // the driver is listed too
            if (System.nanoTime() > deadline) {
                sc.stop();
                throw new IllegalStateException("local-cluster: " + n + " executors did not register within 2 minutes");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Undoes {@link #localCluster}'s system properties. */
    static void clearClusterProperties() {
        System.clearProperty("spark.testing");
        System.clearProperty("spark.test.home");
    }

    private static SparkConf conf(String master) {
        return new SparkConf()
                .setMaster(master)
                .setAppName("jgrad-spark-test")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false")
                .set("spark.sql.shuffle.partitions", "2");
    }
}
