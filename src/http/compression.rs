//! Compressed answers. tower-http's layer compresses every answer on the fly (brotli or gzip,
//! as the client asks); before it, the pages every anonymous reader gets alike — those with
//! an ETag, kept by caches — are compressed once, harder, and kept in memory under their
//! address, ETag and encoding, so that a public text of 2,000 alinéas costs no compression
//! per reader.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_LENGTH, ETAG, SET_COOKIE, VARY};
use axum::http::{HeaderMap, HeaderValue, Method, Response, StatusCode};
use axum::middleware::Next;
use tokio::sync::OnceCell;
use tower_http::compression::CompressionLayer;

use super::caching::{cacheable, from_member};
use crate::cache::Lru;

/// Compressed pages kept, in bytes: some hundred public texts of 2,000 alinéas.
const KEPT_BYTES: usize = 16 << 20;

/// Below this many bytes, compressing makes an answer larger (the layer's rule too).
const WORTH_COMPRESSING: usize = 32;

/// Brotli's quality for kept pages: done once per version, so better than the layer's 4,
/// but not so slow that a text whose margin changes with every amendment filed makes the
/// server spend its time recompressing (quality 5: about 40 ms for a 1.3 MB page).
const BROTLI_QUALITY: u32 = 5;
/// Brotli's window, as a power of two (4 MiB, the format's default maximum).
const BROTLI_WINDOW: u32 = 22;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    Brotli,
    Gzip,
}

impl Encoding {
    fn name(self) -> &'static str {
        match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gzip",
        }
    }

    fn compress(self, body: &[u8]) -> std::io::Result<Vec<u8>> {
        match self {
            Encoding::Brotli => {
                let mut out = Vec::with_capacity(body.len() / 8);
                let mut writer = brotli::CompressorWriter::new(&mut out, 1 << 16, BROTLI_QUALITY, BROTLI_WINDOW);
                writer.write_all(body)?;
                writer.flush()?;
                drop(writer);
                Ok(out)
            }
            Encoding::Gzip => {
                let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
                encoder.write_all(body)?;
                encoder.finish()
            }
        }
    }
}

/// The encoding to answer in, from `Accept-Encoding` (RFC 9110 §12.5.3): the one with the
/// highest weight, brotli before gzip at equal weights; none when neither is accepted.
pub fn negotiate(headers: &HeaderMap) -> Option<Encoding> {
    let mut best: Option<(u16, Encoding)> = None;
    for value in headers.get_all(ACCEPT_ENCODING).iter().filter_map(|value| value.to_str().ok()) {
        for offer in value.split(',') {
            let mut parts = offer.split(';');
            let name = parts.next().unwrap_or("").trim();
            let encoding = if name.eq_ignore_ascii_case("br") {
                Encoding::Brotli
            } else if name.eq_ignore_ascii_case("gzip") || name.eq_ignore_ascii_case("x-gzip") {
                Encoding::Gzip
            } else {
                continue;
            };
            let weight = parts.find_map(|parameter| {
                let (key, value) = parameter.split_once('=')?;
                key.trim().eq_ignore_ascii_case("q").then(|| thousandths(value.trim()))
            });
            let weight = weight.unwrap_or(Some(1000));
            let Some(weight) = weight.filter(|weight| *weight > 0) else { continue };
            let better = match best {
                None => true,
                Some((best_weight, best_encoding)) => {
                    weight > best_weight
                        || (weight == best_weight && encoding == Encoding::Brotli && best_encoding == Encoding::Gzip)
                }
            };
            if better {
                best = Some((weight, encoding));
            }
        }
    }
    best.map(|(_, encoding)| encoding)
}

/// A weight (`0`, `0.5`, `1.000`) in thousandths; `None` when it is not one.
fn thousandths(value: &str) -> Option<u16> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let fraction: u16 = format!("{fraction:0<3}").parse().ok()?;
    match whole {
        "0" => Some(fraction),
        "1" if fraction == 0 => Some(1000),
        _ => None,
    }
}

/// A page as kept: its address, its ETag, the encoding.
type Key = (String, String, Encoding);

/// The kept compressed pages, and those being compressed: a page is compressed by one
/// request at a time, the others that want it wait for it (a compressor holds megabytes;
/// sixteen readers arriving together must not make sixteen).
#[derive(Clone, Default)]
pub struct Kept {
    pages: Arc<KeptPages>,
    in_flight: Arc<Mutex<HashMap<Key, Flight>>>,
}

/// A page being compressed: what the request at it will have made (`None`: not worth it).
type Flight = Arc<OnceCell<Option<Bytes>>>;

