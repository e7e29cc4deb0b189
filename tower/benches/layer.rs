//! The cost of `LocalizeLayer` itself, in instructions: `layer CASE N` sends
//! N requests through CASE after its setup, and `layer --list` names the
//! cases. `BENCH=layer bash benches/count-instructions.sh` counts each under
//! callgrind as (Ir of N2 calls − Ir of N1 calls) / (N2 − N1).
//!
//! Each `inner-*` case is the upstream service alone (the request built, the
//! response made, its body collected); each `layer-*` case is the same
//! through the layer. The difference is the layer's own cost: for a 404
//! envelope localized into German, and for a 200 passed through.
//! `localize-body` is the catalog's part of the first, `Catalog::localize_body`
//! (the body's text with `localizedMessage` written in), for the layer's
//! share of it. No runtime
//! and no sockets: the futures are ready at once, and polled in place.
//! (Under `cargo bench` without a case it runs each case once, as a check.)

use std::convert::Infallible;
use std::future::Future;
use std::hint::black_box;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use bytes::Bytes;
use defender_errors::{Catalog, ResponseInfo};
use defender_errors_tower::LocalizeLayer;
use http::{header, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use tower_layer::Layer;
use tower_service::Service;

const CASES: [&str; 4] = [
    "inner-error",
    "layer-error",
    "inner-success",
    "layer-success",
];

const ENVELOPE: &str = r#"{"error":{"code":"ResourceNotFound","message":"Resource Machine-42 was not found.","target":"43f4cb08-8fac-4b65-9db1-745c2ae65f3a"}}"#;
const SUCCESS: &str =
    r#"{"value":[{"id":"1e5bc9d7e413ddd7902c2932e418702b84d0cc07","riskScore":"Low"}]}"#;

/// The upstream: a JSON answer with `status`, at once.
#[derive(Clone, Copy)]
struct Upstream {
    status: StatusCode,
}

impl Service<Request<()>> for Upstream {
    type Response = Response<Full<Bytes>>;
    type Error = Infallible;
    type Future = std::future::Ready<Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: Request<()>) -> Self::Future {
        let body = if self.status.is_success() {
            SUCCESS
        } else {
            ENVELOPE
        };
        let mut response = Response::new(Full::new(Bytes::from_static(body.as_bytes())));
        *response.status_mut() = self.status;
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
        std::future::ready(Ok(response))
    }
}

/// Polls `future` in place until it is ready: everything here is ready at once.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
}

fn request() -> Request<()> {
    Request::get("/api/machines/42")
        .header(header::ACCEPT_LANGUAGE, "de-CH,de;q=0.9,en;q=0.8")
        .body(())
        .unwrap()
}

/// One request through `service`, its whole body read; the body's length.
fn once<S, B>(service: &mut S) -> usize
where
    S: Service<Request<()>, Response = Response<B>, Error = Infallible>,
    B: http_body::Body<Data = Bytes>,
    B::Error: std::fmt::Debug,
{
    let response = block_on(service.call(black_box(request()))).unwrap();
    let body = block_on(response.into_body().collect()).unwrap().to_bytes();
    black_box(body.len())
}

fn run(case: &str, n: usize) {
    let catalog = Arc::new(Catalog::new());
    let layer = LocalizeLayer::new(catalog.clone());
    let error = Upstream {
        status: StatusCode::NOT_FOUND,
    };
    let success = Upstream {
        status: StatusCode::OK,
    };
    let mut bytes = 0;
    // The first call compiles the German locale: outside the counted calls'
    // difference, as every call's setup is.
    let mut layered_error = layer.layer(error);
    let mut layered_success = layer.layer(success);
    let localized = once(&mut layered_error);
    assert!(
        localized > ENVELOPE.len(),
        "the layer localized the envelope"
    );
    let de = catalog.negotiate("de").locale;
    let not_found = ResponseInfo::new().status(404);
    for _ in 0..n {
        bytes += match case {
            "inner-error" => once(&mut error.clone()),
            "layer-error" => once(&mut layered_error),
            "inner-success" => once(&mut success.clone()),
            "layer-success" => once(&mut layered_success),
            "localize-body" => {
                let body = catalog.localize_body(black_box(ENVELOPE), de, &not_found);
                black_box(body.map_or(0, |body| body.text.len()))
            }
            other => panic!("unknown case {other}; --list names them"),
        };
    }
    black_box(bytes);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag] if flag == "--list" => CASES.iter().for_each(|case| println!("{case}")),
        [case, n] if !case.starts_with('-') => run(case, n.parse().expect("N, a number of calls")),
        _ => {
            for case in CASES {
                run(case, 1);
                println!("{case}: ok");
            }
        }
    }
}
