//! Printed line numbers over HTTP (DESIGN rule 10): the line view breaks every paragraph on
//! the server at the text's width, each revision keeps the width it was written with, and
//! every amendment reference cites the printed lines of its anchor ("l. 3–5").

mod common;

use common::{Browser, TestServer};
use redraft::domain::Role;
use reqwest::StatusCode;
use serde_json::json;

/// Three printed lines at 80 characters (the default): 34 words of 5 letters.
fn long_paragraph() -> String {
    ["alpha"; 34].join(" ")
}

/// The printed lines of a line view, as (number, text, paragraph where it starts one).
fn printed_lines(page: &str) -> Vec<(u32, String, Option<u32>)> {
    let mut lines = Vec::new();
    for row in page.split("<div class=\"pl").skip(1) {
        let number = between(row, "<span class=\"pn\">", "</span>").parse().expect("a line number");
        let text = between(row, "<span class=\"pt\" dir=\"auto\">", "</span>").to_owned();
        let paragraph = row
            .split_once("class=\"pa\" href=\"")
            .map(|(_, rest)| between(rest, "#l", "\"").parse().expect("a paragraph number"));
        lines.push((number, text, paragraph));
    }
    lines
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let (_, rest) = text.split_once(start).unwrap_or_else(|| panic!("no {start} in {text}"));
    rest.split_once(end).map_or(rest, |(inside, _)| inside)
}

async fn line_view(reader: &Browser, path: &str) -> Vec<(u32, String, Option<u32>)> {
    let (status, page) = reader.get(path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    printed_lines(&page)
}

#[tokio::test]
async fn the_line_view_numbers_every_line_broken_at_the_texts_width() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redactrice", Role::Drafter).await;
    let long = long_paragraph();
    drafter.publish("programme", &["# Titre", &long, "Court.", "- une puce"]).await;
    let reader = server.browser();

    let lines = line_view(&reader, "/texts/programme/lines").await;
    let numbers: Vec<u32> = lines.iter().map(|(number, ..)| *number).collect();
    assert_eq!(numbers, (1..=6).collect::<Vec<_>>());
    assert_eq!(lines[0], (1, "Titre".to_owned(), Some(1)), "a heading prints without its marker");
    // 34 words of 5 letters: 13 fit in 80 characters (77), 26 in two lines, 8 on the third.
    assert_eq!(lines[1], (2, ["alpha"; 13].join(" "), Some(2)));
    assert_eq!(lines[2], (3, ["alpha"; 13].join(" "), None));
    assert_eq!(lines[3], (4, ["alpha"; 8].join(" "), None));
    assert_eq!(lines[4], (5, "Court.".to_owned(), Some(3)));
    assert_eq!(lines[5], (6, "• une puce".to_owned(), Some(4)));
    assert!(lines.iter().all(|(_, text, _)| text.chars().count() <= 80));

    // The text page cites each paragraph's first printed line, as the line view sets it.
    let (_, page) = reader.get("/texts/programme").await;
    for line in ["l. 1<", "l. 2<", "l. 5<", "l. 6<"] {
        assert!(page.contains(line), "{line} missing from the text page");
    }
    assert!(page.contains("/texts/programme/revisions/1/lines"), "the text page links to its line view");

    // The revision says how it is printed.
    let (status, revision) = drafter.get("/api/v1/texts/programme/revisions/1").await;
    assert_eq!(status, StatusCode::OK, "{revision}");
    assert_eq!(revision["printing"], json!({ "width": 80, "algorithm": 2 }));
}

#[tokio::test]
async fn a_new_width_applies_to_later_revisions_and_old_ones_keep_their_lines() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redactrice", Role::Drafter).await;
    let long = long_paragraph();
    drafter.publish("statuts", &[&long, "Fin."]).await;
    let reader = server.browser();
    let before = line_view(&reader, "/texts/statuts/revisions/1/lines").await;

    let (status, text) = drafter.put("/api/v1/texts/statuts/settings", &json!({ "printed_width": 40 })).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert_eq!(text["printed_width"], 40);
    // Revision 1 keeps its 80 characters.
    assert_eq!(line_view(&reader, "/texts/statuts/revisions/1/lines").await, before);

    let body = format!("{long}\nFin, revue.");
    let (status, edited) = drafter.put("/api/v1/texts/statuts", &json!({ "base": 1, "body": body })).await;
    assert_eq!(status, StatusCode::CREATED, "{edited}");
    let after = line_view(&reader, "/texts/statuts/lines").await;
    // 6 words of 5 letters fit in 40 characters (35): 34 words take 6 lines.
    assert_eq!(after.len(), 7);
    assert!(after.iter().all(|(_, text, _)| text.chars().count() <= 40), "{after:?}");
    assert_eq!(after[6], (7, "Fin, revue.".to_owned(), Some(2)));
    let (_, revision) = drafter.get("/api/v1/texts/statuts/revisions/2").await;
    assert_eq!(revision["printing"]["width"], 40);
    assert_eq!(line_view(&reader, "/texts/statuts/revisions/1/lines").await, before);
}

#[tokio::test]
async fn a_width_out_of_bounds_is_refused_and_changes_nothing() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redactrice", Role::Drafter).await;
    drafter.publish("charte", &["Un."]).await;
    for width in [0, 29, 201, 100_000] {
        let (status, answer) = drafter.put("/api/v1/texts/charte/settings", &json!({ "printed_width": width })).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{width}: {answer}");
        assert_eq!(answer["error"]["code"], "invalid_field", "{answer}");
        assert!(answer["error"]["message"].as_str().is_some_and(|message| message.contains("30")), "{answer}");
    }
    let (_, text) = drafter.get("/api/v1/texts/charte").await;
    assert_eq!(text["printed_width"], 80);
    // A member may not change it.
    let member = server.api_as("militant", Role::Member).await;
    let (status, _) = member.put("/api/v1/texts/charte/settings", &json!({ "printed_width": 60 })).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Nor may anyone read the lines of a revision that is not there.
    let (status, _) = server.browser().get("/texts/charte/revisions/9/lines").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn amendments_cite_the_printed_lines_of_their_anchor() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redactrice", Role::Drafter).await;
    let member = server.api_as("militant", Role::Member).await;
    let long = long_paragraph();
    drafter.publish("projet", &["Premier.", &long, "Dernier."]).await;
    // Paragraphs 2 and 3 are printed lines 2 to 5.
    let id = member.propose("projet", 1, 2, 2, &["Tout autre chose."]).await;
    let insertion = member.propose("projet", 1, 3, 0, &["Ajouté."]).await;
    let reader = server.browser();
    let (_, shown) = reader.get(&format!("/amendments/{id}")).await;
    assert!(shown.contains("l. 2–5"), "the amendment page cites its printed lines");
    assert!(shown.contains("/texts/projet/revisions/1/lines#pl2"), "and links to them");
    let (_, shown) = reader.get(&format!("/amendments/{insertion}")).await;
    assert!(shown.contains("l. 5<"), "an insertion cites the line it goes before");
    let (_, list) = reader.get("/texts/projet/amendments").await;
    assert!(list.contains("l. 2–5") && list.contains("l. 5 ·"), "the list cites them too");
    let desk = server.browser();
    desk.log_in("redactrice", common::PASSWORD).await;
    let (status, review) = desk.get("/texts/projet/review").await;
    assert_eq!(status, StatusCode::OK);
    assert!(review.contains("l. 2–5"), "and the review desk");
}
