"""Lists: indexing (negative, out of range), len, [x] * n, list(xs), append,
item assignment, nested lists (matrices), returning new lists."""

nan = float("nan")
inf = float("inf")


def get(xs, i):
    return xs[i]


def set_item(xs, i, v):
    xs[i] = v
    return xs


def get2(m, i, j):
    return m[i][j]


def first_last(xs):
    return xs[0], xs[-1]


def length(xs):
    return len(xs)


def filled(x, n):
    return [x] * n


def zeros(n):
    return [0.0] * n


def copy_list(xs):
    return list(xs)


def copy_then_mutate(xs):
    ys = list(xs)
    ys.append(99.0)
    ys[0] = -1.0
    return ys


def alias_then_mutate(xs):
    ys = xs
    ys.append(99.0)
    return len(xs)


def return_arg(xs):
    xs.append(0.0)
    return xs


def build(n):
    out = []
    for i in range(n):
        out.append(i * 0.5)
    return out


def build_ints(n):
    out = []
    i = 0
    while i < n:
        out.append(i * i)
        i += 1
    return out


def reverse_copy(xs):
    n = len(xs)
    out = [0.0] * n
    for i in range(n):
        out[i] = xs[n - 1 - i]
    return out


def reverse_in_place(xs):
    i = 0
    j = len(xs) - 1
    while i < j:
        xs[i], xs[j] = xs[j], xs[i]
        i += 1
        j -= 1


def neg_index_walk(xs):
    total = 0.0
    for i in range(1, len(xs) + 1):
        total += xs[-i] * i
    return total


def matrix(n, m):
    rows = []
    for i in range(n):
        row = [0.0] * m
        for j in range(m):
            row[j] = i * m + j
        rows.append(row)
    return rows


def aliased_rows(n):
    # [[...]] * n shares one row n times
    m = [[0.0] * n] * n
    m[0][0] = 1.0
    return m


def matmul(a, b):
    n = len(a)
    k = len(b)
    m = len(b[0])
    out = []
    for i in range(n):
        row = [0.0] * m
        for j in range(m):
            s = 0.0
            for t in range(k):
                s += a[i][t] * b[t][j]
            row[j] = s
        out.append(row)
    return out


def transpose(a):
    out = []
    for j in range(len(a[0])):
        row = []
        for i in range(len(a)):
            row.append(a[i][j])
        out.append(row)
    return out


def identity(n):
    m = []
    for i in range(n):
        row = [0] * n
        row[i] = 1
        m.append(row)
    return m


def trace(m):
    t = 0
    for i in range(len(m)):
        t += m[i][i]
    return t


def scale_rows(m, s):
    for row in m:
        for j in range(len(row)):
            row[j] *= s


def bool_list(n):
    flags = [False] * n
    for i in range(0, n, 2):
        flags[i] = True
    return flags


def count_true(flags):
    c = 0
    for f in flags:
        if f:
            c += 1
    return c


def sieve(n):
    is_p = [True] * (n + 1)
    is_p[0] = False
    if n >= 1:
        is_p[1] = False
    i = 2
    while i * i <= n:
        if is_p[i]:
            for j in range(i * i, n + 1, i):
                is_p[j] = False
        i += 1
    primes = []
    for k in range(n + 1):
        if is_p[k]:
            primes.append(k)
    return primes


def histogram(xs, bins, lo, hi):
    counts = [0] * bins
    width = (hi - lo) / bins
    for x in xs:
        b = int((x - lo) / width)
        if b == bins:
            b -= 1
        counts[b] += 1
    return counts


def prefix_max(xs):
    out = []
    for i in range(len(xs)):
        if i == 0 or xs[i] > out[-1]:
            out.append(xs[i])
        else:
            out.append(out[-1])
    return out


def append_self_len(xs):
    xs.append(len(xs))
    return xs


def nested_append(m):
    m.append([1.0, 2.0])
    m[0].append(3.0)
    return len(m) + len(m[0])


def store_float_in_int_list(xs):
    xs[0] = 0.5
    return xs


def list_of_list_copy(m):
    out = list(m)
    out[0] = [9.0]
    return out


def repeat_list_neg(n):
    return [1.5] * n + [2.5] * 0


def grow_2d(n):
    m = [[0] * n for _ in range(n)]
    m[0][0] = 5
    return m


