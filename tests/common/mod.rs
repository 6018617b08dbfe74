//! Setup shared by the tests: the binary with a store and today pinned, and the TUI on a
//! store at 120×40.

// Each test crate uses part of this module.
#![allow(dead_code)]

pub mod cli;
pub mod python;
pub mod radicale;

use std::path::Path;

use syncwise::core::Item;
use syncwise::core::clock::Clock;
use syncwise::store::{Store, StoreError};
use syncwise::tui::keymap::Keymap;
use syncwise::tui::theme::Theme;
use syncwise::tui::{App, Event};

/// The day every TUI test takes as today: Wednesday of 2026-W48.
pub const TODAY: &str = "2026-11-25";

/// The real binary on the store in `dir`, with today pinned and the clock in UTC.
pub fn syncwise(dir: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("syncwise").expect("the binary is built");
    cmd.env("SYNCWISE_DIR", dir)
        .env("SYNCWISE_TODAY", TODAY)
        .env("TZ", "UTC");
    cmd
}

/// The pinned clock of the tests.
pub fn clock() -> Clock {
    syncwise::env::pinned_clock(TODAY).expect("a valid date")
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
    app.handle(Event::Resize {
        width: 120,
        height: 40,
    });
    app
}

/// The TUI on a fresh store in `dir` holding `items`, without colours, drawn on a
/// `width` × `height` screen.
pub fn app_on(dir: &Path, items: Vec<Item>, keymap: Keymap, width: u16, height: u16) -> App {
    Store::at(dir)
        .update(|plan| {
            plan.next_id = items.iter().map(|i| i.id).max().unwrap_or(0) + 1;
            plan.items = items;
            Ok::<_, StoreError>(())
        })
        .expect("the store takes the items");
    let mut app = App::open(Store::at(dir), clock(), false, keymap, Theme::new(true))
        .expect("the store opens");
    app.handle(Event::Resize { width, height });
    app
}
