//! PDF exports: pages set from blocks of text, with the printed lines of rule 10.
//!
//! A small typesetter of our own: A4 pages, one column, DejaVu Sans in two weights embedded
//! from `assets/fonts` (so that a PDF never depends on the reader's fonts). It owns the page
//! geometry, the wrapping of running text, the shared size of numbered lines, page breaks
//! (a heading is kept with what follows it) and the writing of the PDF itself with
//! `pdf-writer`.
//!
//! Layout comes first, into pages of positioned runs of glyphs; the PDF is written second,
//! because every page's footer says "n / N". Text is written as glyph ids (Identity-H) with a
//! ToUnicode map, so that copying and `pdftotext` give back the text as written.
//!
//! Invariant: numbered lines are never rewrapped: the server fixes the printed lines (rule
//! 10), and a line too wide for the column is set smaller, never broken. Nothing here panics,
//! whatever the text.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use flate2::{Compress, Compression, FlushCompress, Status};
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Settings, Str, TextStr};
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, GlyphId, MetadataProvider};

/// What the whole document says about itself.
pub struct Meta<'a> {
    /// The document info's Title, which viewers show in their title bar.
    pub title: &'a str,
    /// The catalog's Lang: "fr" or "en" (any BCP 47 tag is written as given; empty leaves
    /// it out).
    pub language: &'a str,
    /// Shown bottom-left of every page, e.g. the text's title; cut with "…" if too long.
    pub footer: &'a str,
}

/// The weight of a span of text: DejaVu Sans or DejaVu Sans Bold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// How a span of text is marked, for texts compared with their amendments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Plain,
    /// Grey: context, not the point.
    Muted,
    /// Red and struck through: words an amendment removes.
    Removed,
    /// Green and underlined: words an amendment adds.
    Added,
}

/// A stretch of running text in one weight and one mark.
pub struct Span<'a> {
    pub text: Cow<'a, str>,
    pub weight: Weight,
    pub mark: Mark,
}

