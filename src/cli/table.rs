//! Aligned text tables for people: CJK characters take two terminal columns.

use std::io::Write;

/// Terminal width of a string.
pub fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if (c as u32) >= 0x1100 && !matches!(c as u32, 0x2000..=0x206F) {
                2
            } else {
                1
            }
        })
        .sum()
}

/// `s` cut to at most `max` columns, with `…` where it was cut.
pub fn clip(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = width(c.encode_utf8(&mut [0u8; 4]));
        if w + cw > max.saturating_sub(1) {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// A long cell (a task whose title is a whole paragraph) cut to 60 columns on a terminal,
/// where rows would otherwise wrap into each other; whole when the output goes to a file or a
/// pipe, for reading by programs.
pub fn fit(s: &str) -> String {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        clip(s, 60)
    } else {
        s.to_owned()
    }
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

/// Writes `rows` under `headers`, columns two spaces apart, each line indented by `indent`.
pub fn write(
    out: &mut impl Write,
    indent: &str,
    headers: &[&str],
    rows: &[Vec<String>],
) -> std::io::Result<()> {
    let widths: Vec<usize> = (0..headers.len())
        .map(|k| {
            rows.iter()
                .filter_map(|r| r.get(k))
                .map(|c| width(c))
                .chain([width(headers[k])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        cells
            .enumerate()
            .map(|(k, c)| pad(c, widths[k]))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    writeln!(out, "{indent}{}", line(&mut headers.iter().copied()))?;
    for r in rows {
        writeln!(out, "{indent}{}", line(&mut r.iter().map(String::as_str)))?;
    }
    Ok(())
}
