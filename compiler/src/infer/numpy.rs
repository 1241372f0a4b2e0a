//! Typing of numpy arrays and numpy scalars (NumPy 2 semantics, NEP 50):
//! element access, shapes, and the promotion rules of mixed arithmetic.
//!
//! A numpy scalar op a Python number treats the Python number as "weak"
//! (`float32 + 1.0` stays float32, `int32 + 2**40` raises OverflowError);
//! two numpy scalars promote like `numpy.result_type`. A variable that holds
//! a Python number on one path and a numpy scalar on another is `MaybeNp`,
//! whose run-time tag picks the semantics of each operation.

use super::{cast, FnLower, R};
use crate::ir::{Arith, Cmp, Expr, ExprKind as K, Stmt};
use crate::syntax::{self as syn, BinOp, ExprKind as S};
use crate::types::{Dtype, Ty};
use crate::Reject;

/// What one operand is at run time: a Python number or a numpy scalar.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Py(PyNum),
    Np(Dtype),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum PyNum {
    Bool,
    Int,
    Float,
}

/// Every kind a value of `ty` may be at run time, or `None` when it is not
/// a number this module types.
fn kinds(ty: &Ty) -> Option<Vec<Kind>> {
    Some(match ty {
        Ty::Bool => vec![Kind::Py(PyNum::Bool)],
        Ty::Int => vec![Kind::Py(PyNum::Int)],
        Ty::Float => vec![Kind::Py(PyNum::Float)],
        Ty::Np(d) => vec![Kind::Np(*d)],
        Ty::MaybeNp(d) => vec![Kind::Py(py_num(*d)), Kind::Np(*d)],
        _ => return None,
    })
}

fn py_num(d: Dtype) -> PyNum {
    match d {
        Dtype::F64 | Dtype::F32 => PyNum::Float,
        Dtype::I64 | Dtype::I32 => PyNum::Int,
        Dtype::Bool => PyNum::Bool,
    }
}

/// The dtype a Python number takes next to a numpy scalar of dtype `d`.
fn weak(py: PyNum, d: Dtype) -> Dtype {
    match (py, d) {
        (PyNum::Bool, d) => d.promote(Dtype::Bool),
        (PyNum::Int, Dtype::Bool) => Dtype::I64,
        (PyNum::Int, d) => d,
        (PyNum::Float, d) if d.is_float() => d,
        (PyNum::Float, _) => Dtype::F64,
    }
}

/// The kind of `a op b` for concrete kinds; `None` where the subset leaves
/// the combination to CPython.
fn result_kind(op: Arith, a: Kind, b: Kind) -> Option<Kind> {
    let d = match (a, b) {
        (Kind::Py(x), Kind::Py(y)) => {
            let float = x == PyNum::Float || y == PyNum::Float || op == Arith::Div;
            if op == Arith::Pow && !float {
                return None;
            }
            return Some(Kind::Py(if float { PyNum::Float } else { PyNum::Int }));
        }
        (Kind::Np(Dtype::Bool), _) | (_, Kind::Np(Dtype::Bool)) => return None,
        (Kind::Np(x), Kind::Np(y)) => x.promote(y),
        (Kind::Np(x), Kind::Py(p)) | (Kind::Py(p), Kind::Np(x)) => weak(p, x),
    };
    match op {
        Arith::Div if !d.is_float() => Some(Kind::Np(Dtype::F64)),
        // numpy computes these in float32 arithmetic (fmodf): rounding a
        // float64 result could differ.
        Arith::FloorDiv | Arith::Mod if d == Dtype::F32 => None,
        Arith::Pow if !d.is_float() => None,
        Arith::Add | Arith::Sub | Arith::Mul | Arith::Div | Arith::FloorDiv | Arith::Mod | Arith::Pow => {
            Some(Kind::Np(d))
        }
        _ => None,
    }
}

/// The static type of `a op b` over every combination of run-time kinds:
/// one numpy dtype whenever a numpy scalar is involved, and that dtype's
/// Python kind when neither operand is one (`MaybeNp`).
fn np_result(op: Arith, a: &Ty, b: &Ty) -> Option<Ty> {
    let (ka, kb) = (kinds(a)?, kinds(b)?);
    let mut np: Option<Dtype> = None;
    let mut py: Option<PyNum> = None;
    for &x in &ka {
        for &y in &kb {
            match result_kind(op, x, y)? {
                Kind::Np(d) if np.is_none_or(|e| e == d) => np = Some(d),
                Kind::Py(p) => py = Some(p),
                Kind::Np(_) => return None,
            }
        }
    }
    let d = np?;
    match py {
        None => Some(Ty::Np(d)),
        Some(p) if p == py_num(d) => Some(Ty::MaybeNp(d)),
        Some(_) => None,
    }
}

