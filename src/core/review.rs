//! Looking back: for each of the last weeks, sync time against the budget, items by medium,
//! warnings left unresolved and how often the plan followed the recommendations.

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::core::budget::{Budget, plan_budget};
use crate::core::engine::effective_medium;
use crate::core::report::ItemReport;
use crate::core::week::IsoWeek;
use crate::core::{Item, Medium, Plan, Status};

/// Items of a week by effective medium.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MediumCounts {
    /// Items in writing (the `async` medium).
    pub r#async: usize,
    pub sync: usize,
    #[serde(rename = "brief-then-sync")]
    pub brief_then_sync: usize,
}

impl MediumCounts {
    /// Counts one more item of this medium.
    pub fn add(&mut self, medium: Medium) {
        match medium {
            Medium::Async => self.r#async += 1,
            Medium::Sync => self.sync += 1,
            Medium::BriefThenSync => self.brief_then_sync += 1,
        }
    }

    /// The items by effective medium, dropped ones aside.
    pub fn of<'a>(items: impl IntoIterator<Item = &'a Item>) -> MediumCounts {
        let mut counts = MediumCounts::default();
        for item in items.into_iter().filter(|i| i.status != Status::Dropped) {
            counts.add(effective_medium(item));
        }
        counts
    }

    /// The count of one medium.
    pub fn get(&self, medium: Medium) -> usize {
        match medium {
            Medium::Async => self.r#async,
            Medium::Sync => self.sync,
            Medium::BriefThenSync => self.brief_then_sync,
        }
    }
}

/// One week looked back on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekReview {
    pub week: IsoWeek,
    pub budget: Budget,
    pub items: usize,
    pub by_medium: MediumCounts,
    /// Warnings still standing on items that were not dropped.
    pub unresolved_warnings: usize,
    /// Share of the week's items (dropped ones aside) whose medium is the recommended one;
    /// `None` for a week without items.
    pub follows_recommendation: Option<f64>,
}

/// Reviews one week.
pub fn review_week(plan: &Plan, week: IsoWeek, now: NaiveDateTime) -> WeekReview {
    let mut by_medium = MediumCounts::default();
    let mut items = 0;
    let mut unresolved_warnings = 0;
    let mut following = 0;
    for item in plan
        .items
        .iter()
        .filter(|i| i.week == week && i.status != Status::Dropped)
    {
        let report = ItemReport::new(item, now, &plan.settings);
        items += 1;
        by_medium.add(report.effective_medium);
        unresolved_warnings += report.recommendation.warnings.len();
        if !report.differs_from_recommendation() {
            following += 1;
        }
    }
    WeekReview {
        week,
        budget: plan_budget(plan, week),
        items,
        by_medium,
        unresolved_warnings,
        follows_recommendation: (items > 0).then(|| following as f64 / items as f64),
    }
}

/// Reviews the `weeks` weeks that end with `last`, oldest first.
pub fn review(plan: &Plan, last: IsoWeek, weeks: usize, now: NaiveDateTime) -> Vec<WeekReview> {
    (0..weeks)
        .rev()
        .map(|back| review_week(plan, last.offset(-(back as i64)), now))
        .collect()
}

/// Sync minutes of the `weeks` weeks that end with `last`, oldest first (for a sparkline).
pub fn sync_history(plan: &Plan, last: IsoWeek, weeks: usize) -> Vec<u64> {
    (0..weeks)
        .rev()
        .map(|back| {
            let week = last.offset(-(back as i64));
            u64::from(plan_budget(plan, week).sync_minutes)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::week::Day;
    use crate::core::{ChosenMedium, Intent, Item};
    use chrono::Utc;

    #[test]
    fn review_counts_media_warnings_and_agreement() {
        let week: IsoWeek = "2026-W48".parse().unwrap();
        let now = week.monday().and_hms_opt(8, 0, 0).unwrap();
        let mut plan = Plan::default();
        let mut meeting = Item::new(0, "Status meeting", week, Day::Wed, Utc::now());
        meeting.intent = Intent::Status;
        meeting.medium = ChosenMedium::Sync;
        plan.add(meeting);
        plan.add(Item::new(0, "FYI note", week, Day::Wed, Utc::now()));
        let mut dropped = Item::new(0, "Dropped", week, Day::Wed, Utc::now());
        dropped.status = Status::Dropped;
        plan.add(dropped);

        let weeks = review(&plan, week, 3, now);
        assert_eq!(weeks.len(), 3);
        assert_eq!(weeks[0].week, week.offset(-2));
        assert_eq!(weeks[0].follows_recommendation, None);
        let this = &weeks[2];
        assert_eq!(this.items, 2);
        assert_eq!(
            this.by_medium,
            MediumCounts {
                r#async: 1,
                sync: 1,
                brief_then_sync: 0
            }
        );
        // status-meeting on the meeting: one that should be a written update is not also
        // told its agenda is thin.
        assert_eq!(this.unresolved_warnings, 1);
        assert_eq!(this.follows_recommendation, Some(0.5));
        assert_eq!(this.budget.sync_minutes, 15);
        assert_eq!(sync_history(&plan, week, 2), vec![0, 15]);
    }
}
