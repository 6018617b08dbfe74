//! The plan model: items, their vocabulary (intent, heat, medium, status), settings and the plan.

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

use crate::week::{Day, IsoWeek};

mod stored;

pub(crate) use stored::write_item_fields;
pub use stored::{read_in_place, write_plan};

/// Declares a closed vocabulary: an enum whose variants have stable string ids,
/// with `ALL`, `id()`, `Display`, `FromStr` (naming the valid ids) and serde.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($(#[$vmeta:meta])* $variant:ident => $id:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $id)] $variant),+
        }

        impl $name {
            /// Every value, in the order the product lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable identifier used by the CLI, the store and the tests.
            pub fn id(self) -> &'static str {
                match self {
                    $($name::$variant => $id),+
                }
            }

            /// All identifiers, for error messages and help.
            pub fn ids() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.id()).collect()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(self.id())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::week::UnknownValue;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let wanted = s.trim().to_ascii_lowercase();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.id() == wanted)
                    .ok_or_else(|| $crate::week::UnknownValue::new($what, s, &Self::ids()))
            }
        }
    };
}

pub(crate) use vocabulary;

vocabulary! {
    /// What a communication is for.
    Intent, "intent" {
        Status => "status",
        Fyi => "fyi",
        Decided => "decided",
        Question => "question",
        Review => "review",
        Decision => "decision",
        Brainstorm => "brainstorm",
        Conflict => "conflict",
        Feedback => "feedback",
        Rapport => "rapport",
        Crisis => "crisis",
    }
}

impl Intent {
    /// One short phrase for people: what the intent means.
    pub fn meaning(self) -> &'static str {
        match self {
            Intent::Status => "progress report: done, next, blockers",
            Intent::Fyi => "information to share, no answer needed",
            Intent::Decided => "a decision already made",
            Intent::Question => "a question answerable in writing",
            Intent::Review => "comments wanted on a document, design or code",
            Intent::Decision => "a decision still to make, needs buy-in",
            Intent::Brainstorm => "an open, ambiguous problem to explore",
            Intent::Conflict => "a disagreement or competing incentives",
            Intent::Feedback => "sensitive feedback to a person",
            Intent::Rapport => "building a working relationship",
            Intent::Crisis => "an outage, incident or escalation",
        }
    }
}

vocabulary! {
    /// The emotional temperature of an item.
    Heat, "heat" {
        Low => "low",
        Medium => "medium",
        High => "high",
    }
}

impl Heat {
    /// The next heat, wrapping from high back to low.
    pub fn cycle(self) -> Heat {
        match self {
            Heat::Low => Heat::Medium,
            Heat::Medium => Heat::High,
            Heat::High => Heat::Low,
        }
    }
}

vocabulary! {
    /// A concrete medium: how the communication actually happens.
    Medium, "medium" {
        Async => "async",
        Sync => "sync",
        BriefThenSync => "brief-then-sync",
    }
}

impl Medium {
    /// Whether this medium puts a live conversation in the calendar.
    pub fn has_sync(self) -> bool {
        matches!(self, Medium::Sync | Medium::BriefThenSync)
    }

    /// A short label that fits a table column.
    pub fn short(self) -> &'static str {
        match self {
            Medium::Async => "async",
            Medium::Sync => "sync",
            Medium::BriefThenSync => "brief+sync",
        }
    }
}

vocabulary! {
    /// The medium a user chose for an item; `auto` follows the recommendation.
    ChosenMedium, "medium" {
        Auto => "auto",
        Async => "async",
        Sync => "sync",
        BriefThenSync => "brief-then-sync",
    }
}

impl ChosenMedium {
    /// The concrete medium chosen, or `None` for `auto`.
    pub fn fixed(self) -> Option<Medium> {
        match self {
            ChosenMedium::Auto => None,
            ChosenMedium::Async => Some(Medium::Async),
            ChosenMedium::Sync => Some(Medium::Sync),
            ChosenMedium::BriefThenSync => Some(Medium::BriefThenSync),
        }
    }

    /// The next choice: auto → async → sync → brief-then-sync → auto.
    pub fn cycle(self) -> ChosenMedium {
        match self {
            ChosenMedium::Auto => ChosenMedium::Async,
            ChosenMedium::Async => ChosenMedium::Sync,
            ChosenMedium::Sync => ChosenMedium::BriefThenSync,
            ChosenMedium::BriefThenSync => ChosenMedium::Auto,
        }
    }
}

