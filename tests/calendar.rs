//! Calendar meetings in the product: `audit` and `import` through the real binary, the
//! budget counting them, and the TUI turning a flagged meeting into a written update.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::Value;
use syncwise::core::{ChosenMedium, Intent};
use syncwise::store::Store;
use syncwise::tui::keymap::Keymap;
use syncwise::tui::theme::Theme;
use syncwise::tui::{App, Event, buffer_text, draw};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/week48.ics")
}

fn syncwise(dir: &Path) -> Command {
    let mut cmd = common::syncwise(dir);
    cmd.env("TZ", "Europe/Berlin");
    cmd
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = syncwise(dir).args(args).arg("--json").output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn audit_lists_the_weeks_meetings_with_flags_and_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixture();
    let audit = json(dir.path(), &["audit", file.to_str().unwrap()]);
    assert_eq!(audit["week"], "2026-W48");
    assert_eq!(audit["tz"], "Europe/Berlin");
    let meetings = audit["meetings"].as_array().unwrap();
    // Five standups and one sync; the all-day offsite is not sync time.
    assert_eq!(meetings.len(), 6);
    assert_eq!(audit["total_minutes"], 5 * 30 + 60);
    let standup = &meetings[0];
    assert_eq!(standup["start"], "2026-11-23T09:00:00+01:00");
    assert_eq!(standup["end"], "2026-11-23T09:30:00+01:00");
    assert_eq!(standup["attendees"], 9);
    assert_eq!(standup["recurring"], true);
    let codes: Vec<&str> = standup["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    for code in [
        "status-meeting",
        "over-timebox",
        "large-meeting",
        "no-end-date",
    ] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    let sync = meetings.iter().find(|m| m["title"] == "Sync").unwrap();
    assert!(sync["flags"].to_string().contains("vague-agenda"));
    // Focus time with no one else is not a conversation, and a talk shown as free holds
    // none of the user's time: both skipped, not counted.
    let skipped = audit["skipped"].to_string();
    assert!(skipped.contains("Focus time"), "{skipped}");
    assert!(skipped.contains("Optional lunch talk"), "{skipped}");
    assert!(skipped.contains("shown as free"), "{skipped}");
    assert!(!dir.path().join("plans.json").exists());

    let text = syncwise(dir.path())
        .args(["audit", file.to_str().unwrap(), "--tz", "America/New_York"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.starts_with("2026-W48 · America/New_York · 6 meetings · 210 min"),
        "{text}"
    );
    assert!(text.contains("Mon 03:00"), "{text}");
}

#[test]
fn the_audit_holds_meetings_to_the_users_timebox() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixture();
    let file = file.to_str().unwrap();
    let codes = |meeting: &Value| -> Vec<String> {
        meeting["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    };
    let before = json(dir.path(), &["audit", file]);
    assert!(codes(&before["meetings"][0]).contains(&"over-timebox".to_string()));

    // A 30-minute standup fits a 30-minute status timebox; the 60-minute sync still does
    // not.
    json(dir.path(), &["config", "set", "timebox.status", "30"]);
    let after = json(dir.path(), &["audit", file]);
    let standup = &after["meetings"][0];
    assert_eq!(standup["minutes"], 30);
    assert!(
        !codes(standup).contains(&"over-timebox".to_string()),
        "{standup}"
    );
    assert!(codes(standup).contains(&"status-meeting".to_string()));
    let sync = after["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["title"] == "Sync")
        .unwrap();
    assert!(codes(sync).contains(&"over-timebox".to_string()), "{sync}");

    // What an import stores is judged the same way.
    json(dir.path(), &["import", file]);
    let plan: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("plans.json")).unwrap())
            .unwrap();
    let stored = plan["meetings"].as_array().unwrap();
    let over = stored
        .iter()
        .filter(|m| m["flags"].to_string().contains("over-timebox"))
        .count();
    assert_eq!(over, 1, "only the hour-long sync: {stored:?}");
}

#[test]
fn import_counts_meetings_in_the_budget_and_a_reimport_replaces_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixture();
    let file = file.to_str().unwrap();
    let dry = json(dir.path(), &["import", file, "--dry-run"]);
    assert_eq!(dry["meetings"], 6);
    assert!(!dir.path().join("plans.json").exists());

    let first = json(dir.path(), &["import", file, "--weeks", "2"]);
    assert_eq!(first["weeks"], serde_json::json!(["2026-W48", "2026-W49"]));
    assert_eq!(first["meetings"], 11);
    assert_eq!(first["replaced"], 0);
    let again = json(dir.path(), &["import", file, "--weeks", "2"]);
    assert_eq!(again["replaced"], 11);
    let plan: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("plans.json")).unwrap())
            .unwrap();
    assert_eq!(
        plan["meetings"].as_array().unwrap().len(),
        11,
        "no duplicates"
    );

    let budget = json(dir.path(), &["budget"]);
    assert_eq!(budget["sync_minutes"], 210);
    assert_eq!(budget["meeting_minutes"], 210);
    assert_eq!(budget["per_day"][2]["minutes"], 90);
    let review = json(dir.path(), &["review", "--weeks", "1"]);
    assert_eq!(review[0]["budget"]["sync_minutes"], 210);

    let bad = syncwise(dir.path())
        .args(["import", file, "--tz", "Mars/Olympus"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("Mars/Olympus"));
    let missing = syncwise(dir.path())
        .args(["audit", "/nonexistent.ics"])
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent.ics"));
}

