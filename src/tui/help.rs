//! The help overlay: every key of every mode, read from the keymap table. It reads no
//! `App`: the app asks it how many lines it has, and keeps the scroll in a `ListState`.

use std::path::Path;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

use super::keymap::{Keymap, Scope, keys_label};
use super::list_state::ListState;
use super::popup;
use super::theme::Theme;

fn section(keymap: &Keymap, theme: &Theme, scope: Scope) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(scope.title(), theme.heading())];
    for binding in keymap.scope(scope) {
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
fn columns(keymap: &Keymap, theme: &Theme, two: bool) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
    let mut week = section(keymap, theme, Scope::Normal);
    let mut others = Vec::new();
    for scope in [
        Scope::Picker,
        Scope::Form,
        Scope::Filter,
        Scope::Confirm,
        Scope::Help,
        Scope::Review,
    ] {
        others.extend(section(keymap, theme, scope));
    }
    if two {
        (week, others)
    } else {
        week.extend(others);
        (week, Vec::new())
    }
}

/// The inside of the overlay on a screen of this size: (width, rows for the key lists).
fn inner_size(screen: Rect) -> (u16, u16) {
    let width = WIDTH.min(screen.width).saturating_sub(2);
    let rows = HEIGHT.min(screen.height).saturating_sub(2 + NOTE_ROWS);
    (width, rows)
}

/// The help as a list on a screen of this size: (lines in its longest column, rows shown).
pub fn page(keymap: &Keymap, screen: Rect) -> (usize, usize) {
    let (width, rows) = inner_size(screen);
    let (left, right) = columns(keymap, &Theme::new(true), width >= TWO_COLUMNS_FROM);
    (left.len().max(right.len()), usize::from(rows))
}

/// Draws the help overlay, scrolled as `scroll` says; `config` is where `keys.conf` goes.
pub fn draw(frame: &mut Frame, keymap: &Keymap, theme: &Theme, scroll: &ListState, config: &Path) {
    let inner = popup::open(
        frame,
        WIDTH,
        HEIGHT,
        "Keys · j/k scroll · Esc closes",
        theme,
    );
    let [lists, note] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(NOTE_ROWS)]).areas(inner);
    let two = lists.width >= TWO_COLUMNS_FROM;
    let (left_lines, right_lines) = columns(keymap, theme, two);
    // Never past the end on this frame, whatever size the state was last fitted to.
    let (lines, rows) = page(keymap, frame.area());
    let offset = scroll.offset().min(lines.saturating_sub(rows));
    let scroll = (u16::try_from(offset).unwrap_or(u16::MAX), 0);
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
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!(
                "Rebind keys in {}: one `action = key …` per line, e.g. `down = n`; `syncwise keys` lists the actions.",
                config.display()
            ),
            theme.dim(),
        ))
        .wrap(Wrap { trim: true }),
        note,
    );
}
