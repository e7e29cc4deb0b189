//! axum and tower (feature `axum`): what a portal's HTTP server needs.
//!
//! - [`Locale`], an extractor: the locale negotiated from the request's
//!   `Accept-Language`, with the catalog it belongs to.
//! - [`LocalizedError`], a response: a [`DefenderError`](crate::DefenderError)
//!   (or a code with [`Args`](crate::Args)) as the Defender error envelope,
//!   with its localized message, status and headers.
//! - [`LocalizeLayer`], a tower layer for a portal that proxies the Defender
//!   API: error bodies passing through get their localized message.
//! - [`Localized`], the response extension that says a body is localized
//!   already, so that it is not localized twice.
//!
//! ```
//! use std::sync::Arc;
//! use axum::{routing::get, Router};
//! use defender_errors::portal::{Locale, LocalizeLayer, LocalizedError};
//! use defender_errors::{Catalog, DefenderError};
//!
//! async fn machine(locale: Locale) -> Result<String, LocalizedError> {
//!     Err(locale.error(DefenderError::ResourceNotFound { resource: "Machine-42".into() }))
//! }
//!
//! let catalog = Arc::new(Catalog::new());
//! let app: Router = Router::new()
//!     .route("/machines/42", get(machine))
//!     .layer(LocalizeLayer::new(catalog.clone()))
//!     .with_state(catalog);
//! ```

mod body;
mod future;
mod layer;
mod locale;
mod response;
mod rewrite;

pub use body::LocalizeBody;
pub use future::ResponseFuture;
pub use layer::{Localize, LocalizeLayer, DEFAULT_LIMIT};
pub use locale::Locale;
pub use response::LocalizedError;
pub use rewrite::Localized;

// The server localizes its own errors with the layer's negotiation and rewrite.
#[cfg(feature = "serve")]
pub(crate) use future::{polled_after_completion, AcceptLanguage, Wanted};
#[cfg(feature = "serve")]
pub(crate) use rewrite::rewrite;
