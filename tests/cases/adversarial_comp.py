"""Adversarial: comprehension scoping (iterable evaluated outside, names
shadowed, nested generators rebinding names), nested comprehensions."""


def comp_iter_same_name(x):
    return [x * 2.0 for x in x]


def comp_iter_same_name_nested(x):
    return [x for x in x for x in x]


def comp_outer_float(xs):
    x = 0.5
    ys = [x + 1 for x in xs]
    return x, ys


def comp_rebind_in_second(n):
    return [i for i in range(n) for i in range(i)]


def comp_nested_lists(m):
    return [[v * 2 for v in row] for row in m]


def comp_nested_ref_outer(m):
    return [[v + len(row) for v in row] for row in m]


def comp_cond_uses_later(n):
    return [i * j for i in range(n) if i % 2 == 0 for j in range(i) if j < i - 1]


def comp_outer_unchanged(n):
    i = 100
    a = [i for i in range(n)]
    return i, a


def comp_then_loop_var(n):
    out = [k for k in range(n)]
    for k in range(2):
        pass
    return k, out


def comp_of_comp(n):
    return [x + 1 for x in [y * y for y in range(n)]]


def comp_mixed_types(xs):
    return [x if x > 0 else 0 for x in xs]


def comp_bool_items(xs):
    return [x > 0 for x in xs]


def comp_alias_rows(m):
    rows = [row for row in m if len(row) > 0]
    rows[0].append(9.0)
    return rows, m


def comp_range_neg(n):
    return [i for i in range(n, -n, -1)]


def comp_len_changes(xs):
    return [xs.append(1.0) is None for x in xs if len(xs) < 5]


def comp_over_copy(xs):
    return [x for x in list(xs)]


def comp_sum_of(m):
    return [sum(row) for row in m]


def comp_minmax(m):
    return [max(row) - min(row) for row in m]


def comp_empty_then_append(n):
    out = [i for i in range(0)]
    out.append(n)
    return out


# run: comp_iter_same_name([1.0, 2.0])
# run-any: comp_iter_same_name_nested([[1.0], [2.0, 3.0]])
# run: comp_outer_float([1, 2])
# run: comp_rebind_in_second(4)
# run: comp_nested_lists([[1.0, 2.0], [], [3.0]])
# run: comp_nested_ref_outer([[1.0, 2.0], [3.0]])
# run: comp_cond_uses_later(6)
# run: comp_outer_unchanged(3)
# run: comp_outer_unchanged(0)
# run: comp_then_loop_var(3)
# run: comp_of_comp(4)
# run: comp_mixed_types([0.5, -1.0, 2.0])
# run: comp_bool_items([0.5, -1.0, 2.0])
# run: comp_alias_rows([[], [1.0], [2.0]])
# run: comp_range_neg(2)
# run-any: comp_len_changes([1.0])
# run: comp_over_copy([1.0, 2.0])
# run: comp_sum_of([[1, 2], [3]])
# run: comp_minmax([[1.0, 5.0], [3.0]])
# run-any: comp_minmax([[1.0, 5.0], []])
# run: comp_empty_then_append(3)
