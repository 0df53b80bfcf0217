package io.jgrad.autograd;

import static io.jgrad.core.ops.Op.*;

import io.jgrad.core.DType;
import io.jgrad.core.Shape;
import io.jgrad.core.Tensor;
import io.jgrad.core.ops.Convolution;
import io.jgrad.core.ops.Elementwise;
import io.jgrad.core.ops.Elementwise.Params;
import io.jgrad.core.ops.Indexing;
import io.jgrad.core.ops.Normalization;
import io.jgrad.core.ops.Op;
import io.jgrad.core.ops.Pooling;
import io.jgrad.core.ops.Reductions;
import io.jgrad.core.ops.Resampling;
import io.jgrad.core.ops.Shaping;
import io.jgrad.core.ops.Views;
import java.util.EnumMap;
import java.util.Map;

/**
 * Every backward rule, one entry per primitive op, in the spirit of PyTorch's derivatives.yaml:
 * what the rule saves from the forward pass and the formula giving each input's gradient from the
 * output's gradient {@code g}. Formulas use differentiable Tensor ops only, so gradients of
 * gradients work. Broadcast inputs get their gradient summed back to their shape by the engine,
 * so binary rules need not do it. A null entry in a formula's result means "no gradient".
 */
public final class Derivatives {
    private Derivatives() {}

    /** What a rule keeps from the forward pass. */
    public enum Saves {
        NOTHING(false, false), INPUTS(true, false), RESULT(false, true), BOTH(true, true);

        private final boolean inputs, result;

        Saves(boolean inputs, boolean result) {
            this.inputs = inputs;
            this.result = result;
        }

        public boolean inputs() { return inputs; }
        public boolean result() { return result; }
    }

    /** Gradients of the inputs, from the context. */
    @FunctionalInterface
    public interface Formula {
        Tensor[] apply(BackwardContext c);
    }

    /** A table entry. */
    public record Rule(Saves saves, Formula formula) {}

    private static final Map<Op, Rule> RULES = new EnumMap<>(Op.class);

    /** The rule for an op, or null if the op is not differentiable. */
    public static Rule rule(Op op) {
        return RULES.get(op);
    }

    /** Adds or replaces a rule (used by modules that add primitives, e.g. nn's convolution). */
    public static synchronized void define(Op op, Saves saves, Formula formula) {
        RULES.put(op, new Rule(saves, formula));
    }

    private static Tensor[] grads(Tensor... g) {
        return g;
    }

    private static final double SQRT_2_OVER_PI = 0.79788456080286535588, INV_SQRT_2 = 0.70710678118654752440;
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955125739, INV_SQRT_2PI = 0.39894228040143267794;
    private static final double SELU_ALPHA = 1.6732632423543772848170429916717, SELU_SCALE = 1.0507009873554804934193349852946;

