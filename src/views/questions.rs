//! Questions on the pages: a text's questions with their results as bars (one per choice,
//! in SVG), the member's answer form, and the drafters' form that asks one.

use maud::{Markup, html};

use super::Frame;
use super::components::line_content;
use super::layout::{Head, notice, page};
use crate::actions::questions::{MyAnswer, QuestionView};
use crate::auth::{Permission, allows};
use crate::domain::limits::{MAX_CHOICE_CHARS, MAX_QUESTION_CHARS};
use crate::domain::model::{Text, Timestamp};
use crate::i18n::{Arg, K};

/// What a drafter typed in the ask form, shown again after a refusal.
#[derive(Default)]
pub struct AskDraft<'a> {
    pub prompt: &'a str,
    pub choices: &'a str,
    pub line: &'a str,
    pub closes_at: &'a str,
    pub log_in: bool,
}

/// One question: what it asks (about which alinéa), until when, its results as one bar per
/// choice with counts, and the member's form while it is open.
fn question_card(frame: &Frame<'_>, text: &Text, shown: &QuestionView, now: Timestamp, error: Option<&str>) -> Markup {
    let lang = frame.lang;
    let question = &shown.question;
    let total: u32 = question.tallies.iter().fold(0u32, |sum, count| sum.saturating_add(*count));
    let open = question.closes_at > now;
    // Answers are taken while the question is open and its text discussed.
    let may_answer = open
        && crate::actions::COMMENTING.contains(&text.phase)
        && frame.user.is_some_and(|user| allows(Some(user.role), Permission::Propose));
    html! {
        article.question id={ "q-" (question.id) } {
            h2 dir="auto" { (question.prompt) }
            @if let (Some((_, line)), Some(words)) = (question.paragraph, &shown.paragraph) {
                blockquote.quoted-paragraph {
                    p.hint { (lang.f(K::QuestionOnParagraph, &[Arg::number("paragraph", line)])) }
                    (line_content(words))
                }
            }
            p.meta {
                @if open {
                    (lang.f(K::QuestionOpenUntil, &[Arg::text("date", lang.date_time(question.closes_at))]))
                } @else {
                    (lang.f(K::QuestionClosedOn, &[Arg::text("date", lang.date_time(question.closes_at))]))
                }
                " · " (lang.f(K::AnswersCount, &[Arg::count("count", total)]))
            }
            ol.results {
                @for (index, choice) in question.choices.iter().enumerate() {
                    @let count = question.tallies.get(index).copied().unwrap_or(0);
                    @let width = u64::from(count) * 1_000 / u64::from(total.max(1));
                    li {
                        span.choice dir="auto" { (choice) }
                        @if shown.mine == MyAnswer::Given(index) { " " span.badge { (lang.t(K::MyAnswer)) } }
                        svg.tally-bar viewBox="0 0 1000 10" preserveAspectRatio="none" aria-hidden="true" focusable="false" {
                            rect class="vote-for" x="0" y="0" width=(width) height="10" {}
                        }
                        span.tally-counts { (lang.f(K::ChoiceCount, &[Arg::count("count", count), Arg::count("percent", width / 10)])) }
                    }
                }
            }
            @if shown.mine == MyAnswer::Sealed { p.hint { (lang.t(K::AnswerSealed)) } }
            @if let Some(error) = error { (notice("error", error)) }
            @if may_answer && shown.mine != MyAnswer::Sealed {
                form.answer method="post" action={ "/questions/" (question.id) "/answer" } {
                    (frame.tokens())
                    fieldset {
                        legend { (lang.t(K::YourAnswer)) }
                        @for (index, choice) in question.choices.iter().enumerate() {
                            label.choice {
                                input type="radio" name="choice" value=(index) required checked[shown.mine == MyAnswer::Given(index)];
                                span dir="auto" { (choice) }
                            }
                        }
                    }
                    button type="submit" { (lang.t(if matches!(shown.mine, MyAnswer::Given(_)) { K::ChangeAnswer } else { K::SendAnswer })) }
                }
                p.hint { (lang.t(K::AnswersSecretNote)) }
            }
        }
    }
}

/// A text's questions, newest first, and for drafters the form that asks one. `error`
/// goes above the ask form, or above the answer form of question `failed`.
pub fn questions_page(
    frame: &Frame<'_>,
    text: &Text,
    questions: &[QuestionView],
    draft: &AskDraft<'_>,
    error: Option<&str>,
    failed: Option<i64>,
    now: Timestamp,
) -> Markup {
    let lang = frame.lang;
    let title = lang.f(K::QuestionsOf, &[Arg::text("title", &text.title)]);
    let content = html! {
        header.text-header {
            p.kicker { a href={ "/texts/" (text.slug) } dir="auto" { (text.title) } }
            h1 { (lang.t(K::QuestionsTitle)) }
            (super::text::text_nav(frame, text, "questions"))
        }
        @if questions.is_empty() { p { (lang.t(K::NoQuestions)) } }
        @for shown in questions {
            (question_card(frame, text, shown, now, if failed == Some(shown.question.id) { error } else { None }))
        }
        @if frame.user.is_some_and(|user| allows(Some(user.role), Permission::Decide)) {
            h2 #ask { (lang.t(K::AskQuestion)) }
            @if failed.is_none() { @if let Some(error) = error { (notice("error", error)) } }
            form.ask method="post" action={ "/texts/" (text.slug) "/questions" } {
                (frame.tokens())
                label for="prompt" { (lang.t(K::FieldQuestion)) }
                input #prompt type="text" name="prompt" dir="auto" value=(draft.prompt) maxlength=(MAX_QUESTION_CHARS) required;
                label for="choices" { (lang.t(K::FieldChoices)) }
                p.hint #choices-hint { (lang.t(K::ChoicesHint)) }
                textarea #choices name="choices" rows="5" dir="auto" aria-describedby="choices-hint" data-max=(MAX_CHOICE_CHARS) required { (draft.choices) }
                label for="line" { (lang.t(K::FieldQuestionParagraph)) }
                input #line type="number" name="line" min="1" value=(draft.line);
                label for="closes_at" { (lang.t(K::FieldClosesAt)) }
                input #closes_at type="datetime-local" name="closes_at" value=(draft.closes_at) required;
                @if draft.log_in { (super::account::login_fields(lang)) }
                button type="submit" { (lang.t(K::AskQuestion)) }
            }
        }
    };
    page(frame, Head { title: &title, ..Head::default() }, content)
}
