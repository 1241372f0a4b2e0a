//! Support code of a generated tier-2 crate: the value types and the exact
//! primitive operations its kernels are written in. `rustgen` writes this
//! file verbatim into every crate (it is text to the compiler core, which
//! does not link PyO3). Each helper mirrors the Cranelift lowering of the
//! same IR node: the same checks, the same bail-out codes.

#![allow(dead_code)]

use std::ptr::null_mut;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use pyo3::ffi;

pub use crate::abi::{Bail, CallCtx};
use crate::semantics;

pub type Obj = *mut ffi::PyObject;
pub type R<T> = Result<T, Bail>;

// ------------------------------------------------------------ host table

/// The host functions (`abi::HOST_FUNCTIONS`, in that order) the runtime
/// links in: the same helpers tier 1 calls, the undo journal among them.
/// (Entries that are plain C API functions are called directly below.)
static HOST: [AtomicUsize; 29] = [const { AtomicUsize::new(0) }; 29];

pub fn set_host(table: &[usize]) -> bool {
    if table.len() != HOST.len() || table.contains(&0) {
        return false;
    }
    for (slot, &f) in HOST.iter().zip(table) {
        slot.store(f, Relaxed);
    }
    // SAFETY: the entries are the host's functions of these signatures
    // (`PyObject*` as `c_void*`).
    unsafe {
        dict::set_str_ops(dict::StrOps {
            hash: std::mem::transmute::<usize, _>(table[28]),
            eq: std::mem::transmute::<usize, _>(table[22]),
            incref: std::mem::transmute::<usize, _>(table[3]),
            decref: std::mem::transmute::<usize, _>(table[4]),
        });
    }
    true
}

macro_rules! host_fn {
    ($idx:expr, $ty:ty) => {
        // SAFETY: `set_host` stored a function of exactly this signature.
        unsafe { std::mem::transmute::<usize, $ty>(HOST[$idx].load(Relaxed)) }
    };
}

// ------------------------------------------------------------ values

/// An owned reference; null only as the initial value of a variable.
pub struct Ref(Obj);

impl Ref {
    #[inline(always)]
    pub unsafe fn new(o: Obj) -> R<Ref> {
        if o.is_null() {
            Err(Bail::HostError)
        } else {
            Ok(Ref(o))
        }
    }
    /// A new reference to a borrowed object.
    #[inline(always)]
    pub unsafe fn borrow(o: Obj) -> Ref {
        ffi::Py_INCREF(o);
        Ref(o)
    }
    #[inline(always)]
    pub fn ptr(&self) -> Obj {
        self.0
    }
    #[inline(always)]
    pub fn into_raw(self) -> Obj {
        let p = self.0;
        std::mem::forget(self);
        p
    }
}

impl Default for Ref {
    fn default() -> Ref {
        Ref(null_mut())
    }
}

impl Clone for Ref {
    #[inline(always)]
    fn clone(&self) -> Ref {
        unsafe { ffi::Py_XINCREF(self.0) };
        Ref(self.0)
    }
}

impl Drop for Ref {
    #[inline(always)]
    fn drop(&mut self) {
        unsafe { ffi::Py_XDECREF(self.0) }
    }
}

/// CPython's `int | float` decided at run time (the tagged `Num` type).
#[derive(Clone, Copy, Debug)]
pub enum Num {
    I(i64),
    F(f64),
}

impl Default for Num {
    fn default() -> Num {
        Num::I(0)
    }
}

impl Num {
    /// From the boundary's (tag, payload) slots.
    #[inline(always)]
    pub fn from_slots(tag: u64, payload: u64) -> Num {
        if tag as u8 != 0 {
            Num::F(f64::from_bits(payload))
        } else {
            Num::I(payload as i64)
        }
    }
    #[inline(always)]
    pub fn to_f64(self) -> f64 {
        match self {
            Num::I(i) => i as f64,
            Num::F(f) => f,
        }
    }
    #[inline(always)]
    pub fn truth(self) -> bool {
        match self {
            Num::I(i) => i != 0,
            Num::F(f) => f != 0.0,
        }
    }
    fn tag_bits(self) -> (u8, i64) {
        match self {
            Num::I(i) => (0, i),
            Num::F(f) => (1, f.to_bits() as i64),
        }
    }
}

// ------------------------------------------------------------ arithmetic

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitAnd,
    BitOr,
    BitXor,
}
pub use Op::*;

/// 2**53: ints up to this magnitude convert to float exactly.
const EXACT_FLOAT_INT: u64 = 1 << 53;

#[inline(always)]
pub fn int_op(op: Op, a: i64, b: i64) -> R<i64> {
    match op {
        Add => a.checked_add(b).ok_or(Bail::Overflow),
        Sub => a.checked_sub(b).ok_or(Bail::Overflow),
        Mul => a.checked_mul(b).ok_or(Bail::Overflow),
        FloorDiv | Mod => {
            if b == 0 {
                return Err(Bail::ZeroDivision);
            }
            if b == -1 {
                // x % -1 is 0; x // -1 is -x, which overflows for i64::MIN.
                return if op == Mod { Ok(0) } else { a.checked_neg().ok_or(Bail::Overflow) };
            }
            let (q, r) = (a / b, a % b);
            let adjust = r != 0 && (r ^ b) < 0;
            Ok(if op == Mod {
                if adjust { r + b } else { r }
            } else if adjust {
                q - 1
            } else {
                q
            })
        }
        Pow => semantics::int_pow(a, b),
        LShift => {
            if b < 0 {
                return Err(Bail::ValueError);
            }
            if b > 63 {
                return if a != 0 { Err(Bail::Overflow) } else { Ok(0) };
            }
            let r = a << b;
            if r >> b != a {
                return Err(Bail::Overflow);
            }
            Ok(r)
        }
        RShift => {
            if b < 0 {
                return Err(Bail::ValueError);
            }
            Ok(a >> b.min(63))
        }
        BitAnd => Ok(a & b),
        BitOr => Ok(a | b),
        BitXor => Ok(a ^ b),
        Div => unreachable!("int / int is typed float"),
    }
}

