//! A deterministic congress-scale dataset for benchmarks: a national programme grown from
//! the corpus, its revisions, hundreds of members and thousands of open amendments of
//! realistic shapes, made through the same use cases as real work. Same seed, same data.

use std::path::Path;

use crate::actions::accounts::{self, Client, NewAccount};
use crate::actions::amendments::{self, Proposal, Verdict};
use crate::actions::comments::{self, Place};
use crate::actions::merge::{self, MergeRequest};
use crate::actions::questions::{self, Asking};
use crate::actions::texts::{self, NewText, TextEdit};
use crate::actions::{Acting, ActionError, ActionResult, Freshness, Site, supports, votes};
use crate::auth::BallotKey;
use crate::domain::model::User;
use crate::domain::text::normalise;
use crate::domain::{Phase, Role, Visibility, Vote};

/// The password of every account the dataset creates.
pub const PASSWORD: &str = "bench-password";
pub const PROGRAMME_SLUG: &str = "programme";
pub const CODE_SLUG: &str = "code";

/// How big a dataset to make.
#[derive(Clone, Copy, Debug)]
pub struct Scale {
    pub paragraphs: usize,
    pub revisions: u32,
    pub members: usize,
    pub open_amendments: usize,
    /// Open amendments on the second (large corpus) text.
    pub code_amendments: usize,
    /// Amendments of the programme each member votes on (secret ballots).
    pub votes_per_member: usize,
    /// Co-signatures of the programme's open amendments, in all.
    pub co_signatures: usize,
    /// Comments on the programme: on alinéas, on amendments, and replies.
    pub comments: usize,
    /// Questions asked on the programme, each answered by most members.
    pub questions: usize,
}

/// DESIGN.md's planning scale: a national party's programme.
pub const CONGRESS: Scale = Scale {
    paragraphs: 2_000,
    revisions: 50,
    members: 300,
    open_amendments: 3_000,
    code_amendments: 200,
    votes_per_member: 40,
    co_signatures: 6_000,
    comments: 3_000,
    questions: 3,
};

