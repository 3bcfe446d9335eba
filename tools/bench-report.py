#!/usr/bin/env python3
"""bench-report.py OUT.svg RUN1.jsonl [RUN2.jsonl ...]

Reads the raw JSON lines of ../shared/bench/run.sh runs, prints one table of
medians per implementation with ratios against OpenSSL (memory: lower is
better, the ratio is still impl/OpenSSL), and draws those ratios, with the
goals of issue 6, as an SVG bar chart."""
import json
import statistics
import sys

GOALS = {  # row -> goal ratio ferrossl/OpenSSL (memory: at most)
    "handshake ecdsa-p256": 3.0, "handshake rsa-2048": 2.0, "handshake ecdsa mTLS": 4.6,
    "resume (ticket)": 3.0, "bulk 16K aes128gcm": 2.0, "bulk 16K aes256gcm": 2.0,
    "bulk 16K chacha20": 0.8, "bulk 1K aes128gcm": 2.5, "bulk 1K aes256gcm": 2.5,
    "bulk 1K chacha20": 1.6, "memory idle pair": 0.16, "socketpair handshake": 3.0,
    "socketpair bulk 16K": 1.2,
}

svg_path, runs = sys.argv[1], sys.argv[2:]
cells, units, order = {}, {}, []
for run in runs:
    for line in open(run):
        d = json.loads(line)
        if "row" not in d or d["result"].get("error"):
            continue
        r = d["result"]
        if d["row"] not in order:
            order.append(d["row"])
        cells.setdefault(d["row"], {}).setdefault(r["impl"], []).append(r["value"])
        units[d["row"]] = r["unit"]

impls = sorted({i for row in cells.values() for i in row}, key=lambda i: (not i.startswith("openssl"), i))
base = next((i for i in impls if i.startswith("openssl")), None)
ours = next((i for i in impls if "ferrossl" in i), None)
med = {(row, i): statistics.median(v) for row, per in cells.items() for i, v in per.items()}

def fmt(x):
    return f"{x:.4g}" if x < 1000 else f"{x:,.0f}"

head = ["scenario", "unit"] + impls + [f"{i}/{base}" for i in impls if i != base] + ["goal"]
print("| " + " | ".join(head) + " |")
print("|" + "---|" * len(head))
ratios = []
for row in order:
    vals = [fmt(med[(row, i)]) if (row, i) in med else "-" for i in impls]
    rs = []
    for i in impls:
        if i == base:
            continue
        if (row, i) in med and (row, base) in med and med[(row, base)]:
            rs.append(f"{med[(row, i)] / med[(row, base)]:.2f}x")
        else:
            rs.append("-")
    goal = GOALS.get(row)
    g = "-" if goal is None else (f"<= {goal}x" if row.startswith("memory") else f">= {goal}x")
    print("| " + " | ".join([row, units.get(row, "?")] + vals + rs + [g]) + " |")
    if ours and (row, ours) in med and (row, base) in med:
        ratios.append((row, med[(row, ours)] / med[(row, base)], goal))

# SVG: one horizontal bar per row, ratio ferrossl/OpenSSL on a log-ish linear scale.
W, H, left, bar = 760, 40 + 26 * len(ratios), 190, 18
top = max([r for _, r, _ in ratios] + [g or 0 for _, _, g in ratios] + [1.0]) * 1.1
x = lambda v: left + (W - left - 60) * v / top
out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
       f'<text x="10" y="18" font-size="14">ferrossl / OpenSSL (bars; memory: lower is better), goals as ticks</text>',
       f'<line x1="{x(1)}" y1="26" x2="{x(1)}" y2="{H - 6}" stroke="#888" stroke-dasharray="4,3"/>']
for k, (row, r, goal) in enumerate(ratios):
    y = 30 + 26 * k
    good = (r <= goal) if (goal and row.startswith("memory")) else (goal is None or r >= goal)
    color = "#2a9d8f" if good else "#e76f51"
    out.append(f'<text x="{left - 6}" y="{y + 13}" text-anchor="end">{row}</text>')
    out.append(f'<rect x="{left}" y="{y}" width="{max(1, x(r) - left):.1f}" height="{bar}" fill="{color}"/>')
    out.append(f'<text x="{x(r) + 4:.1f}" y="{y + 13}">{r:.2f}x</text>')
    if goal:
        out.append(f'<line x1="{x(goal):.1f}" y1="{y - 2}" x2="{x(goal):.1f}" y2="{y + bar + 2}" stroke="#000" stroke-width="2"/>')
out.append("</svg>")
open(svg_path, "w").write("\n".join(out))
print(f"\nchart: {svg_path}")
