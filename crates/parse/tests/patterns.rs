//! One test per layout pattern of issue 18 that the shared real plans do not all show, each on
//! a short plan written by hand for it; the expected roles are read off the text by hand.

fn parse(s: &str) -> fengong_parse::ParsedDocument {
    fengong_parse::parse_bytes("t.txt", s.as_bytes()).expect("parses")
}

fn v(s: &[&str]) -> Vec<String> {
    s.iter().map(|x| x.to_string()).collect()
}

// 1. Tables, in every flattened form.

#[test]
fn pipe_separated_rows_with_a_pipe_after_every_cell() {
    let d = parse(
        "| 序号 | 工作任务 | 牵头单位 | 配合单位 |\n| 1 | 建设智慧城市 | 市发改委 | 市财政局、市统计局 |\n| 2 | 推进旧城改造 | 市住建局 | 市自然资源局 |\n",
    );
    assert_eq!(d.tasks.len(), 2);
    assert_eq!(d.tasks[0].lead, v(&["市发改委"]));
    assert_eq!(d.tasks[0].cooperate, v(&["市财政局", "市统计局"]));
    assert_eq!(d.tasks[1].title, "推进旧城改造");
}

#[test]
fn responsible_column_before_the_lead_column_and_unknown_columns() {
    let d = parse(
        "序号\t重点工作\t具体举措\t责任单位\t牵头单位\t督办科室\n1\t稳投资\t新开工项目50个\t县发改局、县财政局\t县发改局\t督查室\n",
    );
    let t = &d.tasks[0];
    assert_eq!(t.lead, v(&["县发改局"]));
    assert_eq!(t.cooperate, v(&["县财政局"]));
    assert!(
        d.warnings.iter().any(|w| w.message.contains("督办科室")),
        "{:?}",
        d.warnings
    );
}

#[test]
fn header_repeated_on_every_page_and_category_rows() {
    let d = parse(
        "序号  工作任务  牵头单位  配合单位\n产业发展\n1  培育龙头企业  市工信局  市财政局\n序号  工作任务  牵头单位  配合单位\n2  壮大数字经济  市大数据局  市工信局\n民生保障\n3  新增就业岗位  市人社局  各区政府\n",
    );
    let leads: Vec<&str> = d.tasks.iter().map(|t| t.lead[0].as_str()).collect();
    assert_eq!(leads, ["市工信局", "市大数据局", "市人社局"]);
    assert_eq!(d.tasks[2].section.as_deref(), Some("民生保障"));
}

#[test]
fn cells_wrapped_over_lines() {
    let d = parse("序号\n工作任务\n牵头单位\n配合单位\n1\n实施城市更新行动,\n改造老旧小区30个。\n市住建局\n市财政局\n产业升级\n2\n培育专精特新企业\n市工信局\n市科技局\n");
    assert_eq!(d.tasks.len(), 2);
    assert_eq!(d.tasks[0].title, "实施城市更新行动,改造老旧小区30个。");
    assert_eq!(d.tasks[0].lead, v(&["市住建局"]));
    assert_eq!(d.tasks[0].cooperate, v(&["市财政局"]));
    assert_eq!(d.tasks[1].section.as_deref(), Some("产业升级"));
    assert_eq!(d.tasks[1].lead, v(&["市工信局"]));
}

#[test]
fn chinese_and_missing_row_numbers() {
    let d = parse(
        "序号  工作任务  牵头单位\n一  推进园区建设  区经信局\n二  优化营商环境  区行政审批局\n",
    );
    assert_eq!(d.tasks.len(), 2);
    assert_eq!(d.tasks[1].lead, v(&["区行政审批局"]));
}

#[test]
fn people_padded_with_spaces_in_a_leader_column() {
    let d = parse("序号  工作任务  责任领导  牵头单位\n1  建设学校  王 五  区教育局\n");
    assert_eq!(d.tasks[0].supervisors[0].name, "王五");
    assert_eq!(d.tasks[0].lead, v(&["区教育局"]));
}

// 2. Prose assignments.

