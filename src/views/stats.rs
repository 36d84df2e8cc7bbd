//! Participation at a glance: a text's or a topic's figures drawn as SVG by the server (no
//! chart script), each chart with its numbers in words or in a table beside it, readable at
//! 360 px.

use maud::{Markup, html};

use super::Frame;
use super::components::state_badge;
use super::fates::record_list;
use super::layout::{Head, page};
use super::text::text_nav;
use crate::actions::stats::{Activity, Participation, TextStats, TopicStats};
use crate::domain::fate::Record;
use crate::domain::stats::Period;
use crate::i18n::{Arg, K, Lang};

/// A text's participation page.
pub fn text_stats_page(frame: &Frame<'_>, stats: &TextStats) -> Markup {
    let lang = frame.lang;
    let text = &stats.text;
    let title = format!("{} · {}", lang.t(K::StatsTitle), text.title);
    let content = html! {
        header.text-header {
            p.kicker { a href={ "/texts/" (text.slug) } dir="auto" { (text.title) } }
            h1 { (lang.t(K::StatsTitle)) }
            p.lead {
                (lang.f(K::StatsAmendmentsAuthors, &[
                    Arg::count("amendments", stats.record.total),
                    Arg::count("authors", stats.authors),
                ]))
            }
            (text_nav(frame, text, "stats"))
        }
        section.stats {
            h2 { (lang.t(K::StatsBySection)) }
            p.hint { (lang.t(K::StatsBySectionHint)) }
            (heat_strip(lang, &text.slug, stats))
        }
        section.stats {
            h2 { (lang.t(K::StatsFates)) }
            (fates(lang, &stats.record))
        }
        section.stats {
            h2 { (lang.t(K::StatsActivity)) }
            (activity(lang, &stats.activity))
        }
        section.stats {
            h2 { (lang.t(K::StatsAmongMembers)) }
            @match &stats.participation {
                Some(participation) => (members(lang, participation)),
                None => p { (lang.t(K::StatsMembersOnly)) },
            }
        }
    };
    let private = text.visibility == crate::domain::Visibility::Members;
    page(frame, Head { title: &title, private, ..Head::default() }, content)
}

/// The parts of the text side by side, as wide as they are long, darker for more
/// amendments; then the parts that drew any, in the text's order, with their counts.
fn heat_strip(lang: Lang, slug: &str, stats: &TextStats) -> Markup {
    let lines: usize = stats.sections.iter().map(|section| section.len).sum::<usize>().max(1);
    let most = stats.per_section.iter().copied().max().unwrap_or(0).max(1);
    let title = |section: &crate::domain::stats::Section| {
        if section.title.is_empty() { lang.t(K::StatsStartOfText).to_owned() } else { section.title.clone() }
    };
    html! {
        @if stats.sections.is_empty() {
            p { (lang.t(K::StatsNone)) }
        } @else {
            svg.heat viewBox="0 0 1000 48" preserveAspectRatio="none" role="img"
                aria-label=(lang.t(K::StatsBySection)) {
                @for (section, count) in stats.sections.iter().zip(&stats.per_section) {
                    @let x = section.start * 1000 / lines;
                    @let width = ((section.start + section.len) * 1000 / lines).saturating_sub(x).max(1);
                    // At least a trace of colour, so that parts stay visible side by side.
                    @let strength = 0.06 + 0.94 * f64::from(*count) / f64::from(most);
                    rect.part x=(x) y="0" width=(width) height="48" fill-opacity=(format!("{strength:.2}")) {
                        title { (title(section)) " · " (lang.f(K::StatsAmendmentCount, &[Arg::count("count", *count)])) }
                    }
                }
            }
            ol.sections {
                @for (section, count) in stats.sections.iter().zip(&stats.per_section).filter(|(_, count)| **count > 0) {
                    li {
                        a href={ "/texts/" (slug) "#l" (section.start + 1) } dir="auto" { (title(section)) }
                        " · " (lang.f(K::StatsAmendmentCount, &[Arg::count("count", *count)]))
                    }
                }
            }
        }
    }
}

/// What became of the amendments: one bar cut in shares, then the counts.
fn fates(lang: Lang, record: &Record) -> Markup {
    let parts = [
        ("adopted", record.adopted),
        ("accepted", record.accepted),
        ("rejected", record.rejected),
        ("withdrawn", record.withdrawn),
        ("outdated", record.outdated),
        ("open", record.open),
    ];
    let total = record.total.max(1);
    // Each share's place on the bar: (name, x, width), out of 1,000.
    let mut at = 0;
    let shares: Vec<(&str, usize, usize)> = parts
        .iter()
        .map(|(name, count)| {
            let width = count * 1000 / total;
            at += width;
            (*name, at - width, width)
        })
        .filter(|(_, _, width)| *width > 0)
        .collect();
    html! {
        @if record.total == 0 {
            p { (lang.t(K::StatsNone)) }
        } @else {
            svg.shares viewBox="0 0 1000 24" preserveAspectRatio="none" aria-hidden="true" focusable="false" {
                @for (name, x, width) in &shares {
                    rect class={ "fate-" (name) } x=(x) y="0" width=(width) height="24" {}
                }
            }
            (record_list(lang, record))
        }
    }
}