    static {
        // ---------------------------------------------------------------- unary
        define(NEG, Saves.NOTHING, c -> grads(c.g().neg()));
        define(ABS, Saves.INPUTS, c -> grads(c.g().mul(c.in(0).sign())));
        define(SQUARE, Saves.INPUTS, c -> grads(c.g().mul(c.in(0)).mul(2)));
        define(RELU, Saves.RESULT, c -> grads(mask(c.out().detach().gt(0), c.g())));
        define(CLAMP, Saves.INPUTS, c -> {
            Params p = c.attrs();
            Tensor x = c.in(0).detach();
            return grads(mask(x.ge(p.p1()).logicalAnd(x.le(p.p2())), c.g()));
        });
        define(SIGN, Saves.INPUTS, c -> grads(Tensor.zerosLike(c.in(0))));
        define(FLOOR, Saves.INPUTS, c -> grads(Tensor.zerosLike(c.in(0))));
        define(CEIL, Saves.INPUTS, c -> grads(Tensor.zerosLike(c.in(0))));
        define(ROUND, Saves.INPUTS, c -> grads(Tensor.zerosLike(c.in(0))));
        define(TRUNC, Saves.INPUTS, c -> grads(Tensor.zerosLike(c.in(0))));
        define(EXP, Saves.RESULT, c -> grads(c.g().mul(c.out())));
        define(LOG, Saves.INPUTS, c -> grads(c.g().div(c.in(0))));
        define(SQRT, Saves.RESULT, c -> grads(c.g().div(c.out().mul(2))));
        define(RSQRT, Saves.RESULT, c -> grads(c.g().mul(c.out().pow(3)).mul(-0.5)));
        define(RECIPROCAL, Saves.RESULT, c -> grads(c.g().mul(c.out().square()).neg()));
        define(SIN, Saves.INPUTS, c -> grads(c.g().mul(c.in(0).cos())));
        define(COS, Saves.INPUTS, c -> grads(c.g().mul(c.in(0).sin()).neg()));
        define(TAN, Saves.RESULT, c -> grads(c.g().mul(c.out().square().add(1))));
        define(ATAN, Saves.INPUTS, c -> grads(c.g().div(c.in(0).square().add(1))));
        define(TANH, Saves.RESULT, c -> grads(c.g().mul(c.out().square().rsub(1))));
        define(SIGMOID, Saves.RESULT, c -> grads(c.g().mul(c.out()).mul(c.out().rsub(1))));
        define(LOG1P, Saves.INPUTS, c -> grads(c.g().div(c.in(0).add(1))));
        define(EXPM1, Saves.RESULT, c -> grads(c.g().mul(c.out().add(1))));
        define(ERF, Saves.INPUTS, c -> grads(c.g().mul(c.in(0).square().neg().exp()).mul(TWO_OVER_SQRT_PI)));
        define(POW_SCALAR, Saves.INPUTS, c -> {
            double p = c.<Params>attrs().p1();
            if (p == 0) return grads(Tensor.zerosLike(c.in(0)));
            return grads(c.g().mul(c.in(0).pow(p - 1)).mul(p));
        });
        define(SILU, Saves.INPUTS, c -> {
            Tensor x = c.in(0), s = x.sigmoid();
            return grads(c.g().mul(s.mul(x.mul(s.rsub(1)).add(1))));
        });
        define(MISH, Saves.INPUTS, c -> {
            Tensor x = c.in(0), t = Elementwise.unary(SOFTPLUS, x, 1, 20).tanh();
            return grads(c.g().mul(t.add(x.mul(t.square().rsub(1)).mul(x.sigmoid()))));
        });
        define(LOGSIGMOID, Saves.INPUTS, c -> grads(c.g().mul(c.in(0).neg().sigmoid())));
        define(SOFTSIGN, Saves.INPUTS, c -> grads(c.g().div(c.in(0).abs().add(1).square())));
        define(HARDSWISH, Saves.INPUTS, c -> {
            Tensor x = c.in(0), xd = x.detach();
            Tensor mid = c.g().mul(x.div(3).add(0.5));
            return grads(Tensor.where(xd.lt(-3), Tensor.zerosLike(mid), Tensor.where(xd.le(3), mid, c.g())));
        });
        define(HARDSIGMOID, Saves.INPUTS, c -> {
            Tensor x = c.in(0).detach();
            return grads(mask(x.gt(-3).logicalAnd(x.lt(3)), c.g().div(6)));
        });
        define(SELU, Saves.INPUTS, c -> {
            Tensor x = c.in(0);
            return grads(Tensor.where(x.detach().gt(0), c.g().mul(SELU_SCALE), c.g().mul(x.exp()).mul(SELU_SCALE * SELU_ALPHA)));
        });
        define(ELU, Saves.INPUTS, c -> {
            Tensor x = c.in(0);
            double alpha = c.<Params>attrs().p1();
            return grads(Tensor.where(x.detach().gt(0), c.g(), c.g().mul(x.exp()).mul(alpha)));
        });
        define(LEAKY_RELU, Saves.INPUTS, c -> {
            double slope = c.<Params>attrs().p1();
            return grads(Tensor.where(c.in(0).detach().gt(0), c.g(), c.g().mul(slope)));
        });
        define(SOFTPLUS, Saves.INPUTS, c -> {
            Params p = c.attrs();
            Tensor x = c.in(0);
            return grads(Tensor.where(x.detach().mul(p.p1()).gt(p.p2()), c.g(), c.g().mul(x.mul(p.p1()).sigmoid())));
        });
        define(GELU, Saves.INPUTS, c -> {
            Tensor x = c.in(0);
            Tensor cdf = x.mul(INV_SQRT_2).erf().add(1).mul(0.5);
            Tensor pdf = x.square().mul(-0.5).exp().mul(INV_SQRT_2PI);
            return grads(c.g().mul(cdf.add(x.mul(pdf))));
        });
        define(GELU_TANH, Saves.INPUTS, c -> {
            Tensor x = c.in(0);
            Tensor inner = x.add(x.pow(3).mul(0.044715)).mul(SQRT_2_OVER_PI);
            Tensor t = inner.tanh();
            Tensor dInner = x.square().mul(3 * 0.044715).add(1).mul(SQRT_2_OVER_PI);
            return grads(c.g().mul(t.add(1).mul(0.5).add(x.mul(0.5).mul(t.square().rsub(1)).mul(dInner))));
        });

        // ---------------------------------------------------------------- binary
        define(ADD, Saves.NOTHING, c -> grads(c.g(), c.g()));
        define(SUB, Saves.NOTHING, c -> grads(c.g(), c.needs(1) ? c.g().neg() : null));
        define(MUL, Saves.INPUTS, c -> grads(c.needs(0) ? c.g().mul(c.in(1)) : null, c.needs(1) ? c.g().mul(c.in(0)) : null));
        define(DIV, Saves.INPUTS, c -> {
            Tensor a = c.in(0), b = c.in(1);
            return grads(c.needs(0) ? c.g().div(b) : null, c.needs(1) ? c.g().mul(a).div(b.square()).neg() : null);
        });
        define(POW, Saves.BOTH, c -> {
            Tensor a = c.in(0), b = c.in(1);
            Tensor ga = null, gb = null;
            if (c.needs(0)) {
                Tensor raw = c.g().mul(b).mul(a.pow(b.sub(1)));
                // d/da a^b at b == 0 is 0, even where a^(b-1) is infinite.
                ga = Tensor.where(b.detach().eq(0), Tensor.zerosLike(raw), raw);
            }
            if (c.needs(1)) {
                Tensor raw = c.g().mul(c.out()).mul(a.log());
                // d/db a^b at a == 0 (b >= 0) is 0, not 0 * -inf.
                gb = Tensor.where(a.detach().eq(0).logicalAnd(b.detach().ge(0)), Tensor.zerosLike(raw), raw);
            }
            return grads(ga, gb);
        });
        define(MAXIMUM, Saves.INPUTS, c -> extremum(c, true));
        define(MINIMUM, Saves.INPUTS, c -> extremum(c, false));
        define(ATAN2, Saves.INPUTS, c -> {
            Tensor y = c.in(0), x = c.in(1), d = x.square().add(y.square());
            return grads(c.needs(0) ? c.g().mul(x).div(d) : null, c.needs(1) ? c.g().mul(y).div(d).neg() : null);
        });
        define(WHERE, Saves.INPUTS, c -> {
            Tensor cond = c.in(0), g = c.g(), zero = Tensor.scalar(0, g.dtype());
            return grads(null, c.needs(1) ? Tensor.where(cond, g, zero) : null, c.needs(2) ? Tensor.where(cond, zero, g) : null);
        });
        define(MASKED_FILL, Saves.INPUTS, c -> grads(c.g().maskedFill(c.in(1), 0), null));

        // ---------------------------------------------------------------- dtype, copies, views
        define(TO_DTYPE, Saves.NOTHING, c -> grads(c.g().to(c.<DType>attrs())));
        define(CLONE, Saves.NOTHING, c -> grads(c.g()));
        define(CONTIGUOUS, Saves.NOTHING, c -> grads(c.g()));
        define(VIEW, Saves.NOTHING, c -> grads(c.g().reshape(c.<int[]>attrs())));
        define(PERMUTE, Saves.NOTHING, c -> {
            int[] perm = c.attrs(), inv = new int[perm.length];
            for (int i = 0; i < perm.length; i++) inv[perm[i]] = i;
            return grads(c.g().permute(inv));
        });
        define(SLICE, Saves.NOTHING, c -> {
            Views.Slice s = c.attrs();
            return grads(Shaping.sliceScatter(Tensor.zeros(c.g().dtype(), s.inputShape()), c.g(), s.dim(), s.start(), s.end(), s.step()));
        });
        define(SELECT, Saves.NOTHING, c -> {
            Views.Select s = c.attrs();
            return grads(Shaping.sliceScatter(Tensor.zeros(c.g().dtype(), s.inputShape()), c.g().unsqueeze(s.dim()), s.dim(), s.index(), s.index() + 1, 1));
        });
        define(EXPAND, Saves.NOTHING, c -> grads(sumTo(c.g(), c.<int[]>attrs(), c.name())));
        define(CAT, Saves.NOTHING, c -> {
            Shaping.Cat a = c.attrs();
            Tensor[] out = new Tensor[a.sizes().length];
            int off = 0;
            for (int i = 0; i < out.length; i++) {
                if (c.needs(i)) out[i] = c.g().narrow(a.dim(), off, a.sizes()[i]);
                off += a.sizes()[i];
            }
            return out;
        });
        define(FLIP, Saves.NOTHING, c -> grads(c.g().flip(c.<int[]>attrs())));
        define(PAD, Saves.NOTHING, c -> {
            Shaping.Pad p = c.attrs();
            int[] neg = new int[p.pad().length];
            for (int i = 0; i < neg.length; i++) neg[i] = -p.pad()[i];
            return grads(c.g().pad(neg, 0));
        });
        define(SLICE_SCATTER, Saves.NOTHING, c -> {
            Views.Slice s = c.attrs();
            Tensor g = c.g();
            Tensor src = g.slice(s.dim(), s.start(), s.end(), s.step());
            return grads(c.needs(0) ? Shaping.sliceScatter(g, Tensor.zerosLike(src), s.dim(), s.start(), s.end(), s.step()) : null,
                    c.needs(1) ? src : null);
        });

        // ---------------------------------------------------------------- reductions
        define(SUM, Saves.NOTHING, c -> {
            Reductions.Dims d = c.attrs();
            return grads(expandBack(c.g(), c.shape(0), d.dims(), d.keepdim()));
        });
        define(MEAN, Saves.NOTHING, c -> {
            Reductions.Dims d = c.attrs();
            long n = 1;
            for (int i : d.dims()) n *= c.shape(0)[i];
            return grads(expandBack(c.g(), c.shape(0), d.dims(), d.keepdim()).div((double) n));
        });
        define(PROD, Saves.BOTH, c -> {
            Reductions.Dims d = c.attrs();
            Tensor x = c.in(0);
            Tensor g = expandBack(c.g(), c.shape(0), d.dims(), d.keepdim()), r = expandBack(c.out(), c.shape(0), d.dims(), d.keepdim());
            if (x.detach().eq(0).any().item() == 0) return grads(g.mul(r).div(x));
            return grads(g.mul(productOfOthers(x.detach(), d.dims())));
        });
        define(AMAX, Saves.BOTH, c -> grads(extremumReduction(c)));
        define(AMIN, Saves.BOTH, c -> grads(extremumReduction(c)));
        define(MAX_DIM, Saves.NOTHING, c -> grads(dimIndexBackward(c)));
        define(MIN_DIM, Saves.NOTHING, c -> grads(dimIndexBackward(c)));
        define(VAR, Saves.INPUTS, c -> {
            Reductions.Var v = c.attrs();
            Tensor x = c.in(0);
            long n = 1;
            for (int d : v.dims()) n *= c.shape(0)[d];
            Tensor centered = x.sub(x.sum(v.dims(), true).div((double) n));
            Tensor g = expandBack(c.g(), c.shape(0), v.dims(), v.keepdim());
            return grads(g.mul(centered).mul(2.0 / Math.max(0, n - v.correction())));
        });
        define(LOGSUMEXP, Saves.BOTH, c -> {
            Reductions.Dims d = c.attrs();
            Tensor r = expandBack(c.out(), c.shape(0), d.dims(), d.keepdim());
            return grads(expandBack(c.g(), c.shape(0), d.dims(), d.keepdim()).mul(c.in(0).sub(r).exp()));
        });
        define(NORM, Saves.BOTH, c -> {
            Reductions.Norm n = c.attrs();
            Tensor x = c.in(0);
            Tensor g = expandBack(c.g(), c.shape(0), n.dims(), n.keepdim()), r = expandBack(c.out(), c.shape(0), n.dims(), n.keepdim());
            Tensor gx;
            if (n.p() == 1) gx = g.mul(x.sign());
            else if (n.p() == 2) gx = g.mul(x).div(r);
            else if (n.p() == Double.POSITIVE_INFINITY) {
                Tensor hit = x.detach().abs().eq(r.detach()).to(x.dtype());
                gx = g.mul(x.sign()).mul(hit).div(hit.sum(n.dims(), true));
            } else gx = g.mul(x).mul(x.abs().pow(n.p() - 2)).div(r.pow(n.p() - 1));
            // A zero norm has a zero subgradient, not 0/0.
            return grads(n.p() == 1 ? gx : Tensor.where(r.detach().eq(0), Tensor.zerosLike(gx), gx));
        });
        define(CUMSUM, Saves.NOTHING, c -> {
            int d = c.<Reductions.Dim>attrs().dim();
            return grads(c.shape(0).length == 0 ? c.g() : c.g().flip(d).cumsum(d).flip(d));
        });
        define(CUMPROD, Saves.BOTH, c -> {
            int d = c.<Reductions.Dim>attrs().dim();
            if (c.shape(0).length == 0) return grads(c.g());
            return grads(c.g().mul(c.out()).flip(d).cumsum(d).flip(d).div(c.in(0)));
        });
        define(SOFTMAX, Saves.RESULT, c -> {
            int d = c.<Reductions.Dim>attrs().dim();
            Tensor y = c.out(), gy = c.g().mul(y);
            return grads(c.shape(0).length == 0 ? gy.mul(0) : gy.sub(y.mul(gy.sum(d, true))));
        });
        define(LOG_SOFTMAX, Saves.RESULT, c -> {
            int d = c.<Reductions.Dim>attrs().dim();
            Tensor g = c.g();
            return grads(c.shape(0).length == 0 ? g.mul(0) : g.sub(c.out().exp().mul(g.sum(d, true))));
        });

        // ---------------------------------------------------------------- indexing
        define(INDEX_SELECT, Saves.NOTHING, c -> {
            Indexing.DimIndex a = c.attrs();
            int[] shape = c.shape(0);
            if (shape.length == 0) return grads(c.g().sum());
            return grads(Tensor.zeros(c.g().dtype(), shape).indexAdd(a.dim(), a.index().reshape(-1), c.g()));
        });
        define(INDEX_ADD, Saves.NOTHING, c -> {
            Indexing.DimIndex a = c.attrs();
            return grads(c.needs(0) ? c.g() : null, c.needs(1) ? c.g().indexSelect(a.dim(), a.index()) : null);
        });
        define(GATHER, Saves.NOTHING, c -> {
            Indexing.DimIndex a = c.attrs();
            return grads(Tensor.zeros(c.g().dtype(), c.shape(0)).scatterAdd(a.dim(), a.index(), c.g()));
        });
        define(SCATTER_ADD, Saves.NOTHING, c -> {
            Indexing.DimIndex a = c.attrs();
            return grads(c.needs(0) ? c.g() : null, c.needs(1) ? c.g().gather(a.dim(), a.index()) : null);
        });
        define(EMBEDDING, Saves.NOTHING, c -> {
            Indexing.Embedding e = c.attrs();
            int dim = c.shape(0)[1];
            Tensor idx = e.indices().reshape(-1);
            Tensor g = c.g().reshape(-1, dim);
            if (e.paddingIdx() >= 0) g = g.maskedFill(idx.eq(e.paddingIdx()).unsqueeze(1), 0);
            return grads(Tensor.zeros(g.dtype(), e.numEmbeddings(), dim).indexAdd(0, idx, g));
        });

        // ---------------------------------------------------------------- linear algebra
        define(MATMUL, Saves.INPUTS, c -> grads(c.needs(0) ? c.g().mm(c.in(1).t()) : null, c.needs(1) ? c.in(0).t().mm(c.g()) : null));
        define(LINEAR, Saves.INPUTS, c -> grads(
                c.needs(0) ? c.g().mm(c.in(1)) : null,
                c.needs(1) ? c.g().t().mm(c.in(0)) : null,
                c.needs(2) ? c.g().sum(0) : null));
        define(BMM, Saves.INPUTS, c -> grads(c.needs(0) ? c.g().bmm(c.in(1).mT()) : null, c.needs(1) ? c.in(0).mT().bmm(c.g()) : null));
    }

