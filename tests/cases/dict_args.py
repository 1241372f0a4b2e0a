"""Dicts passed in: read natively and, when the function changes them,
mutated in place exactly as CPython leaves them (existing keys keep their
key object and place, new keys follow in order); a bail-out leaves the dict
untouched for CPython's re-run.
"""


def count_into(tokens, counts):
    for i in range(len(tokens) - 1):
        pair = (tokens[i], tokens[i + 1])
        counts[pair] = counts.get(pair, 0) + 1
    return len(counts)


def bump(d, k):
    d[k] += 1
    return d[k]


def total_of(d):
    s = 0
    for k, v in d.items():
        s += v
    return s


def best_key(scores):
    return max(scores, key=scores.get)


def lookup(rank, a, b):
    if (a, b) in rank:
        return rank[(a, b)]
    return -1


def update_then_fail(d, k):
    d[k] = 100
    d[k + 1] = 200
    raise ValueError("after " + "updates")


def first_key_kept(d):
    d[1.0] = 5
    return len(d)


def merge_twice(a, b):
    merge(a, b)
    return merge(a, b), len(a)


def merge(a, b):
    for k, v in b.items():
        a[k] = a.get(k, 0) + v
    return a


# run: count_into([1, 2, 1, 2, 3], {})
# run: count_into([1, 2, 1, 2, 3], {(1, 2): 10, (9, 9): 1})
# run: count_into([], {(1, 2): 1})
# run: bump({1: 1, 2: 2}, 2)
# run: bump({1: 1.5}, 1)
# run: bump({1: 1}, 3)
# run-any: bump({1: 2 ** 62 * 2 - 1 + 2 ** 62 * 2}, 1)
# run-any: total_of({1: 1, 2: 2.5, 3: True})
# run-any: total_of({})
# run: best_key({3: 1, 1: 5, 2: 5})
# run: best_key({})
# run: lookup({(104, 101): 0, (32, 116): 1}, 32, 116)
# run: lookup({(104, 101): 0}, 1, 2)
# run: update_then_fail({1: 1}, 5)
# run: first_key_kept({1: 1, 2: 2})
# run-any: first_key_kept({True: 1})
# run: merge({1: 1, 2: 2}, {2: 3, 4: 5})
# run-any: merge({}, {})
# run-any: bump({"a": 1}, 1)
# run-any: total_of({1: "x"})
# run-any: total_of({1: None})
# run-any: merge({1: 1}, {(1, 2): 3})
# run-any: count_into([1.0, 2.0], {1: 1})
# run: merge_twice({1: 1}, {1: 2, 3: 4})
# run-any: merge_twice({1: 1}, {1: 2.5})


def nested(t):
    return t[0][1]


def cond_update(d, k, flag):
    d[k] = (d[k] if flag else 0) + d[k]
    return d


# A dict inside a tuple is not copied in: CPython runs the call.
# run-any: nested(({1: 2},))
# run: cond_update({1: 5}, 1, True)
# run: cond_update({1: 5}, 1, False)
