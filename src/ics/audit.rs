//! The audit: meetings as syncwise reports them, their flags, and a week's summary.

use std::fmt;

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use serde::{Deserialize, Serialize, Serializer};

use crate::core::engine::is_bare_title;
use crate::core::week::{Day, IsoWeek};

use super::Skipped;

/// What an invite does to the people in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlagCode {
    /// No description and a title that names no subject.
    VagueAgenda,
    /// A recurring meeting whose title says it is for status.
    StatusMeeting,
    /// Longer than the 15-minute timebox.
    OverTimebox,
    /// Longer than an hour.
    LongMeeting,
    /// Eight people or more.
    LargeMeeting,
    /// A series with neither COUNT nor UNTIL.
    NoEndDate,
}

/// Minutes a sync may take before it should go back to written preparation.
pub const TIMEBOX_MINUTES: u32 = 15;
/// Minutes past which a meeting is long.
pub const LONG_MINUTES: u32 = 60;
/// People from which a meeting is large.
pub const LARGE_ATTENDEES: u32 = 8;

impl FlagCode {
    /// Every code, in the order flags are listed.
    pub const ALL: [FlagCode; 6] = [
        FlagCode::VagueAgenda,
        FlagCode::StatusMeeting,
        FlagCode::OverTimebox,
        FlagCode::LongMeeting,
        FlagCode::LargeMeeting,
        FlagCode::NoEndDate,
    ];

    /// The stable identifier.
    pub fn id(self) -> &'static str {
        match self {
            FlagCode::VagueAgenda => "vague-agenda",
            FlagCode::StatusMeeting => "status-meeting",
            FlagCode::OverTimebox => "over-timebox",
            FlagCode::LongMeeting => "long-meeting",
            FlagCode::LargeMeeting => "large-meeting",
            FlagCode::NoEndDate => "no-end-date",
        }
    }

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
                "A sync that needs more than 15 minutes usually lacks written preparation, and every extra minute is paid once per attendee."
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

impl fmt::Display for FlagCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.id())
    }
}

/// A flag on a meeting: its code and what it costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub code: FlagCode,
    pub message: &'static str,
}

impl From<FlagCode> for Flag {
    fn from(code: FlagCode) -> Self {
        Flag {
            code,
            message: code.message(),
        }
    }
}

fn rfc3339<S: Serializer>(t: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.to_rfc3339_opts(SecondsFormat::Secs, false))
}

/// The identity of one occurrence, stable across re-imports of the same or an updated
/// file: the series' UID and the occurrence's original start (its RECURRENCE-ID when an
/// override moved it), in UTC.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MeetingKey {
    pub uid: String,
    pub occurrence: DateTime<Utc>,
}

impl fmt::Display for MeetingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} @ {}",
            self.uid,
            self.occurrence.to_rfc3339_opts(SecondsFormat::Secs, true)
        )
    }
}

/// One occurrence of a calendar event that takes sync time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meeting {
    pub uid: String,
    pub title: String,
    /// Start in the user's zone.
    #[serde(serialize_with = "rfc3339")]
    pub start: DateTime<FixedOffset>,
    /// End in the user's zone.
    #[serde(serialize_with = "rfc3339")]
    pub end: DateTime<FixedOffset>,
    /// Length, rounded up to the minute.
    pub minutes: u32,
    /// Distinct people taking part, organizer included, rooms and declines excluded.
    pub attendees: u32,
    /// Part of a series (RRULE, RDATE, or an override of one occurrence).
    pub recurring: bool,
    /// Shown as free on the calendar (TRANSP:TRANSPARENT): it holds none of the user's
    /// time, so it is not sync time; not in the JSON, which lists only those that count.
    #[serde(skip)]
    pub free: bool,
    /// The addresses that declined it (lower case); not in the JSON.
    #[serde(skip)]
    pub declined: Vec<String>,
    pub flags: Vec<Flag>,
    /// The original start of this occurrence, for [`Meeting::key`]; not in the JSON.
    #[serde(skip)]
    pub occurrence: DateTime<Utc>,
}