/// What a document is made of, top to bottom. Sizes and lengths are in PDF points (1/72 in).
///
/// Vertical space is collapsed at the top of a page: a page never starts with a gap.
pub enum Block<'a> {
    /// The document's title: bold, 18 pt, wrapped, kept with the next block.
    Title(Cow<'a, str>),
    /// A heading: bold, 13 pt, wrapped, never left alone at the bottom of a page (it is kept
    /// with the next block).
    Heading(Cow<'a, str>),
    /// Running text of mixed spans at 10 pt, wrapped greedily at spaces to the column's
    /// width as the font's advance widths measure it (a word wider than the column is cut;
    /// a no-break space never breaks); `indent` in points from the left margin.
    Paragraph { spans: Vec<Span<'a>>, indent: f32 },
    /// One printed line of a text (DESIGN rule 10): set exactly as given, never rewrapped,
    /// its number right-aligned in the left margin (grey); `heading` lines are bold. All
    /// numbered lines of a document share one font size: 10 pt, or smaller if the widest
    /// numbered line would not fit the column (down to 6 pt; a line still too wide is
    /// narrowed horizontally), so the server's line breaks are the page's.
    Numbered { number: u32, text: Cow<'a, str>, heading: bool },
    /// Vertical space in points (dropped at the top of a page).
    Space(f32),
    /// A thin horizontal rule across the column.
    Rule,
    /// Start a new page (unless at the top of one).
    PageBreak,
}

/// The whole PDF: A4 portrait (595.28 × 841.89 pt), margins of 56 pt (64 pt on the left,
/// where 5-digit line numbers fit), page numbers "n / N" bottom-right of every page,
/// `meta.footer` bottom-left, the document info's Title and the catalog's Lang set.
/// Never panics, whatever the text.
pub fn render(meta: &Meta<'_>, blocks: &[Block<'_>]) -> Vec<u8> {
    let faces = faces();
    let mut document = lay_out(faces, blocks);
    add_footers(faces, &mut document, meta.footer);
    write_pdf(faces, meta, &document)
}

// ---------------------------------------------------------------------------------------
// Page geometry, in points. PDF puts its origin bottom-left; the layout measures from the
// top of the page, and the writer turns one into the other.

const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
const MARGIN_TOP: f32 = 56.0;
/// Deeper than the others: the footer lives there.
const MARGIN_BOTTOM: f32 = 64.0;
/// Wider than the others: line numbers up to 99 999 sit in it at 8 pt with room to spare.
const MARGIN_LEFT: f32 = 64.0;
const MARGIN_RIGHT: f32 = 56.0;
const COLUMN_WIDTH: f32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
const COLUMN_HEIGHT: f32 = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM;

/// The footer's baseline, from the top of the page (34 pt above the bottom edge).
const FOOTER_BASELINE: f32 = PAGE_HEIGHT - 34.0;
const FOOTER_SIZE: f32 = 8.0;
/// Between the footer's text and the page number, when the footer has to be cut.
const FOOTER_GAP: f32 = 24.0;

const TITLE_SIZE: f32 = 18.0;
const TITLE_LEADING: f32 = 22.0;
const TITLE_AFTER: f32 = 10.0;
const HEADING_SIZE: f32 = 13.0;
const HEADING_LEADING: f32 = 16.5;
const HEADING_BEFORE: f32 = 9.0;
const HEADING_AFTER: f32 = 3.0;
const PARAGRAPH_SIZE: f32 = 10.0;
const PARAGRAPH_LEADING: f32 = 13.5;
const PARAGRAPH_AFTER: f32 = 5.0;
/// A paragraph keeps at least this much of the column, whatever its indent.
const PARAGRAPH_MIN_WIDTH: f32 = 144.0;

const NUMBERED_SIZE: f32 = 10.0;
/// Below this, text is no longer comfortably legible on paper; wider lines are narrowed.
const NUMBERED_MIN_SIZE: f32 = 6.0;
/// Numbered lines are cited by number: a little more air than running text.
const NUMBERED_LEADING_RATIO: f32 = 1.45;
/// Line numbers are a reference, not text: smaller than their lines.
const NUMBER_SIZE_RATIO: f32 = 0.8;
/// Between a line number's right edge and the column.
const NUMBER_GAP: f32 = 12.0;

/// How far past the column a numbered line may run from float rounding, in points.
const WIDTH_TOLERANCE: f32 = 0.01;

const RULE_THICKNESS: f32 = 0.5;
/// Space above and below a rule.
const RULE_SPACE: f32 = 6.0;

/// Decorations, in ems of the decorated text: a stroke's thickness, a strike-through's
/// height above the baseline (about half DejaVu's x-height), an underline's depth below it.
const STROKE_THICKNESS: f32 = 0.06;
const STRIKE_RISE: f32 = 0.3;
const UNDERLINE_DROP: f32 = 0.12;

// ---------------------------------------------------------------------------------------
// Fonts

const REGULAR_DATA: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD_DATA: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Characters below this are looked up once per face, at start: Latin, Greek, Cyrillic,
/// general punctuation and the euro sign, which is nearly everything our texts hold.
const TABLE_END: u32 = 0x2200;

/// A glyph of a face: its id and its advance width in ems.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Glyph {
    id: u16,
    advance: f32,
}

/// The advance used when a face has no width for a glyph (only if the font did not parse,
/// which a test rules out): wider than most of DejaVu's.
const GUESSED_ADVANCE: f32 = 0.7;

/// One embedded face, and what the writer needs to describe it.
struct Face {
    data: &'static [u8],
    /// The PDF BaseFont name.
    name: &'static [u8],
    weight: Weight,
    /// `None` only if the embedded font did not parse (a test checks it does): every
    /// character is then the notdef glyph at a guessed width.
    lookup: Option<(Charmap<'static>, GlyphMetrics<'static>)>,
    /// The glyphs of the characters below [`TABLE_END`], indexed by code point.
    table: Vec<Glyph>,
    /// Vertical metrics in ems (descent negative) and the bounding box in ems.
    ascent: f32,
    descent: f32,
    cap_height: f32,
    bbox: [f32; 4],
    /// The font file, deflated once for every document.
    deflated: OnceLock<Option<Vec<u8>>>,
}

impl Face {
    fn new(data: &'static [u8], name: &'static [u8], weight: Weight) -> Face {
        let font = FontRef::new(data).ok();
        let lookup =
            font.as_ref().map(|font| (font.charmap(), font.glyph_metrics(Size::new(1.0), LocationRef::default())));
        let metrics = font.as_ref().map(|font| font.metrics(Size::new(1.0), LocationRef::default()));
        let (ascent, descent, cap_height, bbox) = match &metrics {
            Some(m) => (
                m.ascent,
                m.descent,
                m.cap_height.unwrap_or(0.73),
                m.bounds.map(|b| [b.x_min, b.y_min, b.x_max, b.y_max]).unwrap_or([-1.0, -0.4, 2.0, 1.2]),
            ),
            None => (0.93, -0.24, 0.73, [-1.0, -0.4, 2.0, 1.2]),
        };
        let mut face = Face {
            data,
            name,
            weight,
            lookup,
            table: Vec::new(),
            ascent,
            descent,
            cap_height,
            bbox,
            deflated: OnceLock::new(),
        };
        face.table = (0..TABLE_END).map(|code| face.look_up(char::from_u32(code).unwrap_or('\0'))).collect();
        face
    }

    /// The glyph for `c`, notdef if the face lacks it.
    fn glyph(&self, c: char) -> Glyph {
        match self.table.get(c as usize) {
            Some(glyph) => *glyph,
            None => self.look_up(c),
        }
    }

    fn look_up(&self, c: char) -> Glyph {
        let Some((charmap, metrics)) = &self.lookup else {
            return Glyph { id: 0, advance: GUESSED_ADVANCE };
        };
        let id = charmap.map(c).unwrap_or(GlyphId::NOTDEF);
        let advance = metrics.advance_width(id).unwrap_or(GUESSED_ADVANCE);
        // DejaVu has a few thousand glyphs: an id past u16 cannot happen, and would be
        // notdef.
        Glyph { id: u16::try_from(id.to_u32()).unwrap_or(0), advance }
    }

    fn advance_of(&self, id: u16) -> f32 {
        match &self.lookup {
            Some((_, metrics)) => metrics.advance_width(GlyphId::new(u32::from(id))).unwrap_or(GUESSED_ADVANCE),
            None => GUESSED_ADVANCE,
        }
    }

    fn deflated(&self) -> Option<&[u8]> {
        self.deflated.get_or_init(|| Deflater::new().deflate(self.data)).as_deref()
    }
}

struct Faces {
    regular: Face,
    bold: Face,
}

impl Faces {
    fn get(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

fn faces() -> &'static Faces {
    static FACES: OnceLock<Faces> = OnceLock::new();
    FACES.get_or_init(|| Faces {
        regular: Face::new(REGULAR_DATA, b"DejaVuSans", Weight::Regular),
        bold: Face::new(BOLD_DATA, b"DejaVuSans-Bold", Weight::Bold),
    })
}

// ---------------------------------------------------------------------------------------
// Characters to glyphs

/// A character as set: the character it stands for (what copying gives back), its glyph
/// and its width in points.
#[derive(Clone, Copy, Debug)]
struct SetChar {
    ch: char,
    glyph: u16,
    width: f32,
    /// The span it came from, in a paragraph; 0 elsewhere.
    span: u32,
}

/// Zero-width format characters: invisible in print, and a notdef box if set.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// Spaces that must not break a line: "10 000", "article 3", French spaces before ":;!?»".
fn is_no_break(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{2060}' | '\u{feff}')
}

/// Where a line may break: ordinary spaces, never the no-break ones.
fn is_break(c: char) -> bool {
    c.is_whitespace() && !is_no_break(c)
}

/// `c` as set in `face`, or `None` if it is dropped. Control characters are dropped, except
/// tabs and line ends, which become spaces (text pasted from elsewhere keeps its words
/// apart); a space the face lacks is set as the space (or no-break space) it stands for
/// rather than as a box.
fn set_char(face: &Face, c: char) -> Option<(char, Glyph)> {
    let c = match c {
        c if c.is_control() && c.is_whitespace() => ' ',
        c if c.is_control() || is_invisible(c) => return None,
        c => c,
    };
    let glyph = face.glyph(c);
    if glyph.id == 0 && c.is_whitespace() {
        let stand_in = if is_no_break(c) { '\u{a0}' } else { ' ' };
        return Some((stand_in, face.glyph(stand_in)));
    }
    Some((c, glyph))
}

/// `text` set in `face` at `size` points.
fn set_text(face: &Face, text: &str, size: f32, span: u32, out: &mut Vec<SetChar>) {
    out.reserve(text.len());
    out.extend(text.chars().filter_map(|c| set_char(face, c)).map(|(ch, glyph)| SetChar {
        ch,
        glyph: glyph.id,
        width: glyph.advance * size,
        span,
    }));
}

/// The width of `text` in `face`, in ems, as [`set_text`] sets it.
fn text_width_em(face: &Face, text: &str) -> f32 {
    text.chars().filter_map(|c| set_char(face, c)).map(|(_, glyph)| glyph.advance).sum()
}

fn width_of(chars: &[SetChar]) -> f32 {
    chars.iter().map(|c| c.width).sum()
}

/// Greedy line breaking: the ranges of `chars` that make the lines of a column `column`
/// points wide. Lines break at spaces, which are dropped there (and at both ends of the
/// text); a word wider than the column is cut between characters, never before a
/// zero-width one (a combining accent stays with its letter). Every line holds at least one
/// character, so this ends on any input.
fn break_lines(chars: &[SetChar], column: f32) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    // The line being filled: its range and width.
    let mut current: Option<(Range<usize>, f32)> = None;
    let mut i = 0;
    while i < chars.len() {
        let gap_start = i;
        while i < chars.len() && is_break(chars[i].ch) {
            i += 1;
        }
        let word_start = i;
        while i < chars.len() && !is_break(chars[i].ch) {
            i += 1;
        }
        if word_start == i {
            break; // spaces at the end
        }
        let gap = width_of(&chars[gap_start..word_start]);
        let word = width_of(&chars[word_start..i]);
        match current.take() {
            Some((range, width)) if width + gap + word <= column => {
                current = Some((range.start..i, width + gap + word))
            }
            previous => {
                if let Some((range, _)) = previous {
                    lines.push(range);
                }
                if word <= column {
                    current = Some((word_start..i, word));
                } else {
                    let mut start = word_start;
                    let mut width = 0.0;
                    for (k, c) in chars.iter().enumerate().take(i).skip(word_start) {
                        if k > start && c.width > 0.0 && width + c.width > column {
                            lines.push(start..k);
                            start = k;
                            width = 0.0;
                        }
                        width += c.width;
                    }
                    current = Some((start..i, width));
                }
            }
        }
    }
    if let Some((range, _)) = current {
        lines.push(range);
    }
    lines
}

// ---------------------------------------------------------------------------------------
// Layout

/// Colours of what is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ink {
    Text,
    Muted,
    Removed,
    Added,
    /// Line numbers, footers and page numbers.
    Margin,
    Rule,
}

