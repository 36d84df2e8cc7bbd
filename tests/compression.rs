//! Compressed answers, as browsers and API clients ask for them: brotli or gzip by weight,
//! the same page once decoded, validators that name their encoding, members' pages and the
//! API compressed too, nothing compressed for a client that refuses both.

mod common;

use std::io::Read;

use common::TestServer;
use redraft::domain::Role;
use reqwest::StatusCode;
use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_LENGTH, ETAG, IF_NONE_MATCH, VARY};

/// A page of `paragraphs` alinéas, large enough for compression to matter.
fn long_text(paragraphs: usize) -> Vec<String> {
    let mut lines = vec!["# Programme pour la région".to_owned()];
    lines.extend((1..=paragraphs).map(|n| {
        format!("Mesure {n} : les transports publics de la région deviennent gratuits pour les moins de 26 ans.")
    }));
    lines
}

/// The body of an answer, decoded from its `Content-Encoding`.
fn decoded(encoding: Option<&str>, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    match encoding {
        None => out.extend_from_slice(body),
        Some("br") => {
            brotli::Decompressor::new(body, 4096).read_to_end(&mut out).expect("valid brotli");
        }
        Some("gzip") => {
            flate2::read::GzDecoder::new(body).read_to_end(&mut out).expect("valid gzip");
        }
        Some(other) => panic!("unexpected encoding {other}"),
    }
    out
}

struct Answer {
    status: StatusCode,
    encoding: Option<String>,
    etag: Option<String>,
    vary: Vec<String>,
    cache_control: Option<String>,
    raw: Vec<u8>,
}

