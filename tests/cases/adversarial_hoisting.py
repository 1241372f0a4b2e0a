"""Adversarial: loops whose body only reads lists let native code load each
list's item array and length once before the loop. Whatever runs after the
body (the loop's `else`, code after the loop, an outer loop's next round) may
append to, shrink or rebind those lists and must see them as they are."""


def rebind_in_else(n):
    a = [1.0, 2.0, 3.0]
    keep = a
    s = 0.0
    for i in range(n):
        s += a[i]
    else:
        a = [10.0, 20.0, 30.0]
        s += a[0]
    return s + keep[0]


def append_in_else(n):
    a = [1.0, 2.0, 3.0]
    s = 0.0
    for i in range(n):
        s += a[i]
    else:
        a.append(4.0)
        s += a[3] + len(a)
    return s


def grow_between_rounds(rounds):
    a = [1.0]
    s = 0.0
    for r in range(rounds):
        for i in range(len(a)):
            s += a[i]
        a.append(float(r))
    return s + len(a)


def shrink_after(xs):
    s = 0.0
    for i in range(len(xs)):
        s += xs[i]
    xs[0] = -1.0
    s += xs[0]
    return s


def rebind_after_break(n):
    a = [1.0, 2.0, 3.0]
    s = 0.0
    for i in range(n):
        if i == 1:
            break
        s += a[i]
    a = [5.0]
    return s + a[0]


# run: rebind_in_else(3)
# run: rebind_in_else(2)
# run: rebind_in_else(0)
# run: append_in_else(3)
# run: append_in_else(1)
# run: grow_between_rounds(5)
# run: grow_between_rounds(0)
# run: shrink_after([1.0, 2.0, 3.0])
# run-any: shrink_after([])
# run: rebind_after_break(3)
# run: rebind_after_break(1)


# Item stores into a list of numbers the function built keep the enclosing
# loop's lists hoisted; reads of lists of floats in an inner loop check every
# item's type once before the outer loop, and `range` indices into hoisted
# lists are bounds-checked once per loop.


def windows(xs, k):
    out = [0.0] * (len(xs) - k + 1)
    for i in range(len(xs) - k + 1):
        t = 0.0
        for j in range(k):
            t += xs[i + j]
        out[i] = t
    return out


def windows_into_itself(xs, k):
    out = [0.0] * len(xs)
    for i in range(len(xs) - k + 1):
        for j in range(k):
            out[i] = out[i] + xs[i + j] * out[j]
        out[i] += 1.0
    return out


def windows_comprehension_target(xs, k):
    out = [float(i) for i in range(len(xs))]
    for i in range(len(xs) - k + 1):
        for j in range(k):
            out[i] += xs[i + j]
    return out


def windows_copy_target(xs, k):
    out = list(xs)
    for i in range(len(xs) - k + 1):
        for j in range(k):
            out[i] += xs[i + j]
    return out


def windows_past_end(xs, n, k):
    s = 0.0
    for i in range(n):
        for j in range(k):
            s += xs[i + j]
    return s


def leaves_before_end(xs, n, k):
    s = 0.0
    for i in range(n):
        for j in range(k):
            if i + j >= len(xs):
                return s
            s += xs[i + j]
    return s


def ints_in_inner_loop(xs, k):
    s = 0
    for i in range(len(xs) - k + 1):
        for j in range(k):
            s += xs[i + j]
    return s


def two_inner_loops(xs, k, m):
    s = 0.0
    for i in range(len(xs) - k + 1):
        for j in range(k):
            s += xs[i + j]
        for j in range(m):
            s += xs[i + j] * 0.5
    return s


def inner_stop_grows(xs, k):
    s = 0.0
    for i in range(2):
        for j in range(k):
            s += xs[i + j]
        k += 5
    return s


def inner_offset_moves(xs, k):
    s = 0.0
    w = 0
    for i in range(3):
        for j in range(k):
            s += xs[j + w]
        w += 2
    return s


