//! Invites: the week's shared syncs that have a start, written as one iCalendar file
//! (RFC 5545) whose events carry their agenda. Pure text; the shell writes it.
//!
//! - `UID` is `syncwise-<id>-<created, UTC>@syncwise`: stable for the item's life, so a
//!   re-import updates the event instead of adding one.
//! - `SEQUENCE` is the seconds from the item's `created` to its `updated` stamp. Every
//!   operation that changes an item raises `updated`, so the number rises with each
//!   change (also with changes the invite does not show, which calendars take as a
//!   harmless update) and never needs a counter of its own in the store.
//! - `DTSTART`/`DTEND` are wall-clock times with the user's `TZID`, defined by a
//!   `VTIMEZONE` built from the zone's transitions in the year either side of the week.

use std::fmt::Write as _;

use chrono::{DateTime, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use crate::core::engine::{BRIEF_LEAD_HOURS, effective_medium, sync_start};
use crate::core::people::attendees;
use crate::core::week::IsoWeek;
use crate::core::{Intent, Item, Medium, Plan, Status};

/// The longest line, in octets, before it is folded.
pub const FOLD_AT: usize = 75;

/// The file and what went into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invites {
    /// The iCalendar text, CRLF line ends.
    pub text: String,
    /// The ids of the items exported, in order.
    pub ids: Vec<u32>,
    /// Shared syncs of the week still without a start (`schedule` gives them one).
    pub without_slot: Vec<u32>,
    /// Private syncs left out (only `include_private` exports them).
    pub private_left_out: usize,
}

/// Whether an item is a sync of `week` an invite can be sent for (open, sync or brief
/// then sync).
pub(crate) fn is_sync_of(item: &Item, week: IsoWeek) -> bool {
    item.week == week && item.status == Status::Open && effective_medium(item).has_sync()
}

/// Writes the invites for `week` in zone `tz`, stamped `now` (DTSTAMP).
pub fn invites(
    plan: &Plan,
    week: IsoWeek,
    tz: Tz,
    include_private: bool,
    now: DateTime<Utc>,
) -> Invites {
    let mut items: Vec<&Item> = plan.items.iter().filter(|i| is_sync_of(i, week)).collect();
    items.sort_by_key(|i| (i.day, i.at, i.id));
    let private_left_out = items
        .iter()
        .filter(|i| i.private && !include_private)
        .count();
    items.retain(|i| include_private || !i.private);
    let without_slot = items
        .iter()
        .filter(|i| i.at.is_none())
        .map(|i| i.id)
        .collect();
    items.retain(|i| i.at.is_some());

    Invites {
        text: calendar(plan, &items, week, tz, now, true),
        ids: items.iter().map(|i| i.id).collect(),
        without_slot,
        private_left_out,
    }
}

/// The calendar object of one item's invite, as a CalDAV server stores it: a VCALENDAR
/// with its VEVENT and the VTIMEZONE, and no METHOD (a stored object carries none). The
/// caller has checked that the item is one [`invites`] exports.
pub fn object(plan: &Plan, item: &Item, week: IsoWeek, tz: Tz, now: DateTime<Utc>) -> String {
    calendar(plan, &[item], week, tz, now, false)
}

/// The VCALENDAR text of `items`, folded, CRLF line ends; `METHOD:PUBLISH` when
/// `publish` (a file to import), none for a stored object.
fn calendar(
    plan: &Plan,
    items: &[&Item],
    week: IsoWeek,
    tz: Tz,
    now: DateTime<Utc>,
    publish: bool,
) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//syncwise//invites//EN".into(),
        "CALSCALE:GREGORIAN".into(),
    ];
    if publish {
        lines.push("METHOD:PUBLISH".into());
    }
    lines.extend(vtimezone(tz, week));
    for item in items {
        lines.extend(vevent(plan, item, tz, now));
    }
    lines.push("END:VCALENDAR".into());
    let mut text = String::new();
    for line in &lines {
        text.push_str(&fold(line));
    }
    text
}

/// The stable UID of an item's event.
pub fn uid(item: &Item) -> String {
    format!(
        "syncwise-{}-{}@syncwise",
        item.id,
        item.created.format("%Y%m%dT%H%M%SZ")
    )
}

/// The item id a UID written by [`uid`] names, if it is one of ours. The id alone does
/// not make it that item's: compare [`uid`] of the item found (ids can be given again).
pub fn uid_id(uid: &str) -> Option<u32> {
    let rest = uid.strip_prefix("syncwise-")?.strip_suffix("@syncwise")?;
    let (id, _created) = rest.split_once('-')?;
    id.parse().ok()
}

