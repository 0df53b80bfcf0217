"""Generates nn/src/test/resources/reference/*.json with PyTorch 1.13.1 (run with /usr/bin/python3).

Each file holds named cases; a case has the module's state_dict, its inputs, its outputs and the
gradients of sum(output * grad_output) with respect to inputs and parameters, all float64, plus the
module's printed form. The Java tests rebuild the module, load the state_dict and compare.
"""
import gzip
import json
import os

import torch
import torch.nn as nn

torch.manual_seed(0)
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "reference")


def t(x):
    if x is None:
        return None
    x = x.detach()
    return {"shape": list(x.shape), "dtype": str(x.dtype).replace("torch.", ""), "data": x.reshape(-1).tolist()}


def run(module, inputs, forward, extra=None):
    """inputs: name -> tensor (float ones get requires_grad); forward(module, inputs) -> dict of outputs."""
    module = module.double()
    ins = {k: (v.double().requires_grad_() if v is not None and v.is_floating_point() else v) for k, v in inputs.items()}
    outs = forward(module, ins)
    gos = {k: torch.randn_like(v) for k, v in outs.items() if v is not None and v.requires_grad}
    total = sum((outs[k] * g).sum() for k, g in gos.items())
    total.backward()
    case = {
        "repr": repr(module),
        "state": {k: t(v) for k, v in module.state_dict().items()},
        "param_names": [n for n, _ in module.named_parameters()],
        "inputs": {k: t(v) for k, v in ins.items()},
        "outputs": {k: t(v) for k, v in outs.items()},
        "grad_outputs": {k: t(v) for k, v in gos.items()},
        "input_grads": {k: t(v.grad) for k, v in ins.items() if v is not None and v.is_floating_point()},
        "param_grads": {n: t(p.grad) for n, p in module.named_parameters()},
    }
    if extra:
        case.update(extra)
    return case


def recurrent():
    cases = {}
    x = torch.randn(5, 3, 4)  # (L, N, I), batch_first False
    m = nn.LSTM(4, 6, num_layers=2, bidirectional=True)
    h0, c0 = torch.randn(4, 3, 6), torch.randn(4, 3, 6)
    cases["lstm_2layer_bi_with_state"] = run(m, {"x": x, "h0": h0, "c0": c0},
                                             lambda m, i: dict(zip(["output", "h_n", "c_n"], [m(i["x"], (i["h0"], i["c0"]))[0], *m(i["x"], (i["h0"], i["c0"]))[1]])))
    m = nn.GRU(4, 6, num_layers=2, bidirectional=True)
    h0 = torch.randn(4, 3, 6)
    cases["gru_2layer_bi_with_state"] = run(m, {"x": x, "h0": h0}, lambda m, i: dict(zip(["output", "h_n"], m(i["x"], i["h0"]))))
    m = nn.RNN(4, 6, num_layers=2, nonlinearity="relu", bias=False)
    cases["rnn_relu_nobias"] = run(m, {"x": x, "h0": torch.randn(2, 3, 6)}, lambda m, i: dict(zip(["output", "h_n"], m(i["x"], i["h0"]))))
    m = nn.LSTM(4, 6, batch_first=True)
    cases["lstm_unbatched"] = run(m, {"x": torch.randn(5, 4)}, lambda m, i: dict(zip(["output", "h_n", "c_n"], [m(i["x"])[0], *m(i["x"])[1]])))
    return cases


def attention():
    cases = {}
    E, H, L, S, N = 8, 2, 4, 5, 3
    m = nn.MultiheadAttention(E, H)
    q = torch.randn(L, N, E)
    cases["self_causal_bool"] = run(m, {"x": q, "mask": torch.triu(torch.ones(L, L, dtype=torch.bool), 1)},
                                    lambda m, i: dict(zip(["output", "weights"], m(i["x"], i["x"], i["x"], attn_mask=i["mask"]))))
    m = nn.MultiheadAttention(E, H, batch_first=True)
    q, k, v = torch.randn(N, L, E), torch.randn(N, S, E), torch.randn(N, S, E)
    kpm = torch.zeros(N, S, dtype=torch.bool)
    kpm[0, -1] = True
    kpm[2, -2:] = True
    fmask = torch.randn(L, S)
    cases["cross_padding_float_mask"] = run(m, {"q": q, "k": k, "v": v, "kpm": kpm, "mask": fmask},
                                            lambda m, i: dict(zip(["output", "weights"], m(i["q"], i["k"], i["v"], key_padding_mask=i["kpm"], attn_mask=i["mask"],
                                                                                            average_attn_weights=False))))
    m = nn.MultiheadAttention(E, H, kdim=5, vdim=3, bias=False)
    q, k, v = torch.randn(L, N, E), torch.randn(S, N, 5), torch.randn(S, N, 3)
    mask3 = torch.rand(N * H, L, S) < 0.3
    mask3[..., 0] = False
    cases["kvdim_nobias_3d_mask"] = run(m, {"q": q, "k": k, "v": v, "mask": mask3},
                                        lambda m, i: dict(zip(["output", "weights"], m(i["q"], i["k"], i["v"], attn_mask=i["mask"]))))
    m = nn.MultiheadAttention(E, H)
    cases["unbatched"] = run(m, {"q": torch.randn(L, E), "k": torch.randn(S, E), "v": torch.randn(S, E)},
                             lambda m, i: dict(zip(["output", "weights"], m(i["q"], i["k"], i["v"]))))
    return cases


