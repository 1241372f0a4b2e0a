//! Typed IR -> Rust source (tier 2).
//!
//! The same IR that feeds Cranelift becomes one Rust module per program:
//! one function per specialisation, written with the primitives of
//! `rustgen_rt.rs` (each mirrors the Cranelift lowering of the same node,
//! with the same bail-out codes), and one boxed `entry` with the exact ABI
//! of tier 1's entry, `(ctx, *const u64 slots) -> PyObject*`. The boundary
//! therefore runs either tier the same way: same argument slots, same undo
//! journal, same bail-out and CPython re-run.
//!
//! Values are owned Rust values (`Ref` for a list, `Num` for `int|float`,
//! tuples as Rust tuples); references are released by `Drop`, so every
//! exit, bail-outs included, releases exactly what is live.

use std::fmt::Write;

use crate::ir::{self, Arith, Cmp, Expr, ExprKind as K, Function, Libm, Program, Stmt, Unary};
use crate::types::{key_parts, Dtype, Ty};

/// The files a generated crate carries verbatim besides its kernels: the
/// ABI and CPython's numeric algorithms are the very source tier 1 uses.
pub const SUPPORT_FILES: [(&str, &str); 4] = [
    ("abi.rs", include_str!("abi.rs")),
    ("dict.rs", include_str!("dict.rs")),
    ("semantics.rs", include_str!("semantics.rs")),
    ("rt.rs", include_str!("rustgen_rt.rs")),
];

/// `types.rs`, for crates that classify arguments themselves (the
/// standalone extensions of `rustify-ml accelerate`).
pub const TYPES_SOURCE: &str = include_str!("types.rs");

/// The Rust source of one program: the body of a module that `use`s the
/// crate's `rt` and exports `entry` and `link`. Errors name IR the
/// generator cannot express (the program then stays on tier 1).
pub fn program_module(prog: &Program) -> Result<String, String> {
    let mut out = String::new();
    let ncall = prog.py_callables.len();
    let _ = writeln!(out, "use crate::rt::*;\nuse crate::semantics;\n");
    if ncall > 0 {
        let names: Vec<&str> = prog.py_callables.iter().map(|c| c.name.as_str()).collect();
        let _ = writeln!(out, "/// Addresses of the CPython functions called back into: {}.", names.join(", "));
        let _ = writeln!(out, "static CALLABLES: [std::sync::atomic::AtomicUsize; {ncall}] = [const {{ std::sync::atomic::AtomicUsize::new(0) }}; {ncall}];\n");
    }
    let _ = writeln!(
        out,
        "/// Binds this process's callables; false when the count differs.\npub fn link(callables: &[usize]) -> bool {{"
    );
    if ncall > 0 {
        let _ = writeln!(out, "    if callables.len() != {ncall} {{ return false; }}");
        let _ = writeln!(out, "    for (slot, &c) in CALLABLES.iter().zip(callables) {{ slot.store(c, std::sync::atomic::Ordering::Relaxed); }}");
        let _ = writeln!(out, "    true\n}}\n");
    } else {
        let _ = writeln!(out, "    callables.is_empty()\n}}\n");
    }
    for (id, f) in prog.specs.iter().enumerate() {
        let mut g = Gen {
            prog,
            f,
            out: String::new(),
            indent: 1,
            labels: 0,
            loops: Vec::new(),
            non_negative: f.non_negative_vars(),
            hoisted: Vec::new(),
            number_lists: ir::number_lists(f),
            last_line: 0,
        };
        g.function(id)?;
        out.push_str(&g.out);
    }
    entry(&mut out, &prog.specs[0], ir::runs_without_objects(prog))?;
    Ok(out)
}

/// The Rust type a value of `ty` is held in.
fn rust_ty(ty: &Ty) -> String {
    match ty {
        Ty::Unknown | Ty::Never | Ty::None => "()".into(),
        Ty::Bool => "bool".into(),
        Ty::Int => "i64".into(),
        Ty::Float => "f64".into(),
        Ty::Num => "Num".into(),
        Ty::List(_) | Ty::Str | Ty::Bytes => "Ref".into(),
        Ty::Dict(..) => "NDict".into(),
        Ty::Tuple(ts) => tuple_code(ts.iter().map(rust_ty).collect()),
        Ty::Array(_, n, _) => format!("View<{n}>"),
        Ty::Np(d) => payload_ty(*d).into(),
        Ty::MaybeNp(d) => format!("(bool, {})", payload_ty(*d)),
    }
}

/// The Rust type of a numpy scalar's value (float32 values are held as f64).
fn payload_ty(d: Dtype) -> &'static str {
    match d {
        Dtype::F64 | Dtype::F32 => "f64",
        Dtype::I64 | Dtype::I32 => "i64",
        Dtype::Bool => "bool",
    }
}

/// The Rust type of an array element of dtype `d`.
fn element_ty(d: Dtype) -> &'static str {
    match d {
        Dtype::F64 => "f64",
        Dtype::F32 => "f32",
        Dtype::I64 => "i64",
        Dtype::I32 => "i32",
        Dtype::Bool => unreachable!("no bool arrays"),
    }
}

/// The payload type of a number type, numpy's or Python's.
fn payload_of(ty: &Ty) -> &'static str {
    match ty {
        Ty::Float => "f64",
        Ty::Int => "i64",
        Ty::Bool => "bool",
        Ty::Np(d) | Ty::MaybeNp(d) => payload_ty(*d),
        _ => unreachable!("no numeric payload in {ty}"),
    }
}

/// `code` (a value of `ty`) as a `(numpy?, payload)` pair.
fn np_pair(code: &str, ty: &Ty) -> String {
    match ty {
        Ty::MaybeNp(_) => code.to_string(),
        Ty::Np(_) => format!("(true, {code})"),
        _ => format!("(false, {code})"),
    }
}

/// A payload converted between representations (ints to floats only
/// where exact, else bail out), as tier 1's `payload_to`.
fn payload_conv(code: &str, from: &str, to: &str) -> Result<String, String> {
    Ok(match (from, to) {
        (a, b) if a == b => code.to_string(),
        ("bool", "i64") => format!("({code} as i64)"),
        ("bool", "f64") => format!("({code} as i64 as f64)"),
        ("i64", "f64") => format!("exact_f64({code})?"),
        _ => return Err(format!("no payload conversion from {from} to {to}")),
    })
}

/// A tuple type or value from its parts (`()` when there are none).
fn tuple_code(parts: Vec<String>) -> String {
    if parts.is_empty() {
        "()".into()
    } else {
        format!("({},)", parts.join(", "))
    }
}

/// How many u64 argument slots a parameter of `ty` takes (tier 1's
/// `machine_types`).
fn slot_count(ty: &Ty) -> usize {
    match ty {
        Ty::Unknown | Ty::Never | Ty::None => 0,
        Ty::Num => 2,
        Ty::Array(_, n, _) => 1 + 2 * *n as usize,
        Ty::Tuple(ts) => ts.iter().map(slot_count).sum(),
        _ => 1,
    }
}

fn spec_name(prog: &Program, id: usize) -> String {
    format!("spec{id}_{}", sanitize(&prog.specs[id].name))
}

