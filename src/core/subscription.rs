//! Calendar subscriptions as the plan stores them: where a calendar lives, how to reach
//! it, and how its last sync went. Never a password: only the command that prints one.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::core::Plan;
use crate::core::ops::{Change, Import, OpError};
use crate::core::week::IsoWeek;

/// How a subscribed calendar is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SubscriptionKind {
    /// An .ics feed fetched whole (Google's secret iCal address, Outlook, iCloud).
    Feed,
    /// A CalDAV calendar collection, read a few weeks at a time.
    Caldav,
}

impl SubscriptionKind {
    /// The word the CLI shows.
    pub fn id(self) -> &'static str {
        match self {
            SubscriptionKind::Feed => "feed",
            SubscriptionKind::Caldav => "caldav",
        }
    }
}

/// One subscribed calendar. Its meetings are stored under its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subscription {
    /// The calendar's name: its meetings are stored under it.
    pub name: String,
    /// The address as given (`webcal://` kept; it is read as https).
    pub url: String,
    pub kind: SubscriptionKind,
    /// The user name sent with the password, if the calendar needs one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// The shell command whose first line of output is the password, run at each sync.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_cmd: Option<String>,
    /// Whether plain http is allowed to a host other than this machine.
    #[serde(default, skip_serializing_if = "is_false")]
    pub insecure_http: bool,
    /// When the last sync that stored meetings (or found them unchanged) finished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_sync: Option<DateTime<Utc>>,
    /// What went wrong with the latest attempt, when it failed (cleared by a success).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// The feed's ETag at the last sync (sent back as If-None-Match).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// The CalDAV collection's sync token or ctag at the last sync.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_token: Option<String>,
    /// The weeks the last sync stored: the tags above vouch for these weeks only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weeks: Vec<IsoWeek>,
    /// Whether `invites --push` puts the invites on this (CalDAV) calendar; at most one.
    #[serde(default, skip_serializing_if = "is_false")]
    pub write: bool,
    /// The server's ETag of each invite pushed, by the event's UID: the next push sends it
    /// as If-Match, so a copy changed on the server is never overwritten.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub pushed: BTreeMap<String, String>,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// Why a subscription cannot be added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubscriptionError {
    #[error("a calendar name must be 1 to {MAX_NAME} printable characters")]
    BadName,
    #[error(
        "there is already a calendar named \u{201c}{0}\u{201d} (`syncwise calendar rm` it first)"
    )]
    Taken(String),
    #[error("there is no calendar named \u{201c}{0}\u{201d} (`syncwise calendar list` shows them)")]
    Unknown(String),
    #[error("only a CalDAV calendar can take invites: add it with --caldav --write")]
    WriteNeedsCaldav,
    #[error(
        "invites already go to \u{201c}{0}\u{201d}; `syncwise calendar rm` it first, or add this one without --write"
    )]
    WriteTaken(String),
}

/// The longest calendar name.
pub const MAX_NAME: usize = 60;

/// What a finished sync brings back to store beside the meetings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncTags {
    pub etag: Option<String>,
    pub sync_token: Option<String>,
}

impl Subscription {
    /// A new subscription with no sync yet.
    pub fn new(name: &str, url: &str, kind: SubscriptionKind) -> Subscription {
        Subscription {
            name: name.trim().to_string(),
            url: url.trim().to_string(),
            kind,
            user: None,
            password_cmd: None,
            insecure_http: false,
            last_sync: None,
            last_error: None,
            etag: None,
            sync_token: None,
            weeks: Vec::new(),
            write: false,
            pushed: BTreeMap::new(),
        }
    }

    /// The tags of the last sync, when they vouch for exactly these weeks: a server that
    /// answers "unchanged" to them leaves the stored meetings true.
    pub fn tags_for(&self, weeks: &[IsoWeek]) -> SyncTags {
        if self.weeks.as_slice() != weeks || self.last_sync.is_none() {
            return SyncTags::default();
        }
        SyncTags {
            etag: self.etag.clone(),
            sync_token: self.sync_token.clone(),
        }
    }

