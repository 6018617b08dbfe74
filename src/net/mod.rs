//! Reaching subscribed calendars: the only code that opens a network connection or runs
//! a command. It fetches bytes (an .ics feed, or a CalDAV collection's events of some
//! weeks) and hands them on; reading them is the calendar reader's job, storing them the
//! core's and the store's.
//!
//! The HTTP client is `ureq` 3: small, blocking (a sync runs on its own thread, so no
//! async runtime is needed), with rustls for TLS (ring as its crypto, so no OpenSSL at
//! build time) and `rustls-platform-verifier` for the system's trusted roots. It speaks
//! the WebDAV methods CalDAV needs (`PROPFIND`, `REPORT`) once non-standard methods are
//! allowed, caps a body's size while reading it, and bounds every wait. A CalDAV crate
//! (`libdav`) was the other choice; it is async (tokio and hyper) and does more than the
//! two requests a sync makes, so the few lines of XML are read here with `roxmltree`.

pub mod caldav;
pub mod delete;
pub mod fetch;
pub mod password;
pub mod put;
pub mod sync;

pub use fetch::{Fetched, MAX_BODY, TIMEOUT, Target};

/// Why a sync could not bring a calendar: each says what happened and what to do. None
/// holds the password or the password command's output.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    #[error(
        "{0} is not an address syncwise can read (use https://, webcal:// or http:// to this machine)"
    )]
    BadUrl(String),
    #[error("the address puts a password in the URL; remove it and pass --password-cmd instead")]
    PasswordInUrl,
    #[error(
        "plain http to {0} would send the calendar unencrypted; use https, or add it again with --insecure-http"
    )]
    InsecureHttp(String),
    #[error("the password command failed ({0}); run it yourself to check it prints the password")]
    PasswordCommand(String),
    #[error("the password command printed nothing; check it prints the password on its first line")]
    EmptyPassword,
    #[error("cannot find the host {0}: check the address and the network connection")]
    HostNotFound(String),
    #[error(
        "cannot connect to {0} (offline, or the server is down); the last synced copy still counts, try again later"
    )]
    Unreachable(String),
    #[error(
        "no answer from {host} within {seconds} s; the last synced copy still counts, try again later"
    )]
    Timeout { host: String, seconds: u64 },
    #[error(
        "the secure connection to {host} failed ({reason}); check the address and the system's clock"
    )]
    Tls { host: String, reason: String },
    #[error(
        "{0} does not answer in TLS at this address; check the port, or whether the calendar is served over plain http://"
    )]
    NotTls(String),
    #[error(
        "the server refused the user name or password (401); check --user and what the password command prints"
    )]
    Unauthorized,
    #[error("the server refused access to this calendar (403); check that the account may read it")]
    Forbidden,
    #[error(
        "the server has no calendar at this address (404); check the address, or `syncwise calendar rm` it"
    )]
    NotFound,
    #[error("the server answered {0}; try again later, or check the address")]
    Status(u16),
    #[error("the server sent more than {} MiB; syncwise reads calendars up to that size", MAX_BODY / (1024 * 1024))]
    TooLarge,
    #[error(
        "the server sent a web page (a login page?), not a calendar; use the calendar's own address (its secret iCal or CalDAV address)"
    )]
    NotCalendar,
    #[error(
        "the CalDAV server's answer could not be read ({0}); is this a CalDAV calendar collection?"
    )]
    Protocol(String),
    #[error("the connection to {host} failed ({reason}); try again later")]
    Other { host: String, reason: String },
}
