//! The notifier's two background threads: one runs the rounds that turn what happened into
//! notifications and queued emails (`actions::notifications::notify_round`), the other
//! sends the queued emails over SMTP with `lettre`, trying each again later when the
//! server is down, slow or refuses, until it is sent or given up.
//!
//! Exactly once: an email is marked sent in the database as soon as the SMTP server has
//! accepted it, and only then; a restart picks up the queue where it was. Two gaps are
//! left, where the email goes again with the same Message-ID (which lets mail software drop
//! the copy): a crash between the server's acceptance and that mark, and a connection lost
//! (or timed out) after the message was sent but before the server's answer arrived.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message};
use lettre::{SmtpTransport, Transport};

use crate::actions::notifications::{self, RoundSettings, Unsubscribe};
use crate::actions::{ActionError, ActionResult, Site};
use crate::domain::notification::{Channel, MAX_ATTEMPTS, retry_delay};
use crate::i18n::Lang;
use crate::store::{self, QueuedEmail};
use crate::views::notifications::{EmailLinks, email};

/// Notifications gathered in one digest email at most (the rest are counted and linked).
const DIGEST_ITEMS: u32 = 50;

/// The pause between two rounds of the notifier when the first left work.
const BUSY_PAUSE: Duration = Duration::from_millis(2);

/// Emails taken from the queue at a time.
const SENDING_BATCH: u32 = 50;

/// How notifications reach members, besides the app.
#[derive(Clone, Debug)]
pub struct MailConfig {
    /// `smtp://host:port`, `smtp://user:password@host:587?tls=required` (STARTTLS) or
    /// `smtps://host:465`; `None`: no email, notifications stay in the app.
    pub smtp_url: Option<String>,
    /// The sender of every email.
    pub from: String,
    /// The site's public address, which emails link to (no final slash).
    pub base_url: String,
    /// The wait after a first failed attempt; it doubles with each failure.
    pub first_retry: Duration,
    /// How long a digest member's first notification waits for its digest.
    pub digest_every: Duration,
    /// How often the notifier looks for what happened, when nothing did.
    pub poll: Duration,
    /// The longest one SMTP exchange may take.
    pub smtp_timeout: Duration,
}

impl Default for MailConfig {
    fn default() -> Self {
        MailConfig {
            smtp_url: None,
            from: "Redraft <redraft@localhost>".to_owned(),
            base_url: "http://127.0.0.1:8080".to_owned(),
            first_retry: Duration::from_secs(60),
            digest_every: Duration::from_secs(24 * 3600),
            poll: Duration::from_millis(500),
            smtp_timeout: Duration::from_secs(30),
        }
    }
}

/// Refusals of a configuration, before anything starts.
#[derive(Debug, thiserror::Error)]
pub enum MailConfigError {
    #[error("--smtp-url: {0}")]
    Url(String),
    #[error("--mail-from: {0}")]
    From(String),
    #[error("--base-url must start with http:// or https://")]
    BaseUrl,
}

/// The running notifier; stops its threads when dropped.
pub struct Notifier {
    stop: Arc<Stop>,
    threads: Vec<JoinHandle<()>>,
}

#[derive(Default)]
struct Stop {
    stopped: AtomicBool,
    lock: Mutex<()>,
    wake: Condvar,
}

impl Stop {
    /// Waits `duration`, or less when stopped; false once stopped.
    fn sleep(&self, duration: Duration) -> bool {
        let guard = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        if self.stopped.load(Ordering::SeqCst) {
            return false;
        }
        let _ = self.wake.wait_timeout(guard, duration).unwrap_or_else(PoisonError::into_inner);
        !self.stopped.load(Ordering::SeqCst)
    }

    fn stop(&self) {
        let _guard = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        self.stopped.store(true, Ordering::SeqCst);
        self.wake.notify_all();
    }
}

impl Notifier {
    /// Starts the notifier for `site`: the rounds always, the sender when an SMTP server
    /// is configured. Errors: a configuration that cannot work.
    pub fn start(site: Arc<Site>, config: MailConfig) -> Result<Notifier, MailConfigError> {
        let sender = match &config.smtp_url {
            Some(url) => Some(Sender::new(url, &config)?),
            None => None,
        };
        if !(config.base_url.starts_with("http://") || config.base_url.starts_with("https://")) {
            return Err(MailConfigError::BaseUrl);
        }
        site.emailing.store(sender.is_some(), Ordering::SeqCst);
        let stop = Arc::new(Stop::default());
        let mut threads = Vec::new();
        let settings = RoundSettings {
            emailing: sender.is_some(),
            digest_every: i64::try_from(config.digest_every.as_secs()).unwrap_or(i64::MAX),
        };
        {
            let (site, stop, poll) = (Arc::clone(&site), Arc::clone(&stop), config.poll);
            threads.push(spawn("notifier", move || run_rounds(&site, settings, poll, &stop)));
        }
        if let Some(sender) = sender {
            let (site, stop) = (Arc::clone(&site), Arc::clone(&stop));
            threads.push(spawn("mailer", move || sender.run(&site, &stop)));
        }
        Ok(Notifier { stop, threads })
    }

