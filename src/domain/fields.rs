//! The shapes of the short fields people type: slugs, titles, summaries, rationales,
//! notes, logins, names and passwords.

use super::limits::{
    MAX_CHOICE_CHARS, MAX_COMMENT_CHARS, MAX_DESCRIPTION_CHARS, MAX_EMAIL_CHARS, MAX_LOGIN_CHARS, MAX_NAME_CHARS,
    MAX_NOTE_CHARS, MAX_QUESTION_CHARS, MAX_RATIONALE_CHARS, MAX_REASON_CHARS, MAX_SUMMARY_CHARS, MAX_TITLE_CHARS,
    PASSWORD_CHARS, SLUG_CHARS,
};
use super::text;

/// A field that was given and why it is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Slug,
    Title,
    Summary,
    Rationale,
    Note,
    Description,
    Comment,
    Reason,
    Question,
    Choice,
    Login,
    Name,
    Email,
    Password,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldProblem {
    Missing,
    TooLong {
        max: usize,
    },
    TooShort {
        min: usize,
    },
    /// Holds characters the field does not take (line breaks in a one-line field, control
    /// characters, characters outside a slug's or login's alphabet).
    BadCharacters,
    /// A name kept for Redraft's own addresses.
    Reserved,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{field:?}: {problem:?}")]
pub struct FieldError {
    pub field: Field,
    pub problem: FieldProblem,
}

fn refuse<T>(field: Field, problem: FieldProblem) -> Result<T, FieldError> {
    Err(FieldError { field, problem })
}

/// Slugs are readable address segments: lower-case letters, digits and single hyphens.
pub fn slug(value: &str) -> Result<String, FieldError> {
    let value = &text::one_line(value);
    let length = value.chars().count();
    if length == 0 {
        return refuse(Field::Slug, FieldProblem::Missing);
    }
    if length < *SLUG_CHARS.start() {
        return refuse(Field::Slug, FieldProblem::TooShort { min: *SLUG_CHARS.start() });
    }
    if length > *SLUG_CHARS.end() {
        return refuse(Field::Slug, FieldProblem::TooLong { max: *SLUG_CHARS.end() });
    }
    let well_formed = value
        .split('-')
        .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    if !well_formed {
        return refuse(Field::Slug, FieldProblem::BadCharacters);
    }
    // `/texts/new` is the page that publishes a text.
    if value == "new" {
        return refuse(Field::Slug, FieldProblem::Reserved);
    }
    Ok(value.to_owned())
}

/// A one-line field, normalised (rule 1: breaks read as spaces, trimmed), without control
/// characters, within `max` characters as sent.
fn one_line(field: Field, value: &str, max: usize, required: bool) -> Result<String, FieldError> {
    within(field, value, max)?;
    let value = text::one_line(value);
    if text::is_blank(&value) {
        return if required { refuse(field, FieldProblem::Missing) } else { Ok(String::new()) };
    }
    if value.chars().any(|c| c.is_control() && c != '\t') {
        return refuse(field, FieldProblem::BadCharacters);
    }
    Ok(value)
}

/// Free text over several lines, normalised (rule 1), without control characters other
/// than line ends and tabs, within `max` characters as sent.
fn prose(field: Field, value: &str, max: usize, required: bool) -> Result<String, FieldError> {
    within(field, value, max)?;
    let value = text::prose(value);
    if text::is_blank(&value) {
        return if required { refuse(field, FieldProblem::Missing) } else { Ok(String::new()) };
    }
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return refuse(field, FieldProblem::BadCharacters);
    }
    Ok(value)
}

/// Lengths are counted on what was sent, as a client (and the API's published schema)
/// counts them: normalising never makes a value that fitted refused for its length.
fn within(field: Field, value: &str, max: usize) -> Result<(), FieldError> {
    // A value longer than `max` bytes may still be within `max` characters: count only then.
    if value.len() > max && value.chars().count() > max {
        return refuse(field, FieldProblem::TooLong { max });
    }
    Ok(())
}

pub fn title(value: &str) -> Result<String, FieldError> {
    one_line(Field::Title, value, MAX_TITLE_CHARS, true)
}

