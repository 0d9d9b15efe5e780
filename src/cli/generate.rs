//! `gen-corpus`: synthetic plans with their expected parse, for benchmarks and round trips.

use super::fail;
use clap::Args;
use fengong_generate::{corpus, Config, Generator};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct GenArgs {
    /// How many documents.
    #[arg(long, default_value_t = 1000)]
    docs: usize,
    /// The same seed gives the same corpus on every machine.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// How many jurisdictions the plans come from.
    #[arg(long, default_value_t = 400)]
    jurisdictions: usize,
    /// Share of documents in traditional script.
    #[arg(long, default_value_t = 0.1)]
    traditional: f64,
    /// Share of documents wrapped in web-page noise.
    #[arg(long, default_value_t = 0.3)]
    noise: f64,
    /// The folder to write: plans/NNNNNNN.txt and gold/NNNNNNN.json (the gold schema, which
    /// `score.py` and `--check` read). Without it, nothing is written.
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Parse every document back and compare it with its expected parse; exit 1 unless all agree.
    #[arg(long)]
    check: bool,
}

pub fn run(args: &GenArgs) -> ExitCode {
    if args.output.is_none() && !args.check {
        return fail("nothing to do: give -o DIR to write the corpus, or --check to parse it back");
    }
    let generator = Generator::new(Config {
        seed: args.seed,
        jurisdictions: args.jurisdictions,
        traditional: args.traditional,
        noise: args.noise,
    });
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(args.docs as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    let made = corpus::make(
        &generator,
        args.docs,
        args.output.as_deref(),
        args.check,
        &|| bar.inc(1),
    );
    bar.finish_and_clear();
    let made = match made {
        Ok(m) => m,
        Err(e) => return fail(e),
    };
    eprintln!(
        "{} documents from {} jurisdictions, {} tasks, {:.1} MB{}",
        args.docs,
        generator.jurisdictions(),
        made.tasks,
        made.bytes as f64 / 1e6,
        args.output
            .as_ref()
            .map(|d| format!(" → {}", d.display()))
            .unwrap_or_default()
    );
    if !args.check {
        return ExitCode::SUCCESS;
    }
    println!("parsed back: {}", made.agreement);
    for r in made.differences.iter().take(5) {
        println!("{r}");
    }
    if made.agreement.exact() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
