//! Tier 2: the typed IR of every tier-1 program also becomes Rust source
//! (`rustgen`), built in the background into a PyO3 extension per module,
//! stored in the content-hashed cache (`rustify-cache`) and swapped in
//! between calls. A later process finds the entry by its key and links it
//! at the first call, with no Cranelift compile and no build.
//!
//! Builds run in a child process (`python -m rustify_ml._build DIR`), so a
//! build started by a short program still completes and lands in the cache
//! after the program exits; a worker thread here waits for it (without the
//! GIL), then links what it produced. One build at a time per process.

use std::collections::{HashMap, HashSet};
use std::ffi::CString;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Condvar, Mutex, OnceLock, Weak};
use std::time::{Duration, Instant};

use pyo3::prelude::*;
use rustify_cache::{key_of, now, BuildJob, Cache, Entry, Lookup};
use rustify_compiler::rustgen::{self, LINK_ABI, SUPPORT_FILES};

use crate::{host, log, Native};

/// The pyo3 requirement of generated crates: the one this runtime was
/// built with, so the shared target directory compiles it once.
const PYO3_REQ: &str = "=0.30.1";
/// Everything about a build that changes the machine code it produces.
const BUILD_SETTINGS: &str = "maturin build --release; opt-level=3; codegen-units=16; pyo3 =0.30.1";

/// A program waiting for its tier-2 build.
pub struct Job {
    pub key: String,
    pub module: String,
    pub rust: String,
    pub entry: Entry,
    pub callables: Vec<usize>,
    /// The specialisations waiting for it (one per wrapper of the function).
    pub natives: Vec<Weak<Native>>,
}

#[derive(Default)]
struct Queue {
    jobs: Vec<Job>,
    /// Jobs taken by the worker and not yet linked.
    building: usize,
}

pub struct Tier2 {
    pub cache: Cache,
    python: String,
    /// Python implementation, version and ABI, part of every key.
    python_tag: String,
    queue: Mutex<Queue>,
    changed: Condvar,
    /// Loaded libraries by artifact id (never unloaded: code may run).
    libraries: Mutex<HashMap<String, usize>>,
    logged: Mutex<HashSet<String>>,
    pub loads: AtomicU64,
    pub builds: AtomicU64,
    /// (function, signature, key) of every program this process compiled,
    /// for `rustify-ml warm` to record.
    pub programs: Mutex<Vec<(String, String, String)>>,
    /// Cache hits not yet counted in the index.
    hits: Mutex<Vec<String>>,
}

static TIER2: OnceLock<Option<Tier2>> = OnceLock::new();

