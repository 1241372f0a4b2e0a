"""str indexing, slicing, ==, in; list insert, extend and slicing.

Every result is a real Python object with CPython's contents; indexing out
of range, journaled list changes undone on a bail-out, unicode (astral
characters included) and CPython's slice clamping all as in CPython.
"""


def char_at(s, i):
    return s[i]


def middle(s, a, b):
    return s[a:b]


def head(s, n):
    return s[:n]


def tail(s, n):
    return s[n:]


def whole(s):
    return s[:]


def same_text(a, b):
    return a == b, a != b


def has(sub, s):
    return sub in s, sub not in s


def count_char(s, c):
    n = 0
    for i in range(len(s)):
        if s[i] == c:
            n += 1
    return n


def palindrome(s):
    n = len(s)
    for i in range(n // 2):
        if s[i] != s[n - 1 - i]:
            return False
    return True


def slice_list(xs, a, b):
    return xs[a:b]


def slice_and_change(xs):
    ys = xs[1:]
    ys[0] = -1.0
    return ys, xs


def utf8_middle(t):
    b = t.encode("utf-8")
    return b[1:3], len(b[2:])


def insert_front(xs, v):
    xs.insert(0, v)
    return xs


def insert_at(xs, i, v):
    xs.insert(i, v)
    return len(xs)


def extend_twice(xs, ys):
    xs.extend(ys)
    xs.extend(ys)
    return xs


def extend_self(xs):
    xs.extend(xs)
    return xs


def build(n):
    out = []
    for i in range(n):
        out.insert(0, i)
        out.extend([i * 10, i * 100])
    return out


def insert_then_fail(xs):
    xs.insert(1, 9.5)
    xs.extend([1.0, 2.0])
    raise ValueError("stopped after " + "changes")


def window_sums(xs, k):
    out = []
    for i in range(len(xs) - k + 1):
        part = xs[i:i + k]
        total = 0.0
        for x in part:
            total += x
        out.append(total)
    return out


# run: char_at("hello", 0)
# run: char_at("hello", -1)
# run: char_at("h\u00e9llo \U0001F600", 6)
# run: char_at("", 0)
# run: char_at("abc", 3)
# run: char_at("abc", -4)
# run: middle("hello world", 2, 7)
# run: middle("hello", -3, -1)
# run: middle("hello", 4, 2)
# run: middle("hello", -100, 100)
# run: middle("\U0001F600\U0001F601\U0001F602", 1, 2)
# run: head("hello", 2)
# run: head("hello", -2)
# run: tail("hello", 3)
# run: tail("", 1)
# run: whole("abc")
# run: same_text("abc", "abc")
# run: same_text("abc", "abd")
# run: same_text("", "")
# run: same_text("\u00e9", "e\u0301")
# run: has("lo w", "hello world")
# run: has("", "abc")
# run: has("xyz", "abc")
# run: has("\U0001F600", "a\U0001F600b")
# run: count_char("mississippi", "s")
# run: count_char("", "s")
# run: palindrome("racecar")
# run: palindrome("ab")
# run: palindrome("")
# run: slice_list([1.0, 2.0, 3.0, 4.0], 1, 3)
# run: slice_list([1, 2, 3], -2, 100)
# run: slice_list([], 0, 1)
# run: slice_and_change([1.0, 2.0, 3.0])
# run: utf8_middle("h\u00e9llo")
# run: insert_front([1.0, 2.0], 0.5)
# run: insert_front([], 1)
# run: insert_at([1, 2, 3], 1, 9)
# run: insert_at([1, 2, 3], -1, 9)
# run: insert_at([1, 2, 3], 100, 9)
# run: insert_at([1, 2, 3], -100, 9)
# run: extend_twice([1.0], [2.0, 3.0])
# run: extend_twice([1, 2], [])
# run: extend_self([1, 2])
# run: build(4)
# run: insert_then_fail([1.0, 2.0])
# run: window_sums([1.0, 2.0, 3.0, 4.0, 5.0], 3)
# run: window_sums([1.0], 3)
# run-any: insert_at([1, 2], 0, 1.5)
# run-any: extend_twice([1.0], [2, 3])