impl Meeting {
    /// The key under which an import stores this occurrence.
    pub fn key(&self) -> MeetingKey {
        MeetingKey {
            uid: self.uid.clone(),
            occurrence: self.occurrence,
        }
    }

    /// The ISO week of its start, in the user's zone.
    pub fn week(&self) -> IsoWeek {
        IsoWeek::containing(self.start.date_naive())
    }

    /// The weekday of its start, in the user's zone.
    pub fn day(&self) -> Day {
        Day::of(self.start.date_naive())
    }

    /// Whether it carries a flag with this code.
    pub fn has(&self, code: FlagCode) -> bool {
        self.flags.iter().any(|f| f.code == code)
    }
}

/// The meetings of one ISO week, in the shape `syncwise audit --json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeekAudit {
    pub week: IsoWeek,
    /// The IANA name of the user's zone the week was read in.
    pub tz: String,
    /// Sorted by start, then UID.
    pub meetings: Vec<Meeting>,
    pub total_minutes: u32,
    pub skipped: Vec<Skipped>,
}

/// Words that make a recurring meeting a status meeting. Hyphenated and spaced forms
/// ("stand-up", "check in") are matched by joining neighbouring words.
const STATUS_WORDS: &[&str] = &[
    "status", "standup", "standups", "scrum", "update", "updates", "checkin", "checkins", "syncup",
    "roundup", "huddle",
];

/// Whether a title says the meeting exists to report status.
pub fn is_status_title(title: &str) -> bool {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let single = words.iter().any(|w| STATUS_WORDS.contains(&w.as_str()));
    let joined = words
        .windows(2)
        .any(|pair| STATUS_WORDS.contains(&pair.concat().as_str()));
    single || joined || words.iter().map(String::as_str).eq(["daily"])
}

/// Lines of a description that are conferencing boilerplate, not an agenda.
const BOILERPLATE: &[&str] = &[
    "http://",
    "https://",
    "www.",
    "join ",
    "join:",
    "microsoft teams",
    "teams meeting",
    "zoom meeting",
    "zoom.us",
    "google meet",
    "meet.google",
    "webex",
    "meeting id",
    "conference id",
    "passcode",
    "password",
    "dial-in",
    "dial in",
    "dial by",
    "phone numbers",
    "pin:",
    "learn more",
    "meeting options",
    "do not edit",
    "invitation from",
];

/// Whether a description carries anything beyond conferencing boilerplate: Google's
/// `-::~:~::~:` Meet block, Teams and Zoom join sections, and links do not count.
pub fn has_agenda(description: &str) -> bool {
    let mut in_google_block = false;
    for line in description.lines() {
        let line = line.trim();
        if line.starts_with("-::~") {
            in_google_block = !in_google_block;
            continue;
        }
        if in_google_block {
            continue;
        }
        let lower = line.to_lowercase();
        if BOILERPLATE.iter().any(|b| lower.contains(b)) {
            continue;
        }
        if line.chars().filter(|c| c.is_alphanumeric()).count() >= 3 {
            return true;
        }
    }
    false
}

/// What the audit knows of one occurrence.
pub(crate) struct Facts<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub minutes: u32,
    pub attendees: u32,
    pub recurring: bool,
    pub endless: bool,
}

/// The flags of one occurrence, in [`FlagCode::ALL`] order.
pub(crate) fn flags(f: &Facts<'_>) -> Vec<Flag> {
    let mut out = Vec::new();
    if !has_agenda(f.description) && is_bare_title(f.title) {
        out.push(FlagCode::VagueAgenda.into());
    }
    if f.recurring && is_status_title(f.title) {
        out.push(FlagCode::StatusMeeting.into());
    }
    if f.minutes > TIMEBOX_MINUTES {
        out.push(FlagCode::OverTimebox.into());
    }
    if f.minutes > LONG_MINUTES {
        out.push(FlagCode::LongMeeting.into());
    }
    if f.attendees >= LARGE_ATTENDEES {
        out.push(FlagCode::LargeMeeting.into());
    }
    if f.endless {
        out.push(FlagCode::NoEndDate.into());
    }
    out
}

