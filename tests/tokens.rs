//! API tokens: they expire, are listed and revoked by their owner (and an admin), never
//! show their secret again, record their last use; expired and revoked ones are refused at
//! once; the page of one's own tokens; `redraft token list|revoke` on the real binary.

mod common;

use std::process::Command;

use common::{Api, PASSWORD, TestServer, csrf_in};
use redraft::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn issue(server: &TestServer, login: &str, extra: Value) -> (StatusCode, Value) {
    let mut body = json!({ "login": login, "password": PASSWORD });
    if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
        body.extend(extra.clone());
    }
    server.api().post("/api/v1/tokens", &body).await
}

fn as_holder(server: &TestServer, token: &Value) -> Api {
    Api { token: token["token"].as_str().map(str::to_owned), ..server.api() }
}

fn db(server: &TestServer) -> rusqlite::Connection {
    rusqlite::Connection::open(server.dir.path().join("redraft.db")).expect("open the database")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_expire_are_listed_without_their_secret_and_revoked_at_once() {
    let server = TestServer::start().await;
    server.user("camille", Role::Member).await;
    server.user("dominique", Role::Member).await;
    server.user("admin", Role::Admin).await;

    let (status, first) = issue(&server, "camille", json!({ "label": "script de veille", "expires_in_days": 7 })).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    assert_eq!(first["label"], "script de veille");
    assert_eq!(first["owner"], "camille");
    assert_eq!(first["last_used_at"], Value::Null);
    let created = first["created_at"].as_str().expect("created_at").to_owned();
    let expires = first["expires_at"].as_str().expect("expires_at").to_owned();
    assert!(expires > created, "{first}");
    let (_, second) = issue(&server, "camille", json!({})).await;
    let camille = as_holder(&server, &first);

    // The list: both tokens, newest first, no secret; the first was used once (this list).
    let (status, list) = camille.get("/api/v1/tokens").await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let ids: Vec<i64> = list.as_array().expect("list").iter().filter_map(|t| t["id"].as_i64()).collect();
    assert_eq!(ids, vec![second["id"].as_i64().expect("id"), first["id"].as_i64().expect("id")]);
    let listed = list.to_string();
    for secret in [&first["token"], &second["token"]] {
        assert!(!listed.contains(secret.as_str().expect("secret")), "a secret was listed");
    }
    assert!(list[1]["last_used_at"].is_string(), "last use not recorded: {list}");
    assert_eq!(list[0]["label"], "");

    // The bearer scheme's name in any case.
    for scheme in ["bearer", "BEARER", "Bearer"] {
        let response = camille
            .client
            .get(server.url("/api/v1/tokens"))
            .header("authorization", format!("{scheme} {}", first["token"].as_str().unwrap_or("")))
            .send()
            .await
            .expect("get");
        assert_eq!(response.status(), StatusCode::OK, "{scheme}");
    }

    // Someone else's tokens: not listed, not revoked (as if they did not exist).
    let (_, other) = issue(&server, "dominique", json!({})).await;
    let dominique = as_holder(&server, &other);
    let (status, _) = dominique.get("/api/v1/tokens?user=camille").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let path = format!("/api/v1/tokens/{}", first["id"]);
    let (status, body) = dominique.send(dominique.client.delete(server.url(&path))).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, _) = camille.get("/api/v1/tokens").await;
    assert_eq!(status, StatusCode::OK, "revoked by someone else");

    // An admin lists and revokes anyone's.
    let (_, admin) = issue(&server, "admin", json!({})).await;
    let admin = as_holder(&server, &admin);
    let (status, list) = admin.get("/api/v1/tokens?user=camille").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list.as_array().map(Vec::len), Some(2));
    let (status, _) = admin.get("/api/v1/tokens?user=personne").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let path = format!("/api/v1/tokens/{}", second["id"]);
    let (status, revoked) = admin.send(admin.client.delete(server.url(&path))).await;
    assert_eq!(status, StatusCode::OK, "{revoked}");
    assert_eq!(revoked["id"], second["id"]);
    let (status, body) = as_holder(&server, &second).get("/api/v1/tokens").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert_eq!(body["error"]["code"], "bad_token");

    // The owner revokes her own: refused at once, and a second time is 404.
    let path = format!("/api/v1/tokens/{}", first["id"]);
    let (status, _) = camille.send(camille.client.delete(server.url(&path))).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = camille.get("/api/v1/tokens").await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("bad_token")));
    let (status, _) = admin.send(admin.client.delete(server.url(&path))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // An expired token is refused at once.
    let (_, short) = issue(&server, "dominique", json!({ "expires_in_days": 1 })).await;
    let holder = as_holder(&server, &short);
    assert_eq!(holder.get("/api/v1/tokens").await.0, StatusCode::OK);
    db(&server)
        .execute("UPDATE api_tokens SET expires_at = expires_at - 86401 WHERE id = ?1", [short["id"].as_i64()])
        .expect("age the token");
    let (status, body) = holder.get("/api/v1/tokens").await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("bad_token")));
    let (_, list) = dominique.get("/api/v1/tokens").await;
    let expired = list.as_array().and_then(|l| l.iter().find(|t| t["id"] == short["id"])).expect("still listed");
    assert_eq!(expired["expired"], true);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_requests_out_of_bounds_are_refused_and_issue_nothing() {
    let server = TestServer::start().await;
    server.user("camille", Role::Member).await;
    for (extra, code) in [
        (json!({ "expires_in_days": 0 }), "invalid_field"),
        (json!({ "expires_in_days": 366 }), "invalid_field"),
        (json!({ "label": "x".repeat(101) }), "invalid_field"),
        (json!({ "label": "deux\nlignes" }), "invalid_field"),
    ] {
        let (status, body) = issue(&server, "camille", extra.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{extra}: {body}");
        assert_eq!(body["error"]["code"], code, "{extra}");
    }
    let (status, body) = issue(&server, "camille", json!({ "scope": "all" })).await;
    assert!(status.is_client_error() && status != StatusCode::CREATED, "an unknown field: {status} {body}");
    let count: i64 = db(&server).query_row("SELECT count(*) FROM api_tokens", [], |row| row.get(0)).expect("count");
    assert_eq!(count, 0);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tokens_page_lists_creates_once_and_revokes_with_a_confirmation() {
    let server = TestServer::start().await;
    let browser = server.browser_as("camille", Role::Member).await;
    let (status, home) = browser.get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(home.contains("href=\"/account/tokens\""), "no link in the header");

    let (status, page) = browser.get("/account/tokens").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Vos jetons d’API"), "{page}");
    let csrf = csrf_in(&page).expect("csrf");
    let (status, _, created) = browser
        .post_form("/account/tokens", &[("csrf", &csrf), ("label", "Mon script"), ("expires_in_days", "30")])
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let marker = "<code class=\"secret\">";
    let start = created.find(marker).expect("the secret is shown") + marker.len();
    let secret = created[start..].split('<').next().expect("secret").to_owned();
    assert!(created.contains("Mon script"));
    // The secret works, and is never shown again.
    let api = Api { token: Some(secret.clone()), ..server.api() };
    let (status, list) = api.get("/api/v1/tokens").await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let id = list[0]["id"].as_i64().expect("id");
    let (_, again) = browser.get("/account/tokens").await;
    assert!(!again.contains(&secret), "the secret was shown again");

    // Out of bounds: the form comes back with what was typed.
    let (status, _, refused) = browser
        .post_form("/account/tokens", &[("csrf", &csrf), ("label", "Trop long"), ("expires_in_days", "999")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.contains("value=\"Trop long\"") && refused.contains("value=\"999\""), "{refused}");

    // Revoking is a form behind a confirmation; the token stops working at once.
    assert!(again.contains(&format!("action=\"/account/tokens/{id}/revoke\"")), "no revoke form");
    assert!(again.contains("<details class=\"confirm\""), "no confirmation");
    let (status, location, _) = browser.post_form(&format!("/account/tokens/{id}/revoke"), &[("csrf", &csrf)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/account/tokens?revoked=1"));
    assert_eq!(api.get("/api/v1/tokens").await.0, StatusCode::UNAUTHORIZED);
    let (_, after) = browser.get("/account/tokens?revoked=1").await;
    assert!(after.contains("Le jeton a été révoqué."));
    // Without the token, nothing is revoked; anonymous visitors are sent to log in.
    let (status, _, _) = browser.post_form(&format!("/account/tokens/{id}/revoke"), &[("csrf", "faux")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = server.browser().get("/account/tokens").await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    // In English too.
    let (status, _) = browser.get("/lang/en?next=/account/tokens").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, english) = browser.get("/account/tokens").await;
    assert!(english.contains("Your API tokens"));
    server.stop().await;
}

fn redraft(args: &[&str], db: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_redraft")).args(args).arg("--db").arg(db).output().expect("run redraft")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_line_lists_and_revokes_tokens() {
    let server = TestServer::start().await;
    server.user("camille", Role::Member).await;
    server.user("dominique", Role::Member).await;
    let (_, token) = issue(&server, "camille", json!({ "label": "veille" })).await;
    issue(&server, "dominique", json!({})).await;
    let db = server.dir.path().join("redraft.db");
    let id = token["id"].as_i64().expect("id").to_string();

    let listed = redraft(&["token", "list"], &db);
    assert!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));
    let out = String::from_utf8_lossy(&listed.stdout);
    assert!(out.contains("camille") && out.contains("dominique") && out.contains("\"veille\""), "{out}");
    assert!(!out.contains(token["token"].as_str().expect("secret")), "a secret was printed");
    let listed = redraft(&["token", "list", "--user", "camille"], &db);
    let out = String::from_utf8_lossy(&listed.stdout);
    assert!(out.contains("camille") && !out.contains("dominique"), "{out}");
    let unknown = redraft(&["token", "list", "--user", "personne"], &db);
    assert!(!unknown.status.success());

    let revoked = redraft(&["token", "revoke", &id], &db);
    assert!(revoked.status.success(), "{}", String::from_utf8_lossy(&revoked.stderr));
    let out = String::from_utf8_lossy(&revoked.stdout);
    assert!(out.contains(&format!("Revoked token {id} of camille")), "{out}");
    // At once, on the running server.
    let (status, _) = as_holder(&server, &token).get("/api/v1/tokens").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let again = redraft(&["token", "revoke", &id], &db);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains(&format!("no API token has the id {id}")));

    // A mistyped database is an error, and is not created.
    let missing = server.dir.path().join("absent.db");
    let output = redraft(&["token", "list"], &missing);
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("no database"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!missing.exists(), "the command created a database");
    server.stop().await;
}
