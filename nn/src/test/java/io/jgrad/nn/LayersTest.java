package io.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.autograd.Autograd;
import io.jgrad.core.DType;
import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import io.jgrad.core.ops.Shaping;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What layers add on top of the functional API: state, modes, options and shapes. */
class LayersTest {
    private final Generator gen = new Generator(21);

    @Test
    void batchNormUpdatesRunningStatisticsOnlyInTraining() {
        BatchNorm1d bn = new BatchNorm1d(3, 1e-5, 0.1, true, true);
        Tensor x = Tensor.randn(gen, DType.FLOAT64, 8, 3).mul(2).add(1);
        bn.to(DType.FLOAT64);
        Tensor y = bn.forward(x);
        Tensor mean = x.mean(0, false), var = x.var(new int[] {0}, 1, false);
        Reference.assertClose("running_mean", bn.runningMean(), mean.mul(0.1), 1e-12, 1e-12);
        Reference.assertClose("running_var", bn.runningVar(), var.mul(0.1).add(0.9), 1e-12, 1e-12);
        assertThat(bn.numBatchesTracked().itemLong()).isEqualTo(1);
        Reference.assertClose("batch-normalised mean", y.mean(0, false), Tensor.zeros(DType.FLOAT64, 3), 0, 1e-12);

        bn.eval();
        Tensor running = bn.runningMean().clone();
        Tensor z = bn.forward(x);
        assertThat(bn.runningMean().equal(running)).isTrue();
        assertThat(bn.numBatchesTracked().itemLong()).isEqualTo(1);
        Reference.assertClose("eval output", z, x.sub(bn.runningMean()).div(bn.runningVar().add(1e-5).sqrt()), 1e-12, 1e-12);
    }

    @Test
    void batchNormWithoutMomentumKeepsTheCumulativeAverage() {
        BatchNorm2d bn = new BatchNorm2d(2, 1e-5, null, false, true);
        bn.to(DType.FLOAT64);
        Tensor a = Tensor.randn(gen, DType.FLOAT64, 2, 2, 3, 3), b = Tensor.randn(gen, DType.FLOAT64, 2, 2, 3, 3).add(5);
        bn.forward(a);
        bn.forward(b);
        Tensor expected = a.mean(new int[] {0, 2, 3}, false).add(b.mean(new int[] {0, 2, 3}, false)).div(2);
        Reference.assertClose("cumulative mean", bn.runningMean(), expected, 1e-12, 1e-12);
        assertThat(bn.parameters()).isEmpty();
    }

    @Test
    void batchNormWithoutTrackingAlwaysUsesBatchStatistics() {
        BatchNorm1d bn = new BatchNorm1d(3, 1e-5, 0.1, true, false);
        assertThat(bn.stateDict().keySet()).containsExactly("weight", "bias");
        Tensor x = Tensor.randn(gen, 6, 3).add(3);
        bn.eval();
        assertThat(bn.forward(x).mean(0, false).abs().max().item()).isLessThan(1e-5);
    }

    @Test
    void dropoutDropsInTrainingAndIsTheIdentityInEval() {
        Dropout d = new Dropout(0.5, new Generator(1));
        Tensor x = Tensor.ones(100_000);
        Tensor y = d.forward(x);
        double zeros = y.eq(0).to(DType.FLOAT64).mean().item();
        assertThat(zeros).isCloseTo(0.5, within(0.01));
        assertThat(y.max().item()).isEqualTo(2.0);
        assertThat(new Dropout(0.5, new Generator(1)).forward(x).equal(y)).isTrue();
        d.eval();
        assertThat(d.forward(x)).isSameAs(x);
    }

    @Test
    void samePaddingKeepsTheSizeEvenForEvenKernels() {
        Tensor x = Tensor.randn(gen, 2, 3, 7, 6);
        assertThat(new Conv2d(3, 4, new int[] {4, 3}, ConvOptions.defaults().padding("same").dilation(2)).forward(x).shape()).containsExactly(2, 4, 7, 6);
        assertThat(new Conv2d(3, 4, new int[] {3}, ConvOptions.defaults().padding("valid")).forward(x).shape()).containsExactly(2, 4, 5, 4);
        assertThat(new Conv1d(3, 5, new int[] {4}, ConvOptions.defaults().padding("same")).forward(Tensor.randn(gen, 3, 9)).shape()).containsExactly(5, 9);
    }

