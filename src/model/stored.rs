//! Reading a stored plan: its items straight through the layout syncwise itself writes, and
//! everything else (and any other layout) through serde, so both give the same plan.
//!
//! A large store is almost all items, and serde spends most of its time per token: on
//! every key of every item. The store's own writer always puts an item's keys in the same
//! order, so a reader that expects that order reads the items several times faster. It
//! gives up on the first byte it does not expect, and serde reads the whole text instead.

use chrono::{DateTime, Utc};

use super::{Agenda, ChosenMedium, Heat, Intent, Item, Plan, Status, utc_stamp};
use crate::json_text::plain_prefix;
use crate::week::{Day, IsoWeek};

/// Parses the text of a store: the same plan, or the same error, as
/// `serde_json::from_str::<Plan>` gives.
pub fn plan_from_json(text: &str) -> serde_json::Result<Plan> {
    match read_in_place(text) {
        Some(plan) => Ok(plan),
        None => serde_json::from_str(text),
    }
}

/// The fast path alone: the plan when its items are in the layout syncwise writes, `None`
/// for any other text (which serde then reads, or refuses).
///
/// The items array is found by its key. In valid JSON the bytes `,"items":[` can only be
/// that key: inside a string the quotes would be escaped. Items are read up to the closing
/// `]`, and the rest of the text, with an empty array in their place, goes through serde,
/// which checks everything else (a nested or repeated `items` key among them).
pub fn read_in_place(text: &str) -> Option<Plan> {
    const KEY: &str = ",\"items\":[";
    let key = text.find(KEY)?;
    let mut cursor = Cursor {
        text,
        at: key + KEY.len(),
    };
    // Items take about 300 bytes each; pages reserved but never touched cost nothing.
    let mut items = Vec::with_capacity(text.len().saturating_sub(cursor.at) / 256);
    if !cursor.try_eat("]") {
        loop {
            items.push(cursor.item()?);
            if cursor.try_eat(",") {
                continue;
            }
            cursor.eat("]")?;
            break;
        }
    }
    let rest = [text.get(..key)?, ",\"items\":[]", text.get(cursor.at..)?].concat();
    let mut plan: Plan = serde_json::from_str(&rest).ok()?;
    plan.items = items;
    Some(plan)
}

