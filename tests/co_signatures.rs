//! Co-signatures over HTTP: members co-sign open amendments during the consultation; a
//! text's quorum keeps an amendment from being accepted until enough members co-signed
//! its current wording; an author's rewrite asks each co-signer to confirm, showing them
//! what changed.

mod common;

use common::{Api, TestServer};
use redraft::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn support(api: &Api, id: i64) -> (StatusCode, Value) {
    api.post(&format!("/api/v1/amendments/{id}/support"), &json!({})).await
}

fn code(answer: &Value) -> Option<&str> {
    answer["error"]["code"].as_str()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_amendment_below_its_quorum_cannot_be_accepted_and_a_rewrite_asks_co_signers_again() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let (author, bea, chloe) = (
        server.api_as("auteur", Role::Member).await,
        server.api_as("bea", Role::Member).await,
        server.api_as("chloe", Role::Member).await,
    );
    let slug = drafter.publish("programme", &["# Santé", "Un hôpital par département.", "Fin."]).await;

    // The drafter asks for two co-signers.
    let settings = format!("/api/v1/texts/{slug}/settings");
    let (status, text) = drafter.put(&settings, &json!({ "min_supporters": 2 })).await;
    assert_eq!((status, &text["min_supporters"]), (StatusCode::OK, &json!(2)), "{text}");
    for (api, body, status, expected) in [
        (&bea, json!({ "min_supporters": 1 }), StatusCode::FORBIDDEN, "forbidden"),
        (&drafter, json!({ "min_supporters": 1_001 }), StatusCode::UNPROCESSABLE_ENTITY, "invalid_field"),
        (&drafter, json!({ "min_supporters": -1 }), StatusCode::BAD_REQUEST, "bad_request"),
        (&drafter, json!({ "line_numbers": "left" }), StatusCode::UNPROCESSABLE_ENTITY, "unknown_field"),
    ] {
        let (got, answer) = api.put(&settings, &body).await;
        assert_eq!((got, code(&answer)), (status, Some(expected)), "{body}: {answer}");
    }

    let id = author.propose(&slug, 1, 2, 1, &["Un hôpital public par département."]).await;
    let accept = json!({ "decision": "accept" });
    let decision = format!("/api/v1/amendments/{id}/decision");
    let (status, answer) = drafter.post(&decision, &accept).await;
    assert_eq!((status, code(&answer)), (StatusCode::CONFLICT, Some("quorum_not_reached")), "{answer}");
    assert_eq!(
        answer["error"]["message"],
        "PROG-1 a aucun co-signataire sur les 2 requis : il ne peut pas encore être accepté.",
        "{answer}"
    );

    // Its author does not co-sign it; others do, once each.
    let (status, answer) = support(&author, id).await;
    assert_eq!((status, code(&answer)), (StatusCode::UNPROCESSABLE_ENTITY, Some("own_amendment")), "{answer}");
    let (status, answer) = support(&bea, id).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer, json!({ "supporters": 1, "earlier_supporters": 0, "supporters_needed": 2 }));
    let (_, answer) = support(&bea, id).await;
    assert_eq!(answer["supporters"], 1, "co-signing twice counted twice");
    let (_, answer) = support(&chloe, id).await;
    assert_eq!(answer["supporters"], 2);

    // A new rationale asks no one to confirm again.
    let reasons = json!({ "base": 1, "start": 2, "count": 1, "new_lines": ["Un hôpital public par département."], "rationale": "Mieux dit." });
    let (status, edited) = author.put(&format!("/api/v1/amendments/{id}"), &reasons).await;
    assert_eq!((status, &edited["supporters"]), (StatusCode::OK, &json!(2)), "{edited}");

    // The author rewrites it: both co-signatures go to the earlier wording.
    let edit = json!({ "base": 1, "start": 2, "count": 1, "new_lines": ["Deux hôpitaux publics par département."], "rationale": "Plus ambitieux." });
    let (status, edited) = author.put(&format!("/api/v1/amendments/{id}"), &edit).await;
    assert_eq!(status, StatusCode::OK, "{edited}");
    assert_eq!((&edited["supporters"], &edited["earlier_supporters"]), (&json!(0), &json!(2)));
    let (status, answer) = drafter.post(&decision, &accept).await;
    assert_eq!((status, code(&answer)), (StatusCode::CONFLICT, Some("quorum_not_reached")), "{answer}");

    // Bea sees what changed on the amendment's page and confirms from there.
    let page_bea = server.browser();
    page_bea.log_in("bea", common::PASSWORD).await;
    let (_, page) = page_bea.get(&format!("/amendments/{id}")).await;
    assert!(page.contains("Ce qui a changé depuis votre co-signature"), "{page}");
    assert!(page.contains("<ins>Deux</ins>") || page.contains("Deux"), "{page}");
    let csrf = common::csrf_in(&page).expect("csrf");
    let version = edited["version"].to_string();
    let fields = [("csrf", csrf.as_str()), ("version", version.as_str())];
    let (status, location, body) = page_bea.post_form(&format!("/amendments/{id}/support"), &fields).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(location.as_deref(), Some(&*format!("/amendments/{id}?done=co-signed")));
    let (_, page) = page_bea.get(&format!("/amendments/{id}")).await;
    assert!(
        page.contains("1 co-signataire sur les 2 requis") || page.contains("Un co-signataire sur les 2 requis"),
        "{page}"
    );
    assert!(!page.contains("Ce qui a changé depuis votre co-signature"), "{page}");

    // Chloe confirms through the API; the amendment can now be accepted.
    let (_, answer) = support(&chloe, id).await;
    assert_eq!(answer, json!({ "supporters": 2, "earlier_supporters": 0, "supporters_needed": 2 }));
    let (status, accepted) = drafter.post(&decision, &accept).await;
    assert_eq!((status, &accepted["state"]), (StatusCode::OK, &json!("accepted")), "{accepted}");
    // Only open amendments are co-signed; the co-signatures of an accepted one stay.
    let (status, answer) = support(&server.api_as("dora", Role::Member).await, id).await;
    assert_eq!((status, code(&answer)), (StatusCode::CONFLICT, Some("invalid_state")), "{answer}");
    let (status, answer) =
        chloe.send(chloe.client.delete(server.url(&format!("/api/v1/amendments/{id}/support")))).await;
    assert_eq!((status, code(&answer)), (StatusCode::CONFLICT, Some("invalid_state")), "{answer}");
    // Settings are for drafters, even when they name none.
    let (status, _) = bea.put(&settings, &json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // The text's ETag names the quorum: a cached copy is not kept past a change of it.
    let response = drafter.client.get(server.url(&format!("/api/v1/texts/{slug}"))).send().await.expect("get");
    assert_eq!(response.headers()["etag"].to_str().ok(), Some("\"r1.consultation.q2\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn co_signatures_are_taken_back_follow_the_phase_and_the_version_seen() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let author = server.api_as("auteur", Role::Member).await;
    let bea = server.api_as("bea", Role::Member).await;
    let slug = drafter.publish("programme", &["Un alinéa.", "Un autre."]).await;
    let id = author.propose(&slug, 1, 1, 1, &["Un alinéa amendé."]).await;
    let path = format!("/api/v1/amendments/{id}/support");

    let (status, answer) = server.api().post(&path, &json!({})).await;
    assert_eq!((status, code(&answer)), (StatusCode::UNAUTHORIZED, Some("unauthenticated")));
    let (status, _) = bea.post("/api/v1/amendments/999/support", &json!({})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // As the version seen: a co-signature on wording that changed since is refused.
    let request = bea.client.post(server.url(&path)).header("if-match", "\"v0\"").json(&json!({}));
    let (status, answer) = bea.send(request).await;
    assert_eq!((status, code(&answer)), (StatusCode::CONFLICT, Some("stale_version")), "{answer}");

    support(&bea, id).await;
    let (status, answer) = bea.send(bea.client.delete(server.url(&path))).await;
    assert_eq!((status, &answer["supporters"]), (StatusCode::OK, &json!(0)), "{answer}");
    let (status, answer) = bea.send(bea.client.delete(server.url(&path))).await;
    assert_eq!((status, &answer["supporters"]), (StatusCode::OK, &json!(0)), "taking back twice: {answer}");

    // Once the consultation is over, co-signatures stay as they are.
    support(&bea, id).await;
    drafter.put(&format!("/api/v1/texts/{slug}/phase"), &json!({ "phase": "review" })).await;
    for request in [bea.client.post(server.url(&path)).json(&json!({})), bea.client.delete(server.url(&path))] {
        let (status, answer) = bea.send(request).await;
        assert_eq!((status, code(&answer)), (StatusCode::CONFLICT, Some("phase_closed")), "{answer}");
    }
    let (_, amendment) = bea.get(&format!("/api/v1/amendments/{id}")).await;
    assert_eq!(amendment["supporters"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_drafter_sets_the_quorum_from_the_phase_page() {
    let server = TestServer::start().await;
    let api = server.api_as("redaction", Role::Drafter).await;
    let slug = api.publish("programme", &["Un alinéa."]).await;
    let drafter = server.browser();
    drafter.log_in("redaction", common::PASSWORD).await;
    let csrf = drafter.csrf(&format!("/texts/{slug}/phase")).await;
    let path = format!("/texts/{slug}/settings");

    let (status, location, body) = drafter.post_form(&path, &[("csrf", csrf.as_str()), ("min_supporters", "3")]).await;
    assert_eq!(
        (status, location.as_deref()),
        (StatusCode::SEE_OTHER, Some(&*format!("/texts/{slug}/phase"))),
        "{body}"
    );
    let (_, text) = api.get(&format!("/api/v1/texts/{slug}")).await;
    assert_eq!(text["min_supporters"], 3);

    // Refused values come back as typed, with why; nothing changes.
    for (typed, status, message) in [
        ("trois", StatusCode::BAD_REQUEST, "doit être un nombre entier"),
        ("1001", StatusCode::UNPROCESSABLE_ENTITY, "au plus 1"),
    ] {
        let (got, _, page) = drafter.post_form(&path, &[("csrf", csrf.as_str()), ("min_supporters", typed)]).await;
        assert_eq!(got, status, "{typed}: {page}");
        assert!(page.contains(message), "{page}");
    }
    let (_, text) = api.get(&format!("/api/v1/texts/{slug}")).await;
    assert_eq!(text["min_supporters"], 3);
    // Members have no such form and cannot send it.
    let member = server.browser_as("militante", Role::Member).await;
    let csrf = member.csrf(&format!("/texts/{slug}")).await;
    let (status, _, _) = member.post_form(&path, &[("csrf", csrf.as_str()), ("min_supporters", "0")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
