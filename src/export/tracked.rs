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

/// What a paragraph prints before its text (rule 10): a list item's bullet or number and
/// a space; with the first breaking algorithm, the stored marker as it is.
fn lead(paragraph: &Paragraph, printing: Printing) -> String {
    if printing.algorithm < 2 {
        return paragraph.marker.clone();
    }
    match paragraph.kind {
        LineKind::ListItem { number: Some(number), .. } => format!("{number}. "),
        LineKind::ListItem { number: None, .. } => "• ".to_owned(),
        _ => String::new(),
    }
}

fn heading(paragraph: &Paragraph) -> bool {
    matches!(paragraph.kind, LineKind::Heading { .. })
}

const ODT_MIME: &str = "application/vnd.oasis.opendocument.text";

const ODF_NAMESPACES: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3""#;

/// One tracked change as ODF records it, before the body.
struct Region {
    id: usize,
    contributor: usize,
    /// The deleted text, as paragraphs; `None` for an insertion.
    deleted: Option<Vec<String>>,
}

/// The ODT: tracked changes on, each change a region attributed to its contributor.
///
/// A paragraph inserted whole takes its break with it (from its start to the start of the
/// next paragraph; the last one takes the break before it instead), and one deleted whole
/// is recorded where it stood, with its break, so that rejecting either restores the
/// paragraphs as they were.
pub fn odt(document: &TrackedText) -> Result<Vec<u8>, OfficeError> {
    let geometry = Geometry::of(document.printing);
    let mut regions: Vec<Region> = Vec::new();
    let mut region = |contributor: usize, deleted: Option<Vec<String>>| {
        let id = regions.len() + 1;
        regions.push(Region { id, contributor, deleted });
        id
    };
    let shown_count =
        document.paragraphs.iter().filter(|paragraph| !matches!(paragraph.whole, Mark::Deleted(_))).count();
    // For each paragraph shown: markers before its text, its text, markers after it.
    let mut before = vec![String::new(); shown_count];
    let mut inner = vec![String::new(); shown_count];
    let mut after = vec![String::new(); shown_count];
    let mut styles = Vec::with_capacity(shown_count);
    let mut position = 0usize;
    for paragraph in &document.paragraphs {
        let lead = lead(paragraph, document.printing);
        if let Mark::Deleted(contributor) = paragraph.whole {
            let text: String =
                std::iter::once(lead.as_str()).chain(paragraph.runs.iter().map(|run| run.text.as_str())).collect();
            if position < shown_count {
                let id = region(contributor, Some(vec![text, String::new()]));
                let _ = write!(before[position], r#"<text:change text:change-id="ct{id}"/>"#);
            } else if let Some(last) = after.last_mut() {
                // Nothing follows: the break before it goes with it.
                let id = region(contributor, Some(vec![String::new(), text]));
                let _ = write!(last, r#"<text:change text:change-id="ct{id}"/>"#);
            }
            continue;
        }
        styles.push(if heading(paragraph) { "Heading" } else { "Text" });
        let text = &mut inner[position];
        match paragraph.whole {
            Mark::Inserted(contributor) => {
                let id = region(contributor, None);
                let start = format!(r#"<text:change-start text:change-id="ct{id}"/>"#);
                let end = format!(r#"<text:change-end text:change-id="ct{id}"/>"#);
                let last = position + 1 == shown_count;
                match (last, position.checked_sub(1)) {
                    (false, _) => {
                        text.push_str(&start);
                        before[position + 1].push_str(&end);
                    }
                    (true, Some(previous)) => {
                        after[previous].push_str(&start);
                        after[position].push_str(&end);
                    }
                    (true, None) => {
                        text.push_str(&start);
                        after[position].push_str(&end);
                    }
                }
                push_odf_text(text, &lead);
                for run in &paragraph.runs {
                    push_odf_text(text, &run.text);
                }
            }
            _ => {
                push_odf_text(text, &lead);
                for run in &paragraph.runs {
                    match run.mark {
                        Mark::Same => push_odf_text(text, &run.text),
                        Mark::Inserted(contributor) => {
                            let id = region(contributor, None);
                            let _ = write!(text, r#"<text:change-start text:change-id="ct{id}"/>"#);
                            push_odf_text(text, &run.text);
                            let _ = write!(text, r#"<text:change-end text:change-id="ct{id}"/>"#);
                        }
                        Mark::Deleted(contributor) => {
                            let id = region(contributor, Some(vec![run.text.clone()]));
                            let _ = write!(text, r#"<text:change text:change-id="ct{id}"/>"#);
                        }
                    }
                }
            }
        }
        position += 1;
    }
    let mut body = String::with_capacity(inner.iter().map(|text| text.len() + 64).sum());
    body.push_str(r#"<text:p text:style-name="Title">"#);
    push_odf_text(&mut body, &document.title);
    body.push_str("</text:p>");
    for (((style, before), text), after) in styles.iter().zip(&before).zip(&inner).zip(&after) {
        let _ = write!(body, r#"<text:p text:style-name="{style}">{before}{text}{after}</text:p>"#);
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
    for paragraph in &document.paragraphs {
        let style = if heading(paragraph) { "Heading" } else { "Text" };
        let _ = write!(xml, r#"<w:p><w:pPr><w:pStyle w:val="{style}"/>"#);
        match paragraph.whole {
            Mark::Inserted(contributor) => {
                xml.push_str("<w:rPr>");
                change(&mut xml, "ins", contributor);
                xml.push_str("/></w:rPr>");
            }
            Mark::Deleted(contributor) => {
                xml.push_str("<w:rPr>");
                change(&mut xml, "del", contributor);
                xml.push_str("/></w:rPr>");
            }
            Mark::Same => {}
        }
        xml.push_str("</w:pPr>");
        let lead = lead(paragraph, document.printing);
        match paragraph.whole {
            Mark::Same => {
                run(&mut xml, &lead, false);
                for piece in &paragraph.runs {
                    match piece.mark {
                        Mark::Same => run(&mut xml, &piece.text, false),
                        Mark::Inserted(contributor) => {
                            change(&mut xml, "ins", contributor);
                            xml.push('>');
                            run(&mut xml, &piece.text, false);
                            xml.push_str("</w:ins>");
                        }
                        Mark::Deleted(contributor) => {
                            change(&mut xml, "del", contributor);
                            xml.push('>');
                            run(&mut xml, &piece.text, true);
                            xml.push_str("</w:del>");
                        }
                    }
                }
            }
            Mark::Inserted(contributor) | Mark::Deleted(contributor) => {
                let (tag, deleted) =
                    if matches!(paragraph.whole, Mark::Deleted(_)) { ("del", true) } else { ("ins", false) };
                change(&mut xml, tag, contributor);
                xml.push('>');
                run(&mut xml, &lead, deleted);
                for piece in &paragraph.runs {
                    run(&mut xml, &piece.text, deleted);
                }
                let _ = write!(xml, "</w:{tag}>");
            }
        }
        xml.push_str("</w:p>");
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
