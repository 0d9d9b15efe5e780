//! Corrections by hand: a readable file (`corrections.toml` in the store folder) where people
//! fix what the parser misread — a task's roles, a task that is not one, a plan's metadata —
//! each with who, when and why. They are applied on top of every parse, at every ingest and
//! re-resolution, so a fix survives re-reading the file; what the parser had said is kept
//! beside the fix (see [`apply`]), and the store records both with PROV.
//!
//! ```toml
//! [[task]]
//! plan = "000_300f91a4b6124a40.txt"   # key, path, file name or SHA-256 (8+ hex digits)
//! task = "2)"                          # number as written, SECTION.NUMBER (七.1), or #ordinal
//! quote = "数字政府"                    # optional: words the task must contain
//! lead = ["省政务服务和数据管理局"]
//! cooperate = ["省财政厅"]
//! reason = "牵头单位漏读"
//! by = "李明"
//! date = 2026-12-03
//! ```

mod apply;

pub use apply::{apply, find_task, Applied, Corrected, Problem};

use fengong_parse::text::script::to_simplified;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The file fengong reads in the store folder unless told otherwise.
pub const FILE_NAME: &str = "corrections.toml";

const HEADER: &str =
    "# Corrections by hand, applied by fengong on top of what it parses, at every\n\
# ingest. One [[task]] or [[plan]] entry per fix; `fengong correct` writes them.\n\
# plan: the document's key, path, file name or SHA-256 (8+ hex digits).\n\
# task: its number as written (\"(三)\"), SECTION.NUMBER (\"七.1\"), or position (12).\n\
# quote: words the task must contain, so an entry never lands on another task.\n\
# Fields: lead, cooperate, co_responsible, supervisors (lists of names), drop = true;\n\
# in [[plan]]: title, year, issued, jurisdiction, issuer, number. reason, by, date: always.\n";

/// A corrections file that cannot be used; the message names the file and line.
#[derive(Debug, thiserror::Error)]
#[error("{}{}: {message}", file.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct Error {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

/// Which task of a plan an entry corrects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// Its 1-based position in the plan (`#12`, or a TOML integer).
    Ordinal(usize),
    /// Its number as written (`(三)`, `2)`), optionally under a section's number (`七.1`).
    Number {
        section: Option<String>,
        number: String,
    },
}

impl std::fmt::Display for Selector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Selector::Ordinal(n) => write!(f, "#{n}"),
            Selector::Number {
                section: Some(s),
                number,
            } => write!(f, "{s}.{number}"),
            Selector::Number {
                section: None,
                number,
            } => f.write_str(number),
        }
    }
}

impl Selector {
    /// Reads `#12`, `七.1`, `(三)`, `2)`.
    pub fn parse(s: &str) -> Option<Selector> {
        let s = s.trim();
        if let Some(n) = s.strip_prefix('#') {
            return n.parse().ok().filter(|n| *n > 0).map(Selector::Ordinal);
        }
        if s.is_empty() {
            return None;
        }
        // `七.1`, `三.(二)`: a section's numeral, a dot, a number; `1.` or `3.2` stay numbers.
        if let Some((section, number)) = s.split_once(['.', '．']) {
            let section_like =
                !section.is_empty() && section.chars().all(|c| apply::is_numeral(c) || c == '第');
            let han = section.chars().any(|c| !c.is_ascii_digit());
            if section_like && han && !number.trim().is_empty() {
                return Some(Selector::Number {
                    section: Some(section.to_owned()),
                    number: number.trim().to_owned(),
                });
            }
        }
        Some(Selector::Number {
            section: None,
            number: s.to_owned(),
        })
    }
}

/// What an entry sets; fields left out stay as parsed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskChanges {
    pub lead: Option<Vec<String>>,
    pub cooperate: Option<Vec<String>>,
    pub co_responsible: Option<Vec<String>>,
    /// Officials' names (posts the plan gave are kept for names it already had).
    pub supervisors: Option<Vec<String>>,
    /// Not a task: the item is taken out.
    pub drop: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanChanges {
    pub title: Option<String>,
    pub year: Option<i32>,
    /// The plan's date of issue, `YYYY-MM-DD`.
    pub issued: Option<String>,
    pub jurisdiction: Option<String>,
    pub issuer: Option<String>,
    pub number: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Task {
        selector: Selector,
        /// Words the task's text must contain, so that an entry never lands on another task
        /// when the plan's file changes and its items move.
        quote: Option<String>,
        set: TaskChanges,
    },
    Plan(PlanChanges),
}

