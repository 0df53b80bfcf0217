package io.jgrad.conformance;

import io.jgrad.core.Tensor;
import io.jgrad.core.ops.Indexing;
import io.jgrad.core.ops.Linalg;
import io.jgrad.core.ops.Shaping;
import io.jgrad.nn.F;
import io.jgrad.nn.Reduction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How each golden op id is called in jgrad: one line per op, with PyTorch's defaults. An op
 * missing here is reported as unsupported. Results are a Tensor, a List of Tensors, or
 * Tensor.ValuesIndices (max_dim/min_dim).
 */
final class OpTable {
    private OpTable() {}

    static final Map<String, Function<Args, Object>> OPS = new HashMap<>();

    private static void op(String name, Function<Args, Object> fn) {
        OPS.put(name, fn);
    }

    static {
        // elementwise_unary
        op("neg", a -> a.in(0).neg());
        op("abs", a -> a.in(0).abs());
        op("exp", a -> a.in(0).exp());
        op("log", a -> a.in(0).log());
        op("sqrt", a -> a.in(0).sqrt());
        op("rsqrt", a -> a.in(0).rsqrt());
        op("sin", a -> a.in(0).sin());
        op("cos", a -> a.in(0).cos());
        op("tanh", a -> a.in(0).tanh());
        op("sigmoid", a -> a.in(0).sigmoid());
        op("relu", a -> a.in(0).relu());
        op("square", a -> a.in(0).square());
        op("reciprocal", a -> a.in(0).reciprocal());
        op("log1p", a -> a.in(0).log1p());
        op("expm1", a -> a.in(0).expm1());
        op("erf", a -> a.in(0).erf());
        op("sign", a -> a.in(0).sign());
        op("floor", a -> a.in(0).floor());
        op("pow_scalar", a -> a.in(0).pow(a.dbl("exponent", 1)));
        op("clamp", a -> a.in(0).clamp(a.dblOrNull("min"), a.dblOrNull("max")));

        // elementwise_binary
        op("add", a -> a.in(0).add(a.in(1), a.dbl("alpha", 1)));
        op("sub", a -> a.in(0).sub(a.in(1), a.dbl("alpha", 1)));
        op("mul", a -> a.in(0).mul(a.in(1)));
        op("div", a -> a.in(0).div(a.in(1)));
        op("pow", a -> a.in(0).pow(a.in(1)));
        op("maximum", a -> a.in(0).maximum(a.in(1)));
        op("minimum", a -> a.in(0).minimum(a.in(1)));
        op("atan2", a -> a.in(0).atan2(a.in(1)));
        op("where", a -> Tensor.where(a.in(0), a.in(1), a.in(2)));
        op("eq", a -> a.in(0).eq(a.in(1)));
        op("lt", a -> a.in(0).lt(a.in(1)));
        op("gt", a -> a.in(0).gt(a.in(1)));

        // reductions
        op("sum", a -> a.has("dim") ? a.in(0).sum(a.ints("dim"), a.bool("keepdim", false)) : a.in(0).sum());
        op("mean", a -> a.has("dim") ? a.in(0).mean(a.ints("dim"), a.bool("keepdim", false)) : a.in(0).mean());
        op("prod", a -> a.has("dim") ? a.in(0).prod(a.integer("dim"), a.bool("keepdim", false)) : a.in(0).prod());
        op("amax", a -> a.has("dim") ? a.in(0).amax(a.ints("dim"), a.bool("keepdim", false)) : a.in(0).amax());
        op("amin", a -> a.has("dim") ? a.in(0).amin(a.ints("dim"), a.bool("keepdim", false)) : a.in(0).amin());
        op("max_dim", a -> a.in(0).max(a.integer("dim"), a.bool("keepdim", false)));
        op("min_dim", a -> a.in(0).min(a.integer("dim"), a.bool("keepdim", false)));
        op("argmax", a -> a.has("dim") ? a.in(0).argmax(a.integer("dim"), a.bool("keepdim", false)) : a.in(0).argmax());
        op("var", a -> a.in(0).var(a.ints("dim"), correction(a), a.bool("keepdim", false)));
        op("std", a -> a.in(0).std(a.ints("dim"), correction(a), a.bool("keepdim", false)));
        op("logsumexp", a -> a.in(0).logsumexp(a.ints("dim"), a.bool("keepdim", false)));
        op("norm", a -> a.in(0).norm(a.dbl("p", 2), a.ints("dim"), a.bool("keepdim", false)));
        op("cumsum", a -> a.in(0).cumsum(a.integer("dim")));

        // shape_views
        op("reshape", a -> a.in(0).reshape(a.ints("shape")));
        op("transpose", a -> a.in(0).transpose(a.integer("dim0"), a.integer("dim1")));
        op("permute", a -> a.in(0).permute(a.ints("dims")));
        op("unsqueeze", a -> a.in(0).unsqueeze(a.integer("dim")));
        op("squeeze", a -> a.has("dim") ? a.in(0).squeeze(a.integer("dim")) : a.in(0).squeeze());
        op("flatten", a -> a.in(0).flatten(a.integer("start_dim", 0), a.integer("end_dim", -1)));
        op("expand", a -> a.in(0).expand(a.ints("size")));
        op("contiguous", a -> a.in(0).contiguous());
        op("cat", a -> Tensor.cat(a.inputs(), a.integer("dim", 0)));
        op("stack", a -> Tensor.stack(a.inputs(), a.integer("dim", 0)));
        op("split", a -> a.raw("split_size_or_sections").isArray()
                ? a.in(0).split(a.ints("split_size_or_sections"), a.integer("dim", 0))
                : a.in(0).split(a.integer("split_size_or_sections"), a.integer("dim", 0)));
        op("chunk", a -> a.in(0).chunk(a.integer("chunks"), a.integer("dim", 0)));
        op("narrow", a -> a.in(0).narrow(a.integer("dim"), a.integer("start"), a.integer("length")));
        op("movedim", a -> a.in(0).movedim(a.ints("source"), a.ints("destination")));
        op("repeat", a -> a.in(0).repeat(a.ints("repeats")));
        op("tile", a -> a.in(0).tile(a.ints("dims")));
        op("flip", a -> a.in(0).flip(a.ints("dims")));
        op("roll", a -> a.in(0).roll(a.ints("shifts"), a.ints("dims")));
        op("tril", a -> a.in(0).tril(a.integer("diagonal", 0)));
        op("triu", a -> a.in(0).triu(a.integer("diagonal", 0)));
        op("pad", a -> a.in(0).pad(a.ints("pad"), Shaping.PadMode.of(a.str("mode", "constant")), a.dbl("value", 0)));

        // indexing
        op("index_select", a -> a.in(0).indexSelect(a.integer("dim"), a.in(1)));
        op("gather", a -> a.in(0).gather(a.integer("dim"), a.in(1)));
        op("scatter_add", a -> a.in(0).scatterAdd(a.integer("dim"), a.in(1), a.in(2)));
        op("masked_fill", a -> a.in(0).maskedFill(a.in(1), a.dbl("value", 0)));
        op("take_along_dim", a -> a.in(0).takeAlongDim(a.in(1), a.integer("dim")));
        op("embedding", a -> Indexing.embedding(a.in(0), a.in(1), a.intOrNull("padding_idx")));
        op("one_hot", a -> Indexing.oneHot(a.in(0), a.integer("num_classes", -1)));
        op("index_tensor", a -> a.in(0).index(a.in(1)));

        // linalg
        op("matmul", a -> a.in(0).matmul(a.in(1)));
        op("mm", a -> a.in(0).mm(a.in(1)));
        op("bmm", a -> a.in(0).bmm(a.in(1)));
        op("linear", a -> Linalg.linear(a.in(0), a.in(1), a.count() > 2 ? a.in(2) : null));
        op("outer", a -> a.in(0).outer(a.in(1)));
        op("einsum", a -> Tensor.einsum(a.str("equation", ""), a.inputs().toArray(new Tensor[0])));
    }

