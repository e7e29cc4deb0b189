//! The upstream's base path is a boundary: a request's path has its dot
//! segments removed (RFC 3986 section 5.2.4, with their percent-encoded
//! forms `%2e` and `%2E`) before it is put after the upstream URL's path,
//! and a path that would climb above it is refused, as nginx does.

use http::uri::PathAndQuery;

/// Why a request's path cannot be forwarded.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Refused {
    /// Its `..` segments climb above the root (the upstream's base path).
    Climbs,
    /// The joined path is not a valid URI path.
    Invalid,
}

/// How many dots a segment is, if it is only dots and there are one or two:
/// `.` and `..`, with `%2e` (either case) for any of them.
fn dots(segment: &str) -> Option<usize> {
    let mut rest = segment.as_bytes();
    let mut count = 0;
    while !rest.is_empty() {
        rest = match rest {
            [b'.', after @ ..] => after,
            [b'%', b'2', b'e' | b'E', after @ ..] => after,
            _ => return None,
        };
        count += 1;
    }
    (1..=2).contains(&count).then_some(count)
}

/// `base` (the upstream URL's path without its last `/`), then `target`'s
/// path without dot segments, then its query as it came.
///
/// A target that is not a path (`*`) is put after `base` as it is.
pub(super) fn join(base: &str, target: &str) -> Result<PathAndQuery, Refused> {
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    };
    let Some(relative) = path.strip_prefix('/') else {
        return joined(format!("{base}{target}"));
    };
    // Most paths have no dot segment: one look at each, and no copy when
    // there is no base either.
    if !relative.split('/').any(|segment| dots(segment).is_some()) {
        return if base.is_empty() {
            PathAndQuery::try_from(target).map_err(|_| Refused::Invalid)
        } else {
            joined(format!("{base}{target}"))
        };
    }
    let mut kept: Vec<&str> = Vec::new();
    // A path that ends in a dot segment names a directory: it keeps its `/`.
    let mut directory = false;
    for segment in relative.split('/') {
        directory = true;
        match dots(segment) {
            Some(1) => {}
            Some(_) => {
                kept.pop().ok_or(Refused::Climbs)?;
            }
            None => {
                kept.push(segment);
                directory = false;
            }
        }
    }
    let mut out = String::with_capacity(base.len() + target.len());
    out.push_str(base);
    out.push('/');
    out.push_str(&kept.join("/"));
    if directory && !kept.is_empty() {
        out.push('/');
    }
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    joined(out)
}

fn joined(path: String) -> Result<PathAndQuery, Refused> {
    PathAndQuery::try_from(path).map_err(|_| Refused::Invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(base: &str, target: &str) -> Result<String, Refused> {
        join(base, target).map(|p| p.as_str().to_owned())
    }

    #[test]
    fn dot_segments_are_removed_as_rfc_3986_says() {
        // RFC 3986 section 5.2.4's own examples, and their encoded forms.
        assert_eq!(path("", "/a/b/c/./../../g").unwrap(), "/a/g");
        assert_eq!(path("", "/a/%2E/b/%2e%2E/c").unwrap(), "/a/c");
        assert_eq!(path("", "/a/b/..").unwrap(), "/a/");
        assert_eq!(path("", "/a/.%2e").unwrap(), "/");
        assert_eq!(path("", "/.").unwrap(), "/");
        assert_eq!(
            path("/base", "/a/./b?x=/../y").unwrap(),
            "/base/a/b?x=/../y"
        );
        // Three dots, or a dot in a name, are names.
        assert_eq!(path("/base", "/.../a.b/..c").unwrap(), "/base/.../a.b/..c");
        assert_eq!(path("/base", "/%2e%2e%2e").unwrap(), "/base/%2e%2e%2e");
        // No dot segment: as it came.
        assert_eq!(
            path("", "/api/machines?$top=1").unwrap(),
            "/api/machines?$top=1"
        );
        assert_eq!(path("/base", "/").unwrap(), "/base/");
    }

    #[test]
    fn a_path_that_climbs_above_the_base_is_refused() {
        for target in [
            "/..",
            "/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E/x",
            "/a/../../x",
            "/a/./.%2E/%2e./x",
        ] {
            assert_eq!(path("/base", target), Err(Refused::Climbs), "{target}");
            assert_eq!(path("", target), Err(Refused::Climbs), "{target}");
        }
        // Up to the base, not above it.
        assert_eq!(path("/base", "/a/../etc").unwrap(), "/base/etc");
    }
}
