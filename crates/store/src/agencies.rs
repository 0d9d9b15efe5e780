//! The agencies in the store: the list `fengong agencies` shows (`queries/agencies.rq`) and one
//! agency's profile (`queries/agency-profile.rq`), as rows of column → text.

use crate::{Row, Store, StoreError};
use oxigraph::model::NamedNode;

pub const LIST: &str = include_str!("../../../queries/agencies.rq");
pub const PROFILE: &str = include_str!("../../../queries/agency-profile.rq");

/// Every agency with a role, its task counts per role, kind, plans and the names plans used.
pub fn list(store: &Store) -> Result<Vec<Row>, StoreError> {
    store.select(LIST, &[])
}

/// `prop` → `value` rows about the agency `iri`: other names, place, parent, changes.
pub fn profile(store: &Store, iri: &str) -> Result<Vec<Row>, StoreError> {
    let node = NamedNode::new(iri).map_err(|e| StoreError::Binding {
        name: "a".into(),
        message: e.to_string(),
    })?;
    store.select(PROFILE, &[("a".to_owned(), node.into())])
}
