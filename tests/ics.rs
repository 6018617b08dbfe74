//! Calendar import: fixtures that reproduce real exports (Google Calendar, Outlook,
//! Apple Calendar, Thunderbird, Nextcloud), each checked against occurrences computed by
//! hand; DST weeks in Europe/Berlin and America/New_York; overrides; UNTIL in UTC;
//! unknown zones; malformed input; re-import keys; and property tests that nothing
//! panics.

use std::collections::BTreeSet;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use syncwise::core::Settings;
use syncwise::core::audit::{self, AuditedMeeting as Meeting, FlagCode, WeekAudit};
use syncwise::core::week::IsoWeek;
use syncwise::ics::{self, IcsError, Limits};

/// The settings every audit here is judged by: the defaults (a 15-minute timebox).
static DEFAULTS: LazyLock<Settings> = LazyLock::new(Settings::default);

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/ics/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn week(w: &str) -> IsoWeek {
    w.parse().unwrap()
}

fn audit(name: &str, w: &str, tz: &str) -> WeekAudit {
    audit::audit_week(&fixture(name), week(w), tz, &*DEFAULTS).unwrap()
}

/// `start minutes title` per meeting, in order.
fn rows(a: &WeekAudit) -> Vec<String> {
    a.meetings
        .iter()
        .map(|m| {
            format!(
                "{} {} {}",
                m.occurrence.start.to_rfc3339(),
                m.occurrence.minutes,
                m.occurrence.title
            )
        })
        .collect()
}

fn codes(m: &Meeting) -> Vec<&'static str> {
    m.flags.iter().map(|f| f.code.id()).collect()
}

fn find<'a>(a: &'a WeekAudit, title: &str, start: &str) -> &'a Meeting {
    a.meetings
        .iter()
        .find(|m| m.occurrence.title == title && m.occurrence.start.to_rfc3339() == start)
        .unwrap_or_else(|| panic!("no '{title}' at {start} in {:#?}", rows(a)))
}

fn skipped_has(a: &WeekAudit, what: &str, reason: &str) -> bool {
    a.skipped
        .iter()
        .any(|s| s.what.contains(what) && s.reason.contains(reason))
}

// ---------------------------------------------------------------- client exports

#[test]
fn google_calendar_week_with_exdate_override_and_meet_block() {
    let a = audit("google.ics", "2026-W13", "Europe/Berlin");
    assert_eq!(
        rows(&a),
        [
            "2026-03-23T09:30:00+01:00 15 Team standup",
            // Tuesday 24: EXDATE. The cancelled "Budget review" is not there either.
            "2026-03-25T09:30:00+01:00 15 Team standup",
            "2026-03-25T14:00:00+01:00 30 1:1 Anna",
            "2026-03-25T15:00:00+01:00 30 Sync",
            // Thursday's standup moved to 11:00 by an override with SEQUENCE 1.
            "2026-03-26T11:00:00+01:00 15 Team standup",
            "2026-03-26T13:00:00+01:00 120 Quarterly planning",
            "2026-03-27T09:30:00+01:00 15 Team standup",
        ]
    );
    assert_eq!(a.total_minutes, 15 * 4 + 30 + 30 + 120);
    assert_eq!(a.tz, "Europe/Berlin");

    let standup = find(&a, "Team standup", "2026-03-23T09:30:00+01:00");
    assert_eq!(codes(standup), ["status-meeting", "no-end-date"]);
    assert_eq!(
        standup.occurrence.attendees, 5,
        "organizer listed as attendee counts once"
    );
    assert!(standup.occurrence.recurring);
    let moved = find(&a, "Team standup", "2026-03-26T11:00:00+01:00");
    assert_eq!(
        moved.occurrence.attendees, 5,
        "the override inherits the series' people"
    );
    assert_eq!(
        moved.key().occurrence.to_rfc3339(),
        "2026-03-26T08:30:00+00:00"
    );

    // Only a Meet join block as description, and a bare title: one warning, the vague
    // agenda (no word says what it is for, so no timebox is assumed shorter than any).
    let sync = find(&a, "Sync", "2026-03-25T15:00:00+01:00");
    assert_eq!(codes(sync), ["vague-agenda"]);
    assert!(!sync.occurrence.recurring);

    // 8 people: a decline and a room do not count; the organizer is listed once.
    let planning = find(&a, "Quarterly planning", "2026-03-26T13:00:00+01:00");
    assert_eq!(planning.occurrence.attendees, 8);
    assert_eq!(
        codes(planning),
        ["over-timebox", "long-meeting", "large-meeting"]
    );
    // A 30-minute 1:1 is a rapport conversation, within its timebox.
    let one_on_one = find(&a, "1:1 Anna", "2026-03-25T14:00:00+01:00");
    assert_eq!(one_on_one.inferred.intent, syncwise::core::Intent::Rapport);
    assert!(codes(one_on_one).is_empty());

    // The all-day offsite is reported, not counted.
    assert!(skipped_has(&a, "Company offsite", "all-day"));
    assert_eq!(a.skipped.len(), 1, "{:#?}", a.skipped);

    // The week after the DST change: the standup stays at 09:30 local time.
    let next = audit("google.ics", "2026-W14", "Europe/Berlin");
    assert_eq!(next.meetings.len(), 5);
    assert!(
        next.meetings
            .iter()
            .all(|m| m.occurrence.start.to_rfc3339().ends_with("T09:30:00+02:00"))
    );
}

#[test]
fn a_calendar_says_its_name_when_the_file_gives_one() {
    let google = ics::parse(&fixture("google.ics")).unwrap();
    assert_eq!(google.name(), Some("lena@example.com"));
    let apple = ics::parse(&fixture("apple.ics")).unwrap();
    assert_eq!(apple.name(), Some("Work"));
    let unnamed = ics::parse(&series("a", "20261123T090000", "FREQ=DAILY;COUNT=2")).unwrap();
    assert_eq!(unnamed.name(), None);
    // Several calendars in one file have one name only when they agree on it.
    let two = |a: &str, b: &str| {
        let calendar = |name: &str| {
            format!(
                "BEGIN:VCALENDAR\r\nX-WR-CALNAME:{name}\r\n{}END:VCALENDAR\r\n",
                series(name, "20261123T090000", "FREQ=DAILY;COUNT=2")
            )
        };
        ics::parse(&(calendar(a) + &calendar(b)))
            .unwrap()
            .name()
            .map(str::to_string)
    };
    assert_eq!(two("Work", "Work").as_deref(), Some("Work"));
    assert_eq!(two("Work", "Personal"), None);
}

