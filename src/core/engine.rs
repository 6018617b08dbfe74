//! The recommendation engine: a pure function of an item and "now" that says which medium
//! fits the moment, why, and what the current choice signals when it does not fit. What it
//! knows per intent comes from the policy table ([`crate::core::policy`]).

use std::fmt;

use chrono::{NaiveDateTime, NaiveTime};
use serde::Serialize;

use crate::core::policy::{AgendaPart, default_rule};
pub use crate::core::title::is_bare_title;
use crate::core::{ChosenMedium, Heat, Inferred, Intent, Item, Medium, Settings, Status};

/// A thread that has bounced this many times should become a call.
pub const BOUNCE_LIMIT: u32 = 3;
// The reason text spells the limit out.
const _: () = assert!(BOUNCE_LIMIT == 3);
/// A brief goes out at least this many hours before its sync.
pub const BRIEF_LEAD_HOURS: i64 = 24;
// The reason text spells the lead out.
const _: () = assert!(BRIEF_LEAD_HOURS == 24);
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

    /// One sentence: what the choice signals to the people on the other side. For
    /// `vague-agenda` this is the sentence for an agenda that states nothing; a warning
    /// names the parts that are really missing ([`vague_agenda_message`]).
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
            WarningCode::VagueAgenda => vague_agenda_message(&[
                AgendaPart::Problem,
                AgendaPart::PreRead,
                AgendaPart::Outcome,
            ]),
            WarningCode::OverTimebox => {
                "Booking more than the timebox tells people the thinking is not done yet, and a long slot fills itself whether or not it needs to."
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

/// The `vague-agenda` sentence for the parts a sync lacks: what leaving them out signals.
pub fn vague_agenda_message(missing: &[AgendaPart]) -> &'static str {
    let lacks = |part| missing.contains(&part);
    match (
        lacks(AgendaPart::Problem),
        lacks(AgendaPart::PreRead),
        lacks(AgendaPart::Outcome),
    ) {
        (true, false, false) => {
            "An invite that does not say what it is about leaves the other side guessing why they were asked, and people tend to guess the worst."
        }
        (false, true, false) => {
            "Without a pre-read people arrive cold, and the meeting spends its minutes catching up instead of deciding."
        }
        (false, false, true) => {
            "Without a desired outcome nobody can tell when the meeting is done, so it drifts and ends without a result."
        }
        (true, true, false) => {
            "An invite with neither a problem nor a pre-read makes people guess why they are there and arrive unprepared."
        }
        (true, false, true) => {
            "An invite with neither a problem nor an outcome makes people guess why they are there and when it is over."
        }
        (false, true, true) => {
            "An invite with neither a pre-read nor an outcome makes people arrive unprepared and leave without a result."
        }
        // All three, or (never warned) none.
        _ => {
            "An invite without a problem, a pre-read or an outcome makes every attendee guess why they are there and prepare blind."
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
    /// The intent's timebox for the sync part of the recommended medium; `None` when the
    /// recommendation is async, and for a crisis (the war room has no timebox).
    pub timebox_minutes: Option<u32>,
    /// Why, in a few short reasons.
    pub reasons: Vec<Reason>,
    /// Where the chosen medium, agenda, length or timing does not fit.
    pub warnings: Vec<Warning>,
}

impl Recommendation {
    /// The reasons in words, in order.
    pub fn reason_texts(&self) -> Vec<String> {
        self.reasons.iter().map(Reason::to_string).collect()
    }

    /// Whether a warning with this code is present.
    pub fn has(&self, code: WarningCode) -> bool {
        self.warnings.iter().any(|w| w.code == code)
    }
}

/// Whether an item states one part of its agenda. A title that names a subject states
/// the problem; a bare "Quick chat" does not, unless the agenda's problem does.
pub fn states(item: &Item, part: AgendaPart) -> bool {
    let filled = |text: &str| !text.trim().is_empty();
    match part {
        AgendaPart::Problem => filled(&item.agenda.problem) || !is_bare_title(&item.title),
        AgendaPart::PreRead => filled(&item.agenda.pre_read),
        AgendaPart::Outcome => filled(&item.agenda.outcome),
    }
}

/// The agenda parts a sync of this item must state and does not, per its intent's row
/// (a crisis needs none: the war room starts now).
pub fn missing_parts(item: &Item) -> Vec<AgendaPart> {
    default_rule(item.intent)
        .requires
        .iter()
        .copied()
        .filter(|&part| !states(item, part))
        .collect()
}

/// Whether a sync's agenda states every part its intent's row requires.
pub fn agenda_is_complete(item: &Item) -> bool {
    missing_parts(item).is_empty()
}

/// What moved an item away from its intent's baseline medium, if anything did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// The written thread bounced [`BOUNCE_LIMIT`] times or more: a call.
    Bounced,
    /// High heat on something that would go in writing: a brief, then a live talk.
    HighHeat,
}

/// What moves an item's medium away from its baseline; `None` when the baseline holds.
pub fn movement(item: &Item) -> Option<Move> {
    if default_rule(item.intent).baseline != Medium::Async {
        return None;
    }
    if item.exchanges >= BOUNCE_LIMIT {
        Some(Move::Bounced)
    } else if item.heat == Heat::High {
        Some(Move::HighHeat)
    } else {
        None
    }
}

/// The medium the moment calls for, from the intent, heat and thread history alone.
pub fn recommended_medium(item: &Item) -> Medium {
    match movement(item) {
        Some(Move::Bounced) => Medium::Sync,
        Some(Move::HighHeat) => Medium::BriefThenSync,
        None => default_rule(item.intent).baseline,
    }
}

/// The medium an item will actually use: its chosen one, or the recommendation under `auto`.
pub fn effective_medium(item: &Item) -> Medium {
    item.medium
        .fixed()
        .unwrap_or_else(|| recommended_medium(item))
}

/// One reason behind a recommendation. It is put in words where it is shown (`Display`,
/// and as that text in JSON), so the engine formats nothing for items nobody reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The intent was read from the title: from which words, or that it is a guess.
    ReadFromTitle(Inferred),
    /// The intent's baseline medium holds, and why it fits the intent.
    Baseline(Intent),
    /// Something moved the medium away from the intent's baseline.
    Moved(Intent, Move),
    /// The brief of a brief-then-sync goes out well before the sync.
    BriefLead,
    /// The sync part's timebox for this intent, in minutes.
    Timebox(Intent, Medium, u32),
    /// A crisis: the war room runs as long as it must.
    NoTimebox,
}

