//! The week grid and the review screen on the sample week with its calendar (the meetings
//! of `tests/fixtures/week48.ics`, eight weeks of them): insta snapshots on ratatui's
//! `TestBackend` at four sizes, and the keys that open, use and close them.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use syncwise::core::ChosenMedium;
use syncwise::core::clock::Clock;
use syncwise::core::demo::demo_week;
use syncwise::core::ops;
use syncwise::store::Store;
use syncwise::tui::app::Mode;
use syncwise::tui::keymap::Keymap;
use syncwise::tui::theme::Theme;
use syncwise::tui::{App, Event, Screen, buffer_text, draw};
use tempfile::TempDir;

/// Wednesday of ISO week 2026-W48.
const TODAY: &str = "2026-11-25";
const SIZES: [(u16, u16); 4] = [(200, 50), (120, 40), (80, 24), (60, 20)];

fn clock() -> Clock {
    syncwise::env::pinned_clock(TODAY).unwrap()
}

/// A store with the sample week and eight weeks of the fixture calendar up to it.
fn store() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let clock = clock();
    let week = clock.this_week();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/week48.ics"
    ))
    .unwrap();
    let calendar = syncwise::ics::parse(&text).unwrap();
    let zone = syncwise::ics::user_zone("Europe/Berlin").unwrap();
    Store::at(dir.path())
        .update(|plan| {
            plan.add_all(demo_week(week, clock.utc));
            let import =
                ops::read_import(&calendar, &plan.settings, week.offset(-7), 8, zone, None);
            ops::import_meetings(plan, &import, false, chrono::Utc::now())
                .map(|_| ())
                .map_err(|e| anyhow::anyhow!(e))
        })
        .unwrap();
    dir
}

fn app(dir: &TempDir, width: u16, height: u16) -> App {
    let mut app = App::open(
        Store::at(dir.path()),
        clock(),
        false,
        Keymap::default(),
        Theme::new(true),
    )
    .unwrap();
    app.handle(Event::Resize { width, height });
    app
}

