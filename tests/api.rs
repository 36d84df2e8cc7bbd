//! The JSON API v1 contract (DESIGN.md "HTTP contract", issue 2 "Bad input"), pinned over
//! real HTTP: every endpoint's status and shape, permissions per role, members-only texts,
//! every refusal's status, code and localised message (and that it changed nothing), rebase
//! and merge semantics, concurrent writers and login rate limiting.

mod common;

use common::{Api, PASSWORD, TestServer};
use redraft::domain::Role;
use redraft::i18n::{Arg, K, Lang};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

// ---------------------------------------------------------------------------------------
// Harness helpers, local to this file.

/// A running server with one account per role and an anonymous reader.
struct World {
    server: TestServer,
    drafter: Api,
    admin: Api,
    alice: Api,
    bob: Api,
    anon: Api,
}

async fn world() -> World {
    let server = TestServer::start().await;
    let (drafter, admin, alice, bob) = tokio::join!(
        server.api_as("redactrice", Role::Drafter),
        server.api_as("administratrice", Role::Admin),
        server.api_as("alice", Role::Member),
        server.api_as("bob", Role::Member),
    );
    let anon = server.api();
    World { server, drafter, admin, alice, bob, anon }
}

/// Who sends a request in a table.
#[derive(Clone, Copy, Debug)]
enum Who {
    Anon,
    Alice,
    Bob,
    Drafter,
    Admin,
    /// A bearer token the server never issued.
    Forged,
}

impl World {
    fn as_(&self, who: Who) -> Api {
        match who {
            Who::Anon => self.anon.clone(),
            Who::Alice => self.alice.clone(),
            Who::Bob => self.bob.clone(),
            Who::Drafter => self.drafter.clone(),
            Who::Admin => self.admin.clone(),
            Who::Forged => Api { token: Some("0".repeat(64)), ..self.anon.clone() },
        }
    }
}

#[derive(Clone, Debug)]
enum Body {
    Empty,
    Json(Value),
    Raw(Vec<u8>),
}

/// One request of a table.
#[derive(Clone, Debug)]
struct Req {
    method: Method,
    path: String,
    body: Body,
}

fn get(path: impl Into<String>) -> Req {
    Req { method: Method::GET, path: path.into(), body: Body::Empty }
}

fn post(path: impl Into<String>, body: Value) -> Req {
    Req { method: Method::POST, path: path.into(), body: Body::Json(body) }
}

fn put(path: impl Into<String>, body: Value) -> Req {
    Req { method: Method::PUT, path: path.into(), body: Body::Json(body) }
}

