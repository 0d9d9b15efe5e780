//! No input makes the parser panic, and what it reports points into the input.

use proptest::prelude::*;

/// Characters plans are made of, so that random text hits the grammar often.
const ALPHABET: &[&str] = &[
    "省",
    "市",
    "委",
    "厅",
    "局",
    "办",
    "财政",
    "发展改革委",
    "牵头",
    "配合",
    "按职责分工负责",
    "分别",
    "、",
    ",",
    "，",
    ";",
    "：",
    ":",
    "(",
    ")",
    "（",
    "）",
    "【",
    "】",
    "《",
    "》",
    "“",
    "”",
    "冶",
    "。",
    "\n",
    " ",
    "一、",
    "(一)",
    "1.",
    "1)",
    "(1)",
    "第一个为牵头单位",
    "下同",
    "分管领导为",
    "副省长",
    "王某",
    "牵头单位:",
    "责任单位:",
    "序号",
    "工作任务",
    "\t",
    "各",
    "等有关单位",
    "廣東",
    "關(guān)",
    "2024年5月10日",
    "〔2024〕1号",
    "\u{feff}",
    // Layouts of issue 18: pipes, glued headers and runs, garbled numbers, prose, labels.
    "|",
    "序号项目名称主要内容分管领导牵头单位配合单位",
    "何海平教育局经开区高新园(邹区镇)各街道",
    "?。ǘ┩",
    "由",
    "会同",
    "承办",
    "协办",
    "第一条",
    "1.1",
    "⑴",
    "二〇一一年五月十日",
    "项目责任人:",
    "适用范围:",
    "等和各",
    "各区、县级市政府",
    "列第一位为牵头单位",
    "发布时间: 2024-03-08",
    "\r\n",
    "x",
    "0",
    "9",
];

fn plan_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..300).prop_map(|v| v.concat())
}

fn check(bytes: &[u8]) {
    if let Ok(d) = fengong_parse::parse_bytes("p.txt", bytes) {
        // Word, Excel and PDF spans are offsets into the extracted text, not the file's bytes.
        let cites_bytes = matches!(
            d.format,
            fengong_parse::text::Format::Text | fengong_parse::text::Format::Html
        );
        for t in d.tasks.iter().filter(|_| cites_bytes) {
            assert!(t.span.start <= t.span.end && t.span.end <= bytes.len());
            if let Some(r) = t.raw_span {
                assert!(r.start <= r.end && r.end <= bytes.len());
            }
        }
        serde_json::to_string(&d).expect("serialises");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn plan_like_text_never_panics(s in plan_text()) {
        check(s.as_bytes());
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check(&bytes);
    }

    #[test]
    fn cut_real_plans_never_panic(cut in 0usize..12_000, doc in 0usize..13) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/real/docs");
        let mut files: Vec<_> = std::fs::read_dir(dir).expect("real plans").map(|e| e.expect("entry").path()).collect();
        files.sort();
        let bytes = std::fs::read(&files[doc]).expect("readable");
        check(&bytes[..cut.min(bytes.len())]);
    }

    #[test]
    fn cut_seeds_never_panic(cut in 0usize..40_000, seed in 0usize..5) {
        let bytes = fengong_parse::input::DEFAULT[seed].1;
        check(&bytes[..cut.min(bytes.len())]);
    }

    #[test]
    fn plan_like_web_pages_never_panic(
        parts in prop::collection::vec((plan_text(), prop::sample::select(TAGS)), 0..20),
        charset in prop::sample::select(&["utf-8", "gbk", "big5", "latin1"][..]),
    ) {
        let mut page = format!("<html><head><meta charset=\"{charset}\"></head><body>");
        for (text, tag) in parts {
            page.push_str(tag);
            page.push_str(&text);
        }
        check(page.as_bytes());
    }

    #[test]
    fn damaged_office_files_never_panic(
        file in prop::sample::select(&["prose.docx", "table.docx", "table.xlsx"][..]),
        cut in 0usize..40_000,
        flips in prop::collection::vec((0usize..40_000, any::<u8>()), 0..6),
    ) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/formats");
        let mut bytes = std::fs::read(dir.join(file)).expect("fixture");
        let n = bytes.len();
        for (at, b) in flips {
            bytes[at % n] = b;
        }
        check(&bytes[..cut.min(n)]);
    }
}

/// Markup that web pages put between text: blocks, breaks, tables, cells, merged cells,
/// comments, scripts and tags left open.
const TAGS: &[&str] = &[
    "<p>",
    "</p>",
    "<br>",
    "<div class=\"content\">",
    "</div>",
    "<table>",
    "</table>",
    "<tr>",
    "<td>",
    "<td rowspan=\"3\">",
    "<td colspan=\"9\">",
    "</td>",
    "</tr>",
    "<!-- x -->",
    "<script>var a='一、';</script>",
    "&nbsp;",
    "&amp;",
    "&#20013;",
    "<span>",
    "<a href=\"/\">",
    "</a>",
    "<td>发文机关：</td>",
    "<td>成文日期：</td>",
];
