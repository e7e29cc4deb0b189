//! Upstreams written by hand on a raw TCP socket, for what a framework would
//! not send (a close-delimited HTTP/1.0 body, chunks with a stale length
//! header beside them), and a real hyper client to talk to the servers in
//! front of them.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http::Request;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::servers::{Reply, Server};

/// An upstream that cannot be reached: a port of 127.0.0.1 that was free a
/// moment ago, so that nothing listens there.
pub fn unreachable_upstream() -> std::net::SocketAddr {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
}

/// A rewritten body comes with its own length and none of the headers that
/// described the upstream's bytes.
pub fn assert_framed_anew(out: &Reply, name: &str) {
    assert_eq!(
        out.header("content-length"),
        Some(out.body.len().to_string().as_str()),
        "{name}"
    );
    for stale in [
        "transfer-encoding",
        "etag",
        "content-md5",
        "digest",
        "repr-digest",
        "accept-ranges",
    ] {
        assert_eq!(out.header(stale), None, "{name}: {stale}");
    }
}

/// A response of `status` with `headers` and `body`, as an upstream handler
/// answers.
pub fn answer(
    status: http::StatusCode,
    headers: &[(&'static str, &'static str)],
    body: axum::body::Body,
) -> axum::response::Response {
    let mut response = axum::response::Response::new(body);
    *response.status_mut() = status;
    for (name, value) in headers {
        response
            .headers_mut()
            .append(*name, http::HeaderValue::from_static(value));
    }
    response
}

/// The heads of the requests an upstream received, as text.
pub type Seen = Arc<Mutex<Vec<String>>>;

/// An upstream on 127.0.0.1 that answers every request with `response`,
/// written as it is, and then closes the connection. It keeps the head of
/// each request it got.
pub fn raw_upstream(response: &'static [u8]) -> (Server, Seen) {
    let seen = Seen::default();
    let heads = seen.clone();
    let server = Server::start_with(move |listener, mut stopped| async move {
        loop {
            let (mut socket, _) = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok(accepted) => accepted,
                    Err(_) => continue,
                },
                _ = &mut stopped => return,
            };
            let heads = heads.clone();
            tokio::spawn(async move {
                let head = read_head(&mut socket).await;
                heads.lock().unwrap().push(head);
                socket.write_all(response).await.ok();
                socket.shutdown().await.ok();
            });
        }
    });
    (server, seen)
}

/// Reads a request's head and the body its `Content-Length` announces.
async fn read_head(socket: &mut tokio::net::TcpStream) -> String {
    let mut bytes = Vec::new();
    let mut buffer = [0u8; 4096];
    while !bytes.windows(4).any(|w| w == b"\r\n\r\n") {
        match socket.read(&mut buffer).await {
            Ok(0) | Err(_) => break,
            Ok(n) => bytes.extend_from_slice(&buffer[..n]),
        }
    }
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let length: usize = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    let mut read = body.len();
    while read < length {
        match socket.read(&mut buffer).await {
            Ok(0) | Err(_) => break,
            Ok(n) => read += n,
        }
    }
    head.to_owned()
}

/// Sends `request` with hyper's client and reads the whole answer.
pub async fn fetch(request: Request<Full<Bytes>>) -> Result<Reply, String> {
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let answer = tokio::time::timeout(Duration::from_secs(30), async {
        let response = client
            .request(request)
            .await
            .map_err(|e| format!("{e:?}"))?;
        let (parts, body) = response.into_parts();
        let body = body.collect().await.map_err(|e| format!("{e:?}"))?;
        Ok(Reply {
            status: parts.status.as_u16(),
            headers: parts.headers,
            body: body.to_bytes().to_vec(),
        })
    });
    answer.await.map_err(|_| "no answer in 30 s".to_owned())?
}

/// A GET of `url` with `Accept-Language: language`.
pub fn get_request(url: &str, language: &str) -> Request<Full<Bytes>> {
    Request::get(url)
        .header("accept-language", language)
        .body(Full::default())
        .unwrap()
}

/// The article's 404 envelope, sent in two chunks.
pub const CHUNKED_404: &[u8] = b"HTTP/1.1 404 Not Found\r\n\
Content-Type: application/json; charset=utf-8\r\n\
Transfer-Encoding: chunked\r\n\
ETag: \"upstream-etag\"\r\n\
Accept-Ranges: bytes\r\n\
Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==\r\n\
Digest: sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=\r\n\
Repr-Digest: sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:\r\n\
Connection: close\r\n\
\r\n\
2d\r\n{\"error\":{\"code\":\"ResourceNotFound\",\"message\"\r\n\
54\r\n:\"Machine 123123123 was not found\",\"target\":\"43f4cb08-8fac-4b65-9db1-745c2ae65f3a\"}}\r\n\
0\r\n\r\n";

/// The same envelope with a `Content-Length`.
pub const LENGTH_404: &[u8] = b"HTTP/1.1 404 Not Found\r\n\
Content-Type: application/json\r\n\
Content-Length: 129\r\n\
ETag: \"upstream-etag\"\r\n\
Connection: close\r\n\
\r\n\
{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"Machine 123123123 was not found\",\"target\":\"43f4cb08-8fac-4b65-9db1-745c2ae65f3a\"}}";

/// The same envelope as HTTP/1.0 sends it: no length, the end of the body is
/// the end of the connection.
pub const CLOSE_DELIMITED_404: &[u8] = b"HTTP/1.0 404 Not Found\r\n\
Content-Type: application/json\r\n\
ETag: \"upstream-etag\"\r\n\
\r\n\
{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"Machine 123123123 was not found\",\"target\":\"43f4cb08-8fac-4b65-9db1-745c2ae65f3a\"}}";
