//! The accept loop: one hyper HTTP/1 connection per client, with timeouts and caps, so that
//! no client, however slow or numerous its connections, takes the server away from others.
//!
//! - Headers: hyper's header-read timeout, from the connection's start and again from the
//!   end of each response, so it is also the keep-alive idle limit.
//! - Bodies: tower-http's timeouts: a body that stalls, and a request that takes too long
//!   altogether (a trickled body included), are answered 408, which a slow but honest
//!   client can read, rather than cut.
//! - Answers: a client that stops reading its response is cut when its socket has not
//!   taken a byte for [`WRITE_STALL`] (neither hyper nor tower-http times writes out).
//! - Caps: on open connections overall and per client address. A cap reached does not
//!   refuse the newcomer, which could be the member the attacker shares a proxy or an
//!   address with: it closes the connection that has waited longest without being answered
//!   (idle, sending half a request or trickling a body) or following a stream of events
//!   (whose client reconnects), and refuses only when every open connection is being
//!   answered. A shutdown waits for answers, not for streams.

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::Request;
use http_body::Frame;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, watch};
use tower::ServiceExt;

use super::forwarded::{self, TrustedProxies};

/// How long a socket may refuse every byte of a response before the connection is cut: a
/// phone in a tunnel gets this long to come back.
pub const WRITE_STALL: Duration = Duration::from_secs(30);
/// How long a request body may send nothing before it is answered 408: longer than any
/// pause of a slow but live upload, short enough that a stalled one frees its slot soon.
pub const BODY_STALL: Duration = Duration::from_secs(15);
/// How long a response's writes must have been blocked before its connection counts as
/// stuck rather than being answered, when a cap needs room.
const BLOCKED_COUNTS_AS_STUCK: Duration = Duration::from_secs(2);
/// The most a connection buffers: the largest request head it accepts, and how far ahead
/// of the socket a response is written. hyper's default (about 400 KB) times the
/// connection cap would let stuck clients hold hundreds of megabytes.
const MAX_BUFFER_BYTES: usize = 64 * 1024;
/// A pause after the system refuses to accept (out of file descriptors), so that the loop
/// does not spin while connections close.
const ACCEPT_ERROR_PAUSE: Duration = Duration::from_millis(50);

/// What the server accepts from clients. The operator tunes them with `serve`'s options.
#[derive(Clone, Debug)]
pub struct ServeConfig {
    /// Open connections at most, all clients together.
    pub max_connections: usize,
    /// Open connections at most from one client address (trusted proxies excepted: every
    /// client behind them shares their address).
    pub max_connections_per_address: usize,
    /// Time to send a request's head, from connecting or from the end of the previous
    /// response (so also how long an idle keep-alive connection stays open).
    pub header_timeout: Duration,
    /// Time from a request's head to its answer, the body's reading included.
    pub request_timeout: Duration,
    pub trusted_proxies: TrustedProxies,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            max_connections: 1024,
            max_connections_per_address: 128,
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(60),
            trusted_proxies: TrustedProxies::default(),
        }
    }
}

/// Raises this process's limit on open files to its hard limit, so that the connection cap
/// rather than the system decides; returns the limit in force.
// rlim_t is u64 on Linux, and another width elsewhere.
#[allow(clippy::unnecessary_cast)]
pub fn raise_open_file_limit() -> u64 {
    #[cfg(unix)]
    // SAFETY: getrlimit and setrlimit only read and write the struct passed; a refusal
    // leaves the limit as it was.
    unsafe {
        let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            return 0;
        }
        if limit.rlim_cur < limit.rlim_max {
            let raised = libc::rlimit { rlim_cur: limit.rlim_max, rlim_max: limit.rlim_max };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                return raised.rlim_cur as u64;
            }
        }
        limit.rlim_cur as u64
    }
    #[cfg(not(unix))]
    0
}

