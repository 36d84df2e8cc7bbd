//! The preview images of shared links (OpenGraph and Twitter cards): a 1200×630 PNG card
//! with the site's name, a kicker, the title, a summary and a footer, drawn as SVG here and
//! rendered by resvg with the DejaVu Sans faces embedded from `assets/fonts`, so that the
//! image never depends on the fonts installed on the server.
//!
//! SVG does not wrap text: lines are cut here, greedily by words, measured by the fonts'
//! advance widths. Kerning is left out of the measure: it moves a line's end by a few
//! pixels, and the margins take that (a test checks laid-out lines against them).

use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, GlyphId, MetadataProvider};
use unicode_segmentation::UnicodeSegmentation;

/// What a card says, each part plain text (escaped here).
pub struct Card<'a> {
    /// The site's name, small at the top.
    pub site: &'a str,
    /// A line above the title: "Texte · révision 12", "Amendement PROG-12".
    pub kicker: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    /// A line at the bottom: "42 amendements · 3 adoptés".
    pub footer: &'a str,
}

#[derive(Debug, thiserror::Error)]
pub enum PreviewError {
    #[error("the preview's SVG did not parse: {0}")]
    Svg(#[from] usvg::Error),
    #[error("no {WIDTH}×{HEIGHT} pixmap could be allocated")]
    Pixmap,
    #[error("the preview's PNG could not be encoded: {0}")]
    Png(Box<dyn std::error::Error + Send + Sync>),
    #[error("the renderer panicked")]
    Panicked,
}

/// The card's size, the one OpenGraph and Twitter's large cards expect.
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// The family name both embedded faces carry in their `name` table.
const FAMILY: &str = "DejaVu Sans";
const REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");

const ACCENT: &str = "#1f4aa8";
const INK: &str = "#111827";
const MUTED: &str = "#4b5563";
const FAINT: &str = "#6b7280";

/// Left edge of the text and its width: the margins leave room for the accent band.
const LEFT: f32 = 88.0;
const TEXT_WIDTH: f32 = 1032.0;
/// The lowest baseline the summary may take, above the rule over the footer.
const SUMMARY_BOTTOM: f32 = 512.0;

const SITE: Style = Style { size: 28.0, weight: Weight::Bold, fill: ACCENT };
const KICKER: Style = Style { size: 30.0, weight: Weight::Regular, fill: ACCENT };
/// A title that fits in two lines gets the large size, a longer one the smaller size and
/// a third line.
const TITLE: Style = Style { size: 64.0, weight: Weight::Bold, fill: INK };
const LONG_TITLE: Style = Style { size: 54.0, weight: Weight::Bold, fill: INK };
const SUMMARY: Style = Style { size: 30.0, weight: Weight::Regular, fill: MUTED };
const SUMMARY_LINES: usize = 4;
const FOOTER: Style = Style { size: 26.0, weight: Weight::Regular, fill: FAINT };

/// Renders the card as a 1200×630 PNG. Errors only if rendering fails (never panics).
pub fn png(card: &Card<'_>) -> Result<Vec<u8>, PreviewError> {
    let svg = svg(card);
    // resvg shapes whatever text members wrote (any script, any emoji): a panic in there
    // must cost one image, not the request's thread.
    catch_unwind(AssertUnwindSafe(|| render(&svg))).unwrap_or(Err(PreviewError::Panicked))
}

/// The SVG that [`png`] renders: lines wrapped and cut, text escaped.
pub fn svg(card: &Card<'_>) -> String {
    let mut svg = String::with_capacity(4096);
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FAMILY}">"##
    );
    let _ = write!(
        svg,
        r##"<rect width="{WIDTH}" height="{HEIGHT}" fill="#f8f9fc"/><rect width="24" height="{HEIGHT}" fill="{ACCENT}"/>"##
    );
    // The brand square, then the site's name beside it.
    let _ = write!(svg, r##"<rect x="{LEFT}" y="64" width="40" height="40" rx="8" fill="{ACCENT}"/>"##);
    if let Some(site) = SITE.wrap(card.site, TEXT_WIDTH - 60.0, 1).first() {
        SITE.draw(&mut svg, site, LEFT + 60.0, 95.0);
    }

    let mut baseline = 122.0;
    if let Some(kicker) = KICKER.wrap(card.kicker, TEXT_WIDTH, 1).first() {
        baseline += 58.0;
        KICKER.draw(&mut svg, kicker, LEFT, baseline);
    }

    let (mut style, mut lines) = (&TITLE, TITLE.wrap(card.title, TEXT_WIDTH, 2));
    if lines.last().is_some_and(|line| line.ends_with(ELLIPSIS)) {
        (style, lines) = (&LONG_TITLE, LONG_TITLE.wrap(card.title, TEXT_WIDTH, 3));
    }
    for (index, line) in lines.iter().enumerate() {
        baseline += style.size * if index == 0 { 1.35 } else { 1.2 };
        style.draw(&mut svg, line, LEFT, baseline);
    }

    // The summary takes the lines left above the footer, four at most.
    let first = baseline + SUMMARY.size * 2.3;
    let leading = SUMMARY.size * 1.4;
    let room = if first > SUMMARY_BOTTOM { 0 } else { 1 + ((SUMMARY_BOTTOM - first) / leading) as usize };
    for (index, line) in SUMMARY.wrap(card.summary, TEXT_WIDTH, room.min(SUMMARY_LINES)).iter().enumerate() {
        SUMMARY.draw(&mut svg, line, LEFT, first + leading * index as f32);
    }

    let _ = write!(svg, r##"<rect x="{LEFT}" y="540" width="{TEXT_WIDTH}" height="2" fill="#dde2ec"/>"##);
    if let Some(footer) = FOOTER.wrap(card.footer, TEXT_WIDTH, 1).first() {
        FOOTER.draw(&mut svg, footer, LEFT, 588.0);
    }
    svg.push_str("</svg>");
    svg
}

fn render(svg: &str) -> Result<Vec<u8>, PreviewError> {
    let options = usvg::Options {
        font_family: FAMILY.to_owned(),
        fontdb: Arc::clone(&fonts().database),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options)?;
    let mut pixmap = Pixmap::new(WIDTH, HEIGHT).ok_or(PreviewError::Pixmap)?;
    resvg::render(&tree, Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|error| PreviewError::Png(Box::new(error)))
}

/// How a part of the card is written.
struct Style {
    /// In pixels.
    size: f32,
    weight: Weight,
    fill: &'static str,
}

#[derive(Clone, Copy)]
enum Weight {
    Regular,
    Bold,
}

impl Style {
    /// `text`, cleaned, in at most `most` lines of at most `width` pixels.
    fn wrap(&self, text: &str, width: f32, most: usize) -> Vec<String> {
        let fonts = fonts();
        let face = match self.weight {
            Weight::Regular => &fonts.regular,
            Weight::Bold => &fonts.bold,
        };
        wrap(&clean(text), face, width / self.size, most)
    }

    /// One line as a `<text>` element, its baseline starting at (`x`, `y`).
    fn draw(&self, svg: &mut String, line: &str, x: f32, y: f32) {
        let Style { size, weight, fill } = self;
        let weight = match weight {
            Weight::Regular => 400,
            Weight::Bold => 700,
        };
        let _ = write!(svg, r#"<text x="{x}" y="{y}" font-size="{size}" font-weight="{weight}" fill="{fill}">"#);
        escape(svg, line);
        svg.push_str("</text>");
    }
}

fn escape(svg: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => svg.push_str("&amp;"),
            '<' => svg.push_str("&lt;"),
            '>' => svg.push_str("&gt;"),
            '"' => svg.push_str("&quot;"),
            '\'' => svg.push_str("&apos;"),
            c => svg.push(c),
        }
    }
}

