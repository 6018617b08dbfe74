//! The TUI's state and `update`, the one function that changes it. Every change to the plan
//! goes through the store at once, under its lock, on the freshest plan on disk.

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::{KeyCode, MouseButton, MouseEvent, MouseEventKind};
use ratatui::crossterm::event::{KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::form::{FieldKind, Form};
use super::history::{Change, History, ItemChange};
use super::keymap::{Key, Keymap, Scope};
use super::layout;
use super::theme::Theme;
use crate::core::clock::Clock;
use crate::core::week::{Day, IsoWeek};
use crate::core::{ChosenMedium, Item, MAX_MINUTES, Meeting, Plan, Status};
use crate::store::{Stamp, Store, StoreError};

/// What the TUI is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Help,
    /// Picking the intent of the item with this id.
    Picker(u32),
    Form(Form),
    Filter,
    /// Asking whether to delete the item with this id.
    Confirm(u32),
    /// Asking whether to carry `count` open items from one week into another.
    ConfirmCarry {
        from: IsoWeek,
        to: IsoWeek,
        count: usize,
    },
}

impl Mode {
    /// The keymap scope of this mode.
    pub fn scope(&self) -> Scope {
        match self {
            Mode::Normal => Scope::Normal,
            Mode::Help => Scope::Help,
            Mode::Picker(_) => Scope::Picker,
            Mode::Form(_) => Scope::Form,
            Mode::Filter => Scope::Filter,
            Mode::Confirm(_) | Mode::ConfirmCarry { .. } => Scope::Confirm,
        }
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
    stamp: Stamp,
    pub clock: Clock,
    live_clock: bool,
    pub week: IsoWeek,
    /// Index of the selected row among the visible rows.
    pub selected: usize,
    /// Index of the first visible row.
    pub scroll: usize,
    pub mode: Mode,
    /// Whether the keys move through the calendar's meetings rather than the items.
    pub calendar_focus: bool,
    /// Index of the selected meeting of the week.
    pub meeting_selected: usize,
    /// How far the help overlay is scrolled, in lines.
    pub help_scroll: u16,
    pub filter: String,
    pub history: History,
    pub message: Option<Message>,
    pub mouse_captured: bool,
    pub quit: bool,
    /// Text to put on the terminal's clipboard (OSC 52) after this update.
    pub clipboard: Option<String>,
    pub keymap: Keymap,
    pub theme: Theme,
    /// The terminal's size, for layout-dependent scrolling and mouse hits.
    pub screen: Rect,
}

impl App {
    /// A TUI on a store, showing the clock's week. With `live_clock`, "now" follows the
    /// system clock; otherwise it stays as given (for pinned runs and tests). A store that
    /// cannot be read is an error: the TUI never starts on, or writes over, a bad store.
    pub fn open(
        store: Store,
        clock: Clock,
        live_clock: bool,
        keymap: Keymap,
        theme: Theme,
    ) -> Result<App, StoreError> {
        let (plan, stamp) = store.load_stamped()?;
        Ok(App {
            store,
            plan,
            stamp,
            week: clock.this_week(),
            clock,
            live_clock,
            selected: 0,
            scroll: 0,
            mode: Mode::Normal,
            calendar_focus: false,
            meeting_selected: 0,
            help_scroll: 0,
            filter: String::new(),
            history: History::default(),
            message: None,
            mouse_captured: true,
            quit: false,
            clipboard: None,
            keymap,
            theme,
            screen: Rect::new(0, 0, 120, 40),
        })
    }

    /// The items shown: this week's, ordered by day, narrowed by the filter.
    pub fn rows(&self) -> Vec<&Item> {
        let needle = self.filter.to_lowercase();
        self.plan
            .week_items(self.week)
            .into_iter()
            .filter(|i| needle.is_empty() || matches_filter(i, &needle))
            .collect()
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
        self.meetings().get(self.meeting_selected).copied()
    }

    /// Where the items table is drawn, beside the calendar pane when there is one.
    fn items_area(&self) -> Rect {
        layout::split_list(layout::areas(self.screen).list, self.meetings().len()).0
    }

    /// Whether the calendar pane is on screen (it needs meetings and room).
    fn calendar_shown(&self) -> bool {
        layout::split_list(layout::areas(self.screen).list, self.meetings().len())
            .1
            .is_some()
    }

