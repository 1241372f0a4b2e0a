//! Static types of the subset and their lattice.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ty {
    /// Not known yet (inference in progress), or the element of a list
    /// nothing was ever seen in.
    Unknown,
    /// What a function that never returns (always raises) gives back.
    Never,
    None,
    Bool,
    Int,
    Float,
    /// An int or a float, decided at run time: a tag travels with the value so
    /// a variable that is `0` on one path and `0.5` on another keeps CPython's
    /// exact type.
    Num,
    List(Box<Ty>),
    Tuple(Vec<Ty>),
    /// A native dict (`dict.rs`): keys are numbers or tuples of numbers,
    /// values numbers. Boxed into a real dict where it leaves native code.
    Dict(Box<Ty>, Box<Ty>),
    /// A Python `str`, read in place and never mutated.
    Str,
    /// A Python `bytes`, read in place.
    Bytes,
    /// A `numpy.ndarray` of this element type and 1 or 2 dimensions, read
    /// and written in place through the buffer protocol (a borrowed view:
    /// data pointer, shape and strides).
    Array(Dtype, u8, Layout),
    /// A numpy scalar (`numpy.float64`, ...), with numpy's arithmetic.
    Np(Dtype),
    /// A numpy scalar of this dtype or the Python number of the same kind
    /// (`float` for float dtypes, `int` for int dtypes, `bool`), decided at
    /// run time by a tag: `total = 0.0; total += a[i]` is one of these.
    MaybeNp(Dtype),
}

/// How an array's last axis is laid out: unit stride (contiguous rows, the
/// common case: addresses need no multiply) or any stride.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    UnitStride,
    Strided,
}

/// Element types of numpy arrays and numpy scalars the subset handles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dtype {
    F64,
    F32,
    I64,
    I32,
    /// `numpy.bool_`, the result of comparing numpy scalars (no arrays).
    Bool,
}

impl Dtype {
    pub fn is_float(self) -> bool {
        matches!(self, Dtype::F64 | Dtype::F32)
    }

    pub fn is_int(self) -> bool {
        matches!(self, Dtype::I64 | Dtype::I32)
    }

    /// The Python type a `MaybeNp` of this dtype holds when it is not numpy.
    pub fn py_kind(self) -> Ty {
        match self {
            Dtype::F64 | Dtype::F32 => Ty::Float,
            Dtype::I64 | Dtype::I32 => Ty::Int,
            Dtype::Bool => Ty::Bool,
        }
    }

    /// Bytes per element in an array.
    pub fn itemsize(self) -> i64 {
        match self {
            Dtype::F64 | Dtype::I64 => 8,
            Dtype::F32 | Dtype::I32 => 4,
            Dtype::Bool => 1,
        }
    }

    /// The number generated code passes to the host for this dtype.
    pub fn code(self) -> i64 {
        match self {
            Dtype::F64 => 0,
            Dtype::F32 => 1,
            Dtype::I64 => 2,
            Dtype::I32 => 3,
            Dtype::Bool => 4,
        }
    }

    pub fn from_code(code: i64) -> Option<Dtype> {
        Some(match code {
            0 => Dtype::F64,
            1 => Dtype::F32,
            2 => Dtype::I64,
            3 => Dtype::I32,
            4 => Dtype::Bool,
            _ => return None,
        })
    }

    /// numpy's name for it.
    pub fn name(self) -> &'static str {
        match self {
            Dtype::F64 => "float64",
            Dtype::F32 => "float32",
            Dtype::I64 => "int64",
            Dtype::I32 => "int32",
            Dtype::Bool => "bool",
        }
    }

    /// The dtype numpy gives the result of an operation on two numpy
    /// scalars of these dtypes (`numpy.result_type`).
    pub fn promote(self, other: Dtype) -> Dtype {
        use Dtype::*;
        match (self, other) {
            (a, b) if a == b => a,
            (Bool, x) | (x, Bool) => x,
            (F64, _) | (_, F64) => F64,
            (F32, F32) => F32,
            (F32, _) | (_, F32) => F64,
            _ => I64,
        }
    }
}

impl Ty {
    pub fn list(elem: Ty) -> Ty {
        Ty::List(Box::new(elem))
    }

    pub fn dict(key: Ty, value: Ty) -> Ty {
        Ty::Dict(Box::new(key), Box::new(value))
    }

    pub fn is_numeric(&self) -> bool {
        matches!(self, Ty::Bool | Ty::Int | Ty::Float | Ty::Num)
    }

    /// A numpy scalar, or maybe one (`Np` / `MaybeNp`): its dtype.
    pub fn np_dtype(&self) -> Option<Dtype> {
        match self {
            Ty::Np(d) | Ty::MaybeNp(d) => Some(*d),
            _ => None,
        }
    }

    /// Holds a Python object reference (directly or inside a tuple), so
    /// generated code must manage a reference count for it.
    pub fn holds_refs(&self) -> bool {
        match self {
            Ty::List(_) | Ty::Str | Ty::Bytes => true,
            Ty::Tuple(ts) => ts.iter().any(Ty::holds_refs),
            _ => false,
        }
    }

