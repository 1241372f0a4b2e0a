//! Type inference, read off the typed IR: variable, parameter and return
//! types, the specialisations made, and the shape of a few lowerings.

mod common;

use common::*;
use rustify_compiler::ir::{ExprKind, Stmt};
use rustify_compiler::resolve::Global;
use rustify_compiler::types::Ty;
use rustify_compiler::Options;

const I: Ty = Ty::Int;
const F: Ty = Ty::Float;

fn ret(src: &str, args: &[Ty]) -> Ty {
    lower_ok(src, args).specs[0].ret.clone()
}

// ---------------------------------------------------------------- numbers

#[test]
fn int_accumulator_plus_floats_is_num() {
    let src = "def f(xs):\n    total = 0\n    for x in xs:\n        total += x\n    return total\n";
    let p = lower_ok(src, &[list(F)]);
    assert_eq!(var_ty(&p, 0, "total"), Ty::Num);
    assert_eq!(var_ty(&p, 0, "x"), F);
    assert_eq!(p.specs[0].ret, Ty::Num);
    // ints only: stays int
    let p = lower_ok(src, &[list(I)]);
    assert_eq!(var_ty(&p, 0, "total"), I);
    // a float start: float throughout
    let p = lower_ok(&src.replace("total = 0", "total = 0.0"), &[list(I)]);
    assert_eq!(var_ty(&p, 0, "total"), F);
    assert!(p.pretty().contains("var total: float"), "{}", p.pretty());
}

#[test]
fn division_operators() {
    assert_eq!(ret("def f(a, b):\n    return a / b\n", &[I, I]), F);
    assert_eq!(ret("def f(a, b):\n    return a // b\n", &[I, I]), I);
    assert_eq!(ret("def f(a, b):\n    return a % b\n", &[I, I]), I);
    assert_eq!(ret("def f(a, b):\n    return a // b\n", &[I, F]), F);
    assert_eq!(ret("def f(a, b):\n    return a / b\n", &[Ty::Bool, Ty::Bool]), F);
    assert_eq!(ret("def f(a, b):\n    return a // b\n", &[Ty::Bool, Ty::Bool]), I);
    // a Num divided is a float; floor-divided follows the tag
    assert_eq!(ret("def f(a, b):\n    return a / b\n", &[Ty::Num, I]), F);
    assert_eq!(ret("def f(a, b):\n    return a // b\n", &[Ty::Num, I]), Ty::Num);
    assert_eq!(ret("def f(a, b):\n    return a // b\n", &[Ty::Num, F]), F);
}

#[test]
fn powers() {
    assert_eq!(ret("def f(n):\n    return 2 ** n\n", &[I]), Ty::Num, "sign of n unknown");
    assert_eq!(ret("def f(n):\n    return n ** 3\n", &[I]), I);
    assert_eq!(ret("def f(n):\n    return n ** -1\n", &[I]), F);
    assert_eq!(ret("def f(x):\n    return x ** 2\n", &[F]), F);
    assert_eq!(ret("def f(x):\n    return 2 ** x\n", &[F]), F);
    assert_eq!(ret("def f(x):\n    return True ** x\n", &[I]), Ty::Num);
}

#[test]
fn bools_follow_python() {
    assert_eq!(ret("def f(a, b):\n    return a & b\n", &[Ty::Bool, Ty::Bool]), Ty::Bool);
    assert_eq!(ret("def f(a, b):\n    return a + b\n", &[Ty::Bool, Ty::Bool]), I);
    assert_eq!(ret("def f(a):\n    return -a\n", &[Ty::Bool]), I);
    assert_eq!(ret("def f(a):\n    return ~a\n", &[Ty::Bool]), I);
    assert_eq!(ret("def f(a):\n    return abs(a)\n", &[Ty::Bool]), I);
    assert_eq!(ret("def f(a):\n    return not a\n", &[I]), Ty::Bool);
    assert_eq!(ret("def f(a, b):\n    return min(a, b)\n", &[Ty::Bool, Ty::Bool]), Ty::Bool);
    let r = lower("def f(a, b):\n    return min(a, b)\n", &[Ty::Bool, I]).unwrap_err();
    assert!(r.what.contains("min() of bool and int"), "{r}");
}

