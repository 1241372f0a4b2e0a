"""Adversarial: list aliasing, nested lists, copies, mutation then raise."""


def two_lists(a, b):
    a[0] = a[0] + 1.0
    b[0] = b[0] * 10.0
    return a[0] + b[0]


def append_both(a, b):
    a.append(1.0)
    b.append(2.0)
    return len(a) + len(b)


def shared_rows(n):
    m = [[0.0] * 3] * n
    m[0][1] = 5.0
    return m


def shared_rows_sum(n):
    m = [[0.0] * 3] * n
    for i in range(n):
        m[i][0] += 1.0
    return m[0][0]


def mutate_matrix(m):
    for i in range(len(m)):
        for j in range(len(m[i])):
            m[i][j] = m[i][j] + i + j
    return m


def neg_idx(xs):
    xs[-1] = xs[-2] + xs[-len(xs)]
    return xs[-1]


def copy_mut(xs):
    ys = list(xs)
    ys[0] = 100.0
    ys.append(3.0)
    return xs, ys


def copy_nested(m):
    c = list(m)
    c[0][0] = 9.0
    c[1] = [7.0]
    return c


def append_then_raise(xs, n):
    for i in range(n):
        xs.append(float(i))
    if n > 2:
        raise ValueError("too many")
    return len(xs)


def set_then_index_error(xs):
    xs[0] = 42.0
    return xs[10]


def append_then_div0(xs, d):
    xs.append(1.0)
    xs[0] = 0.5
    return 1.0 / d


def int_into_float(xs):
    xs[0] = 3
    return xs


def float_into_int(xs):
    xs[0] = 3.5
    return xs


def bool_into_int(xs):
    xs[1] = True
    return xs


def read_mixed(xs):
    total = 0.0
    for v in xs:
        total += v
    return total


def read_mixed_int(xs):
    total = 0
    for v in xs:
        total += v
    return total


def bools_in_ints(xs):
    s = 0
    for i in range(len(xs)):
        s += xs[i] * 2
    return s


def empty_ops(xs):
    n = len(xs)
    out = list(xs)
    out.append(1.0)
    return n, out


def comp_cond(xs):
    return [x * 2 for x in xs if x > 0]


def comp_nested(n):
    return [i * j for i in range(n) for j in range(i) if (i + j) % 2 == 1]


def comp_shadow(xs):
    x = 100
    ys = [x + 1 for x in xs]
    return x, ys


def comp_of_lists(n):
    return [[float(i)] * i for i in range(n)]


def comp_nested_list(m):
    return [v for row in m for v in row if v != 0]


def comp_ref_outer(xs, k):
    return [x * k for x in xs]


def comp_mixed(xs):
    return [x if x > 1 else 0 for x in xs]


def self_append(xs):
    n = len(xs)
    for i in range(n):
        xs.append(xs[i])
    return xs


def grow_while_iter(xs):
    count = 0
    for v in xs:
        if count < 3:
            xs.append(v + 1.0)
        count += 1
    return count


def row_alias(m):
    r = m[0]
    r[0] = -1.0
    m[0] = [5.0]
    return r, m


def swap_rows(m):
    m[0], m[1] = m[1], m[0]
    return m


def reverse_in_place(xs):
    i = 0
    j = len(xs) - 1
    while i < j:
        xs[i], xs[j] = xs[j], xs[i]
        i += 1
        j -= 1
    return xs


def list_of_new(n):
    out = []
    for i in range(n):
        out.append([0] * i)
    out[-1].append(7)
    return out


def ret_same_list(xs):
    ys = xs
    return ys, xs


def nested_mut_raise(m):
    m[0][0] = 1.0
    m[1].append(2.0)
    return m[5][0]


def fill_rows(m, v):
    for row in m:
        row[0] = v
    return m


def len_after_append(xs):
    xs.append(0)
    xs.append(0)
    return len(xs), xs[-1]


def list_mul_neg(n):
    return [1.0] * n


def list_of_list_mul(n):
    return [[1, 2]] * n


def idx_bool(xs, b):
    return xs[b]


def set_neg_oob(xs):
    xs[-5] = 1.0
    return xs


def comp_result_alias(xs):
    ys = [xs for i in range(2)]
    ys[0].append(1.0)
    return ys


