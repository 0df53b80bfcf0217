package io.jgrad.autograd;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.core.DType;
import io.jgrad.core.Generator;
import io.jgrad.core.Tensor;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every in-place op gives the same values and the same gradients as its out-of-place twin, when
 * applied to a non-leaf (so the in-place history rewrite is exercised) and to a strided view.
 */
class InPlaceAgreementTest {
    record Variant(String name, BiFunction<Tensor, Tensor, Tensor> outOfPlace, BiFunction<Tensor, Tensor, Tensor> inPlace) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Tensor MASK = Tensor.of(new boolean[] {true, false, false, true, true, false}, 2, 3);

    static Stream<Variant> variants() {
        return Stream.of(
                new Variant("add_", (x, y) -> x.add(y), (x, y) -> x.add_(y)),
                new Variant("add_alpha", (x, y) -> x.add(y, -2), (x, y) -> x.add_(y, -2)),
                new Variant("sub_", (x, y) -> x.sub(y), (x, y) -> x.sub_(y)),
                new Variant("mul_", (x, y) -> x.mul(y), (x, y) -> x.mul_(y)),
                new Variant("div_", (x, y) -> x.div(y.abs().add(1)), (x, y) -> x.div_(y.abs().add(1))),
                new Variant("mul_scalar", (x, y) -> x.mul(3), (x, y) -> x.mul_(3)),
                new Variant("clamp_", (x, y) -> x.clamp(-0.5, 0.5), (x, y) -> x.clamp_(-0.5, 0.5)),
                new Variant("relu_", (x, y) -> x.relu(), (x, y) -> x.relu_()),
                new Variant("masked_fill_", (x, y) -> x.maskedFill(MASK, 2), (x, y) -> x.maskedFill_(MASK, 2)),
                new Variant("copy_", (x, y) -> y.mul(1), (x, y) -> x.copy_(y)),
                new Variant("zero_", (x, y) -> x.sub(x), (x, y) -> x.zero_()));
    }

    @ParameterizedTest
    @MethodSource("variants")
    void sameValuesAndGradients(Variant v) {
        for (boolean strided : new boolean[] {false, true}) {
            Result a = run(v.outOfPlace(), strided), b = run(v.inPlace(), strided);
            assertThat(b.value).as(v + " values, strided=" + strided).containsExactly(a.value);
            assertThat(b.gx).as(v + " grad x, strided=" + strided).containsExactly(a.gx);
            assertThat(b.gy).as(v + " grad y, strided=" + strided).containsExactly(a.gy);
        }
    }

    record Result(double[] value, double[] gx, double[] gy) {}

    static Result run(BiFunction<Tensor, Tensor, Tensor> op, boolean strided) {
        Generator gen = new Generator(11);
        Tensor a = Tensor.randn(gen, DType.FLOAT64, strided ? new int[] {3, 2} : new int[] {2, 3}).requiresGrad_(true);
        Tensor y = Tensor.randn(gen, DType.FLOAT64, 2, 3).requiresGrad_(true);
        Tensor x = a.mul(1.5);                       // a non-leaf, so in-place is allowed
        if (strided) x = x.t();                      // and a strided view of it
        Tensor out = op.apply(x, y);
        Tensor w = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        out.mul(w).sum().backward();
        double[] gy = y.grad() == null ? new double[6] : y.grad().toDoubleArray();
        // A leaf whose values were all overwritten may get no gradient at all, which means zero.
        double[] gx = a.grad() == null ? new double[6] : a.grad().toDoubleArray();
        return new Result(out.detach().contiguous().toDoubleArray(), gx, gy);
    }
}
