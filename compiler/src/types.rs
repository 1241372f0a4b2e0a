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

    /// Holds a Python object reference (directly or inside a tuple), so
    /// generated code must manage a reference count for it.
    pub fn holds_refs(&self) -> bool {
        match self {
            Ty::List(_) | Ty::Str | Ty::Bytes => true,
            Ty::Tuple(ts) => ts.iter().any(Ty::holds_refs),
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

/// The number types of a dict key's parts, or `None` for key types native
/// dicts do not take (only numbers and flat tuples of numbers).
pub fn key_parts(key: &Ty) -> Option<Vec<Ty>> {
    let scalar = |t: &Ty| t.is_numeric() || *t == Ty::Unknown;
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
