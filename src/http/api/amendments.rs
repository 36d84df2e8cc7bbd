//! Amendments in the API: propose, list, read, edit, withdraw and decide, each change acting
//! on the version its client saw (`If-Match`) and at most once (`Idempotency-Key`).

use axum::Json;
use axum::extract::State;
use axum::http::header::ETAG;
use axum::http::{HeaderName, StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa::openapi::schema::{Object, ObjectBuilder, Type};

use super::super::AppState;
use super::super::context::ApiCtx;
use super::super::error::{ApiError, Problem};
use super::super::forms::{ApiPath, ApiQuery, JsonBody, MaybeJsonBody, NoParameters};
use super::super::fragments::FragmentKey;
use super::super::openapi::{
    BadRequest, Conflict, Forbidden, IdempotencyKey, IfMatch, NotFound, TooLarge, Unauthorized, Unprocessable,
};
use super::super::preconditions::amendment_etag;
use super::super::unreadable::{Expected, Unreadable};
use super::{
    count_schema, id_in_path, json_bytes, lines_schema, note_schema, number_schema, rationale_schema, state_names,
    summary_schema, whole,
};
use crate::actions::amendments::{self, HistoryEntry, Proposal, Verdict};
use crate::actions::editorial;
use crate::actions::supports::{self, Supported};
use crate::actions::texts;
use crate::actions::votes::{self, MyVote};
use crate::actions::{ActionError, Freshness};
use crate::domain::model::{Amendment, Person};
use crate::domain::span::Anchor;
use crate::domain::{Decision, Tally, Vote};
use crate::i18n::rfc3339;

/// The lines an amendment is anchored on.
#[derive(Serialize, ToSchema)]
pub struct AnchorJson {
    revision: u32,
    /// 1-based.
    start: u32,
    /// 0 for an insertion before `start`.
    count: u32,
}

/// An amendment.
#[derive(Serialize, ToSchema)]
pub struct AmendmentJson {
    id: i64,
    /// Short and stable, to cite aloud: `PROG-12`.
    reference: String,
    /// The slug of its text.
    text: String,
    /// The author's member id (logins are never shown to other members).
    author: i64,
    /// The author's display name; empty for a former member (a deleted account).
    author_name: String,
    #[schema(schema_with = state_names)]
    state: &'static str,
    anchor: AnchorJson,
    /// The lines as its author proposed them.
    new_lines: Vec<String>,
    /// The lines a drafter accepted instead, when accepted as modified.
    #[schema(required = true)]
    decided_lines: Option<Vec<String>>,
    summary: String,
    rationale: String,
    /// The revision it was merged into.
    #[schema(required = true)]
    merged_into: Option<u32>,
    /// Changes whenever its wording, anchor or state is changed by someone, or by a rebase
    /// that rewrote its words (not when a rebase only carries it to a new head): the version `If-Match` names (its ETag is
    /// `"v{version}"`), and the one a decision acts on (rule 8b).
    version: i64,
    /// Co-signatures given to its current wording.
    supporters: u32,
    /// Co-signatures given to an earlier wording: each co-signer is asked to confirm theirs.
    earlier_supporters: u32,
    /// Rule 9: a rebase rewrote its words onto a later revision, where other words of its
    /// paragraphs changed; cleared when its author rewrites it.
    rebased: bool,
    /// Spelling, grammar or formatting only, as its author or a drafter marked it: listed
    /// apart on the review desk, merged in bulk (`POST /api/v1/texts/{slug}/merge-editorial`).
    editorial: bool,
    /// Its votes, counted (never who voted what on a text whose votes are secret).
    votes: TallyJson,
    /// RFC 3339, UTC.
    created_at: String,
    /// RFC 3339, UTC.
    updated_at: String,
}

impl From<Amendment> for AmendmentJson {
    fn from(amendment: Amendment) -> Self {
        AmendmentJson {
            id: amendment.id,
            reference: amendment.reference,
            text: amendment.text_slug,
            author: amendment.author.id,
            author_name: amendment.author.name,
            state: amendment.state.as_str(),
            anchor: AnchorJson::from(amendment.anchor),
            new_lines: amendment.new_lines,
            decided_lines: amendment.decided_lines,
            summary: amendment.summary,
            rationale: amendment.rationale,
            merged_into: amendment.merged_into,
            version: amendment.version,
            supporters: amendment.supporters,
            earlier_supporters: amendment.earlier_supporters,
            rebased: amendment.rebased,
            editorial: amendment.editorial,
            votes: amendment.tally.into(),
            created_at: rfc3339(amendment.created_at),
            updated_at: rfc3339(amendment.updated_at),
        }
    }
}

/// An amendment with the lines it replaces and its history.
#[derive(Serialize, ToSchema)]
pub struct AmendmentDetail {
    #[serde(flatten)]
    amendment: AmendmentJson,
    /// The lines its anchor covers in its revision.
    anchored_lines: Vec<String>,
    /// What happened to it, oldest first.
    history: Vec<EventJson>,
    /// The caller's own vote: `for`, `against`, `abstain`, `sealed` (cast in secret under
    /// a former password: it counts and cannot be read or changed) or null.
    #[schema(required = true)]
    my_vote: Option<&'static str>,
    /// Each voter and their vote, on a text whose votes are open; empty on a secret one.
    voters: Vec<VoterJson>,
    /// What became of it.
    fate: super::FateJson,
    /// The open and accepted amendments on the head that change the same words (rule 9),
    /// this one among them, in the suggested order of decision: the most far-reaching
    /// first. Empty when none competes with it.
    competing: Vec<CompetitorJson>,
    /// Its changes at word level, in order, while it may be decided on: a drafter adopts
    /// some of them by their indices (`hunks` in a decision). Empty otherwise.
    hunks: Vec<HunkJson>,
}

/// One change of an amendment: the words it removes and those it adds (` ¶ ` between
/// paragraphs).
#[derive(Serialize, ToSchema)]
pub struct HunkJson {
    removed: String,
    added: String,
}

/// An amendment competing for the same words.
#[derive(Serialize, ToSchema)]
pub struct CompetitorJson {
    id: i64,
    reference: String,
    #[schema(schema_with = super::state_names)]
    state: &'static str,
    /// Word tokens (words, spaces, signs) it removes and adds.
    reach: usize,
}

/// A voter and their vote, on a text whose votes are open.
#[derive(Serialize, ToSchema)]
pub struct VoterJson {
    voter: PersonJson,
    #[schema(schema_with = super::vote_names)]
    vote: &'static str,
}

/// Someone, by member id and display name (logins are never shown to other members); the
/// name is empty for a former member (a deleted account).
#[derive(Serialize, ToSchema)]
pub struct PersonJson {
    id: i64,
    name: String,
}

impl From<Person> for PersonJson {
    fn from(person: Person) -> Self {
        PersonJson { id: person.id, name: person.name }
    }
}

/// The names of history entries: what happened to an amendment, and `carried` for a rebase
/// that moved it.
fn history_kinds() -> Object {
    let mut kinds: Vec<&'static str> = Decision::ALL.iter().map(|decision| decision.as_str()).collect();
    kinds.push(CARRIED);
    ObjectBuilder::new().schema_type(Type::String).enum_values(Some(kinds)).build()
}

const CARRIED: &str = "carried";

/// One entry of an amendment's history.
#[derive(Serialize, ToSchema)]
pub struct EventJson {
    #[schema(schema_with = history_kinds)]
    kind: &'static str,
    /// Null when Redraft itself did it (a rebase outdating or carrying the amendment).
    #[schema(required = true)]
    actor: Option<PersonJson>,
    note: String,
    /// The revision it happened on.
    #[schema(required = true)]
    revision: Option<u32>,
    /// Where the amendment stood after it (null for entries recorded before Redraft kept them).
    #[schema(required = true)]
    anchor: Option<AnchorJson>,
    /// Its version after it (null for `carried`, which changes no version, and for entries
    /// recorded before Redraft kept them).
    #[schema(required = true)]
    version: Option<i64>,
    /// RFC 3339, UTC.
    created_at: String,
}

impl From<HistoryEntry> for EventJson {
    fn from(entry: HistoryEntry) -> Self {
        match entry {
            HistoryEntry::Event(event) => EventJson {
                kind: event.kind.as_str(),
                actor: event.actor.map(PersonJson::from),
                note: event.note,
                revision: event.revision,
                anchor: event.snapshot.as_ref().map(|snapshot| AnchorJson::from(snapshot.anchor)),
                version: event.snapshot.map(|snapshot| snapshot.version),
                created_at: rfc3339(event.created_at),
            },
            HistoryEntry::Carried { anchor, at } => EventJson {
                kind: CARRIED,
                actor: None,
                note: String::new(),
                revision: Some(anchor.revision),
                anchor: Some(AnchorJson::from(anchor)),
                version: None,
                created_at: rfc3339(at),
            },
        }
    }
}

impl From<Anchor> for AnchorJson {
    fn from(anchor: Anchor) -> Self {
        AnchorJson { revision: anchor.revision, start: anchor.start, count: anchor.count }
    }
}

/// A proposal: replace `count` lines from `start` of revision `base` by `new_lines`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposalJson {
    /// The revision the line numbers refer to; carried to the head when its lines did not change.
    #[serde(deserialize_with = "whole")]
    #[schema(schema_with = number_schema)]
    base: u32,
    /// 1-based; one past the last line to append.
    #[serde(deserialize_with = "whole")]
    #[schema(schema_with = number_schema)]
    start: u32,
    /// 0 to insert before `start`.
    #[serde(deserialize_with = "whole")]
    #[schema(schema_with = count_schema)]
    count: u32,
    /// One paragraph each; empty to delete the lines. Blank ones are dropped (rule 1).
    #[schema(schema_with = lines_schema)]
    new_lines: Vec<String>,
    #[schema(schema_with = rationale_schema)]
    rationale: String,
    #[serde(default)]
    #[schema(schema_with = summary_schema)]
    summary: String,
    /// Spelling, grammar or formatting only, no change of meaning (false by default). Taken
    /// when filing; an edit keeps the flag (`PUT /api/v1/amendments/{id}/editorial`).
    #[serde(default)]
    editorial: bool,
}

