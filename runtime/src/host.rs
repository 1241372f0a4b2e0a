//! The host side of the compiler's ABI: the object helpers generated code
//! calls, the interpreter's singletons, and the undo journal that makes a
//! bail-out after a mutation exact.
//!
//! Generated code runs with the GIL held, so every helper may use the C API
//! (a program that touches no Python object may release it around its work,
//! `rt_release_gil`, and calls no helper meanwhile).
//! Written verbatim into `rustify-ml accelerate`'s standalone crates too, so
//! it names only `crate::abi`, `crate::args`, `crate::dict`, `crate::types`,
//! pyo3 and libc.

use std::ffi::c_void;
use std::mem::offset_of;
use std::ptr;

use pyo3::ffi;
use crate::abi::{layout, CallCtx, Host, Objects, HOST_FUNCTIONS};
use crate::args::{numpy, NP_SCALAR_VALUE};
use crate::dict::{self, Dict, TAG_BOOL, TAG_FLOAT, TAG_STR};
use crate::types::Dtype;

type Obj = *mut ffi::PyObject;

/// Lists a native call mutated that it did not create, with their contents
/// as they were before the first mutation (strong references), and copies
/// of the memory of the numpy arrays it may write.
#[derive(Default)]
pub struct Journal {
    saved: Vec<(Obj, Vec<Obj>)>,
    regions: Vec<(*mut u8, Vec<u8>)>,
}

impl Journal {
    /// Copies memory the call may write (array arguments), to be put back
    /// if it bails out.
    ///
    /// # Safety
    /// Each region is valid memory that stays valid for the call.
    pub unsafe fn save_regions(&mut self, regions: &[(*mut u8, usize)]) {
        for &(start, len) in regions {
            self.regions.push((start, std::slice::from_raw_parts(start, len).to_vec()));
        }
    }

    unsafe fn remember(&mut self, list: Obj) {
        if self.saved.iter().any(|(l, _)| *l == list) {
            return;
        }
        let n = ffi::PyList_GET_SIZE(list);
        let mut items = Vec::with_capacity(n as usize);
        for i in 0..n {
            let item = ffi::PyList_GET_ITEM(list, i);
            ffi::Py_INCREF(item);
            items.push(item);
        }
        ffi::Py_INCREF(list);
        self.saved.push((list, items));
    }

    /// The call bailed out: drops any error a helper left pending and puts
    /// every journaled list back as it was, for CPython to re-run the call
    /// from the start.
    pub unsafe fn bailed_out(&mut self) {
        if !ffi::PyErr_Occurred().is_null() {
            ffi::PyErr_Clear();
        }
        self.rollback();
    }

    /// Puts every journaled list and array back as it was.
    unsafe fn rollback(&mut self) {
        for (start, bytes) in self.regions.drain(..).rev() {
            ptr::copy_nonoverlapping(bytes.as_ptr(), start, bytes.len());
        }
        for (list, items) in self.saved.drain(..).rev() {
            let old = ffi::PyList_New(items.len() as ffi::Py_ssize_t);
            if old.is_null() {
                ffi::PyErr_Clear();
                items.into_iter().for_each(|i| ffi::Py_DECREF(i));
            } else {
                for (k, item) in items.into_iter().enumerate() {
                    ffi::PyList_SET_ITEM(old, k as ffi::Py_ssize_t, item);
                }
                if ffi::PyList_SetSlice(list, 0, ffi::PY_SSIZE_T_MAX, old) != 0 {
                    ffi::PyErr_Clear();
                }
                ffi::Py_DECREF(old);
            }
            ffi::Py_DECREF(list);
        }
    }

    /// The call completed: its mutations stand.
    pub unsafe fn commit(&mut self) {
        self.regions.clear();
        for (list, items) in self.saved.drain(..) {
            items.into_iter().for_each(|i| ffi::Py_DECREF(i));
            ffi::Py_DECREF(list);
        }
    }
}