impl From<Medium> for ChosenMedium {
    fn from(medium: Medium) -> Self {
        match medium {
            Medium::Async => ChosenMedium::Async,
            Medium::Sync => ChosenMedium::Sync,
            Medium::BriefThenSync => ChosenMedium::BriefThenSync,
        }
    }
}

vocabulary! {
    /// Where an item stands.
    Status, "status" {
        Open => "open",
        Done => "done",
        Dropped => "dropped",
    }
}

/// What a sync needs before it deserves a calendar slot.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agenda {
    /// The problem the conversation solves.
    #[serde(default)]
    pub problem: String,
    /// What to read beforehand.
    #[serde(default)]
    pub pre_read: String,
    /// What the conversation should end with.
    #[serde(default)]
    pub outcome: String,
}

impl Agenda {
    /// Reads `problem | pre-read | outcome`; missing parts stay empty.
    pub fn parse(text: &str) -> Agenda {
        let mut parts = text.splitn(3, '|').map(|p| p.trim().to_string());
        Agenda {
            problem: parts.next().unwrap_or_default(),
            pre_read: parts.next().unwrap_or_default(),
            outcome: parts.next().unwrap_or_default(),
        }
    }

    /// True when not one part is filled in.
    pub fn is_empty(&self) -> bool {
        self.problem.trim().is_empty()
            && self.pre_read.trim().is_empty()
            && self.outcome.trim().is_empty()
    }

    /// The agenda as `problem | pre-read | outcome`, the form `parse` reads.
    pub fn to_line(&self) -> String {
        if self.is_empty() {
            return String::new();
        }
        format!("{} | {} | {}", self.problem, self.pre_read, self.outcome)
    }
}

/// The default length of a sync, in minutes: the 15-minute timebox.
pub const DEFAULT_TIMEBOX: u32 = 15;
/// The longest sync an item may plan, in minutes.
pub const MAX_MINUTES: u32 = 480;

/// One communication to make this week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: u32,
    pub title: String,
    #[serde(default)]
    pub with: String,
    pub intent: Intent,
    pub heat: Heat,
    /// Length of the sync part, in minutes.
    pub minutes: u32,
    pub day: Day,
    pub week: IsoWeek,
    pub medium: ChosenMedium,
    #[serde(default)]
    pub agenda: Agenda,
    #[serde(default)]
    pub notes: String,
    /// How often a written thread on this item has gone back and forth.
    #[serde(default)]
    pub exchanges: u32,
    pub status: Status,
    /// The week this item was carried over from, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<IsoWeek>,
    /// The key of the calendar meeting this written update replaces, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
    /// Whether syncwise made this item up as sample data (`demo --clear` removes those).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sample: bool,
    #[serde(deserialize_with = "utc_stamp::deserialize")]
    pub created: DateTime<Utc>,
    #[serde(deserialize_with = "utc_stamp::deserialize")]
    pub updated: DateTime<Utc>,
}

/// Reads the items' UTC timestamps: the form syncwise writes
/// (`2026-11-25T08:00:00.123Z`) directly, anything else through chrono. Loading a large
/// store spends most of its time on these, and chrono's general parser is several times
/// slower than this fixed layout.
mod utc_stamp {
    use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
    use serde::Deserializer;

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<DateTime<Utc>, D::Error> {
        crate::week::parse_str(deserializer, "an RFC 3339 UTC time", parse)
    }

