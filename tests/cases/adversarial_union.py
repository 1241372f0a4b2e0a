"""Adversarial: variables that are int on one path and float on another (Num)."""

import math


def flip(n):
    x = 0
    for i in range(n):
        if i % 2 == 0:
            x = x + 1
        else:
            x = x * 0.5
    return x


def aug_union(flag, a):
    x = 1
    if flag:
        x = 2.5
    x += a
    x *= 2
    x //= 3
    x %= 7
    return x


def union_cmp(flag):
    x = 3
    if flag:
        x = 3.0
    return x == 3, x < 3.5, x > 2, x != 3, x <= -1


def union_minmax(flag):
    x = 2
    if flag:
        x = 2.0
    return min(x, 2), max(2, x), min(x, 1.5), max(x, 3)


def union_abs(flag, v):
    x = v
    if flag:
        x = float(v)
    return abs(x), -x, +x


def union_round(flag, v):
    x = v
    if flag:
        x = v + 0.0
    return round(x), round(x, 1), round(x, -1), round(x, 0)


def union_int(flag, v):
    x = v
    if flag:
        x = v * 1.0
    return int(x), float(x), bool(x)


def union_math(flag, v):
    x = v
    if flag:
        x = v / 1
    return math.sqrt(x), math.floor(x), math.ceil(x), math.trunc(x), math.fabs(x)


def union_tuple(flag):
    x = 1
    if flag:
        x = 1.0
    return (x, x + 1, x * x)


def union_list(flag):
    x = 5
    if flag:
        x = 5.0
    out = [x, x]
    out.append(x - 5)
    return out


def callee(y):
    return y * 2


def union_pass(flag):
    x = 7
    if flag:
        x = 7.5
    return callee(x)


def union_bool(flag, v):
    x = v
    if flag:
        x = v * 1.0
    if x:
        return 1
    return 0


def union_not(flag, v):
    x = v
    if flag:
        x = float(v)
    return not x, x and 5, x or 6


def union_loop_acc(xs):
    total = 0
    for v in xs:
        total += v
    return total


def union_while(n):
    x = n
    while x > 1:
        if x % 2 == 0:
            x = x / 2
        else:
            x = 3 * x + 1
    return x


def union_pow(flag, e):
    x = 2
    if flag:
        x = 2.0
    return x ** e


def union_div(flag, d):
    x = 7
    if flag:
        x = 7.0
    return x / d, x // d, x % d


def union_swap(n):
    a = 1
    b = 2.0
    for i in range(n):
        a, b = b, a
    return a, b


def union_index(flag, xs):
    i = 1
    if flag:
        i = 1.0
    return xs[int(i)]


def union_range(flag):
    n = 3
    if flag:
        n = 3.0
    total = 0
    for i in range(int(n)):
        total += i
    return total


def union_neg_zero(flag):
    x = 0
    if flag:
        x = -0.0
    return x, -x, x * -1, abs(x), x + 0, x - 0


def union_floordiv_inf(flag):
    x = 5
    if flag:
        x = math.inf
    return x // 2, x % 2


def union_ret(flag):
    if flag:
        return 1
    return 1.0


def union_ret_use(flag):
    r = union_ret(flag)
    return r + 1, r * 3, r / 2


def union_sum(flag, xs):
    s = 0
    if flag:
        s = 0.0
    return sum(xs, s)


def union_max_list(xs):
    return max(xs), min(xs)


def union_hash_like(flag):
    x = 1
    if flag:
        x = 1.0
    y = x
    y += 1
    return x, y


def union_cmp_chain(flag, v):
    x = v
    if flag:
        x = float(v)
    return 0 < x <= 10, x == v, x >= 2 ** 53


def union_mixed_aug(n):
    x = 0
    for i in range(n):
        x += 0.5
        x -= 0.5
        x = int(x)
    return x


def union_in_loop_type(n):
    out = []
    x = 0
    for i in range(n):
        out.append(x)
        x = x + 0.5 if i % 2 else x + 1
    return out


# run: flip(0)
# run: flip(1)
# run: flip(2)
# run: flip(7)
# run: aug_union(False, 3)
# run: aug_union(True, 3)
# run: aug_union(False, 3.5)
# run: aug_union(True, -4)
# run: union_cmp(False)
# run: union_cmp(True)
# run: union_minmax(False)
# run: union_minmax(True)
# run: union_abs(False, -3)
# run: union_abs(True, -3)
# run: union_abs(True, 0)
# run: union_abs(False, 0)
# run-any: union_round(False, 25)
# run-any: union_round(True, 25)
# run-any: union_round(True, 15)
# run-any: union_round(False, -35)
# run-any: union_round(True, -35)
# run-any: union_round(False, 5)
# run-any: union_round(True, 5)
# run: union_int(False, -7)
# run: union_int(True, -7)
# run: union_int(True, 0)
# run: union_math(False, 9)
# run: union_math(True, 9)
# run-any: union_math(True, -9)
# run-any: union_math(False, -9)
# run: union_tuple(False)
# run: union_tuple(True)
# run: union_list(False)
# run: union_list(True)
# run: union_pass(False)
# run: union_pass(True)
# run: union_bool(False, 0)
# run: union_bool(True, 0)
# run: union_bool(True, 2)
# run: union_not(False, 0)
# run: union_not(True, 0)
# run: union_not(True, 3)
# run: union_not(False, 3)
# run-any: union_loop_acc([1, 2.5, 3])
# run-any: union_loop_acc([1, 2, 3])
# run-any: union_loop_acc([1.5, 2, 3])
# run: union_while(6)
# run: union_while(27)
# run: union_while(1)
# run: union_pow(False, 3)
# run: union_pow(True, 3)
# run: union_pow(False, -1)
# run: union_pow(True, -1)
# run: union_pow(False, 0)
# run: union_pow(False, 0.5)
# run: union_div(False, 2)
# run: union_div(True, 2)
# run: union_div(False, -2)
# run: union_div(True, -2)
# run-any: union_div(False, 0)
# run-any: union_div(True, 0)
# run: union_div(False, 2.5)
# run: union_swap(0)
# run: union_swap(1)
# run: union_swap(2)
# run: union_index(False, [1.0, 2.0])
# run: union_index(True, [1.0, 2.0])
# run: union_range(False)
# run: union_range(True)
# run: union_neg_zero(False)
# run: union_neg_zero(True)
# run: union_floordiv_inf(False)
# run: union_floordiv_inf(True)
# run: union_ret_use(False)
# run: union_ret_use(True)
# run-any: union_sum(False, [1, 2])
# run-any: union_sum(True, [1, 2])
# run-any: union_sum(False, [1.5, 2.5])
# run-any: union_sum(True, [-0.0])
# run-any: union_sum(False, [-0.0])
# run-any: union_sum(False, [])
# run-any: union_sum(True, [])
# run-any: union_max_list([1, 2.5, 2])
# run-any: union_max_list([2.5, 1, 3])
# run-any: union_max_list([1.0, 1])
# run-any: union_max_list([1, 1.0])
# run: union_hash_like(False)
# run: union_hash_like(True)
# run: union_cmp_chain(False, 5)
# run: union_cmp_chain(True, 5)
# run: union_cmp_chain(False, 2 ** 53 + 1)
# run: union_cmp_chain(True, 2 ** 53 + 1)
# run: union_mixed_aug(3)
# run: union_mixed_aug(0)
# run: union_in_loop_type(5)
