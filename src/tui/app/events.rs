//! Terminal events into actions: keys through the keymap, pastes, and mouse hit-testing.

use super::App;
use crate::tui::action::Action;
use crate::tui::event::Event;
use crate::tui::keymap::{Key, Scope};
use crate::tui::layout;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Position, Rect};

impl App {
    /// The action a key asks for in the current mode.
    pub fn action_for_key(&self, key: &KeyEvent) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        // Ctrl-C always quits, whatever the mode and the key config say.
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            return Some(Action::Quit);
        }
        let scope = self.mode.scope();
        if let Some(action) = self.keymap.action(scope, Key::of(key)) {
            return Some(action);
        }
        let typing = matches!(scope, Scope::Form | Scope::Filter);
        match key.code {
            KeyCode::Char(c)
                if typing
                    && !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(Action::Input(c))
            }
            _ => None,
        }
    }

    /// Handles one event at the terminal: keys, pastes and the mouse become actions for
    /// `update`; a resize and time passing refit the screen and look for changes on disk.
    pub fn handle(&mut self, event: Event) {
        match event {
            Event::Key(key) => {
                if let Some(action) = self.action_for_key(&key) {
                    self.update(action);
                }
            }
            Event::Paste(text) => self.paste(&text),
            Event::ScrollDown { column, row } => {
                let action = if self.over_panel(column, row) {
                    Action::PanelDown
                } else {
                    Action::Down
                };
                self.update(action);
            }
            Event::ScrollUp { column, row } => {
                let action = if self.over_panel(column, row) {
                    Action::PanelUp
                } else {
                    Action::Up
                };
                self.update(action);
            }
            Event::Click { column, row } => {
                if let Some(id) = self.item_at(column, row) {
                    self.update(Action::Select(id));
                }
            }
            Event::Resize { width, height } => {
                self.follow_clock();
                self.screen = Rect::new(0, 0, width, height);
                self.derive_view();
            }
            Event::Tick => {
                self.follow_clock();
                if let Some(said) = self.sync.finished() {
                    self.tell(said);
                }
                self.refresh();
                self.derive_view();
            }
        }
    }

    /// Whether a cell is on the recommendation panel.
    pub(super) fn over_panel(&self, column: u16, row: u16) -> bool {
        self.areas()
            .detail
            .is_some_and(|area| area.contains(Position::new(column, row)))
    }

    /// The item drawn at a cell of the items table, as the last view showed it.
    pub(super) fn item_at(&self, column: u16, row: u16) -> Option<u32> {
        if self.week_view {
            return None;
        }
        let list = layout::split_list(self.areas().list, self.view.calendar.len()).0;
        let first_row = list.y + layout::TABLE_TOP;
        let inside = list.contains(Position::new(column, row)) && row >= first_row;
        if !inside || row >= list.bottom().saturating_sub(1) {
            return None;
        }
        let index = self.items.offset() + usize::from(row - first_row);
        self.view.rows.get(index).map(|r| r.item.id)
    }
}
