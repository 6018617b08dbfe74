//! The schedule: a unit test per rule, properties on random weeks (no overlap, the focus
//! block kept, inside working hours on working days), a brute force on small weeks that
//! finds no placement the schedule called impossible, and the CLI.

mod common;

use chrono::{Duration, FixedOffset, NaiveDateTime, NaiveTime, TimeZone, Utc};
use proptest::prelude::*;
use syncwise::core::schedule::{GRID, MoveReason, Outcome, Schedule, Unplaced, schedule};
use syncwise::core::slot::WorkingHours;
use syncwise::core::week::{Day, IsoWeek};
use syncwise::core::{ChosenMedium, Item, Meeting, Plan, Status};

fn week() -> IsoWeek {
    "2026-W48".parse().unwrap()
}

/// Local moment on `day` of the week at `hh:mm`.
fn at(day: Day, hh: u32, mm: u32) -> NaiveDateTime {
    week()
        .date(day)
        .and_time(NaiveTime::from_hms_opt(hh, mm, 0).unwrap())
}

/// Monday 08:00, before the week's working hours.
fn monday() -> NaiveDateTime {
    at(Day::Mon, 8, 0)
}

fn meeting(day: Day, start: u32, minutes: u32) -> Meeting {
    let utc = FixedOffset::east_opt(0).unwrap();
    let s = utc
        .from_local_datetime(&at(day, start / 60, start % 60))
        .unwrap();
    Meeting {
        key: format!("m{day}{start}"),
        uid: format!("m{day}{start}"),
        title: "Busy".into(),
        start: s,
        end: s + Duration::minutes(i64::from(minutes)),
        minutes,
        attendees: 3,
        recurring: false,
        week: week(),
        day,
        flags: Vec::new(),
        calendar: None,
    }
}

fn sync(plan: &mut Plan, day: Day, minutes: u32, medium: ChosenMedium) -> u32 {
    let now = Utc.with_ymd_and_hms(2026, 11, 20, 8, 0, 0).unwrap();
    let mut item = Item::new(0, "Sync", week(), day, now);
    item.minutes = minutes;
    item.medium = medium;
    plan.add(item)
}

fn outcome(s: &Schedule, id: u32) -> Outcome {
    s.proposals.iter().find(|p| p.id == id).unwrap().outcome
}

fn placed(day: Day, hh: u32, mm: u32, moved: Option<MoveReason>) -> Outcome {
    Outcome::Placed {
        day,
        at: NaiveTime::from_hms_opt(hh, mm, 0).unwrap(),
        moved,
    }
}

#[test]
fn a_sync_goes_to_the_first_free_slot_of_its_day_around_meetings() {
    let mut plan = Plan::default();
    plan.meetings.push(meeting(Day::Tue, 9 * 60, 60));
    let id = sync(&mut plan, Day::Tue, 30, ChosenMedium::Sync);
    let s = schedule(&plan, week(), monday());
    assert_eq!(outcome(&s, id), placed(Day::Tue, 10, 0, None));
}

#[test]
fn the_focus_block_stays_free() {
    let mut plan = Plan::default();
    plan.settings.hours = "09:00-13:00".parse::<WorkingHours>().unwrap();
    // 10:00-11:00 busy: free stretches 09:00-10:00 and 11:00-13:00 (the focus block).
    plan.meetings.push(meeting(Day::Wed, 10 * 60, 60));
    let id = sync(&mut plan, Day::Wed, 30, ChosenMedium::Sync);
    let s = schedule(&plan, week(), monday());
    assert_eq!(outcome(&s, id), placed(Day::Wed, 9, 0, None));
    // A second one no longer fits before 10:00, and after 11:00 it would cut the block.
    let other = sync(&mut plan, Day::Wed, 60, ChosenMedium::Sync);
    let s = schedule(&plan, week(), monday());
    assert_eq!(
        outcome(&s, other),
        placed(Day::Tue, 9, 0, Some(MoveReason::NoRoom))
    );
}

#[test]
fn a_day_off_sends_the_sync_to_the_nearest_working_day() {
    let mut plan = Plan::default();
    let id = sync(&mut plan, Day::Sat, 30, ChosenMedium::Sync);
    let s = schedule(&plan, week(), monday());
    assert_eq!(
        outcome(&s, id),
        placed(Day::Fri, 9, 0, Some(MoveReason::NotWorkingDay))
    );
}