/// One correction, as written in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Where it is written: the file, and the 1-based line of its `[[task]]` / `[[plan]]`.
    pub file: PathBuf,
    pub line: usize,
    /// The plan as the entry names it.
    pub plan: String,
    pub target: Target,
    pub reason: String,
    pub by: String,
    /// `YYYY-MM-DD`.
    pub date: String,
}

impl Entry {
    /// `corrections.toml:12`, as messages and the store cite it.
    pub fn cited(&self) -> String {
        let name = self
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        format!("{name}:{}", self.line)
    }

    /// Whether the entry names this document: by key, the path it was read from, its file
    /// name, or the start (8+ hex digits) of its SHA-256.
    pub fn names(&self, key: &str, path: &str, sha256: &str) -> bool {
        let p = self.plan.as_str();
        let file_name = |s: &str| s.rsplit(['/', '\\']).next().unwrap_or(s).to_owned();
        p == key
            || p == path
            || (!p.contains('/') && (file_name(path) == p || file_name(key) == p))
            || (p.len() >= 8
                && p.chars().all(|c| c.is_ascii_hexdigit())
                && sha256.starts_with(&p.to_ascii_lowercase()))
    }

    /// The entry as TOML, for appending to a corrections file.
    pub fn to_toml(&self) -> String {
        let s = |v: &str| toml::Value::String(v.to_owned()).to_string();
        let list = |v: &[String]| {
            let items: Vec<String> = v.iter().map(|x| s(x)).collect();
            format!("[{}]", items.join(", "))
        };
        let mut out = String::new();
        match &self.target {
            Target::Task {
                selector,
                quote,
                set,
            } => {
                out.push_str("[[task]]\n");
                out.push_str(&format!("plan = {}\n", s(&self.plan)));
                match selector {
                    Selector::Ordinal(n) => out.push_str(&format!("task = {n}\n")),
                    other => out.push_str(&format!("task = {}\n", s(&other.to_string()))),
                }
                if let Some(q) = quote {
                    out.push_str(&format!("quote = {}\n", s(q)));
                }
                for (key, v) in [
                    ("lead", &set.lead),
                    ("cooperate", &set.cooperate),
                    ("co_responsible", &set.co_responsible),
                    ("supervisors", &set.supervisors),
                ] {
                    if let Some(v) = v {
                        out.push_str(&format!("{key} = {}\n", list(v)));
                    }
                }
                if set.drop {
                    out.push_str("drop = true\n");
                }
            }
            Target::Plan(p) => {
                out.push_str("[[plan]]\n");
                out.push_str(&format!("plan = {}\n", s(&self.plan)));
                for (key, v) in [
                    ("title", &p.title),
                    ("jurisdiction", &p.jurisdiction),
                    ("issuer", &p.issuer),
                    ("number", &p.number),
                ] {
                    if let Some(v) = v {
                        out.push_str(&format!("{key} = {}\n", s(v)));
                    }
                }
                if let Some(d) = &p.issued {
                    out.push_str(&format!("issued = {d}\n"));
                }
                if let Some(y) = p.year {
                    out.push_str(&format!("year = {y}\n"));
                }
            }
        }
        out.push_str(&format!("reason = {}\n", s(&self.reason)));
        out.push_str(&format!("by = {}\n", s(&self.by)));
        out.push_str(&format!("date = {}\n", self.date));
        out
    }
}

