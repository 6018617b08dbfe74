//! The store's layout, read and written: items straight through the layout syncwise itself
//! writes, everything else (and, when reading, any other layout) through serde, so that
//! both give the same plan and the same bytes.
//!
//! A large store is almost all items, and serde spends most of its time per token: on
//! every key of every item. The store's own writer always puts an item's keys in the same
//! order, so a reader that expects that order reads the items several times faster. It
//! reads through a window of fixed size, so that a store of megabytes costs no more memory
//! than its plan, and it gives up on the first byte it does not expect; serde then reads
//! the whole text instead.

use std::io::{self, Read, Write};

use chrono::{DateTime, Utc};

use super::{Agenda, ChosenMedium, Heat, Intent, Item, Plan, Status, utc_stamp};
use crate::json_text::{elements, number, out_buffer, plain_prefix, string, timestamp, week, word};
use crate::week::{Day, IsoWeek};

/// Writes `plan` as the store holds it: byte for byte what `serde_json::to_writer` writes,
/// with the items, nearly all of a large store, encoded directly.
pub fn write_plan(out: &mut impl Write, plan: &Plan) -> io::Result<()> {
    let mut buf = out_buffer();
    buf.extend_from_slice(b"{\"version\":");
    number(&mut buf, plan.version);
    buf.extend_from_slice(b",\"next_id\":");
    number(&mut buf, plan.next_id);
    buf.extend_from_slice(b",\"settings\":");
    serde_json::to_writer(&mut buf, &plan.settings)?;
    buf.extend_from_slice(b",\"items\":[");
    elements(out, &mut buf, &plan.items, |buf, item| {
        write_item_fields(buf, item);
        buf.push(b'}');
    })?;
    buf.push(b']');
    if !plan.meetings.is_empty() {
        buf.extend_from_slice(b",\"meetings\":");
        serde_json::to_writer(&mut buf, &plan.meetings)?;
    }
    buf.push(b'}');
    out.write_all(&buf)
}

/// Appends an item's fields as `Item`'s serializer writes them, from the opening brace to
/// the last field, leaving the object open for a report to add to.
pub(crate) fn write_item_fields(out: &mut Vec<u8>, item: &Item) {
    out.extend_from_slice(b"{\"id\":");
    number(out, item.id);
    out.extend_from_slice(b",\"title\":");
    string(out, &item.title);
    out.extend_from_slice(b",\"with\":");
    string(out, &item.with);
    out.extend_from_slice(b",\"intent\":");
    word(out, item.intent.id());
    out.extend_from_slice(b",\"heat\":");
    word(out, item.heat.id());
    out.extend_from_slice(b",\"minutes\":");
    number(out, item.minutes);
    out.extend_from_slice(b",\"day\":");
    word(out, item.day.id());
    out.extend_from_slice(b",\"week\":");
    week(out, item.week);
    out.extend_from_slice(b",\"medium\":");
    word(out, item.medium.id());
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
    word(out, item.status.id());
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
}

/// How much the reader reads at a time; the window grows only for an item larger than that.
const WINDOW: usize = 1 << 17;

/// Reads a store's text from `source`: the plan when its items are in the layout syncwise
/// writes, `Ok(None)` for any other text, which serde must then read (or refuse). Whenever
/// this gives a plan, it is the plan `serde_json` reads from the same text.
///
/// The items array is found by its key. In valid JSON the bytes `,"items":[` can only be
/// that key: inside a string the quotes would be escaped. Items are read up to the closing
/// `]`, and the rest of the text, with an empty array in their place, goes through serde,
/// which checks everything else (a nested or repeated `items` key among them).
///
/// `size` is the length of the text if known (0 otherwise): the items are read into room
/// for as many as it could hold, so that the list never moves as it grows.
pub fn read_in_place(source: impl Read, size: u64) -> io::Result<Option<Plan>> {
    read_through(source, size, WINDOW)
}

/// The most the reader looks through for the items: the version, the next id and the
/// settings take a few hundred bytes.
const HEAD_LIMIT: usize = 1 << 16;

/// The fewest bytes an item takes in the store's layout, with empty strings and one-digit
/// numbers.
const SMALLEST_ITEM: u64 = 256;

