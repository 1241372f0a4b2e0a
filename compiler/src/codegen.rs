//! Typed IR -> machine code with Cranelift (tier 1).
//!
//! Every IR type lowers to a fixed list of machine values (`int` -> i64,
//! `float` -> f64, `bool` -> i8, `int|float` -> tag i8 + payload i64, a list ->
//! its `PyObject*`, a tuple -> its elements' values). Each specialisation
//! becomes one function `(ctx, values...) -> values...`; each program gets one
//! boxed entry `(ctx, *const u64 args) -> PyObject*` for the boundary.
//!
//! Reference counting: variables own the lists they hold. An expression that
//! produces a new reference registers it as a *temporary*; consumers take it
//! over or release it, and every exit (return, bail-out, loop exit) releases
//! what is still live, so no path leaks or double-frees.

use std::collections::HashMap;

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{
    types, AbiParam, Block, BlockArg, FuncRef, InstBuilder, MemFlagsData, Signature, StackSlotData, StackSlotKind,
    Type, Value,
};
use cranelift_codegen::isa::OwnedTargetIsa;
use cranelift_codegen::settings::{self, Configurable};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext, Variable};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, FuncId, Linkage, Module};

use crate::abi::{layout, Bail, CallCtx, Host};
use crate::dict::{self, TAG_BOOL, TAG_FLOAT, TAG_INT, TAG_STR};
use crate::ir::{self, Arith, Cmp, Expr, ExprKind as K, Libm, Program, Stmt, Unary};
use crate::semantics;
use crate::types::{key_parts, Ty};

mod bounds;
mod numpy;

const PTR: Type = types::I64;
/// The type temporaries of arbitrary owned objects are registered under:
/// releasing one is a plain decref, whatever the object is.
fn object() -> Ty {
    Ty::list(Ty::Unknown)
}
/// 2**53: ints up to this magnitude convert to float exactly.
const EXACT_FLOAT_INT: i64 = 1 << 53;

/// The machine values a type lowers to.
pub fn machine_types(ty: &Ty) -> Vec<Type> {
    match ty {
        Ty::Unknown | Ty::Never | Ty::None => vec![],
        Ty::Bool => vec![types::I8],
        Ty::Int => vec![types::I64],
        Ty::Float => vec![types::F64],
        Ty::Num => vec![types::I8, types::I64],
        Ty::List(_) | Ty::Dict(..) | Ty::Str | Ty::Bytes => vec![PTR],
        Ty::Tuple(ts) => ts.iter().flat_map(machine_types).collect(),
        Ty::Array(_, ndim, _) => numpy::array_machine_types(*ndim),
        Ty::Np(d) => vec![numpy::Payload::of(*d).machine_type()],
        Ty::MaybeNp(d) => vec![types::I8, numpy::Payload::of(*d).machine_type()],
    }
}

/// A reusable code generator for this machine.
pub struct Jit {
    isa: OwnedTargetIsa,
}

/// Machine code for one program, freed when this is dropped: the owner must
/// keep it alive while any call may be running it (the runtime holds an
/// `Arc` to it for the length of every call).
pub struct Compiled {
    module: Option<JITModule>,
    /// `extern "C" fn(*mut CallCtx, *const u64) -> *mut PyObject`
    pub entry: *const u8,
    /// Unboxed functions, one per specialisation, `(ctx, values...) -> values...`.
    pub functions: Vec<*const u8>,
}

// SAFETY: the module is never touched again after finalisation; the code it
// owns is immutable and may be called from any thread holding the GIL.
unsafe impl Send for Compiled {}
unsafe impl Sync for Compiled {}

impl Jit {
    pub fn new() -> Result<Jit, String> {
        let mut flags = settings::builder();
        for (k, v) in [
            ("use_colocated_libcalls", "false"),
            ("is_pic", "false"),
            ("opt_level", "speed"),
            ("enable_multi_ret_implicit_sret", "true"),
        ] {
            flags.set(k, v).map_err(|e| e.to_string())?;
        }
        let isa = cranelift_native::builder()
            .map_err(|e| e.to_string())?
            .finish(settings::Flags::new(flags))
            .map_err(|e| e.to_string())?;
        Ok(Jit { isa })
    }

    pub fn compile(&self, prog: &Program, host: &Host) -> Result<Compiled, String> {
        let mut jb = JITBuilder::with_isa(self.isa.clone(), default_libcall_names());
        jb.symbols(host.functions.iter().copied());
        jb.symbols(semantics::symbols());
        jb.symbols(dict::symbols());
        let mut module = JITModule::new(jb);

        let mut ids = Vec::new();
        for (i, f) in prog.specs.iter().enumerate() {
            let sig = spec_signature(&module, f);
            let id = module
                .declare_function(&format!("spec{i}_{}", f.name), Linkage::Local, &sig)
                .map_err(|e| e.to_string())?;
            ids.push(id);
        }
        let mut fctx = FunctionBuilderContext::new();
        let mut ctx = module.make_context();
        for (i, f) in prog.specs.iter().enumerate() {
            ctx.func.signature = spec_signature(&module, f);
            {
                let b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
                let mut tx = Tx::new(b, &mut module, prog, host, &ids, f.ret.clone());
                tx.spec_body(f);
                tx.finish();
            }
            let dump = std::env::var_os("RUSTIFY_DUMP_ASM").is_some();
            ctx.set_disasm(dump);
            module.define_function(ids[i], &mut ctx).map_err(|e| format!("{e:?}"))?;
            if let Some(asm) = ctx.compiled_code().and_then(|c| c.vcode.as_ref()).filter(|_| dump) {
                eprintln!("; {} {}\n{asm}", f.name, crate::types::signature_string(&f.param_tys));
            }
            module.clear_context(&mut ctx);
        }
        let mut esig = module.make_signature();
        esig.params.push(AbiParam::new(PTR));
        esig.params.push(AbiParam::new(PTR));
        esig.returns.push(AbiParam::new(PTR));
        let entry_id = module.declare_function("entry", Linkage::Local, &esig).map_err(|e| e.to_string())?;
        ctx.func.signature = esig;
        {
            let b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
            let mut tx = Tx::new(b, &mut module, prog, host, &ids, Ty::List(Box::new(Ty::Unknown)));
            tx.entry_body(&prog.specs[0]);
            tx.finish();
        }
        module.define_function(entry_id, &mut ctx).map_err(|e| format!("{e:?}"))?;
        module.clear_context(&mut ctx);
        module.finalize_definitions().map_err(|e| e.to_string())?;
        let functions = ids.iter().map(|&id| module.get_finalized_function(id)).collect();
        let entry = module.get_finalized_function(entry_id);
        Ok(Compiled { module: Some(module), entry, functions })
    }
}

impl Drop for Compiled {
    fn drop(&mut self) {
        if let Some(module) = self.module.take() {
            // SAFETY: per the type's contract nothing runs this code any more.
            unsafe { module.free_memory() };
        }
    }
}

fn spec_signature(module: &JITModule, f: &ir::Function) -> Signature {
    let mut sig = module.make_signature();
    sig.params.push(AbiParam::new(PTR));
    for t in f.param_tys.iter().flat_map(machine_types) {
        sig.params.push(AbiParam::new(t));
    }
    for t in machine_types(&f.ret) {
        sig.returns.push(AbiParam::new(t));
    }
    sig
}

type Vals = Vec<Value>;

/// A list's length and item array, loaded before a loop (`hoist_lists`).
#[derive(Clone, Copy)]
struct HoistedList {
    len: Value,
    items: Value,
}

struct Loop {
    cont: Block,
    brk: Block,
}

/// A live owned reference (or tuple of them) that must be released on exit.
struct Temp {
    vals: Vals,
    ty: Ty,
}

struct Tx<'a, 'b> {
    b: FunctionBuilder<'b>,
    module: &'a mut JITModule,
    prog: &'a Program,
    host: &'a Host,
    spec_ids: &'a [FuncId],
    ctx: Value,
    vars: Vec<Vec<Variable>>,
    var_tys: Vec<Ty>,
    /// Per variable: only ever holds lists this call created (no journal).
    fresh: Vec<bool>,
    /// Per variable: a parameter never reassigned, which borrows the
    /// caller's reference instead of owning one.
    borrowed: Vec<bool>,
    /// Per variable: an int that is never negative.
    non_negative: Vec<bool>,
    /// List variables whose length and item array were loaded once before
    /// a loop that cannot change them.
    hoisted: HashMap<usize, HoistedList>,
    /// Per variable: a list of numbers this function built (`ir::number_lists`).
    number_lists: Vec<bool>,
    bound: Vec<Option<Variable>>,
    imports: HashMap<String, FuncRef>,
    ret_ty: Ty,
    ret_block: Block,
    bail_block: Block,
    loops: Vec<Loop>,
    temps: Vec<Option<Temp>>,
    tracks_depth: bool,
    /// Indices enclosing range loops checked once (`bounds.rs`).
    safe_indices: Vec<bounds::SafeIndex>,
    /// Those of them into lists of floats whose items' types were checked too.
    float_indices: Vec<bounds::SafeIndex>,
    /// Indices of nested range loops checked before an enclosing one.
    nested_proofs: Vec<bounds::NestedProof>,
    /// Numpy float accumulators of the enclosing counting loops, whose
    /// warning checks wait until their loop ends (`numpy.rs`).
    np_accumulators: Vec<usize>,
    /// Set while such an accumulator's new value is computed.
    np_status_deferred: bool,
    /// While the value of `d[k] = ...` is evaluated: (d, k) and the entry
    /// number its `d[k]` / `d.get(k, x)` found, which the store reuses.
    fused_find: Option<(usize, usize, Option<Value>)>,
}

fn flags() -> MemFlagsData {
    MemFlagsData::trusted()
}

impl<'a, 'b> Tx<'a, 'b> {
    fn new(
        mut b: FunctionBuilder<'b>,
        module: &'a mut JITModule,
        prog: &'a Program,
        host: &'a Host,
        spec_ids: &'a [FuncId],
        ret_ty: Ty,
    ) -> Self {
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let ctx = b.block_params(entry)[0];
        let ret_block = b.create_block();
        // The bail-out exit takes the bail code: the cold paths that jump
        // there need not keep the call context in a register.
        let bail_block = b.create_block();
        b.append_block_param(bail_block, types::I32);
        Tx {
            b,
            module,
            prog,
            host,
            spec_ids,
            ctx,
            vars: Vec::new(),
            var_tys: Vec::new(),
            fresh: Vec::new(),
            borrowed: Vec::new(),
            non_negative: Vec::new(),
            hoisted: HashMap::new(),
            number_lists: Vec::new(),
            bound: Vec::new(),
            imports: HashMap::new(),
            ret_ty,
            ret_block,
            bail_block,
            loops: Vec::new(),
            temps: Vec::new(),
            tracks_depth: false,
            safe_indices: Vec::new(),
            float_indices: Vec::new(),
            nested_proofs: Vec::new(),
            np_accumulators: Vec::new(),
            np_status_deferred: false,
            fused_find: None,
        }
    }

    fn finish(mut self) {
        self.b.seal_all_blocks();
        let config = self.module.isa().frontend_config();
        self.b.finalize(config);
    }

    // ------------------------------------------------------------ small tools

    fn iconst(&mut self, ty: Type, v: i64) -> Value {
        self.b.ins().iconst(ty, v)
    }

    fn fconst(&mut self, v: f64) -> Value {
        self.b.ins().f64const(v)
    }

    fn load(&mut self, ty: Type, ptr: Value, off: i32) -> Value {
        self.b.ins().load(ty, flags(), ptr, off)
    }

    fn import(&mut self, name: &str, params: &[Type], rets: &[Type]) -> FuncRef {
        if let Some(&f) = self.imports.get(name) {
            return f;
        }
        let mut sig = self.module.make_signature();
        sig.params.extend(params.iter().map(|&t| AbiParam::new(t)));
        sig.returns.extend(rets.iter().map(|&t| AbiParam::new(t)));
        let id = self.module.declare_function(name, Linkage::Import, &sig).expect("host function signature");
        let f = self.module.declare_func_in_func(id, self.b.func);
        self.imports.insert(name.to_string(), f);
        f
    }

    fn call(&mut self, name: &str, params: &[Type], rets: &[Type], args: &[Value]) -> Vals {
        let f = self.import(name, params, rets);
        let inst = self.b.ins().call(f, args);
        self.b.inst_results(inst).to_vec()
    }

    fn call1(&mut self, name: &str, params: &[Type], ret: Type, args: &[Value]) -> Value {
        self.call(name, params, &[ret], args)[0]
    }

    fn jump(&mut self, to: Block, args: &[Value]) {
        let args: Vec<BlockArg> = args.iter().map(|&v| BlockArg::Value(v)).collect();
        self.b.ins().jump(to, &args);
    }

    fn brif(&mut self, c: Value, then: Block, els: Block) {
        self.b.ins().brif(c, then, &[], els, &[]);
    }

    /// Continues in a new block no path reaches (after a jump or return).
    fn dead_block(&mut self) {
        let blk = self.b.create_block();
        self.b.switch_to_block(blk);
    }

    fn zero_of(&mut self, t: Type) -> Value {
        if t == types::F64 {
            self.fconst(0.0)
        } else {
            self.iconst(t, 0)
        }
    }

    // ------------------------------------------------------------ references

    /// `Py_INCREF` inline: only used on lists, strs and bytes, which are
    /// never immortal on the versions whose layout this reads.
    fn incref_list(&mut self, obj: Value) {
        let rc = self.load(types::I64, obj, layout::OB_REFCNT);
        let rc = self.b.ins().iadd_imm_s(rc, 1);
        self.b.ins().store(flags(), rc, obj, layout::OB_REFCNT);
    }