#[test]
fn the_red_line_is_crossed_only_when_no_day_has_room() {
    let mut plan = Plan::default();
    plan.meetings.push(meeting(Day::Thu, 9 * 60, 170));
    let id = sync(&mut plan, Day::Thu, 30, ChosenMedium::Sync);
    let s = schedule(&plan, week(), monday());
    assert_eq!(
        outcome(&s, id),
        placed(Day::Wed, 9, 0, Some(MoveReason::RedLine))
    );
    // Thursday alone: over the red line, on the grid after the meeting (11:50).
    plan.settings.working_days = vec![Day::Thu];
    let s = schedule(&plan, week(), monday());
    assert_eq!(outcome(&s, id), placed(Day::Thu, 12, 0, None));
}

#[test]
fn a_brief_then_sync_leaves_a_day_for_the_pre_read() {
    let mut plan = Plan::default();
    let id = sync(&mut plan, Day::Mon, 15, ChosenMedium::BriefThenSync);
    let s = schedule(&plan, week(), monday());
    assert_eq!(
        outcome(&s, id),
        placed(Day::Tue, 9, 0, Some(MoveReason::TooSoon))
    );
    // At Tuesday 10:05 the earliest is Wednesday 10:15, on the grid.
    let s = schedule(&plan, week(), at(Day::Tue, 10, 5));
    assert_eq!(
        outcome(&s, id),
        placed(Day::Wed, 10, 15, Some(MoveReason::TooSoon))
    );
    // On Friday afternoon there is no day left in the week for it.
    let s = schedule(&plan, week(), at(Day::Fri, 12, 0));
    assert_eq!(
        outcome(&s, id),
        Outcome::Unplaced(Unplaced::TooSoonForBrief)
    );
}

#[test]
fn what_cannot_be_placed_says_why_and_stays_in_its_week() {
    let mut plan = Plan::default();
    let long = sync(&mut plan, Day::Mon, 400, ChosenMedium::Sync);
    let s = schedule(&plan, week(), monday());
    assert_eq!(
        outcome(&s, long),
        Outcome::Unplaced(Unplaced::LongerThanDay)
    );

    let mut full = Plan::default();
    for day in [Day::Mon, Day::Tue, Day::Wed, Day::Thu, Day::Fri] {
        full.meetings.push(meeting(day, 9 * 60, 8 * 60));
    }
    let id = sync(&mut full, Day::Mon, 30, ChosenMedium::Sync);
    let s = schedule(&full, week(), monday());
    assert_eq!(
        outcome(&s, id),
        Outcome::Unplaced(Unplaced::NoFreeSlot { over_budget: true })
    );
    let s = schedule(&plan, week(), at(Day::Sat, 9, 0));
    let short = sync(&mut plan, Day::Mon, 30, ChosenMedium::Sync);
    let s2 = schedule(&plan, week(), at(Day::Sat, 9, 0));
    assert_eq!(s.proposals.len() + 1, s2.proposals.len());
    assert_eq!(outcome(&s2, short), Outcome::Unplaced(Unplaced::WeekOver));
}

#[test]
fn a_pinned_start_is_kept_and_avoided() {
    let mut plan = Plan::default();
    let pinned = sync(&mut plan, Day::Mon, 30, ChosenMedium::Sync);
    let item = plan.item_mut(pinned).unwrap();
    item.at = NaiveTime::from_hms_opt(9, 0, 0);
    item.at_pinned = true;
    let id = sync(&mut plan, Day::Mon, 30, ChosenMedium::Sync);
    let s = schedule(&plan, week(), monday());
    assert!(s.proposals.iter().all(|p| p.id != pinned));
    assert_eq!(outcome(&s, id), placed(Day::Mon, 9, 30, None));
}

