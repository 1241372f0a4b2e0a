//! The contract between generated code and its host: the per-call context,
//! bail-out codes, the CPython object layout it reads in place, and the host
//! functions it calls by name. The compiler knows the layout as numbers only;
//! the runtime fills them in from the running interpreter and checks them.

use std::fmt;

/// Why a native call handed the call back to CPython.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum Bail {
    /// A `raise` statement or an empty `min()`/`max()`.
    Raise = 1,
    AssertFailed = 2,
    Unbound = 3,
    IndexError = 4,
    ZeroDivision = 5,
    /// An int result beyond 64 bits, or a float too large (OverflowError).
    Overflow = 6,
    /// A list item of another type than the compiled code expects.
    TypeGuard = 7,
    /// A `math` function's domain or range error.
    MathError = 8,
    Recursion = 9,
    /// The interpreter reported an error inside a host call.
    HostError = 10,
    /// A value native code cannot represent (complex result, NaN to int).
    Unrepresentable = 11,
    /// `range()` step 0, negative shift count, `max()` of an empty dict.
    ValueError = 12,
    /// A dict lookup of an absent key.
    KeyError = 13,
    /// A dict changed size while a loop iterated over it (RuntimeError).
    DictResized = 14,
    /// numpy would warn (overflow, division by zero, invalid value) or
    /// raise (a Python int out of an int32's range).
    NumpyStatus = 15,
}

impl Bail {
    pub fn from_code(code: u32) -> Option<Bail> {
        use Bail::*;
        Some(match code {
            1 => Raise,
            2 => AssertFailed,
            3 => Unbound,
            4 => IndexError,
            5 => ZeroDivision,
            6 => Overflow,
            7 => TypeGuard,
            8 => MathError,
            9 => Recursion,
            10 => HostError,
            11 => Unrepresentable,
            12 => ValueError,
            13 => KeyError,
            14 => DictResized,
            15 => NumpyStatus,
            _ => return None,
        })
    }
}

impl fmt::Display for Bail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            Bail::Raise => "the function raised",
            Bail::AssertFailed => "an assertion failed",
            Bail::Unbound => "a local variable was read before assignment",
            Bail::IndexError => "an index was out of range",
            Bail::ZeroDivision => "a division by zero",
            Bail::Overflow => "an int outgrew 64 bits or a float overflowed",
            Bail::TypeGuard => "a list held an item of another type",
            Bail::MathError => "a math domain or range error",
            Bail::Recursion => "recursion went deeper than the native limit",
            Bail::HostError => "the interpreter reported an error",
            Bail::Unrepresentable => "a result native code cannot represent",
            Bail::ValueError => "an invalid argument (ValueError)",
            Bail::KeyError => "a dict key was missing (KeyError)",
            Bail::DictResized => "a dict changed size during iteration",
            Bail::NumpyStatus => "numpy would warn or raise (overflow, division by zero, invalid value)",
        };
        f.write_str(s)
    }
}

/// Per-call state, passed as the first argument of every generated function.
#[repr(C)]
#[derive(Debug)]
pub struct CallCtx {
    /// 0 while the call is fine, else the [`Bail`] code of the failure;
    /// generated code leaves the call as soon as it sets one.
    pub bail: u32,
    /// Native call depth, for recursion.
    pub depth: u32,
    pub depth_limit: u32,
    /// Non-zero: the entry of a program that touches no Python object
    /// releases the GIL around its work (set by the boundary per call).
    pub release_gil: u32,
    /// Host-owned state (the runtime's undo journal).
    pub host: *mut std::ffi::c_void,
    /// Recursive native code bails out when its stack pointer goes below
    /// this address (0: no limit).
    pub stack_limit: u64,
    /// The native dicts this call created (`dict.rs`), freed when it ends.
    pub dicts: *mut std::ffi::c_void,
}

impl CallCtx {
    pub const BAIL_OFFSET: i32 = 0;
    pub const DEPTH_OFFSET: i32 = 4;
    pub const DEPTH_LIMIT_OFFSET: i32 = 8;
    pub const RELEASE_GIL_OFFSET: i32 = 12;
    pub const STACK_LIMIT_OFFSET: i32 = 24;
    pub const DICTS_OFFSET: i32 = 32;

    pub fn new(depth_limit: u32, host: *mut std::ffi::c_void) -> Self {
        CallCtx { bail: 0, depth: 0, depth_limit, release_gil: 0, host, stack_limit: 0, dicts: std::ptr::null_mut() }
    }

    /// Records a failure (from a helper), keeping an earlier one.
    pub fn set_bail(&mut self, b: Bail) {
        if self.bail == 0 {
            self.bail = b as u32;
        }
    }

    pub fn bailed(&self) -> Option<Bail> {
        Bail::from_code(self.bail)
    }
}

