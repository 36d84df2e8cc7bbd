//! The drafters' review desk: every amendment in line order with its diff and state,
//! decisions, and the selection to merge.

use super::components::shown_name;
use maud::{Markup, html};

use super::amendment::{DecisionDraft, decision_form};
use super::components::{
    anchor_label, co_signers, editorial_badge, printed_label, proposal_diff, rebased_badge, reference_link,
    state_badge, tally_bars,
};
use super::layout::{Head, notice, page};
use super::listing::{ListPlace, filters, pages};
use super::text::text_nav;
use super::{FormTokens, Frame};
use crate::actions::amendments::AmendmentItem;
use crate::actions::listing::{Alternative, AlternativesView, Filter, Listing, Page, States};
use crate::auth::{Permission, allows};
use crate::domain::AmendmentState;
use crate::i18n::{Arg, K, Lang, state_name};

/// What the desk shows besides the data: the amendments ticked for a merge and a refusal.
#[derive(Default)]
pub struct ReviewState<'a> {
    pub selected: &'a [i64],
    /// The revision summary as typed, when the desk comes back after a refusal.
    pub summary: &'a str,
    pub error: Option<&'a str>,
    pub merged_into: Option<u32>,
    /// What an action just did.
    pub notices: &'a [String],
}

/// The review desk around its amendments, which [`review_item`] renders one by one (and
/// callers may cache): the filters (what is still to decide, by default), the merge form,
/// a page of amendments.
pub fn review_page(frame: &Frame<'_>, listing: &Listing, state: &ReviewState<'_>, items: Markup) -> Markup {
    let lang = frame.lang;
    let text = &listing.text;
    let head = text.head;
    let mergeable = listing.by_state.get(&AmendmentState::Accepted).copied().unwrap_or(0);
    let title = lang.f(K::ReviewTitle, &[Arg::text("title", &text.title)]);
    let path = format!("/texts/{}/review", text.slug);
    let place = ListPlace { path: &path, default_states: States::ToDecide };
    let accepted =
        place.address(&Filter { states: States::One(AmendmentState::Accepted), ..listing.filter }, Page::Number(1));
    let content = html! {
        header.text-header {
            p.kicker { a href={ "/texts/" (text.slug) } dir="auto" { (text.title) } }
            h1 { (lang.t(K::NavReview)) }
            (text_nav(frame, text, "review"))
            p.meta {
                (lang.f(K::RevisionNumber, &[Arg::number("revision", head)]))
                " · " a href={ "/texts/" (text.slug) "/alternatives" } { (lang.t(K::AlternativesLink)) }
            }
        }
        @if let Some(error) = state.error { (notice("error", error)) }
        @if let Some(number) = state.merged_into { (notice("success", &lang.f(K::MergedNotice, &[Arg::number("revision", number)]))) }
        @for said in state.notices { (notice("success", said)) }
        @if !listing.editorial.is_empty() { (editorial_section(frame, listing)) }
        form #merge-form.merge method="post" action={ "/texts/" (text.slug) "/merge" } {
            (frame.tokens())
            input type="hidden" name="base" value=(head);
            p {
                (lang.f(K::MergeExplanation, &[Arg::count("count", mergeable)]))
                @if mergeable > 0 && listing.filter.states != States::One(AmendmentState::Accepted) {
                    " " a href=(accepted) { (lang.t(K::ShowAccepted)) }
                }
            }
            label for="merge-summary" { (lang.t(K::MergeSummary)) }
            input #merge-summary type="text" name="summary" dir="auto" value=(state.summary);
            button type="submit" { (lang.t(K::MergeSelected)) }
            " "
            button.secondary type="submit" formaction={ "/texts/" (text.slug) "/preview" } { (lang.t(K::PreviewMergeButton)) }
        }
        (filters(frame, listing, place))
        @if listing.items.is_empty() { p { (lang.t(K::NoAmendments)) } }
        (items)
        (pages(frame, listing, place))
    };
    page(frame, Head { title: &title, private: true, ..Head::default() }, content)
}