/// The boxed entry: unpacks the boundary's slots, runs specialisation 0,
/// boxes its result; NULL with a bail code when it bailed out.
fn entry(out: &mut String, f: &Function, without_objects: bool) -> Result<(), String> {
    let mut slot = 0;
    let mut args = Vec::new();
    for ty in &f.param_tys {
        args.push(from_slots(ty, &mut slot)?);
    }
    let _ = writeln!(out, "/// The boundary's entry (tier 1's ABI).");
    let _ = writeln!(out, "pub unsafe extern \"C\" fn entry(ctx: *mut CallCtx, slots: *const u64) -> Obj {{");
    let _ = writeln!(out, "    let s = |k: usize| *slots.add(k);");
    // Dict arguments run on a native copy, written back on success.
    let mut writebacks = String::new();
    let mut at = 0;
    for (k, ty) in f.param_tys.iter().enumerate() {
        if let Ty::Dict(..) = ty {
            let _ = write!(writebacks, "dict_writeback(s({at}) as Obj, a{k})?; ");
        }
        at += slot_count(ty);
    }
    let bound: Vec<String> = args.iter().enumerate().map(|(k, a)| format!("let a{k} = {a};")).collect();
    let names: Vec<String> = (0..args.len()).map(|k| format!(", a{k}")).collect();
    let call = format!("spec0_{}(ctx{})", sanitize(&f.name), names.concat());
    // A program touching no Python object runs without the GIL when the
    // boundary asks; the result is boxed after taking it back.
    let call = if without_objects { format!("{{ let _gil = GilReleased::when_asked(ctx); {call} }}") } else { call };
    let _ = writeln!(
        out,
        "    let result = (|| -> R<Ref> {{ {} let v = {call}?; {writebacks}Ok({}) }})();",
        bound.join(" "),
        box_value("v", &f.ret)?
    );
    let _ = writeln!(out, "    match result {{");
    let _ = writeln!(out, "        Ok(obj) => obj.into_raw(),");
    let _ = writeln!(out, "        Err(b) => {{ (*ctx).set_bail(b); std::ptr::null_mut() }}");
    let _ = writeln!(out, "    }}\n}}");
    Ok(())
}

fn from_slots(ty: &Ty, slot: &mut usize) -> Result<String, String> {
    let k = *slot;
    *slot += slot_count(ty);
    Ok(match ty {
        Ty::Unknown | Ty::Never | Ty::None => "()".into(),
        Ty::Bool => format!("(s({k}) as u8 != 0)"),
        Ty::Int => format!("(s({k}) as i64)"),
        Ty::Float => format!("f64::from_bits(s({k}))"),
        Ty::Num => format!("Num::from_slots(s({k}), s({}))", k + 1),
        Ty::List(_) | Ty::Str | Ty::Bytes => format!("Ref::borrow(s({k}) as Obj)"),
        Ty::Array(_, n, _) => {
            let n = *n as usize;
            let shape: Vec<String> = (0..n).map(|i| format!("s({}) as i64", k + 1 + i)).collect();
            let strides: Vec<String> = (0..n).map(|i| format!("s({}) as i64", k + 1 + n + i)).collect();
            format!("View {{ data: s({k}) as *mut u8, shape: [{}], strides: [{}] }}", shape.join(", "), strides.join(", "))
        }
        Ty::Np(d) => match payload_ty(*d) {
            "f64" => format!("f64::from_bits(s({k}))"),
            "i64" => format!("(s({k}) as i64)"),
            _ => format!("(s({k}) as u8 != 0)"),
        },
        Ty::Dict(..) => format!("dict_unbox(ctx, s({k}) as Obj)?"),
        Ty::MaybeNp(_) => return Err(format!("arguments of {ty}")),
        Ty::Tuple(ts) => {
            let mut at = k;
            tuple_code(ts.iter().map(|t| from_slots(t, &mut at)).collect::<Result<Vec<_>, _>>()?)
        }
    })
}

/// Code for a new reference to a Python object holding `code`'s value (an
/// owned value of `ty`), in a context where `?` bails out.
fn box_value(code: &str, ty: &Ty) -> Result<String, String> {
    Ok(match ty {
        Ty::Float => format!("box_float({code})?"),
        Ty::Int => format!("box_int({code})?"),
        Ty::Bool => format!("box_bool({code})"),
        Ty::None | Ty::Unknown | Ty::Never => format!("{{ let _ = {code}; box_none() }}"),
        Ty::Num => format!("box_num({code})?"),
        Ty::List(_) | Ty::Str | Ty::Bytes => code.to_string(),
        Ty::Dict(..) => format!("dict_box({code})?"),
        Ty::Np(d) | Ty::MaybeNp(d) => {
            let bits = match payload_ty(*d) {
                "f64" => "t.1.to_bits() as i64",
                "i64" => "t.1",
                _ => "t.1 as i64",
            };
            let py = box_value("t.1", &d.py_kind())?;
            format!("{{ let t = {}; if t.0 {{ np_box({}, {bits})? }} else {{ {py} }} }}", np_pair(code, ty), d.code())
        }
        Ty::Array(..) => return Err(format!("results of {ty}")),
        Ty::Tuple(ts) => {
            let items = ts.iter().enumerate().map(|(k, t)| box_value(&format!("t.{k}"), t)).collect::<Result<Vec<_>, _>>()?;
            format!("{{ let t = {code}; tuple_of([{}])? }}", items.join(", "))
        }
    })
}

/// Code converting `code` (a value of `from`) to `to`: only the
/// representation changes inference inserts.
fn convert(code: String, from: &Ty, to: &Ty) -> Result<String, String> {
    Ok(match (from, to) {
        (f, t) if f == t => code,
        (Ty::Int, Ty::Num) => format!("Num::I({code})"),
        (Ty::Float, Ty::Num) => format!("Num::F({code})"),
        (Ty::Bool, Ty::Int) => format!("({code} as i64)"),
        (Ty::Bool, Ty::Float) => format!("({code} as i64 as f64)"),
        (Ty::Int, Ty::Float) => format!("({code} as f64)"),
        (Ty::Num, Ty::Float) => format!("({code}).to_f64()"),
        (Ty::List(_), Ty::List(_)) | (Ty::Dict(..), Ty::Dict(..)) | (Ty::Array(..), Ty::Array(..)) => code,
        (f, t) if f.np_dtype().is_some() || t.np_dtype().is_some() => {
            let p = payload_conv("t.1", payload_of(f), payload_of(t))?;
            let pair = np_pair(&code, f);
            match t {
                Ty::MaybeNp(_) => format!("{{ let t = {pair}; (t.0, {p}) }}"),
                _ => format!("{{ let t = {pair}; {p} }}"),
            }
        }
        (Ty::Tuple(fs), Ty::Tuple(ts)) if fs.len() == ts.len() => {
            let parts = fs
                .iter()
                .zip(ts)
                .enumerate()
                .map(|(k, (f, t))| convert(format!("t.{k}"), f, t))
                .collect::<Result<Vec<_>, _>>()?;
            format!("{{ let t = {code}; {} }}", tuple_code(parts))
        }
        (_, Ty::Unknown) | (Ty::Unknown | Ty::Never, _) => format!("{{ let _ = {code}; <{} as Default>::default() }}", rust_ty(to)),
        _ => return Err(format!("no conversion from {from} to {to}")),
    })
}

