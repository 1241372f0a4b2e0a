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