impl ProposalJson {
    fn proposal(&self) -> Proposal<'_> {
        Proposal {
            base: self.base,
            start: self.start,
            count: self.count,
            new_lines: &self.new_lines,
            summary: &self.summary,
            rationale: &self.rationale,
            editorial: self.editorial,
        }
    }
}

/// An amendment, with its ETag.
fn with_etag<T>(
    amendment: &Amendment,
    status: StatusCode,
    body: T,
) -> (StatusCode, [(HeaderName, String); 1], Json<T>) {
    (status, [(ETAG, amendment_etag(amendment))], Json(body))
}

type AmendmentAnswer = Result<(StatusCode, [(HeaderName, String); 1], Json<AmendmentJson>), ApiError>;

/// Proposes an amendment to a text. A repeat under the same `Idempotency-Key` answers with
/// what the first created; the same proposal already open by the same author answers with
/// it (200), and with `duplicate_proposal` when only its summary or rationale differ.
#[utoipa::path(post, path = "/api/v1/texts/{slug}/amendments", tag = "amendments", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The text's slug"), IdempotencyKey), request_body = ProposalJson,
    responses((status = 201, description = "The amendment, open", body = AmendmentJson, headers(("ETag" = String))),
        (status = 200, description = "The same proposal, already open", body = AmendmentJson, headers(("ETag" = String))),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict, TooLarge, Unprocessable))]
