//! The SPARQL 1.1 Protocol at `/query`, read-only.
//!
//! A query runs on the blocking pool with an Oxigraph cancellation token, which the timeout, the
//! client going away and the row limit all trip. Results are serialised into chunks sent over a
//! channel; the response's status goes out only with the first chunk (or the whole result, when
//! it is small), so a query that fails or times out before that is an HTTP error, never a `200`
//! with a cut body. A failure after the first chunk aborts the connection: the client sees an
//! incomplete chunked body, not a complete-looking document.

use crate::App;
use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use fengong_rdf::vocab::PREFIXES;
use fengong_store::results::{self, ResultsFormat};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, QuerySolutionIter, QueryTripleIter,
    SparqlEvaluator,
};
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::mpsc;

/// What the worker sends the handler: the content type once the results' kind is known, then
/// the serialised bytes, or a failure with the status it calls for.
enum Msg {
    Head(&'static str),
    Chunk(Bytes),
    Fail(StatusCode, String),
    /// The whole answer was sent.
    Done,
}

/// The size of a chunk sent to the client.
const CHUNK: usize = 64 * 1024;
/// What is held back before the status is sent: a result up to this size is answered whole or
/// with an error status (a timeout, `--max-rows`); a larger one streams after it.
const FIRST_PAGE: usize = 8 * 1024 * 1024;

/// A request's SPARQL parameters (SPARQL 1.1 Protocol §2.1), from the query string or a form.
#[derive(Debug, Default)]
pub(crate) struct Params {
    pub query: Option<String>,
    pub update: bool,
    pub default_graphs: Vec<String>,
    pub named_graphs: Vec<String>,
    /// `format=json|xml|csv|tsv|turtle|ntriples` (or a media type), for links and clients that
    /// cannot set Accept; SPARQLWrapper sends both forms, so the first that fits is taken.
    pub format: Vec<String>,
}

impl Params {
    fn read(into: &mut Params, form: &[u8]) {
        for (k, v) in form_urlencoded::parse(form) {
            match k.as_ref() {
                "query" => into.query = Some(v.into_owned()),
                "update" => into.update = true,
                "default-graph-uri" => into.default_graphs.push(v.into_owned()),
                "named-graph-uri" => into.named_graphs.push(v.into_owned()),
                "format" => into.format.push(v.into_owned()),
                _ => {}
            }
        }
    }
}

/// The formats a result of each kind can be written in, by media type, in order of preference
/// when the client accepts several equally.
const SOLUTION_TYPES: &[(&str, ResultsFormat, &str)] = &[
    (
        "application/sparql-results+json",
        ResultsFormat::Json,
        "json",
    ),
    ("application/json", ResultsFormat::Json, "json"),
    ("application/sparql-results+xml", ResultsFormat::Xml, "xml"),
    ("application/xml", ResultsFormat::Xml, "xml"),
    ("text/csv", ResultsFormat::Csv, "csv"),
    ("text/tab-separated-values", ResultsFormat::Tsv, "tsv"),
];
const GRAPH_TYPES: &[(&str, ResultsFormat, &str)] = &[
    ("text/turtle", ResultsFormat::Turtle, "turtle"),
    ("application/n-triples", ResultsFormat::NTriples, "ntriples"),
    ("text/plain", ResultsFormat::NTriples, "ntriples"),
];

fn content_type(format: ResultsFormat) -> &'static str {
    match format {
        ResultsFormat::Json => "application/sparql-results+json",
        ResultsFormat::Xml => "application/sparql-results+xml",
        ResultsFormat::Csv => "text/csv; charset=utf-8",
        ResultsFormat::Tsv => "text/tab-separated-values; charset=utf-8",
        ResultsFormat::Turtle => "text/turtle; charset=utf-8",
        ResultsFormat::NTriples => "application/n-triples",
    }
}

