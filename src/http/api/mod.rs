//! The JSON API v1 (DESIGN.md "HTTP contract"): its wire types, kept apart from the
//! domain's and described by the OpenAPI document (`openapi.rs`) from the same structs,
//! and handlers as thin as the pages', one file per resource.

mod accounts;
mod amendments;
mod comments;
mod fates;
mod me;
mod members;
mod notifications;
mod questions;
mod search;
mod texts;
mod topics;

pub use accounts::*;
pub use amendments::*;
pub use comments::*;
pub use fates::*;
pub use me::*;
pub use members::*;
pub use notifications::*;
pub use questions::*;
pub use search::*;
pub use texts::*;
pub use topics::*;

use axum::Json;
use axum::http::StatusCode;
use utoipa::openapi::schema::{Array, ArrayBuilder, KnownFormat, Object, ObjectBuilder, SchemaFormat, Type};

use super::context::ApiCtx;
use super::error::{ApiError, Problem};
use crate::domain::limits::{
    MAX_AMENDMENT_LINES, MAX_LINE_CHARS, MAX_NOTE_CHARS, MAX_RATIONALE_CHARS, MAX_REVISION_CHARS, MAX_SUMMARY_CHARS,
    MAX_TITLE_CHARS, SLUG_CHARS,
};
use crate::domain::model::RevisionKind;
use crate::domain::{AmendmentState, Phase, Visibility};

pub(super) type ApiResult<T> = Result<Json<T>, ApiError>;
pub(super) type Created<T> = Result<(StatusCode, Json<T>), ApiError>;

/// A JSON answer already serialised (kept for everyone who asks), with its validator when
/// it has one; `304 Not Modified` when the client holds that version.
pub(super) fn json_bytes(ctx: &ApiCtx, etag: Option<&str>, body: axum::body::Bytes) -> axum::response::Response {
    use axum::http::HeaderValue;
    use axum::http::header::{CONTENT_TYPE, ETAG};
    use axum::response::IntoResponse;
    if let Some(etag) = etag
        && super::fragments::fresh(&ctx.headers, etag)
    {
        return super::fragments::not_modified(etag);
    }
    let mut response = (StatusCode::OK, body).into_response();
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if let Some(value) = etag.and_then(|etag| HeaderValue::from_str(etag).ok()) {
        response.headers_mut().insert(ETAG, value);
    }
    response
}

pub(super) fn created<T>(value: T) -> Created<T> {
    Ok((StatusCode::CREATED, Json(value)))
}

pub(super) fn id_in_path(ctx: &ApiCtx, id: &str) -> Result<i64, ApiError> {
    id.parse().map_err(|_| ctx.error(Problem::NotFound))
}

pub async fn not_found(ctx: ApiCtx) -> ApiError {
    ctx.error(Problem::NotFound)
}

pub async fn method_not_allowed(ctx: ApiCtx) -> ApiError {
    ctx.error(Problem::MethodNotAllowed)
}

// ---------------------------------------------------------------------------------------
// Names: the domain's closed sets travel as their stable names, and the document lists
// exactly the names the domain has.

pub(super) fn names(all: impl IntoIterator<Item = &'static str>) -> Object {
    ObjectBuilder::new().schema_type(Type::String).enum_values(Some(all)).build()
}

pub(crate) fn phase_names() -> Object {
    names(Phase::ALL.iter().map(|phase| phase.as_str()))
}

pub(super) fn visibility_names() -> Object {
    names(Visibility::ALL.iter().map(|visibility| visibility.as_str()))
}

pub(crate) fn secrecy_names() -> Object {
    names(crate::domain::Secrecy::ALL.iter().map(|secrecy| secrecy.as_str()))
}

pub(crate) fn vote_names() -> Object {
    names(crate::domain::Vote::ALL.iter().map(|vote| vote.as_str()))
}

pub(crate) fn state_names() -> Object {
    names(AmendmentState::ALL.iter().map(|state| state.as_str()))
}

