//! The `redraft` binary: parses the command line, opens and migrates the database, serves.

use std::io::BufRead;
use std::sync::Arc;

use anyhow::{Context, bail};
use clap::Parser;
use redraft::actions::accounts::{self, NewAccount};
use redraft::actions::{Site, demo};
use redraft::config::{Cli, Command, UserCommand};
use redraft::store::Store;

/// Threads for database work and page rendering.
const BLOCKING_THREADS: usize = 4;

fn main() -> anyhow::Result<()> {
    limit_allocator_arenas();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "redraft=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let store = Store::open(&cli.db).with_context(|| format!("opening the database {}", cli.db.display()))?;
    let site = Site::new(store);
    match cli.command {
        Command::Serve { addr, demo } => {
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
            // SQLite work runs on blocking threads; on a small machine a handful is enough,
            // and each one more is another connection's cache and allocator arena in memory.
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .max_blocking_threads(BLOCKING_THREADS)
                .build()
                .context("starting the async runtime")?;
            runtime.block_on(async move {
                let listener =
                    tokio::net::TcpListener::bind(addr).await.with_context(|| format!("listening on {addr}"))?;
                let local = listener.local_addr()?;
                println!("Redraft is serving on http://{local}");
                redraft::http::serve(listener, Arc::new(site), shutdown_signal()).await?;
                println!("Redraft stopped.");
                Ok(())
            })
        }
        Command::User { command: UserCommand::Add { login, role, name, password_stdin } } => {
            if !password_stdin {
                bail!("give the password on standard input with --password-stdin");
            }
            let mut password = String::new();
            std::io::stdin().lock().read_line(&mut password).context("reading the password")?;
            let password = password.trim_end_matches(['\n', '\r']);
            let account =
                NewAccount { login: &login, name: name.as_deref().unwrap_or(""), role: role.into(), password };
            let user = accounts::add_user(&site, &account).map_err(|error| anyhow::anyhow!("{error:?}"))?;
            println!("Created {} ({}) as {}.", user.login, user.name, user.role);
            Ok(())
        }
        Command::BenchData { corpus, seed } => {
            if accounts::has_users(&site).map_err(|error| anyhow::anyhow!("{error:?}"))? {
                bail!("{} is not empty: the dataset goes in a new database", cli.db.display());
            }
            let started = std::time::Instant::now();
            let generated = redraft::dataset::fill(&site, &corpus, redraft::dataset::CONGRESS, seed)
                .map_err(|error| anyhow::anyhow!("{error:?}"))?;
            println!(
                "Dataset written to {} in {:.1} s: {} members, {} revisions, {} merged and {} open amendments (password {:?}).",
                cli.db.display(),
                started.elapsed().as_secs_f64(),
                generated.members,
                generated.revisions,
                generated.merged,
                generated.open,
                redraft::dataset::PASSWORD,
            );
            Ok(())
        }
        Command::Backup { dest } => {
            if dest.exists() {
                bail!("{} already exists; choose a new file", dest.display());
            }
            site.store.backup_to(&dest).with_context(|| format!("backing up to {}", dest.display()))?;
            println!("Backed up {} to {}.", cli.db.display(), dest.display());
            Ok(())
        }
    }
}

/// glibc gives each thread that allocates under contention its own arena, and an arena
/// keeps its high-water mark: with page bodies of hundreds of kilobytes built on several
/// threads, resident memory grew to half again what the server uses. Two arenas cost no
/// measurable throughput here (benches/load.sh) and keep the server within 100 MB.
fn limit_allocator_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; it is called before any thread
    // exists, and a refusal (return value 0) leaves the default in place.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
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