    /// Records a sync that stored (or kept) the meetings of `weeks`.
    pub fn record_success(&mut self, at: DateTime<Utc>, weeks: &[IsoWeek], tags: SyncTags) {
        self.last_sync = Some(at);
        self.last_error = None;
        self.etag = tags.etag;
        self.sync_token = tags.sync_token;
        self.weeks = weeks.to_vec();
    }

    /// Records a failed sync: the stored meetings and tags stay as they were.
    pub fn record_failure(&mut self, message: &str) {
        self.last_error = Some(crate::core::sanitize::sanitize(message));
    }
}

/// Checks a new calendar's name against the ones the plan holds.
pub fn check_new(existing: &[Subscription], name: &str) -> Result<(), SubscriptionError> {
    let name = name.trim();
    // A name the sanitiser would change could not be matched to its meetings.
    if name.is_empty()
        || name.chars().count() > MAX_NAME
        || crate::core::sanitize::sanitize(name) != name
    {
        return Err(SubscriptionError::BadName);
    }
    if existing.iter().any(|s| s.name == name) {
        return Err(SubscriptionError::Taken(name.to_string()));
    }
    Ok(())
}

/// Subscribes the plan to a calendar.
pub fn add(plan: &mut Plan, subscription: Subscription) -> Result<(), SubscriptionError> {
    check_new(&plan.calendars, &subscription.name)?;
    if subscription.write {
        if subscription.kind != SubscriptionKind::Caldav {
            return Err(SubscriptionError::WriteNeedsCaldav);
        }
        if let Some(other) = writable(plan) {
            return Err(SubscriptionError::WriteTaken(other.name.clone()));
        }
    }
    plan.calendars.push(subscription);
    Ok(())
}

/// The calendar invites are pushed to, if one was added with `--write`.
pub fn writable(plan: &Plan) -> Option<&Subscription> {
    plan.calendars.iter().find(|s| s.write)
}

/// Records that the invite `uid` now has `etag` on the calendar `name`.
pub fn record_push(plan: &mut Plan, name: &str, uid: &str, etag: &str) {
    if let Some(sub) = plan.calendars.iter_mut().find(|s| s.name == name) {
        sub.pushed.insert(uid.to_string(), etag.to_string());
    }
}

/// Forgets the invite `uid` pushed to the calendar `name` (withdrawn, or already gone).
pub fn forget_push(plan: &mut Plan, name: &str, uid: &str) {
    if let Some(sub) = plan.calendars.iter_mut().find(|s| s.name == name) {
        sub.pushed.remove(uid);
    }
}

/// Ends a subscription; the meetings stored under its name go with it. Returns the
/// subscription and how many meetings went.
pub fn remove(plan: &mut Plan, name: &str) -> Result<(Subscription, usize), SubscriptionError> {
    let index = plan
        .calendars
        .iter()
        .position(|s| s.name == name)
        .ok_or_else(|| SubscriptionError::Unknown(name.to_string()))?;
    let subscription = plan.calendars.remove(index);
    let before = plan.meetings.len();
    plan.meetings
        .retain(|m| m.calendar.as_deref() != Some(subscription.name.as_str()));
    Ok((subscription, before - plan.meetings.len()))
}

