//! The calendar pane: the week's imported meetings with their audit flags, and which of
//! them a planned written update replaces.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Row, Table, TableState};

use super::action::Action;
use super::app::App;
use crate::core::sanitize::sanitize;

/// Draws the week's meetings; the selection shows while the calendar has the focus.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let meetings = &app.view.calendar;
    // What the budget counts: none of the replaced ones, and double-booked time once.
    let minutes = app.view.budget.meeting_minutes;
    let title = format!(
        " Calendar ({}, {minutes} min) · {} focus · {} written update instead ",
        meetings.len(),
        app.key_name(Action::ToggleCalendar),
        app.key_name(Action::ReplaceMeeting),
    );
    let border = if app.calendar_focus {
        theme.focus_border()
    } else {
        theme.border()
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(border)
        .title(Line::styled(title, theme.heading()));
    let header =
        Row::new(["!", "Day", "Time", "Min", "Meeting", "People", "Flags"]).style(theme.heading());
    let rows = meetings.iter().map(|row| {
        let m = &row.meeting;
        let replaced = row.replaced_by.is_some();
        let mark = if replaced {
            Cell::from("✓")
        } else if m.flags.is_empty() {
            Cell::from(" ")
        } else {
            Cell::from(Span::styled("!", theme.warning()))
        };
        let flags = if replaced {
            "replaced by a written update".to_string()
        } else {
            m.flags
                .iter()
                .map(|f| f.id())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let row = Row::new(vec![
            mark,
            Cell::from(m.day.id()),
            Cell::from(m.start.format("%H:%M").to_string()),
            Cell::from(format!("{:>3}", m.minutes)),
            Cell::from(sanitize(&m.title)),
            Cell::from(format!("{:>3}", m.attendees)),
            Cell::from(flags),
        ]);
        if replaced {
            row.style(theme.dim())
        } else {
            row
        }
    });
    let widths = [
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Length(5),
        Constraint::Length(3),
        Constraint::Fill(2),
        Constraint::Length(6),
        Constraint::Fill(3),
    ];
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .column_spacing(1)
        .row_highlight_style(theme.selected())
        .highlight_symbol("▸");
    // Unfocused, the pane shows the week's first meetings.
    let mut state = if app.calendar_focus {
        TableState::new()
            .with_offset(app.calendar.offset())
            .with_selected(Some(app.calendar.selected()))
    } else {
        TableState::new()
    };
    frame.render_stateful_widget(table, area, &mut state);
}
