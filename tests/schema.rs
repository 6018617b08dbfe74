//! The store file, as the real binary writes it, matches `assets/plans.schema.json`;
//! documents that break the model's vocabulary or shape do not.

mod common;

use std::fs;
use std::path::Path;

use chrono::{TimeZone, Utc};
use common::syncwise;
use serde_json::{Value, json};
use syncwise::core::week::{Day, IsoWeek};
use syncwise::core::{Agenda, ChosenMedium, Heat, Intent, Item, Plan, Status};

const SCHEMA: &str = include_str!("../assets/plans.schema.json");

fn schema() -> Value {
    serde_json::from_str(SCHEMA).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema())
        .expect("the schema compiles")
}

/// Every validation error, with where it is, for assertion messages.
fn errors(validator: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    validator
        .iter_errors(doc)
        .map(|e| format!("{} (at {})", e, e.instance_path))
        .collect()
}

fn assert_valid(validator: &jsonschema::Validator, doc: &Value) {
    let found = errors(validator, doc);
    assert!(
        found.is_empty(),
        "document does not match the schema: {found:#?}"
    );
}

fn store(dir: &Path) -> Value {
    let text = fs::read_to_string(dir.join("plans.json")).expect("the store exists");
    serde_json::from_str(&text).expect("the store is JSON")
}

/// A store written by the binary: the demo week, an item with every flag, and changes
/// that exercise `set --exchanges/--status`, `done` and `drop`.
fn cli_store(dir: &Path) -> Value {
    syncwise(dir).arg("demo").assert().success();
    syncwise(dir)
        .args([
            "add",
            "  Go/no-go on the ledger cut-over  ",
            "--with",
            "Finance eng, SRE",
            "--intent",
            "decision",
            "--heat",
            "high",
            "--minutes",
            "480",
            "--day",
            "sun",
            "--week",
            "2026-W53",
            "--medium",
            "brief-then-sync",
            "--agenda",
            "Cut over on 1 Dec? | runbook | a go or a no-go",
            "--notes",
            "Bring the rollback plan",
        ])
        .assert()
        .success();
    syncwise(dir)
        .args(["add", "Two lines\nof title", "--minutes", "1", "--private"])
        .assert()
        .success();
    syncwise(dir)
        .args(["set", "15", "--exchanges", "999", "--status", "dropped"])
        .assert()
        .success();
    syncwise(dir).args(["done", "1"]).assert().success();
    syncwise(dir).args(["drop", "2"]).assert().success();
    syncwise(dir)
        .args(["set", "3", "--medium", "auto", "--agenda", ""])
        .assert()
        .success();
    syncwise(dir)
        .args(["config", "set", "email", "Me@Example.com"])
        .assert()
        .success();
    syncwise(dir)
        .args(["config", "set", "timebox.feedback", "45"])
        .assert()
        .success();
    store(dir)
}

#[test]
fn the_schema_is_a_valid_draft_2020_12_schema() {
    let schema = schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    if let Err(e) = jsonschema::draft202012::meta::validate(&schema) {
        panic!("schema is not valid draft 2020-12: {e}");
    }
}

#[test]
fn the_store_the_cli_writes_matches_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let doc = cli_store(dir.path());
    assert_valid(&validator(), &doc);

    // The run above really produced what it claims, so the schema saw every field.
    let items = doc["items"].as_array().unwrap();
    assert_eq!(items.len(), 16);
    let full = items.iter().find(|i| i["id"] == 15).unwrap();
    assert_eq!(full["title"], "Go/no-go on the ledger cut-over");
    assert_eq!(full["week"], "2026-W53");
    assert_eq!(full["medium"], "brief-then-sync");
    assert_eq!(full["exchanges"], 999);
    assert_eq!(full["status"], "dropped");
    assert_eq!(full["agenda"]["outcome"], "a go or a no-go");
    for status in ["open", "done", "dropped"] {
        assert!(items.iter().any(|i| i["status"] == status), "{status}");
    }
    assert!(items.iter().any(|i| i["private"] == true));
    assert_eq!(doc["settings"]["timeboxes"]["feedback"], 45);
    assert!(doc["settings"].get("timebox_minutes").is_none());
    let mut ids: Vec<u64> = items.iter().map(|i| i["id"].as_u64().unwrap()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), items.len(), "ids are unique");
    assert!(doc["next_id"].as_u64().unwrap() > *ids.last().unwrap());
}

