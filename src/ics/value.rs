//! Property values: DATE, DATE-TIME, DURATION, UTC-OFFSET and TEXT, read leniently but
//! never past what the text says.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// A DATE or DATE-TIME value before any zone is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateOrTime {
    Date(NaiveDate),
    /// A wall-clock time; `utc` when it ended in `Z`.
    DateTime {
        local: NaiveDateTime,
        utc: bool,
    },
}

/// A DURATION: nominal days (weeks count as 7) and exact seconds, both signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Dur {
    pub days: i64,
    pub seconds: i64,
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `YYYYMMDD` (also the lenient `YYYY-MM-DD`).
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let compact: String;
    let s = if s.len() == 10 && s.as_bytes().get(4) == Some(&b'-') {
        compact = s.replace('-', "");
        compact.as_str()
    } else {
        s
    };
    if s.len() != 8 {
        return None;
    }
    let year = digits(s.get(0..4)?)?;
    let month = digits(s.get(4..6)?)?;
    let day = digits(s.get(6..8)?)?;
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// `HHMMSS` (also `HHMM`); a leap second reads as :59.
fn parse_time(s: &str) -> Option<NaiveTime> {
    let (h, m, sec) = match s.len() {
        6 => (s.get(0..2)?, s.get(2..4)?, s.get(4..6)?),
        4 => (s.get(0..2)?, s.get(2..4)?, "00"),
        _ => return None,
    };
    let sec = digits(sec)?;
    let sec = if sec == 60 { 59 } else { sec };
    NaiveTime::from_hms_opt(digits(h)?, digits(m)?, sec)
}

/// `YYYYMMDDTHHMMSS` with an optional trailing `Z`.
pub(crate) fn parse_datetime(s: &str) -> Option<(NaiveDateTime, bool)> {
    let s = s.trim();
    let (s, utc) = match s.strip_suffix(['Z', 'z']) {
        Some(rest) => (rest, true),
        None => (s, false),
    };
    let (date, time) = s.split_once(['T', 't'])?;
    Some((parse_date(date)?.and_time(parse_time(time)?), utc))
}

/// A DATE or DATE-TIME, as `VALUE=DATE` (or the shape of the text) says.
pub(crate) fn parse_date_or_time(s: &str, value_type: Option<&str>) -> Option<DateOrTime> {
    let s = s.trim();
    let wants_date = value_type.is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
    if wants_date || !s.contains(['T', 't']) {
        // Some exporters write VALUE=DATE with a full date-time; keep the date part.
        let date_part = s.split(['T', 't']).next().unwrap_or(s);
        return parse_date(date_part).map(DateOrTime::Date);
    }
    parse_datetime(s).map(|(local, utc)| DateOrTime::DateTime { local, utc })
}

/// `[+-]P[nW]` or `[+-]P[nD][T[nH][nM][nS]]` (lenient about mixing weeks and days).
pub(crate) fn parse_duration(s: &str) -> Option<Dur> {
    let s = s.trim();
    let (negative, s) = match s.as_bytes().first() {
        Some(b'-') => (true, s.get(1..)?),
        Some(b'+') => (false, s.get(1..)?),
        _ => (false, s),
    };
    let s = s.strip_prefix(['P', 'p'])?;
    let mut dur = Dur::default();
    let mut number: Option<i64> = None;
    let mut in_time = false;
    let mut any = false;
    for c in s.chars() {
        if let Some(d) = c.to_digit(10) {
            let n = number.unwrap_or(0);
            number = Some(n.checked_mul(10)?.checked_add(i64::from(d))?);
            continue;
        }
        let c = c.to_ascii_uppercase();
        if c == 'T' {
            if number.is_some() || in_time {
                return None;
            }
            in_time = true;
            continue;
        }
        let n = number.take()?;
        // Cap at about 100 years so nothing downstream overflows.
        if n > 40_000 * 24 * 3600 {
            return None;
        }
        match (c, in_time) {
            ('W', false) => dur.days = dur.days.checked_add(n.checked_mul(7)?)?,
            ('D', false) => dur.days = dur.days.checked_add(n)?,
            ('H', true) => dur.seconds = dur.seconds.checked_add(n.checked_mul(3600)?)?,
            ('M', true) => dur.seconds = dur.seconds.checked_add(n.checked_mul(60)?)?,
            ('S', true) => dur.seconds = dur.seconds.checked_add(n)?,
            _ => return None,
        }
        any = true;
    }
    if number.is_some() || !any {
        return None;
    }
    if negative {
        dur.days = -dur.days;
        dur.seconds = -dur.seconds;
    }
    Some(dur)
}

