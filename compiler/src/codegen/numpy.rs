//! Lowering of numpy arrays and scalars.
//!
//! An array is a borrowed view: `data, shape[n], strides[n]` (the boundary
//! holds the buffer export). A numpy scalar is its payload (f64 for float
//! dtypes, float32 values kept exactly in an f64; i64 for int dtypes; i8 for
//! bool); a `MaybeNp` adds a tag (1: numpy scalar, 0: Python number).
//! Whenever numpy would set a floating-point status flag it warns about
//! (overflow, division by zero, invalid), or raise, native code bails out
//! and CPython re-runs the call, warning and all.

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{types, InstBuilder, MemFlagsData, StackSlotData, StackSlotKind, Type, Value};

use super::{flags, float_cc, int_cc, Tx, Vals, PTR};
use crate::abi::Bail;
use crate::ir::{self, Arith, Cmp, Expr, ExprKind as K, Libm, Stmt};
use crate::types::{Dtype, Layout, Ty};

/// How a payload is held in a machine value.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Payload {
    Float,
    Int,
    Bool,
}

impl Payload {
    pub(super) fn of(d: Dtype) -> Payload {
        match d {
            Dtype::F64 | Dtype::F32 => Payload::Float,
            Dtype::I64 | Dtype::I32 => Payload::Int,
            Dtype::Bool => Payload::Bool,
        }
    }

    /// The payload of a Python number type or numpy scalar type.
    fn of_ty(ty: &Ty) -> Payload {
        match ty {
            Ty::Float => Payload::Float,
            Ty::Int => Payload::Int,
            Ty::Bool => Payload::Bool,
            Ty::Np(d) | Ty::MaybeNp(d) => Payload::of(*d),
            _ => unreachable!("no numeric payload in {ty}"),
        }
    }

    pub(super) fn machine_type(self) -> Type {
        match self {
            Payload::Float => types::F64,
            Payload::Int => types::I64,
            Payload::Bool => types::I8,
        }
    }
}

/// The machine values of an array view of `ndim` dimensions.
pub(super) fn array_machine_types(ndim: u8) -> Vec<Type> {
    vec![PTR; 1 + 2 * ndim as usize]
}

impl Tx<'_, '_> {
    /// (tag, payload) of a number: Python numbers have tag 0, numpy scalars 1.
    fn np_parts(&mut self, vals: &[Value], ty: &Ty) -> (Value, Value) {
        match ty {
            Ty::MaybeNp(_) => (vals[0], vals[1]),
            Ty::Np(_) => (self.iconst(types::I8, 1), vals[0]),
            _ => (self.iconst(types::I8, 0), vals[0]),
        }
    }

    fn np_vals(ty: &Ty, tag: Value, payload: Value) -> Vals {
        match ty {
            Ty::MaybeNp(_) => vec![tag, payload],
            _ => vec![payload],
        }
    }

    /// A payload converted between representations (ints to floats only
    /// where the value converts exactly, else bail out).
    fn payload_to(&mut self, v: Value, from: Payload, to: Payload) -> Value {
        match (from, to) {
            (a, b) if a == b => v,
            (Payload::Bool, Payload::Int) => self.b.ins().uextend(types::I64, v),
            (Payload::Bool, Payload::Float) => {
                let i = self.b.ins().uextend(types::I64, v);
                self.b.ins().fcvt_from_sint(types::F64, i)
            }
            (Payload::Int, Payload::Float) => {
                self.check_exact_float(v);
                self.b.ins().fcvt_from_sint(types::F64, v)
            }
            _ => unreachable!("inference never narrows a number here"),
        }
    }

    /// `convert` for numpy scalar types and Python numbers taken to or from them.
    pub(super) fn np_convert(&mut self, vals: Vals, from: &Ty, to: &Ty) -> Vals {
        let (tag, payload) = self.np_parts(&vals, from);
        let p = self.payload_to(payload, Payload::of_ty(from), Payload::of_ty(to));
        match to {
            Ty::Np(_) | Ty::MaybeNp(_) => Self::np_vals(to, tag, p),
            _ => vec![p],
        }
    }

    fn round_f32(&mut self, x: Value) -> Value {
        let s = self.b.ins().fdemote(types::F32, x);
        self.b.ins().fpromote(types::F64, s)
    }

