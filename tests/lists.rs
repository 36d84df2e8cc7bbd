//! Lists of amendments as people go through them at congress scale: filters to click
//! (state, "to decide" by default on the drafters' desk, author, part of the text), pages
//! of a bounded size, and everything on one page for printing.

mod common;

use common::{Api, TestServer};
use redraft::domain::Role;
use redraft::i18n::{Arg, K, Lang};
use reqwest::StatusCode;

/// The ids of the amendments a list page shows, in order.
fn listed(page: &str) -> Vec<i64> {
    page.split("<article id=\"a-").skip(1).filter_map(|rest| rest.split('"').next()?.parse().ok()).collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

async fn propose_many(api: &Api, lines: std::ops::RangeInclusive<u64>) -> Vec<i64> {
    let mut ids = Vec::new();
    for line in lines {
        let wording = format!("Paragraphe {line}, réécrit.");
        ids.push(api.propose("programme", 1, line, 1, &[wording.as_str()]).await);
    }
    ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lists_come_in_pages_with_filters_a_person_clicks() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let camille = server.api_as("camille", Role::Member).await;
    let dominique = server.api_as("dominique", Role::Member).await;
    let mut lines: Vec<String> = vec!["# Programme".to_owned(), "## Santé".to_owned()];
    lines.extend((3..=70).map(|n| format!("Paragraphe {n}.")));
    lines.push("## École".to_owned());
    lines.extend((72..=130).map(|n| format!("Paragraphe {n}.")));
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    drafter.publish("programme", &refs).await;
    let health = propose_many(&camille, 3..=70).await;
    let school = propose_many(&dominique, 72..=130).await;
    for id in &health[..10] {
        drafter.accept(*id).await;
    }
    let all = health.len() + school.len();
    let browser = server.browser();

    // The public list: a page of 50, in line order, and links to the others.
    let (status, page) = browser.get("/texts/programme/amendments").await;
    assert_eq!(status, StatusCode::OK);
    let shown = listed(&page);
    assert_eq!(shown.len(), 50);
    assert_eq!(&shown[..], &health[..50], "not in line order");
    let said = Lang::FR.f(K::MatchingAmendments, &[Arg::count("count", all)]);
    assert!(page.contains(&escape(&said)), "{said}: {page}");
    assert!(page.contains("href=\"/texts/programme/amendments?page=2\""), "no next page");
    assert!(page.contains("href=\"/texts/programme/amendments?all=1\""), "no way to print everything");
    // Each item is one element with one class attribute, its state's.
    let article = page.split("<article ").nth(1).unwrap_or_default();
    let tag = &article[..article.find('>').unwrap_or(0)];
    assert_eq!(tag.matches("class=").count(), 1, "{tag}");
    assert!(tag.contains("state-accepted"), "{tag}");
    let (_, last) = browser.get("/texts/programme/amendments?page=3").await;
    assert_eq!(listed(&last).len(), all - 100);
    let (_, everything) = browser.get("/texts/programme/amendments?all=1").await;
    assert_eq!(listed(&everything).len(), all);

    // Filters: a state, an author, a part of the text (its heading and what follows).
    let (_, accepted) = browser.get("/texts/programme/amendments?state=accepted").await;
    assert_eq!(listed(&accepted), health[..10].to_vec());
    let dominique_id = author_id(&everything, "dominique");
    let (_, by_author) = browser.get(&format!("/texts/programme/amendments?author={dominique_id}&all=1")).await;
    assert_eq!(listed(&by_author), school);
    let (_, section) = browser.get("/texts/programme/amendments?section=71&author=&state=").await;
    assert_eq!(listed(&section), school[..50].to_vec());
    let (_, both) = browser.get("/texts/programme/amendments?section=2&state=open&all=1").await;
    assert_eq!(listed(&both), health[10..].to_vec());
    // A filter that makes no sense is refused in the reader's language.
    let (status, page) = browser.get("/texts/programme/amendments?page=deux").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{page}");

    // The drafters' desk shows what is still to decide, by default, a page at a time.
    let desk = server.browser_as("secretariat", Role::Drafter).await;
    let (_, page) = desk.get("/texts/programme/review").await;
    let to_decide: Vec<i64> = health[10..].iter().chain(&school).copied().collect();
    assert_eq!(listed(&page), to_decide[..50].to_vec());
    let (_, accepted) = desk.get("/texts/programme/review?state=accepted").await;
    assert_eq!(listed(&accepted), health[..10].to_vec());
    let (_, everything) = desk.get("/texts/programme/review?state=all&all=1").await;
    assert_eq!(listed(&everything).len(), all);
    server.stop().await;
}

/// The id an author's option carries in the list's author filter.
fn author_id(page: &str, name: &str) -> i64 {
    let option = page
        .split("<option value=\"")
        .skip(1)
        .find(|option| option.split('>').nth(1).is_some_and(|label| label.starts_with(name)))
        .unwrap_or_else(|| panic!("no option for {name}"));
    option.split('"').next().and_then(|id| id.parse().ok()).expect("an id")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_keeps_a_list_until_an_amendment_changes() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let camille = server.api_as("camille", Role::Member).await;
    let lines: Vec<String> = (1..=10).map(|n| format!("Paragraphe {n}.")).collect();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    drafter.publish("programme", &refs).await;
    let first = propose_many(&camille, 1..=2).await;
    let reader = server.browser();
    // Two members, each with their own page around the amendments every member shares.
    let (member_a, member_b) =
        (server.browser_as("alix", Role::Member).await, server.browser_as("bao", Role::Member).await);
    let mut member_pages = Vec::new();
    for member in [&member_a, &member_b] {
        let (status, page) = member.get("/texts/programme/amendments?all=1").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains(&format!("id=\"a-{}\"", first[0])) && page.contains("state-open"), "{page}");
        member_pages.push(page);
    }
    let tokens: Vec<_> = member_pages.iter().map(|page| common::csrf_in(page).expect("a form token")).collect();
    assert_ne!(tokens[0], tokens[1], "each member's forms carry their own token");
    assert!(member_pages[0].contains("alix") && !member_pages[0].contains("bao"), "{}", member_pages[0]);
    let get = |path: &'static str, held: Option<String>| {
        let mut request = reader.client.get(server.url(path));
        if let Some(held) = held {
            request = request.header("if-none-match", held);
        }
        request.send()
    };

    let answer = get("/texts/programme/amendments", None).await.expect("list");
    assert_eq!(answer.status(), StatusCode::OK);
    let held = answer.headers().get("etag").and_then(|v| v.to_str().ok()).expect("a validator").to_owned();
    assert_eq!(answer.headers().get("cache-control").and_then(|v| v.to_str().ok()), Some("private, no-cache"));
    let again = get("/texts/programme/amendments", Some(held.clone())).await.expect("list");
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    // Another view of the list is another page.
    let other = get("/texts/programme/amendments?state=accepted", Some(held.clone())).await.expect("list");
    assert_eq!(other.status(), StatusCode::OK);

    // The API's lists and texts are kept the same way.
    let api_get = |path: &'static str, held: Option<String>| {
        let mut request = reader.client.get(server.url(path));
        if let Some(held) = held {
            request = request.header("if-none-match", held);
        }
        request.send()
    };
    let mut api_tags = Vec::new();
    for path in ["/api/v1/texts/programme/amendments", "/api/v1/texts/programme", "/texts/programme/amendments.csv"] {
        let answer = api_get(path, None).await.expect("api");
        assert_eq!(answer.status(), StatusCode::OK);
        let tag = answer.headers().get("etag").and_then(|v| v.to_str().ok()).expect("a validator").to_owned();
        let json = path.starts_with("/api/");
        let expected = if json { "application/json" } else { "text/csv; charset=utf-8" };
        assert_eq!(answer.headers().get("content-type").and_then(|v| v.to_str().ok()), Some(expected));
        let again = api_get(path, Some(tag.clone())).await.expect("api");
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
        api_tags.push(tag);
    }

    // A decision changes what the list shows: the reader gets the new list.
    drafter.accept(first[0]).await;
    let changed = api_get("/api/v1/texts/programme/amendments", Some(api_tags[0].clone())).await.expect("api");
    assert_eq!(changed.status(), StatusCode::OK);
    let list: serde_json::Value = changed.json().await.expect("json");
    assert_eq!(list[0]["state"], "accepted", "{list}");
    let changed = get("/texts/programme/amendments", Some(held.clone())).await.expect("list");
    assert_eq!(changed.status(), StatusCode::OK);
    let page = changed.text().await.expect("page");
    assert!(page.contains("state-accepted"), "{page}");
    let (_, member_page) = member_a.get("/texts/programme/amendments?all=1").await;
    assert!(member_page.contains("state-accepted"), "a member's page follows the decision too: {member_page}");
    let changed = api_get("/texts/programme/amendments.csv", Some(api_tags[2].clone())).await.expect("csv");
    assert_eq!(changed.status(), StatusCode::OK);
    let csv = changed.text().await.expect("csv");
    assert!(csv.contains("redaction"), "the decision and who took it: {csv}");
    server.stop().await;
}