def transformer():
    cases = {}
    m = nn.TransformerEncoderLayer(8, 2, dim_feedforward=16, dropout=0.0, batch_first=True)
    x = torch.randn(3, 4, 8)
    cases["post_norm_causal"] = run(m, {"x": x, "mask": torch.triu(torch.ones(4, 4, dtype=torch.bool), 1)},
                                    lambda m, i: {"output": m(i["x"], src_mask=i["mask"])})
    m = nn.TransformerEncoderLayer(8, 2, dim_feedforward=16, dropout=0.0, activation="gelu", norm_first=True)
    kpm = torch.zeros(3, 4, dtype=torch.bool)
    kpm[1, -1] = True
    cases["pre_norm_gelu_padding"] = run(m, {"x": torch.randn(4, 3, 8), "kpm": kpm},
                                         lambda m, i: {"output": m(i["x"], src_key_padding_mask=i["kpm"])})
    return cases


def misc():
    cases = {}
    m = nn.Bilinear(5, 4, 3)
    cases["bilinear"] = run(m, {"x1": torch.randn(2, 3, 5), "x2": torch.randn(2, 3, 4)}, lambda m, i: {"output": m(i["x1"], i["x2"])})
    return cases


def reprs():
    """print(model) for modules whose Java twins the tests build the same way."""
    return {
        "mlp": repr(nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10, bias=False))),
        "cnn": repr(nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.25),
                                  nn.Conv2d(16, 32, (3, 5), stride=2, groups=4, bias=False, dilation=(1, 2)), nn.AdaptiveAvgPool2d((1, 1)),
                                  nn.Flatten(), nn.Linear(32, 10))),
        "conv1d_same": repr(nn.Conv1d(4, 8, 5, padding="same", padding_mode="reflect")),
        "conv_transpose": repr(nn.ConvTranspose2d(8, 4, 4, stride=2, padding=1, output_padding=1)),
        "norms": repr(nn.Sequential(nn.LayerNorm(16), nn.GroupNorm(2, 6, eps=1e-3), nn.BatchNorm1d(4, momentum=None, affine=False),
                                    nn.LayerNorm((4, 5), elementwise_affine=False))),
        "recurrent": repr(nn.Sequential(nn.Embedding(10, 6, padding_idx=0), nn.LSTM(6, 8, num_layers=2, batch_first=True, dropout=0.5, bidirectional=True),
                                        nn.GRU(6, 8), nn.RNN(6, 8, bias=False))),
        "activations": repr(nn.Sequential(nn.GELU(approximate="tanh"), nn.SiLU(), nn.Tanh(), nn.Sigmoid(), nn.LeakyReLU(0.2), nn.Softmax(dim=-1),
                                          nn.LogSoftmax(dim=1), nn.Identity())),
        "pools": repr(nn.Sequential(nn.MaxPool1d(3, stride=2, padding=1), nn.AvgPool1d(2), nn.AvgPool2d((2, 3)), nn.MaxPool2d(2, ceil_mode=True),
                                    nn.Upsample(scale_factor=2), nn.Unflatten(1, (2, 5)), nn.Flatten(0, 2))),
        "attention": repr(nn.TransformerEncoderLayer(8, 2, dim_feedforward=16)),
        "nested": repr(nn.Sequential(nn.Sequential(nn.Linear(2, 3)), nn.ModuleList([nn.ReLU(), nn.Linear(3, 3)]),
                                     nn.ModuleDict({"a": nn.Tanh()}), nn.Bilinear(3, 3, 2))),
    }


def c3_cases():
    """The golden causal-attention cases (composite op c3), which MultiheadAttention must reproduce."""
    golden = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "conformance", "src", "test", "resources", "golden", "ops", "composite.json.gz")
    with gzip.open(golden, "rt") as f:
        return [c for c in json.load(f) if c["op"] == "c3"]


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, fn in [("recurrent", recurrent), ("attention", attention), ("transformer", transformer), ("misc", misc), ("repr", reprs), ("c3", c3_cases)]:
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            json.dump(fn(), f)
        print("wrote", name)


if __name__ == "__main__":
    main()
