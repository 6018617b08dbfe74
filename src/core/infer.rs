//! The intent read from a title (and a meeting's description): whole words and phrases from
//! the word lists in `assets/intents.conf`, which the user extends with `intents.conf`.
//!
//! How a title is read, and why:
//! - A word is a run of letters and digits in any script, compared in lower case: `status`
//!   matches "Status" but not "statuses" or "statusboard". Exact words keep the lists
//!   precise; a list that wants the other forms names them, or ends a word with `*`
//!   (`escalat*` matches "escalate", "escalated", "escalation").
//! - Punctuation is part of a phrase and whitespace is not: `go/no-go` matches "Go / No-Go",
//!   `1:1` matches "1:1" but not "1 1", and `?` is a phrase of its own.
//! - A phrase found inside a longer phrase that also matched does not count: "incident
//!   review" is a review, and its "incident" is no outage.
//! - The longest phrase wins, counted in words as the list writes them (`go/no-go` is one
//!   word, `is down` two): a phrase says more than any of its words alone.
//! - Between phrases of the same length the earlier intent of [`PRECEDENCE`] wins. The
//!   conversations that hurt most when written come first (reading a crisis or a hard talk as
//!   something to write about is the mistake the product exists to prevent), so "Feedback on
//!   the draft" is feedback, while "Feedback on the design doc" is a review because "design
//!   doc" is the longer phrase. An announcement outranks the topic it announces ("Announcing
//!   the pricing strategy" is `decided`); the async intents come last.
//! - Nothing matched: the default `fyi`, with no words, so the reason says it guessed.
//! - A meeting is read from its title; its description counts only when the title says
//!   nothing, without links, addresses and bare punctuation (the meeting tools' boilerplate).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use thiserror::Error;

use super::item::Inferred;
use super::vocabulary::Intent;

/// The file, in the config directory, where users add their own words.
pub const CONFIG_FILE: &str = "intents.conf";

/// The word lists that ship with syncwise.
pub const SHIPPED: &str = include_str!("../../assets/intents.conf");

/// Between phrases of the same length, the first intent here wins: the conversations that
/// cost most when written first, then announcements, then the other async intents.
pub const PRECEDENCE: [Intent; 11] = [
    Intent::Crisis,
    Intent::Feedback,
    Intent::Conflict,
    Intent::Decision,
    Intent::Decided,
    Intent::Brainstorm,
    Intent::Rapport,
    Intent::Review,
    Intent::Question,
    Intent::Status,
    Intent::Fyi,
];

/// The intent of a title that matches nothing.
pub const GUESS: Intent = Intent::Fyi;

/// How much of a meeting's description is read, in characters.
const DESCRIPTION_LIMIT: usize = 4000;

/// A problem in an `intents.conf` text, with the line it is on.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{file} line {line}: {message}")]
pub struct IntentConfigError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// The intent read from a title with the shipped word lists.
pub fn infer(title: &str) -> Inferred {
    Lexicon::shipped().infer(title)
}

/// The intent of a calendar meeting with the shipped word lists.
pub fn infer_meeting(title: &str, description: &str) -> Inferred {
    Lexicon::shipped().infer_meeting(title, description)
}

/// The first reason of an item whose intent was inferred: what was read, from which words,
/// or that nothing matched and the intent is a guess.
pub fn reason(inferred: &Inferred) -> String {
    if inferred.words.is_empty() {
        return format!(
            "No word of the title points to an intent, so {} is a guess; pick the right one",
            inferred.intent
        );
    }
    // The words come from the user's title (and word lists): safe to print, whatever they hold.
    let quoted: Vec<String> = inferred
        .words
        .iter()
        .map(|w| format!("'{}'", super::sanitize::sanitize(w)))
        .collect();
    // Counted on what is printed: a tab or a newline in a stored word shows as a space.
    let phrases = quoted.iter().filter(|w| w.contains(' ')).count();
    let noun = match (quoted.len(), phrases) {
        (1, 0) => "word",
        (1, _) => "phrase",
        (_, 0) => "words",
        (n, p) if n == p => "phrases",
        _ => "words and phrases",
    };
    format!(
        "Read as {} from the {noun} {}; pick another intent if that is wrong",
        inferred.intent,
        quoted.join(", ")
    )
}

/// One token of a phrase: a word (possibly a prefix) or one punctuation character.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    text: Box<str>,
    prefix: bool,
}

