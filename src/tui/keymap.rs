//! The keymap: one table that declares every key once and drives dispatch, the footer and the
//! help overlay; users rebind keys in `keys.conf` in the config directory.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use thiserror::Error;

use super::action::Action;
use crate::core::Intent;

/// The file, in the config directory, where users rebind keys.
pub const CONFIG_FILE: &str = "keys.conf";

/// Where a binding applies: the mode of the same name (declared with the modes).
pub use super::mode::Scope;

impl Scope {
    /// A heading for the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Scope::Normal => "Week",
            Scope::Picker => "Intent picker",
            Scope::Form => "Form (in a choice field, a letter picks)",
            Scope::Filter => "Filter",
            Scope::Confirm => "Question",
            Scope::Help => "Help",
            Scope::Review => "Review",
        }
    }
}

/// A key name `Key::parse` does not know; it says which names it does.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "unknown key '{0}' (a character, or enter, esc, tab, backtab, space, up, down, left, right, home, end, pageup, pagedown, backspace, delete, f1-f12, with ctrl-, alt- or shift- before it)"
)]
pub struct UnknownKey(pub String);

/// A key with its modifiers, normalised so that `G` and `shift-g` are the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Key {
        let mut modifiers =
            modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            // The character already says whether shift was held.
            modifiers.remove(KeyModifiers::SHIFT);
        }
        Key { code, modifiers }
    }

    /// The key of a terminal key event.
    pub fn of(event: &KeyEvent) -> Key {
        Key::new(event.code, event.modifiers)
    }

    /// Reads `j`, `G`, `ctrl-r`, `shift-tab`, `enter`, `f1`…
    pub fn parse(text: &str) -> Result<Key, UnknownKey> {
        let mut rest = text;
        let mut modifiers = KeyModifiers::NONE;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (prefix, flag) = if lower.starts_with("ctrl-") {
                ("ctrl-", KeyModifiers::CONTROL)
            } else if lower.starts_with("alt-") {
                ("alt-", KeyModifiers::ALT)
            } else if lower.starts_with("shift-") {
                ("shift-", KeyModifiers::SHIFT)
            } else {
                break;
            };
            if rest.len() == prefix.len() {
                break;
            }
            modifiers |= flag;
            rest = &rest[prefix.len()..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            // `shift-g` is the key that types `G`.
            (Some(c), None) if modifiers.contains(KeyModifiers::SHIFT) => {
                KeyCode::Char(c.to_ascii_uppercase())
            }
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                f if f.starts_with('f')
                    && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
                {
                    KeyCode::F(f[1..].parse().unwrap_or(1))
                }
                _ => return Err(UnknownKey(text.to_string())),
            },
        };
        Ok(Key::new(code, modifiers))
    }
}

