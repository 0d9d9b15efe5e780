//! `fengong diagram` on the seeds, rendered by the real `dot`: every agency of the three plans
//! is in the SVG with its Chinese name, edges carry their kinds, the ego network stays local,
//! and without `dot` the DOT file is written with instructions.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

mod support;
use support::{fengong, ok};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fengong-diagram-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    ok(&fengong(&["ingest"], &dir.join("store")));
    dir
}

/// The agencies of the network, by label, as `rank` lists them.
fn agencies(store: &Path, extra: &[&str]) -> BTreeSet<String> {
    let mut args = vec!["rank", "--format", "json", "--top", "0"];
    args.extend(extra);
    let v: Value = serde_json::from_str(&ok(&fengong(&args, store))).unwrap();
    v["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["agency"].as_str().unwrap().to_owned())
        .collect()
}

/// Text of every `<title>` element: node and edge names Graphviz writes into SVG.
fn svg_nodes(svg: &str) -> usize {
    svg.matches(r#"class="node""#).count()
}

#[test]
fn the_seed_network_svg_names_every_agency_of_the_three_plans() {
    let dir = scratch("whole");
    let store = dir.join("store");
    let svg_path = dir.join("network.svg");
    ok(&fengong(
        &["diagram", "-o", svg_path.to_str().unwrap()],
        &store,
    ));
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(svg.starts_with("<?xml") && svg.contains("<svg"), "not SVG");
    let names = agencies(&store, &[]);
    assert!(names.len() > 40, "{}", names.len());
    for name in &names {
        // Full names are tooltips; short names are the visible text.
        assert!(
            svg.contains(&format!("xlink:title=\"{name}")),
            "{name} missing"
        );
    }
    // The visible text of every node is a name the plans wrote (tests/fixtures/gold).
    let written: BTreeSet<String> = support::gold_documents()
        .iter()
        .flat_map(|d| d["tasks"].as_array().expect("tasks").clone())
        .flat_map(|t| {
            ["lead", "cooperate", "co_responsible"]
                .into_iter()
                .flat_map(move |r| t[r].as_array().expect("role list").clone())
        })
        .filter_map(|n| n.as_str().map(str::to_owned))
        .collect();
    let drawn: Vec<&str> = svg
        .split("</text>")
        .filter_map(|s| s.rsplit_once('>').map(|(_, t)| t))
        .collect();
    let nodes_text: BTreeSet<&str> = drawn
        .iter()
        .copied()
        .filter(|t| written.contains(*t))
        .collect();
    assert_eq!(
        nodes_text.len(),
        names.len(),
        "one written name per agency: {nodes_text:?}"
    );
    // One node per agency plus the legend.
    assert_eq!(svg_nodes(&svg), names.len() + 1);
    // Lead → cooperator arrows and dashed joint lines are both there.
    assert!(svg.contains("牵头、"));
    assert!(svg.contains("stroke-dasharray"));
    assert!(svg.contains("Noto Sans CJK SC"));
    assert!(!dir.join("network.svg.partial").exists());
}

#[test]
fn the_ego_network_keeps_the_agency_and_its_neighbours_only() {
    let dir = scratch("ego");
    let store = dir.join("store");
    let svg_path = dir.join("ego.svg");
    // The former name reaches the merged node.
    ok(&fengong(
        &[
            "diagram",
            "--agency",
            "省政务服务数据管理局",
            "-o",
            svg_path.to_str().unwrap(),
        ],
        &store,
    ));
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(svg.contains("xlink:title=\"广东省政务服务和数据管理局"));
    let all = agencies(&store, &[]).len();
    let shown = svg_nodes(&svg) - 1;
    assert!(shown > 5 && shown < all, "{shown} of {all}");
    // --top prunes to N agencies.
    let top = dir.join("top.svg");
    ok(&fengong(
        &["diagram", "--top", "10", "-o", top.to_str().unwrap()],
        &store,
    ));
    assert_eq!(svg_nodes(&std::fs::read_to_string(&top).unwrap()), 11);

    let png = dir.join("ego.png");
    ok(&fengong(
        &[
            "diagram",
            "--agency",
            "省政务服务和数据管理局",
            "-o",
            png.to_str().unwrap(),
        ],
        &store,
    ));
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");

    let out = fengong(
        &["diagram", "--agency", "省政务服务数局局", "-o", "x.svg"],
        &store,
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean"));
}

#[test]
fn the_two_mode_view_links_agencies_to_numbered_tasks() {
    let dir = scratch("two-mode");
    let store = dir.join("store");
    let svg_path = dir.join("plan.svg");
    let out = fengong(
        &["diagram", "--two-mode", "-o", svg_path.to_str().unwrap()],
        &store,
    );
    assert!(!out.status.success(), "needs one plan");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--plan"));
    ok(&fengong(
        &[
            "diagram",
            "--two-mode",
            "--plan",
            "数字经济工作要点",
            "-o",
            svg_path.to_str().unwrap(),
        ],
        &store,
    ));
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    // The 2022 digital-economy plan's first task, numbered.
    assert!(svg.contains("(一) 建设信息网络基础设施"), "task missing");
    assert!(svg.contains("省通信管理局"));
}

#[test]
fn without_dot_the_dot_file_is_written_and_the_fix_is_named() {
    let dir = scratch("no-dot");
    let store = dir.join("store");
    let svg_path = dir.join("network.svg");
    let out = Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(["diagram", "-o", svg_path.to_str().unwrap()])
        .env("FENGONG_STORE", &store)
        .env("PATH", dir.join("empty-path"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("apt-get install graphviz"), "{err}");
    let dot = std::fs::read_to_string(dir.join("network.dot")).unwrap();
    assert!(dot.starts_with("digraph") && dot.contains("Noto Sans CJK SC"));
    assert!(!svg_path.exists());
}
