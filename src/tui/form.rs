//! The add/edit form's state: text fields (a byte cursor, linear edits, a length cap each),
//! choice fields (intent, private, heat, medium, day: picked, never typed), the intent read
//! from the title while the user has not picked one, a sync's start read as `--at` reads it,
//! and validation into an item patch.

use super::action::Action;
use crate::core::infer::Lexicon;
use crate::core::patch::{ItemPatch, MAX_TITLE, parse_minutes, parse_title};
use crate::core::sanitize::sanitize;
use crate::core::slot::{format_time, parse_at};
use crate::core::text;
use crate::core::week::Day;
use crate::core::{Agenda, ChosenMedium, Heat, Inferred, Intent, Item, Settings};

/// The fields of the form, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Title,
    With,
    Intent,
    Private,
    Heat,
    Medium,
    Day,
    Minutes,
    At,
    Problem,
    PreRead,
    Outcome,
    Notes,
}

impl FieldKind {
    pub const ALL: [FieldKind; 13] = [
        FieldKind::Title,
        FieldKind::With,
        FieldKind::Intent,
        FieldKind::Private,
        FieldKind::Heat,
        FieldKind::Medium,
        FieldKind::Day,
        FieldKind::Minutes,
        FieldKind::At,
        FieldKind::Problem,
        FieldKind::PreRead,
        FieldKind::Outcome,
        FieldKind::Notes,
    ];

    /// The label shown before the field.
    pub fn label(self) -> &'static str {
        match self {
            FieldKind::Title => "Title",
            FieldKind::With => "With",
            FieldKind::Intent => "Intent",
            FieldKind::Private => "Private",
            FieldKind::Heat => "Heat",
            FieldKind::Medium => "Medium",
            FieldKind::Day => "Day",
            FieldKind::Minutes => "Minutes",
            FieldKind::At => "At",
            FieldKind::Problem => "Problem",
            FieldKind::PreRead => "Pre-read",
            FieldKind::Outcome => "Outcome",
            FieldKind::Notes => "Notes",
        }
    }

    /// Whether the field is a choice among fixed values rather than text.
    pub fn is_choice(self) -> bool {
        matches!(
            self,
            FieldKind::Intent
                | FieldKind::Private
                | FieldKind::Heat
                | FieldKind::Medium
                | FieldKind::Day
        )
    }

    /// The most characters the field holds: typing stops there, a paste is cut there.
    pub fn limit(self) -> usize {
        match self {
            FieldKind::Title => MAX_TITLE,
            FieldKind::With => 120,
            FieldKind::Minutes => 3,
            // `HH:MM` or `none`, with room to show a wrong time whole in its error.
            FieldKind::At => 8,
            FieldKind::Problem | FieldKind::PreRead | FieldKind::Outcome => 500,
            FieldKind::Notes => 2000,
            // Choice fields hold no text.
            _ => 0,
        }
    }

    /// A hint shown under the form for the focused field, and in an empty text field.
    pub fn hint(self) -> &'static str {
        match self {
            FieldKind::Title => "what you need to communicate; the intent is read from it",
            FieldKind::With => "who it is with",
            FieldKind::Intent => {
                "←/→ or a letter picks: status fyi decided question review decision brainstorm conflict feedback rapport crisis; Ctrl-U reads it from the title again"
            }
            FieldKind::Private => {
                "←/→, space, y or n: a private item never appears in the brief or invites; Ctrl-U back to the intent's default"
            }
            FieldKind::Heat => "←/→ or a letter picks: low medium high",
            FieldKind::Medium => {
                "←/→ or a letter picks: auto (follow the advice) async sync brief-then-sync"
            }
            FieldKind::Day => "←/→ or a letter picks: mon tue wed thu fri sat sun",
            FieldKind::Minutes => "length of the sync part, 1-480; starts at the intent's timebox",
            FieldKind::At => {
                "start of the sync part, HH:MM on the 24-hour clock; a start typed here is pinned (schedule leaves it); empty for none"
            }
            FieldKind::Problem => "agenda: the problem to solve",
            FieldKind::PreRead => "agenda: what to read first",
            FieldKind::Outcome => "agenda: the desired outcome",
            FieldKind::Notes => "notes for yourself",
        }
    }

    /// The hint for an item whose medium is, or is not, a sync or a brief then a sync: a
    /// start only means something for a sync, so a written update's says so.
    pub fn hint_for(self, has_sync: bool) -> &'static str {
        match self {
            FieldKind::At if !has_sync => {
                "only applies to a sync; this item is a written update, so a start given waits until its medium has a sync"
            }
            _ => self.hint(),
        }
    }
}

/// One line of text being edited. The cursor is a byte index on a character boundary and
/// the character count is kept, so every edit costs the length of the change, never a scan
/// of the field from its start.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    value: String,
    cursor: usize,
    chars: usize,
    pub error: Option<String>,
}

