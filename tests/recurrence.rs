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
        expected: &[
            "1997-09 2-30",
            "1997-10 1-31",
            "1997-11 1-30",
            "1997-12 1-23",
        ],
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
        expected: &[
            "1997-03 13,20,27",
            "1998-03 5,12,19,26",
            "1999-03 4,11,18,25",
        ],
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
        expected: &[
            "1998-02 13",
            "1998-03 13",
            "1998-11 13",
            "1999-08 13",
            "2000-10 13",
        ],
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

/// A calendar of these VEVENT bodies (each without BEGIN/END), Europe/Berlin by default.
fn calendar(events: &[&str]) -> String {
    let mut text = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
    for (i, body) in events.iter().enumerate() {
        text.push_str(&format!("BEGIN:VEVENT\r\nUID:e{i}@example.com\r\n"));
        for line in body.lines() {
            text.push_str(line.trim());
            text.push_str("\r\n");
        }
        text.push_str("END:VEVENT\r\n");
    }
    text.push_str("END:VCALENDAR\r\n");
    text
}

fn berlin(text: &str, from: &str, to: &str) -> Expansion {
    expand_in(text, from, to, "Europe/Berlin")
}

fn skipped_says(expansion: &Expansion, reason: &str) -> bool {
    expansion.skipped.iter().any(|s| s.reason.contains(reason))
}

#[test]
fn bysecond_byminute_and_byhour_expand_a_day() {
    let text = calendar(&[
        "SUMMARY:Pulse\nDTSTART;TZID=Europe/Berlin:20260302T090000\nDURATION:PT5S\nRRULE:FREQ=MINUTELY;BYSECOND=0,30;COUNT=5",
        "SUMMARY:Twice\nDTSTART;TZID=Europe/Berlin:20260302T083000\nDURATION:PT15M\nRRULE:FREQ=DAILY;BYHOUR=8,16;BYMINUTE=30;COUNT=4",
    ]);
    let got = starts(&berlin(&text, "2026-03-02", "2026-03-09"));
    assert_eq!(
        got,
        [
            "2026-03-02 08:30",
            "2026-03-02 09:00",
            "2026-03-02 09:00:30",
            "2026-03-02 09:01",
            "2026-03-02 09:01:30",
            "2026-03-02 09:02",
            "2026-03-02 16:30",
            "2026-03-03 08:30",
            "2026-03-03 16:30",
        ]
    );
}

#[test]
fn hourly_limited_to_some_days_and_hours() {
    // Every two hours on Mondays and Wednesdays, but only 10:00 to 14:00.
    let text = calendar(&[
        "SUMMARY:Check-in\nDTSTART;TZID=Europe/Berlin:20260302T100000\nDURATION:PT10M\nRRULE:FREQ=HOURLY;INTERVAL=2;BYDAY=MO,WE;BYHOUR=10,11,12,13,14",
    ]);
    let got = starts(&berlin(&text, "2026-03-02", "2026-03-09"));
    assert_eq!(
        got,
        [
            "2026-03-02 10:00",
            "2026-03-02 12:00",
            "2026-03-02 14:00",
            "2026-03-04 10:00",
            "2026-03-04 12:00",
            "2026-03-04 14:00",
        ]
    );
}

#[test]
fn a_secondly_rule_costs_bounded_time_and_says_it_was_capped() {
    // Started years before the window, forever: the window holds 604,800 seconds.
    let text = calendar(&[
        "SUMMARY:Ticker\nDTSTART;TZID=Europe/Berlin:20200101T000000\nDURATION:PT1S\nRRULE:FREQ=SECONDLY",
        "SUMMARY:Standup\nDTSTART;TZID=Europe/Berlin:20260302T093000\nDURATION:PT15M\nRRULE:FREQ=DAILY;COUNT=3",
    ]);
    let started = std::time::Instant::now();
    let expansion = berlin(&text, "2026-03-02", "2026-03-09");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    let ticker = expansion
        .occurrences
        .iter()
        .filter(|o| o.title == "Ticker")
        .count();
    assert_eq!(ticker, Limits::default().max_occurrences_per_series);
    assert!(skipped_says(&expansion, "more often than daily"));
    let standups = expansion
        .occurrences
        .iter()
        .filter(|o| o.title == "Standup")
        .count();
    assert_eq!(standups, 3);
}

