//! Parsed documents → RDF quads, as a pure function: the store stage only writes them.
//!
//! Each document becomes one named graph (its plan, sections, tasks, memberships, provenance
//! and ingest record); agencies, people and posts, which many documents share, go to the
//! entities graph, so that the union of all graphs holds each triple once.
//! `docs/ontology.md` describes the model.

pub mod analysis;
pub mod iri;
mod registry;
pub mod vocab;

pub use fengong_parse::Source;
pub use registry::registry_quads;

use fengong_correct::Corrected;
use fengong_parse::model::{Kind, ParsedDocument, Span};
use fengong_parse::text::script::WrittenForms;
use fengong_parse::text::Script;
use fengong_registry::{person, Entity, Match, Registry};
use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};
use std::collections::HashMap;
use vocab::{dcterms, fg, fg_term, foaf, oa, org, prov, skos};

/// When and by what a graph was made.
#[derive(Debug, Clone)]
pub struct IngestRecord {
    /// `xsd:dateTime`, UTC.
    pub time: String,
    pub version: String,
}

/// The quads of one document: those of its own graph and those for the shared entities graph.
#[derive(Debug, Clone)]
pub struct DocumentQuads {
    pub graph: NamedNode,
    pub plan: NamedNode,
    pub own: Vec<Quad>,
    pub shared: Vec<Quad>,
}

// Language tags are case-insensitive; Oxigraph keeps them lower-case, as a query's
// "…"@zh-Hans is parsed, so the unchecked constructor must be given them that way.
const ZH: &str = "zh-hans";
const ZH_HANT: &str = "zh-hant";

fn zh(s: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(s, ZH)
}

fn int(n: impl Into<i64>) -> Literal {
    Literal::new_typed_literal(n.into().to_string(), xsd::INTEGER)
}

/// Collects quads into one graph, dropping exact repeats (a task naming an agency twice).
struct Writer {
    graph: GraphName,
    quads: Vec<Quad>,
    /// Where the first quad of each hash is in `quads`: the same quad comes many times (an
    /// agency's description for each task naming it), and is written once. Keyed by hash
    /// rather than by a copy of the quad, which cost an allocation per quad written.
    seen: HashMap<u64, usize>,
    /// Further quads whose hash an earlier, different quad had.
    collided: Vec<(u64, usize)>,
    hasher: std::collections::hash_map::RandomState,
}

impl Writer {
    fn new(graph: NamedNode) -> Self {
        Writer {
            graph: graph.into(),
            quads: Vec::new(),
            seen: HashMap::new(),
            collided: Vec::new(),
            hasher: Default::default(),
        }
    }

    fn add(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: impl Into<Term>) {
        use std::hash::BuildHasher;
        let q = Quad::new(s.clone(), p, o, self.graph.clone());
        let h = self.hasher.hash_one(&q);
        let at = self.quads.len();
        match self.seen.entry(h) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(at);
            }
            std::collections::hash_map::Entry::Occupied(first) => {
                let quads = &self.quads;
                let same = quads[*first.get()] == q
                    || self
                        .collided
                        .iter()
                        .any(|(other, i)| *other == h && quads[*i] == q);
                if same {
                    return;
                }
                self.collided.push((h, at));
            }
        }
        self.quads.push(q);
    }
}

/// The role lists of a task, with the role concept and shortcut property of each.
const ROLES: [(&str, NamedNodeRef<'static>, NamedNodeRef<'static>); 3] = [
    ("lead", fg::LEAD_ROLE, fg::LEADS),
    ("cooperate", fg::COOPERATING_ROLE, fg::COOPERATES_ON),
    (
        "co_responsible",
        fg::JOINTLY_RESPONSIBLE_ROLE,
        fg::SHARES_RESPONSIBILITY_FOR,
    ),
];

