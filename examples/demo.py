"""rustify-ml demo: the seed kernels, unchanged, on CPython and on tier 1.

    pip install . && python examples/demo.py

Each kernel from ../shared/corpus/seed_kernels.py (or $RUSTIFY_CORPUS) runs
at its benchmark size on plain CPython and through ``rustify_ml.jit``; the
demo checks both give identical results (value and type) and prints the
time per call side by side. ``benches/compare.py`` is the full benchmark
(more repeats, PyPy and Numba columns, chart).
"""

import math
import sys
import timeit

import rustify_ml

import _corpus


def same(a, b):
    """Equal value and type, NaN equal to NaN, -0.0 distinct from 0.0."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return a == b


def per_call_us(f, args):
    timer = timeit.Timer(lambda: f(*args))
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=3, number=number)) / number * 1e6


def main():
    corpus = _corpus.load()
    print(f"{'kernel':<18}{'size':<14}{'CPython us':>11}{'rustify us':>12}{'speedup':>9}  tier")
    all_same = True
    for name, (size, build) in corpus.INPUTS.items():
        plain = getattr(corpus, name)
        fast = rustify_ml.jit(plain)
        # Calls between kernels go through the module, so install the wrapper.
        setattr(corpus, name, fast)
        try:
            expected, got = plain(*build()), fast(*build())
            all_same &= same(expected, got)
            args = build()
            t_py, t_fast = per_call_us(plain, args), per_call_us(fast, args)
        finally:
            setattr(corpus, name, plain)
        st = rustify_ml.status(fast)
        note = "" if same(expected, got) else "  RESULT DIFFERS"
        tier = st["tier"] if st["tier"] != "python" else f"python ({st['reason']})"
        print(f"{name:<18}{size:<14}{t_py:>11.1f}{t_fast:>12.2f}{t_py / t_fast:>8.1f}x  {tier}{note}")
    print("\nall results identical to CPython" if all_same else "\nSOME RESULTS DIFFER")
    return 0 if all_same else 1


if __name__ == "__main__":
    sys.exit(main())
