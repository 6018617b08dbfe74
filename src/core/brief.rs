//! The written brief: the week's shared update, ready to paste into an email, a document or
//! a chat, as Markdown or JSON. Private items never enter it, and every text a user or a
//! calendar wrote is escaped so that it renders as plain text.

use std::fmt::Write as _;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::core::counts::WeekCounts;
use crate::core::engine::{BRIEF_LEAD_HOURS, WarningCode, sync_start};
use crate::core::markdown::{escape, plain};
use crate::core::plural::{count_of, counted};
use crate::core::report::ItemReport;
use crate::core::review::MediumCounts;
use crate::core::week::IsoWeek;
use crate::core::{Intent, Item, Medium, Plan, Status};

/// One line of the brief: an item, who it is with and its notes. Texts are plain
/// (sanitised, on one line); the Markdown escapes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub id: u32,
    pub title: String,
    pub with: String,
    /// The date the item is planned for (`2026-11-26`).
    pub date: String,
    /// The item's notes on one line; absent when it has none.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

/// A question, review or decision the reader is asked to answer by the item's day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ask {
    #[serde(flatten)]
    pub entry: Entry,
    /// Whether the day has already gone by.
    pub overdue: bool,
}

/// A planned sync with its length, its agenda and when its pre-read must go out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedSync {
    #[serde(flatten)]
    pub entry: Entry,
    pub medium: Medium,
    pub minutes: u32,
    pub problem: String,
    pub pre_read: String,
    pub outcome: String,
    /// When the pre-read goes out: a day before the sync; `None` for a crisis, which
    /// starts without one.
    pub pre_read_by: Option<NaiveDateTime>,
    /// Whether that moment has already gone by.
    pub pre_read_overdue: bool,
}

/// The week's written update.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Brief {
    pub week: IsoWeek,
    pub summary: String,
    /// The shared items by medium: the counts the TUI header shows.
    pub counts: MediumCounts,
    pub status: Vec<Entry>,
    pub fyi: Vec<Entry>,
    pub decided: Vec<Entry>,
    pub asks: Vec<Ask>,
    pub syncs: Vec<PlannedSync>,
    /// What the user should know before sending (private items left out, syncs over
    /// their timebox, pre-reads overdue). For the user's screen only: never in the
    /// Markdown nor the JSON.
    #[serde(skip)]
    pub notices: Vec<String>,
}

fn entry(item: &Item) -> Entry {
    Entry {
        id: item.id,
        title: plain(&item.title),
        with: plain(&item.with),
        date: item.week.date(item.day).to_string(),
        notes: plain(&item.notes),
    }
}

/// Builds the brief of a week from the plan, at the local moment `now`.
pub fn brief(plan: &Plan, week: IsoWeek, now: NaiveDateTime) -> Brief {
    let all = plan.week_items(week);
    let counts = WeekCounts::of(all.iter().copied());
    let mut out = Brief {
        week,
        summary: summary(&counts.shared),
        counts: counts.shared.clone(),
        status: Vec::new(),
        fyi: Vec::new(),
        decided: Vec::new(),
        asks: Vec::new(),
        syncs: Vec::new(),
        notices: Vec::new(),
    };
    if counts.private > 0 {
        out.notices.push(format!(
            "{} left out of the brief.",
            counted(counts.private, "private item")
        ));
    }
    let shared = all
        .into_iter()
        .filter(|i| !i.private && i.status != Status::Dropped);
    for item in shared {
        let report = ItemReport::new(item, now, &plan.settings);
        let medium = report.effective_medium;
        if medium == Medium::Async {
            match item.intent {
                Intent::Status => out.status.push(entry(item)),
                Intent::Decided => out.decided.push(entry(item)),
                Intent::Fyi => out.fyi.push(entry(item)),
                // Asks get their own section below.
                _ => {}
            }
        }
        if item.status != Status::Open {
            continue;
        }
        if matches!(
            item.intent,
            Intent::Question | Intent::Review | Intent::Decision
        ) {
            out.asks.push(Ask {
                entry: entry(item),
                overdue: item.week.date(item.day) < now.date(),
            });
        }
        if medium.has_sync() {
            let sync = planned_sync(item, medium, now);
            out.notices.extend(sync_notices(&sync, &report));
            out.syncs.push(sync);
        }
    }
    out
}

