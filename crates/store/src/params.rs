//! Query parameters: `--bind agencyName=省科技厅` becomes `VALUES ?agencyName { "省科技厅" }` at the
//! start of the query's top-level WHERE group.
//!
//! Oxigraph's own variable substitution binds values after the pattern is evaluated, so a
//! `FILTER` on a parameter never sees it; a `VALUES` block inside the group is joined before the
//! group's filters apply, and the optimizer can start from it.

use oxigraph::model::{Term, Variable};

/// Where the body of the top-level WHERE group starts: just after its `{`. Comments, strings and
/// IRIs are skipped, and braces of nested groups and subqueries counted.
fn where_body(sparql: &str) -> Option<usize> {
    let b = sparql.as_bytes();
    let (mut i, mut depth) = (0, 0usize);
    let mut first_brace = None;
    let mut after_where = false;
    while i < b.len() {
        match b[i] {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            q @ (b'"' | b'\'') => {
                let long = b[i..].starts_with(&[q, q, q]);
                i += if long { 3 } else { 1 };
                while i < b.len() {
                    if b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if long && b[i..].starts_with(&[q, q, q]) {
                        i += 2;
                        break;
                    }
                    if !long && b[i] == q {
                        break;
                    }
                    i += 1;
                }
            }
            // An IRI has no spaces; `<` followed by a space is an operator.
            b'<' if b
                .get(i + 1)
                .is_some_and(|c| !c.is_ascii_whitespace() && *c != b'=') =>
            {
                if let Some(end) = b[i..]
                    .iter()
                    .position(|&c| c == b'>' || c.is_ascii_whitespace())
                {
                    if b[i + end] == b'>' {
                        i += end;
                    }
                }
            }
            b'{' => {
                if depth == 0 {
                    if after_where {
                        return Some(i + 1);
                    }
                    first_brace.get_or_insert(i + 1);
                }
                depth += 1;
            }
            b'}' => depth = depth.saturating_sub(1),
            c if depth == 0 && (c == b'W' || c == b'w') => {
                let word = b[i..].iter().take(5).map(|c| c.to_ascii_uppercase());
                let boundary = |k: usize| {
                    b.get(k)
                        .is_none_or(|c| !c.is_ascii_alphanumeric() && *c != b'_')
                };
                if word.eq(*b"WHERE") && (i == 0 || boundary(i - 1)) && boundary(i + 5) {
                    after_where = true;
                    i += 4;
                }
            }
            _ => {}
        }
        i += 1;
    }
    // `SELECT * { … }` and `ASK { … }` may leave out WHERE.
    first_brace
}

/// The query with the bindings added as `VALUES` blocks, one per variable; a variable bound
/// more than once takes each of its values (`VALUES ?plan { <a> <b> }`).
pub fn bind(sparql: &str, bindings: &[(String, Term)]) -> Result<String, String> {
    if bindings.is_empty() {
        return Ok(sparql.to_owned());
    }
    let at = where_body(sparql).ok_or("the query has no WHERE group to bind variables in")?;
    let mut blocks: Vec<(Variable, Vec<String>)> = Vec::new();
    for (name, term) in bindings {
        let var = Variable::new(name).map_err(|e| format!("?{name}: {e}"))?;
        if let Term::BlankNode(_) = term {
            return Err(format!("?{name}: a blank node cannot be bound"));
        }
        // N-Triples syntax of IRIs and literals is valid SPARQL.
        match blocks.iter_mut().find(|(v, _)| *v == var) {
            Some((_, terms)) => terms.push(term.to_string()),
            None => blocks.push((var, vec![term.to_string()])),
        }
    }
    let values: String = blocks
        .iter()
        .map(|(var, terms)| format!(" VALUES {var} {{ {} }}", terms.join(" ")))
        .collect();
    Ok(format!("{}{values}\n{}", &sparql[..at], &sparql[at..]))
}

/// The query with its WHERE group repeated once per value, `?var` written as the value and
/// bound to it: `{ BIND(<a> AS ?var) … <a> … } UNION { BIND(<b> AS ?var) … <b> … }`. For a
/// variable bound to several values where `VALUES` would cost a scan: Oxigraph joins a
/// `VALUES` block of more than one row by hash, evaluating the rest of the group unbound
/// (every graph of the store for `GRAPH ?g`, every membership for `?task`), while a constant
/// is looked up in its own index entries. None when the query has no WHERE group.
pub fn per_value(sparql: &str, var: &str, values: &[Term]) -> Option<String> {
    let open = where_body(sparql)?;
    let close = sparql.rfind('}')?;
    let body = sparql.get(open..close)?;
    let name = format!("?{var}");
    let branches: Vec<String> = values
        .iter()
        .map(|v| {
            let value = v.to_string();
            let mut out = String::with_capacity(body.len() + 64);
            let mut rest = body;
            while let Some(at) = rest.find(&name) {
                let after = &rest[at + name.len()..];
                // The whole variable, not one whose name starts the same (`?g` in `?graph`).
                let whole = !after.starts_with(|c: char| c.is_alphanumeric() || c == '_');
                out.push_str(&rest[..at]);
                out.push_str(if whole { &value } else { &name });
                rest = after;
            }
            out.push_str(rest);
            format!("{{ BIND({value} AS {name}) {out} }}")
        })
        .collect();
    Some(format!(
        "{}\n{}\n{}",
        &sparql[..open],
        branches.join("\nUNION "),
        &sparql[close..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::Literal;

    fn one(name: &str, v: &str) -> Vec<(String, Term)> {
        vec![(name.to_owned(), Literal::from(v).into())]
    }

    #[test]
    fn values_go_into_the_top_level_where_group() {
        let q = "# not WHERE { here\nPREFIX ex: <http://e/{x}>\nSELECT ?a (COUNT(*) AS ?n) WHERE {\n  { SELECT ?a WHERE { ?a ?p \"}\" } }\n}";
        let b = bind(q, &one("name", "省\"科技\"厅")).unwrap();
        assert!(
            b.contains("WHERE { VALUES ?name { \"省\\\"科技\\\"厅\" }\n\n  { SELECT"),
            "{b}"
        );
    }

    #[test]
    fn where_may_be_left_out_and_lowercase() {
        assert!(bind("ASK { ?s ?p ?o }", &one("x", "1"))
            .unwrap()
            .starts_with("ASK { VALUES ?x { \"1\" }"));
        let b = bind(
            "construct { ?s ?p ?o } where { ?s ?p ?o FILTER(?o < 3) }",
            &one("o", "v"),
        )
        .unwrap();
        assert!(b.contains("where { VALUES ?o"), "{b}");
        assert!(bind("DESCRIBE <http://e>", &one("x", "1")).is_err());
    }

    #[test]
    fn a_variable_bound_twice_takes_both_values() {
        let mut b = one("x", "1");
        b.extend(one("y", "2"));
        b.extend(one("x", "3"));
        let q = bind("SELECT * { ?s ?p ?x }", &b).unwrap();
        assert!(
            q.starts_with("SELECT * { VALUES ?x { \"1\" \"3\" } VALUES ?y { \"2\" }"),
            "{q}"
        );
    }
}
