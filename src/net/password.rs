//! The password command: run at each sync with `sh -c`, its first line is the password.
//! Its error output is never shown (a failing secret tool may print what it holds), and
//! the password is kept only for the requests of that sync.

use std::process::{Command, Stdio};

use super::SyncError;

/// Runs `command` and returns the first line it prints.
pub fn run(command: &str) -> Result<String, SyncError> {
    let output = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .stdout(Stdio::piped())
        .output()
        .map_err(|e| SyncError::PasswordCommand(format!("sh could not start: {}", e.kind())))?;
    if !output.status.success() {
        let why = output.status.code().map_or_else(
            || "stopped by a signal".to_string(),
            |c| format!("exit status {c}"),
        );
        return Err(SyncError::PasswordCommand(why));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let first = text
        .lines()
        .next()
        .unwrap_or_default()
        .trim_end_matches('\r');
    if first.is_empty() {
        return Err(SyncError::EmptyPassword);
    }
    Ok(first.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_line_is_the_password_and_errors_say_nothing_of_it() {
        assert_eq!(run("printf 's3cret\\nsecond\\n'").unwrap(), "s3cret");
        let err = run("echo s3cret >&2; exit 3").unwrap_err();
        assert_eq!(err, SyncError::PasswordCommand("exit status 3".into()));
        assert!(!err.to_string().contains("s3cret"));
        assert_eq!(run("true").unwrap_err(), SyncError::EmptyPassword);
    }
}
