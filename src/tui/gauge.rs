//! The sync-budget gauge: the week's sync minutes against the budget, in green, amber or red,
//! with the minutes left and a bar per day against the daily red line.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Gauge, Sparkline};

use super::app::App;
use crate::budget::{Zone, week_budget};
use crate::review::sync_history;

/// Weeks of history in the sparkline.
pub const HISTORY_WEEKS: usize = 8;

/// One line: the sync minutes of the last weeks as a sparkline, ending with the shown week.
fn draw_history(frame: &mut Frame, area: Rect, app: &App) {
    let history = sync_history(&app.plan, app.week, HISTORY_WEEKS);
    let peak = history.iter().copied().max().unwrap_or(0);
    let [label, spark, note] = Layout::horizontal([
        Constraint::Length(8),
        Constraint::Length(HISTORY_WEEKS as u16),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(Line::styled("8 weeks ", app.theme.dim()), label);
    frame.render_widget(
        Sparkline::default()
            .data(&history)
            .max(peak.max(1))
            .style(app.theme.good()),
        spark,
    );
    frame.render_widget(
        Line::styled(format!(" peak {peak} min"), app.theme.dim()),
        note,
    );
}

/// Draws the gauge for the shown week.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let settings = &app.plan.settings;
    let budget = week_budget(&app.plan.items, app.week, settings);
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
            budget.zone,
            budget.sync_minutes - budget.budget_minutes
        )
    } else {
        format!("{} · {} min left", budget.zone, budget.minutes_left())
    };
    frame.render_widget(Line::styled(summary, zone_style), summary_area);

    let red_line = budget.red_line_minutes.max(1);
    let bar_width = usize::from(days_area.width.saturating_sub(14));
    let days = budget
        .per_day
        .iter()
        .filter(|d| settings.working_days.contains(&d.day) || d.minutes > 0);
    let rows = Layout::vertical(vec![Constraint::Length(1); usize::from(days_area.height)])
        .split(days_area);
    for (load, row) in days.zip(rows.iter()) {
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
