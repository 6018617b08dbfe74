//! ISO week arithmetic: the `2026-W48` address, its days and its neighbours.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

/// A day of the ISO week, Monday first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Day {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Day {
    /// Every day of the week, Monday first.
    pub const ALL: [Day; 7] = [
        Day::Mon,
        Day::Tue,
        Day::Wed,
        Day::Thu,
        Day::Fri,
        Day::Sat,
        Day::Sun,
    ];

    /// The stable identifier used by the CLI and the store (`mon`..`sun`).
    pub fn id(self) -> &'static str {
        match self {
            Day::Mon => "mon",
            Day::Tue => "tue",
            Day::Wed => "wed",
            Day::Thu => "thu",
            Day::Fri => "fri",
            Day::Sat => "sat",
            Day::Sun => "sun",
        }
    }

    /// Zero-based position in the week (Monday is 0).
    pub fn index(self) -> usize {
        self as usize
    }

    /// The day at a zero-based position, if it is one.
    pub fn from_index(index: usize) -> Option<Day> {
        Day::ALL.get(index).copied()
    }

    /// The next day, saturating at Sunday.
    pub fn next(self) -> Day {
        Day::from_index(self.index() + 1).unwrap_or(Day::Sun)
    }

    /// The previous day, saturating at Monday.
    pub fn prev(self) -> Day {
        self.index()
            .checked_sub(1)
            .and_then(Day::from_index)
            .unwrap_or(Day::Mon)
    }

    /// The weekday of a calendar date.
    pub fn of(date: NaiveDate) -> Day {
        Day::ALL[date.weekday().num_days_from_monday() as usize]
    }

    fn weekday(self) -> Weekday {
        match self {
            Day::Mon => Weekday::Mon,
            Day::Tue => Weekday::Tue,
            Day::Wed => Weekday::Wed,
            Day::Thu => Weekday::Thu,
            Day::Fri => Weekday::Fri,
            Day::Sat => Weekday::Sat,
            Day::Sun => Weekday::Sun,
        }
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.id())
    }
}

/// A value that is not one of a fixed set of identifiers.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unknown {what} '{got}' (valid: {valid})")]
pub struct UnknownValue {
    pub what: &'static str,
    pub got: String,
    pub valid: String,
}

impl UnknownValue {
    pub fn new(what: &'static str, got: &str, valid: &[&str]) -> Self {
        UnknownValue {
            what,
            got: got.to_string(),
            valid: valid.join(", "),
        }
    }
}

impl FromStr for Day {
    type Err = UnknownValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        Day::ALL
            .into_iter()
            .find(|d| {
                let full = d.weekday_name();
                lower == d.id() || lower == full
            })
            .ok_or_else(|| UnknownValue::new("day", s, &Day::ALL.map(Day::id)))
    }
}

impl Day {
    fn weekday_name(self) -> &'static str {
        match self {
            Day::Mon => "monday",
            Day::Tue => "tuesday",
            Day::Wed => "wednesday",
            Day::Thu => "thursday",
            Day::Fri => "friday",
            Day::Sat => "saturday",
            Day::Sun => "sunday",
        }
    }
}

/// An ISO 8601 week: a year and a week number from 1 to 52 or 53.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoWeek {
    year: i32,
    week: u32,
}

/// Why a week address could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WeekError {
    #[error("malformed week '{0}' (expected YYYY-Www, for example 2026-W48)")]
    Malformed(String),
    #[error("week '{got}' does not exist: {year} has weeks W01 to W{last:02}")]
    OutOfRange { got: String, year: i32, last: u32 },
}

impl IsoWeek {
    /// The years a week address can name (four digits).
    pub const YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