#[test]
fn a_synthetic_store_matches_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    syncwise(dir.path())
        .args(["demo", "--items", "400", "--seed", "11"])
        .assert()
        .success();
    let doc = store(dir.path());
    assert_eq!(doc["items"].as_array().unwrap().len(), 400);
    assert_valid(&validator(), &doc);
}

#[test]
fn optional_fields_are_described_when_present_and_absent_when_not() {
    let week: IsoWeek = "2026-W48".parse().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 25, 8, 0, 0).unwrap();
    let mut plan = Plan::default();
    let mut carried = Item::new(0, "Carried review", week, Day::Tue, now);
    carried.carried_from = Some(week.prev());
    carried.intent = Intent::Review;
    carried.heat = Heat::Medium;
    carried.medium = ChosenMedium::Sync;
    carried.status = Status::Done;
    carried.agenda = Agenda::parse("p | r | o");
    carried.updated = now + chrono::Duration::milliseconds(1234);
    plan.add(carried);
    plan.add(Item::new(0, "Plain", week, Day::Sat, now));
    plan.settings.timezone = Some("Europe/Paris".into());
    let mut slotted = Item::new(0, "Slotted", week, Day::Wed, now);
    slotted.at = chrono::NaiveTime::from_hms_opt(10, 30, 0);
    slotted.at_pinned = true;
    plan.add(slotted);
    plan.people
        .push(syncwise::core::people::person("Sam", "sam@example.com").unwrap());

    let doc = serde_json::to_value(&plan).unwrap();
    assert_eq!(doc["items"][0]["carried_from"], "2026-W47");
    assert!(doc["items"][1].get("carried_from").is_none());
    assert_eq!(
        (&doc["items"][2]["at"], &doc["items"][2]["at_pinned"]),
        (&json!("10:30"), &json!(true))
    );
    for absent in ["at", "at_pinned"] {
        assert!(doc["items"][1].get(absent).is_none(), "{absent}");
    }
    assert_eq!(doc["settings"]["hours"], "09:00-17:00");
    assert_eq!(doc["settings"]["focus_minutes"], 120);
    assert_eq!(doc["people"][0]["email"], "sam@example.com");
    let back: Plan = serde_json::from_value(doc.clone()).unwrap();
    assert_eq!(back, plan);
    assert_eq!(doc["settings"]["timezone"], "Europe/Paris");
    assert_valid(&validator(), &doc);

    plan.settings.timezone = None;
    plan.people.clear();
    let doc = serde_json::to_value(&plan).unwrap();
    assert!(doc["settings"].get("timezone").is_none());
    assert!(doc.get("people").is_none());
    assert_valid(&validator(), &doc);
}

/// A store written before the policy table, with one `timebox_minutes`, still matches the
/// schema, loads, and keeps its meaning: a timebox the user set holds for every intent.
#[test]
fn a_store_from_before_the_policy_table_loads_with_its_meaning() {
    let dir = tempfile::tempdir().unwrap();
    syncwise(dir.path()).arg("demo").assert().success();
    let current = store(dir.path());
    let validator = validator();
    for (legacy, expected) in [(15, [15, 30]), (25, [25, 25])] {
        let old = with(
            &without(&current, "/settings/timeboxes"),
            "/settings/timebox_minutes",
            json!(legacy),
        );
        assert_valid(&validator, &old);
        fs::write(dir.path().join("plans.json"), old.to_string()).unwrap();
        for (key, minutes) in ["timebox.decision", "timebox.feedback"]
            .into_iter()
            .zip(expected)
        {
            syncwise(dir.path())
                .args(["config", "get", key])
                .assert()
                .success()
                .stdout(format!("{minutes}\n"));
        }
        // The next save writes the table, which the schema also describes.
        syncwise(dir.path())
            .args(["config", "set", "budget", "500"])
            .assert()
            .success();
        let saved = store(dir.path());
        assert!(saved["settings"].get("timebox_minutes").is_none());
        assert_eq!(saved["settings"]["timeboxes"]["feedback"], expected[1]);
        assert_valid(&validator, &saved);
    }
}

/// Sets the value at a JSON pointer (the parent must exist).
fn with(doc: &Value, pointer: &str, value: Value) -> Value {
    let mut doc = doc.clone();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let parent = doc.pointer_mut(parent).unwrap();
    match parent {
        Value::Object(map) => {
            map.insert(key.to_string(), value);
        }
        Value::Array(list) => list[key.parse::<usize>().unwrap()] = value,
        _ => panic!("{pointer}: parent is not a container"),
    }
    doc
}

