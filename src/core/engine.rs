//! The recommendation engine: a pure function of an item and "now" that says which medium
//! fits the moment, why, and what the current choice signals when it does not fit.

use std::borrow::Cow;

use chrono::{NaiveDateTime, NaiveTime};
use serde::Serialize;

pub use crate::core::title::is_bare_title;
use crate::core::{ChosenMedium, DEFAULT_TIMEBOX, Heat, Intent, Item, Medium, Settings, Status};

/// A thread that has bounced this many times should become a call.
pub const BOUNCE_LIMIT: u32 = 3;
// The reason text spells the limit out.
const _: () = assert!(BOUNCE_LIMIT == 3);
/// A brief goes out at least this many hours before its sync.
pub const BRIEF_LEAD_HOURS: i64 = 24;
/// Items carry a day, not a time: a sync is taken to start at this hour.
pub const NOMINAL_SYNC_HOUR: u32 = 9;

crate::core::vocabulary::vocabulary! {
    /// A choice that does not fit the moment.
    WarningCode, "warning code" {
        StatusMeeting => "status-meeting",
        AnswerableInWriting => "answerable-in-writing",
        ConflictByText => "conflict-by-text",
        CrisisByText => "crisis-by-text",
        VagueAgenda => "vague-agenda",
        OverTimebox => "over-timebox",
        LateBrief => "late-brief",
        BackAndForth => "back-and-forth",
    }
}

impl WarningCode {
    /// Whether the warning is about the chosen medium itself (as opposed to the
    /// preparation, length or timing of the conversation).
    pub fn is_medium_mismatch(self) -> bool {
        matches!(
            self,
            WarningCode::StatusMeeting
                | WarningCode::AnswerableInWriting
                | WarningCode::ConflictByText
                | WarningCode::CrisisByText
        )
    }

    /// One sentence: what the choice signals to the people on the other side.
    pub fn message(self) -> &'static str {
        match self {
            WarningCode::StatusMeeting => {
                "Calling a meeting to recite status tells everyone their attention is cheap; a written update reads in two minutes."
            }
            WarningCode::AnswerableInWriting => {
                "Booking time for a question that fits in a message makes the other side carry the cost of your convenience."
            }
            WarningCode::ConflictByText => {
                "Handling a heated or personal matter in text looks like avoiding the person, and tone lost in writing tends to escalate it."
            }
            WarningCode::CrisisByText => {
                "Running an incident through threads leaves the team without a visible lead while every minute counts."
            }
            WarningCode::VagueAgenda => {
                "An invite without a problem, a pre-read and an outcome makes every attendee guess why they are there and prepare blind."
            }
            WarningCode::OverTimebox => {
                "A sync that needs more than the timebox is not ready: finish the thinking in writing and meet only to decide."
            }
            WarningCode::LateBrief => {
                "A brief that lands less than a day before the sync cannot be read properly, so the meeting turns into a reading session."
            }
            WarningCode::BackAndForth => {
                "The thread has bounced enough to show writing is not converging; a short call will settle it faster than another reply."
            }
        }
    }
}

/// A warning on an item, with its message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub code: WarningCode,
    pub message: &'static str,
}

impl From<WarningCode> for Warning {
    fn from(code: WarningCode) -> Self {
        Warning {
            code,
            message: code.message(),
        }
    }
}

/// What the engine says about one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recommendation {
    /// The medium that fits the moment.
    pub medium: Medium,
    /// The longest the sync part should run; `None` for async items and crises.
    pub timebox_minutes: Option<u32>,
    /// Why, in a few short reasons.
    pub reasons: Vec<Cow<'static, str>>,
    /// Where the chosen medium, agenda, length or timing does not fit.
    pub warnings: Vec<Warning>,
}

impl Recommendation {
    /// Whether a warning with this code is present.
    pub fn has(&self, code: WarningCode) -> bool {
        self.warnings.iter().any(|w| w.code == code)
    }
}

/// Whether a sync's agenda says enough: the problem, the pre-read and the desired outcome;
/// a crisis only needs its problem stated (the war room is the pre-read).
pub fn agenda_is_complete(item: &Item) -> bool {
    let filled = |part: &str| !part.trim().is_empty();
    let agenda = &item.agenda;
    if item.intent == Intent::Crisis {
        filled(&agenda.problem)
    } else {
        filled(&agenda.problem) && filled(&agenda.pre_read) && filled(&agenda.outcome)
    }
}

