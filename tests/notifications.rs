//! Notifications over HTTP, with a real SMTP server on loopback: each kind reaches the app
//! and the mailbox once; switches, the daily digest and the signed unsubscribe links work;
//! an SMTP outage and a restart of Redraft lose no email and send none twice; a slow SMTP
//! server holds up no request, and an email refused for good is given up without holding up
//! the others; a merge notifies every author; the pages (bell, list, settings, following)
//! work without script.

mod common;

use std::time::Duration;

use common::smtp::{Mode, Received, SmtpServer};
use common::{Api, PASSWORD, TestServer};
use redraft::domain::Role;
use redraft::mail::MailConfig;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn mail_to(smtp: &SmtpServer) -> MailConfig {
    MailConfig {
        smtp_url: Some(smtp.url()),
        from: "Redraft <redraft@parti.example>".to_owned(),
        first_retry: Duration::from_secs(1),
        poll: Duration::from_millis(100),
        ..MailConfig::default()
    }
}

/// An amendment's reference (`CLIM-2`).
async fn reference(api: &Api, id: i64) -> String {
    let (_, amendment) = api.get(&format!("/api/v1/amendments/{id}")).await;
    amendment["reference"].as_str().expect("reference").to_owned()
}

fn kinds(list: &[Value]) -> Vec<(String, String)> {
    let mut kinds: Vec<(String, String)> = list
        .iter()
        .map(|n| (n["kind"].as_str().unwrap_or("").to_owned(), n["message"].as_str().unwrap_or("").to_owned()))
        .collect();
    kinds.sort();
    kinds
}

fn to(messages: &[Received], address: &str) -> Vec<Received> {
    messages.iter().filter(|m| m.to.iter().any(|to| to == address)).cloned().collect()
}