#[test]
fn prose_assignments_in_the_task_text() {
    let d = parse(
        "1.完善交通网络。由市发改委负责,市财政局配合。\n2.建设物流园区。由市商务局与市交通局牵头,有关部门参与。\n3.举办招商大会。市投促局承办,市外办、市贸促会协办。\n4.推进河道整治。市水利局会同市生态环境局负责。\n5.编制统计年鉴。市统计局汇总。\n6.实施乡村建设。由各县(市、区)政府组织实施。\n",
    );
    let t = &d.tasks;
    assert_eq!(t.len(), 6);
    assert_eq!(
        (t[0].lead.clone(), t[0].cooperate.clone()),
        (v(&["市发改委"]), v(&["市财政局"]))
    );
    assert_eq!(t[1].lead, v(&["市商务局", "市交通局"]));
    assert_eq!(t[1].cooperate, v(&["有关部门"]));
    assert_eq!(t[2].lead, v(&["市投促局"]));
    assert_eq!(t[2].cooperate, v(&["市外办", "市贸促会"]));
    assert_eq!(t[3].lead, v(&["市水利局"]));
    assert_eq!(t[3].cooperate, v(&["市生态环境局"]));
    assert_eq!(t[4].lead, v(&["市统计局"]));
    assert_eq!(t[5].lead, v(&["各县（市、区）政府"]));
}

#[test]
fn prose_that_names_no_agency_is_not_an_assignment() {
    let d = parse("1.推进改革。由市发改委牵头制定方案。(市发改委牵头)\n2.完善制度。要落实主体责任。(市司法局)\n");
    assert_eq!(d.tasks[0].lead, v(&["市发改委"]));
    assert!(d.tasks[0].cooperate.is_empty());
    assert_eq!(d.tasks[1].lead, v(&["市司法局"]));
}

// 3. Text with no line breaks, and labels of several kinds on one line.

#[test]
fn a_whole_plan_on_one_line() {
    let d = parse("关于印发重点工作分工方案的通知 一、稳增长 (一)扩大有效投资。(市发改委牵头,市财政局配合) (二)促进消费。(市商务局牵头) 二、惠民生 (一)稳定就业。(市人社局牵头,各区政府配合) (二)办好教育。(市教育局牵头)\n");
    let leads: Vec<&str> = d.tasks.iter().map(|t| t.lead[0].as_str()).collect();
    assert_eq!(leads, ["市发改委", "市商务局", "市人社局", "市教育局"]);
    assert_eq!(d.tasks[2].section.as_deref(), Some("二、惠民生"));
    assert_eq!(d.tasks[2].cooperate, v(&["各区政府"]));
}

#[test]
fn run_on_labels_with_contacts() {
    let d = parse("1.建设城市快速路。牵头领导:李四 责任单位:市交通局 项目责任人:赵六 配合单位:市公安局、市城管局\n");
    let t = &d.tasks[0];
    assert_eq!(t.supervisors.len(), 1);
    assert_eq!(t.supervisors[0].name, "李四");
    assert_eq!(t.lead, v(&["市交通局"]));
    assert_eq!(t.cooperate, v(&["市公安局", "市城管局"]));
}

// 4. More label words.

#[test]
fn more_label_words_and_role_words_before_names() {
    let d = parse(
        "1.推进甲。牵头负责领导:张三;牵头责任单位:县发改局;协同责任单位:县财政局\n2.推进乙。〔主办单位:县商务局;协办单位:县文旅局〕\n3.推进丙。【责任处室:办公室】\n4.推进丁。牵头:县教育局;配合:县人社局、县财政局\n5.推进戊。负责部门:县农业农村局。适用范围:全县各乡镇\n",
    );
    let t = &d.tasks;
    assert_eq!(t[0].supervisors[0].name, "张三");
    assert_eq!(t[0].lead, v(&["县发改局"]));
    assert_eq!(t[0].cooperate, v(&["县财政局"]));
    assert_eq!(t[1].lead, v(&["县商务局"]));
    assert_eq!(t[1].cooperate, v(&["县文旅局"]));
    assert_eq!(t[2].lead, v(&["办公室"]));
    assert_eq!(t[3].lead, v(&["县教育局"]));
    assert_eq!(t[3].cooperate, v(&["县人社局", "县财政局"]));
    assert_eq!(t[4].lead, v(&["县农业农村局"]));
    assert!(t[4].cooperate.is_empty() && t[4].co_responsible.is_empty());
}

