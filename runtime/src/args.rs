//! Argument classification at the boundary: the type signature of a call
//! (a compact byte string, compared on every call) and the unboxed values
//! the native entry reads (one u64 slot per machine value).
//!
//! The slots of a numpy array carry its data pointer, shape and strides.
//! A small array of a native dtype is read from numpy's array struct (its
//! layout checked on live arrays first): the call holds the GIL, so no
//! other thread can resize it meanwhile. Other arrays are taken through the
//! buffer protocol, whose export is held for the length of the call
//! (released when the `Args` drops) and forbids a resize.
//!
//! Written verbatim into `rustify-ml accelerate`'s standalone crates too, so
//! it names only `crate::types` and pyo3.

use std::mem::MaybeUninit;
use std::sync::OnceLock;

use pyo3::ffi;
use crate::types::{Dtype, Layout, Ty};

const INT: u8 = b'i';
const FLOAT: u8 = b'f';
const BOOL: u8 = b'b';
const NONE: u8 = b'n';
const LIST: u8 = b'L';
const TUPLE: u8 = b'T';
const STR: u8 = b's';
const BYTES: u8 = b'y';
/// Element of a list that was empty when seen.
const UNKNOWN: u8 = b'?';
/// A numpy array: followed by the dtype code and the number of dimensions.
const ARRAY: u8 = b'A';
/// Flag on an array's dimension count: its last axis has unit stride.
const UNIT_STRIDE: u8 = 0x80;
/// A dict: followed by its first key's and first value's codes.
const DICT: u8 = b'D';
/// A numpy scalar: followed by the dtype code.
const NP_SCALAR: u8 = b'N';

pub const MAX_SIG: usize = 64;
pub const MAX_SLOTS: usize = 32;
pub const MAX_ARRAYS: usize = 6;
/// Calls whose array arguments hold this many elements or more release
/// the GIL (when their program touches no Python object): enough work to
/// pay for it, and a pinned buffer export for every array.
pub const GIL_RELEASE_ELEMENTS: usize = 4096;

/// A call's signature and unboxed argument slots, on the stack.
pub struct Args {
    pub sig: [u8; MAX_SIG],
    pub sig_len: usize,
    pub slots: [u64; MAX_SLOTS],
    pub nslots: usize,
    /// Buffer exports of the array arguments, released on drop.
    buffers: [MaybeUninit<ffi::Py_buffer>; MAX_ARRAYS],
    nbuffers: usize,
    /// Every array argument's memory, exported or not.
    views: [ArrayView; MAX_ARRAYS],
    nviews: usize,
    /// Array arguments read from the array struct: each holds a reference
    /// for the call (as an export would: numpy's `resize` refuses an array
    /// held elsewhere), released on drop; the first `nunpinned` have no
    /// buffer export.
    struct_arrays: [usize; MAX_ARRAYS],
    nstruct: usize,
    nunpinned: usize,
    /// Elements over all array arguments (how much work a call may do).
    pub array_elements: usize,
    pub readonly_array: bool,
    /// Dict arguments (each gets one native copy, written back on success).
    dicts: [usize; MAX_ARRAYS],
    ndicts: usize,
}

impl Drop for Args {
    fn drop(&mut self) {
        for b in &mut self.buffers[..self.nbuffers] {
            // SAFETY: the first `nbuffers` were filled by PyObject_GetBuffer;
            // the boundary drops `Args` with the GIL held.
            unsafe { ffi::PyBuffer_Release(b.as_mut_ptr()) };
        }
        for &a in &self.struct_arrays[..self.nstruct] {
            // SAFETY: a reference this `Args` took, GIL held.
            unsafe { ffi::Py_DECREF(a as *mut ffi::PyObject) };
        }
    }
}

/// An array argument's memory: data pointer, shape, strides (bytes), item size.
#[derive(Clone, Copy, Default)]
struct ArrayView {
    data: usize,
    ndim: usize,
    shape: [isize; 2],
    strides: [isize; 2],
    itemsize: isize,
}

