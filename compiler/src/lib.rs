//! The rustify-ml compiler core: Python source of a function plus the
//! argument types seen at a call -> native code, exact to CPython.
//!
//! Plain Rust with no PyO3: the runtime crate supplies a [`resolve::Resolver`]
//! (globals, callee sources) and an [`abi::Host`] (object layout, object
//! helpers) and gets back a callable entry point.
//!
//! Source layout (pipeline order):
//! - `parse.rs`: one function's source -> `syntax.rs` tree (subset check)
//! - `infer.rs`: specialisation and type inference -> typed `ir.rs`
//! - `codegen.rs`: typed IR -> Cranelift machine code (tier 1)
//! - `rustgen.rs`: the same typed IR -> Rust source of a PyO3 crate (tier 2),
//!   with `rustgen_rt.rs` as the crate's support module (text only here)
//! - `semantics.rs`: CPython's numeric algorithms the code calls
//! - `dict.rs`: native insertion-ordered dicts the code calls
//! - `abi.rs`: call context, bail-out codes, object layout, host functions
//! - `types.rs`: the type lattice; `resolve.rs`: what the host answers

pub mod abi;
pub mod codegen;
pub mod dict;
pub mod infer;
pub mod ir;
pub mod parse;
pub mod resolve;
pub mod rustgen;
pub mod semantics;
pub mod syntax;
pub mod types;

use std::fmt;

pub use infer::Options;

/// Why a function (or one specialisation) is not translated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reject {
    /// Line in the function's file; 0 when no line applies.
    pub line: u32,
    pub what: String,
}

impl Reject {
    pub fn new(line: u32, what: impl Into<String>) -> Self {
        Reject { line, what: what.into() }
    }
}

impl fmt::Display for Reject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "line {}: {}", self.line, self.what)
        } else {
            f.write_str(&self.what)
        }
    }
}

impl std::error::Error for Reject {}
