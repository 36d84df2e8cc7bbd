//! Pages of amendments: the form that proposes one (previewed before it is filed), lists,
//! an amendment's page, editing, withdrawing and deciding.

#[allow(unused_imports)]
use super::*;
use crate::actions::editorial;
use crate::actions::supports;
use crate::actions::votes;
use crate::actions::{Freshness, Stale};
use crate::domain::Vote;
use crate::domain::text::normalise_lines;
use crate::views::amendment::{AmendmentPageState, DecisionDraft, FormState};

#[derive(Deserialize)]
pub struct AmendQuery {
    revision: Option<u32>,
    start: Option<u32>,
    count: Option<u32>,
}

pub async fn amendment_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(slug): PagePath<String>,
    PageQuery(params): PageQuery<AmendQuery>,
) -> PageResult {
    if ctx.user.is_none() {
        return Ok(to_login(&ctx));
    }
    let viewer = ctx.user.clone();
    let (text, revision) = state
        .run(move |site| texts::revision(site, viewer.as_ref(), &slug, params.revision))
        .await
        .map_err(|e| ctx.error(e))?;
    let anchor =
        Anchor { revision: revision.info.number, start: params.start.unwrap_or(1), count: params.count.unwrap_or(1) };
    let (anchored, error) = match anchored_lines(&revision, anchor) {
        Ok(lines) => (lines, None),
        Err(error) => (Vec::new(), Some(Problem::from(ActionError::from(error)).message(ctx.lang))),
    };
    let proposed = anchored.join("\n");
    let draft = AmendmentDraft {
        version: None,
        revision: anchor.revision,
        start: anchor.start,
        count: anchor.count,
        anchored_lines: &anchored,
        new_lines: &proposed,
        summary: "",
        rationale: "",
        editorial: false,
        preview: None,
    };
    let state = FormState { error: error.as_deref(), ..FormState::default() };
    Ok(html(views::amendment::amendment_form(&ctx.frame(), &text, &draft, None, &state)))
}

/// The lines an anchor covers in a revision, or why it does not fit.
fn anchored_lines(revision: &Revision, anchor: Anchor) -> Result<Vec<String>, AnchorError> {
    anchor.span_in(revision.lines.len()).map(|span| revision.lines[span.start..span.end()].to_vec())
}

#[derive(Deserialize)]
pub struct AmendmentForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    once: String,
    /// The version of the amendment being edited, as the form showed it.
    version: Option<i64>,
    base: u32,
    start: u32,
    count: u32,
    /// The range whose lines the form showed.
    shown_start: Option<u32>,
    shown_count: Option<u32>,
    #[serde(default)]
    new_lines: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    rationale: String,
    /// The editorial box, ticked (`on`) or left out.
    #[serde(default)]
    editorial: String,
    /// `file`, or anything else to preview.
    action: Option<String>,
    login: Option<String>,
    password: Option<String>,
}

impl AmendmentForm {
    /// Whether its author says it is editorial.
    fn editorial(&self) -> bool {
        !self.editorial.is_empty()
    }

    /// Whether the target lines are those the form showed: the only ones it may file against.
    fn range_as_shown(&self) -> bool {
        self.shown_start.unwrap_or(self.start) == self.start && self.shown_count.unwrap_or(self.count) == self.count
    }

    fn files(&self) -> bool {
        self.action.as_deref() == Some("file") && self.range_as_shown()
    }
}

/// Why the amendment form is shown again.
enum Again {
    /// To preview what was typed (and, when the range changed, the lines it now targets).
    Preview,
    /// The gate sent it back: the session ended or changed.
    Back(Back),
    /// The use case refused it.
    Refused(Problem),
}

