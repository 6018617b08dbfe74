//! The TUI's state and `update`, the one function that changes it. Every change to the plan
//! goes through the store at once, under its lock, on the freshest plan on disk. Terminal
//! events become actions in `handle`; after each, the `View` the screen draws is derived.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use ratatui::layout::Rect;

use super::action::Action;
use super::confirm::Question;
use super::form::Form;
use super::history::History;
use super::keymap::{Keymap, Scope};
use super::list_state::ListState;
pub use super::mode::Mode;
use super::theme::Theme;
use super::view::View;
use crate::core::clock::Clock;
use crate::core::infer::Lexicon;
use crate::core::ops::{OpError, Tweak};
use crate::core::week::IsoWeek;
use crate::core::{Item, Plan};
use crate::intents::LoadError;
use crate::store::{FileVersion, Store, StoreError};

mod edits;
mod events;
mod filter;
mod fit;
mod form;
mod meetings;
mod navigation;
mod refresh;
mod sync;
mod weeks;

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
    /// The recommendation panel as the last update wrapped, framed and scrolled it.
    pub panel: crate::tui::recommendation::PanelView,
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
        let view = View::derive(&plan, week, &clock, "", &Mode::Normal, false);
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
            panel: Default::default(),
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
            stale_item: None,
            stale_meeting: None,
        };
        app.fit_lists();
        Ok(app)
    }

    fn now_utc(&self) -> DateTime<Utc> {
        if self.live_clock {
            Utc::now()
        } else {
            self.clock.utc
        }
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

    /// Handles one action of the user, then derives the view of the new state. This is the
    /// only place the state changes.
    pub fn update(&mut self, action: Action) {
        self.apply(action);
        // Another item or meeting starts its panel from the top (`fit_panel`).
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
}

/// What the TUI says when an operation refuses: an item that is gone was deleted by
/// another process, since this one showed it.
fn refusal(error: &OpError) -> String {
    match error {
        OpError::NoItem(id) => format!("item #{id} was deleted elsewhere"),
        other => other.to_string(),
    }
}
