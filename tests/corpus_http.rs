//! The corpus replayed through the running server, as the foundation issue asks: for every
//! consecutive pair of revisions k → k+1 of the three real documents, revision k is
//! published as a text, GNU diff's hunks of k → k+1 are proposed as amendments over the
//! API and accepted, and merged in two batches (the second rebased onto the first merge by
//! the server); the text and its Markdown export must equal revision k+1 exactly, as
//! Redraft normalises it (rule 1).

mod common;

use common::TestServer;
use common::corpus::{self, Document};
use redraft::domain::Role;
use reqwest::StatusCode;
use serde_json::json;

async fn replay(server: &TestServer, drafter: &common::Api, member: &common::Api, document: &Document) -> usize {
    let mut checked = 0;
    for (k, hunks) in document.hunks.iter().enumerate() {
        let context = format!("{}, rev-{:04} -> rev-{:04}", document.name, k + 1, k + 2);
        let slug = format!("{}-{}", &document.name[..12].trim_end_matches('-'), k + 1);
        let body = json!({ "slug": slug, "title": context, "body": document.revisions[k].join("\n") });
        let (status, answer) = drafter.post("/api/v1/texts", &body).await;
        assert_eq!(status, StatusCode::CREATED, "{context}: publish: {answer}");

        let mut ids = Vec::with_capacity(hunks.len());
        for hunk in hunks {
            let proposal = json!({
                "base": 1, "start": hunk.old_start, "count": hunk.old_count,
                "new_lines": hunk.new_lines, "rationale": "Révision suivante du texte."
            });
            let (status, answer) = member.post(&format!("/api/v1/texts/{slug}/amendments"), &proposal).await;
            assert_eq!(status, StatusCode::CREATED, "{context}: propose {hunk:?}: {answer}");
            let id = answer["id"].as_i64().expect("id");
            drafter.accept(id).await;
            ids.push(id);
        }

        // A pair whose changes normalisation made nothing has nothing to merge.
        if !ids.is_empty() {
            // Every other hunk first, so both batches are spread over the whole text.
            let first: Vec<i64> = ids.iter().copied().step_by(2).collect();
            let second: Vec<i64> = ids.iter().copied().skip(1).step_by(2).collect();
            let (status, answer) =
                drafter.post(&format!("/api/v1/texts/{slug}/merge"), &json!({ "base": 1, "amendments": first })).await;
            assert_eq!(status, StatusCode::CREATED, "{context}: first merge: {answer}");
            assert_eq!(answer["outdated"], 0, "{context}: the first merge outdated amendments it does not touch");

            if !second.is_empty() {
                for id in &second {
                    let (_, amendment) = member.get(&format!("/api/v1/amendments/{id}")).await;
                    assert_eq!(amendment["state"], "accepted", "{context}: {amendment}");
                    assert_eq!(
                        amendment["anchor"]["revision"], 2,
                        "{context}: not rebased onto the merge: {amendment}"
                    );
                }
                let (status, answer) = drafter
                    .post(&format!("/api/v1/texts/{slug}/merge"), &json!({ "base": 2, "amendments": second }))
                    .await;
                assert_eq!(status, StatusCode::CREATED, "{context}: second merge: {answer}");
            }
        }

        let expected = &document.revisions[k + 1];
        assert!(drafter.lines(&slug).await == *expected, "{context}: the text differs from the next revision");
        let export = server.browser().get(&format!("/texts/{slug}/export.md")).await;
        assert_eq!(export.0, StatusCode::OK, "{context}: export");
        let markdown = redraft::export::revision(expected, redraft::export::Format::Markdown);
        assert!(export.1 == markdown, "{context}: the export differs from the next revision");
        checked += 1;
    }
    checked
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_consecutive_pair_of_the_corpus_merges_to_the_next_revision() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let member = server.api_as("adherent", Role::Member).await;
    let mut total = 0;
    for document in corpus::all() {
        let document = document.as_redraft_stores_it();
        let pairs = replay(&server, &drafter, &member, &document).await;
        assert_eq!(pairs, document.pairs(), "{}", document.name);
        println!("{}: {} pairs, {} hunks, every export exact", document.name, pairs, document.hunk_count());
        total += pairs;
    }
    assert_eq!(total, 211);
    server.stop().await;
}

/// Revisions are stored as the lines their changes added to their parent's, and whole
/// every 16: every revision of the corpus, written as full-text edits, then as one-line
/// edits past the next revision stored whole, reads back exactly from a server that holds
/// none of them in memory and must rebuild each from the store.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_revision_stored_as_a_delta_reads_back_after_a_restart() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let mut written: Vec<(String, usize, Vec<String>)> = Vec::new();
    for document in corpus::all() {
        let document = document.as_redraft_stores_it();
        let slug = document.name[..12].trim_end_matches('-').to_owned();
        let body = json!({ "slug": slug, "title": document.name, "body": document.revisions[0].join("\n") });
        let (status, answer) = drafter.post("/api/v1/texts", &body).await;
        assert_eq!(status, StatusCode::CREATED, "{slug}: publish: {answer}");
        written.push((slug.clone(), 1, document.revisions[0].clone()));
        let mut versions: Vec<Vec<String>> = document.revisions[1..].to_vec();
        let last = document.revisions[document.revisions.len() - 1].clone();
        for turn in 0..20 {
            let mut lines = last.clone();
            let at = (turn * 7) % lines.len();
            lines[at].push_str(&format!(" (relu {turn})"));
            versions.push(lines);
        }
        for lines in versions {
            let base = written.last().map_or(1, |(_, number, _)| *number);
            let edit = json!({ "base": base, "body": lines.join("\n"), "summary": "Version suivante" });
            let (status, answer) = drafter.put(&format!("/api/v1/texts/{slug}"), &edit).await;
            if answer["code"] == "no_change" {
                continue;
            }
            assert_eq!(status, StatusCode::CREATED, "{slug}: edit of revision {base}: {answer}");
            assert_eq!(answer["head"], base + 1, "{slug}: {answer}");
            written.push((slug.clone(), base + 1, lines));
        }
    }
    assert!(written.len() > 200, "{} revisions written", written.len());

    let server = server.restart().await;
    let reader = server.api();
    for (slug, number, lines) in written.iter().rev() {
        let (status, revision) = reader.get(&format!("/api/v1/texts/{slug}/revisions/{number}")).await;
        assert_eq!(status, StatusCode::OK, "{slug} revision {number}: {revision}");
        assert!(revision["lines"] == json!(lines), "{slug}: revision {number} reads back other lines");
    }
    server.stop().await;
}
