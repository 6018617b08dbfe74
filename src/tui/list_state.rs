//! One list state for every scrolling part of the screen (the items, the calendar, the
//! help): a selection, the first row shown, and the clamping that keeps both in range.

/// Where a list is: its length, how many rows it shows, the selected row and the first
/// row shown. Every change keeps the selection inside the list and on screen, and the
/// offset no further than the last page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListState {
    len: usize,
    visible: usize,
    selected: usize,
    offset: usize,
}

impl Default for ListState {
    fn default() -> Self {
        ListState {
            len: 0,
            visible: 1,
            selected: 0,
            offset: 0,
        }
    }
}

impl ListState {
    /// The selected row (0 in an empty list).
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The first row shown.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// How many rows the list has.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the list has no rows.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// How many rows fit on screen (at least one).
    pub fn visible(&self) -> usize {
        self.visible
    }

    /// The last row, or 0 in an empty list.
    fn last(&self) -> usize {
        self.len.saturating_sub(1)
    }

    /// The furthest offset that still fills the screen.
    pub fn max_offset(&self) -> usize {
        self.len.saturating_sub(self.visible)
    }

    /// Takes a new length and page height, and clamps the selection and the offset to them.
    pub fn resize(&mut self, len: usize, visible: usize) {
        self.len = len;
        self.visible = visible.max(1);
        self.selected = self.selected.min(self.last());
        self.fit();
    }

    /// Selects a row (clamped to the list) and scrolls as little as shows it.
    pub fn select(&mut self, index: usize) {
        self.selected = index.min(self.last());
        self.fit();
    }

    /// Back to the first row, scrolled to the top.
    pub fn reset(&mut self) {
        self.selected = 0;
        self.offset = 0;
    }

    pub fn next(&mut self) {
        self.select(self.selected.saturating_add(1));
    }

    pub fn prev(&mut self) {
        self.select(self.selected.saturating_sub(1));
    }

    pub fn first(&mut self) {
        self.select(0);
    }

    pub fn last_row(&mut self) {
        self.select(usize::MAX);
    }

    /// One screen further down; the row on top is the one that was at the bottom.
    pub fn page_down(&mut self) {
        let step = self.visible.saturating_sub(1).max(1);
        self.offset = self.offset.saturating_add(step).min(self.max_offset());
        self.select(self.selected.saturating_add(step));
    }

    /// One screen further up.
    pub fn page_up(&mut self) {
        let step = self.visible.saturating_sub(1).max(1);
        self.offset = self.offset.saturating_sub(step);
        self.select(self.selected.saturating_sub(step));
    }

    /// Moves the view of a list read rather than picked from (the help), by `lines` down
    /// (positive) or up (negative), no further than the last page; the selection follows
    /// the top row.
    pub fn scroll_by(&mut self, lines: isize) {
        self.offset = self
            .offset
            .saturating_add_signed(lines)
            .min(self.max_offset());
        self.selected = self.offset;
    }

    /// Scrolls as little as shows the selection, then no further than the last page.
    fn fit(&mut self) {
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + self.visible {
            self.offset = self.selected + 1 - self.visible;
        }
        self.offset = self.offset.min(self.max_offset());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(len: usize, visible: usize) -> ListState {
        let mut state = ListState::default();
        state.resize(len, visible);
        state
    }

    #[test]
    fn an_empty_list_selects_row_zero_and_never_scrolls() {
        let mut state = list(0, 5);
        for step in [ListState::next, ListState::last_row, ListState::page_down] {
            step(&mut state);
            assert_eq!((state.selected(), state.offset()), (0, 0));
        }
        assert!(state.is_empty());
    }

    #[test]
    fn the_selection_stops_at_both_ends() {
        let mut state = list(3, 10);
        state.prev();
        assert_eq!(state.selected(), 0);
        state.next();
        state.next();
        state.next();
        assert_eq!(state.selected(), 2);
        state.select(usize::MAX);
        assert_eq!(state.selected(), 2);
        state.first();
        assert_eq!(state.selected(), 0);
    }

    #[test]
    fn moving_down_scrolls_just_enough_to_show_the_selection() {
        let mut state = list(10, 4);
        for _ in 0..4 {
            state.next();
        }
        assert_eq!((state.selected(), state.offset()), (4, 1));
        state.last_row();
        assert_eq!((state.selected(), state.offset()), (9, 6));
        // Up inside the page keeps the page; above it, the page follows.
        state.select(7);
        assert_eq!(state.offset(), 6);
        state.select(2);
        assert_eq!(state.offset(), 2);
    }

    #[test]
    fn a_shorter_list_or_a_taller_screen_clamps_selection_and_offset() {
        let mut state = list(10, 4);
        state.last_row();
        state.resize(5, 4);
        assert_eq!((state.selected(), state.offset()), (4, 1));
        state.resize(5, 10);
        assert_eq!((state.selected(), state.offset()), (4, 0));
        state.resize(0, 0);
        assert_eq!(
            (state.selected(), state.offset(), state.visible()),
            (0, 0, 1)
        );
    }

    #[test]
    fn page_keys_move_a_screen_less_one_row_and_stop_at_the_ends() {
        let mut state = list(20, 5);
        state.page_down();
        assert_eq!((state.selected(), state.offset()), (4, 4));
        state.page_down();
        assert_eq!((state.selected(), state.offset()), (8, 8));
        for _ in 0..5 {
            state.page_down();
        }
        assert_eq!((state.selected(), state.offset()), (19, 15));
        state.page_up();
        assert_eq!((state.selected(), state.offset()), (15, 11));
        for _ in 0..5 {
            state.page_up();
        }
        assert_eq!((state.selected(), state.offset()), (0, 0));
        // A one-row screen still moves.
        let mut one = list(3, 1);
        one.page_down();
        assert_eq!((one.selected(), one.offset()), (1, 1));
    }

    #[test]
    fn scrolling_without_a_selection_stays_within_the_last_page() {
        let mut help = list(30, 12);
        help.scroll_by(3);
        assert_eq!(help.offset(), 3);
        help.scroll_by(-1);
        assert_eq!(help.offset(), 2);
        help.scroll_by(100);
        assert_eq!(help.offset(), 18);
        help.scroll_by(-100);
        assert_eq!(help.offset(), 0);
        // A taller screen pulls a scrolled view back.
        help.scroll_by(18);
        help.resize(30, 25);
        assert_eq!(help.offset(), 5);
    }
}
