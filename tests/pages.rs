//! The pages as a browser without JavaScript uses them, over real HTTP: following line
//! links to the amendment form, proposing, reviewing, deciding, merging and exporting with
//! plain forms; the full-text editor and its conflict page; history and diffs; sessions,
//! cookies and CSRF; escaping; members-only texts; languages and error pages.

mod common;

use common::{Api, Browser, PASSWORD, TestServer, csrf_in};
use redraft::auth::LOGIN_FAILURES_PER_ACCOUNT;
use redraft::domain::Role;
use redraft::i18n::{Arg, K, Lang};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_DISPOSITION, LOCATION, SET_COOKIE};
use serde_json::{Value, json};

const PROGRAMME: &[&str] = &[
    "# Programme pour 2027",
    "Nous voulons des écoles ouvertes le samedi.",
    "Les transports seront gratuits pour les jeunes.",
    "La santé est un droit.",
];

// ---------------------------------------------------------------------------------------
// Reading pages

/// Undoes maud's escaping (and the numeric forms a view might use).
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

/// Escapes as maud does, to look for a value in a page.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The opening tags `<name ...>` of a page.
fn tags<'a>(page: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name} ");
    let mut found = Vec::new();
    let mut rest = page;
    while let Some(at) = rest.find(&open) {
        let tag = &rest[at..];
        let end = tag.find('>').map_or(tag.len(), |end| end + 1);
        found.push(&tag[..end]);
        rest = &tag[end..];
    }
    found
}

/// The (unescaped) value of attribute `name` in one tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    let end = tag[start..].find('"')?;
    Some(unescape(&tag[start..start + end]))
}

/// The value of the first `<input name="...">` of a page.
fn input_value(page: &str, name: &str) -> Option<String> {
    tags(page, "input")
        .into_iter()
        .find(|tag| attribute(tag, "name").as_deref() == Some(name))
        .and_then(|tag| attribute(tag, "value"))
}

/// The values of every `<input name="...">` of a page.
fn input_values(page: &str, name: &str) -> Vec<String> {
    tags(page, "input")
        .into_iter()
        .filter(|tag| attribute(tag, "name").as_deref() == Some(name))
        .filter_map(|tag| attribute(tag, "value"))
        .collect()
}

/// The (unescaped) content of the first `<textarea name="...">` of a page.
fn textarea(page: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\"");
    let mut rest = page;
    while let Some(at) = rest.find("<textarea ") {
        let tag_and_rest = &rest[at..];
        let tag_end = tag_and_rest.find('>')?;
        let content = &tag_and_rest[tag_end + 1..];
        let close = content.find("</textarea>")?;
        if tag_and_rest[..tag_end].contains(&marker) {
            return Some(unescape(&content[..close]));
        }
        rest = &content[close..];
    }
    None
}

/// Every link target of a page, unescaped.
fn hrefs(page: &str) -> Vec<String> {
    tags(page, "a").into_iter().filter_map(|tag| attribute(tag, "href")).collect()
}

/// The fields of the first form of a page posting to `action`, as a browser sends them
/// untouched: inputs with their values (boxes only when ticked), textareas with their text.
fn form_fields(page: &str, action: &str) -> Vec<(String, String)> {
    let marker = format!("action=\"{}\"", escape(action));
    let Some(start) = page.find(&marker) else { return Vec::new() };
    let form = &page[start..];
    let form = &form[..form.find("</form>").unwrap_or(form.len())];
    let mut fields: Vec<(String, String)> = tags(form, "input")
        .into_iter()
        .filter(|tag| match attribute(tag, "type").as_deref() {
            Some("checkbox" | "radio") => tag.contains(" checked"),
            Some("submit" | "button") => false,
            _ => true,
        })
        .filter_map(|tag| Some((attribute(tag, "name")?, attribute(tag, "value").unwrap_or_default())))
        .collect();
    let mut rest = form;
    while let Some(at) = rest.find("<textarea ") {
        let tag = &rest[at..];
        let Some(end) = tag.find('>') else { break };
        let content = &tag[end + 1..];
        let close = content.find("</textarea>").unwrap_or(content.len());
        if let Some(name) = attribute(&tag[..end + 1], "name") {
            fields.push((name, unescape(&content[..close])));
        }
        rest = &content[close..];
    }
    fields
}

/// The hidden fields of the first form of a page posting to `action`.
fn hidden_fields(page: &str, action: &str) -> Vec<(String, String)> {
    let marker = format!("action=\"{}\"", escape(action));
    let Some(start) = page.find(&marker) else { return Vec::new() };
    let form = &page[start..];
    let form = &form[..form.find("</form>").unwrap_or(form.len())];
    tags(form, "input")
        .into_iter()
        .filter(|tag| attribute(tag, "type").as_deref() == Some("hidden"))
        .filter_map(|tag| Some((attribute(tag, "name")?, attribute(tag, "value").unwrap_or_default())))
        .collect()
}

/// Whether a page has a form posting to `action`.
fn has_form(page: &str, action: &str) -> bool {
    tags(page, "form").iter().any(|tag| attribute(tag, "action").as_deref() == Some(action))
}

fn percent_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%'
            && index + 2 < bytes.len()
            && let Ok(byte) = u8::from_str_radix(&value[index + 1..index + 3], 16)
        {
            out.push(byte);
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(out).expect("utf-8")
}

/// Asserts that a page is a full HTML page in `lang`.
fn assert_full_page(page: &str, lang: Lang, context: &str) {
    assert!(page.starts_with("<!DOCTYPE html>"), "{context}: not a full page: {page:.200}");
    assert!(page.contains(&format!("<html lang=\"{}\">", lang.code())), "{context}: not in {lang:?}: {page:.300}");
    assert!(page.contains("</html>"), "{context}: truncated page");
}

/// Asserts that a page shows message `key` of the catalogue in `lang`.
fn assert_says(page: &str, lang: Lang, key: K, context: &str) {
    let message = escape(lang.t(key));
    assert!(page.contains(&message), "{context}: {key:?} ({message}) missing from the page:\n{page}");
}

