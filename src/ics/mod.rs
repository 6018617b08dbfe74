//! The calendar reader: reads an iCalendar (.ics) export and places the occurrences of a
//! window in the user's zone.
//!
//! This module is pure and stands alone: it imports nothing from the rest of the crate,
//! takes the file's bytes or text and returns data. It never reads files, the
//! environment or the clock, and never prints. Weeks, flags and what is stored are the
//! core's (`crate::core::audit`).
//!
//! # API
//!
//! ```no_run
//! use syncwise::ics;
//! use chrono::NaiveDate;
//!
//! # fn main() -> Result<(), ics::IcsError> {
//! let bytes: &[u8] = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
//! let tz = ics::user_zone("Europe/Berlin")?;
//! let calendar = ics::parse_bytes(bytes)?;
//! // Any window, in the user's dates: [from, to).
//! let from = NaiveDate::from_ymd_opt(2026, 3, 23).unwrap_or_default();
//! let to = NaiveDate::from_ymd_opt(2026, 3, 30).unwrap_or_default();
//! for occurrence in ics::expand(&calendar, from, to, tz).occurrences {
//!     let _key = occurrence.key(); // store under this: UID + original start
//! }
//! # Ok(())
//! # }
//! ```
//!
//! - [`parse`] / [`parse_bytes`] read the file into a [`Calendar`]. They fail only when
//!   the whole input is unusable ([`IcsError`]: too large, or not iCalendar at all);
//!   anything smaller (a malformed line, an event without DTSTART, an RRULE that cannot
//!   be read) is left out and listed in [`Calendar::skipped`].
//! - [`expand`] places every occurrence that starts in `[from, to)` (midnight to midnight
//!   in the user's zone) as an [`Occurrence`]: UID, title and description, start and
//!   end in the user's zone, minutes, attendees, whether it recurs and whether its
//!   series ends, whether it shows as free, who declined it, and its original start.
//! - [`has_agenda`] / [`agenda_lines`] tell what a description says beyond the
//!   conferencing boilerplate clients add.
//! - [`user_zone`] / [`resolve_zone`] read the user's zone (`--tz`, `TZ`): IANA names in
//!   any case, Windows names, and paths ending in an IANA name. Finding the system's zone
//!   is the caller's job.
//!
//! # For the caller
//!
//! - **Idempotent import.** [`Occurrence::key`] is the series' UID and the occurrence's
//!   *original* start in UTC (the RECURRENCE-ID for an override), so re-importing the
//!   same file, or an updated one in which an occurrence moved, finds the same key. Its
//!   `Display` is `UID @ 2026-03-26T08:30:00Z`. Events without a UID get a stand-in
//!   derived from their start and title, stable across imports of the same file.
//! - **Text is raw.** Titles, descriptions, the calendar's name and the skipped entries
//!   come unescaped but unfiltered from the file: the caller sanitises them before they
//!   reach a terminal or Markdown.
//! - **Skipped.** [`Expansion::skipped`] lists first what the file itself had wrong (the
//!   same for every window: malformed lines and events, duplicate UIDs, limits), then
//!   what concerns this window (all-day events, unknown zones, capped series).
//! - **Threads.** [`Calendar`] is `Send + Sync` and immutable: parse once, expand windows
//!   on demand.
//!
//! # What counts, and how
//!
//! - **Zones.** A TZID is looked up first among the file's VTIMEZONEs: one whose TZID
//!   (or Lightning's `X-LIC-LOCATION`) is a known IANA or Windows name stands for that
//!   zone; otherwise its STANDARD/DAYLIGHT observances (TZOFFSETFROM/TZOFFSETTO, DTSTART,
//!   yearly RRULE such as `BYMONTH=3;BYDAY=-1SU`, RDATE) are used. A TZID without a
//!   VTIMEZONE is read as an IANA name in any case, a Windows name (`W. Europe Standard
//!   Time`, the CLDR `windowsZones` defaults) or a path ending in an IANA name
//!   (`/mozilla.org/20070129_1/Europe/Berlin`). A zone nobody knows is never guessed:
//!   its event is listed in `skipped` for each window it may fall in. chrono-tz's tables
//!   end in 2099; later years keep the zone's last known rules (each is read like the
//!   year of 2072–2099 with the same calendar), so Berlin keeps summer time in 2100.
//! - **Wall-clock times.** Recurrences are computed on the event's wall clock and then
//!   placed, so a 09:00 Europe/Berlin meeting stays at 09:00 across DST. A time in a DST
//!   gap is read with the offset before the gap, a time in a fold is its first
//!   occurrence (RFC 5545 3.3.5). Floating times are the wall clock of the calendar's
//!   `X-WR-TIMEZONE` when it names a known zone, else the user's; a floating EXDATE,
//!   RDATE, RECURRENCE-ID or UNTIL in a zoned series reads in the series' zone.
//!   A UTC `UNTIL` is compared as an instant, not as local time, and so is a UTC EXDATE
//!   on a floating series (it removes the occurrence at that instant in the user's zone).
//! - **Recurrence.** All of RFC 5545's RRULE: every FREQ from SECONDLY to YEARLY,
//!   INTERVAL, COUNT, UNTIL, BYSECOND, BYMINUTE, BYHOUR, BYDAY (ordinals like `2MO`,
//!   `-1FR`), BYMONTHDAY, BYYEARDAY, BYWEEKNO (weeks of four days or more, starting on
//!   WKST), BYMONTH, BYSETPOS and WKST, expanding or limiting as the RFC's table says.
//!   Several RRULEs in one event are united (each keeps its own COUNT; an occurrence
//!   two rules share counts once). RDATE (DATE, DATE-TIME, PERIOD, a period keeping its
//!   own end or length); EXDATE (several lines, comma lists, DATE or DATE-TIME). DTSTART
//!   is always the first occurrence. A rule part the RFC does not define (`UNTL=`, a
//!   misspelling) skips the event with a note rather than run the series forever;
//!   `X-` parts and `RSCALE=GREGORIAN` are accepted. The RFC's own examples (3.8.5.3)
//!   are a table test in `tests/recurrence.rs`.
//! - **Overrides.** A VEVENT with a RECURRENCE-ID replaces the occurrence it names,
//!   matched by UID and instant whatever its SEQUENCE: it can move it (to another week
//!   too), change its length, title or people, or cancel it (`STATUS:CANCELLED`). When
//!   several override the same occurrence, the highest SEQUENCE wins (the later one on a
//!   tie). Properties an override leaves out (title, description, attendees, end,
//!   TRANSP) are the series'. An override whose series is not in the file stands alone.
//!   A RECURRENCE-ID with `RANGE=THISANDFUTURE` also changes every later occurrence:
//!   they move by the same time (the difference of instants between its DTSTART and
//!   its RECURRENCE-ID) and take its length, title, people and status (a cancelled one
//!   ends the series there); an override of a single later occurrence still wins, and
//!   each keeps its original start as its key.
//!   A cancelled series (`STATUS:CANCELLED` on the master) disappears with its
//!   overrides.
//! - **Not occurrences.** All-day events, timed events of 24 hours or more, and events
//!   without a duration (DTSTART only: reminders, deadlines) are not placed; when one
//!   falls in the window it is listed once in `skipped` with the reason.
//! - **Length** is the exact time between start and end (DTEND, or DURATION with days
//!   counted on the wall clock), rounded up to the minute. An occurrence belongs to the
//!   window in which it starts, in the user's zone.
//! - **Attendees** are the distinct people in ATTENDEE and ORGANIZER (addresses compared
//!   in any case), leaving out rooms and resources (`CUTYPE`), non-participants and those
//!   who declined. An event with an ORGANIZER only counts one person, with neither zero.
//! - **Duplicates.** Of two events with the same UID and no RECURRENCE-ID, the one with
//!   the higher SEQUENCE (the later one on a tie) is used and the other listed in
//!   `skipped`.
//! - **Not handled** (each documented where it matters): EXRULE (deprecated by RFC 5545)
//!   is ignored; calendars other than the Gregorian (`RSCALE`) are refused; a
//!   `THISANDFUTURE` shift is one of instants, so across a change of offset between the
//!   override and a later occurrence the later one can move by an hour on the wall
//!   clock. Overlapping occurrences are each listed in full.
//!
//! # Hostile input
//!
//! Nothing here panics on any input. [`Limits`] bounds the file size, the unfolded line
//! length, components, properties, nesting, list values, and the work of expansion:
//! each series gets its own step budget (so an endless series cannot starve the
//! others), its own cap on occurrences per window, and the whole file a total budget
//! that only a hostile file can reach. Sub-daily rules are walked from just before the
//! window and jump over the days, hours and minutes their BY parts rule out, so a
//! `FREQ=SECONDLY` series costs at most the per-window cap (listed in `skipped`). What a
//! limit cuts is listed in `skipped`; a line over the length limit that the event's
//! dates depend on (DTSTART, DTEND, DURATION, RRULE, RDATE, EXDATE, RECURRENCE-ID), or
//! more EXDATE values than the list limit, skips the event with a note: it is never
//! counted without its exceptions.
//!
//! # Why a parser of our own
//!
//! The crates on offer each fail a requirement of the issue: `calcard` shares one count
//! limit across all series of a file (one endless series starves the others), matches
//! overrides by SEQUENCE, compares a UTC UNTIL as local time and falls back silently on
//! unknown zones; `icalendar` and `rrule` reject a whole file for one bad line and do not
//! know Windows zone names. The parts needed here (content lines, recurrence, zones)
//! are small, so this module implements them on `chrono` and
//! `chrono-tz` (for the IANA database) and proves them against hand-computed fixtures in
//! `tests/ics.rs` and `tests/recurrence.rs`, including DST weeks, client quirks, the
//! RFC's examples and a property test on arbitrary and mutated input.

