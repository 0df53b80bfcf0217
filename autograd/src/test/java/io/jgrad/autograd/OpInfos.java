package io.jgrad.autograd;

import static io.jgrad.autograd.OpInfo.constant;
import static io.jgrad.autograd.OpInfo.in;
import static io.jgrad.autograd.OpInfo.op;
import static io.jgrad.autograd.OpInfo.viewed;

import io.jgrad.autograd.OpInfo.Domain;
import io.jgrad.core.DType;
import io.jgrad.core.Tensor;
import io.jgrad.core.ops.Elementwise;
import io.jgrad.core.ops.Indexing;
import io.jgrad.core.ops.Linalg;
import io.jgrad.core.ops.Op;
import io.jgrad.core.ops.Shaping;
import java.util.List;

/** The op table: every differentiable core op with sample inputs. */
final class OpInfos {
    private OpInfos() {}

    static Tensor idx(long... v) {
        return Tensor.of(v);
    }

    static Tensor unary(Op op, Tensor x, double p1, double p2) {
        return Elementwise.unary(op, x, p1, p2);
    }

    static final List<OpInfo> ALL = List.of(
            // unary
            op("neg", a -> a.get(0).neg(), in(2, 3)),
            op("abs", a -> a.get(0).abs(), in(Domain.NONZERO, 2, 3)),
            op("exp", a -> a.get(0).exp(), viewed(t -> t.t(), 3, 2)),
            op("log", a -> a.get(0).log(), in(Domain.POSITIVE, 2, 3)),
            op("sqrt", a -> a.get(0).sqrt(), in(Domain.POSITIVE, 5)),
            op("rsqrt", a -> a.get(0).rsqrt(), in(Domain.POSITIVE, 5)),
            op("sin", a -> a.get(0).sin(), in(4)),
            op("cos", a -> a.get(0).cos(), in(4)),
            op("tan", a -> a.get(0).tan(), in(Domain.SMALL, 4)),
            op("atan", a -> a.get(0).atan(), in(4)),
            op("tanh", a -> a.get(0).tanh(), in(2, 3)),
            op("sigmoid", a -> a.get(0).sigmoid(), in(2, 3)),
            op("relu", a -> a.get(0).relu(), in(Domain.NONZERO, 2, 3)),
            op("square", a -> a.get(0).square(), in(2, 3)),
            op("reciprocal", a -> a.get(0).reciprocal(), in(Domain.POSITIVE, 4)),
            op("log1p", a -> a.get(0).log1p(), in(Domain.POSITIVE, 4)),
            op("expm1", a -> a.get(0).expm1(), in(4)),
            op("erf", a -> a.get(0).erf(), in(4)),
            op("pow_scalar", a -> a.get(0).pow(2.5), in(Domain.POSITIVE, 4)),
            op("pow_scalar_int", a -> a.get(0).pow(3), in(4)),
            op("clamp", a -> a.get(0).clamp(-0.1, 0.1), in(Domain.NONZERO, 6)),
            op("silu", a -> unary(Op.SILU, a.get(0), 0, 0), in(5)),
            op("mish", a -> unary(Op.MISH, a.get(0), 0, 0), in(5)),
            op("logsigmoid", a -> unary(Op.LOGSIGMOID, a.get(0), 0, 0), in(5)),
            op("softsign", a -> unary(Op.SOFTSIGN, a.get(0), 0, 0), in(Domain.NONZERO, 5)),
            op("hardswish", a -> unary(Op.HARDSWISH, a.get(0).mul(2), 0, 0), in(Domain.NONZERO, 5)),
            op("hardsigmoid", a -> unary(Op.HARDSIGMOID, a.get(0).mul(2), 0, 0), in(Domain.NONZERO, 5)),
            op("selu", a -> unary(Op.SELU, a.get(0), 0, 0), in(Domain.NONZERO, 5)),
            op("elu", a -> unary(Op.ELU, a.get(0), 1.5, 0), in(Domain.NONZERO, 5)),
            op("leaky_relu", a -> unary(Op.LEAKY_RELU, a.get(0), 0.1, 0), in(Domain.NONZERO, 5)),
            op("softplus", a -> unary(Op.SOFTPLUS, a.get(0), 2, 2), in(Domain.NONZERO, 5)),
            op("gelu", a -> unary(Op.GELU, a.get(0), 0, 0), in(5)),
            op("gelu_tanh", a -> unary(Op.GELU_TANH, a.get(0), 0, 0), in(5)),
            // binary, with broadcasting and strided operands
            op("add", a -> a.get(0).add(a.get(1)), in(2, 3), in(3)),
            op("add_alpha", a -> a.get(0).add(a.get(1), 0.5), viewed(t -> t.t(), 3, 2), in(2, 1)),
            op("sub", a -> a.get(0).sub(a.get(1)), in(2, 3), in(1, 3)),
            op("mul", a -> a.get(0).mul(a.get(1)), in(2, 3), viewed(t -> t.t(), 3, 2)),
            op("mul_scalar", a -> a.get(0).mul(2.5), in(4)),
            op("div", a -> a.get(0).div(a.get(1)), in(2, 3), in(Domain.POSITIVE, 3)),
            op("pow", a -> a.get(0).pow(a.get(1)), in(Domain.POSITIVE, 2, 3), in(2, 3)),
            op("maximum", a -> a.get(0).maximum(a.get(1)), in(2, 3), in(3)),
            op("minimum", a -> a.get(0).minimum(a.get(1)), in(2, 3), in(2, 1)),
            op("atan2", a -> a.get(0).atan2(a.get(1)), in(2, 3), in(Domain.POSITIVE, 2, 3)),
            op("where", a -> Tensor.where(a.get(0), a.get(1), a.get(2)),
                    constant(Tensor.of(new boolean[] {true, false, true}, 3)), in(2, 3), in(3)),
            op("masked_fill", a -> a.get(0).maskedFill(a.get(1), -1), in(2, 3), constant(Tensor.of(new boolean[] {false, true, false}, 3))),
            op("clone", a -> a.get(0).clone(), viewed(t -> t.t(), 3, 2)),
            op("contiguous", a -> a.get(0).contiguous(), viewed(t -> t.t(), 3, 2)),
            // views and shape ops
            op("reshape_copy", a -> a.get(0).reshape(6), viewed(t -> t.t(), 3, 2)),
            op("view", a -> a.get(0).view(3, 2), in(2, 3)),
            op("permute", a -> a.get(0).permute(2, 0, 1), in(2, 3, 2)),
            op("slice_step", a -> a.get(0).slice(1, 0, 5, 2), in(2, 5)),
            op("select", a -> a.get(0).select(1, -1), in(2, 3)),
            op("expand", a -> a.get(0).expand(2, 3, 2), in(3, 1)),
            op("unsqueeze_squeeze", a -> a.get(0).unsqueeze(1).squeeze(), in(2, 1, 3)),
            op("unflatten", a -> a.get(0).unflatten(1, 2, 3), in(2, 6)),
            op("movedim", a -> a.get(0).movedim(0, 2), in(2, 3, 2)),
            op("narrow", a -> a.get(0).narrow(0, 1, 2), in(4, 2)),
            op("cat", a -> Tensor.cat(List.of(a.get(0), a.get(1)), 1), in(2, 2), in(2, 3)),
            op("stack", a -> Tensor.stack(List.of(a.get(0), a.get(1)), 0), in(3), in(3)),
            op("flip", a -> a.get(0).flip(0, 1), in(2, 3)),
            op("roll", a -> a.get(0).roll(new int[] {1, -1}, new int[] {0, 1}), in(2, 3)),
            op("repeat", a -> a.get(0).repeat(2, 1, 2), in(2, 2)),
            op("tile", a -> a.get(0).tile(2), in(2, 2)),
            op("tril", a -> a.get(0).tril(), in(3, 3)),
            op("triu", a -> a.get(0).triu(1), in(3, 4)),
            op("pad_constant", a -> a.get(0).pad(new int[] {1, 2, -1, 0}, 0.5), in(3, 3)),
            op("pad_reflect", a -> a.get(0).pad(new int[] {2, 1}, Shaping.PadMode.REFLECT, 0), in(1, 2, 4)),
            op("pad_replicate", a -> a.get(0).pad(new int[] {1, 1, 1, 0}, Shaping.PadMode.REPLICATE, 0), in(1, 1, 2, 3)),
            op("pad_circular", a -> a.get(0).pad(new int[] {2, 1}, Shaping.PadMode.CIRCULAR, 0), in(1, 1, 3)),
            op("slice_scatter", a -> Shaping.sliceScatter(a.get(0), a.get(1), 1, 0, 4, 2), in(2, 4), in(2, 2)),
            // reductions
            op("sum_all", a -> a.get(0).sum(), viewed(t -> t.t(), 3, 2)),
            op("sum_dims", a -> a.get(0).sum(new int[] {0, 2}, false), in(2, 3, 2)),
            op("mean_keepdim", a -> a.get(0).mean(-1, true), in(2, 3)),
            op("prod", a -> a.get(0).prod(1, false), in(Domain.NONZERO, 2, 3)),
            op("prod_with_zero", a -> a.get(0).mul(Tensor.of(new double[] {1, 0, 1, 1, 1, 1}, 2, 3)).prod(1, true), in(2, 3)).noGradGrad(),
            op("amax", a -> a.get(0).amax(1, false), in(2, 4)),
            op("amin", a -> a.get(0).amin(new int[] {0, 1}, false), in(2, 3)),
            op("max_dim", a -> a.get(0).max(0, false).values(), in(3, 2)),
            op("min_dim_keepdim", a -> a.get(0).min(1, true).values(), in(2, 3)),
            op("var", a -> a.get(0).var(new int[] {1}, 1, false), in(2, 4)),
            op("std", a -> a.get(0).std(new int[] {0}, 0, true), in(3, 2)),
            op("logsumexp", a -> a.get(0).logsumexp(1, false), in(2, 3)),
            op("norm2", a -> a.get(0).norm(2, new int[] {1}, false), in(2, 3)),
            op("norm1", a -> a.get(0).norm(1), in(Domain.NONZERO, 4)),
            op("norm3", a -> a.get(0).norm(3, new int[] {0}, true), in(Domain.NONZERO, 3, 2)),
            op("norm_inf", a -> a.get(0).norm(Double.POSITIVE_INFINITY), in(5)),
            op("cumsum", a -> a.get(0).cumsum(1), in(2, 4)),
            op("cumprod", a -> a.get(0).cumprod(0), in(Domain.NONZERO, 4, 2)),
            op("softmax", a -> a.get(0).softmax(1), in(2, 4)),
            op("log_softmax", a -> a.get(0).logSoftmax(0), in(3, 2)),
            // indexing
            op("index_select", a -> a.get(0).indexSelect(0, idx(2, 0, 2)), in(3, 2)),
            op("gather", a -> a.get(0).gather(1, Tensor.of(new long[] {0, 2, 1, 1}, 2, 2)), in(2, 3)),
            op("scatter_add", a -> a.get(0).scatterAdd(1, Tensor.of(new long[] {0, 0, 2, 1}, 2, 2), a.get(1)), in(2, 3), in(2, 2)),
            op("index_add", a -> a.get(0).indexAdd(0, idx(1, 1), a.get(1)), in(3, 2), in(2, 2)),
            op("take_along_dim", a -> a.get(0).takeAlongDim(Tensor.of(new long[] {1, 0}, 1, 2), 1), in(3, 2)),
            op("index_tensor", a -> a.get(0).index(idx(-1, 0, 0)), in(3, 2)),
            op("masked_select", a -> a.get(0).maskedSelect(Tensor.of(new boolean[] {true, false, true, true, false, false}, 2, 3)), in(2, 3)),
            op("embedding", a -> Indexing.embedding(Tensor.of(new long[] {0, 2, 2, 1}, 2, 2), a.get(0), null), in(3, 2)),
            // linear algebra
            op("mm", a -> a.get(0).mm(a.get(1)), in(2, 3), viewed(t -> t.t(), 4, 3)),
            op("bmm", a -> a.get(0).bmm(a.get(1)), in(2, 2, 3), in(2, 3, 2)),
            op("matmul_vec_mat", a -> a.get(0).matmul(a.get(1)), in(3), in(3, 2)),
            op("matmul_batched_broadcast", a -> a.get(0).matmul(a.get(1)), in(2, 1, 2, 3), in(2, 3, 2)),
            op("dot", a -> a.get(0).dot(a.get(1)), in(4), in(4)),
            op("outer", a -> a.get(0).outer(a.get(1)), in(3), in(2)),
            op("linear", a -> Linalg.linear(a.get(0), a.get(1), a.get(2)), in(2, 3), in(4, 3), in(4)),
            op("linear_3d_strided_weight", a -> Linalg.linear(a.get(0), a.get(1), a.get(2)), in(2, 2, 3), viewed(t -> t.t(), 3, 4), in(4)),
            op("linear_no_bias_vector", a -> Linalg.linear(a.get(0), a.get(1), null), in(3), in(2, 3)),
            op("einsum_trace", a -> Tensor.einsum("ii->", a.get(0)), in(3, 3)),
            op("einsum_bij", a -> Tensor.einsum("bij,bjk->bik", a.get(0), a.get(1)), in(2, 2, 3), in(2, 3, 2)),
            op("to_dtype_roundtrip", a -> a.get(0).to(DType.FLOAT32).to(DType.FLOAT64).mul(0).add(a.get(0)), in(3)));
}
