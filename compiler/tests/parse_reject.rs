//! What the subset check and the analysis reject, and where: every
//! rejection names the construct and the line in the function's file (the
//! sources here start at line 40 of their file, so an off-by-`first_line`
//! mistake shows).

mod common;

use common::*;
use rustify_compiler::parse::parse_function;
use rustify_compiler::resolve::Global;
use rustify_compiler::syntax::StmtKind;
use rustify_compiler::types::Ty;
use rustify_compiler::Reject;

const FIRST: u32 = 40;

/// Rejects `src` (a function starting at line 40) with `what` in the
/// message, on line `40 + offset`.
#[track_caller]
fn rejects(src: &str, args: &[Ty], offset: u32, what: &str) -> Reject {
    let r = reject_at(src, FIRST, args);
    assert!(r.what.contains(what), "rejection {:?} should mention {what:?}", r.what);
    assert_eq!(r.line, FIRST + offset, "line of {:?}", r.what);
    r
}

#[test]
fn unsupported_statements() {
    rejects(
        "def f(x):\n    y = x\n    try:\n        y = 1 // x\n    except ZeroDivisionError:\n        pass\n    return y\n",
        &[Ty::Int],
        2,
        "`try` statement",
    );
    rejects("def f(x):\n    with x:\n        pass\n    return x\n", &[Ty::Int], 1, "`with` statement");
    rejects("def f(x):\n    def g():\n        return 1\n    return x\n", &[Ty::Int], 1, "`def` statement");
    rejects("def f(x):\n    class A:\n        pass\n    return x\n", &[Ty::Int], 1, "`class` statement");
    rejects("def f(x):\n    import math\n    return x\n", &[Ty::Int], 1, "`import` statement");
    rejects("def f(x):\n    from math import sqrt\n    return x\n", &[Ty::Int], 1, "`import` statement");
    rejects("def f(x):\n    global y\n    return x\n", &[Ty::Int], 1, "`global` statement");
    rejects("def f(x):\n    y = x\n    del y\n    return x\n", &[Ty::Int], 2, "`del` statement");
    rejects("def f(x):\n    match x:\n        case 1:\n            return 1\n    return x\n", &[Ty::Int], 1, "`match` statement");
    rejects("def f(x):\n    x.attr = 1\n    return x\n", &[Ty::Int], 1, "assignment to an attribute");
}

#[test]
fn unsupported_expressions() {
    let int = &[Ty::Int];
    rejects("def f(x):\n    g = lambda y: y\n    return x\n", int, 1, "lambda");
    rejects("def f(x):\n    d = {1: [x]}\n    return x\n", int, 1, "dict values of list[int]");
    rejects("def f(x):\n    d = {k: 1 for k in range(x)}\n    return x\n", int, 1, "dict");
    rejects("def f(x):\n    s = {1, x}\n    return x\n", int, 1, "set");
    rejects("def f(x):\n    return sum(k for k in range(x))\n", int, 1, "generator");
    rejects("def f(x):\n    if (y := x) > 1:\n        return y\n    return x\n", int, 1, "`:=`");
    rejects("def f(x):\n    return max(x, 1, key=abs)\n", int, 1, "keyword argument `key=`");
    rejects("def f(x):\n    return max(*x)\n", int, 1, "starred arguments");
    rejects("def f(x):\n    return x[1:2:2]\n", &[list(Ty::Int)], 1, "slicing with a step");
    rejects("def f(x):\n    x[::2] = x\n    return 1\n", &[list(Ty::Int)], 1, "slicing");
    rejects("def f(x):\n    return x is None\n", int, 1, "`is` comparisons");
    rejects("def f(x):\n    return 1 if x is not None else 2\n", int, 1, "`is` comparisons");
    rejects("def f(x):\n    return x in (1, 2)\n", int, 1, "`in` of tuple[int, int]");
    rejects("def f(x):\n    s = 'text'\n    return x\n", int, 1, "str constants as values");
    rejects("def f(x):\n    s = b'bytes'\n    return x\n", int, 1, "bytes literals");
    rejects("def f(x):\n    s = f'{x}'\n    return x\n", int, 1, "f-string");
    rejects("def f(x):\n    yield x\n", int, 1, "yield");
    rejects("def f(x):\n    return x @ x\n", int, 1, "`@` operator");
    rejects("def f(x):\n    return x + 9223372036854775808\n", int, 1, "integer literal beyond 64 bits");
    rejects("def f(x):\n    return x + 1j\n", int, 1, "unsupported constant");
}

