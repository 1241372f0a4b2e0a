//! Scalar code compiled with Cranelift and run without Python: exact CPython
//! semantics or a bail-out with the right code, control flow, recursion and
//! its depth limit, `math`, and the tagged `int|float` values. Every call
//! also checks that no host function was called (scalar code needs none)
//! and that the call depth came back to 0.

#[macro_use]
mod common;

use common::*;
use rustify_compiler::abi::{Bail, CallCtx};
use rustify_compiler::resolve::Global;
use rustify_compiler::types::Ty;

const I: Ty = Ty::Int;
const F: Ty = Ty::Float;

fn int1(src: &str) -> Native {
    let n = jit(src, &[I]);
    n.check_abi(&["i64"], &["i64"]);
    n
}

fn int2(src: &str) -> Native {
    let n = jit(src, &[I, I]);
    n.check_abi(&["i64", "i64"], &["i64"]);
    n
}

// ---------------------------------------------------------------- ints

#[test]
fn int_floor_division_and_modulo_round_toward_negative_infinity() {
    let div = int2("def f(a, b):\n    return a // b\n");
    let rem = int2("def f(a, b):\n    return a % b\n");
    ok(call!(div, fn(i64, i64) -> i64, -7, 2), -4);
    ok(call!(rem, fn(i64, i64) -> i64, -7, 2), 1);
    ok(call!(div, fn(i64, i64) -> i64, 7, -2), -4);
    ok(call!(rem, fn(i64, i64) -> i64, 7, -2), -1);
    ok(call!(rem, fn(i64, i64) -> i64, -7, -2), -1);
    // divmod identity a == (a // b) * b + a % b over a grid of signs
    for a in [-9i64, -8, -1, 0, 1, 7, 8, i64::MAX, i64::MIN + 1] {
        for b in [-3i64, -2, -1, 1, 2, 3, i64::MAX] {
            let (q, bq) = call!(div, fn(i64, i64) -> i64, a, b);
            let (r, br) = call!(rem, fn(i64, i64) -> i64, a, b);
            assert_eq!((bq, br), (None, None), "{a} // {b}");
            assert_eq!(q.wrapping_mul(b).wrapping_add(r), a, "{a} divmod {b}");
            assert!(r == 0 || (r < 0) == (b < 0), "{a} % {b} = {r} must take the divisor's sign");
        }
    }
}

#[test]
fn int_division_edge_cases_bail() {
    let div = int2("def f(a, b):\n    return a // b\n");
    bailed(call!(div, fn(i64, i64) -> i64, i64::MIN, -1), Bail::Overflow);
    bailed(call!(div, fn(i64, i64) -> i64, 3, 0), Bail::ZeroDivision);
    let rem = int2("def f(a, b):\n    return a % b\n");
    ok(call!(rem, fn(i64, i64) -> i64, i64::MIN, -1), 0);
    bailed(call!(rem, fn(i64, i64) -> i64, 3, 0), Bail::ZeroDivision);
}

#[test]
fn int_add_sub_mul_overflow_bails() {
    let add = int2("def f(a, b):\n    return a + b\n");
    ok(call!(add, fn(i64, i64) -> i64, i64::MAX - 1, 1), i64::MAX);
    bailed(call!(add, fn(i64, i64) -> i64, i64::MAX, 1), Bail::Overflow);
    let mul = int2("def f(a, b):\n    return a * b\n");
    ok(call!(mul, fn(i64, i64) -> i64, 1 << 31, 1 << 31), 1 << 62);
    bailed(call!(mul, fn(i64, i64) -> i64, 1 << 32, 1 << 31), Bail::Overflow);
    let sub = int1("def f(a):\n    return 0 - a - 1\n");
    ok(call!(sub, fn(i64) -> i64, i64::MAX), i64::MIN);
    bailed(call!(sub, fn(i64) -> i64, i64::MIN), Bail::Overflow);
}

#[test]
fn int_power_with_a_constant_exponent_is_an_int() {
    let n = int1("def f(a):\n    return a ** 62\n");
    ok(call!(n, fn(i64) -> i64, 2), 1 << 62);
    ok(call!(n, fn(i64) -> i64, -1), 1);
    bailed(call!(n, fn(i64) -> i64, 3), Bail::Overflow);
    let n = int1("def f(a):\n    return a ** 63\n");
    bailed(call!(n, fn(i64) -> i64, 2), Bail::Overflow);
    ok(call!(n, fn(i64) -> i64, -2), i64::MIN);
}

#[test]
fn two_to_a_variable_power_keeps_its_python_type() {
    // `2 ** n` is an int for n >= 0 and a float for n < 0.
    let n = jit("def f(n):\n    return 2 ** n\n", &[I]);
    n.check_abi(&["i64"], &["i8", "i64"]);
    let num = |k: i64| {
        let (r, b) = call!(n, fn(i64) -> NumRet, k);
        assert_eq!(b, None, "2 ** {k}");
        r.value()
    };
    assert_eq!(num(62), Num::Int(1 << 62));
    assert_eq!(num(0), Num::Int(1));
    assert_eq!(num(-1), Num::Float(0.5));
    assert_eq!(num(-1074), Num::Float(5e-324));
    bailed(call!(n, fn(i64) -> NumRet, 63).map_ok(), Bail::Overflow);
}

