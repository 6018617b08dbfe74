//! Live calendars end to end, through the real binary: an .ics feed served by a loopback
//! HTTP server in this test, and a real Radicale CalDAV server (tests/common/radicale.rs).
//! Nothing here talks to any address but 127.0.0.1.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use common::radicale::{PASSWORD, Radicale};
use common::syncwise;
use serde_json::Value;

// ------------------------------------------------------------------ calendars

/// One event of 2026-W48 (the tests' week) with two attendees, so it is sync time.
fn event(uid: &str, title: &str, start: &str, end: &str) -> String {
    format!(
        "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:{start}\r\nDTEND:{end}\r\nSUMMARY:{title}\r\nORGANIZER:mailto:boss@example.com\r\nATTENDEE:mailto:boss@example.com\r\nATTENDEE:mailto:me@example.com\r\nEND:VEVENT\r\n"
    )
}

fn calendar(events: &[String]) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{}END:VCALENDAR\r\n",
        events.concat()
    )
}

// --------------------------------------------------------- the loopback feed

/// What the feed server sends, and what it was asked.
struct Served {
    body: Vec<u8>,
    content_type: String,
    etag: String,
    /// Each request: its method and path, and its If-None-Match header, if any.
    requests: Vec<(String, Option<String>)>,
    /// Each answer's status and body length.
    answers: Vec<(u16, usize)>,
    /// How long the server waits before it answers.
    delay: std::time::Duration,
}

/// A tiny HTTP/1.1 server on a loopback port, serving one body with an ETag.
struct Feed {
    port: u16,
    served: Arc<Mutex<Served>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Feed {
    fn start(body: &str) -> Feed {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let port = listener.local_addr().expect("an address").port();
        let served = Arc::new(Mutex::new(Served {
            body: body.as_bytes().to_vec(),
            content_type: "text/calendar; charset=utf-8".into(),
            etag: "\"v1\"".into(),
            requests: Vec::new(),
            answers: Vec::new(),
            delay: std::time::Duration::ZERO,
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let (s, st) = (served.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if st.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    answer(stream, &s);
                }
            }
        });
        Feed {
            port,
            served,
            stop,
            thread: Some(thread),
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/work.ics", self.port)
    }

    fn serve(&self, body: &[u8], content_type: &str, etag: &str) {
        let mut s = self.served.lock().unwrap();
        s.body = body.to_vec();
        s.content_type = content_type.into();
        s.etag = etag.into();
    }

    fn requests(&self) -> Vec<(String, Option<String>)> {
        self.served.lock().unwrap().requests.clone()
    }

    fn answers(&self) -> Vec<(u16, usize)> {
        self.served.lock().unwrap().answers.clone()
    }
}

impl Drop for Feed {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn answer(mut stream: TcpStream, served: &Mutex<Served>) {
    let mut reader = BufReader::new(stream.try_clone().expect("a clone"));
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() || first.is_empty() {
        return;
    }
    let mut if_none_match = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).is_err() || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("if-none-match")
        {
            if_none_match = Some(value.trim().to_string());
        }
    }
    let request: String = first
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    let mut s = served.lock().unwrap();
    s.requests.push((request, if_none_match.clone()));
    let (status, body): (u16, Vec<u8>) = if if_none_match.as_deref() == Some(s.etag.as_str()) {
        (304, Vec::new())
    } else {
        (200, s.body.clone())
    };
    s.answers.push((status, body.len()));
    let head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {}\r\nETag: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        if status == 200 { "OK" } else { "Not Modified" },
        s.content_type,
        s.etag,
        body.len()
    );
    drop(s);
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
    let _ = stream.flush();
    let mut rest = Vec::new();
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = reader.read_to_end(&mut rest);
}

// ------------------------------------------------------------------- helpers

/// `budget --json`'s calendar minutes for 2026-W48.
fn meeting_minutes(dir: &Path) -> u64 {
    let out = syncwise(dir)
        .args(["budget", "--json"])
        .output()
        .expect("budget runs");
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).expect("budget JSON");
    v["meeting_minutes"].as_u64().expect("meeting_minutes")
}

