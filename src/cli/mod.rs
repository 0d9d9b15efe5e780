//! Argument parsing and output formatting; all the work is in the library.

use clap::{Parser, Subcommand, ValueEnum};
use fengong::model::ParsedDocument;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "fengong",
    version,
    about = "Chinese government task-division plans → who leads, who cooperates"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse plans into tasks and responsible agencies.
    ///
    /// With no FILE, parses the default corpus embedded in fengong (data/corpus).
    Parse {
        /// Text files (UTF-8 or GB18030), or folders of .txt files.
        files: Vec<PathBuf>,
        /// json: one object per document per line; table: an aligned view for people.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Table,
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Parse { files, format } => parse(&files, format),
    }
}

/// Expands folders into their .txt files, sorted; reports folders without any.
fn expand(paths: &[PathBuf]) -> Vec<Result<PathBuf, fengong::Error>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = match std::fs::read_dir(p) {
                Ok(rd) => rd
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|f| f.extension().is_some_and(|x| x == "txt"))
                    .collect(),
                Err(source) => {
                    out.push(Err(fengong::Error::Read {
                        path: p.clone(),
                        source,
                    }));
                    continue;
                }
            };
            found.sort();
            if found.is_empty() {
                out.push(Err(fengong::Error::EmptyFolder { path: p.clone() }));
            }
            out.extend(found.into_iter().map(Ok));
        } else {
            out.push(Ok(p.clone()));
        }
    }
    out
}

fn parse(files: &[PathBuf], format: Format) -> ExitCode {
    let docs: Vec<Result<ParsedDocument, fengong::Error>> = if files.is_empty() {
        fengong::corpus::DEFAULT
            .iter()
            .map(|(name, bytes)| {
                fengong::parse_bytes(name, bytes).map_err(|source| fengong::Error::Decode {
                    path: Path::new(name).to_owned(),
                    source,
                })
            })
            .collect()
    } else {
        expand(files)
            .into_iter()
            .map(|p| p.and_then(|p| fengong::parse_file(&p)))
            .collect()
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = false;
    for doc in docs {
        let written = match doc {
            Ok(d) => match format {
                Format::Json => serde_json::to_string(&d)
                    .map_err(std::io::Error::other)
                    .and_then(|s| writeln!(out, "{s}")),
                Format::Table => write_table(&mut out, &d),
            },
            Err(e) => {
                failed = true;
                eprintln!("error: {e}");
                Ok(())
            }
        };
        if written.is_err() {
            // A closed pipe (`| head`) is not an error worth a message.
            return ExitCode::from(if failed { 1 } else { 0 });
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Terminal width of a string: CJK characters take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if (c as u32) >= 0x1100 && !matches!(c as u32, 0x2000..=0x206F) {
                2
            } else {
                1
            }
        })
        .sum()
}

fn clip(s: &str, max: usize) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if width(&out) + width(&c.to_string()) > max.saturating_sub(1) {
            out.push('…');
            return out;
        }
        out.push(c);
    }
    out
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

fn write_table(out: &mut impl Write, d: &ParsedDocument) -> std::io::Result<()> {
    let m = &d.document;
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "?".into());
    writeln!(out, "{}", d.file)?;
    writeln!(
        out,
        "  {} · {} · {} · {} · {} tasks ({}, {})",
        opt(&m.title),
        opt(&m.issuer),
        opt(&m.date),
        opt(&m.jurisdiction),
        d.tasks.len(),
        d.encoding,
        serde_json::to_value(d.script)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default()
    )?;
    if d.tasks.is_empty() && !d.agencies_named.is_empty() {
        writeln!(out, "  agencies named: {}", d.agencies_named.join("、"))?;
    }
    if !d.tasks.is_empty() {
        let headers = ["no.", "title", "lead", "cooperate", "jointly responsible"];
        let rows: Vec<[String; 5]> = d
            .tasks
            .iter()
            .map(|t| {
                [
                    t.number.clone(),
                    clip(&t.title, 30),
                    t.lead.join("、"),
                    t.cooperate.join("、"),
                    t.co_responsible.join("、"),
                ]
            })
            .collect();
        let widths: Vec<usize> = (0..5)
            .map(|k| {
                rows.iter()
                    .map(|r| width(&r[k]))
                    .chain([width(headers[k])])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |cells: [&str; 5]| {
            cells
                .iter()
                .enumerate()
                .map(|(k, c)| pad(c, widths[k]))
                .collect::<Vec<_>>()
                .join("  ")
                .trim_end()
                .to_owned()
        };
        writeln!(out, "  {}", line(headers))?;
        for r in &rows {
            writeln!(out, "  {}", line([&r[0], &r[1], &r[2], &r[3], &r[4]]))?;
        }
    }
    for w in &d.warnings {
        writeln!(out, "  warning: line {}: {}", w.line, w.message)?;
    }
    writeln!(out)
}
