//! What the week grid shows, derived with the rest of the `View`: per day, its meetings in
//! their hours, its focus block, its items (a sync with a slot shows its start) and its sync
//! total against the red line.

use chrono::{NaiveDate, NaiveTime, Timelike};

use super::view::{MeetingRow, Row};
use crate::core::budget::Budget;
use crate::core::hours::{Span, WorkingHours, focus_block};
use crate::core::week::{Day, IsoWeek};
use crate::core::{Medium, Settings, Status};

/// A meeting in its day's column.
#[derive(Debug, Clone, PartialEq)]
pub struct GridMeeting {
    /// Its key, to mark it while the calendar has the focus.
    pub key: String,
    /// The title as the calendar gave it (the widget sanitises it).
    pub title: String,
    /// Its time on the day it starts (to midnight when it runs past it).
    pub span: Span,
    /// Whether a planned written update replaces it.
    pub replaced: bool,
    /// Whether the audit flagged it.
    pub flagged: bool,
}

/// An item in its day's column.
#[derive(Debug, Clone, PartialEq)]
pub struct GridItem {
    /// Its index among the view's rows: the list's selection.
    pub row: usize,
    pub id: u32,
    pub title: String,
    pub medium: Medium,
    pub minutes: u32,
    /// Its start, once it has a slot (`schedule`, `--at`).
    pub at: Option<chrono::NaiveTime>,
    pub status: Status,
    pub warned: bool,
}

/// One day of the grid.
#[derive(Debug, Clone, PartialEq)]
pub struct GridDay {
    pub day: Day,
    pub date: NaiveDate,
    /// Sync minutes of the day: planned syncs and the calendar, as the budget counts them.
    pub minutes: u32,
    pub over_red_line: bool,
    pub meetings: Vec<GridMeeting>,
    /// The longest stretch of working hours that no meeting takes, when it lasts at least
    /// `WeekGrid::focus_minutes`.
    pub focus: Option<Span>,
    /// The day's items in the list's order.
    pub items: Vec<GridItem>,
}

/// The week as a grid: working days as columns, hours as rows.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekGrid {
    pub hours: WorkingHours,
    /// The first and last hour rows: the working hours, widened to any meeting outside them.
    pub first_hour: u32,
    pub end_hour: u32,
    pub focus_minutes: u32,
    pub red_line_minutes: u32,
    pub days: Vec<GridDay>,
}

/// A meeting's time on the day it starts, in the offset it was imported with.
fn span_of(row: &MeetingRow) -> Span {
    let meeting = &row.meeting;
    let start = meeting.start.time();
    let end = if meeting.end.date_naive() > meeting.start.date_naive() {
        NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(start)
    } else {
        meeting.end.time()
    };
    Span { start, end }
}

