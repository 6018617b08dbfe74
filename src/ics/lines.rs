//! Content lines and components: line endings, unfolding, `NAME;PARAM=VALUE:value`, and
//! the BEGIN/END tree. Unfolding works on bytes, so that a fold in the middle of a UTF-8
//! sequence joins back into the right character; everything else borrows from the input
//! (a large export has hundreds of thousands of lines).

use std::borrow::Cow;

use super::{Limits, SkipLog};

/// One property of a component, borrowed from its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Property<'a> {
    /// As written; compare with [`Property::is`].
    pub name: &'a str,
    /// The raw parameter text between the name and the value, with the `:` that ends it
    /// (`;A=B;C="x,y":`).
    params: &'a str,
    pub value: &'a str,
    /// The physical line the property starts on (1-based).
    pub line: usize,
}

/// The components whose properties matter, and the properties that matter in them.
const KEPT: &[(&str, &[&str])] = &[
    (
        "VEVENT",
        &[
            "UID",
            "SUMMARY",
            "DESCRIPTION",
            "DTSTART",
            "DTEND",
            "DURATION",
            "RRULE",
            "RDATE",
            "EXDATE",
            "RECURRENCE-ID",
            "STATUS",
            "SEQUENCE",
            "ATTENDEE",
            "ORGANIZER",
            "TRANSP",
            OVERLONG,
        ],
    ),
    ("VCALENDAR", &["X-WR-TIMEZONE", "X-WR-CALNAME"]),
    ("VTIMEZONE", &["TZID", "X-LIC-LOCATION"]),
    (
        "STANDARD",
        &["DTSTART", "TZOFFSETFROM", "TZOFFSETTO", "RRULE", "RDATE"],
    ),
    (
        "DAYLIGHT",
        &["DTSTART", "TZOFFSETFROM", "TZOFFSETTO", "RRULE", "RDATE"],
    ),
];

/// Stands in for a line over the length limit, with the property's name as its value,
/// so that an event whose EXDATE (say) is too long to read can be skipped rather than
/// counted without it.
pub(crate) const OVERLONG: &str = "X-SYNCWISE-OVERLONG";

/// The property name a raw line starts with, if it looks like one.
fn raw_name(raw: &[u8]) -> Option<&str> {
    let end = raw.iter().take(80).position(|b| *b == b';' || *b == b':')?;
    let name = std::str::from_utf8(raw.get(..end)?).ok()?.trim();
    is_name(name).then_some(name)
}

fn kept(component: &str, property: &str) -> bool {
    KEPT.iter().any(|(c, props)| {
        c.eq_ignore_ascii_case(component) && props.iter().any(|p| p.eq_ignore_ascii_case(property))
    })
}

/// The first value of a parameter's raw value list, unquoted and RFC 6868-unescaped.
fn first_value(raw: &str) -> Cow<'_, str> {
    let value = match raw.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next().unwrap_or_default(),
        None => raw.split(',').next().unwrap_or_default(),
    };
    if value.contains('^') {
        Cow::Owned(unescape_param(value))
    } else {
        Cow::Borrowed(value)
    }
}

/// Reads one parameter from `rest` (which starts just after a `;`): its name, its raw
/// value list, and what follows (starting with `;` or `:`).
fn next_param(rest: &str) -> Result<(&str, &str, &str), String> {
    let eq = rest
        .find(['=', ':', ';'])
        .ok_or("parameter without a value")?;
    if rest.as_bytes().get(eq) != Some(&b'=') {
        return Err(format!(
            "parameter '{}' has no '='",
            short(rest.get(..eq).unwrap_or_default())
        ));
    }
    let name = rest.get(..eq).unwrap_or_default().trim();
    if !is_name(name) {
        return Err(format!("'{}' is not a parameter name", short(name)));
    }
    let values_start = eq + 1;
    let mut at = values_start;
    loop {
        let tail = rest.get(at..).unwrap_or_default();
        let consumed = if let Some(quoted) = tail.strip_prefix('"') {
            let close = quoted
                .find('"')
                .ok_or_else(|| format!("parameter '{name}' has an unclosed quote"))?;
            close + 2
        } else {
            tail.find([',', ';', ':'])
                .ok_or_else(|| format!("parameter '{name}' runs to the end of the line"))?
        };
        at += consumed;
        match rest.as_bytes().get(at) {
            Some(b',') => at += 1,
            Some(b';' | b':') => {
                let values = rest.get(values_start..at).unwrap_or_default();
                return Ok((name, values, rest.get(at..).unwrap_or_default()));
            }
            _ => return Err(format!("parameter '{name}' is not followed by ':'")),
        }
    }
}

