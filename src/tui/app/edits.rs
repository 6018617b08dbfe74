//! The mutations: quick keys, private, delete, undo and redo, each one saved core operation.

use super::{App, BUSY_MESSAGE, Refused};
use crate::core::ops::{self, OpError, Tweak};
use crate::core::{Item, Plan};
use crate::store::StoreError;
use crate::tui::action::Action;
use crate::tui::history::Change;

impl App {
    /// Saves one change to the plan: `op`, a core operation, runs on the freshest plan
    /// under the store lock and returns the change it made, which goes into the undo
    /// history. A store busy past [`SAVE_WAIT`](super::SAVE_WAIT) is reported at once: the
    /// key path never blocks long.
    pub(super) fn commit(
        &mut self,
        op: impl FnOnce(&mut Plan) -> Result<Change, OpError>,
    ) -> Option<Change> {
        match self.store.transact(|plan| op(plan).map_err(Refused::Op)) {
            Ok(committed) => {
                self.plan = committed.plan;
                self.version = committed.version;
                Some(committed.value)
            }
            Err(Refused::Op(OpError::ItemChanged(id))) => {
                // The screen showed #id otherwise: show it as it is now, and say so.
                self.refresh();
                self.stale_item = None;
                self.fail(format!(
                    "#{id} was changed by another process: nothing done; look again, then press the key again"
                ));
                None
            }
            Err(e) => {
                self.fail_save(&e);
                None
            }
        }
    }

    /// Says why a save failed; a busy store in words that say what to do.
    pub(super) fn fail_save(&mut self, error: &Refused) {
        match error {
            Refused::Store(StoreError::Busy { .. }) => self.fail(BUSY_MESSAGE),
            other => self.fail(other.to_string()),
        }
    }

    /// Changes the selected item, if it is still on disk as the screen shows it, and
    /// records the change for undo.
    pub(super) fn change_selected(&mut self, what: impl Fn(&Item) -> String, tweak: Tweak) {
        match self.selected_item().cloned() {
            Some(seen) => self.change_item(seen.id, what, tweak, Some(seen)),
            None => self.tell(self.nothing_selected()),
        }
    }

    /// Changes one item and records the change for undo. With `seen`, the item must still
    /// be exactly that on disk, under the lock, or nothing is changed.
    pub(super) fn change_item(
        &mut self,
        id: u32,
        what: impl Fn(&Item) -> String,
        tweak: Tweak,
        seen: Option<Item>,
    ) {
        let now = self.now_utc();
        self.patch_item(id, what, seen, |plan| ops::tweak(plan, id, tweak, now));
    }

    /// Runs `op` on item `id`, records it for undo and says the item's new value. With
    /// `seen`, the item must still be exactly that on disk, under the lock, or nothing is
    /// changed.
    pub(super) fn patch_item(
        &mut self,
        id: u32,
        what: impl Fn(&Item) -> String,
        seen: Option<Item>,
        op: impl FnOnce(&mut Plan) -> Result<Change, OpError>,
    ) {
        let change = self.commit(|plan| {
            if let Some(seen) = &seen
                && plan.item(id) != Some(seen)
            {
                return Err(match plan.item(id) {
                    None => OpError::NoItem(id),
                    Some(_) => OpError::ItemChanged(id),
                });
            }
            op(plan)
        });
        if let Some(change) = change {
            self.history.record(change);
            let text = self.plan.item(id).map_or_else(
                || format!("#{id} changed"),
                |i| format!("#{id} {}", what(i)),
            );
            self.tell(text);
            self.reselect(Some(id));
        }
    }

    /// Makes the selected item private, or shared again.
    pub(super) fn toggle_private(&mut self) {
        let Some(item) = self.selected_item() else {
            self.tell(self.nothing_selected());
            return;
        };
        let id = item.id;
        let seen = item.clone();
        let patch = crate::core::patch::ItemPatch {
            private: Some(!item.private),
            ..Default::default()
        };
        let now = self.now_utc();
        self.patch_item(id, describe_private, Some(seen), |plan| {
            ops::patch(plan, id, &patch, now)
        });
    }

    /// Puts the items of a change in their `after` state, if they are all still as
    /// `before` left them; otherwise changes nothing.
    pub(super) fn apply_history(&mut self, change: &Change) -> Result<(), Refused> {
        let committed = self
            .store
            .transact(|plan| ops::apply(plan, change).map_err(Refused::Op))?;
        self.plan = committed.plan;
        self.version = committed.version;
        if let Some(item) = change.items_after().next() {
            self.week = item.week;
        }
        self.reselect(Some(change.id()));
        Ok(())
    }

    pub(super) fn delete(&mut self, id: u32) {
        let change = self.commit(|plan| ops::delete(plan, id));
        if let Some(change) = change {
            self.history.record(change);
            self.tell(format!(
                "Deleted #{id}; {} brings it back",
                self.key_name(Action::Undo)
            ));
            self.reselect(None);
        }
    }
}

/// What the footer says after the private key.
fn describe_private(item: &Item) -> String {
    if item.private {
        "private: kept out of the brief and invites".to_string()
    } else {
        "shared: in the brief".to_string()
    }
}
