//! Type inference and lowering: [`syntax`] trees -> typed [`ir::Program`].
//!
//! Every function is specialised on its argument types. Variable types are
//! flow-insensitive joins of everything assigned to them; a variable that is
//! an int on one path and a float on another gets the tagged `Num` type, so
//! no value ever changes its CPython type. Lowering repeats until variable
//! types, freshness and return types stop changing (recursion included).

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crate::ir::{self, Arith, BailReason, Cmp, Expr, ExprKind as K, Libm, SpecId, Stmt, Unary, VarId};
use crate::resolve::{FuncRef, Global, Resolver};
use crate::syntax::{self as syn, BinOp, CmpOp, ExprKind as S, StmtKind, Target, UnaryOp};
use crate::types::{join, key_parts, Dtype, Ty};
use crate::{parse, Reject};

mod numpy;

type R<T> = Result<T, Reject>;

/// Settings that depend on the running interpreter.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// `sum()` of floats is a plain left-to-right addition (CPython <= 3.11);
    /// later versions compensate, and such sums are left to CPython.
    pub plain_float_sum: bool,
    /// `assert` statements run (`python -O` turns them off).
    pub asserts: bool,
    /// A comprehension runs in a frame of its own (CPython <= 3.11; 3.12
    /// inlines them), which counts against the recursion limit.
    pub comprehension_frames: bool,
}

const MAX_ROUNDS: usize = 32;

struct SpecState {
    func: FuncRef,
    params: Vec<Ty>,
    ret: Ty,
    ir: Option<ir::Function>,
    in_progress: bool,
}

pub struct Session<'r> {
    resolver: &'r dyn Resolver,
    opts: Options,
    specs: Vec<SpecState>,
    index: HashMap<(FuncRef, Vec<Ty>), SpecId>,
    sources: HashMap<FuncRef, Rc<syn::Function>>,
    py_callables: Vec<ir::PyCallable>,
    ret_changed: bool,
}

/// Lowers `root` specialised on `args`, with every function it calls.
pub fn lower_program(resolver: &dyn Resolver, opts: Options, root: FuncRef, args: &[Ty]) -> R<ir::Program> {
    let mut s = Session {
        resolver,
        opts,
        specs: Vec::new(),
        index: HashMap::new(),
        sources: HashMap::new(),
        py_callables: Vec::new(),
        ret_changed: false,
    };
    s.spec_for(root, args.to_vec(), 0)?;
    for _ in 0..MAX_ROUNDS {
        s.ret_changed = false;
        for id in 0..s.specs.len() {
            s.lower_spec(id)?;
        }
        if !s.ret_changed {
            let mut specs = Vec::new();
            for st in s.specs {
                let f = st.ir.expect("every spec lowered");
                if f.ret.has_unknown() {
                    return Err(Reject::new(f.line, format!("cannot infer what `{}` returns", f.name)));
                }
                specs.push(f);
            }
            for f in &specs {
                check_known(f)?;
            }
            return Ok(ir::Program { specs, py_callables: s.py_callables });
        }
    }
    Err(Reject::new(0, "type inference did not settle"))
}

impl Session<'_> {
    fn source(&mut self, func: FuncRef, line: u32) -> R<Rc<syn::Function>> {
        if let Some(f) = self.sources.get(&func) {
            return Ok(f.clone());
        }
        let src = self.resolver.source(func).map_err(|e| Reject::new(line, e))?;
        let f = Rc::new(parse::parse_function(&src.text, src.first_line)?);
        self.sources.insert(func, f.clone());
        Ok(f)
    }

    fn spec_for(&mut self, func: FuncRef, params: Vec<Ty>, line: u32) -> R<SpecId> {
        if let Some(&id) = self.index.get(&(func, params.clone())) {
            return Ok(id);
        }
        let src = self.source(func, line)?;
        if src.params.len() != params.len() {
            return Err(Reject::new(
                line,
                format!("`{}` takes {} arguments, called with {}", src.name, src.params.len(), params.len()),
            ));
        }
        let id = self.specs.len();
        self.specs.push(SpecState { func, params: params.clone(), ret: Ty::Unknown, ir: None, in_progress: false });
        self.index.insert((func, params), id);
        self.lower_spec(id)?;
        Ok(id)
    }

    fn lower_spec(&mut self, id: SpecId) -> R<()> {
        if self.specs[id].in_progress {
            return Ok(());
        }
        self.specs[id].in_progress = true;
        let func = self.specs[id].func;
        let src = self.source(func, 0)?;
        let params = self.specs[id].params.clone();
        let result = FnLower::run(self, func, &src, &params, id);
        self.specs[id].in_progress = false;
        let f = result?;
        if f.ret != self.specs[id].ret {
            self.ret_changed = true;
            self.specs[id].ret = f.ret.clone();
        }
        self.specs[id].ir = Some(f);
        Ok(())
    }

    fn py_callable(&mut self, module: &str, name: &str, line: u32) -> R<usize> {
        let full = format!("{module}.{name}");
        if let Some(i) = self.py_callables.iter().position(|c| c.name == full) {
            return Ok(i);
        }
        let handle = self
            .resolver
            .callable(module, name)
            .ok_or_else(|| Reject::new(line, format!("`{full}` is not available")))?;
        self.py_callables.push(ir::PyCallable { name: full, handle });
        Ok(self.py_callables.len() - 1)
    }
}

