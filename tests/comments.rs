//! Comments over HTTP: on a paragraph (carried with the head as amendments are, and left on
//! the revision it was written about when its paragraph is rewritten), on an amendment, on
//! the whole text; one level of replies; authors edit and delete their own; drafters hide
//! one with a reason that stays visible and words that never show again.

mod common;

use common::{Api, TestServer, csrf_in};
use redraft::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn code(answer: &Value) -> Option<&str> {
    answer["error"]["code"].as_str()
}

async fn comment(api: &Api, slug: &str, body: Value) -> (StatusCode, Value) {
    api.post(&format!("/api/v1/texts/{slug}/comments"), &body).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn comments_follow_their_paragraph_through_merges_and_edits() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let bea = server.api_as("bea", Role::Member).await;
    let slug = drafter
        .publish("programme", &["# Santé", "Un hôpital par département.", "Une école par village.", "Fin."])
        .await;

    let (status, on_school) = comment(&bea, &slug, json!({ "body": "Et les collèges ?", "line": 3 })).await;
    assert_eq!(status, StatusCode::CREATED, "{on_school}");
    assert_eq!(
        (&on_school["line"], &on_school["revision"], &on_school["follows_head"]),
        (&json!(3), &json!(1), &json!(true))
    );
    let (_, on_hospital) = comment(&bea, &slug, json!({ "body": "Public ?", "line": 2 })).await;

    // A merge adds two paragraphs before both: they move down with their paragraphs.
    let id = bea.propose(&slug, 1, 2, 0, &["Un centre de santé par canton.", "Une maternité par bassin."]).await;
    drafter.accept(id).await;
    let (status, merged) =
        drafter.post(&format!("/api/v1/texts/{slug}/merge"), &json!({ "base": 1, "amendments": [id] })).await;
    assert_eq!(status, StatusCode::CREATED, "{merged}");
    let (_, list) = server.api().get(&format!("/api/v1/texts/{slug}/comments")).await;
    let line_of = |list: &Value, id: &Value| {
        list.as_array()
            .and_then(|all| all.iter().find(|c| c["id"] == *id))
            .map(|c| (c["line"].clone(), c["revision"].clone(), c["follows_head"].clone()))
    };
    assert_eq!(line_of(&list, &on_school["id"]), Some((json!(5), json!(2), json!(true))), "{list}");
    assert_eq!(line_of(&list, &on_hospital["id"]), Some((json!(4), json!(2), json!(true))), "{list}");

    // A full-text edit rewrites the hospital paragraph: its comment stays on revision 2,
    // where it was about those words; the school one keeps following.
    let lines = drafter.lines(&slug).await;
    let mut body: Vec<String> = lines.clone();
    body[3] = "Un hôpital public par département.".to_owned();
    let (status, edited) =
        drafter.put(&format!("/api/v1/texts/{slug}"), &json!({ "base": 2, "body": body.join("\n") })).await;
    assert_eq!(status, StatusCode::CREATED, "{edited}");
    let (_, list) = server.api().get(&format!("/api/v1/texts/{slug}/comments")).await;
    assert_eq!(line_of(&list, &on_hospital["id"]), Some((json!(4), json!(2), json!(false))), "{list}");
    assert_eq!(line_of(&list, &on_school["id"]), Some((json!(5), json!(3), json!(true))), "{list}");
    let (_, on_line) = server.api().get(&format!("/api/v1/texts/{slug}/comments?line=5")).await;
    assert_eq!(on_line.as_array().map(Vec::len), Some(1), "{on_line}");

    // A comment on an alinéa read on an older revision follows it to the head, and is
    // refused when a change since rewrote it.
    let (status, late) = comment(&bea, &slug, json!({ "body": "Des écoles ?", "line": 3, "revision": 1 })).await;
    assert_eq!(status, StatusCode::CREATED, "{late}");
    assert_eq!((&late["line"], &late["revision"]), (&json!(5), &json!(3)), "{late}");
    let (status, touched) = comment(&bea, &slug, json!({ "body": "Public ?", "line": 2, "revision": 1 })).await;
    assert_eq!((status, code(&touched)), (StatusCode::CONFLICT, Some("anchor_touched")), "{touched}");
    let (status, unknown) = comment(&bea, &slug, json!({ "body": "?", "line": 2, "revision": 9 })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{unknown}");

    // The text page counts the comments of each paragraph in its margin.
    let (_, page) = server.browser().get(&format!("/texts/{slug}")).await;
    assert!(page.contains(&format!("href=\"/texts/{slug}/comments?line=5\"")), "{page}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn threads_edits_deletions_and_hiding() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let (bea, chloe) = (server.api_as("bea", Role::Member).await, server.api_as("chloe", Role::Member).await);
    let slug = drafter.publish("programme", &["# Santé", "Un hôpital par département."]).await;
    let amendment = bea.propose(&slug, 1, 2, 1, &["Deux hôpitaux par département."]).await;

    let (status, top) = comment(
        &chloe,
        &slug,
        json!({ "body": "D’où vient ce chiffre ? https://exemple.fr/etude", "amendment": amendment }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{top}");
    let top_id = top["id"].as_i64().expect("id");
    let (status, reply) = comment(&bea, &slug, json!({ "body": "De l’étude régionale.", "parent": top_id })).await;
    assert_eq!(
        (status, &reply["amendment"]),
        (StatusCode::CREATED, &json!(amendment)),
        "a reply takes its parent's place: {reply}"
    );
    let (status, general) = comment(&bea, &slug, json!({ "body": "Merci pour ce texte." })).await;
    assert_eq!((status, &general["line"], &general["amendment"]), (StatusCode::CREATED, &Value::Null, &Value::Null));

    // Refusals change nothing.
    let reply_id = reply["id"].as_i64().expect("id");
    for (api, body, status, expected) in [
        (&bea, json!({ "body": "Encore ?", "parent": reply_id }), StatusCode::UNPROCESSABLE_ENTITY, "reply_to_reply"),
        (
            &bea,
            json!({ "body": "Ici", "line": 2, "amendment": amendment }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_place",
        ),
        (
            &bea,
            json!({ "body": "Ici", "line": 2, "parent": top_id }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_place",
        ),
        (&bea, json!({ "body": "Là", "line": 9 }), StatusCode::UNPROCESSABLE_ENTITY, "invalid_anchor"),
        (&bea, json!({ "body": "  " }), StatusCode::UNPROCESSABLE_ENTITY, "invalid_field"),
        (&bea, json!({ "body": "x".repeat(5_001) }), StatusCode::UNPROCESSABLE_ENTITY, "invalid_field"),
        (&bea, json!({ "body": "Ici", "amendment": 999_999 }), StatusCode::NOT_FOUND, "not_found"),
        (&bea, json!({ "body": "Ici", "parent": 999_999 }), StatusCode::NOT_FOUND, "not_found"),
        (&server.api(), json!({ "body": "Anonyme" }), StatusCode::UNAUTHORIZED, "unauthenticated"),
    ] {
        let (got, answer) = comment(api, &slug, body.clone()).await;
        assert_eq!((got, code(&answer)), (status, Some(expected)), "{body}: {answer}");
    }
    let (_, all) = server.api().get(&format!("/api/v1/texts/{slug}/comments")).await;
    assert_eq!(all.as_array().map(Vec::len), Some(3), "{all}");

    // Its author edits; no one else does.
    let path = format!("/api/v1/comments/{reply_id}");
    let (status, edited) = bea.put(&path, &json!({ "body": "De l’étude régionale de 2024." })).await;
    assert_eq!(status, StatusCode::OK, "{edited}");
    assert!(edited["edited_at"].is_string(), "{edited}");
    let (status, answer) = chloe.put(&path, &json!({ "body": "Non." })).await;
    assert_eq!((status, code(&answer)), (StatusCode::FORBIDDEN, Some("forbidden")), "{answer}");

    // A drafter hides the first comment: its words go, the reason stays, the reply stays.
    let hide = format!("/api/v1/comments/{top_id}/hide");
    let (status, answer) = bea.post(&hide, &json!({ "reason": "Hors sujet" })).await;
    assert_eq!((status, code(&answer)), (StatusCode::FORBIDDEN, Some("forbidden")), "{answer}");
    let (status, hidden) = drafter.post(&hide, &json!({ "reason": "Lien vers un site malveillant" })).await;
    assert_eq!(status, StatusCode::OK, "{hidden}");
    assert_eq!((&hidden["body"], &hidden["hidden_reason"]), (&Value::Null, &json!("Lien vers un site malveillant")));
    let (status, answer) = chloe.put(&format!("/api/v1/comments/{top_id}"), &json!({ "body": "Autre chose" })).await;
    assert_eq!((status, code(&answer)), (StatusCode::CONFLICT, Some("comment_closed")), "{answer}");
    let (_, thread) = server.api().get(&format!("/api/v1/texts/{slug}/comments?amendment={amendment}")).await;
    assert_eq!(thread.as_array().map(Vec::len), Some(2), "{thread}");
    assert!(!thread.to_string().contains("exemple.fr"), "a hidden comment's words leak: {thread}");
    let (_, page) = server.browser().get(&format!("/amendments/{amendment}")).await;
    assert!(!page.contains("exemple.fr") && page.contains("Lien vers un site malveillant"), "{page}");

    // Its author deletes the reply: gone from every answer, marked deleted.
    let (status, deleted) = bea.delete(&path).await;
    assert_eq!(status, StatusCode::OK, "{deleted}");
    assert_eq!((&deleted["body"], &deleted["deleted"]), (&Value::Null, &json!(true)));

    // Comments close with the text: adopted, nothing more.
    let (status, _) = drafter.put(&format!("/api/v1/texts/{slug}/phase"), &json!({ "phase": "adopted" })).await;
    assert_eq!(status, StatusCode::OK);
    let (status, answer) = comment(&bea, &slug, json!({ "body": "Trop tard ?" })).await;
    assert_eq!((status, code(&answer)), (StatusCode::CONFLICT, Some("phase_closed")), "{answer}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_comment_from_the_pages_without_javascript_and_links_are_safe() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let slug = drafter.publish("programme", &["# Santé", "Un hôpital par département."]).await;
    let browser = server.browser_as("bea", Role::Member).await;
    let path = format!("/texts/{slug}/comments?line=2");
    let (status, page) = browser.get(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Un hôpital par département."), "the paragraph is quoted: {page}");
    let csrf = csrf_in(&page).expect("csrf");
    let body = "Voir https://exemple.fr/a?b=1&c=<2> et <script>alert(1)</script>";
    let (status, location, _) =
        browser.post_form(&format!("/texts/{slug}/comments"), &[("csrf", &csrf), ("line", "2"), ("body", body)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let location = location.expect("a redirect");
    assert!(location.starts_with(&format!("/texts/{slug}/comments?line=2#comment-")), "{location}");
    let (_, page) = browser.get(&path).await;
    assert!(
        page.contains("<a href=\"https://exemple.fr/a?b=1&amp;c=\" rel=\"nofollow ugc noopener noreferrer\">"),
        "{page}"
    );
    assert!(!page.contains("<script>alert"), "{page}");
    // An empty comment comes back with the reason, nothing filed.
    let (status, _, page) =
        browser.post_form(&format!("/texts/{slug}/comments"), &[("csrf", &csrf), ("line", "2"), ("body", " ")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Commentaire"), "{page}");
    // An alinéa the text does not have: the text's discussion comes back with the words.
    let (status, _, page) = browser
        .post_form(&format!("/texts/{slug}/comments"), &[("csrf", &csrf), ("line", "9"), ("body", "Perdu ?")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("Perdu ?"), "{page}");
    // Tapping an alinéa's number during the consultation leads to its form, which links
    // to its discussion.
    let (_, form) = browser.get(&format!("/texts/{slug}/amend?revision=1&start=2&count=1")).await;
    assert!(form.contains(&format!("href=\"/texts/{slug}/comments?line=2\"")), "{form}");
    let (_, list) = server.api().get(&format!("/api/v1/texts/{slug}/comments")).await;
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    server.stop().await;
}
