//! `fengong serve --watch DIR`: the server is the store's one writer and ingests the plans put
//! into a folder, so a served store takes new plans without a second process. (Oxigraph's
//! read-only mode is undefined while another process writes, so the store is never read by
//! one process while another writes it.)
//!
//! The folder is scanned every [`EVERY`]; a file is ingested once it has looked the same
//! (size and modification time) on two scans in a row, so a copy still being written is not
//! read half. Documents go through the same pipeline as `fengong ingest` — each one commits
//! whole or not at all, and a query sees the store before or after it, never between. After
//! each batch that wrote something, the pages' cache is replaced by a new one.

use crate::App;
use fengong_store::ingest::{self, Event, Item, Options};
use fengong_store::Outcome;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// How often the folder is looked at.
pub const EVERY: Duration = Duration::from_secs(1);

/// Documents ingested together before the pages see them.
const BATCH: usize = 8;

/// What a file looked like when it was last scanned.
type Stamp = (u64, Option<SystemTime>);

fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()))
}

/// Scans `dir` and ingests what is new or changed until `stop` is set (checked between
/// batches and between scans).
pub(crate) fn run(app: Arc<App>, dir: PathBuf, stop: Arc<AtomicBool>) {
    // The state each file was ingested (or failed) in, and files seen once, waiting to settle.
    let mut done: HashMap<PathBuf, Stamp> = HashMap::new();
    let mut settling: HashMap<PathBuf, Stamp> = HashMap::new();
    let mut complained = false;
    while !stop.load(Ordering::Relaxed) {
        let (inputs, _) = fengong_parse::input::collect_all(std::slice::from_ref(&dir));
        let mut ready: Vec<(Item, Stamp)> = Vec::new();
        for input in inputs {
            let input = match input {
                Ok(i) => i,
                // An empty or unreadable folder: said once, looked at again next time.
                Err(e) => {
                    if !complained {
                        crate::log::line(format!("watch: {e}"));
                        complained = true;
                    }
                    continue;
                }
            };
            let Some(now) = stamp(&input.path) else {
                continue;
            };
            if done.get(&input.path) == Some(&now) {
                continue;
            }
            if settling.get(&input.path) == Some(&now) {
                settling.remove(&input.path);
                ready.push((Item::file(input), now));
            } else {
                settling.insert(input.path, now);
            }
        }
        for batch in ready.chunks(BATCH) {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            ingest_batch(&app, batch, &mut done);
        }
        sleep_unless_stopped(&stop);
    }
}

fn sleep_unless_stopped(stop: &AtomicBool) {
    let step = Duration::from_millis(50);
    let mut slept = Duration::ZERO;
    while slept < EVERY && !stop.load(Ordering::Relaxed) {
        std::thread::sleep(step);
        slept += step;
    }
}

fn ingest_batch(app: &App, batch: &[(Item, Stamp)], done: &mut HashMap<PathBuf, Stamp>) {
    let items: Vec<Item> = batch.iter().map(|(i, _)| i.clone()).collect();
    // The store folder's corrections, read again for every batch: an entry added by hand
    // applies to the next document it names.
    let corrections_file = app.store.path().join(fengong_correct::FILE_NAME);
    let corrections = match fengong_correct::Corrections::load(&corrections_file) {
        Ok(c) => c,
        Err(e) => {
            crate::log::line(format!(
                "watch: corrections: {e}; nothing ingested until it is fixed"
            ));
            return;
        }
    };
    let options = Options {
        corrections,
        ..Options::default()
    };
    let mut wrote = false;
    let mut on_event = |event: Event<'_>| match event {
        Event::Read(_) => {}
        Event::Done(item, r) => {
            let what = match r.outcome {
                Outcome::Added => "added",
                Outcome::Replaced => "replaced",
                Outcome::Unchanged => "unchanged",
                Outcome::Copy => "another file of a plan already in:",
            };
            // Kept SPARQL answers are of the state before: forgotten before anyone is told
            // of the change (the rest of what pages share is renewed after the batch).
            if r.outcome != Outcome::Unchanged {
                app.cache().answers.clear();
            }
            wrote |= r.outcome != Outcome::Unchanged;
            let no_task = if r.tasks == 0 { "; no task found" } else { "" };
            crate::log::line(format!(
                "watch: {what} {} ({} tasks{no_task})",
                item.key, r.tasks
            ));
        }
        Event::Failed(_, message) => crate::log::line(format!("watch: error: {message}")),
        Event::Skipped(_, message) => crate::log::line(format!("watch: skipped: {message}")),
    };
    match ingest::ingest(&app.store, &items, &app.registry, &options, &mut on_event) {
        Ok(report) => {
            for p in &report.correction_problems {
                crate::log::line(format!("watch: warning: {p}"));
            }
            // Failed files too: tried again when they change, not at every scan.
            for (item, st) in batch {
                done.insert(item.path.clone(), *st);
            }
        }
        // The store itself failed: what committed before stays; the files are tried again.
        Err(e) => crate::log::line(format!("watch: the store failed: {e}")),
    }
    if wrote {
        app.refresh();
    }
}
