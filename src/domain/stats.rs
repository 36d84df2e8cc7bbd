//! Participation at a glance (issue 9, part 6): a text cut into its parts (each heading
//! with what follows it), how many amendments each part drew, and moments counted in
//! buckets of a week or a month for the activity chart.

use super::kind::{Line, LineKind};
use super::provenance::Origin;

/// One part of a text: a heading and what follows up to the next heading, or the lines
/// before the first heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// 0-based index of its first line.
    pub start: usize,
    /// Its lines, heading included (at least 1).
    pub len: usize,
    /// The heading's words (empty for the lines before the first heading).
    pub title: String,
}

/// The parts of a text, in order, covering every line once. A text without heading is one
/// part; an empty text has none.
pub fn sections<S: AsRef<str>>(lines: &[S]) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let line = line.as_ref();
        let parsed = Line::parse(line);
        let (heading, words) = (matches!(parsed.kind, LineKind::Heading { .. }), parsed.text);
        match sections.last_mut() {
            Some(section) if !heading => section.len += 1,
            _ => sections.push(Section {
                start: index,
                len: 1,
                title: if heading { words.to_owned() } else { String::new() },
            }),
        }
    }
    sections
}

/// The part a 0-based line falls in.
pub fn section_of(sections: &[Section], line: usize) -> Option<usize> {
    let index = sections.partition_point(|section| section.start <= line);
    index.checked_sub(1).filter(|found| line < sections[*found].start + sections[*found].len)
}

/// How many amendments each part drew: those anchored on the lines shown (by their first
/// line, 0-based; an insertion after the last line counts in the last part), and those
/// whose words the lines shown still carry (`origins`, each amendment once per part).
pub fn amendments_per_section(sections: &[Section], anchored: &[usize], origins: &[Origin]) -> Vec<u32> {
    let mut counts = vec![0u32; sections.len()];
    let last_line = sections.last().map_or(0, |section| section.start + section.len - 1);
    for start in anchored {
        if let Some(section) = section_of(sections, (*start).min(last_line)) {
            counts[section] += 1;
        }
    }
    for (index, section) in sections.iter().enumerate() {
        let mut seen: Vec<i64> =
            origins.iter().skip(section.start).take(section.len).filter_map(|origin| origin.amendment).collect();
        seen.sort_unstable();
        seen.dedup();
        counts[index] += seen.len() as u32;
    }
    counts
}

/// How long each bar of the activity chart lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    Week,
    Month,
}

/// A bar of the activity chart: from `start` (seconds since the epoch, UTC midnight on a
/// Monday or on the 1st), how many of each series fell in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bucket {
    pub start: i64,
    pub counts: Vec<u32>,
}

/// Bars at most: weeks until they would be more, then months.
pub const MAX_BUCKETS: usize = 26;

const DAY: i64 = 86_400;

/// The Monday (UTC) of the week `moment` falls in. 1970-01-01 was a Thursday.
fn week_start(moment: i64) -> i64 {
    let day = moment.div_euclid(DAY);
    (day - (day + 3).rem_euclid(7)) * DAY
}

/// Days since the epoch of a civil date (proleptic Gregorian), and back.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let of_era = year - era * 400;
    let of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let of_era_days = of_era * 365 + of_era / 4 - of_era / 100 + of_year;
    era * 146_097 + of_era_days - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let of_era = days - era * 146_097;
    let year_of_era = (of_era - of_era / 1460 + of_era / 36_524 - of_era / 146_096) / 365;
    let of_year = of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * of_year + 2) / 153;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month)
}

/// The 1st (UTC) of the month `moment` falls in, and of the month after.
fn month_bounds(moment: i64) -> (i64, i64) {
    let (year, month) = civil_from_days(moment.div_euclid(DAY));
    let next = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    (days_from_civil(year, month, 1) * DAY, days_from_civil(next.0, next.1, 1) * DAY)
}