#[test]
fn shifts_and_bitwise_ops() {
    let n = int2("def f(a, b):\n    return a << b\n");
    ok(call!(n, fn(i64, i64) -> i64, -1, 63), i64::MIN);
    bailed(call!(n, fn(i64, i64) -> i64, 1, 63), Bail::Overflow);
    bailed(call!(n, fn(i64, i64) -> i64, 1, -1), Bail::ValueError);
    let n = int2("def f(a, b):\n    return (a >> b) & 255 | ~a ^ b\n");
    let py = |a: i64, b: i64| (a >> b.min(63)) & 255 | (!a) ^ b;
    for (a, b) in [(1000, 3), (-1000, 3), (-1, 70), (12345, 0)] {
        ok(call!(n, fn(i64, i64) -> i64, a, b), py(a, b));
    }
}

#[test]
fn int_true_division_is_a_float() {
    let n = jit("def f(a, b):\n    return a / b\n", &[I, I]);
    n.check_abi(&["i64", "i64"], &["f64"]);
    ok_f(call!(n, fn(i64, i64) -> f64, 7, 2), 3.5);
    ok_f(call!(n, fn(i64, i64) -> f64, 0, -1), -0.0);
    bailed(call!(n, fn(i64, i64) -> f64, 1, 0), Bail::ZeroDivision);
    // Beyond 2**53 CPython's exact algorithm is not reproduced: bail.
    bailed(call!(n, fn(i64, i64) -> f64, (1 << 53) + 1, 1), Bail::Unrepresentable);
}

// ---------------------------------------------------------------- floats

#[test]
fn float_floor_division_and_modulo_keep_signed_zeros() {
    let div = jit("def f(a, b):\n    return a // b\n", &[F, F]);
    div.check_abi(&["f64", "f64"], &["f64"]);
    let rem = jit("def f(a, b):\n    return a % b\n", &[F, F]);
    ok_f(call!(div, fn(f64, f64) -> f64, -7.0, 2.0), -4.0);
    ok_f(call!(rem, fn(f64, f64) -> f64, -7.0, 2.0), 1.0);
    ok_f(call!(rem, fn(f64, f64) -> f64, 7.0, -2.0), -1.0);
    let (q, b) = call!(div, fn(f64, f64) -> f64, -0.0, 5.0);
    assert!(b.is_none() && q == 0.0 && q.is_sign_negative(), "-0.0 // 5.0 is -0.0, got {q:?}");
    let (q, b) = call!(div, fn(f64, f64) -> f64, 0.0, -5.0);
    assert!(b.is_none() && q == 0.0 && q.is_sign_negative(), "0.0 // -5.0 is -0.0, got {q:?}");
    let (m, b) = call!(rem, fn(f64, f64) -> f64, 6.0, -3.0);
    assert!(b.is_none() && m == 0.0 && m.is_sign_negative(), "6.0 % -3.0 is -0.0, got {m:?}");
    let (m, b) = call!(rem, fn(f64, f64) -> f64, -6.0, 3.0);
    assert!(b.is_none() && m == 0.0 && m.is_sign_positive(), "-6.0 % 3.0 is 0.0, got {m:?}");
    bailed(call!(div, fn(f64, f64) -> f64, 1.0, 0.0), Bail::ZeroDivision);
    bailed(call!(rem, fn(f64, f64) -> f64, 1.0, -0.0), Bail::ZeroDivision);
}

#[test]
fn float_true_division_by_zero_bails() {
    let n = jit("def f(a, b):\n    return a / b\n", &[F, F]);
    bailed(call!(n, fn(f64, f64) -> f64, 1.0, 0.0), Bail::ZeroDivision);
    bailed(call!(n, fn(f64, f64) -> f64, 0.0, -0.0), Bail::ZeroDivision);
    ok_f(call!(n, fn(f64, f64) -> f64, 1.0, f64::INFINITY), 0.0);
    // int / float.0 too
    let n = jit("def f(a):\n    return a / 0.0\n", &[I]);
    bailed(call!(n, fn(i64) -> f64, 1), Bail::ZeroDivision);
}

#[test]
fn float_power() {
    let n = jit("def f(x):\n    return x ** 0.5\n", &[F]);
    ok_f(call!(n, fn(f64) -> f64, 4.0), 2.0);
    ok_f(call!(n, fn(f64) -> f64, 0.25), 0.5);
    // A negative base to a fractional power is complex in Python.
    bailed(call!(n, fn(f64) -> f64, -4.0), Bail::Unrepresentable);
    // Values that are not exact come from the same libm `pow` CPython uses.
    for x in [2.0, 3.0, 1e-320, 12345.678] {
        ok_f(call!(n, fn(f64) -> f64, x), f64::powf(x, 0.5));
    }
    let n = jit("def f(x, y):\n    return x ** y\n", &[F, F]);
    bailed(call!(n, fn(f64, f64) -> f64, 10.0, 400.0), Bail::Overflow);
    bailed(call!(n, fn(f64, f64) -> f64, 0.0, -2.0), Bail::ZeroDivision);
    ok_f(call!(n, fn(f64, f64) -> f64, f64::NAN, 0.0), 1.0);
}

