//! Properties of the recommendation engine, the budget and ISO week arithmetic over
//! arbitrary items, moments and settings.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use proptest::prelude::*;
use proptest::sample::select;
use syncwise::core::budget::{AMBER_FROM, Zone, week_budget};
use syncwise::core::engine::{
    BOUNCE_LIMIT, Move, Reason, Recommendation, WarningCode, effective_medium, is_bare_title,
    missing_parts, reasons, recommend, recommended_medium, sync_start, vague_agenda_message,
};
use syncwise::core::policy::{AgendaPart, Timeboxes, default_rule};
use syncwise::core::report::ItemReport;
use syncwise::core::week::{Day, IsoWeek};
use syncwise::core::{
    Agenda, ChosenMedium, Heat, Intent, Item, MAX_MINUTES, Medium, Plan, Settings, Status,
};

/// Any week a user can type: a four-digit year and an existing week number.
fn week() -> impl Strategy<Value = IsoWeek> + Clone {
    (1000i32..=9999, 1u32..=53).prop_filter_map("no such week", |(y, w)| IsoWeek::new(y, w))
}

/// Three neighbouring weeks, across a year boundary, so items often share a week.
fn nearby_week() -> impl Strategy<Value = IsoWeek> + Clone {
    select(vec!["2026-W52", "2026-W53", "2027-W01"]).prop_map(|w| w.parse().unwrap())
}

fn day() -> impl Strategy<Value = Day> {
    select(Day::ALL.to_vec())
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("   ".to_string()),
        "[a-zA-Z0-9 ,.?|-]{0,24}",
        any::<String>(),
    ]
}

fn title() -> impl Strategy<Value = String> {
    prop_oneof![
        select(vec![
            "Chat",
            "Quick chat?",
            "sync",
            "Catch up",
            "check-in",
            "1:1",
            "Sync on the Q3 roadmap",
            "Go/no-go on the ledger",
        ])
        .prop_map(String::from),
        "[a-zA-Z0-9 ?!./-]{1,40}",
        any::<String>(),
    ]
}

fn agenda() -> impl Strategy<Value = Agenda> {
    (text(), text(), text()).prop_map(|(problem, pre_read, outcome)| Agenda {
        problem,
        pre_read,
        outcome,
    })
}

fn timestamp() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..=4_102_444_800).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap())
}

/// An item with every field drawn independently; `minutes` as given.
fn item_with(
    minutes: impl Strategy<Value = u32>,
    week: impl Strategy<Value = IsoWeek> + Clone,
) -> impl Strategy<Value = Item> {
    let identity = (
        any::<u32>(),
        title(),
        text(),
        select(Intent::ALL),
        select(Heat::ALL),
        minutes,
        day(),
        week.clone(),
    );
    let rest = (
        select(ChosenMedium::ALL),
        agenda(),
        text(),
        prop_oneof![0u32..=6, any::<u32>()],
        select(Status::ALL),
        proptest::option::of(week),
        timestamp(),
        timestamp(),
    );
    (identity, rest).prop_map(
        |(
            (id, title, with, intent, heat, minutes, day, week),
            (medium, agenda, notes, exchanges, status, carried_from, created, updated),
        )| Item {
            id,
            title,
            with,
            intent,
            heat,
            minutes,
            day,
            week,
            medium,
            agenda,
            notes,
            exchanges,
            status,
            carried_from,
            replaces: None,
            sample: false,
            private: false,
            inferred: None,
            replaces_series: false,
            at: None,
            at_pinned: false,
            created,
            updated,
        },
    )
}

fn item() -> impl Strategy<Value = Item> {
    item_with(prop_oneof![1u32..=MAX_MINUTES, any::<u32>()], week())
}

/// An item and a local "now" within a few weeks either side of its sync, boundaries included.
fn item_and_now() -> impl Strategy<Value = (Item, NaiveDateTime)> {
    let offset = prop_oneof![
        -(30 * 24 * 60i64)..=(30 * 24 * 60),
        select(vec![-24 * 60 - 1, -24 * 60, -24 * 60 + 1, -1, 0, 1]),
    ];
    (item(), offset).prop_map(|(item, minutes)| {
        let now = sync_start(&item) + Duration::minutes(minutes);
        (item, now)
    })
}

