//! Topics in the API: the thematic spaces, listed for anyone and opened by admins.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::super::AppState;
use super::super::context::ApiCtx;
use super::super::forms::{ApiQuery, JsonBody, NoParameters};
use super::super::openapi::{BadRequest, Conflict, Forbidden, IdempotencyKey, TooLarge, Unauthorized, Unprocessable};
use super::{ApiResult, Created, created, description_schema, slug_schema, title_schema};
use crate::actions::topics::{self, NewTopic, TopicListing};
use crate::domain::model::Topic;

/// A topic.
#[derive(Serialize, ToSchema)]
pub struct TopicJson {
    #[schema(schema_with = slug_schema)]
    slug: String,
    title: String,
    description: String,
    /// The slugs of its texts that the caller may read, most recently changed first.
    texts: Vec<String>,
}

impl TopicJson {
    fn of(topic: Topic, texts: Vec<String>) -> TopicJson {
        TopicJson { slug: topic.slug, title: topic.title, description: topic.description, texts }
    }
}

impl From<TopicListing> for TopicJson {
    fn from(listing: TopicListing) -> Self {
        let texts = listing.texts.into_iter().map(|text| text.text.slug).collect();
        TopicJson::of(listing.topic, texts)
    }
}

/// Lists the topics, by title, with the texts in each that the caller may read.
#[utoipa::path(get, path = "/api/v1/topics", tag = "topics", security((), ("bearer" = [])),
    responses((status = 200, description = "Every topic", body = Vec<TopicJson>), BadRequest, Unauthorized, Unprocessable))]
pub async fn list_topics(
    State(state): State<AppState>,
    ctx: ApiCtx,
    _: ApiQuery<NoParameters>,
) -> ApiResult<Vec<TopicJson>> {
    let viewer = ctx.user.clone();
    let (listings, _) = state.run(move |site| topics::topics(site, viewer.as_ref())).await.map_err(|e| ctx.error(e))?;
    Ok(Json(listings.into_iter().map(TopicJson::from).collect()))
}

/// A new topic.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTopicJson {
    #[schema(schema_with = slug_schema)]
    slug: String,
    #[schema(schema_with = title_schema)]
    title: String,
    /// What belongs in it, in a few sentences.
    #[serde(default)]
    #[schema(schema_with = description_schema)]
    description: String,
}

/// Opens a topic (admins). A repeat under the same `Idempotency-Key` answers with what the
/// first opened; a slug another topic has is `slug_taken`.
#[utoipa::path(post, path = "/api/v1/topics", tag = "topics", security(("bearer" = [])),
    params(IdempotencyKey), request_body = NewTopicJson,
    responses((status = 201, description = "Opened", body = TopicJson),
        BadRequest, Unauthorized, Forbidden, Conflict, TooLarge, Unprocessable))]
pub async fn create_topic(
    State(state): State<AppState>,
    ctx: ApiCtx,
    JsonBody(body, fingerprint): JsonBody<NewTopicJson>,
) -> Created<TopicJson> {
    let acting = ctx.acting(None, fingerprint)?;
    let viewer = ctx.user.clone();
    let done = state
        .run(move |site| {
            let new = NewTopic { slug: &body.slug, title: &body.title, description: &body.description };
            let done = topics::create_topic(site, viewer.as_ref(), &new, &acting)?;
            // A repeat names the texts published in it since.
            let texts = topics::topic(site, viewer.as_ref(), &done.value.slug)
                .map(|listing| listing.texts.into_iter().map(|text| text.text.slug).collect())
                .unwrap_or_default();
            Ok(TopicJson::of(done.value, texts))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    created(done)
}
