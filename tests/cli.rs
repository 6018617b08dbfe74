//! The `syncwise` binary, end to end: every subcommand in text and `--json` mode, and the
//! promise on bad input (one line on stderr, a non-zero exit, the store untouched).

use std::collections::BTreeSet;
use std::fs;

mod common;

use common::cli::Sw;

use serde_json::Value;

/// The week of `common::TODAY`.
const WEEK: &str = "2026-W48";
/// Pinned dates stand for 08:00 local time; the tests run with TZ=UTC.
const NOW: &str = "2026-11-25T08:00:00Z";

const INTENTS: &str = "status, fyi, decided, question, review, decision, brainstorm, conflict, feedback, rapport, crisis";
const HEATS: &str = "low, medium, high";
const MEDIUMS: &str = "auto, async, sync, brief-then-sync";
const DAYS: &str = "mon, tue, wed, thu, fri, sat, sun";
const STATUSES: &str = "open, done, dropped";
const WARNING_CODES: [&str; 8] = [
    "status-meeting",
    "answerable-in-writing",
    "conflict-by-text",
    "crisis-by-text",
    "vague-agenda",
    "over-timebox",
    "late-brief",
    "back-and-forth",
];
const ITEM_KEYS: [&str; 15] = [
    "id",
    "title",
    "with",
    "intent",
    "heat",
    "minutes",
    "day",
    "week",
    "medium",
    "agenda",
    "notes",
    "exchanges",
    "status",
    "created",
    "updated",
];

fn demo_week_len() -> usize {
    let entries: Vec<Value> =
        serde_json::from_str(include_str!("../assets/demo-week.json")).unwrap();
    entries.len()
}

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect()
}

/// Checks the shape every item report has, and returns the item part of it.
fn check_report(report: &Value) -> Value {
    let mut expected: BTreeSet<&str> = ITEM_KEYS.into_iter().collect();
    expected.extend(["effective_medium", "recommendation"]);
    // Written only when set: where an item was carried from, the meeting it replaces,
    // whether syncwise made it up as sample data, whether it is private, and how its
    // intent was read from its title.
    let mut present = keys(report);
    for flag in ["sample", "private"] {
        if report.get(flag).is_some() {
            assert_eq!(report[flag], true, "{flag} is written only when true");
        }
    }
    // How the intent was read from the title, when no intent was given.
    if let Some(inferred) = report.get("inferred") {
        assert_eq!(
            keys(inferred),
            BTreeSet::from(["intent", "words"]),
            "{report}"
        );
        assert_eq!(inferred["intent"], report["intent"], "{report}");
    }
    present.retain(|k| {
        ![
            "carried_from",
            "replaces",
            "sample",
            "private",
            "inferred",
            "at",
            "at_pinned",
        ]
        .contains(k)
    });
    assert_eq!(present, expected, "{report}");
    assert_eq!(
        keys(&report["agenda"]),
        BTreeSet::from(["problem", "pre_read", "outcome"])
    );
    let rec = &report["recommendation"];
    assert_eq!(
        keys(rec),
        BTreeSet::from(["medium", "timebox_minutes", "reasons", "warnings"])
    );
    assert!(["async", "sync", "brief-then-sync"].contains(&rec["medium"].as_str().unwrap()));
    assert!(rec["timebox_minutes"].is_null() || rec["timebox_minutes"].is_u64());
    let reasons = rec["reasons"].as_array().unwrap();
    assert!(!reasons.is_empty());
    assert!(reasons.iter().all(|r| !r.as_str().unwrap().is_empty()));
    for w in rec["warnings"].as_array().unwrap() {
        assert_eq!(keys(w), BTreeSet::from(["code", "message"]));
        assert!(WARNING_CODES.contains(&w["code"].as_str().unwrap()), "{w}");
        assert!(w["message"].as_str().unwrap().ends_with('.'));
    }
    let expected_effective = match report["medium"].as_str().unwrap() {
        "auto" => rec["medium"].clone(),
        chosen => Value::from(chosen),
    };
    assert_eq!(report["effective_medium"], expected_effective);

    let mut item = report.clone();
    let map = item.as_object_mut().unwrap();
    map.remove("effective_medium");
    map.remove("recommendation");
    item
}

fn codes(report: &Value) -> Vec<&str> {
    report["recommendation"]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect()
}

const EVERY_FLAG: [&str; 19] = [
    "add",
    "Go/no-go on the billing ledger",
    "--with",
    "Finance eng, SRE",
    "--intent",
    "decision",
    "--heat",
    "medium",
    "--minutes",
    "30",
    "--day",
    "thu",
    "--week",
    "2026-W49",
    "--medium",
    "sync",
    "--agenda",
    "Cut over on 1 Dec? | rollback runbook | a go or a no-go",
    "--notes",
];

fn add_every_flag(sw: &Sw, json: bool) -> String {
    let mut args = EVERY_FLAG.to_vec();
    args.push("Bring the cut-over plan");
    if json {
        args.insert(0, "--json");
    }
    sw.ok(&args)
}

