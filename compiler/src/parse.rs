//! Python source of one function -> [`syntax::Function`].
//!
//! The only file that names `rustpython-parser` (an unmaintained crate that
//! may be swapped). It parses one function's source, not the whole file, so a
//! construct the parser does not know elsewhere in the file costs nothing.

use rustpython_parser::ast::{self, Constant, Ranged};
use rustpython_parser::Parse;

use crate::syntax::*;
use crate::Reject;

/// Parses the source of a single `def` (decorators allowed; it may be
/// indented, as `inspect.getsource` returns methods). `first_line` is the
/// line of the source's first line in its file, for messages.
pub fn parse_function(source: &str, first_line: u32) -> Result<Function, Reject> {
    let dedented = dedent(source);
    let suite = ast::Suite::parse(&dedented, "<rustify>").map_err(|e| {
        let line = line_of(&dedented, e.offset.to_usize()) + first_line - 1;
        Reject::new(line, format!("source does not parse: {}", e.error))
    })?;
    let lower = Lower { lines: LineMap::new(&dedented), first_line };
    let def = match suite.as_slice() {
        [ast::Stmt::FunctionDef(def)] => def,
        _ => return Err(Reject::new(first_line, "source is not a single function definition")),
    };
    lower.function(def)
}

/// Removes the common leading indentation, like `textwrap.dedent`.
fn dedent(source: &str) -> String {
    let indent = source
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    source
        .lines()
        .map(|l| if l.len() >= indent { &l[indent..] } else { l.trim_start() })
        .collect::<Vec<_>>()
        .join("\n")
}

fn line_of(source: &str, offset: usize) -> u32 {
    source[..offset.min(source.len())].matches('\n').count() as u32 + 1
}

struct LineMap {
    starts: Vec<usize>,
}

impl LineMap {
    fn new(source: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        LineMap { starts }
    }
    fn line(&self, offset: usize) -> u32 {
        match self.starts.binary_search(&offset) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }
}

struct Lower {
    lines: LineMap,
    first_line: u32,
}

type R<T> = Result<T, Reject>;

impl Lower {
    fn line(&self, node: &impl Ranged) -> u32 {
        self.lines.line(node.start().to_usize()) + self.first_line - 1
    }

    fn reject<T>(&self, node: &impl Ranged, what: impl Into<String>) -> R<T> {
        Err(Reject::new(self.line(node), what))
    }

    fn function(&self, def: &ast::StmtFunctionDef) -> R<Function> {
        let args = &def.args;
        if args.vararg.is_some() || args.kwarg.is_some() || !args.kwonlyargs.is_empty() {
            return self.reject(def, "*args, **kwargs and keyword-only parameters are not supported");
        }
        let params = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .map(|a| a.def.arg.to_string())
            .collect();
        Ok(Function {
            name: def.name.to_string(),
            params,
            body: self.block(&def.body)?,
            line: self.line(def),
        })
    }

    fn block(&self, stmts: &[ast::Stmt]) -> R<Vec<Stmt>> {
        stmts.iter().map(|s| self.stmt(s)).collect()
    }

    fn stmt(&self, stmt: &ast::Stmt) -> R<Stmt> {
        use ast::Stmt as S;
        let kind = match stmt {
            // A bare string is a docstring or a comment: nothing runs.
            S::Expr(s) if matches!(&*s.value, ast::Expr::Constant(c) if matches!(c.value, Constant::Str(_))) => {
                StmtKind::Pass
            }
            S::Expr(s) => StmtKind::Expr(self.expr(&s.value)?),
            S::Assign(s) => StmtKind::Assign {
                targets: s.targets.iter().map(|t| self.target(t)).collect::<R<_>>()?,
                value: self.expr(&s.value)?,
            },
            S::AnnAssign(s) => match (&s.value, &*s.target) {
                (Some(v), _) => StmtKind::Assign { targets: vec![self.target(&s.target)?], value: self.expr(v)? },
                (None, ast::Expr::Name(n)) => StmtKind::Declare(n.id.to_string()),
                (None, _) => StmtKind::Pass,
            },
            S::AugAssign(s) => StmtKind::AugAssign {
                target: self.target(&s.target)?,
                op: self.binop(stmt, s.op)?,
                value: self.expr(&s.value)?,
            },
            S::If(s) => StmtKind::If {
                test: self.expr(&s.test)?,
                body: self.block(&s.body)?,
                orelse: self.block(&s.orelse)?,
            },
            S::While(s) => StmtKind::While {
                test: self.expr(&s.test)?,
                body: self.block(&s.body)?,
                orelse: self.block(&s.orelse)?,
            },
            S::For(s) => StmtKind::For {
                target: self.target(&s.target)?,
                iter: self.expr(&s.iter)?,
                body: self.block(&s.body)?,
                orelse: self.block(&s.orelse)?,
            },
            S::Break(_) => StmtKind::Break,
            S::Continue(_) => StmtKind::Continue,
            S::Pass(_) => StmtKind::Pass,
            S::Return(s) => StmtKind::Return(s.value.as_deref().map(|v| self.expr(v)).transpose()?),
            S::Raise(_) => StmtKind::Raise,
            S::Assert(s) => StmtKind::Assert { test: self.expr(&s.test)? },
            other => return self.reject(other, format!("`{}` statement is not supported", stmt_name(other))),
        };
        Ok(Stmt { kind, line: self.line(stmt) })
    }

