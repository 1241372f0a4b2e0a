//! The tier-2 Rust source generator on typed IR: it accepts every program
//! the random-program corpus lowers, its output is deterministic (the cache
//! key hashes it), and it points back at the Python source. Whether the
//! generated crates compile and agree with CPython is tested end to end by
//! the conformance corpus on tier `ext` (tests/test_tier2.py).

mod common;

use common::*;
use rustify_compiler::rustgen::{crate_lib, program_module, SUPPORT_FILES};
use rustify_compiler::types::{Dtype, Layout, Ty};

const DOT: &str = "def dot(a, b):\n    total = 0.0\n    for i in range(len(a)):\n        total += a[i] * b[i]\n    return total\n";

#[test]
fn every_random_program_has_rust_source() {
    let data = include_str!("data/random_programs.tsv");
    let mut n = 0;
    for line in data.lines().filter(|l| !l.is_empty()) {
        let src = line.split('\t').next().unwrap().replace("\\n", "\n");
        let prog = lower_ok(&src, &[Ty::Int, Ty::Int, Ty::Float, Ty::Float]);
        let code = program_module(&prog).unwrap_or_else(|e| panic!("{src}\n{e}"));
        assert!(code.contains("pub unsafe extern \"C\" fn entry"), "{code}");
        n += 1;
    }
    assert_eq!(n, 100);
}

#[test]
fn source_is_deterministic_and_points_at_python_lines() {
    let args = [list(Ty::Float), list(Ty::Float)];
    let a = program_module(&lower_ok(DOT, &args)).unwrap();
    let b = program_module(&lower_ok(DOT, &args)).unwrap();
    assert_eq!(a, b);
    assert!(a.contains("unsafe fn spec0_dot(ctx: *mut CallCtx, a0: Ref, a1: Ref) -> R<f64>"), "{a}");
    assert!(a.contains("from line 1 of the Python source"), "{a}");
    assert!(a.contains("// line 4"), "{a}");
    // The loop body only reads lists: their item arrays are loaded once.
    assert!(a.contains("items_of(&v0_a)"), "{a}");
}

#[test]
fn int_and_float_programs_differ() {
    let f = program_module(&lower_ok(DOT, &[list(Ty::Float), list(Ty::Float)])).unwrap();
    let i = program_module(&lower_ok(DOT, &[list(Ty::Int), list(Ty::Int)])).unwrap();
    assert_ne!(f, i);
    assert!(i.contains("as_int"), "{i}");
}

#[test]
fn crate_lib_links_every_program() {
    let p = program_module(&lower_ok(DOT, &[list(Ty::Float), list(Ty::Float)])).unwrap();
    let lib = crate_lib("rustify_ext_test", &[("dot(list[float], list[float])".into(), p.clone()), ("again".into(), p)]);
    assert!(lib.contains("mod p0 {") && lib.contains("mod p1 {"));
    assert!(lib.contains("1 if p1::link(callables) => p1::entry as usize"));
    assert!(lib.contains("fn rustify_ext_test("));
    let names: Vec<&str> = SUPPORT_FILES.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, ["abi.rs", "dict.rs", "semantics.rs", "rt.rs"]);
}

const COUNT_PAIRS: &str = "
def count_pairs(tokens):
    counts = {}
    for i in range(len(tokens) - 1):
        pair = (tokens[i], tokens[i + 1])
        counts[pair] = counts.get(pair, 0) + 1
    return counts
";

const NP_DOT: &str = "
def dot(a, b):
    total = 0.0
    for i in range(len(a)):
        total += a[i] * b[i]
    return total
";

#[test]
fn dicts_and_numpy_arrays_have_rust_source() {
    let d = program_module(&lower_ok(COUNT_PAIRS, &[list(Ty::Int)])).unwrap();
    assert!(d.contains("dict_new(ctx)") && d.contains("dict_set("), "{d}");
    assert!(d.contains("-> R<NDict>") && d.contains("dict_box("), "{d}");
    let arr = Ty::Array(Dtype::F64, 1, Layout::UnitStride);
    let n = program_module(&lower_ok(NP_DOT, &[arr.clone(), arr])).unwrap();
    assert!(n.contains("a0: View<1>") && n.contains("np_float(Add, false"), "{n}");
    // Object-free: the entry releases the GIL when the boundary asks.
    assert!(n.contains("GilReleased::when_asked(ctx)"), "{n}");
    assert!(!d.contains("GilReleased"), "{d}");
}
