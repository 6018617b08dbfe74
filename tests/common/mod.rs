//! Setup shared by the TUI tests: an app on a store, with today pinned and a 120×40 screen.

use syncwise::clock::Clock;
use syncwise::store::Store;
use syncwise::tui::keymap::Keymap;
use syncwise::tui::theme::Theme;
use syncwise::tui::{Action, App};

/// The day every TUI test takes as today: Wednesday of 2026-W48.
pub const TODAY: &str = "2026-11-25";

/// The pinned clock of the tests.
pub fn clock() -> Clock {
    Clock::pinned(TODAY).expect("a valid date")
}

/// The TUI on `store`, without colours, drawn on a 120×40 screen.
pub fn open_app(store: &Store) -> App {
    let mut app = App::open(
        store.clone(),
        clock(),
        false,
        Keymap::default(),
        Theme::new(true),
    )
    .expect("the store opens");
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app
}
