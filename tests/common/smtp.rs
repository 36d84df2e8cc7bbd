//! A real SMTP server for tests, on a loopback port: it speaks the subset of RFC 5321 that
//! lettre's `SmtpTransport` uses (plain SMTP, no TLS, no AUTH), records every message it
//! accepts, and can be told to refuse, to answer slowly, or to go away for an outage.
//!
//! Only what a test needs of MIME is read back: a header, with its RFC 2047 encoded-words
//! decoded, and the text of the body, with its transfer encoding undone. Text is taken to be
//! UTF-8, the only charset lettre writes.
//!
//! Include it through `common::smtp`, or alone with `#[path = "common/smtp.rs"] mod smtp;`.
#![allow(dead_code)]

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::{oneshot, watch};
use tokio::task::{JoinHandle, JoinSet};

/// The name the server gives in its greeting and as the first word of its EHLO reply.
const SERVER_NAME: &str = "redraft-test-smtp";

/// How the server answers. It can be changed at any time and applies from the next command,
/// on open connections too, since lettre may keep connections in a pool.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Accepts every message.
    #[default]
    Accept,
    /// Answers `451 4.3.0 try again later` to `MAIL FROM`: a temporary failure, to retry.
    RefuseTransient,
    /// Answers `550 5.1.1 mailbox unavailable` to every `RCPT TO`: a permanent failure.
    RefusePermanent,
    /// Accepts every message, but waits this long before each reply, the greeting included.
    Slow(Duration),
}

/// One message the server accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Received {
    /// The envelope sender of `MAIL FROM`, without its angle brackets (empty for `<>`).
    pub from: String,
    /// The envelope recipients of `RCPT TO`, in order, without their angle brackets.
    pub to: Vec<String>,
    /// The message as sent after `DATA`, headers and body, with dot-stuffing undone: every
    /// line ends in CRLF, the last one included (it is the CRLF of the closing `CRLF.CRLF`).
    pub data: String,
}

/// An SMTP server on `127.0.0.1`. Dropping it stops it too, a moment later; `stop` is for
/// an outage that must have begun when it returns.
pub struct SmtpServer {
    port: u16,
    shared: Arc<Shared>,
    /// `None` once stopped.
    listening: Option<Listening>,
}

/// What outlives a restart, shared with every connection.
struct Shared {
    mode: Mutex<Mode>,
    /// The messages in order of arrival, in a watch channel so that waiting for the next one
    /// needs no polling.
    messages: watch::Sender<Vec<Received>>,
    next_queue_id: AtomicU64,
    /// Connections accepted so far, restarts included.
    conversations: AtomicU64,
    /// The recipients refused for good (`RefusePermanent`), once per refused `RCPT TO`.
    refused: Mutex<Vec<String>>,
}

