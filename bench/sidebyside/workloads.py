"""The workload table both sides run. One row = one JMH benchmark + params = one PyTorch callable.

Names and params mirror io.jgrad.bench (MatmulBench, ElementwiseBench, OverheadBench, Conv2dBench,
TrainStepBench). To add a suite: add its JMH class, a `<suite>_workloads()` generator here and its
PyTorch builder in torch_worker.BUILDERS.
"""
from dataclasses import dataclass, field

MATMUL_N = (64, 128, 256, 512, 1024, 2048)
MATMUL_DTYPES = ("float32", "float64")
ELEMENTWISE_OPS = ("add", "mul", "exp", "tanh", "relu", "sigmoid", "sum")
ELEMENTWISE_SIZES = (1000, 100000, 10000000)
OVERHEAD_OPS = ("add", "relu", "mulSumBackward")
# Conv2dBench's layers (the fashion-cnn's two convolutions, k3 p1 s1): input shape (N,Cin,H,W), Cout.
CONV_LAYERS = {"c1": ((64, 1, 28, 28), 32), "c2": ((64, 32, 14, 14), 64)}
CONV_PASSES = ("forward", "backward")
# TrainStepBench's (model, batch) rows; lstm runs in its own JMH method at batch 32. jmh.run gives
# JMH every value of each param at once, so a method's rows (here and in QUICK) must be the full
# model x batch product.
TRAIN_MODELS = (("mlp", 64), ("mlp", 256), ("cnn", 64), ("cnn", 256), ("lstm", 32))

# The --quick subset: enough to see each kernel family move during development.
QUICK = {
    "matmul": dict(n=(256, 1024), dtype=("float32",)),
    "elementwise": dict(op=("add", "exp", "sum"), size=(100000, 10000000)),
    "overhead": dict(op=OVERHEAD_OPS),
    "conv2d": {"layer": ("c2",), "pass": CONV_PASSES},
    "train": dict(models=(("mlp", 64),)),
}

# Bytes moved per element (reads + writes of the op itself), for GB/s.
ELEMENTWISE_BYTES = {"add": 12, "mul": 12, "sum": 4}


@dataclass(frozen=True)
class Workload:
    suite: str
    params: tuple          # ((name, value), ...) without threads, in display order
    threads: int
    jmh_method: str        # e.g. "io.jgrad.bench.MatmulBench.matmul"
    flops: float = 0.0     # per call, 0 if not meaningful
    bytes: float = 0.0     # per call, 0 if not meaningful
    samples: int = 0       # training samples per call, 0 if not a training step
    jmh_params: tuple = field(default=())  # JMH -p values (name, value) this row needs

    @property
    def p(self):
        return dict(self.params)

    @property
    def key(self):
        """Identity shared by both sides' results."""
        return (self.suite,) + tuple(str(v) for _, v in self.params) + (self.threads,)

    @property
    def label(self):
        p = self.p
        if self.suite == "matmul":
            return f"matmul {p['dtype']} n={p['n']}"
        if self.suite == "elementwise":
            return f"{p['op']} {p['size']:.0e}".replace("e+0", "e")
        if self.suite == "conv2d":
            (_, cin, h, wd), cout = CONV_LAYERS[p["layer"]]
            return f"conv2d {p['layer']} {cin}->{cout} {h}x{wd} {p['pass']}"
        if self.suite == "train":
            return f"train step {p['model']} b={p['batch']}"
        return f"overhead {p['op']} (4,)"


def matmul_workloads(threads, quick):
    sel = QUICK["matmul"] if quick else dict(n=MATMUL_N, dtype=MATMUL_DTYPES)
    for dtype in sel["dtype"]:
        for n in sel["n"]:
            for t in threads:
                yield Workload("matmul", (("dtype", dtype), ("n", n)), t, "io.jgrad.bench.MatmulBench.matmul",
                               flops=2.0 * n ** 3, jmh_params=(("n", n), ("dtype", dtype)))


def elementwise_workloads(threads, quick):
    sel = QUICK["elementwise"] if quick else dict(op=ELEMENTWISE_OPS, size=ELEMENTWISE_SIZES)
    for op in sel["op"]:
        for size in sel["size"]:
            for t in threads:
                yield Workload("elementwise", (("op", op), ("size", size)), t, "io.jgrad.bench.ElementwiseBench.run",
                               bytes=ELEMENTWISE_BYTES.get(op, 8) * size, jmh_params=(("op", op), ("size", size)))


def overhead_workloads(threads, quick):
    for op in (QUICK["overhead"]["op"] if quick else OVERHEAD_OPS):
        for t in threads:
            yield Workload("overhead", (("op", op),), t, f"io.jgrad.bench.OverheadBench.{op}")


def conv_flops(layer, pass_):
    """Forward: 2*N*Cout*Hout*Wout*Cin*kh*kw (k3 p1 s1 keeps H and W). Backward adds the gradients
    Conv2dBench computes, each as many flops as the forward: weight always, input for c2 only
    (c1's input is the data); the bias gradient is a reduction and not counted."""
    (n, cin, h, w), cout = CONV_LAYERS[layer]
    forward = 2.0 * n * cout * h * w * cin * 3 * 3
    return forward if pass_ == "forward" else forward * (3 if layer == "c2" else 2)


def conv2d_workloads(threads, quick):
    sel = QUICK["conv2d"] if quick else {"layer": tuple(CONV_LAYERS), "pass": CONV_PASSES}
    for layer in sel["layer"]:
        for pass_ in sel["pass"]:
            for t in threads:
                yield Workload("conv2d", (("layer", layer), ("pass", pass_)), t, "io.jgrad.bench.Conv2dBench.conv",
                               flops=conv_flops(layer, pass_), jmh_params=(("layer", layer), ("pass", pass_)))


def train_workloads(threads, quick):
    for model, batch in (QUICK["train"]["models"] if quick else TRAIN_MODELS):
        method = "lstmStep" if model == "lstm" else "step"
        for t in threads:
            yield Workload("train", (("model", model), ("batch", batch)), t, f"io.jgrad.bench.TrainStepBench.{method}",
                           samples=batch, jmh_params=(("model", model), ("batch", batch)))


SUITES = {"matmul": matmul_workloads, "elementwise": elementwise_workloads, "overhead": overhead_workloads,
          "conv2d": conv2d_workloads, "train": train_workloads}


def select(suites, threads, quick):
    out = []
    for s in suites:
        if s not in SUITES:
            raise SystemExit(f"compare: unknown suite '{s}' (known: {', '.join(SUITES)})")
        out.extend(SUITES[s](threads, quick))
    return out