fn store_text(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("plans.json")).expect("the store exists")
}

/// Runs the binary and returns (success, stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (bool, String, String) {
    let out = syncwise(dir).args(args).output().expect("syncwise runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

// --------------------------------------------------------------------- feeds

#[test]
fn a_feed_syncs_into_the_budget_and_an_unchanged_one_costs_one_small_request() {
    let dir = tempfile::tempdir().unwrap();
    let feed = Feed::start(&calendar(&[
        event("a", "Planning", "20261124T100000Z", "20261124T110000Z"),
        event("b", "Review", "20261126T100000Z", "20261126T103000Z"),
    ]));
    let (ok, out, err) = run(dir.path(), &["calendar", "add", "Work", &feed.url()]);
    assert!(ok, "{err}");
    assert!(out.contains("Subscribed to \u{201c}Work\u{201d}"), "{out}");
    assert_eq!(feed.requests().len(), 0, "add contacts no server");

    let (ok, out, err) = run(dir.path(), &["calendar", "sync"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("Synced \u{201c}Work\u{201d}: 2 meetings of 2026-W48 to 2026-W51"),
        "{out}"
    );
    assert_eq!(meeting_minutes(dir.path()), 90);

    // Unchanged: one conditional GET, answered 304 with no body.
    let (ok, out, _) = run(dir.path(), &["calendar", "sync", "Work"]);
    assert!(ok);
    assert!(out.contains("is unchanged: 2 meetings"), "{out}");
    let requests = feed.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].1.as_deref(), Some("\"v1\""));
    assert_eq!(feed.answers()[1], (304, 0));
    assert_eq!(meeting_minutes(dir.path()), 90);

    // Changed: the review grows to an hour and the planning goes.
    feed.serve(
        calendar(&[event("b", "Review", "20261126T100000Z", "20261126T110000Z")]).as_bytes(),
        "text/calendar",
        "\"v2\"",
    );
    let (ok, out, err) = run(dir.path(), &["calendar", "sync", "--json"]);
    assert!(ok, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["status"], "synced");
    assert_eq!(v[0]["meetings"], 1);
    assert_eq!(v[0]["replaced"], 2);
    assert_eq!(meeting_minutes(dir.path()), 60);

    // A different span of weeks is fetched again, whatever the ETag says.
    let (ok, _, _) = run(dir.path(), &["calendar", "sync", "--weeks", "2"]);
    assert!(ok);
    assert_eq!(feed.requests().last().unwrap().1, None);

    let (ok, out, _) = run(dir.path(), &["calendar", "list", "--json"]);
    assert!(ok);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["name"], "Work");
    assert_eq!(v[0]["kind"], "feed");
    assert!(v[0]["last_sync"].is_string());

    let (ok, out, _) = run(dir.path(), &["calendar", "rm", "Work"]);
    assert!(ok);
    assert!(out.contains("1 stored meeting left the budget"), "{out}");
    assert_eq!(meeting_minutes(dir.path()), 0);
    assert!(!store_text(dir.path()).contains("calendars"));
}