#[test]
fn unsupported_parameters() {
    rejects("def f(*args):\n    return 1\n", &[], 0, "*args");
    rejects("def f(**kw):\n    return 1\n", &[], 0, "**kwargs");
    rejects("def f(a, *, b):\n    return a\n", &[Ty::Int, Ty::Int], 0, "keyword-only");
}

#[test]
fn the_line_is_the_constructs_own_line() {
    // a multi-line statement: the rejected expression starts on the third line
    let src = "def f(x):\n    y = (x +\n         x +\n         {1: [2]}[x])\n    return y\n";
    rejects(src, &[Ty::Int], 3, "dict");
    // comments and blank lines count
    let src = "def f(x):\n    # a comment\n\n    '''a docstring\n    on two lines'''\n    return lambda: x\n";
    rejects(src, &[Ty::Int], 5, "lambda");
}

#[test]
fn names_and_globals() {
    let r = rejects("def f(x):\n    return x + y\n", &[Ty::Int], 1, "name `y` is not defined");
    assert_eq!(r.to_string(), "line 41: name `y` is not defined");
    let stub = Stub::new().def_at("def f(x):\n    z = 1\n    return x + NAME\n", FIRST).global("NAME", Global::Unsupported("str".into()));
    let r = stub.lower(&[Ty::Int]).unwrap_err();
    assert_eq!(r.line, FIRST + 2);
    assert!(r.what.contains("global `NAME` of type str is not supported"), "{r}");
    // a function used as a value
    let stub = Stub::new().def_at("def f(x):\n    h = g\n    return x\n", FIRST).def("def g():\n    return 1\n");
    let r = stub.lower(&[Ty::Int]).unwrap_err();
    assert_eq!(r.line, FIRST + 1);
    assert!(r.what.contains("`g` used as a value"), "{r}");
    rejects("def f(x):\n    return print(x)\n", &[Ty::Int], 1, "builtin print()");
    rejects("def f(x):\n    return undefined(x)\n", &[Ty::Int], 1, "undefined name");
    rejects("def f(x):\n    y = x\n    return y(1)\n", &[Ty::Int], 2, "calling local variable `y`");
    rejects("def f(x):\n    return x.bit_length()\n", &[Ty::Int], 1, "method `.bit_length()` of int");
    rejects("def f(x):\n    x.append(1)\n    return x\n", &[Ty::Int], 1, "method `.append()` of int");
    rejects("def f(x):\n    x.sort()\n    return x\n", &[list(Ty::Int)], 1, "method `.sort()` of list[int]");
    rejects("def f(x):\n    return x.real\n", &[Ty::Int], 1, "attribute `.real`");
}

#[test]
fn math_module_limits() {
    rejects("def f(x):\n    return math.factorial(x)\n", &[Ty::Int], 1, "math.factorial() is not supported natively");
    // functions CPython computes itself need a callable the resolver did not give
    rejects("def f(x):\n    return math.hypot(x, x)\n", &[Ty::Float], 1, "`math.hypot` is not available");
    rejects("def f(x):\n    return round(x, 2)\n", &[Ty::Float], 1, "`builtins.round` is not available");
    rejects("def f(x):\n    return math.sqrt(x, x)\n", &[Ty::Float], 1, "math.sqrt() with 2 arguments");
    rejects("def f(x):\n    return math.nothing\n", &[Ty::Float], 1, "`math.nothing` used as a value");
}

#[test]
fn type_errors_the_subset_cannot_represent() {
    rejects("def f(x):\n    if x:\n        return x\n", &[Ty::Int], 0, "`f` returns both int and None");
    rejects("def f(x):\n    y = 1\n    if x:\n        y = [1]\n    return 0\n", &[Ty::Int], 3, "variable `y` holds both");
    rejects("def f(x):\n    return x + [1]\n", &[Ty::Int], 1, "Add of int and list[int]");
    rejects("def f(x):\n    for i in range(x * 0.5):\n        pass\n    return 0\n", &[Ty::Int], 1, "range() arguments must be integers");
    rejects("def f(x):\n    return [x, None]\n", &[Ty::Int], 1, "lists of None");
    rejects("def f(x):\n    return x < (1, 2)\n", &[Ty::Int], 1, "comparing int with tuple[int, int]");
    rejects("def f(x):\n    return range(x)\n", &[Ty::Int], 1, "range() outside a `for` loop");
}