/// A phrase of the word lists and the intent it points to.
#[derive(Debug, Clone)]
struct Phrase {
    intent: Intent,
    pieces: Box<[Piece]>,
    /// Its length in words, as the list writes it: what makes a phrase more specific.
    words: usize,
    /// No letter nor digit in it (`?`, `<>`): a sign in a title, noise in a description.
    punctuation_only: bool,
    /// The phrase normalised, so that a user's line finds the shipped one.
    key: String,
}

/// What one line of an `intents.conf` asks for.
#[derive(Debug, Clone)]
enum Change {
    Add(Phrase),
    Remove(String),
}

/// The word lists, built once, indexed by the first token of each phrase.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    phrases: Vec<Phrase>,
    by_first: HashMap<Box<str>, Vec<u32>, BuildHasherDefault<Fnv>>,
    by_prefix: Vec<u32>,
}

/// FNV-1a: the index is looked up once per token of a short text, with keys from our own
/// lists, so a simple fast hash beats the default one.
#[derive(Debug, Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

static SHIPPED_LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    // A test parses the shipped lists, so this never falls back to empty lists.
    parse(CONFIG_FILE, SHIPPED)
        .map(|changes| Lexicon::build(apply(Vec::new(), changes)))
        .unwrap_or_default()
});

impl Lexicon {
    /// The shipped word lists, built on first use.
    pub fn shipped() -> &'static Lexicon {
        &SHIPPED_LEXICON
    }

    /// The shipped lists with a user's `intents.conf` text applied: each line
    /// `intent = word, phrase, …` adds phrases to that intent (moving any the shipped lists
    /// gave to another), `-phrase` removes one, `#` starts a comment.
    pub fn with_config(file: &str, text: &str) -> Result<Lexicon, IntentConfigError> {
        let changes = parse(file, text)?;
        let shipped = Lexicon::shipped().phrases.clone();
        Ok(Lexicon::build(apply(shipped, changes)))
    }

    /// The number of phrases in the lists.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// Whether the lists are empty.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// The intent a title points to, with the words that led there; the guess when none.
    pub fn infer(&self, title: &str) -> Inferred {
        let mut tokens = Tokens::with_capacity(title.len());
        tokens.read(title, false);
        self.best(&tokens, true)
    }

    /// The intent of a calendar meeting: from its title, or from its description when the
    /// title says nothing.
    pub fn infer_meeting(&self, title: &str, description: &str) -> Inferred {
        let from_title = self.infer(title);
        if !from_title.words.is_empty() || description.trim().is_empty() {
            return from_title;
        }
        let end = description
            .char_indices()
            .nth(DESCRIPTION_LIMIT)
            .map_or(description.len(), |(at, _)| at);
        let mut tokens = Tokens::with_capacity(end);
        tokens.read(&description[..end], true);
        self.best(&tokens, false)
    }

    fn build(phrases: Vec<Phrase>) -> Lexicon {
        let mut by_first: HashMap<Box<str>, Vec<u32>, BuildHasherDefault<Fnv>> = HashMap::default();
        let mut by_prefix = Vec::new();
        for (index, phrase) in phrases.iter().enumerate() {
            let index = index as u32;
            match phrase.pieces.first() {
                Some(first) if first.prefix => by_prefix.push(index),
                Some(first) => by_first.entry(first.text.clone()).or_default().push(index),
                None => {}
            }
        }
        Lexicon {
            phrases,
            by_first,
            by_prefix,
        }
    }

    /// The winning intent among the phrases found in the tokens.
    fn best(&self, tokens: &Tokens, punctuation: bool) -> Inferred {
        let mut found: Vec<Found> = Vec::new();
        for start in 0..tokens.spans.len() {
            let first = tokens.spans[start];
            let exact = self
                .by_first
                .get(tokens.text(first))
                .map_or(&[][..], Vec::as_slice);
            let prefixed = if first.word { &self.by_prefix[..] } else { &[] };
            for &index in exact.iter().chain(prefixed) {
                let phrase = &self.phrases[index as usize];
                if phrase.punctuation_only && !punctuation {
                    continue;
                }
                if let Some(end) = tokens.matches(start, &phrase.pieces) {
                    found.push(Found { start, end, index });
                }
            }
        }
        // A phrase inside a longer phrase that matched does not count.
        let inside = |f: &Found| {
            found
                .iter()
                .any(|o| o.start <= f.start && f.end <= o.end && o.end - o.start > f.end - f.start)
        };
        let strength = |f: &Found| {
            let phrase = &self.phrases[f.index as usize];
            (phrase.words, precedence(phrase.intent))
        };
        let Some(winner) = found
            .iter()
            .filter(|f| !inside(f))
            .max_by_key(|f| strength(f))
        else {
            return Inferred {
                intent: GUESS,
                words: Vec::new(),
            };
        };
        let intent = self.phrases[winner.index as usize].intent;
        let mut words: Vec<String> = Vec::new();
        for f in found
            .iter()
            .filter(|f| self.phrases[f.index as usize].intent == intent && !inside(f))
        {
            let said = tokens.said(f.start, f.end);
            if !words.contains(&said) {
                words.push(said);
            }
        }
        Inferred { intent, words }
    }
}

