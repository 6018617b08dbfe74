//! Expansion: the occurrences of every series that start inside a window, placed in the
//! user's zone, with EXDATE, RDATE and RECURRENCE-ID overrides applied.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::event::{End, Event, RDate, Series, When};
use super::occurrence::Occurrence;
use super::rrule::{Until, Walk, WalkEnd};
use super::zone::{Zone, in_zone, local_to_utc};
use super::{Calendar, Expansion, SkipLog};

/// An occurrence's identity: an instant for timed events, a date for all-day ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Instant {
    At(NaiveDateTime),
    Day(NaiveDate),
}

/// The window in UTC and in the user's dates.
struct Window {
    from: NaiveDateTime,
    to: NaiveDateTime,
    from_date: NaiveDate,
    to_date: NaiveDate,
    tz: Tz,
}

impl Window {
    fn contains(&self, utc: NaiveDateTime) -> bool {
        utc >= self.from && utc < self.to
    }

    /// The window widened by a day on each side, for zones read as UTC.
    fn near(&self, utc: NaiveDateTime) -> bool {
        let day = Duration::days(1);
        self.from.checked_sub_signed(day).is_none_or(|f| utc >= f)
            && self.to.checked_add_signed(day).is_none_or(|t| utc < t)
    }
}

/// What kind of time an event takes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Meeting,
    AllDay,
    Reminder,
    Backwards,
    MultiDay,
    UnknownZone(String),
}

impl Kind {
    fn reason(&self) -> String {
        match self {
            Kind::Meeting => String::new(),
            Kind::AllDay => "all-day event: not counted as sync time".into(),
            Kind::Reminder => {
                "no duration (a reminder or a deadline): not counted as sync time".into()
            }
            Kind::Backwards => "ends before it starts: not counted".into(),
            Kind::MultiDay => {
                "lasts 24 hours or more: counted like an all-day event, not as sync time".into()
            }
            Kind::UnknownZone(name) => format!(
                "unknown time zone '{}': its occurrences near this window cannot be placed and are not counted",
                super::lines::short(name)
            ),
        }
    }
}

fn utc_of(when: &When, default: &Zone, tz: Tz) -> Option<Instant> {
    match when {
        When::Date(d) => Some(Instant::Day(*d)),
        When::Time(local, Zone::Floating) => default.to_utc(*local, tz).map(Instant::At),
        When::Time(local, zone) => zone.to_utc(*local, tz).map(Instant::At),
    }
}

/// Start and end instants of an occurrence that starts at `local` (wall clock in `zone`).
fn end_of(
    start_local: NaiveDateTime,
    start_utc: NaiveDateTime,
    zone: &Zone,
    end: &End,
    event_start: Option<&When>,
    tz: Tz,
) -> Option<NaiveDateTime> {
    match end {
        End::None => Some(start_utc),
        End::Duration(d) => {
            let local = start_local.checked_add_signed(Duration::try_days(d.days)?)?;
            let base = if d.days == 0 {
                start_utc
            } else {
                zone.to_utc(local, tz)?
            };
            base.checked_add_signed(Duration::try_seconds(d.seconds)?)
        }
        End::At(end_when) => {
            // The series' own length, exact, carried to every occurrence.
            let first_start = match event_start? {
                When::Time(l, z) => resolve(z, zone).to_utc(*l, tz)?,
                When::Date(d) => zone.to_utc(d.and_time(NaiveTime::MIN), tz)?,
            };
            let first_end = match end_when {
                When::Time(l, z) => resolve(z, zone).to_utc(*l, tz)?,
                When::Date(d) => zone.to_utc(d.and_time(NaiveTime::MIN), tz)?,
            };
            start_utc.checked_add_signed(first_end - first_start)
        }
    }
}

/// A floating value inside a zoned event reads in the event's zone.
fn resolve<'a>(z: &'a Zone, event_zone: &'a Zone) -> &'a Zone {
    match z {
        Zone::Floating => event_zone,
        other => other,
    }
}

struct Ctx<'a> {
    win: &'a Window,
    limits: &'a super::Limits,
    total_steps: &'a mut u64,
    log: &'a mut SkipLog,
    out: &'a mut Vec<Occurrence>,
    budget_reported: bool,
}

/// One occurrence of a master before it is placed.
struct Candidate {
    local: NaiveDateTime,
    utc: NaiveDateTime,
    /// An RDATE period's own end.
    end: Option<NaiveDateTime>,
}