/// The tier-2 manager, or `None` when tier 2 is off (`RUSTIFY_TIER2=0`,
/// no cache directory).
pub fn get(py: Python<'_>) -> Option<&'static Tier2> {
    TIER2
        .get_or_init(|| {
            if std::env::var("RUSTIFY_TIER2").is_ok_and(|v| v.trim() == "0") {
                return None;
            }
            let base = Cache::default_base()?;
            let sys = py.import("sys").ok()?;
            let python: String = sys.getattr("executable").ok()?.extract().ok()?;
            let tag = py
                .import("sysconfig")
                .and_then(|s| s.call_method1("get_config_var", ("SOABI",)))
                .and_then(|v| v.str().map(|s| s.to_string()))
                .unwrap_or_default();
            let version: String = sys.getattr("version").and_then(|v| v.extract()).unwrap_or_default();
            let t = Tier2 {
                cache: Cache::open(&base),
                python,
                python_tag: format!("{tag} {version}"),
                queue: Mutex::new(Queue::default()),
                changed: Condvar::new(),
                libraries: Mutex::new(HashMap::new()),
                logged: Mutex::new(HashSet::new()),
                loads: AtomicU64::new(0),
                builds: AtomicU64::new(0),
                programs: Mutex::new(Vec::new()),
                hits: Mutex::new(Vec::new()),
            };
            Some(t)
        })
        .as_ref()
}

/// The CPU features the host reports (part of the key: a cache copied to
/// another machine must match it).
fn cpu_features() -> String {
    #[cfg(target_arch = "x86_64")]
    {
        let mut f = Vec::new();
        macro_rules! probe {
            ($($name:tt),*) => {$( if std::arch::is_x86_feature_detected!($name) { f.push($name); } )*};
        }
        probe!("sse4.2", "avx", "avx2", "fma", "bmi2", "avx512f");
        f.join(",")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        String::new()
    }
}

type AbiFn = unsafe extern "C" fn() -> u32;
type LinkFn = unsafe extern "C" fn(*const usize, usize, usize, *const usize, usize) -> usize;

impl Tier2 {
    /// Logs `msg` once per process under `topic`.
    fn log_once(&self, topic: &str, msg: &str) {
        if self.logged.lock().unwrap().insert(topic.to_string()) {
            eprintln!("rustify-ml: {msg}");
        }
    }

    /// The cache key of a program: its Rust source (which spells out the
    /// typed IR, every frozen global value and the argument types), the
    /// Python source of every function compiled in, the signature, and
    /// everything else the built code depends on.
    pub fn key(&self, rust: &str, sources: &[(u32, String)], signature: &str) -> String {
        static SUPPORT: OnceLock<String> = OnceLock::new();
        let support = SUPPORT.get_or_init(|| {
            let parts: Vec<(&str, &[u8])> = SUPPORT_FILES.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
            key_of(&parts)
        });
        let sources: Vec<String> = sources.iter().map(|(line, text)| format!("{line}:{text}")).collect();
        key_of(&[
            ("tier", b"ext"),
            ("rustify-ml", env!("CARGO_PKG_VERSION").as_bytes()),
            ("support", support.as_bytes()),
            ("program", rust.as_bytes()),
            ("sources", sources.join("\0").as_bytes()),
            ("signature", signature.as_bytes()),
            ("python", self.python_tag.as_bytes()),
            ("target", format!("{}-{}", std::env::consts::ARCH, std::env::consts::OS).as_bytes()),
            ("cpu", cpu_features().as_bytes()),
            ("build", BUILD_SETTINGS.as_bytes()),
            ("rustflags", std::env::var("RUSTFLAGS").unwrap_or_default().as_bytes()),
        ])
    }

    /// The tier-2 entry for `key` from the cache, linked to this process.
    pub fn load(&'static self, key: &str, callables: &[usize]) -> Option<usize> {
        let (entry, library) = match self.cache.lookup(key) {
            Lookup::Hit { entry, library } => (entry, library),
            Lookup::Miss => return None,
            Lookup::Corrupt(why) => {
                log(&format!("skipped a cache entry ({why}); it will be rebuilt"));
                return None;
            }
        };
        match self.link(&entry.artifact, &library, entry.index as usize, callables) {
            Ok(f) => {
                self.count_hit(key);
                self.loads.fetch_add(1, Relaxed);
                Some(f)
            }
            Err(why) => {
                self.log_once(&entry.artifact, &format!("cannot load {}: {why}; tier 1 runs instead", library.display()));
                None
            }
        }
    }

    fn link(&self, artifact: &str, library: &Path, index: usize, callables: &[usize]) -> Result<usize, String> {
        let handle = {
            let mut libs = self.libraries.lock().unwrap();
            match libs.get(artifact) {
                Some(&h) => h,
                None => {
                    let path = CString::new(library.as_os_str().as_encoded_bytes()).map_err(|e| e.to_string())?;
                    // SAFETY: the library's hash matched its record; it only
                    // defines functions (no constructors run user code).
                    let h = unsafe { libc::dlopen(path.as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL) };
                    if h.is_null() {
                        let err = unsafe { std::ffi::CStr::from_ptr(libc::dlerror()) };
                        return Err(err.to_string_lossy().into_owned());
                    }
                    libs.insert(artifact.to_string(), h as usize);
                    h as usize
                }
            }
        };
        let symbol = |name: &str| {
            let c = CString::new(name).unwrap();
            let f = unsafe { libc::dlsym(handle as *mut libc::c_void, c.as_ptr()) };
            if f.is_null() { Err(format!("no symbol {name}")) } else { Ok(f) }
        };
        let abi: AbiFn = unsafe { std::mem::transmute(symbol("rustify_abi")?) };
        let version = unsafe { abi() };
        if version != LINK_ABI {
            return Err(format!("link interface {version}, expected {LINK_ABI}"));
        }
        let link: LinkFn = unsafe { std::mem::transmute(symbol("rustify_link")?) };
        let table = host::host_table();
        let entry = unsafe { link(table.as_ptr(), table.len(), index, callables.as_ptr(), callables.len()) };
        if entry == 0 {
            return Err(format!("program {index} did not link"));
        }
        Ok(entry)
    }

    /// Counts a use of `key` in the cache's index, off the calling thread
    /// (the index write takes a lock and a rename); what is pending at exit
    /// is written by [`Tier2::flush_hits`].
    fn count_hit(&'static self, key: &str) {
        self.hits.lock().unwrap().push(key.to_string());
        static FLUSHER: OnceLock<()> = OnceLock::new();
        FLUSHER.get_or_init(|| {
            let _ = std::thread::Builder::new().name("rustify-cache-hits".into()).spawn(move || loop {
                std::thread::sleep(Duration::from_millis(200));
                self.flush_hits();
            });
        });
    }

    /// Writes the pending hit counts to the cache's index.
    pub fn flush_hits(&self) {
        let keys = std::mem::take(&mut *self.hits.lock().unwrap());
        if !keys.is_empty() {
            self.cache.record_hits(&keys);
        }
    }

    /// Queues a program for a tier-2 build (the worker batches the
    /// programs of one module into one crate).
    pub fn submit(&'static self, job: Job) {
        if self.cache.is_read_only() {
            self.log_once("read-only", "the cache directory is read-only: tier 2 only loads what is already there");
            return;
        }
        let mut q = self.queue.lock().unwrap();
        if let Some(queued) = q.jobs.iter_mut().find(|j| j.key == job.key) {
            queued.natives.extend(job.natives);
            return;
        }
        q.jobs.push(job);
        static WORKER: OnceLock<()> = OnceLock::new();
        WORKER.get_or_init(|| {
            let _ = std::thread::Builder::new().name("rustify-tier2".into()).spawn(move || self.worker());
        });
        self.changed.notify_all();
    }

    /// Waits until every queued build has landed (or failed); false on
    /// timeout.
    pub fn wait(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut q = self.queue.lock().unwrap();
        while !q.jobs.is_empty() || q.building > 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            q = self.changed.wait_timeout(q, left).unwrap().0;
        }
        true
    }

    fn worker(&'static self) {
        let delay = std::env::var("RUSTIFY_TIER2_DELAY").ok().and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.2);
        loop {
            let batch = {
                let mut q = self.queue.lock().unwrap();
                while q.jobs.is_empty() {
                    q = self.changed.wait(q).unwrap();
                }
                // Let the module's other functions arrive: one crate for all.
                drop(q);
                std::thread::sleep(Duration::from_secs_f64(delay.max(0.0)));
                let mut q = self.queue.lock().unwrap();
                let module = q.jobs[0].module.clone();
                let (batch, rest): (Vec<Job>, Vec<Job>) = std::mem::take(&mut q.jobs).into_iter().partition(|j| j.module == module);
                q.jobs = rest;
                q.building += batch.len();
                batch
            };
            let n = batch.len();
            self.build_and_link(batch);
            let mut q = self.queue.lock().unwrap();
            q.building -= n;
            self.changed.notify_all();
        }
    }

    fn build_and_link(&'static self, mut batch: Vec<Job>) {
        // Program indexes follow the keys' order, so a rebuild of the same
        // programs lays them out the same way (a process that loaded the
        // old library links the new entries against it).
        batch.sort_by(|a, b| a.key.cmp(&b.key));
        let mut keys: Vec<&str> = batch.iter().map(|j| j.key.as_str()).collect();
        keys.sort();
        let artifact = key_of(&[("artifact", keys.join(",").as_bytes())]);
        let module = batch[0].module.clone();
        if self.cache.make_dir(&self.cache.dir("build")).is_err() && self.cache.is_read_only() {
            self.log_once("read-only", "the cache directory is read-only: tier 2 only loads what is already there");
            return;
        }
        if let Some(why) = self.cache.failure(&artifact) {
            self.log_once(&artifact, &format!("tier 2 of module {module} failed before ({why}); tier 1 keeps running"));
            return;
        }
        if let Err(why) = self.build(&artifact, &batch) {
            self.log_once(&artifact, &format!("tier 2 build of module {module} failed: {why}; tier 1 keeps running"));
            return;
        }
        self.builds.fetch_add(1, Relaxed);
        for job in batch {
            let natives: Vec<_> = job.natives.iter().filter_map(Weak::upgrade).collect();
            if natives.is_empty() {
                continue;
            }
            match self.load(&job.key, &job.callables) {
                Some(entry) => natives.iter().for_each(|n| n.offer_ext(entry)),
                None => log(&format!("tier 2 of {} was built but did not load", job.entry.function)),
            }
        }
    }

    /// Writes the crate and runs the build process; `Ok` once the cache
    /// holds the artifact (built here or by another process).
    fn build(&self, artifact: &str, batch: &[Job]) -> Result<(), String> {
        let crate_name = format!("rustify_ext_{}", &artifact[..16]);
        let dir = self.cache.dir("build").join(format!("{}-{}", &artifact[..16], std::process::id()));
        let entries: Vec<Entry> = batch
            .iter()
            .enumerate()
            .map(|(k, j)| Entry { artifact: artifact.to_string(), index: k as u32, created: now(), ..j.entry.clone() })
            .collect();
        let programs: Vec<(String, String)> =
            batch.iter().map(|j| (format!("`{}{}`", j.entry.function, j.entry.signature), j.rust.clone())).collect();
        write_crate(&dir, &crate_name, &programs).map_err(|e| format!("cannot write {}: {e}", dir.display()))?;
        BuildJob { artifact: artifact.to_string(), crate_name, entries }.write(&dir).map_err(|e| e.to_string())?;
        let log_path = self.cache.log_path(artifact);
        // The program keeps running meanwhile: the build gets a lower
        // priority and leaves it a core.
        let jobs = std::thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1).max(1));
        let mut command = Command::new(&self.python);
        // SAFETY: only an async-signal-safe call between fork and exec.
        unsafe {
            std::os::unix::process::CommandExt::pre_exec(&mut command, || {
                libc::setpriority(libc::PRIO_PROCESS, 0, 10);
                Ok(())
            });
        }
        let status = command
            .args(["-m", "rustify_ml._build"])
            .arg(&dir)
            .env_remove("RUSTIFY_AUTO")
            .env("RUSTIFY_TIER2", "0")
            .env("RUSTIFY_CACHE_DIR", self.cache.root().parent().unwrap_or(self.cache.root()))
            .env("CARGO_BUILD_JOBS", jobs.to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|e| format!("cannot start the build process: {e}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(self.cache.failure(artifact).unwrap_or_else(|| format!("build process {status}; log: {}", log_path.display())))
        }
    }
}

