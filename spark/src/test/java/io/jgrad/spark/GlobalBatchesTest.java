package io.jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GlobalBatchesTest {
    @Test
    void everyEpochVisitsEverySampleOnceInBatchesOfTheGivenSize() {
        GlobalBatches b = new GlobalBatches(10, 4, 1);
        assertThat(b.stepsPerEpoch()).isEqualTo(3);
        for (int epoch = 0; epoch < 3; epoch++) {
            List<Integer> seen = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                int[] batch = b.batch(epoch * 3L + s);
                assertThat(batch).hasSize(s < 2 ? 4 : 2).isSorted();
                for (int i : batch) seen.add(i);
            }
            assertThat(seen).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 10).boxed().toList());
        }
    }

    @Test
    void batchesDependOnTheSeedOnly() {
        assertThat(batches(new GlobalBatches(100, 7, 5), 40)).isEqualTo(batches(new GlobalBatches(100, 7, 5), 40));
        assertThat(batches(new GlobalBatches(100, 7, 6), 40)).isNotEqualTo(batches(new GlobalBatches(100, 7, 5), 40));
    }

    @Test
    void eachEpochIsShuffledAnew() {
        GlobalBatches b = new GlobalBatches(50, 10, 3); // 5 steps per epoch
        assertThat(b.batch(0)).isNotEqualTo(b.batch(5));
    }

    @Test
    void restoringTheStateOfAStepContinuesWithTheSameBatches() {
        GlobalBatches reference = new GlobalBatches(30, 4, 9); // 8 steps per epoch
        List<String> expected = batches(reference, 30);
        for (long resumeAt : new long[] {0, 5, 8, 16, 21}) {
            GlobalBatches before = new GlobalBatches(30, 4, 9);
            for (long s = 0; s < resumeAt; s++) before.batch(s);
            long[] state = before.rngState(resumeAt);
            GlobalBatches after = new GlobalBatches(30, 4, 1234);
            after.restore(state, resumeAt);
            for (long s = resumeAt; s < 30; s++)
                assertThat(Arrays.toString(after.batch(s))).as("step %d after resuming at %d", s, resumeAt).isEqualTo(expected.get((int) s));
        }
    }

    @Test
    void stepsGoForwardOnly() {
        GlobalBatches b = new GlobalBatches(10, 5, 1);
        b.batch(4);
        assertThatThrownBy(() -> b.batch(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("already past");
        assertThatThrownBy(() -> new GlobalBatches(0, 5, 1)).hasMessage("GlobalBatches: need at least one sample, got 0");
    }

    private static List<String> batches(GlobalBatches b, int steps) {
        List<String> out = new ArrayList<>();
        for (long s = 0; s < steps; s++) out.add(Arrays.toString(b.batch(s)));
        return out;
    }
}
