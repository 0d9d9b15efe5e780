//! Names as written → agency entities. A name is read in its document's jurisdiction (`省` in a
//! Guangdong plan is 广东省, `市发改委` in two cities' plans are two agencies), then matched in the
//! curated registry (`data/registry/`) by official name, by short form, then by normalised form.
//! A name that matches nothing becomes a provisional entity of its jurisdiction — flagged, and
//! never merged with a look-alike.

use crate::{AgencyKind, Match, Registry};
use fengong_parse::lexicon::{lexicon, PlaceLevel};

/// One agency, person or group as the knowledge graph names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Path segments under the agency namespace: jurisdiction, then name.
    pub key: Vec<String>,
    /// The preferred label: the official name for registry entries, else the name as written.
    pub label: String,
    pub jurisdiction: Option<String>,
    /// Stands for several agencies (`各地级以上市人民政府`).
    pub collective: bool,
    /// Matched no registry entry.
    pub provisional: bool,
    /// The registry entry, and how the name matched it.
    pub entry: Option<(usize, Match)>,
    pub kind: Option<AgencyKind>,
}

/// The segment used for names read outside any known jurisdiction.
const NO_JURISDICTION: &str = "_";

/// Where a name may belong, most specific first: the place it starts with (and that place's
/// province), then the document's jurisdiction (or, for `省…` in a city plan, its province).
fn scopes(name: &str, jurisdiction: Option<&str>) -> Vec<String> {
    let lex = lexicon();
    let province_of = |place: &str| -> Option<String> {
        let p = lex.find_place(place)?;
        match p.level {
            PlaceLevel::Province | PlaceLevel::Municipality | PlaceLevel::Sar => {
                Some(p.name.clone())
            }
            _ => {
                let parent = lex.find_place(p.parent.as_deref()?)?;
                match parent.level {
                    PlaceLevel::Province | PlaceLevel::Municipality => Some(parent.name.clone()),
                    _ => parent.parent.clone(),
                }
            }
        }
    };
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: Option<String>| {
        if let Some(s) = s {
            if !out.contains(&s) {
                out.push(s);
            }
        }
    };
    if let Some(prefix) = lex.place_prefix(name) {
        if let Some(p) = lex.find_place(prefix) {
            push(Some(p.name.clone()));
            push(province_of(&p.name));
        }
    }
    if let Some(j) = jurisdiction {
        if name.starts_with('省') {
            push(province_of(j));
        }
        push(Some(j.to_owned()));
        // A district cited with its city (`鞍山市立山区`) is also the registry's `立山区`.
        push(lex.find_place(j).map(|p| p.name.clone()));
    }
    out
}

impl Registry {
    /// The entity an agency name denotes in a document of `jurisdiction`.
    pub fn agency(&self, name: &str, jurisdiction: Option<&str>, collective: bool) -> Entity {
        let scopes = scopes(name, jurisdiction);
        let reg = self;
        for scope in &scopes {
            if let Some((k, how)) = reg.find(scope, name) {
                let a = &reg.agencies[k];
                return Entity {
                    key: vec![a.jurisdiction.clone(), a.name.clone()],
                    label: a.name.clone(),
                    jurisdiction: Some(a.jurisdiction.clone()),
                    collective: a.kind == AgencyKind::Collective,
                    provisional: false,
                    entry: Some((k, how)),
                    kind: Some(a.kind),
                };
            }
        }
        let scope = scopes.into_iter().next();
        Entity {
            key: vec![
                scope.clone().unwrap_or_else(|| NO_JURISDICTION.to_owned()),
                name.to_owned(),
            ],
            label: name.to_owned(),
            jurisdiction: scope,
            collective,
            provisional: true,
            entry: None,
            kind: collective.then_some(AgencyKind::Collective),
        }
    }
}

/// The entity an official's name denotes: people are told apart by jurisdiction and name.
pub fn person(name: &str, jurisdiction: Option<&str>) -> Entity {
    Entity {
        key: vec![
            jurisdiction.unwrap_or(NO_JURISDICTION).to_owned(),
            name.to_owned(),
        ],
        label: name.to_owned(),
        jurisdiction: jurisdiction.map(str::to_owned),
        collective: false,
        provisional: true,
        entry: None,
        kind: None,
    }
}

