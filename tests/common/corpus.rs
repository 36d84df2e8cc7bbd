//! The revision corpus of `testdata/corpus` (see its README.md): real texts with their
//! successive revisions, rebuilt from `rev-0001.txt` and the GNU `diff -U0` hunks of
//! `history.patch`, each revision checked against the line count, byte length and FNV-1a
//! 64-bit hash recorded for it.
//!
//! Include it with `#[path = "common/corpus.rs"] mod corpus;`. The revisions are the files'
//! lines as written; [`Document::as_redraft_stores_it`] gives them as Redraft normalises
//! them on the way in (rule 1), for tests that go through the server.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

/// One document and its whole history.
pub struct Document {
    pub name: String,
    /// The lines of each revision, oldest first (`revisions[0]` is `rev-0001.txt`): the
    /// file split on `\n`, without the final newline; no line is blank.
    pub revisions: Vec<Vec<String>>,
    /// `hunks[k]` turns `revisions[k]` into `revisions[k + 1]`: GNU diff's hunks, in order.
    pub hunks: Vec<Vec<Hunk>>,
}

/// One hunk of GNU `diff -U0`, in Redraft's convention for anchors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hunk {
    /// 1-based first replaced line of the old revision; for an insertion (`old_count == 0`),
    /// the 1-based line before which the new lines go (`len + 1` appends). GNU diff's
    /// `-a,0` ("after line a") becomes `a + 1` here.
    pub old_start: usize,
    pub old_count: usize,
    pub new_lines: Vec<String>,
}

impl Document {
    /// The document as Redraft stores it once its text went through normalisation (rule 1:
    /// no trailing white space, canonical list markers): each revision normalised, and
    /// each hunk with its new lines normalised, or gone when it only changed what
    /// normalisation drops. The corpus has no blank line, so every line stays one line and
    /// the hunks' line numbers hold.
    pub fn as_redraft_stores_it(&self) -> Document {
        use redraft::domain::text::normalise;
        let normalise_all = |lines: &[String]| -> Vec<String> {
            let normalised = normalise(&lines.join("\n"));
            assert_eq!(normalised.len(), lines.len(), "{}: normalising changed the number of lines", self.name);
            normalised
        };
        let revisions: Vec<Vec<String>> = self.revisions.iter().map(|lines| normalise_all(lines)).collect();
        let hunks = self
            .hunks
            .iter()
            .zip(&revisions)
            .map(|(hunks, old)| {
                hunks
                    .iter()
                    .map(|hunk| Hunk { new_lines: normalise_all(&hunk.new_lines), ..hunk.clone() })
                    .filter(|hunk| old[hunk.old_start - 1..hunk.old_start - 1 + hunk.old_count] != hunk.new_lines[..])
                    .collect()
            })
            .collect();
        Document { name: self.name.clone(), revisions, hunks }
    }

    /// Number of consecutive pairs, i.e. of revisions minus one.
    pub fn pairs(&self) -> usize {
        self.hunks.len()
    }

    pub fn hunk_count(&self) -> usize {
        self.hunks.iter().map(Vec::len).sum()
    }
}

/// `testdata/corpus` of this crate.
pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/corpus")
}

/// Names of the documents, sorted: the folders of the corpus holding a `history.patch`.
pub fn names() -> Vec<String> {
    let dir = dir();
    let entries = fs::read_dir(&dir).unwrap_or_else(|error| panic!("corpus: cannot list {}: {error}", dir.display()));
    let mut names: Vec<String> = entries
        .map(|entry| entry.expect("corpus: directory entry").path())
        .filter(|path| path.join("history.patch").is_file())
        .map(|path| {
            path.file_name().and_then(|name| name.to_str()).expect("corpus: document folder names are UTF-8").to_owned()
        })
        .collect();
    names.sort();
    assert!(!names.is_empty(), "corpus: no document in {}", dir.display());
    names
}

/// Every document of the corpus, sorted by name.
pub fn all() -> Vec<Document> {
    names().iter().map(|name| load(name)).collect()
}