#[test]
fn nan_comparisons_are_false_except_not_equal() {
    let n = jit("def f(a, b):\n    return (a < b) or (a <= b) or (a == b) or (a > b) or (a >= b)\n", &[F, F]);
    n.check_abi(&["f64", "f64"], &["i8"]);
    ok(call!(n, fn(f64, f64) -> i8, f64::NAN, 1.0), 0);
    ok(call!(n, fn(f64, f64) -> i8, f64::NAN, f64::NAN), 0);
    ok(call!(n, fn(f64, f64) -> i8, 1.0, 1.0), 1);
    let ne = jit("def f(a, b):\n    return a != b\n", &[F, F]);
    ok(call!(ne, fn(f64, f64) -> i8, f64::NAN, f64::NAN), 1);
    ok(call!(ne, fn(f64, f64) -> i8, 0.0, -0.0), 0);
    // `not (x == x)` in a condition
    let isnan = jit("def f(x):\n    if not x == x:\n        return 1\n    return 0\n", &[F]);
    ok(call!(isnan, fn(f64) -> i64, f64::NAN), 1);
    ok(call!(isnan, fn(f64) -> i64, f64::INFINITY), 0);
}

#[test]
fn int_float_comparison_is_exact() {
    // 2**53 + 1 is not a float; CPython compares exactly, not via float(a).
    let n = jit("def f(a, b):\n    return a > b\n", &[I, F]);
    ok(call!(n, fn(i64, f64) -> i8, (1 << 53) + 1, 9007199254740992.0), 1);
    ok(call!(n, fn(i64, f64) -> i8, 1 << 53, 9007199254740992.0), 0);
    ok(call!(n, fn(i64, f64) -> i8, i64::MAX, 9223372036854775808.0), 0);
    ok(call!(n, fn(i64, f64) -> i8, 0, f64::NAN), 0);
    let n = jit("def f(a, b):\n    return a == b\n", &[I, F]);
    ok(call!(n, fn(i64, f64) -> i8, i64::MAX, 9223372036854775808.0), 0);
    ok(call!(n, fn(i64, f64) -> i8, i64::MIN, -9223372036854775808.0), 1);
}

// ---------------------------------------------------------------- math

#[test]
fn math_domain_errors_bail() {
    let n = jit("def f(x):\n    return math.sqrt(x)\n", &[F]);
    bailed(call!(n, fn(f64) -> f64, -1.0), Bail::MathError);
    ok_f(call!(n, fn(f64) -> f64, -0.0), -0.0);
    ok_f(call!(n, fn(f64) -> f64, f64::NAN), f64::NAN);
    let n = jit("def f(x):\n    return math.log(x)\n", &[F]);
    bailed(call!(n, fn(f64) -> f64, 0.0), Bail::MathError);
    bailed(call!(n, fn(f64) -> f64, -1.0), Bail::MathError);
    let n = jit("def f(x):\n    return math.exp(x)\n", &[F]);
    bailed(call!(n, fn(f64) -> f64, 1000.0), Bail::MathError);
    ok_f(call!(n, fn(f64) -> f64, -1000.0), 0.0);
}

/// A C library function looked up the way the JIT looks its imports up
/// (`dlsym(RTLD_DEFAULT, name)`): the C library's own, the one CPython's
/// `math` module calls. (A plain `extern "C"` declaration may bind to
/// another copy linked into the test binary, which differs for `cbrt`.)
#[cfg(target_os = "linux")]
fn libm(name: &str) -> extern "C" fn(f64) -> f64 {
    extern "C" {
        fn dlsym(handle: *mut std::ffi::c_void, symbol: *const std::ffi::c_char) -> *mut std::ffi::c_void;
    }
    let c = std::ffi::CString::new(name).unwrap();
    // RTLD_DEFAULT is the null handle on glibc.
    let p = unsafe { dlsym(std::ptr::null_mut(), c.as_ptr()) };
    assert!(!p.is_null(), "no {name} in the C library");
    unsafe { std::mem::transmute::<*mut std::ffi::c_void, extern "C" fn(f64) -> f64>(p) }
}

