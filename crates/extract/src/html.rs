//! Web pages: the charset from the BOM or `<meta>`, parsed with html5ever (through
//! `scraper`), the main content found by where the page's text is, paragraphs and `<br>`
//! as lines, data tables as `| a | b |` rows with `rowspan`/`colspan` filled in, and the
//! metadata tables gov.cn pages carry (发文机关, 成文日期 …). Every character written keeps
//! its byte offset in the file.

use crate::build::Builder;
use crate::{ExtractError, Extracted};
use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};
use std::collections::HashMap;

/// Elements whose content is never text of the document.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "head", "iframe", "frame", "object", "embed", "svg",
    "canvas", "select", "option", "button", "input", "textarea", "nav", "map", "audio", "video",
];

/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "tr",
    "td",
    "th",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "caption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "main",
    "blockquote",
    "pre",
    "center",
    "form",
    "address",
    "figure",
    "figcaption",
    "hr",
    "body",
    "html",
];

/// `id`/`class` words of page furniture inside the content area (share bars, QR codes,
/// print and close buttons, related links).
const FURNITURE: &[&str] = &[
    "share",
    "qr",
    "print",
    "close",
    "breadcrumb",
    "crumb",
    "related",
    "relevant",
    "footer",
    "header",
    "nav",
    "menu",
    "sidebar",
    "fontsize",
    "font-size",
    "toolbar",
    "pagebreak",
];

/// Labels of the metadata tables on gov.cn pages (written with padding: `标　　题：`).
const META_LABELS: &[&str] = &[
    "索引号",
    "主题分类",
    "发文机关",
    "成文日期",
    "标题",
    "发文字号",
    "发布日期",
    "主题词",
    "发布机构",
    "文号",
    "发布时间",
    "来源",
    "生成日期",
    "有效性",
];

pub fn extract(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let page = decode(bytes)?;
    if let Some(at) = too_deep(&page.text) {
        return Err(ExtractError::Unsupported(format!(
            "the web page nests elements more than {MAX_DEPTH} deep (from about byte {at}); \
             pages people read nest a few dozen: save the plan's text from a browser instead"
        )));
    }
    let doc = Html::parse_document(&page.text);
    let metadata = metadata(&doc);
    let lengths = text_lengths(doc.tree.root());
    let root = content_root(&doc, &lengths);
    let mut ctx = Ctx {
        source: &page.text,
        cursor: 0,
        tables: 0,
    };
    let mut out = Builder::new();
    render(root, &mut out, &mut ctx);
    if out.is_empty() {
        return Err(ExtractError::EmptyPage);
    }
    let mut e = out.finish(crate::Format::Html, &page.encoding);
    e.source_map = page.to_file(&e.text, &e.source_map);
    e.metadata = metadata;
    e.notes.push(format!("web page in {}", page.encoding));
    if let Some(el) = root.value().as_element() {
        let mut name = el.name().to_owned();
        if let Some(id) = el.id() {
            name = format!("{name}#{id}");
        } else if let Some(class) = el.classes().next() {
            name = format!("{name}.{class}");
        }
        e.notes.push(format!("main content: {name}"));
    }
    if ctx.tables > 0 {
        e.notes
            .push(format!("{} data table(s) read as rows", ctx.tables));
    }
    Ok(e)
}

/// The deepest nesting of elements read. The HTML tree builder looks through the open
/// elements at each tag, so a page nested 10⁵ deep (a broken generator, or a hostile page)
/// takes minutes; real pages nest a few dozen deep.
const MAX_DEPTH: usize = 512;

/// Elements that hold nothing, and those whose end the parser implies at the next sibling
/// (`<p>`, `<li>`, cells and rows often go unclosed): neither deepens the page.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "tbody", "thead", "tfoot",
    "colgroup", "caption", "rb", "rt", "rp", "optgroup",
];

