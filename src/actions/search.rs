//! Search: what readers find across texts, amendments, comments and questions, never more
//! than they may read; and the index kept in step with what it holds (the use cases that
//! change a head, an amendment, a comment or a question call in here, in their transaction).

use std::collections::HashMap;

use crate::auth::{Permission, allows};
use crate::domain::kind::Line;
use crate::domain::model::{Amendment, Person, Text};
use crate::domain::search::Query;
use crate::domain::{AmendmentState, Change};
use crate::store::{self, DocumentKind, SearchScope};

use super::{ActionError, ActionResult, Invalid, Site, Viewer, may_read};

/// Results shown per kind when all kinds are searched.
pub const HITS_PER_KIND: u32 = 20;
/// Results shown when one kind is searched.
pub const HITS_OF_ONE_KIND: u32 = 100;
/// Beyond this many matches, results come newest first rather than by relevance: scoring
/// every document that has a word as common as "la" costs tens of milliseconds.
pub const MOST_RANKED: u32 = 2_000;

/// What to search for: the words typed and what narrows them.
#[derive(Clone, Debug, Default)]
pub struct SearchRequest {
    pub query: String,
    /// Only this kind of result.
    pub kind: Option<DocumentKind>,
    /// Only in this text (its slug).
    pub text: Option<String>,
    /// Only in texts of this topic (its slug).
    pub topic: Option<String>,
    /// Only amendments in this state.
    pub state: Option<AmendmentState>,
    /// Only what this member wrote (their id).
    pub author: Option<i64>,
}

/// A snippet of found words: `marks` are the byte ranges of `text` that matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub marks: Vec<(usize, usize)>,
}

impl Snippet {
    /// The snippet cut into runs, each marked or not, for a page to highlight.
    pub fn runs(&self) -> Vec<(&str, bool)> {
        let mut runs = Vec::new();
        let mut at = 0;
        for &(start, end) in &self.marks {
            if let (Some(before), Some(marked)) = (self.text.get(at..start), self.text.get(start..end)) {
                if !before.is_empty() {
                    runs.push((before, false));
                }
                runs.push((marked, true));
                at = end;
            }
        }
        if let Some(rest) = self.text.get(at..).filter(|rest| !rest.is_empty()) {
            runs.push((rest, false));
        }
        runs
    }
}

/// One result.
#[derive(Clone, Debug)]
pub struct Hit {
    pub kind: DocumentKind,
    pub text_slug: String,
    pub text_title: String,
    /// The amendment's, comment's or question's id; none for a text or an alinéa.
    pub id: Option<i64>,
    /// The amendment's reference (`PROG-12`) and state.
    pub amendment: Option<(String, AmendmentState)>,
    /// The alinéa's number in the head, for an alinéa (and the head's number).
    pub line: Option<(u32, u32)>,
    pub snippet: Snippet,
    /// Where it is read: a page address, to the exact alinéa or comment.
    pub address: String,
}

/// The results of one kind: how many match in all, and the best of them.
#[derive(Clone, Debug)]
pub struct Group {
    pub kind: DocumentKind,
    pub total: u32,
    pub hits: Vec<Hit>,
}

/// The results of a search, grouped by kind in a fixed order (texts, alinéas, amendments,
/// comments, questions), kinds with no result left out.
#[derive(Clone, Debug, Default)]
pub struct Results {
    pub groups: Vec<Group>,
    /// The member whose writing the search was narrowed to, when it found some.
    pub author: Option<Person>,
}

