//! The test harness: a real Redraft server on an ephemeral loopback port with a real SQLite
//! file in a temporary directory, and HTTP clients for the API and for pages.
#![allow(dead_code)]

pub mod corpus;
pub mod smtp;

use std::net::SocketAddr;
use std::sync::Arc;

use redraft::actions::Site;
use redraft::actions::accounts::{self, NewAccount};
use redraft::domain::Role;
use redraft::domain::model::User;
use redraft::store::Store;
use reqwest::StatusCode;
use serde_json::Value;
use tempfile::TempDir;
use tokio::sync::oneshot;

pub const PASSWORD: &str = "correct horse battery";

pub struct TestServer {
    pub addr: SocketAddr,
    pub site: Arc<Site>,
    pub dir: TempDir,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    /// The notifier, when the test asked for one, and how it was configured.
    notifier: Option<redraft::mail::Notifier>,
    mail: Option<redraft::mail::MailConfig>,
}

impl TestServer {
    /// Starts a server on a fresh database. Call from a multi-threaded tokio test.
    pub async fn start() -> TestServer {
        TestServer::start_with(redraft::http::ServeConfig::default()).await
    }

    /// Starts a server that believes `X-Forwarded-For` and `X-Forwarded-Proto` from
    /// loopback, as behind a reverse proxy on the same machine.
    pub async fn behind_proxy() -> TestServer {
        let proxies = redraft::http::TrustedProxies::new(vec![
            redraft::http::TrustedProxies::parse_one("127.0.0.1").expect("loopback"),
        ]);
        TestServer::start_with(redraft::http::ServeConfig { trusted_proxies: proxies, ..Default::default() }).await
    }

    /// Starts a server with these limits and trusted proxies.
    pub async fn start_with(config: redraft::http::ServeConfig) -> TestServer {
        TestServer::start_in(tempfile::tempdir().expect("temp dir"), config).await
    }

    /// Starts a server with its notifier (notifications, and email when `mail` names an
    /// SMTP server), as `serve` runs it.
    pub async fn with_mail(mail: redraft::mail::MailConfig) -> TestServer {
        let mut server = TestServer::start().await;
        server.start_notifier(mail).await;
        server
    }

    async fn start_notifier(&mut self, mut mail: redraft::mail::MailConfig) {
        mail.base_url = format!("http://{}", self.addr);
        let site = Arc::clone(&self.site);
        let config = mail.clone();
        let notifier = tokio::task::spawn_blocking(move || redraft::mail::Notifier::start(site, config))
            .await
            .expect("join")
            .expect("notifier");
        self.notifier = Some(notifier);
        self.mail = Some(mail);
    }

    /// Stops the server and starts another on its database, with nothing in memory (its
    /// notifier too, when it had one).
    pub async fn restart(mut self) -> TestServer {
        let mail = self.mail.take();
        if let Some(notifier) = self.notifier.take() {
            tokio::task::spawn_blocking(move || notifier.stop()).await.expect("join");
        }
        let TestServer { dir, site, stop, task, .. } = self;
        if let Some(stop) = stop {
            let _ = stop.send(());
        }
        if let Some(task) = task {
            let _ = task.await;
        }
        drop(site);
        let mut server = TestServer::start_in(dir, redraft::http::ServeConfig::default()).await;
        if let Some(mail) = mail {
            server.start_notifier(mail).await;
        }
        server
    }

