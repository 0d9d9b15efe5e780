//! Word `.docx`: the body's paragraphs and tables in document order, Word's automatic
//! numbering written out as the reader sees it (a heading `一、` is often only in
//! `numbering.xml`), and tables with merged cells (`gridSpan` across, `vMerge` down) filled
//! in. Each paragraph and table row cites where it stands in the document.

use crate::build::Builder;
use crate::{ExtractError, Extracted, Format, Location};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// No part of a real plan comes near this; a zip bomb would.
const PART_LIMIT: u64 = 256 << 20;

pub fn extract(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let mut zip = open_zip(bytes)?;
    let document = read_part(&mut zip, "word/document.xml")?.ok_or_else(|| {
        ExtractError::Damaged("it has no word/document.xml: not a Word document".into())
    })?;
    let numbering = Numbering::read(
        read_part(&mut zip, "word/numbering.xml")?.as_deref(),
        read_part(&mut zip, "word/styles.xml")?.as_deref(),
    );
    let mut body = Body::new(numbering);
    body.read(&document)?;
    let tables = body.tables_seen;
    let mut e = body.out.finish(Format::Docx, "UTF-8");
    if e.text.trim().is_empty() {
        return Err(ExtractError::Damaged(
            "the Word document holds no text (only images? then it needs OCR)".into(),
        ));
    }
    e.notes.push("Word document (.docx)".into());
    if body.numbered > 0 {
        e.notes.push(format!(
            "{} paragraph number(s) from Word's automatic numbering",
            body.numbered
        ));
    }
    if tables > 0 {
        e.notes.push(format!("{tables} table(s) read as rows"));
    }
    Ok(e)
}

pub(crate) fn open_zip(bytes: &[u8]) -> Result<zip::ZipArchive<Cursor<&[u8]>>, ExtractError> {
    zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        ExtractError::Damaged(format!(
            "it is not a readable zip archive ({e}); the download may be cut off"
        ))
    })
}

/// Refuses an archive with a part that says it unpacks to more than any plan (a zip bomb),
/// before a reader streams through it.
pub(crate) fn check_sizes(bytes: &[u8]) -> Result<(), ExtractError> {
    let mut zip = open_zip(bytes)?;
    for i in 0..zip.len() {
        if let Ok(f) = zip.by_index_raw(i) {
            if f.size() > PART_LIMIT {
                return Err(ExtractError::Damaged(format!(
                    "{} unpacks to {} MB, more than any plan; refusing it",
                    f.name(),
                    f.size() >> 20
                )));
            }
        }
    }
    Ok(())
}

/// A part of the archive as text, `None` if the archive has no such part.
pub(crate) fn read_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, ExtractError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(ExtractError::Damaged(format!("cannot read {name}: {e}"))),
    };
    if file.size() > PART_LIMIT {
        return Err(ExtractError::Damaged(format!(
            "{name} unpacks to {} MB, more than any plan; refusing it",
            file.size() >> 20
        )));
    }
    let mut out = Vec::new();
    file.take(PART_LIMIT)
        .read_to_end(&mut out)
        .map_err(|e| ExtractError::Damaged(format!("cannot unpack {name}: {e}")))?;
    String::from_utf8(out)
        .map(Some)
        .map_err(|_| ExtractError::Damaged(format!("{name} is not UTF-8 XML")))
}

fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| {
            a.decode_and_unescape_value(e.decoder())
                .ok()
                .map(|v| v.into_owned())
        })
}

fn int_attr(e: &BytesStart<'_>, name: &[u8]) -> Option<usize> {
    attr(e, name).and_then(|v| v.trim().parse().ok())
}

/// How a level of a list numbers its paragraphs.
#[derive(Debug, Clone, Default)]
struct Level {
    start: usize,
    format: String,
    text: String,
    /// What follows the number: a tab (the default), a space or nothing.
    suffix: String,
}

/// `numbering.xml` and the numbering that paragraph styles carry (`styles.xml`).
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    /// numId → (abstractNumId, start overrides by level).
    nums: HashMap<String, (String, HashMap<usize, usize>)>,
    /// styleId → (numId, level), through `basedOn` where the style has none itself.
    styles: HashMap<String, (String, usize)>,
    /// Current count by numId and level.
    counters: HashMap<String, Vec<Option<usize>>>,
}

