"""Locals whose type depends on the path taken: the result type must be CPython's."""

nan = float("nan")


def maybe_float(flag):
    x = 1
    if flag:
        x = 2.5
    return x


def int_then_float_loop(n):
    x = 1
    for _ in range(n):
        x = x / 2
    return x


def floor_loop(n):
    x = 100
    for _ in range(n):
        x = x // 3
    return x


def accumulate_list(xs):
    total = 0
    for v in xs:
        total += v
    return total


def accumulate_with_start(xs, start):
    total = start
    for v in xs:
        total = total + v
    return total


def bool_then_int(n):
    flag = True
    for _ in range(n):
        flag = flag + 1
    return flag


def found_flag(xs, t):
    found = False
    for x in xs:
        if x == t:
            found = True
    return found


def swap_types(a, b):
    for _ in range(3):
        a, b = b, a
    return a, b


def running_max(xs):
    best = 0
    for x in xs:
        if x > best:
            best = x
    return best


def reassign_chain(n):
    a = n
    b = a * 2
    a = b / 4
    c = a + b
    return a, b, c


def result_by_sign(x):
    if x > 0:
        r = x
    elif x < 0:
        r = -1.5
    else:
        r = False
    return r


def result_by_sign_num(x):
    # int on two paths, float on one: no bool involved
    if x > 0:
        r = x
    elif x < 0:
        r = -1.5
    else:
        r = 0
    return r


def int_or_float_loop(xs):
    best = 0
    for x in xs:
        if x > best:
            best = x
        elif x < -100:
            best = -0.5
    return best


def counter_float(xs):
    count = 0
    weight = 0
    for x in xs:
        count += 1
        weight += x * 0.5
    return count, weight


def shadow_param(x):
    x = x * 2
    x = x + 0.5
    return x


def int_overflowing_local(n):
    x = 1
    for _ in range(n):
        x = x * 1000
    return x


def maybe_unbound(flag):
    if flag:
        y = 1.0
    return y


def half_steps(n):
    x = n
    steps = 0
    while x > 1:
        x = x / 2 if x % 2 else x // 2
        steps += 1
    return x, steps


def mean_or_zero(xs):
    if len(xs) == 0:
        return 0
    s = 0.0
    for x in xs:
        s += x
    return s / len(xs)


# run: maybe_float(True)
# run: maybe_float(False)
# run: int_then_float_loop(0)
# run: int_then_float_loop(1)
# run: int_then_float_loop(5)
# run: int_then_float_loop(1100)
# run: floor_loop(0)
# run: floor_loop(3)
# run: accumulate_list([])
# run: accumulate_list([1, 2, 3])
# run: accumulate_list([1.5, 2.5])
# run: accumulate_list([-0.0])
# run: accumulate_list([True, True, False])
# run-any: accumulate_list([1, 2.5, 3])
# run-any: accumulate_list([2 ** 62, 2 ** 62, 2 ** 62])
# run-any: accumulate_list([2 ** 62, 2 ** 62, -(2 ** 62), -(2 ** 62)])
# run: accumulate_with_start([1, 2], 0.0)
# run: accumulate_with_start([1.0, 2.0], 0)
# run: accumulate_with_start([], 0.0)
# run: accumulate_with_start([], 7)
# run-any: accumulate_with_start([], True)
# run-any: accumulate_with_start([True], False)
# run-any: bool_then_int(0)
# run-any: bool_then_int(3)
# run: found_flag([1, 2, 3], 2)
# run: found_flag([1, 2, 3], 5)
# run: found_flag([], 5)
# run: found_flag([nan], nan)
# run: swap_types(1, 2.5)
# run-any: swap_types(True, 0.5)
# run: running_max([])
# run: running_max([1, 5, 3])
# run: running_max([0.5, 2.5])
# run: running_max([-1.0, -2.0])
# run: running_max([nan, 1.0])
# run: reassign_chain(5)
# run: reassign_chain(-3)
# run-any: reassign_chain(True)
# run: reassign_chain(2.5)
# run-any: result_by_sign(3)
# run-any: result_by_sign(-3)
# run-any: result_by_sign(0)
# run-any: result_by_sign(2.5)
# run-any: result_by_sign(nan)
# run: result_by_sign_num(3)
# run: result_by_sign_num(-3)
# run: result_by_sign_num(0)
# run: result_by_sign_num(2.5)
# run: result_by_sign_num(-0.0)
# run: result_by_sign_num(nan)
# run: int_or_float_loop([1, 5, 2])
# run: int_or_float_loop([1, -500, 2])
# run: int_or_float_loop([])
# run: int_or_float_loop([-1, -2])
# run: counter_float([])
# run: counter_float([1, 2, 3])
# run: counter_float([1.0, -0.0])
# run: shadow_param(3)
# run: shadow_param(-0.25)
# run: int_overflowing_local(6)
# run-any: int_overflowing_local(7)
# run-any: int_overflowing_local(20)
# run: maybe_unbound(True)
# run: maybe_unbound(False)
# run: half_steps(64)
# run: half_steps(7)
# run: half_steps(1)
# run: half_steps(1000)
# run: mean_or_zero([])
# run: mean_or_zero([1.0, 2.0])
# run: mean_or_zero([1, 2])


SHADOWED = 5


def annotated_only(x):
    SHADOWED: int
    if x > 0:
        SHADOWED = x
    return SHADOWED


# run: annotated_only(3)
# run: annotated_only(-1)
