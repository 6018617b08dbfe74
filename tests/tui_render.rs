//! The TUI drawn on ratatui's off-screen `TestBackend`: insta snapshots of every screen the
//! user meets (main screen wide and narrow, empty and over-budget weeks, help, form with an
//! error, intent picker, delete question, filter), and a sweep over tiny and huge sizes in
//! every mode that must never panic.

mod common;

use common::clock;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use syncwise::core::demo::demo_week;
use syncwise::core::week::Day;
use syncwise::core::{Agenda, ChosenMedium, Heat, Intent, Item};
use syncwise::tui::app::Mode;
use syncwise::tui::confirm::Question;
use syncwise::tui::keymap::Keymap;
use syncwise::tui::{App, Event, buffer_text, draw};
use tempfile::TempDir;

/// Random characters in the store directory's name; the directory path is always
/// `/tmp/syncwise-render-` and this many characters, so wrapped text lays out the same on
/// every run and the name can be redacted after drawing.
const RANDOM_CHARS: usize = 8;
const DIR_PREFIX: &str = "syncwise-render-";

/// A store directory whose path has a fixed length (see `RANDOM_CHARS`).
fn store_dir() -> TempDir {
    tempfile::Builder::new()
        .prefix(DIR_PREFIX)
        .rand_bytes(RANDOM_CHARS)
        .tempdir_in("/tmp")
        .unwrap()
}

/// An app on a fresh store holding `items`, sized to `width` × `height`.
fn app_with(items: Vec<Item>, width: u16, height: u16) -> (TempDir, App) {
    let dir = store_dir();
    let app = common::app_on(dir.path(), items, Keymap::default(), width, height);
    (dir, app)
}

fn demo_app(width: u16, height: u16) -> (TempDir, App) {
    let clock = clock();
    app_with(demo_week(clock.this_week(), clock.utc), width, height)
}

/// Sends a key through the keymap, as the event loop does.
fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    let event = KeyEvent::new(code, modifiers);
    let action = app
        .action_for_key(&event)
        .unwrap_or_else(|| panic!("{code:?} with {modifiers:?} does nothing in {:?}", app.mode));
    app.update(action);
}

fn key(app: &mut App, c: char) {
    let modifiers = if c.is_ascii_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    press(app, KeyCode::Char(c), modifiers);
}

/// The screen as text, with the random part of the store directory replaced.
fn screen(app: &App, dir: &TempDir) -> String {
    let (width, height) = (app.screen.width, app.screen.height);
    let text = buffer_text(&draw(app, width, height).unwrap());
    let name = dir.path().file_name().unwrap().to_str().unwrap();
    assert_eq!(name.len(), DIR_PREFIX.len() + RANDOM_CHARS, "{name}");
    text.replace(name, &format!("{DIR_PREFIX}{}", "X".repeat(RANDOM_CHARS)))
}

/// A week far over its sync budget, with Wednesday past the daily red line.
fn over_budget_week() -> Vec<Item> {
    let clock = clock();
    let week = clock.this_week();
    let agenda = Agenda {
        problem: "Checkout is down in two regions".into(),
        pre_read: "Incident channel timeline".into(),
        outcome: "Service restored, owner for the follow-up".into(),
    };
    let mut items = Vec::new();
    let mut add = |title: &str, intent: Intent, heat: Heat, day: Day, minutes: u32| {
        let id = items.len() as u32 + 1;
        let mut item = Item::new(id, title, week, day, clock.utc);
        item.intent = intent;
        item.heat = heat;
        item.minutes = minutes;
        item.with = "Incident team".into();
        item.agenda = agenda.clone();
        items.push(item);
    };
    add(
        "War room: checkout outage",
        Intent::Crisis,
        Heat::High,
        Day::Wed,
        240,
    );
    add(
        "Negotiate Q1 scope with sales",
        Intent::Conflict,
        Heat::High,
        Day::Wed,
        60,
    );
    add(
        "Strategy offsite prep",
        Intent::Brainstorm,
        Heat::Low,
        Day::Mon,
        120,
    );
    add(
        "Go/no-go on the data migration",
        Intent::Decision,
        Heat::Medium,
        Day::Thu,
        90,
    );
    add(
        "Postmortem with the on-call team",
        Intent::Feedback,
        Heat::High,
        Day::Fri,
        120,
    );
    let mut status = Item::new(6, "Weekly status meeting", week, Day::Tue, clock.utc);
    status.intent = Intent::Status;
    status.medium = ChosenMedium::Sync;
    status.minutes = 60;
    items.push(status);
    items
}

