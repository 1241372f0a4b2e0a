//! Shared helpers for the compiler's integration tests: a stub [`Resolver`]
//! standing in for the Python runtime, a stub [`Host`] whose functions must
//! never be called by scalar code, and shortcuts from source text to typed IR
//! and to machine code.
#![allow(dead_code)]

use std::cell::RefCell;
use std::collections::HashMap;

use rustify_compiler::abi::{self, Bail, CallCtx, Host, Objects};
use rustify_compiler::codegen::{machine_types, Compiled, Jit};
use rustify_compiler::infer::lower_program;
use rustify_compiler::ir::{self, Program};
use rustify_compiler::resolve::{FuncRef, Global, Resolver, Source};
use rustify_compiler::types::Ty;
use rustify_compiler::{Options, Reject};

// ---------------------------------------------------------------- resolver

/// The builtins the runtime answers `Global::Builtin` for (see
/// `python/rustify_ml/_resolve.py`, `_KNOWN_BUILTINS`).
pub const KNOWN_BUILTINS: &[&str] =
    &["len", "range", "min", "max", "abs", "sum", "int", "float", "bool", "round", "list"];

/// Builtins that exist in Python but that the runtime reports as unsupported.
const OTHER_BUILTINS: &[&str] = &["print", "divmod", "pow", "isinstance", "str", "tuple", "dict", "sorted", "enumerate", "zip"];

pub const MATH_FUNCTIONS: &[&str] = &[
    "sqrt", "exp", "expm1", "log", "log2", "log10", "log1p", "sin", "cos", "tan", "asin", "acos", "atan", "sinh",
    "cosh", "tanh", "asinh", "acosh", "atanh", "cbrt", "exp2", "atan2", "pow", "fmod", "floor", "ceil", "trunc",
    "fabs", "isnan", "isinf", "isfinite", "degrees", "radians", "copysign", "hypot", "gamma", "lgamma", "erf",
    "erfc", "remainder", "ldexp", "factorial", "gcd", "isqrt", "comb", "perm", "prod", "fsum", "dist",
];

/// A [`Resolver`] backed by maps: function sources by handle, and global
/// names (the same namespace for every function). Functions registered with
/// [`Stub::def`] are also globals under their `def` name.
#[derive(Default)]
pub struct Stub {
    pub sources: HashMap<FuncRef, Source>,
    pub globals: HashMap<String, Global>,
    /// Every (function, name) pair `global` was asked about, in order.
    pub asked: RefCell<Vec<(FuncRef, String)>>,
}

impl Stub {
    pub fn new() -> Stub {
        Stub::default()
    }

    /// Registers a function whose source starts on line 1.
    pub fn def(self, src: &str) -> Stub {
        self.def_at(src, 1)
    }

    /// Registers a function whose source starts on `first_line` of its file;
    /// handles are 1, 2, 3... in registration order (1 is the root).
    pub fn def_at(mut self, src: &str, first_line: u32) -> Stub {
        let id = self.sources.len() as FuncRef + 1;
        if let Some(name) = def_name(src) {
            self.globals.insert(name, Global::Function(id));
        }
        self.sources.insert(id, Source { text: src.to_string(), first_line });
        self
    }

    pub fn global(mut self, name: &str, g: Global) -> Stub {
        self.globals.insert(name.to_string(), g);
        self
    }

    pub fn lower(&self, args: &[Ty]) -> Result<Program, Reject> {
        lower_program(self, opts(), 1, args)
    }

    pub fn lower_with(&self, opts: Options, args: &[Ty]) -> Result<Program, Reject> {
        lower_program(self, opts, 1, args)
    }
}

/// The name in the first `def name(` of a source.
fn def_name(src: &str) -> Option<String> {
    let at = src.find("def ")? + 4;
    let rest = &src[at..];
    let end = rest.find('(')?;
    Some(rest[..end].trim().to_string())
}