/// Builds all quads for one parsed document, corrected by hand where `corrected` says (the
/// parse itself is kept as `fg:parse`, what the corrections changed beside it), its names
/// resolved with `registry` (whose
/// fingerprint the ingest record keeps).
pub fn document_quads(
    parsed: &ParsedDocument,
    corrected: Option<&Corrected>,
    source: &Source,
    record: &IngestRecord,
    registry: &Registry,
) -> DocumentQuads {
    let doc = corrected.map(|c| &c.doc).unwrap_or(parsed);
    let graph = iri::document_graph(&source.key);
    let plan = iri::plan(&source.key);
    let mut own = Writer::new(graph.clone());
    let mut shared = Writer::new(iri::entities_graph());
    let m = &doc.document;
    let jurisdiction = m.jurisdiction.as_deref();

    // The ingest record and the source file.
    let file = iri::under(&plan, &["source"]);
    own.add(&graph, rdf::TYPE, fg::DOCUMENT_GRAPH);
    own.add(&graph, fg::DESCRIBES, plan.clone());
    own.add(&graph, prov::WAS_DERIVED_FROM, file.clone());
    own.add(&graph, fg::SOURCE_KEY, Literal::from(source.key.as_str()));
    own.add(&graph, fg::SHA256, Literal::from(source.sha256.as_str()));
    if let Some(c) = parsed.content_sha256() {
        own.add(&graph, fg::CONTENT_SHA256, Literal::from(c));
    }
    // The parse itself, so that a registry change re-resolves the document from the store,
    // without its file.
    if let Ok(json) = serde_json::to_string(parsed) {
        own.add(&graph, fg::PARSE, Literal::from(json));
    }
    own.add(
        &graph,
        fg::FENGONG_VERSION,
        Literal::from(record.version.as_str()),
    );
    own.add(
        &graph,
        fg::REGISTRY_SHA256,
        Literal::from(registry.fingerprint()),
    );
    own.add(
        &graph,
        prov::GENERATED_AT_TIME,
        Literal::new_typed_literal(record.time.as_str(), xsd::DATE_TIME),
    );
    own.add(&file, rdf::TYPE, fg::SOURCE_FILE);
    own.add(&file, fg::PATH, Literal::from(source.path.as_str()));
    own.add(&file, fg::SHA256, Literal::from(source.sha256.as_str()));
    own.add(&file, fg::BYTE_SIZE, int(source.byte_size as i64));
    own.add(&file, fg::ENCODING, Literal::from(doc.encoding.to_string()));
    own.add(
        &file,
        dcterms::FORMAT,
        Literal::from(doc.format.media_type()),
    );
    // A document fetched from a link: the link is its source, and a copy is kept.
    if is_link(&source.path) {
        if let Ok(url) = NamedNode::new(source.path.as_str()) {
            own.add(&file, dcterms::SOURCE, url);
        }
    }
    if let Some(copy) = &source.local_copy {
        own.add(&file, fg::LOCAL_COPY, Literal::from(copy.as_str()));
    }
    let script = match doc.script {
        Script::Simplified => "simplified",
        Script::Traditional => "traditional",
        Script::Mixed => "mixed",
    };
    own.add(&file, fg::SCRIPT, Literal::from(script));

    // The plan.
    let class = match doc.kind {
        Kind::Plan => fg::PLAN,
        Kind::Article => fg::ARTICLE,
    };
    own.add(&plan, rdf::TYPE, class);
    own.add(&plan, dcterms::SOURCE, file.clone());
    if let Some(t) = &m.title {
        own.add(&plan, dcterms::TITLE, zh(t));
    }
    // What answers cite the plan by: its title, else its file's name, saying it has no title.
    let file_name = source
        .path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(&source.path);
    let label = match &m.title {
        Some(t) => zh(t),
        None => Literal::from(format!("{file_name} (no title)")),
    };
    own.add(&plan, rdfs::LABEL, label);
    if let Some(d) = &m.date {
        own.add(
            &plan,
            dcterms::ISSUED,
            Literal::new_typed_literal(d, xsd::DATE),
        );
    }
    if let Some(y) = m.year {
        own.add(&plan, fg::YEAR, int(y));
    }
    if let Some(n) = &m.number {
        own.add(&plan, dcterms::IDENTIFIER, Literal::from(n.as_str()));
    }
    if let Some(j) = jurisdiction {
        own.add(&plan, fg::JURISDICTION, zh(j));
    }
    for e in &m.jurisdiction_evidence {
        own.add(&plan, fg::JURISDICTION_EVIDENCE, zh(e));
    }
    if let Some(s) = &m.joint_issuance {
        own.add(&plan, fg::JOINT_ISSUANCE, zh(s));
    }
    // Plans name the same agencies over and over: resolve each name once per document.
    let mut resolved: HashMap<(String, bool), Entity> = HashMap::new();
    let mut agency = |name: &str, collective: bool, shared: &mut Writer| -> NamedNode {
        let e = resolved
            .entry((name.to_owned(), collective))
            .or_insert_with(|| {
                registry.agency_in(name, jurisdiction, collective, Some(&source.key))
            });
        let node = iri::agency(&e.key);
        match e.entry {
            // The registry graph describes it; only a form the registry lacks is added.
            Some((_, Match::Normalised)) => shared.add(&node, skos::ALT_LABEL, zh(name)),
            Some(_) => {}
            None => {
                describe_agency(&node, e, shared);
                if e.function.is_some() {
                    if e.label != name {
                        shared.add(&node, skos::ALT_LABEL, zh(name));
                    }
                    describe_function(&node, e, registry, shared);
                }
            }
        }
        node
    };
    if let Some(issuer) = &m.issuer {
        let a = agency(issuer, false, &mut shared);
        own.add(&plan, dcterms::CREATOR, a);
    }
    for co in &m.co_issuers {
        let a = agency(co, false, &mut shared);
        own.add(&plan, dcterms::CONTRIBUTOR, a);
    }
    for name in &doc.agencies_named {
        let a = agency(name, false, &mut shared);
        own.add(&plan, fg::NAMES_AGENCY, a);
    }
    for w in &doc.warnings {
        own.add(
            &plan,
            fg::WARNING,
            Literal::from(format!("line {}: {}", w.line, w.message)),
        );
    }
    // Corrections: who, when, why and what the parser had said; the memberships they set
    // point back to them (below).
    let mut corrections_of: HashMap<usize, Vec<(NamedNode, &[&str])>> = HashMap::new();
    if let Some(c) = corrected {
        if let Some(f) = &c.fingerprint {
            own.add(&graph, fg::CORRECTIONS_SHA256, Literal::from(f.as_str()));
        }
        for p in &c.problems {
            own.add(&plan, fg::WARNING, Literal::from(p.to_string()));
        }
        for (k, a) in c.applied.iter().enumerate() {
            let node = iri::under(&plan, &["correction", &(k + 1).to_string()]);
            let target = match a.ordinal {
                Some(n) => iri::under(&plan, &["task", &n.to_string()]),
                None => plan.clone(),
            };
            own.add(&node, rdf::TYPE, fg::CORRECTION);
            own.add(&node, rdf::TYPE, prov::ACTIVITY);
            own.add(&node, fg::CORRECTS, target.clone());
            own.add(&node, fg::PART_OF_PLAN, plan.clone());
            own.add(&target, fg::CORRECTED_BY, node.clone());
            if a.fields.contains(&"drop") {
                own.add(&node, prov::INVALIDATED, target.clone());
            }
            for f in &a.fields {
                own.add(&node, fg::CORRECTED_FIELD, Literal::from(*f));
            }
            own.add(&node, fg::PARSER_SAID, zh(&a.parser_said));
            own.add(&node, fg::CORRECTED_TO, zh(&a.corrected_to));
            own.add(
                &node,
                fg::CORRECTION_SOURCE,
                Literal::from(a.cited.as_str()),
            );
            own.add(&node, rdfs::COMMENT, Literal::from(a.reason.as_str()));
            own.add(
                &node,
                dcterms::DATE,
                Literal::new_typed_literal(a.date.as_str(), xsd::DATE),
            );
            let by = iri::under(&node, &["by"]);
            own.add(&by, rdf::TYPE, prov::AGENT);
            own.add(&by, foaf::NAME, Literal::from(a.by.as_str()));
            own.add(&node, prov::WAS_ASSOCIATED_WITH, by);
            if let Some(n) = a.ordinal {
                corrections_of
                    .entry(n)
                    .or_default()
                    .push((node, a.fields.as_slice()));
            }
        }
    }

    // Sections, in order of first appearance.
    let mut sections: Vec<&str> = Vec::new();
    for t in &doc.tasks {
        if let Some(s) = t.section.as_deref() {
            if !sections.contains(&s) {
                sections.push(s);
            }
        }
    }
    let section_node = |k: usize| iri::under(&plan, &["section", &(k + 1).to_string()]);
    for (k, title) in sections.iter().enumerate() {
        let node = section_node(k);
        own.add(&node, rdf::TYPE, fg::SECTION);
        own.add(&node, dcterms::TITLE, zh(title));
        own.add(&node, fg::ORDINAL, int(k as i64 + 1));
        own.add(&node, dcterms::IS_PART_OF, plan.clone());
        own.add(&plan, dcterms::HAS_PART, node);
    }

    let traditional = doc.script != Script::Simplified;
    let citations = fengong_parse::model::citations(&doc.tasks);
    for (t, cited) in doc.tasks.iter().zip(citations) {
        let task = iri::under(&plan, &["task", &t.ordinal.to_string()]);
        own.add(&task, rdf::TYPE, fg::TASK);
        own.add(&task, fg::PART_OF_PLAN, plan.clone());
        let parent = match t.section.as_deref() {
            Some(s) => section_node(sections.iter().position(|x| *x == s).unwrap_or(0)),
            None => plan.clone(),
        };
        own.add(&task, dcterms::IS_PART_OF, parent.clone());
        own.add(&parent, dcterms::HAS_PART, task.clone());
        own.add(&task, fg::ORDINAL, int(t.ordinal as i64));
        if !t.number.is_empty() {
            own.add(&task, fg::NUMBER, Literal::from(t.number.as_str()));
        }
        own.add(&task, fg::CITED_AS, Literal::from(cited));
        own.add(&task, dcterms::TITLE, zh(&t.title));
        if !t.text.is_empty() {
            own.add(&task, dcterms::DESCRIPTION, zh(&t.text));
        }
        if let Some(s) = &t.subsection {
            own.add(&task, fg::SUBSECTION, zh(s));
        }
        if !t.raw.is_empty() {
            own.add(
                &task,
                fg::RESPONSIBILITY_TEXT,
                Literal::from(t.raw.as_str()),
            );
        }
        if let Some(d) = &t.deadline {
            own.add(&task, fg::DEADLINE, zh(d));
        }
        own.add(&task, fg::LINE, int(t.line as i64));
        if let Some(l) = &t.location {
            own.add(&task, fg::LOCATION, Literal::from(l.to_string()));
        }
        // Text and web pages cite byte spans of the file; Word, Excel and PDF files, whose
        // bytes are compressed, cite the paragraph, table row, sheet cells or page.
        let cite = |w: &mut Writer, name: &str, span: Span| match &t.location {
            Some(l) if !doc.format.cites_bytes() => fragment_node(w, &task, name, &file, l),
            _ => span_node(w, &task, name, &file, span),
        };
        let span = cite(&mut own, "span", t.span);
        own.add(&task, prov::WAS_DERIVED_FROM, span);
        if let Some(r) = t.raw_span {
            let span = cite(&mut own, "responsibility-span", r);
            own.add(&task, fg::RESPONSIBILITY_SPAN, span);
        }

        let written = if traditional {
            WrittenForms::new(&t.raw)
        } else {
            None
        };
        let lists = [&t.lead, &t.cooperate, &t.co_responsible];
        for ((role_key, role, shortcut), names) in ROLES.iter().zip(lists) {
            for (k, name) in names.iter().enumerate() {
                let collective = t.collective.contains(name);
                let a = agency(name, collective, &mut shared);
                let form = written.as_ref().and_then(|w| w.form(name));
                if let Some(form) = &form {
                    shared.add(
                        &a,
                        skos::ALT_LABEL,
                        Literal::new_language_tagged_literal_unchecked(form.as_str(), ZH_HANT),
                    );
                }
                let m = iri::under(&task, &[role_key, &(k + 1).to_string()]);
                // The name in the file's own script, for quoting the plan as it stands.
                if let Some(form) = form {
                    own.add(
                        &m,
                        fg::NAME_IN_FILE,
                        Literal::new_language_tagged_literal_unchecked(form, ZH_HANT),
                    );
                }
                own.add(&m, rdf::TYPE, org::MEMBERSHIP);
                own.add(&m, org::MEMBER, a.clone());
                own.add(&m, org::ORGANIZATION, task.clone());
                own.add(&m, org::ROLE, *role);
                own.add(&m, fg::NAME_AS_WRITTEN, zh(name));
                own.add(&m, fg::POSITION, int(k as i64 + 1));
                own.add(&a, *shortcut, task.clone());
                for (c, fields) in corrections_of.get(&t.ordinal).into_iter().flatten() {
                    if fields.contains(role_key) {
                        own.add(&m, prov::WAS_GENERATED_BY, c.clone());
                    }
                }
            }
        }
        for (k, s) in t.supervisors.iter().enumerate() {
            let e = person(&s.name, jurisdiction);
            let person = iri::person(&e.key);
            shared.add(&person, rdf::TYPE, foaf::PERSON);
            shared.add(&person, foaf::NAME, zh(&e.label));
            let m = iri::under(&task, &["supervisor", &(k + 1).to_string()]);
            own.add(&m, rdf::TYPE, org::MEMBERSHIP);
            own.add(&m, org::MEMBER, person.clone());
            own.add(&m, org::ORGANIZATION, task.clone());
            own.add(&m, org::ROLE, fg::SUPERVISOR_ROLE);
            own.add(&m, fg::NAME_AS_WRITTEN, zh(&s.name));
            own.add(&m, fg::POSITION, int(k as i64 + 1));
            own.add(&person, fg::SUPERVISES, task.clone());
            for (c, fields) in corrections_of.get(&t.ordinal).into_iter().flatten() {
                if fields.contains(&"supervisors") {
                    own.add(&m, prov::WAS_GENERATED_BY, c.clone());
                }
            }
            if !s.post.is_empty() {
                let post = iri::under(&person, &["post", &s.post]);
                shared.add(&post, rdf::TYPE, org::POST);
                shared.add(&post, skos::PREF_LABEL, zh(&s.post));
                shared.add(&post, org::HELD_BY, person.clone());
                shared.add(&person, org::HOLDS, post.clone());
                own.add(&m, fg::POST, post);
            }
        }
    }

    DocumentQuads {
        graph,
        plan,
        own: own.quads,
        shared: shared.quads,
    }
}

