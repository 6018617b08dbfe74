//! The recommendation panel, drawn from `panel`'s lines: scrolled as the app says, with
//! `↑ more` and `↓ more` in its border while there is more above or below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::app::App;
use super::panel::{self, Subject};

/// What the panel shows for the app's selection and focus.
pub fn subject(app: &App) -> Subject {
    if app.calendar_focus {
        Subject::Meeting(app.calendar.selected())
    } else {
        Subject::Item(app.items.selected())
    }
}

/// Draws the panel for the selected item or meeting.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let lines = panel::lines(&app.view, &app.keymap, theme, subject(app));
    let paragraph = Paragraph::new(Text::from(lines)).wrap(Wrap { trim: false });
    let inner = Block::new().borders(Borders::ALL).inner(area);
    let total = paragraph.line_count(inner.width);
    let max = total.saturating_sub(usize::from(inner.height));
    let scroll = usize::from(app.panel_scroll).min(max);
    let mut block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Line::styled(" Recommendation ", theme.heading()));
    if scroll > 0 {
        block = block.title(Line::styled(" ↑ more ", theme.key()).right_aligned());
    }
    if scroll < max {
        let hint = format!(
            " ↓ more: {} ",
            app.key_name(super::action::Action::PanelDown)
        );
        block = block.title_bottom(Line::styled(hint, theme.key()).right_aligned());
    }
    let offset = (u16::try_from(scroll).unwrap_or(u16::MAX), 0);
    frame.render_widget(paragraph.block(block).scroll(offset), area);
}
