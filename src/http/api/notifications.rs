//! Notifications in the API: the caller's list and its read marks, their settings, and
//! following texts.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::Object;
use utoipa::{IntoParams, ToSchema};

use super::super::AppState;
use super::super::context::{ApiCtx, Lang};
use super::super::forms::{ApiPath, ApiQuery, JsonBody, NoParameters};
use super::super::openapi::{BadRequest, NotFound, TooLarge, Unauthorized, Unprocessable};
use super::super::unreadable::{Expected, Unreadable};
use super::{ApiResult, names};
use crate::actions::notifications::{self, NotificationSettings, PreferencesChange};
use crate::domain::notification::{Channel, NotificationKind};
use crate::store::NotificationRecord;
use crate::views::notifications::{headline, message};

/// Notifications per answer at most.
const MAX_PER_PAGE: u32 = 200;

pub(crate) fn kind_names() -> Object {
    names(NotificationKind::ALL.iter().map(|kind| kind.as_str()))
}

/// One notification.
#[derive(Serialize, ToSchema)]
pub struct NotificationJson {
    id: i64,
    /// `decision`, `outdated`, `reconfirm`, `reply`, `revision` or `phase`.
    #[schema(schema_with = kind_names)]
    kind: &'static str,
    /// What it says, in the caller's language (`Accept-Language`).
    message: String,
    /// The same, with the title of its text.
    headline: String,
    /// The slug of its text.
    text: String,
    /// The amendment it is about.
    #[schema(required = true)]
    amendment: Option<i64>,
    /// The comment it is about (a reply).
    #[schema(required = true)]
    comment: Option<i64>,
    /// The revision it is about (a new revision, a merge).
    #[schema(required = true)]
    revision: Option<u32>,
    /// Where it leads on this site: a path.
    link: String,
    created_at: String,
    read: bool,
}

impl NotificationJson {
    fn of(lang: Lang, record: &NotificationRecord) -> Self {
        NotificationJson {
            id: record.id,
            kind: record.kind.as_str(),
            message: message(lang, record),
            headline: headline(lang, record),
            text: record.text_slug.clone(),
            amendment: record.amendment.as_ref().map(|(id, _)| *id),
            comment: record.comment_id,
            revision: record.revision,
            link: record.link.clone(),
            created_at: crate::time::rfc3339(record.created_at),
            read: record.read,
        }
    }
}

/// A page of the caller's notifications.
#[derive(Serialize, ToSchema)]
pub struct NotificationsJson {
    /// Unread notifications, counted up to 100.
    unread: u32,
    /// Newest first.
    notifications: Vec<NotificationJson>,
    /// Ask with `before` set to this for older ones; null when there are none.
    #[schema(required = true)]
    older: Option<i64>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct NotificationsQuery {
    /// Only notifications older than this one (an id).
    before: Option<i64>,
    /// How many, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

/// The caller's notifications, newest first.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "notifications", security(("bearer" = [])),
    params(NotificationsQuery),
    responses((status = 200, description = "The caller's notifications", body = NotificationsJson),
        BadRequest, Unauthorized, Unprocessable))]
pub async fn list_notifications(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiQuery(query): ApiQuery<NotificationsQuery>,
) -> ApiResult<NotificationsJson> {
    let limit = query.limit.unwrap_or(50);
    if !(1..=MAX_PER_PAGE).contains(&limit) {
        return Err(ctx.error(Unreadable::Invalid { field: "limit".to_owned(), expected: Expected::Integer }));
    }
    let viewer = ctx.user.clone();
    let page = state
        .run(move |site| notifications::notifications(site, viewer.as_ref(), query.before, limit))
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(Json(NotificationsJson {
        unread: page.unread,
        notifications: page.items.iter().map(|record| NotificationJson::of(ctx.lang, record)).collect(),
        older: page.older,
    }))
}

