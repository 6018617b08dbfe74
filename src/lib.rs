//! syncwise: plan a week of workplace communication, item by item, as a written update,
//! a live sync, or a brief followed by a short sync, within a weekly sync budget.
//!
//! The core (`model`, `week`, `engine`, `budget`, `patch`, `report`) is plain data and
//! functions; `store` is the only module that touches the disk; `cli` and `tui` are shells.

// Library and binary code returns errors; `unwrap` and `expect` belong in tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod brief;
pub mod budget;
pub mod carry;
pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod engine;
pub mod ics;
mod json_text;
pub mod model;
pub mod patch;
pub mod report;
pub mod review;
pub mod sanitize;
pub mod store;
pub mod tui;
pub mod week;
