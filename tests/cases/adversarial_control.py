"""Adversarial: for/while-else, break/continue in nested loops, loop variables
after the loop, ranges with odd steps and bounds near 2**63."""


def find_pair(xs, target):
    for i in range(len(xs)):
        for j in range(i + 1, len(xs)):
            if xs[i] + xs[j] == target:
                break
        else:
            continue
        return i, j
    else:
        return -1, -1


def while_else(n):
    i = 0
    while i < n:
        if i == 5:
            break
        i += 1
    else:
        i = -i
    return i


def while_continue(n):
    i = 0
    s = 0
    while i < n:
        i += 1
        if i % 3 == 0:
            continue
        s += i
    return s, i


def loop_var_after(n):
    for i in range(n):
        pass
    return i


def loop_var_after_list(xs):
    for v in xs:
        pass
    return v


def loop_var_prebound(n):
    i = -1
    for i in range(n):
        pass
    return i


def early_ret(xs):
    for v in xs:
        if v < 0:
            return v
    return 0.0


def nested_break_flag(m):
    found = False
    for row in m:
        for v in row:
            if v > 10:
                found = True
                break
        if found:
            break
    return found, row


def range_steps(a, b, c):
    s = 0
    k = 0
    for i in range(a, b, c):
        s ^= i
        k += 1
    return s, k


def range_last(a, b, c):
    last = 0
    for i in range(a, b, c):
        last = i
    return last


def range_one(n):
    out = []
    for i in range(n):
        out.append(i)
    return out


def range_len(a, b, c):
    return len(range(a, b, c))


def while_else_break_nested(n):
    out = 0
    i = 0
    while i < n:
        j = 0
        while j < n:
            if j == 2:
                break
            j += 1
        else:
            out += 100
        out += j
        i += 1
    else:
        out += 1000
    return out


def for_else_empty(xs):
    for v in xs:
        break
    else:
        return "empty"
    return "nonempty"


def for_else_num(xs):
    for v in xs:
        if v == 0:
            break
    else:
        return -1
    return 1


def mod_loop_var(n):
    total = 0
    for i in range(n):
        i = i * 2
        total += i
    return total, i


def cond_unbound(flag):
    if flag:
        y = 1
    return y


def cond_unbound_loop(n):
    for i in range(n):
        if i == 3:
            z = i
    return z


def del_like(n):
    k = 0
    while True:
        k += 1
        if k >= n:
            break
    return k


def continue_for_else(n):
    c = 0
    for i in range(n):
        if i % 2:
            continue
        c += 1
    else:
        c += 10
    return c


def return_in_while_else(n):
    i = 0
    while i < n:
        i += 1
    else:
        return i * 2
    return -1


def countdown(n):
    out = []
    for i in range(n, 0, -1):
        out.append(i)
    return out


def range_neg_step_big(a, b):
    c = 0
    for i in range(a, b, -(2 ** 62)):
        c += 1
    return c


def range_big_step_last(a, b, c):
    r = 0
    for i in range(a, b, c):
        r = i
    return r


def range_zero_step(n):
    t = 0
    for i in range(0, n, 0):
        t += i
    return t


def loop_over_arg_reassigned(xs):
    for v in xs:
        xs = [0.0]
    return xs


def nested_loops_same_var(n):
    t = 0
    for i in range(n):
        for i in range(i):
            t += i
    return t, i


def while_float_cond(x):
    n = 0
    while x:
        x = x / 2
        n += 1
        if n > 2000:
            break
    return n, x


# run-any: find_pair([1, 2, 3, 4], 7)
# run-any: find_pair([1, 2, 3, 4], 100)
# run-any: find_pair([], 1)
# run: while_else(3)
# run: while_else(10)
# run: while_else(0)
# run: while_continue(10)
# run: while_continue(0)
# run: loop_var_after(3)
# run-any: loop_var_after(0)
# run: loop_var_after_list([1.0, 2.0])
# run-any: loop_var_after_list([])
# run: loop_var_prebound(0)
# run: loop_var_prebound(4)
# run: early_ret([1.0, -2.0, -3.0])
# run: early_ret([1.0])
# run: nested_break_flag([[1.0], [20.0, 1.0], [30.0]])
# run: nested_break_flag([[1.0], [2.0]])
# run: range_steps(0, 10, 3)
# run: range_steps(10, 0, -3)
# run: range_steps(0, 10, -1)
# run: range_steps(-5, 5, 1)
# run-any: range_steps(0, 10, 0)
# run: range_steps(2 ** 63 - 5, 2 ** 63 - 1, 1)
# run: range_steps(-2 ** 63, -2 ** 63 + 3, 1)
# run-any: range_steps(2 ** 63 - 3, 2 ** 63 - 1, 1)
# run: range_last(9223372036854775800, 9223372036854775807, 3)
# run: range_last(-9223372036854775807, -9223372036854775808, -1)
# run: range_last(0, 9223372036854775807, 4611686018427387904)
# run: range_last(-9223372036854775808, 9223372036854775807, 9223372036854775807)
# run: range_last(9223372036854775807, -9223372036854775808, -9223372036854775807)
# run: range_last(-9223372036854775808, 9223372036854775807, 4611686018427387904)
# run: range_last(5, 5, 1)
# run: range_one(0)
# run: range_one(-3)
# run: range_one(4)
# run-any: range_len(0, 10, 3)
# run-any: range_len(10, 0, 3)
# run-any: range_len(10, 0, -4)
# run-any: range_len(-2 ** 63, 2 ** 63 - 1, 1)
# run-any: range_len(-2 ** 62, 2 ** 62, 2)
# run: while_else_break_nested(3)
# run: while_else_break_nested(1)
# run: while_else_break_nested(0)
# run: for_else_num([1.0, 0.0])
# run: for_else_num([1.0])
# run: for_else_num([])
# run: mod_loop_var(4)
# run-any: mod_loop_var(0)
# run: cond_unbound(True)
# run-any: cond_unbound(False)
# run: cond_unbound_loop(5)
# run-any: cond_unbound_loop(2)
# run: del_like(5)
# run: del_like(0)
# run: continue_for_else(5)
# run: return_in_while_else(3)
# run: countdown(4)
# run: countdown(0)
# run: range_neg_step_big(2 ** 63 - 1, -2 ** 63)
# run: range_neg_step_big(0, -1)
# run: range_big_step_last(9223372036854775806, 9223372036854775807, 9223372036854775807)
# run: range_big_step_last(-9223372036854775807, 9223372036854775807, 9223372036854775806)
# run: range_big_step_last(9223372036854775807, -9223372036854775808, -9223372036854775808)
# run-any: range_zero_step(3)
# run: loop_over_arg_reassigned([1.0, 2.0])
# run: loop_over_arg_reassigned([])
# run: nested_loops_same_var(4)
# run: while_float_cond(1.0)
# run: while_float_cond(-0.0)
# run: while_float_cond(0.0)
