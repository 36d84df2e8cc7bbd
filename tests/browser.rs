//! Real-browser tests: headless Chromium driven through chromedriver on a 360×740 phone
//! viewport, with JavaScript on and off. A member taps two line numbers and proposes an
//! amendment; a drafter accepts and merges it; the export equals the expected text; the
//! language switch turns the interface to English; a member comments on an alinéa and
//! votes on an amendment; an admin invites a member, who sets a password through the link
//! and finds words with the header's search box; no page logs a console error. A failing
//! flow saves a screenshot in `target/browser-screenshots/`.
//!
//! Needs `chromium` and `chromedriver` (Debian: `chromium`, `chromium-driver`; `.ci/run`
//! installs them). Without them these tests fail, loudly: they never skip themselves.

mod common;

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{PASSWORD, TestServer};
use fantoccini::{Client, ClientBuilder, Locator};
use redraft::domain::Role;
use redraft::i18n::{Arg, K, Lang};
use serde_json::{Value, json};

type Outcome = Result<(), String>;

fn check(condition: bool, message: impl Into<String>) -> Outcome {
    if condition { Ok(()) } else { Err(message.into()) }
}

fn failed(context: &str) -> impl Fn(fantoccini::error::CmdError) -> String + '_ {
    move |error| format!("{context}: {error}")
}

/// Finds a program on the PATH or at Debian's place for it.
fn program(name: &str) -> PathBuf {
    let candidates = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).map(|dir| dir.join(name)).collect::<Vec<_>>())
        .unwrap_or_default();
    candidates.into_iter().chain([PathBuf::from("/usr/bin").join(name)]).find(|path| path.is_file()).unwrap_or_else(
        || {
            panic!(
                "{name} is not installed: the browser tests need Chromium and chromedriver \
                 (Debian: apt-get install chromium chromium-driver; .ci/run installs them)"
            )
        },
    )
}

/// chromedriver on a free loopback port, stopped on drop.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    async fn start() -> Driver {
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port();
        let child = Command::new(program("chromedriver"))
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        // Owned from here on, so that it is killed and reaped whatever happens next.
        let driver = Driver { child, url: format!("http://127.0.0.1:{port}") };
        let client = reqwest::Client::new();
        for _ in 0..200 {
            if let Ok(response) = client.get(format!("{}/status", driver.url)).send().await
                && response.status().is_success()
            {
                return driver;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("chromedriver did not answer on {}", driver.url);
    }

    /// A new headless Chromium with a fresh profile, phone-sized, JavaScript on or off.
    async fn browser(&self, javascript: bool, profile: &std::path::Path) -> Client {
        let mut options = json!({
            "binary": program("chromium"),
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=360,740", "--lang=fr-FR",
                format!("--user-data-dir={}", profile.display()),
            ],
        });
        // A phone's viewport (a desktop window cannot be narrower than about 500 pixels).
        options["mobileEmulation"] =
            json!({ "deviceMetrics": { "width": 360, "height": 740, "pixelRatio": 2.0, "touch": true } });
        // A French member's browser: it asks for French first.
        options["prefs"] = json!({ "intl.accept_languages": "fr-FR,fr" });
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("goog:chromeOptions".into(), options);
        capabilities.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        // A page that never finishes loading fails the flow instead of hanging it.
        capabilities.insert("timeouts".into(), json!({ "pageLoad": 15_000, "script": 10_000, "implicit": 0 }));
        let browser = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&self.url)
            .await
            .expect("a Chromium session");
        if !javascript {
            // Without JavaScript, for our pages, is without their one script: chromedriver
            // cannot drive a browser whose script execution is switched off (its element
            // commands run scripts themselves and hang), so the script is blocked instead.
            self.cdp(&browser, "Network.enable", json!({})).await;
            self.cdp(&browser, "Network.setBlockedURLs", json!({ "urls": ["*/assets/app*.js"] })).await;
        }
        browser
    }

    /// Sends a DevTools command to the browser through chromedriver.
    async fn cdp(&self, browser: &Client, command: &str, params: Value) {
        let session = browser.session_id().await.ok().flatten().expect("session id");
        let response = reqwest::Client::new()
            .post(format!("{}/session/{session}/goog/cdp/execute", self.url))
            .json(&json!({ "cmd": command, "params": params }))
            .send()
            .await
            .expect("DevTools command");
        assert!(response.status().is_success(), "{command}: {}", response.status());
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The errors the page logged to the console since the last call.
async fn console_errors(driver: &Driver, browser: &Client) -> Vec<String> {
    let Ok(Some(session)) = browser.session_id().await else { return vec!["no session".into()] };
    let response = reqwest::Client::new()
        .post(format!("{}/session/{session}/se/log", driver.url))
        .json(&json!({ "type": "browser" }))
        .send()
        .await;
    // An answer that is not a list of log entries is a failure, not an empty console.
    let Ok(response) = response else { return vec!["could not read the console".into()] };
    if !response.status().is_success() {
        return vec![format!("reading the console answered {}", response.status())];
    }
    let body: Value = response.json().await.unwrap_or(Value::Null);
    let Some(entries) = body["value"].as_array() else {
        return vec![format!("the console log is not a list of entries: {body}")];
    };
    entries
        .iter()
        .filter(|entry| entry["level"] == "SEVERE")
        .map(|entry| entry["message"].as_str().map_or_else(|| format!("unreadable entry {entry}"), str::to_owned))
        .collect()
}

async fn screenshot(browser: &Client, name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/browser-screenshots");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("{name}.png"));
    if let Ok(png) = browser.screenshot().await {
        let _ = std::fs::write(&path, png);
    }
    path
}

async fn visit(browser: &Client, server: &TestServer, path: &str) -> Outcome {
    browser.goto(&server.url(path)).await.map_err(failed(path))
}

/// Taps an element as a person would: scrolled to the middle of the screen first, where no
/// sticky bar covers it.
async fn click(browser: &Client, css: &str) -> Outcome {
    let element =
        browser.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css(css)).await.map_err(failed(css))?;
    let handle = serde_json::to_value(&element).map_err(|e| e.to_string())?;
    browser.execute("arguments[0].scrollIntoView({block: 'center'});", vec![handle]).await.map_err(failed(css))?;
    element.click().await.map_err(failed(css))
}

