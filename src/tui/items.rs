//! The pending communications: the week's items as a table, ordered by day.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Wrap};

use super::action::Action;
use super::app::App;
use super::keymap::Scope;
use crate::core::Status;
use crate::core::sanitize::sanitize;

/// Put before the title of an item carried over from an earlier week.
pub const CARRIED_MARK: char = '↻';

/// What a column shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Col {
    Warned,
    Medium,
    Title,
    With,
    Intent,
    Heat,
    Day,
    Minutes,
    Status,
}

/// A column of the table, shown when the table is at least `min_width` wide.
struct Column {
    kind: Col,
    title: &'static str,
    width: Constraint,
    min_width: u16,
}

#[rustfmt::skip]
const COLUMNS: [Column; 9] = [
    Column { kind: Col::Warned, title: "!", width: Constraint::Length(1), min_width: 0 },
    Column { kind: Col::Medium, title: "Medium", width: Constraint::Length(11), min_width: 0 },
    Column { kind: Col::Title, title: "Title", width: Constraint::Fill(1), min_width: 0 },
    Column { kind: Col::With, title: "With", width: Constraint::Length(12), min_width: 64 },
    Column { kind: Col::Intent, title: "Intent", width: Constraint::Length(10), min_width: 60 },
    Column { kind: Col::Heat, title: "Heat", width: Constraint::Length(6), min_width: 100 },
    Column { kind: Col::Day, title: "Day", width: Constraint::Length(3), min_width: 0 },
    Column { kind: Col::Minutes, title: "Min", width: Constraint::Length(3), min_width: 0 },
    Column { kind: Col::Status, title: "Status", width: Constraint::Length(7), min_width: 92 },
];

/// Draws the items table, or how to add the first item when the week is empty.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let rows = &app.view.rows;
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Line::styled(
            format!(" Pending communications ({}) ", rows.len()),
            theme.heading(),
        ));

    if rows.is_empty() {
        let add = app
            .keymap
            .key_for(Scope::Normal, Action::Add)
            .map_or_else(|| "the add key".to_string(), |k| k.to_string());
        let text = if app.filter.is_empty() {
            vec![
                Line::raw(""),
                Line::styled(
                    format!("Nothing planned for {}.", app.view.week),
                    theme.heading(),
                ),
                Line::raw(""),
                Line::from(vec![
                    Span::raw("Press "),
                    Span::styled(add, theme.key()),
                    Span::raw(" to add the first thing you need to communicate this week:"),
                ]),
                Line::raw("a status update, a decision to make, feedback to give…"),
                Line::raw("syncwise will say whether it belongs in writing or in a conversation."),
            ]
        } else {
            vec![
                Line::raw(""),
                Line::raw(format!(
                    "No item matches the filter; {} then Esc clears it.",
                    app.key_name(Action::Filter)
                )),
            ]
        };
        frame.render_widget(
            Paragraph::new(Text::from(text))
                .block(block)
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }

    let inner_width = area.width.saturating_sub(2);
    let shown: Vec<&Column> = COLUMNS
        .iter()
        .filter(|c| inner_width >= c.min_width)
        .collect();
    let header = Row::new(shown.iter().map(|c| Cell::from(c.title))).style(theme.heading());
    let table_rows = rows.iter().map(|row| {
        let item = &row.item;
        let warned = row.warned();
        let mut medium = row.effective_medium.short().to_string();
        if row.differs {
            medium.push('*');
        }
        let cells = shown.iter().map(|c| match c.kind {
            Col::Warned => match item.status {
                Status::Done => Cell::from("✓"),
                Status::Dropped => Cell::from("×"),
                Status::Open if warned => Cell::from(Span::styled("!", theme.warning())),
                Status::Open => Cell::from(" "),
            },
            Col::Medium => Cell::from(Span::styled(
                medium.clone(),
                theme.medium(row.effective_medium),
            )),
            Col::Title if item.carried_from.is_some() => {
                Cell::from(format!("{CARRIED_MARK} {}", sanitize(&item.title)))
            }
            Col::Title => Cell::from(sanitize(&item.title)),
            Col::With => Cell::from(sanitize(&item.with)),
            Col::Intent => Cell::from(item.intent.id()),
            Col::Heat => Cell::from(item.heat.id()),
            Col::Day => Cell::from(item.day.id()),
            Col::Minutes => Cell::from(format!("{:>3}", item.minutes)),
            Col::Status => Cell::from(item.status.id()),
        });
        let style = match item.status {
            Status::Open => Style::new(),
            Status::Done => theme.dim(),
            Status::Dropped => theme.dim().add_modifier(Modifier::CROSSED_OUT),
        };
        Row::new(cells).style(style)
    });
    let table = Table::new(table_rows, shown.iter().map(|c| c.width))
        .header(header)
        .block(block)
        .column_spacing(1)
        .row_highlight_style(theme.selected())
        .highlight_symbol("▸");
    let mut state = TableState::new()
        .with_offset(app.items.offset())
        .with_selected((!app.calendar_focus).then_some(app.items.selected()));
    frame.render_stateful_widget(table, area, &mut state);
}
