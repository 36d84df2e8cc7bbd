//! A list of members to import (DESIGN, "Members"): a CSV file of login, display name,
//! email and role, every row checked before anything is imported.

use std::collections::HashMap;

use super::Role;
use super::fields::{self, FieldError};
use super::limits::MAX_ROSTER_ROWS;

/// One member to create, from line `line` of the file (1-based, as a spreadsheet counts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterRow {
    pub line: usize,
    pub login: String,
    pub name: String,
    /// Empty when the row gives none.
    pub email: String,
    pub role: Role,
}

/// Why a row cannot be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    Field(FieldError),
    /// A role other than member, drafter or admin (in English or French).
    UnknownRole(String),
    /// The same login (case aside) as the row on `first_line`.
    DuplicateLogin {
        first_line: usize,
    },
    /// A login an existing account has (found by the caller, who knows the accounts).
    LoginTaken,
    /// Not two to four cells.
    Columns {
        found: usize,
    },
    /// Cells the CSV reader cannot read (bad quoting, bytes that are not UTF-8).
    Unreadable,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub problem: RowProblem,
}

/// Why a whole file is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RosterError {
    /// No member in it.
    Empty,
    /// More rows than [`MAX_ROSTER_ROWS`].
    TooManyRows { max: usize },
    /// Every bad row, in file order.
    Rows(Vec<RowError>),
}

/// A role as a spreadsheet may write it: English or French, any case, accents optional;
/// empty means member.
fn role(cell: &str) -> Option<Role> {
    let folded: String = cell.trim().to_lowercase().replace(['é', 'è'], "e");
    match folded.as_str() {
        "" | "member" | "membre" | "adherent" | "adherente" => Some(Role::Member),
        "drafter" | "redacteur" | "redactrice" | "redaction" => Some(Role::Drafter),
        "admin" | "administrateur" | "administratrice" | "administration" => Some(Role::Admin),
        _ => None,
    }
}

/// Whether a row is a header rather than a member: its first cell names the column.
fn is_header(cells: &[String]) -> bool {
    let first = cells.first().map(|cell| cell.trim().to_lowercase()).unwrap_or_default();
    matches!(first.as_str(), "login" | "identifiant" | "username")
}

/// The separator a file uses: a tab where its first line has one (cells pasted from a
/// spreadsheet), a semicolon where it has one and no comma (as French spreadsheets write
/// CSV), else a comma.
fn separator(file: &str) -> u8 {
    let first = file.lines().next().unwrap_or_default();
    if first.contains('\t') {
        b'\t'
    } else if first.contains(';') && !first.contains(',') {
        b';'
    } else {
        b','
    }
}

/// Reads a roster: columns login, name, email, role (the last two optional), an optional
/// header row, comma or semicolon separated, quoted as spreadsheets quote. Blank rows are
/// skipped. Returns every member, or every bad row with its line number; logins repeated
/// within the file are refused on their second row.
pub fn parse(file: &str) -> Result<Vec<RosterRow>, RosterError> {
    let file = file.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator(file))
        .from_reader(file.as_bytes());
    let mut lines = LineCounter::new(file);
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut record = csv::StringRecord::new();
    let mut first = true;
    let mut records = 0usize;
    loop {
        let before = lines.line_at(reader.position().byte());
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(_) => {
                errors.push(RowError { line: before, problem: RowProblem::Unreadable });
                // A quoting error leaves the reader unable to find the next row reliably.
                break;
            }
        }
        let line = record.position().map_or(before, |position| lines.line_at(position.byte()));
        // Blank rows are bounded too: a file of empty rows is no cheaper to read.
        records += 1;
        if records > 2 * MAX_ROSTER_ROWS {
            return Err(RosterError::TooManyRows { max: MAX_ROSTER_ROWS });
        }
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if std::mem::take(&mut first) && is_header(&cells) {
            continue;
        }
        if rows.len() + errors.len() >= MAX_ROSTER_ROWS {
            return Err(RosterError::TooManyRows { max: MAX_ROSTER_ROWS });
        }
        match row(line, &cells) {
            Ok(member) => match seen.get(&member.login.to_lowercase()) {
                Some(&first_line) => {
                    errors.push(RowError { line, problem: RowProblem::DuplicateLogin { first_line } });
                }
                None => {
                    seen.insert(member.login.to_lowercase(), line);
                    rows.push(member);
                }
            },
            Err(problem) => errors.push(RowError { line, problem }),
        }
    }
    if !errors.is_empty() {
        return Err(RosterError::Rows(errors));
    }
    if rows.is_empty() {
        return Err(RosterError::Empty);
    }
    Ok(rows)
}

