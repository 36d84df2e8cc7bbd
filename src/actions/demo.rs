//! The demo organisation `serve --demo` puts in an empty database: a programme with its
//! history, accounts for each role, and a dozen amendments in every state, all made through
//! the same use cases as real work.

use crate::actions::accounts::{self, NewAccount};
use crate::actions::amendments::{self, Proposal, Verdict};
use crate::actions::comments::{self, Place};
use crate::actions::merge::{self, MergeRequest};
use crate::actions::questions::{self, Asking};
use crate::actions::settings::{self, Settings};
use crate::actions::supports;
use crate::actions::texts::{self, NewText, TextEdit};
use crate::actions::topics::{self, NewTopic};
use crate::actions::votes;
use crate::actions::{Acting, ActionError, ActionResult, Site};
use crate::auth::new_secret;
use crate::domain::model::User;
use crate::domain::{AmendmentState, Phase, Role, Secrecy, Visibility, Vote};

use super::demo_data::{AMENDMENTS, DRAFTER_EDIT, Fate, PROGRAMME_V1};
use crate::domain::merge::{Edit, apply_edits};
use crate::domain::span::Span;
use crate::domain::text::normalise;

/// An account the demo created, with its password to print.
pub struct DemoAccount {
    pub login: String,
    pub role: Role,
    pub password: String,
}

const PEOPLE: &[(&str, &str, Role)] = &[
    ("camille", "Camille Martin", Role::Member),
    ("yanis", "Yanis Benali", Role::Member),
    ("lea", "Léa Rousseau", Role::Member),
    ("nour", "Nour Haddad", Role::Member),
    ("sacha", "Sacha Dupont", Role::Drafter),
    ("admin", "Administration", Role::Admin),
];

pub const PROGRAMME_SLUG: &str = "programme-2027";

const CHARTER: &str = "# Charte des adhérentes et adhérents\n\
## Engagements\n\
Chaque adhérente et chaque adhérent s’engage à débattre avec respect, à argumenter ses amendements et à respecter les décisions prises collectivement.\n\
Les échanges internes ne sont pas publiés sans l’accord des personnes concernées.\n\
## Droits\n\
Chaque adhérente et chaque adhérent peut amender tout texte soumis à la consultation et connaître le sort réservé à ses amendements.\n\
Les décisions de la rédaction sont motivées et publiques pour les adhérents.";

