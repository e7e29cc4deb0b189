//! The proxy's connections to the upstream: hyper's HTTP/1 connection
//! client (`hyper::client::conn::http1`), and a pool of the idle ones.
//!
//! A connection is driven by the request that uses it, in that request's
//! own task: its I/O is polled with the answer's head, then with the
//! answer's body, so no task of its own is woken for each request, and no
//! channel crosses threads. When the body has been read to its end the
//! connection goes back to the pool, so that a request never waits behind
//! another's body; one that the upstream closed meanwhile is found so when
//! it is next taken (its I/O polled once), and dropped. A request that finds
//! its pooled connection closed before anything was written goes on the
//! next one, or a new one.

use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

use axum::body::Body;
use http::{Request, Response, Uri};
use http_body::{Frame, SizeHint};
use hyper::body::Incoming;
use hyper::client::conn::http1::{self, Connection, SendRequest};
use tower::Service;

use super::tls::Connector;

/// Why a request could not be sent, or its answer not read.
pub(super) type Failure = Box<dyn std::error::Error + Send + Sync>;

/// The most idle connections kept: the server's default cap on requests in
/// flight, so that a full load finds a connection for each.
const MAX_IDLE: usize = 256;

/// The I/O of one upstream connection: hyper's, boxed once per connection.
type Io = Pin<Box<Connection<<Connector as Service<Uri>>::Response, Body>>>;

/// One connection: what sends on it, and its I/O, to drive.
struct Conn {
    sender: SendRequest<Body>,
    io: Io,
}

impl Conn {
    /// Drives the I/O; false once the connection is over.
    fn drive(&mut self, cx: &mut Context<'_>) -> bool {
        match self.io.as_mut().poll(cx) {
            Poll::Pending => true,
            Poll::Ready(Ok(())) => false,
            Poll::Ready(Err(why)) => {
                tracing::debug!(error = %why, "upstream connection ended with an error");
                false
            }
        }
    }
}

/// The connector and the idle connections of one upstream.
pub(super) struct Pool {
    connector: Connector,
    /// `scheme://authority/`: what the connector connects to.
    target: Uri,
    idle: Mutex<Vec<Conn>>,
}

impl Pool {
    pub(super) fn new(connector: Connector, target: Uri) -> Self {
        Self {
            connector,
            target,
            idle: Mutex::new(Vec::new()),
        }
    }

    /// An idle connection, the one used last first.
    fn take(&self) -> Option<Conn> {
        self.idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop()
    }

    fn give_back(&self, conn: Conn) {
        if conn.sender.is_closed() {
            return;
        }
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        if idle.len() < MAX_IDLE {
            idle.push(conn);
        }
    }

    /// Sends `request` (its URI in origin form) on an idle connection, or a
    /// new one, and returns the answer's head; its body drives the
    /// connection on, and gives it back when it ends.
    pub(super) async fn send(
        self: &Arc<Self>,
        mut request: Request<Body>,
    ) -> Result<Response<Pooled>, Failure> {
        while let Some(mut conn) = self.take() {
            // Ready at once, or after one turn of its I/O: the last answer's
            // body has ended. A closed one is dropped.
            let ready = poll_fn(|cx| {
                if let Poll::Ready(ready) = conn.sender.poll_ready(cx) {
                    return Poll::Ready(ready.is_ok());
                }
                if conn.drive(cx) {
                    Poll::Pending
                } else {
                    Poll::Ready(conn.sender.is_ready())
                }
            })
            .await;
            if !ready {
                continue;
            }
            let sent = conn.sender.try_send_request(request);
            match drive_until(&mut conn, sent).await {
                (Ok(response), alive) => return Ok(self.pooled(response, conn, alive)),
                (Err(mut failed), _) => match failed.take_message() {
                    // Not written: the connection closed under it.
                    Some(unsent) => request = unsent,
                    None => return Err(failed.into_error().into()),
                },
            }
        }
        let mut conn = self.connect().await?;
        let sent = conn.sender.send_request(request);
        match drive_until(&mut conn, sent).await {
            (Ok(response), alive) => Ok(self.pooled(response, conn, alive)),
            (Err(failed), _) => Err(failed.into()),
        }
    }

    async fn connect(&self) -> Result<Conn, Failure> {
        let mut connector = self.connector.clone();
        poll_fn(|cx| connector.poll_ready(cx)).await?;
        let io = connector.call(self.target.clone()).await?;
        let (sender, io) = http1::Builder::new().handshake(io).await?;
        Ok(Conn {
            sender,
            io: Box::pin(io),
        })
    }

    fn pooled(
        self: &Arc<Self>,
        response: Response<Incoming>,
        conn: Conn,
        alive: bool,
    ) -> Response<Pooled> {
        let mut response = response.map(|body| Pooled {
            body,
            conn: alive.then_some(conn),
            pool: self.clone(),
        });
        response.body_mut().give_back_at_end();
        response
    }
}

/// Polls `sent` with the connection's I/O until it is done; and whether
/// the connection is still open.
async fn drive_until<T>(conn: &mut Conn, sent: impl Future<Output = T>) -> (T, bool) {
    let mut sent = std::pin::pin!(sent);
    let mut alive = true;
    let done = poll_fn(|cx| {
        if alive {
            alive = conn.drive(cx);
        }
        sent.as_mut().poll(cx)
    })
    .await;
    (done, alive)
}

/// The upstream's answer body: polling it drives its connection, and at
/// its end the connection goes back to the pool (a body dropped before its
/// end closes the connection).
pub(super) struct Pooled {
    body: Incoming,
    /// The connection, while it is open.
    conn: Option<Conn>,
    pool: Arc<Pool>,
}

impl Pooled {
    fn give_back_at_end(&mut self) {
        if http_body::Body::is_end_stream(&self.body) {
            if let Some(conn) = self.conn.take() {
                self.pool.give_back(conn);
            }
        }
    }
}

impl http_body::Body for Pooled {
    type Data = bytes::Bytes;
    type Error = hyper::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        let this = &mut *self;
        if let Some(conn) = this.conn.as_mut() {
            if !conn.drive(cx) {
                this.conn = None;
            }
        }
        let polled = Pin::new(&mut this.body).poll_frame(cx);
        match &polled {
            Poll::Ready(None) => {
                if let Some(conn) = this.conn.take() {
                    this.pool.give_back(conn);
                }
            }
            Poll::Ready(Some(Ok(_))) => this.give_back_at_end(),
            // An error: the connection is not given back.
            Poll::Ready(Some(Err(_))) => this.conn = None,
            Poll::Pending => {}
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}
