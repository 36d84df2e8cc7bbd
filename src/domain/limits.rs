//! The bounds every input is checked against. They admit at least what DESIGN.md asks:
//! 2 MB and 20,000 lines per revision, 16 KB per line, 1,000 lines and 256 KB of proposed
//! lines per amendment, 10,000 characters of rationale.
//!
//! Lengths are in characters (Unicode scalar values), as people, JSON Schema and the API's
//! published document count them, and are measured on what was sent: normalising (rule 1)
//! never makes an input that fitted its bounds too long. What only exists once a body is
//! cut into lines (how many lines, how long each) is measured on the normalised lines.

use crate::domain::bytes::find_byte;

/// Longest body of a revision, in characters as sent.
pub const MAX_REVISION_CHARS: usize = 2_000_000;
/// Most lines in a revision.
pub const MAX_REVISION_LINES: usize = 40_000;
/// Longest line, in characters.
pub const MAX_LINE_CHARS: usize = 32_768;
/// Most lines an amendment may propose.
pub const MAX_AMENDMENT_LINES: usize = 1_000;
/// Largest proposal of an amendment, in characters as sent.
pub const MAX_AMENDMENT_CHARS: usize = 262_144;
/// Longest rationale, in characters.
pub const MAX_RATIONALE_CHARS: usize = 10_000;
/// Longest one-line summary of an amendment or revision, in characters.
pub const MAX_SUMMARY_CHARS: usize = 300;
/// Longest title of a text, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest note of a decision, in characters.
pub const MAX_NOTE_CHARS: usize = 10_000;
/// A topic's description: a paragraph or two saying what belongs in it.
pub const MAX_DESCRIPTION_CHARS: usize = 2_000;
/// A comment, in characters: a few paragraphs.
pub const MAX_COMMENT_CHARS: usize = 5_000;
/// Why a drafter hid a comment, in characters.
pub const MAX_REASON_CHARS: usize = 300;
/// Shortest and longest slug.
pub const SLUG_CHARS: std::ops::RangeInclusive<usize> = 2..=64;
/// Longest login and display name.
pub const MAX_LOGIN_CHARS: usize = 64;
pub const MAX_NAME_CHARS: usize = 100;
/// A question put to members, one line.
pub const MAX_QUESTION_CHARS: usize = 300;
/// One of its choices.
pub const MAX_CHOICE_CHARS: usize = 200;
/// An email address, as RFC 5321 bounds a path.
pub const MAX_EMAIL_CHARS: usize = 254;
/// Rows of one member import (a congress's whole membership fits).
pub const MAX_ROSTER_ROWS: usize = 20_000;
/// Password length bounds, in characters.
pub const PASSWORD_CHARS: std::ops::RangeInclusive<usize> = 8..=256;
/// Most amendments one merge may take.
pub const MAX_MERGE_AMENDMENTS: usize = 5_000;
/// The largest HTTP request body the server reads: a revision at its largest, as a client
/// may escape it in JSON (`\uXXXX` twice for a character outside the basic plane) or
/// percent-encode it in a form (three bytes per byte of UTF-8).
pub const MAX_REQUEST_BYTES: usize = 25 * 1024 * 1024;

/// Why some lines are refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LinesError {
    #[error("{chars} characters, at most {max}")]
    TooManyChars { chars: usize, max: usize },
    #[error("{lines} lines, at most {max}")]
    TooManyLines { lines: usize, max: usize },
    #[error("line {line} has {chars} characters, at most {max}")]
    LineTooLong { line: usize, chars: usize, max: usize },
    #[error("line {line} holds a control character")]
    ControlCharacter { line: usize },
}

/// Characters in `text`, counted only when its bytes could exceed `max` (the common case
/// costs nothing).
fn chars_over(text: &str, max: usize) -> Option<usize> {
    if text.len() <= max {
        return None;
    }
    let chars = text.chars().count();
    (chars > max).then_some(chars)
}

/// Checks the body of a revision as sent (`raw`) and the lines it normalised to.
pub fn check_body(raw: &str, lines: &[String]) -> Result<(), LinesError> {
    if let Some(chars) = chars_over(raw, MAX_REVISION_CHARS) {
        return Err(LinesError::TooManyChars { chars, max: MAX_REVISION_CHARS });
    }
    check_revision(lines)?;
    for (index, line) in lines.iter().enumerate() {
        if let Some(chars) = chars_over(line, MAX_LINE_CHARS) {
            return Err(LinesError::LineTooLong { line: index + 1, chars, max: MAX_LINE_CHARS });
        }
    }
    Ok(())
}