/// Where numpy's `PyArrayObject_fields` keep what the boundary reads
/// (numpy's C ABI since 1.7); `load_numpy` checks them on live arrays.
const ND_DATA: usize = 16;
const ND_NDIM: usize = 24;
const ND_DIMS: usize = 32;
const ND_STRIDES: usize = 40;
const ND_DESCR: usize = 56;
const ND_FLAGS: usize = 64;
const NPY_ARRAY_WRITEABLE: i32 = 0x0400;
/// numpy warns on a write (`np.broadcast_arrays` results); its buffer
/// exports are read-only.
const NPY_ARRAY_WARN_ON_WRITE: i32 = 0x8000_0000_u32 as i32;

/// An array's flags say native code may write it without a word from numpy.
fn writeable(flags: i32) -> bool {
    flags & NPY_ARRAY_WRITEABLE != 0 && flags & NPY_ARRAY_WARN_ON_WRITE == 0
}

/// numpy's types, looked up when the first array argument arrives (numpy
/// is imported by then); stays unset when numpy was never seen.
pub struct Numpy {
    pub ndarray: usize,
    /// The dtype objects of float64, float32, int64 and int32 (by
    /// `Dtype::code`) whose arrays are read from the array struct; `None`
    /// when the struct's layout did not check out.
    descrs: Option<[usize; 4]>,
    /// Scalar types by `Dtype::code`.
    pub scalars: [usize; 5],
    pub py_true: usize,
    pub py_false: usize,
    /// The scalar types are plain objects (no GC, no items, freed with
    /// `PyObject_Free`) of at least header + value: native code may
    /// allocate them itself.
    pub plain_scalars: bool,
}

static NUMPY: OnceLock<Option<Numpy>> = OnceLock::new();

/// numpy's types if an array argument was ever seen and numpy's scalars
/// have the layout native code writes (`PyObject_HEAD` then the value).
pub fn numpy() -> Option<&'static Numpy> {
    NUMPY.get().and_then(Option::as_ref)
}

/// Where a numpy scalar keeps its value (`PyDoubleScalarObject.obval`, ...).
pub const NP_SCALAR_VALUE: usize = 16;

/// # Safety
/// GIL held, `t` a type object.
unsafe fn is_ndarray_type(t: *mut ffi::PyTypeObject) -> bool {
    if let Some(np) = numpy() {
        return t as usize == np.ndarray;
    }
    if std::ffi::CStr::from_ptr((*t).tp_name).to_bytes() != b"numpy.ndarray" {
        return false;
    }
    init_numpy();
    numpy().is_some_and(|np| t as usize == np.ndarray)
}

/// The dtype of a numpy scalar type (`numpy.float64`, ...).
///
/// # Safety
/// GIL held, `t` a type object.
unsafe fn numpy_scalar_dtype(t: *mut ffi::PyTypeObject) -> Option<Dtype> {
    if numpy().is_none() {
        if !std::ffi::CStr::from_ptr((*t).tp_name).to_bytes().starts_with(b"numpy.") {
            return None;
        }
        init_numpy();
    }
    let np = numpy()?;
    let code = np.scalars.iter().position(|&s| s == t as usize)?;
    Dtype::from_code(code as i64)
}

/// Looks numpy's types up once. Not `get_or_init`: the lookup runs with
/// the GIL held, and a thread blocked on the cell while holding the GIL
/// could deadlock one that released it inside the import; two threads may
/// both look them up, and the first result stays.
///
/// # Safety
/// GIL held.
unsafe fn init_numpy() {
    if NUMPY.get().is_none() {
        let _ = NUMPY.set(load_numpy());
    }
}

