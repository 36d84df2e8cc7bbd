//! Competing amendments grouped for decision over HTTP (issue 10, part 3): the drafters'
//! page of alternatives, in the suggested order, with what each choice makes impossible.

mod common;

use common::TestServer;
use redraft::domain::Role;
use reqwest::StatusCode;

const GOAL: &str = "Atteindre la neutralité carbone en 2030 avec 100 % d'énergies renouvelables.";

#[tokio::test]
async fn competing_amendments_are_grouped_the_furthest_reaching_first() {
    let server = TestServer::start().await;
    let drafter = server.api_as("redactrice", Role::Drafter).await;
    let (alice, bob) = (server.api_as("alice", Role::Member).await, server.api_as("bob", Role::Member).await);
    drafter.publish("climat", &[GOAL, "Deuxième alinéa."]).await;
    alice.propose("climat", 1, 1, 1, &[&GOAL.replace("2030", "2035")]).await;
    bob.propose("climat", 1, 1, 1, &["Atteindre la neutralité carbone dès que possible."]).await;
    alice.propose("climat", 1, 1, 1, &[&GOAL.replace("100", "200")]).await;
    bob.propose("climat", 1, 2, 1, &["Deuxième alinéa, revu."]).await;

    let desk = server.browser();
    desk.log_in("redactrice", common::PASSWORD).await;
    let (_, review) = desk.get("/texts/climat/review").await;
    assert!(review.contains("/texts/climat/alternatives"), "the desk links to them");
    let (status, page) = desk.get("/texts/climat/alternatives").await;
    assert_eq!(status, StatusCode::OK);
    let groups: Vec<&str> = page.split("<section class=\"alternatives\">").skip(1).collect();
    assert_eq!(groups.len(), 1, "one group: the three on the first alinéa");
    let group = groups[0];
    assert!(group.contains("3 amendements en concurrence"));
    assert!(!group.contains("CLIM-4"), "the second alinéa's amendment competes with none");
    // The rewrite reaches furthest: first, and it makes both others impossible; the year
    // and the share change different words and exclude only the rewrite.
    let items: Vec<&str> = group.split("<li>").skip(1).collect();
    assert!(items[0].contains("CLIM-2") && items[0].contains("CLIM-1 ; CLIM-3"), "{}", items[0]);
    for item in &items[1..] {
        assert!(item.contains("L’adopter rend impossibles : CLIM-2<"), "{item}");
    }

    // Members do not see the drafters' page; anonymous readers are sent to log in.
    let member = server.browser();
    member.log_in("alice", common::PASSWORD).await;
    let (status, _) = member.get("/texts/climat/alternatives").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = server.browser().get("/texts/climat/alternatives").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}
