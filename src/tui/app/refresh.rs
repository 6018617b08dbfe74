//! Refresh from the store: picking up other processes' saves, and refusing keys on what changed.

use super::App;
use crate::tui::action::Action;

impl App {
    /// Picks up changes another process saved since we last read or wrote the store. The
    /// selection follows the selected item's id (and the selected meeting's key); when
    /// that item or meeting is gone or no longer as the screen showed it, the next key
    /// that would edit it is refused with the reason, however late it comes.
    pub(super) fn refresh(&mut self) {
        // What the screen shows selected: the view was derived from this plan.
        let seen_item = self.selected_item().cloned();
        let seen_meeting = self.selected_meeting().cloned();
        match self.store.reload_if_changed(&self.version) {
            Ok(Some((plan, version))) => {
                self.plan = plan;
                self.version = version;
                if let Some(seen) = &seen_item {
                    let reason = match self.plan.item(seen.id) {
                        None => Some(format!("#{} was deleted by another process", seen.id)),
                        Some(now) if now != seen => {
                            Some(format!("#{} was changed by another process", seen.id))
                        }
                        Some(_) => None,
                    };
                    self.stale_item = self.stale_item.take().or(reason);
                }
                if let Some(seen) = &seen_meeting {
                    let reason = match self.plan.meetings.iter().find(|m| m.key == seen.key) {
                        None => Some(format!(
                            "the meeting '{}' was removed by another process",
                            seen.title
                        )),
                        Some(now) if now != seen => Some(format!(
                            "the meeting '{}' was changed by another process",
                            seen.title
                        )),
                        Some(_) => None,
                    };
                    self.stale_meeting = self.stale_meeting.take().or(reason);
                }
                self.reselect(seen_item.map(|i| i.id));
                self.fit_calendar();
                if let Some(key) = seen_meeting.map(|m| m.key)
                    && let Some(index) = self.meetings().iter().position(|m| m.key == key)
                {
                    self.calendar.select(index);
                }
            }
            Ok(None) => {}
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// Refuses an editing key when its target changed elsewhere since the screen showed
    /// it; returns whether it did. Telling once is enough: the next key acts on what the
    /// screen now shows.
    pub(super) fn refuse_stale(&mut self, action: Action) -> bool {
        let on_meeting = self.calendar_focus && action == Action::ReplaceMeeting;
        let on_item = !self.calendar_focus && action.edits_selected();
        let reason = if on_meeting {
            self.stale_meeting.take()
        } else if on_item {
            self.stale_item.take()
        } else {
            None
        };
        match reason {
            Some(reason) => {
                self.fail(format!(
                    "{reason}: nothing done; look again, then press the key again"
                ));
                true
            }
            None => false,
        }
    }

    /// The user chose the selection anew: what changed under the old one no longer matters.
    pub(super) fn forget_stale(&mut self, action: Action) {
        let moves = matches!(
            action,
            Action::Down
                | Action::Up
                | Action::First
                | Action::Last
                | Action::Select(_)
                | Action::PrevWeek
                | Action::NextWeek
                | Action::ThisWeek
                | Action::ToggleCalendar
        );
        if moves {
            if self.calendar_focus {
                self.stale_meeting = None;
            } else {
                self.stale_item = None;
            }
        }
    }
}
