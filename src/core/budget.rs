//! The week's sync budget: minutes per week and per day, share of the budget, zone, red-line days.

use serde::Serialize;

use crate::core::engine::effective_medium;
use crate::core::week::{Day, IsoWeek};
use crate::core::{Item, Meeting, Plan, Settings, Status};

/// The gauge turns amber at this share of the budget.
pub const AMBER_FROM: f64 = 0.8;

crate::core::vocabulary::vocabulary! {
    /// How full the week is.
    Zone, "zone" {
        /// Under 80 % of the budget.
        Green => "green",
        /// From 80 % up to and including 100 %.
        Amber => "amber",
        /// Over the budget.
        Red => "red",
    }
}

impl Zone {
    /// The zone of a share of the budget (1.0 is the whole budget).
    pub fn of(share: f64) -> Zone {
        if share < AMBER_FROM {
            Zone::Green
        } else if share <= 1.0 {
            Zone::Amber
        } else {
            Zone::Red
        }
    }
}

/// Sync minutes of one day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayLoad {
    pub day: Day,
    pub minutes: u32,
    pub over_red_line: bool,
}

/// The week's sync time against the budget.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Budget {
    pub week: IsoWeek,
    pub budget_minutes: u32,
    /// Planned sync minutes plus the calendar's meetings.
    pub sync_minutes: u32,
    /// The part of `sync_minutes` that comes from imported calendar meetings.
    pub meeting_minutes: u32,
    /// `sync_minutes / budget_minutes` (1.0 is the whole budget).
    pub share: f64,
    pub zone: Zone,
    pub red_line_minutes: u32,
    pub per_day: Vec<DayLoad>,
}

impl Budget {
    /// Minutes left before the budget is spent (zero when over).
    pub fn minutes_left(&self) -> u32 {
        self.budget_minutes.saturating_sub(self.sync_minutes)
    }

    /// The days whose sync time passes the daily red line.
    pub fn days_over_red_line(&self) -> impl Iterator<Item = Day> + '_ {
        self.per_day
            .iter()
            .filter(|d| d.over_red_line)
            .map(|d| d.day)
    }
}

/// Whether an item takes sync time: its effective medium has a live part and it is not dropped.
pub fn counts_as_sync(item: &Item) -> bool {
    item.status != Status::Dropped && effective_medium(item).has_sync()
}

/// The budget of `week` over planned `items` alone (items of other weeks are ignored).
pub fn week_budget<'a>(
    items: impl IntoIterator<Item = &'a Item>,
    week: IsoWeek,
    settings: &Settings,
) -> Budget {
    tally(items, std::iter::empty(), week, settings)
}

/// The budget of `week` in a plan: its planned items and the calendar's meetings, except
/// meetings that a planned written update replaces.
pub fn plan_budget(plan: &Plan, week: IsoWeek) -> Budget {
    let meetings = plan
        .meetings
        .iter()
        .filter(|m| m.week == week && !plan.is_replaced(m));
    tally(&plan.items, meetings, week, &plan.settings)
}

/// The calendar time of `week`'s meetings, per day from Monday: each minute once, so two
/// meetings booked over each other count the time they share once (one of them is
/// skipped, whichever it is), even across midnight. A meeting's minutes go to the day it
/// starts on.
fn calendar_minutes<'a>(
    meetings: impl IntoIterator<Item = &'a Meeting>,
    week: IsoWeek,
) -> [u32; 7] {
    let mut meetings: Vec<&Meeting> = meetings.into_iter().filter(|m| m.week == week).collect();
    // By the instant they start, whatever offset each was written in.
    meetings.sort_by_key(|m| m.start);
    let mut minutes = [0u32; 7];
    let mut covered_until: Option<chrono::DateTime<chrono::FixedOffset>> = None;
    for meeting in meetings {
        let uncovered = match covered_until {
            // Starts after the time counted so far: all of it counts, as imported.
            Some(until) if until > meeting.start => {
                let seconds = (meeting.end - until).num_seconds().max(0);
                u32::try_from((seconds + 59) / 60).unwrap_or(u32::MAX)
            }
            _ => meeting.minutes,
        };
        let day = meeting.day.index();
        minutes[day] = minutes[day].saturating_add(uncovered);
        covered_until = Some(covered_until.map_or(meeting.end, |until| until.max(meeting.end)));
    }
    minutes
}