impl Key {
    /// The key as `keys.conf` writes it, so that `Key::parse` reads it back.
    pub fn config_name(&self) -> String {
        let mut name = String::new();
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            name.push_str("ctrl-");
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            name.push_str("alt-");
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            name.push_str("shift-");
        }
        let base = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "enter".into(),
            KeyCode::Esc => "esc".into(),
            KeyCode::Tab => "tab".into(),
            KeyCode::BackTab => "backtab".into(),
            KeyCode::Up => "up".into(),
            KeyCode::Down => "down".into(),
            KeyCode::Left => "left".into(),
            KeyCode::Right => "right".into(),
            KeyCode::Home => "home".into(),
            KeyCode::End => "end".into(),
            KeyCode::PageUp => "pageup".into(),
            KeyCode::PageDown => "pagedown".into(),
            KeyCode::Backspace => "backspace".into(),
            KeyCode::Delete => "delete".into(),
            KeyCode::F(n) => format!("f{n}"),
            other => format!("{other:?}").to_lowercase(),
        };
        name.push_str(&base);
        name
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("C-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("M-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("S-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("S-Tab"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Backspace => f.write_str("Bksp"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// One declared binding.
#[derive(Debug, Clone)]
pub struct Binding {
    pub scope: Scope,
    /// The name users write in `keys.conf`.
    pub name: &'static str,
    pub action: Action,
    pub keys: Vec<Key>,
    /// A word or two for the footer.
    pub label: &'static str,
    /// A sentence for the help overlay.
    pub help: &'static str,
    /// How much the footer wants it: [`NOT_IN_FOOTER`] never shows, [`ALWAYS`] shows
    /// whatever else must go, and a higher rank leaves before a lower one when the footer
    /// is short.
    pub footer: u8,
}

/// The footer rank of a binding the footer never shows.
pub const NOT_IN_FOOTER: u8 = 0;
/// The footer rank of a binding the footer always shows, cutting a long message for it:
/// the help, which lists everything else. (The form and the questions say their way out
/// where they are drawn.)
pub const ALWAYS: u8 = 1;

/// The default table: scope, name, action, keys, footer label, help text, footer rank
/// (0 never, 1 always, then 2, 3… leave the footer last to first as it narrows).
type Row = (
    Scope,
    &'static str,
    Action,
    &'static str,
    &'static str,
    &'static str,
    u8,
);

#[rustfmt::skip]
const DEFAULTS: &[Row] = &[
    (Scope::Normal, "down", Action::Down, "j down", "move", "Select the next item", 0),
    (Scope::Normal, "up", Action::Up, "k up", "move", "Select the previous item", 0),
    (Scope::Normal, "first", Action::First, "g home", "first", "Select the first item", 0),
    (Scope::Normal, "last", Action::Last, "G end", "last", "Select the last item", 0),
    (Scope::Normal, "page-down", Action::PageDown, "pagedown", "page", "Move a page down the list", 0),
    (Scope::Normal, "page-up", Action::PageUp, "pageup", "page", "Move a page up the list", 0),
    (Scope::Normal, "panel-down", Action::PanelDown, "ctrl-d", "scroll", "Scroll the recommendation (wheel too)", 0),
    (Scope::Normal, "panel-up", Action::PanelUp, "ctrl-u", "scroll", "Scroll the recommendation back up", 0),
    (Scope::Normal, "zoom", Action::ToggleZoom, "z", "panel", "Panel and budget full screen, or the list", 0),
    (Scope::Normal, "add", Action::Add, "a", "add", "Add an item to this week", 2),
    (Scope::Normal, "edit", Action::Edit, "e", "edit", "Edit the selected item in a form", 2),
    (Scope::Normal, "cycle-medium", Action::CycleMedium, "m", "medium", "Cycle medium: auto async sync brief+sync", 3),
    (Scope::Normal, "accept", Action::AcceptRecommendation, "enter", "accept", "Accept the recommendation (medium auto)", 3),
    (Scope::Normal, "pick-intent", Action::PickIntent, "i", "intent", "Pick the intent with one key", 4),
    (Scope::Normal, "cycle-heat", Action::CycleHeat, "h", "heat", "Cycle the heat: low, medium, high", 7),
    (Scope::Normal, "more-minutes", Action::MoreMinutes, "+ =", "+5", "Five more minutes of sync", 0),
    (Scope::Normal, "fewer-minutes", Action::FewerMinutes, "-", "-5", "Five fewer minutes of sync", 0),
    (Scope::Normal, "prev-day", Action::PrevDay, "<", "day", "Move the item to the previous day", 0),
    (Scope::Normal, "next-day", Action::NextDay, ">", "day", "Move the item to the next day", 0),
    (Scope::Normal, "bounce", Action::Bounce, "b", "bounce", "One more back-and-forth on the thread", 0),
    (Scope::Normal, "toggle-done", Action::ToggleDone, "x", "done", "Mark the item done, or open again", 5),
    (Scope::Normal, "toggle-private", Action::TogglePrivate, "p", "private", "Private (out of the brief), or shared", 5),
    (Scope::Normal, "delete", Action::Delete, "d", "delete", "Delete the item (asks first)", 0),
    (Scope::Normal, "undo", Action::Undo, "u", "undo", "Undo the last change of this session", 4),
    (Scope::Normal, "redo", Action::Redo, "ctrl-r", "redo", "Redo what was undone", 0),
    (Scope::Normal, "clear-samples", Action::ClearSamples, "S", "clear samples", "Remove every sample item (asks first)", 0),
    (Scope::Normal, "carry", Action::Carry, "c", "carry", "Carry last week's open items here", 0),
    (Scope::Normal, "schedule", Action::Schedule, "s", "schedule", "Schedule the week's syncs in free time", 0),
    (Scope::Normal, "export", Action::ExportBrief, "E", "brief", "Write the brief to a file and clipboard", 0),
    (Scope::Normal, "toggle-calendar", Action::ToggleCalendar, "tab", "calendar", "Move between the items and the calendar", 0),
    (Scope::Normal, "replace-meeting", Action::ReplaceMeeting, "w", "written", "Replace a meeting with a written update", 0),
    (Scope::Normal, "prev-week", Action::PrevWeek, "[", "week", "Go to the previous week", 0),
    (Scope::Normal, "next-week", Action::NextWeek, "]", "week", "Go to the next week", 0),
    (Scope::Normal, "this-week", Action::ThisWeek, "t", "today", "Go back to this week", 0),
    (Scope::Normal, "sync-calendars", Action::SyncCalendars, "r", "sync", "Sync the calendars now, in the background", 0),
    (Scope::Normal, "filter", Action::Filter, "/", "filter", "Filter the items by text", 0),
    (Scope::Normal, "toggle-mouse", Action::ToggleMouse, "M", "mouse", "Release the mouse for text, or retake it", 0),
    (Scope::Normal, "toggle-week-view", Action::ToggleWeekView, "v", "week", "Switch between the list and the week grid", 6),
    (Scope::Normal, "review", Action::OpenReview, "R", "review", "Open the review of the last weeks", 5),
    (Scope::Normal, "help", Action::Help, "? f1", "help", "Show every key", 1),
    (Scope::Normal, "quit", Action::Quit, "q ctrl-c", "quit", "Quit (everything is already saved)", 2),
    (Scope::Picker, "intent-status", Action::SetIntent(Intent::Status), "s", "status", "status: progress report", 0),
    (Scope::Picker, "intent-fyi", Action::SetIntent(Intent::Fyi), "f", "fyi", "fyi: information, no answer needed", 0),
    (Scope::Picker, "intent-decided", Action::SetIntent(Intent::Decided), "a", "decided", "decided: a decision already made", 0),
    (Scope::Picker, "intent-question", Action::SetIntent(Intent::Question), "q", "question", "question: answerable in writing", 0),
    (Scope::Picker, "intent-review", Action::SetIntent(Intent::Review), "r", "review", "review: comments on a doc, design, code", 0),
    (Scope::Picker, "intent-decision", Action::SetIntent(Intent::Decision), "d", "decision", "decision: still to make, needs buy-in", 0),
    (Scope::Picker, "intent-brainstorm", Action::SetIntent(Intent::Brainstorm), "b", "brainstorm", "brainstorm: an open, ambiguous problem", 0),
    (Scope::Picker, "intent-conflict", Action::SetIntent(Intent::Conflict), "c", "conflict", "conflict: disagreement, competing goals", 0),
    (Scope::Picker, "intent-feedback", Action::SetIntent(Intent::Feedback), "k", "feedback", "feedback: sensitive feedback to a person", 0),
    (Scope::Picker, "intent-rapport", Action::SetIntent(Intent::Rapport), "p", "rapport", "rapport: building a working relationship", 0),
    (Scope::Picker, "intent-crisis", Action::SetIntent(Intent::Crisis), "x", "crisis", "crisis: outage, incident or escalation", 0),
    (Scope::Picker, "picker-cancel", Action::Cancel, "esc", "cancel", "Close the picker", 2),
    (Scope::Form, "form-next", Action::NextField, "tab down", "next", "Next field", 3),
    (Scope::Form, "form-prev", Action::PrevField, "backtab up", "prev", "Previous field", 3),
    (Scope::Form, "form-save", Action::Submit, "enter", "save", "Save the item", 2),
    (Scope::Form, "form-cancel", Action::Cancel, "esc", "cancel", "Close the form without saving", 2),
    (Scope::Form, "form-left", Action::CursorLeft, "left", "", "Cursor left, or the previous choice", 0),
    (Scope::Form, "form-right", Action::CursorRight, "right", "", "Cursor right, or the next choice", 0),
    (Scope::Form, "form-home", Action::CursorHome, "home ctrl-a", "", "Go to the start of the field", 0),
    (Scope::Form, "form-end", Action::CursorEnd, "end ctrl-e", "", "Go to the end of the field", 0),
    (Scope::Form, "form-backspace", Action::DeleteBack, "backspace", "", "Delete the character before the cursor", 0),
    (Scope::Form, "form-delete", Action::DeleteForward, "delete", "", "Delete the character under the cursor", 0),
    (Scope::Form, "form-clear", Action::ClearField, "ctrl-u", "clear", "Clear the field, or reset a choice", 4),
    (Scope::Filter, "filter-keep", Action::Submit, "enter", "keep", "Keep the filter, back to the list", 2),
    (Scope::Filter, "filter-clear", Action::Cancel, "esc", "clear", "Clear the filter", 2),
    (Scope::Filter, "filter-backspace", Action::DeleteBack, "backspace", "", "Delete the last character", 0),
    (Scope::Confirm, "confirm-yes", Action::Confirm, "y", "yes", "Yes: do what the question asks", 2),
    (Scope::Confirm, "confirm-one", Action::ConfirmOne, "o", "only this one", "Only this one (a repeating meeting)", 2),
    (Scope::Confirm, "confirm-no", Action::Cancel, "n esc", "no", "No: change nothing", 2),
    (Scope::Help, "help-down", Action::Down, "j down", "scroll", "Scroll the help down", 3),
    (Scope::Help, "help-up", Action::Up, "k up", "scroll", "Scroll the help up", 0),
    (Scope::Help, "help-close", Action::Cancel, "esc ? q", "close", "Close the help", 2),
    (Scope::Review, "review-close", Action::Cancel, "esc R q", "close", "Close the review", 2),
];

/// A problem in `keys.conf`, with the line it is on.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{file} line {line}: {message}")]
pub struct KeyConfigError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// The bindings in force.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        let bindings = DEFAULTS
            .iter()
            .map(
                |&(scope, name, action, keys, label, help, footer)| Binding {
                    scope,
                    name,
                    action,
                    // The defaults are checked by a test, so every key parses.
                    keys: keys
                        .split_whitespace()
                        .filter_map(|k| Key::parse(k).ok())
                        .collect(),
                    label,
                    help,
                    footer,
                },
            )
            .collect();
        Keymap { bindings }
    }
}