impl WeekGrid {
    /// The grid of `week` from the view's rows and calendar and the week's budget. The days
    /// are the working days and any other day with an item or a meeting.
    pub fn derive(
        settings: &Settings,
        week: IsoWeek,
        rows: &[Row],
        calendar: &[MeetingRow],
        budget: &Budget,
    ) -> WeekGrid {
        // The user's settings `hours` and `focus`.
        let hours = WorkingHours {
            start: settings.hours.start,
            end: settings.hours.end,
        };
        let focus_minutes = settings.focus_minutes;
        let (mut first_hour, mut end_hour) = (hours.start.hour(), hours.end.hour());
        if hours.end.minute() > 0 {
            end_hour += 1;
        }
        let mut days = Vec::new();
        for index in 0..7 {
            let Some(day) = Day::from_index(index) else {
                continue;
            };
            let items: Vec<GridItem> = rows
                .iter()
                .enumerate()
                .filter(|(_, r)| r.item.day == day)
                .map(|(row, r)| GridItem {
                    row,
                    id: r.item.id,
                    title: r.item.title.clone(),
                    medium: r.effective_medium,
                    minutes: r.item.minutes,
                    at: r.item.at,
                    status: r.item.status,
                    warned: r.warned(),
                })
                .collect();
            let meetings: Vec<GridMeeting> = calendar
                .iter()
                .filter(|m| m.meeting.day == day)
                .map(|m| GridMeeting {
                    key: m.meeting.key.clone(),
                    title: m.meeting.title.clone(),
                    span: span_of(m),
                    replaced: m.replaced_by.is_some(),
                    flagged: !m.meeting.flags.is_empty(),
                })
                .collect();
            if !settings.working_days.contains(&day) && items.is_empty() && meetings.is_empty() {
                continue;
            }
            for m in &meetings {
                first_hour = first_hour.min(m.span.start.hour());
                let end = m.span.end.hour() + u32::from(m.span.end.minute() > 0);
                end_hour = end_hour.max(end.min(24));
            }
            // A meeting replaced by a written update leaves the day's time, as it leaves
            // the budget.
            let busy: Vec<Span> = meetings
                .iter()
                .filter(|m| !m.replaced)
                .map(|m| m.span)
                .collect();
            let load = budget.per_day.iter().find(|d| d.day == day);
            days.push(GridDay {
                day,
                date: week.date(day),
                minutes: load.map_or(0, |d| d.minutes),
                over_red_line: load.is_some_and(|d| d.over_red_line),
                focus: focus_block(hours, &busy, focus_minutes),
                meetings,
                items,
            });
        }
        WeekGrid {
            hours,
            first_hour,
            end_hour,
            focus_minutes,
            red_line_minutes: budget.red_line_minutes,
            days,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::core::demo::demo_week;
    use crate::core::week::Day;
    use crate::core::{Meeting, Plan};
    use crate::tui::mode::Mode;
    use crate::tui::view::View;
    use chrono::{DateTime, FixedOffset, NaiveTime};

    fn meeting(key: &str, day: Day, start: &str, minutes: i64) -> Meeting {
        let start: DateTime<FixedOffset> = start.parse().unwrap();
        Meeting {
            key: key.into(),
            uid: key.into(),
            title: format!("Meeting {key}"),
            start,
            end: start + chrono::Duration::minutes(minutes),
            minutes: u32::try_from(minutes).unwrap(),
            attendees: 4,
            recurring: false,
            week: "2026-W48".parse().unwrap(),
            day,
            flags: Vec::new(),
            calendar: None,
        }
    }

    #[test]
    fn the_grid_puts_meetings_items_totals_and_focus_on_their_day() {
        let clock = crate::env::pinned_clock("2026-11-25").unwrap();
        let week = clock.this_week();
        let mut plan = Plan::default();
        plan.add_all(demo_week(week, clock.utc));
        plan.meetings = vec![
            meeting("early", Day::Tue, "2026-11-24T08:00:00+01:00", 30),
            meeting("a", Day::Tue, "2026-11-24T10:00:00+01:00", 60),
            meeting("b", Day::Tue, "2026-11-24T12:30:00+01:00", 60),
            meeting("c", Day::Tue, "2026-11-24T15:00:00+01:00", 60),
            meeting("sat", Day::Sat, "2026-11-28T10:00:00+01:00", 30),
        ];
        let view = View::derive(&plan, week, &clock, "", &Mode::Normal, false);
        let grid = &view.grid;
        let days: Vec<Day> = grid.days.iter().map(|d| d.day).collect();
        // The working days, and Saturday for its meeting.
        assert_eq!(
            days,
            [Day::Mon, Day::Tue, Day::Wed, Day::Thu, Day::Fri, Day::Sat]
        );
        // The hours widen to the 08:00 meeting.
        assert_eq!((grid.first_hour, grid.end_hour), (8, 17));
        // Every row is on its day, once, in the list's order.
        let mut rows: Vec<usize> = grid
            .days
            .iter()
            .flat_map(|d| d.items.iter().map(|i| i.row))
            .collect();
        assert_eq!(rows, (0..view.rows.len()).collect::<Vec<_>>());
        rows.dedup();
        for day in &grid.days {
            for item in &day.items {
                assert_eq!(view.rows[item.row].item.day, day.day);
            }
            // The day's total is the budget's.
            let load = view
                .budget
                .per_day
                .iter()
                .find(|l| l.day == day.day)
                .unwrap();
            assert_eq!(day.minutes, load.minutes);
        }
        // Tuesday is cut into gaps under two hours: no focus block. Monday is all free.
        let tue = &grid.days[1];
        assert_eq!(tue.meetings.len(), 4);
        assert_eq!(tue.focus, None);
        let mon = &grid.days[0];
        let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
        assert_eq!(mon.focus.map(|f| (f.start, f.end)), Some((t(9), t(17))));
    }
}
