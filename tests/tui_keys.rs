//! Key and mouse handling without a terminal: key events go through the keymap into actions,
//! actions through `App::update`, and every change is checked both in the app and in the
//! store on disk.

mod common;

use common::clock;

use std::fs;

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use syncwise::core::demo::demo_week;
use syncwise::core::week::{Day, IsoWeek};
use syncwise::core::{ChosenMedium, Heat, Intent, Item, Plan, Status};
use syncwise::store::{Store, StoreError};
use syncwise::tui::app::Mode;
use syncwise::tui::confirm::Question;
use syncwise::tui::form::{FieldKind, Form};
use syncwise::tui::keymap::Keymap;
use syncwise::tui::{Action, App, Event, buffer_text, draw};
use tempfile::TempDir;

/// The demo week's item ids in the order the table shows them (by day, then id).
const DEMO_ROWS: [u32; 14] = [1, 7, 9, 13, 3, 8, 12, 4, 6, 2, 10, 14, 5, 11];

fn week(text: &str) -> IsoWeek {
    text.parse().unwrap()
}

fn ctrl(c: char) -> (KeyCode, KeyModifiers) {
    (KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn plain(code: KeyCode) -> (KeyCode, KeyModifiers) {
    (code, KeyModifiers::NONE)
}

/// An app on a store in a temporary directory, sized 120 × 40.
struct Fixture {
    dir: TempDir,
    app: App,
}

impl Fixture {
    fn with_keymap(items: Vec<Item>, keymap: Keymap) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let app = common::app_on(dir.path(), items, keymap, 120, 40);
        Fixture { dir, app }
    }

    fn with(items: Vec<Item>) -> Fixture {
        Fixture::with_keymap(items, Keymap::default())
    }

    fn demo() -> Fixture {
        let clock = clock();
        Fixture::with(demo_week(clock.this_week(), clock.utc))
    }

    /// A second handle on the same store, as another process would have.
    fn other_process(&self) -> Store {
        Store::at(self.dir.path())
    }

    /// The plan on disk.
    fn disk(&self) -> Plan {
        self.other_process().load().unwrap()
    }

    /// The item on disk.
    fn on_disk(&self, id: u32) -> Item {
        self.disk()
            .item(id)
            .cloned()
            .unwrap_or_else(|| panic!("#{id} is not in the store"))
    }

    fn file_bytes(&self) -> Vec<u8> {
        fs::read(self.other_process().path()).unwrap()
    }

    /// The action a key event asks for, if any.
    fn action(&self, code: KeyCode, modifiers: KeyModifiers) -> Option<Action> {
        self.app.action_for_key(&KeyEvent::new(code, modifiers))
    }

    /// Presses a key that must do something in the current mode.
    fn press(&mut self, (code, modifiers): (KeyCode, KeyModifiers)) -> Action {
        let action = self.action(code, modifiers).unwrap_or_else(|| {
            panic!(
                "{code:?} with {modifiers:?} is not bound in {:?}",
                self.app.mode
            )
        });
        self.app.update(action);
        action
    }

    /// Presses the keys of a string, one character at a time, with shift on capitals.
    fn keys(&mut self, text: &str) {
        for c in text.chars() {
            let modifiers = if c.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            self.press((KeyCode::Char(c), modifiers));
        }
    }

    fn enter(&mut self) {
        self.press(plain(KeyCode::Enter));
    }

    fn esc(&mut self) {
        self.press(plain(KeyCode::Esc));
    }

    fn tab(&mut self, times: usize) {
        for _ in 0..times {
            self.press(plain(KeyCode::Tab));
        }
    }

    fn selected_id(&self) -> Option<u32> {
        self.app.selected_item().map(|i| i.id)
    }

    fn row_ids(&self) -> Vec<u32> {
        self.app.rows().iter().map(|i| i.id).collect()
    }

    fn message(&self) -> String {
        self.app
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default()
    }

    fn form(&self) -> &Form {
        match &self.app.mode {
            Mode::Form(form) => form,
            other => panic!("expected the form, got {other:?}"),
        }
    }

    fn form_focus(&self) -> usize {
        match &self.app.mode {
            Mode::Form(form) => form.focus,
            other => panic!("expected the form, got {other:?}"),
        }
    }

    fn mouse(&mut self, kind: MouseEventKind, column: u16, row: u16) -> Option<Event> {
        let event = MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        };
        let event = Event::from_mouse(&event);
        if let Some(event) = event.clone() {
            self.app.handle(event);
        }
        event
    }
}

/// A plan with its items in id order, to compare plans whatever order the items are kept in.
fn by_id(mut plan: Plan) -> Plan {
    plan.items.sort_by_key(|i| i.id);
    plan
}

#[test]
fn j_k_g_and_shift_g_move_the_selection() {
    let mut f = Fixture::demo();
    assert_eq!(f.row_ids(), DEMO_ROWS);
    assert_eq!(f.app.items.selected(), 0);
    assert_eq!(f.press(plain(KeyCode::Char('j'))), Action::Down);
    assert_eq!(f.selected_id(), Some(7));
    f.keys("jj");
    assert_eq!(f.app.items.selected(), 3);
    assert_eq!(f.selected_id(), Some(13));
    f.keys("k");
    assert_eq!(f.app.items.selected(), 2);
    f.keys("G");
    assert_eq!(f.app.items.selected(), 13);
    assert_eq!(f.selected_id(), Some(11));
    f.keys("j");
    assert_eq!(f.app.items.selected(), 13, "j stops at the last item");
    f.keys("g");
    assert_eq!(f.app.items.selected(), 0);
    f.keys("k");
    assert_eq!(f.app.items.selected(), 0, "k stops at the first item");
    // The arrows, Home and End do the same.
    f.press(plain(KeyCode::Down));
    f.press(plain(KeyCode::Down));
    assert_eq!(f.app.items.selected(), 2);
    f.press(plain(KeyCode::Up));
    assert_eq!(f.app.items.selected(), 1);
    f.press(plain(KeyCode::End));
    assert_eq!(f.app.items.selected(), 13);
    f.press(plain(KeyCode::Home));
    assert_eq!(f.app.items.selected(), 0);
    // Moving saves nothing.
    assert_eq!(by_id(f.disk()), by_id(f.app.plan.clone()));
}