/// The medium the moment calls for, from the intent, heat and thread history alone.
pub fn recommended_medium(item: &Item) -> Medium {
    let baseline = baseline(item.intent);
    match baseline {
        Medium::Async if item.exchanges >= BOUNCE_LIMIT => Medium::Sync,
        Medium::Async if item.heat == Heat::High => Medium::BriefThenSync,
        other => other,
    }
}

/// The medium an item will actually use: its chosen one, or the recommendation under `auto`.
pub fn effective_medium(item: &Item) -> Medium {
    item.medium
        .fixed()
        .unwrap_or_else(|| recommended_medium(item))
}

fn baseline(intent: Intent) -> Medium {
    match intent {
        Intent::Status | Intent::Fyi | Intent::Decided | Intent::Question | Intent::Review => {
            Medium::Async
        }
        Intent::Decision => Medium::BriefThenSync,
        Intent::Brainstorm
        | Intent::Conflict
        | Intent::Feedback
        | Intent::Rapport
        | Intent::Crisis => Medium::Sync,
    }
}

fn intent_reason(intent: Intent) -> &'static str {
    match intent {
        Intent::Status => {
            "Status is transmission: readers take a written update at their own pace."
        }
        Intent::Fyi => "Information with no answer needed belongs in writing.",
        Intent::Decided => "A decision already made only needs announcing, in writing.",
        Intent::Question => "A question that can be answered in writing does not need a slot.",
        Intent::Review => "Reviewers comment best on a document they can read in their own time.",
        Intent::Decision => {
            "A decision that needs buy-in: send a brief first, then meet only on risks and objections."
        }
        Intent::Brainstorm => "Open, ambiguous problems move fastest in live back-and-forth.",
        Intent::Conflict => "Competing incentives are negotiated live, where tone and trust show.",
        Intent::Feedback => "Sensitive feedback is given in person, where tone carries.",
        Intent::Rapport => "Trust is built in real-time conversation, not in edited text.",
        Intent::Crisis => "A crisis needs a live war room with a visible lead.",
    }
}

/// The nominal moment an item's sync starts.
pub fn sync_start(item: &Item) -> NaiveDateTime {
    item.week
        .date(item.day)
        .and_time(NaiveTime::from_hms_opt(NOMINAL_SYNC_HOUR, 0, 0).unwrap_or(NaiveTime::MIN))
}

/// Recommends a medium for an item at a local moment `now`, with reasons and warnings.
pub fn recommend(item: &Item, now: NaiveDateTime, settings: &Settings) -> Recommendation {
    let medium = recommended_medium(item);
    let timebox_minutes = match (medium, item.intent) {
        (Medium::Async, _) | (_, Intent::Crisis) => None,
        _ => Some(settings.timebox_minutes),
    };

    let mut reasons = vec![Cow::Borrowed(intent_reason(item.intent))];
    if baseline(item.intent) == Medium::Async && medium != Medium::Async {
        reasons.push(Cow::Borrowed(if item.exchanges >= BOUNCE_LIMIT {
            "The written thread has bounced three times or more: switch to a call."
        } else {
            "High heat: write it down first, then talk it through live."
        }));
    }
    if item.intent == Intent::Crisis {
        reasons.push(Cow::Borrowed(
            "No timebox: the war room runs until the incident is under control.",
        ));
    } else if medium.has_sync() {
        reasons.push(match settings.timebox_minutes {
            DEFAULT_TIMEBOX => Cow::Borrowed(
                "Timebox it: a sync that cannot decide in 15 minutes goes back to writing.",
            ),
            minutes => Cow::Owned(format!(
                "Timebox it: a sync that cannot decide in {minutes} minutes goes back to writing."
            )),
        });
    }

    let warnings = warnings(item, medium, now, settings)
        .into_iter()
        .map(Warning::from)
        .collect();
    Recommendation {
        medium,
        timebox_minutes,
        reasons,
        warnings,
    }
}

