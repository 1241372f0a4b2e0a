//! `rustify_ml._native`: the CPython boundary of rustify-ml.
//!
//! A [`JitFunction`] wraps a Python function. On each call it classifies the
//! arguments into a type signature, compiles that specialisation once with
//! the compiler core (tier 1, Cranelift), checks the globals the code froze,
//! and runs the native entry. Whenever native code cannot finish a call
//! exactly it *bails out*: the undo journal restores any argument lists it
//! mutated and the original Python function runs the call from the start,
//! raising or computing exactly what CPython does.
//!
//! Tier 2 (`tier2.rs`) builds the same programs as Rust extensions in the
//! background and swaps them in between calls; a later process links them
//! from the cache at the first call instead of compiling.
//!
//! Source layout: `args.rs` (signatures and unboxed slots), `host.rs` (the
//! helpers native code calls, the undo journal), `resolver.rs` (globals and
//! sources for the compiler, guards), `tier2.rs` (builds, cache, linking),
//! `sampler.rs` (the in-process py-spy sampler behind auto mode),
//! `counter.rs` (its call-counting fallback).

mod args;
mod counter;
mod host;
mod resolver;
mod sampler;
mod standalone;
mod tier2;

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use pyo3::{ffi, IntoPyObjectExt};
use rustify_compiler::abi::{Bail, Host};
// `host.rs` and `args.rs` name these as `crate::abi` / `crate::types`: the
// standalone crates of `rustify-ml accelerate` carry them verbatim.
use rustify_compiler::{abi, dict, types};
use rustify_compiler::codegen::{Compiled, Jit};
use rustify_compiler::types::signature_string;
use rustify_compiler::{infer, ir, rustgen, Options};

use args::{Args, Unsupported};
use resolver::{Guard, PyResolver};

/// C stack kept free below a re-run through the wrapper (see `run_python`).
const C_STACK_MARGIN: u64 = 1 << 20;

/// Tier-1 compiles in this process (a warm start from the cache has none).
static JIT_COMPILES: AtomicU64 = AtomicU64::new(0);

/// After this many bail-outs outnumbering successful native calls, a
/// specialisation is retired: it costs more than it saves.
const BAIL_LIMIT: u64 = 16;

struct Backend {
    jit: Jit,
    host: Host,
}

// SAFETY: `Host` holds addresses of functions and interpreter statics, which
// are valid from any thread; `Jit` holds an immutable target description.
unsafe impl Send for Backend {}
unsafe impl Sync for Backend {}

static BACKEND: OnceLock<Result<Backend, String>> = OnceLock::new();

fn backend() -> Result<&'static Backend, &'static str> {
    BACKEND
        .get_or_init(|| {
            host::check_layout()?;
            Ok(Backend { jit: Jit::new()?, host: host::host() })
        })
        .as_ref()
        .map_err(|e| e.as_str())
}

fn log_enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| {
        std::env::var("RUSTIFY_LOG").map(|v| matches!(v.to_ascii_lowercase().as_str(), "info" | "debug" | "1")).unwrap_or(false)
    })
}

fn log(msg: &str) {
    if log_enabled() {
        eprintln!("rustify-ml: {msg}");
    }
}

/// Native code for one argument signature.
pub struct Native {
    /// Tier-1 machine code; `None` when tier 2 came straight from the cache.
    compiled: Option<Compiled>,
    /// The entry calls run: tier 1's, or tier 2's once it won its trial.
    entry: AtomicUsize,
    ext: AtomicBool,
    /// A tier-2 entry on trial against tier 1 (timed on real calls).
    trial: Mutex<Option<Trial>>,
    trial_on: AtomicBool,
    guards: Vec<Guard>,
    /// Writes into numpy arrays: array arguments are saved before a call
    /// (a bail-out puts them back) and must be writable.
    writes_arrays: bool,
    /// Touches no Python object: may run without the GIL.
    without_objects: bool,
    /// Keeps the `math` functions the code calls alive.
    _callables: Vec<Py<PyAny>>,
    signature: String,
    ir: String,
    compile_ms: f64,
    calls: AtomicU64,
    bails: AtomicU64,
}

/// Calls alternate between the tiers until each has this many timed calls.
const TRIAL_CALLS: u32 = 5;

/// Fastest observed call of each tier during a trial, in nanoseconds.
struct Trial {
    ext_entry: usize,
    best: [u64; 2],
    calls: [u32; 2],
}

impl Native {
    /// A tier-2 entry for this signature landed: runs it at once when there
    /// is no tier 1, else puts it on trial against tier 1.
    fn offer_ext(&self, ext_entry: usize) {
        if self.compiled.is_none() {
            self.entry.store(ext_entry, Relaxed);
            self.ext.store(true, Relaxed);
            return;
        }
        *self.trial.lock().unwrap_or_else(|p| p.into_inner()) = Some(Trial { ext_entry, best: [u64::MAX; 2], calls: [0; 2] });
        self.trial_on.store(true, Relaxed);
    }

    /// The entry for the next trial call and its tier index (0 jit, 1 ext).
    fn trial_pick(&self) -> Option<(usize, usize)> {
        let t = self.trial.lock().unwrap_or_else(|p| p.into_inner());
        let t = t.as_ref()?;
        let side = usize::from(t.calls[1] < t.calls[0]);
        Some((if side == 1 { t.ext_entry } else { self.entry.load(Relaxed) }, side))
    }