/// The corrections of one file.
#[derive(Debug, Clone, Default)]
pub struct Corrections {
    pub file: Option<PathBuf>,
    pub entries: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    task: Vec<toml::Spanned<RawTask>>,
    #[serde(default)]
    plan: Vec<toml::Spanned<RawPlan>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTask {
    plan: String,
    task: toml::Value,
    quote: Option<String>,
    lead: Option<Vec<String>>,
    cooperate: Option<Vec<String>>,
    co_responsible: Option<Vec<String>>,
    supervisors: Option<Vec<String>>,
    #[serde(default)]
    drop: bool,
    reason: String,
    by: String,
    date: toml::Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    plan: String,
    title: Option<String>,
    year: Option<i32>,
    /// The plan's own date; `date` is the correction's, as in a [[task]] entry.
    issued: Option<toml::Value>,
    jurisdiction: Option<String>,
    issuer: Option<String>,
    number: Option<String>,
    reason: String,
    by: String,
    date: toml::Value,
}

/// `2026-12-03` from a TOML date or a string of that form.
fn iso_date(v: &toml::Value) -> Option<String> {
    let s = match v {
        toml::Value::Datetime(d) => d.date.map(|d| d.to_string())?,
        toml::Value::String(s) => s.trim().to_owned(),
        _ => return None,
    };
    let b = s.as_bytes();
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    ok.then_some(s)
}

/// A name as the parser writes names: simplified script, no surrounding space.
fn name(s: &str) -> String {
    to_simplified(s.trim()).text
}

fn names(v: Option<Vec<String>>) -> Option<Vec<String>> {
    v.map(|v| {
        v.iter()
            .map(|s| name(s))
            .filter(|s| !s.is_empty())
            .collect()
    })
}

impl Corrections {
    /// Reads a corrections file; a file that is not there holds no corrections.
    pub fn load(path: &Path) -> Result<Corrections, Error> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Corrections {
                    file: Some(path.to_owned()),
                    entries: Vec::new(),
                })
            }
            Err(e) => {
                return Err(Error {
                    file: path.to_owned(),
                    line: None,
                    message: format!("cannot read it: {e}"),
                })
            }
        };
        Corrections::parse(path, &text)
    }

    /// Reads the text of a corrections file; every problem names the file and line.
    pub fn parse(path: &Path, text: &str) -> Result<Corrections, Error> {
        let line_at = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let err = |line: Option<usize>, message: String| Error {
            file: path.to_owned(),
            line,
            message,
        };
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_at(s.start));
            // The message's first line; toml's own repeats the position and quotes the source.
            let message = e.message().trim().to_owned();
            err(line, message)
        })?;
        let mut entries = Vec::new();
        let check = |line: usize, plan: &str, reason: &str, by: &str| {
            if plan.trim().is_empty() {
                return Err(err(
                    Some(line),
                    "`plan` is empty: give the plan's key, path, file name or SHA-256".into(),
                ));
            }
            if reason.trim().is_empty() {
                return Err(err(
                    Some(line),
                    "`reason` is empty: say why, so that readers can judge the correction".into(),
                ));
            }
            if by.trim().is_empty() {
                return Err(err(
                    Some(line),
                    "`by` is empty: say who made the correction".into(),
                ));
            }
            Ok(())
        };
        for spanned in raw.task {
            let line = line_at(spanned.span().start);
            let t = spanned.into_inner();
            check(line, &t.plan, &t.reason, &t.by)?;
            let selector = match &t.task {
                toml::Value::Integer(n) if *n > 0 => Some(Selector::Ordinal(*n as usize)),
                toml::Value::String(s) => Selector::parse(s),
                _ => None,
            }
            .ok_or_else(|| {
                err(
                    Some(line),
                    format!(
                        "`task = {}` names no task: write its number as in the plan (\"(三)\", \"七.1\") or its position (12 or \"#12\")",
                        t.task
                    ),
                )
            })?;
            let date = iso_date(&t.date).ok_or_else(|| {
                err(
                    Some(line),
                    format!("`date = {}` is not a date like 2026-12-03", t.date),
                )
            })?;
            let set = TaskChanges {
                lead: names(t.lead),
                cooperate: names(t.cooperate),
                co_responsible: names(t.co_responsible),
                supervisors: names(t.supervisors),
                drop: t.drop,
            };
            if set == TaskChanges::default() {
                return Err(err(
                    Some(line),
                    "the entry changes nothing: set lead, cooperate, co_responsible or supervisors, or drop = true".into(),
                ));
            }
            entries.push(Entry {
                file: path.to_owned(),
                line,
                plan: t.plan.trim().to_owned(),
                target: Target::Task {
                    selector,
                    quote: t.quote.map(|q| name(&q)).filter(|q| !q.is_empty()),
                    set,
                },
                reason: t.reason.trim().to_owned(),
                by: t.by.trim().to_owned(),
                date,
            });
        }
        for spanned in raw.plan {
            let line = line_at(spanned.span().start);
            let p = spanned.into_inner();
            check(line, &p.plan, &p.reason, &p.by)?;
            let on = iso_date(&p.date).ok_or_else(|| {
                err(
                    Some(line),
                    format!("`date = {}` is not a date like 2026-12-03", p.date),
                )
            })?;
            let issued = match &p.issued {
                Some(d) => Some(iso_date(d).ok_or_else(|| {
                    err(
                        Some(line),
                        format!("`issued = {d}` is not a date like 2024-03-15"),
                    )
                })?),
                None => None,
            };
            let set = PlanChanges {
                title: p.title.map(|s| s.trim().to_owned()),
                year: p.year,
                issued,
                jurisdiction: p.jurisdiction.map(|s| name(&s)),
                issuer: p.issuer.map(|s| name(&s)),
                number: p.number.map(|s| s.trim().to_owned()),
            };
            if set == PlanChanges::default() {
                return Err(err(
                    Some(line),
                    "the entry changes nothing: set title, year, issued, jurisdiction, issuer or number".into(),
                ));
            }
            entries.push(Entry {
                file: path.to_owned(),
                line,
                plan: p.plan.trim().to_owned(),
                target: Target::Plan(set),
                reason: p.reason.trim().to_owned(),
                by: p.by.trim().to_owned(),
                date: on,
            });
        }
        entries.sort_by_key(|e| e.line);
        Ok(Corrections {
            file: Some(path.to_owned()),
            entries,
        })
    }

    /// Appends an entry to a corrections file (made, with a header, if there is none),
    /// written beside and renamed into place so the file is never half-written; returns the
    /// entry as it now stands in the file, with its line. The file is read back first: an
    /// entry is never added to a file that has errors.
    pub fn append(path: &Path, entry: &Entry) -> Result<Entry, Error> {
        let err = |message: String| Error {
            file: path.to_owned(),
            line: None,
            message,
        };
        let mut text = match std::fs::read_to_string(path) {
            Ok(t) => {
                Corrections::parse(path, &t)?;
                t
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => HEADER.to_owned(),
            Err(e) => return Err(err(format!("cannot read it: {e}"))),
        };
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push('\n');
        let line = text.matches('\n').count() + 1;
        text.push_str(&entry.to_toml());
        // What was written must read back as this entry.
        let back = Corrections::parse(path, &text)?;
        let written = back
            .entries
            .into_iter()
            .find(|e| e.line == line)
            .ok_or_else(|| err("the entry did not read back; nothing written".into()))?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| err(format!("cannot make its folder: {e}")))?;
        }
        let part = path.with_extension("toml.part");
        std::fs::write(&part, &text)
            .and_then(|_| std::fs::rename(&part, path))
            .map_err(|e| err(format!("cannot write it: {e}")))?;
        Ok(written)
    }

    /// The entries that name this document, in file order.
    pub fn for_document(&self, key: &str, path: &str, sha256: &str) -> Vec<&Entry> {
        self.for_files(&[(key, path, sha256)])
    }

    /// The entries naming any of a plan's files, each `(key, path, sha256)`: a plan read from
    /// several files (formats, copies) is corrected through whichever of them an entry names.
    pub fn for_files(&self, files: &[(&str, &str, &str)]) -> Vec<&Entry> {
        self.entries
            .iter()
            .filter(|e| files.iter().any(|(k, p, s)| e.names(k, p, s)))
            .collect()
    }
}