#[test]
fn a_second_run_keeps_the_slots_that_still_fit_and_moves_only_the_rest() {
    let mut plan = Plan::default();
    let early = sync(&mut plan, Day::Tue, 30, ChosenMedium::Sync);
    let late = sync(&mut plan, Day::Tue, 30, ChosenMedium::Sync);
    let utc = Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap();
    let (_, first) = syncwise::core::ops::schedule(&mut plan, week(), monday(), utc).unwrap();
    assert_eq!(outcome(&first, early), placed(Day::Tue, 9, 0, None));
    assert_eq!(outcome(&first, late), placed(Day::Tue, 9, 30, None));

    // The first sync is dropped: a fresh run would pull the second to 09:00, a second run
    // keeps it where invites may already show it.
    plan.item_mut(early).unwrap().status = Status::Dropped;
    let again = schedule(&plan, week(), monday());
    assert_eq!(outcome(&again, late), placed(Day::Tue, 9, 30, None));

    // A meeting now on the kept slot: that sync moves, to the first slot left.
    plan.meetings.push(meeting(Day::Tue, 9 * 60 + 30, 30));
    let moved = schedule(&plan, week(), monday());
    assert_eq!(outcome(&moved, late), placed(Day::Tue, 9, 0, None));

    // A later slot kept while a run starts later in the day keeps it too.
    plan.meetings.clear();
    plan.item_mut(early).unwrap().status = Status::Open;
    plan.item_mut(late).unwrap().at = NaiveTime::from_hms_opt(15, 0, 0);
    let kept = schedule(&plan, week(), at(Day::Tue, 10, 0));
    assert_eq!(outcome(&kept, late), placed(Day::Tue, 15, 0, None));
    assert_eq!(outcome(&kept, early), placed(Day::Tue, 10, 0, None));
}

#[test]
fn a_new_sync_does_not_take_a_slot_kept_from_an_earlier_run() {
    let mut plan = Plan::default();
    let newer = sync(&mut plan, Day::Tue, 30, ChosenMedium::Sync);
    plan.item_mut(newer).unwrap().status = Status::Dropped;
    let kept = sync(&mut plan, Day::Tue, 30, ChosenMedium::Sync);
    let utc = Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap();
    let (_, first) = syncwise::core::ops::schedule(&mut plan, week(), monday(), utc).unwrap();
    assert_eq!(outcome(&first, kept), placed(Day::Tue, 9, 0, None));

    // Reopened, the first sync comes first in the week's order: it takes the next slot,
    // not the one invites may already show for the other.
    plan.item_mut(newer).unwrap().status = Status::Open;
    let again = schedule(&plan, week(), monday());
    assert_eq!(outcome(&again, kept), placed(Day::Tue, 9, 0, None));
    assert_eq!(outcome(&again, newer), placed(Day::Tue, 9, 30, None));
}

#[test]
fn the_search_keeps_a_kept_slot_when_an_arrangement_around_it_places_everything() {
    let mut plan = Plan::default();
    plan.settings.hours = "09:00-11:30".parse().unwrap();
    plan.settings.working_days = vec![Day::Tue];
    plan.settings.focus_minutes = 0;
    plan.settings.red_line_minutes = 1000;
    plan.meetings.push(meeting(Day::Tue, 9 * 60 + 45, 15));
    let short = sync(&mut plan, Day::Tue, 30, ChosenMedium::Sync);
    let long = sync(&mut plan, Day::Tue, 45, ChosenMedium::Sync);
    let kept = sync(&mut plan, Day::Tue, 30, ChosenMedium::Sync);
    plan.item_mut(kept).unwrap().at = NaiveTime::from_hms_opt(10, 30, 0);
    // First come, first served, the short one would take 09:00 and leave the long one no
    // room beside the kept slot: the search finds the arrangement that keeps it.
    let s = schedule(&plan, week(), monday());
    assert_eq!(outcome(&s, kept), placed(Day::Tue, 10, 30, None));
    assert_eq!(outcome(&s, long), placed(Day::Tue, 9, 0, None));
    assert_eq!(outcome(&s, short), placed(Day::Tue, 10, 0, None));
}

#[test]
fn written_updates_get_no_slot() {
    let mut plan = Plan::default();
    sync(&mut plan, Day::Mon, 15, ChosenMedium::Async);
    assert!(schedule(&plan, week(), monday()).proposals.is_empty());
}

// ---- properties ----