unsafe fn journal_of(ctx: *mut CallCtx) -> &'static mut Journal {
    &mut *((*ctx).host as *mut Journal)
}

extern "C" fn rt_unbox_int(obj: Obj, out: *mut i64) -> i8 {
    unsafe {
        let mut overflow = 0;
        let v = ffi::PyLong_AsLongLongAndOverflow(obj, &mut overflow);
        if overflow != 0 || (v == -1 && !ffi::PyErr_Occurred().is_null()) {
            ffi::PyErr_Clear();
            return 0;
        }
        *out = v;
        1
    }
}

extern "C" fn rt_list_repeat(item: Obj, count: i64) -> Obj {
    unsafe {
        let n = count.max(0);
        let list = ffi::PyList_New(n as ffi::Py_ssize_t);
        if list.is_null() {
            ffi::Py_DECREF(item);
            return list;
        }
        for i in 0..n {
            ffi::Py_INCREF(item);
            ffi::PyList_SET_ITEM(list, i as ffi::Py_ssize_t, item);
        }
        ffi::Py_DECREF(item);
        list
    }
}

extern "C" fn rt_list_copy(list: Obj) -> Obj {
    unsafe { ffi::PyList_GetSlice(list, 0, ffi::PY_SSIZE_T_MAX) }
}

extern "C" fn rt_list_set(ctx: *mut CallCtx, list: Obj, index: i64, item: Obj, journal: i8) {
    unsafe {
        if journal != 0 {
            journal_of(ctx).remember(list);
        }
        let slot = (*(list as *mut ffi::PyListObject)).ob_item.add(index as usize);
        let old = *slot;
        *slot = item;
        ffi::Py_XDECREF(old);
    }
}

extern "C" fn rt_list_append(ctx: *mut CallCtx, list: Obj, item: Obj, journal: i8) -> i8 {
    unsafe {
        if journal != 0 {
            journal_of(ctx).remember(list);
        }
        let rc = ffi::PyList_Append(list, item);
        ffi::Py_DECREF(item);
        (rc == 0) as i8
    }
}

extern "C" fn rt_list_pop(ctx: *mut CallCtx, list: Obj, index: i64, journal: i8) -> Obj {
    unsafe {
        let n = ffi::PyList_GET_SIZE(list) as i64;
        let i = if index < 0 { index + n } else { index };
        if i < 0 || i >= n {
            return ptr::null_mut();
        }
        if journal != 0 {
            journal_of(ctx).remember(list);
        }
        let item = ffi::PyList_GET_ITEM(list, i as ffi::Py_ssize_t);
        ffi::Py_INCREF(item);
        if ffi::PyList_SetSlice(list, i as ffi::Py_ssize_t, i as ffi::Py_ssize_t + 1, ptr::null_mut()) != 0 {
            ffi::Py_DECREF(item);
            return ptr::null_mut();
        }
        item
    }
}

extern "C" fn rt_str_encode(s: Obj) -> Obj {
    unsafe { ffi::PyUnicode_AsUTF8String(s) }
}

extern "C" fn rt_bytes_list(b: Obj) -> Obj {
    // The ints 0..=255, held for good (CPython caches them anyway): the
    // items are these objects, as CPython's bytes iterator gives them.
    static BYTE_INTS: std::sync::OnceLock<Vec<usize>> = std::sync::OnceLock::new();
    unsafe {
        let ints = BYTE_INTS.get_or_init(|| (0..256).map(|i| ffi::PyLong_FromLong(i) as usize).collect());
        if ints.contains(&0) {
            return ptr::null_mut();
        }
        let n = ffi::PyBytes_Size(b);
        let data = ffi::PyBytes_AS_STRING(b) as *const u8;
        let list = ffi::PyList_New(n);
        if list.is_null() {
            return list;
        }
        for i in 0..n {
            let item = ints[*data.add(i as usize) as usize] as Obj;
            ffi::Py_INCREF(item);
            ffi::PyList_SET_ITEM(list, i, item);
        }
        list
    }
}

