//! The catalog in the `http` types: a response's wait from its headers.

use defender_errors::{Catalog, ResponseInfo};

#[test]
fn retry_after_is_read_from_the_response_headers() {
    use std::time::{Duration, SystemTime};

    use http::header::RETRY_AFTER;
    use http::{HeaderMap, HeaderValue, StatusCode};

    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let info = |values: &[&str]| {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(RETRY_AFTER, HeaderValue::from_str(value).unwrap());
        }
        defender_errors_tower::response_info(StatusCode::TOO_MANY_REQUESTS, &headers, now)
    };
    assert_eq!(info(&["7"]), ResponseInfo::new().status(429).retry_after(7));
    let in_a_minute = httpdate::fmt_http_date(now + Duration::from_secs(60));
    assert_eq!(info(&[&in_a_minute]).retry_after, Some(60));
    assert_eq!(info(&[]).retry_after, None);
    assert_eq!(info(&["soon"]).retry_after, None);
    assert_eq!(
        info(&["7", "9"]).retry_after,
        None,
        "two waits: neither is obeyed"
    );
    let body = r#"{"error":{"code":"TooManyRequests","message":"Rate limit is exceeded."}}"#;
    let catalog = Catalog::new();
    let out = catalog
        .localize_body(body, catalog.negotiate("de").locale, &info(&["7"]))
        .unwrap();
    assert!(out.text.contains(&crate::common::expected_wait("de", 7)));
}
