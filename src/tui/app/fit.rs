//! Fitting the lists and the recommendation panel to the screen and to the view.

use super::App;
use crate::tui::action::Action;
use crate::tui::help;
use crate::tui::layout;
use crate::tui::mode::Mode;
use crate::tui::panel::{self, Subject};
use crate::tui::recommendation::{PanelView, Shown};
use crate::tui::view::View;
use ratatui::layout::Rect;

impl App {
    /// Derives the view of the state as it is now, and fits every list to it.
    pub(super) fn derive_view(&mut self) {
        self.view = View::derive(
            &self.plan,
            self.week,
            &self.clock,
            &self.filter,
            &self.mode,
            self.sync.is_running(),
        );
        self.fit_lists();
    }

    /// Where each part of the main screen goes now.
    pub fn areas(&self) -> layout::Areas {
        layout::areas(self.screen, self.zoom)
    }

    /// Keeps each list's selection and scroll inside its length and its room on screen.
    pub(super) fn fit_lists(&mut self) {
        self.fit_scroll();
        self.fit_calendar();
        self.fit_panel();
        // The help page is laid out only while it is open: it does not change otherwise.
        if self.mode == Mode::Help {
            let (lines, rows) = help::page(&self.keymap, self.screen);
            self.help.resize(lines, rows);
        }
    }

    /// What the recommendation panel is about: the selected meeting or item.
    pub(super) fn panel_subject(&self) -> Subject {
        if self.calendar_focus {
            Subject::Meeting(self.calendar.selected())
        } else {
            Subject::Item(self.items.selected())
        }
    }

    /// Wraps and frames the panel for the selection, its scroll kept inside its text.
    pub(super) fn fit_panel(&mut self) {
        let down_key = self.key_name(Action::PanelDown);
        let subject = self.panel_subject();
        let shown = match subject {
            Subject::Item(row) => self
                .view
                .rows
                .get(row)
                .map_or(Shown::Nothing, |r| Shown::Item(self.week, r.item.id)),
            Subject::Meeting(index) => self.view.calendar.get(index).map_or(Shown::Nothing, |m| {
                Shown::Meeting(self.week, m.meeting.key.clone())
            }),
        };
        self.panel = PanelView::new(
            panel::lines(&self.view, &self.keymap, &self.theme, subject),
            self.areas().detail,
            (shown, &self.panel),
            &self.theme,
            &down_key,
        );
    }

    /// Scrolls the panel by half its height, down or up.
    pub(super) fn scroll_panel(&mut self, down: bool) {
        let Some(area) = self.areas().detail else {
            self.tell(format!(
                "The recommendation is hidden on this screen: {} shows it",
                self.key_name(Action::ToggleZoom)
            ));
            return;
        };
        let step = (area.height.saturating_sub(2) / 2).max(1);
        self.panel.scroll_by(step, down);
    }

    /// Where the items table is drawn, beside the calendar pane when there is one.
    pub(super) fn items_area(&self) -> Rect {
        layout::split_list(self.areas().list, self.meetings().len()).0
    }

    /// Whether the calendar pane is on screen (it needs meetings and room).
    pub(super) fn calendar_shown(&self) -> bool {
        layout::split_list(self.areas().list, self.meetings().len())
            .1
            .is_some()
    }

    /// Keeps the calendar focus and selection valid after the week, the plan or the screen
    /// changed.
    pub(super) fn fit_calendar(&mut self) {
        let count = self.meetings().len();
        let pane = layout::split_list(self.areas().list, count).1;
        self.calendar
            .resize(count, pane.map_or(1, layout::list_rows));
        self.calendar_focus = self.calendar_focus && pane.is_some();
    }

    /// Fits the items list to the rows and the room on screen, keeping the selection shown.
    pub(super) fn fit_scroll(&mut self) {
        let visible = layout::list_rows(self.items_area());
        self.items.resize(self.rows().len(), visible);
    }
}
