//! Bounds checks taken out of counting loops.
//!
//! Before `for var in range(start, stop)` (step 1, start >= 0), every index
//! `var + offset` into a sequence whose length the loop cannot change (an
//! array parameter, or a hoisted list) is checked once, for the loop's last
//! round; inside the loop such an index is used unchecked. For a nested
//! counting loop whose range the outer body does not change, its indices
//! are checked once before the outer loop instead of before every run of
//! the inner one; for a list of floats such a check also checks the types
//! of the items in the window it proves, once, instead of at every read (a
//! sliding window reads each item many times). A check that fails bails
//! out before the loop, which is exact (CPython re-runs the whole call); a
//! loop that would have left early only loses speed.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{types, InstBuilder, Value};

use super::{Tx, PTR};
use crate::abi::Bail;
use crate::ir::{self, Arith, Expr, ExprKind as K, Stmt};
use crate::types::Ty;

/// `seq[..., var + offset, ...]` at `axis`, proven in bounds while the loop
/// over `var` runs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct SafeIndex {
    seq: usize,
    axis: usize,
    var: usize,
    offset: Offset,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Offset {
    Zero,
    Var(usize),
    Const(i64),
}

/// An index of the inner loop whose body is at `inner_body`, already
/// checked before the enclosing loop (and the list's items in its window
/// checked to be floats, when `floats`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct NestedProof {
    index: SafeIndex,
    inner_body: *const Stmt,
    floats: bool,
}

/// `body` stores nothing but floats into lists: a list of floats it reads
/// stays all floats, whatever other names the list has.
fn stores_only_floats(body: &[Stmt]) -> bool {
    let only = std::cell::Cell::new(true);
    ir::visit(
        body,
        &mut |s| {
            if let Stmt::ListSet { list, .. } = s {
                only.set(only.get() && list.ty == Ty::list(Ty::Float));
            }
        },
        &mut |_| {},
    );
    only.get()
}

/// Per variable: some statement of `body` assigns it.
fn assigned_vars(body: &[Stmt], n: usize) -> Vec<bool> {
    let mut assigned = vec![false; n];
    ir::visit(
        body,
        &mut |s| match s {
            Stmt::Assign(v, _) | Stmt::ForRange { var: v, .. } | Stmt::ForList { var: v, .. } => assigned[*v] = true,
            Stmt::ForDict { key, value, .. } => {
                assigned[*key] = true;
                assigned[*value] = true;
            }
            _ => {}
        },
        &mut |_| {},
    );
    assigned
}

/// (sequence, indices) of every array or list read and array write in `body`.
fn accesses(body: &[Stmt]) -> Vec<(&Expr, &[Expr])> {
    let found = std::cell::RefCell::new(Vec::new());
    ir::visit(
        body,
        &mut |s| {
            if let Stmt::ArraySet { array, indices, .. } = s {
                found.borrow_mut().push((array, indices.as_slice()))
            }
        },
        &mut |e| match &e.kind {
            K::ArrayGet(array, indices) => found.borrow_mut().push((array, indices.as_slice())),
            K::ListGet(list, index) => found.borrow_mut().push((list, std::slice::from_ref(&**index))),
            _ => {}
        },
    );
    found.into_inner()
}

impl Tx<'_, '_> {
    /// The variable of a sequence whose length no loop round changes.
    fn fixed_length_seq(&self, seq: &Expr) -> Option<usize> {
        let K::Var(a) = seq.kind else { return None };
        let fixed = match seq.ty {
            Ty::Array(..) => self.borrowed[a],
            _ => self.hoisted.contains_key(&a),
        };
        fixed.then_some(a)
    }

    fn seq_len(&mut self, seq: usize, axis: usize) -> Value {
        match self.hoisted.get(&seq) {
            Some(h) => h.len,
            None => self.b.use_var(self.vars[seq][1 + axis]),
        }
    }

    /// How `index` reads as `var + offset`, for an offset that no statement
    /// of the loop body changes and that is never negative.
    fn range_index(&self, index: &Expr, var: usize, assigned: &[bool]) -> Option<Offset> {
        let offset = |e: &Expr| match e.kind {
            K::Var(w) if w != var && !assigned[w] && self.non_negative[w] => Some(Offset::Var(w)),
            K::Int(c) if c >= 0 => Some(Offset::Const(c)),
            _ => None,
        };
        match &index.kind {
            K::Var(v) if *v == var => Some(Offset::Zero),
            K::Arith(Arith::Add, x, y) if index.ty == Ty::Int => match (&x.kind, &y.kind) {
                (K::Var(v), _) if *v == var => offset(y),
                (_, K::Var(v)) if *v == var => offset(x),
                _ => None,
            },
            _ => None,
        }
    }

