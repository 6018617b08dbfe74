//! Address book operations: add (or change) a person, remove one.

use super::{Change, OpError, PeopleChange};
use crate::core::Plan;
use crate::core::people::{PeopleError, find, person};

/// Adds `name` with `address`, or changes the address of the person of that name.
pub fn add_person(plan: &mut Plan, name: &str, address: &str) -> Result<Change, OpError> {
    let new = person(name, address)?;
    let before = plan.people.clone();
    match plan
        .people
        .iter_mut()
        .find(|p| p.name.to_lowercase() == new.name.to_lowercase())
    {
        Some(existing) => *existing = new,
        None => plan.people.push(new),
    }
    plan.people.sort_by_key(|p| p.name.to_lowercase());
    Ok(people_change(before, plan))
}

/// Removes the person named `name` (in any case).
pub fn remove_person(plan: &mut Plan, name: &str) -> Result<Change, OpError> {
    let gone = find(&plan.people, name)
        .map(|p| p.name.clone())
        .ok_or_else(|| PeopleError::Unknown(name.trim().to_string()))?;
    let before = plan.people.clone();
    plan.people.retain(|p| p.name != gone);
    Ok(people_change(before, plan))
}

fn people_change(before: Vec<crate::core::people::Person>, plan: &Plan) -> Change {
    Change {
        people: Some(PeopleChange {
            before,
            after: plan.people.clone(),
        }),
        ..Change::default()
    }
}