/// Busy minute spans per day index: meetings and every slot in the plan after `s`.
fn spans(plan: &Plan, s: &Schedule) -> Vec<Vec<(u32, u32, Option<u32>)>> {
    let mut days = vec![Vec::new(); 7];
    for m in &plan.meetings {
        let start = m.start.naive_local();
        let mins = start
            .time()
            .signed_duration_since(NaiveTime::MIN)
            .num_minutes() as u32;
        days[m.day.index()].push((mins, mins + m.minutes, None));
    }
    for item in plan.items.iter().filter(|i| i.at_pinned) {
        let a = item.at.unwrap();
        let mins = a.signed_duration_since(NaiveTime::MIN).num_minutes() as u32;
        days[item.day.index()].push((mins, mins + item.minutes, Some(item.id)));
    }
    for p in &s.proposals {
        if let Outcome::Placed { day, at, .. } = p.outcome {
            let mins = at.signed_duration_since(NaiveTime::MIN).num_minutes() as u32;
            days[day.index()].push((mins, mins + p.minutes, Some(p.id)));
        }
    }
    days
}

fn longest_free(busy: &[(u32, u32)], (hs, he): (u32, u32)) -> u32 {
    let mut v: Vec<(u32, u32)> = busy
        .iter()
        .map(|&(s, e)| (s.max(hs), e.min(he)))
        .filter(|(s, e)| s < e)
        .collect();
    v.sort_unstable();
    let (mut cursor, mut best) = (hs, 0);
    for (s, e) in v {
        best = best.max(s.saturating_sub(cursor));
        cursor = cursor.max(e);
    }
    best.max(he.saturating_sub(cursor))
}

/// Checks every hard rule on the schedule.
fn check_rules(plan: &Plan, s: &Schedule, now: NaiveDateTime) -> Result<(), TestCaseError> {
    let (hs, he) = plan.settings.hours.minutes();
    let days = spans(plan, s);
    for p in &s.proposals {
        let Outcome::Placed { day, at, .. } = p.outcome else {
            continue;
        };
        let start = at.signed_duration_since(NaiveTime::MIN).num_minutes() as u32;
        prop_assert!(
            plan.settings.working_days.contains(&day),
            "#{} on {day}",
            p.id
        );
        prop_assert!(start >= hs && start + p.minutes <= he, "#{} at {at}", p.id);
        prop_assert_eq!((start - hs) % GRID, 0);
        let moment = week().date(day).and_time(at);
        prop_assert!(moment >= now, "#{} in the past", p.id);
        let item = plan.item(p.id).unwrap();
        if item.medium == ChosenMedium::BriefThenSync {
            prop_assert!(moment >= now + Duration::hours(24), "#{} too soon", p.id);
        }
        for &(bs, be, owner) in &days[day.index()] {
            if owner != Some(p.id) {
                prop_assert!(
                    be <= start || bs >= start + p.minutes,
                    "#{} at {at} overlaps {bs}-{be}",
                    p.id
                );
            }
        }
    }
    for (d, busy) in days.iter().enumerate() {
        let has_slot = busy.iter().any(|(_, _, o)| o.is_some());
        if has_slot {
            let plain: Vec<(u32, u32)> = busy.iter().map(|&(s, e, _)| (s, e)).collect();
            prop_assert!(
                longest_free(&plain, (hs, he)) >= plan.settings.focus_minutes,
                "day {d} lost its focus block"
            );
        }
    }
    Ok(())
}

/// Whether every item to place can be placed at once (red line aside), by trying every
/// combination of day and start on the grid.
fn all_fit(plan: &Plan, wants: &[(u32, bool)], now: NaiveDateTime) -> bool {
    let (hs, he) = plan.settings.hours.minutes();
    let mut busy: Vec<Vec<(u32, u32)>> = vec![Vec::new(); 7];
    for m in &plan.meetings {
        let mins = m
            .start
            .naive_local()
            .time()
            .signed_duration_since(NaiveTime::MIN)
            .num_minutes() as u32;
        busy[m.day.index()].push((mins, mins + m.minutes));
    }
    fn go(
        plan: &Plan,
        wants: &[(u32, bool)],
        busy: &mut Vec<Vec<(u32, u32)>>,
        now: NaiveDateTime,
        (hs, he): (u32, u32),
    ) -> bool {
        let Some(&(minutes, brief)) = wants.first() else {
            return true;
        };
        for &day in &plan.settings.working_days {
            let d = day.index();
            let mut start = hs;
            while start + minutes <= he {
                let moment = week()
                    .date(day)
                    .and_time(syncwise::core::slot::time_at(start));
                let early = moment < now || (brief && moment < now + Duration::hours(24));
                let free = busy[d]
                    .iter()
                    .all(|&(s, e)| e <= start || s >= start + minutes);
                if !early && free {
                    busy[d].push((start, start + minutes));
                    if longest_free(&busy[d], (hs, he)) >= plan.settings.focus_minutes
                        && go(plan, &wants[1..], busy, now, (hs, he))
                    {
                        return true;
                    }
                    busy[d].pop();
                }
                start += GRID;
            }
        }
        false
    }
    go(plan, wants, &mut busy, now, (hs, he))
}

