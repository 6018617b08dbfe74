//! Everything the user can ask the TUI to do; keys become actions through the keymap, and
//! the mouse and pasted text become actions at the edge (`App::handle`).

use crate::core::Intent;

/// One thing the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    // Moving around the week.
    Down,
    Up,
    First,
    Last,
    PageDown,
    PageUp,
    /// Scroll the recommendation panel.
    PanelDown,
    PanelUp,
    /// Show the recommendation and the budget in place of the list, or the list again.
    ToggleZoom,
    PrevWeek,
    NextWeek,
    ThisWeek,
    // Changing the selected item.
    Add,
    Edit,
    CycleMedium,
    AcceptRecommendation,
    PickIntent,
    CycleHeat,
    MoreMinutes,
    FewerMinutes,
    PrevDay,
    NextDay,
    Bounce,
    ToggleDone,
    TogglePrivate,
    Delete,
    /// Remove every sample item (asks first).
    ClearSamples,
    Undo,
    Redo,
    Carry,
    Schedule,
    ExportBrief,
    // The calendar's meetings.
    ToggleCalendar,
    ReplaceMeeting,
    // The screens.
    ToggleWeekView,
    OpenReview,
    // The session.
    /// Sync the subscribed calendars in the background.
    SyncCalendars,
    Filter,
    Help,
    ToggleMouse,
    Quit,
    // Inside the intent picker.
    SetIntent(Intent),
    // Inside the form and the filter line.
    NextField,
    PrevField,
    Submit,
    Cancel,
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    DeleteBack,
    DeleteForward,
    ClearField,
    /// A character typed into a text field (not declared in the keymap).
    Input(char),
    // Answering a question.
    Confirm,
    /// The third answer of a series question: only this occurrence.
    ConfirmOne,
    /// Select the item with this id (a click on its row).
    Select(u32),
}

impl Action {
    /// Whether the action changes the selected item, so it must not run when another
    /// process has just moved the selection to a different item.
    pub fn edits_selected(self) -> bool {
        matches!(
            self,
            Action::Edit
                | Action::CycleMedium
                | Action::AcceptRecommendation
                | Action::PickIntent
                | Action::CycleHeat
                | Action::MoreMinutes
                | Action::FewerMinutes
                | Action::PrevDay
                | Action::NextDay
                | Action::Bounce
                | Action::ToggleDone
                | Action::TogglePrivate
                | Action::Delete
        )
    }
}
