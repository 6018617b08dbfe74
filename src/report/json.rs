//! Item reports written as JSON directly: the very bytes `serde_json` writes for them, in a
//! fraction of the time, for `list --json` over stores of many thousand items.

use std::borrow::Cow;

use chrono::{DateTime, Datelike, Timelike, Utc};

use super::ItemReport;
use crate::json_text::{ESCAPE, plain_prefix};
use crate::week::IsoWeek;

/// Appends `report` to `out` as one JSON object, byte for byte what
/// `serde_json::to_writer(out, report)` writes.
pub fn write_report(out: &mut Vec<u8>, report: &ItemReport) {
    let item = report.item;
    out.extend_from_slice(b"{\"id\":");
    number(out, item.id);
    out.extend_from_slice(b",\"title\":");
    string(out, &item.title);
    out.extend_from_slice(b",\"with\":");
    string(out, &item.with);
    out.extend_from_slice(b",\"intent\":");
    id(out, item.intent.id());
    out.extend_from_slice(b",\"heat\":");
    id(out, item.heat.id());
    out.extend_from_slice(b",\"minutes\":");
    number(out, item.minutes);
    out.extend_from_slice(b",\"day\":");
    id(out, item.day.id());
    out.extend_from_slice(b",\"week\":");
    week(out, item.week);
    out.extend_from_slice(b",\"medium\":");
    id(out, item.medium.id());
    out.extend_from_slice(b",\"agenda\":{\"problem\":");
    string(out, &item.agenda.problem);
    out.extend_from_slice(b",\"pre_read\":");
    string(out, &item.agenda.pre_read);
    out.extend_from_slice(b",\"outcome\":");
    string(out, &item.agenda.outcome);
    out.extend_from_slice(b"},\"notes\":");
    string(out, &item.notes);
    out.extend_from_slice(b",\"exchanges\":");
    number(out, item.exchanges);
    out.extend_from_slice(b",\"status\":");
    id(out, item.status.id());
    if let Some(from) = item.carried_from {
        out.extend_from_slice(b",\"carried_from\":");
        week(out, from);
    }
    if let Some(key) = &item.replaces {
        out.extend_from_slice(b",\"replaces\":");
        string(out, key);
    }
    if item.sample {
        out.extend_from_slice(b",\"sample\":true");
    }
    out.extend_from_slice(b",\"created\":");
    timestamp(out, &item.created);
    out.extend_from_slice(b",\"updated\":");
    timestamp(out, &item.updated);
    out.extend_from_slice(b",\"effective_medium\":");
    id(out, report.effective_medium.id());

    let rec = &report.recommendation;
    out.extend_from_slice(b",\"recommendation\":{\"medium\":");
    id(out, rec.medium.id());
    out.extend_from_slice(b",\"timebox_minutes\":");
    match rec.timebox_minutes {
        Some(minutes) => number(out, minutes),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"reasons\":[");
    for (n, reason) in rec.reasons.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        match reason {
            Cow::Borrowed(text) => engine_text(out, text),
            Cow::Owned(text) => string(out, text),
        }
    }
    out.extend_from_slice(b"],\"warnings\":[");
    for (n, warning) in rec.warnings.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"code\":");
        id(out, warning.code.id());
        out.extend_from_slice(b",\"message\":");
        engine_text(out, warning.message);
        out.push(b'}');
    }
    out.extend_from_slice(b"]}}");
}

/// One of the engine's own sentences: none needs escaping (a test reads them all), so it
/// goes in whole, without the search for bytes to escape that user text needs.
fn engine_text(out: &mut Vec<u8>, text: &'static str) {
    debug_assert_eq!(plain_prefix(text.as_bytes()), text.len(), "{text}");
    out.push(b'"');
    out.extend_from_slice(text.as_bytes());
    out.push(b'"');
}

/// A vocabulary id: plain ASCII words that never need escaping.
fn id(out: &mut Vec<u8>, id: &str) {
    out.push(b'"');
    out.extend_from_slice(id.as_bytes());
    out.push(b'"');
}

