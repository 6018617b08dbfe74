//! The TUI's state and `update`, the one function that changes it. Every change to the plan
//! goes through the store at once, under its lock, on the freshest plan on disk. Terminal
//! events become actions in `handle`; after each, the `View` the screen draws is derived.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::action::Action;
use super::confirm::Question;
use super::event::Event;
use super::form::Form;
use super::help;
use super::history::{Change, History};
use super::keymap::{Key, Keymap, Scope};
use super::layout;
use super::list_state::ListState;
pub use super::mode::Mode;
use super::panel::{self, Subject};
use super::theme::Theme;
use super::view::{View, rows_of};
use crate::core::clock::Clock;
use crate::core::infer::Lexicon;
use crate::core::ops::{self, OpError, Tweak};
use crate::core::week::{Day, IsoWeek};
use crate::core::{Item, Meeting, Plan};
use crate::intents::LoadError;
use crate::store::{FileVersion, Store, StoreError};

/// How long a save from the TUI waits for another writer before it gives up and says so:
/// short, so that a key never freezes the screen behind a busy store.
pub const SAVE_WAIT: Duration = Duration::from_millis(200);

/// What the footer says when another writer held the store past [`SAVE_WAIT`].
pub const BUSY_MESSAGE: &str =
    "another syncwise is saving; your change was not saved, press the key again";