mod agenda;
mod event;
mod expand;
mod lines;
mod occurrence;
mod rrule;
mod value;
mod windows;
mod zone;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use agenda::{agenda_lines, has_agenda};
pub use chrono_tz::Tz;
pub use occurrence::{Occurrence, OccurrenceKey};
pub use zone::resolve_zone;

/// Why a calendar could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IcsError {
    #[error("the calendar file is {size} bytes; syncwise reads files up to {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("this is not an iCalendar file: it has no BEGIN:VCALENDAR or BEGIN:VEVENT")]
    NotCalendar,
    #[error("unknown time zone '{0}' (use an IANA name such as Europe/Berlin)")]
    UnknownZone(String),
}

/// Something in the file that was left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Skipped {
    /// What was left out: `line 12`, `event 'Standup' (uid …, line 40)`, `calendar`.
    pub what: String,
    /// Why, in a few words.
    pub reason: String,
}

/// Bounds on the work one file may cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file read at all.
    pub max_file_bytes: usize,
    /// Longest content line once unfolded (Outlook's HTML descriptions are long).
    pub max_line_bytes: usize,
    /// BEGIN blocks in the whole file.
    pub max_components: usize,
    /// VEVENTs read.
    pub max_events: usize,
    /// Properties kept per component.
    pub max_properties: usize,
    /// Nesting depth of BEGIN blocks.
    pub max_depth: usize,
    /// RDATE and EXDATE values kept per event.
    pub max_list_values: usize,
    /// Recurrence periods one series may step through per expansion.
    pub max_series_steps: u64,
    /// Recurrence periods all series together may step through per expansion.
    pub max_total_steps: u64,
    /// Occurrences of one series kept per expansion window.
    pub max_occurrences_per_series: usize,
    /// Entries in a skipped list (one more says how many were left out).
    pub max_skipped: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 64 * 1024 * 1024,
            max_line_bytes: 1024 * 1024,
            max_components: 200_000,
            max_events: 100_000,
            max_properties: 5_000,
            max_depth: 16,
            max_list_values: 2_000,
            max_series_steps: 20_000,
            max_total_steps: 2_000_000,
            max_occurrences_per_series: 2_000,
            max_skipped: 200,
        }
    }
}