impl Registry {
    /// The registry agencies `name` can denote in any jurisdiction the registry covers, by
    /// official name (a name with no place in it is tried in each jurisdiction).
    pub fn registered(&self, name: &str) -> Vec<String> {
        let reg = self;
        let mut jurisdictions: Vec<&str> = reg
            .agencies
            .iter()
            .map(|a| a.jurisdiction.as_str())
            .collect();
        jurisdictions.sort_unstable();
        jurisdictions.dedup();
        let mut found: Vec<String> = jurisdictions
            .iter()
            .map(|j| reg.agency(name, Some(j), false))
            .filter(|e| !e.provisional)
            .map(|e| e.label)
            .collect();
        found.dedup();
        found
    }

    /// Registry names closest to `query` (shared characters, in order), for "did you mean".
    pub fn suggest(&self, query: &str, n: usize) -> Vec<String> {
        closest(
            query,
            self.forms()
                .map(|(form, k)| (form.to_owned(), self.agencies[k].name.clone())),
            n,
        )
    }
}

/// The `n` candidates closest to `query`, each a (form, preferred name) pair; one suggestion per
/// preferred name, written `form (name)` where they differ.
pub fn closest(
    query: &str,
    candidates: impl IntoIterator<Item = (String, String)>,
    n: usize,
) -> Vec<String> {
    let q: Vec<char> = fengong_parse::text::script::to_simplified(query)
        .text
        .chars()
        .collect();
    let score = |form: &str| -> usize {
        // Longest common subsequence: forgiving of dropped or extra characters.
        let f: Vec<char> = form.chars().collect();
        let mut prev = vec![0usize; f.len() + 1];
        for &a in &q {
            let mut cur = vec![0usize; f.len() + 1];
            for (j, &b) in f.iter().enumerate() {
                cur[j + 1] = if a == b {
                    prev[j] + 1
                } else {
                    cur[j].max(prev[j + 1])
                };
            }
            prev = cur;
        }
        prev[f.len()]
    };
    let mut scored: Vec<(usize, String, String)> = candidates
        .into_iter()
        .map(|(form, name)| (score(&form), form, name))
        .filter(|(s, _, _)| *s * 2 >= q.len().max(2))
        .collect();
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.len().cmp(&b.1.len()))
            .then(a.1.cmp(&b.1))
    });
    let mut out: Vec<String> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (_, form, name) in scored {
        if seen.contains(&name) {
            continue;
        }
        out.push(if form == name {
            form
        } else {
            format!("{form} ({name})")
        });
        seen.push(name);
        if out.len() == n {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agency(name: &str, jurisdiction: Option<&str>, collective: bool) -> Entity {
        Registry::embedded().agency(name, jurisdiction, collective)
    }

    fn suggest(query: &str, n: usize) -> Vec<String> {
        Registry::embedded().suggest(query, n)
    }

    #[test]
    fn the_same_short_name_in_two_cities_is_two_agencies() {
        let a = agency("市发改委", Some("丽水市"), false);
        let b = agency("市发改委", Some("广州市"), false);
        assert_ne!(a.key, b.key);
        assert!(a.provisional && b.provisional);
        assert_eq!(a, agency("市发改委", Some("丽水市"), false));
    }

    #[test]
    fn short_full_and_prefixed_forms_reach_one_entry() {
        let full = agency("广东省发展和改革委员会", Some("广东省"), false);
        assert!(!full.provisional);
        for form in ["省发展改革委", "广东省发展改革委"] {
            assert_eq!(agency(form, Some("广东省"), false).key, full.key, "{form}");
        }
        // 省 in a city plan is the city's province.
        assert_eq!(agency("省发展改革委", Some("广州市"), false).key, full.key);
    }

    #[test]
    fn unknown_names_are_provisional_with_suggestions() {
        let e = agency("省数字化转型促进中心", Some("广东省"), false);
        assert!(e.provisional);
        assert_eq!(
            e.key,
            vec!["广东省".to_owned(), "省数字化转型促进中心".to_owned()]
        );
        let s = suggest("省政数局长", 3);
        assert!(
            s.iter().any(|x| x.contains("政务服务和数据管理局")),
            "{s:?}"
        );
    }
}
