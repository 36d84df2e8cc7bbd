//! Failures as responses: a localised page for browsers, `{"error": {code, message}}` for
//! the API, with the status each failure deserves. Internal causes are logged, never shown.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use super::api::{phase_names, state_names};
use super::context::{Lang, PageCtx};
use super::unreadable::Unreadable;
use crate::actions::{ActionError, Conflict, Invalid, Stale};
use crate::domain::fields::{Field, FieldProblem};
use crate::domain::limits::LinesError;
use crate::domain::roster::{RosterError, RowError, RowProblem};
use crate::domain::search::QueryError;
use crate::domain::span::AnchorError;
use crate::i18n::{Arg, K};
use crate::views;

/// Everything a request can fail with.
#[derive(Debug)]
pub enum Problem {
    Action(ActionError),
    /// An address, query, header or body that could not be read.
    Unreadable(Unreadable),
    PayloadTooLarge,
    NotFound,
    MethodNotAllowed,
    CsrfFailed,
    BadToken,
    /// The request's body stalled, or the request was not whole in time.
    TimedOut,
}

impl From<Unreadable> for Problem {
    fn from(unreadable: Unreadable) -> Self {
        Problem::Unreadable(unreadable)
    }
}

impl From<ActionError> for Problem {
    fn from(error: ActionError) -> Self {
        Problem::Action(error)
    }
}

impl Problem {
    pub fn status(&self) -> StatusCode {
        match self {
            Problem::Unreadable(unreadable) => unreadable.status(),
            Problem::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Problem::NotFound => StatusCode::NOT_FOUND,
            Problem::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Problem::CsrfFailed => StatusCode::FORBIDDEN,
            Problem::BadToken => StatusCode::UNAUTHORIZED,
            Problem::TimedOut => StatusCode::REQUEST_TIMEOUT,
            Problem::Action(error) => match error {
                ActionError::NotFound => StatusCode::NOT_FOUND,
                ActionError::Unauthenticated | ActionError::WrongCredentials => StatusCode::UNAUTHORIZED,
                ActionError::Forbidden => StatusCode::FORBIDDEN,
                ActionError::Invalid(Invalid::SearchQuery(_)) => StatusCode::BAD_REQUEST,
                ActionError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
                ActionError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
                ActionError::Conflict(_) => StatusCode::CONFLICT,
                ActionError::RateLimited | ActionError::TooFast { .. } => StatusCode::TOO_MANY_REQUESTS,
                ActionError::Store(_) | ActionError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            },
        }
    }

