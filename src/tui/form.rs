//! The add/edit form's state: its fields, the cursor, and validation into an item patch.

use crate::core::patch::{ItemPatch, parse_minutes, parse_title};
use crate::core::{Agenda, Item};

/// The fields of the form, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Title,
    With,
    Intent,
    Heat,
    Day,
    Minutes,
    Problem,
    PreRead,
    Outcome,
    Notes,
}

impl FieldKind {
    pub const ALL: [FieldKind; 10] = [
        FieldKind::Title,
        FieldKind::With,
        FieldKind::Intent,
        FieldKind::Heat,
        FieldKind::Day,
        FieldKind::Minutes,
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
            FieldKind::Heat => "Heat",
            FieldKind::Day => "Day",
            FieldKind::Minutes => "Minutes",
            FieldKind::Problem => "Problem",
            FieldKind::PreRead => "Pre-read",
            FieldKind::Outcome => "Outcome",
            FieldKind::Notes => "Notes",
        }
    }

    /// A hint shown beside an empty or focused field.
    pub fn hint(self) -> &'static str {
        match self {
            FieldKind::Title => "what you need to communicate",
            FieldKind::With => "who it is with",
            FieldKind::Intent => {
                "status fyi decided question review decision brainstorm conflict feedback rapport crisis"
            }
            FieldKind::Heat => "low medium high",
            FieldKind::Day => "mon tue wed thu fri sat sun",
            FieldKind::Minutes => "length of the sync part, 1-480",
            FieldKind::Problem => "agenda: the problem to solve",
            FieldKind::PreRead => "agenda: what to read first",
            FieldKind::Outcome => "agenda: the desired outcome",
            FieldKind::Notes => "notes for yourself",
        }
    }
}

/// One text field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub kind: FieldKind,
    pub value: String,
    /// Cursor position, in characters.
    pub cursor: usize,
    pub error: Option<String>,
}

/// The form: which item it edits (none when adding), its fields and the focused one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub target: Option<u32>,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// The fields' text when the form opened: an edit saves only what the user changed,
    /// so changes made elsewhere meanwhile to other fields survive.
    original: Vec<String>,
}

impl Form {
    /// A form filled in from an item; `target` is `None` when the item is new.
    pub fn from_item(item: &Item, target: Option<u32>) -> Form {
        let value = |kind: FieldKind| match kind {
            FieldKind::Title => item.title.clone(),
            FieldKind::With => item.with.clone(),
            FieldKind::Intent => item.intent.to_string(),
            FieldKind::Heat => item.heat.to_string(),
            FieldKind::Day => item.day.to_string(),
            FieldKind::Minutes => item.minutes.to_string(),
            FieldKind::Problem => item.agenda.problem.clone(),
            FieldKind::PreRead => item.agenda.pre_read.clone(),
            FieldKind::Outcome => item.agenda.outcome.clone(),
            FieldKind::Notes => item.notes.clone(),
        };
        let fields: Vec<Field> = FieldKind::ALL
            .iter()
            .map(|&kind| {
                let value = value(kind);
                Field {
                    kind,
                    cursor: value.chars().count(),
                    value,
                    error: None,
                }
            })
            .collect();
        Form {
            target,
            original: fields.iter().map(|f| f.value.clone()).collect(),
            fields,
            focus: 0,
        }
    }

    /// The focused field.
    pub fn focused(&mut self) -> &mut Field {
        let last = self.fields.len().saturating_sub(1);
        &mut self.fields[self.focus.min(last)]
    }

    pub fn next_field(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len().max(1);
    }

    pub fn prev_field(&mut self) {
        let n = self.fields.len().max(1);
        self.focus = (self.focus + n - 1) % n;
    }