// 5. List grammar.

#[test]
fn each_distributes_and_fragments_are_no_agencies() {
    let d = parse("1.推进甲。(市民政局牵头,各区、县级市政府配合)\n2.推进乙。(市财政局、市审计局负责,下同)\n3.推进丙。(具体任务均涉及各市(州)政府,下同;不再做分工)\n");
    assert_eq!(d.tasks[0].cooperate, v(&["各区政府", "各县级市政府"]));
    let names: Vec<&String> = d
        .tasks
        .iter()
        .flat_map(|t| t.lead.iter().chain(&t.cooperate).chain(&t.co_responsible))
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.contains("下同") || n.contains("分工") || n.contains("涉及")),
        "{names:?}"
    );
}

#[test]
fn several_bracketed_lists_in_one_task_keep_their_roles() {
    let d = parse("1.推进甲和乙。推进甲(市发改委牵头),推进乙(市财政局牵头,市税务局配合)。\n");
    let t = &d.tasks[0];
    assert_eq!(t.lead, v(&["市发改委", "市财政局"]));
    assert_eq!(t.cooperate, v(&["市税务局"]));
}

// 6. Structure.

#[test]
fn convention_stated_in_a_note_after_the_last_task() {
    let d = parse("1.推进甲。(市发改委、市财政局)\n2.推进乙。(市教育局、市人社局)\n\n注:各项任务中列第一位的为牵头单位。\n");
    assert_eq!(d.tasks[0].lead, v(&["市发改委"]));
    assert_eq!(d.tasks[1].cooperate, v(&["市人社局"]));
}

#[test]
fn more_numbering_styles() {
    let d = parse("第一条 推进甲。(市发改委牵头)\n第二条 推进乙。(市财政局牵头)\n");
    assert_eq!(d.tasks.len(), 2);
    assert_eq!(d.tasks[1].number, "第二条");
    let d = parse("1.1 推进甲。(市发改委牵头)\n1.2 推进乙。(市财政局牵头)\n");
    assert_eq!(d.tasks.len(), 2);
    assert_eq!(d.tasks[1].number, "1.2");
    let d = parse("⑴推进甲。(市发改委牵头)\n⑵推进乙。(市财政局牵头)\n");
    assert_eq!(d.tasks[1].lead, v(&["市财政局"]));
    let d = parse("１．推进甲。（市发改委牵头）\n２．推进乙。（市财政局牵头）\n");
    assert_eq!(d.tasks[1].lead, v(&["市财政局"]));
}

// 7. Document metadata.

#[test]
fn dates_in_chinese_numerals_and_document_numbers() {
    let d = parse("鄂州市人民政府办公室关于印发2011年重点工作分工方案的通知\n鄂州政办发〔2011〕12号\n1.推进甲。(市发改委牵头)\n\n鄂州市人民政府办公室\n二〇一一年五月十日\n");
    assert_eq!(d.document.date.as_deref(), Some("2011-05-10"));
    assert_eq!(d.document.number.as_deref(), Some("鄂州政办发〔2011〕12号"));
}

#[test]
fn web_furniture_is_no_title_and_meta_lines_give_issuer_and_date() {
    let d = parse("当前位置:首页 > 政务公开\n江北区2024年重点工作责任分解\n作者:   来源: 江北区人民政府办公室   发布时间: 2024-03-08 09:10:11\n1.推进甲。(区发改局牵头)\n");
    let m = &d.document;
    assert_eq!(m.title.as_deref(), Some("江北区2024年重点工作责任分解"));
    assert_eq!(m.issuer.as_deref(), Some("江北区人民政府办公室"));
    assert_eq!(m.date.as_deref(), Some("2024-03-08"));
}

#[test]
fn a_title_wrapped_over_two_lines() {
    let d = parse("国务院关于做好当前和今后一个时期\n促进就业工作的若干意见\n国发〔2018〕39号\n（一）加大支持。（人力资源社会保障部负责）\n");
    assert_eq!(
        d.document.title.as_deref(),
        Some("国务院关于做好当前和今后一个时期促进就业工作的若干意见")
    );
}

