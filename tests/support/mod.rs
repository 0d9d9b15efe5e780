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

/// `fengong ARGS` as [`fengong`] runs it, with more environment (`XDG_CACHE_HOME` for the
/// search index of a server, kept in the user's cache, here in a test's folder).
pub fn fengong_with(args: &[&str], store: &Path, env: &[(&str, &Path)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(args)
        .env("FENGONG_STORE", store)
        .envs(env.iter().map(|(k, v)| (*k, *v)))
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

/// The registry the binary uses when run from this checkout (`data/registry` as it is now).
pub fn registry() -> &'static fengong_registry::Registry {
    static REGISTRY: std::sync::OnceLock<fengong_registry::Registry> = std::sync::OnceLock::new();
    REGISTRY.get_or_init(|| fengong_registry::Registry::load(&[]).expect("data/registry loads"))
}

/// A new on-disk store in the temp folder holding the embedded seed corpus, ingested through
/// the library as `fengong ingest` does.
pub fn seed_store(name: &str) -> fengong_store::Store {
    let dir = std::env::temp_dir().join(format!("fengong-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = fengong_store::Store::open(&dir).expect("store opens");
    for (key, bytes) in fengong_parse::input::DEFAULT {
        let doc = fengong_parse::parse_bytes(key, bytes).expect("seed parses");
        let source = fengong_parse::Source::new(key, key, bytes);
        store
            .ingest(&doc, &source, registry())
            .expect("seed ingests");
    }
    store
}

/// The hand-made gold annotations (tests/fixtures/gold/*.json), in file-name order.
pub fn gold_documents() -> Vec<serde_json::Value> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gold");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("gold folder")
        .map(|e| e.expect("gold entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            serde_json::from_str(&std::fs::read_to_string(f).expect("gold file")).expect("JSON")
        })
        .collect()
}

/// The bytes of the embedded seed whose file name starts with `prefix` (`"002_"`).
pub fn seed(prefix: &str) -> &'static [u8] {
    fengong_parse::input::DEFAULT
        .iter()
        .find(|(n, _)| n.starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}"))
        .1
}

/// A Python 3 that can import `modules`: the `python3` first on PATH, else Debian's
/// `/usr/bin/python3`, where README step 1 installs them (`python3-networkx` …) even when
/// another `python3` (pyenv, conda) comes first. Fails, naming what to install, when neither
/// has them: a comparison that is skipped is no comparison.
pub fn python(modules: &[&str]) -> std::path::PathBuf {
    let import = format!("import {}", modules.join(", "));
    for candidate in ["python3", "/usr/bin/python3"] {
        let works = Command::new(candidate)
            .args(["-c", &import])
            .output()
            .is_ok_and(|o| o.status.success());
        if works {
            return candidate.into();
        }
    }
    panic!(
        "no python3 here can `{import}`: run README step 1 (Debian's python3 packages), \
         or python3 -m pip install the modules for the python3 on PATH"
    );
}