/// Activity over time: a bar per week or month, its series stacked, then the figures in a
/// table that opens without script.
fn activity(lang: Lang, activity: &Activity) -> Markup {
    let series: &[(&str, K)] = if activity.with_comments {
        &[
            ("filed", K::StatsSeriesAmendments),
            ("decided", K::StatsSeriesDecisions),
            ("commented", K::StatsSeriesComments),
        ]
    } else {
        &[("filed", K::StatsSeriesAmendments), ("decided", K::StatsSeriesDecisions)]
    };
    let buckets = &activity.buckets;
    let most = buckets.iter().map(|bucket| bucket.counts.iter().sum::<u32>()).max().unwrap_or(0).max(1);
    let width = 40;
    let (from, to) = match (buckets.first(), buckets.last()) {
        (Some(first), Some(last)) => (lang.date(first.start), lang.date(last.start)),
        _ => (String::new(), String::new()),
    };
    let period = match activity.period {
        Period::Week => K::StatsPerWeek,
        Period::Month => K::StatsPerMonth,
    };
    html! {
        p { (lang.f(period, &[Arg::text("from", from), Arg::text("to", to)])) }
        svg.activity viewBox={ "0 0 " (buckets.len().max(1) * width) " 100" } preserveAspectRatio="none"
            role="img" aria-label=(lang.t(K::StatsActivity)) {
            @for (index, bucket) in buckets.iter().enumerate() {
                @for (name, y, height) in stacked(series, &bucket.counts, most) {
                    rect class={ "series-" (name) } x=(index * width + 4) y=(y) width=(width - 8) height=(height) {}
                }
            }
        }
        ul.legend {
            @for (name, label) in series {
                li { span class={ "swatch series-" (name) } {} " " (lang.t(*label)) }
            }
        }
        details {
            summary { (lang.t(K::StatsSeeFigures)) }
            table.figures {
                thead { tr { th scope="col" { (lang.t(K::StatsFrom)) } @for (_, label) in series { th scope="col" { (lang.t(*label)) } } } }
                tbody {
                    @for bucket in buckets.iter().rev() {
                        tr { th scope="row" { (lang.date(bucket.start)) } @for count in &bucket.counts { td { (count) } } }
                    }
                }
            }
        }
    }
}

/// A bar's series stacked from the bottom of a 100-high chart whose tallest bar counts
/// `most`: (series name, y, height) of each part that shows.
fn stacked<'a>(series: &[(&'a str, K)], counts: &[u32], most: u32) -> Vec<(&'a str, u32, u32)> {
    let mut top = 100u32;
    series
        .iter()
        .zip(counts)
        .filter_map(|((name, _), count)| {
            let height = count * 96 / most.max(1);
            top = top.saturating_sub(height);
            (height > 0).then_some((*name, top, height))
        })
        .collect()
}

/// Co-signatures, votes and comments counted, and the amendments that drew the most.
fn members(lang: Lang, participation: &Participation) -> Markup {
    html! {
        p {
            (lang.f(K::StatsMembersCounts, &[
                Arg::count("cosignatures", participation.co_signatures),
                Arg::count("votes", participation.votes),
                Arg::count("comments", participation.comments),
            ]))
        }
        @if !participation.most_supported.is_empty() {
            h3 { (lang.t(K::StatsMostSupported)) }
            ol.ranking {
                @for amendment in &participation.most_supported {
                    li {
                        a href={ "/amendments/" (amendment.id) } { (amendment.reference) } " " (state_badge(lang, amendment.state))
                        " · " (lang.f(K::CoSignersCount, &[Arg::count("count", amendment.supporters + amendment.earlier_supporters)]))
                        @if !amendment.summary.is_empty() { br; span dir="auto" { (amendment.summary) } }
                    }
                }
            }
        }
        @if !participation.most_voted.is_empty() {
            h3 { (lang.t(K::StatsMostVoted)) }
            ol.ranking {
                @for amendment in &participation.most_voted {
                    li {
                        a href={ "/amendments/" (amendment.id) } { (amendment.reference) } " " (state_badge(lang, amendment.state))
                        @if !amendment.summary.is_empty() { " " span dir="auto" { (amendment.summary) } }
                        (super::components::tally_bars(lang, amendment.tally))
                    }
                }
            }
        }
    }
}

/// A topic's participation page: its texts together, then each.
pub fn topic_stats_page(frame: &Frame<'_>, stats: &TopicStats) -> Markup {
    let lang = frame.lang;
    let topic = &stats.topic;
    let title = format!("{} · {}", lang.t(K::StatsTitle), topic.title);
    let content = html! {
        p.kicker { a href={ "/topics/" (topic.slug) } dir="auto" { (topic.title) } }
        h1 { (lang.t(K::StatsTitle)) }
        section.stats {
            h2 { (lang.t(K::StatsFates)) }
            (fates(lang, &stats.record))
        }
        section.stats {
            h2 { (lang.t(K::StatsActivity)) }
            (activity(lang, &stats.activity))
        }
        section.stats {
            h2 { (lang.t(K::StatsTopicTexts)) }
            table.figures {
                thead { tr { th scope="col" { (lang.t(K::StatsText)) } th scope="col" { (lang.t(K::StatsAmendments)) } th scope="col" { (lang.t(K::StatsAdopted)) } } }
                tbody {
                    @for entry in &stats.texts {
                        tr {
                            th scope="row" { a href={ "/texts/" (entry.text.slug) "/stats" } dir="auto" { (entry.text.title) } }
                            td { (lang.number(entry.amendments as u64)) }
                            td { (lang.number(entry.record.adopted as u64)) }
                        }
                    }
                }
            }
            @if frame.user.is_none() { p.hint { (lang.t(K::StatsMembersOnly)) } }
        }
    };
    page(frame, Head { title: &title, ..Head::default() }, content)
}
