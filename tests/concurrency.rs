//! Many processes on one store: writers serialise on the lock and none is lost, and a writer
//! killed at any moment leaves a store that still parses and accepts later writes.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_syncwise");

fn syncwise(dir: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env("SYNCWISE_DIR", dir)
        .env("SYNCWISE_TODAY", "2026-11-25")
        .env("TZ", "UTC");
    cmd
}

fn run(dir: &Path, args: &[&str]) -> Output {
    let out = syncwise(dir).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "syncwise {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Every item of the store, through `list --all --json`, which must succeed and parse.
fn all_items(dir: &Path) -> Vec<Value> {
    let out = run(dir, &["--json", "list", "--all"]);
    let list: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("list --all --json is not JSON: {e}"));
    list.as_array().expect("a JSON array").clone()
}

#[test]
fn sixteen_concurrent_adds_all_land_with_distinct_ids() {
    let dir = tempfile::tempdir().unwrap();
    // Some items already there, so every writer has a real read-modify-write to do.
    run(dir.path(), &["demo", "--items", "50"]);

    let children: Vec<(String, Child)> = (0..16)
        .map(|n| {
            let title = format!("Concurrent item {n:02}");
            let child = syncwise(dir.path())
                .args(["add", &title, "--intent", "decision", "--day", "thu"])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            (title, child)
        })
        .collect();
    for (title, child) in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "add {title:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    let items = all_items(dir.path());
    assert_eq!(items.len(), 66);
    let added: Vec<&Value> = items
        .iter()
        .filter(|i| i["title"].as_str().unwrap().starts_with("Concurrent item "))
        .collect();
    let titles: BTreeSet<&str> = added.iter().map(|i| i["title"].as_str().unwrap()).collect();
    let expected: BTreeSet<String> = (0..16).map(|n| format!("Concurrent item {n:02}")).collect();
    assert_eq!(
        titles,
        expected.iter().map(String::as_str).collect::<BTreeSet<_>>()
    );
    let ids: BTreeSet<u64> = items.iter().map(|i| i["id"].as_u64().unwrap()).collect();
    assert_eq!(ids.len(), items.len(), "ids are distinct");
    let new_ids: BTreeSet<u64> = added.iter().map(|i| i["id"].as_u64().unwrap()).collect();
    assert_eq!(new_ids, (51..=66).collect::<BTreeSet<u64>>());
}

/// Sixteen writers, each adding ten items one command at a time, on a store of 10,000
/// items: they queue for the lock and every one of the 160 adds lands. Prints the longest
/// time one add took, waiting included.
#[test]
fn sixteen_writers_on_a_large_store_all_land() {
    const WRITERS: usize = 16;
    const ADDS: usize = 10;
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), &["demo", "--items", "10000"]);
    let started = Instant::now();
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let dir = dir.path().to_path_buf();
            thread::spawn(move || {
                let mut longest = Duration::ZERO;
                let mut failures = Vec::new();
                for n in 0..ADDS {
                    let title = format!("Writer {w:02} item {n}");
                    let one = Instant::now();
                    let out = syncwise(&dir)
                        .args(["add", &title, "--intent", "status"])
                        .output()
                        .unwrap();
                    longest = longest.max(one.elapsed());
                    if !out.status.success() {
                        failures.push(String::from_utf8_lossy(&out.stderr).into_owned());
                    }
                }
                (longest, failures)
            })
        })
        .collect();
    let mut longest = Duration::ZERO;
    for writer in writers {
        let (slowest, failures) = writer.join().unwrap();
        assert!(failures.is_empty(), "refused: {failures:?}");
        longest = longest.max(slowest);
    }
    println!(
        "{} adds by {WRITERS} writers on 10,000 items: all landed in {:.1} s; the slowest add took {:.2} s",
        WRITERS * ADDS,
        started.elapsed().as_secs_f64(),
        longest.as_secs_f64()
    );
    let items = all_items(dir.path());
    assert_eq!(items.len(), 10_000 + WRITERS * ADDS);
    let ids: BTreeSet<u64> = items.iter().map(|i| i["id"].as_u64().unwrap()).collect();
    assert_eq!(ids.len(), items.len(), "ids are distinct");
}

#[test]
fn a_writer_killed_at_any_moment_leaves_a_readable_store() {
    const ROUNDS: usize = 40;
    const BIG: usize = 600;
    const SMALLER: usize = 500;
    let dir = tempfile::tempdir().unwrap();
    let mut rng = fastrand::Rng::with_seed(20261125);
    run(dir.path(), &["demo", "--items", "600", "--seed", "1"]);

    // One undisturbed rewrite tells how long a big write takes here; kills land in that window.
    let start = Instant::now();
    run(
        dir.path(),
        &["demo", "--items", "600", "--seed", "2", "--force"],
    );
    let window = start
        .elapsed()
        .clamp(Duration::from_millis(20), Duration::from_millis(300));
    let mut count = BIG;
    let mut killed_while_running = 0;

    for round in 0..ROUNDS {
        // Alternate between rewriting everything and adding one item to a big store.
        let writes_demo = round % 2 == 0;
        let next_count = if writes_demo {
            if count == BIG { SMALLER } else { BIG }
        } else {
            count + 1
        };
        let seed = round.to_string();
        let next_str = next_count.to_string();
        let args: Vec<&str> = if writes_demo {
            vec!["demo", "--items", &next_str, "--seed", &seed, "--force"]
        } else {
            vec!["add", "Written while being killed", "--intent", "conflict"]
        };
        let mut child = syncwise(dir.path())
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let delay = window.mul_f64(rng.f64() * 1.2);
        thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            killed_while_running += 1;
        }
        // SIGKILL on unix: no destructor, no cleanup.
        let _ = child.kill();
        child.wait().unwrap();

        // Either the old or the new plan, complete, never a mix or a torn file.
        let items = all_items(dir.path());
        assert!(
            items.len() == count || items.len() == next_count,
            "round {round}: {} items, expected {count} or {next_count}",
            items.len()
        );
        count = items.len();

        // Whatever the kill left behind (a temporary file, a lock file) does not block writers.
        if round % 8 == 7 {
            let out = run(dir.path(), &["--json", "add", "After a kill"]);
            let added: Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(added["title"], "After a kill");
            count += 1;
            assert_eq!(all_items(dir.path()).len(), count);
        }
    }

    // A final full rewrite and a change still work, and the result is what was asked for.
    run(dir.path(), &["demo", "--items", "10", "--force"]);
    let third = all_items(dir.path())[2]["id"].as_u64().unwrap();
    run(dir.path(), &["done", &third.to_string()]);
    let items = all_items(dir.path());
    assert_eq!(items.len(), 10);
    assert_eq!(
        items
            .iter()
            .filter(|i| i["status"] == "done" && i["id"] == third)
            .count(),
        1
    );
    let leftovers = fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            let name = name.to_string_lossy();
            name != "plans.json" && name != "plans.lock"
        })
        .count();
    eprintln!(
        "{killed_while_running} of {ROUNDS} writers were killed while running (window {window:?}); \
         {leftovers} temporary files left behind"
    );
}
