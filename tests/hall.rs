//! The congress hall over HTTP: the live page of a text, and its server-sent events, which
//! carry each decision and each merge to every follower as they happen.

mod common;

use std::time::{Duration, Instant};

use common::TestServer;
use redraft::domain::Role;
use reqwest::StatusCode;
use serde_json::json;

/// A follower of a text's events, reading them as they arrive.
struct Follower {
    response: reqwest::Response,
    buffer: String,
}

impl Follower {
    async fn open(base: &str, path: &str) -> Follower {
        let response = reqwest::get(format!("{base}{path}")).await.expect("events");
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let kind = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        assert!(kind.starts_with("text/event-stream"), "{kind}");
        Follower { response, buffer: String::new() }
    }

    /// The next event (name and data), keep-alive comments skipped; panics after 5 s.
    async fn next(&mut self) -> (String, String) {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            if let Some(at) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..at + 2).collect();
                let mut name = String::from("message");
                let mut data = Vec::new();
                for line in block.lines() {
                    if let Some(value) = line.strip_prefix("event:") {
                        name = value.trim().to_owned();
                    } else if let Some(value) = line.strip_prefix("data:") {
                        data.push(value.strip_prefix(' ').unwrap_or(value).to_owned());
                    }
                }
                if !data.is_empty() {
                    return (name, data.join("\n"));
                }
                continue;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            let chunk = tokio::time::timeout(left, self.response.chunk())
                .await
                .expect("an event within 5 s")
                .expect("the stream")
                .expect("the stream still open");
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    /// Whether an event arrives within `wait`.
    async fn quiet_for(&mut self, wait: Duration) -> bool {
        if self.buffer.contains("data:") {
            return false;
        }
        match tokio::time::timeout(wait, self.response.chunk()).await {
            Err(_) => true,
            Ok(Ok(Some(chunk))) => {
                let chunk = String::from_utf8_lossy(&chunk).into_owned();
                self.buffer.push_str(&chunk);
                !chunk.contains("data:")
            }
            Ok(_) => false,
        }
    }
}

/// The events address the live page gives its script.
fn events_address(page: &str) -> String {
    let (_, rest) = page.split_once("data-events=\"").expect("the page names its events");
    rest.split_once('"').map(|(address, _)| address.replace("&amp;", "&")).expect("an address")
}

#[tokio::test]
async fn decisions_and_merges_reach_the_hall_as_they_happen() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redactrice", Role::Drafter).await;
    let member = server.api_as("militant", Role::Member).await;
    drafter.publish("motion", &["Premier alinéa.", "Deuxième alinéa."]).await;
    let first = member.propose("motion", 1, 1, 1, &["Premier alinéa, amendé."]).await;
    let second = member.propose("motion", 1, 2, 1, &["Deuxième alinéa, amendé."]).await;

    let reader = server.browser();
    let (status, page) = reader.get("/texts/motion/live").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Premier alinéa.") && page.contains("Aucun amendement tranché"), "{page}");
    assert!(page.contains("http-equiv=\"refresh\""), "without the script, the page reloads itself");
    let mut hall = Follower::open(&reader.base, &events_address(&page)).await;
    assert!(hall.quiet_for(Duration::from_millis(300)).await, "nothing is sent while nothing changes");

    let (_, amendment) = drafter.get(&format!("/api/v1/amendments/{first}")).await;
    let reference = amendment["reference"].as_str().expect("reference").to_owned();
    drafter.accept(first).await;
    let (event, data) = hall.next().await;
    assert_eq!(event, "decisions");
    assert!(data.contains(&reference) && data.contains("state-accepted"), "{data}");

    let (status, answer) = drafter
        .post(&format!("/api/v1/amendments/{second}/decision"), &json!({ "decision": "reject", "note": "Hors sujet." }))
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let (event, data) = hall.next().await;
    assert_eq!(event, "decisions");
    assert!(data.contains("state-rejected"), "{data}");

    let merging = Instant::now();
    let (status, merged) =
        drafter.post("/api/v1/texts/motion/merge", &json!({ "base": 1, "amendments": [first] })).await;
    assert_eq!(status, StatusCode::CREATED, "{merged}");
    let mut seen = Vec::new();
    while seen.len() < 2 {
        seen.push(hall.next().await);
    }
    eprintln!("a merge reached the hall {:?} after it was sent", merging.elapsed());
    let text = seen.iter().find(|(event, _)| event == "text").map(|(_, data)| data).expect("the new text");
    assert!(text.contains("Premier alinéa, amendé.") && text.contains("évision 2"), "{text}");
    let decisions = seen.iter().find(|(event, _)| event == "decisions").map(|(_, data)| data).expect("decisions");
    assert!(decisions.contains("state-merged"), "{decisions}");

    // A follower that comes late, naming what its page showed, gets what it missed at once.
    let mut late = Follower::open(&reader.base, "/texts/motion/events?head=1&version=0").await;
    let mut caught_up = vec![late.next().await.0, late.next().await.0];
    caught_up.sort();
    assert_eq!(caught_up, ["decisions", "text"]);
}

