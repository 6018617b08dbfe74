//! What one operation changed, as before/after copies, so that undo and redo can replay it.

use crate::core::people::Person;
use crate::core::{Item, Meeting, Settings};

/// One item before and after a change (`None` where it did not exist).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemChange {
    pub before: Option<Item>,
    pub after: Option<Item>,
}

impl ItemChange {
    /// The id of the item.
    pub fn id(&self) -> u32 {
        self.after
            .as_ref()
            .or(self.before.as_ref())
            .map_or(0, |i| i.id)
    }
}

/// The imported meetings before and after an import: the whole list, so that replaying
/// it is exact whatever calendars and weeks the import covered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingsChange {
    pub before: Vec<Meeting>,
    pub after: Vec<Meeting>,
    /// How many stored meetings the change took out.
    pub removed: usize,
    /// How many meetings it brought in.
    pub added: usize,
}

/// The settings before and after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsChange {
    pub before: Settings,
    pub after: Settings,
}

/// The address book before and after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeopleChange {
    pub before: Vec<Person>,
    pub after: Vec<Person>,
}

/// What one operation changed in a plan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    pub items: Vec<ItemChange>,
    pub meetings: Option<MeetingsChange>,
    pub settings: Option<SettingsChange>,
    pub people: Option<PeopleChange>,
}

impl Change {
    /// A change of one item.
    pub fn one(before: Option<Item>, after: Option<Item>) -> Change {
        Change::of_items(vec![ItemChange { before, after }])
    }

    /// A change of these items alone.
    pub fn of_items(items: Vec<ItemChange>) -> Change {
        Change {
            items,
            ..Change::default()
        }
    }

    /// The id of the first item changed, to select it after an undo (0 when no item
    /// changed).
    pub fn id(&self) -> u32 {
        self.items.first().map_or(0, ItemChange::id)
    }

    /// The items as the change left them (the ones it deleted left out).
    pub fn items_after(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter_map(|c| c.after.as_ref())
    }

    /// The items as they were before the change (the ones it added left out).
    pub fn items_before(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter_map(|c| c.before.as_ref())
    }

    /// Whether the change left everything as it was.
    pub fn is_noop(&self) -> bool {
        self.items.iter().all(|c| c.before == c.after)
            && self.meetings.as_ref().is_none_or(|m| m.before == m.after)
            && self.settings.as_ref().is_none_or(|s| s.before == s.after)
            && self.people.as_ref().is_none_or(|p| p.before == p.after)
    }

    /// The same change the other way round: applying it undoes this one.
    pub fn inverted(&self) -> Change {
        Change {
            items: self
                .items
                .iter()
                .map(|c| ItemChange {
                    before: c.after.clone(),
                    after: c.before.clone(),
                })
                .collect(),
            meetings: self.meetings.as_ref().map(|m| MeetingsChange {
                before: m.after.clone(),
                after: m.before.clone(),
                removed: m.added,
                added: m.removed,
            }),
            settings: self.settings.as_ref().map(|s| SettingsChange {
                before: s.after.clone(),
                after: s.before.clone(),
            }),
            people: self.people.as_ref().map(|p| PeopleChange {
                before: p.after.clone(),
                after: p.before.clone(),
            }),
        }
    }

    /// What to call the change in a message: `#3`, `4 items`, `the calendar`, `the
    /// settings`.
    pub fn describe(&self) -> String {
        match self.items.len() {
            1 => format!("#{}", self.id()),
            0 if self.meetings.is_some() => "the calendar".to_string(),
            0 if self.settings.is_some() => "the settings".to_string(),
            0 if self.people.is_some() => "the address book".to_string(),
            n => format!("{n} items"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::week::Day;

    #[test]
    fn inverting_twice_gives_the_change_back_and_swaps_the_counts() {
        let now = chrono::Utc::now();
        let item = Item::new(7, "t", "2026-W48".parse().unwrap(), Day::Mon, now);
        let change = Change {
            items: vec![ItemChange {
                before: None,
                after: Some(item),
            }],
            meetings: Some(MeetingsChange {
                before: Vec::new(),
                after: Vec::new(),
                removed: 2,
                added: 5,
            }),
            settings: None,
            people: None,
        };
        let undo = change.inverted();
        assert_eq!(undo.items[0].before.as_ref().map(|i| i.id), Some(7));
        let meetings = undo.meetings.as_ref().unwrap();
        assert_eq!((meetings.removed, meetings.added), (5, 2));
        assert_eq!(undo.inverted(), change);
        assert!(!change.is_noop());
        assert!(Change::default().is_noop());
        assert_eq!(change.describe(), "#7");
    }
}