fn number(out: &mut Vec<u8>, n: u32) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// Writes `value` left-padded with zeros to `width` digits.
fn padded(out: &mut Vec<u8>, value: u32, width: usize) {
    let mut digits = [b'0'; 10];
    let mut rest = value;
    for at in (0..width).rev() {
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    out.extend_from_slice(&digits[..width]);
}

fn week(out: &mut Vec<u8>, week: IsoWeek) {
    match u32::try_from(week.year()) {
        Ok(year) if year <= 9999 => {
            out.push(b'"');
            padded(out, year, 4);
            out.extend_from_slice(b"-W");
            padded(out, week.number(), 2);
            out.push(b'"');
        }
        _ => string(out, &week.to_string()),
    }
}

/// RFC 3339 in UTC as chrono writes it: no fraction when it is zero, otherwise the
/// fewest of 3, 6 or 9 digits that hold it exactly.
fn timestamp(out: &mut Vec<u8>, utc: &DateTime<Utc>) {
    // The fields of the naive time: `DateTime`'s accessors add the (zero) offset each time.
    let stamp = utc.naive_utc();
    let nanos = stamp.nanosecond();
    let year = stamp.year();
    if !(0..=9999).contains(&year) || nanos >= 1_000_000_000 {
        return string(
            out,
            &utc.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        );
    }
    out.push(b'"');
    padded(out, year.unsigned_abs(), 4);
    out.push(b'-');
    padded(out, stamp.month(), 2);
    out.push(b'-');
    padded(out, stamp.day(), 2);
    out.push(b'T');
    padded(out, stamp.hour(), 2);
    out.push(b':');
    padded(out, stamp.minute(), 2);
    out.push(b':');
    padded(out, stamp.second(), 2);
    if nanos != 0 {
        out.push(b'.');
        if nanos.is_multiple_of(1_000_000) {
            padded(out, nanos / 1_000_000, 3);
        } else if nanos.is_multiple_of(1_000) {
            padded(out, nanos / 1_000, 6);
        } else {
            padded(out, nanos, 9);
        }
    }
    out.extend_from_slice(b"Z\"");
}

/// A JSON string: runs that need no escaping are copied whole.
fn string(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    let mut rest = text.as_bytes();
    loop {
        let (plain, tail) = rest.split_at(plain_prefix(rest));
        out.extend_from_slice(plain);
        let Some((&byte, tail)) = tail.split_first() else {
            break;
        };
        escaped(out, byte, ESCAPE[usize::from(byte)]);
        rest = tail;
    }
    out.push(b'"');
}

fn escaped(out: &mut Vec<u8>, byte: u8, escape: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match escape {
        b'u' => out.extend_from_slice(&[
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[usize::from(byte >> 4)],
            HEX[usize::from(byte & 0xf)],
        ]),
        other => out.extend_from_slice(&[b'\\', other]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(text: &str) -> String {
        let mut out = Vec::new();
        string(&mut out, text);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_escape_as_serde_json_does() {
        for text in [
            "",
            "plain",
            "quote \" and \\ backslash",
            "tab\there\nnew line\r\u{8}\u{c}",
            "\u{0}\u{1}\u{1f}\u{7f}",
            "日本語 ✓ 🙂",
            "a long line with no escapes at all, then one at the very end\"",
            "\\ at the start of a long line, and \u{1} in its middle, eight by eight",
            "exactly8\"exactly8",
        ] {
            assert_eq!(ours(text), serde_json::to_string(text).unwrap(), "{text:?}");
        }
    }

    /// Every sentence the engine can give, as far as its inputs reach: all intents, heats,
    /// thread lengths, chosen media and agendas, with the default timebox.
    #[test]
    fn the_engine_texts_need_no_escaping() {
        use crate::model::{Agenda, ChosenMedium, Heat, Intent, Settings};
        let settings = Settings::default();
        let week: crate::week::IsoWeek = "2026-W48".parse().unwrap();
        let mut item = crate::demo::synthetic(1, 1, week, Utc::now()).remove(0);
        let mut seen = std::collections::BTreeSet::new();
        for &intent in Intent::ALL {
            for &heat in Heat::ALL {
                for exchanges in [0, crate::engine::BOUNCE_LIMIT] {
                    for &medium in ChosenMedium::ALL {
                        for agenda in [
                            Agenda::default(),
                            Agenda {
                                problem: "p".into(),
                                pre_read: "r".into(),
                                outcome: "o".into(),
                            },
                        ] {
                            (item.intent, item.heat, item.exchanges) = (intent, heat, exchanges);
                            (item.medium, item.agenda) = (medium, agenda);
                            for minutes in [5, 15, 45] {
                                item.minutes = minutes;
                                let now = crate::engine::sync_start(&item);
                                for offset in [-3 * 24 * 60, -60, 0] {
                                    let at = now + chrono::Duration::minutes(offset);
                                    let rec = crate::engine::recommend(&item, at, &settings);
                                    for reason in &rec.reasons {
                                        if let Cow::Borrowed(text) = reason {
                                            seen.insert(*text);
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        for &code in crate::engine::WarningCode::ALL {
            seen.insert(code.message());
        }
        assert!(seen.len() > Intent::ALL.len() + 8, "{seen:?}");
        for text in seen {
            assert_eq!(plain_prefix(text.as_bytes()), text.len(), "{text}");
        }
    }

    #[test]
    fn timestamps_match_chrono_at_every_precision() {
        let base = "2026-11-25T08:00:00Z".parse::<DateTime<Utc>>().unwrap();
        for nanos in [
            0,
            1,
            120,
            1_000,
            123_000,
            1_000_000,
            120_000_000,
            999_999_999,
        ] {
            let stamp = base.with_nanosecond(nanos).unwrap();
            let mut out = Vec::new();
            timestamp(&mut out, &stamp);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&stamp).unwrap()
            );
        }
    }
}