impl Resolver for Stub {
    fn source(&self, func: FuncRef) -> Result<Source, String> {
        self.sources.get(&func).cloned().ok_or_else(|| format!("no source for function #{func}"))
    }

    fn global(&self, func: FuncRef, name: &str) -> Global {
        self.asked.borrow_mut().push((func, name.to_string()));
        if let Some(g) = self.globals.get(name) {
            return g.clone();
        }
        if KNOWN_BUILTINS.contains(&name) {
            return Global::Builtin(name.to_string());
        }
        if name == "math" {
            return Global::MathModule;
        }
        if OTHER_BUILTINS.contains(&name) {
            return Global::Unsupported(format!("builtin {name}()"));
        }
        Global::Unbound
    }

    fn math_attr(&self, name: &str) -> Global {
        match name {
            "pi" => Global::Float(std::f64::consts::PI),
            "e" => Global::Float(std::f64::consts::E),
            "tau" => Global::Float(std::f64::consts::TAU),
            "inf" => Global::Float(f64::INFINITY),
            "nan" => Global::Float(f64::NAN),
            n if MATH_FUNCTIONS.contains(&n) => Global::MathFn(n.to_string()),
            _ => Global::Unbound,
        }
    }

    fn callable(&self, _module: &str, _name: &str) -> Option<u64> {
        None
    }

    fn str_constant(&self, _text: &str) -> Option<u64> {
        None
    }
}

pub fn opts() -> Options {
    Options { plain_float_sum: true, asserts: true, comprehension_frames: true }
}

/// Lowers a single function (the root) on `args`.
pub fn lower(src: &str, args: &[Ty]) -> Result<Program, Reject> {
    Stub::new().def(src).lower(args)
}

/// Lowers a single function, expecting success.
#[track_caller]
pub fn lower_ok(src: &str, args: &[Ty]) -> Program {
    match lower(src, args) {
        Ok(p) => p,
        Err(r) => panic!("expected {src:?} to lower, got reject: {r}"),
    }
}

/// Lowers a single function whose source starts at `first_line`, expecting
/// a rejection.
#[track_caller]
pub fn reject_at(src: &str, first_line: u32, args: &[Ty]) -> Reject {
    match Stub::new().def_at(src, first_line).lower(args) {
        Ok(p) => panic!("expected {src:?} to be rejected, it lowered to:\n{}", p.pretty()),
        Err(r) => r,
    }
}

/// The type of the variable `name` in spec `spec`.
#[track_caller]
pub fn var_ty(p: &Program, spec: usize, name: &str) -> Ty {
    let f = &p.specs[spec];
    f.vars
        .iter()
        .find(|v| v.name == name)
        .unwrap_or_else(|| panic!("no variable `{name}` in spec {spec}:\n{}", p.pretty()))
        .ty
        .clone()
}

#[track_caller]
pub fn var(p: &Program, spec: usize, name: &str) -> ir::Var {
    p.specs[spec]
        .vars
        .iter()
        .find(|v| v.name == name)
        .unwrap_or_else(|| panic!("no variable `{name}` in spec {spec}:\n{}", p.pretty()))
        .clone()
}

pub fn list(t: Ty) -> Ty {
    Ty::list(t)
}

// ---------------------------------------------------------------- host

thread_local! {
    /// Host functions called on this thread (generated code runs on the
    /// calling thread), so parallel tests do not see each other's calls.
    static HOST_CALLS: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

fn host_called(name: &'static str) {
    HOST_CALLS.with(|c| c.borrow_mut().push(name));
}

/// Host functions called since the last call of this function.
pub fn take_host_calls() -> Vec<&'static str> {
    HOST_CALLS.with(|c| std::mem::take(&mut *c.borrow_mut()))
}

type Obj = *mut u8;

