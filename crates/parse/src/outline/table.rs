//! Tables flattened into text, either one cell per line or one row per line with cells
//! separated by tabs or runs of spaces. Rows are rebuilt from the header's column names.

use super::lines;
use super::numbering::{marker, Style};

/// What a column holds, from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Number,
    Task,
    Lead,
    Cooperate,
    Responsible,
    Supervisor,
    Deadline,
    Other,
}

impl Column {
    pub fn name(self) -> &'static str {
        match self {
            Column::Number => "number",
            Column::Task => "task",
            Column::Lead => "lead",
            Column::Cooperate => "cooperate",
            Column::Responsible => "responsible",
            Column::Supervisor => "supervisor",
            Column::Deadline => "deadline",
            Column::Other => "not read",
        }
    }
}

/// `序号 number, 工作任务 task, 牵头单位 lead`: what each header cell was read as.
fn describe(names: &[&str], cols: &[Column]) -> String {
    names
        .iter()
        .zip(cols)
        .map(|(n, c)| {
            let n: String = n.chars().filter(|c| !c.is_whitespace()).collect();
            format!("{n} {}", c.name())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Header cells as tables write them. Columns are told by their words (see [`column`]), so
/// this list only needs the words a header may be glued from (`序号项目名称牵头单位…`).
const HEADER_WORDS: &[&str] = &[
    "序号",
    "实施主体",
    "责任主体",
    "指导部门",
    "编号",
    "分类",
    "类别",
    "项目名称",
    "项目",
    "工作任务",
    "重点任务",
    "主要任务",
    "具体任务",
    "目标任务",
    "任务",
    "工作内容",
    "主要内容",
    "建设内容",
    "具体内容",
    "内容",
    "工作事项",
    "事项",
    "具体举措",
    "主要举措",
    "举措",
    "工作措施",
    "措施",
    "重点工作",
    "工作目标",
    "目标要求",
    "牵头单位",
    "牵头部门",
    "牵头负责部门",
    "牵头责任单位",
    "主要责任单位",
    "主办单位",
    "主责单位",
    "配合单位",
    "配合部门",
    "协办单位",
    "协同单位",
    "协同责任单位",
    "参与单位",
    "协助单位",
    "责任单位",
    "责任部门",
    "责任处室",
    "负责部门",
    "负责单位",
    "承办单位",
    "实施单位",
    "落实单位",
    "责任领导",
    "分管领导",
    "牵头领导",
    "牵头负责领导",
    "联系领导",
    "项目责任人",
    "责任人",
    "联系人",
    "完成时限",
    "完成时间",
    "时间节点",
    "时限",
    "进度安排",
    "进展情况",
    "完成情况",
    "备注",
];

/// What a header cell names, from its words: `区政府分管领导` is a supervisor column,
/// `牵头负责部门` a lead column. `None` for text that is no column name.
pub(crate) fn column(cell: &str) -> Option<Column> {
    let cell: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    let n = cell.chars().count();
    if n == 0 || n > 10 || !cell.chars().all(crate::text::is_han) {
        return None;
    }
    let has = |words: &[&str]| crate::text::contains_any(&cell, words);
    let unit = has(&["单位", "部门", "处室", "科室", "主体"]);
    Some(if matches!(cell.as_str(), "序号" | "编号" | "序") {
        Column::Number
    } else if has(&["领导"]) {
        Column::Supervisor
    } else if has(&["责任人", "联系人"]) {
        // People named for a project are neither agencies nor supervisors.
        Column::Other
    } else if has(&["牵头", "主办", "主责"]) || cell == "主要责任单位" {
        Column::Lead
    } else if has(&["配合", "协办", "协同", "参与", "协助", "协作"]) {
        Column::Cooperate
    } else if unit && has(&["责任", "负责", "承办", "实施", "落实", "指导"]) {
        Column::Responsible
    } else if has(&["时限", "时间", "时序", "进度"]) {
        Column::Deadline
    } else if HEADER_WORDS.contains(&cell.as_str())
        || (n <= 8 && TASK_HEADERS.iter().any(|t| cell.ends_with(t)))
    {
        // `工作目标`, `完成情况` stand beside the task column; `目标任务` is the task column.
        let task = TASK_HEADERS.iter().any(|t| cell.ends_with(t));
        if task && (!has(&["情况", "目标", "备注"]) || cell.ends_with("任务")) {
            Column::Task
        } else {
            Column::Other
        }
    } else {
        return None;
    })
}

/// Header words for the task column (any header ending in one of these).
const TASK_HEADERS: &[&str] = &[
    "任务",
    "内容",
    "事项",
    "措施",
    "举措",
    "项目",
    "名称",
    "重点工作",
    "工作",
];

/// Splits a header written with no separators (`序号项目名称主要内容区政府分管领导牵头单位`)
/// into its words; a short qualifier before a word (`区政府`) goes with it. Byte ranges.
pub fn glued_header(line: &str) -> Option<Vec<(usize, usize)>> {
    let mut cells = Vec::new();
    let mut i = 0;
    let mut pending = None;
    while i < line.len() {
        let rest = &line[i..];
        match HEADER_WORDS
            .iter()
            .filter(|w| rest.starts_with(**w))
            .max_by_key(|w| w.len())
        {
            Some(w) => {
                cells.push((pending.take().unwrap_or(i), i + w.len()));
                i += w.len();
            }
            None => {
                let c = rest.chars().next()?;
                let start = *pending.get_or_insert(i);
                if !crate::text::is_han(c) || line[start..i].chars().count() >= 4 {
                    return None;
                }
                i += c.len_utf8();
            }
        }
    }
    (pending.is_none() && cells.len() >= 3).then_some(cells)
}

/// A cell: its column and byte range in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub column: Column,
    pub start: usize,
    pub end: usize,
}

/// One rebuilt row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub number: String,
    pub section: Option<String>,
    pub cells: Vec<Cell>,
    pub start: usize,
    pub end: usize,
}

/// A table found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// How the table was flattened, for telling a user how the document was read.
    pub layout: &'static str,
    /// What each header cell was read as: `序号 number, 工作任务 task, 牵头单位 lead`.
    pub columns: String,
    pub start: usize,
    pub end: usize,
    pub rows: Vec<Row>,
    pub warnings: Vec<(usize, String)>,
}

