//! Search over HTTP: accents and capitals ignored, phrases and prefixes, results grouped by
//! kind with highlights and links to the exact paragraph; the topic, text, state and author
//! filters keep exactly what they name; the index follows the head, amendments, comments
//! and questions as they change; nothing a reader may not see is ever found; bad queries get
//! a clear 400; the page works without JavaScript in both languages.

mod common;

use common::TestServer;
use redraft::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn code(answer: &Value) -> Option<&str> {
    answer["error"]["code"].as_str()
}

/// The first hit of one kind.
fn first<'a>(results: &'a Value, kind: &str) -> Option<&'a Value> {
    results.as_array()?.iter().find(|hit| hit["kind"] == kind)
}

/// The hits of one kind: (link, snippet, highlighted words).
fn hits(results: &Value, kind: &str) -> Vec<(String, String, Vec<String>)> {
    results
        .as_array()
        .expect("a list")
        .iter()
        .filter(|hit| hit["kind"] == kind)
        .map(|hit| {
            let snippet = hit["snippet"].as_str().expect("snippet").to_owned();
            let chars: Vec<char> = snippet.chars().collect();
            let marked = hit["highlights"]
                .as_array()
                .expect("highlights")
                .iter()
                .map(|range| {
                    let (from, to) =
                        (range[0].as_u64().expect("from") as usize, range[1].as_u64().expect("to") as usize);
                    chars[from..to].iter().collect()
                })
                .collect();
            (hit["link"].as_str().expect("link").to_owned(), snippet, marked)
        })
        .collect()
}

fn links(results: &Value, kind: &str) -> Vec<String> {
    hits(results, kind).into_iter().map(|(link, _, _)| link).collect()
}

async fn search(api: &common::Api, query: &str) -> Value {
    search_with(api, query, "").await
}

/// A search with more parameters (`&state=open`…).
async fn search_with(api: &common::Api, query: &str, more: &str) -> Value {
    let address = format!("/api/v1/search?q={}{more}", urlencoding(query));
    let (status, results) = api.get(&address).await;
    assert_eq!(status, StatusCode::OK, "{query}: {results}");
    results
}