/// Shows the amendment form again with everything typed: a preview of what it would file,
/// the lines its range targets now, and why it came back.
async fn amendment_form_again(
    state: &AppState,
    ctx: &PageCtx,
    slug: String,
    submitted: &AmendmentForm,
    editing: Option<(i64, &str)>,
    again: Again,
) -> PageResult {
    let viewer = ctx.user.clone();
    let base = submitted.base;
    // Quote the lines from the revision the author worked on, or the head if it is unknown.
    let (text, revision) = state
        .run(move |site| match texts::revision(site, viewer.as_ref(), &slug, Some(base)) {
            Err(ActionError::NotFound) => texts::revision(site, viewer.as_ref(), &slug, None),
            found => found,
        })
        .await
        .map_err(|e| ctx.error(e))?;
    let anchor = Anchor { revision: revision.info.number, start: submitted.start, count: submitted.count };
    let (anchored, range_error) = match anchored_lines(&revision, anchor) {
        Ok(lines) => (lines, None),
        Err(error) => (Vec::new(), Some(Problem::from(ActionError::from(error)))),
    };
    // A range changed without touching the wording it prefilled: the wording follows the
    // range, rather than silently deleting what the new range adds.
    let shown = Anchor {
        revision: anchor.revision,
        start: submitted.shown_start.unwrap_or(anchor.start),
        count: submitted.shown_count.unwrap_or(anchor.count),
    };
    let range_changed = !submitted.range_as_shown();
    let prefilled = anchored_lines(&revision, shown).map(|lines| lines.join("\n")).ok();
    let untouched = prefilled
        .as_deref()
        .is_some_and(|prefill| normalise_lines(&[prefill]) == normalise_lines(&[submitted.new_lines.as_str()]));
    let new_lines = if range_changed && untouched { anchored.join("\n") } else { submitted.new_lines.clone() };
    let preview = normalise_lines(&typed_lines(&new_lines));
    let range_fits = range_error.is_none();
    let (status, error, notice, log_in) = match again {
        Again::Preview => {
            let notice = range_changed.then(|| ctx.lang.t(K::RangeChanged).to_owned());
            (
                range_error.as_ref().map_or(StatusCode::OK, Problem::status),
                range_error.map(|p| p.message(ctx.lang)),
                notice,
                false,
            )
        }
        Again::Back(ref back) => (back.status(), Some(back.message(ctx.lang)), None, back.log_in),
        Again::Refused(ref problem) => (problem.status(), Some(problem.message(ctx.lang)), None, false),
    };
    // Refused because the amendment changed since its author opened the form: the page
    // shows what changed and now carries the current version, so that what was typed can
    // be sent again on it once read.
    let stale = match &again {
        Again::Refused(Problem::Action(ActionError::Conflict(Conflict::Stale(stale)))) => match stale.as_ref() {
            Stale::Amendment(stale) => Some(stale.as_ref()),
            _ => None,
        },
        _ => None,
    };
    let draft = AmendmentDraft {
        version: stale.map(|stale| stale.current.version).or(submitted.version),
        revision: anchor.revision,
        start: submitted.start,
        count: submitted.count,
        anchored_lines: &anchored,
        new_lines: &new_lines,
        summary: &submitted.summary,
        rationale: &submitted.rationale,
        editorial: submitted.editorial(),
        preview: range_fits.then_some(preview.as_slice()),
    };
    let form_state = FormState { error: error.as_deref(), notice: notice.as_deref(), log_in, stale };
    let page = views::amendment::amendment_form(&ctx.frame(), &text, &draft, editing, &form_state);
    Ok(html_with_status(status, page))
}

/// Lines typed in a textarea, as the actions take them (they normalise them).
fn proposal_lines(text: &str) -> Vec<String> {
    typed_lines(text).into_iter().map(str::to_owned).collect()
}

pub async fn propose_amendment(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(slug): PagePath<String>,
    body: Result<FormBody<AmendmentForm>, Problem>,
) -> PageResult {
    let (submitted, fingerprint) = form(&ctx, body)?;
    let sender =
        match gate(&state, &ctx, &submitted.csrf, submitted.login.as_deref(), submitted.password.as_deref()).await {
            Ok(sender) => sender,
            Err(back) => return amendment_form_again(&state, &ctx, slug, &submitted, None, Again::Back(back)).await,
        };
    let ctx = sender.ctx(&ctx);
    if !submitted.files() {
        let page = amendment_form_again(&state, &ctx, slug, &submitted, None, Again::Preview).await?;
        return Ok(sender.answer(page));
    }
    let acting = ctx.acting(None, &submitted.once, fingerprint);
    let viewer = ctx.user.clone();
    let (text_slug, base, start, count) = (slug.clone(), submitted.base, submitted.start, submitted.count);
    let editorial = submitted.editorial();
    let (lines, summary, rationale) =
        (proposal_lines(&submitted.new_lines), submitted.summary.clone(), submitted.rationale.clone());
    let result = state
        .run(move |site| {
            let proposal =
                Proposal { base, start, count, new_lines: &lines, summary: &summary, rationale: &rationale, editorial };
            amendments::propose(site, viewer.as_ref(), &text_slug, &proposal, &acting)
        })
        .await;
    match result {
        Ok(done) => {
            let outcome = if done.freshness == Freshness::AlreadyThere { "already" } else { "filed" };
            Ok(sender.answer(Redirect::to(&format!("/amendments/{}?done={outcome}", done.value.id)).into_response()))
        }
        Err(error) if shown_in_form(&error) => {
            let page = amendment_form_again(&state, &ctx, slug, &submitted, None, Again::Refused(error.into())).await?;
            Ok(sender.answer(page))
        }
        Err(error) => Err(ctx.error(error)),
    }
}