    // ==================================================================== nn: convolution, pooling,
    // resampling, normalisation (primitives in core's Convolution, Pooling, Resampling, Normalization)
    static {
        // Convolution, its adjoint in the input (CONV_TRANSPOSE) and in the weight (CONV_WEIGHT_GRAD)
        // are bilinear; each one's gradient is one of the others, with the same geometry.
        define(CONV, Saves.INPUTS, c -> {
            Convolution.Geometry geo = c.attrs();
            Tensor g = c.g();
            return grads(c.needs(0) ? Convolution.correlateAdjoint(g, c.in(1), null, geo) : null,
                    c.needs(1) ? Convolution.weightGrad(c.in(0), g, geo) : null,
                    c.needs(2) ? channelSums(g) : null);
        });
        define(CONV_TRANSPOSE, Saves.INPUTS, c -> {
            Convolution.Geometry geo = c.attrs();
            Tensor g = c.g();
            return grads(c.needs(0) ? Convolution.correlate(g, c.in(1), null, geo) : null,
                    c.needs(1) ? Convolution.weightGrad(g, c.in(0), geo) : null,
                    c.needs(2) ? channelSums(g) : null);
        });
        define(CONV_WEIGHT_GRAD, Saves.INPUTS, c -> {
            Convolution.Geometry geo = c.attrs();
            Tensor g = c.g();
            return grads(c.needs(0) ? Convolution.correlateAdjoint(c.in(1), g, null, geo) : null,
                    c.needs(1) ? Convolution.correlate(c.in(0), g, null, geo) : null);
        });

        // Max pooling selects recorded elements; its gradient adds back into them, and vice versa.
        define(MAX_POOL, Saves.NOTHING, c -> grads(Pooling.scatterBack(c.g(), c.attrs())));
        define(MAX_POOL_BACKWARD, Saves.NOTHING, c -> grads(Pooling.select(c.g(), c.attrs())));

        // Average pooling and interpolation are linear maps along one dim: the gradient is the transpose.
        for (Op op : new Op[] {AVG_POOL, ADAPTIVE_AVG_POOL, INTERPOLATE})
            define(op, Saves.NOTHING, c -> grads(Resampling.along(c.g(), c.<Resampling.Along>attrs().transposed())));

        for (Op op : new Op[] {BATCH_NORM, GROUP_NORM, LAYER_NORM}) define(op, Saves.INPUTS, Derivatives::normalization);
    }

