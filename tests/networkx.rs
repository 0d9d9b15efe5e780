//! Runs `tests/networkx_check.py`: every measure of `fengong rank` against NetworkX on the
//! graphs `fengong export-graph` writes, for several option sets, on the seed corpus.
//! Where Python or NetworkX is missing the test fails and says what to install (`.ci/run`
//! installs it): a comparison that is skipped is no comparison.

mod support;

use std::path::Path;
use std::process::Command;

#[test]
fn every_measure_agrees_with_networkx_on_the_seeds() {
    let python = support::python(&["networkx"]);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/networkx_check.py");
    let out = Command::new(&python)
        .arg(&script)
        .arg("--fengong")
        .arg(env!("CARGO_BIN_EXE_fengong"))
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    // One line per option set, none failed.
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("ok ")).count(),
        5,
        "{stdout}"
    );
}
