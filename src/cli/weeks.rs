//! The week commands: budget, carry, export, review, snapshot.

use std::io::Write;

use anyhow::{Result, anyhow};

use super::args::{ExportFormat, SnapshotView};
use super::commands::{Context, refused};
use super::output;
use crate::core::Plan;
use crate::core::budget::plan_budget;
use crate::core::ops::{self, OpError};
use crate::core::week::IsoWeek;

pub(super) fn budget(ctx: &Context, out: &mut impl Write, week: Option<IsoWeek>) -> Result<()> {
    let plan = ctx.store.load()?;
    let budget = plan_budget(&plan, ctx.week_or_this(week));
    if ctx.json {
        output::json(out, &budget)
    } else {
        output::budget(out, &budget)
    }
}

pub(super) fn carry(
    ctx: &Context,
    out: &mut impl Write,
    from: Option<IsoWeek>,
    to: Option<IsoWeek>,
) -> Result<()> {
    let to = ctx.week_or_this(to);
    let from = from.unwrap_or_else(|| to.prev());
    let change = ctx
        .store
        .update(|plan: &mut Plan| ops::carry(plan, from, to, ctx.clock.utc).map_err(flags))?;
    let ids: Vec<u32> = change.items.iter().map(|c| c.id()).collect();
    if ctx.json {
        return output::json(
            out,
            &serde_json::json!({ "from": from, "to": to, "carried": ids }),
        );
    }
    if ids.is_empty() {
        writeln!(out, "Nothing open in {from} to carry into {to}.")?;
    } else {
        let list = ids
            .iter()
            .map(|id| format!("#{id}"))
            .collect::<Vec<_>>()
            .join(", ");
        writeln!(
            out,
            "Carried {} open items from {from} into {to}: {list}",
            ids.len()
        )?;
    }
    Ok(())
}

/// A refused carry, in the words of the flags the user typed.
fn flags(error: OpError) -> anyhow::Error {
    match error {
        OpError::SameWeek(week) => {
            anyhow!("--from and --to are the same week ({week}): nothing to carry")
        }
        OpError::Backwards { from, to } => {
            anyhow!("--from {from} comes after --to {to}: carry moves open items forward in time")
        }
        other => refused(other),
    }
}

pub(super) fn export(
    ctx: &Context,
    out: &mut impl Write,
    week: Option<IsoWeek>,
    format: ExportFormat,
) -> Result<()> {
    let plan = ctx.store.load()?;
    let brief = crate::core::brief::brief(&plan, ctx.week_or_this(week), ctx.clock.local);
    // For the user, not for the readers: on stderr, never in the brief itself.
    for notice in &brief.notices {
        super::say::note(notice);
    }
    if ctx.json || format == ExportFormat::Json {
        output::json(out, &brief)
    } else {
        out.write_all(brief.to_markdown().as_bytes())?;
        Ok(())
    }
}

pub(super) fn review(ctx: &Context, out: &mut impl Write, weeks: u16) -> Result<()> {
    let plan = ctx.store.load()?;
    let weeks = crate::core::review::review(
        &plan,
        ctx.clock.this_week(),
        usize::from(weeks),
        ctx.clock.local,
    );
    if ctx.json {
        output::json(out, &weeks)
    } else {
        output::review(out, &weeks)
    }
}

pub(super) fn snapshot(
    ctx: &Context,
    out: &mut impl Write,
    week: Option<IsoWeek>,
    size: (u16, u16),
    view: SnapshotView,
) -> Result<()> {
    let week = ctx.week_or_this(week);
    let screen = match view {
        SnapshotView::Main => crate::tui::Screen::Main,
        SnapshotView::Week => crate::tui::Screen::Week,
        SnapshotView::Review => crate::tui::Screen::Review,
    };
    let text = crate::tui::snapshot(ctx.store.clone(), ctx.clock, week, size, screen)?;
    out.write_all(text.as_bytes())?;
    Ok(())
}
