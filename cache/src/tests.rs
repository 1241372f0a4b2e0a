use super::*;

fn entry(key: &str, artifact: &str) -> Entry {
    Entry {
        key: key.into(),
        function: format!("m.f_{key}"),
        file: "m.py".into(),
        line: 1,
        signature: "(int)".into(),
        artifact: artifact.into(),
        index: 0,
        created: now(),
    }
}

fn built(dir: &Path, bytes: &[u8]) -> PathBuf {
    let p = dir.join("built.so");
    fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn keys_separate_their_parts() {
    let a = key_of(&[("x", b"ab"), ("y", b"c")]);
    let b = key_of(&[("x", b"a"), ("y", b"bc")]);
    assert_ne!(a, b);
    assert_eq!(a, key_of(&[("x", b"ab"), ("y", b"c")]));
    assert_eq!(a.len(), 64);
}

#[test]
fn store_then_lookup_hits() {
    let t = tempfile::tempdir().unwrap();
    let c = Cache::open(t.path());
    assert!(matches!(c.lookup("k1"), Lookup::Miss));
    c.store("a1", &built(t.path(), b"library"), &[entry("k1", "a1")]).unwrap();
    match c.lookup("k1") {
        Lookup::Hit { entry: e, library } => {
            assert_eq!(e, entry("k1", "a1").clone_with_created(e.created));
            assert_eq!(fs::read(library).unwrap(), b"library");
        }
        other => panic!("{other:?}"),
    }
    c.record_hit("k1");
    c.record_hit("k1");
    let listed = c.entries();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].1.hits, 2);
    assert_eq!(listed[0].2, 7);
}

impl Entry {
    fn clone_with_created(mut self, created: u64) -> Entry {
        self.created = created;
        self
    }
}

#[test]
fn a_corrupt_library_is_detected_and_removed() {
    let t = tempfile::tempdir().unwrap();
    let c = Cache::open(t.path());
    c.store("a1", &built(t.path(), b"library"), &[entry("k1", "a1")]).unwrap();
    fs::write(c.library_path("a1"), b"librarX").unwrap();
    // A fresh process (no hash verified yet) sees the mismatch.
    let c = Cache::open(t.path());
    assert!(matches!(c.lookup("k1"), Lookup::Corrupt(ref why) if why.contains("hash mismatch")));
    assert!(!c.library_path("a1").exists());
    assert!(matches!(c.lookup("k1"), Lookup::Miss));
}

#[test]
fn truncated_metadata_and_index_are_detected() {
    let t = tempfile::tempdir().unwrap();
    let c = Cache::open(t.path());
    c.store("a1", &built(t.path(), b"library"), &[entry("k1", "a1"), entry("k2", "a1")]).unwrap();
    c.record_hit("k1");
    let index = c.root().join("index.bin");
    let bytes = fs::read(&index).unwrap();
    fs::write(&index, &bytes[..bytes.len() / 2]).unwrap();
    let e = c.entry_path("k2");
    let bytes = fs::read(&e).unwrap();
    fs::write(&e, &bytes[..bytes.len() - 1]).unwrap();
    assert!(matches!(c.lookup("k2"), Lookup::Corrupt(ref why) if why.contains("checksum")));
    assert!(matches!(c.lookup("k1"), Lookup::Hit { .. }));
    // The index starts over instead of failing.
    let listed = c.entries();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].1.hits, 0);
    c.record_hit("k1");
    assert_eq!(c.entries()[0].1.hits, 1);
}

#[test]
fn prune_drops_least_recently_used_first() {
    let t = tempfile::tempdir().unwrap();
    let c = Cache::open(t.path());
    c.store("old", &built(t.path(), &[0u8; 100]), &[entry("k1", "old")]).unwrap();
    c.store("new", &built(t.path(), &[1u8; 100]), &[entry("k2", "new")]).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    c.record_hit("k2");
    assert_eq!(c.prune(150).unwrap(), vec!["old".to_string()]);
    assert!(matches!(c.lookup("k1"), Lookup::Miss));
    assert!(matches!(c.lookup("k2"), Lookup::Hit { .. }));
    assert_eq!(c.prune(1000).unwrap(), Vec::<String>::new());
}

