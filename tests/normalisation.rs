//! Rule 1 at every door: what a member types is the text a reader sees, the same whether it
//! arrives through the API, a page form or the command line. Byte-order marks, decomposed
//! accents, pasted line breaks and invisible characters are normalised; bytes that are not
//! UTF-8 are refused; every line shows in its own script's direction.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{Api, TestServer, csrf_in};
use redraft::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn propose(api: &Api, slug: &str, body: Value) -> (StatusCode, Value) {
    api.post(&format!("/api/v1/texts/{slug}/amendments"), &body).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_byte_order_mark_never_reaches_a_line_a_page_or_an_export() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let body = json!({ "slug": "programme", "title": "\u{FEFF}Programme", "body": "\u{FEFF}# Programme\r\nNos engagements.\r\n" });
    let (status, answer) = drafter.post("/api/v1/texts", &body).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    assert_eq!(drafter.lines("programme").await, ["# Programme", "Nos engagements."]);

    let browser = server.browser();
    let (_, page) = browser.get("/texts/programme").await;
    assert!(!page.contains('\u{FEFF}'), "the page carries a byte-order mark");
    assert!(page.contains("<meta name=\"description\" content=\"Nos engagements.\">"), "description: {page}");
    // The first line is a heading, shown as one and without its marker.
    assert!(page.contains("class=\"line-text heading h1\" dir=\"auto\">Programme</span>"), "{page}");
    let (_, markdown) = browser.get("/texts/programme/export.md").await;
    assert!(markdown.starts_with("# Programme\n"), "{markdown:?}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_amendment_identical_to_the_line_as_displayed_changes_nothing_whatever_its_unicode_form() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let member = server.api_as("adherente", Role::Member).await;
    // Published decomposed ("e" then a combining accent), as some systems paste it.
    let decomposed = "Le te\u{301}le\u{301}travail pour tous.";
    let body = json!({ "slug": "travail", "title": "Travail", "body": format!("Titre\n{decomposed}") });
    assert_eq!(drafter.post("/api/v1/texts", &body).await.0, StatusCode::CREATED);
    assert_eq!(drafter.lines("travail").await[1], "Le télétravail pour tous.");

    // Typed precomposed, or with invisible characters, it is the same line: no change.
    // So is one that differs only by what shows nothing: marks, selectors, fillers.
    for typed in [
        "Le télétravail pour tous.",
        "Le t\u{200B}élétravail pour tous.\u{00A0} ",
        "\u{FEFF}Le télétravail pour tous.",
        "Le télétravail pour tous.\u{200E}",
        "Le télétravail\u{200F} pour tous.",
        "Le\u{3164} télétravail\u{FE0F} pour\u{34F} tous.",
    ] {
        let (status, answer) = propose(
            &member,
            "travail",
            json!({ "base": 1, "start": 2, "count": 1, "new_lines": [typed], "rationale": "Rien." }),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{typed:?}: {answer}");
        assert_eq!(answer["error"]["code"], "no_change", "{typed:?}");
    }

    // The same through the page form.
    let browser = server.browser_as("camille", Role::Member).await;
    let csrf = browser.csrf("/texts/travail/amend?start=2&count=1").await;
    let (status, _, page) = browser
        .post_form(
            "/texts/travail/amendments",
            &[
                ("csrf", &csrf),
                ("action", "file"),
                ("base", "1"),
                ("start", "2"),
                ("count", "1"),
                ("new_lines", "Le te\u{301}le\u{301}travail pour tous.\r\n"),
                ("rationale", "Rien."),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    let (_, list) = member.get("/api/v1/texts/travail/amendments").await;
    assert_eq!(list, json!([]), "a refused proposal was stored");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pasted_breaks_split_lines_and_fields_are_normalised_alike_through_api_and_pages() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let member = server.api_as("adherente", Role::Member).await;
    drafter.publish("programme", &["Titre", "Premier.", "Second."]).await;

    // A manual line break pasted from a word processor is a vertical tab: two lines.
    let (status, answer) = propose(
        &member,
        "programme",
        json!({
            "base": 1, "start": 2, "count": 1,
            "new_lines": ["Premier\u{0B}alinéa\u{2028}réécrit.", "", "  "],
            "summary": "Cafe\u{301} \u{202E}", "rationale": "Parce\r\nque\u{0B}voilà.\u{FEFF}"
        }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    assert_eq!(answer["new_lines"], json!(["Premier", "alinéa", "réécrit."]));
    assert_eq!(answer["summary"], "Café");
    assert_eq!(answer["rationale"], "Parce\nque\nvoilà.");

    // Pasted bullets become list items; the page form gives the same lines as the API.
    let browser = server.browser_as("camille", Role::Member).await;
    let csrf = browser.csrf("/texts/programme/amend?start=3&count=1").await;
    let (status, location, page) = browser
        .post_form(
            "/texts/programme/amendments",
            &[
                ("csrf", &csrf),
                ("action", "file"),
                ("base", "1"),
                ("start", "3"),
                ("count", "1"),
                ("new_lines", "•\tSecond point\u{0B}1)\tTroisième"),
                ("rationale", "Liste."),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
    let path = location.as_deref().and_then(|l| l.split('?').next()).unwrap_or_default();
    let id: i64 = path.rsplit('/').next().and_then(|id| id.parse().ok()).expect("id");
    let (_, amendment) = member.get(&format!("/api/v1/amendments/{id}")).await;
    assert_eq!(amendment["new_lines"], json!(["- Second point", "1. Troisième"]));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forms_holding_bytes_that_are_not_utf8_are_refused_as_the_api_refuses_them() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    drafter.publish("programme", &["Titre", "Premier."]).await;
    let browser = server.browser_as("camille", Role::Member).await;
    let (_, form) = browser.get("/texts/programme/amend?start=2&count=1").await;
    let csrf = csrf_in(&form).expect("csrf");
    let body = format!("csrf={csrf}&base=1&start=2&count=1&new_lines=Premi%E8re&rationale=Parce%20que");
    let response = browser
        .client
        .post(format!("{}/texts/programme/amendments", browser.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let page = response.text().await.expect("page");
    assert!(page.contains("<html lang=\"fr\""), "a full French page: {page}");
    assert!(!page.contains('\u{FFFD}'), "a replacement character reached the page");
    let (_, list) = drafter.get("/api/v1/texts/programme/amendments").await;
    assert_eq!(list, json!([]), "the refused form stored an amendment");

    // The API refuses the same bytes in JSON.
    let mut json_body = b"{\"base\":1,\"start\":2,\"count\":1,\"new_lines\":[\"Premi".to_vec();
    json_body.extend_from_slice(b"\xE8re\"],\"rationale\":\"x\"}");
    let member = server.api_as("adherente", Role::Member).await;
    let (status, answer) = member.post_raw("/api/v1/texts/programme/amendments", "application/json", json_body).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_line_and_diff_cell_reads_in_its_own_direction() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let member = server.api_as("adherente", Role::Member).await;
    let body = json!({ "slug": "langues", "title": "لغات", "body": "# Langues\nالسلام عليكم\nשלום לכולם" });
    assert_eq!(drafter.post("/api/v1/texts", &body).await.0, StatusCode::CREATED);
    let proposal = json!({
        "base": 1, "start": 3, "count": 1, "new_lines": ["שלום לכולם ולכולן"],
        "summary": "ברכה לכולם", "rationale": "שוויון.\nגם לכולן."
    });
    let (status, answer) = propose(&member, "langues", proposal).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let id = answer["id"].as_i64().expect("id");
    let browser = server.browser();
    let (_, page) = browser.get("/texts/langues").await;
    for line in ["السلام عليكم", "שלום לכולם"] {
        assert!(page.contains(&format!("dir=\"auto\">{line}</span>")), "{line} without its own direction: {page}");
    }
    let (_, page) = browser.get(&format!("/amendments/{id}")).await;
    assert!(page.contains("dir=\"auto\">שלום לכולם"), "diff cell without its own direction: {page}");
    // Everything a person typed reads in its own direction too: title, summary, rationale.
    for typed in ["dir=\"auto\">لغات<", "dir=\"auto\">ברכה לכולם<", "dir=\"auto\">שוויון.<", "dir=\"auto\">גם לכולן.<"]
    {
        assert!(page.contains(typed), "{typed} without its own direction: {page}");
    }
    let (_, list) = browser.get("/texts/langues/amendments").await;
    assert!(list.contains("dir=\"auto\">ברכה לכולם<"), "{list}");
    let (_, home) = browser.get("/").await;
    assert!(home.contains("dir=\"auto\">لغات<"), "{home}");
    server.stop().await;
}

#[test]
fn the_command_line_normalises_names_as_the_pages_do() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_redraft"))
        .args([
            "user",
            "add",
            "camille",
            "--role",
            "member",
            "--name",
            "\u{FEFF}Camille\u{200B} Martine\u{301}",
            "--db",
        ])
        .arg(dir.path().join("redraft.db"))
        .arg("--password-stdin")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("user add");
    child.stdin.take().expect("stdin").write_all(b"correct horse battery\n").expect("password");
    let output = child.wait_with_output().expect("wait");
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    assert!(stdout.contains("(Camille Martiné)"), "{stdout}");
}
