//! Histories chosen to catch a server that takes shortcuts: repeated lines, where a diff
//! re-derived after a merge would place the merged change elsewhere than where it was made
//! (rule 5: a merge rebases the others over exactly the amendments merged); insertions at
//! one point and at the end of another amendment's lines.

mod common;

use common::{Api, TestServer};
use redraft::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn merge(drafter: &Api, slug: &str, base: u64, ids: &[i64]) -> Value {
    let (status, answer) =
        drafter.post(&format!("/api/v1/texts/{slug}/merge"), &json!({ "base": base, "amendments": ids })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    answer
}

async fn amendment(api: &Api, id: i64) -> Value {
    let (status, answer) = api.get(&format!("/api/v1/amendments/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    answer
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn amendments_on_repeated_lines_follow_the_very_lines_they_were_written_on() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let member = server.api_as("adherente", Role::Member).await;
    let same = "Le conseil se réunit.";
    drafter.publish("repetitions", &["Article 1", same, same, same, same, "Fin"]).await;
    // Deleting the third line: a diff of the two revisions could as well say the second,
    // fourth or fifth went, and would then outdate or move the wrong amendments.
    let delete = member.propose("repetitions", 1, 3, 1, &[]).await;
    let second = member.propose("repetitions", 1, 2, 1, &["Le conseil se réunit deux fois."]).await;
    let fourth = member.propose("repetitions", 1, 4, 1, &["Le conseil se réunit en public."]).await;
    let before_fifth = member.propose("repetitions", 1, 5, 0, &["Il délibère à la majorité."]).await;
    for id in [delete, second, fourth, before_fifth] {
        drafter.accept(id).await;
    }
    let merged = merge(&drafter, "repetitions", 1, &[delete]).await;
    assert_eq!((merged["outdated"].as_u64(), merged["rebased"].as_u64()), (Some(0), Some(3)), "{merged}");
    let mut anchors = Vec::new();
    for id in [second, fourth, before_fifth] {
        anchors.push(amendment(&member, id).await["anchor"].clone());
    }
    assert_eq!(
        anchors,
        [
            json!({ "revision": 2, "start": 2, "count": 1 }),
            json!({ "revision": 2, "start": 3, "count": 1 }),
            json!({ "revision": 2, "start": 4, "count": 0 }),
        ]
    );
    merge(&drafter, "repetitions", 2, &[second, fourth, before_fifth]).await;
    assert_eq!(
        drafter.lines("repetitions").await,
        [
            "Article 1",
            "Le conseil se réunit deux fois.",
            "Le conseil se réunit en public.",
            "Il délibère à la majorité.",
            same,
            "Fin"
        ]
    );
    // Provenance points each line to what wrote it.
    let (_, origins) = drafter.get("/api/v1/texts/repetitions/provenance").await;
    let amendments: Vec<Value> = origins.as_array().expect("origins").iter().map(|o| o["amendment"].clone()).collect();
    assert_eq!(amendments, [Value::Null, json!(second), json!(fourth), json!(before_fifth), Value::Null, Value::Null]);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn insertions_at_one_point_and_at_the_end_of_a_replacement_keep_their_places_across_merges() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let member = server.api_as("adherente", Role::Member).await;
    drafter.publish("points", &["A", "B", "C", "D"]).await;
    let replace_bc = member.propose("points", 1, 2, 2, &["B2", "C2"]).await;
    let at_end = member.propose("points", 1, 4, 0, &["après C"]).await;
    let at_start_one = member.propose("points", 1, 2, 0, &["avant B, un"]).await;
    let at_start_two = member.propose("points", 1, 2, 0, &["avant B, deux"]).await;
    for id in [replace_bc, at_end, at_start_one, at_start_two] {
        drafter.accept(id).await;
    }
    // The replacement first: the insertion at its end stays after it, those at its start
    // before it, in the order they are merged.
    merge(&drafter, "points", 1, &[replace_bc]).await;
    for id in [at_end, at_start_one, at_start_two] {
        assert_eq!(
            amendment(&member, id).await["state"],
            "accepted",
            "{id} outdated by a merge that does not touch it"
        );
    }
    merge(&drafter, "points", 2, &[at_start_one]).await;
    merge(&drafter, "points", 3, &[at_start_two, at_end]).await;
    assert_eq!(drafter.lines("points").await, ["A", "avant B, un", "avant B, deux", "B2", "C2", "après C", "D"]);
    server.stop().await;
}