impl Reason {
    /// The reason's words when they are fixed; `None` when they depend on the item.
    fn fixed_text(&self) -> Option<&'static str> {
        match self {
            Reason::Baseline(intent) => Some(baseline_reason(*intent)),
            Reason::BriefLead => Some(
                "Send the brief at least a day before the sync, three days if you can, so everyone arrives having read it.",
            ),
            Reason::NoTimebox => {
                Some("No timebox: the war room runs until the incident is under control.")
            }
            Reason::ReadFromTitle(_) | Reason::Moved(..) | Reason::Timebox(..) => None,
        }
    }
}

impl fmt::Display for Reason {
    /// The reason in the product's words.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(text) = self.fixed_text() {
            return f.write_str(text);
        }
        match self {
            Reason::ReadFromTitle(inferred) => f.write_str(&crate::core::infer::reason(inferred)),
            Reason::Moved(intent, Move::HighHeat) => write!(
                f,
                "{} would usually go in writing, but high heat changes that: put the facts in a short brief, then talk it through live.",
                written_subject(*intent)
            ),
            Reason::Moved(intent, Move::Bounced) => write!(
                f,
                "{} would usually go in writing, but the thread has gone back and forth three times or more: a call will settle it faster.",
                written_subject(*intent)
            ),
            Reason::Timebox(intent, medium, minutes) => {
                write_timebox_reason(f, *intent, *medium, *minutes)
            }
            Reason::Baseline(_) | Reason::BriefLead | Reason::NoTimebox => Ok(()),
        }
    }
}

impl Serialize for Reason {
    /// The reason's words, as one JSON string.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.fixed_text() {
            Some(text) => serializer.serialize_str(text),
            None => serializer.collect_str(self),
        }
    }
}

/// Why an intent's baseline medium fits it.
fn baseline_reason(intent: Intent) -> &'static str {
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

/// What an intent whose baseline is writing is, as the subject of a sentence.
fn written_subject(intent: Intent) -> &'static str {
    match intent {
        Intent::Status => "A progress report",
        Intent::Fyi => "Information to share",
        Intent::Decided => "A decision already made",
        Intent::Question => "A question",
        Intent::Review => "A request for comments",
        // Only async baselines are moved; these read well should that ever change.
        Intent::Decision => "A decision",
        Intent::Brainstorm => "An open problem",
        Intent::Conflict => "A disagreement",
        Intent::Feedback => "Feedback",
        Intent::Rapport => "A first conversation",
        Intent::Crisis => "An incident",
    }
}