    /// Tier 2 bailed out where tier 1 finished: it is not used again.
    fn trial_abandon(&self, name: &str) {
        *self.trial.lock().unwrap_or_else(|p| p.into_inner()) = None;
        self.trial_on.store(false, Relaxed);
        eprintln!("rustify-ml: {name}{}: tier 2 bailed out where tier 1 did not (please report); keeping tier 1", self.signature);
    }

    /// Records a finished trial call; decides once both tiers have enough.
    fn trial_record(&self, side: usize, nanos: u64, name: &str) {
        let mut guard = self.trial.lock().unwrap_or_else(|p| p.into_inner());
        let Some(t) = guard.as_mut() else { return };
        t.best[side] = t.best[side].min(nanos);
        t.calls[side] += 1;
        if t.calls.iter().all(|&c| c >= TRIAL_CALLS) {
            let (jit, ext) = (t.best[0] as f64 / 1e3, t.best[1] as f64 / 1e3);
            if t.best[1] <= t.best[0] {
                self.entry.store(t.ext_entry, Relaxed);
                self.ext.store(true, Relaxed);
                log(&format!("{name}{}: tier 2 runs ({ext:.2} us per call, tier 1 {jit:.2} us)", self.signature));
            } else {
                eprintln!(
                    "rustify-ml: {name}{}: tier 2 was slower than tier 1 ({ext:.2} us vs {jit:.2} us per call); keeping tier 1",
                    self.signature
                );
            }
            *guard = None;
            self.trial_on.store(false, Relaxed);
        }
    }
}

enum Spec {
    Native(Arc<Native>),
    /// Not compilable for this signature: the reason, and the globals the
    /// verdict depended on (a rebinding may make it compilable).
    Python(String, Arc<Vec<Guard>>),
}

#[derive(Default)]
struct State {
    specs: Vec<(Vec<u8>, Spec)>,
    last_tier: &'static str,
    last_reason: Option<String>,
    last_bail: Option<String>,
    compile_ms: f64,
}

thread_local! {
    /// Wrappers whose CPython re-run after a bail-out is running on this
    /// thread (their recursive calls skip native code).
    static RERUNNING: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// How a call of the wrapper reached it, which is how the original runs.
enum OriginalCall<'a, 'py> {
    /// By vectorcall (no recursion unit taken): the same vector goes on.
    Vector { args: *const *mut ffi::PyObject, nargsf: usize, kwnames: *mut ffi::PyObject },
    /// By `tp_call`, which took a recursion unit.
    Tuple { args: &'a Bound<'py, PyTuple>, kwargs: Option<&'a Bound<'py, PyDict>> },
}

type VectorcallFn =
    unsafe extern "C" fn(*mut ffi::PyObject, *const *mut ffi::PyObject, usize, *mut ffi::PyObject) -> *mut ffi::PyObject;

/// The vectorcall entry of every `JitFunction`: no argument tuple, and no
/// recursion unit taken for the wrapper (a `tp_call` takes one, which would
/// make CPython's RecursionError come one level early, with another message).
unsafe extern "C" fn jit_vectorcall(
    callable: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargsf: usize,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    let py = unsafe { Python::assume_attached() };
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let slf = unsafe { Bound::from_borrowed_ptr(py, callable).cast_into_unchecked::<JitFunction>() };
        let this = slf.try_borrow().map_err(PyErr::from)?;
        this.vectorcall(py, args, nargsf, kwnames)
    }));
    match outcome {
        Ok(Ok(obj)) => obj.into_ptr(),
        Ok(Err(e)) => {
            e.restore(py);
            std::ptr::null_mut()
        }
        Err(_) => {
            pyo3::exceptions::PySystemError::new_err("rustify-ml: internal error in a jit call (please report)").restore(py);
            std::ptr::null_mut()
        }
    }
}

/// Points `JitFunction`'s type at [`jit_vectorcall`]: finds the offset of
/// the `vectorcall` field in an instance and sets `tp_vectorcall_offset`.
fn enable_vectorcall(py: Python<'_>) -> PyResult<()> {
    let probe = py.eval(c"lambda: None", None, None)?;
    let inst = Bound::new(py, JitFunction::new(py, probe, false)?)?;
    let offset = (&inst.borrow().vectorcall as *const VectorcallFn as usize) - inst.as_ptr() as usize;
    unsafe {
        let tp = inst.get_type().as_ptr() as *mut ffi::PyTypeObject;
        (*tp).tp_vectorcall_offset = offset as ffi::Py_ssize_t;
        (*tp).tp_flags |= ffi::Py_TPFLAGS_HAVE_VECTORCALL;
        ffi::PyType_Modified(tp);
    }
    Ok(())
}

/// The callable `rustify_ml.jit(f)` returns.
#[pyclass(dict, module = "rustify_ml._native", name = "JitFunction")]
struct JitFunction {
    func: Py<PyAny>,
    nparams: usize,
    /// Build tier 2 in the background and load it from the cache.
    tier2: bool,
    /// Python frames between a caller and this wrapper that a direct call
    /// would not have: auto mode's trampoline (1).
    trampoline_frames: u32,
    /// Where CPython finds the vectorcall entry (`tp_vectorcall_offset`).
    vectorcall: VectorcallFn,
    state: Mutex<State>,
    calls_native: AtomicU64,
    calls_python: AtomicU64,
    bails: AtomicU64,
}

