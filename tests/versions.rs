//! What a member sees is what counts (rule 8b), from both doors: a decision, a withdrawal,
//! an edit or a merge selection acts on the version its author saw, and is refused with
//! what changed when the amendment changed since; one submission has one effect, however
//! often it is sent; an amendment's history shows every move; nothing sent is ignored.

mod common;

use common::{Api, Browser, TestServer};
use redraft::domain::Role;
use redraft::i18n::{Arg, K, Lang};
use reqwest::StatusCode;
use serde_json::{Value, json};

const PROGRAMME: &[&str] = &[
    "# Programme",
    "Des transports gratuits pour les moins de 26 ans.",
    "Des écoles ouvertes le samedi.",
    "La santé est un droit.",
];

struct World {
    server: TestServer,
    drafter: Api,
    author: Api,
    drafter_page: Browser,
    author_page: Browser,
}

async fn world() -> World {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let author = server.api_as("camille", Role::Member).await;
    let drafter_page = server.browser();
    drafter_page.log_in("redaction", common::PASSWORD).await;
    let author_page = server.browser();
    author_page.log_in("camille", common::PASSWORD).await;
    drafter.publish("programme", PROGRAMME).await;
    World { server, drafter, author, drafter_page, author_page }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Every hidden field of the form posting to `action`.
fn hidden_fields(page: &str, action: &str) -> Vec<(String, String)> {
    let Some(at) = page.find(&format!("action=\"{action}\"")) else { return Vec::new() };
    let form = &page[at..];
    let form = &form[..form.find("</form>").unwrap_or(form.len())];
    form.split("<input ")
        .skip(1)
        .filter(|tag| tag.contains("type=\"hidden\""))
        .filter_map(|tag| {
            let value = |attribute: &str| {
                let marker = format!("{attribute}=\"");
                let start = tag.find(&marker)? + marker.len();
                Some(tag[start..start + tag[start..].find('"')?].to_owned())
            };
            Some((value("name")?, value("value").unwrap_or_default()))
        })
        .collect()
}

async fn post(browser: &Browser, action: &str, fields: &[(String, String)]) -> (StatusCode, Option<String>, String) {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(name, value)| (name.as_str(), value.as_str())).collect();
    browser.post_form(action, &pairs).await
}

fn with(mut fields: Vec<(String, String)>, more: &[(&str, &str)]) -> Vec<(String, String)> {
    fields.extend(more.iter().map(|(name, value)| ((*name).to_owned(), (*value).to_owned())));
    fields
}

