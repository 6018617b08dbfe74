//! "Now" and "today": the moment syncwise works at, read by `crate::env` from the system
//! clock or pinned for reproducible runs.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use thiserror::Error;

use crate::core::week::{Day, IsoWeek};

/// The hour a pinned date stands for: early on a working morning.
const PINNED_HOUR: u32 = 8;

/// A pinned "today" that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("'{0}' is not a date (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM)")]
pub struct BadDate(pub String);

/// The moment syncwise works at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    /// Local wall-clock time, which the engine compares sync times against.
    pub local: NaiveDateTime,
    /// The same moment in UTC, for the items' created and updated stamps.
    pub utc: DateTime<Utc>,
}

impl Clock {
    /// The moment whose local wall-clock time is `local` and whose instant is `utc`.
    pub fn at(local: NaiveDateTime, utc: DateTime<Utc>) -> Clock {
        Clock { local, utc }
    }

    /// Reads a pinned moment's wall-clock time: `YYYY-MM-DD` (taken at 08:00) or
    /// `YYYY-MM-DDTHH:MM`, within the years a week can name. Placing it in a time zone is
    /// the caller's (`crate::env`), since the zone comes from the environment.
    pub fn parse_pinned(text: &str) -> Result<NaiveDateTime, BadDate> {
        let text = text.trim();
        let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
            .or_else(|_| {
                NaiveDate::parse_from_str(text, "%Y-%m-%d").map(|d| {
                    d.and_time(NaiveTime::from_hms_opt(PINNED_HOUR, 0, 0).unwrap_or(NaiveTime::MIN))
                })
            })
            .map_err(|_| BadDate(text.to_string()))?;
        if !IsoWeek::YEARS.contains(&local.date().iso_week().year()) {
            return Err(BadDate(text.to_string()));
        }
        Ok(local)
    }

    /// Today's date.
    pub fn today(&self) -> NaiveDate {
        self.local.date()
    }

    /// Today's ISO week.
    pub fn this_week(&self) -> IsoWeek {
        IsoWeek::containing(self.today())
    }

    /// The day a new item of `week` gets: today in this week, Monday in any other.
    pub fn default_day(&self, week: IsoWeek) -> Day {
        if week == self.this_week() {
            self.weekday()
        } else {
            Day::Mon
        }
    }

    /// Today's weekday.
    pub fn weekday(&self) -> Day {
        Day::of(self.today())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pinned(text: &str) -> Result<Clock, BadDate> {
        Clock::parse_pinned(text).map(|local| Clock::at(local, local.and_utc()))
    }

    #[test]
    fn pinned_dates_and_times() {
        let c = pinned("2026-11-25").unwrap();
        assert_eq!(c.this_week().to_string(), "2026-W48");
        assert_eq!(c.weekday(), Day::Wed);
        assert_eq!(c.local.time(), NaiveTime::from_hms_opt(8, 0, 0).unwrap());
        let t = pinned("2026-11-25T16:30").unwrap();
        assert_eq!(t.local.time(), NaiveTime::from_hms_opt(16, 30, 0).unwrap());
        assert!(pinned("25/11/2026").is_err());
        assert!(pinned("2026-02-30").is_err());
        assert!(pinned("-0005-01-01").is_err());
        assert!(pinned("0000-06-01").is_err());
    }
}
