//! Abuse (DESIGN.md, "Abuse"): slow and numerous clients against a running server while a
//! member logs in and reads; timeouts; the login limiter that slows guessing without locking
//! a member out; trusted proxies; signed form tokens; security headers and cache policies.
//! The attacker and the member share 127.0.0.1, as behind one proxy.

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use common::{PASSWORD, TestServer, csrf_in};
use redraft::domain::Role;
use redraft::http::ServeConfig;
use reqwest::StatusCode;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How long anything a member does may take while the server is under attack.
const PROMPT: Duration = Duration::from_secs(5);

/// A client that opens a new connection for each request, as a new visitor does, with
/// cookies and without following redirects.
fn visitor() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(0)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

/// What an attacker's connection does.
#[derive(Clone, Copy, Debug)]
enum Stuck {
    /// Connects and sends nothing.
    Silent,
    /// Sends half a request head.
    HalfHead,
    /// Sends a whole head announcing a body, then a few bytes of it.
    SlowBody,
}

async fn stuck_connection(addr: SocketAddr, kind: Stuck) -> Option<TcpStream> {
    let mut stream = TcpStream::connect(addr).await.ok()?;
    let bytes: &[u8] = match kind {
        Stuck::Silent => b"",
        Stuck::HalfHead => b"GET /healthz HTTP/1.1\r\nHost: redraft\r\nX-Waiting: ",
        Stuck::SlowBody => {
            b"POST /login HTTP/1.1\r\nHost: redraft\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\ncsrf=a"
        }
    };
    // A write may fail when the server already closed it to make room: that is its right.
    let _ = stream.write_all(bytes).await;
    Some(stream)
}

/// Opens `count` stuck connections of every kind, in turn.
async fn attack(addr: SocketAddr, count: usize) -> Vec<TcpStream> {
    let kinds = [Stuck::Silent, Stuck::HalfHead, Stuck::SlowBody];
    let mut held = Vec::with_capacity(count);
    for n in 0..count {
        if let Some(stream) = stuck_connection(addr, kinds[n % kinds.len()]).await {
            held.push(stream);
        }
    }
    held
}

/// Times `work`, failing past [`PROMPT`].
async fn timed<T>(what: &str, work: impl std::future::Future<Output = T>) -> (T, Duration) {
    let started = Instant::now();
    let value = tokio::time::timeout(Duration::from_secs(30), work)
        .await
        .unwrap_or_else(|_| panic!("{what}: no answer in 30 s"));
    let took = started.elapsed();
    println!("{what}: {} ms", took.as_millis());
    assert!(took < PROMPT, "{what} took {took:?}");
    (value, took)
}

/// A member's visit: the health check, the login form, logging in, reading a text.
async fn member_visit(server: &TestServer, slug: &str, label: &str) {
    let client = visitor();
    let (health, _) = timed(&format!("{label}: /healthz"), client.get(server.url("/healthz")).send()).await;
    assert_eq!(health.expect("healthz").status(), StatusCode::OK);
    let (form, _) = timed(&format!("{label}: login form"), async {
        client.get(server.url("/login")).send().await.expect("login form").text().await.expect("page")
    })
    .await;
    let csrf = csrf_in(&form).expect("csrf");
    let (login, _) = timed(
        &format!("{label}: login"),
        client
            .post(server.url("/login"))
            .form(&[("csrf", csrf.as_str()), ("login", "camille"), ("password", PASSWORD), ("next", "/")])
            .send(),
    )
    .await;
    assert_eq!(login.expect("login").status(), StatusCode::SEE_OTHER);
    let (page, _) =
        timed(&format!("{label}: text page"), client.get(server.url(&format!("/texts/{slug}"))).send()).await;
    let page = page.expect("page");
    assert_eq!(page.status(), StatusCode::OK);
    let body = page.text().await.expect("body");
    assert!(body.contains("/logout"), "not logged in");
}

