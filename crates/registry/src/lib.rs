//! The curated agency registry in `data/registry/*.toml` — official names, the short forms plans
//! use, kinds, parents, and renames and successions with dates and sources — and the reading of
//! names as written into entities ([`resolve`]).
//!
//! People extend the TOML files; this crate only loads and indexes them. Every `.toml` file of
//! the folder is read at run time ([`Registry::load`]), so an added or edited file counts without
//! a rebuild; a copy of the folder is embedded for binaries that run without it.

pub mod functions;
pub mod resolve;

pub use functions::{FunctionRecord, Level};
pub use resolve::{closest, person, Entity};

use fengong_parse::lexicon::{level_char, lexicon};
use fengong_parse::text::script::to_simplified;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// `(file name, text)` of each `data/registry/*.toml` as it was when this crate was built.
pub const EMBEDDED: &[(&str, &str)] = embedded::EMBEDDED;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    Party,
    Government,
    Vertical,
    Judicial,
    Congress,
    Cppcc,
    Discipline,
    MassOrganization,
    Enterprise,
    Collective,
    PublicInstitution,
}

impl AgencyKind {
    /// The local name of the class in `data/ontology.ttl`.
    pub fn class(self) -> &'static str {
        match self {
            AgencyKind::Party => "PartyOrgan",
            AgencyKind::Government => "GovernmentDepartment",
            AgencyKind::Vertical => "VerticalBranch",
            AgencyKind::Judicial => "JudicialOrgan",
            AgencyKind::Congress => "PeoplesCongressOrgan",
            AgencyKind::Cppcc => "CppccOrgan",
            AgencyKind::Discipline => "DisciplineInspectionOrgan",
            AgencyKind::MassOrganization => "MassOrganization",
            AgencyKind::Enterprise => "StateEnterprise",
            AgencyKind::Collective => "AgencyGroup",
            AgencyKind::PublicInstitution => "PublicInstitution",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgencyRecord {
    pub name: String,
    pub jurisdiction: String,
    pub kind: AgencyKind,
    #[serde(default)]
    pub short: Vec<String>,
    pub parent: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub source: Option<String>,
    /// The English name (`Ministry of Finance`), for questions asked in English.
    pub en: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The same body under a new name.
    Rename,
    /// A new body took over the functions.
    Succession,
    /// Merged into another body, which goes on with its own functions too.
    Merger,
    Split,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Rename => "rename",
            ChangeKind::Succession => "succession",
            ChangeKind::Merger => "merger",
            ChangeKind::Split => "split",
        }
    }

    /// Whether questions "across plans" follow this change from one name to the next: a
    /// rename or a one-to-one succession continues the agency; a merger or split does not
    /// make the other body's earlier tasks this agency's.
    pub fn continues(self) -> bool {
        matches!(self, ChangeKind::Rename | ChangeKind::Succession)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeRecord {
    pub from: Vec<String>,
    pub to: Vec<String>,
    pub date: Option<String>,
    pub kind: ChangeKind,
    pub note: Option<String>,
    pub source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    agency: Vec<AgencyRecord>,
    #[serde(default)]
    change: Vec<ChangeRecord>,
    #[serde(default)]
    function: Vec<FunctionRecord>,
}

/// How a name matched a registry entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// The official name.
    Name,
    /// A listed short form.
    Alias,
    /// The same after normalising script, place prefix, 和/与 and spacing.
    Normalised,
}

pub struct Registry {
    pub agencies: Vec<AgencyRecord>,
    pub changes: Vec<ChangeRecord>,
    /// Kinds of local agency with their name forms by level (`functions.toml`): how any
    /// city's or county's agency resolves without an entry of its own.
    pub functions: Vec<FunctionRecord>,
    /// The files read, in order (names as given to [`Registry::from_texts`]).
    pub files: Vec<String>,
    /// Index into `files` of each agency's file.
    origin: Vec<usize>,
    fingerprint: String,
    /// `(jurisdiction, name or short form)` → agency.
    forms: HashMap<(String, String), usize>,
    /// `(jurisdiction, normalised form)` → agencies (several means ambiguous: no match).
    normal: HashMap<(String, String), Vec<usize>>,
    by_name: HashMap<String, usize>,
    function_index: functions::Index,
}

/// What [`Registry::check`] finds.
#[derive(Debug, Clone)]
pub struct Check {
    /// What a curator must fix.
    pub problems: Vec<String>,
    pub verification: Verification,
}

/// Sources of the registry's data: cited only, or marked `unverified` (in whole or in part).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verification {
    pub agencies_cited: usize,
    pub agencies_unverified: usize,
    pub changes_cited: usize,
    pub changes_unverified: usize,
    pub functions_cited: usize,
    pub functions_unverified: usize,
}

