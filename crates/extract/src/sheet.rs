//! Excel workbooks (`.xlsx`, `.xls`, and WPS `.et` saved as either) through calamine: every
//! sheet with text, merged cells filled down (a 牵头单位 merged over three tasks leads all
//! three), a row with one value across the table (a title, a category) as a plain line, other
//! rows as `| a | b |`. Each row cites its sheet and cells.

use crate::build::Builder;
use crate::{ExtractError, Extracted, Format, Location};
use calamine::{Data, Dimensions, Reader, Sheets};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Cursor;

/// The most filled cells a workbook may hold: 100,000 rows of ten columns, far beyond any plan.
/// Memory grows with filled cells only (a sheet is never sized by its extent), so this is a bound
/// on work, and a workbook past it is refused with the cell where the count ran out.
const MAX_CELLS: usize = 2_000_000;

pub fn extract(bytes: &[u8], format: Format) -> Result<Extracted, ExtractError> {
    if format == Format::Xlsx {
        crate::docx::check_sizes(bytes)?;
    }
    // calamine asserts on some damaged files rather than erring: a damaged workbook is an
    // error to report, not a reason to stop.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_book(bytes, format)))
        .unwrap_or_else(|_| {
            Err(ExtractError::Damaged(
                "the workbook is damaged (its reader gave up on it)".into(),
            ))
        })
}

/// A sheet's filled cells, (row, column, text), in reading order.
type Cells = Vec<(u32, u32, String)>;

/// Reads one sheet's filled cells. An `.xlsx` sheet is streamed cell by cell: its declared
/// extent (`<dimension>`) and the span between a near and a far cell (`A1` and `XFD1048576`)
/// cost nothing, where a grid sized by them would need hundreds of gigabytes.
fn read_cells(
    book: &mut Sheets<Cursor<&[u8]>>,
    name: &str,
    budget: &mut usize,
) -> Result<Cells, ExtractError> {
    let damaged =
        |e: &dyn std::fmt::Display| ExtractError::Damaged(format!("cannot read sheet {name}: {e}"));
    let mut cells = Vec::new();
    let mut keep = |row: u32, col: u32, text: String| -> Result<(), ExtractError> {
        if text.is_empty() {
            return Ok(());
        }
        if *budget == 0 {
            return Err(ExtractError::Damaged(format!(
                "sheet {name} has more than {MAX_CELLS} filled cells (the count ran out at {}{}); \
                 no plan is that large: split the workbook or save the plan's sheet alone",
                column_name(col),
                row + 1
            )));
        }
        *budget -= 1;
        cells.push((row, col, text));
        Ok(())
    };
    match book {
        Sheets::Xlsx(x) => {
            let mut reader = x.worksheet_cells_reader(name).map_err(|e| damaged(&e))?;
            while let Some(cell) = reader.next_cell().map_err(|e| damaged(&e))? {
                let (row, col) = cell.get_position();
                keep(row, col, cell_text(&Data::from(cell.get_value().clone())))?;
            }
        }
        // .xls sheets are bounded by the format (65,536 × 256); calamine has them in memory.
        other => {
            let range = other.worksheet_range(name).map_err(|e| damaged(&e))?;
            for (r, c, d) in range.used_cells() {
                let (r0, c0) = range.start().unwrap_or((0, 0));
                keep(r0 + r as u32, c0 + c as u32, cell_text(d))?;
            }
        }
    }
    cells.sort_by_key(|&(r, c, _)| (r, c));
    Ok(cells)
}

fn read_book(bytes: &[u8], format: Format) -> Result<Extracted, ExtractError> {
    let mut book: Sheets<Cursor<&[u8]>> = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| ExtractError::Damaged(format!("cannot open the workbook: {e}")))?;
    let mut out = Builder::new();
    let mut notes = Vec::new();
    let mut budget = MAX_CELLS;
    for name in book.sheet_names() {
        let cells = read_cells(&mut book, &name, &mut budget)?;
        let merged = match &mut book {
            Sheets::Xlsx(x) => x
                .worksheet_merge_cells(&name)
                .and_then(Result::ok)
                .unwrap_or_default(),
            Sheets::Xls(x) => x.worksheet_merge_cells(&name).unwrap_or_default(),
            _ => Vec::new(),
        };
        let rows = write_sheet(&name, cells, &merged, &mut out);
        if rows > 0 {
            notes.push(format!("sheet {name}: {rows} row(s)"));
        }
    }
    if out.is_empty() {
        return Err(ExtractError::Damaged("the workbook holds no text".into()));
    }
    let mut e = out.finish(format, "UTF-8");
    e.notes.insert(0, format!("workbook ({})", format.name()));
    e.notes.extend(notes);
    Ok(e)
}

/// Column letters of 0-based column `c`: 0 → A, 25 → Z, 26 → AA.
pub fn column_name(mut c: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A cell's value as a reader sees it: whole numbers without `.0`, dates as ISO dates.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::DateTime(dt) => iso_date(dt.as_f64()).unwrap_or_else(|| d.to_string()),
        other => other.to_string(),
    }
}

/// An Excel serial date (days since 1899-12-30) as `YYYY-MM-DD`.
fn iso_date(serial: f64) -> Option<String> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // Days from 1970-01-01, then the civil-from-days algorithm (H. Hinnant).
    let z = serial.floor() as i64 - 25569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Writes a sheet's rows; returns how many were written. Only columns that hold a value
/// somewhere are written, so a stray far cell adds one column, not thousands.
fn write_sheet(name: &str, cells: Cells, merged: &[Dimensions], out: &mut Builder) -> usize {
    let mut rows: BTreeMap<u32, BTreeMap<u32, String>> = BTreeMap::new();
    for (r, c, text) in cells {
        rows.entry(r).or_default().insert(c, text);
    }
    // A merged region's value stands in its first column on every row it covers that holds
    // something else (a 牵头单位 merged down over three tasks leads all three); rows the region
    // alone covers add nothing a reader would see.
    for m in merged.iter().filter(|m| m.end.0 > m.start.0) {
        let Some(value) = rows
            .get(&m.start.0)
            .and_then(|r| r.get(&m.start.1))
            .cloned()
        else {
            continue;
        };
        for (_, row) in rows.range_mut(m.start.0 + 1..=m.end.0) {
            row.insert(m.start.1, value.clone());
        }
    }
    let columns: BTreeSet<u32> = rows.values().flat_map(|r| r.keys().copied()).collect();
    let (Some(&first), Some(&last)) = (columns.first(), columns.last()) else {
        return 0;
    };
    let mut written = 0;
    out.line_break();
    for (r, row) in &rows {
        let abs_row = *r as usize + 1;
        out.locate(Location::Sheet {
            sheet: name.to_owned(),
            row: abs_row,
            cells: format!(
                "{}{abs_row}:{}{abs_row}",
                column_name(first),
                column_name(last)
            ),
        });
        if row.len() == 1 {
            if let Some(only) = row.values().next() {
                out.push_str(only, None);
            }
            out.line_break();
        } else {
            let cells: Vec<Builder> = columns
                .iter()
                .map(|c| {
                    let mut b = Builder::new();
                    b.push_str(row.get(c).map_or("", String::as_str), None);
                    b
                })
                .collect();
            out.row(&cells);
        }
        written += 1;
    }
    out.line_break();
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_and_dates_as_excel_names_them() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
        // 45292 is 2024-01-01 in Excel's 1900 date system; 45657 is 2024-12-31.
        assert_eq!(iso_date(45292.0).as_deref(), Some("2024-01-01"));
        assert_eq!(iso_date(45657.5).as_deref(), Some("2024-12-31"));
    }
}
