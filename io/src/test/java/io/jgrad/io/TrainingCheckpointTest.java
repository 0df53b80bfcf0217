package io.jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import io.jgrad.nn.Dropout;
import io.jgrad.nn.F;
import io.jgrad.nn.Linear;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.Adam;
import io.jgrad.optim.Optimizer;
import io.jgrad.optim.Optimizers;
import io.jgrad.optim.lr.LRScheduler;
import io.jgrad.optim.lr.StepLR;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resuming from a training checkpoint continues with exactly the losses of an uninterrupted run. */
class TrainingCheckpointTest {
    @TempDir
    Path dir;

    /** Model, optimizer, scheduler and the generator dropout and batching draw from. */
    record Run(Sequential model, Optimizer opt, LRScheduler sched, Generator gen) {
        static Run create(long initSeed) {
            Generator init = new Generator(initSeed), gen = new Generator(99);
            Linear a = new Linear(6, 16), b = new Linear(16, 3);
            a.resetParameters(init);
            b.resetParameters(init);
            Sequential m = new Sequential(a, new ReLU(), new Dropout(0.2, gen), b);
            Optimizer opt = Optimizers.fromSpec("Adam", Map.of("lr", 0.01), m.parameters());
            return new Run(m, opt, new StepLR(opt, 2, 0.5), gen);
        }

        double step(Tensor x, Tensor y) {
            // The batch is drawn from the generator too, so its state matters for resuming.
            Tensor idx = Tensor.randint(gen, 0, x.size(0), 16);
            opt.zeroGrad();
            Tensor loss = F.crossEntropy(model.forward(x.indexSelect(0, idx)), y.indexSelect(0, idx));
            loss.backward();
            opt.step();
            sched.step();
            return loss.item();
        }
    }

    @Test
    void resumeGivesTheSameLossesAsAnUninterruptedRun() throws Exception {
        Generator data = new Generator(7);
        Tensor x = Tensor.randn(data, 64, 6), y = Tensor.randint(data, 0, 3, 64);

        Run straight = Run.create(1);
        List<Double> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) expected.add(straight.step(x, y));

        Run first = Run.create(1);
        List<Double> losses = new ArrayList<>();
        for (int i = 0; i < 4; i++) losses.add(first.step(x, y));
        Path ckpt = dir.resolve("ckpt.safetensors");
        TrainingCheckpoint.save(ckpt, first.model(), first.opt(), first.sched(), 0, 4, first.gen());

        Run resumed = Run.create(12345);                 // different initial weights, fresh state
        TrainingCheckpoint c = TrainingCheckpoint.load(ckpt);
        c.restore(resumed.model(), resumed.opt(), resumed.sched(), resumed.gen());
        assertThat(c.step()).isEqualTo(4);
        for (int i = 0; i < 4; i++) losses.add(resumed.step(x, y));

        assertThat(losses).containsExactlyElementsOf(expected);
        assertThat(resumed.opt().paramGroups().get(0).lr()).isEqualTo(straight.opt().paramGroups().get(0).lr());
    }

    @Test
    void aFailedSaveKeepsThePreviousCheckpoint() throws Exception {
        Run run = Run.create(1);
        Path ckpt = dir.resolve("ckpt.safetensors");
        TrainingCheckpoint.save(ckpt, run.model(), run.opt(), run.sched(), 1, 10, run.gen());
        byte[] before = java.nio.file.Files.readAllBytes(ckpt);
        // A model whose state cannot be written (a parameter of an unsupported layout is not
        // possible here, so fail inside the writer: an unwritable directory entry).
        Path blocked = dir.resolve("ckpt2.safetensors");
        java.nio.file.Files.createDirectory(blocked);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainingCheckpoint.save(blocked, run.model(), run.opt(), run.sched(), 2, 20, run.gen()))
                .isInstanceOf(java.io.IOException.class);
        assertThat(java.nio.file.Files.readAllBytes(ckpt)).containsExactly(before);
        assertThat(TrainingCheckpoint.load(ckpt).step()).isEqualTo(10);
    }
}
