//! What notifies whom (DESIGN, "Notifications"): the kinds a member switches on or off per
//! channel, which amendment events notify the author or the co-signers, and when an email
//! that could not be sent is tried again.

use std::time::Duration;

use super::Decision;
use super::amendment::named_enum;

named_enum!(
    /// What a notification is about; each kind is switched on or off per channel.
    /// `decision`: a decision on my amendment (accepted, as modified or not, rejected,
    /// merged); `outdated`: a change of its lines outdated my amendment; `reconfirm`: an
    /// amendment I co-signed was reworded and my signature waits for me to confirm it;
    /// `reply`: a reply to my comment; `revision`: a new revision of a text I follow;
    /// `phase`: a phase change, or a consultation deadline approaching, on a text I follow.
    NotificationKind {
        Decision => "decision",
        Outdated => "outdated",
        Reconfirm => "reconfirm",
        Reply => "reply",
        Revision => "revision",
        Phase => "phase",
    }
);

named_enum!(
    /// Where a notification reaches a member.
    Channel {
        App => "app",
        Email => "email",
    }
);

/// Who an amendment event concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Concerned {
    /// The amendment's author (unless they did it themselves).
    Author,
    /// Its co-signers whose signature is on an earlier wording.
    CoSignersToReconfirm,
}

/// The notifications an amendment event makes, and for whom; none for events nobody is
/// told of (a proposal, a withdrawal). A rebase that rewrote an amendment's words (rule 9)
/// tells its author and sends its co-signatures back to their co-signers.
pub fn for_event(event: Decision) -> &'static [(NotificationKind, Concerned)] {
    match event {
        Decision::Accepted | Decision::AcceptedModified | Decision::Rejected | Decision::Merged => {
            &[(NotificationKind::Decision, Concerned::Author)]
        }
        Decision::Outdated => &[(NotificationKind::Outdated, Concerned::Author)],
        Decision::Edited | Decision::Reanchored => &[(NotificationKind::Reconfirm, Concerned::CoSignersToReconfirm)],
        Decision::Rebased => &[
            (NotificationKind::Outdated, Concerned::Author),
            (NotificationKind::Reconfirm, Concerned::CoSignersToReconfirm),
        ],
        Decision::Proposed | Decision::Withdrawn => &[],
    }
}

/// A member's switches: the (kind, channel) pairs turned off. Everything else is on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Switches {
    off: Vec<(NotificationKind, Channel)>,
}

impl Switches {
    pub fn new(off: impl IntoIterator<Item = (NotificationKind, Channel)>) -> Switches {
        let mut off: Vec<_> = off.into_iter().collect();
        off.sort_unstable();
        off.dedup();
        Switches { off }
    }

    pub fn allows(&self, kind: NotificationKind, channel: Channel) -> bool {
        !self.off.contains(&(kind, channel))
    }

    /// The pairs turned off, sorted.
    pub fn off(&self) -> &[(NotificationKind, Channel)] {
        &self.off
    }
}

/// Sending attempts at most before an email is given up (about two days with the default
/// first delay).
pub const MAX_ATTEMPTS: u32 = 16;

/// The longest wait between two attempts.
const LONGEST_WAIT: Duration = Duration::from_secs(6 * 3600);

/// How long to wait after the `attempts`-th failed attempt (1 for the first): `first`,
/// doubled with each failure, never more than six hours.
pub fn retry_delay(attempts: u32, first: Duration) -> Duration {
    let doublings = attempts.saturating_sub(1).min(20);
    first.saturating_mul(1 << doublings).min(LONGEST_WAIT.max(first))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn decisions_tell_the_author_and_rewordings_the_co_signers() {
        assert_eq!(for_event(Decision::Merged), [(NotificationKind::Decision, Concerned::Author)]);
        assert_eq!(for_event(Decision::Outdated), [(NotificationKind::Outdated, Concerned::Author)]);
        assert_eq!(for_event(Decision::Edited), [(NotificationKind::Reconfirm, Concerned::CoSignersToReconfirm)]);
        assert_eq!(for_event(Decision::Rebased).len(), 2);
        assert!(for_event(Decision::Proposed).is_empty());
        assert!(for_event(Decision::Withdrawn).is_empty());
    }

    #[test]
    fn switches_are_on_unless_turned_off() {
        let switches = Switches::new([(NotificationKind::Reply, Channel::Email)]);
        assert!(!switches.allows(NotificationKind::Reply, Channel::Email));
        assert!(switches.allows(NotificationKind::Reply, Channel::App));
        assert!(switches.allows(NotificationKind::Decision, Channel::Email));
    }

    proptest! {
        #[test]
        fn retries_wait_longer_each_time_up_to_a_bound(attempts in 0u32..200, first_secs in 1u64..3600) {
            let first = Duration::from_secs(first_secs);
            let wait = retry_delay(attempts, first);
            prop_assert!(wait >= first);
            prop_assert!(wait <= LONGEST_WAIT.max(first));
            prop_assert!(retry_delay(attempts + 1, first) >= wait);
        }
    }
}
