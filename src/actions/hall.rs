//! The congress hall (issue 10, part 9): what the screen in the hall shows of a text (its
//! head and the amendments decided, the latest first) and the announcements that tell its
//! live views, at once, that the text changed. One announcement per change reaches every
//! follower through one broadcast channel: no follower polls.

use std::ops::RangeInclusive;
use std::sync::Arc;

use tokio::sync::broadcast;

use crate::domain::AmendmentState;
use crate::domain::model::{Amendment, Revision, Text};
use crate::store;

use super::{ActionError, ActionResult, Site, Viewer, visible_text};

/// Announcements a slow follower may fall behind by before it skips to the latest, which
/// holds everything it needs (its view is redrawn whole).
const BACKLOG: usize = 64;

/// Decided amendments the hall shows, the latest first.
pub const MAX_DECIDED: usize = 100;

/// A text changed: its head and the state of its amendments after the change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Announcement {
    pub text_id: i64,
    pub head: u32,
    pub amendments_version: i64,
    pub phase: crate::domain::Phase,
}

impl Announcement {
    /// Whether this tells of a state older than `head` and `amendments_version`: two
    /// writers may announce in the other order than they committed, and a follower never
    /// goes back.
    pub fn older_than(&self, head: Option<u32>, amendments_version: Option<i64>) -> bool {
        self.head < head.unwrap_or(0) || amendments_version.is_some_and(|version| self.amendments_version < version)
    }
}

/// The channel the live views of every text listen on.
pub struct Hall {
    sender: broadcast::Sender<Announcement>,
}

impl Default for Hall {
    fn default() -> Self {
        Hall { sender: broadcast::channel(BACKLOG).0 }
    }
}

impl Hall {
    /// A new follower: every announcement from now on.
    pub fn follow(&self) -> broadcast::Receiver<Announcement> {
        self.sender.subscribe()
    }
}

impl Site {
    /// Tells the live views that a text changed, once the change has committed. Costs a
    /// read of the text only while someone follows.
    pub(crate) fn announce(&self, text_id: i64) {
        if self.hall.sender.receiver_count() == 0 {
            return;
        }
        match self.store.read(|tx| Ok::<_, ActionError>(store::text_by_id(tx, text_id)?)) {
            Ok(Some(text)) => {
                let announcement = Announcement {
                    text_id,
                    head: text.head,
                    amendments_version: text.amendments_version,
                    phase: text.phase,
                };
                // No follower left since the count: nothing to tell.
                let _ = self.hall.sender.send(announcement);
            }
            Ok(None) => {}
            Err(error) => tracing::warn!("announcing a change of text {text_id} failed: {error}"),
        }
    }
}

/// What the hall's screen shows of a text.
pub struct LiveView {
    pub text: Text,
    pub head: Arc<Revision>,
    /// Accepted, rejected and merged amendments, the latest decided first, at most
    /// [`MAX_DECIDED`], each with the printed lines of its anchor in its revision.
    pub decided: Vec<(Arc<Amendment>, RangeInclusive<u32>)>,
    /// How many amendments are decided in all, and how many wait.
    pub decided_count: usize,
    pub open_count: usize,
}

/// The live view of a text; 404 (`NotFound`) when the viewer may not read it.
pub fn live_view(site: &Site, viewer: Viewer<'_>, slug: &str) -> ActionResult<LiveView> {
    site.store.read(|tx| {
        let text = visible_text(tx, viewer, slug)?;
        let head = site.revision(tx, text.id, text.head)?;
        let all = site.amendments(tx, &text)?;
        let is_decided = |a: &&Arc<Amendment>| {
            matches!(a.state, AmendmentState::Accepted | AmendmentState::Rejected | AmendmentState::Merged)
        };
        let mut decided: Vec<Arc<Amendment>> = all.iter().filter(is_decided).cloned().collect();
        let decided_count = decided.len();
        let open_count = all.iter().filter(|a| a.state == AmendmentState::Open).count();
        decided.sort_by_key(|a| std::cmp::Reverse((a.updated_at, a.id)));
        decided.truncate(MAX_DECIDED);
        let decided = decided
            .into_iter()
            .map(|amendment| {
                let printed = site.layout(tx, text.id, amendment.anchor.revision)?.lines_of(amendment.anchor);
                Ok((amendment, printed))
            })
            .collect::<ActionResult<_>>()?;
        Ok(LiveView { text, head, decided, decided_count, open_count })
    })
}