pub fn summary(value: &str) -> Result<String, FieldError> {
    one_line(Field::Summary, value, MAX_SUMMARY_CHARS, false)
}

/// The rationale of an amendment: required, an amendment must say why.
pub fn rationale(value: &str) -> Result<String, FieldError> {
    prose(Field::Rationale, value, MAX_RATIONALE_CHARS, true)
}

pub fn note(value: &str) -> Result<String, FieldError> {
    prose(Field::Note, value, MAX_NOTE_CHARS, false)
}

/// What a topic is about: optional prose.
pub fn description(value: &str) -> Result<String, FieldError> {
    prose(Field::Description, value, MAX_DESCRIPTION_CHARS, false)
}

/// A comment's body: required prose.
pub fn comment(value: &str) -> Result<String, FieldError> {
    prose(Field::Comment, value, MAX_COMMENT_CHARS, true)
}

/// Why a drafter hid a comment: required, on one line, shown to everyone.
pub fn reason(value: &str) -> Result<String, FieldError> {
    one_line(Field::Reason, value, MAX_REASON_CHARS, true)
}

/// Logins: ASCII letters, digits, dots, hyphens and underscores.
/// What a question asks, one line.
pub fn question(value: &str) -> Result<String, FieldError> {
    one_line(Field::Question, value, MAX_QUESTION_CHARS, true)
}

/// One of a question's choices, one line.
pub fn choice(value: &str) -> Result<String, FieldError> {
    one_line(Field::Choice, value, MAX_CHOICE_CHARS, true)
}

pub fn login(value: &str) -> Result<String, FieldError> {
    let value = one_line(Field::Login, value, MAX_LOGIN_CHARS, true)?;
    if !value.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)) {
        return refuse(Field::Login, FieldProblem::BadCharacters);
    }
    Ok(value)
}

pub fn name(value: &str) -> Result<String, FieldError> {
    one_line(Field::Name, value, MAX_NAME_CHARS, true)
}

/// An email address: one `@` between a local part and a domain with a dot, no spaces;
/// empty when none is given.
pub fn email(value: &str) -> Result<String, FieldError> {
    let value = one_line(Field::Email, value, MAX_EMAIL_CHARS, false)?;
    if value.is_empty() {
        return Ok(value);
    }
    let well_formed = value.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
    });
    if !well_formed || value.chars().any(|c| c.is_whitespace() || matches!(c, '<' | '>' | ',' | ';' | '"')) {
        return refuse(Field::Email, FieldProblem::BadCharacters);
    }
    Ok(value)
}