#[test]
fn a_callees_rejection_has_the_callees_line() {
    let stub = Stub::new()
        .def_at("def f(x):\n    return g(x, 1)\n", 10)
        .def_at("def g(a, b):\n    c = a + b\n    return {c: [1]}\n", 100);
    let r = stub.lower(&[Ty::Int]).unwrap_err();
    assert_eq!(r.line, 102, "{r}");
    assert!(r.what.contains("dict"), "{r}");
    let stub = Stub::new().def_at("def f(x):\n    y = 0\n    return g(x, y)\n", 10).def("def g(a):\n    return a\n");
    let r = stub.lower(&[Ty::Int]).unwrap_err();
    assert_eq!(r.line, 12, "{r}");
    assert!(r.what.contains("`g` takes 1 arguments, called with 2"), "{r}");
}

#[test]
fn a_missing_source_is_reported_at_the_call() {
    let stub = Stub::new().def_at("def f(x):\n    return g(x)\n", 7).global("g", Global::Function(99));
    let r = stub.lower(&[Ty::Int]).unwrap_err();
    assert_eq!(r.line, 8, "{r}");
    assert!(r.what.contains("no source for function #99"), "{r}");
}

#[test]
fn source_that_is_not_one_function() {
    let r = reject_at("x = 1\n", FIRST, &[]);
    assert_eq!((r.line, r.what.as_str()), (FIRST, "source is not a single function definition"));
    let r = reject_at("def f():\n    return 1\ndef g():\n    return 2\n", FIRST, &[]);
    assert_eq!(r.line, FIRST);
    let r = reject_at("def f(x):\n    return (x +\n\n", FIRST, &[Ty::Int]);
    assert!(r.what.starts_with("source does not parse"), "{r}");
    assert!(r.line >= FIRST + 1 && r.line <= FIRST + 3, "{r}");
}

// ---------------------------------------------------------------- accepted

#[test]
fn docstrings_comments_and_annotations_are_accepted() {
    let src = "def f(x: int, y: float = 2.0) -> float:\n    \"\"\"Docstring.\n\n    More text.\n    \"\"\"\n    # comment\n    'a bare string is not code'\n    z: float = x * y\n    return z\n";
    let p = lower_ok(src, &[Ty::Int, Ty::Float]);
    assert_eq!(p.specs[0].ret, Ty::Float);
    let f = parse_function(src, 1).expect("parses");
    assert_eq!(f.params, ["x", "y"]);
    assert!(matches!(f.body[0].kind, StmtKind::Pass), "the docstring is a no-op");
    assert!(matches!(f.body[1].kind, StmtKind::Pass), "the bare string is a no-op");
    assert_eq!(f.body[2].line, 8);
}

#[test]
fn decorated_and_indented_sources_keep_their_lines() {
    // `inspect.getsource` of a method: indented, decorators included
    let src = "    @staticmethod\n    def f(x):\n        if x:\n            return x\n        return {1}\n";
    let r = reject_at(src, 20, &[Ty::Int]);
    assert_eq!(r.line, 24, "{r}");
    assert!(r.what.contains("set"));
    let f = parse_function(&src.replace("{1}", "0"), 20).expect("parses");
    assert_eq!(f.name, "f");
    assert_eq!(f.line, 21, "the `def` line, not the decorator's");
    assert_eq!(f.body[0].line, 22);
    assert_eq!(f.body[1].line, 24);
    let p = lower_ok("@decorator(1)\ndef f(x):\n    return x\n", &[Ty::Int]);
    assert_eq!(p.specs[0].ret, Ty::Int);
}

#[test]
fn reject_display() {
    assert_eq!(Reject::new(3, "nope").to_string(), "line 3: nope");
    assert_eq!(Reject::new(0, "nope").to_string(), "nope");
}
