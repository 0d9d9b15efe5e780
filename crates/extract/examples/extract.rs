//! `cargo run -p fengong-extract --example extract -- FILE` prints the text fengong reads
//! from a web page or office file, then its metadata and notes: for looking at a reader's work.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut failed = false;
    for path in std::env::args_os().skip(1) {
        let shown = path.to_string_lossy().into_owned();
        let result = std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| fengong_extract::extract(&b).map_err(|e| e.to_string()));
        match result {
            Ok(Some(e)) => {
                print!("{}", e.text);
                for (k, v) in &e.metadata {
                    eprintln!("{shown}: {k} = {v}");
                }
                for n in &e.notes {
                    eprintln!("{shown}: {n}");
                }
            }
            Ok(None) => eprintln!("{shown}: plain text, read by the parser itself"),
            Err(e) => {
                eprintln!("error: {shown}: {e}");
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
