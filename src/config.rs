//! The command line: `serve`, `user add` and `backup`, each reading `--db` (or `REDRAFT_DB`).

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::domain::Role;

#[derive(Debug, Parser)]
#[command(
    name = "redraft",
    version,
    about = "Collaborative drafting of policy texts: amendments, review, merge, export"
)]
pub struct Cli {
    /// The SQLite database file (created and migrated on first start).
    #[arg(long, env = "REDRAFT_DB", default_value = "redraft.db", global = true)]
    pub db: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serves the web pages and the JSON API.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "REDRAFT_ADDR", default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// Fills an empty database with a demo organisation and prints its accounts.
        #[arg(long)]
        demo: bool,
    },
    /// Manages accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Fills an empty database with the deterministic congress-scale benchmark dataset.
    BenchData {
        /// The corpus the programme is grown from (the repository's testdata/corpus).
        #[arg(long, default_value = "testdata/corpus")]
        corpus: PathBuf,
        /// Seed of the generator: the same seed gives the same data.
        #[arg(long, default_value_t = 2027)]
        seed: u64,
    },
    /// Copies the live database to DEST, consistently, while the server keeps serving.
    Backup {
        /// Where to write the copy.
        dest: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Creates an account, reading its password from standard input.
    Add {
        login: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Display name (the login if omitted).
        #[arg(long)]
        name: Option<String>,
        /// Read the password from the first line of standard input.
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum RoleArg {
    Member,
    Drafter,
    Admin,
}

impl From<RoleArg> for Role {
    fn from(role: RoleArg) -> Self {
        match role {
            RoleArg::Member => Role::Member,
            RoleArg::Drafter => Role::Drafter,
            RoleArg::Admin => Role::Admin,
        }
    }
}
