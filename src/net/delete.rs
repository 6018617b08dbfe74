//! Withdrawing an invite: one `DELETE` of a calendar object resource, conditional on the
//! ETag of the last push so that a copy changed on the server since is never deleted.

use super::SyncError;
use super::fetch::Target;

/// What a withdrawal found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deleted {
    /// The server deleted the copy syncwise pushed.
    Removed,
    /// There was nothing left to delete (404 or 410): someone removed it already.
    AlreadyGone,
}

/// Why a withdrawal did not happen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeleteError {
    /// The server's copy is not the one last pushed (412): nothing was deleted.
    #[error("the server's copy changed since the last push")]
    Changed,
    #[error(transparent)]
    Net(#[from] SyncError),
}

/// Deletes `target` with `If-Match: etag`. A server may answer 412 for a resource that
/// is missing as well as for one that changed, so a 412 is followed by a `HEAD`: only a
/// copy still there counts as changed.
pub fn delete(target: &Target, etag: &str) -> Result<Deleted, DeleteError> {
    let answer = send(target, "DELETE", Some(etag))?;
    match answer {
        404 | 410 => return Ok(Deleted::AlreadyGone),
        412 => {}
        status => return refused(status).map(|()| Deleted::Removed),
    }
    match send(target, "HEAD", None)? {
        404 | 410 => Ok(Deleted::AlreadyGone),
        status => refused(status).and(Err(DeleteError::Changed)),
    }
}

/// Sends `method` to `target` (with `If-Match` when given) and returns the status.
fn send(target: &Target, method: &str, etag: Option<&str>) -> Result<u16, SyncError> {
    let headers: &[(&str, &str)] = match etag {
        Some(etag) => &[("If-Match", etag)],
        None => &[],
    };
    Ok(target.call(method, headers, Vec::new())?.status)
}

/// `Ok` for a success status, else the error it means.
fn refused(status: u16) -> Result<(), DeleteError> {
    match status {
        200..=299 => Ok(()),
        401 => Err(SyncError::Unauthorized.into()),
        403 => Err(SyncError::Forbidden.into()),
        other => Err(SyncError::Status(other).into()),
    }
}
