//! Use case of a text's settings: the co-signers an amendment needs, whether votes are
//! secret or open, the most open amendments one member may have, and the printed width of
//! its revisions to come.

use crate::auth::Permission;
use crate::domain::Secrecy;
use crate::domain::model::Text;
use crate::domain::printed::{MAX_WIDTH, MIN_WIDTH};
use crate::store::{self, now};

use super::{
    Acting, ActionError, ActionResult, Conflict, Done, Freshness, Invalid, Site, Viewer, answered, remember_submission,
    require, visible_text,
};

/// Most co-signers a text may ask for.
pub const MAX_MIN_SUPPORTERS: u32 = 1_000;
/// Highest limit of open amendments per member a text may set.
pub const MAX_OPEN_PER_MEMBER: u32 = 10_000;

/// The settings a drafter changes; `None` leaves one as it is.
#[derive(Clone, Copy, Debug, Default)]
pub struct Settings {
    /// Co-signers an amendment needs before it may be accepted: 0 to [`MAX_MIN_SUPPORTERS`].
    pub min_supporters: Option<u32>,
    /// Secret (the default) or open votes. Fixed once a vote is cast on the text: secret
    /// ballots cannot be opened, and open ones cannot be sealed after the fact.
    pub votes: Option<Secrecy>,
    /// The most open amendments one member may have on the text, 0 (the default) for no
    /// limit, up to [`MAX_OPEN_PER_MEMBER`]. Drafters and admins are not limited.
    pub max_open_per_member: Option<u32>,
    /// Characters per printed line (rule 10), [`MIN_WIDTH`] to [`MAX_WIDTH`]: the revisions
    /// written from now on are printed at it; those written keep the width they have.
    pub printed_width: Option<u32>,
}

/// A drafter changes a text's settings, all or none of them; the text as it stands after.
/// Errors: `Invalid::MinSupporters`, `Invalid::MaxOpenPerMember` or
/// `Invalid::PrintedWidth` out of bounds, `Conflict::VotesCast` to switch votes
/// between secret and open once someone voted.
pub fn change_settings(
    site: &Site,
    viewer: Viewer<'_>,
    slug: &str,
    settings: &Settings,
    acting: &Acting,
) -> ActionResult<Done<Text>> {
    let drafter = require(viewer, Permission::Publish)?;
    if settings.min_supporters.is_some_and(|min| min > MAX_MIN_SUPPORTERS) {
        return Err(Invalid::MinSupporters { max: MAX_MIN_SUPPORTERS }.into());
    }
    if settings.max_open_per_member.is_some_and(|max| max > MAX_OPEN_PER_MEMBER) {
        return Err(Invalid::MaxOpenPerMember { max: MAX_OPEN_PER_MEMBER }.into());
    }
    if settings.printed_width.is_some_and(|width| !(MIN_WIDTH..=MAX_WIDTH).contains(&width)) {
        return Err(Invalid::PrintedWidth { min: MIN_WIDTH, max: MAX_WIDTH }.into());
    }
    site.store.write(|tx| {
        let text = visible_text(tx, viewer, slug)?;
        let min = settings.min_supporters.filter(|min| *min != text.min_supporters);
        let votes = settings.votes.filter(|votes| *votes != text.votes);
        let max_open = settings.max_open_per_member.filter(|max| *max != text.max_open_per_member);
        let width = settings.printed_width.filter(|width| *width != text.printed_width);
        if answered(tx, drafter, acting.once.as_ref())?.is_some()
            || (min.is_none() && votes.is_none() && max_open.is_none() && width.is_none())
        {
            return Ok(Done { value: text, freshness: Freshness::AlreadyThere });
        }
        let now = now();
        if let Some(votes) = votes {
            if store::text_has_votes(tx, text.id)? {
                return Err(Conflict::VotesCast { votes: text.votes }.into());
            }
            store::set_votes(tx, text.id, votes, now)?;
        }
        if let Some(min) = min {
            store::set_min_supporters(tx, text.id, min, now)?;
        }
        if let Some(max) = max_open {
            store::set_max_open_per_member(tx, text.id, max, now)?;
        }
        if let Some(width) = width {
            store::set_printed_width(tx, text.id, width, now)?;
        }
        // Lists show each amendment's quorum and its votes.
        store::touch_amendments(tx, text.id)?;
        remember_submission(tx, drafter, acting.once.as_ref(), &format!("settings:{}", text.id), now)?;
        Ok(Done::new(store::text_by_id(tx, text.id)?.ok_or(ActionError::NotFound)?))
    })
}