/// # Safety
/// GIL held.
unsafe fn load_numpy() -> Option<Numpy> {
    let module = ffi::PyImport_ImportModule(c"numpy".as_ptr());
    if module.is_null() {
        ffi::PyErr_Clear();
        return None;
    }
    let attr = |name: &std::ffi::CStr| {
        let o = ffi::PyObject_GetAttrString(module, name.as_ptr());
        if o.is_null() {
            ffi::PyErr_Clear();
        } else {
            // numpy keeps its types and bool singletons alive for good.
            ffi::Py_DECREF(o);
        }
        o as usize
    };
    let np = Numpy {
        ndarray: attr(c"ndarray"),
        scalars: [attr(c"float64"), attr(c"float32"), attr(c"int64"), attr(c"int32"), attr(c"bool_")],
        py_true: attr(c"True_"),
        py_false: attr(c"False_"),
        descrs: None,
        plain_scalars: false,
    };
    ffi::Py_DECREF(module);
    let all = [np.ndarray, np.py_true, np.py_false].into_iter().chain(np.scalars);
    if all.into_iter().any(|a| a == 0) || !scalar_layout_ok(&np) {
        return None;
    }
    let plain_scalars = np.scalars[..4].iter().all(|&t| plain_object_type(t as *mut ffi::PyTypeObject));
    Some(Numpy { descrs: checked_array_descrs(), plain_scalars, ..np })
}

/// Whether objects of type `t` are plain: no GC, no items, room for the
/// value after the header, and made and freed by the object allocator
/// (`PyObject_Malloc(tp_basicsize)`, `PyObject_Free`), as watched through
/// an allocator hook around one `tp_alloc` and `tp_free`.
///
/// # Safety
/// GIL held, `t` a type object.
unsafe fn plain_object_type(t: *mut ffi::PyTypeObject) -> bool {
    use std::ffi::c_void;
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
    static MADE: AtomicUsize = AtomicUsize::new(0);
    static SIZE: AtomicUsize = AtomicUsize::new(0);
    static FREED: AtomicUsize = AtomicUsize::new(0);
    extern "C" fn malloc(ctx: *mut c_void, size: usize) -> *mut c_void {
        // SAFETY: `ctx` is the allocator the hook wraps.
        let inner = unsafe { &*(ctx as *const ffi::PyMemAllocatorEx) };
        let p = inner.malloc.expect("an allocator")(inner.ctx, size);
        (MADE.store(p as usize, Relaxed), SIZE.store(size, Relaxed));
        p
    }
    extern "C" fn calloc(ctx: *mut c_void, n: usize, size: usize) -> *mut c_void {
        let inner = unsafe { &*(ctx as *const ffi::PyMemAllocatorEx) };
        inner.calloc.expect("an allocator")(inner.ctx, n, size)
    }
    extern "C" fn realloc(ctx: *mut c_void, p: *mut c_void, size: usize) -> *mut c_void {
        let inner = unsafe { &*(ctx as *const ffi::PyMemAllocatorEx) };
        inner.realloc.expect("an allocator")(inner.ctx, p, size)
    }
    extern "C" fn free(ctx: *mut c_void, p: *mut c_void) {
        let inner = unsafe { &*(ctx as *const ffi::PyMemAllocatorEx) };
        FREED.store(p as usize, Relaxed);
        inner.free.expect("an allocator")(inner.ctx, p)
    }
    let ty = &*t;
    if ty.tp_flags & ffi::Py_TPFLAGS_HAVE_GC != 0 || ty.tp_itemsize != 0 || (ty.tp_basicsize as usize) < NP_SCALAR_VALUE + 8 {
        return false;
    }
    let (Some(alloc), Some(dealloc)) = (ty.tp_alloc, ty.tp_free) else { return false };
    let mut inner = MaybeUninit::<ffi::PyMemAllocatorEx>::uninit();
    ffi::PyMem_GetAllocator(ffi::PyMemAllocatorDomain::PYMEM_DOMAIN_OBJ, inner.as_mut_ptr());
    let mut inner = inner.assume_init();
    let mut hook = ffi::PyMemAllocatorEx {
        ctx: &raw mut inner as *mut c_void,
        malloc: Some(malloc),
        calloc: Some(calloc),
        realloc: Some(realloc),
        free: Some(free),
    };
    (MADE.store(0, Relaxed), FREED.store(0, Relaxed));
    ffi::PyMem_SetAllocator(ffi::PyMemAllocatorDomain::PYMEM_DOMAIN_OBJ, &mut hook);
    let obj = alloc(t, 0);
    let made = (MADE.load(Relaxed), SIZE.load(Relaxed));
    if !obj.is_null() {
        dealloc(obj as *mut c_void);
    }
    ffi::PyMem_SetAllocator(ffi::PyMemAllocatorDomain::PYMEM_DOMAIN_OBJ, &mut inner);
    if obj.is_null() {
        ffi::PyErr_Clear();
        return false;
    }
    made == (obj as usize, ty.tp_basicsize as usize) && FREED.load(Relaxed) == obj as usize
}

