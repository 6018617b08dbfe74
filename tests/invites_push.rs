//! `syncwise invites --push` against a real Radicale server: each invite becomes one
//! calendar object, a re-push updates it in place, and a copy changed on the server is
//! never overwritten. Nothing here talks to any address but 127.0.0.1.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use base64::Engine as _;
use common::radicale::{PASSWORD, Radicale, USER};
use common::syncwise;
use serde_json::Value;

const ZONE: &str = "Europe/Berlin";
const MORNING: &str = "2026-11-23T08:00";
const LATER: &str = "2026-11-23T09:30";

/// Runs syncwise at `now`; returns success, stdout and stderr.
fn run(dir: &Path, now: &str, args: &[&str]) -> (bool, String, String) {
    let out = syncwise(dir)
        .env("SYNCWISE_TODAY", now)
        .args(args)
        .output()
        .expect("syncwise runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(dir: &Path, now: &str, args: &[&str]) -> String {
    let (success, out, err) = run(dir, now, args);
    assert!(success, "{args:?} failed: {err}");
    out + &err
}

/// One request to the server as the test's user: status, ETag, body.
fn http(server: &Radicale, method: &str, path: &str, body: &str) -> (u16, Option<String>, String) {
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASSWORD}"));
    let request = ureq::http::Request::builder()
        .method(method)
        .uri(format!("http://127.0.0.1:{}{path}", server.port))
        .header("Authorization", format!("Basic {auth}"))
        .header("Content-Type", "text/calendar; charset=utf-8")
        .header("Depth", "1")
        .body(body.as_bytes().to_vec())
        .expect("a request");
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .allow_non_standard_methods(true)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();
    let mut answer = agent.run(request).expect("Radicale answers");
    let etag = answer
        .headers()
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let text = answer.body_mut().read_to_string().unwrap_or_default();
    (answer.status().as_u16(), etag, text)
}

/// The objects of the collection, by href, with their text (GET of each one listed by a
/// PROPFIND).
fn objects(server: &Radicale) -> BTreeMap<String, String> {
    let (status, _, listing) = http(server, "PROPFIND", "/alice/work/", "");
    assert_eq!(status, 207, "{listing}");
    let doc = roxmltree::Document::parse(&listing).expect("a multistatus");
    doc.descendants()
        .filter(|n| n.tag_name().name() == "href")
        .filter_map(|n| n.text())
        .filter(|h| h.ends_with(".ics"))
        .map(|href| {
            let (status, _, text) = http(server, "GET", href, "");
            assert_eq!(status, 200, "GET {href}");
            (href.to_string(), text.replace("\r\n ", ""))
        })
        .collect()
}

/// The value of the first `NAME…:` line of an object's (first) VEVENT.
fn prop(text: &str, name: &str) -> String {
    let event = text.split("BEGIN:VEVENT").nth(1).unwrap_or(text);
    event
        .lines()
        .find(|l| {
            l.strip_prefix(name)
                .is_some_and(|rest| rest.starts_with(':') || rest.starts_with(';'))
        })
        .and_then(|l| l.split_once(':'))
        .map(|(_, v)| v.trim_end().to_string())
        .unwrap_or_default()
}

fn store(dir: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("plans.json")).unwrap()).unwrap()
}