/// Stores what a sync of the calendar `import.calendar` read: its meetings of the import's
/// weeks are replaced (the same rule as `import`: nothing duplicated, other calendars and
/// weeks untouched, written updates keep pointing at their meeting by key), and the
/// subscription records the sync. A calendar that became empty clears its weeks: the
/// server is the calendar. `None` when the subscription is gone (removed meanwhile).
pub fn store_sync(
    plan: &mut Plan,
    import: &Import,
    tags: SyncTags,
    at: DateTime<Utc>,
) -> Result<Option<Change>, OpError> {
    let Some(name) = import.calendar.as_deref() else {
        return Ok(None);
    };
    if !plan.calendars.iter().any(|s| s.name == name) {
        return Ok(None);
    }
    let change = crate::core::ops::import_meetings(plan, import, true, at)?;
    if let Some(sub) = plan.calendars.iter_mut().find(|s| s.name == name) {
        sub.record_success(at, &import.weeks, tags);
    }
    Ok(Some(change))
}

/// Records on the subscription named `name` that its calendar was unchanged (`error`
/// `None`) or could not be synced; no meeting changes either way.
pub fn record(
    plan: &mut Plan,
    name: &str,
    weeks: &[IsoWeek],
    at: DateTime<Utc>,
    error: Option<&str>,
) {
    if let Some(sub) = plan.calendars.iter_mut().find(|s| s.name == name) {
        match error {
            None => {
                let tags = SyncTags {
                    etag: sub.etag.clone(),
                    sync_token: sub.sync_token.clone(),
                };
                sub.record_success(at, weeks, tags);
            }
            Some(message) => sub.record_failure(message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_vouch_only_for_the_weeks_they_were_taken_for() {
        let w48: IsoWeek = "2026-W48".parse().unwrap();
        let mut sub =
            Subscription::new("Work", "https://example.test/a.ics", SubscriptionKind::Feed);
        assert_eq!(sub.tags_for(&[w48]), SyncTags::default());
        let tags = SyncTags {
            etag: Some("\"1\"".into()),
            sync_token: None,
        };
        sub.record_success(Utc::now(), &[w48], tags.clone());
        assert_eq!(sub.tags_for(&[w48]), tags);
        assert_eq!(sub.tags_for(&[w48, w48.next()]), SyncTags::default());
        sub.record_failure("no network");
        assert_eq!(sub.tags_for(&[w48]), tags);
        assert_eq!(sub.last_error.as_deref(), Some("no network"));
    }

    #[test]
    fn one_caldav_calendar_at_most_takes_the_invites() {
        let mut plan = Plan::default();
        let mut feed =
            Subscription::new("Feed", "https://example.test/a.ics", SubscriptionKind::Feed);
        feed.write = true;
        assert_eq!(
            add(&mut plan, feed),
            Err(SubscriptionError::WriteNeedsCaldav)
        );
        let mut work = Subscription::new(
            "Work",
            "https://example.test/dav/",
            SubscriptionKind::Caldav,
        );
        work.write = true;
        assert_eq!(add(&mut plan, work.clone()), Ok(()));
        work.name = "Other".into();
        assert_eq!(
            add(&mut plan, work),
            Err(SubscriptionError::WriteTaken("Work".into()))
        );
        record_push(&mut plan, "Work", "u1", "\"e1\"");
        assert_eq!(writable(&plan).map(|s| s.pushed.len()), Some(1));
        forget_push(&mut plan, "Work", "u2");
        assert_eq!(writable(&plan).map(|s| s.pushed.len()), Some(1));
        forget_push(&mut plan, "Work", "u1");
        assert_eq!(writable(&plan).map(|s| s.pushed.len()), Some(0));
    }

    #[test]
    fn names_are_checked() {
        let sub = Subscription::new("Work", "https://example.test/a.ics", SubscriptionKind::Feed);
        assert_eq!(check_new(&[], " "), Err(SubscriptionError::BadName));
        assert_eq!(check_new(&[], "a\u{1b}b"), Err(SubscriptionError::BadName));
        assert_eq!(
            check_new(&[], "a\u{202e}b"),
            Err(SubscriptionError::BadName)
        );
        assert!(matches!(
            check_new(&[sub], "Work"),
            Err(SubscriptionError::Taken(_))
        ));
        assert_eq!(check_new(&[], "Home"), Ok(()));
    }
}