/// Serves `app` on `listener` until `shutdown` resolves; then closes the connections that
/// are not being answered and lets the others finish their answer.
pub async fn run(
    listener: TcpListener,
    app: Router,
    config: ServeConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let registry = Arc::new(Registry::new(&config));
    let config = Arc::new(config);
    let (stopping, stop) = watch::channel(false);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of descriptors, or a connection reset before it was accepted:
                    // neither stops the server.
                    tracing::debug!("accept failed: {error}");
                    tokio::time::sleep(ACCEPT_ERROR_PAUSE).await;
                    continue;
                }
            },
        };
        let capped = !config.trusted_proxies.trusts(peer.ip());
        let Some(admitted) = registry.admit(peer.ip().to_canonical(), capped) else {
            tracing::debug!("refused a connection from {peer}: every connection is being answered");
            continue;
        };
        // Pages go out in several chunks: without TCP_NODELAY, Nagle's algorithm holds the
        // last one back until the client acknowledges the others (40 ms with delayed ACKs).
        if let Err(error) = stream.set_nodelay(true) {
            tracing::debug!("TCP_NODELAY refused: {error}");
        }
        tokio::spawn(connection(stream, peer, admitted, app.clone(), Arc::clone(&config), stop.clone()));
    }
    drop(listener);
    let _ = stopping.send(true);
    drop(stop);
    // Every connection holds a receiver: this waits for the last one to end.
    stopping.closed().await;
    Ok(())
}

/// One client connection, from its accept to its close.
async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    admitted: Admitted,
    app: Router,
    config: Arc<ServeConfig>,
    mut stop: watch::Receiver<bool>,
) {
    let tracker = Arc::clone(&admitted.tracker);
    let io = TokioIo::new(Watched { stream, stall: None, tracker: Arc::clone(&tracker) });
    let header_timeout = config.header_timeout;
    let service = {
        let tracker = Arc::clone(&tracker);
        hyper::service::service_fn(move |request: Request<Incoming>| {
            let (tracker, app, config) = (Arc::clone(&tracker), app.clone(), Arc::clone(&config));
            async move {
                let received = http_body::Body::is_end_stream(request.body());
                tracker.enter(if received { Phase::Working } else { Phase::Receiving });
                let body_tracker = Arc::clone(&tracker);
                let mut request = request.map(|body| Body::new(Receiving { body, tracker: body_tracker }));
                forwarded::resolve(&mut request, peer, &config.trusted_proxies);
                let response = match app.oneshot(request).await {
                    Ok(response) => response,
                    Err(never) => match never {},
                };
                let following = response.extensions().get::<Following>().is_some();
                tracker.enter(if following { Phase::Following } else { Phase::Sending });
                Ok::<_, Infallible>(response.map(|body| Sending { body, tracker }))
            }
        })
    };
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout)
        .max_buf_size(MAX_BUFFER_BYTES)
        .serve_connection(io, service);
    tokio::pin!(connection);
    let mut stopping = false;
    loop {
        tokio::select! {
            result = connection.as_mut() => {
                if let Err(error) = result {
                    tracing::debug!("connection from {peer} ended: {error}");
                }
                break;
            }
            // A cap needed room and this connection was the one stuck longest.
            () = tracker.close.notified() => break,
            _ = stop.changed(), if !stopping => {
                stopping = true;
                if !tracker.answering() {
                    break;
                }
                connection.as_mut().graceful_shutdown();
            }
            // An answer the shutdown waited for may turn out to be a stream: not for it.
            () = tokio::time::sleep(Duration::from_millis(200)), if stopping => {
                if tracker.phase() == Phase::Following {
                    break;
                }
            }
        }
    }
    drop(admitted);
}

/// What a connection is doing, for choosing which one to close when a cap is reached.
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Phase {
    /// Connected or between requests, waiting for a request's head.
    Waiting = 0,
    /// A head came; its body is still arriving.
    Receiving = 1,
    /// The request is whole and a handler is answering it.
    Working = 2,
    /// The answer is being written.
    Sending = 3,
    /// The answer is a stream that follows something (server-sent events): its client
    /// reconnects when it is cut, so a cap that needs room may close it, and a shutdown
    /// does not wait for it.
    Following = 4,
}

/// What a followed stream's time counts from when a cap chooses which connection to close:
/// after every idle or half-sent one.
const FOLLOWING_AFTER: u64 = u64::MAX / 2;