fn read_through(source: impl Read, size: u64, chunk: usize) -> io::Result<Option<Plan>> {
    const KEY: &str = ",\"items\":[";
    let mut window = Window::new(source, chunk);
    let key = loop {
        window.fill()?;
        if let Some(key) = window.rest().find(KEY) {
            break key;
        }
        // What comes before the items is a few hundred bytes; a file laid out otherwise
        // (pretty-printed, say) is not read to its end looking for them.
        if window.ended || window.broken || window.rest().len() >= HEAD_LIMIT {
            return Ok(None);
        }
    };
    let mut text = window.rest().as_bytes()[..key].to_vec();
    text.extend_from_slice(b",\"items\":[]");
    window.consume(key + KEY.len());
    // Room reserved and never used costs no memory, but keep a huge file from asking for
    // more than a quarter of a million items' worth (60 MB) at once.
    let room = (size / SMALLEST_ITEM).min(1 << 18);
    let mut items = Vec::with_capacity(usize::try_from(room).unwrap_or(0));
    let mut first = true;
    let mut stamps = LastStamp::default();
    loop {
        let step = window.parse(|cursor| {
            if cursor.try_eat("]") {
                return Some(None);
            }
            if !first {
                cursor.eat(",")?;
            }
            cursor.item(&mut stamps).map(Some)
        })?;
        match step {
            Some(Some(item)) => items.push(item),
            Some(None) => break,
            None => return Ok(None),
        }
        first = false;
    }
    text.extend_from_slice(window.rest().as_bytes());
    text.extend_from_slice(&window.raw[..window.pending]);
    window.source.read_to_end(&mut text)?;
    let Ok(text) = String::from_utf8(text) else {
        return Ok(None);
    };
    let Ok(mut plan) = serde_json::from_str::<Plan>(&text) else {
        return Ok(None);
    };
    plan.items = items;
    Ok(Some(plan))
}

/// The part of the source read so far and not yet consumed, checked as UTF-8 once, as it
/// arrives.
struct Window<R> {
    source: R,
    /// `text[start..]` is read and not yet consumed.
    text: String,
    start: usize,
    /// Where each chunk is read to before it is checked; its first `pending` bytes are
    /// the start of a character cut by the end of the last chunk.
    raw: Vec<u8>,
    pending: usize,
    /// How much to read at a time, at least.
    chunk: usize,
    /// The source has no more bytes.
    ended: bool,
    /// The source is not UTF-8.
    broken: bool,
}

impl<R: Read> Window<R> {
    fn new(source: R, chunk: usize) -> Self {
        Window {
            source,
            text: String::with_capacity(chunk),
            start: 0,
            raw: Vec::new(),
            pending: 0,
            chunk: chunk.max(4),
            ended: false,
            broken: false,
        }
    }

    fn rest(&self) -> &str {
        self.text.get(self.start..).unwrap_or_default()
    }

    fn consume(&mut self, n: usize) {
        self.start = (self.start + n).min(self.text.len());
    }

