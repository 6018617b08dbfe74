//! Python packages for the tests (Python's `icalendar`, khal, Radicale…): installed with
//! pip into `target/test-python/<name>` on first use, then run with `PYTHONPATH`. A
//! package that cannot be installed fails the test with pip's reason; it never skips.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The folder `name` is installed in (`spec` as pip reads it, e.g. `icalendar==6.*`),
/// installing it first when it is not there. Installs go to a temporary folder renamed
/// into place, so test binaries running at once never see half an install.
pub fn package(name: &str, spec: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-python");
    let dir = root.join(name);
    if dir.join(".installed").exists() {
        return dir;
    }
    std::fs::create_dir_all(&root).expect("target/test-python can be created");
    let temp = tempfile::tempdir_in(&root).expect("a temporary folder in target/test-python");
    let out = Command::new("python3")
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .arg("--target")
        .arg(temp.path())
        .arg(spec)
        // Only the target folder is written; a distribution's "externally managed" Python
        // would refuse even that without this.
        .env("PIP_BREAK_SYSTEM_PACKAGES", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3 -m pip to install {spec}: {e}"));
    assert!(
        out.status.success(),
        "cannot install {spec} with pip (needed by this test; is the network or a PyPI mirror reachable?):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(temp.path().join(".installed"), spec).expect("the marker can be written");
    let staged = temp.keep();
    if dir.exists() && !dir.join(".installed").exists() {
        // Left by an install that did not finish.
        let _ = std::fs::remove_dir_all(&dir);
    }
    if std::fs::rename(&staged, &dir).is_err() {
        // Another test binary installed it meanwhile: use theirs.
        let _ = std::fs::remove_dir_all(&staged);
        assert!(
            dir.join(".installed").exists(),
            "{spec} could not be moved into {}",
            dir.display()
        );
    }
    dir
}

/// `python3` with the packages in `dirs` on its path.
pub fn python(dirs: &[&Path]) -> Command {
    let path = std::env::join_paths(dirs).expect("paths without separators");
    let mut cmd = Command::new("python3");
    cmd.env("PYTHONPATH", path);
    cmd
}

/// Runs `python3 -c code args…` with the packages in `dirs`; its stdout, or a panic with
/// its stderr.
pub fn run(dirs: &[&Path], code: &str, args: &[&str]) -> String {
    let out = python(dirs)
        .arg("-c")
        .arg(code)
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "python3 failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}