/// A Python number from a stored (tag, bits) pair.
unsafe fn box_tagged(tag: u64, bits: u64) -> Obj {
    match tag {
        TAG_FLOAT => ffi::PyFloat_FromDouble(f64::from_bits(bits)),
        TAG_BOOL => {
            let b = if bits != 0 { ffi::Py_True() } else { ffi::Py_False() };
            ffi::Py_INCREF(b);
            b
        }
        TAG_STR => {
            // The key object itself (the dict holds it).
            let s = bits as Obj;
            ffi::Py_INCREF(s);
            s
        }
        _ => ffi::PyLong_FromLongLong(bits as i64),
    }
}

/// A Python dict with a native dict's entries, in order; for the copy of a
/// dict argument, that argument itself (already written back).
extern "C" fn rt_dict_box(d: *mut Dict) -> Obj {
    unsafe {
        if !(*d).origin.is_null() {
            let origin = (*d).origin as Obj;
            ffi::Py_INCREF(origin);
            return origin;
        }
        let out = ffi::PyDict_New();
        if out.is_null() {
            return out;
        }
        if fill_dict(out, d) {
            out
        } else {
            ffi::Py_DECREF(out);
            ptr::null_mut()
        }
    }
}

/// Stores every entry of `d` into the Python dict `out` (existing keys keep
/// their key object and place, as `out[k] = v` does); false on an error.
///
/// # Safety
/// GIL held, `out` a dict, `d` a live native dict.
pub unsafe fn fill_dict(out: Obj, d: *mut Dict) -> bool {
    let parts = (*d).parts as usize;
    for i in 0..(*d).len as usize {
        let e = (*d).entry(i);
        let key = if (*d).tuple_key != 0 {
            let t = ffi::PyTuple_New(parts as ffi::Py_ssize_t);
            if t.is_null() {
                return false;
            }
            for k in 0..parts {
                let item = box_tagged(e[1 + 2 * k], e[2 + 2 * k]);
                if item.is_null() {
                    ffi::Py_DECREF(t);
                    return false;
                }
                ffi::PyTuple_SET_ITEM(t, k as ffi::Py_ssize_t, item);
            }
            t
        } else {
            box_tagged(e[1], e[2])
        };
        let value = box_tagged(e[e.len() - 2], e[e.len() - 1]);
        let ok = !key.is_null() && !value.is_null() && ffi::PyDict_SetItem(out, key, value) == 0;
        ffi::Py_XDECREF(key);
        ffi::Py_XDECREF(value);
        if !ok {
            return false;
        }
    }
    true
}

/// A new numpy scalar of dtype `code` holding `bits` (f64 bits for float
/// dtypes, the int for int dtypes, 0/1 for bool).
extern "C" fn rt_np_box(code: i64, bits: i64) -> Obj {
    let (Some(np), Some(d)) = (numpy(), Dtype::from_code(code)) else { return ptr::null_mut() };
    unsafe {
        if d == Dtype::Bool {
            let b = (if bits != 0 { np.py_true } else { np.py_false }) as Obj;
            ffi::Py_INCREF(b);
            return b;
        }
        let t = np.scalars[code as usize] as *mut ffi::PyTypeObject;
        let obj = if np.plain_scalars {
            // What numpy's allocator does, without its call through the
            // type: plain objects, zeroed past the header.
            let size = (*t).tp_basicsize as usize;
            let obj = ffi::PyObject_Malloc(size) as Obj;
            if obj.is_null() {
                ffi::PyErr_NoMemory();
                return obj;
            }
            let body = (obj as *mut u8).add(NP_SCALAR_VALUE);
            if size == NP_SCALAR_VALUE + 8 {
                // The usual size: one store, not a call to memset.
                *(body as *mut u64) = 0;
            } else {
                ptr::write_bytes(body, 0, size - NP_SCALAR_VALUE);
            }
            ffi::PyObject_Init(obj, t)
        } else {
            let alloc = (*t).tp_alloc.unwrap_or(ffi::PyType_GenericAlloc);
            alloc(t, 0)
        };
        if obj.is_null() {
            return obj;
        }
        let at = (obj as *mut u8).add(NP_SCALAR_VALUE);
        match d {
            Dtype::F64 | Dtype::I64 => *(at as *mut i64) = bits,
            Dtype::F32 => *(at as *mut f32) = f64::from_bits(bits as u64) as f32,
            Dtype::I32 => *(at as *mut i32) = bits as i32,
            Dtype::Bool => unreachable!("handled above"),
        }
        obj
    }
}