#[test]
fn add_with_every_flag_json() {
    let sw = Sw::new();
    let report: Value = serde_json::from_str(&add_every_flag(&sw, true)).unwrap();
    let item = check_report(&report);
    assert_eq!(report["id"], 1);
    assert_eq!(report["title"], "Go/no-go on the billing ledger");
    assert_eq!(report["with"], "Finance eng, SRE");
    assert_eq!(report["intent"], "decision");
    assert_eq!(report["heat"], "medium");
    assert_eq!(report["minutes"], 30);
    assert_eq!(report["day"], "thu");
    assert_eq!(report["week"], "2026-W49");
    assert_eq!(report["medium"], "sync");
    assert_eq!(report["agenda"]["problem"], "Cut over on 1 Dec?");
    assert_eq!(report["agenda"]["pre_read"], "rollback runbook");
    assert_eq!(report["agenda"]["outcome"], "a go or a no-go");
    assert_eq!(report["notes"], "Bring the cut-over plan");
    assert_eq!(report["exchanges"], 0);
    assert_eq!(report["status"], "open");
    assert_eq!(report["created"], NOW);
    assert_eq!(report["updated"], NOW);
    // A decision needing buy-in is brief-then-sync; the chosen sync overrides it and runs
    // past the 15-minute timebox.
    assert_eq!(report["effective_medium"], "sync");
    assert_eq!(report["recommendation"]["medium"], "brief-then-sync");
    assert_eq!(report["recommendation"]["timebox_minutes"], 15);
    assert_eq!(codes(&report), ["over-timebox"]);

    // The store holds exactly the item part of the report.
    let plan = sw.plan();
    assert_eq!(plan["version"], 1);
    assert_eq!(plan["next_id"], 2);
    assert_eq!(plan["items"].as_array().unwrap().len(), 1);
    assert_eq!(sw.stored(1), item);
}

#[test]
fn add_with_every_flag_text() {
    let sw = Sw::new();
    let text = add_every_flag(&sw, false);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "Added #1: Go/no-go on the billing ledger (2026-W49 thu)"
    );
    assert_eq!(lines[1], "  recommended: brief-then-sync, timebox 15 min");
    assert!(lines[2].starts_with("  chosen: sync (differs"), "{text}");
    assert!(text.contains("\n  ! over-timebox: "), "{text}");
    assert!(!text.contains("status-meeting"), "{text}");
    let item = sw.stored(1);
    assert_eq!(item["intent"], "decision");
    assert_eq!(item["medium"], "sync");
    assert_eq!(item["week"], "2026-W49");
    assert_eq!(item["notes"], "Bring the cut-over plan");
}

#[test]
fn add_fills_in_defaults() {
    let sw = Sw::new();
    // A title that points to no intent: the default, said to be a guess.
    let report = sw.json(&["add", "  Lunch plans  "]);
    check_report(&report);
    assert_eq!(report["title"], "Lunch plans");
    assert_eq!(report["with"], "");
    assert_eq!(report["intent"], "fyi");
    assert_eq!(
        report["inferred"],
        serde_json::json!({"intent": "fyi", "words": []})
    );
    assert_eq!(report["heat"], "low");
    assert_eq!(report["minutes"], 15);
    assert_eq!(report["week"], WEEK);
    assert_eq!(report["day"], "wed", "today, in this week");
    assert_eq!(report["medium"], "auto");
    assert_eq!(report["status"], "open");
    assert_eq!(report["effective_medium"], "async");
    assert_eq!(report["recommendation"]["timebox_minutes"], Value::Null);
    assert!(codes(&report).is_empty());

    // Another week starts on its Monday; ids keep counting.
    let later = sw.json(&["add", "Plan the offsite", "--week", "2026-W50"]);
    assert_eq!(
        (later["id"].as_u64(), later["day"].as_str()),
        (Some(2), Some("mon"))
    );
    // Lowercase w and full day names are accepted and normalised.
    let other = sw.json(&["add", "Retro", "--week", "2027-w1", "--day", "Friday"]);
    assert_eq!(other["week"], "2027-W01");
    assert_eq!(other["day"], "fri");
    assert_eq!(sw.plan()["next_id"], 4);
}

#[test]
fn dir_flag_works_and_wins_over_the_environment() {
    let sw = Sw::new();
    let other = tempfile::tempdir().unwrap();
    let nested = other.path().join("a/b");
    let out = sw
        .cmd()
        .args(["--dir", nested.to_str().unwrap(), "add", "Elsewhere"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        nested.join("plans.json").is_file(),
        "missing directories are created"
    );
    assert!(sw.bytes().is_none(), "SYNCWISE_DIR was not used");
    // Flags may come after the subcommand too.
    let out = sw
        .cmd()
        .args(["list", "--json", "--dir", nested.to_str().unwrap()])
        .output()
        .unwrap();
    let listed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed[0]["title"], "Elsewhere");
}

/// Items over three weeks: returns nothing, the ids are 1..=5 in this order.
fn three_weeks(sw: &Sw) {
    sw.ok(&[
        "add",
        "Friday rapport",
        "--intent",
        "rapport",
        "--day",
        "fri",
    ]);
    sw.ok(&[
        "add",
        "Next week's review",
        "--intent",
        "review",
        "--week",
        "2026-W49",
    ]);
    sw.ok(&[
        "add",
        "Monday status",
        "--intent",
        "status",
        "--day",
        "mon",
        "--medium",
        "sync",
    ]);
    sw.ok(&[
        "add",
        "Last week's question",
        "--intent",
        "question",
        "--week",
        "2026-W47",
    ]);
    sw.ok(&["add", "Also Monday", "--day", "mon"]);
}

fn ids(list: &Value) -> Vec<u64> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_u64().unwrap())
        .collect()
}

