"""Dicts, tuple keys, str and bytes, enumerate/zip, list.pop: the tokenizer
subset (issue 5). Results must be real dicts with CPython's order, keys and
value types; exceptions (KeyError, IndexError, RuntimeError, ValueError,
UnicodeEncodeError) must match exactly."""


nan = float("nan")


def count_pairs(tokens):
    counts = {}
    for i in range(len(tokens) - 1):
        pair = (tokens[i], tokens[i + 1])
        counts[pair] = counts.get(pair, 0) + 1
    return counts


def bpe_encode(text, merges):
    tokens = list(text.encode("utf-8"))
    rank = {}
    for r, pair in enumerate(merges):
        rank[pair] = r
    changed = True
    while changed:
        changed = False
        i = 0
        while i < len(tokens) - 1:
            pair = (tokens[i], tokens[i + 1])
            if pair in rank:
                tokens[i] = 256 + rank[pair]
                tokens.pop(i + 1)
                changed = True
            else:
                i += 1
    return tokens


def mixed_keys(xs, ys):
    d = {}
    for i in range(len(xs)):
        d[(xs[i], ys[i])] = i
    return d


def int_and_float_keys(xs, ys):
    d = {}
    for i in range(len(xs)):
        d[(xs[i], xs[i])] = i
    for j in range(len(ys)):
        d[(ys[j], ys[j])] = -j
    return d


def display(a, b):
    return {a: 1, b: 2, 0: 3}


def lookup(xs, k):
    d = {}
    for i in range(len(xs)):
        d[xs[i]] = i * 0.5
    return d[k]


def get_default(xs, k):
    d = {}
    for x in xs:
        d[x] = x * 2
    return d.get(k, 0.5), d.get(k, -1), len(d)


def membership(xs, k):
    d = {}
    for x in xs:
        d[x] = 1
    return k in d, k not in d


def setdefault_count(xs):
    d = {}
    for x in xs:
        d.setdefault(x, 0)
        d[x] += 1
    return d


def views(xs):
    d = {}
    for i, x in enumerate(xs):
        d[x] = i
    ks = []
    vs = []
    total = 0
    for k in d:
        ks.append(k)
    for v in d.values():
        vs.append(v)
    for k, v in d.items():
        total += k * v
    for k in d.keys():
        total -= k
    return ks, vs, total


def most_common(xs):
    d = {}
    for x in xs:
        d[x] = d.get(x, 0) + 1
    return max(d, key=d.get), min(d, key=d.get)


def grow_while_iterating(xs):
    d = {}
    for x in xs:
        d[x] = 1
    for k in d:
        d[k + 100] = 2
    return d


def update_while_iterating(xs):
    d = {}
    for x in xs:
        d[x] = 1
    for k in d:
        d[k] = 5
    return d


def empty_dict(n):
    d = {}
    for i in range(n):
        d[i] = i
    return d


def utf8(text):
    b = text.encode("utf-8")
    out = []
    for x in b:
        out.append(x)
    return len(text), len(b), out, list(b)


def byte_at(text, i):
    b = text.encode()
    return b[i]


def pops(xs, i):
    a = xs.pop(i)
    b = xs.pop()
    return a, b, xs


def pop_fresh(n, i):
    xs = [k * k for k in range(n)]
    return xs.pop(i), xs


def enumerate_pairs(pairs):
    out = []
    for i, (a, b) in enumerate(pairs):
        out.append(i * a + b)
    return out


def str_compare(s):
    return s == "a"