/// Fills an empty database; `None` when it already holds accounts.
pub fn fill(site: &Site) -> ActionResult<Option<Vec<DemoAccount>>> {
    if accounts::has_users(site)? {
        return Ok(None);
    }
    let mut created = Vec::new();
    let mut users: Vec<User> = Vec::new();
    for (login, name, role) in PEOPLE {
        let password = new_secret().map_err(|e| ActionError::Internal(e.to_string()))?[..16].to_owned();
        let user = accounts::add_user(site, &NewAccount { login, name, role: *role, password: &password, email: "" })?;
        users.push(user);
        created.push(DemoAccount { login: (*login).to_owned(), role: *role, password });
    }
    let user = |login: &str| {
        users.iter().find(|u| u.login == login).ok_or(ActionError::Internal(format!("no demo user {login}")))
    };
    let drafter = user("sacha")?;
    let admin = user("admin")?;
    for (slug, title, description) in TOPICS {
        let topic = NewTopic { slug, title, description };
        topics::create_topic(site, Some(admin), &topic, &Acting::default())?;
    }

    let programme = NewText {
        slug: PROGRAMME_SLUG,
        title: "Programme pour une République écologique et solidaire",
        body: PROGRAMME_V1,
        summary: "Projet soumis à la consultation des adhérents",
        visibility: Visibility::Public,
        phase: Phase::Consultation,
        topic: Some(TOPICS[0].0),
    };
    texts::publish_text(site, Some(drafter), &programme, &Acting::default())?;
    let revision_2 = drafters_edit()?.join("\n");
    let edit =
        TextEdit { base: 1, body: &revision_2, summary: "Relecture du comité de rédaction", title: None, seen: None };
    texts::edit_text(site, Some(drafter), PROGRAMME_SLUG, &edit, &Acting::default())?;

    let mut to_merge = Vec::new();
    let mut proposed = Vec::new();
    for demo in AMENDMENTS {
        let author = user(demo.author)?;
        let lines: Vec<String> = demo.new_lines.iter().map(|line| (*line).to_owned()).collect();
        let proposal = Proposal {
            base: 2,
            start: demo.start,
            count: demo.count,
            new_lines: &lines,
            summary: demo.summary,
            rationale: demo.rationale,
            editorial: demo.editorial,
        };
        let amendment = amendments::propose(site, Some(author), PROGRAMME_SLUG, &proposal, &Acting::default())?.value;
        proposed.push(amendment.id);
        let accept = |modified: Option<&[String]>, note: &str| {
            let verdict = Verdict::Accept { modified_lines: modified };
            amendments::decide(site, Some(drafter), amendment.id, &verdict, note, &Acting::default())
        };
        match demo.fate {
            Fate::Open | Fate::Outdated | Fate::Rebased => {}
            Fate::Accepted => {
                accept(None, "")?;
            }
            Fate::AcceptedAsModified(wording) => {
                let wording: Vec<String> = wording.iter().map(|line| (*line).to_owned()).collect();
                accept(Some(&wording), "Accepté sur le fond, avec une rédaction plus précise.")?;
            }
            Fate::Rejected(note) => {
                amendments::decide(site, Some(drafter), amendment.id, &Verdict::Reject, note, &Acting::default())?;
            }
            Fate::Withdrawn => {
                amendments::withdraw(site, Some(author), amendment.id, &Acting::default())?;
            }
            Fate::Merged => {
                accept(None, "")?;
                to_merge.push((amendment.id, None));
            }
        }
    }
    let request = MergeRequest {
        base: 2,
        amendments: &to_merge,
        text_seen: None,
        summary: "Intégration des premiers amendements acceptés",
    };
    merge::merge(site, Some(drafter), PROGRAMME_SLUG, &request, &Acting::default())?;

    // The demo promises every state: check that the merge outdated and rewrote what it should.
    for (demo, id) in AMENDMENTS.iter().zip(&proposed) {
        let expected = match demo.fate {
            Fate::Open => AmendmentState::Open,
            Fate::Accepted | Fate::AcceptedAsModified(_) => AmendmentState::Accepted,
            Fate::Rejected(_) => AmendmentState::Rejected,
            Fate::Withdrawn => AmendmentState::Withdrawn,
            Fate::Merged => AmendmentState::Merged,
            Fate::Outdated => AmendmentState::Outdated,
            Fate::Rebased => AmendmentState::Open,
        };
        let amendment = amendments::amendment_detail(site, Some(drafter), None, *id)?.amendment;
        if amendment.state != expected || amendment.rebased != (demo.fate == Fate::Rebased) {
            let (state, rebased) = (amendment.state, amendment.rebased);
            return Err(ActionError::Internal(format!(
                "demo amendment {id} is {state} (rebased: {rebased}), expected {expected} ({:?})",
                demo.fate
            )));
        }
    }

    // The open amendments collect co-signatures: two are asked for, and some have them
    // while others are still collecting.
    let settings = Settings { min_supporters: Some(2), ..Settings::default() };
    settings::change_settings(site, Some(drafter), PROGRAMME_SLUG, &settings, &Acting::default())?;
    let signers: Vec<&User> = users.iter().filter(|user| user.role != Role::Admin).collect();
    let open = AMENDMENTS.iter().zip(&proposed).filter(|(demo, _)| demo.fate == Fate::Open);
    for (index, (demo, id)) in open.enumerate() {
        for member in signers.iter().filter(|member| member.login != demo.author).take(1 + index % 2) {
            supports::co_sign(site, Some(member), *id, &Acting::default())?;
        }
    }

    let charter = NewText {
        slug: "charte-des-adherents",
        title: "Charte des adhérentes et adhérents",
        body: CHARTER,
        summary: "Texte interne",
        visibility: Visibility::Members,
        // Still being written: members read it, drafters alone change it.
        phase: Phase::Drafting,
        topic: Some(TOPICS[1].0),
    };
    texts::publish_text(site, Some(drafter), &charter, &Acting::default())?;
    // The programme's consultation closes in twelve days.
    let deadline = Some(crate::store::now() + 12 * 86_400);
    let consultation = texts::PhaseMove { phase: Phase::Consultation, deadline, seen: None };
    texts::set_phase(site, Some(drafter), PROGRAMME_SLUG, &consultation, &Acting::default())?;

    // Members vote on the programme's open amendments, in secret (the default): each
    // with the ballot key their password unlocks, as when they log in.
    let voters: Vec<(&User, crate::auth::BallotKey)> = created
        .iter()
        .filter(|account| account.role != Role::Admin)
        .map(|account| {
            let (_, key) = accounts::authenticate(site, &account.login, &account.password, &Default::default())?;
            Ok((user(&account.login)?, key))
        })
        .collect::<ActionResult<_>>()?;
    let open: Vec<i64> =
        AMENDMENTS.iter().zip(&proposed).filter(|(demo, _)| demo.fate == Fate::Open).map(|(_, id)| *id).collect();
    for (index, id) in open.iter().enumerate() {
        for (rank, (voter, key)) in voters.iter().enumerate() {
            // Most amendments draw most members, some in favour, some against.
            let choice = match (index + rank) % 5 {
                0 | 1 | 3 => Vote::For,
                2 => Vote::Against,
                _ if rank % 2 == 0 => Vote::Abstain,
                _ => continue,
            };
            votes::vote(site, Some(voter), Some(key), *id, choice, &Acting::default())?;
        }
    }

    // A motion put to an open vote: members see who voted what.
    let motion = NewText {
        slug: MOTION_SLUG,
        title: "Motion sur la démocratie interne",
        body: MOTION,
        summary: "Motion soumise au vote des adhérents",
        visibility: Visibility::Public,
        phase: Phase::Consultation,
        topic: Some(TOPICS[1].0),
    };
    texts::publish_text(site, Some(drafter), &motion, &Acting::default())?;
    let settings = Settings { votes: Some(Secrecy::Open), ..Settings::default() };
    settings::change_settings(site, Some(drafter), MOTION_SLUG, &settings, &Acting::default())?;
    for (author, start, lines, summary, rationale) in MOTION_AMENDMENTS {
        let lines: Vec<String> = lines.iter().map(|line| (*line).to_owned()).collect();
        let proposal =
            Proposal { base: 1, start: *start, count: 1, new_lines: &lines, summary, rationale, editorial: false };
        let amendment =
            amendments::propose(site, Some(user(author)?), MOTION_SLUG, &proposal, &Acting::default())?.value;
        for (rank, (voter, key)) in voters.iter().enumerate() {
            let choice = [Vote::For, Vote::For, Vote::Against, Vote::Abstain][(rank + *start as usize) % 4];
            votes::vote(site, Some(voter), Some(key), amendment.id, choice, &Acting::default())?;
        }
    }
    discuss(site, &users, open.first().copied())?;

    // A question to members on an alinéa of the programme, answered in secret.
    let choices: Vec<String> =
        ["Oui, dès ce congrès", "Oui, au prochain", "Non"].iter().map(|choice| (*choice).to_owned()).collect();
    let asking = Asking {
        prompt: "Faut-il annexer au programme le chiffrage de chaque proposition ?",
        choices: &choices,
        line: Some(12),
        closes_at: crate::store::now() + 10 * 86_400,
    };
    let question = questions::ask(site, Some(drafter), PROGRAMME_SLUG, &asking, &Acting::default())?.value;
    for (rank, (voter, key)) in voters.iter().enumerate() {
        questions::answer(site, Some(voter), Some(key), question.id, [0, 0, 1, 2][rank % 4])?;
    }
    Ok(Some(created))
}