    /// The fixed layout when it fits, chrono's general parser otherwise.
    pub fn parse(text: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
        match fast(text) {
            Some(stamp) => Ok(stamp),
            None => text.parse::<DateTime<Utc>>(),
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, or `None` for any other form.
    pub fn fast(text: &str) -> Option<DateTime<Utc>> {
        let b = text.as_bytes();
        if b.len() < 20
            || b[4] != b'-'
            || b[7] != b'-'
            || b[10] != b'T'
            || b[13] != b':'
            || b[16] != b':'
        {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u32> {
            b.get(range)?.iter().try_fold(0u32, |n, d| {
                d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
            })
        };
        let date = NaiveDate::from_ymd_opt(
            i32::try_from(number(0..4)?).ok()?,
            number(5..7)?,
            number(8..10)?,
        )?;
        let (rest, zulu) = b[19..].split_at(b.len() - 20);
        if zulu != b"Z" {
            return None;
        }
        let nanos = match rest {
            [] => 0,
            [b'.', digits @ ..] if (1..=9).contains(&digits.len()) => {
                let value = number(20..20 + digits.len())?;
                value * 10u32.pow(9 - digits.len() as u32)
            }
            _ => return None,
        };
        let time =
            NaiveTime::from_hms_nano_opt(number(11..13)?, number(14..16)?, number(17..19)?, nanos)?;
        Some(date.and_time(time).and_utc())
    }

    #[cfg(test)]
    mod tests {
        use super::fast;
        use chrono::{DateTime, Utc};

        #[test]
        fn reads_what_chrono_writes_and_refuses_the_rest() {
            for stamp in [
                "2026-11-25T08:00:00Z",
                "2026-11-28T06:26:40.123456789Z",
                "2026-11-28T06:26:40.5Z",
                "0999-01-01T00:00:00Z",
            ] {
                let expected: DateTime<Utc> = stamp.parse().unwrap();
                assert_eq!(fast(stamp), Some(expected), "{stamp}");
                assert_eq!(
                    fast(&expected.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)),
                    Some(expected)
                );
            }
            for other in [
                "2026-11-25T08:00:00+01:00",
                "2026-11-25 08:00:00Z",
                "2026-13-25T08:00:00Z",
                "2026-11-25T08:00:00.Z",
                "2026-11-25T08:00:00.1234567890Z",
                "2026-11-25T08:00:0xZ",
                "",
            ] {
                assert_eq!(fast(other), None, "{other}");
            }
        }
    }
}

impl Item {
    /// A new open item with the product's defaults (`fyi`, low heat, auto, 15 minutes).
    pub fn new(id: u32, title: &str, week: IsoWeek, day: Day, now: DateTime<Utc>) -> Item {
        Item {
            id,
            title: title.trim().to_string(),
            with: String::new(),
            intent: Intent::Fyi,
            heat: Heat::Low,
            minutes: DEFAULT_TIMEBOX,
            day,
            week,
            medium: ChosenMedium::Auto,
            agenda: Agenda::default(),
            notes: String::new(),
            exchanges: 0,
            status: Status::Open,
            carried_from: None,
            replaces: None,
            sample: false,
            created: now,
            updated: now,
        }
    }
}

/// A meeting imported from the user's calendar, counted in the week's sync time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// Identifies one occurrence across imports: the event's UID and original start.
    pub key: String,
    pub uid: String,
    pub title: String,
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    pub minutes: u32,
    pub attendees: u32,
    pub recurring: bool,
    /// The week and day of the start in the user's time zone.
    pub week: IsoWeek,
    pub day: Day,
    /// What the audit found wrong with the invite.
    #[serde(default)]
    pub flags: Vec<crate::ics::FlagCode>,
    /// The calendar it was imported from, when the import named one: importing another
    /// calendar keeps it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
}

impl Meeting {
    /// Whether an import of `calendar` replaces this meeting: one of the same calendar, or
    /// one stored without a calendar name (by any import, as before calendars had names).
    pub fn imported_with(&self, calendar: Option<&str>) -> bool {
        self.calendar.is_none() || self.calendar.as_deref() == calendar
    }
}

impl From<&crate::ics::Meeting> for Meeting {
    fn from(m: &crate::ics::Meeting) -> Meeting {
        Meeting {
            key: m.key().to_string(),
            uid: m.uid.clone(),
            title: m.title.clone(),
            start: m.start,
            end: m.end,
            minutes: m.minutes,
            attendees: m.attendees,
            recurring: m.recurring,
            week: m.week(),
            day: m.day(),
            flags: m.flags.iter().map(|f| f.code).collect(),
            calendar: None,
        }
    }
}

/// The user's settings: the budget and the shape of a working week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Sync minutes the week may hold.
    pub budget_minutes: u32,
    /// Sync minutes a day may hold before deep work collapses.
    pub red_line_minutes: u32,
    /// The longest a non-crisis sync should run.
    pub timebox_minutes: u32,
    /// The days the user works.
    pub working_days: Vec<Day>,
    /// The user's time zone (an IANA name), if set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// The user's calendar address, if set: meetings they declined are not sync time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            budget_minutes: 600,
            red_line_minutes: 180,
            timebox_minutes: DEFAULT_TIMEBOX,
            working_days: vec![Day::Mon, Day::Tue, Day::Wed, Day::Thu, Day::Fri],
            timezone: None,
            email: None,
        }
    }
}