    /// Drops what was consumed and reads one more chunk onto what is left, or as much as
    /// is left when that is more: an item larger than a chunk (long notes) is then read
    /// again only a few times, not once per chunk.
    fn fill(&mut self) -> io::Result<()> {
        self.text.drain(..self.start);
        self.start = 0;
        let wanted = self.pending + self.chunk.max(self.text.len());
        if self.raw.len() < wanted {
            self.raw.resize(wanted, 0);
        }
        let mut filled = self.pending;
        while filled < self.raw.len() {
            match self.source.read(&mut self.raw[filled..]) {
                Ok(0) => {
                    self.ended = true;
                    break;
                }
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        let read = &self.raw[..filled];
        let valid = match std::str::from_utf8(read) {
            Ok(text) => text,
            Err(e) => {
                // Only a character cut at the end of the chunk may wait for the next one.
                self.broken |= e.error_len().is_some() || self.ended;
                std::str::from_utf8(&read[..e.valid_up_to()]).unwrap_or_default()
            }
        };
        self.text.push_str(valid);
        let used = valid.len();
        self.raw.copy_within(used..filled, 0);
        self.pending = filled - used;
        Ok(())
    }

    /// Runs `step` on what is left and consumes what it read. When it gives up at the end
    /// of the window before the source has ended, it may only have run out of text: read
    /// more and try again. Anywhere else, giving up is final.
    fn parse<T>(
        &mut self,
        mut step: impl FnMut(&mut Cursor) -> Option<T>,
    ) -> io::Result<Option<T>> {
        loop {
            let mut cursor = Cursor {
                text: self.rest(),
                at: 0,
                starved: false,
            };
            if let Some(value) = step(&mut cursor) {
                let read = cursor.at;
                self.consume(read);
                return Ok(Some(value));
            }
            if self.ended || self.broken || !cursor.starved {
                return Ok(None);
            }
            self.fill()?;
        }
    }
}

/// The last timestamp read, and its text: an item's two stamps are often the same, and
/// items added together share theirs. Empty until one is read.
#[derive(Default)]
struct LastStamp(Option<(String, DateTime<Utc>)>);

/// A position in the text; every step either matches and moves on, or gives up.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
    /// A step gave up at the end of the text, where more of it might have matched.
    starved: bool,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a [u8] {
        self.text.as_bytes().get(self.at..).unwrap_or_default()
    }

    /// Steps over `literal`, or gives up.
    #[inline(always)]
    fn eat(&mut self, literal: &str) -> Option<()> {
        self.try_eat(literal).then_some(())
    }

    /// Steps over `literal` when the text goes on with it.
    #[inline(always)]
    fn try_eat(&mut self, literal: &str) -> bool {
        let rest = self.rest();
        let found = rest.starts_with(literal.as_bytes());
        if found {
            self.at += literal.len();
        } else if literal.as_bytes().starts_with(rest) {
            self.starved = true;
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
            let Some(&byte) = self.rest().first() else {
                self.starved = true;
                return None;
            };
            match byte {
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

    fn stamp(&mut self, last: &mut LastStamp) -> Option<DateTime<Utc>> {
        let text = self.plain_string()?;
        match &mut last.0 {
            Some((seen, stamp)) if seen == text => Some(*stamp),
            Some((seen, stamp)) => {
                *stamp = utc_stamp::parse(text).ok()?;
                seen.replace_range(.., text);
                Some(*stamp)
            }
            None => {
                let stamp = utc_stamp::parse(text).ok()?;
                last.0 = Some((text.to_owned(), stamp));
                Some(stamp)
            }
        }
    }

    /// One item, its keys in the order `Item`'s serializer writes them.
    fn item(&mut self, stamps: &mut LastStamp) -> Option<Item> {
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
        let created = self.stamp(stamps)?;
        self.eat(",\"updated\":")?;
        let updated = self.stamp(stamps)?;
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
        assert_eq!(read_in_place(text.as_bytes(), 0).unwrap(), Some(plan));
    }

    #[test]
    fn no_item_is_smaller_than_the_room_reserved_for_one() {
        let mut item = sample_plan().items.remove(0);
        item.title = "x".into();
        item.with.clear();
        item.agenda = Agenda::default();
        item.notes.clear();
        (item.id, item.minutes, item.exchanges) = (1, 1, 0);
        item.sample = false;
        item.created = "2026-11-25T08:00:00Z".parse().unwrap();
        item.updated = item.created;
        // The shortest word of each vocabulary.
        (item.intent, item.heat, item.medium) = (Intent::Fyi, Heat::Low, ChosenMedium::Auto);
        (item.status, item.day) = (Status::Open, Day::Mon);
        let text = serde_json::to_string(&item).unwrap();
        assert!(
            text.len() >= SMALLEST_ITEM as usize,
            "{} bytes: {text}",
            text.len()
        );
    }

    #[test]
    fn any_window_size_reads_the_same_plan_and_the_writer_writes_serdes_bytes() {
        let mut plan = sample_plan();
        plan.items.truncate(12);
        plan.meetings.push(crate::model::Meeting {
            key: "standup@example.com/20261125T090000Z".into(),
            uid: "standup@example.com".into(),
            title: "Stand-up, \"items\":[".into(),
            start: "2026-11-25T09:00:00+01:00".parse().unwrap(),
            end: "2026-11-25T09:15:00+01:00".parse().unwrap(),
            minutes: 15,
            attendees: 6,
            recurring: true,
            week: "2026-W48".parse().unwrap(),
            day: Day::Wed,
            flags: Vec::new(),
            calendar: Some("Work".into()),
        });
        let text = serde_json::to_string(&plan).unwrap();
        let mut written = Vec::new();
        write_plan(&mut written, &plan).unwrap();
        assert_eq!(String::from_utf8(written).unwrap(), text);
        for window in [16, 17, 31, 64, 100, 257, 1000, 4096, 1 << 20] {
            let read = read_through(text.as_bytes(), text.len() as u64, window).unwrap();
            assert_eq!(read.as_ref(), Some(&plan), "window {window}");
        }
    }

    #[test]
    fn other_layouts_go_to_serde_and_read_the_same() {
        let plan = sample_plan();
        let pretty = serde_json::to_string_pretty(&plan).unwrap();
        assert_eq!(read_in_place(pretty.as_bytes(), 0).unwrap(), None);

        let compact = serde_json::to_string(&plan).unwrap();
        // Spaces between tokens, an explicit default, a word spelled with an escape.
        for (from, to) in [
            ("{\"id\":1,", "{\"id\": 1,"),
            (",\"sample\":true", ",\"sample\":false"),
            (",\"heat\":\"high\"", ",\"heat\":\"hig\\u0068\""),
        ] {
            let changed = compact.replacen(from, to, 1);
            assert_ne!(changed, compact, "{from}");
            assert_eq!(read_in_place(changed.as_bytes(), 0).unwrap(), None, "{to}");
            assert!(serde_json::from_str::<Plan>(&changed).is_ok(), "{to}");
        }
    }

    #[test]
    fn bad_stores_are_left_to_serde() {
        let compact = serde_json::to_string(&sample_plan()).unwrap();
        for (from, to) in [
            (",\"minutes\":", ",\"minutes\":-"),
            (",\"minutes\":", ",\"minutes\":0"),
            (",\"heat\":\"", ",\"heat\":\"x"),
            (",\"week\":\"", ",\"week\":\"9"),
            // Empty stamps, on the first item read, before any other stamp.
            (",\"created\":\"", ",\"created\":\"\",\"x\":\""),
            (",\"created\":\"", ",\"created\":\"x"),
            (",\"status\":", ",\"colour\":\"red\",\"status\":"),
            (",\"items\":[", ",\"items\":[],\"items\":["),
            ("\"next_id\":", "\"items\":[],\"next_id\":"),
            ("}]", "}"),
            ("\"title\":\"", "\"title\":\"\u{1}"),
        ] {
            let changed = compact.replacen(from, to, 1);
            assert!(serde_json::from_str::<Plan>(&changed).is_err(), "{to}");
            assert_eq!(read_in_place(changed.as_bytes(), 0).unwrap(), None, "{to}");
        }
    }

    #[test]
    fn an_item_far_larger_than_the_window_is_read_whole() {
        let mut plan = sample_plan();
        plan.items.truncate(3);
        plan.items[1].notes = "a long note, ✓ and \"quoted\"; ".repeat(20_000);
        let text = serde_json::to_string(&plan).unwrap();
        let read = read_through(text.as_bytes(), 0, 64).unwrap();
        assert_eq!(read.as_ref(), Some(&plan));
    }

    #[test]
    fn a_first_item_with_empty_stamps_is_left_to_serde() {
        let text = r#"{"version":1,"next_id":2,"settings":{},"items":[{"id":1,"title":"t","with":"","intent":"fyi","heat":"low","minutes":15,"day":"mon","week":"2026-W48","medium":"auto","agenda":{"problem":"","pre_read":"","outcome":""},"notes":"","exchanges":0,"status":"open","created":"","updated":""}]}"#;
        assert!(serde_json::from_str::<Plan>(text).is_err());
        assert_eq!(read_in_place(text.as_bytes(), 0).unwrap(), None);
    }

    /// Counts what is read from it.
    struct Counted<'a>(&'a [u8], usize);

    impl Read for Counted<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.0.read(buf)?;
            self.1 += n;
            Ok(n)
        }
    }

    #[test]
    fn a_store_in_another_layout_is_given_up_early_not_read_to_its_end() {
        let plan = sample_plan();
        let compact = serde_json::to_string(&plan).unwrap();
        let bad_first_item = compact.replacen("{\"id\":1,", "{\"id\": 1,", 1);
        let pretty = serde_json::to_string_pretty(&plan).unwrap();
        for text in [bad_first_item, pretty] {
            let mut source = Counted(text.as_bytes(), 0);
            assert_eq!(read_through(&mut source, 0, 1024).unwrap(), None);
            assert!(
                source.1 < text.len() / 2,
                "read {} of {}",
                source.1,
                text.len()
            );
        }
    }

    #[test]
    fn bytes_that_are_not_utf8_are_left_to_serde() {
        let text = serde_json::to_string(&sample_plan()).unwrap();
        let title = text.find("\"title\":\"").unwrap() + 10;
        let mut bytes = text.into_bytes();
        bytes[title] = 0xff;
        for chunk in [16, 17, WINDOW] {
            assert_eq!(read_through(&bytes[..], 0, chunk).unwrap(), None, "{chunk}");
        }
        // A character cut short by the end of the file.
        let mut cut = serde_json::to_string(&Plan::default())
            .unwrap()
            .into_bytes();
        cut.extend_from_slice(&"✓".as_bytes()[..2]);
        assert_eq!(read_through(&cut[..], 0, 16).unwrap(), None);
    }

    #[test]
    fn an_empty_store_and_one_without_items() {
        for text in [
            r#"{"version":1,"next_id":1,"settings":{},"items":[]}"#,
            r#"{"version":1,"next_id":1,"items":[],"settings":{"budget_minutes":5}}"#,
        ] {
            let serde = serde_json::from_str::<Plan>(text).unwrap();
            assert_eq!(read_in_place(text.as_bytes(), 0).unwrap(), Some(serde));
        }
        assert_eq!(
            read_in_place(&b"{\"version\":1,\"next_id\":1}"[..], 0).unwrap(),
            None
        );
    }
}