fn describe_agency(node: &NamedNode, e: &Entity, shared: &mut Writer) {
    shared.add(
        node,
        rdf::TYPE,
        if e.collective {
            fg::AGENCY_GROUP
        } else {
            org::FORMAL_ORGANIZATION
        },
    );
    shared.add(node, skos::PREF_LABEL, zh(&e.label));
    if let Some(j) = &e.jurisdiction {
        shared.add(node, fg::JURISDICTION, zh(j));
    }
    if e.provisional {
        shared.add(node, fg::PROVISIONAL, Literal::from(true));
    }
}

/// A local agency known by its function: the function, and where a reform renamed the
/// function everywhere, the change to its successor in the same place (卫生计生委 of a city
/// → that city's 卫生健康委), so lineages hold across plans of different years.
fn describe_function(node: &NamedNode, e: &Entity, registry: &Registry, shared: &mut Writer) {
    let Some(k) = e.function else { return };
    let f = &registry.functions[k];
    shared.add(node, fg::FUNCTION, Literal::from(f.key.as_str()));
    shared.add(node, rdf::TYPE, fg_term(f.kind.class()));
    let Some((next, kind, year)) = registry.successor(e) else {
        return;
    };
    let to = iri::agency(&next.key);
    describe_agency(&to, &next, shared);
    shared.add(
        &to,
        fg::FUNCTION,
        Literal::from(registry.functions[next.function.unwrap_or(k)].key.as_str()),
    );
    let change = iri::change(&e.label, &next.label);
    shared.add(&change, rdf::TYPE, org::CHANGE_EVENT);
    shared.add(&change, fg::CHANGE_KIND, Literal::from(kind.as_str()));
    if let Some(y) = year {
        shared.add(&change, dcterms::DATE, Literal::from(y.as_str()));
    }
    if let Some(src) = &f.source {
        shared.add(&change, dcterms::SOURCE, Literal::from(src.as_str()));
    }
    shared.add(&change, org::ORIGINAL_ORGANIZATION, node.clone());
    shared.add(&change, org::RESULTING_ORGANIZATION, to.clone());
    shared.add(node, org::CHANGED_BY, change.clone());
    shared.add(&to, org::RESULTED_FROM, change);
    if kind.continues() {
        shared.add(node, fg::SUCCEEDED_BY, to);
    }
}

