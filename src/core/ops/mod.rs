//! Every change to a plan, as one operation the CLI and the TUI both call: each validates
//! its input, changes the plan, and returns the [`Change`] it made for undo and redo.

mod calendar;
mod change;
mod items;
mod people;
mod schedule;
mod settings;
mod weeks;

use thiserror::Error;

use crate::core::Plan;
use crate::core::patch::InputError;
use crate::core::settings::ConfigError;
use crate::core::week::IsoWeek;

pub use calendar::{
    Import, import_meetings, my_address, read_import, replace_meeting, replace_series,
    unlinked_updates,
};
pub use change::{Change, ItemChange, MeetingsChange, PeopleChange, SettingsChange};
pub use items::{
    Tweak, add, add_samples, clear_samples, delete, done, draft, drop, patch, reopen, set_status,
    tweak,
};
pub use people::{add_person, remove_person};
pub use schedule::schedule;
pub use settings::set_config;
pub use weeks::carry;

/// Why an operation refused to change the plan; when it does, the plan is as it was.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OpError {
    /// A value that cannot go into an item.
    #[error(transparent)]
    Input(#[from] InputError),
    /// A setting that cannot be written.
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("there is no item #{0}")]
    NoItem(u32),
    #[error("#{0} was changed elsewhere since")]
    ItemChanged(u32),
    #[error("the calendar's meetings were changed elsewhere since")]
    MeetingsChanged,
    #[error("the settings were changed elsewhere since")]
    SettingsChanged,
    #[error("the address book was changed elsewhere since")]
    PeopleChanged,
    /// A name or address the address book refuses.
    #[error(transparent)]
    People(#[from] crate::core::people::PeopleError),
    #[error("both weeks are {0}: nothing to carry")]
    SameWeek(IsoWeek),
    #[error("{from} comes after {to}: carrying moves open items forward in time")]
    Backwards { from: IsoWeek, to: IsoWeek },
    #[error("that meeting is no longer on the imported calendar")]
    MeetingGone,
    #[error("#{id} already replaces \u{201c}{title}\u{201d}")]
    AlreadyReplaced { id: u32, title: String },
    #[error("the plan already holds {0} items")]
    NotEmpty(usize),
    /// An import that brings no meeting would clear the ones stored for its weeks.
    #[error("the calendar has no meetings in {span}, so the {stored} stored for it were kept")]
    EmptyImport { stored: usize, span: String },
}

/// Replays a change: puts what it touched in its `after` state, if all of it is still as
/// `before` left it; otherwise changes nothing. `apply(plan, &change.inverted())` undoes
/// `change`.
pub fn apply(plan: &mut Plan, change: &Change) -> Result<(), OpError> {
    for step in &change.items {
        if plan.item(step.id()) != step.before.as_ref() {
            return Err(OpError::ItemChanged(step.id()));
        }
    }
    if let Some(m) = &change.meetings
        && plan.meetings != m.before
    {
        return Err(OpError::MeetingsChanged);
    }
    if let Some(s) = &change.settings
        && plan.settings != s.before
    {
        return Err(OpError::SettingsChanged);
    }
    if let Some(p) = &change.people
        && plan.people != p.before
    {
        return Err(OpError::PeopleChanged);
    }
    for step in &change.items {
        match &step.after {
            Some(item) => plan.restore(item.clone()),
            None => {
                plan.remove(step.id());
            }
        }
    }
    if let Some(m) = &change.meetings {
        plan.meetings = m.after.clone();
    }
    if let Some(s) = &change.settings {
        plan.settings = s.after.clone();
    }
    if let Some(p) = &change.people {
        plan.people = p.after.clone();
    }
    Ok(())
}
