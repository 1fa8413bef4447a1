//! Static checks of the theme's templates before anything renders: a
//! template that includes itself (directly or through others), a macro that
//! calls itself, or a chain of includes deeper than [`MAX_DEPTH`] would make
//! Tera recurse until the stack overflows. Found from the parsed templates
//! (include, extends, import and macro calls), so no page is rendered first.

use std::collections::HashMap;

use tera::ast::{Expr, ExprVal, Node};
use tera::{Template, Tera};

/// The deepest chain of includes, parents and macro calls allowed.
pub const MAX_DEPTH: usize = 40;

/// Something that renders: a template, or a macro in a template.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    Template(String),
    Macro { file: String, name: String },
}

impl Unit {
    /// The template file the unit is written in.
    pub fn file(&self) -> &str {
        match self {
            Unit::Template(f) | Unit::Macro { file: f, .. } => f,
        }
    }
}

impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unit::Template(t) => write!(f, "{t}"),
            Unit::Macro { file, name } => write!(f, "macro `{name}` in {file}"),
        }
    }
}

/// One step of a chain: `from` uses `to` at `line` of `from`'s file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub from: Unit,
    pub to: Unit,
    pub line: usize,
}

/// What is wrong with the templates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The steps of a loop; the last step leads back to the first unit.
    Cycle(Vec<Step>),
    /// A chain longer than [`MAX_DEPTH`], starting at the unit.
    TooDeep(Unit),
}

/// Checks the templates compiled into `tera` (`sources` by name, for lines).
pub fn check(tera: &Tera, sources: &HashMap<String, String>) -> Result<(), Problem> {
    let graph = Graph::build(tera, sources);
    graph.search()
}

struct Graph {
    units: Vec<Unit>,
    /// Per unit: (target unit, line in the unit's file).
    edges: Vec<Vec<(usize, usize)>>,
}

impl Graph {
    fn build(tera: &Tera, sources: &HashMap<String, String>) -> Graph {
        let mut units: Vec<Unit> = Vec::new();
        let mut names: Vec<&String> = tera.templates.keys().collect();
        names.sort();
        for name in &names {
            units.push(Unit::Template((*name).clone()));
            let mut macros: Vec<&String> = tera.templates[*name].macros.keys().collect();
            macros.sort();
            for m in macros {
                units.push(Unit::Macro {
                    file: (*name).clone(),
                    name: m.clone(),
                });
            }
        }
        let index: HashMap<Unit, usize> = units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.clone(), i))
            .collect();
        let empty = String::new();
        let edges = units
            .iter()
            .map(|unit| {
                let tpl = &tera.templates[unit.file()];
                let src = sources.get(unit.file()).unwrap_or(&empty);
                let mut uses = Vec::new();
                match unit {
                    Unit::Template(_) => {
                        if let Some(parent) = &tpl.parent {
                            uses.push(Unit::Template(parent.clone()));
                        }
                        nodes(&tpl.ast, tpl, &mut uses);
                    }
                    Unit::Macro { name, .. } => nodes(&tpl.macros[name].body, tpl, &mut uses),
                }
                let after = match unit {
                    Unit::Macro { name, .. } => src.find(&format!("macro {name}")),
                    Unit::Template(_) => None,
                };
                let mut out: Vec<(usize, usize)> = uses
                    .into_iter()
                    .filter_map(|u| Some((*index.get(&u)?, line_of(src, after, &u))))
                    .collect();
                out.dedup();
                out
            })
            .collect();
        Graph { units, edges }
    }

    /// Depth-first search (with its own stack: a hostile theme may have
    /// thousands of templates) for a loop or a chain that is too deep.
    fn search(&self) -> Result<(), Problem> {
        const NEW: u8 = 0;
        const OPEN: u8 = 1;
        let mut state = vec![NEW; self.units.len()];
        let mut depth = vec![0usize; self.units.len()];
        for start in 0..self.units.len() {
            if state[start] != NEW {
                continue;
            }
            state[start] = OPEN;
            let mut stack = vec![(start, 0usize)];
            while let Some((v, next)) = stack.last_mut() {
                let v = *v;
                if let Some(&(w, _)) = self.edges[v].get(*next) {
                    *next += 1;
                    match state[w] {
                        NEW => {
                            state[w] = OPEN;
                            stack.push((w, 0));
                        }
                        OPEN => return Err(Problem::Cycle(self.cycle(&stack, w))),
                        _ => {}
                    }
                    continue;
                }
                depth[v] = 1 + self.edges[v]
                    .iter()
                    .map(|&(w, _)| depth[w])
                    .max()
                    .unwrap_or(0);
                if depth[v] > MAX_DEPTH {
                    return Err(Problem::TooDeep(self.units[v].clone()));
                }
                state[v] = 2;
                stack.pop();
            }
        }
        Ok(())
    }

    /// The loop that closes at `w`, from the open stack.
    fn cycle(&self, stack: &[(usize, usize)], w: usize) -> Vec<Step> {
        let at = stack.iter().position(|&(v, _)| v == w).unwrap_or(0);
        stack[at..]
            .iter()
            .map(|&(v, next)| {
                let (to, line) = self.edges[v][next - 1];
                Step {
                    from: self.units[v].clone(),
                    to: self.units[to].clone(),
                    line,
                }
            })
            .collect()
    }
}