/// A file that holds a plan the store already has from another file (another format, a copy
/// whose bytes differ outside the tasks): a source-file node of that plan, in its graph,
/// linked by `fg:manifestation`. The plan itself is not written again.
pub fn manifestation_quads(
    graph: &NamedNode,
    plan: &NamedNode,
    source: &Source,
    media_type: &str,
) -> Vec<Quad> {
    let mut w = Writer::new(graph.clone());
    let sha = source.sha256.get(..16).unwrap_or(&source.sha256);
    let file = iri::under(plan, &["file", sha]);
    w.add(plan, fg::MANIFESTATION, file.clone());
    w.add(&file, rdf::TYPE, fg::SOURCE_FILE);
    w.add(&file, fg::SOURCE_KEY, Literal::from(source.key.as_str()));
    w.add(&file, fg::PATH, Literal::from(source.path.as_str()));
    w.add(&file, fg::SHA256, Literal::from(source.sha256.as_str()));
    w.add(&file, fg::BYTE_SIZE, int(source.byte_size as i64));
    w.add(&file, dcterms::FORMAT, Literal::from(media_type));
    if is_link(&source.path) {
        if let Ok(url) = NamedNode::new(source.path.as_str()) {
            w.add(&file, dcterms::SOURCE, url);
        }
    }
    if let Some(copy) = &source.local_copy {
        w.add(&file, fg::LOCAL_COPY, Literal::from(copy.as_str()));
    }
    w.quads
}

