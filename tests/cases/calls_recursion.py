"""Calls between module-level functions, recursion, mutual recursion."""

nan = float("nan")


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def fib_float(n):
    if n < 2:
        return float(n)
    return fib_float(n - 1) + fib_float(n - 2)


def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)


def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)


def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)


def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


def power_rec(x, n):
    if n == 0:
        return 1.0
    if n % 2 == 0:
        h = power_rec(x, n // 2)
        return h * h
    return x * power_rec(x, n - 1)


def gcd_rec(a, b):
    if b == 0:
        return a
    return gcd_rec(b, a % b)


def sq(x):
    return x * x


def dist2(x1, y1, x2, y2):
    return sq(x2 - x1) + sq(y2 - y1)


def helper_later(x):
    # calls a function defined further down the file
    return defined_below(x) + 1


def defined_below(x):
    return x * 10


def mean(xs):
    s = 0.0
    for x in xs:
        s += x
    return s / len(xs)


def variance(xs):
    m = mean(xs)
    s = 0.0
    for x in xs:
        s += (x - m) * (x - m)
    return s / len(xs)


def push_squares(xs, n):
    for i in range(n):
        xs.append(sq(i))


def caller_of_mutator(n):
    out = []
    push_squares(out, n)
    return out


def checked_sqrt(x):
    if x < 0:
        raise ValueError("negative input")
    return x ** 0.5


def sum_sqrts(xs):
    total = 0.0
    for x in xs:
        total += checked_sqrt(x)
    return total


def pair(x):
    return x, -x


def use_pair(x):
    a, b = pair(x)
    return a * 2 + b


def binsearch(xs, t, lo, hi):
    if lo >= hi:
        return -1
    mid = (lo + hi) // 2
    if xs[mid] == t:
        return mid
    if xs[mid] < t:
        return binsearch(xs, t, mid + 1, hi)
    return binsearch(xs, t, lo, mid)


def hanoi(n):
    if n == 0:
        return 0
    return 2 * hanoi(n - 1) + 1


def count_down_to(n, acc):
    if n <= 0:
        return acc
    acc.append(n)
    return count_down_to(n - 1, acc)


def mixed_return(n):
    # returns int for some inputs and float for others
    if n > 0:
        return n
    return half(n)


def half(x):
    return x / 2


def sum_tree(depth):
    if depth == 0:
        return 1
    return sum_tree(depth - 1) + sum_tree(depth - 1) + 1


# run: fib(0)
# run: fib(1)
# run: fib(10)
# run: fib(20)
# run: fib(-3)
# run: fib_float(15)
# run: fact(0)
# run: fact(5)
# run: fact(20)
# run-any: fact(21)
# run-any: fact(50)
# run: is_even(10)
# run: is_odd(10)
# run: is_even(7)
# run: is_odd(0)
# run: ackermann(0, 0)
# run: ackermann(2, 3)
# run: ackermann(3, 3)
# run: power_rec(2.0, 10)
# run: power_rec(1.5, 7)
# run: power_rec(2, 0)
# run: power_rec(-0.0, 3)
# run: power_rec(10.0, 400)
# run: gcd_rec(48, 18)
# run: gcd_rec(7, 0)
# run: gcd_rec(-12, 18)
# run: dist2(0.0, 0.0, 3.0, 4.0)
# run: dist2(0, 0, 3, 4)
# run-any: dist2(0, 0, 2 ** 32, 2 ** 32)
# run: helper_later(5)
# run: helper_later(0.5)
# run: variance([1.0, 2.0, 3.0, 4.0])
# run: variance([5.0])
# run: variance([])
# run: variance([1, 2, 3])
# run: push_squares([1], 3)
# run: push_squares([], 0)
# run: caller_of_mutator(5)
# run: caller_of_mutator(0)
# run: sum_sqrts([1.0, 4.0, 9.0])
# run: sum_sqrts([1.0, -4.0, 9.0])
# run: sum_sqrts([])
# run: use_pair(3)
# run: use_pair(2.5)
# run: use_pair(-0.0)
# run: binsearch([1, 3, 5, 7, 9, 11], 7, 0, 6)
# run: binsearch([1, 3, 5, 7, 9, 11], 4, 0, 6)
# run: binsearch([], 4, 0, 0)
# run: binsearch([1.0, 2.0], 2.0, 0, 2)
# run: hanoi(10)
# run: hanoi(62)
# run-any: hanoi(64)
# run: count_down_to(5, [])
# run: count_down_to(0, [1.0])
# run: mixed_return(5)
# run: mixed_return(-5)
# run: mixed_return(0)
# run: sum_tree(10)
