//! A SPARQL server reached over HTTP: queries by the SPARQL 1.1 Protocol, graphs written by the
//! SPARQL 1.1 Graph Store Protocol. Any server that speaks both serves (Oxigraph, Virtuoso,
//! Fuseki, QLever); where servers differ, the difference is found out here, once, and said.

use fengong_rdf::vocab::{fg, PREFIXES};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Literal, NamedNodeRef, Term, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, QuerySolutionIter, QueryTripleIter};
use std::sync::Arc;
use std::time::Duration;

/// How long one request may take, connection to last byte: a push of a large graph or a
/// ranking over a national corpus is slow, a dead server is not waited for much longer.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(600);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    #[error("{url}: cannot reach the server: {message}")]
    Unreachable { url: String, message: String },
    #[error("{url}: the server answered {status}: {body}")]
    Status {
        url: String,
        status: u16,
        body: String,
    },
    #[error("{url}: cannot read the server's answer ({media_type}): {message}")]
    Answer {
        url: String,
        media_type: String,
        message: String,
    },
    #[error("{0}")]
    Setup(String),
}

/// Who the client is to the server: HTTP Basic with a user and password, or a bearer token.
#[derive(Debug, Clone, Default)]
pub enum Credentials {
    #[default]
    None,
    Basic {
        user: String,
        password: String,
    },
    Bearer(String),
}

impl Credentials {
    fn header(&self) -> Option<String> {
        match self {
            Credentials::None => None,
            Credentials::Basic { user, password } => Some(format!(
                "Basic {}",
                base64(format!("{user}:{password}").as_bytes())
            )),
            Credentials::Bearer(token) => Some(format!("Bearer {token}")),
        }
    }
}

/// The standard alphabet with padding (RFC 4648), for the Basic scheme's one header.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A server's URLs: where queries go, and where graphs are written.
#[derive(Debug, Clone)]
pub struct Endpoint {
    query: String,
    graph_store: Option<String>,
    credentials: Credentials,
    agent: ureq::Agent,
    /// Oxigraph's server reads the union of its graphs only when asked, per query, with this
    /// parameter; other servers read their union by default (or by their configuration).
    union_parameter: bool,
}

/// The Graph Store Protocol URL servers put beside a query URL: Oxigraph's `/store` beside
/// `/query`, Virtuoso's `/sparql-graph-crud` beside `/sparql`, Fuseki's `/DATASET/data` beside
/// `/DATASET/query` or `/DATASET/sparql`.
pub fn graph_store_beside(query: &str) -> Option<String> {
    let (base, last) = query.trim_end_matches('/').rsplit_once('/')?;
    if base.ends_with(':') || base.ends_with('/') {
        // `http://host` has no path of its own to replace.
        return None;
    }
    match last {
        "query" if !base.ends_with("//") => {
            // Oxigraph at the root, Fuseki under a dataset: both answer here. A dataset's
            // name is one path segment; Oxigraph's query URL has none before it.
            let path = base.split_once("://").map(|(_, r)| r).unwrap_or(base);
            Some(if path.contains('/') {
                format!("{base}/data")
            } else {
                format!("{base}/store")
            })
        }
        "sparql" => {
            let path = base.split_once("://").map(|(_, r)| r).unwrap_or(base);
            Some(if path.contains('/') {
                format!("{base}/data")
            } else {
                format!("{base}/sparql-graph-crud")
            })
        }
        _ => None,
    }
}

