package io.jgrad.autograd;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.core.Tensor;
import io.jgrad.core.ops.Op;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Generic checks driven by the op table: gradcheck and gradgradcheck in float64 for every row. */
class OpInfoTest {
    static Stream<OpInfo> ops() {
        return OpInfos.ALL.stream();
    }

    static Stream<OpInfo> gradgradOps() {
        return OpInfos.ALL.stream().filter(OpInfo::gradgrad);
    }

    @ParameterizedTest
    @MethodSource("ops")
    void gradcheck(OpInfo op) {
        List<Tensor> inputs = op.sample(op.name().hashCode());
        Gradcheck.gradcheck(xs -> List.of(op.fn().apply(xs)), inputs).orThrow();
    }

    @ParameterizedTest
    @MethodSource("gradgradOps")
    void gradgradcheck(OpInfo op) {
        List<Tensor> inputs = op.sample(op.name().hashCode() + 1);
        Gradcheck.gradgradcheck(xs -> List.of(op.fn().apply(xs)), inputs).orThrow();
    }

    /** Ops that are deliberately not differentiable (bool/int results, or not yet implemented). */
    static final Set<Op> NO_RULE = EnumSet.of(Op.EQ, Op.NE, Op.LT, Op.LE, Op.GT, Op.GE, Op.LOGICAL_NOT, Op.LOGICAL_AND,
            Op.LOGICAL_OR, Op.LOGICAL_XOR, Op.ARGMAX, Op.ARGMIN, Op.ALL, Op.ANY, Op.AS_STRIDED,
            // nn primitives: their rules are added with the nn module's kernels
            Op.CONV, Op.CONV_TRANSPOSE, Op.MAX_POOL, Op.AVG_POOL, Op.ADAPTIVE_AVG_POOL, Op.INTERPOLATE,
            Op.BATCH_NORM, Op.LAYER_NORM, Op.GROUP_NORM, Op.DROPOUT);

    @Test
    void everyDifferentiableOpHasARule() {
        for (Op op : Op.values()) {
            if (NO_RULE.contains(op)) continue;
            assertThat(Derivatives.rule(op)).as("backward rule for " + op).isNotNull();
        }
    }
}
