//! Column widths that fit the terminal: fixed columns as they are, a side column (`With`,
//! the flags) that grows to its content up to a share of the room, and the main column
//! (the title) that takes the rest; nothing is cut while room remains.

use crate::core::text;

/// Splits `room` cells between a main column wanting `main` and a side column wanting
/// `side`, the side never taking more than `share` of the room unless the main column
/// leaves it free. Returns (main, side).
pub fn split(room: usize, main: usize, side: usize, share: f32) -> (usize, usize) {
    if main + side <= room {
        return (room - side, side);
    }
    // Truncation is for sharing room: the side column keeps its share, or what the
    // main column leaves, whichever is more.
    let capped = ((room as f32 * share) as usize).max(room.saturating_sub(main));
    let side = side.min(capped).min(room);
    (room - side, side)
}

/// The widest of `texts` as the screen draws them, and at least `header`'s width.
pub fn widest<'a>(header: &str, texts: impl Iterator<Item = &'a str>) -> usize {
    texts.map(text::width).max().unwrap_or(0).max(header.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_whole_while_they_fit_the_main_column_takes_the_rest() {
        assert_eq!(split(60, 36, 20, 0.3), (40, 20));
        assert_eq!(split(56, 36, 20, 0.3), (36, 20));
    }

    #[test]
    fn when_room_is_short_the_side_keeps_its_share() {
        assert_eq!(split(40, 36, 20, 0.3), (28, 12));
        // A short title leaves the side more than its share.
        assert_eq!(split(30, 10, 30, 0.3), (10, 20));
        assert_eq!(split(0, 10, 30, 0.3), (0, 0));
    }
}