#[test]
fn a_web_page_or_an_oversized_body_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let feed = Feed::start(&calendar(&[event(
        "a",
        "Planning",
        "20261124T100000Z",
        "20261124T110000Z",
    )]));
    assert!(run(dir.path(), &["calendar", "add", "Work", &feed.url()]).0);
    assert!(run(dir.path(), &["calendar", "sync"]).0);
    assert_eq!(meeting_minutes(dir.path()), 60);
    let meetings_before: Value = serde_json::from_str(&store_text(dir.path())).unwrap();

    feed.serve(
        b"<!DOCTYPE html><html><body><form>Sign in</form></body></html>",
        "text/html; charset=utf-8",
        "\"login\"",
    );
    let (ok, out, err) = run(dir.path(), &["calendar", "sync"]);
    assert!(!ok);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("calendar \u{201c}Work\u{201d}"), "{err}");
    assert!(err.contains("web page"), "{err}");
    assert!(!out.contains("Synced"));
    assert_eq!(meeting_minutes(dir.path()), 60);

    // A calendar over 20 MiB is refused before it is read whole.
    let mut huge = calendar(&[]).into_bytes();
    huge.splice(
        huge.len() - 15..huge.len() - 15,
        vec![b'X'; 21 * 1024 * 1024],
    );
    feed.serve(&huge, "text/calendar", "\"huge\"");
    let (ok, _, err) = run(dir.path(), &["calendar", "sync"]);
    assert!(!ok);
    assert!(err.contains("more than 20 MiB"), "{err}");
    assert_eq!(meeting_minutes(dir.path()), 60);

    let after: Value = serde_json::from_str(&store_text(dir.path())).unwrap();
    assert_eq!(after["meetings"], meetings_before["meetings"]);
    assert!(
        after["calendars"][0]["last_error"]
            .as_str()
            .unwrap()
            .contains("20 MiB")
    );
}

#[test]
fn plain_http_elsewhere_and_passwords_in_addresses_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, _, err) = run(
        dir.path(),
        &[
            "calendar",
            "add",
            "Work",
            "http://calendar.example.com/a.ics",
        ],
    );
    assert!(!ok);
    assert!(err.contains("--insecure-http"), "{err}");
    let (ok, _, err) = run(
        dir.path(),
        &[
            "calendar",
            "add",
            "Work",
            "https://me:hunter2@calendar.example.com/a.ics",
        ],
    );
    assert!(!ok);
    assert!(
        err.contains("--password-cmd") && !err.contains("hunter2"),
        "{err}"
    );
    assert!(
        run(
            dir.path(),
            &[
                "calendar",
                "add",
                "Work",
                "webcal://calendar.example.com/a.ics"
            ]
        )
        .0
    );
    let (ok, _, err) = run(
        dir.path(),
        &[
            "calendar",
            "add",
            "Work",
            "webcal://calendar.example.com/b.ics",
        ],
    );
    assert!(!ok);
    assert!(err.contains("already a calendar named"), "{err}");
    let (ok, _, err) = run(dir.path(), &["calendar", "sync", "Home"]);
    assert!(!ok);
    assert!(err.contains("no calendar named"), "{err}");
}

// -------------------------------------------------------------------- CalDAV

