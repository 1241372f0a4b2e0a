#!/usr/bin/env python3
"""Auto mode, end to end: what turning it on costs and what it gains.

    python benches/auto.py            # full run (a few minutes)
    python benches/auto.py --quick    # fewer repeats
    python benches/auto.py --markdown

Every figure interleaves its contenders run by run (the machine is shared
and noisy) and reports medians and ratios:

- `import rustify_ml.auto` time (in a fresh interpreter, -X importtime);
- interpreter start with RUSTIFY_AUTO unset: what the installed .pth line
  costs (timed directly: it runs once per interpreter start);
- a program with nothing translatable (str methods and sets):
  CPython vs RUSTIFY_AUTO=1, end to end;
- each example script (examples/*.py), end to end including warm-up,
  sampling and compilation: CPython vs RUSTIFY_AUTO=1, with a check that
  both print the same checksums.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = ["distances", "scaling", "signals", "windows", "tokens"]

UNTRANSLATABLE = textwrap.dedent(
    """
    def vocabulary(text):
        seen = set()
        for w in text.split():
            seen.add(w.strip(".,").lower())
        return seen

    def words(text):
        return [w.strip(".,").lower() for w in text.split()]

    text = "The quick brown fox, jumps over the lazy dog. " * 200
    total = 0
    for _ in range(3000):
        total += len(vocabulary(text)) + len(words(text))
    print(total)
    """
)


def env(auto):
    e = {k: v for k, v in os.environ.items() if not k.startswith("RUSTIFY_")}
    if auto:
        e["RUSTIFY_AUTO"] = "1"
    return e


def timed(cmd, environ, cwd=REPO):
    t0 = time.perf_counter()
    out = subprocess.run(cmd, env=environ, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, cmd))} failed:\n{out.stderr}")
    return elapsed, out.stdout


def interleaved(cmd, repeats):
    """Median wall time of `cmd` without and with RUSTIFY_AUTO=1, alternating."""
    plain, auto, outputs = [], [], set()
    for _ in range(repeats):
        for is_auto, bucket in ((False, plain), (True, auto)):
            t, stdout = timed(cmd, env(is_auto))
            bucket.append(t)
            outputs.add(checksums(stdout))
    return statistics.median(plain), statistics.median(auto), len(outputs) == 1


def checksums(stdout):
    return tuple(re.findall(r"checksum (\S+)", stdout)) or stdout.strip()


def import_ms(repeats):
    times = []
    for _ in range(repeats):
        out = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import rustify_ml.auto"],
            env=env(False), capture_output=True, text=True,
        )
        m = re.search(r"\|\s+(\d+) \| rustify_ml\.auto\s*$", out.stderr, re.M)
        times.append(int(m.group(1)) / 1000 if m else float("nan"))
    return statistics.median(times)


def pth_us():
    """Cost of the installed .pth line with RUSTIFY_AUTO unset (it runs
    once at every interpreter start)."""
    import site
    import timeit

    for d in site.getsitepackages():
        pth = Path(d) / "rustify_ml_auto.pth"
        if pth.exists():
            line = pth.read_text().strip()
            saved = os.environ.pop("RUSTIFY_AUTO", None)
            try:
                n = 20000
                return timeit.timeit(line, number=n) / n * 1e6, str(pth)
            finally:
                if saved is not None:
                    os.environ["RUSTIFY_AUTO"] = saved
    return float("nan"), "rustify_ml_auto.pth not installed"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer repeats")
    ap.add_argument("--markdown", action="store_true", help="markdown table")
    args = ap.parse_args()
    repeats = 3 if args.quick else 7

    rows = []
    imp = import_ms(repeats)
    pth, pth_where = pth_us()
    print(f"import rustify_ml.auto: {imp:.1f} ms (median of {repeats})")
    print(f"RUSTIFY_AUTO unset: the .pth line costs {pth:.2f} us per interpreter start ({pth_where})")

    prog = REPO / "benches" / "_untranslatable.py"
    prog.write_text(UNTRANSLATABLE)
    try:
        p, a, same = interleaved([sys.executable, str(prog)], repeats)
    finally:
        prog.unlink()
    rows.append(("nothing translatable (str methods, sets)", p, a, same))
    for name in EXAMPLES:
        p, a, same = interleaved([sys.executable, f"examples/{name}.py"], repeats)
        rows.append((f"examples/{name}.py", p, a, same))

    if args.markdown:
        print("\n| program | CPython s | RUSTIFY_AUTO=1 s | ratio | same output |")
        print("|---|---:|---:|---:|---|")
        for name, p, a, same in rows:
            print(f"| {name} | {p:.3f} | {a:.3f} | {p / a:.2f}x | {'yes' if same else 'NO'} |")
    else:
        print(f"\n{'program':<36}{'CPython s':>10}{'auto s':>10}{'ratio':>9}  same output")
        for name, p, a, same in rows:
            print(f"{name:<36}{p:>10.3f}{a:>10.3f}{p / a:>8.2f}x  {'yes' if same else 'NO'}")
    print("\nratio = CPython time / auto time, end to end (start, warm-up, sampling, compiles included)")
    return 0 if all(r[3] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