/// `int / int`: exact through floats while both fit in 53 bits, which is
/// when CPython itself divides the two doubles.
#[inline(always)]
pub fn int_truediv(a: i64, b: i64) -> R<f64> {
    if b == 0 {
        return Err(Bail::ZeroDivision);
    }
    if a.unsigned_abs() > EXACT_FLOAT_INT || b.unsigned_abs() > EXACT_FLOAT_INT {
        return Err(Bail::Unrepresentable);
    }
    Ok(a as f64 / b as f64)
}

#[inline(always)]
pub fn float_op(op: Op, a: f64, b: f64) -> R<f64> {
    match op {
        Add => Ok(a + b),
        Sub => Ok(a - b),
        Mul => Ok(a * b),
        Div | FloorDiv | Mod => {
            if b == 0.0 {
                return Err(Bail::ZeroDivision);
            }
            Ok(match op {
                Div => a / b,
                FloorDiv => semantics::float_div_mod(a, b).0,
                _ => semantics::float_mod(a, b),
            })
        }
        Pow => semantics::float_pow(a, b),
        _ => unreachable!("bitwise operators on floats are rejected by inference"),
    }
}

/// Arithmetic on tagged numbers: the int path when both are ints (`/` and
/// negative powers still give floats), else floats.
#[inline(always)]
pub fn num_op(op: Op, a: Num, b: Num) -> R<Num> {
    match (a, b) {
        (Num::I(x), Num::I(y)) => match op {
            Div => Ok(Num::F(int_truediv(x, y)?)),
            Pow if y < 0 => Ok(Num::F(float_op(Pow, x as f64, y as f64)?)),
            _ => Ok(Num::I(int_op(op, x, y)?)),
        },
        _ => Ok(Num::F(float_op(op, a.to_f64(), b.to_f64())?)),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// Tagged numbers compared exactly as CPython does (an int is never
/// rounded to a float; NaN is unordered).
#[inline(always)]
pub fn num_cmp(op: Cmp, a: Num, b: Num) -> bool {
    use std::cmp::Ordering::*;
    if let (Num::I(x), Num::I(y)) = (a, b) {
        return cmp_values(op, x, y);
    }
    let ((at, ap), (bt, bp)) = (a.tag_bits(), b.tag_bits());
    let ord = semantics::cmp_num(at, ap, bt, bp);
    match op {
        Cmp::Eq => ord == Some(Equal),
        Cmp::Ne => ord != Some(Equal),
        Cmp::Lt => ord == Some(Less),
        Cmp::Gt => ord == Some(Greater),
        Cmp::Le => matches!(ord, Some(Less | Equal)),
        Cmp::Ge => matches!(ord, Some(Greater | Equal)),
    }
}

#[inline(always)]
pub fn int_neg(x: i64) -> R<i64> {
    x.checked_neg().ok_or(Bail::Overflow)
}

#[inline(always)]
pub fn int_abs(x: i64) -> R<i64> {
    x.checked_abs().ok_or(Bail::Overflow)
}

#[inline(always)]
pub fn num_neg(x: Num) -> R<Num> {
    Ok(match x {
        Num::I(i) => Num::I(int_neg(i)?),
        Num::F(f) => Num::F(-f),
    })
}

#[inline(always)]
pub fn num_abs(x: Num) -> R<Num> {
    Ok(match x {
        Num::I(i) => Num::I(int_abs(i)?),
        Num::F(f) => Num::F(f.abs()),
    })
}

/// An integral float to int, bailing out where CPython raises (NaN, inf)
/// or needs a bigint.
#[inline(always)]
pub fn float_to_int(x: f64) -> R<i64> {
    if x.is_nan() {
        return Err(Bail::Unrepresentable);
    }
    if !(x >= -9223372036854775808.0 && x < 9223372036854775808.0) {
        return Err(Bail::Overflow);
    }
    Ok(x as i64)
}

/// `int()`, `round()`, `math.floor/ceil/trunc` of a Num: an int is itself.
#[inline(always)]
pub fn num_to_int(x: Num, f: fn(f64) -> f64) -> R<i64> {
    match x {
        Num::I(i) => Ok(i),
        Num::F(v) => float_to_int(f(v)),
    }
}

/// CPython's `math_1` check on a C library result: a NaN from a non-NaN
/// argument or an infinity from a finite one is an error.
#[inline(always)]
pub fn math1(x: f64, r: f64) -> R<f64> {
    if (r.is_nan() && !x.is_nan()) || (r.abs() == f64::INFINITY && x.abs() < f64::INFINITY) {
        Err(Bail::MathError)
    } else {
        Ok(r)
    }
}

/// The C library functions CPython's `math` module calls.
pub mod libm {
    extern "C" {
        pub fn exp(x: f64) -> f64;
        pub fn expm1(x: f64) -> f64;
        pub fn log(x: f64) -> f64;
        pub fn log2(x: f64) -> f64;
        pub fn log10(x: f64) -> f64;
        pub fn log1p(x: f64) -> f64;
        pub fn sin(x: f64) -> f64;
        pub fn cos(x: f64) -> f64;
        pub fn tan(x: f64) -> f64;
        pub fn asin(x: f64) -> f64;
        pub fn acos(x: f64) -> f64;
        pub fn atan(x: f64) -> f64;
        pub fn sinh(x: f64) -> f64;
        pub fn cosh(x: f64) -> f64;
        pub fn tanh(x: f64) -> f64;
        pub fn asinh(x: f64) -> f64;
        pub fn acosh(x: f64) -> f64;
        pub fn atanh(x: f64) -> f64;
        pub fn cbrt(x: f64) -> f64;
        pub fn exp2(x: f64) -> f64;
        pub fn powf(x: f32, y: f32) -> f32;
    }
}

// ------------------------------------------------------------ recursion

/// Undoes one level of native call depth when a kernel returns.
pub struct Depth(*mut CallCtx);

impl Drop for Depth {
    #[inline(always)]
    fn drop(&mut self) {
        unsafe { (*self.0).depth -= 1 }
    }
}

/// Entry of a kernel that calls others: stops before the thread's C stack
/// runs out, and where CPython's recursion limit would be reached.
#[inline(always)]
pub unsafe fn enter(ctx: *mut CallCtx) -> R<Depth> {
    let probe = 0u8;
    if (std::ptr::addr_of!(probe) as u64) < (*ctx).stack_limit {
        return Err(Bail::Recursion);
    }
    enter_frame(ctx)
}

/// One more level of CPython frames (a call, or a 3.11 comprehension).
#[inline(always)]
pub unsafe fn enter_frame(ctx: *mut CallCtx) -> R<Depth> {
    (*ctx).depth += 1;
    let guard = Depth(ctx);
    if (*ctx).depth > (*ctx).depth_limit {
        return Err(Bail::Recursion);
    }
    Ok(guard)
}

/// Entry of a kernel that calls nothing: its frame needs one more level.
#[inline(always)]
pub unsafe fn leaf_check(ctx: *mut CallCtx) -> R<()> {
    if (*ctx).depth >= (*ctx).depth_limit {
        return Err(Bail::Recursion);
    }
    Ok(())
}

// ------------------------------------------------------------ objects

#[inline(always)]
pub unsafe fn box_float(x: f64) -> R<Ref> {
    Ref::new(ffi::PyFloat_FromDouble(x))
}

#[inline(always)]
pub unsafe fn box_int(x: i64) -> R<Ref> {
    Ref::new(ffi::PyLong_FromLongLong(x))
}

#[inline(always)]
pub unsafe fn box_bool(x: bool) -> Ref {
    Ref::borrow(if x { ffi::Py_True() } else { ffi::Py_False() })
}

#[inline(always)]
pub unsafe fn box_none() -> Ref {
    Ref::borrow(ffi::Py_None())
}

#[inline(always)]
pub unsafe fn box_num(x: Num) -> R<Ref> {
    match x {
        Num::I(i) => box_int(i),
        Num::F(f) => box_float(f),
    }
}

#[inline(always)]
unsafe fn type_is(o: Obj, t: *mut ffi::PyTypeObject) -> bool {
    (*o).ob_type == t
}

/// Readers of a borrowed item of the exact type the code was compiled for
/// (a `bool` is not an `int`, a float subclass is not a `float`).
#[inline(always)]
pub unsafe fn as_float(o: Obj) -> R<f64> {
    if !type_is(o, &raw mut ffi::PyFloat_Type) {
        return Err(Bail::TypeGuard);
    }
    Ok((*(o as *mut ffi::PyFloatObject)).ob_fval)
}

#[inline(always)]
pub unsafe fn as_int(o: Obj) -> R<i64> {
    if !type_is(o, &raw mut ffi::PyLong_Type) {
        return Err(Bail::TypeGuard);
    }
    let mut v = 0i64;
    if host_fn!(2, extern "C" fn(Obj, *mut i64) -> i8)(o, &mut v) == 0 {
        return Err(Bail::Overflow);
    }
    Ok(v)
}

#[inline(always)]
pub unsafe fn as_bool(o: Obj) -> R<bool> {
    if o == ffi::Py_True() {
        Ok(true)
    } else if o == ffi::Py_False() {
        Ok(false)
    } else {
        Err(Bail::TypeGuard)
    }
}

#[inline(always)]
pub unsafe fn as_num(o: Obj) -> R<Num> {
    if type_is(o, &raw mut ffi::PyFloat_Type) {
        Ok(Num::F((*(o as *mut ffi::PyFloatObject)).ob_fval))
    } else {
        Ok(Num::I(as_int(o)?))
    }
}

/// A list item that is itself a list, owned while in use (the container
/// might drop it).
#[inline(always)]
pub unsafe fn as_list(o: Obj) -> R<Ref> {
    exact_ref(o, &raw mut ffi::PyList_Type)
}

#[inline(always)]
pub unsafe fn as_str(o: Obj) -> R<Ref> {
    exact_ref(o, &raw mut ffi::PyUnicode_Type)
}

/// A new reference to `o` if its type is exactly `t`.
#[inline(always)]
unsafe fn exact_ref(o: Obj, t: *mut ffi::PyTypeObject) -> R<Ref> {
    if !type_is(o, t) {
        return Err(Bail::TypeGuard);
    }
    Ok(Ref::borrow(o))
}


// ------------------------------------------------------------ lists

#[inline(always)]
pub unsafe fn list_len(l: &Ref) -> i64 {
    (*(l.0 as *mut ffi::PyVarObject)).ob_size as i64
}

/// The item array and length of a list, loaded once before a loop that
/// cannot change any list (see `ir::reads_lists_only`).
#[derive(Clone, Copy)]
pub struct Items(*mut Obj, i64);

#[inline(always)]
pub unsafe fn items_of(l: &Ref) -> Items {
    Items((*(l.0 as *mut ffi::PyListObject)).ob_item, list_len(l))
}

/// A Python index (negative counts from the end) checked against `len`.
#[inline(always)]
fn index(len: i64, i: i64, non_negative: bool) -> R<usize> {
    let idx = if non_negative || i >= 0 { i } else { i.wrapping_add(len) };
    // One unsigned compare catches both idx < 0 and idx >= len.
    if (idx as u64) >= (len as u64) {
        return Err(Bail::IndexError);
    }
    Ok(idx as usize)
}

#[inline(always)]
pub unsafe fn list_get<T>(l: &Ref, i: i64, non_negative: bool, read: unsafe fn(Obj) -> R<T>) -> R<T> {
    items_get(items_of(l), i, non_negative, read)
}

#[inline(always)]
pub unsafe fn items_get<T>(items: Items, i: i64, non_negative: bool, read: unsafe fn(Obj) -> R<T>) -> R<T> {
    let idx = index(items.1, i, non_negative)?;
    read(*items.0.add(idx))
}

/// `list[i] = item`; lists the call did not create go through the journal,
/// the call's own lists are written in place (as tier 1 does inline).
#[inline(always)]
pub unsafe fn list_set(ctx: *mut CallCtx, l: &Ref, i: i64, non_negative: bool, item: Ref, journal: bool) -> R<()> {
    let idx = index(list_len(l), i, non_negative)?;
    if journal {
        host_fn!(8, extern "C" fn(*mut CallCtx, Obj, i64, Obj, i8))(ctx, l.0, idx as i64, item.into_raw(), 1);
    } else {
        let slot = (*(l.0 as *mut ffi::PyListObject)).ob_item.add(idx);
        let old = std::mem::replace(&mut *slot, item.into_raw());
        ffi::Py_XDECREF(old);
    }
    Ok(())
}

#[inline(always)]
pub unsafe fn list_append(ctx: *mut CallCtx, l: &Ref, item: Ref, journal: bool) -> R<()> {
    let ok = host_fn!(9, extern "C" fn(*mut CallCtx, Obj, Obj, i8) -> i8)(ctx, l.0, item.into_raw(), journal as i8);
    if ok == 0 {
        Err(Bail::HostError)
    } else {
        Ok(())
    }
}

#[inline(always)]
pub unsafe fn list_of<const N: usize>(items: [Ref; N]) -> R<Ref> {
    let list = Ref::new(ffi::PyList_New(N as ffi::Py_ssize_t))?;
    let slots = (*(list.0 as *mut ffi::PyListObject)).ob_item;
    for (k, item) in items.into_iter().enumerate() {
        *slots.add(k) = item.into_raw();
    }
    Ok(list)
}

/// `[item] * count`: the same object `count` times.
#[inline(always)]
pub unsafe fn list_repeat(item: Ref, count: i64) -> R<Ref> {
    Ref::new(host_fn!(6, extern "C" fn(Obj, i64) -> Obj)(item.into_raw(), count))
}

#[inline(always)]
pub unsafe fn list_copy(l: &Ref) -> R<Ref> {
    Ref::new(host_fn!(7, extern "C" fn(Obj) -> Obj)(l.0))
}

#[inline(always)]
pub unsafe fn tuple_of<const N: usize>(items: [Ref; N]) -> R<Ref> {
    let tuple = Ref::new(ffi::PyTuple_New(N as ffi::Py_ssize_t))?;
    let slots = (*(tuple.0 as *mut ffi::PyTupleObject)).ob_item.as_mut_ptr();
    for (k, item) in items.into_iter().enumerate() {
        *slots.add(k) = item.into_raw();
    }
    Ok(tuple)
}

/// Calls a CPython function (exact by construction) and reads its result.
#[inline(always)]
pub unsafe fn py_call<T, const N: usize>(callable: usize, args: [Ref; N], read: unsafe fn(Obj) -> R<T>) -> R<T> {
    let argv: [Obj; N] = std::array::from_fn(|k| args[k].0);
    let f = host_fn!(11, extern "C" fn(Obj, *const Obj, i64) -> Obj);
    let result = Ref::new(f(callable as Obj, argv.as_ptr(), N as i64))?;
    drop(args);
    read(result.0)
}

/// `sum(list, start)` of floats as CPython 3.11 adds them: left to right
/// from the start.
#[inline(always)]
pub unsafe fn sum_float(l: &Ref, start: f64, read: unsafe fn(Obj) -> R<f64>) -> R<f64> {
    let mut acc = start;
    let mut i = 0;
    while i < list_len(l) {
        acc += read(*(*(l.0 as *mut ffi::PyListObject)).ob_item.add(i as usize))?;
        i += 1;
    }
    Ok(acc)
}

/// `sum(list, start)` of ints, exactly (bailing out past 64 bits).
#[inline(always)]
pub unsafe fn sum_int(l: &Ref, start: i64, read: unsafe fn(Obj) -> R<i64>) -> R<i64> {
    let mut acc = start;
    let mut i = 0;
    while i < list_len(l) {
        let v = read(*(*(l.0 as *mut ffi::PyListObject)).ob_item.add(i as usize))?;
        acc = acc.checked_add(v).ok_or(Bail::Overflow)?;
        i += 1;
    }
    Ok(acc)
}

/// `sum(floats, int start)`: the start itself when the list is empty.
#[inline(always)]
pub unsafe fn sum_num(l: &Ref, start: i64, read: unsafe fn(Obj) -> R<f64>) -> R<Num> {
    let total = sum_float(l, start as f64, read)?;
    Ok(if list_len(l) != 0 { Num::F(total) } else { Num::I(start) })
}

/// Item readers converting to the accumulator's type, for `sum`.
pub unsafe fn int_as_float(o: Obj) -> R<f64> {
    Ok(as_int(o)? as f64)
}
pub unsafe fn bool_as_float(o: Obj) -> R<f64> {
    Ok(as_bool(o)? as i64 as f64)
}
pub unsafe fn num_as_float(o: Obj) -> R<f64> {
    Ok(as_num(o)?.to_f64())
}
pub unsafe fn bool_as_int(o: Obj) -> R<i64> {
    Ok(as_bool(o)? as i64)
}

// ------------------------------------------------------------ numpy

/// A numpy array view (tier 1's machine values): data, shape, strides in
/// bytes. The boundary holds the buffer export for the call.
#[derive(Clone, Copy)]
pub struct View<const N: usize> {
    pub data: *mut u8,
    pub shape: [i64; N],
    pub strides: [i64; N],
}

impl<const N: usize> Default for View<N> {
    fn default() -> Self {
        View { data: std::ptr::null_mut(), shape: [0; N], strides: [0; N] }
    }
}

impl<const N: usize> View<N> {
    /// The address of the element (or row start) at `idx`, each index
    /// checked against its axis (numpy's IndexError bails out).
    #[inline(always)]
    pub unsafe fn at<const K: usize>(&self, idx: [(i64, bool); K]) -> R<*mut u8> {
        let mut p = self.data;
        for (k, (i, nn)) in idx.into_iter().enumerate() {
            let i = index(self.shape[k], i, nn)? as i64;
            p = p.offset((i * self.strides[k]) as isize);
        }
        Ok(p)
    }

    /// Row `i` of a 2-d view.
    #[inline(always)]
    pub unsafe fn row(&self, i: i64, non_negative: bool) -> R<View<1>> {
        Ok(View { data: self.at([(i, non_negative)])?, shape: [self.shape[1]], strides: [self.strides[1]] })
    }
}

/// An array element type: how it reads into its payload (f64 or i64) and
/// how a payload is stored back (bailing out where numpy would warn or
/// raise: a finite value overflowing float32, an int out of int32 range).
pub trait Element: Sized {
    type Payload;
    fn load(self) -> Self::Payload;
    fn store(x: Self::Payload) -> R<Self>;
}

/// float64 and int64 elements are their own payloads.
macro_rules! full_width_element {
    ($($t:ty),*) => {$(
        impl Element for $t {
            type Payload = $t;
            fn load(self) -> $t {
                self
            }
            fn store(x: $t) -> R<$t> {
                Ok(x)
            }
        }
    )*};
}
full_width_element!(f64, i64);

impl Element for f32 {
    type Payload = f64;
    fn load(self) -> f64 {
        self as f64
    }
    fn store(x: f64) -> R<f32> {
        Ok(cast_f32(x)? as f32)
    }
}


impl Element for i32 {
    type Payload = i64;
    fn load(self) -> i64 {
        self as i64
    }
    fn store(x: i64) -> R<i32> {
        i32::try_from(x).map_err(|_| Bail::NumpyStatus)
    }
}

#[inline(always)]
pub unsafe fn load<E: Element>(p: *mut u8) -> E::Payload {
    (p as *const E).read_unaligned().load()
}

#[inline(always)]
pub unsafe fn store<E: Element>(p: *mut u8, x: E::Payload) -> R<()> {
    (p as *mut E).write_unaligned(E::store(x)?);
    Ok(())
}

/// An int as a float where the conversion is exact, else bail out.
#[inline(always)]
pub fn exact_f64(i: i64) -> R<f64> {
    if i.unsigned_abs() > EXACT_FLOAT_INT {
        return Err(Bail::Unrepresentable);
    }
    Ok(i as f64)
}

#[inline(always)]
fn round_f32(x: f64) -> f64 {
    x as f32 as f64
}

/// An operand as numpy casts it to float32: a finite value that overflows
/// bails out (numpy warns "overflow encountered in cast").
#[inline(always)]
fn cast_f32(x: f64) -> R<f64> {
    let r = round_f32(x);
    if x.is_finite() && r.is_infinite() { Err(Bail::NumpyStatus) } else { Ok(r) }
}

/// Whether numpy sets a status flag it warns about for `r = a op b`.
#[inline(always)]
fn np_flagged(a: f64, b: f64, r: f64) -> bool {
    (r.is_nan() && !a.is_nan() && !b.is_nan()) || (r.is_infinite() && a.is_finite() && b.is_finite())
}

/// `a op b` of float-family values, each `(numpy?, value)`: numpy's
/// semantics (float32 rounding when `f32`, bail out where numpy warns) when
/// either is a numpy scalar, else CPython's float arithmetic.
#[inline(always)]
pub fn np_float(op: Op, f32: bool, a: (bool, f64), b: (bool, f64)) -> R<(bool, f64)> {
    let tag = a.0 | b.0;
    if !tag {
        return Ok((false, float_op(op, a.1, b.1)?));
    }
    let (x, y) = if f32 { (cast_f32(a.1)?, cast_f32(b.1)?) } else { (a.1, b.1) };
    let r = match op {
        Add => x + y,
        Sub => x - y,
        Mul => x * y,
        Div => x / y,
        FloorDiv | Mod => {
            if !x.is_finite() || !y.is_finite() || y == 0.0 {
                return Err(Bail::NumpyStatus);
            }
            if op == FloorDiv { semantics::float_div_mod(x, y).0 } else { semantics::float_mod(x, y) }
        }
        // float32: numpy calls powf, and so does this.
        Pow if f32 => unsafe { libm::powf(x as f32, y as f32) as f64 },
        Pow => semantics::math_pow(x, y)?,
        _ => unreachable!("inference rejects this operator on numpy floats"),
    };
    let r = if f32 { round_f32(r) } else { r };
    if !r.is_finite() && np_flagged(x, y, r) {
        return Err(Bail::NumpyStatus);
    }
    Ok((true, r))
}

/// `a op b` of int-family values: numpy's int64 semantics bail out where
/// CPython's would (overflow, division by zero); int32 results and Python
/// ints next to them must fit an int32.
#[inline(always)]
pub fn np_int(op: Op, i32: bool, a: (bool, i64), b: (bool, i64)) -> R<(bool, i64)> {
    let tag = a.0 | b.0;
    let r = int_op(op, a.1, b.1)?;
    if i32 && tag && [a.1, b.1, r].iter().any(|&v| i32::try_from(v).is_err()) {
        return Err(Bail::NumpyStatus);
    }
    Ok((tag, r))
}

#[inline(always)]
fn cmp_values<T: PartialOrd>(op: Cmp, x: T, y: T) -> bool {
    match op {
        Cmp::Eq => x == y,
        Cmp::Ne => x != y,
        Cmp::Lt => x < y,
        Cmp::Le => x <= y,
        Cmp::Gt => x > y,
        Cmp::Ge => x >= y,
    }
}

/// A comparison in a float family: a Python float next to a float32 is
/// compared as a float32.
#[inline(always)]
pub fn np_cmp_float(op: Cmp, f32: bool, a: (bool, f64), b: (bool, f64)) -> R<(bool, bool)> {
    let tag = a.0 | b.0;
    let (x, y) = if f32 && tag { (cast_f32(a.1)?, cast_f32(b.1)?) } else { (a.1, b.1) };
    Ok((tag, cmp_values(op, x, y)))
}

#[inline(always)]
pub fn np_cmp_int(op: Cmp, a: (bool, i64), b: (bool, i64)) -> (bool, bool) {
    (a.0 | b.0, cmp_values(op, a.1, b.1))
}

/// `-x` / `abs(x)` of an int-family value (int32 results range-checked).
#[inline(always)]
pub fn np_int_unary(neg: bool, i32: bool, x: (bool, i64)) -> R<(bool, i64)> {
    let r = if neg { int_neg(x.1)? } else { int_abs(x.1)? };
    if i32 && x.0 && i32::try_from(r).is_err() {
        return Err(Bail::NumpyStatus);
    }
    Ok((x.0, r))
}

/// A new numpy scalar of dtype `code` (`types::Dtype::code`) from its
/// payload bits.
#[inline(always)]
pub unsafe fn np_box(code: i64, bits: i64) -> R<Ref> {
    Ref::new(host_fn!(16, extern "C" fn(i64, i64) -> Obj)(code, bits))
}

/// Around a program's work when the boundary asks: the GIL released.
pub struct GilReleased(*mut u8);

impl GilReleased {
    #[inline(always)]
    pub unsafe fn when_asked(ctx: *mut CallCtx) -> GilReleased {
        let state = if (*ctx).release_gil != 0 { host_fn!(18, extern "C" fn() -> *mut u8)() } else { std::ptr::null_mut() };
        GilReleased(state)
    }
}

impl Drop for GilReleased {
    fn drop(&mut self) {
        if !self.0.is_null() {
            host_fn!(19, extern "C" fn(*mut u8))(self.0);
        }
    }
}

// ------------------------------------------------------------ dicts, str, bytes

use crate::dict::{self, Dict, TAG_BOOL, TAG_FLOAT, TAG_INT, TAG_STR};

/// A native dict of this call (`dict.rs`); null only as the initial value
/// of a variable. Freed with the call (`CallCtx::dicts`).
#[derive(Clone, Copy)]
pub struct NDict(*mut Dict);

impl Default for NDict {
    fn default() -> NDict {
        NDict(null_mut())
    }
}

/// A number as a native dict stores it, `(tag, bits)`, and back: a stored
/// tag of another type than the static one bails out (two names may hold
/// one dict with different inferred types), as tier 1's `read_tagged`.
pub trait Tagged: Sized {
    fn tagged(self) -> (u64, u64);
    fn from_tagged(tag: u64, bits: u64) -> R<Self>;
}

impl Tagged for i64 {
    fn tagged(self) -> (u64, u64) {
        (TAG_INT, self as u64)
    }
    fn from_tagged(tag: u64, bits: u64) -> R<i64> {
        if tag == TAG_INT { Ok(bits as i64) } else { Err(Bail::TypeGuard) }
    }
}

impl Tagged for f64 {
    fn tagged(self) -> (u64, u64) {
        (TAG_FLOAT, self.to_bits())
    }
    fn from_tagged(tag: u64, bits: u64) -> R<f64> {
        if tag == TAG_FLOAT { Ok(f64::from_bits(bits)) } else { Err(Bail::TypeGuard) }
    }
}

impl Tagged for bool {
    fn tagged(self) -> (u64, u64) {
        (TAG_BOOL, self as u64)
    }
    fn from_tagged(tag: u64, bits: u64) -> R<bool> {
        if tag == TAG_BOOL { Ok(bits != 0) } else { Err(Bail::TypeGuard) }
    }
}

impl Tagged for Num {
    fn tagged(self) -> (u64, u64) {
        match self {
            Num::I(i) => (TAG_INT, i as u64),
            Num::F(f) => (TAG_FLOAT, f.to_bits()),
        }
    }
    fn from_tagged(tag: u64, bits: u64) -> R<Num> {
        match tag {
            TAG_INT => Ok(Num::I(bits as i64)),
            TAG_FLOAT => Ok(Num::F(f64::from_bits(bits))),
            _ => Err(Bail::TypeGuard),
        }
    }
}

/// A value nothing was ever stored as: another name wrote the dict.
impl Tagged for () {
    fn tagged(self) -> (u64, u64) {
        (TAG_INT, 0)
    }
    fn from_tagged(_: u64, _: u64) -> R<()> {
        Err(Bail::TypeGuard)
    }
}

/// A dict key part as `(tag, bits)`, borrowed: a str part is the address
/// of its object, which the key must keep alive while the words are used.
pub trait KeyPart {
    fn key_part(&self) -> (u64, u64);
}

macro_rules! number_key_part {
    ($($t:ty),*) => {$(
        impl KeyPart for $t {
            #[inline(always)]
            fn key_part(&self) -> (u64, u64) {
                Tagged::tagged(*self)
            }
        }
    )*};
}
number_key_part!(i64, f64, bool, Num, ());

impl KeyPart for Ref {
    #[inline(always)]
    fn key_part(&self) -> (u64, u64) {
        (TAG_STR, self.0 as u64)
    }
}

/// A str constant's object, made on first use and kept for the life of
/// the process (as a code object keeps its constants).
pub struct StrConst(std::sync::atomic::AtomicPtr<ffi::PyObject>);

impl StrConst {
    pub const fn new() -> StrConst {
        StrConst(std::sync::atomic::AtomicPtr::new(null_mut()))
    }

    /// A new reference to the str `text` (the GIL is held: the code
    /// touches objects).
    #[inline(always)]
    pub unsafe fn get(&self, text: &str) -> R<Ref> {
        let mut s = self.0.load(Relaxed);
        if s.is_null() {
            s = ffi::PyUnicode_FromStringAndSize(text.as_ptr().cast(), text.len() as ffi::Py_ssize_t);
            if s.is_null() {
                ffi::PyErr_Clear();
                return Err(Bail::HostError);
            }
            ffi::PyUnicode_InternInPlace(&mut s);
            self.0.store(s, Relaxed);
        }
        Ok(Ref::borrow(s))
    }
}

/// A str key part read from a dict entry: a new reference to its object.
#[inline(always)]
pub unsafe fn str_from_key(tag: u64, bits: u64) -> R<Ref> {
    if tag == TAG_STR { Ok(Ref::borrow(bits as Obj)) } else { Err(Bail::TypeGuard) }
}

#[inline(always)]
pub unsafe fn dict_new(ctx: *mut CallCtx) -> NDict {
    NDict(dict::rd_new(ctx))
}

#[inline(always)]
pub unsafe fn dict_len(d: NDict) -> i64 {
    (*d.0).len as i64
}

/// The entry number of a key (its `(tag, bits)` words), -1 when absent;
/// a NaN key bails out.
#[inline(always)]
pub unsafe fn dict_find(d: NDict, key: &[u64]) -> R<i64> {
    match dict::rd_find(d.0, key.as_ptr(), key.len() as u64 / 2) {
        dict::BAD_KEY => Err(Bail::Unrepresentable),
        i => Ok(i),
    }
}

#[inline(always)]
pub unsafe fn dict_set(d: NDict, key: &[u64], tuple_key: bool, value: (u64, u64)) -> R<()> {
    match dict::rd_set(d.0, key.as_ptr(), key.len() as u64 / 2, tuple_key as u64, value.0, value.1) {
        dict::BAD_KEY => Err(Bail::Unrepresentable),
        _ => Ok(()),
    }
}

/// The words of entry `i` (hash, key parts, value).
#[inline(always)]
pub unsafe fn dict_entry(d: NDict, i: i64) -> *const u64 {
    (*d.0).entries.add(i as usize * (*d.0).stride())
}

/// `max(d, key=d.get)` / `min(...)`: the entry of the first extreme value;
/// an empty dict bails out (CPython raises ValueError).
#[inline(always)]
pub unsafe fn dict_extreme(d: NDict, max: bool) -> R<i64> {
    match dict::rd_extreme(d.0, max as u64) {
        i if i < 0 => Err(Bail::ValueError),
        i => Ok(i),
    }
}

/// A Python dict with a native dict's entries, in order.
#[inline(always)]
pub unsafe fn dict_box(d: NDict) -> R<Ref> {
    Ref::new(host_fn!(12, extern "C" fn(*mut Dict) -> Obj)(d.0))
}

/// `s.encode("utf-8")`.
#[inline(always)]
pub unsafe fn str_encode(s: &Ref) -> R<Ref> {
    Ref::new(host_fn!(13, extern "C" fn(Obj) -> Obj)(s.0))
}

/// `list(b)` of a bytes object.
#[inline(always)]
pub unsafe fn bytes_list(b: &Ref) -> R<Ref> {
    Ref::new(host_fn!(14, extern "C" fn(Obj) -> Obj)(b.0))
}

/// `b[i]` of a bytes object.
#[inline(always)]
pub unsafe fn bytes_get(b: &Ref, i: i64, non_negative: bool) -> R<i64> {
    let idx = index(list_len(b), i, non_negative)?;
    let data = (b.0 as *const u8).add(crate::abi::layout::BYTES_DATA as usize);
    Ok(*data.add(idx) as i64)
}

/// `xs.pop(i)`: the item, owned, read as `read` reads it (journaled on
/// lists the call did not create); out of range bails out.
#[inline(always)]
pub unsafe fn list_pop<T>(ctx: *mut CallCtx, l: &Ref, i: i64, journal: bool, read: unsafe fn(Obj) -> R<T>) -> R<T> {
    let item = host_fn!(15, extern "C" fn(*mut CallCtx, Obj, i64, i8) -> Obj)(ctx, l.0, i, journal as i8);
    if item.is_null() {
        return Err(Bail::IndexError);
    }
    let held = Ref(item);
    read(held.0)
}

/// A tuple item of a list, of exactly `n` items (else bail out).
#[inline(always)]
pub unsafe fn as_tuple_of(o: Obj, n: isize) -> R<*mut Obj> {
    if !type_is(o, &raw mut ffi::PyTuple_Type) || ffi::PyTuple_GET_SIZE(o) != n {
        return Err(Bail::TypeGuard);
    }
    Ok((o as *mut u8).add(crate::abi::layout::TUPLE_ITEMS as usize) as *mut Obj)
}

/// `seq[lower:upper]` of a list, str or bytes: a new object.
#[inline(always)]
pub unsafe fn seq_slice(seq: &Ref, lower: i64, upper: i64) -> R<Ref> {
    Ref::new(host_fn!(20, extern "C" fn(Obj, i64, i64) -> Obj)(seq.0, lower, upper))
}

/// `s[i]` of a str (out of range bails out: CPython raises IndexError).
#[inline(always)]
pub unsafe fn str_get(s: &Ref, i: i64) -> R<Ref> {
    Ref::new(host_fn!(21, extern "C" fn(Obj, i64) -> Obj)(s.0, i)).map_err(|_| Bail::IndexError)
}

#[inline(always)]
pub unsafe fn str_eq(a: &Ref, b: &Ref) -> bool {
    host_fn!(22, extern "C" fn(Obj, Obj) -> i8)(a.0, b.0) != 0
}

#[inline(always)]
pub unsafe fn str_contains(haystack: &Ref, needle: &Ref) -> R<bool> {
    match host_fn!(23, extern "C" fn(Obj, Obj) -> i8)(haystack.0, needle.0) {
        r if r < 0 => Err(Bail::HostError),
        r => Ok(r != 0),
    }
}

#[inline(always)]
pub unsafe fn list_insert(ctx: *mut CallCtx, l: &Ref, i: i64, item: Ref, journal: bool) -> R<()> {
    match host_fn!(24, extern "C" fn(*mut CallCtx, Obj, i64, Obj, i8) -> i8)(ctx, l.0, i, item.into_raw(), journal as i8) {
        0 => Err(Bail::HostError),
        _ => Ok(()),
    }
}

#[inline(always)]
pub unsafe fn list_extend(ctx: *mut CallCtx, l: &Ref, other: &Ref, journal: bool) -> R<()> {
    match host_fn!(25, extern "C" fn(*mut CallCtx, Obj, Obj, i8) -> i8)(ctx, l.0, other.0, journal as i8) {
        0 => Err(Bail::HostError),
        _ => Ok(()),
    }
}

/// A native copy of a dict argument (an item native dicts do not hold
/// bails out).
#[inline(always)]
pub unsafe fn dict_unbox(ctx: *mut CallCtx, obj: Obj) -> R<NDict> {
    let d = host_fn!(26, extern "C" fn(*mut CallCtx, Obj) -> *mut Dict)(ctx, obj);
    if d.is_null() { Err(Bail::TypeGuard) } else { Ok(NDict(d)) }
}

/// Stores a changed native copy back into its dict argument.
#[inline(always)]
pub unsafe fn dict_writeback(obj: Obj, d: NDict) -> R<()> {
    match host_fn!(27, extern "C" fn(Obj, *mut Dict) -> i8)(obj, d.0) {
        0 => Err(Bail::HostError),
        _ => Ok(()),
    }
}
