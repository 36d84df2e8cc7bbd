//! An amendment's page (its diff, rationale, state and history, with what its author and
//! the drafters may do) and the form that proposes or edits one.

use super::components::shown_name;
use maud::{Markup, html};

use super::components::{
    anchor_label, editorial_badge, line_content, lines_diff, printed_label, proposal_diff, rebased_badge,
    reference_link, state_badge, tally_bars, time, vote_name,
};
use super::layout::{Head, Share, notice, page};
use super::{FormTokens, Frame};
use crate::actions::StaleAmendment;
use crate::actions::amendments::{AmendmentDetail, HistoryEntry};
use crate::actions::votes::MyVote;
use crate::auth::{Permission, allows};
use crate::domain::limits::{MAX_RATIONALE_CHARS, MAX_SUMMARY_CHARS};
use crate::domain::model::Amendment;
use crate::domain::model::Text;
use crate::domain::{AmendmentState, Secrecy, Visibility, Vote};
use crate::i18n::{Arg, K, Lang, event_name};

/// What an amendment's page shows besides the amendment: a confirmation of what was just
/// done, or a refusal with what was typed kept (and, when the amendment changed since it was
/// seen, what changed).
#[derive(Default)]
pub struct AmendmentPageState<'a> {
    pub notice: Option<&'a str>,
    pub error: Option<&'a str>,
    pub stale: Option<&'a StaleAmendment>,
    pub decision: DecisionDraft<'a>,
}

