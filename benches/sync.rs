//! Syncing four weeks from a real Radicale calendar of 5,000 events: the first sync (a
//! PROPFIND, a time-bounded REPORT, reading and storing), the fetch and the read apart,
//! and an unchanged sync (one PROPFIND). Run with `cargo bench --bench sync`; it needs
//! python3 with pip (Radicale is installed as the tests install it) and talks to
//! 127.0.0.1 only.

#[path = "../tests/common/mod.rs"]
mod common;

use common::radicale;

use std::time::{Duration, Instant};

use chrono::{NaiveDate, TimeZone, Utc};
use syncwise::core::subscription::{Subscription, SubscriptionKind};
use syncwise::core::week::IsoWeek;
use syncwise::net::sync::{SyncRequest, sync};
use syncwise::store::Store;

const EVENTS: usize = 5_000;
const RUNS: usize = 7;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let server = radicale::Radicale::start();
    // 5,000 events over a year from June 2026, ten a working day, two attendees each;
    // written into the collection's folder, as Radicale stores them.
    let folder = server.collection_dir();
    let first_day = NaiveDate::from_ymd_opt(2026, 6, 1).expect("a date");
    let mut written = 0;
    let mut day = first_day;
    while written < EVENTS {
        if day.format("%u").to_string().parse::<u32>().unwrap_or(1) <= 5 {
            for slot in 0..10 {
                if written == EVENTS {
                    break;
                }
                let start = day.and_hms_opt(8 + slot, 0, 0).expect("a time");
                let stamp = |t: chrono::NaiveDateTime| t.format("%Y%m%dT%H%M%SZ").to_string();
                let ics = format!(
                    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nBEGIN:VEVENT\r\nUID:ev-{written}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:{}\r\nDTEND:{}\r\nSUMMARY:Meeting {written}\r\nORGANIZER:mailto:boss@example.com\r\nATTENDEE:mailto:boss@example.com\r\nATTENDEE:mailto:me@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                    stamp(start),
                    stamp(start + chrono::Duration::minutes(30))
                );
                std::fs::write(folder.join(format!("ev-{written}.ics")), ics)
                    .expect("item written");
                written += 1;
            }
        }
        day = day.succ_opt().expect("a next day");
    }

    let dir = tempfile::tempdir().expect("a temp dir");
    let store = Store::at(dir.path());
    let mut sub = Subscription::new("Bench", &server.calendar_url(), SubscriptionKind::Caldav);
    sub.user = Some(radicale::USER.to_string());
    sub.password_cmd = Some(format!("echo {}", radicale::PASSWORD));
    store
        .update(|plan| {
            plan.calendars.push(sub);
            Ok::<_, syncwise::store::StoreError>(())
        })
        .expect("the store is written");
    let first: IsoWeek = "2026-W48".parse().expect("a week");
    let ask = SyncRequest {
        only: None,
        first,
        weeks: 4,
        zone: chrono_tz::UTC,
        now: Utc
            .with_ymd_and_hms(2026, 11, 25, 8, 0, 0)
            .single()
            .expect("a time"),
    };

    // Radicale's own first listing of the folder (it builds its cache) is not counted.
    // Radicale parses every item on its first listing and caches the result; that can
    // take longer than a sync waits, so the warm-up tries again until the cache is built.
    let t = Instant::now();
    let mut warm = sync(&store, &ask).expect("the sync runs");
    for _ in 0..20 {
        if warm[0].status == "synced" {
            break;
        }
        warm = sync(&store, &ask).expect("the sync runs");
    }
    assert_eq!(warm[0].status, "synced", "{warm:?}");
    println!(
        "Radicale's first listing (it builds its item cache): {:?}",
        t.elapsed()
    );
    let meetings = warm[0].meetings;

    let forget = || {
        store
            .update(|plan| {
                plan.calendars[0].sync_token = None;
                Ok::<_, syncwise::store::StoreError>(())
            })
            .expect("the store is written");
    };
    let mut full = Vec::new();
    for _ in 0..RUNS {
        forget();
        let t = Instant::now();
        let out = sync(&store, &ask).expect("the sync runs");
        full.push(t.elapsed());
        assert_eq!(out[0].status, "synced");
    }
    let mut unchanged = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let out = sync(&store, &ask).expect("the sync runs");
        unchanged.push(t.elapsed());
        assert_eq!(out[0].status, "unchanged");
    }
    // The fetch alone, and the reading alone, of the same four weeks.
    let target = syncwise::net::Target::parse(&server.calendar_url(), false)
        .expect("an address")
        .with_login(radicale::USER, radicale::PASSWORD);
    let from = Utc
        .with_ymd_and_hms(2026, 11, 22, 0, 0, 0)
        .single()
        .expect("a time");
    let to = Utc
        .with_ymd_and_hms(2026, 12, 29, 0, 0, 0)
        .single()
        .expect("a time");
    let mut fetches = Vec::new();
    let mut bytes = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        match syncwise::net::caldav::calendar(&target, None, from, to).expect("fetched") {
            syncwise::net::Fetched::Calendar { ics, .. } => bytes = ics,
            syncwise::net::Fetched::Unchanged => unreachable!("no token was given"),
        }
        fetches.push(t.elapsed());
    }
    let settings = syncwise::core::Settings::default();
    let mut reads = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let calendar = syncwise::ics::parse_bytes(&bytes).expect("a calendar");
        let import = syncwise::core::ops::read_import(
            &calendar,
            &settings,
            first,
            4,
            chrono_tz::UTC,
            Some("Bench"),
        );
        reads.push(t.elapsed());
        assert_eq!(import.meetings.len(), meetings);
    }
    let compared = vdirsyncer(&server, dir.path());
    println!(
        "Radicale {} · {EVENTS} events · 4 weeks synced ({meetings} meetings, {} KiB of calendar data)",
        radicale::VERSION,
        bytes.len() / 1024
    );
    println!(
        "first sync (PROPFIND + REPORT + read + store): median {:?} of {RUNS}",
        median(full)
    );
    println!(
        "  the fetch alone (PROPFIND + REPORT):           median {:?}",
        median(fetches)
    );
    println!(
        "  reading the four weeks (parse + read_import): median {:?}",
        median(reads)
    );
    println!(
        "unchanged sync (one PROPFIND):                   median {:?} of {RUNS}",
        median(unchanged)
    );
    match compared {
        Ok((first, unchanged)) => {
            println!("vdirsyncer, same server and weeks, to a local folder:");
            println!("  first sync:     median {first:?} of {VDIR_RUNS}");
            println!("  unchanged sync: median {unchanged:?} of {VDIR_RUNS}");
        }
        Err(why) => println!("vdirsyncer side by side: not measured ({why})"),
    }
}

