//! The core operations: each one's validation, the change it records, and undo (the
//! inverted change applied) putting the plan back as it was.

use chrono::{DateTime, Duration, Utc};

use syncwise::core::infer::Lexicon;
use syncwise::core::ops::{self, Change, OpError, Tweak};
use syncwise::core::patch::{InputError, ItemPatch};
use syncwise::core::week::{Day, IsoWeek};
use syncwise::core::{ChosenMedium, Heat, Intent, Item, Meeting, Plan, Settings, Status};

fn week() -> IsoWeek {
    "2026-W48".parse().unwrap()
}

fn now() -> DateTime<Utc> {
    "2026-11-25T09:00:00Z".parse().unwrap()
}

fn later() -> DateTime<Utc> {
    now() + Duration::hours(1)
}

fn titled(title: &str) -> ItemPatch {
    ItemPatch {
        title: Some(title.to_string()),
        ..ItemPatch::default()
    }
}

/// A plan with three items of 2026-W48: open, done, and open with high heat.
fn plan() -> Plan {
    let mut plan = Plan::default();
    for (title, status) in [
        ("Ship notes", Status::Open),
        ("Old news", Status::Done),
        ("Vendor choice", Status::Open),
    ] {
        let mut item = ops::draft(
            &Settings::default(),
            Lexicon::shipped(),
            week(),
            Day::Tue,
            &titled(title),
            now(),
        )
        .unwrap();
        item.status = status;
        ops::add(&mut plan, item).unwrap();
    }
    plan
}

/// What a plan holds, ids aside from their order: undo restores this (the next id stays
/// advanced, since ids are never reused).
fn content(plan: &Plan) -> (Vec<Item>, Vec<Meeting>, syncwise::core::Settings) {
    let mut items = plan.items.clone();
    items.sort_by_key(|i| i.id);
    (items, plan.meetings.clone(), plan.settings.clone())
}

/// Undoes `change` on `plan`, checks that it gives back `before`, then redoes it and
/// checks that it gives back `after`.
fn undo_redo(plan: &mut Plan, change: &Change, before: &Plan) {
    let after = content(plan);
    ops::apply(plan, &change.inverted()).unwrap();
    assert_eq!(content(plan), content(before), "undo restores the plan");
    ops::apply(plan, change).unwrap();
    assert_eq!(content(plan), after, "redo makes the change again");
}

#[test]
fn add_checks_the_item_and_records_it() {
    let mut plan = plan();
    let before = plan.clone();
    assert_eq!(
        ops::draft(
            &Settings::default(),
            Lexicon::shipped(),
            week(),
            Day::Mon,
            &titled("  "),
            now()
        ),
        Err(OpError::Input(InputError::EmptyTitle))
    );
    assert_eq!(
        ops::draft(
            &Settings::default(),
            Lexicon::shipped(),
            week(),
            Day::Mon,
            &ItemPatch::default(),
            now()
        ),
        Err(OpError::Input(InputError::EmptyTitle))
    );
    let long = ItemPatch {
        minutes: Some(481),
        ..titled("Long")
    };
    assert!(matches!(
        ops::draft(
            &Settings::default(),
            Lexicon::shipped(),
            week(),
            Day::Mon,
            &long,
            now()
        ),
        Err(OpError::Input(InputError::Minutes(_)))
    ));
    // An item built by hand is checked too.
    let mut bad = Item::new(0, "Fine", week(), Day::Mon, now());
    bad.exchanges = 5000;
    assert!(matches!(
        ops::add(&mut plan, bad),
        Err(OpError::Input(InputError::Exchanges(_)))
    ));
    assert_eq!(plan, before, "a refused add changes nothing");

    let item = ops::draft(
        &Settings::default(),
        Lexicon::shipped(),
        week(),
        Day::Mon,
        &titled("  Kick-off  "),
        now(),
    )
    .unwrap();
    let change = ops::add(&mut plan, item).unwrap();
    assert_eq!(change.items.len(), 1);
    assert!(change.items[0].before.is_none());
    let added = change.items[0].after.as_ref().unwrap();
    assert_eq!((added.id, added.title.as_str()), (4, "Kick-off"));
    assert_eq!(plan.item(4), Some(added));
    assert_eq!(change.describe(), "#4");
    undo_redo(&mut plan, &change, &before);
}

