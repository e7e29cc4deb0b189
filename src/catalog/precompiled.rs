//! The shipped locales compiled ahead of time, so that a catalog of the
//! shipped files parses and compiles nothing at run time: only files given
//! with `--locales`, [`overlay_dir`](super::CatalogBuilder::overlay_dir) or
//! [`locale_source`](super::CatalogBuilder::locale_source) are compiled, on
//! first use.
//!
//! `src/catalog/precompiled/<id>.bin` is what loading `locales/<id>/errors.ftl`
//! makes, in postcard, after the hash of the files it was made from
//! (`source_hash`). `build.rs` embeds only the blobs whose hash matches the
//! files as they are; a stale or unreadable blob is not used, and the locale
//! is compiled from its file as any other. The test
//! `blobs_are_what_loading_the_files_makes` fails on a stale blob, whether a
//! locale file or the compiler changed; remake them with
//! `UPDATE_PRECOMPILED=1 cargo test --lib precompiled`. Built with
//! `--cfg defender_errors_no_precompiled` (the npm package's module, where
//! size counts more than the first render), no blob is embedded.

use serde::Deserialize;
#[cfg(test)]
use serde::Serialize;

use super::load::{no_codes, LocaleData, Message, ATTRIBUTES};
use crate::code::ErrorCode;
use crate::pattern::Pattern;
use crate::render::number::NumberFormat;

/// A locale's messages as written by the test that makes the blobs: codes
/// by name, so that a blob made before a code was added or removed is read
/// correctly or not at all.
#[cfg(test)]
#[derive(Serialize)]
struct BlobRef<'a> {
    codes: Vec<(&'a str, MessageRef<'a>)>,
    extras: Vec<(&'a str, MessageRef<'a>)>,
}

#[cfg(test)]
#[derive(Serialize)]
struct MessageRef<'a> {
    value: &'a Pattern,
    attributes: Vec<(&'a str, &'a Pattern)>,
}

/// The same, as read back; names and text are borrowed from the blob.
#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
struct Blob<'b> {
    #[serde(borrow)]
    codes: Vec<(&'b str, MessageParts<'b>)>,
    #[serde(borrow)]
    extras: Vec<(&'b str, MessageParts<'b>)>,
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
struct MessageParts<'b> {
    value: Pattern,
    #[serde(borrow)]
    attributes: Vec<(&'b str, Pattern)>,
}

impl MessageParts<'_> {
    /// The message, with its attribute names those the catalog knows.
    fn into_message(self) -> Option<Message> {
        let attributes = self
            .attributes
            .into_iter()
            .map(|(name, pattern)| Some((*ATTRIBUTES.iter().find(|a| **a == name)?, pattern)))
            .collect::<Option<Vec<_>>>()?;
        Some(Message {
            value: self.value,
            attributes,
        })
    }
}

#[cfg(test)]
fn message_ref(message: &Message) -> MessageRef<'_> {
    MessageRef {
        value: &message.value,
        attributes: message
            .attributes
            .iter()
            .map(|(name, pattern)| (*name, pattern))
            .collect(),
    }
}

/// `data` as a blob: the hash of its sources, then its messages.
#[cfg(test)]
pub(super) fn encode(data: &LocaleData, hash: u64) -> Vec<u8> {
    let blob = BlobRef {
        codes: ErrorCode::ALL
            .iter()
            .filter_map(|&code| Some((code.as_str(), message_ref(data.code(code)?))))
            .collect(),
        extras: data
            .extras
            .iter()
            .map(|(name, message)| (name.as_str(), message_ref(message)))
            .collect(),
    };
    let mut out = hash.to_le_bytes().to_vec();
    out.extend(postcard::to_allocvec(&blob).expect("a blob is always serializable"));
    out
}

/// Locale `id` from a blob without its hash; `None` when the blob cannot
/// be read, and the locale is then compiled from its file.
pub(super) fn decode(id: &str, blob: &'static [u8]) -> Option<LocaleData> {
    let blob: Blob = postcard::from_bytes(blob).ok()?;
    let mut codes = no_codes();
    for (name, parts) in blob.codes {
        let code = ErrorCode::lookup(name)?;
        *codes.get_mut(code.index())? = Some(parts.into_message()?);
    }
    let extras = blob
        .extras
        .into_iter()
        .map(|(name, parts)| Some((name.to_owned(), parts.into_message()?)))
        .collect::<Option<Vec<_>>>()?;
    Some(LocaleData::from_parts(
        id,
        codes,
        extras,
        NumberFormat::new(id),
    ))
}

