//! The header line: the week, its dates, how many shared items go by each medium (the
//! brief's counts), how many are private, and a mark while sample items remain. On a
//! narrow screen the least needed parts go first; the counts are never cut.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::action::Action;
use super::app::App;
use crate::core::Medium;
use crate::core::text;

/// Draws the header.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let line = header_line(app, usize::from(area.width));
    frame.render_widget(line, area);
}

/// The fullest header that fits `width` cells.
fn header_line(app: &App, width: usize) -> Line<'static> {
    let theme = &app.theme;
    let view = &app.view;
    let counts = &view.counts;
    // The counts the brief's summary gives, and the private items it leaves out.
    let count_spans = |short: bool| -> Vec<Span<'static>> {
        let mut spans = Vec::new();
        for (n, medium) in Medium::ALL.iter().enumerate() {
            if n > 0 {
                spans.push(Span::styled(if short { " " } else { " · " }, theme.dim()));
            }
            spans.push(Span::styled(
                format!("{} {}", medium.short(), counts.shared.get(*medium)),
                theme.medium(*medium),
            ));
        }
        if counts.private > 0 {
            spans.push(Span::styled(
                format!(
                    "{}private {}",
                    if short { " " } else { " · " },
                    counts.private
                ),
                theme.dim(),
            ));
        }
        spans
    };
    let samples = (view.samples > 0).then(|| {
        Span::styled(
            format!(
                "   sample week: {} clears it",
                app.key_name(Action::ClearSamples)
            ),
            theme.warning(),
        )
    });
    let short_samples = (view.samples > 0).then(|| Span::styled("   sample", theme.warning()));
    let filter = (!app.filter.is_empty()).then(|| {
        Span::styled(
            format!("   filter: {}", text::display(&app.filter)),
            theme.warning(),
        )
    });
    // Each calendar's last sync and any error, the first part to go when room is short.
    let calendars = (!app.view.calendars_line.is_empty())
        .then(|| Span::styled(format!("   {}", app.view.calendars_line), theme.dim()));
    // From the fullest to the barest: the calendars' line, brand, relative week, dates,
    // then shorter counts.
    let variants = [
        (true, true, true, false, true, true),
        (true, true, true, false, true, false),
        (false, true, true, false, true, false),
        (false, false, true, false, true, false),
        (false, false, true, false, false, false),
        (false, false, false, false, false, false),
        (false, false, false, true, false, false),
    ];
    let mut last = Line::default();
    for (brand, relative, dates, short, long_samples, with_calendars) in variants {
        let mut spans = Vec::new();
        if brand {
            spans.push(Span::styled(" syncwise ", theme.heading()));
        }
        let week = if dates {
            format!(" {} · {}", view.week, view.week.span_label())
        } else {
            format!(" {}", view.week)
        };
        spans.push(Span::styled(week, theme.heading()));
        if relative {
            spans.push(Span::raw(view.relative));
        }
        spans.push(Span::raw(if short { "  " } else { "   " }));
        spans.extend(count_spans(short));
        let mark = if long_samples {
            &samples
        } else {
            &short_samples
        };
        spans.extend(mark.clone());
        spans.extend(filter.clone());
        if with_calendars {
            spans.extend(calendars.clone());
        }
        let line = Line::from(spans);
        if line.width() <= width {
            return line;
        }
        last = line;
    }
    last
}