/// `operand` brought into the dtype family `d` of an operation: a numpy
/// scalar stays (certainly) numpy, anything else becomes `MaybeNp(d)`.
fn into_family(e: Expr, d: Dtype) -> Expr {
    let to = match e.ty {
        Ty::Np(_) => Ty::Np(d),
        _ => Ty::MaybeNp(d),
    };
    cast(e, to)
}

impl FnLower<'_, '_> {
    /// `a op b` where an operand is a numpy scalar (or maybe one).
    pub(super) fn np_binary(&mut self, op: Arith, a: Expr, b: Expr, line: u32) -> R<Expr> {
        let ty = np_result(op, &a.ty, &b.ty)
            .ok_or_else(|| Reject::new(line, format!("{op:?} of {} and {} is not supported", a.ty, b.ty)))?;
        let d = ty.np_dtype().expect("a numpy type");
        let (a, b) = (into_family(a, d), into_family(b, d));
        Ok(Expr { kind: K::NpArith(op, Box::new(a), Box::new(b)), ty, line })
    }

    /// `a < b` and friends where an operand is a numpy scalar: numpy
    /// compares in the dtype the two promote to, giving a `numpy.bool_`.
    pub(super) fn np_compare(&mut self, op: Cmp, a: Expr, b: Expr, line: u32) -> R<Expr> {
        let family = np_result(Arith::Add, &a.ty, &b.ty)
            .ok_or_else(|| Reject::new(line, format!("comparing {} with {} is not supported", a.ty, b.ty)))?;
        let d = family.np_dtype().expect("a numpy type");
        let ty = match family {
            Ty::Np(_) => Ty::Np(Dtype::Bool),
            _ => Ty::MaybeNp(Dtype::Bool),
        };
        let (a, b) = (into_family(a, d), into_family(b, d));
        Ok(Expr { kind: K::NpCompare(op, Box::new(a), Box::new(b)), ty, line })
    }

    /// The indices of `a[index]` (`a[i, j]` has two), each an int.
    pub(super) fn array_indices(&mut self, ndim: u8, index: &syn::Expr, line: u32) -> R<Vec<Expr>> {
        let parts: Vec<&syn::Expr> = match &index.kind {
            S::Tuple(items) => items.iter().collect(),
            _ => vec![index],
        };
        if parts.is_empty() || parts.len() > ndim as usize {
            return Err(Reject::new(line, format!("{} indices into a {ndim}-d array are not supported", parts.len())));
        }
        let mut out = Vec::new();
        for p in parts {
            let i = self.expr(p)?;
            out.push(match &i.ty {
                Ty::Int | Ty::Unknown => i,
                Ty::Np(d) | Ty::MaybeNp(d) if d.is_int() => cast(i, Ty::Int),
                // numpy treats a bool as a mask, a float as an error.
                t => return Err(Reject::new(line, format!("array indices must be integers (got {t})"))),
            });
        }
        Ok(out)
    }

    /// `a[i]` / `a[i, j]`: an element, or a row of a 2-d array.
    pub(super) fn array_get(&mut self, array: Expr, index: &syn::Expr, line: u32) -> R<Expr> {
        let Ty::Array(_, ndim, _) = array.ty else { unreachable!("an array") };
        let indices = self.array_indices(ndim, index, line)?;
        if indices.iter().any(|i| i.ty == Ty::Unknown) {
            return Ok(Self::unknown(line));
        }
        let ty = array.ty.array_indexed(indices.len());
        Ok(Expr { kind: K::ArrayGet(Box::new(array), indices), ty, line })
    }

    /// `a[i] = value`: numpy converts the value to the array's dtype; the
    /// subset takes the conversions that keep the value (ints into any
    /// array, floats into float arrays).
    pub(super) fn array_set(&mut self, array: Expr, indices: Vec<Expr>, value: Expr, line: u32) -> R<Stmt> {
        let Ty::Array(d, ndim, _) = array.ty else { unreachable!("an array") };
        if indices.len() != ndim as usize {
            return Err(Reject::new(line, "assigning a whole row of an array is not supported"));
        }
        if value.ty == Ty::Unknown || indices.iter().any(|i| i.ty == Ty::Unknown) {
            return Ok(Stmt::Expr(value));
        }
        let float_value = match &value.ty {
            Ty::Bool | Ty::Int => false,
            Ty::Float => true,
            Ty::Np(v) | Ty::MaybeNp(v) if *v != Dtype::Bool => v.is_float(),
            t => return Err(Reject::new(line, format!("storing {t} into an array is not supported"))),
        };
        if float_value && !d.is_float() {
            return Err(Reject::new(line, format!("storing a float into an {} array is not supported", d.name())));
        }
        Ok(Stmt::ArraySet { array, indices, value })
    }