fn is_link(path: &str) -> bool {
    path.starts_with("http://") || path.starts_with("https://")
}

/// A Web Annotation specific resource on the source file for one of a task's citations;
/// returns (resource, its selector) for the caller to describe the selector.
fn specific_resource(
    w: &mut Writer,
    task: &NamedNode,
    name: &str,
    file: &NamedNode,
) -> (NamedNode, NamedNode) {
    let node = iri::under(task, &[name]);
    let selector = iri::under(task, &[name, "selector"]);
    w.add(&node, rdf::TYPE, oa::SPECIFIC_RESOURCE);
    w.add(&node, oa::HAS_SOURCE, file.clone());
    w.add(&node, oa::HAS_SELECTOR, selector.clone());
    (node, selector)
}

/// A place in a Word, Excel or PDF file, with a fragment selector (`page=2&line=5`,
/// `sheet=分工表&cells=A5:E5`).
fn fragment_node(
    w: &mut Writer,
    task: &NamedNode,
    name: &str,
    file: &NamedNode,
    location: &fengong_parse::text::Location,
) -> NamedNode {
    let (node, selector) = specific_resource(w, task, name, file);
    w.add(&selector, rdf::TYPE, oa::FRAGMENT_SELECTOR);
    w.add(&selector, rdf::VALUE, Literal::from(location.fragment()));
    node
}