pub async fn propose_amendment(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    JsonBody(body, fingerprint): JsonBody<ProposalJson>,
) -> AmendmentAnswer {
    let acting = ctx.acting(None, fingerprint)?;
    let viewer = ctx.user.clone();
    let done = state
        .run(move |site| amendments::propose(site, viewer.as_ref(), &slug, &body.proposal(), &acting))
        .await
        .map_err(|e| ctx.error(e))?;
    let status = if done.freshness == Freshness::AlreadyThere { StatusCode::OK } else { StatusCode::CREATED };
    Ok(with_etag(&done.value, status, done.value.clone().into()))
}

/// Lists a text's amendments in line order.
#[utoipa::path(get, path = "/api/v1/texts/{slug}/amendments", tag = "amendments", security((), ("bearer" = [])),
    params(("slug" = String, Path, description = "The text's slug")),
    responses((status = 200, description = "Its amendments, in line order", body = Vec<AmendmentJson>),
        BadRequest, Unauthorized, NotFound, Unprocessable))]
pub async fn list_amendments(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    _: ApiQuery<NoParameters>,
) -> Result<axum::response::Response, ApiError> {
    let viewer = ctx.user.clone();
    let fragments = std::sync::Arc::clone(&state.fragments);
    let (etag, body) = state
        .run(move |site| {
            texts::read_text(site, viewer.as_ref(), &slug, |snapshot| {
                let text = &snapshot.text;
                let (text_id, amendments_version, head) = (text.id, text.amendments_version, text.head);
                let key = FragmentKey::AmendmentsJson { text: text_id, amendments_version, head };
                // Serialised once per state of the text's amendments, off the async threads.
                let body = fragments.bytes(key, || {
                    let list: Vec<AmendmentJson> = snapshot
                        .amendments()?
                        .iter()
                        .map(|shared| AmendmentJson::from(Amendment::clone(shared)))
                        .collect();
                    serde_json::to_vec(&list)
                        .map_err(|error| ActionError::Internal(format!("amendments as JSON: {error}")))
                })?;
                Ok((format!("\"a{text_id}.{amendments_version}.{head}\""), body))
            })
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(json_bytes(&ctx, Some(&etag), body))
}

/// Reads an amendment with the lines it replaces and its history; its ETag names its version.
#[utoipa::path(get, path = "/api/v1/amendments/{id}", tag = "amendments", security((), ("bearer" = [])),
    params(("id" = i64, Path, description = "The amendment's id")),
    responses((status = 200, description = "The amendment", body = AmendmentDetail, headers(("ETag" = String))),
        BadRequest, Unauthorized, NotFound, Unprocessable))]