fn urlencoding(value: &str) -> String {
    value.bytes().map(|byte| format!("%{byte:02X}")).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn words_are_found_whatever_their_accents_as_phrases_and_prefixes() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let slug = drafter
        .publish(
            "climat",
            &["# Climat", "Atteindre la neutralité carbone en 2030.", "Rénover les écoles d'ici 2035.", "Fin."],
        )
        .await;

    for query in ["neutralite", "NEUTRALITÉ", "neutr*", "Neutralité carbone", "\"carbone en 2030\""] {
        let results = search(&server.api(), query).await;
        let found = hits(&results, "paragraph");
        assert_eq!(found.len(), 1, "{query}: {results}");
        let (link, snippet, marked) = &found[0];
        assert_eq!(link, &format!("/texts/{slug}#l2"), "{query}: the exact paragraph");
        assert_eq!(snippet, "Atteindre la neutralité carbone en 2030.");
        assert!(marked.iter().any(|word| word == "neutralité" || word == "carbone"), "{query}: {marked:?}");
        assert_eq!(first(&results, "paragraph").expect("hit")["line"], 2);
    }
    // "l'école" is two words for the index, as the tokenizer cuts it: a phrase.
    assert_eq!(links(&search(&server.api(), "ecoles d'ici").await, "paragraph"), [format!("/texts/{slug}#l3")]);
    for nothing in ["\"2030 carbone\"", "neutralité 2035", "inconnu", "   ", "\"\""] {
        let results = search(&server.api(), nothing).await;
        assert_eq!(results.as_array().map(Vec::len), Some(0), "{nothing}: {results}");
    }
    let titles = search(&server.api(), "texte climat").await;
    assert_eq!(links(&titles, "text"), [format!("/texts/{slug}")], "{titles}");

    // The reader's own syntax is never the index's: no 500, whatever is typed.
    for typed in
        ["\"unbalanced", "AND OR NOT", "(carbone", "carbone)", "body:carbone", "NEAR(a b)", "^carbone", "-", "*", "'"]
    {
        let (status, answer) = server.api().get(&format!("/api/v1/search?q={}", urlencoding(typed))).await;
        assert_eq!(status, StatusCode::OK, "{typed}: {answer}");
    }
    // Bounds refused clearly, in the reader's language.
    let long = "mot ".repeat(60);
    for (typed, expected) in [("n*", "bad_query"), (long.as_str(), "bad_query"), (&"a ".repeat(13), "bad_query")] {
        let (status, answer) = server.api().get(&format!("/api/v1/search?q={}", urlencoding(typed))).await;
        assert_eq!((status, code(&answer)), (StatusCode::BAD_REQUEST, Some(expected)), "{typed}: {answer}");
        assert!(answer["error"]["message"].as_str().is_some_and(|message| !message.is_empty()));
    }
    let (status, answer) = server.api().get("/api/v1/search?q=a&kind=poem").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    let (status, answer) = server.api().get("/api/v1/search").await;
    assert!(status.is_client_error(), "the query is required: {answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_index_follows_the_head_amendments_comments_and_questions() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let bea = server.api_as("bea", Role::Member).await;
    let slug = drafter.publish("sante", &["# Santé", "Un hôpital par département.", "Fin du texte."]).await;

    // An amendment is found by its words, summary and rationale; filters narrow it.
    let body = json!({
        "base": 1, "start": 2, "count": 1, "new_lines": ["Une maternité par département."],
        "rationale": "Les déserts obstétricaux progressent."
    });
    let (status, amendment) = bea.post(&format!("/api/v1/texts/{slug}/amendments"), &body).await;
    assert_eq!(status, StatusCode::CREATED, "{amendment}");
    let id = amendment["id"].as_i64().expect("id");
    let bea_id = amendment["author"].as_i64().expect("author id");
    for query in ["maternite", "obstetricaux"] {
        assert_eq!(links(&search(&server.api(), query).await, "amendment"), [format!("/amendments/{id}")], "{query}");
    }
    let open = search_with(&server.api(), "maternité", "&state=open").await;
    assert_eq!(first(&open, "amendment").expect("open")["reference"], amendment["reference"]);
    assert_eq!(search_with(&server.api(), "maternité", "&state=withdrawn").await.as_array().map(Vec::len), Some(0));
    let (_, mine) = server.api().get(&format!("/api/v1/search?q=maternite&author={bea_id}")).await;
    assert_eq!(links(&mine, "amendment").len(), 1, "{mine}");
    let (_, others) = server.api().get("/api/v1/search?q=maternite&author=1").await;
    assert_eq!(others.as_array().map(Vec::len), Some(0), "{others}");
    let (status, nobody) = server.api().get("/api/v1/search?q=maternite&author=999").await;
    assert_eq!((status, nobody.as_array().map(Vec::len)), (StatusCode::OK, Some(0)), "no one: nothing found");
    let (_, page) = server.browser().get("/search?q=nothing-at-all&author=2").await;
    assert!(!page.contains("bea"), "an author is named only beside what they wrote that is found");
    let (_, page) = server.browser().get("/search?q=maternite&author=2").await;
    assert!(page.contains("ce qu’a écrit bea"), "{page}");

    // Editing it moves what is found.
    let edit = json!({
        "base": 1, "start": 2, "count": 1, "new_lines": ["Une sage-femme par canton."],
        "rationale": "Les déserts obstétricaux progressent."
    });
    let (status, edited) = bea.put(&format!("/api/v1/amendments/{id}"), &edit).await;
    assert_eq!(status, StatusCode::OK, "{edited}");
    assert_eq!(search(&server.api(), "maternité").await.as_array().map(Vec::len), Some(0));
    assert_eq!(links(&search(&server.api(), "sage-femme").await, "amendment").len(), 1);

    // Merged: the head's paragraph changes, and search follows it to its line.
    drafter.accept(id).await;
    let (status, merged) =
        drafter.post(&format!("/api/v1/texts/{slug}/merge"), &json!({ "base": 1, "amendments": [id] })).await;
    assert_eq!(status, StatusCode::CREATED, "{merged}");
    assert_eq!(links(&search(&server.api(), "sage-femme canton").await, "paragraph"), [format!("/texts/{slug}#l2")]);
    assert!(links(&search(&server.api(), "hôpital").await, "paragraph").is_empty(), "the old words left the head");
    // A full-text edit that inserts before it moves its line.
    let (status, edited) = drafter
        .put(
            &format!("/api/v1/texts/{slug}"),
            &json!({ "base": 2, "body": "# Santé\nPréambule nouveau.\nUne sage-femme par canton.\nFin du texte." }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{edited}");
    assert_eq!(links(&search(&server.api(), "sage-femme").await, "paragraph"), [format!("/texts/{slug}#l3")]);
    assert_eq!(links(&search(&server.api(), "preambule").await, "paragraph"), [format!("/texts/{slug}#l2")]);

    // Comments: found while shown; edited, deleted or hidden, their old words are not.
    let comments = format!("/api/v1/texts/{slug}/comments");
    let (status, first) = bea.post(&comments, &json!({ "body": "Et les cliniques privées ?", "line": 3 })).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let (_, second) = bea.post(&comments, &json!({ "body": "Pensez aux dispensaires." })).await;
    let (first, second) = (first["id"].as_i64().expect("id"), second["id"].as_i64().expect("id"));
    let found = links(&search(&server.api(), "cliniques").await, "comment");
    assert_eq!(found.len(), 1);
    assert!(found[0].ends_with(&format!("#comment-{first}")), "{found:?}");
    let (status, _) =
        bea.put(&format!("/api/v1/comments/{first}"), &json!({ "body": "Et les centres de santé ?" })).await;
    assert_eq!(status, StatusCode::OK);
    assert!(links(&search(&server.api(), "cliniques").await, "comment").is_empty());
    assert_eq!(links(&search(&server.api(), "centres").await, "comment").len(), 1);
    let (status, _) = bea.delete(&format!("/api/v1/comments/{first}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(links(&search(&server.api(), "centres").await, "comment").is_empty(), "deleted");
    let (status, hidden) =
        drafter.post(&format!("/api/v1/comments/{second}/hide"), &json!({ "reason": "Hors sujet." })).await;
    assert_eq!(status, StatusCode::OK, "{hidden}");
    assert!(links(&search(&drafter, "dispensaires").await, "comment").is_empty(), "hidden, even from drafters");

    // Questions are found by their prompt and choices.
    let closes_at = redraft::i18n::rfc3339(redraft::store::now() + 86_400);
    let asked =
        json!({ "prompt": "Faut-il une permanence le samedi ?", "choices": ["Oui", "Non"], "closes_at": closes_at });
    let (status, question) = drafter.post(&format!("/api/v1/texts/{slug}/questions"), &asked).await;
    assert_eq!(status, StatusCode::CREATED, "{question}");
    let found = links(&search(&server.api(), "permanence samedi").await, "question");
    assert_eq!(found, [format!("/texts/{slug}/questions#q-{}", question["id"])]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_a_reader_may_not_read_is_found() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let bea = server.api_as("bea", Role::Member).await;
    let internal = json!({
        "slug": "interne", "title": "Stratégie interne", "body": "Cibler les circonscriptions gagnables.",
        "visibility": "members"
    });
    let (status, answer) = drafter.post("/api/v1/texts", &internal).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let id = bea.propose("interne", 1, 1, 1, &["Cibler les circonscriptions rurales."]).await;
    let (status, _) =
        bea.post("/api/v1/texts/interne/comments", &json!({ "body": "Circonscriptions à lister." })).await;
    assert_eq!(status, StatusCode::CREATED);

    let anyone = search(&server.api(), "circonscriptions").await;
    assert_eq!(anyone.as_array().map(Vec::len), Some(0), "anonymous readers find nothing of it: {anyone}");
    let titles = search(&server.api(), "strategie").await;
    assert_eq!(titles.as_array().map(Vec::len), Some(0), "not even its title");
    let (status, _) = server.api().get("/api/v1/search?q=circonscriptions&text=interne").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a members-only text is not there for them");
    let (_, page) = server.browser().get("/search?q=circonscriptions").await;
    assert!(!page.contains("gagnables") && !page.contains("interne"), "nor on the page");

    let member = search(&bea, "circonscriptions").await;
    assert_eq!(links(&member, "paragraph"), ["/texts/interne#l1"]);
    assert_eq!(links(&member, "amendment"), [format!("/amendments/{id}")]);
    assert_eq!(links(&member, "comment").len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_works_without_javascript_in_both_languages() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    drafter.publish("climat", &["# Climat", "Atteindre la neutralité carbone en 2030.", "Fin."]).await;
    let browser = server.browser();

    let (status, home) = browser.get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(home.contains(r#"action="/search""#), "every page's header has the search box");
    let (status, page) = browser.get("/search?q=neutralite&kind=&text=&state=").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("<mark>neutralité</mark>"), "{page}");
    assert!(page.contains(r##"href="/texts/climat#l2""##), "{page}");
    assert!(page.contains(">al. 2<") && page.contains("Résultats pour « neutralite »"), "French first");
    assert!(page.contains(r#"value="neutralite""#), "the query stays in its box");

    let (status, page) = browser.get("/search?q=n*").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("au moins 2 lettres") && page.contains(r#"value="n*""#), "{page}");
    let (status, page) = browser.get("/search?q=x&kind=poem").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{page}");

    let (status, _) = browser.get("/lang/en?next=/").await;
    assert!(status.is_success() || status.is_redirection());
    let (_, page) = browser.get("/search?q=neutralite").await;
    assert!(page.contains(">¶ 2<") && page.contains("Results for “neutralite”"), "{page}");
    let (_, page) = browser.get("/search?q=nothing-here").await;
    assert!(page.contains("Nothing found for “nothing-here”."), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn texts_written_before_search_are_indexed_at_start() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    drafter.publish("ancien", &["# Ancien", "Un texte écrit avant la recherche."]).await;
    // As a database migrated from before search holds it: no head indexed.
    let db = rusqlite::Connection::open(server.dir.path().join("redraft.db")).expect("open");
    db.execute_batch(
        "INSERT INTO search_index (search_index, rowid, body)
             SELECT 'delete', id, body FROM search_documents WHERE kind IN ('paragraph', 'text');
         DELETE FROM search_documents WHERE kind IN ('paragraph', 'text');
         UPDATE texts SET search_head = 0;",
    )
    .expect("forget the heads");
    drop(db);
    assert_eq!(search(&server.api(), "recherche").await.as_array().map(Vec::len), Some(0));
    let server = server.restart().await;
    assert_eq!(links(&search(&server.api(), "recherche").await, "paragraph"), ["/texts/ancien#l2"]);
}

/// Each hit as (kind, text, id or paragraph number), sorted: what a filter kept, exactly.
fn found(results: &Value) -> Vec<(String, String, i64)> {
    let mut found: Vec<(String, String, i64)> = results
        .as_array()
        .expect("a list")
        .iter()
        .map(|hit| {
            let which = hit["id"].as_i64().or_else(|| hit["line"].as_i64()).unwrap_or(0);
            (hit["kind"].as_str().expect("kind").to_owned(), hit["text"].as_str().expect("text").to_owned(), which)
        })
        .collect();
    found.sort();
    found
}

fn expected(hits: &[(&str, &str, i64)]) -> Vec<(String, String, i64)> {
    let mut hits: Vec<(String, String, i64)> =
        hits.iter().map(|(kind, text, which)| ((*kind).to_owned(), (*text).to_owned(), *which)).collect();
    hits.sort();
    hits
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn topic_text_state_and_author_filters_keep_exactly_their_hits() {
    let server = TestServer::start().await;
    let admin = server.api_as("admin", Role::Admin).await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let bea = server.api_as("bea", Role::Member).await;
    let carl = server.api_as("carl", Role::Member).await;
    for topic in [json!({ "slug": "sante", "title": "Santé" }), json!({ "slug": "ecole", "title": "École" })] {
        let (status, answer) = admin.post("/api/v1/topics", &topic).await;
        assert_eq!(status, StatusCode::CREATED, "{answer}");
    }
    // "Gratuité" is in every text: two of the school topic, one public and one members-only
    // of the health topic, and one of no topic.
    for (slug, title, body, topic, visibility) in [
        ("hopital", "Gratuité des soins", "# Soins\nLa gratuité des soins.\nDes centres de santé.", "sante", "public"),
        ("interne", "Note interne", "# Note\nChiffrer la gratuité.", "sante", "members"),
        ("cantine", "La cantine", "# Cantine\nLa gratuité de la cantine.\nDes repas bio.", "ecole", "public"),
        ("fournitures", "Les fournitures", "# Fournitures\nLa gratuité des cahiers.", "ecole", "public"),
    ] {
        let text = json!({ "slug": slug, "title": title, "body": body, "topic": topic, "visibility": visibility });
        let (status, answer) = drafter.post("/api/v1/texts", &text).await;
        assert_eq!(status, StatusCode::CREATED, "{answer}");
    }
    drafter.publish("divers", &["# Divers", "La gratuité des transports."]).await;
    // Amendments in three states, comments by both members.
    let open = bea.propose("hopital", 1, 3, 1, &["Des centres de santé, dans la gratuité."]).await;
    let accepted = carl.propose("cantine", 1, 3, 1, &["Des repas bio, dans la gratuité."]).await;
    let rejected = bea.propose("cantine", 1, 2, 1, &["La gratuité totale de la cantine."]).await;
    drafter.accept(accepted).await;
    let (status, answer) = drafter
        .post(&format!("/api/v1/amendments/{rejected}/decision"), &json!({ "decision": "reject", "note": "Non." }))
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let comment = |api: &common::Api, slug: &str, body: &str| {
        let (api, address, body) = (api.clone(), format!("/api/v1/texts/{slug}/comments"), json!({ "body": body }));
        async move {
            let (status, answer) = api.post(&address, &body).await;
            assert_eq!(status, StatusCode::CREATED, "{answer}");
            answer["id"].as_i64().expect("id")
        }
    };
    let beas_comment = comment(&bea, "cantine", "Et la gratuité du goûter ?").await;
    let carls_comment = comment(&carl, "hopital", "La gratuité a un coût.").await;
    let (_, amendment) = bea.get(&format!("/api/v1/amendments/{open}")).await;
    let bea_id = amendment["author"].as_i64().expect("bea's id");
    let (_, amendment) = carl.get(&format!("/api/v1/amendments/{accepted}")).await;
    let carl_id = amendment["author"].as_i64().expect("carl's id");

    // A topic keeps what is in its texts, whatever the kind; a text keeps what is in it.
    let health = [("text", "hopital", 0), ("paragraph", "hopital", 2), ("amendment", "hopital", open)];
    let health = [&health[..], &[("comment", "hopital", carls_comment)]].concat();
    let canteen = [
        ("paragraph", "cantine", 2),
        ("amendment", "cantine", accepted),
        ("amendment", "cantine", rejected),
        ("comment", "cantine", beas_comment),
    ];
    let school = [&canteen[..], &[("paragraph", "fournitures", 2)]].concat();
    let anyone = server.api();
    let everything = [&health[..], &school, &[("paragraph", "divers", 2)]].concat();
    assert_eq!(found(&search(&anyone, "gratuite").await), expected(&everything), "unfiltered, the public texts");
    assert_eq!(found(&search_with(&anyone, "gratuite", "&topic=sante").await), expected(&health));
    assert_eq!(found(&search_with(&anyone, "gratuite", "&topic=ecole").await), expected(&school));
    assert_eq!(found(&search_with(&anyone, "gratuite", "&text=hopital").await), expected(&health));
    assert_eq!(found(&search_with(&anyone, "gratuite", "&text=cantine").await), expected(&canteen));
    assert_eq!(found(&search_with(&anyone, "gratuite", "&text=fournitures").await), expected(&school[4..]));
    assert_eq!(found(&search_with(&anyone, "gratuite", "&text=divers").await), expected(&[("paragraph", "divers", 2)]));
    // Both filters at once keep what both keep: a text outside the topic, nothing.
    assert_eq!(found(&search_with(&anyone, "gratuite", "&topic=ecole&text=cantine").await), expected(&canteen));
    assert_eq!(search_with(&anyone, "gratuite", "&topic=sante&text=cantine").await, json!([]));
    // A member finds the members-only text of the topic too, still within the topic.
    let members = [&health[..], &[("paragraph", "interne", 2)]].concat();
    assert_eq!(found(&search_with(&bea, "gratuite", "&topic=sante").await), expected(&members));
    for unknown in ["&topic=nulle-part", "&text=nulle-part"] {
        let (status, answer) = anyone.get(&format!("/api/v1/search?q=gratuite{unknown}")).await;
        assert_eq!((status, code(&answer)), (StatusCode::NOT_FOUND, Some("not_found")), "{unknown}: {answer}");
    }

    // A state keeps only the amendments in it: no paragraph, comment or title.
    for (state, id, slug) in
        [("open", open, "hopital"), ("accepted", accepted, "cantine"), ("rejected", rejected, "cantine")]
    {
        let results = search_with(&anyone, "gratuite", &format!("&state={state}")).await;
        assert_eq!(found(&results), expected(&[("amendment", slug, id)]), "{state}");
        assert_eq!(results[0]["state"], state);
    }
    assert_eq!(search_with(&anyone, "gratuite", "&state=merged").await, json!([]));
    assert_eq!(search_with(&anyone, "gratuite", "&state=open&topic=ecole").await, json!([]));

    // An author keeps what that member wrote, of every kind, and nobody else's.
    let beas =
        [("amendment", "hopital", open), ("amendment", "cantine", rejected), ("comment", "cantine", beas_comment)];
    let carls = [("amendment", "cantine", accepted), ("comment", "hopital", carls_comment)];
    assert_eq!(found(&search_with(&anyone, "gratuite", &format!("&author={bea_id}")).await), expected(&beas));
    assert_eq!(found(&search_with(&anyone, "gratuite", &format!("&author={carl_id}")).await), expected(&carls));
    assert_eq!(
        found(&search_with(&anyone, "gratuite", &format!("&author={bea_id}&topic=ecole")).await),
        expected(&beas[1..]),
        "with a topic, both narrow"
    );
}
