//! The drafter's phase page: the form that moves a text to another phase, with a deadline
//! for a consultation, and its submission.

#[allow(unused_imports)]
use super::*;
use crate::actions::TextSeen;
use crate::actions::settings::{self, Settings};
use crate::actions::texts::PhaseMove;
use crate::auth::{Permission, allows};
use crate::domain::Secrecy;
use crate::i18n::parse_paris_local;
use crate::views::phase::PhaseDraft;

pub async fn phase_form(State(state): State<AppState>, ctx: PageCtx, PagePath(slug): PagePath<String>) -> PageResult {
    if ctx.user.is_none() {
        return Ok(to_login(&ctx));
    }
    let request = ctx.clone();
    let page = state
        .run(move |site| {
            let (text, _) = texts::revision(site, request.user.as_ref(), &slug, None)?;
            if !allows(request.user.as_ref().map(|user| user.role), Permission::Publish) {
                return Err(ActionError::Forbidden);
            }
            Ok(views::phase::phase_page(&request.frame(), &text, &PhaseDraft::of(&text), crate::store::now(), None))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    Ok(html(page))
}

#[derive(Clone, Deserialize)]
pub struct PhaseForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    once: String,
    #[serde(default)]
    seen: String,
    /// The deadline seen, in seconds since the epoch; empty for none.
    #[serde(default)]
    seen_deadline: String,
    #[serde(default)]
    phase: String,
    #[serde(default)]
    deadline: String,
    login: Option<String>,
    password: Option<String>,
}

/// What the form asks for, or why it cannot be read: a phase the form does not offer,
/// or a deadline that is no date and time.
fn requested(form: &PhaseForm) -> Result<(Phase, Option<i64>, Option<TextSeen>), K> {
    let phase = Phase::parse(&form.phase).ok_or(K::ErrPhaseMissing)?;
    let seen_deadline = match form.seen_deadline.trim() {
        "" => Ok(None),
        value => value.parse::<i64>().map(Some),
    };
    let mut deadline = match form.deadline.trim() {
        "" => None,
        value => Some(parse_paris_local(value).ok_or(K::ErrDeadlineUnreadable)?),
    };
    // The field shows the deadline to the minute: the deadline seen, sent back untouched,
    // keeps its seconds; and left there beside another phase, it is not asked for.
    if let (Some(typed), Ok(Some(seen))) = (deadline, &seen_deadline)
        && typed == seen - seen.rem_euclid(60)
    {
        deadline = (phase == Phase::Consultation).then_some(*seen);
    }
    // The head plays no part in a phase move; the phase and deadline seen are compared.
    let seen = match (Phase::parse(&form.seen), seen_deadline) {
        (Some(phase), Ok(deadline)) => Some(TextSeen::Version { head: 0, phase, deadline }),
        (None, _) if form.seen.is_empty() => None,
        _ => Some(TextSeen::Other),
    };
    Ok((phase, deadline, seen))
}

pub async fn set_phase(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(slug): PagePath<String>,
    body: Result<FormBody<PhaseForm>, Problem>,
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
    let (text_slug, request) = (slug.clone(), requested(&submitted));
    let through = back.is_none();
    // `None`: nothing was tried, the gate or the fields said no.
    let result = state
        .run(move |site| {
            let outcome = match (&request, through) {
                (Ok((phase, deadline, seen)), true) => {
                    let change = PhaseMove { phase: *phase, deadline: *deadline, seen: *seen };
                    Some(texts::set_phase(site, viewer.as_ref(), &text_slug, &change, &acting).map(|_| ()))
                }
                _ => None,
            };
            // The form shown again needs the text as it stands; a success needs nothing more.
            let text = match outcome {
                Some(Ok(())) => Err(ActionError::NotFound),
                _ => texts::revision(site, viewer.as_ref(), &text_slug, None).map(|(text, _)| text),
            };
            Ok((outcome, text))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    let answer = |response: Response| match &sender {
        Some(sender) => sender.answer(response),
        None => response,
    };
    // The form again, holding what was sent, with why it did not go through.
    let again = |text: &crate::domain::model::Text, message: String, status: StatusCode, log_in: bool| {
        let seen = Phase::parse(&submitted.seen).unwrap_or(text.phase);
        let seen_deadline = submitted.seen_deadline.trim().parse().ok();
        let draft = PhaseDraft {
            phase: &submitted.phase,
            deadline: &submitted.deadline,
            seen,
            seen_deadline,
            log_in,
            min_supporters: None,
            votes: None,
            max_open_per_member: None,
            printed_width: None,
        };
        html_with_status(
            status,
            views::phase::phase_page(&ctx.frame(), text, &draft, crate::store::now(), Some(&message)),
        )
    };
    match (result, back, requested(&submitted)) {
        ((Some(Ok(())), _), _, _) => Ok(answer(Redirect::to(&format!("/texts/{slug}")).into_response())),
        ((_, Ok(text)), Some(back), _) => Ok(again(&text, back.message(ctx.lang), back.status(), back.log_in)),
        ((None, Ok(text)), None, Err(key)) => {
            Ok(answer(again(&text, ctx.lang.t(key).to_owned(), StatusCode::BAD_REQUEST, false)))
        }
        // A phase moved since the form was shown: the form again, on the phase now.
        ((Some(Err(error @ ActionError::Conflict(Conflict::Stale(_)))), Ok(text)), None, _) => {
            let problem = Problem::from(error);
            let draft = PhaseDraft { phase: &submitted.phase, deadline: &submitted.deadline, ..PhaseDraft::of(&text) };
            let page = views::phase::phase_page(
                &ctx.frame(),
                &text,
                &draft,
                crate::store::now(),
                Some(&problem.message(ctx.lang)),
            );
            Ok(answer(html_with_status(problem.status(), page)))
        }
        ((Some(Err(error)), Ok(text)), None, _) if shown_in_form(&error) => {
            let problem = Problem::from(error);
            Ok(answer(again(&text, problem.message(ctx.lang), problem.status(), false)))
        }
        ((Some(Err(error)), _), _, _) | ((_, Err(error)), _, _) => Err(ctx.error(error)),
        ((None, Ok(_)), None, Ok(_)) => {
            Err(ctx.error(ActionError::Internal("a phase form neither tried nor refused".into())))
        }
    }
}

#[derive(Clone, Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    once: String,
    #[serde(default)]
    min_supporters: String,
    #[serde(default)]
    votes: String,
    #[serde(default)]
    max_open_per_member: String,
    #[serde(default)]
    printed_width: String,
    login: Option<String>,
    password: Option<String>,
}

impl SettingsForm {
    /// The settings as sent; a field left empty stays as it is.
    fn read(&self) -> Result<Settings, Unreadable> {
        let number = |field: &str, value: &str| match value.trim() {
            "" => Ok(None),
            value => value
                .parse::<u32>()
                .map(Some)
                .map_err(|_| Unreadable::Invalid { field: field.to_owned(), expected: Expected::Integer }),
        };
        let min_supporters = number("min_supporters", &self.min_supporters)?;
        let max_open_per_member = number("max_open_per_member", &self.max_open_per_member)?;
        let printed_width = number("printed_width", &self.printed_width)?;
        let votes = match self.votes.trim() {
            "" => None,
            name => Some(Secrecy::parse(name).ok_or_else(|| Unreadable::Invalid {
                field: "votes".to_owned(),
                expected: Expected::OneOf(Secrecy::ALL.iter().map(|secrecy| secrecy.as_str().to_owned()).collect()),
            })?),
        };
        Ok(Settings { min_supporters, votes, max_open_per_member, printed_width })
    }
}

/// Sets a text's settings from the drafter's phase page: the co-signers an amendment needs
/// and the secrecy of votes.
pub async fn set_settings(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(slug): PagePath<String>,
    body: Result<FormBody<SettingsForm>, Problem>,
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
    let settings = submitted.read();
    let viewer = ctx.user.clone();
    let acting = ctx.acting(None, &submitted.once, fingerprint);
    let (text_slug, tried) = (slug.clone(), back.is_none() && settings.is_ok());
    let wanted = settings.as_ref().ok().copied().unwrap_or_default();
    let result = state
        .run(move |site| {
            let outcome = tried
                .then(|| settings::change_settings(site, viewer.as_ref(), &text_slug, &wanted, &acting).map(|_| ()));
            let text = match outcome {
                Some(Ok(())) => Err(ActionError::NotFound),
                _ => texts::revision(site, viewer.as_ref(), &text_slug, None).map(|(text, _)| text),
            };
            Ok((outcome, text))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    let answer = |response: Response| match &sender {
        Some(sender) => sender.answer(response),
        None => response,
    };
    let again = |text: &crate::domain::model::Text, message: String, status: StatusCode| {
        let draft = PhaseDraft {
            min_supporters: wanted.min_supporters,
            votes: wanted.votes,
            max_open_per_member: wanted.max_open_per_member,
            printed_width: wanted.printed_width,
            ..PhaseDraft::of(text)
        };
        let page = views::phase::phase_page(&ctx.frame(), text, &draft, crate::store::now(), Some(&message));
        html_with_status(status, page)
    };
    match (result, back, settings) {
        ((Some(Ok(())), _), _, _) => Ok(answer(Redirect::to(&format!("/texts/{slug}/phase")).into_response())),
        ((_, Ok(text)), Some(back), _) => Ok(again(&text, back.message(ctx.lang), back.status())),
        ((None, Ok(text)), None, Err(unreadable)) => {
            let problem = Problem::from(unreadable);
            Ok(answer(again(&text, problem.message(ctx.lang), problem.status())))
        }
        ((Some(Err(error)), Ok(text)), None, _) if shown_in_form(&error) => {
            let problem = Problem::from(error);
            Ok(answer(again(&text, problem.message(ctx.lang), problem.status())))
        }
        ((Some(Err(error)), _), _, _) | ((_, Err(error)), _, _) => Err(ctx.error(error)),
        ((None, Ok(_)), None, Ok(_)) => {
            Err(ctx.error(ActionError::Internal("a settings form neither tried nor refused".into())))
        }
    }
}