impl Endpoint {
    /// A server whose SPARQL query service is at `query`; graphs are written to `graph_store`
    /// (the Graph Store Protocol), by default the one servers put beside the query URL.
    pub fn new(
        query: &str,
        graph_store: Option<&str>,
        credentials: Credentials,
    ) -> Result<Endpoint, RemoteError> {
        if !(query.starts_with("http://") || query.starts_with("https://")) {
            return Err(RemoteError::Setup(format!(
                "{query}: an endpoint is an http:// or https:// URL, such as http://127.0.0.1:7878/query"
            )));
        }
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(REQUEST_TIMEOUT))
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .http_status_as_error(false)
            .build()
            .into();
        Ok(Endpoint {
            query: query.to_owned(),
            graph_store: graph_store
                .map(str::to_owned)
                .or_else(|| graph_store_beside(query)),
            credentials,
            agent,
            union_parameter: false,
        })
    }

    pub fn url(&self) -> &str {
        &self.query
    }

    /// Finds out how the server reads the default graph. fengong's queries read the union of
    /// all graphs: a server whose default graph is empty while its named graphs hold plans is
    /// asked with Oxigraph's `union-default-graph` parameter, and if that does not help, the
    /// user is told how to configure it. A server with no plan at all passes (nothing pushed yet).
    pub fn connect(mut self) -> Result<Endpoint, RemoteError> {
        let probe = |e: &Endpoint, form: &str| -> Result<bool, RemoteError> {
            let sparql = format!("ASK {{ {form} }}", form = form);
            match e.run(&sparql)? {
                QueryResults::Boolean(b) => Ok(b),
                _ => Err(RemoteError::Answer {
                    url: e.query.clone(),
                    media_type: "ASK".into(),
                    message: "an ASK query gave no true or false".into(),
                }),
            }
        };
        let plan = format!("?p a <{}>", fg::PLAN.as_str());
        if !probe(&self, &format!("GRAPH ?g {{ {plan} }}"))? || probe(&self, &plan)? {
            return Ok(self);
        }
        self.union_parameter = true;
        if probe(&self, &plan).unwrap_or(false) {
            return Ok(self);
        }
        Err(RemoteError::Setup(format!(
            "{}: the server's default graph is not the union of its named graphs, which fengong's queries read; start Oxigraph with `oxigraph serve --union-default-graph`, give Fuseki's dataset `tdb2:unionDefaultGraph true`; Virtuoso and QLever read the union already",
            self.query
        )))
    }

    /// Runs a query with the project's prefixes declared; the answer is read as it streams in.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>, RemoteError> {
        let mut text = String::with_capacity(sparql.len() + 600);
        for (name, iri) in PREFIXES {
            // A prefix the query declares itself is its own (SPARQL lets the later one win,
            // but some servers refuse a prefix declared twice).
            if !declares(sparql, name) {
                text.push_str(&format!("PREFIX {name}: <{iri}>\n"));
            }
        }
        let (sparql, separators) = protect_separators(sparql);
        text.push_str(&sparql);
        let answer = self.run(&text)?;
        match answer {
            QueryResults::Solutions(rows) if !separators.is_empty() => {
                let variables: Arc<[Variable]> = rows.variables().to_vec().into();
                let restored = rows.map(move |row| {
                    row.map(|row| {
                        let values: Vec<Option<Term>> = row
                            .values()
                            .iter()
                            .map(|v| v.clone().map(|t| restore(t, &separators)))
                            .collect();
                        let names: Arc<[Variable]> = row.variables().to_vec().into();
                        (names, values).into()
                    })
                });
                Ok(QueryResults::Solutions(QuerySolutionIter::new(
                    variables, restored,
                )))
            }
            other => Ok(other),
        }
    }

    fn run(&self, sparql: &str) -> Result<QueryResults<'static>, RemoteError> {
        let mut form = vec![("query", sparql)];
        if self.union_parameter {
            form.push(("union-default-graph", ""));
        }
        // Said by the query's form: Virtuoso answers a CONSTRUCT as rows of s, p, o when rows
        // are what the client prefers. Rows as XML: Virtuoso writes 355,000 rows of JSON in
        // 50 s and of XML in 17 s (its TSV is faster still but quotes IRIs as strings).
        let accept = if gives_triples(sparql) {
            "application/n-triples, text/turtle;q=0.9"
        } else {
            "application/sparql-results+xml, application/sparql-results+json;q=0.9"
        };
        let request = self.signed(self.agent.post(&self.query).header("Accept", accept));
        let response = request
            .send_form(form)
            .map_err(|e| self.unreachable(&self.query, e))?;
        let status = response.status().as_u16();
        let media_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        if !(200..300).contains(&status) {
            return Err(status_error(&self.query, status, response.into_body()));
        }
        let body = response.into_body().into_reader();
        let answer = |message: String| RemoteError::Answer {
            url: self.query.clone(),
            media_type: media_type.clone(),
            message,
        };
        let bare = media_type.split(';').next().unwrap_or("").trim();
        if let Some(format) = QueryResultsFormat::from_media_type(bare) {
            let parsed = QueryResultsParser::from_format(format)
                .for_reader(body)
                .map_err(|e| answer(e.to_string()))?;
            return Ok(parsed.into());
        }
        if let Some(format) = RdfFormat::from_media_type(bare) {
            let triples = RdfParser::from_format(format).for_reader(body).map(|q| {
                q.map(Into::into)
                    .map_err(|e| QueryEvaluationError::Service(Box::new(e)))
            });
            return Ok(QueryResults::Graph(QueryTripleIter::new(triples)));
        }
        Err(answer(
            "not a SPARQL results or RDF format; is the URL the server's SPARQL query service?"
                .into(),
        ))
    }

    /// A request with the client's credentials, if it has any.
    fn signed<B>(&self, request: ureq::RequestBuilder<B>) -> ureq::RequestBuilder<B> {
        match self.credentials.header() {
            Some(h) => request.header("Authorization", h),
            None => request,
        }
    }

    fn unreachable(&self, url: &str, e: ureq::Error) -> RemoteError {
        RemoteError::Unreachable {
            url: url.to_owned(),
            message: e.to_string(),
        }
    }

    fn graph_store(&self) -> Result<&str, RemoteError> {
        self.graph_store.as_deref().ok_or_else(|| {
            RemoteError::Setup(format!(
                "{}: no Graph Store Protocol URL is known beside this query URL; give it with --graph-store URL",
                self.query
            ))
        })
    }

    /// The URL of one graph in the Graph Store Protocol; Virtuoso names the parameter
    /// `graph-uri`, the standard `graph`.
    fn graph_url(&self, graph: NamedNodeRef<'_>) -> Result<String, RemoteError> {
        let base = self.graph_store()?;
        let key = if base.contains("sparql-graph-crud") {
            "graph-uri"
        } else {
            "graph"
        };
        let sep = if base.contains('?') { '&' } else { '?' };
        let value: String = form_urlencoded::byte_serialize(graph.as_str().as_bytes()).collect();
        Ok(format!("{base}{sep}{key}={value}"))
    }

    /// Replaces a graph with N-Triples (`PUT`): a graph pushed again is replaced, never doubled.
    pub fn put_graph(&self, graph: NamedNodeRef<'_>, ntriples: &[u8]) -> Result<(), RemoteError> {
        self.send_graph("PUT", graph, ntriples)
    }

    /// Adds N-Triples to a graph (`POST`).
    pub fn post_graph(&self, graph: NamedNodeRef<'_>, ntriples: &[u8]) -> Result<(), RemoteError> {
        self.send_graph("POST", graph, ntriples)
    }

    fn send_graph(
        &self,
        method: &str,
        graph: NamedNodeRef<'_>,
        ntriples: &[u8],
    ) -> Result<(), RemoteError> {
        let url = self.graph_url(graph)?;
        let request = match method {
            "PUT" => self.agent.put(&url),
            _ => self.agent.post(&url),
        };
        let request = self.signed(request.header("Content-Type", "application/n-triples"));
        let response = request
            .send(ntriples)
            .map_err(|e| self.unreachable(&url, e))?;
        let status = response.status().as_u16();
        if (200..300).contains(&status) {
            return Ok(());
        }
        Err(status_error(&url, status, response.into_body()))
    }

    /// Deletes a graph; one the server does not hold is not an error.
    pub fn delete_graph(&self, graph: NamedNodeRef<'_>) -> Result<(), RemoteError> {
        let url = self.graph_url(graph)?;
        let request = self.signed(self.agent.delete(&url));
        let response = request.call().map_err(|e| self.unreachable(&url, e))?;
        let status = response.status().as_u16();
        if (200..300).contains(&status) || status == 404 {
            return Ok(());
        }
        Err(status_error(&url, status, response.into_body()))
    }
}

