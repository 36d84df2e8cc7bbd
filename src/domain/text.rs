//! Text normalisation (DESIGN rule 1), the one place every text input goes through, from
//! pages, the API and the command line alike: bodies, proposed and accepted lines, titles,
//! summaries, rationales, notes and names.
//!
//! What a reader cannot see does not count: the same text pasted from another system, typed
//! on a phone or copied from a word processor gives the same lines. Concretely:
//! - characters are put in Unicode NFC (a decomposed "é" equals the precomposed one);
//! - invisible formatting characters that carry nothing for a reader (byte-order marks, zero
//!   width spaces, soft hyphens, bidirectional embeddings and overrides…) are dropped, while
//!   those that shape what is seen stay (the joiners of emoji sequences and of scripts such
//!   as Persian or Devanagari, the directional marks, emoji tag sequences);
//! - every mandatory break (LF, CRLF, CR, the vertical tab a word processor writes for a
//!   manual line break, form feed, NEL, the Unicode line and paragraph separators) ends a line;
//! - a line is a paragraph: white space at its end is dropped, and so is white space at its
//!   start except the indentation of a list item (which nests it); a line that shows nothing
//!   is dropped;
//! - the bullets and numbers of pasted lists become list items (`- `, `1. `), and the space
//!   after a heading's or quotation's marker is one space.
//!
//! Normalising twice changes nothing.

use unicode_normalization::UnicodeNormalization;

use crate::domain::bytes::find_byte;

/// The lines of a revision or of an amendment's proposal.
pub type Lines = Vec<String>;

/// Normalises a body into its lines. An empty body has zero lines.
pub fn normalise(body: &str) -> Lines {
    let cleaned = visible_text(body);
    split_at_breaks(&cleaned).filter_map(normalise_line).collect()
}

/// Normalises the lines of an amendment's proposal or an accepted wording, given as
/// separate lines or as one body: a line holding breaks becomes several, blank ones go.
pub fn normalise_lines<S: AsRef<str>>(lines: &[S]) -> Lines {
    lines.iter().flat_map(|line| normalise(line.as_ref())).collect()
}

/// A body as typed in a form, cut at its breaks but otherwise as sent, to be given where
/// separate lines are expected (the bounds of [`crate::domain::limits`] apply to each).
pub fn typed_lines(body: &str) -> Vec<&str> {
    split_at_breaks(body).collect()
}

/// A one-line field (title, summary, name, login, slug): the characters as [`normalise`]
/// keeps them, any break read as a space (a title pasted over two lines is one title), and
/// no white space at either end.
pub fn one_line(value: &str) -> String {
    let cleaned = visible_text(value);
    let joined: String = cleaned.chars().map(|c| if is_break(c) { ' ' } else { c }).collect();
    joined.trim_matches(char::is_whitespace).to_owned()
}

/// Free text over several lines (rationale, note): the characters as [`normalise`] keeps
/// them, lines ended by `\n`, each without trailing white space, no more than one empty
/// line between paragraphs, and none at either end.
pub fn prose(value: &str) -> String {
    let cleaned = visible_text(value);
    let mut out = String::with_capacity(cleaned.len());
    let mut pending_blank = false;
    for line in split_at_breaks(&cleaned) {
        let line = line.trim_end_matches(char::is_whitespace);
        if is_blank(line) {
            pending_blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if pending_blank { "\n\n" } else { "\n" });
        }
        pending_blank = false;
        out.push_str(line);
    }
    out
}

/// Whether a line shows nothing: it is empty, or holds only white space and characters
/// that render nothing by themselves (joiners, variation selectors, fillers).
pub fn is_blank(line: &str) -> bool {
    line.chars().all(|c| c.is_whitespace() || renders_nothing(c))
}

