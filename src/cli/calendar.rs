//! The calendar commands: audit an export, import its meetings. Only reading the file and
//! finding the user's zone happen here; the import itself is a core operation.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result, anyhow};

use super::commands::{Context, refused};
use super::output;
use crate::core::Plan;
use crate::core::ops::{self, OpError};
use crate::core::policy::Rules;
use crate::core::week::IsoWeek;
use crate::intents::lexicon_for;

pub(super) fn audit(
    ctx: &Context,
    out: &mut impl Write,
    file: &Path,
    week: Option<IsoWeek>,
    tz: Option<&str>,
) -> Result<()> {
    let lexicon = lexicon_for(&ctx.store)?;
    let settings = ctx.store.load()?.settings;
    let zone = zone_for(tz, &settings)?;
    let calendar = read_calendar(file)?;
    let rules = Rules {
        settings: &settings,
        lexicon: &lexicon,
    };
    let audit = crate::core::audit::audit(&calendar, ctx.week_or_this(week), zone, rules)
        .sync_time_only(ops::my_address(&settings).as_deref());
    if ctx.json {
        output::json(out, &audit)
    } else {
        output::audit(out, &audit)
    }
}

/// What `import` was asked to do.
pub(super) struct ImportRequest<'a> {
    pub file: &'a Path,
    pub week: Option<IsoWeek>,
    pub weeks: u32,
    pub tz: Option<&'a str>,
    pub dry_run: bool,
    pub allow_empty: bool,
    pub calendar: Option<&'a str>,
}

pub(super) fn import(ctx: &Context, out: &mut impl Write, ask: ImportRequest<'_>) -> Result<()> {
    // Read once: the settings place and filter the meetings, the word lists judge them.
    let lexicon = lexicon_for(&ctx.store)?;
    let plan = ctx.store.load()?;
    let zone = zone_for(ask.tz, &plan.settings)?;
    let calendar = read_calendar(ask.file)?;
    let import = ops::read_import(
        &calendar,
        Rules {
            settings: &plan.settings,
            lexicon: &lexicon,
        },
        ctx.week_or_this(ask.week),
        ask.weeks,
        zone,
        ask.calendar,
    );
    let why = |e: OpError| match e {
        OpError::EmptyImport { stored, span } => anyhow!(
            "{} has no meetings in {span}, so the {} stored{} for {span} were kept; pass --allow-empty to clear them",
            ask.file.display(),
            output::counted(stored, "meeting"),
            calendar_label(import.calendar.as_deref())
        ),
        other => refused(other),
    };
    let (change, unlinked) = if ask.dry_run {
        // The same operation on a copy: the same checks, nothing saved.
        let change =
            ops::import_meetings(&mut plan.clone(), &import, ask.allow_empty, ctx.clock.utc);
        (change.map_err(why)?, 0)
    } else {
        ctx.store.update(|plan: &mut Plan| {
            let change =
                ops::import_meetings(plan, &import, ask.allow_empty, ctx.clock.utc).map_err(why)?;
            Ok::<_, anyhow::Error>((change, ops::unlinked_updates(plan)))
        })?
    };
    let replaced = change.meetings.as_ref().map_or(0, |m| m.removed);
    let count = import.meetings.len();
    if ctx.json {
        return output::json(
            out,
            &serde_json::json!({
                "dry_run": ask.dry_run,
                "calendar": import.calendar,
                "tz": zone.name(),
                "weeks": import.weeks,
                "meetings": count,
                "replaced": replaced,
                "unlinked_updates": unlinked,
                "total_minutes": import.total_minutes,
                "skipped": import.skipped,
            }),
        );
    }
    let verb = if ask.dry_run {
        "Would import"
    } else {
        "Imported"
    };
    writeln!(
        out,
        "{verb} {} of {}{} ({} min, zone {}), replacing {replaced} stored before.",
        output::counted(count, "meeting"),
        import.span(),
        calendar_label(import.calendar.as_deref()),
        import.total_minutes,
        zone.name()
    )?;
    if unlinked > 0 {
        writeln!(
            out,
            "  {unlinked} written updates no longer match an imported meeting (it moved or left the calendar), so nothing is taken out of the budget for them."
        )?;
    }
    for s in &import.skipped {
        writeln!(
            out,
            "  skipped {}: {}",
            crate::core::sanitize::sanitize(&s.what),
            crate::core::sanitize::sanitize(&s.reason)
        )?;
    }
    Ok(())
}

/// " from calendar “Work”", or nothing for an import that names no calendar.
fn calendar_label(name: Option<&str>) -> String {
    name.map(|n| format!(" from calendar \u{201c}{n}\u{201d}"))
        .unwrap_or_default()
}

/// The user's zone: `--tz`, else the `timezone` setting, else `TZ`, else the system's,
/// else UTC.
pub(crate) fn zone_for(
    flag: Option<&str>,
    settings: &crate::core::Settings,
) -> Result<crate::ics::Tz> {
    if let Some(name) = flag {
        return Ok(crate::ics::user_zone(name)?);
    }
    if let Some(name) = &settings.timezone {
        return crate::ics::user_zone(name)
            .context("the `timezone` setting names no known zone; fix it with `syncwise config set timezone`");
    }
    if let Some(name) = crate::env::tz_var() {
        return crate::ics::user_zone(&name)
            .context("the TZ environment variable names no known zone; pass --tz");
    }
    Ok(crate::env::system_zone())
}

/// Reads and parses a calendar export.
fn read_calendar(path: &Path) -> Result<crate::ics::Calendar> {
    let bytes = crate::store::read_input(path)?;
    crate::ics::parse_bytes(&bytes).with_context(|| format!("cannot read {}", path.display()))
}
