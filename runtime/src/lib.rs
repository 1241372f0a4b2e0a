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
//! Source layout: `args.rs` (signatures and unboxed slots), `host.rs` (the
//! helpers native code calls, the undo journal), `resolver.rs` (globals and
//! sources for the compiler, guards), `sampler.rs` (the in-process py-spy
//! sampler behind auto mode), `counter.rs` (its call-counting fallback).

mod args;
mod counter;
mod host;
mod resolver;
mod sampler;

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use pyo3::{ffi, IntoPyObjectExt};
use rustify_compiler::abi::{Bail, CallCtx, Host};
use rustify_compiler::codegen::{Compiled, Jit};
use rustify_compiler::types::signature_string;
use rustify_compiler::{infer, Options};

use args::{Args, Unsupported};
use resolver::{Guard, PyResolver};

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
struct Native {
    compiled: Compiled,
    guards: Vec<Guard>,
    /// Keeps the `math` functions the code calls alive.
    _callables: Vec<Py<PyAny>>,
    recursive: bool,
    signature: String,
    ir: String,
    compile_ms: f64,
    calls: AtomicU64,
    bails: AtomicU64,
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

/// The callable `rustify_ml.jit(f)` returns.
#[pyclass(dict, module = "rustify_ml._native", name = "JitFunction")]
struct JitFunction {
    func: Py<PyAny>,
    nparams: usize,
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
    fn run_python(
        &self,
        py: Python<'_>,
        args: &Bound<'_, PyTuple>,
        kwargs: Option<&Bound<'_, PyDict>>,
        reason: String,
    ) -> PyResult<Py<PyAny>> {
        self.calls_python.fetch_add(1, Relaxed);
        let result = self.func.bind(py).call(args, kwargs).map(Bound::unbind);
        self.set_last("python", Some(reason));
        result
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
        let opts = Options { plain_float_sum: minor <= 11, asserts: optimize == 0 };
        let program = infer::lower_program(resolver, opts, root_ref, &tys).map_err(|r| r.to_string())?;
        let compiled = backend.jit.compile(&program, &backend.host)?;
        let compile_ms = t0.elapsed().as_secs_f64() * 1e3;
        Ok(Arc::new(Native {
            compiled,
            guards: resolver.guards.take(),
            _callables: resolver.callables.take(),
            recursive: program.specs.iter().any(|f| f.calls),
            signature: signature_string(&tys),
            ir: program.pretty(),
            compile_ms,
            calls: AtomicU64::new(0),
            bails: AtomicU64::new(0),
        }))
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

/// How deep native recursion may go before CPython's own limit would hit.
fn native_depth_limit() -> u32 {
    unsafe {
        let limit = ffi::Py_GetRecursionLimit().max(0) as u32;
        let mut depth = 0u32;
        let mut frame = ffi::PyEval_GetFrame();
        if !frame.is_null() {
            ffi::Py_INCREF(frame as *mut ffi::PyObject);
        }
        while !frame.is_null() {
            depth += 1;
            let back = ffi::PyFrame_GetBack(frame);
            ffi::Py_DECREF(frame as *mut ffi::PyObject);
            frame = back;
        }
        limit.saturating_sub(depth + 2)
    }
}

type Entry = unsafe extern "C" fn(*mut CallCtx, *const u64) -> *mut ffi::PyObject;

#[pymethods]
impl JitFunction {
    #[new]
    fn new(py: Python<'_>, func: Bound<'_, PyAny>) -> PyResult<Self> {
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
            state: Mutex::new(State { last_tier: "python", ..State::default() }),
            calls_native: AtomicU64::new(0),
            calls_python: AtomicU64::new(0),
            bails: AtomicU64::new(0),
        })
    }

    #[pyo3(signature = (*args, **kwargs))]
    fn __call__(&self, py: Python<'_>, args: &Bound<'_, PyTuple>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Py<PyAny>> {
        let Some(bound) = self.bind_args(py, args, kwargs) else {
            let reason = "call shape not handled natively (CPython binds it)".to_string();
            return self.run_python(py, args, kwargs, reason);
        };
        let mut a = Args::new();
        for arg in &bound {
            if let Err(Unsupported(what)) = unsafe { a.push(arg.as_ptr()) } {
                return self.run_python(py, args, kwargs, format!("{what} has no native representation"));
            }
        }
        let mut native = match self.specialisation(py, a.signature()) {
            Ok(n) => n,
            Err(reason) => return self.run_python(py, args, kwargs, reason),
        };
        if !native.guards.iter().all(|g| g.holds(py)) {
            self.invalidate(py);
            native = match self.specialisation(py, a.signature()) {
                Ok(n) => n,
                Err(reason) => return self.run_python(py, args, kwargs, reason),
            };
        }
        let depth_limit = if native.recursive { native_depth_limit() } else { u32::MAX };
        let mut journal = host::Journal::default();
        let mut ctx = host::call_ctx(depth_limit, &mut journal);
        // SAFETY: the entry was compiled for exactly this signature, the slots
        // were filled by the same classification, the GIL is held.
        let result = unsafe {
            let entry: Entry = std::mem::transmute(native.compiled.entry);
            entry(&mut ctx, a.slots.as_ptr())
        };
        drop(bound);
        if !result.is_null() {
            unsafe { journal.commit() };
            native.calls.fetch_add(1, Relaxed);
            self.calls_native.fetch_add(1, Relaxed);
            {
                let mut s = self.state();
                s.last_tier = "jit";
                s.last_reason = None;
            }
            return Ok(unsafe { Bound::from_owned_ptr(py, result) }.unbind());
        }
        // Bailed out: undo, then let CPython run the call from the start.
        unsafe {
            if !ffi::PyErr_Occurred().is_null() {
                ffi::PyErr_Clear();
            }
            journal.rollback();
        }
        let why = ctx.bailed().map(|b| b.to_string()).unwrap_or_else(|| Bail::HostError.to_string());
        self.bails.fetch_add(1, Relaxed);
        let bails = native.bails.fetch_add(1, Relaxed) + 1;
        if bails >= BAIL_LIMIT && bails > native.calls.load(Relaxed) {
            self.retire(py, &native, &why);
        }
        self.state().last_bail = Some(why.clone());
        self.run_python(py, args, kwargs, format!("bailed out: {why}"))
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

/// Why native code is unavailable in this process, or `None`.
#[pyfunction]
fn backend_error() -> Option<String> {
    backend().err().map(str::to_string)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<JitFunction>()?;
    m.add_class::<sampler::Sampler>()?;
    m.add_function(wrap_pyfunction!(counter::count_calls_start, m)?)?;
    m.add_function(wrap_pyfunction!(counter::count_calls_take, m)?)?;
    m.add_function(wrap_pyfunction!(counter::count_calls_burst, m)?)?;
    m.add_function(wrap_pyfunction!(counter::count_calls_stop, m)?)?;
    m.add_function(wrap_pyfunction!(backend_error, m)?)?;
    m.add("__doc__", PyString::new(m.py(), "Native runtime of rustify-ml (see rustify_ml)."))?;
    Ok(())
}