/// How long the sync part should run, said the way that fits the conversation. None of
/// these send a live conversation back to writing: for feedback, a conflict or rapport
/// that would be exactly the mistake `conflict-by-text` warns about.
fn write_timebox_reason(
    f: &mut fmt::Formatter<'_>,
    intent: Intent,
    medium: Medium,
    minutes: u32,
) -> fmt::Result {
    match (intent, medium) {
        (Intent::Brainstorm, _) => write!(
            f,
            "Give it {minutes} minutes and leave with the outcome you named, not with more questions."
        ),
        (Intent::Conflict, _) => write!(
            f,
            "Book {minutes} minutes: enough to hear each side out, short enough to stay on the one question."
        ),
        (Intent::Feedback, _) => write!(
            f,
            "Book {minutes} minutes, one to one: time for the person to answer and ask, not a hearing."
        ),
        (Intent::Rapport, _) => write!(
            f,
            "{minutes} minutes with a stated purpose is enough to start a working relationship."
        ),
        (Intent::Decision, _) => write!(
            f,
            "Keep the sync to {minutes} minutes: if it cannot reach a decision by then, the brief needs more work."
        ),
        (_, Medium::Sync) => write!(
            f,
            "Keep the call to {minutes} minutes: settle what the thread could not, then write the answer down."
        ),
        _ => write!(
            f,
            "Keep the live part to {minutes} minutes: the brief carries the facts, the talk is for reactions and questions."
        ),
    }
}

/// The reasons for an item's recommended medium, in order: why the medium fits (or what
/// moved it), when the brief goes out, and how long the sync part runs.
pub fn reasons(item: &Item, settings: &Settings) -> Vec<Reason> {
    let mut reasons = Vec::with_capacity(3);
    each_reason(item, settings, |reason| reasons.push(reason));
    reasons
}

/// Gives the reasons behind an item's recommendation to `take`, in order.
fn each_reason(item: &Item, settings: &Settings, mut take: impl FnMut(Reason)) {
    let medium = recommended_medium(item);
    take(match movement(item) {
        Some(moved) => Reason::Moved(item.intent, moved),
        None => Reason::Baseline(item.intent),
    });
    if medium == Medium::BriefThenSync {
        take(Reason::BriefLead);
    }
    if medium.has_sync() {
        take(match settings.timebox(item.intent) {
            Some(minutes) => Reason::Timebox(item.intent, medium, minutes),
            None => Reason::NoTimebox,
        });
    }
}

/// The moment an item's sync starts: its slot when it has one, else the nominal hour of
/// its day.
pub fn sync_start(item: &Item) -> NaiveDateTime {
    let nominal = NaiveTime::from_hms_opt(NOMINAL_SYNC_HOUR, 0, 0).unwrap_or(NaiveTime::MIN);
    item.week
        .date(item.day)
        .and_time(item.at.unwrap_or(nominal))
}

/// Recommends a medium for an item at a local moment `now`, with reasons and warnings. When
/// the item's intent was read from its title, the first reason says from which words (or
/// that it is a guess).
pub fn recommend(item: &Item, now: NaiveDateTime, settings: &Settings) -> Recommendation {
    let medium = recommended_medium(item);
    let timebox_minutes = if medium.has_sync() {
        settings.timebox(item.intent)
    } else {
        None
    };
    // An intent read from the title comes first: the rest follows from it.
    let mut reasons = Vec::with_capacity(4);
    if let Some(inferred) = item
        .inferred
        .as_ref()
        .filter(|inferred| inferred.intent == item.intent)
    {
        reasons.push(Reason::ReadFromTitle(inferred.clone()));
    }
    each_reason(item, settings, |reason| reasons.push(reason));
    Recommendation {
        medium,
        timebox_minutes,
        reasons,
        warnings: warnings(item, medium, now, settings),
    }
}