/// The unit a macro call `namespace::name` in `tpl` refers to.
fn macro_unit(tpl: &Template, namespace: &str, name: &str) -> Unit {
    let file = if namespace == "self" {
        tpl.name.clone()
    } else {
        tpl.imported_macro_files
            .iter()
            .find(|(_, ns)| ns == namespace)
            .map(|(f, _)| f.clone())
            .unwrap_or_default()
    };
    Unit::Macro {
        file,
        name: name.to_string(),
    }
}

/// What the nodes render: included templates and called macros (not the
/// bodies of macro definitions, which are units of their own).
fn nodes(ast: &[Node], tpl: &Template, out: &mut Vec<Unit>) {
    for node in ast {
        match node {
            Node::Include(_, names, _) => {
                out.extend(names.iter().map(|n| Unit::Template(n.clone())));
            }
            Node::VariableBlock(_, e) => expr(e, tpl, out),
            Node::Set(_, s) => expr(&s.value, tpl, out),
            Node::FilterSection(_, f, _) => {
                f.filter.args.values().for_each(|e| expr(e, tpl, out));
                nodes(&f.body, tpl, out);
            }
            Node::Block(_, b, _) => nodes(&b.body, tpl, out),
            Node::Forloop(_, f, _) => {
                expr(&f.container, tpl, out);
                nodes(&f.body, tpl, out);
                if let Some(body) = &f.empty_body {
                    nodes(body, tpl, out);
                }
            }
            Node::If(i, _) => {
                for (_, cond, body) in &i.conditions {
                    expr(cond, tpl, out);
                    nodes(body, tpl, out);
                }
                if let Some((_, body)) = &i.otherwise {
                    nodes(body, tpl, out);
                }
            }
            _ => {}
        }
    }
}

fn expr(e: &Expr, tpl: &Template, out: &mut Vec<Unit>) {
    for f in &e.filters {
        f.args.values().for_each(|a| expr(a, tpl, out));
    }
    match &e.val {
        ExprVal::MacroCall(call) => {
            out.push(macro_unit(tpl, &call.namespace, &call.name));
            call.args.values().for_each(|a| expr(a, tpl, out));
        }
        ExprVal::FunctionCall(call) => call.args.values().for_each(|a| expr(a, tpl, out)),
        ExprVal::Math(m) => {
            expr(&m.lhs, tpl, out);
            expr(&m.rhs, tpl, out);
        }
        ExprVal::Logic(l) => {
            expr(&l.lhs, tpl, out);
            expr(&l.rhs, tpl, out);
        }
        ExprVal::In(i) => {
            expr(&i.lhs, tpl, out);
            expr(&i.rhs, tpl, out);
        }
        ExprVal::Test(t) => t.args.iter().for_each(|a| expr(a, tpl, out)),
        ExprVal::Array(items) => items.iter().for_each(|a| expr(a, tpl, out)),
        _ => {}
    }
}