pub async fn list_amendments(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(slug): PagePath<String>,
    PageQuery(params): PageQuery<ListQuery>,
) -> PageResult {
    let (filter, page) = params.read(States::All).map_err(|unreadable| ctx.error(unreadable))?;
    let (request, fragments) = (ctx.clone(), Arc::clone(&state.fragments));
    let shown = state
        .run(move |site| {
            texts::read_text(site, request.user.as_ref(), &slug, |snapshot| {
                let text = &snapshot.text;
                // Everything the page shows: the text and its amendments, what is listed,
                // and the visitor (name, forms' token, language, address for the language
                // switch).
                let tag = etag((
                    (text.id, text.updated_at, text.amendments_version, &text.title, text.phase.as_str()),
                    (filter, page, request.lang),
                    (
                        request.user.as_ref().map(|user| (user.id, &user.name, user.role.as_str(), request.unread)),
                        &request.csrf,
                        &request.here,
                    ),
                ));
                if fresh(&request.headers, &tag) {
                    return Ok(Err(tag));
                }
                let lang = request.lang;
                let cards_key = FragmentKey::AmendmentCards {
                    text: text.id,
                    amendments_version: text.amendments_version,
                    head: text.head,
                    filter,
                    page,
                    lang,
                };
                let chunks = match request.user {
                    // Every anonymous reader gets the same page: rendered once per state.
                    None => {
                        let render = || -> Result<Vec<u8>, ActionError> {
                            let listing = listing::amendment_list_of(snapshot, filter, page, true)?;
                            let cards = views::text::amendment_cards(lang, &listing);
                            Ok(views::text::amendments_list(&request.frame(), &listing, cards)
                                .into_string()
                                .into_bytes())
                        };
                        let key = FragmentKey::Page { etag: tag.clone(), address: request.here.clone() };
                        Chunks::whole(fragments.bytes(key, render)?)
                    }
                    // A member's page: their own shell around the cards every member shares.
                    Some(_) => {
                        let held = fragments.lookup(&cards_key);
                        let listing = listing::amendment_list_of(snapshot, filter, page, held.is_none())?;
                        let cards = match held {
                            Some(cards) => cards,
                            None => fragments.get(cards_key, || views::text::amendment_cards(lang, &listing)),
                        };
                        let shell = views::text::amendments_list(&request.frame(), &listing, marker());
                        assemble(shell, &[cards], &request.visitor())
                    }
                };
                Ok(Ok::<(Chunks, String), String>((chunks, tag)))
            })
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(match shown {
        Ok((chunks, tag)) => html_chunks(StatusCode::OK, chunks, Some(&tag)),
        Err(tag) => not_modified(&tag),
    })
}

fn amendment_id(ctx: &PageCtx, id: &str) -> Result<i64, PageError> {
    number_in_path(ctx, id)
}

#[derive(Deserialize)]
pub struct DoneQuery {
    pub(super) done: Option<String>,
}

pub async fn amendment(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(id): PagePath<String>,
    PageQuery(params): PageQuery<DoneQuery>,
) -> PageResult {
    let id = amendment_id(&ctx, &id)?;
    let done = params.done;
    let request = ctx.clone();
    // Read and rendered off the async threads.
    let page = state
        .run(move |site| {
            let detail = amendments::amendment_detail_with_competing(
                site,
                request.user.as_ref(),
                request.ballot_key.as_ref(),
                id,
            )?;
            let reference = &detail.amendment.reference;
            let lang = request.lang;
            let message = |key| lang.f(key, &[Arg::text("reference", reference)]);
            let notice = match done.as_deref() {
                Some("filed") => Some(message(K::NoticeFiled)),
                Some("already") => Some(message(K::NoticeAlreadyFiled)),
                Some("edited") => Some(message(K::NoticeEdited)),
                Some("withdrawn") => Some(message(K::NoticeWithdrawn)),
                Some("co-signed") => Some(message(K::CoSigned)),
                Some("co-signature-withdrawn") => Some(message(K::CoSignatureWithdrawn)),
                Some("voted") => Some(message(K::NoticeVoted)),
                Some("decided") => Some(lang.f(
                    K::NoticeDecided,
                    &[Arg::text("reference", reference), Arg::text("state", state_name(lang, detail.amendment.state))],
                )),
                _ => None,
            };
            let page_state = AmendmentPageState { notice: notice.as_deref(), ..AmendmentPageState::default() };
            Ok(views::amendment::amendment_page(&request.frame(), &detail, &page_state))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(html(page))
}

/// An amendment's page again, after an action on it was refused: why, what changed since
/// the version seen, and what the drafter typed.
async fn amendment_page_again(
    state: &AppState,
    ctx: &PageCtx,
    id: i64,
    problem: Problem,
    log_in: bool,
    decision: DecisionDraft<'_>,
) -> PageResult {
    let (viewer, key) = (ctx.user.clone(), ctx.ballot_key.clone());
    let detail = state
        .run(move |site| amendments::amendment_detail_with_competing(site, viewer.as_ref(), key.as_ref(), id))
        .await
        .map_err(|e| ctx.error(e))?;
    let stale = match &problem {
        Problem::Action(ActionError::Conflict(Conflict::Stale(stale))) => match stale.as_ref() {
            Stale::Amendment(stale) => Some(stale.as_ref().clone()),
            Stale::Text { .. } => None,
        },
        _ => None,
    };
    let status = problem.status();
    let message = if stale.is_some() { String::new() } else { Back { problem, log_in }.message(ctx.lang) };
    let page_state = AmendmentPageState {
        notice: None,
        error: (!message.is_empty()).then_some(message.as_str()),
        stale: stale.as_ref(),
        decision: DecisionDraft { log_in, ..decision },
    };
    Ok(html_with_status(status, views::amendment::amendment_page(&ctx.frame(), &detail, &page_state)))
}

pub async fn amendment_edit_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(id): PagePath<String>,
) -> PageResult {
    let id = amendment_id(&ctx, &id)?;
    let Some(user) = ctx.user.clone() else {
        return Ok(to_login(&ctx));
    };
    let viewer = Some(user.clone());
    let (detail, head) = state
        .run(move |site| {
            let detail = amendments::amendment_detail(site, viewer.as_ref(), None, id)?;
            let (_, head) = texts::revision(site, viewer.as_ref(), &detail.text.slug, None)?;
            Ok((detail, head))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    if detail.amendment.author.id != user.id {
        return Err(ctx.error(ActionError::Forbidden));
    }
    let amendment = &detail.amendment;
    // Editing happens on the head: an open amendment is anchored there already; an outdated
    // one is re-anchored, starting from where it was.
    let anchor = Anchor { revision: head.info.number, ..amendment.anchor };
    let anchored = anchored_lines(&head, anchor).unwrap_or_default();
    let proposed = amendment.new_lines.join("\n");
    let draft = AmendmentDraft {
        version: Some(amendment.version),
        revision: anchor.revision,
        start: anchor.start,
        count: anchor.count,
        anchored_lines: &anchored,
        new_lines: &proposed,
        summary: &amendment.summary,
        rationale: &amendment.rationale,
        editorial: amendment.editorial,
        preview: None,
    };
    let editing = Some((amendment.id, amendment.reference.as_str()));
    Ok(html(views::amendment::amendment_form(&ctx.frame(), &detail.text, &draft, editing, &FormState::default())))
}

/// The slug of an amendment's text and its reference, which its forms show again.
async fn slug_and_reference(state: &AppState, ctx: &PageCtx, id: i64) -> Result<(String, String), PageError> {
    let viewer = ctx.user.clone();
    state
        .run(move |site| {
            amendments::amendment_detail(site, viewer.as_ref(), None, id)
                .map(|detail| (detail.text.slug, detail.amendment.reference))
        })
        .await
        .map_err(|e| ctx.error(e))
}

pub async fn edit_amendment(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(id): PagePath<String>,
    body: Result<FormBody<AmendmentForm>, Problem>,
) -> PageResult {
    let id = amendment_id(&ctx, &id)?;
    let (submitted, fingerprint) = form(&ctx, body)?;
    // Members-only texts answer 404 to a visitor whose session ended: the form comes back
    // only to whom may read it, through the login that restores the session.
    let gated = gate(&state, &ctx, &submitted.csrf, submitted.login.as_deref(), submitted.password.as_deref()).await;
    let sender = match gated {
        Ok(sender) => sender,
        Err(back) => {
            let (slug, reference) = slug_and_reference(&state, &ctx, id).await?;
            let editing = Some((id, reference.as_str()));
            return amendment_form_again(&state, &ctx, slug, &submitted, editing, Again::Back(back)).await;
        }
    };
    let ctx = sender.ctx(&ctx);
    let (slug, reference) = slug_and_reference(&state, &ctx, id).await?;
    let editing = Some((id, reference.as_str()));
    if !submitted.files() {
        let page = amendment_form_again(&state, &ctx, slug, &submitted, editing, Again::Preview).await?;
        return Ok(sender.answer(page));
    }
    let acting = ctx.acting(submitted.version, &submitted.once, fingerprint);
    let viewer = ctx.user.clone();
    let (base, start, count) = (submitted.base, submitted.start, submitted.count);
    let (lines, summary, rationale) =
        (proposal_lines(&submitted.new_lines), submitted.summary.clone(), submitted.rationale.clone());
    let result = state
        .run(move |site| {
            let proposal = Proposal {
                base,
                start,
                count,
                new_lines: &lines,
                summary: &summary,
                rationale: &rationale,
                editorial: false,
            };
            amendments::edit_amendment(site, viewer.as_ref(), id, &proposal, &acting)
        })
        .await;
    match result {
        Ok(done) => {
            Ok(sender.answer(Redirect::to(&format!("/amendments/{}?done=edited", done.value.id)).into_response()))
        }
        Err(error) if shown_in_form(&error) || matches!(error, ActionError::Conflict(Conflict::Stale(_))) => {
            let page =
                amendment_form_again(&state, &ctx, slug, &submitted, editing, Again::Refused(error.into())).await?;
            Ok(sender.answer(page))
        }
        Err(error) => Err(ctx.error(error)),
    }
}

#[derive(Deserialize)]
pub struct WithdrawForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    once: String,
    version: Option<i64>,
    login: Option<String>,
    password: Option<String>,
}

pub async fn withdraw(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(id): PagePath<String>,
    body: Result<FormBody<WithdrawForm>, Problem>,
) -> PageResult {
    let id = amendment_id(&ctx, &id)?;
    let (submitted, fingerprint) = form(&ctx, body)?;
    let gated = gate(&state, &ctx, &submitted.csrf, submitted.login.as_deref(), submitted.password.as_deref()).await;
    let sender = match gated {
        Ok(sender) => sender,
        Err(back) => {
            return amendment_page_again(&state, &ctx, id, back.problem, back.log_in, DecisionDraft::default()).await;
        }
    };
    let ctx = sender.ctx(&ctx);
    let acting = ctx.acting(submitted.version, &submitted.once, fingerprint);
    let viewer = ctx.user.clone();
    match state.run(move |site| amendments::withdraw(site, viewer.as_ref(), id, &acting)).await {
        Ok(_) => Ok(sender.answer(Redirect::to(&format!("/amendments/{id}?done=withdrawn")).into_response())),
        Err(error @ ActionError::Conflict(Conflict::Stale(_))) => {
            let page = amendment_page_again(&state, &ctx, id, error.into(), false, DecisionDraft::default()).await?;
            Ok(sender.answer(page))
        }
        Err(error) => Err(ctx.error(error)),
    }
}

#[derive(Deserialize)]
pub struct EditorialForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    once: String,
    version: Option<i64>,
    /// `1` to mark the amendment editorial, `0` to clear the mark.
    #[serde(default)]
    editorial: String,
    login: Option<String>,
    password: Option<String>,
}

/// Marks an amendment editorial or not (its author while open, a drafter while open or
/// accepted), as the version they saw; back to its page.
pub async fn mark_editorial(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(id): PagePath<String>,
    body: Result<FormBody<EditorialForm>, Problem>,
) -> PageResult {
    let id = amendment_id(&ctx, &id)?;
    let (submitted, fingerprint) = form(&ctx, body)?;
    let editorial = match submitted.editorial.trim() {
        "1" => true,
        "0" => false,
        _ => {
            let unreadable = Unreadable::Invalid {
                field: "editorial".into(),
                expected: Expected::OneOf(vec!["0".into(), "1".into()]),
            };
            return Err(ctx.error(Problem::Unreadable(unreadable)));
        }
    };
    let gated = gate(&state, &ctx, &submitted.csrf, submitted.login.as_deref(), submitted.password.as_deref()).await;
    let sender = match gated {
        Ok(sender) => sender,
        Err(back) => {
            return amendment_page_again(&state, &ctx, id, back.problem, back.log_in, DecisionDraft::default()).await;
        }
    };
    let ctx = sender.ctx(&ctx);
    let acting = ctx.acting(submitted.version, &submitted.once, fingerprint);
    let viewer = ctx.user.clone();
    match state.run(move |site| editorial::mark_editorial(site, viewer.as_ref(), id, editorial, &acting)).await {
        Ok(_) => Ok(sender.answer(Redirect::to(&format!("/amendments/{id}")).into_response())),
        Err(error @ ActionError::Conflict(Conflict::Stale(_))) => {
            let page = amendment_page_again(&state, &ctx, id, error.into(), false, DecisionDraft::default()).await?;
            Ok(sender.answer(page))
        }
        Err(error) => Err(ctx.error(error)),
    }
}

#[derive(Deserialize)]
pub struct SupportForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    once: String,
    version: Option<i64>,
    /// Present to take one's co-signature back.
    withdraw: Option<String>,
    login: Option<String>,
    password: Option<String>,
}

/// Co-signs an amendment, confirms a co-signature given to an earlier wording, or takes
/// one back (`withdraw`), as the version its co-signer saw.
pub async fn support(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(id): PagePath<String>,
    body: Result<FormBody<SupportForm>, Problem>,
) -> PageResult {
    let id = amendment_id(&ctx, &id)?;
    let (submitted, fingerprint) = form(&ctx, body)?;
    let gated = gate(&state, &ctx, &submitted.csrf, submitted.login.as_deref(), submitted.password.as_deref()).await;
    let sender = match gated {
        Ok(sender) => sender,
        Err(back) => {
            return amendment_page_again(&state, &ctx, id, back.problem, back.log_in, DecisionDraft::default()).await;
        }
    };
    let ctx = sender.ctx(&ctx);
    let acting = ctx.acting(submitted.version, &submitted.once, fingerprint);
    let viewer = ctx.user.clone();
    let withdraw = submitted.withdraw.is_some();
    let done = state
        .run(move |site| {
            if withdraw {
                supports::withdraw_support(site, viewer.as_ref(), id, &acting)
            } else {
                supports::co_sign(site, viewer.as_ref(), id, &acting)
            }
        })
        .await;
    let notice = if withdraw { "co-signature-withdrawn" } else { "co-signed" };
    match done {
        Ok(_) => Ok(sender.answer(Redirect::to(&format!("/amendments/{id}?done={notice}")).into_response())),
        Err(error @ ActionError::Conflict(Conflict::Stale(_))) => {
            let page = amendment_page_again(&state, &ctx, id, error.into(), false, DecisionDraft::default()).await?;
            Ok(sender.answer(page))
        }
        Err(error) => Err(ctx.error(error)),
    }
}

#[derive(Deserialize)]
pub struct VoteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    once: String,
    version: Option<i64>,
    #[serde(default)]
    vote: String,
    login: Option<String>,
    password: Option<String>,
}

/// Votes on an amendment, or changes one's vote, as the version the voter saw. A refusal
/// (the consultation closed, the amendment changed, a ballot this session cannot file)
/// shows the amendment again with the reason.
pub async fn vote(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(id): PagePath<String>,
    body: Result<FormBody<VoteForm>, Problem>,
) -> PageResult {
    let id = amendment_id(&ctx, &id)?;
    let (submitted, fingerprint) = form(&ctx, body)?;
    let gated = gate(&state, &ctx, &submitted.csrf, submitted.login.as_deref(), submitted.password.as_deref()).await;
    let sender = match gated {
        Ok(sender) => sender,
        Err(back) => {
            return amendment_page_again(&state, &ctx, id, back.problem, back.log_in, DecisionDraft::default()).await;
        }
    };
    let ctx = sender.ctx(&ctx);
    let Some(choice) = Vote::parse(submitted.vote.trim()) else {
        let unreadable = Unreadable::Invalid {
            field: "vote".to_owned(),
            expected: Expected::OneOf(Vote::ALL.iter().map(|vote| vote.as_str().to_owned()).collect()),
        };
        let page = amendment_page_again(&state, &ctx, id, unreadable.into(), false, DecisionDraft::default()).await?;
        return Ok(sender.answer(page));
    };
    let acting = ctx.acting(submitted.version, &submitted.once, fingerprint);
    let (viewer, key) = (ctx.user.clone(), ctx.ballot_key.clone());
    let done = state.run(move |site| votes::vote(site, viewer.as_ref(), key.as_ref(), id, choice, &acting)).await;
    match done {
        Ok(_) => Ok(sender.answer(Redirect::to(&format!("/amendments/{id}?done=voted")).into_response())),
        Err(error @ ActionError::Conflict(_)) => {
            let page = amendment_page_again(&state, &ctx, id, error.into(), false, DecisionDraft::default()).await?;
            Ok(sender.answer(page))
        }
        Err(error) => Err(ctx.error(error)),
    }
}

#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    once: String,
    version: Option<i64>,
    decision: String,
    #[serde(default)]
    note: String,
    modified_lines: Option<String>,
    /// The changes ticked to adopt in part (`accept_part`), by index.
    #[serde(default)]
    hunks: Vec<String>,
    back: Option<String>,
    login: Option<String>,
    password: Option<String>,
}

