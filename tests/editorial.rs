//! Editorial amendments over HTTP: marked by their author or a drafter, listed apart on the
//! review desk, and accepted and merged in one action, all those that collide with none of
//! the others; the others are left as they are and named.

mod common;

use common::{Api, TestServer};
use redraft::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

const GOAL: &str = "Atteindre la neutralité carbone en 2030 avec 100 % d'énergies renouvelables.";
const TYPO: &str = "Les comunes sont associées.";

async fn propose_editorial(api: &Api, slug: &str, start: u64, new_line: &str) -> i64 {
    let body = json!({
        "base": 1, "start": start, "count": 1, "new_lines": [new_line],
        "rationale": "Coquille.", "editorial": true,
    });
    let (status, answer) = api.post(&format!("/api/v1/texts/{slug}/amendments"), &body).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    assert_eq!(answer["editorial"], true, "{answer}");
    answer["id"].as_i64().expect("id")
}

async fn amendment(api: &Api, id: i64) -> Value {
    let (status, answer) = api.get(&format!("/api/v1/amendments/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    answer
}

fn code(answer: &Value) -> Option<&str> {
    answer["error"]["code"].as_str()
}

#[tokio::test]
async fn authors_and_drafters_mark_amendments_editorial() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redactrice", Role::Drafter).await;
    let (alice, bob) = (server.api_as("alice", Role::Member).await, server.api_as("bob", Role::Member).await);
    drafter.publish("charte", &[GOAL, TYPO]).await;
    let plain = alice.propose("charte", 1, 2, 1, &["Les communes sont associées."]).await;
    assert_eq!(amendment(&alice, plain).await["editorial"], false);

    let path = format!("/api/v1/amendments/{plain}/editorial");
    let (status, answer) = alice.put(&path, &json!({ "editorial": true })).await;
    assert_eq!((status, &answer["editorial"]), (StatusCode::OK, &json!(true)), "{answer}");
    let (status, answer) = bob.put(&path, &json!({ "editorial": false })).await;
    assert_eq!((status, code(&answer)), (StatusCode::FORBIDDEN, Some("forbidden")), "{answer}");
    let (status, answer) = alice.put(&path, &json!({ "editorial": "oui" })).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    // Marking it as it is changes nothing; a drafter unmarks it while it is accepted.
    let (status, _) = alice.put(&path, &json!({ "editorial": true })).await;
    assert_eq!(status, StatusCode::OK);
    drafter.accept(plain).await;
    let (status, answer) = alice.put(&path, &json!({ "editorial": false })).await;
    assert_eq!((status, code(&answer)), (StatusCode::CONFLICT, Some("invalid_state")), "{answer}");
    let (status, answer) = drafter.put(&path, &json!({ "editorial": false })).await;
    assert_eq!((status, &answer["editorial"]), (StatusCode::OK, &json!(false)), "{answer}");
    // A stale version is refused.
    let request = drafter.client.put(format!("{}{path}", drafter.base)).header("If-Match", "\"v1\"");
    let (status, answer) = drafter.send(request.json(&json!({ "editorial": true }))).await;
    assert_eq!((status, code(&answer)), (StatusCode::CONFLICT, Some("stale_version")), "{answer}");

    // The page shows the badge, and the author's button.
    let author = server.browser();
    author.log_in("alice", common::PASSWORD).await;
    let other = alice.propose("charte", 1, 1, 1, &[&GOAL.replace("2030", "2035")]).await;
    let csrf = author.csrf(&format!("/amendments/{other}")).await;
    let form = [("csrf", csrf.as_str()), ("editorial", "1"), ("version", "1")];
    let (status, location, _) = author.post_form(&format!("/amendments/{other}/editorial"), &form).await;
    assert_eq!((status, location.as_deref()), (StatusCode::SEE_OTHER, Some(format!("/amendments/{other}").as_str())));
    let (_, page) = author.get(&format!("/amendments/{other}")).await;
    assert!(page.contains("badge editorial"), "the page shows the badge");
    assert!(page.contains("Pas rédactionnel"), "and the button that clears it");
}

#[tokio::test]
async fn the_editorial_amendments_that_fit_are_accepted_and_merged_at_once() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redactrice", Role::Drafter).await;
    let (alice, bob) = (server.api_as("alice", Role::Member).await, server.api_as("bob", Role::Member).await);
    drafter.publish("climat", &[GOAL, TYPO, "Fin."]).await;
    let year = propose_editorial(&alice, "climat", 1, &GOAL.replace("2030", "2035")).await;
    let share = propose_editorial(&bob, "climat", 1, &GOAL.replace("100", "200")).await;
    let other_year = propose_editorial(&bob, "climat", 1, &GOAL.replace("2030", "2040")).await;
    let typo = propose_editorial(&alice, "climat", 2, "Les communes sont associées.").await;
    let plain = bob.propose("climat", 1, 3, 1, &["Fin du texte."]).await;
    drafter.accept(typo).await;

    // One that is not editorial spoils the selection: nothing is merged.
    let merge = |ids: Vec<i64>| json!({ "base": 1, "amendments": ids });
    let (status, answer) = drafter.post("/api/v1/texts/climat/merge-editorial", &merge(vec![typo, plain])).await;
    assert_eq!((status, code(&answer)), (StatusCode::UNPROCESSABLE_ENTITY, Some("not_editorial")), "{answer}");
    assert!(answer["error"]["message"].as_str().is_some_and(|m| m.contains("CLIM-5")), "{answer}");
    let (status, answer) = alice.post("/api/v1/texts/climat/merge-editorial", &merge(vec![typo])).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{answer}");
    // Two that change the same words, and nothing else: nothing fits.
    let (status, answer) = drafter.post("/api/v1/texts/climat/merge-editorial", &merge(vec![year, other_year])).await;
    assert_eq!((status, code(&answer)), (StatusCode::CONFLICT, Some("collision")), "{answer}");
    assert_eq!(drafter.head("climat").await, 1);

    let all = vec![year, share, other_year, typo];
    let (status, merged) = drafter.post("/api/v1/texts/climat/merge-editorial", &merge(all)).await;
    assert_eq!(status, StatusCode::CREATED, "{merged}");
    assert_eq!(merged["head"], 2);
    assert_eq!(merged["merged"], json!(["CLIM-2", "CLIM-4"]), "{merged}");
    assert_eq!(merged["colliding"], json!(["CLIM-1", "CLIM-3"]), "{merged}");
    let expected = [GOAL.replace("100", "200"), "Les communes sont associées.".into(), "Fin.".into()];
    assert_eq!(drafter.lines("climat").await, expected);
    for (id, state) in [(share, "merged"), (typo, "merged"), (year, "open"), (other_year, "open"), (plain, "open")] {
        assert_eq!(amendment(&drafter, id).await["state"], state, "{id}");
    }
}

