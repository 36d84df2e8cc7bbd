//! The drafters' review desk and the merge it sends.

#[allow(unused_imports)]
use super::*;
use crate::domain::model::Text;

pub async fn review(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(slug): PagePath<String>,
    PageQuery(params): PageQuery<ListQuery>,
) -> PageResult {
    if ctx.user.is_none() {
        return Ok(to_login(&ctx));
    }
    let (filter, page) = params.read(States::ToDecide).map_err(|unreadable| ctx.error(unreadable))?;
    let merged_into = params.merged.as_deref().and_then(|merged| merged.parse().ok());
    let shown = ReviewOutcome {
        merged_into,
        error: None,
        selected: Vec::new(),
        summary: String::new(),
        filter,
        page,
        notices: Vec::new(),
    };
    review_desk(&state, &ctx, slug, StatusCode::OK, shown).await
}

/// What the review desk shows above its amendments, and which of them.
struct ReviewOutcome {
    merged_into: Option<u32>,
    error: Option<String>,
    selected: Vec<i64>,
    /// The revision summary typed in the merge form.
    summary: String,
    filter: Filter,
    page: Page,
    /// What an action just did, said above the desk.
    notices: Vec<String>,
}

/// The review desk, each amendment rendered once per version and kept.
async fn review_desk(
    state: &AppState,
    ctx: &PageCtx,
    slug: String,
    status: StatusCode,
    shown: ReviewOutcome,
) -> PageResult {
    let (fragments, request) = (Arc::clone(&state.fragments), ctx.clone());
    let chunks = state
        .run(move |site| {
            let lang = request.lang;
            // Co-signing and voting change no version: the counts and the quorum are in the key.
            let item_key = |amendment: &crate::domain::model::Amendment, text: &Text| FragmentKey::ReviewItem {
                amendment: amendment.id,
                version: amendment.version,
                head: text.head,
                lang,
                supporters: (amendment.supporters, text.min_supporters),
                tally: amendment.tally,
                editorial: amendment.editorial,
            };
            // The lines an amendment replaces are read only for items not rendered yet; the
            // rendered ones are taken now, so that none can be evicted before it is used.
            let held = std::cell::RefCell::new(std::collections::HashMap::new());
            let review =
                listing::review(site, request.user.as_ref(), &slug, shown.filter, shown.page, |amendment, text| {
                    if shown.selected.contains(&amendment.id) {
                        return true;
                    }
                    match fragments.lookup(&item_key(amendment, text)) {
                        Some(pieces) => {
                            held.borrow_mut().insert(amendment.id, pieces);
                            false
                        }
                        None => true,
                    }
                })?;
            let (head, needed) = (review.text.head, review.text.min_supporters);
            let mut held = held.into_inner();
            let items: Vec<_> = review
                .items
                .iter()
                .map(|item| {
                    if shown.selected.contains(&item.amendment.id) {
                        // A ticked box is this response's alone: not worth keeping.
                        let html = views::review::review_item(lang, request.frame().tokens(), item, head, needed, true);
                        return Arc::new(vec![Piece::Markup(html.into_string().into())]);
                    }
                    match held.remove(&item.amendment.id) {
                        Some(pieces) => pieces,
                        None => fragments.get(item_key(&item.amendment, &review.text), || {
                            let tokens = FormTokens { csrf: CSRF_PLACEHOLDER, once: ONCE_PLACEHOLDER };
                            views::review::review_item(lang, tokens, item, head, needed, false)
                        }),
                    }
                })
                .collect();
            let state = ReviewState {
                selected: &shown.selected,
                summary: &shown.summary,
                error: shown.error.as_deref(),
                merged_into: shown.merged_into,
                notices: &shown.notices,
            };
            let shell = views::review::review_page(&request.frame(), &review, &state, marker());
            Ok(assemble(shell, &items, &request.visitor()))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(html_chunks(status, chunks, None))
}

/// The merge preview of the amendments ticked on the review desk (its *Preview* button):
/// read only, so it asks for no CSRF token and writes nothing.
pub async fn merge_preview(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(slug): PagePath<String>,
    body: Result<FormBody<MergeForm>, Problem>,
) -> PageResult {
    let (submitted, _) = form(&ctx, body)?;
    let Some(ticked) = submitted.amendments.iter().map(|value| ticked(value)).collect::<Option<Vec<_>>>() else {
        return Err(ctx.error(Unreadable::Invalid { field: "amendments".to_owned(), expected: Expected::Integer }));
    };
    let ids: Vec<i64> = ticked.iter().map(|(id, _)| *id).collect();
    let viewer = ctx.user.clone();
    let preview =
        state.run(move |site| merge::preview(site, viewer.as_ref(), &slug, &ids)).await.map_err(|e| ctx.error(e))?;
    let collisions =
        (!preview.collisions.is_empty()).then(|| crate::http::error::collision_pairs(ctx.lang, &preview.collisions));
    let page = views::review::merge_preview_page(&ctx.frame(), &preview, collisions.as_deref(), &submitted.summary);
    Ok(html(page))
}

/// The groups of competing amendments on a text's head, for the drafters.
pub async fn alternatives(State(state): State<AppState>, ctx: PageCtx, PagePath(slug): PagePath<String>) -> PageResult {
    if ctx.user.is_none() {
        return Ok(to_login(&ctx));
    }
    let request = ctx.clone();
    let page = state
        .run(move |site| {
            let view = listing::alternatives(site, request.user.as_ref(), &slug)?;
            Ok(views::review::alternatives_page(&request.frame(), &view))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(html(page))
}

#[derive(Deserialize)]
pub struct EditorialMergeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    once: String,
    base: u32,
    /// Each editorial amendment shown, as `{id}v{version}`: the version the drafter saw.
    #[serde(default)]
    amendments: Vec<String>,
    login: Option<String>,
    password: Option<String>,
}

/// Accepts and merges, in one action, the editorial amendments the desk listed that
/// collide with none of the others; the desk again, saying what was merged and what was
/// left as it is.
pub async fn merge_editorial(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(slug): PagePath<String>,
    body: Result<FormBody<EditorialMergeForm>, Problem>,
) -> PageResult {
    let (submitted, fingerprint) = form(&ctx, body)?;
    let Some(amendments) = submitted.amendments.iter().map(|value| ticked(value)).collect::<Option<Vec<_>>>() else {
        return Err(ctx.error(Unreadable::Invalid { field: "amendments".to_owned(), expected: Expected::Integer }));
    };
    let desk = |error: Option<String>, notices: Vec<String>| ReviewOutcome {
        merged_into: None,
        error,
        selected: Vec::new(),
        summary: String::new(),
        filter: Filter { states: States::ToDecide, ..Filter::default() },
        page: Page::Number(1),
        notices,
    };
    let gated = gate(&state, &ctx, &submitted.csrf, submitted.login.as_deref(), submitted.password.as_deref()).await;
    let sender = match gated {
        Ok(sender) => sender,
        Err(back) => {
            let shown = desk(Some(back.message(ctx.lang)), Vec::new());
            return review_desk(&state, &ctx, slug, back.status(), shown).await;
        }
    };
    let ctx = sender.ctx(&ctx);
    let acting = ctx.acting(None, &submitted.once, fingerprint);
    let viewer = ctx.user.clone();
    let (text_slug, base) = (slug.clone(), submitted.base);
    let result = state
        .run(move |site| {
            let request = EditorialRequest { base, amendments: &amendments, text_seen: None };
            editorial::merge_editorial(site, viewer.as_ref(), &text_slug, &request, &acting)
        })
        .await;
    match result {
        Ok(done) => {
            let done = done.value;
            let lang = ctx.lang;
            let mut notices = Vec::new();
            match done.merged {
                // A repeated submission: the merge it made, without its lists.
                Some(merged) if done.merged_amendments.is_empty() => {
                    notices.push(lang.f(K::MergedNotice, &[Arg::number("revision", merged.head)]));
                }
                Some(merged) => {
                    let list = done.merged_amendments.join(lang.t(K::ListSeparator));
                    let args = [Arg::number("revision", merged.head), Arg::text("merged", &list)];
                    notices.push(lang.f(K::EditorialMerged, &args));
                }
                None => {}
            }
            if !done.colliding.is_empty() {
                let list = done.colliding.join(lang.t(K::ListSeparator));
                notices.push(lang.f(K::EditorialColliding, &[Arg::text("references", &list)]));
            }
            if !done.below_quorum.is_empty() {
                let list = done.below_quorum.join(lang.t(K::ListSeparator));
                notices.push(lang.f(K::EditorialBelowQuorum, &[Arg::text("references", &list)]));
            }
            Ok(sender.answer(review_desk(&state, &ctx, slug, StatusCode::OK, desk(None, notices)).await?))
        }
        Err(error @ (ActionError::Conflict(_) | ActionError::Invalid(_) | ActionError::TooLarge(_))) => {
            let problem = Problem::from(error);
            let shown = desk(Some(problem.message(ctx.lang)), Vec::new());
            Ok(sender.answer(review_desk(&state, &ctx, slug, problem.status(), shown).await?))
        }
        Err(error) => Err(ctx.error(error)),
    }
}

#[derive(Deserialize)]
pub struct MergeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    once: String,
    base: u32,
    #[serde(default)]
    summary: String,
    /// Each ticked amendment as `{id}v{version}`: the version the drafter saw (rule 8b).
    #[serde(default)]
    amendments: Vec<String>,
    login: Option<String>,
    password: Option<String>,
}

/// The desk shown again after a refused merge: the accepted amendments, all of them, so
/// that every box ticked is there, ticked.
fn ticked_desk() -> (Filter, Page) {
    (Filter { states: States::One(AmendmentState::Accepted), ..Filter::default() }, Page::Everything)
}

/// An amendment ticked for a merge: its id and the version shown, or `None` when the box
/// is unreadable.
fn ticked(value: &str) -> Option<(i64, Option<i64>)> {
    // Ids and versions are positive: `-112` names no amendment, it is not one missing.
    let positive = |number: &str| number.parse::<i64>().ok().filter(|n| *n > 0);
    match value.split_once('v') {
        Some((id, version)) => Some((positive(id)?, Some(positive(version)?))),
        None => Some((positive(value)?, None)),
    }
}

pub async fn merge(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(slug): PagePath<String>,
    body: Result<FormBody<MergeForm>, Problem>,
) -> PageResult {
    let (submitted, fingerprint) = form(&ctx, body)?;
    let Some(amendments) = submitted.amendments.iter().map(|value| ticked(value)).collect::<Option<Vec<_>>>() else {
        return Err(ctx.error(Unreadable::Invalid { field: "amendments".to_owned(), expected: Expected::Integer }));
    };
    let selected: Vec<i64> = amendments.iter().map(|(id, _)| *id).collect();
    let gated = gate(&state, &ctx, &submitted.csrf, submitted.login.as_deref(), submitted.password.as_deref()).await;
    let sender = match gated {
        Ok(sender) => sender,
        Err(back) => {
            // The desk again, with the selection as it was: nothing changed.
            let (filter, page) = ticked_desk();
            let error = Some(back.message(ctx.lang));
            let shown = ReviewOutcome {
                merged_into: None,
                error,
                selected,
                summary: submitted.summary,
                filter,
                page,
                notices: Vec::new(),
            };
            return review_desk(&state, &ctx, slug, back.status(), shown).await;
        }
    };
    let ctx = sender.ctx(&ctx);
    let acting = ctx.acting(None, &submitted.once, fingerprint);
    let viewer = ctx.user.clone();
    let (text_slug, summary, base) = (slug.clone(), submitted.summary.clone(), submitted.base);
    let result = state
        .run(move |site| {
            let request = MergeRequest { base, amendments: &amendments, text_seen: None, summary: &summary };
            merge::merge(site, viewer.as_ref(), &text_slug, &request, &acting)
        })
        .await;
    match result {
        Ok(done) => {
            Ok(sender.answer(Redirect::to(&format!("/texts/{slug}/review?merged={}", done.value.head)).into_response()))
        }
        Err(error @ (ActionError::Conflict(_) | ActionError::Invalid(_) | ActionError::TooLarge(_))) => {
            // The desk again, with the refusal and the selection as it was: nothing changed.
            let problem = Problem::from(error);
            let (filter, page) = ticked_desk();
            let error = Some(problem.message(ctx.lang));
            let shown = ReviewOutcome {
                merged_into: None,
                error,
                selected,
                summary: submitted.summary,
                filter,
                page,
                notices: Vec::new(),
            };
            Ok(sender.answer(review_desk(&state, &ctx, slug, problem.status(), shown).await?))
        }
        Err(error) => Err(ctx.error(error)),
    }
}
