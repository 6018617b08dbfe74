//! The header line: the week, its dates, and how many items go by each medium.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::app::App;
use crate::core::Medium;

/// Draws the header.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let view = &app.view;
    let mut spans = vec![
        Span::styled(" syncwise ", theme.heading()),
        Span::styled(
            format!(" {} · {}", view.week, view.week.span_label()),
            theme.heading(),
        ),
        Span::raw(view.relative),
        Span::raw("   "),
    ];
    let counts = &view.counts;
    for (n, medium) in Medium::ALL.iter().enumerate() {
        if n > 0 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::styled(
            format!("{} {}", medium.short(), counts.get(*medium)),
            theme.medium(*medium),
        ));
    }
    if !app.filter.is_empty() {
        spans.push(Span::styled(
            format!(
                "   filter: {}",
                crate::core::sanitize::sanitize(&app.filter)
            ),
            theme.warning(),
        ));
    }
    frame.render_widget(Line::from(spans), area);
}
