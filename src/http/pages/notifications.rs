//! Pages of notifications: the list and its read marks, the settings, following a text,
//! and the unsubscribe link of emails (which works without logging in).

#[allow(unused_imports)]
use super::*;
use crate::actions::notifications::{self, Preferences, Unsubscribe};
use crate::domain::notification::{Channel, NotificationKind, Switches};

/// Notifications per page of the list.
const PER_PAGE: u32 = 50;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    before: Option<String>,
}

pub async fn notifications_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    PageQuery(params): PageQuery<ListQuery>,
) -> PageResult {
    let before =
        match params.before.as_deref().map(str::trim).filter(|before| !before.is_empty()) {
            None => None,
            Some(before) => Some(before.parse::<i64>().map_err(|_| {
                ctx.error(Unreadable::Invalid { field: "before".to_owned(), expected: Expected::Integer })
            })?),
        };
    let viewer = ctx.user.clone();
    let page = state
        .run(move |site| notifications::notifications(site, viewer.as_ref(), before, PER_PAGE))
        .await
        .map_err(|e| ctx.error(e))?;
    let mut ctx = ctx;
    // The bell says what the list says, marks made in another tab included.
    ctx.unread = page.unread;
    Ok(html(views::notifications::notifications_page(&ctx.frame(), &page)))
}

/// Opens a notification: marks it read and goes where it leads.
pub async fn open_notification(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(id): PagePath<String>,
) -> PageResult {
    let id: i64 = number_in_path(&ctx, &id)?;
    let viewer = ctx.user.clone();
    let link = state.run(move |site| notifications::open(site, viewer.as_ref(), id)).await.map_err(|e| ctx.error(e))?;
    Ok(Redirect::to(&safe_next(Some(&link))).into_response())
}

#[derive(Deserialize)]
pub struct ReadForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    #[allow(dead_code)]
    once: String,
    id: Option<i64>,
    all: Option<String>,
}

pub async fn mark_read(
    State(state): State<AppState>,
    ctx: PageCtx,
    body: Result<FormBody<ReadForm>, Problem>,
) -> PageResult {
    let (submitted, _) = form(&ctx, body)?;
    ctx.check_csrf(&submitted.csrf)?;
    let ids = match (submitted.all.is_some(), submitted.id) {
        (true, _) => None,
        (false, Some(id)) => Some(vec![id]),
        (false, None) => {
            return Err(ctx.error(Unreadable::Missing("id".to_owned())));
        }
    };
    let viewer = ctx.user.clone();
    state
        .run(move |site| notifications::mark_read(site, viewer.as_ref(), ids.as_deref()))
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(Redirect::to("/notifications").into_response())
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SettingsQuery {
    done: Option<String>,
}

pub async fn settings_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    PageQuery(params): PageQuery<SettingsQuery>,
) -> PageResult {
    let viewer = ctx.user.clone();
    let (settings, emailing) = state
        .run(move |site| {
            let settings = notifications::settings(site, viewer.as_ref())?;
            Ok((settings, site.emailing.load(std::sync::atomic::Ordering::SeqCst)))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    let saved = params.done.as_deref() == Some("saved");
    Ok(html(views::notifications::settings_page(&ctx.frame(), &settings, emailing, saved)))
}

#[derive(Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    #[allow(dead_code)]
    once: String,
    /// The switches left on, as `kind.channel`.
    #[serde(default)]
    on: Vec<String>,
    #[serde(default)]
    digest: String,
    #[serde(default)]
    language: String,
}

pub async fn save_settings(
    State(state): State<AppState>,
    ctx: PageCtx,
    body: Result<FormBody<SettingsForm>, Problem>,
) -> PageResult {
    let (submitted, _) = form(&ctx, body)?;
    ctx.check_csrf(&submitted.csrf)?;
    let preferences = preferences_from_form(&ctx, &submitted)?;
    let viewer = ctx.user.clone();
    state
        .run(move |site| notifications::save_settings(site, viewer.as_ref(), &preferences))
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(Redirect::to("/account/notifications?done=saved").into_response())
}

/// A form's switches: every pair not listed as on is off. An unknown pair, digest mode
/// or language is refused.
fn preferences_from_form(ctx: &PageCtx, submitted: &SettingsForm) -> Result<Preferences, PageError> {
    let invalid =
        |field: &str, expected: Expected| ctx.error(Unreadable::Invalid { field: field.to_owned(), expected });
    let mut on = Vec::new();
    for pair in &submitted.on {
        let parsed = pair
            .split_once('.')
            .and_then(|(kind, channel)| Some((NotificationKind::parse(kind)?, Channel::parse(channel)?)));
        on.push(parsed.ok_or_else(|| invalid("on", Expected::OneOf(switch_names())))?);
    }
    let off = NotificationKind::ALL
        .iter()
        .flat_map(|kind| Channel::ALL.iter().map(move |channel| (*kind, *channel)))
        .filter(|pair| !on.contains(pair));
    let digest = match submitted.digest.as_str() {
        "" | "0" => false,
        "1" => true,
        _ => return Err(invalid("digest", Expected::OneOf(vec!["0".to_owned(), "1".to_owned()]))),
    };
    let language = if submitted.language.is_empty() {
        ctx.lang
    } else {
        Lang::from_code(&submitted.language).ok_or_else(|| {
            invalid("language", Expected::OneOf(Lang::ALL.iter().map(|l| l.code().to_owned()).collect()))
        })?
    };
    Ok(Preferences { switches: Switches::new(off), digest, language })
}

fn switch_names() -> Vec<String> {
    NotificationKind::ALL
        .iter()
        .flat_map(|kind| Channel::ALL.iter().map(move |channel| format!("{kind}.{channel}")))
        .collect()
}

#[derive(Deserialize)]
pub struct FollowForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    #[allow(dead_code)]
    once: String,
    #[serde(default)]
    follow: String,
    next: Option<String>,
}

