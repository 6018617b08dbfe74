//! CalDAV, the two requests a sync needs: a `PROPFIND` of the collection's sync token (or
//! ctag), and when it changed, a `calendar-query` `REPORT` of the events in a time range,
//! put together as one calendar for the reader.

use chrono::{DateTime, Utc};

use super::SyncError;
use super::fetch::{Fetched, Target, looks_like_calendar};
use crate::core::subscription::SyncTags;

const PROPFIND: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/">
  <d:prop><d:sync-token/><cs:getctag/></d:prop>
</d:propfind>"#;

/// The collection's events between `from` and `to`, unless its token is still `token`.
pub fn calendar(
    target: &Target,
    token: Option<&str>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Fetched, SyncError> {
    let current = collection_token(target)?;
    if current.is_some() && current.as_deref() == token {
        return Ok(Fetched::Unchanged);
    }
    let ics = events(target, from, to)?;
    Ok(Fetched::Calendar {
        ics,
        tags: SyncTags {
            etag: None,
            sync_token: current,
        },
    })
}

/// The collection's sync token, else its ctag, else none (the server keeps neither).
fn collection_token(target: &Target) -> Result<Option<String>, SyncError> {
    let text = dav(target, "PROPFIND", "0", PROPFIND.as_bytes().to_vec())?;
    let doc = parse(&text)?;
    let find = |ns: &str, name: &str| {
        doc.descendants()
            .find(|n| n.tag_name().namespace() == Some(ns) && n.tag_name().name() == name)
            .and_then(|n| n.text())
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
    };
    Ok(find("DAV:", "sync-token").or_else(|| find("http://calendarserver.org/ns/", "getctag")))
}

/// The events of the collection that overlap `from`..`to`, as one calendar's text.
fn events(target: &Target, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<u8>, SyncError> {
    let stamp = |t: DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
    let body = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
  <d:prop><d:getetag/><c:calendar-data/></d:prop>
  <c:filter>
    <c:comp-filter name="VCALENDAR">
      <c:comp-filter name="VEVENT">
        <c:time-range start="{}" end="{}"/>
      </c:comp-filter>
    </c:comp-filter>
  </c:filter>
</c:calendar-query>"#,
        stamp(from),
        stamp(to)
    );
    let text = dav(target, "REPORT", "1", body.into_bytes())?;
    let doc = parse(&text)?;
    let parts: Vec<&str> = doc
        .descendants()
        .filter(|n| {
            n.tag_name().namespace() == Some("urn:ietf:params:xml:ns:caldav")
                && n.tag_name().name() == "calendar-data"
        })
        .filter_map(|n| n.text())
        .filter(|t| looks_like_calendar(t.as_bytes()))
        .collect();
    Ok(merge(&parts).into_bytes())
}

/// Sends a WebDAV request with an XML body at `depth` and returns the multistatus answer's
/// text; a refusal, or a web page where XML was asked for, is the error it means.
fn dav(target: &Target, method: &str, depth: &str, body: Vec<u8>) -> Result<String, SyncError> {
    let headers = [
        ("Depth", depth),
        ("Content-Type", "application/xml; charset=utf-8"),
    ];
    let answer = target.call(method, &headers, body)?;
    if let Some(error) = answer.refused() {
        return Err(error);
    }
    if answer.is_web_page() {
        return Err(SyncError::NotCalendar);
    }
    Ok(String::from_utf8_lossy(&answer.body).into_owned())
}

/// The answer read as XML.
fn parse(text: &str) -> Result<roxmltree::Document<'_>, SyncError> {
    roxmltree::Document::parse(text).map_err(|e| SyncError::Protocol(e.to_string()))
}

/// One calendar holding the components of every part (each part is a whole VCALENDAR, as
/// CalDAV sends one per event resource); a time zone defined by several parts is kept once.
pub fn merge(parts: &[&str]) -> String {
    let mut out =
        String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//syncwise//caldav sync//EN\r\n");
    let mut zones: Vec<String> = Vec::new();
    for part in parts {
        let mut depth = 0usize;
        let mut component: Vec<&str> = Vec::new();
        for line in part.lines() {
            let upper = line.trim_end().to_ascii_uppercase();
            if upper.starts_with("BEGIN:") {
                depth += 1;
            }
            if depth >= 2 {
                component.push(line.trim_end_matches('\r'));
            }
            if upper.starts_with("END:") {
                depth = depth.saturating_sub(1);
                if depth == 1 && !component.is_empty() {
                    let zone = component
                        .first()
                        .filter(|l| l.eq_ignore_ascii_case("BEGIN:VTIMEZONE"))
                        .and_then(|_| {
                            component
                                .iter()
                                .find(|l| l.to_ascii_uppercase().starts_with("TZID"))
                        })
                        .map(|l| l.to_string());
                    let seen = zone.as_ref().is_some_and(|z| zones.contains(z));
                    if !seen {
                        zones.extend(zone);
                        for l in &component {
                            out.push_str(l);
                            out.push_str("\r\n");
                        }
                    }
                    component.clear();
                }
            }
        }
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_merge_into_one_calendar_with_each_zone_once() {
        let zone = "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";
        let part = |uid: &str| {
            format!(
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n{zone}BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:long\r\n  folded\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
            )
        };
        let (a, b) = (part("a"), part("b"));
        let merged = merge(&[&a, &b]);
        assert_eq!(merged.matches("BEGIN:VTIMEZONE").count(), 1);
        assert_eq!(merged.matches("BEGIN:VEVENT").count(), 2);
        assert_eq!(merged.matches("PRODID").count(), 1);
        assert!(merged.contains("SUMMARY:long\r\n  folded\r\n"));
        assert!(merged.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
    }
}
