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
    let (_dir, store, app) = setup();
    let before = store.load().unwrap();
    assert!(app.actions_for_paste("xxdq\n").is_empty());
    assert_eq!(store.load().unwrap(), before);
}

#[test]
fn a_paste_in_the_form_types_one_line() {
    let (_dir, store, mut app) = setup();
    chars(&mut app, "a");
    for action in app.actions_for_paste("Budget\nreview \u{1b}[31mQ1") {
        app.update(action);
    }
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
    for _ in 0..3 {
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

/// Three items of this week, the first selected.
fn three() -> (tempfile::TempDir, Store, App) {
    let (dir, store, _) = setup();
    store
        .update(|plan: &mut Plan| {
            let clock = common::clock();
            plan.add(Item::new(
                0,
                "Third",
                clock.this_week(),
                Day::Wed,
                clock.utc,
            ));
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let app = common::open_app(&store);
    (dir, store, app)
}

fn statuses(store: &Store) -> Vec<(u32, syncwise::core::Status)> {
    let plan = store.load().unwrap();
    plan.items.iter().map(|i| (i.id, i.status)).collect()
}

#[test]
fn a_key_long_after_an_idle_refresh_never_lands_on_a_neighbour_of_a_deleted_item() {
    let (_dir, store, mut app) = three();
    assert_eq!(app.selected_item().unwrap().id, 1);
    // Another shell deletes #1; the idle refresh picks it up long before the key comes.
    Store::at(store.dir())
        .update(|plan: &mut Plan| {
            plan.items.retain(|i| i.id != 1);
            Ok::<_, StoreError>(())
        })
        .unwrap();
    app.handle(Event::Tick);
    app.handle(Event::Tick);
    let before = statuses(&store);
    key(&mut app, KeyCode::Char('x'), KeyModifiers::NONE);
    assert_eq!(statuses(&store), before, "no item was toggled");
    let message = app.message.clone().unwrap();
    assert!(message.error, "{message:?}");
    assert!(message.text.contains("#1 was deleted"), "{}", message.text);
    // Told once: the next key acts on the item the screen now shows selected.
    let shown = app.selected_item().unwrap().id;
    key(&mut app, KeyCode::Char('x'), KeyModifiers::NONE);
    let plan = store.load().unwrap();
    assert_eq!(
        plan.item(shown).unwrap().status,
        syncwise::core::Status::Done
    );
}

#[test]
fn a_key_after_the_selected_item_changed_elsewhere_is_refused() {
    let (_dir, store, mut app) = three();
    key(&mut app, KeyCode::Char('j'), KeyModifiers::NONE);
    assert_eq!(app.selected_item().unwrap().id, 2);
    Store::at(store.dir())
        .update(|plan: &mut Plan| {
            plan.item_mut(2).unwrap().title = "Second, renamed in the CLI".into();
            Ok::<_, StoreError>(())
        })
        .unwrap();
    app.handle(Event::Tick);
    let before = statuses(&store);
    key(&mut app, KeyCode::Char('x'), KeyModifiers::NONE);
    assert_eq!(statuses(&store), before, "nothing toggled");
    let message = app.message.clone().unwrap();
    assert!(message.error);
    assert!(message.text.contains("#2 was changed"), "{}", message.text);
    // The selection followed the id, and the user now sees the new title.
    assert_eq!(
        app.selected_item().unwrap().title,
        "Second, renamed in the CLI"
    );
}

#[test]
fn the_selection_follows_the_id_when_rows_shift_elsewhere() {
    let (_dir, store, mut app) = three();
    key(&mut app, KeyCode::Char('j'), KeyModifiers::NONE);
    key(&mut app, KeyCode::Char('j'), KeyModifiers::NONE);
    assert_eq!(app.selected_item().unwrap().id, 3);
    // #1 goes away: #3 moves up one row, and stays selected.
    Store::at(store.dir())
        .update(|plan: &mut Plan| {
            plan.items.retain(|i| i.id != 1);
            Ok::<_, StoreError>(())
        })
        .unwrap();
    app.handle(Event::Tick);
    assert_eq!(app.selected_item().unwrap().id, 3);
    key(&mut app, KeyCode::Char('x'), KeyModifiers::NONE);
    assert_eq!(
        store.load().unwrap().item(3).unwrap().status,
        syncwise::core::Status::Done
    );
}

#[test]
fn a_save_on_a_busy_store_reports_at_once_and_the_key_works_again_after() {
    let (dir, store, mut app) = setup();
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.path().join(syncwise::store::LOCK_NAME))
        .unwrap();
    let (locked, is_locked) = std::sync::mpsc::channel();
    let holder = std::thread::spawn(move || {
        lock.lock().unwrap();
        locked.send(()).unwrap();
        // Held long enough to show a freeze, not so long that a failing run hangs.
        std::thread::sleep(std::time::Duration::from_secs(5));
        drop(lock);
    });
    is_locked.recv().unwrap();
    let start = std::time::Instant::now();
    key(&mut app, KeyCode::Char('x'), KeyModifiers::NONE);
    let took = start.elapsed();
    assert!(
        took < std::time::Duration::from_secs(2),
        "the key took {took:?}"
    );
    let message = app.message.clone().unwrap();
    assert!(message.error);
    assert!(
        message.text.contains("another syncwise is saving"),
        "{}",
        message.text
    );
    assert_eq!(
        store.load().unwrap().item(1).unwrap().status,
        syncwise::core::Status::Open
    );
    holder.join().unwrap();
    key(&mut app, KeyCode::Char('x'), KeyModifiers::NONE);
    assert_eq!(
        store.load().unwrap().item(1).unwrap().status,
        syncwise::core::Status::Done
    );
}

/// Titles with zero-width characters and a joined emoji sequence beside a plain one.
const ODD_TITLES: [&str; 3] = [
    "a\u{200d}b\u{200b}c",
    "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}\u{200d}\u{1f466} family sync",
    "Plain title",
];

/// The display width of a cell's symbol, as the terminal advances for it.
fn cell_width(symbol: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(symbol)
}

/// Walks a row of the buffer as a terminal does: each symbol advances by its width and
/// the cells it covers are blank continuations. Fails on a cell that would not advance
/// (a zero-width symbol draws over its neighbour and leaves a stale cell) and returns, for
/// each cell index, the terminal column it lands on.
fn terminal_row(buffer: &ratatui::buffer::Buffer, y: u16) -> String {
    let area = buffer.area;
    let mut line = String::new();
    let mut x = area.left();
    while x < area.right() {
        let symbol = buffer[(x, y)].symbol();
        let width = cell_width(symbol);
        assert!(
            width >= 1,
            "row {y}, cell {x}: {symbol:?} takes no column and leaves a stale cell"
        );
        for next in 1..width {
            let covered = x + u16::try_from(next).unwrap();
            if covered < area.right() {
                let under = buffer[(covered, y)].symbol();
                assert!(
                    under.is_empty() || under == " ",
                    "row {y}, cell {covered}: {under:?} under a wide symbol"
                );
            }
        }
        line.push_str(symbol);
        x += u16::try_from(width).unwrap();
    }
    assert_eq!(
        x,
        area.right(),
        "row {y} runs past the screen: a wide symbol at the edge"
    );
    line
}

#[test]
fn zero_width_and_emoji_titles_keep_every_column_aligned() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path());
    let clock = common::clock();
    store
        .update(|plan: &mut Plan| {
            for title in ODD_TITLES {
                plan.add(Item::new(0, title, clock.this_week(), Day::Tue, clock.utc));
            }
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let mut app = common::open_app(&store);
    for _ in ODD_TITLES {
        let buffer = syncwise::tui::draw(&app, 120, 40).unwrap();
        let rows: Vec<String> = (0..40).map(|y| terminal_row(&buffer, y)).collect();
        // Each item's row: the columns after the title start at the same place on screen.
        let mut ends = Vec::new();
        for title in ["b", "family sync", "Plain title"] {
            let row = rows
                .iter()
                .find(|r| r.contains(title) && r.contains(" tue "))
                .unwrap_or_else(|| panic!("no row with {title:?}:\n{}", rows.join("\n")));
            // Where the items table ends and the recommendation panel begins.
            let border = row.find("││").expect("the table's right border");
            ends.push(cell_width(&row[..border]));
            // The selection mark is on the selected row only: none left stale.
            assert_eq!(
                row.contains('▸'),
                app.selected_item().unwrap().title.contains(title),
                "{row}"
            );
        }
        assert!(
            ends.windows(2).all(|w| w[0] == w[1]),
            "{ends:?}:\n{}",
            rows.join("\n")
        );
        key(&mut app, KeyCode::Char('j'), KeyModifiers::NONE);
    }
}

#[test]
fn list_pads_zero_width_and_emoji_titles_to_one_column() {
    let dir = tempfile::tempdir().unwrap();
    for title in ODD_TITLES {
        let out = common::syncwise(dir.path())
            .args(["add", title])
            .output()
            .unwrap();
        assert!(out.status.success());
    }
    let out = common::syncwise(dir.path()).arg("list").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let header = lines.iter().find(|l| l.contains("TITLE")).unwrap();
    let warnings = cell_width(&header[..header.find("WARNINGS").unwrap()]);
    for title in ["b", "family sync", "Plain title"] {
        let row = lines.iter().find(|l| l.contains(title)).unwrap();
        assert_eq!(cell_width(row), warnings, "{row:?} in\n{text}");
        // Zero-width characters never reach the table, where terminals disagree on them.
        assert!(
            !row.contains(['\u{200b}', '\u{200d}', '\u{feff}']),
            "{row:?}"
        );
    }
}

fn meeting(key: &str, start: &str) -> syncwise::core::Meeting {
    let start: chrono::DateTime<chrono::FixedOffset> = start.parse().unwrap();
    syncwise::core::Meeting {
        key: key.into(),
        uid: key.into(),
        title: format!("Meeting {key}"),
        start,
        end: start + chrono::Duration::minutes(30),
        minutes: 30,
        attendees: 4,
        recurring: false,
        week: common::clock().this_week(),
        day: Day::Tue,
        flags: Vec::new(),
        calendar: None,
    }
}

#[test]
fn a_meeting_removed_elsewhere_is_never_replaced_by_its_neighbour() {
    let (_dir, store, _) = setup();
    store
        .update(|plan: &mut Plan| {
            plan.meetings = vec![
                meeting("a", "2026-11-24T09:00:00+00:00"),
                meeting("b", "2026-11-24T11:00:00+00:00"),
                meeting("c", "2026-11-24T14:00:00+00:00"),
            ];
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let mut app = common::open_app(&store);
    key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert!(app.calendar_focus);
    key(&mut app, KeyCode::Char('j'), KeyModifiers::NONE);
    assert_eq!(app.selected_meeting().unwrap().key, "b");
    // Another process re-imports the calendar without "b"; the idle refresh shows it.
    Store::at(store.dir())
        .update(|plan: &mut Plan| {
            plan.meetings.retain(|m| m.key != "b");
            Ok::<_, StoreError>(())
        })
        .unwrap();
    app.handle(Event::Tick);
    let items = store.load().unwrap().items.len();
    key(&mut app, KeyCode::Char('w'), KeyModifiers::NONE);
    let plan = store.load().unwrap();
    assert_eq!(plan.items.len(), items, "no written update was planned");
    let message = app.message.clone().unwrap();
    assert!(message.error);
    assert!(
        message.text.contains("'Meeting b' was removed"),
        "{}",
        message.text
    );
    // A meeting that moves in the list keeps the selection.
    key(&mut app, KeyCode::Char('j'), KeyModifiers::NONE);
    assert_eq!(app.selected_meeting().unwrap().key, "c");
    Store::at(store.dir())
        .update(|plan: &mut Plan| {
            plan.meetings.retain(|m| m.key != "a");
            Ok::<_, StoreError>(())
        })
        .unwrap();
    app.handle(Event::Tick);
    assert_eq!(app.selected_meeting().unwrap().key, "c");
}