    /// The stable machine-readable code of the API's error body.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Unreadable(unreadable) => unreadable.code(),
            Problem::PayloadTooLarge => "too_large",
            Problem::NotFound => "not_found",
            Problem::MethodNotAllowed => "method_not_allowed",
            Problem::CsrfFailed => "csrf_failed",
            Problem::BadToken => "bad_token",
            Problem::TimedOut => "timeout",
            Problem::Action(error) => match error {
                ActionError::NotFound => "not_found",
                ActionError::Unauthenticated => "unauthenticated",
                ActionError::WrongCredentials => "wrong_credentials",
                ActionError::Forbidden => "forbidden",
                ActionError::TooLarge(_) => "too_large",
                ActionError::RateLimited => "too_many_attempts",
                ActionError::TooFast { .. } => "rate_limited",
                ActionError::Store(_) | ActionError::Internal(_) => "internal",
                ActionError::Invalid(invalid) => match invalid {
                    Invalid::Field(_) => "invalid_field",
                    Invalid::Anchor(_) => "invalid_anchor",
                    Invalid::UnknownRevision(_) => "unknown_revision",
                    Invalid::NoChange => "no_change",
                    Invalid::EmptyText => "empty_text",
                    Invalid::NothingToMerge => "nothing_to_merge",
                    Invalid::TooManyToMerge { .. } => "too_many_to_merge",
                    Invalid::MergeEmptiesText => "empty_text",
                    Invalid::RevisionRange { .. } => "revision_range",
                    Invalid::TooManyRevisions { .. } => "too_many_revisions",
                    Invalid::DuplicateAmendment(_) => "duplicate_amendment",
                    Invalid::NotEditorial(_) => "not_editorial",
                    Invalid::UnknownHunk { .. } => "invalid_field",
                    Invalid::ForeignAmendment(_) => "foreign_amendment",
                    Invalid::ControlCharacter { .. } => "control_character",
                    Invalid::SubmissionKeyReused => "submission_key_reused",
                    Invalid::UnknownTopic(_) => "unknown_topic",
                    Invalid::TokenLabel { .. } | Invalid::TokenLifetime { .. } => "invalid_field",
                    Invalid::DeadlineOutsideConsultation | Invalid::DeadlinePassed | Invalid::DeadlineTooFar { .. } => {
                        "invalid_deadline"
                    }
                    Invalid::OwnAmendment => "own_amendment",
                    Invalid::MinSupporters { .. } => "invalid_field",
                    Invalid::CommentPlace => "invalid_place",
                    Invalid::NoSuchParagraph { .. } => "invalid_anchor",
                    Invalid::ReplyToReply => "reply_to_reply",
                    Invalid::Roster(_) => "invalid_rows",
                    Invalid::MaxOpenPerMember { .. } | Invalid::PrintedWidth { .. } => "invalid_field",
                    Invalid::ChoicesAlike | Invalid::ChoiceCount { .. } => "invalid_choices",
                    Invalid::UnknownChoice { .. } => "unknown_choice",
                    Invalid::SearchQuery(_) => "bad_query",
                },
                ActionError::Conflict(conflict) => match conflict {
                    Conflict::Edit(_) => "edit_conflict",
                    Conflict::HeadMoved { .. } => "head_moved",
                    Conflict::Collisions(_) => "collision",
                    Conflict::AnchorTouched { .. } => "anchor_touched",
                    Conflict::PhaseClosed(_) => "phase_closed",
                    Conflict::AmendmentState { .. } => "invalid_state",
                    Conflict::NotOnHead { .. } => "not_on_head",
                    Conflict::SlugTaken | Conflict::TopicTaken => "slug_taken",
                    Conflict::QuorumNotReached { .. } => "quorum_not_reached",
                    Conflict::LoginTaken => "login_taken",
                    Conflict::Stale(_) => "stale_version",
                    Conflict::DuplicateProposal { .. } => "duplicate_proposal",
                    Conflict::VotesCast { .. } => "votes_cast",
                    Conflict::CommentClosed => "comment_closed",
                    Conflict::NoBallotKey => "no_ballot_key",
                    Conflict::BallotSealed { .. } => "ballot_sealed",
                    Conflict::LastAdmin => "last_admin",
                    Conflict::MemberInactive => "member_inactive",
                    Conflict::InvitationExpired => "invitation_expired",
                    Conflict::AccountDeactivated => "account_deactivated",
                    Conflict::TooManyOpen { .. } => "too_many_open",
                    Conflict::QuestionClosed => "question_closed",
                },
            },
        }
    }

    /// What the user reads, in their language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Problem::Unreadable(unreadable) => unreadable.message(lang),
            Problem::PayloadTooLarge => lang.t(K::ErrPayloadTooLarge).to_owned(),
            Problem::NotFound => lang.t(K::ErrNotFound).to_owned(),
            Problem::MethodNotAllowed => lang.t(K::ErrMethodNotAllowed).to_owned(),
            Problem::CsrfFailed => lang.t(K::ErrCsrf).to_owned(),
            Problem::BadToken => lang.t(K::ErrBadToken).to_owned(),
            Problem::TimedOut => lang.t(K::ErrTimedOut).to_owned(),
            Problem::Action(error) => action_message(lang, error),
        }
    }

    /// Structured details the API adds to some errors.
    fn details(&self, lang: Lang) -> Option<ErrorDetails> {
        if let Problem::Action(ActionError::Invalid(Invalid::Roster(RosterError::Rows(rows)))) = self {
            let rows = rows.iter().map(|row| RowJson { line: row.line, message: row_message(lang, row) }).collect();
            return Some(ErrorDetails::Rows(RowsDetails { rows }));
        }
        let Problem::Action(ActionError::Conflict(conflict)) = self else {
            return None;
        };
        match conflict {
            // Rule 2: the conflict shows both versions, so that a client can reconcile them:
            // the head's by its number, the one sent as the changes from the head to it (the
            // whole texts would be megabytes per refusal, mostly lines both sides share).
            Conflict::Edit(edit) => Some(ErrorDetails::EditConflict(EditConflictDetails {
                base: edit.base,
                head: edit.head,
                changes: super::api::changes(&edit.head_revision.lines, &edit.your_lines),
            })),
            Conflict::HeadMoved { head } => Some(ErrorDetails::HeadMoved(HeadMovedDetails { head: *head })),
            Conflict::Collisions(reports) => Some(ErrorDetails::Collisions(CollisionDetails {
                collisions: reports.iter().map(CollisionJson::of).collect(),
            })),
            Conflict::Stale(stale) => Some(match stale.as_ref() {
                Stale::Amendment(stale) => {
                    let current = &stale.current;
                    ErrorDetails::StaleAmendment(StaleAmendmentDetails {
                        seen: stale.seen,
                        version: current.version,
                        state: current.state.as_str(),
                        anchor: super::api::AnchorJson::from(current.anchor),
                        new_lines: current.new_lines.clone(),
                        decided_lines: current.decided_lines.clone(),
                    })
                }
                Stale::Text { head, phase, .. } => {
                    ErrorDetails::StaleText(StaleTextDetails { head: *head, phase: phase.as_str() })
                }
            }),
            Conflict::DuplicateProposal { id, reference } => Some(ErrorDetails::Existing(ExistingDetails {
                existing: CollidingJson { id: *id, reference: reference.clone() },
            })),
            _ => None,
        }
    }

    fn log(&self) {
        if let Problem::Action(error @ (ActionError::Store(_) | ActionError::Internal(_))) = self {
            tracing::error!("request failed: {error}");
        }
    }
}

