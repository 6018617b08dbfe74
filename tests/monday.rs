//! The Monday flow through the real binary: carry-over, the written brief, looking back, and
//! settings.

use std::path::Path;

mod common;

use assert_cmd::Command;
use serde_json::Value;

fn syncwise(dir: &Path) -> Command {
    let mut cmd = common::syncwise(dir);
    cmd.env_remove("NO_COLOR");
    cmd
}

fn run_ok(dir: &Path, args: &[&str]) -> String {
    let out = syncwise(dir).args(args).output().expect("run");
    assert!(
        out.status.success(),
        "syncwise {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let mut with_json = args.to_vec();
    with_json.push("--json");
    serde_json::from_str(&run_ok(dir, &with_json)).expect("json")
}

fn fails(dir: &Path, args: &[&str]) -> String {
    let out = syncwise(dir).args(args).output().expect("run");
    assert!(!out.status.success(), "syncwise {args:?} should fail");
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    stderr
}

#[test]
fn carry_moves_open_items_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    run_ok(
        d,
        &[
            "add",
            "Open question",
            "--week",
            "2026-W47",
            "--intent",
            "question",
        ],
    );
    run_ok(
        d,
        &[
            "add",
            "Finished status",
            "--week",
            "2026-W47",
            "--intent",
            "status",
        ],
    );
    run_ok(d, &["done", "2"]);
    run_ok(d, &["add", "Dropped chat", "--week", "2026-W47"]);
    run_ok(d, &["drop", "3"]);

    let first = json(d, &["carry"]);
    assert_eq!(first["from"], "2026-W47");
    assert_eq!(first["to"], "2026-W48");
    assert_eq!(first["carried"], serde_json::json!([1]));

    let second = json(d, &["carry"]);
    assert_eq!(second["carried"], serde_json::json!([]));

    let this_week = json(d, &["list"]);
    let items = this_week.as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["title"], "Open question");
    assert_eq!(items[0]["carried_from"], "2026-W47");
    assert_eq!(
        json(d, &["list", "--week", "2026-W47"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(json(d, &["list", "--all"]).as_array().unwrap().len(), 3);
    assert!(run_ok(d, &["show", "1"]).contains("carried   from 2026-W47"));
}

#[test]
fn carry_refuses_the_same_week_and_bad_weeks() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        fails(
            dir.path(),
            &["carry", "--from", "2026-W48", "--to", "2026-W48"]
        )
        .contains("same week")
    );
    assert!(fails(dir.path(), &["carry", "--from", "2026-W60"]).contains("W53"));
    assert!(
        fails(
            dir.path(),
            &["carry", "--from", "2026-W48", "--to", "2026-W47"]
        )
        .contains("forward")
    );
    assert!(!dir.path().join("plans.json").exists());
}

#[test]
fn export_markdown_of_the_demo_week_matches_the_golden_file() {
    let dir = tempfile::tempdir().unwrap();
    run_ok(dir.path(), &["demo"]);
    let markdown = run_ok(dir.path(), &["export"]);
    assert!(!markdown.contains('\u{1b}'));
    insta::assert_snapshot!("demo_week_brief", markdown);
}

#[test]
fn export_leaves_out_empty_sections_and_strips_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    run_ok(
        d,
        &[
            "add",
            "Shipped \u{1b}[31mthe importer",
            "--intent",
            "status",
            "--with",
            "Team",
        ],
    );
    run_ok(
        d,
        &[
            "add",
            "Can we drop IE11?",
            "--intent",
            "question",
            "--with",
            "Web",
            "--day",
            "fri",
        ],
    );
    let markdown = run_ok(d, &["export"]);
    insta::assert_snapshot!("status_and_ask_brief", markdown);

    let brief = json(d, &["export", "--format", "json"]);
    assert_eq!(brief["week"], "2026-W48");
    assert_eq!(brief["asks"][0]["date"], "2026-11-27");
    assert_eq!(brief["syncs"], serde_json::json!([]));
}

#[test]
fn review_agrees_with_budget_for_every_week() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    run_ok(d, &["demo", "--items", "400", "--seed", "3"]);
    let review = json(d, &["review", "--weeks", "6"]);
    let weeks = review.as_array().unwrap();
    assert_eq!(weeks.len(), 6);
    assert_eq!(weeks[5]["week"], "2026-W48");
    for week in weeks {
        let name = week["week"].as_str().unwrap();
        let budget = json(d, &["budget", "--week", name]);
        assert_eq!(
            week["budget"]["sync_minutes"], budget["sync_minutes"],
            "{name}"
        );
        assert_eq!(week["budget"]["zone"], budget["zone"], "{name}");
        let by_medium = &week["by_medium"];
        let total: u64 = ["async", "sync", "brief-then-sync"]
            .iter()
            .map(|m| by_medium[m].as_u64().unwrap())
            .sum();
        assert_eq!(total, week["items"].as_u64().unwrap());
        let listed = json(d, &["list", "--week", name]);
        let live = listed
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["status"] != "dropped")
            .count() as u64;
        assert_eq!(week["items"].as_u64().unwrap(), live, "{name}");
    }
    let text = run_ok(d, &["review", "--weeks", "2"]);
    assert_eq!(text.lines().count(), 3);
    assert!(text.lines().nth(2).unwrap().starts_with("2026-W48"));
}