/// The cache's size cap: `RUSTIFY_CACHE_MAX_MB` (default 1024 MB).
pub fn max_cache_bytes() -> u64 {
    let mb = std::env::var("RUSTIFY_CACHE_MAX_MB").ok().and_then(|v| v.trim().parse::<f64>().ok()).unwrap_or(1024.0);
    (mb.max(0.0) * 1024.0 * 1024.0) as u64
}

/// Writes a generated crate: manifest, pyproject, lib.rs and the support
/// files.
pub fn write_crate(dir: &Path, crate_name: &str, programs: &[(String, String)]) -> std::io::Result<()> {
    let manifest = CrateManifest {
        name: crate_name,
        version: "0.0.0",
        description: "A tier-2 extension built by rustify-ml.",
        extra_dependencies: "",
    };
    write_pyo3_crate(dir, &manifest, &rustgen::crate_lib(crate_name, programs), &SUPPORT_FILES)
}

/// What differs between the PyO3 crates rustify-ml writes.
pub struct CrateManifest<'a> {
    pub name: &'a str,
    pub version: &'a str,
    pub description: &'a str,
    /// Lines added to `[dependencies]` after pyo3.
    pub extra_dependencies: &'a str,
}

/// Writes a PyO3 extension crate: `Cargo.toml` (pyo3 as this runtime pins
/// it, the build settings the cache key names), `pyproject.toml` (maturin),
/// `src/lib.rs` and the source files it carries verbatim.
pub fn write_pyo3_crate(dir: &Path, m: &CrateManifest<'_>, lib_rs: &str, files: &[(&str, &str)]) -> std::io::Result<()> {
    let CrateManifest { name, version, description, extra_dependencies } = m;
    fs::create_dir_all(dir.join("src"))?;
    fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"{version}\"\nedition = \"2021\"\npublish = false\n\
             description = \"{description}\"\n\n\
             [lib]\ncrate-type = [\"cdylib\"]\n\n\
             [dependencies]\npyo3 = {{ version = \"{PYO3_REQ}\", features = [\"extension-module\"] }}\n{extra_dependencies}\n\
             [profile.release]\nopt-level = 3\ncodegen-units = 16\ndebug = false\n\n\
             # Not part of any enclosing workspace.\n[workspace]\n"
        ),
    )?;
    fs::write(
        dir.join("pyproject.toml"),
        format!(
            "[build-system]\nrequires = [\"maturin>=1.5,<2\"]\nbuild-backend = \"maturin\"\n\n\
             [project]\nname = \"{name}\"\nversion = \"{version}\"\nrequires-python = \">=3.9\"\n\n\
             [tool.maturin]\nfeatures = [\"pyo3/extension-module\"]\n"
        ),
    )?;
    fs::write(dir.join("src/lib.rs"), lib_rs)?;
    for (file, text) in files {
        fs::write(dir.join("src").join(file), text)?;
    }
    Ok(())
}

