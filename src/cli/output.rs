//! How the CLI prints: JSON for machines, and plain aligned text for people.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::core::ChosenMedium;
use crate::core::budget::Budget;
use crate::core::report::ItemReport;
use crate::core::sanitize::sanitize;
use crate::core::week::IsoWeek;

/// Writes a value as JSON on one line, every control and bidi character escaped.
pub fn json(out: &mut impl Write, value: &impl Serialize) -> Result<()> {
    to_json(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// JSON as serde writes it, but with C1 controls, DEL and bidi controls escaped as `\uXXXX`
/// too (serde escapes only C0): the same value for a program, nothing that drives a
/// terminal for a person.
fn to_json(out: &mut impl Write, value: &impl Serialize) -> Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, TerminalSafe);
    value.serialize(&mut serializer)?;
    Ok(())
}

/// A compact JSON formatter that escapes what [`sanitize`] would remove.
struct TerminalSafe;

impl serde_json::ser::Formatter for TerminalSafe {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        // serde escapes C0 itself; everything left to escape is DEL or starts with a byte
        // of 0x80 or more in UTF-8, so plain ASCII text goes out whole after one scan.
        if !has_byte_from_del(fragment.as_bytes()) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
                writer.write_all(&fragment.as_bytes()[start..at])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// Whether any byte is DEL (0x7f) or above, eight bytes at a time: a byte `b` has its high
/// bit set in `b | (b + 1)` exactly when `b >= 0x7f` (a carry out of a byte happens only
/// from 0xff, which is already counted). JSON output of a large listing is mostly short
/// ASCII strings, where this costs a fraction of a per-character loop or a SIMD search's
/// setup (measured with callgrind on `list --all --json`).
fn has_byte_from_del(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut words = bytes.chunks_exact(8);
    for chunk in &mut words {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_ne_bytes(word);
        if (w | w.wrapping_add(ONES)) & HIGH != 0 {
            return true;
        }
    }
    words.remainder().iter().any(|&b| b >= 0x7f)
}

/// Writes the reports of many items as one JSON array, the same bytes [`json`] writes for
/// them, encoding each report as it goes rather than collecting them first.
pub fn json_reports(
    out: &mut impl Write,
    items: &[&crate::core::Item],
    now: chrono::NaiveDateTime,
    settings: &crate::core::Settings,
) -> Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    out.write_all(b"[")?;
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            out.write_all(b",")?;
        }
        to_json(&mut out, &ItemReport::new(item, now, settings))?;
    }
    out.write_all(b"]\n")?;
    out.flush()?;
    Ok(())
}

/// Cuts `text` to `width` columns (ending in `…` when cut) and pads it to exactly `width`,
/// grapheme by grapheme as `core::text` renders it.
pub fn fit(text: &str, width: usize) -> String {
    crate::core::text::fit(text, width)
}

fn warning_codes(report: &ItemReport) -> String {
    report
        .recommendation
        .warnings
        .iter()
        .map(|w| w.code.id())
        .collect::<Vec<_>>()
        .join(",")
}

/// The medium label of a row: the effective medium, with `*` when it overrides the recommendation.
fn medium_label(report: &ItemReport) -> String {
    let mark = if report.differs_from_recommendation() {
        "*"
    } else {
        ""
    };
    format!("{}{mark}", report.effective_medium.short())
}

/// The mark of a private item in a table.
pub const PRIVATE_MARK: &str = "⊘";

/// The title, after `⊘` when the item is private and `↻` when it was carried over from an
/// earlier week.
fn title_with_mark(item: &crate::core::Item) -> String {
    let mut title = String::new();
    if item.private {
        title.push_str(PRIVATE_MARK);
        title.push(' ');
    }
    if item.carried_from.is_some() {
        title.push_str("↻ ");
    }
    title.push_str(&item.title);
    title
}