pub(super) fn revision_kind_names() -> Object {
    const ALL: [RevisionKind; 3] = [RevisionKind::Published, RevisionKind::Edited, RevisionKind::Merged];
    // Fails to build when the domain adds a kind, until it is listed above.
    let _listed = |kind: RevisionKind| match kind {
        RevisionKind::Published | RevisionKind::Edited | RevisionKind::Merged => (),
    };
    names(ALL.iter().map(|kind| kind.as_str()))
}

// ---------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------
// What the document states of the text fields a client sends, from the same bounds and
// rules the domain applies (DESIGN.md, API contract): a request valid against the document
// is refused only for a rule of the domain.

/// Control characters a one-line text refuses (breaks included: one item, one line).
const CONTROLS_IN_A_LINE: &str = r"\u0000-\u0008\u000A-\u001F\u007F-\u009F\u2028\u2029";
/// Control characters any text refuses (line breaks, which normalisation reads, aside).
const CONTROLS: &str = r"\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F";
/// Characters that show nothing, besides white space: a required text needs another.
const SHOWS_NOTHING: &str = r"\s\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u2800\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8";

/// A string of at most `max` characters without `controls`, holding something a reader
/// sees when `required`.
fn text_schema(controls: &str, max: usize, required: bool) -> Object {
    let pattern = if required {
        format!("^[^{controls}]*[^{controls}{SHOWS_NOTHING}][^{controls}]*$")
    } else {
        format!("^[^{controls}]*$")
    };
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(required.then_some(1))
        .max_length(Some(max))
        .pattern(Some(pattern))
        .build()
}

pub(super) fn slug_schema() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(*SLUG_CHARS.start()))
        .max_length(Some(*SLUG_CHARS.end()))
        // `new` is the address of the page that publishes a text.
        .pattern(Some("^(?!new$)[a-z0-9]+(-[a-z0-9]+)*$"))
        .build()
}

pub(super) fn title_schema() -> Object {
    text_schema(CONTROLS, MAX_TITLE_CHARS, true)
}

pub(super) fn summary_schema() -> Object {
    text_schema(CONTROLS, MAX_SUMMARY_CHARS, false)
}

pub(super) fn rationale_schema() -> Object {
    text_schema(CONTROLS, MAX_RATIONALE_CHARS, true)
}

pub(super) fn note_schema() -> Object {
    text_schema(CONTROLS, MAX_NOTE_CHARS, false)
}

pub(super) fn description_schema() -> Object {
    text_schema(CONTROLS, crate::domain::limits::MAX_DESCRIPTION_CHARS, false)
}

pub(super) fn body_schema() -> Object {
    text_schema(CONTROLS, MAX_REVISION_CHARS, true)
}

/// The lines an amendment proposes or a drafter accepts: one paragraph each.
pub(super) fn lines_schema() -> Array {
    ArrayBuilder::new()
        .items(text_schema(CONTROLS_IN_A_LINE, MAX_LINE_CHARS, false))
        .max_items(Some(MAX_AMENDMENT_LINES))
        .build()
}

/// A revision or line number, from 1.
pub(super) fn number_schema() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .minimum(Some(1))
        .maximum(Some(u32::MAX))
        .build()
}

/// A count of lines, from 0.
pub(super) fn count_schema() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .minimum(Some(0))
        .maximum(Some(u32::MAX))
        .build()
}

/// An id or a version, from 1.
pub(super) fn id_schema() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .minimum(Some(1))
        .build()
}

/// Reads a whole number sent as an integer or as a number with no fractional part
/// (`2873.0`): JSON Schema counts both as integers, so a client may send either.
pub(super) fn whole<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: TryFrom<i64>,
{
    struct Whole;

    impl serde::de::Visitor<'_> for Whole {
        type Value = i64;

        fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            formatter.write_str("a whole number")
        }

        fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<i64, E> {
            Ok(value)
        }

        fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<i64, E> {
            i64::try_from(value).map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(value), &self))
        }

        fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<i64, E> {
            let whole = value.fract() == 0.0 && value >= i64::MIN as f64 && value <= i64::MAX as f64;
            if whole { Ok(value as i64) } else { Err(E::invalid_value(serde::de::Unexpected::Float(value), &self)) }
        }
    }

    let value = deserializer.deserialize_any(Whole)?;
    T::try_from(value).map_err(|_| {
        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(value), &"a whole number within range")
    })
}
