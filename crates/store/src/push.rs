//! `fengong push`: the store's graphs copied into a SPARQL server, a graph per request with the
//! Graph Store Protocol's PUT, so pushing again replaces and never doubles.
//!
//! What is on the server is recorded there, in the graph [`MANIFEST`]: each graph pushed with
//! the SHA-256 of its N-Triples. A graph is sent when the server's record of it is not exactly
//! the store's digest, so a second push sends nothing, and a push that failed halfway resumes
//! where it stopped: a graph whose PUT did not finish has no record yet, and is sent again.
//! Graphs the manifest names but the store no longer holds (documents removed since) are
//! deleted on the server; graphs fengong never pushed are left alone.

use crate::remote::{Endpoint, RemoteError};
use crate::{Store, StoreError};
use fengong_rdf::vocab::fg;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

/// The graph on the server recording what was pushed; outside fengong's graph namespace, so
/// that counts of fengong's graphs (`queries/graph-counts.rq`) leave it out.
pub const MANIFEST: &str = "https://w3id.org/fengong/push";

/// Manifest entries sent at once (a `POST` to the manifest graph).
const RECORD_EVERY: usize = 64;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PushReport {
    /// Graphs the store holds.
    pub graphs: usize,
    /// Graphs sent (new or changed).
    pub sent: usize,
    /// Triples sent.
    pub triples: usize,
    /// Bytes of N-Triples sent.
    pub bytes: usize,
    /// Graphs the server already held as the store does.
    pub unchanged: usize,
    /// Graphs of an earlier push the store no longer holds, deleted on the server.
    pub deleted: usize,
}

