//! Partial adoption over HTTP (issue 10, part 6): a drafter accepts some of an
//! amendment's word-level changes; it is accepted in modified form, merges only those,
//! and its author keeps the credit.

mod common;

use common::TestServer;
use redraft::domain::Role;
use reqwest::StatusCode;
use serde_json::json;

const GOAL: &str = "Atteindre la neutralité carbone en 2030 avec 100 % d'énergies renouvelables.";

fn code(answer: &serde_json::Value) -> Option<&str> {
    answer["error"]["code"].as_str()
}

#[tokio::test]
async fn a_drafter_adopts_some_of_an_amendments_changes() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redactrice", Role::Drafter).await;
    let alice = server.api_as("alice", Role::Member).await;
    drafter.publish("climat", &[GOAL, "Fin."]).await;
    let both = GOAL.replace("2030", "2035").replace("100", "200");
    let id = alice.propose("climat", 1, 1, 1, &[&both]).await;
    let (status, detail) = drafter.get(&format!("/api/v1/amendments/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(detail["hunks"], json!([{ "removed": "2030", "added": "2035" }, { "removed": "100", "added": "200" }]));

    let decision = format!("/api/v1/amendments/{id}/decision");
    for (body, status, expected) in [
        (json!({ "decision": "accept", "hunks": [] }), StatusCode::UNPROCESSABLE_ENTITY, "no_change"),
        (json!({ "decision": "accept", "hunks": [2] }), StatusCode::UNPROCESSABLE_ENTITY, "invalid_field"),
        (json!({ "decision": "reject", "hunks": [0] }), StatusCode::UNPROCESSABLE_ENTITY, "inapplicable_field"),
        (
            json!({ "decision": "accept", "hunks": [0], "new_lines": ["x"] }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "inapplicable_field",
        ),
    ] {
        let (got, answer) = drafter.post(&decision, &body).await;
        assert_eq!((got, code(&answer)), (status, Some(expected)), "{body}: {answer}");
    }
    let (_, still) = drafter.get(&format!("/api/v1/amendments/{id}")).await;
    assert_eq!(still["state"], "open", "refusals changed nothing");

    let (status, decided) = drafter.post(&decision, &json!({ "decision": "accept", "hunks": [1] })).await;
    assert_eq!(status, StatusCode::OK, "{decided}");
    assert_eq!(decided["state"], "accepted");
    let (status, merged) = drafter.post("/api/v1/texts/climat/merge", &json!({ "base": 1, "amendments": [id] })).await;
    assert_eq!(status, StatusCode::CREATED, "{merged}");
    assert_eq!(drafter.lines("climat").await, [GOAL.replace("100", "200"), "Fin.".to_owned()]);
    // The author keeps the credit, and the record says it was adopted in modified form.
    let (_, origins) = drafter.get("/api/v1/texts/climat/provenance").await;
    assert_eq!(origins[0]["amendment"], id, "{origins}");
    let reader = server.browser();
    let (_, page) = reader.get(&format!("/amendments/{id}")).await;
    assert!(page.contains("La rédaction a modifié sa formulation avant de l’adopter"), "the fate says so");
}

#[tokio::test]
async fn the_amendment_page_offers_its_changes_to_tick() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redactrice", Role::Drafter).await;
    let alice = server.api_as("alice", Role::Member).await;
    drafter.publish("climat", &[GOAL]).await;
    let id = alice.propose("climat", 1, 1, 1, &[&GOAL.replace("2030", "2035").replace("100", "200")]).await;
    let desk = server.browser();
    desk.log_in("redactrice", common::PASSWORD).await;
    let (_, page) = desk.get(&format!("/amendments/{id}")).await;
    assert!(page.contains("Adopter en partie") && page.contains("name=\"hunks\" value=\"1\""), "the form is there");
    let csrf = common::csrf_in(&page).expect("csrf");
    let form = [("csrf", csrf.as_str()), ("version", "1"), ("decision", "accept_part"), ("hunks", "0")];
    let (status, location, body) = desk.post_form(&format!("/amendments/{id}/decision"), &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(location.as_deref(), Some(format!("/amendments/{id}?done=decided").as_str()));
    let (_, amendment) = drafter.get(&format!("/api/v1/amendments/{id}")).await;
    assert_eq!(amendment["state"], "accepted");
    assert_eq!(amendment["decided_lines"], json!([GOAL.replace("2030", "2035")]), "{amendment}");
}

#[tokio::test]
async fn a_part_that_outgrows_the_limits_is_refused_and_changes_nothing() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redactrice", Role::Drafter).await;
    let alice = server.api_as("alice", Role::Member).await;
    let (long_a, long_b) = ("a".repeat(20_000), "b".repeat(20_000));
    drafter.publish("long", &[&format!("{long_a} mot")]).await;
    // Two changes: the long word becomes "c", "mot" becomes a long word. Keeping only the
    // second would make a line of 40,001 characters.
    let id = alice.propose("long", 1, 1, 1, &[&format!("c {long_b}")]).await;
    let (_, detail) = drafter.get(&format!("/api/v1/amendments/{id}")).await;
    assert_eq!(detail["hunks"].as_array().map(Vec::len), Some(2), "two changes");
    let decision = format!("/api/v1/amendments/{id}/decision");
    let (status, answer) = drafter.post(&decision, &json!({ "decision": "accept", "hunks": [1] })).await;
    assert!(status.is_client_error() && status != StatusCode::CONFLICT, "{status}: {answer}");
    let (_, still) = drafter.get(&format!("/api/v1/amendments/{id}")).await;
    assert_eq!(still["state"], "open");
    // Repeated indices are one change.
    let (status, answer) = drafter.post(&decision, &json!({ "decision": "accept", "hunks": [0, 0, 0] })).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
}