#[tokio::test]
async fn the_review_desk_lists_them_apart_and_merges_them_from_its_form() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redactrice", Role::Drafter).await;
    let alice = server.api_as("alice", Role::Member).await;
    drafter.publish("statuts", &[GOAL, TYPO]).await;
    let (status, _) = drafter.put("/api/v1/texts/statuts/settings", &json!({ "min_supporters": 1 })).await;
    assert_eq!(status, StatusCode::OK);
    let typo = propose_editorial(&alice, "statuts", 2, "Les communes sont associées.").await;
    let unsigned = propose_editorial(&alice, "statuts", 1, &GOAL.replace("2030", "2035")).await;
    let bob = server.api_as("bob", Role::Member).await;
    let (status, answer) = bob.post(&format!("/api/v1/amendments/{typo}/support"), &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{answer}");

    let desk = server.browser();
    desk.log_in("redactrice", common::PASSWORD).await;
    let (status, page) = desk.get("/texts/statuts/review").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Amendements rédactionnels (2)"), "the desk lists them apart");
    let csrf = common::csrf_in(&page).expect("csrf");
    let form = [
        ("csrf", csrf.as_str()),
        ("base", "1"),
        ("amendments", &format!("{typo}v1")),
        ("amendments", &format!("{unsigned}v1")),
    ];
    let (status, _, page) = desk.post_form("/texts/statuts/merge-editorial", &form).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Fusionnés dans la révision 2 : STAT-1"), "what was merged is said");
    assert!(page.contains("faute de co-signataires : STAT-2"), "and what was left open");
    assert_eq!(alice.lines("statuts").await, [GOAL, "Les communes sont associées."]);
    assert_eq!(amendment(&alice, unsigned).await["state"], "open");
}

