//! The connector to the upstream: TCP, or rustls (ring) over it with the
//! platform's root certificates or a private CA's.

use std::path::Path;
use std::sync::Arc;

use hyper_rustls::{HttpsConnector, HttpsConnectorBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use rustls::{ClientConfig, RootCertStore};

use super::ProxyError;

/// How the proxy connects to the upstream: TCP, then rustls for `https`.
pub(super) type Connector = HttpsConnector<HttpConnector>;

/// A connector for `https` upstreams that trusts `ca` (a PEM file) when
/// given, else the platform's roots; for a plain `http` upstream no roots are
/// read.
pub(super) fn connector(https: bool, ca: Option<&Path>) -> Result<Connector, ProxyError> {
    let roots = match (https, ca) {
        (_, Some(path)) => private_roots(path)?,
        (true, None) => platform_roots()?,
        (false, None) => RootCertStore::empty(),
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| ProxyError::Tls(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    let mut http = HttpConnector::new();
    // hyper_rustls hands the TCP stream over for https itself.
    http.enforce_http(false);
    http.set_nodelay(true);
    let connector = HttpsConnectorBuilder::new()
        .with_tls_config(config)
        .https_or_http()
        .enable_http1()
        .wrap_connector(http);
    Ok(connector)
}

/// Every certificate of a PEM file, as the only roots.
fn private_roots(path: &Path) -> Result<RootCertStore, ProxyError> {
    let ca_error = |reason: String| ProxyError::Ca {
        path: path.to_owned(),
        reason,
    };
    let certificates = CertificateDer::pem_file_iter(path)
        .map_err(|e| ca_error(e.to_string()))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| ca_error(e.to_string()))?;
    if certificates.is_empty() {
        return Err(ca_error("it holds no PEM certificate".into()));
    }
    let mut roots = RootCertStore::empty();
    for certificate in certificates {
        roots
            .add(certificate)
            .map_err(|e| ca_error(e.to_string()))?;
    }
    Ok(roots)
}

/// The platform's trusted roots; an error when there are none to use.
fn platform_roots() -> Result<RootCertStore, ProxyError> {
    let found = rustls_native_certs::load_native_certs();
    let mut roots = RootCertStore::empty();
    // A store holds some certificates rustls cannot use; the rest count.
    let (_added, _ignored) = roots.add_parsable_certificates(found.certs);
    if roots.is_empty() {
        let reason = match found.errors.first() {
            Some(error) => error.to_string(),
            None => "the platform's store is empty".to_owned(),
        };
        return Err(ProxyError::NoPlatformRoots { reason });
    }
    Ok(roots)
}
