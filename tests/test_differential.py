"""Randomized differential tests: plain CPython vs each tier on many inputs.

Inputs come from random.Random with a fixed seed (RUSTIFY_DIFF_SEED overrides
it, RUSTIFY_DIFF_SAMPLES the number of inputs per function), weighted towards
the values where native code goes wrong: ints at 0, +-1 and around +-2**31,
+-2**53, +-2**63 and just past them; floats +-0.0, +-inf, nan, subnormals,
the extremes of the finite range, halves (round), and empty and one-element
lists. Only results, exceptions and argument mutations are compared (with
conformance.same); which tier finished a call is not asserted here.

Why not hypothesis: it would be a new dependency, and the value here is in the
hand-weighted edge distribution rather than in shrinking; a fixed-seed
Random is deterministic by construction, has no deadline/health-check
interplay with first-call compile times, and every failure report prints the
exact arguments, seed and sample number needed to reproduce it.
"""

from __future__ import annotations

import copy
import math
import os
import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import conformance as C  # noqa: E402

SEED = int(os.environ.get("RUSTIFY_DIFF_SEED", "20250101"))
SAMPLES = int(os.environ.get("RUSTIFY_DIFF_SAMPLES", "300"))
MAX_REPORTED = 12

I64_MAX = 2 ** 63 - 1
I64_MIN = -(2 ** 63)

SPECIAL_INTS = [
    0, 1, -1, 2, -2, 3, -3, 7, 10, -10, 255, 1000,
    2 ** 31 - 1, 2 ** 31, -(2 ** 31), 2 ** 32, -(2 ** 32),
    3037000499, 3037000500, -3037000500,
    2 ** 53 - 1, 2 ** 53, 2 ** 53 + 1, -(2 ** 53) - 1,
    10 ** 18, -(10 ** 18), 2 ** 62, -(2 ** 62),
    I64_MAX - 1, I64_MAX, I64_MIN, I64_MIN + 1,
    2 ** 63, I64_MIN - 1, 2 ** 64, -(2 ** 64), 10 ** 19, 2 ** 100,
]

SPECIAL_FLOATS = [
    0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 3.5, 0.1, 1 / 3, 2.675,
    0.49999999999999994, 4503599627370496.5, 1e16, 1e22,
    math.inf, -math.inf, math.nan, -math.nan,
    5e-324, -5e-324, 2.225073858507201e-308, 2.2250738585072014e-308,
    1.7976931348623157e308, -1.7976931348623157e308, 1e-300, 1e300, -1e300,
    9007199254740992.0, 9007199254740994.0, 9.223372036854776e18, -9.223372036854776e18,
    9.2e18, 1.8446744073709552e19, 709.0, 710.0, -745.0, -746.0,
]


class Gen:
    def __init__(self, rng: random.Random):
        self.r = rng

    def int_(self) -> int:
        r = self.r
        p = r.random()
        if p < 0.35:
            return r.choice(SPECIAL_INTS)
        if p < 0.65:
            return r.randint(-100, 100)
        if p < 0.85:
            return r.randint(-(2 ** 31), 2 ** 31)
        if p < 0.97:
            return r.randint(I64_MIN, I64_MAX)
        return r.randint(-(2 ** 80), 2 ** 80)

    def small_int(self, lo: int = -20, hi: int = 20) -> int:
        return self.r.randint(lo, hi)

    def float_(self) -> float:
        r = self.r
        p = r.random()
        if p < 0.35:
            return r.choice(SPECIAL_FLOATS)
        if p < 0.6:
            return r.uniform(-10.0, 10.0)
        if p < 0.7:
            return float(r.randint(-1000, 1000)) + r.choice([0.0, 0.5, -0.5])
        if p < 0.9:
            return r.choice([1.0, -1.0]) * math.ldexp(r.random(), r.randint(-1074, 1024))
        return r.uniform(-1e6, 1e6)

    def bool_(self) -> bool:
        return self.r.random() < 0.5

    def num(self):
        p = self.r.random()
        if p < 0.45:
            return self.int_()
        if p < 0.92:
            return self.float_()
        return self.bool_()

    def length(self, hi: int = 30) -> int:
        p = self.r.random()
        if p < 0.12:
            return 0
        if p < 0.25:
            return 1
        return self.r.randint(2, hi)

    def float_list(self, n: int | None = None) -> list:
        n = self.length() if n is None else n
        return [self.float_() for _ in range(n)]

    def int_list(self, n: int | None = None) -> list:
        n = self.length() if n is None else n
        return [self.int_() for _ in range(n)]

    def num_list(self, n: int | None = None) -> list:
        p = self.r.random()
        if p < 0.5:
            return self.float_list(n)
        if p < 0.85:
            return self.int_list(n)
        n = self.length() if n is None else n
        return [self.num() for _ in range(n)]

    def pair_lists(self):
        xs = self.float_list()
        if self.r.random() < 0.85:
            ys = self.float_list(len(xs))
        else:
            ys = self.float_list()
        return xs, ys

    def exponent(self):
        p = self.r.random()
        if p < 0.6:
            return self.r.randint(-80, 80)
        if p < 0.9:
            return self.float_()
        return self.r.choice([0, 1, -1, 2, 0.5, -0.5, True, False])

    def ndigits(self):
        if self.r.random() < 0.9:
            return self.r.randint(-25, 25)
        return self.r.choice([-400, 400, 308, 323, 324, -308, True])

    def range_args(self):
        step = self.r.choice([1, 2, 3, -1, -2, -7, 0, 2 ** 62, -(2 ** 62), I64_MAX, I64_MIN])
        a = self.r.choice([self.int_(), self.small_int(), I64_MAX - 5, I64_MIN + 5])
        if step == 0:
            b = a + self.small_int(-5, 5)
        else:
            b = a + step * self.r.randint(-5, 40) + self.small_int(-1, 1)
        return a, b, step

    def sorted_floats(self):
        xs = sorted(x for x in self.float_list() if x == x)
        ys = self.float_list(len(xs))
        return xs, ys, self.float_()