/// Searches what the viewer may read. An empty query finds nothing; an author filter that
/// names no one finds nothing. Errors: `Invalid` for a query too long, with too many words
/// or too short a prefix (`domain::search`); 404 for a text or topic filter the viewer
/// cannot see.
pub fn search(site: &Site, viewer: Viewer<'_>, request: &SearchRequest) -> ActionResult<Results> {
    let query = Query::parse(&request.query).map_err(Invalid::SearchQuery)?;
    if query.is_empty() {
        return Ok(Results::default());
    }
    let fts = query.to_fts();
    site.store.read(|tx| {
        let members_texts = allows(viewer.map(|user| user.role), Permission::ReadMembersTexts);
        let text_id = match &request.text {
            Some(slug) => Some(super::visible_text(tx, viewer, slug)?.id),
            None => None,
        };
        let topic_id = match &request.topic {
            Some(slug) => Some(store::topic_by_slug(tx, slug)?.ok_or(ActionError::NotFound)?.id),
            None => None,
        };
        let scope = SearchScope {
            members_texts,
            text_id,
            topic_id,
            state: request.state.map(AmendmentState::as_str),
            author_id: request.author,
        };
        let mut results = Results::default();
        // One pass over the matches, best first: how many of each kind, and the best few.
        let limit = if request.kind.is_some() { HITS_OF_ONE_KIND } else { HITS_PER_KIND } as usize;
        let mut totals: HashMap<DocumentKind, u32> = HashMap::new();
        let mut best: HashMap<DocumentKind, Vec<store::Match>> = HashMap::new();
        // Newest first costs no scoring; when few match, they are ranked after all. Counted
        // within what the reader may see, so that the order says nothing of the rest.
        let mut matches = store::matches(tx, &fts, &scope, false)?;
        if matches.len() <= MOST_RANKED as usize {
            matches = store::matches(tx, &fts, &scope, true)?;
        }
        for found in matches {
            *totals.entry(found.kind).or_default() += 1;
            let kept = best.entry(found.kind).or_default();
            if kept.len() < limit && request.kind.is_none_or(|wanted| wanted == found.kind) {
                kept.push(found);
            }
        }
        let mut texts: HashMap<i64, Text> = HashMap::new();
        for kind in DocumentKind::ALL {
            let total = totals.get(&kind).copied().unwrap_or(0);
            if total == 0 || request.kind.is_some_and(|wanted| wanted != kind) {
                continue;
            }
            let mut hits = Vec::new();
            for found in best.remove(&kind).unwrap_or_default() {
                let text = match texts.get(&found.text_id) {
                    Some(text) => text.clone(),
                    None => {
                        let text = store::text_by_id(tx, found.text_id)?.ok_or(ActionError::NotFound)?;
                        texts.insert(text.id, text.clone());
                        text
                    }
                };
                // The scope filtered already; checked again, as pages must never show more.
                if !may_read(viewer, &text) {
                    continue;
                }
                let Some(body) = store::document_body(tx, found.document)? else { continue };
                if let Some(hit) = hit(site, tx, &text, found, &query, body)? {
                    hits.push(hit);
                }
            }
            results.groups.push(Group { kind, total, hits });
        }
        // The author is named only beside what they wrote that the reader sees: an id that
        // finds nothing says nothing of whether, or whom, it names.
        if let Some(id) = request.author.filter(|_| !results.groups.is_empty()) {
            results.author = store::person(tx, id)?;
        }
        Ok(results)
    })
}

fn hit(
    site: &Site,
    tx: &rusqlite::Connection,
    text: &Text,
    found: store::Match,
    query: &Query,
    body: String,
) -> ActionResult<Option<Hit>> {
    let words = body.clone();
    // Pages never show a line's Markdown marker (`#`, `- `…): nor do snippets.
    let body = match found.kind {
        DocumentKind::Paragraph | DocumentKind::Amendment => {
            body.split('\n').map(|line| Line::parse(line).text).collect::<Vec<_>>().join("\n")
        }
        _ => body,
    };
    let (shown, marks) = crate::domain::search::snippet(&body, query);
    let snippet = Snippet { text: shown, marks };
    let mut hit = Hit {
        kind: found.kind,
        text_slug: text.slug.clone(),
        text_title: text.title.clone(),
        id: None,
        amendment: None,
        line: None,
        snippet,
        address: format!("/texts/{}", text.slug),
    };
    match found.kind {
        DocumentKind::Text => {}
        DocumentKind::Paragraph => {
            // Found by its words: its number is where the head has them.
            let head = site.revision(tx, text.id, text.head)?;
            let Some(index) = head.lines.iter().position(|line| *line == words) else { return Ok(None) };
            let line = index as u32 + 1;
            hit.line = Some((line, text.head));
            hit.address = format!("/texts/{}#l{line}", text.slug);
        }
        DocumentKind::Amendment => {
            let Some(amendment) = store::amendment(tx, found.subject)? else { return Ok(None) };
            hit.id = Some(amendment.id);
            hit.address = format!("/amendments/{}", amendment.id);
            hit.amendment = Some((amendment.reference, amendment.state));
        }
        DocumentKind::Comment => {
            let Some(comment) = store::comment(tx, found.subject)? else { return Ok(None) };
            if comment.shown_body().is_none() {
                return Ok(None);
            }
            hit.id = Some(comment.id);
            hit.address = super::comments::comment_address(text, &comment);
        }
        DocumentKind::Question => {
            hit.id = Some(found.subject);
            hit.address = format!("/texts/{}/questions#q-{}", text.slug, found.subject);
        }
    }
    Ok(Some(hit))
}