/// Reads `obj` as a value of dtype `code`'s payload into `*out`: 2 if it is
/// a numpy scalar of that dtype, 1 if it is the Python number of the
/// dtype's kind (float, int that fits in i64, bool), else 0.
extern "C" fn rt_np_unbox(obj: Obj, code: i64, out: *mut u64) -> i8 {
    let Some(d) = Dtype::from_code(code) else { return 0 };
    unsafe {
        let t = ffi::Py_TYPE(obj) as usize;
        if let Some(np) = numpy() {
            if t == np.scalars[code as usize] {
                let at = (obj as *const u8).add(NP_SCALAR_VALUE);
                *out = match d {
                    Dtype::F64 | Dtype::I64 => *(at as *const u64),
                    Dtype::F32 => (*(at as *const f32) as f64).to_bits(),
                    Dtype::I32 => *(at as *const i32) as i64 as u64,
                    Dtype::Bool => (obj as usize == np.py_true) as u64,
                };
                return 2;
            }
        }
        let py = match d {
            Dtype::F64 | Dtype::F32 if t == &raw mut ffi::PyFloat_Type as usize => ffi::PyFloat_AS_DOUBLE(obj).to_bits(),
            Dtype::I64 | Dtype::I32 if t == &raw mut ffi::PyLong_Type as usize => {
                let mut v = 0i64;
                if rt_unbox_int(obj, &mut v) == 0 {
                    return 0;
                }
                v as u64
            }
            Dtype::Bool if t == &raw mut ffi::PyBool_Type as usize => (obj == ffi::Py_True()) as u64,
            _ => return 0,
        };
        *out = py;
        1
    }
}

/// `seq[lower:upper]` (a slice object, so CPython's own clamping applies).
extern "C" fn rt_seq_slice(seq: Obj, lower: i64, upper: i64) -> Obj {
    unsafe { or_clear(ffi::PySequence_GetSlice(seq, lower as ffi::Py_ssize_t, upper as ffi::Py_ssize_t)) }
}

extern "C" fn rt_str_item(s: Obj, index: i64) -> Obj {
    unsafe { or_clear(ffi::PySequence_GetItem(s, index as ffi::Py_ssize_t)) }
}

extern "C" fn rt_str_eq(a: Obj, b: Obj) -> i8 {
    unsafe { (ffi::PyUnicode_Compare(a, b) == 0) as i8 }
}

extern "C" fn rt_str_contains(haystack: Obj, needle: Obj) -> i8 {
    unsafe { ffi::PyUnicode_Contains(haystack, needle) as i8 }
}

extern "C" fn rt_list_insert(ctx: *mut CallCtx, list: Obj, index: i64, item: Obj, journal: i8) -> i8 {
    unsafe {
        if journal != 0 {
            journal_of(ctx).remember(list);
        }
        let ok = ffi::PyList_Insert(list, index as ffi::Py_ssize_t, item) == 0;
        ffi::Py_DECREF(item);
        ok as i8
    }
}

