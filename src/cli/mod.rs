//! The command-line shell: parses arguments, resolves the store and the clock, runs a command.

pub mod args;
mod calendar;
pub mod commands;
mod items;
pub mod output;
mod setup;
mod weeks;

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::{Parser, error::ErrorKind};

use crate::core::Plan;
use crate::core::clock::Clock;
use crate::store::Store;

pub use args::{Cli, Command};

/// The environment variable that pins today's date for reproducible runs.
pub const TODAY_VAR: &str = "SYNCWISE_TODAY";

/// Reads the clock: pinned by `SYNCWISE_TODAY`, else the system's.
pub fn clock_from_env() -> Result<Clock> {
    match std::env::var(TODAY_VAR) {
        Ok(text) if !text.trim().is_empty() => {
            Clock::pinned(&text).with_context(|| format!("{TODAY_VAR} is invalid"))
        }
        _ => Ok(Clock::system()),
    }
}

/// The store named by `--dir`/`SYNCWISE_DIR`, else the one in the config directory.
pub fn store_for(cli: &Cli) -> Result<Store> {
    match &cli.dir {
        Some(dir) if dir.as_os_str().is_empty() => {
            anyhow::bail!("--dir/SYNCWISE_DIR is empty: give a directory path")
        }
        Some(dir) => Ok(Store::at(dir)),
        None => Ok(Store::at(Store::default_dir()?)),
    }
}

/// Collapses a clap error into one line: what is wrong and what is valid.
fn one_line(error: &clap::Error) -> String {
    let text = error.render().to_string();
    let mut parts = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with("Usage:") || line.starts_with("For more information") {
            break;
        }
        if !line.is_empty() && !line.starts_with("tip:") {
            parts.push(line.trim_start_matches("error: "));
        }
    }
    parts.join(" ")
}

/// Runs syncwise with the process's arguments and returns its exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            return match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    let _ = e.print();
                    ExitCode::SUCCESS
                }
                _ => {
                    eprintln!("syncwise: {}", one_line(&e));
                    ExitCode::from(2)
                }
            };
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let message = crate::core::sanitize::sanitize(&format!("{e:#}"));
            eprintln!("syncwise: {message}");
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Standard output without its line buffering: the writer above buffers already, and a
/// line buffer would search every megabyte of a large `--json` listing for newlines.
#[cfg(unix)]
fn raw_stdout(stdout: &io::Stdout) -> Box<dyn Write + '_> {
    use std::os::fd::AsFd;
    match stdout.as_fd().try_clone_to_owned() {
        Ok(fd) => Box::new(std::fs::File::from(fd)),
        Err(_) => Box::new(stdout.lock()),
    }
}

#[cfg(not(unix))]
fn raw_stdout(stdout: &io::Stdout) -> Box<dyn Write + '_> {
    Box::new(stdout.lock())
}

/// Opens the TUI; a new user (no store yet) starts on the demo week.
fn open_tui(store: Store, clock: Clock) -> Result<()> {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        anyhow::bail!(
            "the TUI needs a terminal; use a subcommand such as `syncwise list` in scripts (`syncwise --help` lists them)"
        );
    }
    store.initialize(|| {
        let mut plan = Plan::default();
        plan.add_all(crate::core::demo::demo_week(clock.this_week(), clock.utc));
        plan
    })?;
    let live = !std::env::var(TODAY_VAR).is_ok_and(|t| !t.trim().is_empty());
    crate::tui::run(store, clock, live)
}

fn run(cli: Cli) -> Result<()> {
    if let Some(command @ (Command::Completions { .. } | Command::Man)) = &cli.command {
        let mut out = io::BufWriter::new(io::stdout().lock());
        commands::documentation(command, &mut out)?;
        out.flush()?;
        return Ok(());
    }
    let clock = clock_from_env()?;
    let store = store_for(&cli)?;
    let Some(command) = cli.command else {
        return open_tui(store, clock);
    };
    let ctx = commands::Context {
        store,
        clock,
        json: cli.json,
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, raw_stdout(&stdout));
    commands::run(&ctx, command, &mut out)?;
    out.flush()?;
    Ok(())
}