    /// An operand as numpy casts it to float32 (a Python float next to a
    /// float32): a finite value that overflows bails out, where numpy warns
    /// "overflow encountered in cast". Only when `on` (else unchanged).
    fn cast_f32(&mut self, x: Value, on: Option<Value>) -> Value {
        let r = self.round_f32(x);
        let inf = self.fconst(f64::INFINITY);
        let (xa, ra) = (self.b.ins().fabs(x), self.b.ins().fabs(r));
        let was_finite = self.b.ins().fcmp(FloatCC::LessThan, xa, inf);
        let now_inf = self.b.ins().fcmp(FloatCC::Equal, ra, inf);
        let overflow = self.b.ins().band(was_finite, now_inf);
        match on {
            None => {
                self.bail_if(overflow, Bail::NumpyStatus);
                r
            }
            Some(tag) => {
                let overflow = self.b.ins().band(overflow, tag);
                self.bail_if(overflow, Bail::NumpyStatus);
                self.b.ins().select(tag, r, x)
            }
        }
    }

    /// Whether numpy sets a floating-point status flag it warns about for
    /// `r = a op b`: a NaN from non-NaN operands (invalid) or an infinity
    /// from finite ones (overflow, division by zero).
    fn np_flagged(&mut self, a: Value, b: Value, r: Value) -> Value {
        let inf = self.fconst(f64::INFINITY);
        let r_nan = self.b.ins().fcmp(FloatCC::Unordered, r, r);
        let ab_nan = self.b.ins().fcmp(FloatCC::Unordered, a, b);
        let fresh_nan = self.b.ins().icmp(IntCC::UnsignedGreaterThan, r_nan, ab_nan);
        let (aa, ba, ra) = (self.b.ins().fabs(a), self.b.ins().fabs(b), self.b.ins().fabs(r));
        let a_fin = self.b.ins().fcmp(FloatCC::LessThan, aa, inf);
        let b_fin = self.b.ins().fcmp(FloatCC::LessThan, ba, inf);
        let r_inf = self.b.ins().fcmp(FloatCC::Equal, ra, inf);
        let both_fin = self.b.ins().band(a_fin, b_fin);
        let overflow = self.b.ins().band(both_fin, r_inf);
        self.b.ins().bor(fresh_nan, overflow)
    }

    /// Bails out where numpy would warn for any of `ops` (each `(a, b, r)`),
    /// which end in `root`. Off the hot path: an inf or NaN, once made by
    /// `+ - *`, stays in every later `+ - *`, so a finite `root` means no
    /// flag was set. With `tag` (a `MaybeNp` result) only a numpy result is
    /// checked, and when `div` a Python `/` by zero bails out too.
    fn np_float_status(&mut self, ops: &[(Value, Value, Value)], root: Value, tag: Option<Value>, div: bool) {
        if self.np_status_deferred {
            return;
        }
        // r - r is 0 for a finite r and NaN otherwise: no constants needed.
        let d = self.b.ins().fsub(root, root);
        let mut hot = self.b.ins().fcmp(FloatCC::Unordered, d, d);
        let b = ops.last().expect("one operation").1;
        if div && tag.is_some() {
            let z = self.fconst(0.0);
            let by_zero = self.b.ins().fcmp(FloatCC::Equal, b, z);
            hot = self.b.ins().bor(hot, by_zero);
        }
        let (cold, cont) = (self.b.create_block(), self.b.create_block());
        self.b.set_cold_block(cold);
        self.brif(hot, cold, cont);
        self.b.switch_to_block(cold);
        let mut flagged = self.iconst(types::I8, 0);
        for &(a, b, r) in ops {
            let f = self.np_flagged(a, b, r);
            flagged = self.b.ins().bor(flagged, f);
        }
        match tag {
            None => self.bail_if(flagged, Bail::NumpyStatus),
            Some(t) => {
                let np_flagged = self.b.ins().band(t, flagged);
                self.bail_if(np_flagged, Bail::NumpyStatus);
                if div {
                    let z = self.fconst(0.0);
                    let by_zero = self.b.ins().fcmp(FloatCC::Equal, b, z);
                    let py = self.b.ins().bxor_imm_s(t, 1);
                    let py_by_zero = self.b.ins().band(py, by_zero);
                    self.bail_if(py_by_zero, Bail::ZeroDivision);
                }
            }
        }
        self.jump(cont, &[]);
        self.b.switch_to_block(cont);
    }

