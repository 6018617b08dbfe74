//! The week grid: the working days as columns, the hours as rows, the calendar's meetings in
//! their hours, each day's longest free stretch (room for its focus block) and its sync
//! total against the red line, and under the hours the day's items (syncs have a day but no
//! time yet). Same selection and keys as the list.

use chrono::{NaiveTime, Timelike};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::action::Action;
use super::app::App;
use super::week_view::{GridDay, GridItem, GridMeeting, WeekGrid};
use crate::core::plural::counted;
use crate::core::sanitize::sanitize;
use crate::core::{Medium, Status};

/// Columns of the hour labels on the left.
const GUTTER: u16 = 5;
/// Rows above the hours: the day, its sync total, its longest free stretch.
const HEAD_ROWS: u16 = 3;

/// `text` cut to `width` columns, ending in `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for grapheme in text.graphemes(true) {
        let w = grapheme.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(grapheme);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Minutes from midnight, a started minute counting whole.
fn minute_of(time: NaiveTime) -> u32 {
    time.num_seconds_from_midnight().div_ceil(60)
}

/// `9:30` or `14` for a whole hour.
fn short_time(time: NaiveTime) -> String {
    match time.minute() {
        0 => format!("{}", time.hour()),
        m => format!("{}:{m:02}", time.hour()),
    }
}

/// `4h`, `2h30`, `45m`.
fn short_length(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h{m:02}"),
    }
}

/// How the grid's rows are spent on a body of `height` rows.
struct Rows {
    per_hour: u16,
    band: u16,
    legend: bool,
}

fn rows_for(grid: &WeekGrid, height: u16) -> Rows {
    let hours = u16::try_from(grid.end_hour.saturating_sub(grid.first_hour)).unwrap_or(24);
    // Two rows an hour when the items still get a band of four rows (under the separator)
    // and the legend its row.
    let (separator, band, legend) = (1, 4, 1);
    let per_hour = if height >= HEAD_ROWS + 2 * hours + separator + band + legend {
        2
    } else {
        1
    };
    let used = HEAD_ROWS + per_hour * hours + 1;
    let rest = height.saturating_sub(used);
    let legend = rest >= 3;
    Rows {
        per_hour,
        band: rest.saturating_sub(u16::from(legend)),
        legend,
    }
}

/// Draws the week grid in place of the list.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let grid = &app.view.grid;
    let title = format!(
        " Week grid ({}) · {} back to the list ",
        counted(app.view.rows.len(), "item"),
        app.key_name(Action::ToggleWeekView)
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Line::styled(title, theme.heading()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if grid.days.is_empty() || inner.width <= GUTTER || inner.height == 0 {
        return;
    }
    let rows = rows_for(grid, inner.height);
    let [body, legend_area] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(u16::from(rows.legend)),
    ])
    .areas(inner);
    let mut constraints = vec![Constraint::Length(GUTTER)];
    constraints.extend(grid.days.iter().map(|_| Constraint::Fill(1)));
    let columns = Layout::horizontal(constraints).spacing(1).split(body);
    frame.render_widget(Paragraph::new(gutter(app, &rows)), columns[0]);
    for (day, column) in grid.days.iter().zip(columns.iter().skip(1)) {
        let lines = day_lines(app, day, usize::from(column.width), &rows);
        frame.render_widget(Paragraph::new(lines), *column);
    }
    if rows.legend {
        frame.render_widget(legend(app, usize::from(legend_area.width)), legend_area);
    }
}

/// The hour labels, dim outside the working hours.
fn gutter(app: &App, rows: &Rows) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let grid = &app.view.grid;
    let mut lines = vec![
        Line::raw(""),
        Line::styled("sync", theme.dim()),
        Line::styled("free", theme.dim()),
    ];
    let (start, end) = (grid.hours.start.hour(), grid.hours.end.hour());
    for hour in grid.first_hour..grid.end_hour {
        let style = if hour >= start && hour < end {
            Style::new()
        } else {
            theme.dim()
        };
        lines.push(Line::styled(format!("{hour:02}:00"), style));
        for _ in 1..rows.per_hour {
            lines.push(Line::raw(""));
        }
    }
    lines.push(Line::styled("─".repeat(usize::from(GUTTER)), theme.dim()));
    lines.push(Line::styled("items", theme.dim()));
    lines
}

