//! CPython's numeric algorithms, ported bit for bit, for the operations that
//! are more than one machine instruction. Generated code calls these by
//! symbol; each reports a would-raise case by setting the call's bail code.
//!
//! Sources: `Objects/floatobject.c` (`float_pow`, `_float_div_mod`,
//! `float_rem`) and `Objects/longobject.c` (`long_pow`) of CPython 3.11.

use crate::abi::{Bail, CallCtx};

fn is_odd_integer(x: f64) -> bool {
    // DOUBLE_IS_ODD_INTEGER in floatobject.c.
    x % 2.0 == 1.0 || x % 2.0 == -1.0
}

/// `float ** float`, CPython's `float_pow`.
pub fn float_pow(iv: f64, iw: f64) -> Result<f64, Bail> {
    if iw == 0.0 {
        return Ok(1.0);
    }
    if iv.is_nan() {
        return Ok(iv);
    }
    if iw.is_nan() {
        return Ok(if iv == 1.0 { 1.0 } else { iw });
    }
    if iw.is_infinite() {
        let av = iv.abs();
        return Ok(if av == 1.0 {
            1.0
        } else if (iw > 0.0) == (av > 1.0) {
            iw.abs()
        } else {
            0.0
        });
    }
    if iv.is_infinite() {
        let odd = is_odd_integer(iw);
        return Ok(if iw > 0.0 {
            if odd { iv } else { iv.abs() }
        } else if odd {
            0.0f64.copysign(iv)
        } else {
            0.0
        });
    }
    if iv == 0.0 {
        if iw < 0.0 {
            return Err(Bail::ZeroDivision);
        }
        return Ok(if is_odd_integer(iw) { iv } else { 0.0 });
    }
    let mut base = iv;
    let mut negate = false;
    if iv < 0.0 {
        if iw != iw.floor() {
            // A complex result: CPython returns a complex number.
            return Err(Bail::Unrepresentable);
        }
        base = -iv;
        negate = is_odd_integer(iw);
    }
    if base == 1.0 {
        return Ok(if negate { -1.0 } else { 1.0 });
    }
    let ix = base.powf(iw);
    if ix.is_infinite() {
        // errno ERANGE -> OverflowError.
        return Err(Bail::Overflow);
    }
    Ok(if negate { -ix } else { ix })
}

/// `float // float` and `float % float` (CPython's `_float_div_mod`);
/// `wx` is non-zero.
pub fn float_div_mod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

/// `float % float`, CPython's `float_rem`; `wx` is non-zero.
pub fn float_mod(vx: f64, wx: f64) -> f64 {
    let m = vx % wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m + wx
        } else {
            m
        }
    } else {
        0.0f64.copysign(wx)
    }
}

/// `int ** int` for a non-negative exponent, failing on overflow (the
/// result would be a bigint).
pub fn int_pow(base: i64, exp: i64) -> Result<i64, Bail> {
    debug_assert!(exp >= 0);
    match base {
        0 => Ok(if exp == 0 { 1 } else { 0 }),
        1 => Ok(1),
        -1 => Ok(if exp % 2 == 0 { 1 } else { -1 }),
        // |base| >= 2: any exponent past 63 overflows.
        _ => u32::try_from(exp).ok().and_then(|e| base.checked_pow(e)).ok_or(Bail::Overflow),
    }
}

/// `int` vs `float` ordering exactly as CPython's `float_richcompare`
/// (no rounding of the int); `None` when the float is NaN.
pub fn cmp_int_float(i: i64, f: f64) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering::*;
    if f.is_nan() {
        return None;
    }
    let fi = i as f64;
    if fi < f {
        return Some(Less);
    }
    if fi > f {
        return Some(Greater);
    }
    // `i as f64` is integral, so `f` is too, and |f| <= 2**63 fits in i128.
    Some((i as i128).cmp(&(f as i128)))
}

/// Compares two tagged numbers (tag 1 = float bits, 0 = int) exactly.
pub fn cmp_num(at: u8, a: i64, bt: u8, b: i64) -> Option<std::cmp::Ordering> {
    let f = |bits: i64| f64::from_bits(bits as u64);
    match (at, bt) {
        (0, 0) => Some(a.cmp(&b)),
        (1, 1) => f(a).partial_cmp(&f(b)),
        (0, _) => cmp_int_float(a, f(b)),
        _ => cmp_int_float(b, f(a)).map(|o| o.reverse()),
    }
}