impl Ink {
    fn rgb(self) -> [f32; 3] {
        match self {
            Ink::Text => [0.0, 0.0, 0.0],
            Ink::Muted => [0.45, 0.45, 0.45],
            Ink::Removed => [0.72, 0.07, 0.07],
            Ink::Added => [0.0, 0.46, 0.18],
            Ink::Margin => [0.5, 0.5, 0.5],
            Ink::Rule => [0.7, 0.7, 0.7],
        }
    }
}

impl From<Mark> for Ink {
    fn from(mark: Mark) -> Ink {
        match mark {
            Mark::Plain => Ink::Text,
            Mark::Muted => Ink::Muted,
            Mark::Removed => Ink::Removed,
            Mark::Added => Ink::Added,
        }
    }
}

/// Glyphs set on one baseline in one face, size and ink: one `Tj` in the page's content.
#[derive(Debug)]
struct Run {
    /// From the page's left edge and top edge, in points.
    x: f32,
    baseline: f32,
    size: f32,
    weight: Weight,
    ink: Ink,
    /// Horizontal scale: 1 but for a numbered line too wide for the column at the smallest
    /// size.
    stretch: f32,
    glyphs: Vec<u16>,
}

/// A filled rectangle: rules, strike-throughs, underlines. From the page's top-left corner,
/// in points.
#[derive(Debug)]
struct Bar {
    x: f32,
    top: f32,
    width: f32,
    height: f32,
    ink: Ink,
}

#[derive(Debug, Default)]
struct Page {
    runs: Vec<Run>,
    bars: Vec<Bar>,
}

/// The glyphs a face set, each with the character it stands for (the first one met, for
/// the ToUnicode map), indexed by glyph id.
#[derive(Debug, Default)]
struct UsedGlyphs(Vec<Option<char>>);

impl UsedGlyphs {
    fn record(&mut self, glyph: u16, ch: char) {
        let index = usize::from(glyph);
        if index >= self.0.len() {
            self.0.resize(index + 1, None);
        }
        self.0[index].get_or_insert(ch);
    }

    fn is_empty(&self) -> bool {
        self.0.iter().all(Option::is_none)
    }

    fn iter(&self) -> impl Iterator<Item = (u16, char)> + '_ {
        self.0.iter().enumerate().filter_map(|(id, ch)| Some((u16::try_from(id).ok()?, (*ch)?)))
    }
}

/// Pages laid out, and the glyphs they use in each weight.
#[derive(Debug, Default)]
struct Document {
    pages: Vec<Page>,
    regular: UsedGlyphs,
    bold: UsedGlyphs,
    /// The size every numbered line is set at.
    numbered_size: f32,
}

impl Document {
    fn used(&mut self, weight: Weight) -> &mut UsedGlyphs {
        match weight {
            Weight::Regular => &mut self.regular,
            Weight::Bold => &mut self.bold,
        }
    }

    /// A run of `chars` on the last page; returns its width.
    fn add_run(&mut self, run: RunStart, chars: &[SetChar]) -> f32 {
        self.add_run_to(self.pages.len().saturating_sub(1), run, chars)
    }

    /// A run of `chars` on the page at `page_index` (recorded as used), with a
    /// strike-through or underline as its ink asks; returns its width.
    fn add_run_to(&mut self, page_index: usize, run: RunStart, chars: &[SetChar]) -> f32 {
        let width = width_of(chars) * run.stretch;
        if chars.is_empty() {
            return 0.0;
        }
        let used = self.used(run.weight);
        for c in chars {
            used.record(c.glyph, c.ch);
        }
        let thickness = STROKE_THICKNESS * run.size;
        let bar_top = match run.ink {
            Ink::Removed => Some(run.baseline - STRIKE_RISE * run.size - thickness / 2.0),
            Ink::Added => Some(run.baseline + UNDERLINE_DROP * run.size),
            _ => None,
        };
        if let Some(page) = self.pages.get_mut(page_index) {
            if let Some(top) = bar_top {
                page.bars.push(Bar { x: run.x, top, width, height: thickness, ink: run.ink });
            }
            page.runs.push(Run {
                x: run.x,
                baseline: run.baseline,
                size: run.size,
                weight: run.weight,
                ink: run.ink,
                stretch: run.stretch,
                glyphs: chars.iter().map(|c| c.glyph).collect(),
            });
        }
        width
    }
}

/// Where and how a run starts.
#[derive(Clone, Copy)]
struct RunStart {
    x: f32,
    baseline: f32,
    size: f32,
    weight: Weight,
    ink: Ink,
    stretch: f32,
}

/// Lays blocks out down the pages: the cursor is the filled height of the current page's
/// column; space asked for is held until the next line, and dropped at a page's top.
struct Typesetter<'f> {
    faces: &'f Faces,
    document: Document,
    cursor: f32,
    pending_space: f32,
}

