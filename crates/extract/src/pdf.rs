//! PDF files with a text layer, through `pdftotext` (poppler-utils): text in reading order,
//! page by page; the running header and footer lines that repeat on most pages and the page
//! numbers dropped; lines re-joined where the page width broke a sentence or a name
//! (`市住房` / `城乡建设局配合`). Each line cites its page and line.
//!
//! Why poppler rather than a Rust PDF crate: plans are set in Chinese CID fonts (STSong,
//! FangSong_GB2312, often not embedded), which poppler maps through its CMaps
//! (poppler-data); the pure-Rust extractors we tried return nothing or mojibake for them.

use crate::build::Builder;
use crate::{child, ExtractError, Extracted, Format, Location};
use std::process::{Command, Stdio};
use std::time::Duration;

/// The tool, overridable for installs outside `PATH`.
fn pdftotext() -> String {
    std::env::var("FENGONG_PDFTOTEXT").unwrap_or_else(|_| "pdftotext".into())
}

/// A PDF bigger than a plan could take a long time; poppler gets this long.
const TIMEOUT: Duration = Duration::from_secs(120);

pub fn extract(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let text = run_pdftotext(bytes)?;
    let pages: Vec<&str> = text.split('\u{c}').collect();
    let pages: Vec<Vec<&str>> = pages
        .iter()
        .map(|p| p.lines().map(str::trim_end).collect())
        .collect();
    let furniture = running_lines(&pages);
    // pdftotext writes each text block (a paragraph flow, a table cell) as lines with a
    // blank line after it; blocks are kept apart, lines within one joined where wrapped.
    let mut lines: Vec<Line> = Vec::new();
    let mut block = 0;
    for (p, page) in pages.iter().enumerate() {
        block += 1;
        for (l, line) in page.iter().enumerate() {
            let t = line.trim();
            if t.is_empty() {
                block += 1;
                continue;
            }
            // Page numbers stand at the top or bottom of a page; a `1` inside is a 序号 cell.
            let edge = page[..l].iter().all(|x| x.trim().is_empty())
                || page[l + 1..].iter().all(|x| x.trim().is_empty());
            if furniture.contains(&t.to_owned()) || (edge && is_page_number(t)) {
                continue;
            }
            lines.push(Line {
                page: p + 1,
                line: l + 1,
                block,
                text: t.to_owned(),
            });
        }
    }
    if lines.is_empty() {
        return Err(ExtractError::NoTextLayer);
    }
    let full = full_width(&lines);
    let mut block_width: std::collections::HashMap<usize, usize> = Default::default();
    for l in &lines {
        let w = block_width.entry(l.block).or_default();
        *w = (*w).max(width(&l.text));
    }
    let mut out = Builder::new();
    let mut joined = 0;
    for (i, l) in lines.iter().enumerate() {
        let joins = i > 0 && {
            let prev = &lines[i - 1];
            if prev.block == l.block {
                continues(&prev.text, &l.text, block_width[&l.block])
            } else {
                // A paragraph running on over a page break.
                prev.page != l.page && continues(&prev.text, &l.text, full)
            }
        };
        if joins {
            joined += 1;
        } else {
            out.line_break();
            if i > 0 && lines[i - 1].block != l.block {
                out.blank_line();
            }
            out.locate(Location::Page {
                page: l.page,
                line: l.line,
            });
        }
        out.push_str(&l.text, None);
    }
    let mut e = out.finish(Format::Pdf, "UTF-8");
    e.notes.push(format!(
        "PDF, {} page(s) read with pdftotext; {} wrapped line(s) re-joined",
        pages
            .iter()
            .filter(|p| p.iter().any(|l| !l.trim().is_empty()))
            .count(),
        joined
    ));
    if !furniture.is_empty() {
        e.notes.push(format!(
            "page header/footer dropped: {}",
            furniture.join(" / ")
        ));
    }
    Ok(e)
}

/// A line of a page as pdftotext wrote it, with the text block it belongs to.
struct Line {
    page: usize,
    line: usize,
    block: usize,
    text: String,
}

