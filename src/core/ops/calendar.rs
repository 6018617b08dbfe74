//! Operations on the calendar's meetings: importing a calendar's weeks, and replacing a
//! meeting with a written update.

use chrono::{DateTime, Utc};

use super::{Change, ItemChange, MeetingsChange, OpError};
use crate::core::patch::MAX_TITLE;
use crate::core::week::IsoWeek;
use crate::core::{ChosenMedium, Intent, Item, Meeting, Plan, Settings, Status};

/// Plans a written update in place of the meeting with this key: the meeting stays on the
/// calendar but leaves the week's sync budget while the update is planned.
pub fn replace_meeting(plan: &mut Plan, key: &str, now: DateTime<Utc>) -> Result<Change, OpError> {
    let meeting = plan
        .meetings
        .iter()
        .find(|m| m.key == key)
        .ok_or(OpError::MeetingGone)?;
    if let Some(other) = plan
        .items
        .iter()
        .find(|i| i.replaces.as_deref() == Some(key) && i.status != Status::Dropped)
    {
        return Err(OpError::AlreadyReplaced {
            id: other.id,
            title: meeting.title.clone(),
        });
    }
    let item = replacement(meeting, now);
    super::add(plan, item)
}

/// Plans a written update in place of every stored occurrence of the series `uid` (every
/// imported week of a recurring meeting) that none replaces yet, as one change.
pub fn replace_series(plan: &mut Plan, uid: &str, now: DateTime<Utc>) -> Result<Change, OpError> {
    let series: Vec<&Meeting> = plan.meetings.iter().filter(|m| m.uid == uid).collect();
    let first = series.first().copied().ok_or(OpError::MeetingGone)?;
    let open: Vec<Meeting> = series
        .iter()
        .filter(|m| plan.replacement(m).is_none())
        .map(|m| (*m).clone())
        .collect();
    if open.is_empty() {
        let id = plan.replacement(first).map_or(0, |i| i.id);
        return Err(OpError::AlreadyReplaced {
            id,
            title: first.title.clone(),
        });
    }
    let mut items = Vec::new();
    for meeting in &open {
        let mut item = replacement(meeting, now);
        item.replaces_series = true;
        items.extend(super::add(plan, item)?.items);
    }
    Ok(Change::of_items(items))
}

/// Gives every stored occurrence of a series the user replaced whole (an item with
/// `replaces_series`) its own written update when it has none yet: the weeks of the series
/// that an import or a sync brought in later.
fn cover_replaced_series(plan: &mut Plan, now: DateTime<Utc>) -> Result<Vec<ItemChange>, OpError> {
    let series: Vec<String> = plan
        .items
        .iter()
        .filter(|i| i.replaces_series && i.status != Status::Dropped)
        .filter_map(|i| i.replaces.as_deref())
        .filter_map(|key| {
            // The series' UID: from the stored occurrence, else from the key
            // (`UID @ original start`).
            plan.meetings
                .iter()
                .find(|m| m.key == key)
                .map(|m| m.uid.clone())
                .or_else(|| key.rsplit_once(" @ ").map(|(uid, _)| uid.to_string()))
        })
        .collect();
    if series.is_empty() {
        return Ok(Vec::new());
    }
    let uncovered: Vec<Meeting> = plan
        .meetings
        .iter()
        .filter(|m| series.contains(&m.uid) && plan.replacement(m).is_none())
        .cloned()
        .collect();
    let mut items = Vec::new();
    for meeting in &uncovered {
        let mut item = replacement(meeting, now);
        item.replaces_series = true;
        items.extend(super::add(plan, item)?.items);
    }
    Ok(items)
}

/// The written update that replaces a meeting.
fn replacement(meeting: &Meeting, now: DateTime<Utc>) -> Item {
    let title: String = format!("Written update instead of: {}", meeting.title)
        .chars()
        .take(MAX_TITLE)
        .collect();
    let mut item = Item::new(0, &title, meeting.week, meeting.day, now);
    item.intent = if meeting.has(crate::core::FlagCode::StatusMeeting) {
        Intent::Status
    } else {
        Intent::Fyi
    };
    item.medium = ChosenMedium::Async;
    if meeting.attendees > 1 {
        item.with = format!("{} people", meeting.attendees);
    }
    item.notes = format!(
        "Replaces the calendar meeting of {} ({} min); the invite stays on the calendar.",
        meeting.start.format("%a %-d %b %H:%M"),
        meeting.minutes
    );
    item.replaces = Some(meeting.key.clone());
    item
}

