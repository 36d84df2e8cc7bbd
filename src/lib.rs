//! Redraft: a server where an organisation writes its policy texts together.

pub mod domain;
pub mod store;
