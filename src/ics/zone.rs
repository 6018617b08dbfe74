//! Time zones: IANA names in any case, Windows names, the file's own VTIMEZONE rules,
//! and the RFC 5545 reading of wall-clock times in gaps and folds.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use chrono::{Datelike, Duration, LocalResult, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;

use super::lines::Component;
use super::rrule::{self, Freq, Rule, Until};
use super::value::{DateOrTime, parse_date_or_time, parse_offset};
use super::windows::WINDOWS_ZONES;

/// The zone a DATE-TIME is read in.
#[derive(Debug, Clone)]
pub(crate) enum Zone {
    /// No zone: the wall-clock time of whoever reads it (the user's zone).
    Floating,
    /// Ended in `Z`.
    Utc,
    /// An IANA zone, named directly, through a Windows name, or through a VTIMEZONE.
    Named(Tz),
    /// Only the file's VTIMEZONE knows it.
    Custom(Arc<CustomZone>),
    /// Nobody knows it: the event cannot be placed.
    Unknown(Arc<str>),
}

impl Zone {
    /// The UTC instant of a wall-clock time in this zone; `user` reads floating times.
    /// An unknown zone reads as UTC: callers only use that to tell whether an event they
    /// are about to report falls near the window.
    pub fn to_utc(&self, local: NaiveDateTime, user: Tz) -> Option<NaiveDateTime> {
        match self {
            Zone::Utc | Zone::Unknown(_) => Some(local),
            Zone::Floating => named_to_utc(user, local),
            Zone::Named(tz) => named_to_utc(*tz, local),
            Zone::Custom(custom) => local_to_utc(local, |u| custom.offset_at(u)),
        }
    }

    /// The zone's offset from UTC at a UTC instant, in seconds; `None` for a zone
    /// nobody knows.
    pub fn offset_near(&self, utc: NaiveDateTime, user: Tz) -> Option<i32> {
        match self {
            Zone::Utc => Some(0),
            Zone::Unknown(_) => None,
            Zone::Floating => Some(named_offset(user, utc)),
            Zone::Named(tz) => Some(named_offset(*tz, utc)),
            Zone::Custom(custom) => Some(custom.offset_at(utc)),
        }
    }

    pub fn unknown_name(&self) -> Option<&str> {
        match self {
            Zone::Unknown(name) => Some(name),
            _ => None,
        }
    }
}

/// The last year chrono-tz's tables cover: from the next one on, they hold the last
/// offset they know all year (Europe/Berlin would stay on standard time from 2100).
const LAST_TABLE_YEAR: i32 = 2099;

/// A year of 2072–2099 (one whole 28-year cycle, none of them a century) that begins
/// on the same weekday as `year` and is a leap year when it is.
fn same_calendar_year(year: i32) -> Option<i32> {
    let jan1 = |y: i32| chrono::NaiveDate::from_ymd_opt(y, 1, 1);
    let leap = |y: i32| chrono::NaiveDate::from_ymd_opt(y, 2, 29).is_some();
    let weekday = jan1(year)?.weekday();
    (LAST_TABLE_YEAR - 27..=LAST_TABLE_YEAR)
        .find(|y| leap(*y) == leap(year) && jan1(*y).is_some_and(|d| d.weekday() == weekday))
}

/// The offset of an IANA zone at a UTC instant. After chrono-tz's last year, the zone's
/// last known rules carry on: the instant is read in the year with the same calendar
/// (so "last Sunday of March" falls on the same date), which is what the database's
/// ongoing rules say as long as nobody changes them.
pub(crate) fn named_offset(tz: Tz, utc: NaiveDateTime) -> i32 {
    if utc.year() > LAST_TABLE_YEAR
        && let Some(year) = same_calendar_year(utc.year())
        && let Some(same) = utc.with_year(year)
    {
        return tz_offset(tz, same);
    }
    tz_offset(tz, utc)
}

/// A UTC instant as a time with the zone's offset (see [`named_offset`]).
pub(crate) fn in_zone(tz: Tz, utc: NaiveDateTime) -> chrono::DateTime<chrono::FixedOffset> {
    let offset = chrono::FixedOffset::east_opt(named_offset(tz, utc))
        .unwrap_or_else(|| tz.offset_from_utc_datetime(&utc).fix());
    offset.from_utc_datetime(&utc)
}

/// [`local_to_utc`] for an IANA zone, with chrono-tz's own lookup for the usual case.
fn named_to_utc(tz: Tz, local: NaiveDateTime) -> Option<NaiveDateTime> {
    if local.year() >= LAST_TABLE_YEAR {
        return local_to_utc(local, |u| named_offset(tz, u));
    }
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Some(t.naive_utc()),
        LocalResult::Ambiguous(a, b) => Some(a.naive_utc().min(b.naive_utc())),
        LocalResult::None => local_to_utc(local, |u| tz_offset(tz, u)),
    }
}