/// Comment threads on the programme: on alinéas, with replies, on an amendment, and one
/// a drafter hid, with its reason.
fn discuss(site: &Site, users: &[User], amendment: Option<i64>) -> ActionResult<()> {
    let user = |login: &str| {
        users.iter().find(|u| u.login == login).ok_or(ActionError::Internal(format!("no demo user {login}")))
    };
    let say = |login: &str, place: Place, body: &str| -> ActionResult<i64> {
        Ok(comments::comment(site, Some(user(login)?), PROGRAMME_SLUG, place, body, &Acting::default())?.value.id)
    };
    let on_line = |line: u32| Place { line: Some(line), ..Place::default() };
    let reply = |parent: i64| Place { parent: Some(parent), ..Place::default() };

    let ratios = say(
        "lea",
        on_line(17),
        "Des ratios fixés par la loi, oui, mais service par service : la réanimation et la gériatrie n'ont pas les mêmes besoins. Le code de la santé publique fixe déjà des normes pour certains services : https://www.legifrance.gouv.fr",
    )?;
    say(
        "yanis",
        reply(ratios),
        "D'accord, et il faudrait dire qui contrôle : une inspection indépendante plutôt que les agences régionales de santé.",
    )?;
    say(
        "sacha",
        reply(ratios),
        "La rédaction retient l'idée d'un contrôle indépendant ; une proposition d'amendement en ce sens serait bienvenue.",
    )?;
    let deserts = say(
        "nour",
        on_line(22),
        "Réguler l'installation a été tenté ailleurs : en Allemagne, le conventionnement sélectif existe depuis les années 1990. Il faudrait citer ce précédent.",
    )?;
    say(
        "camille",
        reply(deserts),
        "Et prévoir une exception pour les médecins qui remplacent un départ à la retraite.",
    )?;
    say(
        "yanis",
        on_line(34),
        "Vingt élèves par classe, c'est aussi des salles de classe en plus : qui les finance, les communes ?",
    )?;
    let off_topic = say("camille", on_line(3), "Quelqu'un a le numéro de la fédération du Rhône ?")?;
    let reason = "Sans rapport avec le texte : les coordonnées des fédérations sont sur l'annuaire interne.";
    comments::hide_comment(site, Some(user("sacha")?), off_topic, reason, &Acting::default())?;
    say(
        "lea",
        Place::default(),
        "Le programme gagnerait à chiffrer chaque proposition dans une annexe, pour qu'on puisse en débattre en connaissance de cause.",
    )?;
    if let Some(amendment) = amendment {
        let place = Place { amendment: Some(amendment), ..Place::default() };
        let first =
            say("nour", place, "Je co-signe, mais la formulation pourrait être plus précise sur le calendrier.")?;
        say("lea", reply(first), "Le calendrier est dans l'exposé des motifs ; on peut le remonter dans le texte.")?;
    }
    Ok(())
}

