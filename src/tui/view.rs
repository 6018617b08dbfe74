//! What the screen shows, derived from the state once per update: the rows with their
//! reports, the week's budget, the calendar, the history for the sparkline and the header's
//! counts. Every widget reads this value; none computes a domain value of its own.

use super::mode::Mode;
use super::review_view::ReviewView;
use super::sync::status_line;
use super::week_view::WeekGrid;
use crate::core::budget::{Budget, DayLoad, plan_budget};
use crate::core::clock::Clock;
use crate::core::counts::{WeekCounts, week_counts};
use crate::core::engine::Recommendation;
use crate::core::report::ItemReport;
use crate::core::review::sync_history;
use crate::core::week::IsoWeek;
use crate::core::{Intent, Item, Medium, Meeting, Plan, Status};

/// Weeks of history in the sparkline, the shown week last.
pub const HISTORY_WEEKS: usize = 8;

/// One row of the items table: the item and what the engine says about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub item: Item,
    /// The chosen medium, or the recommended one when the choice is `auto`.
    pub effective_medium: Medium,
    pub recommendation: Recommendation,
    /// Whether the user chose a medium other than the recommended one.
    pub differs: bool,
}

impl Row {
    fn of(report: ItemReport<'_>) -> Row {
        Row {
            item: report.item.clone(),
            effective_medium: report.effective_medium,
            differs: report.differs_from_recommendation(),
            recommendation: report.recommendation,
        }
    }

    /// Whether the engine has a warning for the item.
    pub fn warned(&self) -> bool {
        !self.recommendation.warnings.is_empty()
    }
}

/// One meeting of the calendar pane.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingRow {
    pub meeting: Meeting,
    /// The id of the planned written update that replaces it, if one does.
    pub replaced_by: Option<u32>,
}

/// How many of the shown items are open, done and dropped: the list pane's title.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub open: usize,
    pub done: usize,
    pub dropped: usize,
}

impl Tally {
    fn of(rows: &[Row]) -> Tally {
        let mut tally = Tally::default();
        for row in rows {
            match row.item.status {
                Status::Open => tally.open += 1,
                Status::Done => tally.done += 1,
                Status::Dropped => tally.dropped += 1,
            }
        }
        tally
    }
}

/// Everything the screen shows of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub week: IsoWeek,
    /// The header's line on the subscribed calendars: when each last synced, or failed, or
    /// that a sync is running (empty with none).
    pub calendars_line: String,
    /// How the shown week relates to today's: " (this week)", " (next week)"…
    pub relative: &'static str,
    /// How many of the week's shared items go by each medium, and how many are private
    /// (the filter aside): the brief's counts.
    pub counts: WeekCounts,
    /// The week's items the filter lets through, ordered by day.
    pub rows: Vec<Row>,
    /// How many of the rows are open, done and dropped.
    pub tally: Tally,
    /// Sample items left in the plan (any week): the header says so while there are any.
    pub samples: usize,
    /// The week's budget, which the gauge and the calendar's header both read.
    pub budget: Budget,
    /// Minutes over the budget (0 when under it).
    pub over_by: u32,
    /// The days the gauge shows: the working days, and any other day with sync time.
    pub days: Vec<DayLoad>,
    /// Sync minutes of the last `HISTORY_WEEKS` weeks, oldest first.
    pub history: Vec<u64>,
    pub history_peak: u64,
    /// The week's calendar meetings, in time order.
    pub calendar: Vec<MeetingRow>,
    /// The question the footer asks, in the confirm mode.
    pub question: Option<String>,
    /// The intent of the item being picked for, in the picker.
    pub picker_intent: Option<Intent>,
    /// In the form: the item as typed so far (not saved) and what the engine says of it,
    /// the live advice shown beside the form.
    pub form: Option<Row>,
    /// The week as a grid of days and hours, for the week view.
    pub grid: WeekGrid,
    /// The last weeks looked back on, while the review screen is open.
    pub review: Option<ReviewView>,
}

