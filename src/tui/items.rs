//! The pending communications: the week's items as a table, ordered by day.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{
    Block, Borders, Cell, HighlightSpacing, Paragraph, Row, Table, TableState, Wrap,
};

use super::action::Action;
use super::app::App;
use super::columns;
use super::keymap::Scope;
use crate::core::Status;
use crate::core::text;

/// Put before the title of an item carried over from an earlier week.
pub const CARRIED_MARK: char = '↻';

/// What a column shows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Col {
    Warned,
    Private,
    Medium,
    Title,
    With,
    Intent,
    Heat,
    Day,
    Minutes,
    Status,
}

impl Col {
    fn title(self) -> &'static str {
        match self {
            Col::Warned => "!",
            Col::Private => "P",
            Col::Medium => "Medium",
            Col::Title => "Title",
            Col::With => "With",
            Col::Intent => "Intent",
            Col::Heat => "Heat",
            Col::Day => "Day",
            Col::Minutes => "Min",
            Col::Status => "Status",
        }
    }
}

/// Every column in screen order.
const ORDER: [Col; 10] = [
    Col::Warned,
    Col::Private,
    Col::Medium,
    Col::Title,
    Col::With,
    Col::Intent,
    Col::Heat,
    Col::Day,
    Col::Minutes,
    Col::Status,
];

/// The columns a narrow table drops, the least useful first.
const DROPPED_FIRST: [Col; 4] = [Col::Heat, Col::Status, Col::Intent, Col::With];

/// The title keeps at least this many cells (or all of itself) before a column goes.
const TITLE_MIN: usize = 32;
/// `With` never takes more than this share of the room a title shares with it.
const WITH_SHARE: f32 = 0.34;

/// The title as the table shows it: carried items marked.
fn title_text(item: &crate::core::Item) -> String {
    match item.carried_from {
        Some(_) => format!("{CARRIED_MARK} {}", item.title),
        None => item.title.clone(),
    }
}

/// The columns shown and their widths in a table `inner` cells wide (the selection mark
/// and the spaces between columns aside): the title takes what is left.
fn layout(inner: usize, rows: &[super::view::Row]) -> Vec<(Col, usize)> {
    let titles: Vec<String> = rows.iter().map(|r| title_text(&r.item)).collect();
    let title_want = columns::widest("Title", titles.iter().map(String::as_str));
    let with_want = columns::widest("With", rows.iter().map(|r| r.item.with.as_str()));
    let fixed = |col: Col| -> usize {
        match col {
            Col::Warned | Col::Private => 1,
            Col::Medium => "brief+sync*".len(),
            Col::Intent => columns::widest("Intent", rows.iter().map(|r| r.item.intent.id())),
            Col::Heat => "medium".len(),
            Col::Day | Col::Minutes => 3,
            Col::Status => columns::widest("Status", rows.iter().map(|r| r.item.status.id())),
            Col::Title | Col::With => 0,
        }
    };
    let mut shown: Vec<Col> = ORDER.to_vec();
    if rows.iter().all(|r| !r.item.private) {
        shown.retain(|c| *c != Col::Private);
    }
    if rows.iter().all(|r| r.item.with.trim().is_empty()) {
        shown.retain(|c| *c != Col::With);
    }
    let room_for = |shown: &[Col]| -> usize {
        let used: usize = shown.iter().map(|c| fixed(*c)).sum();
        inner.saturating_sub(used + shown.len().saturating_sub(1))
    };
    let mut drop = DROPPED_FIRST.iter();
    loop {
        let room = room_for(&shown);
        let with = shown.contains(&Col::With);
        let title_room = if with {
            columns::split(room, title_want, with_want, WITH_SHARE).0
        } else {
            room
        };
        if title_room >= TITLE_MIN.min(title_want) {
            break;
        }
        match drop.next() {
            Some(col) => shown.retain(|c| c != col),
            None => break,
        }
    }
    let room = room_for(&shown);
    let (title, with) = if shown.contains(&Col::With) {
        columns::split(room, title_want, with_want, WITH_SHARE)
    } else {
        (room, 0)
    };
    shown
        .into_iter()
        .map(|c| match c {
            Col::Title => (c, title),
            Col::With => (c, with),
            other => (other, fixed(other)),
        })
        .collect()
}

/// The pane's title: how many of the shown items are still open, and how many are done.
fn pane_title(tally: &super::view::Tally) -> String {
    let mut title = format!(
        " Pending communications · {} open · {} done",
        tally.open, tally.done
    );
    if tally.dropped > 0 {
        title.push_str(&format!(" · {} dropped", tally.dropped));
    }
    title.push(' ');
    title
}

/// Draws the items table, or how to add the first item when the week is empty.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let rows = &app.view.rows;
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Line::styled(pane_title(&app.view.tally), theme.heading()));

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

    // The border, and the selection mark's column.
    let inner = usize::from(area.width.saturating_sub(3));
    let shown = layout(inner, rows);
    let header = Row::new(shown.iter().map(|(c, _)| Cell::from(c.title()))).style(theme.heading());
    let table_rows = rows.iter().map(|row| {
        let item = &row.item;
        let warned = row.warned();
        let mut medium = row.effective_medium.short().to_string();
        if row.differs {
            medium.push('*');
        }
        let cells = shown.iter().map(|&(c, width)| match c {
            Col::Warned => match item.status {
                Status::Done => Cell::from("✓"),
                Status::Dropped => Cell::from("×"),
                Status::Open if warned => Cell::from(Span::styled("!", theme.warning())),
                Status::Open => Cell::from(" "),
            },
            Col::Private => Cell::from(if item.private { "p" } else { " " }),
            Col::Medium => Cell::from(Span::styled(
                medium.clone(),
                theme.medium(row.effective_medium),
            )),
            Col::Title => Cell::from(text::truncate(&title_text(item), width)),
            Col::With => Cell::from(text::truncate(&item.with, width)),
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
    let widths = shown
        .iter()
        .map(|(_, w)| Constraint::Length(u16::try_from(*w).unwrap_or(u16::MAX)));
    let table = Table::new(table_rows, widths)
        .header(header)
        .block(block)
        .column_spacing(1)
        .row_highlight_style(theme.selected())
        .highlight_symbol("▸")
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = TableState::new()
        .with_offset(app.items.offset())
        .with_selected((!app.calendar_focus).then_some(app.items.selected()));
    frame.render_stateful_widget(table, area, &mut state);
}
