//! Whole-pipeline behaviour on short texts, one per normalisation or grammar rule.

fn parse(s: &str) -> fengong_parse::ParsedDocument {
    fengong_parse::parse_bytes("t.txt", s.as_bytes()).expect("parses")
}

#[test]
fn utf8_bom_and_spans_point_into_the_file() {
    let src = "\u{feff}一、总体\n(一)推进建设。(省财政厅牵头,省统计局配合)\n";
    let d = parse(src);
    let t = &d.tasks[0];
    let span = t.raw_span.unwrap();
    assert_eq!(
        &src.as_bytes()[span.start..span.end],
        "(省财政厅牵头,省统计局配合)".as_bytes()
    );
    assert_eq!(
        &src[t.span.start..t.span.end],
        "(一)推进建设。(省财政厅牵头,省统计局配合)"
    );
    assert_eq!(t.line, 2);
}

#[test]
fn pinyin_glosses_and_mojibake_quotes_are_cleaned() {
    let d = parse("(一)實(shí)施“廣東強芯冶工程。(省工業和信息化廳牽頭)\n");
    assert_eq!(d.tasks[0].title, "实施“广东强芯”工程");
    assert_eq!(d.tasks[0].lead, ["省工业和信息化厅"]);
}

#[test]
fn both_parenthesis_widths_and_numbering_styles() {
    let d = parse("一、甲\n（一）推进甲。（市发改委牵头，市财政局配合）\n1)推进乙。(市教育局)\n(1)推进丙。(市商务局牵头)\n1、推进丁。（市民政局牵头）\n");
    let leads: Vec<&str> = d.tasks.iter().map(|t| t.lead[0].as_str()).collect();
    assert_eq!(leads, ["市发改委", "市教育局", "市商务局", "市民政局"]);
}

#[test]
fn convention_in_a_note_governs_the_whole_document() {
    let d = parse("注:各项任务中排在第一位的部门为牵头部门。\n1.推进甲。(市发改委、市财政局)\n2.推进乙。(市教育局、市人社局按职责分工负责)\n");
    assert_eq!(d.tasks[0].lead, ["市发改委"]);
    assert_eq!(d.tasks[1].lead, ["市教育局"]);
    assert_eq!(d.tasks[1].cooperate, ["市人社局"]);
}

#[test]
fn without_a_convention_lists_are_joint() {
    let d = parse("1.推进甲。(市发改委、市财政局)\n2.推进乙。(市教育局)\n");
    assert_eq!(d.tasks[0].co_responsible, ["市发改委", "市财政局"]);
    assert_eq!(d.tasks[1].lead, ["市教育局"]);
}

#[test]
fn unnumbered_paragraphs_with_role_words_are_tasks() {
    let d = parse("加快推进数字政府建设。(市政务服务数据管理局牵头,市财政局配合)\n深化改革。\n");
    assert_eq!(d.tasks.len(), 1);
    assert_eq!(d.tasks[0].number, "");
    assert_eq!(d.tasks[0].lead, ["市政务服务数据管理局"]);
}

#[test]
fn sub_points_belong_to_their_task() {
    let d = parse("一、甲\n(一)推进建设。(市发改委牵头)\n1.完善制度;\n2.健全机制。\n(二)推进改革。(市财政局牵头)\n");
    assert_eq!(d.tasks.len(), 2);
    assert_eq!(d.tasks[0].lead, ["市发改委"]);
    assert_eq!(d.tasks[0].section.as_deref(), Some("一、甲"));
}

#[test]
fn traditional_names_use_the_protected_list() {
    let d = parse("(一)推進建設。(吉林省乾安縣人民政府牽頭)\n");
    assert_eq!(d.tasks[0].lead, ["吉林省乾安县人民政府"]);
}

#[test]
fn a_task_without_responsible_agency_is_reported() {
    let d = parse("一、甲\n(一)推进甲。(市发改委牵头)\n(二)推进乙。\n");
    assert_eq!(d.tasks.len(), 2);
    assert!(d
        .warnings
        .iter()
        .any(|w| w.line == 3 && w.message.contains("(二)")));
}
