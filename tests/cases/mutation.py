"""Arguments mutated in place exactly as CPython, also when an exception stops
the function halfway (the mutations done so far must persist)."""

nan = float("nan")


def scale_in_place(xs, s):
    for i in range(len(xs)):
        xs[i] = xs[i] * s


def invert_in_place(xs):
    for i in range(len(xs)):
        xs[i] = 1 / xs[i]
    return xs


def int_invert_in_place(xs):
    for i in range(len(xs)):
        xs[i] = 100 // xs[i]


def append_then_raise(xs, v):
    xs.append(v)
    xs.append(v * 2)
    if v < 0:
        raise ValueError("negative value appended")
    return len(xs)


def set_out_of_range_after(xs, n):
    for i in range(n):
        xs[i] = -1.0
    return xs


def set_then_get_out_of_range(xs):
    xs[0] = 100.0
    xs[-1] = 200.0
    return xs[len(xs)]


def append_loop_then_index_error(xs, n):
    for i in range(n):
        xs.append(i * 1.5)
    return xs[n + 10]


def square_in_place(xs):
    for i in range(len(xs)):
        xs[i] = xs[i] * xs[i]


def sqrt_in_place(xs):
    for i in range(len(xs)):
        xs[i] = xs[i] ** 0.5


def math_in_place_domain(xs):
    import_math_free = 0
    for i in range(len(xs)):
        if xs[i] < 0:
            raise ValueError("math domain error")
        xs[i] = xs[i] ** 0.5
        import_math_free += 1
    return import_math_free


def bubble_sort(xs):
    n = len(xs)
    for i in range(n):
        for j in range(n - 1 - i):
            if xs[j] > xs[j + 1]:
                xs[j], xs[j + 1] = xs[j + 1], xs[j]
    return xs


def mutate_rows(m):
    for i in range(len(m)):
        for j in range(len(m[i])):
            m[i][j] += i + j


def mutate_rows_then_fail(m):
    for i in range(len(m)):
        m[i][0] = 0.0
        m[i][1] = 1.0


def mutate_via_tuple(t):
    xs, ys = t
    xs.append(1.0)
    ys[0] = -1.0
    return len(xs) + len(ys)


def fill_output(out, xs):
    for i in range(len(xs)):
        out[i] = xs[i] * 2.0


def two_lists(a, b):
    a.append(b[0])
    b[0] = a[0]
    return a, b


def mutate_copy_only(xs):
    ys = list(xs)
    ys[0] = 99.0
    return ys


def overflow_into_list(xs):
    for i in range(len(xs)):
        xs[i] = xs[i] * xs[i] * xs[i]


def accumulate_into(acc, xs):
    for x in xs:
        acc[0] += x
    return acc[0]


def prefix_sums_in_place(xs):
    for i in range(1, len(xs)):
        xs[i] += xs[i - 1]


def clear_negatives(xs):
    for i in range(len(xs)):
        if xs[i] < 0:
            xs[i] = 0.0
        elif xs[i] != xs[i]:
            raise ValueError("nan found")


def swap_first_last(xs):
    xs[0], xs[-1] = xs[-1], xs[0]


def append_to_nested(m, v):
    m[-1].append(v)
    m.append([v])


def callee_mutates(xs):
    halve_all(xs)
    xs.append(0.0)
    return xs[0] / xs[1]


def halve_all(xs):
    for i in range(len(xs)):
        xs[i] = xs[i] / 2


# run: scale_in_place([1.0, 2.0, 3.0], 2.0)
# run: scale_in_place([1, 2, 3], 3)
# run: scale_in_place([], 2.0)
# run: scale_in_place([1.0, -0.0], -0.0)
# run-any: scale_in_place([1, 2, 3], 0.5)
# run: invert_in_place([1.0, 2.0, 4.0])
# run: invert_in_place([1.0, 2.0, 0.0, 4.0])
# run: invert_in_place([2.0, -0.0, 4.0])
# run-any: invert_in_place([1, 2, 0, 4])
# run: int_invert_in_place([1, 3, 7])
# run: int_invert_in_place([5, 0, 7])
# run: int_invert_in_place([-3, 7])
# run: append_then_raise([1.0], 2.0)
# run: append_then_raise([1.0], -2.0)
# run: append_then_raise([], -0.5)
# run: set_out_of_range_after([1.0, 2.0, 3.0], 3)
# run: set_out_of_range_after([1.0, 2.0, 3.0], 5)
# run: set_out_of_range_after([], 1)
# run: set_then_get_out_of_range([1.0, 2.0, 3.0])
# run: set_then_get_out_of_range([1.0])
# run: set_then_get_out_of_range([])
# run: append_loop_then_index_error([0.5], 3)
# run: append_loop_then_index_error([], 0)
# run: square_in_place([1.0, 2.0, nan])
# run: square_in_place([3, -4])
# run: square_in_place([3037000499, 5])
# run-any: square_in_place([3037000500, 5])
# run-any: square_in_place([5, 2 ** 40, 7])
# run: sqrt_in_place([4.0, 9.0])
# run-any: sqrt_in_place([4.0, -9.0, 16.0])
# run: math_in_place_domain([4.0, 9.0])
# run: math_in_place_domain([4.0, 9.0, -1.0, 16.0])
# run: bubble_sort([5.0, 1.0, 4.0, 2.0, 3.0])
# run: bubble_sort([3, 1, 2])
# run: bubble_sort([])
# run: bubble_sort([2.0, nan, 1.0])
# run: bubble_sort([-0.0, 0.0, -0.0])
# run: mutate_rows([[1, 2], [3, 4]])
# run: mutate_rows([[1.0], []])
# run-any: mutate_rows([])
# run: mutate_rows_then_fail([[5.0, 5.0], [5.0, 5.0]])
# run: mutate_rows_then_fail([[5.0, 5.0], [5.0], [5.0, 5.0]])
# run: mutate_rows_then_fail([[5.0, 5.0], []])
# run: mutate_via_tuple(([0.0], [5.0, 6.0]))
# run: mutate_via_tuple(([0.0], []))
# run: fill_output([0.0, 0.0, 0.0], [1.0, 2.0, 3.0])
# run: fill_output([0.0, 0.0], [1.0, 2.0, 3.0])
# run: fill_output([0.0] * 3, [])
# run: two_lists([1.0], [2.0])
# run: two_lists([], [2.0])
# run: two_lists([1.0], [])
# run: mutate_copy_only([1.0, 2.0])
# run: mutate_copy_only([])
# run-any: overflow_into_list([1000, 2097152, 3])
# run: overflow_into_list([1000, 2097151, -3])
# run: accumulate_into([0.0], [1.0, 2.0, 3.0])
# run: accumulate_into([0], [1, 2])
# run: accumulate_into([], [1.0])
# run: accumulate_into([0.0], [])
# run: prefix_sums_in_place([1.0, 2.0, 3.0])
# run: prefix_sums_in_place([1, 2, 3])
# run: prefix_sums_in_place([])
# run-any: prefix_sums_in_place([2 ** 62, 2 ** 62, 1])
# run: clear_negatives([1.0, -2.0, 3.0, -4.0])
# run: clear_negatives([-1.0, nan, -3.0])
# run: swap_first_last([1.0, 2.0, 3.0])
# run: swap_first_last([1.0])
# run: swap_first_last([])
# run: append_to_nested([[1.0]], 2.0)
# run: append_to_nested([], 2.0)
# run: callee_mutates([4.0, 2.0])
# run: callee_mutates([4.0])
# run: callee_mutates([1.0, 0.0])
