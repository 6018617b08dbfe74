//! The calendar audit: the flags an invite deserves under the user's settings, the audit
//! of a week (what `syncwise audit --json` prints), the filter that keeps sync time
//! alone, and the meetings an import stores. The calendar itself is read by `crate::ics`.

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde::{Serialize, Serializer};

use crate::core::Settings;
pub use crate::core::meeting::FlagCode;
use crate::core::meeting::Meeting;
use crate::core::sanitize::sanitize;
use crate::core::title::{is_bare_title, is_status_title};
use crate::core::week::{Day, IsoWeek};
use crate::ics::{self, Calendar, IcsError, Occurrence, OccurrenceKey, Skipped, Tz};

/// Minutes past which a meeting is long.
pub const LONG_MINUTES: u32 = 60;
/// People from which a meeting is large.
pub const LARGE_ATTENDEES: u32 = 8;
/// Most weeks [`audit_weeks`] audits in one call (ten years).
pub const MAX_WEEKS: u32 = 520;

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

/// The timebox an occurrence is held to, `None` for none. This is the one line the
/// per-intent policy replaces (`policy.timebox(intent)`, the intent inferred from
/// [`AuditedMeeting::title`] and [`AuditedMeeting::description`]).
fn timebox(_occurrence: &Occurrence, settings: &Settings) -> Option<u32> {
    Some(settings.timebox_minutes)
}

/// The flags of one occurrence under the user's settings, in [`FlagCode::ALL`] order.
pub fn flags(o: &Occurrence, settings: &Settings) -> Vec<Flag> {
    let mut out = Vec::new();
    if !ics::has_agenda(&o.description) && is_bare_title(&o.title) {
        out.push(FlagCode::VagueAgenda.into());
    }
    if o.recurring && is_status_title(&o.title) {
        out.push(FlagCode::StatusMeeting.into());
    }
    if timebox(o, settings).is_some_and(|timebox| o.minutes > timebox) {
        out.push(FlagCode::OverTimebox.into());
    }
    if o.minutes > LONG_MINUTES {
        out.push(FlagCode::LongMeeting.into());
    }
    if o.attendees >= LARGE_ATTENDEES {
        out.push(FlagCode::LargeMeeting.into());
    }
    if o.endless {
        out.push(FlagCode::NoEndDate.into());
    }
    out
}

/// One occurrence with the flags the audit gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditedMeeting {
    pub occurrence: Occurrence,
    pub flags: Vec<Flag>,
}

impl AuditedMeeting {
    /// Flags `occurrence` under `settings`.
    pub fn new(occurrence: Occurrence, settings: &Settings) -> Self {
        let flags = flags(&occurrence, settings);
        AuditedMeeting { occurrence, flags }
    }

    /// Its title, raw from the calendar (sanitise before printing).
    pub fn title(&self) -> &str {
        &self.occurrence.title
    }

    /// Its description, raw from the calendar, boilerplate included
    /// ([`ics::agenda_lines`] keeps what a person wrote).
    pub fn description(&self) -> &str {
        &self.occurrence.description
    }

    /// The key under which an import stores it.
    pub fn key(&self) -> OccurrenceKey {
        self.occurrence.key()
    }

    /// The ISO week of its start, in the user's zone.
    pub fn week(&self) -> IsoWeek {
        IsoWeek::containing(self.occurrence.start.date_naive())
    }

    /// The weekday of its start, in the user's zone.
    pub fn day(&self) -> Day {
        Day::of(self.occurrence.start.date_naive())
    }

    /// Whether it carries a flag with this code.
    pub fn has(&self, code: FlagCode) -> bool {
        self.flags.iter().any(|f| f.code == code)
    }
}

fn rfc3339<S: Serializer>(t: &&DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.to_rfc3339_opts(SecondsFormat::Secs, false))
}

/// The JSON of one audited meeting: `{uid, title, start, end, minutes, attendees,
/// recurring, flags: [{code, message}]}`, times in RFC 3339 with the user's offset.
#[derive(Serialize)]
struct MeetingJson<'a> {
    uid: &'a str,
    title: &'a str,
    #[serde(serialize_with = "rfc3339")]
    start: &'a DateTime<FixedOffset>,
    #[serde(serialize_with = "rfc3339")]
    end: &'a DateTime<FixedOffset>,
    minutes: u32,
    attendees: u32,
    recurring: bool,
    flags: &'a [Flag],
}

