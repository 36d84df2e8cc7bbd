//! Online backup: `redraft backup` copies the live database while the server keeps taking
//! writes; a server started on the copy has every write acknowledged before the backup.

mod common;

use std::process::Command;

use common::TestServer;
use redraft::domain::Role;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_under_writes_holds_every_earlier_acknowledged_write() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redaction", Role::Drafter).await;
    let member = server.api_as("adherent", Role::Member).await;
    let lines: Vec<String> = (1..=50).map(|n| format!("Alinéa {n}.")).collect();
    let line_refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let slug = drafter.publish("programme", &line_refs).await;
    let mut before = Vec::new();
    for n in 0..30u64 {
        before.push(member.propose(&slug, 1, 1 + n, 1, &[&format!("Version {n}")]).await);
    }

    // Writers keep going while the backup runs.
    let writer = {
        let member = member.clone();
        let slug = slug.clone();
        tokio::spawn(async move {
            for n in 0..40u64 {
                member.propose(&slug, 1, 1 + n % 50, 1, &[&format!("Pendant {n}")]).await;
            }
        })
    };
    let copy = server.dir.path().join("copy.db");
    let db = server.dir.path().join("redraft.db");
    let output = tokio::task::spawn_blocking({
        let copy = copy.clone();
        move || Command::new(env!("CARGO_BIN_EXE_redraft")).arg("backup").arg(&copy).arg("--db").arg(&db).output()
    })
    .await
    .expect("join")
    .expect("run backup");
    assert!(output.status.success(), "backup: {}", String::from_utf8_lossy(&output.stderr));
    writer.await.expect("writer");

    // Refuses to overwrite an existing file.
    let again = Command::new(env!("CARGO_BIN_EXE_redraft"))
        .arg("backup")
        .arg(&copy)
        .arg("--db")
        .arg(server.dir.path().join("redraft.db"))
        .output()
        .expect("run backup again");
    assert!(!again.status.success());

    // A server on the copy.
    let store = redraft::store::Store::open(&copy).expect("open copy");
    let site = std::sync::Arc::new(redraft::actions::Site::new(store));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(redraft::http::serve(listener, site, std::future::pending()));
    let restored = common::Api { client: reqwest::Client::new(), base: format!("http://{addr}"), token: None };
    for id in before {
        let (status, amendment) = restored.get(&format!("/api/v1/amendments/{id}")).await;
        assert_eq!(status, StatusCode::OK, "amendment {id} missing from the backup");
        assert_eq!(amendment["text"], json!("programme"));
    }
    let connection = rusqlite::Connection::open(&copy).expect("open");
    let check: String = connection.query_row("PRAGMA integrity_check", [], |row| row.get(0)).expect("check");
    assert_eq!(check, "ok");
}

fn backup(source: &std::path::Path, dest: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_redraft")).arg("backup").arg(dest).arg("--db").arg(source).output().expect("run")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_of_what_is_not_a_redraft_database_fails_and_leaves_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let dest = dir.path().join("copie.db");

    // A mistyped path: an error, and neither file appears.
    let missing = dir.path().join("redarft.db");
    let output = backup(&missing, &dest);
    assert!(!output.status.success(), "a backup of nothing succeeded");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no database at"), "{stderr}");
    assert!(!missing.exists(), "the source was created");
    assert!(!dest.exists(), "an empty copy was left behind");

    // A file that is not SQLite, and an SQLite file that is not Redraft's.
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "Ceci n'est pas une base de données.\n".repeat(100)).expect("write");
    let empty = dir.path().join("vide.db");
    rusqlite::Connection::open(&empty).and_then(|c| c.execute_batch("CREATE TABLE t (x)")).expect("sqlite");
    for source in [&text, &empty] {
        let output = backup(source, &dest);
        assert!(!output.status.success(), "{}", source.display());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("is not a Redraft database"), "{stderr}");
        assert!(!dest.exists(), "a copy was left behind");
    }
    assert!(std::fs::read_dir(dir.path()).expect("list").all(|entry| {
        let name = entry.map(|e| e.file_name().to_string_lossy().into_owned()).unwrap_or_default();
        !name.contains("partial")
    }));

    // A database no server has open (no -wal, no -shm beside it) is copied, read-only.
    let source = dir.path().join("redraft.db");
    drop(redraft::store::Store::open(&source).expect("create"));
    assert!(!dir.path().join("redraft.db-wal").exists());
    let before = std::fs::read(&source).expect("read");
    let output = backup(&source, &dest);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(std::fs::read(&source).expect("read"), before, "the source was written to");
    let copy = rusqlite::Connection::open(&dest).expect("open the copy");
    let version: i64 = copy.query_row("PRAGMA user_version", [], |row| row.get(0)).expect("version");
    assert!(version >= 4, "{version}");
}
