//! The command line, declared with clap: subcommands, flags and their value parsers.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::core::patch::{ItemPatch, parse_exchanges, parse_minutes, parse_title};
use crate::core::week::{Day, IsoWeek};
use crate::core::{Agenda, ChosenMedium, Heat, Intent, Status};

/// Plan the week's communication: a written update, a live sync, or a brief then a short sync.
#[derive(Debug, Parser)]
#[command(
    name = "syncwise",
    version,
    about,
    long_about = None,
    after_help = "Without a command, syncwise opens the TUI on this week (press ? there for every key)."
)]
pub struct Cli {
    /// Directory of the store (default: the user's config directory)
    #[arg(long, global = true, env = "SYNCWISE_DIR", value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Print machine-readable JSON
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add an item to communicate
    Add {
        /// What you need to communicate
        #[arg(value_parser = parse_title)]
        title: String,
        #[command(flatten)]
        fields: ItemFields,
    },
    /// List the items of a week
    List {
        /// The week to list (default: this week)
        #[arg(long, value_name = "YYYY-Www")]
        week: Option<IsoWeek>,
        /// List every week
        #[arg(long, conflicts_with = "week")]
        all: bool,
    },
    /// Show one item with its recommendation
    Show { id: u32 },
    /// Change an item (reclassify it)
    Set {
        id: u32,
        /// New title
        #[arg(long, value_parser = parse_title)]
        title: Option<String>,
        #[command(flatten)]
        fields: ItemFields,
    },
    /// Mark an item done
    Done { id: u32 },
    /// Drop an item (it no longer counts toward the budget)
    Drop { id: u32 },
    /// Delete an item for good
    Rm { id: u32 },
    /// The week's sync time against the budget
    Budget {
        /// The week (default: this week)
        #[arg(long, value_name = "YYYY-Www")]
        week: Option<IsoWeek>,
    },
    /// Audit a calendar export (.ics): the week's meetings and what they cost; saves nothing
    Audit {
        /// The .ics file exported from Google, Outlook, Apple Calendar, Thunderbird…
        file: PathBuf,
        /// The week (default: this week)
        #[arg(long, value_name = "YYYY-Www")]
        week: Option<IsoWeek>,
        /// Your time zone (default: the `timezone` setting, then TZ, then the system's)
        #[arg(long, value_name = "ZONE")]
        tz: Option<String>,
    },
    /// Import the meetings of a calendar export so they count toward the sync budget
    ///
    /// The meetings stored from the same calendar for the imported weeks are replaced
    /// (re-importing never duplicates); other calendars' meetings stay. A calendar is known
    /// by the name its file gives it, or by --calendar.
    Import {
        /// The .ics file exported from Google, Outlook, Apple Calendar, Thunderbird…
        file: PathBuf,
        /// The first week to import (default: this week)
        #[arg(long, value_name = "YYYY-Www")]
        week: Option<IsoWeek>,
        /// How many weeks to import
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=104))]
        weeks: u32,
        /// Your time zone (default: the `timezone` setting, then TZ, then the system's)
        #[arg(long, value_name = "ZONE")]
        tz: Option<String>,
        /// Show what would be imported without saving it
        #[arg(long)]
        dry_run: bool,
        /// Let a file without meetings in those weeks clear the meetings stored for them
        #[arg(long)]
        allow_empty: bool,
        /// Which calendar this is, so that importing another one keeps its meetings
        /// (default: the name the file gives it)
        #[arg(long, value_name = "NAME")]
        calendar: Option<String>,
    },
    /// Subscribe to calendars by address (.ics feeds, CalDAV) and sync their meetings
    ///
    /// A sync replaces the calendar's meetings of the weeks synced; when it fails, the
    /// last synced copy keeps counting. Passwords are never stored: --password-cmd names a
    /// command that prints one, run at each sync.
    Calendar {
        #[command(subcommand)]
        action: CalendarAction,
    },
    /// Recommend a medium for an item without saving it
    Recommend {
        /// What you need to communicate
        #[arg(value_parser = parse_title)]
        title: String,
        #[command(flatten)]
        fields: ItemFields,
    },
    /// Give every open sync of the week a start in free working time
    ///
    /// Around the calendar's meetings, inside the working hours, keeping each day's focus
    /// block and its red line. Starts you pinned with --at stay; what cannot be placed is
    /// listed with the reason.
    Schedule {
        /// The week (default: this week)
        #[arg(long, value_name = "YYYY-Www")]
        week: Option<IsoWeek>,
        /// Show the proposal without saving it
        #[arg(long)]
        dry_run: bool,
    },
    /// Write the week's shared syncs that have a start as one calendar file (.ics)
    Invites {
        /// The week (default: this week)
        #[arg(long, value_name = "YYYY-Www")]
        week: Option<IsoWeek>,
        /// Write to this file (default: print)
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Also export items for your eyes only
        #[arg(long)]
        include_private: bool,
        /// Put them on the calendar added with `calendar add … --caldav --write`
        #[arg(long, conflicts_with = "out")]
        push: bool,
        /// With --push: replace the copies changed on the server since the last push
        #[arg(long, requires = "push")]
        overwrite: bool,
    },
    /// The address book that names the attendees of invites
    People {
        #[command(subcommand)]
        action: Option<PeopleAction>,
    },
    /// Fill the store with a sample week, or with many synthetic items
    Demo {
        /// Generate this many synthetic items over the past year instead of the sample week
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
        items: Option<u32>,
        /// Seed for the synthetic items
        #[arg(long, default_value_t = 1, value_name = "S")]
        seed: u64,
        /// Replace the items of a store that already holds some
        #[arg(long)]
        force: bool,
        /// Remove the sample items instead (your own items stay), to start clean
        #[arg(long, conflicts_with_all = ["items", "force"])]
        clear: bool,
    },
    /// Bring the open items of one week into another (default: last week into this one)
    Carry {
        /// The week to carry from (default: last week)
        #[arg(long, value_name = "YYYY-Www")]
        from: Option<IsoWeek>,
        /// The week to carry into (default: this week)
        #[arg(long, value_name = "YYYY-Www")]
        to: Option<IsoWeek>,
    },
    /// Print the week's written update, ready to paste
    Export {
        /// The week (default: this week)
        #[arg(long, value_name = "YYYY-Www")]
        week: Option<IsoWeek>,
        /// md or json
        #[arg(long, value_enum, default_value_t = ExportFormat::Md)]
        format: ExportFormat,
    },
    /// Look back on the last weeks: sync time, media, warnings, recommendations followed
    Review {
        /// How many weeks, ending with this one
        #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=520))]
        weeks: u16,
    },
    /// Read or change settings (budget, red-line, timebox.INTENT, working-days, timezone, email)
    Config {
        #[command(subcommand)]
        action: Option<ConfigAction>,
    },
    /// List the TUI's actions with their keys, for rebinding them in keys.conf
    Keys,
    /// Print a shell completion script
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff)
    Man,
    /// Print a screen of the TUI once as plain text
    Snapshot {
        /// Which screen: the list, the week grid or the review of the last weeks
        #[arg(long, value_enum, default_value_t = SnapshotView::Main)]
        view: SnapshotView,
        /// The week (default: this week)
        #[arg(long, value_name = "YYYY-Www")]
        week: Option<IsoWeek>,
        /// Width in columns
        #[arg(long, default_value_t = 120, value_parser = clap::value_parser!(u16).range(1..=1000))]
        width: u16,
        /// Height in rows
        #[arg(long, default_value_t = 40, value_parser = clap::value_parser!(u16).range(1..=1000))]
        height: u16,
    },
}