    /// The week with this year and number, if it exists.
    pub fn new(year: i32, week: u32) -> Option<IsoWeek> {
        if !Self::YEARS.contains(&year) {
            return None;
        }
        // Every year has 52 weeks; only the 53rd needs the calendar.
        if (1..=52).contains(&week) {
            return Some(IsoWeek { year, week });
        }
        NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).map(|_| IsoWeek { year, week })
    }

    /// The ISO week that contains a date.
    pub fn containing(date: NaiveDate) -> IsoWeek {
        let iso = date.iso_week();
        IsoWeek {
            year: iso.year(),
            week: iso.week(),
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn number(self) -> u32 {
        self.week
    }

    /// The date of a day of this week.
    pub fn date(self, day: Day) -> NaiveDate {
        // The constructor guarantees the week exists, so every day of it does.
        NaiveDate::from_isoywd_opt(self.year, self.week, day.weekday()).unwrap_or(NaiveDate::MIN)
    }

    /// Monday of this week.
    pub fn monday(self) -> NaiveDate {
        self.date(Day::Mon)
    }

    /// The week after this one.
    pub fn next(self) -> IsoWeek {
        self.offset(1)
    }

    /// The week before this one.
    pub fn prev(self) -> IsoWeek {
        self.offset(-1)
    }

    /// The week `weeks` weeks away (negative goes back), staying within years 1 to 9999.
    pub fn offset(self, weeks: i64) -> IsoWeek {
        chrono::Duration::try_weeks(weeks)
            .and_then(|d| self.monday().checked_add_signed(d))
            .map(IsoWeek::containing)
            .filter(|w| Self::YEARS.contains(&w.year))
            .unwrap_or(self)
    }

    /// The last week number of a year (52 or 53).
    pub fn weeks_in_year(year: i32) -> u32 {
        if NaiveDate::from_isoywd_opt(year, 53, Weekday::Mon).is_some() {
            53
        } else {
            52
        }
    }

    /// Its dates for people: `23–29 Nov`, or `29 Dec – 4 Jan` across months.
    pub fn span_label(self) -> String {
        let first = self.monday();
        let last = self.date(Day::Sun);
        if first.month() == last.month() {
            format!("{}–{} {}", first.day(), last.day(), last.format("%b"))
        } else {
            format!(
                "{} {} – {} {}",
                first.day(),
                first.format("%b"),
                last.day(),
                last.format("%b")
            )
        }
    }
}

impl fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-W{:02}", self.year, self.week)
    }
}

impl FromStr for IsoWeek {
    type Err = WeekError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let malformed = || WeekError::Malformed(s.to_string());
        let (year, week) = s.trim().split_once(['-']).ok_or_else(malformed)?;
        let week = week
            .strip_prefix('W')
            .or_else(|| week.strip_prefix('w'))
            .ok_or_else(malformed)?;
        if year.len() != 4 || !(1..=2).contains(&week.len()) {
            return Err(malformed());
        }
        // Digits only: `str::parse` would also take a sign. A store holds tens of
        // thousands of weeks, so they are read here, without a second pass.
        let digits = |t: &str| {
            t.bytes().try_fold(0u32, |n, b| {
                b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
            })
        };
        let year = digits(year)
            .and_then(|y| i32::try_from(y).ok())
            .ok_or_else(malformed)?;
        let number = digits(week).ok_or_else(malformed)?;
        if !Self::YEARS.contains(&year) {
            return Err(malformed());
        }
        IsoWeek::new(year, number).ok_or_else(|| WeekError::OutOfRange {
            got: s.to_string(),
            year,
            last: IsoWeek::weeks_in_year(year),
        })
    }
}

impl Serialize for IsoWeek {
    /// Writes `2026-W48` from a stack buffer in one string (`collect_str` writes it piece
    /// by piece, a tenth of a large listing's time); a year past 9999 goes through Display.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Some(year) = u32::try_from(self.year).ok().filter(|&y| y <= 9999) else {
            return serializer.collect_str(self);
        };
        let digit = |value: u32| b'0' + (value % 10) as u8;
        let text = [
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
            b'-',
            b'W',
            digit(self.week / 10),
            digit(self.week),
        ];
        match std::str::from_utf8(&text) {
            Ok(text) => serializer.serialize_str(text),
            Err(_) => serializer.collect_str(self),
        }
    }
}

impl<'de> Deserialize<'de> for IsoWeek {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        parse_str(deserializer, "an ISO week such as 2026-W48", str::parse)
    }
}

