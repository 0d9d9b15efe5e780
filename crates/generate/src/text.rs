//! Writing one plan: the notice, its preamble, sections and tasks in one layout, and, task by
//! task, what the parser is expected to read from it.

use super::rng::Rng;
use super::{
    Document, Generator, Gold, GoldDocument, GoldSupervisor, GoldTask, Jurisdiction, Level,
};

/// FNV-1a: a stable hash of a name, so a jurisdiction's choices do not depend on the seed order.
pub fn hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// `(A牵头,B、C配合)`
    RoleWords,
    /// `(牵头单位:A;配合单位:B、C)`
    Labelled,
    /// `牵头单位:A` / `配合单位:B、C` on lines of their own.
    Lines,
    /// `(A、B、C,列第一位者为牵头单位,下同)`, or the rule stated in the preamble.
    Convention,
    /// `(分管领导为:副市长X;部门分工:A牵头,B、C配合。)`
    Supervisors,
    /// One row per line, tab-separated: 序号, 重点任务, 牵头单位, 配合单位, 完成时限.
    Table,
    /// In words after the task: `由A负责,B、C配合。`, `A承办,B协办。`, `A会同B负责。`.
    Prose,
    /// One row per line between pipes: `| 1 | 任务 | A | B、C | 时限 |`.
    PipeTable,
    /// A document preview's table, cells glued with no separator and a page number starting
    /// each page's line: `序号项目名称主要内容分管领导牵头单位配合单位1…。王伟A B C2…`.
    GluedTable,
    /// A web table copied one cell per line ([`CellTable`]): the columns after 序号 and the
    /// task in any order, header synonyms, blank lines between cells, a cell's agencies one
    /// per line, empty cells dropped or dashed, a leader column, a column no parser knows.
    CellTable,
}

/// The variation a cell-per-line table is written with.
pub struct CellTable {
    columns: Vec<CellColumn>,
    blank_lines: bool,
    one_agency_a_line: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CellColumn {
    Lead,
    Cooperate,
    Deadline,
    Leader,
    /// A column of the plan's own (推广范围, 目标类型): text no parser is told about.
    Extra,
}

fn cell_table(rng: &mut Rng, lines: &mut Vec<String>) -> CellTable {
    let mut columns = vec![CellColumn::Lead, CellColumn::Cooperate];
    for (c, p) in [
        (CellColumn::Deadline, 0.6),
        (CellColumn::Leader, 0.4),
        (CellColumn::Extra, 0.4),
    ] {
        if rng.chance(p) {
            columns.push(c);
        }
    }
    rng.shuffle(&mut columns);
    // A lead column stands before the cooperating one in every plan seen.
    let (l, c) = (
        columns
            .iter()
            .position(|&c| c == CellColumn::Lead)
            .unwrap_or(0),
        columns
            .iter()
            .position(|&c| c == CellColumn::Cooperate)
            .unwrap_or(0),
    );
    if l > c {
        columns.swap(l, c);
    }
    let blank_lines = rng.chance(0.5);
    let mut header = vec![
        "序号".to_owned(),
        (*rng.pick(&["重点任务", "工作任务", "目标任务", "主要内容", "任务名称"])).to_owned(),
    ];
    for c in &columns {
        header.push(
            (*match c {
                CellColumn::Lead => rng.pick(&["牵头单位", "牵头部门", "主办单位", "牵头责任单位"]),
                CellColumn::Cooperate => {
                    rng.pick(&["配合单位", "协办单位", "配合部门", "参与单位", "协同单位"])
                }
                CellColumn::Deadline => rng.pick(&["完成时限", "完成时间", "时间节点"]),
                CellColumn::Leader => rng.pick(&["责任领导", "分管领导", "牵头领导"]),
                CellColumn::Extra => rng.pick(&["推广范围", "目标类型", "工作要求"]),
            })
            .to_owned(),
        );
    }
    for h in header {
        lines.push(h);
        if blank_lines {
            lines.push(String::new());
        }
    }
    CellTable {
        columns,
        blank_lines,
        one_agency_a_line: rng.chance(0.4),
    }
}

const LAYOUTS: [Layout; 9] = [
    Layout::RoleWords,
    Layout::Labelled,
    Layout::Lines,
    Layout::Convention,
    Layout::Supervisors,
    Layout::Table,
    Layout::Prose,
    Layout::PipeTable,
    Layout::GluedTable,
];

impl Layout {
    /// Tables number their rows 1, 2, 3 … through the document.
    fn is_table(self) -> bool {
        matches!(
            self,
            Layout::Table | Layout::PipeTable | Layout::GluedTable | Layout::CellTable
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// One lead and cooperating agencies.
    LeadAndCooperators,
    /// Two leads (and perhaps cooperating agencies).
    CoLeads,
    LeadOnly,
    /// Jointly responsible, no lead.
    Joint,
}

/// Punctuation of the document: full-width (，、（）：；) or ASCII.
struct Marks {
    full: bool,
}

impl Marks {
    fn comma(&self) -> &'static str {
        if self.full {
            "，"
        } else {
            ","
        }
    }
    fn colon(&self) -> &'static str {
        if self.full {
            "："
        } else {
            ":"
        }
    }
    fn semicolon(&self) -> &'static str {
        if self.full {
            "；"
        } else {
            ";"
        }
    }
    fn open(&self) -> &'static str {
        if self.full {
            "（"
        } else {
            "("
        }
    }
    fn close(&self) -> &'static str {
        if self.full {
            "）"
        } else {
            ")"
        }
    }
    /// Turns the ASCII punctuation of a text into the document's.
    fn apply(&self, s: &str) -> String {
        if !self.full {
            return s.to_owned();
        }
        s.replace(',', "，")
            .replace(':', "：")
            .replace(';', "；")
            .replace('(', "（")
            .replace(')', "）")
    }
}