    /// What `k` indices into an array give: an element (a numpy scalar) or,
    /// with fewer indices than dimensions, a view of the remaining ones.
    pub fn array_indexed(&self, k: usize) -> Ty {
        let Ty::Array(d, ndim, layout) = *self else { unreachable!("an array: {self}") };
        if k == ndim as usize {
            Ty::Np(d)
        } else {
            Ty::Array(d, ndim - k as u8, layout)
        }
    }

    /// A numpy array view, alone or inside a tuple: it lives only inside
    /// native code (no Python object to box it into).
    pub fn contains_array(&self) -> bool {
        match self {
            Ty::Array(..) => true,
            Ty::Tuple(ts) => ts.iter().any(Ty::contains_array),
            Ty::List(e) => e.contains_array(),
            Ty::Dict(k, v) => k.contains_array() || v.contains_array(),
            _ => false,
        }
    }

    /// A dict, alone or inside a tuple.
    pub fn contains_dict(&self) -> bool {
        match self {
            Ty::Dict(..) => true,
            Ty::Tuple(ts) => ts.iter().any(Ty::contains_dict),
            _ => false,
        }
    }

    pub fn has_unknown(&self) -> bool {
        match self {
            Ty::Unknown => true,
            Ty::List(_) => false,
            Ty::Tuple(ts) => ts.iter().any(Ty::has_unknown),
            _ => false,
        }
    }
}

/// The least type holding both, or `None` where the subset has no such type
/// (for example a variable that is a list on one path and an int on another).
pub fn join(a: &Ty, b: &Ty) -> Option<Ty> {
    use Ty::*;
    Some(match (a, b) {
        (Unknown, x) | (x, Unknown) | (Never, x) | (x, Never) => x.clone(),
        (x, y) if x == y => x.clone(),
        (Int | Float | Num, Int | Float | Num) => Num,
        (List(x), List(y)) => Ty::list(join(x, y)?),
        (Array(d, n, _), Array(e, m, _)) if d == e && n == m => Array(*d, *n, Layout::Strided),
        (Np(d) | MaybeNp(d), MaybeNp(e)) | (MaybeNp(d), Np(e)) if d == e => MaybeNp(*d),
        (Np(d) | MaybeNp(d), x) | (x, Np(d) | MaybeNp(d)) if *x == d.py_kind() => MaybeNp(*d),
        (Dict(k, v), Dict(k2, v2)) => Ty::dict(join(k, k2)?, join(v, v2)?),
        (Tuple(xs), Tuple(ys)) if xs.len() == ys.len() => {
            Tuple(xs.iter().zip(ys).map(|(x, y)| join(x, y)).collect::<Option<_>>()?)
        }
        _ => return Option::None,
    })
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::Unknown => write!(f, "?"),
            Ty::Never => write!(f, "NoReturn"),
            Ty::None => write!(f, "None"),
            Ty::Bool => write!(f, "bool"),
            Ty::Int => write!(f, "int"),
            Ty::Float => write!(f, "float"),
            Ty::Num => write!(f, "int|float"),
            Ty::List(e) => write!(f, "list[{e}]"),
            Ty::Dict(k, v) => write!(f, "dict[{k}, {v}]"),
            Ty::Str => write!(f, "str"),
            Ty::Bytes => write!(f, "bytes"),
            Ty::Array(d, n, Layout::UnitStride) => write!(f, "ndarray[{}, {n}d]", d.name()),
            Ty::Array(d, n, Layout::Strided) => write!(f, "ndarray[{}, {n}d, strided]", d.name()),
            Ty::Np(d) => write!(f, "numpy.{}", d.name()),
            Ty::MaybeNp(d) => write!(f, "{}|numpy.{}", d.py_kind(), d.name()),
            Ty::Tuple(ts) => {
                write!(f, "tuple[")?;
                for (i, t) in ts.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{t}")?;
                }
                write!(f, "]")
            }
        }
    }
}

/// The types of a dict key's parts, or `None` for key types native dicts
/// do not take (only numbers, strs and flat tuples of those).
pub fn key_parts(key: &Ty) -> Option<Vec<Ty>> {
    let scalar = |t: &Ty| t.is_numeric() || matches!(t, Ty::Str | Ty::Unknown);
    match key {
        Ty::Tuple(ts) if !ts.is_empty() && ts.len() <= 8 && ts.iter().all(scalar) => Some(ts.clone()),
        t if scalar(t) => Some(vec![t.clone()]),
        _ => None,
    }
}

/// Formats an argument-type signature as `(list[float], int)`.
pub fn signature_string(tys: &[Ty]) -> String {
    let parts: Vec<String> = tys.iter().map(|t| t.to_string()).collect();
    format!("({})", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_widens_numbers_and_list_elements() {
        assert_eq!(join(&Ty::Int, &Ty::Float), Some(Ty::Num));
        assert_eq!(join(&Ty::Unknown, &Ty::Int), Some(Ty::Int));
        assert_eq!(join(&Ty::list(Ty::Unknown), &Ty::list(Ty::Float)), Some(Ty::list(Ty::Float)));
        assert_eq!(join(&Ty::list(Ty::Int), &Ty::list(Ty::Float)), Some(Ty::list(Ty::Num)));
        assert_eq!(join(&Ty::Bool, &Ty::Int), None);
        assert_eq!(join(&Ty::list(Ty::Float), &Ty::Float), None);
        assert_eq!(signature_string(&[Ty::list(Ty::Float), Ty::Int]), "(list[float], int)");
    }
}