/// `text` with line breaks and tabs as spaces and without the characters XML 1.0 does not
/// allow (other controls, U+FFFE, U+FFFF), which would make the whole SVG unreadable.
fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            '\u{FFFE}' | '\u{FFFF}' => None,
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

const ELLIPSIS: char = '…';

/// Where a line may break: spaces, but not the no-break ones French puts before `:`, `?`,
/// `»` and in numbers ("100 %").
fn breaks(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}')
}

/// `text` in lines of at most `width` ems, `most` lines at most, the last one ending with
/// "…" when some of the text did not fit. A word wider than a line is cut between two
/// graphemes.
fn wrap(text: &str, face: &Face, width: f32, most: usize) -> Vec<String> {
    let space = face.width(" ");
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_width = 0.0;
    for word in text.split(breaks).filter(|word| !word.is_empty()) {
        if lines.len() > most {
            break;
        }
        let word_width = face.width(word);
        if current.is_empty() || current_width + space + word_width <= width {
            if !current.is_empty() {
                current.push(' ');
                current_width += space;
            }
            current.push_str(word);
            current_width += word_width;
            if current_width <= width {
                continue;
            }
            // A word alone wider than the line: cut it where it overflows.
            current_width -= word_width;
            current.truncate(current.len() - word.len());
        } else {
            lines.push(std::mem::take(&mut current));
            current_width = 0.0;
        }
        for grapheme in word.graphemes(true) {
            if lines.len() > most {
                break;
            }
            let grapheme_width = face.width(grapheme);
            if !current.is_empty() && current_width + grapheme_width > width {
                lines.push(std::mem::take(&mut current).trim_end().to_owned());
                current_width = 0.0;
            }
            current.push_str(grapheme);
            current_width += grapheme_width;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > most {
        lines.truncate(most);
        if let Some(last) = lines.last_mut() {
            *last = ellipsize(last, face, width);
        }
    }
    lines
}

/// `line` shortened, by words while it has several, until it fits `width` (in ems) with
/// "…" after it.
fn ellipsize(line: &str, face: &Face, width: f32) -> String {
    let ellipsis = face.width("…");
    let mut line = line.trim_end_matches(breaks);
    while face.width(line) + ellipsis > width {
        line = match line.rfind(breaks) {
            Some(at) => &line[..at],
            None => match line.grapheme_indices(true).next_back() {
                Some((at, _)) => &line[..at],
                None => break,
            },
        };
    }
    let line = line.trim_end_matches(|c: char| {
        breaks(c) || matches!(c, ',' | ';' | ':' | '-' | '–' | '—' | '\u{A0}' | '\u{202F}')
    });
    format!("{line}{ELLIPSIS}")
}

/// The embedded faces: the database resvg draws with, and the widths lines are cut by.
struct Fonts {
    database: Arc<fontdb::Database>,
    regular: Face,
    bold: Face,
}

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut database = fontdb::Database::new();
        for face in [REGULAR, BOLD] {
            database.load_font_source(fontdb::Source::Binary(Arc::new(face)));
        }
        database.set_sans_serif_family(FAMILY);
        Fonts { database: Arc::new(database), regular: Face::new(REGULAR), bold: Face::new(BOLD) }
    })
}

