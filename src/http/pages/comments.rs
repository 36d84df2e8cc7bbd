//! Pages of comments: a text's discussions (the whole text, a paragraph, an amendment), the
//! form that comments or replies, and the page of one comment where its author edits or
//! deletes it and a drafter hides it.

#[allow(unused_imports)]
use super::*;
use crate::actions::comments::{self, Place, Subject, comment_address};
use crate::views::comments::{CommentDraft, CommentPageState};

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct DiscussionQuery {
    line: Option<String>,
    revision: Option<String>,
    amendment: Option<String>,
}

impl DiscussionQuery {
    fn subject(&self) -> Result<Subject, Unreadable> {
        let number = |field: &str, value: &Option<String>| -> Result<Option<i64>, Unreadable> {
            match value.as_deref().map(str::trim).filter(|value| !value.is_empty()) {
                None => Ok(None),
                Some(value) => value
                    .parse::<u32>()
                    .map(|number| Some(i64::from(number)))
                    .map_err(|_| Unreadable::Invalid { field: field.to_owned(), expected: Expected::Integer }),
            }
        };
        let line = number("line", &self.line)?;
        let revision = number("revision", &self.revision)?;
        let amendment = match self.amendment.as_deref().map(str::trim).filter(|value| !value.is_empty()) {
            None => None,
            Some(value) => Some(
                value
                    .parse::<i64>()
                    .map_err(|_| Unreadable::Invalid { field: "amendment".to_owned(), expected: Expected::Integer })?,
            ),
        };
        let as_u32 = |number: i64| u32::try_from(number).unwrap_or(u32::MAX);
        Ok(match (line, amendment) {
            (Some(line), None) => Subject::Paragraph { line: as_u32(line), revision: revision.map(as_u32) },
            (None, Some(id)) => Subject::Amendment(id),
            _ => Subject::WholeText,
        })
    }
}

/// A text's discussion: of the whole text, of one paragraph (`?line=N`, on an older
/// revision with `&revision=R`) or of one amendment (`?amendment=ID`).
pub async fn discussion(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(slug): PagePath<String>,
    PageQuery(params): PageQuery<DiscussionQuery>,
) -> PageResult {
    let subject = params.subject().map_err(|unreadable| ctx.error(unreadable))?;
    discussion_again(&state, &ctx, &slug, subject, StatusCode::OK, &CommentDraft::default()).await
}

async fn discussion_again(
    state: &AppState,
    ctx: &PageCtx,
    slug: &str,
    subject: Subject,
    status: StatusCode,
    draft: &CommentDraft<'_>,
) -> PageResult {
    let (viewer, slug) = (ctx.user.clone(), slug.to_owned());
    let data = state
        .run(move |site| match comments::discussion(site, viewer.as_ref(), &slug, subject) {
            // An alinéa the head no longer has (or never had): the form comes back on the
            // text's discussion, with what was typed.
            Err(ActionError::NotFound) if matches!(subject, Subject::Paragraph { .. }) => {
                comments::discussion(site, viewer.as_ref(), &slug, Subject::WholeText)
            }
            other => other,
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(html_with_status(status, views::comments::discussion_page(&ctx.frame(), &data, draft)))
}

#[derive(Clone, Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    once: String,
    #[serde(default)]
    body: String,
    line: Option<u32>,
    /// The revision `line` was read on.
    revision: Option<u32>,
    amendment: Option<i64>,
    parent: Option<i64>,
    login: Option<String>,
    password: Option<String>,
}

/// Comments on a text, a paragraph or an amendment, or replies; then shows the comment in
/// its discussion. A refusal shows the discussion again with what was typed.
pub async fn post_comment(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(slug): PagePath<String>,
    body: Result<FormBody<CommentForm>, Problem>,
) -> PageResult {
    let (submitted, fingerprint) = form(&ctx, body)?;
    let place = Place {
        line: submitted.line,
        revision: submitted.revision,
        amendment: submitted.amendment,
        parent: submitted.parent,
    };
    // Where the form came from, to show it again: a reply's thread is found from its parent.
    let subject = match (submitted.line, submitted.amendment) {
        (Some(line), _) => Subject::Paragraph { line, revision: None },
        (None, Some(id)) => Subject::Amendment(id),
        (None, None) => Subject::WholeText,
    };
    let again = |ctx: &PageCtx, message: String, status: StatusCode, log_in: bool| {
        let (state, ctx, slug, body) = (state.clone(), ctx.clone(), slug.clone(), submitted.body.clone());
        async move {
            let subject = match place.parent {
                Some(parent) => parent_subject(&state, &ctx, parent).await.unwrap_or(subject),
                None => subject,
            };
            let draft = CommentDraft { body: &body, parent: place.parent, error: Some(&message), log_in };
            discussion_again(&state, &ctx, &slug, subject, status, &draft).await
        }
    };
    let gated = gate(&state, &ctx, &submitted.csrf, submitted.login.as_deref(), submitted.password.as_deref()).await;
    let sender = match gated {
        Ok(sender) => sender,
        Err(back) => return again(&ctx, back.message(ctx.lang), back.status(), back.log_in).await,
    };
    let ctx = sender.ctx(&ctx);
    let acting = ctx.acting(None, &submitted.once, fingerprint);
    let (viewer, text_slug, words) = (ctx.user.clone(), slug.clone(), submitted.body.clone());
    let done = state
        .run(move |site| {
            let done = comments::comment(site, viewer.as_ref(), &text_slug, place, &words, &acting)?;
            let (text, comment) = comments::comment_by_id(site, viewer.as_ref(), done.value.id)?;
            Ok(comment_address(&text, &comment))
        })
        .await;
    match done {
        Ok(address) => Ok(sender.answer(Redirect::to(&address).into_response())),
        Err(error) if shown_in_form(&error) || matches!(error, ActionError::Conflict(_)) => {
            let problem = Problem::from(error);
            let page = again(&ctx, problem.message(ctx.lang), problem.status(), false).await?;
            Ok(sender.answer(page))
        }
        Err(error) => Err(ctx.error(error)),
    }
}

/// The discussion a comment belongs to.
async fn parent_subject(state: &AppState, ctx: &PageCtx, id: i64) -> Option<Subject> {
    let viewer = ctx.user.clone();
    let (_, comment) = state.run(move |site| comments::comment_by_id(site, viewer.as_ref(), id)).await.ok()?;
    Some(match (comment.amendment, comment.paragraph) {
        (Some(amendment), _) => Subject::Amendment(amendment),
        (None, Some(paragraph)) => Subject::Paragraph {
            line: paragraph.line,
            revision: (!paragraph.follows_head).then_some(paragraph.revision),
        },
        (None, None) => Subject::WholeText,
    })
}

/// The page of one comment, with the forms its author and the drafters may use.
pub async fn comment_page(State(state): State<AppState>, ctx: PageCtx, PagePath(id): PagePath<String>) -> PageResult {
    let id = comment_id(&ctx, &id)?;
    comment_page_again(&state, &ctx, id, StatusCode::OK, &CommentPageState::default()).await
}

fn comment_id(ctx: &PageCtx, id: &str) -> Result<i64, PageError> {
    id.parse().map_err(|_| ctx.error(Problem::NotFound))
}

async fn comment_page_again(
    state: &AppState,
    ctx: &PageCtx,
    id: i64,
    status: StatusCode,
    shown: &CommentPageState<'_>,
) -> PageResult {
    let viewer = ctx.user.clone();
    let (text, comment) =
        state.run(move |site| comments::comment_by_id(site, viewer.as_ref(), id)).await.map_err(|e| ctx.error(e))?;
    let back = comment_address(&text, &comment);
    Ok(html_with_status(status, views::comments::comment_page(&ctx.frame(), &text, &comment, &back, shown)))
}

#[derive(Clone, Deserialize)]
pub struct CommentActionForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    once: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    reason: String,
    login: Option<String>,
    password: Option<String>,
}

