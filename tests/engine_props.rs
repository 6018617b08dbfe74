//! Properties of the recommendation engine, the budget and ISO week arithmetic over
//! arbitrary items, moments and settings.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use proptest::prelude::*;
use proptest::sample::select;
use syncwise::core::budget::{AMBER_FROM, Zone, week_budget};
use syncwise::core::engine::{
    BOUNCE_LIMIT, Recommendation, WarningCode, effective_medium, recommend, recommended_medium,
    sync_start,
};
use syncwise::core::report::ItemReport;
use syncwise::core::week::{Day, IsoWeek};
use syncwise::core::{
    Agenda, ChosenMedium, DEFAULT_TIMEBOX, Heat, Intent, Item, MAX_MINUTES, Medium, Plan, Settings,
    Status,
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

fn settings() -> impl Strategy<Value = Settings> {
    (
        any::<u32>(),
        any::<u32>(),
        any::<u32>(),
        proptest::collection::vec(day(), 0..8),
        proptest::option::of("[A-Za-z/_]{0,20}"),
        proptest::option::of(text()),
    )
        .prop_map(
            |(budget_minutes, red_line_minutes, timebox_minutes, working_days, timezone, email)| {
                Settings {
                    budget_minutes,
                    red_line_minutes,
                    timebox_minutes,
                    working_days,
                    timezone,
                    email,
                }
            },
        )
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
    fn a_non_crisis_sync_is_timeboxed_to_fifteen_minutes((item, now) in item_and_now()) {
        let r = rec(&item, now);
        if item.intent != Intent::Crisis && r.medium.has_sync() {
            prop_assert!(
                r.timebox_minutes.is_some_and(|t| t <= DEFAULT_TIMEBOX),
                "timebox {:?} for {:?}",
                r.timebox_minutes,
                item.intent
            );
        }
        if r.medium == Medium::Async {
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
            prop_assert_eq!(w.message, w.code.message());
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
        prop_assert_eq!(
            r.has(WarningCode::OverTimebox),
            effective.has_sync() && item.intent != Intent::Crisis && item.minutes > DEFAULT_TIMEBOX
        );
        prop_assert_eq!(
            r.has(WarningCode::BackAndForth),
            effective == Medium::Async && item.exchanges >= BOUNCE_LIMIT
        );
        if !effective.has_sync() {
            prop_assert!(!r.has(WarningCode::VagueAgenda));
        } else if item.agenda.is_empty() {
            prop_assert!(r.has(WarningCode::VagueAgenda));
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
