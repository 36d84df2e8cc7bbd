//! The states and words of the workflow: amendment states (DESIGN rule 4), decisions,
//! phases, roles and visibility, each with its stable name in storage and in the API.

/// Declares a closed set of names with their stable spelling and a parser for it.
macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(self.as_str())
            }
        }
    };
}

pub(crate) use named_enum;

named_enum!(
    /// Where an amendment stands.
    AmendmentState {
        Open => "open",
        Accepted => "accepted",
        Rejected => "rejected",
        Withdrawn => "withdrawn",
        Merged => "merged",
        Outdated => "outdated",
    }
);

impl AmendmentState {
    /// Open and accepted amendments follow the head when it moves (rule 5).
    pub fn follows_head(self) -> bool {
        matches!(self, AmendmentState::Open | AmendmentState::Accepted)
    }

    /// Its author may still edit or re-anchor it.
    pub fn editable_by_author(self) -> bool {
        matches!(self, AmendmentState::Open | AmendmentState::Outdated)
    }

    /// Its author may withdraw it.
    pub fn withdrawable(self) -> bool {
        matches!(self, AmendmentState::Open | AmendmentState::Outdated | AmendmentState::Accepted)
    }

    /// A drafter may (re)decide on it: accept, accept as modified or reject. Outdated
    /// amendments must be re-anchored first; withdrawn and merged ones are final.
    pub fn decidable(self) -> bool {
        matches!(self, AmendmentState::Open | AmendmentState::Accepted | AmendmentState::Rejected)
    }
}

named_enum!(
    /// What happened to an amendment, as its history records it.
    Decision {
        Proposed => "proposed",
        Edited => "edited",
        Reanchored => "reanchored",
        Accepted => "accepted",
        AcceptedModified => "accepted_modified",
        Rejected => "rejected",
        Withdrawn => "withdrawn",
        Merged => "merged",
        Outdated => "outdated",
        Rebased => "rebased",
    }
);

named_enum!(
    /// The life of a text: amendments open in consultation, close in review, and an
    /// adopted text is frozen.
    Phase {
        Drafting => "drafting",
        Consultation => "consultation",
        Review => "review",
        Adopted => "adopted",
    }
);

impl Phase {
    /// The phase a text set in `self` is in at `now` (DESIGN, "Phase"): a consultation
    /// whose `deadline` (seconds since the epoch) has come is in review, whoever acted.
    pub fn in_force(self, deadline: Option<i64>, now: i64) -> Phase {
        match (self, deadline) {
            (Phase::Consultation, Some(deadline)) if deadline <= now => Phase::Review,
            (phase, _) => phase,
        }
    }
}

named_enum!(
    Role {
        Member => "member",
        Drafter => "drafter",
        Admin => "admin",
    }
);

named_enum!(
    /// Who may read a text.
    Visibility {
        Public => "public",
        Members => "members",
    }
);

named_enum!(
    /// A member's vote on an amendment (the internal consultation).
    Vote {
        For => "for",
        Against => "against",
        Abstain => "abstain",
    }
);

named_enum!(
    /// Whether a text's votes show who voted what (`open`) or only their tallies
    /// (`secret`, the default).
    Secrecy {
        Secret => "secret",
        Open => "open",
    }
);

/// The votes on an amendment, counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Tally {
    pub for_: u32,
    pub against: u32,
    pub abstain: u32,
}

impl Tally {
    pub fn total(self) -> u32 {
        self.for_ + self.against + self.abstain
    }

    pub fn count(self, vote: Vote) -> u32 {
        match vote {
            Vote::For => self.for_,
            Vote::Against => self.against,
            Vote::Abstain => self.abstain,
        }
    }

    /// The tally after a member who had voted `before` (`None`: not yet) votes `after`.
    pub fn changed(self, before: Option<Vote>, after: Vote) -> Tally {
        let mut tally = self;
        if let Some(before) = before {
            *tally.slot(before) = tally.count(before).saturating_sub(1);
        }
        *tally.slot(after) += 1;
        tally
    }

    fn slot(&mut self, vote: Vote) -> &mut u32 {
        match vote {
            Vote::For => &mut self.for_,
            Vote::Against => &mut self.against,
            Vote::Abstain => &mut self.abstain,
        }
    }

    /// Each vote's share of the votes cast, in whole percent (0 when none was cast).
    pub fn percent(self, vote: Vote) -> u32 {
        match self.total() {
            0 => 0,
            total => ((u64::from(self.count(vote)) * 100 + u64::from(total) / 2) / u64::from(total)) as u32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for state in AmendmentState::ALL {
            assert_eq!(AmendmentState::parse(state.as_str()), Some(*state));
        }
        for decision in Decision::ALL {
            assert_eq!(Decision::parse(decision.as_str()), Some(*decision));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn a_consultation_closes_at_its_deadline_and_no_other_phase_moves() {
        let deadline = Some(1_000);
        assert_eq!(Phase::Consultation.in_force(deadline, 999), Phase::Consultation);
        assert_eq!(Phase::Consultation.in_force(deadline, 1_000), Phase::Review);
        assert_eq!(Phase::Consultation.in_force(None, i64::MAX), Phase::Consultation);
        for phase in [Phase::Drafting, Phase::Review, Phase::Adopted] {
            assert_eq!(phase.in_force(deadline, 2_000), phase);
        }
    }

    #[test]
    fn a_changed_vote_moves_from_one_count_to_the_other() {
        let tally = Tally::default().changed(None, Vote::For).changed(None, Vote::For);
        assert_eq!(tally, Tally { for_: 2, against: 0, abstain: 0 });
        let tally = tally.changed(Some(Vote::For), Vote::Against);
        assert_eq!(tally, Tally { for_: 1, against: 1, abstain: 0 });
        assert_eq!(tally.changed(Some(Vote::Against), Vote::Against), tally);
        assert_eq!((tally.percent(Vote::For), tally.percent(Vote::Abstain)), (50, 0));
        assert_eq!(Tally::default().percent(Vote::For), 0);
    }

    #[test]
    fn what_each_state_allows() {
        use AmendmentState::*;
        // Rule 5: open and accepted amendments follow the head. Withdrawn and merged ones are
        // final; an outdated one waits for its author to re-anchor it before any decision.
        // (state, follows the head, editable by its author, withdrawable, decidable)
        let table = [
            (Open, true, true, true, true),
            (Accepted, true, false, true, true),
            (Rejected, false, false, false, true),
            (Withdrawn, false, false, false, false),
            (Merged, false, false, false, false),
            (Outdated, false, true, true, false),
        ];
        assert_eq!(table.len(), AmendmentState::ALL.len());
        for (state, follows, editable, withdrawable, decidable) in table {
            assert_eq!(
                (state.follows_head(), state.editable_by_author(), state.withdrawable(), state.decidable()),
                (follows, editable, withdrawable, decidable),
                "{state}"
            );
        }
    }
}