fn tz_offset(tz: Tz, utc: NaiveDateTime) -> i32 {
    tz.offset_from_utc_datetime(&utc).fix().local_minus_utc()
}

/// The UTC instant of a wall-clock time, given the zone's offset at any instant.
///
/// RFC 5545 3.3.5: a time in a gap (spring forward) is read with the offset from before
/// the gap; a time in a fold (fall back) is its first occurrence.
pub(crate) fn local_to_utc(
    local: NaiveDateTime,
    offset_at: impl Fn(NaiveDateTime) -> i32,
) -> Option<NaiveDateTime> {
    let day = Duration::days(1);
    let around = [
        local.checked_sub_signed(day).unwrap_or(local),
        local,
        local.checked_add_signed(day).unwrap_or(local),
    ];
    let candidates = around.map(&offset_at);
    let shifted = |offset: i32| local.checked_sub_signed(Duration::seconds(i64::from(offset)));
    let mut best: Option<i32> = None;
    for offset in candidates {
        if let Some(utc) = shifted(offset)
            && offset_at(utc) == offset
        {
            best = Some(best.map_or(offset, |b| b.max(offset)));
        }
    }
    let offset = match best {
        Some(offset) => offset,
        None => {
            // A gap: the offset in force just before it.
            let largest = candidates.into_iter().max().unwrap_or(0);
            offset_at(shifted(largest)?)
        }
    };
    shifted(offset)
}

fn iana_names() -> &'static HashMap<String, Tz> {
    static NAMES: OnceLock<HashMap<String, Tz>> = OnceLock::new();
    NAMES.get_or_init(|| {
        chrono_tz::TZ_VARIANTS
            .iter()
            .map(|tz| (tz.name().to_ascii_lowercase(), *tz))
            .collect()
    })
}

fn windows_names() -> &'static HashMap<String, Tz> {
    static NAMES: OnceLock<HashMap<String, Tz>> = OnceLock::new();
    NAMES.get_or_init(|| {
        WINDOWS_ZONES
            .iter()
            .filter_map(|(windows, iana)| {
                iana_names()
                    .get(&iana.to_ascii_lowercase())
                    .map(|tz| (windows.to_ascii_lowercase(), *tz))
            })
            .collect()
    })
}