/// The dtype objects of the native dtypes, if numpy's array struct holds
/// data, shape, strides, dtype and the write flags where [`ND_DATA`] and
/// the rest say, for a strided 2-d view, a read-only array and a
/// warn-on-write broadcast result of each (as their buffer exports report
/// them).
///
/// # Safety
/// GIL held.
unsafe fn checked_array_descrs() -> Option<[usize; 4]> {
    use pyo3::types::PyDictMethods;
    let py = pyo3::Python::assume_attached();
    let mut descrs = [0usize; 4];
    for (d, name) in [(Dtype::F64, "float64"), (Dtype::F32, "float32"), (Dtype::I64, "int64"), (Dtype::I32, "int32")] {
        let make = |code: String| {
            let code = std::ffi::CString::new(code).ok()?;
            let globals = pyo3::types::PyDict::new(py);
            globals.set_item("np", py.import("numpy").ok()?).ok()?;
            py.eval(&code, Some(&globals), None).ok()
        };
        let descr = make(format!("np.dtype({name:?})"))?;
        let view = make(format!("np.arange(12, dtype={name:?}).reshape(3, 4)[::-1, ::2]"))?;
        let frozen = make(format!("(lambda a: (a.setflags(write=False), a)[1])(np.zeros(3, {name:?}))"))?;
        let broadcast = make(format!("np.broadcast_arrays(np.zeros(1, {name:?}), np.zeros(3, {name:?}))[0]"))?;
        for (arr, can_write) in [(&view, true), (&frozen, false), (&broadcast, false)] {
            let o = arr.as_ptr() as *const u8;
            let field = |off: usize| *(o.add(off) as *const usize);
            let mut buffer = MaybeUninit::<ffi::Py_buffer>::uninit();
            if ffi::PyObject_GetBuffer(arr.as_ptr(), buffer.as_mut_ptr(), ffi::PyBUF_RECORDS_RO) != 0 {
                ffi::PyErr_Clear();
                return None;
            }
            let b = buffer.assume_init_mut();
            let ndim = b.ndim as usize;
            let same = field(ND_DATA) == b.buf as usize
                && *(o.add(ND_NDIM) as *const i32) as usize == ndim
                && std::slice::from_raw_parts(field(ND_DIMS) as *const isize, ndim) == std::slice::from_raw_parts(b.shape, ndim)
                && std::slice::from_raw_parts(field(ND_STRIDES) as *const isize, ndim) == std::slice::from_raw_parts(b.strides, ndim)
                && field(ND_DESCR) == descr.as_ptr() as usize
                && writeable(*(o.add(ND_FLAGS) as *const i32)) == can_write
                && (b.readonly == 0) == can_write
                && format_dtype(std::ffi::CStr::from_ptr(b.format).to_bytes(), b.itemsize) == Some(d);
            ffi::PyBuffer_Release(b);
            if !same {
                return None;
            }
        }
        // numpy keeps its builtin dtype objects alive for good.
        descrs[d.code() as usize] = descr.as_ptr() as usize;
    }
    Some(descrs)
}