#[test]
fn patch_validates_once_whoever_builds_it() {
    let mut plan = plan();
    let before = plan.clone();
    for (bad, error) in [
        (titled(" \t"), InputError::EmptyTitle),
        (titled(&"x".repeat(201)), InputError::LongTitle(201)),
        (
            ItemPatch {
                minutes: Some(0),
                ..ItemPatch::default()
            },
            InputError::Minutes("0".into()),
        ),
        (
            ItemPatch {
                exchanges: Some(1000),
                ..ItemPatch::default()
            },
            InputError::Exchanges("1000".into()),
        ),
    ] {
        assert_eq!(ops::patch(&mut plan, 1, &bad, later()), Err(error.into()));
    }
    assert_eq!(
        ops::patch(&mut plan, 99, &titled("x"), later()),
        Err(OpError::NoItem(99))
    );
    assert_eq!(plan, before);

    let change = ItemPatch {
        heat: Some(Heat::High),
        medium: Some(ChosenMedium::Sync),
        ..titled(" Ship the notes ")
    };
    let recorded = ops::patch(&mut plan, 1, &change, later()).unwrap();
    let after = recorded.items[0].after.as_ref().unwrap();
    assert_eq!(recorded.items[0].before.as_ref(), before.item(1));
    assert_eq!(
        (
            after.title.as_str(),
            after.heat,
            after.medium,
            after.updated
        ),
        ("Ship the notes", Heat::High, ChosenMedium::Sync, later())
    );
    undo_redo(&mut plan, &recorded, &before);

    // A patch that changes nothing leaves the stamp and records a no-op.
    let same = ops::patch(&mut plan, 2, &titled("Old news"), later()).unwrap();
    assert!(same.is_noop());
    assert_eq!(plan.item(2).unwrap().updated, now());
}

#[test]
fn quick_keys_are_patches_and_stay_in_range() {
    let mut plan = plan();
    let before = plan.clone();
    let change = ops::tweak(&mut plan, 1, Tweak::MoreMinutes, later()).unwrap();
    assert_eq!(plan.item(1).unwrap().minutes, 20);
    undo_redo(&mut plan, &change, &before);

    let at = |plan: &mut Plan, minutes, exchanges| {
        let item = plan.item_mut(3).unwrap();
        item.minutes = minutes;
        item.exchanges = exchanges;
    };
    at(&mut plan, 480, 999);
    assert!(
        ops::tweak(&mut plan, 3, Tweak::MoreMinutes, later())
            .unwrap()
            .is_noop()
    );
    assert!(
        ops::tweak(&mut plan, 3, Tweak::Bounce, later())
            .unwrap()
            .is_noop()
    );
    at(&mut plan, 5, 0);
    assert!(
        ops::tweak(&mut plan, 3, Tweak::FewerMinutes, later())
            .unwrap()
            .is_noop()
    );
    ops::tweak(&mut plan, 3, Tweak::Bounce, later()).unwrap();
    assert_eq!(plan.item(3).unwrap().exchanges, 1);

    ops::tweak(&mut plan, 3, Tweak::ToggleDone, later()).unwrap();
    assert_eq!(plan.item(3).unwrap().status, Status::Done);
    ops::tweak(&mut plan, 3, Tweak::ToggleDone, later()).unwrap();
    assert_eq!(plan.item(3).unwrap().status, Status::Open);

    for (tweak, check) in [
        (Tweak::CycleMedium, "medium"),
        (Tweak::FollowRecommendation, "auto"),
        (Tweak::CycleHeat, "heat"),
        (Tweak::NextDay, "wed"),
        (Tweak::PrevDay, "tue"),
        (Tweak::SetIntent(Intent::Decision), "decision"),
    ] {
        let was = plan.item(3).cloned().unwrap();
        ops::tweak(&mut plan, 3, tweak, later()).unwrap();
        let is = plan.item(3).unwrap();
        match check {
            "medium" => assert_eq!(is.medium, was.medium.cycle()),
            "auto" => assert_eq!(is.medium, ChosenMedium::Auto),
            "heat" => assert_eq!(is.heat, was.heat.cycle()),
            "wed" => assert_eq!(is.day, Day::Wed),
            "tue" => assert_eq!(is.day, Day::Tue),
            _ => assert_eq!(is.intent, Intent::Decision),
        }
    }
    assert_eq!(
        ops::tweak(&mut plan, 42, Tweak::CycleHeat, later()),
        Err(OpError::NoItem(42))
    );
}

