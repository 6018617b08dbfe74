//! Slots for the week's syncs: a start for each open sync in free working time, around
//! the calendar's meetings, keeping each day's focus block and its red line.
//!
//! The rules, in order of strength:
//! - a slot lies inside the working hours (`hours`) of a working day of the item's week,
//!   starts on the [`GRID`] counted from the start of the working day, and not before now;
//! - it overlaps no meeting of the week and no other slot (pinned or proposed);
//! - every day keeps one free stretch of at least `focus_minutes` inside its hours;
//! - a brief-then-sync starts no earlier than [`BRIEF_LEAD_HOURS`] from now;
//! - the item's own day first, then the nearest working day of the same week (the earlier
//!   one on a tie); a day is only pushed over the red line when no working day of the
//!   week has room under it.
//!
//! Greedy placement in that order is tried first; when it leaves an item out, a bounded
//! search looks for an arrangement that places every item, so an item is only reported
//! as impossible when no slot is left for it (and, on small weeks, when no arrangement
//! places them all). Nothing is ever moved to another week.

use chrono::{Duration, NaiveDateTime, NaiveTime};
use serde::Serialize;

use crate::core::budget::plan_budget;
use crate::core::engine::{BRIEF_LEAD_HOURS, effective_medium, recommended_medium};
use crate::core::slot::{minute_of_day, time_at};
use crate::core::week::{Day, IsoWeek};
use crate::core::{Item, Medium, Plan, Settings, Status};

/// Slots start on this grid, in minutes from the start of the working day.
pub const GRID: u32 = 15;

/// How many partial arrangements the search for a full placement may try.
const SEARCH_LIMIT: usize = 20_000;

const DAY_MINUTES: u32 = 24 * 60;

/// Why a sync went to another day than its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MoveReason {
    /// Its day is not a working day.
    NotWorkingDay,
    /// Its day has no free slot that keeps the focus block.
    NoRoom,
    /// Its day would go over the red line while another day has room.
    RedLine,
    /// Its day is past, or too close for the pre-read to go out a day before.
    TooSoon,
}

impl MoveReason {
    /// A few words for the CLI line.
    pub fn text(self) -> &'static str {
        match self {
            MoveReason::NotWorkingDay => "not a working day",
            MoveReason::NoRoom => "no room",
            MoveReason::RedLine => "the day would cross its red line",
            MoveReason::TooSoon => "too soon",
        }
    }
}

/// Why a sync has no slot this week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "reason")]
pub enum Unplaced {
    /// Longer than a working day less its focus block.
    LongerThanDay,
    /// Every working day of the week is past.
    WeekOver,
    /// The only free slots are less than a day away, too soon for the pre-read.
    TooSoonForBrief,
    /// No working day has a free slot that keeps its focus block.
    NoFreeSlot { over_budget: bool },
}

impl Unplaced {
    /// A sentence for the CLI line.
    pub fn text(self) -> &'static str {
        match self {
            Unplaced::LongerThanDay => {
                "longer than a working day once the focus block is kept; shorten it"
            }
            Unplaced::WeekOver => "the week's working days are over; carry it to next week",
            Unplaced::TooSoonForBrief => {
                "every free slot is less than a day away, too soon for the pre-read to go out"
            }
            Unplaced::NoFreeSlot { over_budget: true } => {
                "no free slot, and the week is over its sync budget: drop or write something"
            }
            Unplaced::NoFreeSlot { over_budget: false } => {
                "no free slot keeps every day's focus block; shorten it or free a meeting"
            }
        }
    }
}

/// Where a sync goes, or why it cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "outcome")]
pub enum Outcome {
    Placed {
        day: Day,
        #[serde(with = "hhmm")]
        at: NaiveTime,
        /// Why it left its own day, when it did.
        #[serde(skip_serializing_if = "Option::is_none")]
        moved: Option<MoveReason>,
    },
    Unplaced(Unplaced),
}

/// The proposal for one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Proposal {
    pub id: u32,
    pub title: String,
    /// The item's own day.
    pub day: Day,
    pub minutes: u32,
    /// Whether the engine would have it written instead: it gets a slot because the user
    /// chose a sync, and says so.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub against_advice: bool,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// The proposals for a week, one per open sync without a pinned start, in the order they
