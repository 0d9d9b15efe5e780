//! The vocabularies fengong writes: W3C ORG, SKOS, Dublin Core terms, PROV-O, FOAF, Web Annotation,
//! and the few terms of its own (`fg:`, defined in `data/ontology.ttl`).

use oxrdf::NamedNodeRef;

/// Prefixes every query may use without declaring them, and that exports declare.
pub const PREFIXES: &[(&str, &str)] = &[
    ("fg", FG),
    ("fgid", ID),
    ("fgg", GRAPH),
    ("org", "http://www.w3.org/ns/org#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("oa", "http://www.w3.org/ns/oa#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];

/// fengong's own terms.
pub const FG: &str = "https://w3id.org/fengong/ns#";
/// Things fengong names: plans, tasks, agencies, people.
pub const ID: &str = "https://w3id.org/fengong/id/";
/// Named graphs.
pub const GRAPH: &str = "https://w3id.org/fengong/graph/";

/// An IRI for people: `prefix:local` with the longest known prefix, else `<iri>`.
pub fn shorten(iri: &str) -> String {
    PREFIXES
        .iter()
        .filter(|(_, ns)| iri.starts_with(ns))
        .max_by_key(|(_, ns)| ns.len())
        .map(|(p, ns)| format!("{p}:{}", &iri[ns.len()..]))
        .unwrap_or_else(|| format!("<{iri}>"))
}

/// `fg:` + a local name known only at run time (agency kind classes).
pub fn fg_term(local: &str) -> oxrdf::NamedNode {
    oxrdf::NamedNode::new_unchecked(format!("{FG}{local}"))
}

macro_rules! terms {
    ($ns:literal; $($name:ident = $local:literal),* $(,)?) => {
        $(pub const $name: NamedNodeRef<'static> =
            NamedNodeRef::new_unchecked(concat!($ns, $local));)*
    };
}

pub mod fg {
    use super::*;
    terms!("https://w3id.org/fengong/ns#";
        PLAN = "Plan", ARTICLE = "Article", SECTION = "Section", TASK = "Task",
        AGENCY_GROUP = "AgencyGroup", DOCUMENT_GRAPH = "DocumentGraph", SOURCE_FILE = "SourceFile",
        LEAD_ROLE = "LeadRole", COOPERATING_ROLE = "CooperatingRole",
        JOINTLY_RESPONSIBLE_ROLE = "JointlyResponsibleRole", SUPERVISOR_ROLE = "SupervisorRole",
        LEADS = "leads", COOPERATES_ON = "cooperatesOn",
        SHARES_RESPONSIBILITY_FOR = "sharesResponsibilityFor", SUPERVISES = "supervises",
        PART_OF_PLAN = "partOfPlan", NAMES_AGENCY = "namesAgency", NUMBER = "number",
        CITED_AS = "citedAs",
        ORDINAL = "ordinal", YEAR = "year", JURISDICTION = "jurisdiction", JURISDICTION_EVIDENCE = "jurisdictionEvidence",
        JOINT_ISSUANCE = "jointIssuance", SUBSECTION = "subsection",
        RESPONSIBILITY_TEXT = "responsibilityText", DEADLINE = "deadline", LINE = "line", LOCATION = "location", LOCAL_COPY = "localCopy", FUNCTION = "function",
        NAME_AS_WRITTEN = "nameAsWritten", NAME_IN_FILE = "nameInFile", POSITION = "position", POST = "post",
        RESPONSIBILITY_SPAN = "responsibilitySpan", WARNING = "warning",
        PROVISIONAL = "provisional", PATH = "path", SEEN_AT = "seenAt", PARSE = "parse", SOURCE_KEY = "sourceKey", SHA256 = "sha256",
        BYTE_SIZE = "byteSize", ENCODING = "encoding", SCRIPT = "script",
        FENGONG_VERSION = "fengongVersion", DESCRIBES = "describes",
        REGISTRY_SHA256 = "registrySha256", SUCCEEDED_BY = "succeededBy", SINCE = "since",
        UNTIL = "until", CHANGE_KIND = "changeKind",
        NETWORK_ANALYSIS = "NetworkAnalysis", AGENCY_SCORE = "AgencyScore",
        IN_ANALYSIS = "inAnalysis", AGENCY = "agency", COVERS = "covers",
        PARAMETERS = "parameters", MODULARITY = "modularity", COMMUNITY_COUNT = "communityCount",
        TASK_COUNT = "taskCount", AGENCY_COUNT = "agencyCount",
        CORRECTION = "Correction", CORRECTS = "corrects", CORRECTED_BY = "correctedBy",
        CORRECTED_FIELD = "correctedField", PARSER_SAID = "parserSaid",
        CORRECTED_TO = "correctedTo", CORRECTION_SOURCE = "correctionSource",
        CORRECTIONS_SHA256 = "correctionsSha256", CONTENT_SHA256 = "contentSha256",
        PUSHED_SHA256 = "pushedSha256",
        MANIFESTATION = "manifestation",
    );
}

pub mod org {
    use super::*;
    terms!("http://www.w3.org/ns/org#";
        FORMAL_ORGANIZATION = "FormalOrganization", MEMBERSHIP = "Membership", POST = "Post",
        MEMBER = "member", ORGANIZATION = "organization", ROLE = "role", HELD_BY = "heldBy",
        HOLDS = "holds", CHANGE_EVENT = "ChangeEvent", ORIGINAL_ORGANIZATION = "originalOrganization",
        RESULTING_ORGANIZATION = "resultingOrganization", CHANGED_BY = "changedBy",
        RESULTED_FROM = "resultedFrom", SUB_ORGANIZATION_OF = "subOrganizationOf",
    );
}

pub mod skos {
    use super::*;
    terms!("http://www.w3.org/2004/02/skos/core#";
        PREF_LABEL = "prefLabel", ALT_LABEL = "altLabel", NOTE = "note",
    );
}

pub mod dcterms {
    use super::*;
    terms!("http://purl.org/dc/terms/";
        TITLE = "title", ISSUED = "issued", IDENTIFIER = "identifier", CREATOR = "creator",
        CONTRIBUTOR = "contributor", HAS_PART = "hasPart", IS_PART_OF = "isPartOf",
        SOURCE = "source", FORMAT = "format", DATE = "date", DESCRIPTION = "description",
    );
}

pub mod prov {
    use super::*;
    terms!("http://www.w3.org/ns/prov#";
        WAS_DERIVED_FROM = "wasDerivedFrom", GENERATED_AT_TIME = "generatedAtTime",
        ACTIVITY = "Activity", ENDED_AT_TIME = "endedAtTime", USED = "used",
        AGENT = "Agent", WAS_ASSOCIATED_WITH = "wasAssociatedWith",
        WAS_GENERATED_BY = "wasGeneratedBy", INVALIDATED = "invalidated",
    );
}

pub mod foaf {
    use super::*;
    terms!("http://xmlns.com/foaf/0.1/"; PERSON = "Person", NAME = "name");
}

pub mod oa {
    use super::*;
    terms!("http://www.w3.org/ns/oa#";
        SPECIFIC_RESOURCE = "SpecificResource", DATA_POSITION_SELECTOR = "DataPositionSelector",
        HAS_SOURCE = "hasSource", HAS_SELECTOR = "hasSelector", START = "start", END = "end",
        FRAGMENT_SELECTOR = "FragmentSelector",
    );
}
