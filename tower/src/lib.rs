//! Localized Microsoft 365 Defender API errors in tower and axum services.
//!
//! - [`LocalizeLayer`], a tower layer for a service that proxies the
//!   Defender API: error bodies passing through get their localized
//!   message. It needs only the `http` types and tower's traits, so it
//!   serves hyper, tonic and axum alike.
//! - [`Localized`], the response extension that says a body is localized
//!   already, so that it is not localized twice.
//! - The catalog in the `http` crate's types: [`status_code`],
//!   [`negotiate_headers`], [`response_info`], [`content_language`].
//! - With the feature `axum`: [`Locale`], an extractor (the locale
//!   negotiated from the request, with the catalog it belongs to), and
//!   [`LocalizedError`], a response (a [`DefenderError`](defender_errors::DefenderError)
//!   as the Defender error envelope, with its localized message, status and
//!   headers).
//!
//! ```
//! use std::sync::Arc;
//! use axum::{routing::get, Router};
//! use defender_errors::Catalog;
//! use defender_errors_tower::LocalizeLayer;
//!
//! // Whatever the routes answer, a Defender error body gets its
//! // `localizedMessage` in the request's `Accept-Language`.
//! let app: Router = Router::new()
//!     .route("/api/machines", get(|| async { "[]" }))
//!     .layer(LocalizeLayer::new(Arc::new(Catalog::new())));
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod body;
mod future;
mod headers;
mod layer;
mod locale;
mod request_locale;
#[cfg(feature = "axum")]
mod response;
mod rewrite;
mod server_error;
mod source;

pub use body::LocalizeBody;
pub use future::ResponseFuture;
pub use headers::{content_language, is_json, negotiate_headers, response_info, status_code};
pub use layer::{Localize, LocalizeLayer, DEFAULT_LIMIT};
pub use locale::Locale;
pub use request_locale::RequestLocale;
#[cfg(feature = "axum")]
pub use response::LocalizedError;
pub use rewrite::Localized;
pub use server_error::ServerError;
pub use source::CatalogSource;