/// Loads one document, rebuilding and checking every revision; panics on any mismatch.
pub fn load(name: &str) -> Document {
    let folder = dir().join(name);
    let read = |file: &str| {
        let path = folder.join(file);
        fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("corpus {name}: cannot read {}: {error}", path.display()))
    };
    let first = read("rev-0001.txt");
    let patch = read("history.patch");

    let sections = parse_history(name, &patch);
    assert!(!sections.is_empty(), "corpus {name}: history.patch lists no revision");
    let mut revisions: Vec<Vec<String>> = Vec::with_capacity(sections.len());
    let mut hunks = Vec::with_capacity(sections.len() - 1);
    for (index, section) in sections.into_iter().enumerate() {
        let expected_file = format!("rev-{:04}.txt", index + 1);
        assert_eq!(
            section.file,
            expected_file,
            "corpus {name}: history.patch section {} names the wrong revision",
            index + 1
        );
        let lines = if index == 0 {
            assert!(section.hunks.is_empty(), "corpus {name}: rev-0001.txt has hunks in history.patch");
            split_lines(name, &first)
        } else {
            apply(name, &section, &revisions[index - 1])
        };
        check(name, &section, &lines);
        revisions.push(lines);
        if index > 0 {
            hunks.push(section.hunks);
        }
    }
    Document { name: name.to_owned(), revisions, hunks }
}

/// The FNV-1a 64-bit hash of `lines` joined by `\n` with a final `\n` (of nothing when
/// there are no lines), and that content's length in bytes.
pub fn fnv1a64_of_lines(lines: &[String]) -> (u64, usize) {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut bytes = 0;
    for line in lines {
        for &byte in line.as_bytes().iter().chain(b"\n") {
            hash = (hash ^ u64::from(byte)).wrapping_mul(PRIME);
        }
        bytes += line.len() + 1;
    }
    (hash, bytes)
}

/// One `=== rev-NNNN.txt` section of history.patch.
struct Section<'a> {
    file: &'a str,
    line_count: usize,
    byte_count: usize,
    fnv1a64: u64,
    hunks: Vec<Hunk>,
    /// For each hunk, GNU diff's header (for messages), its new start as GNU wrote it, and
    /// the removed lines it lists (checked against the text).
    gnu: Vec<GnuHunk<'a>>,
}

struct GnuHunk<'a> {
    header: &'a str,
    new_start: usize,
    new_count: usize,
    removed: Vec<&'a str>,
}

fn parse_history<'a>(name: &str, patch: &'a str) -> Vec<Section<'a>> {
    let body = patch.strip_suffix('\n').unwrap_or_else(|| panic!("corpus {name}: history.patch has no final newline"));
    let mut sections: Vec<Section<'a>> = Vec::new();
    for (number, line) in body.split('\n').enumerate() {
        let bad = |what: &str| -> ! { panic!("corpus {name}: history.patch line {}: {what}: {line:?}", number + 1) };
        if let Some(rest) = line.strip_prefix("=== ") {
            sections.push(parse_header(rest).unwrap_or_else(|| bad("bad revision header")));
        } else if let Some(rest) = line.strip_prefix("@@ ") {
            let section = sections.last_mut().unwrap_or_else(|| bad("hunk before any revision header"));
            let (a, b, c, d) = parse_hunk_header(rest).unwrap_or_else(|| bad("bad hunk header"));
            section.hunks.push(Hunk {
                // GNU: `-a,0` inserts after line a; here, before line a + 1.
                old_start: if b == 0 { a + 1 } else { a },
                old_count: b,
                new_lines: Vec::with_capacity(d),
            });
            section.gnu.push(GnuHunk { header: line, new_start: c, new_count: d, removed: Vec::with_capacity(b) });
        } else if let Some(removed) = line.strip_prefix('-') {
            let Some((hunk, gnu)) = sections.last_mut().and_then(|s| s.hunks.last().zip(s.gnu.last_mut())) else {
                bad("line outside a hunk")
            };
            if !hunk.new_lines.is_empty() {
                bad("removed line after an added line");
            }
            gnu.removed.push(removed);
        } else if let Some(added) = line.strip_prefix('+') {
            let Some(hunk) = sections.last_mut().and_then(|s| s.hunks.last_mut()) else { bad("line outside a hunk") };
            if is_blank(added) {
                bad("blank added line");
            }
            hunk.new_lines.push(added.to_owned());
        } else if !(line.starts_with('#') && sections.is_empty()) {
            bad("unexpected line");
        }
    }
    sections
}