#[test]
fn and_or_values_and_conditionals_join_types() {
    assert_eq!(ret("def f(a, b):\n    return a or b\n", &[I, F]), Ty::Num);
    assert_eq!(ret("def f(a, b):\n    return a and b\n", &[I, I]), I);
    assert_eq!(ret("def f(a, b):\n    return a if a > b else b\n", &[I, F]), Ty::Num);
    // in a condition only truth matters, so any mix is fine
    assert_eq!(ret("def f(a, b):\n    if a and b:\n        return 1\n    return 2\n", &[Ty::Bool, F]), I);
}

#[test]
fn int_on_one_path_float_on_another_returns_num() {
    assert_eq!(ret("def f(x):\n    if x > 0:\n        return 1\n    return 0.5\n", &[I]), Ty::Num);
    assert_eq!(ret("def f(x):\n    if x > 0:\n        return True\n    return False\n", &[I]), Ty::Bool);
    let r = lower("def f(x):\n    if x > 0:\n        return True\n    return 1\n", &[I]).unwrap_err();
    assert!(r.what.contains("returns both bool and int"), "{r}");
}

#[test]
fn returning_a_value_or_none_is_rejected() {
    let r = reject_at("def f(x):\n    if x:\n        return x\n", 5, &[I]);
    assert_eq!(r.line, 5);
    assert!(r.what.contains("`f` returns both int and None"), "{r}");
    let r = reject_at("def f(x):\n    if x:\n        return None\n    return [x]\n", 5, &[I]);
    assert!(r.what.contains("returns both None and list[int]"), "{r}");
    // None alone is fine
    assert_eq!(ret("def f(x):\n    if x:\n        return\n", &[I]), Ty::None);
    assert_eq!(ret("def f(x):\n    pass\n", &[I]), Ty::None);
}

#[test]
fn a_function_that_only_raises_returns_never() {
    assert_eq!(ret("def f(x):\n    raise ValueError(x)\n", &[I]), Ty::Never);
    assert_eq!(ret("def f(x):\n    while True:\n        x += 1\n        if x > 10:\n            raise ValueError\n", &[I]), Ty::Never);
    // a Never path does not widen the other returns
    let p = Stub::new()
        .def("def f(x):\n    if x < 0:\n        return fail()\n    return x\n")
        .def("def fail():\n    raise ValueError\n")
        .lower(&[I])
        .unwrap();
    assert_eq!(p.specs[0].ret, I);
    assert_eq!(p.specs[1].ret, Ty::Never);
}

#[test]
fn while_true_without_break_needs_no_final_return() {
    let src = "def f(x):\n    while True:\n        x += 1\n        if x > 10:\n            return x\n";
    assert_eq!(ret(src, &[I]), I);
    let src = "def f(x):\n    while 1:\n        x += 1\n        if x > 10:\n            break\n";
    assert_eq!(ret(src, &[I]), Ty::None, "with a break the end is reachable");
}

// ---------------------------------------------------------------- lists

#[test]
fn list_repetition_and_literals() {
    let p = lower_ok("def f(n):\n    xs = [0.0] * n\n    return xs\n", &[I]);
    assert_eq!(var_ty(&p, 0, "xs"), list(F));
    assert!(var(&p, 0, "xs").fresh, "a list made here needs no undo journal");
    assert_eq!(ret("def f(n):\n    return n * [1]\n", &[I]), list(I));
    assert_eq!(ret("def f(n):\n    return [n, 0.5]\n", &[I]), list(Ty::Num));
    assert_eq!(ret("def f(n):\n    return [[n]]\n", &[I]), list(list(I)));
    let r = lower("def f(n):\n    return [1, 2] * n\n", &[I]).unwrap_err();
    assert!(r.what.contains("only `[x] * n`"), "{r}");
}

