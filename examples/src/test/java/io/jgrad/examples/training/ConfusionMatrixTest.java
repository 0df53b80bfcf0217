package io.jgrad.examples.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    @Test
    void countsAccuracyRecallAndTable() {
        ConfusionMatrix m = ConfusionMatrix.of(new long[] {0, 0, 1, 1, 1, 2}, new long[] {0, 1, 1, 1, 2, 2}, List.of("cat", "dog", "emu"));
        assertThat(m.count(0, 1)).isEqualTo(1);
        assertThat(m.count(1, 1)).isEqualTo(2);
        assertThat(m.accuracy()).isEqualTo(4.0 / 6);
        assertThat(m.recall(1)).isEqualTo(2.0 / 3);
        assertThat(m.toString()).contains("1 dog").contains("0.667").contains("predicted");
    }

    @Test
    void rejectsOutOfRangeClasses() {
        assertThatThrownBy(() -> ConfusionMatrix.of(new long[] {0, 3}, new long[] {0, 1}, List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample 1 has label 3");
    }
}
