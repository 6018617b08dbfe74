//! Advice a new user can trust, through the real binary: the intent read from a title and
//! said so, the user's own word lists in `intents.conf` (for `add`, `recommend` and
//! `audit`, and their mistakes named in one line), and a sample week whose warnings are
//! rare and one per mistake.

use std::fs;
use std::path::Path;

mod common;

use common::cli::Sw;

use serde_json::Value;

const WEEK: &str = "2026-W48";

fn words(item: &Value) -> Vec<&str> {
    item["inferred"]["words"]
        .as_array()
        .unwrap_or_else(|| panic!("no inferred words: {item}"))
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect()
}

fn first_reason(item: &Value) -> &str {
    item["recommendation"]["reasons"][0].as_str().unwrap()
}

fn warning_codes(item: &Value) -> Vec<&str> {
    item["recommendation"]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect()
}

#[test]
fn feedback_typed_as_a_title_is_a_private_half_hour_sync_and_says_why() {
    let sw = Sw::new();
    let item = sw.json(&["add", "Feedback to Sam on the incident write-up"]);
    assert_eq!(item["intent"], "feedback");
    assert_eq!(item["effective_medium"], "sync");
    assert_eq!(item["recommendation"]["medium"], "sync");
    assert_eq!(item["private"], true);
    assert_eq!(item["minutes"], 30);
    assert_eq!(item["inferred"]["intent"], "feedback");
    assert!(
        words(&item).iter().any(|w| w.contains("feedback")),
        "{item}"
    );
    let first = first_reason(&item);
    assert!(first.contains("'feedback"), "{first}");
    assert!(first.contains("feedback"), "{first}");
    assert!(warning_codes(&item).is_empty(), "{item}");
    // What is stored is what was said.
    let shown = sw.json(&["show", "1"]);
    assert_eq!(shown["inferred"], item["inferred"]);
    // People see the reading and the mark of a private item.
    let text = sw.ok(&["show", "1"]);
    assert!(text.contains("read from the title"), "{text}");
    assert!(text.contains("Read as feedback from the phrase"), "{text}");
    assert!(text.contains("private"), "{text}");
    let list = sw.ok(&["list"]);
    assert!(list.contains("⊘ Feedback to Sam"), "{list}");
    assert!(list.contains("⊘ private"), "{list}");
}

#[test]
fn a_given_intent_is_not_inferred_and_changing_it_later_forgets_the_reading() {
    let sw = Sw::new();
    let given = sw.json(&[
        "add",
        "Feedback to Sam on the incident write-up",
        "--intent",
        "status",
    ]);
    assert_eq!(given["intent"], "status");
    assert!(given.get("inferred").is_none(), "{given}");
    assert!(!first_reason(&given).contains("Read as"), "{given}");

    let read = sw.json(&["add", "Feedback to Sam on the incident write-up"]);
    assert!(read.get("inferred").is_some());
    let changed = sw.json(&["set", "2", "--intent", "conflict"]);
    assert_eq!(changed["intent"], "conflict");
    assert!(changed.get("inferred").is_none(), "{changed}");
    assert!(!first_reason(&changed).contains("Read as"), "{changed}");
}

#[test]
fn recommend_reads_the_intent_too_and_never_suggests_setting_item_zero() {
    let sw = Sw::new();
    let rec = sw.json(&["recommend", "Checkout is down for EU customers"]);
    assert_eq!(rec["intent"], "crisis");
    assert_eq!(rec["inferred"]["intent"], "crisis");
    assert!(first_reason(&rec).starts_with("Read as crisis"), "{rec}");
    let text = sw.ok(&[
        "recommend",
        "Feedback to Sam on the incident write-up",
        "--medium",
        "async",
    ]);
    assert!(text.contains("conflict-by-text"), "{text}");
    assert!(!text.contains("set 0"), "{text}");
    assert!(text.contains("leave out --medium"), "{text}");
    // Nothing was saved.
    assert!(!sw.dir().join("plans.json").exists());
}

