//! Colours and emphasis, with a plain variant for `NO_COLOR` that relies on bold, dim and reverse.

use ratatui::style::{Color, Modifier, Style};

use crate::core::Medium;
use crate::core::budget::Zone;

/// The styles the TUI draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    color: bool,
}

impl Theme {
    /// Colours on, unless `no_color` (the `NO_COLOR` convention: set and not empty).
    pub fn new(no_color: bool) -> Theme {
        Theme { color: !no_color }
    }

    /// The theme the environment asks for.
    pub fn from_env() -> Theme {
        Theme::new(crate::env::no_color())
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn medium(&self, medium: Medium) -> Style {
        match medium {
            Medium::Async => self.fg(Color::Cyan),
            Medium::Sync => self.fg(Color::Magenta),
            Medium::BriefThenSync => self.fg(Color::Blue),
        }
    }

    pub fn zone(&self, zone: Zone) -> Style {
        match zone {
            Zone::Green => self.fg(Color::Green),
            Zone::Amber => self.fg(Color::Yellow),
            Zone::Red => self.fg(Color::Red).add_modifier(Modifier::BOLD),
        }
    }

    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn good(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn border(&self) -> Style {
        self.fg(Color::Gray)
    }

    pub fn focus_border(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
}
