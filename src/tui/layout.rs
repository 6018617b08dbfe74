//! Where each part of the screen goes, shared by drawing and by mouse hit-testing.

use ratatui::layout::{Constraint, Layout, Rect};

/// The smallest screen that shows every pane.
pub const FULL_WIDTH: u16 = 80;
pub const FULL_HEIGHT: u16 = 24;

/// Rows the items table spends on its border and header line above the first item.
pub const TABLE_TOP: u16 = 2;

/// The areas of the main screen; the side panes are absent on small screens, where a hint
/// line says which key shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub list: Rect,
    pub detail: Option<Rect>,
    pub gauge: Option<Rect>,
    /// The line that says what a small screen hides.
    pub hint: Option<Rect>,
    pub footer: Rect,
}

/// The side panes' width on a screen this wide: about a third, never narrower than a
/// readable paragraph, and no wider than its longest lines need.
fn side_width(width: u16) -> u16 {
    (width * 9 / 25).clamp(30, 84)
}

/// Splits the screen: header, list beside the recommendation and the gauge, footer. With
/// `zoom`, the recommendation and the gauge take the list's place.
pub fn areas(screen: Rect, zoom: bool) -> Areas {
    let none = Areas {
        header: Rect::default(),
        list: screen,
        detail: None,
        gauge: None,
        hint: None,
        footer: Rect::default(),
    };
    if screen.height < 3 {
        return none;
    }
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(screen);
    let small = screen.width < FULL_WIDTH || screen.height < FULL_HEIGHT;
    if zoom {
        let (detail, gauge) = side(body);
        return Areas {
            header,
            list: Rect::default(),
            detail: Some(detail),
            gauge: Some(gauge),
            hint: None,
            footer,
        };
    }
    if small {
        let [list, hint] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(body);
        let hint = (body.height >= 4).then_some(hint);
        return Areas {
            header,
            list: if hint.is_some() { list } else { body },
            detail: None,
            gauge: None,
            hint,
            footer,
        };
    }
    let [list, side_area] = Layout::horizontal([
        Constraint::Min(1),
        Constraint::Length(side_width(body.width)),
    ])
    .areas(body);
    let (detail, gauge) = side(side_area);
    Areas {
        header,
        list,
        detail: Some(detail),
        gauge: Some(gauge),
        hint: None,
        footer,
    }
}

/// The recommendation above the gauge; the gauge has a bar per day on tall screens and
/// the days in one row otherwise.
fn side(area: Rect) -> (Rect, Rect) {
    let gauge_height = if area.height >= 32 { 11 } else { 6 };
    let [detail, gauge] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(gauge_height)]).areas(area);
    (detail, gauge)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pane_from_the_full_size_and_a_hint_below_it() {
        let full = areas(Rect::new(0, 0, 80, 24), false);
        assert!(full.detail.is_some() && full.gauge.is_some() && full.hint.is_none());
        let small = areas(Rect::new(0, 0, 60, 20), false);
        assert!(small.detail.is_none() && small.hint.is_some());
        let zoomed = areas(Rect::new(0, 0, 60, 20), true);
        assert!(zoomed.detail.is_some() && zoomed.list.is_empty());
        // Wide screens give the panel room, up to what its lines need.
        assert_eq!(
            areas(Rect::new(0, 0, 120, 40), false).detail.unwrap().width,
            43
        );
        assert_eq!(
            areas(Rect::new(0, 0, 200, 50), false).detail.unwrap().width,
            72
        );
    }
}