/// A byte span of the source file, with a data position selector.
fn span_node(
    w: &mut Writer,
    task: &NamedNode,
    name: &str,
    file: &NamedNode,
    span: Span,
) -> NamedNode {
    let (node, selector) = specific_resource(w, task, name, file);
    w.add(&selector, rdf::TYPE, oa::DATA_POSITION_SELECTOR);
    w.add(&selector, oa::START, int(span.start as i64));
    w.add(&selector, oa::END, int(span.end as i64));
    node
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_writer_keeps_each_quad_once_in_the_order_first_added() {
        let mut w = Writer::new(NamedNode::new_unchecked(
            "https://w3id.org/fengong/graph/doc/x",
        ));
        let a = NamedNode::new_unchecked("https://w3id.org/fengong/id/agency/a");
        let b = NamedNode::new_unchecked("https://w3id.org/fengong/id/agency/b");
        w.add(&a, skos::PREF_LABEL, Literal::from("省科技厅"));
        w.add(&b, skos::PREF_LABEL, Literal::from("省财政厅"));
        w.add(&a, skos::PREF_LABEL, Literal::from("省科技厅"));
        w.add(&a, skos::PREF_LABEL, Literal::from("科技厅"));
        w.add(&b, skos::PREF_LABEL, Literal::from("省财政厅"));
        let labels: Vec<(String, String)> = w
            .quads
            .iter()
            .map(|q| match &q.object {
                Term::Literal(l) => (q.subject.to_string(), l.value().to_owned()),
                other => (q.subject.to_string(), other.to_string()),
            })
            .collect();
        assert_eq!(
            labels,
            [
                (a.to_string(), "省科技厅".to_owned()),
                (b.to_string(), "省财政厅".to_owned()),
                (a.to_string(), "科技厅".to_owned()),
            ]
        );
    }
}
