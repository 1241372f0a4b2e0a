"""zip() over lists: stops at the shorter one, `else` runs unless a
`break` left the loop (no dicts or strings: both tiers translate it)."""


def zipped(xs, ys):
    total = 0.0
    for x, y in zip(xs, ys):
        total += x * y
    else:
        total += 1000.0
    return total


def zipped_break(xs, ys):
    n = 0
    for x, y in zip(xs, ys):
        if x > y:
            break
        n += 1
    else:
        n = -1
    return n


# run: zipped([1.0, 2.0, 3.0], [4.0, 5.0])
# run: zipped([], [1.0])
# run: zipped([1, 2], [3, 4])
# run: zipped_break([1, 5, 2], [2, 3, 4])
# run: zipped_break([1, 2], [2, 3, 4])
# run-any: zipped([1.0, 2], [3.0, 4.0])