    /**
     * Inputs (x, weight, bias). Without a graph to build, the fused kernel computes the gradients
     * from the saved statistics; when the backward pass is itself differentiated, the same formula
     * runs as differentiable ops, with the statistics recomputed from x so their dependence on x
     * is part of the graph.
     */
    private static Tensor[] normalization(BackwardContext c) {
        Normalization.Norm a = c.attrs();
        Tensor x = c.in(0), w = a.hasWeight() ? c.in(1) : null;
        if (!GradMode.isEnabled()) return Normalization.backward(a, x, w, c.g(), c.needs(0), c.needs(1), c.needs(2));
        int[] shape = x.shape();
        int rank = shape.length;
        // view: each group's elements are the dims `reduced`; weightShape: how the weight broadcasts
        // against x; paramDims: the dims of x that the weight and bias gradients sum over.
        int[] view, reduced, weightShape, paramDims;
        if (a.op() == LAYER_NORM) {
            int k = a.normalizedShape().length, d = Shape.numel(a.normalizedShape());
            view = new int[] {x.numel() / Math.max(d, 1), d};
            reduced = new int[] {1};
            weightShape = a.normalizedShape();
            paramDims = range(0, rank - k);
        } else {
            weightShape = new int[rank];
            java.util.Arrays.fill(weightShape, 1);
            weightShape[1] = shape[1];
            paramDims = new int[rank - 1];
            paramDims[0] = 0;
            System.arraycopy(range(2, rank), 0, paramDims, 1, rank - 2);
            if (a.op() == BATCH_NORM) {
                view = shape;
                reduced = paramDims;
            } else {
                view = new int[] {shape[0], a.groups(), x.numel() / (shape[0] * a.groups())};
                reduced = new int[] {2};
            }
        }
        Tensor g = c.g(), xv = x.reshape(view);
        Tensor rstd = xv.var(reduced, 0, true).add(a.eps()).rsqrt();
        Tensor xhat = xv.sub(xv.mean(reduced, true)).mul(rstd);
        Tensor dx = null;
        if (c.needs(0)) {
            Tensor gw = (w == null ? g : g.mul(w.reshape(weightShape))).reshape(view);
            dx = gw.sub(gw.mean(reduced, true)).sub(xhat.mul(gw.mul(xhat).mean(reduced, true))).mul(rstd).reshape(shape);
        }
        return grads(dx, c.needs(1) ? sumOver(g.mul(xhat.reshape(shape)), paramDims) : null, c.needs(2) ? sumOver(g, paramDims) : null);
    }