# name -> (source, argument generator)
KERNELS = "seed_kernels.py"
FUNCS = "differential_funcs.py"

SPECS = {
    # seed float kernels (source in shared/corpus)
    "euclidean": (KERNELS, lambda g: g.pair_lists()),
    "dot_product": (KERNELS, lambda g: g.pair_lists()),
    "normalize_pixels": (KERNELS, lambda g: (g.float_list(), g.num(), g.num())),
    "standard_scale": (KERNELS, lambda g: (g.num_list(), g.float_(), g.num())),
    "min_max_scale": (KERNELS, lambda g: (g.float_list(), g.num(), g.num())),
    "running_mean": (KERNELS, lambda g: (g.num_list(), g.small_int(-3, 35))),
    "l2_normalize": (KERNELS, lambda g: (g.num_list(),)),
    "convolve1d": (KERNELS, lambda g: (g.float_list(), g.float_list(g.r.randint(0, 8)))),
    "moving_average": (KERNELS, lambda g: (g.float_list(), g.small_int(-3, 35))),
    "diff": (KERNELS, lambda g: (g.num_list(),)),
    "cumsum": (KERNELS, lambda g: (g.num_list(),)),
    # arithmetic and loops (tests/cases/differential_funcs.py)
    "int_mix": (FUNCS, lambda g: (g.int_(), g.int_(), g.int_())),
    "int_div_all": (FUNCS, lambda g: (g.int_(), g.r.choice([g.int_(), g.small_int(-3, 3)]))),
    "float_div_all": (FUNCS, lambda g: (g.num(), g.r.choice([g.float_(), 0.0, -0.0, g.num()]))),
    "power": (FUNCS, lambda g: (g.r.choice([g.int_(), g.float_(), g.small_int(-3, 3)]), g.exponent())),
    "float_mix": (FUNCS, lambda g: (g.num(), g.num())),
    "compare_all": (FUNCS, lambda g: (g.num(), g.num())),
    "chain": (FUNCS, lambda g: (g.num(), g.num(), g.num())),
    "unary": (FUNCS, lambda g: (g.num(),)),
    "int_unary": (FUNCS, lambda g: (g.r.choice([g.int_(), g.bool_()]),)),
    "rounding": (FUNCS, lambda g: (g.num(),)),
    "rounding_n": (FUNCS, lambda g: (g.num(), g.ndigits())),
    "conversions": (FUNCS, lambda g: (g.num(),)),
    "floor_ceil": (FUNCS, lambda g: (g.num(),)),
    "math_unary": (FUNCS, lambda g: (g.num(),)),
    "math_safe": (FUNCS, lambda g: (g.num(),)),
    "math_binary": (FUNCS, lambda g: (g.num(), g.num())),
    "math_pow": (FUNCS, lambda g: (g.num(), g.exponent())),
    "min_max": (FUNCS, lambda g: (g.num(), g.num(), g.num())),
    "poly_eval": (FUNCS, lambda g: (g.float_list(g.r.randint(0, 8)), g.float_())),
    "int_poly": (FUNCS, lambda g: (g.int_list(g.r.randint(0, 8)), g.int_())),
    "list_stats": (FUNCS, lambda g: (g.num_list(),)),
    "int_list_ops": (FUNCS, lambda g: (g.int_list(),)),
    "builtin_reductions": (FUNCS, lambda g: (g.num_list(),)),
    "count_above": (FUNCS, lambda g: (g.num_list(), g.num())),
    "clamp_all": (FUNCS, lambda g: (g.float_list(), g.float_(), g.float_())),
    "scale_in_place": (FUNCS, lambda g: (g.num_list(), g.num())),
    "weird_loop": (FUNCS, lambda g: g.range_args()),
    "collatz_len": (FUNCS, lambda g: (g.int_(),)),
    "interp": (FUNCS, lambda g: g.sorted_floats()),
}

