//! Timestamps (`created`, `updated`) as serde writes and reads them, in one step each.
//!
//! chrono's own serde support writes a timestamp through `collect_str`, piece by piece, and
//! reads it with its general format parser; at 2,000 items (4,000 stamps) those were a
//! third of a store's load and of a `list --json` (measured with criterion and perf). The
//! stamps syncwise writes all have one shape, `2026-11-25T08:00:00Z` with an optional
//! fraction, so that shape is written from a stack buffer and read by position; any other
//! shape (a hand-edited store, a year past 9999, a leap second) goes to chrono, so the
//! bytes and the errors are exactly chrono's.

use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use serde::{Deserializer, Serializer};

/// The longest stamp [`write`] formats itself: `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`.
const LONGEST: usize = 30;

/// Writes `stamp` as chrono's serde does: RFC 3339 in UTC with `Z`, and a fraction of 3, 6
/// or 9 digits only when there is one.
pub fn serialize<S: Serializer>(stamp: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    let mut buffer = [0u8; LONGEST];
    match write(stamp, &mut buffer) {
        // Only ASCII digits and separators were written.
        Some(len) => match std::str::from_utf8(&buffer[..len]) {
            Ok(text) => serializer.serialize_str(text),
            Err(_) => serde::Serialize::serialize(stamp, serializer),
        },
        None => serde::Serialize::serialize(stamp, serializer),
    }
}

/// Reads a stamp as chrono's serde does, with the shape syncwise writes read directly.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    struct Stamp;

    impl serde::de::Visitor<'_> for Stamp {
        type Value = DateTime<Utc>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            // chrono's own words, so an error names what it expected as chrono's does.
            f.write_str("an RFC 3339 formatted date and time string")
        }

        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<DateTime<Utc>, E> {
            match read(text) {
                Some(stamp) => Ok(stamp),
                None => text.parse().map_err(E::custom),
            }
        }
    }

    deserializer.deserialize_str(Stamp)
}

/// Formats the common case into `out`, returning its length; `None` for a year outside
/// 0..=9999 or a leap second, which chrono writes itself.
fn write(stamp: &DateTime<Utc>, out: &mut [u8; LONGEST]) -> Option<usize> {
    let (date, time) = (stamp.date_naive(), stamp.time());
    let year = u32::try_from(date.year()).ok().filter(|&y| y <= 9999)?;
    let nanos = time.nanosecond();
    if nanos >= 1_000_000_000 {
        return None;
    }
    let fields = [
        (year, 4, b'-'),
        (date.month(), 2, b'-'),
        (date.day(), 2, b'T'),
        (time.hour(), 2, b':'),
        (time.minute(), 2, b':'),
    ];
    let mut at = 0;
    for (value, width, separator) in fields {
        at = put_digits(out, at, value, width);
        out[at] = separator;
        at += 1;
    }
    at = put_digits(out, at, time.second(), 2);
    if nanos != 0 {
        out[at] = b'.';
        at = if nanos % 1_000_000 == 0 {
            put_digits(out, at + 1, nanos / 1_000_000, 3)
        } else if nanos % 1_000 == 0 {
            put_digits(out, at + 1, nanos / 1_000, 6)
        } else {
            put_digits(out, at + 1, nanos, 9)
        };
    }
    out[at] = b'Z';
    Some(at + 1)
}

/// Writes `value` as `width` decimal digits at `at`, returning where they end.
fn put_digits(out: &mut [u8; LONGEST], at: usize, mut value: u32, width: usize) -> usize {
    for slot in out[at..at + width].iter_mut().rev() {
        // The remainder of a division by 10: a digit.
        *slot = b'0' + (value % 10) as u8;
        value /= 10;
    }
    at + width
}