impl Numbering {
    fn read(numbering: Option<&str>, styles: Option<&str>) -> Numbering {
        let mut n = Numbering::default();
        if let Some(xml) = numbering {
            n.read_numbering(xml);
        }
        if let Some(xml) = styles {
            n.read_styles(xml);
        }
        n
    }

    fn read_numbering(&mut self, xml: &str) {
        let mut r = Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut num: Option<(String, String, HashMap<usize, usize>)> = None;
        let mut override_level: Option<usize> = None;
        loop {
            let ev = match r.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(ev) => ev,
            };
            match ev {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    b"abstractNum" => abstract_id = attr(&e, b"w:abstractNumId"),
                    b"lvl" if abstract_id.is_some() => {
                        level = Some((
                            int_attr(&e, b"w:ilvl").unwrap_or(0),
                            Level {
                                start: 1,
                                format: "decimal".into(),
                                suffix: "tab".into(),
                                ..Level::default()
                            },
                        ))
                    }
                    b"start" => {
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), int_attr(&e, b"w:val")) {
                            l.start = v;
                        }
                    }
                    // A level's properties, each the `w:val` of its element.
                    field @ (b"numFmt" | b"lvlText" | b"suff") => {
                        if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(&e, b"w:val")) {
                            *match field {
                                b"numFmt" => &mut l.format,
                                b"lvlText" => &mut l.text,
                                _ => &mut l.suffix,
                            } = v;
                        }
                    }
                    b"num" => {
                        if let Some(id) = attr(&e, b"w:numId") {
                            num = Some((id, String::new(), HashMap::new()));
                        }
                    }
                    b"abstractNumId" => {
                        if let (Some(n), Some(v)) = (num.as_mut(), attr(&e, b"w:val")) {
                            n.1 = v;
                        }
                    }
                    b"lvlOverride" => override_level = int_attr(&e, b"w:ilvl"),
                    b"startOverride" => {
                        if let (Some(n), Some(l), Some(v)) =
                            (num.as_mut(), override_level, int_attr(&e, b"w:val"))
                        {
                            n.2.insert(l, v);
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    b"lvl" => {
                        if let (Some(id), Some((i, l))) = (abstract_id.as_ref(), level.take()) {
                            let levels = self.abstracts.entry(id.clone()).or_default();
                            if levels.len() <= i {
                                levels.resize(i + 1, Level::default());
                            }
                            levels[i] = l;
                        }
                    }
                    b"abstractNum" => abstract_id = None,
                    b"num" => {
                        if let Some((id, a, o)) = num.take() {
                            self.nums.insert(id, (a, o));
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
        }
    }

    fn read_styles(&mut self, xml: &str) {
        let mut r = Reader::from_str(xml);
        let mut style: Option<String> = None;
        let mut own: HashMap<String, (Option<String>, Option<usize>)> = HashMap::new();
        let mut based: HashMap<String, String> = HashMap::new();
        loop {
            let ev = match r.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(ev) => ev,
            };
            match ev {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    b"style" => style = attr(&e, b"w:styleId"),
                    b"basedOn" => {
                        if let (Some(s), Some(v)) = (style.as_ref(), attr(&e, b"w:val")) {
                            based.insert(s.clone(), v);
                        }
                    }
                    b"numId" => {
                        if let (Some(s), Some(v)) = (style.as_ref(), attr(&e, b"w:val")) {
                            own.entry(s.clone()).or_default().0 = Some(v);
                        }
                    }
                    b"ilvl" => {
                        if let (Some(s), Some(v)) = (style.as_ref(), int_attr(&e, b"w:val")) {
                            own.entry(s.clone()).or_default().1 = Some(v);
                        }
                    }
                    _ => {}
                },
                Event::End(e) if e.local_name().as_ref() == b"style" => style = None,
                _ => {}
            }
        }
        let ids: Vec<String> = own.keys().chain(based.keys()).cloned().collect();
        for id in ids {
            let mut at = Some(id.clone());
            // basedOn chains are short; the bound stops a cycle.
            for _ in 0..16 {
                let Some(s) = at else { break };
                if let Some((Some(num), lvl)) = own.get(&s) {
                    self.styles
                        .insert(id.clone(), (num.clone(), lvl.unwrap_or(0)));
                    break;
                }
                at = based.get(&s).cloned();
            }
        }
    }

    /// The number Word shows before the next paragraph of list `num` at `level`, counting it.
    fn next(&mut self, num: &str, level: usize) -> Option<String> {
        let (abstract_id, overrides) = self.nums.get(num)?;
        let levels = self.abstracts.get(abstract_id)?;
        let lvl = levels.get(level)?;
        if lvl.format == "none" || lvl.format == "bullet" {
            return None;
        }
        let start_of = |i: usize| {
            overrides
                .get(&i)
                .copied()
                .or_else(|| levels.get(i).map(|l| l.start))
                .unwrap_or(1)
        };
        let counts = self.counters.entry(num.to_owned()).or_default();
        if counts.len() <= level {
            counts.resize(level + 1, None);
        }
        counts[level] = Some(counts[level].map_or(start_of(level), |c| c + 1));
        counts.truncate(level + 1);
        let mut out = String::new();
        let mut chars = lvl.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d)) if d >= 1 => {
                    chars.next();
                    let i = d as usize - 1;
                    let n = counts
                        .get(i)
                        .copied()
                        .flatten()
                        .unwrap_or_else(|| start_of(i));
                    let format = levels.get(i).map_or("decimal", |l| l.format.as_str());
                    out.push_str(&format_number(n, format));
                }
                _ => out.push(c),
            }
        }
        if lvl.suffix != "nothing" && !out.ends_with(is_wide_punctuation) && !out.is_empty() {
            out.push(' ');
        }
        Some(out)
    }
}