/// Checks that numpy scalars made by numpy hold their value where native
/// code reads and writes it.
unsafe fn scalar_layout_ok(np: &Numpy) -> bool {
    let make = |code: usize, arg: *mut ffi::PyObject| {
        let o = ffi::PyObject_CallOneArg(np.scalars[code] as *mut ffi::PyObject, arg);
        ffi::Py_DECREF(arg);
        if o.is_null() {
            ffi::PyErr_Clear();
        }
        o
    };
    let at = |o: *mut ffi::PyObject| (o as *const u8).add(NP_SCALAR_VALUE);
    let objs = [
        make(Dtype::F64.code() as usize, ffi::PyFloat_FromDouble(-1.5)),
        make(Dtype::F32.code() as usize, ffi::PyFloat_FromDouble(-1.5)),
        make(Dtype::I64.code() as usize, ffi::PyLong_FromLongLong(-7)),
        make(Dtype::I32.code() as usize, ffi::PyLong_FromLongLong(-7)),
    ];
    let ok = objs.iter().all(|o| !o.is_null())
        && *(at(objs[0]) as *const f64) == -1.5
        && *(at(objs[1]) as *const f32) == -1.5
        && *(at(objs[2]) as *const i64) == -7
        && *(at(objs[3]) as *const i32) == -7;
    objs.into_iter().for_each(|o| ffi::Py_XDECREF(o));
    ok
}

/// The dtype of a buffer's struct-module format, for native byte order.
fn format_dtype(format: &[u8], itemsize: isize) -> Option<Dtype> {
    let f = match format {
        [b'@' | b'=' | b'<', rest @ ..] if cfg!(target_endian = "little") || format[0] != b'<' => rest,
        f => f,
    };
    Some(match (f, itemsize) {
        (b"d", 8) => Dtype::F64,
        (b"f", 4) => Dtype::F32,
        // 'q' is numpy.longlong, a scalar type of its own.
        (b"l", 8) => Dtype::I64,
        (b"i", 4) => Dtype::I32,
        _ => return None,
    })
}

/// Why an argument has no native representation.
pub struct Unsupported(pub String);

impl Args {
    #[inline(always)]
    pub fn new() -> Self {
        Args {
            sig: [0; MAX_SIG],
            sig_len: 0,
            slots: [0; MAX_SLOTS],
            nslots: 0,
            buffers: [const { MaybeUninit::uninit() }; MAX_ARRAYS],
            nbuffers: 0,
            views: [ArrayView { data: 0, ndim: 0, shape: [0; 2], strides: [0; 2], itemsize: 0 }; MAX_ARRAYS],
            nviews: 0,
            struct_arrays: [0; MAX_ARRAYS],
            nstruct: 0,
            nunpinned: 0,
            array_elements: 0,
            readonly_array: false,
            dicts: [0; MAX_ARRAYS],
            ndicts: 0,
        }
    }

    pub fn signature(&self) -> &[u8] {
        &self.sig[..self.sig_len]
    }

    fn code(&mut self, c: u8) -> Result<(), Unsupported> {
        if self.sig_len == MAX_SIG {
            return Err(Unsupported("arguments nest too deeply".into()));
        }
        self.sig[self.sig_len] = c;
        self.sig_len += 1;
        Ok(())
    }

    fn slot(&mut self, v: u64) -> Result<(), Unsupported> {
        if self.nslots == MAX_SLOTS {
            return Err(Unsupported("too many argument values".into()));
        }
        self.slots[self.nslots] = v;
        self.nslots += 1;
        Ok(())
    }