#[test]
fn google_calendar_seen_from_new_york() {
    let a = audit("google.ics", "2026-W13", "america/new_york");
    assert_eq!(a.tz, "America/New_York");
    // 09:30 CET is 08:30 UTC, 04:30 EDT (New York changed on 8 March, Berlin on 29 March).
    assert_eq!(
        a.meetings.first().map(|m| m.occurrence.start.to_rfc3339()),
        Some("2026-03-23T04:30:00-04:00".to_string())
    );
    assert_eq!(a.meetings.len(), 7);
}

#[test]
fn outlook_windows_zones_custom_zone_and_teams_boilerplate() {
    let a = audit("outlook.ics", "2026-W14", "Europe/Berlin");
    assert_eq!(
        rows(&a),
        [
            "2026-03-30T16:00:00+02:00 30 Sync",
            // Monday's occurrence moved to Tuesday by an override with SEQUENCE 2 (series 0).
            "2026-03-31T14:00:00+02:00 60 Weekly status update",
            // 10:00 in "Eastern Standard Time" (EDT) is 16:00 in Berlin (CEST).
            "2026-04-01T16:00:00+02:00 60 Roadmap review with US",
            // "Customized Time Zone": only its VTIMEZONE says it is CEST in April.
            "2026-04-02T09:00:00+02:00 15 Quick chat",
            // "India Standard Time" without a VTIMEZONE: 14:30 IST is 09:00 UTC.
            "2026-04-03T11:00:00+02:00 30 India sync-up",
        ]
    );
    assert_eq!(a.total_minutes, 195);
    assert!(a.skipped.is_empty(), "{:#?}", a.skipped);
    assert_eq!(
        codes(find(&a, "Sync", "2026-03-30T16:00:00+02:00")),
        ["vague-agenda"]
    );
    let moved = find(&a, "Weekly status update", "2026-03-31T14:00:00+02:00");
    assert_eq!(codes(moved), ["status-meeting", "over-timebox"]);
    assert_eq!(
        moved.occurrence.attendees, 2,
        "the override lists its own attendees"
    );
    assert_eq!(
        codes(find(&a, "Quick chat", "2026-04-02T09:00:00+02:00")),
        ["vague-agenda"]
    );
    assert_eq!(
        codes(find(&a, "India sync-up", "2026-04-03T11:00:00+02:00")),
        ["status-meeting", "over-timebox"]
    );

    // The series' regular occurrence: 10 people (a room is not one), large.
    let w13 = audit("outlook.ics", "2026-W13", "Europe/Berlin");
    let status = find(&w13, "Weekly status update", "2026-03-23T09:00:00+01:00");
    assert_eq!(status.occurrence.attendees, 10);
    assert_eq!(
        codes(status),
        ["status-meeting", "over-timebox", "large-meeting"]
    );
    // Before the European change, India's 09:00 UTC is 10:00 in Berlin.
    find(&w13, "India sync-up", "2026-03-27T10:00:00+01:00");

    // EXDATE as a comma list and on a second line.
    for w in ["2026-W15", "2026-W16", "2026-W17"] {
        let a = audit("outlook.ics", w, "Europe/Berlin");
        assert!(
            a.meetings
                .iter()
                .all(|m| m.occurrence.title != "Weekly status update"),
            "{w}: {:#?}",
            rows(&a)
        );
    }
    find(
        &audit("outlook.ics", "2026-W18", "Europe/Berlin"),
        "Weekly status update",
        "2026-04-27T09:00:00+02:00",
    );
    // UNTIL=20260629T070000Z is 09:00 CEST: the last occurrence is 29 June.
    find(
        &audit("outlook.ics", "2026-W27", "Europe/Berlin"),
        "Weekly status update",
        "2026-06-29T09:00:00+02:00",
    );
    assert!(
        audit("outlook.ics", "2026-W28", "Europe/Berlin")
            .meetings
            .is_empty()
    );
    // COUNT=10 from 6 March: the last Friday is 8 May.
    let w19 = audit("outlook.ics", "2026-W19", "Europe/Berlin");
    find(&w19, "India sync-up", "2026-05-08T11:00:00+02:00");
    let w20 = audit("outlook.ics", "2026-W20", "Europe/Berlin");
    assert_eq!(
        rows(&w20),
        ["2026-05-11T09:00:00+02:00 60 Weekly status update"]
    );
}

#[test]
fn apple_calendar_historic_vtimezone_monthly_and_moved_occurrence() {
    let a = audit("apple.ics", "2026-W11", "America/New_York");
    assert_eq!(
        rows(&a),
        [
            "2026-03-09T09:15:00-04:00 15 Standup",
            "2026-03-10T09:15:00-04:00 15 Standup",
            // BYDAY=2TU: the second Tuesday of March 2026 is the 10th.
            "2026-03-10T14:00:00-04:00 60 Design critique",
            "2026-03-11T09:15:00-04:00 15 Standup",
            "2026-03-11T12:00:00-04:00 60 Lunch with Sam",
            "2026-03-12T09:15:00-04:00 15 Standup",
            // UNTIL=20260313T131500Z is exactly 09:15 EDT on the 13th: included.
            "2026-03-13T09:15:00-04:00 15 Standup",
        ]
    );
    assert_eq!(a.total_minutes, 5 * 15 + 60 + 60);
    assert!(skipped_has(&a, "Rick's birthday", "all-day"));
    let critique = find(&a, "Design critique", "2026-03-10T14:00:00-04:00");
    assert_eq!(critique.occurrence.attendees, 3);
    assert_eq!(codes(critique), ["over-timebox"]);
    let standup = find(&a, "Standup", "2026-03-09T09:15:00-04:00");
    assert_eq!(codes(standup), ["status-meeting"]);
    assert_eq!(
        find(&a, "Lunch with Sam", "2026-03-11T12:00:00-04:00")
            .occurrence
            .attendees,
        0
    );

    // The week of the change: EST until Sunday, and 02:30 on Sunday does not exist.
    let w10 = audit("apple.ics", "2026-W10", "America/New_York");
    assert_eq!(
        rows(&w10),
        [
            "2026-03-02T09:15:00-05:00 15 Standup",
            "2026-03-03T09:15:00-05:00 15 Standup",
            "2026-03-04T09:15:00-05:00 15 Standup",
            "2026-03-05T09:15:00-05:00 15 Standup",
            "2026-03-06T09:15:00-05:00 15 Standup",
            // Read with the offset before the gap (EST): 07:30 UTC, 03:30 EDT.
            "2026-03-08T03:30:00-04:00 30 Early call",
        ]
    );
    // The April occurrence moved a week later, into another ISO week.
    let w16 = audit("apple.ics", "2026-W16", "America/New_York");
    assert!(w16.meetings.is_empty(), "{:#?}", rows(&w16));
    let w17 = audit("apple.ics", "2026-W17", "America/New_York");
    let moved = find(&w17, "Design critique", "2026-04-21T14:00:00-04:00");
    assert_eq!(
        moved.key().occurrence.to_rfc3339(),
        "2026-04-14T18:00:00+00:00"
    );
    assert_eq!(moved.occurrence.attendees, 2);
    assert!(
        audit("apple.ics", "2026-W12", "America/New_York")
            .meetings
            .is_empty()
    );
}

