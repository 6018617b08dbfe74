//! syncwise: plan a week of workplace communication, item by item, as a written update,
//! a live sync, or a brief followed by a short sync, within a weekly sync budget.
//!
//! The core (`model`, `week`, `engine`, `budget`, `patch`, `report`) is plain data and
//! functions; `store` is the only module that touches the disk; `cli` and `tui` are shells.

// Library and binary code returns errors; `unwrap` and `expect` belong in tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod cli;
pub mod core;
pub mod env;
pub mod ics;
pub mod net;
pub mod store;
pub mod tui;