/// One day's column: its head, its hours, its items.
fn day_lines(app: &App, day: &GridDay, width: usize, rows: &Rows) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let grid = &app.view.grid;
    let mut lines = Vec::new();
    let head = format!("{} {}", day.day, day.date.format("%-d"));
    lines.push(Line::styled(fit(&head, width), theme.heading()));
    let load = if day.over_red_line {
        format!("{}/{} !", day.minutes, grid.red_line_minutes)
    } else {
        format!("{}/{}", day.minutes, grid.red_line_minutes)
    };
    let load_style = if day.over_red_line {
        theme.error()
    } else {
        theme.good()
    };
    lines.push(Line::styled(fit(&load, width), load_style));
    lines.push(match day.focus {
        Some(focus) => {
            let long = format!(
                "{}–{} {}",
                short_time(focus.start),
                short_time(focus.end),
                short_length(focus.minutes())
            );
            let text = if long.width() <= width {
                long
            } else {
                format!("{}–{}", short_time(focus.start), short_time(focus.end))
            };
            Line::styled(fit(&text, width), theme.good())
        }
        None => Line::styled(
            fit(
                &format!("no {} free", short_length(grid.focus_minutes)),
                width,
            ),
            theme.warning(),
        ),
    });

    let selected_meeting = app.selected_meeting().map(|m| m.key.as_str());
    let slot = 60 / u32::from(rows.per_hour.max(1));
    let first = grid.first_hour * 60;
    let slots = (grid.end_hour.saturating_sub(grid.first_hour)) * u32::from(rows.per_hour);
    let mut focus_labelled = false;
    for index in 0..slots {
        let (from, to) = (first + index * slot, first + (index + 1) * slot);
        let hits: Vec<&GridMeeting> = day
            .meetings
            .iter()
            .filter(|m| minute_of(m.span.start) < to && minute_of(m.span.end) > from)
            .collect();
        let line = if let Some(meeting) = hits.first() {
            meeting_cell(
                app,
                meeting,
                hits.len(),
                index == 0,
                from,
                width,
                selected_meeting,
            )
        } else if day
            .focus
            .is_some_and(|f| minute_of(f.start) < to && minute_of(f.end) > from)
        {
            let text = if focus_labelled {
                "┃".to_string()
            } else {
                focus_labelled = true;
                fit("┃ free", width)
            };
            Line::styled(text, theme.good())
        } else {
            Line::raw("")
        };
        lines.push(line);
    }
    lines.push(Line::styled("─".repeat(width), theme.dim()));
    lines.extend(item_lines(app, &day.items, width, usize::from(rows.band)));
    lines
}

/// A slot a meeting takes: its title where it starts, a thin line below.
fn meeting_cell(
    app: &App,
    meeting: &GridMeeting,
    count: usize,
    first_slot: bool,
    slot_start: u32,
    width: usize,
    selected: Option<&str>,
) -> Line<'static> {
    let theme = &app.theme;
    let start = minute_of(meeting.span.start);
    let starts_here = start >= slot_start || first_slot;
    let mut style = if meeting.replaced {
        theme.dim().add_modifier(Modifier::CROSSED_OUT)
    } else if meeting.flagged {
        theme.warning()
    } else {
        theme.medium(Medium::Sync)
    };
    if selected == Some(meeting.key.as_str()) {
        style = style.patch(theme.selected());
    }
    if !starts_here && count == 1 {
        return Line::styled("│".to_string(), style);
    }
    let mut text = sanitize(&meeting.title);
    if start != slot_start && starts_here {
        text = format!("{} {text}", short_time(meeting.span.start));
    }
    // The calendar pane's marks: replaced by a written update, or flagged by the audit.
    if meeting.replaced {
        text = format!("✓{text}");
    } else if meeting.flagged {
        text = format!("!{text}");
    }
    let more = if count > 1 {
        format!(" +{}", count - 1)
    } else {
        String::new()
    };
    let title = fit(&text, width.saturating_sub(more.width()));
    Line::styled(format!("{title}{more}"), style)
}

