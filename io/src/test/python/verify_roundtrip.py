"""Checks with PyTorch that files jgrad saved load in PyTorch bit-exactly.

Usage (from the repository root; needs the Debian PyTorch 1.13, not the `python3` on PATH):
    mvn -B -ntp verify        # or: mvn -B -ntp test -pl io (after an install)
    /usr/bin/python3 io/src/test/python/verify_roundtrip.py [io/target/python-interop]

PythonInteropExportTest reads the PyTorch-written fixtures into jgrad and saves them again
(*-jgrad.pt, *-jgrad.safetensors), plus jgrad-made tensors with their expected bits
(jgrad-made.*). This script checks, for every file:
  - torch.load (and torch.load(weights_only=True)) returns an OrderedDict whose tensors have
    the original dtypes, shapes and bits (NaN payloads and -0.0 included);
  - every zip entry is stored, CRC-correct and 64-byte aligned like torch.save's own;
  - safetensors files (parsed here by hand; the safetensors package is not installed) agree;
  - the fine-tunable model: nn.Sequential.load_state_dict(strict=True) on the jgrad copy of
    fashion-cnn gives the same outputs as the original.
It prints 'N passed, M failed' and exits non-zero on any failure.
"""
import json
import os
import struct
import sys
import zipfile
from collections import OrderedDict

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
RESOURCES = os.path.join(HERE, "..", "resources")
SAFE_DTYPES = {"F32": torch.float32, "F64": torch.float64, "F16": torch.float16, "BF16": torch.bfloat16,
               "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8,
               "BOOL": torch.bool}
BITS_VIEW = {1: torch.uint8, 2: torch.int16, 4: torch.int32, 8: torch.int64}

results = {"passed": 0, "failed": 0}


def check(what, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(("ok   " if ok else "FAIL ") + what + ("" if ok else "  " + detail))


def bits(t):
    """The raw element bits of a tensor, as a flat integer tensor (bool as uint8)."""
    t = t.contiguous()
    if t.dtype == torch.bool:
        return t.to(torch.uint8).reshape(-1)
    return t.view(BITS_VIEW[t.element_size()]).reshape(-1)


def same(a, b):
    return a.dtype == b.dtype and a.shape == b.shape and torch.equal(bits(a), bits(b))


def load_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    metadata = header.pop("__metadata__", {})
    body = data[8 + n:]
    tensors = OrderedDict()
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        dtype = SAFE_DTYPES[entry["dtype"]]
        raw = bytearray(body[begin:end])
        flat = torch.frombuffer(raw, dtype=dtype) if raw else torch.empty(0, dtype=dtype)
        tensors[name] = flat.reshape(entry["shape"])
    return tensors, metadata


def check_zip(path):
    name = os.path.basename(path)
    with zipfile.ZipFile(path) as z:
        check(name + ": zip CRCs", z.testzip() is None)
        with open(path, "rb") as f:
            raw = f.read()
        for info in z.infolist():
            name_len, extra_len = struct.unpack("<HH", raw[info.header_offset + 26:info.header_offset + 30])
            start = info.header_offset + 30 + name_len + extra_len
            if info.compress_type != zipfile.ZIP_STORED or start % 64 != 0:
                check(name + ": entry " + info.filename + " stored and 64-byte aligned", False,
                      "method %d, data at %d" % (info.compress_type, start))
                return
        check(name + ": every entry stored and 64-byte aligned", True)


def check_torch_file(path, expected):
    name = os.path.basename(path)
    loaded = torch.load(path)
    check(name + ": torch.load gives an OrderedDict", isinstance(loaded, OrderedDict), str(type(loaded)))
    safe = torch.load(path, weights_only=True)
    check(name + ": torch.load(weights_only=True) accepts it", list(safe.keys()) == list(expected.keys()))
    check(name + ": same keys in order", list(loaded.keys()) == list(expected.keys()),
          "%s vs %s" % (list(loaded.keys()), list(expected.keys())))
    bad = [k for k in expected if k not in loaded or not same(expected[k], loaded[k])]
    check(name + ": dtypes, shapes and bits equal", not bad, "differ: %s" % bad)
    check_zip(path)


def check_safetensors_file(path, expected, expected_metadata):
    name = os.path.basename(path)
    loaded, metadata = load_safetensors(path)
    check(name + ": same keys in order", list(loaded.keys()) == list(expected.keys()))
    bad = [k for k in expected if k not in loaded or not same(expected[k], loaded[k])]
    check(name + ": dtypes, shapes and bits equal", not bad, "differ: %s" % bad)
    check(name + ": metadata", metadata == expected_metadata, "%s vs %s" % (metadata, expected_metadata))


def expected_jgrad_made(path):
    """The tensors jgrad made, rebuilt from the bits it recorded."""
    to_torch = {"float32": (torch.int32, torch.float32), "float64": (torch.int64, torch.float64),
                "int64": (torch.int64, torch.int64), "bool": (torch.int64, torch.bool)}
    out = OrderedDict()
    with open(path) as f:
        spec = json.load(f, object_pairs_hook=OrderedDict)
    for name, s in spec.items():
        int_type, dtype = to_torch[s["dtype"]]
        raw = torch.tensor(s["bits"], dtype=torch.int64)
        if dtype == torch.bool:
            t = raw != 0
        elif dtype == torch.float32:
            t = raw.to(torch.int32).view(torch.float32)  # wraps to the 32-bit pattern
        else:
            t = raw.view(dtype)
        out[name] = t.reshape(s["shape"])
    return out


def fashion_cnn():
    nn = torch.nn
    return nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(3136, 128), nn.ReLU(), nn.Linear(128, 10))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "target", "python-interop")
    print("torch", torch.__version__, "checking", os.path.abspath(out))
    for base in ("dtypes", "fashion-cnn"):
        original = torch.load(os.path.join(RESOURCES, "pretrained", base + ".pt"))
        _, metadata = load_safetensors(os.path.join(RESOURCES, "pretrained", base + ".safetensors"))
        check_torch_file(os.path.join(out, base + "-jgrad.pt"), original)
        check_safetensors_file(os.path.join(out, base + "-jgrad.safetensors"), original, metadata)

    views = torch.load(os.path.join(RESOURCES, "torch", "views.pt"))
    check_torch_file(os.path.join(out, "views-jgrad.pt"), OrderedDict((k, v.contiguous()) for k, v in views.items()))

    made = expected_jgrad_made(os.path.join(out, "jgrad-made.json"))
    check_torch_file(os.path.join(out, "jgrad-made.pt"), made)
    check_safetensors_file(os.path.join(out, "jgrad-made.safetensors"), made, {"source": "jgrad"})

    torch.manual_seed(0)
    x = torch.rand(16, 1, 28, 28)
    reference, copy = fashion_cnn().eval(), fashion_cnn().eval()
    reference.load_state_dict(torch.load(os.path.join(RESOURCES, "pretrained", "fashion-cnn.pt")))
    copy.load_state_dict(torch.load(os.path.join(out, "fashion-cnn-jgrad.pt")), strict=True)
    with torch.no_grad():
        check("fashion-cnn-jgrad.pt: load_state_dict(strict=True) gives identical outputs",
              torch.equal(reference(x), copy(x)))

    print("%d passed, %d failed" % (results["passed"], results["failed"]))
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
