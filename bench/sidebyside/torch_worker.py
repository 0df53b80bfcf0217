"""Runs the workload table in PyTorch under one thread configuration; prints one JSON line per workload.

Run by bench/compare in a fresh process per configuration, because the malloc tunables, the
OpenBLAS core type and the OpenMP wait policy only take effect at process start:
    /usr/bin/python3 -m sidebyside.torch_worker BUDGET TORCH_THREADS BLAS_THREADS SUITES QUICK REPS TARGET
"""
import json
import sys

import threadpoolctl
import torch
import torch.nn.functional as F
from torch import nn

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


def conv2d(p):
    """Conv2dBench.conv: forward under no_grad; backward = forward + conv.backward(fixed grad_out)
    into weight and bias, and into the input for c2 only (c1's input is the data), grads reset to
    None after each call as the Java side does."""
    (n, cin, h, w_), cout = workloads.CONV_LAYERS[p["layer"]]
    g = torch.Generator().manual_seed(0)
    x = torch.randn(n, cin, h, w_, generator=g)
    w = torch.randn(cout, cin, 3, 3, generator=g) * 0.1
    b = torch.zeros(cout)
    if p["pass"] == "forward":
        def forward():
            with torch.no_grad():
                return F.conv2d(x, w, b, padding=1)
        return forward, None
    w.requires_grad_(True)
    b.requires_grad_(True)
    x.requires_grad_(p["layer"] == "c2")
    grad_out = torch.randn(n, cout, h, w_, generator=g)

    def backward():
        F.conv2d(x, w, b, padding=1).backward(grad_out)
        wg = w.grad
        w.grad = b.grad = x.grad = None
        return wg

    return backward, None


def train(p):
    """TrainStepBench.step / lstmStep: zero_grad + forward + cross_entropy + backward + step on
    synthetic data. zero_grad() keeps PyTorch 1.13's default set_to_none=False, which is what
    jgrad's Optimizer.zeroGrad() does too (zero the grads in place)."""
    torch.manual_seed(0)
    batch = p["batch"]
    if p["model"] == "lstm":
        emb, lstm, head = nn.Embedding(65, 64), nn.LSTM(64, 256, batch_first=True), nn.Linear(256, 65)
        params = [*emb.parameters(), *lstm.parameters(), *head.parameters()]
        opt = torch.optim.Adam(params, lr=1e-3)
        x, y = torch.randint(0, 65, (batch, 64)), torch.randint(0, 65, (batch * 64,))
        forward = lambda: head(lstm(emb(x))[0]).reshape(-1, 65)
    elif p["model"] == "mlp":
        net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
        opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
        x, y = torch.randn(batch, 784), torch.randint(0, 10, (batch,))
        forward = lambda: net(x)
    else:
        net = nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                            nn.Flatten(), nn.Linear(3136, 128), nn.ReLU(), nn.Linear(128, 10))
        opt = torch.optim.Adam(net.parameters(), lr=1e-3)
        x, y = torch.randn(batch, 1, 28, 28), torch.randint(0, 10, (batch,))
        forward = lambda: net(x)

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(forward(), y)
        loss.backward()
        opt.step()
        return loss

    return step, None


BUILDERS = {"matmul": matmul, "elementwise": elementwise, "overhead": overhead, "conv2d": conv2d, "train": train}


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
