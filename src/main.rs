//! The `redraft` binary: parses the command line, opens the database (creating and
//! migrating it only for `serve` and `user add`), serves.

use std::io::BufRead;
use std::sync::Arc;

use anyhow::{Context, bail};
use clap::Parser;
use redraft::actions::accounts::{self, NewAccount};
use redraft::actions::{ActionError, Site, demo, tokens};
use redraft::config::{Cli, Command, TokenCommand, UserCommand};
use redraft::store::Store;

/// Threads for database work and page rendering, per worker: they render pages and wait
/// for the disk (a write waits for its batch's flush), so there are more of them than cores.
const BLOCKING_THREADS_PER_WORKER: usize = 8;
/// At least this many, so that the writes of a busy moment share a flush even on one core.
const MIN_BLOCKING_THREADS: usize = 32;

fn main() -> anyhow::Result<()> {
    limit_allocator_arenas();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "redraft=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match cli.command {
        Command::Serve { addr, demo, workers, no_rate_limits, limits, mail } => {
            let site = open_site(&cli.db)?;
            // Texts written before search existed: their heads are indexed once.
            let indexed = redraft::actions::search::catch_up(&site).map_err(|error| anyhow::anyhow!("{error:?}"))?;
            if indexed > 0 {
                tracing::info!("search: indexed the heads of {indexed} texts");
            }
            if no_rate_limits {
                site.pace.set_enabled(false);
                tracing::warn!("--no-rate-limits: members' proposals and comments are not limited");
            }
            if demo {
                match demo::fill(&site).context("filling the demo organisation")? {
                    Some(accounts) => {
                        println!("Demo organisation created. Accounts (login / password):");
                        for account in accounts {
                            println!("  {:<8} {:<10} {}", account.role, account.login, account.password);
                        }
                    }
                    None => println!("The database already holds accounts: the demo was not added again."),
                }
            }
            let config = limits.serve_config();
            let files = redraft::http::raise_open_file_limit();
            // Each connection is a file; the database, the log and the listener need a few.
            if files != 0 && (config.max_connections as u64).saturating_add(64) > files {
                tracing::warn!(
                    "--max-connections {} is near this process's limit of {files} open files: raise the limit \
                     (ulimit -n) or lower the cap, or accepting will fail before the cap makes room",
                    config.max_connections
                );
            }
            // The machine's size sets the threads: the async workers (one per core unless
            // told), and the blocking threads that render and query for them.
            let workers = match workers {
                Some(workers) => workers as usize,
                None => std::thread::available_parallelism().map_or(1, usize::from),
            };
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .worker_threads(workers)
                .max_blocking_threads(MIN_BLOCKING_THREADS.max(workers * BLOCKING_THREADS_PER_WORKER))
                .build()
                .context("starting the async runtime")?;
            runtime.block_on(async move {
                let listener = listen(addr).with_context(|| format!("listening on {addr}"))?;
                let local = listener.local_addr()?;
                let site = Arc::new(site);
                let mail_args_base_url_missing = mail.base_url.is_none();
                if let Some(base) = &mail.base_url {
                    let _ = site.base_url.set(base.trim_end_matches('/').to_owned());
                }
                let mail = mail.mail_config(local);
                // Log lines, not standard output: whoever reads that stops at the address.
                if mail.smtp_url.is_none() {
                    tracing::info!("no --smtp-url: notifications stay in the app, no email is sent");
                } else if mail_args_base_url_missing {
                    tracing::warn!(
                        "--smtp-url without --base-url: emails link to {}, which members outside this machine \
                         cannot reach; give the site's public address",
                        mail.base_url
                    );
                }
                let notifier = redraft::mail::Notifier::start(Arc::clone(&site), mail)?;
                println!("Redraft is serving on http://{local}");
                redraft::http::serve_with(listener, site, config, shutdown_signal()).await?;
                // Its threads block: they are stopped off the async threads.
                tokio::task::spawn_blocking(move || notifier.stop()).await?;
                println!("Redraft stopped.");
                Ok(())
            })
        }
        Command::User { command: UserCommand::Add { login, role, name, email, password_stdin } } => {
            if !password_stdin {
                bail!("give the password on standard input with --password-stdin");
            }
            let site = open_site(&cli.db)?;
            let mut password = String::new();
            std::io::stdin().lock().read_line(&mut password).context("reading the password")?;
            let password = password.trim_end_matches(['\n', '\r']);
            let account = NewAccount {
                login: &login,
                name: name.as_deref().unwrap_or(""),
                role: role.into(),
                password,
                email: email.as_deref().unwrap_or(""),
            };
            let user = accounts::add_user(&site, &account).map_err(|error| anyhow::anyhow!("{error:?}"))?;
            println!("Created {} ({}) as {}.", user.login, user.name, user.role);
            Ok(())
        }
        Command::BenchData { corpus, seed } => {
            let site = open_site(&cli.db)?;
            if accounts::has_users(&site).map_err(|error| anyhow::anyhow!("{error:?}"))? {
                bail!("{} is not empty: the dataset goes in a new database", cli.db.display());
            }
            let started = std::time::Instant::now();
            let generated = redraft::dataset::fill(&site, &corpus, redraft::dataset::CONGRESS, seed)
                .map_err(|error| anyhow::anyhow!("{error:?}"))?;
            println!(
                "Dataset written to {} in {:.1} s: {} members, {} revisions, {} merged and {} open amendments, {} secret votes, {} co-signatures, {} comments, {} answers to questions, {} notifications (password {:?}).",
                cli.db.display(),
                started.elapsed().as_secs_f64(),
                generated.members,
                generated.revisions,
                generated.merged,
                generated.open,
                generated.votes,
                generated.co_signatures,
                generated.comments,
                generated.answers,
                generated.notifications,
                redraft::dataset::PASSWORD,
            );
            Ok(())
        }
        Command::Backup { dest } => {
            redraft::store::backup(&cli.db, &dest)
                .with_context(|| format!("backing up {} to {}", cli.db.display(), dest.display()))?;
            println!("Backed up {} to {}.", cli.db.display(), dest.display());
            Ok(())
        }
        Command::Token { command } => {
            // Never creates a database: a mistyped path is an error, not a new empty file.
            let store = Store::open_existing(&cli.db).with_context(|| format!("opening {}", cli.db.display()))?;
            let site = Site::new(store);
            match command {
                TokenCommand::List { user } => {
                    let tokens = tokens::list_all(&site, user.as_deref()).map_err(|error| match error {
                        ActionError::NotFound => {
                            anyhow::anyhow!("no account has the login {:?}", user.unwrap_or_default())
                        }
                        error => anyhow::anyhow!("{error}"),
                    })?;
                    if tokens.is_empty() {
                        println!("No API tokens.");
                    }
                    for token in tokens {
                        println!("{}", tokens::describe(&token));
                    }
                    Ok(())
                }
                TokenCommand::Revoke { id } => {
                    let token = tokens::revoke_any(&site, id).map_err(|error| match error {
                        ActionError::NotFound => {
                            anyhow::anyhow!("no API token has the id {id} (see `redraft token list`)")
                        }
                        error => anyhow::anyhow!("{error}"),
                    })?;
                    println!("Revoked {}", tokens::describe(&token));
                    Ok(())
                }
            }
        }
    }
}

