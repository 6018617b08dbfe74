//! Carry-over: the open items of one week move into another, marked with where they came from.

use chrono::{DateTime, Utc};

use crate::core::week::IsoWeek;
use crate::core::{Item, Plan, Status};

/// Whether carrying `from` another week moves this item: it is open and planned in `from`.
/// The one filter every carry uses.
pub fn carries(item: &Item, from: IsoWeek) -> bool {
    item.week == from && item.status == Status::Open
}

/// The items a carry out of `from` would move.
pub fn carriable(plan: &Plan, from: IsoWeek) -> impl Iterator<Item = &Item> {
    plan.items.iter().filter(move |i| carries(i, from))
}

/// Moves the open items of `from` into `to` and returns their ids. Done and dropped items
/// stay where they are, so running it again finds nothing left to carry.
pub fn carry(plan: &mut Plan, from: IsoWeek, to: IsoWeek, now: DateTime<Utc>) -> Vec<u32> {
    if from == to {
        return Vec::new();
    }
    let mut carried = Vec::new();
    for item in plan.items.iter_mut() {
        if carries(item, from) {
            item.week = to;
            // An item carried twice keeps the week it was first planned in.
            item.carried_from.get_or_insert(from);
            item.updated = now;
            carried.push(item.id);
        }
    }
    carried
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::week::Day;

    #[test]
    fn carries_open_items_once_and_leaves_closed_ones() {
        let from: IsoWeek = "2026-W47".parse().unwrap();
        let to = from.next();
        let now = Utc::now();
        let mut plan = Plan::default();
        let open = plan.add(Item::new(0, "open", from, Day::Tue, now));
        let mut done = Item::new(0, "done", from, Day::Tue, now);
        done.status = Status::Done;
        let done = plan.add(done);
        assert_eq!(carry(&mut plan, from, to, now), vec![open]);
        assert_eq!(carry(&mut plan, from, to, now), Vec::<u32>::new());
        let moved = plan.item(open).unwrap();
        assert_eq!(
            (moved.week, moved.carried_from, moved.day),
            (to, Some(from), Day::Tue)
        );
        assert_eq!(plan.item(done).unwrap().week, from);
        assert_eq!(plan.items.len(), 2);
        // Carried on again, it still says where it started.
        carry(&mut plan, to, to.next(), now);
        assert_eq!(plan.item(open).unwrap().carried_from, Some(from));
    }
}