pub fn amendment_page(frame: &Frame<'_>, detail: &AmendmentDetail, state: &AmendmentPageState<'_>) -> Markup {
    let lang = frame.lang;
    let AmendmentDetail { text, amendment, anchored_lines, history, .. } = detail;
    let is_author = frame.user.is_some_and(|user| user.id == amendment.author.id);
    let is_drafter = allows(frame.user.map(|u| u.role), Permission::Decide);
    let on_head = amendment.anchor.revision == text.head;
    let title = format!("{} · {}", amendment.reference, text.title);
    let description = if amendment.summary.is_empty() { None } else { Some(amendment.summary.as_str()) };
    let content = html! {
        header.text-header {
            p.kicker { a href={ "/texts/" (text.slug) } dir="auto" { (text.title) } }
            h1 { (lang.f(K::AmendmentTitle, &[Arg::text("reference", &amendment.reference)])) " " (state_badge(lang, amendment.state)) (rebased_badge(lang, amendment)) (editorial_badge(lang, amendment)) }
            p.meta {
                a href={ "/texts/" (text.slug) "/revisions/" (amendment.anchor.revision) "#l" (amendment.anchor.start) } {
                    (anchor_label(lang, amendment.anchor)) " · " (lang.f(K::RevisionNumber, &[Arg::number("revision", amendment.anchor.revision)]))
                }
                " · " a.printed-ref href={ "/texts/" (text.slug) "/revisions/" (amendment.anchor.revision) "/lines#pl" (detail.printed.start()) } {
                    (printed_label(lang, &detail.printed))
                }
                " · " (lang.f(K::ByAuthor, &[Arg::text("author", shown_name(lang, &amendment.author.name))])) " · " (time(lang, amendment.created_at))
            }
        }
        @if let Some(message) = state.notice { (notice("success", message)) }
        @if let Some(message) = state.error { (notice("error", message)) }
        @if let Some(stale) = state.stale { (what_changed(lang, stale)) }
        @if amendment.state == AmendmentState::Outdated {
            (notice("warning", lang.t(K::OutdatedExplanation)))
        }
        @if amendment.rebased && amendment.state.follows_head() {
            (notice("warning", lang.t(K::RebasedExplanation)))
        }
        @if !amendment.summary.is_empty() { p.summary dir="auto" { (amendment.summary) } }
        (super::fates::fate_block(lang, &detail.fate, text))
        @if !detail.competing.is_empty() {
            section.competing {
                h2 { (lang.t(K::CompetingTitle)) }
                p { (lang.t(K::CompetingExplanation)) }
                ol {
                    @for competitor in detail.competing.iter() {
                        li {
                            @if competitor.amendment.id == amendment.id {
                                strong { (competitor.amendment.reference) } " (" (lang.t(K::CompetingThis)) ")"
                            } @else {
                                (reference_link(&competitor.amendment))
                            }
                            " " (state_badge(lang, competitor.amendment.state))
                            " · " (lang.f(K::ByAuthor, &[Arg::text("author", shown_name(lang, &competitor.amendment.author.name))]))
                            " · " (lang.f(K::CompetingReach, &[Arg::count("count", u32::try_from(competitor.reach).unwrap_or(u32::MAX))]))
                        }
                    }
                }
            }
        }
        section {
            h2 { (lang.t(K::Proposal)) }
            (proposal_diff(lang, anchored_lines, &amendment.new_lines, amendment.anchor))
        }
        @if let Some(decided) = &amendment.decided_lines {
            section {
                h2 { (lang.t(K::AcceptedVersion)) }
                p { (lang.t(K::AcceptedVersionExplanation)) }
                (proposal_diff(lang, anchored_lines, decided, amendment.anchor))
            }
        }
        section {
            h2 { (lang.t(K::Rationale)) }
            @for paragraph in amendment.rationale.split('\n').filter(|p| !p.trim().is_empty()) {
                p dir="auto" { (paragraph) }
            }
        }
        (co_signatures(frame, detail))
            (votes(frame, detail))
            (comments_section(frame, detail))
        @if is_author && (amendment.state.editable_by_author() || amendment.state.withdrawable()) {
            section.actions {
                h2 { (lang.t(K::YourAmendment)) }
                @if amendment.state.editable_by_author() {
                    a.button href={ "/amendments/" (amendment.id) "/edit" } {
                        (if amendment.state == AmendmentState::Outdated { lang.t(K::Reanchor) } else { lang.t(K::EditAmendment) })
                    }
                }
                @if amendment.state.withdrawable() {
                    // Withdrawing is final: a second tap confirms it, with or without script.
                    details.confirm {
                        summary.button.secondary { (lang.t(K::Withdraw)) }
                        form method="post" action={ "/amendments/" (amendment.id) "/withdraw" } {
                            (frame.tokens())
                            input type="hidden" name="version" value=(amendment.version);
                            p { (lang.t(K::WithdrawConfirmation)) }
                            button.danger type="submit" { (lang.t(K::ConfirmWithdrawal)) }
                        }
                    }
                }
            }
        }
        @let may_mark = if is_drafter {
            amendment.state.follows_head() && crate::actions::DECIDING.contains(&text.phase)
        } else {
            is_author && amendment.state == AmendmentState::Open && crate::actions::PROPOSING.contains(&text.phase)
        };
        @if may_mark {
            form.inline.editorial method="post" action={ "/amendments/" (amendment.id) "/editorial" } {
                (frame.tokens())
                input type="hidden" name="version" value=(amendment.version);
                input type="hidden" name="editorial" value=(if amendment.editorial { "0" } else { "1" });
                button.secondary type="submit" title=(lang.t(K::EditorialBadgeTitle)) {
                    (if amendment.editorial { lang.t(K::UnmarkEditorial) } else { lang.t(K::MarkEditorial) })
                }
            }
        }
        @if is_drafter && amendment.state.decidable() && on_head {
            section.actions {
                h2 { (lang.t(K::Decision)) }
                (decision_form(frame.lang, frame.tokens(), amendment, "amendment", &state.decision))
                @let hunks = crate::domain::reconcile::hunks(anchored_lines, &amendment.new_lines);
                @if hunks.len() > 1 {
                    details.adopt-part {
                        summary { (lang.t(K::AdoptInPart)) }
                        form method="post" action={ "/amendments/" (amendment.id) "/decision" } {
                            (frame.tokens())
                            input type="hidden" name="version" value=(amendment.version);
                            input type="hidden" name="decision" value="accept_part";
                            p.hint { (lang.t(K::AdoptInPartHint)) }
                            @for (index, hunk) in hunks.iter().enumerate() {
                                label.choice.hunk {
                                    input type="checkbox" name="hunks" value=(index);
                                    span.diff-inline {
                                        @if !hunk.removed.is_empty() { del { (hunk.removed) } }
                                        @if !hunk.removed.is_empty() && !hunk.added.is_empty() { " → " }
                                        @if !hunk.added.is_empty() { ins { (hunk.added) } }
                                    }
                                }
                            }
                            button type="submit" { (lang.t(K::AcceptTicked)) }
                        }
                    }
                }
            }
        }
        section {
            h2 { (lang.t(K::HistoryOfAmendment)) }
            ol.events {
                @for entry in history {
                    @match entry {
                        HistoryEntry::Event(event) => li {
                            (time(lang, event.created_at)) " · " strong { (event_name(lang, event.kind)) }
                            @if let Some(actor) = &event.actor { " · " (shown_name(lang, &actor.name)) }
                            @if let Some(revision) = event.revision { " · " (lang.f(K::RevisionNumber, &[Arg::number("revision", revision)])) }
                            @if !event.note.is_empty() { blockquote dir="auto" { (event.note) } }
                        },
                        HistoryEntry::Carried { anchor, at } => li.carried {
                            (time(lang, *at)) " · "
                            (lang.f(K::EventCarried, &[
                                Arg::number("revision", anchor.revision),
                                Arg::text("anchor", anchor_label(lang, *anchor)),
                            ]))
                        },
                    }
                }
            }
        }
    };
    let private = text.visibility == Visibility::Members;
    let permalink = format!("/amendments/{}", amendment.id);
    let image = format!("/amendments/{}/preview.png", amendment.id);
    let embed = format!("/embed/amendments/{}", amendment.id);
    let content = html! {
        (content)
        @if !private { (super::sharing::share_block(frame, &permalink, &title, Some(&embed))) }
    };
    let share = (!private).then_some(Share { permalink: &permalink, canonical: &permalink, image: &image });
    page(frame, Head { title: &title, description, private, share, ..Head::default() }, content)
}

