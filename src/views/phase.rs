//! A text's phase as its pages show it (with the consultation's deadline and the time
//! left), and the drafter's form that moves a text to another phase.

use maud::{Markup, html};

use super::Frame;
use super::layout::{Head, notice, page};
use super::text::text_nav;
use crate::actions::settings::MAX_MIN_SUPPORTERS;
use crate::domain::model::{Text, Timestamp};
use crate::domain::printed::{MAX_WIDTH, MIN_WIDTH};
use crate::domain::{Phase, Secrecy};
use crate::i18n::{Arg, K, Lang, paris_local, phase_name};

/// What a text's pages say of its deadline at `now`: when the consultation closes and how
/// long is left, or when it closed; `None` without a deadline. The time left is rounded
/// down to days, hours or minutes, so that the sentence (and the page keyed on it) changes
/// at most once a minute.
pub fn deadline_note(lang: Lang, text: &Text, now: Timestamp) -> Option<String> {
    let deadline = text.deadline?;
    let date = lang.date_time(deadline);
    if deadline <= now {
        return Some(lang.f(K::DeadlineClosed, &[Arg::text("date", date)]));
    }
    let left = deadline - now;
    let (key, count) = match left {
        _ if left >= 2 * 86_400 => (K::TimeLeftDays, left / 86_400),
        _ if left >= 2 * 3600 => (K::TimeLeftHours, left / 3600),
        _ => (K::TimeLeftMinutes, (left / 60).max(1)),
    };
    let left = lang.f(key, &[Arg::count("count", count)]);
    Some(lang.f(K::DeadlineUntil, &[Arg::text("date", date), Arg::text("left", left)]))
}

/// What the drafter's phase form holds: as the text stands, or as sent.
pub struct PhaseDraft<'a> {
    pub phase: &'a str,
    /// As a `datetime-local` field holds it, in Paris time; empty for none.
    pub deadline: &'a str,
    /// The phase the drafter saw, sent back so that a phase moved meanwhile is not undone
    /// unseen.
    pub seen: Phase,
    /// The deadline the drafter saw, sent back with the phase.
    pub seen_deadline: Option<Timestamp>,
    /// The login fields, when the session ended on the way.
    pub log_in: bool,
    /// The co-signers asked for, as typed in the settings form sent back.
    pub min_supporters: Option<u32>,
    /// The secrecy of votes chosen in the settings form sent back.
    pub votes: Option<Secrecy>,
    /// The limit of open amendments per member, as typed in the settings form sent back.
    pub max_open_per_member: Option<u32>,
    /// The printed width, as typed in the settings form sent back.
    pub printed_width: Option<u32>,
}

impl PhaseDraft<'_> {
    /// The form as the text stands.
    pub fn of(text: &Text) -> PhaseDraft<'static> {
        PhaseDraft {
            phase: text.phase.as_str(),
            deadline: "",
            seen: text.phase,
            seen_deadline: text.deadline,
            log_in: false,
            min_supporters: None,
            votes: None,
            max_open_per_member: None,
            printed_width: None,
        }
    }
}