#[test]
fn list_elements_widen_through_append_and_item_assignment() {
    let p = lower_ok("def f(x):\n    xs = []\n    xs.append(1)\n    xs.append(x)\n    return xs\n", &[F]);
    assert_eq!(var_ty(&p, 0, "xs"), list(Ty::Num));
    let p = lower_ok("def f(n):\n    xs = [0] * n\n    xs[0] = 0.5\n    return xs\n", &[I]);
    assert_eq!(var_ty(&p, 0, "xs"), list(Ty::Num));
    let p = lower_ok("def f(n):\n    xs = []\n    for i in range(n):\n        xs.append(i * 0.5)\n    return xs\n", &[I]);
    assert_eq!(var_ty(&p, 0, "xs"), list(F));
    // a list parameter is not fresh: writes to it are journaled
    let p = lower_ok("def f(xs):\n    xs.append(1)\n    return 0\n", &[list(I)]);
    assert!(!var(&p, 0, "xs").fresh);
    // a list of lists widens its inner element type through an index
    let p = lower_ok("def f(n):\n    g = [[0] * n]\n    g[0].append(0.5)\n    return g\n", &[I]);
    assert_eq!(var_ty(&p, 0, "g"), list(list(Ty::Num)));
    let r = lower("def f(n):\n    xs = [0] * n\n    xs.append([1])\n    return xs\n", &[I]).unwrap_err();
    assert!(r.what.contains("a list of int cannot also hold list[int]"), "{r}");
}

#[test]
fn comprehensions() {
    let p = lower_ok("def f(n):\n    return [i * 0.5 for i in range(n) if i % 2]\n", &[I]);
    assert_eq!(p.specs[0].ret, list(F));
    let p = lower_ok("def f(xs):\n    return [[y for y in range(x)] for x in xs]\n", &[list(I)]);
    assert_eq!(p.specs[0].ret, list(list(I)));
    // the comprehension variable does not leak into the function
    let p = Stub::new()
        .def("def f(n):\n    ys = [i for i in range(n)]\n    return i\n")
        .global("i", Global::Float(2.5))
        .lower(&[I])
        .unwrap();
    assert_eq!(p.specs[0].ret, F);
}

#[test]
fn an_empty_list_parameter_reads_as_floats() {
    // a list argument with no items seen: items are read as floats (guarded)
    let p = lower_ok("def f(xs):\n    s = 0.0\n    for x in xs:\n        s += x\n    return s\n", &[list(Ty::Unknown)]);
    assert_eq!(var_ty(&p, 0, "x"), F);
}

// ---------------------------------------------------------------- calls

#[test]
fn recursion_infers_int() {
    let p = lower_ok("def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n", &[I]);
    assert_eq!(p.specs.len(), 1);
    assert_eq!(p.specs[0].ret, I);
    assert!(p.specs[0].calls);
    assert!(p.pretty().contains("call spec#0("), "{}", p.pretty());
    // a float argument gives a float specialisation of the same function
    let p = lower_ok("def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n", &[F]);
    assert_eq!(p.specs[0].ret, F);
}

#[test]
fn one_specialisation_per_argument_types() {
    let stub = Stub::new()
        .def("def f(a, b):\n    return g(a) + g(b) + g(a + 1) + g(1.0 * b)\n")
        .def("def g(x):\n    return x * 2\n");
    let p = stub.lower(&[I, F]).unwrap();
    let sigs: Vec<(String, Vec<Ty>, Ty)> = p.specs.iter().map(|s| (s.name.clone(), s.param_tys.clone(), s.ret.clone())).collect();
    assert_eq!(
        sigs,
        [("f".into(), vec![I, F], F), ("g".into(), vec![I], I), ("g".into(), vec![F], F)],
        "{}",
        p.pretty()
    );
    assert!(p.specs[0].calls);
    assert!(!p.specs[1].calls);
}

#[test]
fn mutual_recursion_settles() {
    let stub = Stub::new()
        .def("def even(n):\n    if n == 0:\n        return True\n    return odd(n - 1)\n")
        .def("def odd(n):\n    if n == 0:\n        return False\n    return even(n - 1)\n");
    let p = stub.lower(&[I]).unwrap();
    assert_eq!(p.specs.len(), 2);
    assert!(p.specs.iter().all(|s| s.ret == Ty::Bool && s.calls));
}

