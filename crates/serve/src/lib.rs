//! `fengong serve`: one process holding the store, serving the SPARQL 1.1 Protocol at `/query`
//! and an explorer of plans, agencies and tasks.
//!
//! axum on tokio runs the sockets; Oxigraph and the explorer's lookups are synchronous, so every
//! query and page runs on tokio's blocking pool, holding one of `--max-queries` permits while it
//! runs. No route writes: the store is opened read-only, or, with `--watch DIR`, for writing by
//! the folder's watcher alone (`watch.rs`); the only files served are the ones compiled in
//! (`assets/`).

mod answers;
mod assets;
mod html;
mod log;
mod lookups;
mod pages;
mod sparql;
mod watch;

use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use fengong_registry::Registry;
use fengong_store::Store;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// How the server runs; `fengong serve`'s options.
#[derive(Debug, Clone)]
pub struct Config {
    pub bind: SocketAddr,
    /// A query is cancelled after this long, and a page's lookups too.
    pub timeout: Duration,
    /// Rows (or triples) a query result may have.
    pub max_rows: usize,
    /// Queries run at once; more wait for a free slot until their deadline.
    pub max_queries: usize,
    /// Queries that may wait for a slot; beyond them a query is answered 503 at once.
    pub max_waiting: usize,
    /// Origins whose pages may query from a browser (`*` for any); none by default.
    pub cors: Vec<String>,
    /// A folder whose plans the server ingests as they appear or change; the server is then
    /// the store's writer.
    pub watch: Option<std::path::PathBuf>,
    /// Bytes of whole SPARQL answers kept for the store's current state (0: none).
    pub answer_budget: usize,
}

/// The longest query string taken (414 beyond), and the largest request body (413 beyond).
pub const MAX_QUERY_STRING: usize = 16 * 1024;
pub const MAX_BODY: usize = 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Store(#[from] fengong_store::StoreError),
    #[error("cannot listen on {bind}: {source}")]
    Bind {
        bind: SocketAddr,
        source: std::io::Error,
    },
    #[error("--watch {}: not a folder", .0.display())]
    Watch(std::path::PathBuf),
    #[error("--cors {0}: not an origin (write it as https://example.org, or *)")]
    Cors(String),
    #[error("server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// What every handler shares.
pub(crate) struct App {
    pub store: Store,
    pub registry: Registry,
    pub config: Config,
    pub permits: Arc<Semaphore>,
    /// Places in the queue of queries waiting for a permit.
    pub waiting: Arc<Semaphore>,
    /// What pages share, for the store as it is now: replaced whole when the store changes,
    /// so a page never mixes a cached result of one state with another.
    lookups: std::sync::RwLock<Arc<lookups::Cache>>,
    /// Queries parsed before, by their text: clients and pages send the same few again.
    pub queries: sparql::ParsedQueries,
}

impl App {
    /// Starts the pages afresh after the store changed, and reads again what they share.
    pub(crate) fn refresh(&self) {
        let fresh = Arc::new(lookups::Cache::new(self.config.answer_budget));
        match self.lookups.write() {
            Ok(mut c) => *c = fresh.clone(),
            Err(poisoned) => *poisoned.into_inner() = fresh.clone(),
        }
        fresh.warm(self);
    }

    /// The shared results for the store's current state.
    pub(crate) fn cache(&self) -> Arc<lookups::Cache> {
        match self.lookups.read() {
            Ok(c) => c.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// A slot to run a query or build a page in: at once if one of `--max-queries` is free,
    /// else after waiting in the bounded queue (`--max-waiting`) until `deadline`. The error
    /// says why none came, for a 503.
    pub(crate) async fn slot(
        &self,
        deadline: tokio::time::Instant,
    ) -> Result<tokio::sync::OwnedSemaphorePermit, String> {
        if let Ok(p) = self.permits.clone().try_acquire_owned() {
            return Ok(p);
        }
        let Ok(place) = self.waiting.clone().try_acquire_owned() else {
            return Err(format!(
                "{} requests are running and {} waiting, as many as this server keeps (--max-queries, --max-waiting); try again shortly",
                self.config.max_queries, self.config.max_waiting
            ));
        };
        let got = tokio::time::timeout_at(deadline, self.permits.clone().acquire_owned()).await;
        drop(place);
        match got {
            Ok(Ok(p)) => Ok(p),
            _ => Err(format!(
                "no slot came free within the timeout ({} s; --max-queries {}); try again shortly",
                self.config.timeout.as_secs_f64(),
                self.config.max_queries
            )),
        }
    }
}

/// Opens the store at `dir` (read-only, unless `config.watch` makes the server its writer)
/// and serves it until the process is stopped (SIGINT or SIGTERM end it cleanly). `ready` is
/// called with the address once the socket listens (the port when `bind` asked for port 0).
pub fn serve(
    dir: &Path,
    registry: Registry,
    config: Config,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let store = match &config.watch {
        Some(folder) if !folder.is_dir() => {
            return Err(ServeError::Watch(folder.clone()));
        }
        Some(_) => Store::open(dir)?,
        None => Store::open_read_only(dir)?,
    };
    // The full-text index (search pages, topic questions, SPARQL's search SERVICE), brought
    // up to date with the store before the first request: built here if the store has none.
    let t = Instant::now();
    let index = store.search_index(&registry)?;
    log::line(format!(
        "search index: {} tasks, up to date in {:.1} s",
        index.tasks().unwrap_or(0),
        t.elapsed().as_secs_f64()
    ));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = Arc::new(std::sync::Mutex::new(None));
    let (stop_watch, watcher_slot) = (stop.clone(), watcher.clone());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.bind)
            .await
            .map_err(|source| ServeError::Bind {
                bind: config.bind,
                source,
            })?;
        let bound = listener.local_addr()?;
        let config = Config {
            bind: bound,
            ..config
        };
        let app = Arc::new(App {
            permits: Arc::new(Semaphore::new(config.max_queries.max(1))),
            waiting: Arc::new(Semaphore::new(config.max_waiting)),
            lookups: std::sync::RwLock::new(Arc::new(lookups::Cache::new(config.answer_budget))),
            queries: sparql::ParsedQueries::default(),
            store,
            registry,
            config,
        });
        let router = router(app.clone())?;
        if let Some(folder) = app.config.watch.clone() {
            let app = app.clone();
            log::line(format!(
                "watching {}: plans put there are ingested",
                folder.display()
            ));
            let handle = std::thread::Builder::new()
                .name("fengong-watch".into())
                .spawn(move || watch::run(app, folder, stop_watch))?;
            if let Ok(mut slot) = watcher_slot.lock() {
                *slot = Some(handle);
            }
        }
        tokio::task::spawn_blocking(move || {
            let t = std::time::Instant::now();
            app.cache().warm(&app);
            log::line(format!(
                "pages warmed (counts, plans, network) in {:.1} s",
                t.elapsed().as_secs_f64()
            ));
        });
        ready(bound);
        axum::serve(listener, router)
            .with_graceful_shutdown(stop_signal())
            .await?;
        Ok(())
    });
    // Requests in flight are answered; what still runs on the blocking pool (the warm-up of
    // look-ups) is no one's answer and is not waited for.
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    // The document being written is finished (each commits whole anyway), then no other.
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    if let Some(w) = watcher.lock().ok().and_then(|mut w| w.take()) {
        let _ = w.join();
    }
    log::line("stopped: every request in flight was answered".into());
    log::flush();
    served
}

