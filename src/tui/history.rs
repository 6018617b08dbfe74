//! Undo and redo for every change of the session, as before/after copies of one item.

use crate::model::Item;

/// One change: the item before and after (`None` where it did not exist).
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub before: Option<Item>,
    pub after: Option<Item>,
}

impl Change {
    /// The id of the item the change is about.
    pub fn id(&self) -> u32 {
        self.after
            .as_ref()
            .or(self.before.as_ref())
            .map_or(0, |i| i.id)
    }

    /// The same change the other way round.
    pub fn inverted(&self) -> Change {
        Change {
            before: self.after.clone(),
            after: self.before.clone(),
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
}