impl Typesetter<'_> {
    fn new_page(&mut self) {
        self.document.pages.push(Page::default());
        self.cursor = 0.0;
        self.pending_space = 0.0;
    }

    fn space(&mut self, points: f32) {
        if points.is_finite() && points > 0.0 {
            self.pending_space = (self.pending_space + points).min(COLUMN_HEIGHT);
        }
    }

    /// Room for a line `leading` points high, on this page or the next; returns the line's
    /// top, from the top of the page.
    fn line(&mut self, leading: f32) -> f32 {
        if self.cursor > 0.0 && self.cursor + self.pending_space + leading > COLUMN_HEIGHT {
            self.new_page();
        }
        if self.cursor > 0.0 {
            self.cursor += self.pending_space;
        }
        self.pending_space = 0.0;
        let top = MARGIN_TOP + self.cursor;
        self.cursor += leading;
        top
    }

    /// The baseline of a line of text `size` points high in a line box `leading` high: the
    /// face's ascent and descent centred in the box.
    fn baseline(&self, top: f32, size: f32, leading: f32) -> f32 {
        let face = &self.faces.regular;
        let height = (face.ascent - face.descent) * size;
        top + (leading - height) / 2.0 + face.ascent * size
    }

    /// The lines of a title or heading in bold at `size`.
    fn bold_lines(&self, text: &str, size: f32) -> (Vec<SetChar>, Vec<Range<usize>>) {
        let mut chars = Vec::new();
        set_text(&self.faces.bold, text, size, 0, &mut chars);
        let lines = break_lines(&chars, COLUMN_WIDTH);
        (chars, lines)
    }

    /// A title or heading, on the next page if it and the first line after it would not
    /// both fit on this one.
    fn heading(&mut self, text: &str, style: HeadingStyle, following: &[Block<'_>]) {
        let (chars, lines) = self.bold_lines(text, style.size);
        if lines.is_empty() {
            return;
        }
        self.space(style.before);
        let own = lines.len() as f32 * style.leading;
        let needed = self.pending_space + own + style.after + self.height_kept_with(following);
        if self.cursor > 0.0 && self.cursor + needed > COLUMN_HEIGHT && needed <= COLUMN_HEIGHT {
            self.new_page();
        }
        for line in lines {
            let top = self.line(style.leading);
            let baseline = self.baseline(top, style.size, style.leading);
            let run = RunStart {
                x: MARGIN_LEFT,
                baseline,
                size: style.size,
                weight: Weight::Bold,
                ink: Ink::Text,
                stretch: 1.0,
            };
            self.document.add_run(run, &chars[line]);
        }
        self.space(style.after);
    }

    /// How much of what follows a heading must share its page: space and rules up to the
    /// first line of text, other headings (and what follows them) included. Counting stops
    /// once past a page, which no keeping can satisfy.
    fn height_kept_with(&self, following: &[Block<'_>]) -> f32 {
        let mut height = 0.0;
        for block in following {
            if height > COLUMN_HEIGHT {
                break;
            }
            match block {
                Block::Space(points) if points.is_finite() && *points > 0.0 => height += points,
                Block::Space(_) => {}
                Block::Rule => height += 2.0 * RULE_SPACE + RULE_THICKNESS,
                Block::PageBreak => break,
                Block::Title(text) | Block::Heading(text) => {
                    let style = if matches!(block, Block::Title(_)) { TITLE } else { HEADING };
                    let (_, lines) = self.bold_lines(text, style.size);
                    if !lines.is_empty() {
                        height += style.before + lines.len() as f32 * style.leading + style.after;
                    }
                }
                Block::Paragraph { spans, .. } => {
                    if spans.iter().any(|span| span.text.chars().any(|c| !c.is_whitespace())) {
                        return height + PARAGRAPH_LEADING;
                    }
                }
                Block::Numbered { .. } => return height + self.numbered_leading(),
            }
        }
        height
    }

    fn numbered_leading(&self) -> f32 {
        self.document.numbered_size * NUMBERED_LEADING_RATIO
    }

    fn paragraph(&mut self, spans: &[Span<'_>], indent: f32) {
        let indent = if indent.is_finite() { indent.clamp(0.0, COLUMN_WIDTH - PARAGRAPH_MIN_WIDTH) } else { 0.0 };
        let mut chars = Vec::new();
        for (index, span) in spans.iter().enumerate() {
            let face = self.faces.get(span.weight);
            set_text(face, &span.text, PARAGRAPH_SIZE, u32::try_from(index).unwrap_or(u32::MAX), &mut chars);
        }
        let lines = break_lines(&chars, COLUMN_WIDTH - indent);
        if lines.is_empty() {
            return;
        }
        for line in lines {
            let top = self.line(PARAGRAPH_LEADING);
            let baseline = self.baseline(top, PARAGRAPH_SIZE, PARAGRAPH_LEADING);
            let mut x = MARGIN_LEFT + indent;
            let line = &chars[line];
            // Consecutive characters in the same weight and mark make one run.
            let style_of = |c: &SetChar| {
                spans.get(c.span as usize).map_or((Weight::Regular, Mark::Plain), |span| (span.weight, span.mark))
            };
            let mut start = 0;
            while start < line.len() {
                let style = style_of(&line[start]);
                let end = line[start..].iter().position(|c| style_of(c) != style).map_or(line.len(), |n| start + n);
                let run =
                    RunStart { x, baseline, size: PARAGRAPH_SIZE, weight: style.0, ink: style.1.into(), stretch: 1.0 };
                x += self.document.add_run(run, &line[start..end]);
                start = end;
            }
        }
        self.space(PARAGRAPH_AFTER);
    }

    fn numbered(&mut self, number: u32, text: &str, heading: bool) {
        let size = self.document.numbered_size;
        let leading = self.numbered_leading();
        let top = self.line(leading);
        let baseline = self.baseline(top, size, leading);

        let number_size = size * NUMBER_SIZE_RATIO;
        let mut digits = Vec::new();
        set_text(&self.faces.regular, &number.to_string(), number_size, 0, &mut digits);
        let number_run = RunStart {
            x: MARGIN_LEFT - NUMBER_GAP - width_of(&digits),
            baseline,
            size: number_size,
            weight: Weight::Regular,
            ink: Ink::Margin,
            stretch: 1.0,
        };
        self.document.add_run(number_run, &digits);

        let weight = if heading { Weight::Bold } else { Weight::Regular };
        let mut chars = Vec::new();
        set_text(self.faces.get(weight), text, size, 0, &mut chars);
        let width = width_of(&chars);
        // The shared size fits the widest line to the column up to rounding: only a line
        // still too wide at the smallest size is narrowed.
        let stretch = if width > COLUMN_WIDTH + WIDTH_TOLERANCE { COLUMN_WIDTH / width } else { 1.0 };
        let run = RunStart { x: MARGIN_LEFT, baseline, size, weight, ink: Ink::Text, stretch };
        self.document.add_run(run, &chars);
    }

    fn rule(&mut self) {
        self.space(RULE_SPACE);
        let top = self.line(RULE_THICKNESS);
        if let Some(page) = self.document.pages.last_mut() {
            page.bars.push(Bar { x: MARGIN_LEFT, top, width: COLUMN_WIDTH, height: RULE_THICKNESS, ink: Ink::Rule });
        }
        self.space(RULE_SPACE);
    }
}

#[derive(Clone, Copy)]
struct HeadingStyle {
    size: f32,
    leading: f32,
    before: f32,
    after: f32,
}

const TITLE: HeadingStyle = HeadingStyle { size: TITLE_SIZE, leading: TITLE_LEADING, before: 0.0, after: TITLE_AFTER };
const HEADING: HeadingStyle =
    HeadingStyle { size: HEADING_SIZE, leading: HEADING_LEADING, before: HEADING_BEFORE, after: HEADING_AFTER };

/// The size all numbered lines share: 10 pt, or what fits the widest one in the column,
/// never under [`NUMBERED_MIN_SIZE`].
fn numbered_size(faces: &Faces, blocks: &[Block<'_>]) -> f32 {
    let widest = blocks
        .iter()
        .filter_map(|block| match block {
            Block::Numbered { text, heading, .. } => {
                let face = if *heading { &faces.bold } else { &faces.regular };
                Some(text_width_em(face, text))
            }
            _ => None,
        })
        .fold(0.0_f32, f32::max);
    if widest * NUMBERED_SIZE <= COLUMN_WIDTH { NUMBERED_SIZE } else { (COLUMN_WIDTH / widest).max(NUMBERED_MIN_SIZE) }
}

/// The blocks on pages; always at least one page.
fn lay_out(faces: &Faces, blocks: &[Block<'_>]) -> Document {
    let document = Document { numbered_size: numbered_size(faces, blocks), ..Document::default() };
    let mut typesetter = Typesetter { faces, document, cursor: 0.0, pending_space: 0.0 };
    typesetter.new_page();
    for (index, block) in blocks.iter().enumerate() {
        let following = blocks.get(index + 1..).unwrap_or_default();
        match block {
            Block::Title(text) => typesetter.heading(text, TITLE, following),
            Block::Heading(text) => typesetter.heading(text, HEADING, following),
            Block::Paragraph { spans, indent } => typesetter.paragraph(spans, *indent),
            Block::Numbered { number, text, heading } => typesetter.numbered(*number, text, *heading),
            Block::Space(points) => typesetter.space(*points),
            Block::Rule => typesetter.rule(),
            Block::PageBreak => {
                if typesetter.cursor > 0.0 {
                    typesetter.new_page();
                }
            }
        }
    }
    typesetter.document
}

/// The footer and "n / N" at the bottom of every page. The footer is cut with "…" where it
/// would run into the page number.
fn add_footers(faces: &Faces, document: &mut Document, footer: &str) {
    let face = &faces.regular;
    let count = document.pages.len();
    let mut footer_chars = Vec::new();
    set_text(face, footer, FOOTER_SIZE, 0, &mut footer_chars);
    // Tabs and line ends became spaces: a footer is one line, without spaces at its ends.
    let words = footer_chars.iter().position(|c| !c.ch.is_whitespace()).unwrap_or(footer_chars.len())
        ..footer_chars.iter().rposition(|c| !c.ch.is_whitespace()).map_or(0, |end| end + 1);
    let mut footer_chars = footer_chars.get(words).unwrap_or_default().to_vec();
    let mut widest_number = Vec::new();
    set_text(face, &format!("{count} / {count}"), FOOTER_SIZE, 0, &mut widest_number);
    let room = COLUMN_WIDTH - width_of(&widest_number) - FOOTER_GAP;
    if width_of(&footer_chars) > room {
        let mut ellipsis = Vec::new();
        set_text(face, "…", FOOTER_SIZE, 0, &mut ellipsis);
        let room = room - width_of(&ellipsis);
        let mut width = 0.0;
        let fits = footer_chars.iter().take_while(|c| {
            width += c.width;
            width <= room
        });
        let kept = fits.count();
        footer_chars.truncate(kept);
        footer_chars.extend(ellipsis);
    }
    for index in 0..count {
        let mut number = Vec::new();
        set_text(face, &format!("{} / {count}", index + 1), FOOTER_SIZE, 0, &mut number);
        let run = |x| RunStart {
            x,
            baseline: FOOTER_BASELINE,
            size: FOOTER_SIZE,
            weight: Weight::Regular,
            ink: Ink::Margin,
            stretch: 1.0,
        };
        document.add_run_to(index, run(MARGIN_LEFT), &footer_chars);
        document.add_run_to(index, run(PAGE_WIDTH - MARGIN_RIGHT - width_of(&number)), &number);
    }
}

// ---------------------------------------------------------------------------------------
// Writing

/// The objects describing one embedded face.
struct FontRefs {
    type0: Ref,
    cid: Ref,
    descriptor: Ref,
    file: Ref,
    to_unicode: Ref,
}

impl FontRefs {
    fn allocate(next: &mut Ref) -> FontRefs {
        FontRefs {
            type0: next.bump(),
            cid: next.bump(),
            descriptor: next.bump(),
            file: next.bump(),
            to_unicode: next.bump(),
        }
    }
}

/// Resource names of the two faces in the pages' content.
const REGULAR_RESOURCE: Name<'static> = Name(b"R");
const BOLD_RESOURCE: Name<'static> = Name(b"B");

fn write_pdf(faces: &Faces, meta: &Meta<'_>, document: &Document) -> Vec<u8> {
    let mut pdf = Pdf::with_settings(Settings { pretty: false });
    let mut deflater = Deflater::new();
    let mut next = Ref::new(1);
    let catalog_id = next.bump();
    let tree_id = next.bump();
    let info_id = next.bump();
    let regular_refs = (!document.regular.is_empty()).then(|| FontRefs::allocate(&mut next));
    let bold_refs = (!document.bold.is_empty()).then(|| FontRefs::allocate(&mut next));
    let page_ids: Vec<(Ref, Ref)> = document.pages.iter().map(|_| (next.bump(), next.bump())).collect();

    let mut catalog = pdf.catalog(catalog_id);
    catalog.pages(tree_id);
    if !meta.language.is_empty() {
        catalog.lang(TextStr(meta.language));
    }
    catalog.viewer_preferences().display_doc_title(true);
    catalog.finish();
    pdf.document_info(info_id).title(TextStr(meta.title)).producer(TextStr("Redraft"));

    let mut tree = pdf.pages(tree_id);
    tree.kids(page_ids.iter().map(|(page, _)| *page)).count(i32::try_from(page_ids.len()).unwrap_or(i32::MAX));
    // Resources are inherited by every page from the tree.
    let mut resources = tree.resources();
    let mut fonts = resources.fonts();
    if let Some(refs) = &regular_refs {
        fonts.pair(REGULAR_RESOURCE, refs.type0);
    }
    if let Some(refs) = &bold_refs {
        fonts.pair(BOLD_RESOURCE, refs.type0);
    }
    fonts.finish();
    resources.finish();
    tree.finish();

    for (page, (page_id, content_id)) in document.pages.iter().zip(&page_ids) {
        pdf.page(*page_id)
            .parent(tree_id)
            .media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .contents(*content_id);
        write_stream(&mut pdf, &mut deflater, *content_id, &page_content(page));
    }

    if let Some(refs) = &regular_refs {
        write_font(&mut pdf, &mut deflater, refs, &faces.regular, &document.regular);
    }
    if let Some(refs) = &bold_refs {
        write_font(&mut pdf, &mut deflater, refs, &faces.bold, &document.bold);
    }
    pdf.finish()
}

/// What a page draws, as PDF content operators.
fn page_content(page: &Page) -> Vec<u8> {
    let mut content = Content::new();
    let mut ink = None;
    let mut font = None;
    let mut bytes = Vec::new();
    content.begin_text();
    for run in &page.runs {
        if ink != Some(run.ink) {
            let [r, g, b] = run.ink.rgb();
            content.set_fill_rgb(r, g, b);
            ink = Some(run.ink);
        }
        if font != Some((run.weight, run.size)) {
            let name = match run.weight {
                Weight::Regular => REGULAR_RESOURCE,
                Weight::Bold => BOLD_RESOURCE,
            };
            content.set_font(name, run.size);
            font = Some((run.weight, run.size));
        }
        let stretched = run.stretch != 1.0;
        if stretched {
            content.set_horizontal_scaling(run.stretch * 100.0);
        }
        content.set_text_matrix([1.0, 0.0, 0.0, 1.0, run.x, PAGE_HEIGHT - run.baseline]);
        bytes.clear();
        bytes.extend(run.glyphs.iter().flat_map(|glyph| glyph.to_be_bytes()));
        content.show(Str(&bytes));
        if stretched {
            content.set_horizontal_scaling(100.0);
        }
    }
    content.end_text();
    for bar in &page.bars {
        if ink != Some(bar.ink) {
            let [r, g, b] = bar.ink.rgb();
            content.set_fill_rgb(r, g, b);
            ink = Some(bar.ink);
        }
        content.rect(bar.x, PAGE_HEIGHT - bar.top - bar.height, bar.width, bar.height).fill_nonzero();
    }
    content.finish().into_vec()
}

/// One embedded face: a Type0 font with a CIDFontType2 descendant over the whole TrueType
/// file (40 KB, already cut down to the scripts we need), glyph ids as CIDs, widths of the
/// glyphs used, and the map back to Unicode.
fn write_font(pdf: &mut Pdf, deflater: &mut Deflater, refs: &FontRefs, face: &Face, used: &UsedGlyphs) {
    let to_1000 = |em: f32| em * 1000.0;
    pdf.type0_font(refs.type0)
        .base_font(Name(face.name))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(refs.cid)
        .to_unicode(refs.to_unicode);

    let mut cid = pdf.cid_font(refs.cid);
    cid.subtype(CidFontType::Type2)
        .base_font(Name(face.name))
        .system_info(SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 })
        .font_descriptor(refs.descriptor)
        .default_width(to_1000(face.advance_of(0)))
        .cid_to_gid_map_predefined(Name(b"Identity"));
    let mut widths = cid.widths();
    let ids: Vec<u16> = used.iter().map(|(id, _)| id).collect();
    for group in ids.chunk_by(|a, b| a.checked_add(1) == Some(*b)) {
        if let Some(first) = group.first() {
            widths.consecutive(*first, group.iter().map(|id| to_1000(face.advance_of(*id))));
        }
    }
    widths.finish();
    cid.finish();

    let [x_min, y_min, x_max, y_max] = face.bbox.map(to_1000);
    pdf.font_descriptor(refs.descriptor)
        .name(Name(face.name))
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(x_min, y_min, x_max, y_max))
        .italic_angle(0.0)
        .ascent(to_1000(face.ascent))
        .descent(to_1000(face.descent))
        .cap_height(to_1000(face.cap_height))
        .stem_v(match face.weight {
            Weight::Regular => 80.0,
            Weight::Bold => 150.0,
        })
        .font_file2(refs.file);

    let length = i32::try_from(face.data.len()).unwrap_or(i32::MAX);
    match face.deflated() {
        Some(deflated) => {
            pdf.stream(refs.file, deflated).filter(Filter::FlateDecode).pair(Name(b"Length1"), length);
        }
        None => {
            pdf.stream(refs.file, face.data).pair(Name(b"Length1"), length);
        }
    }

    let mut cmap = UnicodeCmap::new(
        Name(b"Redraft-UCS"),
        SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"UCS"), supplement: 0 },
    );
    for (id, ch) in used.iter() {
        // Every character the face lacks is the same notdef glyph: it cannot say which.
        cmap.pair(id, if id == 0 { char::REPLACEMENT_CHARACTER } else { ch });
    }
    write_stream(pdf, deflater, refs.to_unicode, &cmap.finish());
}

