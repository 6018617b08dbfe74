//! The written brief: the week's async update, ready to paste into an email, a document or
//! a chat, as Markdown or JSON.

use std::fmt::Write as _;

use chrono::{Duration, NaiveDateTime};
use serde::Serialize;

use crate::core::budget::plan_budget;
use crate::core::engine::{BRIEF_LEAD_HOURS, sync_start};
use crate::core::report::ItemReport;
use crate::core::sanitize::sanitize;
use crate::core::week::IsoWeek;
use crate::core::{Intent, Item, Medium, Plan, Status};

/// One line of the brief: an item and who it is with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub id: u32,
    pub title: String,
    pub with: String,
    /// The date the item is planned for (`2026-11-26`).
    pub date: String,
}

/// A planned sync with its agenda and when its pre-read must go out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedSync {
    #[serde(flatten)]
    pub entry: Entry,
    pub medium: Medium,
    pub minutes: u32,
    pub timebox_minutes: Option<u32>,
    pub problem: String,
    pub pre_read: String,
    pub outcome: String,
    /// When the pre-read goes out: a day before the sync.
    pub pre_read_by: NaiveDateTime,
}

/// The week's written update.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Brief {
    pub week: IsoWeek,
    pub summary: String,
    pub status: Vec<Entry>,
    pub fyi: Vec<Entry>,
    pub decided: Vec<Entry>,
    pub asks: Vec<Entry>,
    pub syncs: Vec<PlannedSync>,
}

fn entry(item: &Item) -> Entry {
    Entry {
        id: item.id,
        title: sanitize(&item.title).trim().to_string(),
        with: sanitize(&item.with).trim().to_string(),
        date: item.week.date(item.day).to_string(),
    }
}

