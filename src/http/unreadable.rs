//! Requests that cannot be read as their operation expects: what is wrong, said to people
//! in their language (never a parser's English), and the status it deserves.

use axum::http::StatusCode;

use crate::i18n::{Arg, K, Lang};

/// What is wrong with a request that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Bytes that are not UTF-8 (in the address, the query or the body).
    NotUtf8,
    /// A body that is not JSON: where the parser stopped.
    Json { line: usize, column: usize },
    /// A JSON body that is not an object (a list, a string, a number…): every operation
    /// takes named fields, never fields by position.
    NotAnObject,
    /// A field the request must carry.
    Missing(String),
    /// A field whose value is not of the kind expected.
    Invalid { field: String, expected: Expected },
    /// A field the operation does not take: refused rather than ignored (nothing sent is
    /// silently ignored).
    Unknown(String),
    /// A field the operation takes, sent with a choice that leaves it unused (the lines of
    /// an accepted wording with a rejection): refused rather than ignored.
    Inapplicable { field: &'static str, choice: String },
    /// A header that cannot be read.
    Header(&'static str),
    /// Anything else.
    Other,
}

/// The kind of value a field takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    Integer,
    Text,
    List,
    Boolean,
    Object,
    /// A moment in RFC 3339, with its offset.
    DateTime,
    OneOf(Vec<String>),
    Something,
}

