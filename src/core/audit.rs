//! The calendar audit: the flags an invite deserves under the user's settings, the audit
//! of a week (what `syncwise audit --json` prints), the filter that keeps sync time
//! alone, and the meetings an import stores. The calendar itself is read by `crate::ics`.

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde::{Serialize, Serializer};

use crate::core::infer::Lexicon;
pub use crate::core::meeting::FlagCode;
use crate::core::meeting::Meeting;
use crate::core::policy::Rules;
use crate::core::sanitize::sanitize;
use crate::core::title::{is_bare_title, is_status_title};
use crate::core::week::{Day, IsoWeek};
use crate::core::{Inferred, Intent, Settings};
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

/// The intent a meeting is judged by: read from its title, else from what a person wrote
/// in its description (conferencing boilerplate left out).
pub fn infer_intent(o: &Occurrence, lexicon: &Lexicon) -> Inferred {
    lexicon.infer_meeting(
        &o.title,
        &ics::agenda_lines(&o.description)
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// The timebox a meeting is held to, `None` for none (a crisis). A meeting whose intent
/// no word gave away (a bare "Sync" included: its warning is the vague agenda) is held to
/// the longest timebox of any intent, so that a guess never raises a warning that the
/// real intent would not.
fn timebox(inferred: &Inferred, settings: &Settings) -> Option<u32> {
    if inferred.words.is_empty() {
        return Intent::ALL
            .iter()
            .filter_map(|intent| settings.timebox(*intent))
            .max();
    }
    settings.timebox(inferred.intent)
}

/// The flags of one occurrence, judged by the intent read from it under the user's
/// policy, in [`FlagCode::ALL`] order: `vague-agenda` for a bare title with no agenda
/// (never a crisis), `status-meeting` for a recurring status title or a meeting whose
/// words say status, an announcement or information, `over-timebox` against its intent's
/// timebox, and the long, large and endless meetings.
pub fn flags<'a>(o: &Occurrence, rules: impl Into<Rules<'a>>) -> Vec<Flag> {
    let rules = rules.into();
    let inferred = infer_intent(o, rules.lexicon);
    flags_for(o, &inferred, rules.settings)
}

fn flags_for(o: &Occurrence, inferred: &Inferred, settings: &Settings) -> Vec<Flag> {
    let mut out = Vec::new();
    let crisis = inferred.intent == Intent::Crisis;
    if !crisis && !ics::has_agenda(&o.description) && is_bare_title(&o.title) {
        out.push(FlagCode::VagueAgenda.into());
    }
    let told_in_writing = matches!(
        inferred.intent,
        Intent::Status | Intent::Fyi | Intent::Decided
    ) && !inferred.words.is_empty();
    if (o.recurring && is_status_title(&o.title)) || told_in_writing {
        out.push(FlagCode::StatusMeeting.into());
    }
    if timebox(inferred, settings).is_some_and(|timebox| o.minutes > timebox) {
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
    /// The intent it is judged by, and the words that gave it away.
    pub inferred: Inferred,
    pub flags: Vec<Flag>,
}

impl AuditedMeeting {
    /// Judges `occurrence` under the rules (the user's settings and word lists).
    pub fn new<'a>(occurrence: Occurrence, rules: impl Into<Rules<'a>>) -> Self {
        let rules = rules.into();
        let inferred = infer_intent(&occurrence, rules.lexicon);
        let flags = flags_for(&occurrence, &inferred, rules.settings);
        AuditedMeeting {
            occurrence,
            inferred,
            flags,
        }
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
    /// The intent the meeting was judged by, and the words that gave it away.
    inferred: &'a Inferred,
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
            inferred: &self.inferred,
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
pub fn audit<'a>(
    calendar: &Calendar,
    week: IsoWeek,
    tz: Tz,
    rules: impl Into<Rules<'a>>,
) -> WeekAudit {
    let rules = rules.into();
    let expansion = ics::expand(calendar, week.monday(), week.next().monday(), tz);
    let mut meetings: Vec<AuditedMeeting> = expansion
        .occurrences
        .into_iter()
        .map(|o| AuditedMeeting::new(o, rules))
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
pub fn audit_weeks<'a>(
    calendar: &Calendar,
    first: IsoWeek,
    weeks: u32,
    tz: Tz,
    rules: impl Into<Rules<'a>>,
) -> Vec<WeekAudit> {
    let rules = rules.into();
    let mut out = Vec::new();
    let mut week = first;
    for _ in 0..weeks.clamp(1, MAX_WEEKS) {
        out.push(audit(calendar, week, tz, rules));
        let next = week.next();
        if next == week {
            break;
        }
        week = next;
    }
    out
}

/// Parses `text` and audits one week in the zone named `tz`.
pub fn audit_week<'a>(
    text: &str,
    week: IsoWeek,
    tz: &str,
    rules: impl Into<Rules<'a>>,
) -> Result<WeekAudit, IcsError> {
    let tz = ics::user_zone(tz)?;
    let calendar = ics::parse(text)?;
    Ok(audit(&calendar, week, tz, rules))
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

    const EVENT: &str = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260325T140000Z\r\nDTEND:20260325T143000Z\r\nSUMMARY:Go/no-go on the launch\r\nORGANIZER:mailto:me@example.com\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:anna@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

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
    fn a_meeting_is_held_to_its_intents_timebox() {
        let one_on_one = EVENT.replace("Go/no-go on the launch", "1:1 Anna");
        let audit = audit_week(&one_on_one, week(), "UTC", &Settings::default()).unwrap();
        assert_eq!(audit.meetings[0].inferred.intent, Intent::Rapport);
        assert!(codes(&audit).is_empty(), "a 30-minute 1:1 is normal");
        let unknown = EVENT.replace("Go/no-go on the launch", "Project Phoenix");
        let audit = audit_week(&unknown, week(), "UTC", &Settings::default()).unwrap();
        assert!(audit.meetings[0].inferred.words.is_empty());
        assert!(codes(&audit).is_empty(), "a guess raises no warning");
        let outage = EVENT
            .replace("Go/no-go on the launch", "Checkout is down")
            .replace("T143000Z", "T170000Z");
        let audit = audit_week(&outage, week(), "UTC", &Settings::default()).unwrap();
        assert_eq!(audit.meetings[0].inferred.intent, Intent::Crisis);
        assert_eq!(codes(&audit), ["long-meeting"], "a war room has no timebox");
        let status = EVENT.replace("Go/no-go on the launch", "Q3 status update");
        let audit = audit_week(&status, week(), "UTC", &Settings::default()).unwrap();
        assert_eq!(codes(&audit), ["status-meeting", "over-timebox"]);
        let bare = EVENT.replace("Go/no-go on the launch", "Sync");
        let audit = audit_week(&bare, week(), "UTC", &Settings::default()).unwrap();
        assert_eq!(
            codes(&audit),
            ["vague-agenda"],
            "one warning: say what it is for"
        );
        let long_bare = bare.replace("T143000Z", "T150000Z");
        let audit = audit_week(&long_bare, week(), "UTC", &Settings::default()).unwrap();
        assert_eq!(codes(&audit), ["vague-agenda", "over-timebox"]);
    }

    #[test]
    fn the_timebox_is_the_users_setting() {
        let default = audit_week(EVENT, week(), "UTC", &Settings::default()).unwrap();
        assert_eq!(codes(&default), ["over-timebox"]);
        let relaxed = Settings {
            timeboxes: crate::core::policy::Timeboxes::uniform(30),
            ..Settings::default()
        };
        let thirty = audit_week(EVENT, week(), "UTC", &relaxed).unwrap();
        assert!(codes(&thirty).is_empty(), "{:?}", codes(&thirty));
        let strict = Settings {
            timeboxes: crate::core::policy::Timeboxes::uniform(29),
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
        assert_eq!(audit.meetings[0].title(), "Go/no-go on the launch");
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
        assert_eq!(
            mine.skipped[0].what,
            "event 'Go/no-go on the launch' (Wed 25 Mar 14:00)"
        );
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