    /// The safe indices of `body`, a loop over `var`, not yet known.
    fn range_indices(&self, var: usize, body: &[Stmt], assigned: &[bool]) -> Vec<SafeIndex> {
        let mut found = Vec::new();
        for (seq, indices) in accesses(body) {
            let Some(seq) = self.fixed_length_seq(seq) else { continue };
            for (axis, index) in indices.iter().enumerate() {
                if let Some(offset) = self.range_index(index, var, assigned) {
                    let s = SafeIndex { seq, axis, var, offset };
                    if !found.contains(&s) {
                        found.push(s);
                    }
                }
            }
        }
        found
    }

    fn offset_value(&mut self, offset: Offset) -> Value {
        match offset {
            Offset::Zero => self.iconst(types::I64, 0),
            Offset::Var(w) => self.b.use_var(self.vars[w][0]),
            Offset::Const(c) => self.iconst(types::I64, c),
        }
    }

    /// Bails out unless the loop is `empty` or `a + b <= len + slack`.
    fn bail_unless_within(&mut self, empty: Value, a: Value, b: Value, len: Value, slack: i64) {
        let (end, overflow) = self.b.ins().sadd_overflow(a, b);
        let limit = self.b.ins().iadd_imm_s(len, slack);
        let fits = self.b.ins().icmp(IntCC::SignedLessThanOrEqual, end, limit);
        let fits = self.b.ins().band_not(fits, overflow);
        let ok = self.b.ins().bor(empty, fits);
        let bad = self.b.ins().bxor_imm_s(ok, 1);
        self.bail_if(bad, Bail::IndexError);
    }

    /// Before `for var in range(start, stop)` (step 1, start >= 0): checks
    /// the loop's indices (see the module doc) and records them as safe
    /// for the loop's body; the caller drops them after the loop.
    pub(super) fn check_range_indices(&mut self, var: usize, start: Value, stop: Value, body: &[Stmt]) {
        let assigned = assigned_vars(body, self.vars.len());
        if assigned[var] {
            return;
        }
        let empty = self.b.ins().icmp(IntCC::SignedLessThanOrEqual, stop, start);
        let found = self.range_indices(var, body, &assigned);
        for s in &found {
            let proof = self.nested_proofs.iter().find(|p| p.index == *s && p.inner_body == body.as_ptr()).copied();
            if let Some(p) = proof {
                if p.floats {
                    self.float_indices.push(*s);
                }
                continue;
            }
            let extra = self.offset_value(s.offset);
            let len = self.seq_len(s.seq, s.axis);
            self.bail_unless_within(empty, stop, extra, len, 0);
        }
        self.safe_indices.extend(found);
        self.check_nested_ranges(var, start, stop, empty, body, &assigned);
    }