impl JitFunction {
    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn set_last(&self, tier: &'static str, reason: Option<String>) {
        let mut s = self.state();
        s.last_tier = tier;
        s.last_reason = reason;
    }

    /// Runs the call in CPython; the status is written after it returns, so
    /// nested calls (recursion) cannot overwrite what the outer call says.
    ///
    /// The call through the wrapper took recursion units a direct call of
    /// the function would not have (a trampoline's frame, a `tp_call`):
    /// they are handed back while the function runs, so CPython raises
    /// RecursionError at exactly its own depth, with its own message.
    fn run_python(&self, py: Python<'_>, call: &OriginalCall<'_, '_>, reason: String) -> PyResult<Py<PyAny>> {
        self.calls_python.fetch_add(1, Relaxed);
        // Recursing through the wrapper nests a C-level interpreter call per
        // level, where plain CPython 3.11 nests none: near the end of the
        // thread's C stack, run a shadow copy whose recursion stays in one
        // interpreter loop (exact for code that compiled, which never writes
        // globals); anything else stops with CPython's RecursionError rather
        // than overflow the stack.
        let func = if host::c_stack_low(C_STACK_MARGIN) {
            if self.state().compile_ms == 0.0 {
                self.set_last("python", Some(reason));
                return Err(pyo3::exceptions::PyRecursionError::new_err("maximum recursion depth exceeded"));
            }
            py.import("rustify_ml._resolve")?.call_method1("shadow", (self.func.bind(py),))?
        } else {
            self.func.bind(py).clone()
        };
        let credit = host::recursion_credit(self.extra_units(call));
        let result = match *call {
            OriginalCall::Vector { args, nargsf, kwnames } => unsafe {
                Bound::from_owned_ptr_or_err(py, ffi::PyObject_Vectorcall(func.as_ptr(), args, nargsf, kwnames))
                    .map(Bound::unbind)
            },
            OriginalCall::Tuple { args, kwargs } => func.call(args, kwargs).map(Bound::unbind),
        };
        drop(credit);
        self.set_last("python", Some(reason));
        result
    }

    /// Recursion units this call cost beyond a direct call of the function.
    fn extra_units(&self, call: &OriginalCall<'_, '_>) -> u32 {
        self.trampoline_frames + u32::from(matches!(call, OriginalCall::Tuple { .. }))
    }

    /// The call itself, its arguments bound to parameter positions.
    fn call_bound(&self, py: Python<'_>, bound: &[*mut ffi::PyObject], call: &OriginalCall<'_, '_>) -> PyResult<Py<PyAny>> {
        let me = self as *const Self as usize;
        if RERUNNING.with(|r| r.borrow().contains(&me)) {
            // The CPython re-run of a bail-out of this function is below on
            // this thread: native code would bail out the same way again.
            return self.run_python(py, call, "inside the CPython re-run of a bail-out".into());
        }
        let mut a = Args::new();
        for &arg in bound {
            if let Err(Unsupported(what)) = unsafe { a.push(arg) } {
                return self.run_python(py, call, format!("{what} has no native representation"));
            }
        }
        let mut native = match self.specialisation(py, a.signature()) {
            Ok(n) => n,
            Err(reason) => return self.run_python(py, call, reason),
        };
        if !native.guards.iter().all(|g| g.holds(py)) {
            self.invalidate(py);
            native = match self.specialisation(py, a.signature()) {
                Ok(n) => n,
                Err(reason) => return self.run_python(py, call, reason),
            };
        }
        if native.writes_arrays && a.readonly_array {
            return self.run_python(py, call, "a read-only array would be written".into());
        }
        // A program that touches no Python object releases the GIL for
        // calls over arrays of `GIL_RELEASE_ELEMENTS` or more: below it,
        // handing the GIL over (~0.1-1 us) costs more than other threads
        // gain. Every array is then pinned by a buffer export.
        let release_gil =
            native.without_objects && a.array_elements >= args::GIL_RELEASE_ELEMENTS && unsafe { a.pin_arrays() };
        // A direct call would have paid one unit for the function's frame;
        // the call through the wrapper paid `extra_units` (the trampoline's
        // frame stands for it), and the native root is that frame.
        let depth_limit = host::recursion_room().saturating_add(self.extra_units(call));
        let attempt = |entry: usize| {
            let mut journal = host::Journal::default();
            if native.writes_arrays {
                // SAFETY: the buffer exports in `a` keep the memory valid.
                unsafe { journal.save_regions(&a.array_regions()) };
            }
            let mut ctx = host::call_ctx(depth_limit, &mut journal);
            ctx.release_gil = release_gil as u32;
            // SAFETY: the entry was compiled for exactly this signature, the
            // slots were filled by the same classification, the GIL is held.
            let result = unsafe { std::mem::transmute::<usize, host::Entry>(entry)(&mut ctx, a.slots.as_ptr()) };
            host::end_call(&mut ctx);
            let bailed = ctx.bailed();
            (result, journal, bailed)
        };
        let trial = if native.trial_on.load(Relaxed) { native.trial_pick() } else { None };
        let (entry, mut ext) = match trial {
            Some((entry, side)) => (entry, side == 1),
            None => (native.entry.load(Relaxed), native.ext.load(Relaxed)),
        };
        let t0 = trial.map(|_| Instant::now());
        let (mut result, mut journal, mut bailed) = attempt(entry);
        if let (Some((_, side)), Some(t0), false) = (trial, t0, result.is_null()) {
            native.trial_record(side, t0.elapsed().as_nanos() as u64, &self.name(py));
        }
        if result.is_null() && trial.is_some() && ext {
            // Tier 2 bailed out on trial: tier 1 must bail out too, else the
            // two disagree and tier 2 is dropped.
            unsafe { journal.bailed_out() };
            (result, journal, bailed) = attempt(native.entry.load(Relaxed));
            ext = false;
            if !result.is_null() {
                native.trial_abandon(&self.name(py));
            }
        }
        if !result.is_null() {
            unsafe { journal.commit() };
            native.calls.fetch_add(1, Relaxed);
            self.calls_native.fetch_add(1, Relaxed);
            {
                let mut s = self.state();
                s.last_tier = if ext { "ext" } else { "jit" };
                s.last_reason = None;
            }
            return Ok(unsafe { Bound::from_owned_ptr(py, result) }.unbind());
        }
        // Bailed out: undo, then let CPython run the call from the start.
        unsafe { journal.bailed_out() };
        let why = bailed.map(|b| b.to_string()).unwrap_or_else(|| Bail::HostError.to_string());
        self.bails.fetch_add(1, Relaxed);
        let bails = native.bails.fetch_add(1, Relaxed) + 1;
        if bails >= BAIL_LIMIT && bails > native.calls.load(Relaxed) {
            self.retire(py, &native, &why);
        }
        self.state().last_bail = Some(why.clone());
        RERUNNING.with(|r| r.borrow_mut().push(me));
        let result = self.run_python(py, call, format!("bailed out: {why}"));
        RERUNNING.with(|r| r.borrow_mut().retain(|&x| x != me));
        result
    }

