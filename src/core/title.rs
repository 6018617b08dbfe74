//! What a title alone says: whether it names no subject ("Sync", "Quick chat"), and
//! whether it says the meeting exists to report status. Read by the engine and the audit.

/// Titles that say nothing about why people should meet.
const BARE_TITLES: &[&str] = &[
    "chat",
    "quick chat",
    "sync",
    "quick sync",
    "catch up",
    "catch-up",
    "catchup",
    "quick catch up",
    "check in",
    "check-in",
    "meeting",
    "call",
    "quick call",
    "touch base",
    "1:1",
    "talk",
];

/// Whether a title is a bare "Chat", "Sync" or "Catch up" that names no subject.
pub fn is_bare_title(title: &str) -> bool {
    // No bare title has more letters and digits than this; most real titles do, so
    // they skip the normalising below.
    const MOST_BARE_LETTERS: usize = 16;
    if title.chars().filter(|c| c.is_alphanumeric()).count() > MOST_BARE_LETTERS {
        return false;
    }
    // The title lowercased, its words joined by single spaces, compared as it is made
    // (the engine asks this of every item, so nothing is allocated).
    let words = || {
        title
            .trim()
            .trim_end_matches(['?', '!', '.'])
            .split_whitespace()
            .enumerate()
            .flat_map(|(n, word)| (n > 0).then_some(' ').into_iter().chain(lowercase(word)))
    };
    words().next().is_none() || BARE_TITLES.iter().any(|bare| bare.chars().eq(words()))
}

/// A word's characters lowercased one by one: for the ASCII bare titles, what
/// `str::to_lowercase` gives.
fn lowercase(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars().flat_map(char::to_lowercase)
}

/// Words that make a recurring meeting a status meeting. Hyphenated and spaced forms
/// ("stand-up", "check in") are matched by joining neighbouring words.
const STATUS_WORDS: &[&str] = &[
    "status", "standup", "standups", "scrum", "update", "updates", "checkin", "checkins", "syncup",
    "roundup", "huddle",
];

/// Whether a title says the meeting exists to report status.
pub fn is_status_title(title: &str) -> bool {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let single = words.iter().any(|w| STATUS_WORDS.contains(&w.as_str()));
    let joined = words
        .windows(2)
        .any(|pair| STATUS_WORDS.contains(&pair.concat().as_str()));
    single || joined || words.iter().map(String::as_str).eq(["daily"])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_titles_name_no_subject() {
        for t in ["Chat", "1:1", "Quick sync!", "", "touch   base"] {
            assert!(is_bare_title(t), "{t:?}");
        }
        for t in ["1:1 Anna", "Sync on the Q3 roadmap", "Pricing call"] {
            assert!(!is_bare_title(t), "{t:?}");
        }
    }

    #[test]
    fn status_titles() {
        for t in [
            "Daily Standup",
            "Stand-up",
            "stand up",
            "Weekly status",
            "Team check-in",
            "Check in",
            "Project update",
            "Sync-up with infra",
            "Scrum",
            "Daily",
        ] {
            assert!(is_status_title(t), "{t}");
        }
        for t in [
            "Design review",
            "Updated pricing go/no-go",
            "Daily budget review",
            "Retro",
        ] {
            assert!(!is_status_title(t), "{t}");
        }
    }
}