#[test]
fn main_screen_wide() {
    let (dir, app) = demo_app(120, 40);
    insta::assert_snapshot!("main_120x40", screen(&app, &dir));
}

#[test]
fn main_screen_with_a_warned_item_selected() {
    let (dir, mut app) = demo_app(120, 40);
    // The eighth row of the demo week is the status meeting: the one warning it deserves.
    for _ in 0..7 {
        key(&mut app, 'j');
    }
    assert_eq!(
        app.selected_item().unwrap().title,
        "Weekly roadmap status meeting"
    );
    insta::assert_snapshot!("main_warned_item_120x40", screen(&app, &dir));
}

#[test]
fn main_screen_narrow() {
    let (dir, app) = demo_app(60, 20);
    insta::assert_snapshot!("main_60x20", screen(&app, &dir));
    let (dir, app) = demo_app(80, 24);
    insta::assert_snapshot!("main_80x24", screen(&app, &dir));
}

#[test]
fn main_screen_narrow_scrolled_to_the_last_item() {
    let (dir, mut app) = demo_app(60, 20);
    key(&mut app, 'G');
    let text = screen(&app, &dir);
    assert!(text.contains("▸"), "{text}");
    insta::assert_snapshot!("main_60x20_last_item", text);
}

#[test]
fn empty_week() {
    let (dir, app) = app_with(Vec::new(), 120, 40);
    insta::assert_snapshot!("empty_week_120x40", screen(&app, &dir));
    let (dir, app) = app_with(Vec::new(), 60, 20);
    insta::assert_snapshot!("empty_week_60x20", screen(&app, &dir));
}

#[test]
fn over_budget_week_is_red() {
    let (dir, app) = app_with(over_budget_week(), 120, 40);
    let text = screen(&app, &dir);
    assert!(text.contains("red · over by"), "{text}");
    insta::assert_snapshot!("over_budget_120x40", text);
}

#[test]
fn help_overlay() {
    let (dir, mut app) = demo_app(120, 40);
    key(&mut app, '?');
    assert_eq!(app.mode, Mode::Help);
    insta::assert_snapshot!("help_120x40", screen(&app, &dir));
    let (dir, mut app) = demo_app(80, 24);
    key(&mut app, '?');
    insta::assert_snapshot!("help_80x24", screen(&app, &dir));
    // On a small screen the help scrolls to show the other modes' keys.
    for _ in 0..70 {
        key(&mut app, 'j');
    }
    assert_eq!(app.mode, Mode::Help);
    let text = screen(&app, &dir);
    assert!(text.contains("Question"), "{text}");
    insta::assert_snapshot!("help_80x24_scrolled", text);
}

