//! The judgment policy as data: per intent, the baseline medium, the timebox, the agenda
//! parts a sync must state and whether its items are private by default.
//!
//! The engine, the calendar audit, the brief and the form all read this one table. Its
//! numbers (the timeboxes) are settings the user can change; the rest is the product's.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::core::vocabulary::{Intent, Medium};

crate::core::vocabulary::vocabulary! {
    /// A part of a sync's agenda.
    AgendaPart, "agenda part" {
        Problem => "problem",
        PreRead => "pre-read",
        Outcome => "outcome",
    }
}

/// The length a new crisis is planned with, in minutes: a crisis has no timebox, but the
/// budget still needs a number for the war room.
pub const CRISIS_MINUTES: u32 = 60;

/// The shortest and longest timebox a user may set, in minutes.
pub const TIMEBOX_RANGE: (u32, u32) = (1, 240);

/// One row of the policy: what the product decides for an intent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    pub intent: Intent,
    /// The medium the intent calls for before heat or a bounced thread move it.
    pub baseline: Medium,
    /// The longest a sync of this intent should run; `None` for a crisis.
    pub timebox_minutes: Option<u32>,
    /// What a sync of this intent must state before it deserves a slot.
    pub requires: &'static [AgendaPart],
    /// Whether a new item of this intent is for the user's eyes only.
    pub private: bool,
}

impl Rule {
    /// The length a new item of this intent is planned with: its timebox, or
    /// [`CRISIS_MINUTES`] for a crisis.
    pub fn default_minutes(&self) -> u32 {
        self.timebox_minutes.unwrap_or(CRISIS_MINUTES)
    }
}

/// The product's row for an intent, with its default timebox.
pub const fn default_rule(intent: Intent) -> Rule {
    use AgendaPart::{Outcome, PreRead, Problem};
    use Medium::{Async, BriefThenSync, Sync};
    const PROBLEM: &[AgendaPart] = &[Problem];
    const PROBLEM_OUTCOME: &[AgendaPart] = &[Problem, Outcome];
    const EVERYTHING: &[AgendaPart] = &[Problem, PreRead, Outcome];
    let (baseline, timebox_minutes, requires, private): (Medium, Option<u32>, _, bool) =
        match intent {
            Intent::Status | Intent::Fyi | Intent::Decided | Intent::Question | Intent::Review => {
                (Async, Some(15), PROBLEM, false)
            }
            Intent::Decision => (BriefThenSync, Some(15), EVERYTHING, false),
            Intent::Brainstorm => (Sync, Some(30), PROBLEM_OUTCOME, false),
            Intent::Conflict => (Sync, Some(30), PROBLEM_OUTCOME, true),
            Intent::Feedback => (Sync, Some(30), PROBLEM, true),
            Intent::Rapport => (Sync, Some(30), PROBLEM, true),
            // The war room starts now: nothing to prepare, no clock to watch.
            Intent::Crisis => (Sync, None, &[], false),
        };
    Rule {
        intent,
        baseline,
        timebox_minutes,
        requires,
        private,
    }
}

/// A timebox given to an intent that has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("a crisis has no timebox: the war room runs until the incident is under control")]
pub struct NoTimebox;

/// The timebox of every intent that has one, in minutes: the policy's numbers as the user
/// set them. Stored as a table keyed by intent id; an intent missing from a stored table
/// takes its default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "BTreeMap<Intent, u32>", into = "BTreeMap<Intent, u32>")]
pub struct Timeboxes(BTreeMap<Intent, u32>);

impl Default for Timeboxes {
    fn default() -> Self {
        Timeboxes(
            Intent::ALL
                .iter()
                .filter_map(|&i| Some((i, default_rule(i).timebox_minutes?)))
                .collect(),
        )
    }
}

impl Timeboxes {
    /// Every intent with a timebox set to the same length (how stores written before the
    /// policy table read their single timebox).
    pub fn uniform(minutes: u32) -> Timeboxes {
        let mut all = Timeboxes::default();
        for minutes_of in all.0.values_mut() {
            *minutes_of = minutes;
        }
        all
    }

    /// The timebox of an intent; `None` for a crisis.
    pub fn get(&self, intent: Intent) -> Option<u32> {
        self.0.get(&intent).copied()
    }

    /// Sets an intent's timebox (ranges are checked with the other settings).
    pub fn set(&mut self, intent: Intent, minutes: u32) -> Result<(), NoTimebox> {
        match self.0.get_mut(&intent) {
            Some(slot) => {
                *slot = minutes;
                Ok(())
            }
            None => Err(NoTimebox),
        }
    }

    /// Each intent that has a timebox, with it, in the product's order.
    pub fn iter(&self) -> impl Iterator<Item = (Intent, u32)> + '_ {
        self.0.iter().map(|(&i, &m)| (i, m))
    }
}

impl TryFrom<BTreeMap<Intent, u32>> for Timeboxes {
    type Error = NoTimebox;

