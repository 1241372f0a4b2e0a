"""Two threads vs one on a compiled numpy kernel (the GIL is released).

    python benches/threads.py [--n 1000000] [--calls 8] [--repeat 5]

The same total work, `calls` calls of a reduction over `n` float64s, runs
once on one thread and once split over two threads, interleaved `repeat`
times; prints the best time of each and the speedup (2.0 would be perfect
scaling on two cores). The result of every call is checked against CPython
on a small array first, and each timed call must run natively.
"""

import argparse
import sys
import threading
import time

import numpy as np

import rustify_ml


def weighted_sum(a, w):
    total = 0.0
    for i in range(len(a)):
        total += a[i] * w - a[i] * a[i] * 0.001
    return total


def run(fn, a, calls, threads):
    per = calls // threads
    out = []

    def work():
        for _ in range(per):
            out.append(fn(a, 0.5))

    ts = [threading.Thread(target=work) for _ in range(threads)]
    t0 = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return time.perf_counter() - t0, out


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=1_000_000)
    p.add_argument("--calls", type=int, default=8)
    p.add_argument("--repeat", type=int, default=5)
    opts = p.parse_args(argv)
    fn = rustify_ml.jit(weighted_sum)
    small = np.linspace(-3.0, 3.0, 1001)
    if fn(small, 0.5) != weighted_sum(small, 0.5):
        print("MISMATCH against CPython", file=sys.stderr)
        return 1
    a = np.linspace(-3.0, 3.0, opts.n)
    expected = fn(a, 0.5)
    st = rustify_ml.status(fn)
    if st["tier"] != "jit" or st["signatures"][0] not in st["nogil"]:
        print("not running without the GIL: %s" % st, file=sys.stderr)
        return 1
    best = {1: float("inf"), 2: float("inf")}
    for _ in range(opts.repeat):
        for threads in (1, 2):
            dt, out = run(fn, a, opts.calls, threads)
            if any(x != expected for x in out):
                print("a threaded call gave another result", file=sys.stderr)
                return 1
            best[threads] = min(best[threads], dt)
    print("weighted_sum over %d float64s, %d calls (best of %d)" % (opts.n, opts.calls, opts.repeat))
    print("  1 thread : %8.1f ms" % (best[1] * 1e3))
    print("  2 threads: %8.1f ms" % (best[2] * 1e3))
    print("  speedup  : %.2fx (2 cores; 2.0 is perfect scaling)" % (best[1] / best[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
