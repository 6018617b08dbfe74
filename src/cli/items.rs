//! The item commands: add, recommend, list, show, set, done, drop, rm.

use std::io::Write;

use anyhow::{Result, bail};

use super::args::ItemFields;
use super::commands::{Context, refused};
use super::output;
use crate::core::infer::Lexicon;
use crate::core::ops::{self, Change, OpError};
use crate::core::patch::ItemPatch;
use crate::core::report::ItemReport;
use crate::core::week::IsoWeek;
use crate::core::{Item, Plan, Settings, Status};
use crate::intents::lexicon_for;

/// A new item from the `add`/`recommend` flags, checked, not yet in any plan; without
/// `--intent`, the intent is read from the title with `lexicon`; its intent's row in
/// `settings` gives what the flags leave out.
fn draft(
    ctx: &Context,
    title: &str,
    fields: &ItemFields,
    settings: &Settings,
    lexicon: &Lexicon,
) -> Result<Item, OpError> {
    let week = ctx.week_or_this(fields.week);
    let patch = ItemPatch {
        title: Some(title.to_string()),
        ..fields.to_patch()
    };
    ops::draft(
        settings,
        lexicon,
        week,
        ctx.clock.default_day(week),
        &patch,
        ctx.clock.utc,
    )
}

/// Runs one operation on the plan under the store lock and prints the item it changed.
fn change(
    ctx: &Context,
    out: &mut impl Write,
    verb: &str,
    op: impl FnOnce(&mut Plan) -> Result<Change, OpError>,
) -> Result<()> {
    let (change, settings) = ctx.store.update(|plan: &mut Plan| {
        let change = op(plan).map_err(refused)?;
        Ok::<_, anyhow::Error>((change, plan.settings.clone()))
    })?;
    let item = change
        .items_after()
        .next()
        .or_else(|| change.items_before().next());
    match item {
        Some(item) => ctx.print_item(out, item, &settings, verb),
        None => bail!("the change touched no item"),
    }
}

pub(super) fn add(
    ctx: &Context,
    out: &mut impl Write,
    title: String,
    fields: &ItemFields,
) -> Result<()> {
    let lexicon = lexicon_for(&ctx.store)?;
    change(ctx, out, "Added", |plan| {
        let item = draft(ctx, &title, fields, &plan.settings, &lexicon)?;
        ops::add(plan, item)
    })
}

pub(super) fn recommend(
    ctx: &Context,
    out: &mut impl Write,
    title: String,
    fields: &ItemFields,
) -> Result<()> {
    let lexicon = lexicon_for(&ctx.store)?;
    let settings = ctx.store.load()?.settings;
    let item = draft(ctx, &title, fields, &settings, &lexicon).map_err(refused)?;
    ctx.print_item(out, &item, &settings, "Not saved")
}

pub(super) fn list(
    ctx: &Context,
    out: &mut impl Write,
    week: Option<IsoWeek>,
    all: bool,
) -> Result<()> {
    let plan = ctx.store.load()?;
    let mut items: Vec<&Item> = if all {
        plan.items.iter().collect()
    } else {
        let week = ctx.week_or_this(week);
        plan.items.iter().filter(|i| i.week == week).collect()
    };
    // Ids are unique, so an unstable sort gives the one order there is.
    items.sort_unstable_by_key(|i| (i.week, i.day, i.id));
    if ctx.json {
        return output::json_reports(out, &items, ctx.clock.local, &plan.settings);
    }
    let reports: Vec<ItemReport> = items
        .into_iter()
        .map(|i| ItemReport::new(i, ctx.clock.local, &plan.settings))
        .collect();
    let title = (!all).then(|| ctx.week_or_this(week));
    output::item_table(out, &reports, title)
}

pub(super) fn show(ctx: &Context, out: &mut impl Write, id: u32) -> Result<()> {
    let plan = ctx.store.load()?;
    let item = plan.item(id).ok_or_else(|| refused(OpError::NoItem(id)))?;
    let report = ItemReport::new(item, ctx.clock.local, &plan.settings);
    if ctx.json {
        output::json(out, &report)
    } else {
        output::item_detail(out, &report)
    }
}

pub(super) fn set(ctx: &Context, out: &mut impl Write, id: u32, patch: ItemPatch) -> Result<()> {
    if patch.is_empty() {
        bail!(
            "nothing to change on #{id}: pass at least one of --title, --with, --intent, --heat, --minutes, --day, --week, --medium, --agenda, --notes, --exchanges, --status, --private, --shared"
        );
    }
    let now = ctx.clock.utc;
    change(ctx, out, "Changed", |plan| {
        ops::patch(plan, id, &patch, now)
    })
}

pub(super) fn set_status(
    ctx: &Context,
    out: &mut impl Write,
    id: u32,
    status: Status,
) -> Result<()> {
    let verb = match status {
        Status::Done => "Done",
        Status::Dropped => "Dropped",
        Status::Open => "Reopened",
    };
    let now = ctx.clock.utc;
    change(ctx, out, verb, |plan| {
        ops::set_status(plan, id, status, now)
    })
}

pub(super) fn delete(ctx: &Context, out: &mut impl Write, id: u32) -> Result<()> {
    change(ctx, out, "Deleted", |plan| ops::delete(plan, id))
}
