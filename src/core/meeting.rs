//! A meeting from the user's calendar, as the plan stores it.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::core::week::{Day, IsoWeek};

/// A meeting imported from the user's calendar, counted in the week's sync time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// Identifies one occurrence across imports: the event's UID and original start.
    pub key: String,
    pub uid: String,
    pub title: String,
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    pub minutes: u32,
    pub attendees: u32,
    pub recurring: bool,
    /// The week and day of the start in the user's time zone.
    pub week: IsoWeek,
    pub day: Day,
    /// What the audit found wrong with the invite.
    #[serde(default)]
    pub flags: Vec<crate::ics::FlagCode>,
    /// The calendar it was imported from, when the import named one: importing another
    /// calendar keeps it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
}

impl Meeting {
    /// Whether an import of `calendar` replaces this meeting: one of the same calendar, or
    /// one stored without a calendar name (by any import, as before calendars had names).
    pub fn imported_with(&self, calendar: Option<&str>) -> bool {
        self.calendar.is_none() || self.calendar.as_deref() == calendar
    }
}

impl From<&crate::ics::Meeting> for Meeting {
    fn from(m: &crate::ics::Meeting) -> Meeting {
        Meeting {
            key: m.key().to_string(),
            uid: m.uid.clone(),
            title: m.title.clone(),
            start: m.start,
            end: m.end,
            minutes: m.minutes,
            attendees: m.attendees,
            recurring: m.recurring,
            week: m.week(),
            day: m.day(),
            flags: m.flags.iter().map(|f| f.code).collect(),
            calendar: None,
        }
    }
}
