//! The compiler's [`Resolver`], answered from live objects through
//! `rustify_ml._resolve`, recording a guard for every global it reads.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::OnceLock;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};
use rustify_compiler::resolve::{FuncRef, Global, Resolver, Source};

/// A global binding compiled code relies on: `dict[name]` must still be
/// `expected` (or still be absent).
pub struct Guard {
    pub dict: Py<PyDict>,
    pub name: Py<PyString>,
    pub expected: Option<Py<PyAny>>,
    /// The dict's version tag when the guard last held (0: none yet).
    seen: AtomicU64,
}

impl Guard {
    pub fn new(dict: Py<PyDict>, name: Py<PyString>, expected: Option<Py<PyAny>>) -> Guard {
        Guard { dict, name, expected, seen: AtomicU64::new(0) }
    }

    /// Checked on every call: a dict whose version tag has not moved since
    /// the guard last held is not looked up again.
    pub fn holds(&self, py: Python<'_>) -> bool {
        let version = dict_version(py, self.dict.as_ptr());
        if version != 0 && version == self.seen.load(Relaxed) {
            return true;
        }
        let current = unsafe { pyo3::ffi::PyDict_GetItemWithError(self.dict.as_ptr(), self.name.as_ptr()) };
        if current.is_null() && unsafe { !pyo3::ffi::PyErr_Occurred().is_null() } {
            unsafe { pyo3::ffi::PyErr_Clear() };
            return false;
        }
        let held = match &self.expected {
            Some(obj) => current == obj.as_ptr(),
            None => current.is_null(),
        };
        if held {
            self.seen.store(version, Relaxed);
        }
        held
    }
}

/// Where CPython 3.8-3.13 keep a dict's version tag (PEP 509), which
/// changes with every write; `dict_versions_work` checks it on live dicts.
const DICT_VERSION_TAG: usize = 24;

/// A dict's version tag, or 0 where the interpreter has none.
fn dict_version(py: Python<'_>, dict: *mut pyo3::ffi::PyObject) -> u64 {
    static WORKS: OnceLock<bool> = OnceLock::new();
    // Not `get_or_init`: the check may run Python code (a collection), and
    // a thread blocked on the cell while holding the GIL would deadlock;
    // two threads may both check, with the same answer.
    let works = match WORKS.get() {
        Some(&w) => w,
        None => {
            let w = dict_versions_work(py);
            let _ = WORKS.set(w);
            w
        }
    };
    if works {
        // SAFETY: a live dict of an interpreter with the tag at this offset.
        unsafe { *((dict as *const u8).add(DICT_VERSION_TAG) as *const u64) }
    } else {
        0
    }
}

/// Whether version tags sit at [`DICT_VERSION_TAG`] and move with every
/// write: a store, a replacement and a deletion, on a fresh dict.
fn dict_versions_work(py: Python<'_>) -> bool {
    if py.version_info() >= (3, 14) {
        return false;
    }
    let d = PyDict::new(py);
    let tag = || unsafe { *((d.as_ptr() as *const u8).add(DICT_VERSION_TAG) as *const u64) };
    let mut tags = vec![tag(), tag()];
    let steps: [&dyn Fn() -> PyResult<()>; 3] = [&|| d.set_item("k", 1), &|| d.set_item("k", 2), &|| d.del_item("k")];
    for step in steps {
        if step().is_err() {
            return false;
        }
        tags.push(tag());
    }
    tags[0] == tags[1] && tags.windows(2).skip(1).all(|w| w[0] != w[1]) && tags[2..].iter().all(|&t| t != 0)
}

pub struct PyResolver<'py> {
    py: Python<'py>,
    module: Bound<'py, PyModule>,
    /// Functions handed out as `FuncRef`s (their address), kept alive.
    functions: RefCell<Vec<Bound<'py, PyAny>>>,
    /// `math` functions handed out as handles (their address), kept alive.
    pub callables: RefCell<Vec<Py<PyAny>>>,
    pub guards: RefCell<Vec<Guard>>,
    /// (first line, source) of every function compiled in: part of tier 2's
    /// cache key, and the fallback of standalone extensions.
    pub sources: RefCell<Vec<(u32, String)>>,
}

impl<'py> PyResolver<'py> {
    pub fn new(py: Python<'py>, root: &Bound<'py, PyAny>) -> PyResult<(Self, FuncRef)> {
        let module = py.import("rustify_ml._resolve")?;
        let r = PyResolver {
            py,
            module,
            functions: RefCell::new(vec![root.clone()]),
            callables: RefCell::new(Vec::new()),
            guards: RefCell::new(Vec::new()),
            sources: RefCell::new(Vec::new()),
        };
        Ok((r, root.as_ptr() as FuncRef))
    }