/// A phrase found in a text: tokens `start..end`.
#[derive(Debug, Clone, Copy)]
struct Found {
    start: usize,
    end: usize,
    index: u32,
}

/// How strongly an intent wins a tie: the higher, the earlier in [`PRECEDENCE`].
fn precedence(intent: Intent) -> usize {
    PRECEDENCE.len() - PRECEDENCE.iter().position(|&i| i == intent).unwrap_or(0)
}

/// One token of a text: a range of the lower-cased buffer.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: u32,
    end: u32,
    word: bool,
    /// Whitespace came before it in the text.
    spaced: bool,
}

/// A text cut into tokens: words (lower case) and single punctuation characters.
#[derive(Debug, Default)]
struct Tokens {
    buffer: String,
    spans: Vec<Span>,
}

impl Tokens {
    fn with_capacity(bytes: usize) -> Tokens {
        Tokens {
            buffer: String::with_capacity(bytes),
            spans: Vec::with_capacity(bytes / 4 + 1),
        }
    }

    /// Appends the tokens of `text`; with `skip_links`, links and e-mail addresses go unread.
    fn read(&mut self, text: &str, skip_links: bool) {
        for chunk in text.split_whitespace() {
            if skip_links && is_link(chunk) {
                continue;
            }
            let mut spaced = true;
            let mut word_start: Option<usize> = None;
            for c in chunk.chars() {
                if is_word_char(c) {
                    if word_start.is_none() {
                        word_start = Some(self.buffer.len());
                    }
                    if c.is_ascii() {
                        self.buffer.push(c.to_ascii_lowercase());
                    } else {
                        self.buffer.extend(c.to_lowercase());
                    }
                    continue;
                }
                if let Some(start) = word_start.take() {
                    self.push(start, true, spaced);
                    spaced = false;
                }
                let start = self.buffer.len();
                self.buffer.push(fold_punctuation(c));
                self.push(start, false, spaced);
                spaced = false;
            }
            if let Some(start) = word_start {
                self.push(start, true, spaced);
            }
        }
    }

    fn push(&mut self, start: usize, word: bool, spaced: bool) {
        self.spans.push(Span {
            start: start as u32,
            end: self.buffer.len() as u32,
            word,
            spaced,
        });
    }

    fn text(&self, span: Span) -> &str {
        &self.buffer[span.start as usize..span.end as usize]
    }

    /// Where a phrase that starts at token `start` ends, if it matches there.
    fn matches(&self, start: usize, pieces: &[Piece]) -> Option<usize> {
        let end = start + pieces.len();
        let spans = self.spans.get(start..end)?;
        spans
            .iter()
            .zip(pieces)
            .all(|(&span, piece)| {
                let text = self.text(span);
                if piece.prefix {
                    span.word && text.starts_with(&*piece.text)
                } else {
                    text == &*piece.text
                }
            })
            .then_some(end)
    }

    /// Tokens `start..end` as the text said them: lower case, one space where it had any.
    fn said(&self, start: usize, end: usize) -> String {
        let mut said = String::new();
        for (at, &span) in self.spans[start..end].iter().enumerate() {
            if at > 0 && span.spaced {
                said.push(' ');
            }
            said.push_str(self.text(span));
        }
        said
    }
}

/// Letters and digits of any script, and the combining accents that belong to them.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{0300}'..='\u{036f}').contains(&c)
}

/// Typographic variants read as their plain character: curly quotes, dashes.
fn fold_punctuation(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02bc}' => '\'',
        '\u{201c}' | '\u{201d}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        other => other,
    }
}

