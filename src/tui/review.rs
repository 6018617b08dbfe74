//! The review screen: the last weeks' sync minutes as bars against the budget line, in the
//! gauge's zone colours, with a table of each week and the share of advice followed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Clear, Paragraph, Row, Table};

use super::action::Action;
use super::app::App;
use super::review_view::ReviewView;
use super::week::fit;
use crate::core::plural::counted;

/// Eighths of a cell, for the bars' tops.
const LEVELS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/// Columns of the minute labels on the chart's left.
const AXIS: u16 = 5;

/// A share as `78%`, or `–` when there is none.
fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "–".to_string(), |s| format!("{:.0}%", s * 100.0))
}

/// Draws the review over the body of the screen.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    frame.render_widget(Clear, area);
    let Some(review) = &app.view.review else {
        return;
    };
    let (Some(first), Some(last)) = (review.weeks.first(), review.weeks.last()) else {
        return;
    };
    let title = format!(
        " Review · sync time, {} to {} · Esc closes ",
        first.week, last.week
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.focus_border())
        .title(Line::styled(title, theme.heading()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let table_rows = u16::try_from(review.weeks.len() + 1).unwrap_or(u16::MAX);
    // The table and the summary when the chart keeps five rows; the summary alone below that.
    let table_height = if inner.height >= table_rows + 2 + 5 {
        table_rows
    } else {
        0
    };
    let [chart, table, summary] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(table_height),
        Constraint::Length(2.min(inner.height)),
    ])
    .areas(inner);
    draw_chart(frame, chart, app, review);
    if table_height > 0 {
        draw_table(frame, table, app, review);
    }
    let weeks = review.weeks.len();
    let budget = last.budget.budget_minutes;
    let followed = match review.followed {
        Some(share) => format!(
            "Recommendations followed on {} of {}.",
            percent(Some(share)),
            counted(review.items, "item")
        ),
        None => "No items planned in these weeks.".to_string(),
    };
    let over = match review.weeks_over {
        0 => format!("Within the budget in all {weeks} weeks."),
        n => format!("Over the budget in {n} of {weeks} weeks."),
    };
    let lines = vec![
        Line::from(vec![
            Span::styled(followed, theme.heading()),
            Span::raw(" "),
            Span::raw(over),
        ]),
        Line::styled(
            format!(
                "┄ the weekly budget ({budget} min) · bars: green under 80 %, amber to 100 %, red over · {} closes",
                app.keymap
                    .key_for(super::keymap::Scope::Normal, Action::OpenReview)
                    .map_or_else(|| "R".to_string(), |k| k.to_string())
            ),
            theme.dim(),
        ),
    ];
    frame.render_widget(
        Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }),
        summary,
    );
}

/// One bar per week, in its zone's colour, against the dashed budget line.
fn draw_chart(frame: &mut Frame, area: Rect, app: &App, review: &ReviewView) {
    let theme = &app.theme;
    // A row for the values above the bars and one for the weeks below.
    if area.height < 3 || area.width <= AXIS + 1 {
        return;
    }
    let rows = u32::from(area.height - 2);
    let weeks = review.weeks.len().max(1);
    let slot = usize::from(area.width - AXIS - 1) / weeks;
    let bar = slot.saturating_sub(2).clamp(1, 7);
    let scale = u64::from(review.scale_minutes.max(1)) * 11 / 10;
    let eighths = |minutes: u32| -> u32 {
        u32::try_from((u64::from(minutes) * u64::from(rows) * 8).div_ceil(scale.max(1)))
            .unwrap_or(u32::MAX)
    };
    // The budget line sits in the row whose span holds the budget.
    let budget = review.weeks.last().map_or(0, |w| w.budget.budget_minutes);
    let budget_row = (eighths(budget) / 8).min(rows - 1);

    let mut lines: Vec<Line<'static>> = Vec::new();
    // Values above the bars.
    let mut top = vec![Span::raw(" ".repeat(usize::from(AXIS) + 1))];
    for week in &review.weeks {
        let value = format!(" {}", week.budget.sync_minutes);
        top.push(Span::styled(
            format!("{:<slot$}", fit(&value, slot)),
            theme.zone(week.budget.zone),
        ));
    }
    lines.push(Line::from(top));
    for row in (0..rows).rev() {
        let on_budget = row == budget_row;
        let label = if on_budget {
            budget.to_string()
        } else {
            String::new()
        };
        let mut spans = vec![Span::styled(
            format!("{label:>width$} ", width = usize::from(AXIS)),
            theme.dim(),
        )];
        for week in &review.weeks {
            let filled = eighths(week.budget.sync_minutes)
                .saturating_sub(row * 8)
                .min(8);
            let cell = LEVELS[filled as usize].to_string().repeat(bar);
            let line_char = if on_budget { "┄" } else { " " };
            let style = theme.zone(week.budget.zone);
            if filled == 0 {
                spans.push(Span::styled(
                    line_char.repeat(slot),
                    budget_style(app, on_budget),
                ));
            } else {
                spans.push(Span::styled(
                    line_char.to_string(),
                    budget_style(app, on_budget),
                ));
                spans.push(Span::styled(cell, style));
                spans.push(Span::styled(
                    line_char.repeat(slot.saturating_sub(bar + 1)),
                    budget_style(app, on_budget),
                ));
            }
        }
        lines.push(Line::from(spans));
    }
    // The weeks below the bars, the shown one in bold.
    let mut bottom = vec![Span::raw(" ".repeat(usize::from(AXIS) + 1))];
    for (n, week) in review.weeks.iter().enumerate() {
        let name = format!(" W{:02}", week.week.number());
        let style = if n + 1 == review.weeks.len() {
            theme.heading()
        } else {
            theme.dim()
        };
        bottom.push(Span::styled(format!("{:<slot$}", fit(&name, slot)), style));
    }
    lines.push(Line::from(bottom));
    frame.render_widget(Paragraph::new(lines), area);
}

fn budget_style(app: &App, on_budget: bool) -> Style {
    if on_budget {
        app.theme.warning()
    } else {
        Style::new()
    }
}

/// Each week in a row: sync time, share of the budget, zone, items, advice followed.
fn draw_table(frame: &mut Frame, area: Rect, app: &App, review: &ReviewView) {
    let theme = &app.theme;
    let wide = area.width >= 70;
    let mut header = vec!["Week", "Sync min", "of budget", "Zone", "Items", "Followed"];
    if wide {
        header.push("Warnings");
    }
    let rows = review.weeks.iter().map(|w| {
        let mut cells = vec![
            Cell::from(w.week.to_string()),
            Cell::from(format!("{:>8}", w.budget.sync_minutes)),
            Cell::from(format!("{:>8.0}%", w.budget.share * 100.0)),
            Cell::from(Span::styled(
                w.budget.zone.to_string(),
                theme.zone(w.budget.zone),
            )),
            Cell::from(format!("{:>5}", w.items)),
            Cell::from(format!("{:>8}", percent(w.follows_recommendation))),
        ];
        if wide {
            cells.push(Cell::from(format!("{:>8}", w.unresolved_warnings)));
        }
        Row::new(cells)
    });
    let mut widths = vec![
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Length(9),
        Constraint::Length(5),
        Constraint::Length(5),
        Constraint::Length(8),
    ];
    if wide {
        widths.push(Constraint::Length(8));
    }
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.heading()))
        .column_spacing(2);
    frame.render_widget(table, area);
}
