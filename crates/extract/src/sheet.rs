//! Excel workbooks (`.xlsx`, `.xls`, and WPS `.et` saved as either) through calamine: every
//! sheet with text, merged cells filled down (a 牵头单位 merged over three tasks leads all
//! three), a row with one value across the table (a title, a category) as a plain line, other
//! rows as `| a | b |`. Each row cites its sheet and cells.

use crate::build::Builder;
use crate::{ExtractError, Extracted, Format, Location};
use calamine::{Data, Dimensions, Reader, Sheets};
use std::io::Cursor;

pub fn extract(bytes: &[u8], format: Format) -> Result<Extracted, ExtractError> {
    if format == Format::Xlsx {
        check_dimensions(bytes)?;
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

/// `<dimension ref="A1:E10">` of each sheet must run forward: calamine trusts it and sizes its
/// grid from it (a reversed one overflows).
fn check_dimensions(bytes: &[u8]) -> Result<(), ExtractError> {
    let mut zip = crate::docx::open_zip(bytes)?;
    let names: Vec<String> = zip
        .file_names()
        .filter(|n| n.starts_with("xl/worksheets/") && n.ends_with(".xml"))
        .map(str::to_owned)
        .collect();
    for name in names {
        let Some(xml) = crate::docx::read_part(&mut zip, &name)? else {
            continue;
        };
        let Some(at) = xml.find("<dimension") else {
            continue;
        };
        let tag = &xml[at..xml[at..].find('>').map_or(xml.len(), |e| at + e)];
        let Some(r) = tag.split("ref=\"").nth(1).and_then(|r| r.split('"').next()) else {
            continue;
        };
        if let Some((a, b)) = r.split_once(':') {
            let (ra, ca) = cell_ref(a);
            let (rb, cb) = cell_ref(b);
            if rb < ra || cb < ca {
                return Err(ExtractError::Damaged(format!(
                    "{name} gives its extent as {r}, which runs backwards"
                )));
            }
        }
    }
    Ok(())
}

/// `B12` → (12, 2); letters and digits that are not there count as 0.
fn cell_ref(r: &str) -> (u64, u64) {
    let col = r
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .fold(0u64, |c, b| {
            c.saturating_mul(26)
                .saturating_add(u64::from(b.to_ascii_uppercase() - b'A' + 1))
        });
    let row = r
        .bytes()
        .skip_while(u8::is_ascii_alphabetic)
        .take_while(u8::is_ascii_digit)
        .fold(0u64, |n, b| {
            n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
        });
    (row, col)
}

fn read_book(bytes: &[u8], format: Format) -> Result<Extracted, ExtractError> {
    let mut book: Sheets<Cursor<&[u8]>> = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| ExtractError::Damaged(format!("cannot open the workbook: {e}")))?;
    let mut out = Builder::new();
    let mut notes = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| ExtractError::Damaged(format!("cannot read sheet {name}: {e}")))?;
        let merged = match &mut book {
            Sheets::Xlsx(x) => x
                .worksheet_merge_cells(&name)
                .and_then(Result::ok)
                .unwrap_or_default(),
            Sheets::Xls(x) => x.worksheet_merge_cells(&name).unwrap_or_default(),
            _ => Vec::new(),
        };
        let rows = write_sheet(&name, &range, &merged, &mut out);
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

/// Writes a sheet's rows; returns how many were written.
fn write_sheet(
    name: &str,
    range: &calamine::Range<Data>,
    merged: &[Dimensions],
    out: &mut Builder,
) -> usize {
    let Some((r0, c0)) = range.start() else {
        return 0;
    };
    let (height, width) = range.get_size();
    let mut grid: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(cell_text).collect())
        .collect();
    // A merged region's value stands in its first column on every row it covers.
    for m in merged {
        let (top, left) = (m.start.0.saturating_sub(r0), m.start.1.saturating_sub(c0));
        let value = grid
            .get(top as usize)
            .and_then(|r| r.get(left as usize))
            .cloned()
            .unwrap_or_default();
        for r in m.start.0.max(r0)..=m.end.0 {
            if let Some(cell) = grid
                .get_mut((r - r0) as usize)
                .and_then(|row| row.get_mut(left as usize))
            {
                cell.clone_from(&value);
            }
        }
    }
    // The width of the table: the last column any row fills.
    let used = grid
        .iter()
        .filter_map(|r| r.iter().rposition(|c| !c.is_empty()))
        .max()
        .map_or(0, |c| c + 1)
        .min(width);
    let mut written = 0;
    out.line_break();
    for (i, row) in grid.iter().enumerate().take(height) {
        let filled: Vec<&String> = row.iter().filter(|c| !c.is_empty()).collect();
        if filled.is_empty() {
            continue;
        }
        let abs_row = r0 as usize + i + 1;
        out.locate(Location::Sheet {
            sheet: name.to_owned(),
            row: abs_row,
            cells: format!(
                "{}{abs_row}:{}{abs_row}",
                column_name(c0),
                column_name(c0 + used.saturating_sub(1) as u32)
            ),
        });
        if filled.len() == 1 {
            out.push_str(filled[0], None);
            out.line_break();
        } else {
            let cells: Vec<Builder> = row[..used]
                .iter()
                .map(|c| {
                    let mut b = Builder::new();
                    b.push_str(c, None);
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