    static {
        // composite: small graphs reusing tensors (FORMAT.md section 3, composite)
        op("c1", a -> {
            Tensor x = a.in(0), w = a.in(1), b = a.in(2);
            return x.matmul(w).add(b).tanh().mul(x.sum(-1, true)).mean();
        });
        op("c2", a -> attention(a.in(0), a.in(1), a.in(2), false));
        op("c3", a -> attention(a.in(0), a.in(1), a.in(2), true));
        op("c4", a -> a.in(0).logSoftmax(-1).mul(a.in(0).exp()).sum(-1).sum());
        op("c5", a -> {
            Tensor z = a.in(0).mul(a.in(1));
            return z.mul(z).add(z).sum(0);
        });
    }

    static {
        // activations
        op("silu", a -> F.silu(a.in(0)));
        op("mish", a -> F.mish(a.in(0)));
        op("logsigmoid", a -> F.logsigmoid(a.in(0)));
        op("softsign", a -> F.softsign(a.in(0)));
        op("hardswish", a -> F.hardswish(a.in(0)));
        op("relu6", a -> F.relu6(a.in(0)));
        op("selu", a -> F.selu(a.in(0)));
        op("gelu", a -> F.gelu(a.in(0), a.str("approximate", "none")));
        op("leaky_relu", a -> F.leakyRelu(a.in(0), a.dbl("negative_slope", 0.01)));
        op("elu", a -> F.elu(a.in(0), a.dbl("alpha", 1)));
        op("softplus", a -> F.softplus(a.in(0), a.dbl("beta", 1), a.dbl("threshold", 20)));
        op("hardtanh", a -> F.hardtanh(a.in(0), a.dbl("min_val", -1), a.dbl("max_val", 1)));
        op("softmax", a -> F.softmax(a.in(0), a.integer("dim")));
        op("log_softmax", a -> F.logSoftmax(a.in(0), a.integer("dim")));

        // losses
        op("mse_loss", a -> F.mseLoss(a.in(0), a.in(1), reduction(a)));
        op("l1_loss", a -> F.l1Loss(a.in(0), a.in(1), reduction(a)));
        op("smooth_l1_loss", a -> F.smoothL1Loss(a.in(0), a.in(1), reduction(a), a.dbl("beta", 1)));
        op("huber_loss", a -> F.huberLoss(a.in(0), a.in(1), reduction(a), a.dbl("delta", 1)));
        op("cross_entropy", a -> F.crossEntropy(a.in(0), a.in(1), a.tkw("weight"), a.integer("ignore_index", -100), reduction(a),
                a.dbl("label_smoothing", 0)));
        op("nll_loss", a -> F.nllLoss(a.in(0), a.in(1), a.tkw("weight"), a.integer("ignore_index", -100), reduction(a)));
        op("binary_cross_entropy", a -> F.binaryCrossEntropy(a.in(0), a.in(1), a.tkw("weight"), reduction(a)));
        op("binary_cross_entropy_with_logits", a -> F.binaryCrossEntropyWithLogits(a.in(0), a.in(1), a.tkw("weight"), a.tkw("pos_weight"), reduction(a)));
        op("kl_div", a -> F.klDiv(a.in(0), a.in(1), reduction(a), a.bool("log_target", false)));
        op("cosine_similarity", a -> F.cosineSimilarity(a.in(0), a.in(1), a.integer("dim", 1), a.dbl("eps", 1e-8)));

        // conv_pool
        op("conv1d", a -> a.has("padding") && a.raw("padding").isTextual()
                ? F.conv1d(a.in(0), a.in(1), bias(a), a.ints("stride"), a.str("padding", ""), a.ints("dilation"), a.integer("groups", 1))
                : F.conv1d(a.in(0), a.in(1), bias(a), a.ints("stride"), a.ints("padding"), a.ints("dilation"), a.integer("groups", 1)));
        op("conv2d", a -> a.has("padding") && a.raw("padding").isTextual()
                ? F.conv2d(a.in(0), a.in(1), bias(a), a.ints("stride"), a.str("padding", ""), a.ints("dilation"), a.integer("groups", 1))
                : F.conv2d(a.in(0), a.in(1), bias(a), a.ints("stride"), a.ints("padding"), a.ints("dilation"), a.integer("groups", 1)));
        op("conv_transpose2d", a -> F.convTranspose2d(a.in(0), a.in(1), bias(a), a.ints("stride"), a.ints("padding"), a.ints("output_padding"),
                a.integer("groups", 1), a.ints("dilation")));
        op("max_pool1d", a -> F.maxPool1d(a.in(0), a.ints("kernel_size"), a.ints("stride"), a.ints("padding"), a.ints("dilation"), a.bool("ceil_mode", false)));
        op("max_pool2d", a -> F.maxPool2d(a.in(0), a.ints("kernel_size"), a.ints("stride"), a.ints("padding"), a.ints("dilation"), a.bool("ceil_mode", false)));
        op("avg_pool1d", a -> F.avgPool1d(a.in(0), a.ints("kernel_size"), a.ints("stride"), a.ints("padding"), a.bool("ceil_mode", false),
                a.bool("count_include_pad", true)));
        op("avg_pool2d", a -> F.avgPool2d(a.in(0), a.ints("kernel_size"), a.ints("stride"), a.ints("padding"), a.bool("ceil_mode", false),
                a.bool("count_include_pad", true)));
        op("adaptive_avg_pool2d", a -> F.adaptiveAvgPool2d(a.in(0), a.ints("output_size")));
        op("interpolate", a -> F.interpolate(a.in(0), a.ints("size"), doubles(a, "scale_factor"), a.str("mode", "nearest"),
                a.has("align_corners") ? a.bool("align_corners", false) : null));

        // normalization
        op("batch_norm", a -> F.batchNorm(a.in(0), a.tkw("running_mean"), a.tkw("running_var"), a.tkw("weight"), a.tkw("bias"),
                a.bool("training", false), a.dbl("momentum", 0.1), a.dbl("eps", 1e-5)));
        op("layer_norm", a -> F.layerNorm(a.in(0), a.ints("normalized_shape"), a.tkw("weight"), a.tkw("bias"), a.dbl("eps", 1e-5)));
        op("group_norm", a -> F.groupNorm(a.in(0), a.integer("num_groups"), a.tkw("weight"), a.tkw("bias"), a.dbl("eps", 1e-5)));
        op("normalize", a -> F.normalize(a.in(0), a.dbl("p", 2), a.integer("dim", 1), a.dbl("eps", 1e-12)));
    }

