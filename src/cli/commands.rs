//! What each subcommand does: a thin shell that reads flags, drives the core and the store,
//! and hands the result to the output module.

use std::io::Write;

use anyhow::{Context as _, Result, bail};

use crate::core::budget::plan_budget;
use crate::core::clock::Clock;
use crate::core::demo;
use crate::core::patch::ItemPatch;
use crate::core::report::ItemReport;
use crate::core::week::IsoWeek;
use crate::core::{Item, Plan, Settings, Status};
use crate::store::Store;

use clap::CommandFactory;

use super::args::{Cli, Command, ConfigAction, ExportFormat, ItemFields};
use super::output;

/// What every command works with.
pub struct Context {
    pub store: Store,
    pub clock: Clock,
    pub json: bool,
}

impl Context {
    fn week_or_this(&self, week: Option<IsoWeek>) -> IsoWeek {
        week.unwrap_or_else(|| self.clock.this_week())
    }

    /// A new item from the `add`/`recommend` flags, not yet in any plan: its intent's row
    /// gives what the flags leave out.
    fn new_item(&self, title: &str, fields: &ItemFields, settings: &Settings) -> Item {
        let week = self.week_or_this(fields.week);
        let day = self.clock.default_day(week);
        let mut item = Item::new(0, title, week, day, self.clock.utc);
        item.adopt_intent(fields.intent.unwrap_or(item.intent), settings);
        fields.to_patch().apply(&mut item, self.clock.utc);
        item
    }