/// What search reads of an amendment: its new lines, the wording a drafter accepted
/// instead (if any), its summary and rationale.
fn amendment_words(amendment: &Amendment) -> String {
    let mut words = amendment.new_lines.join("\n");
    let decided = amendment.decided_lines.as_ref().map(|lines| lines.join("\n")).unwrap_or_default();
    for part in [decided.as_str(), &amendment.summary, &amendment.rationale].into_iter().filter(|part| !part.is_empty())
    {
        words.push('\n');
        words.push_str(part);
    }
    words
}

/// Indexes an amendment as proposed, edited or accepted in another wording.
pub(super) fn index_amendment(tx: &rusqlite::Connection, amendment: &Amendment) -> ActionResult<()> {
    let words = amendment_words(amendment);
    let author = Some(amendment.author.id);
    Ok(store::index_document(tx, DocumentKind::Amendment, amendment.text_id, amendment.id, author, &words)?)
}

/// Indexes a comment as written or edited.
pub(super) fn index_comment(tx: &rusqlite::Connection, comment: &crate::domain::model::Comment) -> ActionResult<()> {
    let author = Some(comment.author.id);
    Ok(store::index_document(tx, DocumentKind::Comment, comment.text_id, comment.id, author, &comment.body)?)
}

/// Takes a comment out of search (deleted or hidden).
pub(super) fn unindex_comment(tx: &rusqlite::Connection, id: i64) -> ActionResult<()> {
    Ok(store::unindex_document(tx, DocumentKind::Comment, id)?)
}

/// Indexes a question as asked.
pub(super) fn index_question(tx: &rusqlite::Connection, question: &crate::domain::model::Question) -> ActionResult<()> {
    let mut words = question.prompt.clone();
    for choice in &question.choices {
        words.push('\n');
        words.push_str(choice);
    }
    let author = Some(question.author.id);
    Ok(store::index_document(tx, DocumentKind::Question, question.text_id, question.id, author, &words)?)
}

/// Moves the index of a text's head from `parent` (none for a new text) to `lines` through
/// `changes`, and its title. When the index did not hold the parent, the whole head is
/// indexed afresh.
pub(super) fn index_head(
    tx: &rusqlite::Connection,
    text_id: i64,
    parent: Option<(u32, &[String], &str)>,
    head: (u32, &[String], &str),
    changes: &[Change],
) -> ActionResult<()> {
    let (number, lines, title) = head;
    let indexed = store::search_head(tx, text_id)?;
    match parent {
        Some((parent_number, parent_lines, parent_title)) if indexed == Some(parent_number) => {
            for change in changes {
                let old = parent_lines.get(change.old.start..change.old.start + change.old.count);
                let new = lines.get(change.new.start..change.new.start + change.new.count);
                let (Some(old), Some(new)) = (old, new) else {
                    return Err(ActionError::Internal(format!("a change outside revision {number} of text {text_id}")));
                };
                store::unindex_paragraphs(tx, text_id, old)?;
                store::index_paragraphs(tx, text_id, new)?;
            }
            if parent_title != title {
                store::index_document(tx, DocumentKind::Text, text_id, text_id, None, title)?;
            }
        }
        _ => {
            store::unindex_head(tx, text_id)?;
            store::index_paragraphs(tx, text_id, lines)?;
            store::index_document(tx, DocumentKind::Text, text_id, text_id, None, title)?;
        }
    }
    store::set_search_head(tx, text_id, number)?;
    Ok(())
}

/// Indexes the heads of texts written before search existed (at start-up). Returns how
/// many texts it indexed.
pub fn catch_up(site: &Site) -> ActionResult<usize> {
    let behind = site.store.read(|tx| Ok::<_, ActionError>(store::texts_behind_search(tx)?))?;
    for &(text_id, head) in &behind {
        site.store.write(|tx| {
            let revision = site.revision_in_write(tx, text_id, head)?;
            let text = store::text_by_id(tx, text_id)?.ok_or(ActionError::NotFound)?;
            index_head(tx, text_id, None, (head, &revision.lines, &text.title), &[])
        })?;
    }
    Ok(behind.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_cut_into_runs() {
        let snippet = Snippet { text: "la neutralité carbone en 2030".to_owned(), marks: vec![(3, 14), (26, 30)] };
        assert_eq!(snippet.runs(), vec![("la ", false), ("neutralité", true), (" carbone en ", false), ("2030", true)]);
    }
}