/// A position in the text; every step either matches and moves on, or gives up.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a [u8] {
        self.text.as_bytes().get(self.at..).unwrap_or_default()
    }

    /// Steps over `literal`, or gives up.
    fn eat(&mut self, literal: &str) -> Option<()> {
        self.try_eat(literal).then_some(())
    }

    /// Steps over `literal` when the text goes on with it.
    fn try_eat(&mut self, literal: &str) -> bool {
        let found = self.rest().starts_with(literal.as_bytes());
        if found {
            self.at += literal.len();
        }
        found
    }

    /// An unsigned number as JSON writes it: no sign, no leading zero, no fraction.
    fn number(&mut self) -> Option<u32> {
        let rest = self.rest();
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || (digits > 1 && rest.first() == Some(&b'0')) {
            return None;
        }
        let value = rest[..digits].iter().try_fold(0u32, |n, d| {
            n.checked_mul(10)?.checked_add(u32::from(d - b'0'))
        })?;
        self.at += digits;
        Some(value)
    }

    /// A string with no escapes in it, borrowed from the text.
    fn plain_string(&mut self) -> Option<&'a str> {
        self.eat("\"")?;
        let start = self.at;
        let length = plain_prefix(self.rest());
        self.at += length;
        self.eat("\"")?;
        self.text.get(start..start + length)
    }

    /// Any string: escapes, which are rare, are read by serde.
    fn string(&mut self) -> Option<String> {
        let start = self.at;
        if let Some(plain) = self.plain_string() {
            return Some(plain.to_owned());
        }
        self.at = start;
        self.eat("\"")?;
        loop {
            self.at += plain_prefix(self.rest());
            match self.rest().first()? {
                b'"' => break,
                b'\\' => self.at += 2,
                _ => return None,
            }
        }
        self.at += 1;
        serde_json::from_str(self.text.get(start..self.at)?).ok()
    }

    /// One of a vocabulary's ids, exactly as serde matches them.
    fn word<T: Copy>(&mut self, all: &[T], id: fn(T) -> &'static str) -> Option<T> {
        let text = self.plain_string()?;
        all.iter().copied().find(|&value| id(value) == text)
    }

    fn week(&mut self) -> Option<IsoWeek> {
        self.plain_string()?.parse().ok()
    }

    fn stamp(&mut self) -> Option<DateTime<Utc>> {
        utc_stamp::parse(self.plain_string()?).ok()
    }

    /// One item, its keys in the order `Item`'s serializer writes them.
    fn item(&mut self) -> Option<Item> {
        self.eat("{\"id\":")?;
        let id = self.number()?;
        self.eat(",\"title\":")?;
        let title = self.string()?;
        self.eat(",\"with\":")?;
        let with = self.string()?;
        self.eat(",\"intent\":")?;
        let intent = self.word(Intent::ALL, Intent::id)?;
        self.eat(",\"heat\":")?;
        let heat = self.word(Heat::ALL, Heat::id)?;
        self.eat(",\"minutes\":")?;
        let minutes = self.number()?;
        self.eat(",\"day\":")?;
        let day = self.word(&Day::ALL, Day::id)?;
        self.eat(",\"week\":")?;
        let week = self.week()?;
        self.eat(",\"medium\":")?;
        let medium = self.word(ChosenMedium::ALL, ChosenMedium::id)?;
        self.eat(",\"agenda\":{\"problem\":")?;
        let problem = self.string()?;
        self.eat(",\"pre_read\":")?;
        let pre_read = self.string()?;
        self.eat(",\"outcome\":")?;
        let outcome = self.string()?;
        self.eat("},\"notes\":")?;
        let notes = self.string()?;
        self.eat(",\"exchanges\":")?;
        let exchanges = self.number()?;
        self.eat(",\"status\":")?;
        let status = self.word(Status::ALL, Status::id)?;
        let carried_from = match self.try_eat(",\"carried_from\":") {
            true => Some(self.week()?),
            false => None,
        };
        let replaces = match self.try_eat(",\"replaces\":") {
            true => Some(self.string()?),
            false => None,
        };
        let sample = self.try_eat(",\"sample\":true");
        self.eat(",\"created\":")?;
        let created = self.stamp()?;
        self.eat(",\"updated\":")?;
        let updated = self.stamp()?;
        self.eat("}")?;
        Some(Item {
            id,
            title,
            with,
            intent,
            heat,
            minutes,
            day,
            week,
            medium,
            agenda: Agenda {
                problem,
                pre_read,
                outcome,
            },
            notes,
            exchanges,
            status,
            carried_from,
            replaces,
            sample,
            created,
            updated,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_plan() -> Plan {
        let week: IsoWeek = "2026-W48".parse().unwrap();
        let mut plan = Plan::default();
        plan.add_all(crate::demo::synthetic(300, 5, week, Utc::now()));
        let mut odd = plan.items[0].clone();
        odd.title = "quote \" backslash \\ tab \t and \u{1} ✓".into();
        odd.notes = "line one\nline two".into();
        odd.carried_from = Some(week.prev());
        odd.replaces = Some("uid-1@example.com/20261125T090000Z".into());
        odd.id = plan.allocate_id();
        plan.items.push(odd);
        plan
    }

    #[test]
    fn reads_what_the_store_writes_as_serde_does() {
        let plan = sample_plan();
        let text = serde_json::to_string(&plan).unwrap();
        assert_eq!(read_in_place(&text), Some(plan.clone()));
        assert_eq!(plan_from_json(&text).unwrap(), plan);
    }

    #[test]
    fn other_layouts_go_to_serde_and_read_the_same() {
        let plan = sample_plan();
        let pretty = serde_json::to_string_pretty(&plan).unwrap();
        assert_eq!(read_in_place(&pretty), None);
        assert_eq!(plan_from_json(&pretty).unwrap(), plan);

        let compact = serde_json::to_string(&plan).unwrap();
        // Keys in another order, an explicit default, a number in another form.
        for (from, to) in [
            ("{\"id\":1,\"title\":", "{\"title\":"),
            (",\"sample\":true", ",\"sample\":false"),
            (",\"exchanges\":0,", ",\"exchanges\":0e0,"),
        ] {
            let changed = compact.replacen(from, to, 1);
            assert_ne!(changed, compact, "{from}");
            assert_eq!(read_in_place(&changed), None, "{to}");
            let serde = serde_json::from_str::<Plan>(&changed).map_err(|e| e.to_string());
            let ours = plan_from_json(&changed).map_err(|e| e.to_string());
            assert_eq!(ours, serde, "{to}");
        }
    }

    #[test]
    fn bad_stores_fail_as_serde_fails() {
        let compact = serde_json::to_string(&sample_plan()).unwrap();
        for (from, to) in [
            (",\"minutes\":", ",\"minutes\":-"),
            (",\"minutes\":", ",\"minutes\":0"),
            (",\"heat\":\"", ",\"heat\":\"x"),
            (",\"week\":\"", ",\"week\":\"9"),
            (",\"created\":\"", ",\"created\":\"x"),
            (",\"status\":", ",\"colour\":\"red\",\"status\":"),
            (",\"items\":[", ",\"items\":[],\"items\":["),
            ("\"next_id\":", "\"items\":[],\"next_id\":"),
            ("}]", "}"),
            ("\"title\":\"", "\"title\":\"\u{1}"),
        ] {
            let changed = compact.replacen(from, to, 1);
            let serde = serde_json::from_str::<Plan>(&changed).map_err(|e| e.to_string());
            assert!(serde.is_err(), "{to}");
            let ours = plan_from_json(&changed).map_err(|e| e.to_string());
            assert_eq!(ours, serde, "{to}");
        }
    }

    #[test]
    fn an_empty_store_and_one_without_items() {
        for text in [
            r#"{"version":1,"next_id":1,"settings":{},"items":[]}"#,
            r#"{"version":1,"next_id":1}"#,
            r#"{"version":1,"next_id":1,"items":[],"settings":{"budget_minutes":5}}"#,
        ] {
            assert_eq!(
                plan_from_json(text).unwrap(),
                serde_json::from_str::<Plan>(text).unwrap()
            );
        }
    }
}