# --- the seed tokenizers ------------------------------------------------------
# run: count_pairs([])
# run: count_pairs([1])
# run: count_pairs([1, 1, 1])
# run: count_pairs([1, 2, 1, 2, 1, 3])
# run: count_pairs([3, 2, 1, 0, -1, 2 ** 62, -(2 ** 63)])
# run-any: count_pairs([1.0, 1, 2, 2.0, 1.5, 1.5])
# run: count_pairs([1.0, 1.5, 2.0, 2.0, 1.5, -0.0])
# run: count_pairs([0.0, -0.0, 0.0, -0.0])
# run-any: count_pairs([0.0, -0.0, 0, -0.0])
# run-any: count_pairs([nan, nan, nan])
# run-any: count_pairs([1, 2, "x"])
# run-any: count_pairs([2 ** 64, 1])
# run: count_pairs([i % 7 for i in range(300)])
# run-any: bpe_encode("", [])
# run-any: bpe_encode("abc", [])
# run: bpe_encode("", [(1, 2)])
# run: bpe_encode("abc", [(1, 2)])
# run: bpe_encode("aaaa", [(97, 97)])
# run: bpe_encode("aaaa", [(97, 97), (256, 256)])
# run: bpe_encode("héllo wörld ✓", [(195, 169), (108, 108), (226, 156)])
# run: bpe_encode("the cat the hat", [(116, 104), (256, 101), (97, 116)])
# run: bpe_encode("abab", [(97.0, 98.0)])
# run-any: bpe_encode("a\udc80b", [(97, 98)])
# run-any: bpe_encode("ab", [[97, 98]])

# --- keys: int/float/bool equality, first key kept, order ----------------------
# run-any: mixed_keys([1, 1.0, 2, 2.5], [2, 2.0, 3, 0])
# run: mixed_keys([1.0, 2.0, 2.5], [2.0, 3.0, 0.5])
# run: mixed_keys([-0.0, 0.0], [0.0, -0.0])
# run: int_and_float_keys([1, 2, 3], [2.0, 2.5, 1.0, 3.0])
# run: int_and_float_keys([0], [-0.0, 0.0])
# run: int_and_float_keys([], [1.0])
# run: mixed_keys([], [])
# run: display(1, 1.0)
# run: display(2.5, 0.0)
# run: display(-0.0, 7)
# run-any: mixed_keys([nan], [1])

# --- lookups and KeyError --------------------------------------------------------
# run: lookup([1, 2, 3], 2)
# run: lookup([1, 2, 3], 2.0)
# run: lookup([1, 2, 3], True)
# run: lookup([1, 2, 3], 7)
# run: lookup([], 0)
# run: lookup([1.5, 2.5], 1.5)
# run: lookup([1.5, 2.5], 2)
# run-any: lookup([1.5, 2.5], nan)
# run: get_default([1, 2, 3], 2)
# run: get_default([1, 2, 3], 9)
# run: get_default([1.5, 2.0], 1.5)
# run: get_default([1.5, 2.0], 2)
# run: get_default([], 1)
# run: membership([1, 2], 2)
# run: membership([1, 2], 2.0)
# run: membership([1, 2], 3)
# run: membership([], 0)
# run: setdefault_count([3, 1, 3, 2, 1, 3])
# run: setdefault_count([1.0, 2.0, 1.0])
# run-any: setdefault_count([1.0, 1, True])
# run: setdefault_count([])

# --- iteration, views, max(key=) -------------------------------------------------
# run: views([5, 3, 5, 1])
# run: views([])
# run: views([2.5, 1.0, 2.5])
# run: most_common([1, 2, 2, 3, 3])
# run: most_common([4, 1, 1, 4])
# run: most_common([7])
# run: most_common([])
# run: grow_while_iterating([1, 2])
# run: grow_while_iterating([])
# run: update_while_iterating([1, 2, 3])
# run: empty_dict(0)
# run: empty_dict(5)

# --- str and bytes -----------------------------------------------------------------
# run: utf8("")
# run: utf8("abc")
# run: utf8("héllo ✓ 𝄞")
# run: utf8("a\udc80")
# run: byte_at("abc", 0)
# run: byte_at("abc", -1)
# run: byte_at("é", 1)
# run: byte_at("abc", 3)
# run: byte_at("abc", -4)
# run: str_compare("a")
# run: str_compare("b")

# --- list.pop, enumerate over tuples ------------------------------------------------------
# run: pops([1, 2, 3, 4], 0)
# run: pops([1, 2, 3, 4], -2)
# run: pops([1.5, 2.5], 1)
# run: pops([1, 2], 5)
# run: pops([1], 0)
# run: pops([], 0)
# run: pop_fresh(5, 2)
# run: pop_fresh(5, -1)
# run: pop_fresh(0, 0)
# run: enumerate_pairs([(1, 2), (3, 4), (5, 6)])
# run-any: enumerate_pairs([])
# run: enumerate_pairs([(1.5, 2), (3.0, 4)])
# run-any: enumerate_pairs([(1, 2), (3.0, 4)])