/// A registry file that cannot be used; the message names the file and the entry.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {message}")]
pub struct RegistryError {
    pub file: String,
    pub message: String,
}

/// A name reduced to what tells agencies apart: simplified script, no jurisdiction prefix, no
/// 和/与/及, no spaces or 、.
pub fn normalise(jurisdiction: &str, name: &str) -> String {
    let simplified = to_simplified(name).text;
    let mut s = simplified.trim();
    let short = lexicon()
        .find_place(jurisdiction)
        .and_then(|p| p.short.first().cloned());
    let mut prefixes: Vec<String> = vec![format!("中共{jurisdiction}"), jurisdiction.to_owned()];
    if let Some(short) = &short {
        prefixes.push(format!("中共{short}"));
        prefixes.push(short.clone());
    }
    let level = level_char(jurisdiction)
        .map(String::from)
        .unwrap_or_default();
    let mut out = String::new();
    for p in &prefixes {
        if let Some(rest) = s.strip_prefix(p.as_str()) {
            // `广东省X` and `广东X` are `省X`; `中共广东省委X` is `省委X`.
            out.push_str(&level);
            s = rest.strip_prefix(level.as_str()).unwrap_or(rest);
            break;
        }
    }
    out.extend(
        s.chars()
            .filter(|c| !matches!(c, '和' | '与' | '及' | '、' | '·') && !c.is_whitespace()),
    );
    out
}

/// An agency's name with its place: 市发改委 of 杭州市 → 杭州市发改委.
pub fn qualified(place: &str, label: &str) -> String {
    // National bodies carry no place in their names (国家发展和改革委员会).
    if place.is_empty() || place == resolve::NATIONAL || label.starts_with(place) {
        return label.to_owned();
    }
    let level = level_char(place);
    match label.strip_prefix(|c: char| Some(c) == level) {
        Some(rest) => format!("{place}{rest}"),
        // 杭州海关, 团市委, 粤港…专责小组: left as the plans write them.
        None => label.to_owned(),
    }
}

impl Registry {
    /// Reads registry files given as `(name, text)`, in order; every problem is reported with
    /// the file it is in.
    pub fn from_texts<N: AsRef<str>, T: AsRef<str>>(
        files: &[(N, T)],
    ) -> Result<Registry, RegistryError> {
        let mut agencies: Vec<AgencyRecord> = Vec::new();
        let mut origin = Vec::new();
        let mut changes = Vec::new();
        let mut change_origin = Vec::new();
        let mut functions: Vec<FunctionRecord> = Vec::new();
        let mut function_origin = Vec::new();
        let mut whole = String::new();
        for (i, (file, text)) in files.iter().enumerate() {
            let (file, text) = (file.as_ref(), text.as_ref());
            let parsed: File = toml::from_str(text).map_err(|e| RegistryError {
                file: file.to_owned(),
                message: e.to_string(),
            })?;
            origin.extend(std::iter::repeat_n(i, parsed.agency.len()));
            agencies.extend(parsed.agency);
            change_origin.extend(std::iter::repeat_n(i, parsed.change.len()));
            changes.extend(parsed.change);
            function_origin.extend(std::iter::repeat_n(i, parsed.function.len()));
            functions.extend(parsed.function);
            // The name counts, not the folder: the same files embedded or on disk are one registry.
            whole.push_str(file.rsplit('/').next().unwrap_or(file));
            whole.push('\0');
            whole.push_str(text);
            whole.push('\0');
        }
        let names: Vec<String> = files.iter().map(|(f, _)| f.as_ref().to_owned()).collect();
        let err = |k: usize, message: String| RegistryError {
            file: names[origin[k]].clone(),
            message,
        };
        let mut by_name = HashMap::new();
        let mut forms: HashMap<(String, String), usize> = HashMap::new();
        let mut normal: HashMap<(String, String), Vec<usize>> = HashMap::new();
        for (k, a) in agencies.iter().enumerate() {
            if let Some(first) = by_name.insert(a.name.clone(), k) {
                return Err(err(
                    k,
                    format!(
                        "{} is listed twice (also in {})",
                        a.name, names[origin[first]]
                    ),
                ));
            }
            for form in std::iter::once(&a.name).chain(&a.short) {
                let key = (a.jurisdiction.clone(), form.clone());
                if let Some(&other) = forms.get(&key) {
                    if other != k {
                        return Err(err(
                            k,
                            format!("{form} names both {} and {}", agencies[other].name, a.name),
                        ));
                    }
                }
                forms.insert(key, k);
                let n = normalise(&a.jurisdiction, form);
                let slot = normal.entry((a.jurisdiction.clone(), n)).or_default();
                if !slot.contains(&k) {
                    slot.push(k);
                }
            }
        }
        for (c, i) in changes.iter().zip(&change_origin) {
            for n in c.from.iter().chain(&c.to) {
                if !by_name.contains_key(n) {
                    return Err(RegistryError {
                        file: names[*i].clone(),
                        message: format!("change names {n}, which has no [[agency]] entry"),
                    });
                }
            }
        }
        let function_index =
            functions::Index::new(&functions).map_err(|(k, message)| RegistryError {
                file: names[function_origin[k]].clone(),
                message,
            })?;
        Ok(Registry {
            agencies,
            changes,
            functions,
            function_index,
            files: names,
            origin,
            fingerprint: fengong_parse::sha256(whole.as_bytes()),
            forms,
            normal,
            by_name,
        })
    }