#[test]
fn a_secondly_rule_limited_to_a_few_seconds_a_day_reaches_a_late_window() {
    // Four seconds a day, every day since 2020: found without walking every second.
    let text = calendar(&[
        "SUMMARY:Beacon\nDTSTART;TZID=Europe/Berlin:20200101T090000\nDURATION:PT1S\nRRULE:FREQ=SECONDLY;BYHOUR=9;BYMINUTE=0;BYSECOND=0,15,30,45",
    ]);
    let got = starts(&berlin(&text, "2026-03-03", "2026-03-05"));
    assert_eq!(
        got,
        [
            "2026-03-03 09:00",
            "2026-03-03 09:00:15",
            "2026-03-03 09:00:30",
            "2026-03-03 09:00:45",
            "2026-03-04 09:00",
            "2026-03-04 09:00:15",
            "2026-03-04 09:00:30",
            "2026-03-04 09:00:45",
        ]
    );
}

#[test]
fn byweekno_counts_weeks_of_four_days_across_the_new_year() {
    // Monday of week 1: week 1 of 2026 starts on 29 December 2025.
    let first = calendar(&[
        "SUMMARY:Kick-off\nDTSTART;TZID=Europe/Berlin:20251229T100000\nDURATION:PT1H\nRRULE:FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO",
    ]);
    assert_eq!(
        starts(&berlin(&first, "2025-12-01", "2028-02-01")),
        ["2025-12-29 10:00", "2027-01-04 10:00", "2028-01-03 10:00"]
    );
    // Friday of the last week: 2026 has 53 weeks, its last Friday is 1 January 2027.
    let last = calendar(&[
        "SUMMARY:Wrap-up\nDTSTART;TZID=Europe/Berlin:20270101T100000\nDURATION:PT1H\nRRULE:FREQ=YEARLY;BYWEEKNO=-1;BYDAY=FR",
    ]);
    assert_eq!(
        starts(&berlin(&last, "2026-12-01", "2029-01-01")),
        ["2027-01-01 10:00", "2027-12-31 10:00", "2028-12-29 10:00"]
    );
}

#[test]
fn byyearday_counts_from_both_ends_and_knows_leap_years() {
    let text = calendar(&[
        "SUMMARY:Year end\nDTSTART;TZID=Europe/Berlin:20261231T150000\nDURATION:PT1H\nRRULE:FREQ=YEARLY;BYYEARDAY=-1;COUNT=3",
        "SUMMARY:Day 60\nDTSTART;TZID=Europe/Berlin:20260301T150000\nDURATION:PT1H\nRRULE:FREQ=YEARLY;BYYEARDAY=60;COUNT=3",
    ]);
    assert_eq!(
        starts(&berlin(&text, "2026-01-01", "2030-01-01")),
        [
            "2026-03-01 15:00",
            "2026-12-31 15:00",
            "2027-03-01 15:00",
            "2027-12-31 15:00",
            "2028-02-29 15:00",
            "2028-12-31 15:00",
        ]
    );
}

#[test]
fn several_rrules_are_united_and_each_keeps_its_count() {
    let text = calendar(&[
        "SUMMARY:Sync\nDTSTART;TZID=Europe/Berlin:20260302T090000\nDURATION:PT30M\nRRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH;COUNT=3",
    ]);
    // The first rule: 2, 9, 16 March; the second: 2, 5, 9 March; together, once each.
    assert_eq!(
        starts(&berlin(&text, "2026-03-01", "2026-04-01")),
        [
            "2026-03-02 09:00",
            "2026-03-05 09:00",
            "2026-03-09 09:00",
            "2026-03-16 09:00",
        ]
    );
}

