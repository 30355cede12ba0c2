#!/usr/bin/env python3
"""Instructions per call of the three measured paths, per sample, counted by callgrind (repeatable on
a shared machine, unlike wall-clock): assess (typed input -> typed result), text (document text ->
result text) and floor (parse the document + dump the result, no computation).
Each sample runs twice, with N=1 and N=4 iterations of each path; (cost(4) - cost(1)) / 3 leaves out
what only the first call pays (the texts table, static tables).
Usage: callgrind_paths.py path/to/selfcheck_bench [sample-file-name ...] > paths.json"""
import json
import os
import re
import subprocess
import sys
import tempfile

bench = sys.argv[1]
samples = sys.argv[2:]
FUNCS = {"assess": "bench_one_assess", "text": "bench_one_text", "floor": "bench_one_floor"}


def inclusive(n, sample):
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "cg.out")
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", bench, "--sample", sample,
                        "--iterations", str(n)], capture_output=True, check=False)
        r = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out], capture_output=True, text=True)
    cost = {}
    for line in r.stdout.splitlines():
        m = re.match(r"\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)", line)
        if not m:
            continue
        for key, fn in FUNCS.items():
            if key not in cost and fn + "(" in m.group(2):
                cost[key] = int(m.group(1).replace(",", ""))
    return cost


result = {}
for s in samples:
    one, four = inclusive(1, s), inclusive(4, s)
    row = {k: (four[k] - one[k]) // 3 for k in FUNCS if k in one and k in four}
    if "text" in row and "floor" in row and row["text"]:
        row["floor_over_text"] = round(row["floor"] / row["text"], 3)
    result[s] = row
    print(f"callgrind_paths: {s} {row}", file=sys.stderr)
json.dump(result, sys.stdout, indent=1)
print()