fn op_name(op: Arith) -> &'static str {
    match op {
        Arith::Add => "Add",
        Arith::Sub => "Sub",
        Arith::Mul => "Mul",
        Arith::Div => "Div",
        Arith::FloorDiv => "FloorDiv",
        Arith::Mod => "Mod",
        Arith::Pow => "Pow",
        Arith::LShift => "LShift",
        Arith::RShift => "RShift",
        Arith::BitAnd => "BitAnd",
        Arith::BitOr => "BitOr",
        Arith::BitXor => "BitXor",
    }
}

fn cmp_op(op: Cmp) -> (&'static str, &'static str) {
    match op {
        Cmp::Eq => ("==", "Cmp::Eq"),
        Cmp::Ne => ("!=", "Cmp::Ne"),
        Cmp::Lt => ("<", "Cmp::Lt"),
        Cmp::Le => ("<=", "Cmp::Le"),
        Cmp::Gt => (">", "Cmp::Gt"),
        Cmp::Ge => (">=", "Cmp::Ge"),
    }
}

/// The reader of a list item of `elem` (an empty list's unknown element
/// reads as float, as in tier 1): a function, or for a tuple of numbers a
/// closure checking its exact type and size.
fn reader(elem: &Ty) -> Result<String, String> {
    Ok(match elem {
        Ty::Float | Ty::Unknown => "as_float".into(),
        Ty::Int => "as_int".into(),
        Ty::Bool => "as_bool".into(),
        Ty::Num => "as_num".into(),
        Ty::List(_) => "as_list".into(),
        Ty::Str => "as_str".into(),
        Ty::Tuple(ts) => {
            let parts = ts
                .iter()
                .enumerate()
                .map(|(k, t)| match t {
                    Ty::Tuple(_) | Ty::List(_) => Err(format!("lists of {elem}")),
                    _ => Ok(format!("{}(*p.add({k}))?", reader(t)?)),
                })
                .collect::<Result<Vec<_>, String>>()?;
            format!(
                "(|o: Obj| -> R<{}> {{ unsafe {{ let p = as_tuple_of(o, {})?; Ok({}) }} }})",
                rust_ty(elem),
                ts.len(),
                tuple_code(parts)
            )
        }
        _ => return Err(format!("lists of {elem}")),
    })
}

/// The `(tag, bits)` words of the dict key in variable `key`, of type
/// `ty`; `key` must outlive their use (a str part is its object's address).
fn key_words(ty: &Ty) -> String {
    match ty {
        Ty::Tuple(ts) => {
            let words: Vec<String> = (0..ts.len()).map(|k| format!("p{k}.0, p{k}.1")).collect();
            let parts: Vec<String> = (0..ts.len()).map(|k| format!("let p{k} = KeyPart::key_part(&key.{k});")).collect();
            format!("{{ {} [{}] }}", parts.join(" "), words.join(", "))
        }
        _ => "{ let p = KeyPart::key_part(&key); [p.0, p.1] }".into(),
    }
}

/// Code reading a stored value of `ty` from entry words `e` at word `at`
/// (a tuple key reads one pair per part), bailing out on another tag.
fn read_tagged(ty: &Ty, at: usize) -> String {
    match ty {
        Ty::Tuple(ts) => {
            let parts = ts.iter().enumerate().map(|(k, t)| read_tagged(t, at + 2 * k)).collect();
            tuple_code(parts)
        }
        Ty::Str => format!("str_from_key(*e.add({at}), *e.add({}))?", at + 1),
        t => format!("<{} as Tagged>::from_tagged(*e.add({at}), *e.add({}))?", rust_ty(t), at + 1),
    }
}

fn elem_of(list: &Ty) -> Ty {
    match list {
        Ty::List(e) => (**e).clone(),
        _ => Ty::Unknown,
    }
}

/// An evaluated expression: a place (a variable, or a field of one) that
/// can be borrowed or copied, or a temporary value owned by its consumer.
enum Val {
    Place(String),
    Temp(String),
}

struct LoopLabels {
    /// Leaving this label skips the loop's `else` (a `break`).
    brk: String,
    /// Leaving this label ends the current round (a `continue`).
    cont: String,
}

struct Gen<'a> {
    prog: &'a Program,
    f: &'a Function,
    out: String,
    indent: usize,
    labels: usize,
    loops: Vec<LoopLabels>,
    non_negative: Vec<bool>,
    /// List variables whose item array was loaded before the current loop
    /// (its body cannot change any list).
    hoisted: Vec<usize>,
    /// Per variable: a list of numbers this function built (`ir::number_lists`).
    number_lists: Vec<bool>,
    last_line: u32,
}

