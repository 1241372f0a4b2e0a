//! Native dicts for the subset: CPython's insertion-ordered dict, for keys
//! that are numbers, strs or tuples of those, and values that are numbers.
//!
//! Keys compare as in Python (`1 == 1.0 == True`, `(1, 2) == (1.0, 2.0)`,
//! strs by content), and the first key stored stays the key, as CPython
//! keeps the first key object. A NaN key is refused (CPython finds it by
//! identity, which a native value does not have): the call bails out.
//!
//! A str key part is the `PyObject*` of an exact str; the dict holds a
//! reference to it and hashes and compares it through [`StrOps`], which
//! the host installs (the dict code links no Python).
//!
//! Layout is `repr(C)` and memory comes from the system allocator, because
//! the runtime creates and frees dicts that a tier-2 crate, compiled from
//! this same file, reads and grows. Every dict lives until the end of the
//! top-level native call that created it (`CallCtx::dicts` links them).

use std::alloc::{GlobalAlloc, Layout, System};
use std::ffi::c_void;
use std::sync::OnceLock;

use crate::abi::CallCtx;
use crate::semantics::cmp_num;

pub const TAG_INT: u64 = 0;
pub const TAG_FLOAT: u64 = 1;
pub const TAG_BOOL: u64 = 2;
/// A key part that is a str object (never a value).
pub const TAG_STR: u64 = 3;
/// Longest tuple key.
pub const MAX_KEY_PARTS: u64 = 8;
/// What lookups return for a key native code cannot compare (NaN).
pub const BAD_KEY: i64 = -2;

/// One dict. An entry is `stride()` words: the key's hash, the key's parts
/// as (tag, bits) pairs, then the value as (tag, bits). The key shape is
/// set by the first store (every key of one dict has one static type).
#[repr(C)]
pub struct Dict {
    /// The next dict created by the same call.
    pub next: *mut Dict,
    pub parts: u64,
    /// Keys are tuples of `parts` numbers (else one number).
    pub tuple_key: u64,
    pub len: u64,
    pub cap: u64,
    pub entries: *mut u64,
    /// Size of `index` minus one (0 while there is no table).
    pub mask: u64,
    /// Entry number + 1 per slot, 0 for an empty slot.
    pub index: *mut u32,
    /// Set by every write, for the write-back of argument dicts.
    pub dirty: u64,
    /// The last key `rd_find` missed (its words, hash and free slot), so
    /// the `d[k] = ...` that usually follows stores without a second
    /// lookup; cleared by every store.
    miss_key: [u64; 2 * MAX_KEY_PARTS as usize],
    miss_hash: u64,
    miss_slot: u64,
    miss_valid: u64,
    /// The Python dict this is a native copy of (an argument), else null:
    /// returning it returns that object, written back.
    pub origin: *mut std::ffi::c_void,
}

pub const LEN_OFFSET: i32 = 24;
pub const ENTRIES_OFFSET: i32 = 40;
pub const DIRTY_OFFSET: i32 = 64;

impl Dict {
    pub fn stride(&self) -> usize {
        stride(self.parts)
    }

    /// The words of entry `i`.
    ///
    /// # Safety
    /// `i < self.len`.
    pub unsafe fn entry(&self, i: usize) -> &[u64] {
        let s = self.stride();
        std::slice::from_raw_parts(self.entries.add(i * s), s)
    }
}

/// Words per entry for keys of `parts` parts.
pub const fn stride(parts: u64) -> usize {
    3 + 2 * parts as usize
}

/// The interpreter's str operations, for str key parts (the pointer of an
/// exact str). Called with the GIL held: programs with strs keep it.
#[derive(Clone, Copy)]
pub struct StrOps {
    /// The str's Python hash (cached in the object).
    pub hash: unsafe extern "C" fn(*mut c_void) -> i64,
    /// 1 when the two strs are equal.
    pub eq: unsafe extern "C" fn(*mut c_void, *mut c_void) -> i8,
    pub incref: unsafe extern "C" fn(*mut c_void),
    pub decref: unsafe extern "C" fn(*mut c_void),
}