/// Where the page first nests deeper than [`MAX_DEPTH`], by a count of start and end tags
/// that skips comments, scripts and styles; `None` for a page within it.
fn too_deep(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        if b[i..].starts_with(b"!--") {
            i = find(&b[i..], b"-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let end = b[start..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .map_or(b.len(), |e| start + e);
        if end == start {
            continue;
        }
        let name = text[start..end].to_ascii_lowercase();
        if closing {
            depth = depth.saturating_sub(usize::from(!NOT_NESTING.contains(&name.as_str())));
            continue;
        }
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            // Raw text: its `<` are not tags.
            i = b[end..]
                .windows(close.len())
                .position(|w| w.eq_ignore_ascii_case(close.as_bytes()))
                .map_or(b.len(), |e| end + e + close.len());
            continue;
        }
        let tag_end = find(&b[end..], b">").map_or(b.len(), |e| end + e);
        let self_closed = tag_end > 0 && b.get(tag_end - 1) == Some(&b'/');
        if !self_closed && !NOT_NESTING.contains(&name.as_str()) {
            depth += 1;
            if depth > MAX_DEPTH {
                return Some(i - 1);
            }
        }
        i = end;
    }
    None
}

/// A page decoded, with what is needed to map its offsets back to the file's bytes.
struct Page {
    text: String,
    encoding: String,
    /// `(decoded offset, byte offset)` after each character whose length differs in the
    /// file; empty for UTF-8.
    steps: Vec<(usize, usize)>,
    bom: usize,
}

impl Page {
    /// Anchors from text to decoded page turned into anchors from text to file bytes. Where
    /// the file's encoding is not UTF-8 the two advance at different rates, so each
    /// character whose width differs gets its own anchor.
    fn to_file(&self, text: &str, anchors: &[(usize, usize)]) -> Vec<(usize, usize)> {
        if self.steps.is_empty() {
            return anchors.iter().map(|&(o, d)| (o, d + self.bom)).collect();
        }
        let mut out: Vec<(usize, usize)> = Vec::with_capacity(anchors.len());
        for (k, &(o, d)) in anchors.iter().enumerate() {
            let end = anchors.get(k + 1).map_or(text.len(), |a| a.0);
            for (i, _) in text[o..end].char_indices() {
                let byte = self.byte_offset(d + i);
                let follows = out.last().is_some_and(|&(t, b)| b + (o + i - t) == byte);
                if !follows {
                    out.push((o + i, byte));
                }
            }
        }
        out
    }

    fn byte_offset(&self, d: usize) -> usize {
        let i = self.steps.partition_point(|&(o, _)| o <= d);
        match i.checked_sub(1) {
            Some(i) => self.steps[i].1 + (d - self.steps[i].0),
            None => d + self.bom,
        }
    }
}

/// The charset a page declares in its first bytes: `<meta charset="gbk">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head: Vec<u8> = bytes
        .iter()
        .take(4096)
        .map(u8::to_ascii_lowercase)
        .collect();
    let mut from = 0;
    while let Some(i) = find(&head[from..], b"charset") {
        let mut j = from + i + b"charset".len();
        while j < head.len() && matches!(head[j], b' ' | b'=' | b'"' | b'\'') {
            j += 1;
        }
        let end = head[j..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_')))
            .map_or(head.len(), |k| j + k);
        if let Some(enc) = encoding_rs::Encoding::for_label(&head[j..end]) {
            return Some(enc);
        }
        from = end.max(from + i + 1);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn decode(bytes: &[u8]) -> Result<Page, ExtractError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ExtractError::Charset("UTF-16".into()));
    }
    let (body, bom) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (rest, 3),
        None => (bytes, 0),
    };
    let declared = if bom > 0 {
        None
    } else {
        declared_charset(body)
    };
    // Pages often declare one charset and are in another: UTF-8 that decodes cleanly is
    // UTF-8 whatever the page says; otherwise the declaration, else GB18030.
    if let Ok(s) = std::str::from_utf8(body) {
        return Ok(Page {
            text: s.to_owned(),
            encoding: "UTF-8".into(),
            steps: Vec::new(),
            bom,
        });
    }
    let enc = match declared {
        // Chinese plans are in GB or Big5; any other declaration (ISO-8859-1 left by a
        // template) is wrong, and GB18030 is the likely truth.
        Some(e) if e == encoding_rs::BIG5 => e,
        _ => encoding_rs::GB18030,
    };
    let Some(text) = enc.decode_without_bom_handling_and_without_replacement(body) else {
        return Err(ExtractError::Charset(format!(
            "{} (as it declares or as guessed) with bytes that are not",
            enc.name()
        )));
    };
    let text = text.into_owned();
    let mut steps = Vec::new();
    let mut byte = bom;
    let mut buf = [0u8; 4];
    for (i, c) in text.char_indices() {
        let n = if c.is_ascii() {
            1
        } else {
            enc.encode(c.encode_utf8(&mut buf)).0.len()
        };
        byte += n;
        if n != c.len_utf8() {
            steps.push((i + c.len_utf8(), byte));
        }
    }
    let name = if declared == Some(encoding_rs::GBK) {
        "GBK".to_owned()
    } else {
        enc.name().to_owned()
    };
    Ok(Page {
        text,
        encoding: name,
        steps,
        bom,
    })
}

