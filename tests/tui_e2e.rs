//! The real `syncwise` binary in a real terminal: tmux runs the TUI, the test types keys with
//! `send-keys`, reads the screen with `capture-pane` until what it expects appears, and then
//! checks the store through `syncwise list --json`.
//!
//! tmux is required: without it these tests fail (CI installs it in `.ci/run`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

const TODAY: &str = "2026-11-25";
const WEEK: &str = "2026-W48";
const POLL: Duration = Duration::from_millis(50);
const TIMEOUT: Duration = Duration::from_secs(10);

/// Quotes a word for the shell that tmux runs the command with.
fn shell_quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', r"'\''"))
}

/// A tmux server of our own (its own socket) running the TUI in one session; the server is
/// killed when this is dropped, also when a test fails.
struct Tui {
    socket: String,
    /// Where the server's socket file is, to remove it after the server is killed.
    socket_path: Option<PathBuf>,
    /// Where the shell writes `exit N` when the program has ended.
    exit_file: PathBuf,
    session: String,
    last_screen: String,
}

impl Tui {
    /// Starts the TUI on the store in `dir`, in a 120 × 40 terminal.
    fn start(name: &str, dir: &Path) -> Tui {
        match Command::new("tmux").arg("-V").output() {
            Ok(out) if out.status.success() => {}
            Ok(out) => panic!(
                "tmux is required for the end-to-end TUI tests, but `tmux -V` failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ),
            Err(e) => panic!(
                "tmux is required for the end-to-end TUI tests and was not found ({e}); install it (CI installs it via .ci/run)"
            ),
        }
        let socket = format!("syncwise-e2e-{}-{name}", std::process::id());
        let session = name.to_string();
        // Our own config: no user settings, and a pane that outlives the program so the
        // test can read its exit status and last screen.
        let config = dir.with_extension("tmux.conf");
        fs::write(&config, "set -g remain-on-exit on\nset -g status off\n").unwrap();
        let command = [
            "env".to_string(),
            format!("SYNCWISE_DIR={}", shell_quote(&dir.display().to_string())),
            format!("SYNCWISE_TODAY={TODAY}"),
            "TZ=UTC".to_string(),
            "NO_COLOR=1".to_string(),
            shell_quote(env!("CARGO_BIN_EXE_syncwise")),
        ]
        .join(" ");
        // The shell records how the program ended, for `wait_for_exit`.
        let exit_file = dir.with_extension("exit");
        let command = format!(
            "{command}; echo \"exit $?\" > {}",
            shell_quote(&exit_file.display().to_string())
        );
        let mut tui = Tui {
            socket,
            socket_path: None,
            exit_file,
            session,
            last_screen: String::new(),
        };
        let config = config.display().to_string();
        let out = tui.tmux_with_config(
            &config,
            &[
                "new-session",
                "-d",
                "-x",
                "120",
                "-y",
                "40",
                "-s",
                &tui.session,
                &command,
            ],
        );
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out = tui.tmux(&["display-message", "-p", "#{socket_path}"]);
        let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
        tui.socket_path = Some(PathBuf::from(path)).filter(|p| p.is_absolute());
        tui
    }

    fn tmux_with_config(&self, config: &str, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", config])
            .args(args)
            .env("TERM", "xterm-256color")
            .output()
            .expect("tmux runs")
    }

    fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// Sends keys by tmux name (`Tab`, `Enter`, `C-u`, `a`).
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.session];
        args.extend_from_slice(keys);
        let out = self.tmux(&args);
        assert!(out.status.success(), "send-keys {keys:?} failed");
    }

    /// Resizes the terminal.
    fn resize(&self, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        let out = self.tmux(&["resize-window", "-t", &self.session, "-x", &w, "-y", &h]);
        assert!(out.status.success(), "resize-window failed");
    }

    /// Types text literally.
    fn type_text(&self, text: &str) {
        let out = self.tmux(&["send-keys", "-t", &self.session, "-l", text]);
        assert!(out.status.success(), "send-keys -l {text:?} failed");
    }

    fn capture(&mut self) -> String {
        let out = self.tmux(&["capture-pane", "-p", "-t", &self.session]);
        if out.status.success() {
            self.last_screen = String::from_utf8_lossy(&out.stdout).into_owned();
        }
        self.last_screen.clone()
    }

    /// Polls the screen until `text` shows; fails with the last screen after the timeout.
    fn wait_for(&mut self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if screen.contains(text) {
                return screen;
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "{text:?} did not show within {TIMEOUT:?}; the screen was:\n{}",
                    self.last_screen
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until the program has exited and returns how, as `exit N` (a death by signal
    /// shows as `exit 128+N`).
    fn wait_for_exit(&mut self) -> String {
        let start = Instant::now();
        loop {
            if let Ok(text) = fs::read_to_string(&self.exit_file)
                && text.ends_with('\n')
            {
                return text.trim().to_string();
            }
            if start.elapsed() > TIMEOUT {
                self.capture();
                panic!(
                    "syncwise did not exit within {TIMEOUT:?}; the screen was:\n{}",
                    self.last_screen
                );
            }
            thread::sleep(POLL);
        }
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
        if let Some(path) = &self.socket_path {
            let _ = fs::remove_file(path);
        }
    }
}

/// `syncwise list --json` on the store in `dir`.
fn list(dir: &Path) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_syncwise"))
        .args(["list", "--json"])
        .env("SYNCWISE_DIR", dir)
        .env("SYNCWISE_TODAY", TODAY)
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "syncwise list failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .cloned()
        .expect("list --json prints an array")
}

/// A store folder holding an empty plan, inside a temporary directory kept alive by the
/// first value.
fn empty_store() -> (tempfile::TempDir, std::path::PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("store");
    fs::create_dir(&dir).unwrap();
    fs::write(
        dir.join("plans.json"),
        r#"{"version":1,"next_id":1,"items":[]}"#,
    )
    .unwrap();
    (temp, dir)
}

#[test]
fn add_reclassify_undo_and_quit_in_a_real_terminal() {
    let (_temp, dir) = empty_store();

    let mut tui = Tui::start("add", &dir);
    tui.wait_for(&format!("Nothing planned for {WEEK}"));
    assert!(list(&dir).is_empty(), "an existing empty store stays empty");

    tui.keys(&["a"]);
    tui.wait_for(&format!("Add to {WEEK}"));
    tui.type_text("Settle the launch date with sales");
    tui.wait_for("Title     Settle the launch date with sales");
    tui.keys(&["Tab", "Tab"]);
    tui.wait_for("status fyi decided question");
    // The intent is a choice: a letter picks it.
    tui.type_text("c");
    tui.wait_for("Intent    ◂ conflict ▸");
    tui.keys(&["Enter"]);
    tui.wait_for("Added #1");
    tui.wait_for("Pending communications · 1 open · 0 done");
    tui.wait_for("Settle the launch date");

    tui.keys(&["m"]);
    tui.wait_for("#1 medium: async");
    tui.keys(&["h"]);
    tui.wait_for("#1 heat: ");
    tui.type_text("+");
    tui.wait_for("#1 35 min");
    tui.wait_for("async*");
    // The form left the length alone, so the conflict took its timebox, 30 minutes.
    tui.wait_for(" 35");
    tui.keys(&["u"]);
    tui.wait_for("Undid a change to #1");
    tui.keys(&["q"]);
    assert_eq!(tui.wait_for_exit(), "exit 0", "syncwise exits cleanly on q");

    let items = list(&dir);
    assert_eq!(items.len(), 1, "{items:#?}");
    let item = &items[0];
    assert_eq!(item["id"], 1);
    assert_eq!(item["title"], "Settle the launch date with sales");
    assert_eq!(item["intent"], "conflict");
    assert_eq!(item["medium"], "async");
    assert_eq!(item["heat"], "medium");
    assert_eq!(item["minutes"], 30, "the undo took the +5 back");
    assert_eq!(item["private"], true, "a conflict is private by default");
    assert_eq!(item["day"], "wed");
    assert_eq!(item["week"], WEEK);
    assert_eq!(item["status"], "open");
    let codes: Vec<&str> = item["recommendation"]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"conflict-by-text"), "{codes:?}");
}

