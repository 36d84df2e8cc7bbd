//! What became of amendments, in the API: a fate as JSON, and the caller's own amendments
//! with theirs.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::schema::Object;

use super::super::AppState;
use super::super::context::{ApiCtx, Lang};
use super::super::forms::{ApiQuery, NoParameters};
use super::super::openapi::{BadRequest, Unauthorized, Unprocessable};
use super::{AmendmentJson, ApiResult, names};
use crate::actions::fates;
use crate::domain::fate::{Fate, Record};
use crate::views::fates::fate_sentences;

pub(crate) fn fate_names() -> Object {
    names(["open", "accepted", "adopted", "rejected", "withdrawn", "outdated"])
}

pub(crate) fn words_names() -> Object {
    names(["all", "some", "none"])
}

/// What became of an amendment.
#[derive(Serialize, ToSchema)]
pub struct FateJson {
    /// `open` (under discussion), `accepted` (to be merged), `adopted` (merged),
    /// `rejected`, `withdrawn`, or `outdated` (its passage changed: re-anchor it).
    #[schema(schema_with = fate_names)]
    kind: &'static str,
    /// The revision an adopted amendment was merged into.
    #[serde(skip_serializing_if = "Option::is_none")]
    revision: Option<u32>,
    /// Whether a drafter changed its wording before accepting it.
    modified: bool,
    /// For an adopted amendment that wrote lines: whether the head still has `all` of the
    /// alinéas it wrote as it wrote them, `some`, or `none` (changed again since).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = words_names)]
    words_in_text: Option<&'static str>,
    /// For an adopted amendment's own page and record: the first later revision that
    /// changed some of the alinéas it wrote.
    #[serde(skip_serializing_if = "Option::is_none")]
    changed_in: Option<u32>,
    /// The drafter's note on a rejection.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    /// The fate in a sentence, in the caller's language.
    message: String,
}

impl FateJson {
    pub(crate) fn of(lang: Lang, fate: &Fate) -> FateJson {
        let message = fate_sentences(lang, fate).join(" ");
        let changed_in = match fate {
            Fate::Adopted { changed_in, .. } => *changed_in,
            _ => None,
        };
        let (kind, revision, modified, words, note) = match fate {
            Fate::Open => ("open", None, false, None, None),
            Fate::Accepted { modified } => ("accepted", None, *modified, None, None),
            Fate::Adopted { revision, modified, written, kept, .. } => {
                let words = match (*written, *kept) {
                    (0, _) => None,
                    (written, kept) if kept >= written => Some("all"),
                    (_, 0) => Some("none"),
                    _ => Some("some"),
                };
                ("adopted", Some(*revision), *modified, words, None)
            }
            Fate::Rejected { note } => ("rejected", None, false, None, Some(note.clone())),
            Fate::Withdrawn => ("withdrawn", None, false, None, None),
            Fate::Outdated => ("outdated", None, false, None, None),
        };
        FateJson { kind, revision, modified, words_in_text: words, changed_in, note, message }
    }
}

/// An amendment with its fate.
#[derive(Serialize, ToSchema)]
pub struct OutcomeJson {
    #[serde(flatten)]
    amendment: AmendmentJson,
    fate: FateJson,
}

/// How many amendments met each fate.
#[derive(Serialize, ToSchema)]
pub struct RecordJson {
    total: usize,
    adopted: usize,
    /// Accepted, waiting to be merged.
    accepted: usize,
    rejected: usize,
    withdrawn: usize,
    outdated: usize,
    open: usize,
}

impl From<Record> for RecordJson {
    fn from(record: Record) -> Self {
        RecordJson {
            total: record.total,
            adopted: record.adopted,
            accepted: record.accepted,
            rejected: record.rejected,
            withdrawn: record.withdrawn,
            outdated: record.outdated,
            open: record.open,
        }
    }
}

/// The caller's amendments with their fates, and their record.
#[derive(Serialize, ToSchema)]
pub struct MyAmendmentsJson {
    record: RecordJson,
    /// Newest first, on the texts the caller may still read.
    amendments: Vec<OutcomeJson>,
}

/// The caller's own amendments, newest first, each with what became of it, and how many
/// met each fate.
#[utoipa::path(get, path = "/api/v1/me/amendments", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, description = "The caller's amendments and their fates", body = MyAmendmentsJson),
        BadRequest, Unauthorized, Unprocessable))]
pub async fn my_amendments(
    State(state): State<AppState>,
    ctx: ApiCtx,
    _: ApiQuery<NoParameters>,
) -> ApiResult<MyAmendmentsJson> {
    let viewer = ctx.user.clone();
    let outcomes =
        state.run(move |site| fates::my_amendments(site, viewer.as_ref())).await.map_err(|e| ctx.error(e))?;
    let lang = ctx.lang;
    Ok(Json(MyAmendmentsJson {
        record: outcomes.record.into(),
        amendments: outcomes
            .items
            .into_iter()
            .map(|outcome| OutcomeJson { fate: FateJson::of(lang, &outcome.fate), amendment: outcome.amendment.into() })
            .collect(),
    }))
}
