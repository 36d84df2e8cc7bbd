//! Moments as Redraft reads and writes them: RFC 3339 in UTC for the API, Paris time (the
//! party's, with the EU's summer time) for pages, forms and spreadsheets; the civil
//! calendar both rest on. Seconds since the epoch throughout.

/// Days since 1970-01-01 to (year, month, day), after Howard Hinnant's civil calendar.
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let mp = (month + 9) % 12;
    let day_of_year = (153 * mp + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

pub(crate) fn civil(timestamp: i64) -> (i64, i64, i64, i64, i64) {
    let (year, month, day) = civil_from_days(timestamp.div_euclid(86_400));
    let seconds = timestamp.rem_euclid(86_400);
    (year, month, day, seconds / 3600, seconds % 3600 / 60)
}

/// Paris is UTC+1, and UTC+2 from the last Sunday of March to the last Sunday of October
/// (changes at 01:00 UTC), as the EU has ruled since 1996.
pub(crate) fn paris_offset(timestamp: i64) -> i64 {
    let (year, _, _) = civil_from_days(timestamp.div_euclid(86_400));
    let last_sunday = |month: i64| {
        let last_day = days_from_civil(year, month, 31);
        // 1970-01-01 was a Thursday: weekday 0 = Sunday is (days + 4) mod 7.
        last_day - (last_day + 4).rem_euclid(7)
    };
    let summer_starts = last_sunday(3) * 86_400 + 3600;
    let summer_ends = last_sunday(10) * 86_400 + 3600;
    if (summer_starts..summer_ends).contains(&timestamp) { 7200 } else { 3600 }
}

/// The moment an RFC 3339 date and time names (`2026-12-14T18:00:00Z`,
/// `2026-12-14T19:00:00+01:00`, fractions of a second dropped), in seconds since the
/// epoch; `None` for anything else, an impossible date included.
pub fn parse_rfc3339(value: &str) -> Option<i64> {
    let bytes = value.as_bytes();
    if bytes.len() < 20 || !value.is_char_boundary(19) {
        return None;
    }
    let local = parse_date_time(&value[..19])?;
    let mut rest = &value[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = &fraction[digits..];
    }
    let offset = match rest.as_bytes() {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let hours = two_digits(*h1, *h2).filter(|hours| *hours < 24)?;
            let minutes = two_digits(*m1, *m2).filter(|minutes| *minutes < 60)?;
            let offset = hours * 3600 + minutes * 60;
            if *sign == b'+' { offset } else { -offset }
        }
        _ => return None,
    };
    Some(local - offset)
}

/// The moment a date and time in Paris names, as a browser's `datetime-local` field sends
/// it (`2026-12-14T18:00`, seconds optional); `None` for anything else. In the hour that
/// autumn's change repeats, the first of the two is meant.
pub fn parse_paris_local(value: &str) -> Option<i64> {
    let local = match value.len() {
        16 => parse_date_time(&format!("{value}:00"))?,
        19 => parse_date_time(value)?,
        _ => return None,
    };
    [7200, 3600].into_iter().map(|offset| local - offset).find(|utc| utc + paris_offset(*utc) == local).or_else(|| {
        // Spring's change skips an hour: a time in it is read as if the clocks had not moved.
        Some(local - 3600)
    })
}

/// `YYYY-MM-DDThh:mm:ss` as seconds since the epoch, read as UTC.
fn parse_date_time(value: &str) -> Option<i64> {
    let b = value.as_bytes();
    let shape_ok =
        b.len() == 19 && b[4] == b'-' && b[7] == b'-' && matches!(b[10], b'T' | b't') && b[13] == b':' && b[16] == b':';
    if !shape_ok {
        return None;
    }
    let year = four_digits(&b[0..4])?;
    let month = two_digits(b[5], b[6]).filter(|month| (1..=12).contains(month))?;
    let day = two_digits(b[8], b[9]).filter(|day| *day >= 1)?;
    let (hour, minute, second) = (two_digits(b[11], b[12])?, two_digits(b[14], b[15])?, two_digits(b[17], b[18])?);
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    // A day past the end of its month comes back as another date.
    if civil_from_days(days) != (year, month, day) {
        return None;
    }
    Some(days * 86_400 + hour * 3600 + minute * 60 + second.min(59))
}