/// Any timebox table: every intent's number drawn on its own, often in range.
fn timeboxes() -> impl Strategy<Value = Timeboxes> {
    proptest::collection::vec(prop_oneof![1u32..=240, any::<u32>()], Intent::ALL.len()).prop_map(
        |minutes| {
            let mut table = Timeboxes::default();
            for (&intent, m) in Intent::ALL.iter().zip(minutes) {
                // A crisis has no timebox to set.
                let _ = table.set(intent, m);
            }
            table
        },
    )
}

fn settings() -> impl Strategy<Value = Settings> {
    (
        any::<u32>(),
        any::<u32>(),
        timeboxes(),
        proptest::collection::vec(day(), 0..8),
        proptest::option::of("[A-Za-z/_]{0,20}"),
        proptest::option::of(text()),
    )
        .prop_map(
            |(budget_minutes, red_line_minutes, timeboxes, working_days, timezone, email)| {
                Settings {
                    budget_minutes,
                    red_line_minutes,
                    timeboxes,
                    working_days,
                    timezone,
                    email,
                    ..Settings::default()
                }
            },
        )
}

/// Settings a user could have set: every timebox within what `config set` accepts.
fn valid_settings() -> impl Strategy<Value = Settings> {
    proptest::collection::vec(1u32..=240, Intent::ALL.len()).prop_map(|minutes| {
        let mut settings = Settings::default();
        for (&intent, m) in Intent::ALL.iter().zip(minutes) {
            let _ = settings.timeboxes.set(intent, m);
        }
        settings
    })
}

/// Whether the item states a part of its agenda, read the way the product brief puts it:
/// a bare title states no problem unless the agenda's problem does.
fn stated(item: &Item, part: AgendaPart) -> bool {
    match part {
        AgendaPart::Problem => {
            !item.agenda.problem.trim().is_empty() || !is_bare_title(&item.title)
        }
        AgendaPart::PreRead => !item.agenda.pre_read.trim().is_empty(),
        AgendaPart::Outcome => !item.agenda.outcome.trim().is_empty(),
    }
}

/// Whether the warnings about a sync's shape apply: it is a sync, not a war room, and not
/// a meeting that should have been a written update in the first place.
fn judged_as_a_sync(item: &Item) -> bool {
    let effective = effective_medium(item);
    let needless = recommended_medium(item) == Medium::Async
        && effective.has_sync()
        && matches!(
            item.intent,
            Intent::Status | Intent::Fyi | Intent::Decided | Intent::Question
        );
    effective.has_sync() && item.intent != Intent::Crisis && !needless
}