pub async fn get_amendment(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(id): ApiPath<String>,
    _: ApiQuery<NoParameters>,
) -> Result<(StatusCode, [(HeaderName, String); 1], Json<AmendmentDetail>), ApiError> {
    let id = id_in_path(&ctx, &id)?;
    let (viewer, key) = (ctx.user.clone(), ctx.ballot_key.clone());
    let detail = state
        .run(move |site| amendments::amendment_detail_with_competing(site, viewer.as_ref(), key.as_ref(), id))
        .await
        .map_err(|e| ctx.error(e))?;
    let etag = amendment_etag(&detail.amendment);
    let decidable = detail.amendment.state.decidable() && detail.amendment.anchor.revision == detail.text.head;
    let hunks = if decidable {
        crate::domain::reconcile::hunks(&detail.anchored_lines, &detail.amendment.new_lines)
            .into_iter()
            .map(|hunk| HunkJson { removed: hunk.removed, added: hunk.added })
            .collect()
    } else {
        Vec::new()
    };
    let body = AmendmentDetail {
        fate: super::FateJson::of(ctx.lang, &detail.fate),
        amendment: detail.amendment.into(),
        anchored_lines: detail.anchored_lines,
        history: detail.history.into_iter().map(EventJson::from).collect(),
        my_vote: detail.votes.mine.and_then(|mine| match mine {
            MyVote::NotCast => None,
            MyVote::Cast(vote) => Some(vote.as_str()),
            MyVote::Sealed => Some("sealed"),
        }),
        voters: detail
            .votes
            .open
            .into_iter()
            .map(|(person, vote)| VoterJson { voter: PersonJson::from(person), vote: vote.as_str() })
            .collect(),
        competing: detail
            .competing
            .iter()
            .map(|competitor| CompetitorJson {
                id: competitor.amendment.id,
                reference: competitor.amendment.reference.clone(),
                state: competitor.amendment.state.as_str(),
                reach: competitor.reach,
            })
            .collect(),
        hunks,
    };
    Ok((StatusCode::OK, [(ETAG, etag)], Json(body)))
}