impl Keymap {
    /// The defaults with the rebindings of a `keys.conf` text applied.
    ///
    /// Each line is `name = key key…`; `#` starts a comment. A rebinding replaces the
    /// default keys of that action.
    pub fn with_config(file: &str, text: &str) -> Result<Keymap, KeyConfigError> {
        let mut keymap = Keymap::default();
        let mut set_on_line = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let error = |message: String| KeyConfigError {
                file: file.to_string(),
                line,
                message,
            };
            let content = strip_comment(raw).trim();
            if content.is_empty() {
                continue;
            }
            let (name, keys) = content
                .split_once('=')
                .ok_or_else(|| error("expected `action = key …`, for example `down = j`".into()))?;
            let name = name.trim();
            let position = keymap
                .bindings
                .iter()
                .position(|b| b.name == name)
                .ok_or_else(|| {
                    error(format!(
                        "unknown action '{name}' (valid: {})",
                        keymap
                            .bindings
                            .iter()
                            .map(|b| b.name)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })?;
            let keys = keys
                .split_whitespace()
                .map(Key::parse)
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| error(e.to_string()))?;
            if keys.is_empty() {
                return Err(error(format!("no key given for '{name}'")));
            }
            keymap.bindings[position].keys = keys;
            set_on_line.push((position, line));
        }
        // A key may mean only one thing in a scope; a clash is blamed on the later line.
        let line_of = |position: usize| {
            set_on_line
                .iter()
                .rev()
                .find(|(p, _)| *p == position)
                .map_or(0, |(_, line)| *line)
        };
        let mut clash: Option<(usize, Key, usize)> = None;
        for &(position, line) in &set_on_line {
            let binding = &keymap.bindings[position];
            for key in &binding.keys {
                let others = keymap.bindings.iter().enumerate().filter(|(i, b)| {
                    *i != position && b.scope == binding.scope && b.keys.contains(key)
                });
                for (other, _) in others {
                    let blame = line.max(line_of(other));
                    if clash.is_none_or(|(l, _, _)| blame < l) {
                        clash = Some((blame, *key, if blame == line { other } else { position }));
                    }
                }
            }
        }
        if let Some((line, key, other)) = clash {
            return Err(KeyConfigError {
                file: file.to_string(),
                line,
                message: format!(
                    "key {key} is already bound to '{}'; rebind that action too",
                    keymap.bindings[other].name
                ),
            });
        }
        Ok(keymap)
    }

