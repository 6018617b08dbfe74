//! Occurrences: one placed instance of a calendar event, with the facts a reader of the
//! calendar can tell about it, and the key that finds it again on the next import.

use std::fmt;

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

/// The identity of one occurrence, stable across re-imports of the same or an updated
/// file: the series' UID and the occurrence's original start (its RECURRENCE-ID when an
/// override moved it), in UTC.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct OccurrenceKey {
    pub uid: String,
    pub occurrence: DateTime<Utc>,
}

impl fmt::Display for OccurrenceKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} @ {}",
            self.uid,
            self.occurrence.to_rfc3339_opts(SecondsFormat::Secs, true)
        )
    }
}

/// One occurrence of a timed calendar event, placed in the user's zone. Every text is
/// as the file has it (unescaped, not sanitised).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub uid: String,
    /// SUMMARY, raw.
    pub title: String,
    /// DESCRIPTION, raw (conferencing boilerplate included: see [`super::agenda_lines`]).
    pub description: String,
    /// Start in the user's zone.
    pub start: DateTime<FixedOffset>,
    /// End in the user's zone.
    pub end: DateTime<FixedOffset>,
    /// Length, rounded up to the minute.
    pub minutes: u32,
    /// Distinct people taking part, organizer included, rooms and declines excluded.
    pub attendees: u32,
    /// Part of a series (RRULE, RDATE, or an override of one occurrence).
    pub recurring: bool,
    /// Its series has an RRULE with neither COUNT nor UNTIL.
    pub endless: bool,
    /// Shown as free on the calendar (TRANSP:TRANSPARENT); an override that does not
    /// say keeps the series' value.
    pub free: bool,
    /// The addresses that declined it (lower case, without `mailto:`).
    pub declined: Vec<String>,
    /// The original start of this occurrence in UTC (its RECURRENCE-ID when an override
    /// moved it), for [`Occurrence::key`].
    pub original_start: DateTime<Utc>,
}

impl Occurrence {
    /// The key under which an import stores this occurrence.
    pub fn key(&self) -> OccurrenceKey {
        OccurrenceKey {
            uid: self.uid.clone(),
            occurrence: self.original_start,
        }
    }

    /// Whether the attendee with this address (any case, with or without `mailto:`)
    /// declined it.
    pub fn declined_by(&self, address: &str) -> bool {
        let address = address.trim().to_lowercase();
        let address = address.strip_prefix("mailto:").unwrap_or(&address).trim();
        self.declined.iter().any(|d| d == address)
    }
}
