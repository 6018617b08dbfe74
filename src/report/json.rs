//! Item reports written as JSON directly: the very bytes `serde_json` writes for them, in a
//! fraction of the time, for `list --json` over stores of many thousand items.

use std::borrow::Cow;

use super::ItemReport;
use crate::json_text::{number, plain_prefix, string, word};

/// Appends `report` to `out` as one JSON object, byte for byte what
/// `serde_json::to_writer(out, report)` writes: the item as the store holds it, then what
/// the engine says.
pub fn write_report(out: &mut Vec<u8>, report: &ItemReport) {
    crate::model::write_item_fields(out, report.item);
    out.extend_from_slice(b",\"effective_medium\":");
    word(out, report.effective_medium.id());

    let rec = &report.recommendation;
    out.extend_from_slice(b",\"recommendation\":{\"medium\":");
    word(out, rec.medium.id());
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
        word(out, warning.code.id());
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every sentence the engine can give, as far as its inputs reach: all intents, heats,
    /// thread lengths, chosen media and agendas, with the default timebox.
    #[test]
    fn the_engine_texts_need_no_escaping() {
        use crate::model::{Agenda, ChosenMedium, Heat, Intent, Settings};
        let settings = Settings::default();
        let week: crate::week::IsoWeek = "2026-W48".parse().unwrap();
        let mut item = crate::demo::synthetic(1, 1, week, chrono::Utc::now()).remove(0);
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
}