/// Whether a typed character may go into a field: nothing the sanitiser would drop.
fn printable(c: char) -> bool {
    !c.is_control() && !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

impl TextInput {
    /// A field holding `value` made safe to show, with the cursor at its end.
    pub fn new(value: &str) -> TextInput {
        let value = sanitize(value);
        TextInput {
            cursor: value.len(),
            chars: value.chars().count(),
            value,
            error: None,
        }
    }

    pub fn value(&self) -> &str {
        &self.value
    }

    /// The cursor, as a byte index into `value`.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The number of characters held.
    pub fn len(&self) -> usize {
        self.chars
    }

    pub fn is_empty(&self) -> bool {
        self.chars == 0
    }

    /// Types a character at the cursor; false when the field is full (or the character
    /// is a control).
    pub fn insert(&mut self, c: char, limit: usize) -> bool {
        if !printable(c) || self.chars >= limit {
            return false;
        }
        self.value.insert(self.cursor, c);
        self.cursor += c.len_utf8();
        self.chars += 1;
        self.error = None;
        true
    }

    /// Inserts text at the cursor as one edit: made safe and one line, then cut to what
    /// the field still has room for. Returns how many characters were cut.
    pub fn insert_str(&mut self, text: &str, limit: usize) -> usize {
        let clean = sanitize(text);
        let room = limit.saturating_sub(self.chars);
        let (end, kept) = clean
            .char_indices()
            .take(room)
            .fold((0, 0), |(_, n), (at, c)| (at + c.len_utf8(), n + 1));
        let cut = clean[end..].chars().count();
        self.value.insert_str(self.cursor, &clean[..end]);
        self.cursor += end;
        self.chars += kept;
        self.error = None;
        cut
    }

    /// Replaces the whole value, the cursor at its end.
    pub fn set(&mut self, value: &str) {
        *self = TextInput::new(value);
    }

    fn prev_boundary(&self) -> Option<usize> {
        self.value[..self.cursor]
            .char_indices()
            .next_back()
            .map(|(at, _)| at)
    }

    fn next_boundary(&self) -> Option<usize> {
        self.value[self.cursor..]
            .chars()
            .next()
            .map(|c| self.cursor + c.len_utf8())
    }

    pub fn delete_back(&mut self) {
        if let Some(at) = self.prev_boundary() {
            self.value.replace_range(at..self.cursor, "");
            self.cursor = at;
            self.chars -= 1;
            self.error = None;
        }
    }

    pub fn delete_forward(&mut self) {
        if let Some(end) = self.next_boundary() {
            self.value.replace_range(self.cursor..end, "");
            self.chars -= 1;
            self.error = None;
        }
    }

    pub fn left(&mut self) {
        if let Some(at) = self.prev_boundary() {
            self.cursor = at;
        }
    }

    pub fn right(&mut self) {
        if let Some(at) = self.next_boundary() {
            self.cursor = at;
        }
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.value.len();
    }

    pub fn clear(&mut self) {
        self.value.clear();
        self.cursor = 0;
        self.chars = 0;
        self.error = None;
    }

    /// The part of the value that fits in `room` columns with the cursor in view, and the
    /// cursor's column within it: long values scroll sideways as the cursor moves. The text
    /// is drawn as `core::text::display` renders it, so every column stays aligned.
    pub fn visible(&self, room: usize) -> (String, usize) {
        use unicode_segmentation::UnicodeSegmentation;
        let room = room.max(1);
        let before = text::display(&self.value[..self.cursor]);
        let after = text::display(&self.value[self.cursor..]);
        let mut column = text::width(&before);
        let mut start = 0;
        for grapheme in before.graphemes(true) {
            if column < room {
                break;
            }
            column -= text::width(grapheme);
            start += grapheme.len();
        }
        let mut shown = String::new();
        let mut used = 0;
        for grapheme in before[start..].graphemes(true).chain(after.graphemes(true)) {
            let w = text::width(grapheme);
            if used + w > room {
                break;
            }
            shown.push_str(grapheme);
            used += w;
        }
        (shown, column)
    }
}

/// The choices of a vocabulary, by id.
fn ids<T: Copy>(all: &[T], id: impl Fn(T) -> String) -> Vec<String> {
    all.iter().map(|&v| id(v)).collect()
}

/// The index of the choice after `current` whose id starts with `letter` (the first one
/// when the current choice does not start with it), so pressing a letter again moves on
/// among the choices that share it.
fn by_letter(choices: &[String], current: usize, letter: char) -> Option<usize> {
    let letter = letter.to_ascii_lowercase();
    let starts = |i: &usize| choices[*i].starts_with(letter);
    let n = choices.len();
    (1..=n).map(|step| (current + step) % n).find(starts)
}

/// The index `step` places away from `current`, wrapping around.
fn stepped(current: usize, step: isize, n: usize) -> usize {
    let n = n.max(1);
    let step = step.rem_euclid(n as isize) as usize;
    (current + step) % n
}

/// What pasting did, for the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pasted {
    pub text: String,
    /// Whether the message is a refusal.
    pub error: bool,
}

