//! The add form that advises as it is typed: snapshots of the form with an inferred intent
//! and its live advice at four screen sizes, the intent following the title into the store,
//! and a 1 MB bracketed paste timed from the event to the redrawn screen.

mod common;

use common::clock;

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use syncwise::core::demo::demo_week;
use syncwise::core::patch::MAX_TITLE;
use syncwise::core::{Intent, Item};
use syncwise::store::Store;
use syncwise::tui::app::Mode;
use syncwise::tui::keymap::Keymap;
use syncwise::tui::{App, Event, buffer_text, draw};
use tempfile::TempDir;

/// An app on a fresh store holding `items`, sized `width` × `height`.
fn app_with(items: Vec<Item>, width: u16, height: u16) -> (TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let app = common::app_on(dir.path(), items, Keymap::default(), width, height);
    (dir, app)
}

fn demo_app(width: u16, height: u16) -> (TempDir, App) {
    let clock = clock();
    app_with(demo_week(clock.this_week(), clock.utc), width, height)
}

fn press(app: &mut App, code: KeyCode) {
    app.handle(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let modifiers = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.handle(Event::Key(KeyEvent::new(KeyCode::Char(c), modifiers)));
    }
}

fn form(app: &App) -> &syncwise::tui::form::Form {
    match &app.mode {
        Mode::Form(form) => form,
        other => panic!("expected the form, got {other:?}"),
    }
}

fn screen(app: &App) -> String {
    buffer_text(&draw(app, app.screen.width, app.screen.height).unwrap())
}

/// The demo week, `a`, and a title typed: the form with an inferred intent and its advice.
fn feedback_form(width: u16, height: u16) -> (TempDir, App) {
    let (dir, mut app) = demo_app(width, height);
    type_text(&mut app, "a");
    type_text(&mut app, "Feedback to Sam on the incident write-up");
    (dir, app)
}

#[test]
fn the_form_shows_the_inferred_intent_and_its_live_advice_at_every_size() {
    for (width, height) in [(200, 50), (120, 40), (80, 24), (60, 20)] {
        let (_dir, app) = feedback_form(width, height);
        assert_eq!(form(&app).intent, Intent::Feedback);
        let text = screen(&app);
        assert!(text.contains("feedback"), "{width}x{height}\n{text}");
        assert!(text.contains("(from"), "{width}x{height}\n{text}");
        assert!(
            text.contains("sync · timebox 30 min"),
            "{width}x{height}\n{text}"
        );
        insta::assert_snapshot!(format!("form_inferred_{width}x{height}"), text);
    }
}

#[test]
fn the_advice_changes_as_the_form_changes_and_nothing_is_saved_until_enter() {
    let (dir, mut app) = feedback_form(120, 40);
    let before = std::fs::read(Store::at(dir.path()).path()).unwrap();
    let advice = app.view.form.clone().unwrap();
    assert_eq!(advice.item.intent, Intent::Feedback);
    assert_eq!(advice.recommendation.medium.id(), "sync");
    assert!(advice.item.private, "feedback is private by default");
    // Choosing async for feedback brings its warning at once.
    for _ in 0..5 {
        press(&mut app, KeyCode::Tab);
    }
    assert_eq!(
        form(&app).focused_kind(),
        syncwise::tui::form::FieldKind::Medium
    );
    // From auto, `a` moves on to the next choice starting with it.
    type_text(&mut app, "a");
    let advice = app.view.form.clone().unwrap();
    assert_eq!(advice.item.medium.id(), "async");
    let codes: Vec<_> = advice
        .recommendation
        .warnings
        .iter()
        .map(|w| w.code.to_string())
        .collect();
    assert!(codes.contains(&"conflict-by-text".to_string()), "{codes:?}");
    assert!(screen(&app).contains("conflict-by-text"));
    assert_eq!(
        std::fs::read(Store::at(dir.path()).path()).unwrap(),
        before,
        "nothing saved"
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.view.form, None);
}

#[test]
fn a_title_alone_saves_the_intent_it_was_read_as() {
    let (dir, mut app) = app_with(Vec::new(), 120, 40);
    type_text(&mut app, "a");
    type_text(&mut app, "Feedback to Sam on the incident write-up");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Normal);
    let plan = Store::at(dir.path()).load().unwrap();
    let item = plan.item(1).unwrap();
    assert_eq!(item.intent, Intent::Feedback);
    assert_eq!(item.minutes, 30, "the feedback timebox");
    assert!(item.private);
    let inferred = item.inferred.as_ref().expect("the inference is recorded");
    assert_eq!(inferred.intent, Intent::Feedback);
    assert!(!inferred.words.is_empty());
}

#[test]
fn a_one_megabyte_paste_is_one_capped_insertion_and_the_screen_comes_back_at_once() {
    let (_dir, mut app) = demo_app(120, 40);
    type_text(&mut app, "a");
    let mut text = String::with_capacity(1 << 20);
    while text.len() < (1 << 20) {
        text.push_str("Feedback to Sam, line after line\r\n\u{1b}[31m");
    }
    let start = Instant::now();
    app.handle(Event::Paste(text));
    let shown = screen(&app);
    let took = start.elapsed();
    println!("1 MB paste into the title, handled and drawn in {took:?}");
    assert!(took < Duration::from_secs(10), "a 1 MB paste took {took:?}");
    let form = form(&app);
    assert_eq!(form.title.len(), MAX_TITLE);
    assert!(
        form.title.value().chars().all(|c| !c.is_control()),
        "one clean line"
    );
    assert_eq!(form.intent, Intent::Feedback);
    let message = app.message.clone().unwrap();
    assert!(message.text.contains("more were left out"), "{message:?}");
    assert!(shown.contains("left out"), "{shown}");
    // The screen is responsive: the next key is handled as usual.
    let start = Instant::now();
    press(&mut app, KeyCode::Tab);
    screen(&app);
    println!("the next key after it: {:?}", start.elapsed());
    assert_eq!(form_focus(&app), 1);

    // The same paste into the filter is one capped insertion too.
    press(&mut app, KeyCode::Esc);
    type_text(&mut app, "/");
    let start = Instant::now();
    app.handle(Event::Paste("x".repeat(1 << 20)));
    screen(&app);
    println!("1 MB paste into the filter: {:?}", start.elapsed());
    assert!(app.filter.len() <= 200);
}