/// The day's items under the hours, the selected one kept in sight.
fn item_lines(app: &App, items: &[GridItem], width: usize, rows: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let selected = (!app.calendar_focus).then(|| app.items.selected());
    if rows == 0 {
        return Vec::new();
    }
    let (shown, hidden) = if items.len() <= rows {
        (items, 0)
    } else {
        let room = rows - 1;
        let at = items
            .iter()
            .position(|i| Some(i.row) == selected)
            .unwrap_or(0);
        let offset = at
            .saturating_sub(room.saturating_sub(1))
            .min(items.len() - room);
        (&items[offset..offset + room], items.len() - room)
    };
    let mut lines: Vec<Line<'static>> = shown
        .iter()
        .map(|item| {
            let is_selected = Some(item.row) == selected;
            let mark = match item.status {
                // The list's highlight mark; the panel beside says the medium.
                _ if is_selected => "▸",
                Status::Done => "✓",
                Status::Dropped => "×",
                Status::Open => match item.medium {
                    Medium::Sync => "●",
                    Medium::BriefThenSync => "◐",
                    Medium::Async => "○",
                },
            };
            let warn = if item.warned && item.status == Status::Open {
                "!"
            } else {
                " "
            };
            // A sync with a slot says when; one without says how long.
            let minutes = match item.at {
                Some(at) if item.medium.has_sync() => format!("{} ", at.format("%H:%M")),
                _ if item.medium.has_sync() && width >= 16 => format!("{}m ", item.minutes),
                _ => String::new(),
            };
            let text = fit(
                &format!("{mark}{warn}{minutes}{}", sanitize(&item.title)),
                width,
            );
            let mut style = match item.status {
                Status::Open if item.medium.has_sync() => theme.medium(item.medium),
                Status::Open => Style::new(),
                Status::Done => theme.dim(),
                Status::Dropped => theme.dim().add_modifier(Modifier::CROSSED_OUT),
            };
            if is_selected {
                style = style.patch(theme.selected());
            }
            Line::styled(text, style)
        })
        .collect();
    if hidden > 0 {
        lines.push(Line::styled(
            fit(&format!("+{hidden} more"), width),
            theme.dim(),
        ));
    }
    lines
}

/// What the marks mean, as much as fits.
fn legend(app: &App, width: usize) -> Line<'static> {
    let focus = short_length(app.view.grid.focus_minutes);
    let variants = [
        format!(
            "● sync  ◐ brief+sync  ○ written  · under the hours: each day's items (a sync with a slot shows its start) · ┃ the day's longest free stretch, if {focus} or more (room for the focus block)"
        ),
        format!(
            "● sync  ◐ brief+sync  ○ written · a slotted sync shows its start · ┃ longest free stretch ≥ {focus}"
        ),
        format!("● sync ◐ brief+sync ○ written · 10:30 a slot · ┃ free ≥ {focus}"),
        "● sync ◐ brief+sync ○ written".to_string(),
    ];
    let text = variants
        .iter()
        .find(|v| v.width() <= width)
        .cloned()
        .unwrap_or_else(|| fit(&variants[3], width));
    Line::styled(text, app.theme.dim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_with_an_ellipsis_and_keeps_what_fits() {
        assert_eq!(fit("Team standup", 12), "Team standup");
        assert_eq!(fit("Team standup", 8), "Team st…");
        assert_eq!(fit("会議の準備", 5), "会議…");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(short_length(270), "4h30");
        assert_eq!(short_length(120), "2h");
        assert_eq!(short_length(45), "45m");
    }
}