    /** Sums (N, C, H, W) to (C): planes first (contiguous runs), then the batch. */
    private static Tensor channelSums(Tensor g) {
        return g.sum(new int[] {2, 3}, false).sum(0);
    }

    private static int[] range(int from, int to) {
        int[] r = new int[Math.max(0, to - from)];
        for (int i = 0; i < r.length; i++) r[i] = from + i;
        return r;
    }

    /** Sum over dims (none: the tensor itself). */
    private static Tensor sumOver(Tensor t, int[] dims) {
        return dims.length == 0 ? t : t.sum(dims, false);
    }

    // -------------------------------------------------------------------- helpers

    /** g where mask holds, 0 elsewhere. */
    static Tensor mask(Tensor mask, Tensor g) {
        return Tensor.where(mask, g, Tensor.scalar(0, g.dtype()));
    }

    /** Sums a broadcast gradient back to {@code shape}: over added leading dims and stretched size-1 dims. */
    public static Tensor sumTo(Tensor g, int[] shape, String who) {
        int lead = g.dim() - shape.length;
        if (lead < 0) {
            if (g.numel() == Shape.numel(shape)) return g.reshape(shape);
            throw new IllegalStateException(who + ": gradient of shape " + Shape.str(g.shape()) + " cannot be reduced to " + Shape.str(shape));
        }
        int[] dims = new int[g.dim()];
        int n = 0;
        for (int i = 0; i < g.dim(); i++) {
            if (i < lead || (shape[i - lead] == 1 && g.size(i) != 1)) dims[n++] = i;
            else if (shape[i - lead] != g.size(i))
                throw new IllegalStateException(who + ": gradient of shape " + Shape.str(g.shape()) + " does not broadcast to " + Shape.str(shape));
        }
        Tensor r = n == 0 ? g : g.sum(java.util.Arrays.copyOf(dims, n), true);
        return r.reshape(shape);
    }

