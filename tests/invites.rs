//! Invites: the exported file read back by syncwise's own reader, parsed by Python's
//! `icalendar`, imported by khal; golden text for escaping, folding and the description.

mod common;

use std::path::Path;

use chrono::{NaiveTime, TimeZone, Utc};
use common::python;
use common::syncwise;
use syncwise::core::invite::{self, FOLD_AT};
use syncwise::core::week::{Day, IsoWeek};
use syncwise::core::{Agenda, ChosenMedium, Intent, Item, Plan};

const WEEK: &str = "2026-W48";
const ZONE: &str = "Europe/Berlin";

/// The sample week with an address book, scheduled, and its invites written to
/// `<dir>/week.ics`; returns the plan as stored.
fn exported(dir: &Path) -> Plan {
    let sw = |args: &[&str]| {
        syncwise(dir)
            .env("SYNCWISE_TODAY", "2026-11-23")
            .args(args)
            .assert()
            .success();
    };
    sw(&["demo"]);
    sw(&["config", "set", "timezone", ZONE]);
    sw(&["people", "add", "Finance eng", "fin@example.com"]);
    sw(&["people", "add", "SRE", "sre@example.com"]);
    sw(&["set", "2", "--at", "14:45"]);
    sw(&["schedule"]);
    sw(&["invites", "--out", dir.join("week.ics").to_str().unwrap()]);
    let text = std::fs::read_to_string(dir.join("plans.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The shared open syncs with a start: (title, local start, minutes), by start.
fn expected(plan: &Plan) -> Vec<(String, String, u32)> {
    let week: IsoWeek = WEEK.parse().unwrap();
    let mut out: Vec<(String, String, u32)> = plan
        .items
        .iter()
        .filter(|i| i.week == week && i.at.is_some() && !i.private)
        .filter(|i| i.status == syncwise::core::Status::Open)
        .filter(|i| syncwise::core::engine::effective_medium(i).has_sync())
        .map(|i| {
            let start = syncwise::core::engine::sync_start(i);
            (
                i.title.clone(),
                start.format("%Y-%m-%d %H:%M").to_string(),
                i.minutes,
            )
        })
        .collect();
    out.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    out
}

#[test]
fn the_file_is_read_back_by_syncwise_with_the_same_times_and_lengths() {
    let dir = tempfile::tempdir().unwrap();
    let plan = exported(dir.path());
    let want = expected(&plan);
    assert!(want.len() >= 4, "{want:?}");
    let text = std::fs::read_to_string(dir.path().join("week.ics")).unwrap();
    let calendar = syncwise::ics::parse(&text).unwrap();
    assert!(calendar.skipped().is_empty(), "{:?}", calendar.skipped());
    let tz = syncwise::ics::user_zone(ZONE).unwrap();
    let audit = syncwise::core::audit::audit(&calendar, WEEK.parse().unwrap(), tz, &plan.settings);
    let mut got: Vec<(String, String, u32)> = audit
        .meetings
        .iter()
        .map(|m| {
            let o = &m.occurrence;
            (
                o.title.clone(),
                o.start.format("%Y-%m-%d %H:%M").to_string(),
                o.minutes,
            )
        })
        .collect();
    got.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    assert_eq!(got, want);
    // The time the user pinned is kept; private items stay out.
    assert!(
        got.iter().any(|(_, start, _)| start == "2026-11-26 14:45"),
        "{got:?}"
    );
    for line in text.split("\r\n") {
        assert!(line.len() <= FOLD_AT, "{line}");
    }
    let unfolded = text.replace("\r\n ", "");
    assert!(unfolded.contains("ATTENDEE;CN=\"Finance eng\";"), "{text}");
    assert!(unfolded.contains(":mailto:sre@example.com\r\n"), "{text}");
}

#[test]
fn pythons_icalendar_parses_every_event_with_its_times() {
    let dir = tempfile::tempdir().unwrap();
    let plan = exported(dir.path());
    let lib = python::package("icalendar", "icalendar==6.*");
    let out = python::run(
        &[&lib],
        r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
assert cal.walk('VTIMEZONE'), 'no VTIMEZONE'
for e in cal.walk('VEVENT'):
    start, end = e['DTSTART'].dt, e['DTEND'].dt
    assert str(start.tzinfo) == 'Europe/Berlin', start.tzinfo
    print('%s|%s|%d' % (e['SUMMARY'], start.strftime('%Y-%m-%d %H:%M'), (end - start).seconds // 60))
"#,
        &[dir.path().join("week.ics").to_str().unwrap()],
    );
    let mut got: Vec<(String, String, u32)> = out
        .lines()
        .map(|l| {
            let parts: Vec<&str> = l.split('|').collect();
            (parts[0].into(), parts[1].into(), parts[2].parse().unwrap())
        })
        .collect();
    got.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    assert_eq!(got, expected(&plan));
}

#[test]
fn khal_imports_the_file_and_lists_every_sync_at_its_time() {
    let dir = tempfile::tempdir().unwrap();
    let plan = exported(dir.path());
    let khal = python::package("khal", "khal==0.11.*");
    let home = tempfile::tempdir().unwrap();
    let vdir = home.path().join("calendar");
    std::fs::create_dir_all(&vdir).unwrap();
    let config = home.path().join("config");
    std::fs::write(
        &config,
        format!(
            "[calendars]\n[[work]]\npath = {}\ntype = calendar\n\n[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\nlocal_timezone = {ZONE}\ndefault_timezone = {ZONE}\n\n[sqlite]\npath = {}\n",
            vdir.display(),
            home.path().join("khal.db").display()
        ),
    )
    .unwrap();
    let khal_run = |args: &[&str]| {
        let out = python::python(&[&khal])
            .args(["-m", "khal", "-c"])
            .arg(&config)
            .args(args)
            .env("HOME", home.path())
            .env("TZ", ZONE)
            .output()
            .expect("python3 runs");
        assert!(
            out.status.success(),
            "khal {args:?}:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let file = dir.path().join("week.ics");
    khal_run(&["import", "--batch", file.to_str().unwrap()]);
    // Importing again updates in place: the same UIDs, never a second copy.
    khal_run(&["import", "--batch", file.to_str().unwrap()]);
    let listed = khal_run(&[
        "list",
        "--format",
        "{start}|{end}|{title}",
        "2026-11-23",
        "7d",
    ]);
    let mut got: Vec<(String, String, u32)> = listed
        .lines()
        .filter(|l| l.contains('|'))
        .map(|l| {
            let parts: Vec<&str> = l.split('|').collect();
            let start = chrono::NaiveDateTime::parse_from_str(parts[0], "%Y-%m-%d %H:%M").unwrap();
            let end = chrono::NaiveDateTime::parse_from_str(parts[1], "%Y-%m-%d %H:%M").unwrap();
            (
                parts[2].to_string(),
                parts[0].to_string(),
                (end - start).num_minutes() as u32,
            )
        })
        .collect();
    got.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    assert_eq!(got, expected(&plan), "{listed}");
}

/// A plan with text that needs escaping and folding, for the golden file.
fn hostile_plan() -> Plan {
    let week: IsoWeek = WEEK.parse().unwrap();
    let created = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
    let mut plan = Plan::default();
    plan.settings.email = Some("me@example.com".into());
    plan.people
        .push(syncwise::core::people::person("Zoë \"Z\" Ng", "zoe@example.com").unwrap());
    let mut item = Item::new(
        0,
        "Pick; a, vendor\\now \u{1b}[31mred\u{7}",
        week,
        Day::Thu,
        created,
    );
    item.intent = Intent::Decision;
    item.medium = ChosenMedium::BriefThenSync;
    item.minutes = 30;
    item.with = "zoë \"z\" ng, Nobody".into();
    item.agenda = Agenda {
        problem: "Which vendor — Ünïcödé, commas, semicolons; and a long sentence that must fold somewhere past seventy-five octets".into(),
        pre_read: "Comparison doc\nsecond line".into(),
        outcome: "A yes or no".into(),
    };
    item.at = NaiveTime::from_hms_opt(10, 30, 0);
    item.updated = created + chrono::Duration::seconds(90);
    plan.add(item);
    let mut private = Item::new(0, "Talk to Sam", week, Day::Fri, created);
    private.medium = ChosenMedium::Sync;
    private.private = true;
    private.at = NaiveTime::from_hms_opt(11, 0, 0);
    plan.add(private);
    plan
}

#[test]
fn golden_invite_text() {
    let plan = hostile_plan();
    let tz = syncwise::ics::user_zone(ZONE).unwrap();
    let stamp = Utc.with_ymd_and_hms(2026, 11, 23, 7, 0, 0).unwrap();
    let invites = invite::invites(&plan, WEEK.parse().unwrap(), tz, false, stamp);
    assert_eq!(
        (invites.ids.as_slice(), invites.private_left_out),
        (&[1][..], 1)
    );
    assert!(!invites.text.contains('\u{1b}') && !invites.text.contains('\u{7}'));
    insta::assert_snapshot!("hostile_invite", invites.text.replace("\r\n", "⏎\n"));
    let with_private = invite::invites(&plan, WEEK.parse().unwrap(), tz, true, stamp);
    assert_eq!(with_private.ids, [1, 2]);
    // The UID stays and the SEQUENCE rises when the item changes.
    let mut later = plan.clone();
    let now = plan.items[0].updated + chrono::Duration::minutes(5);
    syncwise::core::ops::patch(
        &mut later,
        1,
        &syncwise::core::patch::ItemPatch {
            minutes: Some(15),
            ..Default::default()
        },
        now,
    )
    .unwrap();
    let (a, b) = (&plan.items[0], &later.items[0]);
    assert_eq!(invite::uid(a), invite::uid(b));
    assert!(invite::sequence(b) > invite::sequence(a));
}
