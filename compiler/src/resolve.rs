//! What the compiler asks of its host about the program around a function.
//!
//! The runtime answers from live Python objects and records every answer as a
//! guard, so compiled code is dropped when a global it relied on is rebound.

/// An opaque handle the host gives to a Python function.
pub type FuncRef = u64;

#[derive(Debug, Clone)]
pub struct Source {
    pub text: String,
    /// Line of `text`'s first line in its file.
    pub first_line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Global {
    Int(i64),
    Float(f64),
    Bool(bool),
    /// A plain Python function (its source can be asked for).
    Function(FuncRef),
    /// The builtin of that name, unshadowed.
    Builtin(String),
    /// The `math` module itself.
    MathModule,
    /// A function of the `math` module.
    MathFn(String),
    /// Not defined anywhere.
    Unbound,
    /// Defined, but of a kind the subset does not support (its type name).
    Unsupported(String),
}

pub trait Resolver {
    fn source(&self, func: FuncRef) -> Result<Source, String>;
    /// Looks `name` up in `func`'s globals, then in the builtins.
    fn global(&self, func: FuncRef, name: &str) -> Global;
    /// An attribute of the `math` module.
    fn math_attr(&self, name: &str) -> Global;
    /// A handle for `module.name` (`math` or `builtins`) that native code
    /// may call through the interpreter, for functions with no exact
    /// native twin (`math.hypot`, `round(x, n)`).
    fn callable(&self, module: &str, name: &str) -> Option<u64>;
    /// A handle (its address) for a str object holding `text`, alive as
    /// long as the compiled code, for a str constant.
    fn str_constant(&self, text: &str) -> Option<u64>;
}