    /// The module globals of every function handed out (the root's first).
    pub fn function_globals(&self) -> Vec<Bound<'py, PyAny>> {
        self.functions.borrow().iter().filter_map(|f| f.getattr("__globals__").ok()).collect()
    }

    fn function(&self, f: FuncRef) -> Option<Bound<'py, PyAny>> {
        self.functions.borrow().iter().find(|o| o.as_ptr() as FuncRef == f).cloned()
    }

    fn answer(&self, kind: &str, payload: &Bound<'py, PyAny>) -> Global {
        let extract_err = |e: PyErr| Global::Unsupported(format!("unreadable global ({e})"));
        match kind {
            "int" => payload.extract::<i64>().map(Global::Int).unwrap_or_else(extract_err),
            "float" => payload.extract::<f64>().map(Global::Float).unwrap_or_else(extract_err),
            "bool" => payload.extract::<bool>().map(Global::Bool).unwrap_or_else(extract_err),
            "function" => {
                let id = payload.as_ptr() as FuncRef;
                let mut fs = self.functions.borrow_mut();
                if !fs.iter().any(|o| o.as_ptr() as FuncRef == id) {
                    fs.push(payload.clone());
                }
                Global::Function(id)
            }
            "builtin" => payload.extract::<String>().map(Global::Builtin).unwrap_or_else(extract_err),
            "math_module" => Global::MathModule,
            "math_fn" => payload.extract::<String>().map(Global::MathFn).unwrap_or_else(extract_err),
            "unbound" => Global::Unbound,
            _ => Global::Unsupported(payload.extract::<String>().unwrap_or_else(|_| kind.to_string())),
        }
    }
}

impl<'py> PyResolver<'py> {
    /// Reads a `(kind, payload, guards)` answer of `_resolve` and records
    /// its guards: (dict, name, present, value) entries.
    fn guarded_answer(&self, answer: PyResult<Bound<'py, PyAny>>) -> Global {
        let answer = match answer {
            Ok(a) => a,
            Err(e) => return Global::Unsupported(format!("lookup failed: {e}")),
        };
        let Ok((kind, payload, guards)) = answer.extract::<(String, Bound<'py, PyAny>, Bound<'py, PyAny>)>() else {
            return Global::Unsupported("lookup failed".into());
        };
        if let Ok(list) = guards.extract::<Vec<Bound<'py, PyTuple>>>() {
            for g in list {
                if let Ok((dict, n, present, value)) =
                    g.extract::<(Bound<'py, PyDict>, Bound<'py, PyString>, bool, Bound<'py, PyAny>)>()
                {
                    let expected = present.then(|| value.unbind());
                    self.guards.borrow_mut().push(Guard::new(dict.unbind(), n.unbind(), expected));
                }
            }
        }
        self.answer(&kind, &payload)
    }
}

impl Resolver for PyResolver<'_> {
    fn source(&self, func: FuncRef) -> Result<Source, String> {
        let f = self.function(func).ok_or("unknown function")?;
        let result = self.module.call_method1("function_source", (f,)).map_err(|e| {
            e.value(self.py).str().map(|s| s.to_string()).unwrap_or_else(|_| "source is not available".into())
        })?;
        let (text, first_line): (String, u32) = result.extract().map_err(|e: PyErr| e.to_string())?;
        self.sources.borrow_mut().push((first_line, text.clone()));
        Ok(Source { text, first_line })
    }

    fn global(&self, func: FuncRef, name: &str) -> Global {
        let Some(f) = self.function(func) else { return Global::Unbound };
        self.guarded_answer(self.module.call_method1("classify_global", (f, name)))
    }

    fn math_attr(&self, name: &str) -> Global {
        self.guarded_answer(self.module.call_method1("math_attr", (name,)))
    }

    fn callable(&self, module: &str, name: &str) -> Option<u64> {
        let obj = self.py.import(module).and_then(|m| m.getattr(name)).ok()?;
        let handle = obj.as_ptr() as u64;
        self.callables.borrow_mut().push(obj.unbind());
        Some(handle)
    }

    fn str_constant(&self, text: &str) -> Option<u64> {
        let obj = PyString::intern(self.py, text).into_any();
        let handle = obj.as_ptr() as u64;
        self.callables.borrow_mut().push(obj.unbind());
        Some(handle)
    }
}
