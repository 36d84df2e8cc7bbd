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
    modifiers(&BearerToken, &Downloads),
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
        (name = "files", description = "Files to download, as the text's pages link them: exports of a revision, tracked changes for word processors, the amendment list as spreadsheets, the amendment book. Refusals are pages (HTML) in the reader's language, as for any page"),
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

/// The files a text's pages offer to download (issue 10's exports among them): not JSON,
/// but addresses clients use as they use the API, so the document lists them with their
/// parameters, their media types and the refusals they answer, as pages.
struct Downloads;

/// One download: its address, what it is, its media type, and its query parameters (name,
/// type, description).
struct Download {
    path: &'static str,
    summary: &'static str,
    media_type: &'static str,
    query: &'static [(&'static str, Type, &'static str)],
}

const REVISION_PARAMETER: (&str, Type, &str) =
    ("revision", Type::Integer, "The revision (from 1; by default the head)");
const TRACKED_PARAMETERS: &[(&str, Type, &str)] = &[
    ("from", Type::Integer, "The revision the changes start from (by default the one before `to`)"),
    ("to", Type::Integer, "The revision shown (by default the head)"),
    (
        "amendments",
        Type::String,
        "Instead of a range: amendment ids, comma-separated or the key repeated, whose merge into the head is shown as changes",
    ),
];

const DOWNLOADS: &[Download] = &[
    Download {
        path: "/texts/{slug}/export.txt",
        summary: "A revision as plain text",
        media_type: "text/plain; charset=utf-8",
        query: &[REVISION_PARAMETER],
    },
    Download {
        path: "/texts/{slug}/export.md",
        summary: "A revision as Markdown",
        media_type: "text/markdown; charset=utf-8",
        query: &[REVISION_PARAMETER],
    },
    Download {
        path: "/texts/{slug}/export.pdf",
        summary: "A revision as PDF, every printed line numbered (rule 10)",
        media_type: "application/pdf",
        query: &[REVISION_PARAMETER],
    },
    Download {
        path: "/texts/{slug}/export.odt",
        summary: "The text with tracked changes (a range of revisions, or a set of amendments) as OpenDocument text, each change attributed; printed line numbers on",
        media_type: "application/vnd.oasis.opendocument.text",
        query: TRACKED_PARAMETERS,
    },
    Download {
        path: "/texts/{slug}/export.docx",
        summary: "The same as a Word document",
        media_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        query: TRACKED_PARAMETERS,
    },
    Download {
        path: "/texts/{slug}/amendments.csv",
        summary: "Every amendment of the text, one row each, as CSV",
        media_type: "text/csv; charset=utf-8",
        query: &[],
    },
    Download {
        path: "/texts/{slug}/amendments.ods",
        summary: "The same rows as an OpenDocument spreadsheet",
        media_type: "application/vnd.oasis.opendocument.spreadsheet",
        query: &[],
    },
    Download {
        path: "/texts/{slug}/amendments.xlsx",
        summary: "The same rows as an Excel workbook",
        media_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        query: &[],
    },
    Download {
        path: "/texts/{slug}/book.html",
        summary: "The amendment book: every amendment in printed-line order, set for A4",
        media_type: "text/html; charset=utf-8",
        query: &[],
    },
    Download {
        path: "/texts/{slug}/book.pdf",
        summary: "The amendment book as PDF",
        media_type: "application/pdf",
        query: &[],
    },
];

impl Modify for Downloads {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::{HttpMethod, OperationBuilder};
        use utoipa::openapi::schema::{KnownFormat, SchemaFormat};
        let page = |description: &str| {
            let html = ObjectBuilder::new().schema_type(Type::String).content_media_type("text/html");
            ResponseBuilder::new()
                .description(description)
                .content("text/html; charset=utf-8", ContentBuilder::new().schema(Some(html)).build())
                .build()
        };
        for download in DOWNLOADS {
            let file = ObjectBuilder::new()
                .schema_type(Type::String)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
                .content_media_type(download.media_type);
            let ok = ResponseBuilder::new()
                .description("The file, to save (`Content-Disposition: attachment` names it)")
                .content(download.media_type, ContentBuilder::new().schema(Some(file)).build())
                .build();
            let slug = ParameterBuilder::new()
                .name("slug")
                .parameter_in(ParameterIn::Path)
                .required(Required::True)
                .description(Some("The text's slug"))
                .schema(Some(ObjectBuilder::new().schema_type(Type::String)));
            let mut operation = OperationBuilder::new()
                .tag("files")
                .summary(Some(download.summary))
                .operation_id(Some(format!("download{}", download.path.replace(['/', '{', '}', '.'], "_"))))
                .parameter(slug)
                .response("200", ok)
                .response("400", page("A parameter that cannot be read"))
                .response("404", page("No such text for this reader (members-only texts are not found by others), or no such revision or amendment"));
            for (name, kind, description) in download.query {
                let parameter = ParameterBuilder::new()
                    .name(*name)
                    .parameter_in(ParameterIn::Query)
                    .required(Required::False)
                    .description(Some(*description))
                    .schema(Some(ObjectBuilder::new().schema_type(kind.clone())));
                operation = operation.parameter(parameter);
            }
            if download.query == TRACKED_PARAMETERS {
                operation = operation
                    .response("409", page("Amendments that collide, or one no longer on the head"))
                    .response("422", page("A range that ends before it starts or is too long, parameters that exclude each other, or a selection a merge would refuse"));
            }
            openapi.paths.add_path_operation(download.path, vec![HttpMethod::Get], operation.build());
        }
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