fn run_pdftotext(bytes: &[u8]) -> Result<String, ExtractError> {
    let tool = pdftotext();
    let child = Command::new(&tool)
        .args(["-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            ExtractError::Tool(format!(
                "reading a PDF needs `{tool}` ({e}): install poppler-utils and poppler-data \
                 (Debian: sudo apt-get install poppler-utils poppler-data)"
            ))
        })?;
    let output = child::run(child, bytes, TIMEOUT).map_err(|e| match e {
        child::Failed::TimedOut => ExtractError::Tool(format!(
            "{tool} took more than {} s on this PDF; it was stopped",
            TIMEOUT.as_secs()
        )),
        child::Failed::Wait(e) => ExtractError::Tool(format!("{tool} failed: {e}")),
    })?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        if stderr.contains("Incorrect password") || stderr.contains("encrypted") {
            return Err(ExtractError::Encrypted);
        }
        let first = stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        return Err(ExtractError::Damaged(format!(
            "pdftotext could not read it: {first}"
        )));
    }
    if stderr.contains("Missing language pack") {
        return Err(ExtractError::Tool(
            "the PDF's Chinese fonts need poppler's CMaps: install poppler-data \
             (Debian: sudo apt-get install poppler-data)"
                .into(),
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Lines that stand at the top or bottom of most pages (a running header such as
/// `某市人民政府办公室文件`): furniture, not text. Needs three pages or two identical.
fn running_lines(pages: &[Vec<&str>]) -> Vec<String> {
    let real: Vec<&Vec<&str>> = pages
        .iter()
        .filter(|p| p.iter().any(|l| !l.trim().is_empty()))
        .collect();
    if real.len() < 2 {
        return Vec::new();
    }
    let mut counts: std::collections::HashMap<String, usize> = Default::default();
    for p in &real {
        let text: Vec<&str> = p
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect();
        let edge: std::collections::HashSet<&str> = text
            .iter()
            .take(2)
            .chain(text.iter().rev().take(2))
            .copied()
            .collect();
        for l in edge {
            *counts.entry(l.to_owned()).or_default() += 1;
        }
    }
    let need = (real.len() * 2).div_ceil(3).max(2);
    let mut out: Vec<String> = counts
        .into_iter()
        .filter(|(l, n)| *n >= need && !is_page_number(l) && l.chars().count() <= 40)
        .map(|(l, _)| l)
        .collect();
    out.sort();
    out
}

/// `3`, `- 3 -`, `—3—`, `第3页`, `第 3 页 共 9 页`, `3/9`.
fn is_page_number(t: &str) -> bool {
    let core: String = t
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '—' | '–' | '－' | '·'))
        .collect();
    let core = core.trim_start_matches('第');
    let digits = core.trim_start_matches(|c: char| c.is_ascii_digit());
    if digits.len() == core.len() {
        return false;
    }
    matches!(digits, "" | "页")
        || digits
            .strip_prefix('/')
            .is_some_and(|r| r.chars().all(|c| c.is_ascii_digit()))
        || digits
            .strip_prefix("页共")
            .is_some_and(|r| r.trim_end_matches('页').chars().all(|c| c.is_ascii_digit()))
}

/// Display width of a line: wide characters count two.
fn width(t: &str) -> usize {
    t.chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum()
}

/// The width of a full line: lines at least this wide were broken by the page, not by the
/// author. The widest lines' common width (the 80th percentile, so a long heading or a
/// table row does not set it).
fn full_width(lines: &[Line]) -> usize {
    let mut w: Vec<usize> = lines.iter().map(|l| width(&l.text)).collect();
    w.sort_unstable();
    w.get(w.len() * 4 / 5).copied().unwrap_or(0)
}

/// Whether line `next` goes on from `prev` (a line the page width broke).
fn continues(prev: &str, next: &str, full: usize) -> bool {
    if full < 4 || width(prev) * 100 < full * 90 {
        return false;
    }
    // A title above a table's first cell: `…责任分工表` / `序号`.
    // …or a category row above the next row's 序号 (`一、教育医疗` / `1`).
    let number = !next.is_empty() && next.chars().all(|c| c.is_ascii_digit());
    if TITLE_ENDS.iter().any(|e| prev.ends_with(e)) || next == "序号" || number {
        return false;
    }
    // A paragraph that ends flush with the margin is joined to the next unless that opens
    // a numbered item: pdftotext drops the indentation that would tell.
    !starts_item(next)
}

/// How plan titles end; a line ending so is not wrapped into the next.
const TITLE_ENDS: &[&str] = &[
    "分工表",
    "责任表",
    "任务表",
    "清单",
    "方案",
    "要点",
    "计划",
    "意见",
    "通知",
    "分解表",
];

/// A line that opens a numbered item: `一、` `（一）` `1.` `（1）` `第一条`.
fn starts_item(t: &str) -> bool {
    let t = t.trim_start();
    let mut chars = t.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if matches!(first, '（' | '(') {
        let inner: String = chars.take_while(|c| !matches!(c, '）' | ')')).collect();
        return !inner.is_empty()
            && inner.chars().count() <= 3
            && inner
                .chars()
                .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    }
    if first == '第' {
        return t.contains('条') && t.find('条').is_some_and(|i| i <= 15);
    }
    if "一二三四五六七八九十".contains(first) || first.is_ascii_digit() {
        let rest = t
            .trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
        return rest.starts_with(['、', '.', '．']) && !rest.starts_with(".0");
    }
    ('①'..='⑳').contains(&first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_in_their_usual_forms() {
        for t in [
            "3",
            "- 3 -",
            "—3—",
            "— 12 —",
            "第3页",
            "第 3 页 共 9 页",
            "3/9",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["3个", "2024年", "一、总体要求", "1.推进", "第三条"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn wrapped_lines_join_and_items_do_not() {
        let full = width("（一）实施重大项目攻坚行动。全年实施市重点项目300个以");
        assert!(continues(
            "（一）实施重大项目攻坚行动。全年实施市重点项目300个以",
            "上，完成投资1200亿元。",
            full
        ));
        assert!(!continues(
            "（一）实施重大项目攻坚行动。全年实施市重点项目300个以",
            "（二）全力促进消费扩容提质。",
            full
        ));
        assert!(!continues("一、扩大有效需求", "（一）实施重大项目", full));
    }
}