/// The user's calendar address as attendee lines are compared: lower case, no `mailto:`.
pub fn my_address(settings: &Settings) -> Option<String> {
    settings
        .email
        .as_deref()
        .and_then(crate::core::settings::email)
}

/// The weeks of one calendar, read and ready to store: what `import` brings in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// The calendar the meetings are stored under, if it has a name.
    pub calendar: Option<String>,
    /// The weeks the import covers, in order; their stored meetings of this calendar go.
    pub weeks: Vec<IsoWeek>,
    /// The meetings that hold sync time, tagged with the calendar.
    pub meetings: Vec<Meeting>,
    /// Their minutes together.
    pub total_minutes: u32,
    /// What was left out and why, each entry once.
    pub skipped: Vec<crate::ics::Skipped>,
}

/// Reads `weeks` weeks of a calendar from `first`, in `zone`, as sync time for the user
/// of the `rules`' settings (the meetings they declined, free time and events with no one
/// else left out), each meeting judged by the intent the rules' word lists read. `name` overrides the calendar's own name; an empty one imports it as no calendar
/// in particular.
pub fn read_import<'a>(
    calendar: &crate::ics::Calendar,
    rules: impl Into<crate::core::policy::Rules<'a>>,
    first: IsoWeek,
    weeks: u32,
    zone: crate::ics::Tz,
    name: Option<&str>,
) -> Import {
    let name: Option<String> = match name {
        Some(name) => Some(crate::core::sanitize::sanitize(name.trim())).filter(|n| !n.is_empty()),
        None => crate::core::audit::calendar_name(calendar),
    };
    let rules = rules.into();
    let me = my_address(rules.settings);
    let audits: Vec<crate::core::audit::WeekAudit> =
        crate::core::audit::audit_weeks(calendar, first, weeks, zone, rules)
            .into_iter()
            .map(|audit| audit.sync_time_only(me.as_deref()))
            .collect();
    let mut skipped: Vec<crate::ics::Skipped> = Vec::new();
    for entry in audits.iter().flat_map(|a| &a.skipped) {
        if !skipped.contains(entry) {
            skipped.push(entry.clone());
        }
    }
    Import {
        weeks: audits.iter().map(|a| a.week).collect(),
        meetings: audits
            .iter()
            .flat_map(|a| a.meetings.iter().map(Meeting::from))
            .map(|meeting| Meeting {
                calendar: name.clone(),
                ..meeting
            })
            .collect(),
        total_minutes: audits.iter().map(|a| a.total_minutes).sum(),
        skipped,
        calendar: name,
    }
}

impl Import {
    /// The weeks covered, as `2026-W48` or `2026-W48 to 2026-W51`.
    pub fn span(&self) -> String {
        match (self.weeks.first(), self.weeks.last()) {
            (Some(first), Some(last)) if first != last => format!("{first} to {last}"),
            (Some(first), _) => first.to_string(),
            _ => String::new(),
        }
    }

    /// How many meetings stored in `plan` this import replaces.
    pub fn stored(&self, plan: &Plan) -> usize {
        plan.meetings
            .iter()
            .filter(|m| self.weeks.contains(&m.week) && m.imported_with(self.calendar.as_deref()))
            .count()
    }
}

