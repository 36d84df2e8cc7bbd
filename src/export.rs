//! Exports: a revision as plain text or Markdown, and a text's amendments as CSV that office
//! software opens as intended (LibreOffice Calc and Excel).

pub mod office;
pub mod pdf;
pub mod printouts;
pub mod tracked;

use unicode_segmentation::UnicodeSegmentation;

use crate::actions::amendments::{AmendmentItem, DecisionRecord};
use crate::domain::kind::{Line, LineKind};
use crate::i18n::{K, Lang, spreadsheet_time, state_name};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text: headings, bullets and quotations as a reader writes them by hand.
    Text,
    /// Markdown: the lines as written, with their markers.
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

/// Runs `build` (the first making of an export: megabytes of transient layout for a book
/// of 3,000 amendments), then hands the memory it freed back to the system. glibc keeps
/// freed small blocks in its arenas, and making every export of the congress text once
/// left the server 40 MiB larger for good; exports are made once per state of a text, so
/// the trim (a few milliseconds) is rare.
pub fn release_after<T>(build: impl FnOnce() -> T) -> T {
    let made = build();
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory to the system; no block in use moves.
    unsafe {
        libc::malloc_trim(0);
    }
    made
}

/// `programme-2027-r12.txt`: the slug and the revision, so downloads never overwrite each other.
pub fn filename(slug: &str, revision: u32, extension: &str) -> String {
    format!("{slug}-r{revision}.{extension}")
}

/// A revision as a file, paragraphs apart by a blank line (the rows of a list or a table
/// follow each other). Markdown keeps each line as written; plain text shows each line's
/// kind without its marker (see [`plain_line`]), with the first two levels of headings
/// underlined.
pub fn revision(lines: &[String], format: Format) -> String {
    let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 2).sum());
    let mut previous: Option<&str> = None;
    for line in lines {
        if let Some(previous) = previous
            && !follows_closely(previous, line)
        {
            out.push('\n');
        }
        match format {
            Format::Markdown => out.push_str(&markdown_line(line)),
            Format::Text => {
                let parsed = Line::parse(line);
                let shown = plain_line(line);
                out.push_str(&shown);
                if let LineKind::Heading { level: level @ (1 | 2) } = parsed.kind {
                    out.push('\n');
                    let width = shown.graphemes(true).count();
                    out.push_str(&(if level == 1 { "=" } else { "-" }).repeat(width));
                }
            }
        }
        out.push('\n');
        previous = Some(line);
    }
    out
}

/// A line as Markdown: as written, except a paragraph that Markdown would read as
/// something else (a heading, a list item, a rule, a quotation, a fence, an HTML block), whose
/// first marker is escaped so that it stays the paragraph the pages show.
pub fn markdown_line(line: &str) -> std::borrow::Cow<'_, str> {
    if Line::parse(line).kind != LineKind::Paragraph || !reads_as_a_block(line) {
        return line.into();
    }
    let content = line.trim_start();
    let indent = &line[..line.len() - content.len()];
    let digits = content.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        // `1.` and `1)` are list markers: escape the punctuation.
        return format!("{indent}{}\\{}", &content[..digits], &content[digits..]).into();
    }
    format!("{indent}\\{content}").into()
}

/// Whether CommonMark would read a paragraph's line as a block of another kind.
fn reads_as_a_block(line: &str) -> bool {
    let content = line.trim_start();
    let Some(first) = content.chars().next() else { return false };
    let rest = &content[first.len_utf8()..];
    let bare_or_spaced = rest.is_empty() || rest.starts_with([' ', '\t']);
    let digits = content.bytes().take_while(u8::is_ascii_digit).count();
    let rule = |marker: char| {
        content.chars().all(|c| c == marker || c == ' ' || c == '\t') && content.matches(marker).count() >= 3
    };
    match first {
        '#' => content.trim_start_matches('#').is_empty() || content.trim_start_matches('#').starts_with([' ', '\t']),
        '>' | '<' => true,
        '-' | '*' | '+' => bare_or_spaced || rule(first),
        '_' => rule('_'),
        '=' => rule('='),
        '`' => content.starts_with("```"),
        '~' => content.starts_with("~~~"),
        '0'..='9' if (1..=9).contains(&digits) => {
            let after = &content[digits..];
            after.starts_with(['.', ')']) && (after.len() == 1 || after[1..].starts_with([' ', '\t']))
        }
        _ => false,
    }
}

