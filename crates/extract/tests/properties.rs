//! No input makes an extractor panic or abort, up to megabytes: web pages, Word and Excel
//! files assembled from the pieces real ones are made of, in any order and number (unclosed,
//! nested, spans of a million rows, cells at the sheet's far corner), and real files cut
//! short or with bytes flipped. Every case ends in text or an error; the case counts keep the
//! whole file to seconds in a debug build, as CI runs it.

use proptest::prelude::*;
use std::io::{Cursor, Write};

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The extractor's answer, which must come back (an `Err` is fine, a panic is not).
fn read(bytes: &[u8]) {
    let _ = fengong_extract::extract(bytes);
}

const HTML: &[&str] = &[
    "<html>",
    "<body>",
    "<div>",
    "</div>",
    "<div class=\"article\">",
    "<span class=\"share\">",
    "</span>",
    "<p>",
    "</p>",
    "<br>",
    "<h1>",
    "</h1>",
    "<table>",
    "</table>",
    "<tbody>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    "<td rowspan=\"1000000\">",
    "<td colspan=\"99999\">",
    "<th rowspan=\"-3\">",
    "<td>发文机关:</td><td>某市人民政府</td>",
    "<a href=\"/x\">",
    "</a>",
    "<font>",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<meta charset=\"gbk\">",
    "<meta charset=\"big5\">",
    "<title>",
    "</title>",
    "&nbsp;",
    "&#x4e2d;",
    "&amp",
    "&#99999999;",
    "\u{feff}",
    "\n",
    "序号",
    "牵头单位",
    "市财政局",
    "1.推进重点工作。(市发展改革委牵头,市财政局配合)",
    "\u{a0}",
    "<",
    ">",
];

const WORD: &[&str] = &[
    "<w:p>",
    "</w:p>",
    "<w:r><w:t>推进重点工作。(市发展改革委牵头,市财政局配合)</w:t></w:r>",
    "<w:r><w:t xml:space=\"preserve\"> 市财政局 </w:t></w:r>",
    "<w:tbl>",
    "</w:tbl>",
    "<w:tr>",
    "</w:tr>",
    "<w:tc>",
    "</w:tc>",
    "<w:tcPr><w:gridSpan w:val=\"100000\"/></w:tcPr>",
    "<w:tcPr><w:gridSpan w:val=\"-1\"/></w:tcPr>",
    "<w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>",
    "<w:tcPr><w:vMerge/></w:tcPr>",
    "<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>",
    "<w:pPr><w:numPr><w:ilvl w:val=\"99\"/><w:numId w:val=\"4294967295\"/></w:numPr></w:pPr>",
    "<w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>",
    "<w:br/>",
    "<w:tab/>",
    "&amp;",
    "&bogus;",
    "<",
];

const NUMBERING: &[&str] = &[
    "<w:abstractNum w:abstractNumId=\"0\">",
    "</w:abstractNum>",
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl>",
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"-5\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"（%1%2%3%9）\"/><w:lvlRestart w:val=\"0\"/></w:lvl>",
    "<w:lvl w:ilvl=\"8\"><w:start w:val=\"4294967295\"/><w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"%8.\"/></w:lvl>",
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>",
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"7\"/></w:lvlOverride></w:num>",
];

const CELLS: &[&str] = &[
    "A1",
    "B2",
    "D7",
    "XFD1048576",
    "XFD1",
    "A1048576",
    "ZZZZ9",
    "A0",
    "",
];
const RANGES: &[&str] = &["A1:D1", "B2:B9", "A1:XFD1048576", "C3:A1", "A:A", "junk"];

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

/// A zip of `parts`, deflated as Office writes them.
fn zip(parts: &[(&str, String)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in parts {
        z.start_file(*name, o).expect("part");
        z.write_all(body.as_bytes()).expect("write");
    }
    z.finish().expect("zip").into_inner()
}

/// Pieces drawn from `alphabet`, the run repeated `times`: from bytes to megabytes.
fn pieces(alphabet: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(alphabet), 1..max),
        1usize..600,
    )
        .prop_map(|(p, times)| p.concat().repeat(times))
}

fn docx(body: String, numbering: Option<String>) -> Vec<u8> {
    let mut parts = vec![
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".to_owned(),
        ),
        (
            "word/document.xml",
            format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>"),
        ),
    ];
    if let Some(n) = numbering {
        parts.push((
            "word/numbering.xml",
            format!("<?xml version=\"1.0\"?><w:numbering {W}>{n}</w:numbering>"),
        ));
    }
    zip(&parts)
}

/// A workbook of one sheet with `cells` (reference, text) and merged `ranges`.
fn xlsx(cells: &[(&str, String)], ranges: &[&str]) -> Vec<u8> {
    let mut rows = String::new();
    for (r, text) in cells {
        rows.push_str(&format!(
            "<row><c r=\"{r}\" t=\"inlineStr\"><is><t>{text}</t></is></c></row>"
        ));
    }
    let merges: String = ranges
        .iter()
        .map(|r| format!("<mergeCell ref=\"{r}\"/>"))
        .collect();
    let main = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
    let rel = "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
    zip(&[
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>".to_owned()),
        ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".to_owned()),
        ("xl/workbook.xml", format!("<?xml version=\"1.0\"?><workbook {main} {rel}><sheets><sheet name=\"分工表\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>")),
        ("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>".to_owned()),
        ("xl/worksheets/sheet1.xml", format!("<?xml version=\"1.0\"?><worksheet {main}><sheetData>{rows}</sheetData><mergeCells>{merges}</mergeCells></worksheet>")),
    ])
}

/// A real file with some bytes changed and perhaps cut short.
fn damaged(bytes: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let n = bytes.len();
    (
        prop::collection::vec((0..n, any::<u8>()), 0..64),
        prop::option::of(0..n),
    )
        .prop_map(move |(flips, cut)| {
            let mut b = bytes.clone();
            for (at, v) in flips {
                b[at] = v;
            }
            if let Some(c) = cut {
                b.truncate(c);
            }
            b
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, max_shrink_iters: 64, ..ProptestConfig::default() })]

    #[test]
    fn web_pages_of_any_shape(page in pieces(HTML, 400)) {
        read(page.as_bytes());
    }

    #[test]
    fn word_files_of_any_shape(
        body in pieces(WORD, 200),
        numbering in prop::option::of(pieces(NUMBERING, 12)),
    ) {
        read(&docx(body, numbering));
    }

    #[test]
    fn sheets_of_any_shape(
        cells in prop::collection::vec(
            (prop::sample::select(CELLS), prop::sample::select(HTML)), 0..3000),
        ranges in prop::collection::vec(prop::sample::select(RANGES), 0..6),
    ) {
        let cells: Vec<(&str, String)> = cells
            .into_iter()
            .map(|(r, t)| (r, t.replace('&', "&amp;").replace('<', "&lt;")))
            .collect();
        read(&xlsx(&cells, &ranges));
    }

    #[test]
    fn real_word_and_excel_files_damaged(
        docx in damaged(fixture("formats/table.docx")),
        xlsx in damaged(fixture("formats/table.xlsx")),
        page in damaged(fixture("real/pages/guobanfa-2018-117-jili.html")),
    ) {
        read(&docx);
        read(&xlsx);
        read(&page);
    }
}

proptest! {
    // Each case runs pdftotext: fewer of them.
    #![proptest_config(ProptestConfig { cases: 8, max_shrink_iters: 16, ..ProptestConfig::default() })]

    #[test]
    fn real_pdfs_damaged(pdf in damaged(fixture("formats/long.pdf"))) {
        read(&pdf);
    }
}
