//! VEVENT components read into events, grouped into series by UID.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};

use super::lines::{Component, Property, short};
use super::rrule::{Rule, parse_rule};
use super::value::{
    DateOrTime, Dur, parse_date_or_time, parse_duration, split_list, unescape_text,
};
use super::zone::{Zone, ZoneTable};
use super::{Limits, SkipLog};

/// A DATE or a DATE-TIME with the zone it is read in.
#[derive(Debug, Clone)]
pub(crate) enum When {
    Date(NaiveDate),
    Time(NaiveDateTime, Zone),
}

impl When {
    fn zone(&self) -> Option<&Zone> {
        match self {
            When::Date(_) => None,
            When::Time(_, zone) => Some(zone),
        }
    }
}

/// How an event's end is given.
#[derive(Debug, Clone)]
pub(crate) enum End {
    None,
    At(When),
    Duration(Dur),
}

/// An RDATE: a start, and for `VALUE=PERIOD` its own end.
#[derive(Debug, Clone)]
pub(crate) struct RDate {
    pub start: When,
    pub end: End,
}

#[derive(Debug, Clone)]
pub(crate) struct Event {
    pub uid: String,
    pub title: Option<String>,
    pub description: Option<String>,
    /// `None` only for an override that relies on its RECURRENCE-ID.
    pub start: Option<When>,
    pub end: End,
    pub rules: Vec<Rule>,
    pub rdates: Vec<RDate>,
    pub exdates: Vec<When>,
    pub recurrence_id: Option<When>,
    /// `RANGE=THISANDFUTURE` on the RECURRENCE-ID: the override also changes every later
    /// occurrence of the series.
    pub this_and_future: bool,
    pub cancelled: bool,
    pub sequence: i64,
    /// People taking part (the organizer included); `None` when the event has no
    /// ATTENDEE line, so that an override without one keeps the series' people.
    pub attendees: Option<u32>,
    /// Whether it names an ORGANIZER (who counts as one person when nobody else is listed).
    pub has_organizer: bool,
    /// The addresses of attendees who declined (in lower case, without `mailto:`).
    pub declined: Vec<String>,
    /// TRANSP: `Some(true)` when it shows as free (TRANSPARENT), `Some(false)` when busy
    /// (OPAQUE), `None` when it does not say, so that an override keeps the series' value.
    pub free: Option<bool>,
    /// The first zone of the event that nobody knows.
    pub unknown_zone: Option<Arc<str>>,
    pub line: usize,
}

impl Event {
    /// "event 'Title' (uid …, line N)", for the skipped list.
    pub fn describe(&self) -> String {
        let title = self.title.as_deref().unwrap_or("");
        format!(
            "event '{}' (uid {}, line {})",
            short(title),
            short(&self.uid),
            self.line
        )
    }

    pub fn is_recurring(&self) -> bool {
        !self.rules.is_empty() || !self.rdates.is_empty() || self.recurrence_id.is_some()
    }
}

/// The properties an event cannot be placed without: when one of them is over the line
/// limit the event is skipped.
const LINES_THAT_PLACE: &[&str] = &[
    "DTSTART",
    "DTEND",
    "DURATION",
    "RRULE",
    "RDATE",
    "EXDATE",
    "RECURRENCE-ID",
];

/// RRULE lines read per event (their occurrences are united).
const MAX_RULES: usize = 16;

/// A master event and the overrides that share its UID.
#[derive(Debug, Clone)]
pub(crate) struct Series {
    pub master: Option<Event>,
    pub overrides: Vec<Event>,
}

fn when_of(prop: &Property<'_>, zones: &mut ZoneTable) -> Result<When, String> {
    when_typed(prop, prop.param("VALUE").as_deref(), zones)
}

fn when_typed(
    prop: &Property<'_>,
    value_type: Option<&str>,
    zones: &mut ZoneTable,
) -> Result<When, String> {
    match parse_date_or_time(prop.value, value_type) {
        Some(DateOrTime::Date(d)) => Ok(When::Date(d)),
        Some(DateOrTime::DateTime { local, utc: true }) => Ok(When::Time(local, Zone::Utc)),
        Some(DateOrTime::DateTime { local, utc: false }) => Ok(When::Time(
            local,
            match prop.param("TZID") {
                Some(tzid) => zones.lookup(&tzid),
                None => Zone::Floating,
            },
        )),
        None => Err(format!(
            "{} '{}' is not a date or date-time",
            prop.name,
            short(prop.value)
        )),
    }
}

