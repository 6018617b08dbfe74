//! Navigation and selection: the shown week, its rows and meetings, the selected one.

use super::App;
use crate::core::week::IsoWeek;
use crate::core::{Item, Meeting};
use crate::tui::view::rows_of;

impl App {
    /// Shows another week, from its first item (for snapshots and the CLI's `--week`).
    pub fn show_week(&mut self, week: IsoWeek) {
        self.go_to_week(week);
        self.derive_view();
    }

    /// The items shown: this week's, ordered by day, narrowed by the filter.
    pub fn rows(&self) -> Vec<&Item> {
        rows_of(&self.plan, self.week, &self.filter)
    }

    /// The shown week's calendar meetings, in time order.
    pub fn meetings(&self) -> Vec<&Meeting> {
        self.plan.week_meetings(self.week)
    }

    /// The selected meeting, while the calendar has the focus.
    pub fn selected_meeting(&self) -> Option<&Meeting> {
        if !self.calendar_focus {
            return None;
        }
        self.meetings().get(self.calendar.selected()).copied()
    }

    /// The selected item, if the week has any.
    pub fn selected_item(&self) -> Option<&Item> {
        self.rows().get(self.items.selected()).copied()
    }

    pub(super) fn selected_id(&self) -> Option<u32> {
        self.selected_item().map(|i| i.id)
    }

    /// Selects the row of item `id` if it is still shown, else keeps the index in range.
    pub(super) fn reselect(&mut self, id: Option<u32>) {
        let found = id.and_then(|id| self.rows().iter().position(|i| i.id == id));
        self.fit_scroll();
        if let Some(index) = found {
            self.items.select(index);
        }
    }

    pub(super) fn select(&mut self, index: usize) {
        self.fit_scroll();
        self.items.select(index);
    }

    pub(super) fn go_to_week(&mut self, week: IsoWeek) {
        self.week = week;
        self.calendar.reset();
        self.fit_calendar();
        self.items.reset();
    }
}