const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// 1 → 一, 12 → 十二, 40 → 四十.
fn chinese(n: usize) -> String {
    match n {
        0..=9 => DIGITS[n].to_owned(),
        10..=19 => format!("十{}", DIGITS[n % 10]),
        _ => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
    }
}

struct Duty {
    lead: Vec<String>,
    cooperate: Vec<String>,
    joint: Vec<String>,
    /// Cooperating collective groups (各县(市、区)人民政府), listed last.
    collective: Option<String>,
    /// `等有关单位` after the cooperators: not an agency.
    filler: bool,
    /// `2024年底前完成`: not an agency.
    deadline: Option<String>,
    supervisors: Vec<(String, String)>,
}

pub fn write(g: &Generator, j: &Jurisdiction, file: &str, rng: &mut Rng) -> Document {
    let year = rng.range(2019, 2025) as i32;
    let (month, day) = (rng.range(1, 6), rng.range(1, 28));
    let marks = Marks {
        full: rng.chance(0.5),
    };
    let layout = *rng.pick(&LAYOUTS);
    // One document in ten is a cell-per-line table, decided apart from the draws of the
    // document's own generator, so that every other document stays as earlier seeds wrote it.
    let layout = match hash(&format!("{file} cells")) % 10 {
        0 => Layout::CellTable,
        _ => layout,
    };
    let noise = rng.chance(g.config.noise);
    let indent = if noise || rng.chance(0.3) {
        "　　"
    } else {
        ""
    };

    let title = match rng.below(4) {
        0 => format!("{}{year}年数字经济工作要点", j.name),
        1 => format!("{year}年{}政府工作报告重点工作任务分工方案", j.name),
        2 => format!("{}数字政府建设{year}年工作要点", j.name),
        _ => format!("{}{year}年优化营商环境重点任务分工方案", j.name),
    };
    let issuer = match j.level {
        Level::Province => format!("{}人民政府办公厅", j.name),
        _ => format!("{}人民政府办公室", j.name),
    };
    let mut lines: Vec<String> = Vec::new();
    if noise {
        lines.push("首页 > 政务公开 > 政策文件".to_owned());
        lines.push(format!(
            "发布日期:{year}-{month:02}-{day:02}  来源:{issuer}  浏览次数:{}",
            rng.range(100, 9999)
        ));
        lines.push("【字体:大 中 小】【打印】【关闭】".to_owned());
        lines.push(String::new());
    }
    let quoted = if rng.chance(0.5) {
        format!("《{title}》")
    } else {
        title.clone()
    };
    lines.push(format!("{issuer}关于印发{quoted}的通知"));
    lines.push(format!(
        "{}政办发〔{year}〕{}号",
        j.short.chars().next().unwrap_or('政'),
        rng.range(1, 80)
    ));
    lines.push(String::new());
    let (below, office) = match (j.level, j.prefix) {
        (Level::Province, "省") => ("各地级以上市人民政府", "省政府各部门、各直属机构"),
        (Level::City, _) => ("各县(市、区)人民政府", "市政府各部门、各直属单位"),
        (_, "区") => ("各街道办事处", "区政府各部门"),
        _ => ("各乡镇人民政府、街道办事处", "县政府各部门"),
    };
    lines.push(marks.apply(&format!("{below},{office}:")));
    let stated_in_preamble = layout == Layout::Convention && rng.chance(0.5);
    let mut preamble = format!("{indent}现将《{title}》印发给你们,请结合实际认真贯彻落实。");
    if stated_in_preamble {
        preamble.push_str("各项任务中排在第一位的部门为牵头部门,其他为配合部门。");
    }
    lines.push(marks.apply(&preamble));
    lines.push(String::new());
    lines.push(issuer.clone());
    lines.push(format!("{year}年{month}月{day}日"));
    lines.push(String::new());
    lines.push(title.clone());
    lines.push(String::new());

    let level_word = match j.level {
        Level::Province => "全省",
        Level::City => "全市",
        _ if j.prefix == "区" => "全区",
        _ => "全县",
    };
    let with_leader_column = matches!(layout, Layout::Table | Layout::PipeTable) && rng.chance(0.5)
        || layout == Layout::GluedTable;
    if matches!(layout, Layout::Table | Layout::PipeTable) {
        let mut header = vec!["序号", "重点任务"];
        if with_leader_column {
            header.push("责任领导");
        }
        header.extend(["牵头单位", "配合单位", "完成时限"]);
        lines.push(match layout {
            Layout::Table => header.join("\t"),
            _ => format!("| {} |", header.join(" | ")),
        });
    }
    if layout == Layout::GluedTable {
        lines.push("序号项目名称主要内容分管领导牵头单位配合单位".to_owned());
    }
    let cells = (layout == Layout::CellTable).then(|| cell_table(rng, &mut lines));
    let numbering = rng.below(3);
    let sections = rng.range(2, 6);
    let mut section_order: Vec<usize> = (0..g.sections.len()).collect();
    rng.shuffle(&mut section_order);
    let mut tasks: Vec<GoldTask> = Vec::new();
    let mut convention_stated = stated_in_preamble;
    let mut garbled = false;
    for (s, &k) in section_order.iter().take(sections).enumerate() {
        let (section_title, titles) = &g.sections[k];
        let heading = format!("{}、{section_title}", chinese(s + 1));
        // A glued table has no section rows: the preview runs its rows together.
        if layout != Layout::GluedTable {
            lines.push(format!(
                "{}{heading}",
                if layout.is_table() { "" } else { indent }
            ));
        }
        let mut order: Vec<usize> = (0..titles.len()).collect();
        rng.shuffle(&mut order);
        let count = rng.range(3, titles.len().min(9));
        for (t, &k) in order.iter().take(count).enumerate() {
            let task_title = &titles[k];
            let ordinal = tasks.len() + 1;
            let number = if layout.is_table() {
                ordinal.to_string()
            } else {
                match numbering {
                    0 => format!("{}{}{}", marks.open(), chinese(t + 1), marks.close()),
                    1 => format!("{ordinal}{}", if marks.full { "．" } else { "." }),
                    _ => format!("{}{ordinal}{}", marks.open(), marks.close()),
                }
            };
            // The first task of a convention document states the rule, so it names a list.
            let shape = if layout == Layout::Convention && !convention_stated {
                Shape::LeadAndCooperators
            } else {
                match rng.below(20) {
                    0..=10 => Shape::LeadAndCooperators,
                    // A glued row cannot tell two leads from a lead and a cooperator.
                    11..=12 if layout == Layout::GluedTable => Shape::LeadAndCooperators,
                    11..=12 => Shape::CoLeads,
                    13..=15 => Shape::LeadOnly,
                    _ if layout.is_table() => Shape::LeadAndCooperators,
                    _ => Shape::Joint,
                }
            };
            let duty = duty(j, shape, layout, year, rng);
            let mut body = String::new();
            for _ in 0..rng.range(1, 3) {
                body.push_str(
                    &rng.pick(&g.bodies)
                        .replace("{n}", &rng.range(2, 500).to_string())
                        .replace("{y}", &year.to_string())
                        .replace("{level}", level_word),
                );
            }
            // A web mirror's wrong decoding garbles a bracketed Chinese number now and then
            // (`?。ǘ┩`); the parser takes the number the sequence leaves.
            let shown_number =
                if noise && numbering == 0 && t > 0 && !layout.is_table() && rng.chance(0.1) {
                    garbled = true;
                    "?。ǘ┩".to_owned()
                } else {
                    number.clone()
                };
            let gold = render(
                &mut lines,
                &Task {
                    layout,
                    marks: &marks,
                    indent,
                    number: &shown_number,
                    title: task_title,
                    body: &body,
                    duty: &duty,
                    year,
                    state_convention: layout == Layout::Convention && !convention_stated,
                    leader_column: with_leader_column,
                    prefix: j.prefix,
                    cells: cells.as_ref(),
                },
                rng,
            );
            convention_stated = true;
            tasks.push(GoldTask {
                number,
                ordinal,
                section: (layout != Layout::GluedTable).then(|| heading.clone()),
                title: task_title.clone(),
                lead: gold.0,
                cooperate: gold.1,
                co_responsible: gold.2,
                supervisors: gold.3,
            });
            if noise && !layout.is_table() && layout != Layout::Prose && rng.chance(0.05) {
                lines.push(format!("— {} —", rng.range(2, 30)));
            }
        }
    }
    if layout == Layout::GluedTable {
        glue(&mut lines, rng);
    }
    // A copy that lost its line breaks: the plan's sections and tasks run on one line.
    let one_line = layout == Layout::RoleWords && !noise && rng.chance(0.15);
    if one_line {
        if let Some(k) = lines.iter().position(|l| *l == title) {
            let body: Vec<String> = lines.drain(k + 1..).filter(|l| !l.is_empty()).collect();
            lines.push(body.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" "));
        }
    }
    if noise {
        lines.push(String::new());
        lines.push("扫一扫在手机打开当前页".to_owned());
        lines.push("【打印本页】【关闭窗口】".to_owned());
    }
    let mut text = lines.join("\n");
    text.push('\n');
    Document {
        file: format!("{file}.txt"),
        text,
        gold: Gold {
            document: GoldDocument {
                file: format!("{file}.txt"),
                title,
                issuer,
                date: format!("{year}-{month:02}-{day:02}"),
                year,
                jurisdiction: cited_place(&j.name),
                notes: format!(
                    "layout {layout:?}; {} punctuation{}{}{}",
                    if marks.full { "full-width" } else { "ASCII" },
                    if noise { "; web-page noise" } else { "" },
                    if garbled { "; garbled numbers" } else { "" },
                    if one_line { "; on one line" } else { "" }
                ),
            },
            tasks,
        },
    }
}