// Every stub records its name and fails as gently as its contract allows
// (NULL / 0 where the generated code checks for an error), so a test sees the
// call instead of the process dying; scalar code must call none of them.
extern "C" fn rt_box_float(_: f64) -> Obj {
    host_called("rt_box_float");
    std::ptr::null_mut()
}
extern "C" fn rt_box_int(_: i64) -> Obj {
    host_called("rt_box_int");
    std::ptr::null_mut()
}
extern "C" fn rt_unbox_int(_: Obj, _: *mut i64) -> i8 {
    host_called("rt_unbox_int");
    0
}
extern "C" fn rt_incref(_: Obj) {
    host_called("rt_incref");
}
extern "C" fn rt_decref(_: Obj) {
    host_called("rt_decref");
}
extern "C" fn rt_list_new(_: i64) -> Obj {
    host_called("rt_list_new");
    std::ptr::null_mut()
}
extern "C" fn rt_list_repeat(_: Obj, _: i64) -> Obj {
    host_called("rt_list_repeat");
    std::ptr::null_mut()
}
extern "C" fn rt_list_copy(_: Obj) -> Obj {
    host_called("rt_list_copy");
    std::ptr::null_mut()
}
extern "C" fn rt_list_set(ctx: *mut CallCtx, _: Obj, _: i64, _: Obj, _: i8) {
    host_called("rt_list_set");
    unsafe { (*ctx).set_bail(Bail::HostError) }
}
extern "C" fn rt_list_append(_: *mut CallCtx, _: Obj, _: Obj, _: i8) -> i8 {
    host_called("rt_list_append");
    0
}
extern "C" fn rt_tuple_new(_: i64) -> Obj {
    host_called("rt_tuple_new");
    std::ptr::null_mut()
}
extern "C" fn rt_py_call(_: Obj, _: *const Obj, _: i64) -> Obj {
    host_called("rt_py_call");
    std::ptr::null_mut()
}
extern "C" fn rt_dict_box(_: *mut std::ffi::c_void) -> Obj {
    host_called("rt_dict_box");
    std::ptr::null_mut()
}
extern "C" fn rt_str_encode(_: Obj) -> Obj {
    host_called("rt_str_encode");
    std::ptr::null_mut()
}
extern "C" fn rt_bytes_list(_: Obj) -> Obj {
    host_called("rt_bytes_list");
    std::ptr::null_mut()
}
extern "C" fn rt_list_pop(_: *mut CallCtx, _: Obj, _: i64, _: i8) -> Obj {
    host_called("rt_list_pop");
    std::ptr::null_mut()
}
extern "C" fn rt_np_box(_: i64, _: i64) -> Obj {
    host_called("rt_np_box");
    std::ptr::null_mut()
}
extern "C" fn rt_np_unbox(_: Obj, _: i64, _: *mut u64) -> i8 {
    host_called("rt_np_unbox");
    0
}
extern "C" fn rt_release_gil() -> *mut u8 {
    host_called("rt_release_gil");
    std::ptr::null_mut()
}
extern "C" fn rt_acquire_gil(_: *mut u8) {
    host_called("rt_acquire_gil");
}
extern "C" fn rt_seq_slice(_: Obj, _: i64, _: i64) -> Obj {
    host_called("rt_seq_slice");
    std::ptr::null_mut()
}
extern "C" fn rt_str_item(_: Obj, _: i64) -> Obj {
    host_called("rt_str_item");
    std::ptr::null_mut()
}
extern "C" fn rt_str_eq(_: Obj, _: Obj) -> i8 {
    host_called("rt_str_eq");
    0
}
extern "C" fn rt_str_contains(_: Obj, _: Obj) -> i8 {
    host_called("rt_str_contains");
    -1
}
extern "C" fn rt_list_insert(_: *mut CallCtx, _: Obj, _: i64, _: Obj, _: i8) -> i8 {
    host_called("rt_list_insert");
    0
}
extern "C" fn rt_list_extend(_: *mut CallCtx, _: Obj, _: Obj, _: i8) -> i8 {
    host_called("rt_list_extend");
    0
}
extern "C" fn rt_dict_unbox(_: *mut CallCtx, _: Obj) -> *mut u8 {
    host_called("rt_dict_unbox");
    std::ptr::null_mut()
}
extern "C" fn rt_dict_writeback(_: Obj, _: *mut u8) -> i8 {
    host_called("rt_dict_writeback");
    0
}
extern "C" fn rt_str_hash(_: Obj) -> i64 {
    host_called("rt_str_hash");
    0
}

