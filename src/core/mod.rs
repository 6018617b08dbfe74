//! The pure core: plain data and functions for plans, items, the engine and the budget.
//! Nothing here touches a terminal, a file, the environment or the wall clock.

pub mod brief;
pub mod budget;
pub mod carry;
pub mod clock;
pub mod demo;
pub mod engine;
pub mod item;
pub mod meeting;
pub mod patch;
pub mod plan;
pub mod policy;
pub mod report;
pub mod review;
pub mod sanitize;
pub mod settings;
pub mod vocabulary;
pub mod week;

pub use item::{Agenda, DEFAULT_TIMEBOX, Inferred, Item, MAX_MINUTES};
pub use meeting::Meeting;
pub use plan::{Plan, SCHEMA_VERSION};
pub use settings::Settings;
pub use vocabulary::{ChosenMedium, Heat, Intent, Medium, Status};
