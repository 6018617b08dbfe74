//! Changes to an item, validated once and shared by the CLI flags and the TUI form.

use chrono::{DateTime, Utc};
use thiserror::Error;

use crate::core::week::{Day, IsoWeek};
use crate::core::{Agenda, ChosenMedium, Heat, Intent, Item, MAX_MINUTES, Status};

/// The most back-and-forth exchanges an item records.
pub const MAX_EXCHANGES: u32 = 999;

/// The longest title syncwise keeps.
pub const MAX_TITLE: usize = 200;

/// A value a user typed that cannot go into an item.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InputError {
    #[error("the title is empty (write what you need to communicate)")]
    EmptyTitle,
    #[error("the title is {0} characters long (at most {MAX_TITLE})")]
    LongTitle(usize),
    #[error("minutes must be a whole number from 1 to {MAX_MINUTES}, got '{0}'")]
    Minutes(String),
    #[error("exchanges must be a whole number from 0 to 999, got '{0}'")]
    Exchanges(String),
}

/// Checks and trims a title.
pub fn parse_title(text: &str) -> Result<String, InputError> {
    check_title(text).map(str::to_string)
}

/// The title `parse_title` reads from `text`, borrowed, or why it refuses it.
pub fn check_title(text: &str) -> Result<&str, InputError> {
    let title = text.trim();
    // Counting characters only matters when the bytes alone could be too many.
    let count = match title.len() {
        bytes if bytes <= MAX_TITLE => bytes,
        _ => title.chars().count(),
    };
    match count {
        0 => Err(InputError::EmptyTitle),
        n if n > MAX_TITLE => Err(InputError::LongTitle(n)),
        _ => Ok(title),
    }
}

/// Reads a sync length in minutes.
pub fn parse_minutes(text: &str) -> Result<u32, InputError> {
    match text.trim().parse::<u32>() {
        Ok(m) => check_minutes(m).map_err(|_| InputError::Minutes(text.to_string())),
        Err(_) => Err(InputError::Minutes(text.to_string())),
    }
}

/// A sync length in minutes, if it is one syncwise plans.
pub fn check_minutes(minutes: u32) -> Result<u32, InputError> {
    match minutes {
        m if (1..=MAX_MINUTES).contains(&m) => Ok(m),
        m => Err(InputError::Minutes(m.to_string())),
    }
}

/// Reads a count of back-and-forth exchanges.
pub fn parse_exchanges(text: &str) -> Result<u32, InputError> {
    match text.trim().parse::<u32>() {
        Ok(n) => check_exchanges(n).map_err(|_| InputError::Exchanges(text.to_string())),
        Err(_) => Err(InputError::Exchanges(text.to_string())),
    }
}

/// A count of exchanges, if it is within what syncwise records.
pub fn check_exchanges(exchanges: u32) -> Result<u32, InputError> {
    match exchanges {
        n if n <= MAX_EXCHANGES => Ok(n),
        n => Err(InputError::Exchanges(n.to_string())),
    }
}

/// Checks what an item holds against the same rules its fields are typed in with.
pub fn check_item(item: &Item) -> Result<(), InputError> {
    check_title(&item.title)?;
    check_minutes(item.minutes)?;
    check_exchanges(item.exchanges)?;
    Ok(())
}

/// Fields to change on an item; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemPatch {
    pub title: Option<String>,
    pub with: Option<String>,
    pub intent: Option<Intent>,
    pub heat: Option<Heat>,
    pub minutes: Option<u32>,
    pub day: Option<Day>,
    pub week: Option<IsoWeek>,
    pub medium: Option<ChosenMedium>,
    pub agenda: Option<Agenda>,
    pub notes: Option<String>,
    pub exchanges: Option<u32>,
    pub status: Option<Status>,
    /// Whether the item is for the user's eyes only.
    pub private: Option<bool>,
    /// A start the user chose (`Some(None)` clears it); a time given here is pinned.
    pub at: Option<Option<chrono::NaiveTime>>,
}

impl ItemPatch {
    /// Whether the patch changes nothing.
    pub fn is_empty(&self) -> bool {
        *self == ItemPatch::default()
    }

    /// The patch with its values checked: the title trimmed and not empty nor too long,
    /// minutes and exchanges within range. Every operation that changes an item checks
    /// its patch here, whichever shell built it.
    pub fn checked(&self) -> Result<ItemPatch, InputError> {
        let mut patch = self.clone();
        if let Some(title) = &self.title {
            patch.title = Some(parse_title(title)?);
        }
        if let Some(minutes) = self.minutes {
            check_minutes(minutes)?;
        }
        if let Some(exchanges) = self.exchanges {
            check_exchanges(exchanges)?;
        }
        Ok(patch)
    }

    /// Applies the patch, stamping the item as updated at `now` when anything changed.
    pub fn apply(&self, item: &mut Item, now: DateTime<Utc>) {
        let before = item.clone();
        fn set<T: Clone>(field: &mut T, value: &Option<T>) {
            if let Some(v) = value {
                *field = v.clone();
            }
        }
        set(&mut item.title, &self.title);
        set(&mut item.with, &self.with);
        set(&mut item.intent, &self.intent);
        set(&mut item.heat, &self.heat);
        set(&mut item.minutes, &self.minutes);
        set(&mut item.day, &self.day);
        set(&mut item.week, &self.week);
        set(&mut item.medium, &self.medium);
        set(&mut item.agenda, &self.agenda);
        set(&mut item.notes, &self.notes);
        set(&mut item.exchanges, &self.exchanges);
        set(&mut item.status, &self.status);
        set(&mut item.private, &self.private);
        if let Some(at) = self.at {
            item.at = at;
            item.at_pinned = at.is_some();
        }
        if *item != before {
            item.updated = now;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_numbers_are_validated() {
        assert_eq!(parse_title("  Ship it ").unwrap(), "Ship it");
        assert_eq!(parse_title(" \t"), Err(InputError::EmptyTitle));
        assert!(matches!(
            parse_title(&"x".repeat(201)),
            Err(InputError::LongTitle(201))
        ));
        assert_eq!(parse_minutes("30"), Ok(30));
        for bad in ["-5", "0", "abc", "481", "1.5", ""] {
            assert!(parse_minutes(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_exchanges("0"), Ok(0));
        assert!(parse_exchanges("-1").is_err());
    }

    #[test]
    fn apply_changes_only_given_fields_and_stamps_updates() {
        let created = Utc::now() - chrono::Duration::hours(1);
        let mut item = Item::new(1, "t", "2026-W48".parse().unwrap(), Day::Mon, created);
        let unchanged = item.clone();
        ItemPatch::default().apply(&mut item, Utc::now());
        assert_eq!(item, unchanged);
        let patch = ItemPatch {
            heat: Some(Heat::High),
            minutes: Some(30),
            ..ItemPatch::default()
        };
        let now = Utc::now();
        patch.apply(&mut item, now);
        assert_eq!(
            (item.heat, item.minutes, item.updated),
            (Heat::High, 30, now)
        );
        assert_eq!(item.title, "t");
    }
}