    fn decref(&mut self, obj: Value) {
        self.call("rt_decref", &[PTR], &[], &[obj]);
    }

    /// The list references inside a value of type `ty` (itself, or the
    /// lists among a tuple's elements).
    fn list_refs(vals: &[Value], ty: &Ty) -> Vec<Value> {
        match ty {
            Ty::List(_) | Ty::Str | Ty::Bytes => vec![vals[0]],
            Ty::Tuple(ts) => {
                let mut out = Vec::new();
                let mut at = 0;
                for t in ts {
                    let n = machine_types(t).len();
                    out.extend(Self::list_refs(&vals[at..at + n], t));
                    at += n;
                }
                out
            }
            _ => Vec::new(),
        }
    }

    /// Decrefs every reference inside a value of type `ty`.
    fn release_vals(&mut self, vals: &[Value], ty: &Ty) {
        for obj in Self::list_refs(vals, ty) {
            self.decref(obj);
        }
    }

    fn incref_vals(&mut self, vals: &[Value], ty: &Ty) {
        for obj in Self::list_refs(vals, ty) {
            self.incref_list(obj);
        }
    }

    /// Registers a new reference as a live temporary.
    fn push_temp(&mut self, vals: &[Value], ty: &Ty) -> Option<usize> {
        if !ty.holds_refs() {
            return None;
        }
        self.temps.push(Some(Temp { vals: vals.to_vec(), ty: ty.clone() }));
        Some(self.temps.len() - 1)
    }

    /// Drops a temporary without releasing it (its reference moved on).
    fn take(&mut self, t: Option<usize>) {
        if let Some(i) = t {
            self.temps[i] = None;
            while matches!(self.temps.last(), Some(None)) {
                self.temps.pop();
            }
        }
    }

    fn release(&mut self, t: Option<usize>) {
        if let Some(i) = t {
            if let Some(temp) = self.temps[i].take() {
                self.release_vals(&temp.vals, &temp.ty);
            }
            self.take(Some(i));
        }
    }

    /// Returns a value the caller owns: takes the temporary or increfs.
    fn own(&mut self, vals: Vals, t: Option<usize>, ty: &Ty) -> Vals {
        if ty.holds_refs() {
            if t.is_some() {
                self.take(t);
            } else {
                self.incref_vals(&vals, ty);
            }
        }
        vals
    }

    /// Emits releases of every live temporary (the current path leaves).
    fn release_all_temps(&mut self) {
        let live: Vec<(Vals, Ty)> = self.temps.iter().flatten().map(|t| (t.vals.clone(), t.ty.clone())).collect();
        for (vals, ty) in live {
            self.release_vals(&vals, &ty);
        }
    }

    // ------------------------------------------------------------ bail-outs

    /// If `cond`, records `reason` and leaves through the bail-out exit.
    fn bail_if(&mut self, cond: Value, reason: Bail) {
        let cold = self.b.create_block();
        let cont = self.b.create_block();
        self.b.set_cold_block(cold);
        self.brif(cond, cold, cont);
        self.b.switch_to_block(cold);
        self.release_all_temps();
        let code = self.iconst(types::I32, reason as i64);
        self.jump(self.bail_block, &[code]);
        self.b.switch_to_block(cont);
    }

    /// Leaves through the bail-out exit if a callee already recorded one.
    fn check_bailed(&mut self) {
        let code = self.load(types::I32, self.ctx, CallCtx::BAIL_OFFSET);
        let cold = self.b.create_block();
        let cont = self.b.create_block();
        self.b.set_cold_block(cold);
        self.brif(code, cold, cont);
        self.b.switch_to_block(cold);
        self.release_all_temps();
        self.jump(self.bail_block, &[code]);
        self.b.switch_to_block(cont);
    }

    fn bail_if_null(&mut self, obj: Value) {
        let null = self.b.ins().icmp_imm_s(IntCC::Equal, obj, 0);
        self.bail_if(null, Bail::HostError);
    }

    // ------------------------------------------------------------ functions

    fn declare_vars(&mut self, f: &ir::Function) {
        self.number_lists = ir::number_lists(f);
        for v in &f.vars {
            let vs = machine_types(&v.ty).into_iter().map(|t| self.b.declare_var(t)).collect();
            self.vars.push(vs);
            self.var_tys.push(v.ty.clone());
            self.fresh.push(v.fresh);
            let flag = if v.maybe_unbound { Some(self.b.declare_var(types::I8)) } else { None };
            self.bound.push(flag);
        }
    }