#[test]
fn with_the_users_address_set_the_meetings_they_declined_leave_the_budget() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("declined.ics");
    std::fs::write(
        &file,
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:pitch@example.com\r\n\
         DTSTART;TZID=Europe/Berlin:20261124T100000\r\nDURATION:PT45M\r\nSUMMARY:Vendor pitch\r\n\
         ORGANIZER:mailto:sales@vendor.example\r\n\
         ATTENDEE;PARTSTAT=DECLINED:mailto:me@example.com\r\n\
         ATTENDEE:mailto:ana@example.com\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nUID:plan@example.com\r\n\
         DTSTART;TZID=Europe/Berlin:20261125T100000\r\nDURATION:PT30M\r\nSUMMARY:Planning\r\n\
         ORGANIZER:mailto:lead@example.com\r\nATTENDEE:mailto:me@example.com\r\n\
         END:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    assert_eq!(json(dir.path(), &["audit", file])["total_minutes"], 75);

    let set = syncwise(dir.path())
        .args(["config", "set", "email", "Me@Example.com"])
        .output()
        .unwrap();
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    let audit = json(dir.path(), &["audit", file]);
    assert_eq!(audit["total_minutes"], 30);
    let skipped = audit["skipped"].to_string();
    assert!(
        skipped.contains("Vendor pitch") && skipped.contains("you declined it"),
        "{skipped}"
    );
    json(dir.path(), &["import", file]);
    assert_eq!(json(dir.path(), &["budget"])["meeting_minutes"], 30);

    let bad = syncwise(dir.path())
        .args(["config", "set", "email", "me at example"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("not an email address"), "{stderr}");
}

#[test]
fn each_calendar_imports_on_its_own_and_a_reimport_replaces_only_its_meetings() {
    let dir = tempfile::tempdir().unwrap();
    let week48 = std::fs::read_to_string(fixture()).unwrap();
    let work = dir.path().join("work.ics");
    std::fs::write(
        &work,
        week48.replacen("VERSION:2.0", "VERSION:2.0\nX-WR-CALNAME:Work", 1),
    )
    .unwrap();
    let team = dir.path().join("team.ics");
    std::fs::write(
        &team,
        "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Team\r\nBEGIN:VEVENT\r\nUID:retro@example.com\r\n\
         DTSTART;TZID=Europe/Berlin:20261127T160000\r\nDURATION:PT45M\r\nSUMMARY:Retro\r\n\
         DESCRIPTION:What went well and what to change\r\n\
         ORGANIZER:mailto:lead@example.com\r\nATTENDEE:mailto:me@example.com\r\n\
         END:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let (work, team) = (work.to_str().unwrap(), team.to_str().unwrap());

    // Meetings stored without a calendar name (an export that names none, or an import
    // from before calendars had names) are replaced by the first named import.
    json(dir.path(), &["import", fixture().to_str().unwrap()]);
    let first = json(dir.path(), &["import", work]);
    assert_eq!(
        (first["calendar"].as_str(), first["meetings"].as_u64()),
        (Some("Work"), Some(6))
    );
    assert_eq!(first["replaced"], 6);
    let second = json(dir.path(), &["import", team]);
    assert_eq!(
        (second["calendar"].as_str(), second["replaced"].as_u64()),
        (Some("Team"), Some(0))
    );
    assert_eq!(json(dir.path(), &["budget"])["meeting_minutes"], 210 + 45);

    // Importing Work again replaces Work's meetings and keeps Team's.
    let again = json(dir.path(), &["import", work]);
    assert_eq!(again["replaced"], 6);
    assert_eq!(json(dir.path(), &["budget"])["meeting_minutes"], 210 + 45);

    // --calendar names an export that does not name itself, or renames one.
    let named = json(
        dir.path(),
        &["import", team, "--calendar", "Team B", "--dry-run"],
    );
    assert_eq!(
        (named["calendar"].as_str(), named["replaced"].as_u64()),
        (Some("Team B"), Some(0))
    );
    let text = syncwise(dir.path())
        .args(["import", team])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("from calendar “Team”") && text.contains("replacing 1"),
        "{text}"
    );
}

#[test]
fn w_replaces_a_flagged_meeting_with_a_written_update_and_u_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixture();
    json(dir.path(), &["import", file.to_str().unwrap()]);
    let store = Store::at(dir.path());
    let clock = common::clock();
    let mut app = common::open_app(&store);
    let screen = buffer_text(&draw(&app, 120, 40).unwrap());
    assert!(
        screen.contains("Calendar · 6 meetings, 210 min"),
        "{screen}"
    );
    assert!(screen.contains("210 / 600 min"), "{screen}");

    let press = |app: &mut App, code: KeyCode| {
        let action = app
            .action_for_key(&KeyEvent::new(code, KeyModifiers::NONE))
            .unwrap();
        app.update(action);
    };
    press(&mut app, KeyCode::Tab);
    assert!(app.calendar_focus);
    let screen = buffer_text(&draw(&app, 120, 40).unwrap());
    assert!(screen.contains("status-meeting"), "{screen}");
    // The standup repeats: w asks, and `o` replaces this occurrence only.
    press(&mut app, KeyCode::Char('w'));
    let screen = buffer_text(&draw(&app, 120, 40).unwrap());
    assert!(screen.contains("replace the whole series"), "{screen}");
    press(&mut app, KeyCode::Char('o'));
    let plan = store.load().unwrap();
    let update = plan.items.last().unwrap();
    assert_eq!(update.intent, Intent::Status);
    assert_eq!(update.medium, ChosenMedium::Async);
    assert!(update.title.contains("Team standup"));
    assert_eq!(plan.meetings.len(), 6, "the meeting stays on the calendar");
    let budget = syncwise::core::budget::plan_budget(&plan, clock.this_week());
    assert_eq!(budget.sync_minutes, 180);
    let screen = buffer_text(&draw(&app, 120, 40).unwrap());
    assert!(screen.contains("replaced by a written update"), "{screen}");
    assert!(screen.contains("30 min back in the budget"), "{screen}");

    // A second w on the same meeting plans nothing more.
    press(&mut app, KeyCode::Char('w'));
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(store.load().unwrap().items.len(), 1);

    press(&mut app, KeyCode::Char('u'));
    let plan = store.load().unwrap();
    assert!(plan.items.is_empty());
    assert_eq!(
        syncwise::core::budget::plan_budget(&plan, clock.this_week()).sync_minutes,
        210
    );
}

