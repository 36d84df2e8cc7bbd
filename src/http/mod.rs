//! HTTP: the one route table, extractors, thin handlers, the JSON API, error responses and
//! embedded assets.
//!
//! Invariant: handlers extract, call one action, and render; rules live in `actions`.

mod api;
mod assets;
mod caching;
mod compression;
mod context;
mod error;
mod forms;
mod forwarded;
mod fragments;
mod openapi;
mod pages;
mod preconditions;
mod security_headers;
mod server;
mod unreadable;

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{delete, get, patch, post, put};
use tokio::net::TcpListener;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};

use crate::actions::{ActionError, Site};
use crate::domain::limits::MAX_REQUEST_BYTES;

pub use context::Lang;
pub use forwarded::{ClientAddr, TrustedProxies};
pub use server::{ServeConfig, raise_open_file_limit};

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub site: Arc<Site>,
    pub fragments: Arc<fragments::Fragments>,
    /// Preview images of shared links, drawn once each.
    pub previews: Arc<crate::cache::Lru<pages::PreviewKey, Arc<Vec<u8>>>>,
    /// Preview images drawn at once, at most.
    pub renders: Arc<tokio::sync::Semaphore>,
}

impl AppState {
    /// Runs a use case off the async threads: SQLite and password hashing block.
    pub async fn run<T, F>(&self, work: F) -> Result<T, ActionError>
    where
        T: Send + 'static,
        F: FnOnce(&Site) -> Result<T, ActionError> + Send + 'static,
    {
        let site = Arc::clone(&self.site);
        tokio::task::spawn_blocking(move || work(&site))
            .await
            .map_err(|error| ActionError::Internal(format!("use case failed to finish: {error}")))?
    }

    /// Renders a page off the async threads, like every page whose size a visitor sets
    /// (a whole text sent back in its form, a conflict with its diff).
    pub async fn render<F>(&self, render: F) -> Result<maud::Markup, ActionError>
    where
        F: FnOnce() -> maud::Markup + Send + 'static,
    {
        self.run(move |_| Ok(render())).await
    }
}

