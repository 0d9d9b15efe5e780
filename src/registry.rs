//! The curated agency registry in `data/registry/*.toml`: official names, the short forms plans
//! use, kinds, parents, and renames and successions with dates and sources.
//!
//! People extend the TOML files; this module only loads and indexes them.

use crate::text::script::to_simplified;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// `(file, text)` of each registry file, compiled into the binary.
pub const FILES: &[(&str, &str)] = &[(
    "data/registry/guangdong.toml",
    include_str!("../data/registry/guangdong.toml"),
)];

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
    /// `(jurisdiction, name or short form)` → agency.
    forms: HashMap<(String, String), usize>,
    /// `(jurisdiction, normalised form)` → agencies (several means ambiguous: no match).
    normal: HashMap<(String, String), Vec<usize>>,
    by_name: HashMap<String, usize>,
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
    let short = crate::lexicon::lexicon()
        .find_place(jurisdiction)
        .and_then(|p| p.short.first().cloned());
    let mut prefixes: Vec<String> = vec![format!("中共{jurisdiction}"), jurisdiction.to_owned()];
    if let Some(short) = &short {
        prefixes.push(format!("中共{short}"));
        prefixes.push(short.clone());
    }
    let level = jurisdiction
        .chars()
        .last()
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

impl Registry {
    /// Reads registry files; every problem is reported with its file.
    pub fn load(files: &[(&str, &str)]) -> Result<Registry, RegistryError> {
        let mut agencies: Vec<AgencyRecord> = Vec::new();
        let mut changes = Vec::new();
        for (file, text) in files {
            let err = |message: String| RegistryError {
                file: (*file).to_owned(),
                message,
            };
            let parsed: File = toml::from_str(text).map_err(|e| err(e.to_string()))?;
            agencies.extend(parsed.agency);
            changes.extend(parsed.change);
        }
        let mut by_name = HashMap::new();
        let mut forms: HashMap<(String, String), usize> = HashMap::new();
        let mut normal: HashMap<(String, String), Vec<usize>> = HashMap::new();
        let err = |message: String| RegistryError {
            file: FILES.iter().map(|(f, _)| *f).collect::<Vec<_>>().join(", "),
            message,
        };
        for (k, a) in agencies.iter().enumerate() {
            if by_name.insert(a.name.clone(), k).is_some() {
                return Err(err(format!("{} is listed twice", a.name)));
            }
            for form in std::iter::once(&a.name).chain(&a.short) {
                let key = (a.jurisdiction.clone(), form.clone());
                if let Some(&other) = forms.get(&key) {
                    if other != k {
                        return Err(err(format!(
                            "{form} names both {} and {}",
                            agencies[other].name, a.name
                        )));
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
        for c in &changes {
            for n in c.from.iter().chain(&c.to) {
                if !by_name.contains_key(n) {
                    return Err(err(format!(
                        "change names {n}, which has no [[agency]] entry"
                    )));
                }
            }
        }
        Ok(Registry {
            agencies,
            changes,
            forms,
            normal,
            by_name,
        })
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

    pub fn by_name(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    /// Every form the registry knows, with its entry: for suggestions.
    pub fn forms(&self) -> impl Iterator<Item = (&str, usize)> {
        self.forms.iter().map(|((_, f), k)| (f.as_str(), *k))
    }

    /// A hash of the registry files: documents resolved with another registry are re-read.
    pub fn fingerprint() -> String {
        let mut all = String::new();
        for (_, text) in FILES {
            all.push_str(text);
        }
        crate::store::sha256(all.as_bytes())
    }
}

/// The embedded registry, loaded once. Its files are part of the binary and checked by tests,
/// so a failure here is a build defect, reported as such.
pub fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| match Registry::load(FILES) {
        Ok(r) => r,
        Err(e) => panic!("the embedded agency registry is invalid: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_registry_loads() {
        let r = registry();
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
        let e = Registry::load(&[("x.toml", "[[agency]]\nname = 1\n")])
            .err()
            .unwrap();
        assert!(e.to_string().starts_with("x.toml: "), "{e}");
        let e = Registry::load(&[(
            "y.toml",
            "[[change]]\nfrom=[\"A\"]\nto=[\"B\"]\nkind=\"rename\"\n",
        )])
        .err()
        .unwrap();
        assert!(e.to_string().contains("no [[agency]] entry"), "{e}");
    }
}