fn form_focus(app: &App) -> usize {
    form(app).focus
}

#[test]
fn a_warning_shows_in_the_advice_even_on_a_small_screen() {
    let (_dir, mut app) = feedback_form(60, 20);
    for _ in 0..5 {
        press(&mut app, KeyCode::Tab);
    }
    // Async for feedback: the warning is the first thing under the recommendation.
    type_text(&mut app, "a");
    let text = screen(&app);
    assert!(text.contains("! conflict-by-text"), "{text}");
    insta::assert_snapshot!("form_warning_60x20", text);
}

/// Tabs from the title to the start field.
fn focus_start(app: &mut App) {
    while form(app).focused_kind() != syncwise::tui::form::FieldKind::At {
        press(app, KeyCode::Tab);
    }
}

fn start(text: &str) -> Option<chrono::NaiveTime> {
    Some(syncwise::core::slot::parse_time(text).unwrap())
}

#[test]
fn a_start_typed_in_the_form_is_saved_pinned_and_shows_in_the_week_grid() {
    let (dir, mut app) = app_with(Vec::new(), 120, 40);
    type_text(&mut app, "a");
    type_text(&mut app, "Brainstorm the Q1 offsite themes");
    focus_start(&mut app);
    let text = screen(&app);
    assert!(text.contains("At        "), "{text}");
    assert!(text.contains("start of the sync part, HH:MM"), "{text}");
    type_text(&mut app, "9:05");
    let text = screen(&app);
    assert!(text.contains("(pinned on saving)"), "{text}");
    insta::assert_snapshot!("form_start_120x40", text);
    // The live advice judges the start typed so far.
    assert_eq!(app.view.form.as_ref().unwrap().item.at, start("09:05"));

    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Normal);
    let item = Store::at(dir.path())
        .load()
        .unwrap()
        .item(1)
        .cloned()
        .unwrap();
    assert_eq!(item.intent, Intent::Brainstorm);
    assert_eq!(item.at, start("09:05"));
    assert!(
        item.at_pinned,
        "a start the user gives is pinned, as --at pins it"
    );

    // Edited, the form shows the start it has, and saving something else keeps it.
    type_text(&mut app, "e");
    assert_eq!(form(&app).at.value(), "09:05");
    assert!(screen(&app).contains("09:05  (pinned)"));
    press(&mut app, KeyCode::Esc);

    // The week grid shows the start with the item, under its day.
    type_text(&mut app, "v");
    let grid = screen(&app);
    let row = grid
        .lines()
        .find(|l| l.contains("09:05 Brai"))
        .unwrap_or_else(|| panic!("the slot in the grid\n{grid}"));
    let wed = grid.lines().find(|l| l.contains("wed 25")).unwrap();
    // Columns in characters: the marks before the start are two.
    let column = |line: &str, text: &str| line[..line.find(text).unwrap()].chars().count();
    assert_eq!(
        column(row, "09:05"),
        column(wed, "wed 25") + 2,
        "under Wednesday, the item's day\n{grid}"
    );

    // Emptied, the start is cleared and no longer pinned.
    type_text(&mut app, "v");
    type_text(&mut app, "e");
    focus_start(&mut app);
    app.handle(Event::Key(KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
    )));
    press(&mut app, KeyCode::Enter);
    let item = Store::at(dir.path())
        .load()
        .unwrap()
        .item(1)
        .cloned()
        .unwrap();
    assert_eq!((item.at, item.at_pinned), (None, false));
}

#[test]
fn an_invalid_start_is_refused_with_the_cores_message_and_nothing_is_saved() {
    let (dir, mut app) = app_with(Vec::new(), 80, 24);
    type_text(&mut app, "a");
    type_text(&mut app, "Brainstorm the Q1 offsite themes");
    focus_start(&mut app);
    type_text(&mut app, "25:00");
    // Away from the field, so the error is what the focus comes back to.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    let form = form(&app);
    assert_eq!(form.focused_kind(), syncwise::tui::form::FieldKind::At);
    let error = syncwise::core::slot::parse_at("25:00")
        .unwrap_err()
        .to_string();
    assert_eq!(
        form.error(syncwise::tui::form::FieldKind::At),
        Some(&*error)
    );
    let text = screen(&app);
    assert!(text.contains("↳ '25:00' is not a time of day"), "{text}");
    assert!(
        text.contains("            14:30, or none)"),
        "the error is wrapped under its field, whole\n{text}"
    );
    insta::assert_snapshot!("form_start_refused_80x24", text);
    let plan = Store::at(dir.path()).load().unwrap();
    assert!(plan.items.is_empty(), "nothing saved");

    // A written update's start field says it only applies to a sync.
    press(&mut app, KeyCode::Esc);
    type_text(&mut app, "a");
    type_text(&mut app, "Weekly status for the platform team");
    focus_start(&mut app);
    let text = screen(&app);
    assert!(text.contains("only applies to a sync"), "{text}");
}
