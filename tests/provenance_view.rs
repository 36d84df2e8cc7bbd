//! The provenance view over HTTP (DESIGN rule 8): every paragraph of every revision with
//! what wrote it, an amendment (with its author) or a drafter's edit or the first revision.

mod common;

use common::TestServer;
use redraft::domain::Role;
use reqwest::StatusCode;
use serde_json::json;

/// The runs of a provenance page: each band's class and label, and its paragraph numbers.
fn runs(page: &str) -> Vec<(String, String, Vec<u32>)> {
    page.split("<li class=\"origin ")
        .skip(1)
        .map(|run| {
            let band = run.split('"').next().unwrap_or("").to_owned();
            let label = run.split_once("<p class=\"origin-label\">").map_or("", |(_, rest)| rest);
            let label = label.split_once("</p>").map_or(label, |(inside, _)| inside).to_owned();
            let numbers = run
                .split("<span class=\"num\">")
                .skip(1)
                .filter_map(|rest| rest.split_once('<').and_then(|(number, _)| number.parse().ok()))
                .collect();
            (band, label, numbers)
        })
        .collect()
}

#[tokio::test]
async fn each_paragraph_names_the_amendment_or_edit_that_wrote_it() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redactrice", Role::Drafter).await;
    let alice = server.api_as("alice", Role::Member).await;
    drafter.publish("charte", &["Un.", "Deux.", "Trois.", "Quatre."]).await;
    let id = alice.propose("charte", 1, 2, 1, &["Deux, amendé."]).await;
    drafter.accept(id).await;
    let (status, merged) = drafter.post("/api/v1/texts/charte/merge", &json!({ "base": 1, "amendments": [id] })).await;
    assert_eq!(status, StatusCode::CREATED, "{merged}");
    let body = "Un.\nDeux, amendé.\nTrois.\nQuatre, revu par la rédaction.";
    let (status, edited) = drafter.put("/api/v1/texts/charte", &json!({ "base": 2, "body": body })).await;
    assert_eq!(status, StatusCode::CREATED, "{edited}");

    let reader = server.browser();
    let (status, page) = reader.get("/texts/charte/provenance").await;
    assert_eq!(status, StatusCode::OK);
    let found = runs(&page);
    assert_eq!(found.len(), 4, "{found:?}");
    assert_eq!((found[0].0.as_str(), &found[0].2), ("band-first", &vec![1]));
    assert!(found[0].1.contains("Première révision"), "{:?}", found[0]);
    assert!(found[1].0.starts_with("band-") && found[1].1.contains("CHAR-1"), "{:?}", found[1]);
    assert!(found[1].1.contains(&format!("/amendments/{id}")), "the band links to the amendment");
    assert!(found[1].1.contains("fusionné dans la révision 2"), "{:?}", found[1]);
    assert_eq!(found[2].2, vec![3]);
    assert_eq!((found[3].0.as_str(), &found[3].2), ("band-edit", &vec![4]));
    assert!(found[3].1.contains("Édition de la rédaction, révision 3"), "{:?}", found[3]);
    assert!(page.contains("1 alinéa vient de 1 amendement"), "the summary counts them");

    // An older revision keeps its own provenance.
    let (_, page) = reader.get("/texts/charte/revisions/1/provenance").await;
    let found = runs(&page);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].2, vec![1, 2, 3, 4]);
    let (status, _) = reader.get("/texts/charte/revisions/7/provenance").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // A members-only text's provenance is not for anonymous readers.
    let body = json!({ "slug": "interne", "title": "Interne", "body": "Secret.", "visibility": "members" });
    let (status, _) = drafter.post("/api/v1/texts", &body).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = reader.get("/texts/interne/provenance").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