/// A face's advance widths, in ems.
struct Face {
    /// `None` only if the embedded font did not parse (a test checks it does): widths
    /// are then guessed.
    metrics: Option<(Charmap<'static>, GlyphMetrics<'static>)>,
}

/// The guess when a face has no width for a character: wider than most of DejaVu's.
const GUESSED_ADVANCE: f32 = 0.7;

impl Face {
    fn new(data: &'static [u8]) -> Face {
        let metrics = FontRef::new(data)
            .ok()
            .map(|font| (font.charmap(), font.glyph_metrics(Size::new(1.0), LocationRef::default())));
        Face { metrics }
    }

    /// The width of `text` on one line, in ems; a character the face lacks counts as the
    /// box drawn in its place.
    fn width(&self, text: &str) -> f32 {
        let Some((charmap, metrics)) = &self.metrics else {
            return text.chars().count() as f32 * GUESSED_ADVANCE;
        };
        text.chars()
            .map(|c| {
                let glyph = charmap.map(c).unwrap_or(GlyphId::NOTDEF);
                metrics.advance_width(glyph).unwrap_or(GUESSED_ADVANCE)
            })
            .sum()
    }
}

/// A card's words, owned: what a handler hands to the thread that draws it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnedCard {
    pub site: String,
    pub kicker: String,
    pub title: String,
    pub summary: String,
    pub footer: String,
}