extern "C" fn rt_list_extend(ctx: *mut CallCtx, list: Obj, other: Obj, journal: i8) -> i8 {
    unsafe {
        if journal != 0 {
            journal_of(ctx).remember(list);
        }
        let n = ffi::PyList_GET_SIZE(list);
        (ffi::PyList_SetSlice(list, n, n, other) == 0) as i8
    }
}

/// `obj`, or NULL with the pending error cleared (the call bails out and
/// CPython raises it itself).
unsafe fn or_clear(obj: Obj) -> Obj {
    if obj.is_null() {
        ffi::PyErr_Clear();
    }
    obj
}

extern "C" fn rt_release_gil() -> *mut ffi::PyThreadState {
    unsafe { ffi::PyEval_SaveThread() }
}

extern "C" fn rt_acquire_gil(state: *mut ffi::PyThreadState) {
    unsafe { ffi::PyEval_RestoreThread(state) }
}

/// A native copy of a dict argument, owned by the call (freed with its
/// dicts); NULL when an item is not one native dicts hold (number keys,
/// exact str keys or tuples of those; number values), or keys differ in
/// shape.
extern "C" fn rt_dict_unbox(ctx: *mut CallCtx, obj: Obj) -> *mut Dict {
    unsafe {
        let d = dict::rd_new(ctx);
        let (mut pos, mut key, mut value) = (0, ptr::null_mut(), ptr::null_mut());
        let mut words = [0u64; 2 * dict::MAX_KEY_PARTS as usize];
        while ffi::PyDict_Next(obj, &mut pos, &mut key, &mut value) != 0 {
            let tuple = ffi::Py_TYPE(key) == &raw mut ffi::PyTuple_Type;
            let parts = if tuple { ffi::PyTuple_GET_SIZE(key) as usize } else { 1 };
            if parts == 0 || parts > dict::MAX_KEY_PARTS as usize || ((*d).len > 0 && ((*d).parts as usize != parts || ((*d).tuple_key != 0) != tuple)) {
                return ptr::null_mut();
            }
            for k in 0..parts {
                let part = if tuple { ffi::PyTuple_GET_ITEM(key, k as ffi::Py_ssize_t) } else { key };
                let Some((tag, bits)) = tagged_key_part(part) else { return ptr::null_mut() };
                words[2 * k] = tag;
                words[2 * k + 1] = bits;
            }
            let Some((vtag, vbits)) = tagged_number(value) else { return ptr::null_mut() };
            if dict::rd_set(d, words.as_ptr(), parts as u64, tuple as u64, vtag, vbits) == dict::BAD_KEY {
                return ptr::null_mut();
            }
        }
        (*d).dirty = 0;
        (*d).origin = obj as *mut c_void;
        d
    }
}

/// What native dicts call for str keys.
fn str_ops() -> dict::StrOps {
    unsafe extern "C" fn hash(s: *mut c_void) -> i64 {
        ffi::PyObject_Hash(s.cast()) as i64
    }
    unsafe extern "C" fn eq(a: *mut c_void, b: *mut c_void) -> i8 {
        rt_str_eq(a.cast(), b.cast())
    }
    unsafe extern "C" fn incref(s: *mut c_void) {
        ffi::Py_IncRef(s.cast())
    }
    unsafe extern "C" fn decref(s: *mut c_void) {
        ffi::Py_DecRef(s.cast())
    }
    dict::StrOps { hash, eq, incref, decref }
}

/// A key part as a native dict stores it: a number, or an exact str (its
/// object, which the dict then holds).
unsafe fn tagged_key_part(o: Obj) -> Option<(u64, u64)> {
    if ffi::PyUnicode_CheckExact(o) != 0 {
        Some((TAG_STR, o as u64))
    } else {
        tagged_number(o)
    }
}