/// Whether two lists of lines read the same: equal once each line is taken as a reader
/// sees it ([`as_seen`]). What counts as "changes nothing" (rule 1, rule 3).
pub fn read_the_same<A: AsRef<str>, B: AsRef<str>>(a: &[A], b: &[B]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(a, b)| {
            let (a, b) = (a.as_ref(), b.as_ref());
            a == b || as_seen(a) == as_seen(b)
        })
}

/// A normalised line as a reader sees it, to compare lines by: the characters that show
/// nothing left out (directional marks, variation selectors after a letter, fillers, the
/// grapheme joiner…; the joiners that shape emoji and scripts stay). White space stays
/// what it is: a no-break space before a colon and two spaces after a full stop are
/// typography that drafters correct, and the exports keep them.
pub fn as_seen(line: &str) -> std::borrow::Cow<'_, str> {
    let mut previous = None;
    let hidden = line.char_indices().find(|&(_, c)| {
        let hidden = shows_nothing_after(c, previous);
        previous = Some(c);
        hidden
    });
    let Some((first, _)) = hidden else { return line.into() };
    let mut seen = String::with_capacity(line.len());
    seen.push_str(&line[..first]);
    let mut previous = line[..first].chars().next_back();
    for c in line[first..].chars() {
        if shows_nothing_after(c, previous) {
            continue;
        }
        seen.push(c);
        previous = Some(c);
    }
    seen.into()
}

/// Whether `c`, after `previous`, changes nothing a reader sees: the characters that render
/// nothing, except the joiners (emoji sequences, Persian and Indic scripts), a variation
/// selector after a symbol or an ideograph (emoji and text presentation, glyph variants),
/// a Mongolian variation selector after a Mongolian letter and the tags of an emoji flag.
fn shows_nothing_after(c: char, previous: Option<char>) -> bool {
    if !renders_nothing(c) || matches!(c, '\u{200C}' | '\u{200D}') {
        return false;
    }
    match c {
        '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' => previous.is_none_or(is_plain_letter),
        '\u{180B}'..='\u{180D}' | '\u{180F}' => !matches!(previous, Some('\u{1800}'..='\u{18AF}')),
        '\u{E0020}'..='\u{E007F}' => !matches!(previous, Some('\u{1F3F4}' | '\u{E0020}'..='\u{E007E}')),
        _ => true,
    }
}

/// A letter of an alphabet or abjad (before the CJK blocks), which no variation selector
/// changes.
fn is_plain_letter(c: char) -> bool {
    c.is_alphabetic() && (c as u32) < 0x2E80
}

/// The body of some lines, as stored and exported: lines joined by `\n`, no final newline.
pub fn join(lines: &[String]) -> String {
    lines.join("\n")
}

/// Splits a stored body back into lines; the inverse of [`join`] for normalised lines.
pub fn split(body: &str) -> Lines {
    if body.is_empty() { Vec::new() } else { body.split('\n').map(str::to_owned).collect() }
}

/// Characters that end a line wherever they appear: Unicode's mandatory breaks (UAX #14
/// classes BK, CR, LF and NL). Word processors copy a manual line break as a vertical tab.
pub fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// The pieces of `text` between its breaks ([`is_break`]), as `text.split(is_break)` gives
/// them, found a block of bytes at a time: a revision of 450 KB is split without decoding a
/// character.
fn split_at_breaks(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut at = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        loop {
            // In UTF-8 a break's first byte starts a character: it is never inside another.
            at = find_byte(bytes, at, |byte| (byte.wrapping_sub(b'\n') < 4) | (byte == 0xC2) | (byte == 0xE2));
            let Some(&byte) = bytes.get(at) else { break };
            let width = match byte {
                b'\n' | b'\r' | 0x0B | 0x0C => 1,
                0xC2 if bytes.get(at + 1) == Some(&0x85) => 2,
                0xE2 if bytes.get(at + 1) == Some(&0x80) && matches!(bytes.get(at + 2), Some(0xA8 | 0xA9)) => 3,
                _ => {
                    at += 1;
                    continue;
                }
            };
            let piece = &text[start..at];
            at += width;
            start = at;
            return Some(piece);
        }
        done = true;
        Some(&text[start..])
    })
}

