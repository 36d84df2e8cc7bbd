//! Exports as office software opens them: the amendments' CSV goes through LibreOffice
//! Calc, headless, and the cells it reads are checked, kinds and all: wordings as text with
//! their bullets (no stray apostrophe), formulas shown, never run, numbers as numbers,
//! decisions with who and when, and cells too long for a spreadsheet cut with the address
//! of the rest. Needs `soffice` (Debian's libreoffice-calc-nogui); fails loudly without it.

mod common;

use std::process::Command;

use common::TestServer;
use redraft::domain::Role;
use redraft::i18n::{K, Lang};
use reqwest::StatusCode;
use serde_json::json;

/// One cell as Calc read it: its type (`string`, `float`…), whether it holds a formula,
/// and its text.
#[derive(Debug, Clone, PartialEq)]
struct Cell {
    kind: String,
    formula: bool,
    text: String,
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// The value of attribute `name` in a tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    Some(&tag[start..start + tag[start..].find('"')?])
}

/// The rows of the first sheet of a flat OpenDocument spreadsheet, as Calc wrote it.
fn rows_of(fods: &str) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for row in fods.split("<table:table-row").skip(1) {
        let row = &row[..row.find("</table:table-row>").unwrap_or(row.len())];
        let mut cells = Vec::new();
        for cell in row.split("<table:table-cell").skip(1) {
            let tag_end = cell.find('>').unwrap_or(cell.len());
            let tag = &cell[..tag_end];
            let body = if tag.ends_with('/') { "" } else { &cell[tag_end + 1..] };
            let body = &body[..body.find("</table:table-cell>").unwrap_or(body.len())];
            let paragraphs: Vec<String> = body
                .split("<text:p>")
                .skip(1)
                .map(|p| {
                    let p = &p[..p.find("</text:p>").unwrap_or(p.len())];
                    // Spaces written as tags count; other tags (spans) are dropped.
                    let mut text = String::new();
                    let mut tag: Option<String> = None;
                    for c in p.chars() {
                        match (c, tag.as_mut()) {
                            ('<', None) => tag = Some(String::new()),
                            ('>', Some(name)) => {
                                if name == "text:s/" || name.starts_with("text:s ") {
                                    let count = attribute(name, "text:c").and_then(|n| n.parse().ok()).unwrap_or(1);
                                    text.push_str(&" ".repeat(count));
                                }
                                tag = None;
                            }
                            (c, Some(name)) => name.push(c),
                            (c, None) => text.push(c),
                        }
                    }
                    unescape(&text)
                })
                .collect();
            let repeated: usize =
                attribute(tag, "table:number-columns-repeated").and_then(|n| n.parse().ok()).unwrap_or(1);
            let cell = Cell {
                kind: attribute(tag, "office:value-type").unwrap_or("").to_owned(),
                formula: attribute(tag, "table:formula").is_some(),
                text: paragraphs.join("\n"),
            };
            for _ in 0..repeated.min(64) {
                cells.push(cell.clone());
            }
        }
        rows.push(cells);
    }
    rows
}

/// Opens a CSV in LibreOffice Calc, headless, as a person does (UTF-8, `;` or `,`,
/// quoted text), and returns what Calc made of it.
fn open_in_calc(csv: &[u8], separator: char) -> Vec<Vec<Cell>> {
    open_sheet(csv, "csv", Some(format!("CSV:{},34,76,1", separator as u32)))
}