/// A zone by name: an IANA name in any case (`europe/berlin`), a Windows name
/// (`W. Europe Standard Time`), or a path that ends in an IANA name
/// (`/mozilla.org/20070129_1/Europe/Berlin`, `/usr/share/zoneinfo/Europe/Berlin`).
pub fn resolve_zone(name: &str) -> Option<Tz> {
    let name = name.trim().trim_matches('"').trim_start_matches(':').trim();
    if name.is_empty() || name.len() > 200 {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    if let Some(tz) = iana_names()
        .get(&lower)
        .or_else(|| windows_names().get(&lower))
    {
        return Some(*tz);
    }
    lower
        .match_indices('/')
        .filter_map(|(i, _)| lower.get(i + 1..))
        .find_map(|suffix| iana_names().get(suffix).copied())
}

/// One STANDARD or DAYLIGHT block of a VTIMEZONE.
#[derive(Debug, Clone)]
struct Observance {
    /// First onset, as wall-clock time in the offset before it.
    start: NaiveDateTime,
    from: i32,
    to: i32,
    rule: Option<Rule>,
    rdates: Vec<NaiveDateTime>,
}

/// A zone known only through the file's VTIMEZONE.
#[derive(Debug, Clone)]
pub(crate) struct CustomZone {
    observances: Vec<Observance>,
    /// Onsets (UTC) and the offset each sets, for the years most calendars use; built
    /// on first use.
    table: OnceLock<Vec<(NaiveDateTime, i32)>>,
}

/// Years covered by a custom zone's table; outside them onsets are computed each time.
const TABLE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

impl CustomZone {
    /// Reads the observances of a VTIMEZONE; `None` if it has no usable one.
    pub fn from_component(component: &Component<'_>) -> Option<CustomZone> {
        let mut observances = Vec::new();
        for child in &component.children {
            if !child.is("STANDARD") && !child.is("DAYLIGHT") {
                continue;
            }
            let Some(from) = child
                .prop("TZOFFSETFROM")
                .and_then(|p| parse_offset(p.value))
            else {
                continue;
            };
            let Some(to) = child.prop("TZOFFSETTO").and_then(|p| parse_offset(p.value)) else {
                continue;
            };
            let start = match child
                .prop("DTSTART")
                .and_then(|p| parse_date_or_time(p.value, p.param("VALUE").as_deref()))
            {
                Some(DateOrTime::DateTime { local, .. }) => local,
                Some(DateOrTime::Date(d)) => d.and_time(chrono::NaiveTime::MIN),
                None => continue,
            };
            let rule = child
                .prop("RRULE")
                .and_then(|p| rrule::parse_rule(p.value, start).ok())
                .filter(|r| r.freq == Freq::Yearly);
            let rdates = child
                .props_named("RDATE")
                .flat_map(|p| {
                    super::value::split_list(p.value)
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .filter_map(|v| match parse_date_or_time(&v, None) {
                    Some(DateOrTime::DateTime { local, .. }) => Some(local),
                    _ => None,
                })
                .take(500)
                .collect();
            observances.push(Observance {
                start,
                from,
                to,
                rule,
                rdates,
            });
        }
        if observances.is_empty() {
            None
        } else {
            Some(CustomZone {
                observances,
                table: OnceLock::new(),
            })
        }
    }

    /// The offset in force at a UTC instant: the one set by the latest onset before it.
    pub fn offset_at(&self, utc: NaiveDateTime) -> i32 {
        let year = utc.year();
        if year > *TABLE_YEARS.start() && year < *TABLE_YEARS.end() {
            let table = self.table.get_or_init(|| self.build_table());
            let index = table.partition_point(|(onset, _)| *onset <= utc);
            if let Some((_, offset)) = index.checked_sub(1).and_then(|i| table.get(i)) {
                return *offset;
            }
        }
        self.offset_at_slowly(utc)
    }

    /// Every onset of the table's years (and each observance's first onset).
    fn build_table(&self) -> Vec<(NaiveDateTime, i32)> {
        let mut table = Vec::new();
        let mut dates = Vec::new();
        for o in &self.observances {
            let mut push = |local: NaiveDateTime| {
                if let Some(onset) = local.checked_sub_signed(Duration::seconds(i64::from(o.from)))
                {
                    table.push((onset, o.to));
                }
            };
            push(o.start);
            for r in &o.rdates {
                push(*r);
            }
            let Some(rule) = &o.rule else { continue };
            let first_year = o.start.year();
            let interval = i32::try_from(rule.interval).unwrap_or(1).max(1);
            let mut years: Vec<i32> = TABLE_YEARS.filter(|y| *y >= first_year).collect();
            if let Some(until_year) = until_year(rule.until)
                && !TABLE_YEARS.contains(&until_year)
                && until_year >= first_year
            {
                years.push(until_year);
            }
            for y in years {
                if (y - first_year) % interval != 0 {
                    continue;
                }
                if let Some(count) = rule.count
                    && i64::from((y - first_year) / interval) >= i64::from(count)
                {
                    continue;
                }
                rrule::year_dates(rule, y, o.start.date(), &mut dates);
                for d in &dates {
                    let local = d.and_time(o.start.time());
                    if local > o.start && within_until(rule.until, local, o.from) {
                        push(local);
                    }
                }
            }
        }
        table.sort_by_key(|(onset, _)| *onset);
        table
    }

    fn offset_at_slowly(&self, utc: NaiveDateTime) -> i32 {
        let year = utc.year();
        let mut best: Option<(NaiveDateTime, i32)> = None;
        let mut earliest: Option<(NaiveDateTime, i32)> = None;
        let mut dates = Vec::new();
        for o in &self.observances {
            let mut consider = |local: NaiveDateTime| {
                let Some(onset) = local.checked_sub_signed(Duration::seconds(i64::from(o.from)))
                else {
                    return;
                };
                if onset <= utc && best.is_none_or(|(b, _)| onset >= b) {
                    best = Some((onset, o.to));
                }
                if earliest.is_none_or(|(e, _)| onset < e) {
                    earliest = Some((onset, o.from));
                }
            };
            consider(o.start);
            for r in &o.rdates {
                consider(*r);
            }
            let Some(rule) = &o.rule else { continue };
            let first_year = o.start.year();
            let interval = i32::try_from(rule.interval).unwrap_or(1).max(1);
            let mut years = vec![year - 1, year, year + 1];
            if let Some(until_year) = until_year(rule.until)
                && until_year < year - 1
            {
                years.push(until_year);
            }
            for y in years {
                if y < first_year || (y - first_year) % interval != 0 {
                    continue;
                }
                if let Some(count) = rule.count
                    && i64::from((y - first_year) / interval) >= i64::from(count)
                {
                    continue;
                }
                dates.clear();
                rrule::year_dates(rule, y, o.start.date(), &mut dates);
                for d in &dates {
                    let local = d.and_time(o.start.time());
                    if local < o.start || !within_until(rule.until, local, o.from) {
                        continue;
                    }
                    consider(local);
                }
            }
        }
        best.or(earliest).map_or(0, |(_, offset)| offset)
    }
}

fn until_year(until: Option<Until>) -> Option<i32> {
    match until? {
        Until::Date(d) => Some(d.year()),
        Until::Utc(t) | Until::Local(t) => Some(t.year()),
    }
}

fn within_until(until: Option<Until>, local: NaiveDateTime, offset: i32) -> bool {
    match until {
        None => true,
        Some(Until::Date(d)) => local.date() <= d,
        Some(Until::Local(t)) => local <= t,
        Some(Until::Utc(t)) => local
            .checked_sub_signed(Duration::seconds(i64::from(offset)))
            .is_some_and(|u| u <= t),
    }
}

/// The zones of one file: its VTIMEZONEs, and every TZID already looked up.
#[derive(Debug, Default)]
pub(crate) struct ZoneTable {
    defined: HashMap<String, Zone>,
    cache: HashMap<String, Zone>,
}

impl ZoneTable {
    /// Registers the VTIMEZONE components of a calendar.
    pub fn define(&mut self, vtimezone: &Component<'_>) {
        let Some(tzid) = vtimezone.prop("TZID").map(|p| p.value.trim().to_string()) else {
            return;
        };
        let zone = resolve_zone(&tzid)
            .or_else(|| {
                vtimezone
                    .prop("X-LIC-LOCATION")
                    .and_then(|p| resolve_zone(p.value))
            })
            .map(Zone::Named)
            .or_else(|| CustomZone::from_component(vtimezone).map(|c| Zone::Custom(Arc::new(c))));
        if let Some(zone) = zone {
            self.defined.insert(tzid.to_ascii_lowercase(), zone.clone());
            self.defined.insert(tzid, zone);
        }
    }

    /// The zone a TZID parameter names.
    pub fn lookup(&mut self, tzid: &str) -> Zone {
        if let Some(zone) = self.cache.get(tzid) {
            return zone.clone();
        }
        let trimmed = tzid.trim().trim_matches('"').trim();
        let zone = self
            .defined
            .get(trimmed)
            .or_else(|| self.defined.get(&trimmed.to_ascii_lowercase()))
            .cloned()
            .or_else(|| resolve_zone(trimmed).map(Zone::Named))
            .unwrap_or_else(|| Zone::Unknown(Arc::from(trimmed)));
        if self.cache.len() < 10_000 {
            self.cache.insert(tzid.to_string(), zone.clone());
        }
        zone
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn names_resolve_in_any_form() {
        let berlin = chrono_tz::Europe::Berlin;
        assert_eq!(resolve_zone("Europe/Berlin"), Some(berlin));
        assert_eq!(resolve_zone("EUROPE/BERLIN"), Some(berlin));
        assert_eq!(resolve_zone("W. Europe Standard Time"), Some(berlin));
        assert_eq!(resolve_zone("\"w. europe standard time\""), Some(berlin));
        assert_eq!(
            resolve_zone("/mozilla.org/20070129_1/Europe/Berlin"),
            Some(berlin)
        );
        assert_eq!(resolve_zone(":Europe/Berlin"), Some(berlin));
        assert_eq!(
            resolve_zone("America/Argentina/Buenos_Aires").map(|t| t.name()),
            Some("America/Argentina/Buenos_Aires")
        );
        assert_eq!(resolve_zone("Mars/Olympus_Mons"), None);
        assert_eq!(resolve_zone(""), None);
    }

    #[test]
    fn every_windows_name_maps_to_a_known_zone() {
        for (windows, iana) in WINDOWS_ZONES {
            assert!(
                iana_names().contains_key(&iana.to_ascii_lowercase()),
                "{windows} -> {iana} is not in chrono-tz"
            );
            assert!(resolve_zone(windows).is_some(), "{windows}");
        }
        assert!(WINDOWS_ZONES.len() >= 50);
    }

    #[test]
    fn gaps_and_folds_follow_rfc5545() {
        let berlin = Zone::Named(chrono_tz::Europe::Berlin);
        let utc = |l| berlin.to_utc(l, chrono_tz::UTC).unwrap();
        // 29 March 2026: 02:30 does not exist; read with the offset before (+01:00).
        assert_eq!(utc(at(2026, 3, 29, 2, 30)), at(2026, 3, 29, 1, 30));
        // 25 October 2026: 02:30 happens twice; the first is at +02:00.
        assert_eq!(utc(at(2026, 10, 25, 2, 30)), at(2026, 10, 25, 0, 30));
        assert_eq!(utc(at(2026, 10, 26, 9, 0)), at(2026, 10, 26, 8, 0));
        assert_eq!(utc(at(2026, 10, 23, 9, 0)), at(2026, 10, 23, 7, 0));
    }
}
