//! `syncwise schedule`: slots for the week's syncs, saved through `core::ops::schedule`.

use std::io::Write;

use anyhow::Result;

use super::commands::{Context, refused};
use super::output;
use crate::core::Plan;
use crate::core::ops;
use crate::core::sanitize::sanitize;
use crate::core::schedule::{Outcome, Proposal, Schedule};
use crate::core::slot::format_time;
use crate::core::week::IsoWeek;

pub(super) fn schedule(
    ctx: &Context,
    out: &mut impl Write,
    week: Option<IsoWeek>,
    dry_run: bool,
) -> Result<()> {
    let week = ctx.week_or_this(week);
    let (local, utc) = (ctx.clock.local, ctx.clock.utc);
    let proposal = if dry_run {
        // The same operation on a copy: nothing saved.
        ops::schedule(&mut ctx.store.load()?, week, local, utc)
            .map_err(refused)?
            .1
    } else {
        ctx.store
            .update(|plan: &mut Plan| ops::schedule(plan, week, local, utc).map_err(refused))?
            .1
    };
    if ctx.json {
        return output::json(
            out,
            &serde_json::json!({
                "dry_run": dry_run,
                "week": proposal.week,
                "proposals": proposal.proposals,
            }),
        );
    }
    print(out, &proposal, dry_run)
}

fn print(out: &mut impl Write, schedule: &Schedule, dry_run: bool) -> Result<()> {
    if schedule.proposals.is_empty() {
        writeln!(
            out,
            "No open sync in {} needs a slot (starts you pinned with --at stay as they are).",
            schedule.week
        )?;
        return Ok(());
    }
    for p in &schedule.proposals {
        writeln!(out, "{}", line(schedule.week, p))?;
    }
    let placed = schedule.placed().count();
    let verb = if dry_run { "Would place" } else { "Placed" };
    writeln!(
        out,
        "{verb} {placed} of {}{}.",
        output::counted(schedule.proposals.len(), "sync"),
        if dry_run { " (nothing saved)" } else { "" }
    )?;
    Ok(())
}

/// `#4 Go/no-go (30 min) → Thu 26 Nov 10:30 (moved from Wed: no room)`; a sync the advice
/// would have written ends with a note that says so.
pub fn line(week: IsoWeek, p: &Proposal) -> String {
    let head = format!("#{} {} ({} min)", p.id, sanitize(&p.title), p.minutes);
    let slot = slot(week, p, &head);
    if p.against_advice {
        format!("{slot}; you chose a sync, the advice is to write it")
    } else {
        slot
    }
}

fn slot(week: IsoWeek, p: &Proposal, head: &str) -> String {
    match p.outcome {
        Outcome::Placed { day, at, moved } => {
            let when = week.date(day).format("%a %d %b");
            let moved = moved
                .map(|why| {
                    format!(
                        " (moved from {}: {})",
                        week.date(p.day).format("%a"),
                        why.text()
                    )
                })
                .unwrap_or_default();
            format!("{head} \u{2192} {when} {}{moved}", format_time(at))
        }
        Outcome::Unplaced(why) => format!("{head} \u{2192} not placed: {}", why.text()),
    }
}
