//! In-process sampling profiler: a Rust thread reads this interpreter's own
//! stacks with py-spy (non-blocking: a process cannot ptrace-stop itself)
//! and counts, per function, the samples in which it is on the stack of the
//! thread holding the GIL. The only file that names `py-spy`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use py_spy::config::{LineNo, LockingStrategy};
use py_spy::{Config, PythonSpy};
use pyo3::prelude::*;

/// A function as py-spy names it: file, name, first line.
type Key = (String, String, i32);

#[derive(Default)]
struct Shared {
    /// Samples in which the function was anywhere on the GIL holder's stack.
    counts: Mutex<HashMap<Key, u64>>,
    samples: AtomicU64,
    interval_us: AtomicU64,
    stop: AtomicBool,
    running: AtomicBool,
    error: Mutex<Option<String>>,
}

/// `rustify_ml._native.Sampler`: start, read and reset counts, stop.
#[pyclass(module = "rustify_ml._native")]
pub struct Sampler {
    shared: Arc<Shared>,
}

fn sample_loop(shared: Arc<Shared>) {
    let config = Config {
        blocking: LockingStrategy::NonBlocking,
        gil_only: true,
        lineno: LineNo::First,
        ..Config::default()
    };
    let pid = std::process::id() as py_spy::Pid;
    // Reading our own interpreter races with its start-up (the sampler
    // starts while `site` runs): a failed look is retried a few times.
    let mut attempt = 0;
    let mut spy = loop {
        match PythonSpy::new(pid, &config) {
            Ok(s) => break s,
            Err(e) if attempt < 8 && !shared.stop.load(Relaxed) => {
                attempt += 1;
                let _ = e;
                std::thread::sleep(Duration::from_millis(25 << attempt.min(4)));
            }
            Err(e) => {
                *shared.error.lock().unwrap_or_else(|p| p.into_inner()) = Some(format!("{e:#}"));
                shared.running.store(false, Relaxed);
                return;
            }
        }
    };
    let mut failures = 0u32;
    while !shared.stop.load(Relaxed) {
        std::thread::sleep(Duration::from_micros(shared.interval_us.load(Relaxed)));
        let traces = match spy.get_stack_traces() {
            Ok(t) => {
                failures = 0;
                t
            }
            // Non-blocking reads race with the interpreter now and then.
            Err(e) => {
                failures += 1;
                if failures > 1000 {
                    *shared.error.lock().unwrap_or_else(|p| p.into_inner()) = Some(format!("{e:#}"));
                    break;
                }
                continue;
            }
        };
        let Some(trace) = traces.into_iter().find(|t| t.owns_gil) else { continue };
        shared.samples.fetch_add(1, Relaxed);
        let mut counts = shared.counts.lock().unwrap_or_else(|p| p.into_inner());
        let mut seen: Vec<Key> = Vec::with_capacity(trace.frames.len());
        for f in trace.frames {
            let key = (f.filename, f.name, f.line);
            if !seen.contains(&key) {
                *counts.entry(key.clone()).or_insert(0) += 1;
                seen.push(key);
            }
        }
    }
    shared.running.store(false, Relaxed);
}

#[pymethods]
impl Sampler {
    #[new]
    fn new() -> Self {
        Sampler { shared: Arc::new(Shared::default()) }
    }

    /// Starts sampling every `interval_ms` on a background thread.
    fn start(&self, interval_ms: f64) -> PyResult<()> {
        self.set_interval(interval_ms);
        if self.shared.running.swap(true, Relaxed) {
            return Ok(());
        }
        self.shared.stop.store(false, Relaxed);
        let shared = self.shared.clone();
        std::thread::Builder::new()
            .name("rustify-sampler".into())
            .spawn(move || sample_loop(shared))
            .map(|_| ())
            .map_err(|e| pyo3::exceptions::PyOSError::new_err(e.to_string()))
    }

    fn set_interval(&self, interval_ms: f64) {
        self.shared.interval_us.store((interval_ms.max(0.1) * 1000.0) as u64, Relaxed);
    }

    /// `(samples, [(file, function, first line, samples on stack)])` since
    /// the last call; counts start again from zero.
    fn take(&self) -> (u64, Vec<(String, String, i32, u64)>) {
        let counts = std::mem::take(&mut *self.shared.counts.lock().unwrap_or_else(|p| p.into_inner()));
        let samples = self.shared.samples.swap(0, Relaxed);
        (samples, counts.into_iter().map(|((file, name, line), n)| (file, name, line, n)).collect())
    }

    /// Why sampling stopped or never started, if it failed.
    fn error(&self) -> Option<String> {
        self.shared.error.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    fn running(&self) -> bool {
        self.shared.running.load(Relaxed)
    }

    fn stop(&self) {
        self.shared.stop.store(true, Relaxed);
    }
}
