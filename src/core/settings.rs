//! Settings by name: the keys `syncwise config` reads and writes, each validated.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::core::item::DEFAULT_TIMEBOX;
use crate::core::week::Day;

/// The user's settings: the budget and the shape of a working week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Sync minutes the week may hold.
    pub budget_minutes: u32,
    /// Sync minutes a day may hold before deep work collapses.
    pub red_line_minutes: u32,
    /// The longest a non-crisis sync should run.
    pub timebox_minutes: u32,
    /// The days the user works.
    pub working_days: Vec<Day>,
    /// The user's time zone (an IANA name), if set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// The user's calendar address, if set: meetings they declined are not sync time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            budget_minutes: 600,
            red_line_minutes: 180,
            timebox_minutes: DEFAULT_TIMEBOX,
            working_days: vec![Day::Mon, Day::Tue, Day::Wed, Day::Thu, Day::Fri],
            timezone: None,
            email: None,
        }
    }
}

/// The setting keys, with what each holds.
pub const KEYS: &[(&str, &str)] = &[
    (
        "budget",
        "weekly sync budget in minutes (1-10080, default 600)",
    ),
    (
        "red-line",
        "daily sync red line in minutes (1-1440, default 180)",
    ),
    (
        "timebox",
        "longest non-crisis sync in minutes (1-120, default 15)",
    ),
    ("working-days", "days you work, e.g. mon,tue,wed,thu,fri"),
    (
        "timezone",
        "your IANA time zone, e.g. Europe/Berlin (empty: the system's)",
    ),
    (
        "email",
        "your calendar address; meetings you declined are not sync time (empty: none)",
    ),
];

/// A setting that cannot be read or written.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConfigError {
    #[error(
        "unknown setting '{0}' (valid: budget, red-line, timebox, working-days, timezone, email)"
    )]
    UnknownKey(String),
    #[error("{key} must be a whole number from {min} to {max}, got '{got}'")]
    Number {
        key: &'static str,
        min: u32,
        max: u32,
        got: String,
    },
    #[error("working-days needs at least one day of mon, tue, wed, thu, fri, sat, sun; got '{0}'")]
    Days(String),
    #[error("unknown time zone '{0}' (use an IANA name such as Europe/Berlin or America/New_York)")]
    Zone(String),
    #[error("'{0}' is not an email address (use one such as you@example.com, or empty for none)")]
    Email(String),
}

fn key_name(key: &str) -> Result<&'static str, ConfigError> {
    KEYS.iter()
        .map(|(k, _)| *k)
        .find(|k| *k == key.trim())
        .ok_or_else(|| ConfigError::UnknownKey(key.to_string()))
}

/// The value of a setting, as `config get` prints it.
pub fn get(settings: &Settings, key: &str) -> Result<String, ConfigError> {
    Ok(match key_name(key)? {
        "budget" => settings.budget_minutes.to_string(),
        "red-line" => settings.red_line_minutes.to_string(),
        "timebox" => settings.timebox_minutes.to_string(),
        "working-days" => settings
            .working_days
            .iter()
            .map(|d| d.id())
            .collect::<Vec<_>>()
            .join(","),
        "timezone" => settings.timezone.clone().unwrap_or_default(),
        _ => settings.email.clone().unwrap_or_default(),
    })
}

/// An address as calendars write it in ATTENDEE lines (`mailto:` in any case, or not):
/// one `@`, no spaces. It comes back in lower case, the form it is compared in; `None`
/// for anything else.
pub fn email(value: &str) -> Option<String> {
    let address = value.trim();
    let address = match (address.get(..7), address.get(7..)) {
        (Some(scheme), Some(rest)) if scheme.eq_ignore_ascii_case("mailto:") => rest,
        _ => address,
    };
    let (user, host) = address.split_once('@')?;
    let fine = |part: &str| {
        !part.is_empty() && !part.contains('@') && !part.chars().any(char::is_whitespace)
    };
    (fine(user) && fine(host) && address.len() <= 254).then(|| address.to_lowercase())
}

fn number(key: &'static str, value: &str, min: u32, max: u32) -> Result<u32, ConfigError> {
    value
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| ConfigError::Number {
            key,
            min,
            max,
            got: value.to_string(),
        })
}

/// The valid range of each numeric setting.
pub const BUDGET_MINUTES: (u32, u32) = (1, 7 * 24 * 60);
pub const RED_LINE_MINUTES: (u32, u32) = (1, 24 * 60);
pub const TIMEBOX_MINUTES: (u32, u32) = (1, 120);

