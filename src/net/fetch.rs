//! The HTTP side of a sync: which addresses may be read, one bounded request, and what
//! its answer means.

use std::time::Duration;

use base64::Engine as _;
use ureq::Agent;
use ureq::http::{Request, Response, Uri};

use super::SyncError;

/// The largest body read from a server: more is refused, not cut.
pub const MAX_BODY: u64 = 20 * 1024 * 1024;

/// The longest a whole request may take, from resolving the host to the body's last byte.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// Where a calendar is read from, checked: an https address, or http to this machine or
/// allowed by the user; `webcal://` read as https. Its `Debug` leaves the login out.
#[derive(Clone)]
pub struct Target {
    pub uri: Uri,
    pub host: String,
    /// The `Authorization` header's value, when the calendar needs a password.
    auth: Option<String>,
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Target")
            .field("uri", &self.uri)
            .field("login", &self.auth.as_ref().map(|_| "…"))
            .finish()
    }
}

impl Target {
    /// Checks an address as `calendar add` stores it.
    pub fn parse(url: &str, insecure_http: bool) -> Result<Target, SyncError> {
        let trimmed = url.trim();
        let shown = || {
            crate::core::sanitize::sanitize(trimmed)
                .chars()
                .take(80)
                .collect::<String>()
        };
        let (scheme, rest) = trimmed
            .split_once("://")
            .ok_or_else(|| SyncError::BadUrl(shown()))?;
        let scheme = scheme.to_ascii_lowercase();
        let https = match scheme.as_str() {
            "https" | "webcal" | "webcals" => true,
            "http" => false,
            _ => return Err(SyncError::BadUrl(shown())),
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if authority.contains('@') {
            let userinfo = authority.rsplit_once('@').map_or("", |(u, _)| u);
            if userinfo.contains(':') {
                return Err(SyncError::PasswordInUrl);
            }
        }
        let full = format!("{}://{rest}", if https { "https" } else { "http" });
        let uri: Uri = full.parse().map_err(|_| SyncError::BadUrl(shown()))?;
        let host = uri.host().unwrap_or_default().to_string();
        if host.is_empty() {
            return Err(SyncError::BadUrl(shown()));
        }
        if !https && !insecure_http && !is_loopback(&host) {
            return Err(SyncError::InsecureHttp(host));
        }
        Ok(Target {
            uri,
            host,
            auth: None,
        })
    }

    /// The same target, sending `user` and `password` with every request.
    pub fn with_login(mut self, user: &str, password: &str) -> Target {
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        self.auth = Some(format!("Basic {token}"));
        self
    }

    /// The resource `name` inside this collection (a `/` is put between them), with the
    /// same login. `name` is percent-encoded but for letters, digits and `-._~@`.
    pub fn child(&self, name: &str) -> Result<Target, SyncError> {
        let base = self.uri.to_string();
        let base = base.split(['?', '#']).next().unwrap_or_default();
        let mut full = base.trim_end_matches('/').to_string();
        full.push('/');
        for byte in name.bytes() {
            if byte.is_ascii_alphanumeric() || b"-._~@".contains(&byte) {
                full.push(char::from(byte));
            } else {
                full.push_str(&format!("%{byte:02X}"));
            }
        }
        let uri: Uri = full
            .parse()
            .map_err(|_| SyncError::BadUrl(crate::core::sanitize::sanitize(&full)))?;
        Ok(Target {
            uri,
            host: self.host.clone(),
            auth: self.auth.clone(),
        })
    }

    /// Whether the address is plain https (redirects then stay on https).
    fn is_https(&self) -> bool {
        self.uri.scheme_str() == Some("https")
    }

    /// A request to this target, with its login.
    fn request(&self, method: &str) -> ureq::http::request::Builder {
        let mut builder = Request::builder()
            .method(method)
            .uri(self.uri.clone())
            .header(
                "User-Agent",
                concat!("syncwise/", env!("CARGO_PKG_VERSION")),
            );
        if let Some(auth) = &self.auth {
            builder = builder.header("Authorization", auth.as_str());
        }
        builder
    }

    /// Sends `method` with `headers` and `body` to this target, with its login, and reads
    /// the answer: every request syncwise makes goes through here.
    pub(super) fn call(
        &self,
        method: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> Result<Answer, SyncError> {
        let builder = headers
            .iter()
            .fold(self.request(method), |b, (name, value)| {
                b.header(*name, *value)
            });
        let request = builder
            .body(body)
            .map_err(|e| SyncError::Protocol(crate::core::sanitize::sanitize(&e.to_string())))?;
        self.send(request)
    }

    /// Sends a request and reads its answer: the status, the ETag, and the body (at most
    /// [`MAX_BODY`] bytes).
    fn send(&self, request: Request<Vec<u8>>) -> Result<Answer, SyncError> {
        let agent: Agent = Agent::config_builder()
            .http_status_as_error(false)
            .allow_non_standard_methods(true)
            .https_only(self.is_https())
            // Redirects only from https, where they must stay on https; plain http to this
            // machine is never sent on elsewhere. The login is never sent on a redirect.
            .max_redirects(if self.is_https() { 5 } else { 0 })
            .timeout_global(Some(TIMEOUT))
            .timeout_connect(Some(Duration::from_secs(10)))
            .tls_config(
                ureq::tls::TlsConfig::builder()
                    .root_certs(ureq::tls::RootCerts::PlatformVerifier)
                    .build(),
            )
            .build()
            .into();
        // A HEAD's answer has no body, though it may name the encoding one would have.
        let head = request.method() == ureq::http::Method::HEAD;
        let mut response: Response<ureq::Body> = agent.run(request).map_err(|e| self.failure(e))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let etag = header("etag");
        let content_type = header("content-type").unwrap_or_default();
        let body = if status == 304 || head {
            Vec::new()
        } else {
            response
                .body_mut()
                .with_config()
                .limit(MAX_BODY)
                .read_to_vec()
                .map_err(|e| self.failure(e))?
        };
        Ok(Answer {
            status,
            etag,
            content_type,
            body,
        })
    }

    /// A transport failure in the user's terms.
    fn failure(&self, error: ureq::Error) -> SyncError {
        let host = self.host.clone();
        match error {
            ureq::Error::BodyExceedsLimit(_) => SyncError::TooLarge,
            ureq::Error::HostNotFound => SyncError::HostNotFound(host),
            ureq::Error::ConnectionFailed => SyncError::Unreachable(host),
            ureq::Error::Timeout(_) => SyncError::Timeout {
                host,
                seconds: TIMEOUT.as_secs(),
            },
            ureq::Error::Io(e) if is_unreachable(&e) => SyncError::Unreachable(host),
            ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => SyncError::Timeout {
                host,
                seconds: TIMEOUT.as_secs(),
            },
            // rustls reports a failed handshake as an I/O error that carries its own.
            ureq::Error::Io(e) if tls_error(&e).is_some() => match tls_error(&e) {
                Some(rustls::Error::InvalidMessage(_)) => SyncError::NotTls(host),
                _ => SyncError::Tls {
                    host,
                    reason: crate::core::sanitize::sanitize(&e.to_string()),
                },
            },
            ureq::Error::Tls(reason) => SyncError::Tls {
                host,
                reason: reason.to_string(),
            },
            ureq::Error::Rustls(e) => SyncError::Tls {
                host,
                reason: crate::core::sanitize::sanitize(&e.to_string()),
            },
            other => SyncError::Other {
                host,
                reason: crate::core::sanitize::sanitize(&other.to_string()),
            },
        }
    }
}

/// The TLS error an I/O error carries, when the handshake or the record layer failed.
fn tls_error(error: &std::io::Error) -> Option<&rustls::Error> {
    error.get_ref()?.downcast_ref::<rustls::Error>()
}

/// Whether an I/O error means the server could not be reached at all.
fn is_unreachable(error: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        error.kind(),
        ConnectionRefused
            | ConnectionReset
            | ConnectionAborted
            | NotConnected
            | HostUnreachable
            | NetworkUnreachable
            | AddrNotAvailable
    )
}

/// Whether a host names this machine: `localhost` or a loopback address.
pub fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.eq_ignore_ascii_case("localhost")
        || bare
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// A server's answer, read whole.
#[derive(Debug)]
pub(super) struct Answer {
    pub status: u16,
    pub etag: Option<String>,
    pub content_type: String,
    pub body: Vec<u8>,
}

impl Answer {
    /// The error a refusing status means, if it is one.
    pub fn refused(&self) -> Option<SyncError> {
        match self.status {
            200..=299 | 304 => None,
            401 => Some(SyncError::Unauthorized),
            403 => Some(SyncError::Forbidden),
            404 | 410 => Some(SyncError::NotFound),
            other => Some(SyncError::Status(other)),
        }
    }