#[test]
fn key_releases_and_unbound_keys_do_nothing() {
    let f = Fixture::demo();
    let mut release = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(f.app.action_for_key(&release), None);
    assert_eq!(f.action(KeyCode::Char('Z'), KeyModifiers::SHIFT), None);
    assert_eq!(f.action(KeyCode::Char('j'), KeyModifiers::ALT), None);
    // Shift held with a capital is the same key as the capital alone.
    assert_eq!(
        f.action(KeyCode::Char('G'), KeyModifiers::SHIFT),
        Some(Action::Last)
    );
    assert_eq!(
        f.action(KeyCode::Char('G'), KeyModifiers::NONE),
        Some(Action::Last)
    );
}

#[test]
fn m_cycles_the_medium_and_enter_goes_back_to_auto() {
    let mut f = Fixture::demo();
    assert_eq!(f.selected_id(), Some(1));
    assert_eq!(f.on_disk(1).medium, ChosenMedium::Auto);
    for expected in [
        ChosenMedium::Async,
        ChosenMedium::Sync,
        ChosenMedium::BriefThenSync,
        ChosenMedium::Auto,
    ] {
        assert_eq!(f.press(plain(KeyCode::Char('m'))), Action::CycleMedium);
        assert_eq!(f.on_disk(1).medium, expected);
        assert_eq!(f.app.plan.item(1).unwrap().medium, expected);
    }
    f.keys("mm");
    assert_eq!(f.on_disk(1).medium, ChosenMedium::Sync);
    assert_eq!(f.press(plain(KeyCode::Enter)), Action::AcceptRecommendation);
    assert_eq!(f.on_disk(1).medium, ChosenMedium::Auto);
    assert_eq!(f.message(), "#1 follows the recommendation");
    // Nothing else changed.
    let mut expected = demo_week(clock().this_week(), clock().utc);
    expected.sort_by_key(|i| i.id);
    let mut now = f.disk().items;
    now.sort_by_key(|i| i.id);
    assert_eq!(now, expected);
}

#[test]
fn i_then_a_picker_key_sets_the_intent() {
    let mut f = Fixture::demo();
    let picks = [
        ('s', Intent::Status),
        ('f', Intent::Fyi),
        ('a', Intent::Decided),
        ('q', Intent::Question),
        ('r', Intent::Review),
        ('d', Intent::Decision),
        ('b', Intent::Brainstorm),
        ('c', Intent::Conflict),
        ('k', Intent::Feedback),
        ('p', Intent::Rapport),
        ('x', Intent::Crisis),
    ];
    for (key, intent) in picks {
        assert_eq!(f.press(plain(KeyCode::Char('i'))), Action::PickIntent);
        assert!(matches!(f.app.mode, Mode::Picker(_)));
        assert_eq!(
            f.press(plain(KeyCode::Char(key))),
            Action::SetIntent(intent)
        );
        assert_eq!(f.app.mode, Mode::Normal);
        assert_eq!(f.on_disk(1).intent, intent, "key {key}");
        assert!(
            !f.app.quit,
            "q in the picker picks question, it does not quit"
        );
    }
    // Esc closes the picker without a change; an unbound key keeps it open.
    let before = f.file_bytes();
    f.keys("i");
    assert_eq!(f.action(KeyCode::Char('z'), KeyModifiers::NONE), None);
    f.esc();
    assert_eq!(f.app.mode, Mode::Normal);
    assert_eq!(f.file_bytes(), before);
}

#[test]
fn h_cycles_the_heat() {
    let mut f = Fixture::demo();
    for expected in [Heat::Medium, Heat::High, Heat::Low] {
        assert_eq!(f.press(plain(KeyCode::Char('h'))), Action::CycleHeat);
        assert_eq!(f.on_disk(1).heat, expected);
    }
}