fn warnings(
    item: &Item,
    recommended: Medium,
    now: NaiveDateTime,
    settings: &Settings,
) -> Vec<WarningCode> {
    use WarningCode::*;
    let mut found = Vec::new();
    let chosen = item.medium;
    let effective = chosen.fixed().unwrap_or(recommended);
    let explicit_mismatch = chosen != ChosenMedium::Auto && effective != recommended;

    if explicit_mismatch && effective.has_sync() {
        match item.intent {
            Intent::Status | Intent::Fyi | Intent::Decided => found.push(StatusMeeting),
            Intent::Question => found.push(AnswerableInWriting),
            _ => {}
        }
    }
    if explicit_mismatch && effective == Medium::Async {
        if item.intent == Intent::Crisis {
            found.push(CrisisByText);
        } else if matches!(item.intent, Intent::Feedback | Intent::Conflict)
            || item.heat == Heat::High
        {
            found.push(ConflictByText);
        }
    }
    if effective.has_sync() {
        if !agenda_is_complete(item) || is_bare_title(&item.title) {
            found.push(VagueAgenda);
        }
        if item.intent != Intent::Crisis && item.minutes > settings.timebox_minutes {
            found.push(OverTimebox);
        }
    }
    if effective == Medium::BriefThenSync && item.status == Status::Open {
        let until_sync = sync_start(item) - now;
        if until_sync > chrono::Duration::zero()
            && until_sync < chrono::Duration::hours(BRIEF_LEAD_HOURS)
        {
            found.push(LateBrief);
        }
    }
    if effective == Medium::Async && item.exchanges >= BOUNCE_LIMIT {
        found.push(BackAndForth);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::week::{Day, IsoWeek};
    use crate::core::{Agenda, Item};
    use chrono::{NaiveDate, Utc};

    fn week() -> IsoWeek {
        "2026-W48".parse().unwrap()
    }

    /// Monday 23 Nov 2026, 08:00: before any sync of the week.
    fn monday_morning() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap()
    }

    fn item(intent: Intent) -> Item {
        let mut item = Item::new(
            1,
            "Migrate billing to the new ledger",
            week(),
            Day::Thu,
            Utc::now(),
        );
        item.intent = intent;
        item.agenda = Agenda::parse("Which cut-over date | migration plan | a date everyone signs");
        item
    }

    fn rec(item: &Item) -> Recommendation {
        recommend(item, monday_morning(), &Settings::default())
    }

    fn codes(item: &Item) -> Vec<WarningCode> {
        rec(item).warnings.iter().map(|w| w.code).collect()
    }

    #[test]
    fn baseline_table_holds() {
        let expected = [
            (Intent::Status, Medium::Async),
            (Intent::Fyi, Medium::Async),
            (Intent::Decided, Medium::Async),
            (Intent::Question, Medium::Async),
            (Intent::Review, Medium::Async),
            (Intent::Decision, Medium::BriefThenSync),
            (Intent::Brainstorm, Medium::Sync),
            (Intent::Conflict, Medium::Sync),
            (Intent::Feedback, Medium::Sync),
            (Intent::Rapport, Medium::Sync),
            (Intent::Crisis, Medium::Sync),
        ];
        for (intent, medium) in expected {
            let r = rec(&item(intent));
            assert_eq!(r.medium, medium, "{intent}");
            assert!(!r.reasons.is_empty());
        }
    }

    #[test]
    fn high_heat_moves_async_to_brief_then_sync() {
        for intent in [
            Intent::Status,
            Intent::Fyi,
            Intent::Decided,
            Intent::Question,
            Intent::Review,
        ] {
            let mut i = item(intent);
            i.heat = Heat::High;
            assert_eq!(rec(&i).medium, Medium::BriefThenSync, "{intent}");
        }
        let mut conflict = item(Intent::Conflict);
        conflict.heat = Heat::High;
        assert_eq!(rec(&conflict).medium, Medium::Sync);
    }

    #[test]
    fn timebox_is_fifteen_minutes_except_crisis_and_async() {
        assert_eq!(rec(&item(Intent::Feedback)).timebox_minutes, Some(15));
        assert_eq!(rec(&item(Intent::Decision)).timebox_minutes, Some(15));
        assert_eq!(rec(&item(Intent::Crisis)).timebox_minutes, None);
        assert_eq!(rec(&item(Intent::Status)).timebox_minutes, None);
    }

    #[test]
    fn status_meeting_for_sync_on_transmission() {
        for intent in [Intent::Status, Intent::Fyi, Intent::Decided] {
            let mut i = item(intent);
            i.medium = ChosenMedium::Sync;
            assert_eq!(codes(&i), [WarningCode::StatusMeeting], "{intent}");
        }
    }

    #[test]
    fn answerable_in_writing_for_sync_question() {
        let mut i = item(Intent::Question);
        i.medium = ChosenMedium::Sync;
        assert_eq!(codes(&i), [WarningCode::AnswerableInWriting]);
    }

    #[test]
    fn conflict_by_text_for_feedback_conflict_and_high_heat() {
        for intent in [Intent::Feedback, Intent::Conflict] {
            let mut i = item(intent);
            i.medium = ChosenMedium::Async;
            assert_eq!(codes(&i), [WarningCode::ConflictByText], "{intent}");
        }
        let mut hot = item(Intent::Status);
        hot.heat = Heat::High;
        hot.medium = ChosenMedium::Async;
        assert_eq!(codes(&hot), [WarningCode::ConflictByText]);
    }

    #[test]
    fn crisis_by_text_for_async_crisis() {
        let mut i = item(Intent::Crisis);
        i.medium = ChosenMedium::Async;
        i.heat = Heat::High;
        assert_eq!(codes(&i), [WarningCode::CrisisByText]);
    }

    #[test]
    fn vague_agenda_for_missing_agenda_or_bare_title() {
        let mut i = item(Intent::Brainstorm);
        i.agenda = Agenda::default();
        assert_eq!(codes(&i), [WarningCode::VagueAgenda]);
        let mut bare = item(Intent::Rapport);
        bare.title = "Quick chat".into();
        assert_eq!(codes(&bare), [WarningCode::VagueAgenda]);
        let mut no_pre_read = item(Intent::Decision);
        no_pre_read.day = Day::Fri;
        no_pre_read.agenda.pre_read.clear();
        assert_eq!(codes(&no_pre_read), [WarningCode::VagueAgenda]);
        let mut war_room = item(Intent::Crisis);
        war_room.agenda = Agenda::parse("Checkout is down");
        assert!(codes(&war_room).is_empty());
        // An async item needs no agenda.
        let mut written = item(Intent::Status);
        written.agenda = Agenda::default();
        assert!(codes(&written).is_empty());
    }

    #[test]
    fn bare_titles_are_recognised() {
        for t in [
            "Chat",
            "sync",
            "Catch up",
            "quick  chat?",
            "  ",
            "Check-in",
            "Sync???????????????????????",
            "quick      catch      up",
        ] {
            assert!(is_bare_title(t), "{t:?}");
        }
        for t in ["Sync on Q3 roadmap", "Chat about hiring plan"] {
            assert!(!is_bare_title(t), "{t:?}");
        }
    }

    #[test]
    fn over_timebox_except_crisis() {
        let mut i = item(Intent::Conflict);
        i.minutes = 30;
        assert_eq!(codes(&i), [WarningCode::OverTimebox]);
        let mut war_room = item(Intent::Crisis);
        war_room.minutes = 120;
        assert!(codes(&war_room).is_empty());
    }

    #[test]
    fn late_brief_when_sync_is_under_a_day_away() {
        let mut i = item(Intent::Decision);
        i.day = Day::Mon; // Monday 09:00, one hour after now.
        assert_eq!(codes(&i), [WarningCode::LateBrief]);
        i.day = Day::Tue; // 25 hours away: in time.
        assert!(codes(&i).is_empty());
        i.day = Day::Mon;
        i.status = Status::Done;
        assert!(codes(&i).is_empty());
    }

    #[test]
    fn back_and_forth_after_three_bounces() {
        let mut i = item(Intent::Question);
        i.medium = ChosenMedium::Async;
        i.exchanges = 3;
        assert_eq!(codes(&i), [WarningCode::BackAndForth]);
        // Under auto, the engine already recommends the call instead of warning.
        i.medium = ChosenMedium::Auto;
        assert_eq!(rec(&i).medium, Medium::Sync);
        assert!(!rec(&i).has(WarningCode::BackAndForth));
    }

    #[test]
    fn every_code_has_a_distinct_one_sentence_message() {
        let mut messages: Vec<_> = WarningCode::ALL.iter().map(|c| c.message()).collect();
        for m in &messages {
            assert!(m.ends_with('.') && m.matches(". ").count() == 0, "{m}");
        }
        messages.dedup();
        assert_eq!(messages.len(), WarningCode::ALL.len());
    }
}