    /// Adds one argument: its type code(s) and its slot(s).
    ///
    /// # Safety
    /// `obj` is a live object and the GIL is held.
    pub unsafe fn push(&mut self, obj: *mut ffi::PyObject) -> Result<(), Unsupported> {
        let t = ffi::Py_TYPE(obj);
        if t == &raw mut ffi::PyFloat_Type {
            self.code(FLOAT)?;
            self.slot(ffi::PyFloat_AS_DOUBLE(obj).to_bits())
        } else if t == &raw mut ffi::PyLong_Type {
            let mut overflow = 0;
            let v = ffi::PyLong_AsLongLongAndOverflow(obj, &mut overflow);
            if overflow != 0 {
                return Err(Unsupported("an int argument beyond 64 bits".into()));
            }
            self.code(INT)?;
            self.slot(v as u64)
        } else if t == &raw mut ffi::PyBool_Type {
            self.code(BOOL)?;
            self.slot((obj == ffi::Py_True()) as u64)
        } else if obj == ffi::Py_None() {
            self.code(NONE)
        } else if t == &raw mut ffi::PyList_Type {
            self.code(LIST)?;
            self.list_elem(obj)?;
            self.slot(obj as u64)
        } else if t == &raw mut ffi::PyUnicode_Type {
            self.code(STR)?;
            self.slot(obj as u64)
        } else if t == &raw mut ffi::PyBytes_Type {
            self.code(BYTES)?;
            self.slot(obj as u64)
        } else if t == &raw mut ffi::PyDict_Type {
            // One native copy per dict object: the same dict twice would be
            // two copies written back over each other.
            if self.dicts[..self.ndicts].contains(&(obj as usize)) {
                return Err(Unsupported("the same dict passed twice".into()));
            }
            if self.ndicts == MAX_ARRAYS {
                return Err(Unsupported(format!("more than {MAX_ARRAYS} dict arguments")));
            }
            self.dicts[self.ndicts] = obj as usize;
            self.ndicts += 1;
            self.code(DICT)?;
            let (mut pos, mut key, mut value) = (0, std::ptr::null_mut(), std::ptr::null_mut());
            if ffi::PyDict_Next(obj, &mut pos, &mut key, &mut value) == 0 {
                self.code(UNKNOWN)?;
                self.code(UNKNOWN)?;
            } else {
                self.item_code(key)?;
                self.item_code(value)?;
            }
            self.slot(obj as u64)
        } else if t == &raw mut ffi::PyTuple_Type {
            let n = ffi::PyTuple_GET_SIZE(obj);
            if n > 16 {
                return Err(Unsupported("tuples longer than 16".into()));
            }
            self.code(TUPLE)?;
            self.code(n as u8)?;
            for i in 0..n {
                let item = ffi::PyTuple_GET_ITEM(obj, i);
                // Dicts are copied in and written back at the top level only.
                if ffi::Py_TYPE(item) == &raw mut ffi::PyDict_Type {
                    return Err(Unsupported("a dict inside a tuple argument".into()));
                }
                self.push(item)?;
            }
            Ok(())
        } else if is_ndarray_type(t) {
            self.array(obj)
        } else if let Some(d) = numpy_scalar_dtype(t) {
            self.code(NP_SCALAR)?;
            self.code(d.code() as u8)?;
            let at = (obj as *const u8).add(NP_SCALAR_VALUE);
            self.slot(match d {
                Dtype::F64 | Dtype::I64 => *(at as *const u64),
                Dtype::F32 => (*(at as *const f32) as f64).to_bits(),
                Dtype::I32 => *(at as *const i32) as i64 as u64,
                Dtype::Bool => (obj as usize == numpy().map_or(0, |np| np.py_true)) as u64,
            })
        } else {
            let name = std::ffi::CStr::from_ptr((*t).tp_name).to_string_lossy().into_owned();
            Err(Unsupported(format!("an argument of type {name}")))
        }
    }

    /// A numpy array: held as a buffer export; its data pointer, shape and
    /// strides (in bytes) go into the slots.
    unsafe fn array(&mut self, obj: *mut ffi::PyObject) -> Result<(), Unsupported> {
        if self.nviews == MAX_ARRAYS {
            return Err(Unsupported(format!("more than {MAX_ARRAYS} array arguments")));
        }
        if let Some((dtype, view, writeable)) = self.struct_view(obj) {
            ffi::Py_INCREF(obj);
            self.struct_arrays[self.nstruct] = obj as usize;
            self.nstruct += 1;
            self.nunpinned = self.nstruct;
            return self.array_slots(dtype, view, !writeable);
        }
        let buffer = self.buffers[self.nbuffers].as_mut_ptr();
        if ffi::PyObject_GetBuffer(obj, buffer, ffi::PyBUF_RECORDS_RO) != 0 {
            ffi::PyErr_Clear();
            return Err(Unsupported("an array without a strided buffer".into()));
        }
        self.nbuffers += 1;
        let b = &*buffer;
        let format = std::ffi::CStr::from_ptr(b.format).to_bytes();
        let Some(dtype) = format_dtype(format, b.itemsize) else {
            let f = String::from_utf8_lossy(format);
            return Err(Unsupported(format!("an array of element format {f:?} (float64, float32, int64, int32 are native)")));
        };
        if !(1..=2).contains(&b.ndim) {
            return Err(Unsupported(format!("a {}-d array (1-d and 2-d are native)", b.ndim)));
        }
        let ndim = b.ndim as usize;
        let mut view = ArrayView { data: b.buf as usize, ndim, itemsize: b.itemsize, ..ArrayView::default() };
        view.shape[..ndim].copy_from_slice(std::slice::from_raw_parts(b.shape, ndim));
        view.strides[..ndim].copy_from_slice(std::slice::from_raw_parts(b.strides, ndim));
        self.array_slots(dtype, view, b.readonly != 0)
    }

