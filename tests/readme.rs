//! The README's examples, run as a user would type them, so the README cannot drift from the
//! tool: every `fengong …` line of its `sh` blocks and every runnable inline command must
//! succeed, every `$ fengong …` transcript must print what the README shows (`…` stands for
//! lines left out), and every example question of the `ask` table must get an answer.
//! Commands run through `sh` from a scratch folder holding `plan.txt` (the seed the README's
//! first example reads), with the built binary first on PATH and FENGONG_STORE at the seeds.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md")
}

/// The scratch folder the commands run in: `plan.txt` and `docs/`, and the seed store beside.
fn scratch() -> &'static (PathBuf, PathBuf) {
    static DIRS: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    DIRS.get_or_init(|| {
        let base = std::env::temp_dir().join(format!("fengong-readme-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let work = base.join("work");
        std::fs::create_dir_all(work.join("docs")).expect("scratch folder");
        // 2022年广东省数字经济工作要点, the plan the README's first example parses.
        std::fs::write(work.join("plan.txt"), support::seed("003_")).expect("plan.txt");
        // The ingest report's example: a plan, the same plan re-downloaded, and a news item.
        std::fs::write(work.join("docs/plan.txt"), support::seed("003_")).expect("docs");
        std::fs::write(
            work.join("docs/plan-again.txt"),
            [support::seed("003_"), b"\n"].concat(),
        )
        .expect("docs");
        std::fs::write(work.join("docs/news.txt"), support::seed("001_")).expect("docs");
        let store = base.join("store");
        support::ok(&support::fengong(&["ingest"], &store));
        (work, store)
    })
}

/// One command line of the README, through `sh`, as typed.
fn sh(line: &str) -> Output {
    let (work, store) = scratch();
    let bin = Path::new(env!("CARGO_BIN_EXE_fengong"))
        .parent()
        .expect("binary folder");
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("PATH");
    Command::new("sh")
        .arg("-c")
        .arg(line)
        .current_dir(work)
        .env("PATH", path)
        .env("FENGONG_STORE", store)
        // Tables are cut to the terminal only on a terminal; keep the README's full width.
        .env_remove("COLUMNS")
        .output()
        .expect("sh runs")
}

fn must_succeed(line: &str) -> String {
    let out = sh(line);
    assert!(
        out.status.success(),
        "README command failed: {line}\nexit {:?}\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Fenced blocks: (info string, lines).
fn blocks(text: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut open: Option<(String, Vec<String>)> = None;
    for line in text.lines() {
        let t = line.trim_start();
        if let Some(info) = t.strip_prefix("```") {
            match open.take() {
                Some(b) => out.push(b),
                None => open = Some((info.trim().to_owned(), Vec::new())),
            }
        } else if let Some((_, lines)) = open.as_mut() {
            lines.push(line.to_owned());
        }
    }
    out
}

/// Runs of white space as one space, ends trimmed: table columns pad to the widest cell.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_command_of_the_readme_runs() {
    let text = readme();
    let mut run = 0;
    for (info, lines) in blocks(&text) {
        if info != "sh" {
            continue;
        }
        for line in lines {
            let line = line.trim();
            // The set-up lines (apt-get, cargo) are what CI itself runs.
            if line.starts_with("fengong ") {
                must_succeed(line);
                run += 1;
            }
        }
    }
    // Inline commands with nothing left to fill in (no FILE, NAME, M … placeholder, no choice
    // between forms).
    for (k, part) in text.split('`').enumerate() {
        let runnable = k % 2 == 1
            && part.starts_with("fengong ")
            && part.split_whitespace().count() > 2
            && !part.contains(['[', '|', '…'])
            && !part
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_uppercase()));
        if runnable {
            must_succeed(part);
            run += 1;
        }
    }
    assert!(run >= 10, "only {run} README commands found");
}

#[test]
fn every_transcript_of_the_readme_prints_what_it_shows() {
    let mut checked = 0;
    for (_, lines) in blocks(&readme()) {
        if !lines.first().is_some_and(|l| l.starts_with("$ ")) {
            continue;
        }
        // `$ command` then what it prints, up to the next `$`.
        let mut i = 0;
        while i < lines.len() {
            let command = lines[i].trim_start_matches("$ ").to_owned();
            let mut shown = Vec::new();
            i += 1;
            while i < lines.len() && !lines[i].starts_with("$ ") {
                shown.push(lines[i].clone());
                i += 1;
            }
            let printed: Vec<String> = must_succeed(&command).lines().map(squeeze).collect();
            // Each shown line in order; after `…` anywhere further on, else on the next line.
            let mut at = 0;
            let mut skip = true;
            for want in &shown {
                let want = squeeze(want);
                if want == "…" {
                    skip = true;
                    continue;
                }
                let found = if skip {
                    printed[at..]
                        .iter()
                        .position(|l| *l == want)
                        .map(|p| at + p)
                } else {
                    (printed.get(at) == Some(&want)).then_some(at)
                };
                let Some(p) = found else {
                    panic!(
                        "README shows for `{command}` the line\n  {want}\nwhere it prints\n{}",
                        printed.join("\n")
                    );
                };
                at = p + 1;
                skip = false;
            }
            checked += 1;
        }
    }
    assert!(checked >= 3, "only {checked} transcripts found");
}

#[test]
fn every_example_question_gets_an_answer() {
    let text = readme();
    let table = text
        .split("| Form | Chinese | English |")
        .nth(1)
        .expect("the ask table");
    let mut asked = 0;
    for row in table.lines().skip(2).take_while(|l| l.starts_with('|')) {
        for (k, part) in row.split('`').enumerate() {
            if k % 2 == 1 {
                let out = sh(&format!("fengong ask '{part}' --format json"));
                assert!(
                    out.status.success(),
                    "{part}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                let v: serde_json::Value =
                    serde_json::from_slice(&out.stdout).expect("JSON answer");
                let said = ["lines", "ranking"]
                    .iter()
                    .any(|k| v[k].as_array().is_some_and(|a| !a.is_empty()));
                assert!(said, "{part}: no answer lines in {v}");
                asked += 1;
            }
        }
    }
    assert!(asked >= 20, "only {asked} example questions found");
}