/// Waits until the browser has navigated to a path starting with `prefix`.
async fn arrive(browser: &Client, prefix: &str) -> Outcome {
    for _ in 0..200 {
        if let Ok(url) = browser.current_url().await
            && url.path().starts_with(prefix)
        {
            return browser
                .wait()
                .at_most(Duration::from_secs(10))
                .for_element(Locator::Css("footer.site"))
                .await
                .map(|_| ())
                .map_err(failed(prefix));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(format!("never arrived at {prefix}"))
}

async fn fill(browser: &Client, css: &str, value: &str) -> Outcome {
    let element =
        browser.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css(css)).await.map_err(failed(css))?;
    element.clear().await.map_err(failed(css))?;
    element.send_keys(value).await.map_err(failed(css))
}

async fn text_of(browser: &Client, css: &str) -> Result<String, String> {
    let element =
        browser.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css(css)).await.map_err(failed(css))?;
    element.text().await.map_err(failed(css))
}

/// Waits until the amendment form quotes `lines` alinéas and proposes as many lines.
async fn follows_range(browser: &Client, lines: usize) -> Outcome {
    let mut seen = (0, 0);
    for _ in 0..100 {
        let quoted = browser.find_all(Locator::Css("#current-wording ol.quoted li")).await.map_err(failed("quoted"))?;
        let wording = browser.find(Locator::Css("#new_lines")).await.map_err(failed("new lines"))?;
        let proposed = wording.prop("value").await.map_err(failed("new lines"))?.unwrap_or_default();
        seen = (quoted.len(), proposed.lines().count());
        if seen == (lines, lines) {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(format!("the form shows {} quoted alinéas and {} proposed lines, not {lines}", seen.0, seen.1))
}

async fn body_text(browser: &Client) -> Result<String, String> {
    text_of(browser, "body").await
}

async fn log_in(browser: &Client, server: &TestServer, login: &str) -> Outcome {
    visit(browser, server, "/login").await?;
    fill(browser, "#login", login).await?;
    fill(browser, "#password", PASSWORD).await?;
    click(browser, "form.login button[type=submit]").await?;
    browser
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("header.site .who"))
        .await
        .map_err(failed("logged in"))?;
    Ok(())
}

async fn log_out(browser: &Client) -> Outcome {
    click(browser, "header.site form.inline button").await
}

const LINES: &[&str] = &[
    "# Programme",
    "## Santé",
    "Recruter des soignants dans les hôpitaux publics.",
    "Ouvrir un centre de santé dans chaque canton.",
    "Rembourser intégralement les soins dentaires.",
    "## École",
    "Limiter les classes à vingt élèves.",
];

/// The proposal flow on a phone: tap two line numbers (or, without JavaScript, follow one
/// line's link and widen the range in the form), write, submit; then the drafter accepts,
/// merges, and the export is the expected text.
async fn propose_accept_merge(server: &TestServer, driver: &Driver, javascript: bool, slug: &str) -> Outcome {
    let profiles = tempfile::tempdir().map_err(|e| e.to_string())?;
    let member = driver.browser(javascript, &profiles.path().join("member")).await;
    let outcome = async {
        log_in(&member, server, "adherente").await?;
        visit(&member, server, &format!("/texts/{slug}")).await?;
        if javascript {
            click(&member, "a.num[data-line='3']").await?;
            click(&member, "a.num[data-line='5']").await?;
            let selected = member.find_all(Locator::Css("li.line.selected")).await.map_err(failed("selection"))?;
            check(selected.len() == 3, format!("{} lines selected instead of 3", selected.len()))?;
            let label = text_of(&member, "#selection-link").await?;
            let expected = Lang::FR.f(K::AmendParagraphs, &[Arg::number("start", 3), Arg::number("end", 5)]);
            check(label == expected, format!("selection bar says {label:?}, not {expected:?}"))?;
            click(&member, "#selection-link").await?;
            // The quoted lines and the untouched wording follow the range as it changes.
            for (count, shown) in [("1", 1), ("3", 3)] {
                fill(&member, "input[name=count]", count).await?;
                follows_range(&member, shown).await?;
            }
        } else {
            click(&member, "a.num[data-line='3']").await?;
            fill(&member, "input[name=count]", "3").await?;
        }
        let start = member.find(Locator::Css("input[name=start]")).await.map_err(failed("start"))?;
        check(start.prop("value").await.map_err(failed("start"))? == Some("3".into()), "start is not 3")?;
        let text = member.find(Locator::Css("#new_lines")).await.map_err(failed("new lines"))?;
        let prefilled = text.prop("value").await.map_err(failed("new lines"))?.unwrap_or_default();
        check(prefilled.contains("Recruter des soignants"), format!("the form is not pre-filled: {prefilled:?}"))?;
        let wording = "Recruter cent mille soignants dans les hôpitaux publics.\nOuvrir un centre de santé dans chaque canton.\nRembourser intégralement les soins dentaires et optiques.";
        fill(&member, "#new_lines", wording).await?;
        fill(&member, "#rationale", "Les besoins sont chiffrés par les syndicats de soignants.").await?;
        // Nothing is filed before its author has seen its diff: preview, then file.
        click(&member, "form.amend button[value=preview]").await?;
        let preview = text_of(&member, "#preview").await?;
        check(preview.contains("cent mille"), format!("the preview does not show the new wording: {preview:?}"))?;
        let replaced = text_of(&member, "#current-wording").await?;
        check(replaced.contains("Rembourser intégralement"), format!("the range shown is not al. 3 to 5: {replaced:?}"))?;
        click(&member, "form.amend button[value=file]").await?;
        arrive(&member, "/amendments/").await?;
        let notice = text_of(&member, ".notice").await?;
        check(notice.contains("-1"), format!("no confirmation of the filing: {notice:?}"))?;
        let heading = text_of(&member, "main h1").await?;
        check(heading.contains("-1"), format!("no reference on the amendment page: {heading:?}"))?;
        let errors = console_errors(driver, &member).await;
        check(errors.is_empty(), format!("console errors: {errors:?}"))
    }
    .await;
    let outcome = match outcome {
        Err(error) => {
            Err(format!("{error} (screenshot {})", screenshot(&member, &format!("member-{slug}")).await.display()))
        }
        ok => ok,
    };
    let _ = member.close().await;
    outcome?;

    let drafter = driver.browser(javascript, &profiles.path().join("drafter")).await;
    let outcome = async {
        log_in(&drafter, server, "redacteur").await?;
        visit(&drafter, server, &format!("/texts/{slug}/review")).await?;
        click(&drafter, "form.decision button[value=accept]").await?;
        // The desk lists what is still to decide; the accepted ones wait one tap away.
        click(&drafter, "#merge-form a[href*='state=accepted']").await?;
        click(&drafter, "input[name=amendments]").await?;
        click(&drafter, "#merge-form button[type=submit]").await?;
        arrive(&drafter, &format!("/texts/{slug}/review")).await?;
        let notice = text_of(&drafter, ".notice").await?;
        check(notice.contains('2'), format!("no merge notice: {notice:?}"))?;
        let errors = console_errors(driver, &drafter).await;
        check(errors.is_empty(), format!("console errors: {errors:?}"))
    }
    .await;
    let outcome = match outcome {
        Err(error) => {
            Err(format!("{error} (screenshot {})", screenshot(&drafter, &format!("drafter-{slug}")).await.display()))
        }
        ok => ok,
    };
    let _ = drafter.close().await;
    outcome?;

    // The export, downloaded over HTTP as the export link gives it.
    let export = reqwest::get(server.url(&format!("/texts/{slug}/export.txt"))).await.map_err(|e| e.to_string())?;
    let disposition =
        export.headers().get("content-disposition").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    check(disposition.contains(&format!("{slug}-r2.txt")), format!("export file name: {disposition}"))?;
    let body = export.text().await.map_err(|e| e.to_string())?;
    let expected = "Programme\n=========\n\nSanté\n-----\n\nRecruter cent mille soignants dans les hôpitaux publics.\n\nOuvrir un centre de santé dans chaque canton.\n\nRembourser intégralement les soins dentaires et optiques.\n\nÉcole\n-----\n\nLimiter les classes à vingt élèves.\n";
    check(body == expected, format!("export differs: {body:?}"))
}

/// Every visible interface string turns English with the switch: none of the French
/// catalogue's sentences stays on the page.
async fn language_switch(server: &TestServer, driver: &Driver, javascript: bool, slug: &str) -> Outcome {
    let profile = tempfile::tempdir().map_err(|e| e.to_string())?;
    let browser = driver.browser(javascript, profile.path()).await;
    let outcome = async {
        log_in(&browser, server, "adherente").await?;
        visit(&browser, server, &format!("/texts/{slug}")).await?;
        let french = body_text(&browser).await?;
        check(french.contains(Lang::FR.t(K::NavHistory)), "the page is not French by default")?;
        click(&browser, "span.langs a[lang=en]").await?;
        browser
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css("html[lang=en]"))
            .await
            .map_err(failed("english"))?;
        for path in [
            format!("/texts/{slug}"),
            format!("/texts/{slug}/history"),
            format!("/texts/{slug}/amend?start=3&count=1"),
            format!("/texts/{slug}/amendments"),
            format!("/texts/{slug}/diff/1..2"),
            format!("/texts/{slug}/stats"),
            format!("/topics/{TOPIC}"),
            format!("/topics/{TOPIC}/stats"),
            "/notifications".into(),
            "/account/notifications".into(),
            "/".into(),
        ] {
            visit(&browser, server, &path).await?;
            // Nothing wider than the phone, a text titled with one long address included.
            let widths = browser
                .execute("return [document.documentElement.scrollWidth, window.innerWidth];", vec![])
                .await
                .map_err(failed("widths"))?;
            let (page, screen) = (widths[0].as_u64().unwrap_or(u64::MAX), widths[1].as_u64().unwrap_or(0));
            check(page <= screen, format!("{path}: {page} px wide on a {screen}-px screen"))?;
            let visible = body_text(&browser).await?;
            for key in K::ALL {
                let (fr, en) = (Lang::FR.t(*key), Lang::EN.t(*key));
                // The longest stretch of the French message between its variables (`{$name}`).
                let pieces = fr.split('{').map(|piece| piece.split_once('}').map_or(piece, |(_, after)| after));
                let sentence = pieces.max_by_key(|piece| piece.len()).unwrap_or(fr).trim();
                if sentence.chars().count() >= 12 && fr != en && visible.contains(sentence) {
                    return Err(format!("{path}: French string {key:?} still visible: {sentence:?}"));
                }
            }
            check(visible.contains(Lang::EN.t(K::LogOut)), format!("{path}: no English interface"))?;
        }
        log_out(&browser).await?;
        let errors = console_errors(driver, &browser).await;
        check(errors.is_empty(), format!("console errors: {errors:?}"))
    }
    .await;
    let outcome = match outcome {
        Err(error) => {
            Err(format!("{error} (screenshot {})", screenshot(&browser, &format!("language-{slug}")).await.display()))
        }
        ok => ok,
    };
    let _ = browser.close().await;
    outcome
}

