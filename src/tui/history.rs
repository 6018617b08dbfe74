//! Undo and redo for every change of the session: the [`Change`]s the core operations
//! return, replayed the other way round by `ops::apply`.

pub use crate::core::ops::{Change, ItemChange};

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
