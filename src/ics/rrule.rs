//! RRULE: reading the rule and walking its occurrences period by period, on wall-clock
//! dates (zones are applied by the caller, so a 09:00 meeting stays at 09:00 across DST).
//!
//! Supported: FREQ=DAILY/WEEKLY/MONTHLY/YEARLY, INTERVAL, COUNT, UNTIL (DATE, UTC or
//! local DATE-TIME), BYDAY (with ordinals such as `2MO` or `-1FR` in MONTHLY and YEARLY),
//! BYMONTHDAY (negative from the month's end), BYMONTH, BYSETPOS and WKST. BYHOUR,
//! BYMINUTE and BYSECOND are accepted when they only repeat DTSTART's time. BYYEARDAY,
//! BYWEEKNO and sub-daily frequencies are refused with a reason.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike, Weekday};

use super::value::{DateOrTime, parse_date_or_time, split_list};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Freq {
    Daily,
    Weekly,
    Monthly,
    Yearly,
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
    pub by_set_pos: Vec<i32>,
    pub wkst: Weekday,
}

impl Rule {
    /// Whether the series runs forever.
    pub fn is_endless(&self) -> bool {
        self.count.is_none() && self.until.is_none()
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

fn list<T>(key: &str, value: &str, parse: impl Fn(&str) -> Option<T>) -> Result<Vec<T>, String> {
    let mut out = Vec::new();
    for item in split_list(value).take(MAX_LIST) {
        out.push(
            parse(item).ok_or_else(|| {
                format!("{key} value '{}' is not valid", super::lines::short(item))
            })?,
        );
    }
    Ok(out)
}

/// Reads an RRULE value. `start` is the series' DTSTART, to check BYHOUR and friends.
pub(crate) fn parse_rule(text: &str, start: NaiveDateTime) -> Result<Rule, String> {
    let mut rule = Rule {
        freq: Freq::Daily,
        interval: 1,
        count: None,
        until: None,
        by_day: Vec::new(),
        by_month_day: Vec::new(),
        by_month: Vec::new(),
        by_set_pos: Vec::new(),
        wkst: Weekday::Mon,
    };
    let mut freq = None;
    for part in text.trim().split(';').filter(|p| !p.trim().is_empty()) {
        let (key, value) = part
            .split_once('=')
            .ok_or_else(|| format!("RRULE part '{}' has no '='", super::lines::short(part)))?;
        let key = key.trim().to_ascii_uppercase();
        let value = value.trim();
        match key.as_str() {
            "FREQ" => {
                freq = Some(match value.to_ascii_uppercase().as_str() {
                    "DAILY" => Freq::Daily,
                    "WEEKLY" => Freq::Weekly,
                    "MONTHLY" => Freq::Monthly,
                    "YEARLY" => Freq::Yearly,
                    "HOURLY" | "MINUTELY" | "SECONDLY" => {
                        return Err(format!(
                            "FREQ={} is not supported (not a meeting pattern)",
                            value.to_ascii_uppercase()
                        ));
                    }
                    _ => {
                        return Err(format!(
                            "FREQ '{}' is not valid",
                            super::lines::short(value)
                        ));
                    }
                });
            }
            "INTERVAL" => {
                rule.interval = int_in(value, 1..=10_000).ok_or_else(|| {
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
                rule.by_day = list("BYDAY", value, |item| {
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
                })?;
            }
            "BYMONTHDAY" => {
                rule.by_month_day = list("BYMONTHDAY", value, |item| {
                    int_in::<i8>(item, -31..=31).filter(|n| *n != 0)
                })?;
            }
            "BYMONTH" => rule.by_month = list("BYMONTH", value, |item| int_in(item, 1..=12))?,
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
            "BYHOUR" | "BYMINUTE" | "BYSECOND" => {
                let own = match key.as_str() {
                    "BYHOUR" => start.hour(),
                    "BYMINUTE" => start.minute(),
                    _ => start.second(),
                };
                let values = list(&key, value, |item| int_in::<u32>(item, 0..=60))?;
                if values.iter().any(|v| *v != own) {
                    return Err(format!("{key} other than DTSTART's time is not supported"));
                }
            }
            "BYYEARDAY" | "BYWEEKNO" => return Err(format!("{key} is not supported")),
            // X- extensions and anything unknown do not change the dates.
            _ => {}
        }
    }
    rule.freq = freq.ok_or("RRULE has no FREQ")?;
    Ok(rule)
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

/// Day `md` of a month, counting from the end when negative.
fn month_day(year: i32, month: u32, md: i8) -> Option<NaiveDate> {
    let len = i64::from(days_in_month(year, month));
    let day = if md > 0 {
        i64::from(md)
    } else {
        len + i64::from(md) + 1
    };
    if day < 1 || day > len {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, u32::try_from(day).ok()?)
}

fn add_days(d: NaiveDate, days: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(days)?)
}

/// The weekdays `by` of the range `[first, last]`, ordinals counted within it.
fn weekdays_in(first: NaiveDate, last: NaiveDate, by: ByDay, out: &mut Vec<NaiveDate>) {
    let wd = i64::from(by.weekday.num_days_from_monday());
    let first_wd = i64::from(first.weekday().num_days_from_monday());
    let last_wd = i64::from(last.weekday().num_days_from_monday());
    let (Some(first_match), Some(last_match)) = (
        add_days(first, (wd - first_wd).rem_euclid(7)),
        add_days(last, -(last_wd - wd).rem_euclid(7)),
    ) else {
        return;
    };
    match by.ordinal {
        0 => {
            let mut d = Some(first_match);
            while let Some(day) = d.filter(|day| *day <= last) {
                out.push(day);
                d = add_days(day, 7);
            }
        }
        n if n > 0 => {
            if let Some(d) = add_days(first_match, 7 * (i64::from(n) - 1)).filter(|d| *d <= last) {
                out.push(d);
            }
        }
        n => {
            if let Some(d) = add_days(last_match, -7 * (-i64::from(n) - 1)).filter(|d| *d >= first)
            {
                out.push(d);
            }
        }
    }
}

fn month_bounds(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year, month, 1)?,
        NaiveDate::from_ymd_opt(year, month, days_in_month(year, month))?,
    ))
}

impl Rule {
    fn weekday_listed(&self, d: NaiveDate) -> bool {
        self.by_day.is_empty() || self.by_day.iter().any(|b| b.weekday == d.weekday())
    }