/// The editorial amendments open or accepted on the head, apart, with the form that accepts
/// and merges all those that collide with none of the others.
fn editorial_section(frame: &Frame<'_>, listing: &Listing) -> Markup {
    let lang = frame.lang;
    let text = &listing.text;
    html! {
        section.editorial aria-labelledby="editorial-title" {
            h2 #editorial-title { (lang.t(K::EditorialHeading)) " (" (listing.editorial.len()) ")" }
            p.hint { (lang.t(K::EditorialExplanation)) }
            ul {
                @for amendment in &listing.editorial {
                    li {
                        (reference_link(amendment)) " " (state_badge(lang, amendment.state))
                        " " span.anchor { (anchor_label(lang, amendment.anchor)) }
                        @if !amendment.summary.is_empty() { " — " span dir="auto" { (amendment.summary) } }
                    }
                }
            }
            @if allows(frame.user.map(|user| user.role), Permission::Merge) {
                form.merge-editorial method="post" action={ "/texts/" (text.slug) "/merge-editorial" } {
                    (frame.tokens())
                    input type="hidden" name="base" value=(text.head);
                    @for amendment in &listing.editorial {
                        input type="hidden" name="amendments" value={ (amendment.id) "v" (amendment.version) };
                    }
                    button type="submit" { (lang.t(K::MergeEditorial)) }
                }
            }
        }
    }
}

/// One amendment on the review desk: its diff, state, rationale and the decision form.
/// `head` is the text's head; `selected` ticks it for the merge.
/// Its merge checkbox names the version shown, so that a merge takes the wording the
/// drafter saw or is refused (rule 8b).
pub fn review_item(
    lang: Lang,
    tokens: FormTokens<'_>,
    item: &AmendmentItem,
    head: u32,
    needed: u32,
    selected: bool,
) -> Markup {
    let amendment = &item.amendment;
    let on_head = amendment.anchor.revision == head;
    html! {
        article id={ "a-" (amendment.id) } class={ "amendment review state-" (amendment.state.as_str()) } {
            header {
                @if amendment.state == AmendmentState::Accepted && on_head {
                    label.select {
                        input type="checkbox" name="amendments" value={ (amendment.id) "v" (amendment.version) } form="merge-form" checked[selected];
                        span.visually-hidden { (lang.f(K::SelectForMerge, &[Arg::text("reference", &amendment.reference)])) }
                    }
                }
                h2 { (reference_link(amendment)) }
                (state_badge(lang, amendment.state))
                (rebased_badge(lang, amendment))
                (editorial_badge(lang, amendment))
                span.anchor { (anchor_label(lang, amendment.anchor)) " · " (printed_label(lang, &item.printed)) }
                @if !on_head { span.stale { (lang.f(K::AnchoredOnRevision, &[Arg::number("revision", amendment.anchor.revision)])) } }
                span.author { (lang.f(K::ByAuthor, &[Arg::text("author", shown_name(lang, &amendment.author.name))])) }
                (co_signers(lang, amendment, needed))
            }
            @if !amendment.summary.is_empty() { p.summary dir="auto" { (amendment.summary) } }
            @if amendment.tally.total() > 0 { (tally_bars(lang, amendment.tally)) }
            (proposal_diff(lang, &item.anchored_lines, &amendment.new_lines, amendment.anchor))
            @if let Some(decided) = &amendment.decided_lines {
                h3 { (lang.t(K::AcceptedVersion)) }
                (proposal_diff(lang, &item.anchored_lines, decided, amendment.anchor))
            }
            details.rationale {
                summary { (lang.t(K::Rationale)) }
                @for paragraph in amendment.rationale.split('\n').filter(|p| !p.trim().is_empty()) { p dir="auto" { (paragraph) } }
            }
            @if amendment.state.decidable() && on_head {
                (decision_form(lang, tokens, amendment, "review", &DecisionDraft::default()))
            } @else if amendment.state == AmendmentState::Outdated {
                p.hint { (lang.t(K::OutdatedForDrafters)) }
            } @else {
                p.hint { (lang.f(K::NoDecisionInState, &[Arg::text("state", state_name(lang, amendment.state))])) }
            }
        }
    }
}