/// Which notifications to mark read.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReadJson {
    /// These notifications (the caller's; others are ignored)…
    #[serde(default)]
    #[schema(max_items = 1000)]
    ids: Vec<i64>,
    /// …or all of them.
    #[serde(default)]
    all: bool,
}

/// What marking read answers.
#[derive(Serialize, ToSchema)]
pub struct UnreadJson {
    /// Unread notifications left, counted up to 100.
    unread: u32,
}

/// Marks the caller's notifications read: `ids`, or `all`.
#[utoipa::path(post, path = "/api/v1/notifications/read", tag = "notifications", security(("bearer" = [])),
    request_body = ReadJson,
    responses((status = 200, description = "Marked", body = UnreadJson), BadRequest, Unauthorized, TooLarge, Unprocessable))]
pub async fn read_notifications(
    State(state): State<AppState>,
    ctx: ApiCtx,
    _: ApiQuery<NoParameters>,
    JsonBody(body, _): JsonBody<ReadJson>,
) -> ApiResult<UnreadJson> {
    if body.ids.len() > 1000 {
        return Err(ctx.error(Unreadable::Invalid { field: "ids".to_owned(), expected: Expected::Integer }));
    }
    let viewer = ctx.user.clone();
    let ids = if body.all { None } else { Some(body.ids) };
    let unread = state
        .run(move |site| notifications::mark_read(site, viewer.as_ref(), ids.as_deref()))
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(Json(UnreadJson { unread }))
}

/// A kind's switches.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SwitchJson {
    app: bool,
    email: bool,
}

/// The caller's notification settings.
#[derive(Serialize, ToSchema)]
pub struct NotificationSettingsJson {
    /// Per kind (`decision`, `outdated`, `reconfirm`, `reply`, `revision`, `phase`): in the
    /// app, by email.
    switches: std::collections::BTreeMap<&'static str, SwitchJson>,
    /// One email a day gathering everything, rather than one per notification.
    digest: bool,
    /// The language of emails.
    language: &'static str,
    /// Where emails go; null when the account has none.
    #[schema(required = true)]
    email: Option<String>,
    /// Whether this server sends email at all.
    emailing: bool,
    /// Slugs of the texts followed.
    following: Vec<String>,
}

impl NotificationSettingsJson {
    fn of(settings: NotificationSettings, emailing: bool) -> Self {
        let preferences = &settings.preferences;
        let switches = NotificationKind::ALL
            .iter()
            .map(|kind| {
                let switch = SwitchJson {
                    app: preferences.switches.allows(*kind, Channel::App),
                    email: preferences.switches.allows(*kind, Channel::Email),
                };
                (kind.as_str(), switch)
            })
            .collect();
        NotificationSettingsJson {
            switches,
            digest: preferences.digest,
            language: preferences.language.code(),
            email: settings.email,
            emailing,
            following: settings.followed.into_iter().map(|(slug, _)| slug).collect(),
        }
    }
}

/// The caller's notification settings and followed texts.
#[utoipa::path(get, path = "/api/v1/me/notifications", tag = "notifications", security(("bearer" = [])),
    responses((status = 200, description = "The settings", body = NotificationSettingsJson),
        BadRequest, Unauthorized, Unprocessable))]
pub async fn notification_settings(
    State(state): State<AppState>,
    ctx: ApiCtx,
    _: ApiQuery<NoParameters>,
) -> ApiResult<NotificationSettingsJson> {
    let viewer = ctx.user.clone();
    let (settings, emailing) = state
        .run(move |site| {
            Ok((
                notifications::settings(site, viewer.as_ref())?,
                site.emailing.load(std::sync::atomic::Ordering::SeqCst),
            ))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(Json(NotificationSettingsJson::of(settings, emailing)))
}

/// A kind's switches to change: what is left out stays as it is.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SwitchChangeJson {
    app: Option<bool>,
    email: Option<bool>,
}

/// New settings: what is left out stays as it is.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NotificationSettingsChangeJson {
    /// Per kind (`decision`, `outdated`, `reconfirm`, `reply`, `revision`, `phase`), its
    /// switches.
    #[serde(default)]
    switches: std::collections::BTreeMap<String, SwitchChangeJson>,
    digest: Option<bool>,
    /// `fr` or `en`.
    language: Option<String>,
}

