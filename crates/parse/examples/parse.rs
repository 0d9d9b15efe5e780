//! `cargo run -p fengong-parse --example parse -- FILE...` prints what `fengong parse --format json`
//! prints, without building the store: the quick loop for scoring the parser against gold.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut failed = false;
    for path in std::env::args_os().skip(1) {
        match fengong_parse::parse_file(std::path::Path::new(&path)) {
            Ok(d) => match serde_json::to_string(&d) {
                Ok(s) => println!("{s}"),
                Err(e) => {
                    eprintln!("error: {}: {e}", path.to_string_lossy());
                    failed = true;
                }
            },
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