/// A parsed calendar: its series, ready to expand over any window.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// The name the file gives the calendar (`X-WR-CALNAME`), if any.
    name: Option<String>,
    series: Vec<event::Series>,
    events: usize,
    skipped: Vec<Skipped>,
    limits: Limits,
}

impl Calendar {
    /// The name the file gives the calendar (`X-WR-CALNAME`, trimmed), if any: raw, so
    /// sanitise it before it reaches a terminal.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// What the file had that could not be read, whatever the window.
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// VEVENTs in the file (overrides included).
    pub fn event_count(&self) -> usize {
        self.events
    }

    /// Distinct UIDs read (a series and its overrides count once).
    pub fn series_count(&self) -> usize {
        self.series.len()
    }
}

/// The occurrences of a window, and what was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    /// In no particular order.
    pub occurrences: Vec<Occurrence>,
    /// The calendar's own skipped entries, then those of this window.
    pub skipped: Vec<Skipped>,
}

/// A capped list of skipped entries.
#[derive(Debug, Clone)]
pub(crate) struct SkipLog {
    entries: Vec<Skipped>,
    dropped: usize,
    cap: usize,
}

impl SkipLog {
    pub fn new(cap: usize) -> Self {
        SkipLog {
            entries: Vec::new(),
            dropped: 0,
            cap,
        }
    }