/// How a plan's place is cited: a district (which many cities have) with its city, as
/// `鞍山市立山区`; any other place by its own name.
fn cited_place(name: &str) -> String {
    let lex = fengong_parse::lexicon::lexicon();
    let same: Vec<_> = lex.places_named(name).collect();
    let city = same
        .first()
        .and_then(|p| p.parent.as_deref())
        .filter(|c| c.ends_with('市') && name.ends_with('区') && same.len() == 1)
        .filter(|c| {
            lex.places_named(c)
                .any(|p| p.level == fengong_parse::lexicon::PlaceLevel::Prefecture)
        });
    match city {
        Some(c) => format!("{c}{name}"),
        None => name.to_owned(),
    }
}

/// Runs a glued table's rows together after its header, a page of 3 to 5 rows to a line,
/// each page after the first opened by its page number (`2、`).
fn glue(lines: &mut Vec<String>, rng: &mut Rng) {
    let Some(header) = lines.iter().position(|l| l.starts_with("序号项目名称")) else {
        return;
    };
    let rows: Vec<String> = lines.drain(header + 1..).collect();
    let mut page = 1;
    let mut i = 0;
    while i < rows.len() {
        let n = rng.range(3, 6).min(rows.len() - i);
        let body = rows[i..i + n].concat();
        if page == 1 {
            lines[header].push_str(&body);
        } else {
            lines.push(format!("{page}、{body}"));
        }
        page += 1;
        i += n;
    }
}

