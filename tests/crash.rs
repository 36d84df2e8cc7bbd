//! Durability: the real binary is killed with SIGKILL while clients submit amendments; after
//! a restart every acknowledged write is there and SQLite's integrity check passes. Also
//! drives the command line (`user add`) the way an operator does.

#![cfg(unix)]

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::sync::Mutex;

const PASSWORD: &str = "correct horse battery";

/// The server binary running on a database, on an ephemeral port it reports.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(db: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_redraft"))
            .args(["serve", "--addr", "127.0.0.1:0", "--db"])
            .arg(db)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the server");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let base = loop {
            let line = lines.next().expect("the server printed its address").expect("stdout line");
            if let Some(url) = line.strip_prefix("Redraft is serving on ") {
                break url.trim().to_owned();
            }
        };
        Server { child, base }
    }

    fn kill(mut self) {
        // SIGKILL: no chance to flush or finish anything.
        self.child.kill().expect("kill");
        self.child.wait().expect("wait");
    }
}

fn add_user(db: &Path, login: &str, role: &str) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_redraft"))
        .args(["user", "add", login, "--role", role, "--name", login, "--password-stdin", "--db"])
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("user add");
    child.stdin.take().expect("stdin").write_all(format!("{PASSWORD}\n").as_bytes()).expect("password");
    let output = child.wait_with_output().expect("user add output");
    assert!(output.status.success(), "user add {login}");
    assert!(String::from_utf8_lossy(&output.stdout).contains(login));
}

async fn token(client: &reqwest::Client, base: &str, login: &str) -> String {
    let response = client
        .post(format!("{base}/api/v1/tokens"))
        .json(&json!({ "login": login, "password": PASSWORD }))
        .send()
        .await
        .expect("token request");
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.expect("token body");
    body["token"].as_str().expect("token").to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_amendments_survive_sigkill() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("redraft.db");
    add_user(&db, "redaction", "drafter");
    add_user(&db, "adherent", "member");

    let client = reqwest::Client::new();
    let server = Server::start(&db);
    let drafter = token(&client, &server.base, "redaction").await;
    let member = token(&client, &server.base, "adherent").await;
    let lines: Vec<String> = (1..=200).map(|n| format!("Alinéa {n} du programme.")).collect();
    let response = client
        .post(format!("{}/api/v1/texts", server.base))
        .bearer_auth(&drafter)
        .json(&json!({ "slug": "programme", "title": "Programme", "body": lines.join("\n") }))
        .send()
        .await
        .expect("publish");
    assert_eq!(response.status(), StatusCode::CREATED);

    let acknowledged: Arc<Mutex<Vec<(i64, String)>>> = Arc::default();
    let mut server = Some(server);
    for round in 0..4 {
        let running = server.take().unwrap_or_else(|| Server::start(&db));
        let base = running.base.clone();
        let stop = Arc::new(AtomicBool::new(false));
        let mut clients = Vec::new();
        for client_number in 0..4 {
            let (client, base, member, stop, acknowledged) =
                (client.clone(), base.clone(), member.clone(), Arc::clone(&stop), Arc::clone(&acknowledged));
            clients.push(tokio::spawn(async move {
                let mut sent = 0;
                while !stop.load(Ordering::Relaxed) {
                    sent += 1;
                    let wording = format!("Rédaction {round}-{client_number}-{sent}.");
                    let line = 1 + (sent * 7 + client_number * 13) % 200;
                    let proposal = json!({
                        "base": 1, "start": line, "count": 1, "new_lines": [wording], "rationale": "Durabilité."
                    });
                    let response = client
                        .post(format!("{base}/api/v1/texts/programme/amendments"))
                        .bearer_auth(&member)
                        .json(&proposal)
                        .send()
                        .await;
                    // Requests in flight when the server dies fail: only 201s were promised.
                    let Ok(response) = response else { break };
                    if response.status() != StatusCode::CREATED {
                        break;
                    }
                    let Ok(body) = response.json::<Value>().await else { break };
                    if let Some(id) = body["id"].as_i64() {
                        acknowledged.lock().await.push((id, wording));
                    }
                }
            }));
        }
        // Let the clients write for a while, then kill the server under their feet.
        let before = acknowledged.lock().await.len();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while acknowledged.lock().await.len() < before + 40 {
            assert!(
                std::time::Instant::now() < deadline,
                "round {round}: the server acknowledged {} writes in a minute, not 40",
                acknowledged.lock().await.len() - before
            );
            assert!(clients.iter().any(|client| !client.is_finished()), "round {round}: every client stopped writing");
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        running.kill();
        stop.store(true, Ordering::Relaxed);
        for client in clients {
            client.await.expect("client task");
        }
    }

    let server = Server::start(&db);
    let written = acknowledged.lock().await.clone();
    assert!(written.len() >= 160, "only {} writes acknowledged", written.len());
    let response = client.get(format!("{}/api/v1/texts/programme/amendments", server.base)).send().await.expect("list");
    let stored: Vec<Value> = response.json().await.expect("amendments");
    for (id, wording) in &written {
        let found = stored.iter().find(|amendment| amendment["id"].as_i64() == Some(*id));
        let found = found.unwrap_or_else(|| panic!("acknowledged amendment {id} lost"));
        assert_eq!(found["new_lines"], json!([wording]), "amendment {id}");
    }
    server.kill();

    let connection = rusqlite::Connection::open(&db).expect("open");
    let check: String = connection.query_row("PRAGMA integrity_check", [], |row| row.get(0)).expect("integrity");
    assert_eq!(check, "ok");
}