/// What a push is doing, for a progress bar.
pub enum PushEvent<'a> {
    /// The graphs to look at, and how many of them the server holds already.
    Start {
        graphs: usize,
        unchanged: usize,
    },
    Sent {
        graph: &'a str,
        triples: usize,
    },
    Deleted {
        graph: &'a str,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The server failed before anything was sent.
    #[error(transparent)]
    Remote(#[from] RemoteError),
    /// The server failed; what was done before stays recorded there.
    #[error("{source}\n{done} of {graphs} graphs are on the server and recorded in <{MANIFEST}>; run the same push again to send the other {left}")]
    Halfway {
        source: RemoteError,
        done: usize,
        graphs: usize,
        left: usize,
    },
}

/// What a sender thread did with one graph: its triples and bytes, or why not.
struct Sent {
    index: usize,
    sent: Result<(usize, usize), PushError>,
}

/// Copies every graph of `store` into the server at `endpoint`, over `jobs` connections.
pub fn push(
    store: &Store,
    endpoint: &Endpoint,
    jobs: usize,
    on_event: &mut dyn FnMut(PushEvent<'_>),
) -> Result<PushReport, PushError> {
    let local = store.inner()?;
    let manifest = NamedNode::new_unchecked(MANIFEST);
    let recorded = read_manifest(endpoint)?;
    let mut graphs: Vec<NamedNode> = Vec::new();
    for g in local.named_graphs() {
        if let NamedOrBlankNode::NamedNode(n) = g.map_err(StoreError::from)? {
            graphs.push(n);
        }
    }
    let mut report = PushReport {
        graphs: graphs.len(),
        ..PushReport::default()
    };
    // Digests first, a graph at a time (a national store does not fit in memory as text):
    // the progress bar then knows what is left before anything is sent.
    let mut digests = Vec::with_capacity(graphs.len());
    let mut work = Vec::new();
    let mut resent = false;
    for g in &graphs {
        let digest = crate::sha256(&ntriples(store, g)?.bytes);
        match recorded.get(g.as_str()) {
            Some(d) if d.len() == 1 && d.contains(&digest) => report.unchanged += 1,
            before => {
                resent |= before.is_some();
                work.push((g, digest.clone()));
            }
        }
        digests.push((g.as_str().to_owned(), digest));
    }
    on_event(PushEvent::Start {
        graphs: graphs.len(),
        unchanged: report.unchanged,
    });
    let halfway = |source, report: &PushReport| PushError::Halfway {
        source,
        done: report.unchanged + report.sent,
        graphs: report.graphs,
        left: report.graphs - report.unchanged - report.sent,
    };
    // Graphs go over `jobs` connections at once: a server spends most of a push committing
    // each graph, and commits of different graphs run side by side. Events and the manifest
    // stay on this thread.
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let mut pending = Vec::new();
    let mut failed: Option<PushError> = None;
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<Sent>();
        for _ in 0..jobs.max(1) {
            let tx = tx.clone();
            let (work, next, stop) = (&work, &next, &stop);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((g, _)) = work.get(i) else { break };
                    let sent = ntriples(store, g)
                        .map_err(PushError::from)
                        .and_then(|body| {
                            endpoint
                                .put_graph(g.as_ref(), &body.bytes)
                                .map(|()| (body.triples, body.bytes.len()))
                                .map_err(PushError::Remote)
                        });
                    let stopped = sent.is_err();
                    if tx.send(Sent { index: i, sent }).is_err() || stopped {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for Sent { index, sent } in rx {
            match sent {
                Ok((triples, bytes)) => {
                    let (g, digest) = &work[index];
                    report.sent += 1;
                    report.triples += triples;
                    report.bytes += bytes;
                    on_event(PushEvent::Sent {
                        graph: g.as_str(),
                        triples,
                    });
                    pending.push((g.as_str().to_owned(), digest.clone()));
                    if pending.len() >= RECORD_EVERY && failed.is_none() {
                        match record(endpoint, &manifest, &pending) {
                            Ok(()) => pending.clear(),
                            Err(e) => {
                                stop.store(true, Ordering::Relaxed);
                                failed = Some(PushError::Remote(e));
                            }
                        }
                    }
                }
                Err(e) => {
                    stop.store(true, Ordering::Relaxed);
                    failed.get_or_insert(e);
                }
            }
        }
    });
    if let Some(e) = failed {
        // Record what went before, so the next push need not send it again.
        let _ = record(endpoint, &manifest, &pending);
        return Err(match e {
            PushError::Remote(source) => halfway(source, &report),
            other => other,
        });
    }
    record(endpoint, &manifest, &pending).map_err(|e| halfway(e, &report))?;
    // Documents removed from the store since an earlier push.
    let held: BTreeSet<&str> = graphs.iter().map(NamedNode::as_str).collect();
    let gone: Vec<&String> = recorded
        .keys()
        .filter(|g| !held.contains(g.as_str()))
        .collect();
    for g in &gone {
        endpoint
            .delete_graph(NamedNode::new_unchecked(g.as_str()).as_ref())
            .map_err(|e| halfway(e, &report))?;
        report.deleted += 1;
        on_event(PushEvent::Deleted { graph: g });
    }
    // A graph sent again has its old digest beside the new one, a deleted graph its entry:
    // the manifest is then written anew, once, whole.
    if resent || !gone.is_empty() {
        endpoint
            .put_graph(manifest.as_ref(), &manifest_ntriples(&digests))
            .map_err(|e| halfway(e, &report))?;
    }
    Ok(report)
}

struct Body {
    bytes: Vec<u8>,
    triples: usize,
}

/// A graph of the store as N-Triples, in the store's order (the same store gives the same bytes).
fn ntriples(store: &Store, graph: &NamedNode) -> Result<Body, StoreError> {
    let mut w = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    let mut triples = 0;
    for q in store.inner()?.quads_for_pattern(
        None,
        None,
        None,
        Some(GraphNameRef::NamedNode(graph.as_ref())),
    ) {
        let q = q?;
        w.serialize_triple(oxigraph::model::TripleRef::from(q.as_ref()))?;
        triples += 1;
    }
    Ok(Body {
        bytes: w.finish()?,
        triples,
    })
}

/// The server's record of earlier pushes: graph → the digests recorded for it.
fn read_manifest(endpoint: &Endpoint) -> Result<BTreeMap<String, BTreeSet<String>>, RemoteError> {
    let sparql = format!(
        "SELECT ?g ?digest WHERE {{ GRAPH <{MANIFEST}> {{ ?g <{}> ?digest }} }}",
        fg::PUSHED_SHA256.as_str()
    );
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let answer = endpoint.query(&sparql)?;
    if let oxigraph::sparql::QueryResults::Solutions(rows) = answer {
        for row in rows {
            let row = row.map_err(|e| RemoteError::Setup(format!("{}: {e}", endpoint.url())))?;
            if let (Some(oxigraph::model::Term::NamedNode(g)), Some(d)) =
                (row.get("g"), row.get("digest"))
            {
                let d = match d {
                    oxigraph::model::Term::Literal(l) => l.value().to_owned(),
                    other => other.to_string(),
                };
                out.entry(g.as_str().to_owned()).or_default().insert(d);
            }
        }
    }
    Ok(out)
}

fn manifest_ntriples(entries: &[(String, String)]) -> Vec<u8> {
    let mut out = String::new();
    for (g, digest) in entries {
        out.push_str(&format!(
            "<{g}> <{}> \"{digest}\" .\n",
            fg::PUSHED_SHA256.as_str()
        ));
    }
    out.into_bytes()
}

/// Appends entries to the manifest.
fn record(
    endpoint: &Endpoint,
    manifest: &NamedNode,
    entries: &[(String, String)],
) -> Result<(), RemoteError> {
    if entries.is_empty() {
        return Ok(());
    }
    endpoint.post_graph(manifest.as_ref(), &manifest_ntriples(entries))
}
