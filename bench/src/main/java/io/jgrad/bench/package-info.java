/** JMH benchmarks of jgrad's kernels, ops and training steps; run with {@code java -jar bench/target/benchmarks.jar}. */
package io.jgrad.bench;
