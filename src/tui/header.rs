//! The header line: the week, its dates, how many shared items go by each medium (the
//! brief's counts) and how many are private.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::app::App;
use crate::core::Medium;
use crate::core::counts::week_counts;

/// Draws the header.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let this_week = app.clock.this_week();
    let relative = match app.week {
        w if w == this_week => " (this week)",
        w if w == this_week.next() => " (next week)",
        w if w == this_week.prev() => " (last week)",
        _ => "",
    };
    let mut spans = vec![
        Span::styled(" syncwise ", theme.heading()),
        Span::styled(
            format!(" {} · {}", app.week, app.week.span_label()),
            theme.heading(),
        ),
        Span::raw(relative),
        Span::raw("   "),
    ];
    // The counts the brief's summary gives, and the private items it leaves out.
    let counts = week_counts(&app.plan, app.week);
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