/// Edits or re-anchors one's own amendment while it is open or outdated, as the version
/// `If-Match` names.
#[utoipa::path(put, path = "/api/v1/amendments/{id}", tag = "amendments", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The amendment's id"), IfMatch, IdempotencyKey), request_body = ProposalJson,
    responses((status = 200, description = "The amendment", body = AmendmentJson, headers(("ETag" = String))),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict, TooLarge, Unprocessable))]
pub async fn edit_amendment(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(id): ApiPath<String>,
    JsonBody(body, fingerprint): JsonBody<ProposalJson>,
) -> AmendmentAnswer {
    let id = id_in_path(&ctx, &id)?;
    let acting = ctx.acting_on_amendment(fingerprint)?;
    let viewer = ctx.user.clone();
    let done = state
        .run(move |site| amendments::edit_amendment(site, viewer.as_ref(), id, &body.proposal(), &acting))
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(with_etag(&done.value, StatusCode::OK, done.value.clone().into()))
}

/// Withdraws one's own amendment, as the version `If-Match` names.
#[utoipa::path(post, path = "/api/v1/amendments/{id}/withdraw", tag = "amendments", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The amendment's id"), IfMatch, IdempotencyKey),
    request_body(content = Option<WithdrawJson>, description = "Nothing, or an empty object"),
    responses((status = 200, description = "The amendment, withdrawn", body = AmendmentJson, headers(("ETag" = String))),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict, TooLarge, Unprocessable))]
pub async fn withdraw(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(id): ApiPath<String>,
    MaybeJsonBody(_, fingerprint): MaybeJsonBody<WithdrawJson>,
) -> AmendmentAnswer {
    let id = id_in_path(&ctx, &id)?;
    let acting = ctx.acting_on_amendment(fingerprint)?;
    let viewer = ctx.user.clone();
    let done = state
        .run(move |site| amendments::withdraw(site, viewer.as_ref(), id, &acting))
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(with_etag(&done.value, StatusCode::OK, done.value.clone().into()))
}

/// Whether an amendment is editorial.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EditorialJson {
    /// Spelling, grammar or formatting only, no change of meaning.
    editorial: bool,
}

/// Marks an amendment editorial or not: its author while it is open, a drafter while it is
/// open or accepted, as the version `If-Match` names. Marking it as it is changes nothing.
#[utoipa::path(put, path = "/api/v1/amendments/{id}/editorial", tag = "amendments", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The amendment's id"), IfMatch, IdempotencyKey),
    request_body = EditorialJson,
    responses((status = 200, description = "The amendment", body = AmendmentJson, headers(("ETag" = String))),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict, TooLarge, Unprocessable))]
pub async fn mark_editorial(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(id): ApiPath<String>,
    JsonBody(body, fingerprint): JsonBody<EditorialJson>,
) -> AmendmentAnswer {
    let id = id_in_path(&ctx, &id)?;
    let acting = ctx.acting_on_amendment(fingerprint)?;
    let viewer = ctx.user.clone();
    let done = state
        .run(move |site| editorial::mark_editorial(site, viewer.as_ref(), id, body.editorial, &acting))
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(with_etag(&done.value, StatusCode::OK, done.value.clone().into()))
}

/// A withdrawal takes nothing: its body, when there is one, is an empty object.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawJson {}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    Accept,
    Reject,
}