/// An int (fitting i64), float or bool as a native dict stores it.
unsafe fn tagged_number(o: Obj) -> Option<(u64, u64)> {
    let t = ffi::Py_TYPE(o);
    if t == &raw mut ffi::PyFloat_Type {
        Some((TAG_FLOAT, ffi::PyFloat_AS_DOUBLE(o).to_bits()))
    } else if t == &raw mut ffi::PyBool_Type {
        Some((TAG_BOOL, (o == ffi::Py_True()) as u64))
    } else if t == &raw mut ffi::PyLong_Type {
        let mut v = 0i64;
        (rt_unbox_int(o, &mut v) != 0).then_some((dict::TAG_INT, v as u64))
    } else {
        None
    }
}

/// Stores a changed native copy back into the dict argument it came from:
/// existing keys keep their key object and place, new keys follow in
/// order, as the same stores in CPython leave it. On a failure the dict is
/// put back as it was.
extern "C" fn rt_dict_writeback(obj: Obj, d: *mut Dict) -> i8 {
    unsafe {
        if (*d).dirty == 0 {
            return 1;
        }
        let saved = ffi::PyDict_Copy(obj);
        if saved.is_null() {
            ffi::PyErr_Clear();
            return 0;
        }
        let ok = fill_dict(obj, d);
        if !ok {
            ffi::PyErr_Clear();
            ffi::PyDict_Clear(obj);
            if ffi::PyDict_Update(obj, saved) != 0 {
                ffi::PyErr_Clear();
            }
        }
        ffi::Py_DECREF(saved);
        ok as i8
    }
}

/// Ends a native call: frees the native dicts it created.
pub fn end_call(ctx: &mut CallCtx) {
    // SAFETY: the call has returned; nothing refers to its dicts any more.
    unsafe { dict::free_all(ctx) }
}

extern "C" fn rt_py_call(callable: Obj, args: *const Obj, nargs: i64) -> Obj {
    unsafe { ffi::PyObject_Vectorcall(callable, args, nargs as usize, ptr::null_mut()) }
}

/// Checks that this interpreter lays objects out where generated code reads
/// them; `Err` names the first difference (the runtime then stays off).
pub fn check_layout() -> Result<(), String> {
    let checks: [(&str, usize, i32); 9] = [
        ("ob_refcnt", offset_of!(ffi::PyObject, ob_refcnt), layout::OB_REFCNT),
        ("ob_type", offset_of!(ffi::PyObject, ob_type), layout::OB_TYPE),
        ("ob_size", offset_of!(ffi::PyVarObject, ob_size), layout::OB_SIZE),
        ("list ob_item", offset_of!(ffi::PyListObject, ob_item), layout::LIST_ITEMS),
        ("list allocated", offset_of!(ffi::PyListObject, allocated), layout::LIST_ALLOCATED),
        ("float ob_fval", offset_of!(ffi::PyFloatObject, ob_fval), layout::FLOAT_VALUE),
        ("tuple ob_item", offset_of!(ffi::PyTupleObject, ob_item), layout::TUPLE_ITEMS),
        ("bytes ob_sval", offset_of!(ffi::PyBytesObject, ob_sval), layout::BYTES_DATA),
        ("str length", offset_of!(ffi::PyASCIIObject, length), layout::OB_SIZE),
    ];
    for (name, actual, expected) in checks {
        if actual != expected as usize {
            return Err(format!("{name} is at offset {actual}, native code expects {expected}"));
        }
    }
    Ok(())
}

/// Whether ints with at most one digit read as `ob_size * digit[0]` here
/// (CPython 3.11's layout), checked on live ints of every sign and size.
fn small_ints_inline() -> bool {
    unsafe {
        [(0i64, 0i64), (5, 1), (-7, -1), (1 << 29, 1), (-(1 << 29), -1), (1 << 40, 2)].iter().all(|&(v, size)| {
            let o = ffi::PyLong_FromLongLong(v);
            if o.is_null() {
                ffi::PyErr_Clear();
                return false;
            }
            let at = o as *const u8;
            let ob_size = *(at.add(layout::OB_SIZE as usize) as *const isize) as i64;
            let digit = *(at.add(layout::INT_DIGIT0 as usize) as *const u32) as i64;
            ffi::Py_DECREF(o);
            ob_size == size && (size.abs() != 1 || ob_size * digit == v)
        })
    }
}