#[test]
fn thunderbird_fall_back_week_and_old_mozilla_tzid() {
    let a = audit("thunderbird.ics", "2026-W44", "Europe/Berlin");
    assert_eq!(
        rows(&a),
        [
            "2026-10-26T09:00:00+01:00 30 Weekly 1:1 with Kai",
            "2026-10-28T10:00:00+01:00 45 Architecture deep dive",
            // BYDAY=-1FR with TZID=/mozilla.org/20050126_1/Europe/Berlin.
            "2026-10-30T15:00:00+01:00 90 Monthly retro",
        ]
    );
    assert_eq!(
        codes(find(&a, "Monthly retro", "2026-10-30T15:00:00+01:00")),
        ["over-timebox", "long-meeting"]
    );
    let w43 = audit("thunderbird.ics", "2026-W43", "Europe/Berlin");
    assert_eq!(
        rows(&w43),
        [
            "2026-10-19T09:00:00+02:00 30 Weekly 1:1 with Kai",
            // 02:30 happens twice on 25 October; the first is CEST. It ends at 03:00
            // CET, an exact 90 minutes later.
            "2026-10-25T02:30:00+02:00 90 Night cutover call",
        ]
    );
    // Two EXDATE lines.
    for w in ["2026-W45", "2026-W46"] {
        let a = audit("thunderbird.ics", w, "Europe/Berlin");
        assert!(a.meetings.is_empty(), "{w}: {:#?}", rows(&a));
    }
    // UNTIL=20261221T080000Z is 09:00 CET on 21 December.
    find(
        &audit("thunderbird.ics", "2026-W52", "Europe/Berlin"),
        "Weekly 1:1 with Kai",
        "2026-12-21T09:00:00+01:00",
    );
}

#[test]
fn nextcloud_biweekly_rdate_cancelled_occurrence_and_duration() {
    let a = audit("nextcloud.ics", "2026-W13", "Europe/Berlin");
    assert_eq!(
        rows(&a),
        [
            "2026-03-23T10:00:00+01:00 90 Sprint planning",
            "2026-03-24T14:00:00+01:00 45 Hiring committee",
            "2026-03-26T16:00:00+01:00 15 Product update",
        ]
    );
    assert_eq!(a.total_minutes, 150);
    assert_eq!(
        codes(find(&a, "Sprint planning", "2026-03-23T10:00:00+01:00")),
        ["over-timebox", "long-meeting", "no-end-date"]
    );
    let hiring = find(&a, "Hiring committee", "2026-03-24T14:00:00+01:00");
    assert_eq!(hiring.occurrence.attendees, 8, "f@ and F@ are one person");
    assert_eq!(codes(hiring), ["over-timebox", "large-meeting"]);
    assert_eq!(
        codes(find(&a, "Product update", "2026-03-26T16:00:00+01:00")),
        ["status-meeting"]
    );

    // An off week of the biweekly series, plus an RDATE on Wednesday.
    let w14 = audit("nextcloud.ics", "2026-W14", "Europe/Berlin");
    assert_eq!(
        rows(&w14),
        [
            "2026-04-01T10:00:00+02:00 90 Sprint planning",
            "2026-04-02T16:00:00+02:00 15 Product update",
        ]
    );
    // 6 April is cancelled by an override; COUNT=6 ends the updates on 9 April.
    let w15 = audit("nextcloud.ics", "2026-W15", "Europe/Berlin");
    assert_eq!(rows(&w15), ["2026-04-09T16:00:00+02:00 15 Product update"]);
    let w17 = audit("nextcloud.ics", "2026-W17", "Europe/Berlin");
    assert_eq!(rows(&w17), ["2026-04-20T10:00:00+02:00 90 Sprint planning"]);
}

// ---------------------------------------------------------------- DST

#[test]
fn berlin_weekly_meeting_stays_at_nine_across_both_changes() {
    for (w, start) in [
        ("2026-W13", "2026-03-23T09:00:00+01:00"),
        ("2026-W14", "2026-03-30T09:00:00+02:00"),
        ("2026-W43", "2026-10-19T09:00:00+02:00"),
        ("2026-W44", "2026-10-26T09:00:00+01:00"),
    ] {
        let a = audit("dst.ics", w, "Europe/Berlin");
        find(&a, "Berlin Monday review", start);
    }
    // On the night of the change 02:30 does not exist: the occurrence is read with the
    // offset before the gap (01:30 UTC, 03:30 CEST) and keeps its 30 minutes.
    let a = audit("dst.ics", "2026-W13", "Europe/Berlin");
    let night = find(&a, "Berlin night batch check", "2026-03-29T03:30:00+02:00");
    assert_eq!(night.occurrence.minutes, 30);
    assert_eq!(
        night.occurrence.end.to_rfc3339(),
        "2026-03-29T04:00:00+02:00"
    );
    let a = audit("dst.ics", "2026-W14", "Europe/Berlin");
    find(&a, "Berlin night batch check", "2026-04-05T02:30:00+02:00");
    // Same instants seen from UTC.
    let a = audit("dst.ics", "2026-W14", "UTC");
    find(&a, "Berlin Monday review", "2026-03-30T07:00:00+00:00");
}

