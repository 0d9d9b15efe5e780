//! The `fengong` binary: every seed parses; bad input fails clearly, naming the file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fengong(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn scratch(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fengong-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/corpus")
}

#[test]
fn every_seed_parses_as_json_lines() {
    let out = fengong(&["parse", "--format", "json", corpus().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 5);
    let tasks: Vec<usize> = docs
        .iter()
        .map(|d| d["tasks"].as_array().unwrap().len())
        .collect();
    assert_eq!(tasks, [6, 0, 55, 30, 0]);
    // The news articles still yield what they hold.
    assert_eq!(docs[1]["kind"], "article");
    assert_eq!(docs[1]["document"]["issuer"], "自治区广电局");
    assert_eq!(docs[1]["document"]["co_issuers"][0], "自治区党委宣传部");
    assert_eq!(
        docs[4]["document"]["title"],
        "广东省人民政府关于加快数字化发展的意见"
    );
    assert_eq!(docs[4]["script"], "traditional");
}

#[test]
fn no_file_parses_the_embedded_corpus() {
    let out = fengong(&["parse"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("数字广东建设2024年工作要点"));
    assert!(text.contains("省政务服务和数据管理局"));
}

fn assert_fails_naming(path: &Path, words: &str) {
    let out = fengong(&["parse", path.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&*path.to_string_lossy()), "{err}");
    assert!(err.contains(words), "{err}");
}

#[test]
fn bad_input_is_a_clear_error() {
    assert_fails_naming(&scratch("empty.txt", b""), "empty");
    assert_fails_naming(
        &scratch("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        "binary",
    );
    let mut cut = "(省财政厅牵头)".as_bytes().to_vec();
    cut.truncate(cut.len() - 2);
    assert_fails_naming(&scratch("cut.txt", &cut), "truncated");
    let (big5, _, _) =
        encoding_rs::BIG5.encode("(省財政廳牽頭,省統計局按職責分工負責)。數字廣東建設工作要點");
    assert_fails_naming(&scratch("big5.txt", &big5), "neither UTF-8 nor GB18030");
    assert_fails_naming(Path::new("/nonexistent/plan.txt"), "cannot read");
}

#[test]
fn one_bad_file_does_not_hide_the_good_ones() {
    let bad = scratch("bad.txt", b"");
    let good = corpus().join("003_86a82796624c70d7.txt");
    let out = fengong(&[
        "parse",
        "--format",
        "json",
        bad.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
}

#[test]
fn gbk_file_parses_like_its_utf8_original() {
    let utf8 = std::fs::read(corpus().join("002_96cb3c14e2265961.txt")).unwrap();
    let text = std::str::from_utf8(&utf8).unwrap();
    let (gbk, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    let a = fengong_parse::parse_bytes("a.txt", &utf8).unwrap();
    let b = fengong_parse::parse_bytes("b.txt", &gbk).unwrap();
    assert_eq!(b.encoding, fengong_parse::text::Encoding::Gb18030);
    assert_eq!(a.tasks.len(), b.tasks.len());
    for (x, y) in a.tasks.iter().zip(&b.tasks) {
        assert_eq!(
            (&x.lead, &x.cooperate, &x.co_responsible, &x.raw),
            (&y.lead, &y.cooperate, &y.co_responsible, &y.raw)
        );
        // Spans point into each file's own bytes.
        let (s, e) = (y.raw_span.unwrap().start, y.raw_span.unwrap().end);
        let (decoded, _, _) = encoding_rs::GB18030.decode(&gbk[s..e]);
        assert_eq!(decoded, y.raw);
    }
}

#[test]
fn table_view_is_aligned() {
    let out = fengong(&[
        "parse",
        corpus().join("003_86a82796624c70d7.txt").to_str().unwrap(),
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(
        "2022年广东省数字经济工作要点 · 广东省工业和信息化厅 · 2022-04-13 · 广东省 · 30 tasks"
    ));
    assert!(text
        .lines()
        .any(|l| l.contains("(十六)") && l.contains("人民银行广州分行")));
}

#[test]
fn timeouts_too_large_for_a_duration_are_refused_by_name() {
    // A server timeout of `inf` once panicked building a duration.
    let out = fengong(&["serve", "--timeout", "inf", "--store", "/nonexistent"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--timeout"), "{err}");
    // The fetch timeout from the environment, before any connection is tried.
    let out = Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(["parse", "http://127.0.0.1:9/plan.html"])
        .env("FENGONG_FETCH_TIMEOUT", "1e300")
        .output()
        .expect("binary runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("FENGONG_FETCH_TIMEOUT=1e300"), "{err}");
}