#[test]
#[cfg(target_os = "linux")]
fn math_functions_call_the_same_libm_as_cpython() {
    let names = [
        "exp", "log", "log2", "log10", "sin", "cos", "tan", "atan", "asinh", "sinh", "tanh", "cbrt", "expm1", "log1p",
        "exp2", "sqrt",
    ];
    for name in names {
        let n = jit(&format!("def f(x):\n    return math.{name}(x)\n"), &[F]);
        let c = libm(name);
        for x in [0.5, 1.7, 3.0, 27.0, 100.25] {
            let (got, b) = call!(n, fn(f64) -> f64, x);
            assert_eq!(b, None, "math.{name}({x})");
            let want = c(x);
            assert!(same_float(got, want), "math.{name}({x}) = {got:?}, the C library says {want:?}");
        }
    }
    // CPython 3.11.7 on this glibc: math.cbrt(27.0) == 3.0000000000000004.
    let n = jit("def f(x):\n    return math.cbrt(x)\n", &[F]);
    if libm("cbrt")(27.0) == 3.0000000000000004 {
        ok_f(call!(n, fn(f64) -> f64, 27.0), 3.0000000000000004);
    }
}

#[test]
fn floor_ceil_round_and_int_give_ints() {
    let floor = jit("def f(x):\n    return math.floor(x)\n", &[F]);
    floor.check_abi(&["f64"], &["i64"]);
    ok(call!(floor, fn(f64) -> i64, 2.5), 2);
    ok(call!(floor, fn(f64) -> i64, -2.5), -3);
    let round = jit("def f(x):\n    return round(x)\n", &[F]);
    round.check_abi(&["f64"], &["i64"]);
    ok(call!(round, fn(f64) -> i64, 2.5), 2);
    ok(call!(round, fn(f64) -> i64, 3.5), 4);
    ok(call!(round, fn(f64) -> i64, -2.5), -2);
    ok(call!(round, fn(f64) -> i64, -0.5), 0);
    bailed(call!(round, fn(f64) -> i64, f64::INFINITY), Bail::Overflow);
    let int = jit("def f(x):\n    return int(x)\n", &[F]);
    ok(call!(int, fn(f64) -> i64, -2.9), -2);
    bailed(call!(int, fn(f64) -> i64, f64::NAN), Bail::Unrepresentable);
    bailed(call!(int, fn(f64) -> i64, 1e19), Bail::Overflow);
    // math.floor of an int is the int itself
    let n = int1("def f(x):\n    return math.floor(x) + math.ceil(x) + round(x)\n");
    ok(call!(n, fn(i64) -> i64, i64::MAX / 3), i64::MAX / 3 * 3);
}

#[test]
fn math_constants_and_global_numbers_are_inlined() {
    let stub = Stub::new()
        .def("def f(r):\n    return math.pi * r * r + K + FLAG + SCALE\n")
        .global("K", Global::Int(3))
        .global("FLAG", Global::Bool(true))
        .global("SCALE", Global::Float(0.25));
    let n = jit_stub(stub, &[F]);
    ok_f(call!(n, fn(f64) -> f64, 2.0), std::f64::consts::PI * 2.0 * 2.0 + 3.0 + 1.0 + 0.25);
    let n = jit("def f(x):\n    return x < math.inf and x == x\n", &[F]);
    ok(call!(n, fn(f64) -> i8, 1e308), 1);
    ok(call!(n, fn(f64) -> i8, f64::INFINITY), 0);
}

// ---------------------------------------------------------------- int|float

#[test]
fn accumulator_starting_at_int_zero_stays_an_int_until_a_float_is_added() {
    let src = "def f(n, x):\n    total = 0\n    for i in range(n):\n        total += x\n    return total\n";
    let n = jit(src, &[I, F]);
    n.check_abi(&["i64", "f64"], &["i8", "i64"]);
    let (r, b) = call!(n, fn(i64, f64) -> NumRet, 0, 0.5);
    assert_eq!((r.value(), b), (Num::Int(0), None), "sum of nothing is the int 0");
    let (r, b) = call!(n, fn(i64, f64) -> NumRet, 3, 0.5);
    assert_eq!((r.value(), b), (Num::Float(1.5), None));
    let (r, b) = call!(n, fn(i64, f64) -> NumRet, 1, -0.0);
    assert_eq!((r.value(), b), (Num::Float(0.0), None), "0 + -0.0 is 0.0");
}

#[test]
fn num_parameters_dispatch_on_their_tag() {
    let n = jit("def f(x, y):\n    return x // y\n", &[Ty::Num, Ty::Num]);
    n.check_abi(&["i8", "i64", "i8", "i64"], &["i8", "i64"]);
    let fl = |x: f64| x.to_bits() as i64;
    let go = |a: (i8, i64), b: (i8, i64)| {
        let (r, bail) = call!(n, fn(i8, i64, i8, i64) -> NumRet, a.0, a.1, b.0, b.1);
        (bail.is_none().then(|| r.value()), bail)
    };
    assert_eq!(go((0, -7), (0, 2)), (Some(Num::Int(-4)), None));
    assert_eq!(go((1, fl(-7.0)), (0, 2)), (Some(Num::Float(-4.0)), None));
    assert_eq!(go((0, -7), (1, fl(2.0))), (Some(Num::Float(-4.0)), None));
    assert_eq!(go((0, 7), (0, 0)), (None, Some(Bail::ZeroDivision)));
    assert_eq!(go((0, 7), (1, fl(-0.0))), (None, Some(Bail::ZeroDivision)));
    assert_eq!(go((0, i64::MIN), (0, -1)), (None, Some(Bail::Overflow)));

    let cmp = jit("def f(x, y):\n    return x < y\n", &[Ty::Num, Ty::Num]);
    let lt = |a: (i8, i64), b: (i8, i64)| call!(cmp, fn(i8, i64, i8, i64) -> i8, a.0, a.1, b.0, b.1);
    ok(lt((0, (1 << 53) + 1), (1, fl(9007199254740994.0))), 1);
    ok(lt((1, fl(9007199254740992.0)), (0, (1 << 53) + 1)), 1);
    ok(lt((0, 3), (1, fl(f64::NAN))), 0);
    ok(lt((0, -3), (0, 2)), 1);
}

