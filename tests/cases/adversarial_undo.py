"""Adversarial: the undo journal. Lists that look fresh but share rows with
arguments, mutated before a bail-out (division by zero at the end)."""


def copy_rows_then_fail(m, d):
    c = list(m)
    c[0][0] = 9.0
    c[0].append(1.0)
    return 1.0 / d


def repeat_row_then_fail(row, d):
    m = [row] * 3
    m[1][0] = 7.0
    return 1.0 / d


def collect_then_fail(m, d):
    out = []
    for r in m:
        out.append(r)
    out[-1][0] = -3.0
    out[0].append(2.0)
    return 1.0 / d


def tuple_alias_then_fail(xs, d):
    a, b = xs, [1.0]
    a[0] = 5.0
    b[0] = 6.0
    return 1.0 / d


def tuple_ret(xs):
    return xs, [0.0]


def tuple_ret_then_fail(xs, d):
    a, b = tuple_ret(xs)
    a.append(3.0)
    b.append(4.0)
    return 1.0 / d


def nested_fresh_outer(m, d):
    outer = [m[0], [0.0]]
    outer[0][0] = 11.0
    outer[1][0] = 12.0
    return 1.0 / d


def rec_mutate(m, depth, d):
    if depth == 0:
        return 1.0 / d
    m[depth % len(m)].append(float(depth))
    return rec_mutate(m, depth - 1, d)


def callee_fresh_holding_arg(xs):
    return [xs, [0.0]]


def mutate_via_callee_result(xs, d):
    h = callee_fresh_holding_arg(xs)
    h[0][0] = 42.0
    h[0].append(43.0)
    return 1.0 / d


def many_mutations_then_fail(xs, d):
    for i in range(100):
        xs.append(float(i))
        xs[0] = xs[0] + 1.0
    for i in range(50):
        xs[i] = -1.0
    return 1.0 / d


def grow_then_shrink_view(xs, d):
    ys = xs
    ys.append(1.0)
    ys[len(ys) - 1] = 2.0
    xs[0] = ys[-1]
    return 1.0 / d


def swap_rows_then_fail(m, d):
    m[0], m[1] = m[1], m[0]
    m[0][0] = 100.0
    return 1.0 / d


def replace_row_then_mutate_old(m, d):
    old = m[0]
    m[0] = [0.0]
    old[0] = 55.0
    return 1.0 / d


def same_list_twice_fail(a, b, d):
    a.append(1.0)
    b.append(2.0)
    a[0] = 3.0
    return 1.0 / d


def fail_in_comprehension(xs, d):
    xs.append(0.0)
    return [1.0 / (x - d) for x in xs]


def fail_after_return_value_built(xs, d):
    out = xs
    out.append(1.0)
    r = out[0] / d
    return out, r


def index_fail_after_mutation(m, i):
    m[0][0] = 1.0
    m.append([2.0])
    return m[i][0]


def assert_fail_after_mutation(xs, v):
    xs.append(v)
    assert v > 0
    return xs


def overflow_fail_after_mutation(xs, v):
    xs[0] = 1.0
    return v * v


def type_fail_after_mutation(xs, ys):
    xs.append(0.0)
    t = 0.0
    for y in ys:
        t += y
    return t


# run-any: copy_rows_then_fail([[1.0], [2.0]], 0.0)
# run: copy_rows_then_fail([[1.0], [2.0]], 1.0)
# run-any: repeat_row_then_fail([1.0], 0.0)
# run-any: collect_then_fail([[1.0], [2.0]], 0.0)
# run-any: collect_then_fail([[1.0]] * 2, 0.0)
# run-any: tuple_alias_then_fail([1.0], 0.0)
# run-any: tuple_ret_then_fail([1.0], 0.0)
# run-any: nested_fresh_outer([[1.0]], 0.0)
# run-any: rec_mutate([[1.0], [2.0]], 5, 0.0)
# run-any: rec_mutate([[1.0]] * 2, 5, 0.0)
# run-any: mutate_via_callee_result([1.0], 0.0)
# run-any: many_mutations_then_fail([1.0], 0.0)
# run-any: grow_then_shrink_view([1.0], 0.0)
# run-any: swap_rows_then_fail([[1.0], [2.0]], 0.0)
# run-any: replace_row_then_mutate_old([[1.0], [2.0]], 0.0)
# run-any: same_list_twice_fail(*[[1.0]] * 2, 0.0)
# run-any: fail_in_comprehension([1.0, 2.0], 2.0)
# run-any: fail_after_return_value_built([1.0], 0.0)
# run-any: index_fail_after_mutation([[5.0]], 3)
# run: index_fail_after_mutation([[5.0]], 1)
# run-any: assert_fail_after_mutation([1.0], -1.0)
# run-any: overflow_fail_after_mutation([5.0], 2 ** 40)
# run-any: type_fail_after_mutation([1.0], [1.0, 2])
# run-any: type_fail_after_mutation([1.0], [1.0, True])
# run-any: same_list_twice_fail(d=0.0, b=[1.0], a=[2.0])
# run: same_list_twice_fail(d=1.0, b=[1.0], a=[2.0])
# run-any: many_mutations_then_fail(d=0.0, xs=[1.0])
# run-any: copy_rows_then_fail(*[[[1.0], [2.0]]], d=0.0)
