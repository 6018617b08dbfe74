//! Which pushed invites should come off the calendar: events `invites --push` put there
//! whose item no longer makes an invite of the week being pushed. Pure; `net` deletes.
//!
//! A pushed UID is judged only when it belongs to the week being pushed (its item is of
//! that week) or when no item has it any more, so pushing one week never withdraws
//! another week's events. An item done is left alone: its meeting took place.

use serde::Serialize;

use crate::core::engine::effective_medium;
use crate::core::invite::{uid, uid_id};
use crate::core::subscription::Subscription;
use crate::core::week::IsoWeek;
use crate::core::{Item, Plan, Status};

/// Why a pushed event is no longer an invite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WithdrawReason {
    /// No item has its UID any more (deleted, or the store was replaced).
    Deleted,
    /// The item was dropped.
    Dropped,
    /// The item is now a written update: no sync part left.
    Written,
    /// The item is for the user's eyes only (and `--include-private` was not given).
    Private,
    /// The item lost its start.
    NoSlot,
}

impl WithdrawReason {
    /// The words the CLI shows after the item.
    pub fn words(self) -> &'static str {
        match self {
            WithdrawReason::Deleted => "deleted",
            WithdrawReason::Dropped => "dropped",
            WithdrawReason::Written => "now a written update",
            WithdrawReason::Private => "private",
            WithdrawReason::NoSlot => "no start any more",
        }
    }
}

/// One pushed event to withdraw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stale {
    /// The event's UID, as recorded in [`Subscription::pushed`].
    pub uid: String,
    /// The item it was pushed for, when the UID names one (still there or not).
    pub id: Option<u32>,
    /// The item's title as stored (not sanitised), when the item is still there.
    pub title: Option<String>,
    pub reason: WithdrawReason,
}

/// Why an item of `week` no longer makes an invite, `None` while it does (or while it
/// is not this week's to judge, or is done).
fn reason(item: &Item, week: IsoWeek, include_private: bool) -> Option<WithdrawReason> {
    if item.week != week {
        return None;
    }
    match item.status {
        Status::Done => return None,
        Status::Dropped => return Some(WithdrawReason::Dropped),
        Status::Open => {}
    }
    if !effective_medium(item).has_sync() {
        Some(WithdrawReason::Written)
    } else if item.private && !include_private {
        Some(WithdrawReason::Private)
    } else if item.at.is_none() {
        Some(WithdrawReason::NoSlot)
    } else {
        None
    }
}

