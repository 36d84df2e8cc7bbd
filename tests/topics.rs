//! Topics over HTTP: admins open them, texts are published in them, the home page and a
//! topic's page list them, and a drafter sees the texts already in a topic before
//! publishing another.

mod common;

use common::TestServer;
use redraft::domain::Role;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_open_topics_and_texts_are_published_in_them() {
    let server = TestServer::start().await;
    let admin = server.api_as("admin", Role::Admin).await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let member = server.api_as("militante", Role::Member).await;
    let sante = json!({ "slug": "sante", "title": "Santé", "description": "Hôpital, prévention, soins de ville." });

    // Only admins open topics.
    let (status, _) = server.api().post("/api/v1/topics", &sante).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    for api in [&drafter, &member] {
        let (status, answer) = api.post("/api/v1/topics", &sante).await;
        assert_eq!((status, answer["error"]["code"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")));
    }
    let (status, topic) = admin.post("/api/v1/topics", &sante).await;
    assert_eq!(status, StatusCode::CREATED, "{topic}");
    assert_eq!(
        topic,
        json!({ "slug": "sante", "title": "Santé", "description": "Hôpital, prévention, soins de ville.", "texts": [] })
    );
    let (status, answer) = admin.post("/api/v1/topics", &json!({ "slug": "sante", "title": "Autre" })).await;
    assert_eq!((status, answer["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("slug_taken")), "{answer}");
    for bad in [
        json!({ "slug": "Santé", "title": "Santé" }),
        json!({ "slug": "education", "title": "" }),
        json!({ "slug": "education", "title": "Éducation", "description": "x".repeat(2_001) }),
        json!({ "slug": "education", "title": "Éducation", "couleur": "bleu" }),
    ] {
        let (status, answer) = admin.post("/api/v1/topics", &bad).await;
        assert!(status.is_client_error(), "{bad}: {status} {answer}");
    }
    admin.post("/api/v1/topics", &json!({ "slug": "education", "title": "Éducation" })).await;

    // Texts are published in a topic, or in none; an unknown topic is refused.
    let published = json!({ "slug": "hopital", "title": "L’hôpital public", "body": "Un alinéa.", "topic": "sante" });
    let (status, _) = drafter.post("/api/v1/texts", &published).await;
    assert_eq!(status, StatusCode::CREATED);
    let members_only = json!({ "slug": "interne", "title": "Note interne", "body": "Un alinéa.", "topic": "sante", "visibility": "members" });
    drafter.post("/api/v1/texts", &members_only).await;
    drafter.publish("divers", &["Un alinéa."]).await;
    let unknown = json!({ "slug": "ecole", "title": "L’école", "body": "Un alinéa.", "topic": "ecole" });
    let (status, answer) = drafter.post("/api/v1/texts", &unknown).await;
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("unknown_topic")),
        "{answer}"
    );
    let (status, _) = drafter.get("/api/v1/texts/ecole").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a refused text was published");

    let (_, text) = member.get("/api/v1/texts/hopital").await;
    assert_eq!(text["topic"], "sante");
    // Each topic lists the texts its reader may read: a members-only text stays hidden
    // from anonymous readers.
    let (_, topics) = member.get("/api/v1/topics").await;
    assert_eq!(topics[0]["slug"], "education");
    assert_eq!(topics[1]["texts"], json!(["interne", "hopital"]));
    let (_, topics) = server.api().get("/api/v1/topics").await;
    assert_eq!(topics[1]["texts"], json!(["hopital"]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pages_list_texts_by_topic_and_show_a_drafter_the_texts_already_there() {
    let server = TestServer::start().await;
    let admin = server.browser_as("admin", Role::Admin).await;
    let drafter_api = server.api_as("redaction", Role::Drafter).await;

    // An admin opens a topic from the topics page; a bad slug comes back with what was typed.
    let csrf = admin.csrf("/topics").await;
    let typed = "Hôpital, prévention et soins de ville.";
    let fields = [("csrf", csrf.as_str()), ("slug", "Santé!"), ("title", "Santé"), ("description", typed)];
    let (status, _, page) = admin.post_form("/topics", &fields).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains(typed), "what was typed is lost: {page}");
    let fields = [("csrf", csrf.as_str()), ("slug", "sante"), ("title", "Santé"), ("description", typed)];
    let (status, location, page) = admin.post_form("/topics", &fields).await;
    assert_eq!((status, location.as_deref()), (StatusCode::SEE_OTHER, Some("/topics/sante")), "{page}");
    // Members and drafters see no such form.
    let member = server.browser_as("militante", Role::Member).await;
    let (_, page) = member.get("/topics").await;
    assert!(page.contains("/topics/sante") && !page.contains("action=\"/topics\""), "{page}");
    let fields = [("csrf", csrf.as_str()), ("slug", "autre"), ("title", "Autre"), ("description", "")];
    let (status, _, _) = member.post_form("/topics", &fields).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let text = json!({ "slug": "hopital", "title": "L’hôpital public", "body": "Un alinéa.", "topic": "sante" });
    drafter_api.post("/api/v1/texts", &text).await;
    drafter_api.publish("divers", &["Un alinéa."]).await;

    // The home page: the topic with its text, then the others.
    let (_, home) = server.browser().get("/").await;
    let (topic_at, text_at, others_at) =
        (home.find("href=\"/topics/sante\""), home.find("/texts/hopital"), home.find("Autres textes"));
    assert!(topic_at < text_at && text_at < others_at && home.contains("/texts/divers"), "{home}");
    let (status, page) = server.browser().get("/topics/sante").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(typed) && page.contains("/texts/hopital") && !page.contains("/texts/divers"), "{page}");
    let (status, _) = server.browser().get("/topics/absent").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // A drafter publishing in the topic is first shown the text already there.
    let drafter = server.browser();
    drafter.log_in("redaction", common::PASSWORD).await;
    // What the address carries besides the topic (a campaign's tag) changes nothing.
    let (status, _) = drafter.get("/texts/new?topic=sante&utm_source=lettre").await;
    assert_eq!(status, StatusCode::OK);
    let (_, page) = drafter.get("/texts/new?topic=sante").await;
    assert!(page.contains("Textes déjà ouverts") && page.contains("/texts/hopital"), "{page}");
    assert!(page.contains("<option value=\"sante\" selected>"), "{page}");
    let csrf = common::csrf_in(&page).expect("csrf");
    let fields = [
        ("csrf", csrf.as_str()),
        ("topic", "sante"),
        ("title", "Les urgences"),
        ("slug", "urgences"),
        ("visibility", "public"),
        ("body", "Un alinéa."),
    ];
    let (status, location, page) = drafter.post_form("/texts", &fields).await;
    assert_eq!((status, location.as_deref()), (StatusCode::SEE_OTHER, Some("/texts/urgences")), "{page}");
    let (_, text) = drafter_api.get("/api/v1/texts/urgences").await;
    assert_eq!(text["topic"], "sante");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_topic_page_shows_a_member_what_is_new_in_its_texts_since_her_visit() {
    let server = TestServer::start().await;
    let admin = server.api_as("admin", Role::Admin).await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let bea = server.api_as("bea", Role::Member).await;
    let (status, topic) = admin.post("/api/v1/topics", &json!({ "slug": "sante", "title": "Santé" })).await;
    assert_eq!(status, StatusCode::CREATED, "{topic}");
    let text = json!({ "slug": "hopital", "title": "Hôpital", "body": "# Hôpital\nDes lits.\nFin.", "topic": "sante" });
    let (status, answer) = drafter.post("/api/v1/texts", &text).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let browser = server.browser_as("camille", Role::Member).await;

    // Her visit of the text is remembered once its page is answered.
    let (status, _) = browser.get("/texts/hopital").await;
    assert_eq!(status, StatusCode::OK);
    let mut quiet = false;
    for _ in 0..100 {
        let (_, page) = browser.get("/topics/sante").await;
        if !page.contains("Nouveau depuis votre visite") {
            quiet = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(quiet, "nothing is new right after her visit");

    bea.propose("hopital", 1, 2, 1, &["Des lits et des soignants."]).await;
    let (_, page) = browser.get("/topics/sante").await;
    assert!(page.contains("Nouveau depuis votre visite : 1 nouvel amendement"), "{page}");
    // Anonymous readers have no visits.
    let (_, page) = server.browser().get("/topics/sante").await;
    assert!(!page.contains("Nouveau depuis votre visite"), "{page}");
    server.stop().await;
}
