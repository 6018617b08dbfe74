//! An item together with what the engine says about it: the shape the CLI prints and the TUI shows.

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::core::engine::{Recommendation, recommend};
use crate::core::{Item, Medium, Settings};

/// An item, its effective medium and its recommendation.
#[derive(Debug, Clone, Serialize)]
pub struct ItemReport<'a> {
    #[serde(flatten)]
    pub item: &'a Item,
    /// The chosen medium, or the recommended one when the choice is `auto`.
    pub effective_medium: Medium,
    pub recommendation: Recommendation,
}

impl<'a> ItemReport<'a> {
    /// Runs the engine on an item at the local moment `now`.
    pub fn new(item: &'a Item, now: NaiveDateTime, settings: &Settings) -> Self {
        let recommendation = recommend(item, now, settings);
        ItemReport {
            item,
            effective_medium: item.medium.fixed().unwrap_or(recommendation.medium),
            recommendation,
        }
    }

    /// Whether the user chose a medium other than the recommended one.
    pub fn differs_from_recommendation(&self) -> bool {
        self.effective_medium != self.recommendation.medium
    }
}