/// The form: which item it edits (none when adding), its fields and the focused one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub target: Option<u32>,
    /// The focused field, an index into [`FieldKind::ALL`].
    pub focus: usize,
    pub title: TextInput,
    pub with: TextInput,
    pub minutes: TextInput,
    /// The sync's start, `HH:MM`; empty for none.
    pub at: TextInput,
    pub problem: TextInput,
    pub pre_read: TextInput,
    pub outcome: TextInput,
    pub notes: TextInput,
    pub intent: Intent,
    /// How the intent was read from the title, while it is inferred (not picked).
    pub inferred: Option<Inferred>,
    /// Whether the user picked the intent; until then a new item's follows the title.
    pub intent_picked: bool,
    pub private: bool,
    /// Whether the user set `private`; until then it is the intent's row's default.
    pub private_set: bool,
    pub heat: Heat,
    pub medium: ChosenMedium,
    pub day: Day,
    /// Whether the user typed the length; until then a new item's is the intent's timebox.
    minutes_set: bool,
    /// Whether the user edited the start; only then does saving pin it.
    at_set: bool,
    /// The item as the form opened it: the blank item when adding. An edit saves only
    /// what the user changed, so changes made elsewhere meanwhile to other fields survive.
    base: Item,
}

impl Form {
    /// A form filled in from an item; `target` is `None` when the item is new. A new item's
    /// intent, privacy and length follow the title until the user sets them; an edited
    /// item's are the ones it has.
    pub fn from_item(item: &Item, target: Option<u32>) -> Form {
        let editing = target.is_some();
        Form {
            target,
            focus: 0,
            title: TextInput::new(&item.title),
            with: TextInput::new(&item.with),
            minutes: TextInput::new(&item.minutes.to_string()),
            at: TextInput::new(&item.at.map(format_time).unwrap_or_default()),
            problem: TextInput::new(&item.agenda.problem),
            pre_read: TextInput::new(&item.agenda.pre_read),
            outcome: TextInput::new(&item.agenda.outcome),
            notes: TextInput::new(&item.notes),
            intent: item.intent,
            inferred: item
                .inferred
                .clone()
                .filter(|i| i.intent == item.intent && editing),
            intent_picked: editing,
            private: item.private,
            private_set: editing,
            heat: item.heat,
            medium: item.medium,
            day: item.day,
            minutes_set: editing,
            at_set: false,
            base: item.clone(),
        }
    }

    /// The kind of the focused field.
    pub fn focused_kind(&self) -> FieldKind {
        FieldKind::ALL[self.focus.min(FieldKind::ALL.len() - 1)]
    }

    /// The text of a text field; `None` for a choice field.
    pub fn text(&self, kind: FieldKind) -> Option<&TextInput> {
        Some(match kind {
            FieldKind::Title => &self.title,
            FieldKind::With => &self.with,
            FieldKind::Minutes => &self.minutes,
            FieldKind::At => &self.at,
            FieldKind::Problem => &self.problem,
            FieldKind::PreRead => &self.pre_read,
            FieldKind::Outcome => &self.outcome,
            FieldKind::Notes => &self.notes,
            _ => return None,
        })
    }

    fn text_mut(&mut self, kind: FieldKind) -> Option<&mut TextInput> {
        Some(match kind {
            FieldKind::Title => &mut self.title,
            FieldKind::With => &mut self.with,
            FieldKind::Minutes => &mut self.minutes,
            FieldKind::At => &mut self.at,
            FieldKind::Problem => &mut self.problem,
            FieldKind::PreRead => &mut self.pre_read,
            FieldKind::Outcome => &mut self.outcome,
            FieldKind::Notes => &mut self.notes,
            _ => return None,
        })
    }

    /// Changes the focused text field with `edit`: a length or a start the user changes is
    /// theirs from then (a key that changes nothing, a delete at the end, leaves it not so).
    fn edit_focused<R>(&mut self, edit: impl FnOnce(&mut TextInput) -> R) -> Option<R> {
        let kind = self.focused_kind();
        let tracked = matches!(kind, FieldKind::Minutes | FieldKind::At);
        let field = self.text_mut(kind)?;
        let before = tracked.then(|| field.value().to_string());
        let out = edit(field);
        let changed = before.is_some_and(|b| b != field.value());
        if changed {
            match kind {
                FieldKind::Minutes => self.minutes_set = true,
                _ => self.at_set = true,
            }
        }
        Some(out)
    }

    /// Does what a key asks in the form, on the focused field: a text field edits its text;
    /// a choice field takes ←/→ as the previous and next choice, Home/End as the first and
    /// last, and Ctrl-U or Backspace as its default. Returns a message for the footer when
    /// the key could do nothing. Tab, Enter and Esc are the app's.
    pub fn act(&mut self, action: Action) -> Option<String> {
        let kind = self.focused_kind();
        if kind.is_choice() {
            match action {
                Action::Input(c) => return self.input(c),
                Action::CursorLeft => self.cycle(-1),
                Action::CursorRight => self.cycle(1),
                Action::CursorHome => self.cycle_to(0),
                Action::CursorEnd => self.cycle_to(usize::MAX),
                Action::ClearField | Action::DeleteBack | Action::DeleteForward => {
                    self.reset_choice()
                }
                _ => {}
            }
            return None;
        }
        match action {
            Action::Input(c) => return self.input(c),
            Action::CursorLeft => self.text_mut(kind)?.left(),
            Action::CursorRight => self.text_mut(kind)?.right(),
            Action::CursorHome => self.text_mut(kind)?.home(),
            Action::CursorEnd => self.text_mut(kind)?.end(),
            Action::DeleteBack => self.edit_focused(TextInput::delete_back)?,
            Action::DeleteForward => self.edit_focused(TextInput::delete_forward)?,
            Action::ClearField => self.edit_focused(TextInput::clear)?,
            _ => {}
        }
        None
    }