impl Unreadable {
    pub fn status(&self) -> StatusCode {
        match self {
            Unreadable::Unknown(_) | Unreadable::Inapplicable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            _ => StatusCode::BAD_REQUEST,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Unreadable::Unknown(_) => "unknown_field",
            Unreadable::Inapplicable { .. } => "inapplicable_field",
            _ => "bad_request",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let field = |name: &str| Arg::text("field", field_label(lang, name));
        match self {
            Unreadable::NotUtf8 => lang.t(K::ErrNotUtf8).to_owned(),
            Unreadable::Json { line, column } => {
                lang.f(K::ErrNotJson, &[Arg::number("line", line), Arg::number("column", column)])
            }
            Unreadable::Missing(name) => lang.f(K::ErrMissingField, &[field(name)]),
            Unreadable::Unknown(name) => lang.f(K::ErrUnknownField, &[field(name)]),
            Unreadable::Inapplicable { field: name, choice } => {
                lang.f(K::ErrInapplicableField, &[field(name), Arg::text("choice", choice)])
            }
            Unreadable::Header(name) => lang.f(K::ErrUnreadableHeader, &[Arg::text("header", *name)]),
            Unreadable::Other => lang.t(K::ErrUnreadable).to_owned(),
            Unreadable::NotAnObject => lang.t(K::ErrNotAnObject).to_owned(),
            Unreadable::Invalid { field: name, expected } => {
                let key = match expected {
                    Expected::Integer => K::ErrExpectedInteger,
                    Expected::Text => K::ErrExpectedText,
                    Expected::List => K::ErrExpectedList,
                    Expected::Boolean => K::ErrExpectedBoolean,
                    Expected::Object => K::ErrExpectedObject,
                    Expected::DateTime => K::ErrExpectedDateTime,
                    Expected::Something => K::ErrExpectedSomething,
                    Expected::OneOf(values) => {
                        let values = values.iter().map(|value| format!("« {value} »")).collect::<Vec<_>>();
                        let values = values.join(lang.t(K::ListSeparator));
                        return lang.f(K::ErrExpectedOneOf, &[field(name), Arg::text("values", values)]);
                    }
                };
                lang.f(key, &[field(name)])
            }
        }
    }

    /// Reads what a deserializer said: serde's messages have fixed forms ("missing field
    /// `x`", "invalid type: …, expected …", "unknown variant `x`, expected one of …"),
    /// which say what went wrong; `path` says where.
    pub fn from_serde(path: &str, message: &str) -> Unreadable {
        let field = || if path.is_empty() || path == "." { "?".to_owned() } else { path.to_owned() };
        let quoted = |text: &str| -> Vec<String> { text.split('`').skip(1).step_by(2).map(str::to_owned).collect() };
        if let Some(rest) = message.strip_prefix("missing field ") {
            return Unreadable::Missing(quoted(rest).into_iter().next().unwrap_or_else(field));
        }
        if let Some(rest) = message.strip_prefix("unknown field ") {
            return Unreadable::Unknown(quoted(rest).into_iter().next().unwrap_or_else(field));
        }
        if let Some(rest) = message.strip_prefix("unknown variant ") {
            let expected = rest.split_once("expected").map(|(_, values)| quoted(values)).unwrap_or_default();
            return Unreadable::Invalid { field: field(), expected: Expected::OneOf(expected) };
        }
        let expected = message.rsplit_once("expected ").map_or("", |(_, expected)| expected);
        let expected = if ["integer", "u32", "u64", "i64", "usize", "whole number", "number"]
            .iter()
            .any(|kind| expected.contains(kind))
            || ["cannot parse integer", "invalid digit", "number too large", "number too small"]
                .iter()
                .any(|problem| message.contains(problem))
        {
            Expected::Integer
        } else if expected.contains("string") || expected.contains("char") {
            Expected::Text
        } else if expected.contains("sequence") || message.starts_with("invalid length") {
            Expected::List
        } else if expected.contains("bool") {
            Expected::Boolean
        } else if expected.contains("map") || expected.contains("struct") {
            Expected::Object
        } else if message.starts_with("invalid") || message.contains("did not match any variant") {
            Expected::Something
        } else {
            return Unreadable::Other;
        };
        Unreadable::Invalid { field: field(), expected }
    }
}

/// A field as a reader of the page knows it: the form's label where there is one, else its
/// name in the request.
fn field_label(lang: Lang, name: &str) -> String {
    let key = match name {
        "from" => K::FieldFrom,
        "to" => K::FieldTo,
        "start" => K::StartParagraph,
        "count" => K::ParagraphCount,
        "base" | "revision" => K::FieldRevision,
        "line" => K::FieldParagraph,
        "state" => K::FieldState,
        "view" => K::FieldView,
        "decision" => K::Decision,
        "new_lines" => K::NewWording,
        "modified_lines" => K::ModifiedWording,
        "rationale" => K::FieldRationale,
        "summary" => K::FieldSummary,
        "title" => K::FieldTitle,
        "slug" => K::FieldSlug,
        "note" => K::FieldNote,
        "login" => K::FieldLogin,
        "password" => K::FieldPassword,
        "visibility" => K::Visibility,
        "author" => K::FilterAuthor,
        "section" => K::FilterSection,
        "min_supporters" => K::FieldMinSupporters,
        "printed_width" => K::FieldPrintedWidth,
        "max_open_per_member" => K::FieldMaxOpen,
        "deadline" => K::FieldDeadline,
        "phase" => K::FieldPhase,
        "description" => K::FieldDescription,
        "topic" => K::FieldTopic,
        _ => return name.to_owned(),
    };
    lang.t(key).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_are_read() {
        assert_eq!(Unreadable::from_serde(".", "missing field `rationale`"), Unreadable::Missing("rationale".into()));
        assert_eq!(
            Unreadable::from_serde("from", "cannot parse integer from empty string"),
            Unreadable::Invalid { field: "from".into(), expected: Expected::Integer }
        );
        assert_eq!(
            Unreadable::from_serde("start", "invalid type: string \"x\", expected u32 at line 1 column 9"),
            Unreadable::Invalid { field: "start".into(), expected: Expected::Integer }
        );
        assert_eq!(
            Unreadable::from_serde("decision", "unknown variant `maybe`, expected `accept` or `reject`"),
            Unreadable::Invalid {
                field: "decision".into(),
                expected: Expected::OneOf(vec!["accept".into(), "reject".into()])
            }
        );
        assert_eq!(
            Unreadable::from_serde(".", "unknown field `topik`, expected one of `slug`"),
            Unreadable::Unknown("topik".into())
        );
        assert_eq!(Unreadable::from_serde("", "something odd"), Unreadable::Other);
    }

    #[test]
    fn messages_name_the_field_in_the_readers_language() {
        let empty_from = Unreadable::Invalid { field: "from".into(), expected: Expected::Integer };
        let french = empty_from.message(Lang::FR);
        let english = empty_from.message(Lang::EN);
        assert!(french.contains(Lang::FR.t(K::FieldFrom)) && !french.contains("parse"), "{french}");
        assert!(english.contains(Lang::EN.t(K::FieldFrom)), "{english}");
    }
}
