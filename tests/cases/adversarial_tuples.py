"""Adversarial: tuple arguments holding lists (mutations through them must be
undone on a bail-out), tuple results sharing argument lists, nested tuples."""


def via_tuple(t, d):
    xs, n = t
    xs.append(float(n))
    xs[0] = -1.0
    return 1.0 / d


def via_tuple_index(t, d):
    t[0].append(2.0)
    t[1][0][0] = 9.0
    return 1.0 / d


def tuple_out(xs):
    return (xs, xs), len(xs)


def tuple_mixed(flag):
    if flag:
        t = (1, 2.5)
    else:
        t = (1.5, 2)
    return t


def tuple_nested_ret(a):
    return ((a, a * 2), (a / 2, (a, -a)))


def tuple_of_list_rows(m):
    return m[0], m[-1]


def tuple_len(t):
    return len(t) + t[0]


def tuple_neg_index(t):
    return t[-1] * 2


def tuple_swap_lists(a, b):
    a, b = b, a
    a.append(1.0)
    return a, b


def tuple_bool_items(t):
    a, b = t
    return a + b, a and b


# run-any: via_tuple(([1.0, 2.0], 3), 0.0)
# run: via_tuple(([1.0, 2.0], 3), 1.0)
# run-any: via_tuple_index(([1.0], [[1.0]]), 0.0)
# run: via_tuple_index(([1.0], [[1.0]]), 2.0)
# run: tuple_out([1.0])
# run: tuple_mixed(True)
# run: tuple_mixed(False)
# run: tuple_nested_ret(3)
# run: tuple_nested_ret(-0.0)
# run: tuple_of_list_rows([[1.0], [2.0]])
# run: tuple_of_list_rows([[1.0]])
# run: tuple_len((2, 3.0))
# run: tuple_neg_index((1, 2.5))
# run: tuple_swap_lists([0.0], [5.0])
# run-any: tuple_bool_items((True, False))
# run-any: tuple_bool_items((True, 2))
