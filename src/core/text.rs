//! Text as a terminal draws it: the width of a string in cells, grapheme by grapheme, and
//! `fit`, which cuts on grapheme boundaries (ending in `…`) and pads to an exact width.
//!
//! Terminals disagree on sequences that join several characters into one picture: tmux
//! and many emulators draw an emoji family (a zero-width-joiner sequence) as each of its
//! emoji, two cells apiece, where others draw one picture in two cells; a variation
//! selector or a skin-tone modifier widens some characters in some terminals only. So
//! that columns stay aligned everywhere, the text shown is a *safe rendering*: a joined
//! sequence shows its first emoji, and characters that only change how a grapheme looks
//! (joiners, zero-width spaces, variation selectors, skin tones, tags) are dropped. Every
//! width here is the width of that rendering, which is what the caller then draws.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::sanitize::sanitized;

/// The zero-width joiner: a grapheme shows what comes before its first one.
const ZWJ: char = '\u{200d}';

/// Characters that change how a grapheme looks, never what it says; dropped.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2060}'..='\u{2064}'
            | '\u{feff}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{1f3fb}'..='\u{1f3ff}'
            | '\u{e0000}'..='\u{e007f}'
            | '\u{e0100}'..='\u{e01ef}'
    )
}

/// Appends the safe rendering of `grapheme` to `out`; returns the cells it takes.
fn push_safe(out: &mut String, grapheme: &str) -> usize {
    let end = grapheme.find(ZWJ).unwrap_or(grapheme.len());
    let head = &grapheme[..end];
    let width = head.width();
    if width == 0 {
        return 0;
    }
    if head.chars().any(invisible) {
        let kept: String = head.chars().filter(|c| !invisible(*c)).collect();
        let width = kept.width();
        out.push_str(&kept);
        return width;
    }
    out.push_str(head);
    width
}

/// The graphemes of the safe rendering of `text` with their widths (none of width 0).
fn cells(text: &str) -> impl Iterator<Item = (String, usize)> + '_ {
    text.graphemes(true).filter_map(|g| {
        let mut shown = String::new();
        let width = push_safe(&mut shown, g);
        (width > 0).then_some((shown, width))
    })
}

/// Text from users or calendars as the screen draws it: sanitised (no control characters
/// or escapes), then each grapheme in its safe rendering (see the module's note).
pub fn display(text: &str) -> String {
    let clean = sanitized(text);
    if clean.is_ascii() {
        return clean.into_owned();
    }
    cells(&clean).map(|(g, _)| g).collect()
}

/// The cells `text` takes on a terminal, drawn as `display` renders it.
pub fn width(text: &str) -> usize {
    // Measuring is on every draw: clean text is measured where it lies.
    let clean = sanitized(text);
    if clean.is_ascii() {
        return clean.len();
    }
    cells(&clean).map(|(_, w)| w).sum()
}

/// `text` in at most `width` cells: cut on a grapheme boundary and ending in `…` when it
/// does not fit, never padded.
pub fn truncate(text: &str, width: usize) -> String {
    let clean = display(text);
    if clean.width() <= width {
        return clean;
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for grapheme in clean.graphemes(true) {
        let w = grapheme.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(grapheme);
        used += w;
    }
    out.push('…');
    out
}

/// The end of `text` in at most `width` cells: cut on a grapheme boundary and starting
/// with `…` when it does not fit, as a field shows the end being typed.
pub fn tail(text: &str, width: usize) -> String {
    let clean = display(text);
    if clean.width() <= width {
        return clean;
    }
    if width == 0 {
        return String::new();
    }
    let mut kept = Vec::new();
    let mut used = 0;
    for grapheme in clean.graphemes(true).rev() {
        let w = grapheme.width();
        if used + w + 1 > width {
            break;
        }
        kept.push(grapheme);
        used += w;
    }
    std::iter::once("…").chain(kept.into_iter().rev()).collect()
}

/// `text` in exactly `width` cells: cut as `truncate` does, then padded with spaces.
pub fn fit(text: &str, width: usize) -> String {
    let mut out = truncate(text, width);
    let used = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_one_cell_a_character() {
        assert_eq!(width("Weekly status"), 13);
        assert_eq!(fit("Weekly status", 8), "Weekly …");
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(fit("abc", 1), "…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(tail("abc", 3), "abc");
        assert_eq!(tail("weekly status", 7), "…status");
        assert_eq!(tail("abc", 1), "…");
        assert_eq!(tail("abc", 0), "");
        assert_eq!(tail("日本語テキスト", 7), "…キスト");
        assert_eq!(width(&tail("日本語テキスト", 6)), 5);
    }

    #[test]
    fn cjk_takes_two_cells_and_is_never_split() {
        assert_eq!(width("季度计划"), 8);
        // Three cells left before the ellipsis: one ideograph, then a pad.
        let cut = fit("季度计划", 4);
        assert_eq!(cut, "季… ");
        assert_eq!(width(&cut), 4);
    }

    #[test]
    fn zero_width_characters_take_no_cell_and_leave_nothing_stale() {
        for text in [
            "a\u{200b}b",
            "a\u{200d}b",
            "a\u{fe0f}b",
            "\u{feff}ab",
            "a\u{2060}b",
        ] {
            assert_eq!(width(text), 2, "{text:?}");
            assert_eq!(display(text), "ab", "{text:?}");
            assert_eq!(width(&fit(text, 5)), 5);
        }
        // A combining accent stays with its letter.
        assert_eq!(width("e\u{301}t\u{e9}"), 3);
        assert_eq!(display("e\u{301}"), "e\u{301}");
    }

    #[test]
    fn an_emoji_family_is_one_wide_grapheme_its_first_emoji() {
        let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
        assert_eq!(width(family), 2);
        assert_eq!(display(family), "\u{1f468}");
        assert_eq!(width(&format!("{family} sync")), 7);
        // A thumbs-up with a skin tone is the plain thumbs-up.
        assert_eq!(display("\u{1f44d}\u{1f3fd}"), "\u{1f44d}");
        assert_eq!(width("\u{1f44d}\u{1f3fd}"), 2);
        // A heart with the emoji selector is drawn as text, one cell, in every terminal.
        assert_eq!(width("\u{2764}\u{fe0f}"), 1);
    }

    #[test]
    fn fit_is_exact_whatever_the_text() {
        let texts = [
            "Weekly status for the platform team",
            "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} family offsite",
            "季度计划 review",
            "a\u{200b}\u{200b}\u{200b}b",
            "\u{1b}[31mred\u{1b}[0m",
        ];
        for text in texts {
            for w in 0..24 {
                let out = fit(text, w);
                assert_eq!(width(&out), w, "{text:?} at {w}");
                assert_eq!(UnicodeWidthStr::width(out.as_str()), w, "{text:?} at {w}");
            }
        }
    }

    #[test]
    fn control_characters_never_pass() {
        assert_eq!(display("\u{1b}[31mred\u{1b}[0m"), "red");
        assert_eq!(width("a\tb"), 3);
    }
}