fn element_name(node: NodeRef<'_, Node>) -> Option<&str> {
    node.value().as_element().map(|e| e.name())
}

fn is_furniture(node: NodeRef<'_, Node>) -> bool {
    let Some(el) = node.value().as_element() else {
        return false;
    };
    if SKIP.contains(&el.name()) {
        return true;
    }
    let words = el.id().into_iter().chain(el.classes());
    words.into_iter().any(|w| {
        let w = w.to_ascii_lowercase();
        FURNITURE.iter().any(|f| w.contains(f))
    })
}

/// Length of the text in every element, link text and furniture not counted: where the
/// page's own text is.
fn text_lengths(root: NodeRef<'_, Node>) -> HashMap<NodeId, usize> {
    let mut lengths = HashMap::new();
    let mut stack: Vec<(NodeId, usize)> = Vec::new();
    let mut skipping: Option<NodeId> = None;
    let mut links = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => {
                if skipping.is_some() {
                    continue;
                }
                match n.value() {
                    Node::Element(_) if is_furniture(n) => skipping = Some(n.id()),
                    Node::Element(el) => {
                        if el.name() == "a" {
                            links += 1;
                        }
                        stack.push((n.id(), 0));
                    }
                    Node::Text(t) if links == 0 => {
                        if let Some(top) = stack.last_mut() {
                            top.1 += t.chars().filter(|c| !c.is_whitespace()).count();
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(n) => {
                if skipping == Some(n.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_some() || !n.value().is_element() {
                    continue;
                }
                if element_name(n) == Some("a") {
                    links = links.saturating_sub(1);
                }
                if let Some((id, len)) = stack.pop() {
                    lengths.insert(id, len);
                    if let Some(parent) = stack.last_mut() {
                        parent.1 += len;
                    }
                }
            }
        }
    }
    lengths
}

/// The element that holds the document: from `<body>` down, into the child that holds
/// nearly all of the text, stopping before a data table (its title and notes are outside
/// it) or where the text spreads over several children.
fn content_root<'a>(doc: &'a Html, lengths: &HashMap<NodeId, usize>) -> NodeRef<'a, Node> {
    let len = |n: NodeRef<'_, Node>| lengths.get(&n.id()).copied().unwrap_or(0);
    let body = doc
        .tree
        .root()
        .descendants()
        .find(|n| element_name(*n) == Some("body"))
        .unwrap_or(doc.tree.root());
    let mut node = body;
    loop {
        let total = len(node);
        let best = node
            .children()
            .filter(|c| c.value().is_element())
            .max_by_key(|c| len(*c));
        match best {
            Some(c)
                if total > 0
                    && !is_data_table(c)
                    && len(c) > 0
                    && (len(c) * 100 >= total * 85 || (total - len(c) < 200 && len(c) >= 1000)) =>
            {
                node = c
            }
            _ => return node,
        }
    }
}

/// Rows of a table (through `thead`/`tbody`/`tfoot`, not those of nested tables).
fn rows(table: NodeRef<'_, Node>) -> Vec<NodeRef<'_, Node>> {
    let mut out = Vec::new();
    for c in table.children() {
        match element_name(c) {
            Some("tr") => out.push(c),
            Some("thead" | "tbody" | "tfoot") => {
                out.extend(c.children().filter(|r| element_name(*r) == Some("tr")))
            }
            _ => {}
        }
    }
    out
}

fn cells(row: NodeRef<'_, Node>) -> impl Iterator<Item = NodeRef<'_, Node>> {
    row.children()
        .filter(|c| matches!(element_name(*c), Some("td" | "th")))
}

/// A table of data rather than of layout: no table inside it, and at least two rows of two
/// cells or more.
fn is_data_table(node: NodeRef<'_, Node>) -> bool {
    if element_name(node) != Some("table") {
        return false;
    }
    if node
        .descendants()
        .skip(1)
        .any(|d| element_name(d) == Some("table"))
    {
        return false;
    }
    let rows = rows(node);
    if rows.iter().filter(|r| cells(**r).count() >= 2).count() < 2 {
        return false;
    }
    // A cell holding a whole article is a layout table's column (old pages lay out the
    // page itself in a table), however regular its rows.
    !rows.iter().flat_map(|r| cells(*r)).any(|c| {
        c.descendants()
            .filter_map(|d| d.value().as_text())
            .map(|t| t.chars().filter(|c| !c.is_whitespace()).count())
            .sum::<usize>()
            > 1500
    })
}

struct Ctx<'a> {
    source: &'a str,
    /// Where in the source the last text node ended: text nodes are met in source order.
    cursor: usize,
    tables: usize,
}

impl Ctx<'_> {
    /// Source offsets of each character of a text node, found by walking the source from
    /// the cursor outside tags and comments; `None` where the source could not be followed.
    fn offsets(&mut self, text: &str) -> Vec<Option<usize>> {
        let src = self.source;
        let Some(start) = self.find_text(text) else {
            return vec![None; text.chars().count()];
        };
        let mut p = Some(start);
        // After the last character followed: where the next text node is searched from, even
        // when this one could not be followed to its end (so that search never goes back).
        let mut followed = start;
        let mut out = Vec::with_capacity(text.len());
        for c in text.chars() {
            let Some(mut q) = p else {
                out.push(None);
                continue;
            };
            followed = q;
            loop {
                let rest = &src[q..];
                if let Some(e) = entity_len(rest) {
                    out.push(Some(q));
                    p = Some(q + e);
                    break;
                } else if rest.starts_with(c) {
                    out.push(Some(q));
                    p = Some(q + c.len_utf8());
                    break;
                } else if rest.starts_with('\r') {
                    q += 1;
                } else {
                    out.push(None);
                    p = None;
                    break;
                }
            }
        }
        self.cursor = p.unwrap_or(followed).max(self.cursor);
        out
    }

    /// Where text node `text` starts in the source, searching forward from the cursor
    /// outside tags and comments, within a window.
    fn find_text(&self, text: &str) -> Option<usize> {
        let needle: String = text
            .chars()
            .take_while(|c| !matches!(c, '&' | '<' | '>' | '\u{a0}' | '\r' | '\n' | '"'))
            .take(8)
            .collect();
        let src = self.source.as_bytes();
        let limit = (self.cursor + 65536).min(src.len());
        let mut i = self.cursor;
        while i < limit {
            if src[i] == b'<' {
                let rest = &self.source[i..];
                let skip = if rest.starts_with("<!--") {
                    rest.find("-->").map(|e| e + 3)
                } else if rest[1..]
                    .starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
                {
                    rest.find('>').map(|e| e + 1)
                } else {
                    Some(1)
                };
                match skip {
                    Some(n) => {
                        i += n;
                        continue;
                    }
                    None => return None,
                }
            }
            let here = &self.source[i..];
            if needle.is_empty() {
                if here.starts_with('&') || here.starts_with(text.chars().next()?) {
                    return Some(i);
                }
            } else if here.starts_with(needle.as_str()) {
                return Some(i);
            }
            i += 1;
            while i < limit && !self.source.is_char_boundary(i) {
                i += 1;
            }
        }
        None
    }
}

/// Length of the character reference (`&amp;`, `&#20013;`, `&#x4e2d;`) that `s` starts
/// with, if it does.
fn entity_len(s: &str) -> Option<usize> {
    let body = s.strip_prefix('&')?;
    let end = body.bytes().take(32).position(|b| b == b';')?;
    let name = &body[..end];
    let ok = !name.is_empty()
        && (name.bytes().all(|b| b.is_ascii_alphanumeric())
            || name
                .strip_prefix('#')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_alphanumeric())));
    ok.then_some(end + 2)
}