#[test]
fn a_title_that_matches_nothing_says_it_guessed() {
    let sw = Sw::new();
    let item = sw.json(&["add", "Lunch plans"]);
    assert_eq!(item["intent"], "fyi");
    assert_eq!(item["inferred"]["intent"], "fyi");
    assert!(words(&item).is_empty());
    let first = first_reason(&item);
    assert!(first.contains("guess"), "{first}");
}

#[test]
fn words_read_from_a_title_reach_the_terminal_clean() {
    let sw = Sw::new();
    // The title is cleaned before it is read: the words come from what is stored.
    sw.intents("crisis = pager\n");
    let item = sw.json(&["add", "Pager \u{202e} now"]);
    assert_eq!(item["intent"], "crisis", "{item}");
    assert!(
        !item["title"].as_str().unwrap().contains('\u{202e}'),
        "{item}"
    );
    let text = sw.ok(&["show", "1"]);
    assert!(text.contains("Read as crisis"), "{text}");
    assert!(!text.contains('\u{202e}'), "{text:?}");
}

#[test]
fn intents_conf_changes_what_add_and_recommend_read() {
    let sw = Sw::new();
    sw.intents("# our words\nfeedback = lunch plans\n");
    let item = sw.json(&["add", "Lunch plans"]);
    assert_eq!(item["intent"], "feedback");
    assert_eq!(words(&item), ["lunch plans"]);
    assert_eq!(item["private"], true);
    assert!(first_reason(&item).contains("'lunch plans'"), "{item}");
    let rec = sw.json(&["recommend", "Lunch plans with Ana"]);
    assert_eq!(rec["intent"], "feedback");
}