/// Checks the lines of a revision about to be written (a merge may outgrow what each of
/// its amendments respected): how many, how long in all, and no control character.
pub fn check_revision(lines: &[String]) -> Result<(), LinesError> {
    if lines.len() > MAX_REVISION_LINES {
        return Err(LinesError::TooManyLines { lines: lines.len(), max: MAX_REVISION_LINES });
    }
    let bytes: usize = lines.iter().map(String::len).sum::<usize>() + lines.len().saturating_sub(1);
    if bytes > MAX_REVISION_CHARS {
        let chars = lines.iter().map(|line| line.chars().count()).sum::<usize>() + lines.len().saturating_sub(1);
        if chars > MAX_REVISION_CHARS {
            return Err(LinesError::TooManyChars { chars, max: MAX_REVISION_CHARS });
        }
    }
    control_characters(lines)
}

/// Checks an amendment's proposed lines as sent (`raw`: each item, and all of them) and
/// the lines they normalised to.
pub fn check_proposal<S: AsRef<str>>(raw: &[S], lines: &[String]) -> Result<(), LinesError> {
    let mut total = 0;
    for (index, item) in raw.iter().enumerate() {
        let item = item.as_ref();
        if let Some(chars) = chars_over(item, MAX_LINE_CHARS) {
            return Err(LinesError::LineTooLong { line: index + 1, chars, max: MAX_LINE_CHARS });
        }
        total += item.len();
    }
    if total > MAX_AMENDMENT_CHARS {
        let chars: usize = raw.iter().map(|item| item.as_ref().chars().count()).sum();
        if chars > MAX_AMENDMENT_CHARS {
            return Err(LinesError::TooManyChars { chars, max: MAX_AMENDMENT_CHARS });
        }
    }
    let count = raw.len().max(lines.len());
    if count > MAX_AMENDMENT_LINES {
        return Err(LinesError::TooManyLines { lines: count, max: MAX_AMENDMENT_LINES });
    }
    control_characters(lines)
}

fn control_characters(lines: &[String]) -> Result<(), LinesError> {
    match lines.iter().position(|line| has_control_character(line)) {
        Some(index) => Err(LinesError::ControlCharacter { line: index + 1 }),
        None => Ok(()),
    }
}