    /// `a[i] op= value`: the array and its indices evaluated once.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn array_aug_assign(
        &mut self,
        array: Expr,
        ndim: u8,
        index: &syn::Expr,
        op: BinOp,
        value: &syn::Expr,
        line: u32,
        out: &mut Vec<Stmt>,
    ) -> R<()> {
        let ta = self.temp("array");
        out.push(self.assign_var(ta, array, line)?);
        let mut held = Vec::new();
        for i in self.array_indices(ndim, index, line)? {
            let t = self.temp("index");
            out.push(self.assign_var(t, i, line)?);
            held.push(t);
        }
        let read = |me: &mut Self| -> (Expr, Vec<Expr>) {
            (me.read_var(ta, line), held.iter().map(|&t| me.read_var(t, line)).collect())
        };
        let (a, indices) = read(self);
        if a.ty == Ty::Unknown || indices.iter().any(|i| i.ty == Ty::Unknown) {
            return Ok(());
        }
        let ty = a.ty.array_indexed(indices.len());
        let cur = Expr { kind: K::ArrayGet(Box::new(a), indices), ty, line };
        let rhs = self.expr(value)?;
        let e = self.binary(op, cur, rhs, line)?;
        let (a, indices) = read(self);
        out.push(self.array_set(a, indices, e, line)?);
        Ok(())
    }

    /// `a.shape`, `a.size`, `a.ndim`.
    pub(super) fn array_attr(&mut self, array: Expr, attr: &str, line: u32) -> R<Expr> {
        let Ty::Array(_, ndim, _) = array.ty else { unreachable!("an array") };
        let int = |kind| Expr { kind, ty: Ty::Int, line };
        let dim = |k: usize| int(K::ArrayDim(Box::new(array.clone()), k));
        Ok(match attr {
            "shape" => {
                let dims: Vec<Expr> = (0..ndim as usize).map(dim).collect();
                Expr { kind: K::TupleNew(dims), ty: Ty::Tuple(vec![Ty::Int; ndim as usize]), line }
            }
            "size" => (1..ndim as usize).fold(dim(0), |acc, k| int(K::Arith(Arith::Mul, Box::new(acc), Box::new(dim(k))))),
            "ndim" => int(K::Int(ndim as i64)),
            _ => return Err(Reject::new(line, format!("array attribute `.{attr}` is not supported"))),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(a: Ty, b: Ty) -> Option<Ty> {
        np_result(Arith::Add, &a, &b)
    }

    #[test]
    fn python_numbers_are_weak_next_to_numpy_scalars() {
        use Dtype::*;
        assert_eq!(add(Ty::Np(F32), Ty::Float), Some(Ty::Np(F32)));
        assert_eq!(add(Ty::Np(I32), Ty::Int), Some(Ty::Np(I32)));
        assert_eq!(add(Ty::Np(I32), Ty::Float), Some(Ty::Np(F64)));
        assert_eq!(add(Ty::Np(Bool), Ty::Int), None);
        assert_eq!(add(Ty::Np(F32), Ty::Np(I64)), Some(Ty::Np(F64)));
        assert_eq!(add(Ty::Np(I32), Ty::Np(I64)), Some(Ty::Np(I64)));
        assert_eq!(np_result(Arith::Div, &Ty::Np(I64), &Ty::Int), Some(Ty::Np(F64)));
        assert_eq!(np_result(Arith::Pow, &Ty::Np(I64), &Ty::Int), None);
        assert_eq!(np_result(Arith::BitAnd, &Ty::Np(I64), &Ty::Int), None);
    }

    #[test]
    fn maybe_numpy_keeps_one_dtype_or_is_refused() {
        use Dtype::*;
        // float + np.float64 is np.float64; float + float stays float.
        assert_eq!(add(Ty::MaybeNp(F64), Ty::Float), Some(Ty::MaybeNp(F64)));
        assert_eq!(add(Ty::MaybeNp(F64), Ty::Np(F64)), Some(Ty::Np(F64)));
        // int / int is a float, np.int64 / int an np.float64.
        assert_eq!(np_result(Arith::Div, &Ty::MaybeNp(I64), &Ty::Int), Some(Ty::MaybeNp(F64)));
        // float32 + int is float32 but float + int64 is float64: no one type.
        assert_eq!(add(Ty::MaybeNp(F32), Ty::MaybeNp(I64)), None);
        // int + float32 is float32 but np.int32 + float is float64.
        assert_eq!(add(Ty::MaybeNp(I32), Ty::MaybeNp(F32)), None);
        assert_eq!(add(Ty::MaybeNp(F64), Ty::MaybeNp(I64)), Some(Ty::MaybeNp(F64)));
    }
}
