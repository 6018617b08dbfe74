//! The intent picker: one key per intent, from the keymap table.

use ratatui::Frame;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::Paragraph;

use super::app::App;
use super::keymap::{Scope, keys_label};
use super::popup;

/// Draws the picker over the screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let theme = &app.theme;
    let bindings: Vec<_> = app.keymap.scope(Scope::Picker).collect();
    let height = u16::try_from(bindings.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let inner = popup::open(frame, 60, height, "Intent · press its key", theme);
    let current = app.view.picker_intent;
    let lines: Vec<Line> = bindings
        .iter()
        .map(|b| {
            let chosen =
                matches!(b.action, super::action::Action::SetIntent(i) if Some(i) == current);
            let marker = if chosen { "▸ " } else { "  " };
            Line::from(vec![
                Span::raw(marker),
                Span::styled(format!("{:<5}", keys_label(&b.keys)), theme.key()),
                Span::raw(b.help),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(Text::from(lines)), inner);
}