/// SIGINT (Ctrl-C) or SIGTERM, which service managers send: the server stops taking
/// connections and answers those in flight before it exits.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
    log::line("stopping: signal received, draining requests in flight".into());
}

fn router(app: Arc<App>) -> Result<Router, ServeError> {
    let mut r = Router::new()
        .route("/query", get(sparql::get).post(sparql::post))
        .route("/", get(pages::home))
        .route("/ask", get(pages::ask))
        .route("/agency", get(pages::agency))
        .route("/plan", get(pages::plan))
        .route("/plan.csv", get(pages::plan_csv))
        .route("/task", get(pages::task))
        .route("/search", get(pages::search))
        .route("/source", get(pages::source))
        .route("/network", get(pages::network))
        .route("/network.svg", get(pages::network_svg))
        .route("/sparql", get(pages::sparql))
        .route("/assets/{name}", get(assets::get))
        .fallback(pages::not_found)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn(limit_and_log))
        .with_state(app.clone());
    if !app.config.cors.is_empty() {
        use tower_http::cors::{AllowOrigin, CorsLayer};
        let origins = if app.config.cors.iter().any(|o| o == "*") {
            AllowOrigin::any()
        } else {
            let list: Result<Vec<HeaderValue>, _> = app
                .config
                .cors
                .iter()
                .map(|o| {
                    HeaderValue::from_str(o)
                        .ok()
                        .filter(|_| o.starts_with("http://") || o.starts_with("https://"))
                        .ok_or_else(|| ServeError::Cors(o.clone()))
                })
                .collect();
            AllowOrigin::list(list?)
        };
        r = r.layer(
            CorsLayer::new()
                .allow_origin(origins)
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([axum::http::header::CONTENT_TYPE, axum::http::header::ACCEPT]),
        );
    }
    Ok(r)
}

/// Refuses long query strings (414) and logs one line per request: when, who, what, the
/// status and how long until the answer began.
async fn limit_and_log(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let query_len = req.uri().query().map_or(0, str::len);
    let response = if query_len > MAX_QUERY_STRING {
        sparql::text(
            StatusCode::URI_TOO_LONG,
            format!("the query string has {query_len} bytes, more than {MAX_QUERY_STRING}; POST long queries"),
        )
    } else {
        next.run(req).await
    };
    log::line(format!(
        "{} {method} {path}{} {} {:.1} ms",
        fengong_store::now_utc(),
        if query_len > 0 { "?…" } else { "" },
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    ));
    response
}
