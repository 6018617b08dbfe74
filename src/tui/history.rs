//! Undo and redo for every change of the session, as before/after copies of the items a
//! key changed (one item for most keys, several for a carry-over).

use crate::core::Item;

/// One item before and after a change (`None` where it did not exist).
#[derive(Debug, Clone, PartialEq)]
pub struct ItemChange {
    pub before: Option<Item>,
    pub after: Option<Item>,
}

impl ItemChange {
    /// The id of the item.
    pub fn id(&self) -> u32 {
        self.after
            .as_ref()
            .or(self.before.as_ref())
            .map_or(0, |i| i.id)
    }
}

/// What one key changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub items: Vec<ItemChange>,
}

impl Change {
    /// A change of one item.
    pub fn one(before: Option<Item>, after: Option<Item>) -> Change {
        Change {
            items: vec![ItemChange { before, after }],
        }
    }

    /// The id of the first item changed, to select it after an undo.
    pub fn id(&self) -> u32 {
        self.items.first().map_or(0, ItemChange::id)
    }

    /// Whether the change left everything as it was.
    pub fn is_noop(&self) -> bool {
        self.items.iter().all(|c| c.before == c.after)
    }

    /// The same change the other way round.
    pub fn inverted(&self) -> Change {
        Change {
            items: self
                .items
                .iter()
                .map(|c| ItemChange {
                    before: c.after.clone(),
                    after: c.before.clone(),
                })
                .collect(),
        }
    }

    /// What to call the change in a message: `#3`, or `4 items`.
    pub fn describe(&self) -> String {
        match self.items.len() {
            1 => format!("#{}", self.id()),
            n => format!("{n} items"),
        }
    }
}

/// The session's changes, with a cursor between what is done and what was undone.
#[derive(Debug, Default)]
pub struct History {
    done: Vec<Change>,
    undone: Vec<Change>,
}

impl History {
    /// Records a new change; anything undone can no longer be redone.
    pub fn record(&mut self, change: Change) {
        if change.is_noop() {
            return;
        }
        self.done.push(change);
        self.undone.clear();
    }

    /// The change to revert next, if any.
    pub fn peek_undo(&self) -> Option<&Change> {
        self.done.last()
    }

    /// The change to apply again next, if any.
    pub fn peek_redo(&self) -> Option<&Change> {
        self.undone.last()
    }

    /// Marks the last change as undone.
    pub fn undo_done(&mut self) {
        if let Some(change) = self.done.pop() {
            self.undone.push(change);
        }
    }

    /// Marks the last undone change as done again.
    pub fn redo_done(&mut self) {
        if let Some(change) = self.undone.pop() {
            self.done.push(change);
        }
    }

    /// Forgets the last change, which can no longer be undone (another process changed
    /// its items since), so that older changes stay reachable.
    pub fn forget_undo(&mut self) {
        self.done.pop();
    }

    /// Forgets the last undone change, which can no longer be redone.
    pub fn forget_redo(&mut self) {
        self.undone.pop();
    }
}
