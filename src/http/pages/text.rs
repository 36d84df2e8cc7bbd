//! Pages of texts: publishing, reading a revision, history, diffs and the full-text editor.

#[allow(unused_imports)]
use super::*;
use crate::actions::news;

#[derive(Deserialize)]
pub struct PublishQuery {
    /// The topic to publish in: the form shows the texts already there.
    topic: Option<String>,
}

pub async fn publish_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    PageQuery(query): PageQuery<PublishQuery>,
) -> PageResult {
    if ctx.user.is_none() {
        return Ok(to_login(&ctx));
    }
    let request = ctx.clone();
    let topics = state
        .run(move |site| crate::actions::topics::topics(site, request.user.as_ref()).map(|(topics, _)| topics))
        .await
        .map_err(|e| ctx.error(e))?;
    let draft = PublishDraft { topic: query.topic.as_deref().unwrap_or_default(), ..PublishDraft::default() };
    Ok(html(views::account::publish_page(&ctx.frame(), &draft, &topics, crate::store::now(), None)))
}

#[derive(Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    once: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    summary: String,
    visibility: Option<String>,
    /// The slug of the topic; empty for none.
    #[serde(default)]
    topic: String,
    login: Option<String>,
    password: Option<String>,
}

pub async fn publish_text(
    State(state): State<AppState>,
    ctx: PageCtx,
    body: Result<FormBody<PublishForm>, Problem>,
) -> PageResult {
    let (submitted, fingerprint) = form(&ctx, body)?;
    // A form shown again shows the texts already in the topics, as the first one did.
    let request = ctx.clone();
    let topics = state
        .run(move |site| crate::actions::topics::topics(site, request.user.as_ref()).map(|(topics, _)| topics))
        .await
        .unwrap_or_default();
    let visibility = match submitted.visibility.as_deref() {
        None => Some(Visibility::Public),
        Some(name) => Visibility::parse(name),
    };
    let again = |ctx: &PageCtx, message: &str, status: StatusCode, log_in: bool| {
        let draft = PublishDraft {
            slug: &submitted.slug,
            title: &submitted.title,
            body: &submitted.body,
            summary: &submitted.summary,
            members_only: visibility == Some(Visibility::Members),
            topic: &submitted.topic,
            log_in,
        };
        let page = views::account::publish_page(&ctx.frame(), &draft, &topics, crate::store::now(), Some(message));
        html_with_status(status, page)
    };
    // A visibility the form never offers comes back with everything typed.
    let Some(visibility) = visibility else {
        let problem = Problem::from(one_of("visibility", Visibility::ALL.iter().map(|v| v.as_str())));
        return Ok(again(&ctx, &problem.message(ctx.lang), problem.status(), false));
    };
    let gated = gate(&state, &ctx, &submitted.csrf, submitted.login.as_deref(), submitted.password.as_deref()).await;
    let sender = match gated {
        Ok(sender) => sender,
        Err(back) => return Ok(again(&ctx, &back.message(ctx.lang), back.status(), back.log_in)),
    };
    let ctx = sender.ctx(&ctx);
    let acting = ctx.acting(None, &submitted.once, fingerprint);
    let viewer = ctx.user.clone();
    let (slug, title, text_body, summary) =
        (submitted.slug.clone(), submitted.title.clone(), submitted.body.clone(), submitted.summary.clone());
    let topic = Some(submitted.topic.trim().to_owned()).filter(|topic| !topic.is_empty());
    let result = state
        .run(move |site| {
            let phase = Phase::Consultation;
            let new = NewText {
                slug: &slug,
                title: &title,
                body: &text_body,
                summary: &summary,
                visibility,
                phase,
                topic: topic.as_deref(),
            };
            texts::publish_text(site, viewer.as_ref(), &new, &acting)
        })
        .await;
    match result {
        Ok(done) => Ok(sender.answer(Redirect::to(&format!("/texts/{}", done.value.slug)).into_response())),
        Err(error) if shown_in_form(&error) => {
            let problem = Problem::from(error);
            Ok(sender.answer(again(&ctx, &problem.message(ctx.lang), problem.status(), false)))
        }
        Err(error) => Err(ctx.error(error)),
    }
}

/// What a text's page may be asked: `since`, an earlier revision whose changes it
/// highlights. Other parameters (a share link's tracking tags) are left alone.
#[derive(Deserialize, Default)]
pub struct TextQuery {
    since: Option<u32>,
}

