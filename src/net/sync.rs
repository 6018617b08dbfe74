//! A sync of the subscribed calendars, as the CLI and the TUI run it: for each calendar,
//! fetch (here), read (the calendar reader and `core::ops::read_import`), store (the
//! store, with `core::subscription::store_sync`). A calendar that fails changes no
//! meeting: its last good copy keeps counting, and the error is recorded beside it.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use serde::Serialize;

use super::{SyncError, caldav, fetch, password};
use crate::core::subscription::{self, Subscription, SubscriptionKind, SyncTags};
use crate::core::week::IsoWeek;
use crate::store::{Store, StoreError};

/// How many weeks a sync reads when not told: this one and the next three.
pub const DEFAULT_WEEKS: u32 = 4;

/// What a sync is asked to do.
#[derive(Debug, Clone)]
pub struct SyncRequest {
    /// Only this calendar (default: every one).
    pub only: Option<String>,
    pub first: IsoWeek,
    pub weeks: u32,
    pub zone: crate::ics::Tz,
    pub now: DateTime<Utc>,
}

/// Why a calendar's sync failed.
#[derive(Debug, thiserror::Error)]
pub enum CalendarError {
    #[error(transparent)]
    Net(#[from] SyncError),
    #[error("what the server sent is not a calendar syncwise can read ({0})")]
    Unreadable(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Refused(String),
}

/// How one calendar's sync went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    pub calendar: String,
    /// `synced`, `unchanged` or `failed`.
    pub status: &'static str,
    /// Meetings stored for the weeks synced (unchanged: as before; failed: none).
    pub meetings: usize,
    /// Meetings of those weeks that the sync replaced.
    pub replaced: usize,
    pub weeks: Vec<IsoWeek>,
    /// One line: what went wrong and what to do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The user's zone for a sync run without flags: the `timezone` setting, else `TZ`, else
/// the system's, else UTC (a name that is no zone is passed over, not an error).
pub fn default_zone(settings: &crate::core::Settings) -> crate::ics::Tz {
    settings
        .timezone
        .as_deref()
        .and_then(|name| crate::ics::user_zone(name).ok())
        .or_else(|| crate::env::tz_var().and_then(|name| crate::ics::user_zone(&name).ok()))
        .unwrap_or_else(crate::env::system_zone)
}

/// Syncs the calendars asked for, one after the other; one failing does not stop the others.
/// Fails as a whole only when the store cannot be read or the calendar named is unknown.
pub fn sync(store: &Store, ask: &SyncRequest) -> Result<Vec<Outcome>, CalendarError> {
    let plan = store.load()?;
    let subscriptions: Vec<Subscription> = match &ask.only {
        Some(name) => {
            let found = plan.calendars.iter().find(|s| &s.name == name).cloned();
            vec![found.ok_or_else(|| {
                CalendarError::Refused(
                    subscription::SubscriptionError::Unknown(name.clone()).to_string(),
                )
            })?]
        }
        None => plan.calendars.clone(),
    };
    let weeks: Vec<IsoWeek> = (0..ask.weeks)
        .map(|i| ask.first.offset(i64::from(i)))
        .collect();
    let mut outcomes = Vec::with_capacity(subscriptions.len());
    for sub in &subscriptions {
        let outcome = match sync_one(store, &plan.settings, sub, ask, &weeks) {
            Ok(outcome) => outcome,
            Err(CalendarError::Store(e)) => return Err(CalendarError::Store(e)),
            Err(error) => {
                let message = error.to_string();
                store.update(|plan| {
                    subscription::record(plan, &sub.name, &weeks, ask.now, Some(&message));
                    Ok::<_, StoreError>(())
                })?;
                Outcome {
                    calendar: sub.name.clone(),
                    status: "failed",
                    meetings: 0,
                    replaced: 0,
                    weeks: weeks.clone(),
                    error: Some(message),
                }
            }
        };
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

/// Fetches, reads and stores one calendar.
fn sync_one(
    store: &Store,
    settings: &crate::core::Settings,
    sub: &Subscription,
    ask: &SyncRequest,
    weeks: &[IsoWeek],
) -> Result<Outcome, CalendarError> {
    let mut target = fetch::Target::parse(&sub.url, sub.insecure_http)?;
    let mut secret: Option<String> = None;
    if let Some(command) = &sub.password_cmd {
        let password = password::run(command)?;
        target = target.with_login(sub.user.as_deref().unwrap_or_default(), &password);
        secret = Some(password);
    }
    let tags = sub.tags_for(weeks);
    let (from, to) = span(weeks);
    let fetched = match sub.kind {
        SubscriptionKind::Feed => fetch::feed(&target, tags.etag.as_deref()),
        SubscriptionKind::Caldav => caldav::calendar(&target, tags.sync_token.as_deref(), from, to),
    }
    .map_err(|e| redact(e, secret.as_deref()))?;
    drop(target);
    let (ics, tags) = match fetched {
        fetch::Fetched::Unchanged => {
            let plan = store.update(|plan| {
                subscription::record(plan, &sub.name, weeks, ask.now, None);
                Ok::<_, StoreError>(plan.clone())
            })?;
            return Ok(Outcome {
                calendar: sub.name.clone(),
                status: "unchanged",
                meetings: count(&plan, &sub.name, weeks),
                replaced: 0,
                weeks: weeks.to_vec(),
                error: None,
            });
        }
        fetch::Fetched::Calendar { ics, tags } => (ics, tags),
    };
    let calendar =
        crate::ics::parse_bytes(&ics).map_err(|e| CalendarError::Unreadable(e.to_string()))?;
    let import = crate::core::ops::read_import(
        &calendar,
        settings,
        ask.first,
        ask.weeks,
        ask.zone,
        Some(&sub.name),
    );
    let stored = store_import(store, &import, tags, ask.now)?;
    Ok(Outcome {
        calendar: sub.name.clone(),
        status: "synced",
        meetings: import.meetings.len(),
        replaced: stored,
        weeks: weeks.to_vec(),
        error: None,
    })
}

/// Stores an import under the lock; returns how many meetings it replaced.
fn store_import(
    store: &Store,
    import: &crate::core::ops::Import,
    tags: SyncTags,
    now: DateTime<Utc>,
) -> Result<usize, CalendarError> {
    store.update(|plan| {
        let change = subscription::store_sync(plan, import, tags, now)
            .map_err(|e| CalendarError::Refused(e.to_string()))?;
        Ok(change.and_then(|c| c.meetings).map_or(0, |m| m.removed))
    })
}

/// The stored meetings of a calendar in these weeks.
fn count(plan: &crate::core::Plan, name: &str, weeks: &[IsoWeek]) -> usize {
    plan.meetings
        .iter()
        .filter(|m| m.calendar.as_deref() == Some(name) && weeks.contains(&m.week))
        .count()
}

/// The moments a CalDAV query covers: the weeks, a day wider on each side so that every
/// zone's week is inside (the reader then keeps each meeting's own week).
fn span(weeks: &[IsoWeek]) -> (DateTime<Utc>, DateTime<Utc>) {
    let first = weeks
        .first()
        .map_or_else(|| Utc::now().date_naive(), |w| w.monday());
    let last = weeks.last().map_or(first, |w| w.monday());
    let start = first.and_time(NaiveTime::MIN).and_utc() - Duration::days(1);
    let end = last.and_time(NaiveTime::MIN).and_utc() + Duration::days(8);
    (start, end)
}

/// An error with any copy of the password taken out (a server may echo what it was sent).
pub(crate) fn redact(error: SyncError, secret: Option<&str>) -> SyncError {
    let Some(secret) = secret.filter(|s| !s.is_empty()) else {
        return error;
    };
    match error {
        SyncError::Other { host, reason } => SyncError::Other {
            host,
            reason: reason.replace(secret, "***"),
        },
        SyncError::Protocol(reason) => SyncError::Protocol(reason.replace(secret, "***")),
        SyncError::Tls { host, reason } => SyncError::Tls {
            host,
            reason: reason.replace(secret, "***"),
        },
        other => other,
    }
}
