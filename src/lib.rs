//! syncwise: plan a week of workplace communication, item by item, as a written update,
//! a live sync, or a brief followed by a short sync, within a weekly sync budget.
//!
//! Layers depend one way (see `ARCHITECTURE.md`): `core` is plain data and functions, and
//! `ics` a pure calendar reader; `store` is the only module that touches the disk and `env`
//! the only one that reads the environment; `cli` and `tui` are thin shells over the core's
//! operations (`core::ops`), which both call.

// Library and binary code returns errors; `unwrap` and `expect` belong in tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod cli;
pub mod core;
pub mod env;
pub mod ics;
pub mod intents;
pub mod store;
pub mod tui;