/// Follows a text or stops, then goes back to the text (or to `next`, a local path).
pub async fn follow_text(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(slug): PagePath<String>,
    body: Result<FormBody<FollowForm>, Problem>,
) -> PageResult {
    let (submitted, _) = form(&ctx, body)?;
    ctx.check_csrf(&submitted.csrf)?;
    let following = match submitted.follow.as_str() {
        "1" => true,
        "0" => false,
        _ => {
            return Err(ctx.error(Unreadable::Invalid {
                field: "follow".to_owned(),
                expected: Expected::OneOf(vec!["0".to_owned(), "1".to_owned()]),
            }));
        }
    };
    let viewer = ctx.user.clone();
    let text = state
        .run(move |site| notifications::follow(site, viewer.as_ref(), &slug, following))
        .await
        .map_err(|e| ctx.error(e))?;
    let next = match submitted.next.as_deref() {
        Some(next) if is_local_path(next) => next.to_owned(),
        _ => format!("/texts/{}", text.slug),
    };
    Ok(Redirect::to(&next).into_response())
}

/// What an unsubscribe link carries; a one-click unsubscribe (RFC 8058) sends it in the
/// address and `List-Unsubscribe=One-Click` in the body.
#[derive(Deserialize, Default)]
pub struct UnsubscribeParams {
    member: Option<String>,
    what: Option<String>,
    signature: Option<String>,
    #[serde(default, rename = "List-Unsubscribe")]
    #[allow(dead_code)]
    one_click: String,
    #[serde(default)]
    #[allow(dead_code)]
    csrf: String,
    #[serde(default)]
    #[allow(dead_code)]
    once: String,
}

/// A link's parts, when well formed; a link that is not one of ours is a page not found.
fn unsubscribe_parts(ctx: &PageCtx, params: &UnsubscribeParams) -> Result<(i64, Unsubscribe, String), PageError> {
    let member = params.member.as_deref().and_then(|member| member.parse::<i64>().ok());
    let what = params.what.as_deref().and_then(Unsubscribe::parse);
    match (member, what, params.signature.as_deref()) {
        (Some(member), Some(what), Some(signature)) => Ok((member, what, signature.to_owned())),
        _ => Err(ctx.error(ActionError::NotFound)),
    }
}

/// The confirmation an unsubscribe link opens.
pub async fn unsubscribe_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    PageQuery(params): PageQuery<UnsubscribeParams>,
) -> PageResult {
    let ctx = ctx.with_form_token();
    let (member, what, signature) = unsubscribe_parts(&ctx, &params)?;
    let checked = signature.clone();
    let name = state
        .run(move |site| notifications::check_unsubscribe(site, member, what, &checked))
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(html(views::notifications::unsubscribe_page(&ctx.frame(), &name, (member, what, &signature), false)))
}

/// Unsubscribes: the signature is the authority (no session, no form token needed), so
/// that mail software's one-click unsubscribe works too.
pub async fn unsubscribe(
    State(state): State<AppState>,
    ctx: PageCtx,
    PageQuery(query): PageQuery<UnsubscribeParams>,
    body: Result<FormBody<UnsubscribeParams>, Problem>,
) -> PageResult {
    let (submitted, _) = form(&ctx, body)?;
    let params = UnsubscribeParams {
        member: submitted.member.or(query.member),
        what: submitted.what.or(query.what),
        signature: submitted.signature.or(query.signature),
        ..UnsubscribeParams::default()
    };
    let (member, what, signature) = unsubscribe_parts(&ctx, &params)?;
    let checked = signature.clone();
    let name = state
        .run(move |site| notifications::unsubscribe(site, member, what, &checked))
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(html(views::notifications::unsubscribe_page(&ctx.frame(), &name, (member, what, &signature), true)))
}
