//! `semantics` (CPython's numeric algorithms), `abi` and `types`, called
//! directly: cases beyond the unit tests in `src/`, expected values from
//! CPython 3.11.7.

mod common;

use common::same_float;
use rustify_compiler::abi::{Bail, CallCtx, HOST_FUNCTIONS};
use rustify_compiler::semantics::*;
use rustify_compiler::types::{join, signature_string, Ty};
use std::cmp::Ordering::*;

const INF: f64 = f64::INFINITY;
const NAN: f64 = f64::NAN;

#[track_caller]
fn same(got: f64, want: f64) {
    assert!(same_float(got, want), "got {got:?}, wanted {want:?}");
}

#[track_caller]
fn same_r(got: Result<f64, Bail>, want: Result<f64, Bail>) {
    match (got, want) {
        (Ok(g), Ok(w)) => same(g, w),
        (g, w) => assert_eq!(g, w),
    }
}

#[test]
fn divmod_of_floats_matches_cpython() {
    // divmod(a, b) in CPython 3.11.7
    let cases = [
        (INF, 2.0, NAN, NAN),
        (-INF, 2.0, NAN, NAN),
        (1e308, 1e-308, INF, 3.498445546245627e-309),
        (5.0, -INF, -1.0, -INF),
        (-5.0, -INF, 0.0, -5.0),
        (0.0, -INF, -0.0, -0.0),
        (-0.0, INF, -0.0, 0.0),
        (NAN, 1.0, NAN, NAN),
        (3.0, NAN, NAN, NAN),
        (7.0, 0.5, 14.0, 0.0),
        (-1e-320, 1e300, -1.0, 1e300),
        (1e-320, -1e300, -1.0, -1e300),
    ];
    for (a, b, q, m) in cases {
        let (gq, gm) = float_div_mod(a, b);
        assert!(same_float(gq, q) && same_float(gm, m), "divmod({a}, {b}) = ({gq:?}, {gm:?}), CPython ({q:?}, {m:?})");
        // `%` alone agrees with divmod's remainder
        assert!(same_float(float_mod(a, b), m), "{a} % {b} = {:?}, CPython {m:?}", float_mod(a, b));
    }
}

#[test]
fn float_mod_and_divmod_agree_everywhere() {
    let xs = [0.0, -0.0, 1.0, -1.0, 0.1, -7.5, 2.5, 1e-310, -1e300, 3e15, INF, -INF, NAN];
    for &a in &xs {
        for &b in &xs {
            if b == 0.0 {
                continue;
            }
            assert!(same_float(float_mod(a, b), float_div_mod(a, b).1), "{a} % {b}");
            let m = float_mod(a, b);
            assert!(m.is_nan() || m == 0.0 || (m < 0.0) == (b < 0.0), "{a} % {b} = {m} takes the divisor's sign");
            if m == 0.0 {
                assert_eq!(m.is_sign_negative(), b.is_sign_negative(), "{a} % {b}: a zero remainder has b's sign");
            }
        }
    }
}

#[test]
fn float_pow_more_special_cases() {
    use Bail::*;
    let cases = [
        (-INF, 0.5, Ok(INF)),
        (-0.0, -1.5, Err(ZeroDivision)),
        (-0.0, 3.0, Ok(-0.0)),
        (-0.0, -3.0, Err(ZeroDivision)),
        (-8.0, 3.0, Ok(-512.0)),
        (-1.0, -INF, Ok(1.0)),
        (INF, 0.0, Ok(1.0)),
        (NAN, NAN, Ok(NAN)),
        (-INF, -2.0, Ok(0.0)),
        (0.0, INF, Ok(0.0)),
        (0.0, -INF, Ok(INF)),
        (-2.0, 1e300, Err(Overflow)),
        (-2.0, -1e300, Ok(0.0)),
        (1e-300, -2.0, Err(Overflow)),
    ];
    for (a, b, want) in cases {
        let got = float_pow(a, b);
        match (got, want) {
            (Ok(g), Ok(w)) => assert!(same_float(g, w), "{a} ** {b} = {g:?}, CPython {w:?}"),
            (g, w) => assert_eq!(g, w, "{a} ** {b}"),
        }
    }
}