/// Reads `YYYY-MM-DDTHH:MM:SS[.f…]Z` by position; `None` for anything else, including a
/// value out of range (chrono then reads it, or says what is wrong).
fn read(text: &str) -> Option<DateTime<Utc>> {
    let bytes = text.as_bytes();
    let (fixed, rest) = bytes.split_at_checked(19)?;
    let number = |range: std::ops::Range<usize>| {
        fixed[range].iter().try_fold(0u32, |value, &b| {
            b.is_ascii_digit().then(|| value * 10 + u32::from(b - b'0'))
        })
    };
    let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if separators.iter().any(|&(at, b)| fixed[at] != b) {
        return None;
    }
    let (fraction, zone) = rest.split_at(rest.len().checked_sub(1)?);
    if zone != b"Z" {
        return None;
    }
    let nanos = match fraction {
        [] => 0,
        [b'.', digits @ ..] if (1..=9).contains(&digits.len()) => {
            let value = digits.iter().try_fold(0u32, |value, &b| {
                b.is_ascii_digit().then(|| value * 10 + u32::from(b - b'0'))
            })?;
            // 1..=9 digits: scaled to nine, below 10^9.
            value * 10u32.pow(9 - digits.len() as u32)
        }
        _ => return None,
    };
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(number(0..4)?).ok()?,
        number(5..7)?,
        number(8..10)?,
    )?;
    let time =
        NaiveTime::from_hms_nano_opt(number(11..13)?, number(14..16)?, number(17..19)?, nanos)
            .filter(|t| t.second() < 60)?;
    Some(NaiveDateTime::new(date, time).and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Ours(#[serde(with = "super")] DateTime<Utc>);

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Chronos(DateTime<Utc>);

    fn both_read(text: &str) -> (Result<DateTime<Utc>, String>, Result<DateTime<Utc>, String>) {
        let json = serde_json::to_string(text).unwrap();
        (
            serde_json::from_str::<Ours>(&json)
                .map(|o| o.0)
                .map_err(|e| e.to_string()),
            serde_json::from_str::<Chronos>(&json)
                .map(|c| c.0)
                .map_err(|e| e.to_string()),
        )
    }

    #[test]
    fn says_what_chrono_says_of_a_value_that_is_no_string() {
        for json in ["5", "null", "true", "[]", "{}", "-1.5"] {
            assert_eq!(
                serde_json::from_str::<Ours>(json)
                    .map(|o| o.0)
                    .map_err(|e| e.to_string()),
                serde_json::from_str::<Chronos>(json)
                    .map(|c| c.0)
                    .map_err(|e| e.to_string()),
                "{json}"
            );
        }
    }

    #[test]
    fn writes_what_chrono_does_at_the_ends_of_its_range_and_at_leap_seconds() {
        let leap = NaiveDate::from_ymd_opt(2016, 12, 31)
            .and_then(|d| d.and_hms_nano_opt(23, 59, 59, 1_500_000_000))
            .unwrap()
            .and_utc();
        let year = |y: i32, last: bool| {
            let date =
                NaiveDate::from_ymd_opt(y, if last { 12 } else { 1 }, if last { 31 } else { 1 });
            let time = if last { (23, 59, 59) } else { (0, 0, 0) };
            date.and_then(|d| d.and_hms_opt(time.0, time.1, time.2))
                .unwrap()
                .and_utc()
        };
        for stamp in [
            DateTime::<Utc>::MIN_UTC,
            DateTime::<Utc>::MAX_UTC,
            leap,
            year(-1, true),
            year(0, false),
            year(9999, true),
            year(10000, false),
            DateTime::from_timestamp(-1, 999_999_999).unwrap(),
        ] {
            let ours = serde_json::to_string(&Ours(stamp)).unwrap();
            assert_eq!(ours, serde_json::to_string(&Chronos(stamp)).unwrap());
            assert_eq!(
                serde_json::from_str::<Ours>(&ours).unwrap().0,
                stamp,
                "{ours}"
            );
        }
    }

    #[test]
    fn reads_and_writes_what_chrono_does_at_the_edges() {
        for text in [
            "2026-11-25T08:00:00Z",
            "2026-11-25T08:00:00.5Z",
            "2026-11-25T08:00:00.123456789Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999Z",
            "2024-02-29T12:00:00Z",
            "2026-02-29T12:00:00Z",
            "2026-11-25T24:00:00Z",
            "2026-11-25T23:59:60Z",
            "2026-11-25T08:00:00+01:00",
            "2026-11-25 08:00:00Z",
            "2026-11-25T08:00:00.Z",
            "2026-11-25T08:00:00.1234567890Z",
            "2026-11-25T08:00:00z",
            "+2026-11-25T08:00:00Z",
            "2026-1-25T08:00:00Z",
            "",
            "garbage",
            "2026-11-25T08:00:0\u{e9}Z",
            "2026-11-25T08:00:00\u{e9}",
            "2026-11-25T08:00:00.\u{e9}Z",
            "2026-11-25T08:00:00Z\u{e9}",
            "\u{ff12}026-11-25T08:00:00Z",
            "2026-11-25T08:00:00.\u{0665}Z",
            "2026-11-25t08:00:00Z",
            " 2026-11-25T08:00:00Z",
            "2026-11-25T08:00:00Z ",
            "-0001-12-31T23:59:59Z",
            "+10000-01-01T00:00:00Z",
            "2026-00-25T08:00:00Z",
            "2026-11-00T08:00:00Z",
            "2026-11-25T08:60:00Z",
            "2026-11-25T08:00:00.000000000Z",
            "2026-11-25T08:00:00.999999999Z",
            "2016-12-31T23:59:60.5Z",
        ] {
            let (ours, chronos) = both_read(text);
            assert_eq!(ours, chronos, "{text}");
            if let Ok(stamp) = chronos {
                assert_eq!(
                    serde_json::to_string(&Ours(stamp)).unwrap(),
                    serde_json::to_string(&Chronos(stamp)).unwrap(),
                    "{text}"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn any_stamp_is_written_and_read_as_chrono_does(
            secs in -100_000_000_000i64..300_000_000_000i64,
            nanos in prop_oneof![Just(0u32), 0u32..1_000, (0u32..1_000).prop_map(|n| n * 1_000_000), 0u32..1_000_000_000],
        ) {
            let stamp = DateTime::from_timestamp(secs, nanos).unwrap();
            let ours = serde_json::to_string(&Ours(stamp)).unwrap();
            prop_assert_eq!(&ours, &serde_json::to_string(&Chronos(stamp)).unwrap());
            prop_assert_eq!(serde_json::from_str::<Ours>(&ours).unwrap().0, stamp);
        }

        #[test]
        fn a_stamp_with_any_one_character_changed_is_read_as_chrono_does(
            at in 0usize..30,
            with in any::<char>(),
            fraction in prop_oneof![Just(""), Just(".5"), Just(".123456"), Just(".123456789")],
        ) {
            let mut chars: Vec<char> = format!("2026-11-25T08:00:00{fraction}Z").chars().collect();
            let at = at % (chars.len() + 1);
            if at == chars.len() { chars.push(with) } else { chars[at] = with }
            let text: String = chars.into_iter().collect();
            let (ours, chronos) = both_read(&text);
            prop_assert_eq!(ours, chronos, "{}", text);
        }

        #[test]
        fn any_text_at_all_is_read_as_chrono_does(text in "\\PC{0,32}") {
            let (ours, chronos) = both_read(&text);
            prop_assert_eq!(ours, chronos);
        }

        #[test]
        fn any_text_of_the_shape_is_read_as_chrono_does(
            text in "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,10})?[Zz]?",
        ) {
            let (ours, chronos) = both_read(&text);
            prop_assert_eq!(ours, chronos);
        }
    }
}