/// Virtuoso 7 narrows a GROUP_CONCAT separator to one byte a character (`、` arrives as `?`,
/// while the same character elsewhere in a query is kept): a separator outside ASCII is sent as
/// an ASCII placeholder, put back in the answer's literals by [`restore`].
fn protect_separators(sparql: &str) -> (String, Vec<(String, String)>) {
    let mut out = String::with_capacity(sparql.len());
    let mut separators = Vec::new();
    let mut rest = sparql;
    loop {
        let Some(at) = rest.to_ascii_uppercase().find("SEPARATOR") else {
            out.push_str(rest);
            break;
        };
        let after = &rest[at + "SEPARATOR".len()..];
        let value = after.trim_start().strip_prefix('=').map(str::trim_start);
        let quoted = value.and_then(|v| {
            let q = v.chars().next().filter(|c| *c == '"' || *c == '\'')?;
            let end = v[1..].find(q)? + 1;
            Some((&v[1..end], v.len() - end - 1))
        });
        match quoted {
            Some((literal, left)) if !literal.is_ascii() && !literal.contains('\\') => {
                let placeholder = format!("~fengong-separator-{}~", separators.len());
                out.push_str(&rest[..at]);
                out.push_str(&format!("SEPARATOR=\"{placeholder}\""));
                separators.push((placeholder, literal.to_owned()));
                rest = &rest[rest.len() - left..];
            }
            _ => {
                let step = at + "SEPARATOR".len();
                out.push_str(&rest[..step]);
                rest = &rest[step..];
            }
        }
    }
    (out, separators)
}

