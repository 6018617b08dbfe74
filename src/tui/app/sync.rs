//! The background sync of the subscribed calendars.

use super::App;

impl App {
    /// Starts syncing the subscribed calendars on a background thread (this week and the
    /// next three); the store's change reaches the screen at the next refresh. Does
    /// nothing without subscriptions or while a sync runs.
    pub fn start_sync(&mut self) -> bool {
        if self.plan.calendars.is_empty() || self.sync.is_running() {
            return false;
        }
        let ask = crate::net::sync::SyncRequest {
            only: None,
            first: self.clock.this_week(),
            weeks: crate::net::sync::DEFAULT_WEEKS,
            zone: crate::net::sync::default_zone(&self.plan.settings),
            now: self.now_utc(),
        };
        self.sync.start(&self.store, ask)
    }
}