#[test]
fn math_pow_more_special_cases() {
    use Bail::*;
    let cases = [
        (-INF, 3.0, Ok(-INF)),
        (-INF, -3.0, Ok(-0.0)),
        (-INF, 2.0, Ok(INF)),
        (INF, 0.0, Ok(1.0)),
        (-1.0, INF, Ok(1.0)),
        (-1.0, -INF, Ok(1.0)),
        (0.0, 0.0, Ok(1.0)),
        (-0.0, -3.0, Err(MathError)),
        (-0.0, 3.0, Ok(-0.0)),
        (-2.0, 0.5, Err(MathError)),
        (2.0, -INF, Ok(0.0)),
        (0.5, INF, Ok(0.0)),
        (1e-300, -2.0, Err(Overflow)),
        (NAN, NAN, Ok(NAN)),
        (-8.0, 3.0, Ok(-512.0)),
    ];
    for (a, b, want) in cases {
        let got = math_pow(a, b);
        match (got, want) {
            (Ok(g), Ok(w)) => assert!(same_float(g, w), "math.pow({a}, {b}) = {g:?}, CPython {w:?}"),
            (g, w) => assert_eq!(g, w, "math.pow({a}, {b})"),
        }
    }
}

#[test]
fn atan2_and_fmod_more_special_cases() {
    let pi = std::f64::consts::PI;
    let cases = [
        (NAN, INF, NAN),
        (INF, -INF, 2.356194490192345),
        (-INF, 1.0, -1.5707963267948966),
        (0.0, -0.0, pi),
        (-0.0, 0.0, -0.0),
        (INF, NAN, NAN),
        (-1.0, -INF, -pi),
        (1.0, -INF, pi),
        (-1.0, INF, -0.0),
    ];
    for (y, x, want) in cases {
        assert!(same_float(atan2(y, x), want), "atan2({y}, {x}) = {:?}, CPython {want:?}", atan2(y, x));
    }
    same_r(fmod(-0.0, 2.0), Ok(-0.0));
    same_r(fmod(NAN, 0.0), Ok(NAN));
    same_r(fmod(1.0, 0.0), Err(Bail::MathError));
    same_r(fmod(-INF, INF), Err(Bail::MathError));
    same_r(fmod(-3.0, -INF), Ok(-3.0));
    same_r(fmod(5.5, -2.0), Ok(1.5));
}

#[test]
fn int_float_comparison_at_the_edges_of_i64() {
    // the largest float below 2**63, and the next float below -2**63
    assert_eq!(cmp_int_float(i64::MAX, 9223372036854774784.0), Some(Greater));
    assert_eq!(cmp_int_float(i64::MAX - 1023, 9223372036854774784.0), Some(Equal));
    assert_eq!(cmp_int_float(i64::MAX - 1024, 9223372036854774784.0), Some(Less));
    assert_eq!(cmp_int_float(i64::MIN, -9223372036854777856.0), Some(Greater));
    assert_eq!(cmp_int_float(0, -0.0), Some(Equal));
    assert_eq!(cmp_int_float(-1, -0.5), Some(Less));
    assert_eq!(cmp_int_float(i64::MIN, f64::NEG_INFINITY), Some(Greater));
    assert_eq!(cmp_int_float(1, 1e300), Some(Less));
}