#[test]
fn new_york_meetings_across_march_8_and_november_1() {
    let title = "New York Monday and Friday";
    let starts = |w: &str, tz: &str| -> Vec<String> {
        audit("dst.ics", w, tz)
            .meetings
            .iter()
            .filter(|m| m.occurrence.title == title)
            .map(|m| m.occurrence.start.to_rfc3339())
            .collect()
    };
    assert_eq!(
        starts("2026-W10", "America/New_York"),
        ["2026-03-02T09:00:00-05:00", "2026-03-06T09:00:00-05:00"]
    );
    assert_eq!(
        starts("2026-W11", "America/New_York"),
        ["2026-03-09T09:00:00-04:00", "2026-03-13T09:00:00-04:00"]
    );
    assert_eq!(
        starts("2026-W44", "America/New_York"),
        ["2026-10-26T09:00:00-04:00", "2026-10-30T09:00:00-04:00"]
    );
    assert_eq!(
        starts("2026-W45", "America/New_York"),
        ["2026-11-02T09:00:00-05:00", "2026-11-06T09:00:00-05:00"]
    );
    // From Berlin, between the American and the European change the gap is 5 hours.
    assert_eq!(
        starts("2026-W10", "Europe/Berlin"),
        ["2026-03-02T15:00:00+01:00", "2026-03-06T15:00:00+01:00"]
    );
    assert_eq!(
        starts("2026-W11", "Europe/Berlin"),
        ["2026-03-09T14:00:00+01:00", "2026-03-13T14:00:00+01:00"]
    );
    // 01:30 on 1 November happens twice: the first one (EDT) is the occurrence.
    let a = audit("dst.ics", "2026-W44", "America/New_York");
    let night = find(&a, "New York night check", "2026-11-01T01:30:00-04:00");
    assert_eq!(
        night.occurrence.end.to_rfc3339(),
        "2026-11-01T01:00:00-05:00"
    );
    assert_eq!(night.occurrence.minutes, 30);
}

#[test]
fn vtimezone_only_zones_match_the_iana_database_all_year() {
    let calendar = ics::parse(&fixture("custom_zone.ics")).unwrap();
    assert!(calendar.skipped().is_empty(), "{:#?}", calendar.skipped());
    let utc = ics::user_zone("UTC").unwrap();
    for audit in audit::audit_weeks(&calendar, week("2026-W02"), 52, utc, &*DEFAULTS) {
        for place in ["berlin", "eastern", "sydney", "kolkata"] {
            let instants = |prefix: &str| -> Vec<String> {
                audit
                    .meetings
                    .iter()
                    .filter(|m| m.occurrence.uid == format!("{prefix}-{place}"))
                    .map(|m| {
                        format!(
                            "{} {}",
                            m.occurrence.start.to_rfc3339(),
                            m.occurrence.end.to_rfc3339()
                        )
                    })
                    .collect()
            };
            let custom = instants("custom");
            assert!(!custom.is_empty(), "{} {place}", audit.week);
            assert_eq!(custom, instants("named"), "{} {place}", audit.week);
        }
    }
}

// ---------------------------------------------------------------- overrides, UNTIL

#[test]
fn overrides_move_retime_and_cancel_whatever_their_sequence() {
    let titles = |w: &str| rows(&audit("overrides.ics", w, "Europe/Berlin"));
    // 1 April moved to 9 April by an override with a lower SEQUENCE than the series.
    assert!(titles("2026-W14").is_empty(), "{:#?}", titles("2026-W14"));
    assert_eq!(
        titles("2026-W15"),
        [
            // A shared single instance whose series is not in the file stands alone.
            "2026-04-07T09:00:00+02:00 20 Forwarded instance of someone's series",
            "2026-04-08T10:00:00+02:00 30 Pricing review",
            "2026-04-09T10:00:00+02:00 30 Pricing review (moved)",
        ]
    );
    // 15 April cancelled.
    assert!(titles("2026-W16").is_empty());
    // 22 April re-timed; the RECURRENCE-ID is given in UTC; the title is inherited.
    assert_eq!(
        titles("2026-W17"),
        ["2026-04-22T15:00:00+02:00 60 Pricing review"]
    );
    // Two overrides of 29 April: the higher SEQUENCE wins.
    assert_eq!(
        titles("2026-W18"),
        ["2026-04-29T11:30:00+02:00 15 Pricing review (final)"]
    );
    assert_eq!(
        titles("2026-W19"),
        ["2026-05-06T10:00:00+02:00 30 Pricing review"]
    );
    assert_eq!(
        titles("2026-W20"),
        ["2026-05-13T10:00:00+02:00 30 Pricing review"]
    );
    assert!(titles("2026-W21").is_empty(), "COUNT=10 ends the series");

    let w15 = audit("overrides.ics", "2026-W15", "Europe/Berlin");
    let moved = find(&w15, "Pricing review (moved)", "2026-04-09T10:00:00+02:00");
    assert!(moved.occurrence.recurring);
    assert_eq!(moved.occurrence.attendees, 2, "inherited from the series");
    assert_eq!(
        moved.key().occurrence.to_rfc3339(),
        "2026-04-01T08:00:00+00:00"
    );
    let forwarded = &w15.meetings[0];
    assert!(forwarded.occurrence.recurring);
    // No word says what it is for: a guess is held to the longest timebox, and 20
    // minutes fit it.
    assert!(forwarded.inferred.words.is_empty());
    assert!(codes(forwarded).is_empty());
}

