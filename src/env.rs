//! The process's environment, read in one place: the system clock and zone, the
//! variables syncwise honours (`SYNCWISE_TODAY`, `SYNCWISE_DIR`, `TZ`, `NO_COLOR`) and `/etc/localtime`.

use chrono::{Local, NaiveDateTime, TimeZone, Utc};

use crate::core::clock::{BadDate, Clock};

/// The environment variable that pins today's date for reproducible runs.
pub const TODAY_VAR: &str = "SYNCWISE_TODAY";

/// The system clock, in the system's zone.
pub fn system_clock() -> Clock {
    let now = Local::now();
    Clock::at(now.naive_local(), now.with_timezone(&Utc))
}

/// A pinned moment (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`), placed in the system's zone.
pub fn pinned_clock(text: &str) -> Result<Clock, BadDate> {
    let local = Clock::parse_pinned(text)?;
    Ok(Clock::at(local, in_system_zone(local)))
}

fn in_system_zone(local: NaiveDateTime) -> chrono::DateTime<Utc> {
    Local
        .from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&local))
}

/// An environment variable syncwise cannot use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvError {
    #[error("{TODAY_VAR} is not valid UTF-8 text (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM)")]
    TodayNotText,
    #[error("{TODAY_VAR} is invalid: {0}")]
    Today(#[from] BadDate),
}

/// The clock: pinned by `SYNCWISE_TODAY` when it is set and not blank, else the system's.
pub fn clock() -> Result<Clock, EnvError> {
    match pinned_today()? {
        Some(text) => Ok(pinned_clock(&text)?),
        None => Ok(system_clock()),
    }
}

/// Whether `SYNCWISE_TODAY` pins the clock (set, even to something unreadable, and not
/// blank).
pub fn today_is_pinned() -> bool {
    !matches!(pinned_today(), Ok(None))
}

/// `SYNCWISE_TODAY` if set and not blank; an error if it is not UTF-8.
pub fn pinned_today() -> Result<Option<String>, EnvError> {
    match std::env::var(TODAY_VAR) {
        Ok(text) if !text.trim().is_empty() => Ok(Some(text)),
        Ok(_) | Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(EnvError::TodayNotText),
    }
}

/// The environment variable that names the store's directory.
pub const DIR_VAR: &str = "SYNCWISE_DIR";

/// `SYNCWISE_DIR` as set, if it is.
pub fn dir_var() -> Option<std::ffi::OsString> {
    std::env::var_os(DIR_VAR)
}

/// The zone `TZ` names (without the leading `:` POSIX allows), if set and not blank.
pub fn tz_var() -> Option<String> {
    std::env::var("TZ")
        .ok()
        .filter(|n| !n.trim().is_empty())
        .map(|n| n.trim_start_matches(':').to_string())
}

/// Whether the user asked for no colour (`NO_COLOR` set and not empty).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The system's zone as `/etc/localtime` names it, else UTC: the last fallback of every
/// zone finder.
pub fn system_zone() -> crate::ics::Tz {
    system_zone_hint()
        .and_then(|hint| crate::ics::resolve_zone(&hint))
        .unwrap_or(crate::ics::Tz::UTC)
}

/// The system's time zone as the link `/etc/localtime` names it (`…/Europe/Berlin`), if
/// the system says.
fn system_zone_hint() -> Option<String> {
    std::fs::read_link("/etc/localtime")
        .ok()
        .map(|target| target.to_string_lossy().into_owned())
}