    /// A vectorcall of the wrapper: positional calls of the right arity go
    /// straight to the native path, anything else through `__call__`.
    fn vectorcall(
        &self,
        py: Python<'_>,
        args: *const *mut ffi::PyObject,
        nargsf: usize,
        kwnames: *mut ffi::PyObject,
    ) -> PyResult<Py<PyAny>> {
        let nargs = unsafe { ffi::PyVectorcall_NARGS(nargsf) } as usize;
        let call = OriginalCall::Vector { args, nargsf, kwnames };
        if kwnames.is_null() && nargs == self.nparams {
            let bound = unsafe { std::slice::from_raw_parts(args, nargs) };
            return self.call_bound(py, bound, &call);
        }
        let positional = PyTuple::new(py, (0..nargs).map(|i| unsafe { Bound::from_borrowed_ptr(py, *args.add(i)) }))?;
        let kwargs = if kwnames.is_null() {
            None
        } else {
            let names = unsafe { Bound::from_borrowed_ptr(py, kwnames) };
            let d = PyDict::new(py);
            for (k, name) in names.try_iter()?.enumerate() {
                d.set_item(name?, unsafe { Bound::from_borrowed_ptr(py, *args.add(nargs + k)) })?;
            }
            Some(d)
        };
        self.call_unbound(py, &positional, kwargs.as_ref(), &call)
    }

    /// A call with keywords, defaults or another arity: bound like CPython
    /// binds it, or left to CPython when anything is unusual.
    fn call_unbound(
        &self,
        py: Python<'_>,
        args: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
        call: &OriginalCall<'_, '_>,
    ) -> PyResult<Py<PyAny>> {
        match self.bind_args(py, args, kwargs) {
            Some(bound) => {
                let ptrs: Vec<*mut ffi::PyObject> = bound.iter().map(|b| b.as_ptr()).collect();
                self.call_bound(py, &ptrs, call)
            }
            None => self.run_python(py, call, "call shape not handled natively (CPython binds it)".into()),
        }
    }