fn planned_sync(item: &Item, medium: Medium, now: NaiveDateTime) -> PlannedSync {
    let pre_read_by = (item.intent != Intent::Crisis)
        .then(|| sync_start(item) - Duration::hours(BRIEF_LEAD_HOURS));
    PlannedSync {
        entry: entry(item),
        medium,
        minutes: item.minutes,
        problem: plain(&item.agenda.problem),
        pre_read: plain(&item.agenda.pre_read),
        outcome: plain(&item.agenda.outcome),
        pre_read_by,
        pre_read_overdue: pre_read_by.is_some_and(|by| by < now),
    }
}

/// The user's warnings about one planned sync: a length over its timebox and an overdue
/// pre-read.
fn sync_notices(sync: &PlannedSync, report: &ItemReport<'_>) -> Vec<String> {
    let name = format!("#{} {}", sync.entry.id, sync.entry.title);
    let mut notices = Vec::new();
    match report.recommendation.timebox_minutes {
        Some(timebox) if sync.minutes > timebox => notices.push(format!(
            "{name} runs {} min, over its {timebox}-minute timebox.",
            sync.minutes
        )),
        None if report.recommendation.has(WarningCode::OverTimebox) => notices.push(format!(
            "{name} runs {} min, over its timebox.",
            sync.minutes
        )),
        _ => {}
    }
    if let Some(by) = sync.pre_read_by.filter(|_| sync.pre_read_overdue) {
        notices.push(format!(
            "{name}: the pre-read was due out by {} and is overdue.",
            by.format("%a %-d %b %H:%M")
        ));
    }
    notices
}