fn is_wide_punctuation(c: char) -> bool {
    matches!(c, '、' | '）' | '．' | '。' | '，' | '】' | '〕' | '」')
}

/// A count in one of Word's number formats (`numFmt`).
fn format_number(n: usize, format: &str) -> String {
    match format {
        // LibreOffice writes Word's chineseCounting back as taiwaneseCountingThousand.
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => chinese(n),
        "ideographDigital" | "taiwaneseDigital" => n
            .to_string()
            .chars()
            .map(|c| {
                let d = c.to_digit(10).unwrap_or(0) as usize;
                "〇一二三四五六七八九".chars().nth(d).unwrap_or(c)
            })
            .collect(),
        "chineseLegalSimplified" => chinese(n)
            .chars()
            .map(|c| match "一二三四五六七八九十".find(c) {
                Some(i) => "壹贰叁肆伍陆柒捌玖拾"[i..].chars().next().unwrap_or(c),
                None => c,
            })
            .collect(),
        "ideographTraditional" => "甲乙丙丁戊己庚辛壬癸"
            .chars()
            .nth((n.max(1) - 1) % 10)
            .map_or_else(|| n.to_string(), String::from),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n as u32 - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32))
            .collect(),
        "upperLetter" => letters(n, b'A'),
        "lowerLetter" => letters(n, b'a'),
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "decimalZero" if n < 10 => format!("0{n}"),
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.
pub(crate) fn chinese(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n == 0 {
        return D[0].into();
    }
    if n >= 10000 {
        return n.to_string();
    }
    let parts = [
        (n / 1000, "千"),
        ((n / 100) % 10, "百"),
        ((n / 10) % 10, "十"),
    ];
    let mut out = String::new();
    let mut zero = false;
    for (d, unit) in parts {
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push_str(D[0]);
            zero = false;
        }
        if !(unit == "十" && d == 1 && out.is_empty()) {
            out.push_str(D[d]);
        }
        out.push_str(unit);
    }
    if !n.is_multiple_of(10) {
        if zero {
            out.push_str(D[0]);
        }
        out.push_str(D[n % 10]);
    }
    out
}

fn letters(n: usize, base: u8) -> String {
    let c = (base + ((n.max(1) - 1) % 26) as u8) as char;
    c.to_string().repeat((n.max(1) - 1) / 26 + 1)
}