    fn target(&self, e: &ast::Expr) -> R<Target> {
        match e {
            ast::Expr::Name(n) => Ok(Target::Name(n.id.to_string())),
            ast::Expr::Subscript(s) => {
                Ok(Target::Subscript { value: self.expr(&s.value)?, index: self.index(&s.slice)? })
            }
            ast::Expr::Tuple(t) => Ok(Target::Tuple(t.elts.iter().map(|e| self.target(e)).collect::<R<_>>()?)),
            ast::Expr::List(t) => Ok(Target::Tuple(t.elts.iter().map(|e| self.target(e)).collect::<R<_>>()?)),
            ast::Expr::Attribute(_) => self.reject(e, "assignment to an attribute is not supported"),
            _ => self.reject(e, "unsupported assignment target"),
        }
    }

    fn index(&self, e: &ast::Expr) -> R<Expr> {
        if let ast::Expr::Slice(s) = e {
            if s.step.is_some() {
                return self.reject(e, "slicing with a step is not supported");
            }
            let bound = |b: &Option<Box<ast::Expr>>| b.as_deref().map(|x| self.expr(x).map(Box::new)).transpose();
            return Ok(Expr { kind: ExprKind::Slice { lower: bound(&s.lower)?, upper: bound(&s.upper)? }, line: self.line(e) });
        }
        self.expr(e)
    }

    fn binop(&self, node: &impl Ranged, op: ast::Operator) -> R<BinOp> {
        use ast::Operator as O;
        Ok(match op {
            O::Add => BinOp::Add,
            O::Sub => BinOp::Sub,
            O::Mult => BinOp::Mul,
            O::Div => BinOp::Div,
            O::FloorDiv => BinOp::FloorDiv,
            O::Mod => BinOp::Mod,
            O::Pow => BinOp::Pow,
            O::LShift => BinOp::LShift,
            O::RShift => BinOp::RShift,
            O::BitAnd => BinOp::BitAnd,
            O::BitOr => BinOp::BitOr,
            O::BitXor => BinOp::BitXor,
            O::MatMult => return self.reject(node, "the `@` operator is not supported"),
        })
    }

