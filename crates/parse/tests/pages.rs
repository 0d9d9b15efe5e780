//! The two whole gov.cn pages of `tests/fixtures/real/pages` (crawled with header, navigation
//! and footer): every （…负责） note in the page yields a task with agencies, no markup reaches
//! the output, the page's metadata table gives the document's metadata, and every citation
//! points at the note's bytes in the file.

use fengong_parse::{parse_file, ParsedDocument};
use std::path::PathBuf;

fn page(name: &str) -> (ParsedDocument, Vec<u8>) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/real/pages")
        .join(name);
    let bytes = std::fs::read(&path).expect("fixture");
    (parse_file(&path).expect("parses"), bytes)
}

/// Responsibility notes as the page's HTML writes them: `（…负责）` or `（…负责。列第一位者
/// 为牵头单位，下同）`, counted in the file itself.
fn notes_in(html: &str) -> usize {
    html.matches("负责）").count() + html.matches("负责。列第一位者为牵头单位，下同）").count()
}

fn assert_page(doc: &ParsedDocument, bytes: &[u8]) {
    let html = std::str::from_utf8(bytes).expect("utf-8 page");
    assert_eq!(doc.format, fengong_parse::text::Format::Html);
    assert_eq!(doc.tasks.len(), notes_in(html), "a task per note");
    for t in &doc.tasks {
        let who = t.lead.len() + t.cooperate.len() + t.co_responsible.len();
        assert!(who > 0, "task {} names no agency: {}", t.number, t.raw);
        for s in [&t.title, &t.text, &t.raw] {
            assert!(
                !s.contains(['<', '>']) && !s.contains("class="),
                "markup in task {}: {s}",
                t.number
            );
        }
        let span = t.raw_span.expect("raw cited");
        assert_eq!(
            std::str::from_utf8(&bytes[span.start..span.end]).ok(),
            Some(t.raw.as_str()),
            "task {} cites the bytes of its note",
            t.number
        );
    }
}

#[test]
fn guobanfa_2018_117_every_note_is_a_task() {
    let (doc, bytes) = page("guobanfa-2018-117-jili.html");
    assert_page(&doc, &bytes);
    let m = &doc.document;
    assert_eq!(m.number.as_deref(), Some("国办发〔2018〕117号"));
    assert_eq!(m.issuer.as_deref(), Some("国务院办公厅"));
    assert_eq!(m.date.as_deref(), Some("2018-12-06"));
    // 六、: two bodies named with 负责 and no lead word are jointly responsible.
    let t = &doc.tasks[5];
    assert_eq!(t.number, "六、");
    assert_eq!(t.co_responsible, ["交通运输部", "财政部"]);
    // 十六、: 会同 makes the first the lead.
    let t = &doc.tasks[15];
    assert_eq!(t.lead, ["国家发展改革委"]);
    assert_eq!(t.cooperate, ["有关部门"]);
}

#[test]
fn guofa_2018_42_convention_and_title_from_the_page() {
    let (doc, bytes) = page("guofa-2018-42-nongji.html");
    assert_page(&doc, &bytes);
    let m = &doc.document;
    assert_eq!(
        m.title.as_deref(),
        Some("国务院关于加快推进农业机械化和农机装备产业转型升级的指导意见")
    );
    assert_eq!(m.number.as_deref(), Some("国发〔2018〕42号"));
    assert_eq!(m.date.as_deref(), Some("2018-12-21"));
    // （三） states the convention: the first named leads, the others cooperate.
    let t = &doc.tasks[0];
    assert_eq!(t.number, "(三)");
    assert_eq!(t.lead, ["工业和信息化部"]);
    assert_eq!(t.cooperate, ["发展改革委", "科技部", "农业农村部"]);
    let t = doc
        .tasks
        .iter()
        .find(|t| t.number == "(十九)")
        .expect("(十九)");
    assert_eq!(t.lead, ["各省级人民政府"]);
}
