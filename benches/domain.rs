//! Domain and rendering benchmarks at congress scale (DESIGN.md "Performance targets"):
//! a diff of two large revisions, the pure work of a full-text edit, a merge of 500 accepted amendments with the rebase of
//! 2,500 others, 3,000 inline word diffs, and the markup of the text and review pages.
//! Data is the deterministic dataset of `redraft::dataset`, grown from the corpus.

#[path = "../tests/common/corpus.rs"]
mod corpus;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use redraft::actions::amendments::AmendmentItem;
use redraft::actions::listing::{Filter, Listing, Page};
use redraft::actions::texts::TextPage;
use redraft::dataset::{Rng, amendment_shape, programme};
use redraft::domain::alternatives::{Rival, alternatives};
use redraft::domain::change::diff_lines;
use redraft::domain::limits::check_body;
use redraft::domain::merge::{Edit, apply_edits};
use redraft::domain::model::{Amendment, Person, Revision, RevisionInfo, RevisionKind, Text};
use redraft::domain::printed::{Layout, Printing, print};
use redraft::domain::provenance::{self, MergedAmendment};
use redraft::domain::rebase::{Rebased, Rebaser};
use redraft::domain::reconcile::{merge_lines, rebase_amendment};
use redraft::domain::span::{Anchor, Span};
use redraft::domain::text::normalise;
use redraft::domain::words::compare_lines;
use redraft::domain::{AmendmentState, Phase, Role, Visibility};
use redraft::i18n::Lang;
use redraft::views::Frame;

struct Dataset {
    lines: Vec<String>,
    /// (span, proposed lines) of 3,000 amendments on `lines`.
    amendments: Vec<(Span, Vec<String>)>,
}

fn dataset() -> Dataset {
    let code = corpus::load("code-propriete-intellectuelle");
    let lines = programme(&code.revisions[0], 2_000);
    let mut rng = Rng::new(2027);
    let amendments = (0..3_000)
        .map(|_| {
            let (start, count, new_lines) = amendment_shape(&lines, &mut rng);
            (Span::new(start as usize - 1, count as usize), new_lines)
        })
        .collect();
    Dataset { lines, amendments }
}

fn person() -> Person {
    Person { id: 1, login: "membre001".into(), name: "Membre 001".into() }
}

fn text(head: u32) -> Text {
    Text {
        id: 1,
        slug: "programme".into(),
        title: "Programme national".into(),
        prefix: "PROG".into(),
        phase: Phase::Consultation,
        deadline: None,
        visibility: Visibility::Public,
        topic: None,
        min_supporters: 0,
        votes: redraft::domain::Secrecy::Secret,
        max_open_per_member: 0,
        printed_width: 80,
        head,
        created_at: 1_795_600_000,
        updated_at: 1_795_600_000,
        amendments_version: 1,
    }
}

fn revision(number: u32, lines: Vec<String>) -> Revision {
    let info = RevisionInfo {
        number,
        title: "Programme".into(),
        author: person(),
        summary: "Relecture".into(),
        kind: RevisionKind::Edited,
        line_count: lines.len() as u32,
        created_at: 1_795_600_000,
        printing: Printing::current(80),
    };
    let provenance = provenance::first(number, lines.len());
    Revision::new(info, lines, provenance, Vec::new())
}

fn amendment(id: i64, span: Span, new_lines: &[String]) -> Amendment {
    Amendment {
        id,
        text_id: 1,
        text_slug: "programme".into(),
        number: id as u32,
        reference: format!("PROG-{id}"),
        author: person(),
        state: AmendmentState::Open,
        anchor: Anchor::from_span(50, span),
        new_lines: new_lines.to_vec(),
        decided_lines: None,
        summary: String::new(),
        rationale: "Cet amendement précise la rédaction et en renforce la portée.".into(),
        merged_into: None,
        version: 1,
        wording: 1,
        supporters: 0,
        earlier_supporters: 0,
        rebased: false,
        editorial: false,
        tally: Default::default(),
        created_at: 1_795_600_000,
        updated_at: 1_795_600_000,
    }
}

fn bench_diff(c: &mut Criterion) {
    let code = corpus::load("code-propriete-intellectuelle");
    let (first, last) = (&code.revisions[0], &code.revisions[code.revisions.len() - 1]);
    c.bench_function("diff of two revisions of the 5,200-line code (1 → 12)", |b| {
        b.iter(|| black_box(diff_lines(black_box(first), black_box(last))))
    });
}

