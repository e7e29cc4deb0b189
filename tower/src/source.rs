//! [`CatalogSource`]: where a layer finds its catalog when it needs one.

use std::sync::Arc;

use defender_errors::Catalog;

/// Where [`LocalizeLayer`](crate::LocalizeLayer) finds the catalog it
/// localizes in: one catalog, or the one in use now when it can change (a
/// sidecar that reloads its locale files). It is asked only when a response
/// needs a locale, so a reload reaches the next error at once.
///
/// ```
/// use std::sync::{Arc, RwLock};
/// use defender_errors::Catalog;
/// use defender_errors_tower::CatalogSource;
///
/// let fixed = CatalogSource::from(Arc::new(Catalog::new()));
/// assert_eq!(fixed.current().locales().count(), 6);
///
/// // One that changes: whatever the closure gives when it is asked.
/// let shared = Arc::new(RwLock::new(Arc::new(Catalog::new())));
/// let source = CatalogSource::new(move || shared.read().unwrap().clone());
/// assert_eq!(source.current().locales().count(), 6);
/// ```
#[derive(Clone)]
pub struct CatalogSource(Source);

#[derive(Clone)]
enum Source {
    Fixed(Arc<Catalog>),
    Current(Arc<dyn Fn() -> Arc<Catalog> + Send + Sync>),
}

impl CatalogSource {
    /// Whatever `current` gives each time a catalog is needed.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// let source = defender_errors_tower::CatalogSource::new(|| Arc::new(defender_errors::Catalog::new()));
    /// # let _ = source;
    /// ```
    pub fn new(current: impl Fn() -> Arc<Catalog> + Send + Sync + 'static) -> Self {
        Self(Source::Current(Arc::new(current)))
    }

    /// The catalog now.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// let source = defender_errors_tower::CatalogSource::from(Arc::new(defender_errors::Catalog::new()));
    /// assert!(source.current().locales().any(|id| id == "de"));
    /// ```
    pub fn current(&self) -> Arc<Catalog> {
        match &self.0 {
            Source::Fixed(catalog) => catalog.clone(),
            Source::Current(current) => current(),
        }
    }
}

/// Always `catalog`.
impl From<Arc<Catalog>> for CatalogSource {
    fn from(catalog: Arc<Catalog>) -> Self {
        Self(Source::Fixed(catalog))
    }
}

/// The embedded catalog.
impl Default for CatalogSource {
    fn default() -> Self {
        Self::from(Arc::new(Catalog::new()))
    }
}

impl std::fmt::Debug for CatalogSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.0 {
            Source::Fixed(_) => "fixed",
            Source::Current(_) => "current",
        };
        f.debug_tuple("CatalogSource").field(&kind).finish()
    }
}
