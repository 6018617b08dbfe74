//! Operations on the settings.

use super::{Change, OpError, SettingsChange};
use crate::core::Plan;

/// Sets one setting by its `config` key, validated.
pub fn set_config(plan: &mut Plan, key: &str, value: &str) -> Result<Change, OpError> {
    let before = plan.settings.clone();
    let mut after = before.clone();
    crate::core::settings::set(&mut after, key, value)?;
    plan.settings = after.clone();
    Ok(Change {
        settings: Some(SettingsChange { before, after }),
        ..Change::default()
    })
}