/// were placed (by day, then id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Schedule {
    pub week: IsoWeek,
    pub proposals: Vec<Proposal>,
}

impl Schedule {
    /// The proposals that found a slot: id, day and start.
    pub fn placed(&self) -> impl Iterator<Item = (u32, Day, NaiveTime)> + '_ {
        self.proposals.iter().filter_map(|p| match p.outcome {
            Outcome::Placed { day, at, .. } => Some((p.id, day, at)),
            Outcome::Unplaced(_) => None,
        })
    }
}

mod hhmm {
    use chrono::NaiveTime;
    use serde::Serializer;

    pub fn serialize<S: Serializer>(at: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::core::slot::format_time(*at))
    }
}

/// Whether `schedule` gives this item a slot: open, of `week`, a sync or a brief then a
/// sync, without a start the user pinned.
pub fn wants_slot(item: &Item, week: IsoWeek) -> bool {
    item.week == week
        && item.status == Status::Open
        && effective_medium(item).has_sync()
        && !item.at_pinned
}

/// A minute interval `[start, end)` within one day.
type Span = (u32, u32);

/// What one day of the week holds while slots are placed.
#[derive(Debug, Clone)]
struct DayState {
    working: bool,
    busy: Vec<Span>,
    sync_minutes: u32,
    /// The first minute a slot may start (now, or the end of the day when it is past).
    earliest: u32,
    /// The same for a brief-then-sync (now plus the brief's lead).
    earliest_brief: u32,
}

/// What is to be placed.
#[derive(Debug, Clone, Copy)]
struct Want {
    day: usize,
    minutes: u32,
    brief: bool,
    /// The slot an earlier run gave it, if any.
    kept: Option<Candidate>,
}

/// A possible slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Candidate {
    day: usize,
    start: u32,
}

/// What relaxations a slot search allows, to tell why a day was refused.
#[derive(Debug, Clone, Copy, Default)]
struct Relax {
    red_line: bool,
    earliest: bool,
}

struct Week<'a> {
    settings: &'a Settings,
    days: Vec<DayState>,
}

/// The minute of the day a moment falls in, rounded up to the next whole minute.
fn ceil_minute(time: NaiveTime) -> u32 {
    use chrono::Timelike;
    minute_of_day(time) + u32::from(time.second() > 0 || time.nanosecond() > 0)
}

fn earliest_minute(date: chrono::NaiveDate, moment: NaiveDateTime) -> u32 {
    match date.cmp(&moment.date()) {
        std::cmp::Ordering::Less => DAY_MINUTES,
        std::cmp::Ordering::Equal => ceil_minute(moment.time()),
        std::cmp::Ordering::Greater => 0,
    }
}

/// Minutes of `[start, end)` (a local moment span) that fall on `date`.
fn span_on(date: chrono::NaiveDate, start: NaiveDateTime, end: NaiveDateTime) -> Option<Span> {
    let day_start = date.and_time(NaiveTime::MIN);
    let day_end = day_start + Duration::days(1);
    if end <= day_start || start >= day_end || end <= start {
        return None;
    }
    let s = if start <= day_start {
        0
    } else {
        minute_of_day(start.time())
    };
    let e = if end >= day_end {
        DAY_MINUTES
    } else {
        ceil_minute(end.time())
    };
    (e > s).then_some((s, e))
}

