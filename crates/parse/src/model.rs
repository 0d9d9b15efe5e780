//! The plain data a parse produces: what `fengong parse --format json` prints.

use crate::duties::Supervisor;
use crate::outline::metadata::Metadata;
use crate::text::{Encoding, Format, Location, Script};
use serde::{Deserialize, Serialize};

/// A byte range in the original file (text and web pages); for Word, Excel and PDF files,
/// whose bytes are compressed, a range of the text read from them, beside a `location`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A span from mapped offsets. Text assembled from a web page's table may cite bytes out
    /// of order (a merged cell repeated on the rows below); a span never ends before it starts.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }
}

/// Whether the document holds a task list or only mentions a plan (a news article).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Plan,
    Article,
}

/// One task and who is responsible for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    /// The number as written (`(一)`, `1)`, `3.`); empty for unnumbered tasks.
    pub number: String,
    /// 1-based position of the task in the document.
    pub ordinal: usize,
    /// The top-level heading the task stands under (`一、…`).
    pub section: Option<String>,
    /// An intermediate heading between the section and the task, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subsection: Option<String>,
    pub title: String,
    /// The whole task as written, in simplified script: number, title, body and responsibility
    /// list. Topic questions (`fengong ask "谁牵头数字乡村"`) search it.
    pub text: String,
    pub lead: Vec<String>,
    pub cooperate: Vec<String>,
    pub co_responsible: Vec<String>,
    /// Names above that stand for groups of agencies (`各县(市、区)人民政府`).
    pub collective: Vec<String>,
    pub supervisors: Vec<Supervisor>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    /// The responsibility text exactly as in the file (original script and punctuation).
    pub raw: String,
    /// Where `raw` is in the file.
    pub raw_span: Option<Span>,
    /// Where the whole task is in the file.
    pub span: Span,
    /// 1-based line of the task's first line (in the file for text and web pages, in the
    /// extracted text for Word, Excel and PDF files, which cite `location` instead).
    pub line: usize,
    /// Where the task stands in a Word, Excel or PDF file: paragraph, table row and cell,
    /// sheet and cells, or page and line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

/// Whether `c` is a digit of a heading number: `七`, `十二`, `3`.
pub fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "〇零一二三四五六七八九十百两".contains(c)
}

/// A number as compared: `(三)`, `（三）`, `三、` and `三` are one number.
pub fn number_core(number: &str) -> String {
    number
        .chars()
        .filter(|c| !"()（）.．、,，)。 \u{3000}".contains(*c))
        .collect()
}

/// A number as citations compare it: `（1）` is `(1)` and `1、` is `1`, but `(1)` and `1` differ
/// (a sub-item and an item).
pub fn number_key(number: &str) -> String {
    number
        .trim()
        .replace(['（', '〔'], "(")
        .replace(['）', '〕'], ")")
        .trim_end_matches(['、', '.', '．', ',', '，', ' ', '\u{3000}'])
        .to_owned()
}

/// The numeral of a section heading: `七、以数字思维…` → `七`, `第三章 …` → `三`.
pub fn section_numeral(heading: &str) -> Option<String> {
    let h = heading.trim_start();
    let h = h.strip_prefix('第').unwrap_or(h);
    let n: String = h.chars().take_while(|c| is_numeral(*c)).collect();
    (!n.is_empty()).then_some(n)
}

/// How each task is cited so that the citation names it alone in its plan: its number as
/// written (`(三)`, `2)`); where numbering restarts per section and the number recurs, the
/// section's numeral before it (`七.1`); else its position (`#12`). `fengong correct` reads
/// the same forms.
pub fn citations(tasks: &[Task]) -> Vec<String> {
    use std::collections::HashMap;
    // `七.1`, not `七.1、`: the number's closing mark is dropped after the dot.
    let path = |t: &Task| {
        t.section
            .as_deref()
            .and_then(section_numeral)
            .map(|s| format!("{s}.{}", number_key(&t.number)))
    };
    let mut by_number: HashMap<String, usize> = HashMap::new();
    let mut by_path: HashMap<String, usize> = HashMap::new();
    for t in tasks {
        *by_number.entry(number_key(&t.number)).or_default() += 1;
        if let Some(p) = path(t) {
            *by_path.entry(p).or_default() += 1;
        }
    }
    tasks
        .iter()
        .map(|t| {
            let ordinal = format!("#{}", t.ordinal);
            if t.number.is_empty() {
                return ordinal;
            }
            if by_number.get(&number_key(&t.number)) == Some(&1) {
                return t.number.clone();
            }
            match path(t) {
                Some(p) if by_path.get(&p) == Some(&1) => p,
                _ => ordinal,
            }
        })
        .collect()
}

/// Something the parser could not read with confidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// 1-based line in the file.
    pub line: usize,
    pub message: String,
}

/// A parsed document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ParsedDocument {
    pub file: String,
    /// What the file was (`text`, `html`, `docx`, `xlsx`, `pdf`).
    pub format: Format,
    pub encoding: Encoding,
    pub script: Script,
    pub kind: Kind,
    pub document: Metadata,
    pub tasks: Vec<Task>,
    /// Distinct agencies the document names: those of its tasks, or for an article those
    /// found in its text.
    pub agencies_named: Vec<String>,
    /// How the document was read, one line per part (`12 tasks from numbered items (一)`,
    /// `table of 13 rows, one cell per line`), so a misread plan shows at once.
    pub layout: Vec<String>,
    pub warnings: Vec<Warning>,
}

impl ParsedDocument {
    /// What makes two files one plan: the SHA-256 of its tasks' texts with everything but
    /// letters and digits left out, in order. A plan saved as Word, Excel, PDF or a web page
    /// gives the same tasks with other separators (`|` between cells, line breaks, spaces);
    /// a re-downloaded page differs in its furniture, not its tasks. `None` for a document
    /// with no task, which only its bytes identify.
    pub fn content_sha256(&self) -> Option<String> {
        if self.tasks.is_empty() {
            return None;
        }
        let mut whole = String::new();
        for t in &self.tasks {
            whole.extend(t.text.chars().filter(|c| c.is_alphanumeric()));
            whole.push('\0');
        }
        Some(crate::sha256(whole.as_bytes()))
    }
}
