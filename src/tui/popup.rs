//! A bordered box drawn over the screen, centred, for the help, the form and the picker.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear};

use super::theme::Theme;

/// Clears a centred area of at most `width` × `height`, and a column on each side so that
/// no stray character of the screen below touches its border, and draws a titled border;
/// returns the area inside the border.
pub fn open(frame: &mut Frame, width: u16, height: u16, title: &str, theme: &Theme) -> Rect {
    let screen = frame.area();
    let area = screen.centered(
        Constraint::Length(width.min(screen.width)),
        Constraint::Length(height.min(screen.height)),
    );
    // Sideways only: a row above or below is the header, a border or the footer.
    let margin = Rect::new(
        area.x.saturating_sub(1),
        area.y,
        area.width.saturating_add(2),
        area.height,
    )
    .intersection(screen);
    frame.render_widget(Clear, margin);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Line::styled(format!(" {title} "), theme.heading()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}