fn warnings(
    item: &Item,
    recommended: Medium,
    now: NaiveDateTime,
    settings: &Settings,
) -> Vec<Warning> {
    use WarningCode::*;
    let mut found: Vec<Warning> = Vec::new();
    let effective = item.medium.fixed().unwrap_or(recommended);
    let chose_otherwise = item.medium != ChosenMedium::Auto && effective != recommended;

    // A meeting that should be a written update: its length and agenda are beside the point.
    let needless_meeting = recommended == Medium::Async && effective.has_sync();
    if needless_meeting {
        match item.intent {
            Intent::Status | Intent::Fyi | Intent::Decided => found.push(StatusMeeting.into()),
            Intent::Question => found.push(AnswerableInWriting.into()),
            _ => {}
        }
    }
    if chose_otherwise && effective == Medium::Async {
        if item.intent == Intent::Crisis {
            found.push(CrisisByText.into());
        } else if matches!(item.intent, Intent::Feedback | Intent::Conflict)
            || item.heat == Heat::High
        {
            found.push(ConflictByText.into());
        }
    }
    let judged_as_a_sync =
        effective.has_sync() && !found.iter().any(|w| w.code.is_medium_mismatch());
    if judged_as_a_sync {
        let missing = missing_parts(item);
        if !missing.is_empty() {
            found.push(Warning {
                code: VagueAgenda,
                message: vague_agenda_message(&missing),
            });
        }
        if settings
            .timebox(item.intent)
            .is_some_and(|timebox| item.minutes > timebox)
        {
            found.push(OverTimebox.into());
        }
    }
    if effective == Medium::BriefThenSync && item.status == Status::Open {
        let until_sync = sync_start(item) - now;
        if until_sync > chrono::Duration::zero()
            && until_sync < chrono::Duration::hours(BRIEF_LEAD_HOURS)
        {
            found.push(LateBrief.into());
        }
    }
    if effective == Medium::Async && item.exchanges >= BOUNCE_LIMIT {
        found.push(BackAndForth.into());
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

    /// A well-prepared item of this intent: a real title, a full agenda, 15 minutes, on
    /// Thursday (well after Monday morning), under auto.
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

    fn message(item: &Item, code: WarningCode) -> &'static str {
        rec(item)
            .warnings
            .iter()
            .find(|w| w.code == code)
            .map(|w| w.message)
            .unwrap_or_default()
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
            // A well-prepared item of any intent, on the recommended medium, is clean.
            assert!(r.warnings.is_empty(), "{intent}: {:?}", r.warnings);
        }
    }

    #[test]
    fn high_heat_moves_async_to_brief_then_sync_and_says_so() {
        for intent in [
            Intent::Status,
            Intent::Fyi,
            Intent::Decided,
            Intent::Question,
            Intent::Review,
        ] {
            let mut i = item(intent);
            i.heat = Heat::High;
            let r = rec(&i);
            assert_eq!(r.medium, Medium::BriefThenSync, "{intent}");
            assert!(r.reason_texts()[0].contains("high heat"), "{:?}", r.reasons);
            assert!(r.reason_texts().iter().any(|r| r.contains("brief")));
        }
        let mut conflict = item(Intent::Conflict);
        conflict.heat = Heat::High;
        assert_eq!(rec(&conflict).medium, Medium::Sync);
        assert!(!rec(&conflict).reason_texts()[0].contains("heat"));
    }

    #[test]
    fn a_bounced_thread_becomes_a_call_and_says_so() {
        let mut i = item(Intent::Question);
        i.exchanges = BOUNCE_LIMIT;
        i.heat = Heat::High;
        let r = rec(&i);
        assert_eq!(r.medium, Medium::Sync);
        assert!(
            r.reason_texts()[0].contains("back and forth"),
            "{:?}",
            r.reasons
        );
        assert!(r.reason_texts()[1].contains("call"), "{:?}", r.reasons);
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    }

    #[test]
    fn the_timebox_is_the_intents() {
        assert_eq!(rec(&item(Intent::Feedback)).timebox_minutes, Some(30));
        assert_eq!(rec(&item(Intent::Rapport)).timebox_minutes, Some(30));
        assert_eq!(rec(&item(Intent::Brainstorm)).timebox_minutes, Some(30));
        assert_eq!(rec(&item(Intent::Decision)).timebox_minutes, Some(15));
        assert_eq!(rec(&item(Intent::Crisis)).timebox_minutes, None);
        assert_eq!(rec(&item(Intent::Status)).timebox_minutes, None);
        let mut settings = Settings::default();
        crate::core::settings::set(&mut settings, "timebox.feedback", "45").unwrap();
        let r = recommend(&item(Intent::Feedback), monday_morning(), &settings);
        assert_eq!(r.timebox_minutes, Some(45));
        assert!(
            r.reason_texts().iter().any(|r| r.contains("45 minutes")),
            "{r:?}"
        );
    }

    #[test]
    fn live_conversations_are_never_sent_back_to_writing() {
        for intent in [
            Intent::Brainstorm,
            Intent::Conflict,
            Intent::Feedback,
            Intent::Rapport,
            Intent::Crisis,
        ] {
            for reason in rec(&item(intent)).reason_texts() {
                assert!(!reason.contains("writing"), "{intent}: {reason}");
            }
        }
    }

    #[test]
    fn status_meeting_for_sync_on_transmission() {
        for intent in [Intent::Status, Intent::Fyi, Intent::Decided] {
            let mut i = item(intent);
            i.medium = ChosenMedium::Sync;
            assert_eq!(codes(&i), [WarningCode::StatusMeeting], "{intent}");
            // A meeting that should not exist is not also told it is long or vague.
            i.minutes = 60;
            i.title = "Sync".into();
            i.agenda = Agenda::default();
            assert_eq!(codes(&i), [WarningCode::StatusMeeting], "{intent}");
        }
        // Heat calls for a live part: choosing a plain sync then is no status meeting.
        let mut hot = item(Intent::Status);
        hot.heat = Heat::High;
        hot.medium = ChosenMedium::Sync;
        assert!(codes(&hot).is_empty());
    }

    #[test]
    fn answerable_in_writing_for_sync_question() {
        let mut i = item(Intent::Question);
        i.medium = ChosenMedium::Sync;
        assert_eq!(codes(&i), [WarningCode::AnswerableInWriting]);
        // A sync review is a choice the policy leaves to the user.
        let mut review = item(Intent::Review);
        review.medium = ChosenMedium::Sync;
        assert!(codes(&review).is_empty());
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
        // Writing down a brainstorm or an intro is no avoidance.
        for intent in [Intent::Brainstorm, Intent::Rapport, Intent::Decision] {
            let mut i = item(intent);
            i.medium = ChosenMedium::Async;
            assert!(codes(&i).is_empty(), "{intent}");
        }
    }

    #[test]
    fn crisis_by_text_for_async_crisis() {
        let mut i = item(Intent::Crisis);
        i.medium = ChosenMedium::Async;
        i.heat = Heat::High;
        assert_eq!(codes(&i), [WarningCode::CrisisByText]);
    }

    #[test]
    fn vague_agenda_only_for_a_part_the_intent_requires() {
        // Feedback and rapport need their problem only, and a real title states it.
        for intent in [Intent::Feedback, Intent::Rapport] {
            let mut i = item(intent);
            i.agenda = Agenda::default();
            assert!(codes(&i).is_empty(), "{intent}");
            i.title = "Quick chat".into();
            assert_eq!(codes(&i), [WarningCode::VagueAgenda], "{intent}");
            assert!(message(&i, WarningCode::VagueAgenda).contains("what it is about"));
            // The agenda's problem rescues a bare title.
            i.agenda.problem = "How the first month went".into();
            assert!(codes(&i).is_empty(), "{intent}");
        }
        // A brainstorm or a conflict also needs its outcome.
        for intent in [Intent::Brainstorm, Intent::Conflict] {
            let mut i = item(intent);
            i.agenda.pre_read.clear();
            assert!(codes(&i).is_empty(), "{intent}");
            i.agenda.outcome.clear();
            assert_eq!(codes(&i), [WarningCode::VagueAgenda], "{intent}");
            assert!(message(&i, WarningCode::VagueAgenda).contains("desired outcome"));
        }
        // A decision needs all three.
        let mut no_pre_read = item(Intent::Decision);
        no_pre_read.agenda.pre_read.clear();
        assert_eq!(codes(&no_pre_read), [WarningCode::VagueAgenda]);
        assert!(message(&no_pre_read, WarningCode::VagueAgenda).contains("pre-read"));
        let mut bare = item(Intent::Decision);
        bare.title = "Sync".into();
        bare.agenda = Agenda::default();
        assert_eq!(
            message(&bare, WarningCode::VagueAgenda),
            WarningCode::VagueAgenda.message()
        );
        // A crisis needs nothing: the war room starts now.
        let mut war_room = item(Intent::Crisis);
        war_room.title = "Call".into();
        war_room.agenda = Agenda::default();
        assert!(codes(&war_room).is_empty());
        // An async item needs no agenda.
        let mut written = item(Intent::Status);
        written.title = "Sync".into();
        written.agenda = Agenda::default();
        assert!(codes(&written).is_empty());
    }

    #[test]
    fn every_missing_combination_has_its_own_sentence() {
        use AgendaPart::*;
        let combos: [&[AgendaPart]; 7] = [
            &[Problem],
            &[PreRead],
            &[Outcome],
            &[Problem, PreRead],
            &[Problem, Outcome],
            &[PreRead, Outcome],
            &[Problem, PreRead, Outcome],
        ];
        let mut messages: Vec<&str> = combos.iter().map(|c| vague_agenda_message(c)).collect();
        for m in &messages {
            assert!(m.ends_with('.') && m.matches(". ").count() == 0, "{m}");
        }
        messages.sort_unstable();
        messages.dedup();
        assert_eq!(messages.len(), combos.len());
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
            "1:1",
        ] {
            assert!(is_bare_title(t), "{t:?}");
        }
        for t in [
            "Sync on Q3 roadmap",
            "Chat about hiring plan",
            "1:1 Alex / Jordan",
        ] {
            assert!(!is_bare_title(t), "{t:?}");
        }
    }

    #[test]
    fn over_timebox_against_the_intents_timebox_except_crisis() {
        // A 30-minute 1:1 for feedback or rapport is normal.
        for intent in [
            Intent::Feedback,
            Intent::Rapport,
            Intent::Conflict,
            Intent::Brainstorm,
        ] {
            let mut i = item(intent);
            i.minutes = 30;
            assert!(codes(&i).is_empty(), "{intent}");
            i.minutes = 31;
            assert_eq!(codes(&i), [WarningCode::OverTimebox], "{intent}");
        }
        let mut decision = item(Intent::Decision);
        decision.minutes = 30;
        assert_eq!(codes(&decision), [WarningCode::OverTimebox]);
        let mut war_room = item(Intent::Crisis);
        war_room.minutes = 240;
        assert!(codes(&war_room).is_empty());
        // The user's timebox is the one that counts.
        let mut settings = Settings::default();
        crate::core::settings::set(&mut settings, "timebox.decision", "30").unwrap();
        let r = recommend(&decision, monday_morning(), &settings);
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    }

    #[test]
    fn late_brief_when_sync_is_under_a_day_away() {
        let mut i = item(Intent::Decision);
        i.day = Day::Mon; // Monday 09:00, one hour after now.
        assert_eq!(codes(&i), [WarningCode::LateBrief]);
        i.day = Day::Tue; // 25 hours away: in time.
        assert!(codes(&i).is_empty());
        // The real slot counts: Tuesday 07:30 is under a day from Monday 08:00, 09:30 is not.
        i.at = chrono::NaiveTime::from_hms_opt(7, 30, 0);
        assert_eq!(codes(&i), [WarningCode::LateBrief]);
        i.at = chrono::NaiveTime::from_hms_opt(9, 30, 0);
        assert!(codes(&i).is_empty());
        i.at = None;
        i.day = Day::Mon;
        i.status = Status::Done;
        assert!(codes(&i).is_empty());
        // A plain sync has no brief to be late.
        i.status = Status::Open;
        i.intent = Intent::Brainstorm;
        assert!(codes(&i).is_empty());
    }

    #[test]
    fn back_and_forth_after_three_bounces() {
        let mut i = item(Intent::Question);
        i.medium = ChosenMedium::Async;
        i.exchanges = 3;
        assert_eq!(codes(&i), [WarningCode::BackAndForth]);
        i.exchanges = 2;
        assert!(codes(&i).is_empty());
        // Under auto, the engine already recommends the call instead of warning.
        i.exchanges = 3;
        i.medium = ChosenMedium::Auto;
        assert_eq!(rec(&i).medium, Medium::Sync);
        assert!(codes(&i).is_empty());
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

    #[test]
    fn an_inferred_intent_is_the_first_reason_and_only_while_it_holds() {
        let mut read = item(Intent::Feedback);
        read.inferred = Some(crate::core::Inferred {
            intent: Intent::Feedback,
            words: vec!["feedback\u{1b}[2J".into()],
        });
        let reasons = rec(&read).reason_texts();
        assert!(reasons[0].contains("word 'feedback';"), "{reasons:?}");
        assert!(!reasons[0].contains('\u{1b}'));
        assert_eq!(
            reasons.len(),
            rec(&item(Intent::Feedback)).reasons.len() + 1
        );
        // An inference that no longer matches the intent is not repeated as a reason.
        read.intent = Intent::Conflict;
        assert_eq!(rec(&read).reasons, rec(&item(Intent::Conflict)).reasons);
    }
}
