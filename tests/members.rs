//! Members as admins manage them, over HTTP: adding with an invitation link, setting a
//! password through it, roles, deactivation (sessions and tokens stop at once), CSV
//! imports checked whole, expiry of invitations.

mod common;

use common::{TestServer, csrf_in};
use redraft::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn code(answer: &Value) -> Option<&str> {
    answer["error"]["code"].as_str()
}

/// Sets a password through an invitation's page, as a browser does; the new session's client.
async fn accept(server: &TestServer, path: &str, password: &str) -> common::Browser {
    let browser = server.browser();
    let (status, page) = browser.get(path).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let csrf = csrf_in(&page).expect("csrf");
    let (status, location, page) =
        browser.post_form(path, &[("csrf", &csrf), ("password", password), ("again", password)]).await;
    assert_eq!((status, location.as_deref()), (StatusCode::SEE_OTHER, Some("/")), "{page}");
    browser
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_adds_a_member_who_sets_a_password_and_can_be_deactivated() {
    let server = TestServer::start().await;
    let admin = server.api_as("admin", Role::Admin).await;
    let member = server.api_as("bea", Role::Member).await;

    // Only admins manage members.
    let (status, refused) = member.get("/api/v1/members").await;
    assert_eq!((status, code(&refused)), (StatusCode::FORBIDDEN, Some("forbidden")));
    let new = json!({ "login": "camille", "name": "Camille M.", "email": "camille@exemple.fr" });
    let (status, _) = member.post("/api/v1/members", &new).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, added) = admin.post("/api/v1/members", &new).await;
    assert_eq!(status, StatusCode::CREATED, "{added}");
    assert_eq!((&added["member"]["role"], &added["member"]["has_password"]), (&json!("member"), &json!(false)));
    let path = added["invitation"]["path"].as_str().expect("a link").to_owned();
    assert!(path.starts_with("/invitations/"), "{path}");
    let (status, taken) = admin.post("/api/v1/members", &json!({ "login": "CAMILLE", "name": "Autre" })).await;
    assert_eq!((status, code(&taken)), (StatusCode::CONFLICT, Some("login_taken")), "{taken}");
    let (status, bad) = admin.post("/api/v1/members", &json!({ "login": "x y", "name": "X", "email": "x@" })).await;
    assert_eq!((status, code(&bad)), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_field")), "{bad}");

    // Invited, no password yet: logging in is refused like a wrong password.
    let (status, _) = server.api().post("/api/v1/tokens", &json!({ "login": "camille", "password": "" })).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // The passwords must match and be long enough; the link works once.
    let browser = server.browser();
    let (_, page) = browser.get(&path).await;
    assert!(page.contains("Camille M."), "{page}");
    let csrf = csrf_in(&page).expect("csrf");
    let (status, _, page) =
        browser.post_form(&path, &[("csrf", &csrf), ("password", "un mot de passe"), ("again", "un autre")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    let camille = accept(&server, &path, "un mot de passe").await;
    let (status, home) = camille.get("/").await;
    assert!(status == StatusCode::OK && home.contains("Camille M."), "{home}");
    let (status, _) = server.browser().get(&path).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a link works once");
    let (status, token) =
        server.api().post("/api/v1/tokens", &json!({ "login": "camille", "password": "un mot de passe" })).await;
    assert_eq!(status, StatusCode::CREATED, "{token}");
    let camille_api = common::Api { token: token["token"].as_str().map(str::to_owned), ..server.api() };
    let (status, _) = camille_api.get("/api/v1/tokens").await;
    assert_eq!(status, StatusCode::OK);

    // A role changes; deactivating stops her session and token at once, and logging in
    // says why.
    let (status, changed) =
        admin.send(admin.client.patch(server.url("/api/v1/members/camille")).json(&json!({ "role": "drafter" }))).await;
    assert_eq!((status, &changed["role"]), (StatusCode::OK, &json!("drafter")), "{changed}");
    let (status, changed) =
        admin.send(admin.client.patch(server.url("/api/v1/members/camille")).json(&json!({ "active": false }))).await;
    assert_eq!((status, &changed["active"]), (StatusCode::OK, &json!(false)), "{changed}");
    let (status, _) = camille_api.get("/api/v1/tokens").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the token stopped");
    let (_, home) = camille.get("/").await;
    assert!(!home.contains("Camille M."), "the session stopped: {home}");
    let (status, refused) =
        server.api().post("/api/v1/tokens", &json!({ "login": "camille", "password": "un mot de passe" })).await;
    assert_eq!((status, code(&refused)), (StatusCode::CONFLICT, Some("account_deactivated")), "{refused}");
    let (status, refused) = admin.post("/api/v1/members/camille/invitation", &json!({})).await;
    assert_eq!((status, code(&refused)), (StatusCode::CONFLICT, Some("member_inactive")), "{refused}");

    // Reactivated, she gets a new link, which is also how a forgotten password is reset.
    let (status, _) =
        admin.send(admin.client.patch(server.url("/api/v1/members/camille")).json(&json!({ "active": true }))).await;
    assert_eq!(status, StatusCode::OK);
    let (status, invited) = admin.post("/api/v1/members/camille/invitation", &json!({})).await;
    assert_eq!(status, StatusCode::CREATED, "{invited}");
    accept(&server, invited["invitation"]["path"].as_str().expect("link"), "un nouveau mot de passe").await;
    let (status, _) = server
        .api()
        .post("/api/v1/tokens", &json!({ "login": "camille", "password": "un nouveau mot de passe" }))
        .await;
    assert_eq!(status, StatusCode::CREATED);

    // The last active admin stays one.
    let (status, refused) =
        admin.send(admin.client.patch(server.url("/api/v1/members/admin")).json(&json!({ "role": "member" }))).await;
    assert_eq!((status, code(&refused)), (StatusCode::CONFLICT, Some("last_admin")), "{refused}");
    let (status, refused) =
        admin.send(admin.client.patch(server.url("/api/v1/members/admin")).json(&json!({ "active": false }))).await;
    assert_eq!((status, code(&refused)), (StatusCode::CONFLICT, Some("last_admin")), "{refused}");
    let (status, _) = admin.send(admin.client.patch(server.url("/api/v1/members/nobody")).json(&json!({}))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_checks_every_row_and_imports_all_or_nothing() {
    let server = TestServer::start().await;
    let admin = server.api_as("admin", Role::Admin).await;
    server.user("bea", Role::Member).await;
    let import = |file: &str| admin.post_raw("/api/v1/members/import", "text/csv", file.as_bytes().to_vec());

    let bad = "login,name,email,role\n\
               camille,Camille,camille@exemple.fr,member\n\
               yanis,Yanis,yanis@,member\n\
               lea,Léa,,chef\n\
               BEA,Béatrice,,\n\
               camille,Encore,,\n";
    let (status, refused) = import(bad).await;
    assert_eq!((status, code(&refused)), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_rows")), "{refused}");
    let lines: Vec<u64> = refused["error"]["details"]["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|row| row["line"].as_u64())
        .collect();
    assert_eq!(lines, [3, 4, 6], "{refused}");
    // The login already taken is found once the file itself is right.
    let (status, refused) = import("camille,Camille\nBEA,Béatrice\n").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(refused["error"]["details"]["rows"][0]["line"], 2, "{refused}");
    let (_, list) = admin.get("/api/v1/members").await;
    assert_eq!(list.as_array().map(Vec::len), Some(2), "nothing imported: {list}");

    let good = "identifiant;nom;courriel;rôle\ncamille;\"Martin; Camille\";camille@exemple.fr;membre\nsacha;Sacha;;rédaction\n";
    let (status, imported) = import(good).await;
    assert_eq!(status, StatusCode::CREATED, "{imported}");
    let imported = imported.as_array().expect("imported");
    assert_eq!(imported.len(), 2);
    assert_eq!(
        (&imported[0]["member"]["name"], &imported[1]["member"]["role"]),
        (&json!("Martin; Camille"), &json!("drafter"))
    );
    let (status, empty) = import("login,name\n").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{empty}");

    // An invitation expires: its page says so.
    let path = imported[1]["invitation"]["path"].as_str().expect("link").to_owned();
    let db = rusqlite::Connection::open(server.dir.path().join("redraft.db")).expect("open");
    db.execute("UPDATE invitations SET expires_at = 1", []).expect("expire");
    let (status, page) = server.browser().get(&path).await;
    assert_eq!(status, StatusCode::CONFLICT, "{page}");
    assert!(page.contains("expiré"), "{page}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_members_page_adds_imports_and_deactivates_without_javascript() {
    let server = TestServer::start().await;
    let browser = server.browser_as("admin", Role::Admin).await;
    let (status, page) = browser.get("/admin").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let csrf = csrf_in(&page).expect("csrf");
    let (status, _, page) = browser
        .post_form(
            "/admin/members",
            &[("csrf", &csrf), ("member_login", "nour"), ("name", "Nour"), ("role", "drafter")],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("/invitations/"), "the link is shown: {page}");
    // A list with a bad row comes back, filled, with the row named.
    let list = "lea,Léa\nbad login,X\n";
    let (status, _, page) = browser.post_form("/admin/members/import", &[("csrf", &csrf), ("list", list)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("Ligne 2") && page.contains("bad login,X"), "{page}");
    let (status, location, _) = browser.post_form("/admin/members/nour", &[("csrf", &csrf), ("active", "false")]).await;
    assert_eq!((status, location.as_deref()), (StatusCode::SEE_OTHER, Some("/admin?done=changed#member-nour")));
    let (_, page) = browser.get("/admin").await;
    assert!(page.contains("désactivé"), "{page}");
    // A search narrows the accounts shown; a page past the last shows the last.
    let (_, found) = browser.get("/admin?q=NOU&page=9").await;
    assert!(found.contains("id=\"member-nour\"") && !found.contains("id=\"member-admin\""), "{found}");
    // Members do not see the page.
    let member = server.browser_as("bea", Role::Member).await;
    let (status, _) = member.get("/admin").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_changes_password_keeps_their_secret_vote_downloads_their_data_and_leaves() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let author = server.api_as("auteur", Role::Member).await;
    let bea = server.browser_as("bea", Role::Member).await;
    let bea_api = {
        let (_, token) =
            server.api().post("/api/v1/tokens", &json!({ "login": "bea", "password": common::PASSWORD })).await;
        common::Api { token: token["token"].as_str().map(str::to_owned), ..server.api() }
    };
    let slug = drafter.publish("programme", &["# Santé", "Un hôpital par département.", "Fin."]).await;
    let id = author.propose(&slug, 1, 2, 1, &["Un hôpital public par département."]).await;
    let vote = |api: &common::Api, choice: &'static str| {
        let api = api.clone();
        async move { api.put(&format!("/api/v1/amendments/{id}/vote"), &json!({ "vote": choice })).await }
    };
    let (status, _) = vote(&bea_api, "for").await;
    assert_eq!(status, StatusCode::OK);
    let closes_at = redraft::i18n::rfc3339(redraft::store::now() + 86_400);
    let asked = json!({ "prompt": "Chiffrer ?", "choices": ["Oui", "Non"], "closes_at": closes_at });
    let (_, question) = drafter.post(&format!("/api/v1/texts/{slug}/questions"), &asked).await;
    let question = question["id"].as_i64().expect("a question");
    let (status, _) = bea_api.put(&format!("/api/v1/questions/{question}/answer"), &json!({ "choice": 1 })).await;
    assert_eq!(status, StatusCode::OK);
    let (_, comment) =
        bea_api.post(&format!("/api/v1/texts/{slug}/comments"), &json!({ "body": "Mon avis.", "line": 2 })).await;
    let comment_id = comment["id"].as_i64().expect("a comment");
    let (status, _) =
        drafter.post(&format!("/api/v1/comments/{comment_id}/hide"), &json!({ "reason": "Hors sujet." })).await;
    assert_eq!(status, StatusCode::OK);

    // A wrong current password or two different new ones change nothing.
    let csrf = bea.csrf("/account").await;
    let (status, _, page) = bea
        .post_form(
            "/account/password",
            &[
                ("csrf", &csrf),
                ("current", "faux mot de passe"),
                ("new", "un autre mot de passe"),
                ("again", "un autre mot de passe"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{page}");
    let (status, location, page) = bea
        .post_form(
            "/account/password",
            &[
                ("csrf", &csrf),
                ("current", common::PASSWORD),
                ("new", "un autre mot de passe"),
                ("again", "un autre mot de passe"),
            ],
        )
        .await;
    assert_eq!((status, location.as_deref()), (StatusCode::SEE_OTHER, Some("/account?done=password")), "{page}");
    let (status, page) = bea.get("/account?done=password").await;
    assert!(status == StatusCode::OK && page.contains("mot de passe a été changé"), "{page}");

    // Her tokens went with the former password (they carried its ballot key).
    let (status, _) = bea_api.get("/api/v1/me").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // The secret vote follows the new password: still hers to read and change.
    let (status, token) =
        server.api().post("/api/v1/tokens", &json!({ "login": "bea", "password": "un autre mot de passe" })).await;
    assert_eq!(status, StatusCode::CREATED, "{token}");
    let renewed = common::Api { token: token["token"].as_str().map(str::to_owned), ..server.api() };
    let (_, detail) = renewed.get(&format!("/api/v1/amendments/{id}")).await;
    assert_eq!(detail["my_vote"], "for", "{detail}");
    let (_, asked) = renewed.get(&format!("/api/v1/questions/{question}")).await;
    assert_eq!(asked["mine"], 1, "the answer moved with the key too: {asked}");
    let (status, answer) = vote(&renewed, "against").await;
    assert_eq!(
        (status, &answer),
        (StatusCode::OK, &json!({ "for": 0, "against": 1, "abstain": 0, "mine": "against" }))
    );

    // Her data: the account, the hidden comment without its words, the secret vote
    // without its choice; the same file from her account page.
    let (status, data) = renewed.get("/api/v1/me/export").await;
    assert_eq!(status, StatusCode::OK, "{data}");
    assert_eq!(data["account"]["login"], "bea");
    assert_eq!(
        (&data["comments"][0]["body"], &data["comments"][0]["hidden_reason"]),
        (&Value::Null, &json!("Hors sujet."))
    );
    assert_eq!((&data["votes"][0]["amendment"], &data["votes"][0]["vote"]), (&json!(id), &Value::Null), "{data}");
    assert!(!data.to_string().contains("Mon avis."), "{data}");
    assert_eq!(data["questions_answered"], json!([question]), "{data}");
    let (status, file) = bea.get("/account/data.json").await;
    assert!(status == StatusCode::OK && file.contains("\"login\": \"bea\""), "{file}");
    let (_, me) = renewed.get("/api/v1/me").await;
    assert_eq!(me["name"], "bea");

    // The author deletes their account: their amendment stays, from a former member, in
    // the lists already cached too.
    let (_, list) = server.browser().get(&format!("/texts/{slug}/amendments")).await;
    assert!(list.contains("par auteur"), "{list}");
    let (status, deleted) = author.delete("/api/v1/me").await;
    assert_eq!((status, &deleted), (StatusCode::OK, &json!({ "deleted": true })));
    let (status, _) = author.get("/api/v1/me").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the token went with the account");
    let (_, amendment) = server.api().get(&format!("/api/v1/amendments/{id}")).await;
    assert_eq!(amendment["author_name"], "", "{amendment}");
    let (_, page) = server.browser().get(&format!("/amendments/{id}")).await;
    assert!(page.contains("ancien membre"), "{page}");
    let (_, list) = server.browser().get(&format!("/texts/{slug}/amendments")).await;
    assert!(list.contains("par ancien membre") && !list.contains("par auteur"), "{list}");
    let (status, _) =
        server.api().post("/api/v1/tokens", &json!({ "login": "auteur", "password": common::PASSWORD })).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // The last admin stays.
    let admin = server.api_as("admin", Role::Admin).await;
    let (status, refused) = admin.delete("/api/v1/me").await;
    assert_eq!((status, code(&refused)), (StatusCode::CONFLICT, Some("last_admin")), "{refused}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn self_registration_is_closed_until_an_admin_opens_it() {
    let server = TestServer::start().await;
    let admin = server.browser_as("admin", Role::Admin).await;
    let visitor = server.browser();
    let (status, _) = visitor.get("/register").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "closed by default");
    let (_, login) = visitor.get("/login").await;
    assert!(!login.contains("href=\"/register\""), "{login}");

    let csrf = admin.csrf("/admin").await;
    let (status, _, _) = admin.post_form("/admin/registration", &[("csrf", &csrf), ("open", "true")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, login) = visitor.get("/login").await;
    assert!(login.contains("href=\"/register\""), "{login}");
    let (status, page) = visitor.get("/register").await;
    assert_eq!(status, StatusCode::OK);
    let csrf = csrf_in(&page).expect("csrf");
    let fields = |login: &'static str| {
        [
            ("member_login", login),
            ("name", "Dominique"),
            ("email", ""),
            ("password", "un mot de passe"),
            ("again", "un mot de passe"),
        ]
    };
    let mut taken = fields("admin").to_vec();
    taken.push(("csrf", &csrf));
    let (status, _, page) = visitor.post_form("/register", &taken).await;
    assert_eq!(status, StatusCode::CONFLICT, "{page}");
    assert!(page.contains("Dominique"), "the form comes back filled: {page}");
    let mut good = fields("dominique").to_vec();
    good.push(("csrf", &csrf));
    let (status, location, page) = visitor.post_form("/register", &good).await;
    assert_eq!((status, location.as_deref()), (StatusCode::SEE_OTHER, Some("/")), "{page}");
    let (_, home) = visitor.get("/").await;
    assert!(home.contains("Dominique"), "logged in: {home}");
    let (status, token) =
        server.api().post("/api/v1/tokens", &json!({ "login": "dominique", "password": "un mot de passe" })).await;
    assert_eq!(status, StatusCode::CREATED, "{token}");

    let csrf = admin.csrf("/admin").await;
    admin.post_form("/admin/registration", &[("csrf", &csrf), ("open", "false")]).await;
    let (status, _) = server.browser().get("/register").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    server.stop().await;
}