/// Marks a response as a stream its client follows and reconnects to when cut (a
/// response extension): see [`Phase::Following`].
#[derive(Clone, Copy, Debug)]
pub struct Following;

/// One connection as the registry sees it.
struct Tracker {
    phase: AtomicU8,
    /// When it entered its phase, in milliseconds from the registry's epoch.
    since: AtomicU64,
    /// Since when its writes have been blocked (0: they are not).
    blocked_since: AtomicU64,
    epoch: Instant,
    close: Notify,
}

impl Tracker {
    fn now(&self) -> u64 {
        // +1: 0 means "not blocked".
        self.epoch.elapsed().as_millis() as u64 + 1
    }

    fn enter(&self, phase: Phase) {
        self.since.store(self.now(), Ordering::Relaxed);
        self.blocked_since.store(0, Ordering::Relaxed);
        self.phase.store(phase as u8, Ordering::Relaxed);
    }

    fn phase(&self) -> Phase {
        match self.phase.load(Ordering::Relaxed) {
            0 => Phase::Waiting,
            1 => Phase::Receiving,
            2 => Phase::Working,
            3 => Phase::Sending,
            _ => Phase::Following,
        }
    }

    /// Whether a request on it is being answered (then a shutdown lets it finish).
    fn answering(&self) -> bool {
        matches!(self.phase(), Phase::Working | Phase::Sending)
    }

    /// Since when it has been stuck, if it is not being answered: waiting for a head or a
    /// body, or with a response its client does not read. A stream followed counts as
    /// stuck after all of those (its client reconnects), the oldest first.
    fn stuck_since(&self, now: u64) -> Option<u64> {
        match self.phase() {
            Phase::Waiting | Phase::Receiving => Some(self.since.load(Ordering::Relaxed)),
            Phase::Following => Some(FOLLOWING_AFTER.saturating_add(self.since.load(Ordering::Relaxed))),
            Phase::Working => None,
            Phase::Sending => {
                let blocked = self.blocked_since.load(Ordering::Relaxed);
                let threshold = BLOCKED_COUNTS_AS_STUCK.as_millis() as u64;
                (blocked != 0 && now.saturating_sub(blocked) >= threshold).then_some(blocked)
            }
        }
    }

    fn blocked(&self) {
        if self.blocked_since.load(Ordering::Relaxed) == 0 {
            self.blocked_since.store(self.now(), Ordering::Relaxed);
        }
    }

    fn unblocked(&self) {
        self.blocked_since.store(0, Ordering::Relaxed);
    }
}

/// The open connections, counted overall and per address.
struct Registry {
    table: Mutex<Table>,
    epoch: Instant,
    max: usize,
    max_per_address: usize,
}

#[derive(Default)]
struct Table {
    next_id: u64,
    open: HashMap<u64, Entry>,
    per_address: HashMap<IpAddr, usize>,
}

struct Entry {
    address: IpAddr,
    capped: bool,
    tracker: Arc<Tracker>,
}

impl Table {
    /// The connection stuck longest among those `eligible`.
    fn stuck_longest(&self, now: u64, eligible: impl Fn(&Entry) -> bool) -> Option<u64> {
        self.open
            .iter()
            .filter(|(_, entry)| eligible(entry))
            .filter_map(|(id, entry)| entry.tracker.stuck_since(now).map(|since| (since, *id)))
            .min()
            .map(|(_, id)| id)
    }

    fn remove(&mut self, id: u64) -> Option<Entry> {
        let entry = self.open.remove(&id)?;
        if entry.capped
            && let Some(count) = self.per_address.get_mut(&entry.address)
        {
            *count = count.saturating_sub(1);
            if *count == 0 {
                self.per_address.remove(&entry.address);
            }
        }
        Some(entry)
    }

    /// Closes connection `id` to make room.
    fn evict(&mut self, id: u64) {
        if let Some(entry) = self.remove(id) {
            entry.tracker.close.notify_one();
        }
    }
}

