//! The footer: the keys that matter in the current mode, the filter line, the question
//! before an operation, and the last message.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::action::Action;
use super::app::{App, Mode};
use super::keymap::{Scope, keys_label};
use crate::core::sanitize::sanitize;

/// The keys that work while the calendar has the focus, with what they do there.
fn calendar_keys(app: &App) -> Vec<(String, &'static str)> {
    [
        (Action::Help, "help"),
        (Action::Quit, "quit"),
        (Action::ReplaceMeeting, "written update instead"),
        (Action::ToggleCalendar, "back to items"),
        (Action::PanelDown, "scroll"),
    ]
    .into_iter()
    .filter_map(|(action, label)| {
        let binding = app
            .keymap
            .scope(Scope::Normal)
            .find(|b| b.action == action)?;
        Some((keys_label(&binding.keys), label))
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
            spans.push(Span::styled("/", theme.key()));
            spans.push(Span::raw(sanitize(&app.filter)));
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
    if let Some(message) = &app.message {
        let style = if message.error {
            theme.error()
        } else {
            theme.good()
        };
        spans.push(Span::styled(sanitize(&message.text), style));
        spans.push(Span::styled("  │ ", theme.dim()));
    }
    let entries = match &app.mode {
        Mode::Normal if app.calendar_focus => calendar_keys(app),
        // "Only this one" answers the series question alone.
        Mode::Confirm(question) if !question.has_one() => {
            let one = app
                .keymap
                .scope(Scope::Confirm)
                .find(|b| b.action == Action::ConfirmOne)
                .map(|b| keys_label(&b.keys));
            let mut entries = app.keymap.footer(Scope::Confirm);
            entries.retain(|(keys, _)| Some(keys) != one.as_ref());
            entries
        }
        mode => app.keymap.footer(mode.scope()),
    };
    // Whole entries only: one that does not fit is left out, never cut.
    let mut used: usize = spans.iter().map(Span::width).sum();
    for (n, (keys, label)) in entries.into_iter().enumerate() {
        let sep = if n > 0 { " · " } else { "" };
        let entry = format!("{sep}{keys} {label}");
        let width = crate::core::text::width(&entry);
        if used + width > usize::from(area.width) {
            break;
        }
        used += width;
        spans.push(Span::styled(sep, theme.dim()));
        spans.push(Span::styled(keys, theme.key()));
        spans.push(Span::raw(format!(" {label}")));
    }
    frame.render_widget(Line::from(spans), area);
}
