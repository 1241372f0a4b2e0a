//! The typed IR: one structured tree per specialised function, every
//! expression carrying its static type, every Python operation resolved to
//! the exact primitive it needs. Both backends consume this and nothing else.
//!
//! Error paths are not represented as exceptions: an operation whose CPython
//! counterpart would raise (or produce a value native code cannot represent,
//! like a bigint or a complex) *bails out*, and the boundary re-runs the call
//! in CPython, which then raises or computes the exact result itself.

use std::fmt::{self, Write};

use crate::types::Ty;

pub type VarId = usize;
pub type SpecId = usize;

#[derive(Debug, Clone)]
pub struct Var {
    pub name: String,
    pub ty: Ty,
    /// Some read may run before any assignment: reads check a bound flag.
    pub maybe_unbound: bool,
    /// Every value ever stored here is a list created by this function, so
    /// writes to it need no undo journal (nobody else can see it yet).
    pub fresh: bool,
}

#[derive(Debug, Clone)]
pub struct Function {
    pub name: String,
    pub line: u32,
    pub params: Vec<VarId>,
    /// The types the function is specialised on (its calling convention);
    /// a parameter's variable may be wider (a later `x = 0.5` makes it Num).
    pub param_tys: Vec<Ty>,
    pub vars: Vec<Var>,
    pub body: Vec<Stmt>,
    pub ret: Ty,
    /// Calls another specialisation (directly or not): needs a depth check.
    pub calls: bool,
}

#[derive(Debug, Clone)]
pub struct Program {
    /// `specs[0]` is the entry point.
    pub specs: Vec<Function>,
    /// Python callables (by the resolver's handle) the code calls back into
    /// for float functions without an exact native twin, e.g. `math.hypot`.
    pub py_callables: Vec<PyCallable>,
}

#[derive(Debug, Clone)]
pub struct PyCallable {
    /// `module.name` as shown to humans.
    pub name: String,
    pub handle: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arith {
    Add,
    Sub,
    Mul,
    /// True division `/`.
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitAnd,
    BitOr,
    BitXor,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// Math functions computed by calling the C library function CPython's
/// `math` module uses, followed by CPython's own result checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Libm {
    Sqrt,
    Exp,
    Expm1,
    Log,
    Log2,
    Log10,
    Log1p,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Asinh,
    Acosh,
    Atanh,
    Cbrt,
    Exp2,
    /// Two arguments.
    Atan2,
    /// `math.pow`, not `**`.
    Pow,
    Fmod,
}

impl Libm {
    pub fn arity(self) -> usize {
        match self {
            Libm::Atan2 | Libm::Pow | Libm::Fmod => 2,
            _ => 1,
        }
    }
    /// The C symbol called (CPython's `math` module calls the same one);
    /// two-argument functions call ports of CPython's wrappers instead.
    pub fn symbol(self) -> &'static str {
        use Libm::*;
        match self {
            Sqrt => "sqrt",
            Exp => "exp",
            Expm1 => "expm1",
            Log => "log",
            Log2 => "log2",
            Log10 => "log10",
            Log1p => "log1p",
            Sin => "sin",
            Cos => "cos",
            Tan => "tan",
            Asin => "asin",
            Acos => "acos",
            Atan => "atan",
            Sinh => "sinh",
            Cosh => "cosh",
            Tanh => "tanh",
            Asinh => "asinh",
            Acosh => "acosh",
            Atanh => "atanh",
            Cbrt => "cbrt",
            Exp2 => "exp2",
            Atan2 => "rf_atan2",
            Pow => "rf_math_pow",
            Fmod => "rf_fmod",
        }
    }
}

/// Operations on one scalar, all exact to CPython or bailing out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unary {
    Neg,
    Invert,
    Not,
    /// Truth value (`bool(x)`, `if x:`), any type.
    Truth,
    Abs,
    /// `int(x)` of a float or Num: truncation, bails out on nan/inf/bigint.
    IntOf,
    /// `round(x)` of a float: half to even, to int.
    Round,
    /// `math.floor` / `math.ceil` / `math.trunc` of a float, to int.
    Floor,
    Ceil,
    Trunc,
    Fabs,
    IsNan,
    IsInf,
    IsFinite,
}

#[derive(Debug, Clone)]
pub struct Expr {
    pub kind: ExprKind,
    pub ty: Ty,
    pub line: u32,
}