// Issue 32 (parser III): patterns of the genre, each on a short plan written by hand.

#[test]
fn cells_one_per_line_with_agencies_split_over_lines_and_an_invented_header() {
    // Copies of web tables put each agency of a cell on its own line and drop empty cells; the
    // second column's header is the plan's own (`2024年预期目标`), not a known column name.
    let d = parse("序号\n2024年预期目标\n责任单位\n完成时限\n1\n新建公办幼儿园3所。\n县教育局\n县住建局\n12月底前\n2\n建设社区卫生服务中心\n县卫健局\n3\n改造老旧小区15个。\n县住建局\n9月底前\n");
    assert_eq!(d.tasks.len(), 3);
    assert_eq!(d.tasks[0].title, "新建公办幼儿园3所。");
    assert_eq!(d.tasks[0].co_responsible, v(&["县教育局", "县住建局"]));
    assert_eq!(d.tasks[0].deadline.as_deref(), Some("12月底前"));
    // A task whose words end like an organ (中心) is still the task, not an agency.
    assert_eq!(d.tasks[1].title, "建设社区卫生服务中心");
    assert_eq!(d.tasks[1].lead, v(&["县卫健局"]));
    assert_eq!(d.tasks[2].lead, v(&["县住建局"]));
}

#[test]
fn each_over_bare_levels_is_each_level() {
    // `各区、县级市`: every district and every county-level city, not an agency 县级市.
    let d = parse("1.推进人才工程。（牵头单位：市人社局，配合单位：市财政局，各区、县级市）\n2.建设人才公寓。（牵头单位：市住建局，配合单位：各有关区、县级市）\n");
    assert_eq!(d.tasks[0].cooperate, v(&["市财政局", "各区", "各县级市"]));
    assert_eq!(d.tasks[1].cooperate, v(&["各有关区", "各有关县级市"]));
}

#[test]
fn a_heading_whose_words_start_with_digits_keeps_its_number() {
    // `11.121人才梯队项目`: item 11 of the sequence, not the decimal 11.121.
    let d = parse("10.博士后项目。（牵头单位：市人社局）\n11.121人才梯队项目。（牵头单位：市科技局）\n12.科技新星项目。（牵头单位：市科协）\n");
    let numbers: Vec<&str> = d.tasks.iter().map(|t| t.number.as_str()).collect();
    assert_eq!(numbers, ["10.", "11.", "12."]);
    assert_eq!(d.tasks[1].lead, v(&["市科技局"]));
}

#[test]
fn fragments_and_task_words_are_not_agencies() {
    // A clause glued to a name and a role word left on one are no organs: left out, and said.
    let d = parse("1.推进民生工程。（责任单位：市交通局。建设进度较慢的县区为舒城县）\n2.推进园区建设。（园区管委会落实）\n");
    let all: Vec<&String> = d
        .tasks
        .iter()
        .flat_map(|t| t.lead.iter().chain(&t.cooperate).chain(&t.co_responsible))
        .collect();
    assert!(
        all.iter()
            .all(|n| !n.contains('。') && !n.ends_with("落实")),
        "{all:?}"
    );
    assert_eq!(d.tasks[0].lead, v(&["市交通局"]));
    assert!(
        d.warnings.iter().any(
            |w| w.message.contains("建设进度较慢的县区为舒城县") && w.message.contains("organ")
        ),
        "{:?}",
        d.warnings
    );
}