impl Serialize for AuditedMeeting {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let o = &self.occurrence;
        MeetingJson {
            uid: &o.uid,
            title: &o.title,
            start: &o.start,
            end: &o.end,
            minutes: o.minutes,
            attendees: o.attendees,
            recurring: o.recurring,
            flags: &self.flags,
        }
        .serialize(s)
    }
}

/// The stored meeting: its key, week and day in the user's zone, and its flags' codes.
impl From<&AuditedMeeting> for Meeting {
    fn from(m: &AuditedMeeting) -> Meeting {
        let o = &m.occurrence;
        Meeting {
            key: m.key().to_string(),
            uid: o.uid.clone(),
            title: o.title.clone(),
            start: o.start,
            end: o.end,
            minutes: o.minutes,
            attendees: o.attendees,
            recurring: o.recurring,
            week: m.week(),
            day: m.day(),
            flags: m.flags.iter().map(|f| f.code).collect(),
            calendar: None,
        }
    }
}

/// The meetings of one ISO week, in the shape `syncwise audit --json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeekAudit {
    pub week: IsoWeek,
    /// The IANA name of the user's zone the week was read in.
    pub tz: String,
    /// Sorted by start, then UID.
    pub meetings: Vec<AuditedMeeting>,
    pub total_minutes: u32,
    /// What the file had wrong, then what this week left out and why.
    pub skipped: Vec<Skipped>,
}

fn total(meetings: &[AuditedMeeting]) -> u32 {
    meetings
        .iter()
        .fold(0u32, |sum, m| sum.saturating_add(m.occurrence.minutes))
}

impl WeekAudit {
    /// The audit of sync time alone: without events shown as free (an optional talk, a
    /// reminder), which hold none of the user's time, nor events that involve no one
    /// else (focus time, lunch), since a sync is a conversation, nor, when the user's
    /// address `me` is known, the meetings they declined. The events left out are listed
    /// in `skipped`.
    pub fn sync_time_only(mut self, me: Option<&str>) -> WeekAudit {
        let mut kept = Vec::new();
        for m in self.meetings {
            let o = &m.occurrence;
            let reason = if me.is_some_and(|me| o.declined_by(me)) {
                "you declined it"
            } else if o.free {
                "shown as free on the calendar: it holds none of your time"
            } else if o.attendees < 2 {
                "no other attendees: not a conversation, not sync time"
            } else {
                kept.push(m);
                continue;
            };
            self.skipped.push(Skipped {
                what: format!(
                    "event '{}' ({})",
                    o.title,
                    o.start.format("%a %-d %b %H:%M")
                ),
                reason: reason.to_string(),
            });
        }
        self.total_minutes = total(&kept);
        self.meetings = kept;
        self
    }
}

/// The audit of one ISO week of a parsed calendar, in the user's zone `tz`.
pub fn audit(calendar: &Calendar, week: IsoWeek, tz: Tz, settings: &Settings) -> WeekAudit {
    let expansion = ics::expand(calendar, week.monday(), week.next().monday(), tz);
    let mut meetings: Vec<AuditedMeeting> = expansion
        .occurrences
        .into_iter()
        .map(|o| AuditedMeeting::new(o, settings))
        .collect();
    meetings.sort_by(|a, b| {
        a.occurrence
            .start
            .cmp(&b.occurrence.start)
            .then_with(|| a.occurrence.uid.cmp(&b.occurrence.uid))
    });
    WeekAudit {
        week,
        tz: tz.name().to_string(),
        total_minutes: total(&meetings),
        meetings,
        skipped: expansion.skipped,
    }
}

/// The audits of `weeks` consecutive ISO weeks from `first` (at least one, at most
/// [`MAX_WEEKS`]).
pub fn audit_weeks(
    calendar: &Calendar,
    first: IsoWeek,
    weeks: u32,
    tz: Tz,
    settings: &Settings,
) -> Vec<WeekAudit> {
    let mut out = Vec::new();
    let mut week = first;
    for _ in 0..weeks.clamp(1, MAX_WEEKS) {
        out.push(audit(calendar, week, tz, settings));
        let next = week.next();
        if next == week {
            break;
        }
        week = next;
    }
    out
}

