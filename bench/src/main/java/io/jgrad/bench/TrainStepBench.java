package io.jgrad.bench;

import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import io.jgrad.nn.Conv2d;
import io.jgrad.nn.ConvOptions;
import io.jgrad.nn.Embedding;
import io.jgrad.nn.F;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.LSTM;
import io.jgrad.nn.Linear;
import io.jgrad.nn.MaxPool2d;
import io.jgrad.nn.Module;
import io.jgrad.nn.RNNBase;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.Optimizer;
import io.jgrad.optim.Optimizers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Scope;

/**
 * One training step — zero_grad + forward + loss + backward + optimizer step — on synthetic data,
 * as PyTorch's anchor scripts do: mlp 784-256-128-10 with ReLU and SGD (momentum 0.9); cnn, the
 * examples' fashion-cnn with Adam; lstm, Embedding(65,64) -> LSTM(256) over 64 steps -> Linear(256,65)
 * with Adam at batch 32. The lstm has its own state so its batch stays 32.
 */
public class TrainStepBench extends ThreadedBenchmark {

    /** mlp and cnn at batch 64 and 256. */
    @State(Scope.Benchmark)
    public static class Feedforward {
        @Param({"mlp", "cnn"})
        public String model;

        @Param({"64", "256"})
        public int batch;

        Module net;
        Optimizer opt;
        Tensor x, y;

        @Setup(Level.Trial)
        public void build() {
            Generator gen = new Generator(0);
            y = Tensor.randint(gen, 0, 10, batch);
            if (model.equals("mlp")) {
                net = new Sequential(new Linear(784, 256), new ReLU(), new Linear(256, 128), new ReLU(), new Linear(128, 10));
                opt = Optimizers.fromSpec("SGD", Map.of("lr", 0.01, "momentum", 0.9), net.parameters());
                x = Tensor.randn(gen, batch, 784);
            } else {
                ConvOptions pad1 = ConvOptions.defaults().padding(1);
                net = new Sequential(new Conv2d(1, 32, new int[] {3, 3}, pad1), new ReLU(), new MaxPool2d(2),
                        new Conv2d(32, 64, new int[] {3, 3}, pad1), new ReLU(), new MaxPool2d(2),
                        new Flatten(), new Linear(3136, 128), new ReLU(), new Linear(128, 10));
                opt = Optimizers.fromSpec("Adam", Map.of("lr", 1e-3), net.parameters());
                x = Tensor.randn(gen, batch, 1, 28, 28);
            }
        }
    }

    /** The character LSTM at batch 32. */
    @State(Scope.Benchmark)
    public static class Recurrent {
        @Param({"lstm"})
        public String model;

        @Param({"32"})
        public int batch;

        Embedding emb;
        LSTM lstm;
        Linear head;
        Optimizer opt;
        Tensor x, y;

        @Setup(Level.Trial)
        public void build() {
            Generator gen = new Generator(0);
            emb = new Embedding(65, 64);
            lstm = new LSTM(64, 256, RNNBase.Options.defaults().batchFirst(true));
            head = new Linear(256, 65);
            List<Tensor> params = new ArrayList<>(emb.parameters());
            params.addAll(lstm.parameters());
            params.addAll(head.parameters());
            opt = Optimizers.fromSpec("Adam", Map.of("lr", 1e-3), params);
            x = Tensor.randint(gen, 0, 65, batch, 64);
            y = Tensor.randint(gen, 0, 65, batch * 64);
        }
    }

    @Benchmark
    public Tensor step(Feedforward s) {
        s.opt.zeroGrad();
        Tensor loss = F.crossEntropy(s.net.forward(s.x), s.y);
        loss.backward();
        s.opt.step();
        return loss;
    }

    @Benchmark
    public Tensor lstmStep(Recurrent s) {
        s.opt.zeroGrad();
        Tensor h = s.lstm.forward(s.emb.forward(s.x), null, null).output();
        Tensor loss = F.crossEntropy(s.head.forward(h).reshape(-1, 65), s.y);
        loss.backward();
        s.opt.step();
        return loss;
    }
}
