//! Pages of topics: the list (with the admins' form that opens one) and a topic's page.

#[allow(unused_imports)]
use super::*;
use crate::actions::topics::{self, NewTopic};
use crate::views::topics::TopicDraft;

pub async fn topics_page(State(state): State<AppState>, ctx: PageCtx) -> PageResult {
    let request = ctx.clone();
    let page = state
        .run(move |site| {
            let (topics, _) = topics::topics(site, request.user.as_ref())?;
            Ok(views::topics::topics_page(&request.frame(), &topics, &TopicDraft::default(), None))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(html(page))
}

pub async fn topic_page(State(state): State<AppState>, ctx: PageCtx, PagePath(slug): PagePath<String>) -> PageResult {
    let request = ctx.clone();
    let page = state
        .run(move |site| {
            let listing = topics::topic(site, request.user.as_ref(), &slug)?;
            let news = match request.user.as_ref() {
                Some(user) => crate::actions::news::on_listings(site, user, &listing.texts.iter().collect::<Vec<_>>())?,
                None => Default::default(),
            };
            Ok(views::topics::topic_page(&request.frame(), &listing, &news, crate::store::now()))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(html(page))
}

#[derive(Clone, Deserialize)]
pub struct TopicForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    once: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    login: Option<String>,
    password: Option<String>,
}

pub async fn create_topic(
    State(state): State<AppState>,
    ctx: PageCtx,
    body: Result<FormBody<TopicForm>, Problem>,
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
    let acting = ctx.acting(None, &submitted.once, fingerprint);
    let (form, through) = (submitted.clone(), back.is_none());
    let (outcome, listings) = state
        .run(move |site| {
            let outcome = through.then(|| {
                let new = NewTopic { slug: &form.slug, title: &form.title, description: &form.description };
                topics::create_topic(site, viewer.as_ref(), &new, &acting).map(|done| done.value.slug)
            });
            let (listings, _) = topics::topics(site, viewer.as_ref())?;
            Ok((outcome, listings))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    let again = |message: String, status: StatusCode, log_in: bool| {
        let draft =
            TopicDraft { slug: &submitted.slug, title: &submitted.title, description: &submitted.description, log_in };
        html_with_status(status, views::topics::topics_page(&ctx.frame(), &listings, &draft, Some(&message)))
    };
    let answer = |response: Response| match &sender {
        Some(sender) => sender.answer(response),
        None => response,
    };
    match (outcome, back) {
        (_, Some(back)) => Ok(again(back.message(ctx.lang), back.status(), back.log_in)),
        (Some(Ok(slug)), None) => Ok(answer(Redirect::to(&format!("/topics/{slug}")).into_response())),
        (Some(Err(error)), None) if shown_in_form(&error) => {
            let problem = Problem::from(error);
            Ok(answer(again(problem.message(ctx.lang), problem.status(), false)))
        }
        (Some(Err(error)), None) => Err(ctx.error(error)),
        (None, None) => Err(ctx.error(ActionError::Internal("a topic form neither tried nor refused".into()))),
    }
}