    /// Sets the focused choice field to its choice at `index` (the last one at most).
    fn cycle_to(&mut self, index: usize) {
        let kind = self.focused_kind();
        let (choices, _) = self.choices(kind);
        if !choices.is_empty() {
            self.set_choice(kind, index.min(choices.len() - 1));
        }
    }

    /// The error of a field, if its value was refused.
    pub fn error(&self, kind: FieldKind) -> Option<&str> {
        self.text(kind).and_then(|t| t.error.as_deref())
    }

    /// A choice field's value as shown.
    pub fn choice(&self, kind: FieldKind) -> String {
        match kind {
            FieldKind::Intent => self.intent.to_string(),
            FieldKind::Private => if self.private { "yes" } else { "no" }.to_string(),
            FieldKind::Heat => self.heat.to_string(),
            FieldKind::Medium => self.medium.to_string(),
            FieldKind::Day => self.day.to_string(),
            _ => String::new(),
        }
    }

    /// Whether a new item's length still follows its intent's timebox.
    pub fn minutes_follow_intent(&self) -> bool {
        self.target.is_none() && !self.minutes_set
    }

    /// Whether the start shown is the one the item had, and whether that one was pinned
    /// (typed by the user) rather than given by `schedule`: `None` once the user edits it.
    pub fn at_kept(&self) -> Option<bool> {
        (!self.at_set && self.base.at.is_some()).then_some(self.base.at_pinned)
    }

    /// Whether the intent still follows the title (a new item whose intent is not picked).
    pub fn intent_follows_title(&self) -> bool {
        self.target.is_none() && !self.intent_picked
    }

    pub fn next_field(&mut self) {
        self.focus = (self.focus + 1) % FieldKind::ALL.len();
    }

    pub fn prev_field(&mut self) {
        let n = FieldKind::ALL.len();
        self.focus = (self.focus + n - 1) % n;
    }

    /// The choices of a choice field by id, and the index of the current one.
    fn choices(&self, kind: FieldKind) -> (Vec<String>, usize) {
        let at = |all: Vec<String>, current: String| {
            let index = all.iter().position(|c| *c == current).unwrap_or(0);
            (all, index)
        };
        match kind {
            FieldKind::Intent => at(ids(Intent::ALL, |v| v.to_string()), self.choice(kind)),
            FieldKind::Private => at(vec!["no".into(), "yes".into()], self.choice(kind)),
            FieldKind::Heat => at(ids(Heat::ALL, |v| v.to_string()), self.choice(kind)),
            FieldKind::Medium => at(ids(ChosenMedium::ALL, |v| v.to_string()), self.choice(kind)),
            FieldKind::Day => at(ids(&Day::ALL, |v| v.to_string()), self.choice(kind)),
            _ => (Vec::new(), 0),
        }
    }

    /// Sets the focused choice field to the choice of this index among its choices.
    fn set_choice(&mut self, kind: FieldKind, index: usize) {
        match kind {
            FieldKind::Intent => {
                if let Some(&intent) = Intent::ALL.get(index) {
                    self.intent = intent;
                    self.intent_picked = true;
                    self.inferred = None;
                }
            }
            FieldKind::Private => {
                self.private = index == 1;
                self.private_set = true;
            }
            FieldKind::Heat => self.heat = Heat::ALL.get(index).copied().unwrap_or(self.heat),
            FieldKind::Medium => {
                self.medium = ChosenMedium::ALL.get(index).copied().unwrap_or(self.medium)
            }
            FieldKind::Day => self.day = Day::from_index(index).unwrap_or(self.day),
            _ => {}
        }
    }

    /// Moves the focused choice field `step` choices on (negative: back), wrapping.
    pub fn cycle(&mut self, step: isize) {
        let kind = self.focused_kind();
        let (choices, current) = self.choices(kind);
        if !choices.is_empty() {
            self.set_choice(kind, stepped(current, step, choices.len()));
        }
    }

    /// Picks, in the focused choice field, the next choice starting with `letter`; in the
    /// private field `y` and `n` answer and space toggles. Returns whether a choice was made.
    pub fn choose_letter(&mut self, letter: char) -> bool {
        let kind = self.focused_kind();
        if kind == FieldKind::Private {
            match letter.to_ascii_lowercase() {
                'y' => self.set_choice(kind, 1),
                'n' => self.set_choice(kind, 0),
                ' ' => self.set_choice(kind, usize::from(!self.private)),
                _ => return false,
            }
            return true;
        }
        if letter == ' ' {
            self.cycle(1);
            return true;
        }
        let (choices, current) = self.choices(kind);
        match by_letter(&choices, current, letter) {
            Some(index) => {
                self.set_choice(kind, index);
                true
            }
            None => false,
        }
    }