type TempKey = (usize, &'static str, u32);

/// Per-function lowering state for one round.
struct FnLower<'s, 'r> {
    session: &'s mut Session<'r>,
    func: FuncRef,
    spec: SpecId,
    vars: Vec<ir::Var>,
    /// Python locals: every name assigned anywhere in the body.
    locals: HashMap<String, VarId>,
    /// Comprehension scopes, innermost last.
    scopes: Vec<HashMap<String, VarId>>,
    /// Temporaries are known by the syntax node that makes them (and a
    /// count within it), so each keeps its type from round to round even
    /// when others appear or vanish before it.
    site: usize,
    temp_counts: HashMap<(usize, &'static str), u32>,
    temp_keys: Vec<TempKey>,
    temp_types: HashMap<TempKey, (Ty, bool)>,
    changed: bool,
    rets: Vec<Ty>,
    /// Definitely-assigned locals at this point; `None` where unreachable.
    assigned: Option<HashSet<VarId>>,
    calls: bool,
}

impl<'s, 'r> FnLower<'s, 'r> {
    fn run(session: &'s mut Session<'r>, func: FuncRef, src: &syn::Function, params: &[Ty], spec: SpecId) -> R<ir::Function> {
        let mut names: Vec<String> = src.params.clone();
        collect_assigned(&src.body, &mut names);
        let mut locals = HashMap::new();
        let mut vars = Vec::new();
        for n in names {
            if !locals.contains_key(&n) {
                locals.insert(n.clone(), vars.len());
                vars.push(ir::Var { name: n, ty: Ty::Unknown, maybe_unbound: false, fresh: true });
            }
        }
        for (i, t) in params.iter().enumerate() {
            vars[i].ty = t.clone();
            vars[i].fresh = false;
        }
        let nlocals = vars.len();
        let mut me = FnLower {
            session,
            func,
            spec,
            vars,
            locals,
            scopes: Vec::new(),
            site: 0,
            temp_counts: HashMap::new(),
            temp_keys: Vec::new(),
            temp_types: HashMap::new(),
            changed: false,
            rets: Vec::new(),
            assigned: None,
            calls: false,
        };
        for _ in 0..MAX_ROUNDS {
            me.changed = false;
            me.rets.clear();
            me.temp_counts.clear();
            me.temp_keys.clear();
            me.vars.truncate(nlocals);
            me.calls = false;
            me.assigned = Some((0..params.len()).collect());
            let mut body = me.block(&src.body)?;
            if me.assigned.is_some() {
                // Falls off the end: an implicit `return None`.
                me.rets.push(Ty::None);
                let value = me.coerce(Expr { kind: K::None, ty: Ty::None, line: src.line }, &me.current_ret())?;
                body.push(Stmt::Return(value));
            }
            // No return statement at all: the function always raises.
            let mut ret = if me.rets.is_empty() { Ty::Never } else { Ty::Unknown };
            for t in &me.rets {
                ret = join(&ret, t).ok_or_else(|| {
                    Reject::new(src.line, format!("`{}` returns both {} and {}", src.name, ret, t))
                })?;
            }
            if !me.changed {
                return Ok(ir::Function {
                    name: src.name.clone(),
                    line: src.line,
                    params: (0..params.len()).collect(),
                    param_tys: params.to_vec(),
                    vars: me.vars,
                    body,
                    ret,
                    calls: me.calls,
                });
            }
        }
        Err(Reject::new(src.line, "type inference did not settle"))
    }

    fn current_ret(&self) -> Ty {
        self.session.specs[self.spec].ret.clone()
    }

    // ------------------------------------------------------------ variables

    fn temp(&mut self, hint: &'static str) -> VarId {
        let count = self.temp_counts.entry((self.site, hint)).or_insert(0);
        let key = (self.site, hint, *count);
        *count += 1;
        let (ty, fresh) = self.temp_types.get(&key).cloned().unwrap_or((Ty::Unknown, true));
        let id = self.vars.len();
        self.vars.push(ir::Var { name: format!("{hint}.{}", id - self.locals.len()), ty, maybe_unbound: false, fresh });
        self.temp_keys.push(key);
        id
    }

    fn lookup_local(&self, name: &str) -> Option<VarId> {
        for scope in self.scopes.iter().rev() {
            if let Some(&v) = scope.get(name) {
                return Some(v);
            }
        }
        self.locals.get(name).copied()
    }

    /// Records that `v` receives a value of type `ty`, widening its type.
    fn widen(&mut self, v: VarId, ty: &Ty, fresh: bool, line: u32) -> R<()> {
        let old = self.vars[v].ty.clone();
        let new = join(&old, ty).ok_or_else(|| {
            Reject::new(line, format!("variable `{}` holds both {} and {}", self.vars[v].name, old, ty))
        })?;
        let new_fresh = self.vars[v].fresh && fresh;
        if new != old || new_fresh != self.vars[v].fresh {
            self.changed = true;
            self.vars[v].ty = new.clone();
            self.vars[v].fresh = new_fresh;
            if v >= self.locals.len() {
                let key = self.temp_keys[v - self.locals.len()];
                self.temp_types.insert(key, (new, new_fresh));
            }
        }
        Ok(())
    }

    fn assign_var(&mut self, v: VarId, value: Expr, line: u32) -> R<Stmt> {
        let fresh = self.is_fresh(&value);
        self.widen(v, &value.ty, fresh, line)?;
        let ty = self.vars[v].ty.clone();
        let value = self.coerce(value, &ty)?;
        if let Some(a) = &mut self.assigned {
            a.insert(v);
        }
        Ok(Stmt::Assign(v, value))
    }

    fn is_fresh(&self, e: &Expr) -> bool {
        match &e.kind {
            K::ListNew(_) | K::ListRepeat { .. } | K::ListCopy(_) | K::BytesList(_) => true,
            K::SeqSlice { seq, .. } => matches!(seq.ty, Ty::List(_)),
            K::Block(_, v) | K::Frame(v) => self.is_fresh(v),
            K::Var(v) => self.vars[*v].fresh,
            _ => !e.ty.holds_refs(),
        }
    }

    fn read_var(&mut self, v: VarId, line: u32) -> Expr {
        let bound = self.assigned.as_ref().is_none_or(|a| a.contains(&v));
        if !bound && !self.vars[v].maybe_unbound {
            self.vars[v].maybe_unbound = true;
        }
        Expr { kind: K::Var(v), ty: self.vars[v].ty.clone(), line }
    }

    // ------------------------------------------------------------ statements

    fn block(&mut self, stmts: &[syn::Stmt]) -> R<Vec<Stmt>> {
        let mut out = Vec::new();
        for s in stmts {
            self.stmt(s, &mut out)?;
        }
        Ok(out)
    }

    fn stmt(&mut self, s: &syn::Stmt, out: &mut Vec<Stmt>) -> R<()> {
        let saved = std::mem::replace(&mut self.site, s as *const syn::Stmt as usize);
        let result = self.stmt_at_site(s, out);
        self.site = saved;
        result
    }

    fn stmt_at_site(&mut self, s: &syn::Stmt, out: &mut Vec<Stmt>) -> R<()> {
        let line = s.line;
        match &s.kind {
            StmtKind::Pass | StmtKind::Declare(_) => {}
            StmtKind::Expr(e) => {
                if let S::Call { func, args, keywords } = &e.kind {
                    if let S::Attribute { value, attr } = &func.kind {
                        if matches!(attr.as_str(), "append" | "insert" | "extend") && keywords.is_empty() && self.is_list_method(value) {
                            return self.list_method(value, attr, args, line, out);
                        }
                    }
                }
                let e = self.expr(e)?;
                out.push(Stmt::Expr(e));
            }
            StmtKind::Assign { targets, value } => {
                let value = self.expr(value)?;
                if targets.len() == 1 {
                    self.assign_target(&targets[0], value, line, out)?;
                } else {
                    let t = self.temp("chain");
                    out.push(self.assign_var(t, value, line)?);
                    for target in targets {
                        let v = self.read_var(t, line);
                        self.assign_target(target, v, line, out)?;
                    }
                }
            }
            StmtKind::AugAssign { target, op, value } => match target {
                Target::Name(n) => {
                    let v = self.local(n, line)?;
                    let cur = self.read_var(v, line);
                    let rhs = self.expr(value)?;
                    let e = self.binary(*op, cur, rhs, line)?;
                    out.push(self.assign_var(v, e, line)?);
                }
                Target::Subscript { value: list, index } => {
                    if let S::Slice { .. } = index.kind {
                        return Err(Reject::new(line, "augmented assignment to a slice is not supported"));
                    }
                    let list = self.expr(list)?;
                    if let Ty::Dict(..) = list.ty {
                        return self.dict_aug_assign(list, index, *op, value, line, out);
                    }
                    if let Ty::Array(_, ndim, _) = list.ty {
                        return self.array_aug_assign(list, ndim, index, *op, value, line, out);
                    }
                    if !matches!(list.ty, Ty::List(_) | Ty::Unknown) {
                        return Err(Reject::new(line, format!("augmented assignment to an item of {}", list.ty)));
                    }
                    let tl = self.temp("list");
                    out.push(self.assign_var(tl, list, line)?);
                    let index = self.index_expr(index)?;
                    let ti = self.temp("index");
                    out.push(self.assign_var(ti, index, line)?);
                    let l = self.read_var(tl, line);
                    let i = self.read_var(ti, line);
                    let cur = self.list_get(l, i, line)?;
                    let rhs = self.expr(value)?;
                    let e = self.binary(*op, cur, rhs, line)?;
                    let l = self.read_var(tl, line);
                    let i = self.read_var(ti, line);
                    out.push(self.list_set(l, i, e, line)?);
                }
                Target::Tuple(_) => return Err(Reject::new(line, "augmented assignment to a tuple")),
            },
            StmtKind::If { test, body, orelse } => {
                let cond = self.test(test)?;
                let before = self.assigned.clone();
                let then = self.block(body)?;
                let after_then = std::mem::replace(&mut self.assigned, before);
                let orelse = self.block(orelse)?;
                self.assigned = meet(after_then, self.assigned.take());
                out.push(Stmt::If { cond, then, orelse });
            }
            StmtKind::While { test, body: loop_body, orelse } => {
                let cond = self.test(test)?;
                let before = self.assigned.clone();
                let body = self.block(loop_body)?;
                self.assigned = before.clone();
                let orelse = self.block(orelse)?;
                self.assigned = meet(before, self.assigned.take());
                // `while True:` without a `break` only leaves by returning.
                if matches!(test.kind, S::Bool(true)) || matches!(test.kind, S::Int(i) if i != 0) {
                    if !breaks(loop_body) {
                        self.assigned = None;
                    }
                }
                out.push(Stmt::While { cond, body, orelse });
            }
            StmtKind::For { target, iter, body, orelse } => {
                let stmts = match target {
                    Target::Name(n) => {
                        let var = self.local(n, line)?;
                        self.for_loop(var, iter, line, |me| me.block(body), |me| me.block(orelse))?
                    }
                    _ => {
                        // Unpacked from a hidden loop variable each round.
                        let var = self.temp("for.item");
                        let unpack = |me: &mut Self| {
                            let mut stmts = Vec::new();
                            let item = me.read_var(var, line);
                            me.assign_target(target, item, line, &mut stmts)?;
                            stmts.extend(me.block(body)?);
                            Ok(stmts)
                        };
                        self.for_loop(var, iter, line, unpack, |me| me.block(orelse))?
                    }
                };
                out.extend(stmts);
            }
            StmtKind::Break => {
                out.push(Stmt::Break);
                self.assigned = None;
            }
            StmtKind::Continue => {
                out.push(Stmt::Continue);
                self.assigned = None;
            }
            StmtKind::Return(value) => {
                let e = match value {
                    Some(v) => self.expr(v)?,
                    None => Expr { kind: K::None, ty: Ty::None, line },
                };
                if e.ty.contains_array() {
                    return Err(Reject::new(line, "returning a numpy array is not supported"));
                }
                self.rets.push(e.ty.clone());
                // Coerce to what the function returns so far, widened by this
                // value: a wider type here shows up in the next round.
                let e = match join(&self.current_ret(), &e.ty) {
                    Some(ret) if ret != Ty::Unknown => self.coerce(e, &ret)?,
                    _ => e,
                };
                out.push(Stmt::Return(e));
                self.assigned = None;
            }
            StmtKind::Raise => {
                out.push(Stmt::Bail(BailReason::Raise, line));
                self.assigned = None;
            }
            StmtKind::Assert { test } => {
                if self.session.opts.asserts {
                    let cond = self.test(test)?;
                    let not = Expr { kind: K::Unary(Unary::Not, Box::new(cond)), ty: Ty::Bool, line };
                    out.push(Stmt::If {
                        cond: not,
                        then: vec![Stmt::Bail(BailReason::AssertFailed, line)],
                        orelse: vec![],
                    });
                }
            }
        }
        Ok(())
    }

    fn local(&self, name: &str, line: u32) -> R<VarId> {
        self.lookup_local(name).ok_or_else(|| Reject::new(line, format!("`{name}` is not a local variable")))
    }

    /// `for var in iter:` over `range(...)` or a list; `body` and `orelse`
    /// lower the loop's statements once the loop variable is typed.
    fn for_loop(
        &mut self,
        var: VarId,
        iter: &syn::Expr,
        line: u32,
        body: impl FnOnce(&mut Self) -> R<Vec<Stmt>>,
        orelse: impl FnOnce(&mut Self) -> R<Vec<Stmt>>,
    ) -> R<Vec<Stmt>> {
        if let Some(args) = self.range_args(iter)? {
            let mut args = args
                .into_iter()
                .map(|a| self.int_operand(a, "range() arguments must be integers"))
                .collect::<R<Vec<_>>>()?;
            let int = |v: i64| Expr { kind: K::Int(v), ty: Ty::Int, line };
            let (start, stop, step) = match args.len() {
                1 => (int(0), args.remove(0), int(1)),
                2 => {
                    let stop = args.remove(1);
                    (args.remove(0), stop, int(1))
                }
                3 => {
                    let step = args.remove(2);
                    let stop = args.remove(1);
                    (args.remove(0), stop, step)
                }
                n => return Err(Reject::new(line, format!("range() with {n} arguments"))),
            };
            self.widen(var, &Ty::Int, true, line)?;
            let before = self.assigned.clone();
            if let Some(a) = &mut self.assigned {
                a.insert(var);
            }
            let body = body(self)?;
            self.assigned = before.clone();
            let orelse = orelse(self)?;
            self.assigned = meet(before, self.assigned.take());
            return Ok(vec![Stmt::ForRange { var, start, stop, step, body, orelse }]);
        }
        if let S::Call { func, args, keywords } = &iter.kind {
            if let (S::Name(n), true) = (&func.kind, keywords.is_empty()) {
                if self.lookup_local(n).is_none() {
                    match (self.global(n), args.as_slice()) {
                        (Global::Builtin(b), [seq]) if b == "enumerate" => {
                            let seq = self.expr(seq)?;
                            return self.seq_loop(var, vec![seq], true, line, body, orelse);
                        }
                        (Global::Builtin(b), [a, b2]) if b == "zip" => {
                            let seqs = vec![self.expr(a)?, self.expr(b2)?];
                            return self.seq_loop(var, seqs, false, line, body, orelse);
                        }
                        _ => {}
                    }
                }
            }
            if let (S::Attribute { value, attr }, true) = (&func.kind, args.is_empty() && keywords.is_empty()) {
                if matches!(attr.as_str(), "keys" | "values" | "items") {
                    let dict = self.expr(value)?;
                    if let Ty::Dict(..) | Ty::Unknown = dict.ty {
                        return self.for_dict(var, dict, attr, line, body, orelse);
                    }
                }
            }
        }
        let list = self.expr(iter)?;
        if let Ty::Tuple(_) = list.ty {
            return self.tuple_loop(var, list, line, body, orelse);
        }
        let elem = match &list.ty {
            Ty::List(e) => (**e).clone(),
            Ty::Unknown => Ty::Unknown,
            Ty::Dict(..) => return self.for_dict(var, list, "keys", line, body, orelse),
            Ty::Bytes | Ty::Array(..) => return self.seq_loop(var, vec![list], false, line, body, orelse),
            other => return Err(Reject::new(line, format!("iterating over {other} is not supported"))),
        };
        let elem = if elem == Ty::Unknown && matches!(list.ty, Ty::List(_)) { Ty::Float } else { elem };
        self.widen(var, &elem, false, line)?;
        let before = self.assigned.clone();
        if let Some(a) = &mut self.assigned {
            a.insert(var);
        }
        let body = body(self)?;
        self.assigned = before.clone();
        let orelse = orelse(self)?;
        self.assigned = meet(before, self.assigned.take());
        Ok(vec![Stmt::ForList { var, list, body, orelse }])
    }

    /// The arguments of `range(...)` if `e` is a call of the builtin.
    fn range_args<'e>(&mut self, e: &'e syn::Expr) -> R<Option<Vec<Expr>>> {
        if let S::Call { func, args, keywords } = &e.kind {
            if let (S::Name(n), true) = (&func.kind, keywords.is_empty()) {
                if self.lookup_local(n).is_none() && self.global(n) == Global::Builtin("range".into()) {
                    return Ok(Some(args.iter().map(|a| self.expr(a)).collect::<R<_>>()?));
                }
            }
        }
        Ok(None)
    }

    fn assign_target(&mut self, target: &Target, value: Expr, line: u32, out: &mut Vec<Stmt>) -> R<()> {
        match target {
            Target::Name(n) => {
                let v = self.local(n, line)?;
                out.push(self.assign_var(v, value, line)?);
            }
            Target::Subscript { value: list, index } => {
                if let S::Slice { .. } = index.kind {
                    return Err(Reject::new(line, "assignment to a slice is not supported"));
                }
                let list = self.expr(list)?;
                if let Ty::Dict(..) = list.ty {
                    let key = self.expr(index)?;
                    out.push(self.dict_set(list, key, value, line)?);
                    return Ok(());
                }
                if let Ty::Array(_, ndim, _) = list.ty {
                    let indices = self.array_indices(ndim, index, line)?;
                    out.push(self.array_set(list, indices, value, line)?);
                    return Ok(());
                }
                let index = self.index_expr(index)?;
                out.push(self.list_set(list, index, value, line)?);
            }
            Target::Tuple(targets) => {
                // Evaluate the whole right side first, as CPython does.
                let parts: Vec<Expr> = match (value.kind, &value.ty) {
                    (K::TupleNew(items), _) => items,
                    (kind, Ty::Tuple(tys)) => {
                        let whole = Expr { kind, ty: value.ty.clone(), line };
                        let t = self.temp("tuple");
                        out.push(self.assign_var(t, whole, line)?);
                        (0..tys.len())
                            .map(|i| {
                                let tv = self.read_var(t, line);
                                self.tuple_get(tv, i as i64, line)
                            })
                            .collect::<R<_>>()?
                    }
                    (_, Ty::Unknown) => return Ok(()),
                    (_, other) => return Err(Reject::new(line, format!("unpacking {other} is not supported"))),
                };
                if parts.len() != targets.len() {
                    return Err(Reject::new(
                        line,
                        format!("unpacking {} values into {} targets", parts.len(), targets.len()),
                    ));
                }
                let mut temps = Vec::new();
                for p in parts {
                    let t = self.temp("unpack");
                    out.push(self.assign_var(t, p, line)?);
                    temps.push(t);
                }
                for (target, t) in targets.iter().zip(temps) {
                    let v = self.read_var(t, line);
                    self.assign_target(target, v, line, out)?;
                }
            }
        }
        Ok(())
    }

    fn is_list_method(&mut self, value: &syn::Expr) -> bool {
        // `math.x(...)` is a function call, anything else with a method is a
        // list method (or unsupported).
        !matches!(&value.kind, S::Name(n) if self.lookup_local(n).is_none() && self.global(n) == Global::MathModule)
    }

    fn list_method(&mut self, value: &syn::Expr, attr: &str, args: &[syn::Expr], line: u32, out: &mut Vec<Stmt>) -> R<()> {
        let list = self.expr(value)?;
        if !matches!(list.ty, Ty::List(_) | Ty::Unknown) {
            return Err(Reject::new(line, format!("method `.{attr}()` of {} is not supported", list.ty)));
        }
        match (attr, args) {
            ("append", [item]) => {
                let item = self.expr(item)?;
                let list = self.widen_list_elem(list, &item.ty, line)?;
                let elem = list_elem(&list.ty);
                let value = self.coerce(item, &elem)?;
                out.push(Stmt::ListAppend { list, value });
                Ok(())
            }
            ("insert", [index, item]) => {
                let index = self.expr(index)?;
                let index = self.int_operand(index, "list indices must be integers")?;
                let item = self.expr(item)?;
                let list = self.widen_list_elem(list, &item.ty, line)?;
                let elem = list_elem(&list.ty);
                let value = self.coerce(item, &elem)?;
                out.push(Stmt::ListInsert { list, index, value });
                Ok(())
            }
            ("extend", [other]) => {
                let other = self.expr(other)?;
                let other_elem = match &other.ty {
                    Ty::List(e) => (**e).clone(),
                    Ty::Unknown => Ty::Unknown,
                    t => return Err(Reject::new(line, format!("`.extend()` with {t} is not supported"))),
                };
                // The items keep their objects: later reads check each one.
                let list = self.widen_list_elem(list, &other_elem, line)?;
                out.push(Stmt::ListExtend { list, other });
                Ok(())
            }
            _ => Err(Reject::new(line, format!("list method `.{attr}()` is not supported"))),
        }
    }

    /// Widens the element type of the variable a list expression reads, so a
    /// write of `ty` into it type-checks; returns the re-typed expression.
    fn widen_list_elem(&mut self, list: Expr, ty: &Ty, line: u32) -> R<Expr> {
        let Ty::List(elem) = &list.ty else { return Ok(list) };
        if matches!(ty, Ty::Bytes | Ty::Dict(..) | Ty::Array(..) | Ty::None) {
            return Err(Reject::new(line, format!("lists of {ty} are not supported")));
        }
        if **elem == *ty || ty == &Ty::Unknown {
            return Ok(list);
        }
        let new_elem = join(elem, ty)
            .ok_or_else(|| Reject::new(line, format!("a list of {elem} cannot also hold {ty}")))?;
        if new_elem == **elem {
            return Ok(list);
        }
        match &list.kind {
            K::Var(v) => {
                let fresh = self.vars[*v].fresh;
                self.widen(*v, &Ty::list(new_elem.clone()), fresh, line)?;
            }
            K::ListGet(outer, _) => {
                if let K::Var(v) = &outer.kind {
                    let fresh = self.vars[*v].fresh;
                    self.widen(*v, &Ty::list(Ty::list(new_elem.clone())), fresh, line)?;
                } else {
                    return Err(Reject::new(line, format!("a list of {elem} cannot also hold {ty}")));
                }
            }
            _ => return Err(Reject::new(line, format!("a list of {elem} cannot also hold {ty}"))),
        }
        Ok(Expr { ty: Ty::list(new_elem), ..list })
    }

    fn list_set(&mut self, list: Expr, index: Expr, value: Expr, line: u32) -> R<Stmt> {
        if list.ty == Ty::Unknown || index.ty == Ty::Unknown {
            return Ok(Stmt::Expr(value));
        }
        if !matches!(list.ty, Ty::List(_)) {
            return Err(Reject::new(line, format!("item assignment to {} is not supported", list.ty)));
        }
        let list = self.widen_list_elem(list, &value.ty, line)?;
        let elem = list_elem(&list.ty);
        let value = self.coerce(value, &elem)?;
        Ok(Stmt::ListSet { list, index, value })
    }


    // ------------------------------------------------------------ iteration

    /// `for var in seq` (bytes), `zip(a, b)` or `enumerate(seq)` over lists
    /// and bytes, as `idx = 0; while idx < len(s0) and ...: var = item;
    /// idx += 1; body` (the length re-read every round, like CPython's
    /// iterators), where the item is `s0[idx]`, `(s0[idx], s1[idx])` (zip) or
    /// `(idx, s0[idx])` (enumerate).
    fn seq_loop(
        &mut self,
        var: VarId,
        seqs: Vec<Expr>,
        enumerate: bool,
        line: u32,
        body: impl FnOnce(&mut Self) -> R<Vec<Stmt>>,
        orelse: impl FnOnce(&mut Self) -> R<Vec<Stmt>>,
    ) -> R<Vec<Stmt>> {
        let int = |v: i64| Expr { kind: K::Int(v), ty: Ty::Int, line };
        let mut stmts = Vec::new();
        let mut temps = Vec::new();
        for seq in seqs {
            if !matches!(seq.ty, Ty::List(_) | Ty::Bytes | Ty::Array(..) | Ty::Unknown) {
                return Err(Reject::new(line, format!("iterating over {} here is not supported", seq.ty)));
            }
            let t = self.temp("iter.seq");
            stmts.push(self.assign_var(t, seq, line)?);
            temps.push(t);
        }
        let idx = self.temp("iter.index");
        stmts.push(self.assign_var(idx, int(0), line)?);
        let mut cond: Option<Expr> = None;
        for &t in temps.iter().rev() {
            let (i, s) = (self.read_var(idx, line), self.read_var(t, line));
            let len = match s.ty {
                Ty::Array(..) => K::ArrayDim(Box::new(s), 0),
                _ => K::ListLen(Box::new(s)),
            };
            let len = Expr { kind: len, ty: Ty::Int, line };
            let more = Expr { kind: K::Compare(Cmp::Lt, Box::new(i), Box::new(len)), ty: Ty::Bool, line };
            cond = Some(match cond {
                None => more,
                Some(rest) => Expr { kind: K::Logic { and: true, left: Box::new(more), right: Box::new(rest) }, ty: Ty::Bool, line },
            });
        }
        let mut items = Vec::new();
        for &t in &temps {
            let (s, i) = (self.read_var(t, line), self.read_var(idx, line));
            items.push(match &s.ty {
                Ty::Bytes => Expr { kind: K::BytesGet(Box::new(s), Box::new(i)), ty: Ty::Int, line },
                Ty::Array(..) => {
                    let ty = s.ty.array_indexed(1);
                    Expr { kind: K::ArrayGet(Box::new(s), vec![i]), ty, line }
                }
                _ => self.list_get(s, i, line)?,
            });
        }
        if enumerate {
            items.insert(0, self.read_var(idx, line));
        }
        let item = if items.len() == 1 {
            items.pop().expect("one item")
        } else if items.iter().any(|i| i.ty.has_unknown()) {
            Self::unknown(line)
        } else {
            let ty = Ty::Tuple(items.iter().map(|i| i.ty.clone()).collect());
            Expr { kind: K::TupleNew(items), ty, line }
        };
        let before = self.assigned.clone();
        let mut loop_body = vec![self.assign_var(var, item, line)?];
        let i = self.read_var(idx, line);
        let next = Expr { kind: K::Arith(Arith::Add, Box::new(i), Box::new(int(1))), ty: Ty::Int, line };
        loop_body.push(self.assign_var(idx, next, line)?);
        loop_body.extend(body(self)?);
        self.assigned = before.clone();
        let orelse = orelse(self)?;
        self.assigned = meet(before, self.assigned.take());
        stmts.push(Stmt::While { cond: cond.expect("one sequence"), body: loop_body, orelse });
        Ok(stmts)
    }

    /// `for var in t` over a tuple whose items share a type: a counting loop
    /// that picks item `k` each round (`t[0] if k == 0 else ...`).
    fn tuple_loop(
        &mut self,
        var: VarId,
        tuple: Expr,
        line: u32,
        body: impl FnOnce(&mut Self) -> R<Vec<Stmt>>,
        orelse: impl FnOnce(&mut Self) -> R<Vec<Stmt>>,
    ) -> R<Vec<Stmt>> {
        let Ty::Tuple(tys) = tuple.ty.clone() else { unreachable!("a tuple") };
        let elem = tys.iter().try_fold(Ty::Unknown, |acc, t| join(&acc, t)).ok_or_else(|| {
            Reject::new(line, format!("iterating over a tuple of {} is not supported", tuple.ty))
        })?;
        let int = |v: i64| Expr { kind: K::Int(v), ty: Ty::Int, line };
        let t = self.temp("iter.tuple");
        let mut stmts = vec![self.assign_var(t, tuple, line)?];
        let k = self.temp("iter.index");
        self.widen(k, &Ty::Int, true, line)?;
        let before = self.assigned.clone();
        if let Some(a) = &mut self.assigned {
            a.insert(k);
        }
        let mut loop_body = Vec::new();
        if !tys.is_empty() {
            let mut pick: Option<Expr> = None;
            for i in (0..tys.len()).rev() {
                let tv = self.read_var(t, line);
                let item = self.tuple_get(tv, i as i64, line)?;
                let item = self.coerce(item, &elem)?;
                pick = Some(match pick {
                    None => item,
                    Some(rest) => {
                        let kv = self.read_var(k, line);
                        let is_i = Expr { kind: K::Compare(Cmp::Eq, Box::new(kv), Box::new(int(i as i64))), ty: Ty::Bool, line };
                        Expr { kind: K::IfExp(Box::new(is_i), Box::new(item), Box::new(rest)), ty: elem.clone(), line }
                    }
                });
            }
            loop_body.push(self.assign_var(var, pick.expect("an item"), line)?);
        }
        loop_body.extend(body(self)?);
        self.assigned = before.clone();
        let orelse = orelse(self)?;
        self.assigned = meet(before, self.assigned.take());
        let n = int(tys.len() as i64);
        stmts.push(Stmt::ForRange { var: k, start: int(0), stop: n, step: int(1), body: loop_body, orelse });
        Ok(stmts)
    }

    /// `for var in d` / `d.keys()` / `d.values()` / `d.items()`.
    fn for_dict(
        &mut self,
        var: VarId,
        dict: Expr,
        view: &str,
        line: u32,
        body: impl FnOnce(&mut Self) -> R<Vec<Stmt>>,
        orelse: impl FnOnce(&mut Self) -> R<Vec<Stmt>>,
    ) -> R<Vec<Stmt>> {
        let (kt, vt) = match &dict.ty {
            Ty::Dict(k, v) => ((**k).clone(), (**v).clone()),
            _ => (Ty::Unknown, Ty::Unknown),
        };
        let (key, value) = (self.temp("dict.key"), self.temp("dict.value"));
        self.widen(key, &kt, true, line)?;
        self.widen(value, &vt, true, line)?;
        let before = self.assigned.clone();
        if let Some(a) = &mut self.assigned {
            a.extend([key, value]);
        }
        let item = match view {
            "keys" => self.read_var(key, line),
            "values" => self.read_var(value, line),
            _ if kt.has_unknown() || vt == Ty::Unknown => Self::unknown(line),
            _ => {
                let items = vec![self.read_var(key, line), self.read_var(value, line)];
                Expr { kind: K::TupleNew(items), ty: Ty::Tuple(vec![kt, vt]), line }
            }
        };
        let mut loop_body = vec![self.assign_var(var, item, line)?];
        loop_body.extend(body(self)?);
        self.assigned = before.clone();
        let orelse = orelse(self)?;
        self.assigned = meet(before, self.assigned.take());
        Ok(vec![Stmt::ForDict { key, value, dict, body: loop_body, orelse }])
    }

    // ------------------------------------------------------------ dicts

    /// Widens the type of the variable a dict expression reads so it holds
    /// keys of `key` and values of `value`; returns the re-typed expression.
    fn widen_dict(&mut self, dict: Expr, key: &Ty, value: &Ty, line: u32) -> R<Expr> {
        let Ty::Dict(k, v) = &dict.ty else { return Ok(dict) };
        let bad = || Reject::new(line, format!("a {} cannot hold keys of {key} and values of {value}", dict.ty));
        let new = Ty::dict(join(k, key).ok_or_else(bad)?, join(v, value).ok_or_else(bad)?);
        let Ty::Dict(nk, nv) = &new else { unreachable!("a dict type") };
        if key_parts(nk).is_none() {
            return Err(Reject::new(line, format!("dict keys of {nk} are not supported (numbers, strs and tuples of those are)")));
        }
        if !(nv.is_numeric() || **nv == Ty::Unknown) {
            return Err(Reject::new(line, format!("dict values of {nv} are not supported (numbers are)")));
        }
        if new == dict.ty {
            return Ok(dict);
        }
        let K::Var(var) = dict.kind else { return Err(bad()) };
        let fresh = self.vars[var].fresh;
        self.widen(var, &new, fresh, line)?;
        Ok(Expr { ty: new, ..dict })
    }

    /// Checks that `key` can be looked up in `dict`: a number or a tuple of
    /// numbers of the dict's key shape.
    fn lookup_key(&self, dict: &Expr, key: &Expr, line: u32) -> R<()> {
        let Ty::Dict(k, _) = &dict.ty else { return Ok(()) };
        let Some(parts) = key_parts(&key.ty) else {
            return Err(Reject::new(line, format!("dict keys of {} are not supported", key.ty)));
        };
        match key_parts(k) {
            Some(kp) if **k != Ty::Unknown && kp.len() != parts.len() => {
                Err(Reject::new(line, format!("a key of {} in a {}", key.ty, dict.ty)))
            }
            _ => Ok(()),
        }
    }

    fn dict_set(&mut self, dict: Expr, key: Expr, value: Expr, line: u32) -> R<Stmt> {
        if key.ty.has_unknown() || value.ty == Ty::Unknown || dict.ty == Ty::Unknown {
            return Ok(Stmt::Expr(value));
        }
        let dict = self.widen_dict(dict, &key.ty, &value.ty, line)?;
        let Ty::Dict(k, v) = dict.ty.clone() else { unreachable!("a dict") };
        let key = self.coerce(key, &k)?;
        let value = self.coerce(value, &v)?;
        Ok(Stmt::DictSet { dict, key, value })
    }

    /// `{k: v, ...}`: keys and values evaluated in order, then stored.
    fn dict_display(&mut self, items: &[(syn::Expr, syn::Expr)], line: u32) -> R<Expr> {
        let t = self.temp("dict");
        let new = Expr { kind: K::DictNew, ty: Ty::dict(Ty::Unknown, Ty::Unknown), line };
        let mut stmts = vec![self.assign_var(t, new, line)?];
        for (k, v) in items {
            let (tk, tv) = (self.temp("dict.k"), self.temp("dict.v"));
            let k = self.expr(k)?;
            stmts.push(self.assign_var(tk, k, line)?);
            let v = self.expr(v)?;
            stmts.push(self.assign_var(tv, v, line)?);
            let (d, k, v) = (self.read_var(t, line), self.read_var(tk, line), self.read_var(tv, line));
            stmts.push(self.dict_set(d, k, v, line)?);
        }
        let value = self.read_var(t, line);
        let ty = value.ty.clone();
        Ok(Expr { kind: K::Block(stmts, Box::new(value)), ty, line })
    }

    /// `d[k] op= v`: `d` and `k` once, then get, `v`, the operation, set.
    fn dict_aug_assign(&mut self, dict: Expr, index: &syn::Expr, op: BinOp, value: &syn::Expr, line: u32, out: &mut Vec<Stmt>) -> R<()> {
        if !matches!(dict.kind, K::Var(_)) {
            return Err(Reject::new(line, "augmented assignment to an item of this dict expression"));
        }
        let key = self.expr(index)?;
        let tk = self.temp("dict.k");
        out.push(self.assign_var(tk, key, line)?);
        let k = self.read_var(tk, line);
        let cur = match &dict.ty {
            Ty::Dict(_, v) if **v != Ty::Unknown && !k.ty.has_unknown() => {
                self.lookup_key(&dict, &k, line)?;
                let ty = (**v).clone();
                Expr { kind: K::DictGet { dict: Box::new(dict.clone()), key: Box::new(k), default: None }, ty, line }
            }
            _ => Self::unknown(line),
        };
        let rhs = self.expr(value)?;
        let e = self.binary(op, cur, rhs, line)?;
        let k = self.read_var(tk, line);
        out.push(self.dict_set(dict, k, e, line)?);
        Ok(())
    }

    /// `max(d, key=d.get)` / `min(...)`.
    fn dict_extreme(&mut self, max: bool, arg: &syn::Expr, key_fn: &syn::Expr, line: u32) -> R<Expr> {
        let same_dict_get = match (&arg.kind, &key_fn.kind) {
            (S::Name(d), S::Attribute { value, attr }) => attr == "get" && matches!(&value.kind, S::Name(d2) if d2 == d),
            _ => false,
        };
        if !same_dict_get {
            return Err(Reject::new(line, "`key=` is supported as `max(d, key=d.get)` only"));
        }
        let dict = self.expr(arg)?;
        match &dict.ty {
            Ty::Dict(k, _) if **k != Ty::Unknown => {
                let ty = (**k).clone();
                Ok(Expr { kind: K::DictExtreme { max, dict: Box::new(dict) }, ty, line })
            }
            Ty::Dict(..) | Ty::Unknown => Ok(Self::unknown(line)),
            t => Err(Reject::new(line, format!("max(..., key=...) of {t} is not supported"))),
        }
    }

    /// A method call `value.attr(args)` on a dict, str or list.
    fn method(&mut self, value: &syn::Expr, attr: &str, args: &[syn::Expr], line: u32) -> R<Expr> {
        let recv = self.expr(value)?;
        let unsupported = |t: &Ty| Err(Reject::new(line, format!("method `.{attr}()` of {t} is not supported")));
        match (&recv.ty, attr) {
            (Ty::Str, "encode") => {
                let utf8 = match args {
                    [] => true,
                    [a] => matches!(&a.kind, S::Str(enc) if matches!(enc.to_ascii_lowercase().as_str(), "utf-8" | "utf8")),
                    _ => false,
                };
                if !utf8 {
                    return Err(Reject::new(line, "only `.encode(\"utf-8\")` is supported"));
                }
                return Ok(Expr { kind: K::StrEncode(Box::new(recv)), ty: Ty::Bytes, line });
            }
            (Ty::Unknown, _) => {
                for a in args {
                    self.expr(a)?;
                }
                return Ok(Self::unknown(line));
            }
            _ => {}
        }
        let mut args = args.iter().map(|a| self.expr(a)).collect::<R<Vec<_>>>()?;
        match (&recv.ty, attr, args.len()) {
            (Ty::List(_), "pop", 0 | 1) => {
                let index = match args.pop() {
                    Some(i) => self.int_operand(i, "list indices must be integers")?,
                    None => Expr { kind: K::Int(-1), ty: Ty::Int, line },
                };
                let elem = match list_elem(&recv.ty) {
                    Ty::Unknown => Ty::Float,
                    e => e,
                };
                if index.ty == Ty::Unknown {
                    return Ok(Self::unknown(line));
                }
                Ok(Expr { kind: K::ListPop(Box::new(recv), Box::new(index)), ty: elem, line })
            }
            (Ty::Dict(_, v), "get", 2) => {
                let v = (**v).clone();
                let default = args.pop().expect("default");
                let key = args.pop().expect("key");
                if key.ty.has_unknown() || default.ty == Ty::Unknown {
                    return Ok(Self::unknown(line));
                }
                self.lookup_key(&recv, &key, line)?;
                let ty = join(&v, &default.ty)
                    .filter(|t| t.is_numeric())
                    .ok_or_else(|| Reject::new(line, format!("`.get()` with a default of {} in a {}", default.ty, recv.ty)))?;
                let default = self.coerce(default, &ty)?;
                let kind = K::DictGet { dict: Box::new(recv), key: Box::new(key), default: Some(Box::new(default)) };
                Ok(Expr { kind, ty, line })
            }
            (Ty::Dict(..), "setdefault", 2) => {
                if !matches!(recv.kind, K::Var(_)) {
                    return Err(Reject::new(line, "`.setdefault()` of this dict expression"));
                }
                let default = args.pop().expect("default");
                let key = args.pop().expect("key");
                let (tk, tv) = (self.temp("dict.k"), self.temp("dict.v"));
                let mut stmts = vec![self.assign_var(tk, key, line)?, self.assign_var(tv, default, line)?];
                let (k, v) = (self.read_var(tk, line), self.read_var(tv, line));
                let set = self.dict_set(recv.clone(), k, v, line)?;
                let recv = match &recv.kind {
                    K::Var(d) => self.read_var(*d, line),
                    _ => unreachable!("checked above"),
                };
                let Ty::Dict(_, vt) = recv.ty.clone() else { unreachable!("a dict") };
                let k = self.read_var(tk, line);
                if k.ty.has_unknown() || *vt == Ty::Unknown {
                    return Ok(Self::unknown(line));
                }
                self.lookup_key(&recv, &k, line)?;
                let found = Expr { kind: K::DictContains(Box::new(recv.clone()), Box::new(k.clone())), ty: Ty::Bool, line };
                let missing = Expr { kind: K::Unary(Unary::Not, Box::new(found)), ty: Ty::Bool, line };
                stmts.push(Stmt::If { cond: missing, then: vec![set], orelse: vec![] });
                let value = Expr { kind: K::DictGet { dict: Box::new(recv), key: Box::new(k), default: None }, ty: (*vt).clone(), line };
                Ok(Expr { kind: K::Block(stmts, Box::new(value)), ty: *vt, line })
            }
            (t, _, _) => unsupported(t),
        }
    }

    // ------------------------------------------------------------ expressions

    fn unknown(line: u32) -> Expr {
        Expr { kind: K::Pending, ty: Ty::Unknown, line }
    }

    /// A value of the parts' known type while some parts are still unknown,
    /// so recursion through one arm of a conditional can settle.
    fn pending(ty: Ty, line: u32) -> Expr {
        Expr { kind: K::Pending, ty, line }
    }

    fn global(&mut self, name: &str) -> Global {
        self.session.resolver.global(self.func, name)
    }

    fn expr(&mut self, e: &syn::Expr) -> R<Expr> {
        let saved = std::mem::replace(&mut self.site, e as *const syn::Expr as usize);
        let result = self.expr_at_site(e);
        self.site = saved;
        result
    }

    fn expr_at_site(&mut self, e: &syn::Expr) -> R<Expr> {
        let line = e.line;
        let ex = |kind, ty| Expr { kind, ty, line };
        Ok(match &e.kind {
            S::Int(i) => ex(K::Int(*i), Ty::Int),
            S::Float(f) => ex(K::Float(*f), Ty::Float),
            S::Bool(b) => ex(K::Bool(*b), Ty::Bool),
            S::None => ex(K::None, Ty::None),
            S::Name(n) => match self.lookup_local(n) {
                Some(v) => self.read_var(v, line),
                None => match self.global(n) {
                    Global::Int(i) => ex(K::Int(i), Ty::Int),
                    Global::Float(f) => ex(K::Float(f), Ty::Float),
                    Global::Bool(b) => ex(K::Bool(b), Ty::Bool),
                    Global::Unbound => return Err(Reject::new(line, format!("name `{n}` is not defined"))),
                    Global::Unsupported(t) => {
                        return Err(Reject::new(line, format!("global `{n}` of type {t} is not supported")))
                    }
                    _ => return Err(Reject::new(line, format!("`{n}` used as a value is not supported"))),
                },
            },
            S::Binary(op, a, b) => {
                let (a, b) = (self.expr(a)?, self.expr(b)?);
                self.binary(*op, a, b, line)?
            }
            S::Unary(op, a) => {
                let a = self.expr(a)?;
                self.unary(*op, a, line)?
            }
            S::BoolOp { and, values } => {
                let vals = values.iter().map(|v| self.expr(v)).collect::<R<Vec<_>>>()?;
                if vals.iter().any(|v| v.ty == Ty::Unknown) {
                    let known = vals.iter().try_fold(Ty::Unknown, |acc, v| join(&acc, &v.ty));
                    return Ok(Self::pending(known.unwrap_or(Ty::Unknown), line));
                }
                let mut ty = vals[0].ty.clone();
                for v in &vals[1..] {
                    ty = join(&ty, &v.ty).ok_or_else(|| {
                        Reject::new(line, format!("`and`/`or` over {} and {} is not supported", ty, v.ty))
                    })?;
                }
                let mut vals = vals.into_iter().map(|v| self.coerce(v, &ty)).collect::<R<Vec<_>>>()?;
                let mut acc = vals.pop().expect("two or more operands");
                while let Some(left) = vals.pop() {
                    acc = ex(K::Logic { and: *and, left: Box::new(left), right: Box::new(acc) }, ty.clone());
                }
                acc
            }
            S::Compare { left, ops, comparators } => {
                let left = self.expr(left)?;
                self.compare_chain(left, ops, comparators, line)?
            }
            S::IfExp { test, body, orelse } => {
                let cond = self.test(test)?;
                let (a, b) = (self.expr(body)?, self.expr(orelse)?);
                if a.ty == Ty::Unknown || b.ty == Ty::Unknown {
                    return Ok(Self::pending(join(&a.ty, &b.ty).unwrap_or(Ty::Unknown), line));
                }
                let ty = join(&a.ty, &b.ty).ok_or_else(|| {
                    Reject::new(line, format!("conditional expression of {} and {} is not supported", a.ty, b.ty))
                })?;
                let (a, b) = (self.coerce(a, &ty)?, self.coerce(b, &ty)?);
                ex(K::IfExp(Box::new(cond), Box::new(a), Box::new(b)), ty)
            }
            S::Call { func, args, keywords } => self.call(func, args, keywords, line)?,
            S::Str(text) => {
                // The parser turns a lone surrogate escape into U+FFFD.
                if text.contains('\u{fffd}') {
                    return Err(Reject::new(line, "a str constant with U+FFFD or a lone surrogate"));
                }
                let Some(handle) = self.session.resolver.str_constant(text) else {
                    return Err(Reject::new(line, "str constants as values are not supported here"));
                };
                ex(K::StrConst { text: text.clone(), handle }, Ty::Str)
            }
            S::Dict(items) => self.dict_display(items, line)?,
            S::Attribute { value, attr } => {
                if let S::Name(n) = &value.kind {
                    if self.lookup_local(n).is_none() && self.global(n) == Global::MathModule {
                        return match self.session.resolver.math_attr(attr) {
                            Global::Float(f) => Ok(ex(K::Float(f), Ty::Float)),
                            _ => Err(Reject::new(line, format!("`math.{attr}` used as a value is not supported"))),
                        };
                    }
                }
                let v = self.expr(value)?;
                return match v.ty {
                    Ty::Array(..) => self.array_attr(v, attr, line),
                    Ty::Unknown => Ok(Self::unknown(line)),
                    _ => Err(Reject::new(line, format!("attribute `.{attr}` of {} is not supported", v.ty))),
                };
            }
            S::Subscript { value, index } => {
                let v = self.expr(value)?;
                if let S::Slice { lower, upper } = &index.kind {
                    return self.seq_slice(v, lower.as_deref(), upper.as_deref(), line);
                }
                if let Ty::Array(..) = v.ty {
                    return self.array_get(v, index, line);
                }
                if let Ty::Dict(_, val) = &v.ty {
                    let ty = (**val).clone();
                    let key = self.expr(index)?;
                    if key.ty.has_unknown() || ty == Ty::Unknown {
                        return Ok(Self::unknown(line));
                    }
                    self.lookup_key(&v, &key, line)?;
                    let kind = K::DictGet { dict: Box::new(v), key: Box::new(key), default: None };
                    return Ok(ex(kind, ty));
                }
                let i = self.index_expr(index)?;
                match &v.ty {
                    Ty::Bytes => ex(K::BytesGet(Box::new(v), Box::new(i)), Ty::Int),
                    Ty::Str => ex(K::StrGet(Box::new(v), Box::new(i)), Ty::Str),
                    Ty::List(_) => self.list_get(v, i, line)?,
                    Ty::Tuple(_) => match i.kind {
                        K::Int(k) => self.tuple_get(v, k, line)?,
                        _ => return Err(Reject::new(line, "tuple index must be a constant")),
                    },
                    Ty::Unknown => Self::unknown(line),
                    other => return Err(Reject::new(line, format!("indexing {other} is not supported"))),
                }
            }
            S::List(items) => {
                let items = items.iter().map(|i| self.expr(i)).collect::<R<Vec<_>>>()?;
                self.list_new(items, line)?
            }
            S::Tuple(items) => {
                let items = items.iter().map(|i| self.expr(i)).collect::<R<Vec<_>>>()?;
                if items.iter().any(|i| i.ty.has_unknown()) {
                    return Ok(Self::unknown(line));
                }
                let ty = Ty::Tuple(items.iter().map(|i| i.ty.clone()).collect());
                ex(K::TupleNew(items), ty)
            }
            S::ListComp { elt, generators } => self.list_comp(elt, generators, line)?,
            S::Slice { .. } => return Err(Reject::new(line, "a slice outside a subscript")),
        })
    }

    /// `seq[lower:upper]` of a list (a new list), str or bytes.
    fn seq_slice(&mut self, seq: Expr, lower: Option<&syn::Expr>, upper: Option<&syn::Expr>, line: u32) -> R<Expr> {
        if !matches!(seq.ty, Ty::List(_) | Ty::Str | Ty::Bytes | Ty::Unknown) {
            return Err(Reject::new(line, format!("slicing {} is not supported", seq.ty)));
        }
        let mut bound = |b: Option<&syn::Expr>| -> R<Option<Box<Expr>>> {
            b.map(|x| {
                let e = self.expr(x)?;
                self.int_operand(e, "slice indices must be integers").map(Box::new)
            })
            .transpose()
        };
        let (lower, upper) = (bound(lower)?, bound(upper)?);
        if seq.ty == Ty::Unknown || lower.iter().chain(&upper).any(|b| b.ty == Ty::Unknown) {
            return Ok(Self::unknown(line));
        }
        let ty = seq.ty.clone();
        Ok(Expr { kind: K::SeqSlice { seq: Box::new(seq), lower, upper }, ty, line })
    }

    fn index_expr(&mut self, e: &syn::Expr) -> R<Expr> {
        let i = self.expr(e)?;
        self.int_operand(i, "list indices must be integers")
    }

    /// An operand that must be an int (bools count as ints).
    fn int_operand(&mut self, e: Expr, what: &str) -> R<Expr> {
        match e.ty {
            Ty::Int | Ty::Unknown => Ok(e),
            Ty::Bool => Ok(cast(e, Ty::Int)),
            _ => Err(Reject::new(e.line, format!("{what} (got {})", e.ty))),
        }
    }

    fn list_get(&mut self, list: Expr, index: Expr, line: u32) -> R<Expr> {
        let elem = match &list.ty {
            Ty::List(e) if **e == Ty::Unknown => Ty::Float,
            Ty::List(e) => (**e).clone(),
            _ => return Ok(Self::unknown(line)),
        };
        if index.ty == Ty::Unknown {
            return Ok(Self::unknown(line));
        }
        Ok(Expr { kind: K::ListGet(Box::new(list), Box::new(index)), ty: elem, line })
    }

    fn tuple_get(&mut self, tuple: Expr, k: i64, line: u32) -> R<Expr> {
        let Ty::Tuple(tys) = &tuple.ty else { return Ok(Self::unknown(line)) };
        let n = tys.len() as i64;
        let i = if k < 0 { k + n } else { k };
        if i < 0 || i >= n {
            return Err(Reject::new(line, "tuple index out of range"));
        }
        let ty = tys[i as usize].clone();
        Ok(Expr { kind: K::TupleGet(Box::new(tuple), i as usize), ty, line })
    }

    fn list_new(&mut self, items: Vec<Expr>, line: u32) -> R<Expr> {
        let mut elem = Ty::Unknown;
        for i in &items {
            if matches!(i.ty, Ty::Tuple(_) | Ty::None | Ty::Array(..) | Ty::Bytes | Ty::Dict(..)) {
                return Err(Reject::new(line, format!("lists of {} are not supported", i.ty)));
            }
            elem = join(&elem, &i.ty)
                .ok_or_else(|| Reject::new(line, format!("a list of {} and {} is not supported", elem, i.ty)))?;
        }
        let items = items.into_iter().map(|i| self.coerce(i, &elem)).collect::<R<Vec<_>>>()?;
        Ok(Expr { kind: K::ListNew(items), ty: Ty::list(elem), line })
    }

    fn list_comp(&mut self, elt: &syn::Expr, generators: &[syn::Comprehension], line: u32) -> R<Expr> {
        let result = self.temp("comp");
        let mut stmts = Vec::new();
        let empty = Expr { kind: K::ListNew(vec![]), ty: Ty::list(Ty::Unknown), line };
        stmts.push(self.assign_var(result, empty, line)?);
        self.scopes.push(HashMap::new());
        let saved = self.assigned.clone();
        let lowered = self.comp_level(result, elt, generators, line);
        self.assigned = saved;
        self.scopes.pop();
        stmts.extend(lowered?);
        let value = self.read_var(result, line);
        let ty = value.ty.clone();
        let block = Expr { kind: K::Block(stmts, Box::new(value)), ty: ty.clone(), line };
        if !self.session.opts.comprehension_frames {
            return Ok(block);
        }
        // The frame also covers the first iterable, which CPython evaluates
        // one frame up: counting one level too many is safe (native code
        // bails out, CPython re-runs the call), one too few would not be.
        Ok(Expr { kind: K::Frame(Box::new(block)), ty, line })
    }

    fn comp_level(&mut self, result: VarId, elt: &syn::Expr, gens: &[syn::Comprehension], line: u32) -> R<Vec<Stmt>> {
        let Some((g, rest)) = gens.split_first() else {
            let item = self.expr(elt)?;
            let list = self.read_var(result, line);
            let list = self.widen_list_elem(list, &item.ty, line)?;
            let elem = list_elem(&list.ty);
            let value = self.coerce(item, &elem)?;
            return Ok(vec![Stmt::ListAppend { list, value }]);
        };
        let Target::Name(n) = &g.target else {
            return Err(Reject::new(line, "comprehension targets other than a single name are not supported"));
        };
        let var = self.temp("for");
        self.vars[var].name = format!("{n}.{var}");
        let name = n.clone();
        self.for_loop(
            var,
            &g.iter,
            line,
            |me| {
                // Bound after its own iterable is evaluated: the first
                // iterable sees the enclosing scope, as in CPython.
                me.scopes.last_mut().expect("comprehension scope").insert(name, var);
                let mut inner = me.comp_level(result, elt, rest, line)?;
                for cond in g.ifs.iter().rev() {
                    let c = me.test(cond)?;
                    inner = vec![Stmt::If { cond: c, then: inner, orelse: vec![] }];
                }
                Ok(inner)
            },
            |_| Ok(vec![]),
        )
    }

    /// `a < b < c`: `a` then `b` evaluated once each, left to right, and
    /// `c` only when `a < b` holds, as in CPython.
    fn compare_chain(&mut self, left: Expr, ops: &[CmpOp], rest: &[syn::Expr], line: u32) -> R<Expr> {
        if ops.len() == 1 {
            let right = self.expr(&rest[0])?;
            return self.compare(ops[0], left, right, line);
        }
        let tl = self.temp("cmp.left");
        let assign_left = self.assign_var(tl, left, line)?;
        let right = self.expr(&rest[0])?;
        let tr = self.temp("cmp");
        let assign_right = self.assign_var(tr, right, line)?;
        let (lv, rv) = (self.read_var(tl, line), self.read_var(tr, line));
        let first = self.compare(ops[0], lv, rv, line)?;
        let rv = self.read_var(tr, line);
        let tail = self.compare_chain(rv, &ops[1..], &rest[1..], line)?;
        let logic = Expr { kind: K::Logic { and: true, left: Box::new(first), right: Box::new(tail) }, ty: Ty::Bool, line };
        Ok(Expr { kind: K::Block(vec![assign_left, assign_right], Box::new(logic)), ty: Ty::Bool, line })
    }

    fn compare(&mut self, op: CmpOp, a: Expr, b: Expr, line: u32) -> R<Expr> {
        if a.ty.has_unknown() || b.ty == Ty::Unknown {
            return Ok(Expr { kind: K::Bool(false), ty: Ty::Bool, line });
        }
        if let (Ty::Str, Ty::Str) = (&a.ty, &b.ty) {
            let found = match op {
                CmpOp::In | CmpOp::NotIn => K::StrContains { haystack: Box::new(b), needle: Box::new(a) },
                CmpOp::Eq | CmpOp::Ne => K::StrEq(Box::new(a), Box::new(b)),
                _ => return Err(Reject::new(line, "ordering comparisons of str are not supported")),
            };
            let found = Expr { kind: found, ty: Ty::Bool, line };
            return Ok(match op {
                CmpOp::NotIn | CmpOp::Ne => Expr { kind: K::Unary(Unary::Not, Box::new(found)), ty: Ty::Bool, line },
                _ => found,
            });
        }
        if let CmpOp::In | CmpOp::NotIn = op {
            if !matches!(b.ty, Ty::Dict(..)) {
                return Err(Reject::new(line, format!("`in` of {} is not supported", b.ty)));
            }
            self.lookup_key(&b, &a, line)?;
            let found = Expr { kind: K::DictContains(Box::new(b), Box::new(a)), ty: Ty::Bool, line };
            if op == CmpOp::In {
                return Ok(found);
            }
            return Ok(Expr { kind: K::Unary(Unary::Not, Box::new(found)), ty: Ty::Bool, line });
        }
        if let (Ty::Tuple(_), Ty::Tuple(_)) = (&a.ty, &b.ty) {
            return self.tuple_compare(op, a, b, line);
        }
        let op = match op {
            CmpOp::Eq => Cmp::Eq,
            CmpOp::Ne => Cmp::Ne,
            CmpOp::Lt => Cmp::Lt,
            CmpOp::Le => Cmp::Le,
            CmpOp::Gt => Cmp::Gt,
            CmpOp::Ge => Cmp::Ge,
            CmpOp::In | CmpOp::NotIn => unreachable!("handled above"),
        };
        if a.ty.np_dtype().is_some() || b.ty.np_dtype().is_some() {
            return self.np_compare(op, a, b, line);
        }
        if !a.ty.is_numeric() || !b.ty.is_numeric() {
            return Err(Reject::new(line, format!("comparing {} with {} is not supported", a.ty, b.ty)));
        }
        let (a, b) = self.unify_numbers(a, b);
        Ok(Expr { kind: K::Compare(op, Box::new(a), Box::new(b)), ty: Ty::Bool, line })
    }

    /// `a op b` of two tuples of numbers, as CPython compares them: the
    /// first pair of items that differ decides, else the lengths. CPython
    /// takes an object as equal to itself (a NaN too), which native values
    /// cannot tell: a NaN item bails out.
    fn tuple_compare(&mut self, op: CmpOp, a: Expr, b: Expr, line: u32) -> R<Expr> {
        let (Ty::Tuple(ta), Ty::Tuple(tb)) = (a.ty.clone(), b.ty.clone()) else { unreachable!("two tuples") };
        let ex = |kind| Expr { kind, ty: Ty::Bool, line };
        let (va, vb) = (self.temp("cmp.tuple"), self.temp("cmp.tuple"));
        let mut stmts = vec![self.assign_var(va, a, line)?, self.assign_var(vb, b, line)?];
        let n = ta.len().min(tb.len());
        let mut parts = Vec::new();
        for (v, tys) in [(va, &ta), (vb, &tb)] {
            for (i, t) in tys.iter().enumerate() {
                if !(t.is_numeric() || t.np_dtype().is_some()) {
                    return Err(Reject::new(line, format!("comparing tuples holding {t} is not supported")));
                }
                let tv = self.read_var(v, line);
                let item = self.tuple_get(tv, i as i64, line)?;
                if i < n && (matches!(t, Ty::Float | Ty::Num) || t.np_dtype().is_some_and(|d| d.is_float())) {
                    let nan = ex(K::Unary(Unary::IsNan, Box::new(to_float(item.clone()))));
                    stmts.push(Stmt::If { cond: nan, then: vec![Stmt::Bail(BailReason::Unrepresentable, line)], orelse: vec![] });
                }
                parts.push(item);
            }
        }
        let (pa, pb) = parts.split_at(ta.len());
        // All of the first n items equal: the lengths decide.
        let (la, lb) = (ta.len() as i64, tb.len() as i64);
        let by_len = match op {
            CmpOp::Eq => la == lb,
            CmpOp::Ne => la != lb,
            CmpOp::Lt => la < lb,
            CmpOp::Le => la <= lb,
            CmpOp::Gt => la > lb,
            CmpOp::Ge => la >= lb,
            CmpOp::In | CmpOp::NotIn => unreachable!("handled by the caller"),
        };
        let mut acc = ex(K::Bool(by_len));
        for i in (0..n).rev() {
            let eq = self.compare(CmpOp::Eq, pa[i].clone(), pb[i].clone(), line)?;
            let eq = truth(eq);
            acc = match op {
                CmpOp::Eq => ex(K::Logic { and: true, left: Box::new(eq), right: Box::new(acc) }),
                CmpOp::Ne => {
                    let ne = ex(K::Unary(Unary::Not, Box::new(eq)));
                    ex(K::Logic { and: false, left: Box::new(ne), right: Box::new(acc) })
                }
                _ => {
                    let decide = self.compare(op, pa[i].clone(), pb[i].clone(), line)?;
                    ex(K::IfExp(Box::new(eq), Box::new(acc), Box::new(truth(decide))))
                }
            };
        }
        Ok(Expr { kind: K::Block(stmts, Box::new(acc)), ty: Ty::Bool, line })
    }

    /// Brings two numbers to one representation without changing any
    /// CPython-visible semantics: bools become ints; int and float become
    /// float only for constants that convert exactly, else both become Num.
    fn unify_numbers(&mut self, a: Expr, b: Expr) -> (Expr, Expr) {
        let a = if a.ty == Ty::Bool { cast(a, Ty::Int) } else { a };
        let b = if b.ty == Ty::Bool { cast(b, Ty::Int) } else { b };
        match (&a.ty, &b.ty) {
            (x, y) if x == y => (a, b),
            (Ty::Float, Ty::Int) if exact_int_const(&b) => {
                let b = cast(b, Ty::Float);
                (a, b)
            }
            (Ty::Int, Ty::Float) if exact_int_const(&a) => (cast(a, Ty::Float), b),
            _ => (cast(a, Ty::Num), cast(b, Ty::Num)),
        }
    }

    /// The condition of `if`/`while`/comprehension filters: only truthiness
    /// matters, so `and`/`or` may mix operand types here.
    fn test(&mut self, e: &syn::Expr) -> R<Expr> {
        let line = e.line;
        match &e.kind {
            S::BoolOp { and, values } => {
                let mut vals = values.iter().map(|v| self.test(v)).collect::<R<Vec<_>>>()?;
                let mut acc = vals.pop().expect("two or more operands");
                while let Some(left) = vals.pop() {
                    acc = Expr { kind: K::Logic { and: *and, left: Box::new(left), right: Box::new(acc) }, ty: Ty::Bool, line };
                }
                Ok(acc)
            }
            S::Unary(UnaryOp::Not, inner) => {
                let c = self.test(inner)?;
                Ok(Expr { kind: K::Unary(Unary::Not, Box::new(c)), ty: Ty::Bool, line })
            }
            _ => {
                let v = self.expr(e)?;
                Ok(truth(v))
            }
        }
    }

    fn unary(&mut self, op: UnaryOp, a: Expr, line: u32) -> R<Expr> {
        if a.ty == Ty::Unknown {
            return Ok(Self::unknown(line));
        }
        let num = |me: &Self, a: &Expr| {
            if a.ty.is_numeric() || a.ty.np_dtype().is_some_and(|d| d != Dtype::Bool) {
                Ok(())
            } else {
                Err(Reject::new(line, format!("unary operator on {} is not supported", me.show(&a.ty))))
            }
        };
        Ok(match op {
            UnaryOp::Not => {
                let t = truth(a);
                Expr { kind: K::Unary(Unary::Not, Box::new(t)), ty: Ty::Bool, line }
            }
            UnaryOp::Pos => {
                num(self, &a)?;
                if a.ty == Ty::Bool { cast(a, Ty::Int) } else { a }
            }
            UnaryOp::Neg => {
                num(self, &a)?;
                let a = if a.ty == Ty::Bool { cast(a, Ty::Int) } else { a };
                if let K::Int(i) = a.kind {
                    if let Some(n) = i.checked_neg() {
                        return Ok(Expr { kind: K::Int(n), ty: Ty::Int, line });
                    }
                }
                if let K::Float(f) = a.kind {
                    return Ok(Expr { kind: K::Float(-f), ty: Ty::Float, line });
                }
                let ty = a.ty.clone();
                Expr { kind: K::Unary(Unary::Neg, Box::new(a)), ty, line }
            }
            UnaryOp::Invert => {
                let a = self.int_operand(a, "`~` needs an int")?;
                Expr { kind: K::Unary(Unary::Invert, Box::new(a)), ty: Ty::Int, line }
            }
        })
    }

    fn show(&self, t: &Ty) -> String {
        t.to_string()
    }

    fn binary(&mut self, op: BinOp, a: Expr, b: Expr, line: u32) -> R<Expr> {
        if a.ty == Ty::Unknown || b.ty == Ty::Unknown {
            return Ok(Self::unknown(line));
        }
        // `[x] * n` and `n * [x]`.
        if op == BinOp::Mul {
            let (list, count) = match (&a.ty, &b.ty) {
                (Ty::List(_), _) => (Some(a.clone()), b.clone()),
                (_, Ty::List(_)) => (Some(b.clone()), a.clone()),
                _ => (None, a.clone()),
            };
            if let Some(list) = list {
                let count = self.int_operand(count, "can't multiply sequence by non-int")?;
                let ty = list.ty.clone();
                return match list.kind {
                    K::ListNew(mut items) if items.len() == 1 => {
                        let item = items.pop().expect("one item");
                        Ok(Expr { kind: K::ListRepeat { item: Box::new(item), count: Box::new(count) }, ty, line })
                    }
                    _ => Err(Reject::new(line, "only `[x] * n` list repetition is supported")),
                };
            }
        }
        let arith = match op {
            BinOp::Add => Arith::Add,
            BinOp::Sub => Arith::Sub,
            BinOp::Mul => Arith::Mul,
            BinOp::Div => Arith::Div,
            BinOp::FloorDiv => Arith::FloorDiv,
            BinOp::Mod => Arith::Mod,
            BinOp::Pow => Arith::Pow,
            BinOp::LShift => Arith::LShift,
            BinOp::RShift => Arith::RShift,
            BinOp::BitAnd => Arith::BitAnd,
            BinOp::BitOr => Arith::BitOr,
            BinOp::BitXor => Arith::BitXor,
        };
        if a.ty.np_dtype().is_some() || b.ty.np_dtype().is_some() {
            return self.np_binary(arith, a, b, line);
        }
        if !a.ty.is_numeric() || !b.ty.is_numeric() {
            return Err(Reject::new(line, format!("{:?} of {} and {} is not supported", op, a.ty, b.ty)));
        }
        let bitwise = matches!(arith, Arith::LShift | Arith::RShift | Arith::BitAnd | Arith::BitOr | Arith::BitXor);
        if bitwise {
            // bool & bool stays bool in Python.
            if a.ty == Ty::Bool && b.ty == Ty::Bool && matches!(arith, Arith::BitAnd | Arith::BitOr | Arith::BitXor) {
                return Ok(Expr { kind: K::Arith(arith, Box::new(a), Box::new(b)), ty: Ty::Bool, line });
            }
            let a = self.int_operand(a, "bitwise operators need ints")?;
            let b = self.int_operand(b, "bitwise operators need ints")?;
            return Ok(Expr { kind: K::Arith(arith, Box::new(a), Box::new(b)), ty: Ty::Int, line });
        }
        let a = if a.ty == Ty::Bool { cast(a, Ty::Int) } else { a };
        let b = if b.ty == Ty::Bool { cast(b, Ty::Int) } else { b };
        let (a, b, ty) = match (&a.ty, &b.ty) {
            (Ty::Int, Ty::Int) => {
                let ty = match arith {
                    Arith::Div => Ty::Float,
                    Arith::Pow => match b.kind {
                        K::Int(e) if e >= 0 => Ty::Int,
                        K::Int(_) => Ty::Float,
                        _ => Ty::Num,
                    },
                    _ => Ty::Int,
                };
                if ty == Ty::Num {
                    (cast(a, Ty::Num), cast(b, Ty::Num), ty)
                } else if ty == Ty::Float && arith == Arith::Pow {
                    (cast(a, Ty::Float), cast(b, Ty::Float), ty)
                } else {
                    (a, b, ty)
                }
            }
            (Ty::Float, Ty::Float) => (a, b, Ty::Float),
            (Ty::Float, Ty::Int) => (a, cast(b, Ty::Float), Ty::Float),
            (Ty::Int, Ty::Float) => (cast(a, Ty::Float), b, Ty::Float),
            _ => {
                // A Num is involved: the result is a float whenever a float
                // operand or `/` forces it, else it follows the run-time tag.
                let float = a.ty == Ty::Float || b.ty == Ty::Float || arith == Arith::Div;
                (cast(a, Ty::Num), cast(b, Ty::Num), if float { Ty::Float } else { Ty::Num })
            }
        };
        Ok(Expr { kind: K::Arith(arith, Box::new(a), Box::new(b)), ty, line })
    }

    /// Converts `e` to `to` for storing, joining or returning; only
    /// representation changes that keep CPython's value and type.
    fn coerce(&mut self, e: Expr, to: &Ty) -> R<Expr> {
        if &e.ty == to || e.ty == Ty::Unknown || to == &Ty::Unknown {
            return Ok(e);
        }
        match (&e.ty, to) {
            (Ty::Int | Ty::Float, Ty::Num) => Ok(cast(e, Ty::Num)),
            (from, Ty::MaybeNp(d)) if *from == d.py_kind() || *from == Ty::Np(*d) => Ok(cast(e, to.clone())),
            (Ty::Never, _) => {
                let line = e.line;
                Ok(Expr { kind: K::Cast(Box::new(e)), ty: to.clone(), line })
            }
            (Ty::List(_), Ty::List(_)) | (Ty::Dict(..), Ty::Dict(..)) => Ok(Expr { ty: to.clone(), ..e }),
            (Ty::Tuple(_), Ty::Tuple(tys)) => {
                let line = e.line;
                let tys = tys.clone();
                match e.kind {
                    K::TupleNew(items) => {
                        let items =
                            items.into_iter().zip(&tys).map(|(i, t)| self.coerce(i, t)).collect::<R<Vec<_>>>()?;
                        Ok(Expr { kind: K::TupleNew(items), ty: to.clone(), line })
                    }
                    kind => {
                        let whole = Expr { kind, ty: e.ty.clone(), line };
                        let t = self.temp("tuple");
                        let assign = self.assign_var(t, whole, line)?;
                        let mut items = Vec::new();
                        for (i, ty) in tys.iter().enumerate() {
                            let tv = self.read_var(t, line);
                            let item = self.tuple_get(tv, i as i64, line)?;
                            items.push(self.coerce(item, ty)?);
                        }
                        let value = Expr { kind: K::TupleNew(items), ty: to.clone(), line };
                        Ok(Expr { kind: K::Block(vec![assign], Box::new(value)), ty: to.clone(), line })
                    }
                }
            }
            _ => Err(Reject::new(e.line, format!("a value of {} where {} is expected", e.ty, to))),
        }
    }

    // ------------------------------------------------------------ calls

    fn call(&mut self, func: &syn::Expr, args: &[syn::Expr], keywords: &[(String, syn::Expr)], line: u32) -> R<Expr> {
        if let S::Name(n) = &func.kind {
            if let [(k, key_fn)] = keywords {
                let extreme = matches!(n.as_str(), "max" | "min") && self.lookup_local(n).is_none();
                if extreme && k == "key" && args.len() == 1 && self.global(n) == Global::Builtin(n.clone()) {
                    return self.dict_extreme(n == "max", &args[0], key_fn, line);
                }
            }
        }
        if let Some((name, _)) = keywords.first() {
            return Err(Reject::new(line, format!("keyword argument `{name}=` is not supported here")));
        }
        if let S::Attribute { value, attr } = &func.kind {
            let is_math = matches!(&value.kind, S::Name(m) if self.lookup_local(m).is_none() && self.global(m) == Global::MathModule);
            if !is_math {
                return self.method(value, attr, args, line);
            }
        }
        let callee = match &func.kind {
            S::Name(n) => {
                if self.lookup_local(n).is_some() {
                    return Err(Reject::new(line, format!("calling local variable `{n}` is not supported")));
                }
                self.global(n)
            }
            S::Attribute { value, attr } => match &value.kind {
                S::Name(m) if self.lookup_local(m).is_none() && self.global(m) == Global::MathModule => {
                    self.session.resolver.math_attr(attr)
                }
                _ => return Err(Reject::new(line, format!("method call `.{attr}()` is not supported here"))),
            },
            _ => return Err(Reject::new(line, "calling this expression is not supported")),
        };
        let args = args.iter().map(|a| self.expr(a)).collect::<R<Vec<_>>>()?;
        match callee {
            Global::Function(f) => {
                if args.iter().any(|a| a.ty.has_unknown()) {
                    return Ok(Self::unknown(line));
                }
                let tys: Vec<Ty> = args.iter().map(|a| a.ty.clone()).collect();
                let spec = self.session.spec_for(f, tys, line)?;
                self.calls = true;
                let ret = self.session.specs[spec].ret.clone();
                if ret == Ty::Unknown {
                    return Ok(Self::unknown(line));
                }
                Ok(Expr { kind: K::Call(spec, args), ty: ret, line })
            }
            Global::Builtin(name) => self.builtin(&name, args, line),
            Global::MathFn(name) => self.math(&name, args, line),
            Global::Unbound => Err(Reject::new(line, "call of an undefined name")),
            Global::Unsupported(t) => Err(Reject::new(line, format!("calling a {t} is not supported"))),
            _ => Err(Reject::new(line, "call not supported")),
        }
    }

    fn builtin(&mut self, name: &str, mut args: Vec<Expr>, line: u32) -> R<Expr> {
        if args.iter().any(|a| a.ty == Ty::Unknown) {
            return Ok(Self::unknown(line));
        }
        let ex = |kind, ty| Expr { kind, ty, line };
        let arity = |n: usize, args: &Vec<Expr>| {
            if args.len() == n {
                Ok(())
            } else {
                Err(Reject::new(line, format!("{name}() with {} arguments is not supported", args.len())))
            }
        };
        Ok(match name {
            "len" => {
                arity(1, &args)?;
                let a = args.remove(0);
                match &a.ty {
                    Ty::List(_) | Ty::Str | Ty::Bytes => ex(K::ListLen(Box::new(a)), Ty::Int),
                    Ty::Dict(..) => ex(K::DictLen(Box::new(a)), Ty::Int),
                    Ty::Array(..) => ex(K::ArrayDim(Box::new(a), 0), Ty::Int),
                    Ty::Tuple(ts) => ex(K::Int(ts.len() as i64), Ty::Int),
                    t => return Err(Reject::new(line, format!("len() of {t} is not supported"))),
                }
            }
            "abs" => {
                arity(1, &args)?;
                let a = args.remove(0);
                let a = if a.ty == Ty::Bool { cast(a, Ty::Int) } else { a };
                if !a.ty.is_numeric() && a.ty.np_dtype().is_none_or(|d| d == Dtype::Bool) {
                    return Err(Reject::new(line, format!("abs() of {} is not supported", a.ty)));
                }
                let ty = a.ty.clone();
                ex(K::Unary(Unary::Abs, Box::new(a)), ty)
            }
            "int" => {
                arity(1, &args)?;
                let a = args.remove(0);
                match a.ty {
                    Ty::Int => a,
                    Ty::Bool => cast(a, Ty::Int),
                    Ty::Float | Ty::Num => ex(K::Unary(Unary::IntOf, Box::new(a)), Ty::Int),
                    Ty::Np(d) | Ty::MaybeNp(d) if d.is_float() => ex(K::Unary(Unary::IntOf, Box::new(to_float(a))), Ty::Int),
                    Ty::Np(_) | Ty::MaybeNp(_) => cast(a, Ty::Int),
                    t => return Err(Reject::new(line, format!("int() of {t} is not supported"))),
                }
            }
            "float" => {
                arity(1, &args)?;
                let a = args.remove(0);
                match a.ty {
                    Ty::Float => a,
                    Ty::Int | Ty::Bool | Ty::Num | Ty::Np(_) | Ty::MaybeNp(_) => cast(a, Ty::Float),
                    t => return Err(Reject::new(line, format!("float() of {t} is not supported"))),
                }
            }
            "bool" => {
                arity(1, &args)?;
                truth(args.remove(0))
            }
            "round" => match args.len() {
                1 => {
                    let a = args.remove(0);
                    match a.ty {
                        Ty::Int => a,
                        Ty::Bool => cast(a, Ty::Int),
                        Ty::Float | Ty::Num => ex(K::Unary(Unary::Round, Box::new(a)), Ty::Int),
                        // numpy floats round half to even to a Python int too.
                        Ty::Np(d) | Ty::MaybeNp(d) if d.is_float() => ex(K::Unary(Unary::Round, Box::new(to_float(a))), Ty::Int),
                        t => return Err(Reject::new(line, format!("round() of {t} is not supported"))),
                    }
                }
                2 if matches!(args[0].ty, Ty::Float | Ty::Int | Ty::Bool) && matches!(args[1].ty, Ty::Int | Ty::Bool) => {
                    // Decimal rounding is CPython's own (correctly rounded) code.
                    let idx = self.session.py_callable("builtins", "round", line)?;
                    let n = args.pop().expect("ndigits");
                    let x = args.pop().expect("number");
                    // round(True, n) is the int 1.
                    let x = if x.ty == Ty::Bool { cast(x, Ty::Int) } else { x };
                    let n = if n.ty == Ty::Bool { cast(n, Ty::Int) } else { n };
                    let ty = x.ty.clone();
                    ex(K::PyCall(idx, vec![x, n]), ty)
                }
                _ => return Err(Reject::new(line, "round() with these arguments is not supported natively")),
            },
            "min" | "max" => {
                let max = name == "max";
                if args.len() == 1 {
                    return self.min_max_list(max, args.remove(0), line);
                }
                if args.is_empty() {
                    return Err(Reject::new(line, format!("{name}() with no arguments")));
                }
                let mut ty = Ty::Unknown;
                for a in &args {
                    // Bools only among bools: the winner's type is visible.
                    let ok = matches!(a.ty, Ty::Int | Ty::Float | Ty::Num) || a.ty == Ty::Bool && matches!(ty, Ty::Unknown | Ty::Bool);
                    ty = join(&ty, &a.ty).filter(|_| ok).ok_or_else(|| {
                        Reject::new(line, format!("{name}() of {} and {} is not supported", ty, a.ty))
                    })?;
                }
                let args = args.into_iter().map(|a| self.coerce(a, &ty)).collect::<R<Vec<_>>>()?;
                ex(K::MinMax { max, args }, ty)
            }
            "sum" => {
                if args.is_empty() || args.len() > 2 {
                    return Err(Reject::new(line, format!("sum() with {} arguments", args.len())));
                }
                let start = if args.len() == 2 { args.pop().expect("start") } else { ex(K::Int(0), Ty::Int) };
                let start = if start.ty == Ty::Bool { cast(start, Ty::Int) } else { start };
                let list = args.pop().expect("iterable");
                let elem = match &list.ty {
                    Ty::List(e) => (**e).clone(),
                    t => return Err(Reject::new(line, format!("sum() of {t} is not supported"))),
                };
                let float_items = matches!(elem, Ty::Float | Ty::Unknown);
                if float_items && !self.session.opts.plain_float_sum {
                    return Err(Reject::new(line, "sum() of floats on this Python compensates rounding; left to CPython"));
                }
                // An int start stays the result for an empty list of floats.
                let ty = match (&elem, &start.ty) {
                    (Ty::Float | Ty::Unknown, Ty::Int) => Ty::Num,
                    (Ty::Float | Ty::Unknown | Ty::Int | Ty::Bool, Ty::Float) => Ty::Float,
                    (Ty::Int | Ty::Bool, Ty::Int) => Ty::Int,
                    _ => return Err(Reject::new(line, format!("sum() of {} from {} is not supported", list.ty, start.ty))),
                };
                ex(K::Sum { list: Box::new(list), start: Box::new(start) }, ty)
            }
            "list" => {
                arity(1, &args)?;
                let a = args.remove(0);
                match &a.ty {
                    Ty::List(_) => {
                        let ty = a.ty.clone();
                        ex(K::ListCopy(Box::new(a)), ty)
                    }
                    Ty::Bytes => ex(K::BytesList(Box::new(a)), Ty::list(Ty::Int)),
                    t => return Err(Reject::new(line, format!("list() of {t} is not supported"))),
                }
            }
            "range" => return Err(Reject::new(line, "range() outside a `for` loop is not supported")),
            other => return Err(Reject::new(line, format!("builtin `{other}()` is not supported"))),
        })
    }

    /// `min(xs)` / `max(xs)`: CPython keeps the first extreme item and raises
    /// on an empty list.
    fn min_max_list(&mut self, max: bool, list: Expr, line: u32) -> R<Expr> {
        let elem = match &list.ty {
            Ty::List(e) if matches!(**e, Ty::Int | Ty::Float | Ty::Num | Ty::Bool) => (**e).clone(),
            t => return Err(Reject::new(line, format!("{}() of {t} is not supported", if max { "max" } else { "min" }))),
        };
        let tl = self.temp("seq");
        let best = self.temp("best");
        let item = self.temp("item");
        let mut stmts = vec![self.assign_var(tl, list, line)?];
        let l = self.read_var(tl, line);
        let len = Expr { kind: K::ListLen(Box::new(l)), ty: Ty::Int, line };
        let zero = Expr { kind: K::Int(0), ty: Ty::Int, line };
        let empty = Expr { kind: K::Compare(Cmp::Eq, Box::new(len), Box::new(zero.clone())), ty: Ty::Bool, line };
        stmts.push(Stmt::If { cond: empty, then: vec![Stmt::Bail(BailReason::Raise, line)], orelse: vec![] });
        let l = self.read_var(tl, line);
        let first = Expr { kind: K::ListGet(Box::new(l), Box::new(zero)), ty: elem.clone(), line };
        stmts.push(self.assign_var(best, first, line)?);
        self.widen(item, &elem, false, line)?;
        let (iv, bv) = (self.read_var(item, line), self.read_var(best, line));
        let better = self.compare(if max { CmpOp::Gt } else { CmpOp::Lt }, iv, bv, line)?;
        let iv = self.read_var(item, line);
        let take = self.assign_var(best, iv, line)?;
        let l = self.read_var(tl, line);
        stmts.push(Stmt::ForList {
            var: item,
            list: l,
            body: vec![Stmt::If { cond: better, then: vec![take], orelse: vec![] }],
            orelse: vec![],
        });
        let value = self.read_var(best, line);
        Ok(Expr { kind: K::Block(stmts, Box::new(value)), ty: elem, line })
    }

    fn math(&mut self, name: &str, args: Vec<Expr>, line: u32) -> R<Expr> {
        if args.iter().any(|a| a.ty == Ty::Unknown) {
            return Ok(Self::unknown(line));
        }
        for a in &args {
            if !a.ty.is_numeric() && a.ty.np_dtype().is_none_or(|d| d == Dtype::Bool) {
                return Err(Reject::new(line, format!("math.{name}() of {} is not supported", a.ty)));
            }
        }
        let floats = |args: Vec<Expr>| args.into_iter().map(|a| to_float(a)).collect::<Vec<_>>();
        let ex = |kind, ty| Expr { kind, ty, line };
        let libm = match name {
            "sqrt" => Some(Libm::Sqrt),
            "exp" => Some(Libm::Exp),
            "expm1" => Some(Libm::Expm1),
            "log" if args.len() == 1 => Some(Libm::Log),
            "log2" => Some(Libm::Log2),
            "log10" => Some(Libm::Log10),
            "log1p" => Some(Libm::Log1p),
            "sin" => Some(Libm::Sin),
            "cos" => Some(Libm::Cos),
            "tan" => Some(Libm::Tan),
            "asin" => Some(Libm::Asin),
            "acos" => Some(Libm::Acos),
            "atan" => Some(Libm::Atan),
            "sinh" => Some(Libm::Sinh),
            "cosh" => Some(Libm::Cosh),
            "tanh" => Some(Libm::Tanh),
            "asinh" => Some(Libm::Asinh),
            "acosh" => Some(Libm::Acosh),
            "atanh" => Some(Libm::Atanh),
            "cbrt" => Some(Libm::Cbrt),
            "exp2" => Some(Libm::Exp2),
            "atan2" => Some(Libm::Atan2),
            "pow" => Some(Libm::Pow),
            "fmod" => Some(Libm::Fmod),
            _ => None,
        };
        if let Some(f) = libm {
            if args.len() != f.arity() {
                return Err(Reject::new(line, format!("math.{name}() with {} arguments", args.len())));
            }
            return Ok(ex(K::Libm(f, floats(args)), Ty::Float));
        }
        let one = |args: &Vec<Expr>| {
            if args.len() == 1 {
                Ok(())
            } else {
                Err(Reject::new(line, format!("math.{name}() with {} arguments", args.len())))
            }
        };
        let to_int = |op: Unary, mut args: Vec<Expr>| -> R<Expr> {
            one(&args)?;
            let a = args.remove(0);
            Ok(match a.ty {
                Ty::Int => a,
                Ty::Bool => cast(a, Ty::Int),
                _ => ex(K::Unary(op, Box::new(a)), Ty::Int),
            })
        };
        let pred = |op: Unary, args: Vec<Expr>| -> R<Expr> {
            one(&args)?;
            Ok(ex(K::Unary(op, Box::new(floats(args).remove(0))), Ty::Bool))
        };
        Ok(match name {
            "floor" => to_int(Unary::Floor, args)?,
            "ceil" => to_int(Unary::Ceil, args)?,
            "trunc" => to_int(Unary::Trunc, args)?,
            "fabs" => {
                one(&args)?;
                ex(K::Unary(Unary::Fabs, Box::new(floats(args).remove(0))), Ty::Float)
            }
            "isnan" => pred(Unary::IsNan, args)?,
            "isinf" => pred(Unary::IsInf, args)?,
            "isfinite" => pred(Unary::IsFinite, args)?,
            "degrees" | "radians" => {
                one(&args)?;
                // CPython multiplies by a constant computed the same way.
                let k = if name == "degrees" { 180.0 / std::f64::consts::PI } else { std::f64::consts::PI / 180.0 };
                let a = floats(args).remove(0);
                let k = ex(K::Float(k), Ty::Float);
                ex(K::Arith(Arith::Mul, Box::new(a), Box::new(k)), Ty::Float)
            }
            "copysign" => {
                let mut a = floats(args);
                if a.len() != 2 {
                    return Err(Reject::new(line, "math.copysign() takes 2 arguments"));
                }
                let b = a.pop().expect("two");
                let x = a.pop().expect("two");
                ex(K::CopySign(Box::new(x), Box::new(b)), Ty::Float)
            }
            "hypot" | "log" | "gamma" | "lgamma" | "erf" | "erfc" | "remainder" | "ldexp" => {
                let idx = self.session.py_callable("math", name, line)?;
                let args = args.into_iter().map(|a| if a.ty == Ty::Bool { cast(a, Ty::Int) } else { a }).collect();
                let args = if name == "ldexp" { args } else { floats(args) };
                ex(K::PyCall(idx, args), Ty::Float)
            }
            other => return Err(Reject::new(line, format!("math.{other}() is not supported natively"))),
        })
    }
}

// ---------------------------------------------------------------- helpers

fn cast(e: Expr, to: Ty) -> Expr {
    if e.ty == to {
        return e;
    }
    let line = e.line;
    // Fold constants whose conversion is exact.
    match (&e.kind, &to) {
        (K::Int(i), Ty::Float) if i.unsigned_abs() <= 1 << 53 => return Expr { kind: K::Float(*i as f64), ty: to, line },
        (K::Bool(b), Ty::Int) => return Expr { kind: K::Int(*b as i64), ty: to, line },
        (K::Bool(b), Ty::Float) => return Expr { kind: K::Float(*b as i64 as f64), ty: to, line },
        _ => {}
    }
    if e.ty == Ty::Bool && to == Ty::Num {
        return cast(cast(e, Ty::Int), Ty::Num);
    }
    Expr { kind: K::Cast(Box::new(e)), ty: to, line }
}

fn to_float(e: Expr) -> Expr {
    if e.ty == Ty::Float {
        e
    } else {
        cast(e, Ty::Float)
    }
}

fn truth(e: Expr) -> Expr {
    if e.ty == Ty::Bool {
        return e;
    }
    let line = e.line;
    Expr { kind: K::Unary(Unary::Truth, Box::new(e)), ty: Ty::Bool, line }
}

fn exact_int_const(e: &Expr) -> bool {
    matches!(e.kind, K::Int(i) if i.unsigned_abs() <= 1 << 53)
}

fn list_elem(t: &Ty) -> Ty {
    match t {
        Ty::List(e) => (**e).clone(),
        _ => Ty::Unknown,
    }
}

/// Definitely-assigned sets meet at a join point; `None` is unreachable.
fn meet(a: Option<HashSet<VarId>>, b: Option<HashSet<VarId>>) -> Option<HashSet<VarId>> {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(a), Some(b)) => Some(a.intersection(&b).copied().collect()),
    }
}