    /// Binds a call's arguments to parameter positions, like CPython, or
    /// `None` when anything is unusual (CPython will then raise or bind).
    fn bind_args<'py>(
        &self,
        py: Python<'py>,
        args: &Bound<'py, PyTuple>,
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> Option<Vec<Bound<'py, PyAny>>> {
        let n = args.len();
        let kwargs = kwargs.filter(|k| !k.is_empty());
        if n == self.nparams && kwargs.is_none() {
            return Some(args.iter().collect());
        }
        if n > self.nparams {
            return None;
        }
        let f = self.func.bind(py);
        let code = f.getattr("__code__").ok()?;
        let names: Vec<String> = code.getattr("co_varnames").ok()?.extract().ok()?;
        let posonly: usize = code.getattr("co_posonlyargcount").ok()?.extract().ok()?;
        let defaults: Vec<Bound<'py, PyAny>> =
            f.getattr("__defaults__").ok()?.extract::<Option<Vec<Bound<'py, PyAny>>>>().ok()?.unwrap_or_default();
        let mut slots: Vec<Option<Bound<'py, PyAny>>> = args.iter().map(Some).collect();
        slots.resize(self.nparams, None);
        if let Some(kw) = kwargs {
            for (k, v) in kw.iter() {
                let k: String = k.extract().ok()?;
                let i = names[..self.nparams].iter().position(|n| *n == k)?;
                if i < posonly || slots[i].is_some() {
                    return None;
                }
                slots[i] = Some(v);
            }
        }
        let first_default = self.nparams - defaults.len();
        for (i, slot) in slots.iter_mut().enumerate() {
            if slot.is_none() {
                *slot = Some(defaults.get(i.checked_sub(first_default)?)?.clone());
            }
        }
        slots.into_iter().collect()
    }

    fn lookup(&self, sig: &[u8]) -> Option<Result<Arc<Native>, (String, Arc<Vec<Guard>>)>> {
        self.state().specs.iter().find(|(s, _)| s == sig).map(|(_, spec)| match spec {
            Spec::Native(n) => Ok(n.clone()),
            Spec::Python(r, guards) => Err((r.clone(), guards.clone())),
        })
    }

    /// Compiles `sig`; a failure also reports the guards the verdict read.
    /// A panic in the compiler is an internal error, never the user's: it
    /// becomes a rejection like any other.
    fn compile(&self, py: Python<'_>, sig: &[u8]) -> Result<Arc<Native>, (String, Vec<Guard>)> {
        let root = self.func.bind(py);
        let (resolver, root_ref) = PyResolver::new(py, root).map_err(|e| (e.to_string(), vec![]))?;
        let attempt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.compile_with(py, sig, &resolver, root_ref)
        }));
        let result = attempt.unwrap_or_else(|panic| {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Err(format!("internal compiler error (please report): {what}"))
        });
        result.map_err(|e| (e, resolver.guards.take()))
    }

    fn compile_with(&self, py: Python<'_>, sig: &[u8], resolver: &PyResolver<'_>, root_ref: u64) -> Result<Arc<Native>, String> {
        let backend = backend().map_err(|e| format!("native code is off: {e}"))?;
        let tys = args::decode(sig);
        let t0 = Instant::now();
        let sys = py.import("sys").map_err(|e| e.to_string())?;
        let minor: u32 = sys.getattr("version_info").and_then(|v| v.get_item(1)).and_then(|v| v.extract()).unwrap_or(0);
        let optimize: u32 = sys.getattr("flags").and_then(|f| f.getattr("optimize")).and_then(|v| v.extract()).unwrap_or(0);
        let opts = Options { plain_float_sum: minor <= 11, asserts: optimize == 0, comprehension_frames: minor <= 11 };
        let program = infer::lower_program(resolver, opts, root_ref, &tys).map_err(|r| r.to_string())?;
        let signature = signature_string(&tys);
        let callables: Vec<usize> = program.py_callables.iter().map(|c| c.handle as usize).collect();
        // Tier 2: the program's Rust source names its cache entry; a hit
        // links the built extension and compiles nothing.
        let tier2 = tier2::get(py).filter(|_| self.tier2).and_then(|t| {
            let rust = rustgen::program_module(&program).map_err(|e| log(&format!("no tier 2 for {signature}: {e}"))).ok()?;
            let key = t.key(&rust, &resolver.sources.borrow(), &signature);
            Some((t, rust, key))
        });
        let cached = tier2.as_ref().and_then(|(t, _, key)| t.load(key, &callables));
        let compiled = match cached {
            Some(_) => None,
            None => {
                JIT_COMPILES.fetch_add(1, Relaxed);
                Some(backend.jit.compile(&program, &backend.host)?)
            }
        };
        let entry = cached.or(compiled.as_ref().map(|c| c.entry as usize)).unwrap_or(0);
        let compile_ms = t0.elapsed().as_secs_f64() * 1e3;
        let native = Arc::new(Native {
            compiled,
            entry: AtomicUsize::new(entry),
            ext: AtomicBool::new(cached.is_some()),
            trial: Mutex::new(None),
            trial_on: AtomicBool::new(false),
            guards: resolver.guards.take(),
            writes_arrays: ir::writes_arrays(&program),
            without_objects: ir::runs_without_objects(&program),
            _callables: resolver.callables.take(),
            signature: signature.clone(),
            ir: program.pretty(),
            compile_ms,
            calls: AtomicU64::new(0),
            bails: AtomicU64::new(0),
        });
        if let Some((t, rust, key)) = tier2 {
            let f = self.func.bind(py);
            let text = |o: PyResult<Bound<'_, PyAny>>| o.and_then(|v| v.extract::<String>()).unwrap_or_default();
            let module = text(f.getattr("__module__"));
            let function = format!("{module}.{}", text(f.getattr("__qualname__")));
            t.programs.lock().unwrap().push((function.clone(), signature.clone(), key.clone()));
            if cached.is_none() {
                let code = f.getattr("__code__");
                let entry = rustify_cache::Entry {
                    key: key.clone(),
                    function,
                    file: text(code.as_ref().map_err(|e| e.clone_ref(py)).and_then(|c| c.getattr("co_filename"))),
                    line: code.and_then(|c| c.getattr("co_firstlineno")).and_then(|v| v.extract()).unwrap_or(0),
                    signature,
                    artifact: String::new(),
                    index: 0,
                    created: 0,
                };
                t.submit(tier2::Job { key, module, rust, entry, callables, natives: vec![Arc::downgrade(&native)] });
            }
        }
        Ok(native)
    }

    /// The specialisation for `sig`, compiling it on first sight; `Err` is
    /// the reason the call must run in Python.
    fn specialisation(&self, py: Python<'_>, sig: &[u8]) -> Result<Arc<Native>, String> {
        match self.lookup(sig) {
            Some(Ok(n)) => return Ok(n),
            Some(Err((reason, guards))) => {
                if guards.iter().all(|g| g.holds(py)) {
                    return Err(reason);
                }
                self.state().specs.retain(|(s, _)| s != sig);
            }
            None => {}
        }
        let name = self.name(py);
        let result = self.compile(py, sig);
        let mut s = self.state();
        let (spec, result) = match result {
            Ok(n) => {
                s.compile_ms += n.compile_ms;
                log(&format!("compiled {name}{} in {:.2} ms", n.signature, n.compile_ms));
                (Spec::Native(n.clone()), Ok(n))
            }
            Err((reason, guards)) => {
                log(&format!("{name} runs in Python: {reason}"));
                (Spec::Python(reason.clone(), Arc::new(guards)), Err(reason))
            }
        };
        s.specs.push((sig.to_vec(), spec));
        result
    }

    fn name(&self, py: Python<'_>) -> String {
        self.func.bind(py).getattr("__qualname__").and_then(|n| n.extract()).unwrap_or_else(|_| "<function>".into())
    }

    /// Drops every specialisation (a global they froze was rebound).
    fn invalidate(&self, py: Python<'_>) {
        log(&format!("globals of {} changed: recompiling", self.name(py)));
        self.state().specs.clear();
    }

    fn retire(&self, py: Python<'_>, native: &Arc<Native>, reason: &str) {
        let msg = format!("bailed out of native code {} times ({reason})", native.bails.load(Relaxed));
        log(&format!("{}{}: {msg}", self.name(py), native.signature));
        let mut s = self.state();
        for (_, spec) in s.specs.iter_mut() {
            if matches!(spec, Spec::Native(n) if Arc::ptr_eq(n, native)) {
                *spec = Spec::Python(msg.clone(), Arc::new(Vec::new()));
            }
        }
    }
}



