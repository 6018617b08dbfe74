//! The terminal UI: an `App` state; terminal events turned into `Action`s at the edge (keys
//! through one keymap table); `update` to change the state, after which the `View` is
//! derived once; `render` to draw that view.

pub mod action;
pub mod app;
pub mod calendar;
pub mod confirm;
pub mod event;
pub mod footer;
pub mod form;
pub mod form_view;
pub mod gauge;
pub mod header;
pub mod help;
pub mod history;
pub mod items;
pub mod keymap;
pub mod layout;
pub mod list_state;
pub mod mode;
pub mod picker;
pub mod popup;
pub mod recommendation;
pub mod render;
pub mod review;
pub mod review_view;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod week;
pub mod week_view;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event as terminal_event;

use crate::core::clock::Clock;
use crate::core::week::IsoWeek;
use crate::store::Store;

pub use action::Action;
pub use app::App;
pub use event::Event;
pub use render::render;

/// How long the TUI waits for input before it looks for changes from other processes.
const TICK: Duration = Duration::from_millis(500);

/// The keymap with the user's `keys.conf` applied, if there is one.
pub fn keymap_for(store: &Store) -> Result<keymap::Keymap> {
    match store.read_beside(keymap::CONFIG_FILE)? {
        None => Ok(keymap::Keymap::default()),
        Some(text) => {
            let path = store.dir().join(keymap::CONFIG_FILE);
            Ok(keymap::Keymap::with_config(
                &path.display().to_string(),
                &text,
            )?)
        }
    }
}

/// Runs the TUI until the user quits or the process is asked to stop.
pub fn run(store: Store, clock: Clock, live_clock: bool) -> Result<()> {
    let keymap = keymap_for(&store)?;
    let mut app = App::open(store, clock, live_clock, keymap, theme::Theme::from_env())?;

    let stop = Arc::new(AtomicBool::new(false));
    // A first SIGTERM or SIGINT ends the loop and restores the terminal; a second one ends
    // the process at once. SIGHUP keeps its default: the terminal is gone, and every change
    // is already saved.
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT] {
        signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&stop))
            .context("cannot watch for signals")?;
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .context("cannot watch for signals")?;
    }

    let mut term = terminal::Session::enter()?;
    let size = term.terminal.size()?;
    app.handle(Event::Resize {
        width: size.width,
        height: size.height,
    });
    while !app.quit && !stop.load(Ordering::Relaxed) {
        term.terminal.draw(|frame| render(&app, frame))?;
        let event = if terminal_event::poll(TICK)? {
            Event::from_terminal(terminal_event::read()?, app.mouse_captured)
        } else {
            Some(Event::Tick)
        };
        if let Some(event) = event {
            app.handle(event);
        }
        if let Some(text) = app.clipboard.take() {
            term.copy_to_clipboard(&text)?;
        }
        term.capture_mouse(app.mouse_captured)?;
    }
    Ok(())
}

/// Which screen a snapshot draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Screen {
    /// The list of items beside the recommendation and the gauge.
    #[default]
    Main,
    /// The week grid in place of the list.
    Week,
    /// The review of the last weeks.
    Review,
}

/// Renders a screen of `week` once, as plain text lines without trailing spaces.
pub fn snapshot(
    store: Store,
    clock: Clock,
    week: IsoWeek,
    (width, height): (u16, u16),
    screen: Screen,
) -> Result<String> {
    let keymap = keymap_for(&store)?;
    let mut app = App::open(store, clock, false, keymap, theme::Theme::new(true))?;
    app.handle(Event::Resize { width, height });
    app.show_week(week);
    match screen {
        Screen::Main => {}
        Screen::Week => app.update(Action::ToggleWeekView),
        Screen::Review => app.update(Action::OpenReview),
    }
    Ok(buffer_text(&draw(&app, width, height)?))
}

/// Draws the app once on an off-screen terminal of the given size.
pub fn draw(app: &App, width: u16, height: u16) -> Result<Buffer> {
    let mut terminal = Terminal::new(TestBackend::new(width, height))?;
    let frame = terminal.draw(|frame| render(app, frame))?;
    Ok(frame.buffer.clone())
}

/// A buffer as text: one line per row, trailing spaces trimmed, wide characters once.
pub fn buffer_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::with_capacity(usize::from(area.width + 1) * usize::from(area.height));
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