#[test]
fn a_title_alone_adds_an_item_with_the_intent_read_from_it() {
    let (_temp, dir) = empty_store();

    let mut tui = Tui::start("title", &dir);
    tui.wait_for(&format!("Nothing planned for {WEEK}"));
    tui.keys(&["a"]);
    tui.wait_for(&format!("Add to {WEEK}"));
    tui.type_text("Feedback to Sam on the incident write-up");
    // As it is typed, the form reads the intent and shows its advice.
    tui.wait_for("Intent    feedback  (from");
    tui.wait_for("Recommended  sync");
    tui.wait_for("kept out of the brief");
    tui.keys(&["Enter"]);
    tui.wait_for("Added #1");
    tui.keys(&["q"]);
    assert_eq!(tui.wait_for_exit(), "exit 0");

    let items = list(&dir);
    assert_eq!(items.len(), 1, "{items:#?}");
    let item = &items[0];
    assert_eq!(item["title"], "Feedback to Sam on the incident write-up");
    assert_eq!(item["intent"], "feedback");
    assert_eq!(item["inferred"]["intent"], "feedback", "{item:#}");
    assert_eq!(item["private"], true);
    assert_eq!(item["minutes"], 30);
}

#[test]
fn a_new_user_starts_on_the_demo_week() {
    let temp = tempfile::tempdir().unwrap();
    // A new, empty directory: one that does not exist is refused, as a mistyped path.
    let dir = temp.path().join("new-user");
    std::fs::create_dir(&dir).unwrap();
    assert!(!dir.join("plans.json").exists());

    let mut tui = Tui::start("new", &dir);
    tui.wait_for("Pending communications · 12 open · 2 done");
    tui.wait_for(WEEK);
    tui.wait_for("Weekly status for the platform team");
    assert!(dir.join("plans.json").exists(), "the demo week was saved");

    tui.keys(&["?"]);
    tui.wait_for("Esc closes");
    tui.keys(&["Escape"]);
    tui.wait_for("a add · e edit");
    tui.keys(&["j", "x"]);
    tui.wait_for("#7 done");
    tui.keys(&["q"]);
    assert_eq!(tui.wait_for_exit(), "exit 0");

    let items = list(&dir);
    assert_eq!(items.len(), 14);
    let seven = items.iter().find(|i| i["id"] == 7).unwrap();
    assert_eq!(seven["status"], "done");
    // Besides #7, the decided release train (#9) and Monday's war room (#13) were done.
    assert!(
        items
            .iter()
            .filter(|i| ![7, 9, 13].contains(&i["id"].as_u64().unwrap()))
            .all(|i| i["status"] == "open")
    );
}