/// The page with the drafter's phase form.
pub fn phase_page(
    frame: &Frame<'_>,
    text: &Text,
    draft: &PhaseDraft<'_>,
    now: Timestamp,
    error: Option<&str>,
) -> Markup {
    let lang = frame.lang;
    let title = lang.f(K::PhaseTitle, &[Arg::text("title", &text.title)]);
    // The deadline of the consultation under way, shown in the field while the form is as
    // the text stands.
    let current_deadline = text
        .deadline
        .filter(|deadline| text.phase == Phase::Consultation && *deadline > now)
        .map(paris_local)
        .unwrap_or_default();
    let deadline = if draft.deadline.is_empty() && error.is_none() { &current_deadline } else { draft.deadline };
    let content = html! {
        header.text-header {
            p.kicker { a href={ "/texts/" (text.slug) } dir="auto" { (text.title) } }
            h1 { (lang.t(K::PhaseHeading)) }
            (text_nav(frame, text, "phase"))
        }
        @if let Some(error) = error { (notice("error", error)) }
        p {
            (lang.f(K::PhaseNow, &[Arg::text("phase", phase_name(lang, text.phase))]))
            @if let Some(note) = deadline_note(lang, text, now) { ", " (note) }
            "."
        }
        form.phase method="post" action={ "/texts/" (text.slug) "/phase" } {
            (frame.tokens())
            input type="hidden" name="seen" value=(draft.seen.as_str());
            input type="hidden" name="seen_deadline" value=[draft.seen_deadline];
            fieldset {
                legend { (lang.t(K::FieldPhase)) }
                @for phase in Phase::ALL {
                    label.choice {
                        input type="radio" name="phase" value=(phase.as_str()) checked[phase.as_str() == draft.phase];
                        span { strong { (phase_name(lang, *phase)) } " — " (lang.t(phase_meaning(*phase))) }
                    }
                }
            }
            label for="deadline" { (lang.t(K::FieldDeadline)) }
            input #deadline type="datetime-local" name="deadline" value=(deadline) aria-describedby="deadline-hint";
            p.hint #deadline-hint { (lang.t(K::DeadlineHint)) }
            @if draft.log_in { (super::account::login_fields(lang)) }
            button type="submit" { (lang.t(K::SetPhase)) }
        }
        h2 { (lang.t(K::SettingsHeading)) }
        form.settings method="post" action={ "/texts/" (text.slug) "/settings" } {
            (frame.tokens())
            label for="min_supporters" { (lang.t(K::FieldMinSupporters)) }
            input #min_supporters type="number" name="min_supporters" min="0" max=(MAX_MIN_SUPPORTERS)
                value=(draft.min_supporters.unwrap_or(text.min_supporters).to_string()) aria-describedby="min-supporters-hint";
            p.hint #min-supporters-hint { (lang.t(K::MinSupportersHint)) }
            label for="max_open_per_member" { (lang.t(K::FieldMaxOpen)) }
            input #max_open_per_member type="number" name="max_open_per_member" min="0" max=(crate::actions::settings::MAX_OPEN_PER_MEMBER)
                value=(draft.max_open_per_member.unwrap_or(text.max_open_per_member).to_string()) aria-describedby="max-open-hint";
            p.hint #max-open-hint { (lang.t(K::MaxOpenHint)) }
            label for="printed_width" { (lang.t(K::FieldPrintedWidth)) }
            input #printed_width type="number" name="printed_width" min=(MIN_WIDTH) max=(MAX_WIDTH)
                value=(draft.printed_width.unwrap_or(text.printed_width).to_string()) aria-describedby="printed-width-hint";
            p.hint #printed-width-hint { (lang.t(K::PrintedWidthHint)) }
            fieldset aria-describedby="votes-hint" {
                legend { (lang.t(K::FieldVotes)) }
                @for (secrecy, name, meaning) in [
                    (Secrecy::Secret, K::VotesSecret, K::VotesSecretMeans),
                    (Secrecy::Open, K::VotesOpen, K::VotesOpenMeans),
                ] {
                    label.choice {
                        input type="radio" name="votes" value=(secrecy.as_str())
                            checked[draft.votes.unwrap_or(text.votes) == secrecy];
                        span { strong { (lang.t(name)) } " — " (lang.t(meaning)) }
                    }
                }
            }
            p.hint #votes-hint { (lang.t(K::VotesHint)) }
            button type="submit" { (lang.t(K::SaveSettings)) }
        }
    };
    page(frame, Head { title: &title, private: true, ..Head::default() }, content)
}

/// Who may do what in a phase, in a few words.
fn phase_meaning(phase: Phase) -> K {
    match phase {
        Phase::Drafting => K::PhaseMeansDrafting,
        Phase::Consultation => K::PhaseMeansConsultation,
        Phase::Review => K::PhaseMeansReview,
        Phase::Adopted => K::PhaseMeansAdopted,
    }
}
