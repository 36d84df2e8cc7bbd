//! Exports: a revision as plain text or Markdown, and a text's amendments as CSV that opens
//! cleanly in LibreOffice Calc and Excel.

use crate::actions::amendments::AmendmentItem;
use crate::i18n::{K, Lang, state_name};
use crate::views::components::anchor_label;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Text => "text/plain; charset=utf-8",
            Format::Markdown => "text/markdown; charset=utf-8",
        }
    }
}

/// `programme-2027-r12.txt`: the slug and the revision, so downloads never overwrite each other.
pub fn filename(slug: &str, revision: u32, extension: &str) -> String {
    format!("{slug}-r{revision}.{extension}")
}

/// A revision as a file: plain text is its lines, one per line; Markdown puts back the
/// blank lines that separate paragraphs, except between the rows of a table, which a blank
/// line would break.
pub fn revision(lines: &[String], format: Format) -> String {
    let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 2).sum());
    for (index, line) in lines.iter().enumerate() {
        if index > 0 && format == Format::Markdown {
            let in_table = is_table_row(&lines[index - 1]) && is_table_row(line);
            if !in_table {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn is_table_row(line: &str) -> bool {
    line.trim_start().starts_with('|')
}

/// Every amendment of a text, one row each, as CSV: UTF-8 with a byte-order mark (so
/// Excel reads the accents), every field quoted, CRLF between rows, and fields that a
/// spreadsheet would take for a formula defused with a leading apostrophe. The separator
/// is the one the language's spreadsheets expect (its catalogue says): `;` in French, `,` in English.
pub fn amendments_csv(lang: Lang, items: &[AmendmentItem]) -> Vec<u8> {
    let separator = lang.t(K::CsvSeparator);
    let mut out = String::from("\u{feff}");
    let header = [
        K::CsvReference,
        K::CsvId,
        K::CsvRevision,
        K::CsvParagraphs,
        K::CsvState,
        K::CsvAuthor,
        K::CsvSummary,
        K::CsvRationale,
        K::CsvCurrentWording,
        K::CsvProposedWording,
        K::CsvDecidedWording,
    ];
    let header: Vec<String> = header.iter().map(|key| quote(lang.t(*key))).collect();
    out.push_str(&header.join(separator));
    out.push_str("\r\n");
    for item in items {
        let amendment = &item.amendment;
        let row = [
            amendment.reference.clone(),
            amendment.id.to_string(),
            amendment.anchor.revision.to_string(),
            anchor_label(lang, amendment.anchor),
            state_name(lang, amendment.state).to_owned(),
            amendment.author.name.clone(),
            amendment.summary.clone(),
            amendment.rationale.clone(),
            item.anchored_lines.join("\n"),
            amendment.new_lines.join("\n"),
            amendment.decided_lines.as_ref().map(|lines| lines.join("\n")).unwrap_or_default(),
        ];
        let row: Vec<String> = row.iter().map(|field| quote(field)).collect();
        out.push_str(&row.join(separator));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// Quotes one field, doubling quotes, and neutralises formula injection: a field starting
/// with `=`, `+`, `-`, `@`, a tab or a carriage return would run as a formula.
fn quote(field: &str) -> String {
    let defused =
        if field.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{field}") } else { field.to_owned() };
    format!("\"{}\"", defused.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn text_and_markdown() {
        let body = lines(&["# Titre", "Un paragraphe.", "| a | b |", "| - | - |", "- item"]);
        assert_eq!(revision(&body, Format::Text), "# Titre\nUn paragraphe.\n| a | b |\n| - | - |\n- item\n");
        assert_eq!(revision(&body, Format::Markdown), "# Titre\n\nUn paragraphe.\n\n| a | b |\n| - | - |\n\n- item\n");
        assert_eq!(revision(&[], Format::Text), "");
    }

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(quote("a \"b\""), "\"a \"\"b\"\"\"");
        assert_eq!(quote("=SUM(A1)"), "\"'=SUM(A1)\"");
        assert_eq!(quote("- item"), "\"'- item\"");
        assert_eq!(quote("ligne 1\nligne 2"), "\"ligne 1\nligne 2\"");
    }
}
