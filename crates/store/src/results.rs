//! Query results written in the standard formats: SPARQL results as CSV, TSV, JSON or XML, graphs
//! (CONSTRUCT, DESCRIBE) as Turtle or N-Triples with the project's prefixes.

use fengong_rdf::vocab::PREFIXES;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsFormat {
    Csv,
    Tsv,
    Json,
    Xml,
    /// For CONSTRUCT and DESCRIBE.
    Turtle,
    /// For CONSTRUCT and DESCRIBE.
    NTriples,
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The format does not suit the kind of result; the message says which formats do.
    #[error("{0}")]
    Usage(&'static str),
    /// Evaluating the rest of the results failed.
    #[error("query failed: {0}")]
    Query(String),
    /// Writing failed, as when the reader closes the pipe (`| head`).
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Writes `results` in `format`.
pub fn write(
    results: QueryResults<'_>,
    format: ResultsFormat,
    out: impl Write,
) -> Result<(), WriteError> {
    let results_format = match format {
        ResultsFormat::Csv => Some(QueryResultsFormat::Csv),
        ResultsFormat::Tsv => Some(QueryResultsFormat::Tsv),
        ResultsFormat::Json => Some(QueryResultsFormat::Json),
        ResultsFormat::Xml => Some(QueryResultsFormat::Xml),
        ResultsFormat::Turtle | ResultsFormat::NTriples => None,
    };
    match results {
        QueryResults::Boolean(b) => {
            let f = results_format.ok_or(WriteError::Usage(
                "an ASK query gives true or false: use --format table, csv, tsv, json or xml",
            ))?;
            QueryResultsSerializer::from_format(f).serialize_boolean_to_writer(out, b)?;
        }
        QueryResults::Solutions(rows) => {
            let f = results_format.ok_or(WriteError::Usage(
                "a SELECT query gives rows: use --format table, csv, tsv, json or xml",
            ))?;
            let variables = rows.variables().to_vec();
            let mut w = QueryResultsSerializer::from_format(f)
                .serialize_solutions_to_writer(out, variables)?;
            for row in rows {
                w.serialize(&row.map_err(|e| WriteError::Query(e.to_string()))?)?;
            }
            w.finish()?;
        }
        QueryResults::Graph(triples) => {
            let rdf_format = match format {
                ResultsFormat::Turtle => RdfFormat::Turtle,
                ResultsFormat::NTriples => RdfFormat::NTriples,
                _ => {
                    return Err(WriteError::Usage(
                        "a CONSTRUCT or DESCRIBE query gives triples: use --format turtle, ntriples or table",
                    ))
                }
            };
            let mut serializer = RdfSerializer::from_format(rdf_format);
            for (p, ns) in PREFIXES {
                serializer = serializer
                    .with_prefix(*p, *ns)
                    .map_err(|e| WriteError::Query(e.to_string()))?;
            }
            let mut w = serializer.for_writer(out);
            for t in triples {
                w.serialize_triple(&t.map_err(|e| WriteError::Query(e.to_string()))?)?;
            }
            w.finish()?;
        }
    }
    Ok(())
}