#[pymethods]
impl JitFunction {
    #[new]
    #[pyo3(signature = (func, tier2 = true))]
    fn new(py: Python<'_>, func: Bound<'_, PyAny>, tier2: bool) -> PyResult<Self> {
        let types = py.import("types")?;
        if !func.is_instance(&types.getattr("FunctionType")?)? {
            return Err(PyTypeError::new_err(format!(
                "rustify_ml.jit needs a Python function, got {}",
                func.get_type().name()?
            )));
        }
        let code = func.getattr("__code__")?;
        let nparams: usize = code.getattr("co_argcount")?.extract()?;
        Ok(JitFunction {
            func: func.unbind(),
            nparams,
            tier2,
            trampoline_frames: 0,
            vectorcall: jit_vectorcall,
            state: Mutex::new(State { last_tier: "python", ..State::default() }),
            calls_native: AtomicU64::new(0),
            calls_python: AtomicU64::new(0),
            bails: AtomicU64::new(0),
        })
    }

    /// Calls arrive by vectorcall (see [`jit_vectorcall`]); this `tp_call`
    /// makes the type callable to `callable()` and serves callers that
    /// still use it.
    #[pyo3(signature = (*args, **kwargs))]
    fn __call__(&self, py: Python<'_>, args: &Bound<'_, PyTuple>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Py<PyAny>> {
        self.call_unbound(py, args, kwargs, &OriginalCall::Tuple { args, kwargs })
    }

    /// Methods bind like the function they wrap.
    fn __get__(slf: Bound<'_, Self>, obj: Option<Bound<'_, PyAny>>, _ty: Option<Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
        match obj {
            Some(o) if !o.is_none() => {
                let method = slf.py().import("types")?.getattr("MethodType")?;
                Ok(method.call1((slf, o))?.unbind())
            }
            _ => Ok(slf.into_any().unbind()),
        }
    }

    /// Pickles by reference, like the function itself.
    fn __reduce__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.func.bind(py).getattr("__qualname__").map(Bound::unbind)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!("<rustify_ml.jit {}>", self.func.bind(py).repr()?))
    }

    /// The data behind `rustify_ml.status()`.
    fn _status<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let s = self.state();
        let d = PyDict::new(py);
        d.set_item("tier", s.last_tier)?;
        let reason = match (&s.last_reason, s.specs.is_empty()) {
            (None, true) => Some("not called yet".to_string()),
            (r, _) => r.clone(),
        };
        d.set_item("reason", reason)?;
        let sigs: Vec<String> = s
            .specs
            .iter()
            .filter_map(|(_, spec)| match spec {
                Spec::Native(n) => Some(n.signature.clone()),
                Spec::Python(..) => None,
            })
            .collect();
        d.set_item("signatures", PyList::new(py, sigs)?)?;
        let tiers = PyDict::new(py);
        for (_, spec) in &s.specs {
            if let Spec::Native(n) = spec {
                tiers.set_item(&n.signature, if n.ext.load(Relaxed) { "ext" } else { "jit" })?;
            }
        }
        d.set_item("tiers", tiers)?;
        let nogil: Vec<String> = s
            .specs
            .iter()
            .filter_map(|(_, spec)| match spec {
                Spec::Native(n) if n.without_objects => Some(n.signature.clone()),
                _ => None,
            })
            .collect();
        d.set_item("nogil", PyList::new(py, nogil)?)?;
        d.set_item("compile_ms", s.compile_ms)?;
        d.set_item("calls_native", self.calls_native.load(Relaxed))?;
        d.set_item("calls_python", self.calls_python.load(Relaxed))?;
        d.set_item("deopts", self.bails.load(Relaxed))?;
        d.set_item("last_deopt", s.last_bail.clone())?;
        let rejected: Vec<(String, String)> = s
            .specs
            .iter()
            .filter_map(|(sig, spec)| match spec {
                Spec::Python(r, _) => Some((signature_string(&args::decode(sig)), r.clone())),
                Spec::Native(_) => None,
            })
            .collect();
        d.set_item("rejected", rejected.into_py_any(py)?)?;
        Ok(d)
    }

    /// For `rustify-ml accelerate`: every compiled specialisation, compiled
    /// again to Rust source, as dicts (signature, sig, rust, callables,
    /// sources, globals: the (name, value) pairs it froze).
    fn _export<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let sigs: Vec<Vec<u8>> = self
            .state()
            .specs
            .iter()
            .filter(|(_, spec)| matches!(spec, Spec::Native(_)))
            .map(|(sig, _)| sig.clone())
            .collect();
        let out = PyList::empty(py);
        for sig in sigs {
            let root = self.func.bind(py);
            let (resolver, root_ref) = PyResolver::new(py, root)?;
            let tys = args::decode(&sig);
            let old = py.version_info() < (3, 12);
            let opts = Options { plain_float_sum: old, asserts: true, comprehension_frames: old };
            let Ok(program) = infer::lower_program(&resolver, opts, root_ref, &tys) else { continue };
            let Ok(rust) = rustgen::program_module(&program) else { continue };
            let d = PyDict::new(py);
            d.set_item("signature", signature_string(&tys))?;
            d.set_item("sig", pyo3::types::PyBytes::new(py, &sig))?;
            d.set_item("rust", rust)?;
            d.set_item("callables", program.py_callables.iter().map(|c| c.name.clone()).collect::<Vec<_>>())?;
            d.set_item("sources", resolver.sources.borrow().iter().map(|(_, t)| t.clone()).collect::<Vec<_>>())?;
            let globals = PyList::empty(py);
            // Only module globals of the functions compiled in: guards on the
            // `math` module and on builtins describe what `import math` and
            // the builtins give anyway.
            let module_dicts: Vec<usize> = resolver.function_globals().iter().map(|g| g.as_ptr() as usize).collect();
            for g in resolver.guards.borrow().iter() {
                if let (Some(v), true) = (&g.expected, module_dicts.contains(&(g.dict.as_ptr() as usize))) {
                    globals.append((g.name.bind(py), v.bind(py)))?;
                }
            }
            d.set_item("globals", globals)?;
            out.append(d)?;
        }
        Ok(out)
    }

    /// Auto mode calls this wrapper from a trampoline frame: one more
    /// recursion unit per call than the wrapper alone.
    fn _behind_trampoline(&mut self) {
        self.trampoline_frames = 1;
    }

    /// The typed IR of every compiled specialisation.
    fn _ir(&self) -> Vec<(String, String)> {
        self.state()
            .specs
            .iter()
            .filter_map(|(_, spec)| match spec {
                Spec::Native(n) => Some((n.signature.clone(), n.ir.clone())),
                Spec::Python(..) => None,
            })
            .collect()
    }
}

