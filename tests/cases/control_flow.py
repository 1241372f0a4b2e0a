"""if / elif / else, early return, pass, implicit None, nested branches."""

nan = float("nan")
inf = float("inf")


def classify(x):
    if x < 0:
        return -1
    elif x == 0:
        return 0
    elif x < 10:
        return 1
    else:
        return 2


def grade(score):
    if score >= 90:
        g = 4
    elif score >= 80:
        g = 3
    elif score >= 70:
        g = 2
    elif score >= 60:
        g = 1
    else:
        g = 0
    return g


def nested(a, b):
    if a > 0:
        if b > 0:
            return 1
        else:
            return 2
    else:
        if b > 0:
            return 3
    return 4


def abs_diff(a, b):
    if a > b:
        d = a - b
    else:
        d = b - a
    return d


def with_pass(x):
    if x > 0:
        pass
    else:
        x = -x
    return x


def only_pass(x):
    pass


def in_place_or_nothing(xs, flag):
    if flag:
        xs.append(1.0)


def maybe_none(x):
    if x > 0:
        return x


def first_negative(xs):
    for i in range(len(xs)):
        if xs[i] < 0:
            return i
    return -1


def early_exit_while(n):
    i = 0
    while True:
        if i * i > n:
            return i
        i += 1


def piecewise(x):
    if x < -1.0:
        y = -1.0
    elif x > 1.0:
        y = 1.0
    else:
        y = x
    return y * 2.0


def bool_result(a, b):
    if a > b:
        return True
    return False


def fizz(n):
    total = 0
    for i in range(1, n + 1):
        if i % 15 == 0:
            total += 15
        elif i % 5 == 0:
            total += 5
        elif i % 3 == 0:
            total += 3
        else:
            total += 1
    return total


def deep_nesting(a, b, c):
    r = 0
    if a:
        if b:
            if c:
                r = 7
            else:
                r = 6
        elif c:
            r = 5
        else:
            r = 4
    elif b:
        r = 2 if c else 3
    return r


def branch_types(x):
    # the result's type depends on the branch taken
    if x > 0:
        y = x * 2
    else:
        y = 0.5
    return y


def unreachable_after_return(x):
    return x + 1
    x = x * 100  # noqa: unreachable


def docstring_only(x):
    """A docstring is not code."""
    return x * 3


# run: classify(-5)
# run: classify(0)
# run: classify(-0.0)
# run: classify(5)
# run: classify(10)
# run: classify(nan)
# run: classify(inf)
# run: classify(9.999)
# run: grade(95)
# run: grade(85)
# run: grade(75.5)
# run: grade(65)
# run: grade(10)
# run: grade(nan)
# run: nested(1, 1)
# run: nested(1, -1)
# run: nested(-1, 1)
# run: nested(-1, -1)
# run: nested(nan, nan)
# run: abs_diff(3, 5)
# run: abs_diff(5, 3)
# run: abs_diff(-0.0, 0.0)
# run: abs_diff(0.0, -0.0)
# run: abs_diff(2.5, 1)
# run: with_pass(5)
# run: with_pass(-5)
# run: with_pass(-0.0)
# run: only_pass(1)
# run: only_pass(1.5)
# run: in_place_or_nothing([2.0], True)
# run: in_place_or_nothing([2.0], False)
# run: in_place_or_nothing([], True)
# run-any: maybe_none(5)
# run-any: maybe_none(-5)
# run-any: maybe_none(0.0)
# run: first_negative([1, 2, -3, -4])
# run: first_negative([1.0, 2.0])
# run: first_negative([])
# run: first_negative([nan, -0.0, -1.0])
# run: early_exit_while(0)
# run: early_exit_while(99)
# run: early_exit_while(100)
# run: early_exit_while(-5)
# run: piecewise(-3.0)
# run: piecewise(3.0)
# run: piecewise(0.25)
# run: piecewise(-0.0)
# run: piecewise(nan)
# run: bool_result(1, 2)
# run: bool_result(2, 1)
# run: bool_result(nan, 1.0)
# run: fizz(15)
# run: fizz(100)
# run: fizz(0)
# run: deep_nesting(True, True, True)
# run: deep_nesting(True, True, False)
# run: deep_nesting(True, False, True)
# run: deep_nesting(True, False, False)
# run: deep_nesting(False, True, True)
# run: deep_nesting(False, True, False)
# run: deep_nesting(False, False, True)
# run: deep_nesting(1, 0, 1)
# run: branch_types(3)
# run: branch_types(-3)
# run: branch_types(0)
# run: branch_types(1.5)
# run: branch_types(True)
# run: unreachable_after_return(1)
# run: docstring_only(4)
# run: docstring_only(1.5)