    @Test
    void paddingModesPadWithTheInputsOwnValues() {
        Conv2d reflect = new Conv2d(2, 3, new int[] {3}, ConvOptions.defaults().padding(1, 2).paddingMode("reflect"));
        Conv2d plain = new Conv2d(2, 3, new int[] {3}, ConvOptions.defaults());
        plain.loadStateDict(reflect.stateDict());
        Tensor x = Tensor.randn(gen, 1, 2, 5, 6);
        Tensor expected = plain.forward(x.pad(new int[] {2, 2, 1, 1}, Shaping.PadMode.REFLECT, 0));
        assertThat(reflect.forward(x).allclose(expected, 1e-6, 1e-6)).isTrue();
        assertThat(reflect.forward(x).shape()).containsExactly(1, 3, 5, 8);
    }

    @Test
    void depthwiseAndTransposedConvolutionShapes() {
        Conv2d depthwise = new Conv2d(4, 8, new int[] {3}, ConvOptions.defaults().groups(4).stride(2).padding(1));
        assertThat(depthwise.weight().shape()).containsExactly(8, 1, 3, 3);
        assertThat(depthwise.forward(Tensor.randn(gen, 2, 4, 9, 9)).shape()).containsExactly(2, 8, 5, 5);
        ConvTranspose2d up = new ConvTranspose2d(8, 4, new int[] {4}, ConvOptions.defaults().stride(2).padding(1).outputPadding(1));
        assertThat(up.weight().shape()).containsExactly(8, 4, 4, 4);
        // (H - 1) * stride - 2 * padding + dilation * (k - 1) + output_padding + 1
        assertThat(up.forward(Tensor.randn(gen, 8, 5, 5)).shape()).containsExactly(4, 11, 11);
    }

    @Test
    void poolsAndResamplingAcceptBatchedAndUnbatchedInputs() {
        Tensor x = Tensor.randn(gen, 2, 3, 8, 8);
        assertThat(new MaxPool2d(2).forward(x).shape()).containsExactly(2, 3, 4, 4);
        assertThat(new AvgPool2d(new int[] {3}, new int[] {2}, new int[] {1}, true, false).forward(x.select(0, 0)).shape()).containsExactly(3, 5, 5);
        assertThat(new AdaptiveAvgPool2d(1).forward(x).shape()).containsExactly(2, 3, 1, 1);
        assertThat(new AdaptiveAvgPool2d(3, 2).forward(x.select(0, 0)).shape()).containsExactly(3, 3, 2);
        assertThat(new MaxPool1d(3).forward(Tensor.randn(gen, 4, 9)).shape()).containsExactly(4, 3);
        assertThat(new AvgPool1d(2).forward(Tensor.randn(gen, 1, 4, 9)).shape()).containsExactly(1, 4, 4);
        Tensor up = new Upsample(2).forward(x);
        assertThat(up.shape()).containsExactly(2, 3, 16, 16);
        assertThat(up.get(1, 2, 5, 7)).isEqualTo(x.get(1, 2, 2, 3));
        assertThat(new Upsample(new int[] {4, 6}, null, "bilinear", null).forward(x).shape()).containsExactly(2, 3, 4, 6);
    }

    @Test
    void flattenAndUnflattenAreInverses() {
        Tensor x = Tensor.randn(gen, 2, 3, 4, 5);
        Tensor flat = new Flatten().forward(x);
        assertThat(flat.shape()).containsExactly(2, 60);
        assertThat(new Unflatten(1, 3, -1, 5).forward(flat).equal(x)).isTrue();
        assertThat(new Flatten(0, -2).forward(x).shape()).containsExactly(24, 5);
        assertThat(new Identity().forward(x)).isSameAs(x);
    }

    @Test
    void embeddingPaddingRowGetsNoGradientAndPretrainedCanBeFrozen() {
        Embedding e = new Embedding(5, 3, 0);
        e.forward(Tensor.of(new long[] {0, 2, 0, 4}, 2, 2)).sum().backward();
        assertThat(e.weight().grad().select(0, 0).toDoubleArray()).containsOnly(0.0);
        assertThat(e.weight().grad().select(0, 2).toDoubleArray()).containsOnly(1.0);
        Embedding frozen = Embedding.fromPretrained(Tensor.eye(4), true, null);
        assertThat(frozen.weight().requiresGrad()).isFalse();
        assertThat(frozen.forward(Tensor.of(new long[] {2})).toFloatArray()).containsExactly(0, 0, 1, 0);
    }

    @Test
    void bilinearMatchesPyTorch() {
        Bilinear b = new Bilinear(5, 4, 3);
        Reference.check(Reference.load("misc").get("bilinear"), b, in -> Map.of("output", b.forward(in.get("x1"), in.get("x2"))));
    }