#[test]
fn recursion_that_never_reaches_a_base_case_cannot_be_typed() {
    let r = lower("def f(n):\n    return f(n - 1)\n", &[I]).unwrap_err();
    assert!(r.what.contains("cannot infer what `f` returns") || r.what.contains("could not infer"), "{r}");
}

/// CPython: `f(0)` is `0`, `f(3)` is `1.5`. The first round types `f` as
/// returning int (the recursive call is still unknown); the second round
/// coerces `f(n - 1) + 0.5` (a float) to that stale int return type instead
/// of widening it, and rejects a function whose type is plainly `int|float`.
#[test]
fn recursion_whose_return_widens_to_num() {
    let src = "def f(n):\n    if n == 0:\n        return 0\n    return f(n - 1) + 0.5\n";
    assert_eq!(ret(src, &[I]), Ty::Num);
}

// ---------------------------------------------------------------- variables

#[test]
fn parameter_variables_may_widen_beyond_the_calling_convention() {
    let p = lower_ok("def f(x):\n    x = x / 2\n    return x\n", &[I]);
    assert_eq!(p.specs[0].param_tys, [I]);
    assert_eq!(var_ty(&p, 0, "x"), Ty::Num);
    assert_eq!(p.specs[0].ret, Ty::Num);
    assert!(p.pretty().starts_with("spec #0 f(x: int) -> int|float"), "{}", p.pretty());
    assert!(p.pretty().contains("var x: int|float"), "{}", p.pretty());
}

#[test]
fn maybe_unbound_is_flagged_only_where_needed() {
    let p = lower_ok("def f(x):\n    if x:\n        y = 1\n    else:\n        y = 2\n    return y\n", &[I]);
    assert!(!var(&p, 0, "y").maybe_unbound);
    let p = lower_ok("def f(x):\n    if x:\n        y = 1\n    return y\n", &[I]);
    assert!(var(&p, 0, "y").maybe_unbound);
    assert!(p.pretty().contains("var y: int maybe-unbound"), "{}", p.pretty());
    let p = lower_ok("def f(x):\n    for i in range(x):\n        y = i\n    return y\n", &[I]);
    assert!(var(&p, 0, "y").maybe_unbound);
    assert!(!var(&p, 0, "i").maybe_unbound, "i is only read inside the loop");
    // a branch that returns does not reach the join
    let p = lower_ok("def f(x):\n    if x:\n        return 0\n    else:\n        y = 1\n    return y\n", &[I]);
    assert!(!var(&p, 0, "y").maybe_unbound);
}

#[test]
fn globals_are_constants_and_locals_shadow_them() {
    let stub = Stub::new()
        .def("def f(x):\n    return x * K + SCALE\n")
        .global("K", Global::Int(7))
        .global("SCALE", Global::Float(0.5));
    let p = stub.lower(&[I]).unwrap();
    assert_eq!(p.specs[0].ret, F);
    assert!(p.pretty().contains("Mul(x, 7)"), "{}", p.pretty());
    // `K` assigned anywhere in the function is a local, never the global
    let stub = Stub::new().def("def f(x):\n    if x:\n        K = 0.5\n    return K\n").global("K", Global::Int(7));
    let p = stub.lower(&[I]).unwrap();
    assert_eq!(p.specs[0].ret, F);
    assert!(var(&p, 0, "K").maybe_unbound);
    // the resolver is never asked about parameters or locals
    let stub = Stub::new().def("def f(x):\n    y = x\n    return y + len([x])\n");
    stub.lower(&[I]).unwrap();
    let asked: Vec<String> = stub.asked.borrow().iter().map(|(_, n)| n.clone()).collect();
    assert!(asked.iter().all(|n| n == "len"), "asked about {asked:?}");
}