/// Changes some of the caller's notification settings (one transaction).
#[utoipa::path(put, path = "/api/v1/me/notifications", tag = "notifications", security(("bearer" = [])),
    request_body = NotificationSettingsChangeJson,
    responses((status = 200, description = "The settings", body = NotificationSettingsJson),
        BadRequest, Unauthorized, TooLarge, Unprocessable))]
pub async fn change_notification_settings(
    State(state): State<AppState>,
    ctx: ApiCtx,
    _: ApiQuery<NoParameters>,
    JsonBody(body, _): JsonBody<NotificationSettingsChangeJson>,
) -> ApiResult<NotificationSettingsJson> {
    let mut change = PreferencesChange { digest: body.digest, ..PreferencesChange::default() };
    for (name, switch) in &body.switches {
        let kind = NotificationKind::parse(name).ok_or_else(|| {
            ctx.error(Unreadable::Invalid {
                field: "switches".to_owned(),
                expected: Expected::OneOf(NotificationKind::ALL.iter().map(|kind| kind.as_str().to_owned()).collect()),
            })
        })?;
        for (channel, on) in [(Channel::App, switch.app), (Channel::Email, switch.email)] {
            if let Some(on) = on {
                change.switches.push((kind, channel, on));
            }
        }
    }
    change.language = match body.language.as_deref() {
        None => None,
        Some(code) => Some(Lang::from_code(code).ok_or_else(|| {
            ctx.error(Unreadable::Invalid {
                field: "language".to_owned(),
                expected: Expected::OneOf(Lang::ALL.iter().map(|lang| lang.code().to_owned()).collect()),
            })
        })?),
    };
    let viewer = ctx.user.clone();
    let (settings, emailing) = state
        .run(move |site| {
            let settings = notifications::change_settings(site, viewer.as_ref(), &change)?;
            Ok((settings, site.emailing.load(std::sync::atomic::Ordering::SeqCst)))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(Json(NotificationSettingsJson::of(settings, emailing)))
}

/// Whether the caller follows a text.
#[derive(Serialize, ToSchema)]
pub struct FollowingJson {
    text: String,
    following: bool,
}

/// Follows a text: its new revisions, phase changes and approaching deadlines notify the
/// caller.
#[utoipa::path(put, path = "/api/v1/texts/{slug}/follow", tag = "notifications", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The text's slug")),
    responses((status = 200, description = "Followed", body = FollowingJson),
        BadRequest, Unauthorized, NotFound, Unprocessable))]
pub async fn follow_text(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    _: ApiQuery<NoParameters>,
) -> ApiResult<FollowingJson> {
    set_following(state, ctx, slug, true).await
}

/// Stops following a text (proposing on it again does not follow it again).
#[utoipa::path(delete, path = "/api/v1/texts/{slug}/follow", tag = "notifications", security(("bearer" = [])),
    params(("slug" = String, Path, description = "The text's slug")),
    responses((status = 200, description = "No longer followed", body = FollowingJson),
        BadRequest, Unauthorized, NotFound, Unprocessable))]
pub async fn unfollow_text(
    State(state): State<AppState>,
    ctx: ApiCtx,
    ApiPath(slug): ApiPath<String>,
    _: ApiQuery<NoParameters>,
) -> ApiResult<FollowingJson> {
    set_following(state, ctx, slug, false).await
}

async fn set_following(state: AppState, ctx: ApiCtx, slug: String, following: bool) -> ApiResult<FollowingJson> {
    let viewer = ctx.user.clone();
    let text = state
        .run(move |site| notifications::follow(site, viewer.as_ref(), &slug, following))
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(Json(FollowingJson { text: text.slug, following }))
}