/// A link or an address in a meeting's description: boilerplate, not intent.
fn is_link(chunk: &str) -> bool {
    chunk.contains("://")
        || chunk.contains('@')
        || chunk
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("www."))
}

/// Reads an `intents.conf` text into the changes it asks for.
fn parse(file: &str, text: &str) -> Result<Vec<Change>, IntentConfigError> {
    let mut changes = Vec::new();
    // Which intent each phrase of this text went to, and on which line.
    let mut listed: HashMap<String, (Intent, usize)> = HashMap::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let error = |message: String| IntentConfigError {
            file: file.to_string(),
            line,
            message,
        };
        let content = strip_comment(raw).trim();
        if content.is_empty() {
            continue;
        }
        let (name, list) = content.split_once('=').ok_or_else(|| {
            error(
                "expected `intent = word, phrase, …`, for example `crisis = outage, is down`"
                    .into(),
            )
        })?;
        let name = name.trim();
        let intent: Intent = name.parse().map_err(|_| {
            error(format!(
                "unknown intent '{name}' (valid: {})",
                Intent::ids().join(", ")
            ))
        })?;
        let mut any = false;
        for entry in list.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            any = true;
            if let Some(removed) = entry.strip_prefix('-').map(str::trim) {
                if removed.is_empty() {
                    return Err(error("nothing to remove after '-'".into()));
                }
                changes.push(Change::Remove(phrase(intent, removed).map_err(error)?.key));
                continue;
            }
            let phrase = phrase(intent, entry).map_err(error)?;
            match listed.get(&phrase.key) {
                Some(&(other, on)) if other != intent => {
                    return Err(error(format!(
                        "'{entry}' is already listed for {other} on line {on}; a phrase points to one intent"
                    )));
                }
                Some(_) => continue,
                None => {
                    listed.insert(phrase.key.clone(), (intent, line));
                }
            }
            changes.push(Change::Add(phrase));
        }
        if !any {
            return Err(error(format!("no word given for '{name}'")));
        }
    }
    Ok(changes)
}

/// The lists with changes applied: an added phrase replaces the same phrase anywhere.
fn apply(mut phrases: Vec<Phrase>, changes: Vec<Change>) -> Vec<Phrase> {
    for change in changes {
        match change {
            Change::Add(phrase) => {
                phrases.retain(|p| p.key != phrase.key);
                phrases.push(phrase);
            }
            Change::Remove(key) => phrases.retain(|p| p.key != key),
        }
    }
    phrases
}

/// One entry of a list, read into tokens: `*` may end a word, control characters never
/// appear.
fn phrase(intent: Intent, entry: &str) -> Result<Phrase, String> {
    if entry.chars().any(char::is_control) {
        return Err(format!(
            "'{}' holds a control character",
            entry.escape_debug()
        ));
    }
    let mut pieces: Vec<Piece> = Vec::new();
    let mut words = 0;
    for chunk in entry.split_whitespace() {
        words += 1;
        let (body, prefix) = match chunk.strip_suffix('*') {
            Some(body) => (body, true),
            None => (chunk, false),
        };
        let ends_in_word = body.chars().next_back().is_some_and(is_word_char);
        if body.contains('*') || (prefix && !ends_in_word) {
            return Err(format!(
                "'*' may only end a word, as in `escalat*` (in '{entry}')"
            ));
        }
        let mut tokens = Tokens::default();
        tokens.read(body, false);
        let count = tokens.spans.len();
        for (at, &span) in tokens.spans.iter().enumerate() {
            pieces.push(Piece {
                text: tokens.text(span).into(),
                prefix: prefix && at + 1 == count,
            });
        }
    }
    let punctuation_only = !entry.chars().any(is_word_char);
    let key = pieces
        .iter()
        .map(|p| format!("{}{}", p.text, if p.prefix { "*" } else { "" }))
        .collect::<Vec<_>>()
        .join(" ");
    Ok(Phrase {
        intent,
        pieces: pieces.into(),
        words,
        punctuation_only,
        key,
    })
}

