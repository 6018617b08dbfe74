//! The command-line shell: parses arguments, resolves the store and the clock, runs a command.

pub mod args;
mod calendar;
pub mod commands;
mod invites;
mod items;
pub mod output;
mod people;
pub mod say;
mod schedule;
mod setup;
mod subscriptions;
mod weeks;

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, error::ErrorKind};

use crate::core::Plan;
use crate::core::clock::Clock;
use crate::store::Store;
use args::ConfigAction;

pub use args::{Cli, Command};

pub use crate::env::TODAY_VAR;

/// Reads the clock: pinned by `SYNCWISE_TODAY`, else the system's.
pub fn clock_from_env() -> Result<Clock> {
    Ok(crate::env::clock()?)
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
    .map(|store| {
        store.on_wait(std::sync::Arc::new(|path| {
            say::error(&format!(
                "waiting for other syncwise processes to finish with {}",
                path.display()
            ));
        }))
    })
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
                    say::error(&one_line(&e));
                    ExitCode::from(2)
                }
            };
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            say::error(&format!("{e:#}"));
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
    let live = !crate::env::today_is_pinned();
    crate::tui::run(store, clock, live)
}

/// Whether a command only reads the store (the TUI, with no command, included): such a
/// command refuses a `--dir` that does not exist rather than show an empty week.
fn reads_only(command: Option<&Command>) -> bool {
    match command {
        None => true,
        Some(command) => !matches!(
            command,
            Command::Add { .. }
                | Command::Set { .. }
                | Command::Done { .. }
                | Command::Drop { .. }
                | Command::Rm { .. }
                | Command::Import { dry_run: false, .. }
                | Command::Demo { .. }
                | Command::Carry { .. }
                | Command::Config {
                    action: Some(ConfigAction::Set { .. })
                }
        ),
    }
}

/// A directory named by `--dir`/`SYNCWISE_DIR` that a reading command cannot use: one
/// that does not exist (a writing command creates it), or a file.
fn check_dir(cli: &Cli) -> Result<()> {
    let Some(dir) = &cli.dir else {
        return Ok(());
    };
    let name = if crate::env::dir_var().as_deref() == Some(dir.as_os_str()) {
        "SYNCWISE_DIR"
    } else {
        "--dir"
    };
    match std::fs::metadata(dir) {
        Ok(meta) if !meta.is_dir() => anyhow::bail!(
            "{name} '{}' is not a directory; pass the directory that holds plans.json",
            dir.display()
        ),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound && reads_only(cli.command.as_ref()) => {
            anyhow::bail!(
                "{name} '{}' does not exist; create it or pass an existing directory",
                dir.display()
            )
        }
        Err(_) => Ok(()),
    }
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
    check_dir(&cli)?;
    let Some(command) = cli.command else {
        return open_tui(store, clock);
    };
    let ctx = commands::Context {
        store,
        clock,
        json: cli.json,
    };
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    commands::run(&ctx, command, &mut out)?;
    out.flush()?;
    Ok(())
}
