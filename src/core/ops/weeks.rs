//! Operations across weeks: carrying open items forward.

use chrono::{DateTime, Utc};

use super::{Change, ItemChange, OpError};
use crate::core::Plan;
use crate::core::carry::carriable;
use crate::core::week::IsoWeek;

/// Moves the open items of `from` into the later week `to`, as one change. Done and
/// dropped items stay; carrying again finds nothing left.
pub fn carry(
    plan: &mut Plan,
    from: IsoWeek,
    to: IsoWeek,
    now: DateTime<Utc>,
) -> Result<Change, OpError> {
    if from == to {
        return Err(OpError::SameWeek(to));
    }
    if from > to {
        return Err(OpError::Backwards { from, to });
    }
    let before: Vec<_> = carriable(plan, from).cloned().collect();
    let mut moved = crate::core::carry::carry(plan, from, to, now);
    moved.sort_unstable();
    // Both lists follow the plan's order, so the moved items pair up with `before`.
    let after = plan
        .items
        .iter()
        .filter(|i| moved.binary_search(&i.id).is_ok());
    let items = before
        .into_iter()
        .zip(after)
        .map(|(b, a)| ItemChange {
            before: Some(b),
            after: Some(a.clone()),
        })
        .collect();
    Ok(Change::of_items(items))
}