/// The text with the invisible formatting characters that carry nothing dropped, CRLF
/// read as LF, in NFC.
fn visible_text(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut kept = String::with_capacity(value.len());
    let mut previous: Option<char> = None;
    // Text made of characters that are in NFC and combine with nothing before them (French
    // typography, for one) needs no check of its normal form.
    let mut composed = true;
    // Kept characters are copied a run at a time, up to each one dropped. Only CR, the
    // first byte of U+0080..U+00BF (the soft hyphen) and those of U+0300 and above need a
    // look: the bytes in between are passed over many at a time.
    let mut run = 0;
    let mut at = 0;
    loop {
        let next = find_byte(bytes, at, |byte| (byte == b'\r') | (byte == 0xC2) | (byte >= 0xCC));
        if next > at {
            // Only a black flag or a tag keeps the tag after it, and both are beyond U+0300.
            previous = None;
        }
        at = next;
        // Every byte found starts a character: a continuation byte is below 0xC0.
        let Some(c) = value.get(at..).and_then(|rest| rest.chars().next()) else { break };
        let width = c.len_utf8();
        // CRLF is one break, not a break and an empty line.
        if c == '\r' && bytes.get(at + 1) == Some(&b'\n') {
            kept.push_str(&value[run..at]);
            run = at + 1;
        } else if is_dropped_format(c, previous) {
            kept.push_str(&value[run..at]);
            run = at + width;
        } else {
            composed &= is_composed_starter(c);
            previous = Some(c);
        }
        at += width;
    }
    kept.push_str(&value[run..]);
    // NFC after dropping, so that a letter and its accent that a dropped character kept
    // apart compose as a reader sees them.
    if composed || unicode_normalization::is_nfc_quick(kept.chars()) == unicode_normalization::IsNormalized::Yes {
        kept
    } else {
        kept.nfc().collect()
    }
}

/// Whether `c` is in NFC alone and combines with nothing before it, for the characters
/// French typography uses: below U+0300 (Latin letters with their accents, `«»°`), the
/// general punctuation (`’–—…‰`) and the currency signs (`€`). Characters that compose
/// with one before them (accents, Hangul vowels) and those NFC replaces are none of these.
fn is_composed_starter(c: char) -> bool {
    matches!(c, '\0'..='\u{2FF}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{20A0}'..='\u{20C0}')
}

/// Whether `c`, coming after `previous`, is a formatting character (Unicode category Cf)
/// that carries nothing for a reader of a paragraph. Kept are those that change what is
/// seen: the zero-width joiner and non-joiner (emoji sequences, Indic and Persian script),
/// the directional marks, the signs that Arabic, Syriac, Kaithi and other scripts write
/// before numbers, the format controls of Egyptian hieroglyphs, Duployan and Mongolian, and
/// tag characters inside an emoji tag sequence (the flags of Scotland or Wales).
fn is_dropped_format(c: char, previous: Option<char>) -> bool {
    if c < '\u{AD}' {
        return false;
    }
    match c {
        // Soft hyphen, zero-width space, bidirectional embeddings and overrides (which can
        // show text in another order than it is stored), word joiner and invisible
        // operators, bidirectional isolates and deprecated format characters, byte-order
        // mark (zero-width no-break space), interlinear annotations, musical format
        // characters, language tag.
        '\u{AD}'
        | '\u{200B}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}' => true,
        // Tags only mean something after a black flag or another tag.
        '\u{E0020}'..='\u{E007F}' => !matches!(previous, Some('\u{1F3F4}' | '\u{E0020}'..='\u{E007E}')),
        _ => false,
    }
}

