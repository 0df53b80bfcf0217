"""The workload table both sides run. One row = one JMH benchmark + params = one PyTorch callable.

Names and params mirror io.jgrad.bench (MatmulBench, ElementwiseBench, OverheadBench). To add a
suite (Conv2dBench, TrainStepBench): add its JMH class, a `<suite>_workloads()` generator here and
its PyTorch builder in torch_worker.BUILDERS.
"""
from dataclasses import dataclass, field

MATMUL_N = (64, 128, 256, 512, 1024, 2048)
MATMUL_DTYPES = ("float32", "float64")
ELEMENTWISE_OPS = ("add", "mul", "exp", "tanh", "relu", "sigmoid", "sum")
ELEMENTWISE_SIZES = (1000, 100000, 10000000)
OVERHEAD_OPS = ("add", "relu", "mulSumBackward")

# The --quick subset: enough to see each kernel family move during development.
QUICK = {
    "matmul": dict(n=(256, 1024), dtype=("float32",)),
    "elementwise": dict(op=("add", "exp", "sum"), size=(100000, 10000000)),
    "overhead": dict(op=OVERHEAD_OPS),
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


SUITES = {"matmul": matmul_workloads, "elementwise": elementwise_workloads, "overhead": overhead_workloads}


def select(suites, threads, quick):
    out = []
    for s in suites:
        if s not in SUITES:
            raise SystemExit(f"compare: unknown suite '{s}' (known: {', '.join(SUITES)})")
        out.extend(SUITES[s](threads, quick))
    return out