/// Lines as a spreadsheet numbers them, found from the byte where the reader began a record
/// (before the blank lines it skipped; its own line count does not count those). Records
/// come in order, so the count goes on from the last one: reading a file is linear.
struct LineCounter<'a> {
    bytes: &'a [u8],
    scanned: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(file: &'a str) -> Self {
        LineCounter { bytes: file.as_bytes(), scanned: 0, line: 1 }
    }

    fn line_at(&mut self, byte: u64) -> usize {
        let mut at = usize::try_from(byte).unwrap_or(usize::MAX).min(self.bytes.len());
        while at < self.bytes.len() && matches!(self.bytes[at], b'\n' | b'\r') {
            at += 1;
        }
        while self.scanned < at {
            // A line ends at `\n`, or at a `\r` not followed by one (old Mac files).
            match self.bytes[self.scanned] {
                b'\n' => self.line += 1,
                b'\r' if self.bytes.get(self.scanned + 1) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
            self.scanned += 1;
        }
        self.line
    }
}

fn row(line: usize, cells: &[String]) -> Result<RosterRow, RowProblem> {
    if !(2..=4).contains(&cells.len()) {
        return Err(RowProblem::Columns { found: cells.len() });
    }
    let cell = |at: usize| cells.get(at).map(String::as_str).unwrap_or_default();
    let login = fields::login(cell(0)).map_err(RowProblem::Field)?;
    let name = fields::name(cell(1)).map_err(RowProblem::Field)?;
    let email = fields::email(cell(2)).map_err(RowProblem::Field)?;
    let role = role(cell(3)).ok_or_else(|| RowProblem::UnknownRole(cell(3).trim().chars().take(40).collect()))?;
    Ok(RosterRow { line, login, name, email, role })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fields::{Field, FieldProblem};

    #[test]
    fn reads_headers_quotes_and_both_separators() {
        let file =
            "login,name,email,role\ncamille,\"Martin, Camille\",camille@exemple.fr,membre\n\nsacha,Sacha,,rédactrice\n";
        let rows = parse(file).expect("a good file");
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].line, rows[0].name.as_str(), rows[0].role), (2, "Martin, Camille", Role::Member));
        assert_eq!((rows[1].line, rows[1].email.as_str(), rows[1].role), (4, "", Role::Drafter));
        let french = "\u{feff}identifiant;nom;courriel;rôle\nlea;Léa Rousseau;lea@exemple.fr;Administratrice\n";
        let rows = parse(french).expect("a French file");
        assert_eq!((rows[0].login.as_str(), rows[0].role), ("lea", Role::Admin));
        let old_mac = "camille,Camille\rbad login,X\r";
        let Err(RosterError::Rows(errors)) = parse(old_mac) else { panic!("refused") };
        assert_eq!(errors[0].line, 2);
        let crlf = "\r\ncamille,Camille\r\n\r\nbad login,X\r\n";
        let Err(RosterError::Rows(errors)) = parse(crlf) else { panic!("refused") };
        assert_eq!(errors[0].line, 4);
        let pasted = "nour\tNour Haddad\tnour@exemple.fr\tmember\n";
        assert_eq!(parse(pasted).map(|rows| rows[0].name.clone()), Ok("Nour Haddad".to_owned()));
    }

    #[test]
    fn reports_every_bad_row_with_its_line() {
        let file =
            "camille,Camille\nbad login,Someone\nyanis,Yanis,yanis@,member\nlea,Léa,,chef\nCAMILLE,Autre\nnour\n";
        let Err(RosterError::Rows(errors)) = parse(file) else { panic!("refused") };
        let lines: Vec<usize> = errors.iter().map(|error| error.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6]);
        assert!(matches!(errors[0].problem, RowProblem::Field(FieldError { field: Field::Login, .. })));
        assert!(matches!(
            errors[1].problem,
            RowProblem::Field(FieldError { field: Field::Email, problem: FieldProblem::BadCharacters })
        ));
        assert_eq!(errors[2].problem, RowProblem::UnknownRole("chef".into()));
        assert_eq!(errors[3].problem, RowProblem::DuplicateLogin { first_line: 1 });
        assert_eq!(errors[4].problem, RowProblem::Columns { found: 1 });
    }

    #[test]
    fn empty_and_oversized_files() {
        assert_eq!(parse(""), Err(RosterError::Empty));
        assert_eq!(parse("login,name\n\n"), Err(RosterError::Empty));
        let many: String = (0..=MAX_ROSTER_ROWS).map(|i| format!("m{i},M {i}\n")).collect();
        assert_eq!(parse(&many), Err(RosterError::TooManyRows { max: MAX_ROSTER_ROWS }));
        let blank = ",\n".repeat(2 * MAX_ROSTER_ROWS + 1);
        assert_eq!(parse(&blank), Err(RosterError::TooManyRows { max: MAX_ROSTER_ROWS }));
    }
}