/// The item's SEQUENCE: whole seconds from `created` to `updated`.
pub fn sequence(item: &Item) -> u32 {
    let seconds = (item.updated - item.created).num_seconds();
    u32::try_from(seconds.max(0)).unwrap_or(u32::MAX)
}

fn local(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

fn vevent(plan: &Plan, item: &Item, tz: Tz, now: DateTime<Utc>) -> Vec<String> {
    let start = sync_start(item);
    let end = start + Duration::minutes(i64::from(item.minutes));
    let zone = tz.name();
    let mut out = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}", uid(item)),
        format!("DTSTAMP:{}", now.format("%Y%m%dT%H%M%SZ")),
        format!("SEQUENCE:{}", sequence(item)),
        format!("DTSTART;TZID={zone}:{}", local(start)),
        format!("DTEND;TZID={zone}:{}", local(end)),
        format!("SUMMARY:{}", escape(&clean(&item.title))),
        format!("DESCRIPTION:{}", escape(&description(plan, item))),
    ];
    if let Some(me) = &plan.settings.email {
        out.push(format!("ORGANIZER:mailto:{}", clean(me)));
    }
    for person in attendees(&plan.people, &item.with) {
        out.push(format!(
            "ATTENDEE;CN={};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{}",
            param(&person.name),
            clean(&person.email)
        ));
    }
    out.push("END:VEVENT".into());
    out
}

/// The agenda as the event's description: the problem, the pre-read and the day it goes
/// out, the desired outcome and the timebox. Unescaped; lines apart with `\n`.
pub fn description(plan: &Plan, item: &Item) -> String {
    let part = |text: &str| match clean(text).trim() {
        "" => "(not written yet)".to_string(),
        t => t.to_string(),
    };
    let mut d = String::new();
    let _ = writeln!(d, "Problem: {}", part(&item.agenda.problem));
    let pre_read = part(&item.agenda.pre_read);
    if item.intent == Intent::Crisis {
        let _ = writeln!(d, "Pre-read: {pre_read}");
    } else {
        let out_by = sync_start(item) - Duration::hours(BRIEF_LEAD_HOURS);
        let _ = writeln!(
            d,
            "Pre-read: {pre_read} (sent out by {})",
            out_by.format("%a %d %b %H:%M")
        );
    }
    let _ = writeln!(d, "Desired outcome: {}", part(&item.agenda.outcome));
    match plan.settings.timebox(item.intent) {
        Some(t) if t == item.minutes => {
            let _ = write!(d, "Timebox: {t} min");
        }
        Some(t) => {
            let _ = write!(d, "Timebox: {t} min (booked {} min)", item.minutes);
        }
        None => {
            let _ = write!(d, "Timebox: none, a crisis runs until it is under control");
        }
    }
    if effective_medium(item) == Medium::BriefThenSync {
        d.push_str("\nRead the brief first: this sync is for risks and objections only.");
    }
    d
}

/// Text without control characters (newlines and tabs become spaces).
fn clean(text: &str) -> String {
    crate::core::sanitize::sanitize(text)
}

/// Escapes TEXT per RFC 5545: backslash, semicolon, comma and newline.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value: quoted, without the quotes and controls it may not hold.
fn param(text: &str) -> String {
    let inner: String = clean(text).chars().filter(|&c| c != '"').collect();
    format!("\"{inner}\"")
}

/// Folds a content line at [`FOLD_AT`] octets (continuations start with a space, which
/// counts), never inside a UTF-8 character, and ends it with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / FOLD_AT * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > FOLD_AT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
    out
}

/// One offset change of a zone: when (UTC) and the offsets, name and kind around it.
struct Transition {
    at: NaiveDateTime,
    from: i32,
    to: i32,
    name: String,
    daylight: bool,
}

fn offset_at(tz: Tz, utc: NaiveDateTime) -> (i32, String, bool) {
    let offset = tz.offset_from_utc_datetime(&utc);
    (
        offset.fix().local_minus_utc(),
        offset.abbreviation().unwrap_or("").to_string(),
        !offset.dst_offset().is_zero(),
    )
}