/// Whether a line holds a control character other than a tab (tabs are ordinary spacing;
/// line ends never reach a normalised line; the others only break displays and exports).
/// Byte by byte, as this runs over every line of every text submitted: C0 controls and DEL
/// are single bytes, and C1 controls (U+0080 to U+009F) are 0xC2 followed by 0x80 to 0x9F
/// in UTF-8.
pub fn has_control_character(line: &str) -> bool {
    let bytes = line.as_bytes();
    let mut at = 0;
    loop {
        // C0 controls and DEL are single bytes; C1 controls are 0xC2 then 0x80..=0x9F.
        at = find_byte(bytes, at, |byte| (byte < 0x20) | (byte == 0x7F) | (byte == 0xC2));
        match bytes.get(at) {
            None => return false,
            Some(b'\t') => {}
            Some(0xC2) if !bytes.get(at + 1).is_some_and(|next| (0x80..=0x9F).contains(next)) => {}
            Some(_) => return true,
        }
        at += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn control_characters_are_found_byte_by_byte_as_char_by_char(line in "\\PC{0,8}[\u{0}-\u{a0}]{0,3}\\PC{0,8}") {
            prop_assert_eq!(has_control_character(&line), line.chars().any(|c| c.is_control() && c != '\t'));
        }
    }

    #[test]
    fn bounds() {
        let line = |s: &str| s.to_owned();
        assert_eq!(check_proposal(&["a", "b"], &[line("a"), line("b")]), Ok(()));
        let many = vec![line("a"); MAX_AMENDMENT_LINES + 1];
        assert_eq!(
            check_proposal(&many, &many),
            Err(LinesError::TooManyLines { lines: MAX_AMENDMENT_LINES + 1, max: MAX_AMENDMENT_LINES })
        );
        // Lengths are characters: a line of accented letters twice as long in bytes fits.
        let accented = "é".repeat(MAX_LINE_CHARS);
        assert_eq!(check_proposal(&[accented.as_str()], std::slice::from_ref(&accented)), Ok(()));
        let long = "x".repeat(MAX_LINE_CHARS + 1);
        assert!(matches!(
            check_body(&long, &[line("ok"), long.clone()]),
            Err(LinesError::LineTooLong { line: 2, chars, .. }) if chars == MAX_LINE_CHARS + 1
        ));
        assert_eq!(check_revision(&[line("a\u{0}b")]), Err(LinesError::ControlCharacter { line: 1 }));
        assert_eq!(check_revision(&[line("a\tb")]), Ok(()));
        let body = "a".repeat(MAX_REVISION_CHARS + 1);
        assert_eq!(
            check_body(&body, &[]),
            Err(LinesError::TooManyChars { chars: MAX_REVISION_CHARS + 1, max: MAX_REVISION_CHARS })
        );
    }

    #[test]
    fn a_request_holds_a_revision_at_its_largest_however_escaped() {
        // The longest writing of one character: one outside the basic plane, escaped as two
        // UTF-16 units in JSON, or its four bytes of UTF-8 percent-encoded in a form.
        let c = '\u{1F4DC}';
        let json: String = c.encode_utf16(&mut [0; 2]).iter().map(|unit| format!("\\u{unit:04X}")).collect();
        let form: String = c.to_string().bytes().map(|byte| format!("%{byte:02X}")).collect();
        assert_eq!((json.len(), form.len()), (12, 12), "{json} {form}");
        let longest = json.len().max(form.len());
        assert!(MAX_REQUEST_BYTES >= longest * MAX_REVISION_CHARS, "{MAX_REQUEST_BYTES}");
    }

    /// Lines of `chars` repetitions of `c` in all, cut in two.
    fn two_lines(c: char, chars: usize) -> Vec<String> {
        vec![c.to_string().repeat(chars / 2), c.to_string().repeat(chars - chars / 2)]
    }

    #[test]
    fn a_revision_is_bounded_in_lines_and_in_characters_with_its_line_ends() {
        let lines = vec!["a".to_owned(); MAX_REVISION_LINES];
        assert_eq!(check_revision(&lines), Ok(()));
        let lines = vec!["a".to_owned(); MAX_REVISION_LINES + 1];
        assert_eq!(
            check_revision(&lines),
            Err(LinesError::TooManyLines { lines: MAX_REVISION_LINES + 1, max: MAX_REVISION_LINES })
        );
        // Two lines and the line end between them, exactly at the bound and one over, in
        // letters of one byte and of two.
        for c in ['a', 'é'] {
            assert_eq!(check_revision(&two_lines(c, MAX_REVISION_CHARS - 1)), Ok(()), "{c}");
            assert_eq!(
                check_revision(&two_lines(c, MAX_REVISION_CHARS)),
                Err(LinesError::TooManyChars { chars: MAX_REVISION_CHARS + 1, max: MAX_REVISION_CHARS }),
                "{c}"
            );
        }
    }

    #[test]
    fn a_proposal_is_bounded_in_lines_and_in_characters_as_sent() {
        let line = |s: &str| s.to_owned();
        let lines = vec![line("a"); MAX_AMENDMENT_LINES];
        assert_eq!(check_proposal(&lines, &lines), Ok(()));
        // As sent: one item may hold several lines once normalised, and the other way round.
        let one = [line("a")];
        assert_eq!(
            check_proposal(&one, &vec![line("a"); MAX_AMENDMENT_LINES + 1]),
            Err(LinesError::TooManyLines { lines: MAX_AMENDMENT_LINES + 1, max: MAX_AMENDMENT_LINES })
        );
        let items = MAX_AMENDMENT_CHARS / MAX_LINE_CHARS;
        for c in ['a', 'é'] {
            let full = vec![c.to_string().repeat(MAX_LINE_CHARS); items];
            assert_eq!(check_proposal(&full, &one), Ok(()), "{c}");
            let mut over = full.clone();
            over.push(c.to_string());
            assert_eq!(
                check_proposal(&over, &one),
                Err(LinesError::TooManyChars { chars: MAX_AMENDMENT_CHARS + 1, max: MAX_AMENDMENT_CHARS }),
                "{c}"
            );
        }
        let long = "x".repeat(MAX_LINE_CHARS + 1);
        assert_eq!(
            check_proposal(&["ok", long.as_str()], &one),
            Err(LinesError::LineTooLong { line: 2, chars: MAX_LINE_CHARS + 1, max: MAX_LINE_CHARS })
        );
        assert_eq!(
            check_proposal(&["a", "b"], &[line("a"), line("b\u{7}")]),
            Err(LinesError::ControlCharacter { line: 2 })
        );
    }
}
