//! The plan: everything the store holds, and the rules a plan keeps.

use serde::{Deserialize, Serialize};

use crate::core::item::Item;
use crate::core::meeting::Meeting;
use crate::core::settings::Settings;
use crate::core::subscription::Subscription;
use crate::core::vocabulary::Status;
use crate::core::week::IsoWeek;

/// What a plan may not hold, beyond its shape.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("settings: {0}")]
    Settings(#[from] crate::core::settings::ConfigError),
    #[error("meeting {0}: an empty calendar name")]
    EmptyCalendarName(String),
    #[error("address book: {0}")]
    People(#[from] crate::core::people::PeopleError),
    #[error("item id {0} is zero or used twice")]
    BadId(u32),
    #[error("item #{id}: {error}")]
    Item {
        id: u32,
        error: crate::core::patch::InputError,
    },
}

/// The schema version this program reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything the store holds. Unknown fields are refused rather than dropped on the next
/// save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub version: u32,
    /// The id the next new item gets; ids are never reused.
    pub next_id: u32,
    #[serde(default)]
    pub settings: Settings,
    #[serde(default)]
    pub items: Vec<Item>,
    /// Meetings imported from the calendar, kept apart from planned items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meetings: Vec<Meeting>,
    /// Calendars subscribed to by address, synced into `meetings` under their names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calendars: Vec<Subscription>,
    /// The address book: whom invites can name as attendees.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<crate::core::people::Person>,
}

impl Default for Plan {
    fn default() -> Self {
        Plan {
            version: SCHEMA_VERSION,
            next_id: 1,
            settings: Settings::default(),
            items: Vec::new(),
            meetings: Vec::new(),
            calendars: Vec::new(),
            people: Vec::new(),
        }
    }
}

impl Plan {
    /// The item with this id.
    pub fn item(&self, id: u32) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    /// The item with this id, to change it.
    pub fn item_mut(&mut self, id: u32) -> Option<&mut Item> {
        self.items.iter_mut().find(|i| i.id == id)
    }

    /// Takes the next free id: above every id used so far, or, once ids run out at
    /// `u32::MAX`, the lowest id no item holds.
    pub fn allocate_id(&mut self) -> u32 {
        let highest = self.items.iter().map(|i| i.id).max().unwrap_or(0);
        let id = match highest.checked_add(1) {
            Some(above) => self.next_id.max(above),
            None => {
                let mut used: Vec<u32> = self.items.iter().map(|i| i.id).collect();
                used.sort_unstable();
                (1..)
                    .zip(used)
                    .find(|(want, have)| want != have)
                    .map_or(0, |(want, _)| want)
            }
        };
        self.next_id = id.saturating_add(1);
        id
    }

    /// Adds an item, giving it a fresh id, and returns that id.
    pub fn add(&mut self, mut item: Item) -> u32 {
        item.id = self.allocate_id();
        let id = item.id;
        self.items.push(item);
        id
    }

    /// Adds items, giving them fresh ids in order, and returns how many.
    pub fn add_all(&mut self, items: Vec<Item>) -> usize {
        let first = self.allocate_id();
        let count = items.len();
        for (offset, mut item) in items.into_iter().enumerate() {
            item.id = first.saturating_add(offset as u32);
            self.items.push(item);
        }
        self.next_id = self.next_id.max(first.saturating_add(count as u32));
        count
    }