    /// Validates every field: a patch, or the fields marked with their errors.
    pub fn validate(&mut self) -> Option<ItemPatch> {
        let mut patch = ItemPatch::default();
        let mut agenda = Agenda::default();
        for field in &mut self.fields {
            let text = field.value.trim();
            let result: Result<(), String> = match field.kind {
                FieldKind::Title => parse_title(text)
                    .map(|t| patch.title = Some(t))
                    .map_err(|e| e.to_string()),
                FieldKind::With => {
                    patch.with = Some(text.to_string());
                    Ok(())
                }
                FieldKind::Intent => text
                    .parse()
                    .map(|v| patch.intent = Some(v))
                    .map_err(|e: crate::core::week::UnknownValue| e.to_string()),
                FieldKind::Heat => text
                    .parse()
                    .map(|v| patch.heat = Some(v))
                    .map_err(|e: crate::core::week::UnknownValue| e.to_string()),
                FieldKind::Day => text
                    .parse()
                    .map(|v| patch.day = Some(v))
                    .map_err(|e: crate::core::week::UnknownValue| e.to_string()),
                FieldKind::Minutes => parse_minutes(text)
                    .map(|m| patch.minutes = Some(m))
                    .map_err(|e| e.to_string()),
                FieldKind::Problem => {
                    agenda.problem = text.to_string();
                    Ok(())
                }
                FieldKind::PreRead => {
                    agenda.pre_read = text.to_string();
                    Ok(())
                }
                FieldKind::Outcome => {
                    agenda.outcome = text.to_string();
                    Ok(())
                }
                FieldKind::Notes => {
                    patch.notes = Some(text.to_string());
                    Ok(())
                }
            };
            field.error = result.err();
        }
        patch.agenda = Some(agenda);
        if let Some(first_bad) = self.fields.iter().position(|f| f.error.is_some()) {
            self.focus = first_bad;
            return None;
        }
        if self.target.is_some() {
            self.keep_only_changes(&mut patch);
        }
        Some(patch)
    }

    /// Whether the user left a field as the form opened with it.
    pub fn is_unchanged(&self, kind: FieldKind) -> bool {
        self.fields
            .iter()
            .zip(&self.original)
            .any(|(f, original)| f.kind == kind && f.value == *original)
    }

    /// Drops from the patch every field the user left as it was.
    fn keep_only_changes(&self, patch: &mut ItemPatch) {
        let unchanged = |kind: FieldKind| self.is_unchanged(kind);
        if unchanged(FieldKind::Title) {
            patch.title = None;
        }
        if unchanged(FieldKind::With) {
            patch.with = None;
        }
        if unchanged(FieldKind::Intent) {
            patch.intent = None;
        }
        if unchanged(FieldKind::Heat) {
            patch.heat = None;
        }
        if unchanged(FieldKind::Day) {
            patch.day = None;
        }
        if unchanged(FieldKind::Minutes) {
            patch.minutes = None;
        }
        if unchanged(FieldKind::Notes) {
            patch.notes = None;
        }
        if [FieldKind::Problem, FieldKind::PreRead, FieldKind::Outcome]
            .into_iter()
            .all(unchanged)
        {
            patch.agenda = None;
        }
    }
}

