//! Recurrence rules end to end: the RFC 5545 (3.8.5.3) examples as a table, and every
//! rule part, override range and exception the reader handles, with the occurrences
//! written out by hand.

use chrono::NaiveDate;
use syncwise::ics::{self, Expansion, Limits};

/// An event in America/New_York, as in the RFC's examples, with these extra lines.
fn rfc_event(dtstart: &str, lines: &[&str]) -> String {
    let mut text = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:rfc@example.com\r\nSUMMARY:Example\r\n",
    );
    text.push_str(&format!(
        "DTSTART;TZID=America/New_York:{dtstart}\r\nDURATION:PT10M\r\n"
    ));
    for line in lines {
        text.push_str(line);
        text.push_str("\r\n");
    }
    text.push_str("END:VEVENT\r\nEND:VCALENDAR\r\n");
    text
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn expand_in(text: &str, from: &str, to: &str, tz: &str) -> Expansion {
    let calendar = ics::parse(text).unwrap();
    ics::expand(&calendar, date(from), date(to), ics::user_zone(tz).unwrap())
}

/// Occurrence starts in the user's zone, sorted, as `YYYY-MM-DD HH:MM` (with `:SS` when
/// the seconds are not zero).
fn starts(expansion: &Expansion) -> Vec<String> {
    let mut out: Vec<String> = expansion
        .occurrences
        .iter()
        .map(|o| {
            if o.start.format("%S").to_string() == "00" {
                o.start.format("%Y-%m-%d %H:%M").to_string()
            } else {
                o.start.format("%Y-%m-%d %H:%M:%S").to_string()
            }
        })
        .collect();
    out.sort();
    out
}

/// Expands the RFC's way of listing dates: `"1997-09 2-30,4"` is days of a month
/// (`A-B` every day, `A-B/2` every other day), all at `time`;
/// `"1997-09-02 09:00,12:00"` is times of one day.
fn listed(time: &str, groups: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for group in groups {
        let (head, items) = group.split_once(' ').unwrap();
        if head.len() == 10 {
            for t in items.split(',') {
                out.push(format!("{head} {t}"));
            }
            continue;
        }
        for item in items.split(',') {
            let (range, step) = match item.split_once('/') {
                Some((r, s)) => (r, s.parse::<u32>().unwrap()),
                None => (item, 1),
            };
            let (a, b) = match range.split_once('-') {
                Some((a, b)) => (a.parse::<u32>().unwrap(), b.parse::<u32>().unwrap()),
                None => (range.parse().unwrap(), range.parse().unwrap()),
            };
            let mut d = a;
            while d <= b {
                out.push(format!("{head}-{d:02} {time}"));
                d += step;
            }
        }
    }
    out.sort();
    out
}

struct Example {
    what: &'static str,
    dtstart: &'static str,
    lines: &'static [&'static str],
    /// The window: from DTSTART's date to this date (exclusive), in New York.
    to: &'static str,
    time: &'static str,
    expected: &'static [&'static str],
}

const NINE: &str = "09:00";

