//! The search page.

#[allow(unused_imports)]
use super::*;
use crate::actions::search::{self, SearchRequest};
use crate::actions::topics;
use crate::domain::model::Topic;
use crate::store::TextListing;
use crate::views::search::Choices;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SearchPageQuery {
    #[serde(default)]
    q: String,
    kind: Option<String>,
    text: Option<String>,
    topic: Option<String>,
    state: Option<String>,
    author: Option<String>,
}

impl SearchPageQuery {
    /// The search asked for; a filter left at "all" (empty) narrows nothing.
    fn read(self) -> Result<SearchRequest, Unreadable> {
        let given =
            |value: Option<String>| value.map(|value| value.trim().to_owned()).filter(|value| !value.is_empty());
        let (kind, state) =
            crate::http::api::search_filters(given(self.kind).as_deref(), given(self.state).as_deref())?;
        let author = match given(self.author) {
            Some(id) => Some(
                id.parse::<i64>()
                    .map_err(|_| Unreadable::Invalid { field: "author".to_owned(), expected: Expected::Integer })?,
            ),
            None => None,
        };
        Ok(SearchRequest { query: self.q, kind, text: given(self.text), topic: given(self.topic), state, author })
    }
}

pub async fn search_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    PageQuery(params): PageQuery<SearchPageQuery>,
) -> PageResult {
    let request = params.read().map_err(|unreadable| ctx.error(unreadable))?;
    let (viewer, asked) = (ctx.user.clone(), request.clone());
    let (found, topics, texts) = state
        .run(move |site| {
            let (listings, loose) = topics::topics(site, viewer.as_ref())?;
            let mut texts: Vec<TextListing> = loose;
            let mut topics: Vec<Topic> = Vec::with_capacity(listings.len());
            for listing in listings {
                texts.extend(listing.texts);
                topics.push(listing.topic);
            }
            texts.sort_by(|a, b| a.text.title.cmp(&b.text.title));
            let found = search::search(site, viewer.as_ref(), &asked);
            Ok((found, topics, texts))
        })
        .await
        .map_err(|e| ctx.error(e))?;
    let choices = Choices { topics: &topics, texts: &texts };
    let frame = ctx.frame();
    match found {
        Ok(results) => Ok(html(views::search::search_page(&frame, &request, &choices, &results, None))),
        Err(error @ ActionError::Invalid(_)) => {
            let problem = Problem::from(error);
            let page = views::search::search_page(
                &frame,
                &request,
                &choices,
                &Default::default(),
                Some(&problem.message(ctx.lang)),
            );
            Ok(html_with_status(problem.status(), page))
        }
        Err(error) => Err(ctx.error(error)),
    }
}