/// A host whose objects are dummy addresses and whose functions only record
/// that they were called.
pub fn stub_host() -> Host {
    let functions: Vec<(&'static str, *const u8)> = vec![
        ("rt_box_float", rt_box_float as *const u8),
        ("rt_box_int", rt_box_int as *const u8),
        ("rt_unbox_int", rt_unbox_int as *const u8),
        ("rt_incref", rt_incref as *const u8),
        ("rt_decref", rt_decref as *const u8),
        ("rt_list_new", rt_list_new as *const u8),
        ("rt_list_repeat", rt_list_repeat as *const u8),
        ("rt_list_copy", rt_list_copy as *const u8),
        ("rt_list_set", rt_list_set as *const u8),
        ("rt_list_append", rt_list_append as *const u8),
        ("rt_tuple_new", rt_tuple_new as *const u8),
        ("rt_py_call", rt_py_call as *const u8),
        ("rt_dict_box", rt_dict_box as *const u8),
        ("rt_str_encode", rt_str_encode as *const u8),
        ("rt_bytes_list", rt_bytes_list as *const u8),
        ("rt_list_pop", rt_list_pop as *const u8),
        ("rt_np_box", rt_np_box as *const u8),
        ("rt_np_unbox", rt_np_unbox as *const u8),
        ("rt_release_gil", rt_release_gil as *const u8),
        ("rt_acquire_gil", rt_acquire_gil as *const u8),
        ("rt_seq_slice", rt_seq_slice as *const u8),
        ("rt_str_item", rt_str_item as *const u8),
        ("rt_str_eq", rt_str_eq as *const u8),
        ("rt_str_contains", rt_str_contains as *const u8),
        ("rt_list_insert", rt_list_insert as *const u8),
        ("rt_list_extend", rt_list_extend as *const u8),
        ("rt_dict_unbox", rt_dict_unbox as *const u8),
        ("rt_dict_writeback", rt_dict_writeback as *const u8),
        ("rt_str_hash", rt_str_hash as *const u8),
    ];
    for (name, _) in abi::HOST_FUNCTIONS {
        assert!(functions.iter().any(|(n, _)| n == name), "stub host lacks {name}");
    }
    Host {
        objects: Objects {
            float_type: FLOAT_TYPE,
            int_type: INT_TYPE,
            list_type: 0x3000,
            str_type: 0x3400,
            tuple_type: 0x3800,
            py_true: PY_TRUE,
            py_false: PY_FALSE,
            py_none: PY_NONE,
            small_int_inline: false,
        },
        functions,
    }
}

// ---------------------------------------------------------------- codegen

/// A compiled program with the IR it came from.
pub struct Native {
    pub prog: Program,
    pub code: Compiled,
}

/// Lowers and compiles a single function on `args`.
#[track_caller]
pub fn jit(src: &str, args: &[Ty]) -> Native {
    jit_stub(Stub::new().def(src), args)
}

#[track_caller]
pub fn jit_stub(stub: Stub, args: &[Ty]) -> Native {
    let prog = match stub.lower(args) {
        Ok(p) => p,
        Err(r) => panic!("lowering failed: {r}"),
    };
    let jit = Jit::new().expect("a JIT for this machine");
    let code = jit.compile(&prog, &stub_host()).unwrap_or_else(|e| panic!("codegen failed: {e}\n{}", prog.pretty()));
    Native { prog, code }
}

