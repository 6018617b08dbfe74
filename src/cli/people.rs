//! `syncwise people`: the address book invites name attendees from.

use std::io::Write;

use anyhow::Result;

use super::args::PeopleAction;
use super::commands::{Context, refused};
use super::output;
use crate::core::Plan;
use crate::core::ops;
use crate::core::sanitize::sanitize;

pub(super) fn people(ctx: &Context, out: &mut impl Write, action: PeopleAction) -> Result<()> {
    let book = match &action {
        PeopleAction::List => ctx.store.load()?.people,
        PeopleAction::Add { name, email } => ctx.store.update(|plan: &mut Plan| {
            ops::add_person(plan, name, email).map_err(refused)?;
            Ok::<_, anyhow::Error>(plan.people.clone())
        })?,
        PeopleAction::Rm { name } => ctx.store.update(|plan: &mut Plan| {
            ops::remove_person(plan, name).map_err(refused)?;
            Ok::<_, anyhow::Error>(plan.people.clone())
        })?,
    };
    if ctx.json {
        return output::json(out, &book);
    }
    match action {
        PeopleAction::Add { name, .. } => writeln!(out, "Saved {}.", sanitize(name.trim()))?,
        PeopleAction::Rm { name } => writeln!(out, "Removed {}.", sanitize(name.trim()))?,
        PeopleAction::List if book.is_empty() => writeln!(
            out,
            "The address book is empty; add someone with `syncwise people add NAME EMAIL`."
        )?,
        PeopleAction::List => {
            for p in &book {
                writeln!(out, "{}  <{}>", sanitize(&p.name), sanitize(&p.email))?;
            }
        }
    }
    Ok(())
}