    fn month_day_listed(&self, d: NaiveDate) -> bool {
        self.by_month_day.is_empty()
            || self
                .by_month_day
                .iter()
                .any(|md| month_day(d.year(), d.month(), *md) == Some(d))
    }

    fn month_listed(&self, month: u32) -> bool {
        self.by_month.is_empty() || self.by_month.contains(&month)
    }

    /// The dates one month contributes to a MONTHLY or YEARLY-with-BYMONTH rule.
    fn month_dates(&self, year: i32, month: u32, start: NaiveDate, out: &mut Vec<NaiveDate>) {
        let Some((first, last)) = month_bounds(year, month) else {
            return;
        };
        if !self.by_month_day.is_empty() {
            let mut by_day_set = Vec::new();
            for b in &self.by_day {
                weekdays_in(first, last, *b, &mut by_day_set);
            }
            for md in &self.by_month_day {
                if let Some(d) = month_day(year, month, *md)
                    && (self.by_day.is_empty() || by_day_set.contains(&d))
                {
                    out.push(d);
                }
            }
        } else if !self.by_day.is_empty() {
            for b in &self.by_day {
                weekdays_in(first, last, *b, out);
            }
        } else if let Some(d) = NaiveDate::from_ymd_opt(year, month, start.day()) {
            out.push(d);
        }
    }