    /// Whether the body is a web page rather than calendar data.
    pub fn is_web_page(&self) -> bool {
        let start: String = String::from_utf8_lossy(&self.body[..self.body.len().min(512)])
            .trim_start_matches('\u{feff}')
            .trim_start()
            .chars()
            .take(64)
            .collect::<String>()
            .to_ascii_lowercase();
        self.content_type
            .to_ascii_lowercase()
            .starts_with("text/html")
            || start.starts_with("<!doctype html")
            || start.starts_with("<html")
    }
}

/// What a sync brought from the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// The server says nothing changed since the tags stored: one small request.
    Unchanged,
    /// The calendar's text (for CalDAV, its events of the weeks asked, as one calendar)
    /// and the tags to store with it.
    Calendar {
        ics: Vec<u8>,
        tags: crate::core::subscription::SyncTags,
    },
}

/// Fetches an .ics feed, asking only for a changed one when an ETag is known.
pub fn feed(target: &Target, etag: Option<&str>) -> Result<Fetched, SyncError> {
    let accept = ("Accept", "text/calendar, */*;q=0.5");
    let answer = match etag {
        Some(etag) => target.call("GET", &[accept, ("If-None-Match", etag)], Vec::new())?,
        None => target.call("GET", &[accept], Vec::new())?,
    };
    if answer.status == 304 {
        return Ok(Fetched::Unchanged);
    }
    if let Some(error) = answer.refused() {
        return Err(error);
    }
    if answer.is_web_page() || !looks_like_calendar(&answer.body) {
        return Err(SyncError::NotCalendar);
    }
    Ok(Fetched::Calendar {
        ics: answer.body,
        tags: crate::core::subscription::SyncTags {
            etag: answer.etag,
            sync_token: None,
        },
    })
}

