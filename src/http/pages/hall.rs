//! The congress hall: the live page of a text and the server-sent events that keep it up to
//! date. Every follower of a text listens on the one broadcast channel of
//! [`crate::actions::hall`]; the parts an event carries are rendered once per state of the
//! text and shared by all followers, so a thousand screens cost one render and a thousand
//! small writes per change.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::CACHE_CONTROL;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream;
use serde::Deserialize;
use tokio::sync::broadcast::error::RecvError;

use super::*;
use crate::actions::hall::{self, Announcement, LiveView};
use crate::domain::Phase;
use crate::http::fragments::{Fragments, html_with_parts};

/// The congress hall's page of a text: 404 where the visitor may not read it.
pub async fn live_page(State(state): State<AppState>, ctx: PageCtx, PagePath(slug): PagePath<String>) -> PageResult {
    let (fragments, request) = (Arc::clone(&state.fragments), ctx.clone());
    let (shell, decisions, text) = state
        .run(move |site| {
            let view = hall::live_view(site, request.user.as_ref(), &slug)?;
            let (decisions, text) = parts(&fragments, request.lang, &view);
            // The parts (the whole text among them) are streamed from the cache, not copied
            // into each reader's page.
            Ok::<_, ActionError>((views::hall::live_page(&request.frame(), &view, marker(), marker()), decisions, text))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(html_with_parts(shell, &[decisions, text]))
}

/// The two parts an event carries, rendered once per state of the text.
fn parts(fragments: &Fragments, lang: Lang, view: &LiveView) -> (Bytes, Bytes) {
    let text = &view.text;
    let rendered = |markup: maud::Markup| Ok::<_, Infallible>(markup.into_string().into_bytes());
    let key = decisions_key(text.id, text.head, text.amendments_version, text.phase, lang);
    let decisions = fragments.bytes(key, || rendered(views::hall::live_decisions(lang, view)));
    let lines = fragments.bytes(text_key(text.id, text.head, lang), || rendered(views::hall::live_text(lang, view)));
    match (decisions, lines) {
        (Ok(decisions), Ok(lines)) => (decisions, lines),
    }
}

fn decisions_key(text: i64, head: u32, amendments_version: i64, phase: Phase, lang: Lang) -> FragmentKey {
    FragmentKey::LiveDecisions { text, amendments_version, head, phase: phase.as_str(), lang }
}

fn text_key(text: i64, revision: u32, lang: Lang) -> FragmentKey {
    FragmentKey::LiveText { text, revision, lang }
}

/// How long one stream follows a text before it ends and its browser reconnects: whoever
/// follows is checked again (a member logged out meanwhile reads no more of a members-only
/// text), and a stream holds no connection for ever.
const FOLLOW_AT_MOST: Duration = Duration::from_secs(600);

#[derive(Deserialize)]
pub struct EventsQuery {
    /// The head the page shows: the text is sent again only once it moved.
    head: Option<u32>,
    /// The state of the amendments the page shows.
    version: Option<i64>,
    /// The phase the page shows.
    phase: Option<String>,
}

/// A follower's stream: what it was last sent, and the events waiting to go.
struct Following {
    state: AppState,
    ctx: PageCtx,
    slug: String,
    text_id: i64,
    head: Option<u32>,
    version: Option<i64>,
    /// The phase last sent (the decisions part shows it).
    phase: Option<Phase>,
    follower: tokio::sync::broadcast::Receiver<Announcement>,
    pending: VecDeque<Event>,
}

impl Following {
    /// Queues the parts that changed since what the follower was sent; `false` when the
    /// text is gone or no longer readable by the follower.
    async fn catch_up(&mut self, told: Option<Announcement>) -> bool {
        if told.is_some_and(|told| told.older_than(self.head, self.version)) {
            return true;
        }
        // Most followers find the parts already rendered by the first of them.
        let kept = told.and_then(|told| {
            let lang = self.ctx.lang;
            let fragments = &self.state.fragments;
            let key = decisions_key(told.text_id, told.head, told.amendments_version, told.phase, lang);
            let decisions = fragments.peek_bytes(&key)?;
            let text = if self.head == Some(told.head) {
                None
            } else {
                Some(fragments.peek_bytes(&text_key(told.text_id, told.head, lang))?)
            };
            Some((told.head, told.amendments_version, told.phase, decisions, text))
        });
        let (head, version, phase, decisions, text) = match kept {
            Some(kept) => kept,
            None => {
                let (fragments, request, slug) =
                    (Arc::clone(&self.state.fragments), self.ctx.clone(), self.slug.clone());
                let loaded = self
                    .state
                    .run(move |site| {
                        let view = hall::live_view(site, request.user.as_ref(), &slug)?;
                        let (decisions, text) = parts(&fragments, request.lang, &view);
                        let text_state = (view.text.id, view.text.head, view.text.amendments_version, view.text.phase);
                        Ok((text_state, decisions, text))
                    })
                    .await;
                match loaded {
                    // The slug now names another text: this one is gone.
                    Ok(((id, ..), ..)) if id != self.text_id => return false,
                    Ok(((_, head, version, phase), decisions, text)) => {
                        (head, version, phase, decisions, (self.head != Some(head)).then_some(text))
                    }
                    Err(_) => return false,
                }
            }
        };
        // What was read may still be older than what was sent (a follower that came with
        // a newer page than an announcement being delivered): never go back.
        let read = Announcement { text_id: self.text_id, head, amendments_version: version, phase };
        if read.older_than(self.head, self.version) {
            return true;
        }
        if self.version != Some(version) || self.head != Some(head) || self.phase != Some(phase) {
            self.pending.push_back(Event::default().event("decisions").data(String::from_utf8_lossy(&decisions)));
        }
        if let Some(text) = text {
            self.pending.push_back(Event::default().event("text").data(String::from_utf8_lossy(&text)));
        }
        (self.head, self.version, self.phase) = (Some(head), Some(version), Some(phase));
        true
    }
}

/// The congress hall's events: `decisions` (the decided amendments, as HTML) whenever the
/// text's amendments change, and `text` (the head, as HTML) whenever a merge or an edit
/// moves the head. The parts that differ from the `head` and `version` the page shows are
/// sent at once. 404 where the visitor may not read the text.
pub async fn live_events(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(slug): PagePath<String>,
    PageQuery(query): PageQuery<EventsQuery>,
) -> Result<Response, PageError> {
    // Following before reading: no change falls between the two.
    let follower = state.site.hall.follow();
    let (request, wanted) = (ctx.clone(), slug.clone());
    let text_id = state
        .run(move |site| Ok(hall::live_view(site, request.user.as_ref(), &wanted)?.text.id))
        .await
        .map_err(|e| ctx.error(e))?;
    let mut following = Following {
        state,
        ctx,
        slug,
        text_id,
        head: query.head,
        version: query.version,
        phase: query.phase.as_deref().and_then(Phase::parse),
        follower,
        pending: VecDeque::new(),
    };
    let open = following.catch_up(None).await;
    let until = tokio::time::Instant::now() + FOLLOW_AT_MOST;
    let events = stream::unfold((following, open), move |(mut following, open)| async move {
        if !open {
            return None;
        }
        loop {
            if let Some(event) = following.pending.pop_front() {
                return Some((Ok::<_, Infallible>(event), (following, true)));
            }
            // Past its time, the stream ends: the browser reconnects, as whoever it is then.
            let told = match tokio::time::timeout_at(until, following.follower.recv()).await {
                Err(_) => return None,
                Ok(Ok(told)) if told.text_id == following.text_id => Some(told),
                Ok(Ok(_)) => continue,
                // Fallen behind: what it missed is in the text as it stands.
                Ok(Err(RecvError::Lagged(_))) => None,
                Ok(Err(RecvError::Closed)) => return None,
            };
            if !following.catch_up(told).await {
                return None;
            }
        }
    });
    let mut response = Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))).into_response();
    // One middleware writes every answer's cache policy: never stored, here.
    response.headers_mut().remove(CACHE_CONTROL);
    // A cap that needs room may close it; a shutdown does not wait for it.
    response.extensions_mut().insert(crate::http::server::Following);
    Ok(response)
}
