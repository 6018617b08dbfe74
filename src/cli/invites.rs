//! `syncwise invites`: the week's shared syncs with a start, as one calendar file.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use super::calendar::zone_for;
use super::commands::Context;
use super::output;
use crate::core::invite::invites as write_invites;
use crate::core::week::IsoWeek;

pub(super) fn invites(
    ctx: &Context,
    out: &mut impl Write,
    week: Option<IsoWeek>,
    file: Option<&Path>,
    include_private: bool,
) -> Result<()> {
    let plan = ctx.store.load()?;
    let week = ctx.week_or_this(week);
    let zone = zone_for(None, &plan.settings)?;
    let invites = write_invites(&plan, week, zone, include_private, ctx.clock.utc);
    let Some(path) = file else {
        out.write_all(invites.text.as_bytes())?;
        return Ok(());
    };
    crate::store::write_output(path, &invites.text)?;
    if ctx.json {
        return output::json(
            out,
            &serde_json::json!({
                "file": path.display().to_string(),
                "week": week,
                "tz": zone.name(),
                "exported": invites.ids,
                "without_slot": invites.without_slot,
                "private_left_out": invites.private_left_out,
            }),
        );
    }
    writeln!(
        out,
        "Wrote {} for {week} (zone {}) to {}.",
        output::counted(invites.ids.len(), "invite"),
        zone.name(),
        path.display()
    )?;
    if !invites.without_slot.is_empty() {
        let ids: Vec<String> = invites
            .without_slot
            .iter()
            .map(|id| format!("#{id}"))
            .collect();
        writeln!(
            out,
            "  {} without a start yet ({}): `syncwise schedule` gives them one.",
            output::counted(ids.len(), "sync"),
            ids.join(", ")
        )?;
    }
    if invites.private_left_out > 0 {
        writeln!(
            out,
            "  {} for your eyes only left out (--include-private adds them).",
            output::counted(invites.private_left_out, "private sync")
        )?;
    }
    Ok(())
}