const VDIR_RUNS: usize = 3;

/// vdirsyncer (PyPI), installed beside Radicale, syncing the same four weeks of the same
/// collection to a local folder: medians of a first sync and of an unchanged one.
fn vdirsyncer(
    server: &radicale::Radicale,
    dir: &std::path::Path,
) -> Result<(Duration, Duration), String> {
    use std::process::{Command, Stdio};
    let target = common::python::package("vdirsyncer", "vdirsyncer==0.21.0");
    let base = dir.join("vdirsyncer");
    let config = base.join("config");
    let run = |args: &[&str]| -> Result<Duration, String> {
        let t = Instant::now();
        let out = Command::new("python3")
            .args(["-m", "vdirsyncer", "-c"])
            .arg(&config)
            .args(args)
            .env("PYTHONPATH", &target)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(format!(
                "vdirsyncer {args:?} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(t.elapsed())
    };
    let mut first = Vec::new();
    let mut unchanged = Vec::new();
    for _ in 0..VDIR_RUNS {
        let _ = std::fs::remove_dir_all(&base);
        std::fs::create_dir_all(base.join("local")).map_err(|e| e.to_string())?;
        std::fs::write(
            &config,
            format!(
                "[general]\nstatus_path = \"{status}\"\n\n[pair bench]\na = \"bench_local\"\nb = \"bench_remote\"\ncollections = null\n\n[storage bench_local]\ntype = \"filesystem\"\npath = \"{local}\"\nfileext = \".ics\"\n\n[storage bench_remote]\ntype = \"caldav\"\nurl = \"{url}\"\nusername = \"{user}\"\npassword = \"{password}\"\nstart_date = \"datetime(2026, 11, 22)\"\nend_date = \"datetime(2026, 12, 29)\"\n",
                status = base.join("status").display(),
                local = base.join("local").display(),
                url = server.calendar_url(),
                user = radicale::USER,
                password = radicale::PASSWORD,
            ),
        )
        .map_err(|e| e.to_string())?;
        run(&["discover"])?;
        first.push(run(&["sync"])?);
        unchanged.push(run(&["sync"])?);
    }
    let items = std::fs::read_dir(base.join("local")).map_or(0, |d| d.count());
    println!("vdirsyncer stored {items} items");
    Ok((median(first), median(unchanged)))
}
