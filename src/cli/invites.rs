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

/// `syncwise invites --push`: each invite PUT as its own object on the calendar added with
/// `--write`, conditional on the ETag of the last push; a copy changed on the server is
/// left as it is and named.
pub(super) fn push(
    ctx: &Context,
    out: &mut impl Write,
    week: Option<IsoWeek>,
    include_private: bool,
) -> Result<()> {
    use crate::net::put::{PutError, put};
    let plan = ctx.store.load()?;
    let week = ctx.week_or_this(week);
    let zone = zone_for(None, &plan.settings)?;
    let Some(sub) = crate::core::subscription::writable(&plan).cloned() else {
        return Err(anyhow::anyhow!(
            "no calendar takes invites yet: add your CalDAV calendar with `syncwise calendar add NAME URL --caldav --write`"
        ));
    };
    let invites = write_invites(&plan, week, zone, include_private, ctx.clock.utc);
    let mut collection = crate::net::Target::parse(&sub.url, sub.insecure_http)?;
    let mut secret: Option<String> = None;
    if let Some(command) = &sub.password_cmd {
        let password = crate::net::password::run(command)?;
        collection = collection.with_login(sub.user.as_deref().unwrap_or_default(), &password);
        secret = Some(password);
    }
    let mut failures: Vec<String> = Vec::new();
    let mut pushed = 0usize;
    for id in &invites.ids {
        let Some(item) = plan.item(*id) else {
            continue;
        };
        let uid = crate::core::invite::uid(item);
        let object = object_for(&plan, *id, week, zone, ctx.clock.utc);
        let target = collection.child(&format!("{uid}.ics"))?;
        match put(&target, &object, sub.pushed.get(&uid).map(String::as_str)) {
            Ok(etag) => {
                pushed += 1;
                // A server that names no ETag leaves none stored: the next push then
                // creates only, and is refused rather than overwrite blindly.
                if let Some(etag) = etag {
                    ctx.store.update(|plan: &mut crate::core::Plan| {
                        crate::core::subscription::record_push(plan, &sub.name, &uid, &etag);
                        Ok::<_, anyhow::Error>(())
                    })?;
                }
            }
            Err(PutError::Changed) => failures.push(format!(
                "the server's copy of #{id} changed since the last push; nothing was overwritten: open it in your calendar, or run `syncwise calendar sync` then push again"
            )),
            Err(PutError::Net(e)) => {
                let e = crate::net::sync::redact(e, secret.as_deref());
                failures.push(format!("#{id} was not pushed: {e}"));
            }
        }
    }
    drop(collection);
    if ctx.json {
        output::json(
            out,
            &serde_json::json!({
                "calendar": sub.name,
                "week": week,
                "pushed": pushed,
                "refused": failures.len(),
                "without_slot": invites.without_slot,
                "private_left_out": invites.private_left_out,
            }),
        )?;
    } else {
        writeln!(
            out,
            "{}",
            crate::core::sanitize::sanitize(&format!(
                "Pushed {} for {week} to \u{201c}{}\u{201d}.",
                output::counted(pushed, "invite"),
                sub.name
            ))
        )?;
    }
    let last = failures.pop();
    for line in &failures {
        super::say::error(line);
    }
    match last {
        Some(line) => Err(anyhow::anyhow!(line)),
        None => Ok(()),
    }
}

/// The calendar object of one invite: a VCALENDAR with its VEVENT and the VTIMEZONE, and
/// no METHOD (a stored CalDAV object carries none).
fn object_for(
    plan: &crate::core::Plan,
    id: u32,
    week: IsoWeek,
    zone: chrono_tz::Tz,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let mut one = plan.clone();
    one.items.retain(|i| i.id == id);
    write_invites(&one, week, zone, true, now)
        .text
        .replace("METHOD:PUBLISH\r\n", "")
}