/// The values of a multi-valued RDATE or EXDATE line, as single-value properties.
fn values_of<'a>(prop: &Property<'a>) -> impl Iterator<Item = Property<'a>> + use<'a> {
    let prop = *prop;
    split_list(prop.value).map(move |v| prop.with_value(v))
}

/// A stand-in UID for events without one: stable for the same start and title.
fn synthetic_uid(component: &Component<'_>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for name in ["DTSTART", "SUMMARY", "DTEND", "DURATION"] {
        let value = component.prop(name).map_or("", |p| p.value);
        for b in value.bytes().chain([0u8]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("syncwise-no-uid-{hash:016x}")
}

fn attendee_key(prop: &Property<'_>) -> String {
    let value = prop.value.trim().to_lowercase();
    let value = value
        .strip_prefix("mailto:")
        .unwrap_or(&value)
        .trim()
        .to_string();
    if value.is_empty() {
        prop.param("CN").unwrap_or_default().to_lowercase()
    } else {
        value
    }
}

/// Distinct people: attendees who take part (not rooms, not non-participants, not those
/// who declined) and the organizer. `None` when there is no ATTENDEE line at all.
fn count_attendees(component: &Component<'_>) -> Option<u32> {
    let mut people: HashSet<String> = HashSet::new();
    let mut named_anyone = false;
    for prop in component.props_named("ATTENDEE") {
        named_anyone = true;
        if prop.param_is("CUTYPE", &["RESOURCE", "ROOM"])
            || prop.param_is("ROLE", &["NON-PARTICIPANT"])
            || prop.param_is("PARTSTAT", &["DECLINED"])
        {
            continue;
        }
        people.insert(attendee_key(prop));
    }
    if let Some(organizer) = component.prop("ORGANIZER") {
        people.insert(attendee_key(organizer));
    }
    named_anyone.then(|| u32::try_from(people.len()).unwrap_or(u32::MAX))
}

fn note_unknown(unknown: &mut Option<Arc<str>>, when: &When) {
    if unknown.is_none()
        && let Some(name) = when.zone().and_then(Zone::unknown_name)
    {
        *unknown = Some(Arc::from(name));
    }
}

/// Reads one VEVENT. `Err` says why the whole event is skipped; problems with single
/// lines are logged and the line ignored.
fn read_event(
    c: &Component<'_>,
    zones: &mut ZoneTable,
    limits: &Limits,
    log: &mut SkipLog,
) -> Result<Event, String> {
    let uid = c
        .prop("UID")
        .map(|p| unescape_text(p.value.trim()))
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| synthetic_uid(c));
    let text = |name: &str| {
        c.prop(name)
            .map(|p| unescape_text(p.value).trim().to_string())
    };
    let mut event = Event {
        uid,
        title: text("SUMMARY"),
        description: text("DESCRIPTION"),
        start: None,
        end: End::None,
        rules: Vec::new(),
        rdates: Vec::new(),
        exdates: Vec::new(),
        recurrence_id: None,
        this_and_future: false,
        cancelled: c
            .prop("STATUS")
            .is_some_and(|p| p.value.trim().eq_ignore_ascii_case("CANCELLED")),
        sequence: c
            .prop("SEQUENCE")
            .and_then(|p| p.value.trim().parse().ok())
            .unwrap_or(0),
        attendees: count_attendees(c),
        has_organizer: c.prop("ORGANIZER").is_some(),
        declined: c
            .props_named("ATTENDEE")
            .filter(|p| p.param_is("PARTSTAT", &["DECLINED"]))
            .map(attendee_key)
            .collect(),
        free: c.prop("TRANSP").and_then(|p| {
            let value = p.value.trim();
            if value.eq_ignore_ascii_case("TRANSPARENT") {
                Some(true)
            } else if value.eq_ignore_ascii_case("OPAQUE") {
                Some(false)
            } else {
                None
            }
        }),
        unknown_zone: None,
        line: c.line,
    };
    if !c.closed {
        return Err("the event is not closed (END:VEVENT is missing)".into());
    }
    for p in c.props_named(super::lines::OVERLONG) {
        let name = p.value.trim().to_ascii_uppercase();
        if LINES_THAT_PLACE.contains(&name.as_str()) {
            return Err(format!(
                "its {name} line is longer than {} bytes, so its dates cannot all be read",
                limits.max_line_bytes
            ));
        }
    }
    if let Some(p) = c.prop("RECURRENCE-ID") {
        event.recurrence_id = Some(when_of(p, zones)?);
        event.this_and_future = p.param_is("RANGE", &["THISANDFUTURE"]);
    }
    event.start = match c.prop("DTSTART") {
        Some(p) => Some(when_of(p, zones)?),
        None if event.recurrence_id.is_some() => None,
        None => return Err("no DTSTART".into()),
    };
    if let Some(p) = c.prop("DTEND") {
        let end = when_of(p, zones)?;
        if matches!(
            (&event.start, &end),
            (Some(When::Date(_)), When::Time(..)) | (Some(When::Time(..)), When::Date(_))
        ) {
            return Err("DTSTART and DTEND are not both dates or both date-times".into());
        }
        event.end = End::At(end);
    } else if let Some(p) = c.prop("DURATION") {
        let dur = parse_duration(p.value)
            .ok_or_else(|| format!("DURATION '{}' is not a duration", short(p.value)))?;
        event.end = End::Duration(dur);
    }
    if event.recurrence_id.is_none() {
        let start_local = match &event.start {
            Some(When::Time(t, _)) => *t,
            Some(When::Date(d)) => d.and_time(chrono::NaiveTime::MIN),
            None => return Err("no DTSTART".into()),
        };
        let rules = c.props_named("RRULE").count();
        if rules > MAX_RULES {
            return Err(format!(
                "{rules} RRULE lines; syncwise reads up to {MAX_RULES}"
            ));
        }
        for p in c.props_named("RRULE") {
            event
                .rules
                .push(parse_rule(p.value, start_local).map_err(|e| format!("RRULE: {e}"))?);
        }
        let mut rdates_cut = false;
        for p in c.props_named("RDATE") {
            for v in values_of(p) {
                if event.rdates.len() >= limits.max_list_values {
                    rdates_cut = true;
                    break;
                }
                match rdate_of(&v, zones) {
                    Ok(r) => event.rdates.push(r),
                    Err(e) => log.push(format!("line {}", p.line), format!("{e}; value ignored")),
                }
            }
        }
        if rdates_cut {
            log.push(
                event.describe(),
                format!(
                    "more than {} RDATE values; only the first are counted",
                    limits.max_list_values
                ),
            );
        }
    }
    for p in c.props_named("EXDATE") {
        for v in values_of(p) {
            if event.exdates.len() >= limits.max_list_values {
                // Counting the series without some of its exceptions would count
                // meetings that do not happen.
                return Err(format!(
                    "more than {} EXDATE values, so its exceptions cannot all be kept",
                    limits.max_list_values
                ));
            }
            match when_of(&v, zones) {
                Ok(w) => event.exdates.push(w),
                Err(e) => log.push(format!("line {}", p.line), format!("{e}; value ignored")),
            }
        }
    }
    let mut unknown = None;
    for w in event
        .start
        .iter()
        .chain(event.recurrence_id.iter())
        .chain(event.exdates.iter())
        .chain(event.rdates.iter().map(|r| &r.start))
    {
        note_unknown(&mut unknown, w);
    }
    if let End::At(w) = &event.end {
        note_unknown(&mut unknown, w);
    }
    event.unknown_zone = unknown;
    Ok(event)
}

