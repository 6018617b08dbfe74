//! Markdown that stays text: user and calendar text escaped so that CommonMark and GFM
//! render it literally (no links, images, HTML, headings, emphasis, code, tables or lists).

use crate::core::sanitize::sanitized;

/// Characters escaped wherever they appear: each can open a link, an image, HTML, an
/// autolink, an entity, code, emphasis, strikethrough, a table cell, a heading (or close
/// one), a mention, maths, attributes or a block quote in some widely used dialect.
const ALWAYS: &[char] = &[
    '\\', '`', '*', '_', '~', '[', ']', '<', '>', '&', '|', '#', '@', '$', '{', '}', '^', '=',
];

/// Characters that only mean something at the start of a line: list markers, a thematic
/// break and a definition.
const AT_START: &[char] = &['-', '+', ':'];

/// The text as it will read once rendered: sanitised (no control characters, escape
/// sequences or bidirectional overrides), every run of whitespace (newlines and line
/// separators included) folded into one space, and trimmed.
pub fn plain(text: &str) -> String {
    let clean = sanitized(text);
    let mut out = String::with_capacity(clean.len());
    for word in clean.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The text made safe for one line of Markdown: [`plain`], then a backslash before every
/// character that could start Markdown syntax. The result holds no line break and
/// renders as exactly [`plain`]`(text)`, wherever on a line it is placed.
pub fn escape(text: &str) -> String {
    let text = plain(text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    // Leading digits followed by `.` or `)` would make an ordered list.
    let mut only_digits_so_far = true;
    for (n, &c) in chars.iter().enumerate() {
        if needs_escape(&chars, n, only_digits_so_far) {
            out.push('\\');
        }
        out.push(c);
        only_digits_so_far &= c.is_ascii_digit();
    }
    out
}

fn needs_escape(chars: &[char], n: usize, only_digits_so_far: bool) -> bool {
    let c = chars[n];
    let lower = |i: usize| chars.get(i).map(|c| c.to_ascii_lowercase());
    ALWAYS.contains(&c)
        || (n == 0 && AT_START.contains(&c))
        || (n > 0 && only_digits_so_far && matches!(c, '.' | ')'))
        // `http://…` and `www.…` become links under GFM's autolink extension.
        || (c == ':' && chars.get(n + 1) == Some(&'/'))
        || (c == '.'
            && n >= 3
            && lower(n - 3) == Some('w')
            && lower(n - 2) == Some('w')
            && lower(n - 1) == Some('w'))
}

/// Undoes [`escape`]: drops the backslash before each escaped ASCII punctuation
/// character, so `unescape(&escape(t)) == plain(t)`.
pub fn unescape(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    /// Every dialect extension pulldown-cmark knows, except smart punctuation (which
    /// changes quotes, not structure).
    fn options() -> Options {
        Options::all() - Options::ENABLE_SMART_PUNCTUATION
    }

    /// The text of `markdown` when it renders as plain text only (paragraphs, headings,
    /// lists and their items); `Err` names the first other event.
    fn rendered_text(markdown: &str) -> Result<String, String> {
        let mut text = String::new();
        for event in Parser::new_ext(markdown, options()) {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item)
                | Event::Start(Tag::List(None))
                | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item)
                | Event::End(TagEnd::List(false)) => {}
                other => return Err(format!("{other:?} in {markdown:?}")),
            }
        }
        Ok(text)
    }

    /// Whether an escapable character stands in `escaped` without its backslash.
    fn bare_special(escaped: &str) -> Option<char> {
        let mut chars = escaped.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                c if ALWAYS.contains(&c) => return Some(c),
                _ => {}
            }
        }
        None
    }

    #[test]
    fn hostile_titles_become_text() {
        let cases = [
            (
                "Budget review [slides](http://evil.example) <img src=x onerror=alert(1)>",
                r"Budget review \[slides\](http\://evil.example) \<img src\=x onerror\=alert(1)\>",
            ),
            ("# heading", r"\# heading"),
            ("| a | b |", r"\| a \| b \|"),
            ("<!-- x -->", r"\<!-- x --\>"),
            ("`code`", r"\`code\`"),
            ("first\nsecond", "first second"),
            ("evil\u{202e}txt", "eviltxt"),
            ("- not a list", r"\- not a list"),
            ("+ not a list", r"\+ not a list"),
            ("> not a quote", r"\> not a quote"),
            ("1. not a list", r"1\. not a list"),
            ("2026) not a list", r"2026\) not a list"),
            ("Plan v1.2 for 2027", "Plan v1.2 for 2027"),
            (
                "*bold* and _em_ and ~~gone~~",
                r"\*bold\* and \_em\_ and \~\~gone\~\~",
            ),
            ("![img](x.png)", r"!\[img\](x.png)"),
            ("see www.evil.example", r"see www\.evil.example"),
            ("mail sam@evil.example", r"mail sam\@evil.example"),
            ("a &amp; b", r"a \&amp; b"),
            (r"back\slash", r"back\\slash"),
            ("  padded\t\u{2028}out  ", "padded out"),
            ("Go/no-go: the cut-over?", "Go/no-go: the cut-over?"),
        ];
        for (input, expected) in cases {
            assert_eq!(escape(input), expected, "{input:?}");
            assert_eq!(unescape(expected), plain(input), "{input:?}");
        }
    }

    #[test]
    fn hostile_titles_render_as_their_own_text() {
        for input in [
            "Budget review [slides](http://evil.example) <img src=x onerror=alert(1)>",
            "# heading",
            "| a | b |\n|---|---|\n| c | d |",
            "<!-- x -->",
            "`code`",
            "title\n# second block",
            "title\n\n    indented code",
            "***",
            "- - -",
            "[ ] task",
            "> [!WARNING] boo",
            "Heading {#id .class}",
            "$x^2$ and [[wiki]] and [^note]",
            "term\n: definition",
            "<https://evil.example>",
            "trailing hash #",
            "hard  \nbreak\\",
        ] {
            let escaped = escape(input);
            for context in ["", "- ", "### ", "- Problem: "] {
                let markdown = format!("{context}{escaped}\n");
                assert_eq!(
                    rendered_text(&markdown),
                    Ok(expected(context, input)),
                    "{markdown:?}"
                );
            }
        }
    }

    /// What `text` escaped after a line prefix renders as.
    fn expected(context: &str, text: &str) -> String {
        let prefix = match context {
            "- Problem: " => "Problem: ",
            _ => "",
        };
        format!("{prefix}{}", plain(text)).trim_end().to_string()
    }

    proptest! {
        #[test]
        fn escaping_round_trips_and_leaves_nothing_bare(text in any::<String>()) {
            let escaped = escape(&text);
            prop_assert_eq!(unescape(&escaped), plain(&text));
            prop_assert_eq!(bare_special(&escaped), None);
            prop_assert!(!escaped.contains(['\n', '\r']));
            prop_assert!(!escaped.starts_with(['-', '+', ':', ' ']));
            prop_assert!(!escaped.ends_with(' '));
        }

        #[test]
        fn escaped_text_renders_as_one_text_run(
            text in prop::string::string_regex(
                "[-a-z0-9 #*_`\\[\\]()<>!|&:;./\\\\~=+@${}^\"'\n\t]{0,40}"
            ).unwrap_or_else(|e| panic!("{e}"))
        ) {
            let escaped = escape(&text);
            for context in ["", "- ", "### ", "- Problem: "] {
                let markdown = format!("{context}{escaped}\n");
                prop_assert_eq!(rendered_text(&markdown), Ok(expected(context, &text)));
            }
        }

        #[test]
        fn arbitrary_text_renders_as_one_text_run(text in any::<String>()) {
            let escaped = escape(&text);
            let markdown = format!("- Problem: {escaped}\n");
            prop_assert_eq!(rendered_text(&markdown), Ok(expected("- Problem: ", &text)));
        }
    }
}