    private static Reduction reduction(Args a) {
        return Reduction.of(a.str("reduction", "mean"));
    }

    private static Tensor bias(Args a) {
        return a.count() > 2 ? a.in(2) : null;
    }

    /** A number or a list of numbers as an array; null if absent. */
    private static double[] doubles(Args a, String name) {
        if (!a.has(name)) return null;
        com.fasterxml.jackson.databind.JsonNode v = a.raw(name);
        if (!v.isArray()) return new double[] {Golden.number(v)};
        double[] r = new double[v.size()];
        for (int i = 0; i < r.length; i++) r[i] = Golden.number(v.get(i));
        return r;
    }

    private static Tensor attention(Tensor q, Tensor k, Tensor v, boolean causal) {
        Tensor s = q.matmul(k.transpose(-2, -1)).div(Math.sqrt(q.size(-1)));
        if (causal) {
            int l = q.size(-2);
            s = s.maskedFill(Tensor.ones(io.jgrad.core.DType.BOOL, l, l).triu(1), Double.NEGATIVE_INFINITY);
        }
        return s.softmax(-1).matmul(v);
    }

    private static int correction(Args a) {
        if (a.has("correction")) return a.integer("correction");
        return a.bool("unbiased", true) ? 1 : 0;
    }

    static List<String> names() {
        return OPS.keySet().stream().sorted().toList();
    }
}
