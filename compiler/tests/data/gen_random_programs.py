"""Generates random scalar Python functions f(a, b, x, y) (a, b ints; x, y
floats) and what CPython returns for them on eight fixed argument rows, for
`compiler/tests/random_programs.rs`. Run with CPython 3.11:

    python3 gen_random_programs.py expr SEED COUNT > out.tsv
    python3 gen_random_programs.py stmt SEED COUNT > out.tsv

Each output line: the source (newlines as \\n), then one column per row:
`I <int>`, `F <float bits as u64>`, `B <0|1>`, or `X <reason>` where CPython
raises or returns something native code cannot hold (a bigint, a complex).
`data/random_programs.tsv` holds 100 such programs (50 of each kind, seeds
1, 2, 11, 12) whose every row the native code reproduced exactly when they
were picked.
"""
import math
import random
import signal
import struct
import sys

MIN, MAX = -2**63, 2**63 - 1
INTC = ['0', '1', '2', '3', '-1', '-2', '7', '10', '2**62', '9007199254740993', '-9223372036854775807']
FLC = ['0.5', '-0.0', '0.0', '1.5', '-2.5', '1e300', '1e-300', 'math.inf', 'math.nan', '3.0']
INPUTS = [(0, 0, 0.0, 0.0), (3, -2, 0.5, -1.5), (-7, 2, 2.5, -0.0), (MAX, MIN, 1e300, -1e300),
          (2**53 + 1, -1, math.nan, math.inf), (1, 5, -3.25, 7.0), (-1, -1, -0.5, 0.1), (10**12, 3, 1e-310, 2.0)]


def leaf():
    r = random.random()
    if r < 0.45:
        return random.choice(['a', 'b', 'x', 'y'])
    if r < 0.7:
        return random.choice(INTC)
    return random.choice(FLC)


def expr(d):
    if d <= 0:
        return leaf()
    r = random.random()
    if r < 0.45:
        op = random.choice(['+', '-', '*', '/', '//', '%', '+', '-', '*'])
        return f"({expr(d-1)} {op} {expr(d-1)})"
    if r < 0.5:
        return f"({expr(d-1)} ** {random.choice(['2', '3', '0', '-1', '0.5', 'x', 'y'])})"
    if r < 0.6:
        return f"(-{expr(d-1)})"
    if r < 0.68:
        f = random.choice(['abs', 'int', 'round', 'float', 'math.floor', 'math.ceil', 'math.sqrt', 'math.fabs', 'math.trunc'])
        return f"{f}({expr(d-1)})"
    if r < 0.76:
        return f"{random.choice(['min', 'max'])}({expr(d-1)}, {expr(d-1)})"
    if r < 0.86:
        c = random.choice(['<', '<=', '==', '!=', '>', '>='])
        return f"({expr(d-1)} if {expr(d-1)} {c} {expr(d-1)} else {expr(d-1)})"
    if r < 0.93:
        return f"({expr(d-1)} {random.choice(['and', 'or'])} {expr(d-1)})"
    return leaf()


def sexpr(d):
    # mentions the loop state (a crude textual swap of the first `b`)
    return expr(d).replace('b', random.choice(['b', 's', 'i', 't']), 1)


def block(depth, indent):
    lines = []
    for _ in range(random.randint(1, 3)):
        r = random.random()
        pad = ' ' * indent
        if r < 0.35:
            v = random.choice(['s', 't'])
            lines.append(f"{pad}{v} {random.choice(['=', '+=', '-=', '*='])} {sexpr(random.choice([1, 2]))}")
        elif r < 0.5 and depth > 0:
            lines.append(f"{pad}if {sexpr(1)} {random.choice(['<', '>', '==', '!='])} {sexpr(1)}:")
            lines += block(depth - 1, indent + 4)
            if random.random() < 0.5:
                lines.append(f"{pad}else:")
                lines += block(depth - 1, indent + 4)
        elif r < 0.65 and depth > 0:
            lo, hi, st = random.choice([(0, 4, 1), (5, -3, -2), (-2, 3, 1), (0, 0, 1), (3, 9, 3)])
            lines.append(f"{pad}for i in range({lo}, {hi}, {st}):")
            lines += block(depth - 1, indent + 4)
            if random.random() < 0.3:
                lines.append(f"{pad}else:")
                lines += block(depth - 1, indent + 4)
        elif r < 0.75 and depth > 0:
            lines.append(f"{pad}k = 0")
            lines.append(f"{pad}while k < {random.randint(0, 4)}:")
            lines.append(f"{pad}    k += 1")
            lines += block(depth - 1, indent + 4)
        elif r < 0.85 and indent > 4:
            lines.append(f"{pad}if {sexpr(1)} > {sexpr(0)}:")
            lines.append(f"{pad}    {random.choice(['break', 'continue'])}")
        else:
            lines.append(f"{pad}t = {sexpr(1)}")
    return lines


def program(kind):
    if kind == 'expr':
        return f"def f(a, b, x, y):\n    return {expr(random.choice([2, 3, 3, 4]))}\n"
    body = [f"    s = {random.choice(['0', '0.0', 'a', 'x'])}", f"    t = {random.choice(['1', 'y', 'b'])}", "    i = 0"]
    body += block(2, 4)
    body.append(f"    return {random.choice(['s', 't', 's + t', '(s, t)[0]', 's if s > t else t'])}")
    return "def f(a, b, x, y):\n" + "\n".join(body) + "\n"


def show(v):
    if type(v) is bool:
        return f"B {int(v)}"
    if type(v) is int:
        return f"I {v}" if MIN <= v <= MAX else "X big"
    if type(v) is float:
        return f"F {struct.unpack('<Q', struct.pack('<d', v))[0]}"
    return "X type"


class Slow(Exception):
    pass


def main():
    kind, seed, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    random.seed(seed)
    signal.signal(signal.SIGALRM, lambda *a: (_ for _ in ()).throw(Slow()))
    done = 0
    while done < n:
        src = program(kind)
        try:
            compile(src, "<f>", "exec")
        except SyntaxError:
            continue
        ns = {'math': math}
        exec(src, ns)
        rows, slow = [], False
        for args in INPUTS:
            signal.setitimer(signal.ITIMER_REAL, 0.2)
            try:
                rows.append(show(ns['f'](*args)))
            except Slow:
                slow = True
            except Exception as e:
                rows.append("X " + type(e).__name__)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        if not slow:
            print(src.replace('\n', '\\n') + '\t' + '\t'.join(rows))
            done += 1


if __name__ == '__main__':
    main()