    fn expr(&self, e: &ast::Expr) -> R<Expr> {
        use ast::Expr as E;
        let boxed = |x: &ast::Expr| self.expr(x).map(Box::new);
        let kind = match e {
            E::Constant(c) => match &c.value {
                Constant::Int(i) => match i.to_string().parse::<i64>() {
                    Ok(v) => ExprKind::Int(v),
                    Err(_) => return self.reject(e, "integer literal beyond 64 bits"),
                },
                Constant::Float(f) => ExprKind::Float(*f),
                Constant::Bool(b) => ExprKind::Bool(*b),
                Constant::None => ExprKind::None,
                Constant::Str(v) => ExprKind::Str(v.clone()),
                Constant::Bytes(_) => return self.reject(e, "bytes literals are not supported"),
                _ => return self.reject(e, "unsupported constant"),
            },
            E::Name(n) => ExprKind::Name(n.id.to_string()),
            E::BinOp(b) => ExprKind::Binary(self.binop(e, b.op)?, boxed(&b.left)?, boxed(&b.right)?),
            // `-9223372036854775808` is minus applied to 2**63: fold it.
            E::UnaryOp(u)
                if matches!(u.op, ast::UnaryOp::USub)
                    && matches!(&*u.operand, E::Constant(c) if matches!(&c.value, Constant::Int(i) if i.to_string() == "9223372036854775808")) =>
            {
                ExprKind::Int(i64::MIN)
            }
            E::UnaryOp(u) => ExprKind::Unary(
                match u.op {
                    ast::UnaryOp::USub => UnaryOp::Neg,
                    ast::UnaryOp::UAdd => UnaryOp::Pos,
                    ast::UnaryOp::Not => UnaryOp::Not,
                    ast::UnaryOp::Invert => UnaryOp::Invert,
                },
                boxed(&u.operand)?,
            ),
            E::BoolOp(b) => ExprKind::BoolOp {
                and: matches!(b.op, ast::BoolOp::And),
                values: b.values.iter().map(|v| self.expr(v)).collect::<R<_>>()?,
            },
            E::Compare(c) => ExprKind::Compare {
                left: boxed(&c.left)?,
                ops: c
                    .ops
                    .iter()
                    .map(|op| {
                        Ok(match op {
                            ast::CmpOp::Eq => CmpOp::Eq,
                            ast::CmpOp::NotEq => CmpOp::Ne,
                            ast::CmpOp::Lt => CmpOp::Lt,
                            ast::CmpOp::LtE => CmpOp::Le,
                            ast::CmpOp::Gt => CmpOp::Gt,
                            ast::CmpOp::GtE => CmpOp::Ge,
                            ast::CmpOp::Is | ast::CmpOp::IsNot => {
                                return self.reject(e, "`is` comparisons are not supported")
                            }
                            ast::CmpOp::In => CmpOp::In,
                            ast::CmpOp::NotIn => CmpOp::NotIn,
                        })
                    })
                    .collect::<R<_>>()?,
                comparators: c.comparators.iter().map(|v| self.expr(v)).collect::<R<_>>()?,
            },
            E::IfExp(i) => ExprKind::IfExp { test: boxed(&i.test)?, body: boxed(&i.body)?, orelse: boxed(&i.orelse)? },
            E::Call(c) => {
                let keywords = c
                    .keywords
                    .iter()
                    .map(|k| match &k.arg {
                        Some(name) => Ok((name.to_string(), self.expr(&k.value)?)),
                        None => self.reject(e, "`**` arguments are not supported"),
                    })
                    .collect::<R<_>>()?;
                if c.args.iter().any(|a| matches!(a, E::Starred(_))) {
                    return self.reject(e, "starred arguments are not supported");
                }
                ExprKind::Call {
                    func: boxed(&c.func)?,
                    args: c.args.iter().map(|a| self.expr(a)).collect::<R<_>>()?,
                    keywords,
                }
            }
            E::Attribute(a) => ExprKind::Attribute { value: boxed(&a.value)?, attr: a.attr.to_string() },
            E::Subscript(s) => ExprKind::Subscript { value: boxed(&s.value)?, index: Box::new(self.index(&s.slice)?) },
            E::List(l) => ExprKind::List(self.elements(&l.elts)?),
            E::Tuple(t) => ExprKind::Tuple(self.elements(&t.elts)?),
            E::Dict(d) => {
                let mut items = Vec::new();
                for (k, v) in d.keys.iter().zip(&d.values) {
                    let Some(k) = k else { return self.reject(e, "`**` in a dict display is not supported") };
                    items.push((self.expr(k)?, self.expr(v)?));
                }
                ExprKind::Dict(items)
            }
            E::ListComp(l) => ExprKind::ListComp {
                elt: boxed(&l.elt)?,
                generators: l
                    .generators
                    .iter()
                    .map(|g| {
                        if g.is_async {
                            return self.reject(e, "async comprehensions are not supported");
                        }
                        Ok(Comprehension {
                            target: self.target(&g.target)?,
                            iter: self.expr(&g.iter)?,
                            ifs: g.ifs.iter().map(|i| self.expr(i)).collect::<R<_>>()?,
                        })
                    })
                    .collect::<R<_>>()?,
            },
            other => return self.reject(other, format!("{} expressions are not supported", expr_name(other))),
        };
        Ok(Expr { kind, line: self.line(e) })
    }

    fn elements(&self, elts: &[ast::Expr]) -> R<Vec<Expr>> {
        if elts.iter().any(|a| matches!(a, ast::Expr::Starred(_))) {
            return self.reject(&elts[0], "starred elements are not supported");
        }
        elts.iter().map(|v| self.expr(v)).collect()
    }
}

fn stmt_name(s: &ast::Stmt) -> &'static str {
    use ast::Stmt as S;
    match s {
        S::FunctionDef(_) | S::AsyncFunctionDef(_) => "def",
        S::ClassDef(_) => "class",
        S::Delete(_) => "del",
        S::AsyncFor(_) => "async for",
        S::With(_) | S::AsyncWith(_) => "with",
        S::Match(_) => "match",
        S::Try(_) | S::TryStar(_) => "try",
        S::Import(_) | S::ImportFrom(_) => "import",
        S::Global(_) => "global",
        S::Nonlocal(_) => "nonlocal",
        S::TypeAlias(_) => "type",
        _ => "this",
    }
}

fn expr_name(e: &ast::Expr) -> &'static str {
    use ast::Expr as E;
    match e {
        E::NamedExpr(_) => "`:=`",
        E::Lambda(_) => "lambda",
        E::Dict(_) | E::DictComp(_) => "dict",
        E::Set(_) | E::SetComp(_) => "set",
        E::GeneratorExp(_) => "generator",
        E::Await(_) => "await",
        E::Yield(_) | E::YieldFrom(_) => "yield",
        E::JoinedStr(_) | E::FormattedValue(_) => "f-string",
        E::Starred(_) => "starred",
        E::Slice(_) => "slice",
        _ => "these",
    }
}