/// The items of `week` that `filter` lets through (case-insensitive, on the title, the
/// people, the intent and the notes), ordered by day and then id.
pub fn rows_of<'a>(plan: &'a Plan, week: IsoWeek, filter: &str) -> Vec<&'a Item> {
    let needle = filter.to_lowercase();
    plan.week_items(week)
        .into_iter()
        .filter(|i| needle.is_empty() || matches_filter(i, &needle))
        .collect()
}

fn matches_filter(item: &Item, needle: &str) -> bool {
    [
        item.title.as_str(),
        item.with.as_str(),
        item.intent.id(),
        item.notes.as_str(),
    ]
    .iter()
    .any(|field| field.to_lowercase().contains(needle))
}

impl View {
    /// Derives what the screen shows of `week` in `plan` at the clock's moment.
    pub fn derive(
        plan: &Plan,
        week: IsoWeek,
        clock: &Clock,
        filter: &str,
        mode: &Mode,
        syncing: bool,
    ) -> View {
        let this_week = clock.this_week();
        let relative = match week {
            w if w == this_week => " (this week)",
            w if w == this_week.next() => " (next week)",
            w if w == this_week.prev() => " (last week)",
            _ => "",
        };
        let rows: Vec<Row> = rows_of(plan, week, filter)
            .into_iter()
            .map(|item| Row::of(ItemReport::new(item, clock.local, &plan.settings)))
            .collect();
        let budget = plan_budget(plan, week);
        // The weeks before, then the shown week's figure from the budget already counted.
        let mut history = sync_history(plan, week.prev(), HISTORY_WEEKS - 1);
        history.push(u64::from(budget.sync_minutes));
        let history_peak = history.iter().copied().max().unwrap_or(0);
        let days = budget
            .per_day
            .iter()
            .filter(|d| plan.settings.working_days.contains(&d.day) || d.minutes > 0)
            .cloned()
            .collect();
        let calendar: Vec<MeetingRow> = plan
            .week_meetings(week)
            .into_iter()
            .map(|m| MeetingRow {
                replaced_by: plan.replacement(m).map(|i| i.id),
                meeting: m.clone(),
            })
            .collect();
        let (question, picker_intent) = match mode {
            Mode::Confirm(question) => (Some(question.prompt(plan)), None),
            Mode::Picker(id) => (None, plan.item(*id).map(|i| i.intent)),
            _ => (None, None),
        };
        let form = match mode {
            Mode::Form(form) => {
                let draft = form.draft();
                let row = Row::of(ItemReport::new(&draft, clock.local, &plan.settings));
                Some(row)
            }
            _ => None,
        };
        let grid = WeekGrid::derive(&plan.settings, week, &rows, &calendar, &budget);
        let review =
            matches!(mode, Mode::Review).then(|| ReviewView::derive(plan, week, clock.local));
        View {
            calendars_line: status_line(&plan.calendars, syncing, clock),
            form,
            grid,
            review,
            week,
            relative,
            counts: week_counts(plan, week),
            tally: Tally::of(&rows),
            samples: plan.items.iter().filter(|i| i.sample).count(),
            rows,
            over_by: budget.sync_minutes.saturating_sub(budget.budget_minutes),
            budget,
            days,
            history,
            history_peak,
            calendar,
            question,
            picker_intent,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ChosenMedium;
    use crate::core::demo::demo_week;
    use crate::core::week::Day;
    use chrono::{DateTime, FixedOffset};

    fn clock() -> Clock {
        crate::env::pinned_clock("2026-11-25").unwrap()
    }

    fn meeting(key: &str, week: IsoWeek, start: &str, minutes: i64) -> Meeting {
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
            week,
            day: Day::Tue,
            flags: Vec::new(),
            calendar: None,
        }
    }

    /// The demo week with two meetings, one of them replaced by a written update.
    fn plan() -> (Plan, IsoWeek) {
        let clock = clock();
        let week = clock.this_week();
        let mut plan = Plan::default();
        plan.add_all(demo_week(week, clock.utc));
        plan.meetings = vec![
            meeting("a", week, "2026-11-24T10:00:00+00:00", 30),
            meeting("b", week, "2026-11-24T14:00:00+00:00", 45),
        ];
        let mut update = Item::new(0, "Written instead", week, Day::Tue, clock.utc);
        update.medium = ChosenMedium::Async;
        update.replaces = Some("b".into());
        plan.add(update);
        (plan, week)
    }

    #[test]
    fn the_gauge_the_calendar_header_and_the_sparkline_read_one_budget() {
        let (plan, week) = plan();
        let view = View::derive(&plan, week, &clock(), "", &Mode::Normal, false);
        let budget = plan_budget(&plan, week);
        assert_eq!(view.budget, budget);
        // The replaced meeting counts nowhere: not in the calendar's minutes, not in sync.
        assert_eq!(view.budget.meeting_minutes, 30);
        assert_eq!(view.calendar.len(), 2);
        assert_eq!(view.calendar[0].replaced_by, None);
        assert!(view.calendar[1].replaced_by.is_some());
        assert_eq!(
            view.calendar[1].replaced_by,
            plan.replacement(&plan.meetings[1]).map(|i| i.id)
        );
        // The sparkline ends with the gauge's figure, and matches the review's history.
        assert_eq!(
            view.history.last().copied(),
            Some(u64::from(view.budget.sync_minutes))
        );
        assert_eq!(view.history, sync_history(&plan, week, HISTORY_WEEKS));
        assert_eq!(view.history_peak, *view.history.iter().max().unwrap());
    }

    #[test]
    fn the_header_counts_the_media_the_rows_show() {
        let (plan, week) = plan();
        let view = View::derive(&plan, week, &clock(), "", &Mode::Normal, false);
        let mut counts = crate::core::review::MediumCounts::default();
        for row in view
            .rows
            .iter()
            .filter(|r| r.item.status != Status::Dropped && !r.item.private)
        {
            counts.add(row.effective_medium);
        }
        assert_eq!(view.counts.shared, counts);
        assert_eq!(view.relative, " (this week)");
        // The filter narrows the rows, not the header's counts.
        let filtered = View::derive(&plan, week, &clock(), "written", &Mode::Normal, false);
        assert_eq!(filtered.rows.len(), 1);
        assert_eq!(filtered.counts, view.counts);
        assert_eq!(filtered.budget, view.budget);
    }

    #[test]
    fn rows_carry_the_report_of_their_item() {
        let (plan, week) = plan();
        let clock = clock();
        let view = View::derive(&plan, week, &clock, "", &Mode::Normal, false);
        let items = plan.week_items(week);
        assert_eq!(view.rows.len(), items.len());
        for (row, item) in view.rows.iter().zip(items) {
            let report = ItemReport::new(item, clock.local, &plan.settings);
            assert_eq!(&row.item, item);
            assert_eq!(row.effective_medium, report.effective_medium);
            assert_eq!(row.recommendation, report.recommendation);
            assert_eq!(row.differs, report.differs_from_recommendation());
        }
    }

    #[test]
    fn the_confirm_and_picker_modes_get_their_text_from_the_plan() {
        let (plan, week) = plan();
        let clock = clock();
        let question = super::super::confirm::Question::Delete(1);
        let view = View::derive(&plan, week, &clock, "", &Mode::Confirm(question), false);
        assert_eq!(view.question, Some(question.prompt(&plan)));
        let view = View::derive(&plan, week, &clock, "", &Mode::Picker(1), false);
        assert_eq!(view.picker_intent, plan.item(1).map(|i| i.intent));
        assert_eq!(view.question, None);
    }
}
