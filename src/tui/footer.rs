//! The footer: the keys that matter in the current mode (as many as fit, by the keymap
//! table's ranks, the help always), the filter line, the question before an operation, and
//! the last message.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::action::Action;
use super::app::{App, Mode};
use super::keymap::{ALWAYS, FOOTER_SEPARATOR, FooterEntry, Scope, fit_footer, footer_width};
use crate::core::sanitize::sanitize;
use crate::core::text::{tail, truncate, width};

/// Between the message and the keys.
const MESSAGE_SEPARATOR: &str = "  │ ";
/// The fewest columns a message keeps before it is cut to leave room for the help.
const MESSAGE_MIN: usize = 20;

/// The keys that work while the calendar has the focus, with what they do there: the
/// table's entries for those actions, ranked as listed here.
fn calendar_keys(app: &App) -> Vec<FooterEntry> {
    [
        (Action::Help, "help"),
        (Action::Quit, "quit"),
        (Action::ReplaceMeeting, "written update instead"),
        (Action::ToggleCalendar, "back to items"),
        (Action::PanelDown, "scroll"),
    ]
    .into_iter()
    .zip(ALWAYS..)
    .filter_map(|((action, label), rank)| {
        let binding = app
            .keymap
            .scope(Scope::Normal)
            .find(|b| b.action == action)?;
        Some(FooterEntry {
            action,
            keys: super::keymap::keys_label(&binding.keys),
            label,
            rank,
        })
    })
    .collect()
}

/// On a screen too small for every pane: what is hidden, and the key that shows it.
pub fn draw_hint(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let budget = &app.view.budget;
    let key = app.key_name(Action::ToggleZoom);
    let minutes = format!("{}/{} min", budget.sync_minutes, budget.budget_minutes);
    let variants = [
        format!(
            " shows the recommendation and the sync budget ({}, {minutes})",
            budget.zone
        ),
        format!(" shows the recommendation and budget ({minutes})"),
        " shows the recommendation and budget".to_string(),
        ": recommendation, budget".to_string(),
    ];
    let room = usize::from(area.width).saturating_sub(crate::core::text::width(&key));
    let text = variants
        .iter()
        .find(|v| crate::core::text::width(v) <= room)
        .cloned()
        .unwrap_or_default();
    let line = Line::from(vec![
        Span::styled(key, theme.key()),
        Span::styled(text, theme.dim()),
    ]);
    frame.render_widget(line, area);
}

/// Draws the footer line.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let mut spans = Vec::new();
    match &app.mode {
        Mode::Filter => {
            // A long filter shows its end, where the typing is, in at most half the line:
            // the keys keep the rest.
            let room = usize::from(area.width / 2).saturating_sub(4);
            spans.push(Span::styled("/", theme.key()));
            spans.push(Span::raw(tail(&app.filter, room)));
            spans.push(Span::styled("▏", theme.key()));
            spans.push(Span::raw("  "));
        }
        Mode::Confirm(_) => {
            if let Some(question) = &app.view.question {
                spans.push(Span::styled(question.clone(), theme.warning()));
            }
        }
        _ => {}
    }
    let entries = match &app.mode {
        Mode::Normal if app.calendar_focus => calendar_keys(app),
        // "Only this one" answers the series question alone.
        Mode::Confirm(question) if !question.has_one() => {
            let mut entries = app.keymap.footer(Scope::Confirm);
            entries.retain(|e| e.action != Action::ConfirmOne);
            entries
        }
        mode => app.keymap.footer(mode.scope()),
    };
    let room = usize::from(area.width);
    let mut used: usize = spans.iter().map(Span::width).sum();
    if let Some(message) = &app.message {
        let style = if message.error {
            theme.error()
        } else {
            theme.good()
        };
        // A long message is cut to leave the keys that always show their room; on a
        // screen too narrow to keep a readable message beside them all, the help's alone.
        let beside = |entries: &mut dyn Iterator<Item = &FooterEntry>| {
            room.saturating_sub(used + width(MESSAGE_SEPARATOR) + footer_width(entries))
        };
        let left = match beside(&mut entries.iter().filter(|e| e.rank <= ALWAYS)) {
            left if left >= MESSAGE_MIN => left,
            _ => beside(&mut entries.iter().filter(|e| e.action == Action::Help)),
        };
        let text = sanitize(&message.text);
        let text = if width(&text) > left {
            truncate(&text, left)
        } else {
            text
        };
        used += width(&text) + width(MESSAGE_SEPARATOR);
        spans.push(Span::styled(text, style));
        spans.push(Span::styled(MESSAGE_SEPARATOR, theme.dim()));
    }
    // Whole entries only: by rank, the least useful leave first; none is ever cut.
    for (n, entry) in fit_footer(entries, room.saturating_sub(used))
        .into_iter()
        .enumerate()
    {
        if n > 0 {
            spans.push(Span::styled(FOOTER_SEPARATOR, theme.dim()));
        }
        spans.push(Span::styled(entry.keys, theme.key()));
        spans.push(Span::raw(format!(" {}", entry.label)));
    }
    frame.render_widget(Line::from(spans), area);
}
