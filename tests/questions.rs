//! Questions over HTTP: a drafter asks, members answer in secret and change their answer
//! while it is open, results are counts per choice; a deadline closes it; bad questions and
//! answers are refused and change nothing; the pages work without JavaScript.

mod common;

use common::{TestServer, csrf_in};
use redraft::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn code(answer: &Value) -> Option<&str> {
    answer["error"]["code"].as_str()
}

fn in_days(days: i64) -> String {
    redraft::i18n::rfc3339(redraft::store::now() + days * 86_400)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_answer_in_secret_and_change_their_answer_until_it_closes() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let (bea, chloe) = (server.api_as("bea", Role::Member).await, server.api_as("chloe", Role::Member).await);
    let slug = drafter.publish("programme", &["# Santé", "Un hôpital par département.", "Fin."]).await;
    let questions = format!("/api/v1/texts/{slug}/questions");
    let asked = json!({
        "prompt": "Faut-il chiffrer ce programme ?",
        "choices": ["Oui", "Non", "Plus tard"],
        "line": 2,
        "closes_at": in_days(7)
    });
    let (status, refused) = bea.post(&questions, &asked).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "members do not ask: {refused}");
    for (bad, expected) in [
        (json!({ "prompt": "?", "choices": ["Oui"], "closes_at": in_days(7) }), "invalid_choices"),
        (json!({ "prompt": "?", "choices": ["Oui", " oui "], "closes_at": in_days(7) }), "invalid_choices"),
        (json!({ "prompt": "", "choices": ["Oui", "Non"], "closes_at": in_days(7) }), "invalid_field"),
        (json!({ "prompt": "?", "choices": ["Oui", "Non"], "closes_at": in_days(-1) }), "invalid_deadline"),
        (json!({ "prompt": "?", "choices": ["Oui", "Non"], "line": 9, "closes_at": in_days(7) }), "invalid_anchor"),
    ] {
        let (status, answer) = drafter.post(&questions, &bad).await;
        assert_eq!((status, code(&answer)), (StatusCode::UNPROCESSABLE_ENTITY, Some(expected)), "{bad}: {answer}");
    }
    let (status, question) = drafter.post(&questions, &asked).await;
    assert_eq!(status, StatusCode::CREATED, "{question}");
    assert_eq!(
        (&question["tallies"], &question["line"], &question["open"]),
        (&json!([0, 0, 0]), &json!(2), &json!(true))
    );
    let id = question["id"].as_i64().expect("id");
    let answer = format!("/api/v1/questions/{id}/answer");

    let (status, answered) = bea.put(&answer, &json!({ "choice": 0 })).await;
    assert_eq!((status, &answered), (StatusCode::OK, &json!({ "tallies": [1, 0, 0], "mine": 0 })));
    let (_, answered) = chloe.put(&answer, &json!({ "choice": 2 })).await;
    assert_eq!(answered["tallies"], json!([1, 0, 1]));
    let (_, answered) = bea.put(&answer, &json!({ "choice": 1 })).await;
    assert_eq!(answered, json!({ "tallies": [0, 1, 1], "mine": 1 }), "answering again changes the answer");
    let (status, refused) = bea.put(&answer, &json!({ "choice": 3 })).await;
    assert_eq!((status, code(&refused)), (StatusCode::UNPROCESSABLE_ENTITY, Some("unknown_choice")), "{refused}");
    let (_, mine) = bea.get(&format!("/api/v1/questions/{id}")).await;
    assert_eq!(mine["mine"], 1);
    let (_, anyone) = server.api().get(&format!("/api/v1/questions/{id}")).await;
    assert_eq!((&anyone["mine"], &anyone["tallies"]), (&Value::Null, &json!([0, 1, 1])));

    // Secret: who answered is kept apart from what, with nothing to join them.
    let db = rusqlite::Connection::open(server.dir.path().join("redraft.db")).expect("open");
    let respondents: i64 = db.query_row("SELECT count(*) FROM respondents", [], |row| row.get(0)).expect("count");
    assert_eq!(respondents, 2);
    let columns: Vec<String> = db
        .prepare("SELECT name FROM pragma_table_info('respondents')")
        .and_then(|mut statement| statement.query_map([], |row| row.get(0))?.collect())
        .expect("columns");
    assert_eq!(columns, ["question_id", "user_id"]);

    // Outside the consultation and review, answers stop, deadline or not.
    let (status, moved) = drafter.put(&format!("/api/v1/texts/{slug}/phase"), &json!({ "phase": "adopted" })).await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    let (status, refused) = chloe.put(&answer, &json!({ "choice": 0 })).await;
    assert_eq!((status, code(&refused)), (StatusCode::CONFLICT, Some("phase_closed")), "{refused}");
    let (status, _) = drafter.put(&format!("/api/v1/texts/{slug}/phase"), &json!({ "phase": "review" })).await;
    assert_eq!(status, StatusCode::OK);

    // The deadline passes: answers stop.
    db.execute("UPDATE questions SET closes_at = 1", []).expect("close");
    let (status, refused) = chloe.put(&answer, &json!({ "choice": 0 })).await;
    assert_eq!((status, code(&refused)), (StatusCode::CONFLICT, Some("question_closed")), "{refused}");
    let (_, closed) = server.api().get(&questions).await;
    assert_eq!((&closed[0]["open"], &closed[0]["tallies"]), (&json!(false), &json!([0, 1, 1])));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn questions_on_members_only_texts_and_the_pages_without_javascript() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let body = json!({ "slug": "interne", "title": "Interne", "body": "Un.\nDeux.", "visibility": "members" });
    assert_eq!(drafter.post("/api/v1/texts", &body).await.0, StatusCode::CREATED);
    let asked = json!({ "prompt": "D'accord ?", "choices": ["Oui", "Non"], "closes_at": in_days(3) });
    let (_, question) = drafter.post("/api/v1/texts/interne/questions", &asked).await;
    let id = question["id"].as_i64().expect("id");
    let (status, _) = server.api().get(&format!("/api/v1/questions/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "hidden with its text");
    let (status, _) = server.api().get("/api/v1/texts/interne/questions").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // A drafter asks from the page; a member answers from it.
    let desk = server.browser_as("sacha", Role::Drafter).await;
    let csrf = desk.csrf("/texts/interne/questions").await;
    let closes_at = redraft::i18n::paris_local(redraft::store::now() + 30 * 86_400);
    let fields = [
        ("csrf", csrf.as_str()),
        ("prompt", "Quelle date pour le congrès ?"),
        ("choices", "Mars\nAvril\n\nMai"),
        ("line", ""),
        ("closes_at", closes_at.as_str()),
    ];
    let (status, location, page) = desk.post_form("/texts/interne/questions", &fields).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
    let location = location.expect("redirect");
    let member = server.browser_as("bea", Role::Member).await;
    let (status, page) = member.get("/texts/interne/questions").await;
    assert!(status == StatusCode::OK && page.contains("Quelle date pour le congrès ?"), "{page}");
    let asked_id = location.rsplit("#q-").next().expect("anchor").to_owned();
    let csrf = csrf_in(&page).expect("csrf");
    let (status, _, page) = member.post_form(&format!("/questions/{asked_id}/answer"), &[("csrf", &csrf)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "no choice: {page}");
    let (status, location, _) =
        member.post_form(&format!("/questions/{asked_id}/answer"), &[("csrf", &csrf), ("choice", "1")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.is_some_and(|l| l.ends_with(&format!("#q-{asked_id}"))));
    let (_, page) = member.get("/texts/interne/questions").await;
    assert!(page.contains("ma réponse") && page.contains("1 réponse (100 %)"), "{page}");
    // No submission record ties the member to a fingerprint of their answer.
    let db = rusqlite::Connection::open(server.dir.path().join("redraft.db")).expect("open");
    let kept: i64 = db
        .query_row("SELECT count(*) FROM submissions WHERE outcome LIKE 'answer%'", [], |row| row.get(0))
        .expect("count");
    assert_eq!(kept, 0);
    // Past the deadline, the page says why an answer is refused.
    db.execute("UPDATE questions SET closes_at = 1", []).expect("close");
    let (status, _, page) =
        member.post_form(&format!("/questions/{asked_id}/answer"), &[("csrf", &csrf), ("choice", "0")]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("Cette question est close"), "{page}");
    server.stop().await;
}