def inner_offset_fixed(xs, k, w):
    s = 0.0
    for i in range(len(xs)):
        for j in range(k):
            s += xs[j + w] + xs[i]
    return s


def alias_stores_ints(n):
    a = [0.0] * n
    b = a
    s = 0.0
    for i in range(n):
        b[i] = 1
        for j in range(n):
            s += a[j]
    return s


def triangle(xs, n):
    s = 0.0
    for i in range(n):
        for j in range(i):
            s += xs[j]
    return s


def triangle_middle(xs, n, m):
    s = 0.0
    for i in range(n):
        for b in range(m):
            for j in range(b):
                s += xs[j + i]
    return s


def few_reads_of_a_long_list(xs, n):
    out = []
    for i in range(n):
        s = 0.0
        for j in range(2):
            for k in range(2):
                s += xs[j + k]
        out.append(s)
    return out


def maybe_unbound_stop(xs, n, flag):
    if flag:
        k = 2
    s = 0.0
    for i in range(n):
        if flag:
            for j in range(k):
                s += xs[i + j]
    return s


# run: windows([1.0, 2.0, 3.0, 4.0, 5.0], 2)
# run: windows([1.0, 2.0, 3.0], 3)
# run: windows([1.0, 2.0, 3.0], 4)
# run: windows([], 1)
# run-any: windows([1.0, 2.0, 3], 2)
# run: windows([1.0, "x", 3.0], 2)
# run: windows([1.0, 2.0, float("nan"), -0.0], 2)
# run: windows_into_itself([1.0, 2.0, 3.0, 4.0], 2)
# run: windows_into_itself([0.5, -0.0, 2.0], 1)
# run: windows_comprehension_target([1.0, 2.0, 3.0, 4.0], 3)
# run: windows_copy_target([1.0, 2.0, 3.0, 4.0], 2)
# run: windows_past_end([1.0, 2.0, 3.0], 2, 2)
# run: windows_past_end([1.0, 2.0, 3.0], 2, 3)
# run: windows_past_end([1.0, 2.0, 3.0], 0, 9)
# run-any: leaves_before_end([1.0, 2.0, 3.0], 3, 2)
# run: leaves_before_end([1.0, 2.0, 3.0], 1, 2)
# run: ints_in_inner_loop([1, 2, 3, 4], 2)
# run-any: ints_in_inner_loop([1, 2, 2**62, 2**62], 2)
# run: two_inner_loops([1.0, 2.0, 3.0, 4.0], 2, 2)
# run: two_inner_loops([1.0, 2.0, 3.0, 4.0], 2, 3)
# run: two_inner_loops([1.0, 2.0, 3.0, 4.0], 3, 0)
# run: inner_stop_grows([1.0, 2.0, 3.0, 4.0], 2)
# run: inner_stop_grows([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], 2)
# run: inner_offset_moves([1.0, 2.0, 3.0, 4.0, 5.0], 2)
# run: inner_offset_moves([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 2)
# run: inner_offset_fixed([1.0, 2.0, 3.0, 4.0], 2, 2)
# run: inner_offset_fixed([1.0, 2.0, 3.0, 4.0], 2, 3)
# run: inner_offset_fixed([], 9, 9)
# run-any: alias_stores_ints(3)
# run: alias_stores_ints(0)
# run: triangle([1.0, 2.0], 2)
# run: triangle([1.0, 2.0], 3)
# run: triangle([1.0, 2.0], 4)
# run: triangle([1.0, 2.0], 40)
# run: triangle_middle([1.0, 2.0, 3.0], 1, 3)
# run: triangle_middle([1.0, 2.0, 3.0], 1, 5)
# run: triangle_middle([1.0, 2.0, 3.0], 2, 3)
# run: few_reads_of_a_long_list([1.0, 2.0, 3.0, "x"], 3)
# run: few_reads_of_a_long_list([float(i) for i in range(1000)], 5)
# run: maybe_unbound_stop([1.0, 2.0, 3.0], 2, False)
# run: maybe_unbound_stop([1.0, 2.0, 3.0], 2, True)