    /// The indices of counting loops nested in the body of the loop over
    /// `var`, when the outer body changes neither their range's end nor
    /// their offset: checked here, once.
    fn check_nested_ranges(&mut self, var: usize, start: Value, stop: Value, empty: Value, body: &[Stmt], assigned: &[bool]) {
        let floats_stay = stores_only_floats(body);
        let mut inner_loops = Vec::new();
        ir::visit(
            body,
            &mut |s| {
                if let Stmt::ForRange { var: j, start, stop, step, body, .. } = s {
                    let invariant_stop = stop.ty == Ty::Int
                        && match stop.kind {
                            K::Int(_) => true,
                            // The loop's own variable changes every round.
                            // (A variable maybe unbound there would bail out.)
                            K::Var(w) => !assigned[w] && w != var && self.bound[w].is_none(),
                            _ => false,
                        };
                    if matches!(step.kind, K::Int(1)) && start.non_negative(&self.non_negative) && invariant_stop {
                        inner_loops.push((*j, stop, body.as_slice()));
                    }
                }
            },
            &mut |_| {},
        );
        for (j, inner_stop, inner_body) in inner_loops {
            let inner_assigned = assigned_vars(inner_body, self.vars.len());
            if inner_assigned[j] {
                continue;
            }
            for s in self.range_indices(j, inner_body, &inner_assigned) {
                let invariant = match s.offset {
                    Offset::Var(w) => w == var || !assigned[w],
                    _ => true,
                };
                if !invariant {
                    continue;
                }
                let inner_end = self.expr(inner_stop).0[0];
                let len = self.seq_len(s.seq, s.axis);
                // The window of indices the inner loop may read, [lo, hi).
                let (lo, hi) = if s.offset == Offset::Var(var) {
                    // The largest index is (stop - 1) + (inner_stop - 1).
                    self.bail_unless_within(empty, stop, inner_end, len, 1);
                    let past = self.b.ins().iadd(stop, inner_end);
                    (start, self.b.ins().iadd_imm_s(past, -1))
                } else {
                    let extra = self.offset_value(s.offset);
                    self.bail_unless_within(empty, inner_end, extra, len, 0);
                    (extra, self.b.ins().iadd(inner_end, extra))
                };
                let floats = floats_stay && self.var_tys[s.seq] == Ty::list(Ty::Float);
                if floats {
                    self.check_window_floats(s.seq, empty, lo, hi);
                }
                self.nested_proofs.push(NestedProof { index: s, inner_body: inner_body.as_ptr(), floats });
            }
        }
    }

    /// Unless the loop is `empty`, bails out if an item of list `seq` in
    /// `[lo, hi)` is not a float (a bounds check put the window in the list).
    fn check_window_floats(&mut self, seq: usize, empty: Value, lo: Value, hi: Value) {
        let (scan, done) = (self.b.create_block(), self.b.create_block());
        self.brif(empty, done, scan);
        self.b.switch_to_block(scan);
        let items = self.hoisted[&seq].items;
        self.check_float_items(items, lo, hi);
        self.jump(done, &[]);
        self.b.switch_to_block(done);
    }

    /// Bails out unless each item at `items` from `lo` up to `hi` is a float.
    fn check_float_items(&mut self, items: Value, lo: Value, hi: Value) {
        let (header, body, done) = (self.b.create_block(), self.b.create_block(), self.b.create_block());
        self.b.append_block_param(header, types::I64);
        self.jump(header, &[lo]);
        self.b.switch_to_block(header);
        let k = self.b.block_params(header)[0];
        let more = self.b.ins().icmp(IntCC::SignedLessThan, k, hi);
        self.brif(more, body, done);
        self.b.switch_to_block(body);
        let at = self.item_slot(items, k);
        let obj = self.load(PTR, at, 0);
        let float = self.is_type(obj, self.host.objects.float_type);
        let bad = self.b.ins().icmp_imm_s(IntCC::Equal, float, 0);
        self.bail_if(bad, Bail::TypeGuard);
        let next = self.b.ins().iadd_imm_s(k, 1);
        self.jump(header, &[next]);
        self.b.switch_to_block(done);
    }

    /// `index` at `axis` of `seq` is proven in bounds by an enclosing loop.
    pub(super) fn proven_in_bounds(&self, seq: &Expr, axis: usize, index: &Expr) -> bool {
        self.safe_indices.iter().any(|s| Self::proves(s, seq, axis, index))
    }

    /// `seq[index]`, a list of floats, is proven in bounds and its item a float.
    pub(super) fn floats_checked(&self, seq: &Expr, index: &Expr) -> bool {
        self.float_indices.iter().any(|s| Self::proves(s, seq, 0, index))
    }

    fn proves(s: &SafeIndex, seq: &Expr, axis: usize, index: &Expr) -> bool {
        let K::Var(a) = seq.kind else { return false };
        s.seq == a
                && s.axis == axis
                && match (&index.kind, s.offset) {
                    (K::Var(v), Offset::Zero) => *v == s.var,
                    (K::Arith(Arith::Add, x, y), off) => {
                        let is = |e: &Expr, w: usize| matches!(e.kind, K::Var(v) if v == w);
                        let is_off = |e: &Expr| match off {
                            Offset::Var(w) => is(e, w),
                            Offset::Const(c) => matches!(e.kind, K::Int(k) if k == c),
                            Offset::Zero => false,
                        };
                        (is(x, s.var) && is_off(y)) || (is(y, s.var) && is_off(x))
                    }
                    _ => false,
                }
    }
}