/// A stream, deflated unless deflating fails (then as it is).
fn write_stream(pdf: &mut Pdf, deflater: &mut Deflater, id: Ref, data: &[u8]) {
    match deflater.deflate(data) {
        Some(deflated) => {
            pdf.stream(id, &deflated).filter(Filter::FlateDecode);
        }
        None => {
            pdf.stream(id, data);
        }
    }
}

/// Zlib-wrapped deflate, which PDF's FlateDecode reads, with one compressor for all of a
/// document's streams: setting one up costs more than deflating a page, and a book has
/// thousands. Fast rather than small: a book must come out within a request.
struct Deflater(Compress);

impl Deflater {
    fn new() -> Deflater {
        Deflater(Compress::new(Compression::fast(), true))
    }

    fn deflate(&mut self, data: &[u8]) -> Option<Vec<u8>> {
        self.0.reset();
        let mut out = Vec::with_capacity(data.len() / 2 + 64);
        loop {
            let consumed = usize::try_from(self.0.total_in()).ok()?;
            match self.0.compress_vec(data.get(consumed..)?, &mut out, FlushCompress::Finish).ok()? {
                Status::StreamEnd => return Some(out),
                // Out of room: each round adds as much again, so this ends.
                Status::Ok | Status::BufError => out.reserve(out.capacity().max(64)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn numbered(number: u32, text: &str) -> Block<'_> {
        Block::Numbered { number, text: text.into(), heading: false }
    }

    fn plain(text: &str) -> Span<'_> {
        Span { text: text.into(), weight: Weight::Regular, mark: Mark::Plain }
    }

    fn meta() -> Meta<'static> {
        Meta { title: "Programme 2027 — révision 12", language: "fr", footer: "Programme 2027" }
    }

    /// Page objects, not the page tree: `/Type/Page` not followed by `s`.
    fn page_objects(pdf: &[u8]) -> usize {
        let needle = b"/Type/Page";
        pdf.windows(needle.len() + 1).filter(|w| w.starts_with(needle) && w[needle.len()] != b's').count()
    }

    fn set(text: &str, weight: Weight, size: f32) -> Vec<SetChar> {
        let mut chars = Vec::new();
        set_text(faces().get(weight), text, size, 0, &mut chars);
        chars
    }

    fn line_text(chars: &[SetChar]) -> String {
        chars.iter().map(|c| c.ch).collect()
    }

    #[test]
    fn the_embedded_fonts_parse_and_cover_french() {
        for face in [&faces().regular, &faces().bold] {
            assert!(face.lookup.is_some());
            for c in "éèêàâçôûœæÉÀÇŒ«»€’…–—\u{a0}".chars() {
                assert_ne!(face.glyph(c).id, 0, "{c:?} missing");
            }
            // The narrow no-break space of French typography: its own glyph or a stand-in,
            // never a box.
            let (_, glyph) = set_char(face, '\u{202f}').unwrap();
            assert_ne!(glyph.id, 0);
        }
    }

    #[test]
    fn output_is_a_pdf_with_the_pages_laid_out() {
        let blocks: Vec<Block<'_>> =
            (1..=200).map(|n| numbered(n, "Une ligne du texte, telle que le serveur l’a coupée.")).collect();
        let document = lay_out(faces(), &blocks);
        assert!(document.pages.len() > 1);
        let pdf = render(&meta(), &blocks);
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pdf.trim_ascii_end().ends_with(b"%%EOF"));
        assert_eq!(page_objects(&pdf), document.pages.len());
        let count = format!("/Count {}", document.pages.len());
        assert!(pdf.windows(count.len()).any(|w| w == count.as_bytes()));
    }