/// A `RANGE=THISANDFUTURE` override: from its RECURRENCE-ID on, every occurrence of the
/// series moves by `shift` and takes the override's length, title and people.
struct Future<'a> {
    from: NaiveDateTime,
    event: &'a Event,
    shift: Duration,
    length: Option<Duration>,
}

/// The override whose range holds an occurrence that originally starts at `utc` (the
/// latest that starts before it; the one that names it replaces it anyway).
fn future_of<'f, 'a>(futures: &'f [Future<'a>], utc: NaiveDateTime) -> Option<&'f Future<'a>> {
    let index = futures.partition_point(|f| f.from < utc);
    index.checked_sub(1).and_then(|i| futures.get(i))
}

pub(crate) fn expand(calendar: &Calendar, from: NaiveDate, to: NaiveDate, tz: Tz) -> Expansion {
    let mut log = SkipLog::new(calendar.limits.max_skipped);
    let mut occurrences = Vec::new();
    let at_midnight =
        |d: NaiveDate| local_to_utc(d.and_time(NaiveTime::MIN), |u| zone_offset(tz, u));
    let (Some(from_utc), Some(to_utc)) = (at_midnight(from), at_midnight(to)) else {
        return Expansion {
            occurrences,
            skipped: calendar.skipped.clone(),
        };
    };
    let win = Window {
        from: from_utc,
        to: to_utc,
        from_date: from,
        to_date: to,
        tz,
    };
    let mut total_steps = calendar.limits.max_total_steps;
    let mut ctx = Ctx {
        win: &win,
        limits: &calendar.limits,
        total_steps: &mut total_steps,
        log: &mut log,
        out: &mut occurrences,
        budget_reported: false,
    };
    if from_utc < to_utc {
        for series in &calendar.series {
            expand_series(series, &mut ctx);
        }
    }
    let mut skipped = calendar.skipped.clone();
    skipped.extend(log.finish());
    Expansion {
        occurrences,
        skipped,
    }
}

fn zone_offset(tz: Tz, utc: NaiveDateTime) -> i32 {
    super::zone::named_offset(tz, utc)
}

fn kind_of(event: &Event, start: Option<&When>, duration: Option<Duration>) -> Kind {
    if let Some(name) = &event.unknown_zone {
        return Kind::UnknownZone(name.to_string());
    }
    match start {
        Some(When::Date(_)) | None => Kind::AllDay,
        Some(When::Time(..)) => match duration {
            Some(d) if d < Duration::zero() => Kind::Backwards,
            Some(d) if d == Duration::zero() => Kind::Reminder,
            Some(d) if d >= Duration::days(1) => Kind::MultiDay,
            _ => Kind::Meeting,
        },
    }
}

fn expand_series(series: &Series, ctx: &mut Ctx<'_>) {
    let tz = ctx.win.tz;
    if let Some(master) = &series.master
        && master.cancelled
    {
        return;
    }
    let master_zone = match series.master.as_ref().and_then(|m| m.start.as_ref()) {
        Some(When::Time(_, z)) => z.clone(),
        _ => Zone::Floating,
    };

    // Overrides: the highest SEQUENCE per RECURRENCE-ID (the later one in the file on a
    // tie). Whatever the SEQUENCE, an override replaces the occurrence it names.
    let mut by_rid: Vec<(Instant, &Event)> = Vec::new();
    let mut index: HashMap<Instant, usize> = HashMap::new();
    for o in &series.overrides {
        let Some(rid) = o
            .recurrence_id
            .as_ref()
            .and_then(|r| utc_of(r, &master_zone, tz))
        else {
            continue;
        };
        match index.get(&rid) {
            Some(&i) => {
                if let Some(slot) = by_rid.get_mut(i)
                    && o.sequence >= slot.1.sequence
                {
                    slot.1 = o;
                }
            }
            None => {
                index.insert(rid, by_rid.len());
                by_rid.push((rid, o));
            }
        }
    }
    let overrides = by_rid;
    let overridden: HashSet<Instant> = overrides.iter().map(|(r, _)| *r).collect();

    let exdates: HashSet<Instant> = series
        .master
        .iter()
        .flat_map(|m| m.exdates.iter())
        .filter_map(|w| utc_of(w, &master_zone, tz))
        .collect();
    let has_exdate_days = exdates.iter().any(|e| matches!(e, Instant::Day(_)));

    let mut futures: Vec<Future<'_>> = Vec::new();
    if let Some(master) = &series.master {
        for (rid, o) in &overrides {
            let Instant::At(from) = rid else { continue };
            if !o.this_and_future {
                continue;
            }
            let start = match &o.start {
                Some(When::Time(l, z)) => resolve(z, &master_zone).to_utc(*l, tz),
                _ => Some(*from),
            };
            let Some(start) = start else { continue };
            let length = match &o.end {
                End::None => None,
                _ => length_of(o, tz),
            };
            futures.push(Future {
                from: *from,
                event: o,
                shift: start - *from,
                length,
            });
        }
        futures.sort_by_key(|f| f.from);
        expand_master(
            master,
            &master_zone,
            &overridden,
            &exdates,
            has_exdate_days,
            &futures,
            ctx,
        );
    }

    for (rid, o) in &overrides {
        if o.cancelled {
            continue;
        }
        if exdates.contains(rid) {
            continue;
        }
        expand_override(series.master.as_ref(), o, *rid, &master_zone, ctx);
    }
}

