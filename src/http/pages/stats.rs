//! Participation pages: a text's figures and a topic's.

#[allow(unused_imports)]
use super::*;
use crate::actions::stats;

pub async fn text_stats(State(state): State<AppState>, ctx: PageCtx, PagePath(slug): PagePath<String>) -> PageResult {
    let viewer = ctx.user.clone();
    let figures =
        state.run(move |site| stats::text_stats(site, viewer.as_ref(), &slug)).await.map_err(|e| ctx.error(e))?;
    Ok(html(views::stats::text_stats_page(&ctx.frame(), &figures)))
}

pub async fn topic_stats(State(state): State<AppState>, ctx: PageCtx, PagePath(slug): PagePath<String>) -> PageResult {
    let viewer = ctx.user.clone();
    let figures =
        state.run(move |site| stats::topic_stats(site, viewer.as_ref(), &slug)).await.map_err(|e| ctx.error(e))?;
    Ok(html(views::stats::topic_stats_page(&ctx.frame(), &figures)))
}