    /// The action a key asks for in a scope.
    pub fn action(&self, scope: Scope, key: Key) -> Option<Action> {
        self.bindings
            .iter()
            .find(|b| b.scope == scope && b.keys.contains(&key))
            .map(|b| b.action)
    }

    /// Every binding, in table order.
    pub fn bindings(&self) -> impl Iterator<Item = &Binding> {
        self.bindings.iter()
    }

    /// The bindings of a scope, in table order.
    pub fn scope(&self, scope: Scope) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.scope == scope)
    }

    /// The first key bound to an action in a scope, for hints such as "Enter accepts".
    pub fn key_for(&self, scope: Scope, action: Action) -> Option<Key> {
        self.scope(scope)
            .find(|b| b.action == action)
            .and_then(|b| b.keys.first().copied())
    }

    /// Footer entries of a scope with their ranks, help and quit first, then in table order.
    pub fn footer(&self, scope: Scope) -> Vec<FooterEntry> {
        let first = |b: &&Binding| matches!(b.action, Action::Help | Action::Quit);
        let (mut front, back): (Vec<&Binding>, Vec<&Binding>) = self
            .scope(scope)
            .filter(|b| b.footer != NOT_IN_FOOTER)
            .partition(first);
        front.extend(back);
        front
            .into_iter()
            .map(|b| FooterEntry {
                action: b.action,
                keys: keys_label(&b.keys),
                label: b.label,
                rank: b.footer,
            })
            .collect()
    }
}