static STR_OPS: OnceLock<StrOps> = OnceLock::new();

/// Installs the str operations (once; later calls keep the first).
pub fn set_str_ops(ops: StrOps) {
    let _ = STR_OPS.set(ops);
}

fn str_ops() -> &'static StrOps {
    STR_OPS.get().expect("str dict keys need the host's StrOps")
}

fn has_str_part(key: &[u64]) -> bool {
    key.chunks_exact(2).any(|p| p[0] == TAG_STR)
}

/// Python equality classes: an integral float is its int.
fn normal(tag: u64, bits: u64) -> Option<(u64, u64)> {
    if tag == TAG_STR {
        // SAFETY: a str part is a live str object (held by the caller or the dict).
        return Some((2, unsafe { (str_ops().hash)(bits as *mut c_void) } as u64));
    }
    if tag != TAG_FLOAT {
        return Some((0, bits));
    }
    let f = f64::from_bits(bits);
    if f.is_nan() {
        None
    } else if f == f.trunc() && (-9.223372036854775808e18..9.223372036854775808e18).contains(&f) {
        Some((0, f as i64 as u64))
    } else {
        Some((1, bits))
    }
}

fn hash_of(key: &[u64]) -> Option<u64> {
    let mut h: u64 = 0;
    for p in key.chunks_exact(2) {
        let (kind, bits) = normal(p[0], p[1])?;
        // One multiply per part: the lookup's cost is mostly this chain.
        h = (h.rotate_left(5) ^ bits ^ (kind << 62)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    Some(h ^ (h >> 29))
}

fn same_key(a: &[u64], b: &[u64]) -> bool {
    // Equal words are equal keys (NaN keys are never stored; one str object
    // is one str); else compare Python's equality classes (`1 == 1.0`,
    // `0.0 == -0.0`) and strs by content.
    a.iter().zip(b).all(|(x, y)| x == y)
        || a.chunks_exact(2).zip(b.chunks_exact(2)).all(|(x, y)| match (x[0] == TAG_STR, y[0] == TAG_STR) {
            // SAFETY: str parts are live str objects.
            (true, true) => x[1] == y[1] || unsafe { (str_ops().eq)(x[1] as *mut c_void, y[1] as *mut c_void) } == 1,
            (false, false) => normal(x[0], x[1]) == normal(y[0], y[1]),
            _ => false,
        })
}

unsafe fn alloc<T>(n: usize, zeroed: bool) -> *mut T {
    let layout = Layout::array::<T>(n.max(1)).expect("dict size");
    let p = if zeroed { System.alloc_zeroed(layout) } else { System.alloc(layout) } as *mut T;
    if p.is_null() {
        std::alloc::handle_alloc_error(layout);
    }
    p
}

unsafe fn free<T>(p: *mut T, n: usize) {
    if !p.is_null() {
        System.dealloc(p as *mut u8, Layout::array::<T>(n.max(1)).expect("dict size"));
    }
}

/// A new empty dict owned by the call `ctx`.
///
/// # Safety
/// `ctx` is the live call context.
pub unsafe extern "C" fn rd_new(ctx: *mut CallCtx) -> *mut Dict {
    let d = alloc::<Dict>(1, true);
    (*d).next = (*ctx).dicts as *mut Dict;
    (*ctx).dicts = d as *mut std::ffi::c_void;
    d
}

/// Frees every dict of a finished call.
///
/// # Safety
/// `ctx` is a call context no code will run under again.
pub unsafe fn free_all(ctx: &mut CallCtx) {
    let mut d = ctx.dicts as *mut Dict;
    ctx.dicts = std::ptr::null_mut();
    while !d.is_null() {
        let next = (*d).next;
        for i in 0..(*d).len as usize {
            let e = (*d).entry(i);
            for part in e[1..e.len() - 2].chunks_exact(2) {
                if part[0] == TAG_STR {
                    (str_ops().decref)(part[1] as *mut c_void);
                }
            }
        }
        free((*d).entries, (*d).cap as usize * (*d).stride());
        free((*d).index, (*d).mask as usize + 1);
        free(d, 1);
        d = next;
    }
}

unsafe fn probe(d: *mut Dict, key: &[u64], hash: u64) -> Result<usize, usize> {
    let mask = (*d).mask as usize;
    let mut slot = hash as usize & mask;
    loop {
        let at = *(*d).index.add(slot);
        if at == 0 {
            return Err(slot);
        }
        let e = (*d).entry(at as usize - 1);
        if e[0] == hash && same_key(&e[1..1 + key.len()], key) {
            return Ok(at as usize - 1);
        }
        slot = (slot + 1) & mask;
    }
}

unsafe fn grow(d: *mut Dict) {
    let s = (*d).stride();
    let cap = ((*d).cap as usize * 2).max(32);
    // Entries are written before they are read (up to `len`).
    let entries = alloc::<u64>(cap * s, false);
    std::ptr::copy_nonoverlapping((*d).entries, entries, (*d).len as usize * s);
    free((*d).entries, (*d).cap as usize * s);
    (*d).entries = entries;
    (*d).cap = cap as u64;
    free((*d).index, (*d).mask as usize + 1);
    let slots = cap * 2;
    (*d).index = alloc::<u32>(slots, true);
    (*d).mask = slots as u64 - 1;
    for i in 0..(*d).len as usize {
        let h = *(*d).entries.add(i * s);
        let mut slot = h as usize & (slots - 1);
        while *(*d).index.add(slot) != 0 {
            slot = (slot + 1) & (slots - 1);
        }
        *(*d).index.add(slot) = i as u32 + 1;
    }
}

/// The entry number of `key` (`parts` parts), -1 when absent, [`BAD_KEY`]
/// for a NaN part.
///
/// # Safety
/// `d` is a live dict and `key` points to `parts` parts, as many as the
/// dict's keys have.
pub unsafe extern "C" fn rd_find(d: *mut Dict, key: *const u64, parts: u64) -> i64 {
    let key = std::slice::from_raw_parts(key, 2 * parts as usize);
    let Some(h) = hash_of(key) else { return BAD_KEY };
    if (*d).len == 0 {
        return -1;
    }
    match probe(d, key, h) {
        Ok(i) => i as i64,
        // A str part's object may be freed and its address reused before
        // the store: no memo for those.
        Err(_) if has_str_part(key) => -1,
        Err(slot) => {
            (&mut (*d).miss_key)[..key.len()].copy_from_slice(key);
            (*d).miss_hash = h;
            (*d).miss_slot = slot as u64;
            (*d).miss_valid = 1;
            -1
        }
    }
}

/// `d[key] = value`: replaces the value of an existing key in place, else
/// appends an entry. Returns the entry number, or [`BAD_KEY`].
///
/// # Safety
/// As [`rd_find`]; `tuple_key` tells whether the key is a tuple.
pub unsafe extern "C" fn rd_set(d: *mut Dict, key: *const u64, parts: u64, tuple_key: u64, vtag: u64, vbits: u64) -> i64 {
    let key = std::slice::from_raw_parts(key, 2 * parts as usize);
    // The key `rd_find` just missed (the dict unchanged since): its hash
    // and free slot are known.
    let missed = (*d).miss_valid != 0 && (&(*d).miss_key)[..key.len()].iter().zip(key).all(|(a, b)| a == b);
    (*d).miss_valid = 0;
    let h = if missed {
        (*d).miss_hash
    } else {
        match hash_of(key) {
            Some(h) => h,
            None => return BAD_KEY,
        }
    };
    (*d).dirty = 1;
    if (*d).len == 0 && (*d).cap == 0 {
        (*d).parts = parts;
        (*d).tuple_key = tuple_key;
    }
    let s = (*d).stride();
    let mut slot = (*d).miss_slot as usize;
    if (*d).len > 0 && !missed {
        match probe(d, key, h) {
            Ok(i) => {
                let e = (*d).entries.add(i * s + s - 2);
                *e = vtag;
                *e.add(1) = vbits;
                return i as i64;
            }
            Err(free) => slot = free,
        }
    }
    let grown = (*d).len == (*d).cap;
    if grown {
        grow(d);
    }
    let i = (*d).len as usize;
    let e = (*d).entries.add(i * s);
    *e = h;
    std::ptr::copy_nonoverlapping(key.as_ptr(), e.add(1), key.len());
    for part in key.chunks_exact(2) {
        if part[0] == TAG_STR {
            (str_ops().incref)(part[1] as *mut c_void);
        }
    }
    *e.add(s - 2) = vtag;
    *e.add(s - 1) = vbits;
    (*d).len += 1;
    if grown || i == 0 {
        slot = probe(d, key, h).expect_err("a new key");
    }
    *(*d).index.add(slot) = i as u32 + 1;
    i as i64
}

/// The entry of the first greatest (`max != 0`) or least value, as
/// `max(d, key=d.get)` finds it; -1 for an empty dict.
///
/// # Safety
/// `d` is a live dict.
pub unsafe extern "C" fn rd_extreme(d: *mut Dict, max: u64) -> i64 {
    let n = (*d).len as usize;
    if n == 0 {
        return -1;
    }
    let value = |i: usize| {
        let e = (*d).entry(i);
        let tag = if e[e.len() - 2] == TAG_FLOAT { 1 } else { 0 };
        (tag, e[e.len() - 1] as i64)
    };
    let mut best = 0;
    for i in 1..n {
        let ((at, a), (bt, b)) = (value(i), value(best));
        let wanted = if max != 0 { std::cmp::Ordering::Greater } else { std::cmp::Ordering::Less };
        if cmp_num(at, a, bt, b) == Some(wanted) {
            best = i;
        }
    }
    best as i64
}

pub fn symbols() -> [(&'static str, *const u8); 4] {
    [
        ("rd_new", rd_new as *const u8),
        ("rd_find", rd_find as *const u8),
        ("rd_set", rd_set as *const u8),
        ("rd_extreme", rd_extreme as *const u8),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(parts: &[(u64, u64)]) -> Vec<u64> {
        parts.iter().flat_map(|&(t, b)| [t, b]).collect()
    }

    #[test]
    fn python_key_equality_order_and_first_key_kept() {
        let mut ctx = CallCtx::new(100, std::ptr::null_mut());
        unsafe {
            let d = rd_new(&mut ctx);
            let k12 = key(&[(TAG_INT, 1), (TAG_INT, 2)]);
            let k12f = key(&[(TAG_FLOAT, 1f64.to_bits()), (TAG_FLOAT, 2f64.to_bits())]);
            let k21 = key(&[(TAG_INT, 2), (TAG_BOOL, 1)]);
            assert_eq!(rd_find(d, k12.as_ptr(), 2), -1);
            assert_eq!(rd_set(d, k21.as_ptr(), 2, 1, TAG_INT, 5), 0);
            assert_eq!(rd_set(d, k12.as_ptr(), 2, 1, TAG_INT, 7), 1);
            // (1.0, 2.0) is the same key: the value changes, the key stays int.
            assert_eq!(rd_set(d, k12f.as_ptr(), 2, 1, TAG_FLOAT, 0.5f64.to_bits()), 1);
            assert_eq!((*d).len, 2);
            let e = (*d).entry(1);
            assert_eq!(&e[1..5], &k12[..]);
            assert_eq!(&e[5..], &[TAG_FLOAT, 0.5f64.to_bits()]);
            let nan = key(&[(TAG_FLOAT, f64::NAN.to_bits()), (TAG_INT, 0)]);
            assert_eq!(rd_find(d, nan.as_ptr(), 2), BAD_KEY);
            // -0.0 is 0; 0.5 is no int.
            let z = key(&[(TAG_FLOAT, (-0.0f64).to_bits()), (TAG_INT, 0)]);
            rd_set(d, key(&[(TAG_INT, 0), (TAG_INT, 0)]).as_ptr(), 2, 1, TAG_INT, 1);
            assert_eq!(rd_find(d, z.as_ptr(), 2), 2);
            assert_eq!(rd_find(d, key(&[(TAG_FLOAT, 0.5f64.to_bits()), (TAG_INT, 0)]).as_ptr(), 2), -1);
            free_all(&mut ctx);
        }
    }

    /// Random finds and stores (with the miss memo in play: a store of the
    /// key just missed, of another key, finds in between) against a model
    /// keeping Python's order and key equality.
    #[test]
    fn random_finds_and_stores_agree_with_a_model() {
        let mut ctx = CallCtx::new(100, std::ptr::null_mut());
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        unsafe {
            let d = rd_new(&mut ctx);
            // Model: (normalised key, value) in insertion order.
            let mut model: Vec<((u64, u64, u64, u64), u64)> = Vec::new();
            for step in 0..20_000u64 {
                let (a, b) = (next() % 12, next() % 12);
                // Int parts, sometimes as the equal float.
                let part = |v: u64, r: u64| if r % 3 == 0 { (TAG_FLOAT, (v as f64).to_bits()) } else { (TAG_INT, v) };
                let k = key(&[part(a, next()), part(b, next())]);
                let norm = (0, a, 0, b);
                let found = rd_find(d, k.as_ptr(), 2);
                let want = model.iter().position(|(mk, _)| *mk == norm).map_or(-1, |i| i as i64);
                assert_eq!(found, want, "step {step}");
                let r = next() % 4;
                if r != 0 {
                    // Usually the key just looked up, else another one.
                    let k2 = if r == 3 { key(&[part(b, 0), part(a, 1)]) } else { k.clone() };
                    let norm2 = if r == 3 { (0, b, 0, a) } else { norm };
                    let at = rd_set(d, k2.as_ptr(), 2, 1, TAG_INT, step);
                    match model.iter().position(|(mk, _)| *mk == norm2) {
                        Some(i) => {
                            assert_eq!(at, i as i64);
                            model[i].1 = step;
                        }
                        None => {
                            assert_eq!(at, model.len() as i64);
                            model.push((norm2, step));
                        }
                    }
                }
            }
            assert_eq!((*d).len as usize, model.len());
            for (i, (_, v)) in model.iter().enumerate() {
                assert_eq!((*d).entry(i)[6], *v);
            }
            free_all(&mut ctx);
        }
    }

    /// A stand-in str object for [`StrOps`]: its text and a reference count.
    struct TestStr {
        text: &'static str,
        refs: std::sync::atomic::AtomicI64,
    }

    unsafe extern "C" fn test_hash(s: *mut c_void) -> i64 {
        let text = (*(s as *const TestStr)).text;
        text.bytes().fold(7i64, |h, b| h.wrapping_mul(31).wrapping_add(b as i64))
    }
    unsafe extern "C" fn test_eq(a: *mut c_void, b: *mut c_void) -> i8 {
        ((*(a as *const TestStr)).text == (*(b as *const TestStr)).text) as i8
    }
    unsafe extern "C" fn test_incref(s: *mut c_void) {
        (*(s as *const TestStr)).refs.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    unsafe extern "C" fn test_decref(s: *mut c_void) {
        (*(s as *const TestStr)).refs.fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
    }

    #[test]
    fn str_keys_compare_by_content_and_are_held_until_freed() {
        set_str_ops(StrOps { hash: test_hash, eq: test_eq, incref: test_incref, decref: test_decref });
        let new = |text| TestStr { text, refs: 1.into() };
        let (ab, ab2, ba, empty) = (new("ab"), new("ab"), new("ba"), new(""));
        let p = |s: &TestStr| s as *const TestStr as u64;
        let refs = |s: &TestStr| s.refs.load(std::sync::atomic::Ordering::Relaxed);
        let mut ctx = CallCtx::new(100, std::ptr::null_mut());
        unsafe {
            let d = rd_new(&mut ctx);
            assert_eq!(rd_find(d, [TAG_STR, p(&ab)].as_ptr(), 1), -1);
            assert_eq!(rd_set(d, [TAG_STR, p(&ab)].as_ptr(), 1, 0, TAG_INT, 1), 0);
            // An equal str is the same key: the value changes, the first key
            // object stays (and is the only one the dict holds).
            assert_eq!(rd_set(d, [TAG_STR, p(&ab2)].as_ptr(), 1, 0, TAG_INT, 2), 0);
            assert_eq!(rd_find(d, [TAG_STR, p(&ab2)].as_ptr(), 1), 0);
            assert_eq!(rd_set(d, [TAG_STR, p(&ba)].as_ptr(), 1, 0, TAG_INT, 3), 1);
            assert_eq!(rd_set(d, [TAG_STR, p(&empty)].as_ptr(), 1, 0, TAG_INT, 4), 2);
            assert_eq!((*d).entry(0)[1..], [TAG_STR, p(&ab), TAG_INT, 2]);
            assert_eq!((refs(&ab), refs(&ab2), refs(&ba), refs(&empty)), (2, 1, 2, 2));
            // Tuple keys mixing strs and numbers: ("ab", 1) == ("ab", 1.0).
            let t = rd_new(&mut ctx);
            rd_set(t, [TAG_STR, p(&ab), TAG_INT, 1].as_ptr(), 2, 1, TAG_INT, 5);
            let same = [TAG_STR, p(&ab2), TAG_FLOAT, 1f64.to_bits()];
            assert_eq!(rd_find(t, same.as_ptr(), 2), 0);
            assert_eq!(rd_find(t, [TAG_STR, p(&ba), TAG_INT, 1].as_ptr(), 2), -1);
            for i in 0..100u64 {
                rd_set(t, [TAG_STR, p(&ba), TAG_INT, i + 2].as_ptr(), 2, 1, TAG_INT, i);
            }
            assert_eq!(rd_find(t, same.as_ptr(), 2), 0);
            assert_eq!(refs(&ba), 102);
            free_all(&mut ctx);
        }
        assert_eq!((refs(&ab), refs(&ab2), refs(&ba), refs(&empty)), (1, 1, 1, 1));
    }

    #[test]
    fn grows_keeps_insertion_order_and_finds_extremes() {
        let mut ctx = CallCtx::new(100, std::ptr::null_mut());
        unsafe {
            let d = rd_new(&mut ctx);
            for i in 0..1000u64 {
                assert_eq!(rd_set(d, [TAG_INT, i * 7919 % 1000].as_ptr(), 1, 0, TAG_INT, i % 10), i as i64);
            }
            for i in 0..1000u64 {
                assert_eq!(rd_find(d, [TAG_INT, i * 7919 % 1000].as_ptr(), 1), i as i64);
            }
            // First of the ties wins: value 9 first at entry 9, 0 at entry 0.
            assert_eq!(rd_extreme(d, 1), 9);
            assert_eq!(rd_extreme(d, 0), 0);
            let e = rd_new(&mut ctx);
            assert_eq!(rd_extreme(e, 1), -1);
            free_all(&mut ctx);
            assert!(ctx.dicts.is_null());
        }
    }
}