    fn try_from(stored: BTreeMap<Intent, u32>) -> Result<Self, NoTimebox> {
        let mut all = Timeboxes::default();
        for (intent, minutes) in stored {
            all.set(intent, minutes)?;
        }
        Ok(all)
    }
}

impl From<Timeboxes> for BTreeMap<Intent, u32> {
    fn from(t: Timeboxes) -> Self {
        t.0
    }
}

/// The policy's row for an intent with the user's timeboxes.
pub fn rule(intent: Intent, timeboxes: &Timeboxes) -> Rule {
    Rule {
        timebox_minutes: timeboxes.get(intent),
        ..default_rule(intent)
    }
}

/// What a judgment reads: the user's settings (the policy table) and the word lists that
/// read an intent from a title. `&Settings` alone stands for the shipped word lists.
#[derive(Debug, Clone, Copy)]
pub struct Rules<'a> {
    pub settings: &'a crate::core::Settings,
    pub lexicon: &'a crate::core::infer::Lexicon,
}

impl<'a> From<&'a crate::core::Settings> for Rules<'a> {
    fn from(settings: &'a crate::core::Settings) -> Self {
        Rules {
            settings,
            lexicon: crate::core::infer::Lexicon::shipped(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_the_product_brief() {
        use AgendaPart::*;
        // intent, baseline, timebox, requires, private: PRODUCT.md's table, row by row.
        type Row = (Intent, Medium, Option<u32>, &'static [AgendaPart], bool);
        let expected: [Row; 11] = [
            (Intent::Status, Medium::Async, Some(15), &[Problem], false),
            (Intent::Fyi, Medium::Async, Some(15), &[Problem], false),
            (Intent::Decided, Medium::Async, Some(15), &[Problem], false),
            (Intent::Question, Medium::Async, Some(15), &[Problem], false),
            (Intent::Review, Medium::Async, Some(15), &[Problem], false),
            (
                Intent::Decision,
                Medium::BriefThenSync,
                Some(15),
                &[Problem, PreRead, Outcome],
                false,
            ),
            (
                Intent::Brainstorm,
                Medium::Sync,
                Some(30),
                &[Problem, Outcome],
                false,
            ),
            (
                Intent::Conflict,
                Medium::Sync,
                Some(30),
                &[Problem, Outcome],
                true,
            ),
            (Intent::Feedback, Medium::Sync, Some(30), &[Problem], true),
            (Intent::Rapport, Medium::Sync, Some(30), &[Problem], true),
            (Intent::Crisis, Medium::Sync, None, &[], false),
        ];
        assert_eq!(expected.len(), Intent::ALL.len());
        for (intent, baseline, timebox, requires, private) in expected {
            let row = default_rule(intent);
            assert_eq!(
                (row.baseline, row.timebox_minutes, row.requires, row.private),
                (baseline, timebox, requires, private),
                "{intent}"
            );
            assert_eq!(rule(intent, &Timeboxes::default()), row);
        }
        assert_eq!(
            default_rule(Intent::Crisis).default_minutes(),
            CRISIS_MINUTES
        );
        assert_eq!(default_rule(Intent::Feedback).default_minutes(), 30);
    }

    #[test]
    fn timeboxes_are_set_per_intent_and_a_crisis_has_none() {
        let mut t = Timeboxes::default();
        t.set(Intent::Feedback, 45).unwrap();
        assert_eq!(t.get(Intent::Feedback), Some(45));
        assert_eq!(rule(Intent::Feedback, &t).timebox_minutes, Some(45));
        assert_eq!(t.get(Intent::Rapport), Some(30));
        assert_eq!(t.set(Intent::Crisis, 60), Err(NoTimebox));
        assert_eq!(t.get(Intent::Crisis), None);
        assert_eq!(t.iter().count(), Intent::ALL.len() - 1);
        assert!(Timeboxes::uniform(20).iter().all(|(_, m)| m == 20));
    }

    #[test]
    fn a_stored_table_reads_back_and_fills_in_what_it_lacks() {
        let mut t = Timeboxes::default();
        t.set(Intent::Decision, 20).unwrap();
        let json = serde_json::to_string(&t).unwrap();
        assert!(json.starts_with(r#"{"status":15,"#), "{json}");
        assert!(!json.contains("crisis"));
        assert_eq!(serde_json::from_str::<Timeboxes>(&json).unwrap(), t);
        let partial: Timeboxes = serde_json::from_str(r#"{"feedback":45}"#).unwrap();
        assert_eq!(partial.get(Intent::Feedback), Some(45));
        assert_eq!(partial.get(Intent::Status), Some(15));
        let err = serde_json::from_str::<Timeboxes>(r#"{"crisis":60}"#).unwrap_err();
        assert!(err.to_string().contains("a crisis has no timebox"), "{err}");
        assert!(serde_json::from_str::<Timeboxes>(r#"{"meeting":60}"#).is_err());
    }
}