fn field_name(lang: Lang, field: Field) -> &'static str {
    lang.t(match field {
        Field::Slug => K::FieldSlug,
        Field::Title => K::FieldTitle,
        Field::Summary => K::FieldSummary,
        Field::Rationale => K::FieldRationale,
        Field::Note => K::FieldNote,
        Field::Description => K::FieldDescription,
        Field::Comment => K::FieldComment,
        Field::Reason => K::FieldHideReason,
        Field::Login => K::FieldLogin,
        Field::Name => K::FieldName,
        Field::Email => K::FieldEmail,
        Field::Question => K::FieldQuestion,
        Field::Choice => K::FieldChoice,
        Field::Password => K::FieldPassword,
    })
}

/// One bad row of a member list: its line and what is wrong, in the reader's language.
pub fn row_message(lang: Lang, row: &RowError) -> String {
    let problem = match &row.problem {
        RowProblem::Field(error) => action_message(lang, &ActionError::Invalid(Invalid::Field(*error))),
        RowProblem::UnknownRole(role) => lang.f(K::ErrRowRole, &[Arg::text("role", role)]),
        RowProblem::DuplicateLogin { first_line } => lang.f(K::ErrRowDuplicate, &[Arg::number("line", first_line)]),
        RowProblem::LoginTaken => lang.t(K::ErrLoginTaken).to_owned(),
        RowProblem::Columns { found } => lang.f(K::ErrRowColumns, &[Arg::count("count", *found)]),
        RowProblem::Unreadable => lang.t(K::ErrRowUnreadable).to_owned(),
    };
    lang.f(K::RowLine, &[Arg::number("line", row.line), Arg::text("problem", problem)])
}