/// `y: int` alone makes `y` a local in CPython (PEP 526): `return y` then
/// raises UnboundLocalError even when a global `y` exists. The parser turns
/// an annotation without a value into `pass`, so `y` is not collected as a
/// local and the function is compiled to return the global.
#[test]
fn an_annotation_alone_makes_a_name_local() {
    let stub = Stub::new().def("def f(x):\n    y: int\n    return y\n").global("y", Global::Int(5));
    match stub.lower(&[I]) {
        Err(_) => {}
        Ok(p) => {
            let y = p.specs[0].vars.iter().find(|v| v.name == "y");
            assert!(y.is_some_and(|v| v.maybe_unbound), "`y` must be a maybe-unbound local:\n{}", p.pretty());
        }
    }
}

/// CPython evaluates a comprehension's first iterable in the enclosing
/// scope: `[x for x in range(x)]` iterates over `range(<parameter x>)`.
/// Here the comprehension's own `x` is already in scope when the iterable
/// is lowered, so it reads the (never assigned) comprehension variable:
/// the call always bails out as Unbound, and `[x * 2 for x in x]` is
/// rejected outright.
#[test]
fn a_comprehensions_first_iterable_is_evaluated_outside_it() {
    let p = lower_ok("def f(x):\n    return [x for x in range(x)]\n", &[I]);
    let listing = p.pretty();
    assert!(!p.specs[0].vars.iter().any(|v| v.maybe_unbound), "nothing is unbound here:\n{listing}");
    assert!(listing.contains("in range(0, x, 1)"), "{listing}");
    lower_ok("def f(x):\n    return [x * 2 for x in x]\n", &[list(I)]);
}

/// CPython runs both functions (f(5) == 6). Temporaries are matched
/// between inference rounds by creation order and keep the type of "their"
/// temporary from the previous round; tuple unpacking of a variable (and
/// `min`/`max` of a list) only creates its temporaries once the operand's
/// type is known, so in the next round every later temporary shifts and
/// inherits another one's type (here the chained comparison's `int`).
#[test]
fn temporaries_keep_their_own_types_across_rounds() {
    let src = "def f(n):\n    s = 0\n    for i in range(n):\n        if i > 0:\n            a, b = t\n            s += a\n        x = 0 < i < 5\n        t = (i, x)\n    return s\n";
    assert_eq!(ret(src, &[I]), I);
    let src = "def f(n):\n    s = 0\n    for i in range(n):\n        if i > 0:\n            s += max(t)\n        x = 0 < i < 5\n        t = [i]\n    return s\n";
    assert_eq!(ret(src, &[I]), I);
}

#[test]
fn unpacking_a_variable_assigned_later_in_a_loop() {
    // the same without a temporary after the unpacking settles fine
    let src = "def f(n):\n    s = 0\n    for i in range(n):\n        if i > 0:\n            a, b = t\n            s += a\n        t = (i, i)\n    return s\n";
    let p = lower_ok(src, &[I]);
    assert_eq!(var_ty(&p, 0, "t"), Ty::Tuple(vec![I, I]));
    assert_eq!(p.specs[0].ret, I);
}

// ---------------------------------------------------------------- shapes

#[test]
fn chained_comparison_lowers_to_a_block_evaluating_the_middle_once() {
    let p = lower_ok("def f(a, b, c):\n    return a < b <= c\n", &[I, I, I]);
    let Stmt::Return(e) = &p.specs[0].body[0] else { panic!("{}", p.pretty()) };
    let ExprKind::Block(stmts, value) = &e.kind else { panic!("not a block: {}", p.pretty()) };
    assert_eq!(e.ty, Ty::Bool);
    // `a` then `b`, each evaluated once, left to right (CPython's order).
    let assigned: Vec<&str> = stmts
        .iter()
        .map(|s| match s {
            Stmt::Assign(_, v) => match v.kind {
                ExprKind::Var(x) => p.specs[0].vars[x].name.as_str(),
                _ => panic!("{}", p.pretty()),
            },
            _ => panic!("{}", p.pretty()),
        })
        .collect();
    assert_eq!(assigned, ["a", "b"], "{}", p.pretty());
    assert!(matches!(value.kind, ExprKind::Logic { and: true, .. }));
    // a single comparison is not a block
    let p = lower_ok("def f(a, b):\n    return a < b\n", &[I, I]);
    let Stmt::Return(e) = &p.specs[0].body[0] else { panic!() };
    assert!(matches!(e.kind, ExprKind::Compare(..)));
}

