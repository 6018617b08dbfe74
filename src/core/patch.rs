//! Changes to an item, validated once and shared by the CLI flags and the TUI form.

use chrono::{DateTime, Utc};
use thiserror::Error;
use unicode_width::UnicodeWidthChar;

use crate::core::sanitize::sanitized;
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

/// Reads a title as it will be kept and shown: sanitised (no control characters or
/// escape sequences), trimmed, with at least one visible character and at most
/// [`MAX_TITLE`] characters of the sanitised text.
pub fn parse_title(text: &str) -> Result<String, InputError> {
    let clean = sanitized(text);
    let title = clean.trim();
    check_clean_title(title)?;
    Ok(title.to_string())
}

/// Why `parse_title` would refuse a title already sanitised and trimmed: a title of only
/// spaces or zero-width characters is empty, and the limit counts what is shown.
fn check_clean_title(title: &str) -> Result<(), InputError> {
    if !title.chars().any(visible) {
        return Err(InputError::EmptyTitle);
    }
    check_title_length(title)
}

/// Whether a character shows on screen: not a space, not zero-width (joiners, marks,
/// format characters).
fn visible(c: char) -> bool {
    !c.is_whitespace() && c.width().is_some_and(|w| w > 0)
}

/// The length limit, counted on the sanitised text.
fn check_title_length(clean: &str) -> Result<(), InputError> {
    // Counting characters only matters when the bytes alone could be too many.
    let count = match clean.len() {
        bytes if bytes <= MAX_TITLE => bytes,
        _ => clean.chars().count(),
    };
    match count {
        n if n > MAX_TITLE => Err(InputError::LongTitle(n)),
        _ => Ok(()),
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
/// A stored title only has to be not blank: one saved before titles were judged on their
/// sanitised form still loads.
pub fn check_item(item: &Item) -> Result<(), InputError> {
    if item.title.trim().is_empty() {
        return Err(InputError::EmptyTitle);
    }
    check_title_length(&sanitized(&item.title))?;
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
    fn titles_are_judged_after_sanitising() {
        for blank in [
            "\u{1b}[31m\u{1b}[0m",
            "\u{200b}\u{200d}",
            "\u{9b}2J\u{202e}",
            "\u{7}\r\n\u{feff}",
        ] {
            assert_eq!(parse_title(blank), Err(InputError::EmptyTitle), "{blank:?}");
        }
        // Escape sequences do not count against the limit, and do not survive.
        let coloured = format!("\u{1b}[31m{}\u{1b}[0m", "x".repeat(MAX_TITLE));
        assert_eq!(parse_title(&coloured).unwrap(), "x".repeat(MAX_TITLE));
        assert_eq!(parse_title(" a\r\nb\u{202e}c ").unwrap(), "a bc");
        // Joiners inside a visible title stay: they make emoji sequences.
        assert_eq!(
            parse_title("a\u{200d}b\u{200b}c").unwrap(),
            "a\u{200d}b\u{200b}c"
        );
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