fn without(doc: &Value, pointer: &str) -> Value {
    let mut doc = doc.clone();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    doc.pointer_mut(parent)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .remove(key)
        .expect("the field exists");
    doc
}

#[test]
fn documents_that_break_the_model_fail_validation() {
    let dir = tempfile::tempdir().unwrap();
    syncwise(dir.path()).arg("demo").assert().success();
    let good = store(dir.path());
    let validator = validator();
    assert_valid(&validator, &good);

    let bad: Vec<(&str, Value)> = vec![
        (
            "intent meeting",
            with(&good, "/items/0/intent", json!("meeting")),
        ),
        (
            "medium meeting",
            with(&good, "/items/0/medium", json!("meeting")),
        ),
        (
            "medium in capitals",
            with(&good, "/items/0/medium", json!("Sync")),
        ),
        ("heat warm", with(&good, "/items/0/heat", json!("warm"))),
        ("at 25:00", with(&good, "/items/0/at", json!("25:00"))),
        (
            "at with seconds",
            with(&good, "/items/0/at", json!("10:30:00")),
        ),
        (
            "at_pinned false",
            with(&good, "/items/0/at_pinned", json!(false)),
        ),
        ("hours 9-5", with(&good, "/settings/hours", json!("9-5"))),
        (
            "focus 721",
            with(&good, "/settings/focus_minutes", json!(721)),
        ),
        (
            "person without email",
            with(&good, "/people", json!([{"name": "Sam"}])),
        ),
        (
            "email without @",
            with(&good, "/settings/email", json!("me at example")),
        ),
        ("day someday", with(&good, "/items/0/day", json!("someday"))),
        (
            "full day name",
            with(&good, "/items/0/day", json!("monday")),
        ),
        ("status gone", with(&good, "/items/0/status", json!("gone"))),
        (
            "week without W",
            with(&good, "/items/0/week", json!("2026-48")),
        ),
        ("week banana", with(&good, "/items/0/week", json!("banana"))),
        ("week 60", with(&good, "/items/0/week", json!("2026-W60"))),
        ("week 00", with(&good, "/items/0/week", json!("2026-W00"))),
        ("minutes 0", with(&good, "/items/0/minutes", json!(0))),
        ("minutes 481", with(&good, "/items/0/minutes", json!(481))),
        ("minutes -5", with(&good, "/items/0/minutes", json!(-5))),
        ("minutes text", with(&good, "/items/0/minutes", json!("15"))),
        ("minutes 1.5", with(&good, "/items/0/minutes", json!(1.5))),
        ("exchanges -1", with(&good, "/items/0/exchanges", json!(-1))),
        ("id 0", with(&good, "/items/0/id", json!(0))),
        ("empty title", with(&good, "/items/0/title", json!(""))),
        (
            "untrimmed title",
            with(&good, "/items/0/title", json!(" x ")),
        ),
        (
            "long title",
            with(&good, "/items/0/title", json!("x".repeat(201))),
        ),
        ("with null", with(&good, "/items/0/with", json!(null))),
        (
            "extra item field",
            with(&good, "/items/0/colour", json!("red")),
        ),
        (
            "agenda string",
            with(&good, "/items/0/agenda", json!("p | r | o")),
        ),
        (
            "agenda extra field",
            with(&good, "/items/0/agenda/owner", json!("me")),
        ),
        (
            "agenda missing outcome",
            without(&good, "/items/1/agenda/outcome"),
        ),
        (
            "carried_from banana",
            with(&good, "/items/0/carried_from", json!("banana")),
        ),
        (
            "created not a date",
            with(&good, "/items/0/created", json!("yesterday")),
        ),
        (
            "created impossible date",
            with(&good, "/items/0/created", json!("2026-02-30T08:00:00Z")),
        ),
        ("missing created", without(&good, "/items/0/created")),
        ("missing intent", without(&good, "/items/0/intent")),
        ("missing status", without(&good, "/items/0/status")),
        ("version 2", with(&good, "/version", json!(2))),
        ("version 99", with(&good, "/version", json!(99))),
        ("version text", with(&good, "/version", json!("1"))),
        ("next_id 0", with(&good, "/next_id", json!(0))),
        ("next_id negative", with(&good, "/next_id", json!(-1))),
        ("missing items", without(&good, "/items")),
        ("missing next_id", without(&good, "/next_id")),
        ("items object", with(&good, "/items", json!({}))),
        ("extra top field", with(&good, "/shape", json!("unknown"))),
        (
            "extra settings field",
            with(&good, "/settings/theme", json!("dark")),
        ),
        (
            "working day unknown",
            with(&good, "/settings/working_days/0", json!("someday")),
        ),
        (
            "budget negative",
            with(&good, "/settings/budget_minutes", json!(-600)),
        ),
        (
            "timezone number",
            with(&good, "/settings/timezone", json!(1)),
        ),
        (
            "a crisis timebox",
            with(&good, "/settings/timeboxes/crisis", json!(60)),
        ),
        (
            "timebox 0",
            with(&good, "/settings/timeboxes/feedback", json!(0)),
        ),
        (
            "timebox 241",
            with(&good, "/settings/timeboxes/decision", json!(241)),
        ),
        (
            "timebox missing an intent",
            without(&good, "/settings/timeboxes/rapport"),
        ),
        (
            "both timebox forms",
            with(&good, "/settings/timebox_minutes", json!(15)),
        ),
        ("no timebox at all", without(&good, "/settings/timeboxes")),
        (
            "private false",
            with(&good, "/items/0/private", json!(false)),
        ),
    ];
    for (what, doc) in &bad {
        assert_ne!(doc, &good, "{what}: the mutation changed nothing");
        assert!(
            !validator.is_valid(doc),
            "{what}: a broken document passed validation"
        );
    }
}

