"""User raises of builtin exceptions, and builtin errors from inside loops."""

nan = float("nan")


def check_positive(x):
    if x <= 0:
        raise ValueError("x must be positive")
    return x * 2


def check_range(i, n):
    if i < 0 or i >= n:
        raise IndexError("index out of range for this table")
    return i


def fail_midway(n, k):
    total = 0
    for i in range(n):
        if i == k:
            raise RuntimeError("stopped at k")
        total += i
    return total


def validate_all(xs):
    for x in xs:
        if x != x:
            raise ValueError("nan in input")
        if x < 0:
            raise ArithmeticError("negative value")
    return len(xs)


def safe_div(a, b):
    if b == 0:
        raise ZeroDivisionError("custom: b is zero")
    return a / b


def raise_overflow(x):
    if x > 1e300:
        raise OverflowError("too big to handle")
    return x


def raise_type(x):
    if x < 0:
        raise TypeError("negative not allowed")
    return x


def raise_in_else(n):
    for i in range(n):
        if i > 100:
            break
    else:
        raise KeyError("loop finished without break")
    return n


def raise_bare_class(x):
    if x:
        raise ValueError
    return 0


def raise_no_message(x):
    if x:
        raise ValueError()
    return 0


def zero_div_in_loop(xs):
    total = 0.0
    for x in xs:
        total += 1.0 / x
    return total


def int_zero_div_in_loop(xs):
    total = 0
    for x in xs:
        total += 100 // x
    return total


def index_error_in_loop(xs, n):
    total = 0.0
    for i in range(n):
        total += xs[i]
    return total


def domain_error_in_loop(xs):
    import_free = 0.0
    for x in xs:
        import_free += x ** 0.5 if x >= 0 else _sqrt_or_raise(x)
    return import_free


def _sqrt_or_raise(x):
    raise ValueError("math domain error")


def nested_raise(x):
    return inner_raise(x) + 1


def inner_raise(x):
    if x == 3:
        raise ValueError("three is not allowed")
    return x


def assert_sorted(xs):
    for i in range(1, len(xs)):
        if xs[i - 1] > xs[i]:
            raise ValueError("not sorted")
    return True


# run: check_positive(5)
# run: check_positive(-5)
# run: check_positive(0.0)
# run: check_positive(nan)
# run: check_range(3, 5)
# run: check_range(5, 5)
# run: check_range(-1, 5)
# run: fail_midway(10, 20)
# run: fail_midway(10, 3)
# run: validate_all([1.0, 2.0])
# run: validate_all([1.0, nan])
# run: validate_all([1.0, -2.0, nan])
# run: validate_all([])
# run: safe_div(1, 2)
# run: safe_div(1, 0)
# run: safe_div(1.0, -0.0)
# run: raise_overflow(1e301)
# run: raise_overflow(1.0)
# run: raise_type(-1)
# run: raise_type(1)
# run: raise_in_else(5)
# run: raise_in_else(200)
# run-any: raise_bare_class(1)
# run: raise_bare_class(0)
# run-any: raise_no_message(1)
# run: raise_no_message(0)
# run: zero_div_in_loop([1.0, 2.0, 4.0])
# run: zero_div_in_loop([1.0, 0.0, 4.0])
# run: zero_div_in_loop([1.0, -0.0])
# run: zero_div_in_loop([1, 0])
# run: int_zero_div_in_loop([1, 2, 3])
# run: int_zero_div_in_loop([1, 0, 3])
# run: index_error_in_loop([1.0, 2.0], 2)
# run: index_error_in_loop([1.0, 2.0], 3)
# run: domain_error_in_loop([4.0, 9.0])
# run: domain_error_in_loop([4.0, -9.0])
# run: nested_raise(2)
# run: nested_raise(3)
# run: assert_sorted([1, 2, 3])
# run: assert_sorted([1, 3, 2])