/// Lines that follow each other without a blank line: the items of one list, the rows of
/// one table.
fn follows_closely(previous: &str, line: &str) -> bool {
    let list_item = |line: &str| matches!(Line::parse(line).kind, LineKind::ListItem { .. });
    let table_row = |line: &str| line.trim_start().starts_with('|');
    (list_item(previous) && list_item(line)) || (table_row(previous) && table_row(line))
}

/// A line as plain text: a heading's or a paragraph's text, a list item with its bullet or
/// number (indented by its depth), a quotation between quotation marks.
pub fn plain_line(line: &str) -> String {
    let line = Line::parse(line);
    match line.kind {
        LineKind::Paragraph | LineKind::Heading { .. } => line.text.to_owned(),
        LineKind::ListItem { depth, number } => {
            let indent = "  ".repeat(usize::from(depth));
            match number {
                Some(number) => format!("{indent}{number}. {}", line.text),
                None => format!("{indent}• {}", line.text),
            }
        }
        LineKind::Quotation => format!("« {} »", line.text),
    }
}

/// Lines as plain text, one per line, for a spreadsheet cell.
fn plain_lines(lines: &[String]) -> String {
    lines.iter().map(|line| plain_line(line)).collect::<Vec<_>>().join("\n")
}

/// The most characters a spreadsheet cell holds (UTF-16 code units, as Excel and
/// LibreOffice count them).
pub const MAX_CELL: usize = 32_767;

/// One cell of the amendment list, whatever the file.
pub(crate) enum Cell {
    Number(i64),
    /// Text, already cut to what a cell holds.
    Text(String),
    /// A moment, shown in Paris time.
    Time(crate::domain::model::Timestamp),
    Empty,
}

/// The amendment list as every spreadsheet export writes it: the header's labels and one
/// row per amendment.
pub(crate) struct Sheet {
    pub name: String,
    pub header: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

/// Every amendment of a text, one row each: its reference and where it is anchored
/// (paragraphs and printed lines, as numbers), who filed it, its words before and after,
/// and its last decision. Wordings show each line's kind, not its Markdown marker; a cell
/// longer than a spreadsheet cell holds is cut with a visible marker and the amendment's
/// address (`site` is the address the site answers at, as `https://redraft.example`).
pub(crate) fn amendment_sheet(
    lang: Lang,
    items: &[AmendmentItem],
    decisions: &[Option<DecisionRecord>],
    site: &str,
) -> Sheet {
    let header = [
        K::CsvReference,
        K::CsvId,
        K::CsvRevision,
        K::CsvFirstParagraph,
        K::CsvParagraphCount,
        K::CsvFirstPrintedLine,
        K::CsvLastPrintedLine,
        K::CsvState,
        K::CsvAuthor,
        K::CsvSummary,
        K::CsvRationale,
        K::CsvCurrentWording,
        K::CsvProposedWording,
        K::CsvDecidedWording,
        K::CsvDecision,
        K::CsvDecidedBy,
        K::CsvDecidedAt,
        K::CsvDecisionNote,
    ];
    let header = header.iter().map(|key| lang.t(*key)).collect();
    let mut rows = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let amendment = &item.amendment;
        let decision = decisions.get(index).and_then(Option::as_ref);
        let permalink = format!("{site}/amendments/{}", amendment.id);
        let more = lang.f(K::CsvContinued, &[crate::i18n::Arg::text("address", &permalink)]);
        let text = |value: &str| Cell::Text(fit_cell(value, &more).into_owned());
        rows.push(vec![
            text(&amendment.reference),
            Cell::Number(amendment.id),
            Cell::Number(i64::from(amendment.anchor.revision)),
            Cell::Number(i64::from(amendment.anchor.start)),
            Cell::Number(i64::from(amendment.anchor.count)),
            Cell::Number(i64::from(*item.printed.start())),
            Cell::Number(i64::from(*item.printed.end())),
            text(state_name(lang, amendment.state)),
            text(crate::views::components::shown_name(lang, &amendment.author.name)),
            text(&amendment.summary),
            text(&amendment.rationale),
            text(&plain_lines(&item.anchored_lines)),
            text(&plain_lines(&amendment.new_lines)),
            text(&amendment.decided_lines.as_deref().map(plain_lines).unwrap_or_default()),
            text(decision.map_or("", |d| crate::i18n::event_name(lang, d.kind))),
            text(decision.map_or("", |d| d.by.as_str())),
            decision.map_or(Cell::Empty, |d| Cell::Time(d.at)),
            text(decision.map_or("", |d| d.note.as_str())),
        ]);
    }
    Sheet { name: lang.t(K::SheetName).to_owned(), header, rows }
}