    fn spec_body(&mut self, f: &ir::Function) {
        self.declare_vars(f);
        let entry = self.b.current_block().expect("entry block");
        let params: Vec<Value> = self.b.block_params(entry)[1..].to_vec();
        for (v, var) in f.vars.iter().enumerate() {
            for (k, t) in machine_types(&var.ty).into_iter().enumerate() {
                let zero = self.zero_of(t);
                self.b.def_var(self.vars[v][k], zero);
            }
            if let Some(flag) = self.bound[v] {
                let zero = self.iconst(types::I8, 0);
                self.b.def_var(flag, zero);
            }
        }
        // Parameters arrive as the signature's types. Variables own their
        // lists, except parameters never reassigned: the caller's reference
        // outlives the call.
        let assigned = f.assigned_vars();
        self.non_negative = f.non_negative_vars();
        self.borrowed = vec![false; f.vars.len()];
        let mut at = 0;
        for (&p, ty) in f.params.iter().zip(&f.param_tys) {
            let n = machine_types(ty).len();
            let vals: Vals = params[at..at + n].to_vec();
            at += n;
            if !assigned[p] && *ty == f.vars[p].ty {
                self.borrowed[p] = true;
                for (k, v) in vals.into_iter().enumerate() {
                    self.b.def_var(self.vars[p][k], v);
                }
            } else {
                let vals = self.own(vals, None, ty);
                let vals = self.convert(vals, ty, &f.vars[p].ty);
                for (k, v) in vals.into_iter().enumerate() {
                    self.b.def_var(self.vars[p][k], v);
                }
            }
        }
        if f.calls {
            self.tracks_depth = true;
            // Native frames live on the C stack (CPython 3.11's Python frames
            // do not): stop before the thread's stack runs out.
            let probe = self.b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 8, 3));
            let sp = self.b.ins().stack_addr(PTR, probe, 0);
            let limit = self.load(PTR, self.ctx, CallCtx::STACK_LIMIT_OFFSET);
            let low = self.b.ins().icmp(IntCC::UnsignedLessThan, sp, limit);
            self.bail_if(low, Bail::Recursion);
            self.depth_step(1);
            let depth = self.load(types::I32, self.ctx, CallCtx::DEPTH_OFFSET);
            let limit = self.load(types::I32, self.ctx, CallCtx::DEPTH_LIMIT_OFFSET);
            let deep = self.b.ins().icmp(IntCC::UnsignedGreaterThan, depth, limit);
            self.bail_if(deep, Bail::Recursion);
        } else {
            // A call of this function is a CPython frame too: there must be
            // room for one more level.
            let depth = self.load(types::I32, self.ctx, CallCtx::DEPTH_OFFSET);
            let limit = self.load(types::I32, self.ctx, CallCtx::DEPTH_LIMIT_OFFSET);
            let full = self.b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, depth, limit);
            self.bail_if(full, Bail::Recursion);
        }
        self.block(&f.body);
        // Every IR body ends in a return; whatever follows is unreachable.
        let code = self.iconst(types::I32, Bail::HostError as i64);
        self.jump(self.bail_block, &[code]);

        let ret_tys = machine_types(&self.ret_ty);
        for &t in &ret_tys {
            self.b.append_block_param(self.ret_block, t);
        }
        self.b.switch_to_block(self.ret_block);
        let rets = self.b.block_params(self.ret_block).to_vec();
        self.epilogue(f);
        self.b.ins().return_(&rets);

        self.b.switch_to_block(self.bail_block);
        self.b.set_cold_block(self.bail_block);
        let code = self.b.block_params(self.bail_block)[0];
        self.b.ins().store(flags(), code, self.ctx, CallCtx::BAIL_OFFSET);
        self.epilogue(f);
        let zeros: Vals = ret_tys.iter().map(|&t| self.zero_of(t)).collect();
        self.b.ins().return_(&zeros);
    }

    /// Releases every variable's references; undoes the depth count.
    fn epilogue(&mut self, f: &ir::Function) {
        for (v, var) in f.vars.iter().enumerate() {
            if var.ty.holds_refs() && !self.borrowed[v] {
                let vals: Vals = self.vars[v].clone().into_iter().map(|x| self.b.use_var(x)).collect();
                self.release_vals(&vals, &var.ty);
            }
        }
        if self.tracks_depth {
            self.depth_step(-1);
        }
    }

    /// Adds `by` to the call context's native call depth.
    fn depth_step(&mut self, by: i64) {
        let depth = self.load(types::I32, self.ctx, CallCtx::DEPTH_OFFSET);
        let depth = self.b.ins().iadd_imm_s(depth, by);
        self.b.ins().store(flags(), depth, self.ctx, CallCtx::DEPTH_OFFSET);
    }

    /// The boxed entry: unpacks the u64 argument slots the boundary filled,
    /// calls specialisation 0, boxes its result (NULL when it bailed out).
    fn entry_body(&mut self, f: &ir::Function) {
        let entry = self.b.current_block().expect("entry block");
        let args_ptr = self.b.block_params(entry)[1];
        let mut call_args = vec![self.ctx];
        let mut slot = 0;
        // Dict arguments run on a native copy, written back on success.
        let mut dicts = Vec::new();
        for ty in &f.param_tys {
            for t in machine_types(ty) {
                let v = self.load(t, args_ptr, slot * 8);
                if let Ty::Dict(..) = ty {
                    let native = self.call1("rt_dict_unbox", &[PTR, PTR], PTR, &[self.ctx, v]);
                    let unfit = self.b.ins().icmp_imm_s(IntCC::Equal, native, 0);
                    self.bail_if(unfit, Bail::TypeGuard);
                    dicts.push((v, native));
                    call_args.push(native);
                } else {
                    call_args.push(v);
                }
                slot += 1;
            }
        }
        let callee = self.module.declare_func_in_func(self.spec_ids[0], self.b.func);
        let rets = if ir::runs_without_objects(self.prog) {
            // The boundary asks (per call) for the GIL to be released.
            let (release, join) = (self.b.create_block(), self.b.create_block());
            self.b.append_block_param(join, PTR);
            let asked = self.load(types::I32, self.ctx, CallCtx::RELEASE_GIL_OFFSET);
            let none = self.iconst(PTR, 0);
            self.b.ins().brif(asked, release, &[], join, &[BlockArg::Value(none)]);
            self.b.switch_to_block(release);
            let state = self.call1("rt_release_gil", &[], PTR, &[]);
            self.jump(join, &[state]);
            self.b.switch_to_block(join);
            let state = self.b.block_params(join)[0];
            let inst = self.b.ins().call(callee, &call_args);
            let rets = self.b.inst_results(inst).to_vec();
            let (acquire, done) = (self.b.create_block(), self.b.create_block());
            self.brif(state, acquire, done);
            self.b.switch_to_block(acquire);
            self.call("rt_acquire_gil", &[PTR], &[], &[state]);
            self.jump(done, &[]);
            self.b.switch_to_block(done);
            rets
        } else {
            let inst = self.b.ins().call(callee, &call_args);
            self.b.inst_results(inst).to_vec()
        };
        self.check_bailed();
        for (obj, native) in dicts {
            let ok = self.call1("rt_dict_writeback", &[PTR, PTR], types::I8, &[obj, native]);
            let failed = self.b.ins().icmp_imm_s(IntCC::Equal, ok, 0);
            self.bail_if(failed, Bail::HostError);
        }
        let t = self.push_temp(&rets, &f.ret);
        let obj = self.box_value(rets, t, &f.ret);
        self.b.ins().return_(&[obj]);
        self.b.switch_to_block(self.bail_block);
        let code = self.b.block_params(self.bail_block)[0];
        self.b.ins().store(flags(), code, self.ctx, CallCtx::BAIL_OFFSET);
        let null = self.iconst(PTR, 0);
        self.b.ins().return_(&[null]);
        self.b.switch_to_block(self.ret_block);
        self.b.ins().return_(&[null]);
    }

    // ------------------------------------------------------------ statements

    fn block(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    fn assign(&mut self, v: usize, vals: Vals, t: Option<usize>, from: &Ty) {
        let to = self.var_tys[v].clone();
        let vals = self.own(vals, t, from);
        let vals = self.convert(vals, from, &to);
        let old: Vals = if to.holds_refs() { self.vars[v].clone().into_iter().map(|x| self.b.use_var(x)).collect() } else { vec![] };
        for (k, val) in vals.into_iter().enumerate() {
            self.b.def_var(self.vars[v][k], val);
        }
        if let Some(flag) = self.bound[v] {
            let one = self.iconst(types::I8, 1);
            self.b.def_var(flag, one);
        }
        if to.holds_refs() {
            self.release_vals(&old, &to);
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Assign(v, e) => {
                let outer = self.np_status_deferred;
                self.np_status_deferred = self.np_accumulators.contains(v);
                let (vals, t) = self.expr(e);
                self.np_status_deferred = outer;
                self.assign(*v, vals, t, &e.ty);
            }
            Stmt::Expr(e) => {
                let (_, t) = self.expr(e);
                self.release(t);
            }
            Stmt::ListSet { list, index, value } => {
                let (vv, vt) = self.expr(value);
                let (lv, lt) = self.expr(list);
                let iv = self.index_value(index);
                let idx = self.list_index(lv[0], iv[0], index.non_negative(&self.non_negative));
                let item = self.box_value(vv, vt, &value.ty);
                // Items of a fresh list of floats (numpy's included) are
                // never shared with the caller nor immortal.
                let float_items = matches!(&list.ty, Ty::List(e) if **e == Ty::Float
                    || e.np_dtype().is_some_and(|d| d.is_float()));
                if self.is_fresh(list) && float_items {
                    self.store_fresh_float_item(lv[0], idx, item);
                } else {
                    let journal = self.iconst(types::I8, !self.is_fresh(list) as i64);
                    let args = [self.ctx, lv[0], idx, item, journal];
                    self.call("rt_list_set", &[PTR, PTR, types::I64, PTR, types::I8], &[], &args);
                }
                self.release(lt);
            }
            Stmt::ListAppend { list, value } => {
                // A method call: the receiver is evaluated before the argument.
                let (lv, lt) = self.expr(list);
                let (vv, vt) = self.expr(value);
                let item = self.box_value(vv, vt, &value.ty);
                let done = self.b.create_block();
                if self.is_fresh(list) {
                    // CPython's own fast path: room left in the item array.
                    let (room, full) = (self.b.create_block(), self.b.create_block());
                    let size = self.load(types::I64, lv[0], layout::OB_SIZE);
                    let allocated = self.load(types::I64, lv[0], layout::LIST_ALLOCATED);
                    let fits = self.b.ins().icmp(IntCC::SignedLessThan, size, allocated);
                    self.brif(fits, room, full);
                    self.b.switch_to_block(room);
                    let items = self.load(PTR, lv[0], layout::LIST_ITEMS);
                    let at = self.item_slot(items, size);
                    self.b.ins().store(flags(), item, at, 0);
                    let grown = self.b.ins().iadd_imm_s(size, 1);
                    self.b.ins().store(flags(), grown, lv[0], layout::OB_SIZE);
                    self.jump(done, &[]);
                    self.b.switch_to_block(full);
                }
                let journal = self.iconst(types::I8, !self.is_fresh(list) as i64);
                let ok = self.call1("rt_list_append", &[PTR, PTR, PTR, types::I8], types::I8, &[self.ctx, lv[0], item, journal]);
                let failed = self.b.ins().icmp_imm_s(IntCC::Equal, ok, 0);
                self.bail_if(failed, Bail::HostError);
                self.jump(done, &[]);
                self.b.switch_to_block(done);
                self.release(lt);
            }
            Stmt::If { cond, then, orelse } => {
                let c = self.cond(cond);
                let (tb, eb, merge) = (self.b.create_block(), self.b.create_block(), self.b.create_block());
                self.brif(c, tb, eb);
                self.b.switch_to_block(tb);
                self.block(then);
                self.jump(merge, &[]);
                self.b.switch_to_block(eb);
                self.block(orelse);
                self.jump(merge, &[]);
                self.b.switch_to_block(merge);
            }
            Stmt::While { cond, body, orelse } => {
                let (header, bb, eb, after) =
                    (self.b.create_block(), self.b.create_block(), self.b.create_block(), self.b.create_block());
                self.jump(header, &[]);
                self.b.switch_to_block(header);
                let c = self.cond(cond);
                self.brif(c, bb, eb);
                self.b.switch_to_block(bb);
                self.loop_rest(header, eb, after, body, orelse);
            }
            Stmt::ForRange { var, start, stop, step, body, orelse } => self.for_range(*var, start, stop, step, body, orelse),
            Stmt::ForList { var, list, body, orelse } => self.for_list(*var, list, body, orelse),
            Stmt::ForDict { key, value, dict, body, orelse } => self.for_dict(*key, *value, dict, body, orelse),
            Stmt::ArraySet { array, indices, value } => self.array_set(array, indices, value),
            Stmt::ListInsert { list, index, value } => {
                // A method call: the receiver, then the arguments.
                let (lv, lt) = self.expr(list);
                let (iv, _) = self.expr(index);
                let (vv, vt) = self.expr(value);
                let item = self.box_value(vv, vt, &value.ty);
                let journal = self.iconst(types::I8, !self.is_fresh(list) as i64);
                let sig = [PTR, PTR, types::I64, PTR, types::I8];
                let ok = self.call1("rt_list_insert", &sig, types::I8, &[self.ctx, lv[0], iv[0], item, journal]);
                let failed = self.b.ins().icmp_imm_s(IntCC::Equal, ok, 0);
                self.bail_if(failed, Bail::HostError);
                self.release(lt);
            }
            Stmt::ListExtend { list, other } => {
                let (lv, lt) = self.expr(list);
                let (ov, ot) = self.expr(other);
                let journal = self.iconst(types::I8, !self.is_fresh(list) as i64);
                let sig = [PTR, PTR, PTR, types::I8];
                let ok = self.call1("rt_list_extend", &sig, types::I8, &[self.ctx, lv[0], ov[0], journal]);
                let failed = self.b.ins().icmp_imm_s(IntCC::Equal, ok, 0);
                self.bail_if(failed, Bail::HostError);
                self.release(ot);
                self.release(lt);
            }
            Stmt::DictSet { dict, key, value } => {
                self.fused_find = fusable_dict_update(dict, key, value);
                let (vv, _) = self.expr(value);
                let found = self.fused_find.take().and_then(|(_, _, idx)| idx);
                let (dv, _) = self.expr(dict);
                // A str key part is borrowed for the store (the dict takes
                // its own reference to a new key).
                let (kv, kt) = self.expr(key);
                let done = self.b.create_block();
                if let Some(idx) = found {
                    // `d[k] = f(d[k])`: the key's entry is known, unless
                    // it was absent (then the store below appends it).
                    let (hit, miss) = (self.b.create_block(), self.b.create_block());
                    let present = self.b.ins().icmp_imm_s(IntCC::SignedGreaterThanOrEqual, idx, 0);
                    self.brif(present, hit, miss);
                    self.b.switch_to_block(hit);
                    let parts = key_parts(&key.ty).map_or(1, |p| p.len());
                    let entry = self.entry_addr(dv[0], idx, parts);
                    let (vtag, vbits) = self.tagged_parts(&vv, &value.ty)[0];
                    let off = 8 * (1 + 2 * parts as i32);
                    self.b.ins().store(flags(), vtag, entry, off);
                    self.b.ins().store(flags(), vbits, entry, off + 8);
                    let one = self.iconst(types::I64, 1);
                    self.b.ins().store(flags(), one, dv[0], dict::DIRTY_OFFSET);
                    self.jump(done, &[]);
                    self.b.switch_to_block(miss);
                }
                let parts = self.tagged_parts(&kv, &key.ty);
                let n = self.iconst(types::I64, parts.len() as i64);
                let buf = self.key_buffer(&parts);
                let tuple_key = self.iconst(types::I64, matches!(key.ty, Ty::Tuple(_)) as i64);
                let (vtag, vbits) = self.tagged_parts(&vv, &value.ty)[0];
                let sig = [PTR, PTR, types::I64, types::I64, types::I64, types::I64];
                let r = self.call1("rd_set", &sig, types::I64, &[dv[0], buf, n, tuple_key, vtag, vbits]);
                let bad = self.b.ins().icmp_imm_s(IntCC::Equal, r, dict::BAD_KEY);
                self.bail_if(bad, Bail::Unrepresentable);
                self.jump(done, &[]);
                self.b.switch_to_block(done);
                self.release(kt);
            }
            Stmt::Break => {
                let brk = self.loops.last().expect("break inside a loop").brk;
                self.jump(brk, &[]);
                self.dead_block();
            }
            Stmt::Continue => {
                let cont = self.loops.last().expect("continue inside a loop").cont;
                self.jump(cont, &[]);
                self.dead_block();
            }
            Stmt::Return(e) => {
                let (vals, t) = self.expr(e);
                let vals = self.own(vals, t, &e.ty);
                let vals = self.convert(vals, &e.ty, &self.ret_ty.clone());
                self.release_all_temps();
                self.jump(self.ret_block, &vals);
                self.dead_block();
            }
            Stmt::Bail(reason, _) => {
                let reason = match reason {
                    ir::BailReason::Raise => Bail::Raise,
                    ir::BailReason::AssertFailed => Bail::AssertFailed,
                    ir::BailReason::Unrepresentable => Bail::Unrepresentable,
                };
                self.release_all_temps();
                let code = self.iconst(types::I32, reason as i64);
                self.jump(self.bail_block, &[code]);
                self.dead_block();
            }
        }
    }

    fn is_fresh(&self, list: &Expr) -> bool {
        match &list.kind {
            K::Var(v) => self.fresh[*v],
            K::ListNew(_) | K::ListRepeat { .. } | K::ListCopy(_) => true,
            _ => false,
        }
    }


    fn for_range(&mut self, var: usize, start: &Expr, stop: &Expr, step: &Expr, body: &[Stmt], orelse: &[Stmt]) {
        let const_step = match step.kind {
            K::Int(k) => Some(k),
            _ => None,
        };
        let counts_up_from_zero = const_step == Some(1) && start.non_negative(&self.non_negative);
        let start = self.expr(start).0[0];
        let stop = self.expr(stop).0[0];
        let step = self.expr(step).0[0];
        if const_step.is_none() || const_step == Some(0) {
            let zero = self.b.ins().icmp_imm_s(IntCC::Equal, step, 0);
            self.bail_if(zero, Bail::ValueError);
        }
        let saved = self.hoist_lists(body);
        let accumulators = self.deferred_accumulators(body, orelse);
        let accumulators_before = self.np_accumulators.len();
        self.np_accumulators.extend(&accumulators);
        let proofs_before = (self.safe_indices.len(), self.nested_proofs.len(), self.float_indices.len());
        if counts_up_from_zero {
            self.check_range_indices(var, start, stop, body);
        }
        let counter = self.b.declare_var(types::I64);
        self.b.def_var(counter, start);
        let (header, bb, latch, eb, after) = (
            self.b.create_block(),
            self.b.create_block(),
            self.b.create_block(),
            self.b.create_block(),
            self.b.create_block(),
        );
        self.jump(header, &[]);
        self.b.switch_to_block(header);
        let i = self.b.use_var(counter);
        let go = match const_step {
            Some(k) if k > 0 => self.b.ins().icmp(IntCC::SignedLessThan, i, stop),
            Some(_) => self.b.ins().icmp(IntCC::SignedGreaterThan, i, stop),
            None => {
                let up = self.b.ins().icmp_imm_s(IntCC::SignedGreaterThan, step, 0);
                let below = self.b.ins().icmp(IntCC::SignedLessThan, i, stop);
                let above = self.b.ins().icmp(IntCC::SignedGreaterThan, i, stop);
                self.b.ins().select(up, below, above)
            }
        };
        self.brif(go, bb, eb);
        self.b.switch_to_block(bb);
        // Read again here: with the rotated latch, the header's value of
        // the counter does not dominate the body.
        let i = self.b.use_var(counter);
        self.assign(var, vec![i], None, &Ty::Int);
        self.loops.push(Loop { cont: latch, brk: after });
        self.block(body);
        self.loops.pop();
        self.safe_indices.truncate(proofs_before.0);
        self.nested_proofs.truncate(proofs_before.1);
        self.float_indices.truncate(proofs_before.2);
        self.jump(latch, &[]);
        self.b.switch_to_block(latch);
        let i = self.b.use_var(counter);
        if let Some(k @ (1 | -1)) = const_step {
            // i < stop (or > stop) held, so i ± 1 cannot leave i64. The
            // test is repeated here (loop rotation): one taken branch per
            // round instead of two.
            let next = self.b.ins().iadd(i, step);
            self.b.def_var(counter, next);
            let cc = if k > 0 { IntCC::SignedLessThan } else { IntCC::SignedGreaterThan };
            let go = self.b.ins().icmp(cc, next, stop);
            self.brif(go, bb, eb);
        } else {
            let (next, overflow) = self.b.ins().sadd_overflow(i, step);
            self.b.def_var(counter, next);
            // Past i64 the range is necessarily exhausted.
            let cont = self.b.create_block();
            self.brif(overflow, eb, cont);
            self.b.switch_to_block(cont);
            self.jump(header, &[]);
        }
        self.hoisted = saved;
        self.b.switch_to_block(eb);
        self.block(orelse);
        self.jump(after, &[]);
        self.b.switch_to_block(after);
        self.np_accumulators.truncate(accumulators_before);
        self.check_deferred_accumulators(&accumulators);
    }

    /// Before a loop whose body only reads lists: loads the length and item
    /// array of every list variable the body reads, once. Returns what to
    /// restore after the loop.
    fn hoist_lists(&mut self, body: &[Stmt]) -> HashMap<usize, HoistedList> {
        let saved = self.hoisted.clone();
        if !ir::reads_lists_only(body, &self.number_lists) {
            return saved;
        }
        let mut lists = Vec::new();
        collect_list_reads(body, &mut lists);
        for v in lists {
            if self.hoisted.contains_key(&v) || self.bound[v].is_some() {
                continue;
            }
            let obj = self.b.use_var(self.vars[v][0]);
            let len = self.load(types::I64, obj, layout::OB_SIZE);
            let items = self.load(PTR, obj, layout::LIST_ITEMS);
            self.hoisted.insert(v, HoistedList { len, items });
        }
        saved
    }

    /// `(len, items)` of a list expression: hoisted values for a hoisted
    /// variable, else loaded now.
    fn list_parts(&mut self, list: &Expr, obj: Value) -> (Value, Option<Value>) {
        if let K::Var(v) = list.kind {
            if let Some(h) = self.hoisted.get(&v) {
                return (h.len, Some(h.items));
            }
        }
        (self.load(types::I64, obj, layout::OB_SIZE), None)
    }

    fn for_list(&mut self, var: usize, list: &Expr, body: &[Stmt], orelse: &[Stmt]) {
        let (lv, lt) = self.expr(list);
        // The loop holds its own reference, like CPython's list iterator.
        let lv = self.own(lv, lt, &list.ty);
        let held = self.push_temp(&lv, &list.ty);
        let obj = lv[0];
        let elem = match &list.ty {
            Ty::List(e) if **e != Ty::Unknown => (**e).clone(),
            _ => Ty::Float,
        };
        let index = self.b.declare_var(types::I64);
        let zero = self.iconst(types::I64, 0);
        self.b.def_var(index, zero);
        let (header, bb, eb, brk, after) = (
            self.b.create_block(),
            self.b.create_block(),
            self.b.create_block(),
            self.b.create_block(),
            self.b.create_block(),
        );
        self.jump(header, &[]);
        self.b.switch_to_block(header);
        let i = self.b.use_var(index);
        let len = self.load(types::I64, obj, layout::OB_SIZE);
        let more = self.b.ins().icmp(IntCC::SignedLessThan, i, len);
        self.brif(more, bb, eb);
        self.b.switch_to_block(bb);
        let item = self.item_ptr(obj, i);
        let vals = self.read_item(item, &elem);
        let next = self.b.ins().iadd_imm_s(i, 1);
        self.b.def_var(index, next);
        self.assign(var, vals, None, &elem);
        self.loops.push(Loop { cont: header, brk });
        self.block(body);
        self.loops.pop();
        self.jump(header, &[]);
        self.b.switch_to_block(eb);
        self.decref(obj);
        self.block_without_temp(held, orelse);
        self.jump(after, &[]);
        self.b.switch_to_block(brk);
        self.decref(obj);
        self.jump(after, &[]);
        self.b.switch_to_block(after);
    }

    // ------------------------------------------------------------ dicts

    /// The (tag, bits) pairs `dict.rs` stores for a number, a str (its
    /// object, borrowed) or a flat tuple of those.
    fn tagged_parts(&mut self, vals: &[Value], ty: &Ty) -> Vec<(Value, Value)> {
        match ty {
            Ty::Tuple(ts) => {
                let mut out = Vec::new();
                let mut at = 0;
                for t in ts {
                    let n = machine_types(t).len();
                    out.extend(self.tagged_parts(&vals[at..at + n], t));
                    at += n;
                }
                out
            }
            Ty::Int => vec![(self.iconst(types::I64, TAG_INT as i64), vals[0])],
            Ty::Float => vec![(self.iconst(types::I64, TAG_FLOAT as i64), self.float_bits(vals[0]))],
            Ty::Bool => vec![(self.iconst(types::I64, TAG_BOOL as i64), self.b.ins().uextend(types::I64, vals[0]))],
            Ty::Num => vec![(self.b.ins().uextend(types::I64, vals[0]), vals[1])],
            Ty::Str => vec![(self.iconst(types::I64, TAG_STR as i64), vals[0])],
            other => unreachable!("dict keys and values of {other} are rejected by inference"),
        }
    }

    /// The key parts in a stack buffer, for `rd_find` / `rd_set`.
    fn key_buffer(&mut self, parts: &[(Value, Value)]) -> Value {
        let slot = self.b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 16 * parts.len() as u32, 3));
        for (k, &(tag, bits)) in parts.iter().enumerate() {
            self.b.ins().stack_store(PTR, tag, slot, 16 * k as i32);
            self.b.ins().stack_store(PTR, bits, slot, 16 * k as i32 + 8);
        }
        self.b.ins().stack_addr(PTR, slot, 0)
    }

    /// Evaluates `key` and finds its entry in dict `d` (-1: absent); a key
    /// native code cannot compare (NaN) bails out.
    fn dict_find(&mut self, d: Value, key: &Expr) -> Value {
        let (kv, kt) = self.expr(key);
        let idx = self.dict_find_vals(d, &kv, &key.ty);
        self.release(kt);
        idx
    }

    /// Records `idx` as the entry of `d[key]` for a fused `d[key] = ...`.
    fn note_fused_find(&mut self, dict: &Expr, key: &Expr, idx: Value) {
        if let (Some((d, k, found @ None)), K::Var(dv), K::Var(kv)) = (&mut self.fused_find, &dict.kind, &key.kind) {
            if d == dv && k == kv {
                *found = Some(idx);
            }
        }
    }

    fn dict_find_vals(&mut self, d: Value, kv: &[Value], ty: &Ty) -> Value {
        let parts = self.tagged_parts(kv, ty);
        let n = self.iconst(types::I64, parts.len() as i64);
        let buf = self.key_buffer(&parts);
        let idx = self.call1("rd_find", &[PTR, PTR, types::I64], types::I64, &[d, buf, n]);
        let bad = self.b.ins().icmp_imm_s(IntCC::Equal, idx, dict::BAD_KEY);
        self.bail_if(bad, Bail::Unrepresentable);
        idx
    }

    /// Address of entry `idx` of a dict whose keys have `parts` parts.
    fn entry_addr(&mut self, d: Value, idx: Value, parts: usize) -> Value {
        let entries = self.load(PTR, d, dict::ENTRIES_OFFSET);
        let off = self.b.ins().imul_imm_s(idx, 8 * dict::stride(parts as u64) as i64);
        self.b.ins().iadd(entries, off)
    }

    fn entry_value(&mut self, d: Value, idx: Value, parts: usize, ty: &Ty) -> Vals {
        let entry = self.entry_addr(d, idx, parts);
        self.read_tagged(entry, 8 * (1 + 2 * parts as i32), ty)
    }

    /// A stored (tag, bits) value at `addr + off` as a value of type `ty`.
    /// A tag of another type bails out: two variables may name one dict
    /// with different static types.
    fn read_tagged(&mut self, addr: Value, off: i32, ty: &Ty) -> Vals {
        if *ty == Ty::Unknown {
            // Nothing was ever stored through this name: another name wrote it.
            let always = self.iconst(types::I8, 1);
            self.bail_if(always, Bail::TypeGuard);
            return vec![];
        }
        if let Ty::Tuple(ts) = ty {
            let mut out = Vec::new();
            for (k, t) in ts.iter().enumerate() {
                out.extend(self.read_tagged(addr, off + 16 * k as i32, t));
            }
            return out;
        }
        let tag = self.load(types::I64, addr, off);
        let bits = self.load(types::I64, addr, off + 8);
        let (bad, vals) = match ty {
            Ty::Int => (self.b.ins().icmp_imm_s(IntCC::NotEqual, tag, TAG_INT as i64), vec![bits]),
            Ty::Float => {
                let f = self.b.ins().bitcast(types::F64, MemFlagsData::new(), bits);
                (self.b.ins().icmp_imm_s(IntCC::NotEqual, tag, TAG_FLOAT as i64), vec![f])
            }
            Ty::Bool => {
                let b = self.b.ins().ireduce(types::I8, bits);
                (self.b.ins().icmp_imm_s(IntCC::NotEqual, tag, TAG_BOOL as i64), vec![b])
            }
            Ty::Num => {
                let t = self.b.ins().ireduce(types::I8, tag);
                (self.b.ins().icmp_imm_s(IntCC::UnsignedGreaterThan, tag, TAG_FLOAT as i64), vec![t, bits])
            }
            // Borrowed from the dict, which holds it until the call ends.
            Ty::Str => (self.b.ins().icmp_imm_s(IntCC::NotEqual, tag, TAG_STR as i64), vec![bits]),
            other => unreachable!("dict keys and values of {other} are rejected by inference"),
        };
        self.bail_if(bad, Bail::TypeGuard);
        vals
    }

    /// `for key, value in d.items()`, in insertion order; a change of size
    /// bails out where CPython raises RuntimeError.
    fn for_dict(&mut self, key: usize, value: usize, d: &Expr, body: &[Stmt], orelse: &[Stmt]) {
        let Ty::Dict(kt, vt) = d.ty.clone() else { unreachable!("a dict") };
        let parts = key_parts(&kt).map_or(1, |p| p.len());
        let dv = self.expr(d).0[0];
        let size = self.load(types::I64, dv, dict::LEN_OFFSET);
        let index = self.b.declare_var(types::I64);
        let zero = self.iconst(types::I64, 0);
        self.b.def_var(index, zero);
        let (header, bb, eb, after) = (self.b.create_block(), self.b.create_block(), self.b.create_block(), self.b.create_block());
        self.jump(header, &[]);
        self.b.switch_to_block(header);
        let i = self.b.use_var(index);
        let len = self.load(types::I64, dv, dict::LEN_OFFSET);
        let resized = self.b.ins().icmp(IntCC::NotEqual, len, size);
        self.bail_if(resized, Bail::DictResized);
        let more = self.b.ins().icmp(IntCC::SignedLessThan, i, len);
        self.brif(more, bb, eb);
        self.b.switch_to_block(bb);
        let entry = self.entry_addr(dv, i, parts);
        let kv = self.read_tagged(entry, 8, &kt);
        let vv = self.read_tagged(entry, 8 * (1 + 2 * parts as i32), &vt);
        let next = self.b.ins().iadd_imm_s(i, 1);
        self.b.def_var(index, next);
        self.assign(key, kv, None, &kt);
        self.assign(value, vv, None, &vt);
        self.loop_rest(header, eb, after, body, orelse);
    }

    /// The rest of a loop whose round has begun: the body (`continue` goes
    /// back to `header`), then the `else` block at `exhausted`, then `after`.
    fn loop_rest(&mut self, header: Block, exhausted: Block, after: Block, body: &[Stmt], orelse: &[Stmt]) {
        self.loops.push(Loop { cont: header, brk: after });
        self.block(body);
        self.loops.pop();
        self.jump(header, &[]);
        self.b.switch_to_block(exhausted);
        self.block(orelse);
        self.jump(after, &[]);
        self.b.switch_to_block(after);
    }

    /// A host call making a new object from one object argument.
    fn new_object(&mut self, helper: &str, arg: &Expr, ty: &Ty) -> (Vals, Option<usize>) {
        let (av, at) = self.expr(arg);
        let obj = self.call1(helper, &[PTR], PTR, &[av[0]]);
        self.release(at);
        self.bail_if_null(obj);
        let t = self.push_temp(&[obj], ty);
        (vec![obj], t)
    }

    /// Runs `stmts` with temporary `t` already released on this path.
    fn block_without_temp(&mut self, t: Option<usize>, stmts: &[Stmt]) {
        self.take(t);
        self.block(stmts);
    }

    // ------------------------------------------------------------ lists

    /// Normalises a Python index (negative counts from the end) and bails
    /// out with IndexError semantics when it is out of range; an index known
    /// to be non-negative needs only the upper bound.
    fn list_index(&mut self, list: Value, index: Value, non_negative: bool) -> Value {
        let len = self.load(types::I64, list, layout::OB_SIZE);
        self.checked_index(len, index, non_negative)
    }

    fn checked_index(&mut self, len: Value, index: Value, non_negative: bool) -> Value {
        let idx = if non_negative {
            index
        } else {
            let neg = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, index, 0);
            let wrapped = self.b.ins().iadd(index, len);
            self.b.ins().select(neg, wrapped, index)
        };
        // One unsigned compare catches both idx < 0 and idx >= len.
        let out = self.b.ins().icmp(IntCC::UnsignedGreaterThanOrEqual, idx, len);
        self.bail_if(out, Bail::IndexError);
        idx
    }

    /// `list[idx] = item` (stolen) into a list this call created whose items
    /// are all floats: no journal, and the old float (never immortal) is
    /// released inline unless this drops its last reference.
    fn store_fresh_float_item(&mut self, list: Value, idx: Value, item: Value) {
        let items = self.load(PTR, list, layout::LIST_ITEMS);
        let at = self.item_slot(items, idx);
        let old = self.load(PTR, at, 0);
        self.b.ins().store(flags(), item, at, 0);
        let rc = self.load(types::I64, old, layout::OB_REFCNT);
        let shared = self.b.ins().icmp_imm_s(IntCC::SignedGreaterThan, rc, 1);
        let (fast, slow, done) = (self.b.create_block(), self.b.create_block(), self.b.create_block());
        self.b.set_cold_block(slow);
        self.brif(shared, fast, slow);
        self.b.switch_to_block(fast);
        let rc1 = self.b.ins().iadd_imm_s(rc, -1);
        self.b.ins().store(flags(), rc1, old, layout::OB_REFCNT);
        self.jump(done, &[]);
        self.b.switch_to_block(slow);
        self.decref(old);
        self.jump(done, &[]);
        self.b.switch_to_block(done);
    }

    /// Evaluates a list index. `a + b` of two non-negative ints needs no
    /// overflow check here: a wrapped sum is at least 2**63 as unsigned, and
    /// the bounds check bails out on it (CPython raises IndexError too).
    fn index_value(&mut self, index: &Expr) -> Vals {
        if let K::Arith(Arith::Add, a, b) = &index.kind {
            if index.ty == Ty::Int && a.non_negative(&self.non_negative) && b.non_negative(&self.non_negative) {
                let (x, y) = (self.expr(a).0[0], self.expr(b).0[0]);
                return vec![self.b.ins().iadd(x, y)];
            }
        }
        self.expr(index).0
    }

    /// Address of slot `idx` in a list's item array.
    fn item_slot(&mut self, items: Value, idx: Value) -> Value {
        let off = self.b.ins().ishl_imm_s(idx, 3);
        self.b.ins().iadd(items, off)
    }

    /// The (borrowed) item `idx` of a list.
    fn item_ptr(&mut self, list: Value, idx: Value) -> Value {
        let items = self.load(PTR, list, layout::LIST_ITEMS);
        let at = self.item_slot(items, idx);
        self.load(PTR, at, 0)
    }

    fn type_of(&mut self, obj: Value) -> Value {
        self.load(PTR, obj, layout::OB_TYPE)
    }

    fn is_type(&mut self, obj: Value, ty: u64) -> Value {
        let t = self.type_of(obj);
        self.b.ins().icmp_imm_s(IntCC::Equal, t, ty as i64)
    }

    fn unbox_int(&mut self, obj: Value) -> Value {
        if !self.host.objects.small_int_inline {
            return self.unbox_int_call(obj);
        }
        // Ints of at most one digit inline, the rest through the helper.
        let (small, big, join) = (self.b.create_block(), self.b.create_block(), self.b.create_block());
        self.b.append_block_param(join, types::I64);
        self.b.set_cold_block(big);
        let size = self.load(types::I64, obj, layout::OB_SIZE);
        let biased = self.b.ins().iadd_imm_s(size, 1);
        let one_digit = self.b.ins().icmp_imm_u(IntCC::UnsignedLessThanOrEqual, biased, 2);
        self.brif(one_digit, small, big);
        self.b.switch_to_block(small);
        let digit = self.b.ins().uload32(flags(), obj, layout::INT_DIGIT0);
        let v = self.b.ins().imul(size, digit);
        self.jump(join, &[v]);
        self.b.switch_to_block(big);
        let v = self.unbox_int_call(obj);
        self.jump(join, &[v]);
        self.b.switch_to_block(join);
        self.b.block_params(join)[0]
    }

    fn unbox_int_call(&mut self, obj: Value) -> Value {
        let slot = self.b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 8, 3));
        let addr = self.b.ins().stack_addr(PTR, slot, 0);
        let ok = self.call1("rt_unbox_int", &[PTR, PTR], types::I8, &[obj, addr]);
        let failed = self.b.ins().icmp_imm_s(IntCC::Equal, ok, 0);
        self.bail_if(failed, Bail::Overflow);
        self.b.ins().stack_load(PTR, types::I64, slot, 0)
    }

    /// Reads a list item (a borrowed `PyObject*`) as a value of `elem`,
    /// bailing out if the object is of another exact type.
    fn read_item(&mut self, obj: Value, elem: &Ty) -> Vals {
        let o = self.host.objects;
        match elem {
            Ty::Float | Ty::Unknown => {
                let ok = self.is_type(obj, o.float_type);
                let bad = self.b.ins().icmp_imm_s(IntCC::Equal, ok, 0);
                self.bail_if(bad, Bail::TypeGuard);
                vec![self.load(types::F64, obj, layout::FLOAT_VALUE)]
            }
            Ty::Int => {
                let ok = self.is_type(obj, o.int_type);
                let bad = self.b.ins().icmp_imm_s(IntCC::Equal, ok, 0);
                self.bail_if(bad, Bail::TypeGuard);
                vec![self.unbox_int(obj)]
            }
            Ty::Bool => {
                let t = self.b.ins().icmp_imm_s(IntCC::Equal, obj, o.py_true as i64);
                let f = self.b.ins().icmp_imm_s(IntCC::Equal, obj, o.py_false as i64);
                let either = self.b.ins().bor(t, f);
                let bad = self.b.ins().icmp_imm_s(IntCC::Equal, either, 0);
                self.bail_if(bad, Bail::TypeGuard);
                vec![t]
            }
            Ty::Num => {
                let (fb, ib, join) = (self.b.create_block(), self.b.create_block(), self.b.create_block());
                self.b.append_block_param(join, types::I8);
                self.b.append_block_param(join, types::I64);
                let isf = self.is_type(obj, o.float_type);
                self.brif(isf, fb, ib);
                self.b.switch_to_block(fb);
                let bits = self.load(types::I64, obj, layout::FLOAT_VALUE);
                let one = self.iconst(types::I8, 1);
                self.jump(join, &[one, bits]);
                self.b.switch_to_block(ib);
                let isi = self.is_type(obj, o.int_type);
                let bad = self.b.ins().icmp_imm_s(IntCC::Equal, isi, 0);
                self.bail_if(bad, Bail::TypeGuard);
                let v = self.unbox_int(obj);
                let zero = self.iconst(types::I8, 0);
                self.jump(join, &[zero, v]);
                self.b.switch_to_block(join);
                self.b.block_params(join).to_vec()
            }
            Ty::List(_) | Ty::Str => {
                let exact = if *elem == Ty::Str { o.str_type } else { o.list_type };
                let ok = self.is_type(obj, exact);
                let bad = self.b.ins().icmp_imm_s(IntCC::Equal, ok, 0);
                self.bail_if(bad, Bail::TypeGuard);
                vec![obj]
            }
            Ty::Tuple(ts) => {
                let ok = self.is_type(obj, o.tuple_type);
                let size = self.load(types::I64, obj, layout::OB_SIZE);
                let sized = self.b.ins().icmp_imm_s(IntCC::Equal, size, ts.len() as i64);
                let good = self.b.ins().band(ok, sized);
                let bad = self.b.ins().icmp_imm_s(IntCC::Equal, good, 0);
                self.bail_if(bad, Bail::TypeGuard);
                let mut vals = Vec::new();
                for (k, t) in ts.iter().enumerate() {
                    let item = self.load(PTR, obj, layout::TUPLE_ITEMS + 8 * k as i32);
                    vals.extend(self.read_item(item, t));
                }
                vals
            }
            Ty::Np(_) | Ty::MaybeNp(_) => self.np_read_item(obj, elem),
            Ty::None | Ty::Never | Ty::Dict(..) | Ty::Bytes | Ty::Array(..) => {
                unreachable!("lists of {elem} are rejected by inference")
            }
        }
    }

    /// [`Self::read_item`], with the references in the value owned while in
    /// use (the container might drop the item).
    fn read_owned_item(&mut self, item: Value, elem: &Ty) -> (Vals, Option<usize>) {
        let vals = self.read_item(item, elem);
        if !elem.holds_refs() {
            return (vals, None);
        }
        self.incref_vals(&vals, elem);
        let t = self.push_temp(&vals, elem);
        (vals, t)
    }

    /// A new reference to a Python object holding the value.
    fn box_value(&mut self, vals: Vals, t: Option<usize>, ty: &Ty) -> Value {
        let o = self.host.objects;
        match ty {
            Ty::Float => {
                let obj = self.call1("rt_box_float", &[types::F64], PTR, &vals);
                self.bail_if_null(obj);
                obj
            }
            Ty::Int => {
                let obj = self.call1("rt_box_int", &[types::I64], PTR, &vals);
                self.bail_if_null(obj);
                obj
            }
            Ty::Bool | Ty::None | Ty::Unknown | Ty::Never => {
                let obj = if *ty == Ty::Bool {
                    let t = self.iconst(PTR, o.py_true as i64);
                    let f = self.iconst(PTR, o.py_false as i64);
                    self.b.ins().select(vals[0], t, f)
                } else {
                    self.iconst(PTR, o.py_none as i64)
                };
                self.call("rt_incref", &[PTR], &[], &[obj]);
                obj
            }
            Ty::Num => {
                let (fb, ib, join) = (self.b.create_block(), self.b.create_block(), self.b.create_block());
                self.b.append_block_param(join, PTR);
                self.brif(vals[0], fb, ib);
                self.b.switch_to_block(fb);
                let f = self.b.ins().bitcast(types::F64, MemFlagsData::new(), vals[1]);
                let obj = self.box_value(vec![f], None, &Ty::Float);
                self.jump(join, &[obj]);
                self.b.switch_to_block(ib);
                let obj = self.box_value(vec![vals[1]], None, &Ty::Int);
                self.jump(join, &[obj]);
                self.b.switch_to_block(join);
                self.b.block_params(join)[0]
            }
            Ty::List(_) | Ty::Str | Ty::Bytes => self.own(vals, t, ty)[0],
            Ty::Np(_) | Ty::MaybeNp(_) => self.np_box(vals, ty),
            Ty::Array(..) => unreachable!("inference keeps arrays inside native code"),
            Ty::Dict(..) => {
                let obj = self.call1("rt_dict_box", &[PTR], PTR, &vals);
                self.bail_if_null(obj);
                obj
            }
            Ty::Tuple(ts) => {
                let n = self.iconst(types::I64, ts.len() as i64);
                let tuple = self.call1("rt_tuple_new", &[types::I64], PTR, &[n]);
                self.bail_if_null(tuple);
                let tt = self.push_temp(&[tuple], &object());
                let mut at = 0;
                for (k, et) in ts.iter().enumerate() {
                    let n = machine_types(et).len();
                    let part = vals[at..at + n].to_vec();
                    at += n;
                    let item = self.box_value(part, None, et);
                    self.b.ins().store(flags(), item, tuple, layout::TUPLE_ITEMS + 8 * k as i32);
                }
                self.take(tt);
                self.release(t);
                tuple
            }
        }
    }

    // ------------------------------------------------------------ conversions

    fn convert(&mut self, vals: Vals, from: &Ty, to: &Ty) -> Vals {
        match (from, to) {
            (f, t) if f == t => vals,
            (Ty::Int, Ty::Num) => vec![self.iconst(types::I8, 0), vals[0]],
            (Ty::Float, Ty::Num) => {
                let bits = self.b.ins().bitcast(types::I64, MemFlagsData::new(), vals[0]);
                vec![self.iconst(types::I8, 1), bits]
            }
            (Ty::Bool, Ty::Int) => vec![self.b.ins().uextend(types::I64, vals[0])],
            (Ty::Bool, Ty::Float) => {
                let i = self.b.ins().uextend(types::I64, vals[0]);
                vec![self.b.ins().fcvt_from_sint(types::F64, i)]
            }
            (Ty::Int, Ty::Float) => vec![self.b.ins().fcvt_from_sint(types::F64, vals[0])],
            (Ty::Num, Ty::Float) => vec![self.num_to_float(vals[0], vals[1])],
            (Ty::List(_), Ty::List(_)) | (Ty::Dict(..), Ty::Dict(..)) => vals,
            (Ty::Np(_) | Ty::MaybeNp(_), _) | (_, Ty::Np(_) | Ty::MaybeNp(_)) => self.np_convert(vals, from, to),
            (Ty::Tuple(fs), Ty::Tuple(ts)) => {
                let mut out = Vec::new();
                let mut at = 0;
                for (f, t) in fs.iter().zip(ts) {
                    let n = machine_types(f).len();
                    out.extend(self.convert(vals[at..at + n].to_vec(), f, t));
                    at += n;
                }
                out
            }
            (_, Ty::Unknown) | (Ty::Unknown | Ty::Never, _) => machine_types(to).into_iter().map(|t| self.zero_of(t)).collect(),
            _ => unreachable!("inference only converts numbers: {from} -> {to}"),
        }
    }

    fn num_to_float(&mut self, tag: Value, payload: Value) -> Value {
        let as_float = self.b.ins().bitcast(types::F64, MemFlagsData::new(), payload);
        let as_int = self.b.ins().fcvt_from_sint(types::F64, payload);
        self.b.ins().select(tag, as_float, as_int)
    }

    fn float_bits(&mut self, f: Value) -> Value {
        self.b.ins().bitcast(types::I64, MemFlagsData::new(), f)
    }

    // ------------------------------------------------------------ expressions

    /// Evaluates a condition to an i8 0/1.
    fn cond(&mut self, e: &Expr) -> Value {
        let (vals, t) = self.expr(e);
        self.release(t);
        vals[0]
    }

    fn expr(&mut self, e: &Expr) -> (Vals, Option<usize>) {
        match &e.kind {
            K::Pending => unreachable!("inference leaves no pending expression"),
            K::Int(i) => (vec![self.iconst(types::I64, *i)], None),
            K::Float(f) => (vec![self.fconst(*f)], None),
            // Borrowed: the host keeps the object alive with the code.
            K::StrConst { handle, .. } => (vec![self.iconst(PTR, *handle as i64)], None),
            K::Bool(b) => (vec![self.iconst(types::I8, *b as i64)], None),
            K::None => (vec![], None),
            K::Var(v) => {
                if let Some(flag) = self.bound[*v] {
                    let f = self.b.use_var(flag);
                    let unbound = self.b.ins().icmp_imm_s(IntCC::Equal, f, 0);
                    self.bail_if(unbound, Bail::Unbound);
                }
                let vals = self.vars[*v].clone().into_iter().map(|x| self.b.use_var(x)).collect();
                (vals, None)
            }
            K::Cast(a) => {
                let (v, _) = self.expr(a);
                (self.convert(v, &a.ty, &e.ty), None)
            }
            K::Arith(op, a, b) => {
                let (av, _) = self.expr(a);
                let (bv, _) = self.expr(b);
                (self.arith(*op, av, bv, &a.ty, &e.ty), None)
            }
            K::Compare(op, a, b) => {
                let (av, _) = self.expr(a);
                let (bv, _) = self.expr(b);
                (vec![self.compare(*op, &av, &bv, &a.ty)], None)
            }
            K::Unary(op, a) => {
                let (v, t) = self.expr(a);
                let r = self.unary(*op, v, &a.ty);
                self.release(t);
                (r, None)
            }
            K::Logic { and, left, right } => self.logic(*and, left, right, &e.ty),
            K::IfExp(c, a, b) => {
                let c = self.cond(c);
                self.branch_value(c, a, b, &e.ty)
            }
            K::Block(stmts, value) => {
                self.block(stmts);
                self.expr(value)
            }
            K::Frame(inner) => {
                self.depth_step(1);
                let depth = self.load(types::I32, self.ctx, CallCtx::DEPTH_OFFSET);
                let limit = self.load(types::I32, self.ctx, CallCtx::DEPTH_LIMIT_OFFSET);
                let deep = self.b.ins().icmp(IntCC::UnsignedGreaterThan, depth, limit);
                self.bail_if(deep, Bail::Recursion);
                let r = self.expr(inner);
                self.depth_step(-1);
                r
            }
            K::Call(spec, args) => {
                let mut flat = vec![self.ctx];
                let mut owned = Vec::new();
                for a in args {
                    let (v, t) = self.expr(a);
                    flat.extend(v);
                    owned.push(t);
                }
                let callee = self.module.declare_func_in_func(self.spec_ids[*spec], self.b.func);
                let inst = self.b.ins().call(callee, &flat);
                let rets = self.b.inst_results(inst).to_vec();
                for t in owned.into_iter().rev() {
                    self.release(t);
                }
                self.check_bailed();
                let t = self.push_temp(&rets, &e.ty);
                (rets, t)
            }
            K::Libm(f, args) => {
                let vals: Vals = args.iter().map(|a| self.expr(a).0[0]).collect();
                (vec![self.libm(*f, &vals)], None)
            }
            K::CopySign(a, b) => {
                let (x, y) = (self.expr(a).0[0], self.expr(b).0[0]);
                (vec![self.b.ins().fcopysign(x, y)], None)
            }
            K::PyCall(idx, args) => (vec![self.py_call(*idx, args, &e.ty)], None),
            K::ArrayGet(a, indices) => (self.array_get(a, indices), None),
            K::SeqSlice { seq, lower, upper } => {
                let (sv, st) = self.expr(seq);
                let bound = |me: &mut Self, b: &Option<Box<Expr>>, open: i64| match b {
                    Some(x) => me.expr(x).0[0],
                    None => me.iconst(types::I64, open),
                };
                let lo = bound(self, lower, 0);
                let hi = bound(self, upper, i64::MAX);
                let obj = self.call1("rt_seq_slice", &[PTR, types::I64, types::I64], PTR, &[sv[0], lo, hi]);
                self.release(st);
                self.bail_if_null(obj);
                let t = self.push_temp(&[obj], &e.ty);
                (vec![obj], t)
            }
            K::StrGet(s, index) => {
                let (sv, st) = self.expr(s);
                let (iv, _) = self.expr(index);
                let obj = self.call1("rt_str_item", &[PTR, types::I64], PTR, &[sv[0], iv[0]]);
                self.release(st);
                let missing = self.b.ins().icmp_imm_s(IntCC::Equal, obj, 0);
                self.bail_if(missing, Bail::IndexError);
                let t = self.push_temp(&[obj], &e.ty);
                (vec![obj], t)
            }
            K::StrEq(a, b) => {
                let (av, at) = self.expr(a);
                let (bv, bt) = self.expr(b);
                let r = self.call1("rt_str_eq", &[PTR, PTR], types::I8, &[av[0], bv[0]]);
                self.release(bt);
                self.release(at);
                (vec![r], None)
            }
            K::StrContains { haystack, needle } => {
                let (nv, nt) = self.expr(needle);
                let (hv, ht) = self.expr(haystack);
                let r = self.call1("rt_str_contains", &[PTR, PTR], types::I8, &[hv[0], nv[0]]);
                self.release(ht);
                self.release(nt);
                let failed = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, r, 0);
                self.bail_if(failed, Bail::HostError);
                (vec![r], None)
            }
            K::ArrayDim(a, k) => (vec![self.expr(a).0[1 + k]], None),
            K::NpArith(..) => (self.np_arith(e), None),
            K::NpCompare(op, a, b) => (self.np_compare(*op, a, b, &e.ty), None),
            K::MinMax { max, args } => {
                let mut vals: Vec<Vals> = args.iter().map(|a| self.expr(a).0).collect();
                let op = if *max { Cmp::Gt } else { Cmp::Lt };
                let mut best = vals.remove(0);
                for next in vals {
                    let better = self.compare(op, &next, &best, &e.ty);
                    best = best.iter().zip(&next).map(|(&b, &n)| self.b.ins().select(better, n, b)).collect();
                }
                (best, None)
            }
            K::Sum { list, start } => self.sum(list, start, &e.ty),
            K::ListNew(items) => {
                let evaluated: Vec<(Vals, Option<usize>)> = items.iter().map(|i| self.expr(i)).collect();
                let n = self.iconst(types::I64, items.len() as i64);
                let obj = self.call1("rt_list_new", &[types::I64], PTR, &[n]);
                self.bail_if_null(obj);
                let t = self.push_temp(&[obj], &e.ty);
                let elem = match &e.ty {
                    Ty::List(x) => (**x).clone(),
                    _ => Ty::Unknown,
                };
                for (k, (vals, it)) in evaluated.into_iter().enumerate() {
                    let item = self.box_value(vals, it, &elem);
                    let arr = self.load(PTR, obj, layout::LIST_ITEMS);
                    self.b.ins().store(flags(), item, arr, 8 * k as i32);
                }
                (vec![obj], t)
            }
            K::ListRepeat { item, count } => {
                let (iv, it) = self.expr(item);
                let (cv, _) = self.expr(count);
                let boxed = self.box_value(iv, it, &item.ty);
                let obj = self.call1("rt_list_repeat", &[PTR, types::I64], PTR, &[boxed, cv[0]]);
                self.bail_if_null(obj);
                let t = self.push_temp(&[obj], &e.ty);
                (vec![obj], t)
            }
            K::ListCopy(list) => self.new_object("rt_list_copy", list, &e.ty),
            K::ListGet(list, index) => {
                let (lv, lt) = self.expr(list);
                let iv = self.index_value(index);
                let (len, items) = self.list_parts(list, lv[0]);
                let idx = if self.proven_in_bounds(list, 0, index) {
                    iv[0]
                } else {
                    self.checked_index(len, iv[0], index.non_negative(&self.non_negative))
                };
                let items = match items {
                    Some(items) => items,
                    None => self.load(PTR, lv[0], layout::LIST_ITEMS),
                };
                let at = self.item_slot(items, idx);
                let item = self.load(PTR, at, 0);
                let (vals, t) = if self.floats_checked(list, index) {
                    (vec![self.load(types::F64, item, layout::FLOAT_VALUE)], None)
                } else {
                    self.read_owned_item(item, &e.ty)
                };
                self.release(lt);
                (vals, t)
            }
            K::ListLen(list) => {
                let (lv, lt) = self.expr(list);
                let (len, _) = self.list_parts(list, lv[0]);
                self.release(lt);
                (vec![len], None)
            }
            K::TupleNew(items) => {
                let mut vals = Vec::new();
                let mut parts = Vec::new();
                for i in items {
                    let (v, t) = self.expr(i);
                    parts.push((v.clone(), t, i.ty.clone()));
                    vals.extend(v);
                }
                for (v, t, ty) in parts {
                    self.own(v, t, &ty);
                }
                let t = self.push_temp(&vals, &e.ty);
                (vals, t)
            }
            K::DictNew => (vec![self.call1("rd_new", &[PTR], PTR, &[self.ctx])], None),
            K::DictLen(d) => {
                let dv = self.expr(d).0;
                (vec![self.load(types::I64, dv[0], dict::LEN_OFFSET)], None)
            }
            K::DictContains(d, key) => {
                let dv = self.expr(d).0;
                let idx = self.dict_find(dv[0], key);
                (vec![self.b.ins().icmp_imm_s(IntCC::SignedGreaterThanOrEqual, idx, 0)], None)
            }
            K::DictGet { dict: d, key, default } => {
                let dv = self.expr(d).0;
                let kv_ty = key.ty.clone();
                let Ty::Dict(_, vt) = &d.ty else { unreachable!("a dict") };
                let vt = (**vt).clone();
                let parts = key_parts(&kv_ty).map_or(1, |p| p.len());
                match default {
                    None => {
                        let idx = self.dict_find(dv[0], key);
                        self.note_fused_find(d, key, idx);
                        let missing = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, idx, 0);
                        self.bail_if(missing, Bail::KeyError);
                        let vals = self.entry_value(dv[0], idx, parts, &vt);
                        (self.convert(vals, &vt, &e.ty), None)
                    }
                    Some(x) => {
                        // CPython evaluates the default before the lookup.
                        let (kv, kt) = self.expr(key);
                        let dflt = self.expr(x).0;
                        let idx = self.dict_find_vals(dv[0], &kv, &kv_ty);
                        self.release(kt);
                        self.note_fused_find(d, key, idx);
                        let (found, join) = (self.b.create_block(), self.b.create_block());
                        for t in machine_types(&e.ty) {
                            self.b.append_block_param(join, t);
                        }
                        let hit = self.b.ins().icmp_imm_s(IntCC::SignedGreaterThanOrEqual, idx, 0);
                        let miss_args: Vec<BlockArg> = dflt.iter().map(|&v| BlockArg::Value(v)).collect();
                        self.b.ins().brif(hit, found, &[], join, &miss_args);
                        self.b.switch_to_block(found);
                        let vals = self.entry_value(dv[0], idx, parts, &vt);
                        let vals = self.convert(vals, &vt, &e.ty);
                        self.jump(join, &vals);
                        self.b.switch_to_block(join);
                        (self.b.block_params(join).to_vec(), None)
                    }
                }
            }
            K::DictExtreme { max, dict: d } => {
                let dv = self.expr(d).0;
                let max = self.iconst(types::I64, *max as i64);
                let idx = self.call1("rd_extreme", &[PTR, types::I64], types::I64, &[dv[0], max]);
                let empty = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, idx, 0);
                self.bail_if(empty, Bail::ValueError);
                let parts = key_parts(&e.ty).map_or(1, |p| p.len());
                let entry = self.entry_addr(dv[0], idx, parts);
                (self.read_tagged(entry, 8, &e.ty), None)
            }
            K::StrEncode(x) => self.new_object("rt_str_encode", x, &e.ty),
            K::BytesList(x) => self.new_object("rt_bytes_list", x, &e.ty),
            K::BytesGet(b, index) => {
                let (bv, bt) = self.expr(b);
                let iv = self.index_value(index);
                let len = self.load(types::I64, bv[0], layout::OB_SIZE);
                let idx = self.checked_index(len, iv[0], index.non_negative(&self.non_negative));
                let at = self.b.ins().iadd(bv[0], idx);
                let byte = self.load(types::I8, at, layout::BYTES_DATA);
                let v = self.b.ins().uextend(types::I64, byte);
                self.release(bt);
                (vec![v], None)
            }
            K::ListPop(list, index) => {
                // A method call: the receiver, then the argument.
                let (lv, lt) = self.expr(list);
                let (iv, _) = self.expr(index);
                let journal = self.iconst(types::I8, !self.is_fresh(list) as i64);
                let sig = [PTR, PTR, types::I64, types::I8];
                let item = self.call1("rt_list_pop", &sig, PTR, &[self.ctx, lv[0], iv[0], journal]);
                let none = self.b.ins().icmp_imm_s(IntCC::Equal, item, 0);
                self.bail_if(none, Bail::IndexError);
                let held = self.push_temp(&[item], &object());
                let (vals, t) = self.read_owned_item(item, &e.ty);
                self.release(held);
                self.release(lt);
                (vals, t)
            }
            K::TupleGet(tuple, k) => {
                let (tv, tt) = self.expr(tuple);
                let Ty::Tuple(ts) = &tuple.ty else { unreachable!("tuple index of a non-tuple") };
                let at: usize = ts[..*k].iter().map(|t| machine_types(t).len()).sum();
                let n = machine_types(&ts[*k]).len();
                let part = tv[at..at + n].to_vec();
                if tt.is_some() && e.ty.holds_refs() {
                    self.incref_vals(&part, &e.ty);
                    self.release(tt);
                    let t = self.push_temp(&part, &e.ty);
                    (part, t)
                } else {
                    self.release(tt);
                    (part, None)
                }
            }
        }
    }

    /// `a if c else b` and the two arms of `and`/`or`: each arm's value is
    /// owned when it reaches the join.
    fn branch_value(&mut self, c: Value, a: &Expr, b: &Expr, ty: &Ty) -> (Vals, Option<usize>) {
        let (ab, bb, join) = (self.b.create_block(), self.b.create_block(), self.b.create_block());
        for t in machine_types(ty) {
            self.b.append_block_param(join, t);
        }
        self.brif(c, ab, bb);
        for (blk, arm) in [(ab, a), (bb, b)] {
            self.b.switch_to_block(blk);
            let (v, t) = self.expr(arm);
            let v = self.own(v, t, ty);
            self.jump(join, &v);
        }
        self.b.switch_to_block(join);
        let vals = self.b.block_params(join).to_vec();
        let t = self.push_temp(&vals, ty);
        (vals, t)
    }

    fn logic(&mut self, and: bool, left: &Expr, right: &Expr, ty: &Ty) -> (Vals, Option<usize>) {
        let (lv, lt) = self.expr(left);
        let lv = self.own(lv, lt, ty);
        let truthy = self.truth(&lv, ty);
        let (rb, lb, join) = (self.b.create_block(), self.b.create_block(), self.b.create_block());
        for t in machine_types(ty) {
            self.b.append_block_param(join, t);
        }
        // `a and b` is b when a is true; `a or b` is b when a is false.
        if and {
            self.brif(truthy, rb, lb);
        } else {
            self.brif(truthy, lb, rb);
        }
        self.b.switch_to_block(rb);
        self.release_vals(&lv, ty);
        let (rv, rt) = self.expr(right);
        let rv = self.own(rv, rt, ty);
        self.jump(join, &rv);
        self.b.switch_to_block(lb);
        self.jump(join, &lv);
        self.b.switch_to_block(join);
        let vals = self.b.block_params(join).to_vec();
        let t = self.push_temp(&vals, ty);
        (vals, t)
    }

    fn truth(&mut self, vals: &[Value], ty: &Ty) -> Value {
        match ty {
            Ty::Bool => vals[0],
            Ty::Int => self.b.ins().icmp_imm_s(IntCC::NotEqual, vals[0], 0),
            Ty::Float => {
                let z = self.fconst(0.0);
                self.b.ins().fcmp(FloatCC::NotEqual, vals[0], z)
            }
            Ty::Num => {
                let f = self.num_to_float(vals[0], vals[1]);
                let z = self.fconst(0.0);
                let ft = self.b.ins().fcmp(FloatCC::NotEqual, f, z);
                let it = self.b.ins().icmp_imm_s(IntCC::NotEqual, vals[1], 0);
                self.b.ins().select(vals[0], ft, it)
            }
            Ty::List(_) | Ty::Str | Ty::Bytes => {
                let len = self.load(types::I64, vals[0], layout::OB_SIZE);
                self.b.ins().icmp_imm_s(IntCC::NotEqual, len, 0)
            }
            Ty::Dict(..) => {
                let len = self.load(types::I64, vals[0], dict::LEN_OFFSET);
                self.b.ins().icmp_imm_s(IntCC::NotEqual, len, 0)
            }
            Ty::Tuple(ts) => self.iconst(types::I8, !ts.is_empty() as i64),
            Ty::Np(_) | Ty::MaybeNp(_) => self.np_truth(vals, ty),
            Ty::Array(..) => {
                // numpy decides (an error for most sizes): leave it to CPython.
                let always = self.iconst(types::I8, 1);
                self.bail_if(always, Bail::ValueError);
                self.iconst(types::I8, 0)
            }
            Ty::None | Ty::Unknown | Ty::Never => self.iconst(types::I8, 0),
        }
    }

    fn unary(&mut self, op: Unary, v: Vals, ty: &Ty) -> Vals {
        let x = v[0];
        match (op, ty) {
            (Unary::Truth, _) => vec![self.truth(&v, ty)],
            (Unary::Not, _) => vec![self.b.ins().bxor_imm_s(x, 1)],
            (Unary::Neg, Ty::Int) => {
                let zero = self.iconst(types::I64, 0);
                let (r, of) = self.b.ins().ssub_overflow(zero, x);
                self.bail_if(of, Bail::Overflow);
                vec![r]
            }
            (Unary::Neg, Ty::Float) => vec![self.b.ins().fneg(x)],
            (Unary::Abs, Ty::Int) => {
                let min = self.b.ins().icmp_imm_s(IntCC::Equal, x, i64::MIN);
                self.bail_if(min, Bail::Overflow);
                vec![self.b.ins().iabs(x)]
            }
            (Unary::Abs | Unary::Fabs, Ty::Float) => vec![self.b.ins().fabs(x)],
            (Unary::Neg | Unary::Abs, Ty::Num) => {
                let (fb, ib, join) = (self.b.create_block(), self.b.create_block(), self.b.create_block());
                self.b.append_block_param(join, types::I64);
                self.brif(x, fb, ib);
                self.b.switch_to_block(fb);
                let f = self.b.ins().bitcast(types::F64, MemFlagsData::new(), v[1]);
                let r = self.unary(op, vec![f], &Ty::Float)[0];
                let bits = self.float_bits(r);
                self.jump(join, &[bits]);
                self.b.switch_to_block(ib);
                let r = self.unary(op, vec![v[1]], &Ty::Int)[0];
                self.jump(join, &[r]);
                self.b.switch_to_block(join);
                vec![x, self.b.block_params(join)[0]]
            }
            (Unary::Neg | Unary::Abs, Ty::Np(_) | Ty::MaybeNp(_)) => self.np_unary(op == Unary::Neg, v, ty),
            (Unary::Invert, _) => vec![self.b.ins().bnot(x)],
            (Unary::IntOf | Unary::Round | Unary::Floor | Unary::Ceil | Unary::Trunc, Ty::Num) => {
                let (fb, ib, join) = (self.b.create_block(), self.b.create_block(), self.b.create_block());
                self.b.append_block_param(join, types::I64);
                self.brif(x, fb, ib);
                self.b.switch_to_block(fb);
                let f = self.b.ins().bitcast(types::F64, MemFlagsData::new(), v[1]);
                let r = self.unary(op, vec![f], &Ty::Float)[0];
                self.jump(join, &[r]);
                self.b.switch_to_block(ib);
                self.jump(join, &[v[1]]);
                self.b.switch_to_block(join);
                vec![self.b.block_params(join)[0]]
            }
            (Unary::IntOf | Unary::Trunc, Ty::Float) => {
                let t = self.b.ins().trunc(x);
                vec![self.float_to_int(t)]
            }
            (Unary::Round, Ty::Float) => {
                let t = self.b.ins().nearest(x);
                vec![self.float_to_int(t)]
            }
            (Unary::Floor, Ty::Float) => {
                let t = self.b.ins().floor(x);
                vec![self.float_to_int(t)]
            }
            (Unary::Ceil, Ty::Float) => {
                let t = self.b.ins().ceil(x);
                vec![self.float_to_int(t)]
            }
            (Unary::IsNan, _) => vec![self.b.ins().fcmp(FloatCC::Unordered, x, x)],
            (Unary::IsInf, _) => {
                let a = self.b.ins().fabs(x);
                let inf = self.fconst(f64::INFINITY);
                vec![self.b.ins().fcmp(FloatCC::Equal, a, inf)]
            }
            (Unary::IsFinite, _) => {
                let a = self.b.ins().fabs(x);
                let inf = self.fconst(f64::INFINITY);
                vec![self.b.ins().fcmp(FloatCC::LessThan, a, inf)]
            }
            _ => unreachable!("inference does not produce {op:?} on {ty}"),
        }
    }

    /// An integral float to int, bailing out where CPython raises (NaN, inf)
    /// or needs a bigint.
    fn float_to_int(&mut self, x: Value) -> Value {
        let nan = self.b.ins().fcmp(FloatCC::Unordered, x, x);
        self.bail_if(nan, Bail::Unrepresentable);
        let lo = self.fconst(-9223372036854775808.0);
        let hi = self.fconst(9223372036854775808.0);
        let ge = self.b.ins().fcmp(FloatCC::GreaterThanOrEqual, x, lo);
        let lt = self.b.ins().fcmp(FloatCC::LessThan, x, hi);
        let inside = self.b.ins().band(ge, lt);
        let outside = self.b.ins().bxor_imm_s(inside, 1);
        self.bail_if(outside, Bail::Overflow);
        self.b.ins().fcvt_to_sint_sat(types::I64, x)
    }

    // ------------------------------------------------------------ arithmetic

    fn arith(&mut self, op: Arith, a: Vals, b: Vals, operand_ty: &Ty, result_ty: &Ty) -> Vals {
        match operand_ty {
            Ty::Bool => {
                // bool & | ^ bool
                let r = match op {
                    Arith::BitAnd => self.b.ins().band(a[0], b[0]),
                    Arith::BitOr => self.b.ins().bor(a[0], b[0]),
                    _ => self.b.ins().bxor(a[0], b[0]),
                };
                vec![r]
            }
            Ty::Int => match result_ty {
                Ty::Float => vec![self.int_true_div(a[0], b[0])],
                _ => vec![self.int_arith(op, a[0], b[0])],
            },
            Ty::Float => vec![self.float_arith(op, a[0], b[0])],
            Ty::Num => {
                let (tag, payload) = self.num_arith(op, &a, &b);
                if *result_ty == Ty::Float {
                    vec![self.num_to_float(tag, payload)]
                } else {
                    vec![tag, payload]
                }
            }
            _ => unreachable!("arithmetic on {operand_ty}"),
        }
    }

    fn int_arith(&mut self, op: Arith, a: Value, b: Value) -> Value {
        match op {
            Arith::Add | Arith::Sub | Arith::Mul => {
                let (r, of) = match op {
                    Arith::Add => self.b.ins().sadd_overflow(a, b),
                    Arith::Sub => self.b.ins().ssub_overflow(a, b),
                    _ => self.b.ins().smul_overflow(a, b),
                };
                self.bail_if(of, Bail::Overflow);
                r
            }
            Arith::FloorDiv | Arith::Mod => {
                let zero = self.b.ins().icmp_imm_s(IntCC::Equal, b, 0);
                self.bail_if(zero, Bail::ZeroDivision);
                // i64::MIN // -1 overflows; x % -1 is 0 (and x // -1 is -x).
                let minus_one = self.b.ins().icmp_imm_s(IntCC::Equal, b, -1);
                let one = self.iconst(types::I64, 1);
                let safe_b = self.b.ins().select(minus_one, one, b);
                let q = self.b.ins().sdiv(a, safe_b);
                let r = self.b.ins().srem(a, safe_b);
                // Floor: adjust when the remainder's sign differs from b's.
                let nz = self.b.ins().icmp_imm_s(IntCC::NotEqual, r, 0);
                let x = self.b.ins().bxor(r, safe_b);
                let diff = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, x, 0);
                let adjust = self.b.ins().band(nz, diff);
                if op == Arith::Mod {
                    let rb = self.b.ins().iadd(r, safe_b);
                    let m = self.b.ins().select(adjust, rb, r);
                    let z = self.iconst(types::I64, 0);
                    self.b.ins().select(minus_one, z, m)
                } else {
                    let q1 = self.b.ins().iadd_imm_s(q, -1);
                    let fq = self.b.ins().select(adjust, q1, q);
                    let zero = self.iconst(types::I64, 0);
                    let (neg, of) = self.b.ins().ssub_overflow(zero, a);
                    let of = self.b.ins().band(of, minus_one);
                    self.bail_if(of, Bail::Overflow);
                    self.b.ins().select(minus_one, neg, fq)
                }
            }
            Arith::Pow => {
                let r = self.call1("rf_int_pow", &[PTR, types::I64, types::I64], types::I64, &[self.ctx, a, b]);
                self.check_bailed();
                r
            }
            Arith::LShift => {
                let neg = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, b, 0);
                self.bail_if(neg, Bail::ValueError);
                // Shifting out any significant bit would need a bigint.
                let big = self.b.ins().icmp_imm_s(IntCC::SignedGreaterThan, b, 63);
                let nonzero = self.b.ins().icmp_imm_s(IntCC::NotEqual, a, 0);
                let lost = self.b.ins().band(big, nonzero);
                self.bail_if(lost, Bail::Overflow);
                let shift = self.b.ins().band_imm_s(b, 63);
                let r = self.b.ins().ishl(a, shift);
                let back = self.b.ins().sshr(r, shift);
                let changed = self.b.ins().icmp(IntCC::NotEqual, back, a);
                self.bail_if(changed, Bail::Overflow);
                let zero = self.iconst(types::I64, 0);
                self.b.ins().select(big, zero, r)
            }
            Arith::RShift => {
                let neg = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, b, 0);
                self.bail_if(neg, Bail::ValueError);
                let sixty_three = self.iconst(types::I64, 63);
                let big = self.b.ins().icmp_imm_s(IntCC::SignedGreaterThan, b, 63);
                let shift = self.b.ins().select(big, sixty_three, b);
                self.b.ins().sshr(a, shift)
            }
            Arith::BitAnd => self.b.ins().band(a, b),
            Arith::BitOr => self.b.ins().bor(a, b),
            Arith::BitXor => self.b.ins().bxor(a, b),
            Arith::Div => unreachable!("int / int is typed float"),
        }
    }

    /// `int / int`: exact through floats while both fit in 53 bits, which
    /// is when CPython itself divides the two doubles.
    fn int_true_div(&mut self, a: Value, b: Value) -> Value {
        let zero = self.b.ins().icmp_imm_s(IntCC::Equal, b, 0);
        self.bail_if(zero, Bail::ZeroDivision);
        self.check_exact_float(a);
        self.check_exact_float(b);
        let fa = self.b.ins().fcvt_from_sint(types::F64, a);
        let fb = self.b.ins().fcvt_from_sint(types::F64, b);
        self.b.ins().fdiv(fa, fb)
    }

    fn check_exact_float(&mut self, i: Value) {
        let big = self.iconst(types::I64, EXACT_FLOAT_INT);
        let abs = self.b.ins().iabs(i);
        // iabs(i64::MIN) stays negative: compare unsigned.
        let too_big = self.b.ins().icmp(IntCC::UnsignedGreaterThan, abs, big);
        self.bail_if(too_big, Bail::Unrepresentable);
    }

    fn float_arith(&mut self, op: Arith, a: Value, b: Value) -> Value {
        match op {
            Arith::Add => self.b.ins().fadd(a, b),
            Arith::Sub => self.b.ins().fsub(a, b),
            Arith::Mul => self.b.ins().fmul(a, b),
            Arith::Div | Arith::FloorDiv | Arith::Mod => {
                let z = self.fconst(0.0);
                let zero = self.b.ins().fcmp(FloatCC::Equal, b, z);
                self.bail_if(zero, Bail::ZeroDivision);
                match op {
                    Arith::Div => self.b.ins().fdiv(a, b),
                    Arith::FloorDiv => self.call1("rf_float_floordiv", &[types::F64, types::F64], types::F64, &[a, b]),
                    _ => self.call1("rf_float_mod", &[types::F64, types::F64], types::F64, &[a, b]),
                }
            }
            Arith::Pow => {
                let r = self.call1("rf_float_pow", &[PTR, types::F64, types::F64], types::F64, &[self.ctx, a, b]);
                self.check_bailed();
                r
            }
            _ => unreachable!("bitwise operators on floats are rejected by inference"),
        }
    }

    /// Arithmetic on tagged numbers: the int path when both are ints (`/`
    /// and negative powers still give floats), else floats.
    fn num_arith(&mut self, op: Arith, a: &[Value], b: &[Value]) -> (Value, Value) {
        let (ib, fb, join) = (self.b.create_block(), self.b.create_block(), self.b.create_block());
        self.b.append_block_param(join, types::I8);
        self.b.append_block_param(join, types::I64);
        let any_float = self.b.ins().bor(a[0], b[0]);
        self.brif(any_float, fb, ib);

        self.b.switch_to_block(ib);
        match op {
            Arith::Div => {
                let r = self.int_true_div(a[1], b[1]);
                let bits = self.float_bits(r);
                let one = self.iconst(types::I8, 1);
                self.jump(join, &[one, bits]);
            }
            Arith::Pow => {
                let (pos, neg) = (self.b.create_block(), self.b.create_block());
                let negative = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, b[1], 0);
                self.brif(negative, neg, pos);
                self.b.switch_to_block(pos);
                let r = self.int_arith(Arith::Pow, a[1], b[1]);
                let zero = self.iconst(types::I8, 0);
                self.jump(join, &[zero, r]);
                self.b.switch_to_block(neg);
                let fa = self.b.ins().fcvt_from_sint(types::F64, a[1]);
                let fbv = self.b.ins().fcvt_from_sint(types::F64, b[1]);
                let r = self.float_arith(Arith::Pow, fa, fbv);
                let bits = self.float_bits(r);
                let one = self.iconst(types::I8, 1);
                self.jump(join, &[one, bits]);
            }
            _ => {
                let r = self.int_arith(op, a[1], b[1]);
                let zero = self.iconst(types::I8, 0);
                self.jump(join, &[zero, r]);
            }
        }

        self.b.switch_to_block(fb);
        let fa = self.num_to_float(a[0], a[1]);
        let fbv = self.num_to_float(b[0], b[1]);
        let r = self.float_arith(op, fa, fbv);
        let bits = self.float_bits(r);
        let one = self.iconst(types::I8, 1);
        self.jump(join, &[one, bits]);

        self.b.switch_to_block(join);
        let p = self.b.block_params(join);
        (p[0], p[1])
    }

    // ------------------------------------------------------------ comparison

    fn compare(&mut self, op: Cmp, a: &[Value], b: &[Value], ty: &Ty) -> Value {
        match ty {
            Ty::Int | Ty::Bool => self.b.ins().icmp(int_cc(op), a[0], b[0]),
            Ty::Float => self.b.ins().fcmp(float_cc(op), a[0], b[0]),
            Ty::Num => {
                let (ii, mixed, join) = (self.b.create_block(), self.b.create_block(), self.b.create_block());
                self.b.append_block_param(join, types::I8);
                let any_float = self.b.ins().bor(a[0], b[0]);
                self.brif(any_float, mixed, ii);
                self.b.switch_to_block(ii);
                let r = self.b.ins().icmp(int_cc(op), a[1], b[1]);
                self.jump(join, &[r]);
                self.b.switch_to_block(mixed);
                // Int vs float compares exactly (no rounding of the int).
                let ord = self.call1("rf_cmp_num", &[types::I8, types::I64, types::I8, types::I64], types::I8, &[a[0], a[1], b[0], b[1]]);
                let r = self.ordering_test(op, ord);
                self.jump(join, &[r]);
                self.b.switch_to_block(join);
                self.b.block_params(join)[0]
            }
            _ => unreachable!("comparison of {ty}"),
        }
    }

    /// Applies `op` to an ordering from `rf_cmp_num` (2 means unordered).
    fn ordering_test(&mut self, op: Cmp, ord: Value) -> Value {
        let is = |tx: &mut Self, v: i64| tx.b.ins().icmp_imm_s(IntCC::Equal, ord, v);
        match op {
            Cmp::Eq => is(self, 0),
            Cmp::Ne => self.b.ins().icmp_imm_s(IntCC::NotEqual, ord, 0),
            Cmp::Lt => is(self, -1),
            Cmp::Gt => is(self, 1),
            Cmp::Le => {
                let (lt, eq) = (is(self, -1), is(self, 0));
                self.b.ins().bor(lt, eq)
            }
            Cmp::Ge => {
                let (gt, eq) = (is(self, 1), is(self, 0));
                self.b.ins().bor(gt, eq)
            }
        }
    }

    // ------------------------------------------------------------ calls out

    /// A `math` function: one-argument ones through the C library with
    /// CPython's `math_1` checks (a NaN from a non-NaN argument or an
    /// infinity from a finite one is an error); two-argument ones through
    /// ports of CPython's wrappers, which report their own errors.
    fn libm(&mut self, f: Libm, args: &[Value]) -> Value {
        if f.arity() == 2 {
            let mut call_args = vec![self.ctx];
            call_args.extend_from_slice(args);
            let r = self.call1(f.symbol(), &[PTR, types::F64, types::F64], types::F64, &call_args);
            self.check_bailed();
            return r;
        }
        let x = args[0];
        let r = if f == Libm::Sqrt { self.b.ins().sqrt(x) } else { self.call1(f.symbol(), &[types::F64], types::F64, &[x]) };
        let inf = self.fconst(f64::INFINITY);
        let r_nan = self.b.ins().fcmp(FloatCC::Unordered, r, r);
        let x_num = self.b.ins().fcmp(FloatCC::Ordered, x, x);
        let bad_nan = self.b.ins().band(r_nan, x_num);
        let ra = self.b.ins().fabs(r);
        let r_inf = self.b.ins().fcmp(FloatCC::Equal, ra, inf);
        let xa = self.b.ins().fabs(x);
        let x_fin = self.b.ins().fcmp(FloatCC::LessThan, xa, inf);
        let bad_inf = self.b.ins().band(r_inf, x_fin);
        let bad = self.b.ins().bor(bad_nan, bad_inf);
        self.bail_if(bad, Bail::MathError);
        r
    }

    /// Calls a CPython function (exact by construction) whose result must
    /// be a `ty` (float or int).
    fn py_call(&mut self, idx: usize, args: &[Expr], ty: &Ty) -> Value {
        // Each boxed argument is a temporary: a later argument may bail out.
        let mut boxed = Vec::new();
        let mut temps = Vec::new();
        for a in args {
            let (v, t) = self.expr(a);
            let obj = self.box_value(v, t, &a.ty);
            temps.push(self.push_temp(&[obj], &object()));
            boxed.push(obj);
        }
        let slot = self
            .b
            .create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 8 * boxed.len().max(1) as u32, 3));
        for (k, &obj) in boxed.iter().enumerate() {
            self.b.ins().stack_store(PTR, obj, slot, 8 * k as i32);
        }
        let argv = self.b.ins().stack_addr(PTR, slot, 0);
        let callable = self.iconst(PTR, self.prog.py_callables[idx].handle as i64);
        let n = self.iconst(types::I64, boxed.len() as i64);
        let result = self.call1("rt_py_call", &[PTR, PTR, types::I64], PTR, &[callable, argv, n]);
        for t in temps.into_iter().rev() {
            self.release(t);
        }
        self.bail_if_null(result);
        let t = self.push_temp(&[result], &object());
        let v = self.read_item(result, ty)[0];
        self.release(t);
        v
    }

    /// `sum(list, start)` as CPython 3.11 computes it: ints exactly
    /// (bailing out past 64 bits), floats left to right from the start; an
    /// empty list gives the start itself.
    fn sum(&mut self, list: &Expr, start: &Expr, ty: &Ty) -> (Vals, Option<usize>) {
        let (lv, lt) = self.expr(list);
        let (sv, _) = self.expr(start);
        let obj = lv[0];
        let elem = match &list.ty {
            Ty::List(e) => (**e).clone(),
            _ => Ty::Unknown,
        };
        let float = *ty != Ty::Int;
        let acc_ty = if float { types::F64 } else { types::I64 };
        let index = self.b.declare_var(types::I64);
        let acc = self.b.declare_var(acc_ty);
        let z = self.iconst(types::I64, 0);
        self.b.def_var(index, z);
        let init = if float { self.convert(sv.clone(), &start.ty, &Ty::Float)[0] } else { sv[0] };
        self.b.def_var(acc, init);
        let (header, bb, done) = (self.b.create_block(), self.b.create_block(), self.b.create_block());
        self.jump(header, &[]);
        self.b.switch_to_block(header);
        let i = self.b.use_var(index);
        let len = self.load(types::I64, obj, layout::OB_SIZE);
        let more = self.b.ins().icmp(IntCC::SignedLessThan, i, len);
        self.brif(more, bb, done);
        self.b.switch_to_block(bb);
        let item = self.item_ptr(obj, i);
        let v = self.read_item(item, &elem);
        let v = if float { self.convert(v, &elem, &Ty::Float)[0] } else { self.convert(v, &elem, &Ty::Int)[0] };
        let cur = self.b.use_var(acc);
        let next = if float {
            self.b.ins().fadd(cur, v)
        } else {
            let (r, of) = self.b.ins().sadd_overflow(cur, v);
            self.bail_if(of, Bail::Overflow);
            r
        };
        self.b.def_var(acc, next);
        let i1 = self.b.ins().iadd_imm_s(i, 1);
        self.b.def_var(index, i1);
        self.jump(header, &[]);
        self.b.switch_to_block(done);
        let total = self.b.use_var(acc);
        let len = self.load(types::I64, obj, layout::OB_SIZE);
        self.release(lt);
        if *ty == Ty::Num {
            // Int start: the result is that int until a float is added.
            let nonempty = self.b.ins().icmp_imm_s(IntCC::NotEqual, len, 0);
            let bits = self.float_bits(total);
            let payload = self.b.ins().select(nonempty, bits, sv[0]);
            (vec![nonempty, payload], None)
        } else {
            (vec![total], None)
        }
    }
}

