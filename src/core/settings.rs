//! Settings by name: the keys `syncwise config` reads and writes, each validated.
//!
//! Stores written before the policy table held one `timebox_minutes` for every non-crisis
//! sync. Such a store is read without changing what it meant: a timebox the user had set
//! (anything but the old default, 15) becomes every intent's timebox; the old default
//! becomes the policy's defaults. The next save writes the `timeboxes` table instead.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::core::policy::{self, NoTimebox, Rule, TIMEBOX_RANGE, Timeboxes};
use crate::core::slot::WorkingHours;
use crate::core::vocabulary::Intent;
use crate::core::week::Day;

/// The single timebox every store held before the policy table, when left as it came.
const LEGACY_DEFAULT_TIMEBOX: u32 = 15;

/// The user's settings: the budget, the policy's timeboxes and the shape of a working week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredSettings")]
pub struct Settings {
    /// Sync minutes the week may hold.
    pub budget_minutes: u32,
    /// Sync minutes a day may hold before deep work collapses.
    pub red_line_minutes: u32,
    /// The longest a sync of each intent should run (a crisis has no timebox).
    pub timeboxes: Timeboxes,
    /// The days the user works.
    pub working_days: Vec<Day>,
    /// The hours of a working day: `schedule` places syncs inside them.
    pub hours: WorkingHours,
    /// The contiguous free minutes each working day keeps for deep work.
    pub focus_minutes: u32,
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
            timeboxes: Timeboxes::default(),
            working_days: vec![Day::Mon, Day::Tue, Day::Wed, Day::Thu, Day::Fri],
            hours: WorkingHours::default(),
            focus_minutes: DEFAULT_FOCUS_MINUTES,
            timezone: None,
            email: None,
        }
    }
}

impl Settings {
    /// The policy's row for an intent, with the user's timebox.
    pub fn rule(&self, intent: Intent) -> Rule {
        policy::rule(intent, &self.timeboxes)
    }

    /// The longest a sync of this intent should run; `None` for a crisis.
    pub fn timebox(&self, intent: Intent) -> Option<u32> {
        self.timeboxes.get(intent)
    }
}

/// Settings as a store holds them, in this version's form or in the form of the versions
/// before the policy table (one `timebox_minutes`).
#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
struct StoredSettings {
    budget_minutes: u32,
    red_line_minutes: u32,
    timeboxes: Option<Timeboxes>,
    timebox_minutes: Option<u32>,
    working_days: Vec<Day>,
    hours: WorkingHours,
    focus_minutes: u32,
    timezone: Option<String>,
    email: Option<String>,
}

impl Default for StoredSettings {
    fn default() -> Self {
        let d = Settings::default();
        StoredSettings {
            budget_minutes: d.budget_minutes,
            red_line_minutes: d.red_line_minutes,
            timeboxes: None,
            timebox_minutes: None,
            working_days: d.working_days,
            hours: d.hours,
            focus_minutes: d.focus_minutes,
            timezone: d.timezone,
            email: d.email,
        }
    }
}

/// Stored settings that cannot be read without guessing what they mean.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "the settings hold both `timeboxes` and the older single `timebox_minutes`; keep only `timeboxes`"
)]
pub struct BothTimeboxForms;

impl TryFrom<StoredSettings> for Settings {
    type Error = BothTimeboxForms;

    fn try_from(s: StoredSettings) -> Result<Self, BothTimeboxForms> {
        let timeboxes = match (s.timeboxes, s.timebox_minutes) {
            (Some(_), Some(_)) => return Err(BothTimeboxForms),
            (Some(table), None) => table,
            (None, Some(LEGACY_DEFAULT_TIMEBOX) | None) => Timeboxes::default(),
            // The user chose one length for every non-crisis sync: keep that meaning.
            (None, Some(minutes)) => Timeboxes::uniform(minutes),
        };
        Ok(Settings {
            budget_minutes: s.budget_minutes,
            red_line_minutes: s.red_line_minutes,
            timeboxes,
            working_days: s.working_days,
            hours: s.hours,
            focus_minutes: s.focus_minutes,
            timezone: s.timezone,
            email: s.email,
        })
    }
}