#[test]
fn leftovers_of_a_killed_write_are_pruned_and_never_read() {
    let t = tempfile::tempdir().unwrap();
    let c = Cache::open(t.path());
    c.store("a1", &built(t.path(), b"x"), &[entry("k1", "a1")]).unwrap();
    let tmp = c.root().join("artifacts").join(".a2.so.tmp999");
    fs::write(&tmp, b"half").unwrap();
    // A library stored with no entry yet (killed before the entries landed).
    fs::write(c.library_path("a3"), b"orphan").unwrap();
    assert_eq!(c.entries().len(), 1);
    // Young: they may belong to a store running in another process.
    c.prune(u64::MAX).unwrap();
    assert!(tmp.exists() && c.library_path("a3").exists());
    let old = SystemTime::now() - std::time::Duration::from_secs(2 * LEFTOVER_AGE_SECS);
    for p in [&tmp, &c.library_path("a3")] {
        File::options().write(true).open(p).unwrap().set_modified(old).unwrap();
    }
    c.prune(u64::MAX).unwrap();
    assert!(!tmp.exists());
    assert!(!c.library_path("a3").exists());
    assert!(c.library_path("a1").exists());
}

#[test]
fn clear_removes_entries() {
    let t = tempfile::tempdir().unwrap();
    let c = Cache::open(t.path());
    c.store("a1", &built(t.path(), b"x"), &[entry("k1", "a1")]).unwrap();
    assert_eq!(c.clear().unwrap(), 1);
    assert!(matches!(c.lookup("k1"), Lookup::Miss));
    assert_eq!(c.size(), 0);
}

#[test]
fn failures_are_remembered_until_a_store() {
    let t = tempfile::tempdir().unwrap();
    let c = Cache::open(t.path());
    assert_eq!(c.failure("a1"), None);
    c.record_failure("a1", "cargo failed");
    assert_eq!(c.failure("a1").as_deref(), Some("cargo failed"));
    c.store("a1", &built(t.path(), b"x"), &[entry("k1", "a1")]).unwrap();
    assert_eq!(c.failure("a1"), None);
}

#[test]
fn a_refused_write_makes_the_cache_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let t = tempfile::tempdir().unwrap();
    let c = Cache::open(t.path());
    c.store("a1", &built(t.path(), b"x"), &[entry("k1", "a1")]).unwrap();
    // Running as root ignores permission bits; simulate the refusal there.
    let root_user = unsafe_is_root();
    for d in [c.root().to_path_buf(), c.root().join("entries"), c.root().join("artifacts")] {
        fs::set_permissions(&d, fs::Permissions::from_mode(0o555)).unwrap();
    }
    let c = Cache::open(t.path());
    if root_user {
        c.read_only.store(true, Relaxed);
    }
    assert!(matches!(c.lookup("k1"), Lookup::Hit { .. }));
    let err = c.store("a2", &built(t.path(), b"y"), &[entry("k2", "a2")]).unwrap_err();
    assert!(is_refusal(&err), "{err}");
    assert!(c.is_read_only());
    c.record_hit("k1");
    assert!(c.lock("a3").is_err());
    for d in [c.root().to_path_buf(), c.root().join("entries"), c.root().join("artifacts")] {
        fs::set_permissions(&d, fs::Permissions::from_mode(0o755)).unwrap();
    }
    assert!(!c.root().join("index.bin").exists(), "no write after the refusal");
}

fn unsafe_is_root() -> bool {
    fs::read_to_string("/proc/self/status")
        .map(|s| s.lines().any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0")))
        .unwrap_or(false)
}
