//! include_dir embeds `locales/` at compile time but does not tell cargo to
//! rebuild when a file there changes or a new one is added; this does.

fn main() {
    println!("cargo:rerun-if-changed=locales");
    if let Ok(entries) = std::fs::read_dir("locales") {
        for entry in entries.flatten() {
            // A directory's mtime changes when a file is added to it, not when one is edited.
            println!("cargo:rerun-if-changed={}", entry.path().display());
            if let Ok(files) = std::fs::read_dir(entry.path()) {
                for file in files.flatten() {
                    println!("cargo:rerun-if-changed={}", file.path().display());
                }
            }
        }
    }
}