/// The setting keys, with what each holds. `timebox` alone is still read and written: it
/// names the decision timebox (the 15-minute rule), `timebox.decision`.
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
        "timebox.status",
        "longest sync on a status report, in minutes (1-240, default 15)",
    ),
    (
        "timebox.fyi",
        "longest sync to share information, in minutes (1-240, default 15)",
    ),
    (
        "timebox.decided",
        "longest sync to announce a decision, in minutes (1-240, default 15)",
    ),
    (
        "timebox.question",
        "longest sync on a question, in minutes (1-240, default 15)",
    ),
    (
        "timebox.review",
        "longest sync on a review, in minutes (1-240, default 15)",
    ),
    (
        "timebox.decision",
        "longest sync to make a decision, in minutes (1-240, default 15; also `timebox`)",
    ),
    (
        "timebox.brainstorm",
        "longest sync to explore a problem, in minutes (1-240, default 30)",
    ),
    (
        "timebox.conflict",
        "longest sync on a disagreement, in minutes (1-240, default 30)",
    ),
    (
        "timebox.feedback",
        "longest feedback conversation, in minutes (1-240, default 30)",
    ),
    (
        "timebox.rapport",
        "longest relationship-building sync, in minutes (1-240, default 30)",
    ),
    ("working-days", "days you work, e.g. mon,tue,wed,thu,fri"),
    (
        "hours",
        "your working hours, HH:MM-HH:MM (default 09:00-17:00); schedule places syncs inside",
    ),
    (
        "focus",
        "free minutes in one stretch each working day keeps (0-720, default 120)",
    ),
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
        "unknown setting '{0}' (valid: budget, red-line, timebox.<intent>, working-days, hours, focus, timezone, email)"
    )]
    UnknownKey(String),
    #[error("{key} must be a whole number from {min} to {max}, got '{got}'")]
    Number {
        key: String,
        min: u32,
        max: u32,
        got: String,
    },
    #[error(transparent)]
    NoTimebox(#[from] NoTimebox),
    #[error("working-days needs at least one day of mon, tue, wed, thu, fri, sat, sun; got '{0}'")]
    Days(String),
    #[error(transparent)]
    Hours(#[from] crate::core::slot::TimeError),
    #[error("focus ({focus} min) must fit in the working hours {hours} ({length} min)")]
    FocusTooLong {
        focus: u32,
        hours: String,
        length: u32,
    },
    #[error("unknown time zone '{0}' (use an IANA name such as Europe/Berlin or America/New_York)")]
    Zone(String),
    #[error("'{0}' is not an email address (use one such as you@example.com, or empty for none)")]
    Email(String),
}

/// A setting, as `get` and `set` know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Budget,
    RedLine,
    Timebox(Intent),
    WorkingDays,
    Hours,
    Focus,
    Timezone,
    Email,
}

fn key_of(key: &str) -> Result<Key, ConfigError> {
    let unknown = || ConfigError::UnknownKey(key.to_string());
    Ok(match key.trim() {
        "budget" => Key::Budget,
        "red-line" => Key::RedLine,
        "timebox" => Key::Timebox(Intent::Decision),
        "working-days" => Key::WorkingDays,
        "hours" => Key::Hours,
        "focus" => Key::Focus,
        "timezone" => Key::Timezone,
        "email" => Key::Email,
        other => {
            let intent = other
                .strip_prefix("timebox.")
                .and_then(|id| id.parse::<Intent>().ok())
                .ok_or_else(unknown)?;
            if intent == Intent::Crisis {
                return Err(NoTimebox.into());
            }
            Key::Timebox(intent)
        }
    })
}