/// Asserts that a page shows message `key` of the catalogue in `lang`, with `args`.
fn assert_says_with(page: &str, lang: Lang, key: K, args: &[(&'static str, &str)], context: &str) {
    let args: Vec<Arg<'_>> = args.iter().map(|(name, value)| Arg::text(name, *value)).collect();
    let message = escape(&lang.f(key, &args));
    assert!(page.contains(&message), "{context}: {key:?} ({message}) missing from the page:\n{page}");
}

/// The history section of an amendment's page: what follows its last heading "Historique".
fn amendment_history(page: &str) -> &str {
    let heading = escape(Lang::FR.t(K::HistoryOfAmendment));
    page.rfind(&heading).map_or("", |at| &page[at..])
}

/// A strict reader of the CSV export: text quoted, numbers bare (digits only); returns the rows.
fn parse_csv(text: &str, separator: char) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut chars = text.chars().peekable();
    let mut row = Vec::new();
    loop {
        let mut field = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    Some('"') => break,
                    Some(c) => field.push(c),
                    None => panic!("unterminated field {field:?}"),
                }
            }
        } else {
            while let Some(c) = chars.peek().copied().filter(char::is_ascii_digit) {
                field.push(c);
                chars.next();
            }
            assert!(!field.is_empty(), "a field neither quoted nor a number after {row:?} in {text}");
        }
        row.push(field);
        match chars.next() {
            Some(c) if c == separator => {}
            Some('\r') => {
                assert_eq!(chars.next(), Some('\n'), "rows end with CRLF");
                rows.push(std::mem::take(&mut row));
                if chars.peek().is_none() {
                    return rows;
                }
            }
            other => panic!("unexpected {other:?} after field {:?}", row.last()),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Setting up

/// An API client for an account that already exists (created by `browser_as`).
async fn api_for(server: &TestServer, login: &str) -> Api {
    let anonymous = server.api();
    let (status, body) = anonymous.post("/api/v1/tokens", &json!({ "login": login, "password": PASSWORD })).await;
    assert_eq!(status, StatusCode::CREATED, "token for {login}: {body}");
    Api { token: Some(body["token"].as_str().expect("token").to_owned()), ..anonymous }
}

/// A browser and an API client for the same new account.
async fn person(server: &TestServer, login: &str, role: Role) -> (Browser, Api) {
    let browser = server.browser_as(login, role).await;
    let api = api_for(server, login).await;
    (browser, api)
}

async fn amendment_json(api: &Api, id: i64) -> Value {
    let (status, amendment) = api.get(&format!("/api/v1/amendments/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{amendment}");
    amendment
}

async fn state_of(api: &Api, id: i64) -> String {
    amendment_json(api, id).await["state"].as_str().expect("state").to_owned()
}

async fn amendment_count(api: &Api, slug: &str) -> usize {
    let (status, list) = api.get(&format!("/api/v1/texts/{slug}/amendments")).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list.as_array().expect("list").len()
}

/// The redirect target of a 303, or a failure naming the page.
fn see_other(status: StatusCode, location: Option<String>, body: &str, context: &str) -> String {
    assert_eq!(status, StatusCode::SEE_OTHER, "{context}: {body}");
    location.unwrap_or_else(|| panic!("{context}: no Location"))
}

fn amendment_id_in(location: &str) -> i64 {
    let path = location.split('?').next().unwrap_or_default();
    path.strip_prefix("/amendments/").and_then(|id| id.parse().ok()).unwrap_or_else(|| panic!("{location}"))
}

/// Posts a page's form as a browser does: its hidden fields (the CSRF token, the
/// submission key, the version shown…) as the page has them, then `fields`, which replace
/// any of the same name. An amendment form is sent with its "file" button, after a preview.
async fn submit(
    browser: &Browser,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, Option<String>, String) {
    let (status, content) = browser.get(page).await;
    assert!(status.is_success(), "GET {page}: {status}");
    let mut hidden = form_fields(&content, action);
    if hidden.is_empty() {
        hidden.push(("csrf".to_owned(), csrf_in(&content).unwrap_or_else(|| panic!("no CSRF token on {page}"))));
    }
    let mut all: Vec<(&str, &str)> = hidden
        .iter()
        .filter(|(name, _)| fields.iter().all(|(given, _)| given != name))
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    all.extend_from_slice(fields);
    let files_an_amendment =
        action.ends_with("/amendments") || (action.starts_with("/amendments/") && action.ends_with("/edit"));
    if files_an_amendment && fields.iter().all(|(name, _)| *name != "action") {
        all.retain(|(name, _)| !name.starts_with("shown_"));
        all.push(("action", "file"));
    }
    browser.post_form(action, &all).await
}

// ---------------------------------------------------------------------------------------
// The whole flow without JavaScript

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_amends_through_line_links_and_a_drafter_reviews_merges_and_exports() {
    let server = TestServer::start().await;
    let (drafter, drafter_api) = person(&server, "redaction", Role::Drafter).await;
    let (member, member_api) = person(&server, "camille", Role::Member).await;
    drafter_api.publish("programme", PROGRAMME).await;

    // The text page: every line number links to the amendment form on that line.
    let (status, page) = member.get("/texts/programme").await;
    assert_eq!(status, StatusCode::OK);
    let links = hrefs(&page);
    for n in 1..=PROGRAMME.len() {
        let link = format!("/texts/programme/amend?revision=1&start={n}&count=1");
        assert!(links.contains(&link), "no link {link} in {links:?}");
    }

    // The form, pre-filled with line 2, with its anchor fields.
    let (status, form) = member.get("/texts/programme/amend?revision=1&start=2&count=1").await;
    assert_eq!(status, StatusCode::OK, "{form}");
    assert!(has_form(&form, "/texts/programme/amendments"), "{form}");
    assert_eq!(input_value(&form, "base").as_deref(), Some("1"));
    assert_eq!(input_value(&form, "start").as_deref(), Some("2"));
    assert_eq!(input_value(&form, "count").as_deref(), Some("1"));
    assert_eq!(textarea(&form, "new_lines").as_deref(), Some(PROGRAMME[1]));
    assert_eq!(textarea(&form, "rationale").as_deref(), Some(""));

    // A range chosen by hand in the start and count fields is quoted too.
    let (_, range_form) = member.get("/texts/programme/amend?revision=1&start=3&count=2").await;
    assert_eq!(textarea(&range_form, "new_lines"), Some(format!("{}\n{}", PROGRAMME[2], PROGRAMME[3])));

    // The form files nothing before its author has seen the diff: its button previews.
    let changed = "Nous voulons des écoles ouvertes le mercredi.";
    let typed =
        [("new_lines", changed), ("summary", "Le mercredi plutôt"), ("rationale", "Les familles le demandent.")];
    let mut fields: Vec<(String, String)> = hidden_fields(&form, "/texts/programme/amendments");
    fields.extend([("start", "2"), ("count", "1")].map(|(n, v)| (n.to_owned(), v.to_owned())));
    fields.extend(typed.map(|(n, v)| (n.to_owned(), v.to_owned())));
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let (status, _, preview) = member.post_form("/texts/programme/amendments", &pairs).await;
    assert_eq!(status, StatusCode::OK, "{preview}");
    assert!(preview.contains("<del>samedi</del>") && preview.contains("<ins>mercredi</ins>"), "no preview: {preview}");
    assert_eq!(
        member_api.get("/api/v1/texts/programme/amendments").await.1,
        serde_json::json!([]),
        "filed by a preview"
    );
    assert_eq!(textarea(&preview, "rationale").as_deref(), Some("Les familles le demandent."));
    // The preview offers to file it.
    let mut fields = hidden_fields(&preview, "/texts/programme/amendments");
    fields.extend([("start", "2"), ("count", "1"), ("action", "file")].map(|(n, v)| (n.to_owned(), v.to_owned())));
    fields.extend(typed.map(|(n, v)| (n.to_owned(), v.to_owned())));
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let (status, location, body) = member.post_form("/texts/programme/amendments", &pairs).await;
    let location = see_other(status, location, &body, "propose");
    let id = amendment_id_in(&location);

    let (status, page) = member.get(&location).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("PROG-1"), "no reference: {page}");
    assert!(page.contains("<del>samedi</del>"), "no word-level deletion: {page}");
    assert!(page.contains("<ins>mercredi</ins>"), "no word-level insertion: {page}");
    assert!(page.contains("Le mercredi plutôt"), "no summary");
    assert!(page.contains("Les familles le demandent."), "no rationale");
    assert!(has_form(&page, &format!("/amendments/{id}/withdraw")), "the author can withdraw");
    assert!(!has_form(&page, &format!("/amendments/{id}/decision")), "a member cannot decide");

    // A second amendment, whose rationale a spreadsheet would run as a formula.
    let formula = "=HYPERLINK(\"http://evil.example\";\"clic\")";
    let (status, location, body) = submit(
        &member,
        "/texts/programme/amend?revision=1&start=4&count=1",
        "/texts/programme/amendments",
        &[
            ("base", "1"),
            ("start", "4"),
            ("count", "1"),
            ("new_lines", "La santé est un droit pour toutes et tous."),
            ("rationale", formula),
        ],
    )
    .await;
    let second = amendment_id_in(&see_other(status, location, &body, "second proposal"));

    // The home page counts them; the text's margin links to those on each line.
    let (_, home) = server.browser().get("/").await;
    assert!(home.contains(&escape(&Lang::FR.f(K::OpenAmendmentsCount, &[Arg::count("count", 2)]))), "{home}");
    let (_, page) = member.get("/texts/programme").await;
    let margin = "/texts/programme/amendments?revision=1&line=2";
    assert!(hrefs(&page).contains(&margin.to_owned()), "no margin link to the amendments on line 2");
    let (status, list) = member.get(margin).await;
    assert_eq!(status, StatusCode::OK);
    assert!(list.contains("PROG-1") && !list.contains("PROG-2"), "{list}");

    // The drafter accepts the first one from the review desk.
    let (status, review) = drafter.get("/texts/programme/review").await;
    assert_eq!(status, StatusCode::OK, "{review}");
    assert!(review.contains("PROG-1") && review.contains("PROG-2"));
    assert!(has_form(&review, &format!("/amendments/{id}/decision")));
    let (status, location, body) =
        submit(&drafter, "/texts/programme/review", &format!("/amendments/{id}/decision"), &[("decision", "accept")])
            .await;
    let location = see_other(status, location, &body, "accept");
    assert!(location.starts_with("/texts/programme/review"), "{location}");
    assert_eq!(state_of(&member_api, id).await, "accepted");

    // Then merges it: the desk shows what is still to decide, and links to the accepted
    // amendments with their checkboxes and the head as base.
    let (_, review) = drafter.get("/texts/programme/review").await;
    assert!(input_values(&review, "amendments").is_empty(), "nothing accepted among those to decide");
    assert_says(&review, Lang::FR, K::ShowAccepted, "review");
    let (_, review) = drafter.get("/texts/programme/review?state=accepted").await;
    // Each box names the version it shows, so that a merge takes the wording seen (rule 8b).
    let ticked = input_values(&review, "amendments");
    assert_eq!(ticked.len(), 1, "only accepted amendments can be ticked: {ticked:?}");
    assert!(ticked[0].starts_with(&format!("{id}v")), "{ticked:?}");
    assert_eq!(input_value(&review, "base").as_deref(), Some("1"));
    let (status, location, body) = submit(
        &drafter,
        "/texts/programme/review",
        "/texts/programme/merge",
        &[("summary", "Le mercredi"), ("amendments", &ticked[0])],
    )
    .await;
    let location = see_other(status, location, &body, "merge");
    assert!(location.starts_with("/texts/programme/review"), "{location}");
    assert_eq!(drafter_api.head("programme").await, 2);
    assert_eq!(state_of(&member_api, id).await, "merged");

    let (_, page) = member.get("/texts/programme").await;
    assert!(page.contains(changed), "the text page does not show the new wording");
    assert!(!page.contains(PROGRAMME[1]), "the text page still shows the old wording");

    // The old revision keeps its wording and offers no amendment links.
    let (status, old) = member.get("/texts/programme/revisions/1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(old.contains(PROGRAMME[1]), "revision 1 lost its wording");
    assert!(!hrefs(&old).iter().any(|href| href.contains("/amend?")), "amendment links on an old revision");

    // Exports of the head: plain text shows the heading as text (underlined), never its marker.
    let expected: Vec<&str> = vec![PROGRAMME[0], changed, PROGRAMME[2], PROGRAMME[3]];
    let response = member.get_response("/texts/programme/export.txt").await;
    assert_eq!(response.status(), StatusCode::OK);
    let disposition = response.headers().get(CONTENT_DISPOSITION).expect("disposition").to_str().expect("ascii");
    assert_eq!(disposition, "attachment; filename=\"programme-r2.txt\"");
    let title = PROGRAMME[0].trim_start_matches("# ");
    let plain = format!("{title}\n{}\n\n{}\n", "=".repeat(title.chars().count()), expected[1..].join("\n\n"));
    assert_eq!(response.text().await.expect("body"), plain);

    let response = member.get_response("/texts/programme/export.md").await;
    let disposition = response.headers().get(CONTENT_DISPOSITION).expect("disposition").to_str().expect("ascii");
    assert_eq!(disposition, "attachment; filename=\"programme-r2.md\"");
    assert_eq!(response.text().await.expect("body"), format!("{}\n", expected.join("\n\n")));

    let response = member.get_response("/texts/programme/export.txt?revision=1").await;
    let disposition = response.headers().get(CONTENT_DISPOSITION).expect("disposition").to_str().expect("ascii");
    assert_eq!(disposition, "attachment; filename=\"programme-r1.txt\"");
    let plain_one: Vec<String> = PROGRAMME.iter().map(|line| line.to_string()).collect();
    assert_eq!(
        response.text().await.expect("body"),
        redraft::export::revision(&plain_one, redraft::export::Format::Text)
    );

    // The amendments as CSV: BOM, every field quoted, one row each, formulas defused.
    let response = server.browser().get_response("/texts/programme/amendments.csv").await;
    assert_eq!(response.status(), StatusCode::OK);
    let content_type = response.headers().get("content-type").expect("type").to_str().expect("ascii").to_owned();
    assert!(content_type.starts_with("text/csv"), "{content_type}");
    let bytes = response.bytes().await.expect("body");
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "no UTF-8 byte-order mark");
    let text = std::str::from_utf8(&bytes[3..]).expect("utf-8");
    assert!(text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"clic\"\")\""), "{text}");
    let rows = parse_csv(text, ';');
    assert_eq!(rows.len(), 3, "a header and one row per amendment: {rows:?}");
    let column = |name: K| rows[0].iter().position(|h| h == Lang::FR.t(name)).expect("column");
    let by_reference =
        |reference: &str| rows.iter().find(|row| row[column(K::CsvReference)] == reference).expect("row");
    let first_row = by_reference("PROG-1");
    assert_eq!(first_row[column(K::CsvRationale)], "Les familles le demandent.");
    assert_eq!(first_row[column(K::CsvProposedWording)], changed);
    assert_eq!(first_row[column(K::CsvState)], "intégré");
    let second_row = by_reference("PROG-2");
    assert_eq!(second_row[column(K::CsvId)], second.to_string());
    assert_eq!(second_row[column(K::CsvRationale)], format!("'{formula}"));
    assert!(rows.iter().flatten().all(|field| !field.starts_with('=')), "{rows:?}");
    let disposition = response_disposition(&server, "/texts/programme/amendments.csv", "fr").await;
    assert!(disposition.starts_with("attachment;") && disposition.contains(".csv"), "{disposition}");

    // In English, Excel's English separator and English headings.
    let response = server
        .browser()
        .client
        .get(server.url("/texts/programme/amendments.csv"))
        .header("accept-language", "en")
        .send()
        .await
        .expect("csv");
    let bytes = response.bytes().await.expect("body");
    let rows = parse_csv(std::str::from_utf8(&bytes[3..]).expect("utf-8"), ',');
    assert_eq!(rows.len(), 3);
    assert!(rows[0].contains(&Lang::EN.t(K::CsvRationale).to_owned()), "{:?}", rows[0]);

    server.stop().await;
}