fn duty(j: &Jurisdiction, shape: Shape, layout: Layout, year: i32, rng: &mut Rng) -> Duty {
    let (leads, cooperators) = match shape {
        Shape::LeadAndCooperators => (1, rng.range(1, 5)),
        Shape::CoLeads => (2, rng.range(0, 3)),
        Shape::LeadOnly => (1, 0),
        Shape::Joint => (0, 0),
    };
    let joint = if shape == Shape::Joint {
        rng.range(2, 4)
    } else {
        0
    };
    let names: Vec<String> = rng
        .weighted_distinct(&j.agencies, leads + cooperators + joint)
        .into_iter()
        .map(str::to_owned)
        .collect();
    let (lead, rest) = names.split_at(leads.min(names.len()));
    let (cooperate, joint) = rest.split_at(cooperators.min(rest.len()));
    let listed = !cooperate.is_empty() && !layout.is_table();
    let supervised = matches!(
        layout,
        Layout::Labelled | Layout::Lines | Layout::Table | Layout::PipeTable | Layout::CellTable
    ) && rng.chance(0.4)
        || matches!(layout, Layout::Supervisors | Layout::GluedTable);
    let supervisors = if supervised {
        let mut people = j.officials.clone();
        rng.shuffle(&mut people);
        let two = rng.chance(0.2) && layout != Layout::GluedTable;
        people.truncate(if two { 2 } else { 1 });
        people
    } else {
        Vec::new()
    };
    Duty {
        lead: lead.to_vec(),
        cooperate: cooperate.to_vec(),
        joint: joint.to_vec(),
        collective: (listed && rng.chance(0.15))
            .then(|| rng.pick(&j.collectives).clone())
            .filter(|c| !c.is_empty()),
        filler: listed && layout == Layout::RoleWords && rng.chance(0.15),
        deadline: (matches!(layout, Layout::RoleWords) && rng.chance(0.1))
            .then(|| format!("{year}年底前完成")),
        supervisors,
    }
}