fn rec(item: &Item, now: NaiveDateTime) -> Recommendation {
    recommend(item, now, &Settings::default())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_crisis_is_never_recommended_async((mut item, now) in item_and_now()) {
        item.intent = Intent::Crisis;
        let r = rec(&item, now);
        prop_assert_ne!(r.medium, Medium::Async);
        prop_assert_ne!(recommended_medium(&item), Medium::Async);
        // The war room has no timebox.
        prop_assert_eq!(r.timebox_minutes, None);
    }

    #[test]
    fn the_timebox_is_the_intents(
        (item, now) in item_and_now(),
        settings in valid_settings(),
    ) {
        let r = recommend(&item, now, &settings);
        if r.medium.has_sync() {
            prop_assert_eq!(r.timebox_minutes, settings.timebox(item.intent));
            prop_assert_eq!(r.timebox_minutes.is_none(), item.intent == Intent::Crisis);
        } else {
            prop_assert_eq!(r.timebox_minutes, None);
        }
    }

    #[test]
    fn auto_never_gets_a_medium_mismatch_warning((mut item, now) in item_and_now()) {
        item.medium = ChosenMedium::Auto;
        let r = rec(&item, now);
        for w in &r.warnings {
            prop_assert!(!w.code.is_medium_mismatch(), "{} under auto", w.code);
        }
    }

    #[test]
    fn recommend_never_panics_and_is_well_formed(
        item in item_with(any::<u32>(), (-5000i32..=5000, 1u32..=53)
            .prop_filter_map("no such week", |(y, w)| IsoWeek::new(y, w))),
        now in any::<i64>().prop_map(|s| {
            DateTime::from_timestamp(s % 8_000_000_000_000, 0).unwrap().naive_utc()
        }),
        settings in settings(),
    ) {
        let r = recommend(&item, now, &settings);
        prop_assert!(!r.reasons.is_empty());
        let mut codes: Vec<WarningCode> = r.warnings.iter().map(|w| w.code).collect();
        for w in &r.warnings {
            let expected = match w.code {
                WarningCode::VagueAgenda => vague_agenda_message(&missing_parts(&item)),
                code => code.message(),
            };
            prop_assert_eq!(w.message, expected);
        }
        let n = codes.len();
        codes.sort();
        codes.dedup();
        prop_assert_eq!(codes.len(), n, "a warning came twice");
        let report = ItemReport::new(&item, now, &settings);
        prop_assert_eq!(report.recommendation, r);
    }

    #[test]
    fn effective_medium_is_the_chosen_one_unless_auto((item, now) in item_and_now()) {
        let report = ItemReport::new(&item, now, &Settings::default());
        match item.medium.fixed() {
            Some(chosen) => {
                prop_assert_eq!(effective_medium(&item), chosen);
                prop_assert_eq!(report.effective_medium, chosen);
                prop_assert_eq!(ChosenMedium::from(chosen), item.medium);
            }
            None => {
                prop_assert_eq!(effective_medium(&item), recommended_medium(&item));
                prop_assert_eq!(report.effective_medium, report.recommendation.medium);
                prop_assert!(!report.differs_from_recommendation());
            }
        }
        prop_assert_eq!(report.recommendation.medium, recommended_medium(&item));
    }

    #[test]
    fn timing_and_length_warnings_follow_the_product_rules((item, now) in item_and_now()) {
        let r = rec(&item, now);
        let effective = effective_medium(&item);
        let until = sync_start(&item) - now;
        prop_assert_eq!(
            r.has(WarningCode::LateBrief),
            effective == Medium::BriefThenSync
                && item.status == Status::Open
                && until > Duration::zero()
                && until < Duration::hours(24)
        );
        let timebox = Settings::default().timebox(item.intent);
        prop_assert_eq!(
            r.has(WarningCode::OverTimebox),
            judged_as_a_sync(&item) && timebox.is_some_and(|t| item.minutes > t)
        );
        prop_assert_eq!(
            r.has(WarningCode::BackAndForth),
            effective == Medium::Async && item.exchanges >= BOUNCE_LIMIT
        );
        let lacks_a_part = default_rule(item.intent)
            .requires
            .iter()
            .any(|&part| !stated(&item, part));
        prop_assert_eq!(
            r.has(WarningCode::VagueAgenda),
            judged_as_a_sync(&item) && lacks_a_part
        );
    }

    /// The product's promise: a well-prepared item has no warning. Every part its intent
    /// requires is stated, it fits the timebox, it takes the recommended medium, its
    /// thread has not bounced, and a brief-then-sync leaves a day for the brief.
    #[test]
    fn a_well_formed_item_has_no_warning(
        (mut item, now) in item_and_now(),
        follow in any::<bool>(),
        settings in valid_settings(),
        exchanges in 0u32..BOUNCE_LIMIT,
    ) {
        item.exchanges = exchanges;
        for &part in default_rule(item.intent).requires {
            if !stated(&item, part) {
                let text = "Stated".to_string();
                match part {
                    AgendaPart::Problem => item.agenda.problem = text,
                    AgendaPart::PreRead => item.agenda.pre_read = text,
                    AgendaPart::Outcome => item.agenda.outcome = text,
                }
            }
        }
        if let Some(timebox) = settings.timebox(item.intent) {
            item.minutes = item.minutes.clamp(1, timebox);
        }
        item.medium = if follow {
            ChosenMedium::from(recommended_medium(&item))
        } else {
            ChosenMedium::Auto
        };
        let until = sync_start(&item) - now;
        prop_assume!(
            recommended_medium(&item) != Medium::BriefThenSync
                || item.status != Status::Open
                || until <= Duration::zero()
                || until >= Duration::hours(24)
        );
        let r = recommend(&item, now, &settings);
        prop_assert!(r.warnings.is_empty(), "{:?} on {:?}", r.warnings, item);
    }

    /// Reasons explain the final medium: the baseline only where it held, a move where
    /// heat or a bounced thread changed it, and sync advice only for a medium with a sync.
    #[test]
    fn every_auto_items_reasons_agree_with_its_medium(
        (mut item, now) in item_and_now(),
        settings in valid_settings(),
    ) {
        item.medium = ChosenMedium::Auto;
        let medium = effective_medium(&item);
        let baseline = default_rule(item.intent).baseline;
        let found = reasons(&item, &settings);
        prop_assert!(!found.is_empty());
        let moved = found.iter().any(|r| matches!(r, Reason::Moved(..)));
        prop_assert_eq!(moved, medium != baseline, "{:?}", found);
        for reason in &found {
            match *reason {
                Reason::Baseline(intent) => {
                    prop_assert_eq!(intent, item.intent);
                    prop_assert_eq!(baseline, medium);
                }
                Reason::Moved(intent, why) => {
                    prop_assert_eq!(intent, item.intent);
                    prop_assert_eq!(baseline, Medium::Async);
                    match why {
                        Move::Bounced => {
                            prop_assert!(item.exchanges >= BOUNCE_LIMIT);
                            prop_assert_eq!(medium, Medium::Sync);
                        }
                        Move::HighHeat => {
                            prop_assert_eq!(item.heat, Heat::High);
                            prop_assert_eq!(medium, Medium::BriefThenSync);
                        }
                    }
                }
                Reason::BriefLead => prop_assert_eq!(medium, Medium::BriefThenSync),
                Reason::Timebox(intent, of, minutes) => {
                    prop_assert!(medium.has_sync());
                    prop_assert_eq!(of, medium);
                    prop_assert_eq!(Some(minutes), settings.timebox(intent));
                }
                Reason::NoTimebox => {
                    prop_assert!(medium.has_sync());
                    prop_assert_eq!(item.intent, Intent::Crisis);
                }
                Reason::ReadFromTitle(_) => {
                    prop_assert!(false, "the medium's reasons say nothing of the title");
                }
            }
        }
        // In words: a written update is never given a length, and a live conversation
        // about feelings or trust is never sent back to writing.
        let texts = recommend(&item, now, &settings).reason_texts();
        prop_assert_eq!(texts.len(), found.len());
        for text in &texts {
            if medium == Medium::Async {
                prop_assert!(!text.contains("minutes"), "{}", text);
            }
            if matches!(item.intent, Intent::Feedback | Intent::Conflict | Intent::Rapport) {
                prop_assert!(!text.contains("writing"), "{}", text);
            }
        }
        if moved {
            let says = texts[0].contains("high heat") || texts[0].contains("back and forth");
            prop_assert!(says, "{}", texts[0]);
        }
    }

}