async fn response_disposition(server: &TestServer, path: &str, lang: &str) -> String {
    let response =
        server.browser().client.get(server.url(path)).header("accept-language", lang).send().await.expect("get");
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.headers().get(CONTENT_DISPOSITION).and_then(|v| v.to_str().ok()).expect("disposition").to_owned()
}

// ---------------------------------------------------------------------------------------
// Decisions, withdrawal, outdated amendments

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn decisions_withdrawal_and_reanchoring_through_page_forms() {
    let server = TestServer::start().await;
    let (drafter, drafter_api) = person(&server, "redaction", Role::Drafter).await;
    let (member, member_api) = person(&server, "camille", Role::Member).await;
    drafter_api.publish("programme", PROGRAMME).await;
    let modified = member_api.propose("programme", 1, 2, 1, &["Nous voulons des écoles ouvertes le mercredi."]).await;
    let rejected = member_api.propose("programme", 1, 3, 1, &["Les transports seront gratuits."]).await;
    let withdrawn = member_api.propose("programme", 1, 4, 1, &["La santé n’a pas de prix."]).await;
    let outdated = member_api.propose("programme", 1, 2, 1, &["Nous voulons des écoles fermées le dimanche."]).await;

    // Accept as modified from the amendment page: both versions stay visible.
    let page_path = format!("/amendments/{modified}");
    let accepted_wording = "Nous voulons des écoles ouvertes le mercredi matin.";
    let (status, location, body) = submit(
        &drafter,
        &page_path,
        &format!("/amendments/{modified}/decision"),
        &[
            ("back", "amendment"),
            ("note", "Le matin suffit."),
            ("modified_lines", accepted_wording),
            ("decision", "accept_modified"),
        ],
    )
    .await;
    assert_eq!(see_other(status, location, &body, "accept as modified"), format!("{page_path}?done=decided"));
    let amendment = amendment_json(&member_api, modified).await;
    assert_eq!(amendment["state"], "accepted");
    assert_eq!(amendment["new_lines"], json!(["Nous voulons des écoles ouvertes le mercredi."]));
    let (_, page) = member.get(&page_path).await;
    assert_says(&page, Lang::FR, K::Proposal, "accepted as modified");
    assert_says(&page, Lang::FR, K::AcceptedVersion, "accepted as modified");
    assert!(page.contains("<ins>mercredi</ins>"), "the original proposal is not shown");
    assert!(page.contains("<ins>mercredi matin</ins>"), "the accepted version is not shown: {page}");
    assert!(amendment_history(&page).contains("accepté avec modifications"), "no event for the decision");
    assert!(amendment_history(&page).contains("Le matin suffit."), "no note");

    // Reject with a note: the note is in the history.
    let (status, location, body) = submit(
        &drafter,
        "/texts/programme/review",
        &format!("/amendments/{rejected}/decision"),
        &[("back", "review"), ("note", "Trop coûteux & hors sujet."), ("decision", "reject")],
    )
    .await;
    see_other(status, location, &body, "reject");
    assert_eq!(state_of(&member_api, rejected).await, "rejected");
    let (_, page) = server.browser().get(&format!("/amendments/{rejected}")).await;
    let history = amendment_history(&page);
    assert!(history.contains("Trop coûteux &amp; hors sujet."), "the note is not in the history: {page}");
    assert!(history.contains("rejeté"), "no rejection in the history: {page}");

    // The author withdraws with the withdraw form; others see no such form.
    let withdraw_action = format!("/amendments/{withdrawn}/withdraw");
    let (_, page) = drafter.get(&format!("/amendments/{withdrawn}")).await;
    assert!(!has_form(&page, &withdraw_action), "a drafter is offered to withdraw someone else's amendment");
    let (status, location, body) = submit(&member, &format!("/amendments/{withdrawn}"), &withdraw_action, &[]).await;
    let location = see_other(status, location, &body, "withdraw");
    assert_eq!(location, format!("/amendments/{withdrawn}?done=withdrawn"));
    assert_eq!(state_of(&member_api, withdrawn).await, "withdrawn");
    let (_, page) = member.get(&location).await;
    assert_says_with(&page, Lang::FR, K::NoticeWithdrawn, &[("reference", "PROG-3")], "withdrawn");
    assert!(amendment_history(&page).contains("retiré"), "no withdrawal in the history");
    assert!(!has_form(&page, &withdraw_action), "a withdrawn amendment can be withdrawn again");

    // Merging the first one changes a word of line 2: the other amendment on that word becomes
    // outdated (rule 9: one on other words only would be rewritten instead).
    let (status, location, body) =
        submit(&drafter, "/texts/programme/review", "/texts/programme/merge", &[("amendments", &modified.to_string())])
            .await;
    see_other(status, location, &body, "merge");
    assert_eq!(drafter_api.lines("programme").await[1], accepted_wording);
    assert_eq!(state_of(&member_api, outdated).await, "outdated");

    let (_, page) = member.get(&format!("/amendments/{modified}")).await;
    assert!(page.contains("<ins>mercredi</ins>") && page.contains("<ins>mercredi matin</ins>"), "after the merge");
    // Outdated amendments are not the drafters' to decide: they are one click away.
    let (_, review) = drafter.get("/texts/programme/review").await;
    assert!(!review.contains(&format!("id=\"a-{outdated}\"")), "the desk lists what is still to decide");
    let (_, review) = drafter.get("/texts/programme/review?state=outdated").await;
    assert_says(&review, Lang::FR, K::OutdatedForDrafters, "review");

    let page_path = format!("/amendments/{outdated}");
    let (_, page) = member.get(&page_path).await;
    assert_says(&page, Lang::FR, K::OutdatedExplanation, "outdated amendment");
    let edit_path = format!("/amendments/{outdated}/edit");
    assert!(hrefs(&page).contains(&edit_path), "no re-anchor link");

    // Its author re-anchors it on the head.
    let (status, form) = member.get(&edit_path).await;
    assert_eq!(status, StatusCode::OK, "{form}");
    assert_eq!(input_value(&form, "base").as_deref(), Some("2"));
    assert_eq!(input_value(&form, "start").as_deref(), Some("2"));
    assert_eq!(input_value(&form, "count").as_deref(), Some("1"));
    assert_eq!(textarea(&form, "new_lines").as_deref(), Some("Nous voulons des écoles fermées le dimanche."));
    assert_eq!(textarea(&form, "rationale").as_deref(), Some("Parce que."));
    let reanchored = "Nous voulons des écoles ouvertes le mercredi matin et le samedi.";
    let (status, location, body) =
        submit(&member, &edit_path, &edit_path, &[("new_lines", reanchored), ("rationale", "Le samedi aussi.")]).await;
    assert_eq!(see_other(status, location, &body, "re-anchor"), format!("{page_path}?done=edited"));
    let amendment = amendment_json(&member_api, outdated).await;
    assert_eq!(amendment["state"], "open");
    assert_eq!(amendment["anchor"], json!({ "revision": 2, "start": 2, "count": 1 }));
    assert_eq!(amendment["new_lines"], json!([reanchored]));
    let (_, page) = member.get(&page_path).await;
    assert!(!page.contains(&escape(Lang::FR.t(K::OutdatedExplanation))), "still shown as outdated");
    assert!(amendment_history(&page).contains("réancré par son auteur"), "no re-anchoring in the history");
    assert!(page.contains("<ins> et le samedi</ins>"), "{page}");

    // Someone else cannot open its edit form.
    let (status, page) = drafter.get(&edit_path).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{page}");

    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_merge_names_the_colliding_amendments_and_changes_nothing() {
    let server = TestServer::start().await;
    let (drafter, drafter_api) = person(&server, "redaction", Role::Drafter).await;
    let member_api = server.api_as("camille", Role::Member).await;
    drafter_api.publish("programme", PROGRAMME).await;
    let line = member_api.propose("programme", 1, 2, 1, &["Nous voulons des écoles ouvertes le mercredi."]).await;
    let lines = member_api.propose("programme", 1, 2, 2, &["Écoles et transports gratuits."]).await;
    let elsewhere = member_api.propose("programme", 1, 4, 1, &["La santé est un droit pour tous."]).await;
    for id in [line, lines, elsewhere] {
        drafter_api.accept(id).await;
    }
    let (line_text, lines_text) = (line.to_string(), lines.to_string());

    // Two amendments on the same line: refused, named, the selection kept.
    let (status, _, page) = submit(
        &drafter,
        "/texts/programme/review",
        "/texts/programme/merge",
        &[("base", "1"), ("amendments", &line_text), ("amendments", &lines_text)],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{page}");
    assert_full_page(&page, Lang::FR, "collision");
    let named = [("PROG-1", "PROG-2"), ("PROG-2", "PROG-1")].iter().any(|(a, b)| {
        page.contains(&escape(&Lang::FR.f(K::CollisionOverlap, &[Arg::text("first", *a), Arg::text("second", *b)])))
    });
    assert!(named, "the collision is not explained: {page}");
    let ticked: Vec<String> = tags(&page, "input")
        .into_iter()
        .filter(|tag| attribute(tag, "name").as_deref() == Some("amendments") && tag.contains(" checked"))
        .filter_map(|tag| attribute(tag, "value"))
        .collect();
    let ticked_ids: Vec<&str> = ticked.iter().filter_map(|value| value.split('v').next()).collect();
    assert_eq!(ticked_ids, vec![line_text.as_str(), lines_text.as_str()], "the selection is lost");
    assert_eq!(drafter_api.head("programme").await, 1);
    for id in [line, lines, elsewhere] {
        assert_eq!(state_of(&member_api, id).await, "accepted");
    }

    // Nothing ticked.
    let (status, _, page) =
        submit(&drafter, "/texts/programme/review", "/texts/programme/merge", &[("base", "1")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert_says(&page, Lang::FR, K::ErrNothingToMerge, "empty merge");

    // A desk loaded before someone else merged: the head moved, nothing is merged.
    let csrf = drafter.csrf("/texts/programme/review").await;
    let (status, answer) =
        drafter_api.post("/api/v1/texts/programme/merge", &json!({ "base": 1, "amendments": [elsewhere] })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let (status, _, page) = drafter
        .post_form("/texts/programme/merge", &[("csrf", &csrf), ("base", "1"), ("amendments", &line_text)])
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{page}");
    assert!(page.contains(&escape(&Lang::FR.f(K::ErrHeadMoved, &[Arg::number("head", 2)]))), "{page}");
    assert_eq!(drafter_api.head("programme").await, 2);
    assert_eq!(state_of(&member_api, line).await, "accepted");

    server.stop().await;
}

// ---------------------------------------------------------------------------------------
// The full-text editor

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_full_text_edit_shows_both_versions_and_keeps_what_was_typed() {
    let server = TestServer::start().await;
    let (drafter, drafter_api) = person(&server, "redaction", Role::Drafter).await;
    let other = server.api_as("collegue", Role::Drafter).await;
    drafter_api.publish("programme", PROGRAMME).await;

    let (status, editor) = drafter.get("/texts/programme/edit").await;
    assert_eq!(status, StatusCode::OK, "{editor}");
    assert_eq!(input_value(&editor, "base").as_deref(), Some("1"));
    let body = textarea(&editor, "body").expect("body");
    let shown: Vec<&str> = body.lines().filter(|line| !line.trim().is_empty()).collect();
    assert_eq!(shown, PROGRAMME, "the editor does not hold the whole text");
    let csrf = csrf_in(&editor).expect("csrf");

    // Someone else saves first.
    let theirs = [PROGRAMME[0], PROGRAMME[1], "Les transports seront gratuits pour tous.", PROGRAMME[3]];
    let (status, answer) = other.put("/api/v1/texts/programme", &json!({ "base": 1, "body": theirs.join("\n") })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");

    let typed = "# Programme pour 2027\r\n\r\nNous voulons des écoles ouvertes le dimanche.\r\n\r\nLes transports seront gratuits pour les jeunes.\r\nLa santé est un droit.\r\nUne ligne ajoutée à la main.";
    let (status, _, page) = drafter
        .post_form(
            "/texts/programme/edit",
            &[("csrf", &csrf), ("base", "1"), ("body", typed), ("summary", "Ma relecture")],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{page}");
    assert_full_page(&page, Lang::FR, "edit conflict");
    assert_says(&page, Lang::FR, K::EditConflictTitle, "edit conflict");
    assert!(page.contains("<del>") && page.contains("<ins>"), "no diff between the versions: {page}");
    assert!(page.contains("pour tous."), "the head's version is not shown");
    let kept = textarea(&page, "body").expect("the editor again");
    for line in typed.split("\r\n").filter(|line| !line.is_empty()) {
        assert!(kept.contains(line), "lost what was typed: {line:?} not in {kept:?}");
    }
    assert_eq!(input_value(&page, "summary").as_deref(), Some("Ma relecture"), "lost the summary");
    assert_eq!(input_value(&page, "base").as_deref(), Some("2"), "the editor again sits on the new head");

    assert_eq!(drafter_api.head("programme").await, 2, "the refused edit wrote a revision");
    assert_eq!(drafter_api.lines("programme").await, theirs);

    // Saving the kept version on the new head works.
    let csrf = csrf_in(&page).expect("csrf");
    let (status, location, body) = drafter
        .post_form(
            "/texts/programme/edit",
            &[("csrf", &csrf), ("base", "2"), ("body", &kept), ("summary", "Ma relecture")],
        )
        .await;
    assert_eq!(see_other(status, location, &body, "edit"), "/texts/programme");
    assert_eq!(drafter_api.head("programme").await, 3);
    assert_eq!(drafter_api.lines("programme").await[1], "Nous voulons des écoles ouvertes le dimanche.");

    server.stop().await;
}

// ---------------------------------------------------------------------------------------
// History and diffs

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_lists_revisions_and_diffs_show_both_layouts() {
    let server = TestServer::start().await;
    let (drafter, drafter_api) = person(&server, "dominique", Role::Drafter).await;
    let member = server.api_as("camille", Role::Member).await;

    // Published through the page form.
    let (status, location, body) = submit(
        &drafter,
        "/texts/new",
        "/texts",
        &[
            ("title", "Programme"),
            ("slug", "programme"),
            ("visibility", "public"),
            ("body", &PROGRAMME.join("\n\n")),
            ("summary", "Première version"),
        ],
    )
    .await;
    assert_eq!(see_other(status, location, &body, "publish"), "/texts/programme");
    assert_eq!(drafter_api.lines("programme").await, PROGRAMME);

    let first = member.propose("programme", 1, 2, 1, &["Nous voulons des écoles ouvertes le mercredi."]).await;
    let second = member.propose("programme", 1, 4, 1, &["La santé est un droit pour tous."]).await;
    drafter_api.accept(first).await;
    drafter_api.accept(second).await;
    let (status, answer) = drafter_api
        .post(
            "/api/v1/texts/programme/merge",
            &json!({ "base": 1, "amendments": [first, second], "summary": "Fusion de juin" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");

    let (status, page) = server.browser().get("/texts/programme/history").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("révision 1") && page.contains("révision 2"), "{page}");
    assert!(page.contains("par dominique"), "no author");
    assert!(page.contains("Première version") && page.contains("Fusion de juin"), "no summaries");
    assert!(page.contains("PROG-1") && page.contains("PROG-2"), "no merged references");
    let links = hrefs(&page);
    assert!(links.contains(&format!("/amendments/{first}")) && links.contains(&format!("/amendments/{second}")));
    assert!(links.contains(&"/texts/programme/diff/1..2".to_owned()), "no link to the diff");

    let (status, side) = server.browser().get("/texts/programme/diff/1..2").await;
    assert_eq!(status, StatusCode::OK);
    // Side by side: unchanged lines on both sides, removed and added words in separate columns.
    assert_eq!(side.matches(PROGRAMME[2]).count(), 2, "not side by side: {side}");
    assert!(!side.contains("<del>samedi</del><ins>mercredi</ins>"), "not side by side: {side}");
    assert!(side.contains("<del>samedi</del>") && side.contains("<ins>mercredi</ins>"), "{side}");
    assert!(side.contains("<ins> pour tous</ins>"), "{side}");
    assert!(hrefs(&side).contains(&"/texts/programme/diff/1..2?view=inline".to_owned()));

    let (status, inline) = server.browser().get("/texts/programme/diff/1..2?view=inline").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(inline.matches(PROGRAMME[2]).count(), 1, "not inline: {inline}");
    assert!(inline.contains("<del>samedi</del><ins>mercredi</ins>"), "{inline}");

    // The comparison form lands on the same address; unknown revisions are 404.
    let (status, location, _) = {
        let response = server.browser().get_response("/texts/programme/compare?from=1&to=2").await;
        let location = response.headers().get(LOCATION).and_then(|v| v.to_str().ok()).map(str::to_owned);
        (response.status(), location, ())
    };
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/texts/programme/diff/1..2"));
    let (status, _) = server.browser().get("/texts/programme/diff/1..9").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    server.stop().await;
}

// ---------------------------------------------------------------------------------------
// CSRF

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_mutating_form_refuses_a_missing_or_wrong_csrf_token_and_changes_nothing() {
    let server = TestServer::start().await;
    let (drafter, drafter_api) = person(&server, "redaction", Role::Drafter).await;
    let (member, member_api) = person(&server, "camille", Role::Member).await;
    drafter_api.publish("programme", PROGRAMME).await;
    let open = member_api.propose("programme", 1, 2, 1, &["Nous voulons des écoles ouvertes le mercredi."]).await;
    let accepted = member_api.propose("programme", 1, 4, 1, &["La santé est un droit pour tous."]).await;
    drafter_api.accept(accepted).await;
    let anonymous = server.browser();

    // A real token, but someone else's, and a made-up one.
    let drafter_token = drafter.csrf("/").await;
    let member_token = member.csrf("/").await;
    let anonymous_token = anonymous.csrf("/login").await;
    let made_up = "0".repeat(64);

    let open_path = format!("/amendments/{open}");
    let accepted_text = accepted.to_string();
    // Who posts, where, the form's fields, and a wrong token for that visitor.
    type Post<'a> = (&'a Browser, String, Vec<(&'a str, &'a str)>, &'a str);
    let forms: Vec<Post> = vec![
        (
            &anonymous,
            "/login".to_owned(),
            vec![("login", "camille"), ("password", PASSWORD), ("next", "/")],
            member_token.as_str(),
        ),
        (&member, "/logout".to_owned(), vec![], drafter_token.as_str()),
        (
            &drafter,
            "/texts".to_owned(),
            vec![("slug", "autre"), ("title", "Autre"), ("body", "Une ligne."), ("visibility", "public")],
            member_token.as_str(),
        ),
        (
            &member,
            "/texts/programme/amendments".to_owned(),
            vec![("base", "1"), ("start", "3"), ("count", "1"), ("new_lines", "Autre chose."), ("rationale", "Oui.")],
            drafter_token.as_str(),
        ),
        (
            &member,
            format!("{open_path}/edit"),
            vec![
                ("base", "1"),
                ("start", "2"),
                ("count", "1"),
                ("new_lines", "Tout autre chose."),
                ("rationale", "Oui."),
            ],
            anonymous_token.as_str(),
        ),
        (&member, format!("{open_path}/withdraw"), vec![], drafter_token.as_str()),
        (
            &drafter,
            format!("{open_path}/decision"),
            vec![("decision", "reject"), ("note", "Non.")],
            member_token.as_str(),
        ),
        (
            &drafter,
            "/texts/programme/merge".to_owned(),
            vec![("base", "1"), ("amendments", &accepted_text)],
            member_token.as_str(),
        ),
        (
            &drafter,
            "/texts/programme/edit".to_owned(),
            vec![("base", "1"), ("body", "Tout effacé.")],
            member_token.as_str(),
        ),
    ];
    for (browser, action, fields, wrong) in &forms {
        for token in [None, Some(*wrong), Some(made_up.as_str()), Some("")] {
            let mut all = fields.clone();
            if let Some(token) = token {
                all.push(("csrf", token));
            }
            let (status, location, page) = browser.post_form(action, &all).await;
            let context = format!("POST {action} with csrf {token:?}");
            assert_eq!(status, StatusCode::FORBIDDEN, "{context}: {location:?} {page}");
            assert_full_page(&page, Lang::FR, &context);
            if action == "/login" || action == "/logout" {
                assert_says(&page, Lang::FR, K::ErrCsrf, &context);
            } else {
                // A form that carries what someone typed comes back, filled, to be sent again.
                assert_says(&page, Lang::FR, K::FormCameBack, &context);
                let typed = fields.iter().find(|(name, _)| ["new_lines", "body", "note"].contains(name));
                if let Some((name, value)) = typed {
                    assert_eq!(textarea(&page, name).as_deref(), Some(*value), "{context}: lost what was typed");
                }
            }
        }
    }

    // Nothing changed.
    assert_eq!(drafter_api.head("programme").await, 1);
    assert_eq!(drafter_api.lines("programme").await, PROGRAMME);
    assert_eq!(amendment_count(&member_api, "programme").await, 2);
    let amendment = amendment_json(&member_api, open).await;
    assert_eq!(amendment["state"], "open");
    assert_eq!(amendment["new_lines"], json!(["Nous voulons des écoles ouvertes le mercredi."]));
    assert_eq!(state_of(&member_api, accepted).await, "accepted");
    let (status, _) = drafter_api.get("/api/v1/texts/autre").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a text was published");
    let (status, _) = member.get("/texts/programme/amend?revision=1&start=1&count=1").await;
    assert_eq!(status, StatusCode::OK, "the member was logged out");
    let (status, _) = anonymous.get("/texts/new").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "the anonymous visitor was logged in");

    server.stop().await;
}

// ---------------------------------------------------------------------------------------
// Sessions and login

fn no_redirect_client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client")
}

/// The `name=value` of a Set-Cookie header for `name`, with the whole header line.
fn set_cookie(response: &reqwest::Response, name: &str) -> Option<(String, String)> {
    response.headers().get_all(SET_COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|header| {
        let pair = header.split(';').next()?.trim();
        let (key, value) = pair.split_once('=')?;
        (key == name).then(|| (value.to_owned(), header.to_owned()))
    })
}

fn assert_cookie_attributes(header: &str, secure: bool) {
    let attributes: Vec<String> = header.split(';').skip(1).map(|a| a.trim().to_ascii_lowercase()).collect();
    assert!(attributes.contains(&"httponly".to_owned()), "{header}");
    assert!(attributes.contains(&"samesite=lax".to_owned()), "{header}");
    assert!(attributes.contains(&"path=/".to_owned()), "{header}");
    assert_eq!(attributes.contains(&"secure".to_owned()), secure, "{header}");
}

/// Logs in by hand (no cookie store) and returns the session cookie's value and header.
async fn raw_login(server: &TestServer, login: &str, https: bool) -> (String, String) {
    let client = no_redirect_client();
    let mut request = client.get(server.url("/login"));
    if https {
        request = request.header("x-forwarded-proto", "https");
    }
    let response = request.send().await.expect("login page");
    let (csrf_cookie, csrf_header) = set_cookie(&response, "redraft_csrf").expect("a CSRF cookie");
    assert_cookie_attributes(&csrf_header, https);
    let page = response.text().await.expect("page");
    let csrf = csrf_in(&page).expect("csrf");
    let mut request = client
        .post(server.url("/login"))
        .header("cookie", format!("redraft_csrf={csrf_cookie}"))
        .form(&[("csrf", csrf.as_str()), ("login", login), ("password", PASSWORD), ("next", "/")]);
    if https {
        request = request.header("x-forwarded-proto", "https");
    }
    let response = request.send().await.expect("login");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    set_cookie(&response, "redraft_session").expect("a session cookie")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_cookies_are_http_only_lax_and_secure_behind_https() {
    // Behind a trusted proxy that says the client came over HTTPS.
    let server = TestServer::behind_proxy().await;
    server.user("camille", Role::Member).await;

    let (_, header) = raw_login(&server, "camille", false).await;
    assert_cookie_attributes(&header, false);
    let (_, header) = raw_login(&server, "camille", true).await;
    assert_cookie_attributes(&header, true);

    let response = no_redirect_client()
        .get(server.url("/lang/en?next=/"))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .expect("switch");
    let (value, header) = set_cookie(&response, "redraft_lang").expect("a language cookie");
    assert_eq!(value, "en");
    assert_cookie_attributes(&header, true);
    server.stop().await;

    // Without a trusted proxy, anyone could send the header: it is not believed.
    let server = TestServer::start().await;
    let response = no_redirect_client()
        .get(server.url("/lang/en?next=/"))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .expect("switch");
    let (_, header) = set_cookie(&response, "redraft_lang").expect("a language cookie");
    assert_cookie_attributes(&header, false);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logging_out_ends_the_session_on_the_server() {
    let server = TestServer::start().await;
    server.user("camille", Role::Member).await;
    let (session, _) = raw_login(&server, "camille", false).await;
    let client = no_redirect_client();
    let cookie = format!("redraft_session={session}");

    let response = client.get(server.url("/texts/new")).header("cookie", &cookie).send().await.expect("get");
    assert_eq!(response.status(), StatusCode::OK, "the session does not log in");
    let page = response.text().await.expect("page");
    let csrf = csrf_in(&page).expect("csrf");
    assert!(has_form(&page, "/logout"));

    let response = client
        .post(server.url("/logout"))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .expect("logout");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers().get(LOCATION).and_then(|v| v.to_str().ok()), Some("/"));
    let (cleared, header) = set_cookie(&response, "redraft_session").expect("the cookie is cleared");
    assert_eq!(cleared, "");
    assert!(header.to_ascii_lowercase().contains("max-age=0"), "{header}");

    // The old cookie, replayed, no longer logs in.
    let response = client.get(server.url("/texts/new")).header("cookie", &cookie).send().await.expect("get");
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "the session survived the logout");
    let response = client.get(server.url("/")).header("cookie", &cookie).send().await.expect("get");
    let page = response.text().await.expect("page");
    assert!(!has_form(&page, "/logout"), "still shown as logged in");

    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_passwords_show_the_form_again_and_repeated_failures_are_limited() {
    let server = TestServer::start().await;
    server.user("camille", Role::Member).await;
    server.user("dominique", Role::Member).await;
    let browser = server.browser();
    let csrf = browser.csrf("/login").await;

    for attempt in 0..LOGIN_FAILURES_PER_ACCOUNT {
        let (status, location, page) = browser
            .post_form(
                "/login",
                &[("csrf", &csrf), ("login", "camille"), ("password", "wrong password"), ("next", "/")],
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {attempt}: {location:?}");
        assert_full_page(&page, Lang::FR, "wrong password");
        assert!(has_form(&page, "/login"), "the form is not shown again");
        assert_says(&page, Lang::FR, K::ErrWrongCredentials, "wrong password");
        assert_eq!(input_value(&page, "login").as_deref(), Some("camille"), "the login typed is lost");
    }
    // Even the right password is refused now.
    let (status, _, page) = browser
        .post_form("/login", &[("csrf", &csrf), ("login", "camille"), ("password", PASSWORD), ("next", "/")])
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{page}");
    assert!(has_form(&page, "/login"));
    assert_says(&page, Lang::FR, K::ErrRateLimited, "rate limited");
    let (status, _) = browser.get("/texts/new").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "logged in despite the limit");

    // Another account is not affected.
    browser.log_in("dominique", PASSWORD).await;

    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn next_only_leads_to_local_paths() {
    let server = TestServer::start().await;
    server.user("camille", Role::Member).await;

    let cases = [
        ("/texts/programme", "/texts/programme"),
        ("//evil.example", "/"),
        ("https://evil.example", "/"),
        ("/\\evil.example", "/"),
        ("/\t/evil.example", "/"),
        ("/\n/evil.example", "/"),
        ("/ /evil.example", "/"),
        ("evil.example", "/"),
        ("", "/"),
    ];
    for (next, expected) in cases {
        // After logging in.
        let browser = server.browser();
        let csrf = browser.csrf("/login").await;
        let (status, location, page) = browser
            .post_form("/login", &[("csrf", &csrf), ("login", "camille"), ("password", PASSWORD), ("next", next)])
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "login with next={next:?}: {page}");
        assert_eq!(location.as_deref(), Some(expected), "login with next={next:?}");

        // After switching language.
        let query: String = url_encode(next);
        let response = server.browser().get_response(&format!("/lang/en?next={query}")).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "switch with next={next:?}");
        let location = response.headers().get(LOCATION).and_then(|v| v.to_str().ok());
        assert_eq!(location, Some(expected), "switch with next={next:?}");

        // The login form only carries a local next.
        let (status, page) = server.browser().get(&format!("/login?next={query}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(input_value(&page, "next").as_deref(), Some(expected), "login form with next={next:?}");
    }

    server.stop().await;
}

fn url_encode(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (byte as char).to_string(),
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Escaping

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markup_typed_by_people_is_escaped_in_every_page() {
    const PAYLOAD: &str = "<script>alert(1)</script> \"cité\" & co";
    let server = TestServer::start().await;
    let (drafter, drafter_api) = person(&server, "redaction", Role::Drafter).await;
    let (member, member_api) = person(&server, "camille", Role::Member).await;
    let lines = [format!("# Titre {PAYLOAD}"), format!("Ligne {PAYLOAD}"), "Ligne simple.".to_owned()];
    let (status, answer) = drafter_api
        .post(
            "/api/v1/texts",
            &json!({ "slug": "xss", "title": format!("Texte {PAYLOAD}"), "body": lines.join("\n"), "summary": PAYLOAD }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let proposal = |new_line: String| json!({ "base": 1, "start": 2, "count": 1, "new_lines": [new_line], "summary": PAYLOAD, "rationale": format!("Motif {PAYLOAD}") });
    let (status, merged) =
        member_api.post("/api/v1/texts/xss/amendments", &proposal(format!("Nouvelle {PAYLOAD}"))).await;
    assert_eq!(status, StatusCode::CREATED, "{merged}");
    let merged = merged["id"].as_i64().expect("id");
    let (status, answer) = drafter_api
        .post(
            &format!("/api/v1/amendments/{merged}/decision"),
            &json!({ "decision": "accept", "new_lines": [format!("Retenue {PAYLOAD}")], "note": PAYLOAD }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let (status, answer) = drafter_api
        .post("/api/v1/texts/xss/merge", &json!({ "base": 1, "amendments": [merged], "summary": PAYLOAD }))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let (status, open) = member_api
        .post(
            "/api/v1/texts/xss/amendments",
            &json!({ "base": 2, "start": 3, "count": 1, "new_lines": [format!("Autre {PAYLOAD}")], "summary": PAYLOAD, "rationale": PAYLOAD }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{open}");
    let open = open["id"].as_i64().expect("id");

    let pages = [
        "/".to_owned(),
        "/texts/xss".to_owned(),
        "/texts/xss/revisions/1".to_owned(),
        format!("/amendments/{merged}"),
        format!("/amendments/{open}"),
        format!("/amendments/{open}/edit"),
        "/texts/xss/amend?revision=2&start=2&count=1".to_owned(),
        "/texts/xss/amendments".to_owned(),
        "/texts/xss/amendments?line=3".to_owned(),
        "/texts/xss/review".to_owned(),
        "/texts/xss/history".to_owned(),
        "/texts/xss/diff/1..2".to_owned(),
        "/texts/xss/diff/1..2?view=inline".to_owned(),
        "/texts/xss/edit".to_owned(),
    ];
    let escaped = escape(PAYLOAD);
    for path in &pages {
        // The review desk and editor are for drafters, the edit form for its author.
        let browser = if path.ends_with("/edit") && path.starts_with("/amendments") { &member } else { &drafter };
        let (status, page) = browser.get(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(!page.contains("<script>alert"), "{path}: markup not escaped");
        assert!(!page.contains("\"cité\""), "{path}: quotes not escaped");
        assert!(!page.contains("& co"), "{path}: ampersand not escaped");
        assert!(
            page.contains(&escaped) || page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{path}: payload not shown"
        );
    }
    // Addresses are reflected in links and the login form, never as markup.
    for path in
        ["/login?next=/%22%3E%3Cscript%3Ealert(1)%3C/script%3E", "/nulle-part?%22%3E%3Cscript%3Ealert(1)%3C/script%3E"]
    {
        let (_, page) = server.browser().get(path).await;
        assert_full_page(&page, Lang::FR, path);
        assert!(!page.contains("<script>alert"), "{path}: {page}");
    }
    for path in ["/texts/xss", format!("/amendments/{open}").as_str(), "/texts/xss/history"] {
        let (_, page) = server.browser().get(path).await;
        assert!(!page.contains("<script>alert") && !page.contains("\"cité\""), "{path}, anonymously");
    }

    server.stop().await;
}

// ---------------------------------------------------------------------------------------
// Members-only texts

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_only_texts_are_not_found_by_visitors() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let (member, member_api) = person(&server, "camille", Role::Member).await;
    drafter.publish("ouvert", &["Un texte public."]).await;
    let (status, answer) = drafter
        .post(
            "/api/v1/texts",
            &json!({ "slug": "interne", "title": "Stratégie interne", "body": "Ligne un.\nLigne deux.", "visibility": "members" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let (status, answer) =
        drafter.put("/api/v1/texts/interne", &json!({ "base": 1, "body": "Ligne un.\nLigne deux modifiée." })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let id = member_api.propose("interne", 2, 1, 1, &["Ligne une."]).await;

    let paths = [
        "/texts/interne".to_owned(),
        "/texts/interne/revisions/1".to_owned(),
        "/texts/interne/history".to_owned(),
        "/texts/interne/diff/1..2".to_owned(),
        "/texts/interne/diff/1..2?view=inline".to_owned(),
        "/texts/interne/amendments".to_owned(),
        "/texts/interne/export.txt".to_owned(),
        "/texts/interne/export.md?revision=1".to_owned(),
        "/texts/interne/amendments.csv".to_owned(),
        format!("/amendments/{id}"),
    ];
    let anonymous = server.browser();
    for path in &paths {
        let (status, page) = anonymous.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_full_page(&page, Lang::FR, path);
        assert_says(&page, Lang::FR, K::Status404, path);
        assert!(!page.contains("Stratégie interne") && !page.contains("Ligne"), "{path} leaks the text");
    }
    let (status, _) = server.api().get("/api/v1/texts/interne").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, home) = anonymous.get("/").await;
    assert!(hrefs(&home).contains(&"/texts/ouvert".to_owned()), "the public text is not listed");
    assert!(!home.contains("Stratégie interne") && !hrefs(&home).contains(&"/texts/interne".to_owned()), "{home}");

    for path in &paths {
        let (status, page) = member.get(path).await;
        assert_eq!(status, StatusCode::OK, "{path} as a member");
        if !path.contains("export") && !path.ends_with(".csv") {
            assert!(page.contains("Stratégie interne"), "{path} as a member");
        }
    }
    let (_, home) = member.get("/").await;
    assert!(hrefs(&home).contains(&"/texts/interne".to_owned()), "a member does not see it listed");
    assert_says(&home, Lang::FR, K::MembersOnly, "home");

    server.stop().await;
}

// ---------------------------------------------------------------------------------------
// Languages and error pages

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_speak_french_by_default_and_english_on_request() {
    let server = TestServer::start().await;
    let api = server.api_as("redaction", Role::Drafter).await;
    api.publish("programme", PROGRAMME).await;
    let browser = server.browser();

    let (_, page) = browser.get("/texts/programme").await;
    assert_full_page(&page, Lang::FR, "default");
    assert_says(&page, Lang::FR, K::LogIn, "default");
    assert_says(&page, Lang::FR, K::NavHistory, "default");

    let response = browser
        .client
        .get(server.url("/texts/programme"))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .expect("get");
    let page = response.text().await.expect("page");
    assert_full_page(&page, Lang::EN, "Accept-Language");
    assert_says(&page, Lang::EN, K::LogIn, "Accept-Language");
    assert_says(&page, Lang::EN, K::NavHistory, "Accept-Language");

    let response = browser.get_response("/lang/en?next=/texts/programme").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers().get(LOCATION).and_then(|v| v.to_str().ok()), Some("/texts/programme"));
    assert_eq!(set_cookie(&response, "redraft_lang").map(|c| c.0).as_deref(), Some("en"));
    let (_, page) = browser.get("/texts/programme").await;
    assert_full_page(&page, Lang::EN, "switched");
    assert_says(&page, Lang::EN, K::NavAmendments, "switched");
    // The switch wins over the browser's preference.
    let response =
        browser.client.get(server.url("/texts/programme")).header("accept-language", "fr").send().await.expect("get");
    assert_full_page(&response.text().await.expect("page"), Lang::EN, "switch over Accept-Language");
    // The page offers the way back.
    assert!(hrefs(&page).contains(&"/lang/fr?next=/texts/programme".to_owned()), "{page}");
    let response = browser.get_response("/lang/fr?next=/texts/programme").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = browser.get("/texts/programme").await;
    assert_full_page(&page, Lang::FR, "switched back");

    // ISO 639 keeps qaa–qtz for local use: no catalogue will ever be named so.
    let (status, page) = browser.get("/lang/qaa?next=/").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_full_page(&page, Lang::FR, "unknown language");

    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn error_pages_are_full_localised_pages() {
    let server = TestServer::start().await;
    let api = server.api_as("redaction", Role::Drafter).await;
    api.publish("programme", PROGRAMME).await;

    for (index, lang) in [Lang::FR, Lang::EN].into_iter().enumerate() {
        let member = server.browser_as(&format!("membre{index}"), Role::Member).await;
        let member_api = api_for(&server, &format!("membre{index}")).await;
        let anonymous = server.browser();
        if lang == Lang::EN {
            for browser in [&member, &anonymous] {
                let (status, _) = browser.get("/lang/en?next=/").await;
                assert_eq!(status, StatusCode::SEE_OTHER);
            }
        }
        let check = |status: StatusCode, page: &str, expected: StatusCode, title: K, message: K, context: &str| {
            let context = format!("{lang:?} {context}");
            assert_eq!(status, expected, "{context}: {page}");
            assert_full_page(page, lang, &context);
            assert!(page.contains("<h1"), "{context}: no heading");
            assert_says(page, lang, title, &context);
            assert_says(page, lang, message, &context);
        };
        let form_page = "/texts/programme/amend?revision=1&start=2&count=1";
        let csrf = member.csrf(form_page).await;

        // 400: a form that cannot be read; a query too.
        let (status, _, page) = member
            .post_form(
                "/texts/programme/amendments",
                &[
                    ("csrf", &csrf),
                    ("action", "file"),
                    ("base", "1"),
                    ("start", "abc"),
                    ("count", "1"),
                    ("new_lines", "x"),
                    ("rationale", "y"),
                ],
            )
            .await;
        check(status, &page, StatusCode::BAD_REQUEST, K::Status400, K::Status400, "start=abc");
        // Every parse error in the reader's language, naming the field as the form does.
        let not_a_number = |field: K| lang.f(K::ErrExpectedInteger, &[Arg::text("field", lang.t(field))]);
        assert!(page.contains(&escape(&not_a_number(K::StartParagraph))), "{page}");
        let (status, page) = member.get("/texts/programme/amend?revision=1&start=abc&count=1").await;
        check(status, &page, StatusCode::BAD_REQUEST, K::Status400, K::Status400, "?start=abc");
        // The compare form sent with an empty field.
        let (status, page) = member.get("/texts/programme/compare?from=&to=2").await;
        check(status, &page, StatusCode::BAD_REQUEST, K::Status400, K::Status400, "compare from=");
        assert!(page.contains(&escape(&not_a_number(K::FieldFrom))), "{page}");
        assert!(!page.contains("parse") && !page.contains("empty string"), "a parser's words: {page}");

        // 401: a form sent without logging in.
        let anonymous_csrf = anonymous.csrf("/login").await;
        let (status, _, page) = anonymous
            .post_form(
                "/texts/programme/amendments",
                &[
                    ("csrf", &anonymous_csrf),
                    ("action", "file"),
                    ("base", "1"),
                    ("start", "2"),
                    ("count", "1"),
                    ("new_lines", "x"),
                    ("rationale", "y"),
                ],
            )
            .await;
        // The form comes back, filled, with the login fields to send it (nothing typed is lost).
        assert_eq!(status, StatusCode::UNAUTHORIZED, "anonymous proposal: {page}");
        assert_full_page(&page, lang, "anonymous proposal");
        assert_says(&page, lang, K::SessionEnded, "anonymous proposal");
        assert!(page.contains("name=\"password\"") && textarea(&page, "rationale").as_deref() == Some("y"), "{page}");

        // 403: a member on the review desk; a form without its token.
        let (status, page) = member.get("/texts/programme/review").await;
        check(status, &page, StatusCode::FORBIDDEN, K::Status403, K::ErrForbidden, "member on review");
        let (status, _, page) = member.post_form("/logout", &[]).await;
        check(status, &page, StatusCode::FORBIDDEN, K::Status403, K::ErrCsrf, "no csrf");

        // 404: an unknown page, text, amendment or revision.
        for path in
            ["/nulle-part", "/texts/inconnu", "/amendments/999999", "/amendments/abc", "/texts/programme/revisions/7"]
        {
            let (status, page) = anonymous.get(path).await;
            check(status, &page, StatusCode::NOT_FOUND, K::Status404, K::ErrNotFound, path);
        }

        // 409: withdrawing twice.
        let id = member_api.propose("programme", 1, 3, 1, &["Les transports seront gratuits pour tous."]).await;
        let withdraw = format!("/amendments/{id}/withdraw");
        let (status, location, body) = member.post_form(&withdraw, &[("csrf", &csrf)]).await;
        see_other(status, location, &body, "withdraw");
        let (status, _, page) = member.post_form(&withdraw, &[("csrf", &csrf)]).await;
        check(status, &page, StatusCode::CONFLICT, K::Status409, K::Status409, "withdrawn twice");
        let reference = amendment_json(&member_api, id).await["reference"].as_str().expect("reference").to_owned();
        let state = redraft::i18n::state_name(lang, redraft::domain::AmendmentState::Withdrawn);
        assert!(
            page.contains(&escape(
                &lang.f(K::ErrAmendmentState, &[Arg::text("reference", &reference), Arg::text("state", state)])
            )),
            "{page}"
        );

        // 413: a form body over the limit.
        let huge = "a".repeat(redraft::domain::limits::MAX_REQUEST_BYTES + 1024);
        let (status, _, page) = member
            .post_form(
                "/texts/programme/amendments",
                &[
                    ("csrf", &csrf),
                    ("action", "file"),
                    ("base", "1"),
                    ("start", "2"),
                    ("count", "1"),
                    ("new_lines", &huge),
                    ("rationale", "y"),
                ],
            )
            .await;
        check(status, &page, StatusCode::PAYLOAD_TOO_LARGE, K::Status413, K::ErrPayloadTooLarge, "huge form");

        // 422: a proposal that changes nothing comes back with the error and what was typed.
        let before = amendment_count(&member_api, "programme").await;
        let (status, _, page) = member
            .post_form(
                "/texts/programme/amendments",
                &[
                    ("csrf", &csrf),
                    ("action", "file"),
                    ("base", "1"),
                    ("start", "2"),
                    ("count", "1"),
                    ("new_lines", PROGRAMME[1]),
                    ("summary", "Rien"),
                    ("rationale", "Mon motif & mes raisons."),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
        assert_full_page(&page, lang, "no change");
        assert_says(&page, lang, K::ErrNoChange, "no change");
        assert!(has_form(&page, "/texts/programme/amendments"), "the form is not shown again");
        assert_eq!(textarea(&page, "rationale").as_deref(), Some("Mon motif & mes raisons."), "lost the rationale");
        assert_eq!(textarea(&page, "new_lines").as_deref(), Some(PROGRAMME[1]));
        assert_eq!(input_value(&page, "summary").as_deref(), Some("Rien"));
        assert_eq!(amendment_count(&member_api, "programme").await, before, "a refused proposal was written");

        // A 422 outside a form page: an anchor outside the text, as an error in the form.
        let (status, _, page) = member
            .post_form(
                "/texts/programme/amendments",
                &[
                    ("csrf", &csrf),
                    ("action", "file"),
                    ("base", "1"),
                    ("start", "9"),
                    ("count", "1"),
                    ("new_lines", "x"),
                    ("rationale", "y"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
        assert_full_page(&page, lang, "outside");
        assert_eq!(textarea(&page, "rationale").as_deref(), Some("y"));
    }

    server.stop().await;
}

// ---------------------------------------------------------------------------------------
// Login required, roles

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_that_need_an_account_send_visitors_to_the_login_form_and_back() {
    let server = TestServer::start().await;
    let (_, drafter_api) = person(&server, "redaction", Role::Drafter).await;
    let member_api = server.api_as("camille", Role::Member).await;
    drafter_api.publish("programme", PROGRAMME).await;
    let id = member_api.propose("programme", 1, 2, 1, &["Autre chose."]).await;
    let anonymous = server.browser();

    let paths = [
        "/texts/programme/amend?revision=1&start=2&count=1".to_owned(),
        "/texts/programme/review".to_owned(),
        "/texts/programme/edit".to_owned(),
        "/texts/new".to_owned(),
        format!("/amendments/{id}/edit"),
    ];
    for path in &paths {
        let response = anonymous.get_response(path).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
        let location = response.headers().get(LOCATION).and_then(|v| v.to_str().ok()).expect("location").to_owned();
        let next = location.strip_prefix("/login?next=").unwrap_or_else(|| panic!("{path} → {location}"));
        assert_eq!(percent_decode(next), *path, "{location}");

        // The login form carries it, and logging in comes back.
        let (status, page) = anonymous.get(&location).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(input_value(&page, "next").as_deref(), Some(path.as_str()));
        let browser = server.browser();
        let csrf = browser.csrf(&location).await;
        let (status, back, _) = browser
            .post_form("/login", &[("csrf", &csrf), ("login", "redaction"), ("password", PASSWORD), ("next", path)])
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(back.as_deref(), Some(path.as_str()));
    }

    // A member may not review or edit the text.
    let member = server.browser();
    member.log_in("camille", PASSWORD).await;
    for path in ["/texts/programme/review", "/texts/programme/edit"] {
        let (status, page) = member.get(path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        assert_says(&page, Lang::FR, K::ErrForbidden, path);
    }
    let (status, _) = member.get("/texts/programme/amend?revision=1&start=2&count=1").await;
    assert_eq!(status, StatusCode::OK);

    // Nor publish, decide or merge with a form of their own.
    let id_text = id.to_string();
    let posts: [(&str, Vec<(&str, &str)>); 3] = [
        ("/texts", vec![("slug", "autre"), ("title", "Autre"), ("body", "Une ligne.")]),
        (&format!("/amendments/{id}/decision"), vec![("decision", "accept")]),
        ("/texts/programme/merge", vec![("base", "1"), ("amendments", &id_text)]),
    ];
    for (action, fields) in &posts {
        let (status, _, page) = submit(&member, "/", action, fields).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{action}: {page}");
        assert_says(&page, Lang::FR, K::ErrForbidden, action);
    }
    assert_eq!(state_of(&member_api, id).await, "open");
    assert_eq!(drafter_api.head("programme").await, 1);
    let (status, _) = member_api.get("/api/v1/texts/autre").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_in_forms_and_addresses_is_refused_clearly_and_changes_nothing() {
    let server = TestServer::start().await;
    let (drafter, drafter_api) = person(&server, "redaction", Role::Drafter).await;
    let (member, member_api) = person(&server, "camille", Role::Member).await;
    drafter_api.publish("programme", PROGRAMME).await;
    let open = member_api.propose("programme", 1, 2, 1, &["Nous voulons des écoles ouvertes le mercredi."]).await;
    let form_page = "/texts/programme/amend?revision=1&start=2&count=1";
    let refused = |status: StatusCode, page: &str, expected: StatusCode, context: &str| {
        assert_eq!(status, expected, "{context}: {page}");
        assert_full_page(page, Lang::FR, context);
    };

    // Exports of revisions that cannot be read or do not exist.
    let (status, page) = member.get("/texts/programme/export.txt?revision=abc").await;
    refused(status, &page, StatusCode::BAD_REQUEST, "export ?revision=abc");
    let (status, page) = member.get("/texts/programme/export.md?revision=99").await;
    refused(status, &page, StatusCode::NOT_FOUND, "export ?revision=99");

    // A visibility the form never offers: the publication form comes back filled.
    let (status, _, page) = submit(
        &drafter,
        "/texts/new",
        "/texts",
        &[("slug", "secret"), ("title", "Texte secret"), ("body", "Un alinéa tapé."), ("visibility", "secret")],
    )
    .await;
    refused(status, &page, StatusCode::BAD_REQUEST, "publish visibility=secret");
    assert!(has_form(&page, "/texts") && page.contains("Texte secret"), "the typed title is lost: {page}");
    assert_eq!(textarea(&page, "body").as_deref(), Some("Un alinéa tapé."), "the typed body is lost");

    // Proposals out of bounds come back in the form, with what was typed.
    let long_line = "é".repeat(redraft::domain::limits::MAX_LINE_CHARS + 1);
    let long_rationale = "a".repeat(redraft::domain::limits::MAX_RATIONALE_CHARS + 1);
    let cases: [(&str, &str, &str, &str, &str, StatusCode); 5] = [
        ("1", "0", "1", "Autre.", "Motif.", StatusCode::UNPROCESSABLE_ENTITY),
        ("1", "5", "1", "Autre.", "Motif.", StatusCode::UNPROCESSABLE_ENTITY),
        ("7", "2", "1", "Autre.", "Motif.", StatusCode::UNPROCESSABLE_ENTITY),
        ("1", "2", "1", &long_line, "Motif.", StatusCode::PAYLOAD_TOO_LARGE),
        ("1", "2", "1", "Autre.", &long_rationale, StatusCode::UNPROCESSABLE_ENTITY),
    ];
    for (base, start, count, new_lines, rationale, expected) in cases {
        let context = format!("proposal base={base} start={start} count={count}, {} bytes", new_lines.len());
        let (status, _, page) = submit(
            &member,
            form_page,
            "/texts/programme/amendments",
            &[("base", base), ("start", start), ("count", count), ("new_lines", new_lines), ("rationale", rationale)],
        )
        .await;
        refused(status, &page, expected, &context);
        assert!(has_form(&page, "/texts/programme/amendments"), "{context}: the form is not shown again");
        assert_eq!(textarea(&page, "rationale").as_deref(), Some(rationale), "{context}: lost the rationale");
    }
    let (status, form) = member.get("/texts/programme/amend?revision=1&start=3&count=9").await;
    assert_eq!(status, StatusCode::OK, "a form on lines outside the text shows why: {form}");
    assert!(
        form.contains(&escape(&Lang::FR.f(
            K::ErrAnchorOutside,
            &[Arg::number("start", 3), Arg::number("end", 11), Arg::count("span", 9), Arg::count("count", 4)]
        ))),
        "{form}"
    );
    assert_eq!(amendment_count(&member_api, "programme").await, 1, "a refused proposal was written");

    // A decision that does not exist.
    let (status, _, page) = submit(
        &drafter,
        "/texts/programme/review",
        &format!("/amendments/{open}/decision"),
        &[("decision", "peut-etre")],
    )
    .await;
    refused(status, &page, StatusCode::BAD_REQUEST, "unknown decision");
    assert_eq!(state_of(&member_api, open).await, "open");
    // "Accept as modified" without the modified lines is not a deletion.
    let csrf = drafter.csrf("/texts/programme/review").await;
    let (status, _, page) = drafter
        .post_form(&format!("/amendments/{open}/decision"), &[("csrf", &csrf), ("decision", "accept_modified")])
        .await;
    refused(status, &page, StatusCode::BAD_REQUEST, "accept_modified without lines");
    let amendment = amendment_json(&member_api, open).await;
    assert_eq!(amendment["state"], "open", "{amendment}");

    // Publishing: a bad slug keeps the form; an unknown visibility is unreadable.
    let (status, _, page) = submit(
        &drafter,
        "/texts/new",
        "/texts",
        &[("title", "Mon titre"), ("slug", "Mauvais Slug"), ("body", "Une ligne.")],
    )
    .await;
    refused(status, &page, StatusCode::UNPROCESSABLE_ENTITY, "bad slug");
    assert_says(&page, Lang::FR, K::ErrSlugCharacters, "bad slug");
    assert_eq!(input_value(&page, "title").as_deref(), Some("Mon titre"));
    assert_eq!(textarea(&page, "body").as_deref(), Some("Une ligne."));
    let (status, _, page) = submit(
        &drafter,
        "/texts/new",
        "/texts",
        &[("title", "Mon titre"), ("slug", "bon-slug"), ("body", "Une ligne."), ("visibility", "tout-le-monde")],
    )
    .await;
    refused(status, &page, StatusCode::BAD_REQUEST, "bad visibility");
    let (status, list) = drafter_api.get("/api/v1/texts").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list.as_array().map(Vec::len), Some(1), "a refused text was published: {list}");

    // Full-text edits that change nothing or empty the text.
    for (body, key) in [(PROGRAMME.join("\n"), K::ErrNoChange), ("  \n\n ".to_owned(), K::ErrEmptyText)] {
        let (status, _, page) = submit(
            &drafter,
            "/texts/programme/edit",
            "/texts/programme/edit",
            &[("base", "1"), ("body", &body), ("summary", "Mon résumé")],
        )
        .await;
        refused(status, &page, StatusCode::UNPROCESSABLE_ENTITY, &format!("{key:?}"));
        assert_says(&page, Lang::FR, key, "edit");
        assert_eq!(input_value(&page, "summary").as_deref(), Some("Mon résumé"));
    }
    assert_eq!(drafter_api.head("programme").await, 1);

    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn absurd_line_numbers_in_the_amendment_form_are_refused_without_crashing() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let (member, member_api) = person(&server, "camille", Role::Member).await;
    drafter.publish("programme", PROGRAMME).await;
    let form_page = "/texts/programme/amend?revision=1&start=4294967295&count=2";
    let (status, form) = member.get(form_page).await;
    assert_eq!(status, StatusCode::OK, "{form}");
    assert_full_page(&form, Lang::FR, "form outside the text");
    let csrf = csrf_in(&form).expect("csrf");
    let (status, _, page) = member
        .post_form(
            "/texts/programme/amendments",
            &[
                ("csrf", &csrf),
                ("action", "file"),
                ("base", "1"),
                ("start", "4294967295"),
                ("count", "4294967295"),
                ("new_lines", "Autre."),
                ("rationale", "Motif."),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert_eq!(textarea(&page, "rationale").as_deref(), Some("Motif."));
    assert_eq!(amendment_count(&member_api, "programme").await, 0);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_method_on_a_page_address_gets_a_page() {
    let server = TestServer::start().await;
    for path in ["/logout", "/texts", "/texts/programme/merge"] {
        let (status, page) = server.browser().get(path).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{path}");
        assert_full_page(&page, Lang::FR, path);
        assert!(page.contains("<h1"), "{path}: no heading");
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_check_answers_ok() {
    let server = TestServer::start().await;
    let (status, body) = server.browser().get("/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body.trim(), "ok");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_and_diff_pages_answer_304_until_something_they_show_changes() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let member = server.api_as("adherente", Role::Member).await;
    let slug = drafter.publish("programme", &["Un.", "Deux.", "Trois."]).await;
    member.propose(&slug, 1, 2, 1, &["Deux bis."]).await;
    let browser = server.browser();
    for path in [format!("/texts/{slug}"), format!("/texts/{slug}/diff/1..1")] {
        let first = browser.get_response(&path).await;
        assert_eq!(first.status(), StatusCode::OK, "{path}");
        let tag = first.headers().get("etag").and_then(|v| v.to_str().ok()).expect("an ETag").to_owned();
        let again = browser.client.get(server.url(&path)).header("if-none-match", &tag).send().await.expect("get");
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
        // Another language is another page.
        let english = browser
            .client
            .get(server.url(&path))
            .header("if-none-match", &tag)
            .header("accept-language", "en")
            .send()
            .await
            .expect("get");
        assert_eq!(english.status(), StatusCode::OK, "{path} in English");
    }

    // A new amendment changes the margin: the old tag no longer matches, and the page shows it.
    let path = format!("/texts/{slug}");
    let before = browser.get_response(&path).await;
    let tag = before.headers().get("etag").and_then(|v| v.to_str().ok()).expect("an ETag").to_owned();
    let page = before.text().await.expect("body");
    assert!(page.contains("amendments?revision=1&amp;line=2\""), "margin link to line 2");
    assert!(!page.contains("amendments?revision=1&amp;line=3\""));
    member.propose(&slug, 1, 3, 1, &["Trois bis."]).await;
    let after = browser.client.get(server.url(&path)).header("if-none-match", &tag).send().await.expect("get");
    assert_eq!(after.status(), StatusCode::OK);
    let page = after.text().await.expect("body");
    assert!(page.contains("amendments?revision=1&amp;line=3\""), "the cached lines were not renewed");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cached_review_forms_carry_each_drafters_own_token() {
    let server = TestServer::start().await;
    let first = server.browser_as("redaction", Role::Drafter).await;
    let second = server.browser_as("relecture", Role::Drafter).await;
    let api = server.api_as("auteur", Role::Drafter).await;
    let slug = api.publish("programme", &["Un.", "Deux."]).await;
    let id = api.propose(&slug, 1, 1, 1, &["Un bis."]).await;
    for browser in [&first, &second] {
        let (status, page) = browser.get(&format!("/texts/{slug}/review")).await;
        assert_eq!(status, StatusCode::OK);
        let token = common::csrf_in(&page).expect("token");
        assert!(!page.contains("redraft-csrf-placeholder"), "placeholder left in the page");
        // Every form on the page carries this drafter's token.
        assert_eq!(page.matches("name=\"csrf\" value=\"").count(), page.matches(&format!("value=\"{token}\"")).count());
    }
    // The second drafter's decision, sent with the token from the cached form, goes through.
    let (_, page) = second.get(&format!("/texts/{slug}/review")).await;
    let token = common::csrf_in(&page).expect("token");
    let (status, location, _) = second
        .post_form(
            &format!("/amendments/{id}/decision"),
            &[("csrf", &token), ("decision", "accept"), ("back", "review")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location, Some(format!("/texts/{slug}/review#a-{id}")));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_pages_with_an_anonymous_form_set_the_form_token_cookie() {
    let server = TestServer::start().await;
    let api = server.api_as("redaction", Role::Drafter).await;
    api.publish("programme", &["Un.", "Deux."]).await;
    let cookies = |response: &reqwest::Response| -> Vec<String> {
        response.headers().get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).map(str::to_owned).collect()
    };
    // The login page shows a form: it sets the cookie that holds the form's token.
    let login = server.browser().get_response("/login").await;
    assert!(cookies(&login).iter().any(|c| c.starts_with("redraft_csrf=")), "{:?}", cookies(&login));
    // Pages that are only read, cacheable ones included, and the assets set none.
    let page = server.browser().get_response("/").await;
    let stylesheet = page_asset(&page.text().await.expect("page"), ".css");
    for path in ["/", "/texts/programme", "/texts/programme/history", "/assets/app.css", "/assets/app.js", &stylesheet]
    {
        let response = server.browser().get_response(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert!(cookies(&response).is_empty(), "{path} set {:?}", cookies(&response));
    }
    let api = reqwest::get(server.url("/api/v1/texts")).await.expect("get");
    assert_eq!(api.status(), StatusCode::OK);
    assert!(api.headers().get("set-cookie").is_none(), "the API set a cookie");
    server.stop().await;
}

/// The address a page links its stylesheet or script by.
fn page_asset(page: &str, extension: &str) -> String {
    page.split('"')
        .find(|part| part.starts_with("/assets/") && part.ends_with(extension))
        .unwrap_or_else(|| panic!("no {extension} asset in the page"))
        .to_owned()
}