#[test]
fn status_and_delete_are_recorded_and_undone() {
    let mut plan = plan();
    let before = plan.clone();
    let done = ops::done(&mut plan, 1, later()).unwrap();
    assert_eq!(plan.item(1).unwrap().status, Status::Done);
    undo_redo(&mut plan, &done, &before);
    let dropped = ops::drop(&mut plan, 3, later()).unwrap();
    assert_eq!(plan.item(3).unwrap().status, Status::Dropped);
    ops::reopen(&mut plan, 3, later()).unwrap();
    assert_eq!(plan.item(3).unwrap().status, Status::Open);
    assert_eq!(
        ops::apply(&mut plan, &dropped.inverted()),
        Err(OpError::ItemChanged(3)),
        "an undo refuses once the item moved on"
    );

    let before = plan.clone();
    let deleted = ops::delete(&mut plan, 2).unwrap();
    assert!(plan.item(2).is_none());
    assert_eq!(deleted.items[0].before.as_ref(), before.item(2));
    assert_eq!(ops::delete(&mut plan, 2), Err(OpError::NoItem(2)));
    undo_redo(&mut plan, &deleted, &before);
    // Ids are never reused, even after an undo brought an item back.
    let item = ops::draft(
        &Settings::default(),
        Lexicon::shipped(),
        week(),
        Day::Mon,
        &titled("Next"),
        now(),
    )
    .unwrap();
    let change = ops::add(&mut plan, item).unwrap();
    assert_eq!(change.id(), 4);
}

#[test]
fn carry_moves_only_open_items_forward() {
    let mut plan = plan();
    let to = week().next();
    assert_eq!(
        ops::carry(&mut plan, week(), week(), later()),
        Err(OpError::SameWeek(week()))
    );
    assert_eq!(
        ops::carry(&mut plan, to, week(), later()),
        Err(OpError::Backwards {
            from: to,
            to: week()
        })
    );
    let before = plan.clone();
    assert_eq!(syncwise::core::carry::carriable(&plan, week()).count(), 2);
    let change = ops::carry(&mut plan, week(), to, later()).unwrap();
    let ids: Vec<u32> = change.items.iter().map(|c| c.id()).collect();
    assert_eq!(ids, vec![1, 3]);
    assert_eq!(change.describe(), "2 items");
    for item in change.items_after() {
        assert_eq!(
            (item.week, item.carried_from, item.updated),
            (to, Some(week()), later())
        );
    }
    assert_eq!(plan.item(2).unwrap().week, week());
    assert!(
        ops::carry(&mut plan, week(), to, later())
            .unwrap()
            .items
            .is_empty()
    );
    undo_redo(&mut plan, &change, &before);
}

fn meeting(key: &str, title: &str, status_meeting: bool) -> Meeting {
    let start: DateTime<chrono::FixedOffset> = "2026-11-24T10:00:00+01:00".parse().unwrap();
    Meeting {
        key: key.to_string(),
        uid: key.to_string(),
        title: title.to_string(),
        start,
        end: start + Duration::minutes(30),
        minutes: 30,
        attendees: 6,
        recurring: status_meeting,
        week: week(),
        day: Day::Tue,
        flags: if status_meeting {
            vec![syncwise::core::FlagCode::StatusMeeting]
        } else {
            Vec::new()
        },
        calendar: None,
    }
}