/// The topic every text of these flows belongs to, whose pages are checked on a phone too.
const TOPIC: &str = "projet";

async fn publish(server: &TestServer, drafter: &common::Api, slug: &str) {
    let body = json!({ "slug": slug, "title": "Programme", "body": LINES.join("\n"), "topic": TOPIC });
    let (status, answer) = drafter.post("/api/v1/texts", &body).await;
    assert_eq!(status, reqwest::StatusCode::CREATED, "{answer}");
    let _ = server;
}

/// Discussing and voting on a phone: from an alinéa's amendment form to its discussion, a
/// comment written and shown; then a secret vote on an amendment, shown in its tally and
/// as the member's own.
async fn discuss_and_vote(
    server: &TestServer,
    driver: &Driver,
    javascript: bool,
    slug: &str,
    amendment: i64,
) -> Outcome {
    let profiles = tempfile::tempdir().map_err(|e| e.to_string())?;
    let member = driver.browser(javascript, &profiles.path().join("voter")).await;
    let outcome = async {
        log_in(&member, server, "votante").await?;
        visit(&member, server, &format!("/texts/{slug}/amend?revision=1&start=3&count=1")).await?;
        click(&member, &format!("#current-wording a[href='/texts/{slug}/comments?line=3']")).await?;
        arrive(&member, &format!("/texts/{slug}/comments")).await?;
        fill(&member, "#new-comment", "Et les maternités ? Voir https://exemple.fr/sante.").await?;
        click(&member, "form.comment button[type=submit]").await?;
        arrive(&member, &format!("/texts/{slug}/comments")).await?;
        member
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css("a[href='https://exemple.fr/sante']"))
            .await
            .map_err(failed("the comment, its address a link"))?;
        visit(&member, server, &format!("/amendments/{amendment}")).await?;
        click(&member, "form.vote input[value=for]").await?;
        click(&member, "form.vote button[type=submit]").await?;
        arrive(&member, &format!("/amendments/{amendment}")).await?;
        let mine = text_of(&member, "p.my-vote").await?;
        check(mine.contains("pour"), format!("the member's vote: {mine:?}"))?;
        let errors = console_errors(driver, &member).await;
        check(errors.is_empty(), format!("console errors: {errors:?}"))
    }
    .await;
    let outcome = match outcome {
        Err(error) => {
            Err(format!("{error} (screenshot {})", screenshot(&member, &format!("voter-{slug}")).await.display()))
        }
        ok => ok,
    };
    let _ = member.close().await;
    outcome
}