#[test]
fn cmp_num_is_antisymmetric() {
    let ints = [i64::MIN, -(1 << 53) - 1, -1, 0, 1, 1 << 53, (1 << 53) + 1, i64::MAX];
    let floats = [f64::NEG_INFINITY, -9.3e18, -9007199254740992.0, -0.5, -0.0, 0.0, 1.0, 9007199254740992.0, 9.223372036854775808e18, INF, NAN];
    let mut nums: Vec<(u8, i64)> = ints.iter().map(|&i| (0u8, i)).collect();
    nums.extend(floats.iter().map(|f| (1u8, f.to_bits() as i64)));
    for &(at, a) in &nums {
        for &(bt, b) in &nums {
            let ab = cmp_num(at, a, bt, b);
            let ba = cmp_num(bt, b, at, a);
            assert_eq!(ab, ba.map(|o| o.reverse()), "({at}, {a}) vs ({bt}, {b})");
            // the C symbol: -1/0/1, 2 when unordered
            let c = rf_cmp_num(at as i8, a, bt as i8, b);
            assert_eq!(c, ab.map_or(2, |o| o as i8));
        }
    }
    assert_eq!(cmp_num(0, 3, 1, 3.0f64.to_bits() as i64), Some(Equal));
    assert_eq!(cmp_num(1, NAN.to_bits() as i64, 1, NAN.to_bits() as i64), None);
}

/// CPython: `(-1) ** (2**32) == 1`. `int_pow` clamps the exponent to
/// `u32::MAX` before looking at its parity.
#[test]
fn int_pow_minus_one_to_huge_even_exponents() {
    assert_eq!(int_pow(-1, 1 << 32), Ok(1));
    assert_eq!(int_pow(-1, i64::MAX - 1), Ok(1));
}

#[test]
fn int_pow_more_cases() {
    assert_eq!(int_pow(-1, (1 << 32) + 1), Ok(-1));
    assert_eq!(int_pow(0, i64::MAX), Ok(0));
    assert_eq!(int_pow(1, i64::MAX), Ok(1));
    assert_eq!(int_pow(2, 1 << 40), Err(Bail::Overflow));
    assert_eq!(int_pow(-3, 39), Ok(-4052555153018976267));
    assert_eq!(int_pow(3, 40), Err(Bail::Overflow));
    assert_eq!(int_pow(-2, 64), Err(Bail::Overflow));
}

#[test]
fn symbols_report_through_the_context() {
    let mut ctx = CallCtx::new(10, std::ptr::null_mut());
    assert_eq!(rf_float_pow(&mut ctx, 4.0, 0.5), 2.0);
    assert_eq!(ctx.bailed(), None);
    assert_eq!(rf_float_pow(&mut ctx, -8.0, 0.5), 0.0);
    assert_eq!(ctx.bailed(), Some(Bail::Unrepresentable));
    // the first bail-out wins
    assert_eq!(rf_int_pow(&mut ctx, 2, 64), 0);
    assert_eq!(ctx.bailed(), Some(Bail::Unrepresentable));

    let mut ctx = CallCtx::new(10, std::ptr::null_mut());
    assert_eq!(rf_int_pow(&mut ctx, 2, 64), 0);
    assert_eq!(ctx.bailed(), Some(Bail::Overflow));
    let mut ctx = CallCtx::new(10, std::ptr::null_mut());
    rf_fmod(&mut ctx, 1.0, 0.0);
    assert_eq!(ctx.bailed(), Some(Bail::MathError));
    let mut ctx = CallCtx::new(10, std::ptr::null_mut());
    rf_math_pow(&mut ctx, 10.0, 400.0);
    assert_eq!(ctx.bailed(), Some(Bail::Overflow));
    let mut ctx = CallCtx::new(10, std::ptr::null_mut());
    same(rf_atan2(&mut ctx, -0.0, -1.0), -std::f64::consts::PI);
    same(rf_float_floordiv(-0.0, 5.0), -0.0);
    same(rf_float_mod(6.0, -3.0), -0.0);
    assert_eq!(ctx.bailed(), None);

    let syms = symbols();
    let names: Vec<&str> = syms.iter().map(|(n, _)| *n).collect();
    for n in ["rf_float_pow", "rf_float_floordiv", "rf_float_mod", "rf_int_pow", "rf_cmp_num", "rf_atan2", "rf_fmod", "rf_math_pow"] {
        assert!(names.contains(&n), "{n} missing from symbols()");
    }
    assert!(syms.iter().all(|(_, p)| !p.is_null()));
    // no symbol shadows a host function
    assert!(names.iter().all(|n| HOST_FUNCTIONS.iter().all(|(h, _)| h != n)));
}

