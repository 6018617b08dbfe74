//! Where each part of the screen goes, shared by drawing and by mouse hit-testing.

use ratatui::layout::{Constraint, Layout, Rect};

/// The smallest screen that shows every pane.
pub const FULL_WIDTH: u16 = 80;
pub const FULL_HEIGHT: u16 = 24;

/// Rows the items table spends on its border and header line above the first item.
pub const TABLE_TOP: u16 = 2;

/// The areas of the main screen; the side panes are absent on small screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub list: Rect,
    pub detail: Option<Rect>,
    pub gauge: Option<Rect>,
    pub footer: Rect,
}

/// Splits the screen: header, list beside the recommendation and the gauge, footer.
pub fn areas(screen: Rect) -> Areas {
    if screen.height < 3 {
        return Areas {
            header: Rect::default(),
            list: screen,
            detail: None,
            gauge: None,
            footer: Rect::default(),
        };
    }
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(screen);
    if screen.width < FULL_WIDTH || screen.height < FULL_HEIGHT {
        return Areas {
            header,
            list: body,
            detail: None,
            gauge: None,
            footer,
        };
    }
    let [list, side] =
        Layout::horizontal([Constraint::Percentage(64), Constraint::Percentage(36)]).areas(body);
    // The gauge with a bar per day on tall screens; with the days in one row otherwise.
    let gauge_height = if side.height >= 32 { 11 } else { 6 };
    let [detail, gauge] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(gauge_height)]).areas(side);
    Areas {
        header,
        list,
        detail: Some(detail),
        gauge: Some(gauge),
        footer,
    }
}

/// How many item rows the list shows.
pub fn list_rows(list: Rect) -> usize {
    usize::from(list.height.saturating_sub(TABLE_TOP + 1)).max(1)
}

/// Splits the list area between the planned items and the week's calendar meetings; the
/// calendar gets a third at most, and no room on short screens.
pub fn split_list(list: Rect, meetings: usize) -> (Rect, Option<Rect>) {
    if meetings == 0 || list.height < 14 {
        return (list, None);
    }
    let wanted = u16::try_from(meetings)
        .unwrap_or(u16::MAX)
        .saturating_add(TABLE_TOP + 1);
    let height = wanted.min(list.height / 3).max(4);
    let [items, calendar] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(height)]).areas(list);
    (items, Some(calendar))
}