fn roman(mut n: usize) -> String {
    const R: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in R {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// A table cell as read: its text, how many grid columns it spans, and whether it continues
/// a cell merged down from the row above.
#[derive(Debug, Default)]
struct Cell {
    text: Builder,
    span: usize,
    continues: bool,
}

#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<Cell>>,
}

/// The body being read: the text, the paragraph being written, the tables open.
struct Body {
    numbering: Numbering,
    out: Builder,
    paragraphs: usize,
    numbered: usize,
    tables_seen: usize,
    /// Open tables, innermost last (a table may sit in a cell of another).
    tables: Vec<Table>,
    /// The paragraph's list (numId, level) and style, as its properties say.
    num_id: Option<String>,
    num_level: Option<usize>,
    style: Option<String>,
    /// Text of the current paragraph, written once the paragraph ends (its number first).
    para: Builder,
    in_text: bool,
    in_run: bool,
    /// Depth inside elements whose text is not the document's (deleted text, field codes,
    /// the fallback copy of a drawing).
    skip: usize,
}

impl Body {
    fn new(numbering: Numbering) -> Body {
        Body {
            numbering,
            out: Builder::new(),
            paragraphs: 0,
            numbered: 0,
            tables_seen: 0,
            tables: Vec::new(),
            num_id: None,
            num_level: None,
            style: None,
            para: Builder::new(),
            in_text: false,
            in_run: false,
            skip: 0,
        }
    }

    fn read(&mut self, xml: &str) -> Result<(), ExtractError> {
        let mut r = Reader::from_str(xml);
        loop {
            let ev = r.read_event().map_err(|e| {
                ExtractError::Damaged(format!(
                    "word/document.xml is not well-formed XML near byte {}: {e}",
                    r.buffer_position()
                ))
            })?;
            match ev {
                Event::Eof => break,
                Event::Start(e) => self.open(&e, false),
                Event::Empty(e) => self.open(&e, true),
                Event::End(e) => self.close(e.local_name().as_ref()),
                Event::Text(t) if self.in_text && self.skip == 0 => {
                    let s = t.xml_content().unwrap_or_default();
                    self.para.push_str(&s, None);
                }
                Event::GeneralRef(g) if self.in_text && self.skip == 0 => {
                    let name = g.decode().unwrap_or_default();
                    let c = g
                        .resolve_char_ref()
                        .ok()
                        .flatten()
                        .map(String::from)
                        .or_else(|| {
                            quick_xml::escape::resolve_predefined_entity(&name).map(String::from)
                        });
                    if let Some(c) = c {
                        self.para.push_str(&c, None);
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn open(&mut self, e: &BytesStart<'_>, empty: bool) {
        let name = e.local_name();
        let name = name.as_ref();
        if self.skip > 0 {
            if !empty {
                self.skip += 1;
            }
            return;
        }
        match name {
            // Text boxes hold paragraphs inside a paragraph; they are drawings beside the
            // text (a stamp, a logo caption), not the plan.
            b"del" | b"instrText" | b"delText" | b"Fallback" | b"footnoteReference"
            | b"txbxContent"
                if !empty =>
            {
                self.skip = 1
            }
            b"p" => {
                self.paragraphs += 1;
                self.num_id = None;
                self.num_level = None;
                self.style = None;
                self.para = Builder::new();
                if empty {
                    self.close(b"p");
                }
            }
            b"pStyle" => self.style = attr(e, b"w:val"),
            b"numId" => self.num_id = attr(e, b"w:val"),
            b"ilvl" => self.num_level = int_attr(e, b"w:val"),
            b"t" => self.in_text = !empty,
            b"r" => self.in_run = !empty,
            // Tab stops and breaks count in runs only: `w:tabs` in paragraph properties
            // defines stops, it writes nothing.
            b"tab" if self.in_run => self.para.push_str("\t", None),
            b"br" | b"cr" if self.in_run => self.para.push_str(" ", None),
            b"tbl" => {
                self.tables_seen += 1;
                self.tables.push(Table::default());
            }
            b"tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(Vec::new());
                }
            }
            b"tc" => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    row.push(Cell {
                        span: 1,
                        ..Cell::default()
                    });
                }
            }
            b"gridSpan" => {
                if let Some(cell) = self.cell() {
                    cell.span = int_attr(e, b"w:val").unwrap_or(1).clamp(1, 64);
                }
            }
            b"vMerge" => {
                let restart = attr(e, b"w:val").is_some_and(|v| v == "restart");
                if let Some(cell) = self.cell() {
                    cell.continues = !restart;
                }
            }
            _ => {}
        }
    }

    fn cell(&mut self) -> Option<&mut Cell> {
        self.tables
            .last_mut()
            .and_then(|t| t.rows.last_mut())
            .and_then(|r| r.last_mut())
    }

    fn close(&mut self, name: &[u8]) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match name {
            b"t" => self.in_text = false,
            b"r" => self.in_run = false,
            b"p" => self.end_paragraph(),
            b"tbl" => {
                if let Some(t) = self.tables.pop() {
                    self.end_table(t);
                }
            }
            _ => {}
        }
    }

    fn end_paragraph(&mut self) {
        let mut number = None;
        let list = match (self.num_id.clone(), self.style.as_ref()) {
            (Some(id), _) => Some((id, self.num_level.unwrap_or(0))),
            (None, Some(s)) => self.numbering.styles.get(s).cloned(),
            _ => None,
        };
        // numId 0 switches numbering off for a paragraph whose style has it on.
        if let Some((id, level)) = list.filter(|(id, _)| id != "0") {
            if !self.para.is_empty() {
                number = self.numbering.next(&id, self.num_level.unwrap_or(level));
            }
        }
        let para = std::mem::take(&mut self.para);
        let mut line = Builder::new();
        if let Some(n) = number {
            self.numbered += 1;
            line.push_str(&n, None);
        }
        line.append(&para);
        match self.cell() {
            Some(cell) => {
                if !cell.text.is_empty() {
                    cell.text.line_break();
                }
                cell.text.append(&line);
            }
            None => {
                if !line.is_empty() {
                    self.out.locate(Location::Paragraph {
                        paragraph: self.paragraphs,
                    });
                    self.out.append(&line);
                    self.out.line_break();
                }
            }
        }
    }

    /// A table's grid with merged cells filled in, written as rows; a nested table's
    /// text goes into the cell that holds it.
    fn end_table(&mut self, table: Table) {
        let mut grid: Vec<Vec<Builder>> = Vec::with_capacity(table.rows.len());
        let mut own: Vec<usize> = Vec::with_capacity(table.rows.len());
        for row in table.rows {
            let mut line: Vec<Builder> = Vec::new();
            let mut cells = 0;
            for cell in row {
                let col = line.len();
                let text = if cell.continues {
                    grid.last()
                        .and_then(|above| above.get(col))
                        .cloned()
                        .unwrap_or_default()
                } else {
                    cells += 1;
                    cell.text
                };
                line.push(text);
                line.extend((1..cell.span).map(|_| Builder::new()));
            }
            own.push(cells);
            grid.push(line);
        }
        let width = grid.iter().map(Vec::len).max().unwrap_or(0);
        let number = self.tables_seen;
        if let Some(cell) = self.cell() {
            for line in &grid {
                for b in line.iter().filter(|b| !b.is_empty()) {
                    if !cell.text.is_empty() {
                        cell.text.push(' ', None);
                    }
                    cell.text.append(b);
                }
            }
            return;
        }
        self.out.line_break();
        for (r, mut line) in grid.into_iter().enumerate() {
            if line.iter().all(Builder::is_empty) {
                continue;
            }
            self.out.locate(Location::Table {
                table: number,
                row: r + 1,
                cell: None,
            });
            let filled = line.iter().filter(|b| !b.is_empty()).count();
            if own[r] == 1 && filled == 1 && width > 1 {
                // A title or category across the table: a line of its own.
                if let Some(b) = line.iter().find(|b| !b.is_empty()) {
                    self.out.append(b);
                    self.out.line_break();
                }
            } else {
                line.resize(width, Builder::new());
                self.out.row(&line);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counting_as_word_writes_it() {
        let got: Vec<String> = [1, 9, 10, 11, 20, 21, 99, 100, 105, 110]
            .iter()
            .map(|&n| chinese(n))
            .collect();
        assert_eq!(
            got,
            [
                "一",
                "九",
                "十",
                "十一",
                "二十",
                "二十一",
                "九十九",
                "一百",
                "一百零五",
                "一百一十"
            ]
        );
    }

    #[test]
    fn levels_restart_under_their_parent() {
        let numbering = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="1">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
            <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3"/><w:suff w:val="nothing"/></w:lvl>
            </w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#;
        let mut n = Numbering::read(Some(numbering), None);
        let seq: Vec<Option<String>> = [0, 1, 1, 0, 1, 2].iter().map(|&l| n.next("7", l)).collect();
        let want = ["一、", "（一）", "（二）", "二、", "（一）", "二.1"];
        assert_eq!(
            seq,
            want.iter().map(|s| Some(s.to_string())).collect::<Vec<_>>()
        );
        assert_eq!(n.next("8", 0), None, "an unknown list numbers nothing");
    }
}
