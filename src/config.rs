//! The command line: `serve`, `user add`, `token list|revoke` and `backup`, each reading
//! `--db` (or `REDRAFT_DB`), and `serve`'s limits, each with an environment fallback.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use ipnet::IpNet;

use crate::domain::Role;
use crate::http::{ServeConfig, TrustedProxies};

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
        /// Threads answering requests; by default, one per core available to the process.
        #[arg(long, env = "REDRAFT_WORKERS", value_parser = clap::value_parser!(u32).range(1..=1024))]
        workers: Option<u32>,
        /// Turns every member limit off (rate limits on proposals and comments, the texts'
        /// maximum of open amendments per member): for load tests only.
        #[arg(long)]
        no_rate_limits: bool,
        #[command(flatten)]
        limits: ServeLimits,
        #[command(flatten)]
        mail: MailArgs,
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
    /// The database must exist: it is opened read-only, never created.
    Backup {
        /// Where to write the copy (a new file).
        dest: PathBuf,
    },
    /// Lists and revokes API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
}

/// How notifications reach members by email (README, "Notifications").
#[derive(Debug, Args)]
pub struct MailArgs {
    /// The SMTP server that sends notification emails: `smtp://host:25` (plain, for a relay
    /// on this machine), `smtp://user:password@host:587?tls=required` (STARTTLS) or
    /// `smtps://user:password@host:465`. Without it, notifications stay in the app.
    #[arg(long, env = "REDRAFT_SMTP_URL", value_name = "URL")]
    pub smtp_url: Option<String>,
    /// The sender of notification emails.
    #[arg(long, env = "REDRAFT_MAIL_FROM", value_name = "MAILBOX", default_value = "Redraft <redraft@localhost>")]
    pub mail_from: String,
    /// The site's public address, which emails, link previews and exported files link to
    /// (default: the address each request names in its Host header; emails: http:// and
    /// --addr).
    #[arg(long, env = "REDRAFT_BASE_URL", value_name = "URL")]
    pub base_url: Option<String>,
}

impl MailArgs {
    /// The notifier's configuration; `addr` gives the default public address.
    pub fn mail_config(&self, addr: SocketAddr) -> crate::mail::MailConfig {
        crate::mail::MailConfig {
            smtp_url: self.smtp_url.clone().filter(|url| !url.trim().is_empty()),
            from: self.mail_from.clone(),
            base_url: self.base_url.clone().unwrap_or_else(|| format!("http://{addr}")),
            ..crate::mail::MailConfig::default()
        }
    }
}

/// What `serve` accepts from clients (README, "Security").
#[derive(Debug, Args)]
pub struct ServeLimits {
    /// A reverse proxy whose X-Forwarded-For and X-Forwarded-Proto are believed: an address
    /// or a range (10.0.0.0/8); repeat it or separate with commas. Nobody else's are.
    #[arg(long = "trusted-proxy", env = "REDRAFT_TRUSTED_PROXY", value_name = "ADDR", value_delimiter = ',',
        value_parser = TrustedProxies::parse_one)]
    pub trusted_proxies: Vec<IpNet>,
    /// Open connections at most; when reached, the connection stuck longest makes room.
    #[arg(long, env = "REDRAFT_MAX_CONNECTIONS", default_value_t = 1024,
        value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub max_connections: u32,
    /// Open connections at most from one client address (trusted proxies excepted).
    #[arg(long, env = "REDRAFT_MAX_CONNECTIONS_PER_ADDRESS", default_value_t = 128,
        value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub max_connections_per_address: u32,
    /// Seconds a client has to send a request's headers, from connecting or from the end of
    /// the previous answer (so also the keep-alive idle limit).
    #[arg(long, env = "REDRAFT_HEADER_TIMEOUT", value_name = "SECONDS", default_value_t = 10,
        value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_timeout: u64,
    /// Seconds from a request's headers to its answer, its body included (408 past it).
    #[arg(long, env = "REDRAFT_REQUEST_TIMEOUT", value_name = "SECONDS", default_value_t = 60,
        value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub request_timeout: u64,
}

impl ServeLimits {
    pub fn serve_config(&self) -> ServeConfig {
        ServeConfig {
            max_connections: self.max_connections as usize,
            max_connections_per_address: self.max_connections_per_address as usize,
            header_timeout: Duration::from_secs(self.header_timeout),
            request_timeout: Duration::from_secs(self.request_timeout),
            trusted_proxies: TrustedProxies::new(self.trusted_proxies.clone()),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Lists API tokens (never their secrets): every account's, or one account's.
    List {
        /// Only this account's tokens.
        #[arg(long, value_name = "LOGIN")]
        user: Option<String>,
    },
    /// Revokes an API token by its id (as `token list` shows it): it stops working at once.
    Revoke { id: i64 },
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
        /// Where to reach the member.
        #[arg(long)]
        email: Option<String>,
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