/// Names of the machine types a type lowers to, e.g. `["i8", "i64"]`.
pub fn machine(ty: &Ty) -> Vec<String> {
    machine_types(ty).iter().map(|t| t.to_string()).collect()
}

impl Native {
    /// Checks spec 0's machine signature before a test transmutes its
    /// address: `params` and `ret` are machine type names.
    #[track_caller]
    pub fn check_abi(&self, params: &[&str], ret: &[&str]) {
        let f = &self.prog.specs[0];
        let got: Vec<String> = f.param_tys.iter().flat_map(machine).collect();
        assert_eq!(got, params, "parameter machine types of {}:\n{}", f.name, self.prog.pretty());
        assert_eq!(machine(&f.ret), ret, "return machine types of {}:\n{}", f.name, self.prog.pretty());
    }
}

/// A `Num` (`int|float`) return value: the two machine values the
/// SysV/AAPCS C ABI returns in two integer registers, as Cranelift does.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct NumRet {
    pub tag: i8,
    pub payload: i64,
}

/// A Python number as the tests see it.
#[derive(Debug, Clone, Copy)]
pub enum Num {
    Int(i64),
    Float(f64),
}

impl NumRet {
    pub fn value(self) -> Num {
        match self.tag {
            0 => Num::Int(self.payload),
            1 => Num::Float(f64::from_bits(self.payload as u64)),
            t => panic!("bad Num tag {t}"),
        }
    }
}

impl PartialEq for Num {
    /// Same Python type and same value; floats compare bit for bit (so
    /// -0.0 != 0.0) except that any NaN equals any NaN.
    fn eq(&self, other: &Num) -> bool {
        match (self, other) {
            (Num::Int(a), Num::Int(b)) => a == b,
            (Num::Float(a), Num::Float(b)) => same_float(*a, *b),
            _ => false,
        }
    }
}

/// Bit-exact float equality, any NaN matching any NaN.
pub fn same_float(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits()
}

/// Calls spec `$idx` (default 0) of a [`Native`] as
/// `extern "C" fn(*mut CallCtx, $ty...) -> $ret` with a fresh context
/// (no depth limit) and returns `(result, ctx.bailed())`. Also asserts that
/// no host function was called and that the depth count came back to 0.
#[allow(unused_macros)]
macro_rules! call {
    ($n:expr, fn($($ty:ty),*) -> $ret:ty, $($arg:expr),* $(,)?) => {
        call!(@limit u32::MAX, $n, fn($($ty),*) -> $ret, $($arg),*)
    };
    (@limit $limit:expr, $n:expr, fn($($ty:ty),*) -> $ret:ty, $($arg:expr),* $(,)?) => {{
        let native: &crate::common::Native = &$n;
        let f: extern "C" fn(*mut ::rustify_compiler::abi::CallCtx, $($ty),*) -> $ret =
            unsafe { ::std::mem::transmute(native.code.functions[0]) };
        let mut ctx = ::rustify_compiler::abi::CallCtx::new($limit, ::std::ptr::null_mut());
        crate::common::take_host_calls();
        let r = f(&mut ctx, $($arg),*);
        let calls = crate::common::take_host_calls();
        assert!(calls.is_empty(), "scalar code called host functions {calls:?}");
        assert_eq!(ctx.depth, 0, "call depth not restored");
        (r, ctx.bailed())
    }};
}

/// Asserts a call returned `value` without bailing.
#[track_caller]
pub fn ok<T: PartialEq + std::fmt::Debug>(got: (T, Option<Bail>), value: T) {
    assert_eq!(got.1, None, "unexpected bail-out (result {:?}, wanted {:?})", got.0, value);
    assert_eq!(got.0, value);
}

/// Asserts a call bailed out with `bail`.
#[track_caller]
pub fn bailed<T: std::fmt::Debug>(got: (T, Option<Bail>), bail: Bail) {
    assert_eq!(got.1, Some(bail), "expected a bail-out, got result {:?}", got.0);
}