#[test]
fn plus_and_minus_change_the_minutes_by_five() {
    let mut f = Fixture::demo();
    assert_eq!(f.on_disk(1).minutes, 15);
    assert_eq!(f.press(plain(KeyCode::Char('+'))), Action::MoreMinutes);
    assert_eq!(f.on_disk(1).minutes, 20);
    f.keys("=");
    assert_eq!(f.on_disk(1).minutes, 25);
    assert_eq!(f.press(plain(KeyCode::Char('-'))), Action::FewerMinutes);
    assert_eq!(f.on_disk(1).minutes, 20);
    f.keys("---");
    assert_eq!(f.on_disk(1).minutes, 5);
    f.keys("-");
    assert_eq!(f.on_disk(1).minutes, 5, "a sync keeps at least 5 minutes");

    f.other_process()
        .update(|plan| {
            plan.item_mut(1).unwrap().minutes = 478;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    f.keys("++");
    assert_eq!(f.on_disk(1).minutes, 480, "at most 480 minutes");
}

#[test]
fn angle_brackets_move_the_item_a_day_and_the_selection_follows() {
    let mut f = Fixture::demo();
    assert_eq!(f.on_disk(1).day, Day::Mon);
    assert_eq!(f.press(plain(KeyCode::Char('<'))), Action::PrevDay);
    assert_eq!(f.on_disk(1).day, Day::Mon, "Monday is the first day");
    assert_eq!(f.press(plain(KeyCode::Char('>'))), Action::NextDay);
    assert_eq!(f.on_disk(1).day, Day::Tue);
    // Item 1 now sorts after the Monday items, and stays selected.
    assert_eq!(f.selected_id(), Some(1));
    assert_eq!(f.app.items.selected(), 3);
    f.keys(">>>>>>>");
    assert_eq!(f.on_disk(1).day, Day::Sun, "Sunday is the last day");
    assert_eq!(f.selected_id(), Some(1));
    assert_eq!(f.app.items.selected(), 13);
    f.keys("<");
    assert_eq!(f.on_disk(1).day, Day::Sat);
    assert_eq!(f.on_disk(1).week, week("2026-W48"));
}

#[test]
fn b_records_an_exchange_and_x_toggles_done() {
    let mut f = Fixture::demo();
    assert_eq!(f.press(plain(KeyCode::Char('b'))), Action::Bounce);
    assert_eq!(f.on_disk(1).exchanges, 1);
    f.keys("b");
    assert_eq!(f.on_disk(1).exchanges, 2);
    assert_eq!(f.press(plain(KeyCode::Char('x'))), Action::ToggleDone);
    assert_eq!(f.on_disk(1).status, Status::Done);
    f.keys("x");
    assert_eq!(f.on_disk(1).status, Status::Open);
}

#[test]
fn d_asks_first_n_keeps_and_y_deletes() {
    let mut f = Fixture::demo();
    let before = f.file_bytes();
    assert_eq!(f.press(plain(KeyCode::Char('d'))), Action::Delete);
    assert_eq!(f.app.mode, Mode::Confirm(Question::Delete(1)));
    assert_eq!(f.press(plain(KeyCode::Char('n'))), Action::Cancel);
    assert_eq!(f.app.mode, Mode::Normal);
    assert_eq!(f.message(), "Kept");
    assert_eq!(f.file_bytes(), before);

    f.keys("d");
    f.esc();
    assert_eq!(f.app.mode, Mode::Normal);
    assert_eq!(f.file_bytes(), before);

    f.keys("d");
    assert_eq!(f.press(plain(KeyCode::Char('y'))), Action::Confirm);
    assert_eq!(f.app.mode, Mode::Normal);
    assert!(f.disk().item(1).is_none());
    assert_eq!(f.disk().items.len(), 13);
    assert_eq!(f.row_ids(), DEMO_ROWS[1..]);
    assert_eq!(f.selected_id(), Some(7));
    assert_eq!(f.message(), "Deleted #1; u brings it back");
}

#[test]
fn u_undoes_every_change_and_ctrl_r_redoes_them() {
    let mut f = Fixture::demo();
    type Step = fn(&mut Fixture);
    let steps: [(&str, Step); 13] = [
        ("m", |f| f.keys("m")),
        ("Enter", |f| f.enter()),
        ("i k", |f| f.keys("ik")),
        ("h", |f| f.keys("h")),
        ("+", |f| f.keys("+")),
        ("-", |f| f.keys("-")),
        (">", |f| f.keys(">")),
        ("<", |f| f.keys("<")),
        ("b", |f| f.keys("b")),
        ("x", |f| f.keys("x")),
        ("j d y", |f| f.keys("jdy")),
        ("a, a title, Enter", |f| {
            f.keys("a");
            f.keys("Prepare the Q1 offsite");
            f.enter();
        }),
        ("e, a new title, Enter", |f| {
            f.keys("e");
            f.press(ctrl('u'));
            f.keys("Plan the Q1 offsite");
            f.enter();
        }),
    ];
    // The items as saved after each step; ids are never reused, so `next_id` may differ.
    let items = |f: &Fixture| by_id(f.disk()).items;
    let mut states = vec![items(&f)];
    for (name, step) in steps {
        step(&mut f);
        let now = items(&f);
        assert_ne!(Some(&now), states.last(), "{name} changed nothing");
        states.push(now);
    }
    assert!(f.disk().item(7).is_none());
    assert_eq!(f.on_disk(15).title, "Plan the Q1 offsite");

    for expected in states.iter().rev().skip(1) {
        assert_eq!(f.press(plain(KeyCode::Char('u'))), Action::Undo);
        assert_eq!(&items(&f), expected, "after undo: {}", f.message());
        assert_eq!(&by_id(f.app.plan.clone()).items, expected);
    }
    let before = f.file_bytes();
    f.keys("u");
    assert_eq!(f.message(), "Nothing to undo in this session");
    assert_eq!(f.file_bytes(), before);

    for expected in states.iter().skip(1) {
        assert_eq!(f.press(ctrl('r')), Action::Redo);
        assert_eq!(&items(&f), expected, "after redo: {}", f.message());
    }
    f.press(ctrl('r'));
    assert_eq!(f.message(), "Nothing to redo");

    // A new change after an undo drops what could be redone.
    f.keys("uh");
    f.press(ctrl('r'));
    assert_eq!(f.message(), "Nothing to redo");
}

#[test]
fn undo_leaves_an_item_changed_elsewhere_alone() {
    let mut f = Fixture::demo();
    f.keys("h");
    f.other_process()
        .update(|plan| {
            plan.item_mut(1).unwrap().title = "Renamed elsewhere".into();
            Ok::<_, StoreError>(())
        })
        .unwrap();
    f.keys("u");
    let message = f.app.message.clone().unwrap();
    assert!(message.error, "{message:?}");
    assert!(message.text.contains("changed elsewhere"), "{message:?}");
    let item = f.on_disk(1);
    assert_eq!(item.title, "Renamed elsewhere");
    assert_eq!(item.heat, Heat::Medium);
}

#[test]
fn brackets_and_t_change_the_week() {
    let mut f = Fixture::demo();
    assert_eq!(f.app.week, week("2026-W48"));
    f.keys("G");
    assert_eq!(f.press(plain(KeyCode::Char(']'))), Action::NextWeek);
    assert_eq!(f.app.week, week("2026-W49"));
    assert!(f.app.rows().is_empty());
    assert_eq!(f.app.items.selected(), 0);
    // Nothing to change in an empty week, and nothing is saved.
    let before = f.file_bytes();
    f.keys("mhx+d");
    assert_eq!(f.app.mode, Mode::Normal);
    assert_eq!(f.file_bytes(), before);

    assert_eq!(f.press(plain(KeyCode::Char('['))), Action::PrevWeek);
    f.keys("[");
    assert_eq!(f.app.week, week("2026-W47"));
    assert_eq!(f.press(plain(KeyCode::Char('t'))), Action::ThisWeek);
    assert_eq!(f.app.week, week("2026-W48"));
    assert_eq!(f.row_ids(), DEMO_ROWS);
    assert_eq!(f.app.items.selected(), 0);
}

#[test]
fn slash_filters_by_typed_text_and_esc_clears() {
    let mut f = Fixture::demo();
    assert_eq!(f.press(plain(KeyCode::Char('/'))), Action::Filter);
    assert_eq!(f.app.mode, Mode::Filter);
    // Letters are text here, not commands: nothing moves, nothing is saved.
    let before = f.file_bytes();
    f.keys("Sam");
    assert_eq!(f.app.filter, "Sam");
    assert_eq!(f.row_ids(), [3]);
    f.keys("jx");
    assert_eq!(f.app.filter, "Samjx");
    assert!(f.app.rows().is_empty());
    f.press(plain(KeyCode::Backspace));
    f.press(plain(KeyCode::Backspace));
    assert_eq!(f.row_ids(), [3]);
    assert_eq!(f.file_bytes(), before);
    // Enter keeps the filter; keys act on the filtered rows.
    f.enter();
    assert_eq!(f.app.mode, Mode::Normal);
    assert_eq!(f.app.filter, "Sam");
    f.keys("m");
    assert_eq!(f.on_disk(3).medium, ChosenMedium::Sync);
    // The filter matches intents and people too, case-insensitively.
    f.keys("/");
    f.esc();
    assert_eq!(f.app.filter, "");
    f.keys("/RAPPORT");
    assert_eq!(f.row_ids(), [10, 5]);
    f.esc();
    assert_eq!(f.app.mode, Mode::Normal);
    assert_eq!(f.app.filter, "");
    assert_eq!(f.row_ids(), DEMO_ROWS);
}

#[test]
fn a_opens_the_form_and_enter_adds_the_item() {
    let mut f = Fixture::demo();
    assert_eq!(f.press(plain(KeyCode::Char('a'))), Action::Add);
    assert_eq!(f.form_focus(), 0);
    f.keys("Plan the Q1 offsite");
    f.tab(1);
    f.keys("Leads");
    f.tab(1);
    assert_eq!(f.form_focus(), 2, "the intent");
    // A choice field takes a letter: `b` picks brainstorm.
    f.keys("b");
    assert_eq!(f.form().intent, Intent::Brainstorm);
    f.tab(2);
    f.keys("h");
    assert_eq!(f.form().heat, Heat::High);
    f.tab(2);
    assert_eq!(f.form_focus(), 6, "the day");
    f.keys("f");
    f.tab(1);
    f.press(ctrl('u'));
    f.keys("45");
    f.tab(1);
    assert_eq!(f.form_focus(), 8, "the start");
    f.tab(1);
    f.keys("Pick two dates");
    f.tab(1);
    f.keys("Calendar of the leads");
    f.tab(1);
    f.keys("Dates agreed");
    // Shift-tab goes back and Tab wraps around to the title.
    f.press((KeyCode::BackTab, KeyModifiers::SHIFT));
    assert_eq!(f.form_focus(), 10);
    f.tab(2);
    assert_eq!(f.form_focus(), 12, "the notes field comes last");
    f.keys("Book the venue first");
    f.tab(1);
    assert_eq!(f.form_focus(), 0);
    assert!(f.disk().item(15).is_none(), "nothing is saved before Enter");
    assert_eq!(f.press(plain(KeyCode::Enter)), Action::Submit);

    assert_eq!(f.app.mode, Mode::Normal);
    assert_eq!(f.message(), "Added #15");
    assert_eq!(f.selected_id(), Some(15));
    let item = f.on_disk(15);
    assert_eq!(item.title, "Plan the Q1 offsite");
    assert_eq!(item.with, "Leads");
    assert_eq!(item.intent, Intent::Brainstorm);
    assert_eq!(item.inferred, None, "a picked intent is not inferred");
    assert_eq!(item.heat, Heat::High);
    assert_eq!(item.day, Day::Fri);
    assert_eq!(item.minutes, 45);
    assert_eq!((item.at, item.at_pinned), (None, false), "no start given");
    assert_eq!(item.week, week("2026-W48"));
    assert_eq!(item.medium, ChosenMedium::Auto);
    assert_eq!(item.status, Status::Open);
    assert_eq!(item.agenda.problem, "Pick two dates");
    assert_eq!(item.agenda.pre_read, "Calendar of the leads");
    assert_eq!(item.agenda.outcome, "Dates agreed");
    assert_eq!(item.notes, "Book the venue first");
    assert_eq!(f.disk().items.len(), 15);
}

#[test]
fn the_form_defaults_to_today_and_to_monday_in_other_weeks() {
    let mut f = Fixture::with(Vec::new());
    f.keys("aStandup notes");
    f.enter();
    let item = f.on_disk(1);
    assert_eq!((item.week, item.day), (week("2026-W48"), Day::Wed));
    let read = syncwise::core::infer::infer("Standup notes");
    assert_eq!(item.intent, read.intent);
    assert_eq!(item.inferred, Some(read));
    assert_eq!(item.heat, Heat::Low);
    assert_eq!(item.minutes, 15);

    f.keys("]]aHiring plan");
    f.enter();
    let item = f.on_disk(2);
    assert_eq!((item.week, item.day), (week("2026-W50"), Day::Mon));
    assert_eq!(f.app.week, week("2026-W50"));
    assert_eq!(f.selected_id(), Some(2));
}

#[test]
fn a_new_item_from_the_form_takes_its_intents_length_and_privacy() {
    let mut f = Fixture::with(Vec::new());
    // Feedback read from the title, length left as the form showed it: the intent's 30
    // minutes, private.
    f.keys("aFeedback to Sam on the write-up");
    assert_eq!(f.form().intent, Intent::Feedback);
    assert!(f.form().private);
    assert_eq!(f.form().minutes.value(), "30");
    f.enter();
    let item = f.on_disk(1);
    assert_eq!(item.intent, Intent::Feedback);
    assert_eq!(item.minutes, 30);
    assert!(item.private);
    assert_eq!(item.inferred.map(|i| i.intent), Some(Intent::Feedback));
    // A length the user typed wins over the timebox; a picked intent over the title.
    f.keys("aSettle the launch date");
    f.tab(2);
    f.press(plain(KeyCode::Home));
    assert_eq!(
        f.form().intent,
        Intent::Status,
        "Home picks the first choice"
    );
    f.keys("c");
    assert_eq!(f.form().intent, Intent::Conflict);
    f.tab(5);
    f.press(ctrl('u'));
    f.keys("45");
    f.enter();
    let item = f.on_disk(2);
    assert_eq!(
        (item.intent, item.minutes, item.private),
        (Intent::Conflict, 45, true)
    );
    // A decision is shared and timeboxed to 15; the user may make it private.
    f.keys("aGo/no-go on the cut-over");
    assert_eq!(f.form().intent, Intent::Decision);
    assert!(!f.form().private);
    f.tab(3);
    f.keys("y");
    f.enter();
    let item = f.on_disk(3);
    assert_eq!(
        (item.intent, item.minutes, item.private),
        (Intent::Decision, 15, true)
    );
}

#[test]
fn form_fields_edit_like_a_text_line() {
    let mut f = Fixture::with(Vec::new());
    f.keys("a");
    f.keys("ship");
    f.press(plain(KeyCode::Home));
    f.keys("We ");
    f.press(ctrl('e'));
    f.keys(" it");
    f.press(ctrl('a'));
    f.press(plain(KeyCode::Right));
    f.press(plain(KeyCode::Right));
    f.press(plain(KeyCode::Delete));
    f.press(plain(KeyCode::Left));
    f.press(plain(KeyCode::Backspace));
    f.press(plain(KeyCode::End));
    f.keys("!");
    assert_eq!(f.form().title.value(), "eship it!");
    assert_eq!(f.form().title.cursor(), 9);
    f.enter();
    assert_eq!(f.on_disk(1).title, "eship it!");
}

#[test]
fn e_edits_the_selected_item_and_keeps_what_the_form_does_not_show() {
    let mut f = Fixture::demo();
    f.keys("j");
    assert_eq!(f.selected_id(), Some(7));
    let before = f.on_disk(7);
    assert_eq!(f.press(plain(KeyCode::Char('e'))), Action::Edit);
    let form = f.form();
    assert_eq!(form.target, Some(7));
    assert_eq!(form.title.value(), before.title);
    assert_eq!(form.with.value(), "Data platform");
    assert_eq!(form.intent, Intent::Question);
    assert_eq!(form.private, before.private);
    f.press(ctrl('u'));
    f.keys("Which regions does export cover?");
    // An edited item's intent does not follow its new title.
    assert_eq!(f.form().intent, Intent::Question);
    f.tab(6);
    f.press(plain(KeyCode::Right));
    assert_eq!(f.form().day, Day::Tue);
    f.enter();
    assert_eq!(f.app.mode, Mode::Normal);
    assert_eq!(f.message(), "Saved #7");
    assert_eq!(f.selected_id(), Some(7));
    let after = f.on_disk(7);
    assert_eq!(after.title, "Which regions does export cover?");
    assert_eq!(after.day, Day::Tue);
    assert_eq!(after.intent, before.intent);
    assert_eq!(after.medium, before.medium);
    assert_eq!(after.exchanges, 3);
    assert_eq!(after.notes, before.notes);
    assert_eq!(after.status, before.status);
    assert_eq!(after.created, before.created);
    assert_eq!(f.disk().items.len(), 14);

    // Esc leaves without saving.
    let bytes = f.file_bytes();
    f.keys("e");
    f.press(ctrl('u'));
    f.keys("Scrapped");
    f.esc();
    assert_eq!(f.app.mode, Mode::Normal);
    assert_eq!(f.message(), "Nothing saved");
    assert_eq!(f.file_bytes(), bytes);
}

#[test]
fn invalid_minutes_keep_the_form_open_with_an_error_and_save_nothing() {
    let mut f = Fixture::demo();
    let before = f.file_bytes();
    f.keys("aHiring sync");
    f.tab(7);
    assert_eq!(f.form_focus(), 7);
    f.press(ctrl('u'));
    f.keys("abc");
    f.tab(1);
    f.enter();
    assert_eq!(f.file_bytes(), before);
    let form = f.form();
    assert_eq!(form.focus, 7, "the first bad field gets the focus");
    let error = form.error(FieldKind::Minutes).unwrap();
    assert!(error.contains("minutes must be a whole number"), "{error}");
    assert!(error.contains("'abc'"), "{error}");
    assert_eq!(
        FieldKind::ALL
            .iter()
            .filter(|&&k| form.error(k).is_some())
            .count(),
        1
    );
    // The letters of normal mode are text in the form: no quitting, no deleting.
    f.keys("q");
    assert!(!f.app.quit);
    assert_eq!(f.file_bytes(), before);
    // Fixing the value saves.
    f.press(ctrl('u'));
    f.keys("30");
    f.enter();
    assert_eq!(f.app.mode, Mode::Normal);
    assert_eq!(f.on_disk(15).minutes, 30);
    assert_eq!(f.on_disk(15).title, "Hiring sync");
}

#[test]
fn an_empty_title_is_refused_and_a_choice_field_never_takes_text() {
    let mut f = Fixture::demo();
    let before = f.file_bytes();
    f.keys("a");
    f.press(ctrl('u'));
    f.tab(2);
    f.keys("z");
    assert_eq!(f.form().intent, Intent::Fyi, "no intent starts with z");
    assert!(
        f.message().contains("Intent is a choice"),
        "{}",
        f.message()
    );
    f.enter();
    assert_eq!(f.file_bytes(), before);
    let form = f.form();
    assert_eq!(form.focus, 0);
    assert!(form.error(FieldKind::Title).unwrap().contains("empty"));
    // Typing into a field clears its error.
    f.keys("Plan");
    assert_eq!(f.form().error(FieldKind::Title), None);
}

#[test]
fn a_paste_goes_into_the_focused_field_as_one_capped_insertion() {
    let mut f = Fixture::with(Vec::new());
    f.keys("a");
    f.app
        .handle(Event::Paste("Feedback to Sam\non the write-up".into()));
    assert_eq!(f.form().title.value(), "Feedback to Sam on the write-up");
    assert_eq!(f.form().intent, Intent::Feedback);
    assert_eq!(f.app.message, None, "nothing was cut");
    f.tab(1);
    f.app.handle(Event::Paste("w".repeat(500)));
    assert_eq!(f.form().with.len(), FieldKind::With.limit());
    assert!(f.message().contains("left out"), "{}", f.message());
    // Outside the form and the filter a paste does nothing: no commands run.
    f.esc();
    let bytes = f.file_bytes();
    f.app.handle(Event::Paste("aq".into()));
    assert_eq!(f.app.mode, Mode::Normal);
    assert!(!f.app.quit);
    assert_eq!(f.file_bytes(), bytes);
}

#[test]
fn changes_from_another_process_are_picked_up_at_the_next_key_and_never_lost() {
    let mut f = Fixture::demo();
    // Select "Quick chat" (#5), the second-to-last row.
    f.keys("Gk");
    assert_eq!(f.selected_id(), Some(5));
    let other = f.other_process();
    other
        .update(|plan| {
            plan.item_mut(5).unwrap().title = "Coffee with Priya".into();
            let mut early = Item::new(0, "Release notes", week("2026-W48"), Day::Mon, clock().utc);
            early.intent = Intent::Status;
            plan.add(early);
            Ok::<_, StoreError>(())
        })
        .unwrap();
    // A key that saves nothing picks the change up, and the selection stays on #5.
    f.keys("?");
    assert_eq!(f.app.mode, Mode::Help);
    assert_eq!(f.app.rows().len(), 15);
    assert_eq!(f.app.plan.item(5).unwrap().title, "Coffee with Priya");
    assert_eq!(f.selected_id(), Some(5));
    f.esc();

    // A change of the same item elsewhere, then one here: the first key is refused (the
    // item is no longer what the screen showed), the next one applies, and both are kept.
    other
        .update(|plan| {
            plan.item_mut(5).unwrap().with = "Priya K".into();
            Ok::<_, StoreError>(())
        })
        .unwrap();
    f.keys("h");
    assert_eq!(
        f.on_disk(5).heat,
        Heat::Low,
        "refused: #5 changed elsewhere"
    );
    assert!(f.app.message.as_ref().is_some_and(|m| m.error));
    f.keys("h");
    let item = f.on_disk(5);
    assert_eq!(item.title, "Coffee with Priya");
    assert_eq!(item.with, "Priya K");
    assert_eq!(item.heat, Heat::Medium);
    assert_eq!(f.disk().items.len(), 15);
    assert!(f.disk().items.iter().any(|i| i.title == "Release notes"));

    // An item added elsewhere while the form is open does not take the new item's id.
    f.keys("aFollow-up with Priya");
    other
        .update(|plan| {
            plan.add(Item::new(
                0,
                "Elsewhere",
                week("2026-W48"),
                Day::Tue,
                clock().utc,
            ));
            Ok::<_, StoreError>(())
        })
        .unwrap();
    f.enter();
    let disk = f.disk();
    assert_eq!(disk.items.len(), 17);
    let titles: Vec<_> = disk.items.iter().map(|i| i.title.as_str()).collect();
    assert!(titles.contains(&"Elsewhere"), "{titles:?}");
    assert!(titles.contains(&"Follow-up with Priya"), "{titles:?}");
    let mut ids: Vec<_> = disk.items.iter().map(|i| i.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 17, "ids are unique");
    assert_eq!(f.app.selected_item().unwrap().title, "Follow-up with Priya");
}

#[test]
fn an_item_deleted_elsewhere_is_reported_when_edited() {
    let mut f = Fixture::demo();
    f.keys("e");
    f.other_process()
        .update(|plan| {
            plan.remove(1);
            Ok::<_, StoreError>(())
        })
        .unwrap();
    f.enter();
    let message = f.app.message.clone().unwrap();
    assert!(message.error, "{message:?}");
    assert!(message.text.contains("deleted elsewhere"), "{message:?}");
    assert!(matches!(f.app.mode, Mode::Form(_)), "the form stays open");
    assert!(f.disk().item(1).is_none(), "the deletion is not undone");
}

#[test]
fn a_click_on_a_row_selects_it_and_the_wheel_moves_the_selection() {
    let mut f = Fixture::demo();
    // 120 × 40: header line, the table's top border, its header row, then the items.
    let first_row = 3;
    let action = f.mouse(MouseEventKind::Down(MouseButton::Left), 10, first_row + 4);
    assert_eq!(
        action,
        Some(Event::Click {
            column: 10,
            row: first_row + 4
        })
    );
    assert_eq!(f.app.items.selected(), 4);
    assert_eq!(f.selected_id(), Some(DEMO_ROWS[4]));

    assert_eq!(
        f.mouse(MouseEventKind::ScrollDown, 10, 10),
        Some(Event::ScrollDown {
            column: 10,
            row: 10
        })
    );
    assert_eq!(f.app.items.selected(), 5);
    f.mouse(MouseEventKind::ScrollUp, 10, 10);
    f.mouse(MouseEventKind::ScrollUp, 10, 10);
    assert_eq!(f.app.items.selected(), 3);

    // Clicks outside the rows change nothing.
    for (column, row) in [(10, first_row - 1), (10, first_row + 20), (100, 5), (10, 0)] {
        f.mouse(MouseEventKind::Down(MouseButton::Left), column, row);
        assert_eq!(f.app.items.selected(), 3, "click at {column},{row}");
    }
    // Other buttons and moves do nothing.
    assert_eq!(
        f.mouse(MouseEventKind::Down(MouseButton::Right), 10, first_row),
        None
    );
    assert_eq!(f.mouse(MouseEventKind::Moved, 10, first_row), None);
    // The last row.
    f.mouse(MouseEventKind::Down(MouseButton::Left), 30, first_row + 13);
    assert_eq!(f.selected_id(), Some(11));
}

#[test]
fn a_click_in_a_scrolled_list_selects_the_row_drawn_there() {
    let mut f = Fixture::demo();
    f.app.handle(Event::Resize {
        width: 60,
        height: 10,
    });
    f.keys("G");
    assert_eq!(f.app.items.selected(), 13);
    assert!(f.app.items.offset() > 0);
    // Below the full size, the last line above the footer is the hint: rows 3 to 6.
    for row in 3..7 {
        f.mouse(MouseEventKind::Down(MouseButton::Left), 20, row);
        let title = f.app.selected_item().unwrap().title.clone();
        let screen = buffer_text(&draw(&f.app, 60, 10).unwrap());
        let line = screen.lines().nth(usize::from(row)).unwrap();
        assert!(
            line.contains('▸'),
            "row {row} is not highlighted:\n{screen}"
        );
        let start: String = title.chars().take(10).collect();
        assert!(
            line.contains(&start),
            "row {row} shows {line:?}, not {title:?}"
        );
    }
}

#[test]
fn shift_m_releases_the_mouse() {
    let mut f = Fixture::demo();
    assert!(f.app.mouse_captured);
    assert_eq!(
        f.press((KeyCode::Char('M'), KeyModifiers::SHIFT)),
        Action::ToggleMouse
    );
    assert!(!f.app.mouse_captured);
    f.keys("M");
    assert!(f.app.mouse_captured);
}

#[test]
fn help_opens_with_question_mark_and_q_closes_it_without_quitting() {
    let mut f = Fixture::demo();
    f.keys("?");
    assert_eq!(f.app.mode, Mode::Help);
    f.keys("q");
    assert_eq!(f.app.mode, Mode::Normal);
    assert!(!f.app.quit);
    f.press(plain(KeyCode::F(1)));
    assert_eq!(f.app.mode, Mode::Help);
    // j and k scroll the help, not the list.
    f.keys("jjj");
    assert_eq!(f.app.help.offset(), 3);
    f.keys("k");
    assert_eq!(f.app.help.offset(), 2);
    assert_eq!(f.app.items.selected(), 0);
    f.esc();
    assert_eq!(f.app.mode, Mode::Normal);
    assert_eq!(f.press(plain(KeyCode::Char('q'))), Action::Quit);
    assert!(f.app.quit);

    let mut f = Fixture::demo();
    assert_eq!(f.press(ctrl('c')), Action::Quit);
    assert!(f.app.quit);
}

#[test]
fn a_rebinding_in_keys_conf_changes_dispatch() {
    let config = "# mine\ndown = n\nup = o   # previous\nquit = ctrl-q\n";
    let keymap = Keymap::with_config("keys.conf", config).unwrap();
    let clock = clock();
    let mut f = Fixture::with_keymap(demo_week(clock.this_week(), clock.utc), keymap);
    assert_eq!(f.action(KeyCode::Char('j'), KeyModifiers::NONE), None);
    assert_eq!(f.action(KeyCode::Char('q'), KeyModifiers::NONE), None);
    assert_eq!(f.press(plain(KeyCode::Char('n'))), Action::Down);
    f.keys("n");
    assert_eq!(f.app.items.selected(), 2);
    assert_eq!(f.press(plain(KeyCode::Char('o'))), Action::Up);
    assert_eq!(f.app.items.selected(), 1);
    // Other keys keep their defaults.
    f.keys("m");
    assert_eq!(f.on_disk(7).medium, ChosenMedium::Sync);
    // The help shows the new keys.
    f.keys("?");
    let screen = buffer_text(&draw(&f.app, 120, 40).unwrap());
    assert!(
        screen.contains(&format!("{:<11}Select the next item", "n")),
        "{screen}"
    );
    // The week's last keys are further down.
    f.keys("jjjjjjjjjj");
    let screen = buffer_text(&draw(&f.app, 120, 40).unwrap());
    assert!(screen.contains(&format!("{:<11}Quit", "C-q")), "{screen}");
    f.esc();
    f.press(ctrl('q'));
    assert!(f.app.quit);
}

#[test]
fn keys_conf_beside_the_store_is_read_and_its_mistakes_name_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path());
    assert!(syncwise::tui::keymap_for(&store).is_ok());

    fs::write(dir.path().join("keys.conf"), "cycle-heat = H\n").unwrap();
    let keymap = syncwise::tui::keymap_for(&store).unwrap();
    let clock = clock();
    let mut f = Fixture::with_keymap(demo_week(clock.this_week(), clock.utc), keymap);
    assert_eq!(f.action(KeyCode::Char('h'), KeyModifiers::NONE), None);
    f.press((KeyCode::Char('H'), KeyModifiers::SHIFT));
    assert_eq!(f.on_disk(1).heat, Heat::Medium);

    fs::write(dir.path().join("keys.conf"), "down = n\n\nadd = k\n").unwrap();
    let error = syncwise::tui::keymap_for(&store).unwrap_err().to_string();
    assert!(error.contains("keys.conf line 3"), "{error}");
    assert!(error.contains("already bound to 'up'"), "{error}");
}