#[test]
fn events_shown_as_free_are_not_sync_time_and_an_override_can_say_otherwise() {
    let people = "ORGANIZER:mailto:host@example.com\r\nATTENDEE:mailto:me@example.com\r\n";
    let event = |uid: &str, start: &str, extra: &str| {
        format!(
            "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART;TZID=Europe/Berlin:{start}\r\nDURATION:PT30M\r\nSUMMARY:{uid}\r\n{people}{extra}END:VEVENT\r\n"
        )
    };
    let text = [
        "BEGIN:VCALENDAR\r\n".to_string(),
        // An optional talk every day, shown as free; on Wednesday the user made it busy.
        event(
            "talk",
            "20261123T120000",
            "RRULE:FREQ=DAILY;COUNT=5\r\nTRANSP:TRANSPARENT\r\n",
        ),
        event(
            "talk",
            "20261125T120000",
            "RECURRENCE-ID;TZID=Europe/Berlin:20261125T120000\r\nTRANSP:OPAQUE\r\n",
        ),
        // Thursday's occurrence only moves: it stays free, as the series is.
        event(
            "talk",
            "20261126T130000",
            "RECURRENCE-ID;TZID=Europe/Berlin:20261126T120000\r\n",
        ),
        event("review", "20261124T100000", "TRANSP:OPAQUE\r\n"),
        event("sync", "20261124T110000", ""),
        "END:VCALENDAR\r\n".to_string(),
    ]
    .concat();
    let all = audit::audit_week(&text, week("2026-W48"), "Europe/Berlin", &*DEFAULTS).unwrap();
    assert_eq!(all.meetings.len(), 7, "{:#?}", rows(&all));
    let free: Vec<bool> = all.meetings.iter().map(|m| m.occurrence.free).collect();
    assert_eq!(
        free,
        [true, false, false, true, false, true, true],
        "{:#?}",
        rows(&all)
    );

    let counted = all.sync_time_only(None);
    assert_eq!(
        rows(&counted),
        [
            "2026-11-24T10:00:00+01:00 30 review",
            "2026-11-24T11:00:00+01:00 30 sync",
            "2026-11-25T12:00:00+01:00 30 talk",
        ]
    );
    assert_eq!(counted.total_minutes, 90);
    assert_eq!(
        counted
            .skipped
            .iter()
            .filter(|s| s.reason.contains("shown as free"))
            .count(),
        4,
        "{:#?}",
        counted.skipped
    );
}

#[test]
fn meetings_the_user_declined_are_not_sync_time_once_their_address_is_known() {
    let event = |uid: &str, start: &str, extra: &str| {
        format!(
            "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART;TZID=Europe/Berlin:{start}\r\nDURATION:PT30M\r\nSUMMARY:{uid}\r\nORGANIZER:mailto:host@example.com\r\n{extra}END:VEVENT\r\n"
        )
    };
    let declined =
        "ATTENDEE;PARTSTAT=DECLINED:mailto:Me@Example.com\r\nATTENDEE:mailto:b@example.com\r\n";
    let text = [
        "BEGIN:VCALENDAR\r\n".to_string(),
        event("pitch", "20261123T100000", declined),
        // Declined for the whole series, accepted again on Wednesday by an override that
        // lists the people anew; Thursday's override only moves the time.
        event(
            "weekly",
            "20261123T150000",
            &format!("RRULE:FREQ=DAILY;COUNT=4\r\n{declined}"),
        ),
        event(
            "weekly",
            "20261125T150000",
            "RECURRENCE-ID;TZID=Europe/Berlin:20261125T150000\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:me@example.com\r\nATTENDEE:mailto:b@example.com\r\n",
        ),
        event(
            "weekly",
            "20261126T160000",
            "RECURRENCE-ID;TZID=Europe/Berlin:20261126T150000\r\n",
        ),
        // Someone else declined: still the user's meeting.
        event(
            "review",
            "20261124T110000",
            "ATTENDEE:mailto:me@example.com\r\nATTENDEE;PARTSTAT=DECLINED:mailto:b@example.com\r\n",
        ),
        "END:VCALENDAR\r\n".to_string(),
    ]
    .concat();
    let all = audit::audit_week(&text, week("2026-W48"), "Europe/Berlin", &*DEFAULTS).unwrap();
    assert_eq!(all.meetings.len(), 6, "{:#?}", rows(&all));
    // Without the user's address nobody can tell whose decline is whose.
    assert_eq!(all.clone().sync_time_only(None).meetings.len(), 6);

    let mine = all.sync_time_only(Some("me@example.com"));
    assert_eq!(
        rows(&mine),
        [
            "2026-11-24T11:00:00+01:00 30 review",
            "2026-11-25T15:00:00+01:00 30 weekly",
        ]
    );
    let declines = mine
        .skipped
        .iter()
        .filter(|s| s.reason == "you declined it")
        .count();
    assert_eq!(declines, 4, "{:#?}", mine.skipped);

    // Addresses match in any case, beyond ASCII too.
    let text = format!(
        "BEGIN:VCALENDAR\r\n{}END:VCALENDAR\r\n",
        event(
            "offsite",
            "20261124T140000",
            "ATTENDEE;PARTSTAT=DECLINED:MAILTO:JÖRG@Example.com\r\nATTENDEE:mailto:b@example.com\r\n",
        )
    );
    let audit = audit::audit_week(&text, week("2026-W48"), "Europe/Berlin", &*DEFAULTS).unwrap();
    assert!(
        audit
            .sync_time_only(Some("jörg@example.com"))
            .meetings
            .is_empty()
    );
}

#[test]
fn utc_until_on_a_local_start_is_compared_as_an_instant() {
    let a = audit("until.ics", "2026-W10", "UTC");
    let count = |uid: &str| {
        a.meetings
            .iter()
            .filter(|m| m.occurrence.uid == uid)
            .count()
    };
    // 17:00 EST is 22:00 UTC, after UNTIL=…T200000Z: 5 March is not included.
    assert_eq!(count("ny-until-utc"), 3);
    assert_eq!(count("ny-until-date"), 3);
    assert_eq!(count("berlin-until-local"), 3);
    assert_eq!(count("berlin-until-utc"), 1);
    // 09:00 CEST on 30 March is exactly UNTIL=20260330T070000Z: included.
    let w14 = audit("until.ics", "2026-W14", "Europe/Berlin");
    assert_eq!(
        rows(&w14),
        ["2026-03-30T09:00:00+02:00 15 Berlin weekly, UTC until"]
    );
    assert!(
        audit("until.ics", "2026-W15", "Europe/Berlin")
            .meetings
            .is_empty()
    );
}