/// Every example of RFC 5545 section 3.8.5.3, with the occurrences it lists. For the
/// rules that run forever the window ends just after the last occurrence listed.
const EXAMPLES: &[Example] = &[
    Example {
        what: "daily for 10 occurrences",
        dtstart: "19970902T090000",
        lines: &["RRULE:FREQ=DAILY;COUNT=10"],
        to: "1998-01-01",
        time: NINE,
        expected: &["1997-09 2-11"],
    },
    Example {
        what: "daily until December 24, 1997",
        dtstart: "19970902T090000",
        lines: &["RRULE:FREQ=DAILY;UNTIL=19971224T000000Z"],
        to: "1998-01-01",
        time: NINE,
        expected: &["1997-09 2-30", "1997-10 1-31", "1997-11 1-30", "1997-12 1-23"],
    },
    Example {
        what: "every other day, forever",
        dtstart: "19970902T090000",
        lines: &["RRULE:FREQ=DAILY;INTERVAL=2"],
        to: "1997-12-04",
        time: NINE,
        expected: &[
            "1997-09 2-30/2",
            "1997-10 2-24/2",
            "1997-10 26,28,30",
            "1997-11 1-29/2",
            "1997-12 1,3",
        ],
    },
    Example {
        what: "every 10 days, 5 occurrences",
        dtstart: "19970902T090000",
        lines: &["RRULE:FREQ=DAILY;INTERVAL=10;COUNT=5"],
        to: "1998-01-01",
        time: NINE,
        expected: &["1997-09 2,12,22", "1997-10 2,12"],
    },
    Example {
        what: "every day in January, for 3 years (yearly)",
        dtstart: "19980101T090000",
        lines: &["RRULE:FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA"],
        to: "2001-01-01",
        time: NINE,
        expected: &["1998-01 1-31", "1999-01 1-31", "2000-01 1-31"],
    },
    Example {
        what: "every day in January, for 3 years (daily)",
        dtstart: "19980101T090000",
        lines: &["RRULE:FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1"],
        to: "2001-01-01",
        time: NINE,
        expected: &["1998-01 1-31", "1999-01 1-31", "2000-01 1-31"],
    },
    Example {
        what: "weekly for 10 occurrences",
        dtstart: "19970902T090000",
        lines: &["RRULE:FREQ=WEEKLY;COUNT=10"],
        to: "1998-01-01",
        time: NINE,
        expected: &["1997-09 2,9,16,23,30", "1997-10 7,14,21,28", "1997-11 4"],
    },
    Example {
        what: "weekly until December 24, 1997",
        dtstart: "19970902T090000",
        lines: &["RRULE:FREQ=WEEKLY;UNTIL=19971224T000000Z"],
        to: "1998-01-01",
        time: NINE,
        expected: &[
            "1997-09 2,9,16,23,30",
            "1997-10 7,14,21,28",
            "1997-11 4,11,18,25",
            "1997-12 2,9,16,23",
        ],
    },
    Example {
        what: "every other week, forever",
        dtstart: "19970902T090000",
        lines: &["RRULE:FREQ=WEEKLY;INTERVAL=2;WKST=SU"],
        to: "1998-02-18",
        time: NINE,
        expected: &[
            "1997-09 2,16,30",
            "1997-10 14,28",
            "1997-11 11,25",
            "1997-12 9,23",
            "1998-01 6,20",
            "1998-02 3,17",
        ],
    },
    Example {
        what: "weekly on Tuesday and Thursday for five weeks (until)",
        dtstart: "19970902T090000",
        lines: &["RRULE:FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH"],
        to: "1998-01-01",
        time: NINE,
        expected: &["1997-09 2,4,9,11,16,18,23,25,30", "1997-10 2"],
    },
    Example {
        what: "weekly on Tuesday and Thursday for five weeks (count)",
        dtstart: "19970902T090000",
        lines: &["RRULE:FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH"],
        to: "1998-01-01",
        time: NINE,
        expected: &["1997-09 2,4,9,11,16,18,23,25,30", "1997-10 2"],
    },
    Example {
        what: "every other week on Monday, Wednesday and Friday until December 24, 1997",
        dtstart: "19970901T090000",
        lines: &["RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR"],
        to: "1998-01-01",
        time: NINE,
        expected: &[
            "1997-09 1,3,5,15,17,19,29",
            "1997-10 1,3,13,15,17,27,29,31",
            "1997-11 10,12,14,24,26,28",
            "1997-12 8,10,12,22",
        ],
    },
    Example {
        what: "every other week on Tuesday and Thursday, for 8 occurrences",
        dtstart: "19970902T090000",
        lines: &["RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH"],
        to: "1998-01-01",
        time: NINE,
        expected: &["1997-09 2,4,16,18,30", "1997-10 2,14,16"],
    },
    Example {
        what: "monthly on the first Friday for 10 occurrences",
        dtstart: "19970905T090000",
        lines: &["RRULE:FREQ=MONTHLY;COUNT=10;BYDAY=1FR"],
        to: "1999-01-01",
        time: NINE,
        expected: &[
            "1997-09 5",
            "1997-10 3",
            "1997-11 7",
            "1997-12 5",
            "1998-01 2",
            "1998-02 6",
            "1998-03 6",
            "1998-04 3",
            "1998-05 1",
            "1998-06 5",
        ],
    },
    Example {
        what: "monthly on the first Friday until December 24, 1997",
        dtstart: "19970905T090000",
        lines: &["RRULE:FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR"],
        to: "1999-01-01",
        time: NINE,
        expected: &["1997-09 5", "1997-10 3", "1997-11 7", "1997-12 5"],
    },
    Example {
        what: "every other month on the first and last Sunday for 10 occurrences",
        dtstart: "19970907T090000",
        lines: &["RRULE:FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU"],
        to: "1999-01-01",
        time: NINE,
        expected: &[
            "1997-09 7,28",
            "1997-11 2,30",
            "1998-01 4,25",
            "1998-03 1,29",
            "1998-05 3,31",
        ],
    },
    Example {
        what: "monthly on the second-to-last Monday for 6 months",
        dtstart: "19970922T090000",
        lines: &["RRULE:FREQ=MONTHLY;COUNT=6;BYDAY=-2MO"],
        to: "1999-01-01",
        time: NINE,
        expected: &[
            "1997-09 22",
            "1997-10 20",
            "1997-11 17",
            "1997-12 22",
            "1998-01 19",
            "1998-02 16",
        ],
    },
    Example {
        what: "monthly on the third-to-the-last day, forever",
        dtstart: "19970928T090000",
        lines: &["RRULE:FREQ=MONTHLY;BYMONTHDAY=-3"],
        to: "1998-02-27",
        time: NINE,
        expected: &[
            "1997-09 28",
            "1997-10 29",
            "1997-11 28",
            "1997-12 29",
            "1998-01 29",
            "1998-02 26",
        ],
    },
    Example {
        what: "monthly on the 2nd and 15th for 10 occurrences",
        dtstart: "19970902T090000",
        lines: &["RRULE:FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15"],
        to: "1999-01-01",
        time: NINE,
        expected: &[
            "1997-09 2,15",
            "1997-10 2,15",
            "1997-11 2,15",
            "1997-12 2,15",
            "1998-01 2,15",
        ],
    },
    Example {
        what: "monthly on the first and last day for 10 occurrences",
        dtstart: "19970930T090000",
        lines: &["RRULE:FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1"],
        to: "1999-01-01",
        time: NINE,
        expected: &[
            "1997-09 30",
            "1997-10 1,31",
            "1997-11 1,30",
            "1997-12 1,31",
            "1998-01 1,31",
            "1998-02 1",
        ],
    },
    Example {
        what: "every 18 months on the 10th thru 15th for 10 occurrences",
        dtstart: "19970910T090000",
        lines: &["RRULE:FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15"],
        to: "2001-01-01",
        time: NINE,
        expected: &["1997-09 10-15", "1999-03 10-13"],
    },
    Example {
        what: "every Tuesday, every other month",
        dtstart: "19970902T090000",
        lines: &["RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=TU"],
        to: "1998-04-01",
        time: NINE,
        expected: &[
            "1997-09 2,9,16,23,30",
            "1997-11 4,11,18,25",
            "1998-01 6,13,20,27",
            "1998-03 3,10,17,24,31",
        ],
    },
    Example {
        what: "yearly in June and July for 10 occurrences",
        dtstart: "19970610T090000",
        lines: &["RRULE:FREQ=YEARLY;COUNT=10;BYMONTH=6,7"],
        to: "2005-01-01",
        time: NINE,
        expected: &[
            "1997-06 10",
            "1997-07 10",
            "1998-06 10",
            "1998-07 10",
            "1999-06 10",
            "1999-07 10",
            "2000-06 10",
            "2000-07 10",
            "2001-06 10",
            "2001-07 10",
        ],
    },
    Example {
        what: "every other year on January, February and March for 10 occurrences",
        dtstart: "19970310T090000",
        lines: &["RRULE:FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3"],
        to: "2006-01-01",
        time: NINE,
        expected: &[
            "1997-03 10",
            "1999-01 10",
            "1999-02 10",
            "1999-03 10",
            "2001-01 10",
            "2001-02 10",
            "2001-03 10",
            "2003-01 10",
            "2003-02 10",
            "2003-03 10",
        ],
    },
    Example {
        what: "every third year on the 1st, 100th and 200th day for 10 occurrences",
        dtstart: "19970101T090000",
        lines: &["RRULE:FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200"],
        to: "2010-01-01",
        time: NINE,
        expected: &[
            "1997-01 1",
            "1997-04 10",
            "1997-07 19",
            "2000-01 1",
            "2000-04 9",
            "2000-07 18",
            "2003-01 1",
            "2003-04 10",
            "2003-07 19",
            "2006-01 1",
        ],
    },
    Example {
        what: "every 20th Monday of the year, forever",
        dtstart: "19970519T090000",
        lines: &["RRULE:FREQ=YEARLY;BYDAY=20MO"],
        to: "1999-05-18",
        time: NINE,
        expected: &["1997-05 19", "1998-05 18", "1999-05 17"],
    },
    Example {
        what: "Monday of week number 20, forever",
        dtstart: "19970512T090000",
        lines: &["RRULE:FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO"],
        to: "1999-05-18",
        time: NINE,
        expected: &["1997-05 12", "1998-05 11", "1999-05 17"],
    },
    Example {
        what: "every Thursday in March, forever",
        dtstart: "19970313T090000",
        lines: &["RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=TH"],
        to: "1999-03-26",
        time: NINE,
        expected: &["1997-03 13,20,27", "1998-03 5,12,19,26", "1999-03 4,11,18,25"],
    },
    Example {
        what: "every Thursday, but only during June, July and August, forever",
        dtstart: "19970605T090000",
        lines: &["RRULE:FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8"],
        to: "1999-08-27",
        time: NINE,
        expected: &[
            "1997-06 5,12,19,26",
            "1997-07 3,10,17,24,31",
            "1997-08 7,14,21,28",
            "1998-06 4,11,18,25",
            "1998-07 2,9,16,23,30",
            "1998-08 6,13,20,27",
            "1999-06 3,10,17,24",
            "1999-07 1,8,15,22,29",
            "1999-08 5,12,19,26",
        ],
    },
    Example {
        what: "every Friday the 13th, forever",
        dtstart: "19970902T090000",
        lines: &[
            "EXDATE;TZID=America/New_York:19970902T090000",
            "RRULE:FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
        ],
        to: "2000-10-14",
        time: NINE,
        expected: &["1998-02 13", "1998-03 13", "1998-11 13", "1999-08 13", "2000-10 13"],
    },
    Example {
        what: "the first Saturday that follows the first Sunday of the month, forever",
        dtstart: "19970913T090000",
        lines: &["RRULE:FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13"],
        to: "1998-06-14",
        time: NINE,
        expected: &[
            "1997-09 13",
            "1997-10 11",
            "1997-11 8",
            "1997-12 13",
            "1998-01 10",
            "1998-02 7",
            "1998-03 7",
            "1998-04 11",
            "1998-05 9",
            "1998-06 13",
        ],
    },
    Example {
        what: "every 4 years, the first Tuesday after a Monday in November (US election day)",
        dtstart: "19961105T090000",
        lines: &["RRULE:FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8"],
        to: "2004-11-03",
        time: NINE,
        expected: &["1996-11 5", "2000-11 7", "2004-11 2"],
    },
    Example {
        what: "the third instance of Tuesday, Wednesday or Thursday, for the next 3 months",
        dtstart: "19970904T090000",
        lines: &["RRULE:FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3"],
        to: "1998-01-01",
        time: NINE,
        expected: &["1997-09 4", "1997-10 7", "1997-11 6"],
    },
    Example {
        what: "the second-to-last weekday of the month",
        dtstart: "19970929T090000",
        lines: &["RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2"],
        to: "1998-03-31",
        time: NINE,
        expected: &[
            "1997-09 29",
            "1997-10 30",
            "1997-11 27",
            "1997-12 30",
            "1998-01 29",
            "1998-02 26",
            "1998-03 30",
        ],
    },
    // The RFC's own UNTIL here, 17:00 UTC, is 13:00 in New York, so the rule as written
    // stops after 12:00 (a known erratum). With UNTIL at 17:00 New York time (21:00 UTC)
    // it gives the three times the text lists.
    Example {
        what: "every 3 hours from 9:00 AM to 5:00 PM on a specific day (as written)",
        dtstart: "19970902T090000",
        lines: &["RRULE:FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z"],
        to: "1997-09-10",
        time: NINE,
        expected: &["1997-09-02 09:00,12:00"],
    },
    Example {
        what: "every 3 hours from 9:00 AM to 5:00 PM on a specific day (as meant)",
        dtstart: "19970902T090000",
        lines: &["RRULE:FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T210000Z"],
        to: "1997-09-10",
        time: NINE,
        expected: &["1997-09-02 09:00,12:00,15:00"],
    },
    Example {
        what: "every 15 minutes for 6 occurrences",
        dtstart: "19970902T090000",
        lines: &["RRULE:FREQ=MINUTELY;INTERVAL=15;COUNT=6"],
        to: "1997-09-10",
        time: NINE,
        expected: &["1997-09-02 09:00,09:15,09:30,09:45,10:00,10:15"],
    },
    Example {
        what: "every hour and a half for 4 occurrences",
        dtstart: "19970902T090000",
        lines: &["RRULE:FREQ=MINUTELY;INTERVAL=90;COUNT=4"],
        to: "1997-09-10",
        time: NINE,
        expected: &["1997-09-02 09:00,10:30,12:00,13:30"],
    },
    Example {
        what: "every 20 minutes from 9:00 AM to 4:40 PM every day (daily)",
        dtstart: "19970902T090000",
        lines: &["RRULE:FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40"],
        to: "1997-09-04",
        time: NINE,
        expected: &[
            "1997-09-02 09:00,09:20,09:40,10:00,10:20,10:40,11:00,11:20,11:40,12:00,12:20,12:40,13:00,13:20,13:40,14:00,14:20,14:40,15:00,15:20,15:40,16:00,16:20,16:40",
            "1997-09-03 09:00,09:20,09:40,10:00,10:20,10:40,11:00,11:20,11:40,12:00,12:20,12:40,13:00,13:20,13:40,14:00,14:20,14:40,15:00,15:20,15:40,16:00,16:20,16:40",
        ],
    },
    Example {
        what: "every 20 minutes from 9:00 AM to 4:40 PM every day (minutely)",
        dtstart: "19970902T090000",
        lines: &["RRULE:FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16"],
        to: "1997-09-04",
        time: NINE,
        expected: &[
            "1997-09-02 09:00,09:20,09:40,10:00,10:20,10:40,11:00,11:20,11:40,12:00,12:20,12:40,13:00,13:20,13:40,14:00,14:20,14:40,15:00,15:20,15:40,16:00,16:20,16:40",
            "1997-09-03 09:00,09:20,09:40,10:00,10:20,10:40,11:00,11:20,11:40,12:00,12:20,12:40,13:00,13:20,13:40,14:00,14:20,14:40,15:00,15:20,15:40,16:00,16:20,16:40",
        ],
    },
    Example {
        what: "WKST=MO: the days generated depend on the week start",
        dtstart: "19970805T090000",
        lines: &["RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO"],
        to: "1998-01-01",
        time: NINE,
        expected: &["1997-08 5,10,19,24"],
    },
    Example {
        what: "WKST=SU: changing only the week start",
        dtstart: "19970805T090000",
        lines: &["RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU"],
        to: "1998-01-01",
        time: NINE,
        expected: &["1997-08 5,17,19,31"],
    },
    Example {
        what: "an invalid date (February 30) is ignored",
        dtstart: "20070115T090000",
        lines: &["RRULE:FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5"],
        to: "2008-01-01",
        time: NINE,
        expected: &["2007-01 15,30", "2007-02 15", "2007-03 15,30"],
    },
];

#[test]
fn rfc5545_examples_give_the_occurrences_the_rfc_lists() {
    let mut failures = Vec::new();
    for example in EXAMPLES {
        let text = rfc_event(example.dtstart, example.lines);
        let from = format!(
            "{}-{}-{}",
            &example.dtstart[0..4],
            &example.dtstart[4..6],
            &example.dtstart[6..8]
        );
        let expansion = expand_in(&text, &from, example.to, "America/New_York");
        let got = starts(&expansion);
        let want = listed(example.time, example.expected);
        if got != want {
            failures.push(format!(
                "{}:\n  want {want:?}\n  got  {got:?}\n  skipped {:?}",
                example.what, expansion.skipped
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