/// Parses `text` and audits one week in the zone named `tz`.
pub fn audit_week(
    text: &str,
    week: IsoWeek,
    tz: &str,
    settings: &Settings,
) -> Result<WeekAudit, IcsError> {
    let tz = ics::user_zone(tz)?;
    let calendar = ics::parse(text)?;
    Ok(audit(&calendar, week, tz, settings))
}

/// The calendar's own name, safe to print and store: sanitised, trimmed, `None` when
/// nothing is left.
pub fn calendar_name(calendar: &Calendar) -> Option<String> {
    calendar
        .name()
        .map(|name| sanitize(name).trim().to_string())
        .filter(|name| !name.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVENT: &str = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260325T140000Z\r\nDTEND:20260325T143000Z\r\nSUMMARY:1:1 Anna\r\nORGANIZER:mailto:me@example.com\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:anna@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    fn week() -> IsoWeek {
        "2026-W13".parse().unwrap()
    }

    fn codes(audit: &WeekAudit) -> Vec<&'static str> {
        audit.meetings[0]
            .flags
            .iter()
            .map(|f| f.code.id())
            .collect()
    }

    #[test]
    fn the_timebox_is_the_users_setting() {
        let default = audit_week(EVENT, week(), "UTC", &Settings::default()).unwrap();
        assert_eq!(codes(&default), ["over-timebox"]);
        let relaxed = Settings {
            timebox_minutes: 30,
            ..Settings::default()
        };
        let thirty = audit_week(EVENT, week(), "UTC", &relaxed).unwrap();
        assert!(codes(&thirty).is_empty(), "{:?}", codes(&thirty));
        let strict = Settings {
            timebox_minutes: 29,
            ..Settings::default()
        };
        assert_eq!(
            codes(&audit_week(EVENT, week(), "UTC", &strict).unwrap()),
            ["over-timebox"]
        );
    }

    #[test]
    fn a_stored_meeting_has_its_key_week_day_and_codes() {
        let audit = audit_week(EVENT, week(), "Europe/Berlin", &Settings::default()).unwrap();
        let meeting = Meeting::from(&audit.meetings[0]);
        assert_eq!(meeting.key, "a @ 2026-03-25T14:00:00Z");
        assert_eq!(meeting.week, week());
        assert_eq!(meeting.day, Day::Wed);
        assert_eq!(meeting.start.to_rfc3339(), "2026-03-25T15:00:00+01:00");
        assert_eq!(meeting.flags, [FlagCode::OverTimebox]);
        assert_eq!(meeting.calendar, None);
        assert_eq!(audit.meetings[0].title(), "1:1 Anna");
        assert_eq!(audit.meetings[0].description(), "");
    }

    #[test]
    fn sync_time_only_leaves_out_what_the_user_declined() {
        let declined = EVENT.replace(
            "END:VEVENT",
            "ATTENDEE;PARTSTAT=DECLINED:mailto:Me@Example.com\r\nEND:VEVENT",
        );
        let audit = audit_week(&declined, week(), "UTC", &Settings::default()).unwrap();
        assert_eq!(audit.total_minutes, 30);
        let theirs = audit.clone().sync_time_only(Some("someone@example.com"));
        assert_eq!(theirs.meetings.len(), 1);
        let mine = audit.sync_time_only(Some("me@example.com"));
        assert!(mine.meetings.is_empty());
        assert_eq!(mine.total_minutes, 0);
        assert_eq!(mine.skipped[0].reason, "you declined it");
        assert_eq!(mine.skipped[0].what, "event '1:1 Anna' (Wed 25 Mar 14:00)");
    }

    #[test]
    fn the_calendar_name_is_sanitised() {
        let text = EVENT.replace(
            "BEGIN:VCALENDAR\r\n",
            "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Work\u{1b}[31m \r\n",
        );
        let calendar = ics::parse(&text).unwrap();
        assert_eq!(calendar.name(), Some("Work\u{1b}[31m"));
        assert_eq!(calendar_name(&calendar).as_deref(), Some("Work"));
        let blank = EVENT.replace(
            "BEGIN:VCALENDAR\r\n",
            "BEGIN:VCALENDAR\r\nX-WR-CALNAME:\u{7}\r\n",
        );
        assert_eq!(calendar_name(&ics::parse(&blank).unwrap()), None);
    }
}
