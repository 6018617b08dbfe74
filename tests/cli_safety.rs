//! Nothing a user typed or a store holds reaches the terminal raw: every error path of the
//! CLI, fed carriage returns, 8-bit CSI, DEL, escape sequences and bidi controls, writes one
//! clean line on stderr, a huge bad value is quoted short, and the reports on stdout carry
//! no control character either. Checked byte by byte.

mod common;

use std::path::Path;

use syncwise::core::week::Day;
use syncwise::core::{Item, Plan};
use syncwise::store::{Store, StoreError};

/// A value that tries every way into the terminal: CR, 8-bit CSI, a bidi override, an
/// OSC 52 clipboard write, a bidi isolate, DEL, a tab and a newline.
const EVIL: &str = "A\rB\u{9b}2J\u{202e}C\u{1b}]52;c;aGk=\u{7}D\u{2066}E\u{7f}F\tG\nH";

/// The character that must never reach a terminal, if `c` is one.
fn forbidden(c: char) -> bool {
    c.is_control()
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Checks bytes written for a terminal: UTF-8, and no C0 (newlines aside when `lines`),
/// C1, DEL, ESC or bidi control.
fn assert_clean(bytes: &[u8], lines: bool, what: &str) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    for (at, c) in text.char_indices() {
        if lines && c == '\n' {
            continue;
        }
        assert!(!forbidden(c), "{what}: {c:?} at byte {at} in {text:?}");
    }
    // Bytes too: no raw C0, DEL or an 8-bit control written as a lone byte.
    for (at, b) in bytes.iter().enumerate() {
        assert!(
            *b >= 0x20 && *b != 0x7f || lines && *b == b'\n',
            "{what}: byte {b:#04x} at {at}"
        );
    }
}

/// Checks an error: exit non-zero, nothing on stdout, and stderr one clean line.
fn assert_one_clean_line(output: &std::process::Output, what: &str) -> String {
    assert!(!output.status.success(), "{what}: succeeded");
    let err = &output.stderr;
    assert!(
        err.ends_with(b"\n"),
        "{what}: {:?}",
        String::from_utf8_lossy(err)
    );
    let body = &err[..err.len() - 1];
    assert_clean(body, false, what);
    let line = String::from_utf8(body.to_vec()).unwrap();
    assert!(line.starts_with("syncwise: "), "{what}: {line}");
    line
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    common::syncwise(dir).args(args).output().unwrap()
}

/// A store with one item to find, so that errors about ids are not about an empty store.
fn store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["add", "Ship the release"]);
    assert!(out.status.success());
    dir
}

#[test]
fn every_argument_error_is_one_clean_line() {
    let dir = store();
    let cases: Vec<Vec<&str>> = vec![
        vec!["add", "t", "--week", EVIL],
        vec!["add", "t", "--minutes", EVIL],
        vec!["add", "t", "--day", EVIL],
        vec!["add", "t", "--intent", EVIL],
        vec!["add", "t", "--heat", EVIL],
        vec!["add", "t", "--medium", EVIL],
        vec!["add", "t", "--exchanges", EVIL],
        vec!["add", "t", "--status", EVIL],
        vec!["add", EVIL, "--unknown-flag"],
        vec!["add", "\u{1b}[2J\u{9b}0m"],
        vec!["show", EVIL],
        vec!["set", EVIL, "--heat", "high"],
        vec!["set", "1", "--title", "\u{202e}\u{200b}\r"],
        vec!["done", EVIL],
        vec!["drop", EVIL],
        vec!["rm", EVIL],
        vec!["list", "--week", EVIL],
        vec!["budget", "--week", EVIL],
        vec!["export", "--week", EVIL],
        vec!["config", "set", EVIL, "3"],
        vec!["config", "set", "budget", EVIL],
        vec!["config", "set", "timezone", EVIL],
        vec!["config", "get", EVIL],
        vec!["import", EVIL],
        vec!["audit", EVIL],
        vec!["recommend", "t", "--intent", EVIL],
        vec![EVIL],
    ];
    for args in cases {
        let out = run(dir.path(), &args);
        assert_one_clean_line(&out, &format!("{args:?}"));
    }
}

#[test]
fn a_directory_and_today_with_controls_are_one_clean_line() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join(format!("gone-{EVIL}"));
    let missing = missing.to_str().unwrap();
    for args in [
        vec!["--dir", missing, "list"],
        vec!["--dir", missing, "show", "1"],
    ] {
        let out = run(dir.path(), &args);
        let line = assert_one_clean_line(&out, &format!("{args:?}"));
        assert!(line.contains("does not exist"), "{line}");
    }
    let out = common::syncwise(dir.path())
        .env("SYNCWISE_TODAY", EVIL)
        .arg("list")
        .output()
        .unwrap();
    assert_one_clean_line(&out, "SYNCWISE_TODAY");
}

#[test]
fn a_huge_bad_value_is_quoted_short() {
    let dir = store();
    let huge = format!("{EVIL}{}", "x".repeat(100_000));
    for args in [
        vec!["add", huge.as_str()],
        vec!["add", "t", "--week", huge.as_str()],
        vec!["add", "t", "--minutes", huge.as_str()],
        vec!["show", huge.as_str()],
        vec!["config", "set", "budget", huge.as_str()],
        vec!["config", "set", huge.as_str(), "1"],
        vec!["import", huge.as_str()],
    ] {
        let what = format!("{:?}", &args[..args.len() - 1]);
        let out = run(dir.path(), &args);
        let line = assert_one_clean_line(&out, &what);
        assert!(
            line.chars().count() < 400,
            "{what}: {} characters",
            line.chars().count()
        );
        // Each quoted value is at most about 80 characters.
        for (index, quoted) in line.split('\'').enumerate() {
            if index % 2 == 1 {
                assert!(quoted.chars().count() <= 80, "{what}: '{quoted}'");
            }
        }
    }
}