#[test]
fn thisandfuture_moves_every_later_occurrence() {
    let text = calendar(&[
        "SUMMARY:Planning\nDTSTART;TZID=Europe/Berlin:20260302T090000\nDTEND;TZID=Europe/Berlin:20260302T100000\nRRULE:FREQ=WEEKLY;COUNT=6",
    ])
    .replace(
        "END:VCALENDAR\r\n",
        "BEGIN:VEVENT\r\nUID:e0@example.com\r\nRECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20260316T090000\r\nDTSTART;TZID=Europe/Berlin:20260316T103000\r\nDTEND;TZID=Europe/Berlin:20260316T110000\r\nSUMMARY:Planning (new slot)\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nUID:e0@example.com\r\nRECURRENCE-ID;TZID=Europe/Berlin:20260330T090000\r\nDTSTART;TZID=Europe/Berlin:20260330T140000\r\nDTEND;TZID=Europe/Berlin:20260330T141500\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    );
    let expansion = berlin(&text, "2026-03-01", "2026-05-01");
    let mut got: Vec<(String, String, u32, String)> = expansion
        .occurrences
        .iter()
        .map(|o| {
            (
                o.start.format("%m-%d %H:%M").to_string(),
                o.title.clone(),
                o.minutes,
                o.original_start.format("%m-%d %H:%M").to_string(),
            )
        })
        .collect();
    got.sort();
    let row =
        |s: &str, t: &str, m: u32, orig: &str| (s.to_string(), t.to_string(), m, orig.to_string());
    assert_eq!(
        got,
        [
            row("03-02 09:00", "Planning", 60, "03-02 08:00"),
            row("03-09 09:00", "Planning", 60, "03-09 08:00"),
            // The override and everything after it: 10:30, 30 minutes, the new title.
            row("03-16 10:30", "Planning (new slot)", 30, "03-16 08:00"),
            row("03-23 10:30", "Planning (new slot)", 30, "03-23 08:00"),
            // Summer time from 29 March: still 10:30 on the wall clock.
            row("03-30 14:00", "Planning", 15, "03-30 07:00"),
            row("04-06 10:30", "Planning (new slot)", 30, "04-06 07:00"),
        ]
    );
}

#[test]
fn a_cancelled_thisandfuture_override_ends_the_series_there() {
    let text = calendar(&[
        "SUMMARY:Retro\nDTSTART;TZID=Europe/Berlin:20260302T150000\nDURATION:PT1H\nRRULE:FREQ=WEEKLY",
    ])
    .replace(
        "END:VCALENDAR\r\n",
        "BEGIN:VEVENT\r\nUID:e0@example.com\r\nRECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20260316T150000\r\nDTSTART;TZID=Europe/Berlin:20260316T150000\r\nDURATION:PT1H\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    );
    assert_eq!(
        starts(&berlin(&text, "2026-03-01", "2026-04-15")),
        ["2026-03-02 15:00", "2026-03-09 15:00"]
    );
}

#[test]
fn an_rdate_period_keeps_its_own_length() {
    let text = calendar(&[
        "SUMMARY:Review\nDTSTART;TZID=Europe/Berlin:20260302T090000\nDTEND;TZID=Europe/Berlin:20260302T100000\nRDATE;VALUE=PERIOD;TZID=Europe/Berlin:20260304T140000/20260304T143000,20260305T160000/PT45M\nRDATE;TZID=Europe/Berlin:20260306T110000",
    ]);
    let expansion = berlin(&text, "2026-03-02", "2026-03-09");
    let mut got: Vec<(String, u32)> = expansion
        .occurrences
        .iter()
        .map(|o| (o.start.format("%m-%d %H:%M").to_string(), o.minutes))
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("03-02 09:00".to_string(), 60),
            ("03-04 14:00".to_string(), 30),
            ("03-05 16:00".to_string(), 45),
            // A plain RDATE takes the series' length.
            ("03-06 11:00".to_string(), 60),
        ]
    );
}

#[test]
fn a_utc_exdate_removes_the_floating_occurrence_at_that_instant() {
    // Floating 09:00 read in Berlin (UTC+1 in March): 08:00Z is the 3 March meeting.
    let text = calendar(&[
        "SUMMARY:Floating\nDTSTART:20260302T090000\nDURATION:PT30M\nRRULE:FREQ=DAILY;COUNT=4\nEXDATE:20260303T080000Z",
    ]);
    assert_eq!(
        starts(&berlin(&text, "2026-03-02", "2026-03-09")),
        ["2026-03-02 09:00", "2026-03-04 09:00", "2026-03-05 09:00"]
    );
    // The same file read in New York: the floating times follow, and so does the
    // exception only when it is the same instant (08:00Z is 03:00 there).
    let ny = expand_in(&text, "2026-03-02", "2026-03-09", "America/New_York");
    assert_eq!(
        starts(&ny),
        [
            "2026-03-02 09:00",
            "2026-03-03 09:00",
            "2026-03-04 09:00",
            "2026-03-05 09:00"
        ]
    );
}

