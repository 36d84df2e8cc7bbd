//! "Since my last visit" (issue 9, part 4): what happened on a text since a member last
//! opened it (revisions, amendments, decisions, comments of others), for the text page, the
//! home page and topic pages; and the visits themselves, recorded as members read.

use std::collections::HashMap;

use crate::domain::model::{Text, Timestamp, User};
use crate::store::{self, TextListing, Visit};

use super::{ActionError, ActionResult, Site};

/// A visit is written again only when the last one is older than this (seconds) or saw
/// another head: reading a text page does not write each time.
pub const VISIT_REFRESH_SECONDS: i64 = 10 * 60;

/// What others did on a text since a member's last visit (their own acts are no news to
/// them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct News {
    /// The last visit: when, and the head seen then.
    pub since: Visit,
    pub revisions: u32,
    pub amendments: u32,
    pub decisions: u32,
    pub comments: u32,
}

impl News {
    pub fn is_empty(&self) -> bool {
        self.revisions == 0 && self.amendments == 0 && self.decisions == 0 && self.comments == 0
    }
}

/// What is new on `text` for `user` since `visit`.
fn news_since(tx: &rusqlite::Connection, user: &User, text: &Text, visit: Visit) -> ActionResult<News> {
    let (revisions, amendments, decisions, comments) = store::activity_since(tx, text.id, &visit, user.id)?;
    Ok(News { since: visit, revisions, amendments, decisions, comments })
}

/// What is new on a text for a member (`None` on a first visit), and this visit, when it
/// is to be recorded (what it saw is read in the same transaction as the page).
pub fn on_text(
    tx: &rusqlite::Connection,
    user: &User,
    text: &Text,
    now: Timestamp,
) -> ActionResult<(Option<News>, Option<Visit>)> {
    let last = store::visit(tx, user.id, text.id)?;
    let record = last.is_none_or(|visit| visit.head != text.head || now - visit.at >= VISIT_REFRESH_SECONDS);
    let news = match last {
        Some(visit) => Some(news_since(tx, user, text, visit)?),
        None => None,
    };
    let visit = if record {
        let (amendment, event, comment) = store::newest_ids(tx)?;
        Some(Visit { at: now, head: text.head, amendment, event, comment })
    } else {
        None
    };
    Ok((news, visit))
}

/// What is new on each of these texts for a member, for those they visited.
pub fn on_listings(site: &Site, user: &User, texts: &[&TextListing]) -> ActionResult<HashMap<i64, News>> {
    site.store.read(|tx| {
        let visits = store::visits_of(tx, user.id)?;
        let mut news = HashMap::new();
        for listing in texts {
            if let Some(visit) = visits.get(&listing.text.id) {
                news.insert(listing.text.id, news_since(tx, user, &listing.text, *visit)?);
            }
        }
        Ok::<_, ActionError>(news)
    })
}

/// Records a member's visit of a text, as [`on_text`] read it.
pub fn record_visit(site: &Site, user_id: i64, text_id: i64, visit: Visit) -> ActionResult<()> {
    site.store.write(|tx| Ok(store::record_visit(tx, user_id, text_id, visit)?))
}