impl<'a> Property<'a> {
    /// Whether the property has this name, in any case.
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// The first value of a parameter, by case-insensitive name.
    pub fn param(&self, name: &str) -> Option<Cow<'a, str>> {
        let mut rest = self.params;
        while let Some(after) = rest.strip_prefix(';') {
            let (pname, values, next) = next_param(after).ok()?;
            if pname.eq_ignore_ascii_case(name) {
                return Some(first_value(values));
            }
            rest = next;
        }
        None
    }

    /// Whether a parameter has one of these values, in any case.
    pub fn param_is(&self, name: &str, values: &[&str]) -> bool {
        self.param(name)
            .is_some_and(|v| values.iter().any(|x| v.eq_ignore_ascii_case(x)))
    }

    /// The same property with another value (one item of a list, say).
    pub fn with_value(&self, value: &'a str) -> Property<'a> {
        Property { value, ..*self }
    }
}

/// A BEGIN/END block with its own properties and nested blocks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Component<'a> {
    /// As written; compare with [`Component::is`].
    pub name: &'a str,
    pub props: Vec<Property<'a>>,
    pub children: Vec<Component<'a>>,
    /// The line of its BEGIN.
    pub line: usize,
    /// Whether its END was found where it should be.
    pub closed: bool,
}

impl<'a> Component<'a> {
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// The first property with this name.
    pub fn prop(&self, name: &str) -> Option<&Property<'a>> {
        self.props.iter().find(|p| p.is(name))
    }

    /// Every property with this name.
    pub fn props_named<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Property<'a>> + 's {
        self.props.iter().filter(move |p| p.is(name))
    }
}

/// Unfolded lines, each with its first physical line number; borrowed when the line was
/// not folded and is valid UTF-8.
pub(crate) type Lines<'a> = Vec<(usize, Cow<'a, str>)>;

