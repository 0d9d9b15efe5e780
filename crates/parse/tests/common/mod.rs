//! Comparing a parse with a hand-made annotation in the gold schema.

use serde_json::Value;
use std::path::{Path, PathBuf};

/// The workspace's root folder, where `data/` and the shared `tests/fixtures/` are.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Differences between `parsed` and the annotation `expected`, one line each.
pub fn differences(parsed: &fengong_parse::ParsedDocument, expected: &Value) -> Vec<String> {
    let mut diffs = Vec::new();
    let got = serde_json::to_value(parsed).expect("a parse serialises");
    for key in ["title", "issuer", "date", "year", "jurisdiction", "number"] {
        let want = &expected["document"][key];
        // A null in an annotation means "not annotated", except for what must be found.
        if want.is_null() && key == "number" {
            continue;
        }
        if &got["document"][key] != want {
            diffs.push(format!(
                "document.{key}: expected {want}, got {}",
                got["document"][key]
            ));
        }
    }
    let (want_tasks, got_tasks) = (
        expected["tasks"].as_array().unwrap(),
        got["tasks"].as_array().unwrap(),
    );
    if want_tasks.len() != got_tasks.len() {
        diffs.push(format!(
            "{} tasks expected, {} found",
            want_tasks.len(),
            got_tasks.len()
        ));
    }
    for (w, g) in want_tasks.iter().zip(got_tasks) {
        for key in [
            "number",
            "ordinal",
            "section",
            "title",
            "lead",
            "cooperate",
            "co_responsible",
            "raw",
        ] {
            let (wv, gv) = (&w[key], &g[key]);
            let same = match key {
                // The schema allows either parenthesis width in numbers.
                "number" => norm_number(wv) == norm_number(gv),
                _ => wv == gv,
            };
            if !same {
                diffs.push(format!(
                    "task {} {key}: expected {wv}, got {gv}",
                    w["number"]
                ));
            }
        }
        let people = |v: &Value| -> Vec<(String, String)> {
            v.as_array()
                .into_iter()
                .flatten()
                .map(|s| {
                    (
                        s["name"].as_str().unwrap_or("").into(),
                        s["post"].as_str().unwrap_or("").into(),
                    )
                })
                .collect()
        };
        if people(&w["supervisors"]) != people(&g["supervisors"]) {
            diffs.push(format!(
                "task {} supervisors: expected {}, got {}",
                w["number"], w["supervisors"], g["supervisors"]
            ));
        }
    }
    diffs
}

fn norm_number(v: &Value) -> String {
    v.as_str()
        .unwrap_or("")
        .replace('（', "(")
        .replace('）', ")")
        .replace('．', ".")
}

/// Parses `txt` and compares it with the annotation at `json`.
pub fn check_pair(txt: &Path, json: &Path) -> Vec<String> {
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(json).expect("annotation readable"))
            .expect("annotation is JSON");
    let parsed = fengong_parse::parse_file(txt).expect("fixture parses");
    differences(&parsed, &expected)
        .into_iter()
        .map(|d| format!("{}: {d}", txt.display()))
        .collect()
}