/// The whole URL space, pages then API.
pub fn router(state: AppState) -> Router {
    let pages = Router::new()
        .route("/", get(pages::home))
        .route("/healthz", get(pages::health))
        .route("/login", get(pages::login_form).post(pages::log_in))
        .route("/account/tokens", get(pages::tokens_page).post(pages::create_token))
        .route("/account/tokens/{id}/revoke", post(pages::revoke_token))
        .route("/logout", post(pages::log_out))
        .route("/lang/{code}", get(pages::switch_language))
        .route("/assets/{file}", get(assets::asset))
        .route("/texts", post(pages::publish_text))
        .route("/texts/new", get(pages::publish_form))
        .route("/topics", get(pages::topics_page).post(pages::create_topic))
        .route("/topics/{slug}", get(pages::topic_page))
        .route("/topics/{slug}/feed.atom", get(pages::topic_feed))
        .route("/texts/{slug}/feed.atom", get(pages::text_feed))
        .route("/feed.atom", get(pages::site_feed))
        .route("/search", get(pages::search_page))
        .route("/texts/{slug}", get(pages::text_head))
        .route("/texts/{slug}/revisions/{number}", get(pages::text_revision))
        .route("/texts/{slug}/lines", get(pages::printed_head))
        .route("/texts/{slug}/provenance", get(pages::provenance_head))
        .route("/texts/{slug}/revisions/{number}/provenance", get(pages::provenance_revision))
        .route("/texts/{slug}/live", get(pages::live_page))
        .route("/texts/{slug}/events", get(pages::live_events))
        .route("/texts/{slug}/revisions/{number}/lines", get(pages::printed_revision))
        .route("/texts/{slug}/amend", get(pages::amendment_form))
        .route("/texts/{slug}/amendments", get(pages::list_amendments).post(pages::propose_amendment))
        .route("/texts/{slug}/outcomes", get(pages::outcomes_page))
        .route("/texts/{slug}/stats", get(pages::text_stats))
        .route("/texts/{slug}/preview.png", get(pages::text_preview))
        .route("/amendments/{id}/preview.png", get(pages::amendment_preview))
        .route("/embed/texts/{slug}", get(pages::embed_text))
        .route("/embed/texts/{slug}/revisions/{number}", get(pages::embed_text_revision))
        .route("/embed/amendments/{id}", get(pages::embed_amendment))
        .route("/topics/{slug}/stats", get(pages::topic_stats))
        .route("/texts/{slug}/review", get(pages::review))
        .route("/texts/{slug}/alternatives", get(pages::alternatives))
        .route("/texts/{slug}/merge", post(pages::merge))
        .route("/texts/{slug}/merge-editorial", post(pages::merge_editorial))
        .route("/texts/{slug}/preview", post(pages::merge_preview))
        .route("/texts/{slug}/history", get(pages::history))
        .route("/texts/{slug}/compare", get(pages::compare))
        .route("/texts/{slug}/diff/{range}", get(pages::diff))
        .route("/texts/{slug}/edit", get(pages::edit_form).post(pages::edit_text))
        .route("/texts/{slug}/phase", get(pages::phase_form).post(pages::set_phase))
        .route("/texts/{slug}/settings", post(pages::set_settings))
        .route("/texts/{slug}/export.txt", get(pages::export_txt))
        .route("/texts/{slug}/export.md", get(pages::export_md))
        .route("/texts/{slug}/export.odt", get(pages::export_odt))
        .route("/texts/{slug}/export.docx", get(pages::export_docx))
        .route("/texts/{slug}/export.pdf", get(pages::export_pdf))
        .route("/texts/{slug}/amendments.csv", get(pages::export_csv))
        .route("/texts/{slug}/amendments.ods", get(pages::export_ods))
        .route("/texts/{slug}/amendments.xlsx", get(pages::export_xlsx))
        .route("/texts/{slug}/book.html", get(pages::amendment_book))
        .route("/texts/{slug}/book.pdf", get(pages::amendment_book_pdf))
        .route("/amendments/{id}", get(pages::amendment))
        .route("/amendments/{id}/edit", get(pages::amendment_edit_form).post(pages::edit_amendment))
        .route("/amendments/{id}/withdraw", post(pages::withdraw))
        .route("/amendments/{id}/support", post(pages::support))
        .route("/amendments/{id}/editorial", post(pages::mark_editorial))
        .route("/amendments/{id}/vote", post(pages::vote))
        .route("/texts/{slug}/comments", get(pages::discussion).post(pages::post_comment))
        .route("/comments/{id}", get(pages::comment_page))
        .route("/comments/{id}/edit", post(pages::edit_comment))
        .route("/comments/{id}/delete", post(pages::delete_comment))
        .route("/comments/{id}/hide", post(pages::hide_comment))
        .route("/texts/{slug}/questions", get(pages::questions_page).post(pages::ask_question))
        .route("/questions/{id}/answer", post(pages::answer_question))
        .route("/amendments/{id}/decision", post(pages::decide))
        .route("/account", get(pages::account_page))
        .route("/account/data.json", get(pages::my_data))
        .route("/account/amendments", get(pages::my_amendments_page))
        .route("/account/notifications", get(pages::settings_page).post(pages::save_settings))
        .route("/notifications", get(pages::notifications_page))
        .route("/notifications/read", post(pages::mark_read))
        .route("/notifications/{id}", get(pages::open_notification))
        .route("/texts/{slug}/follow", post(pages::follow_text))
        .route("/unsubscribe", get(pages::unsubscribe_page).post(pages::unsubscribe))
        .route("/account/password", post(pages::change_password))
        .route("/account/delete", post(pages::delete_account))
        .route("/admin", get(pages::members_page))
        .route("/admin/members", post(pages::add_member))
        .route("/admin/registration", post(pages::switch_registration))
        .route("/register", get(pages::register_page).post(pages::register))
        .route("/admin/members/import", post(pages::import_members))
        .route("/admin/members/{login}", post(pages::change_member))
        .route("/admin/members/{login}/invitation", post(pages::invite_member))
        .route("/invitations/{token}", get(pages::invitation_page).post(pages::accept_invitation))
        .fallback(pages::not_found)
        .method_not_allowed_fallback(pages::method_not_allowed);

    let api = Router::new()
        .route("/tokens", get(api::list_tokens).post(api::create_token))
        .route("/tokens/{id}", delete(api::revoke_token))
        .route("/texts", get(api::list_texts).post(api::publish_text))
        .route("/topics", get(api::list_topics).post(api::create_topic))
        .route("/search", get(api::search))
        .route("/me/amendments", get(api::my_amendments))
        .route("/me/notifications", get(api::notification_settings).put(api::change_notification_settings))
        .route("/notifications", get(api::list_notifications))
        .route("/notifications/read", post(api::read_notifications))
        .route("/texts/{slug}/follow", put(api::follow_text).delete(api::unfollow_text))
        .route("/texts/{slug}", get(api::get_text).put(api::edit_text))
        .route("/texts/{slug}/revisions", get(api::list_revisions))
        .route("/texts/{slug}/revisions/{number}", get(api::get_revision))
        .route("/texts/{slug}/diff", get(api::diff))
        .route("/texts/{slug}/provenance", get(api::provenance))
        .route("/texts/{slug}/amendments", get(api::list_amendments).post(api::propose_amendment))
        .route("/texts/{slug}/merge", post(api::merge))
        .route("/texts/{slug}/merge-editorial", post(api::merge_editorial))
        .route("/texts/{slug}/preview", post(api::preview))
        .route("/texts/{slug}/phase", put(api::set_phase))
        .route("/texts/{slug}/settings", put(api::set_settings))
        .route("/amendments/{id}", get(api::get_amendment).put(api::edit_amendment))
        .route("/amendments/{id}/withdraw", post(api::withdraw))
        .route("/amendments/{id}/decision", post(api::decide))
        .route("/amendments/{id}/support", post(api::support).delete(api::withdraw_support))
        .route("/amendments/{id}/editorial", put(api::mark_editorial))
        .route("/amendments/{id}/vote", put(api::vote))
        .route("/texts/{slug}/comments", get(api::list_comments).post(api::post_comment))
        .route("/comments/{id}", put(api::edit_comment).delete(api::delete_comment))
        .route("/comments/{id}/hide", post(api::hide_comment))
        .route("/texts/{slug}/questions", get(api::list_questions).post(api::ask_question))
        .route("/questions/{id}", get(api::get_question))
        .route("/questions/{id}/answer", put(api::answer_question))
        .route("/me", get(api::me).delete(api::delete_me))
        .route("/me/export", get(api::export_me))
        .route("/members", get(api::list_members).post(api::add_member))
        .route("/members/import", post(api::import_members))
        .route("/members/{login}", patch(api::change_member))
        .route("/members/{login}/invitation", post(api::invite_member))
        .route("/openapi.json", get(openapi::openapi_json))
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed);

    Router::new()
        .merge(pages)
        .nest("/api/v1", api)
        .layer(axum::middleware::from_fn(context::form_token_cookie))
        .layer(axum::middleware::from_fn(read_unused_bodies))
        .layer(DefaultBodyLimit::max(MAX_REQUEST_BYTES))
        .with_state(state)
}

