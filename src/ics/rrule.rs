//! RRULE: reading the rule and walking its occurrences period by period, on wall-clock
//! times (zones are applied by the caller, so a 09:00 meeting stays at 09:00 across DST).
//!
//! All of RFC 5545 3.3.10: every FREQ (SECONDLY to YEARLY), INTERVAL, COUNT, UNTIL (DATE,
//! UTC or local DATE-TIME), BYSECOND, BYMINUTE, BYHOUR, BYDAY (ordinals such as `2MO` or
//! `-1FR` in MONTHLY and YEARLY), BYMONTHDAY and BYYEARDAY (negative from the end),
//! BYWEEKNO (weeks of at least four days, starting on WKST), BYMONTH, BYSETPOS and WKST,
//! with the RFC's table of which parts expand a period and which limit it. A part the
//! RFC does not define (a misspelling such as `UNTL`) makes the rule unreadable rather
//! than silently endless; `X-` parts and `RSCALE=GREGORIAN` are accepted.
//!
//! Each period costs one step of the caller's budget (and one more per 64 candidate
//! times it holds); sub-daily rules jump over the days, hours and minutes their BY
//! parts rule out, so a `SECONDLY` rule costs what its occurrences cost.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

use super::value::{DateOrTime, parse_date_or_time, split_list};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Freq {
    Secondly,
    Minutely,
    Hourly,
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

impl Freq {
    /// The length of one period of a sub-daily frequency, in seconds.
    fn unit_seconds(self) -> Option<i64> {
        match self {
            Freq::Secondly => Some(1),
            Freq::Minutely => Some(60),
            Freq::Hourly => Some(3600),
            _ => None,
        }
    }
}

/// Where a series stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Until {
    /// Through the end of this date, in the series' zone.
    Date(NaiveDate),
    /// Through this UTC instant, whatever the zone of DTSTART.
    Utc(NaiveDateTime),
    /// Through this wall-clock time in the series' zone.
    Local(NaiveDateTime),
}

/// A BYDAY entry; `ordinal` 0 means every such weekday of the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ByDay {
    pub ordinal: i8,
    pub weekday: Weekday,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rule {
    pub freq: Freq,
    pub interval: u32,
    pub count: Option<u32>,
    pub until: Option<Until>,
    pub by_day: Vec<ByDay>,
    pub by_month_day: Vec<i8>,
    pub by_month: Vec<u32>,
    pub by_year_day: Vec<i16>,
    pub by_week_no: Vec<i8>,
    pub by_hour: Vec<u32>,
    pub by_minute: Vec<u32>,
    pub by_second: Vec<u32>,
    pub by_set_pos: Vec<i32>,
    pub wkst: Weekday,
    /// The times of day a DAILY-or-longer period expands to, sorted (BYHOUR × BYMINUTE ×
    /// BYSECOND, DTSTART's own where a part is absent); for sub-daily rules, the
    /// minutes and seconds (or seconds) each period expands to.
    times: Vec<NaiveTime>,
}

impl Rule {
    /// Whether the series runs forever.
    pub fn is_endless(&self) -> bool {
        self.count.is_none() && self.until.is_none()
    }

    /// Whether the rule repeats more often than daily.
    pub fn is_sub_daily(&self) -> bool {
        self.freq < Freq::Daily
    }
}