async fn amendment(api: &Api, id: i64) -> Value {
    let (status, body) = api.get(&format!("/api/v1/amendments/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

async fn etag(api: &Api, id: i64) -> String {
    let response = api.client.get(format!("{}/api/v1/amendments/{id}", api.base)).send().await.expect("get");
    response.headers().get("etag").and_then(|v| v.to_str().ok()).expect("an ETag").to_owned()
}

/// Edits an amendment through the API, as its author does from another device.
async fn edit_wording(author: &Api, id: i64, wording: &str) {
    let body = json!({ "base": 1, "start": 2, "count": 1, "new_lines": [wording], "rationale": "Mieux ainsi." });
    let (status, answer) = author.put(&format!("/api/v1/amendments/{id}"), &body).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_decision_on_wording_the_drafter_never_saw_is_refused_from_the_page_with_what_changed() {
    let w = world().await;
    let id = w
        .author
        .propose("programme", 1, 2, 1, &["Des transports gratuits pour les moins de 26 ans, et le soir."])
        .await;
    // The drafter opens the review desk: the decision form carries the version shown.
    let (_, desk) = w.drafter_page.get("/texts/programme/review").await;
    let action = format!("/amendments/{id}/decision");
    let fields = hidden_fields(&desk, &action);
    assert!(fields.iter().any(|(name, _)| name == "version"), "the form carries no version: {fields:?}");
    // Meanwhile the author rewrites it.
    edit_wording(&w.author, id, "Des transports payants pour les moins de 26 ans.").await;
    let (status, _, page) =
        post(&w.drafter_page, &action, &with(fields.clone(), &[("decision", "accept"), ("note", "D’accord & merci.")]))
            .await;
    assert_eq!(status, StatusCode::CONFLICT, "{page}");
    assert!(page.contains(&escape(Lang::FR.t(K::StaleTitle))), "{page}");
    assert!(page.contains("<del>gratuits</del>") && page.contains("<ins>payants</ins>"), "what changed: {page}");
    assert!(page.contains("D’accord &amp; merci."), "the note typed is lost: {page}");
    assert_eq!(amendment(&w.author, id).await["state"], "open", "the stale decision was applied");
    // On the current wording, the decision goes through.
    let fields = hidden_fields(&page, &action);
    let (status, _, body) = post(&w.drafter_page, &action, &with(fields, &[("decision", "accept")])).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(amendment(&w.author, id).await["state"], "accepted");
    w.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_acts_on_the_version_if_match_names() {
    let w = world().await;
    let id = w.author.propose("programme", 1, 2, 1, &["Des transports gratuits pour tous."]).await;
    let seen = etag(&w.drafter, id).await;
    assert_eq!(seen, format!("\"v{}\"", amendment(&w.drafter, id).await["version"]));
    edit_wording(&w.author, id, "Des transports payants pour tous.").await;

    let decide = |tag: &str| {
        w.drafter
            .client
            .post(format!("{}/api/v1/amendments/{id}/decision", w.drafter.base))
            .header("if-match", tag)
            .header("accept-language", "en")
            .json(&json!({ "decision": "accept" }))
    };
    let (status, answer) = w.drafter.send(decide(&seen)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{answer}");
    assert_eq!(answer["error"]["code"], "stale_version");
    let details = &answer["error"]["details"];
    assert_eq!(details["new_lines"], json!(["Des transports payants pour tous."]), "{answer}");
    assert_eq!(details["seen"].to_string(), seen.trim_matches(|c| c == '"' || c == 'v'));
    assert_eq!(amendment(&w.drafter, id).await["state"], "open");

    // Tags that are no version of it (weak, another spelling of the number, another
    // resource's) name nothing it is: stale too.
    let current = etag(&w.drafter, id).await;
    let number = current.trim_matches(|c| c == '"' || c == 'v');
    for other in
        [format!("W/{current}"), format!("\"v0{number}\""), format!("\"v+{number}\""), "\"r1.consultation\"".into()]
    {
        let (status, answer) = w.drafter.send(decide(&other)).await;
        assert_eq!(
            (status, answer["error"]["code"].as_str()),
            (StatusCode::CONFLICT, Some("stale_version")),
            "{other}"
        );
    }
    // What is no list of entity tags is unreadable, and changes nothing.
    for unreadable in ["v1", "", "*, \"v1\"", "\"v1"] {
        let (status, answer) = w.drafter.send(decide(unreadable)).await;
        assert_eq!(
            (status, answer["error"]["code"].as_str()),
            (StatusCode::BAD_REQUEST, Some("bad_request")),
            "{unreadable:?}: {answer}"
        );
    }
    assert_eq!(amendment(&w.drafter, id).await["state"], "open");
    // A list passes when one of its tags is current, wherever it stands.
    let (status, answer) = w.drafter.send(decide(&format!("{seen}, {current}"))).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_ne!(etag(&w.drafter, id).await, current, "a decision makes a new version");

    // Withdrawing what was accepted meanwhile: refused when the author named the old version.
    let withdraw =
        w.author.client.post(format!("{}/api/v1/amendments/{id}/withdraw", w.author.base)).header("if-match", &current);
    let (status, answer) = w.author.send(withdraw).await;
    assert_eq!((status, answer["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("stale_version")), "{answer}");
    w.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_merge_selection_takes_only_the_wording_its_drafter_saw() {
    let w = world().await;
    let id = w.author.propose("programme", 1, 3, 1, &["Des écoles ouvertes le mercredi."]).await;
    w.drafter.accept(id).await;
    let (_, desk) = w.drafter_page.get("/texts/programme/review?state=accepted").await;
    let ticked = format!("{id}v{}", amendment(&w.drafter, id).await["version"]);
    assert!(desk.contains(&format!("value=\"{ticked}\"")), "the box does not name the version: {desk}");
    // Another drafter accepts it with other wording before the merge is sent.
    let body = json!({ "decision": "accept", "new_lines": ["Des écoles fermées le mercredi."] });
    let (status, answer) = w.drafter.post(&format!("/api/v1/amendments/{id}/decision"), &body).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let typed = [("amendments", ticked.as_str()), ("summary", "Intégration d’avril")];
    let fields = with(hidden_fields(&desk, "/texts/programme/merge"), &typed);
    let (status, _, page) = post(&w.drafter_page, "/texts/programme/merge", &fields).await;
    assert_eq!(status, StatusCode::CONFLICT, "{page}");
    assert_eq!(w.drafter.head("programme").await, 1, "a stale selection was merged");
    assert!(page.contains("value=\"Intégration d’avril\""), "the summary typed is lost: {page}");
    // A selection that names no amendment is unreadable, not a missing amendment.
    let fields = with(hidden_fields(&desk, "/texts/programme/merge"), &[("amendments", "-112v1")]);
    let (status, _, page) = post(&w.drafter_page, "/texts/programme/merge", &fields).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{page}");
    // The API says the same with the version in the list.
    let body = json!({ "base": 1, "amendments": [{ "id": id, "version": 2 }] });
    let (status, answer) = w.drafter.post("/api/v1/texts/programme/merge", &body).await;
    assert_eq!((status, answer["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("stale_version")), "{answer}");
    let current = amendment(&w.drafter, id).await["version"].clone();
    let body = json!({ "base": 1, "amendments": [{ "id": id, "version": current }] });
    let (status, answer) = w.drafter.post("/api/v1/texts/programme/merge", &body).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    assert_eq!(w.drafter.lines("programme").await[2], "Des écoles fermées le mercredi.");
    w.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_creating_form_sent_twice_has_one_effect() {
    let w = world().await;
    // A proposal tapped twice.
    let (_, form) = w.author_page.get("/texts/programme/amend?revision=1&start=4&count=1").await;
    let fields = with(
        hidden_fields(&form, "/texts/programme/amendments"),
        &[
            ("start", "4"),
            ("count", "1"),
            ("new_lines", "La santé est un droit pour toutes et tous."),
            ("rationale", "Inclusif."),
            ("action", "file"),
        ],
    );
    let first = post(&w.author_page, "/texts/programme/amendments", &fields).await;
    let second = post(&w.author_page, "/texts/programme/amendments", &fields).await;
    assert_eq!((first.0, second.0), (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER), "{}", second.2);
    let (_, list) = w.author.get("/api/v1/texts/programme/amendments").await;
    assert_eq!(list.as_array().map(Vec::len), Some(1), "a double tap filed two amendments: {list}");
    let id = list[0]["id"].as_i64().expect("id");
    for (_, location, _) in [&first, &second] {
        assert!(location.as_deref().is_some_and(|l| l.starts_with(&format!("/amendments/{id}?"))), "{location:?}");
    }

    // A decision tapped twice: the second answers as the first (no stale version).
    let (_, page) = w.drafter_page.get(&format!("/amendments/{id}")).await;
    let action = format!("/amendments/{id}/decision");
    let fields = with(hidden_fields(&page, &action), &[("decision", "accept")]);
    let first = post(&w.drafter_page, &action, &fields).await;
    let second = post(&w.drafter_page, &action, &fields).await;
    assert_eq!((first.0, second.0), (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER), "{}", second.2);
    let history = amendment(&w.author, id).await["history"].clone();
    let accepted = history.as_array().expect("history").iter().filter(|e| e["kind"] == "accepted").count();
    assert_eq!(accepted, 1, "{history}");

    // A merge tapped twice: one revision, and the second answers with it.
    let (_, desk) = w.drafter_page.get("/texts/programme/review?state=accepted").await;
    let ticked = format!("{id}v{}", amendment(&w.drafter, id).await["version"]);
    let fields = with(hidden_fields(&desk, "/texts/programme/merge"), &[("amendments", &ticked)]);
    let first = post(&w.drafter_page, "/texts/programme/merge", &fields).await;
    let second = post(&w.drafter_page, "/texts/programme/merge", &fields).await;
    assert_eq!((first.0, second.0), (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER), "{}", second.2);
    assert_eq!(first.1, second.1);
    assert_eq!(w.drafter.head("programme").await, 2);

    // A full-text edit saved twice: one revision, no edit conflict on the second.
    let (_, editor) = w.drafter_page.get("/texts/programme/edit").await;
    let fields = with(
        hidden_fields(&editor, "/texts/programme/edit"),
        &[("title", "Programme commun"), ("body", "# Programme\nTout est à refaire.")],
    );
    let first = post(&w.drafter_page, "/texts/programme/edit", &fields).await;
    let second = post(&w.drafter_page, "/texts/programme/edit", &fields).await;
    assert_eq!((first.0, second.0), (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER), "{}", second.2);
    assert_eq!(w.drafter.head("programme").await, 3);

    // Publishing twice: one text, the second answers with it.
    let (_, publish) = w.drafter_page.get("/texts/new").await;
    let fields = with(
        hidden_fields(&publish, "/texts"),
        &[("slug", "charte"), ("title", "Charte"), ("body", "Un article."), ("visibility", "public")],
    );
    let first = post(&w.drafter_page, "/texts", &fields).await;
    let second = post(&w.drafter_page, "/texts", &fields).await;
    assert_eq!((first.0, second.0), (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER), "{}", second.2);
    assert_eq!(second.1.as_deref(), Some("/texts/charte"));
    w.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_calls_repeated_under_one_idempotency_key_have_one_effect() {
    let w = world().await;
    let send = |api: &Api, method: reqwest::Method, path: &str, key: &str, body: Value| {
        api.client.request(method, format!("{}{path}", api.base)).header("idempotency-key", key).json(&body)
    };
    let proposal =
        json!({ "base": 1, "start": 3, "count": 1, "new_lines": ["Des écoles ouvertes."], "rationale": "Oui." });
    let path = "/api/v1/texts/programme/amendments";
    let first = w.author.send(send(&w.author, reqwest::Method::POST, path, "essai-1", proposal.clone())).await;
    let again = w.author.send(send(&w.author, reqwest::Method::POST, path, "essai-1", proposal.clone())).await;
    assert_eq!((first.0, again.0), (StatusCode::CREATED, StatusCode::CREATED), "{}", again.1);
    assert_eq!(first.1["id"], again.1["id"]);
    // The same key for another request is refused, and creates nothing.
    let other = json!({ "base": 1, "start": 4, "count": 1, "new_lines": ["Autre."], "rationale": "Oui." });
    let (status, answer) = w.author.send(send(&w.author, reqwest::Method::POST, path, "essai-1", other)).await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("submission_key_reused"))
    );
    // The same proposal without a key: already open, answered with it (200).
    let (status, answer) = w.author.post(path, &proposal).await;
    assert_eq!((status, &answer["id"]), (StatusCode::OK, &first.1["id"]), "{answer}");
    // The same change with another rationale: the author is pointed to the one there is.
    let reworded = json!({ "base": 1, "start": 3, "count": 1, "new_lines": ["Des écoles ouvertes."], "rationale": "Autre motif." });
    let (status, answer) = w.author.post(path, &reworded).await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("duplicate_proposal")),
        "{answer}"
    );
    assert_eq!(answer["error"]["details"]["existing"]["id"], first.1["id"]);
    let (_, list) = w.author.get(path).await;
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");

    // A merge, an edit and a publication repeated under their keys.
    let id = first.1["id"].as_i64().expect("id");
    w.drafter.accept(id).await;
    let merge = json!({ "base": 1, "amendments": [id] });
    let merge_path = "/api/v1/texts/programme/merge";
    let first = w.drafter.send(send(&w.drafter, reqwest::Method::POST, merge_path, "fusion", merge.clone())).await;
    let again = w.drafter.send(send(&w.drafter, reqwest::Method::POST, merge_path, "fusion", merge)).await;
    assert_eq!((first.0, again.0), (StatusCode::CREATED, StatusCode::CREATED), "{}", again.1);
    assert_eq!(first.1, again.1);
    let edit = json!({ "base": 2, "body": "# Programme\nRien d’autre." });
    let text_path = "/api/v1/texts/programme";
    let first = w.drafter.send(send(&w.drafter, reqwest::Method::PUT, text_path, "relecture", edit.clone())).await;
    let again = w.drafter.send(send(&w.drafter, reqwest::Method::PUT, text_path, "relecture", edit)).await;
    assert_eq!((first.0, again.0), (StatusCode::CREATED, StatusCode::CREATED), "{}", again.1);
    assert_eq!(first.1, json!({ "head": 3 }));
    assert_eq!(again.1, json!({ "head": 3 }));
    assert_eq!(w.drafter.head("programme").await, 3);
    w.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_amendments_history_shows_where_rebases_carried_it() {
    let w = world().await;
    let above = w.author.propose("programme", 1, 1, 0, &["Préambule.", "Second préambule."]).await;
    let below = w.author.propose("programme", 1, 4, 1, &["La santé est un droit pour tous."]).await;
    w.drafter.accept(above).await;
    let (status, answer) =
        w.drafter.post("/api/v1/texts/programme/merge", &json!({ "base": 1, "amendments": [above] })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let history = amendment(&w.author, below).await["history"].clone();
    let carried: Vec<&Value> = history.as_array().expect("history").iter().filter(|e| e["kind"] == "carried").collect();
    assert_eq!(carried.len(), 1, "{history}");
    assert_eq!(carried[0]["anchor"], json!({ "revision": 2, "start": 6, "count": 1 }));
    let (_, page) = w.author_page.get(&format!("/amendments/{below}")).await;
    let anchor = Lang::FR.f(K::AnchorParagraph, &[Arg::number("paragraph", 6)]);
    let said = Lang::FR.f(K::EventCarried, &[Arg::number("revision", 2), Arg::text("anchor", anchor)]);
    assert!(page.contains(&escape(&said)), "{said} missing: {page}");
    w.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_sent_is_ignored_titles_are_applied_and_unknown_fields_refused() {
    let w = world().await;
    // A full-text edit that names a title retitles the text; its history keeps both.
    let edit = json!({ "base": 1, "body": PROGRAMME.join("\n"), "title": "Programme pour 2027" });
    let (status, answer) = w.drafter.put("/api/v1/texts/programme", &edit).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let (_, text) = w.drafter.get("/api/v1/texts/programme").await;
    assert_eq!(text["title"], "Programme pour 2027");
    let (_, revisions) = w.drafter.get("/api/v1/texts/programme/revisions").await;
    let titles: Vec<&str> = revisions.as_array().expect("list").iter().filter_map(|r| r["title"].as_str()).collect();
    assert_eq!(titles, ["Programme pour 2027", "Texte programme"]);
    let (_, history) = w.author_page.get("/texts/programme/history").await;
    let said =
        Lang::FR.f(K::Retitled, &[Arg::text("title", "Programme pour 2027"), Arg::text("previous", "Texte programme")]);
    assert!(history.contains(&escape(&said)), "{history}");

    // Fields the server cannot apply are refused, not answered 2xx.
    let cases = [
        (
            json!({ "slug": "sante", "title": "Santé", "body": "x", "topic": "sante" }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown_topic",
        ),
        (
            json!({ "slug": "sante", "title": "Santé", "body": "x", "couleur": "rouge" }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown_field",
        ),
    ];
    for (body, status, code) in cases {
        let (got, answer) = w.drafter.post("/api/v1/texts", &body).await;
        assert_eq!((got, answer["error"]["code"].as_str()), (status, Some(code)), "{body}: {answer}");
    }
    let (status, _) = w.drafter.get("/api/v1/texts/sante").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a refused text was published");

    // A whole number written as 2.0 is a whole number (JSON Schema says so); 2.5 is not.
    let proposal =
        |start: Value| json!({ "base": 1.0, "start": start, "count": 1, "new_lines": ["Autre."], "rationale": "Oui." });
    let (status, answer) = w.author.post("/api/v1/texts/programme/amendments", &proposal(json!(3.0))).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    assert_eq!(answer["anchor"]["start"], 3);
    let (status, answer) = w.author.post("/api/v1/texts/programme/amendments", &proposal(json!(2.5))).await;
    assert_eq!((status, answer["error"]["code"].as_str()), (StatusCode::BAD_REQUEST, Some("bad_request")), "{answer}");
    let message = answer["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains(Lang::FR.t(K::StartParagraph)), "the field is not named: {message}");

    // A field the choice leaves unused, a body where none is taken, a parameter an
    // operation does not take: refused, and nothing changes.
    let id = answer_id(&w.author.post("/api/v1/texts/programme/amendments", &proposal(json!(4))).await);
    let reject = json!({ "decision": "reject", "new_lines": ["Autre chose."] });
    let (status, answer) = w.drafter.post(&format!("/api/v1/amendments/{id}/decision"), &reject).await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("inapplicable_field")),
        "{answer}"
    );
    let (status, answer) = w.author.post(&format!("/api/v1/amendments/{id}/withdraw"), &json!({ "reason": "x" })).await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("unknown_field")),
        "{answer}"
    );
    assert_eq!(amendment(&w.author, id).await["state"], "open");
    for path in
        ["/api/v1/texts/programme/amendments?state=open", "/api/v1/texts?page=2", "/api/v1/texts/programme?revision=1"]
    {
        let (status, answer) = w.author.get(path).await;
        assert_eq!(
            (status, answer["error"]["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("unknown_field")),
            "{path}: {answer}"
        );
    }
    // Withdrawing with an empty object, or nothing, is withdrawing.
    let (status, answer) = w.author.post(&format!("/api/v1/amendments/{id}/withdraw"), &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    w.server.stop().await;
}

fn answer_id((status, answer): &(StatusCode, Value)) -> i64 {
    assert_eq!(*status, StatusCode::CREATED, "{answer}");
    answer["id"].as_i64().expect("an id")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_text_is_edited_and_merged_only_on_the_head_and_phase_if_match_names() {
    let w = world().await;
    let id = w.author.propose("programme", 1, 2, 1, &["Des transports gratuits pour tous."]).await;
    w.drafter.accept(id).await;
    let text_path = format!("{}/api/v1/texts/programme", w.drafter.base);
    let response = w.drafter.client.get(&text_path).send().await.expect("text");
    let current = response.headers().get("etag").and_then(|v| v.to_str().ok()).expect("an ETag").to_owned();
    assert_eq!(current, "\"r1.consultation\"");

    let lines = w.drafter.lines("programme").await;
    let edit = json!({ "base": 1, "body": lines.join("\n") + "\nUne ligne de plus.", "summary": "Ajout" });
    let merge = json!({ "base": 1, "amendments": [id] });
    let send = |method: reqwest::Method, path: String, tag: &str, body: &Value| {
        w.drafter
            .client
            .request(method, path)
            .bearer_auth(w.drafter.token.as_deref().unwrap_or_default())
            .header("if-match", tag)
            .json(body)
    };
    // A head the text never had, another phase, another resource's tag: stale, nothing done.
    for stale in ["\"r9.consultation\"", "\"r0.consultation\"", "\"r1.review\"", "\"r01.consultation\"", "\"v1\""] {
        let (status, answer) = w.drafter.send(send(reqwest::Method::PUT, text_path.clone(), stale, &edit)).await;
        assert_eq!(
            (status, answer["error"]["code"].as_str()),
            (StatusCode::CONFLICT, Some("stale_version")),
            "edit {stale}: {answer}"
        );
        let merge_path = format!("{text_path}/merge");
        let (status, answer) = w.drafter.send(send(reqwest::Method::POST, merge_path, stale, &merge)).await;
        assert_eq!(
            (status, answer["error"]["code"].as_str()),
            (StatusCode::CONFLICT, Some("stale_version")),
            "merge {stale}: {answer}"
        );
    }
    assert_eq!(w.drafter.head("programme").await, 1, "a stale request changed the text");
    // On the version seen, the merge goes through.
    let (status, answer) =
        w.drafter.send(send(reqwest::Method::POST, format!("{text_path}/merge"), &current, &merge)).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    assert_eq!(w.drafter.head("programme").await, 2);
    w.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_that_changes_nothing_makes_no_new_version() {
    let w = world().await;
    let id = w.author.propose("programme", 1, 2, 1, &["Des transports gratuits pour tous."]).await;
    edit_wording(&w.author, id, "Des transports payants pour tous.").await;
    let seen = etag(&w.drafter, id).await;
    // The same edit again, from another tab: nothing changes, the drafter's view stays current.
    edit_wording(&w.author, id, "Des transports payants pour tous.").await;
    assert_eq!(etag(&w.drafter, id).await, seen);
    let history = amendment(&w.author, id).await["history"].clone();
    let edits = history.as_array().expect("history").iter().filter(|e| e["kind"] == "edited").count();
    assert_eq!(edits, 1, "{history}");
    let decide =
        w.drafter.client.post(format!("{}/api/v1/amendments/{id}/decision", w.drafter.base)).header("if-match", &seen);
    let (status, answer) = w.drafter.send(decide.json(&json!({ "decision": "reject" }))).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    w.server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_author_whose_amendment_changed_in_another_tab_sees_what_changed_and_can_send_again() {
    let w = world().await;
    let id = w.author.propose("programme", 1, 2, 1, &["Des transports gratuits pour tous."]).await;
    let action = format!("/amendments/{id}/edit");
    let (_, form) = w.author_page.get(&action).await;
    let fields = hidden_fields(&form, &action);
    assert!(fields.iter().any(|(name, _)| name == "version"), "{fields:?}");
    // Meanwhile, from another tab.
    edit_wording(&w.author, id, "Des transports à moitié prix pour tous.").await;
    let typed = [
        ("start", "2"),
        ("count", "1"),
        ("new_lines", "Des transports gratuits pour les moins de 30 ans."),
        ("rationale", "Cibler les jeunes."),
        ("action", "file"),
    ];
    let (status, _, page) = post(&w.author_page, &action, &with(fields, &typed)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{page}");
    assert!(page.contains(&escape(Lang::FR.t(K::StaleTitle))), "{page}");
    assert!(page.contains("moitié prix"), "the page does not show the wording it has now: {page}");
    assert!(page.contains("moins de 30 ans"), "what was typed is lost: {page}");
    // The page now names the current version: sent again, the edit goes through.
    let fields = hidden_fields(&page, &action);
    let (status, _, body) = post(&w.author_page, &action, &with(fields, &typed)).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(
        amendment(&w.author, id).await["new_lines"],
        json!(["Des transports gratuits pour les moins de 30 ans."])
    );
    w.server.stop().await;
}