/// Deserializes a string with `parse`, reading it in place rather than copying it (a large
/// store holds tens of thousands of such strings).
pub(crate) fn parse_str<'de, D, T, E>(
    deserializer: D,
    expecting: &'static str,
    parse: fn(&str) -> Result<T, E>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    E: fmt::Display,
{
    struct Parse<T, E>(&'static str, fn(&str) -> Result<T, E>);

    impl<T, E: fmt::Display> serde::de::Visitor<'_> for Parse<T, E> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }

        fn visit_str<Error: serde::de::Error>(self, text: &str) -> Result<T, Error> {
            (self.1)(text).map_err(Error::custom)
        }
    }

    deserializer.deserialize_str(Parse(expecting, parse))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn serde_writes_what_display_prints() {
        for (year, week) in [
            (2026, 48),
            (2026, 1),
            (2020, 53),
            (1, 9),
            (0, 10),
            (9999, 52),
        ] {
            let week = IsoWeek { year, week };
            assert_eq!(
                serde_json::to_string(&week).unwrap(),
                format!("\"{week}\""),
                "{week:?}"
            );
            if IsoWeek::YEARS.contains(&year) {
                let back: IsoWeek = serde_json::from_str(&format!("\"{week}\"")).unwrap();
                assert_eq!(back, week);
            }
        }
        let far = IsoWeek {
            year: 12_345,
            week: 3,
        };
        assert_eq!(serde_json::to_string(&far).unwrap(), "\"12345-W03\"");
    }

    #[test]
    fn parses_and_prints_week_addresses() {
        let week: IsoWeek = "2026-W48".parse().unwrap();
        assert_eq!(week.to_string(), "2026-W48");
        assert_eq!(week.monday(), date(2026, 11, 23));
        assert_eq!(week.date(Day::Sun), date(2026, 11, 29));
        assert_eq!(
            "2026-w8".parse::<IsoWeek>().unwrap().to_string(),
            "2026-W08"
        );
    }

    #[test]
    fn rejects_malformed_and_impossible_weeks() {
        assert!(matches!(
            "2026-W60".parse::<IsoWeek>(),
            Err(WeekError::OutOfRange { last: 53, .. })
        ));
        assert!(matches!(
            "2025-W53".parse::<IsoWeek>(),
            Err(WeekError::OutOfRange { last: 52, .. })
        ));
        for bad in [
            "",
            "2026",
            "2026-48",
            "26-W48",
            "2026-W",
            "2026-Wx",
            "2026-W-1",
            "2026-W480",
        ] {
            assert!(
                matches!(bad.parse::<IsoWeek>(), Err(WeekError::Malformed(_))),
                "{bad}"
            );
        }
        assert!("2026-W00".parse::<IsoWeek>().is_err());
    }

    #[test]
    fn years_have_four_digits() {
        let early: IsoWeek = "0999-W22".parse().unwrap();
        assert_eq!(early.to_string(), "0999-W22");
        assert_eq!(early.to_string().parse::<IsoWeek>().unwrap(), early);
        assert!("0000-W01".parse::<IsoWeek>().is_err());
        assert_eq!(IsoWeek::new(10_000, 1), None);
        let first: IsoWeek = "0001-W01".parse().unwrap();
        assert_eq!(first.prev(), first);
    }

    #[test]
    fn steps_across_year_boundaries() {
        let last_of_2026: IsoWeek = "2026-W53".parse().unwrap();
        assert_eq!(last_of_2026.next().to_string(), "2027-W01");
        assert_eq!(last_of_2026.next().prev(), last_of_2026);
        assert_eq!(IsoWeek::containing(date(2027, 1, 1)), last_of_2026);
        assert_eq!(last_of_2026.span_label(), "28 Dec – 3 Jan");
        assert_eq!(
            "2026-W48".parse::<IsoWeek>().unwrap().span_label(),
            "23–29 Nov"
        );
    }

    #[test]
    fn days_parse_short_and_long_names() {
        assert_eq!("Wed".parse::<Day>().unwrap(), Day::Wed);
        assert_eq!("thursday".parse::<Day>().unwrap(), Day::Thu);
        let err = "someday".parse::<Day>().unwrap_err().to_string();
        assert_eq!(
            err,
            "unknown day 'someday' (valid: mon, tue, wed, thu, fri, sat, sun)"
        );
        assert_eq!(Day::Sun.next(), Day::Sun);
        assert_eq!(Day::Mon.prev(), Day::Mon);
        assert_eq!(Day::of(date(2026, 11, 25)), Day::Wed);
    }
}