#[test]
fn num_unary_operations() {
    let fl = |x: f64| x.to_bits() as i64;
    let neg = jit("def f(x):\n    return -x\n", &[Ty::Num]);
    let go = |t: i8, p: i64| {
        let (r, b) = call!(neg, fn(i8, i64) -> NumRet, t, p);
        (b.is_none().then(|| r.value()), b)
    };
    assert_eq!(go(0, 5), (Some(Num::Int(-5)), None));
    assert_eq!(go(1, fl(0.0)), (Some(Num::Float(-0.0)), None));
    assert_eq!(go(0, i64::MIN), (None, Some(Bail::Overflow)));
    let to_int = jit("def f(x):\n    return int(x) + round(x) * 10\n", &[Ty::Num]);
    ok(call!(to_int, fn(i8, i64) -> i64, 0, 7), 77);
    ok(call!(to_int, fn(i8, i64) -> i64, 1, fl(2.5)), 22);
    bailed(call!(to_int, fn(i8, i64) -> i64, 1, fl(f64::NAN)), Bail::Unrepresentable);
    let truth = jit("def f(x):\n    return not x\n", &[Ty::Num]);
    ok(call!(truth, fn(i8, i64) -> i8, 0, 0), 1);
    ok(call!(truth, fn(i8, i64) -> i8, 1, fl(-0.0)), 1);
    ok(call!(truth, fn(i8, i64) -> i8, 1, fl(f64::NAN)), 0);
    ok(call!(truth, fn(i8, i64) -> i8, 0, 1 << 40), 0);
}

#[test]
fn conditional_expression_of_int_and_float_is_num() {
    let n = jit("def f(c):\n    return 1 if c > 0 else 0.5\n", &[I]);
    n.check_abi(&["i64"], &["i8", "i64"]);
    assert_eq!(call!(n, fn(i64) -> NumRet, 1).0.value(), Num::Int(1));
    assert_eq!(call!(n, fn(i64) -> NumRet, 0).0.value(), Num::Float(0.5));
    // `or` keeps the first truthy operand with its own type
    let n = jit("def f(a, b):\n    return a or b\n", &[I, F]);
    assert_eq!(call!(n, fn(i64, f64) -> NumRet, 0, 2.5).0.value(), Num::Float(2.5));
    assert_eq!(call!(n, fn(i64, f64) -> NumRet, 7, 2.5).0.value(), Num::Int(7));
    // min/max of an int and a float: the first extreme wins, type and all
    let n = jit("def f(a, b):\n    return max(a, b)\n", &[I, F]);
    assert_eq!(call!(n, fn(i64, f64) -> NumRet, 1, 1.0).0.value(), Num::Int(1));
    assert_eq!(call!(n, fn(i64, f64) -> NumRet, 1, 1.5).0.value(), Num::Float(1.5));
}

// ---------------------------------------------------------------- bools

#[test]
fn bools_are_ints_in_arithmetic_and_bools_in_logic() {
    let n = jit("def f(a, b):\n    return a + b * 2 - (not a)\n", &[Ty::Bool, Ty::Bool]);
    n.check_abi(&["i8", "i8"], &["i64"]);
    ok(call!(n, fn(i8, i8) -> i64, 1, 1), 3);
    ok(call!(n, fn(i8, i8) -> i64, 0, 1), 1);
    let n = jit("def f(a, b):\n    return (a and b) ^ (a | b)\n", &[Ty::Bool, Ty::Bool]);
    n.check_abi(&["i8", "i8"], &["i8"]);
    for (a, b) in [(0i8, 0i8), (0, 1), (1, 0), (1, 1)] {
        ok(call!(n, fn(i8, i8) -> i8, a, b), ((a & b) ^ (a | b)) as i8);
    }
    let n = jit("def f(a):\n    return -a + ~a\n", &[Ty::Bool]);
    ok(call!(n, fn(i8) -> i64, 1), -3);
}

// ---------------------------------------------------------------- control flow

