//! The add/edit form: one line per field, the focused field with its cursor and hint, and
//! each invalid value's error right under it.

use ratatui::Frame;
use ratatui::layout::Position;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::Paragraph;

use super::app::App;
use super::form::Form;
use super::popup;
use crate::core::sanitize::sanitize;

const LABEL_WIDTH: usize = 10;

/// Draws the form over the screen.
pub fn draw(frame: &mut Frame, app: &App, form: &Form) {
    let theme = &app.theme;
    let errors = form.fields.iter().filter(|f| f.error.is_some()).count();
    let height = u16::try_from(form.fields.len() + errors + 4).unwrap_or(u16::MAX);
    let title = match form.target {
        Some(id) => format!("Edit #{id} · Enter saves · Esc cancels"),
        None => format!("Add to {} · Enter saves · Esc cancels", app.week),
    };
    let inner = popup::open(frame, 76, height, &title, theme);
    let mut lines = Vec::new();
    let mut cursor: Option<Position> = None;
    for (index, field) in form.fields.iter().enumerate() {
        let focused = index == form.focus;
        let label_style = if focused {
            theme.key()
        } else {
            theme.heading()
        };
        let value = sanitize(&field.value);
        let mut spans = vec![Span::styled(
            format!("{:<LABEL_WIDTH$}", field.kind.label()),
            label_style,
        )];
        if focused {
            let room = usize::from(inner.width).saturating_sub(LABEL_WIDTH + 1);
            let (shown, offset) = field.visible(room);
            let column = inner.x as usize + LABEL_WIDTH + offset;
            let row = inner.y as usize + lines.len();
            cursor = Some(Position::new(
                u16::try_from(column).unwrap_or(u16::MAX),
                u16::try_from(row).unwrap_or(u16::MAX),
            ));
            spans.push(Span::styled(shown, theme.selected()));
            spans.push(Span::raw(" "));
        } else if value.is_empty() {
            spans.push(Span::styled(field.kind.hint(), theme.dim()));
        } else {
            spans.push(Span::raw(value));
        }
        lines.push(Line::from(spans));
        if let Some(error) = &field.error {
            lines.push(Line::styled(
                format!("{:LABEL_WIDTH$}↳ {error}", ""),
                theme.error(),
            ));
        }
    }
    lines.push(Line::raw(""));
    if let Some(field) = form.fields.get(form.focus) {
        lines.push(Line::styled(field.kind.hint(), theme.dim()));
    }
    frame.render_widget(Paragraph::new(Text::from(lines)), inner);
    if let Some(position) = cursor.filter(|p| inner.contains(*p)) {
        frame.set_cursor_position(position);
    }
}