#[test]
fn a_store_with_imported_meetings_and_a_replacement_matches_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixture();
    json(dir.path(), &["import", file.to_str().unwrap()]);
    let store = Store::at(dir.path());
    store
        .update(|plan: &mut syncwise::core::Plan| {
            let key = plan.meetings[0].key.clone();
            let mut item = syncwise::core::Item::new(
                0,
                "Written standup",
                plan.meetings[0].week,
                plan.meetings[0].day,
                chrono::Utc::now(),
            );
            item.replaces = Some(key);
            plan.add(item);
            Ok::<_, syncwise::store::StoreError>(())
        })
        .unwrap();
    let schema: Value = serde_json::from_str(include_str!("../assets/plans.schema.json")).unwrap();
    let validator = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(store.path()).unwrap()).unwrap();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(doc["meetings"][0]["flags"][0], "status-meeting");
}

#[test]
fn an_empty_export_never_clears_stored_meetings_by_accident() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixture();
    json(
        dir.path(),
        &["import", file.to_str().unwrap(), "--weeks", "3"],
    );
    let empty = dir.path().join("empty.ics");
    std::fs::write(
        &empty,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let before = std::fs::read(dir.path().join("plans.json")).unwrap();
    let out = syncwise(dir.path())
        .args(["import", empty.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--allow-empty") && err.contains("kept"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(dir.path().join("plans.json")).unwrap(),
        before
    );
    let cleared = json(
        dir.path(),
        &["import", empty.to_str().unwrap(), "--allow-empty"],
    );
    assert_eq!(cleared["replaced"], 6);
}

#[test]
fn import_reports_what_it_skipped_in_every_week() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixture();
    let report = json(
        dir.path(),
        &[
            "import",
            file.to_str().unwrap(),
            "--weeks",
            "2",
            "--dry-run",
        ],
    );
    let skipped = report["skipped"].to_string();
    assert!(skipped.contains("Focus time"), "{skipped}");
    assert!(skipped.contains("Team offsite"), "{skipped}");
}

#[test]
fn the_calendar_takes_the_keys_only_while_it_is_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixture();
    json(dir.path(), &["import", file.to_str().unwrap()]);
    let clock = syncwise::env::pinned_clock("2026-11-25").unwrap();
    let mut app = App::open(
        Store::at(dir.path()),
        clock,
        false,
        Keymap::default(),
        Theme::new(true),
    )
    .unwrap();
    app.handle(Event::Resize {
        width: 80,
        height: 12,
    });
    let tab = KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE);
    let action = app.action_for_key(&tab).unwrap();
    app.update(action);
    assert!(!app.calendar_focus, "no calendar pane on a 12-row screen");
    app.handle(Event::Resize {
        width: 120,
        height: 40,
    });
    let action = app.action_for_key(&tab).unwrap();
    app.update(action);
    assert!(app.calendar_focus);
    // Shrinking the screen hides the pane and gives the keys back to the items.
    app.handle(Event::Resize {
        width: 80,
        height: 12,
    });
    assert!(!app.calendar_focus);
}