#[test]
fn floating_times_read_in_the_calendars_zone_else_the_users() {
    let event = "BEGIN:VEVENT\r\nUID:floating\r\nDTSTART:20260302T090000\r\nDTEND:20260302T093000\r\nRRULE:FREQ=DAILY;COUNT=2\r\nEXDATE:20260303T090000\r\nSUMMARY:Floating\r\nDESCRIPTION:a b c\r\nEND:VEVENT\r\n";
    let plain = format!("BEGIN:VCALENDAR\r\n{event}END:VCALENDAR\r\n");
    let named =
        format!("BEGIN:VCALENDAR\r\nX-WR-TIMEZONE:America/New_York\r\n{event}END:VCALENDAR\r\n");
    let starts = |text: &str| -> Vec<String> {
        audit::audit_week(text, week("2026-W10"), "Europe/Berlin", &*DEFAULTS)
            .unwrap()
            .meetings
            .iter()
            .map(|m| m.occurrence.start.to_rfc3339())
            .collect()
    };
    // The user's wall clock; the EXDATE, floating too, removes the second day.
    assert_eq!(starts(&plain), ["2026-03-02T09:00:00+01:00"]);
    // 09:00 in New York (EST) is 15:00 in Berlin; the EXDATE follows the series' zone.
    assert_eq!(starts(&named), ["2026-03-02T15:00:00+01:00"]);
}

#[test]
fn a_calendar_can_be_shared_across_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<ics::Calendar>();
    shareable::<WeekAudit>();
    let calendar = ics::parse(&fixture("google.ics")).unwrap();
    let tz = ics::user_zone("Europe/Berlin").unwrap();
    assert_eq!(
        audit::audit_weeks(&calendar, week("2026-W13"), u32::MAX, tz, &*DEFAULTS).len(),
        audit::MAX_WEEKS as usize
    );
    assert_eq!(
        audit::audit_weeks(&calendar, week("2026-W13"), 0, tz, &*DEFAULTS).len(),
        1
    );
}

// ---------------------------------------------------------------- errors

#[test]
fn an_unknown_zone_is_reported_never_shifted() {
    let a = audit("unknown_zone.ics", "2026-W13", "Europe/Berlin");
    assert_eq!(
        rows(&a),
        [
            "2026-03-24T14:00:00+01:00 30 Upper-case IANA name",
            "2026-03-26T09:00:00+01:00 30 Lower-case IANA name",
        ]
    );
    assert!(skipped_has(&a, "Mars weekly", "Mars/Olympus_Mons"));
    assert!(skipped_has(&a, "Broken zone event", "Broken Zone"));
    assert!(
        !a.skipped.iter().any(|s| s.what.contains("Mars long ago")),
        "a 2025 event is not this week's business: {:#?}",
        a.skipped
    );
    assert_eq!(a.skipped.len(), 2, "{:#?}", a.skipped);
}

#[test]
fn a_malformed_event_is_skipped_and_the_rest_imports() {
    let a = audit("malformed.ics", "2026-W13", "Europe/Berlin");
    assert_eq!(
        rows(&a),
        [
            "2026-03-24T10:00:00+01:00 30 Design review",
            "2026-03-26T14:00:00+01:00 60 Incident retro",
        ]
    );
    for (what, reason) in [
        ("Bad start", "DTSTART"),
        ("No start", "no DTSTART"),
        ("Bad rule", "FREQ"),
        ("Backwards", "ends before it starts"),
        ("Truncated", "not closed"),
        ("line", "no ':'"),
        ("line", "unclosed quote"),
        ("line", "EXDATE 'notadate'"),
    ] {
        assert!(
            skipped_has(&a, what, reason),
            "{what}/{reason}: {:#?}",
            a.skipped
        );
    }
}

#[test]
fn whole_file_errors() {
    assert_eq!(
        ics::parse("hello, world").unwrap_err(),
        IcsError::NotCalendar
    );
    assert_eq!(ics::parse("").unwrap_err(), IcsError::NotCalendar);
    assert!(matches!(
        ics::user_zone("Mars/Olympus_Mons"),
        Err(IcsError::UnknownZone(z)) if z == "Mars/Olympus_Mons"
    ));
    assert!(matches!(
        audit::audit_week(
            "BEGIN:VCALENDAR\nEND:VCALENDAR\n",
            week("2026-W13"),
            "Nowhere",
            &*DEFAULTS
        ),
        Err(IcsError::UnknownZone(_))
    ));
    let limits = Limits {
        max_file_bytes: 10,
        ..Limits::default()
    };
    assert!(matches!(
        ics::parse_with_limits(b"BEGIN:VCALENDAR\nEND:VCALENDAR\n", limits),
        Err(IcsError::TooLarge { limit: 10, .. })
    ));
    // A byte-order mark and an empty calendar are fine.
    let empty = ics::parse_bytes(b"\xEF\xBB\xBFBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n").unwrap();
    assert_eq!(empty.event_count(), 0);
    assert_eq!(
        ics::user_zone("W. Europe Standard Time").unwrap().name(),
        "Europe/Berlin"
    );
}

// ---------------------------------------------------------------- output and import

#[test]
fn json_has_the_shape_of_the_issue() {
    let a = audit("google.ics", "2026-W13", "Europe/Berlin");
    let json = serde_json::to_value(&a).unwrap();
    let keys = |v: &serde_json::Value| -> BTreeSet<String> {
        v.as_object().unwrap().keys().cloned().collect()
    };
    assert_eq!(
        keys(&json),
        ["meetings", "skipped", "total_minutes", "tz", "week"]
            .map(String::from)
            .into()
    );
    assert_eq!(json["week"], "2026-W13");
    assert_eq!(json["tz"], "Europe/Berlin");
    let m = &json["meetings"][0];
    assert_eq!(
        keys(m),
        [
            "attendees",
            "end",
            "flags",
            "inferred",
            "minutes",
            "recurring",
            "start",
            "title",
            "uid"
        ]
        .map(String::from)
        .into()
    );
    assert_eq!(m["start"], "2026-03-23T09:30:00+01:00");
    assert_eq!(m["end"], "2026-03-23T09:45:00+01:00");
    assert_eq!(m["flags"][0]["code"], "status-meeting");
    assert_eq!(m["flags"][0]["message"], FlagCode::StatusMeeting.message());
    assert_eq!(
        keys(&json["skipped"][0]),
        ["reason", "what"].map(String::from).into()
    );
    let utc = audit("google.ics", "2026-W13", "UTC");
    let json = serde_json::to_value(&utc).unwrap();
    assert_eq!(json["meetings"][0]["start"], "2026-03-23T08:30:00+00:00");
}