/// Why a change from the TUI was not saved: the operation refused it, or the store did.
#[derive(Debug, thiserror::Error)]
enum Refused {
    #[error("{}", refusal(.0))]
    Op(OpError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<OpError> for Refused {
    fn from(error: OpError) -> Refused {
        Refused::Op(error)
    }
}

/// A line of feedback in the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// The whole state of the TUI.
#[derive(Debug)]
pub struct App {
    pub store: Store,
    pub plan: Plan,
    version: FileVersion,
    pub clock: Clock,
    live_clock: bool,
    pub week: IsoWeek,
    /// The selected row among the shown items, and the first one on screen.
    pub items: ListState,
    pub mode: Mode,
    /// Whether the keys move through the calendar's meetings rather than the items.
    pub calendar_focus: bool,
    /// Whether the week grid shows in place of the list (same selection, same keys).
    pub week_view: bool,
    /// The selected meeting of the week, and the first one on screen.
    pub calendar: ListState,
    /// How far the help overlay is scrolled, in lines.
    pub help: ListState,
    /// How far the recommendation panel is scrolled, in lines (kept in range on update).
    pub panel_scroll: u16,
    /// Whether the recommendation and the budget take the list's place (`z`).
    pub zoom: bool,
    pub filter: String,
    pub history: History,
    pub message: Option<Message>,
    pub mouse_captured: bool,
    pub quit: bool,
    /// Text to put on the terminal's clipboard (OSC 52) after this update.
    pub clipboard: Option<String>,
    pub keymap: Keymap,
    /// The word lists that read a new item's intent from its title (`intents.conf`).
    pub lexicon: Arc<Lexicon>,
    pub theme: Theme,
    /// The terminal's size, for layout-dependent scrolling and mouse hits.
    pub screen: Rect,
    /// What the screen shows, derived after every update.
    pub view: View,
    /// The calendar sync running in the background, if any.
    pub sync: super::sync::Background,
    /// The header's line on the subscribed calendars, derived with the view.
    pub calendars_line: String,
    /// Why the next key that edits the selected item is refused: the item the screen
    /// showed selected was deleted or changed by another process since. Cleared when the
    /// user moves the selection or has been told.
    stale_item: Option<String>,
    /// The same for the selected meeting of the calendar.
    stale_meeting: Option<String>,
}

impl App {
    /// A TUI on a store, showing the clock's week. With `live_clock`, "now" follows the
    /// system clock; otherwise it stays as given (for pinned runs and tests). A store that
    /// cannot be read is an error: the TUI never starts on, or writes over, a bad store. So
    /// is a bad line in the user's `intents.conf` beside the store.
    pub fn open(
        store: Store,
        clock: Clock,
        live_clock: bool,
        keymap: Keymap,
        theme: Theme,
    ) -> Result<App, LoadError> {
        let store = store.with_wait(SAVE_WAIT);
        let (plan, version) = store.load_versioned()?;
        let lexicon = Arc::new(crate::intents::lexicon_for(&store)?.into_owned());
        let week = clock.this_week();
        let view = View::derive(&plan, week, &clock, "", &Mode::Normal);
        let mut app = App {
            store,
            plan,
            version,
            week,
            clock,
            live_clock,
            items: ListState::default(),
            mode: Mode::Normal,
            calendar_focus: false,
            week_view: false,
            calendar: ListState::default(),
            help: ListState::default(),
            panel_scroll: 0,
            zoom: false,
            filter: String::new(),
            history: History::default(),
            message: None,
            mouse_captured: true,
            quit: false,
            clipboard: None,
            keymap,
            lexicon,
            theme,
            screen: Rect::new(0, 0, 120, 40),
            view,
            sync: super::sync::Background::default(),
            calendars_line: String::new(),
            stale_item: None,
            stale_meeting: None,
        };
        app.fit_lists();
        Ok(app)
    }

    /// Derives the view of the state as it is now, and fits every list to it.
    fn derive_view(&mut self) {
        self.view = View::derive(&self.plan, self.week, &self.clock, &self.filter, &self.mode);
        self.calendars_line =
            super::sync::status_line(&self.plan.calendars, self.sync.is_running(), &self.clock);
        self.fit_lists();
    }

    /// Where each part of the main screen goes now.
    pub fn areas(&self) -> layout::Areas {
        layout::areas(self.screen, self.zoom)
    }

    /// Keeps each list's selection and scroll inside its length and its room on screen.
    fn fit_lists(&mut self) {
        self.fit_scroll();
        self.fit_calendar();
        self.fit_panel();
        let (lines, rows) = help::page(&self.keymap, self.screen);
        self.help.resize(lines, rows);
    }

    /// What the recommendation panel is about: the selected meeting or item.
    fn panel_subject(&self) -> Subject {
        if self.calendar_focus {
            Subject::Meeting(self.calendar.selected())
        } else {
            Subject::Item(self.items.selected())
        }
    }

    /// The furthest the panel scrolls: its wrapped lines past its inside height.
    fn panel_max_scroll(&self) -> u16 {
        let Some(area) = self.areas().detail else {
            return 0;
        };
        let inner = Block::new().borders(Borders::ALL).inner(area);
        let lines = panel::lines(&self.view, &self.keymap, &self.theme, self.panel_subject());
        let total = Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .line_count(inner.width);
        u16::try_from(total.saturating_sub(usize::from(inner.height))).unwrap_or(u16::MAX)
    }

    fn fit_panel(&mut self) {
        self.panel_scroll = self.panel_scroll.min(self.panel_max_scroll());
    }

    /// Scrolls the panel by half its height, down or up.
    fn scroll_panel(&mut self, down: bool) {
        let Some(area) = self.areas().detail else {
            self.tell(format!(
                "The recommendation is hidden on this screen: {} shows it",
                self.key_name(Action::ToggleZoom)
            ));
            return;
        };
        let step = (area.height.saturating_sub(2) / 2).max(1);
        self.panel_scroll = if down {
            self.panel_scroll
                .saturating_add(step)
                .min(self.panel_max_scroll())
        } else {
            self.panel_scroll.saturating_sub(step)
        };
    }

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

    /// Where the items table is drawn, beside the calendar pane when there is one.
    fn items_area(&self) -> Rect {
        layout::split_list(self.areas().list, self.meetings().len()).0
    }

    /// Whether the calendar pane is on screen (it needs meetings and room).
    fn calendar_shown(&self) -> bool {
        layout::split_list(self.areas().list, self.meetings().len())
            .1
            .is_some()
    }

    /// Keeps the calendar focus and selection valid after the week, the plan or the screen
    /// changed.
    fn fit_calendar(&mut self) {
        let count = self.meetings().len();
        let pane = layout::split_list(self.areas().list, count).1;
        self.calendar
            .resize(count, pane.map_or(1, layout::list_rows));
        self.calendar_focus = self.calendar_focus && pane.is_some();
    }

    /// The selected item, if the week has any.
    pub fn selected_item(&self) -> Option<&Item> {
        self.rows().get(self.items.selected()).copied()
    }

    fn selected_id(&self) -> Option<u32> {
        self.selected_item().map(|i| i.id)
    }

    fn now_utc(&self) -> DateTime<Utc> {
        if self.live_clock {
            Utc::now()
        } else {
            self.clock.utc
        }
    }

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
    fn over_panel(&self, column: u16, row: u16) -> bool {
        self.areas()
            .detail
            .is_some_and(|area| area.contains(Position::new(column, row)))
    }

    /// The item drawn at a cell of the items table, as the last view showed it.
    fn item_at(&self, column: u16, row: u16) -> Option<u32> {
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

    fn follow_clock(&mut self) {
        if self.live_clock {
            self.clock = crate::env::system_clock();
        }
    }

    fn tell(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    fn fail(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// Starts syncing the subscribed calendars on a background thread (this week and the
    /// next three); the store's change reaches the screen at the next refresh. Does
    /// nothing without subscriptions or while a sync runs.
    pub fn start_sync(&mut self) -> bool {
        if self.plan.calendars.is_empty() || self.sync.is_running() {
            return false;
        }
        let ask = crate::net::sync::SyncRequest {
            only: None,
            first: self.clock.this_week(),
            weeks: crate::net::sync::DEFAULT_WEEKS,
            zone: crate::net::sync::default_zone(&self.plan.settings),
            now: self.now_utc(),
        };
        self.sync.start(&self.store, ask)
    }

    /// Picks up changes another process saved since we last read or wrote the store. The
    /// selection follows the selected item's id (and the selected meeting's key); when
    /// that item or meeting is gone or no longer as the screen showed it, the next key
    /// that would edit it is refused with the reason, however late it comes.
    fn refresh(&mut self) {
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
    fn refuse_stale(&mut self, action: Action) -> bool {
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
    fn forget_stale(&mut self, action: Action) {
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

    /// Selects the row of item `id` if it is still shown, else keeps the index in range.
    fn reselect(&mut self, id: Option<u32>) {
        let found = id.and_then(|id| self.rows().iter().position(|i| i.id == id));
        self.fit_scroll();
        if let Some(index) = found {
            self.items.select(index);
        }
    }

    /// Fits the items list to the rows and the room on screen, keeping the selection shown.
    fn fit_scroll(&mut self) {
        let visible = layout::list_rows(self.items_area());
        self.items.resize(self.rows().len(), visible);
    }

    fn select(&mut self, index: usize) {
        self.fit_scroll();
        self.items.select(index);
    }

    /// Saves one change to the plan: `op`, a core operation, runs on the freshest plan
    /// under the store lock and returns the change it made, which goes into the undo
    /// history. A store busy past [`SAVE_WAIT`] is reported at once: the key path never
    /// blocks long.
    fn commit(&mut self, op: impl FnOnce(&mut Plan) -> Result<Change, OpError>) -> Option<Change> {
        match self.store.transact(|plan| op(plan).map_err(Refused::Op)) {
            Ok(committed) => {
                self.plan = committed.plan;
                self.version = committed.version;
                Some(committed.value)
            }
            Err(Refused::Op(OpError::ItemChanged(id))) => {
                // The screen showed #id otherwise: show it as it is now, and say so.
                self.refresh();
                self.stale_item = None;
                self.fail(format!(
                    "#{id} was changed by another process: nothing done; look again, then press the key again"
                ));
                None
            }
            Err(e) => {
                self.fail_save(&e);
                None
            }
        }
    }

    /// Says why a save failed; a busy store in words that say what to do.
    fn fail_save(&mut self, error: &Refused) {
        match error {
            Refused::Store(StoreError::Busy { .. }) => self.fail(BUSY_MESSAGE),
            other => self.fail(other.to_string()),
        }
    }

    /// Changes the selected item, if it is still on disk as the screen shows it, and
    /// records the change for undo.
    fn change_selected(&mut self, what: impl Fn(&Item) -> String, tweak: Tweak) {
        match self.selected_item().cloned() {
            Some(seen) => self.change_item(seen.id, what, tweak, Some(seen)),
            None => self.tell(self.nothing_selected()),
        }
    }

    /// The first key bound to a week-view action, for messages ("press a").
    pub fn key_name(&self, action: Action) -> String {
        self.keymap
            .key_for(Scope::Normal, action)
            .map_or_else(|| "?".to_string(), |k| k.to_string())
    }

    fn nothing_selected(&self) -> String {
        format!(
            "No item selected: press {} to add one",
            self.key_name(Action::Add)
        )
    }

    /// Changes one item and records the change for undo. With `seen`, the item must still
    /// be exactly that on disk, under the lock, or nothing is changed.
    fn change_item(
        &mut self,
        id: u32,
        what: impl Fn(&Item) -> String,
        tweak: Tweak,
        seen: Option<Item>,
    ) {
        let now = self.now_utc();
        self.patch_item(id, what, seen, |plan| ops::tweak(plan, id, tweak, now));
    }

    /// Runs `op` on item `id`, records it for undo and says the item's new value. With
    /// `seen`, the item must still be exactly that on disk, under the lock, or nothing is
    /// changed.
    fn patch_item(
        &mut self,
        id: u32,
        what: impl Fn(&Item) -> String,
        seen: Option<Item>,
        op: impl FnOnce(&mut Plan) -> Result<Change, OpError>,
    ) {
        let change = self.commit(|plan| {
            if let Some(seen) = &seen
                && plan.item(id) != Some(seen)
            {
                return Err(match plan.item(id) {
                    None => OpError::NoItem(id),
                    Some(_) => OpError::ItemChanged(id),
                });
            }
            op(plan)
        });
        if let Some(change) = change {
            self.history.record(change);
            let text = self.plan.item(id).map_or_else(
                || format!("#{id} changed"),
                |i| format!("#{id} {}", what(i)),
            );
            self.tell(text);
            self.reselect(Some(id));
        }
    }

    /// Makes the selected item private, or shared again.
    fn toggle_private(&mut self) {
        let Some(item) = self.selected_item() else {
            self.tell(self.nothing_selected());
            return;
        };
        let id = item.id;
        let seen = item.clone();
        let patch = crate::core::patch::ItemPatch {
            private: Some(!item.private),
            ..Default::default()
        };
        let now = self.now_utc();
        self.patch_item(id, describe_private, Some(seen), |plan| {
            ops::patch(plan, id, &patch, now)
        });
    }

    /// Puts the items of a change in their `after` state, if they are all still as
    /// `before` left them; otherwise changes nothing.
    fn apply_history(&mut self, change: &Change) -> Result<(), Refused> {
        let committed = self
            .store
            .transact(|plan| ops::apply(plan, change).map_err(Refused::Op))?;
        self.plan = committed.plan;
        self.version = committed.version;
        if let Some(item) = change.items_after().next() {
            self.week = item.week;
        }
        self.reselect(Some(change.id()));
        Ok(())
    }

    /// Handles one action of the user, then derives the view of the new state. This is the
    /// only place the state changes.
    pub fn update(&mut self, action: Action) {
        let subject = (self.week, self.panel_subject());
        self.apply(action);
        // Another item or meeting starts its panel from the top.
        if subject != (self.week, self.panel_subject()) {
            self.panel_scroll = 0;
        }
        self.derive_view();
    }

    fn apply(&mut self, action: Action) {
        self.follow_clock();
        if matches!(self.mode, Mode::Normal) {
            self.message = None;
        }
        self.refresh();
        if self.mode == Mode::Normal {
            if self.refuse_stale(action) {
                return;
            }
            self.forget_stale(action);
        }
        // Quitting works from every mode: every change is already saved.
        if action == Action::Quit {
            self.quit = true;
            return;
        }
        match self.mode.clone() {
            Mode::Normal => self.update_normal(action),
            Mode::Help => match action {
                Action::Down => self.help.scroll_by(1),
                Action::Up => self.help.scroll_by(-1),
                Action::Cancel => self.mode = Mode::Normal,
                _ => {}
            },
            Mode::Picker(id) => match action {
                Action::SetIntent(intent) => {
                    self.mode = Mode::Normal;
                    self.change_item(
                        id,
                        |i| format!("intent: {}", i.intent),
                        Tweak::SetIntent(intent),
                        None,
                    );
                }
                Action::Cancel => self.mode = Mode::Normal,
                _ => {}
            },
            Mode::Confirm(question) => match action {
                Action::Confirm => {
                    self.mode = Mode::Normal;
                    match question {
                        Question::Delete(id) => self.delete(id),
                        Question::Carry { from, to, .. } => self.carry(from, to),
                        Question::ClearSamples { .. } => self.clear_samples(),
                        Question::ReplaceSeries { .. } => match question.meeting(&self.plan) {
                            Some(m) => {
                                let uid = m.uid.clone();
                                self.replace_series(&uid);
                            }
                            None => self.fail("The calendar changed meanwhile; nothing replaced"),
                        },
                    }
                }
                Action::ConfirmOne if question.has_one() => {
                    self.mode = Mode::Normal;
                    if question.meeting(&self.plan).is_some() {
                        self.replace_meeting();
                    } else {
                        self.fail("The calendar changed meanwhile; nothing replaced");
                    }
                }
                Action::Cancel => {
                    self.mode = Mode::Normal;
                    self.tell(question.declined());
                }
                _ => {}
            },
            Mode::Filter => self.update_filter(action),
            Mode::Form(form) => self.update_form(form, action),
            Mode::Review => {
                if matches!(action, Action::Cancel | Action::OpenReview) {
                    self.mode = Mode::Normal;
                }
            }
        }
    }

    /// Keys while the calendar has the focus; returns whether the key was for it.
    fn update_calendar(&mut self, action: Action) -> bool {
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
    fn ask_replace_meeting(&mut self) {
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
    fn replace_series(&mut self, uid: &str) {
        let now = self.now_utc();
        let change = self.commit(|plan| ops::replace_series(plan, uid, now));
        if let Some(change) = change {
            let count = change.items.len();
            self.history.record(change);
            let weeks = if count == 1 { "week" } else { "weeks" };
            self.tell(format!(
                "Replaced the series with written updates in {count} {weeks}; {} brings it back",
                self.key_name(Action::Undo)
            ));
        }
    }

    /// Plans a written update in place of the selected meeting; the meeting stays on the
    /// calendar but leaves the week's sync budget while the update is planned.
    fn replace_meeting(&mut self) {
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

    fn update_normal(&mut self, action: Action) {
        if self.calendar_focus && self.update_calendar(action) {
            return;
        }
        match action {
            Action::ToggleCalendar => {
                if self.meetings().is_empty() {
                    self.tell(
                        "No calendar meetings this week: `syncwise import FILE.ics` brings them in",
                    );
                } else if !self.calendar_shown() {
                    self.tell("The screen is too small to show the calendar");
                } else {
                    self.calendar_focus = true;
                    self.fit_calendar();
                }
            }
            Action::Down => self.select(self.items.selected().saturating_add(1)),
            Action::Up => self.select(self.items.selected().saturating_sub(1)),
            Action::First => self.select(0),
            Action::Last => self.select(usize::MAX),
            Action::Select(id) => {
                if let Some(index) = self.rows().iter().position(|i| i.id == id) {
                    self.calendar_focus = false;
                    self.select(index);
                }
            }
            Action::SyncCalendars => {
                if self.plan.calendars.is_empty() {
                    self.tell("No calendars subscribed: `syncwise calendar add NAME URL` adds one");
                } else if !self.start_sync() {
                    self.tell("A calendar sync is already running");
                } else {
                    self.tell("Syncing the calendars in the background…");
                }
            }
            Action::PrevWeek => self.go_to_week(self.week.prev()),
            Action::NextWeek => self.go_to_week(self.week.next()),
            Action::ThisWeek => self.go_to_week(self.clock.this_week()),
            Action::Add => {
                let day = self.clock.default_day(self.week);
                let mut blank = Item::new(0, "", self.week, day, self.now_utc());
                blank.adopt_intent(blank.intent, &self.plan.settings);
                let mut form = Form::from_item(&blank, None);
                form.follow_title(self.lexicon(), &self.plan.settings);
                self.mode = Mode::Form(Box::new(form));
            }
            Action::Edit => match self.selected_item() {
                Some(item) => {
                    self.mode = Mode::Form(Box::new(Form::from_item(item, Some(item.id))))
                }
                None => self.tell(self.nothing_selected()),
            },
            Action::CycleMedium => {
                self.change_selected(|i| format!("medium: {}", i.medium), Tweak::CycleMedium)
            }
            Action::AcceptRecommendation => self.change_selected(
                |_| "follows the recommendation".to_string(),
                Tweak::FollowRecommendation,
            ),
            Action::PickIntent => match self.selected_id() {
                Some(id) => self.mode = Mode::Picker(id),
                None => self.tell(self.nothing_selected()),
            },
            Action::CycleHeat => {
                self.change_selected(|i| format!("heat: {}", i.heat), Tweak::CycleHeat)
            }
            Action::MoreMinutes => {
                self.change_selected(|i| format!("{} min", i.minutes), Tweak::MoreMinutes)
            }
            Action::FewerMinutes => {
                self.change_selected(|i| format!("{} min", i.minutes), Tweak::FewerMinutes)
            }
            Action::PrevDay => {
                self.change_selected(|i| format!("moved to {}", i.day), Tweak::PrevDay)
            }
            Action::NextDay => {
                self.change_selected(|i| format!("moved to {}", i.day), Tweak::NextDay)
            }
            Action::Bounce => self.change_selected(
                |i| match i.exchanges {
                    1 => "1 exchange".to_string(),
                    n => format!("{n} exchanges"),
                },
                Tweak::Bounce,
            ),
            Action::ToggleDone => self.change_selected(
                |i| match i.status {
                    crate::core::Status::Open => "open again".to_string(),
                    other => other.to_string(),
                },
                Tweak::ToggleDone,
            ),
            Action::TogglePrivate => self.toggle_private(),
            Action::ClearSamples => self.ask_clear_samples(),
            Action::PageDown => {
                self.select(self.items.selected().saturating_add(self.items.visible()))
            }
            Action::PageUp => {
                self.select(self.items.selected().saturating_sub(self.items.visible()))
            }
            Action::PanelDown => self.scroll_panel(true),
            Action::PanelUp => self.scroll_panel(false),
            Action::ToggleZoom => self.zoom = !self.zoom,
            Action::ReplaceMeeting => self.tell(format!(
                "{} replaces a calendar meeting: {} moves to the calendar first",
                self.key_name(Action::ReplaceMeeting),
                self.key_name(Action::ToggleCalendar)
            )),
            Action::Delete => match self.selected_id() {
                Some(id) => self.mode = Mode::Confirm(Question::Delete(id)),
                None => self.tell(self.nothing_selected()),
            },
            Action::Undo => match self.history.peek_undo().cloned() {
                Some(change) => match self.apply_history(&change.inverted()) {
                    Ok(()) => {
                        self.history.undo_done();
                        self.tell(format!("Undid a change to {}", change.describe()));
                    }
                    Err(Refused::Op(e)) => {
                        self.history.forget_undo();
                        self.fail(format!(
                            "{}: that change cannot be undone and was forgotten",
                            refusal(&e)
                        ));
                    }
                    Err(e) => self.fail_save(&e),
                },
                None => self.tell("Nothing to undo in this session"),
            },
            Action::Redo => match self.history.peek_redo().cloned() {
                Some(change) => match self.apply_history(&change) {
                    Ok(()) => {
                        self.history.redo_done();
                        self.tell(format!("Redid a change to {}", change.describe()));
                    }
                    Err(Refused::Op(e)) => {
                        self.history.forget_redo();
                        self.fail(format!(
                            "{}: that change cannot be redone and was forgotten",
                            refusal(&e)
                        ));
                    }
                    Err(e) => self.fail_save(&e),
                },
                None => self.tell("Nothing to redo"),
            },
            Action::Carry => self.ask_carry(),
            Action::Schedule => self.schedule(),
            Action::ExportBrief => self.export_brief(),
            Action::ToggleWeekView => self.week_view = !self.week_view,
            Action::OpenReview => self.mode = Mode::Review,
            Action::Filter => self.mode = Mode::Filter,
            Action::Help => {
                self.help.reset();
                self.mode = Mode::Help;
            }
            Action::ToggleMouse => {
                self.mouse_captured = !self.mouse_captured;
                let message = if self.mouse_captured {
                    "Mouse on: click selects, the wheel scrolls".to_string()
                } else {
                    format!(
                        "Mouse released: select text with it; press {} to take it back",
                        self.key_name(Action::ToggleMouse)
                    )
                };
                self.tell(message);
            }
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    /// Asks before bringing the open items of the week before the shown one into it.
    fn ask_carry(&mut self) {
        let (from, to) = (self.week.prev(), self.week);
        let count = crate::core::carry::carriable(&self.plan, from).count();
        if count == 0 {
            self.tell(format!("Nothing open in {from} to carry"));
        } else {
            self.mode = Mode::Confirm(Question::Carry { from, to, count });
        }
    }

    /// Asks before removing every sample item.
    fn ask_clear_samples(&mut self) {
        let count = self.plan.items.iter().filter(|i| i.sample).count();
        if count == 0 {
            self.tell("No sample items left: the plan holds only your own");
        } else {
            self.mode = Mode::Confirm(Question::ClearSamples { count });
        }
    }

    /// Removes every sample item as one change, undone with one key.
    fn clear_samples(&mut self) {
        let change = self.commit(ops::clear_samples);
        if let Some(change) = change {
            let count = change.items.len();
            self.history.record(change);
            let items = if count == 1 { "item" } else { "items" };
            self.tell(format!(
                "Removed {count} sample {items}; {} brings them back",
                self.key_name(Action::Undo)
            ));
            self.reselect(None);
        }
    }

    /// Moves the open items of `from` into `to` as one change, undone with one key.
    fn carry(&mut self, from: IsoWeek, to: IsoWeek) {
        let now = self.now_utc();
        let change = self.commit(|plan| ops::carry(plan, from, to, now));
        if let Some(change) = change {
            let count = change.items.len();
            self.history.record(change);
            let items = if count == 1 { "item" } else { "items" };
            self.tell(format!("Carried {count} open {items} from {from}"));
            self.reselect(None);
        }
    }

    /// Gives the shown week's open syncs a start (`core::ops::schedule`), undone with one key.
    fn schedule(&mut self) {
        let (week, local, utc) = (self.week, self.clock.local, self.now_utc());
        let mut proposal = None;
        let change = self.commit(|plan| {
            let (change, schedule) = ops::schedule(plan, week, local, utc)?;
            proposal = Some(schedule);
            Ok(change)
        });
        if let (Some(change), Some(schedule)) = (change, proposal) {
            let placed = schedule.placed().count();
            let left = schedule.proposals.len() - placed;
            if !change.is_noop() {
                self.history.record(change);
            }
            self.tell(match left {
                0 => format!("Scheduled {placed} syncs in {week}"),
                _ => format!(
                    "Scheduled {placed} syncs in {week}; {left} found no slot (`syncwise schedule` says why)"
                ),
            });
        }
    }

    /// Writes the shown week's brief beside the store and offers it to the clipboard.
    fn export_brief(&mut self) {
        let markdown =
            crate::core::brief::brief(&self.plan, self.week, self.clock.local).to_markdown();
        match self
            .store
            .write_document("briefs", &format!("{}.md", self.week), &markdown)
        {
            Ok(path) => {
                self.tell(format!(
                    "Brief written to {}; sent to the clipboard where the terminal allows (OSC 52)",
                    path.display()
                ));
                self.clipboard = Some(markdown);
            }
            Err(e) => self.fail(e.to_string()),
        }
    }

    fn go_to_week(&mut self, week: IsoWeek) {
        self.week = week;
        self.calendar.reset();
        self.fit_calendar();
        self.items.reset();
    }

    fn delete(&mut self, id: u32) {
        let change = self.commit(|plan| ops::delete(plan, id));
        if let Some(change) = change {
            self.history.record(change);
            self.tell(format!(
                "Deleted #{id}; {} brings it back",
                self.key_name(Action::Undo)
            ));
            self.reselect(None);
        }
    }

    fn update_filter(&mut self, action: Action) {
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

    /// The word lists the form reads intents from titles with: the user's.
    fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    fn update_form(&mut self, mut form: Box<Form>, action: Action) {
        self.message = None;
        match action {
            Action::Cancel => {
                self.mode = Mode::Normal;
                self.tell("Nothing saved");
                return;
            }
            Action::Submit => {
                self.submit_form(form);
                return;
            }
            Action::NextField => form.next_field(),
            Action::PrevField => form.prev_field(),
            action => {
                if let Some(text) = form.act(action) {
                    self.fail(text);
                }
            }
        }
        form.follow_title(self.lexicon(), &self.plan.settings);
        self.mode = Mode::Form(form);
    }

    /// Pastes text as one insertion: into the focused field of the form (cut at its limit,
    /// with a message), at the end of the filter, and nowhere else, so a paste never runs
    /// commands. However long the text, this is one update and one redraw.
    pub fn paste(&mut self, text: &str) {
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Form(mut form) => {
                let pasted = form.paste(text);
                form.follow_title(self.lexicon(), &self.plan.settings);
                self.mode = Mode::Form(form);
                self.message = pasted.map(|p| Message {
                    text: p.text,
                    error: p.error,
                });
            }
            Mode::Filter => {
                self.mode = Mode::Filter;
                let room = FILTER_LIMIT.saturating_sub(self.filter.chars().count());
                let clean = crate::core::sanitize::sanitize(text);
                self.filter.extend(clean.chars().take(room));
                self.items.reset();
            }
            other => {
                self.mode = other;
                return;
            }
        }
        self.derive_view();
    }

    fn submit_form(&mut self, mut form: Box<Form>) {
        let Some(patch) = form.validate() else {
            self.mode = Mode::Form(form);
            return;
        };
        let now = self.now_utc();
        let week = self.week;
        let target = form.target;
        let lexicon = Arc::clone(&self.lexicon);
        let change = self.commit(|plan| match target {
            Some(id) => ops::patch(plan, id, &patch, now),
            None => {
                // An intent left to follow the title is the draft's to infer and record.
                let item = ops::draft(&plan.settings, &lexicon, week, Day::Mon, &patch, now)?;
                ops::add(plan, item)
            }
        });
        match change {
            Some(change) => {
                let id = change.id();
                self.history.record(change);
                self.mode = Mode::Normal;
                self.filter.clear();
                self.tell(if target.is_some() {
                    format!("Saved #{id}")
                } else {
                    format!("Added #{id}")
                });
                self.stale_item = None;
                self.reselect(Some(id));
            }
            None => self.mode = Mode::Form(form),
        }
    }
}

/// What the footer says after the private key.
fn describe_private(item: &Item) -> String {
    if item.private {
        "private: kept out of the brief and invites".to_string()
    } else {
        "shared: in the brief".to_string()
    }
}

/// The longest filter a paste makes, in characters.
const FILTER_LIMIT: usize = 200;

/// What the TUI says when an operation refuses: an item that is gone was deleted by
/// another process, since this one showed it.
fn refusal(error: &OpError) -> String {
    match error {
        OpError::NoItem(id) => format!("item #{id} was deleted elsewhere"),
        other => other.to_string(),
    }
}