#[test]
fn while_loop_with_break_and_continue() {
    let n = int1(
        "def f(n):
    i = 0
    s = 0
    while True:
        i += 1
        if i > n:
            break
        if i % 3 == 0:
            continue
        s += i
    return s
",
    );
    let py = |n: i64| (1..=n).filter(|i| i % 3 != 0).sum::<i64>();
    for k in [0, 1, 2, 3, 10, 100] {
        ok(call!(n, fn(i64) -> i64, k), py(k));
    }
}

#[test]
fn for_range_with_negative_and_large_steps() {
    let n = int2(
        "def f(a, b):
    s = 0
    for i in range(a, b, -3):
        s = s * 10 + i
    return s
",
    );
    ok(call!(n, fn(i64, i64) -> i64, 9, 0), 963);
    ok(call!(n, fn(i64, i64) -> i64, 9, -1), 9630);
    ok(call!(n, fn(i64, i64) -> i64, 0, 9), 0);
    // The counter passing i64::MAX ends the loop instead of wrapping.
    let n = int1("def f(step):\n    c = 0\n    for i in range(9223372036854775800, 9223372036854775807, step):\n        c += 1\n    return c\n");
    ok(call!(n, fn(i64) -> i64, 5), 2);
    ok(call!(n, fn(i64) -> i64, i64::MAX), 1);
    bailed(call!(n, fn(i64) -> i64, 0), Bail::ValueError);
    ok(call!(n, fn(i64) -> i64, -1), 0);
}

#[test]
fn loop_variable_keeps_its_last_value_and_is_unbound_after_an_empty_loop() {
    let n = int1("def f(n):\n    for i in range(n):\n        pass\n    return i\n");
    ok(call!(n, fn(i64) -> i64, 5), 4);
    bailed(call!(n, fn(i64) -> i64, 0), Bail::Unbound);
    // assigning to the loop variable does not change the iteration
    let n = int1("def f(n):\n    c = 0\n    for i in range(n):\n        c += 1\n        i = 100\n    return c * 1000 + i\n");
    ok(call!(n, fn(i64) -> i64, 3), 3100);
}

#[test]
fn for_else_and_while_else_run_only_without_break() {
    let n = int1(
        "def f(n):
    for d in range(2, n):
        if n % d == 0:
            r = d
            break
    else:
        r = 0
    return r
",
    );
    ok(call!(n, fn(i64) -> i64, 91), 7);
    ok(call!(n, fn(i64) -> i64, 97), 0);
    ok(call!(n, fn(i64) -> i64, 2), 0);
    let n = int1(
        "def f(n):
    k = 0
    while k < n:
        k += 1
        if k == 5:
            break
    else:
        k = -k
    return k
",
    );
    ok(call!(n, fn(i64) -> i64, 3), -3);
    ok(call!(n, fn(i64) -> i64, 9), 5);
    ok(call!(n, fn(i64) -> i64, 0), 0);
}

#[test]
fn nested_loops_break_only_the_inner_loop() {
    let n = int1(
        "def f(n):
    c = 0
    for i in range(n):
        for j in range(n):
            if j > i:
                break
            c += 1
        else:
            c += 1000
    return c
",
    );
    // inner loop breaks for every i except the last (j never exceeds n-1)
    let py = |n: i64| (0..n).map(|i| i + 1).sum::<i64>() + if n > 0 { 1000 } else { 0 };
    for k in [0, 1, 4] {
        ok(call!(n, fn(i64) -> i64, k), py(k));
    }
}

#[test]
fn possibly_unassigned_variable_bails_unbound() {
    let n = int1("def f(x):\n    if x > 0:\n        y = x\n    return y\n");
    ok(call!(n, fn(i64) -> i64, 3), 3);
    bailed(call!(n, fn(i64) -> i64, -3), Bail::Unbound);
    // a name assigned anywhere in the function is local everywhere
    let stub = Stub::new().def("def f(x):\n    y = K\n    K = x\n    return y\n").global("K", Global::Int(1));
    let n = jit_stub(stub, &[I]);
    bailed(call!(n, fn(i64) -> i64, 3), Bail::Unbound);
}

/// CPython raises UnboundLocalError: `y: int` makes `y` local (PEP 526)
/// even without a value. Native code returns the global `y` (5) instead.
#[test]
fn an_annotated_but_unassigned_name_is_an_unbound_local() {
    let stub = Stub::new().def("def f(x):\n    y: int\n    return y\n").global("y", Global::Int(5));
    match stub.lower(&[I]) {
        Err(_) => {} // rejecting is fine too
        Ok(_) => {
            let stub = Stub::new().def("def f(x):\n    y: int\n    return y\n").global("y", Global::Int(5));
            let n = jit_stub(stub, &[I]);
            bailed(call!(n, fn(i64) -> i64, 0), Bail::Unbound);
        }
    }
}

#[test]
fn chained_and_tuple_assignment() {
    let n = int2("def f(a, b):\n    a, b = b, a\n    x = y = a - b\n    return x * 10 + y\n");
    ok(call!(n, fn(i64, i64) -> i64, 1, 3), 22);
    let n = int2("def f(a, b):\n    t = (a, b)\n    p, q = t\n    return t[1] - p + len(t)\n");
    ok(call!(n, fn(i64, i64) -> i64, 1, 3), 4);
}