/// The `keys.conf` example in the README, as written there.
fn readme_keys_conf() -> String {
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("```\n# keys.conf\n")
        .expect("the README shows keys.conf")
        + 4;
    let end = start + readme[start..].find("```").unwrap();
    readme[start..end].to_string()
}

#[test]
fn the_readme_keys_conf_example_loads_and_does_what_it_says() {
    use syncwise::tui::keymap::{Key, Scope};
    let keymap = Keymap::with_config("keys.conf", &readme_keys_conf()).unwrap();
    let key = |text: &str| Key::parse(text).unwrap();
    assert_eq!(
        keymap.action(Scope::Normal, key("M")),
        Some(Action::CycleMedium)
    );
    assert_eq!(keymap.action(Scope::Normal, key("n")), Some(Action::Down));
    assert_eq!(keymap.action(Scope::Normal, key("N")), Some(Action::Up));
    assert_eq!(
        keymap.action(Scope::Normal, key("ctrl-o")),
        Some(Action::ToggleMouse)
    );
    assert_eq!(keymap.action(Scope::Normal, key("m")), None);
}

/// A weekly meeting of the series `uid`, stored for `week`, on its Tuesday at 10:00.
fn weekly(uid: &str, week: IsoWeek) -> syncwise::core::Meeting {
    let day = week.date(Day::Tue);
    let start = day
        .and_hms_opt(10, 0, 0)
        .unwrap()
        .and_local_timezone(chrono::FixedOffset::east_opt(0).unwrap())
        .unwrap();
    syncwise::core::Meeting {
        key: format!("{uid}-{week}"),
        uid: uid.into(),
        title: "Team status".into(),
        start,
        end: start + chrono::Duration::minutes(30),
        minutes: 30,
        attendees: 6,
        recurring: true,
        week,
        day: Day::Tue,
        flags: Vec::new(),
        calendar: None,
    }
}

