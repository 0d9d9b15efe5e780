//! Library enums as command-line choices. The library crates know nothing of clap; here their
//! values get the spellings and help the command line shows.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use fengong_diagram::{ColorBy, LayoutEngine};
use fengong_network::export::{Format, Which};
use fengong_network::measures::Measure;
use fengong_network::{Role, Weighting};

pub trait Choice: Copy + Send + Sync + 'static {
    fn all() -> &'static [Self];
    /// The spelling on the command line.
    fn name(self) -> &'static str;
    fn help(self) -> Option<&'static str> {
        None
    }
    /// Another spelling also accepted (`out_degree` beside `out-degree`).
    fn alias(self) -> Option<&'static str> {
        None
    }
}

/// A clap value parser that accepts exactly the names (and aliases) of `T`'s values.
pub fn parser<T: Choice>() -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(T::all().iter().map(|&v| {
        let p = PossibleValue::new(v.name()).aliases(v.alias());
        match v.help() {
            Some(h) => p.help(h),
            None => p,
        }
    }))
    .map(|s| {
        let all = T::all();
        all.iter()
            .copied()
            .find(|v| v.name() == s || v.alias() == Some(s.as_str()))
            // The possible values parser let through only these names.
            .unwrap_or(all[0])
    })
}

impl Choice for Measure {
    fn all() -> &'static [Self] {
        &Measure::ALL
    }
    /// As the README, the table's columns and the CSV and JSON keys spell them.
    fn name(self) -> &'static str {
        Measure::name(self)
    }
    fn help(self) -> Option<&'static str> {
        Some(self.description())
    }
    fn alias(self) -> Option<&'static str> {
        match self {
            Measure::OutDegree => Some("out-degree"),
            Measure::InDegree => Some("in-degree"),
            Measure::OutStrength => Some("out-strength"),
            Measure::InStrength => Some("in-strength"),
            Measure::BetweennessWeighted => Some("betweenness-weighted"),
            Measure::ClosenessWeighted => Some("closeness-weighted"),
            _ => None,
        }
    }
}

impl Choice for Role {
    fn all() -> &'static [Self] {
        &Role::ALL
    }
    fn name(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Cooperate => "cooperate",
            Role::CoResponsible => "co-responsible",
        }
    }
    fn alias(self) -> Option<&'static str> {
        (self == Role::CoResponsible).then_some("co_responsible")
    }
}

impl Choice for Weighting {
    fn all() -> &'static [Self] {
        &[Weighting::Count, Weighting::Newman]
    }
    fn name(self) -> &'static str {
        match self {
            Weighting::Count => "count",
            Weighting::Newman => "newman",
        }
    }
    fn help(self) -> Option<&'static str> {
        Some(match self {
            Weighting::Count => "Number of shared tasks",
            Weighting::Newman => "Newman (2001): Σ 1/(n−1) over shared tasks with n agencies",
        })
    }
}

impl Choice for Which {
    fn all() -> &'static [Self] {
        &[Which::Directed, Which::CoResponsibility]
    }
    fn name(self) -> &'static str {
        match self {
            Which::Directed => "directed",
            Which::CoResponsibility => "co-responsibility",
        }
    }
    fn help(self) -> Option<&'static str> {
        Some(match self {
            Which::Directed => "Lead → cooperator arcs, joint arcs both ways",
            Which::CoResponsibility => "Agencies tied by shared tasks",
        })
    }
}

impl Choice for Format {
    fn all() -> &'static [Self] {
        &[Format::Graphml, Format::Gexf, Format::Csv]
    }
    fn name(self) -> &'static str {
        match self {
            Format::Graphml => "graphml",
            Format::Gexf => "gexf",
            Format::Csv => "csv",
        }
    }
    fn help(self) -> Option<&'static str> {
        (self == Format::Csv).then_some("Edge list (use `--nodes` for the node table)")
    }
}

impl Choice for ColorBy {
    fn all() -> &'static [Self] {
        &[ColorBy::Community, ColorBy::Kind]
    }
    fn name(self) -> &'static str {
        match self {
            ColorBy::Community => "community",
            ColorBy::Kind => "kind",
        }
    }
}

impl Choice for LayoutEngine {
    fn all() -> &'static [Self] {
        &[
            LayoutEngine::Dot,
            LayoutEngine::Neato,
            LayoutEngine::Fdp,
            LayoutEngine::Sfdp,
            LayoutEngine::Circo,
        ]
    }
    fn name(self) -> &'static str {
        match self {
            LayoutEngine::Dot => "dot",
            LayoutEngine::Neato => "neato",
            LayoutEngine::Fdp => "fdp",
            LayoutEngine::Sfdp => "sfdp",
            LayoutEngine::Circo => "circo",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse<T: Choice>(s: &str) -> Option<T> {
        let cmd = clap::Command::new("t");
        parser::<T>()
            .parse_ref(&cmd, None, std::ffi::OsStr::new(s))
            .ok()
    }

    #[test]
    fn names_and_aliases_parse_to_their_value() {
        assert_eq!(parse::<Measure>("out-degree"), Some(Measure::OutDegree));
        assert_eq!(parse::<Measure>("out_degree"), Some(Measure::OutDegree));
        assert_eq!(parse::<Measure>("pagerank"), Some(Measure::Pagerank));
        assert_eq!(parse::<Role>("co-responsible"), Some(Role::CoResponsible));
        assert_eq!(
            parse::<Which>("co-responsibility"),
            Some(Which::CoResponsibility)
        );
        assert_eq!(parse::<Measure>("page-rank"), None);
    }

    #[test]
    fn every_value_has_a_distinct_name() {
        fn distinct<T: Choice>() {
            let mut names: Vec<&str> = T::all().iter().map(|v| v.name()).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), T::all().len());
        }
        distinct::<Measure>();
        distinct::<Role>();
        distinct::<LayoutEngine>();
    }
}
