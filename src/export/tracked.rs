//! A text with tracked changes as an OpenDocument text (ODT) and a Word document (DOCX):
//! each insertion and deletion a change of its own, attributed to its contributor, which
//! LibreOffice and Word accept or reject one by one.
//!
//! The page is set so that the word processor's own line numbers are the printed lines of
//! rule 10: a monospaced face at a size where the column holds exactly the revision's
//! printed width, headings narrowed to theirs, list items led by their bullet or number as
//! in print. Word processors break lines greedily at spaces as the printed lines do; they
//! also break after a hyphen, where the printed lines do not, so a line ending in a
//! hyphenated word may differ.

use std::fmt::Write as _;

use super::office::{OfficeError, Part, archive, manifest, push_odf_text, push_xml};
use crate::actions::exports::TrackedText;
use crate::domain::kind::LineKind;
use crate::domain::printed::{MAX_WIDTH, MIN_WIDTH, Printing};
use crate::domain::tracked::{Mark, Paragraph};
use crate::time::rfc3339;

/// A4, in points.
const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
/// The widest the column may be (16 cm), and the largest face.
const MAX_COLUMN: f32 = 453.5;
const MAX_FONT: f32 = 11.0;
const MIN_FONT: f32 = 4.0;
/// A monospaced face's advance, in ems (Liberation Mono, Courier New, DejaVu Sans Mono).
const ADVANCE: f32 = 0.6;
const TOP_MARGIN: f32 = 56.7;

/// Where the lines go on the page.
struct Geometry {
    /// Font size in points, in half points (what DOCX counts).
    font: f32,
    side_margin: f32,
    /// How much narrower a heading's column is.
    heading_indent: f32,
}

impl Geometry {
    fn of(printing: Printing) -> Self {
        let width = printing.width.clamp(MIN_WIDTH, MAX_WIDTH) as f32;
        // Half a character to spare: `width` characters fit, one more does not.
        let font = (MAX_COLUMN / (ADVANCE * (width + 0.5))).min(MAX_FONT);
        let font = ((font * 2.0).floor() / 2.0).max(MIN_FONT);
        let column = (width + 0.5) * ADVANCE * font;
        let heading_width = (printing.width.clamp(MIN_WIDTH, MAX_WIDTH) * 3 / 4) as f32;
        let heading_indent = if printing.algorithm >= 2 { (width - heading_width) * ADVANCE * font } else { 0.0 };
        Geometry { font, side_margin: (PAGE_WIDTH - column) / 2.0, heading_indent }
    }
}

/// What a paragraph of `kind` with `marker` prints before its text (rule 10): a list
/// item's bullet or number and a space; with the first breaking algorithm, the stored
/// marker as it is.
fn lead(kind: LineKind, marker: &str, printing: Printing) -> String {
    if printing.algorithm < 2 {
        return marker.to_owned();
    }
    match kind {
        LineKind::ListItem { number: Some(number), .. } => format!("{number}. "),
        LineKind::ListItem { number: None, .. } => "• ".to_owned(),
        _ => String::new(),
    }
}

/// The document as one stream: each paragraph's text in runs, and between paragraphs the
/// break that separates them, each marked as it was inserted, deleted or left. A reader
/// accepting every change sees exactly the later revision's paragraphs, one rejecting every
/// one the earlier's: a break is kept where one of them needs it and marked for the side
/// that does not; where neither does (a paragraph deleted next to one inserted in its
/// place), the two share a paragraph, one's text deleted and the other's inserted.
enum Token<'a> {
    Text { text: std::borrow::Cow<'a, str>, mark: Mark },
    Break(Mark),
}