#[test]
fn w_on_a_recurring_meeting_asks_and_a_series_replacement_covers_every_week() {
    let week = clock().this_week();
    let f = Fixture::with(Vec::new());
    f.other_process()
        .update(|plan| {
            plan.meetings = vec![
                weekly("standup", week.prev()),
                weekly("standup", week),
                weekly("standup", week.next()),
            ];
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let mut f = f;
    // The next key picks the meetings up; Tab focuses the calendar.
    f.press(plain(KeyCode::Tab));
    assert!(f.app.calendar_focus);
    let screen = buffer_text(&draw(&f.app, 120, 40).unwrap());
    assert!(screen.contains("w written update instead"), "{screen}");
    // In the calendar, item keys say where they work; in the items pane, w does.
    f.keys("w");
    let Mode::Confirm(question) = f.app.mode.clone() else {
        panic!("no question: {:?}", f.app.mode);
    };
    assert!(question.has_one());
    let screen = buffer_text(&draw(&f.app, 120, 40).unwrap());
    assert!(
        screen.contains("repeats: replace the whole series (3 imported weeks)"),
        "{screen}"
    );
    assert!(screen.contains("o only this one"), "{screen}");
    f.keys("y");
    let plan = f.other_process().load().unwrap();
    for m in &plan.meetings {
        assert!(plan.replacement(m).is_some(), "{} not replaced", m.key);
    }
    assert_eq!(plan.items.len(), 3);
    // One undo takes the whole series back.
    f.press(plain(KeyCode::Tab));
    f.keys("u");
    assert!(f.other_process().load().unwrap().items.is_empty());
    // "Only this one" replaces the shown week's occurrence alone.
    f.press(plain(KeyCode::Tab));
    f.keys("wo");
    let plan = f.other_process().load().unwrap();
    assert_eq!(plan.items.len(), 1);
    assert_eq!(plan.items[0].week, week);
}

#[test]
fn w_in_the_items_pane_says_where_it_works_and_messages_give_new_values() {
    let mut f = Fixture::demo();
    f.keys("w");
    let message = f.app.message.clone().unwrap().text;
    assert_eq!(
        message,
        "w replaces a calendar meeting: Tab moves to the calendar first"
    );
    f.keys("b");
    assert_eq!(
        f.app.message.clone().unwrap().text,
        format!("#{} 1 exchange", f.selected_id().unwrap())
    );
    f.keys("x");
    assert!(f.app.message.clone().unwrap().text.ends_with(" done"));
    f.keys("p");
    let id = f.selected_id().unwrap();
    assert!(f.on_disk(id).private);
    assert_eq!(
        f.app.message.clone().unwrap().text,
        format!("#{id} private: kept out of the brief and invites")
    );
    f.keys("p");
    assert!(!f.on_disk(id).private);
    // S asks, then removes every sample item.
    f.keys("S");
    assert!(matches!(
        f.app.mode,
        Mode::Confirm(Question::ClearSamples { .. })
    ));
    f.keys("y");
    assert!(
        f.other_process()
            .load()
            .unwrap()
            .items
            .iter()
            .all(|i| !i.sample)
    );
    let screen = buffer_text(&draw(&f.app, 120, 40).unwrap());
    assert!(!screen.contains("sample week"), "{screen}");
}