/// The quality an `Accept` header gives a media type: the most specific range that matches it
/// decides (`text/csv;q=0` refuses CSV even under `*/*`); no header accepts everything.
fn quality(accept: &str, media: &str) -> f32 {
    let (kind, _) = media.split_once('/').unwrap_or((media, ""));
    let mut best: Option<(u8, f32)> = None;
    for range in accept.split(',') {
        let mut parts = range.split(';');
        let r = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        let specificity = if r == media {
            3
        } else if r.strip_suffix("/*") == Some(kind) {
            2
        } else if r == "*/*" {
            1
        } else {
            continue;
        };
        if best.is_none_or(|(s, _)| specificity > s) {
            best = Some((specificity, q));
        }
    }
    best.map_or(0.0, |(_, q)| q)
}

/// The format to write results of a kind in: the first `format=` value that names one (by
/// name or media type), else the best the `Accept` header takes. `Err` lists what the client
/// could have asked for.
fn negotiate(
    accept: Option<&str>,
    formats: &[String],
    graph: bool,
) -> Result<ResultsFormat, String> {
    let table = if graph { GRAPH_TYPES } else { SOLUTION_TYPES };
    if !formats.is_empty() {
        return formats
            .iter()
            .find_map(|f| {
                table.iter().find(|(media, _, name)| {
                    name.eq_ignore_ascii_case(f) || media.eq_ignore_ascii_case(f)
                })
            })
            .map(|(_, r, _)| *r)
            .ok_or_else(|| {
                let mut names: Vec<&str> = table.iter().map(|(_, _, n)| *n).collect();
                names.dedup();
                format!(
                    "format={} does not suit this query's results; use one of {}",
                    formats.join(","),
                    names.join(", ")
                )
            });
    }
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return Ok(table[0].1);
    };
    let mut best: Option<(f32, ResultsFormat)> = None;
    for (media, f, _) in table {
        let q = quality(accept, media);
        if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
            best = Some((q, *f));
        }
    }
    best.map(|(_, f)| f).ok_or_else(|| {
        format!(
            "none of the types in Accept: {accept} can carry this query's results; accepted: {}",
            table
                .iter()
                .map(|(m, _, _)| *m)
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

pub(crate) fn text(status: StatusCode, message: impl Into<String>) -> Response {
    let mut m = message.into();
    m.push('\n');
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        m,
    )
        .into_response()
}

const READ_ONLY: &str = "this endpoint is read-only: fengong serve opens the store read-only and has no update route; change the store with fengong ingest, remove or correct";

/// `GET /query`: a query in the query string, or without one the service description.
pub(crate) async fn get(
    State(app): State<Arc<App>>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let mut p = Params::default();
    Params::read(&mut p, raw.unwrap_or_default().as_bytes());
    if p.update {
        return text(StatusCode::FORBIDDEN, READ_ONLY);
    }
    if p.query.is_none() {
        return service_description(&app);
    }
    run(app, p, &headers).await
}

/// `POST /query`: a form (`query=…`) or a query as the body (`application/sparql-query`).
pub(crate) async fn post(
    State(app): State<Arc<App>>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut p = Params::default();
    Params::read(&mut p, raw.unwrap_or_default().as_bytes());
    let media = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    match media.as_str() {
        "application/x-www-form-urlencoded" => Params::read(&mut p, &body),
        "application/sparql-query" => match String::from_utf8(body.to_vec()) {
            Ok(q) => p.query = Some(q),
            Err(_) => return text(StatusCode::BAD_REQUEST, "the query is not UTF-8"),
        },
        "application/sparql-update" => return text(StatusCode::FORBIDDEN, READ_ONLY),
        other => {
            return text(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!("POST a form (application/x-www-form-urlencoded) or a query (application/sparql-query), not {other:?}"),
            )
        }
    }
    if p.update {
        return text(StatusCode::FORBIDDEN, READ_ONLY);
    }
    if p.query.is_none() {
        return text(StatusCode::BAD_REQUEST, "no query: send query=…");
    }
    run(app, p, &headers).await
}

/// Queries parsed before (with the predeclared prefixes), by their text. Parsing is a seventh
/// of a small query's time, and clients, dashboards and the explorer send the same queries again;
/// the parsed form does not depend on the store, so it never goes stale. Bounded: emptied when
/// full.
#[derive(Default)]
pub(crate) struct ParsedQueries(
    std::sync::Mutex<std::collections::HashMap<String, spargebra::Query>>,
);

/// Distinct query texts kept at most.
const PARSED_QUERIES: usize = 4096;

impl ParsedQueries {
    fn parse(&self, text: &str) -> Result<spargebra::Query, String> {
        if let Some(q) = self.0.lock().ok().and_then(|m| m.get(text).cloned()) {
            return Ok(q);
        }
        let mut parser = spargebra::SparqlParser::new();
        for (name, iri) in PREFIXES {
            parser = parser
                .with_prefix(*name, *iri)
                .map_err(|e| format!("predeclared prefix {name}: {e}"))?;
        }
        let query = parser
            .parse_query(text)
            .map_err(|e| format!("syntax error: {e}"))?;
        if let Ok(mut m) = self.0.lock() {
            if m.len() >= PARSED_QUERIES {
                m.clear();
            }
            m.insert(text.to_owned(), query.clone());
        }
        Ok(query)
    }
}

/// Cancels the query when dropped: when the handler or the body stream goes away before the
/// worker is done (the client closed the connection).
struct CancelOnDrop(CancellationToken);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

/// 503 with `Retry-After`: the server is busy, the query may be sent again.
pub(crate) fn busy(message: String) -> Response {
    let mut r = text(StatusCode::SERVICE_UNAVAILABLE, message);
    r.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    r
}

async fn run(app: Arc<App>, p: Params, headers: &HeaderMap) -> Response {
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    // The answers of the store's state as it is now; one kept there is sent as it is.
    let cache = app.cache();
    let key = cache.answers.key(
        p.query.as_deref().unwrap_or(""),
        accept.as_deref(),
        &p.format,
        &p.default_graphs,
        &p.named_graphs,
    );
    if let Some(kept) = key.as_ref().and_then(|k| cache.answers.get(k)) {
        crate::log::line(format!("query kept 200: {}", log_text(&p)));
        return answer(kept.content_type, Body::from(kept.body));
    }
    let timeout = app.config.timeout;
    // Waiting for a slot counts against the query's time: its deadline starts now.
    let deadline = tokio::time::Instant::now() + timeout;
    let permit = match app.slot(deadline).await {
        Ok(p) => p,
        Err(why) => return busy(why),
    };
    let token = CancellationToken::new();
    let guard = CancelOnDrop(token.clone());
    let (tx, mut rx) = mpsc::channel::<Msg>(8);
    // The timeout is kept by the handler, wherever the query is: every wait for the worker
    // ends at the deadline, and giving up drops `guard`, which trips the token. No task or
    // timer of its own per query.
    let worker_app = app.clone();
    let worker_token = token.clone();
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let started = Instant::now();
        let outcome = evaluate(
            &worker_app,
            &p,
            accept.as_deref(),
            (worker_token, deadline.into_std()),
            &tx,
        );
        let elapsed = started.elapsed();
        crate::log::line(format!(
            "query {:.1} ms {outcome}: {}",
            elapsed.as_secs_f64() * 1000.0,
            log_text(&p)
        ));
    });
    // The status waits for the first chunk: a failure before it is an error status.
    let head = match tokio::time::timeout_at(deadline, rx.recv()).await {
        Ok(Some(Msg::Head(ct))) => ct,
        Ok(Some(Msg::Fail(status, m))) => return text(status, m),
        Ok(Some(Msg::Chunk(_))) | Ok(Some(Msg::Done)) | Ok(None) => {
            return text(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the query worker stopped",
            )
        }
        Err(_) => return text(StatusCode::SERVICE_UNAVAILABLE, timed_out(timeout)),
    };
    let mut first = Vec::new();
    let mut done = false;
    loop {
        match tokio::time::timeout_at(deadline, rx.recv()).await {
            Ok(Some(Msg::Chunk(c))) => {
                first.extend_from_slice(&c);
                if first.len() >= FIRST_PAGE {
                    break;
                }
            }
            Ok(Some(Msg::Fail(status, m))) => return text(status, m),
            Ok(Some(Msg::Head(_))) => {}
            Ok(Some(Msg::Done)) => {
                done = true;
                break;
            }
            // The worker ended without finishing the answer (it panicked).
            Ok(None) => {
                return text(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the query worker stopped",
                )
            }
            Err(_) => return text(StatusCode::SERVICE_UNAVAILABLE, timed_out(timeout)),
        }
    }
    if done {
        drop(guard);
        let body = Bytes::from(first);
        if let Some(key) = key {
            cache.answers.keep(
                key,
                crate::answers::Answer {
                    content_type: head,
                    body: body.clone(),
                },
            );
        }
        return answer(head, Body::from(body));
    }
    let response = {
        let rest = futures_util::stream::unfold(Some((rx, guard)), move |state| async move {
            let (mut rx, guard) = state?;
            match tokio::time::timeout_at(deadline, rx.recv()).await {
                Ok(Some(Msg::Chunk(c))) => {
                    Some((Ok::<Bytes, std::io::Error>(c), Some((rx, guard))))
                }
                Ok(Some(Msg::Head(_))) => Some((Ok(Bytes::new()), Some((rx, guard)))),
                Ok(Some(Msg::Done)) => None,
                // An error item makes hyper abort the connection: the body is visibly cut.
                Ok(Some(Msg::Fail(_, m))) => Some((Err(std::io::Error::other(m)), None)),
                // Out of time while streaming: cancel the query (dropping the guard) and cut
                // the body.
                Err(_) => {
                    drop(guard);
                    Some((Err(std::io::Error::other(timed_out(timeout))), None))
                }
                // The worker ended without saying the answer was whole (it panicked): cut.
                Ok(None) => Some((Err(std::io::Error::other("the query worker stopped")), None)),
            }
        });
        let first =
            futures_util::stream::once(
                async move { Ok::<Bytes, std::io::Error>(Bytes::from(first)) },
            );
        Body::from_stream(futures_util::StreamExt::chain(first, rest))
    };
    answer(head, response)
}