#[test]
fn a_meeting_is_replaced_once_by_a_written_update() {
    let mut plan = plan();
    plan.meetings = vec![
        meeting("standup", "Team standup", true),
        meeting("sync", "Sync", false),
    ];
    let before = plan.clone();
    assert_eq!(
        ops::replace_meeting(&mut plan, "gone", later()),
        Err(OpError::MeetingGone)
    );
    let change = ops::replace_meeting(&mut plan, "standup", later()).unwrap();
    let update = change.items[0].after.clone().unwrap();
    assert_eq!(
        (
            update.title.as_str(),
            update.intent,
            update.medium,
            update.with.as_str(),
            update.replaces.as_deref(),
            update.day,
        ),
        (
            "Written update instead of: Team standup",
            Intent::Status,
            ChosenMedium::Async,
            "6 people",
            Some("standup"),
            Day::Tue
        )
    );
    assert!(plan.is_replaced(&plan.meetings[0]));
    assert_eq!(
        ops::replace_meeting(&mut plan, "standup", later()),
        Err(OpError::AlreadyReplaced {
            id: update.id,
            title: "Team standup".into()
        })
    );
    let other = ops::replace_meeting(&mut plan, "sync", later()).unwrap();
    assert_eq!(other.items_after().next().unwrap().intent, Intent::Fyi);
    ops::apply(&mut plan, &other.inverted()).unwrap();
    undo_redo(&mut plan, &change, &before);
    // Once the update is dropped, the meeting can be replaced again.
    ops::drop(&mut plan, update.id, later()).unwrap();
    assert!(ops::replace_meeting(&mut plan, "standup", later()).is_ok());
    // A long title is cut to what a title may hold.
    plan.meetings.push(meeting("long", &"y".repeat(300), false));
    let long = ops::replace_meeting(&mut plan, "long", later()).unwrap();
    assert_eq!(
        long.items_after().next().unwrap().title.chars().count(),
        200
    );
}

fn calendar(name: Option<&str>) -> syncwise::ics::Calendar {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/week48.ics"
    ))
    .unwrap();
    let text = match name {
        Some(name) => text.replacen(
            "VERSION:2.0",
            &format!("VERSION:2.0\nX-WR-CALNAME:{name}"),
            1,
        ),
        None => text,
    };
    syncwise::ics::parse(&text).unwrap()
}

#[test]
fn an_import_replaces_its_calendar_weeks_and_can_be_undone() {
    let zone = syncwise::ics::user_zone("Europe/Berlin").unwrap();
    let mut plan = plan();
    let settings = plan.settings.clone();
    let work = ops::read_import(&calendar(Some("Work")), &settings, week(), 1, zone, None);
    assert_eq!(work.calendar.as_deref(), Some("Work"));
    assert_eq!(
        (work.weeks.clone(), work.span()),
        (vec![week()], "2026-W48".to_string())
    );
    assert_eq!(work.meetings.len(), 6);
    assert_eq!(work.total_minutes, 210);
    assert!(
        work.meetings
            .iter()
            .all(|m| m.calendar.as_deref() == Some("Work"))
    );
    assert!(
        !work.skipped.is_empty(),
        "the free talk and the focus time are left out"
    );

    let before = plan.clone();
    let first = ops::import_meetings(&mut plan, &work, false, now()).unwrap();
    let recorded = first.meetings.as_ref().unwrap();
    assert_eq!((recorded.removed, recorded.added), (0, 6));
    assert_eq!(plan.meetings.len(), 6);
    assert_eq!(first.describe(), "the calendar");
    undo_redo(&mut plan, &first, &before);

    // Another calendar keeps Work's; importing Work again replaces only Work's.
    let renamed = ops::read_import(&calendar(None), &settings, week(), 1, zone, Some(" Team "));
    assert_eq!(renamed.calendar.as_deref(), Some("Team"));
    ops::import_meetings(&mut plan, &renamed, false, now()).unwrap();
    let again = ops::import_meetings(&mut plan, &work, false, now()).unwrap();
    assert_eq!(again.meetings.as_ref().unwrap().removed, 6);
    assert_eq!(plan.meetings.len(), 12);

    // An empty export does not wipe the stored weeks unless asked to.
    let nothing =
        syncwise::ics::parse("BEGIN:VCALENDAR\r\nX-WR-CALNAME:Work\r\nEND:VCALENDAR\r\n").unwrap();
    let empty = ops::read_import(&nothing, &settings, week().next(), 1, zone, None);
    assert!(empty.meetings.is_empty());
    assert!(
        ops::import_meetings(&mut plan, &empty, false, now())
            .unwrap()
            .is_noop()
    );
    let emptied = ops::Import {
        weeks: vec![week()],
        ..empty.clone()
    };
    let kept = plan.clone();
    assert_eq!(
        ops::import_meetings(&mut plan, &emptied, false, now()),
        Err(OpError::EmptyImport {
            stored: 6,
            span: "2026-W48".into()
        })
    );
    assert_eq!(plan, kept);
    let cleared = ops::import_meetings(&mut plan, &emptied, true, now()).unwrap();
    assert_eq!(plan.meetings.len(), 6, "Team's meetings stay");
    undo_redo(&mut plan, &cleared, &kept);
}

