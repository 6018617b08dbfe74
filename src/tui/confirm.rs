//! The yes/no question asked before an operation that changes several things or cannot be
//! seen at a glance: the question carries the operation it confirms.

use chrono::{DateTime, FixedOffset};

use crate::core::plural::counted;
use crate::core::sanitize::sanitize;
use crate::core::week::IsoWeek;
use crate::core::{Meeting, Plan};

/// An operation waiting for a yes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// Delete the item with this id.
    Delete(u32),
    /// Carry `count` open items from one week into another.
    Carry {
        from: IsoWeek,
        to: IsoWeek,
        count: usize,
    },
    /// Replace a recurring meeting (the `index`th of `week`'s, starting at `start`) with a
    /// written update: yes for the whole series, `ConfirmOne` for this occurrence only.
    ReplaceSeries {
        week: IsoWeek,
        index: usize,
        start: DateTime<FixedOffset>,
    },
    /// Remove the plan's `count` sample items.
    ClearSamples { count: usize },
}

impl Question {
    /// The question as the footer asks it, with the item's title as the plan has it now.
    pub fn prompt(&self, plan: &Plan) -> String {
        match *self {
            Question::Delete(id) => {
                let title = plan
                    .item(id)
                    .map(|i| sanitize(&i.title))
                    .unwrap_or_default();
                format!("Delete #{id} {title}? ")
            }
            Question::Carry { from, to, count } => format!(
                "Carry {} from {from} into {to}? ",
                counted(count, "open item")
            ),
            Question::ReplaceSeries { .. } => {
                let title = self
                    .meeting(plan)
                    .map(|m| sanitize(&m.title))
                    .unwrap_or_default();
                let weeks = self.meeting(plan).map_or(0, |m| {
                    plan.meetings.iter().filter(|o| o.uid == m.uid).count()
                });
                format!(
                    "“{title}” repeats: replace the whole series ({}) or only this one? ",
                    counted(weeks, "imported week")
                )
            }
            Question::ClearSamples { count } => format!(
                "Remove the {} (your own items stay)? ",
                counted(count, "sample item")
            ),
        }
    }

    /// The meeting a series question is about, if the calendar still shows it there.
    pub fn meeting<'a>(&self, plan: &'a Plan) -> Option<&'a Meeting> {
        match *self {
            Question::ReplaceSeries { week, index, start } => plan
                .week_meetings(week)
                .get(index)
                .copied()
                .filter(|m| m.start == start),
            _ => None,
        }
    }

    /// Whether the question has a third answer, "only this one".
    pub fn has_one(&self) -> bool {
        matches!(self, Question::ReplaceSeries { .. })
    }

    /// What the footer says when the answer is no.
    pub fn declined(&self) -> &'static str {
        match self {
            Question::Delete(_) => "Kept",
            Question::Carry { .. } => "Nothing carried",
            Question::ClearSamples { .. } => "Samples kept",
            Question::ReplaceSeries { .. } => "Meeting kept",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Item;
    use crate::core::week::Day;

    #[test]
    fn each_question_names_its_own_operation() {
        let week: IsoWeek = "2026-W48".parse().unwrap();
        let mut plan = Plan::default();
        let id = plan.add(Item::new(0, "Q4 plan", week, Day::Mon, chrono::Utc::now()));
        let delete = Question::Delete(id);
        assert_eq!(delete.prompt(&plan), "Delete #1 Q4 plan? ");
        assert_eq!(delete.declined(), "Kept");
        let carry = Question::Carry {
            from: week.prev(),
            to: week,
            count: 1,
        };
        assert_eq!(
            carry.prompt(&plan),
            "Carry 1 open item from 2026-W47 into 2026-W48? "
        );
        assert_eq!(carry.declined(), "Nothing carried");
    }
}