/// Waits for queued tier-2 builds to land; false on timeout (or when tier 2
/// is off).
#[pyfunction]
fn tier2_wait(py: Python<'_>, timeout: f64) -> bool {
    match tier2::get(py) {
        Some(t) => py.detach(|| t.wait(std::time::Duration::from_secs_f64(timeout.max(0.0)))),
        None => false,
    }
}

/// Process-wide counts: tier-1 compiles, tier-2 libraries linked from the
/// cache, tier-2 builds this process ran.
#[pyfunction]
fn counters(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("jit_compiles", JIT_COMPILES.load(Relaxed))?;
    let t = tier2::get(py);
    d.set_item("ext_loads", t.map_or(0, |t| t.loads.load(Relaxed)))?;
    d.set_item("ext_builds", t.map_or(0, |t| t.builds.load(Relaxed)))?;
    d.set_item("tier2", t.is_some())?;
    Ok(d)
}

/// Writes pending cache hit counts (called at interpreter exit).
#[pyfunction]
fn tier2_flush(py: Python<'_>) {
    if let Some(t) = tier2::get(py) {
        py.detach(|| t.flush_hits());
    }
}

/// (function, signature, key) of every program compiled in this process.
#[pyfunction]
fn tier2_programs(py: Python<'_>) -> Vec<(String, String, String)> {
    tier2::get(py).map(|t| t.programs.lock().unwrap().clone()).unwrap_or_default()
}

