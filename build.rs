//! Two things the crate needs from its files at build time:
//!
//! - The locale files are embedded with `include_str!`, one for each
//!   directory of `locales/` that holds an `errors.ftl` in UTF-8, and cargo is
//!   told to rebuild when a file there changes or a new one is added.
//! - The precompiled locales (`src/catalog/precompiled/<id>.bin`) are embedded
//!   only when they were made from the locale files as they are now: each
//!   blob starts with the hash of its sources, compared here. A stale blob is
//!   left out with a warning, and that locale is compiled at run time.

use std::fmt::Write as _;
use std::path::Path;

#[path = "src/catalog/source_hash.rs"]
#[allow(dead_code)]
mod source_hash;

const FILE_NAME: &str = "errors.ftl";
const PRECOMPILED: &str = "src/catalog/precompiled";

fn main() {
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed={PRECOMPILED}");
    let mut sources = Vec::new();
    if let Ok(entries) = std::fs::read_dir("locales") {
        for entry in entries.flatten() {
            // A directory's mtime changes when a file is added to it, not when one is edited.
            println!("cargo:rerun-if-changed={}", entry.path().display());
            if let Ok(files) = std::fs::read_dir(entry.path()) {
                for file in files.flatten() {
                    println!("cargo:rerun-if-changed={}", file.path().display());
                }
            }
            let id = entry.file_name().to_string_lossy().into_owned();
            if let Ok(text) = std::fs::read_to_string(entry.path().join(FILE_NAME)) {
                sources.push((id, text));
            }
        }
    }
    sources.sort();
    let english = sources
        .iter()
        .find(|(id, _)| id == "en")
        .map(|(_, text)| text.clone());
    let mut embedded = String::from(
        "/// Each directory of `locales/` with an `errors.ftl` in UTF-8: id, source.\n\
         static SOURCES: &[(&str, &str)] = &[\n",
    );
    for (id, _) in &sources {
        let path = Path::new("locales").join(id).join(FILE_NAME);
        let path = std::fs::canonicalize(&path).unwrap_or(path);
        let _ = writeln!(
            embedded,
            "    ({id:?}, include_str!({:?})),",
            path.display()
        );
    }
    embedded.push_str("];\n");
    let mut table = String::from(
        "/// The fresh precompiled locales: id, and the blob after its hash.\n\
         static PRECOMPILED: &[(&str, &[u8])] = &[\n",
    );
    for (id, text) in &sources {
        let Some(english) = &english else { break };
        let own = (id != "en").then_some(text.as_str());
        let expected = source_hash::source_hash(english, own);
        let blob = Path::new(PRECOMPILED).join(format!("{id}.bin"));
        println!("cargo:rerun-if-changed={}", blob.display());
        let Ok(bytes) = std::fs::read(&blob) else {
            continue;
        };
        let found = bytes.first_chunk::<8>().map(|h| u64::from_le_bytes(*h));
        if found != Some(expected) {
            println!(
                "cargo:warning={} was made from other locale files; {id} is compiled at run time \
                 until it is remade: UPDATE_PRECOMPILED=1 cargo test --lib precompiled",
                blob.display()
            );
            continue;
        }
        let path = std::fs::canonicalize(&blob).unwrap_or(blob);
        let _ = writeln!(
            table,
            "    ({id:?}, include_bytes!({:?}).split_at(8).1),",
            path.display()
        );
    }
    table.push_str("];\n");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("precompiled.rs"), table).expect("OUT_DIR is writable");
    std::fs::write(Path::new(&out).join("sources.rs"), embedded).expect("OUT_DIR is writable");
}
