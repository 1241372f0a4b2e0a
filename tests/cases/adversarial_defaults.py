"""Adversarial: default arguments used by native callers (positional calls
only): mutable defaults, defaults captured from globals at definition time."""

K = 2
SCALE = 1.5


def scaled(x, s=SCALE, k=K):
    return x * s + k


def use_scaled(x):
    return scaled(x), scaled(x, 2.0), scaled(x, 2.0, 3)


def set_globals(s, k):
    global SCALE, K
    SCALE = s
    K = k


def store(x, acc=[]):
    acc.append(x)
    return len(acc)


def use_store(x):
    return store(x) + store(x * 2.0)


def use_store_own(x):
    return store(x, [])


def read_default(i, acc=[5.0, 6.0]):
    return acc[i]


def use_read_default(i):
    return read_default(i)


def mutate_default(v, acc=[0.0]):
    acc[0] = acc[0] + v
    return acc[0]


def use_mutate_default(v):
    return mutate_default(v) + mutate_default(v)


def mutate_default_then_fail(v, d, acc=[0.0]):
    acc[0] = acc[0] + v
    acc.append(v)
    return v / d, len(acc)


def use_fail(v, d):
    return mutate_default_then_fail(v, d)


def neg_default(x, y=-0.0):
    return x + y


def use_neg_default(x):
    return neg_default(x)


def nan_default(x, y=float("nan")):
    return max(x, y), min(y, x)


def use_nan_default(x):
    return nan_default(x)


def big_default(x, y=2 ** 63 - 1):
    return y - x


def use_big_default(x):
    return big_default(x)


def huge_default(x, y=2 ** 64):
    return y - x


def use_huge_default(x):
    return huge_default(x)


def tuple_default(x, t=(1, 2.5)):
    a, b = t
    return a + b + x


def use_tuple_default(x):
    return tuple_default(x)


def none_default(x, y=None):
    if y is None:
        return x
    return x + y


# run-any: use_scaled(2)
# run-any: use_scaled(2.0)
# run-any: set_globals(10.0, 100)
# run-any: use_scaled(2)
# run: scaled(2)
# run-any: use_store(1.0)
# run-any: use_store(1.0)
# run: store(5.0)
# run-any: use_store(1.0)
# run: use_store_own(1.0)
# run-any: use_read_default(1)
# run-any: use_read_default(-2)
# run-any: use_read_default(2)
# run-any: use_mutate_default(1.5)
# run-any: use_mutate_default(1.5)
# run: mutate_default(1)
# run-any: use_mutate_default(1.5)
# run-any: use_fail(1.0, 2.0)
# run-any: use_fail(1.0, 0.0)
# run-any: use_fail(1.0, 4.0)
# run-any: use_fail(1, 0)
# run-any: use_fail(1.0, 4.0)
# run-any: use_neg_default(-0.0)
# run-any: use_nan_default(1.0)
# run-any: use_big_default(1)
# run-any: use_big_default(-1)
# run-any: use_huge_default(1)
# run-any: use_tuple_default(1)
# run-any: none_default(1)
# run: mutate_default_then_fail(1.0, 2.0)
# run-any: mutate_default_then_fail(1.0, 0.0)
# run: mutate_default_then_fail(1.0, 4.0)
# run-any: mutate_default_then_fail(1, 0)
# run: mutate_default_then_fail(2.0, 4.0)
# run-any: read_default(5)
# run: read_default(-1)