    @Test
    void lossModulesApplyTheirOptionsAndConvertTheirWeights() {
        Tensor logits = Tensor.randn(gen, DType.FLOAT64, 6, 4), target = Tensor.of(new long[] {0, 3, 1, 1, 2, 3});
        Tensor weight = Tensor.of(1f, 2f, 0.5f, 1f);
        CrossEntropyLoss ce = new CrossEntropyLoss(weight, 1, Reduction.SUM, 0);
        ce.to(DType.FLOAT64);
        assertThat(ce.buffer("weight").dtype()).isEqualTo(DType.FLOAT64);
        assertThat(ce.stateDict().keySet()).containsExactly("weight");
        Tensor expected = F.crossEntropy(logits, target, weight.to(DType.FLOAT64), 1, Reduction.SUM, 0);
        assertThat(ce.forward(logits, target).item()).isCloseTo(expected.item(), within(1e-12));
        assertThat(new NLLLoss().forward(logits.logSoftmax(1), target).item())
                .isCloseTo(new CrossEntropyLoss().forward(logits, target).item(), within(1e-12));
        Tensor p = logits.sigmoid(), t = Tensor.rand(gen, DType.FLOAT64, 6, 4);
        assertThat(new BCELoss().forward(p, t).item()).isCloseTo(new BCEWithLogitsLoss().forward(logits, t).item(), within(1e-10));
        assertThat(new HuberLoss(Reduction.MEAN, 1.0).forward(logits, p).item()).isCloseTo(new SmoothL1Loss().forward(logits, p).item(), within(1e-12));
        assertThat(new L1Loss(Reduction.SUM).forward(logits, p).item()).isCloseTo(logits.sub(p).abs().sum().item(), within(1e-12));
        assertThat(new KLDivLoss(Reduction.BATCHMEAN, false).forward(logits.logSoftmax(1), logits.softmax(1)).item()).isCloseTo(0, within(1e-12));
    }

    @Test
    void activationModulesApplyTheirFunctionalForm() {
        Tensor x = Tensor.randn(gen, DType.FLOAT64, 50);
        Map<Module, Tensor> expected = Map.of(new ELU(0.5), F.elu(x, 0.5), new Softplus(2, 10), F.softplus(x, 2, 10), new Hardtanh(-0.5, 0.5),
                F.hardtanh(x, -0.5, 0.5), new ReLU6(), F.relu6(x), new SELU(), F.selu(x), new Mish(), F.mish(x), new Hardswish(), F.hardswish(x),
                new LogSigmoid(), F.logsigmoid(x), new Softsign(), F.softsign(x), new LeakyReLU(0.3), F.leakyRelu(x, 0.3));
        expected.forEach((m, y) -> assertThat(m.forward(x).equal(y)).as(m.toString()).isTrue());
        assertThat(new Softplus().toString()).isEqualTo("Softplus(beta=1, threshold=20)");
        assertThat(new Hardtanh().toString()).isEqualTo("Hardtanh(min_val=-1.0, max_val=1.0)");
        assertThat(new ELU().toString()).isEqualTo("ELU(alpha=1.0)");
        assertThat(new Softmax(1).forward(x.reshape(5, 10)).sum(1, false).allclose(Tensor.ones(DType.FLOAT64, 5), 1e-12, 1e-12)).isTrue();
    }

    @Test
    void aWholeNetworkTrainsEndToEnd() {
        Tensor.manualSeed(4);
        Sequential net = new Sequential(new Conv2d(1, 4, new int[] {3}, ConvOptions.defaults().padding(1)), new BatchNorm2d(4), new ReLU(),
                new MaxPool2d(2), new Flatten(), new Linear(4 * 4 * 4, 3));
        Tensor x = Tensor.randn(gen, 6, 1, 8, 8), y = Tensor.of(new long[] {0, 1, 2, 0, 1, 2});
        CrossEntropyLoss loss = new CrossEntropyLoss();
        double first = 0, last = 0;
        for (int step = 0; step < 30; step++) {
            net.zeroGrad();
            Tensor l = loss.forward(net.forward(x), y);
            l.backward();
            try (Autograd.Scope ignored = Autograd.noGrad()) {
                for (Tensor p : net.parameters()) p.sub_(p.grad().mul(0.1));
            }
            if (step == 0) first = l.item();
            last = l.item();
        }
        assertThat(last).isLessThan(first * 0.5);
    }
}
