//! A bordered box drawn over the screen, centred, for the help, the form and the picker.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear};

use super::theme::Theme;

/// Clears a centred area of at most `width` × `height` and draws a titled border; returns
/// the area inside the border.
pub fn open(frame: &mut Frame, width: u16, height: u16, title: &str, theme: &Theme) -> Rect {
    let screen = frame.area();
    let area = screen.centered(
        Constraint::Length(width.min(screen.width)),
        Constraint::Length(height.min(screen.height)),
    );
    frame.render_widget(Clear, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Line::styled(format!(" {title} "), theme.heading()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}