/// A drafter's decision on an amendment.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionJson {
    decision: DecisionKind,
    /// To accept the amendment as modified: the lines to merge instead of the proposal.
    /// Refused with a rejection (`inapplicable_field`).
    #[schema(schema_with = lines_schema, nullable)]
    new_lines: Option<Vec<String>>,
    /// To accept only some of its changes: their indices among the `hunks` of the
    /// amendment (from 0). Accepted as modified; none kept is `no_change`, an index it has
    /// not `invalid_field`. Refused with a rejection or with `new_lines`.
    #[schema(nullable)]
    hunks: Option<Vec<usize>>,
    #[serde(default)]
    #[schema(schema_with = note_schema)]
    note: String,
}

/// Accepts (as proposed or modified) or rejects an amendment, as the version `If-Match`
/// names: refused with `stale_version` when it changed since (rule 8b).
#[utoipa::path(post, path = "/api/v1/amendments/{id}/decision", tag = "amendments", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The amendment's id"), IfMatch, IdempotencyKey), request_body = DecisionJson,
    responses((status = 200, description = "The amendment, decided", body = AmendmentJson, headers(("ETag" = String))),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict, TooLarge, Unprocessable))]
pub async fn decide(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(id): ApiPath<String>,
    JsonBody(body, fingerprint): JsonBody<DecisionJson>,
) -> AmendmentAnswer {
    let id = id_in_path(&ctx, &id)?;
    if matches!(body.decision, DecisionKind::Reject) && body.new_lines.is_some() {
        let choice = "decision: reject".to_owned();
        return Err(ctx.error(Problem::Unreadable(Unreadable::Inapplicable { field: "new_lines", choice })));
    }
    if body.hunks.is_some() && (matches!(body.decision, DecisionKind::Reject) || body.new_lines.is_some()) {
        let choice = if body.new_lines.is_some() { "new_lines" } else { "decision: reject" }.to_owned();
        return Err(ctx.error(Problem::Unreadable(Unreadable::Inapplicable { field: "hunks", choice })));
    }
    let acting = ctx.acting_on_amendment(fingerprint)?;
    let viewer = ctx.user.clone();
    let done = state
        .run(move |site| {
            let verdict = match (body.decision, body.hunks.as_deref()) {
                (DecisionKind::Accept, Some(hunks)) => Verdict::AcceptPart { hunks },
                (DecisionKind::Accept, None) => Verdict::Accept { modified_lines: body.new_lines.as_deref() },
                (DecisionKind::Reject, _) => Verdict::Reject,
            };
            amendments::decide(site, viewer.as_ref(), id, &verdict, &body.note, &acting)
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(with_etag(&done.value, StatusCode::OK, done.value.clone().into()))
}

/// An amendment's co-signatures, after a co-signer acted.
#[derive(Serialize, ToSchema)]
pub struct SupportJson {
    /// Co-signatures given to its current wording.
    supporters: u32,
    /// Co-signatures given to an earlier wording, waiting to be confirmed.
    earlier_supporters: u32,
    /// How many its text asks for before it may be accepted (0: none).
    supporters_needed: u32,
}

type SupportAnswer = Result<(StatusCode, [(HeaderName, String); 1], Json<SupportJson>), ApiError>;

fn support_answer(done: crate::actions::Done<Supported>) -> SupportAnswer {
    let Supported { amendment, needed } = done.value;
    let json = SupportJson {
        supporters: amendment.supporters,
        earlier_supporters: amendment.earlier_supporters,
        supporters_needed: needed,
    };
    Ok((StatusCode::OK, [(ETAG, amendment_etag(&amendment))], Json(json)))
}

/// Co-signs an open amendment (not one's own) while its text is in consultation, as the
/// version `If-Match` names; given again, confirms a co-signature given to an earlier
/// wording. Co-signing twice changes nothing.
#[utoipa::path(post, path = "/api/v1/amendments/{id}/support", tag = "amendments", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The amendment's id"), IfMatch, IdempotencyKey),
    request_body(content = Option<WithdrawJson>, description = "Nothing, or an empty object"),
    responses((status = 200, description = "Its co-signatures", body = SupportJson, headers(("ETag" = String))),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict, TooLarge, Unprocessable))]