impl<'a> Week<'a> {
    fn new(plan: &'a Plan, week: IsoWeek, now: NaiveDateTime) -> Week<'a> {
        let settings = &plan.settings;
        let lead = now + Duration::hours(BRIEF_LEAD_HOURS);
        let mut days: Vec<DayState> = Day::ALL
            .iter()
            .map(|&day| {
                let date = week.date(day);
                DayState {
                    working: settings.working_days.contains(&day),
                    busy: Vec::new(),
                    sync_minutes: 0,
                    earliest: earliest_minute(date, now),
                    earliest_brief: earliest_minute(date, lead),
                }
            })
            .collect();
        for m in &plan.meetings {
            for (i, &day) in Day::ALL.iter().enumerate() {
                if let Some(span) =
                    span_on(week.date(day), m.start.naive_local(), m.end.naive_local())
                {
                    days[i].busy.push(span);
                    days[i].sync_minutes += span.1 - span.0;
                }
            }
        }
        for item in &plan.items {
            let fixed = item.week == week
                && item.status == Status::Open
                && item.at_pinned
                && effective_medium(item).has_sync();
            if let (true, Some(at)) = (fixed, item.at) {
                let start = week.date(item.day).and_time(at);
                let end = start + Duration::minutes(i64::from(item.minutes));
                for (i, &day) in Day::ALL.iter().enumerate() {
                    if let Some(span) = span_on(week.date(day), start, end) {
                        days[i].busy.push(span);
                        days[i].sync_minutes += span.1 - span.0;
                    }
                }
            }
        }
        Week { settings, days }
    }

    fn hours(&self) -> Span {
        self.settings.hours.minutes()
    }

    /// Whether `[s, e)` on day `d` is free and leaves the day its focus block.
    fn fits(&self, d: usize, (s, e): Span) -> bool {
        let day = &self.days[d];
        if day.busy.iter().any(|&(bs, be)| bs < e && s < be) {
            return false;
        }
        longest_free(&day.busy, Some((s, e)), self.hours()) >= self.settings.focus_minutes
    }

    /// The slots for `want` on day `d`, earliest first.
    fn starts(&self, want: &Want, d: usize, relax: Relax) -> Vec<Candidate> {
        let day = &self.days[d];
        let (hs, he) = self.hours();
        if !day.working {
            return Vec::new();
        }
        if !relax.red_line && day.sync_minutes + want.minutes > self.settings.red_line_minutes {
            return Vec::new();
        }
        let earliest = match (relax.earliest, want.brief) {
            (true, _) => 0,
            (false, true) => day.earliest_brief.max(day.earliest),
            (false, false) => day.earliest,
        };
        let mut start = hs;
        if earliest > hs {
            start = hs + (earliest - hs).div_ceil(GRID) * GRID;
        }
        let mut found = Vec::new();
        while start + want.minutes <= he {
            if self.fits(d, (start, start + want.minutes)) {
                found.push(Candidate { day: d, start });
            }
            start += GRID;
        }
        found
    }

    /// Every slot for `want`, in the order the rules prefer: the slot an earlier run gave
    /// it while every rule still holds there, then its own day, then the nearest days;
    /// under the red line before over it. So a second run moves nothing that still fits,
    /// and invites already sent stay true.
    fn candidates(&self, want: &Want) -> Vec<Candidate> {
        let order = day_order(want.day);
        let mut all = Vec::new();
        for red_line in [false, true] {
            for &d in &order {
                let relax = Relax {
                    red_line,
                    earliest: false,
                };
                let starts = self.starts(want, d, relax);
                if red_line {
                    // Already listed under the red line.
                    all.extend(starts.into_iter().filter(|c| {
                        self.days[c.day].sync_minutes + want.minutes
                            > self.settings.red_line_minutes
                    }));
                } else {
                    all.extend(starts);
                }
            }
            if !red_line
                && let Some(at) = want
                    .kept
                    .and_then(|kept| all.iter().position(|&c| c == kept))
            {
                all[..=at].rotate_right(1);
            }
        }
        all
    }

    fn place(&mut self, want: &Want, c: Candidate) {
        let day = &mut self.days[c.day];
        day.busy.push((c.start, c.start + want.minutes));
        day.sync_minutes += want.minutes;
    }

    fn unplace(&mut self, want: &Want, c: Candidate) {
        let day = &mut self.days[c.day];
        if let Some(i) = day
            .busy
            .iter()
            .rposition(|&b| b == (c.start, c.start + want.minutes))
        {
            day.busy.remove(i);
        }
        day.sync_minutes -= want.minutes;
    }

    /// Why `want` could not stay on its own day.
    fn why_moved(&self, want: &Want) -> MoveReason {
        let d = want.day;
        if !self.days[d].working {
            return MoveReason::NotWorkingDay;
        }
        let strict = self.starts(want, d, Relax::default());
        if !strict.is_empty() {
            // Room, but another arrangement needed it elsewhere.
            return MoveReason::NoRoom;
        }
        if !self
            .starts(
                want,
                d,
                Relax {
                    red_line: true,
                    earliest: false,
                },
            )
            .is_empty()
        {
            return MoveReason::RedLine;
        }
        if !self
            .starts(
                want,
                d,
                Relax {
                    red_line: true,
                    earliest: true,
                },
            )
            .is_empty()
        {
            return MoveReason::TooSoon;
        }
        MoveReason::NoRoom
    }

    /// Why `want` found no slot.
    fn why_unplaced(&self, want: &Want, over_budget: bool) -> Unplaced {
        let (hs, he) = self.hours();
        if want.minutes + self.settings.focus_minutes > he - hs {
            return Unplaced::LongerThanDay;
        }
        let any_left = self
            .days
            .iter()
            .any(|d| d.working && d.earliest < he && hs.max(d.earliest) + want.minutes <= he);
        if !any_left {
            return Unplaced::WeekOver;
        }
        let relaxed = Want {
            brief: false,
            ..*want
        };
        if want.brief
            && (0..7).any(|d| {
                !self
                    .starts(
                        &relaxed,
                        d,
                        Relax {
                            red_line: true,
                            earliest: false,
                        },
                    )
                    .is_empty()
            })
        {
            return Unplaced::TooSoonForBrief;
        }
        Unplaced::NoFreeSlot { over_budget }
    }

    /// Places every want it can, greedily: first each want on the slot an earlier run gave
    /// it, where every rule still holds (so a sync placed for the first time, or moved, does
    /// not take it), those under the red line before those over it; then each of the
    /// others on its first candidate.
    fn greedy(&mut self, wants: &[Want]) -> Vec<Option<Candidate>> {
        let mut slots: Vec<Option<Candidate>> = vec![None; wants.len()];
        for over_red_line in [false, true] {
            for (w, slot) in wants.iter().zip(&mut slots) {
                let Some(kept) = w
                    .kept
                    .filter(|&k| slot.is_none() && self.keeps(w, k, over_red_line))
                else {
                    continue;
                };
                self.place(w, kept);
                *slot = Some(kept);
            }
        }
        for (w, slot) in wants.iter().zip(&mut slots) {
            if slot.is_none() {
                *slot = self.candidates(w).into_iter().next();
                if let Some(c) = *slot {
                    self.place(w, c);
                }
            }
        }
        slots
    }

    /// Whether `want` stays on `kept`, the slot an earlier run gave it: every rule holds
    /// there, under the red line; or, `over_red_line`, over it when no day has room for
    /// `want` under the line.
    fn keeps(&self, want: &Want, kept: Candidate, over_red_line: bool) -> bool {
        let on = |red_line| {
            self.starts(
                want,
                kept.day,
                Relax {
                    red_line,
                    earliest: false,
                },
            )
            .contains(&kept)
        };
        if !over_red_line {
            return on(false);
        }
        on(true) && (0..self.days.len()).all(|d| self.starts(want, d, Relax::default()).is_empty())
    }

    /// Looks for an arrangement placing every want, in preference order; `None` when
    /// there is none or the search ran out of tries.
    fn search(&mut self, wants: &[Want], tries: &mut usize, chosen: &mut Vec<Candidate>) -> bool {
        let Some(want) = wants.get(chosen.len()) else {
            return true;
        };
        for c in self.candidates(want) {
            if *tries == 0 {
                return false;
            }
            *tries -= 1;
            self.place(want, c);
            chosen.push(c);
            if self.search(wants, tries, chosen) {
                return true;
            }
            chosen.pop();
            self.unplace(want, c);
        }
        false
    }
}

/// The longest free stretch inside the working hours, with `extra` taken as busy too.
fn longest_free(busy: &[Span], extra: Option<Span>, (hs, he): Span) -> u32 {
    let mut spans: Vec<Span> = busy
        .iter()
        .copied()
        .chain(extra)
        .map(|(s, e)| (s.max(hs), e.min(he)))
        .filter(|(s, e)| s < e)
        .collect();
    spans.sort_unstable();
    let mut longest = 0;
    let mut cursor = hs;
    for (s, e) in spans {
        if s > cursor {
            longest = longest.max(s - cursor);
        }
        cursor = cursor.max(e);
    }
    longest.max(he.saturating_sub(cursor))
}

/// The days of the week from `day` outwards: itself, then one before and one after, two
/// before and two after…, the earlier first on a tie.
fn day_order(day: usize) -> Vec<usize> {
    let mut order = vec![day];
    for distance in 1..7 {
        if let Some(before) = day.checked_sub(distance) {
            order.push(before);
        }
        if day + distance < 7 {
            order.push(day + distance);
        }
    }
    order
}

/// Proposes a start for every open sync of `week` without a pinned one (see the module's
/// rules), at the local moment `now`. Pure: the plan is not changed.
pub fn schedule(plan: &Plan, week: IsoWeek, now: NaiveDateTime) -> Schedule {
    let mut items: Vec<&Item> = plan.items.iter().filter(|i| wants_slot(i, week)).collect();
    items.sort_by_key(|i| (i.day, i.id));
    let wants: Vec<Want> = items
        .iter()
        .map(|i| Want {
            day: i.day.index(),
            minutes: i.minutes,
            brief: effective_medium(i) == Medium::BriefThenSync,
            kept: i.at.map(|at| Candidate {
                day: i.day.index(),
                start: minute_of_day(at),
            }),
        })
        .collect();
    let mut state = Week::new(plan, week, now);
    let base = state.days.clone();
    let mut slots = state.greedy(&wants);
    if slots.iter().any(Option::is_none) {
        let mut search = Week {
            settings: state.settings,
            days: base,
        };
        // The wants the greedy pass left on their kept slots are searched first, so the
        // first arrangement found keeps them where one around them places everything.
        let mut order: Vec<usize> = (0..wants.len()).collect();
        order.sort_by_key(|&i| !(wants[i].kept.is_some() && slots[i] == wants[i].kept));
        let ordered: Vec<Want> = order.iter().map(|&i| wants[i]).collect();
        let mut chosen = Vec::new();
        let mut tries = SEARCH_LIMIT;
        if search.search(&ordered, &mut tries, &mut chosen) {
            for (&i, c) in order.iter().zip(chosen) {
                slots[i] = Some(c);
            }
            state = search;
        }
    }
    let budget = plan_budget(plan, week);
    let over_budget = budget.sync_minutes > budget.budget_minutes;
    let proposals = items
        .iter()
        .zip(&wants)
        .zip(&slots)
        .map(|((item, want), slot)| {
            let outcome = match slot {
                Some(c) => {
                    // Judge its own day as if this item were not placed.
                    let moved = (c.day != want.day).then(|| {
                        state.unplace(want, *c);
                        let why = state.why_moved(want);
                        state.place(want, *c);
                        why
                    });
                    Outcome::Placed {
                        day: Day::ALL[c.day],
                        at: time_at(c.start),
                        moved,
                    }
                }
                None => Outcome::Unplaced(state.why_unplaced(want, over_budget)),
            };
            Proposal {
                id: item.id,
                title: item.title.clone(),
                day: item.day,
                minutes: item.minutes,
                against_advice: recommended_medium(item) == Medium::Async,
                outcome,
            }
        })
        .collect();
    Schedule { week, proposals }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_free_counts_gaps_inside_the_hours() {
        assert_eq!(longest_free(&[], None, (540, 1020)), 480);
        assert_eq!(
            longest_free(&[(600, 660)], Some((0, 550)), (540, 1020)),
            360
        );
        assert_eq!(longest_free(&[(540, 1020)], None, (540, 1020)), 0);
    }

    #[test]
    fn days_are_tried_outwards_earlier_first() {
        assert_eq!(day_order(2), [2, 1, 3, 0, 4, 5, 6]);
        assert_eq!(day_order(0), [0, 1, 2, 3, 4, 5, 6]);
        assert_eq!(day_order(6), [6, 5, 4, 3, 2, 1, 0]);
    }
}