/// What a drafter typed in a decision form, to show it again after a refusal.
#[derive(Clone, Copy, Default)]
pub struct DecisionDraft<'a> {
    pub note: &'a str,
    pub modified_lines: Option<&'a str>,
    /// The drafter's session ended: the form asks them to log in as they send it.
    pub log_in: bool,
}

/// The drafter's decision form: accept, accept with their own lines, or reject, with a note.
/// `back` says which page to return to ("review" or "amendment"). It carries the version it
/// shows: a decision acts on the wording its drafter saw (rule 8b).
pub fn decision_form(
    lang: Lang,
    tokens: FormTokens<'_>,
    amendment: &Amendment,
    back: &str,
    draft: &DecisionDraft<'_>,
) -> Markup {
    let id = amendment.id;
    let proposed = amendment.new_lines.join("\n");
    let modified = draft.modified_lines.unwrap_or(&proposed);
    html! {
        form.decision method="post" action={ "/amendments/" (id) "/decision" } {
            (tokens)
            input type="hidden" name="version" value=(amendment.version);
            input type="hidden" name="back" value=(back);
            label for={ "note-" (id) } { (lang.t(K::DecisionNote)) }
            textarea id={ "note-" (id) } name="note" rows="2" dir="auto" { (draft.note) }
            details open[draft.modified_lines.is_some()] {
                summary { (lang.t(K::AcceptModifiedToggle)) }
                label for={ "modified-" (id) } { (lang.t(K::ModifiedWording)) }
                textarea id={ "modified-" (id) } name="modified_lines" rows=(amendment.new_lines.len().clamp(2, 12)) dir="auto" { (modified) }
                button type="submit" name="decision" value="accept_modified" { (lang.t(K::AcceptModified)) }
            }
            @if draft.log_in { (super::account::login_fields(lang)) }
            div.buttons {
                button type="submit" name="decision" value="accept" { (lang.t(K::Accept)) }
                button.danger type="submit" name="decision" value="reject" { (lang.t(K::Reject)) }
            }
        }
    }
}

/// What changed in an amendment since the version someone saw: the wording then, struck
/// out where it changed, and now.
fn what_changed(lang: Lang, stale: &StaleAmendment) -> Markup {
    let current = &stale.current;
    html! {
        section.stale role="alert" {
            h2 { (lang.t(K::StaleTitle)) }
            p { (lang.f(K::StaleExplanation, &[
                Arg::text("reference", &current.reference),
                Arg::text("state", crate::i18n::state_name(lang, current.state)),
            ])) }
            @match &stale.seen_snapshot {
                Some(seen) => {
                    @if seen.lines_to_merge() != current.lines_to_merge() || seen.anchor != current.anchor {
                        h3 { (lang.t(K::StaleWordingChange)) }
                        (lines_diff(lang, seen.lines_to_merge(), current.lines_to_merge(), current.anchor.start as usize))
                    }
                    @if seen.state != current.state {
                        p { (lang.f(K::StaleStateChange, &[
                            Arg::text("before", crate::i18n::state_name(lang, seen.state)),
                            Arg::text("after", crate::i18n::state_name(lang, current.state)),
                        ])) }
                    }
                }
                None => p { (lang.t(K::StaleUnknownVersion)) },
            }
        }
    }
}