    /// numpy's float `a op b` (float64; float32 rounds operands and
    /// result). `+ - *` record themselves in `pending` for one check at the
    /// root of their tree; anything else is checked here.
    fn np_float_op(&mut self, op: Arith, d: Dtype, a: Value, b: Value, pending: &mut Vec<(Value, Value, Value)>) -> Value {
        let (a, b) = if d == Dtype::F32 { (self.cast_f32(a, None), self.cast_f32(b, None)) } else { (a, b) };
        let r = match op {
            Arith::Add => self.b.ins().fadd(a, b),
            Arith::Sub => self.b.ins().fsub(a, b),
            Arith::Mul => self.b.ins().fmul(a, b),
            Arith::Div => self.b.ins().fdiv(a, b),
            Arith::FloorDiv | Arith::Mod => {
                // Python's divmod algorithm, which numpy shares, for finite
                // operands and a non-zero divisor; the rest sets flags.
                let inf = self.fconst(f64::INFINITY);
                let (aa, ba) = (self.b.ins().fabs(a), self.b.ins().fabs(b));
                let a_fin = self.b.ins().fcmp(FloatCC::LessThan, aa, inf);
                let b_fin = self.b.ins().fcmp(FloatCC::LessThan, ba, inf);
                let zero = self.fconst(0.0);
                let b_nz = self.b.ins().fcmp(FloatCC::NotEqual, b, zero);
                let ok = self.b.ins().band(a_fin, b_fin);
                let ok = self.b.ins().band(ok, b_nz);
                let bad = self.b.ins().bxor_imm_s(ok, 1);
                self.bail_if(bad, Bail::NumpyStatus);
                let f = if op == Arith::FloorDiv { "rf_float_floordiv" } else { "rf_float_mod" };
                self.call1(f, &[types::F64, types::F64], types::F64, &[a, b])
            }
            // float32: numpy calls powf, and so does this.
            Arith::Pow if d == Dtype::F32 => {
                let (x, y) = (self.b.ins().fdemote(types::F32, a), self.b.ins().fdemote(types::F32, b));
                let r = self.call1("powf", &[types::F32, types::F32], types::F32, &[x, y]);
                self.b.ins().fpromote(types::F64, r)
            }
            // math.pow bails exactly where C pow sets invalid/overflow/
            // division-by-zero, which is where numpy warns.
            Arith::Pow => self.libm(Libm::Pow, &[a, b]),
            _ => unreachable!("inference rejects {op:?} on numpy floats"),
        };
        let r = if d == Dtype::F32 { self.round_f32(r) } else { r };
        if matches!(op, Arith::Add | Arith::Sub | Arith::Mul) {
            pending.push((a, b, r));
        } else {
            self.np_float_status(&[(a, b, r)], r, None, false);
        }
        r
    }

    /// A tree of numpy float `+ - *` (results certainly numpy): evaluated
    /// whole, its status checks left in `pending`.
    fn np_float_tree(&mut self, e: &Expr, pending: &mut Vec<(Value, Value, Value)>) -> Value {
        let deferrable = matches!(e.kind, K::NpArith(Arith::Add | Arith::Sub | Arith::Mul, ..))
            && matches!(e.ty, Ty::Np(d) if d.is_float());
        if let (K::NpArith(op, a, b), Ty::Np(d), true) = (&e.kind, &e.ty, deferrable) {
            let pa = self.np_float_tree(a, pending);
            let pb = self.np_float_tree(b, pending);
            return self.np_float_op(*op, *d, pa, pb, pending);
        }
        let (v, _) = self.expr(e);
        self.np_parts(&v, &e.ty).1
    }

    /// `a op b` (+ - * /) whose result is a numpy scalar or a Python float
    /// by the tag: the same IEEE operation either way (float32 rounding
    /// picked by the tag), only the error checks differ, off the hot path.
    fn maybe_np_float_arith(&mut self, op: Arith, d: Dtype, tag: Value, a: Value, b: Value) -> Value {
        let (a, b) = if d == Dtype::F32 {
            (self.cast_f32(a, Some(tag)), self.cast_f32(b, Some(tag)))
        } else {
            (a, b)
        };
        let r = match op {
            Arith::Add => self.b.ins().fadd(a, b),
            Arith::Sub => self.b.ins().fsub(a, b),
            Arith::Mul => self.b.ins().fmul(a, b),
            _ => self.b.ins().fdiv(a, b),
        };
        let r = if d == Dtype::F32 {
            let rr = self.round_f32(r);
            self.b.ins().select(tag, rr, r)
        } else {
            r
        };
        self.np_float_status(&[(a, b, r)], r, Some(tag), op == Arith::Div);
        r
    }