fn day() -> impl Strategy<Value = Day> {
    (0usize..7).prop_map(|i| Day::ALL[i])
}

/// A random week: hours, focus, working days, meetings on the grid, items, and now.
fn small_week(max_items: usize) -> impl Strategy<Value = (Plan, NaiveDateTime)> {
    (
        (7u32..=10, 2u32..=5),
        prop_oneof![Just(0u32), Just(30), Just(60), Just(90)],
        proptest::collection::btree_set(day(), 1..4),
        proptest::collection::vec((day(), 0u32..24, 1u32..8), 0..6),
        proptest::collection::vec((day(), 1u32..6, any::<bool>()), 1..=max_items),
        (day(), 6u32..18),
        60u32..400,
    )
        .prop_map(
            |((start, len), focus, days, meetings, items, (today, hour), red)| {
                let mut plan = Plan::default();
                let hours = format!("{:02}:00-{:02}:00", start, start + len);
                plan.settings.hours = hours.parse().unwrap();
                plan.settings.focus_minutes = focus.min(len * 60);
                plan.settings.working_days = days.into_iter().collect();
                plan.settings.red_line_minutes = red;
                for (d, q, n) in meetings {
                    // On a 15-minute grid around the working hours.
                    let at = (start * 60).saturating_sub(30) + q * 15;
                    plan.meetings.push(meeting(d, at, n * 15));
                }
                for (d, q, brief) in items {
                    let medium = if brief {
                        ChosenMedium::BriefThenSync
                    } else {
                        ChosenMedium::Sync
                    };
                    sync(&mut plan, d, q * 15, medium);
                }
                (plan, at(today, hour, 0))
            },
        )
}

/// What changes between two runs of `schedule`.
#[derive(Debug, Clone)]
enum Change {
    Meeting(Day, u32, u32),
    Hours(u32, u32),
    Focus(u32),
    Later(u32),
    NewSync(Day, u32, bool),
    Minutes(usize, u32),
    Drop(usize),
    DayOff(Day),
    RedLine(u32),
}

impl Change {
    /// Changes `plan` (and the moment of the run), returning the moment.
    fn apply(&self, plan: &mut Plan, now: NaiveDateTime) -> NaiveDateTime {
        let (hs, _) = plan.settings.hours.minutes();
        match *self {
            Change::Meeting(day, q, n) => {
                plan.meetings
                    .push(meeting(day, hs.saturating_sub(30) + q * 15, n * 15));
            }
            Change::Hours(start, len) => {
                plan.settings.hours = format!("{:02}:00-{:02}:00", start, start + len)
                    .parse()
                    .unwrap();
                let len = len * 60;
                plan.settings.focus_minutes = plan.settings.focus_minutes.min(len);
            }
            Change::Focus(minutes) => {
                let (hs, he) = plan.settings.hours.minutes();
                plan.settings.focus_minutes = minutes.min(he - hs);
            }
            Change::Later(minutes) => return now + Duration::minutes(i64::from(minutes)),
            Change::NewSync(day, q, brief) => {
                let medium = if brief {
                    ChosenMedium::BriefThenSync
                } else {
                    ChosenMedium::Sync
                };
                sync(plan, day, q * 15, medium);
            }
            Change::Minutes(i, q) => {
                let n = plan.items.len();
                plan.items[i % n].minutes = q * 15;
            }
            Change::Drop(i) => {
                let n = plan.items.len();
                plan.items[i % n].status = Status::Dropped;
            }
            Change::DayOff(day) => {
                if plan.settings.working_days.len() > 1 {
                    plan.settings.working_days.retain(|&d| d != day);
                }
            }
            Change::RedLine(minutes) => plan.settings.red_line_minutes = minutes,
        }
        now
    }
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (day(), 0u32..24, 1u32..8).prop_map(|(d, q, n)| Change::Meeting(d, q, n)),
        (7u32..=10, 2u32..=5).prop_map(|(s, l)| Change::Hours(s, l)),
        prop_oneof![Just(0u32), Just(30), Just(60), Just(90), Just(120)].prop_map(Change::Focus),
        (1u32..3000).prop_map(Change::Later),
        (day(), 1u32..6, any::<bool>()).prop_map(|(d, q, b)| Change::NewSync(d, q, b)),
        (0usize..8, 1u32..8).prop_map(|(i, q)| Change::Minutes(i, q)),
        (0usize..8).prop_map(Change::Drop),
        day().prop_map(Change::DayOff),
        (30u32..400).prop_map(Change::RedLine),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_slot_keeps_the_rules((plan, now) in small_week(8)) {
        let s = schedule(&plan, week(), now);
        prop_assert_eq!(s.proposals.len(), plan.items.len());
        check_rules(&plan, &s, now)?;
        // Pure: the same week gives the same proposal.
        prop_assert_eq!(schedule(&plan, week(), now), s);
    }

