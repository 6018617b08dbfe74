//! Times of day: a sync's start (`--at HH:MM`), the working hours, and how they are read.

use chrono::{NaiveTime, Timelike};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A time of day or a span of hours that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TimeError {
    #[error("'{0}' is not a time of day (use HH:MM on the 24-hour clock, e.g. 14:30, or none)")]
    Time(String),
    #[error(
        "'{0}' is not a span of working hours (use HH:MM-HH:MM with the start first, e.g. 09:00-17:00)"
    )]
    Hours(String),
}

/// Reads `HH:MM` (24-hour clock, `H:MM` too), whole minutes.
pub fn parse_time(text: &str) -> Result<NaiveTime, TimeError> {
    let t = text.trim();
    let bad = || TimeError::Time(text.to_string());
    let (h, m) = t.split_once(':').ok_or_else(bad)?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return Err(bad());
    }
    if !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let (h, m) = (
        h.parse::<u32>().map_err(|_| bad())?,
        m.parse::<u32>().map_err(|_| bad())?,
    );
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(bad)
}

/// Reads `--at`: a time, or `none` (also empty) to clear it.
pub fn parse_at(text: &str) -> Result<Option<NaiveTime>, TimeError> {
    match text.trim() {
        t if t.is_empty() || t.eq_ignore_ascii_case("none") => Ok(None),
        _ => parse_time(text).map(Some),
    }
}

/// A time as `HH:MM`.
pub fn format_time(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

/// Minutes since midnight.
pub fn minute_of_day(time: NaiveTime) -> u32 {
    time.hour() * 60 + time.minute()
}

/// The time `minutes` after midnight (within the day).
pub fn time_at(minutes: u32) -> NaiveTime {
    NaiveTime::from_hms_opt((minutes / 60) % 24, minutes % 60, 0).unwrap_or(NaiveTime::MIN)
}

/// The hours of a working day, `start` before `end`, whole minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WorkingHours {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Default for WorkingHours {
    fn default() -> Self {
        WorkingHours {
            start: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN),
            end: NaiveTime::from_hms_opt(17, 0, 0).unwrap_or(NaiveTime::MIN),
        }
    }
}

impl WorkingHours {
    /// The working day in minutes since midnight: `[start, end)`.
    pub fn minutes(self) -> (u32, u32) {
        (minute_of_day(self.start), minute_of_day(self.end))
    }

    /// How long the working day is, in minutes.
    pub fn length(self) -> u32 {
        let (s, e) = self.minutes();
        e.saturating_sub(s)
    }
}

impl std::fmt::Display for WorkingHours {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", format_time(self.start), format_time(self.end))
    }
}

impl std::str::FromStr for WorkingHours {
    type Err = TimeError;

    fn from_str(text: &str) -> Result<Self, TimeError> {
        let bad = || TimeError::Hours(text.to_string());
        let (a, b) = text.split_once('-').ok_or_else(bad)?;
        let start = parse_time(a).map_err(|_| bad())?;
        let end = parse_time(b).map_err(|_| bad())?;
        if start >= end {
            return Err(bad());
        }
        Ok(WorkingHours { start, end })
    }
}

impl TryFrom<String> for WorkingHours {
    type Error = TimeError;
    fn try_from(text: String) -> Result<Self, TimeError> {
        text.parse()
    }
}

impl From<WorkingHours> for String {
    fn from(hours: WorkingHours) -> String {
        hours.to_string()
    }
}

/// Serialises an item's `at` as `HH:MM`.
pub mod serde_at {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(at: &Option<NaiveTime>, s: S) -> Result<S::Ok, S::Error> {
        match at {
            Some(t) => s.serialize_str(&super::format_time(*t)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveTime>, D::Error> {
        let text: Option<String> = Option::deserialize(d)?;
        text.map(|t| super::parse_time(&t).map_err(serde::de::Error::custom))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_hours_are_read_strictly() {
        assert_eq!(format_time(parse_time("9:05").unwrap()), "09:05");
        assert_eq!(parse_at(" none ").unwrap(), None);
        for bad in [
            "24:00", "12:60", "1230", "12:3", "ab:cd", "-1:00", "12:30:00", "",
        ] {
            assert!(parse_time(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_time("25:00").unwrap_err().to_string(),
            "'25:00' is not a time of day (use HH:MM on the 24-hour clock, e.g. 14:30, or none)"
        );
        let h: WorkingHours = "08:30-16:00".parse().unwrap();
        assert_eq!(
            (h.minutes(), h.length(), h.to_string()),
            ((510, 960), 450, "08:30-16:00".into())
        );
        for bad in ["17:00-09:00", "09:00-09:00", "9-17", "09:00"] {
            assert!(bad.parse::<WorkingHours>().is_err(), "{bad}");
        }
        assert_eq!(WorkingHours::default().to_string(), "09:00-17:00");
    }
}