#[test]
fn reimport_finds_the_same_keys_even_after_a_move() {
    let text = fixture("google.ics");
    let tz = ics::user_zone("Europe/Berlin").unwrap();
    let first = audit::audit(
        &ics::parse(&text).unwrap(),
        week("2026-W13"),
        tz,
        &*DEFAULTS,
    );
    let again = audit::audit(
        &ics::parse(&text).unwrap(),
        week("2026-W13"),
        tz,
        &*DEFAULTS,
    );
    assert_eq!(first, again);
    let keys = |a: &WeekAudit| -> BTreeSet<String> {
        a.meetings.iter().map(|m| m.key().to_string()).collect()
    };
    assert_eq!(keys(&first).len(), first.meetings.len(), "keys are unique");

    // The organizer moves Friday's standup to 16:00 (a new override); the key stays.
    let moved = text.replace(
        "END:VCALENDAR",
        "BEGIN:VEVENT\r\nUID:4kq1c0a8m2s0h1v0k9u0p5e3b7@google.com\r\nRECURRENCE-ID;TZID=Europe/Berlin:20260327T093000\r\nDTSTART;TZID=Europe/Berlin:20260327T160000\r\nDTEND;TZID=Europe/Berlin:20260327T161500\r\nSEQUENCE:1\r\nSUMMARY:Team standup\r\nEND:VEVENT\r\nEND:VCALENDAR",
    );
    let updated = audit::audit(
        &ics::parse(&moved).unwrap(),
        week("2026-W13"),
        tz,
        &*DEFAULTS,
    );
    assert_eq!(keys(&first), keys(&updated));
    let friday = updated
        .meetings
        .iter()
        .find(|m| m.key().occurrence.to_rfc3339() == "2026-03-27T08:30:00+00:00")
        .unwrap();
    assert_eq!(
        friday.occurrence.start.to_rfc3339(),
        "2026-03-27T16:00:00+01:00"
    );

    // Several weeks at once give the same as one at a time.
    let calendar = ics::parse(&text).unwrap();
    let weeks = audit::audit_weeks(&calendar, week("2026-W12"), 3, tz, &*DEFAULTS);
    assert_eq!(weeks.len(), 3);
    assert_eq!(weeks[1], first);
    for a in &weeks {
        assert!(a.meetings.iter().all(|m| m.week() == a.week));
    }
    // expand over the three weeks gives the union.
    let all = ics::expand(
        &calendar,
        week("2026-W12").monday(),
        week("2026-W15").monday(),
        tz,
    );
    assert_eq!(
        all.occurrences.len(),
        weeks.iter().map(|a| a.meetings.len()).sum::<usize>()
    );
}

// ---------------------------------------------------------------- hostile input

fn series(uid: &str, start: &str, rule: &str) -> String {
    format!(
        "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART;TZID=Europe/Berlin:{start}\r\nDURATION:PT15M\r\nRRULE:{rule}\r\nSUMMARY:{uid}\r\nDESCRIPTION:a b c\r\nEND:VEVENT\r\n"
    )
}

#[test]
fn one_endless_series_does_not_starve_the_others() {
    let mut text = String::from("BEGIN:VCALENDAR\r\n");
    // Walking from 1900 with a COUNT that cannot be skipped through arithmetically.
    text += &series(
        "greedy",
        "19000101T090000",
        "FREQ=DAILY;BYDAY=MO,TU,WE;COUNT=4000000000",
    );
    text += &series("endless-daily", "19000101T100000", "FREQ=DAILY");
    text += &series("weekly", "20260105T110000", "FREQ=WEEKLY;BYDAY=TU");
    text += &series(
        "count",
        "20000103T120000",
        "FREQ=WEEKLY;BYDAY=WE;COUNT=1500",
    );
    text += "END:VCALENDAR\r\n";
    let started = Instant::now();
    let a = audit::audit_week(&text, week("2026-W13"), "Europe/Berlin", &*DEFAULTS).unwrap();
    assert!(started.elapsed() < Duration::from_secs(10));
    let uids: BTreeSet<&str> = a
        .meetings
        .iter()
        .map(|m| m.occurrence.uid.as_str())
        .collect();
    // The daily series from 1900 is skipped to the window; the COUNT series is
    // skipped arithmetically (1500 Wednesdays from 2000 run to 2028).
    assert_eq!(
        uids,
        ["count", "endless-daily", "weekly"].into_iter().collect()
    );
    assert_eq!(
        a.meetings
            .iter()
            .filter(|m| m.occurrence.uid == "endless-daily")
            .count(),
        7
    );
    assert!(skipped_has(&a, "greedy", "steps"), "{:#?}", a.skipped);
}