/// The stream and, for each token, the paragraph of the document it comes from.
fn stream(document: &TrackedText) -> Vec<(Token<'_>, usize)> {
    let paragraphs = &document.paragraphs;
    let shown = |paragraph: &Paragraph| !matches!(paragraph.whole, Mark::Deleted(_));
    let earlier = |paragraph: &Paragraph| !matches!(paragraph.whole, Mark::Inserted(_));
    let mut tokens = Vec::with_capacity(paragraphs.len() * 3);
    let (mut any_shown, mut any_earlier) = (false, false);
    for (index, paragraph) in paragraphs.iter().enumerate() {
        if index > 0 {
            // The break before this paragraph, as each side needs it.
            let accepted = shown(paragraph) && any_shown;
            let rejected = earlier(paragraph) && any_earlier;
            let changed_by = |wanted: fn(&Mark) -> Option<usize>| {
                wanted(&paragraph.whole).or_else(|| wanted(&paragraphs[index - 1].whole)).unwrap_or(0)
            };
            let inserted = |mark: &Mark| if let Mark::Inserted(by) = mark { Some(*by) } else { None };
            let deleted = |mark: &Mark| if let Mark::Deleted(by) = mark { Some(*by) } else { None };
            match (accepted, rejected) {
                (true, true) => tokens.push((Token::Break(Mark::Same), index)),
                (true, false) => tokens.push((Token::Break(Mark::Inserted(changed_by(inserted))), index)),
                (false, true) => tokens.push((Token::Break(Mark::Deleted(changed_by(deleted))), index)),
                (false, false) => {}
            }
        }
        any_shown |= shown(paragraph);
        any_earlier |= earlier(paragraph);
        let new_lead = lead(paragraph.kind, &paragraph.marker, document.printing);
        let text = |text: String, mark: Mark| (Token::Text { text: text.into(), mark }, index);
        match (&paragraph.before, paragraph.whole) {
            (Some((kind, marker)), Mark::Same) => {
                // A list item turned into another kind (or renumbered): its bullet changes.
                let old_lead = lead(*kind, marker, document.printing);
                if old_lead != new_lead {
                    let by = paragraph.runs.iter().find_map(|run| match run.mark {
                        Mark::Inserted(by) | Mark::Deleted(by) => Some(by),
                        Mark::Same => None,
                    });
                    let by = by.unwrap_or(0);
                    tokens.push(text(old_lead, Mark::Deleted(by)));
                    tokens.push(text(new_lead, Mark::Inserted(by)));
                } else {
                    tokens.push(text(new_lead, Mark::Same));
                }
            }
            (_, whole) => tokens.push(text(new_lead, whole)),
        }
        for run in &paragraph.runs {
            let mark = if paragraph.whole == Mark::Same { run.mark } else { paragraph.whole };
            tokens.push((Token::Text { text: run.text.as_str().into(), mark }, index));
        }
    }
    tokens.retain(|(token, _)| !matches!(token, Token::Text { text, .. } if text.is_empty()));
    tokens
}

/// The style of a paragraph of the file made of `members` (indices into the document's
/// paragraphs): that of the first one the later revision has, else of the first.
fn style_of(document: &TrackedText, members: &[usize]) -> &'static str {
    let paragraph = |index: &usize| document.paragraphs.get(*index);
    let chosen = members
        .iter()
        .filter_map(paragraph)
        .find(|paragraph| !matches!(paragraph.whole, Mark::Deleted(_)))
        .or_else(|| members.first().and_then(paragraph));
    match chosen.map(|paragraph| paragraph.kind) {
        Some(LineKind::Heading { .. }) => "Heading",
        _ => "Text",
    }
}

const ODT_MIME: &str = "application/vnd.oasis.opendocument.text";

const ODF_NAMESPACES: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3""#;

/// One tracked change as ODF records it, before the body.
struct Region {
    id: usize,
    contributor: usize,
    /// The deleted text, as paragraphs (a deleted break between two); `None` for an
    /// insertion.
    deleted: Option<Vec<String>>,
}