#[test]
fn form_with_an_inline_error() {
    let (dir, mut app) = demo_app(120, 40);
    key(&mut app, 'a');
    press(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(matches!(app.mode, Mode::Form(_)), "{:?}", app.mode);
    insta::assert_snapshot!("form_error_120x40", screen(&app, &dir));
}

#[test]
fn edit_form_with_two_errors() {
    let (dir, mut app) = demo_app(80, 24);
    key(&mut app, 'e');
    // Title cleared; minutes made invalid.
    press(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    for _ in 0..7 {
        press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    }
    press(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    for c in "9999".chars() {
        key(&mut app, c);
    }
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    insta::assert_snapshot!("edit_form_errors_80x24", screen(&app, &dir));
}

#[test]
fn intent_picker() {
    let (dir, mut app) = demo_app(120, 40);
    key(&mut app, 'i');
    assert!(matches!(app.mode, Mode::Picker(_)));
    insta::assert_snapshot!("picker_120x40", screen(&app, &dir));
}

#[test]
fn delete_question() {
    let (dir, mut app) = demo_app(120, 40);
    key(&mut app, 'd');
    assert!(
        matches!(app.mode, Mode::Confirm(Question::Delete(1))),
        "{:?}",
        app.mode
    );
    insta::assert_snapshot!("delete_question_120x40", screen(&app, &dir));
}

#[test]
fn filter_line() {
    let (dir, mut app) = demo_app(120, 40);
    key(&mut app, '/');
    for c in "rapport".chars() {
        key(&mut app, c);
    }
    insta::assert_snapshot!("filter_120x40", screen(&app, &dir));
}

/// Draws the app, after `setup`, at every size from 1×1 to 30×12 and at 80×24 and 200×60:
/// it must never panic, must fill exactly the screen, and must not be blank once there is
/// room for something.
fn sweep(name: &str, demo: bool, setup: impl FnOnce(&mut App)) {
    let (_dir, mut app) = if demo {
        demo_app(120, 40)
    } else {
        app_with(Vec::new(), 120, 40)
    };
    setup(&mut app);
    let mode = app.mode.clone();
    let sizes = (1..=30)
        .flat_map(|w| (1..=12).map(move |h| (w, h)))
        .chain([(80, 24), (200, 60)]);
    for (width, height) in sizes {
        app.handle(Event::Resize { width, height });
        let buffer =
            draw(&app, width, height).unwrap_or_else(|e| panic!("{name} at {width}x{height}: {e}"));
        assert_eq!(
            (buffer.area.width, buffer.area.height),
            (width, height),
            "{name}"
        );
        let text = buffer_text(&buffer);
        assert_eq!(text.lines().count(), usize::from(height), "{name}");
        if width >= 20 && height >= 6 {
            assert!(
                !text.trim().is_empty(),
                "{name} at {width}x{height} is blank"
            );
        }
        assert_eq!(app.mode, mode, "{name}: resizing changed the mode");
    }
}

#[test]
fn sweep_main_screen() {
    sweep("main", true, |_| {});
    // The last item selected (the list scrolled) and a message in the footer.
    sweep("main, last item, message", true, |app| {
        key(app, 'G');
        key(app, 'm');
    });
}

#[test]
fn sweep_empty_week() {
    sweep("empty week", false, |_| {});
    sweep("demo week, filtered to nothing", true, |app| {
        key(app, '/');
        key(app, 'z');
        key(app, 'z');
        press(app, KeyCode::Enter, KeyModifiers::NONE);
        assert!(app.rows().is_empty());
    });
}

#[test]
fn sweep_help() {
    sweep("help", true, |app| key(app, '?'));
}

#[test]
fn sweep_picker() {
    sweep("picker", true, |app| key(app, 'i'));
}

#[test]
fn sweep_form() {
    sweep("form", true, |app| key(app, 'e'));
}

#[test]
fn sweep_form_with_errors() {
    sweep("form with errors", true, |app| {
        key(app, 'a');
        press(app, KeyCode::Char('u'), KeyModifiers::CONTROL);
        press(app, KeyCode::Enter, KeyModifiers::NONE);
        assert!(matches!(app.mode, Mode::Form(_)));
    });
}

#[test]
fn sweep_delete_question() {
    sweep("delete question", true, |app| key(app, 'd'));
}

#[test]
fn sweep_filter() {
    sweep("filter", true, |app| {
        key(app, '/');
        key(app, 'q');
    });
}

/// Selects the demo item whose title starts with `start`.
fn select_title(app: &mut App, start: &str) {
    let id = app
        .rows()
        .iter()
        .find(|i| i.title.starts_with(start))
        .map(|i| i.id)
        .unwrap();
    app.update(syncwise::tui::Action::Select(id));
}

#[test]
fn main_screen_at_every_size() {
    for (width, height) in [(200, 50), (120, 40), (80, 24), (60, 20)] {
        let (dir, app) = demo_app(width, height);
        insta::assert_snapshot!(format!("main_all_{width}x{height}"), screen(&app, &dir));
    }
}

#[test]
fn the_panel_scrolls_and_says_when_there_is_more() {
    for (width, height) in [(200, 50), (120, 40), (80, 24)] {
        let (dir, mut app) = demo_app(width, height);
        select_title(&mut app, "Sales wants the pivot");
        let before = screen(&app, &dir);
        if !before.contains("↓ more") {
            assert!(before.contains("Outcome:"), "{before}");
            continue;
        }
        for _ in 0..20 {
            press(&mut app, KeyCode::Char('d'), KeyModifiers::CONTROL);
        }
        let after = screen(&app, &dir);
        assert!(after.contains("↑ more"), "{after}");
        assert!(!after.contains("↓ more"), "{after}");
        assert!(after.contains("Outcome:"), "{after}");
        insta::assert_snapshot!(format!("panel_scrolled_{width}x{height}"), after);
        // Another item starts from the top.
        key(&mut app, 'j');
        assert!(!screen(&app, &dir).contains("↑ more"));
    }
    // The small screen's hint names the key that shows the panel, which then reads whole.
    let (dir, mut app) = demo_app(60, 20);
    let text = screen(&app, &dir);
    assert!(text.contains("z shows the recommendation"), "{text}");
    key(&mut app, 'z');
    let zoomed = screen(&app, &dir);
    assert!(
        zoomed.contains("Recommendation") && zoomed.contains("Sync budget"),
        "{zoomed}"
    );
    insta::assert_snapshot!("panel_zoomed_60x20", zoomed);
}

#[test]
fn the_wheel_over_the_panel_scrolls_the_panel_not_the_list() {
    let (_dir, mut app) = demo_app(80, 24);
    select_title(&mut app, "Sales wants the pivot");
    let selected = app.items.selected();
    app.handle(Event::ScrollDown { column: 60, row: 5 });
    assert_eq!(app.items.selected(), selected);
    assert!(app.panel.scroll() > 0);
    app.handle(Event::ScrollDown { column: 5, row: 5 });
    assert_eq!(app.items.selected(), selected + 1);
}

/// Whether `row` shows a prefix of `whole` (8 characters or more) that stops short without
/// an ellipsis: a word cut by the border.
fn cut_in(row: &str, whole: &str) -> Option<String> {
    let chars: Vec<char> = whole.chars().collect();
    for n in (8..chars.len()).rev() {
        let prefix: String = chars[..n].iter().collect();
        let mid_word = chars[n - 1].is_alphanumeric() && chars[n].is_alphanumeric();
        if let Some(at) = row.find(&prefix) {
            let next = row[at + prefix.len()..].chars().next();
            let stops = !next.is_some_and(|c| c.is_alphanumeric() || c == '…');
            return (mid_word && stops).then_some(prefix);
        }
    }
    None
}

#[test]
fn no_word_is_cut_where_the_row_has_room() {
    let clock = clock();
    let items = demo_week(clock.this_week(), clock.utc);
    for (width, height) in [(200, 50), (120, 40), (80, 24), (60, 20)] {
        let (dir, app) = demo_app(width, height);
        let text = screen(&app, &dir);
        for row in text.lines() {
            for item in &items {
                for field in [&item.title, &item.with] {
                    if let Some(cut) = cut_in(row, field) {
                        panic!("{width}x{height}: {cut:?} cut without an ellipsis:\n{text}");
                    }
                }
            }
        }
        // The header keeps its counts whole, and the budget its units.
        let header = text.lines().next().unwrap();
        assert!(header.contains("private 5"), "{header}");
        assert!(!text.contains(" m\n") && !text.contains(" m│"), "{text}");
    }
}

#[test]
fn wide_and_zero_width_titles_keep_the_columns_aligned() {
    let clock = clock();
    let week = clock.this_week();
    let titles = [
        "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} family offsite planning",
        "Zero\u{200b}width\u{200b}spaces\u{2060}and\u{feff}joiners",
        "季度计划评审 with the platform team",
        "Caf\u{e9} e\u{301}clair \u{2764}\u{fe0f} \u{1f44d}\u{1f3fd} thanks",
        "Plain ASCII title that is long enough to be cut somewhere",
    ];
    let items: Vec<Item> = titles
        .iter()
        .enumerate()
        .map(|(n, title)| {
            let mut item = Item::new(n as u32 + 1, title, week, Day::Tue, clock.utc);
            item.with = "团队 \u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}".into();
            item
        })
        .collect();
    for (width, height) in [(200, 50), (120, 40), (80, 24), (60, 20)] {
        let (_dir, app) = app_with(items.clone(), width, height);
        let buffer = draw(&app, width, height).unwrap();
        // The day column: every item row has `tue` in the cells where the header has `Day`.
        let cells = |y: u16| -> Vec<String> {
            (0..width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect()
        };
        let header = cells(2);
        let day_x = (0..header.len() - 2)
            .find(|&x| header[x] == "D" && header[x + 1] == "a" && header[x + 2] == "y")
            .unwrap_or_else(|| panic!("no Day column at {width}x{height}"));
        for y in 3..3 + titles.len() as u16 {
            let row = cells(y);
            let day: String = row[day_x..day_x + 3].concat();
            assert_eq!(day, "tue", "{width}x{height} row {y}: {}", row.concat());
            // No cell draws a zero-width character or a joined sequence.
            for symbol in &row {
                assert!(
                    !symbol.contains(['\u{200b}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{fe0f}']),
                    "{width}x{height} row {y}: {symbol:?}"
                );
            }
        }
        insta::assert_snapshot!(
            format!("wide_titles_{width}x{height}"),
            buffer_text(&buffer)
        );
    }
}

#[test]
fn another_item_in_the_selected_row_starts_its_panel_from_the_top() {
    // The item below takes the deleted one's row: its panel is not left scrolled.
    let (dir, mut app) = demo_app(80, 24);
    select_title(&mut app, "Sales wants the pivot");
    app.handle(Event::ScrollDown { column: 60, row: 5 });
    assert!(app.panel.scroll() > 0);
    let row = app.items.selected();
    key(&mut app, 'd');
    key(&mut app, 'y');
    assert_eq!(app.items.selected(), row, "{}", screen(&app, &dir));
    assert_eq!(app.panel.scroll(), 0, "{}", screen(&app, &dir));

    // So does the item a filter leaves in the row.
    let (dir, mut app) = demo_app(80, 24);
    for _ in 1..app.view.rows.len() {
        key(&mut app, 'j');
    }
    app.handle(Event::ScrollDown { column: 60, row: 5 });
    assert!(app.panel.scroll() > 0, "{}", screen(&app, &dir));
    let first = app.view.rows[0].item.title.clone();
    key(&mut app, '/');
    for c in first.chars() {
        key(&mut app, c);
    }
    assert_eq!(app.view.rows[app.items.selected()].item.title, first);
    assert_eq!(app.panel.scroll(), 0, "{}", screen(&app, &dir));
}

#[test]
fn the_help_scrolled_to_its_end_stays_inside_its_page_through_a_resize() {
    let (dir, mut app) = demo_app(80, 24);
    key(&mut app, '?');
    for _ in 0..200 {
        key(&mut app, 'j');
    }
    assert!(screen(&app, &dir).contains("Question"));
    for (width, height) in [(200, 60), (60, 20), (120, 40), (80, 24)] {
        app.handle(Event::Resize { width, height });
        assert_eq!(app.mode, Mode::Help);
        assert!(
            app.help.offset() <= app.help.max_offset(),
            "{width}x{height}"
        );
        let text = screen(&app, &dir);
        assert!(text.contains("Keys · "), "{width}x{height}: {text}");
        // Scrolled no further than a full page: its last row is the help's last line.
        if app.help.offset() > 0 {
            for _ in 0..200 {
                key(&mut app, 'j');
            }
            assert!(app.help.offset() <= app.help.max_offset());
        }
    }
}