    /// Reads every `.toml` file in each folder (folders in order, files by name).
    pub fn from_dirs(dirs: &[PathBuf]) -> Result<Registry, RegistryError> {
        let mut files: Vec<(String, String)> = Vec::new();
        for dir in dirs {
            files.extend(read_dir(dir)?);
        }
        Registry::from_texts(&files)
    }

    /// The registry a command works with: the default folder ([`default_dir`], else the copy
    /// embedded at build time), then each of `extra` (`--registry DIR`, `FENGONG_REGISTRY`).
    pub fn load(extra: &[PathBuf]) -> Result<Registry, RegistryError> {
        let mut files: Vec<(String, String)> = match default_dir() {
            Some(dir) => read_dir(&dir)?,
            None => EMBEDDED
                .iter()
                .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
                .collect(),
        };
        for dir in extra {
            files.extend(read_dir(dir)?);
        }
        Registry::from_texts(&files)
    }

    /// The registry embedded at build time, loaded once. Its files are checked by this crate's
    /// tests, so a failure here is a build defect, reported as such.
    pub fn embedded() -> &'static Registry {
        static REGISTRY: OnceLock<Registry> = OnceLock::new();
        REGISTRY.get_or_init(|| match Registry::from_texts(EMBEDDED) {
            Ok(r) => r,
            Err(e) => panic!("the embedded agency registry is invalid: {e}"),
        })
    }

    /// A registry with no entries: every name stays provisional.
    pub fn empty() -> &'static Registry {
        static EMPTY: OnceLock<Registry> = OnceLock::new();
        EMPTY.get_or_init(|| match Registry::from_texts::<&str, &str>(&[]) {
            Ok(r) => r,
            Err(e) => panic!("an empty registry cannot fail: {e}"),
        })
    }

    /// A hash of the registry's files: documents resolved with another registry are re-read.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The file an agency entry comes from.
    pub fn file_of(&self, k: usize) -> &str {
        &self.files[self.origin[k]]
    }

    /// The entry for a name read in `jurisdiction`, if one matches unambiguously.
    pub fn find(&self, jurisdiction: &str, name: &str) -> Option<(usize, Match)> {
        let simplified = to_simplified(name).text;
        if let Some(&k) = self
            .forms
            .get(&(jurisdiction.to_owned(), simplified.clone()))
        {
            let how = if self.agencies[k].name == simplified {
                Match::Name
            } else {
                Match::Alias
            };
            return Some((k, how));
        }
        match self
            .normal
            .get(&(jurisdiction.to_owned(), normalise(jurisdiction, name)))
            .map(Vec::as_slice)
        {
            Some([k]) => Some((*k, Match::Normalised)),
            // Two entries look alike: never merge silently.
            _ => None,
        }
    }

    /// What a curator must fix before the registry can be trusted: entries with no source
    /// (write one, or `unverified`), parents that are not entries, changes with no date,
    /// dates that are not dates, former functions without their successor. Loading already
    /// refuses duplicate names and forms and changes between unknown entries. With them, how
    /// much of the data rests on a cited source and how much is still marked unverified.
    pub fn check(&self) -> Check {
        Check {
            problems: self.problems(),
            verification: self.verification(),
        }
    }

    fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let is_date = |d: &str| {
            let parts: Vec<&str> = d.split('-').collect();
            !parts.is_empty()
                && parts.len() <= 3
                && parts[0].len() == 4
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        };
        let no_source = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
        for (k, a) in self.agencies.iter().enumerate() {
            let at = format!("{}: {}", self.file_of(k), a.name);
            if no_source(&a.source) {
                problems.push(format!(
                    "{at}: no source (cite one, or write \"unverified\")"
                ));
            }
            if let Some(p) = &a.parent {
                if self.by_name(p).is_none() {
                    problems.push(format!("{at}: parent {p} is not an entry"));
                }
            }
            for d in a.since.iter().chain(&a.until) {
                if !is_date(d) {
                    problems.push(format!(
                        "{at}: {d} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
                    ));
                }
            }
        }
        for c in &self.changes {
            let at = format!("change {} → {}", c.from.join("+"), c.to.join("+"));
            match &c.date {
                None => problems.push(format!("{at}: no date")),
                Some(d) if !is_date(d) => problems.push(format!("{at}: {d} is not a date")),
                _ => {}
            }
            if no_source(&c.source) {
                problems.push(format!(
                    "{at}: no source (cite one, or write \"unverified\")"
                ));
            }
        }
        for f in &self.functions {
            if no_source(&f.source) {
                problems.push(format!("function {}: no source", f.key));
            }
            if f.succeeded_by.is_some() && (f.until.is_none() || f.change.is_none()) {
                problems.push(format!(
                    "function {}: a successor needs `until` and `change`",
                    f.key
                ));
            }
            if [&f.province, &f.city, &f.county, &f.endings]
                .iter()
                .all(|l| l.is_empty())
            {
                problems.push(format!("function {}: no name forms", f.key));
            }
        }
        problems
    }

    /// The entries whose English name is `name` (case and a leading `the` aside):
    /// `the Ministry of Finance` → 财政部.
    pub fn by_english(&self, name: &str) -> Vec<usize> {
        let fold = |s: &str| -> String {
            let s = s.trim().to_lowercase();
            let s = s.strip_prefix("the ").unwrap_or(&s).to_owned();
            s.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let want = fold(name);
        if want.is_empty() {
            return Vec::new();
        }
        self.agencies
            .iter()
            .enumerate()
            .filter(|(_, a)| a.en.as_deref().is_some_and(|e| fold(e) == want))
            .map(|(k, _)| k)
            .collect()
    }

    /// How many entries, changes and functions cite a source, and how many are marked
    /// `unverified` (wholly or in part).
    pub fn verification(&self) -> Verification {
        let unverified = |s: &Option<String>| {
            s.as_deref()
                .is_some_and(|s| s.to_lowercase().contains("unverified"))
        };
        let count = |sources: Vec<&Option<String>>| {
            let total = sources.len();
            let u = sources.iter().filter(|s| unverified(s)).count();
            (total - u, u)
        };
        let (agencies_cited, agencies_unverified) =
            count(self.agencies.iter().map(|a| &a.source).collect());
        let (changes_cited, changes_unverified) =
            count(self.changes.iter().map(|c| &c.source).collect());
        let (functions_cited, functions_unverified) =
            count(self.functions.iter().map(|f| &f.source).collect());
        Verification {
            agencies_cited,
            agencies_unverified,
            changes_cited,
            changes_unverified,
            functions_cited,
            functions_unverified,
        }
    }

    pub fn by_name(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    /// Every form the registry knows, with its entry: for suggestions.
    pub fn forms(&self) -> impl Iterator<Item = (&str, usize)> {
        self.forms.iter().map(|((_, f), k)| (f.as_str(), *k))
    }
}

/// `data/registry` of the source tree this crate was built from, when it is still there: the
/// files curators edit, read as they are now rather than as they were at build time.
pub fn default_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/registry");
    dir.is_dir().then_some(dir)
}