/// One entry of the footer: the keys, a short label, and its rank in the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FooterEntry {
    pub action: Action,
    pub keys: String,
    pub label: &'static str,
    pub rank: u8,
}

/// Between two footer entries.
pub const FOOTER_SEPARATOR: &str = " · ";

impl FooterEntry {
    /// The entry as the footer writes it: `keys label`.
    pub fn text(&self) -> String {
        format!("{} {}", self.keys, self.label)
    }

    fn width(&self) -> usize {
        crate::core::text::width(&self.text())
    }
}

/// How wide these entries are on one line, with their separators.
pub fn footer_width<'a>(entries: impl IntoIterator<Item = &'a FooterEntry>) -> usize {
    let (sum, n) = entries
        .into_iter()
        .fold((0, 0usize), |(sum, n), e| (sum + e.width(), n + 1));
    sum + crate::core::text::width(FOOTER_SEPARATOR) * n.saturating_sub(1)
}

/// The entries that fit in `room` columns, whole, in the order given: taken by rank (the
/// table's order among equals) until the next one does not fit, so the least useful leave
/// first and a rank never shows without every lower one.
pub fn fit_footer(entries: Vec<FooterEntry>, room: usize) -> Vec<FooterEntry> {
    let mut by_rank: Vec<usize> = (0..entries.len()).collect();
    by_rank.sort_by_key(|&i| entries[i].rank);
    let separator = crate::core::text::width(FOOTER_SEPARATOR);
    let mut kept = vec![false; entries.len()];
    let mut used = 0;
    for (n, i) in by_rank.into_iter().enumerate() {
        let width = entries[i].width() + if n > 0 { separator } else { 0 };
        if used + width > room {
            break;
        }
        used += width;
        kept[i] = true;
    }
    entries
        .into_iter()
        .zip(kept)
        .filter_map(|(e, keep)| keep.then_some(e))
        .collect()
}

