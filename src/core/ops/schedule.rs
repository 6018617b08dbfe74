//! The schedule operation: gives every open sync of a week the slot `core::schedule`
//! proposes, and takes back a proposed slot that no longer fits.

use chrono::{DateTime, NaiveDateTime, Utc};

use super::{Change, ItemChange, OpError};
use crate::core::Plan;
use crate::core::schedule::{Outcome, Schedule, schedule as propose, wants_slot};
use crate::core::week::IsoWeek;

/// Proposes slots for `week` at the local moment `now` and saves them on the items: a
/// placed item takes its day and start (not pinned), an item left out loses a start it
/// was proposed before. Stamps changed items updated at `utc` (which raises their invite's SEQUENCE).
pub fn schedule(
    plan: &mut Plan,
    week: IsoWeek,
    now: NaiveDateTime,
    utc: DateTime<Utc>,
) -> Result<(Change, Schedule), OpError> {
    let proposal = propose(plan, week, now);
    let mut changes = Vec::new();
    for p in &proposal.proposals {
        let item = plan.item_mut(p.id).ok_or(OpError::NoItem(p.id))?;
        if !wants_slot(item, week) {
            continue;
        }
        let before = item.clone();
        match p.outcome {
            Outcome::Placed { day, at, .. } => {
                item.day = day;
                item.at = Some(at);
            }
            Outcome::Unplaced(_) => item.at = None,
        }
        item.at_pinned = false;
        if *item != before {
            item.updated = utc;
            changes.push(ItemChange {
                before: Some(before),
                after: Some(item.clone()),
            });
        }
    }
    Ok((Change::of_items(changes), proposal))
}