/// Splits raw bytes into logical (unfolded) lines.
pub(crate) fn logical_lines<'a>(bytes: &'a [u8], limits: &Limits, log: &mut SkipLog) -> Lines<'a> {
    let separator = if bytes.contains(&b'\n') { b'\n' } else { b'\r' };
    let mut out: Lines<'a> = Vec::new();
    // The line being built: its first physical line, and its bytes once folded.
    let mut first: Option<(usize, &'a [u8])> = None;
    let mut folded: Option<Vec<u8>> = None;
    let mut overlong = false;

    let mut flush = |first: Option<(usize, &'a [u8])>,
                     folded: Option<Vec<u8>>,
                     overlong: bool,
                     log: &mut SkipLog| {
        let Some((line, raw)) = first else { return };
        if overlong {
            log.push(
                format!("line {line}"),
                format!(
                    "longer than {} bytes once unfolded; ignored",
                    limits.max_line_bytes
                ),
            );
            if let Some(name) = raw_name(raw) {
                out.push((line, Cow::Owned(format!("{OVERLONG}:{name}"))));
            }
            return;
        }
        let text = match folded {
            Some(bytes) => Cow::Owned(String::from_utf8_lossy(&bytes).into_owned()),
            None => String::from_utf8_lossy(raw),
        };
        out.push((line, text));
    };

    for (index, raw) in bytes.split(|b| *b == separator).enumerate() {
        let line_no = index + 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        match raw.first() {
            None => continue,
            Some(b' ' | b'\t') if first.is_some() => {
                let rest = raw.get(1..).unwrap_or_default();
                if overlong {
                    continue;
                }
                let buffer = folded.get_or_insert_with(|| {
                    first.map(|(_, start)| start.to_vec()).unwrap_or_default()
                });
                if buffer.len() + rest.len() > limits.max_line_bytes {
                    overlong = true;
                    folded = None;
                } else {
                    buffer.extend_from_slice(rest);
                }
            }
            _ => {
                flush(first.take(), folded.take(), overlong, log);
                overlong = raw.len() > limits.max_line_bytes;
                first = Some((line_no, raw));
            }
        }
    }
    flush(first, folded, overlong, log);
    out
}

/// RFC 6868 parameter escapes: `^n` newline, `^'` double quote, `^^` caret.
fn unescape_param(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '^' {
            match chars.peek() {
                Some('n') => {
                    out.push('\n');
                    chars.next();
                }
                Some('\'') => {
                    out.push('"');
                    chars.next();
                }
                Some('^') => {
                    out.push('^');
                    chars.next();
                }
                _ => out.push('^'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The name of a content line, and the rest (starting with `;` or `:`).
fn split_name(text: &str) -> Result<(&str, &str), String> {
    let name_end = text
        .find([';', ':'])
        .ok_or("no ':' between name and value")?;
    let name = text.get(..name_end).unwrap_or_default().trim();
    if !is_name(name) {
        return Err(format!("'{}' is not a property name", short(name)));
    }
    Ok((name, text.get(name_end..).unwrap_or_default()))
}

/// Parses one unfolded content line: `NAME *(;PARAM=VALUE[,VALUE]) : value`.
pub(crate) fn parse_content_line(text: &str, line: usize) -> Result<Property<'_>, String> {
    let (name, mut rest) = split_name(text)?;
    let params_start = rest;
    loop {
        if let Some(value) = rest.strip_prefix(':') {
            // Keep the ':' so that the last parameter is terminated as when parsed.
            let params_len = params_start.len() - rest.len() + 1;
            return Ok(Property {
                name,
                params: params_start.get(..params_len).unwrap_or_default(),
                value,
                line,
            });
        }
        // `rest` starts with ';': a parameter follows.
        let (_, _, next) = next_param(rest.get(1..).unwrap_or_default())?;
        rest = next;
    }
}

/// At most 40 characters of a piece of text, for messages.
pub(crate) fn short(s: &str) -> String {
    let mut out: String = s.chars().take(40).filter(|c| !c.is_control()).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

fn begin_or_end(text: &str) -> Option<(bool, &str)> {
    let head = text.get(..6).unwrap_or(text);
    if head.len() >= 6 && head.eq_ignore_ascii_case("BEGIN:") {
        return Some((true, text.get(6..).unwrap_or_default().trim()));
    }
    let head = text.get(..4).unwrap_or(text);
    if head.len() >= 4 && head.eq_ignore_ascii_case("END:") {
        return Some((false, text.get(4..).unwrap_or_default().trim()));
    }
    None
}

/// Reads the component tree. Only the properties that matter are kept (see `KEPT`);
/// a malformed line among them is reported and ignored.
pub(crate) fn parse_tree<'a>(
    lines: &'a Lines<'_>,
    limits: &Limits,
    log: &mut SkipLog,
) -> Vec<Component<'a>> {
    let mut top: Vec<Component<'a>> = Vec::new();
    let mut stack: Vec<Component<'a>> = Vec::new();
    let mut components = 0usize;
    // Depth of components ignored because they nest too deep.
    let mut ignored_depth = 0usize;

    fn attach<'a>(stack: &mut [Component<'a>], top: &mut Vec<Component<'a>>, done: Component<'a>) {
        match stack.last_mut() {
            Some(parent) => parent.children.push(done),
            None => top.push(done),
        }
    }

    for (line, text) in lines {
        let line = *line;
        let text: &'a str = text;
        match begin_or_end(text) {
            Some((true, name)) => {
                if ignored_depth > 0 || stack.len() >= limits.max_depth {
                    if ignored_depth == 0 {
                        log.push(
                            format!("line {line}"),
                            format!("components nest deeper than {}; ignored", limits.max_depth),
                        );
                    }
                    ignored_depth += 1;
                    continue;
                }
                components += 1;
                if components > limits.max_components {
                    log.push(
                        format!("line {line}"),
                        format!(
                            "the file has more than {} components; the rest is ignored",
                            limits.max_components
                        ),
                    );
                    break;
                }
                stack.push(Component {
                    name,
                    line,
                    ..Component::default()
                });
            }
            Some((false, name)) => {
                if ignored_depth > 0 {
                    ignored_depth -= 1;
                    continue;
                }
                if !stack.iter().any(|c| c.is(name)) {
                    log.push(
                        format!("line {line}"),
                        format!("END:{} without a BEGIN; ignored", short(name)),
                    );
                    continue;
                }
                while let Some(mut done) = stack.pop() {
                    let found = done.is(name);
                    done.closed = found;
                    attach(&mut stack, &mut top, done);
                    if found {
                        break;
                    }
                }
            }
            None => {
                if ignored_depth > 0 {
                    continue;
                }
                let Some(current) = stack.last_mut() else {
                    continue;
                };
                let name = match split_name(text) {
                    Ok((name, _)) => name,
                    Err(reason) => {
                        if KEPT.iter().any(|(c, _)| current.is(c)) {
                            log.push(format!("line {line}"), format!("{reason}; line ignored"));
                        }
                        continue;
                    }
                };
                if !kept(current.name, name) {
                    continue;
                }
                let prop = match parse_content_line(text, line) {
                    Ok(p) => p,
                    Err(reason) => {
                        log.push(format!("line {line}"), format!("{reason}; line ignored"));
                        continue;
                    }
                };
                if current.props.len() >= limits.max_properties {
                    if current.props.len() == limits.max_properties {
                        log.push(
                            format!("line {line}"),
                            format!(
                                "{} has more than {} properties; the rest are ignored",
                                short(current.name),
                                limits.max_properties
                            ),
                        );
                        // Remember that the warning was given; this entry matches no name.
                        current.props.push(Property {
                            name: "",
                            params: "",
                            value: "",
                            line,
                        });
                    }
                    continue;
                }
                current.props.push(prop);
            }
        }
    }
    while let Some(done) = stack.pop() {
        attach(&mut stack, &mut top, done);
    }
    top
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_tree(bytes: &[u8], check: impl FnOnce(&[Component<'_>], &SkipLog)) {
        let mut log = SkipLog::new(100);
        let limits = Limits::default();
        let lines = logical_lines(bytes, &limits, &mut log);
        let tree = parse_tree(&lines, &limits, &mut log);
        check(&tree, &log);
    }

    #[test]
    fn unfolds_and_splits_parameters() {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY;LANGUAGE=en:Long\r\n  title\r\nATTENDEE;CN=\"Doe, Jane\";ROLE=REQ-PARTICIPANT:mailto:j@x.org\r\nDTSTART;TZID=\"W. Europe Standard Time\":20260323T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        with_tree(text.as_bytes(), |t, log| {
            assert!(log.is_empty(), "{:?}", log.entries());
            let event = &t[0].children[0];
            assert!(event.closed);
            assert_eq!(event.prop("SUMMARY").unwrap().value, "Long title");
            let att = event.prop("attendee").unwrap();
            assert_eq!(att.param("cn").as_deref(), Some("Doe, Jane"));
            assert_eq!(att.param("ROLE").as_deref(), Some("REQ-PARTICIPANT"));
            assert_eq!(att.param("RSVP"), None);
            assert_eq!(att.value, "mailto:j@x.org");
            assert_eq!(
                event.prop("DTSTART").unwrap().param("TZID").as_deref(),
                Some("W. Europe Standard Time")
            );
        });
    }

    #[test]
    fn folds_inside_utf8_sequences_rejoin() {
        // "é" is C3 A9; fold between the two bytes.
        with_tree(
            b"BEGIN:VEVENT\nSUMMARY:Caf\xC3\n \xA9\nEND:VEVENT\n",
            |t, _| {
                assert_eq!(t[0].prop("SUMMARY").unwrap().value, "Café");
            },
        );
    }

    #[test]
    fn bad_lines_are_reported_and_skipped() {
        with_tree(
            b"BEGIN:VEVENT\nno colon here\nATTENDEE;B:c\nATTENDEE;P=\"open:x\nX-IGNORED;B:c\nSUMMARY:ok\nEND:VALARM\nEND:VEVENT\n",
            |t, log| {
                assert_eq!(t[0].prop("SUMMARY").unwrap().value, "ok");
                assert_eq!(log.entries().len(), 4, "{:?}", log.entries());
            },
        );
    }

    #[test]
    fn unclosed_components_are_marked() {
        with_tree(
            b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nBEGIN:VALARM\nEND:VEVENT\nBEGIN:VEVENT\n",
            |t, _| {
                let cal = &t[0];
                assert!(!cal.closed);
                assert!(cal.children[0].closed);
                assert!(!cal.children[0].children[0].closed);
                assert!(!cal.children[1].closed);
            },
        );
    }

    #[test]
    fn rfc6868_and_lone_cr() {
        with_tree(
            b"begin:vevent\rATTENDEE;CN=a^'b^'^n:v\rEND:VEVENT\r",
            |t, _| {
                assert_eq!(
                    t[0].prop("ATTENDEE").unwrap().param("CN").as_deref(),
                    Some("a\"b\"\n")
                );
            },
        );
    }
}
