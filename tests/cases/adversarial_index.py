"""Adversarial: list indices that may be negative (the non-negative index fast
path), hoisted list loads in read-only loops, freshness of lists."""


def idx_aug_dec(xs):
    i = 0
    i -= 1
    return xs[i]


def idx_loop_dec(xs, n):
    i = 0
    total = 0.0
    for k in range(n):
        total += xs[i]
        i -= 1
    return total


def idx_mod_neg(xs, k, d):
    i = k % d
    return xs[i]


def idx_floordiv(xs, k):
    i = k // 2
    return xs[i]


def idx_shift(xs, k):
    i = k >> 1
    return xs[i]


def idx_invert(xs, k):
    i = ~k
    return xs[i]


def idx_and(xs, k):
    i = k & 7
    j = k | 0
    return xs[i], xs[j]


def idx_len_minus(xs, k):
    i = len(xs) - k
    return xs[i]


def idx_range_neg(xs):
    out = []
    for i in range(-len(xs), 0):
        out.append(xs[i])
    return out


def idx_range_neg_step(xs):
    out = []
    for i in range(len(xs) - 1, -len(xs) - 1, -1):
        out.append(xs[i])
    return out


def idx_from_list(xs, ys):
    out = []
    for i in ys:
        out.append(xs[i])
    return out


def idx_tuple_swap(xs):
    i = 0
    j = 1
    for k in range(3):
        i, j = j - 2, i
    return xs[i], xs[j]


def idx_int_of(xs, f):
    i = int(f)
    return xs[i]


def idx_round(xs, f):
    i = round(f)
    return xs[i]


def idx_min(xs, k):
    i = min(k, 0)
    return xs[i]


def idx_max(xs, k):
    i = max(k, -2)
    return xs[i]


def idx_sum3(xs, a, b, c):
    i = a + b
    return xs[i + c]


def idx_mul(xs, a, b):
    i = a * b
    return xs[i]


def idx_sub_nonneg(xs, a, b):
    return xs[a - b]


def idx_add_nonneg(xs, a):
    i = 1
    j = a + i
    return xs[j]


def idx_pow(xs, a):
    i = a ** 3
    return xs[i]


def idx_comp(xs, ys):
    return [xs[i] for i in ys]


def idx_abs(xs, k):
    i = abs(k)
    return xs[i]


def idx_while_dec(xs):
    i = len(xs)
    out = 0.0
    while i > -len(xs):
        i -= 1
        out = out * 2.0 + xs[i]
    return out


def idx_param_nonneg(xs, i):
    j = i
    return xs[j]


def idx_nested(m, i, j):
    return m[i][j]


def idx_assign_neg(xs, i):
    xs[i] = 7.0
    xs[i - 1] = 8.0
    return xs


def idx_cond(xs, flag):
    if flag:
        i = 1
    else:
        i = -1
    return xs[i]


def idx_callee_neg(k):
    return k - 3


def idx_from_call(xs):
    i = idx_callee_neg(1)
    return xs[i]


def idx_bool_neg(xs, b):
    i = -b
    return xs[i]


def idx_big_sum(xs, a, b):
    i = a + b
    return xs[i]


def hoist_reassign(xs, ys, n):
    total = 0.0
    for k in range(n):
        total += xs[0] + len(xs)
        xs = ys
    return total


def hoist_reassign_while(xs, ys):
    total = 0.0
    i = 0
    while i < len(xs):
        total += xs[i]
        i += 1
        if i == 2:
            xs = ys
    return total, i


def hoist_row(m):
    total = 0.0
    row = m[0]
    for i in range(len(m)):
        total += row[0]
        row = m[i]
    return total


def hoist_for_iter_reassign(xs, ys):
    total = 0.0
    for v in xs:
        total += v
        xs = ys
    return total, len(xs)


def ident(xs):
    return xs


def mutate_via_ident(xs, d):
    ys = ident(xs)
    ys[0] = 99.0
    ys.append(1.0)
    return 1.0 / d


def make_or_alias(xs, flag, d):
    if flag:
        ys = xs
    else:
        ys = [0.0, 0.0]
    ys[0] = 5.0
    return ys[1] / d


def alias_in_loop(xs, d):
    ys = [0.0]
    for k in range(2):
        ys[0] = ys[0] + 1.0
        ys = xs
    return ys[0] / d


def pick(a, b, flag):
    if flag:
        return a
    return b


def mutate_picked(xs, flag, d):
    ys = pick(xs, [0.0], flag)
    ys[0] = -1.0
    return 1.0 / d


def list_copy_then_alias(xs, d):
    ys = list(xs)
    ys = xs
    ys[0] = 42.0
    return 1.0 / d


def fresh_stored_into_arg(m, d):
    row = [1.0, 2.0]
    m.append(row)
    row[0] = 100.0
    m[0][0] = -5.0
    return 1.0 / d


def fresh_from_arg_row(m, d):
    rows = [m[0], m[0]]
    rows[0][0] = 3.0
    return 1.0 / d


def comp_alias(m, d):
    rows = [r for r in m]
    rows[0][0] = 7.0
    return 1.0 / d


def rows_mutate(m, d):
    for r in m:
        r.append(0.0)
    return 1.0 / d