/// The host description handed to the code generator.
pub fn host() -> Host {
    let objects = unsafe {
        Objects {
            float_type: &raw mut ffi::PyFloat_Type as u64,
            int_type: &raw mut ffi::PyLong_Type as u64,
            list_type: &raw mut ffi::PyList_Type as u64,
            str_type: &raw mut ffi::PyUnicode_Type as u64,
            tuple_type: &raw mut ffi::PyTuple_Type as u64,
            py_true: ffi::Py_True() as u64,
            py_false: ffi::Py_False() as u64,
            py_none: ffi::Py_None() as u64,
            small_int_inline: small_ints_inline(),
        }
    };
    // Where a C API function has the helper's exact signature, generated
    // code calls it directly (`Py_DecRef` accepts NULL, like Py_XDECREF).
    let functions: Vec<(&'static str, *const u8)> = vec![
        ("rt_box_float", ffi::PyFloat_FromDouble as *const u8),
        ("rt_box_int", ffi::PyLong_FromLongLong as *const u8),
        ("rt_unbox_int", rt_unbox_int as *const u8),
        ("rt_incref", ffi::Py_IncRef as *const u8),
        ("rt_decref", ffi::Py_DecRef as *const u8),
        ("rt_list_new", ffi::PyList_New as *const u8),
        ("rt_list_repeat", rt_list_repeat as *const u8),
        ("rt_list_copy", rt_list_copy as *const u8),
        ("rt_list_set", rt_list_set as *const u8),
        ("rt_list_append", rt_list_append as *const u8),
        ("rt_tuple_new", ffi::PyTuple_New as *const u8),
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
        ("rt_str_hash", ffi::PyObject_Hash as *const u8),
    ];
    dict::set_str_ops(str_ops());
    debug_assert!(HOST_FUNCTIONS.iter().all(|(n, _)| functions.iter().any(|(m, _)| m == n)));
    Host { objects, functions }
}

/// A call context whose host pointer is `journal`.
pub fn call_ctx(depth_limit: u32, journal: &mut Journal) -> CallCtx {
    let mut ctx = CallCtx::new(depth_limit, journal as *mut Journal as *mut c_void);
    ctx.stack_limit = stack_limit();
    ctx
}

/// Whether this thread's C stack is within `margin` bytes of the point
/// native code stops at (see [`stack_limit`]).
/// The margin is capped at a quarter of the stack, so a thread with a small
/// stack is not "low" from its first frame on.
pub fn c_stack_low(margin: u64) -> bool {
    let probe = 0u8;
    let sp = std::ptr::addr_of!(probe) as u64;
    let (low, size) = thread_stack();
    low != 0 && sp < stack_limit().saturating_add(margin.min(size / 4))
}

/// Headroom left below native frames for the C functions they call
/// (a list's deallocation recurses, for one).
const STACK_RESERVE: u64 = 256 * 1024;

/// The lowest stack address recursive native code may reach on this thread
/// (0 when the thread's stack cannot be read: the depth limit still holds).
fn stack_limit() -> u64 {
    let (low, size) = thread_stack();
    if low == 0 {
        0
    } else {
        low + STACK_RESERVE.min(size / 2)
    }
}

/// (lowest address, size) of this thread's stack; (0, 0) when unknown.
fn thread_stack() -> (u64, u64) {
    thread_local! {
        static STACK: (u64, u64) = unsafe {
            let mut attr: libc::pthread_attr_t = std::mem::zeroed();
            let mut low: *mut libc::c_void = ptr::null_mut();
            let mut size: libc::size_t = 0;
            if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
                (0, 0)
            } else {
                let ok = libc::pthread_attr_getstack(&attr, &mut low, &mut size) == 0;
                libc::pthread_attr_destroy(&mut attr);
                if ok { (low as u64, size as u64) } else { (0, 0) }
            }
        };
    }
    STACK.with(|s| *s)
}