    /// The candidate dates of the period that begins on `period`, sorted, BYSETPOS applied.
    pub(crate) fn period_dates(
        &self,
        period: NaiveDate,
        start: NaiveDate,
        out: &mut Vec<NaiveDate>,
    ) {
        out.clear();
        match self.freq {
            Freq::Daily => {
                if self.month_listed(period.month())
                    && self.month_day_listed(period)
                    && self.weekday_listed(period)
                {
                    out.push(period);
                }
            }
            Freq::Weekly => {
                let mut push = |wd: Weekday| {
                    if let Some(d) = add_days(period, i64::from(wd.days_since(self.wkst)))
                        && self.month_listed(d.month())
                        && self.month_day_listed(d)
                    {
                        out.push(d);
                    }
                };
                if self.by_day.is_empty() {
                    push(start.weekday());
                } else {
                    for b in &self.by_day {
                        push(b.weekday);
                    }
                }
            }
            Freq::Monthly => {
                if self.month_listed(period.month()) {
                    self.month_dates(period.year(), period.month(), start, out);
                }
            }
            Freq::Yearly => self.year_dates_into(period.year(), start, out),
        }
        out.sort_unstable();
        out.dedup();
        if !self.by_set_pos.is_empty() && !out.is_empty() {
            let len = i64::try_from(out.len()).unwrap_or(i64::MAX);
            let mut picked: Vec<NaiveDate> = self
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
    }

    fn year_dates_into(&self, year: i32, start: NaiveDate, out: &mut Vec<NaiveDate>) {
        let all_months: Vec<u32> = (1..=12).collect();
        if !self.by_month_day.is_empty() || (!self.by_day.is_empty() && !self.by_month.is_empty()) {
            let months = if self.by_month.is_empty() {
                &all_months
            } else {
                &self.by_month
            };
            for m in months {
                self.month_dates(year, *m, start, out);
            }
        } else if !self.by_day.is_empty() {
            if let (Some(first), Some(last)) = (
                NaiveDate::from_ymd_opt(year, 1, 1),
                NaiveDate::from_ymd_opt(year, 12, 31),
            ) {
                for b in &self.by_day {
                    weekdays_in(first, last, *b, out);
                }
            }
        } else {
            let months = if self.by_month.is_empty() {
                vec![start.month()]
            } else {
                self.by_month.clone()
            };
            for m in months {
                if let Some(d) = NaiveDate::from_ymd_opt(year, m, start.day()) {
                    out.push(d);
                }
            }
        }
    }

    /// How many dates every full period yields, when that is the same for all periods
    /// (so a COUNT can be skipped through arithmetically). `None` when it varies.
    fn per_period(&self, start: NaiveDate) -> Option<u64> {
        if !self.by_set_pos.is_empty() || !self.by_month.is_empty() {
            return None;
        }
        let distinct = |n: usize| u64::try_from(n).ok();
        match self.freq {
            Freq::Daily => (self.by_day.is_empty() && self.by_month_day.is_empty()).then_some(1),
            Freq::Weekly => {
                if !self.by_month_day.is_empty() {
                    None
                } else if self.by_day.is_empty() {
                    Some(1)
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
                    (start.day() <= 28).then_some(1)
                } else if self.by_day.is_empty() {
                    if self.by_month_day.iter().all(|d| (1..=28).contains(d)) {
                        let mut days = self.by_month_day.clone();
                        days.sort_unstable();
                        days.dedup();
                        distinct(days.len())
                    } else {
                        None
                    }
                } else if self.by_month_day.is_empty()
                    && (self.by_day.iter().all(|b| (1..=4).contains(&b.ordinal))
                        || self.by_day.iter().all(|b| (-4..=-1).contains(&b.ordinal)))
                {
                    let mut days: Vec<(i8, u32)> = self
                        .by_day
                        .iter()
                        .map(|b| (b.ordinal, b.weekday.num_days_from_monday()))
                        .collect();
                    days.sort_unstable();
                    days.dedup();
                    distinct(days.len())
                } else {
                    None
                }
            }
            Freq::Yearly => (self.by_day.is_empty()
                && self.by_month_day.is_empty()
                && !(start.month() == 2 && start.day() == 29))
                .then_some(1),
        }
    }

    fn week_start(&self, d: NaiveDate) -> NaiveDate {
        add_days(d, -i64::from(d.weekday().days_since(self.wkst))).unwrap_or(d)
    }

    /// The first day of period `k` (0 is the period of DTSTART).
    fn period_start(&self, start: NaiveDate, k: i64) -> Option<NaiveDate> {
        match self.freq {
            Freq::Daily => add_days(start, k),
            Freq::Weekly => add_days(self.week_start(start), k.checked_mul(7)?),
            Freq::Monthly => {
                let index = i64::from(start.year())
                    .checked_mul(12)?
                    .checked_add(i64::from(start.month0()))?
                    .checked_add(k)?;
                let year = i32::try_from(index.div_euclid(12)).ok()?;
                let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
                NaiveDate::from_ymd_opt(year, month, 1)
            }
            Freq::Yearly => {
                let year = i32::try_from(i64::from(start.year()).checked_add(k)?).ok()?;
                NaiveDate::from_ymd_opt(year, 1, 1)
            }
        }
    }

    /// The index of the period that contains `d` (negative before DTSTART's).
    fn period_index(&self, start: NaiveDate, d: NaiveDate) -> i64 {
        match self.freq {
            Freq::Daily => (d - start).num_days(),
            Freq::Weekly => (self.week_start(d) - self.week_start(start)).num_days() / 7,
            Freq::Monthly => {
                (i64::from(d.year()) * 12 + i64::from(d.month0()))
                    - (i64::from(start.year()) * 12 + i64::from(start.month0()))
            }
            Freq::Yearly => i64::from(d.year()) - i64::from(start.year()),
        }
    }
}

/// The candidate dates of a YEARLY rule in one year (for VTIMEZONE observances).
pub(crate) fn year_dates(rule: &Rule, year: i32, start: NaiveDate, out: &mut Vec<NaiveDate>) {
    out.clear();
    rule.year_dates_into(year, start, out);
    out.sort_unstable();
    out.dedup();
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
    /// Nothing before this date is wanted: whole periods before it may be skipped.
    pub skip_to: Option<NaiveDate>,
    /// Nothing after this date is wanted.
    pub stop_after: NaiveDate,
}

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
        let time = self.start.time();
        if !emit(self.start) {
            return WalkEnd::Done;
        }
        let mut produced: u64 = 1;
        let count = rule.count.map(u64::from);
        if count.is_some_and(|c| produced >= c) {
            return WalkEnd::Done;
        }
        let interval = i64::from(rule.interval.max(1));
        let mut dates = Vec::new();
        let mut k: i64 = 0;

