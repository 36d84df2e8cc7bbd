//! The pure heart of Redraft: text normalisation, spans and anchors, changes between
//! revisions, merge, rebase, provenance and word-level diffs.
//!
//! Invariant: nothing here does I/O, async, SQL or HTTP; every function is total and reports
//! bad input as an error value, never by panicking.

pub mod alternatives;
pub mod amendment;
pub mod bytes;
pub mod change;
pub mod comment;
pub mod fate;
pub mod fields;
pub mod kind;
pub mod limits;
pub mod merge;
pub mod model;
pub mod notification;
pub mod printed;
pub mod provenance;
pub mod rebase;
pub mod reconcile;
pub mod roster;
pub mod search;
pub mod span;
pub mod stats;
pub mod text;
pub mod tracked;
pub mod words;

#[cfg(test)]
mod properties;

pub use amendment::{AmendmentState, Decision, Phase, Role, Secrecy, Tally, Visibility, Vote};
pub use change::{Change, diff_lines};
pub use merge::{Collision, Edit, MergeError, apply_edits};
pub use rebase::{Rebased, rebase_span};
pub use span::{Anchor, AnchorError, Span};
pub use text::{Lines, normalise};