/// Characters that show nothing on their own (Unicode's default-ignorable code points,
/// which a line holding nothing else is blank with, and the blank Braille pattern).
fn renders_nothing(c: char) -> bool {
    if c < '\u{AD}' {
        return false;
    }
    matches!(
        c,
        '\u{AD}'
            | '\u{34F}'
            | '\u{61C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{2800}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// One line of a body (already cut at breaks and cleaned): trimmed, its list marker made
/// canonical, or `None` when it shows nothing.
fn normalise_line(line: &str) -> Option<String> {
    let line = line.trim_end_matches(char::is_whitespace);
    if is_blank(line) {
        return None;
    }
    let content = line.trim_start_matches(char::is_whitespace);
    let indent = &line[..line.len() - content.len()];
    if let Some((marker, rest)) = list_marker(content) {
        // Indentation nests a list item: kept, with tabs as the two spaces Markdown reads.
        let mut out = String::with_capacity(line.len() + 2);
        for c in indent.chars() {
            out.push_str(if c == '\t' { "  " } else { " " });
        }
        out.push_str(&marker);
        out.push_str(rest);
        return Some(out);
    }
    Some(match spaced_marker(content) {
        Some((marker, rest)) => format!("{marker} {rest}"),
        None => content.to_owned(),
    })
}

/// The canonical marker of a list item and the item's text, when `content` starts with a
/// bullet or a number followed by white space: `- ` for bullets (Markdown's `-`, `*`, `+`
/// and the bullets and dashes word processors paste), `N. ` for numbers (`N.` or `N)`).
fn list_marker(content: &str) -> Option<(String, &str)> {
    let mut chars = content.char_indices();
    let (_, first) = chars.next()?;
    let after_first = first.len_utf8();
    // Markdown's bullets, the dashes and minus signs typed for one: a space must follow
    // (`-5 %` and `–`-led clauses are text).
    let spaced_bullet = matches!(first, '-' | '*' | '+' | '–' | '—' | '−' | '‐' | '‒' | '·' | '∙');
    // Glyphs that are only ever bullets, as word processors paste them: one is a bullet
    // even glued to its text (`•Texte`).
    let glyph_bullet = matches!(
        first,
        '•' | '◦'
            | '▪'
            | '▫'
            | '●'
            | '○'
            | '■'
            | '□'
            | '◆'
            | '◇'
            | '❖'
            | '‣'
            | '⁃'
            | '➢'
            | '➤'
            | '►'
            | '▸'
            | '▹'
            | '✓'
            | '✔'
            | '\u{F0A7}'
            | '\u{F0B7}'
            | '\u{F0D8}'
            | '\u{F076}'
            | '\u{F0FC}'
    );
    if spaced_bullet || glyph_bullet {
        let after = &content[after_first..];
        let rest = after.trim_start_matches(is_inline_space);
        if rest.len() == after.len() && !(glyph_bullet && rest.starts_with(char::is_alphanumeric)) {
            return None;
        }
        return Some(("- ".to_owned(), rest));
    }
    // Word's second- and third-level bullets, pasted as plain text: a letter o or a section
    // sign (from the Courier New and Wingdings glyphs), then a tab.
    if matches!(first, 'o' | '§') {
        let rest = content[after_first..].strip_prefix('\t')?;
        return Some(("- ".to_owned(), rest.trim_start_matches(is_inline_space)));
    }
    let digits = content.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let after = content[digits..].strip_prefix(['.', ')'])?;
        let rest = after.trim_start_matches(is_inline_space);
        if rest.len() == after.len() {
            return None;
        }
        return Some((format!("{}. ", &content[..digits]), rest));
    }
    None
}

/// White space within a line: the space, the tab, and every other space separator (the
/// no-break spaces of French typography, the thin and ideographic spaces…).
fn is_inline_space(c: char) -> bool {
    c.is_whitespace() && !is_break(c)
}

/// A heading's or quotation's marker and the text after the white space that follows it.
fn spaced_marker(content: &str) -> Option<(&str, &str)> {
    let hashes = content.bytes().take_while(|b| *b == b'#').count();
    let marker_len = if (1..=6).contains(&hashes) {
        hashes
    } else if content.starts_with('>') {
        1
    } else {
        return None;
    };
    let after = &content[marker_len..];
    let rest = after.trim_start_matches(is_inline_space);
    if rest.len() == after.len() || rest.is_empty() {
        return None;
    }
    Some((&content[..marker_len], rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lines(items: &[&str]) -> Lines {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn line_ends_and_blank_lines() {
        assert_eq!(normalise("a\r\nb\rc\n\n  \t\nd\n"), lines(&["a", "b", "c", "d"]));
        assert_eq!(normalise(""), Lines::new());
        assert_eq!(normalise("\n\r\n \n"), Lines::new());
        // Every mandatory break ends a line: the vertical tab of a manual line break pasted
        // from a word processor, form feed, NEL, and the Unicode separators.
        assert_eq!(normalise("a\u{0B}b\u{0C}c\u{85}d\u{2028}e\u{2029}f"), lines(&["a", "b", "c", "d", "e", "f"]));
    }

    #[test]
    fn a_byte_order_mark_is_dropped_so_a_heading_stays_a_heading() {
        assert_eq!(normalise("\u{FEFF}# Programme\nTexte"), lines(&["# Programme", "Texte"]));
    }

    #[test]
    fn decomposed_and_precomposed_accents_are_the_same_text() {
        assert_eq!(normalise("e\u{301}te\u{301}"), normalise("été"));
        assert_eq!(normalise("e\u{301}te\u{301}"), lines(&["été"]));
        // A dropped character between a letter and its accent does not keep them apart.
        assert_eq!(normalise("e\u{200B}\u{301}"), lines(&["é"]));
        // U+0300, the first combining mark, is where text stops being composed as it comes.
        assert_eq!(normalise("au colle\u{300}ge"), lines(&["au collège"]));
    }

    #[test]
    fn invisible_characters_that_carry_nothing_are_dropped_and_those_that_shape_text_stay() {
        assert_eq!(normalise("ré\u{AD}for\u{200B}me\u{2060}s"), lines(&["réformes"]));
        assert_eq!(normalise("\u{202E}abc\u{202C}"), lines(&["abc"]));
        // A family emoji is three people joined; a Persian word needs its non-joiner.
        let family = "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        assert_eq!(normalise(family), lines(&[family]));
        assert_eq!(normalise("می\u{200C}خواهم"), lines(&["می\u{200C}خواهم"]));
        // The flag of Scotland: a black flag and tags; tags alone mean nothing.
        let scotland = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
        assert_eq!(normalise(scotland), lines(&[scotland]));
        assert_eq!(normalise("a\u{E0067}b"), lines(&["ab"]));
    }

    #[test]
    fn lines_that_show_nothing_are_dropped() {
        assert_eq!(normalise("a\n\u{200D}\n\u{FEFF}\n\u{3164}\u{a0}\n\u{2800}\nb"), lines(&["a", "b"]));
    }

    #[test]
    fn white_space_around_a_paragraph_is_dropped_but_a_list_item_keeps_its_indentation() {
        assert_eq!(normalise("  Un paragraphe.  \n\tSuite\u{a0}"), lines(&["Un paragraphe.", "Suite"]));
        assert_eq!(normalise("- item\n  - sous-item\n\t- encore"), lines(&["- item", "  - sous-item", "  - encore"]));
    }

    #[test]
    fn pasted_lists_become_list_items() {
        let pasted =
            "•\tPorter le SMIC\n–  Réduire\n\u{F0B7}\tGratuité\no\tSous-point\n* étoile\n1)\tPremier\n2.  Second";
        assert_eq!(
            normalise(pasted),
            lines(&[
                "- Porter le SMIC",
                "- Réduire",
                "- Gratuité",
                "- Sous-point",
                "- étoile",
                "1. Premier",
                "2. Second"
            ])
        );
        // Not list items: no space after the marker, a word starting with o, a year.
        assert_eq!(normalise("-5 %\noui\t!\n*gras*"), lines(&["-5 %", "oui\t!", "*gras*"]));
        // Any space after a marker (word processors put a no-break one), the dashes and
        // check marks typed for bullets, and glyphs that are only bullets even glued on.
        assert_eq!(
            normalise("-\u{a0}Taxer\n−\u{2009}Moins\n✓ Fait\n•Collé\n▪\u{202f}Carré\n#\u{a0}Titre\n3.\u{a0}Trois"),
            lines(&["- Taxer", "- Moins", "- Fait", "- Collé", "- Carré", "# Titre", "3. Trois"])
        );
        assert_eq!(normalise("−5 %\n•(a)\n–réponse"), lines(&["−5 %", "•(a)", "–réponse"]));
    }

    #[test]
    fn lines_read_the_same_when_only_what_shows_nothing_differs() {
        let line = "- Taxer les contrats courts dans les secteurs qui en abusent.";
        for lookalike in [
            "- Taxer les contrats courts dans les secteurs qui en abusent.\u{200E}",
            "- Taxer les contrats\u{200F} courts dans les secteurs qui en abusent.",
            "- Taxer\u{61C} les contrats courts dans les secteurs qui en abusent.",
            "- Taxe\u{34F}r les contrats courts dans les secteurs qui en abusent.",
            "- Taxer\u{FE0F} les contrats courts dans les secteurs qui en abusent.",
            "- Taxer les\u{115F} contrats\u{1160} courts\u{3164} dans\u{FFA0} les\u{17B4} secteurs qui en abusent.",
            "- Taxer les contrats\u{180B} courts\u{180E} dans les secteurs qui en abusent.",
        ] {
            assert!(read_the_same(&[line], &[lookalike]), "{lookalike:?}");
        }
        // What shows: another word, another indentation (it nests the item), typography, an
        // emoji's presentation, the joiners of emoji and scripts, a Mongolian glyph variant.
        for different in [
            "- Taxer les contrats longs.",
            "  - Taxer les contrats courts dans les secteurs qui en abusent.",
            "- Taxer les contrats courts dans les secteurs qui en abusent\u{a0}.",
            "- Taxer les contrats courts.  Dans les secteurs qui en abusent.",
        ] {
            assert!(!read_the_same(&[line], &[different]), "{different:?}");
        }
        assert!(!read_the_same(&["\u{2764}"], &["\u{2764}\u{FE0F}"]));
        assert!(!read_the_same(&["\u{1F469}\u{1F467}"], &["\u{1F469}\u{200D}\u{1F467}"]));
        assert!(!read_the_same(&["میخواهم"], &["می\u{200C}خواهم"]));
        assert!(!read_the_same(&["\u{1820}"], &["\u{1820}\u{180B}"]));
        assert!(!read_the_same(&["a", "b"], &["a"]));
    }

    #[test]
    fn headings_and_quotations_take_one_space_after_their_marker() {
        assert_eq!(
            normalise("##\tTitre\n>   Citation\n#Pas un titre"),
            lines(&["## Titre", "> Citation", "#Pas un titre"])
        );
    }

    #[test]
    fn a_typed_body_is_cut_at_its_breaks_and_nothing_else() {
        assert_eq!(typed_lines(" a \u{2028}b\u{FEFF}\n\nc"), [" a ", "b\u{FEFF}", "", "c"]);
        assert_eq!(typed_lines(""), [""]);
    }

    #[test]
    fn what_renders_nothing_shows_nothing_and_what_shapes_text_shows() {
        assert!(is_blank("\u{AD} \u{200B}\u{2060}\u{FE0F}"));
        assert!(!is_blank("\u{AC}"));
        assert_eq!(as_seen("ré\u{AD}formes\u{200E}"), "réformes");
        // The tags of a flag are the flag: without them it is a black flag.
        let scotland = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
        assert_eq!(as_seen(scotland), scotland);
        assert!(!read_the_same(&[scotland], &["\u{1F3F4}"]));
        assert_eq!(as_seen("a\u{E0067}b"), "ab");
    }

    #[test]
    fn proposals_given_as_one_body_or_as_lines() {
        assert_eq!(normalise_lines(&["a\nb", "", "c"]), lines(&["a", "b", "c"]));
    }

    #[test]
    fn fields() {
        assert_eq!(one_line("\u{FEFF} Programme\r\nrouge "), "Programme rouge");
        assert_eq!(one_line("Cafe\u{301}"), "Café");
        assert_eq!(prose("a  \r\n\r\n\r\n b\u{0B}c\n"), "a\n\n b\nc");
        assert_eq!(prose(" \n "), "");
    }

    /// Characters a reader cannot see, in the places they can hide.
    fn invisible() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec!["\u{AD}", "\u{200B}", "\u{2060}", "\u{FEFF}", "\u{202A}", "\u{2066}", "\u{2069}"])
    }

    fn line_break() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec!["\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"])
    }

    /// A visible line: words of letters (some accented, some emoji), list and heading markers.
    fn visible_line() -> impl Strategy<Value = String> {
        let word = prop::sample::select(vec![
            "été",
            "Élection",
            "naïve",
            "garçon",
            "œuvre",
            "ça",
            "paix",
            "2035",
            "%",
            "«",
            "»",
            "\u{1F1EB}\u{1F1F7}",
            "\u{1F44D}\u{1F3FD}",
            "ق",
            "שלום",
            "d’un",
            "l'État",
        ]);
        let prefix = prop::sample::select(vec!["", "- ", "# ", "> ", "1. ", "  - "]);
        (prefix, prop::collection::vec(word, 1..6)).prop_map(|(prefix, words)| format!("{prefix}{}", words.join(" ")))
    }

    /// A body and another that a reader cannot tell from it: decomposed accents, invisible
    /// characters, other line breaks, blank lines, a byte-order mark, trailing white space.
    fn body_and_lookalike() -> impl Strategy<Value = (String, String)> {
        prop::collection::vec((visible_line(), invisible(), line_break(), any::<bool>(), 0usize..3), 0..6)
            .prop_flat_map(|lines| {
                let body = lines.iter().map(|(line, ..)| line.as_str()).collect::<Vec<_>>().join("\n");
                let mut lookalike = String::new();
                for (index, (line, hidden, ending, decompose, blanks)) in lines.iter().enumerate() {
                    let shown: String = if *decompose {
                        use unicode_normalization::UnicodeNormalization;
                        line.nfd().collect()
                    } else {
                        line.clone()
                    };
                    // Hide the character after the line's first character, where it splits nothing.
                    let cut = shown.char_indices().nth(1).map_or(shown.len(), |(at, _)| at);
                    lookalike.push_str(&shown[..cut]);
                    lookalike.push_str(hidden);
                    lookalike.push_str(&shown[cut..]);
                    lookalike.push_str(&" ".repeat(*blanks));
                    if index + 1 < lines.len() {
                        lookalike.push_str(ending);
                        lookalike.push_str(&ending.repeat(*blanks));
                    }
                }
                Just((body, format!("\u{FEFF}{lookalike}")))
            })
    }

    #[test]
    fn every_character_taken_as_a_composed_starter_is_one() {
        use unicode_normalization::char::canonical_combining_class;
        for c in ('\0'..=char::MAX).filter(|&c| is_composed_starter(c)) {
            let alone = unicode_normalization::is_nfc_quick(std::iter::once(c));
            assert_eq!(alone, unicode_normalization::IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
        // And the first that is not one is where the shortcut stops.
        assert!(!is_composed_starter('\u{300}'));
        assert_ne!(canonical_combining_class('\u{300}'), 0);
        assert_eq!(visible_text("e\u{301}te\u{301}"), "été");
    }

    /// What `visible_text` does, one character at a time and without shortcuts.
    fn visible_text_char_by_char(value: &str) -> String {
        let mut kept = String::new();
        let mut previous = None;
        let mut chars = value.chars().peekable();
        while let Some(c) = chars.next() {
            if (c == '\r' && chars.peek() == Some(&'\n')) || is_dropped_format(c, previous) {
                continue;
            }
            kept.push(c);
            previous = Some(c);
        }
        kept.nfc().collect()
    }

    proptest! {
        #[test]
        fn visible_text_skips_blocks_as_a_char_by_char_reading_would_not(
            text in "([a-z é’«»\r\n]|\u{AD}|\u{200B}|\u{1F3F4}|\u{E0067}|\u{E007F}|\u{301}|\u{C2}|\u{2028}|\u{1100}\u{1161}){0,120}"
        ) {
            prop_assert_eq!(visible_text(&text), visible_text_char_by_char(&text));
        }

        #[test]
        fn breaks_are_found_byte_by_byte_as_char_by_char(
            text in "([a-zé€\u{2027}\u{2030}\u{C2}\u{E2}\u{80}\u{A8}\u{84}\u{86}]|[\n\r\u{B}\u{C}\u{85}\u{2028}\u{2029}]){0,40}"
        ) {
            let by_bytes: Vec<&str> = split_at_breaks(&text).collect();
            let by_chars: Vec<&str> = text.split(is_break).collect();
            prop_assert_eq!(by_bytes, by_chars);
        }

        #[test]
        fn normalising_twice_changes_nothing(body in "[a-cé\u{301}\u{200B}\u{FEFF}\u{200D} \t\r\n\u{0B}•*#>1).-]{0,40}") {
            let once = normalise(&body);
            prop_assert_eq!(normalise(&join(&once)), once.clone());
            prop_assert_eq!(split(&join(&once)), once.clone());
            for line in &once {
                prop_assert_eq!(one_line(line), line.trim_start().to_owned());
                prop_assert_eq!(prose(line), line.clone());
            }
            let field = prose(&body);
            prop_assert_eq!(prose(&field), field.clone());
            let title = one_line(&body);
            prop_assert_eq!(one_line(&title), title);
        }

        #[test]
        fn texts_a_reader_cannot_tell_apart_give_the_same_lines((body, lookalike) in body_and_lookalike()) {
            prop_assert_eq!(normalise(&lookalike), normalise(&body));
        }

        #[test]
        fn lines_that_differ_only_by_what_shows_nothing_read_the_same(
            words in prop::collection::vec("[a-zé]{1,6}", 1..6),
            hidden in prop::collection::vec(prop::sample::select(vec![
                "", "\u{200E}", "\u{200F}", "\u{61C}", "\u{34F}", "\u{FE0F}", "\u{115F}", "\u{3164}", "\u{180E}",
            ]), 6),
        ) {
            // Built word by word, independently of the code checked: the plain line joins
            // the words with one space; the lookalike hides characters after each word.
            let plain = words.join(" ");
            let mut lookalike = String::new();
            for (index, word) in words.iter().enumerate() {
                if index > 0 {
                    lookalike.push(' ');
                }
                lookalike.push_str(word);
                lookalike.push_str(hidden[index]);
            }
            let lookalike = normalise(&lookalike);
            prop_assert!(read_the_same(&[plain.as_str()], &lookalike), "{:?} and {:?}", plain, lookalike);
        }

        #[test]
        fn normalised_lines_hold_no_break_and_show_something(body in "\\PC{0,30}[\r\n\u{0B}\u{2028}]{0,2}\\PC{0,30}") {
            for line in normalise(&body) {
                prop_assert!(!line.chars().any(is_break));
                prop_assert!(!is_blank(&line));
                prop_assert_eq!(line.trim_end().len(), line.len());
            }
        }
    }
}