    /// A 1-d or 2-d ndarray of a native dtype small enough that the call
    /// keeps the GIL, read from the array struct: (dtype, view, writeable).
    unsafe fn struct_view(&self, obj: *mut ffi::PyObject) -> Option<(Dtype, ArrayView, bool)> {
        let descrs = numpy()?.descrs?;
        let o = obj as *const u8;
        let field = |off: usize| *(o.add(off) as *const usize);
        let code = descrs.iter().position(|&d| d == field(ND_DESCR))?;
        let dtype = Dtype::from_code(code as i64)?;
        let ndim = *(o.add(ND_NDIM) as *const i32) as usize;
        if !(1..=2).contains(&ndim) {
            return None;
        }
        let mut view = ArrayView { data: field(ND_DATA), ndim, itemsize: dtype.itemsize() as isize, ..ArrayView::default() };
        view.shape[..ndim].copy_from_slice(std::slice::from_raw_parts(field(ND_DIMS) as *const isize, ndim));
        view.strides[..ndim].copy_from_slice(std::slice::from_raw_parts(field(ND_STRIDES) as *const isize, ndim));
        let elements = view.shape[..ndim].iter().product::<isize>() as usize;
        if self.array_elements + elements >= GIL_RELEASE_ELEMENTS {
            return None;
        }
        Some((dtype, view, writeable(*(o.add(ND_FLAGS) as *const i32))))
    }

    fn array_slots(&mut self, dtype: Dtype, view: ArrayView, readonly: bool) -> Result<(), Unsupported> {
        let ndim = view.ndim;
        // A last axis of one element has any stride numpy likes.
        let unit = view.strides[ndim - 1] == view.itemsize || view.shape[ndim - 1] <= 1;
        self.code(ARRAY)?;
        self.code(dtype.code() as u8)?;
        self.code(ndim as u8 | if unit { UNIT_STRIDE } else { 0 })?;
        self.slot(view.data as u64)?;
        for &n in &view.shape[..ndim] {
            self.slot(n as u64)?;
        }
        for &st in &view.strides[..ndim] {
            self.slot(st as u64)?;
        }
        self.array_elements += view.shape[..ndim].iter().product::<isize>() as usize;
        self.readonly_array |= readonly;
        self.views[self.nviews] = view;
        self.nviews += 1;
        Ok(())
    }

    /// Takes a buffer export of every array read from its struct, so the
    /// arrays stay put while the call runs without the GIL; false if one
    /// refuses (the call then keeps the GIL).
    ///
    /// # Safety
    /// GIL held.
    pub unsafe fn pin_arrays(&mut self) -> bool {
        while self.nunpinned > 0 {
            let obj = self.struct_arrays[self.nunpinned - 1] as *mut ffi::PyObject;
            if ffi::PyObject_GetBuffer(obj, self.buffers[self.nbuffers].as_mut_ptr(), ffi::PyBUF_RECORDS_RO) != 0 {
                ffi::PyErr_Clear();
                return false;
            }
            self.nbuffers += 1;
            self.nunpinned -= 1;
        }
        true
    }

