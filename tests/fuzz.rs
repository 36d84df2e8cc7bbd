//! Fuzzing over real HTTP, driven by the OpenAPI document the server publishes: thousands
//! of generated requests against every operation (valid-looking bodies and their mutations:
//! bad JSON, wrong types, missing and extra fields, huge and negative numbers, long and empty
//! strings, deep nesting, invalid UTF-8, wrong content types, unknown ids, every role's token
//! and none) and malformed page requests (garbage forms, invalid UTF-8 in paths and queries).
//! No answer may be a 5xx or a dropped connection; every API answer must be one the document
//! lists for its operation, with a body that fits the documented schema; the server must
//! still be healthy and its database intact at the end.
//!
//! Deterministic: one fixed seed (set `REDRAFT_FUZZ_SEED` to explore others). Requests go
//! over raw TCP, so that any byte can be sent and a dropped connection cannot hide behind a
//! client's retry.

mod common;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use common::{PASSWORD, TestServer, csrf_in};
use redraft::domain::Role;
use serde_json::{Value, json};

const SEED: u64 = 0x5eed_2027_f022_0001;
/// Requests per API operation, and page requests in all.
const PER_OPERATION: usize = 400;
const PAGE_REQUESTS: usize = 3_000;
/// Requests in flight at once.
const CONCURRENCY: usize = 4;
/// Requests that once failed.
const REGRESSIONS: &[&str] = &[
    // A slug with a control character went back into a `Location` header: 500.
    "/texts/%0A/compare?from=1&to=2",
    "/texts/%00/compare?from=2&to=1",
    "/texts/%0D%0Aset-cookie:%20x=y/compare?from=1&to=1",
];

// ---------------------------------------------------------------------------------------
// A small deterministic generator (splitmix64).

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------------------
// Raw HTTP/1.1: any bytes out, a whole answer or a dropped connection back.

#[derive(Clone, Debug)]
struct Request {
    method: String,
    target: Vec<u8>,
    headers: Vec<(String, Vec<u8>)>,
    body: Vec<u8>,
    /// The API operation it aims at (`"post /api/v1/texts"`), if any.
    operation: Option<String>,
    /// Its bytes break HTTP itself: the server's HTTP layer may refuse it with a bare 400.
    broken_http: bool,
}

impl Request {
    fn new(method: &str, target: impl Into<Vec<u8>>) -> Request {
        Request {
            method: method.to_owned(),
            target: target.into(),
            headers: Vec::new(),
            body: Vec::new(),
            operation: None,
            broken_http: false,
        }
    }

    fn header(mut self, name: &str, value: impl Into<Vec<u8>>) -> Request {
        self.headers.push((name.to_owned(), value.into()));
        self
    }

    fn body(mut self, content_type: Option<&str>, body: Vec<u8>) -> Request {
        if let Some(content_type) = content_type {
            self.headers.push(("content-type".to_owned(), content_type.as_bytes().to_vec()));
        }
        self.body = body;
        self
    }

    fn describe(&self) -> String {
        let body = String::from_utf8_lossy(&self.body[..self.body.len().min(300)]).into_owned();
        let headers: Vec<String> = self
            .headers
            .iter()
            .map(|(name, value)| format!("{name}: {}", String::from_utf8_lossy(&value[..value.len().min(80)])))
            .collect();
        format!(
            "{} {} [{}] {} bytes: {body}",
            self.method,
            String::from_utf8_lossy(&self.target[..self.target.len().min(300)]),
            headers.join("; "),
            self.body.len()
        )
    }
}

struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    fn cookies(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .filter(|(key, _)| key == "set-cookie")
            .filter_map(|(_, value)| value.split(';').next()?.split_once('='))
            .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
            .collect()
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

/// Sends one request on a fresh connection and reads the whole answer (blocking: the lanes
/// run on their own threads).
fn exchange(addr: SocketAddr, request: &Request) -> Result<Answer, String> {
    let mut stream = TcpStream::connect(addr).map_err(|error| format!("connect: {error}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(60))).map_err(|error| error.to_string())?;
    let mut out = Vec::with_capacity(request.body.len() + 512);
    out.extend_from_slice(request.method.as_bytes());
    out.push(b' ');
    out.extend_from_slice(&request.target);
    out.extend_from_slice(b" HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n");
    for (name, value) in &request.headers {
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value);
        out.extend_from_slice(b"\r\n");
    }
    if !request.body.is_empty() || request.method == "POST" || request.method == "PUT" {
        out.extend_from_slice(format!("content-length: {}\r\n", request.body.len()).as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(&request.body);
    // The server may answer before reading everything (a refusal from the headers alone):
    // what counts is the answer.
    let written = stream.write_all(&out);
    let mut raw = Vec::new();
    let read = stream.read_to_end(&mut raw);
    parse(&raw).map_err(|error| {
        format!(
            "dropped: {error}; read {read:?}, write {written:?}, {} bytes: {}",
            raw.len(),
            String::from_utf8_lossy(&raw[..raw.len().min(200)])
        )
    })
}

async fn exchange_async(addr: SocketAddr, request: Request) -> Result<Answer, String> {
    tokio::task::spawn_blocking(move || exchange(addr, &request)).await.expect("exchange")
}

/// A whole HTTP answer, or why these bytes are not one.
fn parse(raw: &[u8]) -> Result<Answer, String> {
    let end = find(raw, b"\r\n\r\n").ok_or("no complete head")?;
    let head = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| format!("bad status line {status_line:?}"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    let rest = &raw[end + 4..];
    let header = |name: &str| headers.iter().find(|(key, _)| key == name).map(|(_, value)| value.clone());
    let body = if header("transfer-encoding").is_some_and(|te| te.eq_ignore_ascii_case("chunked")) {
        dechunk(rest)?
    } else if let Some(length) = header("content-length") {
        let length: usize = length.parse().map_err(|_| format!("content-length {length:?}"))?;
        if rest.len() < length {
            return Err(format!("body cut at {} of {length} bytes", rest.len()));
        }
        rest[..length].to_vec()
    } else {
        rest.to_vec()
    };
    Ok(Answer { status, headers, body })
}

fn dechunk(mut rest: &[u8]) -> Result<Vec<u8>, String> {
    let mut body = Vec::new();
    loop {
        let line_end = find(rest, b"\r\n").ok_or("chunk size cut")?;
        let size_text = String::from_utf8_lossy(&rest[..line_end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| format!("chunk size {size_text:?}"))?;
        rest = &rest[line_end + 2..];
        if size == 0 {
            return Ok(body);
        }
        if rest.len() < size + 2 {
            return Err("chunk cut".to_owned());
        }
        body.extend_from_slice(&rest[..size]);
        rest = &rest[size + 2..];
    }
}

// ---------------------------------------------------------------------------------------
// The document: operations, and a checker for the subset of JSON Schema it uses.

struct Operation {
    method: String,
    path: String,
    /// Query parameters: name, schema, required.
    query: Vec<(String, Value, bool)>,
    body: Option<Value>,
    /// Status → response object.
    responses: BTreeMap<String, Value>,
}

impl Operation {
    fn key(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

fn operations(doc: &Value) -> Vec<Operation> {
    let mut found = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("path item") {
            if !["get", "post", "put", "delete", "patch"].contains(&method.as_str()) {
                continue;
            }
            let parameters = operation["parameters"].as_array().cloned().unwrap_or_default();
            let query = parameters
                .iter()
                .filter(|p| p["in"] == "query")
                .map(|p| {
                    (p["name"].as_str().expect("name").to_owned(), p["schema"].clone(), p["required"] == json!(true))
                })
                .collect();
            let body = operation["requestBody"]["content"]["application/json"]["schema"].clone();
            let responses = operation["responses"]
                .as_object()
                .expect("responses")
                .iter()
                .map(|(status, response)| (status.clone(), response.clone()))
                .collect();
            found.push(Operation {
                method: method.clone(),
                path: path.clone(),
                query,
                body: (!body.is_null()).then_some(body),
                responses,
            });
        }
    }
    found
}

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str().and_then(|r| r.strip_prefix("#/components/schemas/")) {
        Some(name) => resolve(doc, &doc["components"]["schemas"][name]),
        None => schema,
    }
}

fn types_of(schema: &Value) -> Vec<&str> {
    match &schema["type"] {
        Value::String(one) => vec![one.as_str()],
        Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Whether `value` fits `schema` (types, enums, required and known properties, items,
/// minimums, allOf, oneOf with exactly one match).
fn conforms(doc: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    let schema = resolve(doc, schema);
    if let Some(all) = schema["allOf"].as_array() {
        for part in all {
            conforms(doc, part, value, at)?;
        }
    }
    if let Some(one_of) = schema["oneOf"].as_array() {
        let matches = one_of.iter().filter(|part| conforms(doc, part, value, at).is_ok()).count();
        if matches != 1 {
            return Err(format!("{at}: {matches} of oneOf match {value}"));
        }
    }
    if let Some(names) = schema["enum"].as_array()
        && !names.contains(value)
    {
        return Err(format!("{at}: {value} not in {names:?}"));
    }
    let types = types_of(schema);
    if !types.is_empty() {
        let fits = types.iter().any(|kind| match *kind {
            "null" => value.is_null(),
            "boolean" => value.is_boolean(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "string" => value.is_string(),
            "array" => value.is_array(),
            "object" => value.is_object(),
            _ => false,
        });
        if !fits {
            return Err(format!("{at}: {value} is not {types:?}"));
        }
    }
    if let (Some(minimum), Some(number)) = (schema["minimum"].as_f64(), value.as_f64())
        && number < minimum
    {
        return Err(format!("{at}: {number} under {minimum}"));
    }
    if let Some(object) = value.as_object() {
        for name in schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            if !object.contains_key(name) {
                return Err(format!("{at}: {name} missing from {value}"));
            }
        }
        if let Some(properties) = schema["properties"].as_object() {
            for (name, property) in properties {
                if let Some(inner) = object.get(name) {
                    conforms(doc, property, inner, &format!("{at}.{name}"))?;
                }
            }
        }
        if schema["additionalProperties"] == json!(false) {
            let known = schema["properties"].as_object();
            if let Some(extra) = object.keys().find(|key| known.is_none_or(|k| !k.contains_key(*key))) {
                return Err(format!("{at}: unexpected {extra}"));
            }
        }
    }
    if let (Some(items), Some(list)) = (schema.get("items"), value.as_array()) {
        for (index, item) in list.iter().enumerate() {
            conforms(doc, items, item, &format!("{at}[{index}]"))?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Values and their mutations.

/// What the fuzzer knows of the server it fills.
struct Known {
    slugs: Vec<String>,
    amendments: Vec<i64>,
    /// Authorization headers: none, each role's token, forged and malformed ones.
    authorizations: Vec<Option<Vec<u8>>>,
}

const TEXTS: &[&str] = &[
    "Une ligne.",
    "Paragraphe révisé, plus juste.",
    "Titre\nPremier paragraphe.\nDeuxième paragraphe.",
    "Ligne un.\r\nLigne deux.\r\n\r\nLigne trois.",
    "   ",
    "Égalité · 😀 · \u{202e}droite à gauche\u{202c} · e\u{301}",
    "<script>alert(1)</script>",
    "\u{feff}avec BOM",
    "séparateur\u{2028}de ligne\u{2029}et\u{85}NEL",
    "\u{a0}\u{3000}\u{200b}",
    "non-caractères \u{fffe}\u{ffff}\u{10ffff}",
    "\t\tindenté",
];

/// A plausible value for `schema`, named `name`.
fn plausible(rng: &mut Rng, doc: &Value, known: &Known, schema: &Value, name: &str) -> Value {
    let schema = resolve(doc, schema);
    if let Some(names) = schema["enum"].as_array() {
        return rng.pick(names).clone();
    }
    if let Some(parts) = schema["oneOf"].as_array() {
        let part = rng.pick(parts).clone();
        return plausible(rng, doc, known, &part, name);
    }
    let types: Vec<&str> = types_of(schema).into_iter().filter(|kind| *kind != "null").collect();
    match types.first().copied().unwrap_or("string") {
        "object" => {
            let required: Vec<&str> =
                schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
            let mut object = serde_json::Map::new();
            for (field, property) in schema["properties"].as_object().into_iter().flatten() {
                if required.contains(&field.as_str()) || rng.chance(60) {
                    object.insert(field.clone(), plausible(rng, doc, known, property, field));
                }
            }
            Value::Object(object)
        }
        "array" => {
            let count = rng.below(4);
            let items = schema["items"].clone();
            Value::Array((0..count).map(|_| plausible(rng, doc, known, &items, name)).collect())
        }
        "integer" => match name {
            "amendments" if !known.amendments.is_empty() => json!(*rng.pick(&known.amendments)),
            "base" | "revision" | "from" | "to" => json!(1 + rng.below(3)),
            "start" => json!(1 + rng.below(12)),
            "count" => json!(rng.below(4)),
            _ => json!(rng.below(12)),
        },
        "number" => json!(rng.below(12)),
        "boolean" => json!(rng.chance(50)),
        _ => match name {
            "slug" if rng.chance(20) => match rng.below(9) {
                8 => json!("x".repeat(65)),
                odd => json!(["new", "Fuzz", "fuzz", "a", "été", "a--b", "-a", "a b"][odd]),
            },
            "slug" => json!(format!("fz{}", rng.next() % 100_000)),
            "login" => json!(*rng.pick(&["membre", "membre2", "redaction", "administration", "personne", "MEMBRE"])),
            "password" => json!(*rng.pick(&[PASSWORD, "mauvais mot de passe", ""])),
            "rationale" | "summary" | "note" | "title" => json!(*rng.pick(&["Parce que.", "Plus clair.", "Titre", ""])),
            _ => json!(*rng.pick(TEXTS)),
        },
    }
}

/// Raw JSON text for a field, at and past the edges: numbers at and out of every integer
/// range, floats, deep nesting, strings that are not UTF-8 or escape lone surrogates.
fn hostile_raw(rng: &mut Rng) -> Vec<u8> {
    let depth = *rng.pick(&[64usize, 129, 1_000, 100_000]);
    match rng.below(22) {
        0 => b"9223372036854775808".to_vec(),
        1 => b"18446744073709551616".to_vec(),
        2 => b"-9223372036854775809".to_vec(),
        3 => b"1e308".to_vec(),
        4 => b"1e309".to_vec(),
        5 => b"-1".to_vec(),
        6 => b"4294967296".to_vec(),
        7 => b"1.5".to_vec(),
        8 => b"-0".to_vec(),
        9 => [&b"["[..].repeat(depth)[..], &b"]".repeat(depth)[..]].concat(),
        10 => [&b"{\"a\":"[..].repeat(depth.min(5_000))[..], b"1", &b"}".repeat(depth.min(5_000))[..]].concat(),
        11 => b"\"\xff\xfe invalid\"".to_vec(),
        12 => b"\"\xc3\x28\"".to_vec(),
        13 => b"\"\\ud800\"".to_vec(),
        14 => b"[\"\xed\xa0\x80\"]".to_vec(),
        15 => b"4294967295".to_vec(),
        16 => b"2147483648".to_vec(),
        17 => b"9223372036854775807".to_vec(),
        18 => b"-9223372036854775808".to_vec(),
        19 => b"0".to_vec(),
        20 => b"[9223372036854775807, -9223372036854775808, 0, -1]".to_vec(),
        _ => b"NaN".to_vec(),
    }
}

/// A value of the wrong kind for a field.
fn wrong_type(rng: &mut Rng) -> Value {
    match rng.below(9) {
        0 => json!("7"),
        1 => json!(7),
        2 => json!(2.5),
        3 => json!(true),
        4 => Value::Null,
        5 => json!([1, "deux"]),
        6 => json!({ "a": 1 }),
        7 => json!([["x"]]),
        _ => json!(""),
    }
}

/// A long string: one line of ~100 KB, or many lines, or control characters.
fn long_string(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => "x".repeat(100_000),
        1 => "Une ligne assez longue.\n".repeat(4_000),
        2 => "é".repeat(40_000),
        _ => "ligne\u{0}\u{7}\u{1b}[31m\u{8}".repeat(2_000),
    }
}

const PLACEHOLDER: &str = "\u{1}RAW\u{1}";

/// A JSON body for `schema`, mutated or not, as bytes.
fn json_body(rng: &mut Rng, doc: &Value, known: &Known, schema: &Value) -> Vec<u8> {
    let mut value = plausible(rng, doc, known, schema, "");
    let fields: Vec<String> = value.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
    let schema_fields: Vec<String> =
        resolve(doc, schema)["properties"].as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
    let mut raw: Option<Vec<u8>> = None;
    let mut duplicate: Option<(String, Value)> = None;
    // As generated four times in ten; one mutation otherwise.
    let mutation = if rng.chance(40) { 0 } else { 1 + rng.below(12) };
    if let Some(object) = value.as_object_mut() {
        let field = if schema_fields.is_empty() { "x".to_owned() } else { rng.pick(&schema_fields).clone() };
        match mutation {
            0 => {} // as generated
            2 => {
                object.insert(field, wrong_type(rng));
            }
            3 if !fields.is_empty() => {
                let present = &fields[rng.below(fields.len())];
                object.remove(present);
            }
            4 => {
                object.insert(format!("extra_{}", rng.below(100)), wrong_type(rng));
                object.insert("__proto__".to_owned(), json!({ "admin": true }));
            }
            5 | 6 => {
                object.insert(field, json!(PLACEHOLDER));
                raw = Some(hostile_raw(rng));
            }
            7 => {
                object.insert(field, json!(""));
            }
            8 => {
                let long = long_string(rng);
                let entry = if field.ends_with("lines") { json!([long]) } else { json!(long) };
                object.insert(field, entry);
            }
            9 => {
                let many: Vec<Value> = if field == "amendments" {
                    (0..rng.below(6_000)).map(|n| json!(n % 40)).collect()
                } else {
                    (0..rng.below(3_000)).map(|n| json!(format!("Ligne {n}."))).collect()
                };
                object.insert(field, Value::Array(many));
            }
            10 => {
                object.insert(field, json!(-(rng.below(1_000) as i64) - 1));
            }
            11 => {
                object.insert(field, json!(u64::MAX));
            }
            1 => {
                // The same key twice, the second time with another value.
                let again = if rng.chance(50) { wrong_type(rng) } else { json!(*rng.pick(TEXTS)) };
                duplicate = Some((field, again));
            }
            _ => {
                // A whole other body where a field's value goes.
                object.insert(field, plausible(rng, doc, known, schema, ""));
            }
        }
    }
    let mut bytes = serde_json::to_vec(&value).expect("serialise");
    if let Some(raw) = raw {
        let marker = serde_json::to_vec(&json!(PLACEHOLDER)).expect("marker");
        if let Some(at) = find(&bytes, &marker) {
            bytes.splice(at..at + marker.len(), raw);
        }
    }
    if let Some((key, again)) = duplicate
        && bytes.last() == Some(&b'}')
    {
        bytes.pop();
        let pair = serde_json::to_vec(&json!({ key: again })).expect("pair");
        let separator: &[u8] = if bytes.len() > 1 { b"," } else { b"" };
        bytes.extend_from_slice(separator);
        bytes.extend_from_slice(&pair[1..]);
    }
    // Damage the syntax now and then.
    match rng.below(30) {
        0 if !bytes.is_empty() => {
            let cut = rng.below(bytes.len());
            bytes.truncate(cut);
        }
        1 if !bytes.is_empty() => {
            let at = rng.below(bytes.len());
            let junk = *rng.pick(&[&b","[..], b"}", b"]", b"\"", b":", b"\\", b"\xff", b"\x00", b"'"]);
            bytes.splice(at..at, junk.iter().copied());
        }
        2 => bytes.extend_from_slice(b" trailing"),
        3 => {
            bytes.splice(0..0, b"\xef\xbb\xbf".iter().copied());
        }
        _ => {}
    }
    bytes
}

/// A body that is no JSON object at all.
fn odd_body(rng: &mut Rng) -> Vec<u8> {
    match rng.below(10) {
        0 => Vec::new(),
        1 => b"null".to_vec(),
        2 => b"[]".to_vec(),
        3 => b"42".to_vec(),
        4 => b"\"texte\"".to_vec(),
        5 => b"base=1&start=2&count=1".to_vec(),
        6 => "{\"base\":1}".encode_utf16().flat_map(u16::to_le_bytes).collect(),
        7 => (0..2_000).map(|i| (i * 37 % 256) as u8).collect(),
        8 => [&b"["[..].repeat(200_000)[..], &b"]".repeat(200_000)[..]].concat(),
        _ => b"{\"a\":".repeat(10_000),
    }
}

/// A percent-encoded path segment: a known one, an unknown one, or one that is not UTF-8.
fn segment(rng: &mut Rng, name: &str, known: &Known) -> Vec<u8> {
    if name != "odd" && rng.chance(75) {
        return match name {
            "slug" => rng.pick(&known.slugs).clone().into_bytes(),
            "id" => rng.pick(&known.amendments).to_string().into_bytes(),
            _ => (1 + rng.below(4)).to_string().into_bytes(),
        };
    }
    let odd: &[&str] = &[
        "0",
        "-1",
        "999999",
        "9223372036854775807",
        "9223372036854775808",
        "99999999999999999999999",
        "4294967296",
        "1e3",
        "01",
        "+1",
        "%20",
        "abc",
        "%FF",
        "%C3%28",
        "%ED%A0%80",
        "%00",
        "%0A",
        "%0D%0Aset-cookie:%20x=y",
        "a%2Fb",
        "..",
        "%2E%2E",
        "%C3%A9t%C3%A9",
        "%E2%80%AE",
        "%",
        "%G1",
        "inconnu",
    ];
    if rng.chance(5) {
        return "a".repeat(10_000).into_bytes();
    }
    rng.pick(odd).as_bytes().to_vec()
}

/// A query string for these parameters, often wrong.
fn query_string(rng: &mut Rng, parameters: &[(String, Value, bool)]) -> Vec<u8> {
    let mut pairs: Vec<Vec<u8>> = Vec::new();
    for (name, _, required) in parameters {
        if !required && rng.chance(40) || rng.chance(10) {
            continue;
        }
        let value: &[u8] = if rng.chance(75) {
            rng.pick::<&[u8]>(&[b"1", b"2", b"3"])
        } else {
            rng.pick::<&[u8]>(&[
                b"",
                b"0",
                b"-1",
                b"4294967296",
                b"9223372036854775808",
                b"1.5",
                b"1e2",
                b"%FF",
                b"%C3%28",
                b"%00",
                b"abc",
                b"1&1",
                b"%",
            ])
        };
        pairs.push([name.as_bytes(), b"=", value].concat());
        if rng.chance(10) {
            pairs.push([name.as_bytes(), b"=2"].concat());
        }
    }
    if rng.chance(10) {
        pairs.push(b"%FF=%FE".to_vec());
    }
    if pairs.is_empty() {
        return Vec::new();
    }
    [&b"?"[..], &pairs.join(&b'&')].concat()
}

/// One request against `operation`.
fn api_request(rng: &mut Rng, doc: &Value, known: &Known, operation: &Operation) -> Request {
    let mut target = Vec::new();
    for part in operation.path.split('/').skip(1) {
        target.push(b'/');
        match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            Some(name) => target.extend(segment(rng, name, known)),
            None => target.extend_from_slice(part.as_bytes()),
        }
    }
    target.extend(query_string(rng, &operation.query));
    let broken_http = rng.chance(2);
    if broken_http {
        // Bytes that are not allowed in a request line at all.
        target.extend_from_slice(rng.pick::<&[u8]>(&[b"?from=\xff&to=\xfe", b"\xc3\x28", b"\x7f", b" x"]));
    }
    let mut request = Request::new(&operation.method.to_ascii_uppercase(), target);
    request.operation = Some(operation.key());
    request.broken_http = broken_http;
    if let Some(authorization) = rng.pick(&known.authorizations).clone() {
        request = request.header("authorization", authorization);
    }
    if rng.chance(20) {
        request = request.header("accept-language", *rng.pick(&[&b"en"[..], b"fr-FR;q=0.5, en;q=0.9", b"\xff", b"*"]));
    }
    let content_type = if rng.chance(85) {
        Some("application/json")
    } else {
        *rng.pick(&[
            None,
            Some("text/plain"),
            Some("application/x-www-form-urlencoded"),
            Some("application/json; charset=utf-16"),
            Some("multipart/form-data; boundary=x"),
            Some("application/xml"),
        ])
    };
    let body = match &operation.body {
        Some(schema) if rng.chance(92) => json_body(rng, doc, known, schema),
        Some(_) => odd_body(rng),
        // A body where none is read, now and then.
        None if rng.chance(10) => odd_body(rng),
        None => Vec::new(),
    };
    request.body(content_type, body)
}

/// Requests outside the document: wrong methods, unknown paths, HTTP-level oddities.
fn stray_request(rng: &mut Rng, known: &Known) -> Request {
    let paths: &[&str] = &[
        "/api/v1/texts",
        "/api/v1/texts/fuzz",
        "/api/v1/amendments/1",
        "/api/v1/nothing",
        "/api/v1/texts/fuzz/nothing",
        "/api/v1/",
        "/api/v1",
        "/api/v2/texts",
        "/api/v1/texts//amendments",
        "/api/v1/texts/fuzz/revisions/1/extra",
        "/api/v1/openapi.json/x",
    ];
    let method = *rng.pick(&["DELETE", "PATCH", "OPTIONS", "GET", "POST", "PUT", "TRACE", "FROB"]);
    let mut request = Request::new(method, *rng.pick(paths));
    if let Some(authorization) = rng.pick(&known.authorizations).clone() {
        request = request.header("authorization", authorization);
    }
    request.body(Some("application/json"), if rng.chance(50) { b"{}".to_vec() } else { Vec::new() })
}

// ---------------------------------------------------------------------------------------
// Pages.

/// A visitor of the pages: its cookies and the token its forms must carry.
#[derive(Clone)]
struct Visitor {
    cookie: String,
    csrf: String,
}

async fn visit(addr: SocketAddr, path: &str, cookie: &str) -> Answer {
    let request = Request::new("GET", path).header("cookie", cookie);
    exchange_async(addr, request).await.unwrap_or_else(|error| panic!("GET {path}: {error}"))
}

/// Logs in through the login form, as a browser does.
async fn log_in(addr: SocketAddr, login: &str) -> Visitor {
    let form = visit(addr, "/login", "").await;
    let csrf_cookie = form.cookies().into_iter().find(|(name, _)| name == "redraft_csrf").expect("csrf cookie").1;
    let csrf = csrf_in(&form.text()).expect("csrf field");
    let body = format!("csrf={csrf}&login={login}&password={}&next=%2F", PASSWORD.replace(' ', "+"));
    let request = Request::new("POST", "/login")
        .header("cookie", format!("redraft_csrf={csrf_cookie}"))
        .body(Some("application/x-www-form-urlencoded"), body.into_bytes());
    let answer = exchange_async(addr, request).await.expect("log in");
    assert_eq!(answer.status, 303, "log in {login}: {}", answer.text());
    let session = answer.cookies().into_iter().find(|(name, _)| name == "redraft_session").expect("session").1;
    let cookie = format!("redraft_csrf={csrf_cookie}; redraft_session={session}");
    let page = visit(addr, "/texts/fuzz/amend", &cookie).await;
    let csrf = csrf_in(&page.text()).expect("session csrf");
    Visitor { cookie, csrf }
}

/// A form field's value, often garbage.
fn form_value(rng: &mut Rng, name: &str, known: &Known, visitor: &Visitor, garbage: bool) -> Vec<u8> {
    if !garbage {
        let fine: String = match name {
            "csrf" => visitor.csrf.clone(),
            "base" | "start" | "count" => (rng.below(5) + usize::from(name != "count")).to_string(),
            "amendments" => rng.pick(&known.amendments).to_string(),
            "login" => (*rng.pick(&["membre", "redaction", "personne"])).to_owned(),
            "password" => (*rng.pick(&["correct+horse+battery", "faux"])).to_owned(),
            "next" => {
                (*rng.pick(&["/", "/texts/fuzz", "//evil.example", "/%0Aevil", "https://evil.example"])).to_owned()
            }
            "decision" => (*rng.pick(&["accept", "reject", "accept_modified", "maybe"])).to_owned(),
            "slug" => format!("pg{}", rng.next() % 100_000),
            _ => (*rng.pick(&["Une+ligne.", "Deux%0ALignes.", "Texte+%C3%A9t%C3%A9", ""])).to_owned(),
        };
        return fine.into_bytes();
    }
    let garbage: &[&[u8]] = &[
        b"",
        b"-1",
        b"4294967296",
        b"99999999999999999999",
        b"1.5",
        b"abc",
        b"%FF%FE",
        b"%C3%28",
        b"%00%01%1B",
        b"%",
        b"%%%",
        b"a=b=c",
        b"%E2%80%AE",
        b"\xff\xfe",
    ];
    if rng.chance(8) {
        return "x".repeat(100_000).into_bytes();
    }
    if rng.chance(5) {
        return "ligne%0A".repeat(5_000).into_bytes();
    }
    rng.pick(garbage).to_vec()
}

/// A form on one of the pages that take them, with garbage fields.
fn page_form(rng: &mut Rng, known: &Known, visitors: &[Visitor]) -> Request {
    let visitor = rng.pick(visitors).clone();
    let slug = rng.pick(&known.slugs).clone();
    let id = rng.pick(&known.amendments).to_string();
    let (path, fields): (String, &[&str]) = match rng.below(10) {
        0..=2 => ("/login".to_owned(), &["csrf", "login", "password", "next"]),
        3..=5 => (
            format!("/texts/{slug}/amendments"),
            &["csrf", "base", "start", "count", "new_lines", "summary", "rationale"],
        ),
        6 | 7 => (format!("/texts/{slug}/merge"), &["csrf", "base", "summary", "amendments", "amendments"]),
        8 => match rng.below(4) {
            0 => ("/texts".to_owned(), &["csrf", "slug", "title", "body", "summary", "visibility"]),
            1 => (format!("/texts/{slug}/edit"), &["csrf", "base", "body", "summary"]),
            2 => (format!("/amendments/{id}/decision"), &["csrf", "decision", "note", "modified_lines", "back"]),
            _ => (format!("/amendments/{id}/edit"), &["csrf", "base", "start", "count", "new_lines", "rationale"]),
        },
        _ => (format!("/amendments/{id}/withdraw"), &["csrf"]),
    };
    // A form as the page would send it with one field spoilt (missing, renamed or garbage),
    // or garbage throughout.
    let spoilt = if rng.chance(25) { None } else { Some(rng.below(fields.len() + 1)) };
    let mut pairs: Vec<Vec<u8>> = Vec::new();
    for (index, name) in fields.iter().enumerate() {
        let garbage = spoilt.is_none_or(|spoilt| spoilt == index);
        if garbage && rng.chance(12) {
            continue;
        }
        let key: &[u8] = if garbage && rng.chance(4) { b"%FF" } else { name.as_bytes() };
        let garbage = garbage && rng.chance(75);
        pairs.push([key, b"=", &form_value(rng, name, known, &visitor, garbage)].concat());
    }
    if rng.chance(15) {
        pairs.push(b"unknown=1&&=&x".to_vec());
    }
    let mut body = pairs.join(&b'&');
    if path.ends_with("/merge") && rng.chance(10) {
        let many: Vec<String> = (0..rng.below(6_000)).map(|n| format!("amendments={}", n % 40)).collect();
        body = format!("csrf={}&base=1&{}", visitor.csrf, many.join("&")).into_bytes();
    }
    if rng.chance(5) {
        body = b"{\"csrf\": 1}".to_vec();
    }
    let content_type = if rng.chance(90) {
        Some("application/x-www-form-urlencoded")
    } else {
        *rng.pick(&[None, Some("application/json"), Some("multipart/form-data; boundary=x"), Some("text/plain")])
    };
    let cookie = if rng.chance(90) {
        visitor.cookie.into_bytes()
    } else {
        b"redraft_session=\xff\xfe; redraft_lang=zz".to_vec()
    };
    Request::new("POST", path).header("cookie", cookie).body(content_type, body)
}

/// A page read with odd path segments and query strings.
fn page_read(rng: &mut Rng, known: &Known, visitors: &[Visitor]) -> Request {
    // Known texts and amendments half of the time, odd segments otherwise.
    let mut part = |name: &str| {
        let value = segment(rng, name, known);
        let value = if rng.chance(35) { segment(rng, "odd", known) } else { value };
        String::from_utf8_lossy(&value).into_owned()
    };
    let (slug, id, n) = (part("slug"), part("id"), part("number"));
    let junk = *rng.pick(&["", "%FF", "%C3%28", "-1", "4294967296", "abc", "%00", "1", "2", "%0A", "xxx"]);
    let path = match rng.below(21) {
        0 => format!("/?q={junk}"),
        1 => format!("/login?next={junk}"),
        2 => format!("/lang/{}?next=/{junk}", rng.pick(&["en", "fr", "%FF", "zz"])),
        3 => format!("/texts/{slug}?revision={junk}"),
        4 => format!("/texts/{slug}/revisions/{n}"),
        5 => format!("/texts/{slug}/amend?revision={junk}&start={junk}&count={junk}"),
        6 => format!("/texts/{slug}/amend?start={n}&count={}", rng.pick(&["0", "1", "4294967295", "99"])),
        7 => format!(
            "/texts/{slug}/amendments?line={junk}&revision={junk}&state={}",
            rng.pick(&["open", "x", "%FF", ""])
        ),
        8 => format!("/texts/{slug}/review?merged={junk}"),
        9 => format!("/texts/{slug}/history"),
        10 => format!("/texts/{slug}/compare?from={junk}&to={n}"),
        11 => format!("/texts/{slug}/compare?from=1&to={n}"),
        12 => format!("/texts/{slug}/diff/{n}..{junk}?view={}", rng.pick(&["inline", "%FF", ""])),
        13 => format!("/texts/{slug}/diff/{}", rng.pick(&["..", "1..", "..2", "1...2", "%FF..1", "1..1..1"])),
        14 => format!("/texts/{slug}/edit"),
        15 => format!("/texts/{slug}/export.{}?revision={junk}", rng.pick(&["txt", "md", "pdf"])),
        16 => {
            format!("/texts/{slug}/{}", rng.pick(&["amendments.csv", "amendments.ods", "amendments.xlsx", "book.pdf"]))
        }
        17 => format!("/amendments/{id}"),
        18 => format!("/amendments/{id}/edit"),
        19 => format!(
            "/texts/{slug}/export.{}?{}",
            rng.pick(&["odt", "docx"]),
            rng.pick(&[
                format!("from={junk}&to={n}"),
                format!("from={n}"),
                format!("amendments={id},{junk}"),
                format!("amendments={id}&amendments={id}"),
                format!("amendments={junk}&to={n}"),
            ])
        ),
        _ => format!("/assets/{}", rng.pick(&["style.css", "%FF", "..%2F..%2Fetc%2Fpasswd", "x"])),
    };
    let cookie = if rng.chance(70) { rng.pick(visitors).cookie.clone() } else { String::new() };
    let mut request = Request::new("GET", path).header("cookie", cookie);
    if rng.chance(3) {
        // Bytes that are not allowed in a request line: the HTTP layer refuses them.
        request.target.extend_from_slice(b"\xff\x01");
        request.broken_http = true;
    }
    request
}

// ---------------------------------------------------------------------------------------
// The run.

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thousands_of_generated_and_malformed_requests_find_no_5xx() {
    let started = Instant::now();
    let seed = std::env::var("REDRAFT_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(SEED);
    let mut rng = Rng(seed);
    let server = TestServer::start().await;
    let addr = server.addr;
    let (member, member2, drafter, admin) = tokio::join!(
        server.api_as("membre", Role::Member),
        server.api_as("membre2", Role::Member),
        server.api_as("redaction", Role::Drafter),
        server.api_as("administration", Role::Admin),
    );

    // A text with a few amendments in several states, a members-only text.
    let lines: Vec<String> = (1..=12).map(|n| format!("Paragraphe {n} du texte.")).collect();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    drafter.publish("fuzz", &refs).await;
    let mut amendments = Vec::new();
    for (start, count, new_lines) in
        [(1, 1, vec!["Un, revu."]), (3, 2, vec!["Trois et quatre."]), (6, 0, vec!["Insérée."])]
    {
        amendments.push(member.propose("fuzz", 1, start, count, &new_lines).await);
    }
    amendments.push(member2.propose("fuzz", 1, 9, 1, &[]).await);
    amendments.push(member2.propose("fuzz", 1, 11, 1, &["Onze."]).await);
    drafter.accept(amendments[0]).await;
    drafter.accept(amendments[3]).await;
    let internal = json!({ "slug": "interne", "title": "Interne", "body": "Réservé.", "visibility": "members" });
    assert_eq!(drafter.post("/api/v1/texts", &internal).await.0, 201);
    amendments.push(member.propose("interne", 1, 1, 1, &["Réservé, revu."]).await);

    let bearer = |api: &common::Api| Some(format!("Bearer {}", api.token.clone().expect("token")).into_bytes());
    let known = Known {
        slugs: vec!["fuzz".to_owned(), "interne".to_owned(), "inconnu".to_owned()],
        amendments: amendments.clone(),
        // Mostly real tokens, so that requests get past authentication.
        authorizations: vec![
            None,
            None,
            None,
            bearer(&member),
            bearer(&member),
            bearer(&member),
            bearer(&member2),
            bearer(&member2),
            bearer(&drafter),
            bearer(&drafter),
            bearer(&drafter),
            bearer(&drafter),
            bearer(&admin),
            bearer(&admin),
            Some(format!("Bearer {}", "0".repeat(64)).into_bytes()),
            Some(b"Bearer".to_vec()),
            Some(b"bearer lowercase".to_vec()),
            Some(b"Basic YWxpY2U6eA==".to_vec()),
            Some(b"Bearer \xff\xfe".to_vec()),
            Some(format!("Bearer {}", "a".repeat(8_000)).into_bytes()),
        ],
    };

    // The document drives the API part.
    let answer = exchange_async(addr, Request::new("GET", "/api/v1/openapi.json")).await.expect("document");
    assert_eq!(answer.status, 200);
    let doc: Value = serde_json::from_slice(&answer.body).expect("the document is JSON");
    let operations = operations(&doc);
    assert!(operations.len() >= 17, "{} operations", operations.len());

    let visitors = vec![
        Visitor { cookie: String::new(), csrf: String::new() },
        log_in(addr, "membre").await,
        log_in(addr, "redaction").await,
    ];

    let mut requests = Vec::new();
    for round in 0..PER_OPERATION {
        for operation in &operations {
            requests.push(api_request(&mut rng, &doc, &known, operation));
        }
        if round % 2 == 0 {
            requests.push(stray_request(&mut rng, &known));
        }
    }
    for _ in 0..PAGE_REQUESTS {
        let request = if rng.chance(60) {
            page_form(&mut rng, &known, &visitors)
        } else {
            page_read(&mut rng, &known, &visitors)
        };
        requests.push(request);
    }
    // What earlier runs found, sent every time.
    for target in REGRESSIONS {
        requests.push(Request::new("GET", *target));
    }
    // Bodies over the server's limit, to the API and to a page.
    let oversized = [b"{\"body\": \"".to_vec(), vec![b'x'; 11 * 1024 * 1024], b"\"}".to_vec()].concat();
    let mut over_api = Request::new("POST", "/api/v1/texts").body(Some("application/json"), oversized.clone());
    over_api = over_api.header("authorization", bearer(&drafter).expect("token"));
    over_api.operation = Some("post /api/v1/texts".to_owned());
    requests.push(over_api);
    let over_page = Request::new("POST", "/texts/fuzz/amendments")
        .header("cookie", visitors[1].cookie.clone())
        .body(Some("application/x-www-form-urlencoded"), oversized);
    requests.push(over_page);
    let total = requests.len();
    assert!(total >= 5_000, "{total} requests");

    // Send them, a few at a time, in a fixed order per lane; check each answer as it comes.
    let doc = std::sync::Arc::new(doc);
    let operations = std::sync::Arc::new(operations);
    let mut lanes: Vec<Vec<(usize, Request)>> = vec![Vec::new(); CONCURRENCY];
    for (index, request) in requests.into_iter().enumerate() {
        lanes[index % CONCURRENCY].push((index, request));
    }
    let tasks: Vec<_> = lanes
        .into_iter()
        .map(|lane| {
            let (doc, operations) = (std::sync::Arc::clone(&doc), std::sync::Arc::clone(&operations));
            tokio::task::spawn_blocking(move || {
                let by_key: BTreeMap<String, &Operation> = operations.iter().map(|op| (op.key(), op)).collect();
                let mut failures = Vec::new();
                let mut statuses: BTreeMap<String, usize> = BTreeMap::new();
                for (index, request) in lane {
                    let outcome = exchange(addr, &request).and_then(|answer| {
                        let code = serde_json::from_slice::<Value>(&answer.body)
                            .ok()
                            .and_then(|body| body["error"]["code"].as_str().map(str::to_owned))
                            .unwrap_or_default();
                        let what = request.operation.clone().unwrap_or_else(|| "pages".to_owned());
                        *statuses.entry(format!("{what} {} {code}", answer.status)).or_default() += 1;
                        check(&doc, &by_key, &request, &answer)
                    });
                    if let Err(problem) = outcome {
                        failures.push(format!("#{index} {problem}\n    {}", request.describe()));
                    }
                }
                (failures, statuses)
            })
        })
        .collect();
    let mut failures = Vec::new();
    let mut statuses: BTreeMap<String, usize> = BTreeMap::new();
    for task in tasks {
        let (lane_failures, lane_statuses) = task.await.expect("lane");
        failures.extend(lane_failures);
        for (status, count) in lane_statuses {
            *statuses.entry(status).or_default() += count;
        }
    }
    failures.sort();
    for (what, count) in &statuses {
        println!("{count:6} {what}");
    }
    assert!(
        failures.is_empty(),
        "{} of {total} requests failed (seed {seed:#x}):\n{}",
        failures.len(),
        failures.iter().take(40).cloned().collect::<Vec<_>>().join("\n")
    );

    // Still healthy, and the database intact.
    let health = exchange_async(addr, Request::new("GET", "/healthz")).await.expect("healthz");
    assert_eq!(health.status, 200, "{}", health.text());
    let connection = rusqlite::Connection::open(server.dir.path().join("redraft.db")).expect("open the database");
    let integrity: String = connection.query_row("PRAGMA integrity_check", [], |row| row.get(0)).expect("integrity");
    assert_eq!(integrity, "ok");
    drop(connection);
    println!("{total} requests in {:.1} s (seed {seed:#x})", started.elapsed().as_secs_f64());
    server.stop().await;
}

/// What every answer must satisfy.
fn check(
    doc: &Value,
    operations: &BTreeMap<String, &Operation>,
    request: &Request,
    answer: &Answer,
) -> Result<(), String> {
    if answer.status >= 500 {
        return Err(format!("{}: {}", answer.status, answer.text()));
    }
    let bare_refusal = answer.status == 400 && answer.body.is_empty();
    if request.broken_http && bare_refusal {
        return Ok(());
    }
    // The API's own addresses answer JSON; others (`/api/v2/…`, `/api/v1/` itself) are pages.
    let in_api = request.target.strip_prefix(b"/api/v1/").is_some_and(|rest| !rest.is_empty());
    if !in_api {
        return check_page(request, answer);
    }
    let body: Value =
        serde_json::from_slice(&answer.body).map_err(|_| format!("{}: not JSON: {}", answer.status, answer.text()))?;
    if answer.status >= 400 {
        let error = &body["error"];
        let fits = body.as_object().is_some_and(|o| o.len() == 1)
            && error["code"].as_str().is_some_and(|c| !c.is_empty())
            && error["message"].as_str().is_some_and(|m| !m.trim().is_empty());
        if !fits {
            return Err(format!("{}: not an error body: {body}", answer.status));
        }
        if answer.header("content-type") != Some("application/json") {
            return Err(format!("{}: content type {:?}", answer.status, answer.header("content-type")));
        }
    }
    // The answer is one the document lists for the operation, with its schema.
    let Some(operation) = request.operation.as_ref().and_then(|key| operations.get(key)) else {
        return Ok(());
    };
    let status = answer.status.to_string();
    let Some(response) = operation.responses.get(&status) else {
        return Err(format!("{status} is not documented for {}: {body}", operation.key()));
    };
    let schema = &response["content"]["application/json"]["schema"];
    conforms(doc, schema, &body, "body").map_err(|problem| format!("{status} off its schema: {problem}"))
}

/// A page's refusal is a whole localised page: HTML, in French or English, with its title
/// and a message, never a bare status or a framework's plain-text error.
fn check_page(request: &Request, answer: &Answer) -> Result<(), String> {
    if answer.status < 400 || request.method == "HEAD" {
        return Ok(());
    }
    let content_type = answer.header("content-type").unwrap_or_default();
    let page = answer.text();
    let json_error = content_type == "application/json" && request.target.starts_with(b"/api");
    if json_error {
        // Addresses under /api that no route takes answer the API's JSON error.
        let body: Value = serde_json::from_slice(&answer.body).map_err(|_| format!("{}: not JSON", answer.status))?;
        return match body["error"]["message"].as_str() {
            Some(message) if !message.trim().is_empty() => Ok(()),
            _ => Err(format!("{}: not an error body: {body}", answer.status)),
        };
    }
    let well_formed = content_type == "text/html; charset=utf-8"
        && page.starts_with("<!DOCTYPE html>")
        && (page.contains("<html lang=\"fr\"") || page.contains("<html lang=\"en\""))
        && page.contains("<h1>")
        && page.trim_end().ends_with("</html>");
    if well_formed {
        Ok(())
    } else {
        Err(format!("{}: not a whole error page ({content_type}): {page}", answer.status))
    }
}
