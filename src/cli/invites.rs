//! `syncwise invites`.
use std::io::Write;
use std::path::Path;

use anyhow::Result;

use super::commands::Context;
use crate::core::week::IsoWeek;

pub(super) fn invites(
    _ctx: &Context,
    _out: &mut impl Write,
    _week: Option<IsoWeek>,
    _file: Option<&Path>,
    _include_private: bool,
) -> Result<()> {
    Ok(())
}