pub async fn text_head(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(slug): PagePath<String>,
    PageQuery(query): PageQuery<TextQuery>,
) -> PageResult {
    show_text(state, ctx, slug, None, query.since).await
}

pub async fn text_revision(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath((slug, number)): PagePath<(String, String)>,
    PageQuery(query): PageQuery<TextQuery>,
) -> PageResult {
    let number = number_in_path(&ctx, &number)?;
    show_text(state, ctx, slug, Some(number), query.since).await
}

async fn show_text(state: AppState, ctx: PageCtx, slug: String, number: Option<u32>, since: Option<u32>) -> PageResult {
    let (fragments, request) = (Arc::clone(&state.fragments), ctx.clone());
    let page = state
        .run(move |site| {
            let data = texts::text_page(site, request.user.as_ref(), &slug, number, since)?;
            let text = &data.text;
            let takes_amendments = views::text::takes_amendments(&data);
            // Everything the page shows: the text's state, the revision, the margin, and the
            // visitor (name, forms' token, language, address for the language switch).
            let tag = etag((
                (text.id, text.updated_at, text.amendments_version, &text.title, text.phase.as_str()),
                // The time left changes the page at most once a minute.
                views::phase::deadline_note(request.lang, text, data.now),
                (data.revision.info.number, takes_amendments, request.lang, data.following, data.news, since),
                (
                    request.user.as_ref().map(|user| (user.id, &user.name, user.role.as_str(), request.unread)),
                    &request.csrf,
                    &request.here,
                ),
            ));
            if fresh(&request.headers, &tag) {
                return Ok(Err(tag));
            }
            let key = FragmentKey::TextLines {
                text: text.id,
                revision: data.revision.info.number,
                amendments_version: text.amendments_version,
                lang: request.lang,
                takes_amendments,
                takes_comments: views::text::takes_comments(&data),
            };
            // Highlighted lines are asked for one reading: made for it, never kept.
            let lines = match &data.changed_since {
                Some(_) => fragments.render_once(views::text::text_lines(request.lang, &data)),
                None => fragments.get(key, || views::text::text_lines(request.lang, &data)),
            };
            let shell = views::text::text_page(&request.frame(), &data, marker());
            let visit = data.record_visit.map(|visit| (text.id, visit));
            Ok(Ok((assemble(shell, &[lines], &request.visitor()), tag, visit)))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    // The visit is written after the page is answered, off its path: the page shows what
    // was new before it.
    if let (Ok((_, _, Some((text_id, visit)))), Some(user)) = (&page, ctx.user.as_ref()) {
        let (state, user_id, text_id, visit) = (state.clone(), user.id, *text_id, *visit);
        tokio::spawn(async move {
            if let Err(error) = state.run(move |site| news::record_visit(site, user_id, text_id, visit)).await {
                tracing::warn!("recording a visit failed: {error}");
            }
        });
    }
    let page = page.map(|(chunks, tag, _)| (chunks, tag));
    Ok(match page {
        Ok((chunks, tag)) => html_chunks(StatusCode::OK, chunks, Some(&tag)),
        Err(tag) => not_modified(&tag),
    })
}

/// The line view of the head (rule 10).
pub async fn printed_head(State(state): State<AppState>, ctx: PageCtx, PagePath(slug): PagePath<String>) -> PageResult {
    show_printed(state, ctx, slug, None).await
}

/// The line view of a revision (rule 10).
pub async fn printed_revision(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath((slug, number)): PagePath<(String, String)>,
) -> PageResult {
    let number = number_in_path(&ctx, &number)?;
    show_printed(state, ctx, slug, Some(number)).await
}

async fn show_printed(state: AppState, ctx: PageCtx, slug: String, number: Option<u32>) -> PageResult {
    let (fragments, request) = (Arc::clone(&state.fragments), ctx.clone());
    let chunks = state
        .run(move |site| {
            let (text, revision) = texts::revision(site, request.user.as_ref(), &slug, number)?;
            let key = FragmentKey::PrintedLines { text: text.id, revision: revision.info.number, lang: request.lang };
            let lines = fragments.get(key, || views::text::printed_lines(request.lang, &text, &revision));
            let shell = views::text::printed_page(&request.frame(), &text, &revision, marker());
            Ok(assemble(shell, &[lines], &request.visitor()))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(html_chunks(StatusCode::OK, chunks, None))
}

/// The provenance view of the head (rule 8).
pub async fn provenance_head(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(slug): PagePath<String>,
) -> PageResult {
    show_provenance(state, ctx, slug, None).await
}

/// The provenance view of a revision (rule 8).
pub async fn provenance_revision(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath((slug, number)): PagePath<(String, String)>,
) -> PageResult {
    let number = number_in_path(&ctx, &number)?;
    show_provenance(state, ctx, slug, Some(number)).await
}

async fn show_provenance(state: AppState, ctx: PageCtx, slug: String, number: Option<u32>) -> PageResult {
    let (fragments, request) = (Arc::clone(&state.fragments), ctx.clone());
    let chunks = state
        .run(move |site| {
            let view = texts::provenance_view(site, request.user.as_ref(), &slug, number)?;
            let key = FragmentKey::Provenance {
                text: view.text.id,
                revision: view.revision.info.number,
                amendments_version: view.text.amendments_version,
                lang: request.lang,
            };
            let body = fragments.get(key, || views::text::provenance_body(request.lang, &view));
            let shell = views::text::provenance_page(&request.frame(), &view, marker());
            Ok(assemble(shell, &[body], &request.visitor()))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(html_chunks(StatusCode::OK, chunks, None))
}

pub async fn history(State(state): State<AppState>, ctx: PageCtx, PagePath(slug): PagePath<String>) -> PageResult {
    let request = ctx.clone();
    let page = state
        .run(move |site| {
            let history = texts::history(site, request.user.as_ref(), &slug)?;
            Ok(views::history::history_page(&request.frame(), &history))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(html(page))
}

#[derive(Deserialize)]
pub struct CompareQuery {
    from: u32,
    to: u32,
}

pub async fn compare(PagePath(slug): PagePath<String>, PageQuery(params): PageQuery<CompareQuery>) -> PageResult {
    // The slug comes decoded from the address and may hold anything, a line feed included,
    // which no `Location` header can carry: it goes back percent-encoded, as one segment.
    let segment = views::query_value(&slug).replace('/', "%2F");
    Ok(Redirect::to(&format!("/texts/{segment}/diff/{}..{}", params.from, params.to)).into_response())
}

#[derive(Deserialize)]
pub struct DiffQuery {
    view: Option<String>,
}

pub async fn diff(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath((slug, range)): PagePath<(String, String)>,
    PageQuery(params): PageQuery<DiffQuery>,
) -> PageResult {
    let (from, to) = range.split_once("..").ok_or_else(|| ctx.error(Problem::NotFound))?;
    let (from, to): (u32, u32) = (number_in_path(&ctx, from)?, number_in_path(&ctx, to)?);
    let layout = if params.view.as_deref() == Some("inline") { DiffLayout::Inline } else { DiffLayout::SideBySide };
    let (fragments, request) = (Arc::clone(&state.fragments), ctx.clone());
    let page = state
        .run(move |site| {
            let (text, old, new) = texts::two_revisions(site, request.user.as_ref(), &slug, from, to)?;
            // Revisions never change: only the text's title and the visitor's frame can.
            let tag = etag((
                (text.id, &text.title, text.head, text.phase.as_str(), from, to, layout, request.lang),
                (
                    request.user.as_ref().map(|user| (user.id, &user.name, user.role.as_str(), request.unread)),
                    &request.csrf,
                    &request.here,
                ),
            ));
            if fresh(&request.headers, &tag) {
                return Ok(Err(tag));
            }
            let key = FragmentKey::Diff { text: text.id, from, to, layout, lang: request.lang };
            let table = fragments.get(key, || views::history::diff_table(request.lang, &old, &new, layout));
            let shell = views::history::diff_page(&request.frame(), &text, &old, &new, layout, marker());
            Ok(Ok((assemble(shell, &[table], &request.visitor()), tag)))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(match page {
        Ok((chunks, tag)) => html_chunks(StatusCode::OK, chunks, Some(&tag)),
        Err(tag) => not_modified(&tag),
    })
}

pub async fn edit_form(State(state): State<AppState>, ctx: PageCtx, PagePath(slug): PagePath<String>) -> PageResult {
    if ctx.user.is_none() {
        return Ok(to_login(&ctx));
    }
    let request = ctx.clone();
    // A congress text is 450 KB to put in the form: read and rendered off the async threads.
    let page = state
        .run(move |site| {
            let (text, head) = texts::revision(site, request.user.as_ref(), &slug, None)?;
            if !crate::auth::allows(request.user.as_ref().map(|u| u.role), crate::auth::Permission::Publish) {
                return Err(ActionError::Forbidden);
            }
            let body = head.lines.join("\n\n");
            let draft =
                EditDraft { base: head.info.number, title: &text.title, body: &body, summary: "", log_in: false };
            Ok(views::history::edit_page(&request.frame(), &text, &draft, None))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(html(page))
}

#[derive(Clone, Deserialize)]
pub struct EditForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    once: String,
    base: u32,
    title: Option<String>,
    #[serde(default)]
    body: String,
    #[serde(default)]
    summary: String,
    login: Option<String>,
    password: Option<String>,
}

pub async fn edit_text(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(slug): PagePath<String>,
    body: Result<FormBody<EditForm>, Problem>,
) -> PageResult {
    let (submitted, fingerprint) = form(&ctx, body)?;
    let gated = gate(&state, &ctx, &submitted.csrf, submitted.login.as_deref(), submitted.password.as_deref()).await;
    let (sender, ctx, back) = match gated {
        Ok(sender) => {
            let ctx = sender.ctx(&ctx);
            (Some(sender), ctx, None)
        }
        Err(back) => (None, ctx, Some(back)),
    };
    let viewer = ctx.user.clone();
    let (text_slug, text_body, summary, base, title) =
        (slug.clone(), submitted.body.clone(), submitted.summary.clone(), submitted.base, submitted.title.clone());
    let acting = ctx.acting(None, &submitted.once, fingerprint);
    let through = back.is_none();
    let result = state
        .run(move |site| {
            let outcome = if through {
                let edit = TextEdit { base, body: &text_body, summary: &summary, title: title.as_deref(), seen: None };
                texts::edit_text(site, viewer.as_ref(), &text_slug, &edit, &acting).map(|done| done.value)
            } else {
                Err(ActionError::Unauthenticated)
            };
            // The pages shown after a refusal need the text; a success needs nothing more.
            let text = match outcome {
                Ok(_) => Err(ActionError::NotFound),
                Err(_) => texts::revision(site, viewer.as_ref(), &text_slug, None).map(|(text, _)| text),
            };
            Ok((outcome, text))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    let answer = |response: Response| match &sender {
        Some(sender) => sender.answer(response),
        None => response,
    };
    // The pages shown again hold the whole text: rendered off the async threads.
    let again = |text: crate::domain::model::Text, message: String, status: StatusCode, log_in: bool| {
        let (request, submitted, state) = (ctx.clone(), submitted.clone(), state.clone());
        let errors = ctx.clone();
        async move {
            let page = state
                .render(move || {
                    let draft = EditDraft {
                        base: submitted.base,
                        title: submitted.title.as_deref().unwrap_or(&text.title),
                        body: &submitted.body,
                        summary: &submitted.summary,
                        log_in,
                    };
                    views::history::edit_page(&request.frame(), &text, &draft, Some(&message))
                })
                .await
                .map_err(|e| errors.error(e))?;
            Ok::<Response, PageError>(html_with_status(status, page))
        }
    };
    match (result, back) {
        ((_, Ok(text)), Some(back)) => again(text, back.message(ctx.lang), back.status(), back.log_in).await,
        ((Ok(_), _), _) => Ok(answer(Redirect::to(&format!("/texts/{slug}")).into_response())),
        ((Err(ActionError::Conflict(Conflict::Edit(conflict))), Ok(text)), None) => {
            let request = ctx.clone();
            let page = state
                .render(move || views::history::edit_conflict_page(&request.frame(), &text, &conflict))
                .await
                .map_err(|e| ctx.error(e))?;
            Ok(answer(html_with_status(StatusCode::CONFLICT, page)))
        }
        ((Err(error), Ok(text)), None) if shown_in_form(&error) => {
            let problem = Problem::from(error);
            Ok(answer(again(text, problem.message(ctx.lang), problem.status(), false).await?))
        }
        ((Err(error), _), _) => Err(ctx.error(error)),
    }
}
