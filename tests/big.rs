//! Files at the sizes people meet, made by real software where the format needs it: a 50 MB
//! web page, a sheet of 100,000 rows (rust_xlsxwriter, a port of Python's XlsxWriter), a
//! Word file of 300 pages (LibreOffice), and pages and archives no reader should
//! follow (elements nested 10⁵ deep, a zip bomb). Each is read within the test's time, or
//! refused with an error naming the file; a folder holding one of the refused ingests the
//! rest. (The 86-page PDF and a sheet's far cell are `crates/parse/tests/formats.rs`.)
//!
//! Expected values are the plans' own construction: task `i` is led by `LEADS[i % 3]` with
//! `市财政局` cooperating.

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::{fengong, ok};

const LEADS: [&str; 3] = ["市发展改革委", "市教育局", "市生态环境局"];

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fengong-big-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp folder");
    dir
}

/// Task `i` (from 1) as a sentence with its annotation.
fn task(i: usize) -> String {
    format!(
        "{i}.推进第{i}项重点工作,完善工作机制,强化督促检查,确保各项任务按期完成。({}牵头,市财政局配合)",
        LEADS[i % 3]
    )
}

/// `fengong parse FILE --format json`: the document, or the failed run's stderr.
fn parse(file: &Path) -> Result<Value, String> {
    let out = fengong(
        &["parse", file.to_str().expect("utf-8"), "--format", "json"],
        &std::env::temp_dir().join("fengong-big-unused-store"),
    );
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())
}

fn check_tasks(d: &Value, n: usize) {
    let tasks = d["tasks"].as_array().expect("tasks");
    assert_eq!(tasks.len(), n);
    for (k, t) in tasks.iter().enumerate() {
        let i = k + 1;
        assert_eq!(t["lead"], serde_json::json!([LEADS[i % 3]]), "task {i}");
        assert_eq!(t["cooperate"], serde_json::json!(["市财政局"]), "task {i}");
    }
}

#[test]
fn a_50_mb_web_page_is_read_for_its_plan() {
    let dir = temp("html");
    // A portal page: 50 MB of link lists around the plan, as site furniture goes.
    let mut page = String::from(
        "<html><head><meta charset=\"utf-8\"><title>某市2024年重点工作任务分工方案</title></head><body><div class=\"links\"><ul>",
    );
    let mut k = 0;
    while page.len() < 50 << 20 {
        page.push_str(&format!(
            "<li><a href=\"/news/{k}.html\">本市召开第{k}次重点工作推进会议新闻报道</a></li>"
        ));
        k += 1;
    }
    page.push_str("</ul></div><div class=\"article\"><h1>某市2024年重点工作任务分工方案</h1>");
    for i in 1..=20 {
        page.push_str(&format!("<p>{}</p>", task(i)));
    }
    page.push_str("</div></body></html>");
    let file = dir.join("portal.html");
    std::fs::write(&file, &page).expect("write");
    let d = parse(&file).expect("read");
    check_tasks(&d, 20);
}

#[test]
fn a_sheet_of_100000_rows_is_read_row_by_row() {
    let dir = temp("xlsx");
    let file = dir.join("rows.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["序号", "工作任务", "牵头单位", "配合单位"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).expect("cell");
    }
    let n = 100_000;
    for i in 1..=n {
        let r = i as u32;
        sheet.write_number(r, 0, i as f64).expect("cell");
        sheet
            .write_string(r, 1, format!("推进第{i}项重点工作"))
            .expect("cell");
        sheet.write_string(r, 2, LEADS[i % 3]).expect("cell");
        sheet.write_string(r, 3, "市财政局").expect("cell");
    }
    book.save(&file).expect("xlsx written");
    let d = parse(&file).expect("read");
    check_tasks(&d, n);
}

/// LibreOffice converts `from` to `ext` in its folder; the converted file.
fn soffice(from: &Path, ext: &str) -> PathBuf {
    let dir = from.parent().expect("folder");
    let profile = dir.join("lo-profile");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", ext, "--outdir"])
        .arg(dir)
        .arg(from)
        .output()
        .expect("soffice runs (Debian: apt-get install libreoffice-writer-nogui)");
    assert!(out.status.success(), "{out:?}");
    let made = from.with_extension(ext);
    assert!(made.is_file(), "{out:?}");
    made
}

