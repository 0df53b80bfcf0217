"""Runs jgrad's side of the workload table through JMH (bench/target/benchmarks.jar) and parses its JSON."""
import json
import os
import re
import statistics
import subprocess
import tempfile
import time
from collections import OrderedDict

from sidebyside import timing

UNIT_S = {"s/op": 1.0, "ms/op": 1e-3, "us/op": 1e-6, "ns/op": 1e-9}
QUICK_ARGS = ["-wi", "2", "-w", "500ms", "-i", "3", "-r", "500ms"]
JMH_LOCKED = "Unable to acquire the JMH lock"
LOCK_POLL_S, LOCK_MAX_WAIT_S = 10, 3600


def run(java, jar, rows, quick, gc, log, quiet_wait):
    """Returns {workload key: result dict}; a failed JMH run gives each of its rows an 'error'.

    One JMH run per benchmark method and thread count, each started after waiting up to
    `quiet_wait` seconds for the machine to calm down (a 2-thread figure taken while other
    processes hold a core measures that, not jgrad)."""
    groups = OrderedDict()
    for w in rows:
        groups.setdefault((w.jmh_method, w.threads), []).append(w)
    results = {}
    for (method, _), ws in groups.items():
        params = OrderedDict()
        for w in ws:
            for name, value in w.jmh_params + (("threads", w.threads),):
                vals = params.setdefault(name, [])
                if str(value) not in vals:
                    vals.append(str(value))
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
            out_json = f.name
        cmd = [java, "-jar", jar, "^" + re.escape(method) + "$", "-foe", "true", "-rf", "json", "-rff", out_json]
        for name, vals in params.items():
            cmd += ["-p", f"{name}={','.join(vals)}"]
        if gc:
            cmd += ["-prof", "gc"]
        if quick:
            cmd += QUICK_ARGS
        log(f"jgrad: {' '.join(cmd[1:])}")
        proc, load = run_when_unlocked(cmd, quiet_wait, log)
        if proc.returncode != 0 or not os.path.getsize(out_json):
            tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
            log(f"jgrad: JMH failed for {method} (exit {proc.returncode}):\n{tail}")
            for w in ws:
                results[w.key] = dict(error=_first_error(proc.stdout + proc.stderr))
            os.unlink(out_json)
            continue
        with open(out_json) as f:
            data = json.load(f)
        os.unlink(out_json)
        for r in data:
            results[_key(r, ws)] = _result(r, load)
    return results


def run_when_unlocked(cmd, quiet_wait, log):
    """Runs one JMH command and the other processes' load during it. JMH refuses to start while
    another JMH run on this machine holds its lock; then we wait for that run to end instead of
    failing the rows (and would not want to measure alongside it anyway)."""
    waited = 0
    while True:
        timing.wait_quiet(max_wait=quiet_wait, window=1.0)
        meter = timing.LoadMeter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        load = meter.other_load()
        if proc.returncode == 0 or JMH_LOCKED not in proc.stdout + proc.stderr or waited >= LOCK_MAX_WAIT_S:
            return proc, load
        if waited == 0:
            log(f"jgrad: another JMH run holds the JMH lock; waiting for it (at most {LOCK_MAX_WAIT_S} s)")
        time.sleep(LOCK_POLL_S)
        waited += LOCK_POLL_S


def _first_error(text):
    """The innermost exception message of a failed fork, short enough for a table cell."""
    lines = [l.strip() for l in text.splitlines() if "Exception:" in l or "Error:" in l]
    if not lines:
        return "JMH run failed"
    msg = lines[-1].removeprefix("Caused by: ")
    return msg if len(msg) <= 160 else msg[:157] + "..."


def _key(r, ws):
    p = r.get("params", {})
    for w in ws:
        if all(str(p.get(n)) == str(v) for n, v in w.jmh_params) and int(p["threads"]) == w.threads:
            return w.key
    raise RuntimeError(f"JMH returned a result for params {p} that no workload asked for")


def _result(r, load):
    m = r["primaryMetric"]
    scale = UNIT_S[m["scoreUnit"]]
    raw = [x * scale for fork in m["rawData"] for x in fork]
    res = dict(median=statistics.median(raw), min=min(raw), max=max(raw), reps=len(raw), load=load)
    for name, sm in r.get("secondaryMetrics", {}).items():
        if name.lstrip("·") == "gc.alloc.rate.norm":
            res["alloc_bytes"] = sm["score"]
    return res