struct KeptPages(Lru<Key, Bytes>);

impl Default for KeptPages {
    fn default() -> Self {
        KeptPages(Lru::new(KEPT_BYTES))
    }
}

impl Kept {
    /// The page under `key`, compressed from `body` by this request or by the one already
    /// at it; `None` when it is not worth compressing. `body` is left to the caller when
    /// another request compressed the page.
    async fn compressed(
        &self,
        key: Key,
        encoding: Encoding,
        body: &mut Option<Body>,
        plain: &mut Option<Bytes>,
    ) -> Option<Bytes> {
        if let Some(compressed) = self.pages.0.get(&key) {
            return Some(compressed);
        }
        let cell = {
            let mut in_flight = self.in_flight.lock().unwrap_or_else(PoisonError::into_inner);
            Arc::clone(in_flight.entry(key.clone()).or_default())
        };
        let made = cell
            .get_or_init(|| async {
                let whole = axum::body::to_bytes(body.take()?, usize::MAX).await.ok()?;
                *plain = Some(whole.clone());
                if whole.len() < WORTH_COMPRESSING {
                    return None;
                }
                let compressed = tokio::task::spawn_blocking(move || encoding.compress(&whole)).await.ok()?.ok()?;
                Some(Bytes::from(compressed))
            })
            .await
            .clone();
        if let Some(compressed) = &made {
            self.pages.0.insert(key.clone(), compressed.clone(), compressed.len() + 128);
        }
        // Kept before it leaves the flight: a request in between finds one or the other.
        self.in_flight.lock().unwrap_or_else(PoisonError::into_inner).remove(&key);
        made
    }
}

/// The on-the-fly layer, for what [`compress_once`] leaves.
pub fn layer() -> CompressionLayer {
    CompressionLayer::new()
}

/// Answers an anonymous `GET` of a cacheable page compressed, from memory after the first
/// time; leaves every other answer to the layer.
///
/// The ETag of a compressed answer names its encoding (`"…-br"`), as a representation's
/// validator must (RFC 9110 §8.8.3), so that no cache takes one encoding for another;
/// [`super::fragments::fresh`] knows both forms.
pub async fn compress_once(State(kept): State<Kept>, mut request: Request, next: Next) -> Response<Body> {
    let head = request.method() == Method::HEAD;
    let shared = (head || request.method() == Method::GET) && !from_member(request.headers());
    let Some(encoding) = negotiate(request.headers()).filter(|_| shared) else { return next.run(request).await };
    // A HEAD is answered as its GET would be, headers and all, without the body.
    if head {
        *request.method_mut() = Method::GET;
    }
    let address = request.uri().to_string();
    let response = next.run(request).await;
    let mut response = compressed(kept, encoding, address, response).await;
    if head {
        *response.body_mut() = Body::empty();
    }
    response
}

/// `response` to an anonymous `GET` of `address`, in `encoding` when it is a page every
/// anonymous reader gets alike.
async fn compressed(kept: Kept, encoding: Encoding, address: String, response: Response<Body>) -> Response<Body> {
    let etag = response.headers().get(ETAG).and_then(|value| value.to_str().ok()).map(str::to_owned);
    let Some(etag) = etag else { return response };
    let alike = cacheable(&response)
        && !response.headers().contains_key(SET_COOKIE)
        && !response.headers().contains_key(CONTENT_ENCODING);
    if !alike {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let body = match parts.status {
        StatusCode::NOT_MODIFIED => body,
        StatusCode::OK => {
            let (mut body, mut plain) = (Some(body), None);
            match kept.compressed((address, etag.clone(), encoding), encoding, &mut body, &mut plain).await {
                Some(compressed) => encoded(&mut parts, encoding, compressed),
                // Not compressed: the page as it is, read by this request or still its own.
                None => {
                    let body = match (plain, body) {
                        (Some(plain), _) => Body::from(plain),
                        (None, Some(body)) => body,
                        (None, None) => return failed(parts),
                    };
                    return Response::from_parts(parts, body);
                }
            }
        }
        _ => return Response::from_parts(parts, body),
    };
    if let Ok(tagged) = HeaderValue::from_str(&encoded_etag(&etag, encoding)) {
        parts.headers.insert(ETAG, tagged);
    }
    parts.headers.append(VARY, HeaderValue::from_static("accept-encoding"));
    Response::from_parts(parts, body)
}

/// The body of an answer in `encoding`, with the headers that say so.
fn encoded(parts: &mut axum::http::response::Parts, encoding: Encoding, compressed: Bytes) -> Body {
    parts.headers.insert(CONTENT_ENCODING, HeaderValue::from_static(encoding.name()));
    parts.headers.insert(CONTENT_LENGTH, HeaderValue::from(compressed.len()));
    Body::from(compressed)
}

/// `"tag"` of the encoded representation: `"tag-br"`.
fn encoded_etag(etag: &str, encoding: Encoding) -> String {
    match etag.strip_suffix('"') {
        Some(open) => format!("{open}-{}\"", encoding.name()),
        None => etag.to_owned(),
    }
}

/// The validator of the content whatever its encoding and however compared: `"tag-br"`,
/// `"tag-gzip"` and `W/"tag"` are `"tag"` (`If-None-Match` compares weakly, RFC 9110
/// §13.1.2).
pub fn content_etag(candidate: &str) -> std::borrow::Cow<'_, str> {
    let candidate = candidate.strip_prefix("W/").unwrap_or(candidate);
    for encoding in [Encoding::Brotli, Encoding::Gzip] {
        let suffix = format!("-{}\"", encoding.name());
        if let Some(open) = candidate.strip_suffix(&suffix) {
            return format!("{open}\"").into();
        }
    }
    candidate.into()
}