/// The schema version this program reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything the store holds. Unknown fields are refused rather than dropped on the next
/// save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub version: u32,
    /// The id the next new item gets; ids are never reused.
    pub next_id: u32,
    #[serde(default)]
    pub settings: Settings,
    #[serde(default)]
    pub items: Vec<Item>,
    /// Meetings imported from the calendar, kept apart from planned items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meetings: Vec<Meeting>,
}

impl Default for Plan {
    fn default() -> Self {
        Plan {
            version: SCHEMA_VERSION,
            next_id: 1,
            settings: Settings::default(),
            items: Vec::new(),
            meetings: Vec::new(),
        }
    }
}

impl Plan {
    /// The item with this id.
    pub fn item(&self, id: u32) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    /// The item with this id, to change it.
    pub fn item_mut(&mut self, id: u32) -> Option<&mut Item> {
        self.items.iter_mut().find(|i| i.id == id)
    }

    /// Takes the next free id: above every id used so far, or, once ids run out at
    /// `u32::MAX`, the lowest id no item holds.
    pub fn allocate_id(&mut self) -> u32 {
        let highest = self.items.iter().map(|i| i.id).max().unwrap_or(0);
        let id = match highest.checked_add(1) {
            Some(above) => self.next_id.max(above),
            None => {
                let mut used: Vec<u32> = self.items.iter().map(|i| i.id).collect();
                used.sort_unstable();
                (1..)
                    .zip(used)
                    .find(|(want, have)| want != have)
                    .map_or(0, |(want, _)| want)
            }
        };
        self.next_id = id.saturating_add(1);
        id
    }

    /// Adds an item, giving it a fresh id, and returns that id.
    pub fn add(&mut self, mut item: Item) -> u32 {
        item.id = self.allocate_id();
        let id = item.id;
        self.items.push(item);
        id
    }

    /// Adds items, giving them fresh ids in order, and returns how many.
    pub fn add_all(&mut self, items: Vec<Item>) -> usize {
        let first = self.allocate_id();
        let count = items.len();
        for (offset, mut item) in items.into_iter().enumerate() {
            item.id = first.saturating_add(offset as u32);
            self.items.push(item);
        }
        self.next_id = self.next_id.max(first.saturating_add(count as u32));
        count
    }