/// A small PRNG (SplitMix64): deterministic across platforms and versions, unlike `rand`'s.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`bound` > 0).
    pub fn below(&mut self, bound: usize) -> usize {
        (self.next_u64() % bound.max(1) as u64) as usize
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Grows a programme of `paragraphs` paragraphs from a corpus text: main headings kept, short
/// consecutive lines joined into paragraphs of at least 100 characters, the text cycled if
/// it runs out (each pass numbered, so no two paragraphs are equal).
pub fn programme(source: &[String], paragraphs: usize) -> Vec<String> {
    let mut out = Vec::with_capacity(paragraphs);
    let mut pass = 0;
    while out.len() < paragraphs && !source.is_empty() {
        pass += 1;
        let mark = |paragraph: String| if pass == 1 { paragraph } else { format!("{paragraph} ({pass})") };
        let mut current = String::new();
        for line in source {
            if out.len() >= paragraphs {
                break;
            }
            let level = line.bytes().take_while(|b| *b == b'#').count();
            if level >= 5 {
                // Article headings of a code: a programme has no such thing.
                continue;
            }
            if level > 0 {
                if !current.is_empty() {
                    out.push(mark(std::mem::take(&mut current)));
                }
                out.push(mark(line.clone()));
                continue;
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(line);
            if current.chars().count() >= 100 {
                out.push(mark(std::mem::take(&mut current)));
            }
        }
        if !current.is_empty() && out.len() < paragraphs {
            out.push(mark(current));
        }
    }
    out.truncate(paragraphs);
    out
}

const WORDS: &[&str] = &[
    "renforcée",
    "publique",
    "solidaire",
    "durable",
    "territoriale",
    "citoyenne",
    "immédiate",
    "progressive",
    "obligatoire",
    "transparente",
    "équitable",
    "européenne",
    "locale",
    "nationale",
    "annuelle",
    "gratuite",
];

/// One word of `line` replaced: the commonest amendment.
fn one_word_fix(line: &str, rng: &mut Rng) -> String {
    let words: Vec<&str> = line.split(' ').collect();
    let at = rng.below(words.len());
    let replacement = WORDS[rng.below(WORDS.len())];
    words.iter().enumerate().map(|(i, w)| if i == at { replacement } else { w }).collect::<Vec<_>>().join(" ")
}

/// A paragraph rewritten: its sentences in another order, with a few words changed.
fn rewrite(line: &str, rng: &mut Rng) -> String {
    let mut sentences: Vec<&str> = line.split(". ").collect();
    sentences.reverse();
    let mut rewritten = sentences.join(". ");
    for _ in 0..3 {
        rewritten = one_word_fix(&rewritten, rng);
    }
    if rewritten == line { format!("{line} Cette mesure est évaluée chaque année.") } else { rewritten }
}

fn new_paragraph(rng: &mut Rng) -> String {
    format!(
        "Nouvelle mesure {} : une politique {} et {} sera conduite avec les collectivités.",
        rng.below(10_000),
        WORDS[rng.below(WORDS.len())],
        WORDS[rng.below(WORDS.len())]
    )
}

/// An amendment of realistic shape on `lines`: (start, count, new lines), 1-based. Shapes:
/// one-word fixes, rewritten paragraphs, multi-line rewrites, insertions and deletions.
pub fn amendment_shape(lines: &[String], rng: &mut Rng) -> (u32, u32, Vec<String>) {
    if lines.is_empty() {
        return (1, 0, vec![new_paragraph(rng)]);
    }
    let len = lines.len();
    let at = rng.below(len);
    let roll = rng.below(100);
    let (start, count, new_lines) = if roll < 55 {
        (at, 1, vec![one_word_fix(&lines[at], rng)])
    } else if roll < 70 {
        (at, 1, vec![rewrite(&lines[at], rng)])
    } else if roll < 78 {
        let count = (2 + rng.below(2)).min(len - at);
        let rewritten = lines[at..at + count].iter().map(|line| one_word_fix(line, rng)).collect();
        (at, count, rewritten)
    } else if roll < 92 {
        let added = (0..1 + rng.below(2)).map(|_| new_paragraph(rng)).collect();
        (at, 0, added)
    } else {
        (at, 1 + rng.below(2).min(len - at - 1), Vec::new())
    };
    (start as u32 + 1, count as u32, new_lines)
}

fn internal(error: impl std::fmt::Display) -> ActionError {
    ActionError::Internal(error.to_string())
}

/// What was generated.
#[derive(Debug, Default)]
pub struct Generated {
    pub members: usize,
    pub revisions: u32,
    pub merged: usize,
    pub open: usize,
    pub outdated: usize,
    pub votes: usize,
    pub co_signatures: usize,
    pub comments: usize,
    pub answers: usize,
    pub notifications: u64,
}

/// Fills an empty database with the dataset grown from the corpus in `corpus_dir` (the
/// repository's `testdata/corpus`).
pub fn fill(site: &Site, corpus_dir: &Path, scale: Scale, seed: u64) -> ActionResult<Generated> {
    let read = |name: &str| {
        std::fs::read_to_string(corpus_dir.join(name).join("rev-0001.txt"))
            .map_err(|error| internal(format!("reading the corpus {name}: {error}")))
    };
    let code = normalise(&read("code-propriete-intellectuelle")?);
    let mut rng = Rng::new(seed);
    let mut generated = Generated::default();

    let drafter = accounts::add_user(site, &account("redaction", Role::Drafter))?;
    let mut members: Vec<User> = Vec::with_capacity(scale.members);
    for number in 1..=scale.members {
        members.push(accounts::add_user(site, &account(&format!("membre{number:03}"), Role::Member))?);
    }
    generated.members = members.len();

    let programme_lines = programme(&code, scale.paragraphs);
    let new = NewText {
        slug: PROGRAMME_SLUG,
        title: "Programme national",
        body: &programme_lines.join("\n"),
        summary: "Projet",
        visibility: Visibility::Public,
        phase: Phase::Consultation,
        topic: None,
    };
    texts::publish_text(site, Some(&drafter), &new, &Acting::default())?;

    // The history: full-text edits and merges of accepted amendments, in turn.
    let mut head = 1;
    while head < scale.revisions {
        let (_, current) = texts::revision(site, Some(&drafter), PROGRAMME_SLUG, None)?;
        let lines = current.lines.clone();
        if head % 2 == 1 {
            let mut edited = lines.clone();
            for _ in 0..4 {
                let at = rng.below(edited.len());
                edited[at] = one_word_fix(&edited[at], &mut rng);
            }
            let body = edited.join("\n");
            let edit = TextEdit { base: head, body: &body, summary: "Relecture", title: None, seen: None };
            head = texts::edit_text(site, Some(&drafter), PROGRAMME_SLUG, &edit, &Acting::default())?.value;
        } else {
            let mut ids = Vec::new();
            let mut taken: Vec<(u32, u32)> = Vec::new();
            while ids.len() < 10 {
                let (start, count, new_lines) = amendment_shape(&lines, &mut rng);
                let span = crate::domain::span::Span::new(start as usize - 1, count as usize);
                if taken.iter().any(|&(s, c)| span.collides(crate::domain::span::Span::new(s as usize - 1, c as usize)))
                {
                    continue;
                }
                let author = &members[rng.below(members.len())];
                let id = propose(site, author, head, start, count, &new_lines)?;
                let verdict = Verdict::Accept { modified_lines: None };
                amendments::decide(site, Some(&drafter), id, &verdict, "", &Acting::default())?;
                taken.push((start, count));
                ids.push((id, None));
            }
            let request = MergeRequest { base: head, amendments: &ids, text_seen: None, summary: "" };
            head = merge::merge(site, Some(&drafter), PROGRAMME_SLUG, &request, &Acting::default())?.value.head;
            generated.merged += ids.len();
        }
    }
    generated.revisions = head;

    // The open amendments on the head, some competing for the same lines.
    let (_, current) = texts::revision(site, Some(&drafter), PROGRAMME_SLUG, None)?;
    let mut anchors: Vec<(u32, u32)> = Vec::new();
    let mut open_ids: Vec<(i64, i64)> = Vec::with_capacity(scale.open_amendments);
    while generated.open < scale.open_amendments {
        let author = &members[rng.below(members.len())];
        let competing = !anchors.is_empty() && rng.chance(12);
        let (start, count, new_lines) = if competing {
            let (start, count) = anchors[rng.below(anchors.len())];
            let replaced = &current.lines[start as usize - 1..(start + count) as usize - 1];
            let rewritten: Vec<String> = if replaced.is_empty() {
                vec![new_paragraph(&mut rng)]
            } else {
                replaced.iter().map(|line| one_word_fix(line, &mut rng)).collect()
            };
            (start, count, rewritten)
        } else {
            amendment_shape(&current.lines, &mut rng)
        };
        match propose(site, author, head, start, count, &new_lines) {
            Ok(id) => {
                open_ids.push((id, author.id));
                anchors.push((start, count));
                generated.open += 1;
            }
            // A random rewrite can land on the very wording it replaces: draw again.
            Err(ActionError::Invalid(crate::actions::Invalid::NoChange)) => {}
            Err(error) => return Err(error),
        }
    }

    participate(site, &drafter, &members, &open_ids, scale, &mut rng, &mut generated)?;

    // The large corpus text as a second text, with its own amendments.
    let second = NewText {
        slug: CODE_SLUG,
        title: "Code de la propriété intellectuelle",
        body: &code.join("\n"),
        summary: "Version consolidée au 20 novembre 1998",
        visibility: Visibility::Public,
        phase: Phase::Consultation,
        topic: None,
    };
    texts::publish_text(site, Some(&drafter), &second, &Acting::default())?;
    let mut placed = 0;
    while placed < scale.code_amendments {
        let author = &members[rng.below(members.len())];
        let (start, count, new_lines) = amendment_shape(&code, &mut rng);
        let proposal = Proposal {
            base: 1,
            start,
            count,
            new_lines: &new_lines,
            summary: "",
            rationale: "Clarification.",
            editorial: false,
        };
        match amendments::propose(site, Some(author), CODE_SLUG, &proposal, &Acting::default()) {
            Ok(_) => placed += 1,
            Err(ActionError::Invalid(crate::actions::Invalid::NoChange)) => {}
            Err(error) => return Err(error),
        }
    }
    // Members were told of all this as it happened: the notifier catches up here, so that
    // the server starts with the notifications a real congress would have, and no backlog.
    let settings = crate::actions::notifications::RoundSettings { emailing: false, digest_every: 24 * 3600 };
    while crate::actions::notifications::notify_round(site, settings, crate::store::now())? > 0 {}
    generated.notifications = site.store.read(|tx| Ok::<_, ActionError>(crate::store::count_notifications(tx)?))?;
    Ok(generated)
}

/// The members' voices on the programme's open amendments (`open`: id and author): secret
/// votes, co-signatures, comments on alinéas and amendments with replies, and questions
/// answered, each through its use case, as members' own sessions would.
fn participate(
    site: &Site,
    drafter: &User,
    members: &[User],
    open: &[(i64, i64)],
    scale: Scale,
    rng: &mut Rng,
    generated: &mut Generated,
) -> ActionResult<()> {
    if open.is_empty() || members.is_empty() {
        return Ok(());
    }
    let paragraphs = texts::revision(site, Some(drafter), PROGRAMME_SLUG, None)?.1.lines.len().max(1);
    // Each member's ballot key, as their session would hold it.
    let mut keys: Vec<BallotKey> = Vec::with_capacity(members.len());
    for member in members {
        keys.push(accounts::log_in(site, &member.login, PASSWORD, &Client::at(None))?.ballot_key);
    }
    let acting = Acting::default();
    for (member, key) in members.iter().zip(&keys) {
        for _ in 0..scale.votes_per_member.min(open.len()) {
            let (id, _) = open[rng.below(open.len())];
            let choice = match rng.below(10) {
                0..=4 => Vote::For,
                5..=7 => Vote::Against,
                _ => Vote::Abstain,
            };
            if votes::vote(site, Some(member), Some(key), id, choice, &acting)?.freshness == Freshness::New {
                generated.votes += 1;
            }
        }
    }
    let mut tries = 0;
    while generated.co_signatures < scale.co_signatures && tries < scale.co_signatures * 4 {
        tries += 1;
        let (id, author) = open[rng.below(open.len())];
        let member = &members[rng.below(members.len())];
        if member.id == author {
            continue;
        }
        if supports::co_sign(site, Some(member), id, &acting)?.freshness == Freshness::New {
            generated.co_signatures += 1;
        }
    }
    let mut threads: Vec<i64> = Vec::new();
    while generated.comments < scale.comments {
        let member = &members[rng.below(members.len())];
        let roll = rng.below(100);
        let place = if roll < 20 && !threads.is_empty() {
            Place { parent: Some(threads[rng.below(threads.len())]), ..Place::default() }
        } else if roll < 55 {
            Place { amendment: Some(open[rng.below(open.len())].0), ..Place::default() }
        } else {
            Place { line: Some(1 + rng.below(paragraphs) as u32), ..Place::default() }
        };
        let body = COMMENTS[rng.below(COMMENTS.len())];
        let comment = comments::comment(site, Some(member), PROGRAMME_SLUG, place, body, &acting)?.value;
        if place.parent.is_none() {
            threads.push(comment.id);
        }
        generated.comments += 1;
    }
    let closes_at = crate::store::now() + 30 * 86_400;
    for number in 0..scale.questions {
        let choices: Vec<String> = ["Oui", "Non", "Sans avis"].iter().map(|choice| choice.to_string()).collect();
        let line = (number % 2 == 1).then(|| 1 + rng.below(paragraphs) as u32);
        let asking = Asking {
            prompt: &format!("Question {} : faut-il retenir cette orientation ?", number + 1),
            choices: &choices,
            line,
            closes_at,
        };
        let question = questions::ask(site, Some(drafter), PROGRAMME_SLUG, &asking, &acting)?.value;
        for (member, key) in members.iter().zip(&keys) {
            if rng.chance(70) {
                questions::answer(site, Some(member), Some(key), question.id, rng.below(choices.len()))?;
                generated.answers += 1;
            }
        }
    }
    Ok(())
}

const COMMENTS: &[&str] = &[
    "Je soutiens cette rédaction, elle clarifie le texte.",
    "Cette formulation me semble trop vague : que recouvre-t-elle concrètement ?",
    "Voir aussi la motion adoptée au dernier congrès sur ce point : https://exemple.org/motion",
    "Il faudrait chiffrer cette mesure avant de la retenir.",
    "D'accord sur le fond, mais l'alinéa suivant dit déjà presque la même chose.",
    "Notre section a débattu de ce passage : une majorité souhaite le garder tel quel.",
];

fn account(login: &str, role: Role) -> NewAccount<'_> {
    NewAccount { login, name: login, role, password: PASSWORD, email: "" }
}

fn propose(site: &Site, author: &User, base: u32, start: u32, count: u32, new_lines: &[String]) -> ActionResult<i64> {
    let proposal = Proposal {
        base,
        start,
        count,
        new_lines,
        summary: "",
        rationale: "Cet amendement précise la rédaction et en renforce la portée.",
        editorial: false,
    };
    Ok(amendments::propose(site, Some(author), PROGRAMME_SLUG, &proposal, &Acting::default())?.value.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_amendments() {
        let lines: Vec<String> = (0..50).map(|n| format!("Paragraphe {n}. Une phrase. Une autre phrase.")).collect();
        let draw = |seed| {
            let mut rng = Rng::new(seed);
            (0..100).map(|_| amendment_shape(&lines, &mut rng)).collect::<Vec<_>>()
        };
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7), draw(8));
        for (start, count, _) in draw(7) {
            assert!(start >= 1 && (start + count) as usize <= lines.len() + 1);
        }
    }

    #[test]
    fn a_programme_has_the_paragraphs_asked() {
        let source: Vec<String> = (0..30).map(|n| format!("Ligne {n} du texte source.")).collect();
        let grown = programme(&source, 100);
        assert_eq!(grown.len(), 100);
        let unique: std::collections::HashSet<_> = grown.iter().collect();
        assert_eq!(unique.len(), grown.len());
    }
}
