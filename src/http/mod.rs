//! HTTP: the one route table, extractors, thin handlers, the JSON API, error responses and
//! embedded assets.
//!
//! Invariant: handlers extract, call one action, and render; rules live in `actions`.

mod api;
mod assets;
mod context;
mod error;
mod forms;
mod fragments;
mod openapi;
mod pages;
mod preconditions;
mod unreadable;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use tokio::net::TcpListener;

use crate::actions::{ActionError, Site};
use crate::domain::limits::MAX_REQUEST_BYTES;

pub use context::Lang;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub site: Arc<Site>,
    pub fragments: Arc<fragments::Fragments>,
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
}

/// The whole URL space, pages then API.
pub fn router(state: AppState) -> Router {
    let pages = Router::new()
        .route("/", get(pages::home))
        .route("/healthz", get(pages::health))
        .route("/login", get(pages::login_form).post(pages::log_in))
        .route("/logout", post(pages::log_out))
        .route("/lang/{code}", get(pages::switch_language))
        .route("/assets/{file}", get(assets::asset))
        .route("/texts", post(pages::publish_text))
        .route("/texts/new", get(pages::publish_form))
        .route("/texts/{slug}", get(pages::text_head))
        .route("/texts/{slug}/revisions/{number}", get(pages::text_revision))
        .route("/texts/{slug}/amend", get(pages::amendment_form))
        .route("/texts/{slug}/amendments", get(pages::list_amendments).post(pages::propose_amendment))
        .route("/texts/{slug}/review", get(pages::review))
        .route("/texts/{slug}/merge", post(pages::merge))
        .route("/texts/{slug}/history", get(pages::history))
        .route("/texts/{slug}/compare", get(pages::compare))
        .route("/texts/{slug}/diff/{range}", get(pages::diff))
        .route("/texts/{slug}/edit", get(pages::edit_form).post(pages::edit_text))
        .route("/texts/{slug}/export.txt", get(pages::export_txt))
        .route("/texts/{slug}/export.md", get(pages::export_md))
        .route("/texts/{slug}/amendments.csv", get(pages::export_csv))
        .route("/amendments/{id}", get(pages::amendment))
        .route("/amendments/{id}/edit", get(pages::amendment_edit_form).post(pages::edit_amendment))
        .route("/amendments/{id}/withdraw", post(pages::withdraw))
        .route("/amendments/{id}/decision", post(pages::decide))
        .fallback(pages::not_found)
        .method_not_allowed_fallback(pages::method_not_allowed);

    let api = Router::new()
        .route("/tokens", post(api::create_token))
        .route("/texts", get(api::list_texts).post(api::publish_text))
        .route("/texts/{slug}", get(api::get_text).put(api::edit_text))
        .route("/texts/{slug}/revisions", get(api::list_revisions))
        .route("/texts/{slug}/revisions/{number}", get(api::get_revision))
        .route("/texts/{slug}/diff", get(api::diff))
        .route("/texts/{slug}/provenance", get(api::provenance))
        .route("/texts/{slug}/amendments", get(api::list_amendments).post(api::propose_amendment))
        .route("/texts/{slug}/merge", post(api::merge))
        .route("/amendments/{id}", get(api::get_amendment).put(api::edit_amendment))
        .route("/amendments/{id}/withdraw", post(api::withdraw))
        .route("/amendments/{id}/decision", post(api::decide))
        .route("/openapi.json", get(openapi::openapi_json))
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed);

    Router::new()
        .merge(pages)
        .nest("/api/v1", api)
        .layer(axum::middleware::from_fn(context::ensure_csrf_cookie))
        .layer(DefaultBodyLimit::max(MAX_REQUEST_BYTES))
        .with_state(state)
}

/// Serves until `shutdown` resolves, then lets requests in flight finish.
pub async fn serve(
    listener: TcpListener,
    site: Arc<Site>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(AppState { site, fragments: Arc::default() });
    // Pages go out in several chunks: without TCP_NODELAY, Nagle's algorithm holds the last
    // one back until the client acknowledges the others (40 ms with delayed ACKs).
    let listener = listener.tap_io(|stream| {
        if let Err(error) = stream.set_nodelay(true) {
            tracing::debug!("TCP_NODELAY refused: {error}");
        }
    });
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
}
