//! How a week's items split by medium: the one count the TUI header and the brief both show.

use crate::core::review::MediumCounts;
use crate::core::week::IsoWeek;
use crate::core::{Item, Plan, Status};

/// A week's items, dropped ones aside: the shared ones by effective medium, and how many
/// are private (counted apart, for the user's own screens only).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WeekCounts {
    pub shared: MediumCounts,
    pub private: usize,
}

impl WeekCounts {
    /// Counts the items (of any week: filter first); dropped items are not counted.
    pub fn of<'a>(items: impl IntoIterator<Item = &'a Item>) -> WeekCounts {
        let items: Vec<&Item> = items
            .into_iter()
            .filter(|i| i.status != Status::Dropped)
            .collect();
        WeekCounts {
            shared: MediumCounts::of(items.iter().copied().filter(|i| !i.private)),
            private: items.iter().filter(|i| i.private).count(),
        }
    }

    /// The shared items counted.
    pub fn shared_total(&self) -> usize {
        self.shared.r#async + self.shared.sync + self.shared.brief_then_sync
    }
}

/// The counts of a week of the plan.
pub fn week_counts(plan: &Plan, week: IsoWeek) -> WeekCounts {
    WeekCounts::of(plan.week_items(week))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::week::Day;
    use crate::core::{ChosenMedium, Intent};
    use chrono::Utc;

    #[test]
    fn private_and_dropped_items_stay_out_of_the_shared_counts() {
        let week: IsoWeek = "2026-W48".parse().unwrap();
        let mut plan = Plan::default();
        let mut add = |title: &str, intent: Intent, private: bool, status: Status| {
            let mut item = Item::new(0, title, week, Day::Tue, Utc::now());
            item.intent = intent;
            item.private = private;
            item.status = status;
            plan.add(item);
        };
        add("Status", Intent::Status, false, Status::Open);
        add("Shipped", Intent::Status, false, Status::Done);
        add("Feedback", Intent::Feedback, true, Status::Open);
        add("Old feedback", Intent::Feedback, true, Status::Dropped);
        add("Go/no-go", Intent::Decision, false, Status::Open);
        add("Dropped", Intent::Status, false, Status::Dropped);
        let mut other = Item::new(0, "Next week", week.next(), Day::Mon, Utc::now());
        other.medium = ChosenMedium::Sync;
        plan.add(other);

        let counts = week_counts(&plan, week);
        assert_eq!(
            counts.shared,
            MediumCounts {
                r#async: 2,
                sync: 0,
                brief_then_sync: 1
            }
        );
        assert_eq!(counts.private, 1);
        assert_eq!(counts.shared_total(), 3);
    }
}