/// A table of items, under a week heading when one is given.
pub fn item_table(
    out: &mut impl Write,
    reports: &[ItemReport],
    week: Option<IsoWeek>,
) -> Result<()> {
    if let Some(week) = week {
        let count = counted(reports.len(), "item");
        writeln!(out, "{week} · {} · {count}", week.span_label())?;
    }
    if reports.is_empty() {
        writeln!(
            out,
            "Nothing planned. Add one: syncwise add \"Weekly status\" --intent status"
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "{:>4}  {:<8} {:<11} {:<4} {:>3}  {:<10} {:<6} {:<7} {}  WARNINGS",
        "ID",
        "WEEK",
        "MEDIUM",
        "DAY",
        "MIN",
        "INTENT",
        "HEAT",
        "STATUS",
        fit("TITLE", 36),
    )?;
    for r in reports {
        let i = r.item;
        writeln!(
            out,
            "{:>4}  {:<8} {:<11} {:<4} {:>3}  {:<10} {:<6} {:<7} {}  {}",
            i.id,
            i.week,
            medium_label(r),
            i.day,
            i.minutes,
            i.intent,
            i.heat,
            i.status,
            fit(&title_with_mark(i), 36),
            warning_codes(r)
        )?;
    }
    if reports.iter().any(|r| r.item.private) {
        writeln!(
            out,
            "{PRIVATE_MARK} private: for your eyes only, never in the brief or exported invites"
        )?;
    }
    if reports.iter().any(|r| r.item.carried_from.is_some()) {
        writeln!(out, "↻ carried over from an earlier week")?;
    }
    if reports.iter().any(|r| r.differs_from_recommendation()) {
        writeln!(
            out,
            "* chosen medium differs from the recommendation (`syncwise show ID` says why)"
        )?;
    }
    Ok(())
}

/// A few lines after a change: what the item is now and what the engine says.
pub fn item_summary(out: &mut impl Write, report: &ItemReport, verb: &str) -> Result<()> {
    let i = report.item;
    let id = if i.id == 0 {
        String::new()
    } else {
        format!(" #{}", i.id)
    };
    let private = if i.private { ", private" } else { "" };
    writeln!(
        out,
        "{verb}{id}: {} ({} {}{private})",
        sanitize(&i.title),
        i.week,
        i.day
    )?;
    recommendation(out, report)
}

fn recommendation(out: &mut impl Write, report: &ItemReport) -> Result<()> {
    let rec = &report.recommendation;
    let timebox = match rec.timebox_minutes {
        Some(m) => format!(", timebox {m} min"),
        None if rec.medium.has_sync() => ", no timebox".to_string(),
        None => String::new(),
    };
    writeln!(out, "  recommended: {}{timebox}", rec.medium)?;
    if report.item.medium != ChosenMedium::Auto && report.differs_from_recommendation() {
        // An item not saved (`recommend`) has no id to set.
        let follow = match report.item.id {
            0 => "leave out --medium to follow the recommendation".to_string(),
            id => format!("`syncwise set {id} --medium auto` follows the recommendation"),
        };
        writeln!(out, "  chosen: {} (differs; {follow})", report.item.medium)?;
    }
    // The first reason may quote the title's words.
    for reason in &rec.reasons {
        writeln!(out, "  - {}", sanitize(&reason.to_string()))?;
    }
    for w in &rec.warnings {
        writeln!(out, "  ! {}: {}", w.code, w.message)?;
    }
    Ok(())
}

/// Everything about one item.
pub fn item_detail(out: &mut impl Write, report: &ItemReport) -> Result<()> {
    let i = report.item;
    let mark = if i.private {
        format!("{PRIVATE_MARK} ")
    } else {
        String::new()
    };
    writeln!(out, "#{} {mark}{}", i.id, sanitize(&i.title))?;
    let mut field = |name: &str, value: String| writeln!(out, "  {name:<10}{value}");
    field("with", sanitize(&i.with))?;
    field(
        "week",
        format!(
            "{} {} ({})",
            i.week,
            i.day,
            i.week.date(i.day).format("%a %-d %b")
        ),
    )?;
    if let Some(at) = i.at {
        let how = if i.at_pinned {
            "pinned"
        } else {
            "from schedule"
        };
        field(
            "starts",
            format!("{} ({how})", crate::core::slot::format_time(at)),
        )?;
    }
    let read = if i.inferred.is_some() {
        ", read from the title"
    } else {
        ""
    };
    field(
        "intent",
        format!("{} ({}){read}", i.intent, i.intent.meaning()),
    )?;
    field("heat", i.heat.to_string())?;
    field(
        "medium",
        format!("{} → {}", i.medium, report.effective_medium),
    )?;
    field("minutes", i.minutes.to_string())?;
    field("status", i.status.to_string())?;
    field("exchanges", i.exchanges.to_string())?;
    field(
        "shared",
        if i.private {
            "no: private, never in the brief or exported invites".to_string()
        } else {
            "yes".to_string()
        },
    )?;
    if let Some(from) = i.carried_from {
        field("carried", format!("from {from}"))?;
    }
    field("problem", sanitize(&i.agenda.problem))?;
    field("pre-read", sanitize(&i.agenda.pre_read))?;
    field("outcome", sanitize(&i.agenda.outcome))?;
    field("notes", sanitize(&i.notes))?;
    recommendation(out, report)
}

/// The week's sync time against the budget, with a bar per day.
pub fn budget(out: &mut impl Write, b: &Budget) -> Result<()> {
    writeln!(out, "{} · {}", b.week, b.week.span_label())?;
    writeln!(
        out,
        "sync time: {} of {} min ({:.0}%) · {} · {} min left",
        b.sync_minutes,
        b.budget_minutes,
        b.share * 100.0,
        b.zone,
        b.minutes_left()
    )?;
    if b.meeting_minutes > 0 {
        writeln!(
            out,
            "  {} min of it are calendar meetings (`syncwise audit` shows which could be written)",
            b.meeting_minutes
        )?;
    }
    let scale = b.red_line_minutes.max(1) as usize;
    for d in &b.per_day {
        let bar = "█".repeat((d.minutes as usize * 20).div_ceil(scale).min(40));
        let flag = if d.over_red_line {
            format!("  over the {}-min red line", b.red_line_minutes)
        } else {
            String::new()
        };
        writeln!(out, "  {} {:>4} min {bar}{flag}", d.day, d.minutes)?;
    }
    Ok(())
}

pub use crate::core::plural::counted;

/// A week of calendar meetings with their flags.
pub fn audit(out: &mut impl Write, audit: &crate::core::audit::WeekAudit) -> Result<()> {
    writeln!(
        out,
        "{} · {} · {} · {} min",
        audit.week,
        audit.tz,
        counted(audit.meetings.len(), "meeting"),
        audit.total_minutes
    )?;
    for audited in &audit.meetings {
        let m = &audited.occurrence;
        let flags = audited
            .flags
            .iter()
            .map(|f| f.code.id())
            .collect::<Vec<_>>()
            .join(",");
        writeln!(
            out,
            "  {} {:>4} min {:>3} ppl  {}  {}",
            m.start.format("%a %H:%M"),
            m.minutes,
            m.attendees,
            fit(&m.title, 40),
            flags
        )?;
    }
    let mut codes: Vec<_> = audit.meetings.iter().flat_map(|m| m.flags.iter()).collect();
    codes.sort_by_key(|f| f.code);
    codes.dedup_by_key(|f| f.code);
    for flag in codes {
        writeln!(out, "  ! {}: {}", flag.code.id(), flag.message)?;
    }
    for s in &audit.skipped {
        writeln!(
            out,
            "  skipped {}: {}",
            sanitize(&s.what),
            sanitize(&s.reason)
        )?;
    }
    Ok(())
}

/// The last weeks side by side.
pub fn review(out: &mut impl Write, weeks: &[crate::core::review::WeekReview]) -> Result<()> {
    writeln!(
        out,
        "{:<8}  {:>5} {:>6}  {:<5}  {:>5}  {:>5} {:>4} {:>10}  {:>8}  {:>7}",
        "WEEK",
        "SYNC",
        "BUDGET",
        "ZONE",
        "ITEMS",
        "ASYNC",
        "SYNC",
        "BRIEF+SYNC",
        "WARNINGS",
        "FOLLOWS"
    )?;
    for w in weeks {
        let follows = w
            .follows_recommendation
            .map_or_else(|| "-".to_string(), |s| format!("{:.0}%", s * 100.0));
        writeln!(
            out,
            "{:<8}  {:>5} {:>6}  {:<5}  {:>5}  {:>5} {:>4} {:>10}  {:>8}  {:>7}",
            w.week,
            w.budget.sync_minutes,
            w.budget.budget_minutes,
            w.budget.zone,
            w.items,
            w.by_medium.r#async,
            w.by_medium.sync,
            w.by_medium.brief_then_sync,
            w.unresolved_warnings,
            follows
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn json_reports_match_serde_for_any_count() {
        let week: crate::core::week::IsoWeek = "2026-W48".parse().unwrap();
        let now = week.monday().and_hms_opt(8, 0, 0).unwrap();
        let settings = crate::core::Settings::default();
        for count in [0, 1, 7, 600, 1_301] {
            let items = crate::core::demo::synthetic(count, 3, week, chrono::Utc::now());
            let refs: Vec<&crate::core::Item> = items.iter().collect();
            let mut parallel = Vec::new();
            super::json_reports(&mut parallel, &refs, now, &settings).unwrap();
            let reports: Vec<_> = refs
                .iter()
                .map(|i| crate::core::report::ItemReport::new(i, now, &settings))
                .collect();
            let mut plain = Vec::new();
            super::json(&mut plain, &reports).unwrap();
            assert_eq!(
                String::from_utf8(parallel).unwrap(),
                String::from_utf8(plain).unwrap(),
                "{count}"
            );
        }
    }

    #[test]
    fn the_quick_scan_finds_del_and_every_non_ascii_byte_anywhere() {
        for len in 0..20 {
            let plain = "a~ Z0\u{7e}".repeat(4);
            let plain = &plain[..len.min(plain.len())];
            assert!(!super::has_byte_from_del(plain.as_bytes()), "{plain:?}");
            for at in 0..=plain.len() {
                for odd in [0x7fu8, 0x80, 0xc2, 0xe2, 0xff] {
                    let mut bytes = plain.as_bytes().to_vec();
                    bytes.insert(at, odd);
                    assert!(super::has_byte_from_del(&bytes), "{bytes:?}");
                }
            }
        }
    }

    #[test]
    fn fit_cuts_and_pads_by_display_width() {
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("日本語テキスト", 6), "日本… ");
        assert_eq!(fit("a\u{1b}[2Jb", 3), "ab ");
        // An emoji family is its first emoji, so the next column stays in place.
        assert_eq!(
            fit("\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}x", 4),
            "\u{1f468}x "
        );
        assert_eq!(fit("a\u{200b}b", 3), "ab ");
    }
}