#[test]
fn the_week_grid_and_the_review_in_a_real_terminal() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("grid");
    std::fs::create_dir(&dir).unwrap();

    let mut tui = Tui::start("grid", &dir);
    tui.wait_for("Pending communications · 12 open");
    tui.keys(&["v"]);
    tui.wait_for("Week grid (14 items)");
    // The grid may still be drawing when its title shows: wait for what it holds.
    tui.wait_for("▸ Weekly sta");
    tui.wait_for("┃ free");
    // On a smaller terminal the panel of a long recommendation says there is more, and
    // scrolls.
    tui.keys(&["j"]);
    tui.wait_for("▸!Which regi");
    tui.resize(80, 24);
    tui.wait_for("↓ more");
    tui.keys(&["C-d"]);
    tui.wait_for("↑ more");
    tui.resize(120, 40);
    // The list's keys act on the item selected in the grid.
    tui.keys(&["x"]);
    tui.wait_for("#7 done");
    tui.wait_for("Week grid");
    tui.keys(&["R"]);
    tui.wait_for("Review · sync time");
    tui.keys(&["Escape"]);
    tui.wait_for("Week grid (14 items)");
    tui.keys(&["v"]);
    tui.wait_for("Pending communications · 11 open");
    tui.keys(&["q"]);
    assert_eq!(tui.wait_for_exit(), "exit 0");

    let items = list(&dir);
    let second = items
        .iter()
        .find(|i| i["title"].as_str().unwrap().starts_with("Which regions"))
        .unwrap();
    assert_eq!(
        second["status"], "done",
        "x in the grid marked the second item"
    );
}