/// The merge preview: the amendments chosen, the pairs that collide, and the text the merge
/// would make as a diff from the head, with the merge form again when the viewer may merge
/// them all. `collisions` is the collisions named in words, when there are.
pub fn merge_preview_page(
    frame: &Frame<'_>,
    preview: &crate::actions::merge::MergePreview,
    collisions: Option<&str>,
    summary: &str,
) -> Markup {
    let lang = frame.lang;
    let text = &preview.text;
    let title = lang.f(K::PreviewMergeTitle, &[Arg::text("title", &text.title)]);
    let may_merge =
        crate::auth::allows(frame.user.map(|user| user.role), crate::auth::Permission::Merge) && preview.may_merge;
    let content = html! {
        header.text-header {
            p.kicker { a href={ "/texts/" (text.slug) } dir="auto" { (text.title) } }
            h1 { (lang.t(K::PreviewMergeButton)) }
            (text_nav(frame, text, "review"))
        }
        p { (lang.f(K::PreviewMergeExplanation, &[Arg::number("revision", preview.head.info.number)])) }
        @if let Some(collisions) = collisions { (notice("warning", &lang.f(K::PreviewMergeCollisions, &[Arg::text("collisions", collisions)]))) }
        h2 { (lang.t(K::PreviewMergeChosen)) }
        ul.chosen {
            @for amendment in &preview.amendments {
                li {
                    (reference_link(amendment)) " " (state_badge(lang, amendment.state))
                    " " span.anchor { (anchor_label(lang, amendment.anchor)) }
                    @if preview.left_out.contains(&amendment.id) { " — " strong { (lang.t(K::PreviewMergeLeftOut)) } }
                }
            }
        }
        @if preview.head.lines == preview.lines {
            p { (lang.t(K::NoDifference)) }
        } @else {
            div.scroll { (super::components::inline_diff(lang, &preview.head.lines, &preview.lines, 1, 1, true)) }
        }
        @if preview.left_out.is_empty() {
            @let ids = preview.amendments.iter().map(|amendment| amendment.id.to_string()).collect::<Vec<_>>().join(",");
            p.exports {
                (lang.t(K::TrackedDownload)) " "
                a href={ "/texts/" (text.slug) "/export.odt?amendments=" (ids) } download { "ODT" } " · "
                a href={ "/texts/" (text.slug) "/export.docx?amendments=" (ids) } download { "DOCX" }
            }
        }
        @if may_merge {
            form.merge method="post" action={ "/texts/" (text.slug) "/merge" } {
                (frame.tokens())
                input type="hidden" name="base" value=(preview.head.info.number);
                @for amendment in &preview.amendments {
                    input type="hidden" name="amendments" value={ (amendment.id) "v" (amendment.version) };
                }
                label for="merge-summary" { (lang.t(K::MergeSummary)) }
                input #merge-summary type="text" name="summary" dir="auto" value=(summary);
                button type="submit" { (lang.t(K::MergeSelected)) }
            }
        }
        p { a href={ "/texts/" (text.slug) "/review" } { (lang.t(K::PreviewMergeBack)) } }
    };
    page(frame, Head { title: &title, private: true, ..Head::default() }, content)
}

/// The groups of competing amendments on the head (issue 10, part 3): each group in the
/// suggested order of decision, each amendment with what adopting it makes impossible.
pub fn alternatives_page(frame: &Frame<'_>, view: &AlternativesView) -> Markup {
    let lang = frame.lang;
    let text = &view.text;
    let title = lang.f(K::AlternativesTitle, &[Arg::text("title", &text.title)]);
    let content = html! {
        header.text-header {
            p.kicker { a href={ "/texts/" (text.slug) } dir="auto" { (text.title) } }
            h1 { (lang.t(K::AlternativesHeading)) }
            (text_nav(frame, text, "review"))
            p.meta { (lang.f(K::RevisionNumber, &[Arg::number("revision", text.head)])) }
        }
        p.hint { (lang.t(K::AlternativesExplanation)) }
        @if !view.complete { p.hint { strong { (lang.t(K::AlternativesIncomplete)) } } }
        @if view.groups.is_empty() { p { (lang.t(K::AlternativesNone)) } }
        @for group in &view.groups {
            section.alternatives {
                h2 { (lang.f(K::AlternativesGroup, &[Arg::count("count", group.len())])) }
                ol {
                    @for Alternative { amendment, reach, excludes } in group {
                        li {
                            (reference_link(amendment)) " " (state_badge(lang, amendment.state)) (editorial_badge(lang, amendment))
                            " " span.anchor { (anchor_label(lang, amendment.anchor)) }
                            " · " span.author { (shown_name(lang, &amendment.author.name)) }
                            " · " span.reach { (lang.f(K::CompetingReach, &[Arg::count("count", *reach)])) }
                            @if !amendment.summary.is_empty() { br; span dir="auto" { (amendment.summary) } }
                            br;
                            span.excludes { (lang.f(K::AlternativesExcludes, &[Arg::text("references", excludes.join(lang.t(K::ListSeparator)))])) }
                        }
                    }
                }
            }
        }
    };
    page(frame, Head { title: &title, private: true, ..Head::default() }, content)
}
