//! The text with tracked changes as ODT and DOCX, opened by LibreOffice headless (Debian's
//! libreoffice-writer-nogui): each file is converted to DOCX by LibreOffice, and the
//! changes it read are checked one by one: accepting them all gives the later text,
//! rejecting them all the earlier one, and each is attributed to its amendment's author
//! and reference, or to the drafter whose edit made it. Converted to PDF, the word
//! processor's own line numbers are the printed lines of rule 10.

mod common;

use std::collections::BTreeSet;
use std::io::Read;
use std::process::Command;

use common::TestServer;
use redraft::domain::Role;
use redraft::domain::printed::{Printing, print};
use reqwest::StatusCode;
use serde_json::json;

const GOAL: &str = "Atteindre la neutralité carbone en 2030 avec 100 % d'énergies renouvelables.";
const DOOMED: &str = "Cet alinéa sera supprimé par un amendement.";
const LAST: &str = "La transition sera juste ou ne sera pas.";

/// Converts `file` (named by `extension`) with LibreOffice, headless, to `target`, and
/// returns the converted bytes.
fn convert(file: &[u8], extension: &str, target: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join(format!("texte.{extension}"));
    std::fs::write(&input, file).expect("write the file");
    let out = dir.path().join("out");
    let output = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", dir.path().join("profile").display()))
        .args(["--headless", "--convert-to", target, "--outdir"])
        .arg(&out)
        .arg(&input)
        .output()
        .expect("LibreOffice (soffice) runs: install libreoffice-writer-nogui");
    let extension = target.split(':').next().unwrap_or(target);
    std::fs::read(out.join(format!("texte.{extension}"))).unwrap_or_else(|error| {
        panic!(
            "LibreOffice did not convert the file ({error}): {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// The `word/document.xml` of a DOCX.
fn document_xml(docx: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let mut part = archive.by_name("word/document.xml").expect("word/document.xml");
    let mut xml = String::new();
    part.read_to_string(&mut xml).expect("UTF-8");
    xml
}

/// The changes a DOCX records, as Word and LibreOffice resolve them.
struct Changes {
    /// The paragraphs with every change accepted, and with every one rejected.
    accepted: Vec<String>,
    rejected: Vec<String>,
    /// Each insertion's and deletion's author.
    authors: BTreeSet<String>,
    /// Each insertion's author and text, and each deletion's.
    insertions: Vec<(String, String)>,
    deletions: Vec<(String, String)>,
    count: usize,
}

fn changes_of(xml: &str) -> Changes {
    let document = roxmltree::Document::parse(xml).expect("well-formed XML");
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let (mut accepted, mut rejected) = (Vec::new(), Vec::new());
    let (mut accepting, mut rejecting) = (String::new(), String::new());
    let (mut authors, mut count, mut insertions, mut deletions) = (BTreeSet::new(), 0, Vec::new(), Vec::new());
    let body = document.descendants().find(|node| node.has_tag_name((w, "body"))).expect("a body");
    for paragraph in body.children().filter(|node| node.has_tag_name((w, "p"))) {
        for node in paragraph.descendants() {
            let inside = |tag: &str| node.ancestors().any(|a| a.has_tag_name((w, tag)));
            if node.has_tag_name((w, "t")) {
                let text = node.text().unwrap_or_default();
                accepting.push_str(text);
                if !inside("ins") {
                    rejecting.push_str(text);
                }
            } else if node.has_tag_name((w, "delText")) {
                rejecting.push_str(node.text().unwrap_or_default());
            } else if node.has_tag_name((w, "ins")) || node.has_tag_name((w, "del")) {
                count += 1;
                let author = node.attribute((w, "author")).unwrap_or_default().to_owned();
                if node.has_tag_name((w, "ins")) {
                    let text: String =
                        node.descendants().filter(|n| n.has_tag_name((w, "t"))).filter_map(|n| n.text()).collect();
                    insertions.push((author.clone(), text));
                } else {
                    let text: String = node
                        .descendants()
                        .filter(|n| n.has_tag_name((w, "delText")))
                        .filter_map(|n| n.text())
                        .collect();
                    deletions.push((author.clone(), text));
                }
                authors.insert(author);
            }
        }
        // A paragraph whose mark was inserted is one with the next when rejected, and one
        // whose mark was deleted is one with the next when accepted.
        let mark = |tag: &str| {
            paragraph
                .children()
                .filter(|node| node.has_tag_name((w, "pPr")))
                .flat_map(|ppr| ppr.children())
                .filter(|node| node.has_tag_name((w, "rPr")))
                .any(|rpr| rpr.children().any(|node| node.has_tag_name((w, tag))))
        };
        if !mark("del") {
            accepted.push(std::mem::take(&mut accepting));
        }
        if !mark("ins") {
            rejected.push(std::mem::take(&mut rejecting));
        }
    }
    Changes { accepted, rejected, authors, insertions, deletions, count }
}

/// Converts each file with LibreOffice, in one run, to DOCX, and reads the changes each
/// records.
fn changes_in(files: &[(String, Vec<u8>)]) -> Vec<Changes> {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut command = Command::new("soffice");
    command.arg(format!("-env:UserInstallation=file://{}", dir.path().join("profile").display()));
    command.args(["--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir"]).arg(dir.path().join("out"));
    for (name, bytes) in files {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write the file");
        command.arg(path);
    }
    let output = command.output().expect("LibreOffice (soffice) runs: install libreoffice-writer-nogui");
    files
        .iter()
        .map(|(name, _)| {
            let stem = name.rsplit_once('.').map_or(name.as_str(), |(stem, _)| stem);
            let converted =
                std::fs::read(dir.path().join("out").join(format!("{stem}.docx"))).unwrap_or_else(|error| {
                    panic!("LibreOffice did not convert {name} ({error}): {}", String::from_utf8_lossy(&output.stderr))
                });
            changes_of(&document_xml(&converted))
        })
        .collect()
}

/// Paragraphs as the documents print them: headings bare, list items with their bullet.
fn printed(title: &str, lines: &[&str]) -> Vec<String> {
    let mut paragraphs = vec![title.to_owned()];
    for line in lines {
        let shown = if let Some(rest) = line.strip_prefix("# ") {
            rest.to_owned()
        } else if let Some(rest) = line.strip_prefix("- ") {
            format!("• {rest}")
        } else if let Some(rest) = line.strip_prefix("1. ") {
            format!("1. {rest}")
        } else {
            (*line).to_owned()
        };
        paragraphs.push(shown);
    }
    paragraphs
}

async fn file(server: &TestServer, path: &str) -> Vec<u8> {
    let response = server.browser().get_response(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.bytes().await.expect("body").to_vec()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revisions_export_with_their_changes_tracked_and_attributed() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let (camille, yanis) = (server.api_as("camille", Role::Member).await, server.api_as("yanis", Role::Member).await);
    let first = ["# Climat", GOAL, DOOMED, "- Isoler les logements.", LAST];
    drafter.publish("climat", &first).await;
    let title = drafter.get("/api/v1/texts/climat").await.1["title"].as_str().expect("title").to_owned();
    let year = camille.propose("climat", 1, 2, 1, &[&GOAL.replace("2030", "2035")]).await;
    let deletion = yanis.propose("climat", 1, 3, 1, &[]).await;
    let addition = camille.propose("climat", 1, 6, 0, &["- Former 100 000 artisans."]).await;
    for id in [year, deletion, addition] {
        drafter.accept(id).await;
    }
    let merge = json!({ "base": 1, "amendments": [year, deletion, addition] });
    let (status, answer) = drafter.post("/api/v1/texts/climat/merge", &merge).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    // Then a drafter's own edit: one word of the last paragraph.
    let edited = LAST.replace("juste", "équitable");
    let body =
        ["# Climat", &GOAL.replace("2030", "2035"), "- Isoler les logements.", &edited, "- Former 100 000 artisans."]
            .join("\n");
    let (status, answer) = drafter.put("/api/v1/texts/climat", &json!({ "base": 2, "body": body })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let third =
        ["# Climat", &GOAL.replace("2030", "2035"), "- Isoler les logements.", &edited, "- Former 100 000 artisans."];

    for extension in ["odt", "docx"] {
        let ours = file(&server, &format!("/texts/climat/export.{extension}?from=1&to=3")).await;
        let converted = convert(&ours, extension, "docx:MS Word 2007 XML");
        let changes = changes_of(&document_xml(&converted));
        assert_eq!(changes.accepted, printed(&title, &third), "{extension}: accepted");
        assert_eq!(changes.rejected, printed(&title, &first), "{extension}: rejected");
        let authors = ["camille (CLIM-1)", "camille (CLIM-3)", "redaction (révision 3)", "yanis (CLIM-2)"];
        assert_eq!(changes.authors, authors.iter().map(|a| a.to_string()).collect(), "{extension}");
        // 2030 → 2035, the paragraph deleted, the one inserted, juste → équitable: two
        // marks each at least (a paragraph's text and its mark).
        assert!(changes.count >= 8, "{extension}: {} changes", changes.count);
    }

    // By default, the changes of the last revision only: the drafter's edit.
    let latest = changes_of(&document_xml(&convert(
        &file(&server, "/texts/climat/export.docx").await,
        "docx",
        "docx:MS Word 2007 XML",
    )));
    assert_eq!(latest.authors.len(), 1, "{:?}", latest.authors);
    assert!(latest.authors.iter().all(|a| a.ends_with("(révision 3)")), "{:?}", latest.authors);
    let (status, page) = server.browser().get("/texts/climat/export.odt?from=3&to=1").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("La révision de départ (3) doit précéder celle d’arrivée (1)."), "{page}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_set_of_amendments_exports_as_the_changes_it_would_make() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let camille = server.api_as("camille", Role::Member).await;
    let first = ["# Climat", GOAL, LAST];
    drafter.publish("climat", &first).await;
    let title = drafter.get("/api/v1/texts/climat").await.1["title"].as_str().expect("title").to_owned();
    let year = camille.propose("climat", 1, 2, 1, &[&GOAL.replace("2030", "2035")]).await;
    let share = camille.propose("climat", 1, 2, 1, &[&GOAL.replace("100 %", "90 %")]).await;
    let clash = camille.propose("climat", 1, 2, 1, &[&GOAL.replace("2030", "2040")]).await;

    let path = format!("/texts/climat/export.odt?amendments={year},{share}");
    let changes = changes_of(&document_xml(&convert(&file(&server, &path).await, "odt", "docx:MS Word 2007 XML")));
    let both = GOAL.replace("2030", "2035").replace("100 %", "90 %");
    assert_eq!(changes.accepted, printed(&title, &["# Climat", &both, LAST]));
    assert_eq!(changes.rejected, printed(&title, &first));
    // Each word change goes to its own amendment, though both reworded one alinéa.
    let by = |reference: &str| {
        changes
            .insertions
            .iter()
            .filter(|(author, _)| author.ends_with(&format!("({reference})")))
            .map(|(_, text)| text.as_str())
            .collect::<String>()
    };
    assert_eq!((by("CLIM-1").as_str(), by("CLIM-2").as_str()), ("2035", "90"), "{:?}", changes.insertions);
    // The key repeated works as the list does.
    let repeated = format!("/texts/climat/export.docx?amendments={year}&amendments={share}");
    let again = changes_of(&document_xml(&file(&server, &repeated).await));
    assert_eq!(again.accepted, changes.accepted);

    // What cannot be exported says why, in the reader's language.
    let reader = server.browser();
    for (path, status, says) in [
        (format!("/texts/climat/export.odt?amendments={year},{clash}"), StatusCode::CONFLICT, "CLIM-3"),
        ("/texts/climat/export.odt?amendments=deux".to_owned(), StatusCode::BAD_REQUEST, "nombre entier"),
        (format!("/texts/climat/export.odt?amendments={year}&from=1"), StatusCode::UNPROCESSABLE_ENTITY, "from"),
        ("/texts/climat/export.docx?from=2&to=1".to_owned(), StatusCode::NOT_FOUND, "introuvable"),
        ("/texts/climat/export.docx?from=1&to=9".to_owned(), StatusCode::NOT_FOUND, "introuvable"),
        ("/texts/climat/export.docx?amendments=999".to_owned(), StatusCode::NOT_FOUND, "introuvable"),
        ("/texts/nulle-part/export.docx".to_owned(), StatusCode::NOT_FOUND, "introuvable"),
    ] {
        let (got, page) = reader.get(&path).await;
        assert_eq!(got, status, "{path}");
        assert!(page.contains(says), "{path}: {page}");
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_word_processor_numbers_the_printed_lines() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let long = "Nous recruterons cent mille infirmiers, aides-soignants et personnels hospitaliers en cinq ans, \
        financés par une hausse de l'objectif national de dépenses d'assurance maladie de 4\u{a0}% par an, \
        et nous fixerons par la loi des ratios minimaux de soignants par patient dans chaque service.";
    let lines = [
        "# Santé et hôpital public : reconstruire un service public accessible partout",
        long,
        "- Revaloriser de 300 euros nets par mois les salaires des infirmiers et des aides-soignants.",
        long,
    ];
    drafter.publish("sante", &lines).await;
    let stored: Vec<String> = lines.iter().map(|line| (*line).to_owned()).collect();
    let expected = print(&stored, Printing::current(80));
    assert!(expected.len() > 10, "long enough to wrap");
    for extension in ["odt", "docx"] {
        let pdf = convert(&file(&server, &format!("/texts/sante/export.{extension}")).await, extension, "pdf");
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("texte.pdf"), pdf).expect("write");
        let output = Command::new("pdftotext").args(["-layout"]).arg(dir.path().join("texte.pdf")).arg("-").output();
        let text = String::from_utf8_lossy(&output.expect("pdftotext runs: install poppler-utils").stdout).into_owned();
        let numbered: Vec<(u32, String)> = text
            .lines()
            .filter_map(|line| {
                let line = line.trim_start();
                let digits = line.find(|c: char| !c.is_ascii_digit())?;
                let number = line[..digits].parse().ok()?;
                Some((number, line[digits..].split_whitespace().collect::<Vec<_>>().join(" ")))
            })
            .collect();
        let ours: Vec<(u32, String)> = expected
            .iter()
            .map(|line| (line.number, line.text.split_whitespace().collect::<Vec<_>>().join(" ")))
            .collect();
        assert_eq!(numbered, ours, "{extension}: the word processor's lines are the printed lines");
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_shape_of_change_accepts_and_rejects_to_the_right_text() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let (a, b, c, d) = (
        "Premier alinéa du texte.",
        "Deuxième alinéa, tout autre chose.",
        "Un troisième, sans rapport.",
        "Quatrième et dernier mot.",
    );
    let cases: Vec<(&str, Vec<&str>, Vec<&str>)> = vec![
        ("last-replaced", vec![a, b], vec![a, c]),
        ("first-deleted", vec![a, b, c], vec![b, c]),
        ("last-deleted", vec![a, b, c], vec![a, b]),
        ("all-replaced", vec![a, b], vec![c, d]),
        ("appended", vec![a], vec![a, b, c]),
        ("prepended", vec![a], vec![b, c, a]),
        ("heading-to-item", vec!["# Titre", a], vec!["- Titre", a]),
        ("renumbered", vec!["- Isoler", a], vec!["1. Isoler", a]),
        ("reworded-then-deleted", vec![a, b, c, d], vec![a, "Premier alinéa du texte, revu.", d]),
    ];
    let mut files = Vec::new();
    let mut expected = Vec::new();
    for (slug, first, second) in &cases {
        drafter.publish(slug, first).await;
        let (status, answer) =
            drafter.put(&format!("/api/v1/texts/{slug}"), &json!({ "base": 1, "body": second.join("\n") })).await;
        assert_eq!(status, StatusCode::CREATED, "{slug}: {answer}");
        let title = drafter.get(&format!("/api/v1/texts/{slug}")).await.1["title"].as_str().expect("title").to_owned();
        for extension in ["odt", "docx"] {
            files.push((
                format!("{slug}-{extension}.{extension}"),
                file(&server, &format!("/texts/{slug}/export.{extension}")).await,
            ));
            expected.push((format!("{slug} ({extension})"), printed(&title, second), printed(&title, first)));
        }
    }
    for (changes, (case, accepted, rejected)) in changes_in(&files).into_iter().zip(expected) {
        assert_eq!(changes.accepted, accepted, "{case}: accepting every change");
        assert_eq!(changes.rejected, rejected, "{case}: rejecting every change");
        assert!(changes.count > 0, "{case}: changes tracked");
    }

    // A set of amendments that would leave no line is refused, as its merge would be.
    let camille = server.api_as("camille", Role::Member).await;
    let gone = camille.propose("appended", 2, 1, 3, &[]).await;
    let (status, page) = server.browser().get(&format!("/texts/appended/export.odt?amendments={gone}")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paragraph_reworded_then_removed_is_credited_to_whoever_removed_it() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let camille = server.api_as("camille", Role::Member).await;
    drafter.publish("climat", &["# Climat", GOAL, LAST]).await;
    let reworded = camille.propose("climat", 1, 2, 1, &[&GOAL.replace("2030", "2035")]).await;
    drafter.accept(reworded).await;
    let (status, answer) =
        drafter.post("/api/v1/texts/climat/merge", &json!({ "base": 1, "amendments": [reworded] })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let (status, answer) =
        drafter.put("/api/v1/texts/climat", &json!({ "base": 2, "body": format!("# Climat\n{LAST}") })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");

    let changes = changes_of(&document_xml(&file(&server, "/texts/climat/export.docx?from=1&to=3").await));
    let removed: Vec<&(String, String)> =
        changes.deletions.iter().filter(|(_, text)| text.contains("neutralité")).collect();
    assert!(!removed.is_empty(), "{:?}", changes.deletions);
    assert!(removed.iter().all(|(author, _)| author == "redaction (révision 3)"), "{removed:?}");
    server.stop().await;
}