fn press(app: &mut App, code: KeyCode) {
    let modifiers = match code {
        KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    let action = app
        .action_for_key(&KeyEvent::new(code, modifiers))
        .unwrap_or_else(|| panic!("{code:?} does nothing in {:?}", app.mode));
    app.update(action);
}

fn key(app: &mut App, c: char) {
    press(app, KeyCode::Char(c));
}

fn screen(app: &App) -> String {
    buffer_text(&draw(app, app.screen.width, app.screen.height).unwrap())
}

#[test]
fn the_week_grid_at_every_size() {
    let dir = store();
    for (width, height) in SIZES {
        let mut app = app(&dir, width, height);
        key(&mut app, 'v');
        assert!(app.week_view);
        insta::assert_snapshot!(format!("week_{width}x{height}"), screen(&app));
    }
}

#[test]
fn the_review_at_every_size() {
    let dir = store();
    for (width, height) in SIZES {
        let mut app = app(&dir, width, height);
        key(&mut app, 'R');
        assert_eq!(app.mode, Mode::Review);
        insta::assert_snapshot!(format!("review_{width}x{height}"), screen(&app));
    }
}

#[test]
fn the_grid_shows_the_calendar_the_totals_and_the_focus_blocks() {
    let dir = store();
    let mut app = app(&dir, 120, 40);
    key(&mut app, 'v');
    let text = screen(&app);
    // The daily standup at nine, Wednesday's bare "Sync" at two.
    let nine = text.lines().find(|l| l.contains("09:00")).unwrap();
    assert_eq!(nine.matches("Team standup").count(), 5, "{nine}");
    let two = text.lines().find(|l| l.contains("14:00")).unwrap();
    assert!(two.contains("Sync"), "{two}");
    // Each day's sync minutes against the red line, as the gauge counts them.
    for day in &app.view.budget.per_day[..5] {
        assert!(text.contains(&format!("{}/180", day.minutes)), "{day:?}");
    }
    // Wednesday's longest free stretch ends where the sync starts.
    assert!(text.contains("9:30–14 4h30"), "{text}");
    assert!(text.contains("┃ free"));
}

#[test]
fn the_grid_moves_and_acts_on_the_lists_selection() {
    let dir = store();
    let mut app = app(&dir, 120, 40);
    key(&mut app, 'v');
    // The selected item is marked in the grid; j moves to the next item of the week.
    let first = screen(&app);
    assert!(first.contains("▸ Weekly sta…"), "{first}");
    for _ in 0..4 {
        key(&mut app, 'j');
    }
    let selected = app.selected_item().unwrap().clone();
    assert_eq!(selected.title, "Feedback to Sam on the incident write-up");
    let text = screen(&app);
    assert!(text.contains("▸!Feedback t…"), "{text}");
    assert!(!text.contains("▸ Weekly sta…"));
    // m changes the selected item, in the store, with the grid still shown.
    key(&mut app, 'm');
    assert!(app.week_view);
    let stored = Store::at(dir.path()).load().unwrap();
    assert_ne!(stored.item(selected.id).unwrap().medium, selected.medium);
    // Enter follows the recommendation again.
    press(&mut app, KeyCode::Enter);
    let stored = Store::at(dir.path()).load().unwrap();
    assert_eq!(stored.item(selected.id).unwrap().medium, ChosenMedium::Auto);
    // v goes back to the list, on the same item.
    key(&mut app, 'v');
    assert!(!app.week_view);
    assert_eq!(app.selected_item().unwrap().id, selected.id);
    assert!(screen(&app).contains("Pending communications"));
}

#[test]
fn the_review_opens_and_closes_with_its_keys() {
    let dir = store();
    let mut app = app(&dir, 120, 40);
    key(&mut app, 'R');
    let text = screen(&app);
    assert!(
        text.contains("Review · sync time, 2026-W41 to 2026-W48"),
        "{text}"
    );
    assert!(text.contains("Esc/R/q close"), "{text}");
    // The standups count from W45, when the series starts; W48 adds the sample week.
    let review = app.view.review.clone().unwrap();
    let minutes: Vec<u32> = review.weeks.iter().map(|w| w.budget.sync_minutes).collect();
    assert_eq!(&minutes[..4], &[0, 0, 0, 0]);
    assert_eq!(&minutes[4..7], &[150, 150, 150]);
    assert!(text.contains("Recommendations followed on"), "{text}");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Normal);
    assert!(app.view.review.is_none());
    key(&mut app, 'R');
    key(&mut app, 'R');
    assert_eq!(app.mode, Mode::Normal);
    // The gauge's sparkline says what it shows.
    assert!(screen(&app).contains("sync min"), "{}", screen(&app));
}

#[test]
fn snapshot_draws_the_week_grid_and_the_review() {
    let dir = store();
    let week = clock().this_week();
    let grid = syncwise::tui::snapshot(
        Store::at(dir.path()),
        clock(),
        week,
        (120, 40),
        Screen::Week,
    )
    .unwrap();
    assert!(grid.contains("Week grid (14 items)"), "{grid}");
    let review = syncwise::tui::snapshot(
        Store::at(dir.path()),
        clock(),
        week,
        (120, 40),
        Screen::Review,
    )
    .unwrap();
    assert!(review.contains("Review · sync time"), "{review}");
    let main = syncwise::tui::snapshot(
        Store::at(dir.path()),
        clock(),
        week,
        (120, 40),
        Screen::Main,
    )
    .unwrap();
    assert!(main.contains("Pending communications"), "{main}");
}

#[test]
fn a_scheduled_sync_shows_its_start_in_the_week_grid() {
    let dir = store();
    let week = clock().this_week();
    Store::at(dir.path())
        .update(|plan| {
            let now = clock();
            ops::schedule(plan, week, now.local, now.utc)
                .map(|_| ())
                .map_err(|e| anyhow::anyhow!(e))
        })
        .unwrap();
    let plan = Store::at(dir.path()).load().unwrap();
    let slotted = plan
        .week_items(week)
        .into_iter()
        .find(|i| i.at.is_some())
        .expect("schedule gave a sync a start");
    let at = slotted.at.unwrap().format("%H:%M").to_string();
    let mut app = app(&dir, 200, 50);
    key(&mut app, 'v');
    let text = screen(&app);
    assert!(text.contains(&format!("{at} ")), "{at}: {text}");
}