fn answer(content_type: &'static str, body: Body) -> Response {
    let mut response = Response::new(body);
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// The query as the log shows it: on one line, its first 120 characters.
fn log_text(p: &Params) -> String {
    p.query
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(120)
        .collect()
}

fn timed_out(timeout: std::time::Duration) -> String {
    format!(
        "the query was cancelled after {} s (--timeout); narrow it or add LIMIT",
        timeout.as_secs_f64()
    )
}

/// Writes bytes to the channel in chunks; a closed channel (the client left) cancels the query.
struct Chunks<'a> {
    tx: &'a mpsc::Sender<Msg>,
    buf: Vec<u8>,
    token: &'a CancellationToken,
}

impl Chunks<'_> {
    fn send(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::take(&mut self.buf));
        self.tx.blocking_send(Msg::Chunk(chunk)).map_err(|_| {
            self.token.cancel();
            std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client went away")
        })
    }
}

impl Write for Chunks<'_> {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(b);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(b.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
#[error("the result has more than {0} rows (--max-rows)")]
struct TooManyRows(usize);

/// Parses, evaluates and serialises one query, sending what it makes to `tx`; returns what to
/// log.
fn evaluate(
    app: &App,
    p: &Params,
    accept: Option<&str>,
    (token, deadline): (CancellationToken, std::time::Instant),
    tx: &mpsc::Sender<Msg>,
) -> String {
    let fail = |status: StatusCode, m: String| {
        let _ = tx.blocking_send(Msg::Fail(status, m.clone()));
        format!("{} {m}", status.as_u16())
    };
    let query = match app.queries.parse(p.query.as_deref().unwrap_or("")) {
        Ok(q) => q,
        Err(e) => return fail(StatusCode::BAD_REQUEST, e),
    };
    let evaluator = app
        .store
        .with_services(SparqlEvaluator::new().with_cancellation_token(token.clone()));
    let mut prepared = evaluator.for_query(query);
    let iris = |v: &[String]| -> Result<Vec<NamedNode>, String> {
        v.iter()
            .map(|s| NamedNode::new(s.as_str()).map_err(|e| format!("{s}: not an IRI: {e}")))
            .collect()
    };
    let (default, named) = match (iris(&p.default_graphs), iris(&p.named_graphs)) {
        (Ok(d), Ok(n)) => (d, n),
        (Err(e), _) | (_, Err(e)) => return fail(StatusCode::BAD_REQUEST, e),
    };
    if !default.is_empty() || !named.is_empty() {
        // The protocol's dataset replaces the query's own FROM / FROM NAMED.
        let d = prepared.dataset_mut();
        d.set_default_graph(default.into_iter().map(GraphName::NamedNode).collect());
        if !named.is_empty() {
            d.set_available_named_graphs(
                named.into_iter().map(NamedOrBlankNode::NamedNode).collect(),
            );
        }
    } else if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    // The server is only ever started on a store on disk.
    let Some(store) = app.store.oxigraph() else {
        return fail(
            StatusCode::INTERNAL_SERVER_ERROR,
            "this server reads a SPARQL server, not a store".into(),
        );
    };
    let results = match prepared.on_store(store).execute() {
        Ok(r) => r,
        Err(e) => return fail(status_of(&e), e.to_string()),
    };
    let graph = matches!(results, QueryResults::Graph(_));
    let format = match negotiate(accept, &p.format, graph) {
        Ok(f) => f,
        Err(m) => return fail(StatusCode::NOT_ACCEPTABLE, m),
    };
    let max = app.config.max_rows;
    let over = Arc::new(AtomicBool::new(false));
    let limit = |i: usize| -> Result<(), QueryEvaluationError> {
        if i >= max {
            over.store(true, Ordering::Relaxed);
            return Err(QueryEvaluationError::Unexpected(Box::new(TooManyRows(max))));
        }
        Ok(())
    };
    let results = match results {
        QueryResults::Solutions(rows) => {
            let variables: Arc<[oxigraph::sparql::Variable]> = rows.variables().into();
            QueryResults::Solutions(QuerySolutionIter::new(
                variables,
                rows.enumerate().map(move |(i, r)| limit(i).and(r)),
            ))
        }
        QueryResults::Graph(triples) => QueryResults::Graph(QueryTripleIter::new(
            triples.enumerate().map(move |(i, t)| limit(i).and(t)),
        )),
        b => b,
    };
    if tx.blocking_send(Msg::Head(content_type(format))).is_err() {
        return gone(deadline, app.config.timeout);
    }
    let mut out = Chunks {
        tx,
        buf: Vec::new(),
        token: &token,
    };
    let written = results::write(results, format, &mut out).and_then(|()| Ok(out.send()?));
    match written {
        Ok(()) => {
            let _ = tx.blocking_send(Msg::Done);
            "200".into()
        }
        // A policy the client meets by paging: the request, not the server, must change;
        // the SPARQL 1.1 Protocol knows 400 and 500 for a query it does not answer.
        Err(_) if over.load(Ordering::Relaxed) => fail(
            StatusCode::BAD_REQUEST,
            format!("the result has more than {max} rows, as many as this server sends (--max-rows); add LIMIT and page with OFFSET"),
        ),
        // The handler gives up at the deadline and so closes the channel too: past it, the
        // query was cut off by the timeout, not by a client leaving.
        Err(_) if token.is_cancelled() && tx.is_closed() => gone(deadline, app.config.timeout),
        Err(_) if token.is_cancelled() => fail(
            StatusCode::SERVICE_UNAVAILABLE,
            timed_out(app.config.timeout),
        ),
        Err(e) => fail(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

/// What to log when the handler is no longer there to answer. It gives up at the deadline and
/// closes the channel then: past it, the query was cut off by the timeout (answered 503), not
/// by a client leaving.
fn gone(deadline: std::time::Instant, timeout: std::time::Duration) -> String {
    if Instant::now() >= deadline {
        format!("503 {}", timed_out(timeout))
    } else {
        "client gone, cancelled".into()
    }
}

fn status_of(e: &QueryEvaluationError) -> StatusCode {
    match e {
        QueryEvaluationError::Cancelled => StatusCode::SERVICE_UNAVAILABLE,
        QueryEvaluationError::UnsupportedService(_)
        | QueryEvaluationError::UnsupportedCustomFunction(_)
        | QueryEvaluationError::UnsupportedCustomFunctionArity { .. }
        | QueryEvaluationError::NotExistingSubstitutedVariable(_) => StatusCode::BAD_REQUEST,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The SPARQL 1.1 Service Description of `/query`, in Turtle.
fn service_description(app: &App) -> Response {
    let endpoint = format!("http://{}/query", app.config.bind);
    let formats = [
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
    ]
    .iter()
    .map(|f| format!("<http://www.w3.org/ns/formats/{f}>"))
    .collect::<Vec<_>>()
    .join(", ");
    // Service descriptions have no term for predeclared prefixes: they are listed as comments.
    let prefixes: String = PREFIXES
        .iter()
        .map(|(p, iri)| format!("#   PREFIX {p}: <{iri}>\n"))
        .collect();
    let body = format!(
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n\
         @prefix dcterms: <http://purl.org/dc/terms/> .\n\n\
         # Every query may use these prefixes without declaring them:\n{prefixes}\n\
         <{endpoint}> a sd:Service ;\n\
         \x20 sd:endpoint <{endpoint}> ;\n\
         \x20 dcterms:title \"fengong: Chinese government work plans, their tasks and the agencies responsible\" ;\n\
         \x20 sd:supportedLanguage sd:SPARQL11Query ;\n\
         \x20 sd:feature sd:UnionDefaultGraph ;\n\
         \x20 sd:resultFormat {formats} ;\n\
         \x20 sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .\n"
    );
    ([(header::CONTENT_TYPE, "text/turtle; charset=utf-8")], body).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_headers_choose_the_format() {
        // What clients send: SPARQLWrapper, rdflib, YASGUI, curl, a browser.
        assert_eq!(
            negotiate(Some("application/sparql-results+json"), &[], false),
            Ok(ResultsFormat::Json)
        );
        assert_eq!(
            negotiate(Some("application/sparql-results+xml"), &[], false),
            Ok(ResultsFormat::Xml)
        );
        assert_eq!(
            negotiate(
                Some("text/csv,application/sparql-results+json;q=0.9"),
                &[],
                false
            ),
            Ok(ResultsFormat::Csv)
        );
        assert_eq!(negotiate(Some("*/*"), &[], false), Ok(ResultsFormat::Json));
        assert_eq!(negotiate(None, &[], true), Ok(ResultsFormat::Turtle));
        assert_eq!(
            negotiate(Some("application/n-triples"), &[], true),
            Ok(ResultsFormat::NTriples)
        );
        assert_eq!(
            negotiate(Some("text/*;q=0.5, */*;q=0.1"), &[], false),
            Ok(ResultsFormat::Csv)
        );
        // A refusal of one type under a wildcard holds.
        assert_eq!(
            negotiate(
                Some("application/sparql-results+json;q=0, application/json;q=0, */*"),
                &[],
                false
            ),
            Ok(ResultsFormat::Xml)
        );
        assert!(negotiate(Some("image/png"), &[], false).is_err());
        assert!(negotiate(Some("text/turtle"), &[], false).is_err());
        assert_eq!(
            negotiate(Some("text/html"), &["tsv".into()], false),
            Ok(ResultsFormat::Tsv)
        );
        assert!(negotiate(None, &["csv".into()], true).is_err());
        // SPARQLWrapper's pair: a name the endpoint may not know, then the media type.
        assert_eq!(
            negotiate(
                None,
                &["tab".into(), "text/tab-separated-values".into()],
                false
            ),
            Ok(ResultsFormat::Tsv)
        );
    }
}
