"""Adversarial: evaluation order of side-effecting calls (they log into a list)."""


def tick(log, v):
    log.append(v)
    return v


def tick_i(log, v):
    log.append(float(v))
    return v


def setitem_order(log):
    xs = [0.0, 0.0, 0.0]
    xs[tick_i(log, 1)] = tick(log, 5.0)
    return xs, log


def augitem_order(log):
    xs = [1.0, 2.0, 3.0]
    xs[tick_i(log, 2)] += tick(log, 10.0)
    return xs, log


def binop_order(log):
    return tick(log, 1.0) - tick(log, 2.0) * tick(log, 3.0), log


def cmp_chain_order(log):
    r = tick(log, 1.0) < tick(log, 2.0) < tick(log, 0.5) < tick(log, 9.0)
    return r, log


def and_or_order(log):
    r = tick(log, 0.0) or tick(log, 2.0) and tick(log, 0.0) or tick(log, 3.0)
    return r, log


def call_args_order(log):
    return pair(tick(log, 1.0), tick(log, 2.0)), log


def pair(a, b):
    return a * 10.0 + b


def tuple_assign_order(log):
    a, b = tick(log, 1.0), tick(log, 2.0)
    return a, b, log


def minmax_order(log):
    return min(tick(log, 3.0), tick(log, 1.0), tick(log, 2.0)), log


def read_then_mutate(xs):
    return xs[0] + bump(xs), xs


def bump(xs):
    xs[0] = xs[0] + 100.0
    return xs[0]


def len_then_grow(xs):
    return len(xs) + grow(xs), len(xs)


def grow(xs):
    xs.append(0.0)
    return len(xs)


def mutate_then_read(xs):
    return bump(xs) + xs[0], xs


def index_read_order(xs, log):
    return xs[tick_i(log, 0)] + xs[tick_i(log, 1)], log


def comp_order(log, xs):
    return [tick(log, x) for x in xs if tick(log, -x) < 0.0], log


def ifexp_order(log, c):
    return (tick(log, 1.0) if tick(log, c) else tick(log, 2.0)), log


def while_cond_calls(log):
    n = 0
    while tick(log, float(n)) < 3.0:
        n += 1
    return n, log


def range_args_order(log):
    t = 0
    for i in range(tick_i(log, 1), tick_i(log, 5), tick_i(log, 2)):
        t += i
    return t, log


def for_list_mutate(xs):
    out = []
    for v in xs:
        out.append(v)
        if len(xs) < 6:
            xs.append(v * 2.0)
    return out


def for_list_shrink_by_replace(m):
    out = 0.0
    for row in m:
        m[len(m) - 1] = [100.0]
        out += row[0]
    return out


def aug_var_call(log):
    x = 1.0
    x += tick(log, x + 1.0)
    return x, log


def list_literal_order(log):
    return [tick(log, 1.0), tick(log, 2.0)], log


def append_arg_order(log):
    xs = [0.0]
    xs.append(tick(log, len(xs) * 1.0))
    return xs, log


def setitem_self_ref(xs):
    xs[grow(xs) - 1] = float(len(xs))
    return xs


def swap_via_call(xs):
    xs[0], xs[1] = xs[1], bump(xs)
    return xs


def chain_reads_before_call(xs):
    return xs[0] < bump(xs) < 1000.0


def chain_two_calls(log):
    r = tick(log, 1.0) < tick(log, 2.0)
    return r, log


def assert_msg(x):
    assert x > 0, x
    return x


def neg_mod_index(xs):
    xs[-1] += 1.0
    xs[-1] *= 2.0
    return xs


def aug_on_nested(m, log):
    m[tick_i(log, 0)][tick_i(log, 1)] += tick(log, 1.0)
    return m, log


# run: setitem_order([])
# run: augitem_order([])
# run: binop_order([])
# run: cmp_chain_order([])
# run: and_or_order([])
# run: call_args_order([])
# run: tuple_assign_order([])
# run: minmax_order([])
# run: read_then_mutate([1.0])
# run: len_then_grow([1.0])
# run: mutate_then_read([1.0])
# run: index_read_order([1.0, 2.0], [])
# run: comp_order([], [1.0, -2.0, 3.0])
# run: ifexp_order([], 0.0)
# run: ifexp_order([], 1.0)
# run: while_cond_calls([])
# run: range_args_order([])
# run: for_list_mutate([1.0, 2.0])
# run: for_list_shrink_by_replace([[1.0], [2.0], [3.0]])
# run: for_list_shrink_by_replace([[1.0]] * 3)
# run: aug_var_call([])
# run: list_literal_order([])
# run: append_arg_order([])
# run: setitem_self_ref([1.0])
# run: swap_via_call([1.0, 2.0])
# run: assert_msg(1)
# run-any: assert_msg(-1)
# run-any: assert_msg(-0.0)
# run: neg_mod_index([1.0, 2.0])
# run: aug_on_nested([[1.0, 2.0]], [])
# run: chain_reads_before_call([1.0])
# run: chain_two_calls([])


def replace_row(m):
    m[0] = [-1.0]
    return 7.0


def replace_row_idx(m):
    m[0] = [-1.0, -2.0]
    return 1


def append_to_replaced_row(m):
    m[0].append(replace_row(m))
    return m


def setitem_on_replaced_row(m):
    m[0][replace_row_idx(m)] = 5.0
    return m


def setitem_value_replaces_row(m):
    m[0][0] = replace_row(m)
    return m


def aug_on_replaced_row(m):
    m[0][0] += replace_row(m)
    return m


def read_replaced_row(m):
    return m[0][0] + replace_row(m) + m[0][0]


def list_comp_reads_replaced(m):
    return [replace_row(m) + v for v in m[0]]


def for_over_replaced_row(m):
    t = 0.0
    for v in m[0]:
        t += v + replace_row(m)
    return t, m


# run: append_to_replaced_row([[1.0, 2.0]])
# run: setitem_on_replaced_row([[1.0, 2.0]])
# run: setitem_value_replaces_row([[1.0, 2.0]])
# run: aug_on_replaced_row([[1.0, 2.0]])
# run: read_replaced_row([[1.0, 2.0]])
# run: list_comp_reads_replaced([[1.0, 2.0]])
# run: for_over_replaced_row([[1.0, 2.0]])


def use_row(row, x):
    return row[0] + x + len(row)


def call_with_row_then_replace(m):
    return use_row(m[0], replace_row(m))


def tuple_with_row_then_replace(m):
    t = (m[0], replace_row(m))
    return t[0][0] + t[1], t


def list_with_row_then_replace(m):
    rows = [m[0], [replace_row(m)]]
    return rows


def min_row_len_then_replace(m):
    return min(len(m[0]), replace_row_idx(m))


def len_row_plus_replace(m):
    return len(m[0]) + replace_row(m)


# run: call_with_row_then_replace([[1.0, 2.0]])
# run: tuple_with_row_then_replace([[1.0, 2.0]])
# run: list_with_row_then_replace([[1.0, 2.0]])
# run: min_row_len_then_replace([[1.0, 2.0, 3.0]])
# run: len_row_plus_replace([[1.0, 2.0]])


def append_receiver_order(log):
    m = [[0.0], [0.0]]
    m[tick_i(log, 1)].append(tick(log, 2.0))
    return m, log


# run: append_receiver_order([])