    /// Bails out unless `v` fits an int32 (numpy's overflow warning, or its
    /// OverflowError for a Python int out of the dtype's range), when `on`.
    fn check_i32(&mut self, v: Value, on: Value) {
        let narrow = self.b.ins().ireduce(types::I32, v);
        let back = self.b.ins().sextend(types::I64, narrow);
        let out = self.b.ins().icmp(IntCC::NotEqual, back, v);
        let bad = self.b.ins().band(out, on);
        self.bail_if(bad, Bail::NumpyStatus);
    }

    pub(super) fn np_arith(&mut self, e: &Expr) -> Vals {
        let K::NpArith(op, a, b) = &e.kind else { unreachable!("numpy arithmetic") };
        let (op, ty) = (*op, &e.ty);
        if let Ty::Np(d) = ty {
            if d.is_float() {
                // Np float results: a tree of + - * with one status check.
                let (mut pend_a, mut pend_b) = (Vec::new(), Vec::new());
                let pa = self.np_float_tree(a, &mut pend_a);
                let pb = self.np_float_tree(b, &mut pend_b);
                if !matches!(op, Arith::Add | Arith::Sub | Arith::Mul) {
                    // `/` and the rest do not carry an inf or NaN along:
                    // each operand's tree is checked on its own.
                    for (pending, root) in [(pend_a, pa), (pend_b, pb)] {
                        if !pending.is_empty() {
                            self.np_float_status(&pending, root, None, false);
                        }
                    }
                    return vec![self.np_float_op(op, *d, pa, pb, &mut Vec::new())];
                }
                pend_a.append(&mut pend_b);
                let r = self.np_float_op(op, *d, pa, pb, &mut pend_a);
                self.np_float_status(&pend_a, r, None, false);
                return vec![r];
            }
        }
        let (av, _) = self.expr(a);
        let (bv, _) = self.expr(b);
        let (ta, pa) = self.np_parts(&av, &a.ty);
        let (tb, pb) = self.np_parts(&bv, &b.ty);
        let d = ty.np_dtype().expect("a numpy result");
        let tag = self.b.ins().bor(ta, tb);
        match Payload::of(d) {
            Payload::Int => {
                // numpy's int64 arithmetic raises or warns exactly where
                // Python's needs a bigint or raises: both bail out.
                let r = self.int_arith(op, pa, pb);
                if d == Dtype::I32 {
                    self.check_i32(pa, tag);
                    self.check_i32(pb, tag);
                    self.check_i32(r, tag);
                }
                Self::np_vals(ty, tag, r)
            }
            Payload::Float if matches!(op, Arith::Add | Arith::Sub | Arith::Mul | Arith::Div) => {
                vec![tag, self.maybe_np_float_arith(op, d, tag, pa, pb)]
            }
            Payload::Float => {
                let (npb, pyb, join) = (self.b.create_block(), self.b.create_block(), self.b.create_block());
                self.b.append_block_param(join, types::F64);
                self.brif(tag, npb, pyb);
                self.b.switch_to_block(npb);
                let r = self.np_float_op(op, d, pa, pb, &mut Vec::new());
                self.jump(join, &[r]);
                self.b.switch_to_block(pyb);
                let r = self.float_arith(op, pa, pb);
                self.jump(join, &[r]);
                self.b.switch_to_block(join);
                vec![tag, self.b.block_params(join)[0]]
            }
            Payload::Bool => unreachable!("inference rejects arithmetic on numpy bools"),
        }
    }

    pub(super) fn np_compare(&mut self, op: Cmp, a: &Expr, b: &Expr, ty: &Ty) -> Vals {
        let (av, _) = self.expr(a);
        let (bv, _) = self.expr(b);
        let (ta, pa) = self.np_parts(&av, &a.ty);
        let (tb, pb) = self.np_parts(&bv, &b.ty);
        let tag = self.b.ins().bor(ta, tb);
        let d = a.ty.np_dtype().expect("operands in a numpy family");
        let r = match Payload::of(d) {
            Payload::Float => {
                // A Python float next to a float32 is compared as a float32.
                let (pa, pb) = if d == Dtype::F32 {
                    (self.cast_f32(pa, Some(tag)), self.cast_f32(pb, Some(tag)))
                } else {
                    (pa, pb)
                };
                self.b.ins().fcmp(float_cc(op), pa, pb)
            }
            _ => self.b.ins().icmp(int_cc(op), pa, pb),
        };
        Self::np_vals(ty, tag, r)
    }