    /// Stops the threads and waits for them (an SMTP exchange under way finishes first).
    pub fn stop(mut self) {
        self.stop_and_join();
    }

    fn stop_and_join(&mut self) {
        self.stop.stop();
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

impl Drop for Notifier {
    fn drop(&mut self) {
        self.stop_and_join();
    }
}

fn spawn(name: &str, work: impl FnOnce() + Send + 'static) -> JoinHandle<()> {
    // ok: spawning fails only when the system has no threads left, at start-up.
    std::thread::Builder::new().name(name.to_owned()).spawn(work).unwrap_or_else(|error| panic!("{error}"))
}

fn run_rounds(site: &Site, settings: RoundSettings, poll: Duration, stop: &Stop) {
    loop {
        let busy = match notifications::notify_round(site, settings, store::now()) {
            Ok(done) => done > 0,
            Err(error) => {
                tracing::error!("notifications: a round failed: {error}");
                false
            }
        };
        // A busy round may have left more: the next starts almost at once, the pause
        // letting the use cases waiting for the writer go first.
        if !stop.sleep(if busy { BUSY_PAUSE } else { poll }) {
            return;
        }
    }
}

struct Sender {
    transport: SmtpTransport,
    from: Mailbox,
    base_url: String,
    host: String,
    first_retry: Duration,
    poll: Duration,
}

impl Sender {
    fn new(url: &str, config: &MailConfig) -> Result<Sender, MailConfigError> {
        let transport = SmtpTransport::from_url(url)
            .map_err(|error| MailConfigError::Url(error.to_string()))?
            .timeout(Some(config.smtp_timeout))
            .build();
        let from: Mailbox = config
            .from
            .parse()
            .map_err(|error: lettre::address::AddressError| MailConfigError::From(error.to_string()))?;
        let base_url = config.base_url.trim_end_matches('/').to_owned();
        let host = from.email.domain().to_owned();
        Ok(Sender { transport, from, base_url, host, first_retry: config.first_retry, poll: config.poll })
    }

    fn run(&self, site: &Site, stop: &Stop) {
        // Consecutive rounds that failed to reach the server: each waits longer.
        let mut outage = 0u32;
        loop {
            let wait = match self.send_due(site, stop) {
                Ok(Progress::Idle) => {
                    outage = 0;
                    self.poll
                }
                Ok(Progress::Sent) => {
                    outage = 0;
                    Duration::ZERO
                }
                Ok(Progress::Unreachable) => {
                    outage += 1;
                    retry_delay(outage, self.poll).min(self.first_retry)
                }
                Err(error) => {
                    tracing::error!("email: reading the queue failed: {error}");
                    self.poll
                }
            };
            if !stop.sleep(wait) {
                return;
            }
        }
    }

    /// Sends what is due; stops at the first email that failed for a reason that is the
    /// server's rather than the email's (down, unreachable, refusing our credentials).
    fn send_due(&self, site: &Site, stop: &Stop) -> ActionResult<Progress> {
        let due = site.store.read(|tx| Ok::<_, ActionError>(store::due_emails(tx, store::now(), SENDING_BATCH)?))?;
        if due.is_empty() {
            return Ok(Progress::Idle);
        }
        for queued in &due {
            if stop.stopped.load(Ordering::SeqCst) {
                break;
            }
            let message = match self.compose(site, queued) {
                Ok(Some(message)) => message,
                // Nothing to send any more (no address, a closed account, switched off).
                Ok(None) => {
                    self.record_failure(site, queued, "nothing to send", None, false)?;
                    continue;
                }
                // An email that cannot be written is given up, not retried before the others.
                Err(error) => {
                    tracing::error!("email {}: {error}", queued.id);
                    self.record_failure(site, queued, &error.to_string(), None, true)?;
                    continue;
                }
            };
            let error = match self.transport.send(&message) {
                Ok(_) => {
                    site.store
                        .write(|tx| Ok::<_, ActionError>(store::mark_email_sent(tx, queued.id, store::now())?))?;
                    continue;
                }
                Err(error) => error,
            };
            let fault = Fault::of(&error);
            tracing::warn!("email {} to member {}: {error}", queued.id, queued.user_id);
            // Failures that are the email's own count towards giving it up; the server's do
            // not: an outage of days loses nothing.
            let counted = fault == Fault::Email;
            let attempts = queued.attempts + u32::from(counted);
            let retry_at = (attempts < MAX_ATTEMPTS).then(|| {
                store::now()
                    + i64::try_from(retry_delay(attempts.max(1), self.first_retry).as_secs()).unwrap_or(i64::MAX / 2)
            });
            self.record_failure(site, queued, &error.to_string(), retry_at, counted)?;
            if fault == Fault::Server {
                return Ok(Progress::Unreachable);
            }
        }
        Ok(Progress::Sent)
    }

    fn record_failure(
        &self,
        site: &Site,
        queued: &QueuedEmail,
        why: &str,
        retry_at: Option<i64>,
        counted: bool,
    ) -> ActionResult<()> {
        site.store.write(|tx| {
            Ok::<_, ActionError>(store::mark_email_failed(tx, queued.id, why, retry_at, counted, store::now())?)
        })
    }

    /// The email as it goes out now: to the member's current address, in their language,
    /// with what they still want by email; `None` when there is nothing to send (no
    /// address, a closed account, every email or this kind switched off since).
    fn compose(&self, site: &Site, queued: &QueuedEmail) -> ActionResult<Option<Message>> {
        let found = site.store.read(|tx| {
            let Some(recipient) = store::recipient(tx, queued.user_id)? else { return Ok::<_, ActionError>(None) };
            let (records, total) = match queued.notification_id {
                Some(id) => (store::notification(tx, id)?.into_iter().collect::<Vec<_>>(), 1),
                None => {
                    (store::digest_contents(tx, queued.id, DIGEST_ITEMS)?, store::count_digest_contents(tx, queued.id)?)
                }
            };
            Ok(Some((recipient, records, total)))
        })?;
        let Some((recipient, mut records, mut total)) = found else { return Ok(None) };
        if recipient.email_off {
            return Ok(None);
        }
        let Some(address) = recipient.email.as_deref().and_then(|email| email.parse().ok()) else { return Ok(None) };
        let before = records.len();
        records.retain(|record| recipient.switches.allows(record.kind, Channel::Email));
        total = total.saturating_sub((before - records.len()) as u32);
        if records.is_empty() {
            return Ok(None);
        }
        let lang = Lang::from_code(&recipient.language).unwrap_or(Lang::FR);
        let unsubscribe_kind = match (queued.notification_id, records.first()) {
            (Some(_), Some(record)) => Some(self.absolute(&notifications::unsubscribe_link(
                site,
                recipient.id,
                Unsubscribe::Kind(record.kind),
            )?)),
            _ => None,
        };
        let unsubscribe_all = self.absolute(&notifications::unsubscribe_link(site, recipient.id, Unsubscribe::All)?);
        let links = EmailLinks { base: &self.base_url, unsubscribe_kind, unsubscribe_all };
        let (subject, body) = email(lang, &recipient.name, &records, total, &links);
        let one_click = links.unsubscribe_kind.as_deref().unwrap_or(&links.unsubscribe_all);
        let message = Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(Some(recipient.name.clone()), address))
            .subject(subject)
            // The same for each attempt: a copy sent again is recognisable.
            .message_id(Some(format!("<redraft.{}.{}@{}>", queued.id, queued.user_id, self.host)))
            .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("List-Unsubscribe"), format!("<{one_click}>")))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_owned(),
            ))
            .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("Auto-Submitted"), "auto-generated".to_owned()))
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|error| ActionError::Internal(format!("composing email {}: {error}", queued.id)))?;
        Ok(Some(message))
    }

    fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }
}

/// Whose fault a failed sending is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fault {
    /// The server's or the connection's: down, unreachable, too slow, shutting down (421),
    /// refusing our credentials or our TLS (454, 530, 534, 535, 538), or an answer that
    /// could not be read. Every email would fail alike: wait, then try again.
    Server,
    /// This email's: its recipient or content refused, for now (4xx) or for good (5xx).
    Email,
}

impl Fault {
    fn of(error: &lettre::transport::smtp::Error) -> Fault {
        match error.status().map(u16::from) {
            None => Fault::Server,
            Some(421 | 454 | 530 | 534 | 535 | 538) => Fault::Server,
            Some(_) => Fault::Email,
        }
    }
}

enum Progress {
    /// Nothing was due.
    Idle,
    /// Went through what was due (some may have failed on their own account).
    Sent,
    /// The server could not be reached or did not answer: wait before trying again.
    Unreachable,
}
