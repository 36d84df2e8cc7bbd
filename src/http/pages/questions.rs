//! Pages of questions: a text's questions with the drafters' ask form, and answering.

#[allow(unused_imports)]
use super::*;
use crate::actions::questions::{self, Asking};
use crate::views::questions::AskDraft;

/// A text's questions page, with a message above the ask form (`failed` None) or above
/// one question's answer form.
async fn questions_again(
    state: &AppState,
    ctx: &PageCtx,
    slug: &str,
    status: StatusCode,
    draft: &AskDraft<'_>,
    error: Option<&str>,
    failed: Option<i64>,
) -> PageResult {
    let (viewer, key, slug) = (ctx.user.clone(), ctx.ballot_key.clone(), slug.to_owned());
    let (text, list) = state
        .run(move |site| {
            let text = texts::read_text(site, viewer.as_ref(), &slug, |snapshot| Ok(snapshot.text.clone()))?;
            let list = questions::questions(site, viewer.as_ref(), key.as_ref(), &slug)?;
            Ok((text, list))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    let page = views::questions::questions_page(&ctx.frame(), &text, &list, draft, error, failed, crate::store::now());
    Ok(html_with_status(status, page))
}

pub async fn questions_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(slug): PagePath<String>,
) -> PageResult {
    questions_again(&state, &ctx, &slug, StatusCode::OK, &AskDraft::default(), None, None).await
}

#[derive(Clone, Deserialize)]
pub struct AskForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    once: String,
    #[serde(default)]
    prompt: String,
    #[serde(default)]
    choices: String,
    #[serde(default)]
    line: String,
    #[serde(default)]
    closes_at: String,
    login: Option<String>,
    password: Option<String>,
}

/// Asks a question from the drafters' form; a refusal shows the form again, filled.
pub async fn ask_question(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(slug): PagePath<String>,
    body: Result<FormBody<AskForm>, Problem>,
) -> PageResult {
    let (submitted, fingerprint) = form(&ctx, body)?;
    let draft = |log_in: bool| AskDraft {
        prompt: &submitted.prompt,
        choices: &submitted.choices,
        line: &submitted.line,
        closes_at: &submitted.closes_at,
        log_in,
    };
    let gated = gate(&state, &ctx, &submitted.csrf, submitted.login.as_deref(), submitted.password.as_deref()).await;
    let sender = match gated {
        Ok(sender) => sender,
        Err(back) => {
            let message = back.message(ctx.lang);
            return questions_again(&state, &ctx, &slug, back.status(), &draft(back.log_in), Some(&message), None)
                .await;
        }
    };
    let ctx = sender.ctx(&ctx);
    let line = match submitted.line.trim() {
        "" => Ok(None),
        line => line
            .parse::<u32>()
            .map(Some)
            .map_err(|_| Unreadable::Invalid { field: "line".into(), expected: Expected::Integer }),
    };
    let closes_at = crate::i18n::parse_paris_local(submitted.closes_at.trim())
        .ok_or(Unreadable::Invalid { field: "closes_at".into(), expected: Expected::DateTime });
    let (line, closes_at) = match (line, closes_at) {
        (Ok(line), Ok(closes_at)) => (line, closes_at),
        (Err(unreadable), _) | (_, Err(unreadable)) => {
            let problem = Problem::Unreadable(unreadable);
            let message = problem.message(ctx.lang);
            let page =
                questions_again(&state, &ctx, &slug, problem.status(), &draft(false), Some(&message), None).await?;
            return Ok(sender.answer(page));
        }
    };
    let choices: Vec<String> = submitted.choices.lines().map(str::to_owned).collect();
    let acting = ctx.acting(None, &submitted.once, fingerprint);
    let (viewer, text_slug, prompt) = (ctx.user.clone(), slug.clone(), submitted.prompt.clone());
    let done = state
        .run(move |site| {
            let asking = Asking { prompt: &prompt, choices: &choices, line, closes_at };
            questions::ask(site, viewer.as_ref(), &text_slug, &asking, &acting)
        })
        .await;
    match done {
        Ok(done) => {
            let address = format!("/texts/{slug}/questions#q-{}", done.value.id);
            Ok(sender.answer(Redirect::to(&address).into_response()))
        }
        Err(error) if shown_in_form(&error) || matches!(error, ActionError::Conflict(_)) => {
            let problem = Problem::from(error);
            let message = problem.message(ctx.lang);
            let page =
                questions_again(&state, &ctx, &slug, problem.status(), &draft(false), Some(&message), None).await?;
            Ok(sender.answer(page))
        }
        Err(error) => Err(ctx.error(error)),
    }
}

#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    csrf: String,
    /// Sent by the form as every form does; answering needs no submission key (see
    /// `questions::answer`).
    #[serde(default)]
    #[allow(dead_code)]
    once: String,
    choice: Option<usize>,
}

/// Answers a question, then shows it with its results.
pub async fn answer_question(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(id): PagePath<String>,
    body: Result<FormBody<AnswerForm>, Problem>,
) -> PageResult {
    let id = number_in_path::<i64>(&ctx, &id)?;
    let (submitted, _) = form(&ctx, body)?;
    ctx.check_csrf(&submitted.csrf)?;
    let (viewer, key) = (ctx.user.clone(), ctx.ballot_key.clone());
    let slug_of = {
        let viewer = viewer.clone();
        state
            .run(move |site| questions::question(site, viewer.as_ref(), None, id).map(|shown| shown.question.text_slug))
            .await
            .map_err(|e| ctx.error(e))?
    };
    let Some(choice) = submitted.choice else {
        let message = ctx.lang.t(K::ErrChooseAnswer);
        let draft = AskDraft::default();
        return questions_again(
            &state,
            &ctx,
            &slug_of,
            StatusCode::UNPROCESSABLE_ENTITY,
            &draft,
            Some(message),
            Some(id),
        )
        .await;
    };
    let done = state.run(move |site| questions::answer(site, viewer.as_ref(), key.as_ref(), id, choice)).await;
    match done {
        Ok(_) => Ok(Redirect::to(&format!("/texts/{slug_of}/questions#q-{id}")).into_response()),
        Err(error) if shown_in_form(&error) || matches!(error, ActionError::Conflict(_)) => {
            let problem = Problem::from(error);
            let message = problem.message(ctx.lang);
            let draft = AskDraft::default();
            questions_again(&state, &ctx, &slug_of, problem.status(), &draft, Some(&message), Some(id)).await
        }
        Err(error) => Err(ctx.error(error)),
    }
}
