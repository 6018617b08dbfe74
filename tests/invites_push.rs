//! `syncwise invites --push` against a real Radicale server: each invite becomes one
//! calendar object, a re-push updates it in place, and a copy changed on the server is
//! never overwritten. Nothing here talks to any address but 127.0.0.1.

mod common;
#[path = "common/radicale.rs"]
mod radicale;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use base64::Engine as _;
use common::syncwise;
use radicale::{PASSWORD, Radicale, USER};
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
            "the server's copy of #2 changed since the last push; nothing was overwritten"
        ),
        "{err}"
    );
    assert_eq!(err.lines().filter(|l| l.contains("#2")).count(), 1, "{err}");
    let third = objects(&server);
    assert_eq!(third.len(), first.len());
    assert_eq!(prop(&third[href2], "SUMMARY"), "Moved by a colleague");

    // The password is nowhere: not in the store, not in any output.
    let stored = std::fs::read_to_string(d.join("plans.json")).unwrap();
    for text in [&stored, &outputs] {
        assert!(!text.contains(PASSWORD), "the password leaked: {text}");
    }
}