    /// Puts the focused choice back to its default: a new item's intent read from the
    /// title again, privacy from the intent's row again.
    pub fn reset_choice(&mut self) {
        match self.focused_kind() {
            FieldKind::Intent if self.target.is_none() => self.intent_picked = false,
            FieldKind::Private if self.target.is_none() => self.private_set = false,
            _ => {}
        }
    }

    /// Sets the focused choice field to the choice a pasted text names; false if it names
    /// none.
    fn choose_text(&mut self, text: &str) -> bool {
        let kind = self.focused_kind();
        let wanted = text.trim().to_ascii_lowercase();
        let wanted = match (kind, wanted.as_str()) {
            (FieldKind::Private, "y" | "true" | "private") => "yes".to_string(),
            (FieldKind::Private, "n" | "false" | "shared") => "no".to_string(),
            _ => wanted,
        };
        let (choices, _) = self.choices(kind);
        match choices.iter().position(|c| *c == wanted) {
            Some(index) => {
                self.set_choice(kind, index);
                true
            }
            None => false,
        }
    }

    /// Types one character into the focused field: text goes into a text field; in a
    /// choice field a letter picks. Returns a message when nothing could be done.
    pub fn input(&mut self, c: char) -> Option<String> {
        let kind = self.focused_kind();
        if kind.is_choice() {
            return (!self.choose_letter(c)).then(|| {
                format!(
                    "{} is a choice: ←/→ or a letter picks ({})",
                    kind.label(),
                    self.choices(kind).0.join(" ")
                )
            });
        }
        let limit = kind.limit();
        self.edit_focused(|field| !field.insert(c, limit) && field.len() >= limit)?
            .then(|| format!("{} holds at most {limit} characters", kind.label()))
    }

    /// Pastes text into the focused field as one insertion, cut at the field's limit; a
    /// choice field takes a pasted choice's name. Returns what the footer should say.
    pub fn paste(&mut self, text: &str) -> Option<Pasted> {
        let kind = self.focused_kind();
        if kind.is_choice() {
            if self.choose_text(text) {
                return None;
            }
            return Some(Pasted {
                text: format!(
                    "{} is a choice, not text: ←/→ or a letter picks ({})",
                    kind.label(),
                    self.choices(kind).0.join(" ")
                ),
                error: true,
            });
        }
        let limit = kind.limit();
        let cut = self.edit_focused(|field| field.insert_str(text, limit))?;
        (cut > 0).then(|| Pasted {
            text: format!(
                "Pasted into the {} up to its {limit} characters; {cut} more were left out",
                name(kind)
            ),
            error: false,
        })
    }

    /// After any change: a new item's intent follows the title (as `lexicon` reads it)
    /// until the user picks one, and its privacy and length follow the intent's row in
    /// `settings` until the user sets them.
    pub fn follow_title(&mut self, lexicon: &Lexicon, settings: &Settings) {
        if self.intent_follows_title() {
            let inferred = lexicon.infer(self.title.value());
            self.intent = inferred.intent;
            self.inferred = Some(inferred);
        }
        if self.target.is_some() {
            return;
        }
        let rule = settings.rule(self.intent);
        if !self.private_set {
            self.private = rule.private;
        }
        if !self.minutes_set {
            let minutes = rule.default_minutes().to_string();
            if self.minutes.value() != minutes {
                self.minutes.set(&minutes);
            }
        }
    }

    /// The item the form would save, as typed so far (not checked): what the live
    /// recommendation judges. A value that does not parse yet keeps the item's.
    pub fn draft(&self) -> Item {
        let mut item = self.base.clone();
        item.title = self.title.value().trim().to_string();
        item.with = self.with.value().trim().to_string();
        item.intent = self.intent;
        // Nothing is read from a title not yet typed: no reason says it guessed.
        item.inferred = if (self.intent_picked && self.target.is_none()) || item.title.is_empty() {
            None
        } else {
            self.inferred.clone()
        };
        item.private = self.private;
        item.heat = self.heat;
        item.medium = self.medium;
        item.day = self.day;
        if let Ok(minutes) = parse_minutes(self.minutes.value()) {
            item.minutes = minutes;
        }
        if let Ok(at) = parse_at(self.at.value()) {
            item.at = at;
            item.at_pinned = if self.at_set {
                at.is_some()
            } else {
                self.base.at_pinned
            };
        }
        item.agenda = self.agenda();
        item.notes = self.notes.value().trim().to_string();
        item
    }

    fn agenda(&self) -> Agenda {
        Agenda {
            problem: self.problem.value().trim().to_string(),
            pre_read: self.pre_read.value().trim().to_string(),
            outcome: self.outcome.value().trim().to_string(),
        }
    }

