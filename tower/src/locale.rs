//! [`Locale`]: the extractor of the negotiated locale.

#[cfg(feature = "axum")]
use std::convert::Infallible;
use std::sync::Arc;

#[cfg(feature = "axum")]
use axum::extract::{FromRef, FromRequestParts};
#[cfg(feature = "axum")]
use http::request::Parts;
use http::{HeaderMap, HeaderValue};

#[cfg(feature = "axum")]
use super::LocalizedError;
#[cfg(feature = "axum")]
use defender_errors::{Args, DefenderError, ErrorCode};
use defender_errors::{Catalog, Locale as Handle, Negotiated};

/// The locale negotiated for a request, with the catalog it was chosen from.
///
/// As an extractor (feature `axum`) it is what [`RequestLocale`](crate::RequestLocale)
/// decides, with the router's state's catalog (`Arc<Catalog>: FromRef<S>`,
/// so the state is the catalog or a struct that derives `FromRef`) for a
/// request that names none: a `Locale` that middleware put into the
/// request's extensions, else the request's `Accept-Language` negotiated in
/// the catalog of an `Arc<Catalog>` request extension or the state's.
/// [`LocalizeLayer`](super::LocalizeLayer) chooses the same way. It never
/// rejects: a request without `Accept-Language`, or with nothing the
/// catalog has, gets English.
///
/// ```
/// use std::sync::Arc;
/// use defender_errors_tower::Locale;
/// # use defender_errors::{Catalog};
/// use http::{header::ACCEPT_LANGUAGE, HeaderMap, HeaderValue};
///
/// let mut headers = HeaderMap::new();
/// headers.insert(ACCEPT_LANGUAGE, HeaderValue::from_static("zh-CN,zh;q=0.9"));
/// let locale = Locale::from_headers(Arc::new(Catalog::new()), &headers);
/// assert_eq!((locale.id(), locale.matched()), ("zh", true));
/// assert_eq!(locale.content_language(), "zh-Hans");
/// ```
#[derive(Debug, Clone)]
pub struct Locale {
    catalog: Arc<Catalog>,
    locale: Handle,
    matched: bool,
}

impl Locale {
    /// The locale of `catalog` for a language tag or an `Accept-Language`
    /// value chosen elsewhere, such as a user's profile: what middleware puts
    /// into a request's extensions for the extractor and the layer to use.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use defender_errors_tower::Locale;
    /// # use defender_errors::{Catalog};
    /// let locale = Locale::new(Arc::new(Catalog::new()), "fr-CA");
    /// assert_eq!((locale.id(), locale.matched()), ("fr", true));
    ///
    /// // In an axum middleware: `request.extensions_mut().insert(locale);`
    /// let mut request = http::Request::new(());
    /// request.extensions_mut().insert(locale);
    /// ```
    pub fn new(catalog: Arc<Catalog>, tag: &str) -> Self {
        Self::negotiated(catalog, |catalog| catalog.negotiate(tag))
    }

    /// Negotiates the locale for `headers` (every `Accept-Language` line).
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use defender_errors_tower::Locale;
    /// # use defender_errors::{Catalog};
    /// let locale = Locale::from_headers(Arc::new(Catalog::new()), &http::HeaderMap::new());
    /// assert_eq!((locale.id(), locale.matched()), ("en", false));
    /// ```
    pub fn from_headers(catalog: Arc<Catalog>, headers: &HeaderMap) -> Self {
        Self::negotiated(catalog, |catalog| {
            crate::negotiate_headers(catalog, headers)
        })
    }

    /// The locale `negotiate` chooses in `catalog`.
    fn negotiated(catalog: Arc<Catalog>, negotiate: impl FnOnce(&Catalog) -> Negotiated) -> Self {
        let negotiated = negotiate(&catalog);
        Self {
            catalog,
            locale: negotiated.locale,
            matched: negotiated.matched,
        }
    }

    /// The catalog's locale id, such as `de` or `zh`.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use defender_errors_tower::Locale;
    /// # use defender_errors::{Catalog};
    /// # let locale = Locale::from_headers(Arc::new(Catalog::new()), &http::HeaderMap::new());
    /// assert_eq!(locale.id(), "en");
    /// ```
    pub fn id(&self) -> &str {
        self.catalog.locale_id(self.locale)
    }

    /// The catalog's handle of this locale, to render with:
    /// `locale.catalog().render(locale.handle(), &error)`.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use defender_errors::Catalog;
    /// # use defender_errors_tower::Locale;
    /// let locale = Locale::new(Arc::new(Catalog::new()), "nl-BE");
    /// assert_eq!(locale.catalog().locale_id(locale.handle()), "nl");
    /// ```
    pub fn handle(&self) -> Handle {
        self.locale
    }

    /// Whether the header asked for this locale (`false`: English as the default).
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use defender_errors_tower::Locale;
    /// # use defender_errors::{Catalog};
    /// # let locale = Locale::from_headers(Arc::new(Catalog::new()), &http::HeaderMap::new());
    /// assert!(!locale.matched());
    /// ```
    pub fn matched(&self) -> bool {
        self.matched
    }

    /// The catalog, to render with: `locale.catalog().render(locale.handle(), &error)`.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use defender_errors_tower::Locale;
    /// # use defender_errors::{Catalog, DefenderError};
    /// # let locale = Locale::from_headers(Arc::new(Catalog::new()), &http::HeaderMap::new());
    /// let text = locale.catalog().message(locale.handle(), &DefenderError::NotFound);
    /// assert_eq!(text, "The requested item was not found.");
    /// ```
    pub fn catalog(&self) -> &Arc<Catalog> {
        &self.catalog
    }

    /// The `Content-Language` of this locale (see
    /// [`Catalog::content_language`]).
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use defender_errors_tower::Locale;
    /// # use defender_errors::{Catalog};
    /// # let locale = Locale::from_headers(Arc::new(Catalog::new()), &http::HeaderMap::new());
    /// assert_eq!(locale.content_language(), "en");
    /// ```
    pub fn content_language(&self) -> HeaderValue {
        crate::content_language(&self.catalog, self.id())
    }

    /// A typed error as a response in this locale.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use defender_errors_tower::Locale;
    /// # use defender_errors::{Catalog, DefenderError};
    /// # let locale = Locale::from_headers(Arc::new(Catalog::new()), &http::HeaderMap::new());
    /// let response = locale.error(DefenderError::Forbidden).target("43f4cb08");
    /// # let _ = response;
    /// ```
    #[cfg(feature = "axum")]
    pub fn error(&self, error: DefenderError<'_>) -> LocalizedError {
        LocalizedError::new(self.clone(), error)
    }

    /// A code with values that arrive at run time as a response in this locale.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # use defender_errors_tower::Locale;
    /// # use defender_errors::{Args, Catalog, ErrorCode};
    /// # let locale = Locale::from_headers(Arc::new(Catalog::new()), &http::HeaderMap::new());
    /// let response = locale.error_args(ErrorCode::InvalidUrl, Args::new().with("url", "x".to_owned()));
    /// # let _ = response;
    /// ```
    #[cfg(feature = "axum")]
    pub fn error_args(&self, code: ErrorCode, args: Args<'static>) -> LocalizedError {
        LocalizedError::with_args(self.clone(), code, args)
    }
}

#[cfg(feature = "axum")]
impl<S> FromRequestParts<S> for Locale
where
    Arc<Catalog>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let catalog = crate::CatalogSource::from(Arc::<Catalog>::from_ref(state));
        Ok(crate::RequestLocale::of(&parts.extensions, &parts.headers, &catalog).resolve())
    }
}
