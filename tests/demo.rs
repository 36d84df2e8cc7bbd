//! The demo organisation: `serve --demo` fills an empty database with a programme, its
//! history, accounts for each role and amendments in every state, and leaves a database
//! that already has accounts alone.

mod common;

use std::collections::BTreeSet;

use common::TestServer;
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_shows_every_state_and_fills_only_an_empty_database() {
    let server = TestServer::start().await;
    let site = std::sync::Arc::clone(&server.site);
    let accounts = tokio::task::spawn_blocking(move || redraft::actions::demo::fill(&site))
        .await
        .expect("join")
        .expect("demo")
        .expect("an empty database is filled");
    let roles: BTreeSet<&str> = accounts.iter().map(|account| account.role.as_str()).collect();
    assert_eq!(roles, BTreeSet::from(["admin", "drafter", "member"]));

    let api = server.api();
    let (status, texts) = api.get("/api/v1/texts").await;
    assert_eq!(status, StatusCode::OK);
    // The members-only charter is hidden from anonymous readers; the programme and the
    // motion are public.
    assert_eq!(texts.as_array().map(Vec::len), Some(2), "{texts}");
    let (_, programme) = api.get("/api/v1/texts/programme-2027").await;
    assert_eq!(programme["head"], 3);
    assert!(programme["lines"].as_array().is_some_and(|lines| lines.len() > 200));
    let (_, amendments) = api.get("/api/v1/texts/programme-2027/amendments").await;
    let states: BTreeSet<&str> =
        amendments.as_array().expect("amendments").iter().filter_map(|a| a["state"].as_str()).collect();
    assert_eq!(states, BTreeSet::from(["accepted", "merged", "open", "outdated", "rejected", "withdrawn"]));
    // Votes: secret on the programme (tallies only), open on the motion (names too).
    let voted = amendments.as_array().expect("amendments").iter().filter(|a| a["votes"]["for"].as_u64() > Some(0));
    assert!(voted.count() >= 3, "{amendments}");
    let (_, motion) = api.get("/api/v1/texts/motion-democratie-interne/amendments").await;
    let first = motion[0]["id"].as_i64().expect("a motion amendment");
    let (_, detail) = api.get(&format!("/api/v1/amendments/{first}")).await;
    assert!(detail["voters"].as_array().is_some_and(|voters| voters.len() >= 4), "{detail}");
    let secret = amendments[0]["id"].as_i64().expect("an amendment");
    let (_, detail) = api.get(&format!("/api/v1/amendments/{secret}")).await;
    assert_eq!(detail["voters"], serde_json::json!([]), "{detail}");
    // A question on an alinéa, answered in secret.
    let (_, questions) = api.get("/api/v1/texts/programme-2027/questions").await;
    let answers: u64 =
        questions[0]["tallies"].as_array().expect("tallies").iter().filter_map(serde_json::Value::as_u64).sum();
    assert!(answers >= 3 && questions[0]["line"].is_u64(), "{questions}");

    // Comment threads on alinéas, with replies, and one hidden with its reason.
    let (_, comments) = api.get("/api/v1/texts/programme-2027/comments").await;
    let comments = comments.as_array().expect("comments");
    assert!(comments.iter().filter(|c| c["line"].is_u64()).count() >= 4, "{comments:?}");
    assert!(comments.iter().any(|c| c["parent"].is_i64()), "{comments:?}");
    assert!(comments.iter().any(|c| c["hidden_reason"].is_string() && c["body"].is_null()), "{comments:?}");
    let (_, history) = api.get("/api/v1/texts/programme-2027/revisions").await;
    assert_eq!(history.as_array().map(Vec::len), Some(3));

    // Logging in with a printed password works.
    let member = accounts.iter().find(|account| account.role.as_str() == "member").expect("a member");
    server.browser().log_in(&member.login, &member.password).await;

    let site = std::sync::Arc::clone(&server.site);
    let again = tokio::task::spawn_blocking(move || redraft::actions::demo::fill(&site)).await.expect("join");
    assert!(matches!(again, Ok(None)), "the demo was added twice");
    server.stop().await;
}