    #[test]
    fn a_second_run_after_a_change_keeps_the_rules(
        (plan, now) in small_week(6),
        change in change(),
    ) {
        let mut plan = plan;
        let utc = Utc.with_ymd_and_hms(2026, 11, 20, 8, 0, 0).unwrap();
        let (_, first) = syncwise::core::ops::schedule(&mut plan, week(), now, utc).unwrap();
        // Run again on the same plan: every slot given on a day under the red line stays
        // where it is (one over it may move to a day with room under the line).
        let same = schedule(&plan, week(), now);
        let days = spans(&plan, &first);
        let under = |day: Day| {
            days[day.index()].iter().map(|&(s, e, _)| e - s).sum::<u32>()
                <= plan.settings.red_line_minutes
        };
        for (id, day, at) in first.placed().filter(|&(_, day, _)| under(day)) {
            prop_assert!(
                same.placed().any(|p| p == (id, day, at)),
                "#{} moved from {} {}: {:?}", id, day, at, same.proposals
            );
        }
        let now = change.apply(&mut plan, now);
        let again = schedule(&plan, week(), now);
        prop_assert_eq!(again.proposals.len(), plan.items.iter().filter(|i| {
            syncwise::core::schedule::wants_slot(i, week())
        }).count());
        check_rules(&plan, &again, now)?;
    }

    #[test]
    fn a_feasible_placement_is_never_reported_impossible((plan, now) in small_week(3)) {
        let s = schedule(&plan, week(), now);
        check_rules(&plan, &s, now)?;
        let wants: Vec<(u32, bool)> = s
            .proposals
            .iter()
            .map(|p| (p.minutes, plan.item(p.id).unwrap().medium == ChosenMedium::BriefThenSync))
            .collect();
        if all_fit(&plan, &wants, now) {
            prop_assert!(
                s.placed().count() == wants.len(),
                "a placement exists, yet: {:?}", s.proposals
            );
        }
        // Each item left out has no slot beside what was placed.
        let mut with_placed = plan.clone();
        for (id, day, at) in s.placed() {
            let item = with_placed.item_mut(id).unwrap();
            item.day = day;
            item.at = Some(at);
            item.at_pinned = true;
        }
        for p in &s.proposals {
            if let Outcome::Unplaced(_) = p.outcome {
                let brief = plan.item(p.id).unwrap().medium == ChosenMedium::BriefThenSync;
                let mut alone = with_placed.clone();
                // Placed items count as busy: turn them into meetings.
                for item in alone.items.clone().iter().filter(|i| i.at_pinned) {
                    let mins = item.at.unwrap().signed_duration_since(NaiveTime::MIN).num_minutes() as u32;
                    alone.meetings.push(meeting(item.day, mins, item.minutes));
                }
                prop_assert!(!all_fit(&alone, &[(p.minutes, brief)], now), "#{} fits", p.id);
            }
        }
    }
}

// ---- the CLI ----

