"""Timing on a shared, noisy machine: wait for a quiet window, time batches, keep median and range.

Each figure is the median (with min and max) of `reps` repetitions; a repetition times a batch
of calls sized to about `target` seconds. Before each repetition we wait (at most MAX_WAIT s) for
a window in which other processes use less than QUIET CPUs, and we record how much CPU other
processes used during it; a repetition disturbed by more than BAD_LOAD CPUs is redone (up to
`reps` // 2 extra tries, so a machine that never calms down still gets measured).
"""
import os
import statistics
import time

QUIET = 0.15
# bench/compare --patient raises this (through the environment, for the PyTorch worker too).
MAX_WAIT = float(os.environ.get("BENCH_MAX_WAIT", "0.6"))
BAD_LOAD = 0.35
_CLK = os.sysconf("SC_CLK_TCK")


def system_busy_s():
    """CPU-seconds all processes have used since boot (user, nice, system, irq, softirq, steal)."""
    with open("/proc/stat") as f:
        u, n, s, _idle, _iowait, irq, sirq, steal = map(int, f.readline().split()[1:9])
    return (u + n + s + irq + sirq + steal) / _CLK


def own_cpu_s():
    """CPU-seconds of this process and its reaped children (a JMH run is a child)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


class LoadMeter:
    """CPUs used by other processes between construction and other_load()."""

    def __init__(self):
        self.busy, self.own, self.wall = system_busy_s(), own_cpu_s(), time.monotonic()

    def other_load(self):
        wall = time.monotonic() - self.wall
        return max(0.0, (system_busy_s() - self.busy - (own_cpu_s() - self.own)) / max(wall, 1e-9))


def wait_quiet(max_wait=MAX_WAIT, window=0.2):
    """Waits until other processes use < QUIET CPUs for `window` s; returns the last load seen."""
    start = time.monotonic()
    while True:
        m = LoadMeter()
        time.sleep(window)
        load = m.other_load()
        if load < QUIET or time.monotonic() - start > max_wait:
            return load


def measure(fn, reps=7, target=0.1, warmup_s=0.2):
    """Per-call seconds of fn(): dict(median, min, max, reps, inner, load) over `reps` batches."""
    fn()
    t0, calls = time.perf_counter(), 0
    while time.perf_counter() - t0 < warmup_s or calls < 2:
        fn()
        calls += 1
    per_call = (time.perf_counter() - t0) / calls
    inner = max(1, min(10 ** 6, int(target / max(per_call, 1e-9))))
    times, loads, tries = [], [], 0
    while len(times) < reps:
        wait_quiet()
        meter = LoadMeter()
        t0 = time.perf_counter()
        for _ in range(inner):
            fn()
        dt = time.perf_counter() - t0
        load = meter.other_load()
        tries += 1
        if load > BAD_LOAD and tries < reps + reps // 2:
            continue
        times.append(dt / inner)
        loads.append(load)
    return dict(median=statistics.median(times), min=min(times), max=max(times), reps=reps, inner=inner,
                load=statistics.median(loads))