fn rdate_of(prop: &Property<'_>, zones: &mut ZoneTable) -> Result<RDate, String> {
    let is_period = prop.param_is("VALUE", &["PERIOD"]) || prop.value.contains('/');
    if !is_period {
        return Ok(RDate {
            start: when_of(prop, zones)?,
            end: End::None,
        });
    }
    let (start, end) = prop
        .value
        .split_once('/')
        .ok_or_else(|| format!("RDATE period '{}' has no '/'", short(prop.value)))?;
    let start = when_typed(&prop.with_value(start), None, zones)?;
    let end = if end.trim_start().starts_with(['P', 'p', '+', '-']) {
        End::Duration(
            parse_duration(end)
                .ok_or_else(|| format!("RDATE period end '{}' is not valid", short(end)))?,
        )
    } else {
        End::At(when_typed(&prop.with_value(end), None, zones)?)
    };
    Ok(RDate { start, end })
}

/// Walks the tree for VTIMEZONEs and VEVENTs, in any nesting under VCALENDAR.
/// Each event comes with its calendar's `X-WR-TIMEZONE`, if any.
fn collect<'t, 'a>(
    components: &'t [Component<'a>],
    calendar_zone: Option<&'t str>,
    zones: &mut Vec<&'t Component<'a>>,
    events: &mut Vec<(&'t Component<'a>, Option<&'t str>)>,
) {
    for c in components {
        if c.is("VCALENDAR") {
            let own = c.prop("X-WR-TIMEZONE").map(|p| p.value);
            collect(&c.children, own.or(calendar_zone), zones, events);
        } else if c.is("VTIMEZONE") {
            zones.push(c);
        } else if c.is("VEVENT") {
            events.push((c, calendar_zone));
        }
    }
}