#[test]
fn invites_are_pushed_updated_in_place_and_a_changed_server_copy_is_never_overwritten() {
    let server = Radicale::start();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let secret = d.join("secret");
    std::fs::write(&secret, format!("{PASSWORD}\n")).unwrap();
    let password_cmd = format!("cat '{}'", secret.display());
    let mut outputs = String::new();

    ok(d, MORNING, &["demo"]);
    ok(d, MORNING, &["config", "set", "timezone", ZONE]);
    ok(d, MORNING, &["set", "2", "--at", "14:45"]);
    ok(d, MORNING, &["schedule"]);

    // Without a calendar that takes invites, the push says how to add one.
    let (success, _, err) = run(d, MORNING, &["invites", "--push"]);
    assert!(!success);
    assert!(err.contains("--caldav --write"), "{err}");
    // --write needs --caldav.
    let url = server.calendar_url();
    let (success, _, _) = run(d, MORNING, &["calendar", "add", "Feed", &url, "--write"]);
    assert!(!success);
    outputs += &ok(
        d,
        MORNING,
        &[
            "calendar",
            "add",
            "Work",
            &url,
            "--caldav",
            "--write",
            "--user",
            USER,
            "--password-cmd",
            &password_cmd,
        ],
    );

    // The first push: one object per invite, each with the file's DTSTART.
    let file = ok(d, MORNING, &["invites"]);
    let file = file.replace("\r\n ", "");
    let expected: BTreeMap<String, String> = file
        .split("BEGIN:VEVENT")
        .skip(1)
        .map(|e| format!("BEGIN:VEVENT{e}"))
        .map(|e| (prop(&e, "UID"), prop(&e, "DTSTART")))
        .collect();
    assert!(expected.len() >= 2, "{file}");
    let pushed = ok(d, MORNING, &["invites", "--push"]);
    outputs += &pushed;
    assert!(
        pushed.contains(&format!("Pushed {} invites", expected.len())),
        "{pushed}"
    );
    let first = objects(&server);
    assert_eq!(first.len(), expected.len());
    for (href, text) in &first {
        let uid = prop(text, "UID");
        // Radicale lists the `@` percent-encoded.
        assert_eq!(href.replace("%40", "@"), format!("/alice/work/{uid}.ics"));
        assert_eq!(Some(&prop(text, "DTSTART")), expected.get(&uid), "{text}");
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 1);
        assert_eq!(text.matches("BEGIN:VTIMEZONE").count(), 1);
        assert!(!text.contains("METHOD:"), "{text}");
    }
    let item2 = first
        .values()
        .find(|t| prop(t, "UID").starts_with("syncwise-2-"))
        .expect("item 2 was pushed");
    assert!(prop(item2, "DTSTART").ends_with("T144500"), "{item2}");
    let etags = store(d)["calendars"][0]["pushed"].clone();
    assert_eq!(etags.as_object().map(|m| m.len()), Some(expected.len()));

    // A change, then a re-push: the same hrefs, one object per item, the new SUMMARY and
    // a higher SEQUENCE.
    ok(d, LATER, &["set", "2", "--title", "Vendor choice, final"]);
    outputs += &ok(d, LATER, &["invites", "--push"]);
    let second = objects(&server);
    assert_eq!(
        second.keys().collect::<Vec<_>>(),
        first.keys().collect::<Vec<_>>()
    );
    let (href2, text2) = second
        .iter()
        .find(|(_, t)| prop(t, "UID").starts_with("syncwise-2-"))
        .unwrap();
    assert_eq!(prop(text2, "SUMMARY"), "Vendor choice\\, final");
    let seq = |t: &str| prop(t, "SEQUENCE").parse::<u32>().unwrap();
    assert!(seq(text2) > seq(item2), "{text2}");

    // Someone changes item 2 on the server: the next push refuses it and leaves it be.
    let theirs = text2.replace("Vendor choice\\, final", "Moved by a colleague");
    let (status, _, _) = http(&server, "PUT", href2, &theirs);
    assert!(matches!(status, 201 | 204), "{status}");
    ok(
        d,
        LATER,
        &["set", "2", "--title", "Vendor choice, really final"],
    );
    let (success, out, err) = run(d, LATER, &["invites", "--push"]);
    outputs += &out;
    outputs += &err;
    assert!(!success);
    let id = prop(text2, "UID").split('-').nth(1).unwrap().to_string();
    assert_eq!(id, "2");
    assert!(
        err.contains(
            "the server\u{2019}s copy of #2 changed since the last push; nothing was overwritten: look at it in your calendar, then push with --overwrite to replace it with yours"
        ),
        "{err}"
    );
    assert_eq!(err.lines().filter(|l| l.contains("#2")).count(), 1, "{err}");
    let third = objects(&server);
    assert_eq!(third.len(), first.len());
    assert_eq!(prop(&third[href2], "SUMMARY"), "Moved by a colleague");

    // Having looked, the user replaces it: --overwrite puts ours over theirs, and the
    // push after that is an ordinary one again.
    outputs += &ok(d, LATER, &["invites", "--push", "--overwrite"]);
    let fourth = objects(&server);
    assert_eq!(fourth.len(), first.len());
    assert_eq!(
        prop(&fourth[href2], "SUMMARY"),
        "Vendor choice\\, really final"
    );
    outputs += &ok(d, LATER, &["invites", "--push"]);

    // The password is nowhere: not in the store, not in any output.
    let stored = std::fs::read_to_string(d.join("plans.json")).unwrap();
    for text in [&stored, &outputs] {
        assert!(!text.contains(PASSWORD), "the password leaked: {text}");
    }
}