    /// The memory every array argument spans (start, length in bytes),
    /// gaps between strided elements included.
    pub fn array_regions(&self) -> Vec<(*mut u8, usize)> {
        self.views[..self.nviews]
            .iter()
            .map(|v| {
                let (shape, strides) = (&v.shape[..v.ndim], &v.strides[..v.ndim]);
                if shape.contains(&0) {
                    return (v.data as *mut u8, 0);
                }
                let (mut lo, mut hi) = (0isize, 0isize);
                for (&n, &st) in shape.iter().zip(strides) {
                    let reach = (n - 1) * st;
                    if reach < 0 {
                        lo += reach;
                    } else {
                        hi += reach;
                    }
                }
                ((v.data as isize + lo) as *mut u8, (hi - lo + v.itemsize) as usize)
            })
            .collect()
    }

    /// The element code of a list, from its first item: native code checks
    /// every item it reads, so one look is enough to specialise.
    unsafe fn list_elem(&mut self, list: *mut ffi::PyObject) -> Result<(), Unsupported> {
        if ffi::PyList_GET_SIZE(list) == 0 {
            return self.code(UNKNOWN);
        }
        self.item_code(ffi::PyList_GET_ITEM(list, 0))
    }

    /// The code of a list item (or of an item of a tuple inside a list).
    unsafe fn item_code(&mut self, item: *mut ffi::PyObject) -> Result<(), Unsupported> {
        let t = ffi::Py_TYPE(item);
        if t == &raw mut ffi::PyFloat_Type {
            self.code(FLOAT)
        } else if t == &raw mut ffi::PyLong_Type {
            self.code(INT)
        } else if t == &raw mut ffi::PyBool_Type {
            self.code(BOOL)
        } else if t == &raw mut ffi::PyList_Type {
            self.code(LIST)?;
            self.list_elem(item)
        } else if t == &raw mut ffi::PyUnicode_Type {
            self.code(STR)
        } else if t == &raw mut ffi::PyTuple_Type && (1..=8).contains(&ffi::PyTuple_GET_SIZE(item)) {
            let n = ffi::PyTuple_GET_SIZE(item);
            self.code(TUPLE)?;
            self.code(n as u8)?;
            for i in 0..n {
                let part = ffi::PyTuple_GET_ITEM(item, i);
                if ffi::Py_TYPE(part) == &raw mut ffi::PyList_Type {
                    return Err(Unsupported("a list of tuples holding lists".into()));
                }
                self.item_code(part)?;
            }
            Ok(())
        } else {
            let name = std::ffi::CStr::from_ptr((*t).tp_name).to_string_lossy().into_owned();
            Err(Unsupported(format!("a list of {name}")))
        }
    }
}

/// The compiler's types for a signature made by [`Args::push`].
pub fn decode(sig: &[u8]) -> Vec<Ty> {
    fn one(sig: &[u8], at: &mut usize) -> Ty {
        let c = sig[*at];
        *at += 1;
        match c {
            INT => Ty::Int,
            FLOAT => Ty::Float,
            BOOL => Ty::Bool,
            NONE => Ty::None,
            STR => Ty::Str,
            BYTES => Ty::Bytes,
            UNKNOWN => Ty::Unknown,
            DICT => {
                let key = one(sig, at);
                Ty::dict(key, one(sig, at))
            }
            NP_SCALAR => {
                *at += 1;
                Ty::Np(Dtype::from_code(sig[*at - 1] as i64).expect("a dtype code"))
            }
            ARRAY => {
                let d = Dtype::from_code(sig[*at] as i64).expect("a dtype code");
                let dims = sig[*at + 1];
                *at += 2;
                let layout = if dims & UNIT_STRIDE != 0 { Layout::UnitStride } else { Layout::Strided };
                Ty::Array(d, dims & !UNIT_STRIDE, layout)
            }
            LIST => Ty::list(one(sig, at)),
            TUPLE => {
                let n = sig[*at] as usize;
                *at += 1;
                Ty::Tuple((0..n).map(|_| one(sig, at)).collect())
            }
            _ => unreachable!("signature byte {c}"),
        }
    }
    let mut at = 0;
    let mut out = Vec::new();
    while at < sig.len() {
        out.push(one(sig, &mut at));
    }
    out
}
