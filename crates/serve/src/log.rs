//! The request log, written by a thread of its own: a worker hands a line over and goes on,
//! so a slow or blocked stderr (a full pipe, a paused terminal) never stalls an answer.
//! Lines beyond what the queue holds are counted and the count is logged, not the workers held.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TrySendError};
use std::sync::OnceLock;

/// Lines waiting to be written at most; a burst beyond it is dropped and counted.
const QUEUE: usize = 8192;

enum Entry {
    Line(String),
    Flush(SyncSender<()>),
}

static DROPPED: AtomicU64 = AtomicU64::new(0);

fn sender() -> Option<&'static SyncSender<Entry>> {
    static TX: OnceLock<Option<SyncSender<Entry>>> = OnceLock::new();
    TX.get_or_init(|| {
        let (tx, rx) = sync_channel(QUEUE);
        let started = std::thread::Builder::new()
            .name("fengong-log".into())
            .spawn(move || write_all(rx))
            .is_ok();
        // No thread, no log: requests are served all the same.
        started.then_some(tx)
    })
    .as_ref()
}

fn write_all(rx: Receiver<Entry>) {
    use std::io::Write;
    // Lines go out in one write per burst, not one per line: under load every request logs,
    // and stderr is unbuffered. The buffer is flushed whenever the queue runs dry, so a
    // quiet server's log is never behind.
    let mut err = std::io::BufWriter::with_capacity(64 * 1024, std::io::stderr());
    let mut next = rx.recv().ok();
    while let Some(entry) = next {
        let dropped = DROPPED.swap(0, Ordering::Relaxed);
        if dropped > 0 {
            let _ = writeln!(
                err,
                "({dropped} log lines dropped: the log could not keep up)"
            );
        }
        match entry {
            Entry::Line(l) => {
                let _ = writeln!(err, "{l}");
            }
            Entry::Flush(done) => {
                let _ = err.flush();
                let _ = done.send(());
            }
        }
        next = match rx.try_recv() {
            Ok(e) => Some(e),
            Err(_) => {
                let _ = err.flush();
                rx.recv().ok()
            }
        };
    }
    let _ = err.flush();
}

/// Logs one line without waiting for it to be written.
pub fn line(text: String) {
    if let Some(tx) = sender() {
        if let Err(TrySendError::Full(_)) = tx.try_send(Entry::Line(text)) {
            DROPPED.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// Waits (a second at most) until the lines logged so far are written: before the process
/// exits.
pub fn flush() {
    let (done, wait) = sync_channel(1);
    let sent = sender().is_some_and(|tx| tx.send(Entry::Flush(done)).is_ok());
    if sent {
        let _ = wait.recv_timeout(std::time::Duration::from_secs(1));
    }
}