/// Asserts a float call returned exactly `value` (bit for bit; NaN matches
/// NaN) without bailing.
#[track_caller]
pub fn ok_f(got: (f64, Option<Bail>), value: f64) {
    assert_eq!(got.1, None, "unexpected bail-out (result {:?}, wanted {:?})", got.0, value);
    assert!(same_float(got.0, value), "got {:?} ({:#x}), wanted {:?} ({:#x})", got.0, got.0.to_bits(), value, value.to_bits());
}

// ---------------------------------------------------------------- tables

/// A scalar result as the tests see it (a `Num` result keeps its tag).
#[derive(Debug, Clone, Copy)]
pub enum Got {
    I(i64),
    F(f64),
    B(bool),
}

/// What CPython 3.11 does: returns this value, or raises / needs a bigint
/// (native code must then bail out with this code).
#[derive(Debug, Clone, Copy)]
pub enum Want {
    I(i64),
    F(f64),
    B(bool),
    Bail(Bail),
}

impl Want {
    pub fn matches(self, got: Got, bail: Option<Bail>) -> bool {
        match (self, got, bail) {
            (Want::Bail(w), _, Some(b)) => w == b,
            (_, _, Some(_)) | (Want::Bail(_), _, None) => false,
            (Want::I(w), Got::I(g), None) => w == g,
            (Want::F(w), Got::F(g), None) => same_float(w, g),
            (Want::B(w), Got::B(g), None) => w == g,
            _ => false,
        }
    }
}

/// Calls spec 0 with the given argument machine types, reading the result
/// according to its return type (int, float, bool or int|float).
#[allow(unused_macros)]
macro_rules! invoke {
    ($n:expr, fn($($ty:ty),*), $($arg:expr),* $(,)?) => {{
        let native: &crate::common::Native = &$n;
        let ret = crate::common::machine(&native.prog.specs[0].ret);
        let ret: Vec<&str> = ret.iter().map(|s| s.as_str()).collect();
        match ret.as_slice() {
            ["i64"] => {
                let (r, b) = call!(native, fn($($ty),*) -> i64, $($arg),*);
                (crate::common::Got::I(r), b)
            }
            ["f64"] => {
                let (r, b) = call!(native, fn($($ty),*) -> f64, $($arg),*);
                (crate::common::Got::F(r), b)
            }
            ["i8"] => {
                let (r, b) = call!(native, fn($($ty),*) -> i8, $($arg),*);
                assert!(r == 0 || r == 1, "bool result {r}");
                (crate::common::Got::B(r != 0), b)
            }
            ["i8", "i64"] => {
                let (r, b) = call!(native, fn($($ty),*) -> crate::common::NumRet, $($arg),*);
                let g = if b.is_some() {
                    crate::common::Got::I(r.payload)
                } else {
                    match r.value() {
                        crate::common::Num::Int(i) => crate::common::Got::I(i),
                        crate::common::Num::Float(f) => crate::common::Got::F(f),
                    }
                };
                (g, b)
            }
            other => panic!("no test calling convention for returns {other:?}"),
        }
    }};
}

/// Runs every row of a table against one compiled function and reports all
/// mismatching rows at once.
#[allow(unused_macros)]
macro_rules! table {
    ($src:expr, [$($pty:expr),*], fn($($ty:ty),*), |$($a:ident),*|, $rows:expr) => {{
        let src: &str = $src;
        let native = crate::common::jit(src, &[$($pty),*]);
        let want_params: Vec<String> = [$($pty),*].iter().flat_map(crate::common::machine).collect();
        let got_params: Vec<String> = native.prog.specs[0].param_tys.iter().flat_map(crate::common::machine).collect();
        assert_eq!(got_params, want_params);
        let mut failures = Vec::new();
        for &(($($a),*,), want) in $rows.iter() {
            let want: crate::common::Want = want;
            let (got, bail) = invoke!(native, fn($($ty),*), $($a),*);
            if !want.matches(got, bail) {
                failures.push(format!("  f{:?}: wanted {want:?}, got {got:?} bail {bail:?}", ($($a),*,)));
            }
        }
        assert!(failures.is_empty(), "{src}{}\n{}", native.prog.pretty(), failures.join("\n"));
    }};
}

