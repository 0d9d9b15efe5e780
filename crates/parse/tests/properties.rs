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
        for t in &d.tasks {
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
    fn cut_seeds_never_panic(cut in 0usize..40_000, seed in 0usize..5) {
        let bytes = fengong_parse::input::DEFAULT[seed].1;
        check(&bytes[..cut.min(bytes.len())]);
    }
}