/// A UTC offset `+HHMM`, `-HHMM` or `+HHMMSS`, in seconds east of UTC.
pub(crate) fn parse_offset(s: &str) -> Option<i32> {
    let s = s.trim();
    let (sign, rest) = match s.as_bytes().first() {
        Some(b'+') => (1, s.get(1..)?),
        Some(b'-') => (-1, s.get(1..)?),
        _ => return None,
    };
    let (h, m, sec) = match rest.len() {
        4 => (rest.get(0..2)?, rest.get(2..4)?, "0"),
        6 => (rest.get(0..2)?, rest.get(2..4)?, rest.get(4..6)?),
        _ => return None,
    };
    let (h, m, sec) = (digits(h)?, digits(m)?, digits(sec)?);
    if h > 23 || m > 59 || sec > 59 {
        return None;
    }
    let total = i32::try_from(h * 3600 + m * 60 + sec).ok()?;
    Some(sign * total)
}

/// Undoes TEXT escaping: `\n` and `\N` are newlines, `\,` `\;` `\\` their character.
pub(crate) fn unescape_text(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// The items of a list value (EXDATE, RDATE, BYDAY...), split at commas.
pub(crate) fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split(',').map(str::trim).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times() {
        let d = parse_date("20260323").unwrap();
        assert_eq!(d, NaiveDate::from_ymd_opt(2026, 3, 23).unwrap());
        assert_eq!(parse_date("2026-03-23"), Some(d));
        assert_eq!(parse_date("20260230"), None);
        assert_eq!(parse_date("2026032"), None);
        assert_eq!(parse_date("+0260323"), None);
        let (t, utc) = parse_datetime("20260323T090000Z").unwrap();
        assert!(utc);
        assert_eq!(t, d.and_hms_opt(9, 0, 0).unwrap());
        assert_eq!(
            parse_datetime("20260323T0930").unwrap().0,
            d.and_hms_opt(9, 30, 0).unwrap()
        );
        assert_eq!(parse_datetime("20260323T25000"), None);
        assert_eq!(
            parse_date_or_time("20260323", None),
            Some(DateOrTime::Date(d))
        );
        assert_eq!(
            parse_date_or_time("20260323T090000", Some("date")),
            Some(DateOrTime::Date(d))
        );
    }

    #[test]
    fn durations() {
        assert_eq!(
            parse_duration("PT1H30M"),
            Some(Dur {
                days: 0,
                seconds: 5400
            })
        );
        assert_eq!(
            parse_duration("P1W"),
            Some(Dur {
                days: 7,
                seconds: 0
            })
        );
        assert_eq!(
            parse_duration("-P1DT15M"),
            Some(Dur {
                days: -1,
                seconds: -900
            })
        );
        for bad in [
            "P",
            "PT",
            "P1H",
            "PT1D",
            "1H",
            "P1",
            "PT99999999999999999999H",
        ] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn offsets_and_text() {
        assert_eq!(parse_offset("+0100"), Some(3600));
        assert_eq!(parse_offset("-0430"), Some(-16200));
        assert_eq!(parse_offset("0100"), None);
        assert_eq!(
            unescape_text(r"a\nb\, c\; d\\e\N"),
            "a\nb, c; d\\e\n".to_string()
        );
        assert_eq!(unescape_text("end\\"), "end\\");
    }
}