#[test]
fn chained_comparison_evaluates_the_middle_once() {
    let stub = Stub::new()
        .def("def f(a, b, c):\n    return a < g(b) <= c\n")
        .def("def g(x):\n    if x > 100:\n        raise ValueError\n    return x * 2\n");
    let n = jit_stub(stub, &[I, I, I]);
    n.check_abi(&["i64", "i64", "i64"], &["i8"]);
    ok(call!(n, fn(i64, i64, i64) -> i8, 1, 2, 4), 1);
    ok(call!(n, fn(i64, i64, i64) -> i8, 1, 2, 3), 0);
    ok(call!(n, fn(i64, i64, i64) -> i8, 9, 2, 3), 0);
    bailed(call!(n, fn(i64, i64, i64) -> i8, 1, 200, 3), Bail::Raise);
}

#[test]
fn raise_assert_and_never_returning_callees() {
    let n = int1("def f(x):\n    if x < 0:\n        raise ValueError('negative')\n    return x\n");
    ok(call!(n, fn(i64) -> i64, 1), 1);
    bailed(call!(n, fn(i64) -> i64, -1), Bail::Raise);

    let src = "def f(x):\n    assert x > 0, 'positive'\n    return x\n";
    let n = int1(src);
    bailed(call!(n, fn(i64) -> i64, 0), Bail::AssertFailed);
    ok(call!(n, fn(i64) -> i64, 2), 2);
    let off = Options { asserts: false, ..opts() };
    let stub = Stub::new().def(src);
    let prog = stub.lower_with(off, &[I]).expect("lowers");
    let code = rustify_compiler::codegen::Jit::new().unwrap().compile(&prog, &stub_host()).expect("compiles");
    let n = Native { prog, code };
    ok(call!(n, fn(i64) -> i64, 0), 0);

    let stub = Stub::new()
        .def("def f(x):\n    if x < 0:\n        return fail(x)\n    return x\n")
        .def("def fail(x):\n    raise ValueError\n");
    let n = jit_stub(stub, &[I]);
    assert_eq!(n.prog.specs[1].ret, Ty::Never);
    ok(call!(n, fn(i64) -> i64, 5), 5);
    bailed(call!(n, fn(i64) -> i64, -5), Bail::Raise);
}

use rustify_compiler::Options;

// ---------------------------------------------------------------- calls

#[test]
fn recursion_fib() {
    let n = int1("def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n");
    ok(call!(n, fn(i64) -> i64, 20), 6765);
    ok(call!(n, fn(i64) -> i64, 0), 0);
    assert!(n.prog.specs[0].calls);
}

#[test]
fn recursion_deeper_than_the_limit_bails_and_restores_the_depth() {
    let n = int1("def depth(n):\n    if n == 0:\n        return 0\n    return 1 + depth(n - 1)\n");
    // the outermost call counts as depth 1
    ok(call!(@limit 10, n, fn(i64) -> i64, 9), 9);
    bailed(call!(@limit 10, n, fn(i64) -> i64, 10), Bail::Recursion);
    bailed(call!(@limit 10, n, fn(i64) -> i64, 50), Bail::Recursion);
    ok(call!(@limit 10, n, fn(i64) -> i64, 5), 5);
    ok(call!(n, fn(i64) -> i64, 10_000), 10_000);
}

#[test]
fn a_context_is_reusable_once_its_bail_code_is_cleared() {
    let n = int1("def depth(n):\n    if n == 0:\n        return 1 // n\n    return 1 + depth(n - 1)\n");
    let f: extern "C" fn(*mut CallCtx, i64) -> i64 = unsafe { std::mem::transmute(n.code.functions[0]) };
    let mut ctx = CallCtx::new(100, std::ptr::null_mut());
    f(&mut ctx, 5);
    assert_eq!(ctx.bailed(), Some(Bail::ZeroDivision), "the innermost call divides by zero");
    assert_eq!(ctx.depth, 0);
    ctx.bail = 0;
    f(&mut ctx, 500);
    assert_eq!(ctx.bailed(), Some(Bail::Recursion));
    assert_eq!(ctx.depth, 0);
}

#[test]
fn mutual_recursion_and_specialisations_per_argument_type() {
    let stub = Stub::new()
        .def("def f(n):\n    return is_even(n) * 10 + half(n) + half(n * 1.0)\n")
        .def("def is_even(n):\n    if n == 0:\n        return True\n    return is_odd(n - 1)\n")
        .def("def is_odd(n):\n    if n == 0:\n        return False\n    return is_even(n - 1)\n")
        .def("def half(x):\n    return x / 2\n");
    let n = jit_stub(stub, &[I]);
    n.check_abi(&["i64"], &["f64"]);
    let names: Vec<String> = n.prog.specs.iter().map(|s| format!("{}{:?}", s.name, s.param_tys)).collect();
    assert!(names.contains(&"half[Int]".to_string()) && names.contains(&"half[Float]".to_string()), "{names:?}");
    ok_f(call!(n, fn(i64) -> f64, 4), 14.0);
    ok_f(call!(n, fn(i64) -> f64, 3), 3.0);
}

