//! Running the `fengong` binary from integration tests.
// Each test crate uses a subset of these.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// `fengong ARGS` with the store at `store` (through FENGONG_STORE, as users set it).
pub fn fengong(args: &[&str], store: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(args)
        .env("FENGONG_STORE", store)
        .output()
        .expect("binary runs")
}

/// Standard output of a run that must succeed; otherwise fails with everything it printed.
pub fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}