/// Whether the cache holds `key` (checked, as a load would).
#[pyfunction]
fn cache_has(key: &str) -> PyResult<bool> {
    Ok(matches!(open_cache()?.lookup(key), rustify_cache::Lookup::Hit { .. }))
}

/// The cache directory (`RUSTIFY_CACHE_DIR` or the platform's), versioned.
#[pyfunction]
fn cache_dir() -> Option<String> {
    rustify_cache::Cache::default_base().map(|b| rustify_cache::Cache::open(&b).root().display().to_string())
}

fn open_cache() -> PyResult<rustify_cache::Cache> {
    let base = rustify_cache::Cache::default_base()
        .ok_or_else(|| pyo3::exceptions::PyOSError::new_err("no cache directory: set RUSTIFY_CACHE_DIR"))?;
    Ok(rustify_cache::Cache::open(&base))
}

/// Every cache entry: key, function, file, line, signature, artifact, size,
/// created, hits, last_used.
#[pyfunction]
fn cache_entries(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let out = PyList::empty(py);
    for (e, usage, size) in open_cache()?.entries() {
        let d = PyDict::new(py);
        d.set_item("key", e.key)?;
        d.set_item("function", e.function)?;
        d.set_item("file", e.file)?;
        d.set_item("line", e.line)?;
        d.set_item("signature", e.signature)?;
        d.set_item("artifact", e.artifact)?;
        d.set_item("size", size)?;
        d.set_item("created", e.created)?;
        d.set_item("hits", usage.hits)?;
        d.set_item("last_used", usage.last_used)?;
        out.append(d)?;
    }
    Ok(out)
}

/// Removes every entry; returns how many there were.
#[pyfunction]
fn cache_clear() -> PyResult<usize> {
    open_cache()?.clear().map_err(|e| pyo3::exceptions::PyOSError::new_err(e.to_string()))
}

/// Least-recently-used pruning to `max_bytes`; returns the artifacts removed.
#[pyfunction]
fn cache_prune(max_bytes: u64) -> PyResult<Vec<String>> {
    open_cache()?.prune(max_bytes).map_err(|e| pyo3::exceptions::PyOSError::new_err(e.to_string()))
}

/// The build process's work (`python -m rustify_ml._build DIR`).
#[pyfunction]
fn run_build(py: Python<'_>, crate_dir: std::path::PathBuf) -> PyResult<String> {
    let cache = open_cache()?;
    let python: String = py.import("sys")?.getattr("executable")?.extract()?;
    py.detach(|| tier2::run_build(&cache, &python, &crate_dir)).map_err(pyo3::exceptions::PyRuntimeError::new_err)
}

/// Writes the standalone extension crate of `rustify-ml accelerate`:
/// functions are (name, nparams, fallback source, [(sig, title, rust,
/// callables)]).
#[pyfunction]
fn write_standalone_crate(
    dir: std::path::PathBuf,
    module: &str,
    origin: &str,
    functions: Vec<(String, usize, String, Vec<(Vec<u8>, String, String, Vec<String>)>)>,
    ml_mode: bool,
) -> PyResult<()> {
    let functions: Vec<standalone::Function> = functions
        .into_iter()
        .map(|(name, nparams, fallback, programs)| standalone::Function {
            name,
            nparams,
            fallback,
            programs: programs
                .into_iter()
                .map(|(sig, title, rust, callables)| standalone::Program { sig, title, rust, callables })
                .collect(),
        })
        .collect();
    standalone::write(&dir, module, origin, &functions, ml_mode).map_err(|e| pyo3::exceptions::PyOSError::new_err(e.to_string()))
}

/// Why native code is unavailable in this process, or `None`.
#[pyfunction]
fn backend_error() -> Option<String> {
    backend().err().map(str::to_string)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<JitFunction>()?;
    enable_vectorcall(m.py())?;
    m.add_class::<sampler::Sampler>()?;
    m.add_function(wrap_pyfunction!(counter::count_calls_start, m)?)?;
    m.add_function(wrap_pyfunction!(counter::count_calls_take, m)?)?;
    m.add_function(wrap_pyfunction!(counter::count_calls_burst, m)?)?;
    m.add_function(wrap_pyfunction!(counter::count_calls_stop, m)?)?;
    m.add_function(wrap_pyfunction!(backend_error, m)?)?;
    m.add_function(wrap_pyfunction!(tier2_wait, m)?)?;
    m.add_function(wrap_pyfunction!(counters, m)?)?;
    m.add_function(wrap_pyfunction!(cache_dir, m)?)?;
    m.add_function(wrap_pyfunction!(cache_entries, m)?)?;
    m.add_function(wrap_pyfunction!(cache_clear, m)?)?;
    m.add_function(wrap_pyfunction!(cache_prune, m)?)?;
    m.add_function(wrap_pyfunction!(run_build, m)?)?;
    m.add_function(wrap_pyfunction!(tier2_programs, m)?)?;
    m.add_function(wrap_pyfunction!(tier2_flush, m)?)?;
    m.add_function(wrap_pyfunction!(cache_has, m)?)?;
    m.add_function(wrap_pyfunction!(write_standalone_crate, m)?)?;
    m.add("__doc__", PyString::new(m.py(), "Native runtime of rustify-ml (see rustify_ml)."))?;
    Ok(())
}
