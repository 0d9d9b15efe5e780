//! Resolves names as a plan of a given place would: `resolve PLACE NAME...` (PLACE `-` for
//! none) prints each name's entity, for curators checking a registry edit.

use fengong_registry::Registry;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((place, names)) = args.split_first() else {
        eprintln!("usage: resolve PLACE NAME...");
        std::process::exit(2);
    };
    let registry = match Registry::load(&[]) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let place = (place != "-").then_some(place.as_str());
    for name in names {
        let e = registry.agency(name, place, false);
        println!(
            "{name}\t{}\t{}\t{}\t{:?}",
            e.label,
            e.jurisdiction.as_deref().unwrap_or("-"),
            if e.provisional {
                "provisional"
            } else {
                "known"
            },
            e.kind
        );
    }
}