/// What `calendar` does.
#[derive(Debug, Subcommand)]
pub enum CalendarAction {
    /// Subscribe to a calendar: an .ics feed address, or a CalDAV collection with --caldav
    Add {
        /// The name its meetings are stored under
        name: String,
        /// https:// or webcal:// address (http:// only to this machine or with --insecure-http)
        url: String,
        /// The address is a CalDAV calendar collection (Nextcloud, Fastmail, iCloud, Radicale)
        #[arg(long)]
        caldav: bool,
        /// The user name to log in with
        #[arg(long, value_name = "USER")]
        user: Option<String>,
        /// A command that prints the password on its first line, run at each sync
        /// (`pass show work-calendar`); the password itself is never stored
        #[arg(long, value_name = "CMD")]
        password_cmd: Option<String>,
        /// Allow plain http to another machine (the calendar travels unencrypted)
        #[arg(long)]
        insecure_http: bool,
        /// Push invites to this CalDAV calendar (`syncwise invites --push`); at most one
        #[arg(long, requires = "caldav")]
        write: bool,
    },
    /// List the subscribed calendars and how their last sync went
    List,
    /// End a subscription; its stored meetings go with it
    Rm { name: String },
    /// Fetch the subscribed calendars (or one) and store their meetings
    Sync {
        /// Only this calendar (default: every one)
        name: Option<String>,
        /// How many weeks, from this one
        #[arg(long, default_value_t = crate::net::sync::DEFAULT_WEEKS, value_parser = clap::value_parser!(u32).range(1..=104))]
        weeks: u32,
        /// Your time zone (default: the `timezone` setting, then TZ, then the system's)
        #[arg(long, value_name = "ZONE")]
        tz: Option<String>,
    },
}

