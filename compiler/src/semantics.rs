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
    let exp = u32::try_from(exp).unwrap_or(u32::MAX);
    match base {
        0 => Ok(if exp == 0 { 1 } else { 0 }),
        1 => Ok(1),
        -1 => Ok(if exp % 2 == 0 { 1 } else { -1 }),
        _ => base.checked_pow(exp).ok_or(Bail::Overflow),
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

/// The symbols above, for the JIT's symbol table.
pub fn symbols() -> [(&'static str, *const u8); 4] {
    [
        ("rf_float_pow", rf_float_pow as *const u8),
        ("rf_float_floordiv", rf_float_floordiv as *const u8),
        ("rf_float_mod", rf_float_mod as *const u8),
        ("rf_int_pow", rf_int_pow as *const u8),
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
    fn int_pow_detects_overflow() {
        assert_eq!(int_pow(2, 62), Ok(1 << 62));
        assert_eq!(int_pow(2, 63), Err(Bail::Overflow));
        assert_eq!(int_pow(-2, 63), Ok(i64::MIN));
        assert_eq!(int_pow(-1, i64::MAX), Ok(-1));
        assert_eq!(int_pow(0, 0), Ok(1));
    }
}
