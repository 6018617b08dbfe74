//! The brief that leaves for other people: golden files for a week with private items,
//! hostile titles and a past deadline, and checks that it renders as plain text.

mod common;

use chrono::{NaiveDate, NaiveDateTime, Utc};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag};
use syncwise::core::brief::brief;
use syncwise::core::counts::week_counts;
use syncwise::core::week::{Day, IsoWeek};
use syncwise::core::{Agenda, ChosenMedium, Intent, Item, Plan, Status};
use syncwise::store::{Store, StoreError};
use syncwise::tui::{buffer_text, draw};

const HOSTILE_INVITE: &str =
    "Budget review [slides](http://evil.example) <img src=x onerror=alert(1)>";

/// Texts that only private items carry: none may reach the brief.
const SECRETS: &[&str] = &[
    "Sam",
    "incident write-up",
    "Sales",
    "pivot",
    "Hiring",
    "Jordan",
];

fn w48() -> IsoWeek {
    "2026-W48".parse().unwrap()
}

/// Wednesday 25 Nov 2026, 08:00: the tests' pinned today.
fn wednesday_morning() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap()
}

fn item(title: &str, intent: Intent, day: Day) -> Item {
    let mut item = Item::new(0, title, w48(), day, Utc::now());
    item.intent = intent;
    item
}

/// A week with three private items, hostile titles, notes, an overdue pre-read, a sync
/// over its timebox, a done and a dropped item.
fn hostile_week() -> Vec<Item> {
    let mut items = Vec::new();

    let mut status = item("Weekly status", Intent::Status, Day::Mon);
    status.with = "Platform team".into();
    status.notes = "Importer shipped;\nnext: retries\n\n- blocked on quota".into();
    items.push(status);

    // The invite a user replaced with a written update (`w`).
    let mut invite = item(HOSTILE_INVITE, Intent::Fyi, Day::Tue);
    invite.with = "Finance <finance@evil.example>".into();
    items.push(invite);
    items.push(item("# heading", Intent::Status, Day::Tue));
    items.push(item("| a | b |", Intent::Fyi, Day::Tue));
    items.push(item("<!-- x -->", Intent::Decided, Day::Wed));
    let mut code = item("`code`", Intent::Question, Day::Thu);
    code.notes = "**urgent** see <https://evil.example>".into();
    items.push(code);
    items.push(item(
        "Invoice \u{202e}fdp.exe\u{202c} review",
        Intent::Review,
        Day::Fri,
    ));

    let mut two_lines = item("Retro notes\n# Second block", Intent::Brainstorm, Day::Thu);
    two_lines.with = "Team\n> quoted".into();
    two_lines.minutes = 30;
    two_lines.agenda = Agenda::parse("What slowed us | Retro board | Two changes to try");
    items.push(two_lines);

    // Wednesday's go/no-go: its pre-read was due Tuesday 09:00, before "now".
    let mut late = item(
        "Go/no-go on the ledger cut-over",
        Intent::Decision,
        Day::Wed,
    );
    late.with = "Finance eng, SRE".into();
    late.agenda =
        Agenda::parse("Cut over now or after the freeze | Cut-over plan | A go or a no-go");
    items.push(late);
    // Friday's decision: its pre-read is still ahead.
    let mut ahead = item("Pick the search vendor", Intent::Decision, Day::Fri);
    ahead.agenda = Agenda::parse("Two vendors left | Comparison doc | One vendor");
    items.push(ahead);

    // Over any timebox: the user hears of it, the readers do not.
    let mut long = item(
        "Explore pricing for the self-serve tier",
        Intent::Brainstorm,
        Day::Fri,
    );
    long.with = "Growth PM".into();
    long.minutes = 45;
    long.agenda =
        Agenda::parse("Three options, none clearly better | Churn analysis | Two to test");
    long.notes = "Bring the cohort numbers".into();
    items.push(long);

    let mut done = item("Shipped the export API", Intent::Decided, Day::Mon);
    done.status = Status::Done;
    items.push(done);
    let mut dropped = item("Old status", Intent::Status, Day::Mon);
    dropped.status = Status::Dropped;
    items.push(dropped);

    let mut feedback = item(
        "Feedback to Sam on the incident write-up",
        Intent::Feedback,
        Day::Tue,
    );
    feedback.with = "Sam".into();
    feedback.minutes = 30;
    feedback.private = true;
    items.push(feedback);
    let mut conflict = item("Sales wants the pivot earlier", Intent::Conflict, Day::Wed);
    conflict.with = "Sales director".into();
    conflict.private = true;
    items.push(conflict);
    let mut hiring = item("Hiring plan for Q1", Intent::Question, Day::Thu);
    hiring.with = "Jordan".into();
    hiring.medium = ChosenMedium::Async;
    hiring.private = true;
    items.push(hiring);
    items
}

fn hostile_plan() -> Plan {
    let mut plan = Plan::default();
    for item in hostile_week() {
        plan.add(item);
    }
    plan
}

#[test]
fn hostile_week_brief_matches_the_golden_file() {
    let b = brief(&hostile_plan(), w48(), wednesday_morning());
    insta::assert_snapshot!("hostile_week_brief", b.to_markdown());
    insta::assert_snapshot!(
        "hostile_week_brief_json",
        serde_json::to_string_pretty(&b).unwrap()
    );
}

