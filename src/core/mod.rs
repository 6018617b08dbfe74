//! The pure core: plain data and functions for plans, items, the engine and the budget.
//! Nothing here touches a terminal, a file, the environment or the wall clock.

pub mod audit;
pub mod brief;
pub mod budget;
pub mod carry;
pub mod clock;
pub mod counts;
pub mod demo;
pub mod engine;
pub mod hours;
pub mod infer;
pub mod invite;
pub mod item;
pub mod markdown;
pub mod meeting;
pub mod ops;
pub mod patch;
pub mod people;
pub mod plan;
pub mod plural;
pub mod policy;
pub mod report;
pub mod review;
pub mod sanitize;
pub mod schedule;
pub mod settings;
pub mod slot;
pub mod stamp;
pub mod subscription;
pub mod text;
pub mod title;
pub mod vocabulary;
pub mod week;
pub mod withdraw;

pub use item::{Agenda, DEFAULT_TIMEBOX, Inferred, Item, MAX_MINUTES};
pub use meeting::{FlagCode, Meeting};
pub use plan::{Plan, PlanError, SCHEMA_VERSION};
pub use settings::Settings;
pub use vocabulary::{ChosenMedium, Heat, Intent, Medium, Status};
