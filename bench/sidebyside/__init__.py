"""Side-by-side benchmark harness behind bench/compare: the same workloads in PyTorch and jgrad."""
