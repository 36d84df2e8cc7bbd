//! Use cases of co-signatures: members co-sign open amendments during a consultation; a
//! text may ask for a number of them before an amendment can be accepted; an author's
//! rewrite sends the co-signatures back to their co-signers for confirmation.

use crate::auth::Permission;
use crate::domain::AmendmentState;
use crate::domain::model::{Amendment, Text};
use crate::store::{self, now};

use super::{
    Acting, ActionError, ActionResult, Conflict, Done, Freshness, Invalid, PROPOSING, Site, Viewer, answered,
    check_seen, remember_submission, require, require_phase, visible_text,
};

/// An amendment's co-signatures after a co-signer acted, with how many its text asks for.
pub struct Supported {
    pub amendment: Amendment,
    pub needed: u32,
}

fn outcome(id: i64) -> String {
    format!("support:{id}")
}

/// The amendment with this id and its text, if the viewer may read it.
fn visible(tx: &rusqlite::Connection, viewer: Viewer<'_>, id: i64) -> ActionResult<(Text, Amendment)> {
    let amendment = store::amendment(tx, id)?.ok_or(ActionError::NotFound)?;
    let text = visible_text(tx, viewer, &amendment.text_slug)?;
    Ok((text, amendment))
}

/// A member co-signs an open amendment (not their own) during the consultation, as the
/// version they saw; given again, a co-signature to an earlier wording is confirmed for the
/// current one. Co-signing twice changes nothing.
pub fn co_sign(site: &Site, viewer: Viewer<'_>, id: i64, acting: &Acting) -> ActionResult<Done<Supported>> {
    let member = require(viewer, Permission::Propose)?;
    site.store.write(|tx| {
        let (text, amendment) = visible(tx, viewer, id)?;
        if answered(tx, member, acting.once.as_ref())?.is_some() {
            return Ok(Done::repeated(Supported { amendment, needed: text.min_supporters }));
        }
        require_phase(&text, PROPOSING)?;
        if amendment.state != AmendmentState::Open {
            return Err(Conflict::AmendmentState { reference: amendment.reference, state: amendment.state }.into());
        }
        if amendment.author.id == member.id {
            return Err(Invalid::OwnAmendment.into());
        }
        check_seen(site, tx, &text, &amendment, acting.seen.as_ref())?;
        if store::support_by(tx, id, member.id)?.is_some_and(|(wording, _)| wording == amendment.wording) {
            return Ok(Done {
                value: Supported { amendment, needed: text.min_supporters },
                freshness: Freshness::AlreadyThere,
            });
        }
        let now = now();
        store::support(tx, id, member.id, amendment.wording, amendment.version, now)?;
        store::touch_amendments(tx, text.id)?;
        remember_submission(tx, member, acting.once.as_ref(), &outcome(id), now)?;
        let amendment = store::amendment(tx, id)?.ok_or(ActionError::NotFound)?;
        Ok(Done::new(Supported { amendment, needed: text.min_supporters }))
    })
}

/// A member takes their co-signature back from an open amendment, during the
/// consultation. Taking back one that is not there changes nothing.
pub fn withdraw_support(site: &Site, viewer: Viewer<'_>, id: i64, acting: &Acting) -> ActionResult<Done<Supported>> {
    let member = require(viewer, Permission::Propose)?;
    site.store.write(|tx| {
        let (text, amendment) = visible(tx, viewer, id)?;
        if answered(tx, member, acting.once.as_ref())?.is_some() {
            return Ok(Done::repeated(Supported { amendment, needed: text.min_supporters }));
        }
        require_phase(&text, PROPOSING)?;
        // A decision was taken with the co-signatures it had: they stay with it.
        if amendment.state != AmendmentState::Open {
            return Err(Conflict::AmendmentState { reference: amendment.reference, state: amendment.state }.into());
        }
        if !store::withdraw_support(tx, id, member.id)? {
            return Ok(Done {
                value: Supported { amendment, needed: text.min_supporters },
                freshness: Freshness::AlreadyThere,
            });
        }
        let now = now();
        store::touch_amendments(tx, text.id)?;
        remember_submission(tx, member, acting.once.as_ref(), &outcome(id), now)?;
        let amendment = store::amendment(tx, id)?.ok_or(ActionError::NotFound)?;
        Ok(Done::new(Supported { amendment, needed: text.min_supporters }))
    })
}

/// Refuses to accept an amendment that has fewer co-signers (to its current wording) than
/// its text asks for. The quorum counts when an amendment is accepted: an accepted one
/// keeps its co-signatures, and a quorum raised later does not undo the decision.
pub fn require_quorum(text: &Text, amendment: &Amendment) -> ActionResult<()> {
    if amendment.supporters < text.min_supporters {
        return Err(Conflict::QuorumNotReached {
            reference: amendment.reference.clone(),
            supporters: amendment.supporters,
            needed: text.min_supporters,
        }
        .into());
    }
    Ok(())
}