/// Whether bytes start as an iCalendar object does.
pub(super) fn looks_like_calendar(body: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&body[..body.len().min(1024)]);
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_uppercase()
        .starts_with("BEGIN:VCALENDAR")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_checked() {
        assert!(Target::parse("https://cal.example.test/a.ics", false).is_ok());
        let webcal = Target::parse("webcal://cal.example.test/a.ics", false).unwrap();
        assert_eq!(webcal.uri.scheme_str(), Some("https"));
        assert!(Target::parse("http://127.0.0.1:8080/a.ics", false).is_ok());
        assert!(Target::parse("http://localhost/a.ics", false).is_ok());
        assert!(Target::parse("http://[::1]:9/a.ics", false).is_ok());
        assert_eq!(
            Target::parse("http://cal.example.test/a.ics", false).unwrap_err(),
            SyncError::InsecureHttp("cal.example.test".into())
        );
        assert!(Target::parse("http://cal.example.test/a.ics", true).is_ok());
        assert_eq!(
            Target::parse("https://me:hunter2@cal.example.test/", false).unwrap_err(),
            SyncError::PasswordInUrl
        );
        assert!(matches!(
            Target::parse("ftp://x/y", false),
            Err(SyncError::BadUrl(_))
        ));
    }

    #[test]
    fn the_login_never_shows_in_debug_output() {
        let target = Target::parse("https://cal.example.test/", false)
            .unwrap()
            .with_login("me", "hunter2");
        let shown = format!("{target:?}");
        assert!(
            !shown.contains("hunter2") && !shown.contains("aHVudGVy"),
            "{shown}"
        );
    }

    #[test]
    fn web_pages_are_told_apart() {
        assert!(looks_like_calendar(b"\xef\xbb\xbf  BEGIN:VCALENDAR\r\n"));
        assert!(!looks_like_calendar(b"<!DOCTYPE html><html>"));
    }
}