#[test]
fn parameters_that_widen_keep_the_calling_convention() {
    let n = jit("def f(x, y):\n    if y:\n        x = 0.5\n    return x\n", &[I, Ty::Bool]);
    n.check_abi(&["i64", "i8"], &["i8", "i64"]);
    assert_eq!(var_ty(&n.prog, 0, "x"), Ty::Num);
    assert_eq!(call!(n, fn(i64, i8) -> NumRet, 7, 0).0.value(), Num::Int(7));
    assert_eq!(call!(n, fn(i64, i8) -> NumRet, 7, 1).0.value(), Num::Float(0.5));
}

// ---------------------------------------------------------------- helpers

trait MapOk {
    fn map_ok(self) -> (i64, Option<Bail>);
}

impl MapOk for (NumRet, Option<Bail>) {
    fn map_ok(self) -> (i64, Option<Bail>) {
        (self.0.payload, self.1)
    }
}

// ---------------------------------------------------------------- boxed entry

#[test]
fn boxed_entry_unpacks_argument_slots_and_boxes_the_result() {
    let fl = |x: f64| x.to_bits();
    // int, float and bool arguments, one u64 slot per machine value
    let src = "def f(a, x, c):\n    if c:\n        return a * 2\n    return x\n";
    assert_eq!(call_entry(src, &[I, F, Ty::Bool], &[21, fl(0.5), 1]), (Boxed::Int(42), None));
    assert_eq!(call_entry(src, &[I, F, Ty::Bool], &[21, fl(0.5), 0]), (Boxed::Float(fl(0.5)), None));
    // a bail-out gives NULL with the code in the context
    assert_eq!(call_entry("def f(a):\n    return 1 // a\n", &[I], &[0]), (Boxed::Null, Some(Bail::ZeroDivision)));
    // a Num argument takes two slots: tag, then payload
    let src = "def f(x, k):\n    return x * k\n";
    assert_eq!(call_entry(src, &[Ty::Num, I], &[0, 6, 7]), (Boxed::Int(42), None));
    assert_eq!(call_entry(src, &[Ty::Num, I], &[1, fl(1.5), 2]), (Boxed::Float(fl(3.0)), None));
    // bools and None are the interpreter's singletons
    assert_eq!(call_entry("def f(a):\n    return a > 0\n", &[I], &[5]), (Boxed::True, None));
    assert_eq!(call_entry("def f(a):\n    return a > 0\n", &[I], &[(-5i64) as u64]), (Boxed::False, None));
    assert_eq!(call_entry("def f(a):\n    a += 1\n", &[I], &[5]), (Boxed::None, None));
    assert_eq!(call_entry("def f(a):\n    raise ValueError\n", &[I], &[5]), (Boxed::Null, Some(Bail::Raise)));
}

#[test]
fn the_stub_host_sees_object_calls() {
    // harness check: code that needs objects calls the host, and the stub's
    // NULL answer becomes a HostError bail-out rather than a crash
    let n = jit("def f(n):\n    return len([n, n])\n", &[I]);
    let f: extern "C" fn(*mut CallCtx, i64) -> i64 = unsafe { std::mem::transmute(n.code.functions[0]) };
    let mut ctx = CallCtx::new(u32::MAX, std::ptr::null_mut());
    take_host_calls();
    f(&mut ctx, 3);
    let calls = take_host_calls();
    assert_eq!(ctx.bailed(), Some(Bail::HostError));
    assert!(calls.contains(&"rt_list_new"), "{calls:?}");
}

#[test]
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
fn tuple_results_come_back_in_registers() {
    // SysV: a (i64, f64) struct returns in rax + xmm0, as Cranelift returns
    // an [i64, f64] signature.
    #[repr(C)]
    #[derive(Debug, PartialEq)]
    struct IF(i64, f64);
    let n = jit("def f(a, b):\n    q = a // b\n    return (q, a / b)\n", &[I, I]);
    n.check_abi(&["i64", "i64"], &["i64", "f64"]);
    ok(call!(n, fn(i64, i64) -> IF, -7, 2), IF(-4, -3.5));
    bailed(call!(n, fn(i64, i64) -> IF, 1, 0), Bail::ZeroDivision);
}

#[test]
fn a_math_function_bound_to_a_global_name() {
    // `from math import sqrt` at module level: the global is the function
    let stub = Stub::new().def("def f(x):\n    return sqrt(x) + floor(x)\n")
        .global("sqrt", Global::MathFn("sqrt".into()))
        .global("floor", Global::MathFn("floor".into()));
    let n = jit_stub(stub, &[F]);
    n.check_abi(&["f64"], &["f64"]);
    ok_f(call!(n, fn(f64) -> f64, 6.25), 8.5);
    bailed(call!(n, fn(f64) -> f64, -1.0), Bail::MathError);
}