/// Checks settings read from a store: every value within what `set` accepts.
pub fn check(settings: &Settings) -> Result<(), ConfigError> {
    for (key, value, (min, max)) in [
        ("budget", settings.budget_minutes, BUDGET_MINUTES),
        ("red-line", settings.red_line_minutes, RED_LINE_MINUTES),
        ("timebox", settings.timebox_minutes, TIMEBOX_MINUTES),
    ] {
        if !(min..=max).contains(&value) {
            return Err(ConfigError::Number {
                key,
                min,
                max,
                got: value.to_string(),
            });
        }
    }
    if settings.working_days.is_empty() {
        return Err(ConfigError::Days(String::new()));
    }
    if let Some(address) = &settings.email
        && email(address).is_none()
    {
        return Err(ConfigError::Email(address.clone()));
    }
    Ok(())
}

/// Validates a value and stores it in the settings.
pub fn set(settings: &mut Settings, key: &str, value: &str) -> Result<(), ConfigError> {
    match key_name(key)? {
        "budget" => {
            settings.budget_minutes = number("budget", value, BUDGET_MINUTES.0, BUDGET_MINUTES.1)?
        }
        "red-line" => {
            settings.red_line_minutes =
                number("red-line", value, RED_LINE_MINUTES.0, RED_LINE_MINUTES.1)?
        }
        "timebox" => {
            settings.timebox_minutes =
                number("timebox", value, TIMEBOX_MINUTES.0, TIMEBOX_MINUTES.1)?
        }
        "working-days" => {
            let mut days = value
                .split([',', ' '])
                .filter(|d| !d.trim().is_empty())
                .map(|d| d.parse::<Day>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|_| ConfigError::Days(value.to_string()))?;
            days.sort();
            days.dedup();
            if days.is_empty() {
                return Err(ConfigError::Days(value.to_string()));
            }
            settings.working_days = days;
        }
        "email" => {
            settings.email = match value.trim() {
                "" => None,
                address => {
                    Some(email(address).ok_or_else(|| ConfigError::Email(value.to_string()))?)
                }
            };
        }
        _ => {
            let zone = value.trim();
            settings.timezone = if zone.is_empty() {
                None
            } else {
                let tz = chrono_tz::TZ_VARIANTS
                    .iter()
                    .find(|tz| tz.name().eq_ignore_ascii_case(zone))
                    .ok_or_else(|| ConfigError::Zone(value.to_string()))?;
                Some(tz.name().to_string())
            };
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_round_trips() {
        let mut s = Settings::default();
        for (key, value) in [
            ("budget", "480"),
            ("red-line", "120"),
            ("timebox", "20"),
            ("working-days", "mon,tue,wed,thu"),
            ("timezone", "Europe/Berlin"),
            ("email", "me@example.com"),
        ] {
            set(&mut s, key, value).unwrap();
            assert_eq!(get(&s, key).unwrap(), value);
        }
        set(&mut s, "working-days", "fri mon mon").unwrap();
        assert_eq!(get(&s, "working-days").unwrap(), "mon,fri");
        set(&mut s, "timezone", "america/new_york").unwrap();
        assert_eq!(get(&s, "timezone").unwrap(), "America/New_York");
        set(&mut s, "timezone", "").unwrap();
        assert_eq!(s.timezone, None);
        set(&mut s, "email", " mailto:Ana.Lopez@Example.COM ").unwrap();
        assert_eq!(get(&s, "email").unwrap(), "ana.lopez@example.com");
        assert_eq!(check(&s), Ok(()));
        for (given, stored) in [
            ("MAILTO:Me@Example.com", "me@example.com"),
            ("mailto:mailto:x@example.com", "mailto:x@example.com"),
            ("JÖRG@Example.com", "jörg@example.com"),
        ] {
            set(&mut s, "email", given).unwrap();
            assert_eq!(get(&s, "email").unwrap(), stored, "{given}");
            // What set stores, a load accepts.
            assert_eq!(check(&s), Ok(()), "{given}");
        }
        set(&mut s, "email", "").unwrap();
        assert_eq!(s.email, None);
    }

    #[test]
    fn bad_values_are_refused_with_what_is_valid() {
        let mut s = Settings::default();
        let before = s.clone();
        for (key, value) in [
            ("budget", "0"),
            ("budget", "-5"),
            ("budget", "lots"),
            ("red-line", "1441"),
            ("timebox", "0"),
            ("working-days", ""),
            ("working-days", "mon,funday"),
            ("timezone", "Mars/Olympus"),
            ("email", "me"),
            ("email", "me@"),
            ("email", "@example.com"),
            ("email", "a b@example.com"),
            ("email", "a@b@example.com"),
            ("colour", "blue"),
        ] {
            let err = set(&mut s, key, value).unwrap_err().to_string();
            assert!(!err.is_empty());
        }
        assert_eq!(s, before);
        assert_eq!(
            set(&mut s, "budget", "0").unwrap_err().to_string(),
            "budget must be a whole number from 1 to 10080, got '0'"
        );
        // A store edited by hand is checked the same way.
        s.email = Some("Not An Address".into());
        assert!(check(&s).is_err());
    }
}