#[test]
fn config_sets_valid_values_and_refuses_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(run_ok(d, &["config", "get", "budget"]).trim(), "600");
    assert_eq!(
        run_ok(d, &["config", "set", "budget", "300"]).trim(),
        "budget = 300"
    );
    run_ok(d, &["config", "set", "red-line", "60"]);
    run_ok(d, &["config", "set", "working-days", "mon,tue,thu"]);
    run_ok(d, &["config", "set", "timezone", "europe/berlin"]);
    let settings = json(d, &["config"]);
    assert_eq!(settings["budget_minutes"], 300);
    assert_eq!(settings["red_line_minutes"], 60);
    assert_eq!(
        settings["working_days"],
        serde_json::json!(["mon", "tue", "thu"])
    );
    assert_eq!(settings["timezone"], "Europe/Berlin");

    // Every timebox of the policy is a setting, listed with the others.
    assert_eq!(
        run_ok(d, &["config", "set", "timebox.feedback", "45"]).trim(),
        "timebox.feedback = 45"
    );
    let listed = run_ok(d, &["config", "list"]);
    assert!(
        listed
            .lines()
            .any(|l| l.starts_with("timebox.feedback    45 ")),
        "{listed}"
    );
    assert!(listed.contains("timebox.rapport     30 "), "{listed}");
    assert!(!listed.contains("timebox.crisis"));
    assert_eq!(json(d, &["config"])["timeboxes"]["feedback"], 45);
    // `timebox` alone is the decision timebox, as before the table.
    run_ok(d, &["config", "set", "timebox", "20"]);
    assert_eq!(
        run_ok(d, &["config", "get", "timebox.decision"]).trim(),
        "20"
    );
    let talk = json(d, &["recommend", "Feedback to Sam", "--intent", "feedback"]);
    assert_eq!(talk["minutes"], 45, "a new sync takes its intent's timebox");
    assert_eq!(talk["recommendation"]["timebox_minutes"], 45);

    // The budget follows the settings.
    run_ok(
        d,
        &[
            "add",
            "Hard talk",
            "--intent",
            "conflict",
            "--minutes",
            "90",
            "--day",
            "tue",
        ],
    );
    let budget = json(d, &["budget"]);
    assert_eq!(budget["budget_minutes"], 300);
    assert_eq!(budget["per_day"][1]["over_red_line"], true);

    let before = std::fs::read(d.join("plans.json")).unwrap();
    for (key, value, expect) in [
        ("budget", "0", "1 to 10080"),
        ("budget", "many", "whole number"),
        ("red-line", "-3", "whole number"),
        ("timebox", "500", "1 to 240"),
        (
            "timebox.feedback",
            "0",
            "timebox.feedback must be a whole number from 1 to 240",
        ),
        ("timebox.crisis", "60", "a crisis has no timebox"),
        ("timebox.meeting", "30", "timebox.<intent>"),
        ("working-days", "someday", "mon, tue"),
        ("timezone", "Mars/Olympus", "IANA"),
        ("colour", "blue", "valid: budget"),
    ] {
        let err = fails(d, &["config", "set", key, value]);
        assert!(err.contains(expect), "{key}={value}: {err}");
    }
    assert!(fails(d, &["config", "get", "colour"]).contains("unknown setting"));
    assert_eq!(std::fs::read(d.join("plans.json")).unwrap(), before);
}

#[test]
fn completions_and_man_page_come_from_the_cli_definition() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let script = run_ok(dir.path(), &["completions", shell]);
        assert!(
            script.contains("carry") && script.contains("recommend"),
            "{shell}"
        );
    }
    assert!(fails(dir.path(), &["completions", "tcsh"]).contains("tcsh"));
    let man = run_ok(dir.path(), &["man"]);
    assert!(man.starts_with(".ie") || man.contains(".TH syncwise"));
    assert!(man.contains("recommend"));
}

#[test]
fn the_keys_listing_is_a_valid_keys_conf() {
    let dir = tempfile::tempdir().unwrap();
    let listing = run_ok(dir.path(), &["keys"]);
    assert!(listing.contains("cycle-medium"), "{listing}");
    let rebound = listing.replace("down                 = j down", "down = n down");
    std::fs::write(dir.path().join("keys.conf"), rebound).unwrap();
    let keys = json(dir.path(), &["keys"]);
    let down = keys
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["action"] == "down")
        .unwrap();
    assert_eq!(down["keys"], serde_json::json!(["n", "↓"]));

    std::fs::write(dir.path().join("keys.conf"), "down = j\nfly = z\n").unwrap();
    let err = fails(dir.path(), &["keys"]);
    assert!(
        err.contains("keys.conf line 2: unknown action 'fly'"),
        "{err}"
    );
}