/// `(path, text)` of every `.toml` file in `dir`, by name.
fn read_dir(dir: &Path) -> Result<Vec<(String, String)>, RegistryError> {
    let err = |path: &Path, e: std::io::Error| RegistryError {
        file: path.display().to_string(),
        message: format!("cannot read the registry: {e}"),
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| err(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(RegistryError {
            file: dir.display().to_string(),
            message: "has no .toml registry files".into(),
        });
    }
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).map_err(|e| err(&p, e))?;
            Ok((p.display().to_string(), text))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_registry_loads() {
        let r = Registry::embedded();
        assert!(r.agencies.len() > 100);
        assert!(!r.changes.is_empty());
    }

    #[test]
    fn normalising_drops_place_prefix_script_and_conjunctions() {
        let n = |s| normalise("广东省", s);
        assert_eq!(n("广东省政务服务和数据管理局"), n("省政务服务数据管理局"));
        assert_eq!(n("省發展改革委"), n("省发展改革委"));
        assert_eq!(n("广东省发展改革委"), "省发展改革委");
        assert_eq!(n("中共广东省委网信办"), "省委网信办");
    }

    #[test]
    fn a_broken_file_is_reported_by_name() {
        let e = Registry::from_texts(&[("x.toml", "[[agency]]\nname = 1\n")])
            .err()
            .unwrap();
        assert!(e.to_string().starts_with("x.toml: "), "{e}");
        let e = Registry::from_texts(&[(
            "y.toml",
            "[[change]]\nfrom=[\"A\"]\nto=[\"B\"]\nkind=\"rename\"\n",
        )])
        .err()
        .unwrap();
        assert!(e.to_string().contains("no [[agency]] entry"), "{e}");
    }
}