/// The zone's transitions from a year before the week to a year after it.
fn transitions(tz: Tz, week: IsoWeek) -> (i32, String, bool, Vec<Transition>) {
    let from = week.monday().and_time(chrono::NaiveTime::MIN) - Duration::days(366);
    let to = from + Duration::days(366 * 2 + 7);
    let first = offset_at(tz, from);
    let mut found = Vec::new();
    let mut t = from;
    let mut current = first.0;
    while t < to {
        let next = t + Duration::days(1);
        let (offset, _, _) = offset_at(tz, next);
        if offset != current {
            // Narrow down to the second.
            let (mut lo, mut hi) = (t, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if offset_at(tz, mid).0 == current {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let (to_offset, name, daylight) = offset_at(tz, hi);
            found.push(Transition {
                at: hi,
                from: current,
                to: to_offset,
                name,
                daylight,
            });
            current = to_offset;
        }
        t = next;
    }
    (first.0, first.1, first.2, found)
}

fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

/// The `VTIMEZONE` of `tz` around `week`: the offset in force a year before it (from
/// 1970, as clients expect a first observance), then each transition.
fn vtimezone(tz: Tz, week: IsoWeek) -> Vec<String> {
    let (offset, name, daylight, changes) = transitions(tz, week);
    let mut out = vec!["BEGIN:VTIMEZONE".to_string(), format!("TZID:{}", tz.name())];
    let mut observance = |daylight: bool, start: NaiveDateTime, from: i32, to: i32, name: &str| {
        let kind = if daylight { "DAYLIGHT" } else { "STANDARD" };
        out.push(format!("BEGIN:{kind}"));
        out.push(format!("DTSTART:{}", local(start)));
        out.push(format!("TZOFFSETFROM:{}", utc_offset(from)));
        out.push(format!("TZOFFSETTO:{}", utc_offset(to)));
        if !name.is_empty() {
            out.push(format!("TZNAME:{}", escape(name)));
        }
        out.push(format!("END:{kind}"));
    };
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
        .unwrap_or_default()
        .and_time(chrono::NaiveTime::MIN);
    observance(daylight, epoch, offset, offset, &name);
    for t in &changes {
        // DTSTART is the wall-clock time in the offset before the change.
        let start = t.at + Duration::seconds(i64::from(t.from));
        observance(t.daylight, start, t.from, t.to, &t.name);
    }
    out.push("END:VTIMEZONE".into());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_characters_whole_and_lines_short() {
        let line = format!("SUMMARY:{}", "é".repeat(80));
        let folded = fold(&line);
        for l in folded.split("\r\n") {
            assert!(l.len() <= FOLD_AT, "{l}");
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), line);
        assert_eq!(fold("A:b"), "A:b\r\n");
    }

    #[test]
    fn one_object_holds_its_item_alone_and_no_method() {
        let week: IsoWeek = "2026-W48".parse().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
        let mut plan = Plan::default();
        for id in [7, 8] {
            let mut item = Item::new(
                id,
                &format!("Sync {id}"),
                week,
                crate::core::week::Day::Tue,
                now,
            );
            item.medium = crate::core::ChosenMedium::Sync;
            item.at = chrono::NaiveTime::from_hms_opt(10, 0, 0);
            plan.items.push(item);
        }
        let text = object(&plan, &plan.items[1], week, chrono_tz::UTC, now);
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 1);
        assert!(
            text.contains(&format!("UID:{}", uid(&plan.items[1]))),
            "{text}"
        );
        assert!(!text.contains("METHOD:"), "{text}");
        let file = invites(&plan, week, chrono_tz::UTC, false, now).text;
        assert_eq!(
            text,
            file.replace("METHOD:PUBLISH\r\n", "").replace(
                &file[file.find("BEGIN:VEVENT").unwrap()..file.rfind("BEGIN:VEVENT").unwrap()],
                "",
            )
        );
        assert_eq!(uid_id(&uid(&plan.items[1])), Some(8));
        for foreign in [
            "syncwise-x-1@syncwise",
            "other-8-1@syncwise",
            "syncwise-8-1@elsewhere",
            "",
        ] {
            assert_eq!(uid_id(foreign), None, "{foreign}");
        }
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a\\b;c,d\ne"), "a\\\\b\\;c\\,d\\ne");
        assert_eq!(param("Ana \"A\" López"), "\"Ana A López\"");
    }

    #[test]
    fn berlin_has_its_two_changes_a_year() {
        let week: IsoWeek = "2026-W48".parse().unwrap();
        let (offset, name, daylight, changes) = transitions(chrono_tz::Europe::Berlin, week);
        assert_eq!((offset, name.as_str(), daylight), (3600, "CET", false));
        assert_eq!(changes.len(), 4);
        assert_eq!(
            (changes[0].from, changes[0].to, changes[0].daylight),
            (3600, 7200, true)
        );
        let text = vtimezone(chrono_tz::Europe::Berlin, week).join("\n");
        assert!(text.contains("DTSTART:20260329T020000"), "{text}");
        assert!(text.contains("DTSTART:20261025T030000"), "{text}");
        assert_eq!(transitions(chrono_tz::UTC, week).3.len(), 0);
    }
}
