"""Merges both sides' results into one table (text and Markdown) and a ratio chart (SVG, no dependencies)."""
import math

SUITE_COLOURS = {"matmul": "#4477aa", "elementwise": "#66aa55", "overhead": "#cc8833", "conv2d": "#aa4488", "train": "#44aaaa"}


def fmt_time(s):
    if s is None:
        return "-"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if s >= scale:
            return f"{s / scale:.3g} {unit}"
    return f"{s / 1e-9:.3g} ns"


def rows(workloads, torch, jgrad, peak_per_core):
    """One dict per workload with both sides' medians, ranges, ratio and derived rates."""
    out = []
    for w in workloads:
        t, j = torch.get(w.key), jgrad.get(w.key)
        r = dict(suite=w.suite, label=w.label, threads=w.threads, key=list(w.key), torch=t, jgrad=j)
        if t and j and "error" not in j:
            r["ratio"] = t["median"] / j["median"]
        peak = peak_per_core * w.threads if peak_per_core and w.p.get("dtype", "float32") == "float32" else None
        for side, res in (("torch", t), ("jgrad", j)):
            if not res or "error" in res:
                continue
            if w.flops:
                r[side + "_gflops"] = w.flops / res["median"] / 1e9
                if peak:
                    r[side + "_peak_pct"] = 100 * r[side + "_gflops"] / peak
            if w.bytes:
                r[side + "_gbs"] = w.bytes / res["median"] / 1e9
            if w.samples:
                r[side + "_sps"] = w.samples / res["median"]
        out.append(r)
    return out


HEAD = ["workload", "T", "PyTorch median [min–max]", "PyTorch config", "jgrad median [min–max]", "ratio",
        "GFLOP/s PyTorch / jgrad", "% FMA peak PyTorch / jgrad", "GB/s PyTorch / jgrad",
        "samples/s PyTorch / jgrad", "PyTorch out=", "jgrad alloc/op",
        "other load PyTorch / jgrad"]


def _span(res):
    if not res:
        return "-"
    if "error" in res:
        return "FAILED: " + res["error"]
    return f"{fmt_time(res['median'])} [{fmt_time(res['min'])}–{fmt_time(res['max'])}]"


def _pair(r, name, fmt):
    a, b = r.get("torch_" + name), r.get("jgrad_" + name)
    if a is None and b is None:
        return ""
    return f"{fmt.format(a) if a is not None else '-'} / {fmt.format(b) if b is not None else '-'}"


def cells(r):
    t, j = r["torch"], r["jgrad"]
    config = ""
    if t:
        config = f"torch={t['torch_threads']} blas={t['blas_threads']}" + (f" {t['variant']}" if t.get("variant") else "")
    alloc = j.get("alloc_bytes") if j else None
    return [r["label"], str(r["threads"]), _span(t), config, _span(j),
            f"{r['ratio']:.2f}" if "ratio" in r else "-",
            _pair(r, "gflops", "{:.1f}"), _pair(r, "peak_pct", "{:.0f}%"), _pair(r, "gbs", "{:.1f}"),
            _pair(r, "sps", "{:.0f}"),
            fmt_time(t.get("out_median")) if t and t.get("out_median") else "",
            _bytes(alloc) if alloc is not None else "",
            f"{t['load']:.2f} / {j['load']:.2f}" if t and j and "load" in j else ""]


def _bytes(b):
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if b >= scale:
            return f"{b / scale:.3g} {unit}"
    return f"{b:.0f} B"


def text_table(rs):
    table = [HEAD] + [cells(r) for r in rs]
    keep = [i for i in range(len(HEAD)) if any(row[i] for row in table[1:])]
    widths = [max(len(row[i]) for row in table) for i in keep]
    lines = []
    for n, row in enumerate(table):
        lines.append("  ".join(row[i].ljust(wd) for i, wd in zip(keep, widths)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * wd for wd in widths))
    return "\n".join(lines)


def markdown_table(rs):
    table = [HEAD] + [cells(r) for r in rs]
    keep = [i for i in range(len(HEAD)) if any(row[i] for row in table[1:])]
    lines = ["| " + " | ".join(table[0][i] for i in keep) + " |", "|" + "---|" * len(keep)]
    for row in table[1:]:
        lines.append("| " + " | ".join(row[i] for i in keep) + " |")
    return "\n".join(lines)


def svg_chart(rs, title):
    """Horizontal bars of the ratio (log scale), one per workload and thread count."""
    data = [r for r in rs if "ratio" in r]
    bar, gap, left, width, top = 14, 4, 230, 560, 40
    lo, hi = 1 / 16, 64
    while data and min(r["ratio"] for r in data) < lo:
        lo /= 2
    while data and max(r["ratio"] for r in data) > hi:
        hi *= 2
    x = lambda v: left + width * (math.log2(v) - math.log2(lo)) / (math.log2(hi) - math.log2(lo))
    height = top + len(data) * (bar + gap) + 50
    o = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 60}" height="{height}" font-family="sans-serif" font-size="11">',
         f'<rect width="100%" height="100%" fill="white"/>',
         f'<text x="{left}" y="18" font-size="13" font-weight="bold">{title}</text>',
         f'<text x="{left}" y="32" fill="#555">ratio = PyTorch time / jgrad time (log scale; right of 1 = jgrad faster)</text>']
    v = lo
    while v <= hi:
        o.append(f'<line x1="{x(v):.1f}" y1="{top}" x2="{x(v):.1f}" y2="{height - 40}" stroke="#ddd"/>')
        o.append(f'<text x="{x(v):.1f}" y="{height - 26}" text-anchor="middle" fill="#555">{v:g}</text>')
        v *= 2
    for v, colour in ((1.0, "#000"), (0.9, "#c00")):
        o.append(f'<line x1="{x(v):.1f}" y1="{top - 4}" x2="{x(v):.1f}" y2="{height - 40}" stroke="{colour}" stroke-dasharray="{"" if v == 1 else "3,3"}"/>')
    y = top
    for r in data:
        colour = SUITE_COLOURS.get(r["suite"], "#888")
        x0, x1 = x(1.0), x(r["ratio"])
        o.append(f'<text x="{left - 6}" y="{y + bar - 3}" text-anchor="end">{r["label"]} {r["threads"]}T</text>')
        o.append(f'<rect x="{min(x0, x1):.1f}" y="{y}" width="{abs(x1 - x0):.1f}" height="{bar}" fill="{colour}"/>')
        o.append(f'<text x="{max(x0, x1) + 3:.1f}" y="{y + bar - 3}">{r["ratio"]:.2f}</text>')
        y += bar + gap
    o.append("</svg>")
    return "\n".join(o) + "\n"