/// `math.atan2`, CPython's `m_atan2` (its own IEEE special cases).
pub fn atan2(y: f64, x: f64) -> f64 {
    use std::f64::consts::PI;
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if y.is_infinite() {
        if x.is_infinite() {
            return if x.is_sign_positive() { (0.25 * PI).copysign(y) } else { (0.75 * PI).copysign(y) };
        }
        return (0.5 * PI).copysign(y);
    }
    if x.is_infinite() || y == 0.0 {
        return if x.is_sign_positive() { 0.0f64.copysign(y) } else { PI.copysign(y) };
    }
    y.atan2(x)
}

/// `math.fmod` (`math_fmod`).
pub fn fmod(x: f64, y: f64) -> Result<f64, Bail> {
    if y.is_infinite() && x.is_finite() {
        return Ok(x);
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(Bail::MathError);
    }
    Ok(r)
}

/// `math.pow` (`math_pow`), which differs from `**` in its errors.
pub fn math_pow(x: f64, y: f64) -> Result<f64, Bail> {
    if !x.is_finite() || !y.is_finite() {
        return Ok(if x.is_nan() {
            if y == 0.0 { 1.0 } else { x }
        } else if y.is_nan() {
            if x == 1.0 { 1.0 } else { y }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && y.abs() % 2.0 == 1.0;
            if y > 0.0 {
                if odd_y { x } else { x.abs() }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if y > 0.0 && x.abs() > 1.0 {
            y
        } else if y < 0.0 && x.abs() < 1.0 {
            -y
        } else {
            0.0
        });
    }
    let r = x.powf(y);
    if r.is_finite() {
        Ok(r)
    } else if r.is_nan() || x == 0.0 {
        Err(Bail::MathError)
    } else {
        Err(Bail::Overflow)
    }
}

// ---------------------------------------------------------------- symbols

fn fail(ctx: *mut CallCtx, b: Bail) {
    // SAFETY: generated code always passes the live call context.
    unsafe { (*ctx).set_bail(b) }
}

pub extern "C" fn rf_float_pow(ctx: *mut CallCtx, a: f64, b: f64) -> f64 {
    float_pow(a, b).unwrap_or_else(|e| {
        fail(ctx, e);
        0.0
    })
}

pub extern "C" fn rf_float_floordiv(a: f64, b: f64) -> f64 {
    float_div_mod(a, b).0
}

pub extern "C" fn rf_float_mod(a: f64, b: f64) -> f64 {
    float_mod(a, b)
}

pub extern "C" fn rf_int_pow(ctx: *mut CallCtx, a: i64, b: i64) -> i64 {
    int_pow(a, b).unwrap_or_else(|e| {
        fail(ctx, e);
        0
    })
}

/// Ordering of two tagged numbers: -1, 0, 1, or 2 when unordered (NaN).
pub extern "C" fn rf_cmp_num(at: i8, a: i64, bt: i8, b: i64) -> i8 {
    match cmp_num(at as u8, a, bt as u8, b) {
        Some(o) => o as i8,
        None => 2,
    }
}

pub extern "C" fn rf_atan2(_ctx: *mut CallCtx, y: f64, x: f64) -> f64 {
    atan2(y, x)
}

pub extern "C" fn rf_fmod(ctx: *mut CallCtx, x: f64, y: f64) -> f64 {
    fmod(x, y).unwrap_or_else(|e| {
        fail(ctx, e);
        0.0
    })
}

pub extern "C" fn rf_math_pow(ctx: *mut CallCtx, x: f64, y: f64) -> f64 {
    math_pow(x, y).unwrap_or_else(|e| {
        fail(ctx, e);
        0.0
    })
}

/// The symbols above, for the JIT's symbol table.
pub fn symbols() -> [(&'static str, *const u8); 8] {
    [
        ("rf_float_pow", rf_float_pow as *const u8),
        ("rf_float_floordiv", rf_float_floordiv as *const u8),
        ("rf_float_mod", rf_float_mod as *const u8),
        ("rf_int_pow", rf_int_pow as *const u8),
        ("rf_cmp_num", rf_cmp_num as *const u8),
        ("rf_atan2", rf_atan2 as *const u8),
        ("rf_fmod", rf_fmod as *const u8),
        ("rf_math_pow", rf_math_pow as *const u8),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_pow_special_cases_match_cpython() {
        assert_eq!(float_pow(0.0, 0.0), Ok(1.0));
        assert!(float_pow(f64::NAN, 2.0).unwrap().is_nan());
        assert_eq!(float_pow(1.0, f64::NAN), Ok(1.0));
        assert_eq!(float_pow(-2.0, 3.0), Ok(-8.0));
        assert_eq!(float_pow(0.5, f64::INFINITY), Ok(0.0));
        assert_eq!(float_pow(-1.0, 1e300), Ok(1.0));
        assert_eq!(float_pow(0.0, -1.0), Err(Bail::ZeroDivision));
        assert_eq!(float_pow(-8.0, 1.0 / 3.0), Err(Bail::Unrepresentable));
        assert_eq!(float_pow(10.0, 400.0), Err(Bail::Overflow));
        let r = float_pow(f64::NEG_INFINITY, -3.0).unwrap();
        assert!(r == 0.0 && r.is_sign_negative());
    }

    #[test]
    fn float_floor_division_and_modulo_follow_the_divisor_sign() {
        assert_eq!(float_div_mod(7.0, -2.0), (-4.0, -1.0));
        assert_eq!(float_div_mod(-7.0, 2.0), (-4.0, 1.0));
        let (q, m) = float_div_mod(-0.0, 5.0);
        assert!(q == 0.0 && q.is_sign_negative() && m == 0.0 && m.is_sign_positive());
        let m = float_mod(6.0, -3.0);
        assert!(m == 0.0 && m.is_sign_negative());
        assert_eq!(float_mod(-1e-300, 1.0), 1.0);
        assert_eq!(float_div_mod(1.0, f64::INFINITY), (0.0, 1.0));
        assert_eq!(float_div_mod(-1.0, f64::INFINITY).0, -1.0);
    }

    #[test]
    fn int_float_comparison_is_exact_beyond_2_pow_53() {
        use std::cmp::Ordering::*;
        let big = (1i64 << 53) + 1;
        assert_eq!(cmp_int_float(big, 9007199254740992.0), Some(Greater));
        assert_eq!(cmp_int_float(i64::MAX, 9223372036854775808.0), Some(Less));
        assert_eq!(cmp_int_float(i64::MIN, -9223372036854775808.0), Some(Equal));
        assert_eq!(cmp_int_float(0, f64::NAN), None);
        assert_eq!(cmp_int_float(i64::MAX, f64::INFINITY), Some(Less));
        assert_eq!(cmp_num(1, 2.5f64.to_bits() as i64, 0, 2), Some(Greater));
    }

    #[test]
    fn math_two_argument_special_cases() {
        assert_eq!(atan2(f64::INFINITY, f64::INFINITY), std::f64::consts::FRAC_PI_4);
        assert_eq!(atan2(-0.0, -1.0), -std::f64::consts::PI);
        assert_eq!(fmod(3.0, f64::INFINITY), Ok(3.0));
        assert_eq!(fmod(f64::INFINITY, 3.0), Err(Bail::MathError));
        assert_eq!(math_pow(f64::INFINITY, -3.0).map(f64::is_sign_positive), Ok(true));
        assert_eq!(math_pow(0.5, f64::NEG_INFINITY), Ok(f64::INFINITY));
        assert_eq!(math_pow(0.0, -1.0), Err(Bail::MathError));
        assert_eq!(math_pow(10.0, 400.0), Err(Bail::Overflow));
        assert_eq!(math_pow(-8.0, 1.0 / 3.0), Err(Bail::MathError));
    }

    #[test]
    fn int_pow_detects_overflow() {
        assert_eq!(int_pow(2, 62), Ok(1 << 62));
        assert_eq!(int_pow(2, 63), Err(Bail::Overflow));
        assert_eq!(int_pow(-2, 63), Ok(i64::MIN));
        assert_eq!(int_pow(-1, i64::MAX), Ok(-1));
        assert_eq!(int_pow(-1, 1 << 32), Ok(1));
        assert_eq!(int_pow(2, 1 << 32), Err(Bail::Overflow));
        assert_eq!(int_pow(0, 0), Ok(1));
    }
}
