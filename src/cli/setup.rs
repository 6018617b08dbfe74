//! The setup commands: sample data (`demo`), settings (`config`) and the key bindings
//! (`keys`).

use std::io::Write;

use anyhow::{Result, anyhow};

use super::args::ConfigAction;
use super::commands::{Context, refused};
use super::output;
use crate::core::ops::{self, OpError};
use crate::core::{Plan, demo};

pub(super) fn clear_samples(ctx: &Context, out: &mut impl Write) -> Result<()> {
    let (removed, kept) = ctx.store.update(|plan: &mut Plan| {
        let change = ops::clear_samples(plan).map_err(refused)?;
        Ok::<_, anyhow::Error>((change.items.len(), plan.items.len()))
    })?;
    if ctx.json {
        return output::json(
            out,
            &serde_json::json!({ "store": ctx.store.path(), "removed": removed, "kept": kept }),
        );
    }
    writeln!(
        out,
        "Removed {removed} sample items from {}; {kept} of your own stay.",
        ctx.store.path().display()
    )?;
    Ok(())
}

pub(super) fn fill_samples(
    ctx: &Context,
    out: &mut impl Write,
    items: Option<u32>,
    seed: u64,
    force: bool,
) -> Result<()> {
    let week = ctx.clock.this_week();
    let fresh = match items {
        Some(count) => demo::synthetic(count as usize, seed, week, ctx.clock.utc),
        None => demo::demo_week(week, ctx.clock.utc),
    };
    let count = fresh.len();
    ctx.store.update(|plan: &mut Plan| {
        ops::add_samples(plan, fresh, force)
            .map(|_| ())
            .map_err(|e| match e {
                OpError::NotEmpty(held) => anyhow!(
                    "{} already holds {held} items; `demo --force` replaces them",
                    ctx.store.path().display()
                ),
                other => refused(other),
            })
    })?;
    if ctx.json {
        return output::json(
            out,
            &serde_json::json!({ "store": ctx.store.path(), "items": count, "week": week }),
        );
    }
    let what = match items {
        Some(_) => format!("{count} synthetic items over the past year"),
        None => format!("the demo week ({count} items in {week})"),
    };
    writeln!(
        out,
        "Filled {} with {what}. Run `syncwise` to plan it.",
        ctx.store.path().display()
    )?;
    Ok(())
}

pub(super) fn config(ctx: &Context, out: &mut impl Write, action: ConfigAction) -> Result<()> {
    use crate::core::settings::{KEYS, get};
    match action {
        ConfigAction::List => {
            let settings = ctx.store.load()?.settings;
            if ctx.json {
                return output::json(out, &settings);
            }
            for (key, about) in KEYS {
                writeln!(out, "{key:<20}{:<24}# {about}", get(&settings, key)?)?;
            }
        }
        ConfigAction::Get { key } => {
            let settings = ctx.store.load()?.settings;
            let value = get(&settings, &key)?;
            if ctx.json {
                return output::json(out, &serde_json::json!({ "key": key, "value": value }));
            }
            writeln!(out, "{value}")?;
        }
        ConfigAction::Set { key, value } => {
            // Checked before taking the lock, so a bad value never touches the store.
            ops::set_config(&mut Plan::default(), &key, &value).map_err(refused)?;
            let value = ctx.store.update(|plan: &mut Plan| {
                ops::set_config(plan, &key, &value).map_err(refused)?;
                Ok::<_, anyhow::Error>(get(&plan.settings, &key)?)
            })?;
            if ctx.json {
                return output::json(out, &serde_json::json!({ "key": key, "value": value }));
            }
            writeln!(out, "{key} = {value}")?;
        }
    }
    Ok(())
}

pub(super) fn keys(ctx: &Context, out: &mut impl Write) -> Result<()> {
    let keymap = crate::tui::keymap_for(&ctx.store)?;
    let path = ctx.store.dir().join(crate::tui::keymap::CONFIG_FILE);
    if ctx.json {
        let rows: Vec<_> = keymap
            .bindings()
            .map(|b| {
                serde_json::json!({
                    "mode": b.scope.title(),
                    "action": b.name,
                    "keys": b.keys.iter().map(ToString::to_string).collect::<Vec<_>>(),
                    "help": b.help,
                })
            })
            .collect();
        return output::json(out, &rows);
    }
    writeln!(
        out,
        "# Rebind in {}: one `action = key …` per line.",
        path.display()
    )?;
    let mut scope = None;
    for b in keymap.bindings() {
        if scope != Some(b.scope) {
            writeln!(out, "\n# {}", b.scope.title())?;
            scope = Some(b.scope);
        }
        let keys = b
            .keys
            .iter()
            .map(|k| k.config_name())
            .collect::<Vec<_>>()
            .join(" ");
        writeln!(out, "{:<20} = {:<16} # {}", b.name, keys, b.help)?;
    }
    Ok(())
}