/// What a form on a comment's page asks.
#[derive(Clone, Copy)]
enum CommentAction {
    Edit,
    Delete,
    Hide,
}

async fn act_on_comment(
    state: &AppState,
    ctx: PageCtx,
    id: &str,
    body: Result<FormBody<CommentActionForm>, Problem>,
    action: CommentAction,
) -> PageResult {
    let id = comment_id(&ctx, id)?;
    let (submitted, fingerprint) = form(&ctx, body)?;
    let gated = gate(state, &ctx, &submitted.csrf, submitted.login.as_deref(), submitted.password.as_deref()).await;
    let sender = match gated {
        Ok(sender) => sender,
        Err(back) => {
            let message = back.message(ctx.lang);
            let shown = typed(&submitted, action, &message, back.log_in);
            return comment_page_again(state, &ctx, id, back.status(), &shown).await;
        }
    };
    let ctx = sender.ctx(&ctx);
    let acting = ctx.acting(None, &submitted.once, fingerprint);
    let (viewer, words, reason) = (ctx.user.clone(), submitted.body.clone(), submitted.reason.clone());
    let done = state
        .run(move |site| {
            let viewer = viewer.as_ref();
            match action {
                CommentAction::Edit => comments::edit_comment(site, viewer, id, &words, &acting),
                CommentAction::Delete => comments::delete_comment(site, viewer, id, &acting),
                CommentAction::Hide => comments::hide_comment(site, viewer, id, &reason, &acting),
            }?;
            let (text, comment) = comments::comment_by_id(site, viewer, id)?;
            Ok(comment_address(&text, &comment))
        })
        .await;
    match done {
        Ok(address) => Ok(sender.answer(Redirect::to(&address).into_response())),
        Err(error) if shown_in_form(&error) || matches!(error, ActionError::Conflict(_)) => {
            let problem = Problem::from(error);
            let message = problem.message(ctx.lang);
            let shown = typed(&submitted, action, &message, false);
            let page = comment_page_again(state, &ctx, id, problem.status(), &shown).await?;
            Ok(sender.answer(page))
        }
        Err(error) => Err(ctx.error(error)),
    }
}

/// A comment's page shown again with what its form sent and why it did not go through.
fn typed<'a>(
    submitted: &'a CommentActionForm,
    action: CommentAction,
    message: &'a str,
    log_in: bool,
) -> CommentPageState<'a> {
    CommentPageState {
        body: matches!(action, CommentAction::Edit).then_some(submitted.body.as_str()),
        reason: &submitted.reason,
        error: Some(message),
        log_in,
    }
}

pub async fn edit_comment(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(id): PagePath<String>,
    body: Result<FormBody<CommentActionForm>, Problem>,
) -> PageResult {
    act_on_comment(&state, ctx, &id, body, CommentAction::Edit).await
}

pub async fn delete_comment(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(id): PagePath<String>,
    body: Result<FormBody<CommentActionForm>, Problem>,
) -> PageResult {
    act_on_comment(&state, ctx, &id, body, CommentAction::Delete).await
}

pub async fn hide_comment(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(id): PagePath<String>,
    body: Result<FormBody<CommentActionForm>, Problem>,
) -> PageResult {
    act_on_comment(&state, ctx, &id, body, CommentAction::Hide).await
}