    fn print_item(
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

fn missing(id: u32) -> anyhow::Error {
    anyhow::anyhow!("there is no item #{id} (`syncwise list --all` shows every id)")
}

/// Changes one item under the store lock and prints it.
fn change_item(
    ctx: &Context,
    out: &mut impl Write,
    id: u32,
    patch: &ItemPatch,
    verb: &str,
) -> Result<()> {
    let (item, settings) = ctx.store.update(|plan: &mut Plan| {
        let item = plan.item_mut(id).ok_or_else(|| missing(id))?;
        patch.apply(item, ctx.clock.utc);
        Ok::<_, anyhow::Error>((item.clone(), plan.settings.clone()))
    })?;
    ctx.print_item(out, &item, &settings, verb)
}

/// Runs one subcommand.
pub fn run(ctx: &Context, command: Command, out: &mut impl Write) -> Result<()> {
    match command {
        Command::Add { title, fields } => {
            let (item, settings) = ctx.store.update(|plan: &mut Plan| {
                let id = plan.add(ctx.new_item(&title, &fields, &plan.settings));
                let saved = plan.item(id).cloned().context("the new item vanished")?;
                Ok::<_, anyhow::Error>((saved, plan.settings.clone()))
            })?;
            ctx.print_item(out, &item, &settings, "Added")
        }
        Command::Recommend { title, fields } => {
            let settings = ctx.store.load()?.settings;
            let item = ctx.new_item(&title, &fields, &settings);
            ctx.print_item(out, &item, &settings, "Not saved")
        }
        Command::List { week, all } => {
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
                output::json_reports(out, &items, ctx.clock.local, &plan.settings)?;
                // The process ends next and the system takes its memory back whole: freeing
                // a large plan string by string would take a tenth of the listing's time.
                drop(items);
                std::mem::forget(plan);
                return Ok(());
            }
            let reports: Vec<ItemReport> = items
                .into_iter()
                .map(|i| ItemReport::new(i, ctx.clock.local, &plan.settings))
                .collect();
            {
                let title = (!all).then(|| ctx.week_or_this(week));
                output::item_table(out, &reports, title)
            }
        }
        Command::Show { id } => {
            let plan = ctx.store.load()?;
            let item = plan.item(id).ok_or_else(|| missing(id))?;
            let report = ItemReport::new(item, ctx.clock.local, &plan.settings);
            if ctx.json {
                output::json(out, &report)
            } else {
                output::item_detail(out, &report)
            }
        }
        Command::Set { id, title, fields } => {
            let patch = ItemPatch {
                title,
                ..fields.to_patch()
            };
            if patch.is_empty() {
                bail!(
                    "nothing to change on #{id}: pass at least one of --title, --with, --intent, --heat, --minutes, --day, --week, --medium, --agenda, --notes, --exchanges, --status, --private, --shared"
                );
            }
            change_item(ctx, out, id, &patch, "Changed")
        }
        Command::Done { id } => {
            let patch = ItemPatch {
                status: Some(Status::Done),
                ..ItemPatch::default()
            };
            change_item(ctx, out, id, &patch, "Done")
        }
        Command::Drop { id } => {
            let patch = ItemPatch {
                status: Some(Status::Dropped),
                ..ItemPatch::default()
            };
            change_item(ctx, out, id, &patch, "Dropped")
        }
        Command::Rm { id } => {
            let (item, settings) = ctx.store.update(|plan: &mut Plan| {
                let item = plan.remove(id).ok_or_else(|| missing(id))?;
                Ok::<_, anyhow::Error>((item, plan.settings.clone()))
            })?;
            ctx.print_item(out, &item, &settings, "Deleted")
        }
        Command::Budget { week } => {
            let plan = ctx.store.load()?;
            let budget = plan_budget(&plan, ctx.week_or_this(week));
            if ctx.json {
                output::json(out, &budget)
            } else {
                output::budget(out, &budget)
            }
        }
        Command::Demo { clear: true, .. } => {
            let (removed, kept) = ctx.store.update(|plan: &mut Plan| {
                let before = plan.items.len();
                plan.items.retain(|i| !i.sample);
                Ok::<_, anyhow::Error>((before - plan.items.len(), plan.items.len()))
            })?;
            if ctx.json {
                output::json(
                    out,
                    &serde_json::json!({ "store": ctx.store.path(), "removed": removed, "kept": kept }),
                )
            } else {
                writeln!(
                    out,
                    "Removed {removed} sample items from {}; {kept} of your own stay.",
                    ctx.store.path().display()
                )?;
                Ok(())
            }
        }
        Command::Demo {
            items, seed, force, ..
        } => {
            let week = ctx.clock.this_week();
            let fresh = match items {
                Some(count) => demo::synthetic(count as usize, seed, week, ctx.clock.utc),
                None => demo::demo_week(week, ctx.clock.utc),
            };
            let count = fresh.len();
            ctx.store.update(|plan: &mut Plan| {
                if !plan.items.is_empty() && !force {
                    bail!(
                        "{} already holds {} items; `demo --force` replaces them",
                        ctx.store.path().display(),
                        plan.items.len()
                    );
                }
                plan.items.clear();
                plan.add_all(fresh);
                Ok(())
            })?;
            if ctx.json {
                output::json(
                    out,
                    &serde_json::json!({ "store": ctx.store.path(), "items": count, "week": week }),
                )
            } else {
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
        }
        Command::Snapshot {
            week,
            width,
            height,
        } => {
            let week = ctx.week_or_this(week);
            let text = crate::tui::snapshot(ctx.store.clone(), ctx.clock, week, width, height)?;
            out.write_all(text.as_bytes())?;
            Ok(())
        }
        Command::Carry { from, to } => {
            let to = ctx.week_or_this(to);
            let from = from.unwrap_or_else(|| to.prev());
            if from == to {
                bail!("--from and --to are the same week ({to}): nothing to carry");
            }
            if from > to {
                bail!(
                    "--from {from} comes after --to {to}: carry moves open items forward in time"
                );
            }
            let ids = ctx.store.update(|plan: &mut Plan| {
                Ok::<_, anyhow::Error>(crate::core::carry::carry(plan, from, to, ctx.clock.utc))
            })?;
            if ctx.json {
                output::json(
                    out,
                    &serde_json::json!({ "from": from, "to": to, "carried": ids }),
                )
            } else if ids.is_empty() {
                writeln!(out, "Nothing open in {from} to carry into {to}.")?;
                Ok(())
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
                Ok(())
            }
        }
        Command::Export { week, format } => {
            let plan = ctx.store.load()?;
            let brief = crate::core::brief::brief(&plan, ctx.week_or_this(week), ctx.clock.local);
            if ctx.json || format == ExportFormat::Json {
                output::json(out, &brief)
            } else {
                out.write_all(brief.to_markdown().as_bytes())?;
                Ok(())
            }
        }
        Command::Review { weeks } => {
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
        Command::Config { action } => config(ctx, action.unwrap_or(ConfigAction::List), out),
        Command::Completions { .. } | Command::Man => documentation(&command, out),
        Command::Audit { file, week, tz } => {
            let settings = ctx.store.load()?.settings;
            let zone = zone_for(tz.as_deref(), &settings)?;
            let calendar = read_calendar(&file)?;
            let audit = crate::ics::audit(&calendar, ctx.week_or_this(week), zone)
                .sync_time_only(my_address(&settings).as_deref());
            if ctx.json {
                output::json(out, &audit)
            } else {
                output::audit(out, &audit)
            }
        }
        Command::Import {
            file,
            week,
            weeks,
            tz,
            dry_run,
            allow_empty,
            calendar: name,
        } => {
            // Read once: the settings place and filter the meetings, and what is stored
            // now guards against an empty export.
            let plan = ctx.store.load()?;
            let settings = &plan.settings;
            let zone = zone_for(tz.as_deref(), settings)?;
            let calendar = read_calendar(&file)?;
            // `--calendar ""` imports as no calendar in particular.
            let name: Option<String> = match name {
                Some(name) => {
                    Some(crate::core::sanitize::sanitize(name.trim())).filter(|n| !n.is_empty())
                }
                None => calendar.name().map(str::to_string),
            };
            let me = my_address(settings);
            let audits: Vec<crate::ics::WeekAudit> =
                crate::ics::audit_weeks(&calendar, ctx.week_or_this(week), weeks, zone)
                    .into_iter()
                    .map(|audit| audit.sync_time_only(me.as_deref()))
                    .collect();
            let covered: Vec<IsoWeek> = audits.iter().map(|a| a.week).collect();
            let fresh: Vec<crate::core::Meeting> = audits
                .iter()
                .flat_map(|a| a.meetings.iter().map(crate::core::Meeting::from))
                .map(|meeting| crate::core::Meeting {
                    calendar: name.clone(),
                    ..meeting
                })
                .collect();
            let count = fresh.len();
            let span = match (covered.first(), covered.last()) {
                (Some(first), Some(last)) if first != last => format!("{first} to {last}"),
                (Some(first), _) => first.to_string(),
                _ => String::new(),
            };
            let stored = plan
                .meetings
                .iter()
                .filter(|m| covered.contains(&m.week) && m.imported_with(name.as_deref()))
                .count();
            if count == 0 && stored > 0 && !allow_empty {
                let from = calendar_label(name.as_deref());
                bail!(
                    "{} has no meetings in {span}, so the {} stored{from} for {span} were kept; pass --allow-empty to clear them",
                    file.display(),
                    output::counted(stored, "meeting")
                );
            }
            let (replaced, unlinked) = if dry_run {
                (stored, 0)
            } else {
                ctx.store.update(|plan: &mut Plan| {
                    let replaced = plan.replace_meetings(&covered, name.as_deref(), fresh);
                    let unlinked = plan
                        .items
                        .iter()
                        .filter(|i| i.status != crate::core::Status::Dropped)
                        .filter_map(|i| i.replaces.as_deref())
                        .filter(|key| !plan.meetings.iter().any(|m| m.key == *key))
                        .count();
                    Ok::<_, anyhow::Error>((replaced, unlinked))
                })?
            };
            let mut skipped: Vec<&crate::ics::Skipped> = Vec::new();
            for entry in audits.iter().flat_map(|a| &a.skipped) {
                if !skipped.contains(&entry) {
                    skipped.push(entry);
                }
            }
            if ctx.json {
                output::json(
                    out,
                    &serde_json::json!({
                        "dry_run": dry_run,
                        "calendar": name,
                        "tz": zone.name(),
                        "weeks": covered,
                        "meetings": count,
                        "replaced": replaced,
                        "unlinked_updates": unlinked,
                        "total_minutes": audits.iter().map(|a| a.total_minutes).sum::<u32>(),
                        "skipped": skipped,
                    }),
                )
            } else {
                let verb = if dry_run { "Would import" } else { "Imported" };
                let from = calendar_label(name.as_deref());
                writeln!(
                    out,
                    "{verb} {} of {span}{from} ({} min, zone {}), replacing {replaced} stored before.",
                    output::counted(count, "meeting"),
                    audits.iter().map(|a| a.total_minutes).sum::<u32>(),
                    zone.name()
                )?;
                if unlinked > 0 {
                    writeln!(
                        out,
                        "  {unlinked} written updates no longer match an imported meeting (it moved or left the calendar), so nothing is taken out of the budget for them."
                    )?;
                }
                for s in &skipped {
                    writeln!(
                        out,
                        "  skipped {}: {}",
                        sanitize_line(&s.what),
                        sanitize_line(&s.reason)
                    )?;
                }
                Ok(())
            }
        }
        Command::Keys => {
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
    }
}

fn config(ctx: &Context, action: ConfigAction, out: &mut impl Write) -> Result<()> {
    use crate::core::settings::{KEYS, get, set};
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
            // Validate before taking the lock, so a bad value never touches the store.
            set(&mut crate::core::Settings::default(), &key, &value)?;
            let value = ctx.store.update(|plan: &mut Plan| {
                set(&mut plan.settings, &key, &value)?;
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

fn sanitize_line(text: &str) -> String {
    crate::core::sanitize::sanitize(text)
}

/// The user's zone: `--tz`, else the `timezone` setting, else `TZ`, else the system's,
/// else UTC.
/// " from calendar “Work”", or nothing for an import that names no calendar.
fn calendar_label(name: Option<&str>) -> String {
    name.map(|n| format!(" from calendar \u{201c}{n}\u{201d}"))
        .unwrap_or_default()
}

/// The user's calendar address as attendee lines are compared: lower case, no `mailto:`.
fn my_address(settings: &crate::core::Settings) -> Option<String> {
    settings
        .email
        .as_deref()
        .and_then(crate::core::settings::email)
}

fn zone_for(flag: Option<&str>, settings: &crate::core::Settings) -> Result<crate::ics::Tz> {
    if let Some(name) = flag {
        return Ok(crate::ics::user_zone(name)?);
    }
    if let Some(name) = &settings.timezone {
        return crate::ics::user_zone(name)
            .context("the `timezone` setting names no known zone; fix it with `syncwise config set timezone`");
    }
    if let Some(name) = std::env::var("TZ").ok().filter(|n| !n.trim().is_empty()) {
        return crate::ics::user_zone(name.trim_start_matches(':'))
            .context("the TZ environment variable names no known zone; pass --tz");
    }
    Ok(crate::store::system_zone_hint()
        .and_then(|hint| crate::ics::resolve_zone(&hint))
        .unwrap_or(crate::ics::Tz::UTC))
}

/// Reads and parses a calendar export.
fn read_calendar(path: &std::path::Path) -> Result<crate::ics::Calendar> {
    let bytes = crate::store::read_input(path)?;
    crate::ics::parse_bytes(&bytes).with_context(|| format!("cannot read {}", path.display()))
}