#[test]
fn hostile_files_are_bounded() {
    // Many expensive series: the whole-file budget stops them, the one-off still counts.
    let mut text = String::from("BEGIN:VCALENDAR\r\n");
    for i in 0..150 {
        text += &series(
            &format!("s{i}"),
            "19000101T090000",
            "FREQ=DAILY;BYDAY=MO;COUNT=4000000000",
        );
    }
    text += "BEGIN:VEVENT\r\nUID:one-off\r\nDTSTART;TZID=Europe/Berlin:20260324T090000\r\nDURATION:PT15M\r\nSUMMARY:Still here\r\nDESCRIPTION:a b c\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let started = Instant::now();
    let a = audit::audit_week(&text, week("2026-W13"), "Europe/Berlin", &*DEFAULTS).unwrap();
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(rows(&a), ["2026-03-24T09:00:00+01:00 15 Still here"]);
    assert!(skipped_has(&a, "calendar", "more expansion work"));
    assert!(a.skipped.len() <= Limits::default().max_skipped + 2);

    // A line of several megabytes, deep nesting, and a daily series of every minute of
    // the window (BYMONTHDAY=1..31 expands to every day).
    let mut text = String::from("BEGIN:VCALENDAR\r\nX-BIG:");
    text += &"x".repeat(3 * 1024 * 1024);
    text += "\r\n";
    text += &"BEGIN:X\r\n".repeat(100);
    text += &"END:X\r\n".repeat(100);
    text += &series(
        "every-day",
        "20260101T090000",
        "FREQ=MONTHLY;BYMONTHDAY=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31",
    );
    text += "END:VCALENDAR\r\n";
    let a = audit::audit_week(&text, week("2026-W13"), "Europe/Berlin", &*DEFAULTS).unwrap();
    assert_eq!(a.meetings.len(), 7);
    assert!(skipped_has(&a, "line 2", "longer than"));
    assert!(skipped_has(&a, "line", "nest deeper"));

    // A small per-series cap is reported, not silently applied.
    let limits = Limits {
        max_occurrences_per_series: 3,
        ..Limits::default()
    };
    let calendar = ics::parse_with_limits(text.as_bytes(), limits).unwrap();
    let tz = ics::user_zone("Europe/Berlin").unwrap();
    let a = audit::audit(&calendar, week("2026-W13"), tz, &*DEFAULTS);
    assert_eq!(a.meetings.len(), 3);
    assert!(skipped_has(&a, "every-day", "more than 3 occurrences"));
}

// ---------------------------------------------------------------- never panic

const FIXTURES: [&str; 10] = [
    "google.ics",
    "outlook.ics",
    "apple.ics",
    "thunderbird.ics",
    "nextcloud.ics",
    "dst.ics",
    "overrides.ics",
    "until.ics",
    "custom_zone.ics",
    "malformed.ics",
];

/// Pieces of iCalendar that lead the mutations into the parser's and expander's corners.
const TOKENS: [&str; 24] = [
    "\r\nBEGIN:VEVENT\r\n",
    "\r\nEND:VEVENT\r\n",
    "\r\nBEGIN:VTIMEZONE\r\n",
    "\r\nRRULE:FREQ=DAILY;COUNT=99999999;BYDAY=-1MO,2FR;BYSETPOS=-1\r\n",
    "\r\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-31,31;INTERVAL=7\r\n",
    "\r\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\r\n",
    "\r\nRRULE:FREQ=WEEKLY;UNTIL=99991231T235959Z;WKST=SU\r\n",
    "\r\nEXDATE;VALUE=DATE:20260324,20260325\r\n",
    "\r\nRDATE;VALUE=PERIOD:20260325T100000Z/PT1H,20260325T100000Z/20260325T090000Z\r\n",
    "\r\nRECURRENCE-ID;TZID=Europe/Berlin:20260324T093000\r\n",
    "\r\nDTSTART;TZID=Mars/Olympus_Mons:20260324T093000\r\n",
    "\r\nDTSTART:00010101T000000\r\n",
    "\r\nDTSTART:99991231T235959Z\r\n",
    "\r\nDTEND;VALUE=DATE:20260325\r\n",
    "\r\nDURATION:-P99999W\r\n",
    "\r\nDURATION:PT0S\r\n",
    "\r\nSTATUS:CANCELLED\r\n",
    "\r\nTZOFFSETFROM:+2500\r\n",
    "\r\nTZOFFSETTO:-1400\r\n",
    "\r\n ",
    ";TZID=\"",
    "\u{0}\u{1b}[31m\u{202e}",
    "\r\nSEQUENCE:99999999999999999999\r\n",
    "\r\nATTENDEE;CUTYPE=ROOM;PARTSTAT=DECLINED:mailto:x\r\n",
];

fn run_everything(bytes: &[u8]) {
    if let Ok(calendar) = ics::parse_bytes(bytes) {
        for tz in ["Europe/Berlin", "America/New_York", "Pacific/Chatham"] {
            let tz = ics::user_zone(tz).unwrap();
            let _ = audit::audit_weeks(&calendar, week("2026-W13"), 2, tz, &*DEFAULTS);
        }
        let utc = ics::user_zone("UTC").unwrap();
        let _ = audit::audit(&calendar, week("9999-W52"), utc, &*DEFAULTS);
        let _ = audit::audit(&calendar, week("0001-W01"), utc, &*DEFAULTS);
    }
    // The widest window there is, with a small cap so that the test stays quick.
    let limits = Limits {
        max_occurrences_per_series: 20,
        ..Limits::default()
    };
    if let Ok(calendar) = ics::parse_with_limits(bytes, limits) {
        let utc = ics::user_zone("UTC").unwrap();
        let _ = ics::expand(
            &calendar,
            chrono::NaiveDate::MIN,
            chrono::NaiveDate::MAX,
            utc,
        );
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Delete(usize, usize),
    Insert(usize, usize),
    Duplicate(usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), 0usize..200).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<usize>(), 0usize..TOKENS.len()).prop_map(|(i, t)| Mutation::Insert(i, t)),
        (any::<usize>(), 0usize..400).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len().max(1);
    match *m {
        Mutation::Flip(i, b) => {
            if let Some(x) = bytes.get_mut(i % len) {
                *x = b;
            }
        }
        Mutation::Delete(i, n) => {
            let start = (i % len).min(bytes.len());
            let end = (start + n).min(bytes.len());
            bytes.drain(start..end);
        }
        Mutation::Insert(i, t) => {
            let at = (i % len).min(bytes.len());
            let token = TOKENS[t].as_bytes();
            bytes.splice(at..at, token.iter().copied());
        }
        Mutation::Duplicate(i, n) => {
            let start = (i % len).min(bytes.len());
            let end = (start + n).min(bytes.len());
            let piece = bytes[start..end].to_vec();
            bytes.splice(end..end, piece);
        }
        Mutation::Truncate(i) => bytes.truncate(i % len),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        run_everything(&bytes);
        let mut framed = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n".to_vec();
        framed.extend_from_slice(&bytes);
        run_everything(&framed);
    }

    #[test]
    fn never_panics_on_mutated_exports(
        which in 0usize..FIXTURES.len(),
        mutations in proptest::collection::vec(mutation(), 1..12),
    ) {
        let mut bytes = fixture(FIXTURES[which]).into_bytes();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        run_everything(&bytes);
    }
}
