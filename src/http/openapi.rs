//! The OpenAPI 3.1 document of the JSON API, generated from its handlers and wire types.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Required, ResponseBuilder};
use utoipa::{IntoParams, IntoResponses, Modify, OpenApi};

use super::api;
use super::error::ErrorBody;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Redraft JSON API",
        version = "1",
        description = "Texts, revisions and line-anchored amendments. Line numbers are 1-based; times are RFC 3339. \
            Every error is `{\"error\": {\"code\", \"message\", \"details\"?}}`; messages follow `Accept-Language`."
    ),
    paths(
        api::create_token,
        api::list_tokens,
        api::revoke_token,
        api::list_texts,
        api::list_topics,
        api::create_topic,
        api::publish_text,
        api::get_text,
        api::edit_text,
        api::set_phase,
        api::set_settings,
        api::list_revisions,
        api::get_revision,
        api::diff,
        api::provenance,
        api::propose_amendment,
        api::list_amendments,
        api::merge,
        api::merge_editorial,
        api::preview,
        api::get_amendment,
        api::edit_amendment,
        api::withdraw,
        api::decide,
        api::mark_editorial,
        api::support,
        api::withdraw_support,
        api::vote,
        api::list_comments,
        api::post_comment,
        api::edit_comment,
        api::delete_comment,
        api::hide_comment,
        api::list_questions,
        api::ask_question,
        api::get_question,
        api::answer_question,
        api::search,
        api::me,
        api::export_me,
        api::my_amendments,
        api::list_notifications,
        api::read_notifications,
        api::notification_settings,
        api::change_notification_settings,
        api::follow_text,
        api::unfollow_text,
        api::delete_me,
        api::list_members,
        api::add_member,
        api::change_member,
        api::invite_member,
        api::import_members,
        openapi_json,
    ),
    components(schemas(ErrorBody, api::SeenAmendment)),
    modifiers(&BearerToken),
    tags(
        (name = "accounts", description = "Bearer tokens: issued by password, expiring, listed and revoked by their owner"),
        (name = "texts", description = "Texts, their revisions, diffs, provenance and merges"),
        (name = "topics", description = "Thematic spaces: each text belongs to one"),
        (name = "amendments", description = "Proposals, their edits and the drafters' decisions"),
        (name = "comments", description = "Comments on paragraphs, amendments and texts, with one level of replies"),
        (name = "questions", description = "Internal polls put to members, answered in secret"),
        (name = "notifications", description = "In-app notifications, their settings, and followed texts"),
        (name = "search", description = "Full-text search over what the caller may read"),
        (name = "members", description = "Accounts as admins manage them: roles, deactivation, invitations, CSV imports"),
        (name = "meta", description = "This document"),
    )
)]
struct ApiDoc;

/// The `bearer` scheme the operations' `security` names: `Authorization: Bearer TOKEN`, a
/// token from `POST /api/v1/tokens`.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    }
}

/// The document, serialised once.
static DOCUMENT: LazyLock<Result<String, serde_json::Error>> = LazyLock::new(|| ApiDoc::openapi().to_json());

/// This document.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document of this API", body = Object)))]
pub async fn openapi_json() -> Response {
    match &*DOCUMENT {
        Ok(document) => ([(CONTENT_TYPE, "application/json")], document.clone()).into_response(),
        Err(error) => {
            tracing::error!("the OpenAPI document does not serialise: {error}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// One error response of an operation: its status, what it means, the error body.
fn refusal(status: u16, description: &str) -> BTreeMap<String, RefOr<utoipa::openapi::Response>> {
    let content = ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build();
    let response = ResponseBuilder::new().description(description).content("application/json", content).build();
    BTreeMap::from([(status.to_string(), RefOr::T(response))])
}

/// Declares the error responses operations list in their `responses(...)`, one type per
/// status, so that each operation names exactly the refusals it can answer.
macro_rules! refusals {
    ($($(#[$doc:meta])* $name:ident => $status:literal, $description:literal;)+) => {
        $(
            $(#[$doc])*
            pub enum $name {}

            impl IntoResponses for $name {
                fn responses() -> BTreeMap<String, RefOr<utoipa::openapi::Response>> {
                    refusal($status, $description)
                }
            }
        )+
    };
}

refusals! {
    BadRequest => 400, "`bad_request`: the body, a path segment or a query parameter cannot be read as this \
        operation expects (not JSON, a wrong type, a missing field, bytes that are not UTF-8).";
    Unauthorized => 401, "`bad_token`: the bearer token is unknown, expired or revoked; `unauthenticated`: the authorisation is no \
        bearer token, or the operation needs one; `wrong_credentials`: no account has this login and password.";
    Forbidden => 403, "`forbidden`: the caller's role or authorship does not allow this.";
    NotFound => 404, "`not_found`: no such text, revision or amendment, or one the caller may not see.";
    Conflict => 409, "The state does not allow it: `edit_conflict`, `head_moved`, `collision`, `stale_version` \
        (the version `If-Match` or the request named is no longer the one there is) and `duplicate_proposal` (with \
        `details`), `anchor_touched`, `phase_closed`, `invalid_state`, `not_on_head`, `slug_taken`.";
    TooLarge => 413, "`too_large`: the body is over the server's limit, or lines over a revision's or an \
        amendment's bounds.";
    Unprocessable => 422, "A rule refuses it: `invalid_field`, `invalid_anchor`, `unknown_revision`, `no_change`, \
        `empty_text`, `nothing_to_merge`, `too_many_to_merge`, `duplicate_amendment`, `foreign_amendment`, \
        `control_character`, `unknown_topic`, `submission_key_reused` (an `Idempotency-Key` already used for \
        another request to this operation), `unknown_field` (a field or query parameter this operation does not \
        take), `inapplicable_field` (a field sent with a choice that leaves it unused).";
    TooManyAttempts => 429, "`too_many_attempts`: too many failed logins for this account or from this address.";
}

/// Declares request headers operations list in their `params(...)`.
macro_rules! header_parameters {
    ($($(#[$doc:meta])* $name:ident => $header:literal, $pattern:literal, $description:literal;)+) => {
        $(
            $(#[$doc])*
            pub enum $name {}

            impl IntoParams for $name {
                fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
                    let schema = ObjectBuilder::new()
                        .schema_type(Type::String)
                        .min_length(Some(1))
                        .max_length(Some(255))
                        .pattern(Some($pattern));
                    vec![ParameterBuilder::new()
                        .name($header)
                        .parameter_in(ParameterIn::Header)
                        .required(Required::False)
                        .description(Some($description))
                        .schema(Some(schema))
                        .build()]
                }
            }
        )+
    };
}

header_parameters! {
    IfMatch => "If-Match", r#"^(\*|(W/)?"[!#-~]*"( *, *(W/)?"[!#-~]*")*)$"#, "The ETag of the version the request acts on, as a `GET` answered it (rule 8b), or a list of \
        them: when none is the resource's current one (compared strongly: weak tags match nothing), the request \
        is refused with `stale_version` and the details of what it is now. `*` acts on any version.";
    IdempotencyKey => "Idempotency-Key", "^[!-~]([ -~]*[!-~])?$", "Names this submission: a repeat with the same key and the same request \
        answers with what the first created, and creates nothing; the same key with another request is refused \
        with `submission_key_reused`. Keys are kept a day.";
}