#[test]
fn int_float_comparisons_are_exact() {
    // an int constant that converts exactly compares as a float
    let p = lower_ok("def f(x):\n    return x < 3\n", &[F]);
    assert!(p.pretty().contains("Lt(x, 3.0)"), "{}", p.pretty());
    // an int variable against a float compares as tagged numbers
    let p = lower_ok("def f(x, y):\n    return x < y\n", &[I, F]);
    assert!(p.pretty().contains("Lt(int|float(x): int|float, int|float(y): int|float)"), "{}", p.pretty());
    // 2**53 + 1 is no float: exact comparison again
    let p = lower_ok("def f(x):\n    return x < 9007199254740993\n", &[F]);
    assert!(p.pretty().contains("int|float(9007199254740993)"), "{}", p.pretty());
}

#[test]
fn constants_fold_where_exact() {
    let p = lower_ok("def f(x):\n    return x + -5 + -0.0 + True\n", &[F]);
    let listing = p.pretty();
    assert!(listing.contains("-5.0") && listing.contains("-0.0") && listing.contains("1.0"), "{listing}");
}

#[test]
fn asserts_follow_the_option() {
    let src = "def f(x):\n    assert x > 0\n    return x\n";
    let on = lower_ok(src, &[I]);
    assert!(on.pretty().contains("bail AssertFailed  # line 2"), "{}", on.pretty());
    let off = Stub::new().def(src).lower_with(Options { asserts: false, ..opts() }, &[I]).unwrap();
    assert!(!off.pretty().contains("AssertFailed"), "{}", off.pretty());
}

#[test]
fn sum_of_floats_depends_on_the_python_version() {
    let src = "def f(xs):\n    return sum(xs)\n";
    assert_eq!(ret(src, &[list(F)]), Ty::Num, "an int start: 0 for an empty list");
    assert_eq!(ret(src, &[list(I)]), I);
    assert_eq!(ret("def f(xs):\n    return sum(xs, 0.0)\n", &[list(I)]), F);
    let newer = Options { plain_float_sum: false, ..opts() };
    let r = Stub::new().def(src).lower_with(newer, &[list(F)]).unwrap_err();
    assert!(r.what.contains("compensates rounding"), "{r}");
    Stub::new().def(src).lower_with(newer, &[list(I)]).expect("int sums are exact everywhere");
}

#[test]
fn tuples() {
    let p = lower_ok("def f(a, b):\n    t = (a, b)\n    x, y = t\n    return (y, x)\n", &[I, F]);
    assert_eq!(var_ty(&p, 0, "t"), Ty::Tuple(vec![I, F]));
    assert_eq!(p.specs[0].ret, Ty::Tuple(vec![F, I]));
    let r = lower("def f(a, b):\n    x, y, z = (a, b)\n    return x\n", &[I, I]).unwrap_err();
    assert!(r.what.contains("unpacking 2 values into 3 targets"), "{r}");
    let r = lower("def f(a, i):\n    t = (a, a)\n    return t[i]\n", &[I, I]).unwrap_err();
    assert!(r.what.contains("tuple index must be a constant"), "{r}");
    assert_eq!(ret("def f(a):\n    t = (a, 2.0)\n    return t[-1]\n", &[I]), F);
}

#[test]
fn pretty_lists_every_spec_with_its_signature() {
    let stub = Stub::new()
        .def_at("def f(n):\n    return g(n) * 2\n", 12)
        .def_at("def g(k):\n    return k + 1\n", 30);
    let p = stub.lower(&[I]).unwrap();
    let listing = p.pretty();
    assert!(listing.contains("spec #0 f(n: int) -> int   # line 12"), "{listing}");
    assert!(listing.contains("spec #1 g(k: int) -> int   # line 30"), "{listing}");
    assert!(listing.contains("return Mul(call spec#1(n): int, 2): int"), "{listing}");
}