/// The first link in an email's body that starts with `prefix`.
fn link_in(body: &str, prefix: &str) -> String {
    let start = body.find(prefix).unwrap_or_else(|| panic!("no {prefix} in {body}"));
    body[start..].split_whitespace().next().unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_kind_reaches_the_app_and_the_mailbox_once() {
    let smtp = SmtpServer::start().await;
    let server = TestServer::with_mail(mail_to(&smtp)).await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let alice = server.api_with_email("alice", Role::Member, "alice@parti.example").await;
    let bob = server.api_with_email("bob", Role::Member, "bob@parti.example").await;
    let slug = drafter.publish("climat", &["# Climat", "Neutralité en 2050.", "Cent éoliennes.", "Fin."]).await;

    let accepted = alice.propose(&slug, 1, 2, 1, &["Neutralité en 2040."]).await;
    let rejected = alice.propose(&slug, 1, 4, 1, &["Fin du chapitre."]).await;
    let reworded = alice.propose(&slug, 1, 3, 1, &["Deux cents éoliennes."]).await;
    let (status, answer) = bob.post(&format!("/api/v1/amendments/{reworded}/support"), &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    // A reply to Alice's comment; Alice rewords what Bob co-signed.
    let (status, comment) =
        alice.post(&format!("/api/v1/texts/{slug}/comments"), &json!({ "body": "Trop timide ?" })).await;
    assert_eq!(status, StatusCode::CREATED, "{comment}");
    let (status, answer) =
        bob.post(&format!("/api/v1/texts/{slug}/comments"), &json!({ "body": "Non.", "parent": comment["id"] })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let edit =
        json!({ "base": 1, "start": 3, "count": 1, "new_lines": ["Trois cents éoliennes."], "rationale": "Plus." });
    let (status, answer) = alice.put(&format!("/api/v1/amendments/{reworded}"), &edit).await;
    assert_eq!(status, StatusCode::OK, "{answer}");

    // Decisions, a merge (a new revision of a text both follow), an edit that outdates,
    // a phase change and a deadline a few hours away.
    drafter.accept(accepted).await;
    let (status, answer) = drafter
        .post(&format!("/api/v1/amendments/{rejected}/decision"), &json!({ "decision": "reject", "note": "Non." }))
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let (status, answer) =
        drafter.post(&format!("/api/v1/texts/{slug}/merge"), &json!({ "base": 1, "amendments": [accepted] })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let body = "# Climat\nNeutralité en 2040.\nMille éoliennes.\nFin.";
    let (status, answer) = drafter.put(&format!("/api/v1/texts/{slug}"), &json!({ "base": 2, "body": body })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let deadline = redraft::time::rfc3339(redraft::store::now() + 3 * 3600);
    let (status, answer) = drafter
        .put(&format!("/api/v1/texts/{slug}/phase"), &json!({ "phase": "consultation", "deadline": deadline }))
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");

    let alices = alice.notifications_when(|list| list.len() >= 8).await;
    let (accepted_ref, rejected_ref, reworded_ref) =
        (reference(&alice, accepted).await, reference(&alice, rejected).await, reference(&alice, reworded).await);
    let got = kinds(&alices);
    // Revision 2 merged Alice's amendment: she hears of it once, as a decision.
    let expected_kinds = ["decision", "decision", "decision", "outdated", "phase", "phase", "reply", "revision"];
    assert_eq!(got.iter().map(|(kind, _)| kind.as_str()).collect::<Vec<_>>(), expected_kinds, "{got:#?}");
    let messages: Vec<&str> = got.iter().map(|(_, message)| message.as_str()).collect();
    for expected in [
        format!("{accepted_ref} a été accepté."),
        format!("{rejected_ref} a été rejeté : Non."),
        format!("{accepted_ref} a été adopté : intégré à la révision 2."),
        format!("{reworded_ref} est dépassé : le texte a changé à cet endroit. Réancrez-le."),
        "bob a répondu à votre commentaire.".to_owned(),
        "Nouvelle révision 3 du texte.".to_owned(),
        "Le texte passe à une nouvelle phase : consultation (amendements ouverts).".to_owned(),
    ] {
        assert!(messages.contains(&expected.as_str()), "{expected:?} in {messages:#?}");
    }
    assert!(messages.iter().any(|m| m.starts_with("La consultation se termine le ")), "{messages:#?}");
    let bobs = bob.notifications_when(|list| list.iter().any(|n| n["kind"] == "reconfirm")).await;
    let reconfirm = bobs.iter().find(|n| n["kind"] == "reconfirm").expect("reconfirm");
    assert_eq!(reconfirm["link"], format!("/amendments/{reworded}"));
    assert_eq!(
        reconfirm["message"],
        format!("{reworded_ref}, que vous avez co-signé, a été reformulé : confirmez votre co-signature.")
    );
    // Two revisions Bob has not read yet make one notice, its diff spanning both.
    let revisions: Vec<&Value> = bobs.iter().filter(|n| n["kind"] == "revision").collect();
    assert_eq!(revisions.len(), 1, "{bobs:#?}");
    assert_eq!(revisions[0]["message"], "Nouvelle révision 3 du texte.");
    assert_eq!(revisions[0]["link"], format!("/texts/{slug}/diff/1..3"));
    let (_, drafters) = drafter.get("/api/v1/notifications").await;
    assert_eq!(drafters["notifications"], json!([]), "nobody is told of their own acts");

    // One email per notification, each once, saying what the app says.
    smtp.wait_for(alices.len() + bobs.len(), Duration::from_secs(15)).await;
    let mailbox = smtp.settle(Duration::from_millis(800)).await;
    let alice_mail = to(&mailbox, "alice@parti.example");
    assert_eq!(alice_mail.len(), alices.len(), "{:#?}", alice_mail.iter().map(Received::subject).collect::<Vec<_>>());
    let mut subjects: Vec<String> = alice_mail.iter().map(Received::subject).collect();
    subjects.sort();
    let mut headlines: Vec<String> =
        alices.iter().map(|n| n["headline"].as_str().unwrap_or_default().to_owned()).collect();
    headlines.sort();
    assert_eq!(subjects, headlines);
    let mut ids: Vec<String> = mailbox.iter().filter_map(|m| m.header("Message-ID")).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), mailbox.len(), "each email once");
    let merged = alice_mail.iter().find(|m| m.subject().contains("adopté")).expect("merge email");
    assert_eq!(merged.from, "redraft@parti.example");
    let body = merged.body_text();
    assert!(body.starts_with("Bonjour alice,"), "{body}");
    assert!(body.contains(&format!("{}/amendments/{accepted}", server.url(""))), "{body}");
    let unsubscribe = merged.header("List-Unsubscribe").expect("List-Unsubscribe");
    assert!(unsubscribe.starts_with(&format!("<{}/unsubscribe?", server.url(""))), "{unsubscribe}");
    assert_eq!(merged.header("List-Unsubscribe-Post").as_deref(), Some("List-Unsubscribe=One-Click"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switches_digests_and_signed_unsubscribe_links() {
    let smtp = SmtpServer::start().await;
    let server = TestServer::with_mail(MailConfig { digest_every: Duration::from_secs(3), ..mail_to(&smtp) }).await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let alice = server.api_with_email("alice", Role::Member, "alice@parti.example").await;
    let bob = server.api_with_email("bob", Role::Member, "bob@parti.example").await;
    let slug = drafter.publish("ecole", &["# École", "Une école par canton.", "Des cantines bio.", "Fin."]).await;

    // Alice keeps decisions in the app only; Bob takes one digest a day, in English.
    let (status, settings) = alice
        .put("/api/v1/me/notifications", &json!({ "switches": { "decision": { "app": true, "email": false } } }))
        .await;
    assert_eq!(status, StatusCode::OK, "{settings}");
    assert_eq!(settings["switches"]["decision"], json!({ "app": true, "email": false }));
    assert_eq!(settings["switches"]["reply"], json!({ "app": true, "email": true }));
    assert_eq!(settings["emailing"], true);
    let (status, settings) = bob.put("/api/v1/me/notifications", &json!({ "digest": true, "language": "en" })).await;
    assert_eq!(status, StatusCode::OK, "{settings}");
    assert_eq!((&settings["digest"], &settings["language"]), (&json!(true), &json!("en")));
    let (status, refused) = bob.put("/api/v1/me/notifications", &json!({ "switches": { "votes": {} } })).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
    let (status, refused) = bob.put("/api/v1/me/notifications", &json!({ "language": "de" })).await;
    assert!(status.is_client_error(), "{refused}");

    let first = alice.propose(&slug, 1, 2, 1, &["Une école par commune."]).await;
    let second = bob.propose(&slug, 1, 3, 1, &["Des cantines bio et locales."]).await;
    let third = bob.propose(&slug, 1, 4, 1, &["Fin du texte."]).await;
    drafter.accept(first).await;
    drafter.accept(second).await;
    drafter.accept(third).await;
    let (status, answer) =
        bob.post(&format!("/api/v1/texts/{slug}/comments"), &json!({ "body": "Merci.", "amendment": first })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let (status, answer) = alice
        .post(&format!("/api/v1/texts/{slug}/comments"), &json!({ "body": "De rien.", "parent": answer["id"] }))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");

    alice.notifications_when(|list| list.iter().any(|n| n["kind"] == "decision")).await;
    bob.notifications_when(|list| list.iter().filter(|n| n["kind"] == "decision").count() == 2).await;
    // Bob's digest comes once his first notification has waited three seconds: one email.
    smtp.wait_for(2, Duration::from_secs(10)).await;
    let mailbox = smtp.settle(Duration::from_millis(1500)).await;
    let alices: Vec<String> = to(&mailbox, "alice@parti.example").iter().map(Received::subject).collect();
    assert_eq!(
        alices,
        [format!("Texte ecole : bob a commenté votre amendement {}.", reference(&alice, first).await)],
        "decisions stay in Alice's app; a comment on her amendment reaches her mailbox"
    );
    let bobs = to(&mailbox, "bob@parti.example");
    assert_eq!(bobs.len(), 1, "{:#?}", bobs.iter().map(Received::subject).collect::<Vec<_>>());
    let digest = &bobs[0];
    assert_eq!(digest.subject(), "Redraft: 3 notifications today");
    let body = digest.body_text();
    assert!(body.starts_with("Hello bob,"), "{body}");
    assert!(body.contains(&format!("{} was accepted.", reference(&bob, second).await)), "{body}");
    assert!(body.contains("alice replied to your comment."), "{body}");

    // Bob's unsubscribe link: a page that asks, then turns every email off; a link with
    // its signature changed is refused and changes nothing.
    let link = link_in(&body, &format!("{}/unsubscribe?", server.url("")));
    assert!(link.contains("what=all"), "{link}");
    let anonymous = server.browser();
    let forged = link.replace("signature=", "signature=0");
    let (status, _) = anonymous.get(forged.trim_start_matches(&server.url(""))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, page) = anonymous.get(link.trim_start_matches(&server.url(""))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("ne plus recevoir aucun courriel de Redraft ?"), "{page}");
    let (_, settings) = bob.get("/api/v1/me/notifications").await;
    assert_eq!(settings["switches"]["decision"]["email"], true, "opening the link changes nothing");
    // Mail software's one-click unsubscribe: a POST to the link, no session, no form token.
    let response = reqwest::Client::new()
        .post(&link)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .expect("one-click");
    assert_eq!(response.status(), StatusCode::OK);
    let (_, settings) = bob.get("/api/v1/me/notifications").await;
    for kind in ["decision", "outdated", "reconfirm", "reply", "revision", "phase"] {
        assert_eq!(settings["switches"][kind], json!({ "app": true, "email": false }), "{kind}");
    }
    let (status, answer) = drafter
        .post(&format!("/api/v1/texts/{slug}/merge"), &json!({ "base": 1, "amendments": [first, second, third] }))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    bob.notifications_when(|list| list.iter().any(|n| n["message"].as_str().is_some_and(|m| m.contains("adopté"))))
        .await;
    tokio::time::sleep(Duration::from_secs(4)).await;
    assert_eq!(to(&smtp.messages(), "bob@parti.example").len(), 1, "no email after unsubscribing");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_smtp_outage_and_a_restart_lose_no_email_and_send_none_twice() {
    let mut smtp = SmtpServer::start().await;
    let server = TestServer::with_mail(mail_to(&smtp)).await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let alice = server.api_with_email("alice", Role::Member, "alice@parti.example").await;
    let slug = drafter.publish("sante", &["# Santé", "Un hôpital.", "Deux écoles.", "Trois parcs.", "Fin."]).await;
    let ids = [
        alice.propose(&slug, 1, 2, 1, &["Un hôpital public."]).await,
        alice.propose(&slug, 1, 3, 1, &["Deux écoles publiques."]).await,
        alice.propose(&slug, 1, 4, 1, &["Trois parcs publics."]).await,
    ];

    // The mail server refuses for a while: the email waits and goes once it accepts.
    smtp.set_mode(Mode::RefuseTransient);
    drafter.accept(ids[0]).await;
    alice.notifications_when(|list| list.len() == 1).await;
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert!(smtp.messages().is_empty());
    smtp.set_mode(Mode::Accept);
    smtp.wait_for(1, Duration::from_secs(10)).await;

    // The mail server is down, and Redraft restarts meanwhile: nothing is lost.
    smtp.stop().await;
    drafter.accept(ids[1]).await;
    drafter.accept(ids[2]).await;
    alice.notifications_when(|list| list.len() == 3).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let server = server.restart().await;
    let smtp = smtp.restart().await;
    let mailbox = smtp.wait_for(3, Duration::from_secs(20)).await;
    assert_eq!(mailbox.len(), 3);
    let mailbox = smtp.settle(Duration::from_secs(2)).await;
    assert_eq!(mailbox.len(), 3, "each email once, restart included");
    let mut subjects: Vec<String> = mailbox.iter().map(Received::subject).collect();
    subjects.sort();
    let drafter = server.api_for("redaction").await;
    let mut expected = Vec::new();
    for id in ids {
        expected.push(format!("Texte sante : {} a été accepté.", reference(&drafter, id).await));
    }
    expected.sort();
    assert_eq!(subjects, expected);
    // And the restarted server notifies what happens next, once.
    let (status, _) =
        drafter.post(&format!("/api/v1/texts/{slug}/merge"), &json!({ "base": 1, "amendments": ids })).await;
    assert_eq!(status, StatusCode::CREATED);
    let alice = server.api_for("alice").await;
    // Three adoptions; the new revision is told by them, not again.
    alice.notifications_when(|list| list.len() == 6).await;
    smtp.wait_for(6, Duration::from_secs(10)).await;
    assert_eq!(smtp.settle(Duration::from_secs(1)).await.len(), 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_merge_notifies_every_author_and_the_pages_show_it() {
    let server = TestServer::with_mail(MailConfig { poll: Duration::from_millis(100), ..MailConfig::default() }).await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let lines: Vec<String> =
        std::iter::once("# Programme".to_owned()).chain((1..=40).map(|n| format!("Mesure {n}."))).collect();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let slug = drafter.publish("programme", &lines).await;
    let mut authors = Vec::new();
    let mut ids = Vec::new();
    for n in 1..=40u64 {
        let login = format!("membre{n}");
        let member = server.api_as(&login, Role::Member).await;
        let id = member.propose(&slug, 1, n + 1, 1, &[&format!("Mesure {n} renforcée.")]).await;
        drafter.accept(id).await;
        ids.push(id);
        authors.push(member);
    }
    let (status, answer) =
        drafter.post(&format!("/api/v1/texts/{slug}/merge"), &json!({ "base": 1, "amendments": ids })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    for (member, id) in authors.iter().zip(&ids) {
        // Accepted, then adopted: the new revision is not told again.
        let list = member.notifications_when(|list| list.len() == 2).await;
        let merged = list.iter().find(|n| n["message"].as_str().is_some_and(|m| m.contains("adopté"))).expect("merged");
        assert_eq!(merged["amendment"], *id);
        assert_eq!(merged["read"], false);
    }

    // In the browser: the bell counts, the list opens each notification where it leads
    // and marks it read, and everything can be marked read at once.
    let browser = server.browser();
    browser.log_in("membre1", PASSWORD).await;
    let (status, page) = browser.get(&format!("/texts/{slug}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Notifications (2 non lues)"), "the bell");
    assert!(page.contains("Ne plus suivre"), "proposing follows the text");
    let (_, list) = browser.get("/notifications").await;
    assert!(list.contains("Texte programme : PROG-1 a été adopté : intégré à la révision 2."), "{list}");
    let first = list.split("href=\"/notifications/").nth(1).and_then(|rest| rest.split('"').next()).expect("an item");
    let response = browser.get_response(&format!("/notifications/{first}")).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = browser.get(&format!("/texts/{slug}")).await;
    assert!(page.contains("Notifications (1 non lue)"), "opening marks it read");
    let csrf = browser.csrf("/notifications").await;
    let (status, location, _) = browser.post_form("/notifications/read", &[("csrf", &csrf), ("all", "1")]).await;
    assert_eq!((status, location.as_deref()), (StatusCode::SEE_OTHER, Some("/notifications")));
    let (_, list) = browser.get("/notifications").await;
    assert!(!list.contains("Non lue"), "{list}");
    let (status, _) = server.browser().get("/notifications").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "members only");
    let member2 = &authors[1];
    let (status, _) = member2.get(&format!("/notifications/{first}")).await;
    assert!(status.is_client_error(), "another member's notification is not found");

    // Settings: what is unticked is off; following can stop from the text or the settings.
    let csrf = browser.csrf("/account/notifications").await;
    let fields =
        [("csrf", csrf.as_str()), ("on", "decision.app"), ("on", "reply.email"), ("digest", "1"), ("language", "en")];
    let (status, location, _) = browser.post_form("/account/notifications", &fields).await;
    assert_eq!((status, location.as_deref()), (StatusCode::SEE_OTHER, Some("/account/notifications?done=saved")));
    let (_, page) = browser.get("/account/notifications?done=saved").await;
    assert!(page.contains("Réglages enregistrés."), "{page}");
    assert!(page.contains("Ce serveur n’envoie pas de courriels"), "no SMTP in this test");
    let member1 = &authors[0];
    let (_, settings) = member1.get("/api/v1/me/notifications").await;
    assert_eq!(settings["switches"]["decision"], json!({ "app": true, "email": false }));
    assert_eq!(settings["switches"]["reply"], json!({ "app": false, "email": true }));
    assert_eq!(settings["switches"]["revision"], json!({ "app": false, "email": false }));
    assert_eq!((&settings["digest"], &settings["language"]), (&json!(true), &json!("en")));
    assert_eq!(settings["following"], json!([slug]));
    let (status, location, _) =
        browser.post_form(&format!("/texts/{slug}/follow"), &[("csrf", &csrf), ("follow", "0")]).await;
    assert_eq!((status, location), (StatusCode::SEE_OTHER, Some(format!("/texts/{slug}"))));
    let (_, page) = browser.get(&format!("/texts/{slug}")).await;
    assert!(page.contains("Suivre ce texte"), "{page}");
    let (status, answer) = member1.put(&format!("/api/v1/texts/{slug}/follow"), &json!({})).await;
    assert_eq!((status, &answer["following"]), (StatusCode::OK, &json!(true)), "{answer}");
    let (status, _) = member1.put("/api/v1/texts/nulle-part/follow", &json!({})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = server.api().put(&format!("/api/v1/texts/{slug}/follow"), &json!({})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_text_shows_what_is_new_since_my_last_visit() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let bea = server.api_as("bea", Role::Member).await;
    let slug = drafter.publish("transport", &["# Transports", "Des trains.", "Des bus.", "Fin."]).await;
    let browser = server.browser_as("camille", Role::Member).await;

    // A first visit shows nothing new, and is remembered (after the page is answered).
    let (_, page) = browser.get(&format!("/texts/{slug}")).await;
    assert!(!page.contains("Depuis votre dernière visite"), "a first visit");
    let visited = || async {
        for _ in 0..100 {
            let (_, home) = browser.get("/").await;
            if !home.contains("Nouveau depuis votre visite") {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    };
    // No pause: what happens in the same second as the visit is still news.
    visited().await;

    // Meanwhile: an amendment, a comment, decisions and a merge by others; Camille's own
    // comment is not news to her.
    let id = bea.propose(&slug, 1, 2, 1, &["Des trains de nuit."]).await;
    let other = bea.propose(&slug, 1, 3, 1, &["Des bus électriques."]).await;
    let (status, _) = bea.post(&format!("/api/v1/texts/{slug}/comments"), &json!({ "body": "Enfin." })).await;
    assert_eq!(status, StatusCode::CREATED);
    drafter.accept(id).await;
    let (status, answer) =
        drafter.post(&format!("/api/v1/texts/{slug}/merge"), &json!({ "base": 1, "amendments": [id] })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let camille = server.api_for("camille").await;
    let (status, _) = camille.post(&format!("/api/v1/texts/{slug}/comments"), &json!({ "body": "Bien." })).await;
    assert_eq!(status, StatusCode::CREATED);

    let (_, home) = browser.get("/").await;
    assert!(
        home.contains(
            "Nouveau depuis votre visite : 1 nouvelle révision, 2 nouveaux amendements, 2 décisions, 1 commentaire"
        ),
        "{home}"
    );
    let (_, page) = browser.get(&format!("/texts/{slug}")).await;
    assert!(page.contains("Depuis votre dernière visite ("), "{page}");
    assert!(page.contains("1 nouvelle révision, 2 nouveaux amendements, 2 décisions, 1 commentaire."), "{page}");
    assert!(page.contains(&format!("href=\"/texts/{slug}/diff/1..2\"")), "a link to what changed");
    assert!(page.contains("Voir ce qui a changé dans le texte depuis la révision 1"));
    // And the text itself can show it: the paragraph the merge changed is highlighted, no
    // other, with a way back.
    assert!(page.contains(&format!("href=\"/texts/{slug}?since=1\"")), "a link to highlight the changes");
    let (status, highlighted) = browser.get(&format!("/texts/{slug}?since=1")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(highlighted.contains(r#"<li class="line since" id="l2">"#), "{highlighted}");
    assert_eq!(highlighted.matches(r#"class="line since""#).count(), 1, "only what changed");
    assert!(highlighted.contains("Surligné : l’alinéa modifié ou ajouté depuis la révision 1."), "{highlighted}");
    let (status, _) = browser.get(&format!("/texts/{slug}?since=9")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a revision that does not exist");
    let (status, _) = browser.get(&format!("/texts/{slug}?since=deux")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // That visit is remembered in turn: nothing is new any more.
    for _ in 0..100 {
        let (_, page) = browser.get(&format!("/texts/{slug}")).await;
        if !page.contains("Depuis votre dernière visite") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let (_, page) = browser.get(&format!("/texts/{slug}")).await;
    assert!(!page.contains("Depuis votre dernière visite"), "{page}");
    let _ = other;
    // Anonymous readers have no visits.
    let (_, page) = server.browser().get(&format!("/texts/{slug}")).await;
    assert!(!page.contains("Depuis votre dernière visite") && !page.contains("Suivre ce texte"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_larger_than_a_round_reaches_everyone_once() {
    let server = TestServer::with_mail(MailConfig { poll: Duration::from_millis(100), ..MailConfig::default() }).await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let slug = drafter.publish("budget", &["# Budget", "Des recettes.", "Des dépenses."]).await;
    let mut followers = Vec::new();
    for n in 0..30 {
        let member = server.api_as(&format!("suiveur{n}"), Role::Member).await;
        let (status, _) = member.put(&format!("/api/v1/texts/{slug}/follow"), &json!({})).await;
        assert_eq!(status, StatusCode::OK);
        followers.push(member);
    }
    // 12 phase moves to 30 followers: 360 notifications, more than one round writes.
    for n in 0..12 {
        let phase = if n % 2 == 0 { "review" } else { "consultation" };
        let (status, answer) = drafter.put(&format!("/api/v1/texts/{slug}/phase"), &json!({ "phase": phase })).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
    }
    for member in &followers {
        let list = member.notifications_when(|list| list.len() >= 12).await;
        assert_eq!(list.len(), 12, "each move once");
        assert!(list.iter().all(|n| n["kind"] == "phase"));
    }
}

/// Polls `ready` every 20 ms until it holds; panics saying `what` after ten seconds.
async fn until(what: &str, ready: impl Fn() -> bool) {
    for _ in 0..500 {
        if ready() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("never happened: {what}");
}

/// One row of the email queue, as the database holds it.
#[derive(Clone, Debug)]
struct Queued {
    attempts: u32,
    next_attempt_at: i64,
    last_error: String,
    sent: bool,
    abandoned: bool,
}

fn database(server: &TestServer) -> rusqlite::Connection {
    let db = rusqlite::Connection::open(server.dir.path().join("redraft.db")).expect("open");
    db.busy_timeout(Duration::from_secs(5)).expect("busy timeout");
    db
}

/// The email queued for this member, if any (panics if there are several).
fn queued_for(server: &TestServer, user_id: i64) -> Option<Queued> {
    let db = database(server);
    let mut statement = db
        .prepare(
            "SELECT attempts, next_attempt_at, last_error, sent_at IS NOT NULL, abandoned_at IS NOT NULL
             FROM outbox WHERE user_id = ?1",
        )
        .expect("prepare");
    let rows: Vec<Queued> = statement
        .query_map([user_id], |row| {
            Ok(Queued {
                attempts: row.get(0)?,
                next_attempt_at: row.get(1)?,
                last_error: row.get(2)?,
                sent: row.get(3)?,
                abandoned: row.get(4)?,
            })
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert!(rows.len() <= 1, "{rows:#?}");
    rows.into_iter().next()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_mail_server_holds_up_no_request_and_its_email_arrives_once() {
    // Every reply of this server waits a second: one email takes six, from its greeting
    // to the answer to its data.
    const DELAY: Duration = Duration::from_secs(1);
    let smtp = SmtpServer::start().await;
    smtp.set_mode(Mode::Slow(DELAY));
    let server = TestServer::with_mail(mail_to(&smtp)).await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let alice = server.api_with_email("alice", Role::Member, "alice@parti.example").await;
    // Bob has no address: his notifications stay in the app, and owe nothing to the mailer.
    let bob = server.api_as("bob", Role::Member).await;
    let slug = drafter.publish("velo", &["# Vélo", "Des pistes.", "Des parkings.", "Fin."]).await;
    let alices = alice.propose(&slug, 1, 2, 1, &["Des pistes protégées."]).await;
    let bobs = bob.propose(&slug, 1, 3, 1, &["Des parkings sûrs."]).await;

    let asked = std::time::Instant::now();
    drafter.accept(alices).await;
    assert!(asked.elapsed() < DELAY, "the decision waited {:?}", asked.elapsed());
    assert_eq!(alice.notifications_when(|list| list.len() == 1).await[0]["kind"], "decision");
    // The mailer has connected: the slow server is drawing the exchange out.
    until("the mailer connects", || smtp.conversations() >= 1).await;
    assert!(smtp.messages().is_empty(), "no email can have gone through yet");

    // Meanwhile, a request that notifies answers at once and its notification reaches the
    // app, while Alice's email is still on its way.
    let asked = std::time::Instant::now();
    let (status, answer) = drafter
        .post(&format!("/api/v1/amendments/{bobs}/decision"), &json!({ "decision": "reject", "note": "Non." }))
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert!(asked.elapsed() < DELAY, "the decision waited {:?}", asked.elapsed());
    assert_eq!(bob.notifications_when(|list| list.len() == 1).await[0]["kind"], "decision");
    assert!(smtp.messages().is_empty(), "Alice's email is still on its way");

    smtp.wait_for(1, Duration::from_secs(30)).await;
    // Fast again: a second copy, had the mailer taken the slowness for a failure, would
    // come within a second or two.
    smtp.set_mode(Mode::Accept);
    let mailbox = smtp.settle(Duration::from_secs(2)).await;
    let subjects: Vec<String> = mailbox.iter().map(Received::subject).collect();
    assert_eq!(subjects, [format!("Texte velo : {} a été accepté.", reference(&alice, alices).await)], "once");
    assert_eq!(mailbox[0].to, ["alice@parti.example"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_email_refused_for_good_is_retried_later_then_given_up_and_blocks_no_other() {
    let smtp = SmtpServer::start().await;
    smtp.set_mode(Mode::RefusePermanent);
    // Three seconds before a first retry: time to look at the queue between two attempts.
    let server = TestServer::with_mail(MailConfig { first_retry: Duration::from_secs(3), ..mail_to(&smtp) }).await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let member = |login: &'static str| {
        let server = &server;
        async move {
            let user = server.user_with_email(login, Role::Member, &format!("{login}@parti.example")).await;
            (user.id, server.api_for(login).await)
        }
    };
    let ((alice_id, alice), (bob_id, bob), (carl_id, carl)) =
        (member("alice").await, member("bob").await, member("carl").await);
    let slug = drafter.publish("eau", &["# Eau", "Une régie.", "Des compteurs.", "Des fontaines.", "Fin."]).await;
    let alices = alice.propose(&slug, 1, 2, 1, &["Une régie publique."]).await;
    let bobs = bob.propose(&slug, 1, 3, 1, &["Des compteurs sociaux."]).await;
    let carls = carl.propose(&slug, 1, 4, 1, &["Des fontaines gratuites."]).await;

    // A 550 is the email's own failure: it counts as one attempt of MAX_ATTEMPTS, and the
    // email waits for its next attempt rather than being tried again at once. The app
    // is told all the same.
    drafter.accept(alices).await;
    drafter.accept(bobs).await;
    alice.notifications_when(|list| list.len() == 1).await;
    bob.notifications_when(|list| list.len() == 1).await;
    let refused_once = |id| queued_for(&server, id).is_some_and(|queued| queued.attempts == 1);
    until("both emails refused once", || refused_once(alice_id) && refused_once(bob_id)).await;
    let now = redraft::store::now();
    for id in [alice_id, bob_id] {
        let queued = queued_for(&server, id).expect("queued");
        assert!(!queued.sent && !queued.abandoned, "{queued:?}");
        assert!(queued.last_error.contains("550"), "{queued:?}");
        assert!(queued.next_attempt_at > now, "tried again later, not at once: {queued:?}");
    }

    // Alice's email, as if refused for two days: its last attempt fails too, and it is
    // given up, never to be tried again.
    let db = database(&server);
    let changed = db
        .execute(
            "UPDATE outbox SET attempts = ?1, next_attempt_at = 0 WHERE user_id = ?2 AND attempts = 1",
            [i64::from(redraft::domain::notification::MAX_ATTEMPTS - 1), alice_id],
        )
        .expect("age Alice's email");
    assert_eq!(changed, 1);
    until("Alice's email given up", || queued_for(&server, alice_id).is_some_and(|queued| queued.abandoned)).await;
    let given_up = queued_for(&server, alice_id).expect("queued");
    assert_eq!((given_up.attempts, given_up.sent), (redraft::domain::notification::MAX_ATTEMPTS, false));

    // The server accepts again: a new notification's email goes out, and so does Bob's at
    // its next attempt; Alice's does not.
    smtp.set_mode(Mode::Accept);
    drafter.accept(carls).await;
    smtp.wait_for(2, Duration::from_secs(15)).await;
    let mailbox = smtp.settle(Duration::from_secs(2)).await;
    let mut subjects: Vec<(String, String)> =
        mailbox.iter().map(|message| (message.to.join(","), message.subject())).collect();
    subjects.sort();
    assert_eq!(
        subjects,
        [
            ("bob@parti.example".to_owned(), format!("Texte eau : {} a été accepté.", reference(&bob, bobs).await)),
            ("carl@parti.example".to_owned(), format!("Texte eau : {} a été accepté.", reference(&carl, carls).await)),
        ]
    );
    let refused = smtp.refused();
    let refusals = |address: &str| refused.iter().filter(|each| *each == address).count() as u32;
    assert_eq!(refusals("alice@parti.example"), 2, "once, then its last attempt: {refused:?}");
    assert_eq!(refusals("carl@parti.example"), 0);
    let bobs_email = queued_for(&server, bob_id).expect("queued");
    assert!(bobs_email.sent, "{bobs_email:?}");
    assert_eq!(bobs_email.attempts, refusals("bob@parti.example") + 1, "each refusal counted, then sent");
    assert!(queued_for(&server, carl_id).is_some_and(|queued| queued.sent && queued.attempts == 1));
    assert!(queued_for(&server, alice_id).is_some_and(|queued| queued.abandoned && !queued.sent));
    // What was given up was the email: the notification stays in Alice's app.
    assert_eq!(alice.notifications_when(|list| list.len() == 1).await[0]["amendment"], alices);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kind_switched_off_in_the_app_is_not_shown_there_and_the_others_are() {
    let smtp = SmtpServer::start().await;
    let server = TestServer::with_mail(mail_to(&smtp)).await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let alice = server.api_with_email("alice", Role::Member, "alice@parti.example").await;
    let slug = drafter.publish("parcs", &["# Parcs", "Un parc par quartier.", "Fin."]).await;

    // Decisions off in the app only: their emails still come.
    let (status, settings) =
        alice.put("/api/v1/me/notifications", &json!({ "switches": { "decision": { "app": false } } })).await;
    assert_eq!(status, StatusCode::OK, "{settings}");
    assert_eq!(settings["switches"]["decision"], json!({ "app": false, "email": true }));
    assert_eq!(settings["switches"]["reply"], json!({ "app": true, "email": true }));
    let id = alice.propose(&slug, 1, 2, 1, &["Un parc par rue."]).await;
    let (status, comment) =
        alice.post(&format!("/api/v1/texts/{slug}/comments"), &json!({ "body": "Et les jardins ?" })).await;
    assert_eq!(status, StatusCode::CREATED, "{comment}");
    drafter.accept(id).await;
    let (status, answer) = drafter
        .post(&format!("/api/v1/texts/{slug}/comments"), &json!({ "body": "Aussi.", "parent": comment["id"] }))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");

    // Both emails arrived: the decision was notified, on the one channel left on.
    let mailbox = smtp.wait_for(2, Duration::from_secs(10)).await;
    let mut subjects: Vec<String> = to(&mailbox, "alice@parti.example").iter().map(Received::subject).collect();
    subjects.sort();
    let accepted = format!("Texte parcs : {} a été accepté.", reference(&alice, id).await);
    assert_eq!(subjects, [accepted, "Texte parcs : redaction a répondu à votre commentaire.".to_owned()]);
    let list = alice.notifications_when(|list| !list.is_empty()).await;
    assert_eq!(kinds(&list), [("reply".to_owned(), "redaction a répondu à votre commentaire.".to_owned())]);
    let (_, counts) = alice.get("/api/v1/notifications").await;
    assert_eq!(counts["unread"], 1, "the bell counts only what the app shows: {counts}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_per_kind_unsubscribe_link_turns_off_that_kinds_email_only() {
    let smtp = SmtpServer::start().await;
    let server = TestServer::with_mail(mail_to(&smtp)).await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let bob = server.api_with_email("bob", Role::Member, "bob@parti.example").await;
    let slug = drafter.publish("ports", &["# Ports", "Un port.", "Des quais.", "Fin."]).await;
    let first = bob.propose(&slug, 1, 2, 1, &["Un port de pêche."]).await;
    let second = bob.propose(&slug, 1, 3, 1, &["Des quais rénovés."]).await;
    drafter.accept(first).await;
    let decision = smtp.wait_for(1, Duration::from_secs(10)).await.remove(0);
    let body = decision.body_text();

    // The first unsubscribe link of a one-notification email names its kind; signed for
    // that kind, it cannot be turned into a link for every email.
    let link = link_in(&body, &format!("{}/unsubscribe?", server.url("")));
    assert!(link.contains("what=decision"), "{link}");
    let path = link.trim_start_matches(&server.url("")).to_owned();
    let anonymous = server.browser();
    let (status, _) = anonymous.get(&path.replace("what=decision", "what=all")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a decision link widened to every email");
    let (status, _) = anonymous.get(&path.replace("what=decision", "what=reply")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a decision link moved to another kind");
    // Its page asks, and its form, sent without a session, turns that kind's email off.
    let (status, page) = anonymous.get(&path).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let csrf = common::csrf_in(&page).expect("a form");
    let field = |name: &str| {
        let start = link.find(&format!("{name}=")).expect(name) + name.len() + 1;
        link[start..].split('&').next().unwrap_or_default().to_owned()
    };
    let (member, signature) = (field("member"), field("signature"));
    let fields = [("csrf", csrf.as_str()), ("member", &member), ("what", "decision"), ("signature", &signature)];
    let (status, _, page) = anonymous.post_form("/unsubscribe", &fields).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let (_, settings) = bob.get("/api/v1/me/notifications").await;
    assert_eq!(settings["switches"]["decision"], json!({ "app": true, "email": false }));
    for kind in ["outdated", "reconfirm", "reply", "revision", "phase"] {
        assert_eq!(settings["switches"][kind], json!({ "app": true, "email": true }), "{kind}");
    }

    // A later decision reaches the app but not the mailbox; a reply reaches both. The
    // decision is notified first, so its email, had it been queued, would come first.
    drafter.accept(second).await;
    bob.notifications_when(|list| list.len() == 2).await;
    let (status, comment) = bob.post(&format!("/api/v1/texts/{slug}/comments"), &json!({ "body": "Merci." })).await;
    assert_eq!(status, StatusCode::CREATED, "{comment}");
    let (status, answer) = drafter
        .post(&format!("/api/v1/texts/{slug}/comments"), &json!({ "body": "De rien.", "parent": comment["id"] }))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    smtp.wait_for(2, Duration::from_secs(10)).await;
    let mailbox = smtp.settle(Duration::from_secs(1)).await;
    let subjects: Vec<String> = mailbox.iter().map(Received::subject).collect();
    assert_eq!(subjects, [decision.subject(), "Texte ports : redaction a répondu à votre commentaire.".to_owned()]);
    let list = bob.notifications_when(|list| list.len() == 3).await;
    let got: Vec<String> = kinds(&list).into_iter().map(|(kind, _)| kind).collect();
    assert_eq!(got, ["decision", "decision", "reply"]);
}