fn bench_edit(c: &mut Criterion) {
    let head = normalise(&dataset().lines.join("\n"));
    let mut edited = head.clone();
    let middle = edited.len() / 2;
    edited[middle].push_str(" (relu)");
    let body = edited.join("\n");
    c.bench_function("full-text edit of 2,000 paragraphs: normalise, check, diff", |b| {
        b.iter(|| {
            let lines = normalise(black_box(&body));
            black_box(check_body(&body, &lines).is_ok());
            black_box(diff_lines(&head, &lines))
        })
    });
}

fn bench_printed(c: &mut Criterion) {
    let lines = normalise(&dataset().lines.join("\n"));
    c.bench_function("printed layout of 2,000 paragraphs (rule 10, once per revision read)", |b| {
        b.iter(|| black_box(Layout::of(black_box(&lines), Printing::current(80))))
    });
    c.bench_function("line view of 2,000 paragraphs: every printed line", |b| {
        b.iter(|| black_box(print(black_box(&lines), Printing::current(80))))
    });
}

fn bench_alternatives(c: &mut Criterion) {
    let data = dataset();
    let rivals: Vec<Rival<'_>> = data
        .amendments
        .iter()
        .zip(0u32..)
        .map(|((span, lines), number)| Rival { span: *span, lines, number })
        .collect();
    let groups = alternatives(&data.lines, &rivals);
    println!("{} groups, complete: {}", groups.groups.len(), groups.complete);
    c.bench_function("competing amendments grouped: 3,000 on one head (the drafters' alternatives page)", |b| {
        b.iter(|| black_box(alternatives(black_box(&data.lines), &rivals)))
    });
}

fn bench_merge(c: &mut Criterion) {
    let data = dataset();
    // 500 amendments that can merge together, and 2,500 others to carry over.
    let mut accepted: Vec<usize> = Vec::new();
    for (index, (span, _)) in data.amendments.iter().enumerate() {
        if accepted.len() < 500 && accepted.iter().all(|&other| !data.amendments[other].0.collides(*span)) {
            accepted.push(index);
        }
    }
    let others: Vec<Span> = (0..data.amendments.len())
        .filter(|index| !accepted.contains(index))
        .map(|index| data.amendments[index].0)
        .take(2_500)
        .collect();
    let origins = provenance::first(1, data.lines.len());
    let merged: Vec<MergedAmendment<'_>> = accepted
        .iter()
        .map(|&index| MergedAmendment {
            id: index as i64,
            span: data.amendments[index].0,
            new_lines: &data.amendments[index].1,
        })
        .collect();
    c.bench_function("merge of 500 accepted amendments + rebase of 2,500 others", |b| {
        b.iter(|| {
            let edits: Vec<Edit<'_, String>> =
                merged.iter().map(|m| Edit { span: m.span, replacement: m.new_lines }).collect();
            let result = apply_edits(&data.lines, &edits).expect("no collision");
            let origins = provenance::after_merge(&origins, &data.lines, &merged, &[], 2).expect("provenance");
            let rebaser = Rebaser::new(&result.changes);
            let rebased: Vec<_> = others.iter().map(|span| rebaser.rebase(*span)).collect();
            black_box((result.items.len(), origins.len(), rebased.len()))
        })
    });
}

/// The same merge, with word-level reconciliation (rule 9) at work: 100 of the accepted
/// amendments on one alinéa are each replaced by two amendments changing different words
/// of it (one its start, one its end), reconciled word by word; then every other amendment
/// is rebased, each touched one tried word by word before being outdated.
fn bench_merge_words(c: &mut Criterion) {
    let data = dataset();
    let mut accepted: Vec<usize> = Vec::new();
    for (index, (span, _)) in data.amendments.iter().enumerate() {
        if accepted.len() < 500 && accepted.iter().all(|&other| !data.amendments[other].0.collides(*span)) {
            accepted.push(index);
        }
    }
    let others: Vec<(Span, Vec<String>)> = (0..data.amendments.len())
        .filter(|index| !accepted.contains(index))
        .map(|index| data.amendments[index].clone())
        .take(2_500)
        .collect();
    let mut edits: Vec<(Span, Vec<String>)> = Vec::new();
    let mut paired = 0;
    for &index in &accepted {
        let (span, lines) = &data.amendments[index];
        let line = span.count == 1 && paired < 100 && data.lines[span.start].split(' ').count() >= 3;
        if line {
            let original = &data.lines[span.start];
            edits.push((*span, vec![format!("Désormais, {original}")]));
            edits.push((*span, vec![format!("{original} (révisé)")]));
            paired += 1;
        } else {
            edits.push((*span, lines.clone()));
        }
    }
    assert_eq!(paired, 100, "enough one-alinéa amendments to pair");
    c.bench_function("merge of 500 amendments, 100 pairs reconciled by words + rebase of 2,500 others by words", |b| {
        b.iter(|| {
            let line_edits: Vec<Edit<'_, String>> =
                edits.iter().map(|(span, lines)| Edit { span: *span, replacement: lines }).collect();
            let merge = merge_lines(&data.lines, &line_edits).expect("no overlapping words");
            let rebaser = Rebaser::new(&merge.merged.changes);
            let mut rewritten = 0;
            for (span, lines) in &others {
                if rebaser.rebase(*span) == Rebased::Touched {
                    let passage = rebaser.passage(*span);
                    let rebased = rebase_amendment(&data.lines, &merge.merged.items, *span, passage, &[lines]);
                    rewritten += usize::from(rebased.is_some());
                }
            }
            black_box((merge.merged.items.len(), merge.groups.len(), rewritten))
        })
    });
}