#[test]
fn titles_of_only_controls_or_zero_width_characters_are_refused_as_empty() {
    let dir = store();
    for title in [
        "\u{200b}\u{200d}\u{feff}",
        "\u{1b}[31m\u{1b}[0m",
        "\r\u{9b}2J\u{202e}",
    ] {
        let out = run(dir.path(), &["add", title]);
        let line = assert_one_clean_line(&out, title);
        assert!(line.contains("empty"), "{line}");
    }
    // A title of 200 characters is not too long for the colours around it.
    let coloured = format!("\u{1b}[31m{}\u{1b}[0m", "y".repeat(200));
    let out = run(dir.path(), &["add", &coloured]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plan = Store::at(dir.path()).load().unwrap();
    assert_eq!(plan.items.last().unwrap().title, "y".repeat(200));
}

#[test]
fn reports_of_items_with_raw_controls_are_clean_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let clock = common::clock();
    // A store written by something else, or before titles were sanitised on the way in.
    Store::at(dir.path())
        .update(|plan: &mut Plan| {
            let mut item = Item::new(
                0,
                &format!("Plan {EVIL}"),
                clock.this_week(),
                Day::Tue,
                clock.utc,
            );
            item.with = EVIL.into();
            item.notes = EVIL.into();
            plan.add(item);
            Ok::<_, StoreError>(())
        })
        .unwrap();
    for args in [
        vec!["list"],
        vec!["list", "--json"],
        vec!["list", "--all", "--json"],
        vec!["show", "1"],
        vec!["show", "1", "--json"],
        vec!["export"],
        vec!["export", "--format", "json"],
        vec!["budget"],
    ] {
        let out = run(dir.path(), &args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_clean(&out.stdout, true, &format!("{args:?}"));
        assert_clean(&out.stderr, true, &format!("{args:?} stderr"));
    }
    // JSON keeps the text, escaped: a program reading it gets the title back whole.
    let out = run(dir.path(), &["show", "1", "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["title"], format!("Plan {EVIL}"), "{value}");
}

#[test]
fn a_missing_dir_is_an_error_for_readers_and_created_by_writers() {
    let base = tempfile::tempdir().unwrap();
    let missing = base.path().join("typo");
    for args in [
        vec!["list"],
        vec!["show", "1"],
        vec!["budget"],
        vec!["export"],
        vec!["import", "--dry-run", "week.ics"],
        vec![],
    ] {
        let out = common::syncwise(&missing).args(&args).output().unwrap();
        let line = assert_one_clean_line(&out, &format!("{args:?}"));
        assert!(
            line.contains("SYNCWISE_DIR '")
                && line.contains("typo' does not exist; create it or pass an existing directory"),
            "{line}"
        );
        assert!(!missing.exists(), "{args:?} created the directory");
    }
    // The flag is named as the flag.
    let out = run(base.path(), &["--dir", missing.to_str().unwrap(), "list"]);
    assert!(assert_one_clean_line(&out, "--dir").contains("--dir '"));
    // A file is not a directory.
    let file = base.path().join("file");
    std::fs::write(&file, "").unwrap();
    let out = common::syncwise(&file).arg("list").output().unwrap();
    assert!(assert_one_clean_line(&out, "file").contains("is not a directory"));
    // Writing creates it, as the README says.
    let out = common::syncwise(&missing)
        .args(["add", "First"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(missing.join("plans.json").exists());
    let out = common::syncwise(&missing).arg("list").output().unwrap();
    assert!(out.status.success());
}

#[test]
fn the_smaller_holes_are_each_one_clear_line() {
    use std::os::unix::ffi::OsStrExt;
    let dir = store();
    // SYNCWISE_TODAY that is not UTF-8 is an error, not silently the system's date.
    let out = common::syncwise(dir.path())
        .env(
            "SYNCWISE_TODAY",
            std::ffi::OsStr::from_bytes(b"2026-\xff-25"),
        )
        .arg("list")
        .output()
        .unwrap();
    let line = assert_one_clean_line(&out, "SYNCWISE_TODAY");
    assert!(line.contains("SYNCWISE_TODAY is not valid UTF-8"), "{line}");
    // A plans.json that points nowhere names the link, for reads and writes alike.
    let linked = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(
        linked.path().join("gone.json"),
        linked.path().join("plans.json"),
    )
    .unwrap();
    for args in [vec!["list"], vec!["add", "First"]] {
        let out = run(linked.path(), &args);
        let line = assert_one_clean_line(&out, &format!("{args:?}"));
        assert!(
            line.contains("plans.json' is a symlink") || line.contains("plans.json is a symlink"),
            "{line}"
        );
        assert!(line.contains("does not exist"), "{line}");
    }
    // A 100 KB title is refused by its length, quoting a short part of it.
    let out = run(dir.path(), &["add", &"t".repeat(100_000)]);
    let line = assert_one_clean_line(&out, "long title");
    assert!(
        line.contains("100000 characters long (at most 200)"),
        "{line}"
    );
    assert!(line.chars().count() < 300, "{line}");
}
