"""Generates the PyTorch-written test fixtures in io/src/test/resources/torch.

Run with the Debian PyTorch 1.13 (the `python3` on PATH has no torch):
    /usr/bin/python3 io/src/test/python/make_fixtures.py
The outputs are committed; tests never run Python. Each fixture covers something the
pretrained files do not: views (offsets, strides, shared and expanded storages), pickle
protocol 4, a general (non-state_dict) checkpoint, and malicious pickles.
"""
import json
import os
from collections import OrderedDict

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "torch")


def values(t):
    return [float(v) for v in t.detach().reshape(-1).to(torch.float64).tolist()]


def describe(state):
    return {k: {"shape": list(v.shape), "stride": list(v.stride()), "offset": v.storage_offset(),
                "dtype": str(v.dtype).replace("torch.", ""), "values_as_float64": values(v)}
            for k, v in state.items()}


def views():
    base = torch.arange(24, dtype=torch.float32).reshape(4, 6) * 0.5 - 3
    half = torch.linspace(-2, 2, 12).to(torch.float16).reshape(3, 4)
    longs = torch.arange(-5, 7).reshape(3, 4)
    state = OrderedDict([
        ("transposed", base.t()),              # strides (1, 6)
        ("strided", base[1:, ::2]),            # offset 6, strides (6, 2)
        ("row", base[2]),                      # offset 12, shares base's storage
        ("base", base),
        ("expanded", torch.tensor([1.0, 2.0, 3.0]).expand(2, 3)),  # stride 0
        ("half_cols", half[:, 1:3]),           # F16 view with offset 1
        ("long_t", longs.t()),
        ("scalar_view", base[3, 5]),           # 0-d view at offset 23
    ])
    torch.save(state, os.path.join(OUT, "views.pt"))
    with open(os.path.join(OUT, "views.json"), "w") as f:
        json.dump(describe(state), f, indent=1)


def protocol4():
    state = OrderedDict([("w", torch.tensor([[1.5, -2.0], [0.25, 8.0]])), ("n", torch.tensor(7))])
    torch.save(state, os.path.join(OUT, "protocol4.pt"), pickle_protocol=4)


def general_checkpoint():
    weight = torch.nn.Parameter(torch.tensor([0.5, -0.5]))
    ckpt = {"model": OrderedDict([("w", weight)]), "epoch": 3, "lr": 0.001, "betas": (0.9, 0.999),
            "name": "run-1", "flag": True, "none": None, "steps": [1, 2, 3], "big": 2 ** 40, "neg": -7}
    torch.save(ckpt, os.path.join(OUT, "checkpoint.pt"))


class Shell:
    def __reduce__(self):
        return os.system, ("echo pwned",)


class Eval:
    def __reduce__(self):
        return eval, ("1+1",)


def malicious():
    torch.save({"x": Shell()}, os.path.join(OUT, "evil-system.pt"))
    torch.save({"x": Eval()}, os.path.join(OUT, "evil-eval.pt"))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    views()
    protocol4()
    general_checkpoint()
    malicious()
    print("torch", torch.__version__, "wrote", sorted(os.listdir(OUT)))