#[test]
fn nothing_private_reaches_the_markdown_or_the_json() {
    let b = brief(&hostile_plan(), w48(), wednesday_morning());
    let md = b.to_markdown();
    let json = serde_json::to_string(&b).unwrap();
    for text in [&md, &json] {
        for secret in SECRETS.iter().chain(&["private", "timebox"]) {
            assert!(!text.contains(secret), "{secret:?} in\n{text}");
        }
    }
    // Only the user hears how many were left out.
    assert!(
        b.notices
            .contains(&"3 private items left out of the brief.".to_string())
    );
}

#[test]
fn the_summary_gives_the_headers_counts() {
    let plan = hostile_plan();
    let b = brief(&plan, w48(), wednesday_morning());
    let counts = week_counts(&plan, w48());
    assert_eq!(b.counts, counts.shared);
    assert_eq!(
        b.summary,
        format!(
            "{} items this week: {} in writing, {} live syncs, {} briefs followed by a sync.",
            counts.shared_total(),
            counts.shared.r#async,
            counts.shared.sync,
            counts.shared.brief_then_sync
        )
    );
    assert_eq!(counts.private, 3);
}

#[test]
fn the_user_hears_of_the_long_sync_and_the_overdue_pre_read() {
    let b = brief(&hostile_plan(), w48(), wednesday_morning());
    let long = b
        .notices
        .iter()
        .find(|n| n.contains("Explore pricing"))
        .expect("a notice for the long sync");
    assert!(long.contains("runs 45 min, over its"), "{long}");
    assert!(
        b.notices
            .iter()
            .any(|n| n.contains("Go/no-go on the ledger cut-over")
                && n.contains("was due out by Tue 24 Nov 09:00 and is overdue")),
        "{:?}",
        b.notices
    );
    let md = b.to_markdown();
    assert!(md.contains("(overdue since Tue 24 Nov 09:00)"), "{md}");
    assert!(md.contains("(out by Thu 26 Nov 09:00)"), "{md}");
    assert!(md.contains(", 45 min)"), "{md}");
}

/// What the brief renders to: every inline text, and the constructs that are not text.
fn render(markdown: &str) -> (String, Vec<String>) {
    let mut text = String::new();
    let mut other = Vec::new();
    let mut in_emphasis = false;
    for event in Parser::new_ext(markdown, Options::all() - Options::ENABLE_SMART_PUNCTUATION) {
        match event {
            Event::Text(t) => {
                if in_emphasis {
                    other.push(format!("emphasis {t}"));
                }
                text.push_str(&t);
            }
            Event::Start(Tag::Emphasis) => in_emphasis = true,
            Event::End(pulldown_cmark::TagEnd::Emphasis) => in_emphasis = false,
            Event::Start(Tag::Heading { level, .. }) => other.push(format!("{level:?}")),
            Event::End(_) => text.push('\n'),
            Event::Start(Tag::Paragraph | Tag::List(None) | Tag::Item) => {}
            Event::SoftBreak => {}
            e => other.push(format!("{e:?}")),
        }
    }
    (text, other)
}

#[test]
fn every_hostile_title_renders_as_its_own_text() {
    let b = brief(&hostile_plan(), w48(), wednesday_morning());
    let md = b.to_markdown();
    let (text, constructs) = render(&md);
    // Only our own headings and our own "to be written" emphasis: no link, image, HTML,
    // code, table, block quote or heading from a title.
    let h = |l: HeadingLevel| format!("{l:?}");
    let mut expected = vec![h(HeadingLevel::H1)];
    expected.extend(
        ["Status", "FYI", "Decisions made", "Asks", "Planned syncs"].map(|_| h(HeadingLevel::H2)),
    );
    expected.extend(b.syncs.iter().map(|_| h(HeadingLevel::H3)));
    assert_eq!(constructs, expected, "{md}");
    for literal in [
        HOSTILE_INVITE,
        "Finance <finance@evil.example>",
        "# heading",
        "| a | b |",
        "<!-- x -->",
        "`code`",
        "**urgent** see <https://evil.example>",
        "Retro notes # Second block (",
        "with Team > quoted",
        "Invoice fdp.exe review",
        "Importer shipped; next: retries - blocked on quota",
    ] {
        assert!(
            text.contains(literal),
            "{literal:?} not rendered in\n{text}"
        );
    }
    assert!(!md.contains(['\u{202e}', '\u{202c}']));
}

#[test]
fn export_keeps_its_notices_for_the_user_and_the_header_agrees() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path());
    store
        .update(|plan: &mut Plan| {
            for item in hostile_week() {
                plan.add(item);
            }
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let out = common::syncwise(dir.path())
        .args(["export", "--week", "2026-W48"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stdout,
        brief(&store.load().unwrap(), w48(), wednesday_morning()).to_markdown()
    );
    assert!(
        stderr.contains("note: 3 private items left out of the brief.\n"),
        "{stderr}"
    );
    assert!(stderr.contains("runs 45 min, over its"), "{stderr}");
    for secret in SECRETS {
        assert!(!stderr.contains(secret), "{secret} in {stderr}");
    }

    // The TUI header counts what the summary counts, and the private items apart.
    let app = common::open_app(&store);
    let screen = buffer_text(&draw(&app, 120, 40).unwrap());
    let header = screen.lines().next().unwrap();
    let counts = week_counts(&store.load().unwrap(), w48());
    let expected = format!(
        "async {} · sync {} · brief+sync {} · private 3",
        counts.shared.r#async, counts.shared.sync, counts.shared.brief_then_sync
    );
    assert!(header.contains(&expected), "{header}");
}