    #[test]
    fn an_empty_document_has_one_page() {
        let pdf = render(&Meta { title: "", language: "", footer: "" }, &[]);
        assert_eq!(page_objects(&pdf), 1);
    }

    #[test]
    fn page_breaks_only_where_a_page_has_started() {
        let blocks = [Block::PageBreak, numbered(1, "a"), Block::PageBreak, Block::PageBreak, numbered(2, "b")];
        assert_eq!(lay_out(faces(), &blocks).pages.len(), 2);
    }

    #[test]
    fn a_long_paragraph_wraps_within_the_column_at_spaces() {
        let text = "Nous proposons que chaque commune puisse, après consultation de ses habitants, \
                    adopter un budget participatif représentant au moins 5\u{a0}% de ses dépenses \
                    d’investissement ; les projets retenus sont exécutés dans l’année.\u{a0}»"
            .repeat(6);
        let source_words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
        let chars = set(&text, Weight::Regular, PARAGRAPH_SIZE);
        let column = 300.0;
        let lines = break_lines(&chars, column);
        assert!(lines.len() > 5);
        for line in &lines {
            let line = &chars[line.clone()];
            assert!(width_of(line) <= column + 1e-3, "{} > {column}", width_of(line));
            let text = line_text(line);
            assert!(!text.starts_with([' ', '\u{a0}']) && !text.ends_with([' ', '\u{a0}']), "{text:?}");
            for word in text.split(' ') {
                assert!(source_words.contains(&word), "{word:?} was cut");
            }
        }
        // Nothing lost but the spaces the lines broke at.
        let rejoined: Vec<String> = lines.iter().map(|line| line_text(&chars[line.clone()])).collect();
        assert_eq!(rejoined.join(" "), source_words.join(" "));
    }

