//! The header line: the week, its dates, how many shared items go by each medium (the
//! brief's counts) and how many are private.

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
    // The counts the brief's summary gives, and the private items it leaves out.
    let counts = &view.counts;
    for (n, medium) in Medium::ALL.iter().enumerate() {
        if n > 0 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::styled(
            format!("{} {}", medium.short(), counts.shared.get(*medium)),
            theme.medium(*medium),
        ));
    }
    if counts.private > 0 {
        spans.push(Span::styled(
            format!(" · private {}", counts.private),
            theme.dim(),
        ));
    }
    if !app.calendars_line.is_empty() {
        spans.push(Span::styled(
            format!("   {}", app.calendars_line),
            theme.dim(),
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