/// The answer when a page's body could not be read.
fn failed(mut parts: axum::http::response::Parts) -> Response<Body> {
    parts.status = StatusCode::INTERNAL_SERVER_ERROR;
    parts.headers.remove(ETAG);
    parts.headers.remove(CONTENT_LENGTH);
    Response::from_parts(parts, Body::empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asked(value: &str) -> Option<Encoding> {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_ENCODING, HeaderValue::from_str(value).expect("header"));
        negotiate(&headers)
    }

    #[test]
    fn the_heaviest_encoding_wins_and_brotli_breaks_ties() {
        assert_eq!(asked("gzip, br"), Some(Encoding::Brotli));
        assert_eq!(asked("br, gzip"), Some(Encoding::Brotli));
        assert_eq!(asked("gzip;q=1, br;q=0.999"), Some(Encoding::Gzip));
        assert_eq!(asked("br;q=0.001, gzip;q=0"), Some(Encoding::Brotli));
        assert_eq!(asked("x-gzip"), Some(Encoding::Gzip));
        assert_eq!(asked("Gzip ; Q=0.5"), Some(Encoding::Gzip));
    }

    #[test]
    fn nothing_is_chosen_from_refusals_or_weights_that_are_not_weights() {
        assert_eq!(asked(""), None);
        assert_eq!(asked("identity, deflate, zstd"), None);
        assert_eq!(asked("br;q=0, gzip;q=0.000"), None);
        assert_eq!(asked("br;q=1.5, gzip;q=-1"), None);
        assert_eq!(asked("br;q=0.0001, gzip;q=.5"), None);
        assert_eq!(asked("br;q=, gzip;q=1.0000"), None);
    }

    #[test]
    fn weights_read_in_thousandths() {
        assert_eq!(thousandths("1"), Some(1000));
        assert_eq!(thousandths("1.000"), Some(1000));
        assert_eq!(thousandths("0.5"), Some(500));
        assert_eq!(thousandths("0.05"), Some(50));
        assert_eq!(thousandths("0"), Some(0));
        assert_eq!(thousandths("1.001"), None);
        assert_eq!(thousandths("2"), None);
    }

    #[test]
    fn a_validator_names_its_encoding_and_is_read_back_whatever_it_names() {
        let tag = "\"13da69a6624abb8e\"";
        for encoding in [Encoding::Brotli, Encoding::Gzip] {
            let encoded = encoded_etag(tag, encoding);
            assert_ne!(encoded, tag);
            assert_eq!(content_etag(&encoded), tag);
        }
        assert_eq!(content_etag(tag), tag);
        assert_eq!(content_etag(&format!("W/{}", encoded_etag(tag, Encoding::Brotli))), tag);
        assert_eq!(content_etag("\"tag-zstd\""), "\"tag-zstd\"");
    }

    #[test]
    fn compressed_pages_decode_to_themselves() {
        use std::io::Read;
        let page = "<p>Les transports deviennent gratuits.</p>\n".repeat(500);
        let mut out = String::new();
        let brotli = Encoding::Brotli.compress(page.as_bytes()).expect("brotli");
        brotli::Decompressor::new(&brotli[..], 4096).read_to_string(&mut out).expect("decodes");
        assert_eq!(out, page);
        out.clear();
        let gzip = Encoding::Gzip.compress(page.as_bytes()).expect("gzip");
        flate2::read::GzDecoder::new(&gzip[..]).read_to_string(&mut out).expect("decodes");
        assert_eq!(out, page);
    }
}