#[test]
fn prose_assignments_clause_by_clause() {
    // Assignments in words, each clause a role: an official with his post supervises, `与` joins
    // two leads, `分别与…共同` shares the work, a time clause is the deadline, and what follows a
    // role word (`编制`) is the action, not a name.
    let d = parse("1.编制城镇规划。由市城规局与11个县区政府牵头,有关部门参与,7月1日完成。\n2.编制交通规划。由市交通局、水利局分别与11个县区政府共同编制,有关部门参与。\n3.整治河道。由王五副市长负责,市水务局牵头,相关部门配合。\n4.治理污染。省环保局承办,省经贸委协办。\n5.推进改革。由于时间紧迫,由市发改委、市财政局,各区政府负责。\n");
    let t = &d.tasks;
    assert_eq!(t[0].lead, v(&["市城规局", "11个县区政府"]));
    assert_eq!(t[0].cooperate, v(&["有关部门"]));
    assert_eq!(t[0].deadline.as_deref(), Some("7月1日完成"));
    assert_eq!(
        t[1].co_responsible,
        v(&["市交通局", "市水利局", "11个县区政府"])
    );
    assert_eq!(t[1].cooperate, v(&["有关部门"]));
    assert_eq!(t[2].supervisors[0].name, "王五");
    assert_eq!(t[2].lead, v(&["市水务局"]));
    assert_eq!(t[2].cooperate, v(&["相关部门"]));
    assert_eq!(t[3].lead, v(&["省环保局"]));
    assert_eq!(t[3].cooperate, v(&["省经贸委"]));
    assert_eq!(
        t[4].co_responsible,
        v(&["市发改委", "市财政局", "各区政府"])
    );
}

#[test]
fn cells_one_per_line_whose_task_cell_carries_the_number() {
    // No 序号 column: each row opens with its numbered task; a leader cell may hold two people
    // on two lines, and numbering restarts under each section row.
    let d = parse("目标任务\n责任领导\n责任单位\n一、主要预期指标\n1. 生产总值增长7.5%以上。\n张三\n市发改委、市经信委\n2. 居民收入与经济增长同步。\n张三\n李四\n市人力社保局\n二、重点工作\n1. 推进城市更新。\n王五\n市建设局\n");
    assert_eq!(d.tasks.len(), 3);
    assert_eq!(d.tasks[0].number, "1.");
    assert_eq!(d.tasks[0].co_responsible, v(&["市发改委", "市经信委"]));
    let people: Vec<&str> = d.tasks[1]
        .supervisors
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(people, ["张三", "李四"]);
    assert_eq!(d.tasks[1].lead, v(&["市人力社保局"]));
    assert_eq!(d.tasks[2].section.as_deref(), Some("二、重点工作"));
    assert_eq!(d.tasks[2].lead, v(&["市建设局"]));
}

#[test]
fn letter_spaced_pipe_header() {
    let d = parse("序号 | 任 务 名 称 | 指 标 要 求 | 牵 头 部 门 | 配 合 部 门 |\n1 | 地区生产总值 | 增长5.5% | 区发改局 | 区财政局、区统计局 |\n");
    assert_eq!(d.tasks.len(), 1);
    assert_eq!(d.tasks[0].lead, v(&["区发改局"]));
    assert_eq!(d.tasks[0].cooperate, v(&["区财政局", "区统计局"]));
}

#[test]
fn role_words_of_measures_and_their_tables() {
    // 指导 (guides) beside 负责落实 (carries out): neither leads alone, both answer.
    let d = parse("1.优化管理体制。（商务部指导，试点城市政府负责落实）\n2.建立指标体系。（统计局牵头，发展改革委、财政部参加）\n");
    assert_eq!(d.tasks[0].co_responsible, v(&["商务部", "试点城市政府"]));
    assert_eq!(d.tasks[1].lead, v(&["统计局"]));
    assert_eq!(d.tasks[1].cooperate, v(&["发展改革委", "财政部"]));
    // Columns headed by the body that carries a measure out, or guides it.
    let d = parse(
        "序号\t具体措施\t实施主体\t指导部门\n1\t推广电子证照\t各区政府\t市政务服务数据管理局\n",
    );
    assert_eq!(d.tasks.len(), 1);
    assert_eq!(
        d.tasks[0].co_responsible,
        v(&["各区政府", "市政务服务数据管理局"])
    );
}