fn action_message(lang: Lang, error: &ActionError) -> String {
    match error {
        ActionError::NotFound => lang.t(K::ErrNotFound).to_owned(),
        ActionError::Unauthenticated => lang.t(K::ErrUnauthenticated).to_owned(),
        ActionError::WrongCredentials => lang.t(K::ErrWrongCredentials).to_owned(),
        ActionError::Forbidden => lang.t(K::ErrForbidden).to_owned(),
        ActionError::RateLimited => lang.t(K::ErrRateLimited).to_owned(),
        ActionError::TooFast { kind, wait_seconds } => {
            let key = match kind {
                crate::actions::pace::Paced::Proposal => K::ErrTooFastProposals,
                crate::actions::pace::Paced::Comment => K::ErrTooFastComments,
            };
            lang.f(key, &[Arg::count("minutes", wait_seconds.div_ceil(60).max(1))])
        }
        ActionError::Store(_) | ActionError::Internal(_) => lang.t(K::ErrInternal).to_owned(),
        ActionError::TooLarge(lines) => match lines {
            LinesError::TooManyChars { chars, max } => {
                lang.f(K::ErrTooManyChars, &[Arg::count("chars", *chars), Arg::count("max", *max)])
            }
            LinesError::TooManyLines { lines, max } => {
                lang.f(K::ErrTooManyParagraphs, &[Arg::count("count", *lines), Arg::count("max", *max)])
            }
            LinesError::LineTooLong { line, chars, max } => lang.f(
                K::ErrParagraphTooLong,
                &[Arg::number("paragraph", line), Arg::count("chars", *chars), Arg::count("max", *max)],
            ),
            LinesError::ControlCharacter { line } => lang.f(K::ErrControlCharacter, &[Arg::number("paragraph", line)]),
        },
        ActionError::Invalid(invalid) => match invalid {
            Invalid::Field(error) => {
                let field = Arg::text("field", field_name(lang, error.field));
                match error.problem {
                    FieldProblem::Missing => lang.f(K::ErrFieldMissing, &[field]),
                    FieldProblem::TooLong { max } => lang.f(K::ErrFieldTooLong, &[field, Arg::count("max", max)]),
                    FieldProblem::TooShort { min } => lang.f(K::ErrFieldTooShort, &[field, Arg::count("min", min)]),
                    FieldProblem::BadCharacters => match error.field {
                        Field::Slug => lang.t(K::ErrSlugCharacters).to_owned(),
                        Field::Login => lang.t(K::ErrLoginCharacters).to_owned(),
                        _ => lang.f(K::ErrFieldCharacters, &[field]),
                    },
                    FieldProblem::Reserved => lang.f(K::ErrFieldReserved, &[field]),
                }
            }
            Invalid::Anchor(AnchorError::StartIsZero) => lang.t(K::ErrAnchorZero).to_owned(),
            Invalid::Anchor(AnchorError::OutsideRevision { start, end, len }) => {
                // `end` is exclusive, and equals `start` for an insertion.
                let last = end.saturating_sub(1).max(*start);
                let targeted = [
                    Arg::number("start", start),
                    Arg::number("end", last),
                    Arg::count("span", last - start + 1),
                    Arg::count("count", *len),
                ];
                lang.f(K::ErrAnchorOutside, &targeted)
            }
            Invalid::UnknownRevision(number) => lang.f(K::ErrUnknownRevision, &[Arg::number("revision", number)]),
            Invalid::NoChange => lang.t(K::ErrNoChange).to_owned(),
            Invalid::EmptyText => lang.t(K::ErrEmptyText).to_owned(),
            Invalid::NothingToMerge => lang.t(K::ErrNothingToMerge).to_owned(),
            Invalid::TooManyToMerge { max } => lang.f(K::ErrTooManyToMerge, &[Arg::count("max", *max)]),
            Invalid::MergeEmptiesText => lang.t(K::ErrMergeEmptiesText).to_owned(),
            Invalid::RevisionRange { from, to } => {
                lang.f(K::ErrRevisionRange, &[Arg::number("from", *from), Arg::number("to", *to)])
            }
            Invalid::TooManyRevisions { max } => lang.f(K::ErrTooManyRevisions, &[Arg::number("max", *max)]),
            Invalid::UnknownHunk { index, count } => {
                lang.f(K::ErrUnknownHunk, &[Arg::number("index", *index), Arg::count("count", *count)])
            }
            Invalid::NotEditorial(reference) => lang.f(K::ErrNotEditorial, &[Arg::text("reference", reference)]),
            Invalid::DuplicateAmendment(reference) => {
                lang.f(K::ErrDuplicateAmendment, &[Arg::text("reference", reference)])
            }
            Invalid::ForeignAmendment(id) => lang.f(K::ErrForeignAmendment, &[Arg::number("id", id)]),
            Invalid::ControlCharacter { line } => lang.f(K::ErrControlCharacter, &[Arg::number("paragraph", line)]),
            Invalid::SubmissionKeyReused => lang.t(K::ErrSubmissionKeyReused).to_owned(),
            Invalid::UnknownTopic(topic) => lang.f(K::ErrUnknownTopic, &[Arg::text("topic", topic)]),
            Invalid::TokenLabel { max } => lang.f(K::ErrTokenLabel, &[Arg::count("max", *max)]),
            Invalid::TokenLifetime { min, max } => {
                lang.f(K::ErrTokenLifetime, &[Arg::count("min", *min), Arg::count("max", *max)])
            }
            Invalid::DeadlineOutsideConsultation => lang.t(K::ErrDeadlineOutsideConsultation).to_owned(),
            Invalid::DeadlinePassed => lang.t(K::ErrDeadlinePassed).to_owned(),
            Invalid::DeadlineTooFar { max_days } => lang.f(K::ErrDeadlineTooFar, &[Arg::count("days", *max_days)]),
            Invalid::OwnAmendment => lang.t(K::ErrOwnAmendment).to_owned(),
            Invalid::MinSupporters { max } => lang.f(K::ErrMinSupporters, &[Arg::count("max", *max)]),
            Invalid::CommentPlace => lang.t(K::ErrCommentPlace).to_owned(),
            Invalid::NoSuchParagraph { line, count } => {
                lang.f(K::ErrNoSuchParagraph, &[Arg::number("paragraph", line), Arg::number("count", count)])
            }
            Invalid::ReplyToReply => lang.t(K::ErrReplyToReply).to_owned(),
            Invalid::ChoicesAlike => lang.t(K::ErrChoicesAlike).to_owned(),
            Invalid::ChoiceCount { min, max } => {
                lang.f(K::ErrChoiceCount, &[Arg::count("min", *min), Arg::count("max", *max)])
            }
            Invalid::UnknownChoice { count } => lang.f(K::ErrUnknownChoice, &[Arg::count("count", *count)]),
            Invalid::SearchQuery(QueryError::TooLong { max }) => lang.f(K::ErrQueryTooLong, &[Arg::count("max", *max)]),
            Invalid::SearchQuery(QueryError::TooManyTerms { max }) => {
                lang.f(K::ErrQueryTooManyTerms, &[Arg::count("max", *max)])
            }
            Invalid::SearchQuery(QueryError::PrefixTooShort { min }) => {
                lang.f(K::ErrQueryPrefixTooShort, &[Arg::count("min", *min)])
            }
            Invalid::MaxOpenPerMember { max } => lang.f(K::ErrMaxOpenPerMember, &[Arg::count("max", *max)]),
            Invalid::PrintedWidth { min, max } => {
                lang.f(K::ErrPrintedWidth, &[Arg::count("min", *min), Arg::count("max", *max)])
            }
            Invalid::Roster(RosterError::Empty) => lang.t(K::ErrRosterEmpty).to_owned(),
            Invalid::Roster(RosterError::TooManyRows { max }) => {
                lang.f(K::ErrRosterTooManyRows, &[Arg::count("max", *max)])
            }
            Invalid::Roster(RosterError::Rows(rows)) => {
                let shown: Vec<String> = rows.iter().take(20).map(|row| row_message(lang, row)).collect();
                let more = rows.len().saturating_sub(shown.len());
                let mut message =
                    lang.f(K::ErrRosterRows, &[Arg::count("count", rows.len()), Arg::text("rows", shown.join(" "))]);
                if more > 0 {
                    message.push(' ');
                    message.push_str(&lang.f(K::ErrRosterMore, &[Arg::count("count", more)]));
                }
                message
            }
        },
        ActionError::Conflict(conflict) => match conflict {
            Conflict::Edit(edit) => {
                lang.f(K::ErrEditConflict, &[Arg::number("base", edit.base), Arg::number("head", edit.head)])
            }
            Conflict::HeadMoved { head } => lang.f(K::ErrHeadMoved, &[Arg::number("head", head)]),
            Conflict::Collisions(reports) => {
                lang.f(K::ErrCollisions, &[Arg::text("collisions", collision_pairs(lang, reports))])
            }
            Conflict::AnchorTouched { base, head } => {
                lang.f(K::ErrAnchorTouched, &[Arg::number("base", base), Arg::number("head", head)])
            }
            Conflict::PhaseClosed(phase) => {
                lang.f(K::ErrPhaseClosed, &[Arg::text("phase", crate::i18n::phase_name(lang, *phase))])
            }
            Conflict::AmendmentState { reference, state } => {
                let state = crate::i18n::state_name(lang, *state);
                lang.f(K::ErrAmendmentState, &[Arg::text("reference", reference), Arg::text("state", state)])
            }
            Conflict::NotOnHead { reference, revision } => {
                lang.f(K::ErrNotOnHead, &[Arg::text("reference", reference), Arg::number("revision", revision)])
            }
            Conflict::SlugTaken => lang.t(K::ErrSlugTaken).to_owned(),
            Conflict::TopicTaken => lang.t(K::ErrTopicTaken).to_owned(),
            Conflict::QuorumNotReached { reference, supporters, needed } => lang.f(
                K::ErrQuorumNotReached,
                &[
                    Arg::text("reference", reference),
                    Arg::count("supporters", *supporters),
                    Arg::count("needed", *needed),
                ],
            ),
            Conflict::LoginTaken => lang.t(K::ErrLoginTaken).to_owned(),
            Conflict::Stale(stale) => match stale.as_ref() {
                Stale::Amendment(stale) => lang.f(
                    K::ErrStaleAmendment,
                    &[
                        Arg::text("reference", &stale.current.reference),
                        Arg::number("seen", stale.seen),
                        Arg::number("version", stale.current.version),
                    ],
                ),
                Stale::Text { head, phase, .. } => lang.f(
                    K::ErrStaleText,
                    &[Arg::number("revision", head), Arg::text("phase", crate::i18n::phase_name(lang, *phase))],
                ),
            },
            Conflict::DuplicateProposal { reference, .. } => {
                lang.f(K::ErrDuplicateProposal, &[Arg::text("reference", reference)])
            }
            Conflict::VotesCast { votes } => lang
                .t(match votes {
                    crate::domain::Secrecy::Secret => K::ErrVotesCastSecret,
                    crate::domain::Secrecy::Open => K::ErrVotesCastOpen,
                })
                .to_owned(),
            Conflict::NoBallotKey => lang.t(K::ErrNoBallotKey).to_owned(),
            Conflict::CommentClosed => lang.t(K::ErrCommentClosed).to_owned(),
            Conflict::BallotSealed { reference } => lang.f(K::ErrBallotSealed, &[Arg::text("reference", reference)]),
            Conflict::LastAdmin => lang.t(K::ErrLastAdmin).to_owned(),
            Conflict::MemberInactive => lang.t(K::ErrMemberInactive).to_owned(),
            Conflict::InvitationExpired => lang.t(K::ErrInvitationExpired).to_owned(),
            Conflict::AccountDeactivated => lang.t(K::ErrAccountDeactivated).to_owned(),
            Conflict::QuestionClosed => lang.t(K::ErrQuestionClosed).to_owned(),
            Conflict::TooManyOpen { max } => lang.f(K::ErrTooManyOpen, &[Arg::count("max", *max)]),
        },
    }
}