#[test]
fn a_radicale_calendar_syncs_changes_deletions_and_survives_the_server_stopping() {
    let mut server = Radicale::start();
    server.put(
        "planning",
        &calendar(&[event(
            "planning",
            "Planning",
            "20261124T100000Z",
            "20261124T110000Z",
        )]),
    );
    server.put(
        "review",
        &calendar(&[event(
            "review",
            "Review",
            "20261126T100000Z",
            "20261126T103000Z",
        )]),
    );
    // Far outside the weeks synced: the time range keeps it off the wire.
    server.put(
        "later",
        &calendar(&[event(
            "later",
            "Later",
            "20270310T100000Z",
            "20270310T110000Z",
        )]),
    );
    let dir = tempfile::tempdir().unwrap();
    let secret_file = dir.path().join("secret");
    std::fs::write(&secret_file, format!("{PASSWORD}\nignored second line\n")).unwrap();
    let password_cmd = format!("cat '{}'", secret_file.display());
    let url = server.calendar_url();
    let (ok, _, err) = run(
        dir.path(),
        &[
            "calendar",
            "add",
            "Team",
            &url,
            "--caldav",
            "--user",
            "alice",
            "--password-cmd",
            &password_cmd,
        ],
    );
    assert!(ok, "{err}");

    let mut outputs = String::new();
    let mut sync = |args: &[&str]| {
        let (ok, out, err) = run(dir.path(), args);
        outputs.push_str(&out);
        outputs.push_str(&err);
        (ok, out, err)
    };
    let (ok, out, err) = sync(&["calendar", "sync"]);
    assert!(ok, "{err}\n{}", server.log());
    assert!(
        out.contains("Synced \u{201c}Team\u{201d}: 2 meetings"),
        "{out}"
    );
    assert_eq!(meeting_minutes(dir.path()), 90);

    // A planned written update (the TUI's `w`) stays attached across syncs.
    let store = syncwise::store::Store::at(dir.path());
    let key = store.load().unwrap().meetings[0].key.clone();
    store
        .update(|plan| {
            syncwise::core::ops::replace_meeting(plan, &key, chrono::Utc::now())
                .map(|_| ())
                .map_err(anyhow::Error::new)
        })
        .unwrap();
    assert_eq!(meeting_minutes(dir.path()), 30);
    // A wider span is read again (the sync token vouches for the weeks it was taken for).
    let (ok, out, err) = sync(&["calendar", "sync", "--weeks", "5"]);
    assert!(ok, "{err}");
    assert!(out.contains("Synced"), "{out}");
    let plan = store.load().unwrap();
    let planning = plan.meetings.iter().find(|m| m.key == key).unwrap();
    assert!(plan.is_replaced(planning));
    assert_eq!(meeting_minutes(dir.path()), 30);
    let id = plan.replacement(planning).unwrap().id.to_string();
    assert!(sync(&["rm", &id]).0);
    assert_eq!(meeting_minutes(dir.path()), 90);

    // Back to four weeks, then unchanged: one PROPFIND, no REPORT.
    assert!(sync(&["calendar", "sync"]).0);
    let before = server.requests().len();
    let (ok, out, _) = sync(&["calendar", "sync"]);
    assert!(ok);
    assert!(out.contains("is unchanged"), "{out}");
    assert_eq!(server.requests()[before..], ["PROPFIND".to_string()]);

    // A changed event changes the next sync.
    server.put(
        "review",
        &calendar(&[event(
            "review",
            "Review",
            "20261126T100000Z",
            "20261126T120000Z",
        )]),
    );
    let (ok, out, err) = sync(&["calendar", "sync"]);
    assert!(ok, "{err}");
    assert!(out.contains("Synced"), "{out}");
    assert_eq!(meeting_minutes(dir.path()), 180);

    // A deleted event disappears.
    server.delete("planning");
    let (ok, _, err) = sync(&["calendar", "sync"]);
    assert!(ok, "{err}");
    assert_eq!(meeting_minutes(dir.path()), 120);

    // A wrong password is a clear 401, and stores nothing new.
    std::fs::write(&secret_file, "wrong-password-x\n").unwrap();
    let (ok, _, err) = sync(&["calendar", "sync"]);
    assert!(!ok);
    assert!(
        err.contains("calendar \u{201c}Team\u{201d}") && err.contains("401"),
        "{err}"
    );
    assert!(!err.contains("wrong-password-x"));
    assert_eq!(meeting_minutes(dir.path()), 120);
    std::fs::write(&secret_file, format!("{PASSWORD}\n")).unwrap();

    // An address with no calendar is a clear 404, and leaves the other calendar alone.
    let missing = url.replace("/work/", "/nope/");
    assert!(
        sync(&[
            "calendar",
            "add",
            "Missing",
            &missing,
            "--caldav",
            "--user",
            "alice",
            "--password-cmd",
            &password_cmd
        ])
        .0
    );
    let (ok, _, err) = sync(&["calendar", "sync", "Missing"]);
    assert!(!ok);
    assert!(
        err.contains("calendar \u{201c}Missing\u{201d}") && err.contains("404"),
        "{err}"
    );
    assert!(sync(&["calendar", "rm", "Missing"]).0);
    assert_eq!(meeting_minutes(dir.path()), 120);

    // A stopped server: the cached meetings keep counting, one clear line.
    server.stop();
    let (ok, _, err) = sync(&["calendar", "sync"]);
    assert!(!ok);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("calendar \u{201c}Team\u{201d}") && err.contains("cannot connect"),
        "{err}"
    );
    assert!(err.contains("last synced copy still counts"), "{err}");
    assert_eq!(meeting_minutes(dir.path()), 120);
    let (ok, out, _) = sync(&["calendar", "list"]);
    assert!(ok);
    assert!(out.contains("last sync failed: cannot connect"), "{out}");

    // The password is nowhere: not in the store, not in any output or error.
    let store = store_text(dir.path());
    assert!(store.contains("password_cmd"));
    for text in [&store, &outputs] {
        assert!(!text.contains(PASSWORD), "the password leaked: {text}");
        assert!(
            !text.contains("wrong-password-x"),
            "the password leaked: {text}"
        );
    }
}

