//! The word lists a command reads intents with: the shipped lists, with the user's
//! `intents.conf` beside the store applied when there is one.

use std::borrow::Cow;

use thiserror::Error;

use crate::core::infer::{CONFIG_FILE, IntentConfigError, Lexicon};
use crate::store::{Store, StoreError};

/// Why the plan or the word lists could not be read.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A line of `intents.conf` that means nothing: the file, the line, what is valid.
    #[error(transparent)]
    Intents(#[from] IntentConfigError),
}

/// The shipped word lists with the user's `intents.conf` (beside the store) applied; the
/// shipped lists alone when there is none. A bad line is an error naming the file's path
/// and the line, as a bad `keys.conf` is.
pub fn lexicon_for(store: &Store) -> Result<Cow<'static, Lexicon>, LoadError> {
    match store.read_intents()? {
        None => Ok(Cow::Borrowed(Lexicon::shipped())),
        Some(text) => {
            let path = store.dir().join(CONFIG_FILE);
            Ok(Cow::Owned(Lexicon::with_config(
                &path.display().to_string(),
                &text,
            )?))
        }
    }
}