pub const MOTION_SLUG: &str = "motion-democratie-interne";

const MOTION: &str = "# Motion sur la démocratie interne\n\
Le congrès affirme que chaque adhérente et chaque adhérent doit pouvoir peser sur le programme du parti.\n\
Les amendements sont examinés publiquement et chaque décision de la rédaction est motivée.\n\
Une consultation interne est organisée au moins une fois par an sur les grandes orientations.\n\
Les mandats internes sont limités à deux mandats consécutifs.";

/// The motion's amendments: author, alinéa, new wording, summary, rationale.
const MOTION_AMENDMENTS: &[(&str, u32, &[&str], &str, &str)] = &[
    (
        "camille",
        4,
        &["Une consultation interne est organisée au moins deux fois par an sur les grandes orientations."],
        "Deux consultations par an",
        "Une consultation par an laisse trop de temps entre deux prises de parole des adhérents.",
    ),
    (
        "nour",
        5,
        &["Les mandats internes sont limités à trois mandats consécutifs."],
        "Trois mandats plutôt que deux",
        "Deux mandats empêchent de mener à terme les chantiers longs.",
    ),
];

/// The demo's topics: slug, title, description.
const TOPICS: &[(&str, &str, &str)] = &[
    (
        "projet",
        "Projet pour 2027",
        "Le programme que le parti présentera aux électeurs : écologie, solidarité, institutions.",
    ),
    (
        "vie-du-parti",
        "Vie du parti",
        "Les règles que les adhérentes et adhérents se donnent : statuts, charte, règlement intérieur.",
    ),
];

/// The programme after the drafter's edit: revision 1 with DRAFTER_EDIT applied.
fn drafters_edit() -> ActionResult<Vec<String>> {
    let first = normalise(PROGRAMME_V1);
    let replacements: Vec<Vec<String>> =
        DRAFTER_EDIT.iter().map(|edit| edit.new_lines.iter().map(|line| (*line).to_owned()).collect()).collect();
    let edits: Vec<Edit<'_, String>> = DRAFTER_EDIT
        .iter()
        .zip(&replacements)
        .map(|(edit, lines)| Edit { span: Span::new(edit.start as usize - 1, edit.count as usize), replacement: lines })
        .collect();
    apply_edits(&first, &edits).map(|merged| merged.items).map_err(|error| ActionError::Internal(error.to_string()))
}
