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
use std::path::{Path, PathBuf};

#[path = "src/catalog/source_hash.rs"]
#[allow(dead_code)]
mod source_hash;

const FILE_NAME: &str = "errors.ftl";
const PRECOMPILED: &str = "src/catalog/precompiled";

fn main() {
    // Set by js/build.sh: the module leaves the precompiled locales out
    // (src/catalog/embedded.rs).
    println!("cargo::rustc-check-cfg=cfg(defender_errors_no_precompiled)");
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed={PRECOMPILED}");
    let sources = locale_files();
    let english = sources
        .iter()
        .find(|(id, _)| id == "en")
        .map(|(_, text)| text);
    let embedded = sources.iter().map(|(id, _)| {
        let path = literal(Path::new("locales").join(id).join(FILE_NAME));
        (id, format!("include_str!({path})"))
    });
    // A blob is embedded without its 8-byte hash.
    let fresh = sources.iter().filter_map(|(id, text)| {
        let own = (id != "en").then_some(text.as_str());
        let blob = fresh_blob(id, source_hash::source_hash(english?, own))?;
        Some((
            id,
            format!("include_bytes!({}).split_at(8).1", literal(blob)),
        ))
    });
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).to_owned();
    let tables = [
        (
            "sources.rs",
            table(
                "Each directory of `locales/` with an `errors.ftl` in UTF-8: id, source.",
                "SOURCES: &[(&str, &str)]",
                embedded,
            ),
        ),
        (
            "precompiled.rs",
            table(
                "The fresh precompiled locales: id, and the blob after its hash.",
                "PRECOMPILED: &[(&str, &[u8])]",
                fresh,
            ),
        ),
    ];
    for (name, text) in tables {
        std::fs::write(out.join(name), text).expect("OUT_DIR is writable");
    }
}

/// Each directory of `locales/` with an `errors.ftl` in UTF-8, as (id, text),
/// sorted by id; cargo is told to look at every file there.
fn locale_files() -> Vec<(String, String)> {
    let mut sources = Vec::new();
    for entry in std::fs::read_dir("locales").into_iter().flatten().flatten() {
        // A directory's mtime changes when a file is added to it, not when one is edited.
        println!("cargo:rerun-if-changed={}", entry.path().display());
        for file in std::fs::read_dir(entry.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            println!("cargo:rerun-if-changed={}", file.path().display());
        }
        let id = entry.file_name().to_string_lossy().into_owned();
        if let Ok(text) = std::fs::read_to_string(entry.path().join(FILE_NAME)) {
            sources.push((id, text));
        }
    }
    sources.sort();
    sources
}

/// The blob of locale `id` when it was made from the files whose hash is
/// `expected`; a stale one is left out with a warning.
fn fresh_blob(id: &str, expected: u64) -> Option<PathBuf> {
    let blob = Path::new(PRECOMPILED).join(format!("{id}.bin"));
    println!("cargo:rerun-if-changed={}", blob.display());
    let bytes = std::fs::read(&blob).ok()?;
    let found = bytes.first_chunk::<8>().map(|h| u64::from_le_bytes(*h));
    if found != Some(expected) {
        println!(
            "cargo:warning={} was made from other locale files; {id} is compiled at run time \
             until it is remade: UPDATE_PRECOMPILED=1 cargo test --lib precompiled",
            blob.display()
        );
        return None;
    }
    Some(blob)
}

/// A `static` table of (id, expression), one row each.
fn table<'a>(
    doc: &str,
    declaration: &str,
    rows: impl Iterator<Item = (&'a String, String)>,
) -> String {
    let mut out = format!("/// {doc}\nstatic {declaration} = &[\n");
    for (id, expression) in rows {
        let _ = writeln!(out, "    ({id:?}, {expression}),");
    }
    out.push_str("];\n");
    out
}

/// `path`, absolute, as a Rust string literal for `include_*!`.
fn literal(path: PathBuf) -> String {
    let path = std::fs::canonicalize(&path).unwrap_or(path);
    format!("{:?}", path.display())
}