fn excluded(
    local: NaiveDateTime,
    utc: NaiveDateTime,
    exdates: &HashSet<Instant>,
    has_exdate_days: bool,
) -> bool {
    exdates.contains(&Instant::At(utc))
        || (has_exdate_days && exdates.contains(&Instant::Day(local.date())))
}

fn expand_master(
    master: &Event,
    zone: &Zone,
    overridden: &HashSet<Instant>,
    exdates: &HashSet<Instant>,
    has_exdate_days: bool,
    futures: &[Future<'_>],
    ctx: &mut Ctx<'_>,
) {
    let tz = ctx.win.tz;
    let Some(start_when) = &master.start else {
        return;
    };
    let (start_local, all_day) = match start_when {
        When::Time(t, _) => (*t, false),
        When::Date(d) => (d.and_time(NaiveTime::MIN), true),
    };
    // For all-day events the dates are the user's.
    let floating = Zone::Floating;
    let zone = if all_day { &floating } else { zone };
    let Some(first_utc) = zone.to_utc(start_local, tz) else {
        return;
    };
    let first_end = end_of(
        start_local,
        first_utc,
        zone,
        &master.end,
        Some(start_when),
        tz,
    );
    let kind = kind_of(master, Some(start_when), first_end.map(|e| e - first_utc));
    let endless = master.rules.iter().any(|r| r.is_endless());

    // Collect the occurrences near the window (nearer by the largest shift of a
    // THISANDFUTURE override, which can move occurrences into or out of it).
    let margin = Duration::days(2);
    let widest = futures
        .iter()
        .map(|f| f.shift.abs())
        .max()
        .unwrap_or_else(Duration::zero);
    let reach = margin.checked_add(&widest).unwrap_or(margin);
    let skip_to = ctx.win.from.checked_sub_signed(reach).map(|t| t.date());
    let stop_after = ctx
        .win
        .to
        .checked_add_signed(reach)
        .map_or(NaiveDate::MAX, |t| t.date());
    let mut found: Vec<Candidate> = Vec::new();
    let mut seen: HashSet<NaiveDateTime> = HashSet::new();
    let cap = ctx.limits.max_occurrences_per_series;
    let mut capped = false;
    let mut step_limited = false;
    let win = ctx.win;
    let relevant = |utc: NaiveDateTime, local: NaiveDateTime| {
        let shifted = future_of(futures, utc)
            .and_then(|f| utc.checked_add_signed(f.shift))
            .unwrap_or(utc);
        match &kind {
            Kind::UnknownZone(_) => win.near(shifted),
            Kind::AllDay => local.date() >= win.from_date && local.date() < win.to_date,
            _ => win.contains(shifted),
        }
    };
    let mut consider = |local: NaiveDateTime,
                        utc: NaiveDateTime,
                        end: Option<NaiveDateTime>,
                        found: &mut Vec<Candidate>|
     -> bool {
        if !seen.insert(utc) {
            return true;
        }
        if relevant(utc, local) {
            if found.len() >= cap {
                capped = true;
                return false;
            }
            found.push(Candidate { local, utc, end });
        }
        true
    };

    if master.rules.is_empty() {
        consider(start_local, first_utc, None, &mut found);
    }
    for rule in &master.rules {
        // A sub-daily rule is walked from just before the window's first wall-clock
        // time (an hour early, for a change of offset), not from days before it.
        let skip_local = if rule.is_sub_daily() {
            zone.offset_near(win.from, tz)
                .and_then(|offset| {
                    win.from
                        .checked_add_signed(Duration::seconds(i64::from(offset)))
                })
                .and_then(|t| t.checked_sub_signed(Duration::hours(1)))
                .and_then(|t| t.checked_sub_signed(widest))
        } else {
            skip_to.map(|d| d.and_time(NaiveTime::MIN))
        };
        let remaining = (*ctx.total_steps).min(ctx.limits.max_series_steps);
        let mut steps = remaining;
        // Offsets never exceed 14 hours: a UTC UNTIL more than a day away from a
        // wall-clock time needs no zone lookup to be compared.
        let within_until = |local: NaiveDateTime| match rule.until {
            None => true,
            Some(Until::Date(d)) => local.date() <= d,
            Some(Until::Local(u)) => local <= u,
            Some(Until::Utc(u)) => {
                let gap = local - u;
                if gap < -margin {
                    true
                } else if gap > margin {
                    false
                } else {
                    zone.to_utc(local, tz).is_some_and(|t| t <= u)
                }
            }
        };
        let stop_utc = win.to.checked_add_signed(reach);
        let end = Walk {
            rule,
            start: start_local,
            skip_to: skip_local,
            stop_after,
        }
        .run(&mut steps, &within_until, &mut |local| {
            // Long before the window: no zone lookup needed.
            if skip_local.is_some_and(|s| local < s) {
                return true;
            }
            let Some(utc) = zone.to_utc(local, tz) else {
                return false;
            };
            if stop_utc.is_some_and(|s| utc > s) {
                return false;
            }
            consider(local, utc, None, &mut found)
        });
        *ctx.total_steps -= remaining - steps;
        if end == WalkEnd::StepLimit {
            step_limited = true;
        }
    }
    for RDate { start, end } in &master.rdates {
        let (local, utc) = match start {
            When::Time(l, z) => (*l, resolve(z, zone).to_utc(*l, tz)),
            When::Date(d) => {
                let l = d.and_time(if all_day {
                    NaiveTime::MIN
                } else {
                    start_local.time()
                });
                (l, zone.to_utc(l, tz))
            }
        };
        if let Some(utc) = utc {
            // A PERIOD's end is its own: an instant, or a length from its start.
            let own_end = match end {
                End::None => None,
                End::At(When::Time(l, z)) => resolve(z, zone).to_utc(*l, tz),
                End::At(When::Date(d)) => zone.to_utc(d.and_time(NaiveTime::MIN), tz),
                End::Duration(_) => end_of(local, utc, zone, end, None, tz),
            };
            if !consider(local, utc, own_end, &mut found) {
                break;
            }
        }
    }

    if step_limited {
        if *ctx.total_steps == 0 {
            if !ctx.budget_reported {
                ctx.budget_reported = true;
                ctx.log.push_always(
                    "calendar".into(),
                    "the file's recurrences need more expansion work than syncwise allows; later series are not expanded".into(),
                );
            }
        } else {
            ctx.log.push(
                master.describe(),
                format!(
                    "the series needs more than {} steps to reach this window; not counted",
                    ctx.limits.max_series_steps
                ),
            );
        }
    }
    if capped {
        let reason = if master.rules.iter().any(|r| r.is_sub_daily()) {
            format!(
                "repeats more often than daily: only its first {cap} occurrences in this window are counted"
            )
        } else {
            format!("more than {cap} occurrences in this window; the rest are not counted")
        };
        ctx.log.push(master.describe(), reason);
    }

    let mut reported = false;
    for occ in found {
        if excluded(occ.local, occ.utc, exdates, has_exdate_days) {
            continue;
        }
        let key = if all_day {
            Instant::Day(occ.local.date())
        } else {
            Instant::At(occ.utc)
        };
        if overridden.contains(&key) || overridden.contains(&Instant::Day(occ.local.date())) {
            continue;
        }
        if kind != Kind::Meeting {
            if !reported {
                reported = true;
                ctx.log.push(master.describe(), kind.reason());
            }
            continue;
        }
        let end_utc = match occ.end {
            Some(own) => Some(own),
            None => end_of(occ.local, occ.utc, zone, &master.end, Some(start_when), tz),
        };
        let Some(end_utc) = end_utc else { continue };
        if end_utc <= occ.utc {
            continue;
        }
        let (own, start, end) = match future_of(futures, occ.utc) {
            Some(f) => {
                if f.event.cancelled {
                    continue;
                }
                let (Some(start), Some(moved_end)) = (
                    occ.utc.checked_add_signed(f.shift),
                    end_utc.checked_add_signed(f.shift),
                ) else {
                    continue;
                };
                let end = f
                    .length
                    .and_then(|len| start.checked_add_signed(len))
                    .unwrap_or(moved_end);
                if !ctx.win.contains(start) || end <= start {
                    continue;
                }
                (f.event, start, end)
            }
            None => (master, occ.utc, end_utc),
        };
        place(
            ctx,
            own,
            master,
            start,
            end,
            occ.utc,
            master.is_recurring(),
            endless,
        );
    }
}

fn expand_override(
    master: Option<&Event>,
    o: &Event,
    rid: Instant,
    master_zone: &Zone,
    ctx: &mut Ctx<'_>,
) {
    let tz = ctx.win.tz;
    let start_when = match (&o.start, &o.recurrence_id) {
        (Some(s), _) => s.clone(),
        (None, Some(r)) => r.clone(),
        (None, None) => return,
    };
    let (local, zone) = match &start_when {
        When::Time(l, z) => (*l, resolve(z, master_zone).clone()),
        When::Date(d) => (d.and_time(NaiveTime::MIN), Zone::Floating),
    };
    let Some(utc) = zone.to_utc(local, tz) else {
        return;
    };
    // An override without an end keeps the series' length.
    let end_utc = match (&o.end, master) {
        (End::None, Some(m)) if !matches!(m.end, End::None) => {
            length_of(m, tz).and_then(|len| utc.checked_add_signed(len))
        }
        _ => end_of(local, utc, &zone, &o.end, Some(&start_when), tz),
    };
    let mut kind = kind_of(o, Some(&start_when), end_utc.map(|e| e - utc));
    if kind == Kind::Meeting
        && let Some(name) = master.and_then(|m| m.unknown_zone.as_ref())
    {
        kind = Kind::UnknownZone(name.to_string());
    }
    let relevant = match &kind {
        Kind::UnknownZone(_) => ctx.win.near(utc),
        _ => ctx.win.contains(utc),
    };
    if !relevant {
        return;
    }
    if kind != Kind::Meeting {
        ctx.log.push(o.describe(), kind.reason());
        return;
    }
    let Some(end_utc) = end_utc else { return };
    let occurrence = match rid {
        Instant::At(t) => t,
        Instant::Day(_) => utc,
    };
    let endless = master.is_some_and(|m| m.rules.iter().any(|r| r.is_endless()));
    place(
        ctx,
        o,
        master.unwrap_or(o),
        utc,
        end_utc,
        occurrence,
        true,
        endless,
    );
}

/// The length of an event's first occurrence.
fn length_of(event: &Event, tz: Tz) -> Option<Duration> {
    let start = event.start.as_ref()?;
    let (local, zone) = match start {
        When::Time(l, z) => (*l, z.clone()),
        When::Date(d) => (d.and_time(NaiveTime::MIN), Zone::Floating),
    };
    let utc = zone.to_utc(local, tz)?;
    let end = end_of(local, utc, &zone, &event.end, Some(start), tz)?;
    Some(end - utc)
}

/// Places one occurrence; `own` may leave title, description and attendees to `series`
/// (an override that only moves the time).
#[allow(clippy::too_many_arguments)]
fn place(
    ctx: &mut Ctx<'_>,
    own: &Event,
    series: &Event,
    start: NaiveDateTime,
    end: NaiveDateTime,
    occurrence: NaiveDateTime,
    recurring: bool,
    endless: bool,
) {
    let tz = ctx.win.tz;
    let title = own
        .title
        .as_ref()
        .or(series.title.as_ref())
        .cloned()
        .unwrap_or_default();
    let description = own
        .description
        .as_deref()
        .or(series.description.as_deref())
        .unwrap_or("")
        .to_string();
    let attendees = own
        .attendees
        .or(series.attendees)
        .unwrap_or(u32::from(own.has_organizer || series.has_organizer));
    // Busy unless it says otherwise (RFC 5545's default).
    let free = own.free.or(series.free).unwrap_or(false);
    // Who declined goes with the list of people: an override that names none keeps the
    // series' answers.
    let declined = match own.attendees {
        Some(_) => own.declined.clone(),
        None => series.declined.clone(),
    };
    let seconds = (end - start).num_seconds().max(0);
    let minutes = u32::try_from((seconds + 59) / 60).unwrap_or(u32::MAX);
    let start = in_zone(tz, start);
    let end = in_zone(tz, end);
    ctx.out.push(Occurrence {
        uid: own.uid.clone(),
        title,
        description,
        start,
        end,
        minutes,
        attendees,
        recurring,
        endless,
        free,
        declined,
        original_start: Utc.from_utc_datetime(&occurrence),
    });
}