/// The events pushed to `sub` that pushing `week` should withdraw, in the order of
/// their UIDs. Never one that [`crate::core::invite::invites`] exports for `week` with
/// the same `include_private`.
pub fn stale(plan: &Plan, week: IsoWeek, sub: &Subscription, include_private: bool) -> Vec<Stale> {
    let mut out = Vec::new();
    for pushed in sub.pushed.keys() {
        let id = uid_id(pushed);
        let item = id
            .and_then(|id| plan.item(id))
            .filter(|item| uid(item) == *pushed);
        let (reason, title) = match item {
            None => (Some(WithdrawReason::Deleted), None),
            Some(item) => (
                reason(item, week, include_private),
                Some(item.title.clone()),
            ),
        };
        if let Some(reason) = reason {
            out.push(Stale {
                uid: pushed.clone(),
                id,
                title,
                reason,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveTime, TimeZone, Utc};

    use super::*;
    use crate::core::ChosenMedium;
    use crate::core::invite::invites;
    use crate::core::subscription::SubscriptionKind;
    use crate::core::week::Day;

    fn week() -> IsoWeek {
        "2026-W48".parse().unwrap()
    }

    fn sync(id: u32, week: IsoWeek) -> Item {
        let now = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
        let mut item = Item::new(id, &format!("Sync {id}"), week, Day::Tue, now);
        item.medium = ChosenMedium::Sync;
        item.at = NaiveTime::from_hms_opt(10, 0, 0);
        item
    }

    /// A plan of `items` and a calendar that was pushed each of them.
    fn pushed(items: Vec<Item>) -> (Plan, Subscription) {
        let mut sub = Subscription::new("Work", "https://dav.test/w/", SubscriptionKind::Caldav);
        sub.write = true;
        for item in &items {
            sub.pushed.insert(uid(item), format!("\"e{}\"", item.id));
        }
        let plan = Plan {
            items,
            ..Plan::default()
        };
        (plan, sub)
    }

    fn reasons(
        plan: &Plan,
        sub: &Subscription,
        include_private: bool,
    ) -> Vec<(u32, WithdrawReason)> {
        stale(plan, week(), sub, include_private)
            .into_iter()
            .map(|s| (s.id.unwrap(), s.reason))
            .collect()
    }

    #[test]
    fn an_invite_still_exported_is_never_stale() {
        let (plan, sub) = pushed(vec![sync(1, week()), sync(2, week())]);
        assert_eq!(reasons(&plan, &sub, false), []);
    }

    #[test]
    fn each_way_out_of_the_invites_is_named() {
        let mut items: Vec<Item> = (1..=6).map(|id| sync(id, week())).collect();
        items[0].status = Status::Dropped;
        items[1].medium = ChosenMedium::Async;
        items[2].private = true;
        items[3].at = None;
        items[4].status = Status::Done;
        let (mut plan, sub) = pushed(items);
        plan.items.retain(|i| i.id != 6);
        assert_eq!(
            reasons(&plan, &sub, false),
            [
                (1, WithdrawReason::Dropped),
                (2, WithdrawReason::Written),
                (3, WithdrawReason::Private),
                (4, WithdrawReason::NoSlot),
                (6, WithdrawReason::Deleted),
            ]
        );
        let gone = stale(&plan, week(), &sub, false).pop().unwrap();
        assert_eq!(gone.title, None);
        assert_eq!(gone.uid, sub.pushed.keys().last().unwrap().clone());
        // With --include-private the private sync is an invite again.
        assert!(!reasons(&plan, &sub, true).contains(&(3, WithdrawReason::Private)));
    }

    #[test]
    fn another_weeks_events_are_left_alone() {
        let next = week().next();
        let mut later = sync(2, next);
        later.status = Status::Dropped;
        let (plan, sub) = pushed(vec![sync(1, next), later]);
        assert_eq!(reasons(&plan, &sub, false), []);
        assert_eq!(
            stale(&plan, next, &sub, false)
                .iter()
                .map(|s| (s.id, s.reason))
                .collect::<Vec<_>>(),
            [(Some(2), WithdrawReason::Dropped)]
        );
    }

    #[test]
    fn an_id_given_again_does_not_keep_the_old_event() {
        let old = sync(3, week());
        let (mut plan, sub) = pushed(vec![old]);
        let mut new = sync(3, week());
        new.created += chrono::Duration::seconds(60);
        plan.items = vec![new];
        assert_eq!(reasons(&plan, &sub, false), [(3, WithdrawReason::Deleted)]);
        let mut foreign = sub.clone();
        foreign.pushed.clear();
        foreign
            .pushed
            .insert("someone-else@example".into(), "\"x\"".into());
        let found = stale(&plan, week(), &foreign, false);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].id, found[0].reason),
            (None, WithdrawReason::Deleted)
        );
    }

    #[test]
    fn stale_and_exported_never_meet() {
        // Every combination of the ways in and out, each judged both ways.
        let mut items = Vec::new();
        let mut id = 0;
        for status in [Status::Open, Status::Done, Status::Dropped] {
            for medium in [
                ChosenMedium::Sync,
                ChosenMedium::Async,
                ChosenMedium::BriefThenSync,
            ] {
                for private in [false, true] {
                    for at in [None, NaiveTime::from_hms_opt(9, 0, 0)] {
                        id += 1;
                        let mut item = sync(id, week());
                        (item.status, item.medium, item.private, item.at) =
                            (status, medium, private, at);
                        items.push(item);
                    }
                }
            }
        }
        let (plan, sub) = pushed(items);
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap();
        for include_private in [false, true] {
            let exported = invites(&plan, week(), chrono_tz::UTC, include_private, now).ids;
            let withdrawn: Vec<u32> = reasons(&plan, &sub, include_private)
                .into_iter()
                .map(|(id, _)| id)
                .collect();
            assert!(!exported.is_empty() && !withdrawn.is_empty());
            for id in &withdrawn {
                assert!(!exported.contains(id), "#{id} both exported and withdrawn");
            }
            // Whatever is neither is done.
            for item in &plan.items {
                if !exported.contains(&item.id) && !withdrawn.contains(&item.id) {
                    assert_eq!(item.status, Status::Done, "#{} left on the server", item.id);
                }
            }
        }
    }
}