        if let Some(target) = self.skip_to {
            let index = rule.period_index(start_date, target);
            let skip = index.div_euclid(interval) * interval;
            if skip > 0 {
                match count {
                    None => k = skip,
                    Some(c) => {
                        if let Some(n) = rule.per_period(start_date) {
                            rule.period_dates(
                                start_date_period(rule, start_date),
                                start_date,
                                &mut dates,
                            );
                            let first = dates
                                .iter()
                                .filter(|d| d.and_time(time) > self.start)
                                .count();
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
            if *steps == 0 {
                return WalkEnd::StepLimit;
            }
            *steps -= 1;
            let Some(period) = rule.period_start(start_date, k) else {
                return WalkEnd::Done;
            };
            if period > self.stop_after {
                return WalkEnd::Done;
            }
            rule.period_dates(period, start_date, &mut dates);
            for d in &dates {
                let t = d.and_time(time);
                if t <= self.start {
                    continue;
                }
                if !within_until(t) || !emit(t) {
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

/// The first day of the period that holds DTSTART.
fn start_date_period(rule: &Rule, start: NaiveDate) -> NaiveDate {
    rule.period_start(start, 0).unwrap_or(start)
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
        assert!(
            parse_rule("FREQ=HOURLY", start)
                .unwrap_err()
                .contains("HOURLY")
        );
        assert!(parse_rule("INTERVAL=2", start).is_err());
        assert!(parse_rule("FREQ=WEEKLY;INTERVAL=0", start).is_err());
        assert!(parse_rule("FREQ=WEEKLY;BYDAY=XX", start).is_err());
        assert!(parse_rule("FREQ=YEARLY;BYWEEKNO=20", start).is_err());
        assert!(parse_rule("FREQ=DAILY;BYHOUR=9;BYMINUTE=0", start).is_ok());
        assert!(parse_rule("FREQ=DAILY;BYHOUR=9,15", start).is_err());
        assert!(parse_rule("FREQ=DAILY;X-NAME=1;COUNT=3", start).is_ok());
    }
}