#[test]
fn a_word_file_of_300_pages_is_read_whole() {
    let dir = temp("docx");
    // 999 numbered tasks (heading numbers run to three digits) of about 520 characters each:
    // 310 A4 pages in LibreOffice's default layout (LibreOffice 7.4 converting the .docx to PDF).
    let n = 999;
    let mut body = String::new();
    body.push_str("<text:p>某市2024年重点工作任务分工方案</text:p>");
    for i in 1..=n {
        let long = "完善工作机制,强化督促检查,确保各项任务按期完成;".repeat(20);
        let t = task(i).replacen("推进", &format!("推进{long}"), 1);
        body.push_str(&format!("<text:p>{t}</text:p>"));
    }
    let fodt = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <office:document xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\" \
         office:mimetype=\"application/vnd.oasis.opendocument.text\">\
         <office:body><office:text>{body}</office:text></office:body></office:document>"
    );
    let from = dir.join("plan.fodt");
    std::fs::write(&from, fodt).expect("write");
    let docx = soffice(&from, "docx");
    let d = parse(&docx).expect("read");
    check_tasks(&d, n);
}

/// A page nested 100,000 elements deep: refused at once, not parsed for minutes.
fn deep_page(dir: &Path) -> PathBuf {
    let file = dir.join("deep.html");
    let page = format!(
        "<html><body>{}<p>{}</p>{}</body></html>",
        "<div>".repeat(100_000),
        task(1),
        "</div>".repeat(100_000)
    );
    std::fs::write(&file, page).expect("write");
    file
}

/// A Word file (or workbook) whose text (or sheet) unpacks to 1 GiB of spaces from about a
/// megabyte.
fn zip_bomb(dir: &Path, name: &str) -> PathBuf {
    use std::io::Write;
    let file = dir.join(name);
    let (small, big) = if name.ends_with(".xlsx") {
        ("xl/workbook.xml", "xl/worksheets/sheet1.xml")
    } else {
        ("word/styles.xml", "word/document.xml")
    };
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&file).expect("create"));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for part in ["[Content_Types].xml", small] {
        zip.start_file(part, deflated).expect("part");
        zip.write_all(b"<?xml version=\"1.0\"?><x/>")
            .expect("write");
    }
    zip.start_file(big, deflated).expect("part");
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..1024 {
        zip.write_all(&spaces).expect("write");
    }
    zip.finish().expect("zip");
    file
}

#[test]
fn pages_and_archives_built_to_exhaust_a_reader_are_refused_by_name() {
    let dir = temp("hostile");
    let deep = deep_page(&dir);
    let e = parse(&deep).expect_err("refused");
    assert!(e.contains("deep.html") && e.contains("deep"), "{e}");
    for name in ["bomb.docx", "bomb.xlsx"] {
        let bomb = zip_bomb(&dir, name);
        let e = parse(&bomb).expect_err("refused");
        assert!(e.contains(name) && e.contains("1024 MB"), "{e}");
    }
}

#[test]
fn a_folder_with_files_that_cannot_be_read_ingests_the_rest() {
    let dir = temp("folder");
    let plans = dir.join("plans");
    std::fs::create_dir_all(&plans).expect("folder");
    deep_page(&plans);
    zip_bomb(&plans, "bomb.docx");
    let good: String = std::iter::once("某市2024年重点工作任务分工方案".to_owned())
        .chain((1..=12).map(task))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(plans.join("good.txt"), good).expect("write");
    let store = dir.join("store");
    let out = fengong(&["ingest", plans.to_str().expect("utf-8")], &store);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "failures make the exit non-zero");
    assert!(
        stderr.contains("deep.html") && stderr.contains("bomb.docx"),
        "{stderr}"
    );
    let stats: Value =
        serde_json::from_str(&ok(&fengong(&["stats", "--format", "json"], &store))).expect("json");
    assert_eq!(stats["plans"], 1);
    assert_eq!(stats["tasks"], 12);
}