// ---------------------------------------------------------------- boxing host

/// A stand-in for a CPython int or float object: the header fields at
/// the offsets of `abi::layout`, the value at `FLOAT_VALUE`.
#[repr(C)]
pub struct FakeObj {
    pub refcnt: i64,
    pub ty: u64,
    pub value: u64,
}

pub const INT_TYPE: u64 = 0x2000;
pub const FLOAT_TYPE: u64 = 0x1000;
pub const PY_TRUE: u64 = 0x4000;
pub const PY_FALSE: u64 = 0x5000;
pub const PY_NONE: u64 = 0x6000;

extern "C" fn box_float_for_real(x: f64) -> Obj {
    host_called("rt_box_float");
    Box::into_raw(Box::new(FakeObj { refcnt: 1, ty: FLOAT_TYPE, value: x.to_bits() })) as Obj
}
extern "C" fn box_int_for_real(x: i64) -> Obj {
    host_called("rt_box_int");
    Box::into_raw(Box::new(FakeObj { refcnt: 1, ty: INT_TYPE, value: x as u64 })) as Obj
}
extern "C" fn incref_singleton(o: Obj) {
    assert!(
        [PY_TRUE, PY_FALSE, PY_NONE].contains(&(o as u64)),
        "rt_incref of a non-singleton {o:?} in scalar code"
    );
    host_called("rt_incref");
}

/// The stub host, except that ints and floats really box (into
/// [`FakeObj`]s) and the singletons may be incref'd: what the boxed entry
/// of a scalar function needs.
pub fn boxing_host() -> Host {
    let mut h = stub_host();
    for (name, f) in h.functions.iter_mut() {
        match *name {
            "rt_box_float" => *f = box_float_for_real as *const u8,
            "rt_box_int" => *f = box_int_for_real as *const u8,
            "rt_incref" => *f = incref_singleton as *const u8,
            _ => {}
        }
    }
    h
}

/// What the boxed entry returned.
#[derive(Debug, PartialEq)]
pub enum Boxed {
    Null,
    Int(i64),
    Float(u64),
    True,
    False,
    None,
}

/// Lowers and compiles `src` for the boxing host, then calls its boxed
/// entry with argument slots `args`; returns the result and the bail code.
pub fn call_entry(src: &str, tys: &[Ty], args: &[u64]) -> (Boxed, Option<Bail>) {
    let stub = Stub::new().def(src);
    let prog = stub.lower(tys).unwrap_or_else(|r| panic!("{r}"));
    let code = Jit::new().unwrap().compile(&prog, &boxing_host()).unwrap();
    let entry: extern "C" fn(*mut CallCtx, *const u64) -> *mut FakeObj = unsafe { std::mem::transmute(code.entry) };
    let mut ctx = CallCtx::new(u32::MAX, std::ptr::null_mut());
    take_host_calls();
    let obj = entry(&mut ctx, args.as_ptr());
    let calls = take_host_calls();
    assert!(calls.len() <= 1, "one boxing call at most, got {calls:?}");
    let out = match obj as u64 {
        0 => Boxed::Null,
        PY_TRUE => Boxed::True,
        PY_FALSE => Boxed::False,
        PY_NONE => Boxed::None,
        _ => {
            let b = unsafe { Box::from_raw(obj) };
            assert_eq!(b.refcnt, 1);
            match b.ty {
                INT_TYPE => Boxed::Int(b.value as i64),
                FLOAT_TYPE => Boxed::Float(b.value),
                t => panic!("unknown type {t:#x}"),
            }
        }
    };
    (out, ctx.bailed())
}
