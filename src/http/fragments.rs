//! The heavy parts of the busiest pages (a text's lines, a diff table, each amendment of the
//! review desk) rendered once and kept, keyed by everything they show, then streamed as
//! chunks around a page shell rendered per request. A change makes new keys; old ones age out.

use std::convert::Infallible;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::http::header::{CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{Markup, PreEscaped};

use super::caching::CachePolicy;
use crate::actions::listing::{Filter, Page};
use crate::cache::Lru;
use crate::domain::Tally;
use crate::i18n::Lang;
use crate::views::history::DiffLayout;

/// Where a page shell takes its cached fragment.
const MARKER: &str = "<!--redraft:fragment-->";
/// Stands for the visitor's CSRF token in cached forms; each response puts the real one in.
pub const CSRF_PLACEHOLDER: &str = "redraft-csrf-placeholder";
/// Stands for the page's submission key in cached forms, likewise.
pub const ONCE_PLACEHOLDER: &str = "redraft-once-placeholder";
/// Memory for rendered fragments.
const FRAGMENT_CACHE_BYTES: usize = 48 << 20;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FragmentKey {
    /// The lines of a revision as the text page shows them.
    TextLines {
        text: i64,
        revision: u32,
        amendments_version: i64,
        lang: Lang,
        takes_amendments: bool,
        takes_comments: bool,
    },
    /// A revision's paragraphs with their origins (rule 8), as of the names of the members
    /// they credit (a new name bumps every text's `amendments_version`).
    Provenance { text: i64, revision: u32, amendments_version: i64, lang: Lang },
    /// The printed lines of a revision (rule 10): revisions never change.
    PrintedLines { text: i64, revision: u32, lang: Lang },
    /// The decided amendments of the congress hall's view of a text, as of their state.
    LiveDecisions { text: i64, amendments_version: i64, head: u32, phase: &'static str, lang: Lang },
    /// The head of a text as the congress hall shows it.
    LiveText { text: i64, revision: u32, lang: Lang },
    /// The diff table between two revisions.
    Diff { text: i64, from: u32, to: u32, layout: DiffLayout, lang: Lang },
    /// The amendments of a text's public list, as of their state, in one view of it.
    AmendmentCards { text: i64, amendments_version: i64, head: u32, filter: Filter, page: Page, lang: Lang },
    /// One amendment on the review desk, as of its version and the text's head.
    ReviewItem {
        amendment: i64,
        version: i64,
        head: u32,
        lang: Lang,
        supporters: (u32, u32),
        tally: Tally,
        /// Marking an amendment editorial changes no version.
        editorial: bool,
    },
    /// A whole page as an anonymous reader gets it, under its ETag (which names everything
    /// the page shows) and address.
    Page { etag: String, address: String },
    /// A text as the API answers it, as of its state and head.
    TextJson {
        text: i64,
        updated_at: i64,
        head: u32,
        phase: &'static str,
        deadline: Option<i64>,
        /// The settings: co-signers needed, secrecy, open amendments per member, width.
        settings: (u32, &'static str, u32, u32),
    },
    /// A text's amendments as the API answers them, as of their state and the text's head.
    AmendmentsJson { text: i64, amendments_version: i64, head: u32 },
    /// A text's comments as the API lists them all, as of their state and the text's head
    /// (which places the comments that follow it). Comments touch `amendments_version`.
    CommentsJson { text: i64, amendments_version: i64, head: u32 },
    /// A text's amendment book, as of its amendments' state and head, in a language, as
    /// HTML or PDF.
    Book { text: i64, amendments_version: i64, head: u32, lang: Lang, pdf: bool },
    /// A text with tracked changes as an office file, as of its head and amendments, for a
    /// selection (`from`, `to`, amendment ids), in a language.
    Tracked {
        text: i64,
        amendments_version: i64,
        head: u32,
        lang: Lang,
        from: Option<u32>,
        to: Option<u32>,
        amendments: Vec<i64>,
        docx: bool,
    },
    /// A revision in its printed lines as a PDF, in a language (revisions never change).
    RevisionPdf { text: i64, revision: u32, lang: Lang },
    /// A text's amendments as a spreadsheet file, as of their state, in a language,
    /// linking to a site.
    Sheet {
        text: i64,
        amendments_version: i64,
        head: u32,
        lang: Lang,
        site: String,
        format: crate::export::SheetFormat,
    },
}

/// A piece of a rendered fragment: markup, or where a value of the visitor's page goes.
pub enum Piece {
    Markup(Bytes),
    Csrf,
    Once,
}

/// A rendered fragment, cut where the visitor's CSRF token and submission key go.
pub type Pieces = Arc<Vec<Piece>>;

/// The values of a visitor's page that cached fragments leave out.
pub struct Visitor<'a> {
    pub csrf: &'a str,
    pub once: &'a str,
}

/// Cuts rendered markup at its placeholders.
fn cut(html: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut rest = html;
    loop {
        let csrf = rest.find(CSRF_PLACEHOLDER).map(|at| (at, CSRF_PLACEHOLDER.len(), true));
        let once = rest.find(ONCE_PLACEHOLDER).map(|at| (at, ONCE_PLACEHOLDER.len(), false));
        let Some((at, length, is_csrf)) = [csrf, once].into_iter().flatten().min_by_key(|(at, _, _)| *at) else {
            break;
        };
        pieces.push(Piece::Markup(Bytes::copy_from_slice(&rest.as_bytes()[..at])));
        pieces.push(if is_csrf { Piece::Csrf } else { Piece::Once });
        rest = &rest[at + length..];
    }
    pieces.push(Piece::Markup(Bytes::copy_from_slice(rest.as_bytes())));
    pieces
}

pub struct Fragments {
    cache: Lru<FragmentKey, Pieces>,
}

impl Default for Fragments {
    fn default() -> Self {
        Fragments { cache: Lru::new(FRAGMENT_CACHE_BYTES) }
    }
}

impl Fragments {
    /// The fragment under `key`, if it is kept.
    pub fn lookup(&self, key: &FragmentKey) -> Option<Pieces> {
        self.cache.get(key)
    }

    /// The fragment under `key`, rendering it with `render` the first time.
    pub fn get(&self, key: FragmentKey, render: impl FnOnce() -> Markup) -> Pieces {
        let made: Result<Pieces, Infallible> = self.cache.get_or_insert_with(key, || {
            let html = render().into_string();
            let bytes = html.len() + 64;
            Ok((Arc::new(cut(&html)), bytes))
        });
        match made {
            Ok(pieces) => pieces,
        }
    }
}

impl Fragments {
    /// A fragment rendered for one answer only, cut as [`Fragments::get`] cuts the ones it
    /// keeps.
    pub fn render_once(&self, markup: Markup) -> Pieces {
        Arc::new(cut(&markup.into_string()))
    }

    /// The bytes kept under `key` by [`Fragments::bytes`], if they still are.
    pub fn peek_bytes(&self, key: &FragmentKey) -> Option<Bytes> {
        match self.cache.get(key)?.first() {
            Some(Piece::Markup(bytes)) => Some(bytes.clone()),
            _ => None,
        }
    }

    /// The bytes kept under `key`, made by `make` the first time. For answers that are the
    /// same for everyone who gets them: JSON of a text, a page an anonymous reader gets.
    pub fn bytes<E>(&self, key: FragmentKey, make: impl FnOnce() -> Result<Vec<u8>, E>) -> Result<Bytes, E> {
        let pieces = self.cache.get_or_insert_with(key, || {
            let made = Bytes::from(make()?);
            let bytes = made.len() + 64;
            Ok((Arc::new(vec![Piece::Markup(made)]), bytes))
        })?;
        Ok(match pieces.first() {
            Some(Piece::Markup(bytes)) => bytes.clone(),
            _ => Bytes::new(),
        })
    }
}

/// The marker a page shell is rendered with in place of its fragment.
pub fn marker() -> Markup {
    PreEscaped(MARKER.to_owned())
}

/// Chunks of a page: the shell (rendered with [`marker`]) around the fragments, with the
/// visitor's values where the fragments leave them out. Nothing large is copied, and the
/// chunks are made as the connection takes them: a page of thousands of cached pieces
/// costs its readers a list of the fragments, not a list of every piece.
pub fn assemble(shell: Markup, fragments: &[Pieces], visitor: &Visitor<'_>) -> Chunks {
    let shell = shell.into_string();
    let (before, after) = shell.split_once(MARKER).unwrap_or((&shell, ""));
    Chunks {
        before: Some(Bytes::copy_from_slice(before.as_bytes())),
        fragments: fragments.to_vec(),
        after: Some(Bytes::copy_from_slice(after.as_bytes())),
        csrf: Bytes::copy_from_slice(visitor.csrf.as_bytes()),
        once: Bytes::copy_from_slice(visitor.once.as_bytes()),
        fragment: 0,
        piece: 0,
    }
}

/// A page's chunks, in order (see [`assemble`]).
pub struct Chunks {
    before: Option<Bytes>,
    fragments: Vec<Pieces>,
    after: Option<Bytes>,
    csrf: Bytes,
    once: Bytes,
    /// The next piece to send: of which fragment, which piece.
    fragment: usize,
    piece: usize,
}

impl Chunks {
    /// A page made whole already.
    pub fn whole(page: Bytes) -> Chunks {
        Chunks {
            before: Some(page),
            fragments: Vec::new(),
            after: None,
            csrf: Bytes::new(),
            once: Bytes::new(),
            fragment: 0,
            piece: 0,
        }
    }
}

/// Pieces smaller than this are sent together, copied into one chunk of about this size:
/// a chunk costs the connection more than copying a few kilobytes.
const CHUNK_BYTES: usize = 32 << 10;

impl Chunks {
    /// The next piece, as it is (shared, not copied).
    fn next_piece(&mut self) -> Option<Bytes> {
        if let Some(before) = self.before.take() {
            return Some(before);
        }
        while let Some(pieces) = self.fragments.get(self.fragment) {
            let Some(piece) = pieces.get(self.piece) else {
                self.fragment += 1;
                self.piece = 0;
                continue;
            };
            self.piece += 1;
            return Some(match piece {
                Piece::Markup(markup) => markup.clone(),
                Piece::Csrf => self.csrf.clone(),
                Piece::Once => self.once.clone(),
            });
        }
        self.after.take()
    }
}

impl Iterator for Chunks {
    type Item = Bytes;

    fn next(&mut self) -> Option<Bytes> {
        let mut gathered: Vec<u8> = Vec::new();
        loop {
            let Some(piece) = self.next_piece() else {
                return (!gathered.is_empty()).then(|| Bytes::from(gathered));
            };
            // A large piece goes alone, shared; small ones are gathered.
            if gathered.is_empty() && piece.len() >= CHUNK_BYTES {
                return Some(piece);
            }
            if gathered.is_empty() {
                gathered.reserve(CHUNK_BYTES + piece.len());
            }
            gathered.extend_from_slice(&piece);
            if gathered.len() >= CHUNK_BYTES {
                return Some(Bytes::from(gathered));
            }
        }
    }
}

/// An HTML response streamed from chunks; with an ETag, kept by the browser and checked
/// each time (the caching middleware makes it `no-store` for a logged-in member).
pub fn html_chunks(status: StatusCode, chunks: Chunks, etag: Option<&str>) -> Response {
    let body = Body::from_stream(futures_util::stream::iter(chunks.map(Ok::<_, Infallible>)));
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    if let Some(value) = etag.and_then(|etag| HeaderValue::from_str(etag).ok()) {
        headers.insert(ETAG, value);
        response.extensions_mut().insert(CachePolicy::Revalidate);
    }
    response
}

/// An HTML page whose shell holds one [`marker`] for each of `parts` (kept fragments with
/// no visitor's value in them), streamed with each part where its marker is: the parts are
/// shared, never copied into the page.
pub fn html_with_parts(shell: Markup, parts: &[Bytes]) -> Response {
    let shell = shell.into_string();
    let mut chunks = Vec::with_capacity(parts.len() * 2 + 1);
    let mut pieces = shell.split(MARKER);
    if let Some(first) = pieces.next() {
        chunks.push(Bytes::copy_from_slice(first.as_bytes()));
    }
    for (piece, part) in pieces.zip(parts.iter().chain(std::iter::repeat(&Bytes::new()))) {
        chunks.push(part.clone());
        chunks.push(Bytes::copy_from_slice(piece.as_bytes()));
    }
    let body = Body::from_stream(futures_util::stream::iter(chunks.into_iter().map(Ok::<_, Infallible>)));
    let mut response = (StatusCode::OK, body).into_response();
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    response
}

/// A strong validator from everything a response depends on.
pub fn etag(parts: impl Hash) -> String {
    // DefaultHasher::new() has fixed keys: the same inputs give the same tag across restarts.
    let mut hasher = DefaultHasher::new();
    parts.hash(&mut hasher);
    format!("\"{:016x}\"", hasher.finish())
}

/// Whether the client already holds this version of the response.
pub fn fresh(request: &HeaderMap, etag: &str) -> bool {
    request
        .get_all(IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|candidate| super::compression::content_etag(candidate.trim()))
        .any(|candidate| candidate == etag || candidate == "*")
}

/// `304 Not Modified` with its validator.
pub fn not_modified(etag: &str) -> Response {
    let mut response = StatusCode::NOT_MODIFIED.into_response();
    if let Ok(value) = HeaderValue::from_str(etag) {
        response.headers_mut().insert(ETAG, value);
        response.extensions_mut().insert(CachePolicy::Revalidate);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fragment(html: &str) -> Pieces {
        Arc::new(cut(html))
    }

    #[test]
    fn a_page_is_its_shell_around_its_fragments_with_the_visitors_values() {
        let large = "é".repeat(CHUNK_BYTES);
        let small = format!("<form><input name=csrf value={CSRF_PLACEHOLDER}><input value={ONCE_PLACEHOLDER}></form>");
        let fragments: Vec<Pieces> = (0..2000)
            .map(|n| if n % 500 == 7 { fragment(&large) } else { fragment(&format!("<p>{n}</p>{small}")) })
            .collect();
        let shell = html_shell();
        let visitor = Visitor { csrf: "token-1", once: "key-2" };
        let chunks: Vec<Bytes> = assemble(shell, &fragments, &visitor).collect();

        let mut expected = String::from("<main>");
        for n in 0..2000 {
            if n % 500 == 7 {
                expected.push_str(&large);
            } else {
                expected
                    .push_str(&format!("<p>{n}</p><form><input name=csrf value=token-1><input value=key-2></form>"));
            }
        }
        expected.push_str("</main>");
        let sent: Vec<u8> = chunks.iter().flat_map(|chunk| chunk.iter().copied()).collect();
        assert_eq!(String::from_utf8(sent).expect("utf-8"), expected);
        // Small pieces travel together; no chunk is empty or much larger than it must be.
        assert!(chunks.len() < 2000, "{} chunks", chunks.len());
        assert!(chunks.iter().all(|chunk| !chunk.is_empty() && chunk.len() < 2 * large.len() + CHUNK_BYTES));
    }

    #[test]
    fn a_page_made_whole_is_sent_as_it_is() {
        let page = Bytes::from_static(b"<p>whole</p>");
        let chunks: Vec<Bytes> = Chunks::whole(page.clone()).collect();
        assert_eq!(chunks, vec![page]);
    }

    fn html_shell() -> Markup {
        maud::html! { main { (marker()) } }
    }
}
