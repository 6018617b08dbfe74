//! The footer: the keys that matter in the current mode, the filter line, the question
//! before an operation, and the last message.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::app::{App, Mode};
use crate::core::sanitize::sanitize;

/// Draws the footer line.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let mut spans = Vec::new();
    match &app.mode {
        Mode::Filter => {
            spans.push(Span::styled("/", theme.key()));
            spans.push(Span::raw(sanitize(&app.filter)));
            spans.push(Span::styled("▏", theme.key()));
            spans.push(Span::raw("  "));
        }
        Mode::Confirm(_) => {
            if let Some(question) = &app.view.question {
                spans.push(Span::styled(question.clone(), theme.warning()));
            }
        }
        _ => {}
    }
    if let Some(message) = &app.message {
        let style = if message.error {
            theme.error()
        } else {
            theme.good()
        };
        spans.push(Span::styled(sanitize(&message.text), style));
        spans.push(Span::styled("  │ ", theme.dim()));
    }
    for (n, (keys, label)) in app.keymap.footer(app.mode.scope()).into_iter().enumerate() {
        if n > 0 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::styled(keys, theme.key()));
        spans.push(Span::raw(format!(" {label}")));
    }
    frame.render_widget(Line::from(spans), area);
}