#[cfg(test)]
mod tests {
    use super::super::source_hash::source_hash;
    use super::super::{embedded, Catalog};
    use super::*;

    /// Each shipped locale as the catalog compiles it from its file.
    fn compiled() -> Vec<(String, LocaleData, u64)> {
        let sources: Vec<(&str, &str)> = embedded::sources().collect();
        let english_source = sources
            .iter()
            .find(|(id, _)| *id == "en")
            .map(|(_, s)| *s)
            .expect("English is shipped");
        let mut problems = Vec::new();
        let english = LocaleData::load("en", english_source, false, None, &mut problems);
        let mut out = Vec::new();
        for (id, source) in sources {
            let (data, own) = if id == "en" {
                (
                    LocaleData::load(id, source, false, None, &mut problems),
                    None,
                )
            } else {
                let data = LocaleData::load(id, source, false, Some(&english), &mut problems);
                (data, Some(source))
            };
            out.push((id.to_owned(), data, source_hash(english_source, own)));
        }
        assert!(
            problems.is_empty(),
            "shipped files compile cleanly: {problems:?}"
        );
        out
    }

    fn same(a: &LocaleData, b: &LocaleData) -> bool {
        a.codes == b.codes && a.extras == b.extras
    }

    #[test]
    fn blobs_are_what_loading_the_files_makes() {
        let update = std::env::var_os("UPDATE_PRECOMPILED").is_some();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/catalog/precompiled");
        let mut stale = Vec::new();
        for (id, data, hash) in compiled() {
            let blob = encode(&data, hash);
            // Read back as the catalog reads an embedded blob: `'static`.
            let leaked: &'static [u8] = Box::leak(blob.clone().into_boxed_slice());
            let read = decode(&id, leaked.get(8..).unwrap_or_default()).expect("a blob reads back");
            assert!(
                same(&read, &data),
                "{id}: the blob reads back as what was compiled"
            );
            let path = dir.join(format!("{id}.bin"));
            if std::fs::read(&path).ok().as_deref() != Some(&blob[..]) {
                if update {
                    std::fs::write(&path, &blob).expect("the blob is written");
                } else {
                    stale.push(path.display().to_string());
                }
            }
        }
        assert!(
            stale.is_empty(),
            "stale precompiled locales {stale:?}: remake them with \
             UPDATE_PRECOMPILED=1 cargo test --lib precompiled"
        );
    }

    #[test]
    fn the_catalog_reads_the_blobs_and_they_hold_what_the_files_hold() {
        // While the blobs are being remade, this binary embeds the ones it was
        // built with, stale or missing: the next build embeds the new ones,
        // and this test, run again, checks them. So one run remakes them.
        let remaking = std::env::var_os("UPDATE_PRECOMPILED").is_some();
        // Built from this source tree, every shipped locale has a fresh blob.
        for (id, data, _) in compiled().into_iter().filter(|_| !remaking) {
            let blob = embedded::precompiled(&id)
                .unwrap_or_else(|| panic!("{id}: no fresh blob was embedded by the build"));
            let read = decode(&id, blob).expect("the embedded blob reads back");
            assert!(same(&read, &data), "{id}");
        }
        // A catalog with isolation marks, or with its own English, compiles instead.
        let catalog = Catalog::builder().use_isolating(true).build();
        assert!(catalog
            .locales
            .iter()
            .all(|slot| slot.precompiled.is_none()));
        let catalog = Catalog::builder()
            .locale_source("en", "NotFound = x")
            .build();
        assert!(catalog
            .locales
            .iter()
            .all(|slot| slot.precompiled.is_none()));
        let catalog = Catalog::new();
        assert!(
            remaking
                || catalog
                    .locales
                    .iter()
                    .all(|slot| slot.precompiled.is_some())
        );
    }

    #[test]
    fn a_damaged_blob_is_not_read() {
        let (id, data, hash) = compiled().swap_remove(3);
        let blob: &'static [u8] = Box::leak(encode(&data, hash).into_boxed_slice());
        let body = blob.get(8..).unwrap_or_default();
        for cut in [0, 1, body.len() / 2, body.len() - 1] {
            assert!(
                decode(&id, body.get(..cut).unwrap_or_default()).is_none(),
                "cut at {cut}"
            );
        }
    }
}
