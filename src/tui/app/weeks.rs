//! Whole-week operations: carry, clearing samples (each asked first), schedule, the brief export.

use super::App;
use crate::core::ops::{self};
use crate::core::plural::counted;
use crate::core::week::IsoWeek;
use crate::tui::action::Action;
use crate::tui::confirm::Question;
use crate::tui::mode::Mode;

impl App {
    /// Asks before bringing the open items of the week before the shown one into it.
    pub(super) fn ask_carry(&mut self) {
        let (from, to) = (self.week.prev(), self.week);
        let count = crate::core::carry::carriable(&self.plan, from).count();
        if count == 0 {
            self.tell(format!("Nothing open in {from} to carry"));
        } else {
            self.mode = Mode::Confirm(Question::Carry { from, to, count });
        }
    }

    /// Asks before removing every sample item.
    pub(super) fn ask_clear_samples(&mut self) {
        let count = self.plan.items.iter().filter(|i| i.sample).count();
        if count == 0 {
            self.tell("No sample items left: the plan holds only your own");
        } else {
            self.mode = Mode::Confirm(Question::ClearSamples { count });
        }
    }

    /// Removes every sample item as one change, undone with one key.
    pub(super) fn clear_samples(&mut self) {
        let change = self.commit(ops::clear_samples);
        if let Some(change) = change {
            let count = change.items.len();
            self.history.record(change);
            self.tell(format!(
                "Removed {}; {} brings them back",
                counted(count, "sample item"),
                self.key_name(Action::Undo)
            ));
            self.reselect(None);
        }
    }

    /// Moves the open items of `from` into `to` as one change, undone with one key.
    pub(super) fn carry(&mut self, from: IsoWeek, to: IsoWeek) {
        let now = self.now_utc();
        let change = self.commit(|plan| ops::carry(plan, from, to, now));
        if let Some(change) = change {
            let count = change.items.len();
            self.history.record(change);
            self.tell(format!(
                "Carried {} from {from}",
                counted(count, "open item")
            ));
            self.reselect(None);
        }
    }

    /// Gives the shown week's open syncs a start (`core::ops::schedule`), undone with one key.
    pub(super) fn schedule(&mut self) {
        let (week, local, utc) = (self.week, self.clock.local, self.now_utc());
        let mut proposal = None;
        let change = self.commit(|plan| {
            let (change, schedule) = ops::schedule(plan, week, local, utc)?;
            proposal = Some(schedule);
            Ok(change)
        });
        if let (Some(change), Some(schedule)) = (change, proposal) {
            let placed = schedule.placed().count();
            let left = schedule.proposals.len() - placed;
            let mut said = if change.is_noop() && left == 0 {
                format!("Nothing moved in {week}: every sync keeps its slot")
            } else {
                format!("Scheduled {} in {week}", counted(placed, "sync"))
            };
            if !change.is_noop() {
                self.history.record(change);
            }
            if left > 0 {
                said.push_str(&format!(
                    "; {left} found no slot (`syncwise schedule` says why)"
                ));
            }
            let against: Vec<String> = schedule
                .proposals
                .iter()
                .filter(|p| p.against_advice)
                .map(|p| format!("#{}", p.id))
                .collect();
            if !against.is_empty() {
                let (is, them) = if against.len() == 1 {
                    ("is a sync", "it")
                } else {
                    ("are syncs", "them")
                };
                said.push_str(&format!(
                    "; {} {is} by your choice, the advice says write {them}",
                    against.join(", ")
                ));
            }
            self.tell(said);
        }
    }

    /// Writes the shown week's brief beside the store and offers it to the clipboard.
    pub(super) fn export_brief(&mut self) {
        let markdown =
            crate::core::brief::brief(&self.plan, self.week, self.clock.local).to_markdown();
        match self
            .store
            .write_document("briefs", &format!("{}.md", self.week), &markdown)
        {
            Ok(path) => {
                self.tell(format!(
                    "Brief written to {}; sent to the clipboard where the terminal allows (OSC 52)",
                    path.display()
                ));
                self.clipboard = Some(markdown);
            }
            Err(e) => self.fail(e.to_string()),
        }
    }
}
