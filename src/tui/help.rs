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
            Span::styled(format!("{:<11}", keys_label(&binding.keys)), theme.key()),
            Span::raw(binding.help),
        ]));
    }
    lines.push(Line::raw(""));
    lines
}

/// The overlay's size at most; smaller screens get all of theirs.
const WIDTH: u16 = 110;
const HEIGHT: u16 = 44;
/// Rows under the key lists for the note on `keys.conf`.
const NOTE_ROWS: u16 = 2;
/// The narrowest inside width that shows the keys in two columns.
const TWO_COLUMNS_FROM: u16 = 80;

/// The key lists: the week's keys, then every other mode's (in one column when narrow).
fn columns(app: &App, two: bool) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
    let mut week = section(app, Scope::Normal);
    let mut others = Vec::new();
    for scope in [
        Scope::Picker,
        Scope::Form,
        Scope::Filter,
        Scope::Confirm,
        Scope::Help,
    ] {
        others.extend(section(app, scope));
    }
    if two {
        (week, others)
    } else {
        week.extend(others);
        (week, Vec::new())
    }
}

/// The inside of the overlay on a screen of this size: (width, rows for the key lists).
fn inner_size(screen: ratatui::layout::Rect) -> (u16, u16) {
    let width = WIDTH.min(screen.width).saturating_sub(2);
    let rows = HEIGHT.min(screen.height).saturating_sub(2 + NOTE_ROWS);
    (width, rows)
}

/// How far the help can scroll on the app's screen before it shows blank space.
pub fn max_scroll(app: &App) -> u16 {
    let (width, rows) = inner_size(app.screen);
    let (left, right) = columns(app, width >= TWO_COLUMNS_FROM);
    let longest = u16::try_from(left.len().max(right.len())).unwrap_or(u16::MAX);
    longest.saturating_sub(rows)
}

/// Draws the help overlay.
pub fn draw(frame: &mut Frame, app: &App) {
    let inner = popup::open(
        frame,
        WIDTH,
        HEIGHT,
        "Keys · j/k scroll · Esc closes",
        &app.theme,
    );
    let [lists, note] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(NOTE_ROWS)]).areas(inner);
    let two = lists.width >= TWO_COLUMNS_FROM;
    let (left_lines, right_lines) = columns(app, two);
    let scroll = (app.help_scroll.min(max_scroll(app)), 0);
    if two {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(52), Constraint::Percentage(48)])
                .spacing(2)
                .areas(lists);
        frame.render_widget(Paragraph::new(Text::from(left_lines)).scroll(scroll), left);
        frame.render_widget(
            Paragraph::new(Text::from(right_lines)).scroll(scroll),
            right,
        );
    } else {
        frame.render_widget(Paragraph::new(Text::from(left_lines)).scroll(scroll), lists);
    }
    let path = app.store.dir().join(CONFIG_FILE);
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!(
                "Rebind keys in {}: one `action = key …` per line, e.g. `down = n`; `syncwise keys` lists the actions.",
                path.display()
            ),
            app.theme.dim(),
        ))
        .wrap(Wrap { trim: true }),
        note,
    );
}