fn two_digits(tens: u8, units: u8) -> Option<i64> {
    (tens.is_ascii_digit() && units.is_ascii_digit()).then(|| i64::from(tens - b'0') * 10 + i64::from(units - b'0'))
}

fn four_digits(digits: &[u8]) -> Option<i64> {
    Some(two_digits(digits[0], digits[1])? * 100 + two_digits(digits[2], digits[3])?)
}

/// A moment in Paris time as a browser's `datetime-local` field shows it: `2026-12-14T18:00`.
pub fn paris_local(timestamp: i64) -> String {
    let (year, month, day, hour, minute) = civil(timestamp + paris_offset(timestamp));
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}")
}

/// A moment in Paris time as spreadsheets read a date and time: `2026-11-30 15:04`.
pub fn spreadsheet_time(timestamp: i64) -> String {
    let (year, month, day, hour, minute) = paris_civil(timestamp);
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}")
}

/// A moment as Paris calendars and clocks read it: year, month, day, hour, minute.
pub(crate) fn paris_civil(timestamp: i64) -> (i64, i64, i64, i64, i64) {
    civil(timestamp + paris_offset(timestamp))
}

/// A time as the API writes it: RFC 3339 in UTC.
pub fn rfc3339(timestamp: i64) -> String {
    let (year, month, day) = civil_from_days(timestamp.div_euclid(86_400));
    let seconds = timestamp.rem_euclid(86_400);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", seconds / 3600, seconds % 3600 / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_moments_are_read_with_their_offset_and_nothing_else_is() {
        let moment = 1_765_731_600; // 2025-12-14T17:00:00Z
        for value in
            ["2025-12-14T17:00:00Z", "2025-12-14t17:00:00z", "2025-12-14T18:00:00+01:00", "2025-12-14T17:00:00.250Z"]
        {
            assert_eq!(parse_rfc3339(value), Some(moment), "{value}");
        }
        assert_eq!(parse_rfc3339("2025-12-14T12:30:00-04:30"), Some(moment));
        assert_eq!(rfc3339(moment), "2025-12-14T17:00:00Z");
        for bad in [
            "",
            "2025-12-14",
            "2025-12-14T17:00:00",
            "2025-12-14 17:00:00Z",
            "2025-02-30T17:00:00Z",
            "2025-13-01T17:00:00Z",
            "2025-12-14T24:00:00Z",
            "2025-12-14T17:00:00+1:00",
            "2025-12-14T17:00:00.Z",
            "2025-12-14T17:00:00Zé",
            "2025-12-14T17:00:0é",
            "+2025-12-14T17:00:00Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn paris_local_times_read_back_as_they_are_shown() {
        // Winter (UTC+1), summer (UTC+2), and both sides of each change.
        for moment in
            [1_765_731_600, 1_752_512_400, 1_774_746_000 - 1, 1_774_746_000, 1_792_890_000 - 3601, 1_792_890_000 + 3600]
        {
            assert_eq!(parse_paris_local(&paris_local(moment)), Some(moment - moment % 60), "{}", paris_local(moment));
        }
        assert_eq!(parse_paris_local("2025-12-14T18:00"), Some(1_765_731_600));
        // The hour autumn repeats means its first pass, in summer time.
        assert_eq!(parse_paris_local("2026-10-25T02:30"), Some(1_792_890_000 - 1800));
        assert_eq!(parse_paris_local("2025-12-14T18:00:00"), Some(1_765_731_600));
        for bad in ["", "2025-12-14", "2025-12-14T18", "2025-12-14T18:00Z", "2025-12-32T18:00"] {
            assert_eq!(parse_paris_local(bad), None, "{bad}");
        }
    }
}
