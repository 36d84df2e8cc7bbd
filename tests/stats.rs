//! Participation at a glance, over HTTP: a text's and a topic's figures drawn as SVG by the
//! server, with their numbers beside them; co-signatures, votes and comments counted for
//! members only; members-only texts kept to members.

mod common;

use common::TestServer;
use redraft::domain::Role;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_text_and_its_topic_show_their_participation() {
    let server = TestServer::start().await;
    let admin = server.api_as("admin", Role::Admin).await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let bea = server.api_as("bea", Role::Member).await;
    let malo = server.api_as("malo", Role::Member).await;
    let (status, _) = admin.post("/api/v1/topics", &json!({ "slug": "ecologie", "title": "Écologie" })).await;
    assert_eq!(status, StatusCode::CREATED);
    let body = "Préambule.\n# Énergie\nDu solaire.\nDe l’éolien.\n# Transports\nDes trains.\n# Eau\nDes rivières.";
    let (status, answer) = drafter
        .post("/api/v1/texts", &json!({ "slug": "climat", "title": "Climat", "body": body, "topic": "ecologie" }))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let solar = bea.propose("climat", 1, 3, 1, &["Du solaire partout."]).await;
    let wind = malo.propose("climat", 1, 4, 1, &["De l’éolien en mer."]).await;
    let trains = bea.propose("climat", 1, 6, 1, &["Des trains de nuit."]).await;
    let (status, answer) = malo.post(&format!("/api/v1/amendments/{solar}/support"), &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let (status, answer) = malo.put(&format!("/api/v1/amendments/{trains}/vote"), &json!({ "vote": "for" })).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let (status, _) = malo.post("/api/v1/texts/climat/comments", &json!({ "body": "Et le nucléaire ?" })).await;
    assert_eq!(status, StatusCode::CREATED);
    drafter.accept(wind).await;
    let (status, answer) =
        drafter.post("/api/v1/texts/climat/merge", &json!({ "base": 1, "amendments": [wind] })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");

    // Anyone: where the amendments went, what became of them, activity; not the members'.
    let (status, page) = server.browser().get("/texts/climat/stats").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("3 amendements · 2 auteurs"), "{page}");
    assert_eq!(page.matches("<rect class=\"part\"").count(), 4, "four parts: the preamble and three headings");
    // Énergie drew two (one in play, one adopted whose words it carries), Transports one.
    assert!(page.contains("<title>Énergie · 2 amendements</title>"), "{page}");
    assert!(page.contains("<title>Transports · 1 amendement</title>"));
    assert!(page.contains("<title>Eau · 0 amendement</title>"));
    assert!(page.contains("href=\"/texts/climat#l2\""), "the parts link to their place");
    assert!(page.contains("class=\"fate-adopted\""), "the shares bar");
    assert!(page.contains("<svg class=\"activity\""));
    assert!(page.contains("Par semaine, du "), "{page}");
    assert!(page.contains("l’affaire des membres"), "members' figures are not shown");
    assert!(!page.contains("Co-signatures :"));
    assert!(!page.contains("Commentaires</th>"));

    // A member sees co-signatures, votes and comments, and the amendments that drew most.
    let browser = server.browser_as("camille", Role::Member).await;
    let (_, page) = browser.get("/texts/climat/stats").await;
    assert!(page.contains("Co-signatures : 1 · votes : 1 · commentaires : 1"), "{page}");
    assert!(page.contains("Les plus co-signés") && page.contains("Les plus votés"));
    assert!(page.contains(&format!("href=\"/amendments/{solar}\"")));
    assert!(page.contains("Commentaires</th>"), "the activity table counts comments for members");
    assert!(!page.contains("bea") && !page.contains("malo"), "counts only, never who");

    // In English too; and the topic's figures over its texts.
    let english = reqwest::Client::new()
        .get(server.url("/texts/climat/stats"))
        .header("accept-language", "en")
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(english.contains("3 amendments · 2 authors"), "{english}");
    let (status, page) = server.browser().get("/topics/ecologie/stats").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("href=\"/texts/climat/stats\""), "{page}");
    assert!(page.contains("<svg class=\"shares\""));

    // A members-only text: its figures are no one else's.
    let (status, answer) = drafter
        .post(
            "/api/v1/texts",
            &json!({ "slug": "interne", "title": "Interne", "body": "Un.", "visibility": "members", "topic": "ecologie" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let (status, _) = server.browser().get("/texts/interne/stats").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, page) = server.browser().get("/topics/ecologie/stats").await;
    assert!(!page.contains("Interne"), "a members-only text stays out of the topic's figures");
    let (_, page) = browser.get("/topics/ecologie/stats").await;
    assert!(page.contains("Interne"));
    let (status, _) = server.browser().get("/topics/nulle-part/stats").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