    /** Undoes a reduction's shape change: re-inserts reduced dims (unless keepdim) and expands. */
    static Tensor expandBack(Tensor g, int[] inputShape, int[] dims, boolean keepdim) {
        Tensor r = g;
        if (!keepdim) for (int d : dims) r = r.unsqueeze(d);
        return r.expand(inputShape);
    }

    private static Tensor[] extremum(BackwardContext c, boolean max) {
        Tensor a = c.in(0).detach(), b = c.in(1).detach(), g = c.g();
        Tensor win = max ? a.gt(b) : a.lt(b), tie = a.eq(b);
        Tensor half = g.mul(0.5), zero = Tensor.scalar(0, g.dtype());
        Tensor ga = c.needs(0) ? Tensor.where(win, g, Tensor.where(tie, half, zero)) : null;
        Tensor gb = c.needs(1) ? Tensor.where(win.logicalOr(tie), Tensor.where(tie, half, zero), g) : null;
        return grads(ga, gb);
    }

    /** amax/amin: the gradient is shared evenly between the elements equal to the extremum. */
    private static Tensor extremumReduction(BackwardContext c) {
        Reductions.Dims d = c.attrs();
        Tensor x = c.in(0).detach();
        Tensor r = expandBack(c.out().detach(), c.shape(0), d.dims(), d.keepdim());
        Tensor hit = x.eq(r).to(c.g().dtype());
        Tensor count = hit.sum(d.dims(), true);
        return expandBack(c.g(), c.shape(0), d.dims(), d.keepdim()).mul(hit).div(count);
    }