    async fn start_in(dir: TempDir, config: redraft::http::ServeConfig) -> TestServer {
        let store = Store::open(&dir.path().join("redraft.db")).expect("open store");
        let site = Arc::new(Site::new(store));
        // As `serve` does: texts written before search existed get their heads indexed.
        redraft::actions::search::catch_up(&site).expect("search catch-up");
        // Tests file hundreds of amendments as members, as load tests do: the members'
        // limits are off (`serve --no-rate-limits`) except where tests/limits.rs turns them on.
        site.pace.set_enabled(false);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("local addr");
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(redraft::http::serve_with(listener, Arc::clone(&site), config, async {
            let _ = stopped.await;
        }));
        TestServer { addr, site, dir, stop: Some(stop), task: Some(task), notifier: None, mail: None }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Creates an account with [`PASSWORD`].
    pub async fn user(&self, login: &str, role: Role) -> User {
        self.user_with_email(login, role, "").await
    }

    /// Creates an account with [`PASSWORD`] and this email address ("" for none).
    pub async fn user_with_email(&self, login: &str, role: Role, email: &str) -> User {
        let site = Arc::clone(&self.site);
        let (login, email) = (login.to_owned(), email.to_owned());
        tokio::task::spawn_blocking(move || {
            accounts::add_user(
                &site,
                &NewAccount { login: &login, name: &login, role, password: PASSWORD, email: &email },
            )
        })
        .await
        .expect("join")
        .expect("add user")
    }

    /// An API client logged in as a new account with this role.
    pub async fn api_as(&self, login: &str, role: Role) -> Api {
        self.user(login, role).await;
        self.api_for(login).await
    }

    /// An API client logged in as a new account with this role and email address.
    pub async fn api_with_email(&self, login: &str, role: Role, email: &str) -> Api {
        self.user_with_email(login, role, email).await;
        self.api_for(login).await
    }

    /// An API client logged in as an existing account.
    pub async fn api_for(&self, login: &str) -> Api {
        let anonymous = self.api();
        let (status, body) =
            anonymous.post("/api/v1/tokens", &serde_json::json!({ "login": login, "password": PASSWORD })).await;
        assert_eq!(status, StatusCode::CREATED, "token for {login}: {body}");
        let token = body["token"].as_str().expect("token").to_owned();
        Api { token: Some(token), ..anonymous }
    }

    /// An anonymous API client.
    pub fn api(&self) -> Api {
        Api { client: reqwest::Client::new(), base: format!("http://{}", self.addr), token: None }
    }

    /// A browser-like client (cookies kept) logged in as a new account with this role.
    pub async fn browser_as(&self, login: &str, role: Role) -> Browser {
        self.user(login, role).await;
        let browser = self.browser();
        browser.log_in(login, PASSWORD).await;
        browser
    }

    /// A browser-like client, not logged in.
    pub fn browser(&self) -> Browser {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Browser { client, base: format!("http://{}", self.addr) }
    }

    pub async fn stop(mut self) {
        if let Some(notifier) = self.notifier.take() {
            tokio::task::spawn_blocking(move || notifier.stop()).await.expect("join");
        }
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

/// A JSON API client.
#[derive(Clone)]
pub struct Api {
    pub client: reqwest::Client,
    pub base: String,
    pub token: Option<String>,
}

impl Api {
    fn with_auth(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
    }

    pub async fn send(&self, request: reqwest::RequestBuilder) -> (StatusCode, Value) {
        let response = self.with_auth(request).send().await.expect("request");
        let status = response.status();
        let text = response.text().await.expect("body");
        let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, value)
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.send(self.client.get(format!("{}{path}", self.base))).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        self.send(self.client.post(format!("{}{path}", self.base)).json(body)).await
    }

    pub async fn put(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        self.send(self.client.put(format!("{}{path}", self.base)).json(body)).await
    }

    pub async fn delete(&self, path: &str) -> (StatusCode, Value) {
        self.send(self.client.delete(format!("{}{path}", self.base))).await
    }

    /// A raw body, for malformed requests.
    pub async fn post_raw(&self, path: &str, content_type: &str, body: Vec<u8>) -> (StatusCode, Value) {
        self.send(self.client.post(format!("{}{path}", self.base)).header("content-type", content_type).body(body))
            .await
    }

    /// Publishes a text and returns its slug.
    pub async fn publish(&self, slug: &str, lines: &[&str]) -> String {
        let body = serde_json::json!({ "slug": slug, "title": format!("Texte {slug}"), "body": lines.join("\n") });
        let (status, answer) = self.post("/api/v1/texts", &body).await;
        assert_eq!(status, StatusCode::CREATED, "publish {slug}: {answer}");
        slug.to_owned()
    }

    /// Proposes an amendment and returns its id.
    pub async fn propose(&self, slug: &str, base: u64, start: u64, count: u64, new_lines: &[&str]) -> i64 {
        let body = serde_json::json!({
            "base": base, "start": start, "count": count, "new_lines": new_lines, "rationale": "Parce que."
        });
        let (status, answer) = self.post(&format!("/api/v1/texts/{slug}/amendments"), &body).await;
        assert_eq!(status, StatusCode::CREATED, "propose on {slug}: {answer}");
        answer["id"].as_i64().expect("id")
    }

    pub async fn accept(&self, id: i64) -> Value {
        let (status, answer) =
            self.post(&format!("/api/v1/amendments/{id}/decision"), &serde_json::json!({ "decision": "accept" })).await;
        assert_eq!(status, StatusCode::OK, "accept {id}: {answer}");
        answer
    }

    pub async fn lines(&self, slug: &str) -> Vec<String> {
        let (status, text) = self.get(&format!("/api/v1/texts/{slug}")).await;
        assert_eq!(status, StatusCode::OK, "{text}");
        serde_json::from_value(text["lines"].clone()).expect("lines")
    }

    /// The caller's notifications once `ready` holds of them (within ten seconds: the
    /// notifier writes them after the action's answer).
    pub async fn notifications_when(&self, ready: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let mut last = Value::Null;
        for _ in 0..200 {
            let (status, answer) = self.get("/api/v1/notifications?limit=200").await;
            assert_eq!(status, StatusCode::OK, "{answer}");
            let list = answer["notifications"].as_array().cloned().unwrap_or_default();
            if ready(&list) {
                return list;
            }
            last = answer;
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("notifications never got there: {last:#}");
    }

    pub async fn head(&self, slug: &str) -> u64 {
        let (_, text) = self.get(&format!("/api/v1/texts/{slug}")).await;
        text["head"].as_u64().expect("head")
    }
}

/// A client that behaves like a browser without JavaScript: cookies, forms, redirects seen.
pub struct Browser {
    pub client: reqwest::Client,
    pub base: String,
}

impl Browser {
    pub async fn get(&self, path: &str) -> (StatusCode, String) {
        let response = self.client.get(format!("{}{path}", self.base)).send().await.expect("get");
        let status = response.status();
        (status, response.text().await.expect("body"))
    }

    /// The response to a GET with its headers.
    pub async fn get_response(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.base)).send().await.expect("get")
    }

    /// The CSRF token of the forms on a page.
    pub async fn csrf(&self, path: &str) -> String {
        let (status, page) = self.get(path).await;
        assert!(status.is_success(), "GET {path}: {status}");
        csrf_in(&page).unwrap_or_else(|| panic!("no CSRF token on {path}"))
    }

    /// Posts a form; returns the status, the redirect target (if any) and the body.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> (StatusCode, Option<String>, String) {
        let response = self.client.post(format!("{}{path}", self.base)).form(fields).send().await.expect("post");
        let status = response.status();
        let location = response.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_owned);
        (status, location, response.text().await.expect("body"))
    }

    pub async fn log_in(&self, login: &str, password: &str) {
        let csrf = self.csrf("/login").await;
        let (status, location, body) =
            self.post_form("/login", &[("csrf", &csrf), ("login", login), ("password", password), ("next", "/")]).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "login {login}: {body}");
        assert_eq!(location.as_deref(), Some("/"));
    }
}

/// The value of the first `name="csrf"` hidden field in a page.
pub fn csrf_in(page: &str) -> Option<String> {
    let marker = "name=\"csrf\" value=\"";
    let start = page.find(marker)? + marker.len();
    let end = page[start..].find('"')?;
    Some(page[start..start + end].to_owned())
}
