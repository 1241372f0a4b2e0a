"""numpy arrays as arguments: read and written in place through the buffer
protocol; element values are numpy scalars with numpy's (NEP 50) semantics.

The seed kernels run on float64, float32, int64 and int32 arrays, 1-d,
strided and 2-d; results are numpy scalars (or lists of them) exactly as
CPython gives them. Whatever numpy warns about (overflow, division by zero,
invalid values) or raises (an index out of bounds, with numpy's message; an
int out of an int32's range) is left to CPython.
"""

import os
from pathlib import Path

import numpy as np

_corpus_dir = os.environ.get("RUSTIFY_CORPUS")
if _corpus_dir:
    _corpus_dir = Path(_corpus_dir)
else:
    _corpus_dir = Path(__file__).resolve().parents[3] / "shared" / "corpus"
__corpus__ = str(_corpus_dir / "seed_kernels.py")



def arr(values, dtype="float64"):
    return np.array(values, dtype=dtype)


def seq(n, dtype="float64", seed=1):
    x = seed
    out = []
    for _ in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        out.append(x / 2147483648.0 * 255.0 - 100.0)
    return np.array(out).astype(dtype)


def grid(rows, cols, dtype="float64"):
    return seq(rows * cols, dtype).reshape(rows, cols)


def frozen(a):
    a.setflags(write=False)
    return a


def get(a, i):
    return a[i]


def get2(a, i, j):
    return a[i, j]


def get_row(a, i, j):
    row = a[i]
    return row[j] + a[i][j]


def shape_of(a):
    return a.shape, a.size, a.ndim, len(a)


def put(a, i, v):
    a[i] = v
    return a[i]


def put2(a, i, j, v):
    a[i, j] = v


def scale_rows(m, k):
    rows, cols = m.shape
    for i in range(rows):
        for j in range(cols):
            m[i, j] *= k
    return m.size


def add_then_fail(a, stop):
    for i in range(len(a)):
        a[i] = a[i] + 1
        if i == stop:
            raise ValueError("stopped at " + "the limit")
    return len(a)


def total(a):
    s = 0
    for x in a:
        s += x
    return s


def ftotal(a):
    s = 0.0
    for x in a:
        s = s + x
    return s


def mixed(a, b):
    return a[0] + b[0], a[0] * b[0], a[0] / b[0], a[0] - 1, a[0] * 2.5, 3 // a[0], a[0] % 3


def compare(a, x):
    return a[0] < x, a[0] == x, x >= a[0]


def first_over(a, limit):
    for i in range(len(a)):
        if a[i] > limit:
            return i
    return -1


def neg_abs(a):
    return -a[0], abs(a[1]), +a[0]


def convert(a):
    return float(a[0]), int(a[0]), round(a[1]), bool(a[2])


def divide(a, b):
    return a[0] / b[0]


def power(a, e):
    return a[0] ** e


def mean2d(m):
    rows, cols = m.shape
    acc = 0.0
    for i in range(rows):
        for j in range(cols):
            acc += m[i, j]
    return acc / m.size


def matvec(m, v):
    rows, cols = m.shape
    out = [0.0] * rows
    for i in range(rows):
        s = 0.0
        for j in range(cols):
            s += m[i, j] * v[j]
        out[i] = s
    return out


def window_rows(m, k):
    out = []
    for r in range(m.shape[0]):
        for i in range(m.shape[1] - k + 1):
            t = 0.0
            for j in range(k):
                t += m[r, i + j]
            out.append(t)
    return out


def saxpy(a, x, y):
    for i in range(len(y)):
        y[i] = a * x[i] + y[i]


def math_of(a):
    import_free = a[0]
    return import_free * 0.5


def truth_of(a):
    if a:
        return 1
    return 0