/// Connections waiting to be accepted, at most: a flood of connections must not fill the
/// queue before the accept loop gets to make room (then a member's connection would wait
/// for its SYN to be sent again, a second later). The system caps it (somaxconn).
const LISTEN_BACKLOG: u32 = 4096;

fn listen(addr: std::net::SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket = if addr.is_ipv4() { tokio::net::TcpSocket::new_v4()? } else { tokio::net::TcpSocket::new_v6()? };
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(LISTEN_BACKLOG)
}

/// Opens the database, creating and migrating it when needed (`serve`, `user add`).
fn open_site(db: &std::path::Path) -> anyhow::Result<Site> {
    let store = Store::open(db).with_context(|| format!("opening the database {}", db.display()))?;
    Ok(Site::new(store))
}

/// glibc gives each thread that allocates under contention its own arena, and an arena
/// keeps its high-water mark: with page bodies of hundreds of kilobytes built on several
/// threads, resident memory grew to half again what the server uses. Two arenas cost no
/// measurable throughput here (benches/load.sh) and keep the server within 100 MB.
///
/// glibc also raises its mmap threshold each time a mapped block is freed, after which
/// blocks that size come from the arenas and stay resident once freed: each login's
/// Argon2 working memory (19 MiB, twice: password and ballot key) then stayed, and three
/// logins left the server 40 MB larger for good. A fixed threshold returns every block
/// of 4 MiB or more to the system when it is freed.
fn limit_allocator_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; it is called before any thread
    // exists, and a refusal (return value 0) leaves the default in place.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 4 << 20);
    }
}

/// Resolves on Ctrl-C or SIGTERM, so that requests in flight can finish.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}