TIER_NAMES = C.tiers_under_test()

_modules: dict = {}


def _module_pair(source: str, tier: str):
    """(oracle, tier) TierModules for a case file, loaded once per tier."""
    key = (source, tier)
    if key not in _modules:
        try:
            backend = C.get_backend(tier)
            path = C.CASES_DIR / source
            _modules[key] = (C.TierModule(path, C.Backend(), "oracle"), C.TierModule(path, backend, tier))
        except C.BackendUnavailable as e:
            _modules[key] = e
        except Exception as e:
            _modules[key] = RuntimeError(f"cannot load {source} for tier {tier!r}: {type(e).__name__}: {e}")
    r = _modules[key]
    if isinstance(r, BaseException):
        pytest.fail(str(r), pytrace=False)
    return r


def test_specs_cover_every_differential_function():
    funcs = C.load_module(C.CASES_DIR / FUNCS, "check")
    defined = {n for n, v in vars(funcs).items() if callable(v) and getattr(v, "__module__", None) == funcs.__name__}
    assert defined == {n for n, (src, _) in SPECS.items() if src == FUNCS}


def test_generator_hits_the_edges():
    # The distribution must actually contain the values it claims to target.
    g = Gen(random.Random(SEED))
    ints = [g.int_() for _ in range(3000)]
    floats = [g.float_() for _ in range(3000)]
    for v in (0, 1, -1, I64_MAX, I64_MIN, 2 ** 63, I64_MIN - 1):
        assert v in ints, v
    assert any(x > I64_MAX for x in ints) and any(I64_MIN <= x <= I64_MAX and abs(x) > 2 ** 53 for x in ints)
    assert any(math.isnan(x) for x in floats)
    assert any(x == 0.0 and math.copysign(1.0, x) < 0 for x in floats)
    assert math.inf in floats and -math.inf in floats
    assert any(0.0 < abs(x) < 2.2250738585072014e-308 for x in floats)
    assert any(abs(x) > 1e300 and math.isfinite(x) for x in floats)
    lists = [g.float_list() for _ in range(300)]
    assert any(len(xs) == 0 for xs in lists) and any(len(xs) == 1 for xs in lists)


@pytest.mark.parametrize("tier", TIER_NAMES)
@pytest.mark.parametrize("fname", sorted(SPECS))
def test_differential(fname: str, tier: str):
    source, make_args = SPECS[fname]
    oracle, under = _module_pair(source, tier)
    plain = oracle.lookup(fname)
    wrapped = under.lookup(fname)
    rng = random.Random(f"{SEED}:{fname}")
    g = Gen(rng)
    mismatches = []
    for i in range(SAMPLES):
        args = list(make_args(g))
        shown = C.short_repr(tuple(args), 300)
        py = C.call_outcome(plain, copy.deepcopy(args), {})
        t = C.call_outcome(wrapped, copy.deepcopy(args), {})
        problems = C.compare_outcomes(py, t, tier)
        if problems:
            mismatches.append(
                f"sample {i}: {fname}{shown}\n  CPython: {py.describe()}\n  {tier}: {t.describe()}\n"
                + "\n".join("  -> " + p for p in problems))
    if mismatches:
        head = (f"{len(mismatches)}/{SAMPLES} random inputs differ for {fname} on tier {tier!r} "
                f"(RUSTIFY_DIFF_SEED={SEED}):\n")
        pytest.fail(head + "\n".join(mismatches[:MAX_REPORTED]), pytrace=False)