/// What the amendment form shows and keeps: the anchor and everything typed.
pub struct AmendmentDraft<'a> {
    /// The version of the amendment being edited (none for a new one).
    pub version: Option<i64>,
    pub revision: u32,
    pub start: u32,
    pub count: u32,
    /// The lines the anchor covers in `revision`, shown above the form.
    pub anchored_lines: &'a [String],
    pub new_lines: &'a str,
    pub summary: &'a str,
    pub rationale: &'a str,
    /// The editorial box, ticked (new amendments only: an edit keeps the flag).
    pub editorial: bool,
    /// The proposal as it will be filed (normalised), once previewed: the form then shows
    /// its diff and offers to file it.
    pub preview: Option<&'a [String]>,
}

/// What the amendment form says above itself.
#[derive(Default)]
pub struct FormState<'a> {
    pub error: Option<&'a str>,
    pub notice: Option<&'a str>,
    /// The sender has no session (it ended): the form asks them to log in as they send it.
    pub log_in: bool,
    /// The amendment changed since the form was opened: what changed is shown above it.
    pub stale: Option<&'a StaleAmendment>,
}

/// The form that proposes an amendment (`editing` is `None`) or edits one. It files
/// nothing before its author has seen the diff of what they propose: the first button
/// previews, and only a preview of the very lines shown offers to file.
pub fn amendment_form(
    frame: &Frame<'_>,
    text: &Text,
    draft: &AmendmentDraft<'_>,
    editing: Option<(i64, &str)>,
    state: &FormState<'_>,
) -> Markup {
    let lang = frame.lang;
    let (title, action) = match editing {
        Some((id, reference)) => {
            (lang.f(K::EditAmendmentTitle, &[Arg::text("reference", reference)]), format!("/amendments/{id}/edit"))
        }
        None => (lang.t(K::ProposeTitle).to_owned(), format!("/texts/{}/amendments", text.slug)),
    };
    let anchor = crate::domain::span::Anchor { revision: draft.revision, start: draft.start, count: draft.count };
    let content = html! {
        header.text-header {
            p.kicker { a href={ "/texts/" (text.slug) } dir="auto" { (text.title) } }
            h1 { (title) }
            p.meta { (anchor_label(lang, anchor)) " · " (lang.f(K::RevisionNumber, &[Arg::number("revision", draft.revision)])) }
        }
        @if let Some(error) = state.error { (notice("error", error)) }
        @if let Some(message) = state.notice { (notice("warning", message)) }
        @if let Some(stale) = state.stale { (what_changed(lang, stale)) }
        // The script swaps this section for the one of another range as its numbers change.
        section #current-wording data-source={ "/texts/" (text.slug) "/amend?revision=" (draft.revision) } {
            h2 { (lang.t(K::CurrentWording)) }
            @if draft.anchored_lines.is_empty() {
                p.hint { (lang.f(K::InsertionPoint, &[Arg::text("anchor", anchor_label(lang, anchor))])) }
            } @else {
                ol.quoted start=(draft.start) {
                    @for line in draft.anchored_lines { li { (line_content(line)) } }
                }
                // Tapping an alinéa's number leads here: discussing it is one more tap.
                @if editing.is_none() && draft.count == 1 && draft.revision == text.head {
                    p { a href={ "/texts/" (text.slug) "/comments?line=" (draft.start) } { (lang.f(K::CommentParagraph, &[Arg::number("paragraph", draft.start)])) } }
                }
            }
        }
        @if let Some(preview) = draft.preview {
            section #preview {
                h2 { (lang.t(K::PreviewTitle)) }
                @if preview == draft.anchored_lines {
                    p { (lang.t(K::ErrNoChange)) }
                } @else {
                    (proposal_diff(lang, draft.anchored_lines, preview, anchor))
                }
            }
        }
        form.amend method="post" action=(action) {
            (frame.tokens())
            @if let Some(version) = draft.version { input type="hidden" name="version" value=(version); }
            input type="hidden" name="base" value=(draft.revision);
            // The range whose lines are shown above: a range changed without a preview is
            // previewed, never filed against lines its author has not seen.
            input type="hidden" name="shown_start" value=(draft.start);
            input type="hidden" name="shown_count" value=(draft.count);
            fieldset.anchor {
                legend { (lang.t(K::TargetParagraphs)) }
                div.row {
                    label { (lang.t(K::StartParagraph)) " " input type="number" name="start" min="1" value=(draft.start) required; }
                    label { (lang.t(K::ParagraphCount)) " " input type="number" name="count" min="0" value=(draft.count) required; }
                }
                p.hint { (lang.t(K::ParagraphCountHint)) }
            }
            label for="new_lines" { (lang.t(K::NewWording)) }
            p.hint #new-lines-hint { (lang.t(K::NewWordingHint)) }
            // Still the current wording: the script may fill it with another range's.
            @let follows_range = draft.new_lines == draft.anchored_lines.join("\n");
            textarea #new_lines name="new_lines" rows="8" dir="auto" aria-describedby="new-lines-hint" data-follows-range[follows_range] { (draft.new_lines) }
            label for="summary" { (lang.t(K::SummaryOptional)) }
            input #summary type="text" name="summary" dir="auto" maxlength=(MAX_SUMMARY_CHARS) value=(draft.summary);
            label for="rationale" { (lang.t(K::Rationale)) }
            textarea #rationale name="rationale" rows="6" dir="auto" maxlength=(MAX_RATIONALE_CHARS) required { (draft.rationale) }
            @if editing.is_none() {
                label.choice {
                    input type="checkbox" name="editorial" value="on" checked[draft.editorial];
                    span { (lang.t(K::FieldEditorial)) }
                }
            }
            @if state.log_in { (super::account::login_fields(lang)) }
            div.buttons {
                @if draft.preview.is_some() {
                    button type="submit" name="action" value="file" { (if editing.is_some() { lang.t(K::SaveAmendment) } else { lang.t(K::SubmitAmendment) }) }
                    button.secondary type="submit" name="action" value="preview" { (lang.t(K::PreviewAgain)) }
                } @else {
                    button type="submit" name="action" value="preview" { (lang.t(K::PreviewAmendment)) }
                }
            }
        }
    };
    page(frame, Head { title: &title, private: true, ..Head::default() }, content)
}