/// The value of a setting, as `config get` prints it.
pub fn get(settings: &Settings, key: &str) -> Result<String, ConfigError> {
    Ok(match key_of(key)? {
        Key::Budget => settings.budget_minutes.to_string(),
        Key::RedLine => settings.red_line_minutes.to_string(),
        Key::Timebox(intent) => settings.timebox(intent).ok_or(NoTimebox)?.to_string(),
        Key::WorkingDays => settings
            .working_days
            .iter()
            .map(|d| d.id())
            .collect::<Vec<_>>()
            .join(","),
        Key::Hours => settings.hours.to_string(),
        Key::Focus => settings.focus_minutes.to_string(),
        Key::Timezone => settings.timezone.clone().unwrap_or_default(),
        Key::Email => settings.email.clone().unwrap_or_default(),
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

fn number(key: &str, value: &str, (min, max): (u32, u32)) -> Result<u32, ConfigError> {
    value
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| ConfigError::Number {
            key: key.to_string(),
            min,
            max,
            got: value.to_string(),
        })
}

/// The valid range of each numeric setting.
pub const BUDGET_MINUTES: (u32, u32) = (1, 7 * 24 * 60);
pub const RED_LINE_MINUTES: (u32, u32) = (1, 24 * 60);
pub const TIMEBOX_MINUTES: (u32, u32) = TIMEBOX_RANGE;
pub const FOCUS_MINUTES: (u32, u32) = (0, 720);
/// The free stretch a working day keeps unless the user says otherwise.
pub const DEFAULT_FOCUS_MINUTES: u32 = 120;

/// The focus block must fit in a working day.
fn check_focus(focus: u32, hours: WorkingHours) -> Result<(), ConfigError> {
    if focus > hours.length() {
        return Err(ConfigError::FocusTooLong {
            focus,
            hours: hours.to_string(),
            length: hours.length(),
        });
    }
    Ok(())
}

/// Checks settings read from a store: every value within what `set` accepts.
pub fn check(settings: &Settings) -> Result<(), ConfigError> {
    let timeboxes = settings
        .timeboxes
        .iter()
        .map(|(intent, minutes)| (format!("timebox.{intent}"), minutes, TIMEBOX_MINUTES));
    for (key, value, (min, max)) in [
        (
            "budget".to_string(),
            settings.budget_minutes,
            BUDGET_MINUTES,
        ),
        (
            "red-line".to_string(),
            settings.red_line_minutes,
            RED_LINE_MINUTES,
        ),
        ("focus".to_string(), settings.focus_minutes, FOCUS_MINUTES),
    ]
    .into_iter()
    .chain(timeboxes)
    {
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
    check_focus(settings.focus_minutes, settings.hours)?;
    if let Some(address) = &settings.email
        && email(address).is_none()
    {
        return Err(ConfigError::Email(address.clone()));
    }
    Ok(())
}

/// Validates a value and stores it in the settings.
pub fn set(settings: &mut Settings, key: &str, value: &str) -> Result<(), ConfigError> {
    match key_of(key)? {
        Key::Budget => settings.budget_minutes = number("budget", value, BUDGET_MINUTES)?,
        Key::RedLine => settings.red_line_minutes = number("red-line", value, RED_LINE_MINUTES)?,
        Key::Timebox(intent) => {
            let minutes = number(key.trim(), value, TIMEBOX_MINUTES)?;
            settings.timeboxes.set(intent, minutes)?;
        }
        Key::WorkingDays => {
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
        Key::Hours => {
            let hours: WorkingHours = value.parse()?;
            check_focus(settings.focus_minutes, hours)?;
            settings.hours = hours;
        }
        Key::Focus => {
            let focus = number("focus", value, FOCUS_MINUTES)?;
            check_focus(focus, settings.hours)?;
            settings.focus_minutes = focus;
        }
        Key::Email => {
            settings.email = match value.trim() {
                "" => None,
                address => {
                    Some(email(address).ok_or_else(|| ConfigError::Email(value.to_string()))?)
                }
            };
        }
        Key::Timezone => {
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
            ("timebox.feedback", "45"),
            ("timebox.brainstorm", "240"),
            ("working-days", "mon,tue,wed,thu"),
            ("hours", "08:30-16:30"),
            ("focus", "90"),
            ("timezone", "Europe/Berlin"),
            ("email", "me@example.com"),
        ] {
            set(&mut s, key, value).unwrap();
            assert_eq!(get(&s, key).unwrap(), value);
        }
        // `timebox` alone is the decision timebox.
        assert_eq!(s.timebox(Intent::Decision), Some(20));
        assert_eq!(get(&s, "timebox.decision").unwrap(), "20");
        assert_eq!(s.timebox(Intent::Feedback), Some(45));
        assert_eq!(s.rule(Intent::Feedback).timebox_minutes, Some(45));
        assert_eq!(s.timebox(Intent::Rapport), Some(30));
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
            ("timebox.feedback", "241"),
            ("timebox.crisis", "60"),
            ("timebox.meeting", "30"),
            ("timebox.", "30"),
            ("working-days", ""),
            ("working-days", "mon,funday"),
            ("timezone", "Mars/Olympus"),
            ("hours", "17:00-09:00"),
            ("hours", "9 to 5"),
            ("focus", "721"),
            ("focus", "600"),
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
        assert_eq!(
            set(&mut s, "timebox.crisis", "60").unwrap_err().to_string(),
            "a crisis has no timebox: the war room runs until the incident is under control"
        );
        assert!(get(&s, "timebox.crisis").is_err());
        assert_eq!(
            set(&mut s, "timebox.rapport", "0").unwrap_err().to_string(),
            "timebox.rapport must be a whole number from 1 to 240, got '0'"
        );
        // A store edited by hand is checked the same way.
        let mut hand = s.clone();
        hand.timeboxes.set(Intent::Review, 0).unwrap();
        assert_eq!(
            check(&hand).unwrap_err().to_string(),
            "timebox.review must be a whole number from 1 to 240, got '0'"
        );
        s.email = Some("Not An Address".into());
        assert!(check(&s).is_err());
    }

    #[test]
    fn every_key_is_listed_and_its_default_is_the_policy() {
        let defaults = Settings::default();
        for (key, about) in KEYS {
            let value = get(&defaults, key).unwrap();
            if key.starts_with("timebox.")
                || *key == "budget"
                || *key == "red-line"
                || *key == "focus"
                || *key == "hours"
            {
                assert!(
                    about.contains(&format!("default {value}")),
                    "{key}: {about}"
                );
            }
        }
        for &intent in Intent::ALL {
            let key = format!("timebox.{intent}");
            let listed = KEYS.iter().any(|(k, _)| *k == key);
            assert_eq!(listed, intent != Intent::Crisis, "{key}");
        }
    }

    fn read(json: &str) -> Result<Settings, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn stores_from_before_the_policy_table_keep_their_meaning() {
        let old = |minutes: u32| {
            format!(
                r#"{{"budget_minutes":600,"red_line_minutes":180,"timebox_minutes":{minutes},"working_days":["mon"]}}"#
            )
        };
        // The old default was no choice: the policy's defaults apply.
        let untouched = read(&old(15)).unwrap();
        assert_eq!(untouched.timeboxes, Timeboxes::default());
        assert_eq!(untouched.working_days, [Day::Mon]);
        // A timebox the user set held for every non-crisis sync, and still does.
        let chosen = read(&old(25)).unwrap();
        for &intent in Intent::ALL {
            let expected = (intent != Intent::Crisis).then_some(25);
            assert_eq!(chosen.timebox(intent), expected, "{intent}");
        }
        // Saved again, the store holds the table and no longer the single number.
        let saved = serde_json::to_value(&chosen).unwrap();
        assert!(saved.get("timebox_minutes").is_none());
        assert_eq!(saved["timeboxes"]["feedback"], 25);
        assert_eq!(read(&saved.to_string()).unwrap(), chosen);
        // Both forms at once would need a guess.
        let both = r#"{"timebox_minutes":20,"timeboxes":{"feedback":45}}"#;
        assert!(read(both).unwrap_err().to_string().contains("keep only"));
        // A table lacking intents fills them in; one naming a crisis is refused.
        let partial = read(r#"{"timeboxes":{"feedback":45}}"#).unwrap();
        assert_eq!(partial.timebox(Intent::Feedback), Some(45));
        assert_eq!(partial.timebox(Intent::Decision), Some(15));
        assert_eq!(partial.budget_minutes, 600);
        assert!(read(r#"{"timeboxes":{"crisis":45}}"#).is_err());
        assert!(read(r#"{"theme":"dark"}"#).is_err());
        assert_eq!(read("{}").unwrap(), Settings::default());
    }
}