    #[test]
    fn a_no_break_space_never_breaks() {
        let text = "10\u{a0}000\u{a0}euros ".repeat(40);
        let chars = set(&text, Weight::Regular, PARAGRAPH_SIZE);
        for line in break_lines(&chars, 120.0) {
            let text = line_text(&chars[line]);
            assert!(text.split(' ').all(|word| word == "10\u{a0}000\u{a0}euros"), "{text:?}");
        }
    }

    #[test]
    fn a_word_wider_than_the_column_is_cut() {
        let word = "anticonstitutionnellement".repeat(10);
        let chars = set(&format!("avant {word} après"), Weight::Bold, PARAGRAPH_SIZE);
        let lines = break_lines(&chars, 100.0);
        let texts: Vec<String> = lines.iter().map(|line| line_text(&chars[line.clone()])).collect();
        assert_eq!(texts.first().map(String::as_str), Some("avant"));
        assert!(texts.len() > 3);
        for line in &lines {
            assert!(width_of(&chars[line.clone()]) <= 100.0 + 1e-3);
        }
        assert_eq!(texts.concat(), format!("avant{word}après").replace(' ', ""));
    }

    #[test]
    fn breaking_ends_on_a_column_narrower_than_a_letter() {
        let chars = set("mmm mmm", Weight::Regular, PARAGRAPH_SIZE);
        assert_eq!(break_lines(&chars, 1.0).len(), 6);
        assert!(break_lines(&set("   ", Weight::Regular, PARAGRAPH_SIZE), 100.0).is_empty());
    }

    /// The runs of text (not the numbers or footers) on every page.
    fn text_runs(document: &Document) -> Vec<&Run> {
        document.pages.iter().flat_map(|page| &page.runs).filter(|run| run.ink == Ink::Text).collect()
    }

    #[test]
    fn numbered_lines_are_never_rewrapped() {
        // Wider than a paragraph's column would take, narrower than the shrinking point.
        let long = "Article 12. Les membres du conseil sont élus pour trois ans et rééligibles une fois.";
        let blocks = [numbered(1, long), numbered(2, "court"), numbered(3, "")];
        let document = lay_out(faces(), &blocks);
        let runs = text_runs(&document);
        assert_eq!(runs.len(), 2, "one run per non-empty line");
        assert_eq!(runs[0].glyphs.len(), long.chars().count());
        assert_ne!(runs[0].baseline, runs[1].baseline);
        assert_eq!(document.numbered_size, NUMBERED_SIZE);
    }

    #[test]
    fn a_very_wide_numbered_line_shrinks_all_of_them() {
        let wide = "m".repeat(60);
        let blocks = [
            numbered(1, "court"),
            numbered(2, &wide),
            Block::Numbered { number: 3, text: "Titre".into(), heading: true },
        ];
        let document = lay_out(faces(), &blocks);
        let size = document.numbered_size;
        assert!((NUMBERED_MIN_SIZE..NUMBERED_SIZE).contains(&size), "{size}");
        let runs = text_runs(&document);
        assert_eq!(runs.len(), 3);
        assert!(runs.iter().all(|run| run.size == size && run.stretch == 1.0));
        assert!(text_width_em(&faces().regular, &wide) * size <= COLUMN_WIDTH + 1e-3);

        // Past the smallest size a line is narrowed, still on one line.
        let absurd = "m".repeat(1000);
        let document = lay_out(faces(), &[numbered(1, &absurd)]);
        let runs = text_runs(&document);
        assert_eq!(document.numbered_size, NUMBERED_MIN_SIZE);
        assert_eq!(runs.len(), 1);
        assert!(runs[0].stretch < 1.0);
    }

