//! The working day (its hours are the `hours` setting, `core::slot::WorkingHours`) and the
//! free stretches that calendar meetings leave in it, the longest of which is the focus block.

use chrono::NaiveTime;

/// The length of the focus block a day should keep free, in minutes.
pub const FOCUS_MINUTES: u32 = 120;

pub use crate::core::slot::WorkingHours;

/// A stretch of time within one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Span {
    pub fn minutes(&self) -> u32 {
        minutes_between(self.start, self.end)
    }

    /// Whether the two stretches share any time.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

fn minutes_between(start: NaiveTime, end: NaiveTime) -> u32 {
    u32::try_from((end - start).num_minutes().max(0)).unwrap_or(0)
}

/// The stretches of the working day that no busy span covers, in time order.
pub fn free_spans(hours: WorkingHours, busy: &[Span]) -> Vec<Span> {
    let mut busy: Vec<Span> = busy
        .iter()
        .filter(|b| b.end > hours.start && b.start < hours.end)
        .copied()
        .collect();
    busy.sort_by_key(|b| b.start);
    let mut free = Vec::new();
    let mut from = hours.start;
    for span in busy {
        if span.start > from {
            free.push(Span {
                start: from,
                end: span.start.min(hours.end),
            });
        }
        from = from.max(span.end);
    }
    if from < hours.end {
        free.push(Span {
            start: from,
            end: hours.end,
        });
    }
    free
}

/// The day's focus block: its longest free stretch, the earliest of equals, if it lasts at
/// least `minimum` minutes.
pub fn focus_block(hours: WorkingHours, busy: &[Span], minimum: u32) -> Option<Span> {
    free_spans(hours, busy)
        .into_iter()
        .filter(|s| s.minutes() >= minimum)
        .fold(None, |best: Option<Span>, s| match best {
            Some(b) if b.minutes() >= s.minutes() => Some(b),
            _ => Some(s),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn span(a: (u32, u32), b: (u32, u32)) -> Span {
        Span {
            start: t(a.0, a.1),
            end: t(b.0, b.1),
        }
    }

    #[test]
    fn free_time_is_what_meetings_leave_inside_the_working_day() {
        let hours = WorkingHours::default();
        assert_eq!(hours.length(), 480);
        let busy = [
            span((9, 0), (9, 30)),
            span((14, 0), (15, 0)),
            // Overlapping and outside the day: counted once, clipped.
            span((14, 30), (15, 30)),
            span((18, 0), (19, 0)),
            span((8, 0), (8, 30)),
        ];
        assert_eq!(
            free_spans(hours, &busy),
            vec![span((9, 30), (14, 0)), span((15, 30), (17, 0))]
        );
        assert_eq!(
            focus_block(hours, &busy, FOCUS_MINUTES),
            Some(span((9, 30), (14, 0)))
        );
        // A day booked in short gaps has no focus block.
        let packed = [
            span((9, 0), (10, 0)),
            span((11, 30), (13, 0)),
            span((14, 30), (17, 0)),
        ];
        assert_eq!(focus_block(hours, &packed, FOCUS_MINUTES), None);
        // An empty day is all focus time; a meeting over the whole day leaves none.
        assert_eq!(
            focus_block(hours, &[], FOCUS_MINUTES),
            Some(span((9, 0), (17, 0)))
        );
        assert!(free_spans(hours, &[span((8, 0), (18, 0))]).is_empty());
    }

    #[test]
    fn of_equal_stretches_the_earliest_is_the_focus_block() {
        let hours = WorkingHours::default();
        let busy = [span((11, 0), (15, 0))];
        assert_eq!(
            focus_block(hours, &busy, FOCUS_MINUTES),
            Some(span((9, 0), (11, 0)))
        );
    }
}