/// Reads the body a reading request sent anyway (a GET or HEAD with a body), within the
/// request limit, before answering: a connection closed with unread bytes in it is reset,
/// and the reset can cut the answer short in the client's hands.
async fn read_unused_bodies(request: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    use axum::http::Method;
    let reads_only = matches!(*request.method(), Method::GET | Method::HEAD);
    let sends_body = request.headers().contains_key(axum::http::header::CONTENT_LENGTH)
        || request.headers().contains_key(axum::http::header::TRANSFER_ENCODING);
    if !(reads_only && sends_body) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    // What does not fit the limit is not read: the connection then closes, as before.
    let _ = axum::body::to_bytes(body, MAX_REQUEST_BYTES).await;
    next.run(axum::extract::Request::from_parts(parts, axum::body::Body::empty())).await
}

/// Serves with the default limits until `shutdown` resolves, then lets requests in flight
/// finish.
pub async fn serve(
    listener: TcpListener,
    site: Arc<Site>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(listener, site, ServeConfig::default(), shutdown).await
}

/// Serves with `config`'s limits and trusted proxies until `shutdown` resolves, then lets
/// requests in flight finish.
pub async fn serve_with(
    listener: TcpListener,
    site: Arc<Site>,
    config: ServeConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let state = AppState {
        site,
        fragments: Arc::default(),
        previews: Arc::new(crate::cache::Lru::new(pages::PREVIEW_CACHE_BYTES)),
        renders: Arc::new(tokio::sync::Semaphore::new(pages::preview_renders())),
    };
    // The signing keys are read (or made) once, before any request needs them.
    state.run(|site| site.keys().map(|_| ())).await.map_err(|error| std::io::Error::other(error.to_string()))?;
    let app = router(state)
        // A body that sends nothing for a while, and a request not answered in time (a
        // trickled body included), are answered 408 and free their connection.
        .layer(RequestBodyTimeoutLayer::new(server::BODY_STALL))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, config.request_timeout))
        .layer(axum::middleware::from_fn_with_state(compression::Kept::default(), compression::compress_once))
        .layer(compression::layer())
        .layer(axum::middleware::from_fn(caching::cache_control))
        .layer(axum::middleware::from_fn(security_headers::security_headers));
    server::run(listener, app, config, shutdown).await
}