/// Calendar subscriptions as the binary stores them (every optional field set, and the
/// state of a sync) match the schema; a bad kind or an unknown field does not.
#[test]
fn subscriptions_match_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    syncwise(dir.path()).arg("demo").assert().success();
    syncwise(dir.path())
        .args([
            "calendar",
            "add",
            "Team",
            "http://dav.example.com/dav/team/",
            "--caldav",
            "--user",
            "alice",
            "--password-cmd",
            "pass show team",
            "--insecure-http",
            "--write",
        ])
        .assert()
        .success();
    syncwise(dir.path())
        .args([
            "calendar",
            "add",
            "Public",
            "webcal://cal.example.com/p.ics",
        ])
        .assert()
        .success();
    let validator = validator();
    let doc = store(dir.path());
    assert_valid(&validator, &doc);
    assert_eq!(doc["calendars"][0]["kind"], "caldav");
    assert_eq!(doc["calendars"][0]["insecure_http"], true);
    assert_eq!(doc["calendars"][0]["write"], true);
    assert!(doc["calendars"][1].get("write").is_none());
    assert_eq!(doc["calendars"][1]["kind"], "feed");
    assert!(doc["calendars"][1].get("user").is_none());

    let synced = with(
        &with(
            &with(
                &with(
                    &doc,
                    "/calendars/1/last_sync",
                    json!("2026-11-25T08:00:00Z"),
                ),
                "/calendars/1/etag",
                json!("\"v1\""),
            ),
            "/calendars/1/weeks",
            json!(["2026-W48", "2026-W49"]),
        ),
        "/calendars/1/last_error",
        json!("cannot connect"),
    );
    assert_valid(&validator, &synced);
    let pushed = with(
        &doc,
        "/calendars/0/pushed",
        json!({ "syncwise-4-20261123T080000Z@syncwise": "\"e1\"" }),
    );
    assert_valid(&validator, &pushed);
    let loaded: Plan = serde_json::from_value(pushed).unwrap();
    assert_eq!(loaded.calendars[0].pushed.len(), 1);
    let loaded: Plan = serde_json::from_value(synced).unwrap();
    assert_eq!(loaded.calendars[1].weeks.len(), 2);

    for bad in [
        with(&doc, "/calendars/0/kind", json!("exchange")),
        with(&doc, "/calendars/0/password", json!("hunter2")),
        with(&doc, "/calendars/0/url", json!("ftp://x/")),
        with(&doc, "/calendars/0/name", json!("")),
        with(&doc, "/calendars/0/write", json!(false)),
        with(&doc, "/calendars/0/pushed", json!({ "u": 1 })),
    ] {
        assert!(!errors(&validator, &bad).is_empty(), "{bad}");
    }
}