/// Opens a spreadsheet file (`extension` names its format) in LibreOffice Calc, headless,
/// and returns what Calc made of it.
fn open_sheet(file: &[u8], extension: &str, filter: Option<String>) -> Vec<Vec<Cell>> {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join(format!("amendements.{extension}"));
    std::fs::write(&input, file).expect("write the file");
    let mut command = Command::new("soffice");
    command.arg(format!("-env:UserInstallation=file://{}", dir.path().join("profile").display())).arg("--headless");
    if let Some(filter) = filter {
        command.arg(format!("--infilter={filter}"));
    }
    let output = command
        .args(["--convert-to", "fods", "--outdir"])
        .arg(dir.path())
        .arg(&input)
        .output()
        .expect("LibreOffice (soffice) runs: install libreoffice-calc-nogui");
    let converted = dir.path().join("amendements.fods");
    let fods = std::fs::read_to_string(&converted).unwrap_or_else(|error| {
        panic!(
            "LibreOffice did not convert the file ({error}): {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    rows_of(&fods)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_amendments_csv_opens_in_libreoffice_as_intended() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let member = server.api_as("camille", Role::Member).await;
    drafter.publish("programme", &["# Programme", "- Porter le SMIC à 1 600 euros.", "La santé est un droit."]).await;
    let list_item = member.propose("programme", 1, 2, 1, &["- Porter le SMIC à 1 800 euros."]).await;
    let formula = "=HYPERLINK(\"http://evil.example\";\"clic\")";
    let body = json!({ "base": 1, "start": 3, "count": 1, "new_lines": ["La santé est un droit fondamental."], "rationale": formula });
    let (status, answer) = member.post("/api/v1/texts/programme/amendments", &body).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let long_line = "Très long alinéa. ".repeat(1_700);
    let long = member.propose("programme", 1, 4, 0, &[long_line.as_str(), long_line.as_str()]).await;
    let decision = json!({ "decision": "accept", "note": "Chiffré par la commission." });
    let (status, answer) = drafter.post(&format!("/api/v1/amendments/{list_item}/decision"), &decision).await;
    assert_eq!(status, StatusCode::OK, "{answer}");

    let response = server.browser().get_response("/texts/programme/amendments.csv").await;
    assert_eq!(response.status(), StatusCode::OK);
    let csv = response.bytes().await.expect("csv");
    let rows = open_in_calc(&csv, ';');
    let header = &rows[0];
    let column = |key: K| {
        header
            .iter()
            .position(|cell| cell.text == Lang::FR.t(key))
            .unwrap_or_else(|| panic!("no column {key:?}: {header:?}"))
    };
    let row_of = |reference: &str| {
        rows.iter()
            .find(|row| row.first().is_some_and(|cell| cell.text == reference))
            .unwrap_or_else(|| panic!("no row {reference}: {rows:?}"))
    };

    // A list item is its bullet and its text, as a string, with no apostrophe before it.
    let first = row_of("PROG-1");
    let proposed = &first[column(K::CsvProposedWording)];
    assert_eq!((proposed.kind.as_str(), proposed.text.as_str()), ("string", "• Porter le SMIC à 1 800 euros."));
    assert_eq!(first[column(K::CsvCurrentWording)].text, "• Porter le SMIC à 1 600 euros.");
    // Line numbers and ids are numbers a spreadsheet sorts.
    for key in [K::CsvId, K::CsvRevision, K::CsvFirstParagraph, K::CsvParagraphCount] {
        assert_eq!(first[column(key)].kind, "float", "{key:?} is not a number: {:?}", first[column(key)]);
    }
    assert_eq!(first[column(K::CsvFirstParagraph)].text, "2");
    // The decision, who took it, when, and the note.
    assert_eq!(
        first[column(K::CsvDecision)].text,
        redraft::i18n::event_name(Lang::FR, redraft::domain::Decision::Accepted)
    );
    assert_eq!(first[column(K::CsvDecidedBy)].text, "redaction");
    assert!(first[column(K::CsvDecidedAt)].text.starts_with("20"), "{:?}", first[column(K::CsvDecidedAt)]);
    assert_eq!(first[column(K::CsvDecisionNote)].text, "Chiffré par la commission.");

    // A formula in a rationale is shown, never run.
    let second = row_of("PROG-2");
    let rationale = &second[column(K::CsvRationale)];
    assert!(!rationale.formula && rationale.kind == "string", "{rationale:?}");
    assert!(rationale.text.ends_with(formula), "{rationale:?}");

    // A wording longer than a cell holds is cut, with the address of the whole amendment.
    let third = row_of("PROG-3");
    let cut = &third[column(K::CsvProposedWording)];
    assert!(cut.text.encode_utf16().count() <= redraft::export::MAX_CELL, "{} units", cut.text.encode_utf16().count());
    assert!(
        cut.text.ends_with(&format!("/amendments/{long})")),
        "no address of the rest: {:?}",
        &cut.text[cut.text.len() - 200..]
    );

    // In English, with Excel's English separator.
    let response = server
        .browser()
        .client
        .get(server.url("/texts/programme/amendments.csv"))
        .header("accept-language", "en")
        .send()
        .await
        .expect("csv");
    let rows = open_in_calc(&response.bytes().await.expect("csv"), ',');
    assert!(rows[0].iter().any(|cell| cell.text == Lang::EN.t(K::CsvDecidedBy)), "{:?}", rows[0]);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_amendment_list_opens_as_ods_and_xlsx() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let member = server.api_as("camille", Role::Member).await;
    let long_paragraph = "Un alinéa assez long pour occuper plusieurs lignes imprimées du texte, ".repeat(4);
    drafter.publish("programme", &["# Programme", long_paragraph.as_str(), "- Porter le SMIC à 1 600 euros."]).await;
    let list_item = member.propose("programme", 1, 3, 1, &["- Porter le SMIC à 1 800 euros."]).await;
    let formula = "=HYPERLINK(\"http://evil.example\";\"clic\")";
    let body = json!({ "base": 1, "start": 2, "count": 1, "new_lines": ["Court."], "rationale": formula });
    let (status, answer) = member.post("/api/v1/texts/programme/amendments", &body).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let long_line = "Très long alinéa. ".repeat(1_700);
    let long = member.propose("programme", 1, 4, 0, &[long_line.as_str(), long_line.as_str()]).await;
    let decision = json!({ "decision": "accept", "note": "Chiffré  par la commission." });
    let (status, answer) = drafter.post(&format!("/api/v1/amendments/{list_item}/decision"), &decision).await;
    assert_eq!(status, StatusCode::OK, "{answer}");

    for (extension, content_type) in [
        ("ods", "application/vnd.oasis.opendocument.spreadsheet"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ] {
        let response = server.browser().get_response(&format!("/texts/programme/amendments.{extension}")).await;
        assert_eq!(response.status(), StatusCode::OK, "{extension}");
        assert_eq!(response.headers()["content-type"], content_type);
        let disposition = response.headers()["content-disposition"].to_str().expect("ascii").to_owned();
        assert!(disposition.contains(&format!("programme-amendements.{extension}")), "{disposition}");
        let rows = open_sheet(&response.bytes().await.expect("file"), extension, None);
        let header = &rows[0];
        let column = |key: K| {
            header
                .iter()
                .position(|cell| cell.text == Lang::FR.t(key))
                .unwrap_or_else(|| panic!("{extension}: no column {key:?}: {header:?}"))
        };
        let row_of = |reference: &str| {
            rows.iter()
                .find(|row| row.first().is_some_and(|cell| cell.text == reference))
                .unwrap_or_else(|| panic!("{extension}: no row {reference}: {rows:?}"))
        };
        let first = row_of("PROG-1");
        let proposed = &first[column(K::CsvProposedWording)];
        assert_eq!((proposed.kind.as_str(), proposed.text.as_str()), ("string", "• Porter le SMIC à 1 800 euros."));
        for key in [K::CsvId, K::CsvRevision, K::CsvFirstParagraph, K::CsvFirstPrintedLine, K::CsvLastPrintedLine] {
            assert_eq!(
                first[column(key)].kind,
                "float",
                "{extension}: {key:?} is not a number: {:?}",
                first[column(key)]
            );
        }
        // The list item comes after a heading (one line) and a paragraph of four lines.
        assert_eq!(first[column(K::CsvFirstParagraph)].text, "3");
        assert_eq!(first[column(K::CsvFirstPrintedLine)].text, "6", "{extension}");
        let decided_at = &first[column(K::CsvDecidedAt)];
        assert_eq!(decided_at.kind, "date", "{extension}: {decided_at:?}");
        assert!(decided_at.text.starts_with("20"), "{extension}: {decided_at:?}");
        // Spaces are kept as written.
        assert_eq!(first[column(K::CsvDecisionNote)].text, "Chiffré  par la commission.", "{extension}");
        let second = row_of("PROG-2");
        assert_eq!(
            (second[column(K::CsvFirstPrintedLine)].text.as_str(), second[column(K::CsvLastPrintedLine)].text.as_str()),
            ("2", "5"),
            "{extension}"
        );
        // A formula is text as written: never run, and no apostrophe needed.
        let rationale = &second[column(K::CsvRationale)];
        assert_eq!((rationale.formula, rationale.kind.as_str(), rationale.text.as_str()), (false, "string", formula));
        let cut = &row_of("PROG-3")[column(K::CsvProposedWording)];
        assert!(cut.text.encode_utf16().count() <= redraft::export::MAX_CELL, "{extension}");
        assert!(cut.text.ends_with(&format!("/amendments/{long})")), "{extension}: no address of the rest");
    }
    server.stop().await;
}