#[test]
fn list_this_week_a_given_week_and_all() {
    let sw = Sw::new();
    three_weeks(&sw);

    // This week, by day then id.
    let this = sw.json(&["list"]);
    assert_eq!(ids(&this), [3, 5, 1]);
    for report in this.as_array().unwrap() {
        let item = check_report(report);
        assert_eq!(item, sw.stored(item["id"].as_u64().unwrap()));
    }
    assert_eq!(sw.json(&["list", "--week", WEEK]), this);
    assert_eq!(ids(&sw.json(&["list", "--week", "2026-W49"])), [2]);
    assert_eq!(ids(&sw.json(&["list", "--week", "2026-W47"])), [4]);
    assert_eq!(
        sw.json(&["list", "--week", "2026-W52"]),
        Value::Array(vec![])
    );
    // Every week, by week, day and id.
    assert_eq!(ids(&sw.json(&["list", "--all"])), [4, 3, 5, 1, 2]);

    let text = sw.ok(&["list"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "2026-W48 · 23–29 Nov · 3 items");
    assert!(lines[1].trim_start().starts_with("ID  WEEK"), "{text}");
    let row: Vec<&str> = lines[2].split_whitespace().collect();
    assert_eq!(
        row[..8],
        ["3", WEEK, "sync*", "mon", "15", "status", "low", "open"]
    );
    assert_eq!(row[row.len() - 1], "status-meeting");
    assert!(lines[3].contains("Also Monday") && lines[4].contains("Friday rapport"));
    assert!(text.contains("* chosen medium differs from the recommendation"));
    assert!(!text.contains("Next week's review") && !text.contains("Last week's question"));

    let next = sw.ok(&["list", "--week", "2026-W49"]);
    assert!(
        next.starts_with("2026-W49 · 30 Nov – 6 Dec · 1 item\n"),
        "{next}"
    );
    assert!(next.contains("Next week's review"));

    let all = sw.ok(&["list", "--all"]);
    let order: Vec<usize> = [
        "Last week's question",
        "Monday status",
        "Also Monday",
        "Friday rapport",
        "Next week's review",
    ]
    .iter()
    .map(|t| all.find(t).unwrap_or_else(|| panic!("{t} missing: {all}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{all}");

    let empty = sw.ok(&["list", "--week", "2026-W52"]);
    assert!(
        empty.starts_with("2026-W52 · 21–27 Dec · 0 items\nNothing planned."),
        "{empty}"
    );
}

#[test]
fn list_on_a_missing_store_is_empty_and_creates_nothing() {
    let sw = Sw::new();
    assert_eq!(sw.json(&["list", "--all"]), Value::Array(vec![]));
    assert!(sw.ok(&["list"]).contains("Nothing planned."));
    assert!(sw.bytes().is_none());
}

#[test]
fn show_in_text_and_json() {
    let sw = Sw::new();
    add_every_flag(&sw, true);
    let report = sw.json(&["show", "1"]);
    assert_eq!(check_report(&report), sw.stored(1));
    assert_eq!(report, sw.json(&["list", "--week", "2026-W49"])[0]);

    let text = sw.ok(&["show", "1"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "#1 Go/no-go on the billing ledger");
    for expected in [
        "  with      Finance eng, SRE",
        "  week      2026-W49 thu (Thu 3 Dec)",
        "  intent    decision (a decision still to make, needs buy-in)",
        "  heat      medium",
        "  medium    sync → sync",
        "  minutes   30",
        "  status    open",
        "  exchanges 0",
        "  shared    yes",
        "  problem   Cut over on 1 Dec?",
        "  pre-read  rollback runbook",
        "  outcome   a go or a no-go",
        "  notes     Bring the cut-over plan",
        "  recommended: brief-then-sync, timebox 15 min",
    ] {
        assert!(
            lines.contains(&expected),
            "{expected:?} missing from\n{text}"
        );
    }
    assert!(text.contains("  ! over-timebox: "));
}

#[test]
fn set_changes_each_field_on_its_own() {
    let sw = Sw::new();
    sw.ok(&["add", "Explain the reorg"]);
    let created = sw.stored(1);
    let cases: [(&[&str], &str, Value); 13] = [
        (
            &["--title", "  Explain the new reorg "],
            "title",
            "Explain the new reorg".into(),
        ),
        (&["--with", "Whole team"], "with", "Whole team".into()),
        (&["--intent", "feedback"], "intent", "feedback".into()),
        (&["--heat", "high"], "heat", "high".into()),
        (&["--minutes", "45"], "minutes", 45.into()),
        (&["--day", "fri"], "day", "fri".into()),
        (&["--week", "2026-W49"], "week", "2026-W49".into()),
        (
            &["--medium", "brief-then-sync"],
            "medium",
            "brief-then-sync".into(),
        ),
        (
            &["--agenda", "Why now | org chart | questions answered"],
            "agenda",
            serde_json::json!({"problem": "Why now", "pre_read": "org chart", "outcome": "questions answered"}),
        ),
        (
            &["--notes", "Before the all-hands"],
            "notes",
            "Before the all-hands".into(),
        ),
        (&["--exchanges", "4"], "exchanges", 4.into()),
        (&["--status", "done"], "status", "done".into()),
        (&["--private"], "private", true.into()),
    ];
    let mut expected = created.clone();
    for (flags, field, value) in cases {
        let before = sw.stored(1);
        let mut args = vec!["--json", "set", "1"];
        args.extend_from_slice(flags);
        let out = sw
            .cmd()
            .args(&args)
            .env("SYNCWISE_TODAY", "2026-11-26")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        let item = check_report(&report);
        expected[field] = value;
        if field == "intent" {
            // The intent is the user's choice now, no longer read from the title.
            assert!(expected.get("inferred").is_some(), "{expected}");
            expected.as_object_mut().unwrap().remove("inferred");
        }
        expected["updated"] = "2026-11-26T08:00:00Z".into();
        assert_eq!(item, expected, "{args:?}");
        assert_eq!(sw.stored(1), expected, "{args:?}");
        assert_ne!(sw.stored(1), before, "{args:?} changed nothing");
    }
    assert_eq!(sw.stored(1)["created"], NOW);

    // A change to the same value leaves the update stamp alone. (Giving the intent of an
    // item whose intent was read from its title is a change: it is no longer a reading.)
    sw.ok(&["add", "Unchanged", "--intent", "fyi"]);
    let out = sw
        .cmd()
        .args(["set", "2", "--heat", "low", "--intent", "fyi"])
        .env("SYNCWISE_TODAY", "2026-11-27")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(sw.stored(2)["updated"], NOW);
}

#[test]
fn a_new_item_takes_its_intents_length_and_privacy_unless_told() {
    let sw = Sw::new();
    let feedback = sw.json(&[
        "add",
        "Feedback to Sam on the write-up",
        "--intent",
        "feedback",
    ]);
    assert_eq!(
        (feedback["minutes"].as_u64(), feedback["private"].as_bool()),
        (Some(30), Some(true))
    );
    assert!(
        codes(&feedback).is_empty(),
        "a 30-minute 1:1 is normal: {feedback}"
    );
    let text = sw.ok(&["show", "1"]);
    assert!(text.contains("  shared    no: private"), "{text}");
    let told = sw.json(&[
        "add",
        "Settle the launch date",
        "--intent",
        "conflict",
        "--minutes",
        "20",
        "--shared",
    ]);
    assert_eq!(told["minutes"], 20);
    assert!(told.get("private").is_none());
    let war_room = sw.json(&["add", "Checkout is down", "--intent", "crisis"]);
    assert_eq!(war_room["minutes"], 60);
    assert!(war_room.get("private").is_none());
    // Changing the intent later keeps the length and privacy the item has.
    let moved = sw.json(&["set", "1", "--intent", "decision"]);
    assert_eq!(
        (moved["minutes"].as_u64(), moved["private"].as_bool()),
        (Some(30), Some(true))
    );
    let shared = sw.json(&["set", "1", "--shared"]);
    assert!(shared.get("private").is_none());
    sw.fails(
        &["add", "Both", "--private", "--shared"],
        &[],
        &["cannot be used with"],
    );
}

#[test]
fn set_reclassifies_and_the_recommendation_follows() {
    let sw = Sw::new();
    sw.ok(&[
        "add",
        "Which regions does the export API cover?",
        "--intent",
        "question",
    ]);
    assert_eq!(sw.json(&["show", "1"])["effective_medium"], "async");

    // Three bounces: the recommendation becomes a call.
    let report = sw.json(&["set", "1", "--exchanges", "3"]);
    assert_eq!(report["recommendation"]["medium"], "sync");
    assert_eq!(report["effective_medium"], "sync");
    // Forcing async now warns about the bouncing thread.
    let report = sw.json(&["set", "1", "--medium", "async"]);
    assert_eq!(report["effective_medium"], "async");
    assert_eq!(codes(&report), ["back-and-forth"]);

    let text = sw.ok(&[
        "set",
        "1",
        "--medium",
        "sync",
        "--exchanges",
        "0",
        "--title",
        "Export API regions",
    ]);
    assert!(
        text.starts_with("Changed #1: Export API regions (2026-W48 wed)\n"),
        "{text}"
    );
    assert!(text.contains("  recommended: async\n"), "{text}");
    assert!(text.contains("  ! answerable-in-writing: "), "{text}");
    let item = sw.stored(1);
    assert_eq!(
        (item["medium"].as_str(), item["exchanges"].as_u64()),
        (Some("sync"), Some(0))
    );
}

#[test]
fn done_drop_and_rm() {
    let sw = Sw::new();
    for title in ["Ship notes", "Kill the beta", "Typo item"] {
        sw.ok(&["add", title]);
    }
    let text = sw.ok(&["done", "1"]);
    assert!(
        text.starts_with("Done #1: Ship notes (2026-W48 wed)\n"),
        "{text}"
    );
    assert_eq!(sw.stored(1)["status"], "done");
    let report = sw.json(&["drop", "2"]);
    assert_eq!(check_report(&report), sw.stored(2));
    assert_eq!(report["status"], "dropped");
    assert!(sw.ok(&["drop", "1"]).starts_with("Dropped #1: "));
    assert_eq!(sw.stored(1)["status"], "dropped");
    let report = sw.json(&["done", "1"]);
    assert_eq!(report["status"], "done");

    let report = sw.json(&["rm", "3"]);
    assert_eq!(report["id"], 3);
    assert_eq!(report["title"], "Typo item");
    assert!(sw.ok(&["rm", "2"]).starts_with("Deleted #2: Kill the beta"));
    assert_eq!(ids(&sw.json(&["list", "--all"])), [1]);
    sw.fails(&["show", "3"], &[], &["#3"]);
    // Ids are never reused.
    assert_eq!(sw.json(&["add", "Fresh"])["id"], 4);
}

/// A week with a hand-computed budget (see the comments for each item's minutes).
fn budget_week(sw: &Sw) {
    let add = |args: &[&str]| {
        sw.ok(args);
    };
    // Monday: 60 + 30 + 45 + 60 = 195, over the 180-minute red line.
    add(&[
        "add",
        "Pricing conflict with sales",
        "--intent",
        "conflict",
        "--minutes",
        "60",
        "--day",
        "mon",
    ]);
    add(&[
        "add",
        "Go/no-go on the ledger",
        "--intent",
        "decision",
        "--minutes",
        "30",
        "--day",
        "mon",
    ]);
    add(&[
        "add",
        "Status meeting",
        "--intent",
        "status",
        "--medium",
        "sync",
        "--minutes",
        "45",
        "--day",
        "mon",
    ]);
    add(&[
        "add",
        "Release notes",
        "--intent",
        "fyi",
        "--minutes",
        "50",
        "--day",
        "mon",
    ]); // async: 0
    add(&[
        "add",
        "Intro with the new manager",
        "--intent",
        "rapport",
        "--minutes",
        "60",
        "--day",
        "mon",
    ]);
    add(&["done", "5"]); // done still took the time
    // Tuesday: 20 (a heated question goes brief-then-sync).
    add(&[
        "add",
        "Ideas for Q1",
        "--intent",
        "brainstorm",
        "--minutes",
        "100",
        "--day",
        "tue",
    ]);
    add(&["drop", "6"]); // dropped: 0
    add(&[
        "add",
        "Feedback to Sam",
        "--intent",
        "feedback",
        "--medium",
        "async",
        "--minutes",
        "90",
        "--day",
        "tue",
    ]); // async: 0
    add(&[
        "add",
        "Who owns the pager?",
        "--intent",
        "question",
        "--heat",
        "high",
        "--minutes",
        "20",
        "--day",
        "tue",
    ]);
    // Wednesday: 25 (a question that bounced three times becomes a call).
    add(&[
        "add",
        "Export regions",
        "--intent",
        "question",
        "--minutes",
        "25",
        "--day",
        "wed",
    ]);
    add(&["set", "9", "--exchanges", "3"]);
    // Friday: 240, a crisis with no timebox, over the red line.
    add(&[
        "add",
        "EU outage war room",
        "--intent",
        "crisis",
        "--minutes",
        "240",
        "--day",
        "fri",
    ]);
    // Next week: not in this week's budget.
    add(&[
        "add",
        "Next week's conflict",
        "--intent",
        "conflict",
        "--minutes",
        "100",
        "--day",
        "thu",
        "--week",
        "2026-W49",
    ]);
}

fn per_day(budget: &Value) -> Vec<(String, u64, bool)> {
    budget["per_day"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            assert_eq!(keys(d), BTreeSet::from(["day", "minutes", "over_red_line"]));
            (
                d["day"].as_str().unwrap().to_string(),
                d["minutes"].as_u64().unwrap(),
                d["over_red_line"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn days(minutes: [u64; 7], red_line: u64) -> Vec<(String, u64, bool)> {
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .into_iter()
        .zip(minutes)
        .map(|(d, m)| (d.to_string(), m, m > red_line))
        .collect()
}

fn share(budget: &Value) -> f64 {
    budget["share"].as_f64().unwrap()
}

#[test]
fn budget_matches_hand_computed_minutes() {
    let sw = Sw::new();
    budget_week(&sw);

    let budget = sw.json(&["budget"]);
    for key in [
        "week",
        "budget_minutes",
        "sync_minutes",
        "share",
        "zone",
        "per_day",
    ] {
        assert!(budget.get(key).is_some(), "{key} missing from {budget}");
    }
    assert_eq!(budget["week"], WEEK);
    assert_eq!(budget["budget_minutes"], 600);
    assert_eq!(budget["sync_minutes"], 480);
    assert!((share(&budget) - 0.8).abs() < 1e-9, "{budget}");
    assert_eq!(budget["zone"], "amber", "80 % of the budget is amber");
    assert_eq!(per_day(&budget), days([195, 20, 25, 0, 240, 0, 0], 180));
    assert_eq!(sw.json(&["budget", "--week", WEEK]), budget);

    let text = sw.ok(&["budget"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "2026-W48 · 23–29 Nov");
    assert_eq!(
        lines[1],
        "sync time: 480 of 600 min (80%) · amber · 120 min left"
    );
    assert!(
        lines[2].starts_with("  mon  195 min █")
            && lines[2].ends_with("  over the 180-min red line"),
        "{text}"
    );
    assert!(
        lines[3].starts_with("  tue   20 min █") && !lines[3].contains("red line"),
        "{text}"
    );
    assert_eq!(lines[5], "  thu    0 min ");
    assert!(lines[6].ends_with("over the 180-min red line"), "{text}");
    assert_eq!(lines.len(), 9);

    let next = sw.json(&["budget", "--week", "2026-W49"]);
    assert_eq!(next["sync_minutes"], 100);
    assert!((share(&next) - 100.0 / 600.0).abs() < 1e-9);
    assert_eq!(next["zone"], "green");
    assert_eq!(per_day(&next), days([0, 0, 0, 100, 0, 0, 0], 180));

    // 150 more on Saturday: 630 of 600 is red, and Saturday alone is under the line.
    sw.ok(&[
        "add",
        "Weekend escalation call",
        "--intent",
        "conflict",
        "--minutes",
        "150",
        "--day",
        "sat",
    ]);
    let red = sw.json(&["budget"]);
    assert_eq!(red["sync_minutes"], 630);
    assert!((share(&red) - 1.05).abs() < 1e-9);
    assert_eq!(red["zone"], "red");
    assert_eq!(per_day(&red), days([195, 20, 25, 0, 240, 150, 0], 180));
    assert!(
        sw.ok(&["budget"])
            .contains("sync time: 630 of 600 min (105%) · red · 0 min left")
    );

    // Reclassifying moves time in and out of the budget.
    sw.ok(&["set", "12", "--medium", "async"]);
    sw.ok(&["set", "4", "--medium", "brief-then-sync"]);
    let after = sw.json(&["budget"]);
    assert_eq!(after["sync_minutes"], 480 + 50);
    assert_eq!(per_day(&after), days([245, 20, 25, 0, 240, 0, 0], 180));
}

#[test]
fn budget_of_the_demo_week_and_of_an_empty_week() {
    let sw = Sw::new();
    let empty = sw.json(&["budget"]);
    assert_eq!(empty["sync_minutes"], 0);
    assert_eq!(share(&empty), 0.0);
    assert_eq!(empty["zone"], "green");
    assert_eq!(per_day(&empty), days([0; 7], 180));
    assert!(sw.bytes().is_none(), "budget saves nothing");

    sw.ok(&["demo"]);
    // Syncs of the demo week: Monday's war room (60); a high-heat fyi on Tuesday (15); the
    // status meeting (30) and the conflict (30) on Wednesday; the go/no-go (15), an intro
    // (30) and the hiring decision (60) on Thursday; the pricing brainstorm (30) and the
    // "Quick chat" (30) on Friday.
    let budget = sw.json(&["budget"]);
    assert_eq!(budget["sync_minutes"], 300);
    assert!((share(&budget) - 0.5).abs() < 1e-9);
    assert_eq!(budget["zone"], "green");
    assert_eq!(per_day(&budget), days([60, 15, 60, 105, 60, 0, 0], 180));
}

#[test]
fn recommend_prints_the_item_and_saves_nothing() {
    let sw = Sw::new();
    let report = sw.json(&[
        "recommend",
        "EU region outage",
        "--with",
        "SRE",
        "--intent",
        "crisis",
        "--heat",
        "high",
        "--minutes",
        "120",
        "--day",
        "thu",
        "--week",
        WEEK,
        "--medium",
        "auto",
        "--agenda",
        "Restore writes | status page | a lead and a plan",
        "--notes",
        "Page the DB team",
    ]);
    check_report(&report);
    assert_eq!(report["id"], 0);
    assert_eq!(report["title"], "EU region outage");
    assert_eq!(report["minutes"], 120);
    assert_eq!(report["recommendation"]["medium"], "sync");
    assert_eq!(
        report["recommendation"]["timebox_minutes"],
        Value::Null,
        "a war room has no timebox"
    );
    assert!(codes(&report).is_empty(), "{report}");
    assert!(sw.bytes().is_none(), "recommend created the store");
    assert!(sw.strays().is_empty());

    let text = sw.ok(&[
        "recommend",
        "Weekly status",
        "--intent",
        "status",
        "--medium",
        "sync",
    ]);
    assert!(
        text.starts_with("Not saved: Weekly status (2026-W48 wed)\n"),
        "{text}"
    );
    assert!(text.contains("  recommended: async\n"));
    // A meeting that should be a written update gets that one warning, not three.
    assert!(text.contains("  ! status-meeting: "), "{text}");
    assert_eq!(text.matches("  ! ").count(), 1, "{text}");
    assert!(sw.bytes().is_none());

    // Every what-if: a thread that bounced, a status, privacy either way.
    let bounced = sw.json(&[
        "recommend",
        "Which regions does the export API cover?",
        "--intent",
        "question",
        "--exchanges",
        "3",
    ]);
    assert_eq!(bounced["recommendation"]["medium"], "sync");
    let first = bounced["recommendation"]["reasons"][0].as_str().unwrap();
    assert!(first.contains("back and forth"), "{first}");
    let written = sw.json(&[
        "recommend",
        "Which regions does the export API cover?",
        "--intent",
        "question",
        "--exchanges",
        "3",
        "--medium",
        "async",
    ]);
    assert_eq!(codes(&written), ["back-and-forth"]);
    let done = sw.json(&[
        "recommend",
        "Go/no-go on the cut-over",
        "--intent",
        "decision",
        "--agenda",
        "Cut over? | runbook | a go or a no-go",
        "--day",
        "wed",
        "--status",
        "done",
    ]);
    assert_eq!(done["status"], "done");
    assert!(codes(&done).is_empty(), "a done sync is not late: {done}");
    let feedback = sw.json(&["recommend", "Feedback to Sam", "--intent", "feedback"]);
    assert_eq!(feedback["private"], true, "private by its intent's row");
    assert_eq!(feedback["minutes"], 30, "the intent's timebox");
    let shared = sw.json(&[
        "recommend",
        "Feedback to Sam",
        "--intent",
        "feedback",
        "--shared",
    ]);
    assert!(shared.get("private").is_none());
    let private = sw.json(&["recommend", "Release notes", "--private"]);
    assert_eq!(private["private"], true);
    assert!(sw.bytes().is_none());

    // With a store: it stays byte for byte the same.
    sw.ok(&["demo"]);
    let before = sw.bytes();
    let hot = sw.json(&["recommend", "Reorg rumours", "--heat", "high"]);
    assert_eq!(hot["recommendation"]["medium"], "brief-then-sync");
    assert_eq!(hot["effective_medium"], "brief-then-sync");
    sw.ok(&["recommend", "Sync", "--intent", "brainstorm"]);
    assert_eq!(sw.bytes(), before);
}

#[test]
fn demo_fills_the_week_in_text_and_json() {
    let count = demo_week_len();
    let sw = Sw::new();
    let text = sw.ok(&["demo"]);
    assert_eq!(
        text,
        format!(
            "Filled {} with the demo week ({count} items in {WEEK}). Run `syncwise` to plan it.\n",
            sw.path().display()
        )
    );
    let list = sw.json(&["list"]);
    assert_eq!(list.as_array().unwrap().len(), count);
    assert_eq!(ids(&sw.json(&["list", "--all"])).len(), count);
    for report in list.as_array().unwrap() {
        check_report(report);
        assert_eq!(report["week"], WEEK);
        assert_eq!(report["created"], NOW);
    }
    let mut all_ids = ids(&list);
    all_ids.sort_unstable();
    assert_eq!(all_ids, (1..=count as u64).collect::<Vec<_>>());
    assert_eq!(sw.plan()["next_id"], count as u64 + 1);

    let other = Sw::new();
    let summary = other.json(&["demo"]);
    assert_eq!(summary["items"], count as u64);
    assert_eq!(summary["week"], WEEK);
    assert_eq!(summary["store"], other.path().to_str().unwrap());
    assert_eq!(
        other.bytes(),
        sw.bytes(),
        "the demo week is the same every time"
    );
}

#[test]
fn demo_with_items_and_seed_is_reproducible() {
    let a = Sw::new();
    let b = Sw::new();
    let c = Sw::new();
    let summary = a.json(&["demo", "--items", "200", "--seed", "42"]);
    assert_eq!(summary["items"], 200);
    let text = b.ok(&["demo", "--items", "200", "--seed", "42"]);
    assert!(text.contains("200 synthetic items"), "{text}");
    c.ok(&["demo", "--items", "200", "--seed", "43"]);
    assert_eq!(a.bytes(), b.bytes());
    assert_ne!(a.bytes(), c.bytes());

    let all = a.json(&["list", "--all"]);
    let items = all.as_array().unwrap();
    assert_eq!(items.len(), 200);
    let mut seen = BTreeSet::new();
    for report in items {
        check_report(report);
        assert!(seen.insert(report["id"].as_u64().unwrap()), "duplicate id");
        let week = report["week"].as_str().unwrap();
        // The year up to and including this week: 2025-W49 ..= 2026-W48.
        assert!(("2025-W49"..=WEEK).contains(&week), "{week}");
    }
    assert_eq!(a.plan()["next_id"], 201);
}

#[test]
fn demo_refuses_a_non_empty_store_and_force_replaces_it() {
    let sw = Sw::new();
    sw.ok(&["add", "Mine, keep it"]);
    let path = sw.path().display().to_string();
    sw.fails(&["demo"], &[], &[&path, "--force"]);
    sw.fails(&["--json", "demo"], &[], &[&path, "--force"]);
    sw.fails(&["demo", "--items", "10"], &[], &[&path, "--force"]);
    assert_eq!(sw.json(&["list", "--all"])[0]["title"], "Mine, keep it");

    let summary = sw.json(&["demo", "--force"]);
    assert_eq!(summary["items"], demo_week_len());
    let titles: Vec<Value> = sw
        .json(&["list", "--all"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].clone())
        .collect();
    assert_eq!(titles.len(), demo_week_len());
    assert!(!titles.contains(&Value::from("Mine, keep it")));

    // Replacing items never hands out an id again.
    let before = sw.plan()["next_id"].as_u64().unwrap();
    sw.ok(&["demo", "--items", "5", "--seed", "9", "--force"]);
    let fresh = ids(&sw.json(&["list", "--all"]));
    assert_eq!(fresh.len(), 5);
    assert!(
        fresh.iter().all(|id| *id >= before),
        "{fresh:?} reuse ids below {before}"
    );
    assert_eq!(sw.plan()["next_id"], before + 5);
    assert_eq!(sw.json(&["add", "After the demo"])["id"], before + 5);
}

#[test]
fn unknown_vocabulary_names_the_value_and_lists_the_valid_ones() {
    let sw = Sw::new();
    sw.ok(&["add", "Existing"]);
    let cases: [(&[&str], &[&str]); 9] = [
        (
            &["add", "t", "--intent", "meeting"],
            &["meeting", "intent", INTENTS],
        ),
        (
            &["set", "1", "--intent", "meeting"],
            &["meeting", "intent", INTENTS],
        ),
        (&["recommend", "t", "--intent", "chat"], &["chat", INTENTS]),
        (&["add", "t", "--heat", "warm"], &["warm", "heat", HEATS]),
        (&["set", "1", "--heat", "lukewarm"], &["lukewarm", HEATS]),
        (
            &["add", "t", "--medium", "meeting"],
            &["meeting", "medium", MEDIUMS],
        ),
        (&["add", "t", "--day", "someday"], &["someday", "day", DAYS]),
        (&["set", "1", "--day", "funday"], &["funday", DAYS]),
        (
            &["set", "1", "--status", "gone"],
            &["gone", "status", STATUSES],
        ),
    ];
    for (args, needles) in cases {
        sw.fails(args, &[], needles);
        let mut json = vec!["--json"];
        json.extend_from_slice(args);
        sw.fails(&json, &[], needles);
    }
}

#[test]
fn malformed_and_impossible_weeks_are_refused() {
    let sw = Sw::new();
    sw.ok(&["add", "Existing"]);
    for command in [
        &["add", "t"][..],
        &["set", "1"],
        &["recommend", "t"],
        &["list"],
        &["budget"],
    ] {
        for (week, needles) in [
            ("2026-48", &["2026-48", "YYYY-Www"][..]),
            ("banana", &["banana", "YYYY-Www"]),
            ("2026-W60", &["2026-W60", "W53"]),
            ("2025-W53", &["2025-W53", "W52"]),
            ("2026-W00", &["2026-W00"]),
        ] {
            let mut args = command.to_vec();
            args.extend(["--week", week]);
            sw.fails(&args, &[], needles);
        }
    }
    sw.fails(
        &["list", "--all", "--week", WEEK],
        &[],
        &["--all", "--week"],
    );
}

#[test]
fn bad_minutes_and_exchanges_are_refused() {
    let sw = Sw::new();
    sw.ok(&["add", "Existing"]);
    for value in ["-5", "abc", "0", "481", "1.5", ""] {
        let quoted = format!("'{value}'");
        for command in [&["add", "t"][..], &["set", "1"], &["recommend", "t"]] {
            let mut args = command.to_vec();
            args.extend(["--minutes", value]);
            sw.fails(&args, &[], &["minutes", &quoted, "1 to 480"]);
        }
    }
    for value in ["-1", "many", "1000"] {
        sw.fails(
            &["set", "1", "--exchanges", value],
            &[],
            &["exchanges", value],
        );
    }
}

#[test]
fn empty_titles_are_refused() {
    let sw = Sw::new();
    sw.ok(&["add", "Existing"]);
    for title in ["", "   ", "\t"] {
        sw.fails(&["add", title], &[], &["title is empty"]);
        sw.fails(&["recommend", title], &[], &["title is empty"]);
        sw.fails(&["set", "1", "--title", title], &[], &["title is empty"]);
    }
    let long = "x".repeat(201);
    sw.fails(&["add", &long], &[], &["201 characters", "200"]);
}

#[test]
fn unknown_ids_are_refused() {
    let sw = Sw::new();
    sw.ok(&["add", "Existing"]);
    for args in [
        &["show", "99"][..],
        &["set", "99", "--heat", "high"],
        &["done", "99"],
        &["drop", "99"],
        &["rm", "99"],
        &["--json", "show", "99"],
        &["--json", "rm", "99"],
    ] {
        sw.fails(args, &[], &["#99", "list --all"]);
    }
    // Also on a store that does not exist yet: it still does not exist afterwards.
    let fresh = Sw::new();
    for args in [
        &["show", "1"][..],
        &["set", "1", "--heat", "high"],
        &["done", "1"],
        &["drop", "1"],
        &["rm", "1"],
    ] {
        fresh.fails(args, &[], &["#1"]);
    }
    assert!(fresh.bytes().is_none());
    // Ids that are not numbers at all.
    sw.fails(&["show", "one"], &[], &["one"]);
    sw.fails(&["rm", "-1"], &[], &["-1"]);
}

#[test]
fn set_without_a_change_is_refused() {
    let sw = Sw::new();
    sw.ok(&["add", "Existing"]);
    sw.fails(
        &["set", "1"],
        &[],
        &[
            "nothing to change on #1",
            "--title",
            "--exchanges",
            "--status",
        ],
    );
    sw.fails(&["--json", "set", "1"], &[], &["nothing to change"]);
}

#[test]
fn a_directory_that_cannot_be_written_is_reported() {
    let sw = Sw::new();
    // A regular file where a directory should be: no permission trick, so it holds as root.
    let elsewhere = tempfile::tempdir().unwrap();
    let blocker = elsewhere.path().join("blocker");
    fs::write(&blocker, b"not a directory").unwrap();
    for dir in [blocker.join("sub"), blocker.clone()] {
        let shown = dir.display().to_string();
        for args in [
            &["add", "Cannot land"][..],
            &["demo"],
            &["demo", "--items", "10", "--force"],
            &["set", "1", "--heat", "high"],
            &["done", "1"],
            &["rm", "1"],
        ] {
            let mut full = vec!["--dir", shown.as_str()];
            full.extend_from_slice(args);
            sw.fails(&full, &[], &[&shown]);
            let mut env = sw.cmd();
            env.env("SYNCWISE_DIR", &dir).args(args);
            let out = env.output().unwrap();
            assert!(!out.status.success());
            assert_eq!(String::from_utf8(out.stderr).unwrap().lines().count(), 1);
        }
    }
    assert_eq!(fs::read(&blocker).unwrap(), b"not a directory");
    sw.fails(&["--dir", "", "add", "x"], &[], &["--dir"]);
}

#[test]
fn an_invalid_pinned_date_is_refused() {
    let sw = Sw::new();
    sw.ok(&["add", "Existing"]);
    for today in ["bogus", "2026-02-30", "25/11/2026", "2026-W48"] {
        for args in [
            &["list"][..],
            &["add", "t"],
            &["done", "1"],
            &["budget"],
            &["demo", "--force"],
        ] {
            sw.fails(
                args,
                &[("SYNCWISE_TODAY", today)],
                &["SYNCWISE_TODAY", today],
            );
        }
    }
    // A pinned time of day is accepted.
    let out = sw
        .cmd()
        .env("SYNCWISE_TODAY", "2026-11-25T16:30")
        .args(["--json", "add", "Late"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["created"], "2026-11-25T16:30:00Z");
}

#[test]
fn help_lists_every_subcommand_and_touches_nothing() {
    let sw = Sw::new();
    let out = sw.ok(&["--help"]);
    for command in [
        "add",
        "list",
        "show",
        "set",
        "done",
        "drop",
        "rm",
        "budget",
        "recommend",
        "demo",
    ] {
        assert!(
            out.contains(&format!("  {command} ")),
            "{command} missing from help:\n{out}"
        );
    }
    assert!(sw.bytes().is_none());
    assert!(sw.strays().is_empty());
}
