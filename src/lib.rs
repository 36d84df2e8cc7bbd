//! Redraft: a server where an organisation writes its policy texts together. Drafters
//! publish texts, members propose line-anchored amendments, drafters decide and merge
//! them into new revisions, and every line of a text can be traced to what wrote it.
//!
//! The binary (`main.rs`) and the tests build the same application from this library.

pub mod actions;
pub mod assets;
pub mod auth;
pub mod cache;
pub mod config;
pub mod dataset;
pub mod domain;
pub mod export;
pub mod http;
pub mod i18n;
pub mod mail;
pub mod preview;
pub mod store;
pub mod time;
pub mod views;
