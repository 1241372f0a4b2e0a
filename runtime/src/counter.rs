//! Call counting, auto mode's fallback where the sampler cannot read the
//! process: a C-level profile hook (no Python code runs per call) counting
//! calls per code object on the main thread. Having any profile hook makes
//! CPython's calls slower, so it counts in short bursts: each one is
//! installed on the main thread by a pending call and removes itself.

use std::collections::HashMap;
use std::ffi::{c_int, c_void};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use pyo3::ffi;
use pyo3::prelude::*;

/// Code object address -> (strong reference, calls). Only touched with the
/// GIL held (from the profile hook or from Python).
struct Counts(HashMap<usize, (Py<PyAny>, u64)>);

static COUNTS: Mutex<Option<Counts>> = Mutex::new(None);
/// Length of the next burst, in microseconds.
static BURST_US: AtomicU64 = AtomicU64::new(0);
static BURST_END: Mutex<Option<Instant>> = Mutex::new(None);
static EVENTS: AtomicU64 = AtomicU64::new(0);

unsafe extern "C" fn on_event(_obj: *mut ffi::PyObject, frame: *mut ffi::PyFrameObject, what: c_int, _arg: *mut ffi::PyObject) -> c_int {
    if what != ffi::PyTrace_CALL {
        return 0;
    }
    // Now and then: has the burst ended?
    if EVENTS.fetch_add(1, Relaxed) % 64 == 0 {
        let end = *BURST_END.lock().unwrap_or_else(|p| p.into_inner());
        if end.is_none_or(|e| Instant::now() >= e) {
            ffi::PyEval_SetProfile(None, std::ptr::null_mut());
            return 0;
        }
    }
    let code = ffi::PyFrame_GetCode(frame) as *mut ffi::PyObject;
    let mut guard = COUNTS.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(counts) = guard.as_mut() {
        // SAFETY: the hook runs with the GIL held; the new reference from
        // PyFrame_GetCode is kept (first sight) or released.
        let py = Python::assume_attached();
        match counts.0.get_mut(&(code as usize)) {
            Some(entry) => {
                entry.1 += 1;
                ffi::Py_DECREF(code);
            }
            None => {
                counts.0.insert(code as usize, (Bound::from_owned_ptr(py, code).unbind(), 1));
            }
        }
    } else {
        ffi::Py_DECREF(code);
    }
    0
}

/// Runs on the main thread (a pending call): counts for one burst.
extern "C" fn install(_: *mut c_void) -> c_int {
    let burst = Duration::from_micros(BURST_US.load(Relaxed));
    *BURST_END.lock().unwrap_or_else(|p| p.into_inner()) = Some(Instant::now() + burst);
    if COUNTS.lock().unwrap_or_else(|p| p.into_inner()).is_some() {
        unsafe { ffi::PyEval_SetProfile(Some(on_event), std::ptr::null_mut()) };
    }
    0
}

/// Starts counting: from now on `count_calls_burst` schedules bursts.
#[pyfunction]
pub fn count_calls_start() {
    *COUNTS.lock().unwrap_or_else(|p| p.into_inner()) = Some(Counts(HashMap::new()));
}

/// Counts calls on the main thread for the next `ms` milliseconds.
#[pyfunction]
pub fn count_calls_burst(ms: f64) {
    BURST_US.store((ms.max(0.0) * 1000.0) as u64, Relaxed);
    unsafe { ffi::Py_AddPendingCall(Some(install), std::ptr::null_mut()) };
}

/// `[(code object, calls)]` since the last call; counting goes on.
#[pyfunction]
pub fn count_calls_take(py: Python<'_>) -> Vec<(Py<PyAny>, u64)> {
    let mut guard = COUNTS.lock().unwrap_or_else(|p| p.into_inner());
    match guard.as_mut() {
        Some(counts) => std::mem::take(&mut counts.0).into_values().map(|(c, n)| (c.clone_ref(py), n)).collect(),
        None => Vec::new(),
    }
}

/// Stops counting and forgets the counts (a running burst ends at its
/// next check).
#[pyfunction]
pub fn count_calls_stop() {
    COUNTS.lock().unwrap_or_else(|p| p.into_inner()).take();
    *BURST_END.lock().unwrap_or_else(|p| p.into_inner()) = None;
}