#[test]
fn a_heading_assigns_the_items_under_it() {
    // `二、市发改委牵头的工作`: every item below that names no one itself is led by 市发改委; an
    // item with its own note keeps it; the heading is no task.
    let d = parse("一、市发改委牵头的工作\n1.编制年度投资计划。\n2.推进重大项目建设。（市住建局牵头）\n二、由市教育局负责的事项\n1.新建中小学5所。\n");
    assert_eq!(
        d.tasks.len(),
        3,
        "{:?}",
        d.tasks.iter().map(|t| &t.title).collect::<Vec<_>>()
    );
    assert_eq!(d.tasks[0].lead, v(&["市发改委"]));
    assert_eq!(d.tasks[1].lead, v(&["市住建局"]));
    assert_eq!(d.tasks[2].lead, v(&["市教育局"]));
    assert!(
        d.layout.iter().any(|l| l.contains("from a heading")),
        "{:?}",
        d.layout
    );
}

#[test]
fn a_field_name_alone_on_its_line_reads_with_the_next() {
    // Forms copied from a page: `责任单位:` (or `责任单位`) on one line, the names on the next.
    let d = parse("01 项目名称:提升县域生态环境\n项目内容:\n连通城区河道水系。\n责任单位:\n水务局、城管局\n02 项目名称:加大文化惠民力度\n责任单位\n文广旅局\n");
    let duties: Vec<(Vec<String>, Vec<String>)> = d
        .tasks
        .iter()
        .map(|t| (t.lead.clone(), t.co_responsible.clone()))
        .collect();
    assert_eq!(
        duties,
        [
            (vec![], v(&["水务局", "城管局"])),
            (v(&["文广旅局"]), vec![])
        ]
    );
}

#[test]
fn a_plan_is_placed_at_the_level_its_own_agencies_are_written() {
    // The title names the province, the agencies are the city's (市…), the text names the city.
    let d = parse("(湖北省)某市2023年重点任务分工\n1.建设地铁。(牵头单位:市城建局;责任单位:武汉地铁集团)\n2.新建学校。(牵头单位:市教育局)\n3.新建医院。(牵头单位:市卫健委)\n4.推进汉阳、武昌改造。(牵头单位:市房管局;责任单位:武汉城建集团)\n");
    assert_eq!(d.document.jurisdiction.as_deref(), Some("武汉市"));
    assert!(
        d.layout.iter().any(|l| l.contains("was 湖北省")),
        "{:?}",
        d.layout
    );
}

// Where the plan stands: every clue, with its evidence.

#[test]
fn a_site_banner_or_notice_title_names_the_place_an_addressee_line_does_not() {
    // The banner of a district's site, then the notice: its addressees name no place.
    let d = parse(
        "郧阳区人民政府 政府信息公开\n2023年区政府工作目标任务落实责任分解表\n各乡镇人民政府,区政府各部门:\n现将分解表印发给你们。\n1.推进城区改造。(区住建局牵头,区财政局配合)\n2.办好民生实事。(区民政局牵头)\n",
    );
    assert_eq!(d.document.jurisdiction.as_deref(), Some("十堰市郧阳区"));
    assert!(
        d.document
            .jurisdiction_evidence
            .iter()
            .any(|e| e.starts_with("notice head")),
        "{:?}",
        d.document.jurisdiction_evidence
    );
    // Only addressees: no place at all rather than `各州、市、县、区`.
    let d = parse(
        "各州、市、县、区人民政府,省政府各部门:\n现将分工方案印发给你们。\n1.推进城区改造。(省住房城乡建设厅牵头)\n",
    );
    assert_ne!(d.document.jurisdiction.as_deref(), Some("各州、市、县、区"));
}

#[test]
fn a_joint_issuer_line_gives_the_first_issuers_place() {
    let d = parse(
        "中共安徽省委、安徽省人民政府关于进一步激发民营企业创业热情的实施意见\n1.优化营商环境。(省发展改革委牵头)\n",
    );
    assert_eq!(d.document.jurisdiction.as_deref(), Some("安徽省"));
}

