"""while, for over range (every step sign) and over lists, else clauses, break/continue."""

I64_MAX = 2 ** 63 - 1
I64_MIN = -(2 ** 63)


def range_sum(a, b, step):
    total = 0
    for i in range(a, b, step):
        total += i
    return total


def range_items(a, b, step):
    out = []
    for i in range(a, b, step):
        out.append(i)
    return out


def range1(n):
    out = []
    for i in range(n):
        out.append(i)
    return out


def range2(a, b):
    count = 0
    for _ in range(a, b):
        count += 1
    return count


def last_loop_value(n):
    i = -1
    for i in range(n):
        pass
    return i


def loop_var_unbound(n):
    for i in range(n):
        pass
    return i


def loop_var_rebound(n):
    total = 0
    for i in range(n):
        i += 10
        total += i
    return total, i


def range_fixed_at_start(n):
    count = 0
    for _ in range(n):
        n -= 1
        count += 1
    return count, n


def while_sum(n):
    total = 0
    i = 0
    while i < n:
        total += i
        i += 1
    return total


def while_else(n):
    i = 0
    while i < n:
        if i == 5:
            break
        i += 1
    else:
        return -1
    return i


def for_else_found(xs, target):
    for i in range(len(xs)):
        if xs[i] == target:
            break
    else:
        return -1
    return i


def for_else_no_break(n):
    total = 0
    for i in range(n):
        total += i
    else:
        total += 1000
    return total


def for_list_else(xs):
    count = 0
    for x in xs:
        if x < 0:
            break
        count += 1
    else:
        count = -count
    return count


def nested_break(n, m):
    count = 0
    for i in range(n):
        for j in range(m):
            if j > i:
                break
            count += 1
    return count


def nested_continue(n):
    total = 0
    for i in range(n):
        if i % 2 == 0:
            continue
        for j in range(i):
            if j % 3 == 0:
                continue
            total += j
    return total


def while_continue(n):
    i = 0
    total = 0
    while i < n:
        i += 1
        if i % 3 == 0:
            continue
        total += i
    return total


def break_outer_via_flag(m):
    found_i = -1
    found_j = -1
    done = False
    for i in range(len(m)):
        for j in range(len(m[i])):
            if m[i][j] < 0:
                found_i = i
                found_j = j
                done = True
                break
        if done:
            break
    return found_i, found_j


def nested_else(n):
    hits = 0
    for i in range(n):
        for j in range(i):
            if i * j == 12:
                break
        else:
            hits += 1
    return hits


def for_over_list(xs):
    total = 0.0
    for x in xs:
        total += x
    return total


def for_over_nested(m):
    total = 0
    for row in m:
        for v in row:
            total += v
    return total


def iterate_growing(xs):
    # iteration sees items appended during the loop
    for x in xs:
        if len(xs) < 8:
            xs.append(x * 2)
    return len(xs)


def range_len_growing(xs):
    # range(len(xs)) is fixed before the loop starts
    for i in range(len(xs)):
        xs.append(xs[i])
    return xs


def loop_over_list_var_after(xs):
    x = 0
    for x in xs:
        pass
    return x


def countdown(n):
    out = []
    while n > 0:
        out.append(n)
        n -= 2
    return out


def while_true_break(limit):
    i = 1
    while True:
        i *= 2
        if i > limit:
            break
    return i


def triangle(n):
    total = 0
    for i in range(n):
        for j in range(i, n):
            total += j - i
    return total


def empty_body_while(n):
    while n > 0:
        n -= 1
    return n


def range_with_bools(flag):
    count = 0
    for _ in range(flag, 3, True):
        count += 1
    return count


def range_float_arg(x):
    total = 0
    for i in range(x):
        total += i
    return total