fn tally<'a>(
    items: impl IntoIterator<Item = &'a Item>,
    meetings: impl IntoIterator<Item = &'a Meeting>,
    week: IsoWeek,
    settings: &Settings,
) -> Budget {
    let mut per_day = [0u32; 7];
    for item in items {
        if item.week == week && counts_as_sync(item) {
            per_day[item.day.index()] = per_day[item.day.index()].saturating_add(item.minutes);
        }
    }
    let mut meeting_minutes = 0u32;
    for (day, minutes) in calendar_minutes(meetings, week).into_iter().enumerate() {
        per_day[day] = per_day[day].saturating_add(minutes);
        meeting_minutes = meeting_minutes.saturating_add(minutes);
    }
    let sync_minutes = per_day.iter().fold(0u32, |sum, m| sum.saturating_add(*m));
    let share = f64::from(sync_minutes) / f64::from(settings.budget_minutes.max(1));
    Budget {
        week,
        budget_minutes: settings.budget_minutes,
        sync_minutes,
        meeting_minutes,
        share,
        zone: Zone::of(share),
        red_line_minutes: settings.red_line_minutes,
        per_day: Day::ALL
            .iter()
            .map(|&day| DayLoad {
                day,
                minutes: per_day[day.index()],
                over_red_line: per_day[day.index()] > settings.red_line_minutes,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{ChosenMedium, Intent};
    use chrono::Utc;

    fn week() -> IsoWeek {
        "2026-W48".parse().unwrap()
    }

    fn sync(day: Day, minutes: u32) -> Item {
        let mut item = Item::new(1, "Talk", week(), day, Utc::now());
        item.intent = Intent::Conflict;
        item.minutes = minutes;
        item
    }

    #[test]
    fn zones_follow_the_product_thresholds() {
        assert_eq!(Zone::of(0.0), Zone::Green);
        assert_eq!(Zone::of(0.79), Zone::Green);
        assert_eq!(Zone::of(0.8), Zone::Amber);
        assert_eq!(Zone::of(1.0), Zone::Amber);
        assert_eq!(Zone::of(1.01), Zone::Red);
    }

    #[test]
    fn counts_sync_and_brief_then_sync_but_not_async_or_dropped() {
        let mut written = sync(Day::Mon, 30);
        written.medium = ChosenMedium::Async;
        let mut dropped = sync(Day::Mon, 40);
        dropped.status = Status::Dropped;
        let mut done = sync(Day::Tue, 20);
        done.status = Status::Done;
        let mut briefed = sync(Day::Wed, 15);
        briefed.intent = Intent::Decision;
        let mut other_week = sync(Day::Wed, 99);
        other_week.week = week().next();
        let items = [written, dropped, done, briefed, other_week];
        let b = week_budget(&items, week(), &Settings::default());
        assert_eq!(b.sync_minutes, 35);
        assert_eq!(b.per_day[Day::Tue.index()].minutes, 20);
        assert_eq!(b.per_day[Day::Wed.index()].minutes, 15);
        assert_eq!(b.minutes_left(), 565);
        assert_eq!(b.zone, Zone::Green);
    }

    #[test]
    fn calendar_meetings_count_unless_a_written_update_replaces_them() {
        let start = chrono::DateTime::parse_from_rfc3339("2026-11-24T10:00:00+01:00").unwrap();
        let meeting = Meeting {
            key: "standup@example.com/2026-11-24T09:00:00Z".into(),
            uid: "standup@example.com".into(),
            title: "Standup".into(),
            start,
            end: start + chrono::Duration::minutes(30),
            minutes: 30,
            attendees: 9,
            recurring: true,
            week: week(),
            day: Day::Tue,
            flags: vec![crate::core::FlagCode::StatusMeeting],
            calendar: None,
        };
        let mut plan = Plan {
            meetings: vec![meeting.clone()],
            ..Plan::default()
        };
        plan.add(sync(Day::Tue, 15));
        let b = plan_budget(&plan, week());
        assert_eq!((b.sync_minutes, b.meeting_minutes), (45, 30));
        assert_eq!(b.per_day[Day::Tue.index()].minutes, 45);
        assert_eq!(plan_budget(&plan, week().next()).sync_minutes, 0);

        let mut update = Item::new(0, "Written standup", week(), Day::Tue, Utc::now());
        update.replaces = Some(meeting.key.clone());
        let id = plan.add(update);
        assert_eq!(plan_budget(&plan, week()).sync_minutes, 15);
        plan.item_mut(id).unwrap().status = Status::Dropped;
        assert_eq!(plan_budget(&plan, week()).sync_minutes, 45);
    }

    fn meeting(day: Day, start: &str, minutes: i64) -> Meeting {
        let start = chrono::DateTime::parse_from_rfc3339(start).unwrap();
        Meeting {
            key: format!("m@example.com/{start}"),
            uid: "m@example.com".into(),
            title: "Meeting".into(),
            start,
            end: start + chrono::Duration::minutes(minutes),
            minutes: u32::try_from(minutes).unwrap(),
            attendees: 3,
            recurring: false,
            week: week(),
            day,
            flags: Vec::new(),
            calendar: None,
        }
    }

    #[test]
    fn double_booked_time_counts_once() {
        let plan = Plan {
            meetings: vec![
                // Tuesday: 10:00–11:00 and 10:30–11:30 overlap by half an hour; 11:30–12:00
                // follows without a gap; 10:15–10:45 lies inside the first.
                meeting(Day::Tue, "2026-11-24T10:30:00+01:00", 60),
                meeting(Day::Tue, "2026-11-24T10:00:00+01:00", 60),
                meeting(Day::Tue, "2026-11-24T11:30:00+01:00", 30),
                meeting(Day::Tue, "2026-11-24T10:15:00+01:00", 30),
                // Wednesday, the same hour written in another offset.
                meeting(Day::Wed, "2026-11-25T09:00:00+01:00", 30),
                meeting(Day::Wed, "2026-11-25T08:00:00+00:00", 30),
                // Thursday: apart.
                meeting(Day::Thu, "2026-11-26T09:00:00+01:00", 30),
                meeting(Day::Thu, "2026-11-26T14:00:00+01:00", 45),
                // Friday night into Saturday, and Saturday's first half hour.
                meeting(Day::Fri, "2026-11-27T23:30:00+01:00", 60),
                meeting(Day::Sat, "2026-11-28T00:00:00+01:00", 30),
            ],
            ..Plan::default()
        };
        let b = plan_budget(&plan, week());
        let day = |d: Day| b.per_day[d.index()].minutes;
        assert_eq!((day(Day::Tue), day(Day::Wed), day(Day::Thu)), (120, 30, 75));
        assert_eq!((day(Day::Fri), day(Day::Sat)), (60, 0));
        assert_eq!((b.meeting_minutes, b.sync_minutes), (285, 285));
    }

    #[test]
    fn flags_days_over_the_red_line_and_red_weeks() {
        let items: Vec<Item> = (0..5).map(|_| sync(Day::Thu, 130)).collect();
        let b = week_budget(&items, week(), &Settings::default());
        assert_eq!(b.sync_minutes, 650);
        assert_eq!(b.zone, Zone::Red);
        assert_eq!(b.minutes_left(), 0);
        assert_eq!(b.days_over_red_line().collect::<Vec<_>>(), [Day::Thu]);
    }
}
