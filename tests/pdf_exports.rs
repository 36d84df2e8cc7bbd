//! The PDF exports, read back with poppler's `pdftotext` (Debian's poppler-utils): the
//! text in its printed lines, each number where the line view puts it, old revisions
//! keeping theirs; and the amendment book with each amendment's reference, printed range,
//! words, rationale and decision.

mod common;

use std::process::Command;

use common::TestServer;
use redraft::domain::Role;
use redraft::domain::printed::{Printing, print};
use reqwest::StatusCode;
use serde_json::json;

/// The text of a PDF as `pdftotext -layout` lays it out.
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("export.pdf");
    std::fs::write(&path, pdf).expect("write the PDF");
    let output = Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output();
    let output = output.expect("pdftotext runs: install poppler-utils");
    assert!(output.status.success(), "pdftotext: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Each numbered line of a PDF's text: its number and its words.
fn numbered_lines(text: &str) -> Vec<(u32, String)> {
    text.lines()
        .filter_map(|line| {
            let line = line.trim_start();
            let digits = line.find(|c: char| !c.is_ascii_digit())?;
            let number = line[..digits].parse().ok()?;
            Some((number, words(&line[digits..])))
        })
        .collect()
}

/// Words apart by one space: `pdftotext` writes a no-break space as a space.
fn words(text: &str) -> String {
    text.split(|c: char| c.is_whitespace()).filter(|word| !word.is_empty()).collect::<Vec<_>>().join(" ")
}

async fn pdf(server: &TestServer, path: &str) -> Vec<u8> {
    let response = server.browser().get_response(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    assert_eq!(response.headers()["content-type"], "application/pdf", "{path}");
    let bytes = response.bytes().await.expect("body").to_vec();
    assert!(bytes.starts_with(b"%PDF-"), "{path} is a PDF");
    bytes
}

const LONG: &str = "Nous recruterons cent mille infirmiers, aides-soignants et personnels hospitaliers en \
    cinq ans, financés par une hausse de l'objectif national de dépenses d'assurance maladie de 4\u{a0}% par an, \
    et nous fixerons par la loi des ratios minimaux de soignants par patient dans chaque service.";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_text_pdf_numbers_the_printed_lines() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let first = [
        "# Santé : reconstruire un service public accessible partout et pour tous",
        LONG,
        "- Revaloriser les salaires.",
        LONG,
    ];
    drafter.publish("sante", &first).await;
    // Narrower lines for the revisions to come; the first keeps its own.
    let (status, answer) = drafter.put("/api/v1/texts/sante/settings", &json!({ "printed_width": 60 })).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let second = [first[0], LONG, "- Revaloriser les salaires des soignants.", LONG, "Fin."];
    let (status, answer) = drafter.put("/api/v1/texts/sante", &json!({ "base": 1, "body": second.join("\n") })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");

    for (path, lines, width) in
        [("/texts/sante/export.pdf", &second[..], 60), ("/texts/sante/export.pdf?revision=1", &first[..], 80)]
    {
        let stored: Vec<String> = lines.iter().map(|line| (*line).to_owned()).collect();
        let expected: Vec<(u32, String)> =
            print(&stored, Printing::current(width)).iter().map(|line| (line.number, words(&line.text))).collect();
        assert!(expected.len() > 8, "long enough to wrap");
        let text = pdf_text(&pdf(&server, path).await);
        assert_eq!(numbered_lines(&text), expected, "{path}: every printed line, numbered as the line view numbers it");
    }

    // A members-only text has no PDF for those who may not read it; nor has a revision
    // that does not exist.
    let body = json!({ "slug": "interne", "title": "Note interne", "body": "Secret.", "visibility": "members" });
    let (status, answer) = drafter.post("/api/v1/texts", &body).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let anonymous = server.browser();
    assert_eq!(anonymous.get("/texts/interne/export.pdf").await.0, StatusCode::NOT_FOUND);
    assert_eq!(anonymous.get("/texts/interne/book.pdf").await.0, StatusCode::NOT_FOUND);
    assert_eq!(anonymous.get("/texts/sante/export.pdf?revision=9").await.0, StatusCode::NOT_FOUND);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_amendment_book_pdf_holds_every_amendment_in_printed_order() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let camille = server.api_as("camille", Role::Member).await;
    drafter.publish("sante", &["# Santé", LONG, "Les déserts médicaux reculeront."]).await;
    // Filed in the reverse order of their lines.
    let late = camille.propose("sante", 1, 3, 1, &["Les déserts médicaux disparaîtront d'ici 2030."]).await;
    let early = camille.propose("sante", 1, 2, 1, &[&LONG.replace("cent mille", "deux cent mille")]).await;
    let body = json!({ "decision": "reject", "note": "Objectif hors de portée." });
    let (status, answer) = drafter.post(&format!("/api/v1/amendments/{late}/decision"), &body).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let _ = early;

    let text = pdf_text(&pdf(&server, "/texts/sante/book.pdf").await);
    let flat = words(&text);
    // The paragraph of LONG takes lines 2 to 5 at 80 characters; the last paragraph is line 6.
    let (first, second) = (flat.find("SANT-2 · l. 2–5"), flat.find("SANT-1 · l. 6"));
    assert!(first.is_some() && second.is_some(), "both references with their printed lines: {flat}");
    assert!(first < second, "in the order of their printed lines");
    for expected in ["deux", "disparaîtront d'ici 2030.", "Objectif hors de portée.", "Cahier des amendements"] {
        assert!(flat.to_lowercase().contains(&expected.to_lowercase()), "{expected} in the book: {flat}");
    }
    // In English, for an English reader.
    let response = server
        .browser()
        .client
        .get(server.url("/texts/sante/book.pdf"))
        .header("accept-language", "en")
        .send()
        .await
        .expect("book");
    let english = words(&pdf_text(&response.bytes().await.expect("pdf")));
    assert!(english.contains("amendment book"), "{english}");
    server.stop().await;
}
