"""Integer and bool arithmetic: + - * and unary ops, exact past 2**63."""

I64_MAX = 2 ** 63 - 1
I64_MIN = -(2 ** 63)


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


def mul(a, b):
    return a * b


def neg(a):
    return -a


def pos(a):
    return +a


def invert(a):
    return ~a


def poly(x):
    return 3 * x * x - 7 * x + 2


def mixed_ops(a, b, c):
    return (a + b) * c - a * (b - c)


def sum_to(n):
    total = 0
    i = 0
    while i < n:
        total += i
        i += 1
    return total


def factorial(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r


def repeat_mul(x, n):
    r = 1
    for _ in range(n):
        r = r * x
    return r


def repeat_add(x, n):
    total = 0
    for _ in range(n):
        total += x
    return total


def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def collatz_steps(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


def lcg(seed, n):
    x = seed
    for _ in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
    return x


def overflow_then_back(a, b):
    # the intermediate leaves the 64-bit range, the result comes back into it
    big = a * b
    return big - a * b + 1


def grow_and_shrink(x, n):
    for _ in range(n):
        x = x * 10
    for _ in range(n):
        x = x // 10
    return x


def unary_chain(a):
    return -(-a) + (~(~a)) - +a


def not_not_int(a):
    return -(~a)


def bool_ops(a, b):
    return a + b, a - b, a * b, -a, +a, ~a


def digits_sum(n):
    s = 0
    if n < 0:
        n = -n
    while n > 0:
        s += n % 10
        n //= 10
    return s


def add_consts(a):
    return a + 9223372036854775807


def sub_consts(a):
    return a - 9223372036854775807 - 1


# run: add(1, 2)
# run: add(-5, 3)
# run: add(0, 0)
# run: add(I64_MAX, 0)
# run: add(I64_MIN, 0)
# run: add(2 ** 62, 2 ** 62 - 1)
# run-any: add(2 ** 62, 2 ** 62)
# run-any: add(I64_MAX, 1)
# run-any: add(I64_MIN, -1)
# run-any: add(2 ** 64, 1)
# run-any: add(-(2 ** 100), 2 ** 100)
# run: add(True, 1)
# run: add(True, True)
# run: add(False, False)
# run: add(1, False)
# run: sub(10, 3)
# run: sub(3, 10)
# run: sub(-1, I64_MAX)
# run: sub(0, I64_MAX)
# run-any: sub(I64_MIN, 1)
# run-any: sub(0, I64_MIN)
# run-any: sub(I64_MAX, -1)
# run: sub(True, True)
# run: sub(False, True)
# run: mul(6, 7)
# run: mul(-6, 7)
# run: mul(-6, -7)
# run: mul(0, -5)
# run: mul(3037000499, 3037000499)
# run: mul(-3037000499, 3037000499)
# run-any: mul(3037000500, 3037000500)
# run-any: mul(2 ** 32, 2 ** 32)
# run-any: mul(I64_MIN, -1)
# run: mul(I64_MIN, 1)
# run-any: mul(I64_MAX, 2)
# run: mul(True, 5)
# run: mul(True, False)
# run: mul(True, True)
# run: neg(5)
# run: neg(-5)
# run: neg(0)
# run: neg(I64_MAX)
# run-any: neg(I64_MIN)
# run: neg(True)
# run: neg(False)
# run: pos(7)
# run: pos(-7)
# run: pos(True)
# run: pos(False)
# run: invert(0)
# run: invert(5)
# run: invert(-1)
# run: invert(I64_MIN)
# run: invert(I64_MAX)
# run: invert(True)
# run: invert(False)
# run-any: invert(2 ** 70)
# run: poly(0)
# run: poly(5)
# run: poly(-5)
# run: poly(1000000)
# run-any: poly(2 ** 32)
# run-any: poly(-(2 ** 40))
# run: poly(True)
# run: mixed_ops(3, 4, 5)
# run: mixed_ops(-3, 4, -5)
# run-any: mixed_ops(2 ** 40, 2 ** 40, 2 ** 40)
# run: sum_to(0)
# run: sum_to(1)
# run: sum_to(100)
# run: sum_to(-3)
# run: sum_to(100000)
# run: factorial(0)
# run: factorial(1)
# run: factorial(10)
# run: factorial(20)
# run-any: factorial(21)
# run-any: factorial(30)
# run: repeat_mul(3, 39)
# run-any: repeat_mul(3, 40)
# run-any: repeat_mul(-2, 64)
# run: repeat_mul(-2, 63)
# run-any: repeat_mul(10, 25)
# run: repeat_mul(1, 1000)
# run: repeat_mul(-1, 1001)
# run: repeat_add(2 ** 40, 1000)
# run-any: repeat_add(2 ** 60, 20)
# run-any: repeat_add(-(2 ** 60), 20)
# run: repeat_add(True, 5)
# run: gcd(48, 18)
# run: gcd(17, 5)
# run: gcd(0, 9)
# run: gcd(9, 0)
# run: gcd(-48, 18)
# run: gcd(48, -18)
# run-any: gcd(2 ** 80, 2 ** 70 * 3)
# run: collatz_steps(1)
# run: collatz_steps(27)
# run: collatz_steps(97)
# run: collatz_steps(837799)
# run: lcg(1, 10)
# run: lcg(12345, 1000)
# run-any: overflow_then_back(2 ** 40, 2 ** 40)
# run: overflow_then_back(1000, 1000)
# run-any: grow_and_shrink(7, 25)
# run: grow_and_shrink(7, 10)
# run-any: grow_and_shrink(-7, 30)
# run: unary_chain(5)
# run: unary_chain(-9)
# run: unary_chain(True)
# run: not_not_int(41)
# run: not_not_int(-1)
# run-any: not_not_int(I64_MAX)
# run: bool_ops(True, False)
# run: bool_ops(True, True)
# run: bool_ops(False, False)
# run: bool_ops(7, 3)
# run: digits_sum(0)
# run: digits_sum(987654321)
# run: digits_sum(-12345)
# run: digits_sum(I64_MAX)
# run-any: digits_sum(I64_MIN)
# run-any: digits_sum(10 ** 30 + 7)
# run: add_consts(0)
# run: add_consts(-1)
# run-any: add_consts(1)
# run: sub_consts(0)
# run-any: sub_consts(-1)


def min_int_literal():
    return -9223372036854775808


def pow_minus_one(n):
    return (-1) ** n


# run: min_int_literal()
# run: pow_minus_one(2**32)
# run: pow_minus_one(2**32 + 1)
# run-any: pow_minus_one(2**63 - 2)