proptest! {
    // Each case builds a whole week of items: fewer cases cover as much ground.
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_budget_adds_up(
        items in proptest::collection::vec(item_with(0u32..=MAX_MINUTES, nearby_week()), 0..30),
        week in nearby_week(),
        budget_minutes in prop_oneof![Just(0u32), 1u32..=3000],
        red_line_minutes in 0u32..=600,
    ) {
        let settings = Settings { budget_minutes, red_line_minutes, ..Settings::default() };
        let b = week_budget(&items, week, &settings);

        prop_assert_eq!(b.week, week);
        prop_assert_eq!(b.budget_minutes, budget_minutes);
        let days: Vec<Day> = b.per_day.iter().map(|d| d.day).collect();
        prop_assert_eq!(days, Day::ALL.to_vec());
        let per_day_sum: u64 = b.per_day.iter().map(|d| u64::from(d.minutes)).sum();
        prop_assert_eq!(u64::from(b.sync_minutes), per_day_sum);

        let counted = |i: &&Item| {
            i.week == week && i.status != Status::Dropped && effective_medium(i).has_sync()
        };
        let expected: u64 = items.iter().filter(counted).map(|i| u64::from(i.minutes)).sum();
        prop_assert_eq!(u64::from(b.sync_minutes), expected);
        for d in &b.per_day {
            let on_day: u64 = items
                .iter()
                .filter(counted)
                .filter(|i| i.day == d.day)
                .map(|i| u64::from(i.minutes))
                .sum();
            prop_assert_eq!(u64::from(d.minutes), on_day, "{}", d.day);
            prop_assert_eq!(d.over_red_line, d.minutes > red_line_minutes);
        }

        let share = f64::from(b.sync_minutes) / f64::from(budget_minutes.max(1));
        prop_assert!((b.share - share).abs() <= 1e-12 * share.max(1.0));
        let zone = if b.share < AMBER_FROM {
            Zone::Green
        } else if b.share <= 1.0 {
            Zone::Amber
        } else {
            Zone::Red
        };
        prop_assert_eq!(b.zone, zone, "share {}", b.share);
        if b.sync_minutes == 0 {
            prop_assert_eq!(b.zone, Zone::Green);
        }
        if budget_minutes > 0 && b.sync_minutes > budget_minutes {
            prop_assert_eq!(b.zone, Zone::Red);
        }
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_week_prints_and_parses_back(week in week()) {
        let text = week.to_string();
        prop_assert_eq!(text.len(), 8, "{}", text);
        prop_assert!(text.as_bytes()[..4].iter().all(u8::is_ascii_digit), "{}", text);
        prop_assert_eq!(&text[4..6], "-W");
        prop_assert!(text.as_bytes()[6..].iter().all(u8::is_ascii_digit), "{}", text);
        prop_assert_eq!(text.parse::<IsoWeek>(), Ok(week));
        prop_assert_eq!(text.to_lowercase().parse::<IsoWeek>(), Ok(week));
        let json = serde_json::to_string(&week).unwrap();
        prop_assert_eq!(serde_json::from_str::<IsoWeek>(&json).unwrap(), week);
        prop_assert_eq!(IsoWeek::containing(week.monday()), week);
        prop_assert_eq!(IsoWeek::containing(week.date(Day::Sun)), week);
    }

    #[test]
    fn offset_and_back_is_identity(
        week in (1200i32..=9800, 1u32..=53)
            .prop_filter_map("no such week", |(y, w)| IsoWeek::new(y, w)),
        n in -5000i64..=5000,
    ) {
        let there = week.offset(n);
        prop_assert_eq!(there.offset(-n), week);
        prop_assert_eq!((there.monday() - week.monday()).num_days(), 7 * n);
        prop_assert_eq!(week.next().prev(), week);
        prop_assert_eq!(week.prev().next(), week);
        prop_assert_eq!(week.offset(0), week);
        prop_assert_eq!(n.cmp(&0), there.cmp(&week));
    }
}

/// An item with the optional fields too, and timestamps of any precision.
fn stored_item() -> impl Strategy<Value = Item> {
    (
        item(),
        proptest::option::of(text()),
        any::<bool>(),
        prop_oneof![
            Just(0u32),
            0u32..1_000_000_000,
            Just(5_000_000),
            Just(7_000)
        ],
    )
        .prop_map(|(mut item, replaces, sample, nanos)| {
            item.replaces = replaces;
            item.sample = sample;
            item.created += Duration::nanoseconds(i64::from(nanos));
            item
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever the strings hold and however precise the timestamps are, a stored plan
    /// reads back as the plan that was written.
    #[test]
    fn a_stored_plan_reads_back_whole(
        items in proptest::collection::vec(stored_item(), 0..6),
        settings in settings(),
    ) {
        let plan = Plan { settings, items, ..Plan::default() };
        let text = serde_json::to_string(&plan).unwrap();
        prop_assert_eq!(serde_json::from_str::<Plan>(&text).unwrap(), plan);
    }
}