# run: range_sum(0, 10, 1)
# run: range_sum(0, 10, 3)
# run: range_sum(10, 0, -1)
# run: range_sum(10, 0, -3)
# run: range_sum(-5, 5, 2)
# run: range_sum(5, -5, -2)
# run: range_sum(0, 0, 1)
# run: range_sum(10, 0, 1)
# run: range_sum(0, 10, -1)
# run: range_sum(0, 1, 100)
# run: range_sum(0, 10, I64_MAX)
# run: range_sum(0, -10, I64_MIN)
# run-any: range_sum(I64_MAX - 3, I64_MAX, 1)
# run-any: range_sum(I64_MIN, I64_MIN + 3, 1)
# run-any: range_sum(I64_MAX - 3, I64_MAX - 1, 1)
# run: range_sum(I64_MAX - 1, I64_MAX, 1)
# run-any: range_sum(2 ** 64, 2 ** 64 + 3, 1)
# run: range_sum(0, 10, 0)
# run: range_sum(5, 5, 0)
# run: range_items(0, 10, 3)
# run: range_items(10, 0, -3)
# run: range_items(-1, -10, -4)
# run: range_items(3, 3, -1)
# run: range_items(1, 2, 0)
# run: range_items(I64_MAX - 5, I64_MAX, 2)
# run: range_items(I64_MIN + 5, I64_MIN, -2)
# run: range1(5)
# run: range1(0)
# run: range1(-5)
# run: range2(3, 8)
# run: range2(8, 3)
# run: range2(-3, 3)
# run: last_loop_value(5)
# run: last_loop_value(0)
# run: loop_var_unbound(3)
# run: loop_var_unbound(0)
# run: loop_var_rebound(5)
# run: range_fixed_at_start(5)
# run: while_sum(100)
# run: while_sum(0)
# run: while_else(10)
# run: while_else(3)
# run: while_else(0)
# run: for_else_found([1, 2, 3], 2)
# run: for_else_found([1, 2, 3], 7)
# run: for_else_found([], 7)
# run: for_else_found([1.0, 2.0], 2)
# run: for_else_no_break(5)
# run: for_else_no_break(0)
# run: for_list_else([1.0, 2.0, 3.0])
# run: for_list_else([1.0, -2.0, 3.0])
# run: for_list_else([])
# run: nested_break(5, 5)
# run: nested_break(0, 5)
# run: nested_break(5, 0)
# run: nested_continue(10)
# run: nested_continue(0)
# run: while_continue(10)
# run: while_continue(0)
# run: break_outer_via_flag([[1.0, 2.0], [3.0, -4.0], [-5.0]])
# run: break_outer_via_flag([[1.0], [2.0]])
# run-any: break_outer_via_flag([])
# run: break_outer_via_flag([[], [-1.0]])
# run: nested_else(10)
# run: nested_else(0)
# run: for_over_list([1.0, 2.0, 3.5])
# run: for_over_list([])
# run: for_over_list([1, 2, 3])
# run: for_over_list([True, False, True])
# run: for_over_list([-0.0])
# run-any: for_over_list([1, 2.5, True])
# run-any: for_over_list([2 ** 70, 1.0])
# run: for_over_nested([[1, 2], [3], []])
# run-any: for_over_nested([])
# run: for_over_nested([[1.5], [2.5, -1.0]])
# run: iterate_growing([1.0])
# run: iterate_growing([1, 2, 3])
# run: iterate_growing([])
# run: iterate_growing([1.0] * 10)
# run: range_len_growing([1.0, 2.0])
# run: range_len_growing([])
# run: loop_over_list_var_after([1.0, 2.0])
# run-any: loop_over_list_var_after([])
# run: countdown(7)
# run: countdown(0)
# run: countdown(-3)
# run: while_true_break(1000)
# run: while_true_break(0)
# run-any: while_true_break(2 ** 70)
# run: triangle(10)
# run: triangle(0)
# run: empty_body_while(10)
# run: empty_body_while(-1)
# run: range_with_bools(True)
# run: range_with_bools(False)
# run-any: range_float_arg(3.0)
