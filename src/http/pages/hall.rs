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
use maud::PreEscaped;
use serde::Deserialize;
use tokio::sync::broadcast::error::RecvError;

use super::*;
use crate::actions::hall::{self, Announcement, LiveView};
use crate::http::fragments::Fragments;

/// The congress hall's page of a text: 404 where the visitor may not read it.
pub async fn live_page(State(state): State<AppState>, ctx: PageCtx, PagePath(slug): PagePath<String>) -> PageResult {
    let (fragments, request) = (Arc::clone(&state.fragments), ctx.clone());
    let page = state
        .run(move |site| {
            let view = hall::live_view(site, request.user.as_ref(), &slug)?;
            let (decisions, text) = parts(&fragments, request.lang, &view);
            let (decisions, text) = (String::from_utf8_lossy(&decisions), String::from_utf8_lossy(&text));
            Ok(views::hall::live_page(
                &request.frame(),
                &view,
                PreEscaped(decisions.into_owned()),
                PreEscaped(text.into_owned()),
            ))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(html(page))
}

/// The two parts an event carries, rendered once per state of the text.
fn parts(fragments: &Fragments, lang: Lang, view: &LiveView) -> (Bytes, Bytes) {
    let text = &view.text;
    let rendered = |markup: maud::Markup| Ok::<_, Infallible>(markup.into_string().into_bytes());
    let decisions = fragments.bytes(decisions_key(text.id, text.head, text.amendments_version, lang), || {
        rendered(views::hall::live_decisions(lang, view))
    });
    let lines = fragments.bytes(text_key(text.id, text.head, lang), || rendered(views::hall::live_text(lang, view)));
    match (decisions, lines) {
        (Ok(decisions), Ok(lines)) => (decisions, lines),
    }
}

fn decisions_key(text: i64, head: u32, amendments_version: i64, lang: Lang) -> FragmentKey {
    FragmentKey::LiveDecisions { text, amendments_version, head, lang }
}

fn text_key(text: i64, revision: u32, lang: Lang) -> FragmentKey {
    FragmentKey::LiveText { text, revision, lang }
}

#[derive(Deserialize)]
pub struct EventsQuery {
    /// The head the page shows: the text is sent again only once it moved.
    head: Option<u32>,
    /// The state of the amendments the page shows.
    version: Option<i64>,
}

/// A follower's stream: what it was last sent, and the events waiting to go.
struct Following {
    state: AppState,
    ctx: PageCtx,
    slug: String,
    text_id: i64,
    head: Option<u32>,
    version: Option<i64>,
    follower: tokio::sync::broadcast::Receiver<Announcement>,
    pending: VecDeque<Event>,
}

impl Following {
    /// Queues the parts that changed since what the follower was sent; `false` when the
    /// text is gone or no longer readable by the follower.
    async fn catch_up(&mut self, told: Option<Announcement>) -> bool {
        // Most followers find the parts already rendered by the first of them.
        let kept = told.and_then(|told| {
            let lang = self.ctx.lang;
            let fragments = &self.state.fragments;
            let decisions =
                fragments.peek_bytes(&decisions_key(told.text_id, told.head, told.amendments_version, lang))?;
            let text = if self.head == Some(told.head) {
                None
            } else {
                Some(fragments.peek_bytes(&text_key(told.text_id, told.head, lang))?)
            };
            Some((told.head, told.amendments_version, decisions, text))
        });
        let (head, version, decisions, text) = match kept {
            Some(kept) => kept,
            None => {
                let (fragments, request, slug) =
                    (Arc::clone(&self.state.fragments), self.ctx.clone(), self.slug.clone());
                let loaded = self
                    .state
                    .run(move |site| {
                        let view = hall::live_view(site, request.user.as_ref(), &slug)?;
                        let (decisions, text) = parts(&fragments, request.lang, &view);
                        Ok((view.text.id, view.text.head, view.text.amendments_version, decisions, text))
                    })
                    .await;
                match loaded {
                    // The slug now names another text: this one is gone.
                    Ok((id, ..)) if id != self.text_id => return false,
                    Ok((_, head, version, decisions, text)) => {
                        (head, version, decisions, (self.head != Some(head)).then_some(text))
                    }
                    Err(_) => return false,
                }
            }
        };
        if self.version != Some(version) || self.head != Some(head) {
            self.pending.push_back(Event::default().event("decisions").data(String::from_utf8_lossy(&decisions)));
        }
        if let Some(text) = text {
            self.pending.push_back(Event::default().event("text").data(String::from_utf8_lossy(&text)));
        }
        (self.head, self.version) = (Some(head), Some(version));
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
        follower,
        pending: VecDeque::new(),
    };
    let open = following.catch_up(None).await;
    let events = stream::unfold((following, open), |(mut following, open)| async move {
        if !open {
            return None;
        }
        loop {
            if let Some(event) = following.pending.pop_front() {
                return Some((Ok::<_, Infallible>(event), (following, true)));
            }
            let told = match following.follower.recv().await {
                Ok(told) if told.text_id == following.text_id => Some(told),
                Ok(_) => continue,
                // Fallen behind: what it missed is in the text as it stands.
                Err(RecvError::Lagged(_)) => None,
                Err(RecvError::Closed) => return None,
            };
            if !following.catch_up(told).await {
                return None;
            }
        }
    });
    let mut response = Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))).into_response();
    // One middleware writes every answer's cache policy: never stored, here.
    response.headers_mut().remove(CACHE_CONTROL);
    Ok(response)
}