/// A line without its comment: `#` starts one at the start of the line or after a space,
/// except as the first key after `=`, so `filter = #` can still bind the `#` key.
fn strip_comment(line: &str) -> &str {
    let first_key = line.find('=').map(|eq| {
        let value = &line[eq + 1..];
        eq + 1 + (value.len() - value.trim_start().len())
    });
    let mut previous = ' ';
    for (at, c) in line.char_indices() {
        if c == '#' && previous.is_whitespace() && Some(at) != first_key {
            return &line[..at];
        }
        previous = c;
    }
    line
}

/// Keys for people: `j/↓`.
pub fn keys_label(keys: &[Key]) -> String {
    keys.iter()
        .map(Key::to_string)
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Key {
        Key::parse(text).unwrap()
    }

    #[test]
    fn every_default_key_parses_and_no_key_means_two_things() {
        for row in DEFAULTS {
            for k in row.3.split_whitespace() {
                assert!(Key::parse(k).is_ok(), "{k}");
            }
        }
        let keymap = Keymap::default();
        for a in &keymap.bindings {
            for b in &keymap.bindings {
                if a.name != b.name && a.scope == b.scope {
                    assert!(
                        a.keys.iter().all(|k| !b.keys.contains(k)),
                        "{} and {} share a key",
                        a.name,
                        b.name
                    );
                }
            }
        }
        let mut names: Vec<_> = keymap.bindings.iter().map(|b| b.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), keymap.bindings.len());
    }

    #[test]
    fn the_keys_listing_reads_back_as_the_defaults() {
        let listing: String = Keymap::default()
            .bindings()
            .map(|b| {
                let keys: Vec<String> = b.keys.iter().map(Key::config_name).collect();
                format!("{} = {} # {}\n", b.name, keys.join(" "), b.help)
            })
            .collect();
        let read = Keymap::with_config("keys.conf", &listing).unwrap();
        for (a, b) in read.bindings().zip(Keymap::default().bindings()) {
            assert_eq!(a.keys, b.keys, "{}", a.name);
        }
    }

    #[test]
    fn config_names_read_back_as_the_same_key() {
        for binding in Keymap::default().bindings() {
            for k in &binding.keys {
                assert_eq!(
                    Key::parse(&k.config_name()).unwrap(),
                    *k,
                    "{}",
                    binding.name
                );
            }
        }
    }

    #[test]
    fn the_footer_keeps_the_help_and_drops_the_highest_ranks_first() {
        let keymap = Keymap::default();
        let all = keymap.footer(Scope::Normal);
        assert_eq!(all[0].text(), "?/F1 help");
        assert_eq!(all[1].text(), "q/C-c quit");
        assert!(all.iter().any(|e| e.text() == "R review"));
        let shown = |room: usize| -> Vec<String> {
            fit_footer(all.clone(), room)
                .iter()
                .map(|e| e.keys.clone())
                .collect()
        };
        // Whatever the room, the entries kept are those of the lowest ranks, in table order.
        for room in 0..=200 {
            let kept = fit_footer(all.clone(), room);
            assert!(footer_width(&kept) <= room, "{room}");
            let worst = kept.iter().map(|e| e.rank).max().unwrap_or(0);
            let dropped = all.iter().filter(|e| !kept.contains(e));
            assert!(dropped.clone().all(|e| e.rank >= worst), "{room}");
            if room >= 9 {
                assert_eq!(kept[0].keys, "?/F1", "the help always shows ({room})");
            }
        }
        assert_eq!(shown(9), ["?/F1"]);
        assert_eq!(
            shown(80),
            ["?/F1", "q/C-c", "a", "e", "m", "Enter", "i"],
            "80 columns"
        );
        let wide = shown(120);
        assert!(wide.contains(&"R".to_string()), "{wide:?}");
        assert!(
            !wide.contains(&"h".to_string()),
            "heat leaves first: {wide:?}"
        );
        assert_eq!(shown(200).len(), all.len());
    }

    #[test]
    fn keys_are_normalised() {
        assert_eq!(key("G"), Key::new(KeyCode::Char('G'), KeyModifiers::SHIFT));
        assert_eq!(
            key("ctrl-r"),
            Key::new(KeyCode::Char('r'), KeyModifiers::CONTROL)
        );
        assert_eq!(
            key("shift-tab"),
            Key::new(KeyCode::BackTab, KeyModifiers::SHIFT)
        );
        assert_eq!(key("-"), Key::new(KeyCode::Char('-'), KeyModifiers::NONE));
        assert_eq!(key("f1"), Key::new(KeyCode::F(1), KeyModifiers::NONE));
        assert_eq!(key("shift-g"), key("G"));
        assert!(Key::parse("hyper-x").is_err());
    }

    #[test]
    fn dispatch_uses_the_table() {
        let keymap = Keymap::default();
        assert_eq!(keymap.action(Scope::Normal, key("j")), Some(Action::Down));
        assert_eq!(
            keymap.action(Scope::Normal, key("ctrl-r")),
            Some(Action::Redo)
        );
        assert_eq!(
            keymap.action(Scope::Picker, key("k")),
            Some(Action::SetIntent(Intent::Feedback))
        );
        assert_eq!(keymap.action(Scope::Normal, key("Z")), None);
    }

    #[test]
    fn config_rebinds_and_reports_the_bad_line() {
        let keymap =
            Keymap::with_config("keys.conf", "# mine\ndown = n   # next\nup = o\n").unwrap();
        assert_eq!(keymap.action(Scope::Normal, key("n")), Some(Action::Down));
        assert_eq!(keymap.action(Scope::Normal, key("j")), None);
        let hash = Keymap::with_config("keys.conf", "filter = # # find\n").unwrap();
        assert_eq!(hash.action(Scope::Normal, key("#")), Some(Action::Filter));

        let err = Keymap::with_config("keys.conf", "down = j\nfly = z\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(
            err.to_string()
                .starts_with("keys.conf line 2: unknown action 'fly' (valid: down, up,")
        );

        let err = Keymap::with_config("keys.conf", "\n\nadd = j\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "keys.conf line 3: key j is already bound to 'down'; rebind that action too"
        );

        let err = Keymap::with_config("keys.conf", "down = Z\nup = Z\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "keys.conf line 2: key Z is already bound to 'down'; rebind that action too"
        );

        assert_eq!(Keymap::with_config("k", "down j").unwrap_err().line, 1);
        assert_eq!(
            Keymap::with_config("k", "down = ctrl-").unwrap_err().line,
            1
        );
        assert_eq!(Keymap::with_config("k", "down =").unwrap_err().line, 1);
    }
}