async fn world(config: ServeConfig) -> (TestServer, String) {
    redraft::http::raise_open_file_limit();
    let server = TestServer::start_with(config).await;
    server.user("camille", Role::Member).await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let slug = drafter.publish("programme", &["Premier alinéa.", "Deuxième alinéa.", "Troisième alinéa."]).await;
    (server, slug)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousands_of_stuck_connections_do_not_stop_a_member_from_logging_in_and_reading() {
    let connections: usize =
        std::env::var("REDRAFT_ABUSE_CONNECTIONS").ok().and_then(|n| n.parse().ok()).unwrap_or(5_000);
    // The defaults: the per-address cap decides, since everyone here is 127.0.0.1.
    let (server, slug) = world(ServeConfig::default()).await;
    member_visit(&server, &slug, "before").await;
    let started = Instant::now();
    let mut held = attack(server.addr, connections).await;
    println!("{} stuck connections opened in {} ms", held.len(), started.elapsed().as_millis());
    // And the attack goes on while the member comes: new stuck connections, and the slow
    // bodies trickling a byte now and then.
    let addr = server.addr;
    let ongoing = tokio::spawn(async move {
        let mut more = Vec::new();
        for round in 0..40 {
            more.extend(attack(addr, 50).await);
            for stream in held.iter_mut().step_by(7) {
                let _ = stream.write_all(b"a").await;
            }
            if round % 10 == 0 {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
        (held, more)
    });
    member_visit(&server, &slug, &format!("under {connections} stuck connections")).await;
    let (held, more) = ongoing.await.expect("attacker");
    println!("the attacker held {} connections and opened {} more", held.len(), more.len());
    drop((held, more));
    server.stop().await;

    // The overall cap rather than the per-address one.
    let config = ServeConfig { max_connections: 100, max_connections_per_address: 100_000, ..ServeConfig::default() };
    let (server, slug) = world(config).await;
    let held = attack(server.addr, 1_000).await;
    member_visit(&server, &slug, "under 1000 stuck connections, overall cap 100").await;
    drop(held);
    server.stop().await;
}

/// Reads what the server sends until it closes the connection or `limit` passes.
async fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> Option<(String, Duration)> {
    let started = Instant::now();
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match tokio::time::timeout(limit.saturating_sub(started.elapsed()), stream.read(&mut buffer)).await {
            Err(_) => return None,
            Ok(Ok(0)) | Ok(Err(_)) => {
                return Some((String::from_utf8_lossy(&received).into_owned(), started.elapsed()));
            }
            Ok(Ok(n)) => received.extend_from_slice(&buffer[..n]),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn half_sent_heads_idle_connections_and_trickled_bodies_are_timed_out() {
    let config = ServeConfig {
        header_timeout: Duration::from_secs(1),
        request_timeout: Duration::from_secs(2),
        ..ServeConfig::default()
    };
    let server = TestServer::start_with(config).await;

    // Half a head: closed after the header timeout.
    let mut half = stuck_connection(server.addr, Stuck::HalfHead).await.expect("connect");
    let (_, took) = read_until_closed(&mut half, Duration::from_secs(10)).await.expect("never closed");
    println!("half-sent head closed after {} ms", took.as_millis());
    assert!(took >= Duration::from_millis(900) && took < Duration::from_secs(4), "{took:?}");

    // Nothing at all: the same.
    let mut silent = stuck_connection(server.addr, Stuck::Silent).await.expect("connect");
    let (_, took) = read_until_closed(&mut silent, Duration::from_secs(10)).await.expect("never closed");
    assert!(took < Duration::from_secs(4), "{took:?}");

    // An idle keep-alive connection after a whole request and its answer: closed as well.
    let mut idle = TcpStream::connect(server.addr).await.expect("connect");
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: redraft\r\n\r\n").await.expect("write");
    let (answer, took) = read_until_closed(&mut idle, Duration::from_secs(10)).await.expect("never closed");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    println!("idle keep-alive connection closed after {} ms", took.as_millis());
    assert!(took < Duration::from_secs(4), "{took:?}");

    // A body trickled a byte at a time: answered 408 once the request took too long.
    let mut slow = stuck_connection(server.addr, Stuck::SlowBody).await.expect("connect");
    let started = Instant::now();
    for _ in 0..12 {
        tokio::time::sleep(Duration::from_millis(300)).await;
        if slow.write_all(b"a").await.is_err() {
            break;
        }
    }
    let (answer, _) = read_until_closed(&mut slow, Duration::from_secs(10)).await.expect("never answered");
    println!(
        "trickled body answered after {} ms: {}",
        started.elapsed().as_millis(),
        answer.lines().next().unwrap_or("")
    );
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    server.stop().await;
}

/// Logs in through the form from `address` (a trusted proxy forwards it); returns the status.
async fn log_in_from(server: &TestServer, client: &reqwest::Client, address: &str, password: &str) -> StatusCode {
    let form = client
        .get(server.url("/login"))
        .header("x-forwarded-for", address)
        .send()
        .await
        .expect("form")
        .text()
        .await
        .expect("page");
    let csrf = csrf_in(&form).expect("csrf");
    client
        .post(server.url("/login"))
        .header("x-forwarded-for", address)
        .form(&[("csrf", csrf.as_str()), ("login", "camille"), ("password", password), ("next", "/")])
        .send()
        .await
        .expect("login")
        .status()
}

/// Logs out through the header's form; the browser keeps its other cookies.
async fn log_out(server: &TestServer, browser: &reqwest::Client) {
    let page = browser.get(server.url("/")).send().await.expect("home").text().await.expect("page");
    let csrf = csrf_in(&page).expect("the logout form");
    let response = browser.post(server.url("/logout")).form(&[("csrf", csrf)]).send().await.expect("logout");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

/// Logs in through the form from `address` with a browser holding this device cookie.
async fn log_in_with_device(server: &TestServer, address: &str, device: &str) -> StatusCode {
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
    let response = client.get(server.url("/login")).send().await.expect("form");
    let csrf_cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("redraft_csrf=").map(|rest| rest.split(';').next().unwrap_or("").to_owned()))
        .expect("a form token cookie");
    let csrf = csrf_in(&response.text().await.expect("page")).expect("csrf");
    client
        .post(server.url("/login"))
        .header("x-forwarded-for", address)
        .header("cookie", format!("redraft_csrf={csrf_cookie}; redraft_device={device}"))
        .form(&[("csrf", csrf.as_str()), ("login", "camille"), ("password", PASSWORD), ("next", "/")])
        .send()
        .await
        .expect("login")
        .status()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_attacker_is_refused_while_the_members_address_and_browser_get_in() {
    let server = TestServer::behind_proxy().await;
    server.user("camille", Role::Member).await;
    const HOME: &str = "192.0.2.10";
    const ATTACKER: &str = "198.51.100.66";
    const TRAVELLING: &str = "203.0.113.40";

    // Camille logs in from home with her browser, which keeps its known-device cookie.
    let browser = visitor();
    assert_eq!(log_in_from(&server, &browser, HOME, PASSWORD).await, StatusCode::SEE_OTHER);
    log_out(&server, &browser).await;

    // Someone guesses her password: slowed, then refused.
    let attacker = visitor();
    let mut refused = 0;
    for _ in 0..40 {
        match log_in_from(&server, &attacker, ATTACKER, "mauvais").await {
            StatusCode::UNAUTHORIZED => {}
            StatusCode::TOO_MANY_REQUESTS => refused += 1,
            other => panic!("the attacker got {other}"),
        }
    }
    assert!(refused >= 30, "the attacker was refused only {refused} times out of 40");
    assert_eq!(log_in_from(&server, &attacker, ATTACKER, PASSWORD).await, StatusCode::TOO_MANY_REQUESTS);
    // A forged device cookie changes nothing.
    let forged = format!("{}.{}", "0".repeat(32), "0".repeat(64));
    assert_eq!(log_in_with_device(&server, TRAVELLING, &forged).await, StatusCode::TOO_MANY_REQUESTS);
    // A stranger's browser, elsewhere, with the right password: refused while the attack lasts.
    assert_eq!(log_in_from(&server, &visitor(), TRAVELLING, PASSWORD).await, StatusCode::TOO_MANY_REQUESTS);

    // Camille gets in: from home with any browser, and with her own browser from anywhere,
    // even from the attacker's own address.
    assert_eq!(log_in_from(&server, &visitor(), HOME, PASSWORD).await, StatusCode::SEE_OTHER, "her address");
    assert_eq!(log_in_from(&server, &browser, TRAVELLING, PASSWORD).await, StatusCode::SEE_OTHER, "her browser");
    log_out(&server, &browser).await;
    assert_eq!(log_in_from(&server, &browser, ATTACKER, PASSWORD).await, StatusCode::SEE_OTHER, "her browser");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forwarded_addresses_are_believed_only_from_a_trusted_proxy() {
    for trusted in [false, true] {
        let server = if trusted { TestServer::behind_proxy().await } else { TestServer::start().await };
        server.user("camille", Role::Member).await;
        let api = server.api();
        let token = |login: String, from: String, password: &'static str| {
            let request = api
                .client
                .post(server.url("/api/v1/tokens"))
                .header("x-forwarded-for", from)
                .json(&json!({ "login": login, "password": password }));
            api.send(request)
        };
        // Thirty failures on ten unknown logins (no account reaches its bound), each request
        // claiming its own address, behind a claimed chain of proxies.
        for n in 0..30 {
            let (status, body) =
                token(format!("inconnu{}", n % 10), format!("6.6.6.6, 198.51.100.{n}"), "mauvais").await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
        }
        let (status, body) = token("camille".to_owned(), "203.0.113.1".to_owned(), PASSWORD).await;
        if trusted {
            // Thirty addresses with one failure each: none is refused.
            assert_eq!(status, StatusCode::CREATED, "{body}");
        } else {
            // The header is not believed: thirty failures from 127.0.0.1 refuse 127.0.0.1,
            // whatever address a request claims.
            assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
        }
        server.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anonymous_form_tokens_cannot_be_chosen_by_the_client() {
    let server = TestServer::start().await;
    server.user("camille", Role::Member).await;
    let other = TestServer::start().await;
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
    // A token the server signed, but another server: its secret differs.
    let response = client.get(other.url("/login")).send().await.expect("form");
    let foreign = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("redraft_csrf=").map(|rest| rest.split(';').next().unwrap_or("").to_owned()))
        .expect("a token");
    let chosen = ["a".repeat(64), format!("{}.{}", "1".repeat(32), "2".repeat(64)), foreign];
    for token in &chosen {
        let response = client
            .post(server.url("/login"))
            .header("cookie", format!("redraft_csrf={token}"))
            .form(&[("csrf", token.as_str()), ("login", "camille"), ("password", PASSWORD), ("next", "/")])
            .send()
            .await
            .expect("login");
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "token {token}");
        assert!(
            !response
                .headers()
                .get_all("set-cookie")
                .iter()
                .any(|c| c.to_str().is_ok_and(|c| c.starts_with("redraft_session="))),
            "logged in with a chosen token"
        );
        // The form comes back with a token the server did sign, which works.
        let page = response.text().await.expect("page");
        assert!(csrf_in(&page).is_some_and(|fresh| &fresh != token));
    }
    other.stop().await;
    server.stop().await;
}

fn header(response: &reqwest::Response, name: &str) -> String {
    response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_sends_the_security_headers_and_its_cache_policy() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    drafter.publish("programme", &["Un.", "Deux."]).await;
    let body = json!({ "slug": "charte", "title": "Charte", "body": "Interne.", "visibility": "members" });
    let (status, _) = drafter.post("/api/v1/texts", &body).await;
    assert_eq!(status, StatusCode::CREATED);
    let member = server.browser_as("camille", Role::Member).await;
    let anonymous = server.browser();
    let stylesheet = {
        let (_, page) = anonymous.get("/").await;
        page.split('"').find(|p| p.starts_with("/assets/app.") && p.ends_with(".css")).expect("stylesheet").to_owned()
    };
    let bearer =
        |path: &str| drafter.client.get(server.url(path)).bearer_auth(drafter.token.clone().unwrap_or_default()).send();

    // (who, path, expected status, expected Cache-Control)
    let mut seen = Vec::new();
    for (path, status, cache) in [
        ("/", 200, "private, no-store"),
        ("/login", 200, "private, no-store"),
        ("/texts/programme", 200, "private, no-cache"),
        ("/texts/programme/diff/1..1", 200, "private, no-cache"),
        ("/texts/charte", 404, "private, no-store"),
        ("/nulle-part", 404, "private, no-store"),
        ("/assets/app.css", 200, "public, no-cache"),
        (stylesheet.as_str(), 200, "public, max-age=31536000, immutable"),
        ("/api/v1/texts", 200, "private, no-store"),
        ("/healthz", 200, "private, no-store"),
    ] {
        let response = anonymous.get_response(path).await;
        seen.push((
            format!("anonymous {path}"),
            response.status().as_u16(),
            status,
            header(&response, "cache-control"),
            cache,
            response,
        ));
    }
    for (path, cache) in [
        ("/texts/charte", "private, no-store"),
        ("/texts/programme", "private, no-store"),
        ("/texts/charte/history", "private, no-store"),
        ("/texts/charte/export.txt", "private, no-store"),
        ("/account/tokens", "private, no-store"),
    ] {
        let response = member.get_response(path).await;
        seen.push((
            format!("member {path}"),
            response.status().as_u16(),
            200,
            header(&response, "cache-control"),
            cache,
            response,
        ));
    }
    for path in ["/api/v1/texts/charte", "/api/v1/texts"] {
        let response = bearer(path).await.expect("get");
        seen.push((
            format!("bearer {path}"),
            response.status().as_u16(),
            200,
            header(&response, "cache-control"),
            "private, no-store",
            response,
        ));
    }
    for (what, status, expected_status, cache, expected_cache, response) in &seen {
        assert_eq!(status, expected_status, "{what}");
        assert_eq!(cache, expected_cache, "{what}");
        let policy = header(response, "content-security-policy");
        for directive in [
            "default-src 'self'",
            "img-src 'self' data:",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'self'",
        ] {
            assert!(policy.contains(directive), "{what}: {directive} missing from {policy:?}");
        }
        assert!(!policy.contains("unsafe-inline"), "{what}: {policy}");
        assert_eq!(header(response, "x-content-type-options"), "nosniff", "{what}");
        assert_eq!(header(response, "x-frame-options"), "DENY", "{what}");
        assert_eq!(header(response, "referrer-policy"), "same-origin", "{what}");
    }
    // Pages hold no inline script or style for the policy to block.
    for path in ["/", "/login", "/texts/programme"] {
        let (_, page) = anonymous.get(path).await;
        assert!(!page.contains(" style=") && !page.contains("<style") && !page.contains("<script>"), "{path}");
    }
    server.stop().await;
}