/// A failure on a page: rendered as a localised error page.
pub struct PageError {
    pub ctx: Box<PageCtx>,
    pub problem: Problem,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        self.problem.log();
        let status = self.problem.status();
        let message = self.problem.message(self.ctx.lang);
        (status, axum::response::Html(views::error::page(&self.ctx.frame(), status, &message).into_string()))
            .into_response()
    }
}

/// A failure in the API: `{"error": {"code", "message"}}`.
pub struct ApiError {
    pub lang: Lang,
    pub problem: Problem,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.problem.log();
        let error = ErrorJson {
            code: self.problem.code(),
            message: self.problem.message(self.lang),
            details: self.problem.details(self.lang),
        };
        (self.problem.status(), Json(ErrorBody { error })).into_response()
    }
}

/// Every error of the API.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorJson,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorJson {
    /// Stable and machine-readable, as `not_found`, `edit_conflict` or `invalid_anchor`.
    pub code: &'static str,
    /// For people, in the caller's language (`Accept-Language`, French by default).
    pub message: String,
    /// What a client needs to resolve some conflicts.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub details: Option<ErrorDetails>,
}

/// The details of `edit_conflict`, `head_moved` and `collision` errors. Each shape is
/// closed (no other fields), so that exactly one of them fits any details sent.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub enum ErrorDetails {
    EditConflict(EditConflictDetails),
    HeadMoved(HeadMovedDetails),
    Collisions(CollisionDetails),
    StaleAmendment(StaleAmendmentDetails),
    StaleText(StaleTextDetails),
    Existing(ExistingDetails),
    Rows(RowsDetails),
}

