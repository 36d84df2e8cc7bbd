//! Power-cut durability without losing speed: a write is answered only once the write-ahead
//! log holding its commit was flushed to disk; submissions that arrive together share one
//! commit and one flush, in which a use case that fails is rolled back alone and every
//! request gets its own answer.

mod common;

use common::TestServer;
use redraft::domain::Role;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn submissions_that_arrive_together_share_a_flush_and_each_gets_its_own_answer() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let lines: Vec<String> = (1..=40).map(|n| format!("Alinéa {n}.")).collect();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    drafter.publish("programme", &refs).await;
    let mut members = Vec::new();
    for n in 0..8 {
        members.push(server.api_as(&format!("membre{n}"), Role::Member).await);
    }
    let (before, flushes_before) = (server.site.store.batches(), server.site.store.flushes());

    // 48 submissions at once; every fourth names an alinéa the text does not have.
    let submissions = (0..48u64).map(|n| {
        let member = members[n as usize % members.len()].clone();
        tokio::spawn(async move {
            let start = if n % 4 == 3 { 99 } else { n % 40 + 1 };
            let wording = format!("Rédaction {n}.");
            let body = json!({ "base": 1, "start": start, "count": 1, "new_lines": [wording], "rationale": "Charge." });
            let (status, answer) = member.post("/api/v1/texts/programme/amendments", &body).await;
            (n, status, answer)
        })
    });
    let answers = futures_util::future::join_all(submissions).await;
    let mut filed = Vec::new();
    for answer in answers {
        let (n, status, answer) = answer.expect("task");
        if n % 4 == 3 {
            assert_eq!(
                (status, answer["error"]["code"].as_str()),
                (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_anchor")),
                "{n}: {answer}"
            );
        } else {
            assert_eq!(status, StatusCode::CREATED, "{n}: {answer}");
            // Each is answered with its own amendment, not a neighbour's of the batch.
            assert_eq!(answer["new_lines"], json!([format!("Rédaction {n}.")]), "{n}: {answer}");
            filed.push(answer["id"].as_i64().expect("id"));
        }
    }
    let batches = server.site.store.batches() - before;
    let flushes = server.site.store.flushes() - flushes_before;
    assert!(batches < 48, "{batches} commits for 48 submissions: nothing was grouped");
    assert!((1..=batches).contains(&flushes), "{flushes} flushes of the log for {batches} batches");

    // Every acknowledged one is there; the refused ones left nothing, not even a number.
    let (_, list) = drafter.get("/api/v1/texts/programme/amendments").await;
    let mut listed: Vec<i64> = list.as_array().expect("list").iter().filter_map(|a| a["id"].as_i64()).collect();
    listed.sort_unstable();
    filed.sort_unstable();
    assert_eq!(listed, filed);
    let references: Vec<&str> = list.as_array().expect("list").iter().filter_map(|a| a["reference"].as_str()).collect();
    let mut numbers: Vec<u32> =
        references.iter().filter_map(|r| r.rsplit('-').next()?.parse().ok()).collect::<Vec<_>>();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=36).collect::<Vec<_>>(), "a refused submission took a number: {references:?}");
    server.stop().await;
}