impl Field {
    /// The part of the value that fits in `room` columns with the cursor in view, and the
    /// cursor's column within it: long values scroll sideways as the cursor moves.
    pub fn visible(&self, room: usize) -> (String, usize) {
        use unicode_width::UnicodeWidthChar;
        let room = room.max(1);
        // Sanitize both sides of the cursor apart, so that the cursor stays where it is
        // in the text even when sanitizing drops or merges characters.
        let raw: Vec<char> = self.value.chars().collect();
        let split = self.cursor.min(raw.len());
        let before: String = raw[..split].iter().collect();
        let after: String = raw[split..].iter().collect();
        let before = crate::core::sanitize::sanitize(&before);
        let cursor = before.chars().count();
        let chars: Vec<char> = before
            .chars()
            .chain(crate::core::sanitize::sanitize(&after).chars())
            .collect();
        let width = |part: &[char]| part.iter().map(|c| c.width().unwrap_or(0)).sum::<usize>();
        let mut start = 0;
        while start < cursor && width(&chars[start..cursor]) >= room {
            start += 1;
        }
        let mut shown = String::new();
        let mut used = 0;
        for c in &chars[start..] {
            let w = c.width().unwrap_or(0);
            if used + w > room {
                break;
            }
            shown.push(*c);
            used += w;
        }
        (shown, width(&chars[start..cursor]))
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.value
            .char_indices()
            .nth(char_index)
            .map_or(self.value.len(), |(i, _)| i)
    }

    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        let at = self.byte_at(self.cursor);
        self.value.insert(at, c);
        self.cursor += 1;
        self.error = None;
    }

    pub fn delete_back(&mut self) {
        if self.cursor == 0 {
            return;
        }
        self.cursor -= 1;
        let at = self.byte_at(self.cursor);
        self.value.remove(at);
        self.error = None;
    }

    pub fn delete_forward(&mut self) {
        if self.cursor < self.value.chars().count() {
            let at = self.byte_at(self.cursor);
            self.value.remove(at);
            self.error = None;
        }
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.value.chars().count());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.value.chars().count();
    }

    pub fn clear(&mut self) {
        self.value.clear();
        self.cursor = 0;
        self.error = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::week::Day;
    use crate::core::{Heat, Intent};
    use chrono::Utc;

    fn form() -> Form {
        let item = Item::new(0, "Plan", "2026-W48".parse().unwrap(), Day::Tue, Utc::now());
        Form::from_item(&item, None)
    }

    #[test]
    fn editing_moves_the_cursor_by_characters() {
        let mut f = form();
        let field = f.focused();
        field.home();
        field.insert('é');
        field.end();
        field.insert('!');
        field.left();
        field.delete_back();
        assert_eq!(field.value, "éPla!");
        assert_eq!(field.cursor, 4);
    }

    #[test]
    fn an_edit_saves_only_the_fields_that_changed() {
        let item = Item::new(4, "Plan", "2026-W48".parse().unwrap(), Day::Tue, Utc::now());
        let mut f = Form::from_item(&item, Some(4));
        assert_eq!(f.validate(), Some(ItemPatch::default()));
        f.fields[3].value = "high".into();
        assert_eq!(
            f.validate(),
            Some(ItemPatch {
                heat: Some(Heat::High),
                ..ItemPatch::default()
            })
        );
    }

    #[test]
    fn long_values_scroll_to_keep_the_cursor_in_view() {
        let mut f = form();
        let field = f.focused();
        field.clear();
        for c in "abcdefghijklmnopqrstuvwxyz".chars() {
            field.insert(c);
        }
        // Nine characters and the cursor after them fill the ten columns.
        assert_eq!(field.visible(10), ("rstuvwxyz".to_string(), 9));
        field.home();
        assert_eq!(field.visible(10), ("abcdefghij".to_string(), 0));
        assert_eq!(field.visible(40).0.len(), 26);
    }

    #[test]
    fn validation_marks_bad_fields_and_focuses_the_first() {
        let mut f = form();
        f.fields[0].clear();
        f.fields[5].value = "-5".into();
        assert!(f.validate().is_none());
        assert_eq!(f.focus, 0);
        assert!(
            f.fields[0]
                .error
                .as_deref()
                .unwrap()
                .contains("title is empty")
        );
        assert!(f.fields[5].error.as_deref().unwrap().contains("1 to 480"));

        f.fields[0].value = "Plan Q1".into();
        f.fields[5].value = "30".into();
        f.fields[2].value = "conflict".into();
        f.fields[3].value = "high".into();
        let patch = f.validate().unwrap();
        assert_eq!(patch.title.as_deref(), Some("Plan Q1"));
        assert_eq!(patch.intent, Some(Intent::Conflict));
        assert_eq!(patch.heat, Some(Heat::High));
        assert_eq!(patch.minutes, Some(30));
        assert!(f.fields.iter().all(|f| f.error.is_none()));
    }
}