/// Every amendment of a text, one row each (see [`amendment_sheet`]), as CSV: UTF-8 with a
/// byte-order mark (so Excel reads the accents), CRLF between rows, text quoted and numbers
/// bare, so that line numbers sort as numbers; only what a spreadsheet would evaluate is
/// defused. The separator is the one the language's spreadsheets expect (its catalogue
/// says): `;` in French, `,` in English.
pub fn amendments_csv(
    lang: Lang,
    items: &[AmendmentItem],
    decisions: &[Option<DecisionRecord>],
    site: &str,
) -> Vec<u8> {
    let sheet = amendment_sheet(lang, items, decisions, site);
    let separator = lang.t(K::CsvSeparator);
    let mut out = String::from("\u{feff}");
    let header: Vec<String> = sheet.header.iter().map(|label| quote(label)).collect();
    out.push_str(&header.join(separator));
    out.push_str("\r\n");
    for row in &sheet.rows {
        let row: Vec<String> = row
            .iter()
            .map(|cell| match cell {
                Cell::Number(number) => number.to_string(),
                Cell::Text(value) => quote(value),
                Cell::Time(at) => quote(&spreadsheet_time(*at)),
                Cell::Empty => quote(""),
            })
            .collect();
        out.push_str(&row.join(separator));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// The files the amendment list downloads as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SheetFormat {
    Csv,
    /// OpenDocument spreadsheet (LibreOffice).
    Ods,
    /// Office Open XML workbook (Excel).
    Xlsx,
}

impl SheetFormat {
    pub fn extension(self) -> &'static str {
        match self {
            SheetFormat::Csv => "csv",
            SheetFormat::Ods => "ods",
            SheetFormat::Xlsx => "xlsx",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            SheetFormat::Csv => "text/csv; charset=utf-8",
            SheetFormat::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            SheetFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// Every amendment of a text, one row each (see [`amendment_sheet`]), as a file of
/// `format`. Errors only if an office archive cannot be assembled.
pub fn amendments_file(
    format: SheetFormat,
    lang: Lang,
    items: &[AmendmentItem],
    decisions: &[Option<DecisionRecord>],
    site: &str,
) -> Result<Vec<u8>, office::OfficeError> {
    match format {
        SheetFormat::Csv => Ok(amendments_csv(lang, items, decisions, site)),
        SheetFormat::Ods => office::sheet_ods(&amendment_sheet(lang, items, decisions, site)),
        SheetFormat::Xlsx => office::sheet_xlsx(&amendment_sheet(lang, items, decisions, site)),
    }
}

/// Quotes one field, doubling quotes, and defuses it when a spreadsheet would evaluate it.
fn quote(field: &str) -> String {
    let defused = if evaluated(field) { format!("'{field}") } else { field.to_owned() };
    format!("\"{}\"", defused.replace('"', "\"\""))
}

/// What a spreadsheet evaluates rather than shows: what starts with `=`, `@`, a tab or a
/// carriage return, and what starts with a sign unless it is a plain number (`-5`, `+3.5`,
/// which are read as the numbers they say). Excel takes "- point" for a formula too, so such
/// text is defused; list items never start so, being exported as their text ("• point").
fn evaluated(field: &str) -> bool {
    let mut chars = field.chars();
    match chars.next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => {
            let rest = chars.as_str();
            let number = !rest.is_empty()
                && rest.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
                && rest.starts_with(|c: char| c.is_ascii_digit());
            !number
        }
        _ => false,
    }
}

/// The field, or as much of it as fits a cell with `more` after it.
fn fit_cell<'a>(field: &'a str, more: &str) -> std::borrow::Cow<'a, str> {
    if field.len() <= MAX_CELL / 3 || field.encode_utf16().count() <= MAX_CELL {
        return std::borrow::Cow::Borrowed(field);
    }
    let room = MAX_CELL.saturating_sub(more.encode_utf16().count() + 2);
    let mut used = 0;
    let mut cut = 0;
    for grapheme in field.graphemes(true) {
        let units = grapheme.encode_utf16().count();
        if used + units > room {
            break;
        }
        used += units;
        cut += grapheme.len();
    }
    std::borrow::Cow::Owned(format!("{} {more}", &field[..cut]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn paragraphs_stay_paragraphs_in_markdown() {
        // Each of these is a paragraph on the page; Markdown would read it as a rule, an
        // empty heading or list item, a quotation, a fence or HTML.
        for (line, written) in [
            ("---", "\\---"),
            ("***", "\\***"),
            ("_ _ _", "\\_ _ _"),
            ("===", "\\==="),
            ("#", "\\#"),
            ("###", "\\###"),
            ("-", "\\-"),
            ("+", "\\+"),
            ("1.", "1\\."),
            ("12)", "12\\)"),
            ("2035.", "2035\\."),
            (">", "\\>"),
            ("<b>gras</b>", "\\<b>gras</b>"),
            ("```rust", "\\```rust"),
        ] {
            assert_eq!(Line::parse(line).kind, LineKind::Paragraph, "{line}");
            assert_eq!(markdown_line(line), written, "{line}");
        }
        // What Markdown reads as a paragraph, and every other kind, is written as it is.
        for line in [
            "#Pas un titre",
            "-5 %",
            "2035 ou 2040.",
            "Un paragraphe.",
            "# Titre",
            "- item",
            "1. Premier",
            "> Citation",
        ] {
            assert_eq!(markdown_line(line), line, "{line}");
        }
    }

    #[test]
    fn text_and_markdown() {
        let body = lines(&["# Titre", "Un paragraphe.", "| a | b |", "| - | - |", "- item", "- autre", "> Dit-il."]);
        assert_eq!(
            revision(&body, Format::Text),
            "Titre\n=====\n\nUn paragraphe.\n\n| a | b |\n| - | - |\n\n• item\n• autre\n\n« Dit-il. »\n"
        );
        assert_eq!(
            revision(&body, Format::Markdown),
            "# Titre\n\nUn paragraphe.\n\n| a | b |\n| - | - |\n\n- item\n- autre\n\n> Dit-il.\n"
        );
        assert_eq!(revision(&[], Format::Text), "");
        assert_eq!(plain_line("  2. Second"), "  2. Second");
        assert_eq!(plain_line("### Proposition 1"), "Proposition 1");
    }

    #[test]
    fn csv_fields_are_quoted_and_only_formulas_defused() {
        assert_eq!(quote("a \"b\""), "\"a \"\"b\"\"\"");
        assert_eq!(quote("=SUM(A1)"), "\"'=SUM(A1)\"");
        assert_eq!(quote("+A1*2"), "\"'+A1*2\"");
        assert_eq!(quote("-2+3"), "\"'-2+3\"");
        assert_eq!(quote("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(quote("- un tiret"), "\"'- un tiret\"");
        // Numbers are what they say; text and list items as text are left alone.
        assert_eq!(quote("-5"), "\"-5\"");
        assert_eq!(quote("+3.5"), "\"+3.5\"");
        assert_eq!(quote("• Porter le SMIC"), "\"• Porter le SMIC\"");
        assert_eq!(quote("ligne 1\nligne 2"), "\"ligne 1\nligne 2\"");
    }

    #[test]
    fn long_cells_are_cut_with_a_visible_marker() {
        let long = "é".repeat(40_000);
        let cell = fit_cell(&long, "[…] https://exemple.org/amendments/7");
        assert!(cell.encode_utf16().count() <= MAX_CELL);
        assert!(cell.ends_with("[…] https://exemple.org/amendments/7"));
        assert_eq!(fit_cell("court", "[…]"), "court");
    }
}
