//! Argument classification at the boundary: the type signature of a call
//! (a compact byte string, compared on every call) and the unboxed values
//! the native entry reads (one u64 slot per machine value).
//!
//! Written verbatim into `rustify-ml accelerate`'s standalone crates too, so
//! it names only `crate::types` and pyo3.

use pyo3::ffi;
use crate::types::Ty;

const INT: u8 = b'i';
const FLOAT: u8 = b'f';
const BOOL: u8 = b'b';
const NONE: u8 = b'n';
const LIST: u8 = b'L';
const TUPLE: u8 = b'T';
const STR: u8 = b's';
const BYTES: u8 = b'y';
/// Element of a list that was empty when seen.
const UNKNOWN: u8 = b'?';

pub const MAX_SIG: usize = 64;
pub const MAX_SLOTS: usize = 32;

/// A call's signature and unboxed argument slots, on the stack.
pub struct Args {
    pub sig: [u8; MAX_SIG],
    pub sig_len: usize,
    pub slots: [u64; MAX_SLOTS],
    pub nslots: usize,
}

/// Why an argument has no native representation.
pub struct Unsupported(pub String);

impl Args {
    pub fn new() -> Self {
        Args { sig: [0; MAX_SIG], sig_len: 0, slots: [0; MAX_SLOTS], nslots: 0 }
    }

    pub fn signature(&self) -> &[u8] {
        &self.sig[..self.sig_len]
    }

    fn code(&mut self, c: u8) -> Result<(), Unsupported> {
        if self.sig_len == MAX_SIG {
            return Err(Unsupported("arguments nest too deeply".into()));
        }
        self.sig[self.sig_len] = c;
        self.sig_len += 1;
        Ok(())
    }

    fn slot(&mut self, v: u64) -> Result<(), Unsupported> {
        if self.nslots == MAX_SLOTS {
            return Err(Unsupported("too many argument values".into()));
        }
        self.slots[self.nslots] = v;
        self.nslots += 1;
        Ok(())
    }

    /// Adds one argument: its type code(s) and its slot(s).
    ///
    /// # Safety
    /// `obj` is a live object and the GIL is held.
    pub unsafe fn push(&mut self, obj: *mut ffi::PyObject) -> Result<(), Unsupported> {
        let t = ffi::Py_TYPE(obj);
        if t == &raw mut ffi::PyFloat_Type {
            self.code(FLOAT)?;
            self.slot(ffi::PyFloat_AS_DOUBLE(obj).to_bits())
        } else if t == &raw mut ffi::PyLong_Type {
            let mut overflow = 0;
            let v = ffi::PyLong_AsLongLongAndOverflow(obj, &mut overflow);
            if overflow != 0 {
                return Err(Unsupported("an int argument beyond 64 bits".into()));
            }
            self.code(INT)?;
            self.slot(v as u64)
        } else if t == &raw mut ffi::PyBool_Type {
            self.code(BOOL)?;
            self.slot((obj == ffi::Py_True()) as u64)
        } else if obj == ffi::Py_None() {
            self.code(NONE)
        } else if t == &raw mut ffi::PyList_Type {
            self.code(LIST)?;
            self.list_elem(obj)?;
            self.slot(obj as u64)
        } else if t == &raw mut ffi::PyUnicode_Type {
            self.code(STR)?;
            self.slot(obj as u64)
        } else if t == &raw mut ffi::PyBytes_Type {
            self.code(BYTES)?;
            self.slot(obj as u64)
        } else if t == &raw mut ffi::PyTuple_Type {
            let n = ffi::PyTuple_GET_SIZE(obj);
            if n > 16 {
                return Err(Unsupported("tuples longer than 16".into()));
            }
            self.code(TUPLE)?;
            self.code(n as u8)?;
            for i in 0..n {
                self.push(ffi::PyTuple_GET_ITEM(obj, i))?;
            }
            Ok(())
        } else {
            let name = std::ffi::CStr::from_ptr((*t).tp_name).to_string_lossy().into_owned();
            Err(Unsupported(format!("an argument of type {name}")))
        }
    }

    /// The element code of a list, from its first item: native code checks
    /// every item it reads, so one look is enough to specialise.
    unsafe fn list_elem(&mut self, list: *mut ffi::PyObject) -> Result<(), Unsupported> {
        if ffi::PyList_GET_SIZE(list) == 0 {
            return self.code(UNKNOWN);
        }
        self.item_code(ffi::PyList_GET_ITEM(list, 0))
    }

    /// The code of a list item (or of an item of a tuple inside a list).
    unsafe fn item_code(&mut self, item: *mut ffi::PyObject) -> Result<(), Unsupported> {
        let t = ffi::Py_TYPE(item);
        if t == &raw mut ffi::PyFloat_Type {
            self.code(FLOAT)
        } else if t == &raw mut ffi::PyLong_Type {
            self.code(INT)
        } else if t == &raw mut ffi::PyBool_Type {
            self.code(BOOL)
        } else if t == &raw mut ffi::PyList_Type {
            self.code(LIST)?;
            self.list_elem(item)
        } else if t == &raw mut ffi::PyTuple_Type && (1..=8).contains(&ffi::PyTuple_GET_SIZE(item)) {
            let n = ffi::PyTuple_GET_SIZE(item);
            self.code(TUPLE)?;
            self.code(n as u8)?;
            for i in 0..n {
                let part = ffi::PyTuple_GET_ITEM(item, i);
                if ffi::Py_TYPE(part) == &raw mut ffi::PyList_Type {
                    return Err(Unsupported("a list of tuples holding lists".into()));
                }
                self.item_code(part)?;
            }
            Ok(())
        } else {
            let name = std::ffi::CStr::from_ptr((*t).tp_name).to_string_lossy().into_owned();
            Err(Unsupported(format!("a list of {name}")))
        }
    }
}

/// The compiler's types for a signature made by [`Args::push`].
pub fn decode(sig: &[u8]) -> Vec<Ty> {
    fn one(sig: &[u8], at: &mut usize) -> Ty {
        let c = sig[*at];
        *at += 1;
        match c {
            INT => Ty::Int,
            FLOAT => Ty::Float,
            BOOL => Ty::Bool,
            NONE => Ty::None,
            STR => Ty::Str,
            BYTES => Ty::Bytes,
            UNKNOWN => Ty::Unknown,
            LIST => Ty::list(one(sig, at)),
            TUPLE => {
                let n = sig[*at] as usize;
                *at += 1;
                Ty::Tuple((0..n).map(|_| one(sig, at)).collect())
            }
            _ => unreachable!("signature byte {c}"),
        }
    }
    let mut at = 0;
    let mut out = Vec::new();
    while at < sig.len() {
        out.push(one(sig, &mut at));
    }
    out
}