/// One sentence with the shared items by medium, as the TUI header counts them (a
/// medium with no item is left unsaid).
fn summary(counts: &MediumCounts) -> String {
    let total = counts.r#async + counts.sync + counts.brief_then_sync;
    if total == 0 {
        return "Nothing planned to share this week.".to_string();
    }
    let parts: Vec<String> = [
        (counts.r#async > 0).then(|| format!("{} in writing", counts.r#async)),
        (counts.sync > 0).then(|| counted(counts.sync, "live sync")),
        (counts.brief_then_sync > 0).then(|| {
            count_of(
                counts.brief_then_sync,
                "brief followed by a sync",
                "briefs followed by a sync",
            )
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    format!(
        "{} this week: {}.",
        counted(total, "item"),
        parts.join(", ")
    )
}

fn day_label(date: &str) -> String {
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map(|d| d.format("%a %-d %b").to_string())
        .unwrap_or_else(|_| date.to_string())
}

/// `Title (with Someone)`, escaped.
fn title_with(e: &Entry) -> String {
    if e.with.is_empty() {
        escape(&e.title)
    } else {
        format!("{} (with {})", escape(&e.title), escape(&e.with))
    }
}

/// ` — notes`, escaped, or nothing.
fn notes_tail(e: &Entry) -> String {
    if e.notes.is_empty() {
        String::new()
    } else {
        format!(" — {}", escape(&e.notes))
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
                let _ = writeln!(md, "- {}{}", title_with(e), notes_tail(e));
            }
            md.push('\n');
        }
        if !self.asks.is_empty() {
            let _ = writeln!(md, "## Asks\n");
            for ask in &self.asks {
                let e = &ask.entry;
                let when = if ask.overdue { "overdue since" } else { "by" };
                let _ = writeln!(
                    md,
                    "- {}, {when} {}{}",
                    title_with(e),
                    day_label(&e.date),
                    notes_tail(e)
                );
            }
            md.push('\n');
        }
        if !self.syncs.is_empty() {
            let _ = writeln!(md, "## Planned syncs\n");
            for s in &self.syncs {
                sync_markdown(&mut md, s);
            }
        }
        while md.ends_with("\n\n") {
            md.pop();
        }
        md
    }
}

fn sync_markdown(md: &mut String, s: &PlannedSync) {
    let with = if s.entry.with.is_empty() {
        String::new()
    } else {
        format!(", with {}", escape(&s.entry.with))
    };
    let _ = writeln!(
        md,
        "### {} ({}{with}, {} min)\n",
        escape(&s.entry.title),
        day_label(&s.entry.date),
        s.minutes
    );
    // A crisis states what it can; a missing part of any other sync is shown as missing.
    let crisis = s.pre_read_by.is_none();
    let mut part = |label: &str, text: &str, tail: String| {
        if text.is_empty() && crisis {
            return;
        }
        let text = if text.is_empty() {
            "_to be written_".to_string()
        } else {
            escape(text)
        };
        let _ = writeln!(md, "- {label}: {text}{tail}");
    };
    part("Problem", &s.problem, String::new());
    let deadline = match s.pre_read_by {
        Some(by) if s.pre_read_overdue => {
            format!(" (overdue since {})", by.format("%a %-d %b %H:%M"))
        }
        Some(by) => format!(" (out by {})", by.format("%a %-d %b %H:%M")),
        None => String::new(),
    };
    part("Pre-read", &s.pre_read, deadline);
    part("Desired outcome", &s.outcome, String::new());
    if !s.entry.notes.is_empty() {
        let _ = writeln!(md, "- Notes: {}", escape(&s.entry.notes));
    }
    md.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::demo::demo_week;
    use crate::core::week::Day;
    use crate::core::{Agenda, ChosenMedium};
    use chrono::Utc;

    fn w48() -> IsoWeek {
        "2026-W48".parse().unwrap()
    }

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }

    fn item(title: &str, intent: Intent, day: Day) -> Item {
        let mut item = Item::new(0, title, w48(), day, Utc::now());
        item.intent = intent;
        item
    }

    #[test]
    fn demo_brief_has_every_section_and_no_escapes() {
        let plan = Plan {
            items: demo_week(w48(), Utc::now()),
            ..Plan::default()
        };
        let md = brief(&plan, w48(), at(23, 8)).to_markdown();
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
        assert!(!md.contains("timebox"), "{md}");
        assert!(md.ends_with('\n') && !md.ends_with("\n\n"));
    }

    #[test]
    fn empty_sections_are_left_out() {
        let mut plan = Plan::default();
        plan.add(item("Shipped \u{1b}[31mv2", Intent::Status, Day::Mon));
        let md = brief(&plan, w48(), at(23, 8)).to_markdown();
        assert!(md.contains("## Status\n\n- Shipped v2\n"), "{md}");
        for absent in ["## FYI", "## Asks", "## Planned syncs", "## Decisions made"] {
            assert!(!md.contains(absent), "{absent} in\n{md}");
        }
    }

    #[test]
    fn private_items_leave_no_trace_in_what_is_sent() {
        let mut plan = Plan::default();
        let mut feedback = item("Feedback to Sam", Intent::Feedback, Day::Tue);
        feedback.with = "Sam".into();
        feedback.private = true;
        plan.add(feedback);
        let mut question = item("Hiring plan: which roles?", Intent::Question, Day::Wed);
        question.private = true;
        plan.add(question);
        plan.add(item("Weekly status", Intent::Status, Day::Mon));

        let b = brief(&plan, w48(), at(23, 8));
        let md = b.to_markdown();
        let json = serde_json::to_string(&b).unwrap();
        for text in [&md, &json] {
            for secret in ["Sam", "Hiring", "private", "2 "] {
                assert!(!text.contains(secret), "{secret} in {text}");
            }
        }
        assert!(md.contains("1 item this week: 1 in writing"), "{md}");
        assert_eq!(b.counts.r#async, 1);
        assert_eq!(b.notices, ["2 private items left out of the brief."]);
    }

    #[test]
    fn length_is_shown_and_the_timebox_is_only_a_notice() {
        let mut plan = Plan::default();
        let mut long = item("Explore pricing", Intent::Brainstorm, Day::Fri);
        long.minutes = 90;
        long.agenda = Agenda::parse("Three options | Churn analysis | Two to test");
        plan.add(long);
        let b = brief(&plan, w48(), at(23, 8));
        let md = b.to_markdown();
        assert!(
            md.contains("### Explore pricing (Fri 27 Nov, 90 min)"),
            "{md}"
        );
        assert!(!md.contains("timebox"), "{md}");
        let timebox = ItemReport::new(&plan.items[0], at(23, 8), &plan.settings)
            .recommendation
            .timebox_minutes
            .unwrap();
        assert_eq!(
            b.notices,
            [format!(
                "#1 Explore pricing runs 90 min, over its {timebox}-minute timebox."
            )]
        );
    }

    #[test]
    fn a_past_pre_read_reads_as_overdue() {
        let mut plan = Plan::default();
        let mut go = item("Go/no-go on the cut-over", Intent::Decision, Day::Wed);
        go.agenda = Agenda::parse("Cut over or wait | Runbook | A go or a no-go");
        plan.add(go);
        let mut ask = item("Which regions?", Intent::Question, Day::Mon);
        ask.medium = ChosenMedium::Async;
        plan.add(ask);

        let before = brief(&plan, w48(), at(23, 8)).to_markdown();
        assert!(
            before.contains("- Pre-read: Runbook (out by Tue 24 Nov 09:00)"),
            "{before}"
        );
        assert!(before.contains("Which regions?, by Mon 23 Nov"), "{before}");

        let b = brief(&plan, w48(), at(24, 10));
        let after = b.to_markdown();
        assert!(
            after.contains("- Pre-read: Runbook (overdue since Tue 24 Nov 09:00)"),
            "{after}"
        );
        assert!(!after.contains("out by"), "{after}");
        assert!(
            after.contains("Which regions?, overdue since Mon 23 Nov"),
            "{after}"
        );
        assert!(b.syncs[0].pre_read_overdue);
        assert_eq!(
            b.notices,
            [
                "#1 Go/no-go on the cut-over: the pre-read was due out by Tue 24 Nov 09:00 and is overdue."
            ]
        );
    }

    #[test]
    fn notes_go_in_on_one_line_and_escaped() {
        let mut plan = Plan::default();
        let mut status = item("Importer shipped", Intent::Status, Day::Mon);
        status.notes = "Behind a flag\n# for now, see [doc](http://x)".into();
        plan.add(status);
        let md = brief(&plan, w48(), at(23, 8)).to_markdown();
        assert!(
            md.contains(
                "- Importer shipped — Behind a flag \\# for now, see \\[doc\\](http\\://x)\n"
            ),
            "{md}"
        );
    }

    #[test]
    fn a_crisis_has_no_pre_read_deadline() {
        let mut plan = Plan::default();
        let mut crisis = item("Checkout is down", Intent::Crisis, Day::Mon);
        crisis.minutes = 120;
        crisis.agenda.problem = "Payments fail".into();
        plan.add(crisis);
        let b = brief(&plan, w48(), at(23, 10));
        let md = b.to_markdown();
        assert!(
            md.contains("### Checkout is down (Mon 23 Nov, 120 min)\n\n- Problem: Payments fail\n"),
            "{md}"
        );
        assert!(!md.contains("Pre-read") && !md.contains("outcome"), "{md}");
        assert!(b.notices.is_empty(), "{:?}", b.notices);
    }

    #[test]
    fn the_summary_counts_what_the_header_counts() {
        let plan = Plan {
            items: demo_week(w48(), Utc::now()),
            ..Plan::default()
        };
        let b = brief(&plan, w48(), at(23, 8));
        let header = crate::core::counts::week_counts(&plan, w48());
        assert_eq!(b.counts, header.shared);
        let total = header.shared_total();
        assert!(
            b.summary.starts_with(&format!(
                "{total} items this week: {} in writing",
                header.shared.r#async
            )),
            "{}",
            b.summary
        );
    }
}
