//! Fixed sample values, shared by the snapshot and reference tests.

use std::path::{Path, PathBuf};

use defender_errors::{DefenderError, ErrorCode};

/// The six shipped locales.
pub const LOCALES: [&str; 6] = ["en", "nl", "da", "de", "zh", "fr"];

/// `locales/` of this checkout (the package's own, or the workspace root's
/// for the CLI package's tests, which share this file).
pub fn locales_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|dir| dir.join("locales"))
        .find(|dir| dir.join("en/errors.ftl").is_file())
        .expect("a locales/ directory beside or above the package")
}

/// One typed error per code, with fixed, recognisable values.
pub fn sample(code: ErrorCode) -> DefenderError<'static> {
    let s = |v: &'static str| std::borrow::Cow::Borrowed(v);
    match code {
        ErrorCode::BadRequest => DefenderError::BadRequest,
        ErrorCode::ODataError => DefenderError::ODataError {
            specific_error: s("$filter: unknown property 'riskScor'"),
        },
        ErrorCode::InvalidInput => DefenderError::InvalidInput {
            input: s("machine-id="),
        },
        ErrorCode::InvalidRequestBody => DefenderError::InvalidRequestBody,
        ErrorCode::InvalidHashValue => DefenderError::InvalidHashValue {
            hash: s("e3b0c44298fc1c14"),
        },
        ErrorCode::InvalidDomainName => DefenderError::InvalidDomainName {
            domain: s("contoso..com"),
        },
        ErrorCode::InvalidIpAddress => DefenderError::InvalidIpAddress { ip: s("300.1.2.3") },
        ErrorCode::InvalidUrl => DefenderError::InvalidUrl {
            url: s("htp://contoso.com"),
        },
        ErrorCode::MaximumBatchSizeExceeded => DefenderError::MaximumBatchSizeExceeded {
            batch_size_received: 12_500,
            batch_size_allowed: 10_000,
        },
        ErrorCode::MissingRequiredParameter => DefenderError::MissingRequiredParameter {
            parameter: s("Comment"),
        },
        ErrorCode::OsPlatformNotSupported => DefenderError::OsPlatformNotSupported {
            os_platform: s("Linux"),
        },
        ErrorCode::ClientVersionNotSupported => DefenderError::ClientVersionNotSupported {
            action: s("Live response"),
            client_version: s("10.8040"),
        },
        ErrorCode::Unauthorized => DefenderError::Unauthorized,
        ErrorCode::Forbidden => DefenderError::Forbidden,
        ErrorCode::DisabledFeature => DefenderError::DisabledFeature,
        ErrorCode::DisallowedOperation => DefenderError::DisallowedOperation {
            operation: s("Isolation is not allowed on a domain controller"),
        },
        ErrorCode::NotFound => DefenderError::NotFound,
        ErrorCode::ResourceNotFound => DefenderError::ResourceNotFound {
            resource: s("Machine 123123123"),
        },
        ErrorCode::TooManyRequests => DefenderError::TooManyRequests {
            retry_after: Some(12),
        },
        ErrorCode::InternalServerError => DefenderError::InternalServerError,
        other => unreachable!("a new code needs a sample: {other}"),
    }
}

/// A fresh directory under the system's temporary one, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> Self {
        let path =
            std::env::temp_dir().join(format!("defender-errors-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Self(path)
    }

    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> &Path {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The embedded catalog's message of `error` in `locale`: what a test that
/// checks an answer's text expects, read from the catalog rather than
/// copied, so that a translator's change fails only the snapshot of it.
pub fn expected(locale: &str, error: &DefenderError<'_>) -> String {
    let catalog = defender_errors::Catalog::new();
    let locale = catalog.negotiate(locale).locale;
    catalog.message(locale, error).into_owned()
}

/// [`expected`] for the generic message of an HTTP `status`.
pub fn expected_generic(locale: &str, status: u16) -> String {
    let catalog = defender_errors::Catalog::new();
    let locale = catalog.negotiate(locale).locale;
    catalog
        .generic_message(locale, status, None)
        .map(|(_, text)| text.into_owned())
        .unwrap_or_default()
}

/// [`expected`] of a throttled request told to wait `seconds`.
pub fn expected_wait(locale: &str, seconds: u64) -> String {
    expected(
        locale,
        &DefenderError::TooManyRequests {
            retry_after: Some(seconds),
        },
    )
}
