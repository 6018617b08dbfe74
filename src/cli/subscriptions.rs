//! The `calendar` commands: subscribe, list, unsubscribe, sync. Checking and storing are
//! core operations, fetching is `crate::net`; this shell only reads flags and prints.

use std::io::Write;

use anyhow::{Result, anyhow};

use super::args::CalendarAction;
use super::commands::Context;
use super::output;
use crate::core::Plan;
use crate::core::subscription::{self, Subscription, SubscriptionKind};
use crate::net::sync::{Outcome, SyncRequest};

pub(super) fn run(ctx: &Context, out: &mut impl Write, action: CalendarAction) -> Result<()> {
    match action {
        CalendarAction::Add {
            name,
            url,
            caldav,
            user,
            password_cmd,
            insecure_http,
            write,
        } => {
            crate::net::Target::parse(&url, insecure_http)?;
            let kind = if caldav {
                SubscriptionKind::Caldav
            } else {
                SubscriptionKind::Feed
            };
            let mut sub = Subscription::new(&name, &url, kind);
            sub.user = user.map(|u| u.trim().to_string()).filter(|u| !u.is_empty());
            sub.password_cmd = password_cmd.filter(|c| !c.trim().is_empty());
            sub.insecure_http = insecure_http;
            sub.write = write;
            let shown = sub.clone();
            ctx.store.update(|plan: &mut Plan| {
                subscription::add(plan, sub).map_err(anyhow::Error::new)
            })?;
            if ctx.json {
                return output::json(out, &shown);
            }
            writeln!(
                out,
                "Subscribed to \u{201c}{}\u{201d} ({}). `syncwise calendar sync {}` brings its meetings in.",
                shown.name,
                shown.kind.id(),
                shell_word(&shown.name)
            )?;
            if shown.write {
                writeln!(
                    out,
                    "  `syncwise invites --push` puts the week's invites on it."
                )?;
            }
            Ok(())
        }
        CalendarAction::List => {
            let plan = ctx.store.load()?;
            if ctx.json {
                return output::json(out, &plan.calendars);
            }
            if plan.calendars.is_empty() {
                writeln!(
                    out,
                    "No calendars subscribed. `syncwise calendar add NAME URL` adds one."
                )?;
            }
            for sub in &plan.calendars {
                writeln!(out, "{}", line(sub, &plan))?;
            }
            Ok(())
        }
        CalendarAction::Rm { name } => {
            let (sub, removed) = ctx.store.update(|plan: &mut Plan| {
                subscription::remove(plan, &name).map_err(anyhow::Error::new)
            })?;
            if ctx.json {
                return output::json(
                    out,
                    &serde_json::json!({ "removed": sub.name, "meetings_removed": removed }),
                );
            }
            writeln!(
                out,
                "Unsubscribed from \u{201c}{}\u{201d}; its {} left the budget.",
                sub.name,
                output::counted(removed, "stored meeting")
            )?;
            Ok(())
        }
        CalendarAction::Sync { name, weeks, tz } => {
            let settings = ctx.store.load()?.settings;
            let zone = super::calendar::zone_for(tz.as_deref(), &settings)?;
            let ask = SyncRequest {
                only: name,
                first: ctx.clock.this_week(),
                weeks,
                zone,
                now: ctx.clock.utc,
            };
            let outcomes = crate::net::sync::sync(&ctx.store, &ask)?;
            report(ctx, out, &outcomes)
        }
    }
}

/// Prints what a sync did; each failed calendar is one error line, and the command fails.
fn report(ctx: &Context, out: &mut impl Write, outcomes: &[Outcome]) -> Result<()> {
    if ctx.json {
        output::json(out, &outcomes)?;
    } else if outcomes.is_empty() {
        writeln!(
            out,
            "No calendars subscribed. `syncwise calendar add NAME URL` adds one."
        )?;
    }
    let mut failures: Vec<String> = Vec::new();
    for o in outcomes {
        if let Some(error) = &o.error {
            failures.push(format!("calendar \u{201c}{}\u{201d}: {error}", o.calendar));
            continue;
        }
        if ctx.json {
            continue;
        }
        let span = match (o.weeks.first(), o.weeks.last()) {
            (Some(a), Some(b)) if a != b => format!("{a} to {b}"),
            (Some(a), _) => a.to_string(),
            _ => String::new(),
        };
        match o.status {
            "unchanged" => writeln!(
                out,
                "\u{201c}{}\u{201d} is unchanged: {} of {span} still count.",
                o.calendar,
                output::counted(o.meetings, "meeting")
            )?,
            _ => writeln!(
                out,
                "Synced \u{201c}{}\u{201d}: {} of {span}, replacing {} stored before.",
                o.calendar,
                output::counted(o.meetings, "meeting"),
                o.replaced
            )?,
        }
    }
    let last = failures.pop();
    for line in &failures {
        super::say::error(line);
    }
    match last {
        Some(line) => Err(anyhow!(line)),
        None => Ok(()),
    }
}

/// One calendar as `calendar list` shows it.
fn line(sub: &Subscription, plan: &Plan) -> String {
    let stored = plan
        .meetings
        .iter()
        .filter(|m| m.calendar.as_deref() == Some(sub.name.as_str()))
        .count();
    let synced = sub.last_sync.map_or_else(
        || "never synced".to_string(),
        |t| format!("synced {}", t.format("%Y-%m-%d %H:%M UTC")),
    );
    let login = match (&sub.user, &sub.password_cmd) {
        (Some(user), Some(_)) => format!(", as {user}, password from a command"),
        (Some(user), None) => format!(", as {user}"),
        (None, Some(_)) => ", password from a command".to_string(),
        (None, None) => String::new(),
    };
    let write = if sub.write { ", takes invites" } else { "" };
    let mut text = crate::core::sanitize::sanitize(&format!(
        "{} ({}{login}{write}): {}, {synced}",
        sub.name,
        sub.kind.id(),
        output::counted(stored, "meeting")
    ));
    if let Some(error) = &sub.last_error {
        text.push_str("\n    last sync failed: ");
        text.push_str(&crate::core::sanitize::sanitize(error));
    }
    text
}

/// A name as it may be typed in a shell.
fn shell_word(name: &str) -> String {
    if name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', r"'\''"))
    }
}