/// Counts each series' moments in bars from the one holding `from` to the one holding
/// `to`: weeks when that makes at most [`MAX_BUCKETS`] bars, else months (the last
/// [`MAX_BUCKETS`] of them). Moments outside are left out.
pub fn activity(series: &[&[i64]], from: i64, to: i64) -> (Period, Vec<Bucket>) {
    let (from, to) = (from.min(to), from.max(to));
    let weeks = (week_start(to) - week_start(from)) / (7 * DAY) + 1;
    let (period, mut starts) = if weeks <= MAX_BUCKETS as i64 {
        (Period::Week, (0..weeks).map(|week| week_start(from) + week * 7 * DAY).collect::<Vec<_>>())
    } else {
        let mut starts = Vec::new();
        let mut at = month_bounds(from).0;
        while at <= to {
            starts.push(at);
            at = month_bounds(at).1;
        }
        (Period::Month, starts)
    };
    if starts.len() > MAX_BUCKETS {
        starts.drain(..starts.len() - MAX_BUCKETS);
    }
    let end = match period {
        Period::Week => starts.last().map_or(to, |start| start + 7 * DAY),
        Period::Month => starts.last().map_or(to, |start| month_bounds(*start).1),
    };
    let mut buckets: Vec<Bucket> =
        starts.iter().map(|start| Bucket { start: *start, counts: vec![0; series.len()] }).collect();
    let first = buckets.first().map_or(end, |bucket| bucket.start);
    for (serie, moments) in series.iter().enumerate() {
        for moment in moments.iter().filter(|moment| (first..end).contains(*moment)) {
            let index = buckets.partition_point(|bucket| bucket.start <= *moment) - 1;
            buckets[index].counts[serie] += 1;
        }
    }
    (period, buckets)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn headings_open_parts_and_the_lines_before_the_first_make_one() {
        let lines = ["Préambule.", "# Santé", "Un hôpital.", "## Écoles", "Une école.", "Fin."];
        let parts = sections(&lines);
        let shape: Vec<(usize, usize, &str)> = parts.iter().map(|s| (s.start, s.len, s.title.as_str())).collect();
        assert_eq!(shape, [(0, 1, ""), (1, 2, "Santé"), (3, 3, "Écoles")]);
        assert_eq!(section_of(&parts, 4), Some(2));
        assert_eq!(section_of(&parts, 6), None);
        assert!(sections::<&str>(&[]).is_empty());
    }

    #[test]
    fn amendments_count_where_they_apply_and_where_their_words_stand() {
        let lines = ["# A", "a1", "a2", "# B", "b1"];
        let parts = sections(&lines);
        let origin = |amendment| Origin { revision: 1, amendment };
        let origins = [origin(None), origin(Some(7)), origin(Some(7)), origin(None), origin(Some(9))];
        // Anchored on a1, on b1, and an insertion after the end (start 5).
        assert_eq!(amendments_per_section(&parts, &[1, 4, 5], &origins), [2, 3]);
    }

    #[test]
    fn weeks_start_on_monday_and_long_spans_count_by_month() {
        // 2026-12-07 is a Monday.
        let monday = days_from_civil(2026, 12, 7) * DAY;
        assert_eq!(week_start(monday + 3 * DAY + 5), monday);
        let (period, buckets) = activity(&[&[monday + 10, monday + 8 * DAY]], monday + 100, monday + 9 * DAY);
        assert_eq!(period, Period::Week);
        assert_eq!(buckets.iter().map(|b| b.counts[0]).collect::<Vec<_>>(), [1, 1]);
        let year_before = days_from_civil(2025, 12, 15) * DAY;
        let (period, buckets) = activity(&[&[year_before, monday]], year_before, monday);
        assert_eq!(period, Period::Month);
        assert_eq!(buckets.len(), 13);
        assert_eq!(buckets[0].start, days_from_civil(2025, 12, 1) * DAY);
        assert_eq!(buckets.iter().map(|b| b.counts[0]).sum::<u32>(), 2);
    }

    proptest! {
        #[test]
        fn parts_cover_every_line_once(lines in proptest::collection::vec("(#{1,3} )?[a-z]{0,3}", 0..40)) {
            let parts = sections(&lines);
            let covered: usize = parts.iter().map(|s| s.len).sum();
            prop_assert_eq!(covered, lines.len());
            for line in 0..lines.len() {
                let part = section_of(&parts, line).expect("a part");
                prop_assert!(parts[part].start <= line && line < parts[part].start + parts[part].len);
            }
        }

        #[test]
        fn activity_counts_every_moment_in_its_span_once(
            moments in proptest::collection::vec(0i64..400 * DAY, 0..60),
            from in 0i64..200 * DAY,
            span in 0i64..200 * DAY,
        ) {
            let to = from + span;
            let (period, buckets) = activity(&[&moments], from, to);
            prop_assert!(buckets.len() <= MAX_BUCKETS && !buckets.is_empty());
            prop_assert!(buckets.windows(2).all(|pair| pair[0].start < pair[1].start));
            let first = buckets[0].start;
            let end = match period {
                Period::Week => buckets[buckets.len() - 1].start + 7 * DAY,
                Period::Month => month_bounds(buckets[buckets.len() - 1].start).1,
            };
            prop_assert!(end > to);
            let inside = moments.iter().filter(|m| (first..end).contains(m)).count() as u32;
            prop_assert_eq!(buckets.iter().map(|b| b.counts[0]).sum::<u32>(), inside);
            for day in [0i64, 59, 60, 365, 366, 1000, 10_000] {
                let (year, month) = civil_from_days(day);
                let back = days_from_civil(year, month, 1);
                prop_assert!(back <= day && day - back < 31);
            }
        }
    }
}
