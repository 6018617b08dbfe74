//! The TUI never does what the user did not ask for: a paste types text and runs no keys,
//! Ctrl-C always quits, an edit keeps what others changed meanwhile, and an undo that can
//! no longer apply is forgotten instead of blocking older ones.

mod common;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use syncwise::core::week::Day;
use syncwise::core::{Heat, Intent, Item, Plan};
use syncwise::store::{Store, StoreError};
use syncwise::tui::app::Mode;
use syncwise::tui::keymap::Keymap;
use syncwise::tui::{App, Event};

fn setup() -> (tempfile::TempDir, Store, App) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path());
    let clock = common::clock();
    store
        .update(|plan: &mut Plan| {
            for title in ["First", "Second"] {
                let mut item = Item::new(0, title, clock.this_week(), Day::Tue, clock.utc);
                item.intent = Intent::Conflict;
                plan.add(item);
            }
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let app = common::open_app(&store);
    (dir, store, app)
}

fn key(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    if let Some(action) = app.action_for_key(&KeyEvent::new(code, modifiers)) {
        app.update(action);
    }
}

fn chars(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

#[test]
fn a_paste_in_the_week_view_runs_no_keys() {
    let (_dir, store, mut app) = setup();
    let before = store.load().unwrap();
    app.handle(Event::Paste("xxdq\n".into()));
    assert_eq!(app.mode, Mode::Normal);
    assert!(!app.quit);
    assert_eq!(store.load().unwrap(), before);
}

#[test]
fn a_paste_in_the_form_types_one_line() {
    let (_dir, store, mut app) = setup();
    chars(&mut app, "a");
    app.handle(Event::Paste("Budget\nreview \u{1b}[31mQ1".into()));
    assert!(matches!(app.mode, Mode::Form(_)), "still in the form");
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let plan = store.load().unwrap();
    assert_eq!(plan.items.last().unwrap().title, "Budget review Q1");
}

#[test]
fn ctrl_c_quits_from_any_mode_even_when_q_is_rebound() {
    let (_dir, _store, mut app) = setup();
    app.keymap = Keymap::with_config("keys.conf", "quit = Q\n").unwrap();
    chars(&mut app, "a");
    assert!(matches!(app.mode, Mode::Form(_)));
    key(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(app.quit);
}

#[test]
fn an_edit_keeps_fields_another_process_changed_meanwhile() {
    let (_dir, store, mut app) = setup();
    chars(&mut app, "e");
    // Meanwhile, the CLI sets the minutes of the same item.
    store
        .update(|plan: &mut Plan| {
            plan.item_mut(1).unwrap().minutes = 45;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    // In the form, the user changes the heat only.
    for _ in 0..4 {
        key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    }
    key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    chars(&mut app, "high");
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let item = store.load().unwrap().item(1).cloned().unwrap();
    assert_eq!(item.heat, Heat::High);
    assert_eq!(item.minutes, 45, "the other process's change survives");
}

#[test]
fn an_undo_that_no_longer_applies_is_forgotten_and_older_ones_still_work() {
    let (_dir, store, mut app) = setup();
    chars(&mut app, "h"); // #1 heat low -> medium
    chars(&mut app, "j");
    chars(&mut app, "h"); // #2 heat low -> medium
    // Another process changes #2 again.
    store
        .update(|plan: &mut Plan| {
            plan.item_mut(2).unwrap().notes = "edited in the CLI".into();
            Ok::<_, StoreError>(())
        })
        .unwrap();
    chars(&mut app, "u");
    assert!(app.message.as_ref().unwrap().error);
    assert_eq!(store.load().unwrap().item(2).unwrap().heat, Heat::Medium);
    chars(&mut app, "u");
    let plan = store.load().unwrap();
    assert_eq!(
        plan.item(1).unwrap().heat,
        Heat::Low,
        "the older change was undone"
    );
    assert_eq!(plan.item(2).unwrap().notes, "edited in the CLI");
}
