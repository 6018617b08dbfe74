//! What the review screen shows, derived with the rest of the `View` while it is open: the
//! last weeks' sync time against the budget and how often the plan followed the advice.

use chrono::NaiveDateTime;

use crate::core::Plan;
use crate::core::review::{WeekReview, review};
use crate::core::week::IsoWeek;

/// Weeks the review screen shows, the shown week last.
pub const REVIEW_WEEKS: usize = 8;

/// The last weeks, looked back on.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewView {
    /// Oldest first, the shown week last.
    pub weeks: Vec<WeekReview>,
    /// The highest weekly sync time and the budget, whichever is larger (the chart's top).
    pub scale_minutes: u32,
    /// Weeks over their budget.
    pub weeks_over: usize,
    /// Items over all the weeks (dropped ones aside).
    pub items: usize,
    /// Share of those items whose medium is the recommended one; `None` without items.
    pub followed: Option<f64>,
}

impl ReviewView {
    /// Reviews the `REVIEW_WEEKS` weeks that end with `last`.
    pub fn derive(plan: &Plan, last: IsoWeek, now: NaiveDateTime) -> ReviewView {
        let weeks = review(plan, last, REVIEW_WEEKS, now);
        let scale_minutes = weeks
            .iter()
            .map(|w| w.budget.sync_minutes.max(w.budget.budget_minutes))
            .max()
            .unwrap_or(0);
        let weeks_over = weeks
            .iter()
            .filter(|w| w.budget.sync_minutes > w.budget.budget_minutes)
            .count();
        let items: usize = weeks.iter().map(|w| w.items).sum();
        // Each week's share weighs as many items as it had.
        let following: f64 = weeks
            .iter()
            .filter_map(|w| w.follows_recommendation.map(|s| s * w.items as f64))
            .sum();
        ReviewView {
            scale_minutes,
            weeks_over,
            items,
            followed: (items > 0).then(|| following / items as f64),
            weeks,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::demo::demo_week;

    #[test]
    fn the_review_weighs_each_week_by_its_items() {
        let clock = crate::env::pinned_clock("2026-11-25").unwrap();
        let week = clock.this_week();
        let mut plan = Plan::default();
        plan.add_all(demo_week(week, clock.utc));
        let view = ReviewView::derive(&plan, week, clock.local);
        assert_eq!(view.weeks.len(), REVIEW_WEEKS);
        assert_eq!(view.weeks.last().map(|w| w.week), Some(week));
        let this = &view.weeks[REVIEW_WEEKS - 1];
        assert_eq!(view.items, this.items);
        assert_eq!(view.followed, this.follows_recommendation);
        assert_eq!(
            view.scale_minutes,
            this.budget.sync_minutes.max(this.budget.budget_minutes)
        );
        assert_eq!(view.weeks_over, 0);
        let empty = ReviewView::derive(&Plan::default(), week, clock.local);
        assert_eq!((empty.items, empty.followed), (0, None));
    }
}