/// Where CPython keeps things (64-bit, non-debug, GIL builds: the same from
/// 3.8 to 3.13). The runtime verifies these against its own headers.
pub mod layout {
    pub const OB_REFCNT: i32 = 0;
    pub const OB_TYPE: i32 = 8;
    /// `ob_size` of a variable-size object: a list's length.
    pub const OB_SIZE: i32 = 16;
    /// `PyListObject.ob_item`: pointer to the item array.
    pub const LIST_ITEMS: i32 = 24;
    /// `PyListObject.allocated`: room in the item array.
    pub const LIST_ALLOCATED: i32 = 32;
    /// `PyFloatObject.ob_fval`.
    pub const FLOAT_VALUE: i32 = 16;
    /// `PyTupleObject.ob_item`: the items themselves, inline.
    pub const TUPLE_ITEMS: i32 = 24;
    /// `PyBytesObject.ob_sval`: the bytes, inline.
    pub const BYTES_DATA: i32 = 32;
    /// `PyLongObject.ob_digit[0]` (CPython <= 3.11).
    pub const INT_DIGIT0: i32 = 24;
}

/// Addresses of the interpreter's singletons and type objects.
#[derive(Debug, Clone, Copy)]
pub struct Objects {
    pub float_type: u64,
    pub int_type: u64,
    pub list_type: u64,
    pub str_type: u64,
    pub tuple_type: u64,
    pub py_true: u64,
    pub py_false: u64,
    pub py_none: u64,
    /// An int with `ob_size` in -1..=1 is `ob_size * digit[0]`, the digit a
    /// u32 at `layout::INT_DIGIT0` (CPython 3.11's layout, checked by the
    /// runtime on live ints): generated code reads such ints inline.
    pub small_int_inline: bool,
}

/// The host functions generated code calls, with their C signatures
/// (`obj` is `PyObject*`). The runtime must provide every one.
pub const HOST_FUNCTIONS: &[(&str, &str)] = &[
    ("rt_box_float", "fn(f64) -> obj (new ref, NULL on error)"),
    ("rt_box_int", "fn(i64) -> obj (new ref, NULL on error)"),
    ("rt_unbox_int", "fn(obj, *mut i64) -> i8 (1: exact int that fits in i64)"),
    ("rt_incref", "fn(obj)"),
    ("rt_decref", "fn(obj) (NULL allowed)"),
    ("rt_list_new", "fn(i64 len) -> obj (items NULL, to be filled)"),
    ("rt_list_repeat", "fn(obj item (stolen), i64 count) -> obj"),
    ("rt_list_copy", "fn(obj list) -> obj"),
    ("rt_list_set", "fn(ctx, obj list, i64 index, obj item (stolen), i8 journal)"),
    ("rt_list_append", "fn(ctx, obj list, obj item (stolen), i8 journal) -> i8 ok"),
    ("rt_tuple_new", "fn(i64 len) -> obj (items NULL, to be filled)"),
    ("rt_py_call", "fn(obj callable, *const obj args, i64 nargs) -> obj (NULL on error)"),
    ("rt_dict_box", "fn(*mut Dict) -> obj (a new dict with the entries, NULL on error)"),
    ("rt_str_encode", "fn(obj str) -> obj (its UTF-8 bytes, NULL on error)"),
    ("rt_bytes_list", "fn(obj bytes) -> obj (list of its ints)"),
    ("rt_list_pop", "fn(ctx, obj list, i64 index, i8 journal) -> obj item (NULL: index out of range)"),
    ("rt_np_box", "fn(i64 dtype code, i64 bits) -> obj (a new numpy scalar, NULL on error)"),
    ("rt_np_unbox", "fn(obj, i64 dtype code, *mut u64 bits) -> i8 (2: numpy scalar of the dtype, 1: Python number of its kind, 0: neither)"),
    ("rt_release_gil", "fn() -> *mut thread state (PyEval_SaveThread)"),
    ("rt_acquire_gil", "fn(*mut thread state) (PyEval_RestoreThread)"),
    ("rt_seq_slice", "fn(obj seq, i64 lower, i64 upper) -> obj (seq[lower:upper], NULL on error)"),
    ("rt_str_item", "fn(obj str, i64 index) -> obj (a one-character str, NULL: out of range)"),
    ("rt_str_eq", "fn(obj str, obj str) -> i8 (1: equal)"),
    ("rt_str_contains", "fn(obj haystack, obj needle) -> i8 (1: found, 0: not, -1: error)"),
    ("rt_list_insert", "fn(ctx, obj list, i64 index, obj item (stolen), i8 journal) -> i8 ok"),
    ("rt_list_extend", "fn(ctx, obj list, obj other list, i8 journal) -> i8 ok"),
    ("rt_dict_unbox", "fn(ctx, obj dict) -> *mut Dict (a native copy owned by the call, NULL: an item native dicts do not hold)"),
    ("rt_dict_writeback", "fn(obj dict, *mut Dict) -> i8 ok (the native copy's entries stored back, if it changed)"),
    ("rt_str_hash", "fn(obj str) -> i64 (its Python hash; native dicts' str keys)"),
];

/// Everything the code generator needs from its host.
pub struct Host {
    pub objects: Objects,
    /// Addresses of [`HOST_FUNCTIONS`], by name.
    pub functions: Vec<(&'static str, *const u8)>,
}
