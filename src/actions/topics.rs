//! Use cases of topics: the thematic spaces admins open, and the texts in each.

use crate::auth::Permission;
use crate::domain::fields;
use crate::domain::model::Topic;
use crate::store::{self, TextListing, now};

use super::texts::list_texts;
use super::{Acting, ActionError, ActionResult, Conflict, Done, Site, Viewer, answered, remember_submission, require};

/// What an admin types to open a topic.
pub struct NewTopic<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub description: &'a str,
}

/// Opens a topic (admins). A repeated submission answers with the topic it opened.
pub fn create_topic(site: &Site, viewer: Viewer<'_>, new: &NewTopic<'_>, acting: &Acting) -> ActionResult<Done<Topic>> {
    let admin = require(viewer, Permission::ManageTopics)?;
    let slug = fields::slug(new.slug)?;
    let title = fields::title(new.title)?;
    let description = fields::description(new.description)?;
    site.store.write(|tx| {
        if let Some(outcome) = answered(tx, admin, acting.once.as_ref())? {
            let slug = outcome.strip_prefix("topic:").unwrap_or_default();
            return Ok(Done::repeated(store::topic_by_slug(tx, slug)?.ok_or(ActionError::NotFound)?));
        }
        let now = now();
        let topic = store::insert_topic(tx, &slug, &title, &description, now)?.ok_or(Conflict::TopicTaken)?;
        remember_submission(tx, admin, acting.once.as_ref(), &format!("topic:{}", topic.slug), now)?;
        Ok(Done::new(topic))
    })
}

/// A topic with the texts in it that the viewer may read.
pub struct TopicListing {
    pub topic: Topic,
    pub texts: Vec<TextListing>,
}

/// Every topic with its texts, by title as a French reader sorts them, and the texts that
/// belong to none.
pub fn topics(site: &Site, viewer: Viewer<'_>) -> ActionResult<(Vec<TopicListing>, Vec<TextListing>)> {
    let mut topics = site.store.read(|tx| Ok::<_, ActionError>(store::list_topics(tx)?))?;
    topics.sort_by_cached_key(|topic| fields::sort_key(&topic.title));
    let mut listings: Vec<TopicListing> =
        topics.into_iter().map(|topic| TopicListing { topic, texts: Vec::new() }).collect();
    let mut elsewhere = Vec::new();
    for text in list_texts(site, viewer)? {
        match listings.iter_mut().find(|listing| Some(&listing.topic.slug) == text.text.topic.as_ref()) {
            Some(listing) => listing.texts.push(text),
            None => elsewhere.push(text),
        }
    }
    Ok((listings, elsewhere))
}

/// One topic with its texts; 404 when there is none with this slug.
pub fn topic(site: &Site, viewer: Viewer<'_>, slug: &str) -> ActionResult<TopicListing> {
    let (topics, _) = topics(site, viewer)?;
    topics.into_iter().find(|listing| listing.topic.slug == slug).ok_or(ActionError::NotFound)
}