fn weekday(s: &str) -> Option<Weekday> {
    Some(match s.to_ascii_uppercase().as_str() {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

fn int_in<T: std::str::FromStr + PartialOrd + Copy>(
    s: &str,
    range: std::ops::RangeInclusive<T>,
) -> Option<T> {
    let s = s.trim();
    let s = s.strip_prefix('+').unwrap_or(s);
    let n: T = s.parse().ok()?;
    range.contains(&n).then_some(n)
}

/// Lists are capped: no sensible rule needs more values than this.
const MAX_LIST: usize = 400;

fn list<T: Ord>(
    key: &str,
    value: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Vec<T>, String> {
    let mut out = Vec::new();
    for item in split_list(value).take(MAX_LIST) {
        out.push(
            parse(item).ok_or_else(|| {
                format!("{key} value '{}' is not valid", super::lines::short(item))
            })?,
        );
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// Reads an RRULE value. `start` is the series' DTSTART, whose time fills in the BYHOUR,
/// BYMINUTE and BYSECOND a rule leaves out.
pub(crate) fn parse_rule(text: &str, start: NaiveDateTime) -> Result<Rule, String> {
    let mut rule = Rule {
        freq: Freq::Daily,
        interval: 1,
        count: None,
        until: None,
        by_day: Vec::new(),
        by_month_day: Vec::new(),
        by_month: Vec::new(),
        by_year_day: Vec::new(),
        by_week_no: Vec::new(),
        by_hour: Vec::new(),
        by_minute: Vec::new(),
        by_second: Vec::new(),
        by_set_pos: Vec::new(),
        wkst: Weekday::Mon,
        times: Vec::new(),
    };
    let mut freq = None;
    let mut seen: Vec<String> = Vec::new();
    for part in text.trim().split(';').filter(|p| !p.trim().is_empty()) {
        let (key, value) = part
            .split_once('=')
            .ok_or_else(|| format!("RRULE part '{}' has no '='", super::lines::short(part)))?;
        let key = key.trim().to_ascii_uppercase();
        let value = value.trim();
        if !key.starts_with("X-") {
            if seen.contains(&key) {
                return Err(format!("{} is given twice", super::lines::short(&key)));
            }
            seen.push(key.clone());
        }
        match key.as_str() {
            "FREQ" => {
                freq = Some(match value.to_ascii_uppercase().as_str() {
                    "SECONDLY" => Freq::Secondly,
                    "MINUTELY" => Freq::Minutely,
                    "HOURLY" => Freq::Hourly,
                    "DAILY" => Freq::Daily,
                    "WEEKLY" => Freq::Weekly,
                    "MONTHLY" => Freq::Monthly,
                    "YEARLY" => Freq::Yearly,
                    _ => {
                        return Err(format!(
                            "FREQ '{}' is not valid",
                            super::lines::short(value)
                        ));
                    }
                });
            }
            "INTERVAL" => {
                rule.interval = int_in(value, 1..=1_000_000).ok_or_else(|| {
                    format!("INTERVAL '{}' is not valid", super::lines::short(value))
                })?;
            }
            "COUNT" => {
                rule.count = Some(int_in(value, 1..=u32::MAX).ok_or_else(|| {
                    format!("COUNT '{}' is not valid", super::lines::short(value))
                })?);
            }
            "UNTIL" => {
                rule.until = Some(match parse_date_or_time(value, None) {
                    Some(DateOrTime::Date(d)) => Until::Date(d),
                    Some(DateOrTime::DateTime { local, utc: true }) => Until::Utc(local),
                    Some(DateOrTime::DateTime { local, utc: false }) => Until::Local(local),
                    None => {
                        return Err(format!(
                            "UNTIL '{}' is not a date",
                            super::lines::short(value)
                        ));
                    }
                });
            }
            "BYDAY" => {
                let mut days = Vec::new();
                for item in split_list(value).take(MAX_LIST) {
                    let parsed = (|| {
                        let split = item.len().checked_sub(2)?;
                        let wd = weekday(item.get(split..)?)?;
                        let ord = item.get(..split)?;
                        let ordinal = if ord.is_empty() {
                            0
                        } else {
                            let n: i8 = int_in(ord, -53..=53)?;
                            if n == 0 {
                                return None;
                            }
                            n
                        };
                        Some(ByDay {
                            ordinal,
                            weekday: wd,
                        })
                    })();
                    let day = parsed.ok_or_else(|| {
                        format!("BYDAY value '{}' is not valid", super::lines::short(item))
                    })?;
                    if !days.contains(&day) {
                        days.push(day);
                    }
                }
                rule.by_day = days;
            }
            "BYMONTHDAY" => {
                rule.by_month_day = list("BYMONTHDAY", value, |item| {
                    int_in::<i8>(item, -31..=31).filter(|n| *n != 0)
                })?;
            }
            "BYYEARDAY" => {
                rule.by_year_day = list("BYYEARDAY", value, |item| {
                    int_in::<i16>(item, -366..=366).filter(|n| *n != 0)
                })?;
            }
            "BYWEEKNO" => {
                rule.by_week_no = list("BYWEEKNO", value, |item| {
                    int_in::<i8>(item, -53..=53).filter(|n| *n != 0)
                })?;
            }
            "BYMONTH" => rule.by_month = list("BYMONTH", value, |item| int_in(item, 1..=12))?,
            "BYHOUR" => rule.by_hour = list("BYHOUR", value, |item| int_in(item, 0..=23))?,
            "BYMINUTE" => rule.by_minute = list("BYMINUTE", value, |item| int_in(item, 0..=59))?,
            // A leap second (60) reads as the last second of its minute.
            "BYSECOND" => {
                rule.by_second = list("BYSECOND", value, |item| {
                    int_in::<u32>(item, 0..=60).map(|s| s.min(59))
                })?;
            }
            "BYSETPOS" => {
                rule.by_set_pos = list("BYSETPOS", value, |item| {
                    int_in::<i32>(item, -366..=366).filter(|n| *n != 0)
                })?;
            }
            "WKST" => {
                rule.wkst = weekday(value).ok_or_else(|| {
                    format!("WKST '{}' is not a weekday", super::lines::short(value))
                })?;
            }
            // RFC 7529: only the Gregorian calendar is read.
            "RSCALE" if value.eq_ignore_ascii_case("GREGORIAN") => {}
            "SKIP" if value.eq_ignore_ascii_case("OMIT") => {}
            // Extensions do not change the dates.
            k if k.starts_with("X-") => {}
            other => {
                return Err(format!(
                    "'{}' is not a recurrence rule part (a misspelling?)",
                    super::lines::short(other)
                ));
            }
        }
    }
    rule.freq = freq.ok_or("RRULE has no FREQ")?;
    // COUNT and UNTIL together break the RFC; the series ends at whichever comes first.
    rule.times = rule.expansion_times(start.time());
    Ok(rule)
}

fn hms(h: u32, m: u32, s: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(h, m, s)
}

impl Rule {
    fn expansion_times(&self, start: NaiveTime) -> Vec<NaiveTime> {
        let own = |list: &[u32], value: u32| {
            if list.is_empty() {
                vec![value]
            } else {
                list.to_vec()
            }
        };
        let seconds = own(&self.by_second, start.second());
        let minutes = own(&self.by_minute, start.minute());
        let hours = own(&self.by_hour, start.hour());
        let mut out = Vec::new();
        match self.freq {
            // One candidate per period: the period's own second.
            Freq::Secondly => {}
            Freq::Minutely => out.extend(seconds.iter().filter_map(|s| hms(0, 0, *s))),
            Freq::Hourly => {
                for m in &minutes {
                    out.extend(seconds.iter().filter_map(|s| hms(0, *m, *s)));
                }
            }
            _ => {
                for h in &hours {
                    for m in &minutes {
                        out.extend(seconds.iter().filter_map(|s| hms(*h, *m, *s)));
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)
        .and_then(|d| d.pred_opt())
        .map_or(28, |d| d.day())
}

fn days_in_year(year: i32) -> i64 {
    if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
        366
    } else {
        365
    }
}

fn add_days(d: NaiveDate, days: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(days)?)
}

/// The first day of week 1 of `year`: the week (starting on `wkst`) that holds 4 January,
/// that is the first with at least four days in the year.
fn week_one(year: i32, wkst: Weekday) -> Option<NaiveDate> {
    let jan4 = NaiveDate::from_ymd_opt(year, 1, 4)?;
    add_days(jan4, -i64::from(jan4.weekday().days_since(wkst)))
}

/// The week-numbering year of `d` and its week number in it (1-based), weeks on `wkst`.
fn week_number(d: NaiveDate, wkst: Weekday) -> Option<(i32, i64, i64)> {
    let mut year = d.year();
    let mut first = week_one(year, wkst)?;
    if d < first {
        year -= 1;
        first = week_one(year, wkst)?;
    } else {
        let next = week_one(year + 1, wkst)?;
        if d >= next {
            year += 1;
            first = next;
        }
    }
    let weeks = (week_one(year + 1, wkst)? - first).num_days() / 7;
    Some((year, (d - first).num_days() / 7 + 1, weeks))
}

/// Day `md` of a month, counting from the end when negative.
fn month_day_matches(d: NaiveDate, md: i8) -> bool {
    let day = i64::from(d.day());
    let len = i64::from(days_in_month(d.year(), d.month()));
    let md = i64::from(md);
    md == day || md == day - len - 1
}

fn year_day_matches(d: NaiveDate, yd: i16) -> bool {
    let day = i64::from(d.ordinal());
    let yd = i64::from(yd);
    yd == day || yd == day - days_in_year(d.year()) - 1
}

impl Rule {
    /// Whether the rule's BYxxx parts that concern whole days let `d` through, for a
    /// period of this rule's frequency (ordinals count within the month or the year).
    fn day_matches(&self, d: NaiveDate) -> bool {
        if !self.by_month.is_empty() && !self.by_month.contains(&d.month()) {
            return false;
        }
        if !self.by_week_no.is_empty() {
            let Some((_, week, weeks)) = week_number(d, self.wkst) else {
                return false;
            };
            if !self
                .by_week_no
                .iter()
                .any(|w| i64::from(*w) == week || i64::from(*w) == week - weeks - 1)
            {
                return false;
            }
        }
        if !self.by_year_day.is_empty() && !self.by_year_day.iter().any(|y| year_day_matches(d, *y))
        {
            return false;
        }
        if !self.by_month_day.is_empty()
            && !self.by_month_day.iter().any(|m| month_day_matches(d, *m))
        {
            return false;
        }
        self.weekday_matches(d)
    }

    fn weekday_matches(&self, d: NaiveDate) -> bool {
        if self.by_day.is_empty() {
            return true;
        }
        let wd = d.weekday();
        let ordinals_count = matches!(self.freq, Freq::Monthly | Freq::Yearly);
        self.by_day.iter().any(|b| {
            if b.weekday != wd {
                return false;
            }
            if b.ordinal == 0 || !ordinals_count {
                return true;
            }
            // Ordinals count within the month (MONTHLY, or YEARLY with BYMONTH), else
            // within the year.
            let (first, last) = if self.freq == Freq::Monthly || !self.by_month.is_empty() {
                (
                    NaiveDate::from_ymd_opt(d.year(), d.month(), 1),
                    NaiveDate::from_ymd_opt(
                        d.year(),
                        d.month(),
                        days_in_month(d.year(), d.month()),
                    ),
                )
            } else {
                (
                    NaiveDate::from_ymd_opt(d.year(), 1, 1),
                    NaiveDate::from_ymd_opt(d.year(), 12, 31),
                )
            };
            let (Some(first), Some(last)) = (first, last) else {
                return false;
            };
            let n = i64::from(b.ordinal);
            n == (d - first).num_days() / 7 + 1 || n == -((last - d).num_days() / 7 + 1)
        })
    }

    /// The days of the period that begins on `period` (a DAILY-or-longer rule), sorted.
    fn period_days(&self, period: NaiveDate, start: NaiveDate, out: &mut Vec<NaiveDate>) {
        out.clear();
        let no_day_parts = self.by_week_no.is_empty()
            && self.by_year_day.is_empty()
            && self.by_month_day.is_empty()
            && self.by_day.is_empty();
        let (first, len): (NaiveDate, i64) = match self.freq {
            Freq::Weekly => (period, 7),
            Freq::Monthly => (
                period,
                i64::from(days_in_month(period.year(), period.month())),
            ),
            Freq::Yearly if !self.by_week_no.is_empty() => {
                let (Some(a), Some(b)) = (
                    week_one(period.year(), self.wkst),
                    week_one(period.year() + 1, self.wkst),
                ) else {
                    return;
                };
                (a, (b - a).num_days())
            }
            Freq::Yearly => (period, days_in_year(period.year())),
            _ => (period, 1),
        };
        if no_day_parts {
            // The RFC's defaults: DTSTART's weekday, day of the month, month.
            match self.freq {
                Freq::Weekly => {
                    if let Some(d) =
                        add_days(period, i64::from(start.weekday().days_since(self.wkst)))
                        && self.day_matches(d)
                    {
                        out.push(d);
                    }
                    return;
                }
                Freq::Monthly => {
                    if let Some(d) =
                        NaiveDate::from_ymd_opt(period.year(), period.month(), start.day())
                        && self.day_matches(d)
                    {
                        out.push(d);
                    }
                    return;
                }
                Freq::Yearly => {
                    let months: Vec<u32> = if self.by_month.is_empty() {
                        vec![start.month()]
                    } else {
                        self.by_month.clone()
                    };
                    for m in months {
                        if let Some(d) = NaiveDate::from_ymd_opt(period.year(), m, start.day()) {
                            out.push(d);
                        }
                    }
                    return;
                }
                _ => {}
            }
        }
        // A YEARLY rule with months only needs to look at those months.
        if self.freq == Freq::Yearly && self.by_week_no.is_empty() && !self.by_month.is_empty() {
            for m in &self.by_month {
                let Some(month_first) = NaiveDate::from_ymd_opt(period.year(), *m, 1) else {
                    continue;
                };
                for i in 0..i64::from(days_in_month(period.year(), *m)) {
                    if let Some(d) = add_days(month_first, i)
                        && self.day_matches(d)
                    {
                        out.push(d);
                    }
                }
            }
            return;
        }
        for i in 0..len {
            if let Some(d) = add_days(first, i)
                && self.day_matches(d)
            {
                out.push(d);
            }
        }
    }

    /// Whether a sub-daily rule's limits let the hour, minute and second of `t` through.
    fn time_matches(&self, t: NaiveDateTime) -> bool {
        (self.by_hour.is_empty() || self.by_hour.contains(&t.hour()))
            && (self.freq > Freq::Minutely
                || self.by_minute.is_empty()
                || self.by_minute.contains(&t.minute()))
            && (self.freq > Freq::Secondly
                || self.by_second.is_empty()
                || self.by_second.contains(&t.second()))
    }

    /// The candidate times of period `period`, sorted, BYSETPOS applied.
    fn period_times(
        &self,
        period: NaiveDateTime,
        start: NaiveDate,
        days: &mut Vec<NaiveDate>,
        out: &mut Vec<NaiveDateTime>,
    ) {
        out.clear();
        if self.is_sub_daily() {
            if !self.day_matches(period.date()) || !self.time_matches(period) {
                return;
            }
            if self.freq == Freq::Secondly {
                out.push(period);
            } else {
                // The minutes and seconds within the period's hour (or minute).
                for t in &self.times {
                    let offset = i64::from(t.num_seconds_from_midnight());
                    if let Some(at) = period.checked_add_signed(Duration::seconds(offset)) {
                        out.push(at);
                    }
                }
            }
        } else {
            self.period_days(period.date(), start, days);
            for d in days.iter() {
                out.extend(self.times.iter().map(|t| d.and_time(*t)));
            }
        }
        self.apply_set_pos(out);
    }

    fn apply_set_pos(&self, out: &mut Vec<NaiveDateTime>) {
        if self.by_set_pos.is_empty() || out.is_empty() {
            return;
        }
        let len = i64::try_from(out.len()).unwrap_or(i64::MAX);
        let mut picked: Vec<NaiveDateTime> = self
            .by_set_pos
            .iter()
            .filter_map(|pos| {
                let pos = i64::from(*pos);
                let index = if pos > 0 { pos - 1 } else { len + pos };
                usize::try_from(index)
                    .ok()
                    .and_then(|i| out.get(i).copied())
            })
            .collect();
        picked.sort_unstable();
        picked.dedup();
        *out = picked;
    }

    /// How many candidates a period may hold at most, to charge before building them.
    fn period_size(&self) -> usize {
        let days = match self.freq {
            Freq::Yearly => 371,
            Freq::Monthly => 31,
            Freq::Weekly => 7,
            _ => 1,
        };
        days * self.times.len().max(1)
    }

    /// How many occurrences every full period yields, when that is the same for all
    /// periods (so a COUNT can be skipped through arithmetically). `None` when it varies.
    fn per_period(&self, start: NaiveDate) -> Option<u64> {
        if !self.by_set_pos.is_empty()
            || !self.by_month.is_empty()
            || !self.by_week_no.is_empty()
            || !self.by_year_day.is_empty()
        {
            return None;
        }
        let times = u64::try_from(self.times.len()).ok()?;
        let distinct = |n: usize| u64::try_from(n).ok().map(|n| n * times);
        match self.freq {
            Freq::Secondly | Freq::Minutely | Freq::Hourly => {
                let limited = !self.by_day.is_empty()
                    || !self.by_month_day.is_empty()
                    || !self.by_hour.is_empty()
                    || (self.freq <= Freq::Minutely && !self.by_minute.is_empty())
                    || (self.freq == Freq::Secondly && !self.by_second.is_empty());
                if limited {
                    None
                } else if self.freq == Freq::Secondly {
                    Some(1)
                } else {
                    Some(times)
                }
            }
            Freq::Daily => {
                (self.by_day.is_empty() && self.by_month_day.is_empty()).then_some(times)
            }
            Freq::Weekly => {
                if !self.by_month_day.is_empty() {
                    None
                } else if self.by_day.is_empty() {
                    Some(times)
                } else {
                    let mut days: Vec<u32> = self
                        .by_day
                        .iter()
                        .map(|b| b.weekday.num_days_from_monday())
                        .collect();
                    days.sort_unstable();
                    days.dedup();
                    distinct(days.len())
                }
            }
            Freq::Monthly => {
                if self.by_day.is_empty() && self.by_month_day.is_empty() {
                    (start.day() <= 28).then_some(times)
                } else if self.by_day.is_empty() {
                    if self.by_month_day.iter().all(|d| (1..=28).contains(d)) {
                        distinct(self.by_month_day.len())
                    } else {
                        None
                    }
                } else if self.by_month_day.is_empty()
                    && (self.by_day.iter().all(|b| (1..=4).contains(&b.ordinal))
                        || self.by_day.iter().all(|b| (-4..=-1).contains(&b.ordinal)))
                {
                    distinct(self.by_day.len())
                } else {
                    None
                }
            }
            Freq::Yearly => (self.by_day.is_empty()
                && self.by_month_day.is_empty()
                && !(start.month() == 2 && start.day() == 29))
                .then_some(times),
        }
    }

    fn week_start(&self, d: NaiveDate) -> NaiveDate {
        add_days(d, -i64::from(d.weekday().days_since(self.wkst))).unwrap_or(d)
    }

    /// The start of the period of DTSTART, truncated to the frequency's unit.
    fn base(&self, start: NaiveDateTime) -> NaiveDateTime {
        let date = start.date();
        let midnight = |d: NaiveDate| d.and_time(NaiveTime::MIN);
        match self.freq {
            Freq::Secondly => start.with_nanosecond(0).unwrap_or(start),
            Freq::Minutely => {
                date.and_time(hms(start.hour(), start.minute(), 0).unwrap_or_default())
            }
            Freq::Hourly => date.and_time(hms(start.hour(), 0, 0).unwrap_or_default()),
            Freq::Daily => midnight(date),
            Freq::Weekly => midnight(self.week_start(date)),
            Freq::Monthly => midnight(date.with_day(1).unwrap_or(date)),
            Freq::Yearly => midnight(date.with_ordinal(1).unwrap_or(date)),
        }
    }

    /// The start of period `k` (0 is the period of DTSTART).
    fn period_start(&self, start: NaiveDateTime, k: i64) -> Option<NaiveDateTime> {
        let base = self.base(start);
        let date = base.date();
        if let Some(unit) = self.freq.unit_seconds() {
            return base.checked_add_signed(Duration::try_seconds(k.checked_mul(unit)?)?);
        }
        let day = match self.freq {
            Freq::Daily => add_days(date, k)?,
            Freq::Weekly => add_days(date, k.checked_mul(7)?)?,
            Freq::Monthly => {
                let index = i64::from(date.year())
                    .checked_mul(12)?
                    .checked_add(i64::from(date.month0()))?
                    .checked_add(k)?;
                let year = i32::try_from(index.div_euclid(12)).ok()?;
                let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
                NaiveDate::from_ymd_opt(year, month, 1)?
            }
            _ => {
                let year = i32::try_from(i64::from(date.year()).checked_add(k)?).ok()?;
                NaiveDate::from_ymd_opt(year, 1, 1)?
            }
        };
        Some(day.and_time(NaiveTime::MIN))
    }

    /// The index of the period that contains `t` (negative before DTSTART's).
    fn period_index(&self, start: NaiveDateTime, t: NaiveDateTime) -> i64 {
        let base = self.base(start);
        if let Some(unit) = self.freq.unit_seconds() {
            return (t - base).num_seconds().div_euclid(unit);
        }
        let (s, d) = (base.date(), t.date());
        match self.freq {
            Freq::Daily => (d - s).num_days(),
            Freq::Weekly => (self.week_start(d) - s).num_days().div_euclid(7),
            Freq::Monthly => {
                (i64::from(d.year()) * 12 + i64::from(d.month0()))
                    - (i64::from(s.year()) * 12 + i64::from(s.month0()))
            }
            _ => i64::from(d.year()) - i64::from(s.year()),
        }
    }

    /// For a sub-daily period that holds nothing: the first later time that may (the
    /// next day, hour or minute when the day, hour or minute is ruled out).
    fn next_worth_trying(&self, period: NaiveDateTime) -> Option<NaiveDateTime> {
        let date = period.date();
        if !self.day_matches(date) {
            return Some(date.succ_opt()?.and_time(NaiveTime::MIN));
        }
        if !self.by_hour.is_empty() && !self.by_hour.contains(&period.hour()) {
            return period
                .date()
                .and_time(hms(period.hour(), 0, 0)?)
                .checked_add_signed(Duration::hours(1));
        }
        if self.freq <= Freq::Minutely
            && !self.by_minute.is_empty()
            && !self.by_minute.contains(&period.minute())
        {
            return period
                .date()
                .and_time(hms(period.hour(), period.minute(), 0)?)
                .checked_add_signed(Duration::minutes(1));
        }
        None
    }
}

/// The candidate dates of a YEARLY rule in one year (for VTIMEZONE observances).
pub(crate) fn year_dates(rule: &Rule, year: i32, start: NaiveDate, out: &mut Vec<NaiveDate>) {
    out.clear();
    if let Some(first) = NaiveDate::from_ymd_opt(year, 1, 1) {
        rule.period_days(first, start, out);
    }
}

/// How a walk ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WalkEnd {
    /// The series ended, passed `stop_after`, or the visitor asked to stop.
    Done,
    /// The step budget ran out first.
    StepLimit,
}

/// A walk over the occurrences of one rule.
pub(crate) struct Walk<'a> {
    pub rule: &'a Rule,
    /// DTSTART as wall-clock time in the series' zone; always the first occurrence.
    pub start: NaiveDateTime,
    /// Nothing before this wall-clock time is wanted: whole periods before it may be
    /// skipped.
    pub skip_to: Option<NaiveDateTime>,
    /// Nothing after this date is wanted.
    pub stop_after: NaiveDate,
}

/// Candidates per step charged for a period's times.
const CANDIDATES_PER_STEP: usize = 64;

impl Walk<'_> {
    /// Calls `emit` with each occurrence in order, while `within_until` holds and `emit`
    /// returns true; every period looked at costs one of `steps`.
    pub(crate) fn run(
        &self,
        steps: &mut u64,
        within_until: &dyn Fn(NaiveDateTime) -> bool,
        emit: &mut dyn FnMut(NaiveDateTime) -> bool,
    ) -> WalkEnd {
        let rule = self.rule;
        let start_date = self.start.date();
        if !emit(self.start) {
            return WalkEnd::Done;
        }
        let mut produced: u64 = 1;
        let count = rule.count.map(u64::from);
        if count.is_some_and(|c| produced >= c) {
            return WalkEnd::Done;
        }
        let interval = i64::from(rule.interval.max(1));
        let mut days = Vec::new();
        let mut times = Vec::new();
        let mut k: i64 = 0;
        let charge = u64::try_from(rule.period_size() / CANDIDATES_PER_STEP).unwrap_or(u64::MAX);

        if let Some(target) = self.skip_to {
            let index = rule.period_index(self.start, target);
            let skip = index.div_euclid(interval) * interval;
            if skip > 0 {
                match count {
                    None => k = skip,
                    Some(c) => {
                        if let Some(n) = rule.per_period(start_date) {
                            rule.period_times(
                                rule.base(self.start),
                                start_date,
                                &mut days,
                                &mut times,
                            );
                            let first = times.iter().filter(|t| **t > self.start).count();
                            let first = u64::try_from(first).unwrap_or(0);
                            let periods = u64::try_from(skip / interval).unwrap_or(0);
                            let used = produced
                                .saturating_add(first)
                                .saturating_add(periods.saturating_sub(1).saturating_mul(n));
                            if used >= c {
                                return WalkEnd::Done;
                            }
                            produced = used;
                            k = skip;
                        }
                    }
                }
            }
        }

        loop {
            if *steps <= charge {
                return WalkEnd::StepLimit;
            }
            *steps -= 1 + charge;
            let Some(period) = rule.period_start(self.start, k) else {
                return WalkEnd::Done;
            };
            if period.date() > self.stop_after {
                return WalkEnd::Done;
            }
            rule.period_times(period, start_date, &mut days, &mut times);
            if times.is_empty()
                && rule.is_sub_daily()
                && let Some(next) = rule.next_worth_trying(period)
            {
                // Jump to the first period at or after `next` that the interval keeps.
                let target = rule.period_index(self.start, next);
                let aligned = target.div_euclid(interval) * interval;
                let aligned = if aligned < target {
                    aligned.checked_add(interval)
                } else {
                    Some(aligned)
                };
                match aligned {
                    Some(a) if a > k => {
                        k = a;
                        continue;
                    }
                    _ => {}
                }
            }
            for t in &times {
                if *t <= self.start {
                    continue;
                }
                if !within_until(*t) || !emit(*t) {
                    return WalkEnd::Done;
                }
                produced += 1;
                if count.is_some_and(|c| produced >= c) {
                    return WalkEnd::Done;
                }
            }
            let Some(next) = k.checked_add(interval) else {
                return WalkEnd::Done;
            };
            k = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn at(y: i32, m: u32, day: u32, h: u32) -> NaiveDateTime {
        d(y, m, day).and_hms_opt(h, 0, 0).unwrap()
    }

    /// All occurrences (local) of a rule from `start`, up to `stop_after`.
    fn occurrences(
        rule: &str,
        start: NaiveDateTime,
        skip_to: Option<NaiveDate>,
        stop_after: NaiveDate,
    ) -> Vec<NaiveDateTime> {
        let skip_to = skip_to.map(|d| d.and_time(NaiveTime::MIN));
        let rule = parse_rule(rule, start).unwrap();
        let until = rule.until;
        let within = move |t: NaiveDateTime| match until {
            None => true,
            Some(Until::Date(u)) => t.date() <= u,
            Some(Until::Local(u) | Until::Utc(u)) => t <= u,
        };
        let mut out = Vec::new();
        let mut steps = 100_000;
        let end = Walk {
            rule: &rule,
            start,
            skip_to,
            stop_after,
        }
        .run(&mut steps, &within, &mut |t| {
            out.push(t);
            true
        });
        assert_eq!(end, WalkEnd::Done);
        out
    }

    fn dates(v: &[NaiveDateTime]) -> Vec<String> {
        v.iter().map(|t| t.format("%Y-%m-%d").to_string()).collect()
    }

    #[test]
    fn weekly_with_byday_and_count() {
        // Mon 2 March 2026, Mon/Wed, 5 occurrences.
        let got = occurrences(
            "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=5",
            at(2026, 3, 2, 9),
            None,
            d(2027, 1, 1),
        );
        assert_eq!(
            dates(&got),
            [
                "2026-03-02",
                "2026-03-04",
                "2026-03-09",
                "2026-03-11",
                "2026-03-16"
            ]
        );
    }

    #[test]
    fn biweekly_honours_wkst() {
        // RFC 5545 example: WKST changes which weeks count for INTERVAL=2.
        let mo = occurrences(
            "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO",
            at(1997, 8, 5, 9),
            None,
            d(1998, 1, 1),
        );
        assert_eq!(
            dates(&mo),
            ["1997-08-05", "1997-08-10", "1997-08-19", "1997-08-24"]
        );
        let su = occurrences(
            "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU",
            at(1997, 8, 5, 9),
            None,
            d(1998, 1, 1),
        );
        assert_eq!(
            dates(&su),
            ["1997-08-05", "1997-08-17", "1997-08-19", "1997-08-31"]
        );
    }

    #[test]
    fn monthly_ordinals_and_negative_monthdays() {
        let second_monday = occurrences(
            "FREQ=MONTHLY;BYDAY=2MO;COUNT=4",
            at(2026, 1, 12, 10),
            None,
            d(2027, 1, 1),
        );
        assert_eq!(
            dates(&second_monday),
            ["2026-01-12", "2026-02-09", "2026-03-09", "2026-04-13"]
        );
        let last_friday = occurrences(
            "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20260501",
            at(2026, 1, 30, 16),
            None,
            d(2027, 1, 1),
        );
        assert_eq!(
            dates(&last_friday),
            ["2026-01-30", "2026-02-27", "2026-03-27", "2026-04-24"]
        );
        let last_day = occurrences(
            "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3",
            at(2026, 1, 31, 17),
            None,
            d(2027, 1, 1),
        );
        assert_eq!(dates(&last_day), ["2026-01-31", "2026-02-28", "2026-03-31"]);
        // The 31st skips months that do not have one.
        let thirty_first = occurrences(
            "FREQ=MONTHLY;COUNT=3",
            at(2026, 1, 31, 17),
            None,
            d(2027, 1, 1),
        );
        assert_eq!(
            dates(&thirty_first),
            ["2026-01-31", "2026-03-31", "2026-05-31"]
        );
        // Last weekday of the month, the Outlook way.
        let last_workday = occurrences(
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3",
            at(2026, 1, 30, 9),
            None,
            d(2027, 1, 1),
        );
        assert_eq!(
            dates(&last_workday),
            ["2026-01-30", "2026-02-27", "2026-03-31"]
        );
    }

    #[test]
    fn yearly_rules() {
        let dst = occurrences(
            "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
            at(2024, 3, 31, 2),
            None,
            d(2026, 12, 31),
        );
        assert_eq!(dates(&dst), ["2024-03-31", "2025-03-30", "2026-03-29"]);
        let thanksgiving = occurrences(
            "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH;COUNT=2",
            at(2025, 11, 27, 12),
            None,
            d(2030, 1, 1),
        );
        assert_eq!(dates(&thanksgiving), ["2025-11-27", "2026-11-26"]);
        let leap = occurrences(
            "FREQ=YEARLY;COUNT=2",
            at(2024, 2, 29, 12),
            None,
            d(2040, 1, 1),
        );
        assert_eq!(dates(&leap), ["2024-02-29", "2028-02-29"]);
    }

    #[test]
    fn daily_with_interval_until_and_byday() {
        let got = occurrences(
            "FREQ=DAILY;INTERVAL=2;UNTIL=20260310T090000",
            at(2026, 3, 2, 9),
            None,
            d(2027, 1, 1),
        );
        assert_eq!(
            dates(&got),
            [
                "2026-03-02",
                "2026-03-04",
                "2026-03-06",
                "2026-03-08",
                "2026-03-10"
            ]
        );
        let weekdays = occurrences(
            "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=6",
            at(2026, 3, 5, 9),
            None,
            d(2027, 1, 1),
        );
        assert_eq!(
            dates(&weekdays),
            [
                "2026-03-05",
                "2026-03-06",
                "2026-03-09",
                "2026-03-10",
                "2026-03-11",
                "2026-03-12"
            ]
        );
    }

    #[test]
    fn skipping_ahead_gives_the_same_dates() {
        let window = d(2031, 6, 1);
        for rule in [
            "FREQ=DAILY",
            "FREQ=DAILY;COUNT=2000",
            "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=600",
            "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,FR",
            "FREQ=MONTHLY;BYDAY=2MO,-1FR;COUNT=150",
            "FREQ=MONTHLY;BYMONTHDAY=3,17;COUNT=150",
            "FREQ=MONTHLY;INTERVAL=5;COUNT=40",
            "FREQ=YEARLY;COUNT=40",
            "FREQ=HOURLY;INTERVAL=5;COUNT=20000",
            "FREQ=HOURLY;INTERVAL=7",
            "FREQ=DAILY;BYHOUR=9,15;BYMINUTE=0,30;COUNT=9000",
            "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=8,17;COUNT=1200",
        ] {
            let start = at(2026, 1, 8, 9);
            let stop = d(2031, 9, 1);
            let full: Vec<_> = occurrences(rule, start, None, stop)
                .into_iter()
                .filter(|t| t.date() >= window)
                .collect();
            let fast: Vec<_> = occurrences(rule, start, Some(window), stop)
                .into_iter()
                .filter(|t| t.date() >= window)
                .collect();
            assert_eq!(full, fast, "{rule}");
        }
    }

    #[test]
    fn refuses_what_it_cannot_do() {
        let start = at(2026, 3, 2, 9);
        assert!(parse_rule("FREQ=HOURLY", start).is_ok());
        assert!(
            parse_rule("FREQ=WEEKLY;UNTL=20260401", start)
                .unwrap_err()
                .contains("UNTL")
        );
        assert!(parse_rule("FREQ=FORTNIGHTLY", start).is_err());
        assert!(parse_rule("INTERVAL=2", start).is_err());
        assert!(parse_rule("FREQ=WEEKLY;INTERVAL=0", start).is_err());
        assert!(parse_rule("FREQ=WEEKLY;BYDAY=XX", start).is_err());
        assert!(parse_rule("FREQ=YEARLY;BYWEEKNO=20", start).is_ok());
        assert!(parse_rule("FREQ=YEARLY;BYWEEKNO=54", start).is_err());
        assert!(parse_rule("FREQ=DAILY;BYHOUR=9;BYMINUTE=0", start).is_ok());
        assert!(parse_rule("FREQ=DAILY;BYHOUR=24", start).is_err());
        assert!(parse_rule("FREQ=DAILY;COUNT=2;COUNT=3", start).is_err());
        assert!(parse_rule("FREQ=DAILY;X-NAME=1;COUNT=3", start).is_ok());
    }
}
