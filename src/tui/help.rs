//! The help overlay: every key of every mode, read from the keymap table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::App;
use super::keymap::{CONFIG_FILE, Scope, keys_label};
use super::popup;

fn section(app: &App, scope: Scope) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut lines = vec![Line::styled(scope.title(), theme.heading())];
    for binding in app.keymap.scope(scope) {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<12}", keys_label(&binding.keys)), theme.key()),
            Span::raw(binding.help),
        ]));
    }
    lines.push(Line::raw(""));
    lines
}

/// Draws the help overlay.
pub fn draw(frame: &mut Frame, app: &App) {
    let inner = popup::open(frame, 110, 44, "Keys · Esc closes", &app.theme);
    let [columns, note] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(2)]).areas(inner);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(52), Constraint::Percentage(48)]).areas(columns);
    let week = section(app, Scope::Normal);
    let mut others = section(app, Scope::Picker);
    others.extend(section(app, Scope::Form));
    others.extend(section(app, Scope::Filter));
    others.extend(section(app, Scope::Confirm));
    if columns.width >= 80 {
        frame.render_widget(
            Paragraph::new(Text::from(week)).scroll((app.help_scroll, 0)),
            left,
        );
        frame.render_widget(
            Paragraph::new(Text::from(others)).scroll((app.help_scroll, 0)),
            right,
        );
    } else {
        let mut all = week;
        all.extend(others);
        frame.render_widget(
            Paragraph::new(Text::from(all)).scroll((app.help_scroll, 0)),
            columns,
        );
    }
    let path = app.store.dir().join(CONFIG_FILE);
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!(
                "Rebind keys in {}: one `action = key …` per line, e.g. `down = n`.",
                path.display()
            ),
            app.theme.dim(),
        ))
        .wrap(Wrap { trim: true }),
        note,
    );
}
