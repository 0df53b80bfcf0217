"""Expected results of the pretrained fashion-cnn on the bundled Fashion-MNIST test subset.

Runs the PyTorch-trained model (examples/src/test/resources/pretrained/fashion-cnn.pt, a copy of
the project's shared pretrained model) with PyTorch on the 1,000 test images of
examples/src/main/resources/fashion-mnist-subset and writes, next to the model:

  subset-expected.json      test accuracy, image count, near ties, torch version
  subset-predictions.csv    index,label,prediction,margin per image (margin = top-1 minus top-2 logit)

EvaluateCommandTest checks `jgrad-examples evaluate` against these. Run from the repository root:

  /usr/bin/python3 examples/tools/pretrained_subset_expected.py
"""
import gzip
import json
import pathlib
import struct

import torch
from torch import nn

ROOT = pathlib.Path(__file__).resolve().parents[1]
SUBSET = ROOT / "src/main/resources/fashion-mnist-subset"
OUT = ROOT / "src/test/resources/pretrained"


def idx(path):
    data = gzip.open(path, "rb").read()
    magic, = struct.unpack(">i", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "i" * dims, data[4:4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


def fashion_cnn():
    return nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(3136, 128), nn.ReLU(), nn.Linear(128, 10))


def main():
    images = idx(SUBSET / "t10k-images-idx3-ubyte.gz").float().div(255).unsqueeze(1)
    labels = idx(SUBSET / "t10k-labels-idx1-ubyte.gz").long()
    model = fashion_cnn()
    model.load_state_dict(torch.load(OUT / "fashion-cnn.pt"))
    model.eval()
    with torch.no_grad():
        logits = model(images)
    top2 = logits.topk(2, dim=1).values
    margin = top2[:, 0] - top2[:, 1]
    predictions = logits.argmax(1)
    accuracy = (predictions == labels).float().mean().item()
    near_ties = int((margin < 1e-4).sum())
    with open(OUT / "subset-predictions.csv", "w") as f:
        f.write("index,label,prediction,margin\n")
        for i in range(len(labels)):
            f.write(f"{i},{labels[i].item()},{predictions[i].item()},{margin[i].item():.6g}\n")
    expected = {"model": "fashion-cnn", "images": len(labels), "correct": int((predictions == labels).sum()),
                "test_accuracy": round(accuracy, 4), "near_ties": near_ties, "torch": torch.__version__}
    (OUT / "subset-expected.json").write_text(json.dumps(expected, indent=1) + "\n")
    print(expected)


if __name__ == "__main__":
    main()