    #[test]
    fn a_heading_is_kept_with_what_follows() {
        let mut blocks: Vec<Block<'_>> = Vec::new();
        let document = lay_out(faces(), &[numbered(1, "x")]);
        let per_page = (COLUMN_HEIGHT / (document.numbered_size * NUMBERED_LEADING_RATIO)) as u32;
        // Fill the first page to its last line, then a heading and a line.
        blocks.extend((1..per_page).map(|n| numbered(n, "ligne")));
        blocks.push(Block::Heading("Chapitre 2".into()));
        blocks.push(numbered(per_page, "ligne"));
        let document = lay_out(faces(), &blocks);
        assert_eq!(document.pages.len(), 2);
        let heading_page =
            document.pages.iter().position(|page| page.runs.iter().any(|run| run.weight == Weight::Bold));
        assert_eq!(heading_page, Some(1));
    }

    #[test]
    fn control_characters_are_dropped_and_missing_ones_are_notdef() {
        let chars = set("a\u{0}b\u{7}\tc\u{200b}d\u{1F600}", Weight::Regular, PARAGRAPH_SIZE);
        assert_eq!(line_text(&chars), "ab c\u{200b}d\u{1F600}".replace('\u{200b}', ""));
        assert_eq!(chars.last().map(|c| c.glyph), Some(0));
    }

    #[test]
    fn a_long_footer_is_cut() {
        let footer = "Un titre de texte beaucoup trop long pour tenir dans le pied de page ".repeat(5);
        let mut document = lay_out(faces(), &[]);
        add_footers(faces(), &mut document, &footer);
        let [footer_run, number_run] = &document.pages[0].runs[..] else { panic!("two runs expected") };
        assert!(footer_run.glyphs.len() < footer.chars().count());
        let footer_width: f32 = footer_run.glyphs.iter().map(|id| faces().regular.advance_of(*id) * FOOTER_SIZE).sum();
        assert!(footer_run.x + footer_width + FOOTER_GAP <= number_run.x + 1e-3);
    }

    proptest! {
        #[test]
        fn any_text_renders(text in any::<String>(), other in any::<String>(), number in any::<u32>(), indent in any::<f32>(), space in any::<f32>()) {
            let blocks = [
                Block::Title(text.as_str().into()),
                Block::Heading(other.as_str().into()),
                Block::Paragraph {
                    spans: vec![
                        plain(&text),
                        Span { text: other.as_str().into(), weight: Weight::Bold, mark: Mark::Removed },
                        Span { text: text.as_str().into(), weight: Weight::Regular, mark: Mark::Added },
                    ],
                    indent,
                },
                Block::Space(space),
                Block::Rule,
                Block::Numbered { number, text: text.as_str().into(), heading: true },
                Block::PageBreak,
                Block::Numbered { number: 1, text: other.as_str().into(), heading: false },
            ];
            let pdf = render(&Meta { title: &text, language: &other, footer: &text }, &blocks);
            prop_assert!(pdf.starts_with(b"%PDF-"));
            prop_assert!(pdf.trim_ascii_end().ends_with(b"%%EOF"));
        }
    }

    /// A sample to look at: `cargo test --lib export::pdf::tests::sample -- --ignored`, then
    /// `pdftotext -layout` or `pdftoppm` on the file it names.
    #[test]
    #[ignore]
    fn sample() {
        let mut blocks = vec![
            Block::Title("Programme 2027 : « Une République écologique et sociale »".into()),
            Block::Paragraph {
                spans: vec![
                    Span {
                        text: "Révision 12, adoptée le 3 mars 2027. ".into(),
                        weight: Weight::Regular,
                        mark: Mark::Muted,
                    },
                    plain(
                        "Le texte ci-dessous est celui que le congrès a voté ; les amendements y renvoient par numéro de ligne\u{a0}: «\u{a0}l.\u{a0}12\u{a0}».",
                    ),
                ],
                indent: 0.0,
            },
            Block::Rule,
            Block::Heading("Chapitre 1 — Le budget des communes".into()),
        ];
        let lines = [
            "Nous proposons que chaque commune puisse, après consultation de ses habitants,",
            "adopter un budget participatif représentant au moins 5 % de ses dépenses",
            "d’investissement ; les projets retenus sont exécutés dans l’année. Le coût",
            "de la mesure est estimé à 120 € par habitant et par an, œuvre commune de",
            "l’État et des collectivités. « Ça suffit ! » disaient déjà nos aînés.",
        ];
        for n in 1..=80 {
            if n == 31 {
                blocks.push(Block::Numbered {
                    number: n,
                    text: "Chapitre 2 — Les services publics".into(),
                    heading: true,
                });
                continue;
            }
            blocks.push(numbered(n, lines[(n as usize) % lines.len()]));
        }
        blocks.push(Block::Heading("Amendement PROG-12".into()));
        blocks.push(Block::Paragraph {
            spans: vec![
                plain("Remplacer « "),
                Span { text: "au moins 5 %".into(), weight: Weight::Regular, mark: Mark::Removed },
                plain(" » par « "),
                Span { text: "au moins 10 %".into(), weight: Weight::Bold, mark: Mark::Added },
                plain(" ». Exposé des motifs : la part actuelle ne permet pas de financer des projets d’envergure, ni de mobiliser les quartiers où la participation est la plus faible."),
            ],
            indent: 18.0,
        });
        blocks.push(numbered(99999, "Une ligne au numéro à cinq chiffres."));
        let pdf = render(&meta(), &blocks);
        let path = std::env::temp_dir().join("redraft-sample.pdf");
        std::fs::write(&path, pdf).unwrap();
        println!("wrote {}", path.display());
    }

    /// `cargo test --release --lib export::pdf::tests::timing -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn timing() {
        let sentence = "Nous proposons que chaque commune puisse, après consultation de ses habitants, adopter… ";
        let line: String = sentence.chars().cycle().take(80).collect();
        let blocks: Vec<Block<'_>> = (1..=3000).map(|n| numbered(n, &line)).collect();
        let start = std::time::Instant::now();
        let pdf = render(&meta(), &blocks);
        let lines_time = start.elapsed();
        let book: Vec<Block<'_>> = (1..=3000)
            .flat_map(|n| {
                [
                    Block::Heading(format!("Amendement PROG-{n}").into()),
                    Block::Paragraph {
                        spans: vec![plain(&line), plain(" "), plain(&line), plain(" "), plain(&line)],
                        indent: 0.0,
                    },
                    numbered(n, &line),
                    Block::PageBreak,
                ]
            })
            .collect();
        let start = std::time::Instant::now();
        let book_pdf = render(&meta(), &book);
        let book_time = start.elapsed();
        println!(
            "3000 lines of {} chars: {lines_time:?}, {} bytes; book of 3000 pages: {book_time:?}, {} bytes",
            line.chars().count(),
            pdf.len(),
            book_pdf.len()
        );
    }
}