/// A connection the registry counts until it is dropped.
struct Admitted {
    registry: Arc<Registry>,
    id: u64,
    tracker: Arc<Tracker>,
}

impl Drop for Admitted {
    fn drop(&mut self) {
        self.registry.lock().remove(self.id);
    }
}

impl Registry {
    fn new(config: &ServeConfig) -> Self {
        Registry {
            table: Mutex::default(),
            epoch: Instant::now(),
            max: config.max_connections.max(1),
            max_per_address: config.max_connections_per_address.max(1),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Table> {
        self.table.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Counts a new connection from `address`, closing the one stuck longest when a cap is
    /// reached; `None` when every connection that would make room is being answered.
    fn admit(self: &Arc<Self>, address: IpAddr, capped: bool) -> Option<Admitted> {
        let tracker = Arc::new(Tracker {
            phase: AtomicU8::new(Phase::Waiting as u8),
            since: AtomicU64::new(0),
            blocked_since: AtomicU64::new(0),
            epoch: self.epoch,
            close: Notify::new(),
        });
        tracker.enter(Phase::Waiting);
        let now = tracker.now();
        let mut table = self.lock();
        if capped && table.per_address.get(&address).copied().unwrap_or(0) >= self.max_per_address {
            let victim = table.stuck_longest(now, |entry| entry.capped && entry.address == address)?;
            table.evict(victim);
        }
        if table.open.len() >= self.max {
            let victim = table.stuck_longest(now, |_| true)?;
            table.evict(victim);
        }
        let id = table.next_id;
        table.next_id += 1;
        table.open.insert(id, Entry { address, capped, tracker: Arc::clone(&tracker) });
        if capped {
            *table.per_address.entry(address).or_default() += 1;
        }
        drop(table);
        Some(Admitted { registry: Arc::clone(self), id, tracker })
    }
}

/// A request body that tells its connection when it has all arrived.
struct Receiving {
    body: Incoming,
    tracker: Arc<Tracker>,
}

impl http_body::Body for Receiving {
    type Data = Bytes;
    type Error = hyper::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, hyper::Error>>> {
        let polled = Pin::new(&mut self.body).poll_frame(cx);
        if matches!(polled, Poll::Ready(None)) || (polled.is_ready() && self.body.is_end_stream()) {
            self.tracker.enter(Phase::Working);
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

/// A response body that tells its connection when it has all been written.
struct Sending {
    body: Body,
    tracker: Arc<Tracker>,
}

impl http_body::Body for Sending {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

impl Drop for Sending {
    fn drop(&mut self) {
        // hyper drops a response's body once it has written it (or given up): the
        // connection now waits for the next request.
        self.tracker.enter(Phase::Waiting);
    }
}

/// The socket, with a deadline on writes that make no progress.
struct Watched {
    stream: TcpStream,
    stall: Option<Pin<Box<tokio::time::Sleep>>>,
    tracker: Arc<Tracker>,
}

impl Watched {
    /// After a write that could not proceed: whether it has been stuck too long.
    fn stalled(&mut self, cx: &mut Context<'_>) -> bool {
        let sleep = self.stall.get_or_insert_with(|| Box::pin(tokio::time::sleep(WRITE_STALL)));
        sleep.as_mut().poll(cx).is_ready()
    }

    fn written<T>(&mut self, cx: &mut Context<'_>, polled: Poll<std::io::Result<T>>) -> Poll<std::io::Result<T>> {
        match polled {
            Poll::Pending => {
                self.tracker.blocked();
                if self.stalled(cx) {
                    return Poll::Ready(Err(std::io::Error::new(
                        std::io::ErrorKind::TimedOut,
                        "the client stopped reading",
                    )));
                }
                Poll::Pending
            }
            ready => {
                if self.stall.take().is_some() {
                    self.tracker.unblocked();
                }
                ready
            }
        }
    }
}

impl AsyncRead for Watched {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Watched {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.stream).poll_write(cx, buf);
        self.written(cx, polled)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.stream).poll_write_vectored(cx, bufs);
        self.written(cx, polled)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let polled = Pin::new(&mut self.stream).poll_flush(cx);
        self.written(cx, polled)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}
