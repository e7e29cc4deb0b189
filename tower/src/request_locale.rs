//! [`RequestLocale`]: the one decision of which locale a request gets.

use std::sync::Arc;

use http::header::ACCEPT_LANGUAGE;
use http::{Extensions, HeaderMap, HeaderValue};
use smallvec::SmallVec;

use crate::{CatalogSource, Locale};
use defender_errors::Catalog;

/// The locale a request asks for, decided once from its parts, in this
/// order of precedence:
///
/// 1. a [`Locale`] in the request's extensions: chosen by middleware, from a
///    user's profile or a cookie ([`Locale::new`]);
/// 2. else the request's `Accept-Language` (every line, as one list),
///    negotiated in the catalog of an `Arc<Catalog>` request extension (a
///    tenant's catalog);
/// 3. else the same header, negotiated in the catalog the caller gives (the
///    layer's, the router state's).
///
/// The negotiation itself waits for [`resolve`](Self::resolve): a layer
/// keeps a `RequestLocale` while the request is served, and negotiates only
/// if an error comes back. The [`Locale`] extractor, [`LocalizeLayer`](crate::LocalizeLayer),
/// and the servers of `defender-errors-server` (their own errors, the
/// sidecar, the proxy) all decide through it.
///
/// ```
/// use std::sync::Arc;
/// use defender_errors::Catalog;
/// use defender_errors_tower::{CatalogSource, Locale, RequestLocale};
///
/// let catalog = CatalogSource::from(Arc::new(Catalog::new()));
/// let mut request = http::Request::builder()
///     .header("accept-language", "nl-BE,nl;q=0.9")
///     .body(())?;
/// let (parts, _) = request.clone().into_parts();
/// assert_eq!(RequestLocale::of(&parts.extensions, &parts.headers, &catalog).resolve().id(), "nl");
///
/// // A locale chosen by middleware comes first.
/// request.extensions_mut().insert(Locale::new(catalog.current(), "fr"));
/// let (parts, _) = request.into_parts();
/// assert_eq!(RequestLocale::of(&parts.extensions, &parts.headers, &catalog).resolve().id(), "fr");
/// # Ok::<(), http::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct RequestLocale(Wanted);

#[derive(Debug, Clone)]
enum Wanted {
    Chosen(Locale),
    Negotiate {
        catalog: Either,
        accept_language: AcceptLanguage,
    },
}

/// A tenant's catalog, or the caller's source (asked when resolved).
#[derive(Debug, Clone)]
enum Either {
    Tenant(Arc<Catalog>),
    Source(CatalogSource),
}

impl RequestLocale {
    /// What a request's `extensions` and `headers` ask for, with `catalog`
    /// for a request that names no catalog of its own.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use defender_errors_tower::{CatalogSource, RequestLocale};
    /// let wanted = RequestLocale::of(&http::Extensions::new(), &http::HeaderMap::new(), &CatalogSource::default());
    /// assert_eq!(wanted.resolve().id(), "en");
    /// ```
    pub fn of(extensions: &Extensions, headers: &HeaderMap, catalog: &CatalogSource) -> Self {
        if let Some(locale) = extensions.get::<Locale>() {
            return Self(Wanted::Chosen(locale.clone()));
        }
        let catalog = match extensions.get::<Arc<Catalog>>() {
            Some(tenant) => Either::Tenant(tenant.clone()),
            None => Either::Source(catalog.clone()),
        };
        Self(Wanted::Negotiate {
            catalog,
            accept_language: AcceptLanguage::of(headers),
        })
    }

    /// The locale: the one chosen, or the one negotiated now.
    ///
    /// ```
    /// # use defender_errors_tower::{CatalogSource, RequestLocale};
    /// let mut headers = http::HeaderMap::new();
    /// headers.append("accept-language", "tlh".parse()?);
    /// headers.append("accept-language", "da;q=0.5".parse()?);
    /// let locale = RequestLocale::of(&http::Extensions::new(), &headers, &CatalogSource::default()).resolve();
    /// assert_eq!((locale.id(), locale.matched()), ("da", true));
    /// # Ok::<(), http::header::InvalidHeaderValue>(())
    /// ```
    pub fn resolve(self) -> Locale {
        match self.0 {
            Wanted::Chosen(locale) => locale,
            Wanted::Negotiate {
                catalog,
                accept_language,
            } => {
                let catalog = match catalog {
                    Either::Tenant(catalog) => catalog,
                    Either::Source(source) => source.current(),
                };
                match accept_language.0.as_slice() {
                    // No line, or one: what `negotiate_headers` does with
                    // them (a line that is not visible ASCII is none),
                    // without a map.
                    [] => Locale::new(catalog, ""),
                    [line] => Locale::new(catalog, line.to_str().unwrap_or("")),
                    _ => Locale::from_headers(catalog, &accept_language.into_headers()),
                }
            }
        }
    }
}

/// The `Accept-Language` lines of a request, kept to choose a locale once
/// its response is known: one line, the common case, without allocating.
#[derive(Debug, Clone, Default)]
struct AcceptLanguage(SmallVec<[HeaderValue; 1]>);

impl AcceptLanguage {
    fn of(headers: &HeaderMap) -> Self {
        Self(headers.get_all(ACCEPT_LANGUAGE).iter().cloned().collect())
    }

    /// The lines as the headers of a request, for what takes a `HeaderMap`.
    fn into_headers(self) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for line in self.0 {
            headers.append(ACCEPT_LANGUAGE, line);
        }
        headers
    }
}