fn raw(method: Method, path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Req {
    Req { method, path: path.into(), body: Body::Raw(bytes.into()) }
}

/// Sends a request, with an `Accept-Language` header when `lang` is given.
async fn send(api: &Api, req: &Req, lang: Option<&str>) -> (StatusCode, Value) {
    let mut builder = api.client.request(req.method.clone(), format!("{}{}", api.base, req.path));
    if let Some(lang) = lang {
        builder = builder.header("accept-language", lang);
    }
    builder = match &req.body {
        Body::Empty => builder,
        Body::Json(value) => builder.json(value),
        Body::Raw(bytes) => builder.header("content-type", "application/json").body(bytes.clone()),
    };
    api.send(builder).await
}

/// Checks an API error: the status, the body `{"error": {"code", "message"}}` and nothing
/// else at the top, the code, a non-empty message. Returns the message.
#[track_caller]
fn assert_error(answer: &(StatusCode, Value), status: StatusCode, code: &str, context: &str) -> String {
    let (got, body) = answer;
    assert_eq!(*got, status, "{context}: {body}");
    let object = body.as_object().unwrap_or_else(|| panic!("{context}: error body is not an object: {body}"));
    assert_eq!(object.len(), 1, "{context}: only `error` at the top: {body}");
    assert_eq!(body["error"]["code"], code, "{context}: {body}");
    let message = body["error"]["message"].as_str().unwrap_or_else(|| panic!("{context}: no message: {body}"));
    assert!(!message.trim().is_empty(), "{context}: empty message");
    message.to_owned()
}

/// `count` distinct lines: "Paragraphe 1." …
fn paragraphs(count: usize) -> Vec<String> {
    (1..=count).map(|n| format!("Paragraphe {n}.")).collect()
}

async fn publish_lines(api: &Api, slug: &str, lines: &[String]) {
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    api.publish(slug, &refs).await;
}

async fn amendment(api: &Api, id: i64) -> Value {
    let (status, body) = api.get(&format!("/api/v1/amendments/{id}")).await;
    assert_eq!(status, StatusCode::OK, "amendment {id}: {body}");
    body
}

async fn decide(api: &Api, id: i64, body: Value) -> (StatusCode, Value) {
    api.post(&format!("/api/v1/amendments/{id}/decision"), &body).await
}

async fn merge(api: &Api, slug: &str, base: u64, ids: &[i64]) -> (StatusCode, Value) {
    api.post(&format!("/api/v1/texts/{slug}/merge"), &json!({ "base": base, "amendments": ids })).await
}

async fn merge_ok(api: &Api, slug: &str, base: u64, ids: &[i64]) -> Value {
    let answer = merge(api, slug, base, ids).await;
    assert_eq!(answer.0, StatusCode::CREATED, "merge {ids:?} on {slug}@{base}: {}", answer.1);
    assert_eq!(answer.1["head"], base + 1, "{}", answer.1);
    answer.1
}

async fn propose_json(api: &Api, slug: &str, body: Value) -> (StatusCode, Value) {
    api.post(&format!("/api/v1/texts/{slug}/amendments"), &body).await
}

/// Everything a refusal must leave as it was: the text (head and lines), its revisions,
/// its amendments (states, anchors, lines, versions) and the list of texts.
async fn snapshot(api: &Api, slug: &str) -> Value {
    let mut parts = Vec::new();
    for path in [
        "/api/v1/texts".to_owned(),
        format!("/api/v1/texts/{slug}"),
        format!("/api/v1/texts/{slug}/revisions"),
        format!("/api/v1/texts/{slug}/amendments"),
    ] {
        let (status, body) = api.get(&path).await;
        assert_eq!(status, StatusCode::OK, "snapshot {path}: {body}");
        parts.push(body);
    }
    Value::Array(parts)
}

fn strings(value: &Value) -> Vec<String> {
    serde_json::from_value(value.clone()).unwrap_or_else(|_| panic!("not a list of strings: {value}"))
}

fn anchor(amendment: &Value) -> (u64, u64, u64) {
    let anchor = &amendment["anchor"];
    let field = |name: &str| anchor[name].as_u64().unwrap_or_else(|| panic!("anchor.{name} in {amendment}"));
    (field("revision"), field("start"), field("count"))
}

fn is_rfc3339(value: &Value) -> bool {
    let Some(text) = value.as_str() else { return false };
    let bytes = text.as_bytes();
    text.len() >= 20
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes[10] == b'T'
        && bytes[13] == b':'
        && bytes[16] == b':'
        && (text.ends_with('Z') || text[19..].contains(['+', '-']))
        && text[..4].bytes().all(|b| b.is_ascii_digit())
}

/// Applies the changes of a diff answer to `from`, as a client would.
fn apply_diff(from: &[String], diff: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = 0usize;
    for change in diff["changes"].as_array().expect("changes") {
        let old_start = change["old_start"].as_u64().expect("old_start") as usize - 1;
        let old_count = change["old_count"].as_u64().expect("old_count") as usize;
        assert_eq!(strings(&change["old_lines"]), from[old_start..old_start + old_count], "{change}");
        assert_eq!(change["new_count"].as_u64(), Some(change["new_lines"].as_array().expect("new_lines").len() as u64));
        out.extend_from_slice(&from[at..old_start]);
        assert_eq!(change["new_start"].as_u64(), Some(out.len() as u64 + 1), "{change}");
        out.extend(strings(&change["new_lines"]));
        at = old_start + old_count;
    }
    out.extend_from_slice(&from[at..]);
    out
}

// ---------------------------------------------------------------------------------------
// Endpoints, statuses and shapes.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_are_issued_for_the_right_password_only() {
    let w = world().await;
    let anon = &w.anon;

    let (status, body) = anon.post("/api/v1/tokens", &json!({ "login": "alice", "password": PASSWORD })).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let token = body["token"].as_str().expect("token").to_owned();
    assert!(token.len() >= 32, "a token worth guessing: {token}");
    // The secret, and what the list shows of the token.
    let mut fields: Vec<&str> = body.as_object().expect("object").keys().map(String::as_str).collect();
    fields.sort_unstable();
    let expected = ["created_at", "expired", "expires_at", "id", "label", "last_used_at", "owner", "token"];
    assert_eq!(fields, expected, "{body}");
    // The token works: alice can propose with it.
    let alice = Api { token: Some(token), ..anon.clone() };
    w.drafter.publish("jeton", &["Une ligne."]).await;
    alice.propose("jeton", 1, 1, 1, &["Une autre ligne."]).await;
    // Logins are case-insensitive.
    let (status, body) = anon.post("/api/v1/tokens", &json!({ "login": "ALICE", "password": PASSWORD })).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");

    let cases = [
        (json!({ "login": "alice", "password": "wrong password" }), StatusCode::UNAUTHORIZED, "wrong_credentials"),
        (json!({ "login": "personne", "password": PASSWORD }), StatusCode::UNAUTHORIZED, "wrong_credentials"),
        (json!({ "login": "alice" }), StatusCode::BAD_REQUEST, "bad_request"),
        (json!({ "login": 7, "password": PASSWORD }), StatusCode::BAD_REQUEST, "bad_request"),
        (json!("alice"), StatusCode::BAD_REQUEST, "bad_request"),
    ];
    for (body, status, code) in cases {
        let answer = anon.post("/api/v1/tokens", &body).await;
        assert_error(&answer, status, code, &format!("tokens {body}"));
    }

    // A token the server never issued, or an authorisation that is no bearer token.
    let forged = w.as_(Who::Forged);
    assert_error(&forged.get("/api/v1/texts").await, StatusCode::UNAUTHORIZED, "bad_token", "forged token");
    let basic = anon.client.get(format!("{}/api/v1/texts", anon.base)).header("authorization", "Basic YWxpY2U6eA==");
    assert_error(&anon.send(basic).await, StatusCode::UNAUTHORIZED, "unauthenticated", "basic auth");
    w.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_endpoints_answer_with_their_contract_shapes() {
    let w = world().await;
    let d = &w.drafter;

    // POST /texts: 201 {slug, head}; bodies are normalised (CRLF, CR, blank lines).
    let body = json!({
        "slug": "programme", "title": "Programme 2027", "summary": "Premier jet",
        "body": "Titre\r\n\r\nPremier paragraphe.\rDeuxième paragraphe.\n   \n\tTroisième.\n"
    });
    let (status, created) = d.post("/api/v1/texts", &body).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created, json!({ "slug": "programme", "head": 1 }));

    // GET /texts/{slug}: {slug, title, head, phase, visibility, lines}.
    let (status, text) = w.anon.get("/api/v1/texts/programme").await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert_eq!(text["slug"], "programme");
    assert_eq!(text["title"], "Programme 2027");
    assert_eq!(text["head"], 1);
    assert_eq!(text["phase"], "consultation");
    assert_eq!(text["visibility"], "public");
    // Rule 1: white space before a paragraph shows nothing, and goes.
    let first = vec!["Titre", "Premier paragraphe.", "Deuxième paragraphe.", "Troisième."];
    assert_eq!(strings(&text["lines"]), first);

    // GET /texts: [{slug, title, head, phase, visibility, topic}].
    d.publish("annexe", &["Annexe."]).await;
    let (status, list) = w.anon.get("/api/v1/texts").await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let list = list.as_array().expect("a list").clone();
    assert_eq!(list.len(), 2);
    let programme = list.iter().find(|t| t["slug"] == "programme").expect("programme listed");
    for field in ["slug", "title", "head", "phase", "visibility", "topic"] {
        assert!(programme.get(field).is_some(), "{field} missing from {programme}");
    }
    assert_eq!((programme["head"].as_u64(), programme["visibility"].as_str()), (Some(1), Some("public")));

    // PUT /texts/{slug}: 201 {head}.
    let second = "Titre\nPremier paragraphe, revu.\nDeuxième paragraphe.\nTroisième.\nQuatrième.";
    let (status, edited) =
        d.put("/api/v1/texts/programme", &json!({ "base": 1, "body": second, "summary": "Relecture" })).await;
    assert_eq!(status, StatusCode::CREATED, "{edited}");
    assert_eq!(edited["head"], 2);
    assert_eq!(w.anon.head("programme").await, 2);

    // GET /texts/{slug}/revisions: newest first, [{number, author, summary, created_at, merged_amendments}].
    let (status, revisions) = w.anon.get("/api/v1/texts/programme/revisions").await;
    assert_eq!(status, StatusCode::OK, "{revisions}");
    let revisions = revisions.as_array().expect("a list").clone();
    assert_eq!(revisions.iter().map(|r| r["number"].as_u64()).collect::<Vec<_>>(), [Some(2), Some(1)]);
    for revision in &revisions {
        assert_eq!(revision["author_name"], "redactrice", "{revision}");
        assert!(revision["author"].is_i64(), "a member id, never a login: {revision}");
        assert!(is_rfc3339(&revision["created_at"]), "{revision}");
        assert_eq!(revision["merged_amendments"], json!([]), "{revision}");
    }
    assert_eq!(revisions[0]["summary"], "Relecture");
    assert_eq!(revisions[1]["summary"], "Premier jet");

    // GET /texts/{slug}/revisions/{n}: {number, lines, ...}; revisions never change.
    let (status, one) = w.anon.get("/api/v1/texts/programme/revisions/1").await;
    assert_eq!(status, StatusCode::OK, "{one}");
    assert_eq!(one["number"], 1);
    assert_eq!(strings(&one["lines"]), first);
    let (_, two) = w.anon.get("/api/v1/texts/programme/revisions/2").await;
    let second_lines: Vec<String> = second.split('\n').map(str::to_owned).collect();
    assert_eq!(strings(&two["lines"]), second_lines);

    // GET diff?from&to: {changes: [{old_start, old_count, new_start, new_count, old_lines, new_lines}]}.
    let (status, diff) = w.anon.get("/api/v1/texts/programme/diff?from=1&to=2").await;
    assert_eq!(status, StatusCode::OK, "{diff}");
    let changes = diff["changes"].as_array().expect("changes");
    assert_eq!(changes.len(), 2, "{diff}");
    assert_eq!(
        changes[0],
        json!({ "old_start": 2, "old_count": 1, "new_start": 2, "new_count": 1,
                "old_lines": ["Premier paragraphe."], "new_lines": ["Premier paragraphe, revu."] })
    );
    assert_eq!(apply_diff(&strings(&one["lines"]), &diff), second_lines);
    let (_, backwards) = w.anon.get("/api/v1/texts/programme/diff?from=2&to=1").await;
    assert_eq!(apply_diff(&second_lines, &backwards), first);
    let (_, same) = w.anon.get("/api/v1/texts/programme/diff?from=2&to=2").await;
    assert_eq!(same["changes"], json!([]));

    // GET provenance: [{line, revision, amendment}], the head by default.
    let (status, provenance) = w.anon.get("/api/v1/texts/programme/provenance").await;
    assert_eq!(status, StatusCode::OK, "{provenance}");
    let expected: Vec<Value> = [1, 2, 1, 1, 2]
        .iter()
        .enumerate()
        .map(|(i, r)| json!({ "line": i + 1, "revision": r, "amendment": null }))
        .collect();
    assert_eq!(provenance, Value::Array(expected));
    let (_, provenance_one) = w.anon.get("/api/v1/texts/programme/provenance?revision=1").await;
    assert_eq!(provenance_one.as_array().map(Vec::len), Some(4));
    assert!(provenance_one.as_array().is_some_and(|l| l.iter().all(|o| o["revision"] == 1)), "{provenance_one}");

    // Exports follow the same revisions.
    let browser = w.server.browser();
    let as_text = |lines: &[&str]| {
        let lines: Vec<String> = lines.iter().map(|line| line.to_string()).collect();
        redraft::export::revision(&lines, redraft::export::Format::Text)
    };
    let second_refs: Vec<&str> = second_lines.iter().map(String::as_str).collect();
    assert_eq!(browser.get("/texts/programme/export.txt").await, (StatusCode::OK, as_text(&second_refs)));
    assert_eq!(browser.get("/texts/programme/export.txt?revision=1").await, (StatusCode::OK, as_text(&first)));
    assert_eq!(
        browser.get("/texts/programme/export.md").await.1,
        redraft::export::revision(&second_lines, redraft::export::Format::Markdown)
    );
    w.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn amendment_endpoints_answer_with_their_contract_shapes() {
    let w = world().await;
    let (d, alice) = (&w.drafter, &w.alice);
    publish_lines(d, "sante", &paragraphs(5)).await;

    // POST amendments: 201 amendment.
    let proposal = json!({
        "base": 1, "start": 2, "count": 2, "new_lines": ["Deux revu.", "Trois revu.", "Trois bis."],
        "rationale": "Plus clair.\nEt plus juste.", "summary": "Clarifier"
    });
    let (status, created) = propose_json(alice, "sante", proposal).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_i64().expect("id");
    assert_eq!(created["text"], "sante");
    assert_eq!(created["author_name"], "alice");
    assert!(created["author"].is_i64(), "a member id, never a login: {created}");
    assert_eq!(created["state"], "open");
    assert_eq!(created["anchor"], json!({ "revision": 1, "start": 2, "count": 2 }));
    assert_eq!(created["new_lines"], json!(["Deux revu.", "Trois revu.", "Trois bis."]));
    assert_eq!(created["summary"], "Clarifier");
    assert_eq!(created["rationale"], "Plus clair.\nEt plus juste.");
    assert_eq!(created["decided_lines"], Value::Null);
    let reference = created["reference"].as_str().expect("reference").to_owned();
    assert!(reference.starts_with("SANT-"), "{reference}");

    // GET amendments/{id} answers the same amendment; the list holds it.
    let fetched = amendment(&w.anon, id).await;
    for field in ["id", "reference", "text", "author", "state", "anchor", "new_lines", "summary", "rationale"] {
        assert_eq!(fetched[field], created[field], "{field}");
    }
    let second = alice.propose("sante", 1, 6, 0, &["Six."]).await;
    let (status, list) = w.anon.get("/api/v1/texts/sante/amendments").await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let ids: Vec<i64> = list.as_array().expect("list").iter().filter_map(|a| a["id"].as_i64()).collect();
    assert_eq!(ids, [id, second], "in line order");
    assert_ne!(list[1]["reference"], list[0]["reference"]);

    // PUT amendments/{id}: 200 amendment, by its author.
    let edit = json!({ "base": 1, "start": 2, "count": 1, "new_lines": ["Deux, enfin."], "rationale": "Plus court." });
    let (status, edited) = alice.put(&format!("/api/v1/amendments/{id}"), &edit).await;
    assert_eq!(status, StatusCode::OK, "{edited}");
    assert_eq!((edited["id"].as_i64(), edited["reference"].as_str()), (Some(id), Some(reference.as_str())));
    assert_eq!(edited["anchor"], json!({ "revision": 1, "start": 2, "count": 1 }));
    assert_eq!(edited["new_lines"], json!(["Deux, enfin."]));
    assert_eq!(edited["rationale"], "Plus court.");
    assert_eq!(edited["state"], "open");

    // POST decision: 200 amendment.
    let (status, rejected) = decide(d, second, json!({ "decision": "reject", "note": "Hors sujet." })).await;
    assert_eq!(status, StatusCode::OK, "{rejected}");
    assert_eq!(rejected["state"], "rejected");
    let (status, accepted) = decide(d, id, json!({ "decision": "accept" })).await;
    assert_eq!(status, StatusCode::OK, "{accepted}");
    assert_eq!(accepted["state"], "accepted");
    // A rejected amendment may be reconsidered while it sits on the head.
    let (status, reconsidered) = decide(d, second, json!({ "decision": "accept" })).await;
    assert_eq!((status, reconsidered["state"].as_str()), (StatusCode::OK, Some("accepted")), "{reconsidered}");

    // POST withdraw: 200 amendment, by its author.
    let third = alice.propose("sante", 1, 4, 1, &["Quatre, retiré."]).await;
    let (status, withdrawn) = alice.post(&format!("/api/v1/amendments/{third}/withdraw"), &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{withdrawn}");
    assert_eq!(withdrawn["state"], "withdrawn");
    assert_eq!(withdrawn["id"], third);

    // POST merge: 201 {head}.
    let merged = merge_ok(d, "sante", 1, &[id, second]).await;
    assert_eq!(merged["head"], 2);
    assert_eq!(
        w.anon.lines("sante").await,
        ["Paragraphe 1.", "Deux, enfin.", "Paragraphe 3.", "Paragraphe 4.", "Paragraphe 5.", "Six."]
    );
    let merged_one = amendment(&w.anon, id).await;
    assert_eq!(merged_one["state"], "merged");
    assert_eq!(merged_one["merged_into"], 2);
    let (_, revisions) = w.anon.get("/api/v1/texts/sante/revisions").await;
    let took: Vec<i64> = revisions[0]["merged_amendments"]
        .as_array()
        .expect("merged_amendments")
        .iter()
        .filter_map(|m| m["id"].as_i64())
        .collect();
    assert_eq!(took, [id, second]);
    assert_eq!(revisions[0]["merged_amendments"][0]["reference"], reference.as_str());
    w.server.stop().await;
}

// ---------------------------------------------------------------------------------------
// Permissions.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_mutating_endpoint_checks_the_role_and_refusals_change_nothing() {
    let w = world().await;
    publish_lines(&w.drafter, "roles", &paragraphs(6)).await;
    let open = w.alice.propose("roles", 1, 1, 1, &["Un, ouvert."]).await;
    let accepted = w.alice.propose("roles", 1, 3, 1, &["Trois, accepté."]).await;
    w.drafter.accept(accepted).await;
    let before = snapshot(&w.drafter, "roles").await;

    let publish = || post("/api/v1/texts", json!({ "slug": "autre", "title": "Autre", "body": "Une ligne." }));
    let edit = || put("/api/v1/texts/roles", json!({ "base": 1, "body": "Tout autre chose." }));
    let propose = || {
        post(
            "/api/v1/texts/roles/amendments",
            json!({ "base": 1, "start": 2, "count": 1, "new_lines": ["x"], "rationale": "r" }),
        )
    };
    let reword = || {
        put(
            format!("/api/v1/amendments/{open}"),
            json!({ "base": 1, "start": 1, "count": 1, "new_lines": ["y"], "rationale": "r" }),
        )
    };
    let withdraw = |id: i64| post(format!("/api/v1/amendments/{id}/withdraw"), json!({}));
    let decision = || post(format!("/api/v1/amendments/{open}/decision"), json!({ "decision": "accept" }));
    let merging = || post("/api/v1/texts/roles/merge", json!({ "base": 1, "amendments": [accepted] }));

    let (unauthorized, forbidden) = (StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN);
    let cases = [
        (Who::Anon, publish(), unauthorized, "unauthenticated"),
        (Who::Forged, publish(), unauthorized, "bad_token"),
        (Who::Alice, publish(), forbidden, "forbidden"),
        (Who::Anon, edit(), unauthorized, "unauthenticated"),
        (Who::Alice, edit(), forbidden, "forbidden"),
        (Who::Anon, propose(), unauthorized, "unauthenticated"),
        (Who::Forged, propose(), unauthorized, "bad_token"),
        (Who::Anon, reword(), unauthorized, "unauthenticated"),
        (Who::Bob, reword(), forbidden, "forbidden"),
        (Who::Drafter, reword(), forbidden, "forbidden"),
        (Who::Admin, reword(), forbidden, "forbidden"),
        (Who::Anon, withdraw(open), unauthorized, "unauthenticated"),
        (Who::Bob, withdraw(open), forbidden, "forbidden"),
        (Who::Bob, withdraw(accepted), forbidden, "forbidden"),
        (Who::Drafter, withdraw(open), forbidden, "forbidden"),
        (Who::Anon, decision(), unauthorized, "unauthenticated"),
        (Who::Alice, decision(), forbidden, "forbidden"),
        (Who::Bob, decision(), forbidden, "forbidden"),
        (Who::Anon, merging(), unauthorized, "unauthenticated"),
        (Who::Alice, merging(), forbidden, "forbidden"),
        (Who::Bob, merging(), forbidden, "forbidden"),
    ];
    for (who, req, status, code) in &cases {
        let context = format!("{who:?} {} {}", req.method, req.path);
        assert_error(&send(&w.as_(*who), req, None).await, *status, code, &context);
        assert_eq!(snapshot(&w.drafter, "roles").await, before, "{context} changed something");
    }

    // The same requests succeed for the roles that hold them; admins hold what drafters do.
    let allowed = [
        (Who::Bob, propose(), StatusCode::CREATED),
        (Who::Alice, reword(), StatusCode::OK),
        (Who::Drafter, decision(), StatusCode::OK),
        (Who::Admin, merging(), StatusCode::CREATED),
        (
            Who::Admin,
            put("/api/v1/texts/roles", json!({ "base": 2, "body": "Tout autre chose." })),
            StatusCode::CREATED,
        ),
        (Who::Drafter, publish(), StatusCode::CREATED),
        (Who::Alice, withdraw(open), StatusCode::OK),
    ];
    for (who, req, status) in &allowed {
        let (got, body) = send(&w.as_(*who), req, None).await;
        assert_eq!(got, *status, "{who:?} {} {}: {body}", req.method, req.path);
    }
    w.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_only_texts_answer_404_to_anonymous_readers_on_every_read() {
    let w = world().await;
    let body = json!({ "slug": "interne", "title": "Note interne", "body": "Secret un.\nSecret deux.", "visibility": "members" });
    let (status, answer) = w.drafter.post("/api/v1/texts", &body).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    w.drafter.publish("ouvert", &["Public."]).await;
    let id = w.alice.propose("interne", 1, 2, 1, &["Secret trois."]).await;

    let reads = [
        "/api/v1/texts/interne".to_owned(),
        "/api/v1/texts/interne/revisions".to_owned(),
        "/api/v1/texts/interne/revisions/1".to_owned(),
        "/api/v1/texts/interne/diff?from=1&to=1".to_owned(),
        "/api/v1/texts/interne/amendments".to_owned(),
        format!("/api/v1/amendments/{id}"),
        "/api/v1/texts/interne/provenance".to_owned(),
        "/api/v1/texts/interne/provenance?revision=1".to_owned(),
    ];
    // To anonymous readers, a members-only text looks exactly like a missing one.
    let (_, missing) = w.anon.get("/api/v1/texts/inexistant").await;
    for path in &reads {
        let answer = w.anon.get(path).await;
        assert_error(&answer, StatusCode::NOT_FOUND, "not_found", &format!("anonymous {path}"));
        assert_eq!(answer.1, missing, "{path}");
        let (status, body) = w.bob.get(path).await;
        assert_eq!(status, StatusCode::OK, "member {path}: {body}");
        let (status, body) = w.drafter.get(path).await;
        assert_eq!(status, StatusCode::OK, "drafter {path}: {body}");
    }
    let (_, text) = w.bob.get("/api/v1/texts/interne").await;
    assert_eq!(text["visibility"], "members");
    assert_eq!(strings(&text["lines"]), ["Secret un.", "Secret deux."]);

    // Absent from the anonymous list of texts, present in a member's.
    let slugs = |list: &Value| -> Vec<String> {
        list.as_array().expect("list").iter().filter_map(|t| t["slug"].as_str().map(str::to_owned)).collect()
    };
    let (_, anonymous_list) = w.anon.get("/api/v1/texts").await;
    assert_eq!(slugs(&anonymous_list), ["ouvert"]);
    let (_, member_list) = w.bob.get("/api/v1/texts").await;
    let mut member_slugs = slugs(&member_list);
    member_slugs.sort();
    assert_eq!(member_slugs, ["interne", "ouvert"]);

    // The exports, as files: hidden from anonymous visitors, served to logged-in members.
    let anonymous = w.server.browser();
    let member = w.server.browser_as("camille", Role::Member).await;
    for path in ["/texts/interne/export.txt", "/texts/interne/export.md", "/texts/interne/amendments.csv"] {
        let (status, body) = anonymous.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "anonymous {path}");
        assert!(!body.contains("Secret"), "{path} leaks the text");
        let (status, body) = member.get(path).await;
        assert_eq!(status, StatusCode::OK, "member {path}");
        assert!(body.contains("Secret"), "{path}: {body}");
    }
    assert_eq!(member.get("/texts/interne/export.txt").await.1, "Secret un.\n\nSecret deux.\n");

    // Anonymous readers cannot act on it either, and learn nothing from trying.
    let (status, _) = w.anon.post(&format!("/api/v1/amendments/{id}/withdraw"), &json!({})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    w.server.stop().await;
}

// ---------------------------------------------------------------------------------------
// Bad input: every status of the issue's list, each refusal changing nothing.

/// A JSON proposal with one field replaced by raw JSON text (for numbers serde_json's
/// `Value` cannot hold, or bytes that are not UTF-8).
fn proposal_with(field: &str, raw_value: &[u8]) -> Vec<u8> {
    let mut fields: Vec<(&str, Vec<u8>)> = vec![
        ("base", b"1".to_vec()),
        ("start", b"2".to_vec()),
        ("count", b"1".to_vec()),
        ("new_lines", b"[\"Deux, autrement.\"]".to_vec()),
        ("rationale", b"\"Parce que.\"".to_vec()),
    ];
    for (name, value) in &mut fields {
        if *name == field {
            *value = raw_value.to_vec();
        }
    }
    let mut out = b"{".to_vec();
    for (index, (name, value)) in fields.iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        out.extend_from_slice(format!("\"{name}\":").as_bytes());
        out.extend_from_slice(value);
    }
    out.push(b'}');
    out
}

fn proposal(start: u64, count: u64, new_lines: Value) -> Value {
    json!({ "base": 1, "start": start, "count": count, "new_lines": new_lines, "rationale": "Parce que." })
}

fn many(count: usize, line: &str) -> Vec<String> {
    (0..count).map(|n| format!("{line} {n}")).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_gets_its_status_code_and_changes_nothing() {
    let w = world().await;
    publish_lines(&w.drafter, "charte", &paragraphs(8)).await;
    let open = w.alice.propose("charte", 1, 2, 1, &["Deux, proposé."]).await;
    let accepted = w.alice.propose("charte", 1, 5, 1, &["Cinq, proposé."]).await;
    w.drafter.accept(accepted).await;
    w.drafter.publish("voisin", &["Un texte voisin."]).await;
    let foreign = w.alice.propose("voisin", 1, 1, 1, &["Un autre texte voisin."]).await;
    w.drafter.accept(foreign).await;
    let before = snapshot(&w.drafter, "charte").await;

    let amend = "/api/v1/texts/charte/amendments";
    let texts = "/api/v1/texts";
    let charte = "/api/v1/texts/charte";
    let merge_path = "/api/v1/texts/charte/merge";
    let of = |id: i64, rest: &str| format!("/api/v1/amendments/{id}{rest}");
    let big_body = many(4_200, &"x".repeat(1_000)).join("\n"); // 4.2 MB > 4 MiB
    let publish = |slug: &str, title: &str, body: &str| json!({ "slug": slug, "title": title, "body": body });

    use StatusCode as S;
    let (bad, unprocessable, too_large) = (S::BAD_REQUEST, S::UNPROCESSABLE_ENTITY, S::PAYLOAD_TOO_LARGE);
    let cases: Vec<(&str, Who, Req, StatusCode, &str)> = vec![
        // 400: bodies that cannot be read as the request they claim to be.
        ("truncated JSON", Who::Alice, raw(Method::POST, amend, "{\"base\": 1, \"start\": 2,"), bad, "bad_request"),
        ("not JSON", Who::Alice, raw(Method::POST, amend, "base=1&start=2"), bad, "bad_request"),
        ("empty body", Who::Alice, raw(Method::POST, amend, ""), bad, "bad_request"),
        ("a list", Who::Alice, post(amend, json!([1, 2, 1])), bad, "bad_request"),
        ("base as text", Who::Alice, raw(Method::POST, amend, proposal_with("base", b"\"1\"")), bad, "bad_request"),
        ("start as bool", Who::Alice, raw(Method::POST, amend, proposal_with("start", b"true")), bad, "bad_request"),
        (
            "new_lines as text",
            Who::Alice,
            raw(Method::POST, amend, proposal_with("new_lines", b"\"x\"")),
            bad,
            "bad_request",
        ),
        (
            "new_lines of numbers",
            Who::Alice,
            raw(Method::POST, amend, proposal_with("new_lines", b"[1]")),
            bad,
            "bad_request",
        ),
        (
            "rationale as number",
            Who::Alice,
            raw(Method::POST, amend, proposal_with("rationale", b"5")),
            bad,
            "bad_request",
        ),
        ("null start", Who::Alice, raw(Method::POST, amend, proposal_with("start", b"null")), bad, "bad_request"),
        (
            "no rationale",
            Who::Alice,
            post(amend, json!({ "base": 1, "start": 2, "count": 1, "new_lines": ["x"] })),
            bad,
            "bad_request",
        ),
        (
            "no new_lines",
            Who::Alice,
            post(amend, json!({ "base": 1, "start": 2, "count": 1, "rationale": "r" })),
            bad,
            "bad_request",
        ),
        (
            "no base",
            Who::Alice,
            post(amend, json!({ "start": 2, "count": 1, "new_lines": ["x"], "rationale": "r" })),
            bad,
            "bad_request",
        ),
        ("negative start", Who::Alice, raw(Method::POST, amend, proposal_with("start", b"-1")), bad, "bad_request"),
        ("negative count", Who::Alice, raw(Method::POST, amend, proposal_with("count", b"-2")), bad, "bad_request"),
        ("negative base", Who::Alice, raw(Method::POST, amend, proposal_with("base", b"-1")), bad, "bad_request"),
        (
            "start past u32",
            Who::Alice,
            raw(Method::POST, amend, proposal_with("start", b"4294967296")),
            bad,
            "bad_request",
        ),
        (
            "huge count",
            Who::Alice,
            raw(Method::POST, amend, proposal_with("count", b"99999999999999999999999999")),
            bad,
            "bad_request",
        ),
        ("float base", Who::Alice, raw(Method::POST, amend, proposal_with("base", b"1e300")), bad, "bad_request"),
        ("fractional start", Who::Alice, raw(Method::POST, amend, proposal_with("start", b"1.5")), bad, "bad_request"),
        (
            "invalid UTF-8 in rationale",
            Who::Alice,
            raw(Method::POST, amend, proposal_with("rationale", b"\"Parce \xff\xfe que.\"")),
            bad,
            "bad_request",
        ),
        (
            "invalid UTF-8 in new_lines",
            Who::Alice,
            raw(Method::POST, amend, proposal_with("new_lines", b"[\"Deux \xc3\x28 revu.\"]")),
            bad,
            "bad_request",
        ),
        (
            "lone surrogate",
            Who::Alice,
            raw(Method::POST, amend, proposal_with("new_lines", b"[\"Deux \\ud800.\"]")),
            bad,
            "bad_request",
        ),
        (
            "invalid UTF-8 in a text body",
            Who::Drafter,
            raw(Method::POST, texts, b"{\"slug\":\"utf\",\"title\":\"T\",\"body\":\"a\xe9b\"}".to_vec()),
            bad,
            "bad_request",
        ),
        (
            "text without body",
            Who::Drafter,
            post(texts, json!({ "slug": "sans-corps", "title": "T" })),
            bad,
            "bad_request",
        ),
        (
            "unknown visibility",
            Who::Drafter,
            post(texts, json!({ "slug": "vis", "title": "T", "body": "x", "visibility": "secret" })),
            bad,
            "bad_request",
        ),
        ("edit without base", Who::Drafter, put(charte, json!({ "body": "x" })), bad, "bad_request"),
        ("edit with base as text", Who::Drafter, put(charte, json!({ "base": "un", "body": "x" })), bad, "bad_request"),
        ("edit with negative base", Who::Drafter, put(charte, json!({ "base": -1, "body": "x" })), bad, "bad_request"),
        (
            "unknown decision",
            Who::Drafter,
            post(of(open, "/decision"), json!({ "decision": "maybe" })),
            bad,
            "bad_request",
        ),
        ("decision missing", Who::Drafter, post(of(open, "/decision"), json!({})), bad, "bad_request"),
        (
            "decided lines as text",
            Who::Drafter,
            post(of(open, "/decision"), json!({ "decision": "accept", "new_lines": "x" })),
            bad,
            "bad_request",
        ),
        (
            "merge ids as text",
            Who::Drafter,
            post(merge_path, json!({ "base": 1, "amendments": "1,2" })),
            bad,
            "bad_request",
        ),
        (
            "merge ids as floats",
            Who::Drafter,
            post(merge_path, json!({ "base": 1, "amendments": [1.5] })),
            bad,
            "bad_request",
        ),
        ("merge without base", Who::Drafter, post(merge_path, json!({ "amendments": [accepted] })), bad, "bad_request"),
        ("diff with words", Who::Anon, get("/api/v1/texts/charte/diff?from=un&to=1"), bad, "bad_request"),
        ("diff without range", Who::Anon, get("/api/v1/texts/charte/diff"), bad, "bad_request"),
        ("diff with negative", Who::Anon, get("/api/v1/texts/charte/diff?from=-1&to=1"), bad, "bad_request"),
        (
            "provenance of a negative revision",
            Who::Anon,
            get("/api/v1/texts/charte/provenance?revision=-1"),
            bad,
            "bad_request",
        ),
        // 422: well-formed requests that break a rule.
        ("start 0", Who::Alice, post(amend, proposal(0, 1, json!(["x"]))), unprocessable, "invalid_anchor"),
        ("line past the end", Who::Alice, post(amend, proposal(9, 1, json!(["x"]))), unprocessable, "invalid_anchor"),
        ("range past the end", Who::Alice, post(amend, proposal(8, 2, json!(["x"]))), unprocessable, "invalid_anchor"),
        (
            "insertion past the append point",
            Who::Alice,
            post(amend, proposal(10, 0, json!(["x"]))),
            unprocessable,
            "invalid_anchor",
        ),
        (
            "largest numbers",
            Who::Alice,
            post(amend, proposal(4_294_967_295, 4_294_967_295, json!(["x"]))),
            unprocessable,
            "invalid_anchor",
        ),
        (
            "changes nothing",
            Who::Alice,
            post(amend, proposal(2, 1, json!(["Paragraphe 2."]))),
            unprocessable,
            "no_change",
        ),
        (
            "changes nothing once normalised",
            Who::Alice,
            post(amend, proposal(2, 2, json!(["", "Paragraphe 2.\r\nParagraphe 3.", "  "]))),
            unprocessable,
            "no_change",
        ),
        ("inserts nothing", Who::Alice, post(amend, proposal(3, 0, json!([]))), unprocessable, "no_change"),
        (
            "inserts blank lines",
            Who::Alice,
            post(amend, proposal(3, 0, json!(["", " \t"]))),
            unprocessable,
            "no_change",
        ),
        (
            "control character",
            Who::Alice,
            post(amend, proposal(2, 1, json!(["Deux\u{7}."]))),
            unprocessable,
            "control_character",
        ),
        (
            "empty rationale",
            Who::Alice,
            post(amend, json!({ "base": 1, "start": 2, "count": 1, "new_lines": ["x"], "rationale": "" })),
            unprocessable,
            "invalid_field",
        ),
        (
            "blank rationale",
            Who::Alice,
            post(amend, json!({ "base": 1, "start": 2, "count": 1, "new_lines": ["x"], "rationale": " \n\t " })),
            unprocessable,
            "invalid_field",
        ),
        (
            "rationale too long",
            Who::Alice,
            post(
                amend,
                json!({ "base": 1, "start": 2, "count": 1, "new_lines": ["x"], "rationale": "r".repeat(10_001) }),
            ),
            unprocessable,
            "invalid_field",
        ),
        (
            "summary too long",
            Who::Alice,
            post(
                amend,
                json!({ "base": 1, "start": 2, "count": 1, "new_lines": ["x"], "rationale": "r", "summary": "s".repeat(301) }),
            ),
            unprocessable,
            "invalid_field",
        ),
        (
            "base 0",
            Who::Alice,
            post(amend, json!({ "base": 0, "start": 2, "count": 1, "new_lines": ["x"], "rationale": "r" })),
            unprocessable,
            "unknown_revision",
        ),
        (
            "base in the future",
            Who::Alice,
            post(amend, json!({ "base": 7, "start": 2, "count": 1, "new_lines": ["x"], "rationale": "r" })),
            unprocessable,
            "unknown_revision",
        ),
        (
            "re-anchor at 0",
            Who::Alice,
            put(of(open, ""), proposal(0, 1, json!(["x"]))),
            unprocessable,
            "invalid_anchor",
        ),
        (
            "re-anchor changing nothing",
            Who::Alice,
            put(of(open, ""), proposal(4, 1, json!(["Paragraphe 4."]))),
            unprocessable,
            "no_change",
        ),
        (
            "re-anchor without rationale",
            Who::Alice,
            put(of(open, ""), json!({ "base": 1, "start": 2, "count": 1, "new_lines": ["x"], "rationale": "" })),
            unprocessable,
            "invalid_field",
        ),
        (
            "slug with capitals and space",
            Who::Drafter,
            post(texts, publish("Mauvais Slug", "T", "x")),
            unprocessable,
            "invalid_field",
        ),
        ("slug too short", Who::Drafter, post(texts, publish("a", "T", "x")), unprocessable, "invalid_field"),
        (
            "slug too long",
            Who::Drafter,
            post(texts, publish(&"a".repeat(65), "T", "x")),
            unprocessable,
            "invalid_field",
        ),
        (
            "slug with double hyphen",
            Who::Drafter,
            post(texts, publish("a--b", "T", "x")),
            unprocessable,
            "invalid_field",
        ),
        ("slug with accent", Who::Drafter, post(texts, publish("santé", "T", "x")), unprocessable, "invalid_field"),
        ("reserved slug", Who::Drafter, post(texts, publish("new", "T", "x")), unprocessable, "invalid_field"),
        ("empty slug", Who::Drafter, post(texts, publish("", "T", "x")), unprocessable, "invalid_field"),
        ("empty title", Who::Drafter, post(texts, publish("titre", " ", "x")), unprocessable, "invalid_field"),
        (
            "title too long",
            Who::Drafter,
            post(texts, publish("titre", &"t".repeat(201), "x")),
            unprocessable,
            "invalid_field",
        ),
        (
            "title holding a control character",
            Who::Drafter,
            post(texts, publish("titre", "Un\u{7}Deux", "x")),
            unprocessable,
            "invalid_field",
        ),
        (
            "text with a control character",
            Who::Drafter,
            post(texts, publish("controle", "T", "Une ligne.\nUne autre\u{1b}[31m.")),
            unprocessable,
            "control_character",
        ),
        ("empty text", Who::Drafter, post(texts, publish("vide", "Vide", "")), unprocessable, "empty_text"),
        ("blank text", Who::Drafter, post(texts, publish("vide", "Vide", "\n \r\n\t")), unprocessable, "empty_text"),
        (
            "edit changing nothing",
            Who::Drafter,
            put(charte, json!({ "base": 1, "body": paragraphs(8).join("\r\n\r\n") })),
            unprocessable,
            "no_change",
        ),
        (
            "edit emptying the text",
            Who::Drafter,
            put(charte, json!({ "base": 1, "body": "  \n" })),
            unprocessable,
            "empty_text",
        ),
        (
            "edit on revision 0",
            Who::Drafter,
            put(charte, json!({ "base": 0, "body": "x" })),
            unprocessable,
            "unknown_revision",
        ),
        (
            "edit on a future revision",
            Who::Drafter,
            put(charte, json!({ "base": 5, "body": "x" })),
            unprocessable,
            "unknown_revision",
        ),
        (
            "accepted as modified to the original",
            Who::Drafter,
            post(of(open, "/decision"), json!({ "decision": "accept", "new_lines": ["Paragraphe 2."] })),
            unprocessable,
            "no_change",
        ),
        (
            "note too long",
            Who::Drafter,
            post(of(open, "/decision"), json!({ "decision": "reject", "note": "n".repeat(10_001) })),
            unprocessable,
            "invalid_field",
        ),
        (
            "merge of nothing",
            Who::Drafter,
            post(merge_path, json!({ "base": 1, "amendments": [] })),
            unprocessable,
            "nothing_to_merge",
        ),
        (
            "merge naming one twice",
            Who::Drafter,
            post(merge_path, json!({ "base": 1, "amendments": [accepted, accepted] })),
            unprocessable,
            "duplicate_amendment",
        ),
        // 413: over the bounds.
        (
            "1,001 proposed lines",
            Who::Alice,
            post(amend, proposal(2, 1, json!(many(1_001, "Ligne")))),
            too_large,
            "too_large",
        ),
        (
            "proposed line over 32 KiB",
            Who::Alice,
            post(amend, proposal(2, 1, json!(["x".repeat(32 * 1024 + 1)]))),
            too_large,
            "too_large",
        ),
        (
            "proposal over 256 KiB",
            Who::Alice,
            post(amend, proposal(2, 1, json!(many(300, &"y".repeat(1_000))))),
            too_large,
            "too_large",
        ),
        (
            "decided lines over 1,000",
            Who::Drafter,
            post(of(open, "/decision"), json!({ "decision": "accept", "new_lines": many(1_001, "Ligne") })),
            too_large,
            "too_large",
        ),
        ("text over 4 MB", Who::Drafter, post(texts, publish("gros", "Gros", &big_body)), too_large, "too_large"),
        (
            "text over 40,000 lines",
            Who::Drafter,
            post(texts, publish("long", "Long", &many(40_001, "L").join("\n"))),
            too_large,
            "too_large",
        ),
        (
            "text line over 32 KiB",
            Who::Drafter,
            post(texts, publish("large", "Large", &format!("a\n{}", "z".repeat(32 * 1024 + 1)))),
            too_large,
            "too_large",
        ),
        ("edit over 4 MB", Who::Drafter, put(charte, json!({ "base": 1, "body": big_body })), too_large, "too_large"),
        // 409: a slug already taken.
        ("slug taken", Who::Drafter, post(texts, publish("charte", "Autre charte", "x")), S::CONFLICT, "slug_taken"),
        // 404: unknown texts, revisions and amendments.
        ("unknown text", Who::Anon, get("/api/v1/texts/inconnu"), S::NOT_FOUND, "not_found"),
        (
            "edit of an unknown text",
            Who::Drafter,
            put("/api/v1/texts/inconnu", json!({ "base": 1, "body": "x" })),
            S::NOT_FOUND,
            "not_found",
        ),
        (
            "proposal on an unknown text",
            Who::Alice,
            post("/api/v1/texts/inconnu/amendments", proposal(1, 1, json!(["x"]))),
            S::NOT_FOUND,
            "not_found",
        ),
        (
            "amendments of an unknown text",
            Who::Anon,
            get("/api/v1/texts/inconnu/amendments"),
            S::NOT_FOUND,
            "not_found",
        ),
        ("revisions of an unknown text", Who::Anon, get("/api/v1/texts/inconnu/revisions"), S::NOT_FOUND, "not_found"),
        (
            "merge on an unknown text",
            Who::Drafter,
            post("/api/v1/texts/inconnu/merge", json!({ "base": 1, "amendments": [accepted] })),
            S::NOT_FOUND,
            "not_found",
        ),
        ("unknown revision", Who::Anon, get("/api/v1/texts/charte/revisions/2"), S::NOT_FOUND, "not_found"),
        ("revision 0", Who::Anon, get("/api/v1/texts/charte/revisions/0"), S::NOT_FOUND, "not_found"),
        ("non-numeric revision", Who::Anon, get("/api/v1/texts/charte/revisions/un"), S::NOT_FOUND, "not_found"),
        (
            "huge revision",
            Who::Anon,
            get("/api/v1/texts/charte/revisions/99999999999999999999"),
            S::NOT_FOUND,
            "not_found",
        ),
        (
            "diff to an unknown revision",
            Who::Anon,
            get("/api/v1/texts/charte/diff?from=1&to=9"),
            S::NOT_FOUND,
            "not_found",
        ),
        (
            "provenance of an unknown revision",
            Who::Anon,
            get("/api/v1/texts/charte/provenance?revision=9"),
            S::NOT_FOUND,
            "not_found",
        ),
        ("unknown amendment", Who::Anon, get(of(999_999, "")), S::NOT_FOUND, "not_found"),
        ("non-numeric amendment id", Who::Anon, get("/api/v1/amendments/abc"), S::NOT_FOUND, "not_found"),
        ("negative amendment id", Who::Anon, get("/api/v1/amendments/-1"), S::NOT_FOUND, "not_found"),
        ("huge amendment id", Who::Anon, get("/api/v1/amendments/99999999999999999999999"), S::NOT_FOUND, "not_found"),
        (
            "edit of an unknown amendment",
            Who::Alice,
            put(of(999_999, ""), proposal(1, 1, json!(["x"]))),
            S::NOT_FOUND,
            "not_found",
        ),
        (
            "edit of a non-numeric id",
            Who::Alice,
            put("/api/v1/amendments/abc", proposal(1, 1, json!(["x"]))),
            S::NOT_FOUND,
            "not_found",
        ),
        (
            "withdrawal of an unknown amendment",
            Who::Alice,
            post(of(999_999, "/withdraw"), json!({})),
            S::NOT_FOUND,
            "not_found",
        ),
        (
            "withdrawal of a non-numeric id",
            Who::Alice,
            post("/api/v1/amendments/x1/withdraw", json!({})),
            S::NOT_FOUND,
            "not_found",
        ),
        (
            "decision on an unknown amendment",
            Who::Drafter,
            post(of(999_999, "/decision"), json!({ "decision": "accept" })),
            S::NOT_FOUND,
            "not_found",
        ),
        (
            "decision on a non-numeric id",
            Who::Drafter,
            post("/api/v1/amendments/1.5/decision", json!({ "decision": "accept" })),
            S::NOT_FOUND,
            "not_found",
        ),
        (
            "merge of an unknown amendment",
            Who::Drafter,
            post(merge_path, json!({ "base": 1, "amendments": [accepted, 999_999] })),
            S::NOT_FOUND,
            "not_found",
        ),
        ("unknown endpoint", Who::Anon, get("/api/v1/nulle-part"), S::NOT_FOUND, "not_found"),
        // 400 again: path segments that are not UTF-8 once percent-decoded.
        ("invalid UTF-8 in a slug", Who::Anon, get("/api/v1/texts/%FF"), bad, "bad_request"),
        (
            "invalid UTF-8 in a slug, revisions",
            Who::Anon,
            get("/api/v1/texts/ch%C3%28/revisions/1"),
            bad,
            "bad_request",
        ),
        (
            "invalid UTF-8 in an edited slug",
            Who::Drafter,
            put("/api/v1/texts/%FE", json!({ "base": 1, "body": "x" })),
            bad,
            "bad_request",
        ),
        (
            "invalid UTF-8 in a merged slug",
            Who::Drafter,
            post("/api/v1/texts/%FF/merge", json!({ "base": 1, "amendments": [accepted] })),
            bad,
            "bad_request",
        ),
        ("invalid UTF-8 in an amendment id", Who::Anon, get("/api/v1/amendments/%FF"), bad, "bad_request"),
        (
            "invalid UTF-8 in a decided id",
            Who::Drafter,
            post("/api/v1/amendments/%FF/decision", json!({ "decision": "accept" })),
            bad,
            "bad_request",
        ),
        // 422 again: an amendment of another text named in a merge.
        (
            "merge of another text's amendment",
            Who::Drafter,
            post(merge_path, json!({ "base": 1, "amendments": [accepted, foreign] })),
            unprocessable,
            "foreign_amendment",
        ),
        // 401 and 403.
        (
            "anonymous proposal",
            Who::Anon,
            post(amend, proposal(2, 1, json!(["x"]))),
            S::UNAUTHORIZED,
            "unauthenticated",
        ),
        ("member publishing", Who::Alice, post(texts, publish("membre", "T", "x")), S::FORBIDDEN, "forbidden"),
    ];

    for (name, who, req, status, code) in &cases {
        let api = w.as_(*who);
        let french = assert_error(&send(&api, req, None).await, *status, code, name);
        let english = assert_error(&send(&api, req, Some("en")).await, *status, code, name);
        assert_ne!(french, english, "{name}: the same message in both languages");
        assert_eq!(snapshot(&w.drafter, "charte").await, before, "{name}: the refusal changed something");
    }
    w.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_merge_that_would_make_a_revision_over_the_bounds_is_refused() {
    let w = world().await;
    let d = &w.drafter;
    // 120 lines of 15,506 characters: 1.86 million, within the 2 million of a revision.
    let line = |n: usize| format!("{n:05} {}", "a".repeat(15_500));
    let lines: Vec<String> = (0..120).map(line).collect();
    publish_lines(d, "volume", &lines).await;
    // Each inserts 7 such lines (108,542 characters, within an amendment's bound): one
    // fits, not both.
    let block = |from: usize| -> Vec<String> { (from..from + 7).map(line).collect() };
    let first = propose_json(&w.alice, "volume", proposal(121, 0, json!(block(1_000)))).await;
    let second = propose_json(&w.alice, "volume", proposal(1, 0, json!(block(2_000)))).await;
    let ids: Vec<i64> = [&first, &second]
        .iter()
        .map(|(status, body)| {
            assert_eq!(*status, StatusCode::CREATED, "{}", body["error"]);
            body["id"].as_i64().expect("id")
        })
        .collect();
    for id in &ids {
        d.accept(*id).await;
    }
    let before = snapshot(d, "volume").await;
    let refused = merge(d, "volume", 1, &ids).await;
    assert_error(&refused, StatusCode::PAYLOAD_TOO_LARGE, "too_large", "a merge past 2 million characters");
    assert_eq!(snapshot(d, "volume").await, before, "the refused merge changed something");

    merge_ok(d, "volume", 1, &ids[..1]).await;
    let refused = merge(d, "volume", 2, &ids[1..]).await;
    assert_error(&refused, StatusCode::PAYLOAD_TOO_LARGE, "too_large", "the second merge past 2 million characters");
    assert_eq!(w.anon.lines("volume").await.len(), 127);
    assert_eq!(amendment(&w.anon, ids[1]).await["state"], "accepted");
    w.server.stop().await;
}

/// Every route that reads a body: the API's, as its OpenAPI document lists them (so that a
/// new one is covered as soon as it is documented), and the pages' forms.
async fn routes_taking_a_body(w: &World, slug: &str, amendment: i64) -> Vec<(Method, String, &'static str)> {
    let (_, doc) = w.anon.get("/api/v1/openapi.json").await;
    let mut routes = Vec::new();
    for (path, operations) in doc["paths"].as_object().expect("paths") {
        for (method, operation) in operations.as_object().expect("operations") {
            if let Some(content) = operation["requestBody"]["content"].as_object() {
                let path = path.replace("{slug}", slug).replace("{id}", &amendment.to_string());
                let method = Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
                let content_type = if content.contains_key("text/csv") { "text/csv" } else { "application/json" };
                routes.push((method, path, content_type));
            }
        }
    }
    assert!(routes.len() >= 7, "the document lists too few operations with a body: {routes:?}");
    let pages = [
        "/login".to_owned(),
        "/logout".to_owned(),
        "/texts".to_owned(),
        format!("/texts/{slug}/amendments"),
        format!("/texts/{slug}/merge"),
        format!("/texts/{slug}/edit"),
        format!("/amendments/{amendment}/edit"),
        format!("/amendments/{amendment}/withdraw"),
        format!("/amendments/{amendment}/decision"),
    ];
    routes.extend(pages.into_iter().map(|path| (Method::POST, path, "application/x-www-form-urlencoded")));
    routes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_over_the_size_limit_gets_exactly_413_on_every_route_that_takes_one() {
    let w = world().await;
    publish_lines(&w.drafter, "limite", &paragraphs(3)).await;
    let id = w.alice.propose("limite", 1, 2, 1, &["Deux, autrement."]).await;
    let before = snapshot(&w.drafter, "limite").await;
    let limit = redraft::domain::limits::MAX_REQUEST_BYTES;
    let huge = vec![b'a'; limit + 1];
    for (method, path, content_type) in routes_taking_a_body(&w, "limite", id).await {
        // A drafter's token: nothing but the size stands in the way of the API; pages read
        // their body before they check anything else.
        let request = w
            .drafter
            .client
            .request(method.clone(), format!("{}{path}", w.drafter.base))
            .header("content-type", content_type)
            .header("accept-language", "en")
            .body(huge.clone());
        let (status, body) = w.drafter.send(request).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{method} {path}: {body}");
        if path.starts_with("/api/") {
            assert_eq!(body["error"]["code"], "too_large", "{method} {path}");
            assert_eq!(body["error"]["message"], Lang::EN.t(K::ErrPayloadTooLarge), "{method} {path}");
        } else {
            let page = body.as_str().unwrap_or_default();
            assert!(page.contains("<html lang=\"en\"") && page.contains(Lang::EN.t(K::ErrPayloadTooLarge)), "{path}");
        }
    }
    assert_eq!(snapshot(&w.drafter, "limite").await, before);
    // The server still serves after refusing them.
    assert_eq!(w.anon.lines("limite").await, paragraphs(3));
    w.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn error_messages_are_french_by_default_and_english_on_request() {
    let w = world().await;
    publish_lines(&w.drafter, "langues", &paragraphs(3)).await;
    let id = w.alice.propose("langues", 1, 1, 1, &["Un autre."]).await;
    let (status, _) = w.alice.post(&format!("/api/v1/amendments/{id}/withdraw"), &json!({})).await;
    assert_eq!(status, StatusCode::OK);

    let reference = amendment(&w.anon, id).await["reference"].as_str().expect("reference").to_owned();
    let amend = "/api/v1/texts/langues/amendments";
    // (who, request, code, the message in each language as the catalogue writes it; for
    // bad_request, the parser's detail follows it)
    type Expect = Box<dyn Fn(Lang) -> String>;
    let cases: Vec<(Who, Req, &str, Expect)> = vec![
        (Who::Anon, get("/api/v1/texts/inconnu"), "not_found", Box::new(|l: Lang| l.t(K::ErrNotFound).to_owned())),
        (
            Who::Anon,
            post(amend, proposal(1, 1, json!(["x"]))),
            "unauthenticated",
            Box::new(|l: Lang| l.t(K::ErrUnauthenticated).to_owned()),
        ),
        (Who::Forged, get("/api/v1/texts"), "bad_token", Box::new(|l: Lang| l.t(K::ErrBadToken).to_owned())),
        (
            Who::Alice,
            post("/api/v1/texts/langues/merge", json!({ "base": 1, "amendments": [id] })),
            "forbidden",
            Box::new(|l: Lang| l.t(K::ErrForbidden).to_owned()),
        ),
        (
            Who::Alice,
            post(amend, proposal(0, 1, json!(["x"]))),
            "invalid_anchor",
            Box::new(|l: Lang| l.t(K::ErrAnchorZero).to_owned()),
        ),
        (
            Who::Alice,
            post(amend, proposal(1, 1, json!(["Paragraphe 1."]))),
            "no_change",
            Box::new(|l: Lang| l.t(K::ErrNoChange).to_owned()),
        ),
        (
            Who::Alice,
            post(amend, proposal(1, 1, json!(many(1_001, "L")))),
            "too_large",
            Box::new(|l: Lang| l.f(K::ErrTooManyParagraphs, &[Arg::count("count", 1_001), Arg::count("max", 1_000)])),
        ),
        (
            Who::Drafter,
            put("/api/v1/texts/langues", json!({ "base": 1, "body": "x" })),
            "edit_conflict",
            Box::new(|l: Lang| l.f(K::ErrEditConflict, &[Arg::number("base", 1), Arg::number("head", 2)])),
        ),
        (
            Who::Drafter,
            post(format!("/api/v1/amendments/{id}/decision"), json!({ "decision": "accept" })),
            "invalid_state",
            Box::new(move |l: Lang| {
                let state = redraft::i18n::state_name(l, redraft::domain::AmendmentState::Withdrawn);
                l.f(K::ErrAmendmentState, &[Arg::text("reference", &reference), Arg::text("state", state)])
            }),
        ),
        (
            Who::Drafter,
            post("/api/v1/texts", json!({ "slug": "langues", "title": "T", "body": "x" })),
            "slug_taken",
            Box::new(|l: Lang| l.t(K::ErrSlugTaken).to_owned()),
        ),
        (
            Who::Alice,
            raw(Method::POST, amend, "{"),
            "bad_request",
            Box::new(|l: Lang| l.f(K::ErrNotJson, &[Arg::number("line", 1), Arg::number("column", 1)])),
        ),
    ];
    // Revision 2 exists, so that the edit on revision 1 above is stale.
    let (status, _) = w.drafter.put("/api/v1/texts/langues", &json!({ "base": 1, "body": "Tout neuf." })).await;
    assert_eq!(status, StatusCode::CREATED);

    for (who, req, code, expected) in &cases {
        let api = w.as_(*who);
        let context = format!("{} {} ({code})", req.method, req.path);
        let default = assert_error(&send(&api, req, None).await, status_of(code), code, &context);
        let french = assert_error(&send(&api, req, Some("fr-FR,fr;q=0.9")).await, status_of(code), code, &context);
        let english = assert_error(&send(&api, req, Some("en")).await, status_of(code), code, &context);
        let english_preferred = assert_error(
            &send(&api, req, Some("qaa;q=1.0, en-GB;q=0.8, fr;q=0.5")).await,
            status_of(code),
            code,
            &context,
        );
        // ISO 639 keeps qaa–qtz for local use: no catalogue will ever be named so.
        let unknown_language = assert_error(&send(&api, req, Some("qaa")).await, status_of(code), code, &context);
        let (fr, en) = (expected(Lang::FR), expected(Lang::EN));
        assert_ne!(fr, en, "{context}: the catalogue has one language only");
        assert_eq!(default, fr, "{context}: French by default");
        assert_eq!(english, en, "{context}: English on request");
        assert_eq!(french, default, "{context}");
        assert_eq!(unknown_language, default, "{context}: French when no language of ours is asked for");
        assert_eq!(english_preferred, english, "{context}: the preferred language of ours wins");
    }
    w.server.stop().await;
}

fn status_of(code: &str) -> StatusCode {
    match code {
        "not_found" => StatusCode::NOT_FOUND,
        "unauthenticated" | "bad_token" | "wrong_credentials" => StatusCode::UNAUTHORIZED,
        "forbidden" => StatusCode::FORBIDDEN,
        "invalid_anchor" | "no_change" | "invalid_field" | "unknown_revision" | "empty_text" => {
            StatusCode::UNPROCESSABLE_ENTITY
        }
        "too_large" => StatusCode::PAYLOAD_TOO_LARGE,
        "edit_conflict" | "head_moved" | "collision" | "invalid_state" | "slug_taken" | "anchor_touched" => {
            StatusCode::CONFLICT
        }
        "bad_request" => StatusCode::BAD_REQUEST,
        other => panic!("no status for {other}"),
    }
}

// ---------------------------------------------------------------------------------------
// Conflicts (409), each changing nothing.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conflicts_are_refused_whole_and_change_nothing() {
    let w = world().await;
    let d = &w.drafter;
    publish_lines(d, "statuts", &paragraphs(8)).await;
    let (status, _) = d.put("/api/v1/texts/statuts", &json!({ "base": 1, "body": paragraphs(9).join("\n") })).await;
    assert_eq!(status, StatusCode::CREATED);

    // Amendments on the head (revision 2): two that overlap, one inserting inside another.
    let a = w.alice.propose("statuts", 2, 2, 2, &["Deux et trois, fondus."]).await;
    let b = w.bob.propose("statuts", 2, 3, 1, &["Trois, autrement."]).await;
    let c = w.bob.propose("statuts", 2, 3, 0, &["Entre deux et trois."]).await;
    let e = w.alice.propose("statuts", 2, 7, 1, &["Sept, autrement."]).await;
    let open = w.alice.propose("statuts", 2, 9, 1, &["Neuf, ouvert."]).await;
    let withdrawn = w.bob.propose("statuts", 2, 8, 1, &["Huit, retiré."]).await;
    for id in [a, b, c, e, withdrawn] {
        d.accept(id).await;
    }
    let (status, _) = w.bob.post(&format!("/api/v1/amendments/{withdrawn}/withdraw"), &json!({})).await;
    assert_eq!(status, StatusCode::OK);
    let before = snapshot(d, "statuts").await;

    // A full-text edit on a stale base: edit_conflict, naming both revisions.
    // Rule 2: it shows both versions: the head, and the changes that make the one sent
    // (normalised) from it.
    let stale = d.put("/api/v1/texts/statuts", &json!({ "base": 1, "body": "Autre chose.\r\n\r\nEt encore." })).await;
    assert_error(&stale, StatusCode::CONFLICT, "edit_conflict", "stale edit");
    let details = &stale.1["error"]["details"];
    assert_eq!((details["base"].as_u64(), details["head"].as_u64()), (Some(1), Some(2)), "{details}");
    let (_, head) = d.get("/api/v1/texts/statuts/revisions/2").await;
    assert_eq!(apply_diff(&strings(&head["lines"]), details), ["Autre chose.", "Et encore."]);
    assert_eq!(snapshot(d, "statuts").await, before, "stale edit");

    // A merge on a head that moved: head_moved.
    let moved = merge(d, "statuts", 1, &[e]).await;
    assert_error(&moved, StatusCode::CONFLICT, "head_moved", "merge on revision 1");
    assert_eq!(moved.1["error"]["details"]["head"], 2);
    assert_eq!(snapshot(d, "statuts").await, before, "merge on a moved head");

    // Colliding amendments: refused as a whole (e does not collide but is not merged either),
    // each pair named with both amendments.
    let collision = merge(d, "statuts", 2, &[e, a, b]).await;
    let message = assert_error(&collision, StatusCode::CONFLICT, "collision", "overlap");
    let pairs = &collision.1["error"]["details"]["collisions"];
    assert_eq!(pairs.as_array().map(Vec::len), Some(1), "{pairs}");
    assert_eq!((pairs[0]["first"]["id"].as_i64(), pairs[0]["second"]["id"].as_i64()), (Some(a), Some(b)), "{pairs}");
    assert_eq!(pairs[0]["reason"], "overlap");
    let reference = |amendment: Value| amendment["reference"].as_str().expect("reference").to_owned();
    let ref_a = reference(amendment(&w.anon, a).await);
    let ref_b = reference(amendment(&w.anon, b).await);
    let ref_c = reference(amendment(&w.anon, c).await);
    assert!(message.contains(&ref_a) && message.contains(&ref_b), "{message}");
    assert_eq!(pairs[0]["first"]["reference"], ref_a.as_str());
    assert_eq!(snapshot(d, "statuts").await, before, "collision");

    let inside = merge(d, "statuts", 2, &[c, a]).await;
    let message = assert_error(&inside, StatusCode::CONFLICT, "collision", "insertion inside");
    let pairs = &inside.1["error"]["details"]["collisions"];
    assert_eq!(pairs.as_array().map(Vec::len), Some(1), "{pairs}");
    let named: Vec<i64> =
        [&pairs[0]["first"]["id"], &pairs[0]["second"]["id"]].iter().filter_map(|v| v.as_i64()).collect();
    assert_eq!(named, [c, a], "{pairs}");
    assert_eq!(pairs[0]["reason"], "insertion_inside");
    assert!(message.contains(&ref_a) && message.contains(&ref_c), "{message}");
    assert_eq!(snapshot(d, "statuts").await, before, "insertion inside");

    let all = merge(d, "statuts", 2, &[a, b, c]).await;
    assert_error(&all, StatusCode::CONFLICT, "collision", "three");
    assert_eq!(all.1["error"]["details"]["collisions"].as_array().map(Vec::len), Some(2), "{}", all.1);
    assert_eq!(snapshot(d, "statuts").await, before, "three colliding");

    // Amendments that are not accepted cannot be merged, nor decided once withdrawn.
    let unaccepted = merge(d, "statuts", 2, &[e, open]).await;
    assert_error(&unaccepted, StatusCode::CONFLICT, "invalid_state", "merge of an open amendment");
    let withdrawn_merge = merge(d, "statuts", 2, &[withdrawn]).await;
    assert_error(&withdrawn_merge, StatusCode::CONFLICT, "invalid_state", "merge of a withdrawn amendment");
    for decision in [json!({ "decision": "accept" }), json!({ "decision": "reject" })] {
        let answer = decide(d, withdrawn, decision).await;
        assert_error(&answer, StatusCode::CONFLICT, "invalid_state", "decision on a withdrawn amendment");
    }
    let again = w.bob.post(&format!("/api/v1/amendments/{withdrawn}/withdraw"), &json!({})).await;
    assert_error(&again, StatusCode::CONFLICT, "invalid_state", "withdrawn twice");
    let reworded = w
        .bob
        .put(
            &format!("/api/v1/amendments/{withdrawn}"),
            &json!({
        "base": 2, "start": 8, "count": 1, "new_lines": ["Huit, repris."], "rationale": "r" }),
        )
        .await;
    assert_error(&reworded, StatusCode::CONFLICT, "invalid_state", "edit of a withdrawn amendment");
    assert_eq!(snapshot(d, "statuts").await, before, "state conflicts");

    // A merged amendment is final: deciding, withdrawing, editing or merging it again is refused.
    let rejected = w.bob.propose("statuts", 2, 5, 1, &["Cinq, rejeté."]).await;
    let (status, _) = decide(d, rejected, json!({ "decision": "reject" })).await;
    assert_eq!(status, StatusCode::OK);
    merge_ok(d, "statuts", 2, &[b, e]).await;
    let after_merge = snapshot(d, "statuts").await;
    // A rejected amendment stays on the revision it was decided on: no longer decidable.
    let stale_decision = decide(d, rejected, json!({ "decision": "accept" })).await;
    assert_error(&stale_decision, StatusCode::CONFLICT, "not_on_head", "decision on a rejected amendment left behind");
    assert_eq!(anchor(&amendment(&w.anon, rejected).await), (2, 5, 1));
    let merged_refusals = [
        decide(d, b, json!({ "decision": "reject" })).await,
        decide(d, b, json!({ "decision": "accept", "new_lines": ["Trois, encore."] })).await,
        w.bob.post(&format!("/api/v1/amendments/{b}/withdraw"), &json!({})).await,
        w.bob
            .put(
                &format!("/api/v1/amendments/{b}"),
                &json!({
            "base": 3, "start": 3, "count": 1, "new_lines": ["Trois, encore."], "rationale": "r" }),
            )
            .await,
        merge(d, "statuts", 3, &[b]).await,
    ];
    for answer in &merged_refusals {
        assert_error(answer, StatusCode::CONFLICT, "invalid_state", "merged amendment");
    }
    assert_eq!(snapshot(d, "statuts").await, after_merge, "refusals on a merged amendment");
    assert_eq!(amendment(&w.anon, b).await["merged_into"], 3);
    w.server.stop().await;
}

// ---------------------------------------------------------------------------------------
// Rebase and merge semantics (DESIGN rules 5 and 6) through the API.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_merge_moves_untouched_amendments_and_outdates_touched_ones() {
    let w = world().await;
    let d = &w.drafter;
    publish_lines(d, "rebase", &paragraphs(10)).await;

    // Merged together: lines 4–5 become three lines (+1), two lines inserted before line 8 (+2).
    let replace = w.bob.propose("rebase", 1, 4, 2, &["N4.", "N4 bis.", "N4 ter."]).await;
    let insert = w.bob.propose("rebase", 1, 8, 0, &["I1.", "I2."]).await;

    enum After {
        Moved(u64),
        Outdated,
    }
    use After::*;
    // (start, count on revision 1, what the merge does to it)
    let table: [(u64, u64, After, &str); 12] = [
        (1, 1, Moved(1), "before every change"),
        (3, 1, Moved(3), "ends where the replacement starts"),
        (4, 0, Moved(4), "inserts where the replacement starts: one side only"),
        (3, 2, Outdated, "overlaps the replacement's first line"),
        (5, 1, Outdated, "overlaps the replacement's last line"),
        (5, 0, Outdated, "inserts between two replaced lines"),
        (6, 0, Moved(7), "inserts where the replacement ends: shifted"),
        (6, 2, Moved(7), "ends where the insertion is: shifted by the replacement only"),
        (7, 2, Outdated, "the insertion lands strictly inside"),
        (8, 1, Moved(11), "the insertion is at its start: shifted past it"),
        (8, 0, Moved(11), "inserts at the same point: after the merged lines"),
        (11, 0, Moved(14), "appends: still appends"),
    ];
    let mut ids = Vec::new();
    for (index, (start, count, _, _)) in table.iter().enumerate() {
        let lines = [format!("Amendement {index}.")];
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        ids.push(w.alice.propose("rebase", 1, *start, *count, &refs).await);
    }
    // An accepted amendment follows the head too; rejected and withdrawn ones stay behind.
    let accepted = w.alice.propose("rebase", 1, 10, 1, &["Dix, accepté."]).await;
    d.accept(accepted).await;
    let rejected = w.alice.propose("rebase", 1, 9, 1, &["Neuf, rejeté."]).await;
    decide(d, rejected, json!({ "decision": "reject" })).await;
    let withdrawn = w.alice.propose("rebase", 1, 4, 1, &["Quatre, retiré."]).await;
    w.alice.post(&format!("/api/v1/amendments/{withdrawn}/withdraw"), &json!({})).await;
    let revision_one = w.anon.lines("rebase").await;

    d.accept(replace).await;
    d.accept(insert).await;
    let merged = merge_ok(d, "rebase", 1, &[replace, insert]).await;
    assert_eq!(merged["outdated"], 4, "{merged}");
    assert_eq!(merged["rebased"], 9, "{merged}");

    let head = w.anon.lines("rebase").await;
    let expected: Vec<String> = [
        "Paragraphe 1.",
        "Paragraphe 2.",
        "Paragraphe 3.",
        "N4.",
        "N4 bis.",
        "N4 ter.",
        "Paragraphe 6.",
        "Paragraphe 7.",
        "I1.",
        "I2.",
        "Paragraphe 8.",
        "Paragraphe 9.",
        "Paragraphe 10.",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(head, expected);

    for ((start, count, after, why), id) in table.iter().zip(&ids) {
        let amendment = amendment(&w.anon, *id).await;
        match after {
            Moved(new_start) => {
                assert_eq!(amendment["state"], "open", "{why}: {amendment}");
                assert_eq!(anchor(&amendment), (2, *new_start, *count), "{why}");
                // It still covers the very lines it was written on.
                let (old, new) = ((*start - 1) as usize, (*new_start - 1) as usize);
                assert_eq!(head[new..new + *count as usize], revision_one[old..old + *count as usize], "{why}");
            }
            Outdated => {
                assert_eq!(amendment["state"], "outdated", "{why}: {amendment}");
                assert_eq!(anchor(&amendment), (1, *start, *count), "{why}: keeps its anchor");
            }
        }
    }
    let accepted = amendment(&w.anon, accepted).await;
    assert_eq!((accepted["state"].as_str(), anchor(&accepted)), (Some("accepted"), (2, 13, 1)));
    let rejected = amendment(&w.anon, rejected).await;
    assert_eq!((rejected["state"].as_str(), anchor(&rejected)), (Some("rejected"), (1, 9, 1)));
    let withdrawn = amendment(&w.anon, withdrawn).await;
    assert_eq!((withdrawn["state"].as_str(), anchor(&withdrawn)), (Some("withdrawn"), (1, 4, 1)));

    // The moved ones merge where they now are, in one more revision (rule 7: S1 then S2).
    let moved: Vec<i64> = [1usize, 6, 9, 11].iter().map(|&i| ids[i]).collect();
    for &id in &moved {
        d.accept(id).await;
    }
    merge_ok(d, "rebase", 2, &moved).await;
    let final_lines = w.anon.lines("rebase").await;
    assert_eq!(
        final_lines,
        [
            "Paragraphe 1.",
            "Paragraphe 2.",
            "Amendement 1.",
            "N4.",
            "N4 bis.",
            "N4 ter.",
            "Amendement 6.",
            "Paragraphe 6.",
            "Paragraphe 7.",
            "I1.",
            "I2.",
            "Amendement 9.",
            "Paragraphe 9.",
            "Paragraphe 10.",
            "Amendement 11.",
        ]
    );
    w.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_outdated_amendment_is_reanchored_by_its_author_only() {
    let w = world().await;
    let d = &w.drafter;
    publish_lines(d, "ancrage", &paragraphs(5)).await;
    let merged = w.bob.propose("ancrage", 1, 2, 1, &["Deux, fusionné."]).await;
    let outdated = w.alice.propose("ancrage", 1, 2, 2, &["Deux et trois, fondus."]).await;
    d.accept(outdated).await;
    d.accept(merged).await;
    merge_ok(d, "ancrage", 1, &[merged]).await;
    let before = amendment(&w.anon, outdated).await;
    assert_eq!(before["state"], "outdated");
    assert_eq!(anchor(&before), (1, 2, 2));

    // Outdated amendments are not decided on, merged or re-anchored by anyone but their author.
    assert_error(
        &decide(d, outdated, json!({ "decision": "accept" })).await,
        StatusCode::CONFLICT,
        "invalid_state",
        "decide",
    );
    assert_error(&merge(d, "ancrage", 2, &[outdated]).await, StatusCode::CONFLICT, "invalid_state", "merge");
    let reanchor =
        json!({ "base": 2, "start": 2, "count": 2, "new_lines": ["Deux fusionné et trois."], "rationale": "Réancré." });
    for who in [Who::Bob, Who::Drafter] {
        let answer = w.as_(who).put(&format!("/api/v1/amendments/{outdated}"), &reanchor).await;
        assert_error(&answer, StatusCode::FORBIDDEN, "forbidden", &format!("{who:?} re-anchoring"));
    }
    // Re-anchored on the old base over the touched lines: still touched.
    let stale = w
        .alice
        .put(
            &format!("/api/v1/amendments/{outdated}"),
            &json!({
        "base": 1, "start": 2, "count": 2, "new_lines": ["Autre."], "rationale": "r" }),
        )
        .await;
    assert_error(&stale, StatusCode::CONFLICT, "anchor_touched", "re-anchor on the old base");
    assert_eq!(amendment(&w.anon, outdated).await, before, "refusals changed the amendment");

    let (status, reanchored) = w.alice.put(&format!("/api/v1/amendments/{outdated}"), &reanchor).await;
    assert_eq!(status, StatusCode::OK, "{reanchored}");
    assert_eq!(reanchored["state"], "open");
    assert_eq!(anchor(&reanchored), (2, 2, 2));
    assert_eq!(reanchored["new_lines"], json!(["Deux fusionné et trois."]));
    assert_eq!(reanchored["rationale"], "Réancré.");
    assert_eq!(reanchored["reference"], before["reference"], "the reference people cite is stable");

    // Open again, it is decided and merged like any other.
    d.accept(outdated).await;
    merge_ok(d, "ancrage", 2, &[outdated]).await;
    assert_eq!(
        w.anon.lines("ancrage").await,
        ["Paragraphe 1.", "Deux fusionné et trois.", "Paragraphe 4.", "Paragraphe 5."]
    );
    w.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_text_edit_rebases_and_outdates_too() {
    let w = world().await;
    let d = &w.drafter;
    publish_lines(d, "edition", &paragraphs(6)).await;
    let first = w.alice.propose("edition", 1, 1, 1, &["Un, autrement."]).await;
    let third = w.alice.propose("edition", 1, 3, 1, &["Trois, autrement."]).await;
    let fifth = w.alice.propose("edition", 1, 5, 1, &["Cinq, autrement."]).await;
    let sixth = w.alice.propose("edition", 1, 6, 1, &["Six, autrement."]).await;
    let append = w.alice.propose("edition", 1, 7, 0, &["Sept."]).await;
    let second = w.alice.propose("edition", 1, 2, 1, &["Deux, accepté."]).await;
    d.accept(second).await;

    // Line 1 deleted, line 5 rewritten, a line inserted before line 4.
    let body = "Paragraphe 2.\nParagraphe 3.\nNouveau.\nParagraphe 4.\nCinq, réécrit.\nParagraphe 6.";
    let (status, answer) = d.put("/api/v1/texts/edition", &json!({ "base": 1, "body": body })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    assert_eq!(answer["head"], 2);

    let expected: [(i64, &str, (u64, u64, u64)); 6] = [
        (first, "outdated", (1, 1, 1)),
        (second, "accepted", (2, 1, 1)),
        (third, "open", (2, 2, 1)),
        (fifth, "outdated", (1, 5, 1)),
        (sixth, "open", (2, 6, 1)),
        (append, "open", (2, 7, 0)),
    ];
    for (id, state, at) in expected {
        let amendment = amendment(&w.anon, id).await;
        assert_eq!((amendment["state"].as_str(), anchor(&amendment)), (Some(state), at), "{amendment}");
    }
    // What moved still merges onto the right lines.
    for id in [third, sixth, append] {
        d.accept(id).await;
    }
    merge_ok(d, "edition", 2, &[second, third, sixth, append]).await;
    assert_eq!(
        w.anon.lines("edition").await,
        [
            "Deux, accepté.",
            "Trois, autrement.",
            "Nouveau.",
            "Paragraphe 4.",
            "Cinq, réécrit.",
            "Six, autrement.",
            "Sept."
        ]
    );
    w.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accepted_as_modified_keeps_the_proposal_and_merges_the_decided_lines() {
    let w = world().await;
    let d = &w.drafter;
    publish_lines(d, "modifie", &paragraphs(4)).await;
    let id = w.alice.propose("modifie", 1, 2, 1, &["Deux, proposé."]).await;
    let deletion = w.alice.propose("modifie", 1, 4, 1, &["Quatre, proposé."]).await;

    let (status, decided) = decide(
        d,
        id,
        json!({ "decision": "accept", "new_lines": ["Deux, décidé.", "", "Deux bis, décidé."], "note": "Reformulé." }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{decided}");
    assert_eq!(decided["state"], "accepted");
    assert_eq!(decided["new_lines"], json!(["Deux, proposé."]), "the original proposal is kept");
    assert_eq!(decided["decided_lines"], json!(["Deux, décidé.", "Deux bis, décidé."]), "blank lines dropped");
    assert_eq!(amendment(&w.anon, id).await["decided_lines"], decided["decided_lines"]);

    // Accepted as modified to a deletion; and modified lines equal to the proposal are a
    // plain acceptance.
    let (status, deleted) = decide(d, deletion, json!({ "decision": "accept", "new_lines": [] })).await;
    assert_eq!(status, StatusCode::OK, "{deleted}");
    assert_eq!(
        (deleted["new_lines"].clone(), deleted["decided_lines"].clone()),
        (json!(["Quatre, proposé."]), json!([]))
    );
    let plain = w.alice.propose("modifie", 1, 3, 1, &["Trois, proposé."]).await;
    let (_, plain_answer) = decide(d, plain, json!({ "decision": "accept", "new_lines": ["Trois, proposé."] })).await;
    assert_eq!((plain_answer["state"].as_str(), &plain_answer["decided_lines"]), (Some("accepted"), &Value::Null));

    merge_ok(d, "modifie", 1, &[id, deletion, plain]).await;
    assert_eq!(
        w.anon.lines("modifie").await,
        ["Paragraphe 1.", "Deux, décidé.", "Deux bis, décidé.", "Trois, proposé."]
    );
    let merged = amendment(&w.anon, id).await;
    assert_eq!((merged["state"].as_str(), &merged["new_lines"]), (Some("merged"), &json!(["Deux, proposé."])));
    w.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn insertions_deletions_and_appends_merge_where_anchored() {
    let w = world().await;
    let d = &w.drafter;
    for slug in ["ordre-donne", "ordre-inverse"] {
        d.publish(slug, &["A", "B", "C", "D"]).await;
    }
    let mut ids = Vec::new();
    for slug in ["ordre-donne", "ordre-inverse"] {
        let x = w.alice.propose(slug, 1, 3, 0, &["X1"]).await;
        let y = w.bob.propose(slug, 1, 3, 0, &["Y1", "Y2"]).await;
        let delete = w.alice.propose(slug, 1, 1, 1, &[]).await;
        let append = w.bob.propose(slug, 1, 5, 0, &["E"]).await;
        let before_first = w.bob.propose(slug, 1, 1, 0, &["Z"]).await;
        for id in [x, y, delete, append, before_first] {
            d.accept(id).await;
        }
        ids.push((x, y, delete, append, before_first));
    }
    let (x, y, delete, append, before_first) = ids[0];
    merge_ok(d, "ordre-donne", 1, &[y, delete, append, x, before_first]).await;
    assert_eq!(w.anon.lines("ordre-donne").await, ["Z", "B", "Y1", "Y2", "X1", "C", "D", "E"]);
    let (x, y, delete, append, before_first) = ids[1];
    merge_ok(d, "ordre-inverse", 1, &[x, append, before_first, delete, y]).await;
    assert_eq!(w.anon.lines("ordre-inverse").await, ["Z", "B", "X1", "Y1", "Y2", "C", "D", "E"]);

    // Provenance: merged lines point to their amendment, the others to revision 1.
    let (status, provenance) = w.anon.get("/api/v1/texts/ordre-donne/provenance").await;
    assert_eq!(status, StatusCode::OK, "{provenance}");
    let (x, y, _, append, before_first) = ids[0];
    let expected: Vec<Value> = [
        (2, Some(before_first)),
        (1, None),
        (2, Some(y)),
        (2, Some(y)),
        (2, Some(x)),
        (1, None),
        (1, None),
        (2, Some(append)),
    ]
    .iter()
    .enumerate()
    .map(|(i, (revision, amendment))| json!({ "line": i + 1, "revision": revision, "amendment": amendment }))
    .collect();
    assert_eq!(provenance, Value::Array(expected));
    // Revision 1's provenance is unchanged by the merge.
    let (_, old) = w.anon.get("/api/v1/texts/ordre-donne/provenance?revision=1").await;
    assert_eq!(
        old,
        json!([
            { "line": 1, "revision": 1, "amendment": null }, { "line": 2, "revision": 1, "amendment": null },
            { "line": 3, "revision": 1, "amendment": null }, { "line": 4, "revision": 1, "amendment": null },
        ])
    );

    // A later full-text edit keeps the provenance of the lines it leaves alone.
    let (status, _) =
        d.put("/api/v1/texts/ordre-donne", &json!({ "base": 2, "body": "Z\nB\nY1\nY2, revu\nX1\nC\nD\nE" })).await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, after_edit) = w.anon.get("/api/v1/texts/ordre-donne/provenance").await;
    assert_eq!(after_edit[3], json!({ "line": 4, "revision": 3, "amendment": null }));
    assert_eq!(after_edit[2], json!({ "line": 3, "revision": 2, "amendment": y }));
    assert_eq!(after_edit[5], json!({ "line": 6, "revision": 1, "amendment": null }));

    // An amendment that keeps some of the lines it replaces: those keep their origin.
    d.publish("garde", &["A", "B", "C"]).await;
    let keep = w.alice.propose("garde", 1, 1, 3, &["A", "B2", "C"]).await;
    d.accept(keep).await;
    merge_ok(d, "garde", 1, &[keep]).await;
    let (_, kept) = w.anon.get("/api/v1/texts/garde/provenance").await;
    assert_eq!(
        kept,
        json!([
            { "line": 1, "revision": 1, "amendment": null },
            { "line": 2, "revision": 2, "amendment": keep },
            { "line": 3, "revision": 1, "amendment": null },
        ])
    );
    w.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_proposal_on_an_older_base_is_carried_to_the_head_unless_its_lines_changed() {
    let w = world().await;
    let d = &w.drafter;
    publish_lines(d, "ancien", &paragraphs(6)).await;
    let first = w.bob.propose("ancien", 1, 2, 1, &["Deux.", "Deux bis."]).await;
    d.accept(first).await;
    merge_ok(d, "ancien", 1, &[first]).await; // revision 2: +1 line after line 1
    let body =
        ["Paragraphe 1.", "Deux.", "Deux bis.", "Paragraphe 3.", "Paragraphe 4.", "Paragraphe 5.", "Six, réécrit."];
    let (status, _) = d.put("/api/v1/texts/ancien", &json!({ "base": 2, "body": body.join("\n") })).await;
    assert_eq!(status, StatusCode::CREATED); // revision 3: line 6 of revision 1 rewritten

    // Written on revision 1, on line 4 untouched since: lands on line 5 of revision 3.
    let (status, carried) = propose_json(&w.alice, "ancien", proposal(4, 1, json!(["Quatre, autrement."]))).await;
    assert_eq!(status, StatusCode::CREATED, "{carried}");
    assert_eq!(anchor(&carried), (3, 5, 1));
    assert_eq!(carried["state"], "open");
    let insertion = propose_json(&w.alice, "ancien", proposal(1, 0, json!(["Préambule."]))).await;
    assert_eq!((insertion.0, anchor(&insertion.1)), (StatusCode::CREATED, (3, 1, 0)), "{}", insertion.1);

    // Written on revision 1 on lines changed since (by the merge, by the edit): refused.
    let before = snapshot(d, "ancien").await;
    for (start, count) in [(2, 1), (1, 2), (6, 1), (5, 2)] {
        let answer = propose_json(&w.alice, "ancien", proposal(start, count, json!(["Autre chose."]))).await;
        let message = assert_error(&answer, StatusCode::CONFLICT, "anchor_touched", &format!("lines {start}+{count}"));
        assert_eq!(message, Lang::FR.f(K::ErrAnchorTouched, &[Arg::number("base", 1), Arg::number("head", 3)]));
        assert_eq!(snapshot(d, "ancien").await, before, "refused proposal {start}+{count} changed something");
    }
    // On revision 2, line 5 (revision 1's line 4) is also untouched: carried once.
    let from_two = propose_json(
        &w.alice,
        "ancien",
        json!({
        "base": 2, "start": 5, "count": 1, "new_lines": ["Quatre, encore."], "rationale": "r" }),
    )
    .await;
    assert_eq!((from_two.0, anchor(&from_two.1)), (StatusCode::CREATED, (3, 5, 1)), "{}", from_two.1);

    // The carried amendment merges onto the head's line.
    let id = carried["id"].as_i64().expect("id");
    d.accept(id).await;
    merge_ok(d, "ancien", 3, &[id]).await;
    assert_eq!(w.anon.lines("ancien").await[4], "Quatre, autrement.");
    w.server.stop().await;
}

// ---------------------------------------------------------------------------------------
// Concurrency.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_merges_on_one_head_at_once_make_one_revision() {
    let w = world().await;
    publish_lines(&w.drafter, "course", &paragraphs(6)).await;
    let other = w.server.api_as("redacteur", Role::Drafter).await;
    let mine = [w.alice.propose("course", 1, 1, 1, &["Un, par la première."]).await];
    let theirs = [
        w.bob.propose("course", 1, 4, 1, &["Quatre, par le second."]).await,
        w.bob.propose("course", 1, 6, 0, &["Inséré par le second."]).await,
    ];
    let shared = w.alice.propose("course", 1, 2, 1, &["Deux, par les deux."]).await;
    for id in mine.iter().chain(&theirs).chain([&shared]) {
        w.drafter.accept(*id).await;
    }

    let first_ids = [mine[0], shared];
    let second_ids = [theirs[0], theirs[1], shared];
    let (first, second) =
        tokio::join!(merge(&w.drafter, "course", 1, &first_ids), merge(&other, "course", 1, &second_ids));
    let statuses = [first.0, second.0];
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::CREATED).count(), 1, "{first:?} {second:?}");
    let (winner, loser, loser_own): (&[i64], _, &[i64]) =
        if first.0 == StatusCode::CREATED { (&first_ids, &second, &theirs) } else { (&second_ids, &first, &mine) };
    assert_error(loser, StatusCode::CONFLICT, "head_moved", "the later merge");
    assert_eq!(w.anon.head("course").await, 2);
    let (_, revisions) = w.anon.get("/api/v1/texts/course/revisions").await;
    assert_eq!(revisions.as_array().map(Vec::len), Some(2), "{revisions}");

    for id in winner {
        let amendment = amendment(&w.anon, *id).await;
        assert_eq!((amendment["state"].as_str(), amendment["merged_into"].as_u64()), (Some("merged"), Some(2)));
    }
    // The loser's own amendments were not merged: still accepted, carried onto revision 2.
    for id in loser_own {
        let amendment = amendment(&w.anon, *id).await;
        assert_eq!(amendment["state"], "accepted", "{amendment}");
        assert_eq!(amendment["anchor"]["revision"], 2, "{amendment}");
        assert_eq!(amendment["merged_into"], Value::Null, "{amendment}");
    }
    // The shared amendment's lines appear once.
    let lines = w.anon.lines("course").await;
    assert_eq!(lines.iter().filter(|l| *l == "Deux, par les deux.").count(), 1, "{lines:?}");
    assert_eq!(lines.len(), if winner.len() == 3 { 7 } else { 6 }, "{lines:?}");
    w.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_edits_on_one_base_at_once_write_one_revision() {
    let w = world().await;
    publish_lines(&w.drafter, "plume", &paragraphs(3)).await;
    let other = w.server.api_as("redacteur", Role::Drafter).await;
    let ours = json!({ "base": 1, "body": "Version de la première." });
    let theirs = json!({ "base": 1, "body": "Version du second." });
    let (first, second) =
        tokio::join!(w.drafter.put("/api/v1/texts/plume", &ours), other.put("/api/v1/texts/plume", &theirs));
    let created: Vec<_> = [&first, &second].into_iter().filter(|a| a.0 == StatusCode::CREATED).collect();
    assert_eq!(created.len(), 1, "{first:?} {second:?}");
    assert_eq!(created[0].1["head"], 2);
    let (winner_body, loser) = if first.0 == StatusCode::CREATED { (&ours, &second) } else { (&theirs, &first) };
    assert_error(loser, StatusCode::CONFLICT, "edit_conflict", "the later edit");
    assert_eq!(w.anon.head("plume").await, 2);
    assert_eq!(w.anon.lines("plume").await, [winner_body["body"].as_str().expect("body")]);
    w.server.stop().await;
}

// ---------------------------------------------------------------------------------------
// Login rate limiting.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_wrong_passwords_refuse_strangers_but_never_the_member_from_her_own_address() {
    // Behind a trusted proxy, so that each request can come from its own address.
    let server = TestServer::behind_proxy().await;
    server.user("cible", Role::Member).await;
    server.user("voisine", Role::Member).await;
    let anon = server.api();
    let attempt = |login: &'static str, password: &'static str, from: &'static str| {
        let anon = anon.clone();
        async move {
            let request = anon
                .client
                .post(format!("{}/api/v1/tokens", anon.base))
                .header("x-forwarded-for", from)
                .json(&json!({ "login": login, "password": password }));
            anon.send(request).await
        }
    };
    const HOME: &str = "192.0.2.10";
    const ATTACKER: &str = "198.51.100.66";
    // The member logged in from home before.
    let (status, body) = attempt("cible", PASSWORD, HOME).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    for n in 1..=10 {
        assert_error(
            &attempt("cible", "mauvais mot de passe", ATTACKER).await,
            StatusCode::UNAUTHORIZED,
            "wrong_credentials",
            &format!("attempt {n}"),
        );
    }
    // Strangers are refused now, even with the right password, whatever the login's case.
    let limited = attempt("cible", PASSWORD, ATTACKER).await;
    let message = assert_error(&limited, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts", "11th attempt");
    assert_eq!(message, Lang::FR.t(K::ErrRateLimited));
    let (status, _) = attempt("CIBLE", PASSWORD, "203.0.113.7").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "a stranger's address");
    // The member, from her own address, gets in.
    let (status, body) = attempt("Cible", PASSWORD, HOME).await;
    assert_eq!(status, StatusCode::CREATED, "the member is locked out: {body}");
    // Other accounts are not locked out, not even from the attacker's address.
    let (status, body) = attempt("voisine", PASSWORD, ATTACKER).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_failures_from_one_address_lock_out_every_login_from_it() {
    let server = TestServer::start().await;
    server.user("camille", Role::Member).await;
    let anon = server.api();
    // Three failures on each of ten accounts: no account reaches its own limit.
    for n in 0..30 {
        let login = format!("inconnu{}", n % 10);
        let answer = anon.post("/api/v1/tokens", &json!({ "login": login, "password": "mauvais mot de passe" })).await;
        assert_error(&answer, StatusCode::UNAUTHORIZED, "wrong_credentials", &format!("failure {n}"));
    }
    let answer = anon.post("/api/v1/tokens", &json!({ "login": "camille", "password": PASSWORD })).await;
    assert_error(&answer, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts", "31st attempt from the address");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_logins_are_refused_and_counted_on_a_bounded_key() {
    let server = TestServer::start().await;
    // The longest login there can be (64 characters).
    let longest = "l".repeat(64);
    server.user(&longest, Role::Member).await;
    let anon = server.api();
    // A login one character longer is another login, whatever the password, and not the
    // first 64 characters of it.
    for suffix in ["x", "é"] {
        let answer =
            anon.post("/api/v1/tokens", &json!({ "login": format!("{longest}{suffix}"), "password": PASSWORD })).await;
        assert_error(&answer, StatusCode::UNAUTHORIZED, "wrong_credentials", "65 characters");
    }
    // Megabyte-long logins are refused like any wrong login, and the limiter counts them on
    // their first 64 characters: it never keeps a megabyte per attempt.
    for n in 0..8 {
        let login = format!("{longest}{}{n}", "m".repeat(1024 * 1024));
        let answer = anon.post("/api/v1/tokens", &json!({ "login": login, "password": PASSWORD })).await;
        assert_error(&answer, StatusCode::UNAUTHORIZED, "wrong_credentials", "a megabyte-long login");
    }
    let limited = anon.post("/api/v1/tokens", &json!({ "login": longest, "password": PASSWORD })).await;
    assert_error(
        &limited,
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_attempts",
        "ten failures on the same 64 characters",
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn merges_that_empty_the_text_or_name_too_many_amendments_are_refused() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let slug = drafter.publish("court", &["Une ligne.", "Une autre."]).await;
    let deletion = drafter.propose(&slug, 1, 1, 2, &[]).await;
    drafter.accept(deletion).await;
    let before = snapshot(&drafter, &slug).await;
    let answer = merge(&drafter, &slug, 1, &[deletion]).await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "empty_text", "merge deleting every line");
    assert_eq!(snapshot(&drafter, &slug).await, before, "a refused merge changed something");

    let ids: Vec<i64> = (1..=5_001).collect();
    let answer = merge(&drafter, &slug, 1, &ids).await;
    let message = assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "too_many_to_merge", "merge of 5,001");
    assert!(message.contains("5"), "{message}");
    assert_eq!(snapshot(&drafter, &slug).await, before, "a refused merge changed something");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_method_gets_the_json_error_body() {
    let server = TestServer::start().await;
    let api = server.api();
    let (status, body) = api.send(api.client.delete(format!("{}/api/v1/texts", api.base))).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(body["error"]["code"], "method_not_allowed", "{body}");
    assert!(body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_amendment_moves_once_when_a_merge_shifts_lines_in_several_places() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let lines = paragraphs(20);
    publish_lines(&drafter, "long", &lines).await;
    let insertion = drafter.propose("long", 1, 3, 0, &["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"]).await;
    let deletion = drafter.propose("long", 1, 15, 1, &[]).await;
    // Line 10 moves past the deletion's line once shifted by the insertion: it must not
    // shift a second time.
    let watched: Vec<(u64, i64)> = vec![
        (2, drafter.propose("long", 1, 2, 1, &["deux"]).await),
        (10, drafter.propose("long", 1, 10, 1, &["dix"]).await),
        (18, drafter.propose("long", 1, 18, 1, &["dix-huit"]).await),
    ];
    drafter.accept(insertion).await;
    drafter.accept(deletion).await;
    merge_ok(&drafter, "long", 1, &[insertion, deletion]).await;
    let head = drafter.lines("long").await;
    for (line, id) in watched {
        let amendment = amendment(&drafter, id).await;
        let (revision, start, count) = anchor(&amendment);
        assert_eq!((revision, count), (2, 1), "{amendment}");
        let expected = match line {
            2 => 2,
            10 => 20,
            _ => 27,
        };
        assert_eq!(start, expected, "line {line}: {amendment}");
        assert_eq!(head[start as usize - 1], lines[line as usize - 1], "line {line} no longer on its own text");
    }
    server.stop().await;
}

// ---------------------------------------------------------------------------------------
// The OpenAPI document.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_lists_every_operation_of_the_api() {
    let server = TestServer::start().await;
    let (status, doc) = server.api().get("/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")), "not OpenAPI 3: {}", doc["openapi"]);

    // Every route of the API router in src/http/mod.rs, with its methods and whether it
    // needs a bearer token.
    let routes: &[(&str, &[(&str, bool)])] = &[
        ("/api/v1/tokens", &[("get", true), ("post", false)]),
        ("/api/v1/tokens/{id}", &[("delete", true)]),
        ("/api/v1/texts", &[("get", false), ("post", true)]),
        ("/api/v1/topics", &[("get", false), ("post", true)]),
        ("/api/v1/texts/{slug}", &[("get", false), ("put", true)]),
        ("/api/v1/texts/{slug}/revisions", &[("get", false)]),
        ("/api/v1/texts/{slug}/revisions/{number}", &[("get", false)]),
        ("/api/v1/texts/{slug}/diff", &[("get", false)]),
        ("/api/v1/texts/{slug}/provenance", &[("get", false)]),
        ("/api/v1/texts/{slug}/amendments", &[("get", false), ("post", true)]),
        ("/api/v1/texts/{slug}/merge", &[("post", true)]),
        ("/api/v1/texts/{slug}/preview", &[("post", false)]),
        ("/api/v1/texts/{slug}/phase", &[("put", true)]),
        ("/api/v1/texts/{slug}/settings", &[("put", true)]),
        ("/api/v1/amendments/{id}", &[("get", false), ("put", true)]),
        ("/api/v1/amendments/{id}/withdraw", &[("post", true)]),
        ("/api/v1/amendments/{id}/decision", &[("post", true)]),
        ("/api/v1/amendments/{id}/support", &[("post", true), ("delete", true)]),
        ("/api/v1/amendments/{id}/vote", &[("put", true)]),
        ("/api/v1/amendments/{id}/editorial", &[("put", true)]),
        ("/api/v1/texts/{slug}/merge-editorial", &[("post", true)]),
        ("/api/v1/texts/{slug}/comments", &[("get", false), ("post", true)]),
        ("/api/v1/texts/{slug}/questions", &[("get", false), ("post", true)]),
        ("/api/v1/questions/{id}", &[("get", false)]),
        ("/api/v1/questions/{id}/answer", &[("put", true)]),
        ("/api/v1/comments/{id}", &[("put", true), ("delete", true)]),
        ("/api/v1/comments/{id}/hide", &[("post", true)]),
        ("/api/v1/me", &[("get", true), ("delete", true)]),
        ("/api/v1/me/export", &[("get", true)]),
        ("/api/v1/me/amendments", &[("get", true)]),
        ("/api/v1/search", &[("get", false)]),
        ("/api/v1/notifications", &[("get", true)]),
        ("/api/v1/notifications/read", &[("post", true)]),
        ("/api/v1/me/notifications", &[("get", true), ("put", true)]),
        ("/api/v1/texts/{slug}/follow", &[("put", true), ("delete", true)]),
        ("/api/v1/members", &[("get", true), ("post", true)]),
        ("/api/v1/members/import", &[("post", true)]),
        ("/api/v1/members/{login}", &[("patch", true)]),
        ("/api/v1/members/{login}/invitation", &[("post", true)]),
        ("/api/v1/openapi.json", &[("get", false)]),
    ];
    // The files the pages offer, listed too: their refusals are pages.
    let files = [
        ("/texts/{slug}/export.txt", "text/plain; charset=utf-8"),
        ("/texts/{slug}/export.md", "text/markdown; charset=utf-8"),
        ("/texts/{slug}/export.pdf", "application/pdf"),
        ("/texts/{slug}/export.odt", "application/vnd.oasis.opendocument.text"),
        ("/texts/{slug}/export.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("/texts/{slug}/amendments.csv", "text/csv; charset=utf-8"),
        ("/texts/{slug}/amendments.ods", "application/vnd.oasis.opendocument.spreadsheet"),
        ("/texts/{slug}/amendments.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("/texts/{slug}/book.html", "text/html; charset=utf-8"),
        ("/texts/{slug}/book.pdf", "application/pdf"),
    ];
    let published =
        server.api_as("redaction", Role::Drafter).await.publish("fichiers", &["# Titre", "Un alinéa."]).await;
    for (path, media_type) in files {
        let operation = &doc["paths"][path]["get"];
        assert_eq!(operation["tags"], json!(["files"]), "{path}");
        assert!(operation["responses"]["200"]["content"][media_type].is_object(), "{path}: {}", operation["responses"]);
        for status in ["400", "404"] {
            assert!(
                operation["responses"][status]["content"]["text/html; charset=utf-8"].is_object(),
                "{path} {status}"
            );
        }
        // And the server answers what the document says.
        let response = server.browser().get_response(&path.replace("{slug}", &published)).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(response.headers()["content-type"], media_type, "{path}");
    }
    let paths = doc["paths"].as_object().expect("paths");
    let mut listed: Vec<&str> = paths.keys().map(String::as_str).collect();
    let mut expected: Vec<&str> =
        routes.iter().map(|(path, _)| *path).chain(files.iter().map(|(path, _)| *path)).collect();
    listed.sort_unstable();
    expected.sort_unstable();
    assert_eq!(listed, expected);

    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    for (path, methods) in routes {
        let item = paths[*path].as_object().expect("path item");
        let mut documented: Vec<&str> = item.keys().map(String::as_str).filter(|k| *k != "parameters").collect();
        let mut routed: Vec<&str> = methods.iter().map(|(method, _)| *method).collect();
        documented.sort_unstable();
        routed.sort_unstable();
        assert_eq!(documented, routed, "methods of {path}");
        for (method, needs_token) in *methods {
            let operation = &item[*method];
            let context = format!("{method} {path}");
            // Path parameters are declared.
            for name in path.split('/').filter_map(|s| s.strip_prefix('{')?.strip_suffix('}')) {
                let declared = operation["parameters"]
                    .as_array()
                    .is_some_and(|ps| ps.iter().any(|p| p["name"] == name && p["in"] == "path"));
                assert!(declared, "{context}: path parameter {name}");
            }
            // One success; writes that create answer 201; a proposal already open answers 200.
            let responses = operation["responses"].as_object().expect("responses");
            let successes: Vec<&str> = responses.keys().map(String::as_str).filter(|s| s.starts_with('2')).collect();
            let creates = *method == "post"
                && [
                    "/tokens",
                    "/texts",
                    "/topics",
                    "/amendments",
                    "/merge",
                    "/merge-editorial",
                    "/comments",
                    "/members",
                    "/import",
                    "/invitation",
                    "/questions",
                ]
                .iter()
                .any(|end| path.ends_with(end));
            let creates = creates || (*method == "put" && *path == "/api/v1/texts/{slug}");
            let expected: &[&str] = match (creates, *path == "/api/v1/texts/{slug}/amendments") {
                (true, true) => &["200", "201"],
                (true, false) => &["201"],
                (false, _) => &["200"],
            };
            assert_eq!(successes, expected, "{context}");
            // Errors answer the error body.
            for (status, response) in responses.iter().filter(|(s, _)| s.starts_with('4')) {
                let schema = &response["content"]["application/json"]["schema"]["$ref"];
                assert_eq!(schema, "#/components/schemas/ErrorBody", "{context} {status}");
            }
            // Bearer tokens where a role is needed; optional on reads that may show more.
            let security = operation["security"].as_array().cloned().unwrap_or_default();
            let bearer = security.iter().any(|s| s.get("bearer").is_some());
            let anonymous = security.is_empty() || security.iter().any(|s| s.as_object().is_some_and(|o| o.is_empty()));
            if *needs_token {
                assert!(bearer && !anonymous, "{context} needs a bearer token: {}", operation["security"]);
                // Another member's token is one that does not exist (404), never forbidden.
                // One's own account needs no role: only a missing token is refused.
                let refusals: &[&str] = match *path {
                    "/api/v1/tokens/{id}" => &["401", "404"],
                    // One's own account, notifications and follows.
                    own if own.starts_with("/api/v1/me")
                        || own.starts_with("/api/v1/notifications")
                        || own.ends_with("/follow") =>
                    {
                        &["401"]
                    }
                    _ => &["401", "403"],
                };
                for status in refusals {
                    assert!(responses.contains_key(*status), "{context}: {status}");
                }
            }
            let csv = &operation["requestBody"]["content"]["text/csv"];
            if csv.is_object() {
                // A CSV file: text, and the size limit applies.
                assert_eq!(csv["schema"]["type"], "string", "{context}");
                assert!(responses.contains_key("413"), "{context}: 413");
            } else if operation.get("requestBody").is_some() {
                // A schema of its own, or (for an optional body) that schema or nothing.
                let schema = &operation["requestBody"]["content"]["application/json"]["schema"];
                let named = schema["$ref"].as_str().or_else(|| {
                    let choices = schema["oneOf"].as_array()?;
                    choices.iter().find_map(|choice| choice["$ref"].as_str())
                });
                let name = named.and_then(|r| r.strip_prefix("#/components/schemas/")).expect("a schema");
                assert!(schemas.contains_key(name), "{context}: {name}");
                for status in ["400", "413"] {
                    assert!(responses.contains_key(status), "{context}: {status}");
                }
            }
        }
    }
    assert!(doc["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer", "{}", doc["components"]);
    let error = &schemas["ErrorJson"];
    assert_eq!(error["required"], json!(["code", "message"]), "{error}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_addresses_under_the_api_answer_its_json_error() {
    let server = TestServer::start().await;
    let api = server.api();
    for path in ["/api", "/api/v1", "/api/v1/", "/api/v2/texts"] {
        let (status, body) = api.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(body["error"]["code"], "not_found", "{path}: {body}");
    }
    server.stop().await;
}

/// What the document says of a JSON value: whether it fits `schema`, checking the
/// constraints a client generated from it would (types, required and unknown fields,
/// lengths in characters, patterns, ranges, item counts).
fn fits(doc: &Value, schema: &Value, value: &Value) -> bool {
    let schema = match schema["$ref"].as_str() {
        Some(reference) => &doc["components"]["schemas"][reference.trim_start_matches("#/components/schemas/")],
        None => schema,
    };
    if let Some(parts) = schema["oneOf"].as_array() {
        return parts.iter().filter(|part| fits(doc, part, value)).count() == 1;
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(kind) => vec![kind.as_str()],
        Value::Array(kinds) => kinds.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    let typed = types.is_empty()
        || types.iter().any(|kind| match *kind {
            "null" => value.is_null(),
            // JSON Schema's integers are mathematical: 2873.0 is one.
            "integer" => value.as_f64().is_some_and(|n| n.fract() == 0.0),
            "number" => value.is_number(),
            "string" => value.is_string(),
            "array" => value.is_array(),
            "object" => value.is_object(),
            "boolean" => value.is_boolean(),
            _ => false,
        });
    if !typed || schema["enum"].as_array().is_some_and(|choices| !choices.contains(value)) {
        return false;
    }
    if let Some(number) = value.as_f64()
        && (schema["minimum"].as_f64().is_some_and(|minimum| number < minimum)
            || schema["maximum"].as_f64().is_some_and(|maximum| number > maximum))
    {
        return false;
    }
    if let Some(text) = value.as_str() {
        let length = text.chars().count() as u64;
        if schema["minLength"].as_u64().is_some_and(|min| length < min)
            || schema["maxLength"].as_u64().is_some_and(|max| length > max)
        {
            return false;
        }
        if let Some(pattern) = schema["pattern"].as_str() {
            let regex = fancy_regex::Regex::new(pattern).unwrap_or_else(|error| panic!("pattern {pattern}: {error}"));
            if !regex.is_match(text).unwrap_or(false) {
                return false;
            }
        }
    }
    if let Some(list) = value.as_array() {
        let count = list.len() as u64;
        if schema["minItems"].as_u64().is_some_and(|min| count < min)
            || schema["maxItems"].as_u64().is_some_and(|max| count > max)
            || (schema["uniqueItems"] == json!(true) && list.iter().enumerate().any(|(i, a)| list[..i].contains(a)))
            || !list.iter().all(|item| fits(doc, &schema["items"], item))
        {
            return false;
        }
    }
    if let Some(object) = value.as_object() {
        let properties = schema["properties"].as_object();
        let required = schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str);
        if required.into_iter().any(|name| !object.contains_key(name)) {
            return false;
        }
        for (name, inner) in object {
            match properties.and_then(|properties| properties.get(name)) {
                Some(property) if !fits(doc, property, inner) => return false,
                None if schema["additionalProperties"] == json!(false) => return false,
                _ => {}
            }
        }
    }
    true
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_the_document_calls_valid_is_refused_only_for_a_rule_of_the_domain() {
    let w = world().await;
    publish_lines(&w.drafter, "contrat", &paragraphs(3)).await;
    let (_, doc) = w.anon.get("/api/v1/openapi.json").await;
    let body_schema = |path: &str, method: &str| {
        doc["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"].clone()
    };
    let proposal = body_schema("/api/v1/texts/{slug}/amendments", "post");
    let new_text = body_schema("/api/v1/texts", "post");
    let merge = body_schema("/api/v1/texts/{slug}/merge", "post");

    // What clients were refused for though the document let them send it: the document
    // now says no to each, and the server with it.
    let refused_by_both = [
        (&new_text, json!({ "slug": "", "title": "T", "body": "x" }), "/api/v1/texts"),
        (&new_text, json!({ "slug": "new", "title": "T", "body": "x" }), "/api/v1/texts"),
        (&new_text, json!({ "slug": "ok-slug", "title": " \u{200B} ", "body": "x" }), "/api/v1/texts"),
        (&new_text, json!({ "slug": "ok-slug", "title": "T", "body": "x", "couleur": 1 }), "/api/v1/texts"),
        (
            &proposal,
            json!({ "base": 1, "start": 2, "count": 1, "new_lines": ["x"], "rationale": "" }),
            "/api/v1/texts/contrat/amendments",
        ),
        (
            &proposal,
            json!({ "base": 1, "start": 2, "count": 1, "new_lines": ["x"], "rationale": "   " }),
            "/api/v1/texts/contrat/amendments",
        ),
        (
            &proposal,
            json!({ "base": 1, "start": 2, "count": 1, "new_lines": ["a\u{1}b"], "rationale": "r" }),
            "/api/v1/texts/contrat/amendments",
        ),
        (
            &proposal,
            json!({ "base": 1, "start": 0, "count": 1, "new_lines": ["x"], "rationale": "r" }),
            "/api/v1/texts/contrat/amendments",
        ),
        (
            &proposal,
            json!({ "base": 1, "start": 2.5, "count": 1, "new_lines": ["x"], "rationale": "r" }),
            "/api/v1/texts/contrat/amendments",
        ),
        (&merge, json!({ "base": 1, "amendments": [] }), "/api/v1/texts/contrat/merge"),
        (&merge, json!({ "base": 1, "amendments": [1, 1] }), "/api/v1/texts/contrat/merge"),
    ];
    for (schema, body, path) in &refused_by_both {
        assert!(!fits(&doc, schema, body), "the document lets {body} through");
        let (status, answer) = w.drafter.post(path, body).await;
        assert!(status.is_client_error(), "{body}: {status} {answer}");
    }
    // What the document calls valid gets through, or is refused for a rule of the domain.
    let domain =
        ["invalid_anchor", "unknown_revision", "no_change", "anchor_touched", "not_found", "foreign_amendment"];
    let valid = [
        json!({ "base": 1.0, "start": 2873.0, "count": 0, "new_lines": ["Plus loin."], "rationale": "r" }),
        json!({ "base": 1, "start": 2, "count": 1, "new_lines": ["\u{FEFF}Autre,\u{200B} mieux."], "rationale": "Motif\u{0B}sur deux lignes." }),
        json!({ "base": 1, "start": 4, "count": 0, "new_lines": ["", "Ajout."], "rationale": "r", "summary": "" }),
    ];
    for body in &valid {
        assert!(fits(&doc, &proposal, body), "the document refuses {body}");
        let (status, answer) = w.alice.post("/api/v1/texts/contrat/amendments", body).await;
        let code = answer["error"]["code"].as_str().unwrap_or_default();
        assert!(status.is_success() || domain.contains(&code), "{body}: {status} {answer}");
    }
    w.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phase_move_and_the_texts_it_shows_fit_the_schemas_the_document_declares() {
    let w = world().await;
    publish_lines(&w.drafter, "contrat", &paragraphs(3)).await;
    let (_, doc) = w.anon.get("/api/v1/openapi.json").await;
    let answer_schema = |path: &str, method: &str, status: &str| {
        doc["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"].clone()
    };
    let request =
        doc["paths"]["/api/v1/texts/{slug}/phase"]["put"]["requestBody"]["content"]["application/json"]["schema"]
            .clone();
    let deadline = redraft::i18n::rfc3339(redraft::store::now() + 86_400);
    let body = json!({ "phase": "consultation", "deadline": deadline });
    assert!(fits(&doc, &request, &body), "the document refuses {body}");
    assert!(!fits(&doc, &request, &json!({ "phase": "closed" })), "the document lets an unknown phase through");
    let (status, moved) = w.drafter.put("/api/v1/texts/contrat/phase", &body).await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    assert!(fits(&doc, &answer_schema("/api/v1/texts/{slug}/phase", "put", "200"), &moved), "{moved}");
    assert_eq!(moved["deadline"], json!(deadline));
    let fields = &doc["components"]["schemas"]["TextFields"]["properties"]["deadline"];
    assert_eq!((fields["format"].as_str(), &fields["type"]), (Some("date-time"), &json!(["string", "null"])));

    let (_, text) = w.anon.get("/api/v1/texts/contrat").await;
    assert!(fits(&doc, &answer_schema("/api/v1/texts/{slug}", "get", "200"), &text), "{text}");
    assert_eq!(text["deadline"], json!(deadline));
    let (_, list) = w.anon.get("/api/v1/texts").await;
    assert!(fits(&doc, &answer_schema("/api/v1/texts", "get", "200"), &list), "{list}");
    assert_eq!(list[0]["deadline"], json!(deadline));
    w.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_answers_of_search_fates_and_notifications_fit_the_schemas_the_document_declares() {
    // The notifier runs, so that there are notifications to read.
    let mail = redraft::mail::MailConfig { poll: std::time::Duration::from_millis(100), ..Default::default() };
    let server = TestServer::with_mail(mail).await;
    let (drafter, alice) =
        (server.api_as("redactrice", Role::Drafter).await, server.api_as("alice", Role::Member).await);
    let w = World { drafter, admin: server.api(), alice, bob: server.api(), anon: server.api(), server };
    publish_lines(&w.drafter, "contrat", &paragraphs(3)).await;
    let (_, doc) = w.anon.get("/api/v1/openapi.json").await;
    let answer_schema =
        |path: &str| doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"].clone();
    let adopted = w.alice.propose("contrat", 1, 2, 1, &["Un alinéa adopté puis récrit."]).await;
    let rejected = w.alice.propose("contrat", 1, 3, 1, &["Un alinéa refusé."]).await;
    w.drafter.accept(adopted).await;
    let (status, answer) =
        w.drafter.post("/api/v1/texts/contrat/merge", &json!({ "base": 1, "amendments": [adopted] })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let (status, answer) = w
        .drafter
        .post(&format!("/api/v1/amendments/{rejected}/decision"), &json!({ "decision": "reject", "note": "Non." }))
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let (status, answer) =
        w.drafter.put("/api/v1/texts/contrat", &json!({ "base": 2, "body": paragraphs(3).join("\n") })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    // The notifier writes after the decisions are answered.
    w.alice.notifications_when(|list| list.len() >= 2).await;
    for (api, path, schema) in [
        (&w.alice, "/api/v1/notifications".to_owned(), "/api/v1/notifications"),
        (&w.alice, "/api/v1/me/amendments".to_owned(), "/api/v1/me/amendments"),
        (&w.alice, "/api/v1/me/notifications".to_owned(), "/api/v1/me/notifications"),
        (&w.anon, "/api/v1/search?q=alin%C3%A9a".to_owned(), "/api/v1/search"),
        (&w.anon, format!("/api/v1/amendments/{adopted}"), "/api/v1/amendments/{id}"),
        (&w.anon, format!("/api/v1/amendments/{rejected}"), "/api/v1/amendments/{id}"),
    ] {
        let (status, answer) = api.get(&path).await;
        assert_eq!(status, StatusCode::OK, "{path}: {answer}");
        assert!(fits(&doc, &answer_schema(schema), &answer), "{path} does not fit its schema: {answer}");
    }
    // The adopted amendment's fate names the revision that changed its words.
    let (_, detail) = w.anon.get(&format!("/api/v1/amendments/{adopted}")).await;
    assert_eq!((&detail["fate"]["kind"], &detail["fate"]["changed_in"]), (&json!("adopted"), &json!(3)), "{detail}");
    w.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_is_no_json_object_is_refused_on_every_route_never_read_by_position() {
    let w = world().await;
    publish_lines(&w.drafter, "positions", &paragraphs(3)).await;
    let id = w.alice.propose("positions", 1, 2, 1, &["Deux, autrement."]).await;
    let before = snapshot(&w.drafter, "positions").await;
    for (method, path, content_type) in routes_taking_a_body(&w, "positions", id).await {
        if !path.starts_with("/api/") || content_type != "application/json" {
            continue;
        }
        // `[7]` would have set the first field of any operation, `["consultation", …]` a phase.
        for body in ["[7]", "[\"consultation\", \"2030-01-01T00:00:00Z\"]", "[]", "\"x\"", "12", "true", "false"] {
            let request = w
                .drafter
                .client
                .request(method.clone(), format!("{}{path}", w.drafter.base))
                .header("content-type", content_type)
                .header("accept-language", "en")
                .body(body);
            let (status, answer) = w.drafter.send(request).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{method} {path} {body}: {answer}");
            let message = answer["error"]["message"].as_str().unwrap_or_default();
            assert!(message.starts_with("The body must be a JSON object"), "{method} {path} {body}: {answer}");
        }
    }
    assert_eq!(snapshot(&w.drafter, "positions").await, before, "a body read by position changed something");
    // `null` is no body, where a body is optional.
    let request = w.bob.client.post(format!("{}/api/v1/amendments/{id}/support", w.bob.base)).body("null");
    let (status, answer) = w.bob.send(request).await;
    assert_eq!((status, &answer["supporters"]), (StatusCode::OK, &json!(1)), "{answer}");
    w.server.stop().await;
}
