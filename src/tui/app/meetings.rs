//! The calendar pane's operations: replacing a meeting or its whole series.

use super::App;
use crate::core::Plan;
use crate::core::ops::{self};
use crate::core::plural::counted;
use crate::tui::action::Action;
use crate::tui::confirm::Question;
use crate::tui::mode::Mode;

impl App {
    /// Keys while the calendar has the focus; returns whether the key was for it.
    pub(super) fn update_calendar(&mut self, action: Action) -> bool {
        match action {
            Action::Down => self.calendar.next(),
            Action::Up => self.calendar.prev(),
            Action::First => self.calendar.first(),
            Action::Last => self.calendar.last_row(),
            Action::ToggleCalendar => self.calendar_focus = false,
            Action::ReplaceMeeting => self.ask_replace_meeting(),
            action if action.edits_selected() => self.tell(format!(
                "That key changes items: {} goes back to them",
                self.key_name(Action::ToggleCalendar)
            )),
            _ => return false,
        }
        true
    }

    /// Replaces the selected meeting, asking first whether to replace its whole series when
    /// it repeats.
    pub(super) fn ask_replace_meeting(&mut self) {
        let Some(meeting) = self.selected_meeting() else {
            return;
        };
        if meeting.recurring {
            self.mode = Mode::Confirm(Question::ReplaceSeries {
                week: self.week,
                index: self.calendar.selected(),
                start: meeting.start,
            });
        } else {
            self.replace_meeting();
        }
    }

    /// Plans a written update in place of every imported week of a series, as one change.
    pub(super) fn replace_series(&mut self, uid: &str) {
        let now = self.now_utc();
        let change = self.commit(|plan| ops::replace_series(plan, uid, now));
        if let Some(change) = change {
            let count = change.items.len();
            self.history.record(change);
            self.tell(format!(
                "Replaced the series with written updates in {}; {} brings it back",
                counted(count, "week"),
                self.key_name(Action::Undo)
            ));
        }
    }

    /// Plans a written update in place of the selected meeting; the meeting stays on the
    /// calendar but leaves the week's sync budget while the update is planned.
    pub(super) fn replace_meeting(&mut self) {
        let Some(meeting) = self.selected_meeting().cloned() else {
            return;
        };
        let now = self.now_utc();
        let key = meeting.key.clone();
        let sync_minutes =
            |plan: &Plan| crate::core::budget::plan_budget(plan, meeting.week).sync_minutes;
        let before = sync_minutes(&self.plan);
        // Checked on the freshest plan: another process may have acted meanwhile.
        let change = self.commit(|plan| ops::replace_meeting(plan, &key, now));
        if let Some(change) = change {
            let id = change.id();
            self.history.record(change);
            // Less than the meeting's length when it was double-booked with another.
            let back = before.saturating_sub(sync_minutes(&self.plan));
            let overlap = match back {
                0 => " (all of its time is booked by another meeting too)",
                back if back < meeting.minutes => {
                    " (the rest of its time is booked by another meeting too)"
                }
                _ => "",
            };
            self.tell(format!(
                "#{id} replaces it with a written update: {back} min back in the budget{overlap}"
            ));
        }
    }
}
