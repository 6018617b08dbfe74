//! The address book: who the user meets and at which address, so invites can name them.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::core::settings::email;

/// Someone the user meets, with their calendar address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    /// Lower case, as `settings::email` stores it.
    pub email: String,
}

/// The longest name the address book keeps.
pub const MAX_NAME: usize = 100;

/// A name or address the address book refuses.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PeopleError {
    #[error(
        "a name must be 1 to {MAX_NAME} characters without commas or control characters, got '{0}'"
    )]
    Name(String),
    #[error("'{0}' is not an email address (use one such as sam@example.com)")]
    Email(String),
    #[error("nobody named '{0}' is in the address book (`syncwise people list` shows who is)")]
    Unknown(String),
}

/// Checks a name: trimmed, not empty, no commas (an item's `with` is split on them), no
/// control characters.
pub fn check_name(name: &str) -> Result<String, PeopleError> {
    let n = name.trim();
    let count = n.chars().count();
    if count == 0 || count > MAX_NAME || n.contains(',') || n.chars().any(char::is_control) {
        return Err(PeopleError::Name(name.to_string()));
    }
    Ok(n.to_string())
}

/// A person from what the user typed, checked.
pub fn person(name: &str, address: &str) -> Result<Person, PeopleError> {
    Ok(Person {
        name: check_name(name)?,
        email: email(address).ok_or_else(|| PeopleError::Email(address.to_string()))?,
    })
}

/// Checks an address book read from a store.
pub fn check(people: &[Person]) -> Result<(), PeopleError> {
    for p in people {
        let again = person(&p.name, &p.email)?;
        if again != *p {
            return Err(PeopleError::Email(p.email.clone()));
        }
    }
    Ok(())
}

/// The person with this name, in any case.
pub fn find<'a>(people: &'a [Person], name: &str) -> Option<&'a Person> {
    let name = name.trim();
    people
        .iter()
        .find(|p| p.name.to_lowercase() == name.to_lowercase())
}

/// The people an item's `with` names (split on commas, matched by name in any case), in
/// the order it names them, each once; names not in the book are left out.
pub fn attendees<'a>(people: &'a [Person], with: &str) -> Vec<&'a Person> {
    let mut found: Vec<&Person> = Vec::new();
    for name in with.split(',') {
        if let Some(p) = find(people, name)
            && !found.iter().any(|f| f.email == p.email)
        {
            found.push(p);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_matched_in_any_case_and_each_once() {
        let book = vec![
            person("Sam", "Sam@Example.com").unwrap(),
            person("Ana López", "ana@example.com").unwrap(),
        ];
        assert_eq!(book[0].email, "sam@example.com");
        let found = attendees(&book, "ana lópez, SAM, Bo, sam");
        let names: Vec<&str> = found.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Ana López", "Sam"]);
        assert!(person("A, B", "a@example.com").is_err());
        assert!(person("Bell\u{7}", "a@example.com").is_err());
        assert!(person("Sam", "sam").is_err());
        assert_eq!(check(&book), Ok(()));
    }
}
