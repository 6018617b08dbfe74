//! A store syncwise cannot read is reported, by path and cause, and never overwritten:
//! every command fails and the file stays byte for byte as it was.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::syncwise;

/// Every command that reads or writes the store.
const COMMANDS: [&[&str]; 16] = [
    &["list"],
    &["--json", "list", "--all"],
    &["show", "1"],
    &["add", "Weekly status"],
    &["--json", "add", "Weekly status", "--intent", "status"],
    &["set", "1", "--heat", "high"],
    &["set", "1", "--title", "Renamed", "--status", "open"],
    &["done", "1"],
    &["drop", "1"],
    &["rm", "1"],
    &["budget"],
    &["--json", "budget", "--week", "2026-W49"],
    &["recommend", "Quick question", "--intent", "question"],
    &["demo"],
    &["demo", "--force"],
    &["demo", "--items", "5", "--seed", "3", "--force"],
];

/// Names in the directory other than the lock file, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "plans.lock")
        .collect();
    names.sort();
    names
}

/// Writes `content` as the store, runs every command on it and checks that each fails with
/// one line naming the file and every needle, leaving the file and directory as they were.
fn every_command_refuses(content: &[u8], needles: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("plans.json");
    fs::write(&path, content).unwrap();
    let before = listing(dir.path());
    let shown = path.display().to_string();
    for args in COMMANDS {
        let out = syncwise(dir.path()).args(args).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            !out.status.success(),
            "syncwise {args:?} succeeded on {}",
            String::from_utf8_lossy(content)
        );
        assert!(out.stdout.is_empty(), "syncwise {args:?} printed output");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr:?}");
        assert!(
            stderr.contains(&shown),
            "{args:?}: the message does not name {shown}: {stderr}"
        );
        for needle in needles {
            assert!(
                stderr.contains(needle),
                "{args:?}: {needle:?} missing from {stderr}"
            );
        }
        assert_eq!(
            fs::read(&path).unwrap(),
            content,
            "syncwise {args:?} changed the store"
        );
        assert_eq!(listing(dir.path()), before, "{args:?} left files behind");
    }
}

#[test]
fn a_store_that_does_not_parse() {
    let not_json: [&[u8]; 4] = [
        b"{ not json",
        b"{\n  \"version\": 1,\n  \"next_id\": 3,\n  \"items\": [\n    {\n      \"id\": 1,",
        b"",
        b"\xff\xfe\x00garbage",
    ];
    for content in not_json {
        every_command_refuses(content, &["not a valid syncwise store", "untouched"]);
    }
}

#[test]
fn a_store_from_a_newer_syncwise() {
    every_command_refuses(
        br#"{"version": 99, "next_id": 2, "settings": {}, "items": []}"#,
        &["newer", "99", "upgrade"],
    );
    // A newer store is recognised even when the rest has a shape this version cannot read.
    every_command_refuses(
        br#"{"version": 99, "plans": {"weeks": [1, 2, 3]}}"#,
        &["newer", "99"],
    );
}

#[test]
fn a_store_with_the_right_version_and_the_wrong_shape() {
    let item = |field: &str, value: &str| {
        let mut item = serde_json::json!({
            "id": 1, "title": "Weekly status", "with": "", "intent": "status", "heat": "low",
            "minutes": 15, "day": "mon", "week": "2026-W48", "medium": "auto",
            "agenda": {"problem": "", "pre_read": "", "outcome": ""}, "notes": "",
            "exchanges": 0, "status": "open",
            "created": "2026-11-25T08:00:00Z", "updated": "2026-11-25T08:00:00Z"
        });
        item[field] = serde_json::from_str(value).unwrap();
        format!(r#"{{"version": 1, "next_id": 2, "items": [{item}]}}"#)
    };
    // The template itself is a good store: the failures below come from one field each.
    let good = tempfile::tempdir().unwrap();
    fs::write(good.path().join("plans.json"), item("title", "\"ok\"")).unwrap();
    syncwise(good.path()).arg("list").assert().success();

    let cases: [(String, &[&str]); 7] = [
        (
            r#"{"version": 1, "next_id": 1, "items": {"1": "Weekly status"}}"#.into(),
            &["invalid type"],
        ),
        (
            r#"{"version": 1, "next_id": "one", "items": []}"#.into(),
            &["invalid type"],
        ),
        (r#"{"version": 1, "items": []}"#.into(), &["next_id"]),
        (r#"[1, 2, 3]"#.into(), &["not a valid syncwise store"]),
        (item("intent", r#""meeting""#), &["meeting"]),
        (item("week", r#""2026-W60""#), &["2026-W60"]),
        (
            r#"{"version": 0, "next_id": 1, "items": []}"#.into(),
            &["version 0"],
        ),
    ];
    for (content, needles) in cases {
        let mut all = vec!["not a valid syncwise store"];
        all.extend_from_slice(needles);
        every_command_refuses(content.as_bytes(), &all);
    }
}

#[test]
fn a_store_path_that_is_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plans.json");
    fs::create_dir(&path).unwrap();
    for args in COMMANDS {
        let out = syncwise(dir.path()).args(args).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(!out.status.success(), "{args:?}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr:?}");
        assert!(stderr.contains(&path.display().to_string()), "{stderr}");
        assert!(path.is_dir());
        assert_eq!(fs::read_dir(&path).unwrap().count(), 0);
        assert_eq!(listing(dir.path()), ["plans.json"]);
    }
}

#[cfg(unix)]
#[test]
fn the_store_file_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plans.json");
    syncwise(dir.path())
        .args(["add", "Feedback to Sam", "--intent", "feedback"])
        .assert()
        .success();
    assert_eq!(mode(&path), 0o600, "a new store");

    // Widened by hand: the next save makes it private again.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    syncwise(dir.path())
        .args(["set", "1", "--heat", "high"])
        .assert()
        .success();
    assert_eq!(mode(&path), 0o600, "after set");

    // `demo --force` gives the sample items fresh ids, from 2 on.
    for args in [&["demo", "--force"][..], &["done", "2"], &["rm", "2"]] {
        syncwise(dir.path()).args(args).assert().success();
        assert_eq!(mode(&path), 0o600, "after {args:?}");
    }

    let other = tempfile::tempdir().unwrap();
    syncwise(other.path()).arg("demo").assert().success();
    assert_eq!(
        mode(&other.path().join("plans.json")),
        0o600,
        "a demo store"
    );
}
