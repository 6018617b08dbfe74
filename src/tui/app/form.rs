//! The form's keys, its submit, and pasting text as one insertion.

use super::{App, Message};
use crate::core::infer::Lexicon;
use crate::core::ops::{self};
use crate::core::week::Day;
use crate::tui::action::Action;
use crate::tui::form::Form;
use crate::tui::mode::Mode;
use std::sync::Arc;

impl App {
    /// The word lists the form reads intents from titles with: the user's.
    pub(super) fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    pub(super) fn update_form(&mut self, mut form: Box<Form>, action: Action) {
        self.message = None;
        match action {
            Action::Cancel => {
                self.mode = Mode::Normal;
                self.tell("Nothing saved");
                return;
            }
            Action::Submit => {
                self.submit_form(form);
                return;
            }
            Action::NextField => form.next_field(),
            Action::PrevField => form.prev_field(),
            action => {
                if let Some(text) = form.act(action) {
                    self.fail(text);
                }
            }
        }
        form.follow_title(self.lexicon(), &self.plan.settings);
        self.mode = Mode::Form(form);
    }

    /// Pastes text as one insertion: into the focused field of the form (cut at its limit,
    /// with a message), at the end of the filter, and nowhere else, so a paste never runs
    /// commands. However long the text, this is one update and one redraw.
    pub fn paste(&mut self, text: &str) {
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Form(mut form) => {
                let pasted = form.paste(text);
                form.follow_title(self.lexicon(), &self.plan.settings);
                self.mode = Mode::Form(form);
                self.message = pasted.map(|p| Message {
                    text: p.text,
                    error: p.error,
                });
            }
            Mode::Filter => {
                self.mode = Mode::Filter;
                let room = FILTER_LIMIT.saturating_sub(self.filter.chars().count());
                let clean = crate::core::sanitize::sanitize(text);
                self.filter.extend(clean.chars().take(room));
                self.items.reset();
            }
            other => {
                self.mode = other;
                return;
            }
        }
        self.derive_view();
    }

    pub(super) fn submit_form(&mut self, mut form: Box<Form>) {
        let Some(patch) = form.validate() else {
            self.mode = Mode::Form(form);
            return;
        };
        let now = self.now_utc();
        let week = self.week;
        let target = form.target;
        let lexicon = Arc::clone(&self.lexicon);
        let change = self.commit(|plan| match target {
            Some(id) => ops::patch(plan, id, &patch, now),
            None => {
                // An intent left to follow the title is the draft's to infer and record.
                let item = ops::draft(&plan.settings, &lexicon, week, Day::Mon, &patch, now)?;
                ops::add(plan, item)
            }
        });
        match change {
            Some(change) => {
                let id = change.id();
                self.history.record(change);
                self.mode = Mode::Normal;
                self.filter.clear();
                self.tell(if target.is_some() {
                    format!("Saved #{id}")
                } else {
                    format!("Added #{id}")
                });
                self.stale_item = None;
                self.reselect(Some(id));
            }
            None => self.mode = Mode::Form(form),
        }
    }
}

/// The longest filter a paste makes, in characters.
const FILTER_LIMIT: usize = 200;