pub fn password(value: &str) -> Result<(), FieldError> {
    let length = value.chars().count();
    if length < *PASSWORD_CHARS.start() {
        return refuse(Field::Password, FieldProblem::TooShort { min: *PASSWORD_CHARS.start() });
    }
    if length > *PASSWORD_CHARS.end() {
        return refuse(Field::Password, FieldProblem::TooLong { max: *PASSWORD_CHARS.end() });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(email(" camille@exemple.fr "), Ok("camille@exemple.fr".to_owned()));
        assert_eq!(email(""), Ok(String::new()));
        for bad in [
            "camille",
            "@exemple.fr",
            "camille@",
            "camille@exemple",
            "a@b@c.fr",
            "a b@c.fr",
            "a@.fr",
            "a@b..fr",
            "a@b.fr.",
        ] {
            assert!(email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(slug(" programme-2027 "), Ok("programme-2027".to_owned()));
        for bad in ["Programme", "a--b", "-ab", "ab-", "é-t", "a b", "new"] {
            assert!(slug(bad).is_err(), "{bad}");
        }
        assert_eq!(slug("a").map_err(|e| e.problem), Err(FieldProblem::TooShort { min: 2 }));
        assert_eq!(slug("").map_err(|e| e.problem), Err(FieldProblem::Missing));
        // Both bounds are inclusive.
        let (shortest, longest) = ("a".repeat(*SLUG_CHARS.start()), "a".repeat(*SLUG_CHARS.end()));
        assert_eq!(slug(&shortest), Ok(shortest));
        assert_eq!(slug(&longest), Ok(longest.clone()));
        assert_eq!(
            slug(&format!("{longest}a")).map_err(|e| e.problem),
            Err(FieldProblem::TooLong { max: *SLUG_CHARS.end() })
        );
    }

    #[test]
    fn each_field_keeps_what_was_typed_and_refuses_what_it_does_not_take() {
        assert_eq!(summary(" Taxer\nles contrats "), Ok("Taxer les contrats".to_owned()));
        assert_eq!(note("Vu en\r\ncommission"), Ok("Vu en\ncommission".to_owned()));
        assert_eq!(note(" \n "), Ok(String::new()));
        assert_eq!(rationale(" \n ").map_err(|e| e.problem), Err(FieldProblem::Missing));
        // Tabs are spacing; other control characters are refused, in prose as on one line.
        assert_eq!(rationale("a\tb"), Ok("a\tb".to_owned()));
        assert_eq!(rationale("a\u{1}b").map_err(|e| e.problem), Err(FieldProblem::BadCharacters));
        assert_eq!(note("a\u{7F}b").map_err(|e| e.problem), Err(FieldProblem::BadCharacters));
        assert_eq!(title("a\tb"), Ok("a\tb".to_owned()));
        let too_long = "x".repeat(MAX_TITLE_CHARS + 1);
        assert_eq!(title(&too_long).map_err(|e| e.problem), Err(FieldProblem::TooLong { max: MAX_TITLE_CHARS }));
        assert_eq!(login("c.martin_2-b"), Ok("c.martin_2-b".to_owned()));
        assert_eq!(login("c martin").map_err(|e| e.problem), Err(FieldProblem::BadCharacters));
    }

    #[test]
    fn passwords_are_bounded_inclusively() {
        let (min, max) = (*PASSWORD_CHARS.start(), *PASSWORD_CHARS.end());
        assert_eq!(
            password(&"p".repeat(min - 1)),
            Err(FieldError { field: Field::Password, problem: FieldProblem::TooShort { min } })
        );
        assert_eq!(password(&"p".repeat(min)), Ok(()));
        assert_eq!(password(&"é".repeat(max)), Ok(()));
        assert_eq!(
            password(&"p".repeat(max + 1)),
            Err(FieldError { field: Field::Password, problem: FieldProblem::TooLong { max } })
        );
    }

    #[test]
    fn fields_are_normalised_and_checked() {
        assert_eq!(title("Programme\nrouge"), Ok("Programme rouge".to_owned()));
        assert_eq!(title("\u{FEFF}Cafe\u{301}"), Ok("Café".to_owned()));
        assert_eq!(summary("  "), Ok(String::new()));
        assert!(title(" ").is_err());
        assert_eq!(title("\u{200B}\u{3164}").map_err(|e| e.problem), Err(FieldProblem::Missing));
        assert_eq!(title("a\u{1}b").map_err(|e| e.problem), Err(FieldProblem::BadCharacters));
        assert_eq!(rationale("a\r\nb\u{0B}c"), Ok("a\nb\nc".to_owned()));
        assert!(rationale(&"x".repeat(MAX_RATIONALE_CHARS + 1)).is_err());
        assert!(rationale(&"é".repeat(MAX_RATIONALE_CHARS)).is_ok());
        assert_eq!(name(" Camille\u{200B} Martin "), Ok("Camille Martin".to_owned()));
        assert_eq!(login("\u{FEFF}camille"), Ok("camille".to_owned()));
    }
}

/// How a title sorts for a French reader: without case or accents ("Éducation" before
/// "Santé"), then as written, so that the order is total.
pub fn sort_key(value: &str) -> (String, String) {
    use unicode_normalization::UnicodeNormalization;
    let folded = value
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    (folded, value.to_owned())
}

#[cfg(test)]
mod sort_tests {
    use super::sort_key;

    #[test]
    fn titles_sort_without_case_or_accents() {
        let mut titles = vec!["Santé", "économie", "Éducation", "Culture", "eau"];
        titles.sort_by_key(|title| sort_key(title));
        assert_eq!(titles, ["Culture", "eau", "économie", "Éducation", "Santé"]);
    }
}