/// List variables read (indexed or measured) anywhere in `stmts`.
/// `d[k] = value` where `value` reads `d[k]` (or `d.get(k, x)`) on every
/// path and changes no dict: the store can reuse that lookup's entry.
fn fusable_dict_update(dict: &Expr, key: &Expr, value: &Expr) -> Option<(usize, usize, Option<Value>)> {
    let (K::Var(d), K::Var(k)) = (&dict.kind, &key.kind) else { return None };
    fn reads(e: &Expr, d: usize, k: usize) -> bool {
        match &e.kind {
            K::DictGet { dict, key, .. } => matches!((&dict.kind, &key.kind), (K::Var(x), K::Var(y)) if *x == d && *y == k),
            K::Arith(_, a, b) => reads(a, d, k) || reads(b, d, k),
            K::Cast(a) | K::Unary(_, a) => reads(a, d, k),
            _ => false,
        }
    }
    let pure = std::cell::Cell::new(true);
    ir::visit_expr(
        value,
        &mut |_| pure.set(false),
        // No branches either: the lookup it reuses must run on every path.
        &mut |e| {
            let branchy = matches!(e.kind, K::Call(..) | K::PyCall(..) | K::Block(..) | K::IfExp(..) | K::Logic { .. });
            pure.set(pure.get() && !branchy)
        },
    );
    (pure.get() && reads(value, *d, *k)).then_some((*d, *k, None))
}

