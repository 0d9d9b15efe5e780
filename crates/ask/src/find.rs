//! `fengong search` and `fengong similar`: the full-text index read with the scope words of
//! `ask` — plans by key or title words, a place and the places within it, an agency by any name
//! `ask` understands (short forms, English, a lineage's other names) and a role.

use fengong_registry::Registry;
use fengong_search::{Filter, Found, Hit, Query, Task};
use fengong_store::Store;

use crate::{AskError, Language, Runner};

/// A search as the command line or the explorer asks it.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub text: String,
    pub phrase: bool,
    pub years: Option<(i32, i32)>,
    /// Plans whose document key equals, or whose title contains, one of these.
    pub plans: Vec<String>,
    /// A place: its plans and those of the places within it.
    pub place: Option<String>,
    pub agency: Option<String>,
    /// `lead`, `cooperate`, `co_responsible`, `supervisor`; empty: any.
    pub roles: Vec<String>,
    pub top: usize,
    pub offset: usize,
}

/// What a search found, with how its scope was read.
#[derive(Debug, Clone)]
pub struct Searched {
    pub found: Found,
    /// The entities `agency` was read as (IRI, label).
    pub agencies: Vec<(String, String)>,
    /// How many plans the scope holds, when it is narrowed by plan or place.
    pub plans_in_scope: Option<usize>,
}

fn runner<'a>(store: &'a Store, registry: &'a Registry, place: Option<String>) -> Runner<'a> {
    Runner {
        store,
        registry,
        sparql: Vec::new(),
        language: Language::Zh,
        scope: Vec::new(),
        place,
        page: None,
    }
}

/// The filter a request's scope gives: plans (by key, title words and place) and an agency.
fn filter(run: &mut Runner<'_>, r: &Request) -> Result<(Filter, Searched), AskError> {
    let mut searched = Searched {
        found: Found {
            hits: Vec::new(),
            total: 0,
            all_words: true,
            forms: Vec::new(),
        },
        agencies: Vec::new(),
        plans_in_scope: None,
    };
    let mut f = Filter {
        years: r.years,
        roles: r.roles.clone(),
        ..Filter::default()
    };
    if !r.plans.is_empty() || r.place.is_some() {
        let lex = fengong_parse::lexicon::lexicon();
        let plans: Vec<String> = run
            .plans(None)?
            .into_iter()
            .filter(|(p, key, j)| {
                (r.plans.is_empty()
                    || r.plans
                        .iter()
                        .any(|q| key == q || p.title.contains(q.as_str())))
                    && r.place.as_ref().is_none_or(|w| lex.within(j, w))
            })
            .map(|(p, _, _)| p.iri)
            .collect();
        if plans.is_empty() {
            let mut named = r.plans.clone();
            named.extend(r.place.iter().cloned());
            return Err(AskError::NoPlan {
                plans: named,
                years: r.years,
                untasked: Vec::new(),
                language: Language::Zh,
            });
        }
        searched.plans_in_scope = Some(plans.len());
        f.plans = Some(plans);
    }
    if let Some(name) = &r.agency {
        let agencies = run.agencies(name)?;
        if agencies.is_empty() {
            return Err(AskError::UnknownAgency {
                name: name.clone(),
                suggestions: run.suggestions(name, false)?,
                language: Language::Zh,
            });
        }
        f.agencies = agencies.iter().map(|(iri, _)| iri.clone()).collect();
        searched.agencies = agencies;
    }
    Ok((f, searched))
}

/// Tasks matching a request, best first, each with its plan, citation and agencies.
pub fn search(store: &Store, registry: &Registry, r: &Request) -> Result<Searched, AskError> {
    let mut run = runner(store, registry, r.place.clone());
    let (filter, mut searched) = filter(&mut run, r)?;
    let index = store.search_index(registry)?;
    searched.found = index
        .search(&Query {
            text: r.text.clone(),
            phrase: r.phrase,
            filter,
            top: r.top,
            offset: r.offset,
        })
        .map_err(fengong_store::StoreError::from)?;
    Ok(searched)
}

/// The tasks of other plans most like `task` (an IRI), within a request's scope (its text is
/// not read).
pub fn similar(
    store: &Store,
    registry: &Registry,
    task: &str,
    r: &Request,
) -> Result<(Task, Vec<Hit>), AskError> {
    let mut run = runner(store, registry, r.place.clone());
    let (filter, _) = filter(&mut run, r)?;
    let index = store.search_index(registry)?;
    Ok(index
        .similar(task, r.top, &filter)
        .map_err(fengong_store::StoreError::from)?)
}
