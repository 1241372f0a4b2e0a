"""List comprehensions over range and over lists, with filters, nested, as values."""

nan = float("nan")


def doubled(xs):
    return [x * 2 for x in xs]


def squares(n):
    return [i * i for i in range(n)]


def stepped(a, b, s):
    return [i for i in range(a, b, s)]


def positives(xs):
    return [x for x in xs if x > 0]


def two_filters(xs):
    return [x for x in xs if x > 0 if x < 10]


def grid(n, m):
    return [[i * j for j in range(m)] for i in range(n)]


def fresh_rows(n, m):
    # one new row per iteration: no aliasing
    rows = [[0.0] * m for _ in range(n)]
    if n > 0 and m > 0:
        rows[0][0] = 1.0
    return rows


def flatten(m):
    return [v for row in m for v in row]


def uses_outer(xs, k):
    return [x * k + len(xs) for x in xs]


def sum_of_comp(n):
    return sum([i * 0.5 for i in range(n)])


def len_of_comp(xs, t):
    return len([x for x in xs if x >= t])


def max_of_comp(xs):
    return max([abs(x) for x in xs])


def comp_var_does_not_leak(xs):
    x = -1.0
    ys = [x for x in xs]
    return x, ys


def bool_comp(xs):
    return [x > 0 for x in xs]


def comp_index(xs):
    return [xs[i] - xs[i - 1] for i in range(1, len(xs))]


def comp_mixed_result(xs):
    return [x if x > 0 else 0 for x in xs]


def comp_of_calls(xs):
    return [round(x) for x in xs]


def comp_raises(xs):
    return [1.0 / x for x in xs]


def comp_neg_index(xs):
    return [xs[-i] for i in range(1, len(xs) + 1)]


def comp_nested_filter(n):
    return [[j for j in range(i) if j % 2 == 0] for i in range(n)]


def comp_range_len(m):
    return [len(row) for row in m]


def comp_tuple_items(n):
    return [(i, i * 0.5) for i in range(n)]


# run: doubled([1.0, 2.5])
# run: doubled([])
# run: doubled([1, 2])
# run: doubled([-0.0, nan])
# run: doubled([True, False])
# run-any: doubled([2 ** 62, 1])
# run: squares(5)
# run: squares(0)
# run: squares(-2)
# run: stepped(0, 10, 3)
# run: stepped(10, 0, -3)
# run: stepped(0, 10, -1)
# run: stepped(0, 10, 0)
# run: positives([1.0, -2.0, 3.0, 0.0, -0.0, nan])
# run: positives([])
# run: positives([-1, 2, -3, 4])
# run: two_filters([-1.0, 5.0, 15.0, 9.5])
# run: grid(3, 4)
# run: grid(0, 3)
# run: grid(3, 0)
# run: fresh_rows(3, 2)
# run: fresh_rows(0, 2)
# run: fresh_rows(2, 0)
# run: flatten([[1.0, 2.0], [], [3.0]])
# run-any: flatten([])
# run: uses_outer([1.0, 2.0, 3.0], 10.0)
# run: uses_outer([1, 2], 3)
# run: sum_of_comp(10)
# run: sum_of_comp(0)
# run: len_of_comp([1.0, 5.0, 3.0], 3.0)
# run: len_of_comp([], 0.0)
# run: max_of_comp([-5.0, 3.0])
# run: max_of_comp([1, -7, 3])
# run: max_of_comp([])
# run: comp_var_does_not_leak([1.0, 2.0])
# run: comp_var_does_not_leak([])
# run: bool_comp([1.0, -1.0, 0.0, nan])
# run: bool_comp([])
# run: comp_index([1.0, 4.0, 9.0, 16.0])
# run: comp_index([1.0])
# run: comp_index([])
# run-any: comp_mixed_result([1.5, -2.5, 3.5])
# run: comp_mixed_result([1, -2, 3])
# run: comp_of_calls([0.5, 1.5, 2.5, -0.5])
# run: comp_of_calls([nan])
# run: comp_raises([1.0, 2.0, 0.0, 4.0])
# run: comp_raises([1.0, 4.0])
# run: comp_neg_index([1.0, 2.0, 3.0])
# run: comp_nested_filter(5)
# run: comp_range_len([[1.0], [], [2.0, 3.0]])
# run-any: comp_tuple_items(3)