    /// Validates every field: a patch, or the fields marked with their errors and the focus
    /// on the first bad one. A new item's patch leaves out what still follows the title
    /// (the intent, for the draft to infer and record; privacy and length, for the draft to
    /// take from the intent's row); an edit's patch holds only what the user changed.
    pub fn validate(&mut self) -> Option<ItemPatch> {
        let title = parse_title(self.title.value()).map_err(|e| e.to_string());
        let minutes = parse_minutes(self.minutes.value()).map_err(|e| e.to_string());
        let at = parse_at(self.at.value()).map_err(|e| e.to_string());
        self.title.error = title.as_ref().err().cloned();
        self.minutes.error = minutes.as_ref().err().cloned();
        self.at.error = at.as_ref().err().cloned();
        let (Ok(title), Ok(minutes), Ok(at)) = (title, minutes, at) else {
            self.focus = FieldKind::ALL
                .iter()
                .position(|&k| self.error(k).is_some())
                .unwrap_or(0);
            return None;
        };
        let mut patch = ItemPatch {
            title: Some(title),
            with: Some(self.with.value().trim().to_string()),
            intent: Some(self.intent),
            heat: Some(self.heat),
            minutes: Some(minutes),
            day: Some(self.day),
            medium: Some(self.medium),
            agenda: Some(self.agenda()),
            notes: Some(self.notes.value().trim().to_string()),
            private: Some(self.private),
            // A start given pins it, as `--at` does; none given leaves a new item without.
            at: Some(at),
            ..ItemPatch::default()
        };
        if self.target.is_some() {
            self.keep_only_changes(&mut patch);
        } else {
            if self.intent_follows_title() {
                patch.intent = None;
            }
            if !self.private_set {
                patch.private = None;
            }
            if !self.minutes_set {
                patch.minutes = None;
            }
            if at.is_none() {
                patch.at = None;
            }
        }
        Some(patch)
    }

    /// Drops from the patch every field the user left as the item had it.
    fn keep_only_changes(&self, patch: &mut ItemPatch) {
        fn keep<T: PartialEq>(value: &mut Option<T>, was: &T) {
            if value.as_ref() == Some(was) {
                *value = None;
            }
        }
        let base = &self.base;
        // Text fields compare with the value as the form showed it (made safe).
        let shown = |text: &str| sanitize(text).trim().to_string();
        keep(&mut patch.title, &shown(&base.title));
        keep(&mut patch.with, &shown(&base.with));
        keep(&mut patch.notes, &shown(&base.notes));
        keep(&mut patch.intent, &base.intent);
        keep(&mut patch.heat, &base.heat);
        keep(&mut patch.minutes, &base.minutes);
        keep(&mut patch.day, &base.day);
        keep(&mut patch.medium, &base.medium);
        keep(&mut patch.private, &base.private);
        // A start is saved when the user edited it and saving changes it or pins it: one
        // left alone keeps the item's, pinned or given by `schedule`.
        let unchanged =
            |at: &Option<chrono::NaiveTime>| *at == base.at && (at.is_none() || base.at_pinned);
        if !self.at_set || patch.at.as_ref().is_some_and(unchanged) {
            patch.at = None;
        }
        let agenda = Agenda {
            problem: shown(&base.agenda.problem),
            pre_read: shown(&base.agenda.pre_read),
            outcome: shown(&base.agenda.outcome),
        };
        keep(&mut patch.agenda, &agenda);
    }
}

