//! Sample data: the realistic demo week kept in `assets/`, and synthetic plans for benchmarks.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::core::policy::default_rule;
use crate::core::week::{Day, IsoWeek};
use crate::core::{Agenda, ChosenMedium, Heat, Intent, Item, Settings, Status};

/// The demo week, as shipped in `assets/demo-week.json`.
const DEMO_WEEK: &str = include_str!("../../assets/demo-week.json");

/// One entry of the demo week: an item without id, week or times. The length and privacy
/// an entry leaves out come from its intent's row of the policy.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    title: String,
    #[serde(default)]
    with: String,
    intent: Intent,
    #[serde(default = "low")]
    heat: Heat,
    #[serde(default)]
    minutes: Option<u32>,
    day: Day,
    #[serde(default = "auto")]
    medium: ChosenMedium,
    #[serde(default)]
    agenda: Agenda,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    exchanges: u32,
    #[serde(default = "open")]
    status: Status,
    #[serde(default)]
    private: Option<bool>,
}

fn pick(rng: &mut fastrand::Rng, choices: &[&'static str]) -> &'static str {
    choices[rng.usize(..choices.len())]
}

fn low() -> Heat {
    Heat::Low
}
fn auto() -> ChosenMedium {
    ChosenMedium::Auto
}
fn open() -> Status {
    Status::Open
}

/// The demo week placed in `week`, with ids from 1.
pub fn demo_week(week: IsoWeek, now: DateTime<Utc>) -> Vec<Item> {
    // The asset is compiled in and checked by a test, so it always parses.
    let entries: Vec<Entry> = serde_json::from_str(DEMO_WEEK).unwrap_or_default();
    let policy = Settings::default();
    entries
        .into_iter()
        .zip(1..)
        .map(|(e, id)| {
            let mut item = Item::new(id, &e.title, week, e.day, now);
            item.adopt_intent(e.intent, &policy);
            Item {
                with: e.with,
                heat: e.heat,
                minutes: e.minutes.unwrap_or(item.minutes),
                medium: e.medium,
                agenda: e.agenda,
                notes: e.notes,
                exchanges: e.exchanges,
                status: e.status,
                private: e.private.unwrap_or(item.private),
                sample: true,
                ..item
            }
        })
        .collect()
}

const SUBJECTS: &[&str] = &[
    "billing migration",
    "Q1 roadmap",
    "on-call rotation",
    "search ranking",
    "hiring plan",
    "API deprecation",
    "incident review",
    "pricing test",
    "design system",
    "data retention",
];
const OPENERS: &[&str] = &[
    "Update on",
    "Decide",
    "Questions about",
    "Review of",
    "Feedback on",
    "Explore",
    "Align on",
];
const PEOPLE: &[&str] = &[
    "Sam",
    "Priya",
    "Alex",
    "Platform team",
    "Finance",
    "Sales director",
    "Design",
    "SRE",
];

/// `count` synthetic items spread over the 52 weeks up to and including `around`,
/// reproducible for a given `seed`.
pub fn synthetic(count: usize, seed: u64, around: IsoWeek, now: DateTime<Utc>) -> Vec<Item> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut items = Vec::with_capacity(count);
    for id in 1..=count {
        let title = format!("{} {}", pick(&mut rng, OPENERS), pick(&mut rng, SUBJECTS));
        let with = pick(&mut rng, PEOPLE).to_string();
        let week = around.offset(-(rng.i64(0..52)));
        let day = Day::ALL[rng.usize(0..5)];
        let mut item = Item::new(id as u32, &title, week, day, now);
        item.sample = true;
        item.with = with;
        item.intent = Intent::ALL[rng.usize(..Intent::ALL.len())];
        item.private = default_rule(item.intent).private;
        item.heat = Heat::ALL[rng.usize(..Heat::ALL.len())];
        item.minutes = [15, 15, 15, 30, 45][rng.usize(0..5)];
        item.medium = if rng.u8(0..4) == 0 {
            ChosenMedium::ALL[rng.usize(1..ChosenMedium::ALL.len())]
        } else {
            ChosenMedium::Auto
        };
        if rng.bool() {
            item.agenda = Agenda {
                problem: format!("Settle the {}", pick(&mut rng, SUBJECTS)),
                pre_read: "One-page brief".into(),
                outcome: "A decision with an owner".into(),
            };
        }
        item.exchanges = rng.u32(0..5);
        item.status = [Status::Open, Status::Open, Status::Done, Status::Dropped][rng.usize(0..4)];
        items.push(item);
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_week_asset_parses_completely() {
        let entries: Vec<Entry> = serde_json::from_str(DEMO_WEEK).unwrap();
        let week: IsoWeek = "2026-W48".parse().unwrap();
        let items = demo_week(week, Utc::now());
        assert_eq!(items.len(), entries.len());
        assert!(items.len() >= 10);
        assert!(items.iter().all(|i| i.week == week));
    }

    /// The sample week teaches: most items are well prepared and clean, and each of a
    /// few classic mistakes shows exactly the warning it deserves.
    #[test]
    fn the_demo_week_teaches_one_mistake_at_a_time() {
        use crate::core::engine::{WarningCode, recommend};
        let week: IsoWeek = "2026-W48".parse().unwrap();
        let items = demo_week(week, Utc::now());
        // Monday 08:00, as the user plans the week.
        let monday = week.monday().and_hms_opt(8, 0, 0).unwrap_or_default();
        let settings = Settings::default();
        let mut warned: Vec<(String, Vec<WarningCode>)> = Vec::new();
        for item in &items {
            let codes: Vec<WarningCode> = recommend(item, monday, &settings)
                .warnings
                .iter()
                .map(|w| w.code)
                .collect();
            assert!(codes.len() <= 1, "{}: {codes:?}", item.title);
            if !codes.is_empty() {
                warned.push((item.title.clone(), codes));
            }
        }
        let expected = [
            (
                "Feedback to Sam on the incident write-up",
                WarningCode::ConflictByText,
            ),
            ("Weekly roadmap status meeting", WarningCode::StatusMeeting),
            ("Quick chat", WarningCode::VagueAgenda),
            (
                "Which regions does the export API cover?",
                WarningCode::BackAndForth,
            ),
            (
                "Which two roles to hire first in Q1",
                WarningCode::OverTimebox,
            ),
        ];
        let expected: Vec<(String, Vec<WarningCode>)> = expected
            .iter()
            .map(|(t, c)| (t.to_string(), vec![*c]))
            .collect();
        assert_eq!(warned, expected);
        assert!(items.len() >= 2 * warned.len(), "most items are clean");
        // Private where the intent says so, and one decision marked by hand.
        for item in &items {
            let by_row = default_rule(item.intent).private;
            let hand = item.title.starts_with("Which two roles");
            assert_eq!(item.private, by_row || hand, "{}", item.title);
        }
    }

    #[test]
    fn synthetic_items_are_reproducible() {
        let week: IsoWeek = "2026-W48".parse().unwrap();
        let now = Utc::now();
        let a = synthetic(200, 7, week, now);
        let b = synthetic(200, 7, week, now);
        assert_eq!(a, b);
        assert_eq!(a.len(), 200);
        assert!(
            a.iter()
                .all(|i| i.week <= week && i.week >= week.offset(-51))
        );
        assert_ne!(a, synthetic(200, 8, week, now));
    }
}
