//! Phases over HTTP: a drafter moves a text through drafting, consultation, review and
//! adoption; each action is open only in its phases (409 `phase_closed` otherwise); a
//! consultation's deadline closes it on time, with the server running or stopped.

mod common;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::{Api, TestServer};
use redraft::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|elapsed| elapsed.as_secs() as i64).unwrap_or(0)
}

/// RFC 3339 in UTC, as a client would write it.
fn rfc3339(timestamp: i64) -> String {
    redraft::i18n::rfc3339(timestamp)
}

async fn set_phase(api: &Api, slug: &str, body: Value) -> (StatusCode, Value) {
    api.put(&format!("/api/v1/texts/{slug}/phase"), &body).await
}

async fn phase_of(api: &Api, slug: &str) -> (String, Value) {
    let (status, text) = api.get(&format!("/api/v1/texts/{slug}")).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    (text["phase"].as_str().unwrap_or_default().to_owned(), text["deadline"].clone())
}

/// Tries the member's and the drafter's actions and says which went through.
async fn open_actions(member: &Api, drafter: &Api, slug: &str) -> Vec<&'static str> {
    let mut open = Vec::new();
    let head = drafter.head(slug).await;
    let proposal = json!({ "base": head, "start": 1, "count": 1, "new_lines": [format!("Proposé à {}.", now())], "rationale": "Essai." });
    let (status, answer) = member.post(&format!("/api/v1/texts/{slug}/amendments"), &proposal).await;
    match status {
        StatusCode::CREATED => open.push("propose"),
        StatusCode::CONFLICT => assert_eq!(answer["error"]["code"], "phase_closed", "{answer}"),
        other => panic!("propose: {other} {answer}"),
    }
    // The drafter decides on an amendment filed while proposals were open.
    let (_, amendments) = drafter.get(&format!("/api/v1/texts/{slug}/amendments")).await;
    let open_one = amendments.as_array().and_then(|all| all.iter().find(|a| a["state"] == "open")).cloned();
    if let Some(amendment) = open_one {
        let id = amendment["id"].as_i64().expect("id");
        let (status, answer) =
            drafter.post(&format!("/api/v1/amendments/{id}/decision"), &json!({ "decision": "reject" })).await;
        match status {
            StatusCode::OK => open.push("decide"),
            StatusCode::CONFLICT => assert_eq!(answer["error"]["code"], "phase_closed", "{answer}"),
            other => panic!("decide: {other} {answer}"),
        }
    }
    let mut lines = drafter.lines(slug).await;
    lines.push(format!("Alinéa ajouté à {} ({}).", now(), lines.len()));
    let edit = json!({ "base": head, "body": lines.join("\n") });
    let (status, answer) = drafter.put(&format!("/api/v1/texts/{slug}"), &edit).await;
    match status {
        StatusCode::CREATED => open.push("edit"),
        StatusCode::CONFLICT => assert_eq!(answer["error"]["code"], "phase_closed", "{answer}"),
        other => panic!("edit: {other} {answer}"),
    }
    open
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_phase_opens_its_own_actions_and_any_phase_may_follow_any_other() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let member = server.api_as("militante", Role::Member).await;
    let slug = drafter.publish("programme", &["# Santé", "Un alinéa.", "Un autre alinéa."]).await;

    // Consultation: members propose; drafters already decide and merge.
    assert_eq!(open_actions(&member, &drafter, &slug).await, ["propose", "decide", "edit"]);
    member.propose(&slug, drafter.head(&slug).await, 2, 1, &["Un alinéa amendé."]).await;

    let (status, text) = set_phase(&drafter, &slug, json!({ "phase": "review" })).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert_eq!((text["phase"].as_str(), &text["deadline"]), (Some("review"), &Value::Null));
    assert_eq!(open_actions(&member, &drafter, &slug).await, ["decide", "edit"]);

    member.propose_expecting_closed(&slug).await;
    set_phase(&drafter, &slug, json!({ "phase": "adopted" })).await;
    assert_eq!(open_actions(&member, &drafter, &slug).await, Vec::<&str>::new());

    // Drafting: only drafters act, on the text itself.
    let (status, _) = set_phase(&drafter, &slug, json!({ "phase": "drafting" })).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(open_actions(&member, &drafter, &slug).await, ["edit"]);

    // Back to consultation, as a drafter reopening a text would.
    set_phase(&drafter, &slug, json!({ "phase": "consultation" })).await;
    assert_eq!(phase_of(&drafter, &slug).await.0, "consultation");
    assert_eq!(open_actions(&member, &drafter, &slug).await, ["propose", "decide", "edit"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_drafters_move_phases_and_bad_moves_change_nothing() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let member = server.api_as("militante", Role::Member).await;
    let slug = drafter.publish("programme", &["Un alinéa."]).await;
    let path = format!("/api/v1/texts/{slug}/phase");

    let (status, answer) = server.api().put(&path, &json!({ "phase": "review" })).await;
    assert_eq!((status, answer["error"]["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("unauthenticated")));
    let (status, answer) = member.put(&path, &json!({ "phase": "review" })).await;
    assert_eq!((status, answer["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")));
    let (status, _) = drafter.put("/api/v1/texts/absent/phase", &json!({ "phase": "review" })).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let in_an_hour = rfc3339(now() + 3600);
    let refused: Vec<(Value, StatusCode, &str)> = vec![
        (json!({ "phase": "closed" }), StatusCode::BAD_REQUEST, "bad_request"),
        (json!({}), StatusCode::BAD_REQUEST, "bad_request"),
        (json!({ "phase": "review", "until": in_an_hour }), StatusCode::UNPROCESSABLE_ENTITY, "unknown_field"),
        (json!({ "phase": "consultation", "deadline": "demain" }), StatusCode::BAD_REQUEST, "bad_request"),
        (json!({ "phase": "consultation", "deadline": "2026-12-14T18:00" }), StatusCode::BAD_REQUEST, "bad_request"),
        (json!({ "phase": "consultation", "deadline": 1_800_000_000 }), StatusCode::BAD_REQUEST, "bad_request"),
        (json!({ "phase": "review", "deadline": in_an_hour }), StatusCode::UNPROCESSABLE_ENTITY, "invalid_deadline"),
        (
            json!({ "phase": "consultation", "deadline": rfc3339(now() - 60) }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_deadline",
        ),
        (
            json!({ "phase": "consultation", "deadline": rfc3339(now() + 800 * 86_400) }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_deadline",
        ),
    ];
    let before = drafter.get(&format!("/api/v1/texts/{slug}")).await;
    for (body, status, code) in refused {
        let (got, answer) = drafter.put(&path, &body).await;
        assert_eq!((got, answer["error"]["code"].as_str()), (status, Some(code)), "{body}: {answer}");
        assert!(answer["error"]["message"].as_str().is_some_and(|message| !message.is_empty()), "{answer}");
    }
    assert_eq!(drafter.get(&format!("/api/v1/texts/{slug}")).await, before, "a refused move changed the text");

    // Messages follow the reader's language.
    let request = drafter
        .client
        .put(server.url(&path))
        .header("accept-language", "fr")
        .json(&json!({ "phase": "review", "deadline": in_an_hour }));
    let (_, answer) = drafter.send(request).await;
    assert_eq!(
        answer["error"]["message"],
        "Seule une consultation se clôt à une échéance : laissez l’échéance vide pour cette phase."
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_move_acts_on_the_phase_its_author_saw_and_a_repeat_changes_nothing() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let slug = drafter.publish("programme", &["Un alinéa."]).await;
    let path = format!("/api/v1/texts/{slug}/phase");
    let response = drafter.client.get(server.url(&format!("/api/v1/texts/{slug}"))).send().await.expect("get");
    let seen = response.headers()["etag"].to_str().expect("etag").to_owned();
    assert_eq!(seen, "\"r1.consultation\"");

    let deadline = now() + 7 * 86_400;
    let move_with = |tag: &str, key: &str, body: Value| {
        drafter.client.put(server.url(&path)).header("if-match", tag).header("idempotency-key", key).json(&body)
    };
    let body = json!({ "phase": "consultation", "deadline": rfc3339(deadline) });
    let (status, text) = drafter.send(move_with(&seen, "once", body.clone())).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert_eq!(text["deadline"], rfc3339(deadline));
    // The same submission again: the same answer, nothing more recorded.
    let (status, again) = drafter.send(move_with(&seen, "once", body.clone())).await;
    assert_eq!((status, &again), (StatusCode::OK, &text));
    // The deadline is part of the text's version: its ETag changed, and a tag naming the
    // phase seen still admits a move.
    let response = drafter.client.get(server.url(&format!("/api/v1/texts/{slug}"))).send().await.expect("get");
    let with_deadline = response.headers()["etag"].to_str().expect("etag").to_owned();
    assert_eq!(with_deadline, format!("\"r1.consultation.{deadline}\""));

    let (status, _) = drafter.send(move_with(&with_deadline, "review", json!({ "phase": "review" }))).await;
    assert_eq!(status, StatusCode::OK);
    // A drafter who saw the consultation acts on a phase that moved: refused, nothing done.
    let (status, answer) = drafter.send(move_with(&seen, "adopt", json!({ "phase": "adopted" }))).await;
    assert_eq!((status, answer["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("stale_version")), "{answer}");
    assert_eq!(phase_of(&drafter, &slug).await, ("review".to_owned(), Value::Null));
    // The history shows each move, newest first, with who made it.
    let browser = server.browser();
    let (_, page) = browser.get(&format!("/texts/{slug}/history")).await;
    let review = page.find("<strong>examen (amendements clos)</strong>");
    let consultation = page.find("<strong>consultation (amendements ouverts)</strong>");
    assert!(review.is_some() && review < consultation, "{page}");
    assert!(page.contains("clôture le ") && page.contains("par redaction"), "{page}");
    let changes: i64 = server
        .site
        .store
        .read(|tx| {
            Ok::<_, redraft::store::StoreError>(
                tx.query_row("SELECT count(*) FROM phase_changes", [], |row| row.get(0))?,
            )
        })
        .expect("count");
    assert_eq!(changes, 2, "one change per move that changed something");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deadline_closes_the_consultation_on_time_while_the_server_runs_and_while_it_is_stopped() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let member = server.api_as("militante", Role::Member).await;
    let running = drafter.publish("pendant", &["Un alinéa."]).await;
    let stopped = drafter.publish("arret", &["Un alinéa."]).await;
    let deadline = now() + 2;
    for slug in [&running, &stopped] {
        let (status, text) =
            set_phase(&drafter, slug, json!({ "phase": "consultation", "deadline": rfc3339(deadline) })).await;
        assert_eq!(status, StatusCode::OK, "{text}");
        member.propose(slug, 1, 1, 1, &["Avant l’échéance."]).await;
    }
    assert_eq!(phase_of(&member, &running).await, ("consultation".to_owned(), json!(rfc3339(deadline))));

    // Nobody acts; the deadline passes while the server runs.
    wait_until(deadline).await;
    assert_eq!(phase_of(&member, &running).await, ("review".to_owned(), json!(rfc3339(deadline))));
    member.propose_expecting_closed(&running).await;

    // The other text's deadline passed while no server ran.
    let server = server.restart().await;
    let member = Api { base: format!("http://{}", server.addr), ..member };
    assert_eq!(phase_of(&member, &stopped).await.0, "review");
    member.propose_expecting_closed(&stopped).await;
    let (_, list) = member.get("/api/v1/texts").await;
    let phases: Vec<&str> = list.as_array().expect("texts").iter().filter_map(|text| text["phase"].as_str()).collect();
    assert_eq!(phases, ["review", "review"]);
}

async fn wait_until(moment: i64) {
    while now() < moment {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

trait ClosedProposal {
    async fn propose_expecting_closed(&self, slug: &str);
}

impl ClosedProposal for Api {
    async fn propose_expecting_closed(&self, slug: &str) {
        let proposal = json!({ "base": 1, "start": 1, "count": 1, "new_lines": ["Trop tard."], "rationale": "Essai." });
        let (status, answer) = self.post(&format!("/api/v1/texts/{slug}/amendments"), &proposal).await;
        assert_eq!(
            (status, answer["error"]["code"].as_str()),
            (StatusCode::CONFLICT, Some("phase_closed")),
            "{answer}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_drafter_moves_the_phase_from_the_page_and_everyone_sees_the_time_left() {
    let server = TestServer::start().await;
    let api = server.api_as("redaction", Role::Drafter).await;
    let slug = api.publish("programme", &["# Santé", "Un alinéa."]).await;
    let drafter = server.browser();
    drafter.log_in("redaction", common::PASSWORD).await;
    let member = server.browser_as("militante", Role::Member).await;
    let form = format!("/texts/{slug}/phase");

    // Members see no phase form, nor a link to one.
    let (status, _) = member.get(&form).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, page) = member.get(&format!("/texts/{slug}")).await;
    assert!(!page.contains(&format!("href=\"{form}\"")), "a member is offered the phase form");

    let (_, page) = drafter.get(&format!("/texts/{slug}")).await;
    assert!(page.contains(&format!("href=\"{form}\"")), "the drafter is not offered the phase form");
    let csrf = drafter.csrf(&form).await;
    // Three days and two hours ahead, as a browser's date and time field in Paris sends it.
    let deadline = now() + 3 * 86_400 + 2 * 3600;
    let local = redraft::i18n::paris_local(deadline);
    let fields = [("csrf", csrf.as_str()), ("seen", "consultation"), ("phase", "consultation"), ("deadline", &local)];
    let (status, location, body) = drafter.post_form(&form, &fields).await;
    assert_eq!((status, location.as_deref()), (StatusCode::SEE_OTHER, Some(&*format!("/texts/{slug}"))), "{body}");
    let (_, text) = api.get(&format!("/api/v1/texts/{slug}")).await;
    assert_eq!(text["deadline"], rfc3339(deadline - deadline % 60));

    // Anyone reading the text sees the phase, the deadline and the time left, in French
    // and in English.
    let (_, page) = server.browser().get(&format!("/texts/{slug}")).await;
    assert!(page.contains("consultation (amendements ouverts), jusqu’au "), "{page}");
    assert!(page.contains("(encore 3 jours)"), "{page}");
    let response = server
        .browser()
        .client
        .get(server.url(&format!("/texts/{slug}")))
        .header("accept-language", "en")
        .send()
        .await
        .expect("get");
    let page = response.text().await.expect("body");
    assert!(page.contains("consultation (amendments open), until ") && page.contains("(3 days left)"), "{page}");

    // A deadline that is no date, and one with a phase that takes none: the form again,
    // holding what was typed, with why; nothing changed.
    let refused = [
        (
            ("consultation", "demain soir"),
            StatusCode::BAD_REQUEST,
            "L’échéance n’est pas une date et une heure lisibles",
        ),
        (("review", local.as_str()), StatusCode::UNPROCESSABLE_ENTITY, "Seule une consultation se clôt à une échéance"),
        (("", ""), StatusCode::BAD_REQUEST, "Choisissez une phase."),
    ];
    for ((phase, typed), status, message) in refused {
        let fields = [("csrf", csrf.as_str()), ("seen", "consultation"), ("phase", phase), ("deadline", typed)];
        let (got, _, page) = drafter.post_form(&form, &fields).await;
        assert_eq!(got, status, "{phase} {typed}: {page}");
        assert!(page.contains(message), "{page}");
        assert!(page.contains(&format!("value=\"{typed}\"")), "what was typed is lost: {page}");
    }
    let (_, after) = api.get(&format!("/api/v1/texts/{slug}")).await;
    assert_eq!(after, text, "a refused form changed the text");

    // Another drafter moved the phase since this form was shown: refused, the form shows
    // the phase now.
    let (status, _) = set_phase(&api, &slug, json!({ "phase": "review" })).await;
    assert_eq!(status, StatusCode::OK);
    let fields = [("csrf", csrf.as_str()), ("seen", "consultation"), ("phase", "adopted"), ("deadline", "")];
    let (status, _, page) = drafter.post_form(&form, &fields).await;
    assert_eq!(status, StatusCode::CONFLICT, "{page}");
    assert!(page.contains("Phase actuelle : examen (amendements clos)."), "{page}");
    assert_eq!(phase_of(&api, &slug).await.0, "review");

    // Without the form's token nothing moves.
    let fields = [("csrf", "forged"), ("seen", "review"), ("phase", "adopted"), ("deadline", "")];
    let (status, _, _) = drafter.post_form(&form, &fields).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(phase_of(&api, &slug).await.0, "review");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_refused_because_the_deadline_passed_comes_back_with_what_was_typed() {
    let server = TestServer::start().await;
    let api = server.api_as("redaction", Role::Drafter).await;
    let slug = api.publish("programme", &["# Santé", "Un alinéa."]).await;
    let deadline = now() + 2;
    set_phase(&api, &slug, json!({ "phase": "consultation", "deadline": rfc3339(deadline) })).await;
    let member = server.browser_as("militante", Role::Member).await;
    let csrf = member.csrf(&format!("/texts/{slug}/amend?start=2")).await;

    wait_until(deadline).await;
    let typed = "Une rédaction pesée mot à mot, tapée pendant que l’échéance passait.";
    let fields = [
        ("csrf", csrf.as_str()),
        ("base", "1"),
        ("start", "2"),
        ("count", "1"),
        ("new_lines", "Un alinéa amendé."),
        ("rationale", typed),
        ("action", "file"),
    ];
    let (status, _, page) = member.post_form(&format!("/texts/{slug}/amendments"), &fields).await;
    assert_eq!(status, StatusCode::CONFLICT, "{page}");
    assert!(page.contains("Impossible dans la phase actuelle du texte : examen"), "{page}");
    assert!(page.contains(typed), "what was typed is lost: {page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_phase_form_sent_back_untouched_changes_nothing_and_a_deadline_moved_meanwhile_is_kept() {
    let server = TestServer::start().await;
    let api = server.api_as("redaction", Role::Drafter).await;
    let slug = api.publish("programme", &["Un alinéa."]).await;
    // A deadline with seconds, as the API allows.
    let deadline = now() + 5 * 86_400 + 37;
    set_phase(&api, &slug, json!({ "phase": "consultation", "deadline": rfc3339(deadline) })).await;
    let drafter = server.browser();
    drafter.log_in("redaction", common::PASSWORD).await;
    let form = format!("/texts/{slug}/phase");
    let (_, page) = drafter.get(&form).await;
    let shown = redraft::i18n::paris_local(deadline);
    assert!(page.contains(&format!("value=\"{shown}\"")), "the deadline is not in the field: {page}");
    let csrf = common::csrf_in(&page).expect("csrf");
    let seen_deadline = deadline.to_string();
    let send = |phase: &'static str, typed: String| {
        let (csrf, seen_deadline, form) = (csrf.clone(), seen_deadline.clone(), form.clone());
        let drafter = &drafter;
        async move {
            let fields = [
                ("csrf", csrf.as_str()),
                ("seen", "consultation"),
                ("seen_deadline", seen_deadline.as_str()),
                ("phase", phase),
                ("deadline", typed.as_str()),
            ];
            drafter.post_form(&form, &fields).await
        }
    };

    // Sent back as shown: the same deadline, to the second.
    let (status, _, body) = send("consultation", shown.clone()).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(phase_of(&api, &slug).await.1, json!(rfc3339(deadline)));

    // Another drafter puts the deadline back meanwhile; this form, which saw the first
    // deadline, is refused rather than undoing it.
    let later = deadline + 3 * 86_400;
    set_phase(&api, &slug, json!({ "phase": "consultation", "deadline": rfc3339(later) })).await;
    let (status, _, body) = send("consultation", redraft::i18n::paris_local(deadline - 86_400)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(phase_of(&api, &slug).await.1, json!(rfc3339(later)));

    // Ending the consultation from a fresh form, its deadline still in the field: the
    // deadline shown goes with the consultation, not refused.
    let (_, page) = drafter.get(&form).await;
    let csrf = common::csrf_in(&page).expect("csrf");
    let fields = [
        ("csrf", csrf.as_str()),
        ("seen", "consultation"),
        ("seen_deadline", &later.to_string()),
        ("phase", "review"),
        ("deadline", &redraft::i18n::paris_local(later)),
    ];
    let (status, _, body) = drafter.post_form(&form, &fields).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(phase_of(&api, &slug).await, ("review".to_owned(), Value::Null));
}
