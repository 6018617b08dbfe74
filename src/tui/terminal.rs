//! The terminal session: raw mode, alternate screen and mouse capture on entry, and the
//! terminal restored on every way out (quit, error, panic, signal).

use std::io::{self, Stdout};
use std::sync::Once;

use anyhow::Result;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// The terminal in TUI mode; dropping it gives the terminal back as it was.
pub struct Session {
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
    mouse: bool,
}

fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

impl Session {
    /// Enters raw mode, the alternate screen and mouse capture.
    pub fn enter() -> Result<Session> {
        install_panic_hook();
        enable_raw_mode()?;
        let entered = execute!(
            io::stdout(),
            EnterAlternateScreen,
            EnableMouseCapture,
            EnableBracketedPaste
        )
        .map_err(anyhow::Error::from)
        .and_then(|()| Ok(Terminal::new(CrosstermBackend::new(io::stdout()))?));
        match entered {
            Ok(terminal) => Ok(Session {
                terminal,
                mouse: true,
            }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }

    /// Takes or releases the mouse (released, the terminal selects text again).
    pub fn capture_mouse(&mut self, capture: bool) -> Result<()> {
        if capture != self.mouse {
            if capture {
                execute!(io::stdout(), EnableMouseCapture)?;
            } else {
                execute!(io::stdout(), DisableMouseCapture)?;
            }
            self.mouse = capture;
        }
        Ok(())
    }
}

impl Session {
    /// Asks the terminal to put `text` on the system clipboard (OSC 52). Terminals that do
    /// not support it ignore the request.
    pub fn copy_to_clipboard(&mut self, text: &str) -> Result<()> {
        use base64::Engine as _;
        use std::io::Write as _;
        let encoded = base64::engine::general_purpose::STANDARD.encode(text);
        let mut out = io::stdout();
        write!(out, "\x1b]52;c;{encoded}\x07")?;
        out.flush()?;
        Ok(())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
    }
}