    pub fn push(&mut self, what: String, reason: String) {
        if self.entries.len() < self.cap {
            self.entries.push(Skipped { what, reason });
        } else {
            self.dropped += 1;
        }
    }

    /// Adds an entry even past the cap: for the few that concern the whole file.
    pub fn push_always(&mut self, what: String, reason: String) {
        self.entries.push(Skipped { what, reason });
    }

    #[cfg(test)]
    pub fn entries(&self) -> &[Skipped] {
        &self.entries
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.dropped == 0
    }

    pub fn finish(mut self) -> Vec<Skipped> {
        if self.dropped > 0 {
            self.entries.push(Skipped {
                what: format!("{} more", self.dropped),
                reason: "further problems are not listed".into(),
            });
        }
        self.entries
    }
}

/// Reads a calendar from text.
pub fn parse(text: &str) -> Result<Calendar, IcsError> {
    parse_with_limits(text.as_bytes(), Limits::default())
}

/// Reads a calendar from the file's bytes: UTF-8 (invalid sequences are replaced), with
/// or without a byte-order mark, CRLF, LF or CR line endings.
pub fn parse_bytes(bytes: &[u8]) -> Result<Calendar, IcsError> {
    parse_with_limits(bytes, Limits::default())
}

/// [`parse_bytes`] with other bounds.
pub fn parse_with_limits(bytes: &[u8], limits: Limits) -> Result<Calendar, IcsError> {
    if bytes.len() > limits.max_file_bytes {
        return Err(IcsError::TooLarge {
            size: bytes.len(),
            limit: limits.max_file_bytes,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut log = SkipLog::new(limits.max_skipped);
    let lines = lines::logical_lines(bytes, &limits, &mut log);
    let tree = lines::parse_tree(&lines, &limits, &mut log);
    if !tree.iter().any(|c| c.is("VCALENDAR") || c.is("VEVENT")) {
        return Err(IcsError::NotCalendar);
    }
    let (series, events) = event::build(&tree, &limits, &mut log);
    // A file of several calendars under different names has no one name.
    let mut names = tree.iter().filter(|c| c.is("VCALENDAR")).map(|c| {
        c.prop("X-WR-CALNAME")
            .map(|p| value::unescape_text(p.value).trim().to_string())
            .filter(|name| !name.is_empty())
    });
    let first = names.next().flatten();
    let name = first.filter(|first| names.all(|other| other.as_ref() == Some(first)));
    Ok(Calendar {
        name,
        series,
        events,
        skipped: log.finish(),
        limits,
    })
}

/// The user's zone by name (see [`resolve_zone`]), or an error that names it.
pub fn user_zone(name: &str) -> Result<Tz, IcsError> {
    resolve_zone(name).ok_or_else(|| IcsError::UnknownZone(name.trim().to_string()))
}

/// Every occurrence that starts in `[from, to)`, dates in the user's zone `tz`.
pub fn expand(calendar: &Calendar, from: NaiveDate, to: NaiveDate, tz: Tz) -> Expansion {
    expand::expand(calendar, from, to, tz)
}
