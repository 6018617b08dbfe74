//! Operations on items: add, patch, the quick keys, status, delete, and the sample items.

use chrono::{DateTime, Utc};

use super::{Change, ItemChange, OpError};
use crate::core::patch::{ItemPatch, MAX_EXCHANGES, check_item};
use crate::core::week::{Day, IsoWeek};
use crate::core::{ChosenMedium, Intent, Item, MAX_MINUTES, Plan, Settings, Status};

/// A new item from a patch, checked, not yet in any plan (`syncwise recommend` judges one
/// without saving it). The patch must give a title. Its intent's row in `settings` gives
/// what the patch leaves out (the length, whether it is private).
pub fn draft(
    settings: &Settings,
    week: IsoWeek,
    day: Day,
    patch: &ItemPatch,
    now: DateTime<Utc>,
) -> Result<Item, OpError> {
    let patch = patch.checked()?;
    let mut item = Item::new(0, "", week, day, now);
    item.adopt_intent(patch.intent.unwrap_or(item.intent), settings);
    patch.apply(&mut item, now);
    item.created = now;
    item.updated = now;
    check_item(&item)?;
    Ok(item)
}

/// Adds an item with a fresh id.
pub fn add(plan: &mut Plan, item: Item) -> Result<Change, OpError> {
    check_item(&item)?;
    let id = plan.add(item);
    Ok(Change::one(None, plan.item(id).cloned()))
}

/// Changes the fields a patch gives on item `id`, stamping it updated when anything
/// changed.
pub fn patch(
    plan: &mut Plan,
    id: u32,
    patch: &ItemPatch,
    now: DateTime<Utc>,
) -> Result<Change, OpError> {
    let patch = patch.checked()?;
    let item = plan.item_mut(id).ok_or(OpError::NoItem(id))?;
    let before = item.clone();
    patch.apply(item, now);
    Ok(Change::one(Some(before), Some(item.clone())))
}

/// Sets the status of item `id`.
pub fn set_status(
    plan: &mut Plan,
    id: u32,
    status: Status,
    now: DateTime<Utc>,
) -> Result<Change, OpError> {
    let change = ItemPatch {
        status: Some(status),
        ..ItemPatch::default()
    };
    patch(plan, id, &change, now)
}

/// Marks item `id` done.
pub fn done(plan: &mut Plan, id: u32, now: DateTime<Utc>) -> Result<Change, OpError> {
    set_status(plan, id, Status::Done, now)
}

/// Drops item `id`: it stays in the plan but no longer counts.
pub fn drop(plan: &mut Plan, id: u32, now: DateTime<Utc>) -> Result<Change, OpError> {
    set_status(plan, id, Status::Dropped, now)
}

/// Opens item `id` again.
pub fn reopen(plan: &mut Plan, id: u32, now: DateTime<Utc>) -> Result<Change, OpError> {
    set_status(plan, id, Status::Open, now)
}

/// Deletes item `id`.
pub fn delete(plan: &mut Plan, id: u32) -> Result<Change, OpError> {
    let removed = plan.remove(id).ok_or(OpError::NoItem(id))?;
    Ok(Change::one(Some(removed), None))
}

/// A one-key change to an item, relative to what it holds now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tweak {
    /// The next chosen medium (auto, async, sync, brief-then-sync).
    CycleMedium,
    /// Back to following the recommendation.
    FollowRecommendation,
    CycleHeat,
    /// Five more minutes, up to the longest sync.
    MoreMinutes,
    /// Five fewer minutes, never below five.
    FewerMinutes,
    PrevDay,
    NextDay,
    /// One more back-and-forth exchange.
    Bounce,
    /// Done, or open again when it was done.
    ToggleDone,
    SetIntent(Intent),
}

impl Tweak {
    /// The patch this tweak makes on `item`.
    pub fn patch(self, item: &Item) -> ItemPatch {
        let mut patch = ItemPatch::default();
        match self {
            Tweak::CycleMedium => patch.medium = Some(item.medium.cycle()),
            Tweak::FollowRecommendation => patch.medium = Some(ChosenMedium::Auto),
            Tweak::CycleHeat => patch.heat = Some(item.heat.cycle()),
            Tweak::MoreMinutes => {
                patch.minutes = Some(item.minutes.saturating_add(5).min(MAX_MINUTES))
            }
            Tweak::FewerMinutes if item.minutes > 5 => patch.minutes = Some(item.minutes - 5),
            Tweak::FewerMinutes => {}
            Tweak::PrevDay => patch.day = Some(item.day.prev()),
            Tweak::NextDay => patch.day = Some(item.day.next()),
            Tweak::Bounce => {
                patch.exchanges = Some(item.exchanges.saturating_add(1).min(MAX_EXCHANGES))
            }
            Tweak::ToggleDone => {
                patch.status = Some(match item.status {
                    Status::Done => Status::Open,
                    _ => Status::Done,
                })
            }
            Tweak::SetIntent(intent) => patch.intent = Some(intent),
        }
        patch
    }
}

/// Applies a one-key change to item `id`, checked like any patch.
pub fn tweak(
    plan: &mut Plan,
    id: u32,
    tweak: Tweak,
    now: DateTime<Utc>,
) -> Result<Change, OpError> {
    let item = plan.item(id).ok_or(OpError::NoItem(id))?;
    let change = tweak.patch(item);
    patch(plan, id, &change, now)
}

/// Fills the plan with sample items (each checked). A plan that holds items already is
/// refused unless `replace` is given, in which case its items all go.
pub fn add_samples(plan: &mut Plan, samples: Vec<Item>, replace: bool) -> Result<Change, OpError> {
    if !plan.items.is_empty() && !replace {
        return Err(OpError::NotEmpty(plan.items.len()));
    }
    for item in &samples {
        check_item(item)?;
    }
    let old = std::mem::take(&mut plan.items);
    plan.add_all(samples);
    let mut items: Vec<ItemChange> = old
        .into_iter()
        .map(|before| ItemChange {
            before: Some(before),
            after: None,
        })
        .collect();
    items.extend(plan.items.iter().map(|after| ItemChange {
        before: None,
        after: Some(after.clone()),
    }));
    Ok(Change::of_items(items))
}

/// Removes every sample item, keeping the user's own.
pub fn clear_samples(plan: &mut Plan) -> Result<Change, OpError> {
    let (samples, kept): (Vec<Item>, Vec<Item>) = std::mem::take(&mut plan.items)
        .into_iter()
        .partition(|i| i.sample);
    plan.items = kept;
    Ok(Change::of_items(
        samples
            .into_iter()
            .map(|before| ItemChange {
                before: Some(before),
                after: None,
            })
            .collect(),
    ))
}