/// The ODT: tracked changes on, each change a region attributed to its contributor. The
/// body holds what the later revision has; what it lost is kept in deletion regions (a
/// deleted break as two paragraphs), marked where it stood.
pub fn odt(document: &TrackedText) -> Result<Vec<u8>, OfficeError> {
    let geometry = Geometry::of(document.printing);
    let tokens = stream(document);
    let mut regions: Vec<Region> = Vec::new();
    // The body's paragraphs: their markup and the document paragraphs they hold.
    let mut paragraphs: Vec<(String, Vec<usize>)> = vec![(String::new(), Vec::new())];
    // An insertion left open across a break, closed at the next token that is not its.
    let mut open_insertion: Option<(usize, usize)> = None;
    let mut index = 0;
    while index < tokens.len() {
        let (token, source) = &tokens[index];
        let mark = match token {
            Token::Text { mark, .. } | Token::Break(mark) => *mark,
        };
        if let Some((id, by)) = open_insertion
            && mark != Mark::Inserted(by)
            && let Some((body, _)) = paragraphs.last_mut()
        {
            let _ = write!(body, r#"<text:change-end text:change-id="ct{id}"/>"#);
            open_insertion = None;
        }
        if let Some((_, members)) = paragraphs.last_mut()
            && !members.contains(source)
            && !matches!(token, Token::Break(_))
        {
            members.push(*source);
        }
        match (token, mark) {
            (Token::Text { text, .. }, Mark::Same) => {
                if let Some((body, _)) = paragraphs.last_mut() {
                    push_odf_text(body, text);
                }
            }
            (Token::Break(_), Mark::Same) => paragraphs.push((String::new(), Vec::new())),
            (_, Mark::Inserted(by)) => {
                if open_insertion.is_none() {
                    let id = regions.len() + 1;
                    regions.push(Region { id, contributor: by, deleted: None });
                    if let Some((body, _)) = paragraphs.last_mut() {
                        let _ = write!(body, r#"<text:change-start text:change-id="ct{id}"/>"#);
                    }
                    open_insertion = Some((id, by));
                }
                match token {
                    Token::Text { text, .. } => {
                        if let Some((body, _)) = paragraphs.last_mut() {
                            push_odf_text(body, text);
                        }
                    }
                    Token::Break(_) => paragraphs.push((String::new(), Vec::new())),
                }
            }
            (_, Mark::Deleted(by)) => {
                // What one contributor deleted in a row, breaks included, is one region.
                let mut deleted = vec![String::new()];
                while let Some((token, source)) = tokens.get(index)
                    && matches!(token, Token::Text { mark: Mark::Deleted(b), .. } | Token::Break(Mark::Deleted(b)) if *b == by)
                {
                    match token {
                        Token::Text { text, .. } => {
                            if let Some(last) = deleted.last_mut() {
                                last.push_str(text);
                            }
                        }
                        Token::Break(_) => deleted.push(String::new()),
                    }
                    if let Some((_, members)) = paragraphs.last_mut()
                        && !members.contains(source)
                    {
                        members.push(*source);
                    }
                    index += 1;
                }
                let id = regions.len() + 1;
                regions.push(Region { id, contributor: by, deleted: Some(deleted) });
                if let Some((body, _)) = paragraphs.last_mut() {
                    let _ = write!(body, r#"<text:change text:change-id="ct{id}"/>"#);
                }
                continue;
            }
        }
        index += 1;
    }
    if let (Some((id, _)), Some((body, _))) = (open_insertion, paragraphs.last_mut()) {
        let _ = write!(body, r#"<text:change-end text:change-id="ct{id}"/>"#);
    }
    let mut body = String::with_capacity(paragraphs.iter().map(|(text, _)| text.len() + 64).sum());
    body.push_str(r#"<text:p text:style-name="Title">"#);
    push_odf_text(&mut body, &document.title);
    body.push_str("</text:p>");
    for (text, members) in &paragraphs {
        let style = style_of(document, members);
        let _ = write!(body, r#"<text:p text:style-name="{style}">{text}</text:p>"#);
    }

    let mut content = String::with_capacity(body.len() + regions.len() * 300 + 2048);
    let _ = write!(content, r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NAMESPACES}>"#);
    content.push_str(
        r#"<office:font-face-decls><style:font-face style:name="Liberation Mono" svg:font-family="'Liberation Mono'" style:font-family-generic="modern" style:font-pitch="fixed"/></office:font-face-decls><office:body><office:text><text:tracked-changes text:track-changes="true">"#,
    );
    for region in &regions {
        let contributor = document.contributors.get(region.contributor);
        let _ = write!(content, r#"<text:changed-region xml:id="ct{0}" text:id="ct{0}">"#, region.id);
        content.push_str(if region.deleted.is_some() { "<text:deletion>" } else { "<text:insertion>" });
        content.push_str("<office:change-info><dc:creator>");
        push_xml(&mut content, contributor.map_or("", |c| c.author.as_str()));
        content.push_str("</dc:creator><dc:date>");
        let date = rfc3339(contributor.map_or(0, |c| c.at));
        content.push_str(date.trim_end_matches('Z'));
        content.push_str("</dc:date></office:change-info>");
        match &region.deleted {
            Some(paragraphs) => {
                for paragraph in paragraphs {
                    content.push_str(r#"<text:p text:style-name="Text">"#);
                    push_odf_text(&mut content, paragraph);
                    content.push_str("</text:p>");
                }
                content.push_str("</text:deletion>");
            }
            None => content.push_str("</text:insertion>"),
        }
        content.push_str("</text:changed-region>");
    }
    content.push_str("</text:tracked-changes>");
    content.push_str(&body);
    content.push_str("</office:text></office:body></office:document-content>");

    let styles = odt_styles(&geometry);
    let mut meta = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-meta {ODF_NAMESPACES}><office:meta><dc:title>"#
    );
    push_xml(&mut meta, &document.title);
    meta.push_str("</dc:title></office:meta></office:document-meta>");
    let manifest = manifest(ODT_MIME, &["content.xml", "styles.xml", "meta.xml"]);
    archive(
        &[
            Part { path: "mimetype", bytes: ODT_MIME.as_bytes() },
            Part { path: "META-INF/manifest.xml", bytes: manifest.as_bytes() },
            Part { path: "content.xml", bytes: content.as_bytes() },
            Part { path: "styles.xml", bytes: styles.as_bytes() },
            Part { path: "meta.xml", bytes: meta.as_bytes() },
        ],
        true,
    )
}

fn odt_styles(geometry: &Geometry) -> String {
    let Geometry { font, side_margin, heading_indent } = geometry;
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ODF_NAMESPACES}><office:font-face-decls><style:font-face style:name="Liberation Mono" svg:font-family="'Liberation Mono'" style:font-family-generic="modern" style:font-pitch="fixed"/></office:font-face-decls><office:styles><style:default-style style:family="paragraph"><style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/><style:text-properties style:font-name="Liberation Mono" fo:font-size="{font}pt" fo:hyphenate="false"/></style:default-style><style:style style:name="Text" style:family="paragraph"><style:paragraph-properties fo:margin-top="0pt" fo:margin-bottom="{gap}pt" fo:margin-left="0pt" fo:margin-right="0pt" fo:text-indent="0pt" fo:text-align="start"/><style:text-properties style:font-name="Liberation Mono" fo:font-size="{font}pt"/></style:style><style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Text"><style:paragraph-properties fo:margin-right="{heading_indent}pt" fo:margin-top="{gap}pt" fo:keep-with-next="always"/><style:text-properties fo:font-weight="bold"/></style:style><style:style style:name="Title" style:family="paragraph" style:parent-style-name="Text"><style:paragraph-properties text:number-lines="false" fo:margin-bottom="{title_gap}pt"/><style:text-properties fo:font-size="{title}pt" fo:font-weight="bold"/></style:style><text:linenumbering-configuration text:number-lines="true" text:offset="0.4cm" style:num-format="1" text:number-position="left" text:increment="1" text:restart-on-page="false" text:count-empty-lines="false" text:count-in-text-boxes="false"/></office:styles><office:automatic-styles><style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="{PAGE_WIDTH}pt" fo:page-height="{PAGE_HEIGHT}pt" style:print-orientation="portrait" fo:margin-top="{TOP_MARGIN}pt" fo:margin-bottom="{TOP_MARGIN}pt" fo:margin-left="{side_margin}pt" fo:margin-right="{side_margin}pt"/></style:page-layout></office:automatic-styles><office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"/></office:master-styles></office:document-styles>"#,
        gap = font * 0.6,
        title = font * 1.4,
        title_gap = font * 1.2,
    )
}

/// The DOCX: each change a `w:ins` or `w:del` with its author and date, whole paragraphs
/// inserted or deleted with their paragraph mark, and revisions tracked from there on.
pub fn docx(document: &TrackedText) -> Result<Vec<u8>, OfficeError> {
    let geometry = Geometry::of(document.printing);
    let mut xml = String::with_capacity(document.paragraphs.len() * 240 + 2048);
    xml.push_str(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
    );
    xml.push_str(
        r#"<w:p><w:pPr><w:pStyle w:val="Title"/><w:suppressLineNumbers/></w:pPr><w:r><w:t xml:space="preserve">"#,
    );
    push_xml(&mut xml, &document.title);
    xml.push_str("</w:t></w:r></w:p>");
    let mut next_id = 0usize;
    let mut change = |xml: &mut String, tag: &str, contributor: usize| {
        next_id += 1;
        let contributor = document.contributors.get(contributor);
        let _ = write!(xml, r#"<w:{tag} w:id="{next_id}" w:author=""#);
        push_xml(xml, contributor.map_or("", |c| c.author.as_str()));
        let _ = write!(xml, r#"" w:date="{}""#, rfc3339(contributor.map_or(0, |c| c.at)));
    };
    let run = |xml: &mut String, text: &str, deleted: bool| {
        if text.is_empty() {
            return;
        }
        let tag = if deleted { "w:delText" } else { "w:t" };
        let _ = write!(xml, r#"<w:r><{tag} xml:space="preserve">"#);
        push_xml(xml, text);
        let _ = write!(xml, "</{tag}></w:r>");
    };
    // The file's paragraphs: the tokens between breaks, each ended by its break (the
    // paragraph mark, marked as the break was), the last by the document's end.
    let tokens = stream(document);
    let mut at = 0;
    loop {
        let end = tokens
            .get(at..)
            .unwrap_or_default()
            .iter()
            .position(|(token, _)| matches!(token, Token::Break(_)))
            .map(|offset| at + offset);
        let body = tokens.get(at..end.unwrap_or(tokens.len())).unwrap_or_default();
        let mut members: Vec<usize> = Vec::new();
        for (_, source) in body {
            if !members.contains(source) {
                members.push(*source);
            }
        }
        let _ = write!(xml, r#"<w:p><w:pPr><w:pStyle w:val="{}"/>"#, style_of(document, &members));
        match end.and_then(|end| tokens.get(end)) {
            Some((Token::Break(Mark::Inserted(by)), _)) => {
                xml.push_str("<w:rPr>");
                change(&mut xml, "ins", *by);
                xml.push_str("/></w:rPr>");
            }
            Some((Token::Break(Mark::Deleted(by)), _)) => {
                xml.push_str("<w:rPr>");
                change(&mut xml, "del", *by);
                xml.push_str("/></w:rPr>");
            }
            _ => {}
        }
        xml.push_str("</w:pPr>");
        for (token, _) in body {
            let Token::Text { text, mark } = token else { continue };
            match mark {
                Mark::Same => run(&mut xml, text, false),
                Mark::Inserted(by) => {
                    change(&mut xml, "ins", *by);
                    xml.push('>');
                    run(&mut xml, text, false);
                    xml.push_str("</w:ins>");
                }
                Mark::Deleted(by) => {
                    change(&mut xml, "del", *by);
                    xml.push('>');
                    run(&mut xml, text, true);
                    xml.push_str("</w:del>");
                }
            }
        }
        xml.push_str("</w:p>");
        match end {
            Some(end) => at = end + 1,
            None => break,
        }
    }
    let twips = |points: f32| (points * 20.0).round() as i64;
    let _ = write!(
        xml,
        r#"<w:sectPr><w:pgSz w:w="{}" w:h="{}"/><w:pgMar w:top="{top}" w:right="{side}" w:bottom="{top}" w:left="{side}" w:header="567" w:footer="567" w:gutter="0"/><w:lnNumType w:countBy="1" w:distance="227" w:restart="continuous"/></w:sectPr></w:body></w:document>"#,
        twips(PAGE_WIDTH),
        twips(PAGE_HEIGHT),
        top = twips(TOP_MARGIN),
        side = twips(geometry.side_margin),
    );
    let half_points = (geometry.font * 2.0).round() as i64;
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New" w:eastAsia="Courier New"/><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="{gap}" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Text"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Heading"><w:name w:val="Heading"/><w:basedOn w:val="Text"/><w:pPr><w:keepNext/><w:spacing w:before="{gap}"/><w:ind w:right="{heading_indent}"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Text"/><w:pPr><w:spacing w:after="{title_gap}"/></w:pPr><w:rPr><w:b/><w:sz w:val="{title}"/></w:rPr></w:style></w:styles>"#,
        gap = twips(geometry.font * 0.6),
        heading_indent = twips(geometry.heading_indent),
        title_gap = twips(geometry.font * 1.2),
        title = (geometry.font * 2.8).round() as i64,
    );
    let mut core = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>"#,
    );
    push_xml(&mut core, &document.title);
    core.push_str("</dc:title></cp:coreProperties>");
    archive(
        &[
            Part { path: "[Content_Types].xml", bytes: DOCX_CONTENT_TYPES.as_bytes() },
            Part { path: "_rels/.rels", bytes: DOCX_PACKAGE_RELS.as_bytes() },
            Part { path: "docProps/core.xml", bytes: core.as_bytes() },
            Part { path: "word/document.xml", bytes: xml.as_bytes() },
            Part { path: "word/styles.xml", bytes: styles.as_bytes() },
            Part { path: "word/settings.xml", bytes: DOCX_SETTINGS.as_bytes() },
            Part { path: "word/_rels/document.xml.rels", bytes: DOCX_DOCUMENT_RELS.as_bytes() },
        ],
        false,
    )
}

const DOCX_CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const DOCX_PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOCX_DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/></Relationships>"#;

/// Changes stay tracked as the drafter goes on editing.
const DOCX_SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:trackRevisions/></w:settings>"#;
