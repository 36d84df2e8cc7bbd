//! Member limits over HTTP: a text's maximum of open amendments per member, the rate limits
//! on proposals and comments with their clear messages, drafters unlimited, and every limit
//! off for load tests.

mod common;

use common::TestServer;
use redraft::actions::pace::{COMMENT_BURST, PROPOSAL_BURST};
use redraft::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn code(answer: &Value) -> Option<&str> {
    answer["error"]["code"].as_str()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_text_limits_open_amendments_per_member_when_its_drafters_ask() {
    let server = TestServer::start().await;
    server.site.pace.set_enabled(true);
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let bea = server.api_as("bea", Role::Member).await;
    let lines: Vec<String> = (1..=8).map(|n| format!("Alinéa {n}.")).collect();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let slug = drafter.publish("programme", &refs).await;
    let settings = format!("/api/v1/texts/{slug}/settings");
    let (status, text) = drafter.put(&settings, &json!({ "max_open_per_member": 2 })).await;
    assert_eq!((status, &text["max_open_per_member"]), (StatusCode::OK, &json!(2)), "{text}");
    let (status, refused) = drafter.put(&settings, &json!({ "max_open_per_member": 10_001 })).await;
    assert_eq!((status, code(&refused)), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_field")), "{refused}");

    let first = bea.propose(&slug, 1, 1, 1, &["Premier, revu."]).await;
    bea.propose(&slug, 1, 2, 1, &["Deuxième, revu."]).await;
    let proposal =
        json!({ "base": 1, "start": 3, "count": 1, "new_lines": ["Troisième, revu."], "rationale": "Mieux." });
    let (status, refused) = bea.post(&format!("/api/v1/texts/{slug}/amendments"), &proposal).await;
    assert_eq!((status, code(&refused)), (StatusCode::CONFLICT, Some("too_many_open")), "{refused}");
    assert!(refused["error"]["message"].as_str().is_some_and(|m| m.contains('2')), "{refused}");
    // A decision frees a place; drafters are never limited.
    let (status, _) = drafter
        .post(&format!("/api/v1/amendments/{first}/decision"), &json!({ "decision": "reject", "note": "Non." }))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = bea.post(&format!("/api/v1/texts/{slug}/amendments"), &proposal).await;
    assert_eq!(status, StatusCode::CREATED);
    for start in 4..=7 {
        drafter.propose(&slug, 1, start, 1, &["Par la rédaction."]).await;
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_are_paced_with_a_clear_message_and_load_tests_turn_it_off() {
    let server = TestServer::start().await;
    server.site.pace.set_enabled(true);
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let bea = server.api_as("bea", Role::Member).await;
    let slug = drafter.publish("programme", &["Un.", "Deux."]).await;
    let comments = format!("/api/v1/texts/{slug}/comments");
    // A refused comment costs nothing.
    let (status, _) = bea.post(&comments, &json!({ "body": " " })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    for n in 0..COMMENT_BURST as usize {
        let (status, answer) = bea.post(&comments, &json!({ "body": format!("Avis {n}.") })).await;
        assert_eq!(status, StatusCode::CREATED, "{answer}");
    }
    let request =
        bea.client.post(server.url(&comments)).header("accept-language", "fr").json(&json!({ "body": "Encore un." }));
    let (status, refused) = bea.send(request).await;
    assert_eq!((status, code(&refused)), (StatusCode::TOO_MANY_REQUESTS, Some("rate_limited")), "{refused}");
    assert!(refused["error"]["message"].as_str().is_some_and(|m| m.contains("minute")), "{refused}");
    // Drafters are not paced.
    for n in 0..=COMMENT_BURST as usize {
        let (status, _) = drafter.post(&comments, &json!({ "body": format!("Réponse {n}.") })).await;
        assert_eq!(status, StatusCode::CREATED);
    }
    // Proposals have their own bucket.
    let (status, _) = bea
        .post(
            &format!("/api/v1/texts/{slug}/amendments"),
            &json!({ "base": 1, "start": 1, "count": 1, "new_lines": ["Un, revu."], "rationale": "." }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    // With limits off (`serve --no-rate-limits`), nothing is paced.
    server.site.pace.set_enabled(false);
    for n in 0..PROPOSAL_BURST as usize + 5 {
        let (status, answer) = bea.post(&comments, &json!({ "body": format!("Sans limite {n}.") })).await;
        assert_eq!(status, StatusCode::CREATED, "{answer}");
    }
    server.stop().await;
}