impl Gen<'_> {
    fn line(&mut self, s: &str) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str(s);
        self.out.push('\n');
    }

    /// A comment pointing back at the Python source, when the line changes.
    fn source_line(&mut self, line: u32) {
        if line != 0 && line != self.last_line {
            self.last_line = line;
            self.line(&format!("// line {line}"));
        }
    }

    fn label(&mut self) -> usize {
        self.labels += 1;
        self.labels
    }

    fn var(&self, v: usize) -> String {
        format!("v{v}_{}", sanitize(&self.f.vars[v].name))
    }

    fn function(&mut self, id: usize) -> Result<(), String> {
        let f = self.f;
        let params: Vec<String> =
            f.params.iter().zip(&f.param_tys).enumerate().map(|(k, (_, t))| format!("a{k}: {}", rust_ty(t))).collect();
        let sig: Vec<String> = f.params.iter().zip(&f.param_tys).map(|(&p, t)| format!("{}: {t}", f.vars[p].name)).collect();
        let _ = writeln!(self.out, "/// `{}({})` -> {}, from line {} of the Python source.", f.name, sig.join(", "), f.ret, f.line);
        let _ = writeln!(
            self.out,
            "unsafe fn {}(ctx: *mut CallCtx{}{}) -> R<{}> {{",
            spec_name(self.prog, id),
            if params.is_empty() { "" } else { ", " },
            params.join(", "),
            rust_ty(&f.ret)
        );
        if f.calls {
            self.line("let _depth = enter(ctx)?;");
        } else {
            // A call of this function is a CPython frame too.
            self.line("leaf_check(ctx)?;");
        }
        for (v, var) in f.vars.iter().enumerate() {
            let name = self.var(v);
            let ty = rust_ty(&var.ty);
            if let Some(k) = f.params.iter().position(|&p| p == v) {
                let value = convert(format!("a{k}"), &f.param_tys[k], &var.ty)?;
                self.line(&format!("let mut {name}: {ty} = {value};"));
            } else if var.maybe_unbound {
                self.line(&format!("let mut {name}: Option<{ty}> = None;"));
            } else {
                self.line(&format!("let mut {name}: {ty} = Default::default();"));
            }
        }
        self.block(&f.body)?;
        // Every IR body ends in a return; this is never reached.
        self.line("Err(Bail::HostError)");
        self.out.push_str("}\n\n");
        Ok(())
    }

    fn block(&mut self, stmts: &[Stmt]) -> Result<(), String> {
        for s in stmts {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn nested(&mut self, open: &str, body: impl FnOnce(&mut Self) -> Result<(), String>) -> Result<(), String> {
        self.line(open);
        self.indent += 1;
        body(self)?;
        self.indent -= 1;
        self.line("}");
        Ok(())
    }

    fn assign(&mut self, v: usize, code: String, from: &Ty) -> Result<(), String> {
        let var = &self.f.vars[v];
        let value = convert(code, from, &var.ty)?;
        let name = self.var(v);
        if var.maybe_unbound {
            self.line(&format!("{name} = Some({value});"));
        } else {
            self.line(&format!("{name} = {value};"));
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> Result<(), String> {
        match s {
            Stmt::Assign(v, e) => {
                self.source_line(e.line);
                let code = self.owned(e)?;
                self.assign(*v, code, &e.ty)?;
            }
            Stmt::Expr(e) => {
                self.source_line(e.line);
                let code = self.owned(e)?;
                self.line(&format!("let _ = {code};"));
            }
            Stmt::ListSet { list, index, value } => {
                // Python evaluates the value, then the list, then the index.
                self.source_line(value.line);
                let val = self.owned(value)?;
                let boxed = box_value("value", &value.ty)?;
                let l = self.borrowed(list)?;
                let (idx, nn) = self.index(index)?;
                let journal = !self.is_fresh(list);
                self.nested("{", |g| {
                    g.line(&format!("let value = {val};"));
                    g.line(&format!("let list = {l};"));
                    g.line(&format!("let index = {idx};"));
                    g.line(&format!("list_set(ctx, list, index, {nn}, {boxed}, {journal})?;"));
                    Ok(())
                })?;
            }
            Stmt::ListAppend { list, value } => {
                // A method call: the receiver is evaluated before the argument.
                self.source_line(value.line);
                let l = self.borrowed(list)?;
                let val = self.owned(value)?;
                let boxed = box_value("value", &value.ty)?;
                let journal = !self.is_fresh(list);
                self.nested("{", |g| {
                    g.line(&format!("let list = {l};"));
                    g.line(&format!("let value = {val};"));
                    g.line(&format!("list_append(ctx, list, {boxed}, {journal})?;"));
                    Ok(())
                })?;
            }
            Stmt::If { cond, then, orelse } => {
                self.source_line(cond.line);
                let c = self.owned(cond)?;
                self.line(&format!("if {c} {{"));
                self.indent += 1;
                self.block(then)?;
                self.indent -= 1;
                if !orelse.is_empty() {
                    self.line("} else {");
                    self.indent += 1;
                    self.block(orelse)?;
                    self.indent -= 1;
                }
                self.line("}");
            }
            Stmt::While { cond, body, orelse } => {
                self.source_line(cond.line);
                let n = self.label();
                let c = self.owned(cond)?;
                self.nested(&format!("'b{n}: {{"), |g| {
                    g.nested(&format!("'l{n}: loop {{"), |g| {
                        g.line(&format!("if !{c} {{ break 'l{n}; }}"));
                        g.loop_body(n, body, None)
                    })?;
                    g.block(orelse)
                })?;
            }
            Stmt::ForRange { var, start, stop, step, body, orelse } => self.for_range(*var, start, stop, step, body, orelse)?,
            Stmt::ForList { var, list, body, orelse } => self.for_list(*var, list, body, orelse)?,
            Stmt::ArraySet { array, indices, value } => {
                // Python evaluates the value, then the array, then the indices.
                self.source_line(value.line);
                let Ty::Array(d, ..) = array.ty else { unreachable!("an array") };
                let val = self.owned(value)?;
                let target = if d.is_float() { "f64" } else { "i64" };
                let p = payload_conv("v.1", payload_of(&value.ty), target)?;
                let pair = np_pair("value", &value.ty);
                let a = self.owned(array)?;
                let at = self.array_at(indices)?;
                self.nested("{", |g| {
                    g.line(&format!("let value = {val};"));
                    g.line(&format!("let array = {a};"));
                    g.line(&format!("let at = array.at({at})?;"));
                    g.line(&format!("let v = {pair};"));
                    g.line(&format!("store::<{}>(at, {p})?;", element_ty(d)));
                    Ok(())
                })?;
            }
            Stmt::DictSet { dict, key, value } => {
                // The value first, then the dict, then the key.
                self.source_line(value.line);
                let v = self.owned(value)?;
                let d = self.owned(dict)?;
                let k = self.owned(key)?;
                let words = key_words(&key.ty);
                let tuple_key = matches!(key.ty, Ty::Tuple(_));
                self.nested("{", |g| {
                    g.line(&format!("let value = Tagged::tagged({v});"));
                    g.line(&format!("let d = {d};"));
                    g.line(&format!("let key = {k};"));
                    g.line(&format!("dict_set(d, &{words}, {tuple_key}, value)?;"));
                    Ok(())
                })?;
            }
            Stmt::ForDict { key, value, dict, body, orelse } => self.for_dict(*key, *value, dict, body, orelse)?,
            Stmt::ListInsert { list, index, value } => {
                // A method call: the receiver, then the arguments.
                self.source_line(value.line);
                let l = self.borrowed(list)?;
                let i = self.owned(index)?;
                let val = self.owned(value)?;
                let boxed = box_value("value", &value.ty)?;
                let journal = !self.is_fresh(list);
                self.nested("{", |g| {
                    g.line(&format!("let list = {l};"));
                    g.line(&format!("let index = {i};"));
                    g.line(&format!("let value = {val};"));
                    g.line(&format!("list_insert(ctx, list, index, {boxed}, {journal})?;"));
                    Ok(())
                })?;
            }
            Stmt::ListExtend { list, other } => {
                self.source_line(other.line);
                let l = self.borrowed(list)?;
                let o = self.borrowed(other)?;
                let journal = !self.is_fresh(list);
                self.line(&format!("list_extend(ctx, {l}, {o}, {journal})?;"));
            }
            Stmt::Break => {
                let l = self.loops.last().ok_or("break outside a loop")?.brk.clone();
                self.line(&format!("break '{l};"));
            }
            Stmt::Continue => {
                let l = self.loops.last().ok_or("continue outside a loop")?.cont.clone();
                self.line(&format!("break '{l};"));
            }
            Stmt::Return(e) => {
                self.source_line(e.line);
                let code = self.owned(e)?;
                let value = convert(code, &e.ty, &self.f.ret)?;
                self.line(&format!("return Ok({value});"));
            }
            Stmt::Bail(reason, line) => {
                self.source_line(*line);
                let b = match reason {
                    ir::BailReason::Raise => "Raise",
                    ir::BailReason::AssertFailed => "AssertFailed",
                    ir::BailReason::Unrepresentable => "Unrepresentable",
                };
                self.line(&format!("return Err(Bail::{b});"));
            }
        }
        Ok(())
    }

    /// One round of a loop: `continue` leaves the inner label.
    fn loop_body(&mut self, n: usize, body: &[Stmt], step: Option<&str>) -> Result<(), String> {
        self.loops.push(LoopLabels { brk: format!("b{n}"), cont: format!("c{n}") });
        let r = self.nested(&format!("'c{n}: loop {{"), |g| {
            g.block(body)?;
            g.line(&format!("break 'c{n};"));
            Ok(())
        });
        self.loops.pop();
        r?;
        if let Some(step) = step {
            self.line(step);
        }
        Ok(())
    }

    fn for_range(&mut self, var: usize, start: &Expr, stop: &Expr, step: &Expr, body: &[Stmt], orelse: &[Stmt]) -> Result<(), String> {
        self.source_line(start.line);
        let const_step = match step.kind {
            K::Int(k) => Some(k),
            _ => None,
        };
        let n = self.label();
        let (a, b, c) = (self.owned(start)?, self.owned(stop)?, self.owned(step)?);
        let saved = self.hoist(body);
        let r = self.nested(&format!("'b{n}: {{"), |g| {
            g.line(&format!("let (mut i{n}, stop{n}, step{n}): (i64, i64, i64) = ({a}, {b}, {c});"));
            if const_step.is_none() || const_step == Some(0) {
                g.line(&format!("if step{n} == 0 {{ return Err(Bail::ValueError); }}"));
            }
            for v in g.hoisted[saved..].to_vec() {
                let name = g.var(v);
                g.line(&format!("let items_{name} = items_of(&{name});"));
            }
            let go = match const_step {
                Some(k) if k > 0 => format!("i{n} < stop{n}"),
                Some(_) => format!("i{n} > stop{n}"),
                None => format!("if step{n} > 0 {{ i{n} < stop{n} }} else {{ i{n} > stop{n} }}"),
            };
            g.nested(&format!("'l{n}: loop {{"), |g| {
                g.line(&format!("if !({go}) {{ break 'l{n}; }}"));
                g.assign(var, format!("i{n}"), &Ty::Int)?;
                // Past i64 the range is necessarily exhausted.
                let step_code = format!("match i{n}.checked_add(step{n}) {{ Some(next) => i{n} = next, None => break 'l{n} }}");
                g.loop_body(n, body, Some(&step_code))
            })?;
            // The item arrays were loaded for the body only: the `else`
            // block may change or rebind the lists.
            g.hoisted.truncate(saved);
            g.block(orelse)
        });
        self.hoisted.truncate(saved);
        r
    }

    /// Before a loop whose body only reads lists: the list variables whose
    /// item arrays the body may read through `items_of` values loaded once.
    /// Returns where the new entries start.
    fn hoist(&mut self, body: &[Stmt]) -> usize {
        let saved = self.hoisted.len();
        if !ir::reads_lists_only(body, &self.number_lists) {
            return saved;
        }
        ir::visit(body, &mut |_| {}, &mut |e| {
            if let K::ListGet(l, _) | K::ListLen(l) = &e.kind {
                if let K::Var(v) = l.kind {
                    if !self.hoisted.contains(&v) && !self.f.vars[v].maybe_unbound {
                        self.hoisted.push(v);
                    }
                }
            }
        });
        saved
    }

    fn for_list(&mut self, var: usize, list: &Expr, body: &[Stmt], orelse: &[Stmt]) -> Result<(), String> {
        self.source_line(list.line);
        let n = self.label();
        let l = self.owned(list)?;
        let read = reader(&elem_of(&list.ty))?;
        let elem = match elem_of(&list.ty) {
            Ty::Unknown => Ty::Float,
            e => e,
        };
        self.nested(&format!("'b{n}: {{"), |g| {
            // The loop holds its own reference, like CPython's list iterator,
            // and re-reads the length every round.
            g.line(&format!("let list{n}: Ref = {l};"));
            g.line(&format!("let mut k{n}: i64 = 0;"));
            g.nested(&format!("'l{n}: loop {{"), |g| {
                g.line(&format!("if k{n} >= list_len(&list{n}) {{ break 'l{n}; }}"));
                g.line(&format!("let item = list_get(&list{n}, k{n}, true, {read})?;"));
                g.line(&format!("k{n} += 1;"));
                g.assign(var, "item".into(), &elem)?;
                g.loop_body(n, body, None)
            })?;
            g.line(&format!("drop(list{n});"));
            g.block(orelse)
        })
    }

    /// `for key, value in d.items()` in insertion order; a change of size
    /// bails out where CPython raises RuntimeError (tier 1's `for_dict`).
    fn for_dict(&mut self, key: usize, value: usize, dict: &Expr, body: &[Stmt], orelse: &[Stmt]) -> Result<(), String> {
        self.source_line(dict.line);
        let Ty::Dict(kt, vt) = &dict.ty else { unreachable!("a dict") };
        let parts = key_parts(kt).map_or(1, |p| p.len());
        let n = self.label();
        let d = self.owned(dict)?;
        self.nested(&format!("'b{n}: {{"), |g| {
            g.line(&format!("let dict{n} = {d};"));
            g.line(&format!("let size{n} = dict_len(dict{n});"));
            g.line(&format!("let mut k{n}: i64 = 0;"));
            g.nested(&format!("'l{n}: loop {{"), |g| {
                g.line(&format!("if dict_len(dict{n}) != size{n} {{ return Err(Bail::DictResized); }}"));
                g.line(&format!("if k{n} >= size{n} {{ break 'l{n}; }}"));
                g.line(&format!("let e = dict_entry(dict{n}, k{n});"));
                g.line(&format!("let entry_key = {};", read_tagged(kt, 1)));
                g.line(&format!("let entry_value = {};", read_tagged(vt, 1 + 2 * parts)));
                g.line(&format!("k{n} += 1;"));
                g.assign(key, "entry_key".into(), kt)?;
                g.assign(value, "entry_value".into(), vt)?;
                g.loop_body(n, body, None)
            })?;
            g.block(orelse)
        })
    }

    fn is_fresh(&self, list: &Expr) -> bool {
        match &list.kind {
            K::Var(v) => self.f.vars[*v].fresh,
            K::ListNew(_) | K::ListRepeat { .. } | K::ListCopy(_) => true,
            _ => false,
        }
    }

    /// A list index and whether it is known non-negative. `a + b` of two
    /// non-negative ints may wrap: a wrapped sum fails the unsigned bounds
    /// check, where CPython raises IndexError too.
    fn index(&mut self, index: &Expr) -> Result<(String, bool), String> {
        let nn = index.non_negative(&self.non_negative);
        if let K::Arith(Arith::Add, a, b) = &index.kind {
            if index.ty == Ty::Int && a.non_negative(&self.non_negative) && b.non_negative(&self.non_negative) {
                let (x, y) = (self.owned(a)?, self.owned(b)?);
                return Ok((format!("({x}).wrapping_add({y})"), true));
            }
        }
        Ok((self.owned(index)?, nn))
    }

    /// The `[(index, non_negative), ...]` argument of `View::at`.
    fn array_at(&mut self, indices: &[Expr]) -> Result<String, String> {
        let parts = indices
            .iter()
            .map(|i| {
                let (code, nn) = self.index(i)?;
                Ok(format!("({code}, {nn})"))
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(format!("[{}]", parts.join(", ")))
    }

    // ------------------------------------------------------------ expressions

    /// Code for an owned value of `e` (a copy or new reference of a place).
    fn owned(&mut self, e: &Expr) -> Result<String, String> {
        Ok(match self.expr(e)? {
            Val::Temp(code) => code,
            Val::Place(p) if e.ty.holds_refs() => format!("{p}.clone()"),
            Val::Place(p) => p,
        })
    }

    /// Code for a `&` borrow of `e`'s value.
    fn borrowed(&mut self, e: &Expr) -> Result<String, String> {
        Ok(match self.expr(e)? {
            Val::Place(p) => format!("&{p}"),
            Val::Temp(code) => format!("&{code}"),
        })
    }

    fn expr(&mut self, e: &Expr) -> Result<Val, String> {
        let t = |s: String| Ok(Val::Temp(s));
        match &e.kind {
            K::Pending => Err("an untyped expression".into()),
            K::Int(i) if *i == i64::MIN => t("i64::MIN".into()),
            K::Int(i) => t(format!("({i}i64)")),
            K::Float(f) => t(float_literal(*f)),
            K::StrConst { text, .. } => t(format!("{{ static S: StrConst = StrConst::new(); S.get({text:?})? }}")),
            K::Bool(b) => t(format!("{b}")),
            K::None => t("()".into()),
            K::Var(v) => {
                let name = self.var(*v);
                if !self.f.vars[*v].maybe_unbound {
                    Ok(Val::Place(name))
                } else if e.ty.holds_refs() {
                    Ok(Val::Place(format!("(*{name}.as_ref().ok_or(Bail::Unbound)?)")))
                } else {
                    t(format!("{name}.ok_or(Bail::Unbound)?"))
                }
            }
            K::Cast(a) => {
                let code = self.owned(a)?;
                t(convert(code, &a.ty, &e.ty)?)
            }
            K::Arith(op, a, b) => {
                let (x, y) = (self.owned(a)?, self.owned(b)?);
                t(arith(*op, x, y, &a.ty, &e.ty)?)
            }
            K::Compare(op, a, b) => {
                let (x, y) = (self.owned(a)?, self.owned(b)?);
                let (sym, name) = cmp_op(*op);
                match &a.ty {
                    Ty::Int | Ty::Bool | Ty::Float => t(format!("({x} {sym} {y})")),
                    Ty::Num => t(format!("num_cmp({name}, {x}, {y})")),
                    other => Err(format!("comparison of {other}")),
                }
            }
            K::Unary(op, a) => {
                let x = match self.expr(a)? {
                    Val::Place(p) if *op == Unary::Truth && a.ty.holds_refs() => format!("&{p}"),
                    Val::Temp(c) if *op == Unary::Truth && a.ty.holds_refs() => format!("&{c}"),
                    Val::Place(p) | Val::Temp(p) => p,
                };
                t(unary(*op, x, &a.ty)?)
            }
            K::Logic { and, left, right } => {
                let l = self.owned(left)?;
                let r = self.owned(right)?;
                let truth = truth("&l", &e.ty)?;
                // `a and b` is b when a is true; `a or b` is b when a is false.
                let (yes, no) = if *and { (r, "l".to_string()) } else { ("l".to_string(), r) };
                t(format!("{{ let l = {l}; if {truth} {{ {yes} }} else {{ {no} }} }}"))
            }
            K::IfExp(c, a, b) => {
                let c = self.owned(c)?;
                let (x, y) = (self.owned(a)?, self.owned(b)?);
                t(format!("(if {c} {{ {x} }} else {{ {y} }})"))
            }
            K::Block(stmts, value) => {
                // A block expression, so its statements run exactly where
                // Python evaluates it (after earlier operands, or not at all
                // when short-circuited).
                let outer = std::mem::take(&mut self.out);
                self.indent += 1;
                let inner = self.block(stmts).and_then(|()| self.owned(value));
                self.indent -= 1;
                let stmts = std::mem::replace(&mut self.out, outer);
                let v = inner?;
                t(format!("{{\n{stmts}{pad}    {v}\n{pad}}}", pad = "    ".repeat(self.indent)))
            }
            K::Frame(inner) => {
                let v = self.owned(inner)?;
                t(format!("{{ let _frame = enter_frame(ctx)?; {v} }}"))
            }
            K::Call(spec, args) => {
                let args = args.iter().map(|a| self.owned(a)).collect::<Result<Vec<_>, _>>()?;
                let sep = if args.is_empty() { "" } else { ", " };
                t(format!("{}(ctx{sep}{})?", spec_name(self.prog, *spec), args.join(", ")))
            }
            K::Libm(f, args) => {
                let args = args.iter().map(|a| self.owned(a)).collect::<Result<Vec<_>, _>>()?;
                t(libm(*f, &args))
            }
            K::CopySign(a, b) => {
                let (x, y) = (self.owned(a)?, self.owned(b)?);
                t(format!("f64::copysign({x}, {y})"))
            }
            K::PyCall(idx, args) => {
                let boxed = args
                    .iter()
                    .map(|a| {
                        let code = self.owned(a)?;
                        box_value(&code, &a.ty)
                    })
                    .collect::<Result<Vec<_>, String>>()?;
                let read = reader(&e.ty)?;
                t(format!(
                    "py_call(CALLABLES[{idx}].load(std::sync::atomic::Ordering::Relaxed), [{}], {read})?",
                    boxed.join(", ")
                ))
            }
            K::MinMax { max, args } => {
                let vals = args.iter().map(|a| self.owned(a)).collect::<Result<Vec<_>, _>>()?;
                // Every argument is evaluated first; the first extreme wins.
                let op = if *max { Cmp::Gt } else { Cmp::Lt };
                let (sym, name) = cmp_op(op);
                let mut code = String::from("{ ");
                for (k, v) in vals.iter().enumerate() {
                    let _ = write!(code, "let m{k} = {v}; ");
                }
                code.push_str("let mut best = m0; ");
                for k in 1..vals.len() {
                    let better = match &e.ty {
                        Ty::Num => format!("num_cmp({name}, m{k}, best)"),
                        _ => format!("m{k} {sym} best"),
                    };
                    let _ = write!(code, "if {better} {{ best = m{k}; }} ");
                }
                code.push_str("best }");
                t(code)
            }
            K::Sum { list, start } => {
                let l = self.borrowed(list)?;
                let s = self.owned(start)?;
                let elem = elem_of(&list.ty);
                let code = match &e.ty {
                    Ty::Int => {
                        let read = if elem == Ty::Bool { "bool_as_int" } else { "as_int" };
                        format!("sum_int({l}, {s}, {read})?")
                    }
                    ty => {
                        let read = match elem {
                            Ty::Int => "int_as_float",
                            Ty::Bool => "bool_as_float",
                            Ty::Num => "num_as_float",
                            _ => "as_float",
                        };
                        if *ty == Ty::Num {
                            format!("sum_num({l}, {}, {read})?", convert(s, &start.ty, &Ty::Int)?)
                        } else {
                            format!("sum_float({l}, {}, {read})?", convert(s, &start.ty, &Ty::Float)?)
                        }
                    }
                };
                t(code)
            }
            K::ListNew(items) => {
                let elem = elem_of(&e.ty);
                let boxed = items
                    .iter()
                    .map(|i| {
                        let code = self.owned(i)?;
                        box_value(&code, &elem)
                    })
                    .collect::<Result<Vec<_>, String>>()?;
                t(format!("list_of([{}])?", boxed.join(", ")))
            }
            K::ListRepeat { item, count } => {
                let code = self.owned(item)?;
                let boxed = box_value(&code, &item.ty)?;
                let n = self.owned(count)?;
                t(format!("list_repeat({boxed}, {n})?"))
            }
            K::ListCopy(list) => {
                let l = self.borrowed(list)?;
                t(format!("list_copy({l})?"))
            }
            K::ListGet(list, index) => {
                let read = reader(&e.ty)?;
                if let K::Var(v) = list.kind {
                    if self.hoisted.contains(&v) {
                        let (i, nn) = self.index(index)?;
                        return t(format!("items_get(items_{}, {i}, {nn}, {read})?", self.var(v)));
                    }
                }
                let l = self.borrowed(list)?;
                let (i, nn) = self.index(index)?;
                t(format!("list_get({l}, {i}, {nn}, {read})?"))
            }
            K::ListLen(list) => {
                let l = self.borrowed(list)?;
                t(format!("list_len({l})"))
            }
            K::TupleNew(items) => {
                let parts = items.iter().map(|i| self.owned(i)).collect::<Result<Vec<_>, _>>()?;
                t(tuple_code(parts))
            }
            K::DictNew => t("dict_new(ctx)".into()),
            K::DictLen(d) => {
                let d = self.owned(d)?;
                t(format!("dict_len({d})"))
            }
            K::DictContains(d, key) => {
                let d = self.owned(d)?;
                let k = self.owned(key)?;
                t(format!("{{ let d = {d}; let key = {k}; dict_find(d, &{})? >= 0 }}", key_words(&key.ty)))
            }
            K::DictGet { dict, key, default } => {
                let Ty::Dict(_, vt) = &dict.ty else { unreachable!("a dict") };
                let parts = key_parts(&key.ty).map_or(1, |p| p.len());
                let d = self.owned(dict)?;
                let k = self.owned(key)?;
                let value = convert(read_tagged(vt, 1 + 2 * parts), vt, &e.ty)?;
                let words = key_words(&key.ty);
                t(match default {
                    None => format!(
                        "{{ let d = {d}; let key = {k}; let i = dict_find(d, &{words})?; if i < 0 {{ return Err(Bail::KeyError); }} let e = dict_entry(d, i); {value} }}"
                    ),
                    Some(x) => {
                        // CPython evaluates the default before the lookup.
                        let dflt = self.owned(x)?;
                        format!(
                            "{{ let d = {d}; let key = {k}; let kw = {words}; let dflt = {dflt}; let i = dict_find(d, &kw)?; if i >= 0 {{ let e = dict_entry(d, i); {value} }} else {{ dflt }} }}"
                        )
                    }
                })
            }
            K::DictExtreme { max, dict } => {
                let d = self.owned(dict)?;
                t(format!("{{ let d = {d}; let e = dict_entry(d, dict_extreme(d, {max})?); {} }}", read_tagged(&e.ty, 1)))
            }
            K::StrEncode(s) => {
                let s = self.borrowed(s)?;
                t(format!("str_encode({s})?"))
            }
            K::BytesList(b) => {
                let b = self.borrowed(b)?;
                t(format!("bytes_list({b})?"))
            }
            K::BytesGet(b, index) => {
                let b = self.borrowed(b)?;
                let (i, nn) = self.index(index)?;
                t(format!("bytes_get({b}, {i}, {nn})?"))
            }
            K::ListPop(list, index) => {
                // A method call: the receiver, then the argument.
                let read = reader(&e.ty)?;
                let journal = !self.is_fresh(list);
                let l = self.borrowed(list)?;
                let i = self.owned(index)?;
                t(format!("list_pop(ctx, {l}, {i}, {journal}, {read})?"))
            }
            K::SeqSlice { seq, lower, upper } => {
                let s = self.borrowed(seq)?;
                let lo = match lower {
                    Some(x) => self.owned(x)?,
                    None => "0i64".into(),
                };
                let hi = match upper {
                    Some(x) => self.owned(x)?,
                    None => "i64::MAX".into(),
                };
                t(format!("seq_slice({s}, {lo}, {hi})?"))
            }
            K::StrGet(s, index) => {
                let s = self.borrowed(s)?;
                let i = self.owned(index)?;
                t(format!("str_get({s}, {i})?"))
            }
            K::StrEq(a, b) => {
                let (x, y) = (self.borrowed(a)?, self.borrowed(b)?);
                t(format!("str_eq({x}, {y})"))
            }
            K::StrContains { haystack, needle } => {
                // `needle in haystack`: the needle is evaluated first.
                let n = self.owned(needle)?;
                let h = self.owned(haystack)?;
                t(format!("{{ let needle = {n}; let haystack = {h}; str_contains(&haystack, &needle)? }}"))
            }
            K::ArrayGet(array, indices) => {
                let a = self.owned(array)?;
                let Ty::Array(d, ndim, _) = array.ty else { unreachable!("an array") };
                if indices.len() < ndim as usize {
                    let (i, nn) = self.index(&indices[0])?;
                    return t(format!("({a}).row({i}, {nn})?"));
                }
                let at = self.array_at(indices)?;
                t(format!("load::<{}>(({a}).at({at})?)", element_ty(d)))
            }
            K::ArrayDim(array, k) => {
                let a = self.owned(array)?;
                t(format!("({a}).shape[{k}]"))
            }
            K::NpArith(op, a, b) => {
                let d = e.ty.np_dtype().expect("a numpy result");
                let (x, y) = (self.owned(a)?, self.owned(b)?);
                let (x, y) = (np_pair(&x, &a.ty), np_pair(&y, &b.ty));
                let name = op_name(*op);
                let r = if d.is_float() {
                    format!("np_float({name}, {}, {x}, {y})?", d == Dtype::F32)
                } else {
                    format!("np_int({name}, {}, {x}, {y})?", d == Dtype::I32)
                };
                t(if let Ty::Np(_) = e.ty { format!("({r}).1") } else { r })
            }
            K::NpCompare(op, a, b) => {
                let d = a.ty.np_dtype().expect("a numpy family");
                let (x, y) = (self.owned(a)?, self.owned(b)?);
                let (x, y) = (np_pair(&x, &a.ty), np_pair(&y, &b.ty));
                let (_, name) = cmp_op(*op);
                let r = if d.is_float() {
                    format!("np_cmp_float({name}, {}, {x}, {y})?", d == Dtype::F32)
                } else {
                    format!("np_cmp_int({name}, {x}, {y})")
                };
                t(if let Ty::Np(_) = e.ty { format!("({r}).1") } else { r })
            }
            K::TupleGet(tuple, k) => match self.expr(tuple)? {
                Val::Place(p) => Ok(Val::Place(format!("{p}.{k}"))),
                Val::Temp(code) => t(format!("({code}).{k}")),
            },
        }
    }
}

fn sanitize(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect()
}

/// A float literal that round-trips exactly (and names inf/nan).
fn float_literal(f: f64) -> String {
    if f.is_nan() {
        "f64::NAN".into()
    } else if f.is_infinite() {
        if f > 0.0 { "f64::INFINITY".into() } else { "f64::NEG_INFINITY".into() }
    } else {
        format!("f64::from_bits({:#x}) /* {f:?} */", f.to_bits())
    }
}

fn arith(op: Arith, x: String, y: String, operand: &Ty, result: &Ty) -> Result<String, String> {
    let name = op_name(op);
    Ok(match operand {
        Ty::Bool => {
            let sym = match op {
                Arith::BitAnd => "&",
                Arith::BitOr => "|",
                _ => "^",
            };
            format!("({x} {sym} {y})")
        }
        Ty::Int if *result == Ty::Float => format!("int_truediv({x}, {y})?"),
        Ty::Int => format!("int_op({name}, {x}, {y})?"),
        Ty::Float => match op {
            Arith::Add => format!("({x} + {y})"),
            Arith::Sub => format!("({x} - {y})"),
            Arith::Mul => format!("({x} * {y})"),
            _ => format!("float_op({name}, {x}, {y})?"),
        },
        Ty::Num if *result == Ty::Float => format!("num_op({name}, {x}, {y})?.to_f64()"),
        Ty::Num => format!("num_op({name}, {x}, {y})?"),
        other => return Err(format!("arithmetic on {other}")),
    })
}

/// Truth value of a value of `ty` given as code (a `&` borrow for lists).
fn truth(x: &str, ty: &Ty) -> Result<String, String> {
    Ok(match ty {
        Ty::Bool => format!("*{x}"),
        Ty::Int => format!("(*{x} != 0)"),
        Ty::Float => format!("(*{x} != 0.0)"),
        Ty::Num => format!("({x}).truth()"),
        Ty::List(_) | Ty::Str | Ty::Bytes => format!("(list_len({x}) != 0)"),
        Ty::Dict(..) => format!("(dict_len(*{x}) != 0)"),
        Ty::Np(d) | Ty::MaybeNp(d) => {
            let v = if let Ty::MaybeNp(_) = ty { format!("({x}).1") } else { format!("*{x}") };
            match payload_ty(*d) {
                "f64" => format!("({v} != 0.0)"),
                "i64" => format!("({v} != 0)"),
                _ => v,
            }
        }
        Ty::Array(..) => return Err(format!("truth of {ty}")),
        Ty::Tuple(ts) => format!("{{ let _ = {x}; {} }}", !ts.is_empty()),
        Ty::None | Ty::Unknown | Ty::Never => format!("{{ let _ = {x}; false }}"),
    })
}

fn unary(op: Unary, x: String, ty: &Ty) -> Result<String, String> {
    let rounding = |op: Unary| match op {
        Unary::Round => "f64::round_ties_even",
        Unary::Floor => "f64::floor",
        Unary::Ceil => "f64::ceil",
        _ => "f64::trunc",
    };
    Ok(match (op, ty) {
        (Unary::Truth, _) => {
            let borrowed = if ty.holds_refs() { x } else { format!("&{x}") };
            truth(&borrowed, ty)?
        }
        (Unary::Not, _) => format!("(!{x})"),
        (Unary::Neg, Ty::Int) => format!("int_neg({x})?"),
        (Unary::Neg, Ty::Float) => format!("(-{x})"),
        (Unary::Abs, Ty::Int) => format!("int_abs({x})?"),
        (Unary::Abs | Unary::Fabs, Ty::Float) => format!("f64::abs({x})"),
        (Unary::Neg, Ty::Num) => format!("num_neg({x})?"),
        (Unary::Abs, Ty::Num) => format!("num_abs({x})?"),
        (Unary::Neg | Unary::Abs, Ty::Np(d) | Ty::MaybeNp(d)) => {
            let pair = np_pair(&x, ty);
            let r = if d.is_float() {
                let v = if op == Unary::Neg { "-t.1" } else { "f64::abs(t.1)" };
                format!("{{ let t = {pair}; (t.0, {v}) }}")
            } else {
                format!("np_int_unary({}, {}, {pair})?", op == Unary::Neg, *d == Dtype::I32)
            };
            if let Ty::Np(_) = ty { format!("({r}).1") } else { r }
        }
        (Unary::Invert, _) => format!("(!{x})"),
        (Unary::IntOf | Unary::Round | Unary::Floor | Unary::Ceil | Unary::Trunc, Ty::Num) => {
            format!("num_to_int({x}, {})?", rounding(op))
        }
        (Unary::IntOf | Unary::Round | Unary::Floor | Unary::Ceil | Unary::Trunc, Ty::Float) => {
            format!("float_to_int({}({x}))?", rounding(op))
        }
        (Unary::IsNan, _) => format!("f64::is_nan({x})"),
        (Unary::IsInf, _) => format!("(f64::abs({x}) == f64::INFINITY)"),
        (Unary::IsFinite, _) => format!("(f64::abs({x}) < f64::INFINITY)"),
        _ => return Err(format!("{op:?} on {ty}")),
    })
}

fn libm(f: Libm, args: &[String]) -> String {
    match f {
        Libm::Atan2 => format!("semantics::atan2({}, {})", args[0], args[1]),
        Libm::Pow => format!("semantics::math_pow({}, {})?", args[0], args[1]),
        Libm::Fmod => format!("semantics::fmod({}, {})?", args[0], args[1]),
        Libm::Sqrt => format!("{{ let x: f64 = {}; math1(x, x.sqrt())? }}", args[0]),
        _ => format!("{{ let x: f64 = {}; math1(x, libm::{}(x))? }}", args[0], f.symbol()),
    }
}

/// Version of the link interface a generated crate exports; the runtime
/// refuses an artifact that reports another.
pub const LINK_ABI: u32 = 4;

/// Appends program `k` (a [`program_module`] body) to a crate's `lib.rs`
/// as `mod p{k}`, with `title` as its doc comment.
pub fn write_program_module(out: &mut String, k: usize, title: &str, body: &str) {
    let _ = writeln!(out, "/// {title}");
    let _ = writeln!(out, "mod p{k} {{");
    for l in body.lines() {
        if l.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "    {l}");
        }
    }
    let _ = writeln!(out, "}}\n");
}

/// `src/lib.rs` of a generated crate holding `programs` (a title for the
/// doc comment, and the module body from [`program_module`]). It exports
/// `rustify_abi` and `rustify_link` for the runtime and is a PyO3 module
/// named `crate_name`, so it also imports as one.
pub fn crate_lib(crate_name: &str, programs: &[(String, String)]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "//! rustify-ml tier-2 extension `{crate_name}`, generated from the typed IR; do not edit.");
    let _ = writeln!(out, "//! One module per compiled program, one Rust function per Python function.");
    let _ = writeln!(
        out,
        "#![allow(warnings, clippy::all)]\n"
    );
    let _ = writeln!(out, "mod abi;\n#[allow(dead_code)]\nmod dict;\nmod rt;\nmod semantics;\n");
    for (k, (title, body)) in programs.iter().enumerate() {
        write_program_module(&mut out, k, title, body);
    }
    let _ = writeln!(out, "#[no_mangle]\npub extern \"C\" fn rustify_abi() -> u32 {{\n    {LINK_ABI}\n}}\n");
    let _ = writeln!(out, "/// Installs the host functions, binds program `index` to this process's");
    let _ = writeln!(out, "/// callables and returns its entry (0 when anything does not match).");
    let _ = writeln!(out, "#[no_mangle]");
    let _ = writeln!(
        out,
        "pub unsafe extern \"C\" fn rustify_link(host: *const usize, nhost: usize, index: usize, callables: *const usize, ncallables: usize) -> usize {{"
    );
    let _ = writeln!(out, "    let slice = |p: *const usize, n: usize| if n == 0 {{ &[][..] }} else {{ std::slice::from_raw_parts(p, n) }};");
    let _ = writeln!(out, "    if !rt::set_host(slice(host, nhost)) {{\n        return 0;\n    }}");
    let _ = writeln!(out, "    let callables = slice(callables, ncallables);");
    let _ = writeln!(out, "    match index {{");
    for k in 0..programs.len() {
        let _ = writeln!(out, "        {k} if p{k}::link(callables) => p{k}::entry as usize,");
    }
    let _ = writeln!(out, "        _ => 0,\n    }}\n}}\n");
    let _ = writeln!(out, "#[pyo3::pymodule]\nfn {crate_name}(_m: &pyo3::Bound<'_, pyo3::types::PyModule>) -> pyo3::PyResult<()> {{\n    Ok(())\n}}");
    out
}