/// A line without its comment: `#` starts one at the start of the line or after a space.
fn strip_comment(line: &str) -> &str {
    let mut previous = ' ';
    for (at, c) in line.char_indices() {
        if c == '#' && previous.is_whitespace() {
            return &line[..at];
        }
        previous = c;
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(lexicon: &Lexicon, title: &str) -> (Intent, Vec<String>) {
        let inferred = lexicon.infer(title);
        (inferred.intent, inferred.words)
    }

    #[test]
    fn the_shipped_lists_parse_and_each_phrase_points_to_one_intent() {
        let changes = parse(CONFIG_FILE, SHIPPED).unwrap();
        assert!(changes.iter().all(|c| matches!(c, Change::Add(_))));
        assert_eq!(changes.len(), Lexicon::shipped().len());
        for intent in Intent::ALL {
            assert!(
                Lexicon::shipped()
                    .phrases
                    .iter()
                    .any(|p| p.intent == *intent),
                "no phrase for {intent}"
            );
        }
    }

    #[test]
    fn precedence_names_every_intent_once() {
        for intent in Intent::ALL {
            assert_eq!(PRECEDENCE.iter().filter(|i| *i == intent).count(), 1);
        }
        assert!(precedence(Intent::Crisis) > precedence(Intent::Feedback));
        assert!(precedence(Intent::Status) > precedence(Intent::Fyi));
    }

    #[test]
    fn a_line_without_equals_names_the_form() {
        let err = Lexicon::with_config("intents.conf", "# mine\n\ncrisis outage").unwrap_err();
        assert_eq!(err.line, 3);
        assert_eq!(
            err.to_string(),
            "intents.conf line 3: expected `intent = word, phrase, …`, for example `crisis = outage, is down`"
        );
    }

    #[test]
    fn an_unknown_intent_lists_the_valid_ones() {
        let err = Lexicon::with_config("intents.conf", "panic = fire").unwrap_err();
        assert_eq!(
            err.to_string(),
            "intents.conf line 1: unknown intent 'panic' (valid: status, fyi, decided, question, review, decision, brainstorm, conflict, feedback, rapport, crisis)"
        );
    }

    #[test]
    fn empty_lists_and_misplaced_stars_are_errors() {
        let err = Lexicon::with_config("f", "crisis = , ,").unwrap_err();
        assert_eq!(err.to_string(), "f line 1: no word given for 'crisis'");
        let err = Lexicon::with_config("f", "ok = x\n").unwrap_err();
        assert_eq!(err.line, 1);
        for bad in [
            "crisis = esc*lation",
            "crisis = *",
            "crisis = go/*",
            "crisis = **",
        ] {
            let err = Lexicon::with_config("f", bad).unwrap_err();
            assert!(
                err.message.starts_with("'*' may only end a word"),
                "{bad}: {err}"
            );
        }
        let err = Lexicon::with_config("f", "crisis = -").unwrap_err();
        assert_eq!(err.to_string(), "f line 1: nothing to remove after '-'");
        let err = Lexicon::with_config("f", "crisis = fire\u{1b}[2J").unwrap_err();
        assert!(err.message.contains("control character"), "{err}");
    }

    #[test]
    fn one_phrase_for_two_intents_in_one_file_blames_the_later_line() {
        let err =
            Lexicon::with_config("f", "crisis = fire drill\n\nstatus = Fire  Drill").unwrap_err();
        assert_eq!(
            err.to_string(),
            "f line 3: 'Fire  Drill' is already listed for crisis on line 1; a phrase points to one intent"
        );
        // The same phrase twice for the same intent is harmless.
        assert!(Lexicon::with_config("f", "crisis = fire, fire\ncrisis = fire").is_ok());
    }

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let lexicon =
            Lexicon::with_config("f", "# my words\n\n  status = pulse # zorblat\n").unwrap();
        assert_eq!(
            read(&lexicon, "Team pulse"),
            (Intent::Status, vec!["pulse".into()])
        );
        assert_eq!(read(&lexicon, "zorblat"), (GUESS, vec![]));
    }

    #[test]
    fn a_user_adds_words_and_keeps_the_shipped_ones() {
        let lexicon = Lexicon::with_config("f", "crisis = code red, sev 2").unwrap();
        assert_eq!(
            read(&lexicon, "CODE RED: payroll run failed"),
            (Intent::Crisis, vec!["code red".into()])
        );
        assert_eq!(read(&lexicon, "Sev 2 in billing").0, Intent::Crisis);
        assert_eq!(read(&lexicon, "Checkout is down").0, Intent::Crisis);
        assert_eq!(lexicon.len(), Lexicon::shipped().len() + 2);
        assert_eq!(read(Lexicon::shipped(), "Code red").0, GUESS);
    }

    #[test]
    fn a_user_moves_a_shipped_word_to_another_intent_or_removes_it() {
        let shipped = Lexicon::shipped();
        assert_eq!(read(shipped, "Pricing proposal").0, Intent::Review);
        assert_eq!(read(shipped, "Weekly digest").0, Intent::Status);
        let lexicon = Lexicon::with_config("f", "decision = Proposal\nfyi = -digest").unwrap();
        assert_eq!(
            read(&lexicon, "Pricing proposal"),
            (Intent::Decision, vec!["proposal".into()])
        );
        assert_eq!(read(&lexicon, "Weekly digest"), (GUESS, vec![]));
        assert_eq!(lexicon.len(), shipped.len() - 1);
    }

    #[test]
    fn a_star_ends_a_word_that_matches_its_longer_forms() {
        let lexicon = Lexicon::with_config("f", "conflict = renegotiat*").unwrap();
        assert_eq!(
            read(&lexicon, "Renegotiating the Acme terms"),
            (Intent::Conflict, vec!["renegotiating".into()])
        );
        assert_eq!(read(&lexicon, "Renego").0, GUESS);
    }

    #[test]
    fn punctuation_counts_and_spaces_around_it_do_not() {
        let shipped = Lexicon::shipped();
        assert_eq!(
            read(shipped, "GO / NO-GO: launch"),
            (Intent::Decision, vec!["go / no-go".into()])
        );
        assert_eq!(read(shipped, "Go\u{2013}no\u{2013}go").0, Intent::Decision);
        assert_eq!(read(shipped, "1:1 Dana").0, Intent::Rapport);
        assert_eq!(read(shipped, "Room 1 1").0, GUESS);
        assert_eq!(
            read(shipped, "We\u{2019}ve decided: Rust").0,
            Intent::Decided
        );
    }

    #[test]
    fn the_longest_phrase_wins_and_ties_go_by_precedence() {
        let shipped = Lexicon::shipped();
        // "design doc" outweighs "feedback"; "feedback for" then ties it and wins.
        assert_eq!(
            read(shipped, "Feedback on the design doc").0,
            Intent::Review
        );
        assert_eq!(
            read(shipped, "Feedback for Sam on the design doc").0,
            Intent::Feedback
        );
        // A phrase inside a longer one does not count.
        assert_eq!(
            read(shipped, "Incident review"),
            (Intent::Review, vec!["incident review".into()])
        );
        // Same length: crisis before status.
        assert_eq!(
            read(shipped, "Status update: search is down").0,
            Intent::Crisis
        );
        assert_eq!(read(shipped, "Outage status").0, Intent::Crisis);
    }

    #[test]
    fn the_words_of_the_winning_intent_are_listed_once_in_title_order() {
        let (intent, words) = read(
            Lexicon::shipped(),
            "Feedback for Lee: performance review, feedback for next steps",
        );
        assert_eq!(intent, Intent::Feedback);
        assert_eq!(words, vec!["feedback for", "performance review"]);
    }

    #[test]
    fn empty_and_odd_titles_are_guesses() {
        for title in ["", "   ", "\u{1b}[31m", "***", "🙂"] {
            assert_eq!(
                read(Lexicon::shipped(), title),
                (GUESS, vec![]),
                "{title:?}"
            );
        }
    }

    #[test]
    fn reasons_read_as_short_sentences() {
        let one = Inferred {
            intent: Intent::Feedback,
            words: vec!["feedback to".into()],
        };
        assert_eq!(
            reason(&one),
            "Read as feedback from the phrase 'feedback to'; pick another intent if that is wrong"
        );
        let two = Inferred {
            intent: Intent::Crisis,
            words: vec!["outage".into(), "war room".into()],
        };
        assert!(
            reason(&two).contains("words and phrases 'outage', 'war room'"),
            "{}",
            reason(&two)
        );
        let tabbed = Inferred {
            intent: Intent::Feedback,
            words: vec!["feedback\tto".into()],
        };
        assert!(
            reason(&tabbed).contains("the phrase 'feedback to'"),
            "{}",
            reason(&tabbed)
        );
        let word = Inferred {
            intent: Intent::Crisis,
            words: vec!["outage".into()],
        };
        assert!(reason(&word).contains("the word 'outage'"));
        let guess = Inferred {
            intent: Intent::Fyi,
            words: vec![],
        };
        assert_eq!(
            reason(&guess),
            "No word of the title points to an intent, so fyi is a guess; pick the right one"
        );
    }
}