struct Task<'a> {
    layout: Layout,
    marks: &'a Marks,
    indent: &'a str,
    number: &'a str,
    title: &'a str,
    body: &'a str,
    duty: &'a Duty,
    year: i32,
    state_convention: bool,
    leader_column: bool,
    /// The jurisdiction's level prefix (省, 市, 县, 区).
    prefix: &'a str,
    cells: Option<&'a CellTable>,
}

type Expected = (Vec<String>, Vec<String>, Vec<String>, Vec<GoldSupervisor>);

/// Writes a task's lines and returns what the parser should read: lead, cooperating, jointly
/// responsible, supervisors.
fn render(lines: &mut Vec<String>, t: &Task, rng: &mut Rng) -> Expected {
    let d = t.duty;
    let m = t.marks;
    let join = |v: &[String]| v.join("、");
    let mut cooperators = d.cooperate.clone();
    let mut cooperate_text = join(&d.cooperate);
    if let Some(c) = &d.collective {
        cooperators.push(c.clone());
        cooperate_text = format!("{cooperate_text}、{c}");
    }
    if d.filler {
        cooperate_text.push_str("等有关单位");
    }
    let people = |sep: &str| -> String {
        d.supervisors
            .iter()
            .map(|(post, name)| format!("{post}{name}"))
            .collect::<Vec<_>>()
            .join(sep)
    };
    let supervisors: Vec<GoldSupervisor> = d
        .supervisors
        .iter()
        .map(|(post, name)| GoldSupervisor {
            name: name.clone(),
            post: post.clone(),
        })
        .collect();
    let mut expected: Expected = (
        d.lead.clone(),
        cooperators.clone(),
        d.joint.clone(),
        supervisors,
    );
    let head = format!("{}{}{}。{}", t.indent, t.number, t.title, t.body);
    match t.layout {
        Layout::RoleWords => {
            let mut parts = Vec::new();
            if !d.lead.is_empty() {
                // 分别牵头: each leads its part.
                let verb = if d.lead.len() > 1 && rng.chance(0.3) {
                    "分别牵头"
                } else {
                    "牵头"
                };
                parts.push(format!("{}{verb}", join(&d.lead)));
            }
            if !cooperators.is_empty() {
                // Plans often write the level prefix once: 市发改委、科技局、商务局.
                let prefix = t.prefix;
                let shared = d.cooperate.len() > 1
                    && d.collective.is_none()
                    && !d.filler
                    && d.cooperate.iter().all(|c| {
                        // Not where the short name reads otherwise: 市场监管局 is complete as it
                        // stands, 金融办 after 市 reads as the party's 市委金融办.
                        c.strip_prefix(prefix).is_some_and(|rest| {
                            !rest.starts_with(['委', '政'])
                                && !rest.starts_with(prefix)
                                && !fengong_parse::lexicon::lexicon()
                                    .party_organs
                                    .contains(rest)
                        })
                    });
                if shared && rng.chance(0.3) {
                    let mut written = d.cooperate[0].clone();
                    for c in &d.cooperate[1..] {
                        written.push('、');
                        written.push_str(c.strip_prefix(prefix).unwrap_or(c));
                    }
                    cooperate_text = written;
                }
                let verb = if rng.chance(0.1) { "参与" } else { "配合" };
                parts.push(format!("{cooperate_text}{verb}"));
            }
            if !d.joint.is_empty() {
                parts.push(format!("{}按职责分工负责", join(&d.joint)));
            }
            if let Some(when) = &d.deadline {
                parts.push(when.clone());
            }
            lines.push(format!(
                "{head}{}{}{}",
                m.open(),
                parts.join(m.comma()),
                m.close()
            ));
        }
        Layout::Labelled => {
            let mut fields = Vec::new();
            if !d.supervisors.is_empty() {
                fields.push(format!("责任领导{}{}", m.colon(), people("、")));
            }
            if !d.lead.is_empty() {
                fields.push(format!("牵头单位{}{}", m.colon(), join(&d.lead)));
                if !cooperators.is_empty() {
                    let label = if rng.chance(0.3) {
                        "责任单位"
                    } else {
                        "配合单位"
                    };
                    fields.push(format!("{label}{}{cooperate_text}", m.colon()));
                }
            } else {
                fields.push(format!("责任单位{}{}", m.colon(), join(&d.joint)));
            }
            lines.push(format!(
                "{head}{}{}{}",
                m.open(),
                fields.join(m.semicolon()),
                m.close()
            ));
        }
        Layout::Lines => {
            lines.push(head);
            if !d.lead.is_empty() {
                let lead_label = *rng.pick(&["牵头单位", "牵头责任单位", "主办单位", "牵头"]);
                lines.push(format!("{lead_label}{}{}", m.colon(), join(&d.lead)));
                if !cooperators.is_empty() {
                    let label = *rng.pick(&["配合单位", "协同责任单位", "协办单位", "配合"]);
                    lines.push(format!("{label}{}{cooperate_text}", m.colon()));
                }
            } else {
                lines.push(format!("责任单位{}{}", m.colon(), join(&d.joint)));
            }
            if !d.supervisors.is_empty() {
                lines.push(format!("责任领导{}{}", m.colon(), people("、")));
            }
            if rng.chance(0.5) {
                lines.push(format!("完成时限{}{}年12月底", m.colon(), t.year));
            }
        }
        Layout::Convention => {
            let list = if !d.joint.is_empty() {
                // Under the convention, 按职责分工负责 lists too have the first as lead.
                expected.0 = vec![d.joint[0].clone()];
                expected.1 = d.joint[1..].to_vec();
                expected.2 = Vec::new();
                format!("{}按职责分工负责", join(&d.joint))
            } else if d.lead.len() > 1 {
                // Explicit role words override the convention.
                let mut s = format!("{}牵头", join(&d.lead));
                if !cooperators.is_empty() {
                    s.push_str(&format!("{}{cooperate_text}配合", m.comma()));
                }
                s
            } else {
                let mut all = d.lead.clone();
                all.extend(cooperators.iter().cloned());
                let mut s = join(&all);
                if t.state_convention {
                    s.push_str(&format!(
                        "{}列第一位者为牵头单位{}下同",
                        m.comma(),
                        m.comma()
                    ));
                }
                s
            };
            lines.push(format!("{head}{}{list}{}", m.open(), m.close()));
        }
        Layout::Supervisors => {
            let division = if !d.joint.is_empty() {
                format!("{}按职责分工负责", join(&d.joint))
            } else if cooperators.is_empty() {
                format!("{}牵头", join(&d.lead))
            } else {
                format!("{}牵头{}{cooperate_text}配合", join(&d.lead), m.comma())
            };
            lines.push(format!(
                "{head}{}分管领导为{}{}{}部门分工{}{division}。{}",
                m.open(),
                m.colon(),
                people(m.comma()),
                m.semicolon(),
                m.colon(),
                m.close()
            ));
        }
        Layout::Prose => {
            let sentence = if !d.joint.is_empty() {
                format!("由{}分别负责。", join(&d.joint))
            } else if d.lead.len() > 1 {
                let mut s = format!("由{}牵头", d.lead.join("与"));
                if !cooperators.is_empty() {
                    s.push_str(&format!("{}{cooperate_text}参与", m.comma()));
                }
                s + "。"
            } else if cooperators.is_empty() {
                match rng.below(2) {
                    0 => format!("由{}负责。", join(&d.lead)),
                    _ => format!("{}汇总。", join(&d.lead)),
                }
            } else {
                match rng.below(3) {
                    0 => format!("由{}负责{}{cooperate_text}配合。", join(&d.lead), m.comma()),
                    1 => format!("{}承办{}{cooperate_text}协办。", join(&d.lead), m.comma()),
                    _ => format!("{}会同{cooperate_text}负责。", join(&d.lead)),
                }
            };
            lines.push(format!("{head}{sentence}"));
        }
        Layout::GluedTable => {
            // 序号, 项目名称 + 主要内容, 分管领导 (the name only), 牵头单位, 配合单位: no gaps.
            let person = d.supervisors.first().map_or("", |p| p.1.as_str());
            expected.3 = d
                .supervisors
                .first()
                .map(|p| GoldSupervisor {
                    name: p.1.clone(),
                    post: String::new(),
                })
                .into_iter()
                .collect();
            lines.push(format!(
                "{}{}{}{person}{}{}",
                t.number,
                t.title,
                t.body,
                d.lead.concat(),
                cooperators.concat()
            ));
        }
        Layout::CellTable => {
            let Some(c) = t.cells else {
                return expected;
            };
            let mut cells: Vec<Vec<String>> = vec![vec![t.number.to_owned()]];
            // A long task cell wraps over two lines now and then.
            let mut task = vec![format!("{}。", t.title)];
            if rng.chance(0.3) {
                task.push(t.body.to_owned());
            }
            cells.push(task);
            let agencies = |names: &[String], rng: &mut Rng| -> Vec<String> {
                if c.one_agency_a_line && rng.chance(0.5) {
                    names.to_vec()
                } else {
                    vec![join(names)]
                }
            };
            if !c.columns.contains(&CellColumn::Leader) {
                expected.3 = Vec::new();
            }
            for col in &c.columns {
                cells.push(match col {
                    // A lead cell split over lines could not be told from the cell after it, by
                    // a reader or a parser: leads stay on one line.
                    CellColumn::Lead => vec![join(&d.lead)],
                    // An empty cell is dropped by the copy, or written as a dash.
                    CellColumn::Cooperate if cooperators.is_empty() => match rng.chance(0.5) {
                        true => vec!["—".to_owned()],
                        false => Vec::new(),
                    },
                    CellColumn::Cooperate => agencies(&cooperators, rng),
                    CellColumn::Deadline => vec![format!("{}年{}月底前", t.year, rng.range(6, 12))],
                    CellColumn::Leader if d.supervisors.is_empty() => Vec::new(),
                    CellColumn::Leader => {
                        expected.3 = d
                            .supervisors
                            .iter()
                            .map(|(_, name)| GoldSupervisor {
                                name: name.clone(),
                                post: String::new(),
                            })
                            .collect();
                        d.supervisors.iter().map(|(_, name)| name.clone()).collect()
                    }
                    CellColumn::Extra => {
                        vec![(*rng.pick(&["全域推广", "A类", "按季度报送进展"])).to_owned()]
                    }
                });
            }
            for line in cells.into_iter().flatten() {
                lines.push(line);
                if c.blank_lines {
                    lines.push(String::new());
                }
            }
        }
        Layout::Table | Layout::PipeTable => {
            let mut row = vec![t.number.to_owned(), t.title.to_owned()];
            if t.leader_column {
                row.push(people("、"));
                if d.supervisors.is_empty() {
                    row.pop();
                    row.push("—".to_owned());
                }
            } else {
                expected.3 = Vec::new();
            }
            row.push(join(&d.lead));
            row.push(if cooperators.is_empty() {
                "—".to_owned()
            } else {
                cooperate_text
            });
            row.push(format!("{}年12月底", t.year));
            lines.push(match t.layout {
                Layout::Table => row.join("\t"),
                _ => format!("| {} |", row.join(" | ")),
            });
        }
    }
    expected
}
