//! The one way a line reaches the terminal's error stream: every message is sanitised (no
//! control characters, escape sequences or bidi overrides) and a quoted value is cut to
//! about 80 characters, so a bad argument can neither drive the terminal nor flood it.

use std::io::Write;

use unicode_segmentation::UnicodeSegmentation;

use crate::core::sanitize::sanitize;

/// The most characters of one quoted value an error line repeats.
pub const QUOTE_LIMIT: usize = 80;

/// The message as it may be printed: sanitised, each `'…'` quote cut to [`QUOTE_LIMIT`].
pub fn clean(message: &str) -> String {
    let text = sanitize(message);
    let mut out = String::with_capacity(text.len().min(4 * 1024));
    let mut rest = text.as_str();
    while let Some(open) = rest.find('\'') {
        out.push_str(&rest[..=open]);
        let after = &rest[open + 1..];
        let (quoted, tail) = match after.find('\'') {
            Some(close) => (&after[..close], &after[close..]),
            None => (after, ""),
        };
        out.push_str(&clip(quoted, QUOTE_LIMIT));
        if tail.is_empty() {
            return out;
        }
        out.push('\'');
        rest = &tail[1..];
    }
    out.push_str(rest);
    clip(&out, 8 * QUOTE_LIMIT)
}

/// `text` cut to at most `limit` characters (whole graphemes), ending in `…` when cut.
fn clip(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let mut kept = String::new();
    let mut count = 0;
    for grapheme in text.graphemes(true) {
        let n = grapheme.chars().count();
        if count + n > limit.saturating_sub(1) {
            break;
        }
        kept.push_str(grapheme);
        count += n;
    }
    kept.push('…');
    kept
}

/// Writes `syncwise: MESSAGE` on standard error, cleaned, as one line.
pub fn error(message: &str) {
    let line = format!("syncwise: {}\n", clean(message));
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// Writes `note: MESSAGE` on standard error, cleaned, as one line: something the user
/// should know that is not an error.
pub fn note(message: &str) {
    let line = format!("note: {}\n", clean(message));
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_never_pass_and_long_quotes_are_cut() {
        let line = clean("invalid value 'A\rB\u{9b}2J\u{202e}C' for '--week'");
        assert_eq!(line, "invalid value 'A BC' for '--week'");
        let long = "x".repeat(100_000);
        let line = clean(&format!("the title '{long}' is too long"));
        assert!(line.chars().count() < 120, "{}", line.len());
        assert!(line.starts_with("the title 'xxx"));
        assert!(line.ends_with("…' is too long"));
    }

    #[test]
    fn an_unclosed_quote_is_cut_too() {
        let line = clean(&format!("bad '{}", "y".repeat(500)));
        assert_eq!(line.chars().count(), "bad '".len() + QUOTE_LIMIT);
    }

    #[test]
    fn plain_messages_are_untouched() {
        assert_eq!(
            clean("no item #7 (list shows the ids)"),
            "no item #7 (list shows the ids)"
        );
    }
}