/// Writes the text under `root` into `out`.
fn render(root: NodeRef<'_, Node>, out: &mut Builder, ctx: &mut Ctx) {
    let mut skipping: Option<NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => {
                if skipping.is_some() {
                    continue;
                }
                match n.value() {
                    Node::Text(t) => {
                        let offsets = ctx.offsets(t);
                        for (c, at) in t.chars().zip(offsets) {
                            let c = if c == '\u{a0}' { ' ' } else { c };
                            out.push(c, at);
                        }
                    }
                    Node::Element(el) => {
                        if (is_furniture(n) || is_meta_table(n)) && n != root {
                            skipping = Some(n.id());
                        } else if is_data_table(n) {
                            table(n, out, ctx);
                            skipping = Some(n.id());
                        } else if el.name() == "br" || BLOCKS.contains(&el.name()) {
                            out.line_break();
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(n) => {
                if skipping == Some(n.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_none() && element_name(n).is_some_and(|e| BLOCKS.contains(&e)) {
                    out.line_break();
                }
            }
        }
    }
}

fn span_attr(node: NodeRef<'_, Node>, name: &str, max: usize) -> usize {
    node.value()
        .as_element()
        .and_then(|e| e.attr(name))
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&v| v >= 1)
        .map_or(1, |v| v.min(max))
}

/// A data table as rows, merged cells filled in: a cell spanning rows is repeated in each
/// (a 牵头单位 merged over three tasks leads all three); a row that is one cell across the
/// table (a category or title) is written as a plain line.
fn table(node: NodeRef<'_, Node>, out: &mut Builder, ctx: &mut Ctx) {
    ctx.tables += 1;
    let rows = rows(node);
    // grid[r][c]: the cell's text, and whether it is the cell's own place (not a copy).
    let mut grid: Vec<Vec<Option<(Builder, bool)>>> = vec![Vec::new(); rows.len()];
    let mut spans_all = vec![false; rows.len()];
    for (r, row) in rows.iter().enumerate() {
        let mut c = 0;
        for cell in cells(*row) {
            while grid[r].get(c).is_some_and(Option::is_some) {
                c += 1;
            }
            let mut text = Builder::new();
            render(cell, &mut text, ctx);
            let colspan = span_attr(cell, "colspan", 64);
            let rowspan = span_attr(cell, "rowspan", rows.len() - r);
            for dr in 0..rowspan {
                for dc in 0..colspan {
                    let line = &mut grid[r + dr];
                    if line.len() <= c + dc {
                        line.resize(c + dc + 1, None);
                    }
                    let copy = if dc == 0 {
                        text.clone()
                    } else {
                        Builder::new()
                    };
                    line[c + dc] = Some((copy, dr == 0 && dc == 0));
                }
            }
            c += colspan;
        }
        let own = grid[r].iter().flatten().filter(|(_, own)| *own).count();
        spans_all[r] = own == 1 && cells(*row).count() == 1;
    }
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    out.line_break();
    for (r, line) in grid.into_iter().enumerate() {
        let cells: Vec<Builder> = (0..width)
            .map(|c| {
                line.get(c)
                    .cloned()
                    .flatten()
                    .map(|(b, _)| b)
                    .unwrap_or_default()
            })
            .collect();
        if cells.iter().all(Builder::is_empty) {
            continue;
        }
        if spans_all[r] && width > 1 {
            if let Some(first) = cells.iter().find(|b| !b.is_empty()) {
                out.append(first);
                out.line_break();
            }
        } else {
            out.row(&cells);
        }
    }
}

fn meta_label(cell: NodeRef<'_, Node>) -> Option<String> {
    let label = compact_text(cell);
    let label = label
        .strip_suffix('：')
        .or_else(|| label.strip_suffix(':'))?;
    META_LABELS.contains(&label).then(|| label.to_owned())
}

/// A table of the page's metadata (two labels or more), read by [`metadata`], not text.
fn is_meta_table(node: NodeRef<'_, Node>) -> bool {
    element_name(node) == Some("table")
        && rows(node)
            .iter()
            .flat_map(|r| cells(*r))
            .filter(|c| meta_label(*c).is_some())
            .count()
            >= 2
}

/// Text of an element, white space removed (labels are padded: `标　　题：`).
fn compact_text(node: NodeRef<'_, Node>) -> String {
    node.descendants()
        .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn plain_text(node: NodeRef<'_, Node>) -> String {
    let t: String = node
        .descendants()
        .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
        .collect();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Label/value cells of the page's metadata tables (`发文机关：` | `国务院办公厅`), and
/// the page's `<title>`.
fn metadata(doc: &Html) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for node in doc.tree.root().descendants() {
        match element_name(node) {
            Some("tr") => {
                let cs: Vec<NodeRef<'_, Node>> = cells(node).collect();
                for (i, c) in cs.iter().enumerate() {
                    let Some(label) = meta_label(*c) else {
                        continue;
                    };
                    let label = label.as_str();
                    let value = cs.get(i + 1).map(|v| plain_text(*v)).unwrap_or_default();
                    if !value.is_empty() && !out.iter().any(|(k, _)| k == label) {
                        out.push((label.to_owned(), value));
                    }
                }
            }
            Some("title") => {
                let t = plain_text(node);
                if !t.is_empty() && !out.iter().any(|(k, _)| k == "title") {
                    out.push(("title".to_owned(), t));
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(html: &str) -> String {
        extract(html.as_bytes()).expect("reads").text
    }

    #[test]
    fn paragraphs_and_breaks_are_lines_and_furniture_goes() {
        let page = "<html><head><title>关于印发某方案的通知_中国政府网</title><script>var a='一、假';</script></head>\
            <body><div class=\"nav\"><a href=\"/\">首页</a> &gt; <a href=\"/zc\">政策</a></div>\
            <div id=\"content\"><p>一、总体要求</p><p>（一）推进数字政府建设。<span>（省政务服务数据管理局牵头）</span></p>\
            <p>（二）完善社会保障。<br>（省人力资源社会保障厅、省财政厅负责）</p></div>\
            <div class=\"share\">分享到：微信</div></body></html>";
        assert_eq!(
            text_of(page),
            "一、总体要求\n（一）推进数字政府建设。（省政务服务数据管理局牵头）\n（二）完善社会保障。\n（省人力资源社会保障厅、省财政厅负责）\n"
        );
    }

    #[test]
    fn every_character_cites_its_byte_in_the_file() {
        let page = "<div><p style=\"font-family:宋体\">宋体&nbsp;字</p><p>第二段&amp;落</p></div>";
        let e = extract(page.as_bytes()).expect("reads");
        let source = |at: usize| {
            let i = e.source_map.partition_point(|(o, _)| *o <= at) - 1;
            e.source_map[i].1 + (at - e.source_map[i].0)
        };
        for (word, expect) in [
            ("宋体", "宋体&nbsp;"),
            ("字", "字</p>"),
            ("落", "落</p></div>"),
        ] {
            let at = e.text.find(word).expect("in text");
            assert!(
                page[source(at)..].starts_with(expect),
                "{word} maps to {:?}",
                &page[source(at)..]
            );
        }
    }

    #[test]
    fn merged_cells_are_filled_in_and_title_rows_stay_lines() {
        let page = "<div><p>附件</p><table>\
            <tr><td colspan=\"3\">一、稳增长</td></tr>\
            <tr><th>序号</th><th>工作任务</th><th>牵头单位</th></tr>\
            <tr><td>1</td><td>扩大有效投资</td><td rowspan=\"2\">市发改委</td></tr>\
            <tr><td>2</td><td>促进消费</td></tr></table></div>";
        assert_eq!(
            text_of(page),
            "附件\n一、稳增长\n| 序号 | 工作任务 | 牵头单位 |\n| 1 | 扩大有效投资 | 市发改委 |\n| 2 | 促进消费 | 市发改委 |\n"
        );
    }

    #[test]
    fn a_page_laid_out_in_a_table_is_read_as_text() {
        let article = "（一）推进数字政府建设。".repeat(150) + "（省政务服务数据管理局牵头）";
        let page = format!(
            "<table><tr><td><a href=\"/\">首页</a></td><td>{article}</td></tr>\
             <tr><td><a href=\"/a\">通知</a></td><td>版权所有</td></tr></table>"
        );
        let text = text_of(&page);
        assert!(!text.contains('|'), "{}", &text[..200]);
        assert!(text.contains("（省政务服务数据管理局牵头）"));
    }

    #[test]
    fn charset_from_meta_gbk_page() {
        let (gbk, _, _) = encoding_rs::GBK.encode(
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>（市财政局负责）</p></body></html>",
        );
        let e = extract(&gbk).expect("reads");
        assert_eq!(e.text, "（市财政局负责）\n");
        assert_eq!(e.encoding, "GBK");
        let at = e.text.find("财").expect("in text");
        let i = e.source_map.partition_point(|(o, _)| *o <= at) - 1;
        let byte = e.source_map[i].1 + (at - e.source_map[i].0);
        let (want, _, _) = encoding_rs::GBK.encode("财");
        assert_eq!(&gbk[byte..byte + 2], &want[..]);
    }

    #[test]
    fn big5_page_from_its_meta() {
        let (big5, _, _) = encoding_rs::BIG5.encode(
            "<html><head><meta charset=\"big5\"></head><body><p>（一）推動數位轉型。（經濟部負責）</p></body></html>",
        );
        let e = extract(&big5).expect("reads");
        assert_eq!(e.encoding, "Big5");
        assert_eq!(e.text, "（一）推動數位轉型。（經濟部負責）\n");
        let at = e.text.find("經濟部").expect("in text");
        let i = e.source_map.partition_point(|(o, _)| *o <= at) - 1;
        let byte = e.source_map[i].1 + (at - e.source_map[i].0);
        let (want, _, _) = encoding_rs::BIG5.encode("經濟部");
        assert_eq!(&big5[byte..byte + want.len()], &want[..]);
    }

    #[test]
    fn metadata_tables_are_read_by_label() {
        let page = "<div><table><tr><td><b>发文机关：</b></td><td>国务院办公厅</td><td><b>成文日期：</b></td><td>2018年12月06日</td></tr>\
            <tr><td><b>标　　题：</b></td><td colspan=\"3\">关于某事的通知</td></tr></table><div><p>正文一段足够长的文字。</p></div></div>";
        let e = extract(page.as_bytes()).expect("reads");
        assert_eq!(
            e.metadata,
            vec![
                ("发文机关".to_owned(), "国务院办公厅".to_owned()),
                ("成文日期".to_owned(), "2018年12月06日".to_owned()),
                ("标题".to_owned(), "关于某事的通知".to_owned()),
            ]
        );
    }

    #[test]
    fn nesting_is_counted_as_the_parser_nests() {
        let deep = |n: usize| format!("{}x{}", "<div>".repeat(n), "</div>".repeat(n));
        assert_eq!(too_deep(&deep(MAX_DEPTH)), None);
        assert_eq!(too_deep(&deep(MAX_DEPTH + 1)), Some(5 * MAX_DEPTH));
        // Siblings, unclosed paragraphs and cells, void elements, comments and scripts do
        // not deepen a page.
        let flat = "<div><p>a<br><img src=x/></div>".repeat(10_000)
            + &"<p>unclosed<li>item<td>cell".repeat(10_000)
            + &"<!-- <div><div> -->".repeat(1000)
            + "<script>for(i=0;i<9;i++){document.write('<div>')}</script>";
        assert_eq!(too_deep(&flat), None);
        let e = extract(deep(100_000).as_bytes())
            .err()
            .map(|e| e.to_string());
        assert!(e.is_some_and(|e| e.contains("more than 512 deep")));
    }

    #[test]
    fn a_page_with_no_text_is_an_error() {
        assert_eq!(
            extract(b"<html><body><script>x</script></body></html>").map(|e| e.text),
            Err(ExtractError::EmptyPage)
        );
    }
}