/// `invalid_rows`: every bad row of a member list.
#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RowsDetails {
    pub rows: Vec<RowJson>,
}

/// A bad row: its line in the file (1-based) and what is wrong with it.
#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RowJson {
    pub line: usize,
    pub message: String,
}

/// `stale_version` on an amendment: the version the request named, and the amendment as it
/// is now (rule 8b).
#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaleAmendmentDetails {
    /// The version the request named (0 when it named none an amendment can have).
    pub seen: i64,
    /// The version now: its ETag is `"v{version}"`.
    pub version: i64,
    #[schema(schema_with = state_names)]
    pub state: &'static str,
    pub anchor: super::api::AnchorJson,
    pub new_lines: Vec<String>,
    #[schema(required = true)]
    pub decided_lines: Option<Vec<String>>,
}

/// `stale_version` on a text: its head and phase now.
#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaleTextDetails {
    pub head: u32,
    #[schema(schema_with = phase_names)]
    pub phase: &'static str,
}

/// `duplicate_proposal`: the amendment that already proposes this change.
#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExistingDetails {
    pub existing: CollidingJson,
}

/// `edit_conflict`: the head moved from `base`; `changes` lead from the head to the text sent.
#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EditConflictDetails {
    pub base: u32,
    pub head: u32,
    pub changes: Vec<super::api::ChangeJson>,
}

