//! Search in the API: what the caller may read, found by its words.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::Object;
use utoipa::{IntoParams, ToSchema};

use super::super::AppState;
use super::super::context::ApiCtx;
use super::super::forms::ApiQuery;
use super::super::openapi::{BadRequest, NotFound, Unauthorized, Unprocessable};
use super::{ApiResult, names};
use crate::actions::search::{self, Hit, SearchRequest};
use crate::domain::AmendmentState;
use crate::store::DocumentKind;

pub(crate) fn kind_names() -> Object {
    names(DocumentKind::ALL.iter().map(|kind| kind.as_str()))
}

/// What to search for.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SearchQuery {
    /// The words, all required, accents and capitals ignored; `"a phrase"` in double
    /// quotes; `word*` for the words that start with it (at least 2 letters). Any other
    /// character separates words.
    #[param(max_length = 200)]
    q: String,
    /// Only this kind of result.
    #[param(schema_with = kind_names)]
    kind: Option<String>,
    /// Only in this text (its slug).
    text: Option<String>,
    /// Only in the texts of this topic (its slug).
    topic: Option<String>,
    /// Only amendments, in this state.
    #[param(schema_with = super::state_names)]
    state: Option<String>,
    /// Only what this member wrote (their id, as `author.id` gives it).
    author: Option<i64>,
}

/// One result.
#[derive(Serialize, ToSchema)]
pub struct SearchHitJson {
    #[schema(schema_with = kind_names)]
    kind: &'static str,
    /// The slug of its text.
    text: String,
    text_title: String,
    /// The amendment's, comment's or question's id; null for a text or a paragraph.
    #[schema(required = true)]
    id: Option<i64>,
    /// An amendment's reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
    /// An amendment's state.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = super::state_names)]
    state: Option<&'static str>,
    /// A paragraph's number in the head (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
    /// The head that number is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    revision: Option<u32>,
    /// The words around the matches.
    snippet: String,
    /// Where the matched words are in `snippet`: `[start, end)` in characters.
    highlights: Vec<[usize; 2]>,
    /// The page that shows it, from the site's root.
    link: String,
}

impl From<Hit> for SearchHitJson {
    fn from(hit: Hit) -> Self {
        // Byte ranges become character ranges, as JSON clients count.
        let chars = |byte: usize| hit.snippet.text.get(..byte).map_or(0, |before| before.chars().count());
        let highlights = hit.snippet.marks.iter().map(|&(start, end)| [chars(start), chars(end)]).collect();
        SearchHitJson {
            kind: hit.kind.as_str(),
            text: hit.text_slug,
            text_title: hit.text_title,
            id: hit.id,
            reference: hit.amendment.as_ref().map(|(reference, _)| reference.clone()),
            state: hit.amendment.map(|(_, state)| state.as_str()),
            line: hit.line.map(|(line, _)| line),
            revision: hit.line.map(|(_, revision)| revision),
            snippet: hit.snippet.text,
            highlights,
            link: hit.address,
        }
    }
}

/// Searches the texts' titles and paragraphs (of their heads), amendments (new lines,
/// summary, rationale), comments and questions the caller may read, and answers the
/// results as DESIGN.md's contract says, `[{kind, text, id, snippet, …}]`: by kind (texts,
/// paragraphs, amendments, comments, questions), the best 20 of each (100 of the one
/// `kind` asks for), best first. An empty query finds nothing. 400 `bad_query` for a query
/// longer than 200 characters, of more than 12 words, or with a prefix of one letter.
#[utoipa::path(get, path = "/api/v1/search", tag = "search", security((), ("bearer" = [])),
    params(SearchQuery),
    responses((status = 200, description = "The results, by kind, best first", body = Vec<SearchHitJson>),
        BadRequest, Unauthorized, NotFound, Unprocessable))]
pub async fn search(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiQuery(params): ApiQuery<SearchQuery>,
) -> ApiResult<Vec<SearchHitJson>> {
    let request = search_request(&ctx, params)?;
    let viewer = ctx.user.clone();
    let results =
        state.run(move |site| search::search(site, viewer.as_ref(), &request)).await.map_err(|e| ctx.error(e))?;
    Ok(Json(results.groups.into_iter().flat_map(|group| group.hits).map(SearchHitJson::from).collect()))
}

fn search_request(ctx: &ApiCtx, params: SearchQuery) -> Result<SearchRequest, super::ApiError> {
    let (kind, state) =
        search_filters(params.kind.as_deref(), params.state.as_deref()).map_err(|unreadable| ctx.error(unreadable))?;
    Ok(SearchRequest { query: params.q, kind, text: params.text, topic: params.topic, state, author: params.author })
}

/// The kind and amendment state a search is narrowed to, read from their names (the
/// search page and the API alike). Errors: `Invalid`, naming the values allowed.
pub(crate) fn search_filters(
    kind: Option<&str>,
    state: Option<&str>,
) -> Result<(Option<DocumentKind>, Option<AmendmentState>), super::super::unreadable::Unreadable> {
    use super::super::unreadable::{Expected, Unreadable};
    let one_of = |field: &str, names: Vec<String>| Unreadable::Invalid {
        field: field.to_owned(),
        expected: Expected::OneOf(names),
    };
    let kind =
        match kind {
            Some(name) => Some(DocumentKind::parse(name).ok_or_else(|| {
                one_of("kind", DocumentKind::ALL.iter().map(|kind| kind.as_str().to_owned()).collect())
            })?),
            None => None,
        };
    let state = match state {
        Some(name) => Some(AmendmentState::parse(name).ok_or_else(|| {
            one_of("state", AmendmentState::ALL.iter().map(|state| state.as_str().to_owned()).collect())
        })?),
        None => None,
    };
    Ok((kind, state))
}