/// `rev-NNNN.txt lines=N bytes=B fnv1a64=HEX`
fn parse_header(rest: &str) -> Option<Section<'_>> {
    let mut fields = rest.split(' ');
    let file = fields.next()?;
    let mut value = |key: &str| fields.next()?.strip_prefix(key)?.strip_prefix('=');
    let line_count = value("lines")?.parse().ok()?;
    let byte_count = value("bytes")?.parse().ok()?;
    let fnv1a64 = u64::from_str_radix(value("fnv1a64")?, 16).ok()?;
    if fields.next().is_some() {
        return None;
    }
    Some(Section { file, line_count, byte_count, fnv1a64, hunks: Vec::new(), gnu: Vec::new() })
}

/// `-a[,b] +c[,d] @@` (a count written nowhere is 1, as GNU diff omits `,1`).
fn parse_hunk_header(rest: &str) -> Option<(usize, usize, usize, usize)> {
    let rest = rest.strip_suffix(" @@")?;
    let (old, new) = rest.split_once(' ')?;
    let range = |text: &str| -> Option<(usize, usize)> {
        match text.split_once(',') {
            Some((start, count)) => Some((start.parse().ok()?, count.parse().ok()?)),
            None => Some((text.parse().ok()?, 1)),
        }
    };
    let (a, b) = range(old.strip_prefix('-')?)?;
    let (c, d) = range(new.strip_prefix('+')?)?;
    Some((a, b, c, d))
}

/// Rebuilds a revision by applying its section's hunks to the previous one, checking
/// every hunk against the text and against GNU diff's own numbers.
fn apply(name: &str, section: &Section<'_>, old: &[String]) -> Vec<String> {
    let file = section.file;
    let added: usize = section.hunks.iter().map(|h| h.new_lines.len()).sum();
    let mut new = Vec::with_capacity(old.len() + added);
    let mut copied = 0; // old lines consumed so far
    for (hunk, gnu) in section.hunks.iter().zip(&section.gnu) {
        let header = gnu.header;
        let start = hunk
            .old_start
            .checked_sub(1)
            .unwrap_or_else(|| panic!("corpus {name}, {file}: hunk {header}: starts at line 0"));
        assert!(
            start >= copied && start + hunk.old_count <= old.len(),
            "corpus {name}, {file}: hunk {header}: out of order or beyond the {} lines of the \
             previous revision",
            old.len()
        );
        assert_eq!(
            (gnu.removed.len(), hunk.new_lines.len()),
            (hunk.old_count, gnu.new_count),
            "corpus {name}, {file}: hunk {header}: line counts differ from the header"
        );
        for (offset, removed) in gnu.removed.iter().enumerate() {
            assert_eq!(
                old[start + offset],
                *removed,
                "corpus {name}, {file}: hunk {header}: removed line {} is not the text's",
                start + offset + 1
            );
        }
        new.extend_from_slice(&old[copied..start]);
        // GNU's new start: the first added line, or the line after which lines were removed.
        let expected_new_start = new.len() + usize::from(gnu.new_count > 0);
        assert_eq!(
            gnu.new_start, expected_new_start,
            "corpus {name}, {file}: hunk {header}: new start inconsistent with the old one"
        );
        new.extend(hunk.new_lines.iter().cloned());
        copied = start + hunk.old_count;
    }
    new.extend_from_slice(&old[copied..]);
    new
}

fn check(name: &str, section: &Section<'_>, lines: &[String]) {
    let (hash, bytes) = fnv1a64_of_lines(lines);
    let file = section.file;
    assert!(
        lines.len() == section.line_count && bytes == section.byte_count && hash == section.fnv1a64,
        "corpus {name}: rebuilt {file} does not match history.patch: {} lines, {bytes} bytes, \
         fnv1a64 {hash:016x}; expected {} lines, {} bytes, fnv1a64 {:016x}",
        lines.len(),
        section.line_count,
        section.byte_count,
        section.fnv1a64
    );
}

fn split_lines(name: &str, content: &str) -> Vec<String> {
    if content.is_empty() {
        return Vec::new();
    }
    let body = content.strip_suffix('\n').unwrap_or_else(|| panic!("corpus {name}: rev-0001.txt has no final newline"));
    body.split('\n')
        .enumerate()
        .map(|(number, line)| {
            assert!(!is_blank(line), "corpus {name}: rev-0001.txt line {} is blank", number + 1);
            line.to_owned()
        })
        .collect()
}

/// As Redraft's normalisation: empty or only white space (which includes `\r`).
fn is_blank(line: &str) -> bool {
    line.chars().all(char::is_whitespace)
}
