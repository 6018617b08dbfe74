//! What each subcommand does: the dispatch from a parsed command to its shell function,
//! each of which reads flags, runs a core operation or query under the store, and hands
//! the result to the output module.

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;

use super::args::{Cli, Command, ConfigAction, PeopleAction};
use super::{calendar, invites, items, output, people, schedule, setup, subscriptions, weeks};
use crate::core::clock::Clock;
use crate::core::ops::OpError;
use crate::core::patch::ItemPatch;
use crate::core::report::ItemReport;
use crate::core::week::IsoWeek;
use crate::core::{Item, Settings, Status};
use crate::store::Store;

/// What every command works with.
pub struct Context {
    pub store: Store,
    pub clock: Clock,
    pub json: bool,
}

impl Context {
    pub(super) fn week_or_this(&self, week: Option<IsoWeek>) -> IsoWeek {
        week.unwrap_or_else(|| self.clock.this_week())
    }

    pub(super) fn print_item(
        &self,
        out: &mut impl Write,
        item: &Item,
        settings: &Settings,
        verb: &str,
    ) -> Result<()> {
        let report = ItemReport::new(item, self.clock.local, settings);
        if self.json {
            output::json(out, &report)
        } else {
            output::item_summary(out, &report, verb)
        }
    }
}

/// A refused operation as the CLI reports it.
pub(super) fn refused(error: OpError) -> anyhow::Error {
    match error {
        OpError::NoItem(id) => {
            anyhow::anyhow!("there is no item #{id} (`syncwise list --all` shows every id)")
        }
        other => anyhow::Error::new(other),
    }
}

/// Runs one subcommand.
pub fn run(ctx: &Context, command: Command, out: &mut impl Write) -> Result<()> {
    match command {
        Command::Add { title, fields } => items::add(ctx, out, title, &fields),
        Command::Recommend { title, fields } => items::recommend(ctx, out, title, &fields),
        Command::List { week, all } => items::list(ctx, out, week, all),
        Command::Show { id } => items::show(ctx, out, id),
        Command::Set { id, title, fields } => {
            let patch = ItemPatch {
                title,
                ..fields.to_patch()
            };
            items::set(ctx, out, id, patch)
        }
        Command::Done { id } => items::set_status(ctx, out, id, Status::Done),
        Command::Drop { id } => items::set_status(ctx, out, id, Status::Dropped),
        Command::Rm { id } => items::delete(ctx, out, id),
        Command::Budget { week } => weeks::budget(ctx, out, week),
        Command::Carry { from, to } => weeks::carry(ctx, out, from, to),
        Command::Export { week, format } => weeks::export(ctx, out, week, format),
        Command::Review { weeks } => weeks::review(ctx, out, weeks),
        Command::Snapshot {
            week,
            width,
            height,
            view,
        } => weeks::snapshot(ctx, out, week, (width, height), view),
        Command::Demo { clear: true, .. } => setup::clear_samples(ctx, out),
        Command::Demo {
            items, seed, force, ..
        } => setup::fill_samples(ctx, out, items, seed, force),
        Command::Config { action } => setup::config(ctx, out, action.unwrap_or(ConfigAction::List)),
        Command::Keys => setup::keys(ctx, out),
        Command::Schedule { week, dry_run } => schedule::schedule(ctx, out, week, dry_run),
        Command::Invites {
            week,
            out: file,
            include_private,
            push,
            overwrite,
        } => {
            if push {
                invites::push(ctx, out, week, include_private, overwrite)
            } else {
                invites::invites(ctx, out, week, file.as_deref(), include_private)
            }
        }
        Command::People { action } => {
            people::people(ctx, out, action.unwrap_or(PeopleAction::List))
        }
        Command::Audit { file, week, tz } => calendar::audit(ctx, out, &file, week, tz.as_deref()),
        Command::Import {
            file,
            week,
            weeks,
            tz,
            dry_run,
            allow_empty,
            calendar: name,
        } => calendar::import(
            ctx,
            out,
            calendar::ImportRequest {
                file: &file,
                week,
                weeks,
                tz: tz.as_deref(),
                dry_run,
                allow_empty,
                calendar: name.as_deref(),
            },
        ),
        Command::Calendar { action } => subscriptions::run(ctx, out, action),
        Command::Completions { .. } | Command::Man => documentation(&command, out),
    }
}

/// Writes what is generated from the CLI definition alone (completions, the manual page);
/// it needs neither the store nor the clock.
pub fn documentation(command: &Command, out: &mut impl Write) -> Result<()> {
    match command {
        Command::Completions { shell } => {
            clap_complete::generate(*shell, &mut Cli::command(), "syncwise", out);
        }
        Command::Man => clap_mangen::Man::new(Cli::command()).render(out)?,
        _ => {}
    }
    Ok(())
}