/// A store with the sample week scheduled and the server's calendar added with --write,
/// then pushed once. Returns the store's folder and the objects pushed.
fn pushed_week(server: &Radicale) -> (tempfile::TempDir, BTreeMap<String, String>) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let secret = d.join("secret");
    std::fs::write(&secret, format!("{PASSWORD}\n")).unwrap();
    // A script a test may rewrite: the password command runs while a push is under way.
    let script = d.join("password.sh");
    std::fs::write(&script, format!("cat '{}'\n", secret.display())).unwrap();
    let password_cmd = format!("sh '{}'", script.display());
    ok(d, MORNING, &["demo"]);
    ok(d, MORNING, &["config", "set", "timezone", ZONE]);
    ok(d, MORNING, &["schedule"]);
    let url = server.calendar_url();
    ok(
        d,
        MORNING,
        &[
            "calendar",
            "add",
            "Work",
            &url,
            "--caldav",
            "--write",
            "--user",
            USER,
            "--password-cmd",
            &password_cmd,
        ],
    );
    let pushed = ok(d, MORNING, &["invites", "--push"]);
    assert!(!pushed.contains("withdrew"), "{pushed}");
    let objects = objects(server);
    (dir, objects)
}

/// The item ids of the objects, from their UIDs.
fn ids(objects: &BTreeMap<String, String>) -> Vec<u32> {
    let mut ids: Vec<u32> = objects
        .values()
        .map(|t| prop(t, "UID").split('-').nth(1).unwrap().parse().unwrap())
        .collect();
    ids.sort_unstable();
    ids
}

/// The object of item `id`: its href and text.
fn object_of(objects: &BTreeMap<String, String>, id: u32) -> (String, String) {
    objects
        .iter()
        .find(|(_, t)| prop(t, "UID").starts_with(&format!("syncwise-{id}-")))
        .map(|(h, t)| (h.clone(), t.clone()))
        .unwrap_or_else(|| panic!("no object for #{id}"))
}

/// The UIDs the store records as pushed.
fn recorded(dir: &Path) -> Vec<String> {
    let pushed = store(dir)["calendars"][0]["pushed"].clone();
    pushed
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

#[test]
fn invites_no_longer_in_the_week_are_withdrawn_and_other_weeks_are_left_alone() {
    let server = Radicale::start();
    let (dir, first) = pushed_week(&server);
    let d = dir.path();
    // The sample week's shared syncs with a start.
    assert_eq!(ids(&first), [2, 4, 11, 12]);
    let (_, kept) = object_of(&first, 2);

    // One dropped, one turned into a written update, one without its start, and that one
    // deleted on the server meanwhile by someone else.
    ok(d, LATER, &["drop", "4"]);
    ok(d, LATER, &["set", "12", "--medium", "async"]);
    ok(d, LATER, &["set", "11", "--at", "none"]);
    let (href11, _) = object_of(&first, 11);
    let name11 = href11
        .trim_start_matches("/alice/work/")
        .trim_end_matches(".ics")
        .replace("%40", "@");
    server.delete(&name11);
    let out = ok(d, LATER, &["invites", "--push"]);
    assert!(out.contains("Pushed 1 invite for 2026-W48"), "{out}");
    assert!(
        out.contains("withdrew #4 \u{201c}Weekly roadmap status meeting\u{201d} (dropped)"),
        "{out}"
    );
    assert!(
        out.contains(
            "withdrew #12 \u{201c}Reorg rumours in the team\u{201d} (now a written update)"
        ),
        "{out}"
    );
    assert!(
        out.contains("withdrew #11 \u{201c}Explore pricing for the self-serve tier\u{201d} (no start any more; it was already gone from the server)"),
        "{out}"
    );
    assert_eq!(out.matches("withdrew").count(), 3, "{out}");
    let second = objects(&server);
    assert_eq!(ids(&second), [2]);
    // The one still an invite is the same event, unchanged but for its stamp.
    let (_, now2) = object_of(&second, 2);
    for name in [
        "UID",
        "SUMMARY",
        "DTSTART",
        "DTEND",
        "SEQUENCE",
        "DESCRIPTION",
    ] {
        assert_eq!(prop(&now2, name), prop(&kept, name), "{name}");
    }
    assert_eq!(recorded(d), [prop(&kept, "UID")]);
    // Nothing more to withdraw: a push again withdraws nothing and keeps #2.
    let again = ok(d, LATER, &["invites", "--push"]);
    assert!(!again.contains("withdrew"), "{again}");

    // A sync of next week, pushed: week 48's #2, now private, is not next week's to judge.
    ok(d, LATER, &["set", "2", "--private"]);
    ok(
        d,
        LATER,
        &[
            "add",
            "Decide the Q1 hiring plan",
            "--intent",
            "decision",
            "--week",
            "2026-W49",
            "--day",
            "mon",
            "--at",
            "10:00",
            "--medium",
            "sync",
            "--shared",
        ],
    );
    let next = ok(d, LATER, &["invites", "--push", "--week", "2026-W49"]);
    assert!(next.contains("Pushed 1 invite for 2026-W49"), "{next}");
    assert!(!next.contains("withdrew"), "{next}");
    let third = objects(&server);
    assert_eq!(third.len(), 2);
    assert_eq!(
        prop(&object_of(&third, 2).1, "SUMMARY"),
        prop(&kept, "SUMMARY")
    );
    let new_id = *ids(&third).iter().find(|&&id| id != 2).unwrap();

    // Pushing week 48 withdraws its private #2 and leaves next week's sync alone.
    let back = ok(d, LATER, &["invites", "--push"]);
    assert!(back.contains("Pushed 0 invites for 2026-W48"), "{back}");
    assert!(back.contains("withdrew #2 "), "{back}");
    assert!(back.contains("(private)"), "{back}");
    assert_eq!(ids(&objects(&server)), [new_id]);

    // An item deleted is withdrawn whichever week is pushed, and --json lists it.
    ok(d, LATER, &["rm", &new_id.to_string()]);
    let json = ok(d, LATER, &["--json", "invites", "--push"]);
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["week"], "2026-W48");
    let withdrawn = json["withdrawn"].as_array().unwrap();
    assert_eq!(withdrawn.len(), 1, "{json}");
    assert_eq!(withdrawn[0]["id"], new_id);
    assert_eq!(withdrawn[0]["reason"], "deleted");
    assert_eq!(withdrawn[0]["already_gone"], false);
    assert!(objects(&server).is_empty());
    assert!(recorded(d).is_empty());
}

