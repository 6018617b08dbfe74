//! Operations on items: add, patch, the quick keys, status, delete, and the sample items.

use chrono::{DateTime, Utc};

use super::{Change, ItemChange, OpError};
use crate::core::infer::Lexicon;
use crate::core::patch::{ItemPatch, MAX_EXCHANGES, check_item};
use crate::core::week::{Day, IsoWeek};
use crate::core::{ChosenMedium, Intent, Item, MAX_MINUTES, Plan, Settings, Status};

/// A new item from a patch, checked, not yet in any plan (`syncwise recommend` judges one
/// without saving it). The patch must give a title. A patch without an intent has it read
/// from the title with `lexicon`, and the item records how (`Item::inferred`). Its intent's
/// row in `settings` gives what the patch leaves out (the length, whether it is private).
pub fn draft(
    settings: &Settings,
    lexicon: &Lexicon,
    week: IsoWeek,
    day: Day,
    patch: &ItemPatch,
    now: DateTime<Utc>,
) -> Result<Item, OpError> {
    let patch = patch.checked()?;
    let mut item = Item::new(0, "", week, day, now);
    match patch.intent {
        Some(intent) => item.adopt_intent(intent, settings),
        None => {
            let inferred = lexicon.infer(patch.title.as_deref().unwrap_or_default());
            item.adopt_intent(inferred.intent, settings);
            item.inferred = Some(inferred);
        }
    }
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
/// changed. A patch that gives an intent is the user's choice: the item no longer says its
/// intent was read from the title.
pub fn patch(
    plan: &mut Plan,
    id: u32,
    patch: &ItemPatch,
    now: DateTime<Utc>,
) -> Result<Change, OpError> {
    let patch = patch.checked()?;
    let item = plan.item_mut(id).ok_or(OpError::NoItem(id))?;
    let before = item.clone();
    if patch.intent.is_some() && item.inferred.is_some() {
        item.inferred = None;
        item.updated = now;
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Heat;
    use crate::core::infer::Lexicon;

    fn week() -> IsoWeek {
        "2026-W48".parse().unwrap()
    }

    fn titled(title: &str) -> ItemPatch {
        ItemPatch {
            title: Some(title.to_string()),
            ..ItemPatch::default()
        }
    }

    fn draft_of(patch: &ItemPatch, lexicon: &Lexicon) -> Item {
        draft(
            &Settings::default(),
            lexicon,
            week(),
            Day::Tue,
            patch,
            Utc::now(),
        )
        .unwrap()
    }

    #[test]
    fn a_draft_without_an_intent_reads_it_from_the_title_and_takes_its_row() {
        let item = draft_of(
            &titled("Feedback to Sam on the incident write-up"),
            Lexicon::shipped(),
        );
        assert_eq!(item.intent, Intent::Feedback);
        assert_eq!((item.minutes, item.private), (30, true));
        let inferred = item.inferred.as_ref().unwrap();
        assert_eq!(inferred.intent, Intent::Feedback);
        assert!(inferred.words.iter().any(|w| w.contains("feedback")));
    }

    #[test]
    fn the_users_flags_win_over_the_inferred_row() {
        let patch = ItemPatch {
            minutes: Some(45),
            private: Some(false),
            heat: Some(Heat::High),
            ..titled("Feedback to Sam on the incident write-up")
        };
        let item = draft_of(&patch, Lexicon::shipped());
        assert_eq!(item.intent, Intent::Feedback);
        assert_eq!(
            (item.minutes, item.private, item.heat),
            (45, false, Heat::High)
        );
        assert!(item.inferred.is_some());
    }

    #[test]
    fn a_given_intent_is_not_inferred() {
        let patch = ItemPatch {
            intent: Some(Intent::Status),
            ..titled("Feedback to Sam on the incident write-up")
        };
        let item = draft_of(&patch, Lexicon::shipped());
        assert_eq!((item.intent, item.inferred), (Intent::Status, None));
        assert_eq!((item.minutes, item.private), (15, false));
    }

    #[test]
    fn a_title_that_matches_nothing_is_a_guess_with_no_words() {
        let item = draft_of(&titled("Lunch plans"), Lexicon::shipped());
        let inferred = item.inferred.unwrap();
        assert_eq!(inferred.intent, crate::core::infer::GUESS);
        assert!(inferred.words.is_empty());
    }

    #[test]
    fn the_users_word_lists_are_the_ones_read() {
        let lexicon = Lexicon::with_config("intents.conf", "crisis = lunch plans\n").unwrap();
        let item = draft_of(&titled("Lunch plans"), &lexicon);
        assert_eq!(item.intent, Intent::Crisis);
        assert_eq!(
            item.inferred.unwrap().words,
            vec!["lunch plans".to_string()]
        );
    }

    #[test]
    fn choosing_an_intent_later_clears_the_inference() {
        let mut plan = Plan::default();
        let item = draft_of(&titled("Feedback to Sam"), Lexicon::shipped());
        let id = plan.add(item);
        // A patch that leaves the intent alone keeps it.
        let heat = ItemPatch {
            heat: Some(Heat::Medium),
            ..ItemPatch::default()
        };
        patch(&mut plan, id, &heat, Utc::now()).unwrap();
        assert!(plan.item(id).unwrap().inferred.is_some());
        let change = tweak(
            &mut plan,
            id,
            Tweak::SetIntent(Intent::Conflict),
            Utc::now(),
        )
        .unwrap();
        let after = plan.item(id).unwrap();
        assert_eq!((after.intent, &after.inferred), (Intent::Conflict, &None));
        // Undo brings the inference back with the intent.
        crate::core::ops::apply(&mut plan, &change.inverted()).unwrap();
        assert!(plan.item(id).unwrap().inferred.is_some());
        // Confirming the same intent is a choice too.
        let same = ItemPatch {
            intent: Some(Intent::Feedback),
            ..ItemPatch::default()
        };
        patch(&mut plan, id, &same, Utc::now()).unwrap();
        assert_eq!(plan.item(id).unwrap().inferred, None);
    }
}