/// Who co-signed, how many the text asks for, and what the viewer may do: co-sign,
/// confirm a co-signature given to an earlier wording (after seeing what changed), or take
/// theirs back.
fn co_signatures(frame: &Frame<'_>, detail: &AmendmentDetail) -> Markup {
    let lang = frame.lang;
    let AmendmentDetail { text, amendment, supports, signed_earlier, .. } = detail;
    let viewer = frame.user;
    let own = viewer.and_then(|user| supports.iter().find(|support| support.supporter.id == user.id));
    let may_sign = viewer
        .is_some_and(|user| user.id != amendment.author.id && allows(Some(user.role), Permission::Propose))
        && amendment.state == AmendmentState::Open
        && crate::actions::PROPOSING.contains(&text.phase);
    let count = Arg::count("count", amendment.supporters);
    html! {
        section.co-signatures {
            h2 { (lang.t(K::CoSignatures)) }
            p {
                @if text.min_supporters > 0 {
                    (lang.f(K::CoSignersOfNeeded, &[count, Arg::count("needed", text.min_supporters)]))
                    @if amendment.supporters < text.min_supporters && amendment.state == AmendmentState::Open {
                        " " span.badge { (lang.t(K::CollectingCoSigners)) }
                    }
                } @else {
                    (lang.f(K::CoSignersCount, &[count]))
                }
                @if amendment.earlier_supporters > 0 {
                    " " (lang.f(K::EarlierCoSigners, &[Arg::count("count", amendment.earlier_supporters)]))
                }
            }
            @if !supports.is_empty() {
                ul.co-signers {
                    @for support in supports {
                        li {
                            (shown_name(lang, &support.supporter.name))
                            @if support.wording != amendment.wording { " " span.hint { (lang.t(K::SignedEarlierWording)) } }
                        }
                    }
                }
            }
            @if may_sign && own.is_some_and(|support| support.wording != amendment.wording) {
                (notice("warning", lang.t(K::ConfirmCoSignature)))
                // The wording signed, when its snapshot is kept (events since migration 3).
                @if let Some(earlier) = signed_earlier {
                    h3 { (lang.t(K::WhatChangedSinceSigned)) }
                    (lines_diff(lang, &earlier.new_lines, &amendment.new_lines, amendment.anchor.start as usize))
                }
                (support_form(frame, amendment, lang.t(K::ConfirmMyCoSignature)))
            } @else if may_sign && own.is_none() {
                (support_form(frame, amendment, lang.t(K::CoSign)))
            }
            @if may_sign && own.is_some() {
                form method="post" action={ "/amendments/" (amendment.id) "/support" } {
                    (frame.tokens())
                    input type="hidden" name="version" value=(amendment.version);
                    input type="hidden" name="withdraw" value="1";
                    button.secondary type="submit" { (lang.t(K::WithdrawCoSignature)) }
                }
            }
        }
    }
}

