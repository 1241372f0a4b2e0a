"""Dicts keyed by strs and by tuples holding strs: equal strs from different
objects are one key (the first key object stays), order is insertion order,
unicode and empty strs are keys like any other, and a missing str key raises
KeyError with its repr. Dict arguments with str keys are read and updated in
place. A str subclass key leaves the call to CPython.
"""

from http import HTTPMethod


def char_counts(s):
    d = {}
    for i in range(len(s)):
        c = s[i]
        d[c] = d.get(c, 0) + 1
    return d


def bigrams(s):
    d = {}
    for i in range(len(s) - 1):
        pair = (s[i], s[i + 1])
        d[pair] = d.get(pair, 0) + 1
    return d


def positions(s, width):
    d = {}
    for i in range(len(s) - width + 1):
        d[(s[i:i + width], i % 3)] = i
    return d


def words_of(s, width):
    d = {}
    for i in range(0, len(s) - width + 1, width):
        w = s[i:i + width]
        if w not in d:
            d[w] = 0
        d[w] += 1
    return d


def key_of_slice(s, i, j):
    d = {s: 1}
    d[s[i:j]] = 2
    return d, len(d)


def lookup(d, s, i):
    return d[s[i]]


def lookup_default(d, s):
    return d.get(s, -1), s in d, len(d)


def add_counts(d, s):
    for i in range(len(s)):
        d[s[i]] = d.get(s[i], 0) + 1
    return len(d)


def set_default(d, s):
    for i in range(len(s)):
        d.setdefault(s[i], i)
    return d


def first_key_object_kept(d, s):
    d[s[0:2]] = 10
    for k in d:
        if k == s[0:2]:
            return k
    return s


def most_common(s):
    d = char_counts(s)
    return max(d, key=d.get), min(d, key=d.get)


def walk(d):
    keys = []
    total = 0
    for k, v in d.items():
        keys.append(len(k))
        total += v
    for v in d.values():
        total += v
    return keys, total


def int_lookup_in_str_dict(d, k):
    return k in d, d.get(k, 0.5)


def fail_after_update(d, s):
    d[s] = 1
    d[s + s] = 2
    raise KeyError(s)


# run: char_counts("hello")
# run: char_counts("")
# run: char_counts("héllo wörld ✓ 🎉🎉")
# run: bigrams("abab")
# run: bigrams("aé✓aé✓")
# run: bigrams("x")
# run: positions("abcabcab", 2)
# run: words_of("abcabcxyzabc", 3)
# run: words_of("", 2)
# run: key_of_slice("abc", 0, 3)
# run: key_of_slice("abc", 1, 1)
# run: lookup({"a": 1, "b": 2}, "ba", 0)
# run-any: lookup({"a": 1, "b": 2.5}, "ba", 0)
# run: lookup({"a": 1}, "ba", 0)
# run: lookup({"é": True}, "é", 0)
# run: lookup_default({"": 3, "x": 4}, "")
# run: lookup_default({"x": 4}, "y")
# run: add_counts({"a": 5, "z": 1}, "abca")
# run: add_counts({}, "")
# run: add_counts({"a": 1.5}, "aa")
# run: set_default({"b": 9}, "abc")
# run: first_key_object_kept({"ab": 1, "cd": 2}, "abz")
# run: most_common("mississippi")
# run-any: most_common("")
# run: walk({"a": 1, "bb": 2, "": 3})
# run-any: walk({})
# run: int_lookup_in_str_dict({"1": 1}, 1)
# run: int_lookup_in_str_dict({"1": 1}, "1")
# run: fail_after_update({"a": 0}, "q")
# run-any: lookup({HTTPMethod.GET: 1}, "GET", 0)
# run-any: add_counts({HTTPMethod.GET: 1}, "GET")
# run-any: add_counts({"a": 1, 2: 2}, "a")
