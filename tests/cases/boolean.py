"""and / or / not, truthiness, short-circuit evaluation, conditional expressions."""

nan = float("nan")
inf = float("inf")


def and_(a, b):
    return a and b


def or_(a, b):
    return a or b


def not_(a):
    return not a


def and3(a, b, c):
    return a and b and c


def or3(a, b, c):
    return a or b or c


def mixed_logic(a, b, c):
    return a and not b or c


def truthy(x):
    if x:
        return 1
    return 0


def truthy_while(n):
    count = 0
    while n:
        n -= 1
        count += 1
    return count


def safe_ratio(a, b):
    # short-circuit: b == 0 stops before the division
    if b != 0 and a / b > 1:
        return True
    return False


def safe_ratio_or(a, b):
    return b == 0 or a / b > 1


def safe_index(xs, i):
    return i < len(xs) and xs[i] > 0


def guard_default(x, d):
    return x or d


def cond_expr(x):
    return 1.0 if x > 0 else -1.0


def cond_nested(x):
    return "pos" if x > 0 else "neg" if x < 0 else "zero"


def cond_int(x):
    return x if x >= 0 else -x


def sign(x):
    return 1 if x > 0 else (-1 if x < 0 else 0)


def bool_to_int(b):
    return int(b) + b


def list_truthy(xs):
    if xs:
        return len(xs)
    return -1


def not_list(xs):
    return not xs


def xor(a, b):
    return (a and not b) or (not a and b)


def all_positive(xs):
    ok = True
    for x in xs:
        ok = ok and x > 0
    return ok


def any_nan(xs):
    found = False
    for x in xs:
        found = found or x != x
    return found


def bool_compare_sum(a, b):
    return (a > 0) + (b > 0), (a > 0) and (b > 0), not (a > 0)


# run: and_(0, 5)
# run: and_(3, 5)
# run: and_(-1, 0)
# run: and_(0.0, 2.5)
# run: and_(-0.0, 2.5)
# run: and_(nan, 2.5)
# run: and_(1.5, 2.5)
# run: and_(True, False)
# run: and_(False, True)
# run: and_(True, True)
# run-any: and_(True, 5)
# run-any: and_(False, 5)
# run-any: and_(1, 2.5)
# run-any: and_(0, 2.5)
# run-any: and_(0.0, 7)
# run-any: and_([], 3)
# run-any: and_([1.0], 3)
# run: or_(0, 5)
# run: or_(3, 5)
# run: or_(0, 0)
# run: or_(0.0, -0.0)
# run: or_(-0.0, 0.0)
# run: or_(nan, 1.0)
# run: or_(False, False)
# run: or_(True, False)
# run-any: or_(0, 0.0)
# run-any: or_(0.0, 0)
# run-any: or_(False, 7)
# run-any: or_(2, True)
# run-any: or_(0, 2 ** 70)
# run: not_(0)
# run: not_(7)
# run: not_(0.0)
# run: not_(-0.0)
# run: not_(nan)
# run: not_(5e-324)
# run: not_(True)
# run: not_(False)
# run: not_(-(2 ** 63))
# run-any: not_(2 ** 100)
# run: and3(1, 2, 3)
# run: and3(1, 0, 3)
# run: and3(0.5, 1.5, 0.0)
# run: or3(0, 0, 0)
# run: or3(0, 0, 9)
# run: or3(0.0, 2.0, 3.0)
# run: mixed_logic(True, False, False)
# run: mixed_logic(True, True, False)
# run: mixed_logic(False, True, True)
# run-any: mixed_logic(1, 0, 5)
# run-any: mixed_logic(1, 1, 5)
# run: truthy(0)
# run: truthy(-3)
# run: truthy(0.0)
# run: truthy(-0.0)
# run: truthy(nan)
# run: truthy(True)
# run: truthy_while(5)
# run: truthy_while(0)
# run: safe_ratio(5, 0)
# run: safe_ratio(5, 2)
# run: safe_ratio(1, 2)
# run: safe_ratio(5.0, 0.0)
# run: safe_ratio(5.0, -0.0)
# run: safe_ratio_or(5, 0)
# run: safe_ratio_or(5, 2)
# run: safe_ratio_or(1.0, 2.0)
# run: safe_index([1.0, -2.0], 0)
# run: safe_index([1.0, -2.0], 1)
# run: safe_index([1.0, -2.0], 2)
# run: safe_index([1.0, -2.0], 5)
# run: safe_index([], 0)
# run: guard_default(0, 10)
# run: guard_default(3, 10)
# run: guard_default(0.0, 1.5)
# run: guard_default(nan, 1.5)
# run: cond_expr(3)
# run: cond_expr(-3)
# run: cond_expr(0)
# run: cond_expr(nan)
# run: cond_expr(-0.0)
# run-any: cond_nested(1)
# run-any: cond_nested(0.0)
# run: cond_int(-5)
# run: cond_int(5)
# run: cond_int(-(2 ** 63) + 1)
# run-any: cond_int(-(2 ** 63))
# run: cond_int(-2.5)
# run: cond_int(-0.0)
# run: sign(10)
# run: sign(-0.5)
# run: sign(0.0)
# run: sign(nan)
# run: bool_to_int(True)
# run: bool_to_int(False)
# run: list_truthy([])
# run: list_truthy([0.0])
# run: list_truthy([[]])
# run: not_list([])
# run: not_list([1, 2])
# run: xor(True, False)
# run: xor(True, True)
# run: xor(False, False)
# run-any: xor(1, 0)
# run-any: xor(0, 3)
# run: all_positive([1, 2, 3])
# run: all_positive([1, -2, 3])
# run: all_positive([])
# run: all_positive([1.0, nan])
# run: any_nan([1.0, 2.0])
# run: any_nan([1.0, nan, 2.0])
# run: any_nan([])
# run: bool_compare_sum(1, 2)
# run: bool_compare_sum(-1, 2)
# run: bool_compare_sum(nan, 0.5)