/// An admin adds a member on the members page; the member opens the invitation link, sets
/// a password, is logged in, and finds a text's words with the header's search box.
async fn invite_and_search(server: &TestServer, driver: &Driver, javascript: bool, login: &str) -> Outcome {
    let profiles = tempfile::tempdir().map_err(|e| e.to_string())?;
    let admin = driver.browser(javascript, &profiles.path().join("admin")).await;
    let member = driver.browser(javascript, &profiles.path().join("invited")).await;
    let outcome = async {
        log_in(&admin, server, "admine").await?;
        visit(&admin, server, "/admin").await?;
        click(&admin, "details.add-member summary").await?;
        fill(&admin, "#member-login", login).await?;
        fill(&admin, "#name", "Nouvelle Adhérente").await?;
        click(&admin, "form.member[action='/admin/members'] button[type=submit]").await?;
        let link = admin
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css("input.link"))
            .await
            .map_err(failed("the invitation link"))?
            .attr("value")
            .await
            .map_err(failed("the invitation link's address"))?
            .ok_or("an invitation link without its address")?;
        member.goto(&link).await.map_err(failed("the invitation"))?;
        fill(&member, "#password", "un mot de passe solide").await?;
        fill(&member, "#again", "un mot de passe solide").await?;
        click(&member, "form.login button[type=submit]").await?;
        member
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css("header.site .who"))
            .await
            .map_err(failed("logged in by the invitation"))?;
        fill(&member, "header.site input[name=q]", "soignants hopitaux").await?;
        click(&member, "form.site-search button[type=submit]").await?;
        arrive(&member, "/search").await?;
        let found = text_of(&member, "section#found-paragraph mark").await?;
        check(found == "soignants" || found == "hôpitaux", format!("the words found, highlighted: {found:?}"))?;
        let errors = console_errors(driver, &member).await;
        check(errors.is_empty(), format!("console errors: {errors:?}"))
    }
    .await;
    let outcome = match outcome {
        Err(error) => {
            let shots = (
                screenshot(&admin, &format!("admin-{login}")).await,
                screenshot(&member, &format!("invited-{login}")).await,
            );
            Err(format!("{error} (screenshots {} and {})", shots.0.display(), shots.1.display()))
        }
        ok => ok,
    };
    let _ = admin.close().await;
    let _ = member.close().await;
    outcome
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn phone_flows_in_real_chromium_with_and_without_javascript() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redacteur", Role::Drafter).await;
    server.user("adherente", Role::Member).await;
    server.user("votante", Role::Member).await;
    server.user("admine", Role::Admin).await;
    let author = server.api_as("auteure", Role::Member).await;
    let admin = server.api_as("administration", Role::Admin).await;
    let topic = json!({ "slug": TOPIC, "title": "Projet pour 2027" });
    assert_eq!(admin.post("/api/v1/topics", &topic).await.0, reqwest::StatusCode::CREATED);
    // A title that is one long word, as a pasted address is: it must wrap on a phone.
    let long = json!({ "slug": "adresse", "title": "https://www.assemblee-nationale.fr/dyn/16/textes/l16b1234_proposition-loi", "body": "x" });
    assert_eq!(drafter.post("/api/v1/texts", &long).await.0, reqwest::StatusCode::CREATED);
    let driver = Driver::start().await;
    let mut failures = Vec::new();
    for (javascript, slug) in [(true, "avec-js"), (false, "sans-js")] {
        publish(&server, &drafter, slug).await;
        if let Err(error) = propose_accept_merge(&server, &driver, javascript, slug).await {
            failures.push(format!("proposal flow, JavaScript {}: {error}", if javascript { "on" } else { "off" }));
        }
        if let Err(error) = language_switch(&server, &driver, javascript, slug).await {
            failures.push(format!("language switch, JavaScript {}: {error}", if javascript { "on" } else { "off" }));
        }
        let discussed = format!("{slug}-discussion");
        publish(&server, &drafter, &discussed).await;
        let amendment =
            author.propose(&discussed, 1, 4, 1, &["Ouvrir deux centres de santé dans chaque canton."]).await;
        if let Err(error) = discuss_and_vote(&server, &driver, javascript, &discussed, amendment).await {
            failures
                .push(format!("discussion and vote, JavaScript {}: {error}", if javascript { "on" } else { "off" }));
        }
        let invited = if javascript { "invitee-js" } else { "invitee-nojs" };
        if let Err(error) = invite_and_search(&server, &driver, javascript, invited).await {
            failures
                .push(format!("invitation and search, JavaScript {}: {error}", if javascript { "on" } else { "off" }));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