#[test]
fn a_failing_password_command_is_named_without_its_output() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, _, err) = run(
        dir.path(),
        &[
            "calendar",
            "add",
            "Team",
            "http://127.0.0.1:9/cal/",
            "--caldav",
            "--user",
            "alice",
            "--password-cmd",
            "echo leaked-secret >&2; echo leaked-secret; exit 4",
        ],
    );
    assert!(ok, "{err}");
    let (ok, out, err) = run(dir.path(), &["calendar", "sync"]);
    assert!(!ok);
    assert!(
        err.contains("password command failed (exit status 4)"),
        "{err}"
    );
    assert!(!err.contains("leaked-secret") && !out.contains("leaked-secret"));
    assert!(!store_text(dir.path()).contains("leaked-secret\""));
}

// ------------------------------------------------------------------------ TUI

fn key(c: char) -> syncwise::tui::Event {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    syncwise::tui::Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

#[test]
fn the_tui_syncs_in_the_background_while_keys_keep_working() {
    let dir = tempfile::tempdir().unwrap();
    let feed = Feed::start(&calendar(&[event(
        "a",
        "Planning",
        "20261124T100000Z",
        "20261124T110000Z",
    )]));
    feed.served.lock().unwrap().delay = std::time::Duration::from_millis(1500);
    assert!(run(dir.path(), &["calendar", "add", "Work", &feed.url()]).0);
    let store = syncwise::store::Store::at(dir.path());
    let mut app = common::open_app(&store);
    assert!(app.view.calendar.is_empty());
    assert!(
        app.view.calendars_line.contains("Work never synced"),
        "{}",
        app.view.calendars_line
    );

    let started = std::time::Instant::now();
    app.handle(key('r'));
    assert!(app.sync.is_running());
    assert!(
        app.view.calendars_line.starts_with("syncing"),
        "{}",
        app.view.calendars_line
    );
    // Keys go on while the server takes its time: open the form and close it again.
    app.handle(key('a'));
    assert!(matches!(app.mode, syncwise::tui::app::Mode::Form(_)));
    app.update(syncwise::tui::Action::Cancel);
    assert!(
        started.elapsed() < std::time::Duration::from_millis(1000),
        "a key press waited for the sync"
    );
    // A second `r` while it runs starts nothing more.
    app.handle(key('r'));
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("already running")
    );

    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while app.sync.is_running() || app.view.calendar.is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the sync never landed"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
        app.handle(syncwise::tui::Event::Tick);
    }
    assert_eq!(app.view.calendar.len(), 1);
    assert_eq!(app.view.budget.meeting_minutes, 60);
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("Synced 1 calendar")
    );
    assert!(
        !app.view.calendars_line.contains("never"),
        "{}",
        app.view.calendars_line
    );
    let screen = syncwise::tui::buffer_text(&syncwise::tui::draw(&app, 160, 40).unwrap());
    assert!(
        screen.lines().next().unwrap().contains("Work Wed"),
        "{screen}"
    );

    // A server gone: the header says so on its line, the meeting keeps counting.
    drop(feed);
    app.handle(key('r'));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while app.sync.is_running() || !app.view.calendars_line.contains("failed") {
        assert!(
            std::time::Instant::now() < deadline,
            "the failure never landed"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
        app.handle(syncwise::tui::Event::Tick);
    }
    assert!(
        app.view.calendars_line.contains("failed: cannot connect"),
        "{}",
        app.view.calendars_line
    );
    assert_eq!(app.view.budget.meeting_minutes, 60);
}