# Seed kernels on float64 arrays.
# run: euclidean(seq(1000, seed=1), seq(1000, seed=2))
# run: dot_product(seq(1000, seed=3), seq(1000, seed=4))
# run: normalize_pixels(seq(200), 127.5, 64.0)
# run: running_mean(seq(100), 10)
# run: standard_scale(seq(100), 127.5, 73.6)
# run: min_max_scale(seq(100), 0.0, 255.0)
# run: l2_normalize(seq(100))
# run: convolve1d(seq(100), arr([0.1, 0.2, 0.4, 0.2, 0.1]))
# run: moving_average(seq(100), 10)
# run: diff(seq(100))
# run: cumsum(seq(100))
# Other dtypes and layouts.
# run: dot_product(seq(100, "float32"), seq(100, "float32", seed=5))
# run: dot_product(seq(100, "int64"), seq(100, "int64", seed=5))
# run: dot_product(seq(100, "int32"), seq(100, "int32", seed=5))
# run: dot_product(seq(100, "float32"), seq(100, "float64", seed=5))
# run: dot_product(seq(100, "int32"), seq(100, "float32", seed=5))
# run: cumsum(seq(100, "float32"))
# run: cumsum(seq(100, "int32"))
# run: euclidean(seq(200)[::2], seq(300)[::3])
# run: euclidean(seq(100)[::-1], seq(100))
# run: convolve1d(grid(4, 25)[:, 3], arr([0.5, 0.5]))
# run: convolve1d(seq(10, "int32"), arr([1, 2, 3], "int32"))
# run: window_rows(grid(4, 6), 3)
# run: window_rows(grid(4, 6, "int64"), 6)
# run: window_rows(grid(4, 6), 7)
# run: l2_normalize(seq(100, "float32"))
# run: moving_average(seq(100, "int64"), 7)
# Empty arrays: the accumulator stays a Python float.
# run: dot_product(arr([]), arr([]))
# run: euclidean(arr([]), arr([]))
# run: cumsum(arr([]))
# run: total(arr([], "int64"))
# Indexing: negative indices, rows, numpy's IndexError message.
# run: get(arr([1.5, 2.5, 3.5]), -1)
# run: get(arr([1, 2, 3], "int32"), 0)
# run: get(arr([1.5, 2.5]), 2)
# run: get(arr([1.5, 2.5]), -3)
# run: get2(grid(3, 4), 2, -1)
# run: get2(grid(3, 4, "int64"), 1, 4)
# run: get2(grid(3, 4).T, 3, 2)
# run: get_row(grid(3, 4), 1, 2)
# run: get_row(np.asfortranarray(grid(3, 4)), 2, 3)
# run: mean2d(grid(4, 25)[:, 3:4])
# run: mean2d(np.asfortranarray(grid(5, 7, "int32")))
# run: euclidean(seq(1)[::5], seq(3)[::3])
# run: get(arr([1.5, 2.5]), arr([1], "int64")[0])
# run: shape_of(grid(3, 4))
# run: shape_of(seq(7))
# Writes in place, with numpy's conversions.
# run: put(arr([1.0, 2.0]), 0, 7)
# run: put(arr([1.0, 2.0], "float32"), 1, 0.1)
# run: put(arr([1, 2], "int64"), 1, True)
# run: put(arr([1, 2], "int32"), 0, 2 ** 40)
# run: put(arr([1, 2], "int32"), 0, -(2 ** 31))
# run-any: put(arr([1.0], "float32"), 0, 1e300)
# run: put(arr([1, 2], "int64"), 5, 1)
# run: put(np.zeros(3)[::2], 1, 4.5)
# run: put2(grid(3, 3), 1, 1, -0.0)
# run: put2(grid(3, 3, "int32"), -1, 0, 9)
# run: scale_rows(grid(3, 4), 2.0)
# run: scale_rows(grid(3, 4, "int64"), 3)
# run: scale_rows(grid(3, 4, "int32"), 100000)
# run: saxpy(2.0, seq(50), seq(50, seed=9))
# run: saxpy(2.0, seq(50, "float32"), seq(50, "float32", seed=9))
# A bail-out after writes puts the array back before CPython re-runs.
# run: add_then_fail(arr([1.0, 2.0, 3.0]), 1)
# run: add_then_fail(arr([1, 2, 3], "int64"), 5)
# run-any: put(frozen(np.arange(3.0)), 0, 1.0)
# run: get(frozen(np.arange(3.0)), 1)
# Scalar semantics (NEP 50): weak Python numbers, promotion, types.
# run: mixed(arr([7.0]), arr([2.0]))
# run-any: mixed(arr([7.0], "float32"), arr([2.0], "float32"))
# run: mixed(arr([7], "int64"), arr([2], "int64"))
# run: mixed(arr([7], "int32"), arr([2], "int32"))
# run: mixed(arr([-7], "int32"), arr([2], "int64"))
# run: mixed(arr([7], "int32"), arr([2.5], "float32"))
# run-any: mixed(arr([-7.5]), arr([-0.0]))
# run-any: mixed(arr([0], "int64"), arr([1], "int64"))
# run: total(arr([1, 2, 3], "int32"))
# run-any: total(arr([2 ** 62, 2 ** 62], "int64"))
# run-any: total(arr([2 ** 30, 2 ** 30], "int32"))
# run-any: total(arr([1.5, -2.5]))
# run-any: total(grid(2, 3))
# run: ftotal(arr([0.1, 0.2], "float32"))
# run: ftotal(arr([1, 2], "int32"))
# run: compare(arr([0.1], "float32"), 0.1)
# run: compare(arr([3], "int64"), 3.0)
# run: compare(arr([np.nan]), 1.0)
# run: first_over(seq(50), 100.0)
# run: first_over(seq(50, "int32"), 1000)
# run: neg_abs(arr([-0.0, -3.5]))
# run-any: neg_abs(arr([-(2 ** 31), 5], "int32"))
# run-any: neg_abs(arr([-(2 ** 63), 5], "int64"))
# run: convert(arr([2.5, 3.5, 0.0]))
# run: convert(arr([-2.5, 0.5, np.nan], "float32"))
# run-any: convert(arr([7, 8, 0], "int32"))
# run: convert(arr([np.inf, 1.0, 1.0]))
# Where numpy warns, CPython runs it (the warning included).
# run-any: divide(arr([1.0]), arr([0.0]))
# run-any: divide(arr([0.0]), arr([0.0]))
# run: divide(arr([np.nan]), arr([0.0]))
# run: divide(arr([np.inf]), arr([2.0]))
# run-any: divide(arr([1e308]), arr([1e-308]))
# run-any: divide(arr([3], "int64"), arr([0], "int64"))
# run-any: divide(arr([3e38], "float32"), arr([0.1], "float32"))
# run-any: total(arr([np.inf, -np.inf]))
# run-any: total(arr([np.nan, 1.0]))
# run: power(arr([2.0]), 0.5)
# run-any: power(arr([-8.0]), 1.0 / 3.0)
# run-any: power(arr([0.0]), -1.0)
# run: mean2d(grid(5, 7))
# run: mean2d(grid(5, 7, "float32"))
# run: mean2d(grid(5, 7)[::2, ::3])
# run: matvec(grid(4, 6), seq(6))
# run: matvec(grid(4, 6, "int64"), seq(6, "int64"))
# run: math_of(arr([3.0], "float32"))
# run-any: truth_of(arr([1.0]))
# run-any: truth_of(arr([1.0, 2.0]))


def add_scalar(a, x):
    return a[0] + x


def less_than(a, x):
    return a[0] < x


# A Python float too large for float32: numpy warns on the cast.
# run-any: add_scalar(arr([1.0], "float32"), 1e300)
# run-any: less_than(arr([1.0], "float32"), 1e300)
# run: add_scalar(arr([1.0], "float32"), 1e30)
# run: less_than(arr([1.0], "float32"), -1e30)
# numpy.longlong is not numpy.int64: its elements run in CPython.
# run-any: get(np.arange(3, dtype=np.longlong), 1)
