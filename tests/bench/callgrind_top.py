#!/usr/bin/env python3
"""Summarises a callgrind profile of `selfcheck_bench --assess-only` for scripts/bench: the core
functions with the largest inclusive cost (what to optimise) and the share spent in malloc/free
(self cost). Usage: callgrind_top.py callgrind.out > profile.json"""
import json
import re
import subprocess
import sys

out = sys.argv[1]


def annotate(inclusive):
    r = subprocess.run(["callgrind_annotate", f"--inclusive={'yes' if inclusive else 'no'}", "--threshold=100", out],
                       capture_output=True, text=True)
    rows = []
    for line in r.stdout.splitlines():
        m = re.match(r"\s*([\d,]+) \(\s*([\d.]+)%\)\s+(.*)", line)
        if not m or "PROGRAM TOTALS" in line:
            continue
        fn = m.group(3)
        fn = re.sub(r"^\S*?:", "", fn, count=1) if not fn.startswith("???:") else fn[4:]
        fn = re.sub(r" \[.*\]$", "", fn)
        rows.append((float(m.group(2)), fn))
    return rows


def short(fn):
    fn = re.sub(r"\(anonymous namespace\)::", "", fn)
    fn = re.sub(r"std::__cxx11::basic_string<char[^>]*>", "string", fn)
    fn = re.sub(r"\(.*", "", fn)  # drop the parameter list
    fn = fn.replace("selfcheck::", "")
    return fn[:60]


skip = re.compile(r"^(selfcheck::assess\(|main$|.*bench_one_assess|selfcheck::RefData::builtin|selfcheck::\(anonymous namespace\)::load_dataset|"
                  r"selfcheck::RefData::load)")
top = []
for pct, fn in annotate(True):
    if "selfcheck::" in fn and not skip.match(fn) and "rate<" not in fn and "lambda" not in fn:
        top.append({"function": short(fn), "percent": pct})
self_rows = annotate(False)
alloc = sum(p for p, f in self_rows if re.search(r"\b(_int_free|_int_malloc|malloc|free|malloc_consolidate|operator new|operator delete|cfree)\b", f))
print(json.dumps({"tool": "valgrind --tool=callgrind --toggle-collect=*bench_one_assess*, selfcheck_bench --sample 01_ --iterations 3 (inclusive cost of assess() only)",
                  "top": top[:10], "malloc_free_self_percent": round(alloc, 1)}))
