"""Functions used by test_api.py (a real module, so sources and globals
behave as in user code)."""

import rustify_ml

SCALE = 2.0


@rustify_ml.jit
def scale_all(xs, k=2.0):
    """Scales every item in place by k."""
    for i in range(len(xs)):
        xs[i] = xs[i] * k


@rustify_ml.jit
def affine(x, a, b=1.0):
    return x * a + b


@rustify_ml.jit
def uses_dict(xs):
    d = {0: [1.0]}
    return len(xs) + len(d) - 1


@rustify_ml.jit
def scale_then_overrun(xs, n):
    for i in range(n):
        xs[i] = xs[i] * 2.0


@rustify_ml.jit
def mutate_then_overflow(xs, big):
    for i in range(len(xs)):
        xs[i] = xs[i] * 2.0
    return big * 2


@rustify_ml.jit
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


@rustify_ml.jit
def times_scale(x):
    return x * SCALE


@rustify_ml.jit
def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)


@rustify_ml.jit
def total(xs):
    s = 0.0
    for x in xs:
        s += x
    return s


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    @rustify_ml.jit
    def norm_plus(self, extra):
        return (self.x**2 + self.y**2) ** 0.5 + extra