#[tokio::test]
async fn marks_follow_the_phases_and_a_repeated_bulk_merge_merges_nothing_twice() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redactrice", Role::Drafter).await;
    let alice = server.api_as("alice", Role::Member).await;
    drafter.publish("motion", &[GOAL, TYPO]).await;
    let typo = propose_editorial(&alice, "motion", 2, "Les communes sont associées.").await;
    let year = alice.propose("motion", 1, 1, 1, &[&GOAL.replace("2030", "2035")]).await;

    // The desk renders each amendment once per version; a mark changes none, yet shows.
    let desk = server.browser();
    desk.log_in("redactrice", common::PASSWORD).await;
    let (_, page) = desk.get("/texts/motion/review").await;
    assert_eq!(page.matches("badge editorial").count(), 1, "one editorial amendment");
    let (status, _) = alice.put(&format!("/api/v1/amendments/{year}/editorial"), &json!({ "editorial": true })).await;
    assert_eq!(status, StatusCode::OK);
    let (_, page) = desk.get("/texts/motion/review").await;
    assert_eq!(page.matches("badge editorial").count(), 2, "the mark shows at once");

    // In review, its author may no longer mark it; a drafter may.
    let (status, _) = drafter.put("/api/v1/texts/motion/phase", &json!({ "phase": "review" })).await;
    assert_eq!(status, StatusCode::OK);
    let path = format!("/api/v1/amendments/{year}/editorial");
    let (status, answer) = alice.put(&path, &json!({ "editorial": false })).await;
    assert_eq!((status, code(&answer)), (StatusCode::CONFLICT, Some("phase_closed")), "{answer}");
    let (status, answer) = drafter.put(&path, &json!({ "editorial": false })).await;
    assert_eq!(status, StatusCode::OK, "{answer}");

    // The same submission twice: one merge, the same head answered.
    let url = format!("{}/api/v1/texts/motion/merge-editorial", drafter.base);
    let body = json!({ "base": 1, "amendments": [typo] });
    let send = || drafter.send(drafter.client.post(&url).header("Idempotency-Key", "une-fois").json(&body));
    let (status, first) = send().await;
    assert_eq!((status, &first["head"], &first["merged"]), (StatusCode::CREATED, &json!(2), &json!(["MOTI-1"])));
    let (status, again) = send().await;
    assert_eq!((status, &again["head"]), (StatusCode::CREATED, &json!(2)), "{again}");
    assert_eq!(drafter.head("motion").await, 2);
}

#[tokio::test]
async fn editorial_amendments_all_short_of_co_signers_are_refused_with_why() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redactrice", Role::Drafter).await;
    let alice = server.api_as("alice", Role::Member).await;
    drafter.publish("charte", &[GOAL, TYPO]).await;
    let (status, _) = drafter.put("/api/v1/texts/charte/settings", &json!({ "min_supporters": 2 })).await;
    assert_eq!(status, StatusCode::OK);
    let typo = propose_editorial(&alice, "charte", 2, "Les communes sont associées.").await;
    let (status, answer) =
        drafter.post("/api/v1/texts/charte/merge-editorial", &json!({ "base": 1, "amendments": [typo] })).await;
    assert_eq!((status, code(&answer)), (StatusCode::CONFLICT, Some("quorum_not_reached")), "{answer}");
    assert_eq!(amendment(&drafter, typo).await["state"], "open");
}