# run: idx_aug_dec([1.0, 2.0, 3.0])
# run: idx_loop_dec([1.0, 2.0, 4.0], 3)
# run-any: idx_loop_dec([1.0, 2.0, 4.0], 4)
# run: idx_mod_neg([1.0, 2.0, 3.0], 5, -3)
# run: idx_mod_neg([1.0, 2.0, 3.0], -5, 3)
# run: idx_floordiv([1.0, 2.0, 3.0], -3)
# run: idx_shift([1.0, 2.0, 3.0], -3)
# run: idx_invert([1.0, 2.0, 3.0], 0)
# run: idx_invert([1.0, 2.0, 3.0], -2)
# run: idx_and([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], -1)
# run: idx_len_minus([1.0, 2.0, 3.0], 4)
# run-any: idx_len_minus([1.0, 2.0, 3.0], 7)
# run: idx_range_neg([1.0, 2.0, 3.0])
# run: idx_range_neg_step([1.0, 2.0, 3.0])
# run: idx_from_list([1.0, 2.0, 3.0], [0, -1, -3, 2])
# run-any: idx_from_list([1.0, 2.0, 3.0], [0, -4])
# run: idx_tuple_swap([1.0, 2.0, 3.0])
# run: idx_int_of([1.0, 2.0, 3.0], -1.5)
# run: idx_round([1.0, 2.0, 3.0], -1.5)
# run: idx_min([1.0, 2.0, 3.0], -2)
# run: idx_max([1.0, 2.0, 3.0], -5)
# run: idx_sum3([1.0, 2.0, 3.0], 1, 1, -3)
# run-any: idx_sum3([1.0, 2.0, 3.0], 2 ** 62, 2 ** 62, 0)
# run-any: idx_sum3([1.0, 2.0, 3.0], 2 ** 62, 2 ** 62, -2 ** 63)
# run: idx_mul([1.0, 2.0, 3.0], -1, 1)
# run-any: idx_mul([1.0, 2.0, 3.0], 2 ** 62, 4)
# run: idx_sub_nonneg([1.0, 2.0, 3.0], 0, 1)
# run-any: idx_sub_nonneg([1.0, 2.0, 3.0], 0, 4)
# run: idx_add_nonneg([1.0, 2.0, 3.0], -2)
# run-any: idx_add_nonneg([1.0, 2.0, 3.0], 2 ** 63 - 1)
# run: idx_pow([1.0, 2.0, 3.0], -1)
# run: idx_comp([1.0, 2.0, 3.0], [-1, -2])
# run: idx_abs([1.0, 2.0, 3.0], -2)
# run-any: idx_abs([1.0, 2.0, 3.0], -2 ** 63)
# run: idx_while_dec([1.0, 2.0, 3.0])
# run: idx_param_nonneg([1.0, 2.0], -1)
# run-any: idx_param_nonneg([1.0, 2.0], -3)
# run-any: idx_param_nonneg([1.0, 2.0], -2 ** 63)
# run: idx_nested([[1.0, 2.0], [3.0]], -1, -1)
# run: idx_assign_neg([1.0, 2.0, 3.0], -1)
# run: idx_assign_neg([1.0, 2.0, 3.0], 0)
# run-any: idx_assign_neg([1.0, 2.0, 3.0], -3)
# run: idx_cond([1.0, 2.0, 3.0], False)
# run: idx_from_call([1.0, 2.0, 3.0])
# run: idx_bool_neg([1.0, 2.0], True)
# run-any: idx_big_sum([1.0, 2.0], 2 ** 63 - 1, 2 ** 63 - 1)
# run-any: idx_big_sum([1.0, 2.0], 2 ** 63 - 1, -2 ** 63)
# run: hoist_reassign([1.0], [2.0, 3.0], 3)
# run: hoist_reassign_while([1.0, 2.0, 3.0, 4.0], [10.0, 20.0, 30.0, 40.0, 50.0])
# run-any: hoist_reassign_while([1.0, 2.0, 3.0, 4.0], [10.0, 20.0])
# run: hoist_row([[1.0], [2.0], [3.0]])
# run: hoist_for_iter_reassign([1.0, 2.0], [5.0])
# run: mutate_via_ident([1.0], 2.0)
# run-any: mutate_via_ident([1.0], 0.0)
# run-any: make_or_alias([1.0, 2.0], True, 0.0)
# run-any: make_or_alias([1.0, 2.0], False, 0.0)
# run: make_or_alias([1.0, 2.0], True, 1.0)
# run-any: alias_in_loop([1.0], 0.0)
# run: alias_in_loop([1.0], 2.0)
# run-any: mutate_picked([1.0], True, 0.0)
# run-any: mutate_picked([1.0], False, 0.0)
# run-any: list_copy_then_alias([1.0], 0.0)
# run-any: fresh_stored_into_arg([[0.0]], 0.0)
# run: fresh_stored_into_arg([[0.0]], 1.0)
# run-any: fresh_from_arg_row([[0.0]], 0.0)
# run-any: comp_alias([[0.0]], 0.0)
# run-any: rows_mutate([[0.0], [1.0]], 0.0)
# run-any: rows_mutate([[0.0]] * 2, 0.0)