/// A literal with each placeholder of [`protect_separators`] replaced by its separator.
fn restore(term: Term, separators: &[(String, String)]) -> Term {
    let Term::Literal(l) = term else {
        return term;
    };
    if !separators
        .iter()
        .any(|(p, _)| l.value().contains(p.as_str()))
    {
        return Term::Literal(l);
    }
    let mut value = l.value().to_owned();
    for (p, s) in separators {
        value = value.replace(p.as_str(), s);
    }
    Term::Literal(match l.language() {
        Some(lang) => Literal::new_language_tagged_literal_unchecked(value, lang),
        None => Literal::new_typed_literal(value, l.datatype()),
    })
}

/// Whether a query is a CONSTRUCT or DESCRIBE: its first form keyword outside comments,
/// strings and IRIs (the prologue holds only those and PREFIX/BASE).
fn gives_triples(sparql: &str) -> bool {
    let b = sparql.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'<' => {
                while i < b.len() && b[i] != b'>' {
                    i += 1;
                }
            }
            q @ (b'"' | b'\'') => {
                i += 1;
                while i < b.len() && b[i] != q {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            c if c.is_ascii_alphabetic() => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                // A prefixed name (`fg:x`), the prefix of one or a variable is no keyword.
                let before = start.checked_sub(1).map(|k| b[k]);
                let prefixed =
                    b.get(i) == Some(&b':') || matches!(before, Some(b':' | b'?' | b'$'));
                if !prefixed {
                    match sparql[start..i].to_ascii_uppercase().as_str() {
                        "CONSTRUCT" | "DESCRIBE" => return true,
                        "SELECT" | "ASK" => return false,
                        _ => {}
                    }
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    false
}

/// Whether the query declares `PREFIX name:` itself.
fn declares(sparql: &str, name: &str) -> bool {
    let needle = format!("{name}:");
    sparql.lines().any(|l| {
        let l = l.trim_start();
        l.get(..6).is_some_and(|p| p.eq_ignore_ascii_case("prefix"))
            && l[6..].trim_start().starts_with(&needle)
    })
}

/// An error status with the start of what the server said about it.
fn status_error(url: &str, status: u16, body: ureq::Body) -> RemoteError {
    let mut body = body;
    let text = body
        .with_config()
        .limit(64 * 1024)
        .lossy_utf8(true)
        .read_to_string()
        .unwrap_or_default();
    let text: String = text.trim().chars().take(600).collect();
    RemoteError::Status {
        url: url.to_owned(),
        status,
        body: if text.is_empty() {
            "(no message)".into()
        } else {
            text
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_credentials_are_rfc_4648_base64() {
        // RFC 7617's own example.
        assert_eq!(
            base64(b"Aladdin:open sesame"),
            "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
    }

    #[test]
    fn graph_store_urls_of_known_servers() {
        assert_eq!(
            graph_store_beside("http://127.0.0.1:7878/query").as_deref(),
            Some("http://127.0.0.1:7878/store")
        );
        assert_eq!(
            graph_store_beside("http://localhost:8890/sparql").as_deref(),
            Some("http://localhost:8890/sparql-graph-crud")
        );
        assert_eq!(
            graph_store_beside("http://localhost:3030/plans/sparql").as_deref(),
            Some("http://localhost:3030/plans/data")
        );
        assert_eq!(
            graph_store_beside("http://localhost:3030/plans/query").as_deref(),
            Some("http://localhost:3030/plans/data")
        );
        assert_eq!(graph_store_beside("http://localhost:7001"), None);
    }

    #[test]
    fn separators_outside_ascii_travel_as_placeholders() {
        let (sent, seps) = protect_separators(
            "SELECT (GROUP_CONCAT(?a; SEPARATOR=\"、\") AS ?x) (GROUP_CONCAT(?b ; separator = ', ') AS ?y) WHERE {}",
        );
        assert_eq!(
            sent,
            "SELECT (GROUP_CONCAT(?a; SEPARATOR=\"~fengong-separator-0~\") AS ?x) (GROUP_CONCAT(?b ; separator = ', ') AS ?y) WHERE {}"
        );
        assert_eq!(
            seps,
            vec![("~fengong-separator-0~".to_owned(), "、".to_owned())]
        );
        let back = restore(
            Term::Literal(Literal::new_simple_literal(
                "省供销合作联社~fengong-separator-0~省供销社",
            )),
            &seps,
        );
        assert_eq!(
            back,
            Term::Literal(Literal::new_simple_literal("省供销合作联社、省供销社"))
        );
    }

    #[test]
    fn the_form_of_a_query_says_what_to_accept() {
        assert!(gives_triples(
            "PREFIX select: <http://x/ask>\n# SELECT\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
        ));
        assert!(gives_triples("describe <x>"));
        assert!(!gives_triples(
            "PREFIX construct: <y> SELECT ?construct WHERE { ?a construct:b \"CONSTRUCT\" }"
        ));
        assert!(!gives_triples("ASK {}"));
        assert!(!gives_triples("SELECT ?describe WHERE { ?describe ?p ?o }"));
    }

    #[test]
    fn prefixes_the_query_declares_are_left_to_it() {
        assert!(declares("PREFIX fg: <x>\nSELECT * {}", "fg"));
        assert!(declares("  prefix  fg: <x>", "fg"));
        assert!(!declares("PREFIX fgg: <x>", "fg"));
        assert!(!declares("SELECT ?fg: {}", "fg"));
    }
}
