//! One store in a temporary directory, driven through the real binary: the runner the
//! CLI tests share, with the promise on bad input checked in one place.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// Files a user keeps beside the store and its lock: a test may write them, a failed
/// command neither writes nor removes them.
const USER_FILES: [&str; 2] = ["intents.conf", "keys.conf"];

/// A store in a temporary directory.
pub struct Sw {
    dir: tempfile::TempDir,
}

impl Sw {
    pub fn new() -> Sw {
        Sw {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The store file.
    pub fn path(&self) -> PathBuf {
        self.dir().join("plans.json")
    }

    /// The binary with the store in `SYNCWISE_DIR` and today pinned.
    pub fn cmd(&self) -> Command {
        super::syncwise(self.dir())
    }

    /// Writes the user's `intents.conf` beside the store.
    pub fn intents(&self, text: &str) {
        fs::write(self.dir().join("intents.conf"), text).unwrap();
    }

    /// Runs a command that must succeed quietly and returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "syncwise {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stderr.is_empty(), "syncwise {args:?} wrote to stderr");
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs a command with `--json` and parses its output, one document on one line.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut with_json = vec!["--json"];
        with_json.extend_from_slice(args);
        let text = self.ok(&with_json);
        assert_eq!(
            text.lines().count(),
            1,
            "one JSON document per line: {text}"
        );
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: {e}: {text}"))
    }

    /// The store's bytes, if there is a store.
    pub fn bytes(&self) -> Option<Vec<u8>> {
        fs::read(self.path()).ok()
    }

    /// The store as JSON.
    pub fn plan(&self) -> Value {
        serde_json::from_slice(&self.bytes().expect("the store exists")).unwrap()
    }

    /// The stored item with this id.
    pub fn stored(&self, id: u64) -> Value {
        self.plan()["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("no item #{id} in the store"))
    }

    /// Names in the store directory other than the store and its lock.
    pub fn strays(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "plans.json" && n != "plans.lock")
            .collect();
        names.sort();
        names
    }

    /// Runs a command that must fail: non-zero exit, nothing on stdout, exactly one line
    /// on stderr containing every needle, the store exactly as it was, the directory's
    /// files as they were and none there but the store, its lock and the user's files.
    /// The line.
    pub fn fails(&self, args: &[&str], env: &[(&str, &str)], needles: &[&str]) -> String {
        let before = self.bytes();
        let strays_before = self.strays();
        let mut cmd = self.cmd();
        cmd.args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(!out.status.success(), "syncwise {args:?} succeeded");
        assert!(
            out.stdout.is_empty(),
            "syncwise {args:?} printed: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert_eq!(
            stderr.lines().count(),
            1,
            "syncwise {args:?}: not one line: {stderr:?}"
        );
        assert!(stderr.ends_with('\n'));
        for needle in needles {
            assert!(
                stderr.contains(needle),
                "syncwise {args:?}: {needle:?} missing from {stderr:?}"
            );
        }
        assert_eq!(self.bytes(), before, "syncwise {args:?} changed the store");
        // Nothing new, none of the user's files gone, and nothing but the user's files at
        // all: a file an earlier command left behind is caught here too.
        let strays = self.strays();
        assert_eq!(
            strays, strays_before,
            "syncwise {args:?} left or took files"
        );
        assert!(
            strays.iter().all(|n| USER_FILES.contains(&n.as_str())),
            "left behind: {strays:?}"
        );
        stderr
    }
}
