//! fengong's readers for the forms plans are downloaded in: web pages, Word, Excel and PDF
//! files → one plain text, tables written as `| cell | cell |` rows (the row form the
//! parser's table reader reads), with page metadata and, for every part, where it stands
//! in the file. Plain text files are not touched here: the parser reads them itself.
//!
//! Nothing here knows about tasks or agencies, so each reader can be tested on its own.

mod build;
mod child;
pub mod detect;
pub mod docx;
pub mod html;
mod legacy;
pub mod pdf;
pub mod sheet;

pub use build::Builder;
pub use detect::{detect, Format};

/// Where a part of the extracted text stands in a file that has no useful byte offsets.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "in", rename_all = "lowercase")]
pub enum Location {
    /// A paragraph of a Word document's body, 1-based, counting tables' paragraphs too.
    Paragraph { paragraph: usize },
    /// A row of a table (1-based table, row and cell), in a Word document or web page.
    Table {
        table: usize,
        row: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        cell: Option<usize>,
    },
    /// A row of a spreadsheet: the sheet's name, the 1-based row and its cells (`A5:E5`).
    Sheet {
        sheet: String,
        row: usize,
        cells: String,
    },
    /// A line of a PDF page, both 1-based.
    Page { page: usize, line: usize },
}

impl Location {
    /// The location as a URI fragment: RFC 3778's `page=N` for PDF, and the same
    /// `key=value&…` form for the others (`table=1&row=3`, `sheet=分工表&cells=A5:E5`).
    pub fn fragment(&self) -> String {
        match self {
            Location::Paragraph { paragraph } => format!("paragraph={paragraph}"),
            Location::Table { table, row, cell } => match cell {
                Some(c) => format!("table={table}&row={row}&cell={c}"),
                None => format!("table={table}&row={row}"),
            },
            Location::Sheet { sheet, cells, .. } => format!("sheet={sheet}&cells={cells}"),
            Location::Page { page, line } => format!("page={page}&line={line}"),
        }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::Paragraph { paragraph } => write!(f, "paragraph {paragraph}"),
            Location::Table {
                table,
                row,
                cell: None,
            } => write!(f, "table {table}, row {row}"),
            Location::Table {
                table,
                row,
                cell: Some(c),
            } => write!(f, "table {table}, row {row}, cell {c}"),
            Location::Sheet { sheet, cells, .. } => write!(f, "sheet {sheet}, {cells}"),
            Location::Page { page, line } => write!(f, "page {page}, line {line}"),
        }
    }
}

/// A file read into text.
#[derive(Debug, Clone)]
pub struct Extracted {
    /// What the file was.
    pub format: Format,
    /// The text: one line per paragraph, table rows as `| a | b |`.
    pub text: String,
    /// The character encoding the file's text was in (`UTF-8`, `GBK`, `Big5` …).
    pub encoding: String,
    /// `(text offset, file byte offset)` anchors, sorted by text offset; between anchors
    /// text and file advance together. Empty when byte offsets mean nothing (zip, PDF).
    pub source_map: Vec<(usize, usize)>,
    /// `(text offset, location)`, sorted: each part of the text stands at the last location
    /// at or before it.
    pub locations: Vec<(usize, Location)>,
    /// What the file says about itself outside the text (a web page's 发文机关, 成文日期 …),
    /// keyed by the label as written without its colon.
    pub metadata: Vec<(String, String)>,
    /// How the file was read, for the user (`main content: td#UCAP-CONTENT`, `2 tables`).
    pub notes: Vec<String>,
}

impl Extracted {
    /// The location of text offset `at`, if the format has locations.
    pub fn location(&self, at: usize) -> Option<&Location> {
        let i = self.locations.partition_point(|(o, _)| *o <= at);
        i.checked_sub(1).map(|i| &self.locations[i].1)
    }
}

/// Why a file could not be read. Each says what to do where something can be done.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum ExtractError {
    #[error("the web page holds no text (is it a frame set or a page that needs scripts?)")]
    EmptyPage,
    #[error("the web page is in {0}, which fengong cannot decode; save it as UTF-8")]
    Charset(String),
    #[error("the file is damaged: {0}")]
    Damaged(String),
    #[error("{0}")]
    Unsupported(String),
    #[error("the PDF has no text layer (a scan?); fengong reads PDFs with text only: OCR it first (e.g. ocrmypdf -l chi_sim) or find the text version")]
    NoTextLayer,
    #[error("the file is password-protected; save a copy without the password")]
    Encrypted,
    #[error("{0}")]
    Tool(String),
}

/// Reads a file of a format other than plain text. `Ok(None)` for plain text, which the
/// caller decodes itself.
pub fn extract(bytes: &[u8]) -> Result<Option<Extracted>, ExtractError> {
    match detect(bytes) {
        Format::Text => Ok(None),
        Format::Html => html::extract(bytes).map(Some),
        Format::Docx => docx::extract(bytes).map(Some),
        Format::Xlsx => sheet::extract(bytes, Format::Xlsx).map(Some),
        Format::Ole | Format::Doc | Format::Xls => legacy::extract(bytes).map(Some),
        Format::Pdf => pdf::extract(bytes).map(Some),
        Format::OtherZip => Err(ExtractError::Unsupported(
            "the file is a zip archive but not a Word or Excel file: unpack it and give the \
             plans inside (OpenDocument .odt/.ods: save as .docx/.xlsx)"
                .into(),
        )),
    }
}
