//! Names as written → agency entities. A name is read in its document's jurisdiction, so
//! `市发改委` in two cities' plans are two entities.
//!
//! This stage only scopes names; the curated registry that merges short forms, scripts and
//! renames (issue 5) plugs in here without changing what the RDF stage expects.

/// One agency, person or group as the knowledge graph names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Path segments under the agency namespace: jurisdiction, then name.
    pub key: Vec<String>,
    /// The preferred label.
    pub label: String,
    pub jurisdiction: Option<String>,
    /// Stands for several agencies (`各地级以上市人民政府`).
    pub collective: bool,
    /// Matched no curated entry.
    pub provisional: bool,
}

/// The segment used for names read outside any known jurisdiction.
const NO_JURISDICTION: &str = "_";

/// The entity an agency name denotes in a document of `jurisdiction`.
pub fn agency(name: &str, jurisdiction: Option<&str>, collective: bool) -> Entity {
    Entity {
        key: vec![
            jurisdiction.unwrap_or(NO_JURISDICTION).to_owned(),
            name.to_owned(),
        ],
        label: name.to_owned(),
        jurisdiction: jurisdiction.map(str::to_owned),
        collective,
        provisional: true,
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_short_name_in_two_cities_is_two_agencies() {
        let a = agency("市发改委", Some("丽水市"), false);
        let b = agency("市发改委", Some("广州市"), false);
        assert_ne!(a.key, b.key);
        assert_eq!(a, agency("市发改委", Some("丽水市"), false));
    }
}
