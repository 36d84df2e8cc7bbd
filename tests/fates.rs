//! What became of amendments, over HTTP: after a merge, an adoption in modified form, a
//! rejection with a note, a withdrawal, an outdating and a later edit of the adopted words,
//! each amendment tells its fate, in the API and on the pages (a member's own list with
//! their record, a text's public list, each amendment's page).

mod common;

use common::{PASSWORD, TestServer};
use redraft::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn fate_of(mine: &Value, id: i64) -> &Value {
    let amendments = mine["amendments"].as_array().expect("amendments");
    &amendments.iter().find(|amendment| amendment["id"] == id).expect("listed")["fate"]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_amendment_tells_what_became_of_it() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let bea = server.api_as("bea", Role::Member).await;
    let slug =
        drafter.publish("sante", &["# Santé", "Un hôpital par département.", "Une école par canton.", "Fin."]).await;
    let adopted = bea.propose(&slug, 1, 2, 1, &["Une maternité par département."]).await;
    let modified = bea.propose(&slug, 1, 3, 1, &["Une école par commune."]).await;
    let rejected = bea.propose(&slug, 1, 4, 1, &["Fin du programme."]).await;
    let withdrawn = bea.propose(&slug, 1, 5, 0, &["Annexe."]).await;
    let open = bea.propose(&slug, 1, 1, 1, &["# Santé publique"]).await;
    let outdated = bea.propose(&slug, 1, 2, 1, &["Deux hôpitaux par département."]).await;

    drafter.accept(adopted).await;
    let decide = |id: i64| format!("/api/v1/amendments/{id}/decision");
    let (status, answer) =
        drafter.post(&decide(modified), &json!({ "decision": "accept", "new_lines": ["Une école par bourg."] })).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let (status, answer) =
        drafter.post(&decide(rejected), &json!({ "decision": "reject", "note": "Hors sujet." })).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let (_, found) = server.api().get("/api/v1/search?q=bourg&kind=amendment").await;
    assert_eq!(found[0]["link"], format!("/amendments/{modified}"), "the wording accepted instead is searchable");
    let (status, answer) = bea.post(&format!("/api/v1/amendments/{withdrawn}/withdraw"), &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let (status, answer) = drafter
        .post(&format!("/api/v1/texts/{slug}/merge"), &json!({ "base": 1, "amendments": [adopted, modified] }))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");

    let (status, mine) = bea.get("/api/v1/me/amendments").await;
    assert_eq!(status, StatusCode::OK, "{mine}");
    assert_eq!(
        mine["record"],
        json!({ "total": 6, "adopted": 2, "accepted": 0, "rejected": 1, "withdrawn": 1, "outdated": 1, "open": 1 })
    );
    let ids: Vec<i64> =
        mine["amendments"].as_array().expect("list").iter().map(|a| a["id"].as_i64().expect("id")).collect();
    assert_eq!(ids, [outdated, open, withdrawn, rejected, modified, adopted], "newest first");
    let fate = fate_of(&mine, adopted);
    assert_eq!((&fate["kind"], &fate["revision"], &fate["modified"]), (&json!("adopted"), &json!(2), &json!(false)));
    assert_eq!(fate["words_in_text"], "all");
    assert_eq!(fate["message"], "Adopté dans la révision 2 ; ses mots sont toujours dans le texte.");
    let fate = fate_of(&mine, modified);
    assert_eq!(
        (&fate["kind"], &fate["modified"], &fate["words_in_text"]),
        (&json!("adopted"), &json!(true), &json!("all"))
    );
    let fate = fate_of(&mine, rejected);
    assert_eq!((&fate["kind"], &fate["note"]), (&json!("rejected"), &json!("Hors sujet.")));
    assert_eq!(fate["message"], "Rejeté : Hors sujet.");
    assert_eq!(fate_of(&mine, withdrawn)["kind"], "withdrawn");
    assert_eq!(fate_of(&mine, open)["kind"], "open");
    assert_eq!(fate_of(&mine, outdated)["kind"], "outdated", "the merge rewrote its alinéa");

    // A later edit of the words it wrote: still adopted, its words no longer in the text.
    let (status, answer) = drafter
        .put(
            &format!("/api/v1/texts/{slug}"),
            &json!({ "base": 2, "body": "# Santé\nUn centre de santé par département.\nUne école par bourg.\nFin." }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let (status, detail) = server.api().get(&format!("/api/v1/amendments/{adopted}")).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!((&detail["fate"]["kind"], &detail["fate"]["words_in_text"]), (&json!("adopted"), &json!("none")));
    // Its own answer names the revision that changed them.
    assert_eq!(detail["fate"]["changed_in"], 3, "{detail}");
    assert_eq!(
        detail["fate"]["message"],
        "Adopté dans la révision 2 ; ses mots ont été modifiés depuis par la révision 3."
    );
    let english = server.api().client.get(server.url(&format!("/api/v1/amendments/{modified}")));
    let english: Value = english.header("accept-language", "en").send().await.expect("get").json().await.expect("json");
    assert_eq!(
        english["fate"]["message"],
        "Adopted in revision 2; its words are still in the text. The drafters changed its wording before adopting it."
    );
    let (status, _) = server.api().get("/api/v1/me/amendments").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // The pages: the member's own, with the record; the text's, public; each amendment's.
    let browser = server.browser();
    browser.log_in("bea", PASSWORD).await;
    let (status, page) = browser.get("/account/amendments").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("2 adoptés sur mes 6 amendements"), "{page}");
    assert!(page.contains("Rejeté : Hors sujet.") && page.contains("ses mots ont été modifiés depuis"), "{page}");
    let (_, account) = browser.get("/account").await;
    assert!(account.contains(r#"href="/account/amendments""#), "one tap from the account page");
    let (status, page) = server.browser().get(&format!("/texts/{slug}/outcomes")).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Retiré par son auteur") && page.contains("En discussion."), "{page}");
    assert!(page.contains("Dépassé : le texte a changé à cet endroit."), "{page}");
    let (status, page) = server.browser().get(&format!("/amendments/{modified}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(r#"id="fate""#) && page.contains("La rédaction a modifié sa formulation"), "{page}");
    assert!(page.contains(&format!(r#"href="/texts/{slug}/outcomes""#)), "one tap to every amendment's fate");
    let (status, _) = server.browser().get(&format!("/texts/{slug}/outcomes?page=0")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = server.browser().get(&format!("/texts/{slug}/outcomes?page=2")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = server.browser().get(&format!("/texts/{slug}/outcomes?sort=fate")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "nothing sent is ignored");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_only_texts_keep_their_amendments_fates_to_members() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let bea = server.api_as("bea", Role::Member).await;
    let internal = json!({ "slug": "interne", "title": "Interne", "body": "Réservé.", "visibility": "members" });
    let (status, answer) = drafter.post("/api/v1/texts", &internal).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    bea.propose("interne", 1, 1, 1, &["Réservé aux membres."]).await;
    let (status, _) = server.browser().get("/texts/interne/outcomes").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, mine) = bea.get("/api/v1/me/amendments").await;
    assert_eq!((status, &mine["record"]["total"]), (StatusCode::OK, &json!(1)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lines_an_amendment_kept_as_they_were_do_not_count_as_changed_since() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let bea = server.api_as("bea", Role::Member).await;
    let slug = drafter.publish("court", &["# Titre", "Premier alinéa.", "Deuxième alinéa.", "Fin."]).await;
    // It rewrites two alinéas and keeps the first of them as it was.
    let id = bea.propose(&slug, 1, 2, 2, &["Premier alinéa.", "Deuxième alinéa, réécrit."]).await;
    drafter.accept(id).await;
    let (status, answer) =
        drafter.post(&format!("/api/v1/texts/{slug}/merge"), &json!({ "base": 1, "amendments": [id] })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let (_, detail) = server.api().get(&format!("/api/v1/amendments/{id}")).await;
    assert_eq!(detail["fate"]["words_in_text"], "all", "{detail}");
}
