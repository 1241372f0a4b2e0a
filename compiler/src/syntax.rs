//! The untyped syntax tree of the translatable Python subset.
//!
//! `parse.rs` lowers the parser's full AST into this smaller tree and rejects
//! everything outside the subset, so later passes never see a construct they
//! cannot translate and no other file depends on the parser crate.

#[derive(Debug, Clone)]
pub struct Function {
    pub name: String,
    pub params: Vec<String>,
    pub body: Vec<Stmt>,
    pub line: u32,
}

#[derive(Debug, Clone)]
pub struct Stmt {
    pub kind: StmtKind,
    pub line: u32,
}

#[derive(Debug, Clone)]
pub enum StmtKind {
    Expr(Expr),
    /// `a = b = value`: every target receives the same value, left to right.
    Assign { targets: Vec<Target>, value: Expr },
    AugAssign { target: Target, op: BinOp, value: Expr },
    If { test: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    While { test: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    For { target: Target, iter: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    Break,
    Continue,
    Return(Option<Expr>),
    Pass,
    /// Any `raise`: native code never raises, it hands the call back to
    /// CPython, which raises the exact exception itself.
    Raise,
    Assert { test: Expr },
    /// `name: annotation` without a value: runs nothing, but makes `name`
    /// a local of the function (reads before assignment are unbound).
    Declare(String),
}

#[derive(Debug, Clone)]
pub enum Target {
    Name(String),
    Subscript { value: Expr, index: Expr },
    Tuple(Vec<Target>),
}

#[derive(Debug, Clone)]
pub struct Expr {
    pub kind: ExprKind,
    pub line: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
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
pub enum UnaryOp {
    Neg,
    Pos,
    Not,
    Invert,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    NotIn,
}

#[derive(Debug, Clone)]
pub struct Comprehension {
    pub target: Target,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
}

#[derive(Debug, Clone)]
pub enum ExprKind {
    Int(i64),
    Float(f64),
    Bool(bool),
    None,
    Name(String),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Unary(UnaryOp, Box<Expr>),
    /// `and` (true) / `or` (false) over two or more operands.
    BoolOp { and: bool, values: Vec<Expr> },
    Compare { left: Box<Expr>, ops: Vec<CmpOp>, comparators: Vec<Expr> },
    IfExp { test: Box<Expr>, body: Box<Expr>, orelse: Box<Expr> },
    Str(String),
    /// `name=value` arguments follow the positional ones.
    Call { func: Box<Expr>, args: Vec<Expr>, keywords: Vec<(String, Expr)> },
    Attribute { value: Box<Expr>, attr: String },
    Subscript { value: Box<Expr>, index: Box<Expr> },
    /// `lower:upper` as a subscript (no step).
    Slice { lower: Option<Box<Expr>>, upper: Option<Box<Expr>> },
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Dict(Vec<(Expr, Expr)>),
    ListComp { elt: Box<Expr>, generators: Vec<Comprehension> },
}
