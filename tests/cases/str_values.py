"""Str constants and lists of str: constants as values, dict keys and
operands (escapes, unicode, the empty str, NUL); lists of str read, iterated,
built, mutated in place and returned holding the same objects. A list item
that is not an exact str leaves the call to CPython.
"""

from http import HTTPMethod


def word_counts(words):
    d = {}
    for w in words:
        d[w] = d.get(w, 0) + 1
    return d


def long_words(words, n):
    out = []
    for w in words:
        if len(w) > n:
            out.append(w)
    return out


def without(words, stop):
    return [w for w in words if w != stop]


def swap_ends(words):
    words[0], words[-1] = words[-1], words[0]
    return words


def first_then_fail(words, k):
    words[0] = words[1]
    return words[k]


def pick(words, i):
    return words[i]


def classify(s):
    d = {}
    for i in range(len(s)):
        c = s[i]
        if c == " ":
            d["space"] = d.get("space", 0) + 1
        elif c in "aeiouAEIOU":
            d["vowel"] = d.get("vowel", 0) + 1
        elif c == "\n":
            d["line"] = d.get("line", 0) + 1
        else:
            d["other"] = d.get("other", 0) + 1
    return d


def constants():
    return "", "a\tb\\c\n", "héllo ✓ 🎉", "nul\x00byte", 'quote"s'


def greet(name):
    if name == "":
        return "nobody"
    return name


def tagged(words):
    d = {}
    for i in range(len(words)):
        d[(words[i], "word")] = i
    d[("", "end")] = len(words)
    return d


def has_vowel(s):
    return "a" in s, "" in s, "✓" in s


def count_ranks(ranks):
    counts = {"low": 0, "mid": 0, "high": 0}
    for r in ranks:
        if r < 3:
            counts["low"] += 1
        elif r < 7:
            counts["mid"] += 1
        else:
            counts["high"] += 1
    return counts


def missing_key(s):
    d = {"a": 1}
    return d[s]


# run: word_counts(["the", "cat", "the", "hat", "é", "é", ""])
# run: word_counts([])
# run-any: word_counts(["a", 1, "a"])
# run-any: word_counts(["a", HTTPMethod.GET, "a"])
# run: long_words(["a", "abc", "abcd", "héllo"], 2)
# run-any: long_words([], 0)
# run: without(["the", "cat", "the", "hat"], "the")
# run: swap_ends(["a", "b", "c"])
# run: swap_ends(["solo"])
# run: first_then_fail(["a", "b", "c"], 2)
# run: first_then_fail(["a", "b", "c"], 5)
# run: pick(["a", "b"], -1)
# run: pick(["a", "b"], 2)
# run-any: pick(["a", 2.5], 1)
# run: classify("Hello world\nAEIOU xyz")
# run: classify("")
# run: constants()
# run: greet("")
# run: greet("ann")
# run: tagged(["x", "y", "x"])
# run: has_vowel("cat ✓")
# run: has_vowel("")
# run: count_ranks([1, 5, 9, 2, 7])
# run: count_ranks([])
# run: missing_key("a")
# run: missing_key("b")
# run: missing_key("")
