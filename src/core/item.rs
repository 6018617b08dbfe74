//! One communication to make: its agenda and its fields.

use chrono::{DateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::core::settings::Settings;
use crate::core::vocabulary::{ChosenMedium, Heat, Intent, Status};
use crate::core::week::{Day, IsoWeek};

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

/// How an intent was read from a title: the intent and the words that led there (empty
/// when nothing matched and the default was guessed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inferred {
    pub intent: Intent,
    #[serde(default)]
    pub words: Vec<String>,
}

/// The length [`Item::new`] plans, in minutes: the default timebox of its intent, `fyi`.
/// An item given another intent takes that intent's length with [`Item::adopt_intent`].
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
    /// Whether this written update replaces a whole recurring series (`replaces` names one
    /// occurrence of it): each week of the series imported later gets its own update.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub replaces_series: bool,
    /// Whether syncwise made this item up as sample data (`demo --clear` removes those).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sample: bool,
    /// Whether the item is for the user's eyes only: it never appears in the brief, in
    /// exported invites or in anything else meant for others.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub private: bool,
    /// How the intent was inferred from the title, when the user did not give one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inferred: Option<Inferred>,
    /// When the sync starts on its day (local wall-clock time), if it has a slot.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::core::slot::serde_at"
    )]
    pub at: Option<NaiveTime>,
    /// Whether the user chose `at` (`schedule` never moves it) rather than `schedule`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub at_pinned: bool,
    #[serde(with = "crate::core::stamp")]
    pub created: DateTime<Utc>,
    #[serde(with = "crate::core::stamp")]
    pub updated: DateTime<Utc>,
}

impl Item {
    /// A new open item with the product's defaults: `fyi` and its row of the policy
    /// (15 minutes, shared), low heat, auto.
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
            private: false,
            inferred: None,
            replaces_series: false,
            at: None,
            at_pinned: false,
            created: now,
            updated: now,
        }
    }

    /// Gives a new item its intent with what that intent's row decides: the length (the
    /// intent's timebox in `settings`, a nominal hour for a crisis) and whether it is
    /// private. Fields the user gives are applied after this, so they win.
    pub fn adopt_intent(&mut self, intent: Intent, settings: &Settings) {
        let rule = settings.rule(intent);
        self.intent = intent;
        self.minutes = rule.default_minutes();
        self.private = rule.private;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_new_item_takes_its_intents_row() {
        let week = "2026-W48".parse().unwrap();
        let now = Utc::now();
        let plain = Item::new(1, "Note", week, Day::Tue, now);
        let fyi = crate::core::policy::default_rule(Intent::Fyi);
        assert_eq!(
            (plain.minutes, plain.private),
            (fyi.default_minutes(), fyi.private)
        );
        assert_eq!(plain.minutes, DEFAULT_TIMEBOX);

        let mut settings = Settings::default();
        let mut talk = plain.clone();
        talk.adopt_intent(Intent::Feedback, &settings);
        assert_eq!(
            (talk.intent, talk.minutes, talk.private),
            (Intent::Feedback, 30, true)
        );
        crate::core::settings::set(&mut settings, "timebox.feedback", "45").unwrap();
        talk.adopt_intent(Intent::Feedback, &settings);
        assert_eq!(talk.minutes, 45);
        let mut war_room = plain.clone();
        war_room.adopt_intent(Intent::Crisis, &settings);
        assert_eq!(
            (war_room.minutes, war_room.private),
            (crate::core::policy::CRISIS_MINUTES, false)
        );
        let mut decision = plain;
        decision.adopt_intent(Intent::Decision, &settings);
        assert_eq!((decision.minutes, decision.private), (15, false));
    }
}
