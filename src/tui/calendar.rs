//! The calendar pane: the week's imported meetings with their audit flags, and which of
//! them a planned written update replaces.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, HighlightSpacing, Row, Table, TableState};

use super::action::Action;
use super::app::App;
use super::columns;
use crate::core::plural::counted;
use crate::core::text;

/// The flags never take more than this share of the room they share with the title.
const FLAGS_SHARE: f32 = 0.4;

/// Draws the week's meetings; the selection shows while the calendar has the focus.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let meetings = &app.view.calendar;
    // What the budget counts: none of the replaced ones, and double-booked time once.
    let minutes = app.view.budget.meeting_minutes;
    let count = format!(
        " Calendar · {}, {minutes} min ",
        counted(meetings.len(), "meeting")
    );
    let hint = if app.calendar_focus {
        format!(
            "· {} written update instead · {} back to items ",
            app.key_name(Action::ReplaceMeeting),
            app.key_name(Action::ToggleCalendar),
        )
    } else {
        format!("· {} to focus ", app.key_name(Action::ToggleCalendar))
    };
    // The hint only when it fits whole beside the counts.
    let room = usize::from(area.width.saturating_sub(4));
    let title = if text::width(&count) + text::width(&hint) <= room {
        format!("{count}{hint}")
    } else {
        count
    };
    let border = if app.calendar_focus {
        theme.focus_border()
    } else {
        theme.border()
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(border)
        .title(Line::styled(title, theme.heading()));
    let flags_of = |row: &super::view::MeetingRow| -> String {
        if row.replaced_by.is_some() {
            "replaced by a written update".to_string()
        } else {
            let flags: Vec<&str> = row.meeting.flags.iter().map(|f| f.id()).collect();
            flags.join(", ")
        }
    };
    let flags: Vec<String> = meetings.iter().map(flags_of).collect();
    // The border and the selection mark; then "!", day, time, minutes and people, and the
    // spaces between the seven columns.
    let inner = usize::from(area.width.saturating_sub(3));
    let room = inner.saturating_sub(1 + 3 + 5 + 3 + 6 + 6);
    let title_want = columns::widest("Meeting", meetings.iter().map(|r| r.meeting.title.as_str()));
    let flags_want = columns::widest("Flags", flags.iter().map(String::as_str));
    let (title_width, flags_width) = columns::split(room, title_want, flags_want, FLAGS_SHARE);
    let header =
        Row::new(["!", "Day", "Time", "Min", "Meeting", "People", "Flags"]).style(theme.heading());
    let rows = meetings.iter().zip(&flags).map(|(row, flags)| {
        let m = &row.meeting;
        let replaced = row.replaced_by.is_some();
        let mark = if replaced {
            Cell::from("✓")
        } else if m.flags.is_empty() {
            Cell::from(" ")
        } else {
            Cell::from(Span::styled("!", theme.warning()))
        };
        let row = Row::new(vec![
            mark,
            Cell::from(m.day.id()),
            Cell::from(m.start.format("%H:%M").to_string()),
            Cell::from(format!("{:>3}", m.minutes)),
            Cell::from(text::truncate(&m.title, title_width)),
            Cell::from(format!("{:>6}", m.attendees)),
            Cell::from(text::truncate(flags, flags_width)),
        ]);
        if replaced {
            row.style(theme.dim())
        } else {
            row
        }
    });
    let length = |w: usize| Constraint::Length(u16::try_from(w).unwrap_or(u16::MAX));
    let widths = [
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Length(5),
        Constraint::Length(3),
        length(title_width),
        Constraint::Length(6),
        length(flags_width),
    ];
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .column_spacing(1)
        .row_highlight_style(theme.selected())
        .highlight_symbol("▸")
        .highlight_spacing(HighlightSpacing::Always);
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