    /// Checks what a store may hold beyond its shape: distinct ids, real titles, minutes
    /// and settings in range. The message names the item and the field.
    pub fn check(&self) -> Result<(), String> {
        crate::config::check(&self.settings).map_err(|e| format!("settings: {e}"))?;
        if let Some(meeting) = self
            .meetings
            .iter()
            .find(|m| m.calendar.as_ref().is_some_and(|c| c.trim().is_empty()))
        {
            return Err(format!("meeting {}: an empty calendar name", meeting.key));
        }
        let mut ids: Vec<u32> = self.items.iter().map(|i| i.id).collect();
        ids.sort_unstable();
        if let Some(id) = ids.first().filter(|&&id| id == 0) {
            return Err(format!("item id {id} is zero or used twice"));
        }
        if let Some(pair) = ids.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(format!("item id {} is zero or used twice", pair[0]));
        }
        for item in &self.items {
            let bad = |what: String| format!("item #{}: {what}", item.id);
            crate::patch::check_title(&item.title).map_err(|e| bad(e.to_string()))?;
            crate::patch::check_minutes(item.minutes).map_err(|e| bad(e.to_string()))?;
            crate::patch::check_exchanges(item.exchanges).map_err(|e| bad(e.to_string()))?;
        }
        Ok(())
    }

    /// Removes the item with this id, returning it.
    pub fn remove(&mut self, id: u32) -> Option<Item> {
        let index = self.items.iter().position(|i| i.id == id)?;
        Some(self.items.remove(index))
    }

    /// Puts an item back as it was (for undo), replacing any item with its id.
    pub fn restore(&mut self, item: Item) {
        self.next_id = self.next_id.max(item.id.saturating_add(1));
        match self.item_mut(item.id) {
            Some(existing) => *existing = item,
            None => self.items.push(item),
        }
    }

    /// Whether a planned item (not dropped) replaces this meeting with a written update.
    pub fn is_replaced(&self, meeting: &Meeting) -> bool {
        self.items.iter().any(|i| {
            i.status != Status::Dropped && i.replaces.as_deref() == Some(meeting.key.as_str())
        })
    }

    /// Replaces the stored meetings of `weeks` from `calendar` with `fresh` (an import of
    /// those weeks of that calendar), and returns how many were stored before; other
    /// calendars' meetings stay. Items that replace a meeting keep pointing at it, since a
    /// re-import gives an occurrence the same key.
    pub fn replace_meetings(
        &mut self,
        weeks: &[IsoWeek],
        calendar: Option<&str>,
        fresh: Vec<Meeting>,
    ) -> usize {
        let before = self.meetings.len();
        self.meetings
            .retain(|m| !(weeks.contains(&m.week) && m.imported_with(calendar)));
        let removed = before - self.meetings.len();
        self.meetings.extend(fresh);
        self.meetings
            .sort_by(|a, b| (a.start, &a.key).cmp(&(b.start, &b.key)));
        removed
    }

    /// The imported meetings of a week, in time order.
    pub fn week_meetings(&self, week: IsoWeek) -> Vec<&Meeting> {
        let mut meetings: Vec<&Meeting> = self.meetings.iter().filter(|m| m.week == week).collect();
        meetings.sort_by_key(|m| (m.start, m.key.clone()));
        meetings
    }

    /// The items of a week, ordered by day and then id.
    pub fn week_items(&self, week: IsoWeek) -> Vec<&Item> {
        let mut items: Vec<&Item> = self.items.iter().filter(|i| i.week == week).collect();
        items.sort_by_key(|i| (i.day, i.id));
        items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_round_trips_through_ids() {
        for intent in Intent::ALL {
            assert_eq!(intent.id().parse::<Intent>().unwrap(), *intent);
        }
        assert_eq!(
            "brief-then-sync".parse::<ChosenMedium>().unwrap(),
            ChosenMedium::BriefThenSync
        );
        let err = "meeting".parse::<Medium>().unwrap_err().to_string();
        assert_eq!(
            err,
            "unknown medium 'meeting' (valid: async, sync, brief-then-sync)"
        );
    }

    #[test]
    fn medium_cycles_through_every_choice() {
        let mut m = ChosenMedium::Auto;
        let mut seen = vec![m];
        for _ in 0..4 {
            m = m.cycle();
            seen.push(m);
        }
        assert_eq!(
            seen,
            [
                ChosenMedium::Auto,
                ChosenMedium::Async,
                ChosenMedium::Sync,
                ChosenMedium::BriefThenSync,
                ChosenMedium::Auto
            ]
        );
    }

    #[test]
    fn agenda_reads_three_parts() {
        let a = Agenda::parse("Pick a vendor | comparison doc | a yes or no");
        assert_eq!(a.problem, "Pick a vendor");
        assert_eq!(a.pre_read, "comparison doc");
        assert_eq!(a.outcome, "a yes or no");
        assert_eq!(Agenda::parse(&a.to_line()), a);
        assert!(Agenda::parse("  ").is_empty());
    }

    #[test]
    fn ids_past_the_last_number_do_not_overflow() {
        let week: IsoWeek = "2026-W48".parse().unwrap();
        let now = Utc::now();
        let mut plan = Plan::default();
        plan.add(Item::new(0, "a", week, Day::Mon, now));
        plan.restore(Item::new(u32::MAX, "edited by hand", week, Day::Mon, now));
        let id = plan.add(Item::new(0, "b", week, Day::Mon, now));
        assert_eq!(id, 2);
        let mut ids: Vec<u32> = plan.items.iter().map(|i| i.id).collect();
        ids.dedup();
        assert_eq!(ids.len(), 3);
    }

    #[test]
    fn ids_are_never_reused() {
        let week: IsoWeek = "2026-W48".parse().unwrap();
        let now = Utc::now();
        let mut plan = Plan::default();
        let a = plan.add(Item::new(0, "a", week, Day::Mon, now));
        let b = plan.add(Item::new(0, "b", week, Day::Mon, now));
        plan.remove(b);
        let c = plan.add(Item::new(0, "c", week, Day::Mon, now));
        assert_eq!((a, b, c), (1, 2, 3));
    }
}