#[derive(Debug, Clone)]
pub enum ExprKind {
    /// Inference only: a value whose parts are not typed yet (a recursive
    /// call's result). Never survives into a finished program.
    Pending,
    Int(i64),
    Float(f64),
    Bool(bool),
    None,
    Var(VarId),
    /// Numeric conversion to `self.ty`: bool->int, bool/int->float, any
    /// number -> Num, Num -> float.
    Cast(Box<Expr>),
    /// Operands share a type (Int, Float) or one of them is Num.
    Arith(Arith, Box<Expr>, Box<Expr>),
    /// Operands are numbers (Int/Float/Num), compared exactly as CPython does
    /// (int vs float is not a float compare).
    Compare(Cmp, Box<Expr>, Box<Expr>),
    Unary(Unary, Box<Expr>),
    /// Short-circuit `and` (true) / `or` (false) with Python's value
    /// semantics; both operands have `self.ty`.
    Logic { and: bool, left: Box<Expr>, right: Box<Expr> },
    IfExp(Box<Expr>, Box<Expr>, Box<Expr>),
    /// Run statements, then evaluate the expression (comprehensions, chained
    /// comparisons).
    Block(Vec<Stmt>, Box<Expr>),
    /// Evaluated in a CPython frame of its own (a comprehension on 3.11):
    /// one level of recursion depth while it runs, so code inside it meets
    /// the recursion limit exactly where CPython does.
    Frame(Box<Expr>),
    Call(SpecId, Vec<Expr>),
    Libm(Libm, Vec<Expr>),
    /// `math.copysign(a, b)`.
    CopySign(Box<Expr>, Box<Expr>),
    /// A CPython function called through the interpreter, giving `self.ty`
    /// (float or int; anything else bails out).
    PyCall(usize, Vec<Expr>),
    /// `min`/`max` over two or more numbers, first extreme wins, like CPython.
    MinMax { max: bool, args: Vec<Expr> },
    /// `sum(list, start)`, CPython 3.11's algorithm.
    Sum { list: Box<Expr>, start: Box<Expr> },
    ListNew(Vec<Expr>),
    /// `[item] * count`: the same object `count` times.
    ListRepeat { item: Box<Expr>, count: Box<Expr> },
    ListCopy(Box<Expr>),
    ListGet(Box<Expr>, Box<Expr>),
    ListLen(Box<Expr>),
    TupleNew(Vec<Expr>),
    TupleGet(Box<Expr>, usize),
    /// A new empty native dict (`dict.rs`).
    DictNew,
    /// `d[key]` (no default: an absent key bails out and CPython raises the
    /// KeyError) or `d.get(key, default)`.
    DictGet { dict: Box<Expr>, key: Box<Expr>, default: Option<Box<Expr>> },
    DictContains(Box<Expr>, Box<Expr>),
    DictLen(Box<Expr>),
    /// `max(d, key=d.get)` / `min(...)`: the key of the first extreme value;
    /// an empty dict bails out.
    DictExtreme { max: bool, dict: Box<Expr> },
    /// `s.encode("utf-8")`, a new bytes object.
    StrEncode(Box<Expr>),
    /// `list(b)` of a bytes object.
    BytesList(Box<Expr>),
    /// `b[i]` of a bytes object.
    BytesGet(Box<Expr>, Box<Expr>),
    /// `xs.pop(i)`: the item, out of the list.
    ListPop(Box<Expr>, Box<Expr>),
    /// `seq[lower:upper]` of a list, str or bytes: a new object of the same
    /// type (CPython's slice semantics; a missing bound is open).
    SeqSlice { seq: Box<Expr>, lower: Option<Box<Expr>>, upper: Option<Box<Expr>> },
    /// `s[i]` of a str: a new one-character str.
    StrGet(Box<Expr>, Box<Expr>),
    /// `a == b` of two str.
    StrEq(Box<Expr>, Box<Expr>),
    /// A str constant: the host's object for it (`Resolver::str_constant`,
    /// alive as long as the code; tier 2 makes its own from `text`).
    StrConst { text: String, handle: u64 },
    /// `needle in haystack` of two str.
    StrContains { haystack: Box<Expr>, needle: Box<Expr> },
    /// `a[i]` / `a[i, j]` of a numpy array: an element (a numpy scalar), or
    /// with fewer indices than dimensions a row (a view of the same memory).
    ArrayGet(Box<Expr>, Vec<Expr>),
    /// `a.shape[k]` (also `len(a)` for k = 0), a Python int.
    ArrayDim(Box<Expr>, usize),
    /// Arithmetic with numpy's semantics when the result is a numpy scalar
    /// (its tag says so for `MaybeNp`), CPython's otherwise. Both operands
    /// have the result's dtype family already (`Cast`); whatever numpy would
    /// warn about (overflow, division by zero, invalid) bails out.
    NpArith(Arith, Box<Expr>, Box<Expr>),
    /// A comparison of numbers where one is a numpy scalar: a `numpy.bool_`
    /// (or maybe one). Operands are cast to one dtype family like `NpArith`.
    NpCompare(Cmp, Box<Expr>, Box<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BailReason {
    Raise,
    AssertFailed,
    /// A value whose CPython outcome depends on object identity (a NaN
    /// compared inside a tuple).
    Unrepresentable,
}

#[derive(Debug, Clone)]
pub enum Stmt {
    Assign(VarId, Expr),
    ListSet { list: Expr, index: Expr, value: Expr },
    /// `list.append(value)`: `list` is evaluated first (a method call);
    /// `ListSet` evaluates `value`, then `list`, then `index` (assignment).
    ListAppend { list: Expr, value: Expr },
    /// `d[key] = value`: `value` is evaluated first, then `dict`, then `key`.
    DictSet { dict: Expr, key: Expr, value: Expr },
    /// `list.insert(index, value)` (receiver, index, value in that order).
    ListInsert { list: Expr, index: Expr, value: Expr },
    /// `list.extend(other)` of another list.
    ListExtend { list: Expr, other: Expr },
    /// `a[i] = value` / `a[i, j] = value` on a numpy array: `value` (already
    /// the array's element type) first, then `array`, then the indices.
    ArraySet { array: Expr, indices: Vec<Expr>, value: Expr },
    Expr(Expr),
    If { cond: Expr, then: Vec<Stmt>, orelse: Vec<Stmt> },
    While { cond: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    /// `for var in range(start, stop, step)`: bounds evaluated once, var is
    /// assigned each round (the counter itself is hidden).
    ForRange { var: VarId, start: Expr, stop: Expr, step: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    /// `for var in list`: the length is re-read every round, like CPython's
    /// list iterator.
    ForList { var: VarId, list: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    /// `for` over a dict's entries in order, `key` and `value` assigned each
    /// round; a change of size bails out (CPython raises RuntimeError).
    ForDict { key: VarId, value: VarId, dict: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    Break,
    Continue,
    Return(Expr),
    Bail(BailReason, u32),
}

/// Every expression of `e`, depth first, and the statements inside its
/// block expressions (as [`visit`] walks them).
pub fn visit_expr<'a>(e: &'a Expr, on_stmt: &mut dyn FnMut(&'a Stmt), on_expr: &mut dyn FnMut(&'a Expr)) {
    on_expr(e);
    let mut sub = |x: &'a Expr| visit_expr(x, on_stmt, on_expr);
    match &e.kind {
        ExprKind::Cast(a)
        | ExprKind::Unary(_, a)
        | ExprKind::ListCopy(a)
        | ExprKind::ListLen(a)
        | ExprKind::TupleGet(a, _)
        | ExprKind::DictLen(a)
        | ExprKind::DictExtreme { dict: a, .. }
        | ExprKind::StrEncode(a)
        | ExprKind::BytesList(a)
        | ExprKind::ArrayDim(a, _)
        | ExprKind::Frame(a) => sub(a),
        ExprKind::ArrayGet(a, indices) => {
            sub(a);
            indices.iter().for_each(sub);
        }
        ExprKind::SeqSlice { seq, lower, upper } => {
            sub(seq);
            lower.iter().for_each(|x| sub(x));
            upper.iter().for_each(|x| sub(x));
        }
        ExprKind::StrContains { haystack: a, needle: b } => {
            sub(b);
            sub(a);
        }
        ExprKind::DictGet { dict, key, default } => {
            sub(dict);
            sub(key);
            if let Some(d) = default {
                sub(d);
            }
        }
        ExprKind::Arith(_, a, b)
        | ExprKind::Compare(_, a, b)
        | ExprKind::NpArith(_, a, b)
        | ExprKind::NpCompare(_, a, b)
        | ExprKind::StrGet(a, b)
        | ExprKind::StrEq(a, b)
        | ExprKind::CopySign(a, b)
        | ExprKind::ListGet(a, b)
        | ExprKind::DictContains(a, b)
        | ExprKind::BytesGet(a, b)
        | ExprKind::ListPop(a, b)
        | ExprKind::Logic { left: a, right: b, .. }
        | ExprKind::ListRepeat { item: a, count: b }
        | ExprKind::Sum { list: a, start: b } => {
            sub(a);
            sub(b);
        }
        ExprKind::IfExp(c, a, b) => {
            sub(c);
            sub(a);
            sub(b);
        }
        ExprKind::Call(_, args)
        | ExprKind::Libm(_, args)
        | ExprKind::PyCall(_, args)
        | ExprKind::MinMax { args, .. }
        | ExprKind::ListNew(args)
        | ExprKind::TupleNew(args) => args.iter().for_each(sub),
        ExprKind::Block(stmts, v) => {
            visit(stmts, on_stmt, on_expr);
            visit_expr(v, on_stmt, on_expr);
        }
        ExprKind::Pending
        | ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Bool(_)
        | ExprKind::None
        | ExprKind::StrConst { .. }
        | ExprKind::Var(_)
        | ExprKind::DictNew => {}
    }
}

/// Every statement and expression of a body, depth first, including the
/// statements inside block expressions (comprehensions, chained compares).
/// Analyses below are written against this one walk.
pub fn visit<'a>(stmts: &'a [Stmt], on_stmt: &mut dyn FnMut(&'a Stmt), on_expr: &mut dyn FnMut(&'a Expr)) {
    for s in stmts {
        on_stmt(s);
        match s {
            Stmt::Assign(_, e) | Stmt::Expr(e) | Stmt::Return(e) => visit_expr(e, on_stmt, on_expr),
            Stmt::ListSet { list, index, value } | Stmt::ListInsert { list, index, value } => {
                visit_expr(list, on_stmt, on_expr);
                visit_expr(index, on_stmt, on_expr);
                visit_expr(value, on_stmt, on_expr);
            }
            Stmt::ListAppend { list, value } | Stmt::ListExtend { list, other: value } => {
                visit_expr(list, on_stmt, on_expr);
                visit_expr(value, on_stmt, on_expr);
            }
            Stmt::DictSet { dict, key, value } => {
                visit_expr(value, on_stmt, on_expr);
                visit_expr(dict, on_stmt, on_expr);
                visit_expr(key, on_stmt, on_expr);
            }
            Stmt::ArraySet { array, indices, value } => {
                visit_expr(value, on_stmt, on_expr);
                visit_expr(array, on_stmt, on_expr);
                indices.iter().for_each(|i| visit_expr(i, on_stmt, on_expr));
            }
            Stmt::If { cond, then, orelse } | Stmt::While { cond, body: then, orelse } => {
                visit_expr(cond, on_stmt, on_expr);
                visit(then, on_stmt, on_expr);
                visit(orelse, on_stmt, on_expr);
            }
            Stmt::ForRange { start, stop, step, body, orelse, .. } => {
                visit_expr(start, on_stmt, on_expr);
                visit_expr(stop, on_stmt, on_expr);
                visit_expr(step, on_stmt, on_expr);
                visit(body, on_stmt, on_expr);
                visit(orelse, on_stmt, on_expr);
            }
            Stmt::ForList { list: seq, body, orelse, .. } | Stmt::ForDict { dict: seq, body, orelse, .. } => {
                visit_expr(seq, on_stmt, on_expr);
                visit(body, on_stmt, on_expr);
                visit(orelse, on_stmt, on_expr);
            }
            Stmt::Break | Stmt::Continue | Stmt::Bail(..) => {}
        }
    }
}

impl Function {
    /// Variables some statement assigns (loop variables included), so a
    /// parameter outside this set keeps its argument for the whole call.
    pub fn assigned_vars(&self) -> Vec<bool> {
        let mut out = vec![false; self.vars.len()];
        visit(
            &self.body,
            &mut |s| match s {
                Stmt::Assign(v, _) | Stmt::ForRange { var: v, .. } | Stmt::ForList { var: v, .. } => out[*v] = true,
                Stmt::ForDict { key, value, .. } => {
                    out[*key] = true;
                    out[*value] = true;
                }
                _ => {}
            },
            &mut |_| {},
        );
        out
    }

    /// Per variable: an int that can never be negative, because everything
    /// ever assigned to it is non-negative (see [`Expr::non_negative`]).
    /// Lets list accesses skip Python's negative-index wrap-around.
    pub fn non_negative_vars(&self) -> Vec<bool> {
        // (variable, value assigned or None when not an int expression,
        // whether the assignment can keep it non-negative at all)
        let mut all: Vec<(VarId, Option<&Expr>, bool)> = Vec::new();
        visit(
            &self.body,
            &mut |s| match s {
                Stmt::Assign(v, e) => all.push((*v, Some(e), true)),
                Stmt::ForRange { var, start, step, .. } => {
                    let counting_up = matches!(step.kind, ExprKind::Int(k) if k > 0);
                    all.push((*var, Some(start), counting_up));
                }
                Stmt::ForList { var, .. } => all.push((*var, None, false)),
                Stmt::ForDict { key, value, .. } => {
                    all.push((*key, None, false));
                    all.push((*value, None, false));
                }
                _ => {}
            },
            &mut |_| {},
        );
        // Optimistic start, then knock out variables until nothing changes.
        let mut nonneg: Vec<bool> = self.vars.iter().map(|v| v.ty == Ty::Int).collect();
        for &p in &self.params {
            nonneg[p] = false;
        }
        loop {
            let mut changed = false;
            for (v, value, ok) in &all {
                if nonneg[*v] && !(*ok && value.is_some_and(|e| e.non_negative(&nonneg))) {
                    nonneg[*v] = false;
                    changed = true;
                }
            }
            if !changed {
                return nonneg;
            }
        }
    }
}

/// A loop body that cannot change any list: no list writes (but item
/// stores into `number_lists`, see [`number_lists`]), no calls out, no
/// allocation of objects the garbage collector tracks (a collection may
/// run finalizers, which may run any code), no list variable reassigned.
/// Native code holds the GIL, so inside such a loop every list's length and
/// item array stay where they are.
pub fn reads_lists_only(stmts: &[Stmt], number_lists: &[bool]) -> bool {
    let ok = std::cell::Cell::new(true);
    visit(
        stmts,
        &mut |s| match s {
            Stmt::Assign(_, e) if e.ty.holds_refs() => ok.set(false),
            Stmt::ListSet { list, .. } if matches!(list.kind, ExprKind::Var(v) if number_lists[v]) => {}
            Stmt::ForList { .. }
            | Stmt::ListSet { .. }
            | Stmt::ListAppend { .. }
            | Stmt::ListInsert { .. }
            | Stmt::ListExtend { .. } => ok.set(false),
            _ => {}
        },
        &mut |e| match &e.kind {
            ExprKind::Call(..)
            | ExprKind::SeqSlice { .. }
            | ExprKind::StrGet(..)
            | ExprKind::PyCall(..)
            | ExprKind::ListNew(_)
            | ExprKind::ListRepeat { .. }
            | ExprKind::ListCopy(_)
            | ExprKind::ListPop(..)
            | ExprKind::StrEncode(_)
            | ExprKind::BytesList(_)
            | ExprKind::Pending => ok.set(false),
            ExprKind::TupleNew(_) if e.ty.holds_refs() => ok.set(false),
            _ => {}
        },
    );
    ok.get()
}

/// Per variable: a list this function built, holding only numbers it put
/// there (`[0.0] * n`, a display or comprehension of numbers, or another
/// such variable), assigned nothing else. Storing into one replaces a
/// number, whose release runs no Python code and moves no other list, so
/// [`reads_lists_only`] allows it.
pub fn number_lists(f: &Function) -> Vec<bool> {
    fn built(e: &Expr, ok: &[bool]) -> bool {
        match &e.kind {
            ExprKind::ListNew(_) | ExprKind::ListRepeat { .. } => true,
            ExprKind::Block(_, v) | ExprKind::Frame(v) => built(v, ok),
            ExprKind::Var(w) => ok[*w],
            _ => false,
        }
    }
    let numbers = |t: &Ty| matches!(t, Ty::List(e) if e.is_numeric() || e.np_dtype().is_some());
    let mut ok: Vec<bool> = f.vars.iter().map(|v| v.fresh && numbers(&v.ty)).collect();
    for &p in &f.params {
        ok[p] = false;
    }
    let mut assigns = Vec::new();
    visit(&f.body, &mut |s| if let Stmt::Assign(v, e) = s { assigns.push((*v, e)) }, &mut |_| {});
    loop {
        let mut changed = false;
        for &(v, e) in &assigns {
            if ok[v] && !built(e, &ok) {
                ok[v] = false;
                changed = true;
            }
        }
        if !changed {
            return ok;
        }
    }
}

/// Some specialisation writes into a numpy array: the boundary snapshots
/// writable array arguments so a bail-out can restore them.
pub fn writes_arrays(prog: &Program) -> bool {
    let mut found = false;
    for f in &prog.specs {
        visit(&f.body, &mut |s| found |= matches!(s, Stmt::ArraySet { .. }), &mut |_| {});
    }
    found
}

/// The program touches no Python object between entry and return: its
/// arguments are numbers and numpy arrays (memory the boundary holds a
/// buffer export of), and no expression reads, creates or calls a Python
/// object. Only such code may run with the GIL released; the entry boxes
/// the result after taking the GIL back.
pub fn runs_without_objects(prog: &Program) -> bool {
    let ok = std::cell::Cell::new(prog.specs[0].param_tys.iter().any(|t| matches!(t, Ty::Array(..))));
    // A dict argument is a copy written back into the Python dict at the
    // end: another thread's writes to it meanwhile would be overwritten.
    let object_param = |t: &Ty| t.holds_refs() || t.contains_dict();
    for f in &prog.specs {
        if f.param_tys.iter().any(object_param) {
            return false;
        }
        visit(
            &f.body,
            &mut |s| {
                if matches!(
                    s,
                    Stmt::ListSet { .. } | Stmt::ListAppend { .. } | Stmt::ListInsert { .. } | Stmt::ListExtend { .. } | Stmt::ForList { .. }
                ) {
                    ok.set(false)
                }
            },
            &mut |e| match &e.kind {
                ExprKind::ListNew(_)
                | ExprKind::ListRepeat { .. }
                | ExprKind::ListCopy(_)
                | ExprKind::ListGet(..)
                | ExprKind::ListLen(_)
                | ExprKind::ListPop(..)
                | ExprKind::Sum { .. }
                | ExprKind::PyCall(..)
                | ExprKind::StrEncode(_)
                | ExprKind::BytesList(_)
                | ExprKind::BytesGet(..)
                | ExprKind::SeqSlice { .. }
                | ExprKind::StrGet(..)
                | ExprKind::StrEq(..)
                | ExprKind::StrContains { .. }
                | ExprKind::Frame(_)
                | ExprKind::Pending => ok.set(false),
                _ if e.ty.holds_refs() => ok.set(false),
                _ => {}
            },
        );
    }
    ok.get()
}

impl Expr {
    /// An int expression whose value is never negative, given which
    /// variables are. (An overflow bails out, so sums cannot wrap.)
    pub fn non_negative(&self, vars: &[bool]) -> bool {
        let pos_const = |e: &Expr| matches!(e.kind, ExprKind::Int(k) if k > 0);
        match &self.kind {
            ExprKind::Int(i) => *i >= 0,
            ExprKind::Var(v) => self.ty == Ty::Int && vars[*v],
            ExprKind::ListLen(_) | ExprKind::ArrayDim(..) => true,
            ExprKind::Cast(inner) => inner.ty == Ty::Bool && self.ty == Ty::Int,
            ExprKind::Arith(Arith::Add | Arith::Mul, a, b) => self.ty == Ty::Int && a.non_negative(vars) && b.non_negative(vars),
            ExprKind::Arith(Arith::FloorDiv, a, b) => self.ty == Ty::Int && a.non_negative(vars) && pos_const(b),
            ExprKind::Arith(Arith::Mod, _, b) => self.ty == Ty::Int && pos_const(b),
            ExprKind::MinMax { max: true, args } => self.ty == Ty::Int && args.iter().any(|a| a.non_negative(vars)),
            ExprKind::MinMax { max: false, args } => self.ty == Ty::Int && args.iter().all(|a| a.non_negative(vars)),
            _ => false,
        }
    }
}

// ---------------------------------------------------------------- printing

impl Program {
    /// Human-readable listing, for `rustify_ml.explain(f, ir=True)`.
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        for (id, f) in self.specs.iter().enumerate() {
            let params: Vec<String> =
                f.params.iter().zip(&f.param_tys).map(|(&p, t)| format!("{}: {}", f.vars[p].name, t)).collect();
            let _ = writeln!(out, "spec #{id} {}({}) -> {}   # line {}", f.name, params.join(", "), f.ret, f.line);
            for (v, var) in f.vars.iter().enumerate() {
                if !f.params.contains(&v) || var.ty != f.param_tys[v] {
                    let mut flags = String::new();
                    if var.maybe_unbound {
                        flags.push_str(" maybe-unbound");
                    }
                    if var.fresh && var.ty.holds_refs() {
                        flags.push_str(" fresh");
                    }
                    let _ = writeln!(out, "  var {}: {}{}", var.name, var.ty, flags);
                }
            }
            let mut p = Printer { f, out: &mut out };
            p.block(&f.body, 1);
        }
        out
    }
}

struct Printer<'a> {
    f: &'a Function,
    out: &'a mut String,
}

impl Printer<'_> {
    fn block(&mut self, stmts: &[Stmt], depth: usize) {
        for s in stmts {
            self.stmt(s, depth);
        }
    }

    fn line(&mut self, depth: usize, text: fmt::Arguments) {
        let _ = writeln!(self.out, "{}{}", "  ".repeat(depth), text);
    }

    fn stmt(&mut self, s: &Stmt, d: usize) {
        match s {
            Stmt::Assign(v, e) => {
                let e = self.expr(e);
                self.line(d, format_args!("{} = {}", self.f.vars[*v].name, e))
            }
            Stmt::ListSet { list, index, value } => {
                let (l, i, v) = (self.expr(list), self.expr(index), self.expr(value));
                self.line(d, format_args!("{l}[{i}] = {v}"))
            }
            Stmt::ListAppend { list, value } => {
                let (l, v) = (self.expr(list), self.expr(value));
                self.line(d, format_args!("{l}.append({v})"))
            }
            Stmt::Expr(e) => {
                let e = self.expr(e);
                self.line(d, format_args!("{e}"))
            }
            Stmt::If { cond, then, orelse } => {
                let c = self.expr(cond);
                self.line(d, format_args!("if {c}:"));
                self.block(then, d + 1);
                if !orelse.is_empty() {
                    self.line(d, format_args!("else:"));
                    self.block(orelse, d + 1);
                }
            }
            Stmt::While { cond, body, orelse } => {
                let c = self.expr(cond);
                self.line(d, format_args!("while {c}:"));
                self.block(body, d + 1);
                self.else_block(orelse, d);
            }
            Stmt::ForRange { var, start, stop, step, body, orelse } => {
                let (a, b, c) = (self.expr(start), self.expr(stop), self.expr(step));
                self.line(d, format_args!("for {} in range({a}, {b}, {c}):", self.f.vars[*var].name));
                self.block(body, d + 1);
                self.else_block(orelse, d);
            }
            Stmt::ForList { var, list, body, orelse } => {
                let l = self.expr(list);
                self.line(d, format_args!("for {} in {l}:", self.f.vars[*var].name));
                self.block(body, d + 1);
                self.else_block(orelse, d);
            }
            Stmt::DictSet { dict, key, value } => {
                let (m, k, v) = (self.expr(dict), self.expr(key), self.expr(value));
                self.line(d, format_args!("{m}[{k}] = {v}"))
            }
            Stmt::ArraySet { array, indices, value } => {
                let (a, i, v) = (self.expr(array), self.exprs(indices), self.expr(value));
                self.line(d, format_args!("{a}[{i}] = {v}"))
            }
            Stmt::ListInsert { list, index, value } => {
                let (l, i, v) = (self.expr(list), self.expr(index), self.expr(value));
                self.line(d, format_args!("{l}.insert({i}, {v})"))
            }
            Stmt::ListExtend { list, other } => {
                let (l, o) = (self.expr(list), self.expr(other));
                self.line(d, format_args!("{l}.extend({o})"))
            }
            Stmt::ForDict { key, value, dict, body, orelse } => {
                let m = self.expr(dict);
                let (k, v) = (&self.f.vars[*key].name, &self.f.vars[*value].name);
                self.line(d, format_args!("for {k}, {v} in {m}.items():"));
                self.block(body, d + 1);
                self.else_block(orelse, d);
            }
            Stmt::Break => self.line(d, format_args!("break")),
            Stmt::Continue => self.line(d, format_args!("continue")),
            Stmt::Return(e) => {
                let e = self.expr(e);
                self.line(d, format_args!("return {e}"))
            }
            Stmt::Bail(r, line) => self.line(d, format_args!("bail {r:?}  # line {line}")),
        }
    }

    fn else_block(&mut self, orelse: &[Stmt], d: usize) {
        if !orelse.is_empty() {
            self.line(d, format_args!("else:"));
            self.block(orelse, d + 1);
        }
    }

    fn exprs(&mut self, es: &[Expr]) -> String {
        es.iter().map(|e| self.expr(e)).collect::<Vec<_>>().join(", ")
    }

    fn expr(&mut self, e: &Expr) -> String {
        let body = match &e.kind {
            ExprKind::Pending => return "<pending>".into(),
            ExprKind::Int(i) => return i.to_string(),
            ExprKind::Float(x) => return format!("{x:?}"),
            ExprKind::StrConst { text, .. } => return format!("{text:?}"),
            ExprKind::Bool(b) => return if *b { "True".into() } else { "False".into() },
            ExprKind::None => return "None".into(),
            ExprKind::Var(v) => return self.f.vars[*v].name.clone(),
            ExprKind::Cast(x) => format!("{}({})", e.ty, self.expr(x)),
            ExprKind::Arith(op, a, b) => format!("{op:?}({}, {})", self.expr(a), self.expr(b)),
            ExprKind::Compare(op, a, b) => format!("{op:?}({}, {})", self.expr(a), self.expr(b)),
            ExprKind::Unary(op, a) => format!("{op:?}({})", self.expr(a)),
            ExprKind::Logic { and, left, right } => {
                format!("{}({}, {})", if *and { "And" } else { "Or" }, self.expr(left), self.expr(right))
            }
            ExprKind::IfExp(c, a, b) => format!("({} if {} else {})", self.expr(a), self.expr(c), self.expr(b)),
            ExprKind::Block(stmts, value) => {
                let mut inner = String::new();
                let mut p = Printer { f: self.f, out: &mut inner };
                p.block(stmts, 0);
                let v = p.expr(value);
                format!("{{ {}; {v} }}", inner.trim_end().replace('\n', "; "))
            }
            ExprKind::Frame(x) => format!("frame {}", self.expr(x)),
            ExprKind::Call(spec, args) => format!("call spec#{spec}({})", self.exprs(args)),
            ExprKind::Libm(f, args) => format!("libm.{}({})", f.symbol(), self.exprs(args)),
            ExprKind::CopySign(a, b) => format!("copysign({}, {})", self.expr(a), self.expr(b)),
            ExprKind::PyCall(i, args) => format!("python callable #{i}({})", self.exprs(args)),
            ExprKind::MinMax { max, args } => format!("{}({})", if *max { "max" } else { "min" }, self.exprs(args)),
            ExprKind::Sum { list, start } => format!("sum({}, {})", self.expr(list), self.expr(start)),
            ExprKind::ListNew(items) => format!("[{}]", self.exprs(items)),
            ExprKind::ListRepeat { item, count } => format!("[{}] * {}", self.expr(item), self.expr(count)),
            ExprKind::ListCopy(l) => format!("list({})", self.expr(l)),
            ExprKind::ListGet(l, i) => format!("{}[{}]", self.expr(l), self.expr(i)),
            ExprKind::ListLen(l) => format!("len({})", self.expr(l)),
            ExprKind::TupleNew(items) => format!("({},)", self.exprs(items)),
            ExprKind::TupleGet(t, i) => format!("{}[{i}]", self.expr(t)),
            ExprKind::DictNew => "{}".into(),
            ExprKind::DictGet { dict, key, default: None } => format!("{}[{}]", self.expr(dict), self.expr(key)),
            ExprKind::DictGet { dict, key, default: Some(x) } => {
                format!("{}.get({}, {})", self.expr(dict), self.expr(key), self.expr(x))
            }
            ExprKind::DictContains(m, k) => format!("{} in {}", self.expr(k), self.expr(m)),
            ExprKind::DictLen(m) => format!("len({})", self.expr(m)),
            ExprKind::DictExtreme { max, dict } => {
                let m = self.expr(dict);
                format!("{}({m}, key={m}.get)", if *max { "max" } else { "min" })
            }
            ExprKind::StrEncode(x) => format!("{}.encode()", self.expr(x)),
            ExprKind::BytesList(x) => format!("list({})", self.expr(x)),
            ExprKind::BytesGet(b, i) => format!("{}[{}]", self.expr(b), self.expr(i)),
            ExprKind::ListPop(l, i) => format!("{}.pop({})", self.expr(l), self.expr(i)),
            ExprKind::ArrayGet(a, i) => format!("{}[{}]", self.expr(a), self.exprs(i)),
            ExprKind::SeqSlice { seq, lower, upper } => {
                let bound = |p: &mut Self, b: &Option<Box<Expr>>| b.as_ref().map(|x| p.expr(x)).unwrap_or_default();
                let (s, lo, hi) = (self.expr(seq), bound(self, lower), bound(self, upper));
                format!("{s}[{lo}:{hi}]")
            }
            ExprKind::StrGet(s, i) => format!("{}[{}]", self.expr(s), self.expr(i)),
            ExprKind::StrEq(a, b) => format!("StrEq({}, {})", self.expr(a), self.expr(b)),
            ExprKind::StrContains { haystack, needle } => format!("{} in {}", self.expr(needle), self.expr(haystack)),
            ExprKind::ArrayDim(a, k) => format!("{}.shape[{k}]", self.expr(a)),
            ExprKind::NpArith(op, a, b) => format!("np.{op:?}({}, {})", self.expr(a), self.expr(b)),
            ExprKind::NpCompare(op, a, b) => format!("np.{op:?}({}, {})", self.expr(a), self.expr(b)),
        };
        format!("{body}: {}", e.ty)
    }
}