#[tokio::test]
async fn a_text_one_may_not_read_has_no_hall() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redactrice", Role::Drafter).await;
    let body = json!({ "slug": "interne", "title": "Interne", "body": "Secret.", "visibility": "members" });
    let (status, answer) = drafter.post("/api/v1/texts", &body).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let anonymous = server.browser();
    for path in ["/texts/interne/live", "/texts/interne/events", "/texts/absent/live", "/texts/absent/events"] {
        let (status, _) = anonymous.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    let member = server.browser_as("militante", Role::Member).await;
    let (status, page) = member.get("/texts/interne/live").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Secret."));
    // A query that is no number is refused, not ignored.
    let (status, _) = member.get("/texts/interne/events?head=deux").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_phase_move_reaches_the_hall_and_old_news_never_does() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redactrice", Role::Drafter).await;
    drafter.publish("motion", &["Premier alinéa."]).await;
    let reader = server.browser();
    let (_, page) = reader.get("/texts/motion/live").await;
    let mut hall = Follower::open(&reader.base, &events_address(&page)).await;
    let (status, answer) = drafter.put("/api/v1/texts/motion/phase", &json!({ "phase": "review" })).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let (event, data) = hall.next().await;
    assert_eq!(event, "decisions");
    assert!(data.contains("examen (amendements clos)"), "{data}");
    let (_, page) = reader.get("/texts/motion/live").await;
    assert!(!page.contains("consultation (amendements ouverts)"), "a new page shows the new phase");

    // A follower whose page is newer than the state it would be told of hears nothing.
    let mut ahead = Follower::open(&reader.base, "/texts/motion/events?head=9&version=999&phase=review").await;
    assert!(ahead.quiet_for(Duration::from_millis(300)).await);
}

#[tokio::test]
async fn followers_give_way_when_a_cap_needs_room_and_a_shutdown_does_not_wait_for_them() {
    let config = redraft::http::ServeConfig { max_connections_per_address: 3, ..Default::default() };
    let server = TestServer::start_with(config).await;
    let drafter = server.api_as("redactrice", Role::Drafter).await;
    drafter.publish("motion", &["Premier alinéa."]).await;
    let base = server.url("");
    // Each follower on its own connection, all from one address: the cap is reached.
    let mut followers = Vec::new();
    for _ in 0..3 {
        followers.push(Follower::open(&base, "/texts/motion/events").await);
    }
    // A reader from the same address still gets the text: a follower gave way.
    let (status, _) = server.browser().get("/texts/motion").await;
    assert_eq!(status, StatusCode::OK);
    // And the server stops with followers still open.
    tokio::time::timeout(Duration::from_secs(10), server.stop()).await.expect("the server stops");
    drop(followers);
}
