//! A meeting from the user's calendar, as the plan stores it, and the codes of the flags
//! the audit (`core::audit`) puts on it.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::core::week::{Day, IsoWeek};

crate::core::vocabulary::vocabulary! {
    /// What an invite does to the people in it (`core::audit` says when).
    FlagCode, "flag code" {
        /// No description and a title that names no subject.
        VagueAgenda => "vague-agenda",
        /// A recurring meeting whose title says it is for status.
        StatusMeeting => "status-meeting",
        /// Longer than the timebox.
        OverTimebox => "over-timebox",
        /// Longer than an hour.
        LongMeeting => "long-meeting",
        /// Eight people or more.
        LargeMeeting => "large-meeting",
        /// A series with neither COUNT nor UNTIL.
        NoEndDate => "no-end-date",
    }
}

impl FlagCode {
    /// One sentence: what the invite costs the people who accept it.
    pub fn message(self) -> &'static str {
        match self {
            FlagCode::VagueAgenda => {
                "Nobody can prepare for an invite that says neither why nor what for, so the first minutes go to working out why everyone is there."
            }
            FlagCode::StatusMeeting => {
                "Every attendee sits through updates they could have read in two minutes at a time of their choosing, week after week."
            }
            FlagCode::OverTimebox => {
                "A sync that runs past its timebox usually lacks written preparation, and every extra minute is paid once per attendee."
            }
            FlagCode::LongMeeting => {
                "Over an hour in one sitting takes a whole block of focused work from each attendee, and attention fades well before the end."
            }
            FlagCode::LargeMeeting => {
                "With eight or more people most of them only listen, so the meeting spends hours of collective attention for a few speakers."
            }
            FlagCode::NoEndDate => {
                "A series that never ends keeps claiming everyone's time after its purpose has passed, because nobody has to decide to renew it."
            }
        }
    }
}

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
    pub flags: Vec<FlagCode>,
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

    /// Whether the audit gave it a flag with this code.
    pub fn has(&self, code: FlagCode) -> bool {
        self.flags.contains(&code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_flag_has_a_one_sentence_message_and_a_stable_id() {
        for &code in FlagCode::ALL {
            let m = code.message();
            assert!(m.ends_with('.'), "{code}");
            assert_eq!(m.matches(". ").count(), 0, "{code}: one sentence");
            assert_eq!(serde_json::to_value(code).unwrap(), code.id());
            assert_eq!(code.id().parse::<FlagCode>().unwrap(), code);
        }
        assert_eq!(
            "status".parse::<FlagCode>().unwrap_err().to_string(),
            "unknown flag code 'status' (valid: vague-agenda, status-meeting, over-timebox, long-meeting, large-meeting, no-end-date)"
        );
    }
}
