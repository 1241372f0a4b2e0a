"""Constructs outside the tier-1 subset: rejected at compile time with a reason
naming the construct and its line, and still exactly CPython's results.

Each '# fallback:' line declares one function that must be rejected. When the
supported subset grows to include one of these constructs, move its function
to the topic file that covers it.
"""

nan = float("nan")


# fallback: uses_dict
def uses_dict(xs):
    groups = {}
    for x in xs:
        groups[x] = [x]
    return groups


# fallback: uses_str
def uses_str(n):
    s = "ab" * n
    return s.upper()


# fallback: uses_try
def uses_try(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return 0.0


# fallback: uses_lambda
def uses_lambda(x):
    f = lambda y: y * 2  # noqa: E731
    return f(x) + 1


# fallback: uses_genexp
def uses_genexp(n):
    return sum(i * i for i in range(n))


# fallback: uses_closure
def uses_closure(x):
    def inner(y):
        return x + y
    return inner(1) * 2


# fallback: uses_set
def uses_set(xs):
    seen = set()
    for x in xs:
        seen.add(x)
    return len(seen)


# fallback: uses_global_stmt
COUNTER = 0


def uses_global_stmt(n):
    global COUNTER
    COUNTER += n
    return COUNTER


# fallback: uses_slice
def uses_slice(xs):
    head = xs[1:3:2]
    return len(head)


# fallback: uses_fstring
def uses_fstring(x):
    text = f"{x:.3f}"
    return len(text)


# fallback: uses_import
def uses_import(x):
    import math as m
    return m.sqrt(x)


# fallback: uses_del
def uses_del(xs):
    del xs[0]
    return len(xs)


# fallback: uses_isinstance
def uses_isinstance(x):
    if isinstance(x, float):
        return 1
    return 0


def uses_yield(n):
    for i in range(n):
        yield i


# fallback: uses_class_def
def uses_class_def(x):
    class Box:
        pass
    b = Box()
    b.v = x
    return b.v * 2


# fallback: uses_while_dict_after_work
def uses_while_dict_after_work(xs):
    # a rejected construct late in the body still rejects the whole function,
    # and the work before it (mutation of xs) happens exactly once
    xs.append(1.0)
    d = {"n": [len(xs)]}
    return d["n"][0]


def list_of_yield(n):
    return list(uses_yield(n))


def calls_rejected(xs):
    # translatable itself, but calls a rejected function
    return uses_set(xs) + 1


# run-any: uses_dict([1, 2, 1, 3, 1])
# run-any: uses_dict([])
# run-any: uses_dict([1.0, nan, nan])
# run-any: uses_str(3)
# run-any: uses_str(0)
# run-any: uses_try(1.0, 2.0)
# run-any: uses_try(1.0, 0.0)
# run-any: uses_try(1, 0)
# run-any: uses_lambda(5)
# run-any: uses_lambda(1.5)
# run-any: uses_genexp(10)
# run-any: uses_genexp(0)
# run-any: uses_closure(3)
# run-any: uses_closure(0.5)
# run-any: uses_set([1, 2, 2, 3])
# run-any: uses_set([])
# run-any: uses_global_stmt(5)
# run-any: uses_global_stmt(7)
# run-any: uses_slice([1.0, 2.0, 3.0, 4.0])
# run-any: uses_slice([1.0])
# run-any: uses_fstring(3)
# run-any: uses_fstring(-2.5)
# run-any: uses_import(16.0)
# run-any: uses_import(-1.0)
# run-any: uses_del([1.0, 2.0])
# run-any: uses_del([])
# run-any: uses_isinstance(1.0)
# run-any: uses_isinstance(1)
# run-any: list_of_yield(4)
# run-any: uses_class_def(21)
# run-any: uses_while_dict_after_work([0.5])
# run-any: uses_while_dict_after_work([])
# run-any: calls_rejected([1.0, 1.0, 2.0])
