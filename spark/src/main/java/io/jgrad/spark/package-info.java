/**
 * Data-parallel training of jgrad models on Apache Spark 4.2 ({@link io.jgrad.spark.SparkTrainer}):
 * synchronous large-batch steps that equal single-machine training, or parameter averaging, with
 * progress listeners and checkpoints on any Hadoop file system. See {@code docs/distributed.md}.
 */
package io.jgrad.spark;
