//! Atom feeds: what is new on public texts (revisions, amendments, decisions), for the
//! whole site, a topic or a text. Feeds carry public texts only, whoever asks: a feed
//! reader is anonymous, and a members-only text's feed is a 404 even to its members.

use crate::domain::Visibility;
use crate::domain::model::{Text, Topic};
use crate::store::{self, FeedEntry, FeedScope};

use super::{ActionError, ActionResult, Site};

/// Entries in a feed.
pub const FEED_ENTRIES: u32 = 50;

/// Which feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedOf {
    Site,
    Topic(String),
    Text(String),
}

/// A feed's subject and its newest entries.
#[derive(Clone, Debug)]
pub struct Feed {
    pub topic: Option<Topic>,
    pub text: Option<Text>,
    pub entries: Vec<FeedEntry>,
}

/// The newest entries of a feed. Errors: 404 for a topic that does not exist or a text
/// that does not exist or is not public.
pub fn feed(site: &Site, of: &FeedOf) -> ActionResult<Feed> {
    site.store.read(|tx| {
        let (topic, text, scope) = match of {
            FeedOf::Site => (None, None, FeedScope::default()),
            FeedOf::Topic(slug) => {
                let topic = store::topic_by_slug(tx, slug)?.ok_or(ActionError::NotFound)?;
                let scope = FeedScope { topic_id: Some(topic.id), ..FeedScope::default() };
                (Some(topic), None, scope)
            }
            FeedOf::Text(slug) => {
                let text = store::text_by_slug(tx, slug)?
                    .filter(|text| text.visibility == Visibility::Public)
                    .ok_or(ActionError::NotFound)?;
                let scope = FeedScope { text_id: Some(text.id), ..FeedScope::default() };
                (None, Some(text), scope)
            }
        };
        let entries = store::feed_entries(tx, scope, FEED_ENTRIES)?;
        Ok(Feed { topic, text, entries })
    })
}
