//! Votes over HTTP: members vote for, against or abstain on open amendments during the
//! consultation and change their vote until it ends; tallies follow. A text's votes are
//! secret by default: no page, answer or row of the database file tells who voted what,
//! and the member still changes their own vote from any of their sessions and tokens.

mod common;

use common::{Api, PASSWORD, TestServer, csrf_in};
use redraft::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn vote(api: &Api, id: i64, choice: &str) -> (StatusCode, Value) {
    api.put(&format!("/api/v1/amendments/{id}/vote"), &json!({ "vote": choice })).await
}

fn code(answer: &Value) -> Option<&str> {
    answer["error"]["code"].as_str()
}

/// A second API token for `login`, issued by password like the first.
async fn another_token(server: &TestServer, login: &str) -> Api {
    let anonymous = server.api();
    let (status, body) = anonymous.post("/api/v1/tokens", &json!({ "login": login, "password": PASSWORD })).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    Api { token: body["token"].as_str().map(str::to_owned), ..anonymous }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secret_votes_count_change_and_leave_no_link_between_voter_and_vote_in_the_file() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let (author, bea, chloe) = (
        server.api_as("auteur", Role::Member).await,
        server.api_as("bea", Role::Member).await,
        server.api_as("chloe", Role::Member).await,
    );
    let slug = drafter.publish("programme", &["# Santé", "Un hôpital par département.", "Fin."]).await;
    let id = author.propose(&slug, 1, 2, 1, &["Un hôpital public par département."]).await;
    let (_, text) = drafter.get(&format!("/api/v1/texts/{slug}")).await;
    assert_eq!(text["votes"], "secret", "votes are secret by default: {text}");

    // Each member votes once; a second vote changes the first.
    let (status, answer) = vote(&bea, id, "for").await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer, json!({ "for": 1, "against": 0, "abstain": 0, "mine": "for" }));
    let (_, answer) = vote(&chloe, id, "against").await;
    assert_eq!(answer, json!({ "for": 1, "against": 1, "abstain": 0, "mine": "against" }));
    let (_, answer) = vote(&author, id, "abstain").await;
    assert_eq!(answer["abstain"], 1, "authors vote on their own amendments: {answer}");
    let (_, answer) = vote(&bea, id, "for").await;
    assert_eq!(answer, json!({ "for": 1, "against": 1, "abstain": 1, "mine": "for" }), "voting twice counted twice");
    let (_, answer) = vote(&bea, id, "against").await;
    assert_eq!(answer, json!({ "for": 0, "against": 2, "abstain": 1, "mine": "against" }));

    // Another token of the same member, issued by password, finds and changes the same vote.
    let bea_again = another_token(&server, "bea").await;
    let (_, answer) = vote(&bea_again, id, "abstain").await;
    assert_eq!(answer, json!({ "for": 0, "against": 1, "abstain": 2, "mine": "abstain" }));

    // The tallies are in every answer about the amendment; no name is.
    let (_, amendment) = server.api().get(&format!("/api/v1/amendments/{id}")).await;
    assert_eq!(amendment["votes"], json!({ "for": 0, "against": 1, "abstain": 2 }), "{amendment}");
    let (_, list) = server.api().get(&format!("/api/v1/texts/{slug}/amendments")).await;
    assert_eq!(list[0]["votes"], json!({ "for": 0, "against": 1, "abstain": 2 }), "{list}");

    // Bad votes change nothing.
    for (api, body, status, expected) in [
        (&bea, json!({ "vote": "maybe" }), StatusCode::BAD_REQUEST, "bad_request"),
        (&bea, json!({}), StatusCode::BAD_REQUEST, "bad_request"),
        (&bea, json!(["for"]), StatusCode::BAD_REQUEST, "bad_request"),
        (&bea, json!({ "vote": "for", "weight": 2 }), StatusCode::UNPROCESSABLE_ENTITY, "unknown_field"),
        (&server.api(), json!({ "vote": "for" }), StatusCode::UNAUTHORIZED, "unauthenticated"),
    ] {
        let (got, answer) = api.put(&format!("/api/v1/amendments/{id}/vote"), &body).await;
        assert_eq!((got, code(&answer)), (status, Some(expected)), "{body}: {answer}");
    }
    let (status, answer) = vote(&bea, 999_999, "for").await;
    assert_eq!((status, code(&answer)), (StatusCode::NOT_FOUND, Some("not_found")), "{answer}");

    // The file: who voted, and the choices, but nothing that joins them.
    let db = rusqlite::Connection::open(server.dir.path().join("redraft.db")).expect("open");
    let (voters, with_choice): (i64, i64) = db
        .query_row("SELECT count(*), count(choice) FROM voters", [], |row| Ok((row.get(0)?, row.get(1)?)))
        .expect("voters");
    assert_eq!((voters, with_choice), (3, 0), "who voted, without their choice");
    let columns: Vec<String> = db
        .prepare("SELECT name FROM pragma_table_info('ballot_boxes')")
        .and_then(|mut statement| statement.query_map([], |row| row.get(0))?.collect())
        .expect("columns");
    assert_eq!(columns, ["amendment_id", "ballots"], "a ballot box names no voter and no time");
    let ballots: Vec<u8> =
        db.query_row("SELECT ballots FROM ballot_boxes WHERE amendment_id = ?1", [id], |row| row.get(0)).expect("box");
    assert_eq!(ballots.len(), 3 * 33, "three ballots of a number and a choice each");
    let numbers: Vec<&[u8]> = ballots.chunks(33).map(|ballot| &ballot[..32]).collect();
    assert!(numbers.windows(2).all(|pair| pair[0] < pair[1]), "ballots in the order of their numbers, not of casting");
    // No ballot number appears anywhere else in the file.
    drop(db);
    let file = std::fs::read(server.dir.path().join("redraft.db")).expect("read");
    let wal = std::fs::read(server.dir.path().join("redraft.db-wal")).unwrap_or_default();
    for number in &numbers {
        let seen = |bytes: &[u8]| bytes.windows(32).filter(|window| window == number).count();
        assert!(seen(&file) + seen(&wal) >= 1, "the ballot is in the file");
    }
    let tables: Vec<String> = {
        let db = rusqlite::Connection::open(server.dir.path().join("redraft.db")).expect("open");
        let mut statement = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").expect("tables");
        statement.query_map([], |row| row.get(0)).expect("tables").collect::<Result<_, _>>().expect("tables")
    };
    let db = rusqlite::Connection::open(server.dir.path().join("redraft.db")).expect("open");
    for table in tables.iter().filter(|table| *table != "ballot_boxes") {
        let mut statement = db.prepare(&format!("SELECT * FROM {table}")).expect("select");
        let width = statement.column_count();
        let mut rows = statement.query([]).expect("rows");
        while let Some(row) = rows.next().expect("row") {
            for column in 0..width {
                if let Ok(rusqlite::types::ValueRef::Blob(blob)) = row.get_ref(column) {
                    for number in &numbers {
                        assert!(!blob.windows(32).any(|window| window == *number), "a ballot number is in {table}");
                    }
                }
            }
        }
    }
    drop(db);
    // The tallies kept with the amendment are those its ballots count.
    let site = std::sync::Arc::clone(&server.site);
    let counted = tokio::task::spawn_blocking(move || {
        site.store.read(|tx| redraft::store::counted_tally(tx, id)).expect("count")
    })
    .await
    .expect("join");
    assert_eq!((counted.for_, counted.against, counted.abstain), (0, 1, 2));

    // A ballot key lifted from another member's token files nothing under their name: with
    // Chloé's key, the author's vote is the author's own.
    let chloe_key = chloe.token.as_deref().and_then(|token| token.split_once('.')).map(|(_, key)| key).expect("key");
    let author_secret = author.token.as_deref().and_then(|token| token.split_once('.')).map(|(secret, _)| secret);
    let forged = Api { token: author_secret.map(|secret| format!("{secret}.{chloe_key}")), ..author.clone() };
    let (status, answer) = vote(&forged, id, "for").await;
    assert_eq!((status, code(&answer)), (StatusCode::CONFLICT, Some("ballot_sealed")), "{answer}");
    let (_, answer) = vote(&chloe, id, "against").await;
    assert_eq!(answer, json!({ "for": 0, "against": 1, "abstain": 2, "mine": "against" }), "Chloé's vote moved");

    // Drafters cannot open votes once cast, nor close open ones.
    let settings = format!("/api/v1/texts/{slug}/settings");
    let (status, answer) = drafter.put(&settings, &json!({ "votes": "open" })).await;
    assert_eq!((status, code(&answer)), (StatusCode::CONFLICT, Some("votes_cast")), "{answer}");
    let (status, answer) = drafter.put(&settings, &json!({ "votes": "public" })).await;
    assert_eq!((status, code(&answer)), (StatusCode::BAD_REQUEST, Some("bad_request")), "{answer}");

    // Votes close with the consultation, and on amendments no longer open.
    let other = author.propose(&slug, 1, 3, 1, &["La fin."]).await;
    drafter.accept(other).await;
    let (status, answer) = vote(&bea, other, "for").await;
    assert_eq!((status, code(&answer)), (StatusCode::CONFLICT, Some("invalid_state")), "{answer}");
    let (status, _) = drafter.put(&format!("/api/v1/texts/{slug}/phase"), &json!({ "phase": "review" })).await;
    assert_eq!(status, StatusCode::OK);
    let (status, answer) = vote(&bea, id, "for").await;
    assert_eq!((status, code(&answer)), (StatusCode::CONFLICT, Some("phase_closed")), "{answer}");
    let (_, amendment) = server.api().get(&format!("/api/v1/amendments/{id}")).await;
    assert_eq!(amendment["votes"], json!({ "for": 0, "against": 1, "abstain": 2 }), "refusals changed the tally");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_votes_show_each_voter_and_members_only_texts_hide_their_votes() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let bea = server.api_as("bea", Role::Member).await;
    let slug = drafter.publish("programme", &["# Santé", "Un hôpital par département."]).await;
    let (status, text) = drafter.put(&format!("/api/v1/texts/{slug}/settings"), &json!({ "votes": "open" })).await;
    assert_eq!((status, &text["votes"]), (StatusCode::OK, &json!("open")), "{text}");
    let id = bea.propose(&slug, 1, 2, 1, &["Deux hôpitaux par département."]).await;
    let (status, answer) = vote(&bea, id, "for").await;
    assert_eq!((status, &answer["for"]), (StatusCode::OK, &json!(1)), "{answer}");
    let db = rusqlite::Connection::open(server.dir.path().join("redraft.db")).expect("open");
    let (ballots, choice): (i64, String) = db
        .query_row("SELECT (SELECT count(*) FROM ballot_boxes), (SELECT choice FROM voters)", [], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .unwrap();
    assert_eq!((ballots, choice.as_str()), (0, "for"), "an open vote is kept with its voter");
    drop(db);

    // The amendment page names the voter on an open text.
    let (status, page) = server.browser().get(&format!("/amendments/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("bea"), "{page}");

    // A members-only text's amendments answer 404 to a vote from outside.
    let hidden = drafter
        .post(
            "/api/v1/texts",
            &json!({ "slug": "interne", "title": "Interne", "body": "Un.\nDeux.", "visibility": "members" }),
        )
        .await;
    assert_eq!(hidden.0, StatusCode::CREATED, "{}", hidden.1);
    let inner = bea.propose("interne", 1, 1, 1, &["Premier."]).await;
    let (status, answer) = vote(&server.api(), inner, "for").await;
    assert_eq!((status, code(&answer)), (StatusCode::UNAUTHORIZED, Some("unauthenticated")), "{answer}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_votes_from_the_amendment_page_without_javascript() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let author = server.api_as("auteur", Role::Member).await;
    let slug = drafter.publish("programme", &["# Santé", "Un hôpital par département."]).await;
    let id = author.propose(&slug, 1, 2, 1, &["Un hôpital public par département."]).await;
    let browser = server.browser_as("bea", Role::Member).await;
    let path = format!("/amendments/{id}");
    let (_, page) = browser.get(&path).await;
    assert!(page.contains(&format!("action=\"/amendments/{id}/vote\"")), "no vote form: {page}");
    let csrf = csrf_in(&page).expect("csrf");
    let (status, location, _) = browser
        .post_form(&format!("/amendments/{id}/vote"), &[("csrf", &csrf), ("vote", "for"), ("version", "1")])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location, Some(format!("{path}?done=voted")));
    let (_, page) = browser.get(&path).await;
    assert!(page.contains("Votre vote : pour"), "the member's own vote is shown to them: {page}");
    // The page shows the tallies to anyone, and their vote to no one else.
    let (_, public) = server.browser().get(&path).await;
    assert!(public.contains("1 pour") && !public.contains("Votre vote"), "{public}");
    let (_, answer) = server.api().get(&format!("/api/v1/amendments/{id}")).await;
    assert_eq!(answer["votes"]["for"], 1);
    // The same vote from the API, with a token issued by password, is the same ballot.
    let bea = another_token(&server, "bea").await;
    let (_, answer) = vote(&bea, id, "against").await;
    assert_eq!(answer, json!({ "for": 0, "against": 1, "abstain": 0, "mine": "against" }));
    let (_, page) = browser.get(&path).await;
    assert!(page.contains("Votre vote : contre"), "{page}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_review_desk_shows_tallies_and_sorts_by_line_co_signers_or_votes() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let (author, bea, chloe) = (
        server.api_as("auteur", Role::Member).await,
        server.api_as("bea", Role::Member).await,
        server.api_as("chloe", Role::Member).await,
    );
    let slug = drafter.publish("programme", &["# Santé", "Un.", "Deux.", "Trois."]).await;
    let first = author.propose(&slug, 1, 2, 1, &["Un, modifié."]).await;
    let second = author.propose(&slug, 1, 3, 1, &["Deux, modifié."]).await;
    let third = author.propose(&slug, 1, 4, 1, &["Trois, modifié."]).await;
    // The third is the most approved, the second the most co-signed.
    for (api, id, choice) in
        [(&bea, third, "for"), (&chloe, third, "for"), (&bea, first, "against"), (&chloe, second, "for")]
    {
        assert_eq!(vote(api, id, choice).await.0, StatusCode::OK);
    }
    for api in [&bea, &chloe] {
        let (status, _) = api.post(&format!("/api/v1/amendments/{second}/support"), &json!({})).await;
        assert_eq!(status, StatusCode::OK);
    }
    let desk = server.browser_as("relecture", Role::Drafter).await;
    let order = |page: &str| -> Vec<usize> {
        ["PROG-1", "PROG-2", "PROG-3"]
            .iter()
            .map(|reference| page.find(&format!(">{reference}<")).unwrap_or(usize::MAX))
            .collect()
    };
    let (status, page) = desk.get(&format!("/texts/{slug}/review")).await;
    assert_eq!(status, StatusCode::OK);
    let at = order(&page);
    assert!(at[0] < at[1] && at[1] < at[2], "by line: {at:?}");
    assert!(page.contains("2 pour (100 %)"), "the tallies are on the desk: {page}");
    let (_, page) = desk.get(&format!("/texts/{slug}/review?sort=votes")).await;
    let at = order(&page);
    assert!(at[2] < at[1] && at[1] < at[0], "by votes: {at:?}");
    let (_, page) = desk.get(&format!("/texts/{slug}/review?sort=co-signers")).await;
    let at = order(&page);
    assert!(at[1] < at[0] && at[1] < at[2], "by co-signers: {at:?}");
    assert!(page.contains("<option value=\"co-signers\" selected>"), "the order chosen stays chosen");
    let (status, _) = desk.get(&format!("/texts/{slug}/review?sort=loudest")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    server.stop().await;
}