/// Floating start, end and RECURRENCE-ID of an event of a calendar that names its zone
/// (`X-WR-TIMEZONE`) are read in that zone; other floating values then follow the start.
fn apply_calendar_zone(event: &mut Event, zone: &Zone) {
    for when in [
        event.start.as_mut(),
        event.recurrence_id.as_mut(),
        match &mut event.end {
            End::At(w) => Some(w),
            _ => None,
        },
    ]
    .into_iter()
    .flatten()
    {
        if let When::Time(_, z @ Zone::Floating) = when {
            *z = zone.clone();
        }
    }
}

/// Builds the series of a parsed tree. Returns them in file order of their first event.
pub(crate) fn build(
    tree: &[Component<'_>],
    limits: &Limits,
    log: &mut SkipLog,
) -> (Vec<Series>, usize) {
    let mut zone_components = Vec::new();
    let mut event_components = Vec::new();
    collect(tree, None, &mut zone_components, &mut event_components);
    let mut zones = ZoneTable::default();
    for z in zone_components {
        zones.define(z);
    }
    let total = event_components.len();
    let mut series: Vec<Series> = Vec::new();
    let mut by_uid: HashMap<String, usize> = HashMap::new();
    for (c, calendar_zone) in event_components.into_iter().take(limits.max_events) {
        let event = match read_event(c, &mut zones, limits, log) {
            Ok(mut e) => {
                if let Some(tz) = calendar_zone.and_then(super::zone::resolve_zone) {
                    apply_calendar_zone(&mut e, &Zone::Named(tz));
                }
                e
            }
            Err(reason) => {
                let title = c
                    .prop("SUMMARY")
                    .map(|p| unescape_text(p.value))
                    .unwrap_or_default();
                let uid = c.prop("UID").map_or("", |p| p.value);
                log.push(
                    format!(
                        "event '{}' (uid {}, line {})",
                        short(title.trim()),
                        short(uid.trim()),
                        c.line
                    ),
                    format!("{reason}; event skipped"),
                );
                continue;
            }
        };
        let index = *by_uid.entry(event.uid.clone()).or_insert_with(|| {
            series.push(Series {
                master: None,
                overrides: Vec::new(),
            });
            series.len() - 1
        });
        let Some(s) = series.get_mut(index) else {
            continue;
        };
        if event.recurrence_id.is_some() {
            s.overrides.push(event);
            continue;
        }
        match &s.master {
            Some(existing) if existing.sequence > event.sequence => {
                log.push(
                    event.describe(),
                    "another event has the same UID and a higher SEQUENCE; this copy is ignored"
                        .into(),
                );
            }
            Some(existing) => {
                log.push(
                    existing.describe(),
                    "a later event has the same UID and the same or a higher SEQUENCE; this copy is ignored".into(),
                );
                s.master = Some(event);
            }
            None => s.master = Some(event),
        }
    }
    if total > limits.max_events {
        log.push(
            "calendar".into(),
            format!(
                "the file has {total} events; only the first {} are read",
                limits.max_events
            ),
        );
    }
    (series, total)
}