    pub(super) fn np_truth(&mut self, vals: &[Value], ty: &Ty) -> Value {
        let (_, p) = self.np_parts(vals, ty);
        match Payload::of_ty(ty) {
            Payload::Float => {
                let z = self.fconst(0.0);
                self.b.ins().fcmp(FloatCC::NotEqual, p, z)
            }
            Payload::Int => self.b.ins().icmp_imm_s(IntCC::NotEqual, p, 0),
            Payload::Bool => p,
        }
    }

    /// The numpy float accumulators of a counting loop: variables every
    /// assignment of which in `body` is `acc = acc + tree` (or `-`, `*`, or
    /// `tree + acc`, ...), `tree` built of numpy float `+ - *` over leaves
    /// that hold no numpy arithmetic, and which the body reads nowhere else
    /// but as a value stored into a list or an array. Their warning checks
    /// wait until the loop ends (`check_deferred_accumulators`): an inf or
    /// NaN these operations make flows into `acc` and stays there through
    /// `+ - *`, so a finite `acc` at the end means no flag was set, and a
    /// non-finite one bails out, which is exact (CPython re-runs the call).
    /// Nothing the loop decides depends on `acc`, so it runs as long as it
    /// would have anyway. The loop must end only through its exit: no
    /// `return` inside, no `else`.
    pub(super) fn deferred_accumulators(&self, body: &[Stmt], orelse: &[Stmt]) -> Vec<usize> {
        let float_np = |t: &Ty| matches!(t, Ty::Np(d) | Ty::MaybeNp(d) if d.is_float());
        let returns = std::cell::Cell::new(false);
        let mut assigns = Vec::new();
        let mut stored = Vec::new();
        let mut loop_vars = Vec::new();
        ir::visit(
            body,
            &mut |s| match s {
                Stmt::Return(_) => returns.set(true),
                Stmt::Assign(v, e) => assigns.push((*v, e)),
                Stmt::ListSet { value, .. } | Stmt::ListAppend { value, .. } | Stmt::ArraySet { value, .. } => stored.push(value),
                Stmt::ForRange { var, .. } | Stmt::ForList { var, .. } => loop_vars.push(*var),
                Stmt::ForDict { key, value, .. } => loop_vars.extend([*key, *value]),
                _ => {}
            },
            &mut |_| {},
        );
        if returns.get() || !orelse.is_empty() {
            return Vec::new();
        }
        let reads_in = |e: &Expr, v: usize| {
            let n = std::cell::Cell::new(0);
            ir::visit_expr(e, &mut |_| {}, &mut |x| n.set(n.get() + matches!(x.kind, K::Var(w) if w == v) as usize));
            n.get()
        };
        let reads_in_body = |v: usize| {
            let n = std::cell::Cell::new(0);
            ir::visit(body, &mut |_| {}, &mut |x| n.set(n.get() + matches!(x.kind, K::Var(w) if w == v) as usize));
            n.get()
        };
        fn holds_np_arith(e: &Expr) -> bool {
            let found = std::cell::Cell::new(false);
            ir::visit_expr(e, &mut |_| {}, &mut |x| found.set(found.get() || matches!(x.kind, K::NpArith(..))));
            found.get()
        }
        fn flows(e: &Expr) -> bool {
            match &e.kind {
                K::NpArith(Arith::Add | Arith::Sub | Arith::Mul, a, b) if matches!(e.ty, Ty::Np(d) | Ty::MaybeNp(d) if d.is_float()) => {
                    flows(a) && flows(b)
                }
                _ => !holds_np_arith(e),
            }
        }
        let accumulates = |v: usize, e: &Expr| {
            let e = match &e.kind {
                K::Cast(inner) => inner,
                _ => e,
            };
            let K::NpArith(Arith::Add | Arith::Sub | Arith::Mul, a, b) = &e.kind else { return false };
            let is_acc = |x: &Expr| matches!(x.kind, K::Var(w) if w == v);
            float_np(&e.ty) && ((is_acc(a) && flows(b)) || (is_acc(b) && flows(a)))
        };
        let is_stored = |v: usize, e: &Expr| match &e.kind {
            K::Var(w) => *w == v,
            K::Cast(inner) => matches!(inner.kind, K::Var(w) if w == v),
            _ => false,
        };
        let mut out: Vec<usize> = Vec::new();
        for &(v, _) in &assigns {
            if out.contains(&v) || !float_np(&self.var_tys[v]) || loop_vars.contains(&v) {
                continue;
            }
            let updates: Vec<&Expr> = assigns.iter().filter(|(w, _)| *w == v).map(|(_, e)| *e).collect();
            if !updates.iter().all(|e| accumulates(v, e)) {
                continue;
            }
            let allowed = updates.iter().map(|e| reads_in(e, v)).sum::<usize>() + stored.iter().filter(|e| is_stored(v, e)).count();
            if reads_in_body(v) == allowed {
                out.push(v);
            }
        }
        out
    }