fn collect_list_reads(stmts: &[Stmt], out: &mut Vec<usize>) {
    ir::visit(stmts, &mut |_| {}, &mut |e| {
        if let K::ListGet(l, _) | K::ListLen(l) = &e.kind {
            if let (K::Var(v), Ty::List(_)) = (&l.kind, &l.ty) {
                let v = *v;
                out.push(v);
            }
        }
    });
}

fn int_cc(op: Cmp) -> IntCC {
    match op {
        Cmp::Eq => IntCC::Equal,
        Cmp::Ne => IntCC::NotEqual,
        Cmp::Lt => IntCC::SignedLessThan,
        Cmp::Le => IntCC::SignedLessThanOrEqual,
        Cmp::Gt => IntCC::SignedGreaterThan,
        Cmp::Ge => IntCC::SignedGreaterThanOrEqual,
    }
}

/// CPython's float comparisons: every ordered compare with NaN is false,
/// `!=` with NaN is true.
fn float_cc(op: Cmp) -> FloatCC {
    match op {
        Cmp::Eq => FloatCC::Equal,
        Cmp::Ne => FloatCC::NotEqual,
        Cmp::Lt => FloatCC::LessThan,
        Cmp::Le => FloatCC::LessThanOrEqual,
        Cmp::Gt => FloatCC::GreaterThan,
        Cmp::Ge => FloatCC::GreaterThanOrEqual,
    }
}