fn is_responsibility(c: Column) -> bool {
    matches!(
        c,
        Column::Lead | Column::Cooperate | Column::Responsible | Column::Supervisor
    )
}

fn usable_header(cols: &[Column]) -> bool {
    cols.len() >= 3 && cols.contains(&Column::Number) && cols.iter().any(|&c| is_responsibility(c))
}

/// Splits a row line into cells: at tabs, or at runs of two or more spaces, or (when
/// neither occurs) at single spaces. Byte ranges are relative to the line.
fn split_cells(line: &str) -> Vec<(usize, usize)> {
    let sep: &dyn Fn(&str, usize) -> usize = if line.contains('\t') {
        &|s, i| if s[i..].starts_with('\t') { 1 } else { 0 }
    } else if line.contains('|') {
        &|s, i| if s[i..].starts_with('|') { 1 } else { 0 }
    } else if line.contains("  ") {
        &|s, i| if s[i..].starts_with("  ") { 2 } else { 0 }
    } else {
        &|s, i| if s[i..].starts_with(' ') { 1 } else { 0 }
    };
    let mut cells = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < line.len() {
        let n = sep(line, i);
        if n > 0 {
            if start < i {
                cells.push((start, i));
            }
            i += n;
            while line[i..].starts_with([' ', '\t']) {
                i += 1;
            }
            start = i;
        } else {
            i += line[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    if start < line.len() {
        cells.push((start, line.len()));
    }
    cells
        .into_iter()
        .map(|(a, b)| {
            let cell = &line[a..b];
            let lead = cell.len() - cell.trim_start().len();
            (a + lead, a + cell.trim_end().len())
        })
        .filter(|(a, b)| a < b)
        .collect()
}

/// A 序号 cell: `12`, or `十二` where a table numbers its rows in Chinese. Up to six digits: a
/// consolidated sheet (all of a province's tasks) runs past 9,999 rows.
fn is_number_cell(s: &str) -> bool {
    let s = s.trim();
    let arabic = s.len() <= 6 && s.chars().all(|c| c.is_ascii_digit());
    let chinese = s.chars().count() <= 3 && super::numbering::cn_value(s).is_some();
    !s.is_empty() && (arabic || chinese)
}

/// The value of a 序号 cell (`3`, `三`).
fn number_value(s: &str) -> Option<u32> {
    let s = s.trim();
    if !is_number_cell(s) {
        return None;
    }
    s.parse().ok().or_else(|| super::numbering::cn_value(s))
}

/// A short line naming no agency, as a category over the rows after it (`激发市场活力`).
fn category_line(line: &str) -> bool {
    let l = line.trim();
    l.chars().count() <= 16
        && l.chars().all(crate::text::is_han)
        && !crate::lexicon::lexicon().is_agency_like(l)
}

/// A row with one short cell standing between rows: a category (`产业发展`) over the rows after it.
fn category_row(line: &str, next: Option<&str>) -> bool {
    let cells = split_cells(line);
    let short = line.trim().chars().count() <= 16 && line.trim().chars().all(crate::text::is_han);
    let before_row = next.is_some_and(|n| {
        split_cells(n)
            .first()
            .is_some_and(|&(a, b)| is_number_cell(&n[a..b]))
    });
    cells.len() == 1 && short && before_row
}

fn section_row(line: &str) -> bool {
    marker(line).is_some_and(|m| matches!(m.style, Style::CnComma | Style::Part))
}

/// The columns a header line names, split like a row or glued (`序号工作任务牵头负责部门`,
/// `序号 工 作 任 务 …` with letters spaced out). Unknown names in an otherwise good header
/// become [`Column::Other`] and are returned to be reported, never dropped silently.
fn header_columns(line: &str) -> Option<(Vec<Column>, Vec<String>)> {
    // Every line of every plan comes here: most are no header, and say so at once.
    static HEADER_MARKS: std::sync::LazyLock<crate::text::WordSet> =
        std::sync::LazyLock::new(|| {
            crate::text::WordSet::new(&[
                "单位", "部门", "领导", "处室", "科室", "主体", "牵头", "配合",
            ])
        });
    // Headers may be letter-spaced (`牵 头 部 门`).
    let marked = |l: &str| HEADER_MARKS.found_in(l);
    let spaced_marked = || {
        line.contains(' ')
            && line.contains(['单', '部', '领', '处', '科', '主', '牵', '配'])
            && marked(&line.chars().filter(|c| *c != ' ').collect::<String>())
    };
    if line.len() > 300 || !(marked(line) || spaced_marked()) {
        return None;
    }
    let mut unknown = Vec::new();
    let split: Option<Vec<Column>> = split_cells(line)
        .iter()
        .map(|&(a, b)| {
            let cell = &line[a..b];
            column(cell).or_else(|| {
                let squeezed: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
                let short =
                    squeezed.chars().count() <= 8 && squeezed.chars().all(crate::text::is_han);
                short.then(|| {
                    unknown.push(cell.to_owned());
                    Column::Other
                })
            })
        })
        .collect();
    // Known words must carry the header: a row of unknown words is text, not a header.
    let good = |cols: &[Column], unknown: usize| usable_header(cols) && cols.len() - unknown >= 3;
    if let Some(cols) = split.filter(|c| good(c, unknown.len())) {
        return Some((cols, unknown));
    }
    let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let words = glued_header(&squeezed)?;
    let cols: Vec<Column> = words
        .iter()
        .map(|&(a, b)| column(&squeezed[a..b]))
        .collect::<Option<_>>()?;
    good(&cols, 0).then_some((cols, Vec::new()))
}

/// Later task-like columns (`主要内容` after `项目名称`) hold more text, not the title.
fn one_task_column(cols: &mut [Column]) {
    let mut seen = false;
    for c in cols.iter_mut().filter(|c| **c == Column::Task) {
        if seen {
            *c = Column::Other;
        }
        seen = true;
    }
}

/// Finds flattened tables in `text`.
pub fn find_tables(text: &str) -> Vec<Table> {
    let all: Vec<(usize, &str)> = lines(text).collect();
    // Cell-per-line tables are often copied with a blank line after every cell, and with the
    // rule between cells kept as a `|` after each (`序号 |`).
    let solid: Vec<(usize, &str)> = all
        .iter()
        .map(|&(lo, l)| {
            let rule = |c: char| c.is_whitespace() || c == '|';
            let start = l.trim_start_matches(rule);
            (lo + l.len() - start.len(), start.trim_end_matches(rule))
        })
        .filter(|l| !l.1.is_empty())
        .collect();
    let mut tables: Vec<Table> = Vec::new();
    let mut i = 0;
    while i < all.len() {
        let after_last = tables.last().is_none_or(|t| all[i].0 >= t.end);
        if !after_last {
            i += 1;
            continue;
        }
        // One row per line: a header line whose cells are all column names.
        if let Some((mut cols, unknown)) = header_columns(all[i].1) {
            one_task_column(&mut cols);
            let (mut table, next) = rows_per_line(&all, i, &cols, text.len());
            if !table.rows.is_empty() {
                let line = all[i].1;
                let names: Vec<&str> = split_cells(line)
                    .iter()
                    .map(|&(a, b)| &line[a..b])
                    .collect();
                table.columns = if names.len() == cols.len() {
                    describe(&names, &cols)
                } else {
                    let names: Vec<&str> = cols.iter().map(|c| c.name()).collect();
                    format!("(a glued header) {}", names.join(", "))
                };
                warn_unknown(&mut table, all[i].0, &unknown);
                tables.push(table);
                i = next;
                continue;
            }
        }
        // One cell per line: consecutive lines that are each one column name.
        let si = solid.partition_point(|l| l.0 < all[i].0);
        if solid.get(si).is_some_and(|l| l.0 == all[i].0) {
            if let Some((cols, unknown)) = cell_header(&solid, si) {
                let (mut table, next) = cell_per_line(&solid, si, &cols, text.len());
                if !table.rows.is_empty() {
                    let names: Vec<&str> = solid[si..si + cols.len()].iter().map(|l| l.1).collect();
                    table.columns = describe(&names, &cols);
                    warn_unknown(&mut table, all[i].0, &unknown);
                    i = all.partition_point(|l| l.0 < next);
                    tables.push(table);
                    continue;
                }
            }
        }
        i += 1;
    }
    tables
}

fn warn_unknown(table: &mut Table, at: usize, unknown: &[String]) {
    for u in unknown {
        table.warnings.push((
            at,
            format!("table column '{u}' is not a known column; its cells were read as text"),
        ));
    }
}

fn rows_per_line(
    all: &[(usize, &str)],
    header: usize,
    cols: &[Column],
    text_len: usize,
) -> (Table, usize) {
    let mut table = Table {
        layout: "one row per line",
        columns: String::new(),
        start: all[header].0,
        end: all[header].0,
        rows: Vec::new(),
        warnings: Vec::new(),
    };
    let mut section = None;
    let mut i = header + 1;
    while i < all.len() {
        let (lo, line) = all[i];
        if line.trim().is_empty() {
            // A blank line inside the table is tolerated; two end it.
            if all.get(i + 1).is_none_or(|l| l.1.trim().is_empty()) {
                break;
            }
            i += 1;
            continue;
        }
        let next = all[i + 1..]
            .iter()
            .find(|l| !l.1.trim().is_empty())
            .map(|l| l.1);
        if section_row(line) || category_row(line, next) {
            section = Some(line.trim().to_owned());
            i += 1;
            continue;
        }
        // The header again, as at the top of every page.
        if header_columns(line).is_some_and(|(mut c, _)| {
            one_task_column(&mut c);
            c == cols
        }) {
            i += 1;
            continue;
        }
        let cells = split_cells(line);
        if cells.is_empty() || !is_number_cell(&line[cells[0].0..cells[0].1]) {
            break;
        }
        let n = cols.len();
        // Align from both ends: the number first, the short columns last, the task in between.
        let mut aligned: Vec<Cell> = Vec::new();
        if cells.len() >= n {
            let extra = cells.len() - n;
            let task_col = cols.iter().position(|&c| c == Column::Task);
            for (k, &col) in cols.iter().enumerate() {
                let (a, b) = match task_col {
                    Some(t) if k == t => (cells[k].0, cells[k + extra].1),
                    Some(t) if k > t => cells[k + extra],
                    _ => cells[k],
                };
                aligned.push(Cell {
                    column: col,
                    start: lo + a,
                    end: lo + b,
                });
            }
        } else {
            table.warnings.push((
                lo,
                format!("table row has {} cells where the header has {n}; cells were matched from the left", cells.len()),
            ));
            for (k, &(a, b)) in cells.iter().enumerate() {
                aligned.push(Cell {
                    column: cols[k],
                    start: lo + a,
                    end: lo + b,
                });
            }
        }
        table.rows.push(Row {
            number: line[cells[0].0..cells[0].1].to_owned(),
            section: section.clone(),
            cells: aligned,
            start: lo,
            end: lo + line.len(),
        });
        i += 1;
    }
    table.end = all.get(i).map_or(text_len, |l| l.0);
    (table, i)
}

/// A header written one cell per line from `solid[at]`: the column names up to the first row's
/// number. Header words a plan invents (`2022年预期目标`, `推广范围`) are columns too when the
/// known ones carry the header: a 序号, a responsibility column and at least three cells.
/// An unknown cell right after the 序号 of a header with no task column is the task column,
/// since tables put the matter of each row there.
fn cell_header(solid: &[(usize, &str)], at: usize) -> Option<(Vec<Column>, Vec<String>)> {
    let first = solid.get(at)?.1.trim();
    // Every line comes here: only a 序号-like or column-name line may open a header.
    if first.len() > 40 {
        return None;
    }
    column(first)?;
    let mut cols = Vec::new();
    let mut unknown = Vec::new();
    for &(_, line) in &solid[at..] {
        let cell = line.trim();
        if is_number_cell(cell) || section_row(cell) || cols.len() >= 12 {
            break;
        }
        match column(cell) {
            Some(c) => cols.push(c),
            None if header_like(cell) => {
                unknown.push(cell.to_owned());
                cols.push(Column::Other);
            }
            None => return None,
        }
    }
    // The first row must follow (under a section heading at most): a header over prose is a
    // sentence that happens to be short. Without a 序号 column, rows are the task cells that
    // carry their own number (`1. 生产总值增长7.5%以上。`).
    let row = solid[at + cols.len()..]
        .iter()
        .take(2)
        .find(|l| !section_row(l.1))?;
    let numbered = is_number_cell(row.1) && usable_header(&cols);
    let self_numbered = !cols.contains(&Column::Number)
        && cols.contains(&Column::Task)
        && cols.iter().any(|&c| is_responsibility(c))
        && task_number(row.1).is_some();
    if !(numbered || self_numbered) || cols.len() - unknown.len() < 2 {
        return None;
    }
    if !cols.contains(&Column::Task) {
        if let Some(k) = cols.iter().position(|&c| c == Column::Number) {
            if cols.get(k + 1) == Some(&Column::Other) {
                cols[k + 1] = Column::Task;
            }
        }
    }
    one_task_column(&mut cols);
    Some((cols, unknown))
}

/// A task cell that opens with its own number (`1. 生产总值…`, `(三)推进…`): its value and
/// number, for tables with no 序号 column.
fn task_number(line: &str) -> Option<(u32, String)> {
    marker(line)
        .filter(|m| m.start == 0 && !matches!(m.style, Style::CnComma | Style::Part))
        .map(|m| (m.value, m.number))
}

/// A cell that may be an unknown column name: short, no sentence punctuation, not a number or
/// an agency.
fn header_like(cell: &str) -> bool {
    let n = cell.chars().count();
    (2..=12).contains(&n)
        && !cell.contains(['。', ',', ';', ':', '、'])
        && !is_number_cell(cell)
        && !crate::lexicon::lexicon().is_agency_like(cell)
}

/// What a line of a row holds, judged from the line itself: copies of tables drop empty cells,
/// wrap long ones over several lines and split a cell of several agencies one per line, so a
/// row's lines cannot be counted off against the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Content {
    /// A dash or `无` where a cell is empty.
    Empty,
    Agencies,
    Deadline,
    Person,
    Text,
}

fn content_of(line: &str, cols: &[Column]) -> Content {
    let l = line.trim();
    let n = l.chars().count();
    if matches!(l, "—" | "——" | "-" | "/" | "无" | "－") {
        return Content::Empty;
    }
    let list = l.trim_end_matches(['、', ',']);
    // A group of agencies (`县各有关单位`, `相关乡镇`) fills a responsibility cell as a name does.
    let group = n <= 20
        && !l.contains(['。', ',', ';', ':'])
        && (l.contains('各') || l.starts_with("有关") || l.starts_with("相关"))
        && crate::lexicon::lexicon().is_agency_like(l);
    if group || super::super::duties::names::is_plain_agency_list(list) {
        return Content::Agencies;
    }
    if cols.contains(&Column::Deadline) && n <= 12 && !l.contains([',', '。']) && deadline_like(l)
    {
        return Content::Deadline;
    }
    // People: a surname and one or two characters (`王伟`, `张建国`), not a place word (`全省`);
    // names padded to a width (`俞 悦`) or two such glued (`陆 明俞 悦`) are people too.
    let lex = crate::lexicon::lexicon();
    let padded = l.contains(' ');
    let squeezed: String = l.chars().filter(|c| !c.is_whitespace()).collect();
    let persons = squeezed.split('、').all(|p| {
        let k = p.chars().count();
        let most = if padded { 8 } else { 3 };
        (2..=most).contains(&k)
            && p.chars().all(crate::text::is_han)
            && lex.surname_len(p).is_some()
            && !p.ends_with(['省', '市', '县', '区', '镇', '乡'])
    }) && !lex.is_agency_like(&squeezed);
    if cols.contains(&Column::Supervisor) && persons {
        return Content::Person;
    }
    Content::Text
}

/// `12月底前`, `2024年6月`, `全年`, `长期坚持`, `持续推进`: when a row's work is due.
fn deadline_like(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "底前",
        "月前",
        "日前",
        "年底",
        "年内",
        "全年",
        "季度",
        "长期",
        "持续",
        "常态",
        "月底",
        "上半年",
        "下半年",
        "年前",
    ];
    crate::text::contains_any(s, WORDS)
        || s.char_indices().any(|(i, c)| {
            c.is_ascii_digit() && (s[i + 1..].starts_with('月') || s[i + 1..].starts_with('年'))
        })
}

/// Where the last row of a cell-per-line table (no next number to run to) ends: after as many
/// cells as the header has, a task wrapped over lines and a list wrapped after its `、`
/// counting as one cell each.
fn last_row_end(lines: &[(usize, &str)], i: usize, row_cols: &[Column]) -> usize {
    let want = row_cols.len().saturating_sub(1);
    let mut cells = 0;
    let mut j = i + 1;
    while j < lines.len() && cells < want {
        let l = lines[j].1;
        if is_number_cell(l) || section_row(l) {
            break;
        }
        let kind = content_of(l, row_cols);
        j += 1;
        if cells == 0 && kind == Content::Text {
            while j < lines.len() && content_of(lines[j].1, row_cols) == Content::Text {
                j += 1;
            }
        } else if kind == Content::Agencies {
            while j < lines.len() && lines[j - 1].1.trim_end().ends_with(['、', ',']) {
                j += 1;
            }
        } else if kind == Content::Person {
            // Two leaders of one cell, one per line.
            while j < lines.len() && content_of(lines[j].1, row_cols) == Content::Person {
                j += 1;
            }
        }
        cells += 1;
    }
    // A cell of several agencies one per line goes on while lines name agencies, short of a
    // signature (an office's name over the date it signed).
    let dated = |k: usize| {
        lines
            .get(k)
            .is_some_and(|l| l.1.contains('年') && l.1.contains('月') && l.1.chars().count() <= 12)
    };
    while j < lines.len()
        && j > i + 1
        && content_of(lines[j - 1].1, row_cols) == Content::Agencies
        && content_of(lines[j].1, row_cols) == Content::Agencies
        && !dated(j + 1)
    {
        j += 1;
    }
    j
}

/// Reads rows from one-cell-per-line text (`lines` has no blank lines). A row runs from its
/// 序号 to the next number of the sequence; each of its lines is given to a column by what
/// it holds ([`Content`]): the first text to the task, lists of agencies to the responsibility
/// columns in the header's order (the last of them takes any further lists), people to the
/// supervisor column, due dates to the deadline column. A short line before the next number
/// where the table has a category column (or after a full row) is the section of the rows
/// after it. Returns the table and the byte offset where reading stopped.
fn cell_per_line(
    lines: &[(usize, &str)],
    header: usize,
    cols: &[Column],
    text_len: usize,
) -> (Table, usize) {
    let mut table = Table {
        layout: "one cell per line",
        columns: String::new(),
        start: lines[header].0,
        end: lines[header].0,
        rows: Vec::new(),
        warnings: Vec::new(),
    };
    let first = cols.iter().position(|&c| c == Column::Number).unwrap_or(0);
    let row_cols = &cols[first..];
    let self_numbered = !cols.contains(&Column::Number);
    let agency_cols: Vec<Column> = row_cols
        .iter()
        .copied()
        .filter(|&c| matches!(c, Column::Lead | Column::Cooperate | Column::Responsible))
        .collect();
    let mut section = None;
    let mut i = header + cols.len();
    while i < lines.len() {
        let (lo, line) = lines[i];
        if section_row(line) || (!is_number_cell(line) && category_line(line) && !self_numbered) {
            section = Some(line.trim().to_owned());
            i += 1;
            continue;
        }
        // The header again, as at the top of every page.
        if cols.len() > 1
            && lines[i..]
                .iter()
                .take(cols.len())
                .map(|l| column(l.1))
                .eq(cols.iter().map(|&c| Some(c)))
        {
            i += cols.len();
            continue;
        }
        let opens = |l: &str| match self_numbered {
            true => task_number(l).map(|(n, _)| n),
            false => number_value(l),
        };
        let Some(n) = opens(line) else {
            break;
        };
        // The row's lines: up to the next number of the sequence, or for the last row (or a
        // broken sequence) as many lines as the header has cells; a task cell numbered by
        // itself has no count of cells to go by, so it runs to the next number or heading.
        let limit = lines.len().min(i + 1 + 4 * row_cols.len() + 8);
        let next = (i + 1..limit).find(|&j| opens(lines[j].1) == Some(n + 1));
        let mut end = next.unwrap_or_else(|| match self_numbered {
            true => {
                let most = 2 * row_cols.len() + 2;
                (i + 1..lines.len().min(i + most))
                    .find(|&j| opens(lines[j].1).is_some() || section_row(lines[j].1))
                    .unwrap_or(lines.len().min(i + most))
            }
            false => last_row_end(lines, i, row_cols),
        });
        // The category of the next rows, written where its merged cell starts.
        let mut next_section = None;
        if next.is_some() && end > i + 2 {
            let before = lines[end - 1].1;
            let category = section_row(before)
                || (category_line(before)
                    && !deadline_like(before)
                    && content_of(before, row_cols) == Content::Text
                    && (first > 0 || end - i > row_cols.len()));
            if category {
                next_section = Some(before.trim().to_owned());
                end -= 1;
            }
        }
        let mut cells: Vec<Cell> = Vec::new();
        let mut agencies = 0;
        let mut named = false;
        let mut has_task = false;
        let mut k = i + 1;
        let mut number = line.trim().to_owned();
        if self_numbered {
            // The row's first line is its task cell, number and all.
            let m = marker(line).filter(|m| m.start == 0);
            if let Some(m) = m {
                number = m.number.clone();
                cells.push(Cell {
                    column: Column::Task,
                    start: lo + m.text_start,
                    end: lo + line.trim_end().len(),
                });
                has_task = true;
            }
        }
        while k < end {
            let (s, l) = lines[k];
            let mut last = k;
            let kind = content_of(l, row_cols);
            // The cell after the 序号 is the task where the header puts it there, whatever it
            // looks like (`建设社区卫生服务中心` is a project, not an agency).
            let task_here = !has_task
                && (kind == Content::Text
                    || (k == i + 1 && row_cols.get(1) == Some(&Column::Task)));
            if task_here {
                // A long task wraps over lines: its text runs to the first line of another kind.
                while last + 1 < end && content_of(lines[last + 1].1, row_cols) == Content::Text {
                    last += 1;
                }
            } else if kind == Content::Agencies {
                // A list wrapped after its separator goes on on the next line.
                while last + 1 < end && lines[last].1.trim_end().ends_with(['、', ',']) {
                    last += 1;
                }
            }
            let column = match kind {
                _ if task_here => {
                    has_task = true;
                    Column::Task
                }
                Content::Agencies | Content::Empty
                    if !agency_cols.is_empty() && (named || kind == Content::Agencies) =>
                {
                    named |= kind == Content::Agencies;
                    agencies += 1;
                    agency_cols[(agencies - 1).min(agency_cols.len() - 1)]
                }
                Content::Deadline => Column::Deadline,
                Content::Person => Column::Supervisor,
                _ => Column::Other,
            };
            let (e, m) = lines[last];
            cells.push(Cell {
                column,
                start: s + (l.len() - l.trim_start().len()),
                end: e + m.trim_end().len(),
            });
            k = last + 1;
        }
        // Cells that are neither task nor agencies go to the header's other columns in order
        // when their count matches (a name of four characters and a scope such as 全域推广 look
        // alike; where they stand tells them apart); otherwise each keeps what it looks like.
        let rest_cols: Vec<Column> = row_cols
            .iter()
            .copied()
            .filter(|c| {
                !matches!(
                    c,
                    Column::Number
                        | Column::Task
                        | Column::Lead
                        | Column::Cooperate
                        | Column::Responsible
                )
            })
            .collect();
        // Leaders one per line are one cell: consecutive such cells form a group.
        let mut rest: Vec<Vec<usize>> = Vec::new();
        for x in 0..cells.len() {
            let c = cells[x].column;
            if !matches!(c, Column::Deadline | Column::Supervisor | Column::Other) {
                continue;
            }
            let joins = c == Column::Supervisor
                && x > 0
                && cells[x - 1].column == Column::Supervisor
                && rest.last().and_then(|g| g.last()) == Some(&(x - 1));
            match rest.last_mut() {
                Some(g) if joins => g.push(x),
                _ => rest.push(vec![x]),
            }
        }
        if rest.len() == rest_cols.len() {
            for (group, c) in rest.into_iter().zip(rest_cols) {
                for x in group {
                    cells[x].column = c;
                }
            }
        }
        if !named {
            table.warnings.push((
                lo,
                format!(
                    "table row {} names no agency in its cells; it was not read",
                    line.trim()
                ),
            ));
        } else {
            table.rows.push(Row {
                number,
                section: section.clone(),
                cells,
                start: lo,
                end: lines[end - 1].0 + lines[end - 1].1.len(),
            });
        }
        if next_section.is_some() {
            section = next_section;
        }
        i = end;
        // A broken sequence ends the table, unless a section starts the numbering again.
        if next.is_none() && !lines.get(i).is_some_and(|l| section_row(l.1)) {
            break;
        }
    }
    let stop = lines.get(i).map_or(text_len, |l| l.0);
    table.end = stop;
    (table, stop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_per_line_with_spaces_in_the_task() {
        let t = "序号  工作任务  牵头单位  配合单位\n1  建设 智慧城市  市发改委  市财政局、市统计局\n\n落款\n";
        let tables = find_tables(t);
        assert_eq!(tables.len(), 1);
        let row = &tables[0].rows[0];
        let cell = |c: Column| {
            row.cells
                .iter()
                .find(|x| x.column == c)
                .map(|x| &t[x.start..x.end])
        };
        assert_eq!(cell(Column::Task), Some("建设 智慧城市"));
        assert_eq!(cell(Column::Lead), Some("市发改委"));
        assert_eq!(cell(Column::Cooperate), Some("市财政局、市统计局"));
    }

    #[test]
    fn cell_per_line() {
        let t = "序号\n工作任务\n牵头单位\n1\n推进A\n市发改委\n2\n推进B\n市财政局\n\n落款";
        let tables = find_tables(t);
        assert_eq!(tables[0].rows.len(), 2);
        assert_eq!(tables[0].rows[1].number, "2");
    }
}
