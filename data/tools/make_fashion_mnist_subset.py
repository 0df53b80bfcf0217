#!/usr/bin/env python3
"""Writes a class-balanced subset of Fashion-MNIST as gzipped IDX files.

The choice is deterministic: for each split, the first K images of every class in the
original file order (so the subset keeps the original interleaving of classes). The output
files are byte-for-byte reproducible (gzip header mtime 0, no file name stored).

Usage (standard library only):
  /usr/bin/python3 data/tools/make_fashion_mnist_subset.py \
      --source /usr/share/datasets/fashion-mnist \
      --out examples/src/main/resources/fashion-mnist-subset --train-per-class 600 --test-per-class 100
"""
import argparse
import gzip
import hashlib
import os
import struct

CLASSES = 10


def read_idx(path):
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    with opener(path, "rb") as f:
        data = f.read()
    zero, dtype, rank = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    dims = struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])
    body = data[4 + 4 * rank:]
    item = 1
    for d in dims[1:]:
        item *= d
    if len(body) != dims[0] * item:
        raise ValueError(f"{path}: {len(body)} data bytes, dims {dims} need {dims[0] * item}")
    return dims, body, item


def write_idx(path, dims, body):
    header = struct.pack(">HBB", 0, 0x08, len(dims)) + struct.pack(">" + "I" * len(dims), *dims)
    with open(path, "wb") as raw:
        # filename="" and mtime=0 keep the output reproducible.
        with gzip.GzipFile(filename="", fileobj=raw, mode="wb", compresslevel=9, mtime=0) as f:
            f.write(header + body)


def find(source, name):
    for candidate in (name, name + ".gz"):
        path = os.path.join(source, candidate)
        if os.path.isfile(path):
            return path
    raise FileNotFoundError(f"neither {name} nor {name}.gz in {source}")


def subset(source, out, prefix, per_class):
    image_dims, images, item = read_idx(find(source, f"{prefix}-images-idx3-ubyte"))
    label_dims, labels, _ = read_idx(find(source, f"{prefix}-labels-idx1-ubyte"))
    if image_dims[0] != label_dims[0]:
        raise ValueError(f"{prefix}: {image_dims[0]} images but {label_dims[0]} labels")
    taken = [0] * CLASSES
    chosen = []
    for i, label in enumerate(labels):
        if taken[label] < per_class:
            taken[label] += 1
            chosen.append(i)
    if taken != [per_class] * CLASSES:
        raise ValueError(f"{prefix}: not enough images per class: {taken}")
    sub_images = b"".join(images[i * item:(i + 1) * item] for i in chosen)
    sub_labels = bytes(labels[i] for i in chosen)
    write_idx(os.path.join(out, f"{prefix}-images-idx3-ubyte.gz"), (len(chosen),) + tuple(image_dims[1:]), sub_images)
    write_idx(os.path.join(out, f"{prefix}-labels-idx1-ubyte.gz"), (len(chosen),), sub_labels)
    print(f"{prefix}: {len(chosen)} images, first source indices {chosen[:5]}, "
          f"pixel byte sum {sum(sub_images)}, labels sha256 {hashlib.sha256(sub_labels).hexdigest()[:16]}, "
          f"first labels {list(sub_labels[:10])}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--out", required=True)
    parser.add_argument("--train-per-class", type=int, default=600)
    parser.add_argument("--test-per-class", type=int, default=100)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    subset(args.source, args.out, "train", args.train_per_class)
    subset(args.source, args.out, "t10k", args.test_per_class)


if __name__ == "__main__":
    main()
