//! Makes text that users or calendars typed safe to print: no control characters,
//! no escape sequences, no bidirectional overrides reach the terminal.

use std::borrow::Cow;

/// Returns `text` with escape sequences removed and other control characters
/// (tabs and newlines included) turned into single spaces.
pub fn sanitize(text: &str) -> String {
    sanitized(text).into_owned()
}

/// What [`sanitize`] returns, borrowing `text` when it is already clean: checks that
/// run on every load (stored titles) allocate nothing for the clean case.
pub fn sanitized(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_care) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            '\u{9b}' => skip_until_final(&mut chars),
            '\t' | '\n' | '\r' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c if needs_care(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_care(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => skip_until_final(chars),
        // OSC, DCS, SOS, PM, APC: run to BEL or the string terminator ESC \.
        Some(']' | 'P' | 'X' | '^' | '_') => {
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                    }
                    break;
                }
            }
        }
        _ => {}
    }
}

/// Skips a CSI sequence's parameters up to and including its final byte.
fn skip_until_final(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{sanitize, sanitized};
    use std::borrow::Cow;

    #[test]
    fn plain_text_is_untouched() {
        assert_eq!(sanitize("Go/no-go — ledger ✓"), "Go/no-go — ledger ✓");
        assert!(matches!(sanitized("Go/no-go — ledger ✓"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_and_controls_never_pass() {
        assert_eq!(sanitize("\u{1b}[31mred\u{1b}[0m"), "red");
        assert_eq!(sanitize("a\u{1b}]52;c;aGk=\u{7}b"), "ab");
        assert_eq!(sanitize("a\u{1b}]0;title\u{1b}\\b"), "ab");
        assert_eq!(sanitize("line one\nline\ttwo\r\n"), "line one line two ");
        assert_eq!(sanitize("bell\u{7}\u{0}\u{9b}2Jx"), "bellx");
        assert_eq!(sanitize("evil\u{202e}txt"), "eviltxt");
    }
}