#[test]
fn a_link_to_a_government_site_places_a_plan_that_names_no_place() {
    let text = "重点工作责任分解\n1.推进城区改造。(市住建局牵头,市财政局配合)\n2.办好民生实事。(市民政局牵头)\n";
    let d = fengong_parse::parse_bytes("https://www.wuhan.gov.cn/zwgk/1.html", text.as_bytes())
        .expect("parses");
    assert_eq!(d.document.jurisdiction.as_deref(), Some("武汉市"));
    assert_eq!(
        d.document.jurisdiction_evidence,
        v(&["source link's host: 武汉市"])
    );
    // A province's site, for a plan that names its city: the city, inside it, stands.
    let text = format!("武汉市人民政府办公厅\n{text}");
    let d = fengong_parse::parse_bytes("https://www.hubei.gov.cn/1.html", text.as_bytes())
        .expect("parses");
    assert_eq!(d.document.jurisdiction.as_deref(), Some("武汉市"));
    // Another province's site disagrees: the text's place stands, with a warning.
    let d = fengong_parse::parse_bytes("https://www.gd.gov.cn/1.html", text.as_bytes())
        .expect("parses");
    assert_eq!(d.document.jurisdiction.as_deref(), Some("武汉市"));
    assert!(
        d.warnings.iter().any(|w| w.message.contains("disagrees")),
        "{:?}",
        d.warnings
    );
}

#[test]
fn a_place_the_text_names_again_and_again_is_the_plans() {
    let d = parse(
        "为民办实事责任部门\n1.新建甘井子区婴幼儿早期教育指导中心。责任部门:教育局\n2.建设甘井子区社区学院分院。责任部门:教育局\n3.完善甘井子区养老服务网络。责任部门:民政局\n",
    );
    assert_eq!(d.document.jurisdiction.as_deref(), Some("大连市甘井子区"));
}

#[test]
fn a_districts_plan_citing_its_citys_notice_is_the_districts() {
    // The city's notice is cited in the preamble; the plan's own agencies are the district's.
    let d = parse(
        "为加快推进供给侧结构性改革,根据《昆明市人民政府关于印发昆明市稳增长促发展若干政策措施的通知》(昆政发〔2016〕13号),结合官渡区实际,特制定如下政策措施。\n1. 精简项目审批手续。(区政务服务局牵头,区发改局、区住建局、区级相关部门配合)\n2. 加快项目建设。(区发改局牵头,区财政局配合)\n3. 支持企业融资。(区财政局牵头,区金融办配合)\n",
    );
    assert_eq!(d.document.jurisdiction.as_deref(), Some("官渡区"));
    let t = &d.tasks[0];
    assert_eq!(t.lead, v(&["区政务服务局"]));
    // The departments of a level, unnamed, are a group.
    assert!(t.collective.contains(&"区级相关部门".to_owned()), "{t:?}");
}

#[test]
fn a_mark_before_a_name_is_no_part_of_it() {
    let d = parse(
        "序号 | 主要工作任务 | 责任单位 |\n1 | 地区生产总值突破1万亿元。 | *市发展改革委 |\n2 | 研发投入强度达到3.8%。 | ★市科技局、市财政局 |\n",
    );
    let names: Vec<&String> = d
        .tasks
        .iter()
        .flat_map(|t| t.lead.iter().chain(&t.cooperate).chain(&t.co_responsible))
        .collect();
    assert!(names.iter().any(|n| *n == "市发展改革委"), "{names:?}");
    assert!(names.iter().any(|n| *n == "市科技局"), "{names:?}");
    assert!(
        !names.iter().any(|n| n.starts_with(['*', '★'])),
        "{names:?}"
    );
}

#[test]
fn bodies_named_after_one_district_place_a_plan_that_names_no_other() {
    // A district's table: its own bodies are written without a place, two are named after it.
    let d = parse(
        "2023年区政府重点民生实事项目推进情况\n序号 | 主要任务 | 牵头单位 | 责任主体与协同单位 |\n1 | 优化提升背街后巷交通组织。 | 城管局 | 市政局、崇川经济开发区 |\n2 | 新增垃圾分类达标小区。 | 城管局 | 崇川经济开发区、各街道 |\n",
    );
    assert_eq!(d.document.jurisdiction.as_deref(), Some("崇川区"));
    // The same names in a plan that speaks as a city's: the district's city.
    let d = parse(
        "重点工作任务分解\n1.优化交通组织。(市城管局牵头,崇川经济开发区配合)\n2.新增达标小区。(市城管局牵头,崇川经济开发区配合)\n",
    );
    assert_eq!(d.document.jurisdiction.as_deref(), Some("南通市"));
}