#[test]
fn bail_codes_round_trip() {
    for code in 1..=15u32 {
        let b = Bail::from_code(code).expect("a code");
        assert_eq!(b as u32, code);
        assert!(!b.to_string().is_empty());
    }
    assert_eq!(Bail::from_code(0), None);
    assert_eq!(Bail::from_code(16), None);
    let texts: std::collections::HashSet<String> = (1..=15).map(|c| Bail::from_code(c).unwrap().to_string()).collect();
    assert_eq!(texts.len(), 15, "every bail-out has its own message");
}

#[test]
fn call_context_layout_matches_its_offsets() {
    let ctx = CallCtx::new(7, std::ptr::null_mut());
    let base = &ctx as *const CallCtx as usize;
    assert_eq!(&ctx.bail as *const u32 as usize - base, CallCtx::BAIL_OFFSET as usize);
    assert_eq!(&ctx.depth as *const u32 as usize - base, CallCtx::DEPTH_OFFSET as usize);
    assert_eq!(&ctx.depth_limit as *const u32 as usize - base, CallCtx::DEPTH_LIMIT_OFFSET as usize);
    let mut ctx = ctx;
    ctx.set_bail(Bail::Raise);
    ctx.set_bail(Bail::Overflow);
    assert_eq!(ctx.bailed(), Some(Bail::Raise));
}

#[test]
fn host_function_names_are_unique() {
    let mut names: Vec<&str> = HOST_FUNCTIONS.iter().map(|(n, _)| *n).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), HOST_FUNCTIONS.len());
}

// ---------------------------------------------------------------- types

#[test]
fn type_lattice_beyond_the_unit_tests() {
    assert_eq!(join(&Ty::Never, &Ty::Int), Some(Ty::Int));
    assert_eq!(join(&Ty::Float, &Ty::Never), Some(Ty::Float));
    assert_eq!(join(&Ty::Num, &Ty::Int), Some(Ty::Num));
    assert_eq!(join(&Ty::None, &Ty::None), Some(Ty::None));
    assert_eq!(join(&Ty::None, &Ty::Int), None);
    assert_eq!(join(&Ty::Bool, &Ty::Float), None);
    let t = |v: Vec<Ty>| Ty::Tuple(v);
    assert_eq!(join(&t(vec![Ty::Int, Ty::Float]), &t(vec![Ty::Float, Ty::Float])), Some(t(vec![Ty::Num, Ty::Float])));
    assert_eq!(join(&t(vec![Ty::Int]), &t(vec![Ty::Int, Ty::Int])), None);
    assert_eq!(join(&Ty::list(Ty::list(Ty::Int)), &Ty::list(Ty::list(Ty::Unknown))), Some(Ty::list(Ty::list(Ty::Int))));
    // join is commutative on a sample
    let sample = [Ty::Unknown, Ty::Never, Ty::None, Ty::Bool, Ty::Int, Ty::Float, Ty::Num, Ty::list(Ty::Int), Ty::list(Ty::Float)];
    for a in &sample {
        for b in &sample {
            assert_eq!(join(a, b), join(b, a), "{a} vs {b}");
        }
    }
}

#[test]
fn type_predicates_and_names() {
    assert_eq!(Ty::Num.to_string(), "int|float");
    assert_eq!(Ty::Never.to_string(), "NoReturn");
    assert_eq!(Ty::Unknown.to_string(), "?");
    assert_eq!(Ty::Tuple(vec![Ty::Int, Ty::list(Ty::Bool)]).to_string(), "tuple[int, list[bool]]");
    assert_eq!(signature_string(&[]), "()");
    assert!(Ty::Tuple(vec![Ty::Int, Ty::list(Ty::Int)]).holds_refs());
    assert!(!Ty::Tuple(vec![Ty::Int, Ty::Num]).holds_refs());
    assert!(Ty::Tuple(vec![Ty::Int, Ty::Unknown]).has_unknown());
    assert!(!Ty::list(Ty::Unknown).has_unknown(), "a list's element may stay unknown");
    assert!(Ty::Bool.is_numeric() && Ty::Num.is_numeric() && !Ty::None.is_numeric());
}