# run: get([1.0, 2.0, 3.0], 0)
# run: get([1.0, 2.0, 3.0], 2)
# run: get([1.0, 2.0, 3.0], -1)
# run: get([1.0, 2.0, 3.0], -3)
# run: get([1.0, 2.0, 3.0], 3)
# run: get([1.0, 2.0, 3.0], -4)
# run: get([], 0)
# run: get([], -1)
# run: get([1, 2, 3], 1)
# run: get([True, False], -1)
# run: get([1.0, 2.0], True)
# run: get([1.0, 2.0], False)
# run: get([1.0, 2.0], 2 ** 62)
# run: get([1.0, 2.0], -(2 ** 63))
# run-any: get([1.0, 2.0], 2 ** 63)
# run-any: get([1.0, 2.0], 1.0)
# run-any: get([1.0, 2.5, 3], 2)
# run: set_item([1.0, 2.0], 0, 5.0)
# run: set_item([1.0, 2.0], -1, 5.0)
# run: set_item([1.0, 2.0], -2, -0.0)
# run: set_item([1.0, 2.0], 2, 5.0)
# run: set_item([1.0, 2.0], -3, 5.0)
# run: set_item([], 0, 5.0)
# run: set_item([1, 2], 1, 7)
# run: set_item([True, True], 0, False)
# run-any: set_item([1, 2], 1, 7.5)
# run-any: set_item([1.0, 2.0], 0, 2 ** 70)
# run: get2([[1.0, 2.0], [3.0, 4.0]], 1, 0)
# run: get2([[1.0, 2.0], [3.0, 4.0]], -1, -1)
# run: get2([[1.0, 2.0], [3.0]], 1, 1)
# run: get2([[1.0, 2.0], [3.0]], 2, 0)
# run: get2([[1, 2], [3, 4]], 0, 1)
# run: first_last([4.0, 5.0, 6.0])
# run: first_last([4.0])
# run: first_last([])
# run: length([])
# run: length([1.0] * 1000)
# run: length([[1.0], [2.0, 3.0]])
# run: filled(1.5, 3)
# run: filled(2, 4)
# run: filled(True, 2)
# run: filled(-0.0, 2)
# run: filled(1.5, 0)
# run: filled(1.5, -3)
# run: zeros(5)
# run: zeros(0)
# run: zeros(-1)
# run: copy_list([1.0, 2.0])
# run: copy_list([])
# run: copy_list([1, 2, 3])
# run: copy_then_mutate([5.0, 6.0])
# run: copy_then_mutate([])
# run: alias_then_mutate([1.0])
# run: return_arg([1.0, 2.0])
# run: return_arg([])
# run: build(5)
# run: build(0)
# run: build_ints(6)
# run: build_ints(0)
# run: reverse_copy([1.0, 2.0, 3.0])
# run: reverse_copy([])
# run: reverse_copy([1, 2])
# run: reverse_in_place([1.0, 2.0, 3.0, 4.0])
# run: reverse_in_place([1.0, 2.0, 3.0])
# run: reverse_in_place([])
# run: neg_index_walk([1.0, 2.0, 3.0])
# run: neg_index_walk([])
# run: matrix(3, 4)
# run: matrix(0, 4)
# run: matrix(2, 0)
# run: aliased_rows(3)
# run: aliased_rows(0)
# run: matmul([[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]])
# run: matmul([[1.0, 2.0, 3.0]], [[1.0], [2.0], [3.0]])
# run: matmul([[1, 2], [3, 4]], [[5, 6], [7, 8]])
# run: matmul([[1.0, 2.0]], [[1.0, 2.0]])
# run: matmul([[nan, 1.0]], [[0.0], [inf]])
# run: transpose([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
# run: transpose([[1]])
# run: transpose([])
# run: transpose([[1.0, 2.0], [3.0]])
# run: identity(3)
# run: identity(0)
# run: trace([[1, 2], [3, 4]])
# run: trace([[1.5, 2.0], [3.0, -0.5]])
# run-any: trace([])
# run: scale_rows([[1.0, 2.0], [3.0]], 2.0)
# run: scale_rows([[1, 2], [3]], 3)
# run-any: scale_rows([], 2.0)
# run: bool_list(5)
# run: bool_list(0)
# run: count_true([True, False, True])
# run: count_true([])
# run: sieve(50)
# run: sieve(0)
# run: sieve(1)
# run: sieve(2)
# run: histogram([0.0, 0.5, 1.0, 2.5, 3.0], 3, 0.0, 3.0)
# run: histogram([0.0, 10.0], 2, 0.0, 10.0)
# run: histogram([], 4, 0.0, 1.0)
# run: histogram([5.0], 2, 0.0, 1.0)
# run: histogram([-1.0], 2, 0.0, 1.0)
# run: histogram([nan], 2, 0.0, 1.0)
# run: prefix_max([1, 3, 2, 5, 4])
# run: prefix_max([])
# run: prefix_max([nan, 1.0])
# run: prefix_max([2.0, nan, 3.0])
# run: append_self_len([])
# run: append_self_len([7, 8])
# run: nested_append([[0.0]])
# run: nested_append([])
# run-any: store_float_in_int_list([1, 2])
# run: store_float_in_int_list([1.0, 2.0])
# run: store_float_in_int_list([])
# run: list_of_list_copy([[1.0], [2.0]])
# run-any: repeat_list_neg(3)
# run: grow_2d(3)
