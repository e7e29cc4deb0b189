//! The catalog in use and what is built from it once: each load makes a new
//! generation, swapped in whole, with every locale's `/messages` body and
//! its `ETag` made ready.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, RwLock};
use std::time::SystemTime;

use axum::body::Bytes;
use axum::http::HeaderValue;
use serde_json::{json, Map, Value as Json};

use defender_errors::{Args, Catalog, ErrorCode, Locale};

/// One loaded catalog.
pub(super) struct Generation {
    /// 1 for the catalog loaded at start, one more for each reload.
    pub(super) number: u64,
    pub(super) catalog: Arc<Catalog>,
    pub(super) loaded_at: SystemTime,
    /// Each locale's `/messages` answer.
    pub(super) messages: BTreeMap<String, Prebuilt>,
}

/// A `/messages/{locale}` body, and its entity tag.
pub(super) struct Prebuilt {
    pub(super) body: Bytes,
    pub(super) etag: HeaderValue,
    pub(super) content_language: HeaderValue,
}

impl Generation {
    pub(super) fn new(number: u64, catalog: Catalog) -> Self {
        // Compile every locale now, not on the first requests.
        let _ = catalog.problems();
        let catalog = Arc::new(catalog);
        let messages = catalog
            .locales()
            .map(|locale| {
                let body = Bytes::from(messages_of(&catalog, locale).to_string());
                (
                    locale.to_owned(),
                    Prebuilt {
                        etag: etag(&body),
                        body,
                        content_language: defender_errors_tower::content_language(&catalog, locale),
                    },
                )
            })
            .collect();
        Self {
            number,
            catalog,
            loaded_at: SystemTime::now(),
            messages,
        }
    }
}

/// A strong entity tag of `body`: the same text gets the same tag, across
/// reloads and restarts of one build.
fn etag(body: &[u8]) -> HeaderValue {
    let mut hasher = std::hash::DefaultHasher::new();
    body.hash(&mut hasher);
    let tag = format!("\"{:016x}\"", hasher.finish());
    HeaderValue::from_str(&tag).unwrap_or_else(|_| HeaderValue::from_static("\"\""))
}

/// Every message of `locale`, variables left as `{$name}` for the front end.
fn messages_of(catalog: &Catalog, locale: &str) -> Json {
    let handle = catalog.locale(locale).unwrap_or(Locale::SOURCE);
    let mut messages = Map::new();
    for &code in ErrorCode::ALL {
        let mut args = Args::new();
        for variable in code.variables() {
            args.set(variable.name, format!("{{${}}}", variable.name));
        }
        let rendered = catalog.render(handle, (code, &args));
        let mut entry = Map::new();
        entry.insert("status".into(), code.http_status().into());
        entry.insert("statusText".into(), rendered.status_text.as_ref().into());
        entry.insert("locale".into(), rendered.locale.into());
        entry.insert("message".into(), rendered.message.as_ref().into());
        let variables: Vec<&str> = code.variables().iter().map(|v| v.name).collect();
        entry.insert("variables".into(), variables.into());
        if !code.variables().is_empty() {
            let generic = catalog.message(handle, (code, &Args::new()));
            entry.insert("generic".into(), generic.as_ref().into());
        }
        if let Some(note) = &rendered.note {
            entry.insert("note".into(), note.as_ref().into());
        }
        if let Some(hint) = &rendered.hint {
            entry.insert("hint".into(), hint.as_ref().into());
        }
        messages.insert(code.as_str().into(), entry.into());
    }
    json!({
        "locale": locale,
        "contentLanguage": catalog.content_language(locale),
        "trackingLabel": catalog.tracking_label(handle),
        "messages": messages,
    })
}

/// The generation in use, swapped whole on a reload: a request takes the
/// one in use when it starts and keeps it to the end.
#[derive(Clone)]
pub(super) struct Current(Arc<RwLock<Arc<Generation>>>);

impl Current {
    pub(super) fn new(first: Generation) -> Self {
        Self(Arc::new(RwLock::new(Arc::new(first))))
    }

    pub(super) fn get(&self) -> Arc<Generation> {
        match self.0.read() {
            Ok(current) => current.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub(super) fn swap(&self, next: Generation) {
        let next = Arc::new(next);
        match self.0.write() {
            Ok(mut current) => *current = next,
            Err(poisoned) => *poisoned.into_inner() = next,
        }
    }
}
