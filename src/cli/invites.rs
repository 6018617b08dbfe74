//! `syncwise invites`: the week's shared syncs with a start, as one calendar file.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use super::calendar::zone_for;
use super::commands::Context;
use super::output;
use crate::core::invite::invites as write_invites;
use crate::core::week::IsoWeek;
use crate::core::withdraw::Stale;

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
/// left as it is and named, unless `overwrite` says to replace it. Then the events pushed before that are no longer invites of
/// the week are withdrawn (DELETE, conditional the same way) and forgotten.
pub(super) fn push(
    ctx: &Context,
    out: &mut impl Write,
    week: Option<IsoWeek>,
    include_private: bool,
    overwrite: bool,
) -> Result<()> {
    use crate::net::put::{PutError, put};
    let plan = ctx.store.load()?;
    let week = ctx.week_or_this(week);
    let zone = zone_for(None, &plan.settings)?;
    let Some(sub) = crate::core::subscription::writable(&plan) else {
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
        let object = crate::core::invite::object(&plan, item, week, zone, ctx.clock.utc);
        let target = collection.child(&format!("{uid}.ics"))?;
        let recorded = sub.pushed.get(&uid).map(String::as_str);
        let outcome = match put(&target, &object, recorded) {
            Err(PutError::Changed) if overwrite => crate::net::put::overwrite(&target, &object),
            outcome => outcome,
        };
        match outcome {
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
                "the server\u{2019}s copy of #{id} changed since the last push; nothing was overwritten: look at it in your calendar, then push with --overwrite to replace it with yours"
            )),
            Err(PutError::Net(e)) => {
                let e = crate::net::sync::redact(e, secret.as_deref());
                failures.push(format!("#{id} was not pushed: {e}"));
            }
        }
    }
    let remote = Remote {
        sub,
        collection: &collection,
        secret: secret.as_deref(),
    };
    // Judged on the store as it is now, not as it was before the pushes: an item made an
    // invite again meanwhile (by the TUI, another command) keeps its event, and the ETags
    // are the latest recorded.
    let current = ctx.store.load()?;
    let withdrawn = withdraw(ctx, &current, &remote, week, include_private, &mut failures)?;
    drop(collection);
    if ctx.json {
        output::json(
            out,
            &serde_json::json!({
                "calendar": sub.name,
                "week": week,
                "pushed": pushed,
                "refused": failures.len(),
                "withdrawn": withdrawn,
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
        for w in &withdrawn {
            writeln!(out, "{}", withdrawal_line(w))?;
        }
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

/// Deletes from the calendar the events pushed before that pushing `week` no longer
/// makes, each conditional on its recorded ETag, and forgets those deleted or already
/// gone. Returns them; each one refused or failed is added to `failures`.
fn withdraw(
    ctx: &Context,
    plan: &crate::core::Plan,
    remote: &Remote<'_>,
    week: IsoWeek,
    include_private: bool,
    failures: &mut Vec<String>,
) -> Result<Vec<Withdrawal>> {
    use crate::net::delete::{DeleteError, delete};
    let Remote {
        sub,
        collection,
        secret,
    } = *remote;
    let mut withdrawn = Vec::new();
    // The calendar as the store records it now; one removed or changed meanwhile has
    // nothing withdrawn from it (a delete is the one step not to take on old knowledge).
    let Some(sub) = crate::core::subscription::writable(plan)
        .filter(|now| now.name == sub.name && now.url == sub.url)
    else {
        return Ok(Vec::new());
    };
    for stale in crate::core::withdraw::stale(plan, week, sub, include_private) {
        let Some(etag) = sub.pushed.get(&stale.uid) else {
            continue;
        };
        let target = collection.child(&format!("{}.ics", stale.uid))?;
        match delete(&target, etag) {
            Ok(deleted) => {
                ctx.store.update(|plan: &mut crate::core::Plan| {
                    crate::core::subscription::forget_push(plan, &sub.name, &stale.uid);
                    Ok::<_, anyhow::Error>(())
                })?;
                withdrawn.push(Withdrawal {
                    stale,
                    already_gone: deleted == crate::net::delete::Deleted::AlreadyGone,
                });
            }
            Err(DeleteError::Changed) => failures.push(crate::core::sanitize::sanitize(&format!(
                "the server\u{2019}s copy of {} changed since the last push, so it was not withdrawn: delete it in your calendar if the meeting is off (the next push then forgets it)",
                named(&stale)
            ))),
            Err(DeleteError::Net(e)) => {
                let e = crate::net::sync::redact(e, secret);
                failures.push(crate::core::sanitize::sanitize(&format!(
                    "{} was not withdrawn: {e}",
                    named(&stale)
                )));
            }
        }
    }
    Ok(withdrawn)
}

/// The calendar invites go to, as reached for this push.
struct Remote<'a> {
    sub: &'a crate::core::subscription::Subscription,
    collection: &'a crate::net::Target,
    /// The password, to keep out of any message.
    secret: Option<&'a str>,
}

/// `#4 “Roadmap status”`, or the UID's item alone when the item is gone; sanitised. A
/// title's `'` is written `’`: on the error stream a `'` opens a quote that is cut short,
/// which would cut off what to do.
fn named(stale: &Stale) -> String {
    match (stale.id, &stale.title) {
        (Some(id), Some(title)) => format!(
            "#{id} \u{201c}{}\u{201d}",
            crate::core::sanitize::sanitize(title).replace('\'', "\u{2019}")
        ),
        (Some(id), None) => format!("#{id}"),
        (None, _) => format!("the event {}", crate::core::sanitize::sanitize(&stale.uid)),
    }
}

/// One event withdrawn, as `--json` lists it.
#[derive(serde::Serialize)]
struct Withdrawal {
    #[serde(flatten)]
    stale: Stale,
    /// The server had it no more (someone deleted it there): only forgotten.
    already_gone: bool,
}

/// One line for a withdrawn event: `withdrew #4 “Roadmap status” (dropped)`.
fn withdrawal_line(w: &Withdrawal) -> String {
    let gone = if w.already_gone {
        "; it was already gone from the server"
    } else {
        ""
    };
    format!(
        "  withdrew {} ({}{gone})",
        named(&w.stale),
        w.stale.reason.words()
    )
}
