//! Which reader a file needs, told by its content (magic bytes, markup), never by its
//! name alone: downloads are often misnamed (`.htm` pages saved as `.doc`, `.et` as `.xls`).

/// The forms a plan comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Html,
    /// Word 2007+ (`.docx`, WPS saving as docx).
    Docx,
    /// Excel 2007+ (`.xlsx`, `.et` saved as xlsx).
    Xlsx,
    /// A compound file (OLE2): legacy Word `.doc`, WPS `.wps`, Excel `.xls` or WPS `.et`,
    /// until its streams tell which ([`Format::Doc`], [`Format::Xls`]).
    Ole,
    /// Legacy Word `.doc` / WPS `.wps`.
    Doc,
    /// Legacy Excel `.xls` / WPS `.et`.
    Xls,
    Pdf,
    /// A zip archive that is neither Word nor Excel (ODF, an archive of plans …).
    OtherZip,
}

impl Format {
    /// The media type (`dcterms:format` in the store).
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Text => "text/plain",
            Format::Html => "text/html",
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Ole => "application/x-ole-storage",
            Format::Doc => "application/msword",
            Format::Xls => "application/vnd.ms-excel",
            Format::Pdf => "application/pdf",
            Format::OtherZip => "application/zip",
        }
    }

    /// Whether offsets into the text read from such a file are byte offsets of the file
    /// (text and web pages), rather than of text unpacked from it.
    pub fn cites_bytes(self) -> bool {
        matches!(self, Format::Text | Format::Html)
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "web page",
            Format::Docx => "Word (.docx)",
            Format::Xlsx => "Excel (.xlsx)",
            Format::Ole => "legacy Office (.doc/.xls/.wps/.et)",
            Format::Doc => "legacy Word (.doc/.wps)",
            Format::Xls => "legacy Excel (.xls/.et)",
            Format::Pdf => "PDF",
            Format::OtherZip => "zip",
        }
    }
}

/// The format of `bytes`.
pub fn detect(bytes: &[u8]) -> Format {
    if bytes.starts_with(b"%PDF-") {
        return Format::Pdf;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Format::Ole;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        // The names of the parts are stored in clear in the local headers.
        let has = |name: &[u8]| bytes.windows(name.len()).any(|w| w == name);
        return if has(b"word/document.xml") {
            Format::Docx
        } else if has(b"xl/workbook.xml") {
            Format::Xlsx
        } else {
            Format::OtherZip
        };
    }
    if looks_like_html(bytes) {
        return Format::Html;
    }
    Format::Text
}

/// Markup at the start: `<!DOCTYPE html`, `<html`, or an opening block tag such as `<div`
/// with a closing tag somewhere after it. Plans in plain text never start with `<tag`.
fn looks_like_html(bytes: &[u8]) -> bool {
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let head: Vec<u8> = body[start..]
        .iter()
        .take(64)
        .map(u8::to_ascii_lowercase)
        .collect();
    if head.starts_with(b"<!doctype html")
        || head.starts_with(b"<html")
        || head.starts_with(b"<?xml")
    {
        return true;
    }
    const TAGS: &[&[u8]] = &[
        b"<head", b"<meta", b"<body", b"<div", b"<table", b"<p", b"<span", b"<title", b"<!--",
        b"<link", b"<script", b"<style", b"<center", b"<font",
    ];
    let opens = TAGS.iter().any(|t| {
        head.starts_with(t)
            && head
                .get(t.len())
                .is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/' | b'-'))
    });
    opens && body.windows(2).any(|w| w == b"</")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_content() {
        assert_eq!(detect(b"%PDF-1.7\n"), Format::Pdf);
        assert_eq!(
            detect("<div class=\"wrap\"><p>一、</p></div>".as_bytes()),
            Format::Html
        );
        assert_eq!(
            detect(b"\xEF\xBB\xBF<!DOCTYPE html><html></html>"),
            Format::Html
        );
        assert_eq!(
            detect("一、总体要求\n(一)<重点>任务".as_bytes()),
            Format::Text
        );
        assert_eq!(detect("<p>无结束标签".as_bytes()), Format::Text);
        assert_eq!(detect(b"PK\x03\x04....word/document.xml...."), Format::Docx);
        assert_eq!(detect(b"PK\x03\x04....xl/workbook.xml...."), Format::Xlsx);
        assert_eq!(detect(b"PK\x03\x04....content.xml"), Format::OtherZip);
    }
}