#[test]
fn an_event_changed_on_the_server_is_not_withdrawn_and_the_message_says_what_to_do() {
    let server = Radicale::start();
    let (dir, first) = pushed_week(&server);
    let d = dir.path();
    // A colleague edits #4 on the server; then it is dropped here.
    let (href4, text4) = object_of(&first, 4);
    let theirs = text4.replace("Weekly roadmap status meeting", "Roadmap moved by Ana");
    let (status, _, _) = http(&server, "PUT", &href4, &theirs);
    assert!(matches!(status, 201 | 204), "{status}");
    // Renamed here too, with an apostrophe: the line is still whole.
    ok(d, LATER, &["set", "4", "--title", "Ana's roadmap review"]);
    ok(d, LATER, &["drop", "4"]);
    let (success, out, err) = run(d, LATER, &["invites", "--push"]);
    assert!(!success, "{out}");
    assert!(!out.contains("withdrew"), "{out}");
    assert!(
        err.contains("the server\u{2019}s copy of #4 \u{201c}Ana\u{2019}s roadmap review\u{201d} changed since the last push, so it was not withdrawn: delete it in your calendar if the meeting is off (the next push then forgets it)"),
        "{err}"
    );
    assert_eq!(err.lines().filter(|l| l.contains("#4")).count(), 1, "{err}");
    let after = objects(&server);
    assert_eq!(ids(&after), ids(&first));
    assert_eq!(prop(&after[&href4], "SUMMARY"), "Roadmap moved by Ana");
    assert!(recorded(d).contains(&prop(&text4, "UID")));

    // Once it is deleted there, the next push forgets it.
    let name4 = href4
        .trim_start_matches("/alice/work/")
        .trim_end_matches(".ics")
        .replace("%40", "@");
    server.delete(&name4);
    let out = ok(d, LATER, &["invites", "--push"]);
    assert!(out.contains("withdrew #4 "), "{out}");
    assert!(out.contains("already gone from the server"), "{out}");
    assert!(!recorded(d).contains(&prop(&text4, "UID")));
    assert_eq!(ids(&objects(&server)), [2, 11, 12]);
}

#[test]
fn an_item_made_an_invite_again_during_the_push_keeps_its_event() {
    let server = Radicale::start();
    let (dir, first) = pushed_week(&server);
    let d = dir.path();
    ok(d, LATER, &["drop", "4"]);
    // Someone reopens #4 while the push is under way (after it read the store).
    std::fs::write(
        d.join("password.sh"),
        format!(
            "'{}' set 4 --status open >/dev/null || exit 1\ncat '{}'\n",
            env!("CARGO_BIN_EXE_syncwise"),
            d.join("secret").display()
        ),
    )
    .unwrap();
    let out = ok(d, LATER, &["invites", "--push"]);
    assert!(!out.contains("withdrew"), "{out}");
    assert_eq!(
        store(d)["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == 4)
            .unwrap()["status"],
        "open"
    );
    let (_, text4) = object_of(&first, 4);
    assert_eq!(ids(&objects(&server)), ids(&first));
    assert!(recorded(d).contains(&prop(&text4, "UID")));
}