/// Stores an import: the meetings of its weeks from its calendar are replaced, other
/// calendars' stay. An import that brings nothing while meetings are stored for its weeks
/// is refused unless `allow_empty` (an empty export should not wipe a calendar). The
/// change records the meetings before and after, so that it can be undone.
pub fn import_meetings(
    plan: &mut Plan,
    import: &Import,
    allow_empty: bool,
    now: DateTime<Utc>,
) -> Result<Change, OpError> {
    let stored = import.stored(plan);
    if import.meetings.is_empty() && stored > 0 && !allow_empty {
        return Err(OpError::EmptyImport {
            stored,
            span: import.span(),
        });
    }
    let before = plan.meetings.clone();
    let removed = plan.replace_meetings(
        &import.weeks,
        import.calendar.as_deref(),
        import.meetings.clone(),
    );
    let items = cover_replaced_series(plan, now)?;
    Ok(Change {
        items,
        meetings: Some(MeetingsChange {
            before,
            after: plan.meetings.clone(),
            removed,
            added: import.meetings.len(),
        }),
        ..Change::default()
    })
}

/// How many planned written updates (not dropped) point at a meeting the plan no longer
/// holds: it moved or left the calendar, so nothing is taken out of the budget for them.
pub fn unlinked_updates(plan: &Plan) -> usize {
    plan.items
        .iter()
        .filter(|i| i.status != Status::Dropped)
        .filter_map(|i| i.replaces.as_deref())
        .filter(|key| !plan.meetings.iter().any(|m| m.key == *key))
        .count()
}

#[cfg(test)]
mod series_tests {
    use super::*;
    use crate::core::week::Day;
    use chrono::FixedOffset;

    fn meeting(key: &str, uid: &str, week: &str) -> Meeting {
        let start: DateTime<FixedOffset> = "2026-11-24T10:00:00+00:00".parse().unwrap();
        Meeting {
            key: key.into(),
            uid: uid.into(),
            title: "Team status".into(),
            start,
            end: start + chrono::Duration::minutes(30),
            minutes: 30,
            attendees: 6,
            recurring: true,
            week: week.parse().unwrap(),
            day: Day::Tue,
            flags: Vec::new(),
            calendar: None,
        }
    }

    #[test]
    fn a_series_replacement_covers_every_week_of_the_series_and_nothing_else() {
        let mut plan = Plan {
            meetings: vec![
                meeting("s-47", "series", "2026-W47"),
                meeting("s-48", "series", "2026-W48"),
                meeting("s-49", "series", "2026-W49"),
                meeting("other", "other", "2026-W48"),
            ],
            ..Plan::default()
        };
        let now = Utc::now();
        // One occurrence already replaced: the series covers the two others.
        replace_meeting(&mut plan, "s-48", now).unwrap();
        let change = replace_series(&mut plan, "series", now).unwrap();
        assert_eq!(change.items.len(), 2);
        for key in ["s-47", "s-48", "s-49"] {
            let m = plan.meetings.iter().find(|m| m.key == key).unwrap();
            assert!(plan.replacement(m).is_some(), "{key}");
        }
        let other = plan.meetings.iter().find(|m| m.key == "other").unwrap();
        assert!(plan.replacement(other).is_none());
        assert!(matches!(
            replace_series(&mut plan, "series", now),
            Err(OpError::AlreadyReplaced { .. })
        ));
        assert_eq!(
            replace_series(&mut plan, "nothing", now),
            Err(OpError::MeetingGone)
        );

        // A week of the series imported later gets its own written update; a week of
        // another meeting does not.
        let import = Import {
            weeks: vec!["2026-W50".parse().unwrap()],
            meetings: vec![
                meeting("s-50", "series", "2026-W50"),
                meeting("other-50", "other", "2026-W50"),
            ],
            total_minutes: 60,
            skipped: Vec::new(),
            calendar: None,
        };
        let change = import_meetings(&mut plan, &import, false, now).unwrap();
        assert_eq!(change.items.len(), 1);
        let later = plan.meetings.iter().find(|m| m.key == "s-50").unwrap();
        let update = plan.replacement(later).unwrap();
        assert!(update.replaces_series);
        assert_eq!(update.week, "2026-W50".parse().unwrap());
        let other = plan.meetings.iter().find(|m| m.key == "other-50").unwrap();
        assert!(plan.replacement(other).is_none());
        // Importing the same week again adds nothing.
        let again = import_meetings(&mut plan, &import, false, now).unwrap();
        assert!(again.items.is_empty());
    }
}