/// A one-meeting calendar in UTC: 30 minutes on Wednesday of 2026-W48, with one guest.
fn one_meeting(title: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//syncwise tests//advice//EN\r\n\
         BEGIN:VEVENT\r\nUID:m-1@example.com\r\nDTSTAMP:20261101T000000Z\r\n\
         DTSTART:20261125T130000Z\r\nDTEND:20261125T133000Z\r\nSUMMARY:{title}\r\n\
         ORGANIZER:mailto:pm@example.com\r\nATTENDEE:mailto:me@example.com\r\n\
         END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

fn audited(sw: &Sw, ics: &Path) -> Value {
    let audit = sw.json(&[
        "audit",
        ics.to_str().unwrap(),
        "--week",
        WEEK,
        "--tz",
        "UTC",
    ]);
    assert_eq!(audit["meetings"].as_array().unwrap().len(), 1, "{audit}");
    audit["meetings"][0].clone()
}

fn flag_codes(meeting: &Value) -> Vec<&str> {
    meeting["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect()
}

#[test]
fn intents_conf_changes_how_audit_judges_a_meeting() {
    let sw = Sw::new();
    let ics = sw.dir().join("week.ics");
    fs::write(&ics, one_meeting("Numbers roundup")).unwrap();
    let before = audited(&sw, &ics);
    assert_eq!(before["inferred"]["intent"], "fyi", "{before}");
    assert!(flag_codes(&before).is_empty(), "{before}");

    sw.intents("status = roundup\n");
    let after = audited(&sw, &ics);
    assert_eq!(after["inferred"]["intent"], "status", "{after}");
    assert_eq!(after["inferred"]["words"][0], "roundup");
    assert!(flag_codes(&after).contains(&"status-meeting"), "{after}");

    // Import reads the same lists: the stored meeting carries the flag.
    sw.ok(&[
        "import",
        ics.to_str().unwrap(),
        "--week",
        WEEK,
        "--tz",
        "UTC",
    ]);
    let plan: Value =
        serde_json::from_slice(&fs::read(sw.dir().join("plans.json")).unwrap()).unwrap();
    let stored = plan["meetings"].to_string();
    assert!(stored.contains("status-meeting"), "{stored}");
}

#[test]
fn a_bad_intents_conf_line_stops_the_command_in_one_line() {
    let sw = Sw::new();
    sw.ok(&["add", "Weekly status", "--intent", "status"]);
    let store = fs::read(sw.dir().join("plans.json")).unwrap();
    sw.intents("crisis = outage\n\nfeedbak = tough talk\n");
    // Beside, not in, the store's directory: a failed command leaves nothing there.
    let elsewhere = tempfile::tempdir().unwrap();
    let ics = elsewhere.path().join("week.ics");
    fs::write(&ics, one_meeting("Sync")).unwrap();
    let ics = ics.to_str().unwrap();
    for args in [
        &["add", "Tough talk with Ana"][..],
        &["recommend", "Tough talk with Ana"],
        &["audit", ics, "--week", WEEK, "--tz", "UTC"],
        &["import", ics, "--week", WEEK, "--tz", "UTC"],
    ] {
        let line = sw.fails(args, &[], &[]);
        assert!(line.contains("intents.conf line 3"), "{args:?}: {line}");
        assert!(line.contains("feedbak"), "{line}");
        assert!(line.contains("valid: status, fyi"), "{line}");
    }
    assert_eq!(fs::read(sw.dir().join("plans.json")).unwrap(), store);
    // Without a line the list understands, too.
    sw.intents("just some words\n");
    let line = sw.fails(&["add", "Anything"], &[], &[]);
    assert!(line.contains("intents.conf line 1"), "{line}");
    assert!(line.contains("intent = word"), "{line}");
}

#[test]
fn the_sample_week_warns_rarely_and_once_per_mistake() {
    let sw = Sw::new();
    sw.ok(&["demo"]);
    let items = sw.json(&["list"]);
    let items = items.as_array().unwrap();
    assert!(items.len() >= 10, "{}", items.len());
    let mut warned = Vec::new();
    for item in items {
        let codes = warning_codes(item);
        assert!(
            codes.len() <= 1,
            "{} has {codes:?}",
            item["title"].as_str().unwrap()
        );
        if let [code] = codes[..] {
            warned.push((
                item["title"].as_str().unwrap().to_string(),
                code.to_string(),
            ));
        }
    }
    assert!(
        warned.len() * 2 < items.len(),
        "most items are clean: {warned:?}"
    );
    // Each warning shown is a different one of the article's mistakes.
    let mut codes: Vec<&str> = warned.iter().map(|(_, c)| c.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), warned.len(), "{warned:?}");
    // The sample week's mistakes, as it shows them.
    for (title, code) in [
        ("Feedback to Sam", "conflict-by-text"),
        ("Weekly roadmap status meeting", "status-meeting"),
        ("Quick chat", "vague-agenda"),
    ] {
        assert!(
            warned
                .iter()
                .any(|(t, c)| t.starts_with(title) && c == code),
            "{title}: {code} in {warned:?}"
        );
    }
}

#[test]
fn the_tui_opens_with_the_users_word_lists_and_refuses_a_bad_one() {
    use syncwise::core::Intent;
    use syncwise::store::Store;
    use syncwise::tui::App;
    use syncwise::tui::keymap::Keymap;
    use syncwise::tui::theme::Theme;

    let sw = Sw::new();
    let open = || {
        App::open(
            Store::at(sw.dir()),
            common::clock(),
            false,
            Keymap::default(),
            Theme::new(true),
        )
    };
    let shipped = open().unwrap();
    assert_eq!(shipped.lexicon.infer("Lunch plans").intent, Intent::Fyi);
    sw.intents("crisis = lunch plans\n");
    let mine = open().unwrap();
    assert_eq!(mine.lexicon.infer("Lunch plans").intent, Intent::Crisis);
    sw.intents("crisis = lunch plans\nsoon = later\n");
    let error = open().unwrap_err().to_string();
    assert!(error.contains("intents.conf line 2"), "{error}");
    assert!(error.contains("unknown intent 'soon'"), "{error}");
}
