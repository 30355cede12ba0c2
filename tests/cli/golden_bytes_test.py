#!/usr/bin/env python3
"""The CLI's result of every sample factory is byte-for-byte its golden (tests/golden/<sample>.json).

golden_test compares numbers with a 1e-9 relative tolerance (node-wasm and native may differ in a
last bit of libm); this native check catches what that tolerance lets through: a reordered sum that
moves the last bit, an integer written as 4.0, a key renamed or reordered. A refactor of the core
(issue 12) must keep every byte; an intended change regenerates the goldens (scripts/update-golden)
in its own commit.
usage: golden_bytes_test.py SELFCHECK_CLI SOURCE_DIR
"""
import difflib
import pathlib
import subprocess
import sys


def main() -> int:
    cli, src = sys.argv[1], pathlib.Path(sys.argv[2])
    samples = sorted((src / "assets/data/samples").glob("*.json"))
    if not samples:
        print("no samples found", file=sys.stderr)
        return 1
    failed = 0
    for s in samples:
        golden = (src / "tests/golden" / s.name).read_bytes()
        out = subprocess.run([cli, "assess", str(s), "--pretty"], capture_output=True, check=False)
        if out.returncode != 0:
            print(f"FAIL {s.name}: exit {out.returncode}: {out.stderr.decode(errors='replace')[:400]}")
            failed += 1
        elif out.stdout != golden:
            diff = difflib.unified_diff(golden.decode().splitlines(), out.stdout.decode().splitlines(),
                                        "golden", "now", n=1, lineterm="")
            print(f"FAIL {s.name}: differs from its golden")
            print("\n".join(list(diff)[:40]))
            failed += 1
        else:
            print(f"ok   {s.name} ({len(golden)} bytes)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
