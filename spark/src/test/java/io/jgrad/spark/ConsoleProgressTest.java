package io.jgrad.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    @Test
    void printsEveryNthStepWithTheTimeSplitAndEveryEpoch() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 2);
        StepStats one = new StepStats(1, 0, 0.9, 64, 2, 40_000_000, 20_000_000, 5_000_000, 1_000_000);
        StepStats two = new StepStats(2, 0, 0.7, 64, 2, 40_000_000, 20_000_000, 5_000_000, 1_000_000);
        p.onStep(one);
        p.onStep(two);
        p.onEpoch(EpochStats.start(0).plus(one).plus(two));
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "step 2 (epoch 0)  loss 0.7000  1600 samples/s  step 40.0 ms: compute 20.0, broadcast 5.0, aggregate 14.0, update 1.0",
                "epoch 0: 2 steps, loss 0.8000, 1600 samples/s, compute 50% / sync 48%");
    }
}
