//! 100 randomly generated scalar functions `f(a, b, x, y)` (ints a, b;
//! floats x, y) — expressions mixing every operator, builtin and `math`
//! function of the subset, and loops/branches/augmented assignments over
//! variables that end up int, float or int|float — each run on eight
//! argument rows and checked against CPython 3.11.7's results, recorded in
//! `data/random_programs.tsv` by `data/gen_random_programs.py`.
//! Where CPython raised (or returned a bigint or a complex) native code must
//! bail out; everywhere else it must return the same type and the same value
//! (floats bit for bit).

#[macro_use]
mod common;

use common::*;
use rustify_compiler::types::Ty;

const ROWS: [(i64, i64, f64, f64); 8] = [
    (0, 0, 0.0, 0.0),
    (3, -2, 0.5, -1.5),
    (-7, 2, 2.5, -0.0),
    (i64::MAX, i64::MIN, 1e300, -1e300),
    ((1 << 53) + 1, -1, f64::NAN, f64::INFINITY),
    (1, 5, -3.25, 7.0),
    (-1, -1, -0.5, 0.1),
    (1_000_000_000_000, 3, 1e-310, 2.0),
];

#[test]
fn random_programs_agree_with_cpython() {
    let data = include_str!("data/random_programs.tsv");
    let mut failures = Vec::new();
    let mut checked = 0;
    for line in data.lines().filter(|l| !l.is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 1 + ROWS.len(), "malformed line {line:?}");
        let src = cols[0].replace("\\n", "\n");
        let n = jit(&src, &[Ty::Int, Ty::Int, Ty::Float, Ty::Float]);
        for (k, &(a, b, x, y)) in ROWS.iter().enumerate() {
            let (got, bail) = invoke!(n, fn(i64, i64, f64, f64), a, b, x, y);
            let mut want = cols[k + 1].splitn(2, ' ');
            let (kind, value) = (want.next().unwrap(), want.next().unwrap_or(""));
            let ok = match (kind, got, bail) {
                ("X", _, b) => b.is_some(),
                (_, _, Some(_)) => false,
                ("I", Got::I(g), None) => value.parse::<i64>() == Ok(g),
                ("F", Got::F(g), None) => same_float(f64::from_bits(value.parse::<u64>().unwrap()), g),
                ("B", Got::B(g), None) => (value == "1") == g,
                _ => false,
            };
            checked += 1;
            if !ok {
                failures.push(format!("{src}  row {k} {:?}: CPython {}, native {got:?} bail {bail:?}", ROWS[k], cols[k + 1]));
            }
        }
    }
    assert_eq!(checked, 800);
    assert!(failures.is_empty(), "{} rows disagree:\n{}", failures.len(), failures.join("\n"));
}
