//! The calendar sync the TUI runs in the background: one thread at a time, started at
//! launch and on a key, never waited for by a key press. What it stores reaches the
//! screen through the store (the TUI's refresh reads the changed file); what it says
//! reaches the header through `status_line`.

use std::thread::JoinHandle;

use chrono::{FixedOffset, Offset, Utc};

use crate::core::clock::Clock;
use crate::core::plural::counted;
use crate::core::subscription::Subscription;
use crate::net::sync::{CalendarError, Outcome, SyncRequest};
use crate::store::Store;

/// The background sync, if one is running.
#[derive(Debug, Default)]
pub struct Background {
    running: Option<JoinHandle<Result<Vec<Outcome>, CalendarError>>>,
}

impl Background {
    /// Whether a sync is under way.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Starts a sync on its own thread; false when one is already running.
    pub fn start(&mut self, store: &Store, ask: SyncRequest) -> bool {
        if self.running.is_some() {
            return false;
        }
        let store = store.clone();
        self.running = Some(std::thread::spawn(move || {
            crate::net::sync::sync(&store, &ask)
        }));
        true
    }

    /// What the sync said, once it has finished (never waits for it).
    pub fn finished(&mut self) -> Option<String> {
        if !self.running.as_ref().is_some_and(JoinHandle::is_finished) {
            return None;
        }
        let handle = self.running.take()?;
        Some(match handle.join() {
            Ok(Ok(outcomes)) => {
                let failed = outcomes.iter().filter(|o| o.error.is_some()).count();
                let total = outcomes.len();
                let calendars = counted(total, "calendar");
                match failed {
                    0 => format!("Synced {calendars}"),
                    n => format!("{n} of {calendars} could not be synced (see the header)"),
                }
            }
            Ok(Err(error)) => format!("The calendar sync failed: {error}"),
            Err(_) => "The calendar sync stopped unexpectedly".to_string(),
        })
    }
}

/// The header's calendars: each one's last successful sync (its local time) and any error,
/// on one line; empty without subscriptions.
pub fn status_line(calendars: &[Subscription], running: bool, clock: &Clock) -> String {
    if calendars.is_empty() {
        return String::new();
    }
    let offset = (clock.local - clock.utc.naive_utc()).num_seconds();
    let zone = i32::try_from(offset)
        .ok()
        .and_then(FixedOffset::east_opt)
        .unwrap_or_else(|| Utc.fix());
    let parts: Vec<String> = calendars
        .iter()
        .map(|sub| {
            let name = crate::core::sanitize::sanitize(&sub.name);
            let when = sub.last_sync.map_or_else(
                || "never synced".to_string(),
                |t| t.with_timezone(&zone).format("%a %H:%M").to_string(),
            );
            match &sub.last_error {
                Some(error) => {
                    let short: String = crate::core::sanitize::sanitize(error)
                        .chars()
                        .take(40)
                        .collect();
                    format!("{name} {when}, failed: {short}…")
                }
                None => format!("{name} {when}"),
            }
        })
        .collect();
    let state = if running { "syncing… " } else { "" };
    format!("{state}{}", parts.join(" · "))
}