    /// After a loop with [`Self::deferred_accumulators`]: bails out if one
    /// ended non-finite.
    pub(super) fn check_deferred_accumulators(&mut self, accs: &[usize]) {
        for &v in accs {
            let vals: Vals = self.vars[v].iter().map(|&x| self.b.use_var(x)).collect();
            let ty = self.var_tys[v].clone();
            let (_, p) = self.np_parts(&vals, &ty);
            let d = self.b.ins().fsub(p, p);
            let non_finite = self.b.ins().fcmp(FloatCC::Unordered, d, d);
            self.bail_if(non_finite, Bail::NumpyStatus);
        }
    }

    /// `-x` / `abs(x)` of a numpy scalar (int32 results range-checked).
    pub(super) fn np_unary(&mut self, neg: bool, vals: Vals, ty: &Ty) -> Vals {
        let (tag, p) = self.np_parts(&vals, ty);
        let d = ty.np_dtype().expect("a numpy type");
        let py = d.py_kind();
        let op = if neg { crate::ir::Unary::Neg } else { crate::ir::Unary::Abs };
        let r = self.unary(op, vec![p], &py)[0];
        if d == Dtype::I32 {
            self.check_i32(r, tag);
        }
        Self::np_vals(ty, tag, r)
    }

    // ------------------------------------------------------------ arrays

    /// The address of `a[indices]` (an element, or the start of a row) and
    /// the view values of what remains.
    fn array_locate(&mut self, array: &Expr, a: &Vals, ndim: usize, indices: &[Expr]) -> (Value, Vals) {
        let Ty::Array(d, _, layout) = array.ty else { unreachable!("an array") };
        let mut addr = a[0];
        for (k, index) in indices.iter().enumerate() {
            let i = self.index_value(index)[0];
            let idx = if self.proven_in_bounds(array, k, index) {
                i
            } else {
                self.checked_index(a[1 + k], i, index.non_negative(&self.non_negative))
            };
            let off = if k == ndim - 1 && layout == Layout::UnitStride {
                self.b.ins().ishl_imm_s(idx, d.itemsize().trailing_zeros() as i64)
            } else {
                self.b.ins().imul(idx, a[1 + ndim + k])
            };
            addr = self.b.ins().iadd(addr, off);
        }
        let k = indices.len();
        let mut rest = vec![addr];
        rest.extend_from_slice(&a[1 + k..1 + ndim]);
        rest.extend_from_slice(&a[1 + ndim + k..]);
        (addr, rest)
    }

    pub(super) fn array_get(&mut self, array: &Expr, indices: &[Expr]) -> Vals {
        let Ty::Array(d, ndim, _) = array.ty else { unreachable!("an array") };
        let (a, _) = self.expr(array);
        let (addr, rest) = self.array_locate(array, &a, ndim as usize, indices);
        if indices.len() < ndim as usize {
            return rest;
        }
        vec![match d {
            Dtype::F64 => self.load(types::F64, addr, 0),
            Dtype::F32 => {
                let x = self.load(types::F32, addr, 0);
                self.b.ins().fpromote(types::F64, x)
            }
            Dtype::I64 => self.load(types::I64, addr, 0),
            Dtype::I32 => self.b.ins().sload32(flags(), addr, 0),
            Dtype::Bool => unreachable!("no bool arrays"),
        }]
    }

