//! The locale of a proxied answer, chosen once and told to the server: the
//! request's [`Locale`] (the extractor's choice: a `Locale` or an
//! `Arc<Catalog>` that middleware put into the extensions, else the
//! `Accept-Language` in the proxy's catalog) goes into the request's
//! extensions, so that [`LocalizeLayer`](crate::portal::LocalizeLayer) uses
//! it rather than choosing again; a body the layer localized (it marks it
//! with [`portal::Localized`]) gets [`server::Localized`] with that locale,
//! for the server's log line and its count of localized responses.

use std::sync::Arc;

use axum::extract::{FromRequestParts, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::portal::{self, Locale};
use crate::server;
use crate::Catalog;

/// The middleware, outside the layer.
pub(super) async fn choose(
    State(catalog): State<Arc<Catalog>>,
    request: Request,
    next: Next,
) -> Response {
    let (mut parts, body) = request.into_parts();
    let Ok(locale) = Locale::from_request_parts(&mut parts, &catalog).await;
    parts.extensions.insert(locale.clone());
    let mut response = next.run(Request::from_parts(parts, body)).await;
    let extensions = response.extensions_mut();
    if extensions.get::<portal::Localized>().is_some()
        && extensions.get::<server::Localized>().is_none()
    {
        extensions.insert(server::Localized {
            locale: locale.id().to_owned(),
            fallback: !locale.matched(),
        });
    }
    response
}
