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