async fn fetch(request: reqwest::RequestBuilder) -> Answer {
    let response = request.send().await.expect("answer");
    let header = |name| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let (encoding, etag, cache_control) = (header(CONTENT_ENCODING), header(ETAG), header(CACHE_CONTROL));
    let vary = response.headers().get_all(VARY).iter().filter_map(|v| v.to_str().ok()).map(str::to_owned).collect();
    let status = response.status();
    let raw = response.bytes().await.expect("body").to_vec();
    Answer { status, encoding, etag, vary, cache_control, raw }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_public_page_comes_in_the_encoding_asked_and_decodes_to_the_same_page() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let lines = long_text(800);
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    drafter.publish("programme", &refs).await;
    // A client that decodes nothing by itself, so that what travels can be looked at.
    let client = reqwest::Client::new();
    let url = server.url("/texts/programme");

    let plain = fetch(client.get(&url).header(ACCEPT_ENCODING, "identity")).await;
    assert_eq!((plain.status, plain.encoding.as_deref()), (StatusCode::OK, None));
    let plain_tag = plain.etag.clone().expect("a public page has a validator");

    // Sixteen readers at once on a page nobody compressed yet: one compresses it, the
    // others wait for it, and all get the same bytes.
    let together = (0..16).map(|_| fetch(client.get(&url).header(ACCEPT_ENCODING, "br")));
    let together = futures_util::future::join_all(together).await;
    for answer in &together {
        assert_eq!((answer.status, answer.encoding.as_deref()), (StatusCode::OK, Some("br")));
        assert_eq!(answer.raw, together[0].raw);
    }
    assert_eq!(decoded(Some("br"), &together[0].raw), plain.raw);

    for (asked, expected) in [
        ("gzip, deflate, br", "br"),
        ("br;q=0.5, gzip", "gzip"),
        ("gzip;q=0.9, br;q=0.91", "br"),
        ("BR", "br"),
        ("deflate, gzip;q=0.2", "gzip"),
    ] {
        // Twice: compressed the first time, from memory the second; both the same.
        let first = fetch(client.get(&url).header(ACCEPT_ENCODING, asked)).await;
        let second = fetch(client.get(&url).header(ACCEPT_ENCODING, asked)).await;
        for answer in [&first, &second] {
            assert_eq!(answer.status, StatusCode::OK, "{asked}");
            assert_eq!(answer.encoding.as_deref(), Some(expected), "{asked}");
            assert!(
                answer.vary.iter().any(|v| v.eq_ignore_ascii_case("accept-encoding")),
                "{asked}: {:?}",
                answer.vary
            );
            assert_eq!(decoded(Some(expected), &answer.raw), plain.raw, "{asked}: another page once decoded");
            assert!(
                answer.raw.len() * 5 < plain.raw.len(),
                "{asked}: {} of {} bytes",
                answer.raw.len(),
                plain.raw.len()
            );
            // The validator names the representation: no cache takes one encoding for another.
            let tag = answer.etag.as_deref().expect("validator");
            assert_ne!(tag, plain_tag, "{asked}");
            assert_eq!(tag, format!("{}-{expected}\"", plain_tag.trim_end_matches('"')), "{asked}");
        }
        assert_eq!(first.raw, second.raw, "{asked}");

        // A HEAD says what the GET would: same encoding, validator and length, no body.
        let head = client.head(&url).header(ACCEPT_ENCODING, asked).send().await.expect("head");
        let header = |name| head.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        assert_eq!(header(CONTENT_ENCODING).as_deref(), Some(expected), "HEAD {asked}");
        assert_eq!(header(ETAG), first.etag, "HEAD {asked}");
        assert_eq!(header(CONTENT_LENGTH), Some(first.raw.len().to_string()), "HEAD {asked}");
        assert!(head.bytes().await.expect("body").is_empty());

        // The browser that holds it is told it is still good, whichever validator it sends
        // (compared weakly, as If-None-Match is).
        let weak = format!("W/{}", first.etag.as_deref().expect("validator"));
        for held in [first.etag.as_deref().expect("validator"), plain_tag.as_str(), weak.as_str()] {
            let again = fetch(client.get(&url).header(ACCEPT_ENCODING, asked).header(IF_NONE_MATCH, held)).await;
            assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{asked}, holding {held}");
            assert!(again.raw.is_empty());
        }
    }

    // A client that takes neither gets the page as it is.
    for asked in ["identity", "br;q=0, gzip;q=0", "compress", "br;q=zero, gzip;q=2"] {
        let answer = fetch(client.get(&url).header(ACCEPT_ENCODING, asked)).await;
        assert_eq!((answer.status, answer.encoding.as_deref()), (StatusCode::OK, None), "{asked}");
        assert_eq!(answer.raw, plain.raw, "{asked}");
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_pages_and_the_api_are_compressed_too_and_never_kept() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let lines = long_text(300);
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    drafter.publish("programme", &refs).await;
    let member = server.browser_as("camille", Role::Member).await;

    let answer = fetch(member.client.get(server.url("/texts/programme")).header(ACCEPT_ENCODING, "br")).await;
    assert_eq!((answer.status, answer.encoding.as_deref()), (StatusCode::OK, Some("br")));
    let page = String::from_utf8(decoded(Some("br"), &answer.raw)).expect("utf-8");
    assert!(page.starts_with("<!DOCTYPE html>") && page.trim_end().ends_with("</html>"), "{page:.300}");
    assert!(page.contains("camille"), "the member's own page");
    assert_eq!(answer.cache_control.as_deref(), Some("private, no-store"));
    // Compressed for this member alone, on the fly: not kept, so its validator is the page's.
    assert!(answer.etag.iter().all(|tag| !tag.ends_with("-br\"")), "{:?}", answer.etag);

    let api = server.api();
    let request = api.client.get(server.url("/api/v1/texts/programme")).header(ACCEPT_ENCODING, "gzip");
    let answer = fetch(request).await;
    assert_eq!((answer.status, answer.encoding.as_deref()), (StatusCode::OK, Some("gzip")));
    let json: serde_json::Value = serde_json::from_slice(&decoded(Some("gzip"), &answer.raw)).expect("JSON");
    assert_eq!(json["lines"].as_array().map(Vec::len), Some(lines.len()), "{json}");

    // Errors are compressed like the rest, and stay errors.
    let answer = fetch(api.client.get(server.url("/api/v1/texts/nowhere")).header(ACCEPT_ENCODING, "gzip")).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    let json: serde_json::Value =
        serde_json::from_slice(&decoded(answer.encoding.as_deref(), &answer.raw)).expect("JSON");
    assert_eq!(json["error"]["code"], "not_found", "{json}");
    server.stop().await;
}