/// What a set of entries amounts to, for telling whether a document needs re-deriving: the
/// entries' content, not their place in the file (a comment added above leaves it alone).
pub fn fingerprint(entries: &[&Entry]) -> Option<String> {
    if entries.is_empty() {
        return None;
    }
    let mut whole = String::new();
    for e in entries {
        let mut e = (*e).clone();
        e.line = 0;
        e.file = PathBuf::new();
        whole.push_str(&e.to_toml());
        whole.push('\0');
    }
    Some(fengong_parse::sha256(whole.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Corrections, Error> {
        Corrections::parse(Path::new("/s/corrections.toml"), text)
    }

    #[test]
    fn reads_entries_with_their_lines() {
        let c = parse(
            "# fixes\n\n[[task]]\nplan = \"000.txt\"\ntask = \"七.1\"\nlead = [\"省財政廳\"]\nreason = \"漏读\"\nby = \"李明\"\ndate = 2026-12-03\n\n[[task]]\nplan = \"000.txt\"\ntask = 4\ndrop = true\nreason = \"不是任务\"\nby = \"李明\"\ndate = \"2026-12-04\"\n",
        )
        .unwrap();
        assert_eq!(c.entries.len(), 2);
        let e = &c.entries[0];
        assert_eq!(e.line, 3);
        assert_eq!(e.cited(), "corrections.toml:3");
        let Target::Task { selector, set, .. } = &e.target else {
            panic!("a task entry")
        };
        assert_eq!(
            *selector,
            Selector::Number {
                section: Some("七".into()),
                number: "1".into()
            }
        );
        // Names are read as the parser writes them: simplified.
        assert_eq!(set.lead.as_deref(), Some(&["省财政厅".to_owned()][..]));
        assert_eq!(c.entries[1].line, 11);
        assert_eq!(c.entries[1].date, "2026-12-04");
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = parse("[[task]]\nplan = \"a\"\ntask = \"(一)\"\nlead = [\"x\"]\nreason = \"r\"\nby = \"b\"\ndate = \"3 December\"\n").unwrap_err();
        assert_eq!(e.line, Some(1));
        assert!(
            e.to_string().starts_with("/s/corrections.toml:1: `date"),
            "{e}"
        );
        let e = parse("[[task]]\nplan = \"a\"\ntask = 1\nleed = [\"x\"]\n").unwrap_err();
        assert!(e.to_string().contains("leed"), "{e}");
        assert!(e.line.is_some());
        let e = parse(
            "[[task]]\nplan = \"a\"\ntask = 1\nreason = \"r\"\nby = \"b\"\ndate = 2026-01-01\n",
        )
        .unwrap_err();
        assert!(e.message.contains("changes nothing"), "{e}");
        let e = parse("[[task]]\nplan = \"a\"\ntask = 1\nlead = []\nreason = \" \"\nby = \"b\"\ndate = 2026-01-01\n").unwrap_err();
        assert!(e.message.contains("reason"), "{e}");
    }

    #[test]
    fn selectors() {
        assert_eq!(Selector::parse("#12"), Some(Selector::Ordinal(12)));
        assert_eq!(Selector::parse("#0"), None);
        assert_eq!(
            Selector::parse("三.(二)"),
            Some(Selector::Number {
                section: Some("三".into()),
                number: "(二)".into()
            })
        );
        // Arabic numbers with dots are numbers as written.
        assert_eq!(
            Selector::parse("3.2"),
            Some(Selector::Number {
                section: None,
                number: "3.2".into()
            })
        );
        assert_eq!(
            Selector::parse("1."),
            Some(Selector::Number {
                section: None,
                number: "1.".into()
            })
        );
    }

    #[test]
    fn entries_name_documents_by_key_path_file_or_hash() {
        let c = parse("[[task]]\nplan = \"0123abcd\"\ntask = 1\ndrop = true\nreason = \"r\"\nby = \"b\"\ndate = 2026-01-01\n").unwrap();
        let e = &c.entries[0];
        assert!(e.names("k", "/x/y.txt", "0123abcdef"));
        assert!(!e.names("k", "/x/y.txt", "ff0123abcd"));
        let mut e = e.clone();
        e.plan = "y.txt".into();
        assert!(e.names("sub/y.txt", "/x/sub/y.txt", ""));
        assert!(!e.names("sub/z.txt", "/x/sub/z.txt", ""));
    }

    #[test]
    fn written_entries_read_back() {
        let text = "[[task]]\nplan = \"p \\\"q\\\".txt\"\ntask = \"(三)\"\nquote = \"数字\"\nlead = [\"省科技厅\"]\ncooperate = []\nreason = \"换行\\n说明\"\nby = \"b\"\ndate = 2026-01-01\n";
        let c = parse(text).unwrap();
        let again = parse(&c.entries[0].to_toml()).unwrap();
        let (mut a, mut b) = (c.entries[0].clone(), again.entries[0].clone());
        a.line = 0;
        b.line = 0;
        assert_eq!(a, b);
        assert_eq!(
            fingerprint(&[&c.entries[0]]),
            fingerprint(&[&again.entries[0]])
        );
    }
}
