//! The bounds every input is checked against. They admit at least what DESIGN.md asks:
//! 2 MB and 20,000 lines per revision, 16 KB per line, 1,000 lines and 256 KB of proposed
//! lines per amendment, 10,000 characters of rationale.

/// Largest body of a revision, in bytes of UTF-8.
pub const MAX_REVISION_BYTES: usize = 4 * 1024 * 1024;
/// Most lines in a revision.
pub const MAX_REVISION_LINES: usize = 40_000;
/// Longest line, in bytes of UTF-8.
pub const MAX_LINE_BYTES: usize = 32 * 1024;
/// Most lines an amendment may propose.
pub const MAX_AMENDMENT_LINES: usize = 1_000;
/// Largest proposal of an amendment, in bytes.
pub const MAX_AMENDMENT_BYTES: usize = 256 * 1024;
/// Longest rationale, in characters.
pub const MAX_RATIONALE_CHARS: usize = 10_000;
/// Longest one-line summary of an amendment or revision, in characters.
pub const MAX_SUMMARY_CHARS: usize = 300;
/// Longest title of a text, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest note of a decision, in characters.
pub const MAX_NOTE_CHARS: usize = 10_000;
/// Shortest and longest slug.
pub const SLUG_CHARS: std::ops::RangeInclusive<usize> = 2..=64;
/// Longest login and display name.
pub const MAX_LOGIN_CHARS: usize = 64;
pub const MAX_NAME_CHARS: usize = 100;
/// Password length bounds, in characters.
pub const PASSWORD_CHARS: std::ops::RangeInclusive<usize> = 8..=256;
/// Most amendments one merge may take.
pub const MAX_MERGE_AMENDMENTS: usize = 5_000;
/// The largest HTTP request body the server reads (a 4 MB text percent-encoded in a form
/// can double in size).
pub const MAX_REQUEST_BYTES: usize = 10 * 1024 * 1024;

/// Why some lines are refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LinesError {
    #[error("{bytes} bytes, at most {max}")]
    TooManyBytes { bytes: usize, max: usize },
    #[error("{lines} lines, at most {max}")]
    TooManyLines { lines: usize, max: usize },
    #[error("line {line} has {bytes} bytes, at most {max}")]
    LineTooLong { line: usize, bytes: usize, max: usize },
    #[error("line {line} holds a control character")]
    ControlCharacter { line: usize },
}

/// Checks the lines of a revision (`max_lines`, `max_bytes` set by the caller: a revision or
/// a proposal).
pub fn check_lines(lines: &[String], max_lines: usize, max_bytes: usize) -> Result<(), LinesError> {
    if lines.len() > max_lines {
        return Err(LinesError::TooManyLines { lines: lines.len(), max: max_lines });
    }
    let mut bytes = lines.len().saturating_sub(1);
    for (index, line) in lines.iter().enumerate() {
        if line.len() > MAX_LINE_BYTES {
            return Err(LinesError::LineTooLong { line: index + 1, bytes: line.len(), max: MAX_LINE_BYTES });
        }
        if has_control_character(line) {
            return Err(LinesError::ControlCharacter { line: index + 1 });
        }
        bytes += line.len();
    }
    if bytes > max_bytes {
        return Err(LinesError::TooManyBytes { bytes, max: max_bytes });
    }
    Ok(())
}

/// Whether a line holds a control character other than a tab (tabs are ordinary spacing;
/// the others only break displays and exports). Byte by byte, as this runs over every
/// line of every text submitted: C0 controls and DEL are single bytes, and C1 controls
/// (U+0080 to U+009F) are 0xC2 followed by 0x80 to 0x9F in UTF-8.
pub fn has_control_character(line: &str) -> bool {
    let bytes = line.as_bytes();
    bytes.iter().enumerate().any(|(at, &byte)| {
        (byte < 0x20 && byte != b'\t')
            || byte == 0x7F
            || (byte == 0xC2 && bytes.get(at + 1).is_some_and(|next| (0x80..=0x9F).contains(next)))
    })
}

pub fn check_revision(lines: &[String]) -> Result<(), LinesError> {
    check_lines(lines, MAX_REVISION_LINES, MAX_REVISION_BYTES)
}

pub fn check_proposal(lines: &[String]) -> Result<(), LinesError> {
    check_lines(lines, MAX_AMENDMENT_LINES, MAX_AMENDMENT_BYTES)
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
        assert_eq!(check_proposal(&[line("a"), line("b")]), Ok(()));
        assert_eq!(
            check_proposal(&vec![line("a"); MAX_AMENDMENT_LINES + 1]),
            Err(LinesError::TooManyLines { lines: MAX_AMENDMENT_LINES + 1, max: MAX_AMENDMENT_LINES })
        );
        assert!(matches!(
            check_revision(&[line("ok"), "x".repeat(MAX_LINE_BYTES + 1)]),
            Err(LinesError::LineTooLong { line: 2, .. })
        ));
        assert_eq!(check_revision(&[line("a\u{0}b")]), Err(LinesError::ControlCharacter { line: 1 }));
        assert_eq!(check_revision(&[line("a\tb")]), Ok(()));
    }
}