/// The votes: the tallies as a bar, each voter where votes are open, the viewer's own vote
/// and, while the consultation runs, the form that casts or changes it.
fn votes(frame: &Frame<'_>, detail: &AmendmentDetail) -> Markup {
    let lang = frame.lang;
    let AmendmentDetail { text, amendment, votes, .. } = detail;
    let may_vote = frame.user.is_some_and(|user| allows(Some(user.role), Permission::Propose))
        && amendment.state == AmendmentState::Open
        && crate::actions::PROPOSING.contains(&text.phase);
    let mine = match votes.mine {
        Some(MyVote::Cast(vote)) => Some(vote),
        _ => None,
    };
    let open = text.votes == Secrecy::Open;
    html! {
        section.votes {
            h2 { (lang.t(K::VotesHeading)) }
            (tally_bars(lang, amendment.tally))
            @if open && !votes.open.is_empty() {
                ul.voters {
                    @for (voter, vote) in &votes.open {
                        li { (shown_name(lang, &voter.name)) " — " span class={ "vote-" (vote.as_str()) } { (vote_name(lang, *vote)) } }
                    }
                }
            }
            @match votes.mine {
                Some(MyVote::Cast(vote)) => p.my-vote { (lang.f(K::YourVote, &[Arg::text("vote", vote_name(lang, vote))])) },
                Some(MyVote::Sealed) => p.my-vote { (lang.t(K::YourVoteSealed)) },
                _ => {},
            }
            @if may_vote && votes.mine != Some(MyVote::Sealed) {
                form.vote method="post" action={ "/amendments/" (amendment.id) "/vote" } {
                    (frame.tokens())
                    input type="hidden" name="version" value=(amendment.version);
                    fieldset {
                        legend { (lang.t(K::VoteLegend)) }
                        @for vote in Vote::ALL {
                            label.choice {
                                input type="radio" name="vote" value=(vote.as_str()) required checked[mine == Some(*vote)];
                                span { (vote_name(lang, *vote)) }
                            }
                        }
                    }
                    button type="submit" { (lang.t(if mine.is_some() { K::ChangeVote } else { K::CastVote })) }
                }
                p.hint { (lang.t(if open { K::VotesOpenNote } else { K::VotesSecretNote })) }
            }
        }
    }
}

/// The discussion of the amendment: its threads and the form that adds one.
fn comments_section(frame: &Frame<'_>, detail: &AmendmentDetail) -> Markup {
    use super::comments::{CommentDraft, CommentTarget, comment_form, threads};
    let lang = frame.lang;
    let target = CommentTarget { line: None, amendment: Some(detail.amendment.id) };
    let may_comment = frame.user.is_some_and(|user| allows(Some(user.role), Permission::Propose))
        && crate::actions::COMMENTING.contains(&detail.text.phase);
    html! {
        section.comments id="comments" {
            h2 { (lang.t(K::CommentsHeading)) }
            (threads(frame, &detail.text, &detail.comments, target, &CommentDraft::default()))
            @if may_comment {
                details.new-comment {
                    summary { (lang.t(K::AddComment)) }
                    (comment_form(frame, &detail.text, target, None, &CommentDraft::default()))
                }
            }
        }
    }
}

fn support_form(frame: &Frame<'_>, amendment: &Amendment, label: &str) -> Markup {
    html! {
        form method="post" action={ "/amendments/" (amendment.id) "/support" } {
            (frame.tokens())
            input type="hidden" name="version" value=(amendment.version);
            button type="submit" { (label) }
        }
    }
}
