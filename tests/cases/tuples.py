"""Tuples: arguments, returns, unpacking, swaps, rotation, indexing."""

nan = float("nan")


def swap(a, b):
    a, b = b, a
    return a, b


def rotate3(a, b, c):
    a, b, c = b, c, a
    return a, b, c


def fib_pair(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def divmod_tuple(a, b):
    return a // b, a % b


def unpack_point(p):
    x, y = p
    return x * x + y * y


def point_index(p):
    return p[0] - p[-1] + len(p)


def nested_tuple(t):
    (a, b), (c, d) = t
    return a * d - b * c


def tuple_of_lists(t):
    xs, ys = t
    total = 0.0
    for i in range(len(xs)):
        total += xs[i] * ys[i]
    return total


def return_list_and_count(xs):
    out = []
    for x in xs:
        if x > 0:
            out.append(x)
    return out, len(out)


def min_max_pair(xs):
    lo = xs[0]
    hi = xs[0]
    for x in xs:
        if x < lo:
            lo = x
        if x > hi:
            hi = x
    return lo, hi


def add_points(p, q):
    return (p[0] + q[0], p[1] + q[1])


def bounds(points):
    xmin, ymin = points[0]
    xmax, ymax = points[0]
    for i in range(len(points)):
        x, y = points[i]
        xmin = min(xmin, x)
        xmax = max(xmax, x)
        ymin = min(ymin, y)
        ymax = max(ymax, y)
    return (xmin, ymin), (xmax, ymax)


def swap_in_list(xs, i, j):
    xs[i], xs[j] = xs[j], xs[i]
    return xs


def multi_assign(n):
    a = b = n
    a += 1
    return a, b


def tuple_eval_order(xs):
    # right side is evaluated fully before any assignment
    i = 0
    i, xs[i] = 1, 5.0
    return i, xs


def tuple_index_error(t, i):
    return t[i]


def unpack_wrong(p):
    x, y = p
    return x + y


def empty_tuple():
    return ()


def single(x):
    return (x,)


def tuple_of_bools(a, b):
    return (a < b, a == b, a > b)


# run: swap(1, 2)
# run: swap(1.5, -0.0)
# run: swap(1, 2.5)
# run-any: swap(True, 3)
# run: rotate3(1, 2, 3)
# run-any: rotate3(1.0, 2, False)
# run: fib_pair(0)
# run: fib_pair(1)
# run: fib_pair(10)
# run: fib_pair(91)
# run-any: fib_pair(92)
# run-any: fib_pair(93)
# run-any: fib_pair(200)
# run: divmod_tuple(17, 5)
# run: divmod_tuple(-17, 5)
# run: divmod_tuple(17.5, -5)
# run: divmod_tuple(1, 0)
# run: unpack_point((3.0, 4.0))
# run: unpack_point((3, 4))
# run: unpack_point((nan, 0.0))
# run: unpack_point((1, 2, 3))
# run: unpack_point((1,))
# run: point_index((5.0, 2.0))
# run: point_index((5, 2, 1))
# run: nested_tuple(((1, 2), (3, 4)))
# run: nested_tuple(((1.5, 2.0), (3.0, 4.5)))
# run: tuple_of_lists(([1.0, 2.0], [3.0, 4.0]))
# run: tuple_of_lists(([], []))
# run: tuple_of_lists(([1.0, 2.0], [3.0]))
# run: return_list_and_count([1.0, -2.0, 3.0])
# run: return_list_and_count([])
# run: return_list_and_count([-1, 5])
# run: min_max_pair([3, 1, 4, 1, 5])
# run: min_max_pair([2.5])
# run: min_max_pair([-0.0, 0.0])
# run: min_max_pair([nan, 1.0, 2.0])
# run: min_max_pair([])
# run: add_points((1.0, 2.0), (3.0, 4.0))
# run: add_points((1, 2), (3, 4))
# run: add_points((1, 2.5), (True, -0.0))
# run-any: bounds([(1.0, 5.0), (-2.0, 3.0), (4.0, -1.0)])
# run-any: bounds([(0, 0)])
# run-any: bounds([(1, 2), (3, 0)])
# run: swap_in_list([1.0, 2.0, 3.0], 0, 2)
# run: swap_in_list([1.0, 2.0, 3.0], -1, 0)
# run: swap_in_list([1.0, 2.0, 3.0], 1, 1)
# run: swap_in_list([1.0, 2.0, 3.0], 0, 3)
# run: swap_in_list([1, 2, 3], 0, 1)
# run: multi_assign(5)
# run: multi_assign(2.5)
# run: tuple_eval_order([0.0, 0.0])
# run-any: tuple_index_error((1.0, 2.0), 1)
# run-any: tuple_index_error((1.0, 2.0), -2)
# run-any: tuple_index_error((1.0, 2.0), 2)
# run-any: tuple_index_error((1.0, 2.0), -3)
# run: unpack_wrong((1, 2))
# run: unpack_wrong((1, 2, 3))
# run: unpack_wrong((1,))
# run: unpack_wrong(())
# run-any: unpack_wrong([1.0, 2.0])
# run: empty_tuple()
# run: single(3)
# run: single(-0.0)
# run: tuple_of_bools(1, 2)
# run: tuple_of_bools(nan, nan)


def tuple_compare(a, b):
    return a < b, a <= b, a == b, a != b, a > b, a >= b


def tuple_sort_key(xs):
    # The smallest (value, index) pair: tuple comparison in a loop.
    best = (xs[0], 0)
    for i in range(1, len(xs)):
        if (xs[i], i) < best:
            best = (xs[i], i)
    return best


def same_nan_twice(x):
    t = (x, 1)
    return t == t, (x, 1) < (x, 2)


# run: tuple_compare((1, 2), (1, 3))
# run: tuple_compare((1, 2), (1, 2))
# run: tuple_compare((1, 2.0), (1.0, 2))
# run: tuple_compare((2, 0), (1, 9))
# run: tuple_compare((1, 2), (1, 2, 3))
# run: tuple_compare((1, 2, 3), (1, 2))
# run: tuple_compare((), ())
# run: tuple_compare((), (1,))
# run: tuple_compare((-0.0,), (0.0,))
# run: tuple_compare((True, 2), (1, 2))
# run: tuple_compare((float("inf"), 1), (float("inf"), 2))
# run-any: tuple_compare((nan, 1), (nan, 2))
# run-any: tuple_compare((1, nan), (2, nan))
# run: tuple_sort_key([3.0, 1.0, 2.0, 1.0])
# run: tuple_sort_key([5, 4, 4, 3])
# run-any: same_nan_twice(nan)
# run: same_nan_twice(1.5)


def tuple_loop_sum(t):
    s = 0
    for x in t:
        s += x
    return s


def tuple_loop_break(t, stop):
    n = 0
    for x in t:
        if x == stop:
            break
        n += 1
    else:
        n = -1
    return n


def literal_tuple_loop(a):
    best = a
    for w in (0.5, 2, 1.5):
        if a * w > best:
            best = a * w
    return best


# run: tuple_loop_sum((1, 2, 3))
# run-any: tuple_loop_sum((1, 2.5, True))
# run-any: tuple_loop_sum(())
# run: tuple_loop_sum((7,))
# run: tuple_loop_break((1, 2, 3), 2)
# run: tuple_loop_break((1, 2, 3), 9)
# run: literal_tuple_loop(3)
# run: literal_tuple_loop(-1.0)
# run: tuple_loop_sum((1, 2.5, 3))
