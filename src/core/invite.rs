//! Invites (stub).