    /// `a[indices] = value`, converted as numpy converts on item assignment;
    /// what would warn or raise (a float32 overflow, an int out of int32
    /// range, an int too large to convert exactly) bails out.
    pub(super) fn array_set(&mut self, array: &Expr, indices: &[Expr], value: &Expr) {
        let Ty::Array(d, ndim, _) = array.ty else { unreachable!("an array") };
        let (v, _) = self.expr(value);
        let (a, _) = self.expr(array);
        let (addr, _) = self.array_locate(array, &a, ndim as usize, indices);
        let (_, p) = self.np_parts(&v, &value.ty);
        let p = self.payload_to(p, Payload::of_ty(&value.ty), Payload::of(d));
        match d {
            Dtype::F64 | Dtype::I64 => {
                self.b.ins().store(flags(), p, addr, 0);
            }
            Dtype::F32 => {
                let rounded = self.cast_f32(p, None);
                let s = self.b.ins().fdemote(types::F32, rounded);
                self.b.ins().store(flags(), s, addr, 0);
            }
            Dtype::I32 => {
                let on = self.iconst(types::I8, 1);
                self.check_i32(p, on);
                self.b.ins().istore32(flags(), p, addr, 0);
            }
            Dtype::Bool => unreachable!("no bool arrays"),
        }
    }

    // ------------------------------------------------------------ boxing

    /// A new numpy scalar (or, for a `MaybeNp` with tag 0, Python number).
    pub(super) fn np_box(&mut self, vals: Vals, ty: &Ty) -> Value {
        let (tag, p) = self.np_parts(&vals, ty);
        let d = ty.np_dtype().expect("a numpy type");
        let boxed_np = |me: &mut Self| {
            let bits = match Payload::of(d) {
                Payload::Float => me.float_bits(p),
                Payload::Int => p,
                Payload::Bool => me.b.ins().uextend(types::I64, p),
            };
            let code = me.iconst(types::I64, d.code());
            let obj = me.call1("rt_np_box", &[types::I64, types::I64], PTR, &[code, bits]);
            me.bail_if_null(obj);
            obj
        };
        if let Ty::Np(_) = ty {
            return boxed_np(self);
        }
        let (npb, pyb, join) = (self.b.create_block(), self.b.create_block(), self.b.create_block());
        self.b.append_block_param(join, PTR);
        self.brif(tag, npb, pyb);
        self.b.switch_to_block(npb);
        let obj = boxed_np(self);
        self.jump(join, &[obj]);
        self.b.switch_to_block(pyb);
        let obj = self.box_value(vec![p], None, &d.py_kind());
        self.jump(join, &[obj]);
        self.b.switch_to_block(join);
        self.b.block_params(join)[0]
    }

    /// Reads a list item that is a numpy scalar of `ty`'s dtype (or, for a
    /// `MaybeNp`, that dtype's Python number); anything else bails out.
    pub(super) fn np_read_item(&mut self, obj: Value, ty: &Ty) -> Vals {
        let d = ty.np_dtype().expect("a numpy type");
        let slot = self.b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 8, 3));
        let out = self.b.ins().stack_addr(PTR, slot, 0);
        let code = self.iconst(types::I64, d.code());
        let kind = self.call1("rt_np_unbox", &[PTR, types::I64, PTR], types::I8, &[obj, code, out]);
        // 2: numpy scalar, 1: Python number of the dtype's kind, 0: neither.
        let wanted = if let Ty::Np(_) = ty {
            self.b.ins().icmp_imm_s(IntCC::Equal, kind, 2)
        } else {
            self.b.ins().icmp_imm_s(IntCC::NotEqual, kind, 0)
        };
        let bad = self.b.ins().bxor_imm_s(wanted, 1);
        self.bail_if(bad, Bail::TypeGuard);
        let pt = Payload::of(d).machine_type();
        let bits = self.b.ins().stack_load(PTR, types::I64, slot, 0);
        let p = match pt {
            types::F64 => self.b.ins().bitcast(types::F64, MemFlagsData::new(), bits),
            types::I8 => self.b.ins().ireduce(types::I8, bits),
            _ => bits,
        };
        let tag = self.b.ins().icmp_imm_s(IntCC::Equal, kind, 2);
        Self::np_vals(ty, tag, p)
    }
}
