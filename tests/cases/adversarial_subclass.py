"""Adversarial: subclasses of int from another module (IntEnum members) as
arguments and list items; results keep CPython's types. (Classes defined in
the case file itself cannot be compared across tiers.)"""

from http import HTTPStatus


def add1(x):
    return x + 1.0


def radd(x):
    return 1 + x


def mul(x):
    return x * 3


def same(x):
    return x


def first(xs):
    return xs[0]


def total(xs):
    t = 0.0
    for v in xs:
        t += v
    return t


def idx(xs, i):
    return xs[i]


def rng(n):
    t = 0
    for i in range(n):
        t += i
    return t


def store(xs, v):
    xs[0] = v
    xs.append(v)
    return xs


def maxof(a, b):
    return max(a, b)


def neg(x):
    return -x


def fdiv(a, b):
    return a // b


# run-any: mul(HTTPStatus.OK)
# run-any: same(HTTPStatus.OK)
# run-any: neg(HTTPStatus.OK)
# run-any: idx([1.0, 2.0], HTTPStatus.CONTINUE)
# run-any: rng(HTTPStatus.CONTINUE)
# run-any: first([HTTPStatus.OK, 1])
# run-any: first([1, HTTPStatus.OK])
# run-any: store([1], HTTPStatus.OK)
# run-any: maxof(200, HTTPStatus.OK)
# run-any: fdiv(HTTPStatus.OK, 7)
# run: total([1.0, 2.0])
