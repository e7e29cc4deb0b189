//! The library's modules form no cycle: no top-level module of `src/` uses
//! one that uses it back, directly or through others. Names the crate root
//! re-exports (`crate::Catalog`) count as uses of the module that defines
//! them; links in doc comments are not uses.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "bin") {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The re-exports of `lib.rs`: each name, and the module it comes from.
fn re_exports(lib: &str) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for statement in lib.split(';') {
        let Some(path) = statement.trim().strip_prefix("pub use ") else {
            continue;
        };
        let module = path.split("::").next().unwrap_or_default().trim();
        for name in path
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|n| n.chars().next().is_some_and(char::is_uppercase))
        {
            names.insert(name.to_owned(), module.to_owned());
        }
    }
    names
}

/// Every `crate::name` in `text`.
fn crate_paths(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("crate::").map(move |(at, _)| {
        let rest = &text[at + "crate::".len()..];
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        &rest[..end]
    })
}

#[test]
fn the_modules_form_no_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
    let exports = re_exports(&lib);
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let module_of = |path: &Path| -> Option<String> {
        let relative = path.strip_prefix(&src).ok()?;
        let first = relative.components().next()?.as_os_str().to_str()?;
        (first != "lib.rs").then(|| first.trim_end_matches(".rs").to_owned())
    };
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(f)).collect();
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let Some(module) = module_of(file) else {
            continue;
        };
        let text = std::fs::read_to_string(file).expect("a source file");
        let code: String = text
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for name in crate_paths(&code) {
            let used = match exports.get(name) {
                Some(defined_in) => defined_in.clone(),
                None if modules.contains(name) => name.to_owned(),
                None => continue,
            };
            if used != module {
                uses.entry(module.clone()).or_default().insert(used);
            }
        }
    }
    assert!(
        uses.contains_key("catalog") && uses.contains_key("pattern"),
        "{uses:?}"
    );
    // Depth-first search for a path from a module back to itself.
    fn back_to<'a>(
        start: &str,
        at: &'a str,
        uses: &'a BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
    ) -> bool {
        for next in uses.get(at).into_iter().flatten() {
            if next == start {
                path.push(next);
                return true;
            }
            if !path.contains(&next.as_str()) {
                path.push(next);
                if back_to(start, next, uses, path) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    for module in &modules {
        let mut path = vec![module.as_str()];
        assert!(
            !back_to(module, module, &uses, &mut path),
            "the modules form a cycle: {}",
            path.join(" → ")
        );
    }
}
