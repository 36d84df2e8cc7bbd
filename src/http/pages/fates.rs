//! Pages of what became of amendments: a member's own, and all of a text's.

#[allow(unused_imports)]
use super::*;
use crate::actions::fates;

/// Amendments shown per page of a text's outcomes.
const OUTCOMES_PER_PAGE: usize = 100;

pub async fn my_amendments_page(State(state): State<AppState>, ctx: PageCtx) -> PageResult {
    let viewer = ctx.user.clone();
    let outcomes =
        state.run(move |site| fates::my_amendments(site, viewer.as_ref())).await.map_err(|e| ctx.error(e))?;
    Ok(html(views::fates::my_amendments_page(&ctx.frame(), &outcomes)))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct OutcomesQuery {
    page: Option<String>,
}

pub async fn outcomes_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    PagePath(slug): PagePath<String>,
    PageQuery(params): PageQuery<OutcomesQuery>,
) -> PageResult {
    let page =
        match params.page.as_deref().map(str::trim).filter(|page| !page.is_empty()) {
            None => 1,
            Some(page) => page.parse::<usize>().ok().filter(|page| *page >= 1).ok_or_else(|| {
                ctx.error(Unreadable::Invalid { field: "page".to_owned(), expected: Expected::Integer })
            })?,
        };
    let viewer = ctx.user.clone();
    let (text, outcomes) =
        state.run(move |site| fates::text_outcomes(site, viewer.as_ref(), &slug)).await.map_err(|e| ctx.error(e))?;
    let pages = outcomes.items.len().div_ceil(OUTCOMES_PER_PAGE).max(1);
    if page > pages {
        return Err(ctx.error(ActionError::NotFound));
    }
    Ok(html(views::fates::outcomes_page(&ctx.frame(), &text, &outcomes, (page, pages), OUTCOMES_PER_PAGE)))
}
