//! Plans written by real software (python-docx, openpyxl, reportlab: `tests/fixtures/formats/
//! make.py`) parse to the same tasks and roles as the plain-text version of the same plan,
//! written by hand beside them; each task cites where it stands in its file; bad files give
//! an error that names the file.

use fengong_parse::text::{Format, Location};
use fengong_parse::{parse_bytes, parse_file, ParsedDocument};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/formats")
        .join(name)
}

fn parse(name: &str) -> ParsedDocument {
    parse_file(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

type Duty = (String, Vec<String>, Vec<String>, Vec<String>, Vec<String>);

fn duties(d: &ParsedDocument) -> Vec<Duty> {
    d.tasks
        .iter()
        .map(|t| {
            (
                t.number.clone(),
                t.lead.clone(),
                t.cooperate.clone(),
                t.co_responsible.clone(),
                t.collective.clone(),
            )
        })
        .collect()
}

fn same_as_text(office: &str, text: &str, format: Format) -> ParsedDocument {
    let d = parse(office);
    let t = parse(text);
    assert_eq!(d.format, format);
    assert!(!t.tasks.is_empty(), "{text} has tasks");
    assert_eq!(duties(&d), duties(&t), "{office} reads as {text}");
    assert_eq!(d.document.title, t.document.title, "{office}: title");
    for task in &d.tasks {
        assert!(
            task.location.is_some(),
            "{office}: task {} cites where",
            task.number
        );
        assert!(!task.text.contains('|') || format != Format::Pdf);
    }
    d
}

#[test]
fn word_automatic_numbering_reads_as_typed_numbers() {
    let d = same_as_text("prose.docx", "prose.txt", Format::Docx);
    // The headings 一、 and （一） are only in numbering.xml; the tasks still stand under them.
    assert_eq!(d.tasks[3].section.as_deref(), Some("二、深化重点领域改革"));
    assert_eq!(d.tasks[3].number, "(一)");
    assert_eq!(d.tasks[3].lead, ["市政务服务和数据管理局"]);
    // prose.docx: title paragraph 1, 一、 paragraph 2, (一) paragraph 3.
    assert_eq!(
        d.tasks[0].location,
        Some(Location::Paragraph { paragraph: 3 })
    );
}

#[test]
fn word_table_with_merged_cells_reads_as_the_text_table() {
    let d = same_as_text("table.docx", "table.txt", Format::Docx);
    // Task 2's 牵头单位 is merged down from task 1 (vMerge).
    assert_eq!(d.tasks[1].lead, ["区教育局"]);
    assert_eq!(d.tasks[4].cooperate, ["各街道办事处"]);
    // Row 1 header, row 2 the category across (gridSpan), row 3 task 1.
    assert_eq!(
        d.tasks[0].location,
        Some(Location::Table {
            table: 1,
            row: 3,
            cell: None
        })
    );
}

#[test]
fn excel_sheet_with_merged_cells_reads_as_the_text_table() {
    let d = same_as_text("table.xlsx", "table.txt", Format::Xlsx);
    assert_eq!(d.tasks[1].lead, ["区教育局"]);
    // Row 1 title merged across, 2 header, 3 category, 4 task 1, 5 task 2.
    assert_eq!(
        d.tasks[1].location,
        Some(Location::Sheet {
            sheet: "分工表".into(),
            row: 5,
            cells: "A5:E5".into()
        })
    );
}

#[test]
fn pdf_lines_wrapped_inside_names_are_joined() {
    let d = same_as_text("prose.pdf", "prose.txt", Format::Pdf);
    // (一) wraps `市住房` / `城乡建设局配合` at the page width: one name again.
    assert_eq!(
        d.tasks[0].cooperate,
        ["市财政局", "市自然资源和规划局", "市住房城乡建设局"]
    );
    // The running header `某市人民政府办公室文件` is not a title or a task.
    assert!(d.tasks.iter().all(|t| !t.text.contains("办公室文件")));
    // Page 2 starts with 二、(一); pdftotext's line 1 of a page is its header.
    let t = d
        .tasks
        .iter()
        .find(|t| t.lead == ["市政务服务和数据管理局"])
        .expect("task");
    assert!(
        matches!(t.location, Some(Location::Page { page: 2, .. })),
        "{:?}",
        t.location
    );
}

fn error_of(name: &str, bytes: &[u8]) -> String {
    match parse_bytes(name, bytes) {
        Ok(d) => panic!("{name} parsed to {} tasks", d.tasks.len()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn bad_files_say_what_is_wrong() {
    let docx = std::fs::read(fixture("table.docx")).expect("fixture");
    let cut = error_of("cut.docx", &docx[..docx.len() / 2]);
    assert!(cut.contains("cut off") || cut.contains("damaged"), "{cut}");
    let locked = std::fs::read(fixture("locked.pdf")).expect("fixture");
    assert!(error_of("locked.pdf", &locked).contains("password"));
    let scan = std::fs::read(fixture("scanned.pdf")).expect("fixture");
    assert!(error_of("scanned.pdf", &scan).contains("no text layer"));
    let links = "<html><body><ul><li><a href=\"/a\">通知公告</a></li><li><a href=\"/b\">政策解读</a></li></ul><p>版权所有：某市人民政府</p></body></html>";
    assert!(error_of("index.html", links.as_bytes()).contains("holds no plan"));
    // The file's name is in the error a user sees.
    let e = parse_file(&fixture("scanned.pdf")).expect_err("scan");
    assert!(e.to_string().contains("scanned.pdf"), "{e}");
}

#[test]
fn legacy_word_is_converted_by_libreoffice() {
    // prose.doc: LibreOffice's Word 97 export of prose.docx (make.py).
    let d = same_as_text("prose.doc", "prose.txt", Format::Doc);
    assert_eq!(d.tasks[0].lead, ["市发展改革委"]);
}

#[test]
fn legacy_word_without_libreoffice_says_what_to_install() {
    // The converter is looked up through FENGONG_SOFFICE; a child process sees only its own.
    let out = std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "soffice_missing_probe",
            "--ignored",
            "--nocapture",
        ])
        .env("FENGONG_SOFFICE", "/nonexistent/soffice")
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("libreoffice-writer-nogui"), "{text}");
}

/// Run by the test above in a child process with FENGONG_SOFFICE pointing nowhere.
#[test]
#[ignore = "run by legacy_word_without_libreoffice_says_what_to_install"]
fn soffice_missing_probe() {
    let bytes = std::fs::read(fixture("prose.doc")).expect("fixture");
    let e = parse_bytes("prose.doc", &bytes).expect_err("no converter");
    println!("{e}");
}

#[test]
fn pdf_table_cells_wrapped_inside_names_read_as_the_text_table() {
    let d = same_as_text("table.pdf", "table.txt", Format::Pdf);
    // 区自然资 / 源局 wrapped in its cell: one name again.
    assert_eq!(d.tasks[0].cooperate, ["区财政局", "区自然资源局"]);
}

/// long.pdf (make.py `long_tasks`): 400 numbered tasks over 86 pages, 76 KB of text, more than a
/// pipe holds while pdftotext runs. Task i (0-based) is led by LEADS[i % 5] with COOPS[i % 4].
#[test]
fn a_long_pdf_is_read_whole() {
    const LEADS: [&str; 5] = [
        "市发展改革委",
        "市教育局",
        "市财政局",
        "市生态环境局",
        "市卫生健康委",
    ];
    const COOPS: [&str; 4] = ["市公安局", "市民政局", "市商务局", "市文化广电旅游局"];
    let d = parse("long.pdf");
    assert_eq!(d.tasks.len(), 400);
    for (i, t) in d.tasks.iter().enumerate() {
        assert_eq!(t.number, format!("{}.", i + 1));
        assert_eq!(t.lead, [LEADS[i % 5]], "task {}", i + 1);
        assert_eq!(t.cooperate, [COOPS[i % 4]], "task {}", i + 1);
    }
    assert!(matches!(
        d.tasks[399].location,
        Some(Location::Page { page: 86, .. })
    ));
}

/// far.xlsx: a header, one task and a value in XFD1048576, the last cell a sheet has. A grid from
/// A1 to there would be 17 billion cells; the sheet is read by its filled cells.
#[test]
fn a_far_cell_costs_nothing() {
    let d = parse("far.xlsx");
    assert_eq!(d.tasks.len(), 1);
    assert_eq!(d.tasks[0].lead, ["市政务服务数据管理局"]);
    assert_eq!(d.tasks[0].cooperate, ["市公安局", "市财政局"]);
    assert_eq!(
        d.tasks[0].location,
        Some(Location::Sheet {
            sheet: "分工表".into(),
            row: 2,
            cells: "A2:XFD2".into()
        })
    );
}