pub async fn decide(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(id): PagePath<String>,
    body: Result<FormBody<DecisionForm>, Problem>,
) -> PageResult {
    let id = amendment_id(&ctx, &id)?;
    let (submitted, fingerprint) = form(&ctx, body)?;
    let modified = match submitted.decision.as_str() {
        "accept" | "reject" => None,
        // Without the field, "accept as modified" would silently become a deletion.
        "accept_modified" => match submitted.modified_lines.as_deref() {
            Some(lines) => Some(proposal_lines(lines)),
            None => return Err(ctx.error(Unreadable::Missing("modified_lines".to_owned()))),
        },
        "accept_part" => None,
        _ => return Err(ctx.error(one_of("decision", ["accept", "accept_modified", "accept_part", "reject"]))),
    };
    let Some(hunks) = submitted.hunks.iter().map(|hunk| hunk.trim().parse::<usize>().ok()).collect::<Option<Vec<_>>>()
    else {
        return Err(ctx.error(Unreadable::Invalid { field: "hunks".to_owned(), expected: Expected::Integer }));
    };
    let in_part = submitted.decision == "accept_part";
    // What the drafter typed comes back with any refusal.
    let draft = DecisionDraft {
        note: &submitted.note,
        modified_lines: modified.is_some().then_some(submitted.modified_lines.as_deref()).flatten(),
        log_in: false,
    };
    let gated = gate(&state, &ctx, &submitted.csrf, submitted.login.as_deref(), submitted.password.as_deref()).await;
    let sender = match gated {
        Ok(sender) => sender,
        Err(back) => return amendment_page_again(&state, &ctx, id, back.problem, back.log_in, draft).await,
    };
    let ctx = sender.ctx(&ctx);
    let acting = ctx.acting(submitted.version, &submitted.once, fingerprint);
    let reject = submitted.decision == "reject";
    let viewer = ctx.user.clone();
    let note = submitted.note.clone();
    let result = state
        .run(move |site| {
            let verdict = if reject {
                Verdict::Reject
            } else if in_part {
                Verdict::AcceptPart { hunks: &hunks }
            } else {
                Verdict::Accept { modified_lines: modified.as_deref() }
            };
            amendments::decide(site, viewer.as_ref(), id, &verdict, &note, &acting)
        })
        .await;
    match result {
        Ok(done) => {
            let target = match submitted.back.as_deref() {
                Some("review") => format!("/texts/{}/review#a-{id}", done.value.text_slug),
                _ => format!("/amendments/{id}?done=decided"),
            };
            Ok(sender.answer(Redirect::to(&target).into_response()))
        }
        Err(
            error @ (ActionError::Conflict(Conflict::Stale(_)) | ActionError::Invalid(_) | ActionError::TooLarge(_)),
        ) => {
            let page = amendment_page_again(&state, &ctx, id, error.into(), false, draft).await?;
            Ok(sender.answer(page))
        }
        Err(error) => Err(ctx.error(error)),
    }
}