impl OwnedCard {
    pub fn borrowed(&self) -> Card<'_> {
        Card {
            site: &self.site,
            kicker: &self.kicker,
            title: &self.title,
            summary: &self.summary,
            footer: &self.footer,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn card<'a>(title: &'a str, summary: &'a str) -> Card<'a> {
        Card {
            site: "Redraft", kicker: "Texte · révision 12", title, summary, footer: "42 amendements · 3 adoptés"
        }
    }

    /// The text of each `<text>` element, parsed back as XML.
    fn texts(svg: &str) -> Vec<String> {
        let document = usvg::roxmltree::Document::parse(svg).unwrap();
        document
            .descendants()
            .filter(|node| node.has_tag_name("text"))
            .map(|node| node.text().unwrap_or_default().to_owned())
            .collect()
    }

    fn parses(svg: &str) -> usvg::Tree {
        let options = usvg::Options { fontdb: Arc::clone(&fonts().database), ..usvg::Options::default() };
        usvg::Tree::from_str(svg, &options).unwrap()
    }

    #[test]
    fn renders_a_png_of_the_card_size() {
        let png = png(&card("Programme pour l’écologie", "Neutralité carbone en 2040.")).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[12..16], b"IHDR");
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 1200);
        assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 630);
    }

    #[test]
    fn draws_the_text_with_the_embedded_fonts() {
        let faces: Vec<_> = fonts().database.faces().map(|face| (face.families[0].0.clone(), face.weight.0)).collect();
        assert_eq!(faces, [(FAMILY.to_owned(), 400), (FAMILY.to_owned(), 700)]);
        assert!(fonts().regular.metrics.is_some() && fonts().bold.metrics.is_some());
        // Every line became glyphs: text without a font would leave its group empty.
        let tree = parses(&svg(&card("Programme", "Neutralité carbone.")));
        let texts: Vec<_> = tree
            .root()
            .children()
            .iter()
            .filter_map(|node| match node {
                usvg::Node::Text(text) => Some(text.flattened().children().len()),
                _ => None,
            })
            .collect();
        assert_eq!(texts.len(), 5);
        assert!(texts.iter().all(|&glyphs| glyphs > 0), "{texts:?}");
    }

    #[test]
    fn escapes_markup() {
        let svg = svg(&Card {
            site: "A & B",
            kicker: "<b>",
            title: "<script>&\"'</script>",
            summary: "x < y > z",
            footer: "\"'",
        });
        assert!(!svg.contains("<script>") && !svg.contains("<b>"));
        assert_eq!(texts(&svg), ["A & B", "<b>", "<script>&\"'</script>", "x < y > z", "\"'"]);
        parses(&svg);
    }

    #[test]
    fn drops_what_xml_forbids() {
        let svg = svg(&card("a\u{0}b\u{1b}c\u{FFFE}d\u{FFFF}e\u{85}f", "un\ndeux\ttrois\r\nquatre"));
        assert_eq!(texts(&svg)[2..4], ["abcdef", "un deux trois quatre"]);
    }

    #[test]
    fn cuts_long_text_with_an_ellipsis() {
        let title = "Programme pour l’écologie : neutralité carbone en 2040 ".repeat(10);
        let summary = "Une phrase du résumé qui revient encore et encore. ".repeat(30);
        let texts = texts(&svg(&card(&title, &summary)));
        // Site, kicker, three lines of title, the summary in what is left, footer.
        let (title, summary) = (&texts[2..5], &texts[5..texts.len() - 1]);
        assert!(title[2].ends_with('…') && !title[1].ends_with('…'), "{title:?}");
        assert!(!summary.is_empty() && summary.len() <= SUMMARY_LINES, "{summary:?}");
        assert!(summary.last().unwrap().ends_with('…'), "{summary:?}");
        // A line is cut at a word, without the punctuation before it.
        assert!(!title[2].ends_with(" …") && !title[2].ends_with(":…"), "{title:?}");
    }

    #[test]
    fn laid_out_lines_stay_within_the_margins() {
        let title = "AVANT-PROJET : Wagon, Tâche, Lycée, « Vœux » ? ".repeat(4);
        let summary = "Tout VA bien, l’avenir « ŒUVRE » ; T.V.A. à 20 %, ".repeat(8);
        let tree = parses(&svg(&card(&title, &summary)));
        let mut lines = 0;
        for node in tree.root().children() {
            if let usvg::Node::Text(text) = node {
                lines += 1;
                let right = text.bounding_box().right();
                assert!(right <= LEFT + TEXT_WIDTH && right > LEFT, "{right}");
            }
        }
        assert!(lines >= 7, "{lines}");
    }

    #[test]
    fn short_text_stays_whole() {
        let texts = texts(&svg(&card("Programme pour l’écologie", "Court.")));
        assert_eq!(
            texts,
            ["Redraft", "Texte · révision 12", "Programme pour l’écologie", "Court.", "42 amendements · 3 adoptés"]
        );
    }

    #[test]
    fn an_empty_summary_and_kicker_leave_no_line() {
        let card = Card { site: "Redraft", kicker: "", title: "Programme", summary: "", footer: "" };
        assert_eq!(texts(&svg(&card)), ["Redraft", "Programme"]);
        png(&card).unwrap();
    }

    #[test]
    fn cuts_a_word_wider_than_a_line() {
        let word = "x".repeat(300);
        let lines = wrap(&word, &fonts().bold, 20.0, 3);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'));
        for line in &lines {
            assert!(fonts().bold.width(line) <= 20.0, "{line}");
        }
    }

    #[test]
    fn keeps_no_break_spaces_together() {
        // Room for "Total 100" but not for "Total 100 %": the number keeps its sign.
        let face = &fonts().regular;
        let lines = wrap("Total 100\u{A0}%", face, face.width("Total 100") + 0.1, 3);
        assert_eq!(lines, ["Total", "100\u{A0}%"]);
    }

    #[test]
    fn emoji_and_right_to_left_text_render() {
        for text in
            ["🎉🇫🇷👩‍👩‍👧‍👦🎉🎉", "برنامج من أجل البيئة: الحياد الكربوني", "עברית ו-English מעורבים", "e\u{301}\u{302}\u{303}"]
        {
            let long = format!("{text} ").repeat(40);
            png(&Card { site: text, kicker: text, title: &long, summary: &long, footer: text }).unwrap();
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        #[test]
        fn any_text_renders(title in any::<String>(), summary in any::<String>(), other in "\\PC{0,40}") {
            let card = Card { site: &other, kicker: &other, title: &title, summary: &summary, footer: &other };
            parses(&svg(&card));
            prop_assert!(png(&card).is_ok());
        }
    }
}