    /// Keeps the calendar focus and selection valid after the week, the plan or the screen
    /// changed.
    fn fit_calendar(&mut self) {
        let count = self.meetings().len();
        self.meeting_selected = self.meeting_selected.min(count.saturating_sub(1));
        self.calendar_focus = self.calendar_focus && self.calendar_shown();
    }

    /// The selected item, if the week has any.
    pub fn selected_item(&self) -> Option<&Item> {
        self.rows().get(self.selected).copied()
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

    /// The actions pasted text asks for: typed characters in the form and the filter (line
    /// breaks become spaces), nothing elsewhere, so a paste never runs commands.
    pub fn actions_for_paste(&self, text: &str) -> Vec<Action> {
        if !matches!(self.mode.scope(), Scope::Form | Scope::Filter) {
            return Vec::new();
        }
        crate::core::sanitize::sanitize(text)
            .chars()
            .map(Action::Input)
            .collect()
    }

    /// The action a mouse event asks for.
    pub fn action_for_mouse(&self, mouse: &MouseEvent) -> Option<Action> {
        match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            _ => None,
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

    /// Picks up changes another process saved since we last read or wrote the store.
    fn refresh(&mut self) {
        let keep = self.selected_id();
        match self.store.reload_if_changed(&self.stamp) {
            Ok(Some((plan, stamp))) => {
                self.plan = plan;
                self.stamp = stamp;
                self.reselect(keep);
                self.fit_calendar();
            }
            Ok(None) => {}
            Err(e) => self.fail(e.to_string()),
        }
    }

    /// Selects the row of item `id` if it is still shown, else keeps the index in range.
    fn reselect(&mut self, id: Option<u32>) {
        let (found, count) = {
            let rows = self.rows();
            (
                id.and_then(|id| rows.iter().position(|i| i.id == id)),
                rows.len(),
            )
        };
        if let Some(index) = found {
            self.selected = index;
        }
        self.selected = self.selected.min(count.saturating_sub(1));
        self.fit_scroll();
    }

    /// Scrolls so that the selected row is visible.
    fn fit_scroll(&mut self) {
        let visible = layout::list_rows(self.items_area());
        if self.selected < self.scroll {
            self.scroll = self.selected;
        } else if self.selected >= self.scroll + visible {
            self.scroll = self.selected + 1 - visible;
        }
        let rows = self.rows().len();
        self.scroll = self.scroll.min(rows.saturating_sub(visible));
    }

    fn select(&mut self, index: usize) {
        let last = self.rows().len().saturating_sub(1);
        self.selected = index.min(last);
        self.fit_scroll();
    }

    /// Saves one change to the plan: `apply` runs on the freshest plan under the store lock
    /// and returns the change it made, which goes into the undo history.
    fn commit(
        &mut self,
        apply: impl FnOnce(&mut Plan) -> anyhow::Result<Change>,
    ) -> Option<Change> {
        match self.store.transact(apply) {
            Ok(committed) => {
                self.plan = committed.plan;
                self.stamp = committed.stamp;
                Some(committed.value)
            }
            Err(e) => {
                self.fail(format!("{e:#}"));
                None
            }
        }
    }

    /// Changes the selected item and records the change for undo.
    fn change_selected(&mut self, what: &str, edit: impl FnOnce(&mut Item)) {
        match self.selected_id() {
            Some(id) => self.change_item(id, what, edit),
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

    /// Changes one item and records the change for undo.
    fn change_item(&mut self, id: u32, what: &str, edit: impl FnOnce(&mut Item)) {
        let now = self.now_utc();
        let change = self.commit(|plan| {
            let item = plan
                .item_mut(id)
                .ok_or_else(|| anyhow::anyhow!("item #{id} was deleted elsewhere"))?;
            let before = item.clone();
            edit(item);
            if *item != before {
                item.updated = now;
            }
            Ok(Change::one(Some(before), Some(item.clone())))
        });
        if let Some(change) = change {
            self.history.record(change);
            self.tell(format!("#{id} {what}"));
            self.reselect(Some(id));
        }
    }

    /// Puts the items of a change in their `after` state, if they are all still as
    /// `before` left them; otherwise changes nothing.
    fn apply_history(&mut self, change: &Change) -> anyhow::Result<()> {
        let committed = self.store.transact(|plan| {
            for step in &change.items {
                if plan.item(step.id()) != step.before.as_ref() {
                    anyhow::bail!("#{} was changed elsewhere since", step.id());
                }
            }
            for step in &change.items {
                match &step.after {
                    Some(item) => plan.restore(item.clone()),
                    None => {
                        plan.remove(step.id());
                    }
                }
            }
            Ok(())
        })?;
        self.plan = committed.plan;
        self.stamp = committed.stamp;
        if let Some(item) = change.items.iter().find_map(|c| c.after.as_ref()) {
            self.week = item.week;
        }
        self.reselect(Some(change.id()));
        Ok(())
    }

    /// Handles one action. This is the only place the state changes.
    pub fn update(&mut self, action: Action) {
        if self.live_clock {
            self.clock = Clock::system();
        }
        if !matches!(action, Action::Tick | Action::Resize { .. })
            && matches!(self.mode, Mode::Normal)
        {
            self.message = None;
        }
        if !matches!(action, Action::Resize { .. }) {
            let selected = self.selected_id();
            self.refresh();
            let moved = selected.filter(|id| Some(*id) != self.selected_id());
            if let Some(id) = moved.filter(|_| self.mode == Mode::Normal && action.edits_selected())
            {
                self.fail(format!(
                    "#{id} was changed or removed by another process; nothing done, look again"
                ));
                return;
            }
        }
        match action {
            Action::Resize { width, height } => {
                self.screen = Rect::new(0, 0, width, height);
                self.fit_scroll();
                self.fit_calendar();
                return;
            }
            Action::Tick => return,
            // Quitting works from every mode: every change is already saved.
            Action::Quit => {
                self.quit = true;
                return;
            }
            _ => {}
        }
        match self.mode.clone() {
            Mode::Normal => self.update_normal(action),
            Mode::Help => match action {
                Action::Down | Action::ScrollDown => {
                    self.help_scroll = (self.help_scroll + 1).min(super::help::max_scroll(self))
                }
                Action::Up | Action::ScrollUp => {
                    self.help_scroll = self.help_scroll.saturating_sub(1)
                }
                Action::Cancel => self.mode = Mode::Normal,
                _ => {}
            },
            Mode::Picker(id) => match action {
                Action::SetIntent(intent) => {
                    self.mode = Mode::Normal;
                    self.change_item(id, &format!("intent {intent}"), |i| i.intent = intent);
                }
                Action::Cancel => self.mode = Mode::Normal,
                _ => {}
            },
            Mode::Confirm(id) => match action {
                Action::Confirm => {
                    self.mode = Mode::Normal;
                    self.delete(id);
                }
                Action::Cancel => {
                    self.mode = Mode::Normal;
                    self.tell("Kept");
                }
                _ => {}
            },
            Mode::ConfirmCarry { from, to, .. } => match action {
                Action::Confirm => {
                    self.mode = Mode::Normal;
                    self.carry(from, to);
                }
                Action::Cancel => {
                    self.mode = Mode::Normal;
                    self.tell("Nothing carried");
                }
                _ => {}
            },
            Mode::Filter => self.update_filter(action),
            Mode::Form(form) => self.update_form(form, action),
        }
    }

    /// Keys while the calendar has the focus; returns whether the key was for it.
    fn update_calendar(&mut self, action: Action) -> bool {
        let last = self.meetings().len().saturating_sub(1);
        match action {
            Action::Down | Action::ScrollDown => {
                self.meeting_selected = (self.meeting_selected + 1).min(last)
            }
            Action::Up | Action::ScrollUp => {
                self.meeting_selected = self.meeting_selected.saturating_sub(1)
            }
            Action::First => self.meeting_selected = 0,
            Action::Last => self.meeting_selected = last,
            Action::ToggleCalendar => self.calendar_focus = false,
            Action::ReplaceMeeting => self.replace_meeting(),
            action if action.edits_selected() => self.tell(format!(
                "That key changes items: {} goes back to them",
                self.key_name(Action::ToggleCalendar)
            )),
            _ => return false,
        }
        true
    }

    /// Plans a written update in place of the selected meeting; the meeting stays on the
    /// calendar but leaves the week's sync budget while the update is planned.
    fn replace_meeting(&mut self) {
        let Some(meeting) = self.selected_meeting().cloned() else {
            return;
        };
        let now = self.now_utc();
        let title: String = format!("Written update instead of: {}", meeting.title)
            .chars()
            .take(crate::core::patch::MAX_TITLE)
            .collect();
        let mut item = Item::new(0, &title, meeting.week, meeting.day, now);
        item.intent = if meeting.flags.contains(&crate::ics::FlagCode::StatusMeeting) {
            crate::core::Intent::Status
        } else {
            crate::core::Intent::Fyi
        };
        item.medium = ChosenMedium::Async;
        if meeting.attendees > 1 {
            item.with = format!("{} people", meeting.attendees);
        }
        item.notes = format!(
            "Replaces the calendar meeting of {} ({} min); the invite stays on the calendar.",
            meeting.start.format("%a %-d %b %H:%M"),
            meeting.minutes
        );
        item.replaces = Some(meeting.key.clone());
        let key = meeting.key.clone();
        let sync_minutes =
            |plan: &Plan| crate::core::budget::plan_budget(plan, meeting.week).sync_minutes;
        let before = sync_minutes(&self.plan);
        let change = self.commit(|plan| {
            // Checked on the freshest plan: another process may have acted meanwhile.
            let Some(stored) = plan.meetings.iter().find(|m| m.key == key) else {
                anyhow::bail!("that meeting is no longer on the imported calendar");
            };
            if let Some(other) = plan.items.iter().find(|i| {
                i.replaces.as_deref() == Some(key.as_str()) && i.status != Status::Dropped
            }) {
                anyhow::bail!("#{} already replaces “{}”", other.id, stored.title);
            }
            let id = plan.add(item);
            Ok(Change::one(None, plan.item(id).cloned()))
        });
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
                    self.meeting_selected = self.meeting_selected.min(self.meetings().len() - 1);
                }
            }
            Action::Down | Action::ScrollDown => self.select(self.selected + 1),
            Action::Up | Action::ScrollUp => self.select(self.selected.saturating_sub(1)),
            Action::First => self.select(0),
            Action::Last => self.select(usize::MAX),
            Action::Click { column, row } => self.click(column, row),
            Action::PrevWeek => self.go_to_week(self.week.prev()),
            Action::NextWeek => self.go_to_week(self.week.next()),
            Action::ThisWeek => self.go_to_week(self.clock.this_week()),
            Action::Add => {
                let day = self.clock.default_day(self.week);
                let mut blank = Item::new(0, "", self.week, day, self.now_utc());
                blank.adopt_intent(blank.intent, &self.plan.settings);
                self.mode = Mode::Form(Form::from_item(&blank, None));
            }
            Action::Edit => match self.selected_item() {
                Some(item) => self.mode = Mode::Form(Form::from_item(item, Some(item.id))),
                None => self.tell(self.nothing_selected()),
            },
            Action::CycleMedium => {
                self.change_selected("medium changed", |i| i.medium = i.medium.cycle())
            }
            Action::AcceptRecommendation => self
                .change_selected("follows the recommendation", |i| {
                    i.medium = ChosenMedium::Auto
                }),
            Action::PickIntent => match self.selected_id() {
                Some(id) => self.mode = Mode::Picker(id),
                None => self.tell(self.nothing_selected()),
            },
            Action::CycleHeat => self.change_selected("heat changed", |i| i.heat = i.heat.cycle()),
            Action::MoreMinutes => self.change_selected("5 more minutes", |i| {
                i.minutes = i.minutes.saturating_add(5).min(MAX_MINUTES);
            }),
            Action::FewerMinutes => self.change_selected("5 fewer minutes", |i| {
                if i.minutes > 5 {
                    i.minutes -= 5;
                }
            }),
            Action::PrevDay => {
                self.change_selected("moved a day earlier", |i| i.day = i.day.prev())
            }
            Action::NextDay => self.change_selected("moved a day later", |i| i.day = i.day.next()),
            Action::Bounce => self.change_selected("one more exchange", |i| {
                i.exchanges = (i.exchanges + 1).min(crate::core::patch::MAX_EXCHANGES);
            }),
            Action::ToggleDone => self.change_selected("status changed", |i| {
                i.status = if i.status == Status::Done {
                    Status::Open
                } else {
                    Status::Done
                };
            }),
            Action::Delete => match self.selected_id() {
                Some(id) => self.mode = Mode::Confirm(id),
                None => self.tell(self.nothing_selected()),
            },
            Action::Undo => match self.history.peek_undo().cloned() {
                Some(change) => match self.apply_history(&change.inverted()) {
                    Ok(()) => {
                        self.history.undo_done();
                        self.tell(format!("Undid a change to {}", change.describe()));
                    }
                    Err(e) => {
                        self.history.forget_undo();
                        self.fail(format!(
                            "{e:#}: that change cannot be undone and was forgotten"
                        ));
                    }
                },
                None => self.tell("Nothing to undo in this session"),
            },
            Action::Redo => match self.history.peek_redo().cloned() {
                Some(change) => match self.apply_history(&change) {
                    Ok(()) => {
                        self.history.redo_done();
                        self.tell(format!("Redid a change to {}", change.describe()));
                    }
                    Err(e) => {
                        self.history.forget_redo();
                        self.fail(format!(
                            "{e:#}: that change cannot be redone and was forgotten"
                        ));
                    }
                },
                None => self.tell("Nothing to redo"),
            },
            Action::Carry => self.ask_carry(),
            Action::ExportBrief => self.export_brief(),
            Action::Filter => self.mode = Mode::Filter,
            Action::Help => {
                self.help_scroll = 0;
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
        let count = self
            .plan
            .items
            .iter()
            .filter(|i| i.week == from && i.status == Status::Open)
            .count();
        if count == 0 {
            self.tell(format!("Nothing open in {from} to carry"));
        } else {
            self.mode = Mode::ConfirmCarry { from, to, count };
        }
    }

    /// Moves the open items of `from` into `to` as one change, undone with one key.
    fn carry(&mut self, from: IsoWeek, to: IsoWeek) {
        let now = self.now_utc();
        let change = self.commit(|plan| {
            let before: Vec<Item> = plan
                .items
                .iter()
                .filter(|i| i.week == from && i.status == Status::Open)
                .cloned()
                .collect();
            crate::core::carry::carry(plan, from, to, now);
            let items = before
                .into_iter()
                .map(|b| ItemChange {
                    after: plan.item(b.id).cloned(),
                    before: Some(b),
                })
                .collect();
            Ok(Change { items })
        });
        if let Some(change) = change {
            let count = change.items.len();
            self.history.record(change);
            self.tell(format!("Carried {count} open items from {from}"));
            self.reselect(None);
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
        self.meeting_selected = 0;
        self.fit_calendar();
        self.selected = 0;
        self.scroll = 0;
    }

    fn click(&mut self, column: u16, row: u16) {
        let list = self.items_area();
        let first_row = list.y + layout::TABLE_TOP;
        let inside = list.contains(Position::new(column, row)) && row >= first_row;
        if inside && row < list.bottom().saturating_sub(1) {
            let index = self.scroll + usize::from(row - first_row);
            if index < self.rows().len() {
                self.calendar_focus = false;
                self.select(index);
            }
        }
    }

    fn delete(&mut self, id: u32) {
        let change = self.commit(|plan| {
            let removed = plan
                .remove(id)
                .ok_or_else(|| anyhow::anyhow!("item #{id} was already deleted elsewhere"))?;
            Ok(Change::one(Some(removed), None))
        });
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
        self.selected = 0;
        self.scroll = 0;
    }

    fn update_form(&mut self, mut form: Form, action: Action) {
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
            Action::Input(c) => form.focused().insert(c),
            Action::CursorLeft => form.focused().left(),
            Action::CursorRight => form.focused().right(),
            Action::CursorHome => form.focused().home(),
            Action::CursorEnd => form.focused().end(),
            Action::DeleteBack => form.focused().delete_back(),
            Action::DeleteForward => form.focused().delete_forward(),
            Action::ClearField => form.focused().clear(),
            _ => {}
        }
        self.mode = Mode::Form(form);
    }

    fn submit_form(&mut self, mut form: Form) {
        let Some(patch) = form.validate() else {
            self.mode = Mode::Form(form);
            return;
        };
        let now = self.now_utc();
        let week = self.week;
        let target = form.target;
        let change = self.commit(|plan| match target {
            Some(id) => {
                let item = plan
                    .item_mut(id)
                    .ok_or_else(|| anyhow::anyhow!("item #{id} was deleted elsewhere"))?;
                let before = item.clone();
                patch.apply(item, now);
                Ok(Change::one(Some(before), Some(item.clone())))
            }
            None => {
                let mut item = Item::new(0, "", week, Day::Mon, now);
                item.adopt_intent(patch.intent.unwrap_or(item.intent), &plan.settings);
                // A length left as the blank form showed it is the intent's timebox.
                let mut patch = patch.clone();
                if form.is_unchanged(FieldKind::Minutes) {
                    patch.minutes = None;
                }
                patch.apply(&mut item, now);
                item.created = now;
                let id = plan.add(item);
                Ok(Change::one(None, plan.item(id).cloned()))
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
                self.reselect(Some(id));
            }
            None => self.mode = Mode::Form(form),
        }
    }
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