fn bench_word_diffs(c: &mut Criterion) {
    let data = dataset();
    c.bench_function("inline word diffs of 3,000 amendments", |b| {
        b.iter(|| {
            let mut rows = 0;
            for (span, proposed) in &data.amendments {
                rows += compare_lines(&data.lines[span.start..span.end()], proposed).len();
            }
            black_box(rows)
        })
    });
}

fn bench_pages(c: &mut Criterion) {
    let data = dataset();
    let user = redraft::domain::model::User {
        id: 1,
        login: "redaction".into(),
        name: "Rédaction".into(),
        role: Role::Drafter,
    };
    let frame = Frame {
        lang: Lang::FR,
        user: Some(&user),
        unread: 3,
        origin: "https://redraft.example",
        csrf: "0123456789abcdef",
        once: "fedcba",
        here: "/texts/programme",
    };
    let mut amendments_per_line = vec![0u32; data.lines.len()];
    for (span, _) in &data.amendments {
        for count in amendments_per_line.iter_mut().skip(span.start).take(span.count.max(1)) {
            *count += 1;
        }
    }
    let page = TextPage {
        text: text(50),
        revision: revision(50, data.lines.clone()).into(),
        margin: std::sync::Arc::new(redraft::actions::Margin {
            amendments: amendments_per_line,
            comments: vec![0; data.lines.len()],
        }),
        now: 1_765_000_000,
        following: Some(true),
        news: None,
        record_visit: None,
        changed_since: None,
    };
    c.bench_function("text page markup (2,000 paragraphs, margin counts)", |b| {
        b.iter(|| {
            let lines = redraft::views::text::text_lines(Lang::FR, &page);
            black_box(redraft::views::text::text_page(&frame, &page, lines).into_string().len())
        })
    });

    let items: Vec<AmendmentItem> = data
        .amendments
        .iter()
        .enumerate()
        .map(|(index, (span, proposed))| AmendmentItem {
            amendment: amendment(index as i64 + 1, *span, proposed).into(),
            anchored_lines: data.lines[span.start..span.end()].to_vec(),
            printed: 1..=1,
        })
        .collect();
    let matching = items.len();
    let review = Listing {
        text: text(50),
        head: revision(50, data.lines.clone()).into(),
        filter: Filter::default(),
        page: Page::Everything,
        items,
        matching,
        pages: 1,
        by_state: [(redraft::domain::AmendmentState::Open, matching)].into(),
        to_decide: matching,
        authors: Vec::new(),
        sections: Vec::new(),
        editorial: Vec::new(),
    };
    let state = redraft::views::review::ReviewState::default();
    let mut group = c.benchmark_group("pages");
    group.sample_size(10);
    group.bench_function("review page markup (3,000 amendments on one page, with inline diffs)", |b| {
        b.iter(|| {
            let items = maud::html! {
                @for item in &review.items {
                    (redraft::views::review::review_item(Lang::FR, frame.tokens(), item, 50, 0, false))
                }
            };
            black_box(redraft::views::review::review_page(&frame, &review, &state, items).into_string().len())
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    bench_diff,
    bench_edit,
    bench_alternatives,
    bench_printed,
    bench_merge,
    bench_merge_words,
    bench_word_diffs,
    bench_pages
);
criterion_main!(benches);
