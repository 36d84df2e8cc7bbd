//! Office exports: the amendment list as an OpenDocument spreadsheet (ODS) and as an Excel
//! workbook (XLSX), and the text with tracked changes as an OpenDocument text (ODT) and a
//! Word document (DOCX). Each is a zip of XML parts written here; the tracked changes'
//! content comes from [`super::tracked`].

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};

use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

use super::{Cell, Sheet};
use crate::time::{paris_civil, paris_offset};

/// An office file could not be assembled (the zip writer failed: it writes to memory, so
/// this does not happen with the parts written here).
#[derive(Debug, thiserror::Error)]
#[error("the office file could not be written: {0}")]
pub struct OfficeError(#[from] zip::result::ZipError);

impl From<std::io::Error> for OfficeError {
    fn from(error: std::io::Error) -> Self {
        OfficeError(zip::result::ZipError::Io(error))
    }
}

/// One part of an office file: its path in the archive and its bytes.
pub(super) struct Part<'a> {
    pub path: &'a str,
    pub bytes: &'a [u8],
}

/// The parts as a zip archive, in order, `stored_first` left uncompressed (OpenDocument
/// wants its `mimetype` first and stored, so that a file's type reads at a fixed offset).
pub(super) fn archive(parts: &[Part<'_>], stored_first: bool) -> Result<Vec<u8>, OfficeError> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (index, part) in parts.iter().enumerate() {
        let method = if index == 0 && stored_first { CompressionMethod::Stored } else { CompressionMethod::Deflated };
        zip.start_file(part.path, SimpleFileOptions::default().compression_method(method))?;
        zip.write_all(part.bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// Appends `text` escaped for XML content or a quoted attribute, without the characters
/// XML 1.0 does not allow (controls other than tab and line breaks, U+FFFE, U+FFFF): one
/// of them would make the whole file unreadable.
pub(crate) fn push_xml(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// Appends one line of text as OpenDocument paragraph content: XML readers collapse runs
/// of spaces, so the second and later spaces of a run (and a leading one) are written
/// `<text:s/>`, tabs `<text:tab/>`, and line breaks `<text:line-break/>`.
pub(super) fn push_odf_text(out: &mut String, text: &str) {
    let mut spaces = 0usize;
    let mut at_start = true;
    let flush = |out: &mut String, spaces: &mut usize, at_start: bool| {
        if *spaces == 0 {
            return;
        }
        let (plain, marked) = if at_start { (0, *spaces) } else { (1, *spaces - 1) };
        if plain == 1 {
            out.push(' ');
        }
        match marked {
            0 => {}
            1 => out.push_str("<text:s/>"),
            n => {
                let _ = write!(out, "<text:s text:c=\"{n}\"/>");
            }
        }
        *spaces = 0;
    };
    let mut buffer = [0u8; 4];
    for c in text.chars() {
        match c {
            ' ' => spaces += 1,
            '\t' => {
                flush(out, &mut spaces, at_start);
                out.push_str("<text:tab/>");
                at_start = false;
            }
            '\n' => {
                flush(out, &mut spaces, at_start);
                out.push_str("<text:line-break/>");
                at_start = true;
            }
            c => {
                flush(out, &mut spaces, at_start);
                push_xml(out, c.encode_utf8(&mut buffer));
                at_start = false;
            }
        }
    }
    flush(out, &mut spaces, at_start);
}

const ODS_MIME: &str = "application/vnd.oasis.opendocument.spreadsheet";

/// The manifest of an OpenDocument file of type `mime` whose parts are `parts`.
pub(super) fn manifest(mime: &str, parts: &[&str]) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">"#,
    );
    let _ = write!(
        xml,
        r#"<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="{mime}"/>"#
    );
    for part in parts {
        let _ = write!(xml, r#"<manifest:file-entry manifest:full-path="{part}" manifest:media-type="text/xml"/>"#);
    }
    xml.push_str("</manifest:manifest>");
    xml
}

/// The amendment list as an OpenDocument spreadsheet: one sheet, the header in bold,
/// numbers as numbers, decision times as dates, wordings as text with one paragraph per
/// line. Nothing in a cell is ever read as a formula, so nothing needs defusing.
pub(crate) fn sheet_ods(sheet: &Sheet) -> Result<Vec<u8>, OfficeError> {
    let mut xml = String::with_capacity(4096 + sheet.rows.len() * 1024);
    xml.push_str(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" office:version="1.3"><office:automatic-styles><number:date-style style:name="N1"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/><number:text> </number:text><number:hours number:style="long"/><number:text>:</number:text><number:minutes number:style="long"/></number:date-style><style:style style:name="date" style:family="table-cell" style:data-style-name="N1"/><style:style style:name="head" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style><style:style style:name="top" style:family="table-cell"><style:table-cell-properties style:vertical-align="top"/></style:style></office:automatic-styles><office:body><office:spreadsheet><table:table table:name=""#,
    );
    push_xml(&mut xml, &sheet.name);
    let _ = write!(xml, r#""><table:table-column table:number-columns-repeated="{}"/>"#, sheet.header.len());
    xml.push_str("<table:table-row>");
    for label in &sheet.header {
        xml.push_str(r#"<table:table-cell table:style-name="head" office:value-type="string"><text:p>"#);
        push_odf_text(&mut xml, label);
        xml.push_str("</text:p></table:table-cell>");
    }
    xml.push_str("</table:table-row>");
    for row in &sheet.rows {
        xml.push_str("<table:table-row>");
        for cell in row {
            match cell {
                Cell::Number(number) => {
                    let _ = write!(
                        xml,
                        r#"<table:table-cell office:value-type="float" office:value="{number}"><text:p>{number}</text:p></table:table-cell>"#
                    );
                }
                Cell::Time(at) => {
                    let (year, month, day, hour, minute) = paris_civil(*at);
                    let shown = format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}");
                    let _ = write!(
                        xml,
                        r#"<table:table-cell table:style-name="date" office:value-type="date" office:date-value="{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:00"><text:p>{shown}</text:p></table:table-cell>"#
                    );
                }
                Cell::Text(text) => {
                    xml.push_str(r#"<table:table-cell table:style-name="top" office:value-type="string">"#);
                    for line in text.split('\n') {
                        xml.push_str("<text:p>");
                        push_odf_text(&mut xml, line);
                        xml.push_str("</text:p>");
                    }
                    xml.push_str("</table:table-cell>");
                }
                Cell::Empty => xml.push_str("<table:table-cell/>"),
            }
        }
        xml.push_str("</table:table-row>");
    }
    xml.push_str("</table:table></office:spreadsheet></office:body></office:document-content>");
    let manifest = manifest(ODS_MIME, &["content.xml"]);
    archive(
        &[
            Part { path: "mimetype", bytes: ODS_MIME.as_bytes() },
            Part { path: "META-INF/manifest.xml", bytes: manifest.as_bytes() },
            Part { path: "content.xml", bytes: xml.as_bytes() },
        ],
        true,
    )
}

/// A column's letters in a spreadsheet reference: 0 → `A`, 25 → `Z`, 26 → `AA`.
fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.iter().rev().map(|&b| b as char).collect()
}

/// A moment as a spreadsheet date: days since 1899-12-30 in Paris time, the fraction
/// being the time of day.
fn serial_date(at: i64) -> f64 {
    let local = at + paris_offset(at);
    local as f64 / 86_400.0 + 25_569.0
}

const XLSX_SHEET_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

/// The amendment list as an Excel workbook (Office Open XML): one sheet, the header in
/// bold and frozen, numbers as numbers, decision times as dates, text as inline strings,
/// which Excel never evaluates.
pub(crate) fn sheet_xlsx(sheet: &Sheet) -> Result<Vec<u8>, OfficeError> {
    let mut xml = String::with_capacity(4096 + sheet.rows.len() * 1024);
    xml.push_str(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>"#,
    );
    let write_row = |xml: &mut String, number: usize, cells: &mut dyn Iterator<Item = (usize, &Cell)>| {
        let _ = write!(xml, r#"<row r="{number}">"#);
        for (column, cell) in cells {
            let reference = format!("{}{number}", column_letters(column));
            match cell {
                Cell::Number(value) => {
                    let _ = write!(xml, r#"<c r="{reference}"><v>{value}</v></c>"#);
                }
                Cell::Time(at) => {
                    let _ = write!(xml, r#"<c r="{reference}" s="2"><v>{}</v></c>"#, serial_date(*at));
                }
                Cell::Text(text) => {
                    let style = if number == 1 { 1 } else { 3 };
                    let _ = write!(xml, r#"<c r="{reference}" s="{style}" t="inlineStr"><is><t xml:space="preserve">"#);
                    push_xml(xml, text);
                    xml.push_str("</t></is></c>");
                }
                Cell::Empty => {}
            }
        }
        xml.push_str("</row>");
    };
    let header: Vec<Cell> = sheet.header.iter().map(|label| Cell::Text((*label).to_owned())).collect();
    write_row(&mut xml, 1, &mut header.iter().enumerate());
    for (index, row) in sheet.rows.iter().enumerate() {
        write_row(&mut xml, index + 2, &mut row.iter().enumerate());
    }
    xml.push_str("</sheetData></worksheet>");

    let mut workbook = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name=""#,
    );
    // Excel refuses sheet names longer than 31 characters or holding []:*?/\.
    let name: String = sheet.name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
    push_xml(&mut workbook, &name);
    workbook.push_str(r#"" sheetId="1" r:id="rId1"/></sheets></workbook>"#);
    let content_types = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="{XLSX_SHEET_TYPE}"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#
    );
    archive(
        &[
            Part { path: "[Content_Types].xml", bytes: content_types.as_bytes() },
            Part { path: "_rels/.rels", bytes: PACKAGE_RELS_XLSX.as_bytes() },
            Part { path: "xl/workbook.xml", bytes: workbook.as_bytes() },
            Part { path: "xl/_rels/workbook.xml.rels", bytes: WORKBOOK_RELS.as_bytes() },
            Part { path: "xl/styles.xml", bytes: XLSX_STYLES.as_bytes() },
            Part { path: "xl/worksheets/sheet1.xml", bytes: xml.as_bytes() },
        ],
        false,
    )
}

const PACKAGE_RELS_XLSX: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// Cell formats: 0 plain, 1 header (bold), 2 date and time, 3 text wrapped at the top.
const XLSX_STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd hh:mm"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_count_like_spreadsheets() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn odf_text_keeps_every_space() {
        let mut out = String::new();
        push_odf_text(&mut out, "  a  b\tc <d>\u{1}");
        assert_eq!(out, r#"<text:s text:c="2"/>a <text:s/>b<text:tab/>c &lt;d&gt;"#);
    }

    #[test]
    fn dates_are_days_since_1899() {
        // 2026-01-01 00:00 in Paris is 2025-12-31 23:00 UTC.
        assert_eq!(serial_date(1_767_222_000), 46_023.0);
    }
}
