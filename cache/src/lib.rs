//! rustify-cache: the on-disk database of tier-2 extensions (no PyO3).
//!
//! An *entry* is one compiled program (a function specialised on one
//! argument signature), named by a content hash ([`key_of`]) of everything
//! its machine code depends on. An *artifact* is one built extension (`.so`)
//! holding the programs of one module build; entries point into it.
//!
//! Layout under the base directory (`RUSTIFY_CACHE_DIR`, else
//! `dirs::cache_dir()/rustify-ml`), versioned so a new format never reads
//! an old one:
//!
//! ```text
//! v1/entries/<key>.bin        entry metadata (bincode + sha256 trailer)
//! v1/artifacts/<id>.so        the extension; <id>.bin its metadata
//! v1/index.bin                hits and last use per entry (bincode)
//! v1/locks/ failed/ logs/     build locks, failure records, build logs
//! v1/build/ target/           crates being built; the shared target dir
//! ```
//!
//! It behaves as a database: every write is a temp file renamed into place;
//! a build takes a file lock on its artifact; anything truncated, corrupt or
//! foreign is detected by hash, skipped and removed; a directory that refuses
//! a write is used read-only from then on, with no further write attempts.

use std::collections::{BTreeMap, HashSet};
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{de::DeserializeOwned, Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The layout version: the directory every file lives under.
pub const LAYOUT: &str = "v1";

/// A failed build is retried after this long.
const FAILURE_RETRY_SECS: u64 = 24 * 3600;
/// Temp files and unreferenced libraries younger than this may belong to a
/// store in progress in another process: prune leaves them.
const LEFTOVER_AGE_SECS: u64 = 3600;

/// sha256 (hex) over labelled parts; each part is length-prefixed so no two
/// different lists of parts hash alike.
pub fn key_of(parts: &[(&str, &[u8])]) -> String {
    let mut h = Sha256::new();
    for (label, bytes) in parts {
        h.update((label.len() as u64).to_le_bytes());
        h.update(label.as_bytes());
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    }
    hex(&h.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn sha256_file(path: &Path) -> io::Result<String> {
    let mut f = File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            return Ok(hex(&h.finalize()));
        }
        h.update(&buf[..n]);
    }
}

pub fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// One compiled program.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: String,
    /// `module.qualname` of the Python function.
    pub function: String,
    pub file: String,
    pub line: u32,
    pub signature: String,
    /// The artifact holding it, and its program index there.
    pub artifact: String,
    pub index: u32,
    pub created: u64,
}

/// One built extension.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct Artifact {
    pub id: String,
    pub sha256: String,
    pub size: u64,
    pub created: u64,
}

/// A build handed to a build process: the artifact to produce and the
/// entries it will hold. Written as `job.bin` into the crate directory.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct BuildJob {
    pub artifact: String,
    pub crate_name: String,
    pub entries: Vec<Entry>,
}

impl BuildJob {
    pub fn write(&self, crate_dir: &Path) -> io::Result<()> {
        fs::write(crate_dir.join("job.bin"), encode(self))
    }

    pub fn read(crate_dir: &Path) -> Result<BuildJob, String> {
        decode(&fs::read(crate_dir.join("job.bin")).map_err(|e| e.to_string())?)
    }
}

/// How often and how recently an entry was used.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default)]
pub struct Usage {
    pub hits: u64,
    pub last_used: u64,
}

#[derive(Serialize, Deserialize, Default)]
struct Index {
    usage: BTreeMap<String, Usage>,
}

/// What a lookup found.
#[derive(Debug)]
pub enum Lookup {
    Hit { entry: Entry, library: PathBuf },
    Miss,
    /// The entry or its artifact failed a check; it was skipped (and
    /// removed where the directory allows).
    Corrupt(String),
}

pub struct Cache {
    root: PathBuf,
    read_only: AtomicBool,
    /// Artifacts whose hash this process already checked.
    verified: Mutex<HashSet<String>>,
}

/// Serialized metadata: bincode, then the sha256 of those bytes, so a
/// truncated or altered file is detected.
fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = bincode::serde::encode_to_vec(value, bincode::config::standard()).expect("metadata serializes");
    let digest = Sha256::digest(&bytes);
    bytes.extend_from_slice(&digest);
    bytes
}

fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    if bytes.len() < 32 {
        return Err("truncated".into());
    }
    let (body, digest) = bytes.split_at(bytes.len() - 32);
    if Sha256::digest(body).as_slice() != digest {
        return Err("checksum mismatch".into());
    }
    bincode::serde::decode_from_slice(body, bincode::config::standard()).map(|(v, _)| v).map_err(|e| e.to_string())
}

/// Old enough that no live process can still be writing it.
fn is_leftover_age(f: &fs::DirEntry) -> bool {
    f.metadata()
        .and_then(|m| m.modified())
        .is_ok_and(|t| t.elapsed().unwrap_or_default().as_secs() >= LEFTOVER_AGE_SECS)
}

fn is_refusal(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem)
}

impl Cache {
    /// The cache under `base` (nothing is created until the first write).
    pub fn open(base: &Path) -> Cache {
        Cache { root: base.join(LAYOUT), read_only: AtomicBool::new(false), verified: Mutex::new(HashSet::new()) }
    }

    /// `RUSTIFY_CACHE_DIR`, else the platform's cache directory.
    pub fn default_base() -> Option<PathBuf> {
        match std::env::var_os("RUSTIFY_CACHE_DIR") {
            Some(d) if !d.is_empty() => Some(PathBuf::from(d)),
            _ => dirs::cache_dir().map(|d| d.join("rustify-ml")),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only.load(Relaxed)
    }

    pub fn dir(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    fn entry_path(&self, key: &str) -> PathBuf {
        self.root.join("entries").join(format!("{key}.bin"))
    }

    pub fn library_path(&self, id: &str) -> PathBuf {
        self.root.join("artifacts").join(format!("{id}.so"))
    }

    fn artifact_meta_path(&self, id: &str) -> PathBuf {
        self.root.join("artifacts").join(format!("{id}.bin"))
    }

    pub fn log_path(&self, id: &str) -> PathBuf {
        self.root.join("logs").join(format!("{id}.log"))
    }

    /// Runs a write; the first refusal (permissions, read-only file system)
    /// turns the cache read-only, and later writes are not attempted.
    fn write<T>(&self, f: impl FnOnce() -> io::Result<T>) -> io::Result<T> {
        if self.is_read_only() {
            return Err(io::Error::new(io::ErrorKind::ReadOnlyFilesystem, "the cache directory is read-only"));
        }
        f().inspect_err(|e| {
            if is_refusal(e) {
                self.read_only.store(true, Relaxed);
            }
        })
    }

    /// Creates a directory of the cache (a refusal makes it read-only).
    pub fn make_dir(&self, path: &Path) -> io::Result<()> {
        self.write(|| fs::create_dir_all(path))
    }

    /// Writes `bytes` to `path` atomically: a temp file beside it, synced,
    /// then renamed over it.
    pub fn write_atomic(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        self.replace(path, bytes, true)
    }

    /// [`Cache::write_atomic`], optionally without the sync (usage counts:
    /// losing one to a power cut is harmless, waiting for the disk is not).
    fn replace(&self, path: &Path, bytes: &[u8], sync: bool) -> io::Result<()> {
        self.write(|| {
            let dir = path.parent().expect("cache paths have a parent");
            fs::create_dir_all(dir)?;
            let tmp = dir.join(format!(".{}.tmp{}", path.file_name().unwrap().to_string_lossy(), std::process::id()));
            let mut f = File::create(&tmp)?;
            f.write_all(bytes)?;
            if sync {
                f.sync_all()?;
            }
            fs::rename(&tmp, path).inspect_err(|_| {
                let _ = fs::remove_file(&tmp);
            })
        })
    }

    fn read_meta<T: DeserializeOwned>(path: &Path) -> Option<Result<T, String>> {
        match fs::read(path) {
            Ok(bytes) => Some(decode(&bytes)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => Some(Err(e.to_string())),
        }
    }

    /// The entry for `key` with the path of its checked library.
    pub fn lookup(&self, key: &str) -> Lookup {
        let entry: Entry = match Self::read_meta(&self.entry_path(key)) {
            None => return Lookup::Miss,
            Some(Ok(e)) => e,
            Some(Err(why)) => {
                let _ = self.write(|| fs::remove_file(self.entry_path(key)));
                return Lookup::Corrupt(format!("entry {key}: {why}"));
            }
        };
        if entry.key != key {
            let _ = self.write(|| fs::remove_file(self.entry_path(key)));
            return Lookup::Corrupt(format!("entry {key} names another key"));
        }
        match self.check_artifact(&entry.artifact) {
            Ok(library) => Lookup::Hit { entry, library },
            Err(why) => {
                self.evict_artifact(&entry.artifact);
                let _ = self.write(|| fs::remove_file(self.entry_path(key)));
                Lookup::Corrupt(format!("artifact {}: {why}", entry.artifact))
            }
        }
    }

    /// The library of artifact `id` if it matches its recorded hash (checked
    /// once per process).
    fn check_artifact(&self, id: &str) -> Result<PathBuf, String> {
        let library = self.library_path(id);
        if self.verified.lock().unwrap().contains(id) {
            return Ok(library);
        }
        let meta: Artifact = match Self::read_meta(&self.artifact_meta_path(id)) {
            None => return Err("metadata missing".into()),
            Some(r) => r?,
        };
        let actual = sha256_file(&library).map_err(|e| e.to_string())?;
        if actual != meta.sha256 || meta.id != id {
            return Err("library hash mismatch".into());
        }
        self.verified.lock().unwrap().insert(id.to_string());
        Ok(library)
    }

    fn evict_artifact(&self, id: &str) {
        let _ = self.write(|| {
            for p in [self.library_path(id), self.artifact_meta_path(id)] {
                match fs::remove_file(p) {
                    Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                    _ => {}
                }
            }
            Ok(())
        });
    }

    /// Stores a built library as artifact `id` and its entries. The library
    /// and its metadata land before any entry names them, so a process
    /// killed halfway leaves no entry without its artifact.
    pub fn store(&self, id: &str, built: &Path, entries: &[Entry]) -> io::Result<()> {
        let bytes = fs::read(built)?;
        self.write_atomic(&self.library_path(id), &bytes)?;
        let meta = Artifact { id: id.to_string(), sha256: hex(&Sha256::digest(&bytes)), size: bytes.len() as u64, created: now() };
        self.write_atomic(&self.artifact_meta_path(id), &encode(&meta))?;
        for e in entries {
            self.write_atomic(&self.entry_path(&e.key), &encode(e))?;
        }
        let _ = fs::remove_file(self.root.join("failed").join(id));
        Ok(())
    }

    /// An exclusive lock on `name` (blocking), released when the file is
    /// dropped or the process dies.
    pub fn lock(&self, name: &str) -> io::Result<File> {
        let path = self.root.join("locks").join(format!("{name}.lock"));
        let f = self.write(|| {
            fs::create_dir_all(path.parent().unwrap())?;
            fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path)
        })?;
        f.lock()?;
        Ok(f)
    }

    /// Why artifact `id` failed to build in the last day, if it did: the
    /// same failing build is not retried in a loop (but is a day later, or
    /// after `clear`, once the tools may have been fixed).
    pub fn failure(&self, id: &str) -> Option<String> {
        let path = self.root.join("failed").join(id);
        let age = fs::metadata(&path).ok()?.modified().ok()?.elapsed().unwrap_or_default();
        if age > std::time::Duration::from_secs(FAILURE_RETRY_SECS) {
            return None;
        }
        fs::read_to_string(path).ok()
    }

    pub fn record_failure(&self, id: &str, why: &str) {
        let _ = self.write_atomic(&self.root.join("failed").join(id), why.as_bytes());
    }

    fn read_index(&self) -> Index {
        match Self::read_meta(&self.root.join("index.bin")) {
            Some(Ok(i)) => i,
            // Missing, truncated or corrupt: usage restarts from the entries.
            _ => Index::default(),
        }
    }

    /// Counts a use of `key` (best effort: a read-only cache keeps no counts).
    pub fn record_hit(&self, key: &str) {
        self.record_hits(&[key.to_string()]);
    }

    /// Counts a use of each key, in one update of the index.
    pub fn record_hits(&self, keys: &[String]) {
        if self.is_read_only() {
            return;
        }
        let Ok(_lock) = self.lock("index") else { return };
        let mut index = self.read_index();
        for key in keys {
            let u = index.usage.entry(key.clone()).or_default();
            u.hits += 1;
            u.last_used = now();
        }
        let _ = self.replace(&self.root.join("index.bin"), &encode(&index), false);
    }

    /// Every readable entry with its usage and its artifact's size.
    pub fn entries(&self) -> Vec<(Entry, Usage, u64)> {
        let index = self.read_index();
        let mut out = Vec::new();
        let Ok(dir) = fs::read_dir(self.root.join("entries")) else { return out };
        for f in dir.flatten() {
            let path = f.path();
            if path.extension().is_none_or(|x| x != "bin") {
                continue;
            }
            if let Some(Ok(e)) = Self::read_meta::<Entry>(&path) {
                let size = fs::metadata(self.library_path(&e.artifact)).map(|m| m.len()).unwrap_or(0);
                let usage = index.usage.get(&e.key).copied().unwrap_or(Usage { hits: 0, last_used: e.created });
                out.push((e, usage, size));
            }
        }
        out.sort_by(|a, b| (&a.0.function, &a.0.signature).cmp(&(&b.0.function, &b.0.signature)));
        out
    }

    /// Bytes used by the stored libraries.
    pub fn size(&self) -> u64 {
        fs::read_dir(self.root.join("artifacts"))
            .map(|d| {
                d.flatten()
                    .filter(|f| f.path().extension().is_some_and(|x| x == "so"))
                    .filter_map(|f| f.metadata().ok())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    }

    /// Removes every entry, library, failure record and log; keeps the
    /// shared target directory (it only speeds up builds) and `build/`
    /// (crates a running build process is compiling, which it removes
    /// itself). Returns the number of entries removed.
    pub fn clear(&self) -> io::Result<usize> {
        let n = self.entries().len();
        self.write(|| {
            for d in ["entries", "artifacts", "failed", "logs", "index.bin"] {
                let p = self.root.join(d);
                let r = if p.is_dir() { fs::remove_dir_all(&p) } else { fs::remove_file(&p) };
                match r {
                    Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                    _ => {}
                }
            }
            Ok(())
        })?;
        self.verified.lock().unwrap().clear();
        Ok(n)
    }

    /// Drops entries whose artifact is gone and leftovers of killed writes,
    /// then least-recently-used artifacts (with their entries) until the
    /// libraries fit in `max_bytes`. Returns the artifacts removed.
    pub fn prune(&self, max_bytes: u64) -> io::Result<Vec<String>> {
        let entries = self.entries();
        let mut artifacts: BTreeMap<String, (u64, u64, Vec<String>)> = BTreeMap::new();
        for (e, usage, size) in &entries {
            if !self.library_path(&e.artifact).exists() {
                self.write(|| fs::remove_file(self.entry_path(&e.key)))?;
                continue;
            }
            let a = artifacts.entry(e.artifact.clone()).or_insert((0, *size, Vec::new()));
            a.0 = a.0.max(usage.last_used);
            a.2.push(e.key.clone());
        }
        self.remove_leftovers()?;
        let mut total = self.size();
        let mut by_age: Vec<(String, (u64, u64, Vec<String>))> = artifacts.into_iter().collect();
        by_age.sort_by_key(|(_, (last, _, _))| *last);
        let mut removed = Vec::new();
        for (id, (_, size, keys)) in by_age {
            if total <= max_bytes {
                break;
            }
            for k in &keys {
                self.write(|| fs::remove_file(self.entry_path(k)))?;
            }
            self.evict_artifact(&id);
            total = total.saturating_sub(size);
            removed.push(id);
        }
        Ok(removed)
    }

    /// Temp files of writes a killed process never renamed, libraries no
    /// entry points at, and crates of killed builds, once they are old enough that no live process
    /// can still be writing them (a store lands its library before its
    /// entries).
    fn remove_leftovers(&self) -> io::Result<()> {
        let live: HashSet<String> = self.entries().into_iter().map(|(e, _, _)| e.artifact).collect();
        for sub in ["entries", "artifacts", "failed"] {
            let Ok(dir) = fs::read_dir(self.root.join(sub)) else { continue };
            for f in dir.flatten() {
                let name = f.file_name().to_string_lossy().into_owned();
                let orphan = sub == "artifacts" && !live.contains(name.trim_start_matches('.').split('.').next().unwrap_or(""));
                if (name.starts_with('.') || orphan) && is_leftover_age(&f) {
                    self.write(|| fs::remove_file(f.path()))?;
                }
            }
        }
        // Crates of build processes that were killed.
        if let Ok(dir) = fs::read_dir(self.root.join("build")) {
            for d in dir.flatten() {
                if is_leftover_age(&d) {
                    self.write(|| fs::remove_dir_all(d.path()))?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
