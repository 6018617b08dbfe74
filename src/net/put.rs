//! Pushing an invite: one `PUT` of a calendar object resource, conditional on the ETag so
//! that a copy changed on the server since the last push is never overwritten.

use super::SyncError;
use super::fetch::Target;

/// Why a push of one object did not happen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PutError {
    /// The server's copy is not the one last pushed (412): nothing was written.
    #[error("the server's copy changed since the last push")]
    Changed,
    #[error(transparent)]
    Net(#[from] SyncError),
}

/// Puts `ics` at `target`: `If-Match: etag` when it was pushed before, else
/// `If-None-Match: *` (create only). Returns the object's new ETag, asked for with a
/// `HEAD` when the server's answer to the PUT carries none (`None` if it still has none).
pub fn put(target: &Target, ics: &str, etag: Option<&str>) -> Result<Option<String>, PutError> {
    let condition = match etag {
        Some(etag) => ("If-Match", etag),
        None => ("If-None-Match", "*"),
    };
    let headers = [("Content-Type", "text/calendar; charset=utf-8"), condition];
    let answer = target.call("PUT", &headers, ics.as_bytes().to_vec())?;
    if answer.status == 412 {
        return Err(PutError::Changed);
    }
    if let Some(error) = answer.refused() {
        return Err(error.into());
    }
    if answer.etag.is_some() {
        return Ok(answer.etag);
    }
    Ok(current_etag(target)?.flatten())
}

/// Puts `ics` at `target` over whatever copy the server holds now, at the user's word
/// (`invites --push --overwrite`): conditional on the ETag the server names this moment,
/// so a copy changed again in between is still refused.
pub fn overwrite(target: &Target, ics: &str) -> Result<Option<String>, PutError> {
    match current_etag(target)? {
        Some(Some(etag)) => put(target, ics, Some(&etag)),
        // No ETag to hold it to: refused rather than written blind.
        Some(None) => Err(PutError::Changed),
        None => put(target, ics, None),
    }
}

/// The ETag of the server's copy at `target`, asked with a `HEAD`: `None` when there is no
/// copy, `Some(None)` when the server names no ETag.
fn current_etag(target: &Target) -> Result<Option<Option<String>>, SyncError> {
    let answer = target.call("HEAD", &[], Vec::new())?;
    if matches!(answer.status, 404 | 410) {
        return Ok(None);
    }
    if let Some(error) = answer.refused() {
        return Err(error);
    }
    Ok(Some(answer.etag))
}
