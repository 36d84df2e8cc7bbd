//! Questions (DESIGN, "Questions"): internal polls a drafter puts to members, on a text or
//! one of its alinéas, open until a deadline. One answer per member, changeable while the
//! question is open, always secret: filed under a ballot number only the member's own
//! sessions can compute, as secret votes are (`votes`).

use crate::auth::{BallotKey, Permission};
use crate::domain::fields;
use crate::domain::model::{Question, Text, Timestamp};
use crate::store::{self, BallotBox, NewQuestion, now};

use super::{
    Acting, ActionError, ActionResult, COMMENTING, Conflict, Done, Invalid, Site, Viewer, answered, may_read,
    remember_submission, require, require_phase, visible_text,
};

/// Choices a question offers, at least and at most.
pub const QUESTION_CHOICES: std::ops::RangeInclusive<usize> = 2..=10;
/// How far ahead a question may close.
pub const MAX_QUESTION_DAYS: i64 = 366;

/// What a drafter asks.
pub struct Asking<'a> {
    pub prompt: &'a str,
    pub choices: &'a [String],
    /// The alinéa of the head asked about (1-based), or none for the whole text.
    pub line: Option<u32>,
    pub closes_at: Timestamp,
}

/// A question as its reader sees it: the member's own answer where their key reads it.
pub struct QuestionView {
    pub question: Question,
    pub mine: MyAnswer,
    /// The alinéa asked about, with its words on the revision it was asked on.
    pub paragraph: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MyAnswer {
    NotGiven,
    Given(usize),
    /// Given under a former password: it counts, and cannot be read or changed.
    Sealed,
}

fn answer_number(key: &BallotKey, question: i64, member: i64) -> store::BallotNumber {
    key.ballot(&format!("question:{question}:member:{member}"))
}

/// The ballot numbers of a member's answers under two keys, for a password change.
pub(super) fn answers_to_move(
    tx: &rusqlite::Connection,
    member: i64,
    old: &BallotKey,
    new: &BallotKey,
) -> ActionResult<Vec<(BallotBox, store::BallotNumber, store::BallotNumber)>> {
    Ok(store::questions_answered_by(tx, member)?
        .into_iter()
        .map(|id| (BallotBox::Question(id), answer_number(old, id, member), answer_number(new, id, member)))
        .collect())
}

fn my_answer(
    tx: &rusqlite::Connection,
    question: &Question,
    member: i64,
    key: Option<&BallotKey>,
) -> ActionResult<MyAnswer> {
    if !store::answered_question(tx, question.id, member)? {
        return Ok(MyAnswer::NotGiven);
    }
    let Some(key) = key else { return Ok(MyAnswer::Sealed) };
    let number = answer_number(key, question.id, member);
    let answers = store::raw_ballots(tx, BallotBox::Question(question.id))?;
    Ok(match answers.binary_search_by(|(filed, _)| filed.cmp(&number)) {
        Ok(at) => MyAnswer::Given(usize::from(answers[at].1)),
        Err(_) => MyAnswer::Sealed,
    })
}

fn view(
    site: &Site,
    tx: &rusqlite::Connection,
    viewer: Viewer<'_>,
    key: Option<&BallotKey>,
    question: Question,
) -> ActionResult<QuestionView> {
    let mine = match viewer {
        Some(member) => my_answer(tx, &question, member.id, key)?,
        None => MyAnswer::NotGiven,
    };
    let paragraph = match question.paragraph {
        Some((revision, line)) => {
            let revision = site.revision_in_write(tx, question.text_id, revision)?;
            (line as usize).checked_sub(1).and_then(|index| revision.lines.get(index)).cloned()
        }
        None => None,
    };
    Ok(QuestionView { question, mine, paragraph })
}

/// A drafter asks members a question during the consultation or review. Errors: 404 for a
/// text the viewer cannot see; `PhaseClosed`; `Invalid` for a prompt or choice empty or too
/// long, fewer than 2 or more than 10 choices, two choices alike, an alinéa the head does
/// not have, a deadline passed or more than a year away.
pub fn ask(
    site: &Site,
    viewer: Viewer<'_>,
    slug: &str,
    asking: &Asking<'_>,
    acting: &Acting,
) -> ActionResult<Done<Question>> {
    let drafter = require(viewer, Permission::Decide)?;
    let prompt = fields::question(asking.prompt)?;
    let mut choices = Vec::with_capacity(asking.choices.len());
    for choice in asking.choices.iter().filter(|choice| !choice.trim().is_empty()) {
        let choice = fields::choice(choice)?;
        if choices.iter().any(|earlier: &String| earlier.to_lowercase() == choice.to_lowercase()) {
            return Err(Invalid::ChoicesAlike.into());
        }
        choices.push(choice);
    }
    if !QUESTION_CHOICES.contains(&choices.len()) {
        return Err(Invalid::ChoiceCount { min: *QUESTION_CHOICES.start(), max: *QUESTION_CHOICES.end() }.into());
    }
    let now = now();
    if asking.closes_at <= now {
        return Err(Invalid::DeadlinePassed.into());
    }
    if asking.closes_at > now + MAX_QUESTION_DAYS * 86_400 {
        return Err(Invalid::DeadlineTooFar { max_days: MAX_QUESTION_DAYS }.into());
    }
    site.store.write(|tx| {
        let text = visible_text(tx, viewer, slug)?;
        if let Some(outcome) = answered(tx, drafter, acting.once.as_ref())? {
            let id = outcome.strip_prefix("question:").and_then(|id| id.parse().ok()).ok_or(ActionError::NotFound)?;
            return Ok(Done::repeated(store::question(tx, id)?.ok_or(ActionError::NotFound)?));
        }
        require_phase(&text, COMMENTING)?;
        let paragraph = match asking.line {
            Some(line) => {
                let head = site.revision_in_write(tx, text.id, text.head)?;
                let count = head.lines.len() as u32;
                if line == 0 || line > count {
                    return Err(Invalid::NoSuchParagraph { line, count }.into());
                }
                Some((text.head, line))
            }
            None => None,
        };
        let new = NewQuestion {
            text_id: text.id,
            author_id: drafter.id,
            prompt: &prompt,
            choices: &choices,
            paragraph,
            closes_at: asking.closes_at,
        };
        let id = store::insert_question(tx, &new, now)?;
        remember_submission(tx, drafter, acting.once.as_ref(), &format!("question:{id}"), now)?;
        let question = store::question(tx, id)?.ok_or(ActionError::NotFound)?;
        super::search::index_question(tx, &question)?;
        Ok(Done::new(question))
    })
}

/// A member answers an open question (choice: the index of one of its choices); answering
/// again changes the answer, and the same answer again changes nothing. `key` is the ballot
/// key of their session or token. No submission record is kept: it would tie the member to
/// a fingerprint of their answer and date it. Errors: 404 for a question the viewer cannot
/// see; `PhaseClosed` outside its text's consultation and review; `QuestionClosed` past its
/// deadline; `Invalid` for a choice it does not offer; `NoBallotKey`, `BallotSealed`.
pub fn answer(
    site: &Site,
    viewer: Viewer<'_>,
    key: Option<&BallotKey>,
    id: i64,
    choice: usize,
) -> ActionResult<Done<QuestionView>> {
    let member = require(viewer, Permission::Propose)?;
    site.store.write(|tx| {
        let (text, question) = visible_question(tx, viewer, id)?;
        let key = key.ok_or(Conflict::NoBallotKey)?;
        require_phase(&text, COMMENTING)?;
        if question.closes_at <= now() {
            return Err(Conflict::QuestionClosed.into());
        }
        if choice >= question.choices.len() {
            return Err(Invalid::UnknownChoice { count: question.choices.len() }.into());
        }
        let mut tallies = question.tallies.clone();
        match my_answer(tx, &question, member.id, Some(key))? {
            MyAnswer::Sealed => return Err(Conflict::BallotSealed { reference: format!("Q{id}") }.into()),
            MyAnswer::Given(before) if before == choice => {
                return Ok(Done::repeated(view(site, tx, viewer, Some(key), question)?));
            }
            MyAnswer::Given(before) => {
                if let Some(count) = tallies.get_mut(before) {
                    *count = count.saturating_sub(1);
                }
            }
            MyAnswer::NotGiven => store::record_respondent(tx, id, member.id)?,
        }
        let unknown = || Invalid::UnknownChoice { count: question.choices.len() };
        *tallies.get_mut(choice).ok_or_else(unknown)? += 1;
        let byte = u8::try_from(choice).map_err(|_| unknown())?;
        store::file_raw(tx, BallotBox::Question(id), &answer_number(key, id, member.id), byte)?;
        store::set_question_tallies(tx, id, &tallies)?;
        let question = store::question(tx, id)?.ok_or(ActionError::NotFound)?;
        Ok(Done::new(view(site, tx, viewer, Some(key), question)?))
    })
}

/// A question and its text, if the viewer may read the text.
fn visible_question(tx: &rusqlite::Connection, viewer: Viewer<'_>, id: i64) -> ActionResult<(Text, Question)> {
    let question = store::question(tx, id)?.ok_or(ActionError::NotFound)?;
    let text = store::text_by_id(tx, question.text_id)?.filter(|text| may_read(viewer, text));
    Ok((text.ok_or(ActionError::NotFound)?, question))
}

/// A text's questions, newest first, with the viewer's own answers.
pub fn questions(
    site: &Site,
    viewer: Viewer<'_>,
    key: Option<&BallotKey>,
    slug: &str,
) -> ActionResult<Vec<QuestionView>> {
    site.store.read(|tx| {
        let text = visible_text(tx, viewer, slug)?;
        store::questions_of(tx, text.id)?.into_iter().map(|question| view(site, tx, viewer, key, question)).collect()
    })
}

/// One question, with the viewer's own answer.
pub fn question(site: &Site, viewer: Viewer<'_>, key: Option<&BallotKey>, id: i64) -> ActionResult<QuestionView> {
    site.store.read(|tx| {
        let (_, question) = visible_question(tx, viewer, id)?;
        view(site, tx, viewer, key, question)
    })
}
