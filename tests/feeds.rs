//! Atom feeds over HTTP: the site's, a topic's and a text's list new revisions, new
//! amendments and decisions as well-formed Atom (RFC 4287: ids, titles, dates, links),
//! answer 304 to a reader who has them, and never carry a members-only text.

mod common;

use common::{PASSWORD, TestServer};
use redraft::domain::Role;
use reqwest::StatusCode;
use serde_json::json;

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn child<'a, 'input>(node: roxmltree::Node<'a, 'input>, name: &str) -> Option<roxmltree::Node<'a, 'input>> {
    node.children().find(|child| child.tag_name().name() == name && child.tag_name().namespace() == Some(ATOM))
}

fn text_of(node: roxmltree::Node<'_, '_>, name: &str) -> String {
    child(node, name).and_then(|found| found.text()).map(str::to_owned).unwrap_or_default()
}

/// Reads a feed and checks what RFC 4287 requires of it and of each entry; returns each
/// entry's (title, link).
fn check_atom(xml: &str) -> Vec<(String, String)> {
    let document = roxmltree::Document::parse(xml).unwrap_or_else(|error| panic!("not XML: {error}\n{xml}"));
    let feed = document.root_element();
    assert_eq!((feed.tag_name().namespace(), feed.tag_name().name()), (Some(ATOM), "feed"));
    let is_date = |value: &str| value.len() == 20 && value.ends_with('Z') && value.as_bytes()[10] == b'T';
    for required in ["id", "title", "updated"] {
        assert!(!text_of(feed, required).is_empty(), "the feed has no {required}");
    }
    assert!(is_date(&text_of(feed, "updated")), "{}", text_of(feed, "updated"));
    assert!(child(feed, "author").and_then(|author| child(author, "name")).is_some(), "the feed has an author");
    let self_link =
        feed.children().find(|node| node.tag_name().name() == "link" && node.attribute("rel") == Some("self"));
    assert!(self_link.and_then(|link| link.attribute("href")).is_some_and(|href| href.starts_with("http://")));
    let mut ids = std::collections::HashSet::new();
    let mut entries = Vec::new();
    for entry in feed.children().filter(|node| node.tag_name().name() == "entry") {
        let id = text_of(entry, "id");
        assert!(id.starts_with("http://") && ids.insert(id.clone()), "ids are absolute and unique: {id}");
        assert!(is_date(&text_of(entry, "updated")));
        let link = child(entry, "link").and_then(|link| link.attribute("href")).expect("an entry links to its page");
        entries.push((text_of(entry, "title"), link.to_owned()));
    }
    entries
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn feeds_list_revisions_amendments_and_decisions_of_public_texts_only() {
    let server = TestServer::start().await;
    let admin = server.api_as("admin", Role::Admin).await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let bea = server.api_as("bea", Role::Member).await;
    let (status, topic) = admin.post("/api/v1/topics", &json!({ "slug": "ecologie", "title": "Écologie" })).await;
    assert_eq!(status, StatusCode::CREATED, "{topic}");
    let climat = json!({ "slug": "climat", "title": "Climat & énergie", "body": "# Climat\nNeutralité en 2050.\nFin.", "topic": "ecologie" });
    let (status, answer) = drafter.post("/api/v1/texts", &climat).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let internal = json!({ "slug": "interne", "title": "Stratégie interne", "body": "Cibles secrètes.", "visibility": "members", "topic": "ecologie" });
    let (status, answer) = drafter.post("/api/v1/texts", &internal).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    bea.propose("interne", 1, 1, 1, &["Cibles très secrètes."]).await;

    let adopted = bea.propose("climat", 1, 2, 1, &["Neutralité en 2040 <au plus tard>."]).await;
    let rejected = bea.propose("climat", 1, 3, 1, &["Fin du texte."]).await;
    // A character XML does not allow, which text checks let through, does not break it.
    let odd = json!({ "base": 1, "start": 4, "count": 0, "new_lines": ["Annexe."], "summary": "Annexe \u{FFFF}", "rationale": "Parce que." });
    let (status, answer) = bea.post("/api/v1/texts/climat/amendments", &odd).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    drafter.accept(adopted).await;
    let (status, answer) = drafter
        .post(&format!("/api/v1/amendments/{rejected}/decision"), &json!({ "decision": "reject", "note": "Inutile." }))
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let (status, answer) =
        drafter.post("/api/v1/texts/climat/merge", &json!({ "base": 1, "amendments": [adopted] })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");

    let browser = server.browser();
    let response = browser.get_response("/texts/climat/feed.atom").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"].to_str().unwrap_or("").starts_with("application/atom+xml"));
    let etag = response.headers()["etag"].to_str().expect("etag").to_owned();
    assert_eq!(response.headers()["cache-control"], "private, no-cache");
    let xml = response.text().await.expect("body");
    let entries = check_atom(&xml);
    let titles: Vec<&str> = entries.iter().map(|(title, _)| title.as_str()).collect();
    assert!(titles.contains(&"Climat & énergie : révision 2"), "{titles:?}");
    assert!(titles.contains(&"Climat & énergie : révision 1"), "{titles:?}");
    let reference = |id: i64| entries.iter().any(|(_, link)| link.ends_with(&format!("/amendments/{id}")));
    assert!(reference(adopted) && reference(rejected), "{entries:?}");
    assert!(
        titles.iter().any(|title| title.ends_with("rejeté")) && titles.iter().any(|title| title.ends_with("accepté"))
    );
    assert!(titles.iter().filter(|title| title.ends_with("déposé")).count() == 3, "{titles:?}");
    assert!(xml.contains("Inutile."), "a decision carries its note");
    assert!(!xml.contains("secrèt") && !xml.contains("interne"), "never a members-only text");

    let again = browser.client.get(server.url("/texts/climat/feed.atom")).header("if-none-match", &etag);
    assert_eq!(again.send().await.expect("get").status(), StatusCode::NOT_MODIFIED);

    for path in ["/feed.atom", "/topics/ecologie/feed.atom"] {
        let (status, xml) = browser.get(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let entries = check_atom(&xml);
        assert!(entries.len() >= 5, "{path}: {entries:?}");
        assert!(!xml.contains("secrèt") && !xml.contains("Stratégie"), "{path} carries no members-only text");
    }
    let member = server.browser();
    member.log_in("bea", PASSWORD).await;
    for path in ["/texts/interne/feed.atom", "/topics/inconnu/feed.atom", "/texts/inconnu/feed.atom"] {
        let (status, _) = member.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: feeds are for public texts, whoever asks");
    }

    // Pages point readers and their feed readers to it.
    let (_, page) = browser.get("/texts/climat").await;
    assert!(page.contains(r#"type="application/atom+xml""#) && page.contains(r#"href="/texts/climat/feed.atom""#));
    let (_, page) = member.get("/texts/interne").await;
    assert!(!page.contains("feed.atom"), "no feed offered for a members-only text");
    let (_, home) = browser.get("/").await;
    assert!(home.contains(r#"href="/feed.atom""#));
}