/// The build process's work (`python -m rustify_ml._build DIR`): under the
/// artifact's lock, unless another process stored it meanwhile, runs
/// maturin into the cache's shared target directory and stores the library
/// and its entries. A failure is recorded (with its log) so the same build
/// is not retried in a loop.
pub fn run_build(cache: &Cache, python: &str, dir: &Path) -> Result<String, String> {
    let job = BuildJob::read(dir)?;
    let _lock = cache.lock(&job.artifact).map_err(|e| format!("cannot lock the cache: {e}"))?;
    let done = job.entries.iter().all(|e| matches!(cache.lookup(&e.key), Lookup::Hit { .. }));
    let result = if done { Ok("already built by another process".to_string()) } else { maturin(cache, python, dir, &job) };
    let _ = fs::remove_dir_all(dir);
    result
}

fn maturin(cache: &Cache, python: &str, dir: &Path, job: &BuildJob) -> Result<String, String> {
    // One persistent target directory, so pyo3 compiles once per machine.
    let target = std::env::var_os("RUSTIFY_TARGET_DIR").map(std::path::PathBuf::from).unwrap_or_else(|| cache.dir("target"));
    let log_path = cache.log_path(&job.artifact);
    fs::create_dir_all(log_path.parent().unwrap()).map_err(|e| e.to_string())?;
    let t0 = Instant::now();
    let attempt = |offline: bool| -> Result<bool, String> {
        let log = fs::OpenOptions::new().create(true).append(true).open(&log_path).map_err(|e| e.to_string())?;
        let status = Command::new(python)
            .args(["-m", "maturin", "build", "--release", "--interpreter", python, "--out"])
            .arg(dir.join("dist"))
            .arg("--manifest-path")
            .arg(dir.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", &target)
            // Exactly the flags the key names: cargo configuration files
            // (say `target-cpu=native`) must not change the code unseen.
            .env("CARGO_ENCODED_RUSTFLAGS", std::env::var("RUSTFLAGS").unwrap_or_default().split_whitespace().collect::<Vec<_>>().join("\x1f"))
            .env_remove("RUSTFLAGS")
            .env("CARGO_NET_OFFLINE", if offline { "true" } else { "false" })
            .stdin(Stdio::null())
            .stdout(log.try_clone().map_err(|e| e.to_string())?)
            .stderr(log)
            .status()
            .map_err(|e| format!("cannot run maturin: {e}"))?;
        Ok(status.success())
    };
    // Offline first: pyo3 is normally in the local registry already.
    let ok = attempt(true)? || attempt(false)?;
    let built = target.join("release").join(format!("lib{}.so", job.crate_name));
    if !ok || !built.exists() {
        let why = format!("maturin failed; log: {}", log_path.display());
        cache.record_failure(&job.artifact, &why);
        return Err(why);
    }
    cache.store(&job.artifact, &built, &job.entries).map_err(|e| format!("cannot store the build: {e}"))?;
    let _ = fs::remove_file(&built);
    let _ = cache.prune(max_cache_bytes());
    Ok(format!("built {} in {:.2} s", job.crate_name, t0.elapsed().as_secs_f64()))
}