/// `head_moved`: the head a merge should be prepared on.
#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HeadMovedDetails {
    pub head: u32,
}

/// `collision`: the pairs of amendments that cannot be merged together.
#[derive(Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CollisionDetails {
    pub collisions: Vec<CollisionJson>,
}

/// Two amendments of a merge that collide.
#[derive(Serialize, ToSchema)]
pub struct CollisionJson {
    pub first: CollidingJson,
    pub second: CollidingJson,
    pub reason: CollisionReason,
}

impl CollisionJson {
    pub fn of(report: &crate::actions::CollisionReport) -> CollisionJson {
        CollisionJson {
            first: CollidingJson { id: report.first.id, reference: report.first.reference.clone() },
            second: CollidingJson { id: report.second.id, reference: report.second.reference.clone() },
            reason: if report.insertion_inside { CollisionReason::InsertionInside } else { CollisionReason::Overlap },
        }
    }
}

/// "PROG-1 et PROG-2 modifient les mêmes mots ; …": colliding pairs, in words.
pub fn collision_pairs(lang: Lang, reports: &[crate::actions::CollisionReport]) -> String {
    let pairs: Vec<String> = reports
        .iter()
        .map(|report| {
            let key = if report.insertion_inside { K::CollisionInside } else { K::CollisionOverlap };
            let (first, second) = (&report.first.reference, &report.second.reference);
            lang.f(key, &[Arg::text("first", first), Arg::text("second", second)])
        })
        .collect();
    pairs.join(lang.t(K::ListSeparator))
}

#[derive(Serialize, ToSchema)]
pub struct CollidingJson {
    pub id: i64,
    pub reference: String,
}

/// Their lines overlap, or one inserts inside the lines the other replaces.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CollisionReason {
    Overlap,
    InsertionInside,
}
