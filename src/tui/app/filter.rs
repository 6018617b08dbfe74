//! The filter: typing narrows the shown items.

use super::App;
use crate::tui::action::Action;
use crate::tui::mode::Mode;

impl App {
    pub(super) fn update_filter(&mut self, action: Action) {
        match action {
            Action::Input(c) => self.filter.push(c),
            Action::DeleteBack => {
                self.filter.pop();
            }
            Action::Submit => self.mode = Mode::Normal,
            Action::Cancel => {
                self.filter.clear();
                self.mode = Mode::Normal;
            }
            _ => return,
        }
        self.items.reset();
    }
}