/// A `break` that leaves the loop whose body this is.
fn breaks(body: &[syn::Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::Break => true,
        StmtKind::If { body, orelse, .. } => breaks(body) || breaks(orelse),
        StmtKind::While { orelse, .. } | StmtKind::For { orelse, .. } => breaks(orelse),
        _ => false,
    })
}

/// Names bound anywhere in `body` (Python's rule for what is local).
fn collect_assigned(body: &[syn::Stmt], out: &mut Vec<String>) {
    fn target(t: &Target, out: &mut Vec<String>) {
        match t {
            Target::Name(n) => out.push(n.clone()),
            Target::Tuple(ts) => ts.iter().for_each(|t| target(t, out)),
            Target::Subscript { .. } => {}
        }
    }
    for s in body {
        match &s.kind {
            StmtKind::Assign { targets, .. } => targets.iter().for_each(|t| target(t, out)),
            StmtKind::AugAssign { target: t, .. } => target(t, out),
            StmtKind::Declare(name) => out.push(name.clone()),
            StmtKind::For { target: t, body, orelse, .. } => {
                target(t, out);
                collect_assigned(body, out);
                collect_assigned(orelse, out);
            }
            StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
                collect_assigned(body, out);
                collect_assigned(orelse, out);
            }
            _ => {}
        }
    }
}

/// After inference settles, no expression may still be of unknown type.
fn check_known(f: &ir::Function) -> R<()> {
    let mut unknown = None;
    ir::visit(&f.body, &mut |_| {}, &mut |e| {
        if unknown.is_none() && (e.ty == Ty::Unknown || matches!(e.kind, K::Pending)) {
            unknown = Some(e.line);
        }
    });
    match unknown {
        Some(line) => Err(Reject::new(line, "could not infer the type of an expression")),
        None => Ok(()),
    }
}