/// The 1-based line of `src` (from byte `after` on) that uses `unit`.
fn line_of(src: &str, after: Option<usize>, unit: &Unit) -> usize {
    let start = after.unwrap_or(0);
    let found = src[start..]
        .lines()
        .position(|l| match unit {
            Unit::Template(t) => {
                (l.contains("include") || l.contains("extends")) && l.contains(t.as_str())
            }
            Unit::Macro { name, .. } => l.contains(&format!("::{name}")),
        })
        .unwrap_or(0);
    src[..start].matches('\n').count() + found + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(templates: &[(&str, &str)]) -> Result<(), Problem> {
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.to_vec())
            .expect("templates parse");
        let sources = templates
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        check(&tera, &sources)
    }

    fn cycle_names(p: Problem) -> Vec<String> {
        match p {
            Problem::Cycle(steps) => steps.iter().map(|s| s.from.to_string()).collect(),
            other => panic!("not a cycle: {other:?}"),
        }
    }

    #[test]
    fn finds_include_loops() {
        let p = run(&[("a.html", "x\n{% include \"a.html\" %}")]).unwrap_err();
        match &p {
            Problem::Cycle(steps) => assert_eq!(steps[0].line, 2),
            _ => panic!("{p:?}"),
        }
        let p = run(&[
            ("a.html", "{% include \"b.html\" %}"),
            ("b.html", "{% if x %}{% include \"a.html\" %}{% endif %}"),
        ])
        .unwrap_err();
        assert_eq!(cycle_names(p), ["a.html", "b.html"]);
    }

    #[test]
    fn finds_recursive_macros_through_imports() {
        let p = run(&[(
            "m.html",
            "{% macro r(n) %}{{ self::r(n=n) }}{% endmacro r %}",
        )])
        .unwrap_err();
        assert_eq!(cycle_names(p), ["macro `r` in m.html"]);
        let p = run(&[
            (
                "m.html",
                "{% import \"n.html\" as n %}{% macro a() %}{{ n::b() }}{% endmacro a %}",
            ),
            (
                "n.html",
                "{% import \"m.html\" as m %}{% macro b() %}{% for x in [1] %}{{ m::a() }}{% endfor %}{% endmacro b %}",
            ),
        ])
        .unwrap_err();
        assert_eq!(
            cycle_names(p),
            ["macro `a` in m.html", "macro `b` in n.html"]
        );
    }

    #[test]
    fn accepts_the_built_in_shapes() {
        run(&[
            ("base.html", "{% import \"m.html\" as m %}{% block b %}{{ m::a() }}{% endblock b %}"),
            ("page.html", "{% extends \"base.html\" %}{% block b %}{% include \"part.html\" %}{% endblock b %}"),
            ("part.html", "{% import \"m.html\" as m %}{{ m::a() }}{{ m::a() }}"),
            ("m.html", "{% macro a() %}{{ self::c() }}{% endmacro a %}{% macro c() %}x{% endmacro c %}"),
        ])
        .unwrap();
    }

    #[test]
    fn limits_the_depth_of_chains() {
        let names: Vec<String> = (0..=MAX_DEPTH).map(|i| format!("t{i}.html")).collect();
        let sources: Vec<String> = (0..=MAX_DEPTH)
            .map(|i| match names.get(i + 1) {
                Some(n) => format!("{{% include \"{n}\" %}}"),
                None => "end".to_string(),
            })
            .collect();
        let templates: Vec<(&str, &str)> = names
            .iter()
            .zip(&sources)
            .map(|(n, s)| (n.as_str(), s.as_str()))
            .collect();
        assert!(matches!(run(&templates), Err(Problem::TooDeep(_))));
        assert!(run(&templates[1..]).is_ok());
    }
}