/// Builds the brief of a week from the plan.
pub fn brief(plan: &Plan, week: IsoWeek, now: NaiveDateTime) -> Brief {
    let items: Vec<&Item> = plan
        .week_items(week)
        .into_iter()
        .filter(|i| i.status != Status::Dropped)
        .collect();
    let mut out = Brief {
        week,
        summary: String::new(),
        status: Vec::new(),
        fyi: Vec::new(),
        decided: Vec::new(),
        asks: Vec::new(),
        syncs: Vec::new(),
    };
    for item in &items {
        let report = ItemReport::new(item, now, &plan.settings);
        let medium = report.effective_medium;
        if medium == Medium::Async {
            match item.intent {
                Intent::Status => out.status.push(entry(item)),
                Intent::Decided => out.decided.push(entry(item)),
                Intent::Fyi => out.fyi.push(entry(item)),
                // Asks get their own section; personal matters stay out of a broadcast.
                _ => {}
            }
        }
        if matches!(
            item.intent,
            Intent::Question | Intent::Review | Intent::Decision
        ) && item.status == Status::Open
        {
            out.asks.push(entry(item));
        }
        if medium.has_sync() && item.status == Status::Open {
            out.syncs.push(PlannedSync {
                entry: entry(item),
                medium,
                minutes: item.minutes,
                timebox_minutes: plan.settings.timebox(item.intent),
                problem: sanitize(&item.agenda.problem),
                pre_read: sanitize(&item.agenda.pre_read),
                outcome: sanitize(&item.agenda.outcome),
                pre_read_by: sync_start(item) - Duration::hours(BRIEF_LEAD_HOURS),
            });
        }
    }
    let budget = plan_budget(plan, week);
    let written = out.status.len() + out.fyi.len() + out.decided.len();
    let live = match out.syncs.len() {
        0 => "no live syncs".to_string(),
        n => format!(
            "{} ({} of {} sync minutes budgeted)",
            count(n, "live sync", "live syncs"),
            budget.sync_minutes,
            budget.budget_minutes
        ),
    };
    out.summary = format!(
        "{} this week: {} in writing, {}, {live}.",
        count(items.len(), "item", "items"),
        count(written, "update", "updates"),
        count(out.asks.len(), "ask", "asks"),
    );
    out
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn day_label(date: &str) -> String {
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map(|d| d.format("%a %-d %b").to_string())
        .unwrap_or_else(|_| date.to_string())
}

fn line(e: &Entry) -> String {
    if e.with.is_empty() {
        format!("- {}", e.title)
    } else {
        format!("- {} (with {})", e.title, e.with)
    }
}

impl Brief {
    /// The brief as Markdown; sections without items are left out.
    pub fn to_markdown(&self) -> String {
        let mut md = String::new();
        let _ = writeln!(
            md,
            "# {} · {}: weekly update\n",
            self.week,
            self.week.span_label()
        );
        let _ = writeln!(md, "{}\n", self.summary);
        for (heading, entries) in [
            ("Status", &self.status),
            ("FYI", &self.fyi),
            ("Decisions made", &self.decided),
        ] {
            if entries.is_empty() {
                continue;
            }
            let _ = writeln!(md, "## {heading}\n");
            for e in entries {
                let _ = writeln!(md, "{}", line(e));
            }
            md.push('\n');
        }
        if !self.asks.is_empty() {
            let _ = writeln!(md, "## Asks\n");
            for e in &self.asks {
                let _ = writeln!(md, "{}, by {}", line(e), day_label(&e.date));
            }
            md.push('\n');
        }
        if !self.syncs.is_empty() {
            let _ = writeln!(md, "## Planned syncs\n");
            for s in &self.syncs {
                let timebox = match s.timebox_minutes {
                    Some(t) => format!("timebox {t} min"),
                    None => "no timebox".to_string(),
                };
                let with = if s.entry.with.is_empty() {
                    String::new()
                } else {
                    format!(", with {}", s.entry.with)
                };
                let _ = writeln!(
                    md,
                    "### {} ({}{with}, {} min, {timebox})\n",
                    s.entry.title,
                    day_label(&s.entry.date),
                    s.minutes
                );
                let or_missing = |t: &str| {
                    if t.trim().is_empty() {
                        "_to be written_".to_string()
                    } else {
                        t.trim().to_string()
                    }
                };
                let _ = writeln!(md, "- Problem: {}", or_missing(&s.problem));
                let _ = writeln!(
                    md,
                    "- Pre-read: {} (out by {})",
                    or_missing(&s.pre_read),
                    s.pre_read_by.format("%a %-d %b %H:%M")
                );
                let _ = writeln!(md, "- Desired outcome: {}", or_missing(&s.outcome));
                md.push('\n');
            }
        }
        while md.ends_with("\n\n") {
            md.pop();
        }
        md
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::demo::demo_week;
    use chrono::Utc;

    #[test]
    fn demo_brief_has_every_section_and_no_escapes() {
        let week: IsoWeek = "2026-W48".parse().unwrap();
        let plan = Plan {
            items: demo_week(week, Utc::now()),
            ..Plan::default()
        };
        let now = week.monday().and_hms_opt(8, 0, 0).unwrap();
        let b = brief(&plan, week, now);
        let md = b.to_markdown();
        for heading in [
            "## Status",
            "## Decisions made",
            "## Asks",
            "## Planned syncs",
        ] {
            assert!(md.contains(heading), "{heading} missing in\n{md}");
        }
        assert!(md.contains("out by Wed 25 Nov 09:00"), "{md}");
        assert!(!md.contains('\u{1b}'));
        assert!(md.ends_with('\n') && !md.ends_with("\n\n"));
    }

    #[test]
    fn empty_sections_are_left_out() {
        let week: IsoWeek = "2026-W48".parse().unwrap();
        let mut plan = Plan::default();
        let mut item = Item::new(
            0,
            "Shipped \u{1b}[31mv2",
            week,
            crate::core::week::Day::Mon,
            Utc::now(),
        );
        item.intent = Intent::Status;
        plan.add(item);
        let md = brief(&plan, week, week.monday().and_hms_opt(8, 0, 0).unwrap()).to_markdown();
        assert!(md.contains("## Status\n\n- Shipped v2\n"), "{md}");
        for absent in ["## FYI", "## Asks", "## Planned syncs", "## Decisions made"] {
            assert!(!md.contains(absent), "{absent} in\n{md}");
        }
    }
}
