//! Running a converter (pdftotext, soffice) as a child process with a real bound on time.
//!
//! A pipe holds about 64 KiB: a child that writes more than that blocks until someone reads.
//! So stdin is fed and stdout and stderr are drained on threads of their own *while* the
//! child runs; the caller's thread only watches the clock and kills a child that overstays.

use std::io::{Read, Write};
use std::process::{Child, ExitStatus};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What a child wrote and how it ended.
pub(crate) struct Finished {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// Why a child gave nothing usable.
pub(crate) enum Failed {
    /// Still running after the timeout; it was killed.
    TimedOut,
    /// Waiting on it failed (the OS said why).
    Wait(std::io::Error),
}

/// Feeds `input` to the child's stdin (when piped), drains its stdout and stderr (when
/// piped) and waits at most `timeout` for it to exit; a child still running then is killed.
pub(crate) fn run(mut child: Child, input: &[u8], timeout: Duration) -> Result<Finished, Failed> {
    let feeder = child.stdin.take().map(|mut stdin| {
        let data = input.to_vec();
        // A child that exits early closes its end: the write error is expected, not a failure.
        std::thread::spawn(move || {
            let _ = stdin.write_all(&data);
        })
    });
    let stdout = child.stdout.take().map(drain);
    let stderr = child.stderr.take().map(drain);
    let start = Instant::now();
    let ended = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Ok(status),
            Ok(None) if start.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                break Err(Failed::TimedOut);
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                break Err(Failed::Wait(e));
            }
        }
    };
    // An exited child has closed its pipes, so the threads end. A killed one may have left a
    // grandchild holding them (soffice starts soffice.bin): its threads are left to end alone.
    let status = ended?;
    if let Some(f) = feeder {
        let _ = f.join();
    }
    Ok(Finished {
        status,
        stdout: collect(stdout),
        stderr: collect(stderr),
    })
}

fn drain(mut pipe: impl Read + Send + 'static) -> JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = pipe.read_to_end(&mut buf);
        buf
    })
}

fn collect(handle: Option<JoinHandle<Vec<u8>>>) -> Vec<u8> {
    handle.and_then(|h| h.join().ok()).unwrap_or_default()
}
