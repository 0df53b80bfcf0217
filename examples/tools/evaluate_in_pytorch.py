"""Evaluates a jgrad-trained fashion-cnn in PyTorch: weights move from jgrad to PyTorch.

Reads the model.safetensors that `jgrad-examples train` writes (a plain state_dict with keys
0.*, 3.*, 7.*, 9.*; parsed here without the safetensors package), loads it into the PyTorch
network and prints the test accuracy over the Fashion-MNIST test images, which should match the
last `test accuracy` that train printed. Usage, from the repository root:

  /usr/bin/python3 examples/tools/evaluate_in_pytorch.py runs/train/model.safetensors [DATA_DIR]

DATA_DIR defaults to /usr/share/datasets/fashion-mnist (Debian's dataset-fashion-mnist).
"""
import json
import pathlib
import struct
import sys

import torch

from pretrained_subset_expected import fashion_cnn, idx


def load_safetensors(path):
    data = pathlib.Path(path).read_bytes()
    n, = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    header.pop("__metadata__", None)
    body = data[8 + n:]
    tensors = {}
    for name, entry in header.items():
        if entry["dtype"] != "F32":
            raise SystemExit(f"{path}: {name} is {entry['dtype']}, expected F32")
        begin, end = entry["data_offsets"]
        tensors[name] = torch.frombuffer(bytearray(body[begin:end]), dtype=torch.float32).reshape(entry["shape"])
    return tensors


def main():
    weights = sys.argv[1]
    data = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "/usr/share/datasets/fashion-mnist")
    images = idx(data / "t10k-images-idx3-ubyte.gz").float().div(255).unsqueeze(1)
    labels = idx(data / "t10k-labels-idx1-ubyte.gz").long()
    model = fashion_cnn()
    model.load_state_dict(load_safetensors(weights))
    model.eval()
    with torch.no_grad():
        predictions = model(images).argmax(1)
    print(f"PyTorch {torch.__version__}: test accuracy {(predictions == labels).float().mean().item():.4f} "
          f"over {len(labels)} images with {weights}")


if __name__ == "__main__":
    main()