/// What `config` does.
#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print every setting
    List,
    /// Print one setting
    Get { key: String },
    /// Change one setting
    Set {
        key: String,
        #[arg(allow_hyphen_values = true)]
        value: String,
    },
}

/// What `people` does.
#[derive(Debug, Subcommand)]
pub enum PeopleAction {
    /// Print everyone in the address book
    List,
    /// Add someone, or change their address
    Add { name: String, email: String },
    /// Remove someone
    Rm { name: String },
}

/// The formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Md,
    Json,
}

/// What `--at` holds: a start, or none to clear it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AtFlag(pub Option<chrono::NaiveTime>);

fn parse_at_flag(text: &str) -> Result<AtFlag, crate::core::slot::TimeError> {
    crate::core::slot::parse_at(text).map(AtFlag)
}

/// Which screen `snapshot` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SnapshotView {
    /// The list beside the recommendation and the gauge
    #[default]
    Main,
    /// The week grid: days, hours, meetings, items, focus blocks
    Week,
    /// The last weeks' sync time against the budget
    Review,
}

/// The fields of an item that `add`, `set` and `recommend` accept.
#[derive(Debug, Args, Default)]
pub struct ItemFields {
    /// Who the communication is with
    #[arg(long, value_name = "WHO")]
    pub with: Option<String>,
    /// status, fyi, decided, question, review, decision, brainstorm, conflict, feedback, rapport, crisis
    #[arg(long)]
    pub intent: Option<Intent>,
    /// low, medium or high
    #[arg(long)]
    pub heat: Option<Heat>,
    /// Length of the sync part in minutes (default: the intent's timebox)
    #[arg(long, value_parser = parse_minutes, allow_hyphen_values = true)]
    pub minutes: Option<u32>,
    /// mon, tue, wed, thu, fri, sat or sun
    #[arg(long)]
    pub day: Option<Day>,
    /// The ISO week, as 2026-W48
    #[arg(long, value_name = "YYYY-Www")]
    pub week: Option<IsoWeek>,
    /// auto, async, sync or brief-then-sync
    #[arg(long)]
    pub medium: Option<ChosenMedium>,
    /// "problem | pre-read | desired outcome"
    #[arg(long, value_name = "TEXT")]
    pub agenda: Option<String>,
    /// Free notes
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
    /// How often the written thread has gone back and forth
    #[arg(long, value_parser = parse_exchanges, allow_hyphen_values = true)]
    pub exchanges: Option<u32>,
    /// open, done or dropped
    #[arg(long)]
    pub status: Option<Status>,
    /// For your eyes only: never in the brief or exported invites (default: the intent's)
    #[arg(long, conflicts_with = "shared")]
    pub private: bool,
    /// Shared with others, even for an intent that is private by default
    #[arg(long)]
    pub shared: bool,
    /// When the sync starts, HH:MM (pinned: `schedule` leaves it); none clears it
    #[arg(long, value_name = "HH:MM", value_parser = parse_at_flag)]
    pub at: Option<AtFlag>,
}

impl ItemFields {
    /// The patch these flags describe.
    pub fn to_patch(&self) -> ItemPatch {
        ItemPatch {
            with: self.with.as_ref().map(|w| w.trim().to_string()),
            intent: self.intent,
            heat: self.heat,
            minutes: self.minutes,
            day: self.day,
            week: self.week,
            medium: self.medium,
            agenda: self.agenda.as_deref().map(Agenda::parse),
            notes: self.notes.clone(),
            exchanges: self.exchanges,
            status: self.status,
            private: match (self.private, self.shared) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            },
            at: self.at.map(|a| a.0),
            ..ItemPatch::default()
        }
    }
}