#[test]
fn the_cli_proposes_saves_and_explains() {
    let dir = tempfile::tempdir().unwrap();
    let sw = |args: &[&str]| {
        let out = common::syncwise(dir.path())
            .env("SYNCWISE_TODAY", "2026-11-23")
            .args(args)
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    sw(&[
        "add",
        "Go/no-go",
        "--intent",
        "decision",
        "--medium",
        "sync",
        "--day",
        "sat",
        "--minutes",
        "30",
    ]);
    let (ok, out, _) = sw(&["schedule", "--dry-run"]);
    assert!(ok);
    assert_eq!(
        out,
        "#1 Go/no-go (30 min) \u{2192} Fri 27 Nov 09:00 (moved from Sat: not a working day)\nWould place 1 of 1 sync (nothing saved).\n"
    );
    let (_, shown, _) = sw(&["--json", "show", "1"]);
    assert!(!shown.contains("\"at\""), "{shown}");
    let (ok, out, _) = sw(&["--json", "schedule"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["proposals"][0]["outcome"], "placed");
    assert_eq!(v["proposals"][0]["moved"], "not-working-day");
    let (_, shown, _) = sw(&["--json", "show", "1"]);
    let item: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(
        (&item["day"], &item["at"]),
        (&"fri".into(), &"09:00".into())
    );
    // A time the user sets is pinned; schedule leaves it; none clears it.
    let (ok, _, _) = sw(&["set", "1", "--at", "14:30"]);
    assert!(ok);
    let (_, out, _) = sw(&["schedule"]);
    assert!(
        out.starts_with("No open sync in 2026-W48 needs a slot"),
        "{out}"
    );
    let (ok, _, err) = sw(&["set", "1", "--at", "2pm"]);
    assert!(!ok);
    assert_eq!(
        err.trim(),
        "syncwise: invalid value '2pm' for '--at <HH:MM>': '2pm' is not a time of day (use HH:MM on the 24-hour clock, e.g. 14:30, or none)"
    );
    let (ok, shown, _) = sw(&["--json", "set", "1", "--at", "none"]);
    assert!(ok);
    let item: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert!(
        item.get("at").is_none() && item.get("at_pinned").is_none(),
        "{shown}"
    );
    assert!(v["proposals"][0].get("against_advice").is_none(), "{v}");

    // A status update booked as a meeting gets its slot, since the user chose it, and the
    // line says the advice is to write it.
    sw(&[
        "add",
        "Weekly numbers",
        "--intent",
        "status",
        "--medium",
        "sync",
        "--day",
        "tue",
    ]);
    let (ok, out, _) = sw(&["schedule", "--dry-run"]);
    assert!(ok);
    let line = out.lines().find(|l| l.starts_with("#2 ")).unwrap();
    assert_eq!(
        line,
        "#2 Weekly numbers (15 min) \u{2192} Tue 24 Nov 09:00; you chose a sync, the advice is to write it"
    );
    let (_, out, _) = sw(&["--json", "schedule", "--dry-run"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let status = v["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == 2)
        .unwrap();
    assert_eq!(status["against_advice"], true);
}

#[test]
fn s_in_the_tui_schedules_the_week_and_u_undoes_it() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use syncwise::tui::Action;
    let dir = tempfile::tempdir().unwrap();
    common::syncwise(dir.path()).arg("demo").assert().success();
    let store = syncwise::store::Store::at(dir.path());
    let mut app = common::open_app(&store);
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert_eq!(app.action_for_key(&key('s')), Some(Action::Schedule));
    let expected = schedule(&app.plan, week(), common::clock().local);
    app.update(Action::Schedule);
    let text = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(text.starts_with("Scheduled 8 syncs in 2026-W48"), "{text}");
    // The demo's roadmap status meeting (#4) is booked as a sync by choice: said so.
    assert!(
        text.ends_with("; #4 is a sync by your choice, the advice says write it"),
        "{text}"
    );
    let on_disk = store.load().unwrap();
    assert!(on_disk.items.iter().any(|i| i.at.is_some()));
    // The same function as the CLI: what was saved is what it proposed.
    for (id, day, at) in expected.placed() {
        let item = on_disk.item(id).unwrap();
        assert_eq!((item.day, item.at), (day, Some(at)), "#{id}");
    }
    // Again: every slot still fits, so nothing moves, and the message says so.
    app.update(Action::Schedule);
    let again = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(
        again.starts_with("Nothing moved in 2026-W48: every sync keeps its slot"),
        "{again}"
    );
    assert_eq!(store.load().unwrap().items, on_disk.items);
    app.update(Action::Undo);
    assert!(store.load().unwrap().items.iter().all(|i| i.at.is_none()));
}