#[test]
fn a_misspelled_rule_part_skips_the_event_with_a_note() {
    let text = calendar(&[
        "SUMMARY:Typo\nDTSTART;TZID=Europe/Berlin:20260302T090000\nDURATION:PT30M\nRRULE:FREQ=WEEKLY;UNTL=20260310",
        "SUMMARY:Fine\nDTSTART;TZID=Europe/Berlin:20260302T110000\nDURATION:PT30M\nRRULE:FREQ=WEEKLY;X-VENDOR=1",
    ]);
    let expansion = berlin(&text, "2026-06-01", "2026-06-08");
    let titles: Vec<&str> = expansion
        .occurrences
        .iter()
        .map(|o| o.title.as_str())
        .collect();
    assert_eq!(titles, ["Fine"]);
    let note = expansion
        .skipped
        .iter()
        .find(|s| s.what.contains("Typo"))
        .expect("the misspelled rule is listed");
    assert!(note.reason.contains("UNTL"), "{note:?}");
}

#[test]
fn an_exdate_line_over_the_limit_skips_the_event_never_drops_its_exceptions() {
    let exdates: Vec<String> = (2..=20).map(|d| format!("202603{d:02}T090000")).collect();
    let text = calendar(&[
        &format!(
            "SUMMARY:Long exceptions\nDTSTART;TZID=Europe/Berlin:20260302T090000\nDURATION:PT30M\nRRULE:FREQ=DAILY\nEXDATE;TZID=Europe/Berlin:{}",
            exdates.join(",")
        ),
        "SUMMARY:Other\nDTSTART;TZID=Europe/Berlin:20260302T110000\nDURATION:PT30M",
    ]);
    let limits = Limits {
        max_line_bytes: 200,
        ..Limits::default()
    };
    let calendar = ics::parse_with_limits(text.as_bytes(), limits).unwrap();
    let expansion = ics::expand(
        &calendar,
        date("2026-03-02"),
        date("2026-03-09"),
        ics::user_zone("Europe/Berlin").unwrap(),
    );
    let titles: Vec<&str> = expansion
        .occurrences
        .iter()
        .map(|o| o.title.as_str())
        .collect();
    assert_eq!(titles, ["Other"]);
    assert!(
        expansion
            .skipped
            .iter()
            .any(|s| s.what.contains("Long exceptions") && s.reason.contains("EXDATE")),
        "{:?}",
        expansion.skipped
    );

    // More EXDATE values than the list limit: skipped too, not counted without some.
    let limits = Limits {
        max_list_values: 5,
        ..Limits::default()
    };
    let calendar = ics::parse_with_limits(text.as_bytes(), limits).unwrap();
    let expansion = ics::expand(
        &calendar,
        date("2026-03-02"),
        date("2026-03-09"),
        ics::user_zone("Europe/Berlin").unwrap(),
    );
    let titles: Vec<&str> = expansion
        .occurrences
        .iter()
        .map(|o| o.title.as_str())
        .collect();
    assert_eq!(titles, ["Other"]);
    assert!(skipped_says(&expansion, "EXDATE values"));
}

#[test]
fn berlin_keeps_summer_time_after_2099() {
    let text = calendar(&[
        "SUMMARY:Far future\nDTSTART;TZID=Europe/Berlin:20990706T090000\nDURATION:PT1H\nRRULE:FREQ=YEARLY;BYMONTH=1,7;BYDAY=1MO",
    ]);
    for (from, to, want) in [
        ("2100-07-01", "2100-07-10", "2100-07-05T09:00:00+02:00"),
        ("2101-01-01", "2101-01-10", "2101-01-03T09:00:00+01:00"),
        ("2150-07-01", "2150-07-10", "2150-07-06T09:00:00+02:00"),
    ] {
        let expansion = berlin(&text, from, to);
        let got: Vec<String> = expansion
            .occurrences
            .iter()
            .map(|o| o.start.to_rfc3339())
            .collect();
        assert_eq!(got, [want], "{from}");
    }
    // Summer time starts on the last Sunday of March and ends on the last of October.
    let weekly = calendar(&[
        "SUMMARY:Weekly\nDTSTART;TZID=Europe/Berlin:21000301T120000\nDURATION:PT1H\nRRULE:FREQ=WEEKLY",
    ]);
    let utc_hours = |from: &str, to: &str| -> Vec<String> {
        let mut v: Vec<String> = berlin(&weekly, from, to)
            .occurrences
            .iter()
            .map(|o| {
                o.start
                    .with_timezone(&chrono::Utc)
                    .format("%m-%d %H")
                    .to_string()
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        utc_hours("2100-03-20", "2100-04-05"),
        ["03-22 11", "03-29 10"]
    );
    assert_eq!(
        utc_hours("2100-10-20", "2100-11-05"),
        ["10-25 10", "11-01 11"]
    );
}