# run: two_lists([1.0], [2.0])
# run: two_lists(*[[1.0]] * 2)
# run: append_both(*[[0.0]] * 2)
# run: append_both([0.0], [0.0])
# run: shared_rows(3)
# run: shared_rows(0)
# run: shared_rows_sum(4)
# run: mutate_matrix([[0.0, 1.0], [2.0, 3.0]])
# run: mutate_matrix([[0.0, 1.0]] * 2)
# run-any: mutate_matrix([])
# run: neg_idx([1.0, 2.0, 3.0])
# run-any: neg_idx([1.0])
# run: copy_mut([1.0, 2.0])
# run-any: copy_mut([])
# run: copy_nested([[1.0], [2.0]])
# run: copy_nested([[1.0]] * 2)
# run: append_then_raise([0.0], 2)
# run-any: append_then_raise([0.0], 3)
# run-any: set_then_index_error([1.0, 2.0])
# run: append_then_div0([1.0], 2.0)
# run-any: append_then_div0([1.0], 0.0)
# run-any: append_then_div0([1.0], 0)
# run-any: int_into_float([1.0, 2.0])
# run-any: float_into_int([1, 2])
# run-any: bool_into_int([1, 2])
# run-any: read_mixed([1.0, 2, 3.0])
# run-any: read_mixed([1, 2.0])
# run-any: read_mixed([True, 2.0])
# run-any: read_mixed_int([1, True, 3])
# run-any: read_mixed_int([1, 2.5])
# run-any: bools_in_ints([1, True, False])
# run: bools_in_ints([True, False])
# run: empty_ops([])
# run: comp_cond([1.0, -2.0, 3.0, 0.0, -0.0])
# run: comp_cond([])
# run: comp_cond([1, -2, 3])
# run: comp_nested(5)
# run: comp_nested(0)
# run: comp_shadow([1, 2, 3])
# run: comp_shadow([])
# run: comp_of_lists(4)
# run: comp_nested_list([[1.0, 0.0], [], [-0.0, 2.0]])
# run: comp_ref_outer([1.0, 2.0], 3)
# run: comp_mixed([0.5, 2.0, 1.0])
# run: self_append([1.0, 2.0])
# run: self_append([])
# run: grow_while_iter([1.0])
# run: grow_while_iter([])
# run: row_alias([[1.0, 2.0], [3.0]])
# run: swap_rows([[1.0], [2.0, 3.0]])
# run: reverse_in_place([1, 2, 3, 4, 5])
# run: reverse_in_place([])
# run: list_of_new(3)
# run-any: list_of_new(0)
# run: ret_same_list([1.0])
# run-any: nested_mut_raise([[0.0], [0.0]])
# run-any: nested_mut_raise([[0.0]] * 2)
# run: fill_rows([[0.0], [0.0]], 1.5)
# run: fill_rows([[0.0]] * 3, 1.5)
# run: len_after_append([1, 2])
# run: list_mul_neg(-3)
# run: list_mul_neg(0)
# run: list_of_list_mul(3)
# run: idx_bool([1.0, 2.0], True)
# run: idx_bool([1.0, 2.0], False)
# run-any: set_neg_oob([1.0])
# run: comp_result_alias([0.0])


def aug_widen(n):
    t = [0] * n
    t[0] += 0.5
    return t[0], t


def plain_widen(n):
    t = [0] * n
    t[0] = t[0] + 0.5
    return t[0], t


def or_list_then_fail(xs, d):
    ys = xs or [0.0]
    ys.append(1.0)
    return 1.0 / d


def and_list_then_fail(xs, ys, d):
    zs = xs and ys
    zs.append(2.0)
    return 1.0 / d


def or_and_lists(xs):
    return xs or [1.0], xs and [2.0]


# run-any: aug_widen(2)
# run: plain_widen(2)
# run-any: or_list_then_fail([1.0], 0.0)
# run-any: or_list_then_fail([], 0.0)
# run: or_list_then_fail([1.0], 1.0)
# run-any: and_list_then_fail([1.0], [2.0], 0.0)
# run-any: and_list_then_fail([], [2.0], 0.0)
# run: and_list_then_fail([1.0], [2.0], 1.0)
# run: or_and_lists([])
# run: or_and_lists([3.0])
