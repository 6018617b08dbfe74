//! The sync-budget gauge: the week's sync minutes against the budget, in green, amber or red,
//! with the minutes left and a bar per day against the daily red line.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Gauge, Sparkline};

use super::app::App;
use crate::core::budget::{DayLoad, Zone};

/// Weeks of history in the sparkline.
pub use super::view::HISTORY_WEEKS;

/// One line: the sync minutes of the last weeks as a sparkline, ending with the shown week,
/// between what it shows and its peak, in as many words as fit.
fn draw_history(frame: &mut Frame, area: Rect, app: &App) {
    let history = &app.view.history;
    let peak = app.view.history_peak;
    let (before, after) = history_labels(peak, area.width);
    let [label, spark, note] = Layout::horizontal([
        Constraint::Length(u16::try_from(before.chars().count()).unwrap_or(0)),
        Constraint::Length(HISTORY_WEEKS as u16),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(Line::styled(before, app.theme.dim()), label);
    frame.render_widget(
        Sparkline::default()
            .data(history)
            .max(peak.max(1))
            .style(app.theme.good()),
        spark,
    );
    frame.render_widget(Line::styled(after, app.theme.dim()), note);
}

/// The words before and after the sparkline: what it shows and its peak, shorter on narrow
/// screens.
fn history_labels(peak: u64, width: u16) -> (String, String) {
    let weeks = HISTORY_WEEKS;
    let room = usize::from(width).saturating_sub(weeks);
    [
        (
            format!("sync min, last {weeks} weeks "),
            format!(" peak {peak}"),
        ),
        (format!("sync min, {weeks} wk "), format!(" peak {peak}")),
        (String::new(), format!(" sync min, peak {peak}")),
        (String::new(), format!(" peak {peak}")),
    ]
    .into_iter()
    .find(|(a, b)| a.chars().count() + b.chars().count() <= room)
    .unwrap_or_default()
}

/// Draws the gauge for the shown week.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let budget = &app.view.budget;
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Line::styled(" Sync budget ", theme.heading()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [gauge_area, summary_area, history_area, days_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    draw_history(frame, history_area, app);

    let zone_style = theme.zone(budget.zone);
    let label = format!(
        "{} / {} min · {:.0}%",
        budget.sync_minutes,
        budget.budget_minutes,
        budget.share * 100.0
    );
    frame.render_widget(
        Gauge::default()
            .ratio(budget.share.clamp(0.0, 1.0))
            .label(label)
            .gauge_style(zone_style)
            .use_unicode(true),
        gauge_area,
    );
    let summary = if budget.zone == Zone::Red {
        format!(
            "{} · over by {} min: move a sync to writing",
            budget.zone, app.view.over_by
        )
    } else {
        format!("{} · {} min left", budget.zone, budget.minutes_left())
    };
    frame.render_widget(Line::styled(summary, zone_style), summary_area);

    let days: Vec<&DayLoad> = app.view.days.iter().collect();
    if usize::from(days_area.height) >= days.len() {
        draw_day_bars(frame, days_area, app, &days, budget.red_line_minutes);
    } else {
        draw_day_strip(frame, days_area, app, &days, budget.red_line_minutes);
    }
}

/// One bar per day against the red line, with the minutes.
fn draw_day_bars(frame: &mut Frame, area: Rect, app: &App, days: &[&DayLoad], red_line: u32) {
    let theme = &app.theme;
    let red_line = red_line.max(1);
    let bar_width = usize::from(area.width.saturating_sub(14));
    let rows = Layout::vertical(vec![Constraint::Length(1); days.len()]).split(area);
    for (load, row) in days.iter().zip(rows.iter()) {
        let filled = (load.minutes as usize * bar_width)
            .div_ceil(red_line as usize)
            .min(bar_width);
        let style = if load.over_red_line {
            theme.error()
        } else {
            theme.good()
        };
        let mut spans = vec![
            Span::raw(format!("{} ", load.day)),
            Span::styled("█".repeat(filled), style),
            Span::styled("░".repeat(bar_width - filled), theme.dim()),
            Span::raw(format!(" {:>3}/{red_line}", load.minutes)),
        ];
        if load.over_red_line {
            spans.push(Span::styled(" !", theme.error()));
        }
        frame.render_widget(Line::from(spans), *row);
    }
}

/// On short screens, the days in one row: a level per day against the red line.
fn draw_day_strip(frame: &mut Frame, area: Rect, app: &App, days: &[&DayLoad], red_line: u32) {
    const LEVELS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let theme = &app.theme;
    let mut spans = Vec::new();
    for load in days {
        let level = (load.minutes as usize * 8)
            .div_ceil(red_line.max(1) as usize)
            .min(8);
        let style = if load.over_red_line {
            theme.error()
        } else {
            theme.good()
        };
        let short: String = load.day.id().chars().take(2).collect();
        spans.push(Span::raw(short));
        spans.push(Span::styled(LEVELS[level].to_string(), style));
        spans.push(Span::styled(
            if load.over_red_line { "!" } else { " " },
            style,
        ));
    }
    frame.render_widget(Line::from(spans), area);
}