/// The boxed entry of a program, tier 1's or tier 2's.
pub type Entry = unsafe extern "C" fn(*mut CallCtx, *const u64) -> *mut ffi::PyObject;

/// The addresses of [`HOST_FUNCTIONS`] in their order (what a tier-2
/// library's `rustify_link` installs).
pub fn host_table() -> &'static [usize] {
    static TABLE: std::sync::OnceLock<Vec<usize>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let h = host();
        HOST_FUNCTIONS
            .iter()
            .map(|(name, _)| h.functions.iter().find(|(n, _)| n == name).map(|(_, f)| *f as usize).unwrap_or(0))
            .collect()
    })
}

/// Where CPython 3.11 keeps `tstate->recursion_remaining` and
/// `recursion_limit` (`cpython/pystate.h`, 64-bit: after three pointers and
/// two ints).
const RECURSION_REMAINING_311: usize = 32;
const RECURSION_LIMIT_311: usize = 36;

/// Whether this interpreter's recursion counter is where
/// `RECURSION_REMAINING_311` says, checked once by watching it move under
/// `Py_EnterRecursiveCall`/`Py_LeaveRecursiveCall` (GIL held).
fn exact_recursion_counter() -> bool {
    static FOUND: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *FOUND.get_or_init(|| unsafe {
        if !std::ffi::CStr::from_ptr(ffi::Py_GetVersion()).to_bytes().starts_with(b"3.11.") {
            return false;
        }
        let ts = ffi::PyThreadState_Get() as *const u8;
        let remaining = || *(ts.add(RECURSION_REMAINING_311) as *const i32);
        let limit = *(ts.add(RECURSION_LIMIT_311) as *const i32);
        let before = remaining();
        if limit != ffi::Py_GetRecursionLimit() || before <= 0 || before > limit {
            return false;
        }
        if ffi::Py_EnterRecursiveCall(c"".as_ptr()) != 0 {
            ffi::PyErr_Clear();
            return false;
        }
        let inside = remaining();
        ffi::Py_LeaveRecursiveCall();
        inside == before - 1 && remaining() == before
    })
}

/// How many more CPython frames fit under the recursion limit on this
/// thread, read from the interpreter's own counter where it can be found
/// (3.11), else estimated from the Python frames on the stack (C-level
/// calls count too, so the estimate can be high near the limit).
pub fn recursion_room() -> u32 {
    unsafe {
        if exact_recursion_counter() {
            let ts = ffi::PyThreadState_Get() as *const u8;
            return (*(ts.add(RECURSION_REMAINING_311) as *const i32)).max(0) as u32;
        }
        native_depth_limit()
    }
}

/// Gives back `units` of the recursion budget for the length of a call
/// (see [`RecursionCredit`]).
pub fn recursion_credit(units: u32) -> RecursionCredit {
    for _ in 0..units {
        unsafe { ffi::Py_LeaveRecursiveCall() };
    }
    RecursionCredit(units)
}

/// Units of recursion budget handed back while the wrapped function runs in
/// CPython, so the call through the wrapper costs what a direct call costs;
/// taken again on drop.
pub struct RecursionCredit(u32);

impl Drop for RecursionCredit {
    fn drop(&mut self) {
        for _ in 0..self.0 {
            unsafe {
                // Fails only if the limit was lowered under the current depth
                // meanwhile; the counter is then left as CPython leaves it.
                if ffi::Py_EnterRecursiveCall(c"".as_ptr()) != 0 {
                    ffi::PyErr_Clear();
                }
            }
        }
    }
}

/// How deep native recursion may go before CPython's own limit would hit,
/// estimated from the Python frames on the stack.
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
