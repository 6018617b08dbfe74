//! What happens to the TUI that is not a key of the keymap: the terminal's size, time
//! passing, the mouse and pasted text. Events are turned into the user's actions at the
//! edge (`App::handle`); `update` sees only actions.

use ratatui::crossterm::event::{
    Event as TerminalEvent, KeyEvent, MouseButton, MouseEvent, MouseEventKind,
};

/// Something that happened at the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A key, read through the keymap of the current mode.
    Key(KeyEvent),
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    /// The left mouse button went down at this cell.
    Click {
        column: u16,
        row: u16,
    },
    /// The mouse wheel turned, over this cell.
    ScrollDown {
        column: u16,
        row: u16,
    },
    ScrollUp {
        column: u16,
        row: u16,
    },
    /// The terminal changed size.
    Resize {
        width: u16,
        height: u16,
    },
    /// Nothing happened for a while: look for changes from other processes.
    Tick,
}

impl Event {
    /// The event of a mouse event, for the mouse events the TUI uses.
    pub fn from_mouse(mouse: &MouseEvent) -> Option<Event> {
        match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Event::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            MouseEventKind::ScrollDown => Some(Event::ScrollDown {
                column: mouse.column,
                row: mouse.row,
            }),
            MouseEventKind::ScrollUp => Some(Event::ScrollUp {
                column: mouse.column,
                row: mouse.row,
            }),
            _ => None,
        }
    }

    /// The event of a terminal event; the mouse counts only while the TUI captures it.
    pub fn from_terminal(event: TerminalEvent, mouse_captured: bool) -> Option<Event> {
        match event {
            TerminalEvent::Key(key) => Some(Event::Key(key)),
            TerminalEvent::Mouse(mouse) if mouse_captured => Event::from_mouse(&mouse),
            TerminalEvent::Paste(text) => Some(Event::Paste(text)),
            TerminalEvent::Resize(width, height) => Some(Event::Resize { width, height }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn mouse(kind: MouseEventKind) -> MouseEvent {
        MouseEvent {
            kind,
            column: 4,
            row: 7,
            modifiers: KeyModifiers::NONE,
        }
    }

    #[test]
    fn the_mouse_counts_only_while_captured_and_only_for_the_left_button_and_wheel() {
        let click = TerminalEvent::Mouse(mouse(MouseEventKind::Down(MouseButton::Left)));
        assert_eq!(
            Event::from_terminal(click.clone(), true),
            Some(Event::Click { column: 4, row: 7 })
        );
        assert_eq!(Event::from_terminal(click, false), None);
        assert_eq!(
            Event::from_mouse(&mouse(MouseEventKind::Down(MouseButton::Right))),
            None
        );
        assert_eq!(
            Event::from_mouse(&mouse(MouseEventKind::ScrollUp)),
            Some(Event::ScrollUp { column: 4, row: 7 })
        );
        let key = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(
            Event::from_terminal(TerminalEvent::Key(key), false),
            Some(Event::Key(key))
        );
        assert_eq!(
            Event::from_terminal(TerminalEvent::Resize(80, 24), false),
            Some(Event::Resize {
                width: 80,
                height: 24
            })
        );
    }
}
