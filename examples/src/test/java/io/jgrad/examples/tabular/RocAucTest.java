package io.jgrad.examples.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RocAucTest {
    @Test
    void perfectReversedAndRandomRankings() {
        long[] labels = {0, 0, 1, 1};
        assertThat(RocAuc.of(new float[] {0.1f, 0.2f, 0.8f, 0.9f}, labels)).isEqualTo(1.0);
        assertThat(RocAuc.of(new float[] {0.9f, 0.8f, 0.2f, 0.1f}, labels)).isEqualTo(0.0);
        assertThat(RocAuc.of(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, labels)).isEqualTo(0.5);
    }

    @Test
    void tiedPairsCountHalf() {
        // positives 0.4, 0.8, 0.35 against negatives 0.1, 0.35: five pairs ordered right, one tie (0.35, 0.35) -> 5.5 / 6
        assertThat(RocAuc.of(new float[] {0.1f, 0.4f, 0.35f, 0.8f, 0.35f}, new long[] {0, 1, 0, 1, 1})).isCloseTo(5.5 / 6, within(1e-12));
    }

    @Test
    void needsBothClasses() {
        assertThatThrownBy(() -> RocAuc.of(new float[] {0.1f, 0.2f}, new long[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 positives and 0 negatives");
    }
}
