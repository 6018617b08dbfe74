//! Auditing one week of a large export: about 1.6 MB, 5,000 events, 170 of them
//! recurring (target: under 100 ms for parse and audit together).

use std::fmt::Write;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use syncwise::core::Settings;
use syncwise::core::audit;
use syncwise::core::week::IsoWeek;
use syncwise::ics;

const EVENTS: usize = 5_000;
const RECURRING: usize = 170;

const VTIMEZONES: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nX-LIC-LOCATION:Europe/Berlin\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16011028T030000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010325T020000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\nBEGIN:VTIMEZONE\r\nTZID:Customized Time Zone\r\nBEGIN:STANDARD\r\nDTSTART:16011104T020000\r\nRRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010311T020000\r\nRRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n";

const TITLES: [&str; 12] = [
    "Sync",
    "Design review",
    "Quarterly planning",
    "1:1",
    "Incident retro",
    "Weekly status",
    "Customer call: renewal terms",
    "Hiring debrief",
    "Architecture deep dive",
    "Quick chat",
    "Roadmap review",
    "Budget go/no-go",
];

const ZONES: [&str; 5] = [
    ";TZID=Europe/Berlin",
    ";TZID=\"W. Europe Standard Time\"",
    ";TZID=America/New_York",
    ";TZID=Customized Time Zone",
    "",
];

/// A deterministic export shaped like a busy Google/Outlook calendar of three years,
/// about 320 bytes an event.
fn export() -> String {
    let mut rng = fastrand::Rng::with_seed(0x5eed);
    let mut out = String::with_capacity(1_700_000);
    out.push_str("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//syncwise//bench//EN\r\n");
    out.push_str(VTIMEZONES);
    let first = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    let every = EVENTS / RECURRING;
    for i in 0..EVENTS {
        let recurring = i % every == 0 && i / every < RECURRING;
        let day = first + chrono::Duration::days(rng.i64(0..1_095));
        let hour = rng.u32(7..18);
        let minute = [0, 15, 30, 45][rng.usize(0..4)];
        let length = [15, 25, 30, 45, 60, 90, 120][rng.usize(0..7)];
        let zone = ZONES[rng.usize(0..ZONES.len())];
        let stamp = format!("{}T{hour:02}{minute:02}00", day.format("%Y%m%d"));
        let utc_suffix = if zone.is_empty() { "Z" } else { "" };
        let _ = write!(
            out,
            "BEGIN:VEVENT\r\nUID:{:016x}@example.com\r\nDTSTAMP:20260301T120000Z\r\nSUMMARY:{}\r\nDTSTART{zone}:{stamp}{utc_suffix}\r\nDURATION:PT{length}M\r\n",
            rng.u64(..),
            TITLES[rng.usize(0..TITLES.len())],
        );
        if recurring {
            let rule = match rng.u8(0..5) {
                0 => "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR".to_string(),
                1 => "FREQ=WEEKLY;BYDAY=TU".to_string(),
                2 => format!("FREQ=WEEKLY;INTERVAL=2;COUNT={}", rng.u32(10..200)),
                3 => "FREQ=MONTHLY;BYDAY=2TH".to_string(),
                _ => "FREQ=WEEKLY;UNTIL=20261231T230000Z;BYDAY=MO,WE".to_string(),
            };
            let _ = write!(
                out,
                "RRULE:{rule}\r\nEXDATE{zone}:{}T{hour:02}{minute:02}00{utc_suffix}\r\n",
                (day + chrono::Duration::days(7)).format("%Y%m%d")
            );
        }
        if rng.bool() {
            out.push_str("DESCRIPTION:");
            for w in 0..rng.usize(2..9) {
                if w > 0 {
                    out.push(' ');
                }
                out.push_str(
                    [
                        "review", "the", "plan", "decide", "owner", "risk", "metric", "launch",
                    ][rng.usize(0..8)],
                );
            }
            out.push_str("\r\n");
        }
        out.push_str("ORGANIZER;CN=Lena Vogel:mailto:lena@example.com\r\n");
        for a in 0..rng.usize(0..4) {
            let _ = write!(
                out,
                "ATTENDEE;CN=Person {a};PARTSTAT=ACCEPTED:mailto:p{a}@example.com\r\n"
            );
        }
        out.push_str("END:VEVENT\r\n");
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

fn bench(c: &mut Criterion) {
    let text = export();
    // `SYNCWISE_BENCH_EXPORT=path` writes the export out, to time the same audit with
    // other readers (`benches/ics_rie.py`).
    if let Some(path) = std::env::var_os("SYNCWISE_BENCH_EXPORT")
        && let Err(e) = std::fs::write(&path, &text)
    {
        eprintln!("ics bench: cannot write the export: {e}");
    }
    let week: IsoWeek = "2026-W13"
        .parse()
        .unwrap_or_else(|_| IsoWeek::containing(chrono::NaiveDate::MIN));
    let calendar = ics::parse(&text).ok();
    let settings = Settings::default();
    let audited = audit::audit_week(&text, week, "Europe/Berlin", &settings).ok();
    eprintln!(
        "ics bench: {} bytes, {} events, {} series; {} meetings in {}, {} skipped",
        text.len(),
        calendar.as_ref().map_or(0, |c| c.event_count()),
        calendar.as_ref().map_or(0, |c| c.series_count()),
        audited.as_ref().map_or(0, |a| a.meetings.len()),
        week,
        audited.as_ref().map_or(0, |a| a.skipped.len()),
    );
    c.bench_function(
        "ics: parse and audit one week (1.6 MB, 5,000 events)",
        |b| b.iter(|| audit::audit_week(black_box(&text), week, "Europe/Berlin", &settings)),
    );
    if let (Some(calendar), Ok(tz)) = (calendar, ics::user_zone("Europe/Berlin")) {
        c.bench_function("ics: audit one week of a parsed calendar", |b| {
            b.iter(|| audit::audit(black_box(&calendar), week, tz, &settings))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