    /// Checks what a store may hold beyond its shape: distinct ids, real titles, minutes
    /// and settings in range. The message names the item and the field.
    pub fn check(&self) -> Result<(), PlanError> {
        crate::core::settings::check(&self.settings)?;
        crate::core::people::check(&self.people)?;
        if let Some(meeting) = self
            .meetings
            .iter()
            .find(|m| m.calendar.as_ref().is_some_and(|c| c.trim().is_empty()))
        {
            return Err(PlanError::EmptyCalendarName(meeting.key.clone()));
        }
        let mut ids: Vec<u32> = self.items.iter().map(|i| i.id).collect();
        ids.sort_unstable();
        if let Some(id) = ids.first().filter(|&&id| id == 0) {
            return Err(PlanError::BadId(*id));
        }
        if let Some(pair) = ids.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(PlanError::BadId(pair[0]));
        }
        for item in &self.items {
            crate::core::patch::check_item(item)
                .map_err(|error| PlanError::Item { id: item.id, error })?;
        }
        Ok(())
    }

    /// Removes the item with this id, returning it.
    pub fn remove(&mut self, id: u32) -> Option<Item> {
        let index = self.items.iter().position(|i| i.id == id)?;
        Some(self.items.remove(index))
    }

    /// Puts an item back as it was (for undo), replacing any item with its id.
    pub fn restore(&mut self, item: Item) {
        self.next_id = self.next_id.max(item.id.saturating_add(1));
        match self.item_mut(item.id) {
            Some(existing) => *existing = item,
            None => self.items.push(item),
        }
    }

    /// Whether a planned item (not dropped) replaces this meeting with a written update.
    pub fn is_replaced(&self, meeting: &Meeting) -> bool {
        self.replacement(meeting).is_some()
    }

    /// The planned item (not dropped) that replaces this meeting with a written update.
    pub fn replacement(&self, meeting: &Meeting) -> Option<&Item> {
        self.items.iter().find(|i| {
            i.status != Status::Dropped && i.replaces.as_deref() == Some(meeting.key.as_str())
        })
    }

    /// Replaces the stored meetings of `weeks` from `calendar` with `fresh` (an import of
    /// those weeks of that calendar), and returns how many were stored before; other
    /// calendars' meetings stay. Items that replace a meeting keep pointing at it, since a
    /// re-import gives an occurrence the same key.
    pub fn replace_meetings(
        &mut self,
        weeks: &[IsoWeek],
        calendar: Option<&str>,
        fresh: Vec<Meeting>,
    ) -> usize {
        let before = self.meetings.len();
        self.meetings
            .retain(|m| !(weeks.contains(&m.week) && m.imported_with(calendar)));
        let removed = before - self.meetings.len();
        self.meetings.extend(fresh);
        self.meetings
            .sort_by(|a, b| (a.start, &a.key).cmp(&(b.start, &b.key)));
        removed
    }

    /// The imported meetings of a week, in time order.
    pub fn week_meetings(&self, week: IsoWeek) -> Vec<&Meeting> {
        let mut meetings: Vec<&Meeting> = self.meetings.iter().filter(|m| m.week == week).collect();
        meetings.sort_by_key(|m| (m.start, m.key.clone()));
        meetings
    }

    /// The items of a week, ordered by day and then id.
    pub fn week_items(&self, week: IsoWeek) -> Vec<&Item> {
        let mut items: Vec<&Item> = self.items.iter().filter(|i| i.week == week).collect();
        items.sort_by_key(|i| (i.day, i.id));
        items
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::item::Item;
    use crate::core::week::{Day, IsoWeek};
    use chrono::Utc;

    #[test]
    fn ids_past_the_last_number_do_not_overflow() {
        let week: IsoWeek = "2026-W48".parse().unwrap();
        let now = Utc::now();
        let mut plan = Plan::default();
        plan.add(Item::new(0, "a", week, Day::Mon, now));
        plan.restore(Item::new(u32::MAX, "edited by hand", week, Day::Mon, now));
        let id = plan.add(Item::new(0, "b", week, Day::Mon, now));
        assert_eq!(id, 2);
        let mut ids: Vec<u32> = plan.items.iter().map(|i| i.id).collect();
        ids.dedup();
        assert_eq!(ids.len(), 3);
    }

    #[test]
    fn ids_are_never_reused() {
        let week: IsoWeek = "2026-W48".parse().unwrap();
        let now = Utc::now();
        let mut plan = Plan::default();
        let a = plan.add(Item::new(0, "a", week, Day::Mon, now));
        let b = plan.add(Item::new(0, "b", week, Day::Mon, now));
        plan.remove(b);
        let c = plan.add(Item::new(0, "c", week, Day::Mon, now));
        assert_eq!((a, b, c), (1, 2, 3));
    }
}