/// The accept task and the way to end it.
struct Listening {
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl SmtpServer {
    /// Starts a server on a free port. Call from a multi-threaded tokio test.
    pub async fn start() -> SmtpServer {
        SmtpServer::start_on(0).await
    }

    /// Starts a server with no messages on this port (0 picks a free one), for instance one
    /// that a stopped server had; panics if the port is taken.
    pub async fn start_on(port: u16) -> SmtpServer {
        let shared = Arc::new(Shared {
            mode: Mutex::new(Mode::Accept),
            messages: watch::Sender::new(Vec::new()),
            next_queue_id: AtomicU64::new(1),
            conversations: AtomicU64::new(0),
            refused: Mutex::new(Vec::new()),
        });
        SmtpServer::listen(port, shared)
    }

    /// Stops listening and closes the open connections, so that from its return the port
    /// refuses connections until `restart`. The messages stay readable. Stopping a stopped
    /// server does nothing.
    pub async fn stop(&mut self) {
        if let Some(Listening { stop, task }) = self.listening.take() {
            // The accept task may already have ended if it panicked; `task` says so below.
            let _ = stop.send(());
            task.await.expect("the SMTP server's accept task panicked");
        }
    }

    /// Stops the server if it runs, and starts it again on the same port with the same mode
    /// and the messages received so far: the end of an outage.
    pub async fn restart(mut self) -> SmtpServer {
        self.stop().await;
        SmtpServer::listen(self.port, self.shared)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The URL lettre's `SmtpTransport::from_url` takes: plain SMTP, no TLS.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn set_mode(&self, mode: Mode) {
        *self.shared.mode.lock().unwrap_or_else(PoisonError::into_inner) = mode;
    }

    pub fn mode(&self) -> Mode {
        self.shared.mode()
    }

    /// Every message accepted so far, in order of arrival.
    pub fn messages(&self) -> Vec<Received> {
        self.shared.messages.borrow().clone()
    }

    /// How many connections the server has accepted: a client that connected has begun an
    /// exchange, which a slow server is still drawing out while no message has arrived.
    pub fn conversations(&self) -> u64 {
        self.shared.conversations.load(Ordering::SeqCst)
    }

    /// Each `RCPT TO` refused for good, in order: the address, once per attempt, to count
    /// how often a client tried again.
    pub fn refused(&self) -> Vec<String> {
        self.shared.refused.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Waits until at least `count` messages have arrived in all, and returns them all;
    /// panics, listing those that did arrive, if that takes longer than `timeout`.
    pub async fn wait_for(&self, count: usize, timeout: Duration) -> Vec<Received> {
        let mut arrivals = self.shared.messages.subscribe();
        let arrived = tokio::time::timeout(timeout, arrivals.wait_for(|messages| messages.len() >= count)).await;
        match arrived {
            Ok(messages) => messages.expect("the message list lives as long as the server").clone(),
            Err(_) => {
                let messages = self.messages();
                panic!(
                    "expected at least {count} email(s) within {timeout:?}, {} arrived{}",
                    messages.len(),
                    describe(&messages)
                );
            }
        }
    }

    /// Waits until no message has arrived for `quiet`, and returns all the messages: for
    /// checking that nothing more (a duplicate, a retry) comes.
    pub async fn settle(&self, quiet: Duration) -> Vec<Received> {
        // `subscribe` counts the current list as seen, so `changed` waits for a new message.
        let mut arrivals = self.shared.messages.subscribe();
        while let Ok(changed) = tokio::time::timeout(quiet, arrivals.changed()).await {
            changed.expect("the message list lives as long as the server");
        }
        self.messages()
    }

    fn listen(port: u16, shared: Arc<Shared>) -> SmtpServer {
        let listener = bind(port).unwrap_or_else(|error| panic!("cannot listen for SMTP on 127.0.0.1:{port}: {error}"));
        let port = listener.local_addr().expect("the listener's address").port();
        let (stop, stopped) = oneshot::channel();
        let task = tokio::spawn(accept_connections(listener, stopped, shared.clone()));
        SmtpServer { port, shared, listening: Some(Listening { stop, task }) }
    }
}

impl Shared {
    fn mode(&self) -> Mode {
        *self.mode.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn bind(port: u16) -> io::Result<TcpListener> {
    let socket = TcpSocket::new_v4()?;
    // The connections of a server stopped a moment ago wait in TIME_WAIT on its port; without
    // SO_REUSEADDR, coming back on that port would fail with "address in use".
    socket.set_reuseaddr(true)?;
    socket.bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))?;
    socket.listen(64)
}

/// Accepts connections, one task each, until told to stop or its `SmtpServer` is dropped;
/// then closes the listener and every connection before returning.
async fn accept_connections(listener: TcpListener, mut stop: oneshot::Receiver<()>, shared: Arc<Shared>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            // A dropped sender ends the server as well as a sent stop.
            _ = &mut stop => break,
            accepted = listener.accept() => {
                // A failed accept (a connection reset before it was taken) concerns only it.
                if let Ok((stream, _)) = accepted {
                    shared.conversations.fetch_add(1, Ordering::SeqCst);
                    connections.spawn(converse(stream, shared.clone()));
                }
            }
            // Reaps ended connections, so that the set does not grow during a long test.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener);
    connections.shutdown().await;
}

/// One SMTP conversation, from the greeting until QUIT or the client hangs up.
async fn converse(stream: TcpStream, shared: Arc<Shared>) {
    let (reader, writer) = stream.into_split();
    let mut session =
        Session { lines: BufReader::new(reader), replies: writer, shared, sender: None, recipients: Vec::new() };
    // An I/O error means the client went away: there is nothing to record and nobody to tell.
    let _ = session.run().await;
}

/// One connection and its mail transaction under way.
struct Session {
    lines: BufReader<OwnedReadHalf>,
    replies: OwnedWriteHalf,
    shared: Arc<Shared>,
    /// The reverse-path of `MAIL FROM`, from that command until the message is accepted or the
    /// transaction reset.
    sender: Option<String>,
    recipients: Vec<String>,
}

impl Session {
    async fn run(&mut self) -> io::Result<()> {
        self.reply(&format!("220 {SERVER_NAME} ESMTP ready")).await?;
        while let Some(line) = self.read_line().await? {
            let (verb, argument) = line.split_once(' ').unwrap_or((line.as_str(), ""));
            let argument = argument.trim();
            match verb.to_ascii_uppercase().as_str() {
                "EHLO" | "HELO" if argument.is_empty() => self.reply("501 5.5.4 A domain is required").await?,
                "EHLO" => {
                    self.reset();
                    // The first word is the server's name for lettre; each line after it is an
                    // extension. lettre refuses to send a message with 8-bit text (an 8bit body)
                    // without 8BITMIME, or a non-ASCII address without SMTPUTF8.
                    self.reply(&format!("250-{SERVER_NAME} greets {argument}\r\n250-8BITMIME\r\n250 SMTPUTF8")).await?;
                }
                "HELO" => {
                    self.reset();
                    self.reply(&format!("250 {SERVER_NAME} greets {argument}")).await?;
                }
                "MAIL" => self.mail(argument).await?,
                "RCPT" => self.rcpt(argument).await?,
                "DATA" => self.data().await?,
                "RSET" => {
                    self.reset();
                    self.reply("250 2.0.0 Ok").await?;
                }
                "NOOP" => self.reply("250 2.0.0 Ok").await?,
                "QUIT" => {
                    self.reply("221 2.0.0 Bye").await?;
                    return Ok(());
                }
                _ => self.reply("502 5.5.1 Command not implemented").await?,
            }
        }
        Ok(())
    }

    async fn mail(&mut self, argument: &str) -> io::Result<()> {
        let Some(sender) = path_argument(argument, "FROM:") else {
            return self.reply("501 5.5.4 Syntax: MAIL FROM:<address>").await;
        };
        if self.sender.is_some() {
            return self.reply("503 5.5.1 Sender already given").await;
        }
        if self.shared.mode() == Mode::RefuseTransient {
            return self.reply("451 4.3.0 try again later").await;
        }
        self.sender = Some(sender);
        self.reply("250 2.1.0 Ok").await
    }

    async fn rcpt(&mut self, argument: &str) -> io::Result<()> {
        let Some(recipient) = path_argument(argument, "TO:") else {
            return self.reply("501 5.5.4 Syntax: RCPT TO:<address>").await;
        };
        if self.sender.is_none() {
            return self.reply("503 5.5.1 MAIL first").await;
        }
        if self.shared.mode() == Mode::RefusePermanent {
            self.shared.refused.lock().unwrap_or_else(PoisonError::into_inner).push(recipient);
            return self.reply("550 5.1.1 mailbox unavailable").await;
        }
        self.recipients.push(recipient);
        self.reply("250 2.1.5 Ok").await
    }

    async fn data(&mut self) -> io::Result<()> {
        if self.sender.is_none() || self.recipients.is_empty() {
            return self.reply("503 5.5.1 RCPT first").await;
        }
        self.reply("354 End data with <CR><LF>.<CR><LF>").await?;
        let mut data = String::new();
        loop {
            // A client that hangs up before the final dot has sent no message.
            let Some(line) = self.read_line().await? else { return Ok(()) };
            if line == "." {
                break;
            }
            // The client doubled each dot that began a line, so that no line of text reads
            // as the end of the data.
            data.push_str(line.strip_prefix('.').unwrap_or(&line));
            data.push_str("\r\n");
        }
        // The message counts from its 250, which a slow server sends late: recorded after the
        // wait, it is not there yet for a test that looks during the wait.
        self.wait_if_slow().await;
        let queue_id = self.shared.next_queue_id.fetch_add(1, Ordering::Relaxed);
        let message =
            Received { from: self.sender.take().unwrap_or_default(), to: std::mem::take(&mut self.recipients), data };
        self.shared.messages.send_modify(|messages| messages.push(message));
        self.write_reply(&format!("250 2.0.0 Ok: queued as {queue_id:08X}")).await
    }

    fn reset(&mut self) {
        self.sender = None;
        self.recipients.clear();
    }

    /// The next line without its CRLF (a bare LF ends a line too), or `None` once the client
    /// has hung up.
    async fn read_line(&mut self) -> io::Result<Option<String>> {
        let mut bytes = Vec::new();
        if self.lines.read_until(b'\n', &mut bytes).await? == 0 {
            return Ok(None);
        }
        if bytes.ends_with(b"\n") {
            bytes.pop();
            if bytes.ends_with(b"\r") {
                bytes.pop();
            }
        }
        Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
    }

    /// Sends a reply, its lines separated by CRLF, after the wait of the slow mode.
    async fn reply(&mut self, reply: &str) -> io::Result<()> {
        self.wait_if_slow().await;
        self.write_reply(reply).await
    }

    async fn write_reply(&mut self, reply: &str) -> io::Result<()> {
        self.replies.write_all(format!("{reply}\r\n").as_bytes()).await
    }

    async fn wait_if_slow(&self) {
        if let Mode::Slow(delay) = self.shared.mode() {
            tokio::time::sleep(delay).await;
        }
    }
}

/// The address in `FROM:<address> PARAMETERS` or `TO:<address>`, without its brackets. The
/// parameters lettre may add (`BODY=8BITMIME`, `SMTPUTF8`) change nothing here.
fn path_argument(argument: &str, keyword: &str) -> Option<String> {
    if !argument.get(..keyword.len())?.eq_ignore_ascii_case(keyword) {
        return None;
    }
    let path = argument[keyword.len()..].trim_start().strip_prefix('<')?;
    let (address, _parameters) = path.split_once('>')?;
    Some(address.to_owned())
}

fn describe(messages: &[Received]) -> String {
    messages
        .iter()
        .map(|message| format!("\n  from <{}> to {:?}: {:?}", message.from, message.to, message.subject()))
        .collect()
}

impl Received {
    /// The first header of this name (in any case), unfolded, with its encoded-words decoded.
    pub fn header(&self, name: &str) -> Option<String> {
        Entity::parse(&self.data).header(name).map(|value| decode_encoded_words(&value))
    }

    /// The decoded subject, empty if there is none.
    pub fn subject(&self) -> String {
        self.header("Subject").unwrap_or_default()
    }

    /// The text of a text/plain message, or of the first text/plain part of a multipart one,
    /// decoded, with LF line breaks and no trailing line break (how many there are depends on
    /// the transfer encoding and on the client). Panics if there is no text/plain text.
    pub fn body_text(&self) -> String {
        let text = Entity::parse(&self.data)
            .plain_text()
            .unwrap_or_else(|| panic!("no text/plain text in this message:\n{}", self.data));
        text.replace("\r\n", "\n").trim_end_matches('\n').to_owned()
    }
}

/// A message, or one part of a multipart message: its headers, unfolded, and its raw body.
struct Entity<'a> {
    headers: Vec<(&'a str, String)>,
    body: &'a str,
}

impl<'a> Entity<'a> {
    fn parse(text: &'a str) -> Entity<'a> {
        let mut headers: Vec<(&str, String)> = Vec::new();
        let mut rest = text;
        loop {
            let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
            let line = line.strip_suffix('\r').unwrap_or(line);
            // The headers end at the first empty line, or with the text.
            if line.is_empty() {
                return Entity { headers, body: after };
            }
            rest = after;
            if line.starts_with([' ', '\t']) {
                // A folded line goes on with the header above; unfolding removes the line
                // break only, not the whitespace (RFC 5322, 2.2.3).
                if let Some((_, value)) = headers.last_mut() {
                    value.push_str(line);
                }
            } else if let Some((name, value)) = line.split_once(':') {
                headers.push((name.trim(), value.to_owned()));
            }
        }
    }

    fn header(&self, name: &str) -> Option<String> {
        self.headers.iter().find(|(each, _)| each.eq_ignore_ascii_case(name)).map(|(_, value)| value.trim().to_owned())
    }

    fn plain_text(&self) -> Option<String> {
        // Without a Content-Type, a message is US-ASCII plain text (RFC 2045, 5.2).
        let content_type = self.header("Content-Type").unwrap_or_else(|| "text/plain".to_owned());
        let media_type = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        if media_type.starts_with("multipart/") {
            let boundary = parameter(&content_type, "boundary")?;
            multipart_parts(self.body, &boundary).iter().find_map(|part| Entity::parse(part).plain_text())
        } else if media_type == "text/plain" {
            Some(self.decoded_body())
        } else {
            None
        }
    }

    fn decoded_body(&self) -> String {
        let encoding = self.header("Content-Transfer-Encoding").unwrap_or_default().to_ascii_lowercase();
        let bytes = match encoding.as_str() {
            "base64" => decode_base64(self.body),
            "quoted-printable" => decode_quoted_printable(self.body),
            // 7bit, 8bit, binary, or none said: the body is the text.
            _ => self.body.as_bytes().to_vec(),
        };
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

/// The value of a `name=value` or `name="value"` parameter of a header such as Content-Type.
fn parameter(header: &str, name: &str) -> Option<String> {
    header.split(';').skip(1).find_map(|each| {
        let (key, value) = each.split_once('=')?;
        key.trim().eq_ignore_ascii_case(name).then(|| value.trim().trim_matches('"').to_owned())
    })
}

/// The parts of a multipart body: what lies between its `--boundary` lines, without the
/// preamble before the first one nor the epilogue after the closing `--boundary--`. The line
/// break before each boundary line belongs to the boundary (RFC 2046, 5.1.1).
fn multipart_parts(body: &str, boundary: &str) -> Vec<String> {
    let delimiter = format!("--{boundary}");
    let mut parts = Vec::new();
    let mut part: Option<Vec<&str>> = None;
    for line in body.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if let Some(after) = line.strip_prefix(delimiter.as_str()) {
            let after = after.trim_end();
            if after.is_empty() || after == "--" {
                if let Some(lines) = part.take() {
                    parts.push(lines.join("\r\n"));
                }
                if after == "--" {
                    break;
                }
                part = Some(Vec::new());
                continue;
            }
        }
        if let Some(lines) = part.as_mut() {
            lines.push(line);
        }
    }
    parts
}

/// Decodes the RFC 2047 encoded-words (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`) of a header. The
/// whitespace between two adjacent words is dropped, as the RFC says (it is where a long
/// header was folded), and their bytes are read as UTF-8 together, since an encoder may cut
/// a character between two words.
fn decode_encoded_words(value: &str) -> String {
    fn flush(decoded: &mut String, pending: &mut Vec<u8>) {
        decoded.push_str(&String::from_utf8_lossy(pending));
        pending.clear();
    }
    let mut decoded = String::new();
    // The bytes of the run of adjacent encoded-words under way.
    let mut pending = Vec::new();
    let mut rest = value;
    while let Some(start) = rest.find("=?") {
        let before = &rest[..start];
        match encoded_word(&rest[start..]) {
            Some((bytes, after)) => {
                if pending.is_empty() || !before.trim_matches([' ', '\t']).is_empty() {
                    flush(&mut decoded, &mut pending);
                    decoded.push_str(before);
                }
                pending.extend(bytes);
                rest = after;
            }
            None => {
                flush(&mut decoded, &mut pending);
                decoded.push_str(&rest[..start + 2]);
                rest = &rest[start + 2..];
            }
        }
    }
    flush(&mut decoded, &mut pending);
    decoded.push_str(rest);
    decoded
}

/// The bytes of the encoded-word that `text` begins with, and the text after it.
fn encoded_word(text: &str) -> Option<(Vec<u8>, &str)> {
    let inner = text.strip_prefix("=?")?;
    let (_charset, inner) = inner.split_once('?')?;
    let (encoding, inner) = inner.split_once('?')?;
    let (encoded, after) = inner.split_once("?=")?;
    // An encoded-word holds no whitespace: "=?" followed by a space is plain text.
    if text[..text.len() - after.len()].contains(char::is_whitespace) {
        return None;
    }
    let bytes = match encoding {
        "B" | "b" => decode_base64(encoded),
        "Q" | "q" => {
            let mut bytes = Vec::new();
            push_unescaped(encoded, Underscore::IsSpace, &mut bytes);
            bytes
        }
        _ => return None,
    };
    Some((bytes, after))
}

/// Base64 (RFC 4648) as MIME writes it: line breaks and other stray characters are skipped,
/// and the padding ends the data.
fn decode_base64(text: &str) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(text.len() / 4 * 3);
    let mut bits: u32 = 0;
    let mut bit_count = 0;
    for character in text.bytes() {
        let value = match character {
            b'A'..=b'Z' => character - b'A',
            b'a'..=b'z' => character - b'a' + 26,
            b'0'..=b'9' => character - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            _ => continue,
        };
        bits = (bits << 6) | u32::from(value);
        bit_count += 6;
        if bit_count >= 8 {
            bit_count -= 8;
            bytes.push((bits >> bit_count) as u8);
            bits &= (1 << bit_count) - 1;
        }
    }
    bytes
}

/// Quoted-printable (RFC 2045, 6.7): `=XX` is a byte, `=` at the end of a line joins it to
/// the next, and whitespace at the end of a line was added on the way, not by the encoder.
fn decode_quoted_printable(text: &str) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        let line = line.strip_suffix('\r').unwrap_or(line).trim_end_matches([' ', '\t']);
        let (line, soft_break) = match line.strip_suffix('=') {
            Some(line) => (line, true),
            None => (line, false),
        };
        push_unescaped(line, Underscore::AsIs, &mut bytes);
        if !soft_break && lines.peek().is_some() {
            bytes.extend_from_slice(b"\r\n");
        }
    }
    bytes
}

/// Whether `_` stands for a space: in a Q encoded-word it does, in a quoted-printable body not.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Underscore {
    IsSpace,
    AsIs,
}

/// Appends `text` with its `=XX` escapes undone; an `=` not followed by two hexadecimal
/// digits is kept as it is.
fn push_unescaped(text: &str, underscore: Underscore, bytes: &mut Vec<u8>) {
    let raw = text.as_bytes();
    let mut index = 0;
    while index < raw.len() {
        match raw[index] {
            b'=' => {
                if let Some(byte) = raw.get(index + 1..index + 3).and_then(hex_byte) {
                    bytes.push(byte);
                    index += 3;
                    continue;
                }
                bytes.push(b'=');
            }
            b'_' if underscore == Underscore::IsSpace => bytes.push(b' '),
            other => bytes.push(other),
        }
        index += 1;
    }
}

fn hex_byte(digits: &[u8]) -> Option<u8> {
    let digit = |digit: u8| char::from(digit).to_digit(16);
    Some((digit(digits[0])? * 16 + digit(digits[1])?) as u8)
}
