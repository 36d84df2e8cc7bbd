//! Open sharing over HTTP: the OpenGraph and Twitter-card metadata of public texts and
//! amendments read back as a link-preview service reads them, their preview images (PNG,
//! 1200×630, revalidated), permalinks that keep working after later revisions, share links
//! that are plain links, embeddable read-only views; nothing of it for members-only texts.

mod common;

use std::collections::HashMap;

use common::TestServer;
use redraft::domain::Role;
use reqwest::StatusCode;
use serde_json::json;

/// What a link-preview service reads of a page: its `<meta>` tags' `content` by their
/// `property` or `name` (attributes in any order, quoted either way), the first of each,
/// entities decoded.
fn preview_tags(page: &str) -> HashMap<String, String> {
    let mut tags = HashMap::new();
    for tag in page.split("<meta").skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let attributes = attributes_of(tag);
        let key = attributes.get("property").or_else(|| attributes.get("name"));
        if let (Some(key), Some(content)) = (key, attributes.get("content")) {
            tags.entry(key.clone()).or_insert_with(|| content.clone());
        }
    }
    tags
}

/// The attributes of a tag's inside, by name, values unquoted and decoded.
fn attributes_of(tag: &str) -> HashMap<String, String> {
    let decode = |value: &str| {
        value
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#x27;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    };
    let mut attributes = HashMap::new();
    let mut rest = tag.trim_start();
    while let Some(equals) = rest.find('=') {
        let name = rest[..equals].trim().to_ascii_lowercase();
        let after = rest[equals + 1..].trim_start();
        let (value, remaining) = match after.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let end = after[1..].find(quote).map_or(after.len(), |end| end + 1);
                (&after[1..end], after.get(end + 1..).unwrap_or(""))
            }
            _ => {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        // A bare attribute before this one (`async`, `defer`) is not part of the name.
        let name = name.rsplit(char::is_whitespace).next().unwrap_or_default().to_owned();
        attributes.insert(name, decode(value));
        rest = remaining.trim_start();
    }
    attributes
}

#[test]
fn the_tag_reader_takes_attributes_in_any_order() {
    let page =
        r#"<meta content="Un &amp; deux" property="og:title"><meta name='twitter:card' content=summary_large_image>"#;
    let tags = preview_tags(page);
    assert_eq!(tags["og:title"], "Un & deux");
    assert_eq!(tags["twitter:card"], "summary_large_image");
}

/// The width and height a PNG declares (its IHDR chunk).
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let number = |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    (number(16), number(20))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_texts_and_amendments_carry_their_previews_permalinks_and_embeds() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let bea = server.api_as("bea", Role::Member).await;
    let slug = drafter
        .publish(
            "ecologie",
            &["# Écologie", "Atteindre la neutralité carbone en 2040 avec 100 % d’énergies renouvelables.", "Fin."],
        )
        .await;
    let id = bea.propose(&slug, 1, 2, 1, &["Atteindre la neutralité carbone en 2035."]).await;
    let origin = server.url("");

    let (status, page) = server.browser().get(&format!("/texts/{slug}")).await;
    assert_eq!(status, StatusCode::OK);
    let tags = preview_tags(&page);
    assert_eq!(tags["og:title"], "Texte ecologie");
    assert_eq!(tags["og:description"], "Atteindre la neutralité carbone en 2040 avec 100 % d’énergies renouvelables.");
    assert_eq!(tags["og:url"], format!("{origin}/texts/{slug}/revisions/1"), "the permalink of this revision");
    assert_eq!(tags["og:image"], format!("{origin}/texts/{slug}/preview.png?revision=1"));
    assert_eq!((tags["og:image:width"].as_str(), tags["og:image:height"].as_str()), ("1200", "630"));
    assert_eq!(tags["twitter:card"], "summary_large_image");
    assert_eq!(tags["twitter:image"], tags["og:image"]);
    // Share links are plain links; no other site's script, style or font on the page.
    assert!(page.contains(&format!(
        "https://bsky.app/intent/compose?text=Texte%20ecologie%20http%3A//127.0.0.1%3A{}/texts/ecologie/revisions/1",
        server.addr.port()
    )));
    assert!(page.contains("https://www.facebook.com/sharer/sharer.php?u=http%3A//127.0.0.1"));
    assert!(!page.contains("<script src=\"http") && !page.contains("<link rel=\"stylesheet\" href=\"http"));
    assert!(
        page.contains(&format!("&lt;iframe src=&quot;{origin}/embed/texts/{slug}/revisions/1&quot;")),
        "the embed code"
    );

    // The preview image: a 1200×630 PNG, drawn once and revalidated.
    let image = tags["og:image"].clone();
    let response = reqwest::get(&image).await.expect("image");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "image/png");
    let tag = response.headers()["etag"].to_str().expect("etag").to_owned();
    let bytes = response.bytes().await.expect("bytes");
    assert_eq!(png_size(&bytes), (1200, 630));
    let again = reqwest::Client::new().get(&image).header("if-none-match", &tag).send().await.expect("again");
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);

    // An amendment: its own card and permalink.
    let (_, page) = server.browser().get(&format!("/amendments/{id}")).await;
    let tags = preview_tags(&page);
    assert_eq!(tags["og:url"], format!("{origin}/amendments/{id}"));
    assert_eq!(tags["og:image"], format!("{origin}/amendments/{id}/preview.png"));
    let response = reqwest::get(&tags["og:image"]).await.expect("amendment image");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(png_size(&response.bytes().await.expect("bytes")), (1200, 630));

    // A later revision: the first one's permalink still shows the first wording.
    drafter.accept(id).await;
    let (status, answer) =
        drafter.post(&format!("/api/v1/texts/{slug}/merge"), &json!({ "base": 1, "amendments": [id] })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let (status, first) = server.browser().get(&format!("/texts/{slug}/revisions/1")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(first.contains("neutralité carbone en 2040"));
    let (_, head) = server.browser().get(&format!("/texts/{slug}")).await;
    assert_eq!(preview_tags(&head)["og:url"], format!("{origin}/texts/{slug}/revisions/2"));
    assert!(head.contains("neutralité carbone en 2035"));
    // A paragraph's permalink (its revision and number) and a diff's keep showing what they
    // showed, whatever comes after: here a third revision that inserts a paragraph above.
    let body = "# Écologie\nUn préambule ajouté.\nAtteindre la neutralité carbone en 2030.\nFin.";
    let (status, answer) = drafter.put(&format!("/api/v1/texts/{slug}"), &json!({ "base": 2, "body": body })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let paragraph = |page: &str, number: usize| {
        let start = page.find(&format!("id=\"l{number}\"")).unwrap_or_else(|| panic!("no paragraph {number}"));
        page[start..start + page[start..].find("</li>").expect("end of the paragraph")].to_owned()
    };
    let (_, first) = server.browser().get(&format!("/texts/{slug}/revisions/1")).await;
    assert!(paragraph(&first, 2).contains("neutralité carbone en 2040"), "revision 1, paragraph 2");
    let (_, second) = server.browser().get(&format!("/texts/{slug}/revisions/2")).await;
    assert!(paragraph(&second, 2).contains("neutralité carbone en 2035"), "revision 2, paragraph 2");
    let (status, diff) = server.browser().get(&format!("/texts/{slug}/diff/1..2")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(diff.contains("2040") && diff.contains("2035") && !diff.contains("préambule"), "the diff 1..2 as it was");

    // Embeds: any site may frame them; other pages stay unframable.
    let response = reqwest::get(format!("{origin}/embed/texts/{slug}/revisions/1")).await.expect("embed");
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers().get("x-frame-options").is_none());
    let policy = response.headers()["content-security-policy"].to_str().expect("csp").to_owned();
    assert!(policy.contains("frame-ancestors *"), "{policy}");
    let embedded = response.text().await.expect("body");
    assert!(embedded.contains("neutralité carbone en 2040") && !embedded.contains("<header"), "{embedded}");
    assert!(embedded.contains(&format!("href=\"{origin}/texts/{slug}/revisions/1\"")), "links back");
    let (status, embedded) = server.browser().get(&format!("/embed/amendments/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(embedded.contains("2035"), "{embedded}");
    let page = reqwest::get(format!("{origin}/texts/{slug}")).await.expect("page");
    assert_eq!(page.headers()["x-frame-options"], "DENY");

    // Bad addresses are pages not found.
    for path in [
        format!("/texts/{slug}/preview.png?revision=abc"),
        format!("/texts/{slug}/preview.png?revision=9"),
        "/amendments/999/preview.png".to_owned(),
        "/embed/texts/nulle-part".to_owned(),
    ] {
        let (status, _) = server.browser().get(&path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_only_texts_have_no_preview_no_embed_and_no_share_links() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let (status, answer) = drafter
        .post(
            "/api/v1/texts",
            &json!({ "slug": "interne", "title": "Interne", "body": "Un.\nDeux.", "visibility": "members" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let member = server.api_as("bea", Role::Member).await;
    let id = member.propose("interne", 1, 1, 1, &["Premier."]).await;
    let browser = server.browser_as("camille", Role::Member).await;
    let (status, page) = browser.get("/texts/interne").await;
    assert_eq!(status, StatusCode::OK);
    let tags = preview_tags(&page);
    assert!(!tags.contains_key("og:image") && !tags.contains_key("og:url"), "{tags:?}");
    assert!(!page.contains("bsky.app") && !page.contains("/embed/"));
    // Even a member gets none of them: they are for the open web.
    for path in ["/texts/interne/preview.png".to_owned(), "/embed/texts/interne".to_owned()]
        .into_iter()
        .chain([format!("/amendments/{id}/preview.png"), format!("/embed/amendments/{id}")])
    {
        let (status, _) = browser.get(&path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_embed_code_escapes_the_title_and_the_public_address_wins_over_the_host() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let title = "Le \"vrai\" <programme> & x\" onload=\"alert(1)";
    let (status, answer) =
        drafter.post("/api/v1/texts", &json!({ "slug": "vrai", "title": title, "body": "Un." })).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let (_, page) = server.browser().get("/texts/vrai").await;
    // What the reader copies (the page's text) has the title escaped for the attribute.
    let copied = page
        .split("<code>")
        .nth(1)
        .and_then(|rest| rest.split("</code>").next())
        .expect("the embed code")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    assert!(
        copied.contains("title=\"Le &quot;vrai&quot; &lt;programme&gt; &amp; x&quot; onload=&quot;alert(1)\""),
        "{copied}"
    );
    assert!(!copied.contains("onload=\"alert"), "{copied}");

    // An error page under /embed/ is not framable; only the embedded views are.
    let response = reqwest::get(server.url("/embed/texts/nulle-part")).await.expect("404");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(response.headers()["x-frame-options"], "DENY");

    // With --base-url, links that leave the site name it, whatever Host the request named.
    let _ = server.site.base_url.set("https://programme.parti.example".to_owned());
    let (_, page) = server.browser().get("/texts/vrai").await;
    let tags = preview_tags(&page);
    assert_eq!(tags["og:url"], "https://programme.parti.example/texts/vrai/revisions/1");
    assert!(page.contains("<link rel=\"canonical\" href=\"https://programme.parti.example/texts/vrai\">"), "{page}");
}