/// The week's summary from its meetings.
impl WeekAudit {
    /// The audit of sync time alone: without events shown as free (an optional talk, a
    /// reminder), which hold none of the user's time, nor events that involve no one
    /// else (focus time, lunch), since a sync is a conversation, nor, when the user's
    /// address `me` is known, the meetings they declined. The events left out are listed
    /// in `skipped`.
    pub fn sync_time_only(mut self, me: Option<&str>) -> WeekAudit {
        let me = me.map(str::to_lowercase);
        let mut kept = Vec::new();
        for m in self.meetings {
            let reason = if me.as_ref().is_some_and(|me| m.declined.contains(me)) {
                "you declined it"
            } else if m.free {
                "shown as free on the calendar: it holds none of your time"
            } else if m.attendees < 2 {
                "no other attendees: not a conversation, not sync time"
            } else {
                kept.push(m);
                continue;
            };
            self.skipped.push(Skipped {
                what: format!(
                    "event '{}' ({})",
                    m.title,
                    m.start.format("%a %-d %b %H:%M")
                ),
                reason: reason.to_string(),
            });
        }
        self.total_minutes = kept
            .iter()
            .fold(0u32, |sum, m| sum.saturating_add(m.minutes));
        self.meetings = kept;
        self
    }
}

pub(crate) fn week_audit(
    week: IsoWeek,
    tz: &str,
    mut meetings: Vec<Meeting>,
    skipped: Vec<Skipped>,
) -> WeekAudit {
    meetings.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.uid.cmp(&b.uid)));
    let total_minutes = meetings
        .iter()
        .fold(0u32, |sum, m| sum.saturating_add(m.minutes));
    WeekAudit {
        week,
        tz: tz.to_string(),
        meetings,
        total_minutes,
        skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_titles() {
        for t in [
            "Daily Standup",
            "Stand-up",
            "stand up",
            "Weekly status",
            "Team check-in",
            "Check in",
            "Project update",
            "Sync-up with infra",
            "Scrum",
            "Daily",
        ] {
            assert!(is_status_title(t), "{t}");
        }
        for t in [
            "Design review",
            "Updated pricing go/no-go",
            "Daily budget review",
            "Retro",
        ] {
            assert!(!is_status_title(t), "{t}");
        }
    }

    #[test]
    fn boilerplate_is_no_agenda() {
        assert!(!has_agenda(""));
        assert!(!has_agenda("  \n  "));
        let google = "-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-\nJoin with Google Meet: https://meet.google.com/abc-defg-hij\nLearn more about Meet at: https://support.google.com/a/users/answer/9282720\n\nPlease do not edit this section.\n-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-";
        assert!(!has_agenda(google));
        assert!(has_agenda(&format!("Decide the Q3 pricing.\n{google}")));
        let teams = "________________________________________________________________________________\nMicrosoft Teams meeting\nJoin on your computer, mobile app or room device\nClick here to join the meeting<https://teams.microsoft.com/l/meetup-join/x>\nMeeting ID: 123 456 789\nPasscode: abc\n________________________________________________________________________________";
        assert!(!has_agenda(teams));
        assert!(has_agenda("Agenda: rollout risks"));
    }

    #[test]
    fn every_flag_has_a_one_sentence_message() {
        for code in FlagCode::ALL {
            let m = code.message();
            assert!(m.ends_with('.'), "{code}");
            assert_eq!(m.matches(". ").count(), 0, "{code}: one sentence");
            let json = serde_json::to_value(code).unwrap();
            assert_eq!(json, code.id());
        }
    }
}