#[test]
fn written_updates_whose_meeting_left_are_counted() {
    let mut plan = plan();
    plan.meetings = vec![meeting("standup", "Team standup", true)];
    ops::replace_meeting(&mut plan, "standup", later()).unwrap();
    assert_eq!(ops::unlinked_updates(&plan), 0);
    plan.meetings.clear();
    assert_eq!(ops::unlinked_updates(&plan), 1);
}

#[test]
fn sample_items_fill_an_empty_plan_and_leave_the_users_own() {
    let mut plan = plan();
    let samples = syncwise::core::demo::demo_week(week(), now());
    let count = samples.len();
    assert_eq!(
        ops::add_samples(&mut plan, samples.clone(), false),
        Err(OpError::NotEmpty(3))
    );
    let before = plan.clone();
    let filled = ops::add_samples(&mut plan, samples, true).unwrap();
    assert_eq!(plan.items.len(), count);
    assert_eq!(filled.items.len(), 3 + count);
    assert!(plan.items.iter().all(|i| i.id > 3), "ids are never reused");
    undo_redo(&mut plan, &filled, &before);

    let mut mixed = plan.clone();
    ops::add_samples(&mut mixed, Vec::new(), true).unwrap();
    let mine = ops::draft(
        &Settings::default(),
        Lexicon::shipped(),
        week(),
        Day::Mon,
        &titled("Mine"),
        now(),
    )
    .unwrap();
    ops::add(&mut mixed, mine).unwrap();
    let mut sample = ops::draft(
        &Settings::default(),
        Lexicon::shipped(),
        week(),
        Day::Mon,
        &titled("Sample"),
        now(),
    )
    .unwrap();
    sample.sample = true;
    ops::add(&mut mixed, sample).unwrap();
    let before = mixed.clone();
    let cleared = ops::clear_samples(&mut mixed).unwrap();
    assert_eq!(cleared.items.len(), 1);
    assert_eq!(mixed.items.len(), 1);
    assert_eq!(mixed.items[0].title, "Mine");
    undo_redo(&mut mixed, &cleared, &before);
}

#[test]
fn a_setting_is_validated_and_recorded() {
    let mut plan = plan();
    let before = plan.clone();
    assert!(matches!(
        ops::set_config(&mut plan, "budget", "0"),
        Err(OpError::Config(_))
    ));
    assert!(matches!(
        ops::set_config(&mut plan, "colour", "red"),
        Err(OpError::Config(_))
    ));
    assert_eq!(plan, before);
    let change = ops::set_config(&mut plan, "budget", "480").unwrap();
    assert_eq!(plan.settings.budget_minutes, 480);
    assert_eq!(change.describe(), "the settings");
    undo_redo(&mut plan, &change, &before);
    plan.settings.budget_minutes = 300;
    assert_eq!(
        ops::apply(&mut plan, &change.inverted()),
        Err(OpError::SettingsChanged)
    );
}
