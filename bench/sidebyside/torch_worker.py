"""Runs the workload table in PyTorch under one thread configuration; prints one JSON line per workload.

Run by bench/compare in a fresh process per configuration, because the malloc tunables, the
OpenBLAS core type and the OpenMP wait policy only take effect at process start:
    /usr/bin/python3 -m sidebyside.torch_worker BUDGET TORCH_THREADS BLAS_THREADS SUITES QUICK REPS TARGET
"""
import json
import sys

import threadpoolctl
import torch

from sidebyside import timing, workloads

DTYPES = {"float32": torch.float32, "float64": torch.float64}


def matmul(p):
    g = torch.Generator().manual_seed(0)
    a = torch.randn(p["n"], p["n"], generator=g, dtype=DTYPES[p["dtype"]])
    b = torch.randn(p["n"], p["n"], generator=g, dtype=DTYPES[p["dtype"]])
    return lambda: torch.matmul(a, b), None


def elementwise(p):
    g = torch.Generator().manual_seed(0)
    a, b = torch.randn(p["size"], generator=g), torch.randn(p["size"], generator=g)
    out = torch.empty(p["size"])
    fns = {"add": (lambda: a + b, lambda: torch.add(a, b, out=out)),
           "mul": (lambda: a * b, lambda: torch.mul(a, b, out=out)),
           "exp": (lambda: torch.exp(a), lambda: torch.exp(a, out=out)),
           "tanh": (lambda: torch.tanh(a), lambda: torch.tanh(a, out=out)),
           "relu": (lambda: torch.relu(a), lambda: torch.clamp_min(a, 0, out=out)),
           "sigmoid": (lambda: torch.sigmoid(a), lambda: torch.sigmoid(a, out=out)),
           "sum": (lambda: a.sum(), None)}
    alloc, out_variant = fns[p["op"]]
    # The out= variant (no allocation) is the bandwidth-bound reference for the largest size.
    return alloc, out_variant if p["size"] >= 10 ** 7 else None


def overhead(p):
    a, b = torch.randn(4), torch.randn(4)
    ga, gb = torch.randn(4, requires_grad=True), torch.randn(4, requires_grad=True)

    def mul_sum_backward():
        ga.grad = None
        gb.grad = None
        (ga * gb).sum().backward()

    return {"add": lambda: a + b, "relu": lambda: torch.relu(a), "mulSumBackward": mul_sum_backward}[p["op"]], None


BUILDERS = {"matmul": matmul, "elementwise": elementwise, "overhead": overhead}


def main(budget, torch_threads, blas_threads, suites, quick, reps, target):
    threadpoolctl.threadpool_limits(limits=blas_threads, user_api="blas")
    torch.set_num_threads(torch_threads)
    blas = [i for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    blas_desc = f"{blas[0]['internal_api']} {blas[0].get('version')} {blas[0].get('architecture')}" if blas else "none"
    for w in workloads.select(suites, (budget,), quick):
        fn, out_fn = BUILDERS[w.suite](w.p)
        big = w.flops > 5e9
        r = timing.measure(fn, reps=max(3, reps - 2) if big else reps, target=3 * target if big else target)
        rec = dict(key=list(w.key), torch_threads=torch_threads, blas_threads=blas_threads, blas=blas_desc, **r)
        if out_fn is not None:
            rec["out_median"] = timing.measure(out_fn, reps=reps, target=target)["median"]
        print(json.dumps(rec), flush=True)


if __name__ == "__main__":
    a = sys.argv[1:]
    main(int(a[0]), int(a[1]), int(a[2]), a[3].split(","), a[4] == "1", int(a[5]), float(a[6]))