/// A field's name in a sentence.
fn name(kind: FieldKind) -> String {
    kind.label().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn blank() -> Item {
        Item::new(0, "", "2026-W48".parse().unwrap(), Day::Tue, Utc::now())
    }

    /// A new item's form, as the app opens it.
    fn form() -> Form {
        let mut f = Form::from_item(&blank(), None);
        f.follow_title(Lexicon::shipped(), &Settings::default());
        f
    }

    fn type_text(f: &mut Form, text: &str) {
        for c in text.chars() {
            f.input(c);
            f.follow_title(Lexicon::shipped(), &Settings::default());
        }
    }

    fn focus(f: &mut Form, kind: FieldKind) {
        f.focus = FieldKind::ALL.iter().position(|&k| k == kind).unwrap();
    }

    #[test]
    fn editing_moves_a_byte_cursor_by_characters() {
        let mut t = TextInput::new("Plan");
        t.home();
        assert!(t.insert('é', 10));
        t.end();
        t.insert('!', 10);
        t.left();
        t.delete_back();
        assert_eq!(t.value(), "éPla!");
        assert_eq!(t.cursor(), "éPla".len());
        assert_eq!(t.len(), 5);
        t.home();
        t.delete_forward();
        assert_eq!((t.value(), t.len()), ("Pla!", 4));
        // Controls and bidi overrides are never typed in.
        assert!(!t.insert('\u{1b}', 10));
        assert!(!t.insert('\u{202e}', 10));
        assert_eq!(t.value(), "Pla!");
    }

    #[test]
    fn long_values_scroll_to_keep_the_cursor_in_view() {
        let mut t = TextInput::default();
        t.insert_str("abcdefghijklmnopqrstuvwxyz", 100);
        // Nine characters and the cursor after them fill the ten columns.
        assert_eq!(t.visible(10), ("rstuvwxyz".to_string(), 9));
        t.home();
        assert_eq!(t.visible(10), ("abcdefghij".to_string(), 0));
        assert_eq!(t.visible(40).0.len(), 26);
    }

    #[test]
    fn choice_fields_cycle_with_arrows_and_pick_with_letters() {
        let mut f = form();
        focus(&mut f, FieldKind::Heat);
        assert_eq!(f.heat, Heat::Low);
        f.cycle(1);
        assert_eq!(f.heat, Heat::Medium);
        f.cycle(-2);
        assert_eq!(f.heat, Heat::High, "going back from low wraps to high");
        assert!(f.choose_letter('l'));
        assert_eq!(f.heat, Heat::Low);
        // A letter no choice starts with says what the choices are, and types nothing.
        let refusal = f.input('z').unwrap();
        assert!(refusal.contains("low medium high"), "{refusal}");

        focus(&mut f, FieldKind::Day);
        f.input('t');
        assert_eq!(f.day, Day::Thu, "from tue, t moves on to the next t");
        f.input('t');
        assert_eq!(f.day, Day::Tue);
        f.input('F');
        assert_eq!(f.day, Day::Fri);

        focus(&mut f, FieldKind::Medium);
        assert_eq!(f.medium, ChosenMedium::Auto);
        f.input('s');
        assert_eq!(f.medium, ChosenMedium::Sync);
        f.cycle(1);
        assert_eq!(f.medium, ChosenMedium::BriefThenSync);
        f.cycle(1);
        assert_eq!(f.medium, ChosenMedium::Auto);

        focus(&mut f, FieldKind::Intent);
        f.input('d');
        assert_eq!(f.intent, Intent::Decided);
        f.input('d');
        assert_eq!(f.intent, Intent::Decision);
        assert!(f.intent_picked);
        // No text ever lands in a choice field.
        assert_eq!(f.choice(FieldKind::Intent), "decision");
    }

    #[test]
    fn the_intent_follows_the_title_until_picked() {
        let mut f = form();
        assert!(f.intent_follows_title());
        type_text(&mut f, "Feedback to Sam on the incident write-up");
        assert_eq!(f.intent, Intent::Feedback);
        let inferred = f.inferred.clone().unwrap();
        assert_eq!(inferred.words, ["feedback to"]);
        // Retyped, the title leads elsewhere, and the intent follows.
        f.title.clear();
        type_text(&mut f, "Checkout is down");
        assert_eq!(f.intent, Intent::Crisis);
        // The draft is saved with the intent left to infer.
        assert_eq!(f.validate().unwrap().intent, None);
        assert_eq!(f.draft().inferred.map(|i| i.intent), Some(Intent::Crisis));

        // Picked, it stays, whatever the title says next.
        focus(&mut f, FieldKind::Intent);
        f.cycle(1);
        let picked = f.intent;
        assert!(f.inferred.is_none());
        focus(&mut f, FieldKind::Title);
        type_text(&mut f, " feedback");
        assert_eq!(f.intent, picked);
        assert_eq!(f.validate().unwrap().intent, Some(picked));
        assert_eq!(f.draft().inferred, None);
        // Ctrl-U on the intent reads it from the title again.
        focus(&mut f, FieldKind::Intent);
        f.reset_choice();
        f.follow_title(Lexicon::shipped(), &Settings::default());
        assert_eq!(f.intent, Intent::Crisis);
        assert!(f.inferred.is_some());
    }

    #[test]
    fn private_and_length_default_from_the_intents_row_until_set() {
        let settings = Settings::default();
        let mut f = form();
        assert!(!f.private);
        assert_eq!(f.minutes.value(), "15");
        type_text(&mut f, "Feedback to Sam");
        let row = settings.rule(Intent::Feedback);
        assert_eq!(f.private, row.private);
        assert!(f.private);
        assert_eq!(f.minutes.value(), row.default_minutes().to_string());
        // Picking a shared intent makes it shared again.
        focus(&mut f, FieldKind::Intent);
        f.input('s');
        f.follow_title(Lexicon::shipped(), &settings);
        assert_eq!((f.intent, f.private), (Intent::Status, false));
        assert_eq!(f.validate().unwrap().private, None, "left to the row");
        // Once the user sets it, the intent no longer moves it.
        focus(&mut f, FieldKind::Private);
        f.input('y');
        focus(&mut f, FieldKind::Intent);
        f.input('d');
        f.follow_title(Lexicon::shipped(), &settings);
        assert!(f.private);
        assert_eq!(f.validate().unwrap().private, Some(true));
        // Ctrl-U on it gives it back to the intent's row.
        focus(&mut f, FieldKind::Private);
        f.reset_choice();
        f.follow_title(Lexicon::shipped(), &settings);
        assert!(!f.private);
    }

    #[test]
    fn a_paste_is_one_insertion_cut_at_the_fields_limit() {
        let mut f = form();
        type_text(&mut f, "Re: ");
        let pasted = f.paste(&"x\n".repeat(5_000)).unwrap();
        assert_eq!(f.title.len(), MAX_TITLE);
        assert!(!f.title.value().contains('\n'), "a title is one line");
        assert_eq!(f.title.cursor(), f.title.value().len());
        let cut = 10_000 - (MAX_TITLE - 4);
        assert!(pasted.text.contains(&format!("{cut} more")), "{pasted:?}");
        assert!(pasted.text.contains("200 characters"), "{pasted:?}");
        // Controls and escape sequences never get in.
        focus(&mut f, FieldKind::Notes);
        assert_eq!(f.paste("a\u{1b}[31mb\u{9b}2Jc\u{202e}d"), None);
        assert_eq!(f.notes.value(), "abcd");
        // A choice field takes a choice's name, and refuses other text.
        focus(&mut f, FieldKind::Heat);
        assert_eq!(f.paste(" High\n"), None);
        assert_eq!(f.heat, Heat::High);
        assert!(f.paste("warm").unwrap().error);
        assert_eq!(f.heat, Heat::High);
    }

    #[test]
    fn an_edit_saves_only_the_fields_that_changed() {
        let item = Item::new(4, "Plan", "2026-W48".parse().unwrap(), Day::Tue, Utc::now());
        let mut f = Form::from_item(&item, Some(4));
        assert_eq!(f.validate(), Some(ItemPatch::default()));
        f.heat = Heat::High;
        assert_eq!(
            f.validate(),
            Some(ItemPatch {
                heat: Some(Heat::High),
                ..ItemPatch::default()
            })
        );
    }

    #[test]
    fn a_start_is_read_as_at_reads_it_and_pinned_only_when_the_user_edits_it() {
        let t = |text: &str| crate::core::slot::parse_time(text).ok();
        // A new item: empty is no start; a start typed is given, and so pinned.
        let mut f = form();
        type_text(&mut f, "Brainstorm the offsite");
        assert_eq!(f.validate().unwrap().at, None);
        focus(&mut f, FieldKind::At);
        type_text(&mut f, "9:30");
        assert_eq!(f.validate().unwrap().at, Some(t("09:30")));
        assert_eq!((f.draft().at, f.draft().at_pinned), (t("09:30"), true));

        // An item `schedule` gave a start: the form shows it, and leaves it unpinned
        // when the user saves another field.
        let mut item = Item::new(4, "Plan", "2026-W48".parse().unwrap(), Day::Tue, Utc::now());
        item.at = t("14:00");
        let mut f = Form::from_item(&item, Some(4));
        assert_eq!(f.at.value(), "14:00");
        assert_eq!(f.at_kept(), Some(false));
        f.heat = Heat::High;
        assert_eq!(f.validate().unwrap().at, None);
        // Retyped, even as it was, it is the user's: pinned.
        focus(&mut f, FieldKind::At);
        f.act(Action::ClearField);
        type_text(&mut f, "14:00");
        assert_eq!(f.at_kept(), None);
        assert_eq!(f.validate().unwrap().at, Some(t("14:00")));
        // Emptied, it is cleared.
        f.act(Action::ClearField);
        assert_eq!(f.validate().unwrap().at, Some(None));

        // A key that changes nothing leaves a start given by `schedule` unpinned.
        let mut f = Form::from_item(&item, Some(4));
        focus(&mut f, FieldKind::At);
        f.act(Action::CursorEnd);
        f.act(Action::DeleteForward);
        assert_eq!(
            f.at_kept(),
            Some(false),
            "a delete at the end changed nothing"
        );
        assert_eq!(f.validate(), Some(ItemPatch::default()));

        // A pinned start retyped as it was changes nothing.
        item.at_pinned = true;
        let mut f = Form::from_item(&item, Some(4));
        assert_eq!(f.at_kept(), Some(true));
        focus(&mut f, FieldKind::At);
        f.act(Action::DeleteBack);
        type_text(&mut f, "0");
        assert_eq!(f.validate(), Some(ItemPatch::default()));

        // A time the core cannot read is refused with the core's words, `none` is none.
        f.at.set("12:60");
        focus(&mut f, FieldKind::Title);
        assert!(f.validate().is_none());
        assert_eq!(f.focused_kind(), FieldKind::At);
        let error = crate::core::slot::parse_at("12:60")
            .unwrap_err()
            .to_string();
        assert_eq!(f.error(FieldKind::At), Some(error.as_str()));
        f.at.set("none");
        assert_eq!(f.validate().unwrap().at, Some(None));
    }

    #[test]
    fn a_starts_hint_says_when_it_does_not_apply() {
        assert_eq!(FieldKind::At.hint_for(true), FieldKind::At.hint());
        assert!(
            FieldKind::At
                .hint_for(false)
                .starts_with("only applies to a sync")
        );
        assert_eq!(FieldKind::Title.hint_for(false), FieldKind::Title.hint());
    }

    #[test]
    fn validation_marks_bad_fields_and_focuses_the_first() {
        let mut f = form();
        f.minutes_set = true;
        f.minutes.set("-5");
        assert!(f.validate().is_none());
        assert_eq!(f.focus, 0);
        assert!(
            f.error(FieldKind::Title)
                .unwrap()
                .contains("title is empty")
        );
        assert!(f.error(FieldKind::Minutes).unwrap().contains("1 to 480"));

        f.title.set("Plan Q1");
        f.minutes.set("30");
        f.intent = Intent::Conflict;
        f.intent_picked = true;
        f.heat = Heat::High;
        let patch = f.validate().unwrap();
        assert_eq!(patch.title.as_deref(), Some("Plan Q1"));
        assert_eq!(patch.intent, Some(Intent::Conflict));
        assert_eq!(patch.heat, Some(Heat::High));
        assert_eq!(patch.minutes, Some(30));
        assert!(FieldKind::ALL.iter().all(|&k| f.error(k).is_none()));
    }
}