    private static Tensor dimIndexBackward(BackwardContext c) {
        Reductions.DimIndices a = c.attrs();
        int[] shape = c.shape(0);
        if (shape.length == 0) return c.g();
        Tensor idx = a.keepdim() ? a.indices() : a.indices().unsqueeze(a.dim());
        Tensor g = a.keepdim() ? c.g() : c.g().unsqueeze(a.dim());
        return Tensor.zeros(c.g().dtype(), shape).scatterAdd(a.dim(), idx, g);
    }

    /** For each element, the product of the others in its reduction group (exact with zeros). */
    private static Tensor productOfOthers(Tensor x, int[] dims) {
        int[] shape = x.shape();
        // Move the reduced dims last and flatten them into one line.
        int rank = shape.length;
        boolean[] red = new boolean[rank];
        for (int d : dims) red[d] = true;
        int[] perm = new int[rank];
        int k = 0;
        for (int i = 0; i < rank; i++) if (!red[i]) perm[k++] = i;
        for (int d : dims) perm[k++] = d;
        int kept = rank - dims.length;
        Tensor p = rank == 0 ? x.reshape(1, 1) : x.permute(perm).contiguous();
        int[] pshape = p.shape();
        Tensor lines = p.reshape(-1, Math.max(1, Shape.numel(java.util.Arrays.copyOfRange(pshape, kept, pshape.length))));
        int n = lines.size(1);
        Tensor ones = Tensor.ones(lines.dtype(), lines.size(0), 1);
        Tensor left = Tensor.cat(java.util.List.of(ones, lines.narrow(1, 0, n - 1).cumprod(1)), 1);
        Tensor right = Tensor.cat(java.util.List.of(ones, lines.flip(1).narrow(1, 0, n - 1).cumprod(1)), 1).flip(1);
        Tensor others = left.mul(right).reshape(pshape);
        if (rank == 0) return others.reshape();
        int[] inv = new int[rank];
        for (int i = 0; i < rank; i++) inv[perm[i]] = i;
        return others.permute(inv);
    }
}
