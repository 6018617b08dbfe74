//! The footer fed by the keymap table: at each size it keeps the keys of the lowest ranks
//! whole (the review's `R` at 120 columns), and the help whatever else it must drop.

mod common;

use common::clock;
use syncwise::core::demo::demo_week;
use syncwise::tui::app::Message;
use syncwise::tui::keymap::Keymap;
use syncwise::tui::{App, buffer_text, draw};
use tempfile::TempDir;

fn demo_app(width: u16, height: u16) -> (TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let clock = clock();
    let items = demo_week(clock.this_week(), clock.utc);
    let app = common::app_on(dir.path(), items, Keymap::default(), width, height);
    (dir, app)
}

fn footer(app: &App) -> String {
    let text = buffer_text(&draw(app, app.screen.width, app.screen.height).unwrap());
    text.lines()
        .last()
        .unwrap_or_default()
        .trim_end()
        .to_string()
}

#[test]
fn the_footer_fits_what_matters_at_each_width() {
    let (_dir, app) = demo_app(120, 40);
    let wide = footer(&app);
    assert!(wide.starts_with("?/F1 help · q/C-c quit · a add"), "{wide}");
    assert!(
        wide.contains("R review"),
        "the review shows at 120 columns: {wide}"
    );
    assert!(
        !wide.contains("h heat"),
        "the least useful leaves first: {wide}"
    );
    assert!(wide.chars().count() <= 120);

    let (_dir, app) = demo_app(80, 24);
    let narrow = footer(&app);
    assert_eq!(
        narrow,
        "?/F1 help · q/C-c quit · a add · e edit · m medium · Enter accept · i intent"
    );

    let (_dir, app) = demo_app(200, 50);
    assert!(footer(&app).ends_with("v week · R review"));
}

#[test]
fn a_long_message_is_cut_to_keep_the_help_in_view() {
    for width in [120, 80, 60] {
        let (_dir, mut app) = demo_app(width, 24);
        app.message = Some(Message {
            text: "word ".repeat(60),
            error: true,
        });
        let line = footer(&app);
        assert!(line.ends_with("│ ?/F1 help"), "{width}: {line}");
        assert!(line.contains("word word"), "{width}: {line}");
        // A short one leaves room for more keys.
        app.message = Some(Message {
            text: "Saved #1".into(),
            error: false,
        });
        let line = footer(&app);
        assert!(
            line.starts_with("Saved #1  │ ?/F1 help · q/C-c quit"),
            "{width}: {line}"
        );
    }
}

#[test]
fn the_help_stays_beside_a_long_message_on_any_screen() {
    for width in [59, 50, 44, 40, 36, 30, 24] {
        let (_dir, mut app) = demo_app(width, 24);
        app.message = Some(Message {
            text: "word ".repeat(60),
            error: true,
        });
        let line = footer(&app);
        assert!(line.ends_with("?/F1 help"), "{width}: {line:?}");
        assert!(
            line.chars().count() <= usize::from(width),
            "{width}: {line:?}"
        );
    }
}

#[test]
fn a_long_filter_shows_its_end_and_leaves_the_keys_their_room() {
    use syncwise::tui::Action;
    for width in [120, 80] {
        let (_dir, mut app) = demo_app(width, 24);
        app.update(Action::Filter);
        let typed = format!("{}roadmap", "a very long filter ".repeat(10));
        for c in typed.chars() {
            app.update(Action::Input(c));
        }
        let line = footer(&app);
        assert!(
            line.contains("roadmap▏"),
            "the end being typed shows: {line}"
        );
        assert!(line.starts_with("/…"), "the start is cut: {line}");
        assert!(
            line.contains("Enter keep") && line.contains("Esc clear"),
            "{width}: {line}"
        );
    }
}
