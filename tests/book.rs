//! The amendment book over HTTP (issue 10, part 8, its HTML): every amendment in the order
//! of its printed lines with its reference, printed range, diff, rationale, co-signers,
//! tallies and decision, and nothing of the site around it.

mod common;

use common::TestServer;
use redraft::domain::Role;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn the_book_lists_every_amendment_in_printed_line_order() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redactrice", Role::Drafter).await;
    let alice = server.api_as("alice", Role::Member).await;
    drafter.publish("motion", &["Premier alinéa.", "Deuxième alinéa.", "Troisième alinéa."]).await;
    let late = alice.propose("motion", 1, 3, 1, &["Troisième alinéa, revu."]).await;
    alice.propose("motion", 1, 1, 1, &["Premier alinéa, revu."]).await;
    let (status, answer) = drafter
        .post(&format!("/api/v1/amendments/{late}/decision"), &json!({ "decision": "reject", "note": "Hors sujet." }))
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");

    let reader = server.browser();
    let (status, book) = reader.get("/texts/motion/book.html").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!book.contains("class=\"site\""), "no site header or navigation");
    assert!(book.contains("2 amendements, dans l’ordre des lignes imprimées"), "{book}");
    let (first, second) =
        (book.find("MOTI-2 <span class=\"printed-ref\">l. 1<"), book.find("MOTI-1 <span class=\"printed-ref\">l. 3<"));
    assert!(first.is_some() && second.is_some(), "each with its printed line: {book}");
    assert!(first < second, "in the order of the printed lines");
    for expected in [
        "<ins>, revu</ins>",
        "Parce que.",
        "<strong>rejeté</strong>",
        "Hors sujet.",
        "pour 0, contre 0, abstention 0",
        "0 co-signataire",
    ] {
        assert!(book.contains(expected), "{expected} missing");
    }
    // The text page links to it; a members-only text's book is not for anonymous readers.
    let (_, page) = reader.get("/texts/motion").await;
    assert!(page.contains("/texts/motion/book.html"));
    let body = json!({ "slug": "interne", "title": "Interne", "body": "Secret.", "visibility": "members" });
    let (status, _) = drafter.post("/api/v1/texts", &body).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = reader.get("/texts/interne/book.html").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