pub async fn support(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(id): ApiPath<String>,
    MaybeJsonBody(_, fingerprint): MaybeJsonBody<WithdrawJson>,
) -> SupportAnswer {
    let id = id_in_path(&ctx, &id)?;
    let acting = ctx.acting_on_amendment(fingerprint)?;
    let viewer = ctx.user.clone();
    let done =
        state.run(move |site| supports::co_sign(site, viewer.as_ref(), id, &acting)).await.map_err(|e| ctx.error(e))?;
    support_answer(done)
}

/// Takes one's co-signature back while the text is in consultation; taking back one that
/// is not there changes nothing.
#[utoipa::path(delete, path = "/api/v1/amendments/{id}/support", tag = "amendments", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The amendment's id"), IdempotencyKey),
    responses((status = 200, description = "Its co-signatures", body = SupportJson, headers(("ETag" = String))),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict, Unprocessable))]
pub async fn withdraw_support(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(id): ApiPath<String>,
) -> SupportAnswer {
    let id = id_in_path(&ctx, &id)?;
    let acting = ctx.acting(None, Vec::new())?;
    let viewer = ctx.user.clone();
    let done = state
        .run(move |site| supports::withdraw_support(site, viewer.as_ref(), id, &acting))
        .await
        .map_err(|e| ctx.error(e))?;
    support_answer(done)
}

/// The votes on an amendment, counted.
#[derive(Serialize, ToSchema)]
pub struct TallyJson {
    #[serde(rename = "for")]
    #[schema(rename = "for")]
    for_: u32,
    against: u32,
    abstain: u32,
}

impl From<Tally> for TallyJson {
    fn from(tally: Tally) -> Self {
        TallyJson { for_: tally.for_, against: tally.against, abstain: tally.abstain }
    }
}

/// A vote.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VoteJson {
    #[schema(schema_with = super::vote_names)]
    vote: String,
}

/// An amendment's votes after one was cast, with the caller's own.
#[derive(Serialize, ToSchema)]
pub struct VotedJson {
    #[serde(flatten)]
    tally: TallyJson,
    /// The caller's vote.
    #[schema(schema_with = super::vote_names)]
    mine: &'static str,
}

/// Votes on an open amendment while its text is in consultation, as the version `If-Match`
/// names; voting again changes the vote. On a text whose votes are secret, the vote is
/// filed under the ballot key the token holds (one issued by password, or from a session
/// opened by one): 409 `no_ballot_key` for an older token, 409 `ballot_sealed` for a vote
/// cast under a former password.
#[utoipa::path(put, path = "/api/v1/amendments/{id}/vote", tag = "amendments", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The amendment's id"), IfMatch, IdempotencyKey),
    request_body = VoteJson,
    responses((status = 200, description = "Its tallies and the caller's vote", body = VotedJson),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict, TooLarge, Unprocessable))]
pub async fn vote(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(id): ApiPath<String>,
    JsonBody(body, fingerprint): JsonBody<VoteJson>,
) -> Result<Json<VotedJson>, ApiError> {
    let id = id_in_path(&ctx, &id)?;
    let choice = Vote::parse(&body.vote).ok_or_else(|| {
        ctx.error(Unreadable::Invalid {
            field: "vote".to_owned(),
            expected: Expected::OneOf(Vote::ALL.iter().map(|vote| vote.as_str().to_owned()).collect()),
        })
    })?;
    let acting = ctx.acting_on_amendment(fingerprint)?;
    let (viewer, key) = (ctx.user.clone(), ctx.ballot_key.clone());
    let done = state
        .run(move |site| votes::vote(site, viewer.as_ref(), key.as_ref(), id, choice, &acting))
        .await
        .map_err(|e| ctx.error(e))?;
    let mine = match done.value.mine {
        MyVote::Cast(vote) => vote,
        // A repeat read back under another key: what this request sent.
        MyVote::NotCast | MyVote::Sealed => choice,
    };
    Ok(Json(VotedJson { tally: done.value.tally.into(), mine: mine.as_str() }))
}
