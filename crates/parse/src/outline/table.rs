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

const HEADERS: &[(&str, Column)] = &[
    ("序号", Column::Number),
    ("编号", Column::Number),
    ("牵头单位", Column::Lead),
    ("牵头部门", Column::Lead),
    ("牵头责任单位", Column::Lead),
    ("主要责任单位", Column::Lead),
    ("配合单位", Column::Cooperate),
    ("配合部门", Column::Cooperate),
    ("协办单位", Column::Cooperate),
    ("参与单位", Column::Cooperate),
    ("责任单位", Column::Responsible),
    ("责任部门", Column::Responsible),
    ("责任领导", Column::Supervisor),
    ("分管领导", Column::Supervisor),
    ("牵头领导", Column::Supervisor),
    ("牵头市领导", Column::Supervisor),
    ("牵头省领导", Column::Supervisor),
    ("完成时限", Column::Deadline),
    ("完成时间", Column::Deadline),
    ("时间节点", Column::Deadline),
    ("时限", Column::Deadline),
    ("备注", Column::Other),
    ("工作目标", Column::Other),
    ("目标要求", Column::Other),
];

/// Header words for the task column (any header ending in one of these).
const TASK_HEADERS: &[&str] = &[
    "任务",
    "内容",
    "事项",
    "措施",
    "项目",
    "项目名称",
    "重点工作",
    "工作",
];

fn column(cell: &str) -> Option<Column> {
    let cell = cell.trim();
    HEADERS
        .iter()
        .find(|(h, _)| *h == cell)
        .map(|(_, c)| *c)
        .or_else(|| {
            (cell.chars().count() <= 8 && TASK_HEADERS.iter().any(|t| cell.ends_with(t)))
                .then_some(Column::Task)
        })
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

fn is_number_cell(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit())
}

fn section_row(line: &str) -> bool {
    marker(line).is_some_and(|m| matches!(m.style, Style::CnComma | Style::Part))
}

/// Finds flattened tables in `text`.
pub fn find_tables(text: &str) -> Vec<Table> {
    let all: Vec<(usize, &str)> = lines(text).collect();
    let mut tables = Vec::new();
    let mut i = 0;
    while i < all.len() {
        // One row per line: a header line whose cells are all column names.
        let cells = split_cells(all[i].1);
        let cols: Option<Vec<Column>> = cells
            .iter()
            .map(|&(a, b)| column(&all[i].1[a..b]))
            .collect();
        if let Some(cols) = cols.filter(|c| cells.len() >= 3 && usable_header(c)) {
            let (table, next) = rows_per_line(&all, i, &cols, text.len());
            if !table.rows.is_empty() {
                tables.push(table);
                i = next;
                continue;
            }
        }
        // One cell per line: consecutive lines that are each one column name.
        let mut cols = Vec::new();
        while let Some(c) = all.get(i + cols.len()).and_then(|l| column(l.1)) {
            cols.push(c);
        }
        if usable_header(&cols) {
            let (table, next) = cell_per_line(&all, i, &cols, text.len());
            if !table.rows.is_empty() {
                tables.push(table);
                i = next;
                continue;
            }
        }
        i += 1;
    }
    tables
}

fn rows_per_line(
    all: &[(usize, &str)],
    header: usize,
    cols: &[Column],
    text_len: usize,
) -> (Table, usize) {
    let mut table = Table {
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
        if section_row(line) {
            section = Some(line.trim().to_owned());
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

fn cell_per_line(
    all: &[(usize, &str)],
    header: usize,
    cols: &[Column],
    text_len: usize,
) -> (Table, usize) {
    let mut table = Table {
        start: all[header].0,
        end: all[header].0,
        rows: Vec::new(),
        warnings: Vec::new(),
    };
    let mut section = None;
    let mut i = header + cols.len();
    while i < all.len() {
        let (lo, line) = all[i];
        if section_row(line) {
            section = Some(line.trim().to_owned());
            i += 1;
            continue;
        }
        if !is_number_cell(line) {
            if !line.trim().is_empty() && table.rows.is_empty() {
                table
                    .warnings
                    .push((lo, "table header is not followed by a numbered row".into()));
            }
            break;
        }
        if i + cols.len() > all.len() {
            table
                .warnings
                .push((lo, "table row is cut short at the end of the text".into()));
            break;
        }
        let cells: Vec<Cell> = cols
            .iter()
            .enumerate()
            .map(|(k, &column)| {
                let (s, l) = all[i + k];
                let lead = l.len() - l.trim_start().len();
                Cell {
                    column,
                    start: s + lead,
                    end: s + l.trim_end().len(),
                }
            })
            .collect();
        let last = all[i + cols.len() - 1];
        table.rows.push(Row {
            number: line.trim().to_owned(),
            section: section.clone(),
            cells,
            start: lo,
            end: last.0 + last.1.len(),
        });
        i += cols.len();
    }
    if let Some(next) = all.get(i) {
        if is_number_cell(next.1) {
            table.warnings.push((
                next.0,
                "table rows could not be aligned from here on".into(),
            ));
        }
    }
    table.end = all.get(i).map_or(text_len, |l| l.0);
    (table, i)
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
