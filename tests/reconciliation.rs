//! Word-level reconciliation over HTTP (DESIGN rule 9): amendments that change different
//! words of one alinéa merge together, or one after the other with the second rewritten
//! onto the new wording, flagged `rebased`, its co-signers asked to confirm again; only
//! amendments on the same words collide or are outdated.

mod common;

use common::{Api, TestServer};
use redraft::domain::Role;
use redraft::mail::MailConfig;
use reqwest::StatusCode;
use serde_json::{Value, json};

const GOAL: &str = "Atteindre la neutralité carbone en 2030 avec 100 % d'énergies renouvelables.";
const BOTH: &str = "Atteindre la neutralité carbone en 2035 avec 200 % d'énergies renouvelables.";

async fn amendment(api: &Api, id: i64) -> Value {
    let (status, answer) = api.get(&format!("/api/v1/amendments/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    answer
}

async fn merge(api: &Api, slug: &str, base: u64, ids: &[i64]) -> (StatusCode, Value) {
    api.post(&format!("/api/v1/texts/{slug}/merge"), &json!({ "base": base, "amendments": ids })).await
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| items.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn different_words_of_one_alinea_merge_at_once() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redactrice", Role::Drafter).await;
    let (alice, bob) = (server.api_as("alice", Role::Member).await, server.api_as("bob", Role::Member).await);
    drafter.publish("climat", &[GOAL, "Deuxième alinéa."]).await;
    let later = alice.propose("climat", 1, 1, 1, &[&GOAL.replace("2030", "2035")]).await;
    let more = bob.propose("climat", 1, 1, 1, &[&GOAL.replace("100", "200")]).await;
    let second = bob.propose("climat", 1, 2, 1, &["Deuxième alinéa, revu."]).await;
    for id in [later, more, second] {
        drafter.accept(id).await;
    }
    let (status, merged) = merge(&drafter, "climat", 1, &[later, more, second]).await;
    assert_eq!(status, StatusCode::CREATED, "{merged}");
    assert_eq!(drafter.lines("climat").await, [BOTH, "Deuxième alinéa, revu."]);
    for id in [later, more, second] {
        let amendment = amendment(&drafter, id).await;
        assert_eq!((amendment["state"].as_str(), amendment["merged_into"].as_u64()), (Some("merged"), Some(2)));
    }
    // Provenance: the reconciled alinéa is the merge's, and points to one of its amendments.
    let (status, revision) = drafter.get("/api/v1/texts/climat/revisions/2").await;
    assert_eq!(status, StatusCode::OK, "{revision}");
}

#[tokio::test]
async fn the_second_is_rewritten_onto_the_first_and_its_co_signers_asked_again() {
    // With its notifier (in the app only: no SMTP server named).
    let server = TestServer::with_mail(MailConfig::default()).await;
    let drafter = server.api_as("redactrice", Role::Drafter).await;
    let (alice, bob, chloe) = (
        server.api_as("alice", Role::Member).await,
        server.api_as("bob", Role::Member).await,
        server.api_as("chloe", Role::Member).await,
    );
    drafter.publish("climat", &[GOAL, "Deuxième alinéa."]).await;
    let later = alice.propose("climat", 1, 1, 1, &[&GOAL.replace("2030", "2035")]).await;
    let more = bob.propose("climat", 1, 1, 1, &[&GOAL.replace("100", "200")]).await;
    let clash = alice.propose("climat", 1, 1, 1, &[&GOAL.replace("2030", "2040")]).await;
    let (status, answer) = chloe.post(&format!("/api/v1/amendments/{more}/support"), &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    drafter.accept(later).await;
    drafter.accept(more).await;
    let before = amendment(&drafter, more).await;
    assert_eq!(before["rebased"], false);

    let (status, merged) = merge(&drafter, "climat", 1, &[later]).await;
    assert_eq!(status, StatusCode::CREATED, "{merged}");
    assert_eq!(merged["outdated"], 1, "only the amendment on the same words: {merged}");

    // The other words' amendment follows the new head, rewritten onto its wording.
    let rebased = amendment(&drafter, more).await;
    assert_eq!(rebased["state"], "accepted", "{rebased}");
    assert_eq!(rebased["rebased"], true, "{rebased}");
    assert_eq!(strings(&rebased["new_lines"]), [BOTH]);
    assert_eq!(rebased["anchor"]["revision"], 2, "{rebased}");
    assert_eq!((rebased["anchor"]["start"].as_u64(), rebased["anchor"]["count"].as_u64()), (Some(1), Some(1)));
    assert!(rebased["version"].as_i64() > before["version"].as_i64(), "a new wording is a new version: {rebased}");
    assert_eq!((rebased["supporters"].as_u64(), rebased["earlier_supporters"].as_u64()), (Some(0), Some(1)));
    // The one on the same words is outdated, its anchor left where it was.
    let outdated = amendment(&drafter, clash).await;
    assert_eq!((outdated["state"].as_str(), outdated["anchor"]["revision"].as_u64()), (Some("outdated"), Some(1)));

    // A merge of the version the drafter saw before the rebase is refused (rule 8b).
    let stale = drafter
        .post(
            "/api/v1/texts/climat/merge",
            &json!({ "base": 2, "amendments": [{ "id": more, "version": before["version"] }] }),
        )
        .await;
    assert_eq!(stale.0, StatusCode::CONFLICT, "{}", stale.1);
    let (status, merged) = merge(&drafter, "climat", 2, &[more]).await;
    assert_eq!(status, StatusCode::CREATED, "{merged}");
    assert_eq!(drafter.lines("climat").await, [BOTH, "Deuxième alinéa."]);

    // Its author is told it was rewritten, its co-signer that their signature waits.
    let bobs = bob.notifications_when(|list| list.iter().any(|n| n["kind"] == "outdated")).await;
    let told = bobs.iter().find(|n| n["kind"] == "outdated").cloned().unwrap_or_default();
    assert!(told["message"].as_str().is_some_and(|m| m.contains("réécrit")), "{told}");
    chloe.notifications_when(|list| list.iter().any(|n| n["kind"] == "reconfirm" && n["amendment"] == more)).await;

    // The page says so, in words and with the badge.
    let page = server.browser().get(&format!("/amendments/{more}")).await;
    assert_eq!(page.0, StatusCode::OK);
    assert!(page.1.contains("badge rebased"), "the amendment page shows the flag");
}

#[tokio::test]
async fn a_full_text_edit_rewrites_amendments_on_other_words_and_outdates_those_on_the_same() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redactrice", Role::Drafter).await;
    let alice = server.api_as("alice", Role::Member).await;
    drafter.publish("edition", &["Premier.", GOAL, "Dernier."]).await;
    let more = alice.propose("edition", 1, 2, 1, &[&GOAL.replace("100", "200")]).await;
    let same = alice.propose("edition", 1, 2, 1, &[&GOAL.replace("neutralité carbone", "sobriété")]).await;
    let inserted = alice.propose("edition", 1, 3, 0, &["Inséré avant le dernier."]).await;
    // The drafter adds an alinéa at the top and changes a word of the goal.
    let body = ["Nouveau premier.", "Premier.", &GOAL.replace("carbone", "climatique"), "Dernier."].join("\n");
    let (status, answer) = drafter.put("/api/v1/texts/edition", &json!({ "base": 1, "body": body })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");

    let more = amendment(&alice, more).await;
    assert_eq!((more["state"].as_str(), more["rebased"].as_bool()), (Some("open"), Some(true)), "{more}");
    assert_eq!(
        strings(&more["new_lines"]),
        ["Atteindre la neutralité climatique en 2030 avec 200 % d'énergies renouvelables."]
    );
    assert_eq!((more["anchor"]["revision"].as_u64(), more["anchor"]["start"].as_u64()), (Some(2), Some(3)));
    let same = amendment(&alice, same).await;
    assert_eq!(same["state"], "outdated", "{same}");
    // An amendment no change touched only moves, and is not flagged.
    let inserted = amendment(&alice, inserted).await;
    assert_eq!((inserted["state"].as_str(), inserted["rebased"].as_bool()), (Some("open"), Some(false)));
    assert_eq!(inserted["anchor"]["start"], 4, "{inserted}");

    // Re-editing clears the flag.
    let id = more["id"].as_i64().unwrap_or_default();
    let (status, edited) = alice
        .put(
            &format!("/api/v1/amendments/{id}"),
            &json!({ "base": 2, "start": 3, "count": 1, "new_lines": [GOAL.replace("100", "300")], "rationale": "Plus." }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{edited}");
    assert_eq!(edited["rebased"], false, "{edited}");
}

#[tokio::test]
async fn amendments_on_the_same_words_still_collide() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redactrice", Role::Drafter).await;
    let (alice, bob) = (server.api_as("alice", Role::Member).await, server.api_as("bob", Role::Member).await);
    drafter.publish("climat", &[GOAL]).await;
    let one = alice.propose("climat", 1, 1, 1, &[&GOAL.replace("2030", "2035")]).await;
    let other = bob.propose("climat", 1, 1, 1, &[&GOAL.replace("en 2030", "dès 2040")]).await;
    drafter.accept(one).await;
    drafter.accept(other).await;
    let (status, refused) = merge(&drafter, "climat", 1, &[one, other]).await;
    assert_eq!(status, StatusCode::CONFLICT, "{refused}");
    assert_eq!(refused["error"]["code"], "collision", "{refused}");
    let pairs = &refused["error"]["details"]["collisions"];
    assert_eq!((pairs[0]["first"]["id"].as_i64(), pairs[0]["second"]["id"].as_i64()), (Some(one), Some(other)));
    assert_eq!(drafter.lines("climat").await, [GOAL], "a refused merge writes nothing");
    assert_eq!(drafter.head("climat").await, 1);
}

#[tokio::test]
async fn a_merge_preview_shows_the_text_and_names_collisions_without_writing() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redactrice", Role::Drafter).await;
    let (alice, bob) = (server.api_as("alice", Role::Member).await, server.api_as("bob", Role::Member).await);
    drafter.publish("climat", &[GOAL, "Deuxième alinéa."]).await;
    let later = alice.propose("climat", 1, 1, 1, &[&GOAL.replace("2030", "2035")]).await;
    let more = bob.propose("climat", 1, 1, 1, &[&GOAL.replace("100", "200")]).await;
    let clash = bob.propose("climat", 1, 1, 1, &[&GOAL.replace("2030", "2040")]).await;
    let second = alice.propose("climat", 1, 2, 1, &["Deuxième alinéa, revu."]).await;
    drafter.accept(later).await;
    let before = (drafter.lines("climat").await, amendment(&drafter, later).await);

    // Open and accepted amendments alike, previewed by any reader: reconciled word by word.
    let (status, preview) =
        bob.post("/api/v1/texts/climat/preview", &json!({ "amendments": [later, more, second] })).await;
    assert_eq!(status, StatusCode::OK, "{preview}");
    assert_eq!(preview["base"], 1);
    assert_eq!(preview["collisions"], json!([]));
    assert_eq!(preview["left_out"], json!([]));
    let changes = preview["changes"].as_array().cloned().unwrap_or_default();
    assert_eq!(changes.len(), 1, "{preview}");
    assert_eq!(strings(&changes[0]["new_lines"]), [BOTH, "Deuxième alinéa, revu."]);

    // A collision is named, and the text is made without the pair.
    let (status, preview) =
        server.api().post("/api/v1/texts/climat/preview", &json!({ "amendments": [later, clash, second] })).await;
    assert_eq!(status, StatusCode::OK, "{preview}");
    let pair = &preview["collisions"][0];
    assert_eq!((pair["first"]["id"].as_i64(), pair["second"]["id"].as_i64()), (Some(later), Some(clash)), "{preview}");
    assert_eq!(preview["left_out"], json!([later, clash]));
    assert_eq!(strings(&preview["changes"][0]["new_lines"]), ["Deuxième alinéa, revu."]);

    // Nothing was written.
    assert_eq!((drafter.lines("climat").await, amendment(&drafter, later).await), before);
    assert_eq!(drafter.head("climat").await, 1);

    // Bad selections are refused as a merge's would be.
    let (status, answer) = drafter.post("/api/v1/texts/climat/preview", &json!({ "amendments": [] })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    let too_many: Vec<i64> = (1..=5_001).collect();
    let (status, answer) = drafter.post("/api/v1/texts/climat/preview", &json!({ "amendments": too_many })).await;
    assert!(status == StatusCode::UNPROCESSABLE_ENTITY || status == StatusCode::PAYLOAD_TOO_LARGE, "{status} {answer}");
    let (status, answer) = drafter.post("/api/v1/texts/climat/preview", &json!({ "amendments": [later, later] })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    drafter.publish("autre", &["Un autre texte."]).await;
    let elsewhere = alice.propose("autre", 1, 1, 1, &["Un texte autre."]).await;
    let (status, answer) = bob.post("/api/v1/texts/climat/preview", &json!({ "amendments": [elsewhere] })).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "an amendment of another text is not found here: {answer}");
    let (status, answer) = drafter.post("/api/v1/texts/inconnu/preview", &json!({ "amendments": [later] })).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{answer}");
    let (status, answer) = drafter.post("/api/v1/texts/climat/preview", &json!({ "amendments": ["x"] })).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");

    // The page, from the review desk's button: the diff, then the merge form when all are
    // accepted and none collides.
    drafter.accept(second).await;
    let browser = server.browser();
    browser.log_in("redactrice", common::PASSWORD).await;
    let (_, desk) = browser.get("/texts/climat/review").await;
    assert!(desk.contains("formaction=\"/texts/climat/preview\""), "the desk offers the preview");
    let version = |value: &Value| value["version"].as_i64().unwrap_or_default();
    let ticked = [
        format!("{later}v{}", version(&amendment(&drafter, later).await)),
        format!("{second}v{}", version(&amendment(&drafter, second).await)),
    ];
    let fields = [("base", "1"), ("amendments", ticked[0].as_str()), ("amendments", ticked[1].as_str())];
    let (status, _, page) = browser.post_form("/texts/climat/preview", &fields).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("2035") && page.contains("revu"), "{page}");
    assert!(page.contains("action=\"/texts/climat/merge\""), "the merge form follows: {page}");
    assert_eq!(drafter.head("climat").await, 1, "a preview never writes");
}

#[tokio::test]
async fn an_amendment_page_names_the_amendments_competing_for_its_words() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redactrice", Role::Drafter).await;
    let (alice, bob) = (server.api_as("alice", Role::Member).await, server.api_as("bob", Role::Member).await);
    drafter.publish("climat", &[GOAL, "Deuxième alinéa."]).await;
    let later = alice.propose("climat", 1, 1, 1, &[&GOAL.replace("2030", "2035")]).await;
    let more = bob.propose("climat", 1, 1, 1, &[&GOAL.replace("100", "200")]).await;
    let clash =
        bob.propose("climat", 1, 1, 1, &["Atteindre la neutralité carbone dès 2040, sans autre objectif."]).await;
    let reference = |amendment: Value| amendment["reference"].as_str().unwrap_or_default().to_owned();
    let later_ref = reference(amendment(&drafter, later).await);
    let more_ref = reference(amendment(&drafter, more).await);
    let clash_ref = reference(amendment(&drafter, clash).await);

    let (status, page) = server.browser().get(&format!("/amendments/{later}")).await;
    assert_eq!(status, StatusCode::OK);
    let section = page.split("class=\"competing\"").nth(1).unwrap_or_default();
    assert!(section.contains(&clash_ref), "the one on the same words competes: {page}");
    assert!(!section.contains(&more_ref), "the one on other words does not: {section}");
    // The most far-reaching first: the rewrite of the whole goal before the one-word fix.
    let (first, second) = (section.find(&clash_ref), section.find(&later_ref));
    assert!(first < second, "{section}");
    // The API says the same, in the same order.
    let detail = amendment(&drafter, later).await;
    let ids: Vec<i64> = detail["competing"].as_array().into_iter().flatten().filter_map(|c| c["id"].as_i64()).collect();
    assert_eq!(ids, [clash, later], "{detail}");
    assert!(detail["competing"][0]["reach"].as_u64() > detail["competing"][1]["reach"].as_u64(), "{detail}");
    // The one on other words competes with the rewrite of the whole goal only.
    let (_, page) = server.browser().get(&format!("/amendments/{more}")).await;
    let section = page.split("class=\"competing\"").nth(1).unwrap_or_default();
    assert!(section.contains(&clash_ref) && !section.contains(&later_ref), "{section}");
    // One alone on its words competes with none.
    let alone = alice.propose("climat", 1, 2, 1, &["Deuxième alinéa, revu."]).await;
    let (_, page) = server.browser().get(&format!("/amendments/{alone}")).await;
    assert!(!page.contains("class=\"competing\""), "{page}");
}
